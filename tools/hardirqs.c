// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* hardirqs: time spent in each interrupt handler, as totals or histograms. */
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "escape.h"
#include "irqtime.h"
#include "hardirqs.h"
#include "hardirqs.skel.h"

struct row {
	struct tk_irqtime_value v;	/* first: TK_IRQTIME_FIELDS read it there */
	struct hardirqs_key k;
};

static const struct tk_field fields[] = {
	TK_FIELD(struct row, k.name, TK_FT_STR, "hardirq", "HARDIRQ", 26),
	TK_IRQTIME_FIELDS,
	{ 0 },
};

static struct tk_table_spec table = {
	.map = "counts", .type = "hardirq", .fields = fields, .sort = "total_ns",
	TK_TABLE_ROW(struct row, k, v),
};

/* Histograms: "hardirq = virtio1-req.0", {"hardirq":"virtio1-req.0"}. */
static const struct tk_field row_fields[] = {
	TK_HIST_KEY_FIELD(struct hardirqs_key, name, TK_FT_STR, "hardirq", "HARDIRQ"),
	{ 0 },
};

static bool row_label(const void *row, char *label, size_t len)
{
	const struct hardirqs_key *k = tk_hist_row_key(row);
	char name[4 * HARDIRQ_NAME_LEN + 1];

	tk_escape_text(name, sizeof(name), k->name, strnlen(k->name, sizeof(k->name)));
	snprintf(label, len, "hardirq = %s", name);
	return true;
}

static const struct tk_hist_spec hist = {
	.map = "hists", .unit = "usecs", .row_label = row_label, .row_fields = row_fields,
};

static struct tk_tool tool;
TK_IRQTIME_HOOKS(tool, hardirqs_bpf)

TK_SKELETON(hardirqs_bpf);

static struct tk_tool tool = {
	.name = "hardirqs",
	.summary = "Summarize the time spent in each hardware interrupt handler.",
	.doc = "Examples:\n"
	       "  hardirqs                  # total time per handler at Ctrl-C\n"
	       "  hardirqs -C 1 5           # counts, every second, 5 times\n"
	       "  hardirqs --dist -N        # histograms in nanoseconds\n"
	       "  hardirqs --cpu 1 -j       # CPU 1 only, as JSON Lines\n"
	       "\nBCC's -d is --dist (-d is --duration) and its -c CPU is --cpu CPU\n"
	       "(-c is --cgroup).  Handlers are named as in /proc/interrupts; the\n"
	       "local timer and other interrupts without a handler are not counted.",
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
