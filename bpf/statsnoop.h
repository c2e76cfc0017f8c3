/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* statsnoop: the record BPF sends to user space. */
#ifndef STATSNOOP_H
#define STATSNOOP_H

#define STATSNOOP_PATH_LEN 256

/* Which call; the frontend names them. */
enum statsnoop_call {
	STATSNOOP_STAT, STATSNOOP_LSTAT, STATSNOOP_FSTATAT, STATSNOOP_STATX,
	STATSNOOP_STATFS, STATSNOOP_NEWSTAT, STATSNOOP_NEWLSTAT, STATSNOOP_NEWFSTATAT,
	STATSNOOP_STAT64, STATSNOOP_LSTAT64, STATSNOOP_FSTATAT64, STATSNOOP_NCALLS,
};

struct statsnoop_event {
	__u64 ts;		/* bpf_ktime_get_ns() at return */
	__s64 ret;		/* 0, or -errno */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__u32 call;		/* enum statsnoop_call */
	char comm[16];
	char path[STATSNOOP_PATH_LEN];	/* as passed, NUL-terminated */
};
_Static_assert(sizeof(struct statsnoop_event) == 32 + 16 + STATSNOOP_PATH_LEN, "statsnoop ABI");

#endif
