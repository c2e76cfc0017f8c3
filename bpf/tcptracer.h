/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* tcptracer: the record BPF sends to user space. */
#ifndef TCPTRACER_H
#define TCPTRACER_H

#include "inet_abi.h"

enum tcptracer_type { TCPTRACER_CONNECT = 1, TCPTRACER_ACCEPT, TCPTRACER_CLOSE };

struct tcptracer_event {
	struct tk_inet_tuple t;	/* s = local end, d = remote end */
	__u64 ts;		/* bpf_ktime_get_ns() of the event */
	__u32 pid;		/* the process that connected or accepted */
	__u32 tid;
	__u32 uid;
	__u32 netns;		/* network namespace inode */
	__u8 type;		/* enum tcptracer_type */
	__u8 pad[7];
	char comm[16];
};
_Static_assert(sizeof(struct tcptracer_event) == 40 + 8 + 16 + 8 + 16, "tcptracer ABI");

#endif
