/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * ABI shared by every BPF program and the user-side library: the standard
 * filter and the histogram layout.  Fixed-width types only, so the same
 * header compiles for the BPF target and for the host.
 */
#ifndef TK_ABI_H
#define TK_ABI_H

#define TK_COMM_LEN 16
#define TK_HIST_SLOTS 64
#define TK_STACK_DEPTH 127	/* frames per stack (the kernel's default maximum) */

/* Read from .rodata by tk_filter_pass(); all-zero means "trace everything". */
struct tk_filter {
	__u32 pid;		/* tgid; 0 = any */
	__u32 tid;		/* 0 = any */
	__u32 uid;
	__u8 uid_set;		/* uid 0 is a real uid, so a flag says whether it is set */
	__u8 cgroup_set;	/* match the cgroup stored in map tk_cgroup */
	__u8 comm_set;
	__u8 failed;		/* -x: only operations that failed (tk_result_pass) */
	char comm[TK_COMM_LEN];
	__u32 self;		/* the tracing tool's own tgid: never traced */
	__u32 pad2;
};
_Static_assert(sizeof(struct tk_filter) == 40, "tk_filter ABI");

/* One histogram: log2 or linear slots, 64-bit counts. */
struct tk_hist {
	__u64 slots[TK_HIST_SLOTS];
};

/* A histogram with the sum of the values recorded in it (in the tool's own
 * unit, often finer than the slots'), for totals and averages. */
struct tk_hist_sum {
	struct tk_hist hist;
	__u64 sum;
};

#endif
