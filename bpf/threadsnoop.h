/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* threadsnoop: the record BPF sends to user space. */
#ifndef THREADSNOOP_H
#define THREADSNOOP_H

struct threadsnoop_event {
	__u64 ts;		/* bpf_ktime_get_ns() when the thread was cloned */
	__u64 func;		/* start_routine argument of pthread_create() */
	__u32 pid;		/* process (tgid) */
	__u32 tid;		/* the new thread */
	__u32 ptid;		/* the thread that called pthread_create() */
	__u32 uid;
	char comm[16];		/* of the calling thread */
};
_Static_assert(sizeof(struct threadsnoop_event) == 48, "threadsnoop ABI");

#endif
