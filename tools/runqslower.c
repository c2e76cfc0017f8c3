// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* runqslower: run-queue (scheduler) waits above a threshold, one line each. */
#include "tk.h"
#include "opts.h"
#include "runqslower.h"
#include "runqslower.skel.h"

static bool previous;
static unsigned long long min_us = 10000;

static const struct tk_option options[] = {
	{ "previous", 'P', NULL, "Also show the task that left the CPU (PREV COMM, PREV TID)",
	  TK_OPT_FLAG, &previous },
	{ 0 },
};

#define EV struct runqslower_event
static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_WALL, "time", "TIME", 8, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 6, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 6, .flags = TK_F_LEFT),
	TK_FIELD(EV, delta_us, TK_FT_U64, "lat_us", "LAT(us)", 14),
	TK_FIELD(EV, prev_comm, TK_FT_STR, "prev_comm", "PREV COMM", 16, .show = &previous),
	TK_FIELD(EV, prev_tid, TK_FT_U32, "prev_tid", "PREV TID", 0, .show = &previous),
	{ 0 },
};

/* [MIN_US]: the threshold in microseconds. */
static const char *positional(const char *arg, int index)
{
	if (index > 0)
		return "unexpected argument after MIN_US";
	if (tk_parse_uint(arg, 0, 3600ULL * 1000000, &min_us))
		return "invalid MIN_US: expected microseconds, a whole number up to 3600000000";
	return NULL;
}

static int setup(void *s)
{
	struct runqslower_bpf *skel = s;

	skel->rodata->cfg_min_us = min_us;
	return 0;
}

TK_SKELETON(runqslower_bpf);

static const struct tk_tool tool = {
	.name = "runqslower",
	.summary = "Trace run-queue (scheduler) waits longer than a threshold.",
	.doc = "Examples:\n"
	       "  runqslower                # waits of 10 ms or more\n"
	       "  runqslower 1000           # waits of 1 ms or more\n"
	       "  runqslower -p 185 -P 500  # process 185, with the previous task\n"
	       "  runqslower -j 0           # every wait, as JSON Lines\n"
	       "\nMIN_US defaults to 10000.  A wait runs from a thread's wakeup, or from\n"
	       "its preemption, until it gets a CPU; PREV is the task it replaced.",
	.args_doc = "[MIN_US]",
	.std = TK_STD_PID | TK_STD_TID | TK_STD_UID | TK_STD_COMM | TK_STD_DURATION |
	       TK_STD_EXTENDED,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.positional = positional,
};

TK_TOOL_MAIN(tool)
