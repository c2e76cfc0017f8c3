// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* wakeuptime: time threads spent blocked, by the stack of their waker. */
#include <bpf/libbpf.h>
#include "tk.h"
#include "stackagg.h"
#include "wakeuptime.h"
#include "wakeuptime.skel.h"

static unsigned long long min_us = 1, max_us, storage = 16384;
static struct tk_stack_opts so;

static const struct tk_option options[] = {
	TK_OPT_STACKS(&so),
	{ "min-block-time", 'm', "US", "Only blocks of at least US microseconds (default 1)",
	  TK_OPT_UINT, &min_us, 0, 1ULL << 40 },
	{ "max-block-time", 'M', "US", "Only blocks of at most US microseconds", TK_OPT_UINT,
	  &max_us, 1, 1ULL << 40 },
	{ "stack-storage-size", 0, "N", "Room for N unique stacks (default 16384)", TK_OPT_UINT,
	  &storage, 16, 1 << 22 },
	{ 0 },
};

static const char *check(void)
{
	if (max_us && max_us < min_us)
		return "-M must not be below -m";
	return tk_stack_opts_check(&so);
}

static int setup(void *s)
{
	struct wakeuptime_bpf *skel = s;

	skel->rodata->cfg_kernel = so.kernel;
	skel->rodata->cfg_user = so.user;
	skel->rodata->cfg_min_ns = min_us * 1000;
	skel->rodata->cfg_max_ns = max_us ? max_us * 1000 : ~0ULL;
	return tk_stackagg_configure(skel->obj, 0, (unsigned int)storage);
}

static const struct tk_stacks_spec stacks = {
	.time = true,
	.kernel = &so.kernel,
	.user = &so.user,
	.folded = &so.folded,
	.flamegraph = &so.flamegraph,
	.title = "Wakeup time",
	.target_key = "target",
	.size_option = "--stack-storage-size",
};

TK_SKELETON(wakeuptime_bpf);

static const struct tk_tool tool = {
	.name = "wakeuptime",
	.summary = "Summarize the time threads were blocked, by the stack of their waker.",
	.doc = "Examples:\n"
	       "  wakeuptime 5              # 5 seconds, all threads\n"
	       "  wakeuptime -p 181 -f 10   # blocked threads of PID 181, folded\n"
	       "  wakeuptime -m 1000        # blocks of at least 1 ms\n"
	       "  wakeuptime --flamegraph wake.svg 10   # a wakeup flame graph\n"
	       "\nThe filters (-p, -t, -u, -n, -c) select the blocked threads; the stacks "
	       "are their wakers'. Like BCC's wakeuptime: -U, -K, -f, -m, -M; BCC's -d "
	       "(delimiter) is not offered (-d is the duration).",
	.args_doc = "[duration]",
	.std = TK_STD_FILTERS | TK_STD_DURATION,
	.options = options,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
	.positional = tk_stack_duration_arg,
	.stacks = &stacks,
};

TK_TOOL_MAIN(tool)
