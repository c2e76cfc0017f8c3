// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* statsnoop: trace stat(), lstat(), fstatat(), statx() and statfs(). */
#include "tk.h"
#include "statsnoop.h"
#include "statsnoop.skel.h"

static bool show_uid;

static const struct tk_option options[] = {
	{ "print-uid", 'U', NULL, "Show the UID column", TK_OPT_FLAG, &show_uid },
	{ 0 },
};

static const char *const call_names[STATSNOOP_NCALLS] = {
	[STATSNOOP_STAT] = "stat", [STATSNOOP_LSTAT] = "lstat",
	[STATSNOOP_FSTATAT] = "fstatat", [STATSNOOP_STATX] = "statx",
	[STATSNOOP_STATFS] = "statfs", [STATSNOOP_NEWSTAT] = "newstat",
	[STATSNOOP_NEWLSTAT] = "newlstat", [STATSNOOP_NEWFSTATAT] = "newfstatat",
	[STATSNOOP_STAT64] = "stat64", [STATSNOOP_LSTAT64] = "lstat64",
	[STATSNOOP_FSTATAT64] = "fstatat64",
};

#define EV struct statsnoop_event
static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_REL, "time_s", "TIME(s)", 14, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 6, .show = &show_uid, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 6, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 6, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD(EV, ret, TK_FT_RET, "ret", "RET", 4),
	TK_FIELD(EV, ret, TK_FT_ERRNO, "err", "ERR", 3),
	TK_FIELD(EV, call, TK_FT_ENUM, "call", "CALL", 10, TK_NAMES(call_names),
		 .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, path, TK_FT_STR, "path", "PATH", 0),
	{ 0 },
};

static const char *const optional[] = {
	/* which of these exist depends on the architecture */
	"sys_enter_stat", "sys_exit_stat", "sys_enter_lstat", "sys_exit_lstat",
	"sys_enter_fstatat", "sys_exit_fstatat", "sys_enter_newstat", "sys_exit_newstat",
	"sys_enter_newlstat", "sys_exit_newlstat", "sys_enter_newfstatat", "sys_exit_newfstatat",
	"sys_enter_stat64", "sys_exit_stat64", "sys_enter_lstat64", "sys_exit_lstat64",
	"sys_enter_fstatat64", "sys_exit_fstatat64", NULL,
};

TK_SKELETON(statsnoop_bpf);

static const struct tk_tool tool = {
	.name = "statsnoop",
	.summary = "Trace stat(), lstat(), fstatat(), statx() and statfs() calls system-wide.",
	.doc = "Examples:\n"
	       "  statsnoop                 # trace every stat call\n"
	       "  statsnoop -x              # failed stats only\n"
	       "  statsnoop -p 181 -T       # PID 181 only, with timestamps\n"
	       "  statsnoop -e -j           # with TID and the call's name, as JSON Lines\n"
	       "\nPaths are shown as passed: a path relative to a directory fd is not resolved.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_FAILED | TK_STD_EXTENDED,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.optional = optional,
};

TK_TOOL_MAIN(tool)
