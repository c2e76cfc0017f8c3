/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* exitsnoop: the record BPF sends to user space. */
#ifndef EXITSNOOP_H
#define EXITSNOOP_H

struct exitsnoop_event {
	__u64 ts;		/* bpf_ktime_get_ns() at the exit */
	__u64 age_ns;		/* since the process (or, for a thread exit, the thread) started */
	__u32 pid;		/* tgid */
	__u32 tid;
	__u32 ppid;		/* real parent's tgid */
	__u32 uid;
	__u32 status;		/* task->exit_code, the wait(2) status: code << 8 | 0x80 core | signal */
	__u8 process_exit;	/* the last thread: the process has ended */
	__u8 pad[3];
	char comm[16];
};
_Static_assert(sizeof(struct exitsnoop_event) == 56, "exitsnoop ABI");

#endif
