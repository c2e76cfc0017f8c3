/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Signal names and numbers, for output ("SIGKILL", "SIGRTMIN+3") and for
 * options that take a signal ("KILL", "sigkill", "9").  Numbers are the
 * running architecture's; real-time signals are named from the C library's
 * SIGRTMIN, as kill(1) and the shell name them, and the numbers the C
 * library keeps for itself below SIGRTMIN (glibc: 32 and 33) as "SIG32".
 */
#ifndef TK_SIGNAME_H
#define TK_SIGNAME_H

#include <stddef.h>

/* Room for any name tk_signal_name() writes, NUL included. */
#define TK_SIGNAME_LEN 16

/*
 * Name of signal sig into buf (len bytes, TK_SIGNAME_LEN is enough): the
 * classic names with their "SIG" prefix, real-time signals as "SIGRTMIN",
 * "SIGRTMIN+n" and "SIGRTMAX".  Returns buf, or NULL when sig is not a
 * signal (0, negative, above SIGRTMAX); buf is then left alone.
 */
const char *tk_signal_name(int sig, char *buf, size_t len);

/*
 * Signal number of s: a decimal number from 0 to SIGRTMAX (0 is the null
 * signal kill(2) uses to test a process for existence), or a name with or
 * without "SIG", in any case: every name tk_signal_name() gives, "RTMAX-n",
 * and the aliases IOT, POLL and CLD.  Returns the number, or -EINVAL.
 */
int tk_signal_parse(const char *s);

/*
 * A struct tk_option parser (TK_OPT_CALL) for a signal option: stores
 * tk_signal_parse(arg) in *(int *)dest.  Returns NULL, or a message for the
 * user when arg is not a signal.
 */
const char *tk_opt_signal(const char *arg, void *dest);

#endif
