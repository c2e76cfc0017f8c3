/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* tcpstates: the record BPF sends to user space, one per state change. */
#ifndef TCPSTATES_H
#define TCPSTATES_H

#include "inet_abi.h"

struct tcpstates_event {
	struct tk_inet_tuple t;	/* sport is the local port */
	__u64 skaddr;		/* the struct sock */
	__u64 ts;		/* bpf_ktime_get_ns() at the change */
	__u64 delta_ns;		/* time in oldstate; 0 when its start was not seen */
	__u32 pid;		/* the task the kernel ran in (C-PID) */
	__s32 oldstate;
	__s32 newstate;
	__u32 pad;
	char comm[16];
};
_Static_assert(sizeof(struct tcpstates_event) == 40 + 24 + 16 + 16, "tcpstates ABI");

#endif
