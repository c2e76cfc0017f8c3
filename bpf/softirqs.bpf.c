// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* softirqs: time spent in each kind of softirq, as totals or histograms. */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "hist.bpf.h"
#include "table.bpf.h"
#include "irqtime.bpf.h"
#include "softirqs.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, struct softirqs_key);
	__type(value, struct tk_irqtime_value);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, struct softirqs_key);
	__type(value, struct tk_hist);
} hists SEC(".maps");

static __always_inline int on_exit(unsigned int vec)
{
	struct softirqs_key key = { .vec = vec };

	tk_irq_exit(&counts, &hists, &key);
	return 0;
}

SEC("tp_btf/softirq_entry")
int BPF_PROG(tp_btf_softirq_entry, unsigned int vec)
{
	tk_irq_enter();
	return 0;
}

SEC("tp_btf/softirq_exit")
int BPF_PROG(tp_btf_softirq_exit, unsigned int vec)
{
	return on_exit(vec);
}

SEC("raw_tp/softirq_entry")
int BPF_PROG(raw_tp_softirq_entry, unsigned int vec)
{
	tk_irq_enter();
	return 0;
}

SEC("raw_tp/softirq_exit")
int BPF_PROG(raw_tp_softirq_exit, unsigned int vec)
{
	return on_exit(vec);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
