/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Output of records, lost-event notes and histograms: text or JSON Lines. */
#ifndef TK_OUTPUT_H
#define TK_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>
#include "tk.h"

/* Sets up stdout: line-buffered on a terminal, block-buffered otherwise.
 * start_ns is CLOCK_MONOTONIC at start, the base of TK_FT_TS_REL. */
void tk_out_init(FILE *f, bool json, unsigned long long start_ns);

/* True when field f is a text column under the current options. */
bool tk_field_visible(const struct tk_field *f);

/* Prints the text header of fields (nothing in JSON mode). */
void tk_out_header(const struct tk_field *fields);

/* Prints one record through the field table. */
void tk_out_record(const struct tk_field *fields, const void *rec);

/* Reads field f of rec into v (buf: TK_FIELD_BUF bytes of scratch). */
void tk_field_value(const struct tk_field *f, const void *rec, struct tk_value *v, char *buf);

/* True when field f applies to rec: each used f->when[] condition holds and
 * f->present (if set) returns true.  tk_field_value() leaves the value of
 * an absent field unset (text "-", JSON null). */
bool tk_field_present(const struct tk_field *f, const void *rec);

/* Text of src[0..n) in double quotes, strace-style: tk_escape_text() (which
 * writes a backslash as \\ and controls as \n, \xHH...), and an inner " as
 * \".  Writes at most cap-1 bytes plus a NUL to dst, always with both
 * quotes when cap >= 3 (the contents cut short when they do not fit; src
 * beyond 16 KiB of text is cut); returns the length written. */
size_t tk_text_quoted(char *dst, size_t cap, const char *src, size_t n);

/* Flushes; returns 0, or -EPIPE once the reader has gone away. */
int tk_out_flush(void);

/* Streaming JSON writer for one line: begin, fields, end. */
void tk_json_begin(void);
void tk_json_value(const char *key, const struct tk_value *v);
void tk_json_str(const char *key, const char *s);
void tk_json_uint(const char *key, unsigned long long u);
void tk_json_raw(const char *key, const char *literal);	/* literal JSON text */
/* Appends formatted literal JSON text to the object being built. */
void tk_json_append(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tk_json_end(void);

/* The output stream and mode, for renderers (histograms). */
FILE *tk_out_file(void);
bool tk_out_json(void);

/* Wall clock as HH:MM:SS into buf (at least 9 bytes). */
const char *tk_clock_str(char *buf, size_t len);

#endif
