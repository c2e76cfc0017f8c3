// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* cpudist: on-CPU (or off-CPU) time per scheduling, as log2 histograms. */
#include "tk.h"
#include "taskhist.h"
#include "cpudist.h"
#include "cpudist.skel.h"

static bool msecs, offcpu, per_process, per_thread;

static const struct tk_option options[] = {
	{ "offcpu", 'O', NULL, "Time off the CPU instead of on it", TK_OPT_FLAG, &offcpu },
	{ "milliseconds", 'm', NULL, "Histogram in milliseconds (default: microseconds)",
	  TK_OPT_FLAG, &msecs },
	{ "process", 'P', NULL, "One histogram per process (pid = PID COMM)", TK_OPT_FLAG, &per_process },
	{ "tids", 'L', NULL, "One histogram per thread (tid = TID COMM)", TK_OPT_FLAG, &per_thread },
	{ 0 },
};

static const char *const label_keys[] = { "pid", "tid", "comm", NULL };
static struct tk_hist_spec hist = { .map = "hists", .unit = "usecs", .label_keys = label_keys };

static const char *check(void)
{
	if (per_process && per_thread)
		return "-P/--process and -L/--tids cannot be combined: pick one split";
	return NULL;
}

static int setup(void *s)
{
	struct cpudist_bpf *skel = s;
	enum tk_task_split split = per_process ? TK_SPLIT_PID : per_thread ? TK_SPLIT_TID :
				   TK_SPLIT_NONE;

	skel->rodata->cfg_split = split;
	skel->rodata->cfg_msecs = msecs;
	skel->rodata->cfg_offcpu = offcpu;
	hist.unit = msecs ? "msecs" : "usecs";
	tk_task_hist(&hist, split);
	return 0;
}

TK_SKELETON(cpudist_bpf);

static const struct tk_tool tool = {
	.name = "cpudist",
	.summary = "Summarize on-CPU (or off-CPU) time per task switch as a histogram.",
	.doc = "Examples:\n"
	       "  cpudist                   # on-CPU time histogram at Ctrl-C\n"
	       "  cpudist -O                # off-CPU time instead\n"
	       "  cpudist -mT 1 10          # msecs, every second with the time, 10 times\n"
	       "  cpudist -P -p 185         # process 185 only, labelled\n"
	       "  cpudist -L -j             # one histogram per thread, as JSON Lines\n"
	       "\nOn-CPU time runs from a thread being switched in to being switched out;\n"
	       "off-CPU time from being switched out to being switched in again.",
	.args_doc = "[INTERVAL [COUNT]]",
	.std = TK_STD_PID | TK_STD_TID | TK_STD_UID | TK_STD_COMM | TK_STD_DURATION |
	       TK_STD_TIMESTAMP | TK_STD_INTERVAL,
	.options = options,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
	.hist = &hist,
};

TK_TOOL_MAIN(tool)
