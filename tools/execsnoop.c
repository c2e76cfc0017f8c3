// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* execsnoop: trace exec() calls, with their arguments. */
#include <string.h>
#include "tk.h"
#include "execsnoop.h"
#include "execsnoop.skel.h"

static bool show_uid;
static bool quote;
static unsigned long long max_args = EXECSNOOP_DEF_ARGS;

static const struct tk_option options[] = {
	{ "print-uid", 'U', NULL, "Show the UID column", TK_OPT_FLAG, &show_uid },
	{ "quote", 'q', NULL, "Put each argument in double quotes (text)", TK_OPT_FLAG, &quote },
	{ "max-args", 0, "N", "Show at most N arguments (1-64, default 20)",
	  TK_OPT_UINT, &max_args, 1, EXECSNOOP_MAX_ARGS },
	{ 0 },
};

/* Bytes of args[] present; the ring record ends there. */
static size_t args_len(const struct execsnoop_event *e)
{
	return e->args_size < EXECSNOOP_ARGS_SIZE ? e->args_size : EXECSNOOP_ARGS_SIZE;
}

/* The arguments: a JSON array; text joins them (quoted with -q) and ends
 * with " ..." when some were left out. */
static void get_args(const void *rec, struct tk_value *v, char *buf)
{
	const struct execsnoop_event *e = rec;

	(void)buf;
	tk_set_strv(v, e->args, args_len(e), e->truncated);
}

static void get_truncated(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_bool(v, ((const struct execsnoop_event *)rec)->truncated);
}

#define EV struct execsnoop_event
static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_WALL, "time", "TIME", 8, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 6, .show = &show_uid, .flags = TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "PCOMM", 16),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 7, .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, ppid, TK_FT_U32, "ppid", "PPID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, ret, TK_FT_S32, "ret", "RET", 3),
	TK_FIELD_GET(get_args, "args", "ARGS", 0, .quote = &quote),
	TK_FIELD_GET(get_truncated, "truncated", "-", 0, .flags = TK_F_JSON_ONLY),
	{ 0 },
};

static int setup(void *s)
{
	struct execsnoop_bpf *skel = s;

	skel->rodata->cfg_max_args = (__u32)max_args;
	return 0;
}

TK_SKELETON(execsnoop_bpf);

static const struct tk_tool tool = {
	.name = "execsnoop",
	.summary = "Trace exec() calls system-wide, with their arguments.",
	.doc = "Examples:\n"
	       "  execsnoop                 # trace every exec\n"
	       "  execsnoop -x              # failed execs only\n"
	       "  execsnoop -T -U           # with time and UID columns\n"
	       "  execsnoop -q --max-args 5 # quoted, at most 5 arguments\n"
	       "  execsnoop -u 1000 -j      # user 1000, as JSON Lines\n"
	       "\nPCOMM is the new program's name; a failed exec shows the caller's.\n"
	       "Filters apply at the return of the call, so -n matches the new name.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_FAILED,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
};

TK_TOOL_MAIN(tool)
