// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* runqlen: run-queue length sampled on every CPU, as linear histograms. */
#include <stdio.h>
#include <string.h>
#include <linux/perf_event.h>
#include "tk.h"
#include "runqlen.h"
#include "runqlen.skel.h"

static bool per_cpu, occupancy;

static const struct tk_option options[] = {
	{ "cpus", 'C', NULL, "One histogram (or occupancy) per CPU", TK_OPT_FLAG, &per_cpu },
	{ "runqocc", 'O', NULL, "Print run-queue occupancy: the share of samples with a queue",
	  TK_OPT_FLAG, &occupancy },
	{ 0 },
};

/* 99 samples a second on every online CPU, as BCC's runqlen. */
static const struct tk_perf_spec perf[] = {
	{ "perf_event_runqlen_ksym", "CPU clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK, .freq = 99 },
	{ "perf_event_runqlen_task", "CPU clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK, .freq = 99 },
	{ 0 },
};

/* Histograms: "cpu = 1", {"cpu":1}. */
static const struct tk_field row_fields[] = {
	TK_HIST_KEY_FIELD(struct runqlen_key, cpu, TK_FT_U32, "cpu", "CPU"),
	{ 0 },
};

static bool row_label(const void *row, char *label, size_t len)
{
	snprintf(label, len, "cpu = %u", ((const struct runqlen_key *)tk_hist_row_key(row))->cpu);
	return true;
}

static struct tk_hist_spec hist = {
	.map = "hists", .unit = "runqlen", .linear = true, .step = 1,
};

/* -O: a table over the same map, one row per key. */
struct row {
	struct runqlen_key k;
	__u32 pad;
	struct tk_hist v;
};

static unsigned long long samples(const struct row *r, bool queued)
{
	unsigned long long n = 0;

	for (int i = queued ? 1 : 0; i < TK_HIST_SLOTS; i++)
		n += r->v.slots[i];
	return n;
}

static void get_samples(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_uint(v, samples(rec, false));
}

static void get_queued(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_uint(v, samples(rec, true));
}

static void get_occ(const void *rec, struct tk_value *v, char *buf)
{
	unsigned long long all = samples(rec, false);

	tk_set_raw(v, buf, (size_t)snprintf(buf, TK_FIELD_BUF, "%.2f%%",
					    all ? 100.0 * (double)samples(rec, true) / (double)all : 0));
}

static void get_occ_pct(const void *rec, struct tk_value *v, char *buf)
{
	unsigned long long all = samples(rec, false);

	(void)buf;
	v->kind = TK_V_DOUBLE;
	v->d = all ? 100.0 * (double)samples(rec, true) / (double)all : 0;
}

static const struct tk_field fields[] = {
	TK_FIELD(struct row, k.cpu, TK_FT_U32, "cpu", "CPU", 5, .flags = TK_F_LEFT | TK_F_SHOW_JSON,
		 .show = &per_cpu),
	TK_FIELD_GET(get_samples, "samples", "SAMPLES", 10),
	TK_FIELD_GET(get_queued, "queued", "QUEUED", 10),
	TK_FIELD_GET(get_occ, "runqocc", "RUNQOCC", 9, .flags = TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_occ_pct, "runqocc_pct", "RUNQOCC", 0, .flags = TK_F_JSON_ONLY),
	{ 0 },
};

static const struct tk_table_spec table = {
	.map = "hists", .type = "runqocc", .fields = fields, TK_TABLE_ROW(struct row, k, v),
};

static struct tk_tool tool;

static const char *check(void)
{
	if (occupancy)
		tool.hist = NULL;
	else
		tool.table = NULL;
	if (per_cpu) {
		hist.row_label = row_label;
		hist.row_fields = row_fields;
	}
	return NULL;
}

/* Whether the kernel resolves the per-CPU runqueues symbol for BPF: it
 * must be in kallsyms (per-CPU variables are with CONFIG_KALLSYMS_ALL). */
static bool have_runqueues_ksym(void)
{
	char line[256];
	bool found = false;
	FILE *f = fopen("/proc/kallsyms", "r");

	while (f && !found && fgets(line, sizeof(line), f))
		found = strstr(line, " runqueues\n") != NULL;
	if (f)
		fclose(f);
	return found;
}

static int setup(void *s)
{
	struct runqlen_bpf *skel = s;
	bool ksym = have_runqueues_ksym();

	skel->rodata->cfg_per_cpu = per_cpu;
	bpf_program__set_autoload(ksym ? skel->progs.perf_event_runqlen_task :
				  skel->progs.perf_event_runqlen_ksym, false);
	return 0;
}

TK_SKELETON(runqlen_bpf);

static struct tk_tool tool = {
	.name = "runqlen",
	.summary = "Summarize run-queue length as a histogram, sampled on every CPU.",
	.doc = "Examples:\n"
	       "  runqlen                   # histogram at Ctrl-C\n"
	       "  runqlen -T 1 10           # every second with the time, 10 times\n"
	       "  runqlen -C                # one histogram per CPU\n"
	       "  runqlen -O -C             # run-queue occupancy per CPU\n"
	       "\nThe length counts the threads waiting for the CPU, not the one running;\n"
	       "it is sampled 99 times a second on each CPU.",
	.args_doc = "[INTERVAL [COUNT]]",
	.std = TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_INTERVAL,
	.options = options,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
	.hist = &hist,
	.table = &table,
	.perf = perf,
};

TK_TOOL_MAIN(tool)
