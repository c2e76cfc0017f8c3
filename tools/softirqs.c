// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* softirqs: time spent in each kind of softirq, as totals or histograms. */
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "irqtime.h"
#include "softirqs.h"
#include "softirqs.skel.h"

/* Names of the softirq vectors (enum in include/linux/interrupt.h, fixed
 * since Linux 4.x), as /proc/softirqs and BCC spell them, in lower case. */
static const char *vec_name(__u32 vec, char *buf)
{
	static const char *const names[] = {
		"hi", "timer", "net_tx", "net_rx", "block", "irq_poll",
		"tasklet", "sched", "hrtimer", "rcu",
	};

	if (vec < sizeof(names) / sizeof(names[0]))
		return names[vec];
	snprintf(buf, TK_FIELD_BUF, "vec%u", vec);
	return buf;
}

struct row {
	struct tk_irqtime_value v;	/* first: TK_IRQTIME_FIELDS read it there */
	struct softirqs_key k;
	__u32 pad;
};

static void get_name(const void *rec, struct tk_value *v, char *buf)
{
	const char *name = vec_name(((const struct row *)rec)->k.vec, buf);

	tk_set_raw(v, name, strlen(name));
}

static const struct tk_field fields[] = {
	TK_FIELD_GET(get_name, "softirq", "SOFTIRQ", 16, .flags = TK_F_LEFT),
	TK_IRQTIME_FIELDS,
	{ 0 },
};

static struct tk_table_spec table = {
	.map = "counts", .type = "softirq", .fields = fields, .sort = "total_ns",
	TK_TABLE_ROW(struct row, k, v),
};

/* Histograms: "softirq = net_rx", {"softirq":"net_rx"}. */
static void get_hist_name(const void *row, struct tk_value *v, char *buf)
{
	const struct softirqs_key *k = tk_hist_row_key(row);
	const char *name = vec_name(k->vec, buf);

	tk_set_raw(v, name, strlen(name));
}

static const struct tk_field row_fields[] = {
	TK_FIELD_GET(get_hist_name, "softirq", "SOFTIRQ", 0),
	{ 0 },
};

static bool row_label(const void *row, char *label, size_t len)
{
	char buf[TK_FIELD_BUF];

	snprintf(label, len, "softirq = %s", vec_name(((const struct softirqs_key *)
							tk_hist_row_key(row))->vec, buf));
	return true;
}

static const struct tk_hist_spec hist = {
	.map = "hists", .unit = "usecs", .row_label = row_label, .row_fields = row_fields,
};

static struct tk_tool tool;
TK_IRQTIME_HOOKS(tool, softirqs_bpf)

TK_SKELETON(softirqs_bpf);

static struct tk_tool tool = {
	.name = "softirqs",
	.summary = "Summarize the time spent in each kind of softirq.",
	.doc = "Examples:\n"
	       "  softirqs                  # total time per softirq at Ctrl-C\n"
	       "  softirqs -C 1 5           # counts, every second, 5 times\n"
	       "  softirqs --dist -N        # histograms in nanoseconds\n"
	       "  softirqs --cpu 1 -j       # CPU 1 only, as JSON Lines\n"
	       "\nBCC's -d is --dist (-d is --duration) and its -c CPU is --cpu CPU\n"
	       "(-c is --cgroup).",
	.args_doc = "[INTERVAL [COUNT]]",
	.std = TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_INTERVAL,
	.options = tk_irqtime_options,
	.skel = &tk_skel_ops_,
	.setup = irqtime_setup,
	.check = irqtime_check,
	.hist = &hist,
	.table = &table,
};

TK_TOOL_MAIN(tool)
