// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Interrupt and softirq time tools: shared options and columns (irqtime.h). */
#include "irqtime.h"
#include "perf.h"

struct tk_irqtime tk_irqtime = { .cpu = -1 };

const struct tk_option tk_irqtime_options[] = {
	{ "nanoseconds", 'N', NULL, "Times in nanoseconds (default: microseconds)",
	  TK_OPT_FLAG, &tk_irqtime.nsecs },
	{ "count", 'C', NULL, "Count events instead of timing them", TK_OPT_FLAG, &tk_irqtime.count },
	{ "dist", 0, NULL, "Histograms of the times (BCC's -d)", TK_OPT_FLAG, &tk_irqtime.dist },
	{ "cpu", 0, "CPU", "Only this CPU (BCC's -c)", TK_OPT_CALL, &tk_irqtime.cpu,
	  .parse = tk_opt_cpu },
	{ 0 },
};

const char *tk_irqtime_check(void)
{
	if (tk_irqtime.count && (tk_irqtime.dist || tk_irqtime.nsecs))
		return "-C/--count counts events: it cannot be combined with --dist or -N";
	return NULL;
}

void tk_irqtime_get_total(const void *row, struct tk_value *v, char *buf)
{
	const struct tk_irqtime_value *val = row;

	(void)buf;
	if (tk_irqtime.count)
		tk_set_uint(v, val->count);
	else
		tk_set_uint(v, tk_irqtime.nsecs ? val->total_ns : val->total_ns / 1000);
}

void tk_irqtime_prepare(struct tk_tool *tool)
{
	static struct tk_hist_spec hist;
	static struct tk_table_spec table;

	tk_irqtime.show_count = tk_irqtime.count;
	tk_irqtime.show_ns = !tk_irqtime.count && tk_irqtime.nsecs;
	tk_irqtime.show_us = !tk_irqtime.count && !tk_irqtime.nsecs;
	if (tool->hist) {
		hist = *tool->hist;
		hist.unit = tk_irqtime.nsecs ? "nsecs" : "usecs";
		tool->hist = &hist;
	}
	if (tool->table) {
		table = *tool->table;
		table.sort = tk_irqtime.count ? "count" : "total_ns";
		tool->table = &table;
	}
	if (tk_irqtime.dist)
		tool->table = NULL;
	else
		tool->hist = NULL;
}
