// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* runqslower: run-queue waits longer than a threshold, one event each. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "sched.bpf.h"
#include "runqslower.h"

const volatile __u64 cfg_min_us = 10000;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, __u64);
} start SEC(".maps");

static __always_inline int on_wakeup(struct task_struct *p)
{
	tk_runq_queued(&start, p);
	return 0;
}

static __always_inline int on_switch(struct task_struct *prev, struct task_struct *next)
{
	struct runqslower_event *e;
	__u64 delta;

	if (!tk_runq_switch(&start, prev, next, &delta))
		return 0;
	delta /= 1000;
	if (delta < cfg_min_us)
		return 0;
	e = tk_reserve(sizeof(*e));
	if (!e)
		return 0;
	e->ts = bpf_ktime_get_ns();
	e->delta_us = delta;
	e->pid = BPF_CORE_READ(next, tgid);
	e->tid = BPF_CORE_READ(next, pid);
	e->prev_tid = BPF_CORE_READ(prev, pid);
	e->pad = 0;
	BPF_CORE_READ_STR_INTO(&e->comm, next, comm);
	BPF_CORE_READ_STR_INTO(&e->prev_comm, prev, comm);
	tk_submit(e);
	return 0;
}

TK_RUNQ_PROGRAMS(on_wakeup, on_switch)

char LICENSE[] SEC("license") = "Dual BSD/GPL";
