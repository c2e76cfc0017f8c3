/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* capable: the record BPF sends to user space. */
#ifndef CAPABLE_H
#define CAPABLE_H

enum capable_unique { CAPABLE_UNIQUE_OFF, CAPABLE_UNIQUE_PID, CAPABLE_UNIQUE_CGROUP };

struct capable_event {
	__u64 ts;		/* bpf_ktime_get_ns() at the check's end */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__s32 cap;		/* CAP_* number */
	__s32 ret;		/* 0 allowed, -EPERM denied */
	__s32 kstack;		/* stack ids (common/stack.bpf.h), when asked for */
	__s32 ustack;
	__s8 audit;		/* 1 audited, 0 CAP_OPT_NOAUDIT, -1 unknown (tracepoint) */
	__s8 insetid;		/* 1 CAP_OPT_INSETID, 0 not, -1 unknown */
	__u8 pad[2];
	char comm[16];
};
_Static_assert(sizeof(struct capable_event) == 56, "capable ABI");

#endif
