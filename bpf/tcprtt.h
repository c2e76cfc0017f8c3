/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* tcprtt: the histogram key BPF and user space share. */
#ifndef TCPRTT_H
#define TCPRTT_H

#include "inet_abi.h"

/* What a histogram is kept per; the members the options do not ask for
 * are zero (all zero: one histogram). */
struct tcprtt_key {
	__u8 laddr[16];		/* as in struct tk_inet_tuple */
	__u8 raddr[16];
	__u16 family;		/* set with either address */
	__u16 lport;
	__u16 rport;
	__u16 pad;
};
_Static_assert(sizeof(struct tcprtt_key) == 40, "tcprtt ABI");

/* Address filters (-a, -A): family 0 = none. */
struct tcprtt_addr {
	__u8 addr[16];
	__u16 family;
	__u16 pad[3];
};
_Static_assert(sizeof(struct tcprtt_addr) == 24, "tcprtt addr ABI");

#endif
