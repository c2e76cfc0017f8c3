/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* softirqs: maps keyed by softirq vector. */
#ifndef SOFTIRQS_H
#define SOFTIRQS_H

struct softirqs_key {
	__u32 vec;		/* HI_SOFTIRQ = 0, TIMER_SOFTIRQ, NET_TX_SOFTIRQ, ... */
};
_Static_assert(sizeof(struct softirqs_key) == 4, "softirqs ABI");

#endif
