/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Diagnostics on stderr ("<tool>: ...") and libbpf's log routed through them. */
#ifndef TK_LOG_H
#define TK_LOG_H

#include <stdbool.h>

/* Sets the tool name printed before every message, and the verbosity
 * (1: -v, 2: -vv adds libbpf debug output and the verifier log). */
void tk_log_init(const char *tool, int verbose);

/* Name of the tool, as given to tk_log_init(). */
const char *tk_tool_name(void);

/* Installs the libbpf print callback; while capturing, remembers the last
 * program libbpf complained about ("prog 'NAME': ..."). */
void tk_log_libbpf(void);
void tk_log_capture(bool on);
const char *tk_log_failed_prog(void);

/* Text of an errno or a libbpf error code (either sign). */
const char *tk_strerror(int err);

/* Prints "<tool>: usage: msg" and a --help pointer; returns TK_EXIT_USAGE. */
int tk_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
