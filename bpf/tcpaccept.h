/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* tcpaccept: the record BPF sends to user space. */
#ifndef TCPACCEPT_H
#define TCPACCEPT_H

#include "inet_abi.h"

struct tcpaccept_event {
	struct tk_inet_tuple t;	/* s = local end, d = remote end */
	__u64 ts;		/* bpf_ktime_get_ns() at the return of accept */
	__u32 pid;		/* the accepting task */
	__u32 tid;
	__u32 uid;
	__s32 fd;		/* the new file descriptor */
	char comm[16];
};
_Static_assert(sizeof(struct tcpaccept_event) == 40 + 8 + 16 + 16, "tcpaccept ABI");

#endif
