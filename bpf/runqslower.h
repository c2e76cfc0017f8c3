/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* runqslower: one event per run-queue wait above the threshold. */
#ifndef RUNQSLOWER_H
#define RUNQSLOWER_H

#include "tk_abi.h"

struct runqslower_event {
	__u64 ts;			/* bpf_ktime_get_ns() when it ran */
	__u64 delta_us;			/* the wait */
	__u32 pid;			/* tgid of the task that waited */
	__u32 tid;
	__u32 prev_tid;			/* the task that left the CPU to it */
	__u32 pad;
	char comm[TK_COMM_LEN];
	char prev_comm[TK_COMM_LEN];
};
_Static_assert(sizeof(struct runqslower_event) == 64, "runqslower ABI");

#endif
