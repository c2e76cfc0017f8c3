/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* opensnoop: the record BPF sends to user space. */
#ifndef OPENSNOOP_H
#define OPENSNOOP_H

#define OPENSNOOP_PATH_LEN 512

struct opensnoop_event {
	__u64 ts;		/* bpf_ktime_get_ns() at return */
	__s64 ret;		/* fd, or -errno */
	__u64 flags;		/* open flags (openat2: how.flags) */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__u32 mode;
	char comm[16];
	/* as passed, relative paths included; the ring record ends after its
	 * NUL, so read no further than that */
	char path[OPENSNOOP_PATH_LEN];
};
_Static_assert(sizeof(struct opensnoop_event) == 40 + 16 + OPENSNOOP_PATH_LEN, "opensnoop ABI");

#endif
