/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Stack aggregation ABI (common/stackagg.bpf.h, common/stackagg.h): a hash
 * map tk_stack_counts from struct tk_stack_key to a __u64 (samples, or
 * nanoseconds), shared by the BPF side and user space.
 */
#ifndef TK_STACKAGG_ABI_H
#define TK_STACKAGG_ABI_H

#include "tk_abi.h"

/* A stack id that was not asked for (the kernel's errors are -EFAULT,
 * -EEXIST, -ENOMEM; -1 is none of them). */
#define TK_STACK_NONE (-1)

struct tk_stack_key {
	__u32 pid;			/* tgid of the task the stacks are from */
	__s32 kstack;			/* kernel stack id, TK_STACK_NONE or -errno */
	__s32 ustack;			/* user stack id, TK_STACK_NONE or -errno */
	__u32 pad;
	char comm[TK_COMM_LEN];		/* the task's command name */
	char target[TK_COMM_LEN];	/* another task's name (a woken one), or "" */
};
_Static_assert(sizeof(struct tk_stack_key) == 48, "tk_stack_key ABI");

#endif
