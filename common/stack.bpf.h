/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * BPF-side stack traces: one BPF_MAP_TYPE_STACK_TRACE map, tk_stacks, and
 * helpers that store the current kernel or user stack and return its id
 * for the record.  A negative id is a lost stack (-EEXIST: another stack
 * holds the slot; -ENOMEM; -EFAULT: the user stack was not readable); the
 * user side prints it as lost.  User space (common/stack.c) reads the map
 * when it prints a record: fields of kind TK_FT_KSTACK / TK_FT_USTACK.
 */
#ifndef TK_STACK_BPF_H
#define TK_STACK_BPF_H

#include "tk_abi.h"

/* Slots are hashed by stack: ids are never deleted, so a busy map loses new
 * stacks (-EEXIST) rather than overwrite one a queued record still names.
 * tk_stack_configure() sets the size before load. */
struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, TK_STACK_DEPTH * sizeof(__u64));
	__uint(max_entries, 1);
} tk_stacks SEC(".maps");

/* Id of the current kernel stack (ctx: the program's context), or < 0. */
static __always_inline __s32 tk_stack_kernel(void *ctx)
{
	return (__s32)bpf_get_stackid(ctx, &tk_stacks, 0);
}

/* Id of the current task's user stack, or < 0. */
static __always_inline __s32 tk_stack_user(void *ctx)
{
	return (__s32)bpf_get_stackid(ctx, &tk_stacks, BPF_F_USER_STACK);
}

#endif
