/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Interrupt and softirq time (common/irqtime.bpf.h, common/irqtime.h). */
#ifndef TK_IRQTIME_ABI_H
#define TK_IRQTIME_ABI_H

/* A row of the summary table: how many, and how long in all. */
struct tk_irqtime_value {
	__u64 count;
	__u64 total_ns;
};
_Static_assert(sizeof(struct tk_irqtime_value) == 16, "tk_irqtime_value ABI");

#endif
