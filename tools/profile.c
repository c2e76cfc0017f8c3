// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* profile: sample stacks on every CPU at a fixed rate (cpu-clock perf events). */
#include <stdio.h>
#include <string.h>
#include <linux/perf_event.h>
#include <bpf/libbpf.h>
#include "tk.h"
#include "opts.h"
#include "perf.h"
#include "stackagg.h"
#include "profile.h"
#include "profile.skel.h"

static unsigned long long freq = 49, storage = 16384, pos_duration;
static bool user_only, kernel_only, idle, folded, kstacks = true, ustacks = true;
static const char *flamegraph;
static int cpu = -1;

static const struct tk_option options[] = {
	{ "frequency", 'F', "HZ", "Sample this many times per second on each CPU (default 49)",
	  TK_OPT_UINT, &freq, 1, 100000 },
	{ "user-stacks-only", 'U', NULL, "Show user stacks only (no kernel stacks)", TK_OPT_FLAG,
	  &user_only },
	{ "kernel-stacks-only", 'K', NULL, "Show kernel stacks only (no user stacks)", TK_OPT_FLAG,
	  &kernel_only },
	{ "include-idle", 'I', NULL, "Include samples of the CPU idle threads", TK_OPT_FLAG, &idle },
	{ "cpu", 'C', "CPU", "Sample this CPU only", TK_OPT_CALL, &cpu, .parse = tk_opt_cpu },
	{ "folded", 'f', NULL, "Folded output (comm;frame;frame count), for flame graph tools",
	  TK_OPT_FLAG, &folded },
	{ "flamegraph", 0, "FILE", "Write an interactive SVG flame graph to FILE", TK_OPT_STR,
	  &flamegraph },
	{ "stack-storage-size", 0, "N", "Room for N unique stacks (default 16384)", TK_OPT_UINT,
	  &storage, 16, 1 << 22 },
	{ 0 },
};

/* [duration]: seconds, as BCC's profile takes it. */
static const char *positional(const char *arg, int index)
{
	if (index > 0)
		return "unexpected argument after the duration";
	static char msg[80];

	if (tk_parse_uint(arg, 1, 86400ULL * 365, &pos_duration)) {
		snprintf(msg, sizeof(msg), "invalid duration '%.20s': expected whole seconds from 1", arg);
		return msg;
	}
	return NULL;
}

static const char *check(void)
{
	if (user_only && kernel_only)
		return "-U and -K exclude each other: give at most one";
	if (pos_duration && tk_std.duration)
		return "give the duration once: as -d SEC or as the argument";
	if (pos_duration)
		tk_std.duration = pos_duration;
	if (flamegraph && !*flamegraph)
		return "--flamegraph: expected a file name";
	kstacks = !user_only;
	ustacks = !kernel_only;
	return NULL;
}

static struct tk_perf_spec perf[] = {
	{ "perf_event_sample", "CPU clock sampling", PERF_TYPE_SOFTWARE,
	  PERF_COUNT_SW_CPU_CLOCK, .cpu = &cpu },
	{ 0 },
};

static int setup(void *s)
{
	struct profile_bpf *skel = s;

	perf[0].freq = freq;
	skel->rodata->cfg_kernel = kstacks;
	skel->rodata->cfg_user = ustacks;
	skel->rodata->cfg_idle = idle;
	return tk_stackagg_configure(skel->obj, 0, (unsigned int)storage);
}

static const struct tk_stacks_spec stacks = {
	.kernel = &kstacks,
	.user = &ustacks,
	.folded = &folded,
	.flamegraph = &flamegraph,
	.title = "CPU profile",
	.size_option = "--stack-storage-size",
};

TK_SKELETON(profile_bpf);

static const struct tk_tool tool = {
	.name = "profile",
	.summary = "Sample stack traces on every CPU at a timed interval.",
	.doc = "Examples:\n"
	       "  profile                   # 49 samples/s per CPU until Ctrl-C\n"
	       "  profile -F 99 10          # 99 Hz for 10 seconds\n"
	       "  profile -p 181 -f 5       # PID 181, folded output, 5 seconds\n"
	       "  profile --flamegraph out.svg 10   # an SVG flame graph of 10 seconds\n"
	       "  profile -K -C 1 -j 5      # kernel stacks on CPU 1 as JSON\n"
	       "\nLike BCC's profile: -U user stacks only, -K kernel stacks only, -I idle, "
	       "-f folded, -C CPU. BCC's -c (sample period) is not offered (-c is the cgroup "
	       "filter), BCC's -d (delimiter) neither (-d is the duration).",
	.args_doc = "[duration]",
	.std = TK_STD_FILTERS | TK_STD_DURATION,
	.options = options,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
	.positional = positional,
	.perf = perf,
	.stacks = &stacks,
};

TK_TOOL_MAIN(tool)
