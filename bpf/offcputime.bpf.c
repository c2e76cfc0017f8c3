// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * offcputime: at sched_switch the task leaving the CPU has its stacks
 * recorded and the time noted; when it runs again, the time it spent off
 * the CPU is added to those stacks.
 */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "sched.bpf.h"
#include "stackagg.bpf.h"
#include "offcputime.h"

#define TK_PF_KTHREAD 0x00200000	/* include/linux/sched.h */

const volatile bool cfg_kernel = true;
const volatile bool cfg_user = true;
const volatile __u8 cfg_threads = OFFCPU_ALL;
/* only tasks leaving in a state with (state & cfg_state_mask) == cfg_state;
 * mask 0: any */
const volatile __u64 cfg_state_mask = 0;
const volatile __u64 cfg_state = 0;
const volatile __u64 cfg_min_ns = 1000;
const volatile __u64 cfg_max_ns = ~0ULL;

struct start {
	__u64 ts;
	struct tk_stack_key key;
};

/* Threads off the CPU: when they left and their stacks, by tid. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct start);
} start SEC(".maps");

static __always_inline int on_switch(void *ctx, struct task_struct *prev, struct task_struct *next)
{
	__u32 tid = BPF_CORE_READ(prev, pid);
	__u32 flags = BPF_CORE_READ(prev, flags);
	struct start *s, st;
	__u64 delta;

	/* prev is current here: the standard filter applies to it */
	if (tid && tk_filter_pass() &&
	    (cfg_threads != OFFCPU_USER || !(flags & TK_PF_KTHREAD)) &&
	    (cfg_threads != OFFCPU_KERNEL || (flags & TK_PF_KTHREAD)) &&
	    ((__u64)tk_task_state(prev) & cfg_state_mask) == cfg_state) {
		tk_stack_key_current(ctx, &st.key, cfg_kernel, cfg_user);
		st.ts = bpf_ktime_get_ns();
		bpf_map_update_elem(&start, &tid, &st, BPF_ANY);
	}
	tid = BPF_CORE_READ(next, pid);
	s = bpf_map_lookup_elem(&start, &tid);
	if (!s)
		return 0;
	delta = bpf_ktime_get_ns() - s->ts;
	if (delta >= cfg_min_ns && delta <= cfg_max_ns)
		tk_stack_count(&s->key, delta);
	bpf_map_delete_elem(&start, &tid);
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(tp_btf_sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return on_switch(ctx, prev, next);
}

SEC("raw_tp/sched_switch")
int BPF_PROG(raw_tp_sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return on_switch(ctx, prev, next);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
