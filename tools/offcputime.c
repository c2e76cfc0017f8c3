// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* offcputime: time threads spend off the CPU, by stack (sched_switch). */
#include <string.h>
#include <bpf/libbpf.h>
#include "tk.h"
#include "opts.h"
#include "stackagg.h"
#include "offcputime.h"
#include "offcputime.skel.h"

static unsigned long long min_us = 1, max_us, storage = 16384;
static struct tk_stack_opts so;
static bool user_threads, kernel_threads;
static unsigned long long state, state_mask;

/* --state: a task state number, matched exactly (BCC), or R (0), S (the
 * TASK_INTERRUPTIBLE bit, 1), D (TASK_UNINTERRUPTIBLE, 2), whatever other
 * bits (TASK_FREEZABLE, TASK_NOLOAD) come with them */
static const char *parse_state(const char *arg, void *dest)
{
	(void)dest;
	state_mask = 3;
	if (!strcmp(arg, "R"))
		state_mask = ~0ULL, state = 0;
	else if (!strcmp(arg, "S"))
		state = 1;
	else if (!strcmp(arg, "D"))
		state = 2;
	else if (!tk_parse_uint(arg, 0, 0xffffffffULL, &state))
		state_mask = ~0ULL;
	else
		return "expected a task state number (0 running, 1 sleeping, 2 disk sleep) or R, S, D";
	return NULL;
}

static const struct tk_option options[] = {
	TK_OPT_STACKS(&so),
	{ "min-block-time", 'm', "US", "Only blocks of at least US microseconds (default 1)",
	  TK_OPT_UINT, &min_us, 0, 1ULL << 40 },
	{ "max-block-time", 'M', "US", "Only blocks of at most US microseconds", TK_OPT_UINT,
	  &max_us, 1, 1ULL << 40 },
	{ "state", 0, "STATE", "Only threads leaving the CPU in this state: a number or R, S, D",
	  TK_OPT_CALL, NULL, .parse = parse_state },
	{ "user-threads-only", 0, NULL, "User threads only (BCC's -u)", TK_OPT_FLAG, &user_threads },
	{ "kernel-threads-only", 0, NULL, "Kernel threads only (BCC's -k)", TK_OPT_FLAG,
	  &kernel_threads },
	{ "stack-storage-size", 0, "N", "Room for N unique stacks (default 16384)", TK_OPT_UINT,
	  &storage, 16, 1 << 22 },
	{ 0 },
};

static const char *check(void)
{
	if (user_threads && kernel_threads)
		return "--user-threads-only and --kernel-threads-only exclude each other";
	if (max_us && max_us < min_us)
		return "-M must not be below -m";
	return tk_stack_opts_check(&so);
}

static int setup(void *s)
{
	struct offcputime_bpf *skel = s;

	skel->rodata->cfg_kernel = so.kernel;
	skel->rodata->cfg_user = so.user;
	skel->rodata->cfg_threads = user_threads ? OFFCPU_USER
				    : kernel_threads ? OFFCPU_KERNEL : OFFCPU_ALL;
	skel->rodata->cfg_state = state;
	skel->rodata->cfg_state_mask = state_mask;
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
	.title = "Off-CPU time",
	.size_option = "--stack-storage-size",
};

TK_SKELETON(offcputime_bpf);

static const struct tk_tool tool = {
	.name = "offcputime",
	.summary = "Summarize the time threads spend off the CPU (blocked), by stack.",
	.doc = "Examples:\n"
	       "  offcputime 5              # 5 seconds, all threads\n"
	       "  offcputime -p 181 -f 10   # PID 181, folded, 10 seconds\n"
	       "  offcputime -m 1000 --state S   # sleeps of at least 1 ms\n"
	       "  offcputime --flamegraph off.svg 10   # an off-CPU flame graph\n"
	       "\nLike BCC's offcputime: -U, -K, -f, -m, -M, --state. BCC's -u (user threads "
	       "only) is --user-threads-only and -k --kernel-threads-only (-u is the UID "
	       "filter); BCC's -d (delimiter) is not offered (-d is the duration).",
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
