/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Text of bit flags, for frontends that decode arguments (errno names: names.h). */
#ifndef TK_FLAGS_H
#define TK_FLAGS_H

#include <stddef.h>

/* One named flag (or a named value of a multi-bit field: bits is then the
 * value and mask the field); a table ends with { 0 }. */
struct tk_flag_name {
	unsigned long long bits;
	const char *name;
	unsigned long long mask;	/* 0: the same as bits */
};

/*
 * Writes the names of the flags set in v, in table order and joined by
 * '|', to buf (len bytes, NUL-terminated, cut short when it does not fit).
 * Bits no entry names are appended as one hexadecimal number; v == 0 gives
 * "0" unless an entry names the value 0.  Returns the length written.
 */
size_t tk_flags_text(char *buf, size_t len, unsigned long long v, const struct tk_flag_name *names);

#endif
