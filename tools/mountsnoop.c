// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* mountsnoop: trace mount(), umount() and the new mount API calls. */
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "flags.h"
#include "names.h"
#include "output.h"
#include "mountsnoop.h"
#include "mountsnoop.skel.h"

#define F(bits, name) { bits, name, 0 }
static const struct tk_flag_name ms_flags[] = {
	{ 0xc0ed0000, "MS_MGC_VAL", 0xffff0000 },	/* first: its bits are not single flags */
	F(1, "MS_RDONLY"), F(2, "MS_NOSUID"), F(4, "MS_NODEV"), F(8, "MS_NOEXEC"), F(16, "MS_SYNCHRONOUS"),
	F(32, "MS_REMOUNT"), F(64, "MS_MANDLOCK"), F(128, "MS_DIRSYNC"), F(256, "MS_NOSYMFOLLOW"),
	F(1024, "MS_NOATIME"), F(2048, "MS_NODIRATIME"), F(4096, "MS_BIND"), F(8192, "MS_MOVE"),
	F(16384, "MS_REC"), F(32768, "MS_SILENT"), F(1 << 16, "MS_POSIXACL"), F(1 << 17, "MS_UNBINDABLE"),
	F(1 << 18, "MS_PRIVATE"), F(1 << 19, "MS_SLAVE"), F(1 << 20, "MS_SHARED"),
	F(1 << 21, "MS_RELATIME"), F(1 << 22, "MS_KERNMOUNT"), F(1 << 23, "MS_I_VERSION"),
	F(1 << 24, "MS_STRICTATIME"), F(1 << 25, "MS_LAZYTIME"), { 0 },
};
static const struct tk_flag_name umount_flags[] = {
	F(1, "MNT_FORCE"), F(2, "MNT_DETACH"), F(4, "MNT_EXPIRE"), F(8, "UMOUNT_NOFOLLOW"), { 0 },
};
static const struct tk_flag_name fsopen_flags[] = { F(1, "FSOPEN_CLOEXEC"), { 0 } },
	fsmount_flags[] = { F(1, "FSMOUNT_CLOEXEC"), { 0 } };
static const struct tk_flag_name attr_flags[] = {
	F(1, "MOUNT_ATTR_RDONLY"), F(2, "MOUNT_ATTR_NOSUID"), F(4, "MOUNT_ATTR_NODEV"),
	F(8, "MOUNT_ATTR_NOEXEC"), { 0x10, "MOUNT_ATTR_NOATIME", 0x70 },
	{ 0x20, "MOUNT_ATTR_STRICTATIME", 0x70 }, F(0x80, "MOUNT_ATTR_NODIRATIME"),
	F(0x100000, "MOUNT_ATTR_IDMAP"), F(0x200000, "MOUNT_ATTR_NOSYMFOLLOW"), { 0 },
};
static const struct tk_flag_name move_flags[] = {
	F(1, "MOVE_MOUNT_F_SYMLINKS"), F(2, "MOVE_MOUNT_F_AUTOMOUNTS"), F(4, "MOVE_MOUNT_F_EMPTY_PATH"),
	F(0x10, "MOVE_MOUNT_T_SYMLINKS"), F(0x20, "MOVE_MOUNT_T_AUTOMOUNTS"),
	F(0x40, "MOVE_MOUNT_T_EMPTY_PATH"), F(0x100, "MOVE_MOUNT_SET_GROUP"),
	F(0x200, "MOVE_MOUNT_BENEATH"), { 0 },
};
static const struct tk_flag_name tree_flags[] = {
	F(1, "OPEN_TREE_CLONE"), F(02000000, "OPEN_TREE_CLOEXEC"), F(0x100, "AT_SYMLINK_NOFOLLOW"),
	F(0x800, "AT_NO_AUTOMOUNT"), F(0x1000, "AT_EMPTY_PATH"), F(0x8000, "AT_RECURSIVE"), { 0 },
};
static const char *const fsconfig_cmds[] = {
	"FSCONFIG_SET_FLAG", "FSCONFIG_SET_STRING", "FSCONFIG_SET_BINARY", "FSCONFIG_SET_PATH",
	"FSCONFIG_SET_PATH_EMPTY", "FSCONFIG_SET_FD", "FSCONFIG_CMD_CREATE",
	"FSCONFIG_CMD_RECONFIGURE", "FSCONFIG_CMD_CREATE_EXCL",
};

static const char *const call_names[] = {
	[MOUNTSNOOP_MOUNT] = "mount", [MOUNTSNOOP_UMOUNT] = "umount", [MOUNTSNOOP_FSOPEN] = "fsopen",
	[MOUNTSNOOP_FSCONFIG] = "fsconfig", [MOUNTSNOOP_FSMOUNT] = "fsmount",
	[MOUNTSNOOP_MOVE_MOUNT] = "move_mount", [MOUNTSNOOP_OPEN_TREE] = "open_tree",
};
/* Per call: its arguments in order (S source, T target, F fstype, D data,
 * L flags, d fd, e fd2, C fsconfig cmd, K key, V value, A aux, M attr_flags)
 * and the names of its flags.  The JSON keys of an argument are there for the
 * calls of the matching bit set below. */
static const struct { const char *args; const struct tk_flag_name *flags; } calls[] = {
	[MOUNTSNOOP_MOUNT] = { "STFLD", ms_flags },
	[MOUNTSNOOP_UMOUNT] = { "TL", umount_flags },
	[MOUNTSNOOP_FSOPEN] = { "FL", fsopen_flags },
	[MOUNTSNOOP_FSCONFIG] = { "dCKVA", NULL },
	[MOUNTSNOOP_FSMOUNT] = { "dLM", fsmount_flags },
	[MOUNTSNOOP_MOVE_MOUNT] = { "dSeTL", move_flags },
	[MOUNTSNOOP_OPEN_TREE] = { "dSL", tree_flags },
};
#define B(c) TK_BIT(MOUNTSNOOP_##c)
#define HAS_S (B(MOUNT) | B(MOVE_MOUNT) | B(OPEN_TREE))
#define HAS_T (B(MOUNT) | B(UMOUNT) | B(MOVE_MOUNT))
#define HAS_F (B(MOUNT) | B(FSOPEN))
#define HAS_L (B(MOUNT) | B(UMOUNT) | B(FSOPEN) | B(FSMOUNT) | B(MOVE_MOUNT) | B(OPEN_TREE))
#define HAS_d (B(FSCONFIG) | B(FSMOUNT) | B(MOVE_MOUNT) | B(OPEN_TREE))

#define EV struct mountsnoop_event
/* Appends one argument of the call's text at b + o; returns the new length. */
static size_t put_arg(char *b, size_t len, size_t o, const EV *e, char arg)
{
	static const char strs[] = "STFKDV";
	static const unsigned int nulls[] = { MOUNTSNOOP_NULL_SOURCE, MOUNTSNOOP_NULL_TARGET,
		MOUNTSNOOP_NULL_FSTYPE, MOUNTSNOOP_NULL_FSTYPE, MOUNTSNOOP_NULL_DATA, MOUNTSNOOP_NULL_DATA };
	static const size_t offs[] = { offsetof(EV, source), offsetof(EV, target), offsetof(EV, fstype),
		offsetof(EV, fstype), offsetof(EV, data), offsetof(EV, data) };
	const char *sp = strchr(strs, arg);
	long long fd = arg == 'd' ? e->fd : e->fd2;

	if (sp && (e->nulls & nulls[sp - strs]))
		return o + snprintf(b + o, len - o, "NULL");
	if (sp) {
		const char *str = (const char *)e + offs[sp - strs];
		size_t max = arg == 'F' || arg == 'K' ? sizeof(e->fstype) : MOUNTSNOOP_STR_LEN;

		return o + tk_text_quoted(b + o, len - o, str, strnlen(str, max));
	}
	if (arg == 'L' || arg == 'M')
		return o + tk_flags_text(b + o, len - o, arg == 'L' ? e->flags : e->aux,
					 arg == 'L' ? calls[e->call].flags : attr_flags);
	if (arg == 'C' && (__u64)e->fd2 < sizeof(fsconfig_cmds) / sizeof(fsconfig_cmds[0]))
		return o + snprintf(b + o, len - o, "%s", fsconfig_cmds[e->fd2]);
	if (arg == 'A')
		return o + snprintf(b + o, len - o, "%lld", (long long)e->aux);
	return o + snprintf(b + o, len - o, fd == -100 ? "AT_FDCWD" : "%lld", fd);
}

/* CALL: the decoded call, e.g. mount("tmpfs", "/mnt", "tmpfs", MS_NODEV, "size=1m") = 0;
 * strings escaped and quoted (an inner " as \"), so it is text in JSON too. */
static void get_call(const void *rec, struct tk_value *v, char *buf)
{
	static char b[4 * 4 * MOUNTSNOOP_STR_LEN + 512];
	const EV *e = rec;
	const char *err;
	size_t o;

	(void)buf;
	if (e->call >= MOUNTSNOOP_NCALLS)
		return;
	o = snprintf(b, sizeof(b), "%s(", call_names[e->call]);
	for (const char *a = calls[e->call].args; *a && o < sizeof(b) - 128; a++) {
		if (a != calls[e->call].args)
			o += snprintf(b + o, 3, ", ");
		o = put_arg(b, sizeof(b) - 128, o, e, *a);
	}
	if (o > sizeof(b) - 128)
		o = sizeof(b) - 128;
	err = e->ret < 0 ? tk_errno_name((int)-e->ret) : NULL;
	if (err)
		o += snprintf(b + o, sizeof(b) - o, ") = -%s", err);
	else
		o += snprintf(b + o, sizeof(b) - o, ") = %lld", (long long)e->ret);
	tk_set_raw(v, b, o < sizeof(b) ? o : sizeof(b) - 1);
}

static void get_flags_text(const void *rec, struct tk_value *v, char *buf)
{
	const EV *e = rec;

	tk_set_raw(v, buf, tk_flags_text(buf, TK_FIELD_BUF, e->flags, calls[e->call].flags));
}

/* JSON: each argument on its own, null when the call has no such argument. */
#define IN(calls) TK_WHEN_IN(EV, call, (calls))
#define J(m, ft, key, calls, ...) \
	TK_FIELD(EV, m, ft, key, "-", 0, .flags = TK_F_JSON_ONLY, .when = { IN(calls), __VA_ARGS__ })
#define STR(m, key, calls, null) J(m, TK_FT_STR, key, calls, TK_WHEN_NONE(EV, nulls, (null)))
static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_REL, "time_s", "TIME(s)", 14, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, mnt_ns, TK_FT_U32, "mnt_ns", "MNT_NS", 11, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_call, "call", "CALL", 0),
	TK_FIELD(EV, call, TK_FT_ENUM, "syscall", "-", 0, TK_NAMES(call_names), .flags = TK_F_JSON_ONLY),
	STR(source, "source", HAS_S, MOUNTSNOOP_NULL_SOURCE),
	STR(target, "target", HAS_T, MOUNTSNOOP_NULL_TARGET),
	STR(fstype, "fstype", HAS_F, MOUNTSNOOP_NULL_FSTYPE),
	STR(data, "data", B(MOUNT), MOUNTSNOOP_NULL_DATA),
	J(flags, TK_FT_U64, "flags", HAS_L),
	TK_FIELD_GET(get_flags_text, "flags_text", "-", 0, .flags = TK_F_JSON_ONLY,
		     .when = { IN(HAS_L) }),
	J(fd, TK_FT_S64, "fd", HAS_d),
	J(fd2, TK_FT_S64, "to_fd", B(MOVE_MOUNT)),
	J(fd2, TK_FT_S64, "cmd", B(FSCONFIG)),
	STR(fstype, "key", B(FSCONFIG), MOUNTSNOOP_NULL_FSTYPE),
	STR(data, "value", B(FSCONFIG), MOUNTSNOOP_NULL_DATA),
	J(aux, TK_FT_S64, "aux", B(FSCONFIG)),
	J(aux, TK_FT_U64, "attr_flags", B(FSMOUNT)),
	TK_FIELD(EV, ret, TK_FT_RET, "ret", "-", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, ret, TK_FT_ERRNO, "err", "-", 0, .flags = TK_F_JSON_ONLY),
	{ 0 },
};

static const char *const optional[] = {
	/* the new mount API came in Linux 5.2 */
	"sys_enter_fsopen", "sys_exit_fsopen", "sys_enter_fsconfig", "sys_exit_fsconfig",
	"sys_enter_fsmount", "sys_exit_fsmount", "sys_enter_move_mount", "sys_exit_move_mount",
	"sys_enter_open_tree", "sys_exit_open_tree", NULL,
};

TK_SKELETON(mountsnoop_bpf);

static const struct tk_tool tool = {
	.name = "mountsnoop",
	.summary = "Trace mount(), umount(), fsopen(), fsconfig(), fsmount(), move_mount() and "
		   "open_tree() calls system-wide.",
	.doc = "Examples:\n"
	       "  mountsnoop                # trace every mount and umount\n"
	       "  mountsnoop -x             # failed calls only\n"
	       "  mountsnoop -j             # as JSON Lines, one key per argument",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_FAILED,
	.options = (const struct tk_option[]){ { 0 } },
	.fields = fields,
	.skel = &tk_skel_ops_,
	.optional = optional,
};

TK_TOOL_MAIN(tool)
