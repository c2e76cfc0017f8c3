// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* exitsnoop: trace process (and thread) exits, with age and exit status. */
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "signame.h"
#include "exitsnoop.h"
#include "exitsnoop.skel.h"

static bool threads;

static const struct tk_option options[] = {
	{ "threads", 0, NULL, "Also show threads that exit while their process goes on "
	  "(BCC's --per-thread)", TK_OPT_FLAG, &threads },
	{ 0 },
};

#define EV struct exitsnoop_event
#define STATUS(rec) (((const EV *)(rec))->status)

/* "0", "code 3", "signal 9 (SIGKILL)", "signal 3 (SIGQUIT), core dumped". */
static void get_exit_text(const void *rec, struct tk_value *v, char *buf)
{
	__u32 st = STATUS(rec);
	char name[TK_SIGNAME_LEN];
	const char *sn;
	int n;

	if (st & 0x7f) {
		sn = tk_signal_name((int)(st & 0x7f), name, sizeof(name));
		n = snprintf(buf, TK_FIELD_BUF, "signal %u (%s)%s", st & 0x7f, sn ? sn : "?",
			     st & 0x80 ? ", core dumped" : "");
	} else if (st) {
		n = snprintf(buf, TK_FIELD_BUF, "code %u", (st >> 8) & 0xff);
	} else {
		n = snprintf(buf, TK_FIELD_BUF, "0");
	}
	tk_set_raw(v, buf, (size_t)n);
}

static void get_code(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_uint(v, (STATUS(rec) >> 8) & 0xff);
}

static void get_signal(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_uint(v, STATUS(rec) & 0x7f);
}

static void get_signal_name(const void *rec, struct tk_value *v, char *buf)
{
	if (tk_signal_name((int)(STATUS(rec) & 0x7f), buf, TK_FIELD_BUF))
		tk_set_str(v, buf, strlen(buf));
}

static void get_core(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_bool(v, STATUS(rec) & 0x80);
}

static void get_process_exit(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_bool(v, ((const EV *)rec)->process_exit);
}

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_WALL, "time", "TIME", 8, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "PCOMM", 16),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, ppid, TK_FT_U32, "ppid", "PPID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 6, .flags = TK_F_EXT | TK_F_LEFT),
	/* BCC's 2 decimals in text; JSON has the full value */
	TK_FIELD(EV, age_ns, TK_FT_NSEC, "age_s", "AGE(s)", 7, .flags = TK_F_LEFT, .fmt = "%.2f"),
	TK_FIELD_GET(get_exit_text, "-", "EXIT_CODE", 0, .flags = TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_code, "exit_code", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_signal, "signal", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_signal_name, "signal_name", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_core, "core_dump", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_process_exit, "process_exit", "-", 0, .flags = TK_F_JSON_ONLY),
	{ 0 },
};

static int setup(void *s)
{
	struct exitsnoop_bpf *skel = s;

	skel->rodata->cfg_threads = threads;
	return 0;
}

TK_SKELETON(exitsnoop_bpf);

static const struct tk_tool tool = {
	.name = "exitsnoop",
	.summary = "Trace process exits system-wide, with their age and exit status.",
	.doc = "Examples:\n"
	       "  exitsnoop                 # every process exit\n"
	       "  exitsnoop -x              # exits with a non-zero status only\n"
	       "  exitsnoop --threads       # thread exits too\n"
	       "  exitsnoop -T -n make      # command make, with times\n"
	       "  exitsnoop -j              # as JSON Lines\n"
	       "\nAGE(s) is the time since the process started (for a thread exit, the\n"
	       "thread).  A process exit is reported by its last thread to exit.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_FAILED | TK_STD_EXTENDED,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
};

TK_TOOL_MAIN(tool)
