// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* llcstat: last-level cache references, misses and hit ratio per process. */
#include <stdio.h>
#include <linux/perf_event.h>
#include "tk.h"
#include "opts.h"
#include "llcstat.h"
#include "llcstat.skel.h"

static bool per_thread;

static struct tk_perf_spec perf[] = {
	{ "perf_event_llc_ref", "LLC references", PERF_TYPE_HARDWARE,
	  PERF_COUNT_HW_CACHE_REFERENCES, .period = 100 },
	{ "perf_event_llc_miss", "LLC misses", PERF_TYPE_HARDWARE,
	  PERF_COUNT_HW_CACHE_MISSES, .period = 100 },
	{ 0 },
};

static const struct tk_option options[] = {
	{ "sample-period", 0, "N", "Sample one event in N (default 100; BCC's -c)",
	  TK_OPT_UINT, &perf[0].period, 1, 1ULL << 40 },
	{ "threads", 0, NULL, "One row per thread, with its TID (BCC's -t)", TK_OPT_FLAG, &per_thread },
	{ 0 },
};

struct row {
	struct llcstat_key k;
	__u32 pad;
	struct llcstat_value v;
};

/* HIT%: the share of references that did not miss, as BCC prints it. */
static void get_hit(const void *rec, struct tk_value *v, char *buf)
{
	const struct row *r = rec;
	double hit = r->v.ref ? 100.0 * (double)(r->v.ref > r->v.miss ? r->v.ref - r->v.miss : 0) /
				(double)r->v.ref : 0;

	tk_set_raw(v, buf, (size_t)snprintf(buf, TK_FIELD_BUF, "%.2f%%", hit));
}

static void get_hit_json(const void *rec, struct tk_value *v, char *buf)
{
	const struct row *r = rec;

	(void)buf;
	v->kind = TK_V_DOUBLE;
	v->d = r->v.ref ? (double)(r->v.ref > r->v.miss ? r->v.ref - r->v.miss : 0) /
		       (double)r->v.ref : 0;
}

#define R struct row
static const struct tk_field fields[] = {
	TK_FIELD(R, k.pid, TK_FT_U32, "pid", "PID", 8, .flags = TK_F_LEFT),
	TK_FIELD(R, k.tid, TK_FT_U32, "tid", "TID", 8, .flags = TK_F_LEFT | TK_F_SHOW_JSON,
		 .show = &per_thread),
	TK_FIELD(R, k.comm, TK_FT_STR, "comm", "NAME", 16),
	TK_FIELD(R, k.cpu, TK_FT_U32, "cpu", "CPU", 4, .flags = TK_F_LEFT),
	TK_FIELD(R, v.ref, TK_FT_U64, "ref", "REFERENCE", 12),
	TK_FIELD(R, v.miss, TK_FT_U64, "miss", "MISS", 12),
	TK_FIELD_GET(get_hit, "hit_pct", "HIT%", 7, .flags = TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_hit_json, "hit_ratio", "HIT", 0, .flags = TK_F_JSON_ONLY),
	{ 0 },
};

static const struct tk_table_spec table = {
	.map = "counts", .type = "llc", .fields = fields, .sort = "ref",
	TK_TABLE_ROW(struct row, k, v),
};

/* [DURATION]: BCC's positional duration in seconds, like -d. */
static const char *positional(const char *arg, int index)
{
	static char msg[128];

	if (index > 0)
		snprintf(msg, sizeof(msg), "unexpected argument '%.40s' after DURATION", arg);
	else if (tk_parse_uint(arg, 1, 0, &tk_std.duration))
		snprintf(msg, sizeof(msg), "invalid DURATION '%.40s': expected seconds, 1 or more", arg);
	else
		return NULL;
	return msg;
}

static int setup(void *s)
{
	struct llcstat_bpf *skel = s;

	perf[1].period = perf[0].period;
	skel->rodata->cfg_per_thread = per_thread;
	skel->rodata->cfg_period = perf[0].period;
	return 0;
}

TK_SKELETON(llcstat_bpf);

static const struct tk_tool tool = {
	.name = "llcstat",
	.summary = "Summarize last-level cache references and misses per process and CPU.",
	.doc = "Examples:\n"
	       "  llcstat                   # until Ctrl-C\n"
	       "  llcstat 20                # for 20 seconds (as -d 20)\n"
	       "  llcstat --sample-period 1000 --threads  # coarser samples, per thread\n"
	       "  llcstat -p 185 -j         # process 185, as JSON Lines\n"
	       "\nNeeds the CPU's hardware performance counters: most virtual machines do\n"
	       "not expose them, and llcstat then says so and exits with status 1.\n"
	       "BCC's -c is --sample-period here, its -t --threads.",
	.args_doc = "[DURATION]",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP,
	.options = options,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.positional = positional,
	.table = &table,
	.perf = perf,
};

TK_TOOL_MAIN(tool)
