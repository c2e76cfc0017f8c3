// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* syncsnoop: trace sync(), syncfs(), fsync(), fdatasync(), msync() and
 * sync_file_range(). */
#include "tk.h"
#include "syncsnoop.h"
#include "syncsnoop.skel.h"

static const char *const call_names[SYNCSNOOP_NCALLS] = {
	[SYNCSNOOP_SYNC] = "sync", [SYNCSNOOP_SYNCFS] = "syncfs",
	[SYNCSNOOP_FSYNC] = "fsync", [SYNCSNOOP_FDATASYNC] = "fdatasync",
	[SYNCSNOOP_MSYNC] = "msync", [SYNCSNOOP_SYNC_FILE_RANGE] = "sync_file_range",
};

static void get_call(const void *rec, struct tk_value *v, char *buf)
{
	const struct syncsnoop_event *e = rec;
	const char *name = e->call < SYNCSNOOP_NCALLS ? call_names[e->call] : "?";

	(void)buf;
	tk_set_raw(v, name, __builtin_strlen(name));
}

/* null (text "-") for the calls that take no fd */
static void get_fd(const void *rec, struct tk_value *v, char *buf)
{
	const struct syncsnoop_event *e = rec;

	(void)buf;
	if (e->fd >= 0)
		tk_set_int(v, e->fd);
}

/* The arguments a call does not have are null. */
static void get_addr(const void *rec, struct tk_value *v, char *buf)
{
	const struct syncsnoop_event *e = rec;

	(void)buf;
	if (e->call == SYNCSNOOP_MSYNC)
		tk_set_uint(v, e->addr);
}

static void get_offset(const void *rec, struct tk_value *v, char *buf)
{
	const struct syncsnoop_event *e = rec;

	(void)buf;
	if (e->call == SYNCSNOOP_SYNC_FILE_RANGE)
		tk_set_uint(v, e->offset);
}

static void get_len(const void *rec, struct tk_value *v, char *buf)
{
	const struct syncsnoop_event *e = rec;

	(void)buf;
	if (e->call == SYNCSNOOP_MSYNC || e->call == SYNCSNOOP_SYNC_FILE_RANGE)
		tk_set_uint(v, e->len);
}

static void get_flags(const void *rec, struct tk_value *v, char *buf)
{
	const struct syncsnoop_event *e = rec;

	(void)buf;
	if (e->call == SYNCSNOOP_MSYNC || e->call == SYNCSNOOP_SYNC_FILE_RANGE)
		tk_set_uint(v, e->flags);
}

#define EV struct syncsnoop_event
static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_REL, "time_s", "TIME(s)", 14, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 6, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 6, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD_GET(get_call, "call", "CALL", 15, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_fd, "fd", "FD", 4),
	TK_FIELD_GET(get_addr, "addr", "ADDR", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_offset, "offset", "OFFSET", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_len, "len", "LEN", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_flags, "flags", "FLAGS", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, path, TK_FT_STR, "path", "PATH", 0),
	{ 0 },
};

static const char *const optional[] = {
	/* some 32-bit architectures have sync_file_range2 instead */
	"sys_enter_sync_file_range", NULL,
};

TK_SKELETON(syncsnoop_bpf);

static const struct tk_tool tool = {
	.name = "syncsnoop",
	.summary = "Trace sync(), syncfs(), fsync(), fdatasync(), msync() and "
		   "sync_file_range() calls system-wide.",
	.doc = "Examples:\n"
	       "  syncsnoop                 # trace every sync call\n"
	       "  syncsnoop -n postgres     # command postgres only\n"
	       "  syncsnoop -j              # as JSON Lines, with msync and sync_file_range arguments\n"
	       "\nPATH is the file behind the fd; msync() and sync() have none.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_EXTENDED,
	.options = (const struct tk_option[]){ { 0 } },
	.fields = fields,
	.skel = &tk_skel_ops_,
	.optional = optional,
};

TK_TOOL_MAIN(tool)
