/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* solisten: the record BPF sends to user space. */
#ifndef SOLISTEN_H
#define SOLISTEN_H

#include "inet_abi.h"

struct solisten_event {
	struct tk_inet_tuple t;	/* the socket: saddr and sport are the local end */
	__u64 ts;		/* bpf_ktime_get_ns() at return */
	__s32 ret;		/* 0 or -errno */
	__s32 backlog;		/* as passed */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__u32 netns;		/* network namespace inode */
	char comm[16];
};
_Static_assert(sizeof(struct solisten_event) == 40 + 8 + 24 + 16, "solisten ABI");

#endif
