/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * BPF side of the scheduler tools: the standard filter applied to any task
 * (not only the current one: sched_wakeup and sched_switch name other
 * tasks), the task's scheduling state, and the key of per-task histograms
 * (common/task_abi.h).  Include after tk.bpf.h.
 */
#ifndef TK_SCHED_BPF_H
#define TK_SCHED_BPF_H

#include "task_abi.h"

/* task_struct::state became __state in commit 2f064a59a11f ("sched: Change
 * task_struct::state", Linux 5.14). */
struct task_struct___pre514 {
	long state;
} __attribute__((preserve_access_index));

/* The task's state: 0 (TASK_RUNNING) when it is runnable. */
static __always_inline long tk_task_state(struct task_struct *t)
{
	if (bpf_core_field_exists(t->__state))
		return BPF_CORE_READ(t, __state);
	return BPF_CORE_READ((struct task_struct___pre514 *)t, state);
}

/* True when task t passes the user's pid/tid/uid/comm filter (the cgroup
 * filter tests the current task only: tools that use this one do not offer
 * -c).  The tool's own threads never pass. */
static __always_inline bool tk_task_pass(struct task_struct *t)
{
	__u32 tgid = BPF_CORE_READ(t, tgid);

	if (tk_filter.pid && tgid != tk_filter.pid)
		return false;
	if (tgid == tk_filter.self)
		return false;
	if (tk_filter.tid && (__u32)BPF_CORE_READ(t, pid) != tk_filter.tid)
		return false;
	if (tk_filter.uid_set && BPF_CORE_READ(t, cred, uid.val) != tk_filter.uid)
		return false;
	if (tk_filter.comm_set) {
		char comm[TK_COMM_LEN];

		BPF_CORE_READ_STR_INTO(&comm, t, comm);
		for (int i = 0; i < TK_COMM_LEN; i++) {
			if (comm[i] != tk_filter.comm[i])
				return false;
			if (!comm[i])
				break;
		}
	}
	return true;
}

/* Fills k for task t as split (enum tk_task_split) says. */
static __always_inline void tk_task_key_fill(struct tk_task_key *k, struct task_struct *t,
					     __u32 split)
{
	__builtin_memset(k, 0, sizeof(*k));
	switch (split) {
	case TK_SPLIT_PID:
		k->id = BPF_CORE_READ(t, tgid);
		BPF_CORE_READ_STR_INTO(&k->comm, t, group_leader, comm);
		break;
	case TK_SPLIT_TID:
		k->id = BPF_CORE_READ(t, pid);
		BPF_CORE_READ_STR_INTO(&k->comm, t, comm);
		break;
	case TK_SPLIT_PIDNS:
		k->id = BPF_CORE_READ(t, nsproxy, pid_ns_for_children, ns.inum);
		BPF_CORE_READ_STR_INTO(&k->comm, t, comm);
		break;
	default:
		break;
	}
}

#endif
