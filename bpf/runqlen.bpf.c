// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* runqlen: samples of each CPU's run-queue length, as linear histograms. */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "hist.bpf.h"
#include "runqlen.h"

const volatile bool cfg_per_cpu = false;

/* The per-CPU run queues; usable where the kernel's kallsyms lists per-CPU
 * variables (CONFIG_KALLSYMS_ALL): user space picks the program. */
extern const struct rq runqueues __ksym __weak;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct runqlen_key);
	__type(value, struct tk_hist);
} hists SEC(".maps");

static struct tk_hist zero_hist;

/* nr_running counts the task on the CPU too; the queue is the others. */
static __always_inline int record(__u32 nr_running)
{
	struct runqlen_key key = {};
	struct tk_hist *h;

	if (cfg_per_cpu)
		key.cpu = bpf_get_smp_processor_id();
	h = tk_hist_row(&hists, &key, &zero_hist);
	if (h)
		tk_hist_add(h, tk_linear_slot(nr_running ? nr_running - 1 : 0, 1));
	return 0;
}

SEC("perf_event")
int perf_event_runqlen_ksym(struct bpf_perf_event_data *ctx)
{
	struct rq *rq = (struct rq *)bpf_this_cpu_ptr(&runqueues);

	return record(BPF_CORE_READ(rq, nr_running));
}

/* Without the ksym: this CPU's struct rq through the current task (the idle
 * task too) and its CFS run queue, which points to its rq with
 * CONFIG_FAIR_GROUP_SCHED and is embedded in it otherwise. */
SEC("perf_event")
int perf_event_runqlen_task(struct bpf_perf_event_data *ctx)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct cfs_rq *cfs = BPF_CORE_READ(t, se.cfs_rq);
	struct rq *rq;

	if (!cfs)
		return 0;
	if (bpf_core_field_exists(cfs->rq))
		rq = BPF_CORE_READ(cfs, rq);
	else
		rq = (struct rq *)((char *)cfs - bpf_core_field_offset(struct rq, cfs));
	return record(BPF_CORE_READ(rq, nr_running));
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
