// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* opensnoop: trace open(), openat(), openat2() and creat(). */
#include <fcntl.h>
#include <string.h>
#include "tk.h"
#include "opts.h"
#include "opensnoop.h"
#include "opensnoop.skel.h"

static bool show_uid;
static __u64 flag_filter;
static bool flag_rdonly;

/* -f FLAG: an O_* name or a number, repeatable (any of them matches). */
static const char *parse_flag(const char *arg, void *dest)
{
	static const struct { const char *name; __u64 flag; } names[] = {
		{ "O_WRONLY", O_WRONLY }, { "O_RDWR", O_RDWR }, { "O_CREAT", O_CREAT },
		{ "O_EXCL", O_EXCL }, { "O_NOCTTY", O_NOCTTY }, { "O_TRUNC", O_TRUNC },
		{ "O_APPEND", O_APPEND }, { "O_NONBLOCK", O_NONBLOCK }, { "O_DSYNC", O_DSYNC },
		{ "O_SYNC", O_SYNC }, { "O_ASYNC", O_ASYNC }, { "O_DIRECT", O_DIRECT },
		{ "O_DIRECTORY", O_DIRECTORY },
		{ "O_NOFOLLOW", O_NOFOLLOW }, { "O_NOATIME", O_NOATIME }, { "O_CLOEXEC", O_CLOEXEC },
		{ "O_PATH", O_PATH }, { "O_TMPFILE", O_TMPFILE },
	};
	unsigned long long v;

	(void)dest;
	if (!strcmp(arg, "O_RDONLY")) {
		flag_rdonly = true;
		return NULL;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(arg, names[i].name)) {
			flag_filter |= names[i].flag;
			return NULL;
		}
	}
	if (tk_parse_uint(arg, 1, 0, &v) == 0) {
		flag_filter |= v;
		return NULL;
	}
	return "expected an O_* flag name (O_WRONLY, O_CREAT, ...) or a number";
}

static const struct tk_option options[] = {
	{ "print-uid", 'U', NULL, "Show the UID column", TK_OPT_FLAG, &show_uid },
	{ "flag-filter", 'f', "FLAG", "Only opens with this flag (O_WRONLY, O_CREAT, ...); repeatable",
	  TK_OPT_CALL, NULL, .parse = parse_flag },
	{ 0 },
};

#define EV struct opensnoop_event
static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_REL, "time_s", "TIME(s)", 14, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 6, .show = &show_uid, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 6, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 6, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD(EV, ret, TK_FT_RET, "fd", "FD", 4),
	TK_FIELD(EV, ret, TK_FT_ERRNO, "err", "ERR", 3),
	TK_FIELD(EV, flags, TK_FT_U64, "flags", "FLAGS", 8, .flags = TK_F_EXT, .fmt = "%08llo"),
	TK_FIELD(EV, path, TK_FT_STR, "path", "PATH", 0),
	{ 0 },
};

static const char *const optional[] = {
	/* open and creat do not exist on every architecture, openat2 before 5.6 */
	"sys_enter_open", "sys_exit_open", "sys_enter_creat", "sys_exit_creat",
	"sys_enter_openat2", "sys_exit_openat2", NULL,
};

static int setup(void *s)
{
	struct opensnoop_bpf *skel = s;

	skel->rodata->targ_flags = flag_filter;
	skel->rodata->targ_rdonly = flag_rdonly;
	return 0;
}

TK_SKELETON(opensnoop_bpf);

static const struct tk_tool tool = {
	.name = "opensnoop",
	.summary = "Trace open(), openat(), openat2() and creat() calls system-wide.",
	.doc = "Examples:\n"
	       "  opensnoop                 # trace every open\n"
	       "  opensnoop -x              # failed opens only\n"
	       "  opensnoop -p 181 -T       # PID 181 only, with timestamps\n"
	       "  opensnoop -n nginx -e     # command nginx, with TID and flags\n"
	       "  opensnoop -f O_CREAT -j   # opens that may create, as JSON Lines\n"
	       "\nPaths are shown as passed: a path relative to a directory fd is not resolved.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_FAILED | TK_STD_EXTENDED,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.optional = optional,
};

TK_TOOL_MAIN(tool)
