// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* syscount: count system calls by call or by process, with their time. */
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "names.h"
#include "syscount.h"
#include "syscount.skel.h"

static bool by_process, by_syscall = true, latency, msecs, lat_us, lat_ms;
static long syscall_nr = -1;
static int errno_filter;

/* --syscall NAME: a name from the build's table (or its number). */
static const char *parse_syscall(const char *arg, void *dest)
{
	(void)dest;
	if (tk_syscall_parse(arg, &syscall_nr))
		return "unknown system call on this architecture (syscount -l lists them)";
	return NULL;
}

/* --errno ERRNO: ENOENT, EAGAIN, ... or a number. */
static const char *parse_errno(const char *arg, void *dest)
{
	(void)dest;
	if (tk_errno_parse(arg, &errno_filter))
		return "expected an errno name (ENOENT, EACCES, ...) or a number from 1 to 4095";
	return NULL;
}

/* -l: the known system calls, one name a line. */
static const char *list_syscalls(const char *arg, void *dest)
{
	const char *name;

	(void)arg;
	(void)dest;
	for (size_t i = 0; (name = tk_syscall_at(i, NULL)); i++)
		printf("%s\n", name);
	return NULL;
}

/* The table the options fill in (top, type, sort). */
static struct tk_table_spec table;

static const struct tk_option options[] = {
	{ "process", 'P', NULL, "Count by process (PID COMM), not by system call",
	  TK_OPT_FLAG, &by_process },
	{ "top", 0, "N", "Print the N busiest rows only (default 10; BCC's -T)",
	  TK_OPT_UINT, &table.top, 1, 1000000 },
	{ "latency", 'L', NULL, "Add the total time spent in the calls, sort on it",
	  TK_OPT_FLAG, &latency },
	{ "milliseconds", 'm', NULL, "Time in milliseconds (default: microseconds)",
	  TK_OPT_FLAG, &msecs },
	{ "errno", 0, "ERRNO", "Only calls failing with ERRNO (ENOENT or 2; BCC's -e)",
	  TK_OPT_CALL, NULL, .parse = parse_errno },
	{ "syscall", 0, "NAME", "Only this system call", TK_OPT_CALL, NULL, .parse = parse_syscall },
	{ "list", 'l', NULL, "List the system calls known here and exit",
	  TK_OPT_SERVE, NULL, .parse = list_syscalls },
	{ 0 },
};

struct row {
	struct syscount_key k;
	__u32 pad;
	struct syscount_value v;
};

static void get_name(const void *rec, struct tk_value *v, char *buf)
{
	const struct row *r = rec;
	__u32 nr = r->k.id & ~SYSCOUNT_COMPAT;
	const char *name = r->k.id & SYSCOUNT_COMPAT ? NULL : tk_syscall_name(nr);

	if (!name)
		name = buf, snprintf(buf, TK_FIELD_BUF, "[%s: %u]",
				     r->k.id & SYSCOUNT_COMPAT ? "compat" : "unknown", nr);
	tk_set_raw(v, name, strlen(name));
}

/* The number, in its own table: without the compat bit. */
static void get_nr(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_uint(v, ((const struct row *)rec)->k.id & ~SYSCOUNT_COMPAT);
}

/* BCC's text: usecs with 3 decimals, msecs with 6. */
static void get_time(const void *rec, struct tk_value *v, char *buf)
{
	const struct row *r = rec;
	int n = msecs ? snprintf(buf, TK_FIELD_BUF, "%.6f", r->v.total_ns / 1e6)
		      : snprintf(buf, TK_FIELD_BUF, "%.3f", r->v.total_ns / 1e3);

	tk_set_raw(v, buf, (size_t)n);
}

#define R struct row
static const struct tk_field fields[] = {
	TK_FIELD_GET(get_name, "syscall", "SYSCALL", 22, .show = &by_syscall,
		     .flags = TK_F_LEFT | TK_F_SHOW_JSON),
	TK_FIELD_GET(get_nr, "nr", "NR", 4, .show = &by_syscall, .flags = TK_F_EXT | TK_F_SHOW_JSON),
	TK_FIELD(R, k.id, TK_FT_U32, "pid", "PID", 6, .show = &by_process,
		 .flags = TK_F_LEFT | TK_F_SHOW_JSON),
	TK_FIELD(R, v.comm, TK_FT_STR, "comm", "COMM", 15, .show = &by_process,
		 .flags = TK_F_SHOW_JSON),
	TK_FIELD(R, v.count, TK_FT_U64, "count", "COUNT", 8),
	TK_FIELD_GET(get_time, "time_us", "TIME (us)", 16, .show = &lat_us, .flags = TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_time, "time_ms", "TIME (ms)", 16, .show = &lat_ms, .flags = TK_F_TEXT_ONLY),
	TK_FIELD(R, v.total_ns, TK_FT_U64, "total_ns", "TOTAL_NS", 0, .show = &latency,
		 .flags = TK_F_JSON_ONLY | TK_F_SHOW_JSON),
	{ 0 },
};

static struct tk_table_spec table = {
	.map = "counts", .type = "syscall", .fields = fields, .sort = "count", .top = 10,
	.interval_time = true, TK_TABLE_ROW(struct row, k, v),
};

static const char *check(void)
{
	if (msecs && !latency)
		return "-m/--milliseconds needs -L/--latency";
	return NULL;
}

static int setup(void *s)
{
	struct syscount_bpf *skel = s;

	skel->rodata->cfg_by_process = by_process;
	skel->rodata->cfg_latency = latency;
	skel->rodata->targ_syscall = syscall_nr;
	skel->rodata->targ_errno = errno_filter;
	if (!latency)
		tk_probe_disable(skel->obj, "sys_enter");
	by_syscall = !by_process;
	lat_us = latency && !msecs;
	lat_ms = latency && msecs;
	table.type = by_process ? "process" : "syscall";
	table.sort = latency ? "total_ns" : "count";
	return 0;
}

TK_SKELETON(syscount_bpf);

static const struct tk_tool tool = {
	.name = "syscount",
	.summary = "Count system calls by call or by process, with their total time.",
	.doc = "Examples:\n"
	       "  syscount                  # top 10 system calls, at Ctrl-C\n"
	       "  syscount -L -m 1 5        # with total time in ms, every second, 5 times\n"
	       "  syscount -P --top 20      # top 20 processes by system calls\n"
	       "  syscount -p 181 -x        # failed calls of PID 181\n"
	       "  syscount --errno ENOENT   # calls that failed with ENOENT\n"
	       "  syscount --syscall openat -P  # who calls openat\n"
	       "\nBCC's -T TOP is --top here (-T is the timestamp) and BCC's -e ERRNO is\n"
	       "--errno (-e is --extended).",
	.args_doc = "[INTERVAL [COUNT]]",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_FAILED |
	       TK_STD_EXTENDED | TK_STD_INTERVAL,
	.options = options,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
	.table = &table,
};

TK_TOOL_MAIN(tool)
