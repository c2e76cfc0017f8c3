/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Command-line parsing: the standard flag table plus a tool's own options. */
#ifndef TK_OPTS_H
#define TK_OPTS_H

#include "tk.h"

/*
 * Parses argv into tk_std and the tool's option destinations.  Returns 0 to
 * run, TK_EXIT_USAGE after printing a message, or -1 when --help/--version
 * was served (exit 0).
 */
int tk_opts_parse(const struct tk_tool *tool, int argc, char **argv);

/*
 * Strict number parsing: decimal digits only (no sign, no spaces), within
 * min..max (max 0 = no limit).  Returns 0, -EINVAL or -ERANGE.
 */
int tk_parse_uint(const char *s, unsigned long long min, unsigned long long max,
		  unsigned long long *out);

/*
 * An address or other 64-bit number: "0x" or "0X" and hex digits, or decimal
 * digits as tk_parse_uint() takes them.  Returns 0, -EINVAL or -ERANGE.
 */
int tk_parse_addr(const char *s, unsigned long long *out);

#endif
