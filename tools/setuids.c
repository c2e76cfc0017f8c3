// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* setuids: trace the setuid family of system calls (privilege changes). */
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "setuids.h"
#include "setuids.skel.h"

#define EV struct setuids_event

/* Each call: its name and its parameters' names. */
static const struct {
	const char *name;
	const char *params[3];
} calls[SETUIDS_NCALLS] = {
	[SETUIDS_SETUID] = { "setuid", { "uid" } },
	[SETUIDS_SETGID] = { "setgid", { "gid" } },
	[SETUIDS_SETREUID] = { "setreuid", { "ruid", "euid" } },
	[SETUIDS_SETREGID] = { "setregid", { "rgid", "egid" } },
	[SETUIDS_SETRESUID] = { "setresuid", { "ruid", "euid", "suid" } },
	[SETUIDS_SETRESGID] = { "setresgid", { "rgid", "egid", "sgid" } },
	[SETUIDS_SETFSUID] = { "setfsuid", { "fsuid" } },
	[SETUIDS_SETFSGID] = { "setfsgid", { "fsgid" } },
};

static bool known(const EV *e)
{
	return e->call < SETUIDS_NCALLS;
}

static void get_call(const void *rec, struct tk_value *v, char *buf)
{
	const EV *e = rec;

	(void)buf;
	if (known(e))
		tk_set_raw(v, calls[e->call].name, strlen(calls[e->call].name));
}

/* An id as passed: (uid_t)-1, "leave it unchanged", as -1. */
static long long id_value(__u32 id)
{
	return id == (__u32)-1 ? -1 : (long long)id;
}

/* "ruid=-1 euid=1000 suid=-1". */
static void get_args(const void *rec, struct tk_value *v, char *buf)
{
	const EV *e = rec;
	size_t n = 0;

	if (!known(e))
		return;
	buf[0] = '\0';
	for (int i = 0; i < 3 && calls[e->call].params[i]; i++)
		n += (size_t)snprintf(buf + n, TK_FIELD_BUF - n, "%s%s=%lld", i ? " " : "",
				      calls[e->call].params[i], id_value(e->args[i]));
	tk_set_raw(v, buf, n);
}

/* The arguments as numbers, arg0..arg2: null past the call's last. */
static void get_arg(const EV *e, int i, struct tk_value *v)
{
	if (known(e) && calls[e->call].params[i])
		tk_set_int(v, id_value(e->args[i]));
}

static void get_arg0(const void *rec, struct tk_value *v, char *buf) { (void)buf; get_arg(rec, 0, v); }
static void get_arg1(const void *rec, struct tk_value *v, char *buf) { (void)buf; get_arg(rec, 1, v); }
static void get_arg2(const void *rec, struct tk_value *v, char *buf) { (void)buf; get_arg(rec, 2, v); }

#define ID(m, key, hdr, ...) TK_FIELD(EV, m, TK_FT_U32, key, hdr, 6, __VA_ARGS__)
static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_WALL, "time", "TIME", 8, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 7, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	ID(uid, "uid", "UID", .flags = TK_F_LEFT),
	TK_FIELD(EV, new_uid, TK_FT_U32, "new_uid", "NEW_UID", 7, .flags = TK_F_LEFT),
	ID(euid, "euid", "EUID", .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, new_euid, TK_FT_U32, "new_euid", "NEW_EUID", 8, .flags = TK_F_EXT | TK_F_LEFT),
	ID(gid, "gid", "GID", .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, new_gid, TK_FT_U32, "new_gid", "NEW_GID", 7, .flags = TK_F_EXT | TK_F_LEFT),
	ID(egid, "egid", "EGID", .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, new_egid, TK_FT_U32, "new_egid", "NEW_EGID", 8, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD_GET(get_call, "syscall", "SYSCALL", 9, .flags = TK_F_LEFT),
	TK_FIELD(EV, ret, TK_FT_S64, "-", "RET", 5, .flags = TK_F_TEXT_ONLY | TK_F_LEFT),
	TK_FIELD(EV, ret, TK_FT_RET, "ret", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, ret, TK_FT_ERRNO, "err", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_args, "args", "ARGS", 0),
	TK_FIELD_GET(get_arg0, "arg0", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_arg1, "arg1", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_arg2, "arg2", "-", 0, .flags = TK_F_JSON_ONLY),
	{ 0 },
};

TK_SKELETON(setuids_bpf);

static const struct tk_tool tool = {
	.name = "setuids",
	.summary = "Trace the setuid family of system calls system-wide: privilege changes.",
	.doc = "Examples:\n"
	       "  setuids                   # every setuid, setresuid, setgid, ... call\n"
	       "  setuids -x                # failed calls only\n"
	       "  setuids -T -e             # with times, TID, EUID, GID, EGID before and after\n"
	       "  setuids -j                # as JSON Lines\n"
	       "\nUID is the caller's real user ID before the call, NEW_UID after it; -1 in\n"
	       "ARGS leaves an id unchanged.  setfsuid and setfsgid return the previous id.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_FAILED | TK_STD_EXTENDED,
	.fields = fields,
	.skel = &tk_skel_ops_,
};

TK_TOOL_MAIN(tool)
