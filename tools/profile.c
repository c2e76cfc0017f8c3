// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* profile: sample stacks on every CPU at a fixed rate (cpu-clock perf events). */
#include <linux/perf_event.h>
#include <bpf/libbpf.h>
#include "tk.h"
#include "perf.h"
#include "stackagg.h"
#include "profile.h"
#include "profile.skel.h"

static unsigned long long freq = 49, storage = 16384;
static struct tk_stack_opts so;
static bool idle;
static int cpu = -1;

static const struct tk_option options[] = {
	{ "frequency", 'F', "HZ", "Sample this many times per second on each CPU (default 49)",
	  TK_OPT_UINT, &freq, 1, 100000 },
	TK_OPT_STACKS(&so),
	{ "include-idle", 'I', NULL, "Include samples of the CPU idle threads", TK_OPT_FLAG, &idle },
	{ "cpu", 'C', "CPU", "Sample this CPU only", TK_OPT_CALL, &cpu, .parse = tk_opt_cpu },
	{ "stack-storage-size", 0, "N", "Room for N unique stacks (default 16384)", TK_OPT_UINT,
	  &storage, 16, 1 << 22 },
	{ 0 },
};

static const char *check(void)
{
	return tk_stack_opts_check(&so);
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
	skel->rodata->cfg_kernel = so.kernel;
	skel->rodata->cfg_user = so.user;
	skel->rodata->cfg_idle = idle;
	return tk_stackagg_configure(skel->obj, 0, (unsigned int)storage);
}

static const struct tk_stacks_spec stacks = {
	.kernel = &so.kernel,
	.user = &so.user,
	.folded = &so.folded,
	.flamegraph = &so.flamegraph,
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
	.positional = tk_stack_duration_arg,
	.perf = perf,
	.stacks = &stacks,
};

TK_TOOL_MAIN(tool)
