/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Escaping of untrusted bytes (file names, comm, argv) for text and JSON. */
#ifndef TK_ESCAPE_H
#define TK_ESCAPE_H

#include <stddef.h>

/*
 * Length of the valid UTF-8 sequence at s (at most n bytes), or 0 when the
 * first byte does not start one (overlong, surrogate, truncated, > U+10FFFF).
 */
size_t tk_utf8_seq(const unsigned char *s, size_t n);

/*
 * Text form of src[0..n): bytes below 0x20, DEL, C1 controls and invalid
 * UTF-8 become \n \t \r \\ or \xHH; valid UTF-8 passes through.  Writes at
 * most cap-1 bytes plus a NUL to dst (never splitting an escape) and returns
 * the length written.
 */
size_t tk_escape_text(char *dst, size_t cap, const char *src, size_t n);

/*
 * JSON string contents (without quotes) of src[0..n): " \ and controls are
 * escaped, C1 controls and DEL as \u00XX, and each invalid UTF-8 byte 0xHH as
 * \udcHH (the "surrogateescape" convention, so the bytes round-trip).  Same
 * buffer contract as tk_escape_text().
 */
size_t tk_escape_json(char *dst, size_t cap, const char *src, size_t n);

#endif
