/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * BPF side of stack aggregation: the current task's stacks as a struct
 * tk_stack_key, and a hash map tk_stack_counts that adds samples or time
 * per key.  A full map is counted in tk_table_full (common/table.bpf.h); a
 * full stack map shows as a negative stack id in the key, which user space
 * (common/stackagg.c) counts and reports.  Define TK_NO_EVENTS before
 * tk.bpf.h: the tool has no ring buffer.
 */
#ifndef TK_STACKAGG_BPF_H
#define TK_STACKAGG_BPF_H

#include "stack.bpf.h"
#include "table.bpf.h"
#include "stackagg_abi.h"

/* Sized by tk_stackagg_configure() before load. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, struct tk_stack_key);
	__type(value, __u64);
} tk_stack_counts SEC(".maps");

/* Fills *key with the current task's tgid, comm and the stacks asked for
 * (ctx: the program's context); target is left empty. */
static __always_inline void tk_stack_key_current(void *ctx, struct tk_stack_key *key,
						 bool kernel, bool user)
{
	__builtin_memset(key, 0, sizeof(*key));
	key->pid = (__u32)(bpf_get_current_pid_tgid() >> 32);
	key->kstack = kernel ? tk_stack_kernel(ctx) : TK_STACK_NONE;
	key->ustack = user ? tk_stack_user(ctx) : TK_STACK_NONE;
	bpf_get_current_comm(key->comm, sizeof(key->comm));
}

/* Adds delta to key's total in tk_stack_counts. */
static __always_inline void tk_stack_count(const struct tk_stack_key *key, __u64 delta)
{
	__u64 zero = 0;
	__u64 *v = tk_table_row(&tk_stack_counts, key, &zero);

	if (v)
		__sync_fetch_and_add(v, delta);
}

#endif
