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
	case TK_SPLIT_PIDNS: {
		/* the namespace the task's pid lives in (not the one its
		 * children would get): thread_pid->numbers[level].ns */
		struct pid *pid = BPF_CORE_READ(t, thread_pid);
		unsigned int level = BPF_CORE_READ(pid, level);
		struct pid_namespace *ns = BPF_CORE_READ(pid, numbers[level].ns);

		k->id = BPF_CORE_READ(ns, ns.inum);
		break;
	}
	default:
		break;
	}
}

/*
 * Run-queue delay: how long a task waited for a CPU.  start is the tool's
 * hash map tid (__u32) -> enqueue time (__u64 ns).
 */

/* Task p joined a run queue (woken up, or preempted while runnable): starts
 * its clock, if it passes the filter (idle, tid 0, is never timed). */
static __always_inline void tk_runq_queued(void *start, struct task_struct *p)
{
	__u32 tid = BPF_CORE_READ(p, pid);
	__u64 ts;

	if (!tid || !tk_task_pass(p))
		return;
	ts = bpf_ktime_get_ns();
	bpf_map_update_elem(start, &tid, &ts, BPF_ANY);
}

/* At sched_switch: restarts prev's clock when it stays runnable, stops
 * next's.  Returns true and sets *delta_ns when next's clock was running. */
static __always_inline bool tk_runq_switch(void *start, struct task_struct *prev,
					   struct task_struct *next, __u64 *delta_ns)
{
	__u32 tid;
	__u64 *tsp, now;

	if (tk_task_state(prev) == 0)
		tk_runq_queued(start, prev);
	tid = BPF_CORE_READ(next, pid);
	tsp = bpf_map_lookup_elem(start, &tid);
	if (!tsp)
		return false;
	now = bpf_ktime_get_ns();
	*delta_ns = now > *tsp ? now - *tsp : 0;
	bpf_map_delete_elem(start, &tid);
	return true;
}

/* The six programs of a run-queue tool: sched_wakeup, sched_wakeup_new and
 * sched_switch as tp_btf (5.5+) and raw_tp (4.17+), the ladder choosing.
 * wakeup(struct task_struct *p) and on_switch(prev, next) return int. */
#define TK_RUNQ_PROGRAMS(wakeup, on_switch)						\
	SEC("tp_btf/sched_wakeup")							\
	int BPF_PROG(tp_btf_sched_wakeup, struct task_struct *p)			\
	{										\
		return wakeup(p);							\
	}										\
	SEC("tp_btf/sched_wakeup_new")							\
	int BPF_PROG(tp_btf_sched_wakeup_new, struct task_struct *p)			\
	{										\
		return wakeup(p);							\
	}										\
	SEC("tp_btf/sched_switch")							\
	int BPF_PROG(tp_btf_sched_switch, bool preempt, struct task_struct *prev,	\
		     struct task_struct *next)						\
	{										\
		return on_switch(prev, next);						\
	}										\
	SEC("raw_tp/sched_wakeup")							\
	int BPF_PROG(raw_tp_sched_wakeup, struct task_struct *p)			\
	{										\
		return wakeup(p);							\
	}										\
	SEC("raw_tp/sched_wakeup_new")							\
	int BPF_PROG(raw_tp_sched_wakeup_new, struct task_struct *p)			\
	{										\
		return wakeup(p);							\
	}										\
	SEC("raw_tp/sched_switch")							\
	int BPF_PROG(raw_tp_sched_switch, bool preempt, struct task_struct *prev,	\
		     struct task_struct *next)						\
	{										\
		return on_switch(prev, next);						\
	}

#endif
