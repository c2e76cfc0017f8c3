// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * wakeuptime: a thread that blocks (leaves the CPU not runnable, at
 * sched_switch) has the time noted; when another task wakes it
 * (sched_waking, in the waker's context), the time it was blocked is added
 * to the waker's stacks, with the woken thread's name as the target.  The
 * standard filter applies to the blocked thread.
 */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "sched.bpf.h"
#include "stackagg.bpf.h"
#include "wakeuptime.h"

const volatile bool cfg_kernel = true;
const volatile bool cfg_user = true;
const volatile __u64 cfg_min_ns = 1000;
const volatile __u64 cfg_max_ns = ~0ULL;

/* Blocked threads: when they left the CPU, by tid. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, __u64);
} start SEC(".maps");

static __always_inline int on_switch(struct task_struct *prev)
{
	__u32 tid = BPF_CORE_READ(prev, pid);
	__u64 ts;

	/* prev is current here: the standard filter applies to it */
	if (!tid || tk_task_state(prev) == 0 || !tk_filter_pass())
		return 0;
	ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&start, &tid, &ts, BPF_ANY);
	return 0;
}

static __always_inline int on_waking(void *ctx, struct task_struct *p)
{
	__u32 tid = BPF_CORE_READ(p, pid);
	struct tk_stack_key key;
	__u64 *ts, delta;

	ts = bpf_map_lookup_elem(&start, &tid);
	if (!ts)
		return 0;
	delta = bpf_ktime_get_ns() - *ts;
	bpf_map_delete_elem(&start, &tid);
	if (delta < cfg_min_ns || delta > cfg_max_ns)
		return 0;
	tk_stack_key_current(ctx, &key, cfg_kernel, cfg_user);
	bpf_probe_read_kernel_str(key.target, sizeof(key.target), &p->comm);
	tk_stack_count(&key, delta);
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(tp_btf_sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return on_switch(prev);
}

SEC("raw_tp/sched_switch")
int BPF_PROG(raw_tp_sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return on_switch(prev);
}

SEC("tp_btf/sched_waking")
int BPF_PROG(tp_btf_sched_waking, struct task_struct *p)
{
	return on_waking(ctx, p);
}

SEC("raw_tp/sched_waking")
int BPF_PROG(raw_tp_sched_waking, struct task_struct *p)
{
	return on_waking(ctx, p);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
