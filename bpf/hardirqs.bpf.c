// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* hardirqs: time spent in each interrupt handler, as totals or histograms. */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "hist.bpf.h"
#include "table.bpf.h"
#include "irqtime.bpf.h"
#include "hardirqs.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, struct hardirqs_key);
	__type(value, struct tk_irqtime_value);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, struct hardirqs_key);
	__type(value, struct tk_hist);
} hists SEC(".maps");

static __always_inline int on_exit(struct irqaction *action)
{
	struct hardirqs_key key = {};

	bpf_probe_read_kernel_str(&key.name, sizeof(key.name), BPF_CORE_READ(action, name));
	tk_irq_exit(&counts, &hists, &key);
	return 0;
}

SEC("tp_btf/irq_handler_entry")
int BPF_PROG(tp_btf_irq_handler_entry, int irq, struct irqaction *action)
{
	tk_irq_enter();
	return 0;
}

SEC("tp_btf/irq_handler_exit")
int BPF_PROG(tp_btf_irq_handler_exit, int irq, struct irqaction *action)
{
	return on_exit(action);
}

SEC("raw_tp/irq_handler_entry")
int BPF_PROG(raw_tp_irq_handler_entry, int irq, struct irqaction *action)
{
	tk_irq_enter();
	return 0;
}

SEC("raw_tp/irq_handler_exit")
int BPF_PROG(raw_tp_irq_handler_exit, int irq, struct irqaction *action)
{
	return on_exit(action);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
