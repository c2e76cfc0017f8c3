/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Time spent between an entry and an exit tracepoint on one CPU (interrupt
 * handlers, softirqs), that do not nest on a CPU: the entry stamps the CPU,
 * the exit adds the time to a summary table or a histogram under the
 * tool's key.  Include after tk.bpf.h, hist.bpf.h and table.bpf.h.
 */
#ifndef TK_IRQTIME_BPF_H
#define TK_IRQTIME_BPF_H

#include "irqtime_abi.h"

const volatile int cfg_cpu = -1;	/* only this CPU; -1 = all */
const volatile bool cfg_dist = false;	/* histograms instead of the table */
const volatile bool cfg_nsecs = false;	/* histogram slots in ns, not us */

/* The entry time on this CPU, 0 when none is pending. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} tk_irq_start SEC(".maps");

/* Zero-initialised values too large for the BPF stack. */
static struct tk_hist tk_irq_zero_hist;
static struct tk_irqtime_value tk_irq_zero_value;

/* An entry: stamps this CPU (if it is the one traced). */
static __always_inline void tk_irq_enter(void)
{
	__u32 zero = 0;
	__u64 *ts;

	if (cfg_cpu >= 0 && bpf_get_smp_processor_id() != (__u32)cfg_cpu)
		return;
	ts = bpf_map_lookup_elem(&tk_irq_start, &zero);
	if (ts)
		*ts = bpf_ktime_get_ns();
}

/* An exit: adds the time since this CPU's entry under key, to map table
 * (key -> struct tk_irqtime_value) or, with cfg_dist, to map hists
 * (key -> struct tk_hist). */
static __always_inline void tk_irq_exit(void *table, void *hists, const void *key)
{
	struct tk_irqtime_value *v;
	struct tk_hist *h;
	__u32 zero = 0;
	__u64 *ts, delta;

	ts = bpf_map_lookup_elem(&tk_irq_start, &zero);
	if (!ts || !*ts)
		return;
	delta = bpf_ktime_get_ns() - *ts;
	*ts = 0;
	if ((__s64)delta < 0)
		return;
	if (cfg_dist) {
		h = tk_hist_row(hists, key, &tk_irq_zero_hist);
		if (h)
			tk_hist_add(h, tk_log2_slot(cfg_nsecs ? delta : delta / 1000));
		return;
	}
	v = tk_table_row(table, key, &tk_irq_zero_value);
	if (v) {
		__sync_fetch_and_add(&v->count, 1);
		__sync_fetch_and_add(&v->total_ns, delta);
	}
}

#endif
