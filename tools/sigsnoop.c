// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * sigsnoop: trace signals as they are generated (and delivered); run as
 * killsnoop (an argv[0] alias), trace the kill-family system calls.
 */
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "output.h"
#include "alias.h"
#include "signame.h"
#include "sigsnoop.h"
#include "sigsnoop.skel.h"

static bool kill_mode, delivered, sig_names, sig_numbers = true;
static int signal_filter = -1;
static unsigned long long target_pid;

#define OPT_SIGNAL { "signal", 's', "SIG", "Only this signal (a name such as KILL, or a number)", \
	TK_OPT_CALL, &signal_filter, .parse = tk_opt_signal }
#define OPT_NAMES { "signal-name", 0, NULL, "Show signal names instead of numbers", \
	TK_OPT_FLAG, &sig_names }
#define OPT_TPID { "target-pid", 0, "PID", "Only signals or calls whose target (TPID) is PID", \
	TK_OPT_UINT, &target_pid, 1, 4194304 }

static const struct tk_option options[] = {
	{ "kill", 'k', NULL, "Trace kill-family system calls instead (killsnoop)", TK_OPT_FLAG, &kill_mode },
	{ "delivered", 0, NULL, "Also show signals as they are delivered", TK_OPT_FLAG, &delivered },
	OPT_SIGNAL, OPT_TPID, OPT_NAMES, { 0 },
};

static const struct tk_option kill_options[] = { OPT_SIGNAL, OPT_TPID, OPT_NAMES, { 0 } };

#define EV struct sigsnoop_event
#define KIND(rec) (((const EV *)(rec))->kind)
#define IS_CALL(rec) (KIND(rec) >= SIGSNOOP_KILL)

static const char *const kind_names[SIGSNOOP_NKINDS] = {
	"generate", "deliver", "kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo",
};

static void get_event(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	if (KIND(rec) < SIGSNOOP_NKINDS)
		tk_set_raw(v, kind_names[KIND(rec)], strlen(kind_names[KIND(rec)]));
}

static void get_sig_name(const void *rec, struct tk_value *v, char *buf)
{
	if (tk_signal_name(((const EV *)rec)->sig, buf, TK_FIELD_BUF))
		tk_set_raw(v, buf, strlen(buf));
}

/* Text: the name, or the number of what has none (0, the null signal). */
static void get_sig_text(const void *rec, struct tk_value *v, char *buf)
{
	get_sig_name(rec, v, buf);
	if (v->kind == TK_V_NONE)
		tk_set_int(v, ((const EV *)rec)->sig);
}

/* generate: the kernel's verdict; deliver: the receiver's action. */
static void get_result(const void *rec, struct tk_value *v, char *buf)
{
	static const char *const gen[] = { "delivered", "ignored", "pending", "overflow", "lose_info" };
	static const char *const act[] = { "default", "ignore", "handler" };
	const EV *e = rec;
	const char *s = NULL;

	(void)buf;
	if (e->kind == SIGSNOOP_GENERATE)
		s = e->result >= 0 && e->result < 5 ? gen[e->result] : "unknown";
	else if (e->kind == SIGSNOOP_DELIVER)
		s = e->result >= 0 && e->result < 3 ? act[e->result] : "unknown";
	if (s)
		tk_set_raw(v, s, strlen(s));
}

/* A getter for a field only some kinds of record have: null in JSON and
 * "-" in text for the others. */
#define GETTER(fn, cond, set) \
	static void fn(const void *rec, struct tk_value *v, char *buf) \
	{ const EV *e = rec; (void)buf; if (cond) set; }

/* The return value of a call, in JSON the toolkit's way: ret (-1 on
 * failure) and err (the errno); in text (RESULT) as returned, as BCC's. */
static const struct tk_field ret_err[] = {
	TK_FIELD(EV, ret, TK_FT_RET, "ret", "-", 0),
	TK_FIELD(EV, ret, TK_FT_ERRNO, "err", "-", 0),
};
GETTER(get_ret, IS_CALL(e), tk_field_value(&ret_err[0], rec, v, buf))
GETTER(get_err, IS_CALL(e), tk_field_value(&ret_err[1], rec, v, buf))
GETTER(get_raw_ret, IS_CALL(e), tk_set_int(v, e->ret))
GETTER(get_code, !IS_CALL(e), tk_set_int(v, e->code))
GETTER(get_group, e->kind == SIGSNOOP_GENERATE, tk_set_bool(v, e->group))
GETTER(get_tcomm, !IS_CALL(e), tk_set_str(v, e->tcomm, strnlen(e->tcomm, sizeof(e->tcomm))))

/* RESULT: the return value of a call, the verdict or action otherwise. */
static void get_result_text(const void *rec, struct tk_value *v, char *buf)
{
	if (IS_CALL(rec))
		get_raw_ret(rec, v, buf);
	else
		get_result(rec, v, buf);
}

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_WALL, "time", "TIME", 8, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 7, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 6, .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD(EV, sig, TK_FT_S32, "sig", "SIG", 4, .show = &sig_numbers, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_sig_text, "-", "SIG", 11, .show = &sig_names, .flags = TK_F_TEXT_ONLY | TK_F_LEFT),
	TK_FIELD_GET(get_sig_name, "sig_name", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, tpid, TK_FT_S32, "tpid", "TPID", 7, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_tcomm, "tcomm", "TCOMM", 16, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD_GET(get_event, "event", "EVENT", 17, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD_GET(get_code, "code", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_group, "group", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_result, "result", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_ret, "ret", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_err, "err", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_result_text, "-", "RESULT", 0, .flags = TK_F_TEXT_ONLY),
	{ 0 },
};

static int setup(void *s)
{
	struct sigsnoop_bpf *skel = s;
	char probe[64];

	sig_numbers = !sig_names;
	skel->rodata->targ_sig_set = signal_filter >= 0;
	skel->rodata->targ_sig = signal_filter;
	skel->rodata->targ_tpid_set = target_pid != 0;
	skel->rodata->targ_tpid = (int)target_pid;
	if (kill_mode)
		tk_probe_disable(skel->obj, "signal_generate");
	for (int k = SIGSNOOP_KILL; !kill_mode && k < SIGSNOOP_NKINDS; k++) {
		snprintf(probe, sizeof(probe), "sys_enter_%s", kind_names[k]);
		tk_probe_disable(skel->obj, probe);
		snprintf(probe, sizeof(probe), "sys_exit_%s", kind_names[k]);
		tk_probe_disable(skel->obj, probe);
	}
	if (!delivered)
		tk_probe_disable(skel->obj, "signal_deliver");
	return 0;
}

static int kill_setup(void *s)
{
	kill_mode = true;
	return setup(s);
}

TK_SKELETON(sigsnoop_bpf);

/* TIME is always a column, as in BCC: no -T */
#define STD (TK_STD_FILTERS | TK_STD_DURATION | TK_STD_FAILED | TK_STD_EXTENDED)

static const struct tk_tool tool = {
	.name = "sigsnoop",
	.summary = "Trace signals system-wide as they are generated: sender, signal, target, result.",
	.doc = "Examples:\n"
	       "  sigsnoop                  # every signal generated\n"
	       "  sigsnoop -x               # signals the kernel did not deliver\n"
	       "  sigsnoop -s KILL          # SIGKILL only\n"
	       "  sigsnoop -k -p 181        # kill-family calls made by PID 181\n"
	       "  sigsnoop --delivered -e   # deliveries too, with the EVENT column\n"
	       "\nFilters apply to the sender (for deliveries, the receiver).",
	.std = STD,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
};

static const struct tk_tool killsnoop = {
	.name = "killsnoop",
	.summary = "Trace kill-family system calls system-wide: sender, signal, target, return.",
	.doc = "Examples:\n"
	       "  killsnoop                 # every kill(), tkill(), tgkill(), rt_*sigqueueinfo()\n"
	       "  killsnoop -x              # failed calls only\n"
	       "  killsnoop -s TERM         # SIGTERM only\n"
	       "  killsnoop --target-pid 181  # calls aimed at PID 181 (BCC's -T)\n"
	       "  killsnoop -p 181 -j       # calls made by PID 181, as JSON Lines\n"
	       "\nkillsnoop is sigsnoop -k; filters apply to the sender.",
	.std = STD,
	.options = kill_options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = kill_setup,
};

TK_TOOLS_MAIN(tool, &killsnoop)
