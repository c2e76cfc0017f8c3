// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* runqlat: time from becoming runnable (wakeup, or preemption) to running. */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "hist.bpf.h"
#include "sched.bpf.h"
#include "runqlat.h"

const volatile __u32 cfg_split = TK_SPLIT_NONE;	/* enum tk_task_split */
const volatile bool cfg_msecs = false;

/* When each runnable thread was queued, by tid. */
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

static __always_inline int on_wakeup(struct task_struct *p)
{
	tk_runq_queued(&start, p);
	return 0;
}

/* prev leaves the CPU (still runnable when preempted), next gets it. */
static __always_inline int on_switch(struct task_struct *prev, struct task_struct *next)
{
	struct tk_task_key key;
	struct tk_hist *h;
	__u64 delta;

	if (!tk_runq_switch(&start, prev, next, &delta))
		return 0;
	delta /= cfg_msecs ? 1000000 : 1000;
	tk_task_key_fill(&key, next, cfg_split);
	h = tk_hist_row(&hists, &key, &zero_hist);
	if (h)
		tk_hist_add(h, tk_log2_slot(delta));
	return 0;
}

TK_RUNQ_PROGRAMS(on_wakeup, on_switch)

char LICENSE[] SEC("license") = "Dual BSD/GPL";
