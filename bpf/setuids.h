/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* setuids: the record BPF sends to user space. */
#ifndef SETUIDS_H
#define SETUIDS_H

enum setuids_call {
	SETUIDS_SETUID, SETUIDS_SETGID, SETUIDS_SETREUID, SETUIDS_SETREGID,
	SETUIDS_SETRESUID, SETUIDS_SETRESGID, SETUIDS_SETFSUID, SETUIDS_SETFSGID,
	SETUIDS_NCALLS,
};

struct setuids_event {
	__u64 ts;		/* bpf_ktime_get_ns() at the return */
	__s64 ret;		/* 0 or -errno; setfsuid/setfsgid: the previous fs id */
	__u32 pid;
	__u32 tid;
	__u32 uid, euid, gid, egid;		/* the caller's ids before the call */
	__u32 new_uid, new_euid, new_gid, new_egid;	/* and after it */
	__u32 args[3];		/* the ids asked for, as passed ((uid_t)-1: unchanged) */
	__u8 call;		/* enum setuids_call */
	__u8 pad[3];
	char comm[16];
};
_Static_assert(sizeof(struct setuids_event) == 88, "setuids ABI");

#endif
