// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* capable: trace security capability checks (cap_capable()). */
#include <string.h>
#include "tk.h"
#include "stack.h"
#include "capable.h"
#include "capable.skel.h"

static bool kstack, ustack;
static __u8 unique;

/* --unique TYPE: pid or cgroup */
static const char *parse_unique(const char *arg, void *dest)
{
	(void)dest;
	if (!strcmp(arg, "pid"))
		unique = CAPABLE_UNIQUE_PID;
	else if (!strcmp(arg, "cgroup"))
		unique = CAPABLE_UNIQUE_CGROUP;
	else
		return "expected pid or cgroup";
	return NULL;
}

static const struct tk_option options[] = {
	TK_OPT_KERNEL_STACK(&kstack),
	TK_OPT_USER_STACK(&ustack),
	{ "unique", 0, "TYPE", "Print each capability once per process (pid) or per cgroup (cgroup)",
	  TK_OPT_CALL, NULL, .parse = parse_unique },
	{ 0 },
};

static const char *const cap_names[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
	"CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
	"CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
	"CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
	"CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
	"CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
	"CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON",
	"CAP_BPF", "CAP_CHECKPOINT_RESTORE",
};

#define EV struct capable_event

static void get_name(const void *rec, struct tk_value *v, char *buf)
{
	const EV *e = rec;
	int n;

	if (e->cap >= 0 && (size_t)e->cap < sizeof(cap_names) / sizeof(cap_names[0])) {
		tk_set_raw(v, cap_names[e->cap], strlen(cap_names[e->cap]));
		return;
	}
	n = snprintf(buf, TK_FIELD_BUF, "CAP_%d", e->cap);	/* newer than this table */
	tk_set_raw(v, buf, (size_t)n);
}

/* -1 (unknown on the tracepoint) is "-" in text, null in JSON */
static void get_audit(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	if (((const EV *)rec)->audit >= 0)
		tk_set_int(v, ((const EV *)rec)->audit);
}

static void get_insetid(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	if (((const EV *)rec)->insetid >= 0)
		tk_set_int(v, ((const EV *)rec)->insetid);
}

static void get_verdict(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	if (((const EV *)rec)->ret == 0)
		tk_set_raw(v, "allow", 5);
	else
		tk_set_raw(v, "deny", 4);
}

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_WALL, "time", "TIME", 8, .flags = TK_F_LEFT),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 5, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 7, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD(EV, cap, TK_FT_S32, "cap", "CAP", 4, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_name, "name", "NAME", 20, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_audit, "audit", "AUDIT", 5, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_verdict, "verdict", "VERDICT", 7, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_insetid, "insetid", "INSETID", 7, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, ret, TK_FT_S32, "ret", "RET", 4, .flags = TK_F_JSON_ONLY),
	TK_FIELD_STACK(EV, kstack, TK_FT_KSTACK, pid, "kernel_stack", &kstack),
	TK_FIELD_STACK(EV, ustack, TK_FT_USTACK, pid, "user_stack", &ustack),
	{ 0 },
};

static int setup(void *s)
{
	struct capable_bpf *skel = s;

	skel->rodata->cfg_kstack = kstack;
	skel->rodata->cfg_ustack = ustack;
	skel->rodata->cfg_unique = unique;
	if (!unique)
		bpf_map__set_max_entries(skel->maps.seen, 1);
	return tk_stack_configure(skel->obj, kstack || ustack, 0);
}

TK_SKELETON(capable_bpf);

/* the tracepoint (all but the audit options) first, else fentry+fexit or
 * kprobe+kretprobe on cap_capable() */
static const char *const joint[] = { "cap_capable", NULL };

static const struct tk_tool tool = {
	.name = "capable",
	.summary = "Trace security capability checks (cap_capable()).",
	.doc = "Examples:\n"
	       "  capable                   # trace every capability check\n"
	       "  capable -x                # denied checks only\n"
	       "  capable -p 181 -K         # PID 181 only, with kernel stacks\n"
	       "  capable --unique pid      # each capability once per process\n"
	       "  capable -e -j             # with TID and INSETID, as JSON Lines\n"
	       "\nAUDIT and INSETID are known only when cap_capable() is traced by fentry or "
	       "kprobe; from the capability:cap_capable tracepoint they show as -.\n"
	       "BCC's -v (non-audit checks) is the default here: every check is shown; "
	       "BCC's -x (extra fields) is -e, BCC's -u (unique) is --unique, "
	       "BCC's -U (user stacks) is --user-stack.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_FAILED | TK_STD_EXTENDED,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.joint = joint,
};

TK_TOOL_MAIN(tool)
