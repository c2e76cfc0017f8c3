// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* cpufreq: CPU frequency samples, system-wide and per command, as histograms. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include "tk.h"
#include "escape.h"
#include "log.h"
#include "perf.h"
#include "cpufreq.h"
#include "cpufreq.skel.h"

#define SYSFS_CPU "/sys/devices/system/cpu"

static struct tk_perf_spec perf[] = {
	{ "perf_event_cpufreq", "CPU clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK, .freq = 50 },
	{ 0 },
};

static const struct tk_option options[] = {
	{ "frequency", 0, "HZ", "Sample HZ times a second on each CPU (default 50; BCC's -f)",
	  TK_OPT_UINT, &perf[0].freq, 1, 10000 },
	{ 0 },
};

/* "syswide" or "comm = NAME"; JSON "comm" ("" for the system-wide one). */
static bool row_label(const void *row, char *label, size_t len)
{
	const struct cpufreq_key *k = tk_hist_row_key(row);
	char comm[4 * TK_COMM_LEN + 1];

	tk_escape_text(comm, sizeof(comm), k->comm, strnlen(k->comm, sizeof(k->comm)));
	if (k->per_comm)
		snprintf(label, len, "comm = %s", comm);
	else
		snprintf(label, len, "syswide");
	return true;
}

static void get_syswide(const void *row, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_bool(v, !((const struct cpufreq_key *)tk_hist_row_key(row))->per_comm);
}

static const struct tk_field row_fields[] = {
	TK_FIELD_GET(get_syswide, "syswide", "SYSWIDE", 0),
	TK_HIST_KEY_FIELD(struct cpufreq_key, comm, TK_FT_STR, "comm", "COMM"),
	{ 0 },
};

static const struct tk_hist_spec hist = {
	.map = "hists", .unit = "MHz", .linear = true, .step = CPUFREQ_STEP_MHZ,
	.row_label = row_label, .row_fields = row_fields,
};

static int setup(void *s)
{
	struct cpufreq_bpf *skel = s;
	int ncpus = libbpf_num_possible_cpus();
	char path[128];

	if (access(SYSFS_CPU "/cpu0/cpufreq", F_OK)) {
		tk_err("CPU frequency scaling is not available on this machine (no cpufreq driver: "
		       SYSFS_CPU "/cpu0/cpufreq is missing; virtual machines rarely have one): "
		       "%s needs it", tk_tool_name());
		return -ECANCELED;
	}
	/* each CPU's frequency until power:cpu_frequency reports a change */
	for (int cpu = 0; cpu < ncpus && cpu < CPUFREQ_MAX_CPUS; cpu++) {
		unsigned long khz = 0;
		FILE *f;

		snprintf(path, sizeof(path), SYSFS_CPU "/cpu%d/cpufreq/scaling_cur_freq", cpu);
		f = fopen(path, "r");
		if (f && fscanf(f, "%lu", &khz) == 1)
			skel->bss->freqs_mhz[cpu] = (__u32)(khz / 1000);
		if (f)
			fclose(f);
	}
	return 0;
}

TK_SKELETON(cpufreq_bpf);

static const struct tk_tool tool = {
	.name = "cpufreq",
	.summary = "Sample CPU frequency, system-wide and per command, as histograms.",
	.doc = "Examples:\n"
	       "  cpufreq                   # histograms at Ctrl-C\n"
	       "  cpufreq -d 10 --frequency 100     # ten seconds, 100 samples a second per CPU\n"
	       "  cpufreq -n make -j        # only while make runs, as JSON Lines\n"
	       "\nNeeds a cpufreq driver (" SYSFS_CPU "/cpu0/cpufreq); most virtual\n"
	       "machines have none, and cpufreq then says so and exits with status 1.",
	.args_doc = NULL,
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_INTERVAL,
	.options = options,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.hist = &hist,
	.perf = perf,
};

TK_TOOL_MAIN(tool)
