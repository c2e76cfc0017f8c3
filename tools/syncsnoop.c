// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* syncsnoop: trace sync(), syncfs(), fsync(), fdatasync(), msync() and
 * sync_file_range(). */
#include <bpf/libbpf.h>
#include "tk.h"
#include "syncsnoop.h"
#include "syncsnoop.skel.h"

static const char *const call_names[SYNCSNOOP_NCALLS] = {
	[SYNCSNOOP_SYNC] = "sync", [SYNCSNOOP_SYNCFS] = "syncfs",
	[SYNCSNOOP_FSYNC] = "fsync", [SYNCSNOOP_FDATASYNC] = "fdatasync",
	[SYNCSNOOP_MSYNC] = "msync", [SYNCSNOOP_SYNC_FILE_RANGE] = "sync_file_range",
};

/* The arguments a call does not have are null (text "-"). */
#define MSYNC TK_BIT(SYNCSNOOP_MSYNC)
#define SFR TK_BIT(SYNCSNOOP_SYNC_FILE_RANGE)
#define ONLY(calls) .when = { TK_WHEN_IN(struct syncsnoop_event, call, (calls)) }

#define EV struct syncsnoop_event
static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_REL, "time_s", "TIME(s)", 14, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 6, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 6, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD(EV, call, TK_FT_ENUM, "call", "CALL", 15, TK_NAMES(call_names), .flags = TK_F_LEFT),
	TK_FIELD(EV, fd, TK_FT_S64, "fd", "FD", 4, ONLY(~(MSYNC | TK_BIT(SYNCSNOOP_SYNC)))),
	TK_FIELD(EV, addr, TK_FT_U64, "addr", "ADDR", 0, ONLY(MSYNC), .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, offset, TK_FT_U64, "offset", "OFFSET", 0, ONLY(SFR), .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, len, TK_FT_U64, "len", "LEN", 0, ONLY(MSYNC | SFR), .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, flags, TK_FT_U32, "flags", "FLAGS", 0, ONLY(MSYNC | SFR),
		 .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, path, TK_FT_STR, "path", "PATH", 0),
	{ 0 },
};

static const char *const optional[] = {
	/* some 32-bit architectures have sync_file_range2 instead */
	"sys_enter_sync_file_range", NULL,
};

/* msync's PATH needs bpf_find_vma(): without it, the variant that has none. */
static int setup(void *s)
{
	struct syncsnoop_bpf *skel = s;
	bool vma = libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACEPOINT, BPF_FUNC_find_vma, NULL) == 1;

	bpf_program__set_autoload(vma ? skel->progs.tp_sys_enter_msync_nopath
				      : skel->progs.tp_sys_enter_msync, false);
	return 0;
}

TK_SKELETON(syncsnoop_bpf);

static const struct tk_tool tool = {
	.name = "syncsnoop",
	.summary = "Trace sync(), syncfs(), fsync(), fdatasync(), msync() and "
		   "sync_file_range() calls system-wide.",
	.doc = "Examples:\n"
	       "  syncsnoop                 # trace every sync call\n"
	       "  syncsnoop -n postgres     # command postgres only\n"
	       "  syncsnoop -j              # as JSON Lines, with msync and sync_file_range arguments\n"
	       "\nPATH is the file behind the fd, for msync() the mapped file (Linux 5.17+);\n"
	       "sync() has none.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_EXTENDED,
	.options = (const struct tk_option[]){ { 0 } },
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.optional = optional,
};

TK_TOOL_MAIN(tool)
