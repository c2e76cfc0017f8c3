// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* runqlat: run-queue (scheduler) latency as log2 histograms. */
#include "tk.h"
#include "taskhist.h"
#include "runqlat.h"
#include "runqlat.skel.h"

static bool msecs, per_process, per_thread, per_pidns;

static const struct tk_option options[] = {
	{ "milliseconds", 'm', NULL, "Histogram in milliseconds (default: microseconds)",
	  TK_OPT_FLAG, &msecs },
	{ "process", 'P', NULL, "One histogram per process (pid = PID COMM)", TK_OPT_FLAG, &per_process },
	{ "tids", 'L', NULL, "One histogram per thread (tid = TID COMM)", TK_OPT_FLAG, &per_thread },
	{ "pidnss", 0, NULL, "One histogram per PID namespace (pidns = INUM)",
	  TK_OPT_FLAG, &per_pidns },
	{ 0 },
};

static struct tk_hist_spec hist = { .map = "hists", .unit = "usecs", .label_keys = tk_task_hist_keys };

static const char *check(void)
{
	if (per_process + per_thread + per_pidns > 1)
		return "-P/--process, -L/--tids and --pidnss cannot be combined: pick one split";
	return NULL;
}

static int setup(void *s)
{
	struct runqlat_bpf *skel = s;
	enum tk_task_split split = per_process ? TK_SPLIT_PID : per_thread ? TK_SPLIT_TID :
				   per_pidns ? TK_SPLIT_PIDNS : TK_SPLIT_NONE;

	skel->rodata->cfg_split = split;
	skel->rodata->cfg_msecs = msecs;
	hist.unit = msecs ? "msecs" : "usecs";
	tk_task_hist(&hist, split);
	return 0;
}

TK_SKELETON(runqlat_bpf);

static const struct tk_tool tool = {
	.name = "runqlat",
	.summary = "Summarize run-queue (scheduler) latency as a histogram.",
	.doc = "Examples:\n"
	       "  runqlat                   # histogram at Ctrl-C\n"
	       "  runqlat -mT 1 10          # msecs, every second with the time, 10 times\n"
	       "  runqlat -P                # one histogram per process\n"
	       "  runqlat -L -p 185         # one per thread of process 185\n"
	       "  runqlat --pidnss -j       # one per PID namespace, as JSON Lines\n"
	       "\nThe time counted is how long a runnable thread waited for a CPU: from its\n"
	       "wakeup, or from being preempted, until it ran.",
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
