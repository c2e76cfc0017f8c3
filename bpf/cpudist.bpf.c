// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* cpudist: how long threads run on a CPU (or, with -O, stay off it) each time. */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "hist.bpf.h"
#include "sched.bpf.h"
#include "cpudist.h"

const volatile __u32 cfg_split = TK_SPLIT_NONE;	/* enum tk_task_split */
const volatile bool cfg_msecs = false;
const volatile bool cfg_offcpu = false;

/* When each thread went on the CPU (off it, with -O), by tid. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, __u64);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, struct tk_task_key);
	__type(value, struct tk_hist);
} hists SEC(".maps");

static struct tk_hist zero_hist;

/* Starts t's clock, now. */
static __always_inline void clock_start(struct task_struct *t, __u64 now)
{
	__u32 tid = BPF_CORE_READ(t, pid);

	if (tid && tk_task_pass(t))
		bpf_map_update_elem(&start, &tid, &now, BPF_ANY);
}

/* Stops t's clock and records the time since it started. */
static __always_inline void clock_stop(struct task_struct *t, __u64 now)
{
	__u32 tid = BPF_CORE_READ(t, pid);
	struct tk_task_key key;
	struct tk_hist *h;
	__u64 *tsp, delta;

	tsp = bpf_map_lookup_elem(&start, &tid);
	if (!tsp)
		return;
	delta = now > *tsp ? now - *tsp : 0;
	bpf_map_delete_elem(&start, &tid);
	delta /= cfg_msecs ? 1000000 : 1000;
	tk_task_key_fill(&key, t, cfg_split);
	h = tk_hist_row(&hists, &key, &zero_hist);
	if (h)
		tk_hist_add(h, tk_log2_slot(delta));
}

static __always_inline int on_switch(struct task_struct *prev, struct task_struct *next)
{
	__u64 now = bpf_ktime_get_ns();

	if (cfg_offcpu) {
		clock_start(prev, now);
		clock_stop(next, now);
	} else {
		clock_stop(prev, now);
		clock_start(next, now);
	}
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(tp_btf_sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return on_switch(prev, next);
}

SEC("raw_tp/sched_switch")
int BPF_PROG(raw_tp_sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	return on_switch(prev, next);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
