// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* filelife: trace files created and deleted while tracing, with their age. */
#include "tk.h"
#include "filelife.h"
#include "filelife.skel.h"

static const char *const call_names[FILELIFE_NCALLS] = {
	[FILELIFE_UNLINK] = "unlink", [FILELIFE_UNLINKAT] = "unlinkat",
	[FILELIFE_RENAME] = "rename", [FILELIFE_RENAMEAT] = "renameat",
	[FILELIFE_RENAMEAT2] = "renameat2",
};

#define EV struct filelife_event
static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_WALL, "time", "TIME", 8, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 6, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 6, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 6, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD(EV, call, TK_FT_ENUM, "call", "CALL", 9, TK_NAMES(call_names),
		 .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, age_ns, TK_FT_NSEC, "age_s", "AGE(s)", 8, .fmt = "%.2f",
		 .flags = TK_F_LEFT),
	TK_FIELD(EV, file, TK_FT_STR, "file", "FILE", 0),
	{ 0 },
};

static const char *const optional[] = {
	/* open, creat, unlink and rename are missing on some architectures,
	 * openat2 before 5.6 */
	"sys_exit_open", "sys_exit_creat", "sys_exit_openat2",
	"sys_enter_unlink", "sys_exit_unlink", "sys_enter_rename", "sys_exit_rename",
	"sys_enter_renameat", "sys_exit_renameat", NULL,
};

TK_SKELETON(filelife_bpf);

static const struct tk_tool tool = {
	.name = "filelife",
	.summary = "Trace short-lived files: created and deleted while tracing, with their age.",
	.doc = "Examples:\n"
	       "  filelife                  # every file created and deleted while tracing\n"
	       "  filelife -p 181           # files deleted by PID 181\n"
	       "  filelife -e -j            # with TID, UID and the deleting call, as JSON Lines\n"
	       "\nFiles created before filelife started have no age and are not shown.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_EXTENDED,
	.options = (const struct tk_option[]){ { 0 } },
	.fields = fields,
	.skel = &tk_skel_ops_,
	.optional = optional,
};

TK_TOOL_MAIN(tool)
