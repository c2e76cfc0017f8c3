/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * User side of interrupt and softirq time tools (common/irqtime.bpf.h): the
 * options they share (BCC's -N, -C, -d as --dist, -c as --cpu), the total
 * columns of their summary table, and the choice between table and
 * histograms.
 */
#ifndef TK_IRQTIME_H
#define TK_IRQTIME_H

#include "tk.h"
#include "irqtime_abi.h"

/* The parsed options. */
struct tk_irqtime {
	bool nsecs;		/* -N: nanoseconds */
	bool count;		/* -C: counts instead of times */
	bool dist;		/* --dist: histograms */
	int cpu;		/* --cpu: only this CPU; -1 = all */
	/* which total column text shows (set by tk_irqtime_prepare) */
	bool show_us, show_ns, show_count;
};
extern struct tk_irqtime tk_irqtime;

/* The options table: -N, -C, --dist, --cpu ({ 0 }-terminated). */
extern const struct tk_option tk_irqtime_options[];

/* Checks the combination of options (tk_tool.check). */
const char *tk_irqtime_check(void);

/* Getter of the total column of a table row that starts with a struct
 * tk_irqtime_value: the time in usecs or nsecs, or the count with -C. */
void tk_irqtime_get_total(const void *row, struct tk_value *v, char *buf);

/* The total columns of such a row: TOTAL_usecs, TOTAL_nsecs or TOTAL_count
 * in text; "count" and "total_ns" in JSON. */
#define TK_IRQTIME_FIELDS \
	TK_FIELD_GET(tk_irqtime_get_total, "total_usecs", "TOTAL_usecs", 11, \
		     .show = &tk_irqtime.show_us, .flags = TK_F_TEXT_ONLY), \
	TK_FIELD_GET(tk_irqtime_get_total, "total_nsecs", "TOTAL_nsecs", 11, \
		     .show = &tk_irqtime.show_ns, .flags = TK_F_TEXT_ONLY), \
	TK_FIELD_GET(tk_irqtime_get_total, "total_count", "TOTAL_count", 11, \
		     .show = &tk_irqtime.show_count, .flags = TK_F_TEXT_ONLY), \
	TK_FIELD(struct tk_irqtime_value, count, TK_FT_U64, "count", "COUNT", 0, \
		 .flags = TK_F_JSON_ONLY), \
	TK_FIELD(struct tk_irqtime_value, total_ns, TK_FT_U64, "total_ns", "TOTAL_NS", 0, \
		 .flags = TK_F_JSON_ONLY)

/* From the setup hook: keeps tool's histograms (--dist) or its table, not
 * both, and sets the histogram unit and the table's sort column. */
void tk_irqtime_prepare(struct tk_tool *tool);

/* The check and setup hooks of an irqtime tool: tool is its struct tk_tool,
 * skel its skeleton type (const volatile cfg_cpu, cfg_dist, cfg_nsecs from
 * irqtime.bpf.h).  Defines irqtime_check() and irqtime_setup(). */
#define TK_IRQTIME_HOOKS(tool, skel)						\
	static const char *irqtime_check(void)					\
	{									\
		const char *msg = tk_irqtime_check();				\
										\
		if (!msg)							\
			tk_irqtime_prepare(&(tool));				\
		return msg;							\
	}									\
	static int irqtime_setup(void *s)					\
	{									\
		struct skel *sk = s;						\
										\
		sk->rodata->cfg_cpu = tk_irqtime.cpu;				\
		sk->rodata->cfg_dist = tk_irqtime.dist;				\
		sk->rodata->cfg_nsecs = tk_irqtime.nsecs;			\
		return 0;							\
	}

#endif
