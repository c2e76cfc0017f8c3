// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* klockstat: kernel lock wait times per caller (and lock), from the
 * lock:contention_begin/end tracepoints. */
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "opts.h"
#include "stack.h"
#include "sym.h"
#include "klockstat.h"
#include "klockstat.skel.h"

static bool per_lock, show_stack;
static unsigned long long lock_addr, depth = 1;
static const char *caller;
static struct tk_table_spec table;

static const char *parse_lock(const char *arg, void *dest)
{
	if (tk_parse_addr(arg, dest) || !*(unsigned long long *)dest)
		return "expected a non-zero kernel address, 0x and hex digits or decimal";
	return NULL;
}

/* --sort KEY: the column sorted on. */
static const char *parse_sort(const char *arg, void *dest)
{
	static const char *const keys[][2] = { { "total", "total_wait_ns" },
		{ "max", "max_wait_ns" }, { "count", "count" }, { "avg", "avg_wait_ns" } };

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(arg, keys[i][0]))
			return ((struct tk_table_spec *)dest)->sort = keys[i][1], NULL;
	return "expected total, max, count or avg";
}

static const struct tk_option options[] = {
	{ "top", 0, "N", "Print the N rows with the most wait only (default: all)",
	  TK_OPT_UINT, &table.top, 1, 0 },
	{ "stacks", 's', "N", "Print N frames of the kernel stack from the caller on "
	  "(default 1: the caller only)", TK_OPT_UINT, &depth, 1, TK_STACK_DEPTH },
	{ "lock", 'L', "ADDR", "Only the lock at this kernel address (0x hex or decimal)",
	  TK_OPT_CALL, &lock_addr, .parse = parse_lock },
	{ "per-lock", 0, NULL, "One row per caller and lock (default: per caller)",
	  TK_OPT_FLAG, &per_lock },
	{ "caller", 0, "PREFIX", "Only callers whose function name starts with PREFIX "
	  "(BCC's -c)", TK_OPT_STR, &caller },
	{ "sort", 0, "KEY", "Sort on total (default), max, count or avg wait",
	  TK_OPT_CALL, &table, .parse = parse_sort },
	{ 0 },
};

struct row {
	struct klockstat_key k;
	struct klockstat_value v;
};
#define R struct row

/* Lock-internal functions: the caller is the first frame outside them. */
static const char *const lock_funcs[] = {
	"__mutex_lock", "mutex_lock", "ww_mutex_lock", "__ww_mutex_lock", "mutex_spin_on_owner",
	"osq_lock", "_raw_spin_lock", "_raw_read_lock", "_raw_write_lock", "do_raw_spin_lock",
	"queued_", "native_queued_", "__pv_queued_", "pv_queued_", "rwsem_down_",
	"rwsem_optimistic_spin", "down_read", "down_write", "__down", "down_interruptible",
	"down_killable", "down_timeout", "rt_mutex", "__rt_mutex", "rt_spin_lock", "rtlock_",
	"rwbase_", "percpu_down_", "__percpu_down_", "percpu_rwsem_", "raw_spin_rq_lock",
	"_raw_spin_rq_lock", NULL,
};

static void get_caller(const void *rec, struct tk_value *v, char *buf)
{
	struct tk_frame fr;
	int err = tk_stack_kernel_frame(((const R *)rec)->k.stack_id, 0, &fr);

	if (err) {
		tk_set_raw(v, "[lost stack]", 12);
		return;
	}
	tk_sym_format(&fr, buf, TK_FIELD_BUF);	/* a longer name is cut */
	tk_set_str(v, buf, strlen(buf));
}

/* --caller: the caller's function name starts with the prefix. */
static bool keep(const void *rec)
{
	struct tk_frame fr;

	return !tk_stack_kernel_frame(((const R *)rec)->k.stack_id, 0, &fr) && fr.sym &&
	       !strncmp(fr.sym, caller, strlen(caller));
}

static unsigned long long avg_ns(const R *r)
{
	return r->v.count ? r->v.total_ns / r->v.count : 0;
}

/* Text times in the largest unit that keeps them >= 1: "15.8 us". */
static void show_ns(unsigned long long ns, struct tk_value *v, char *buf)
{
	static const char *const units[] = { "ns", "us", "ms", "s" };
	double t = (double)ns;
	int u = 0;

	while (u < 3 && t >= 1000)
		t /= 1000, u++;
	tk_set_raw(v, buf, (size_t)(u ? snprintf(buf, TK_FIELD_BUF, "%.1f %s", t, units[u])
				     : snprintf(buf, TK_FIELD_BUF, "%llu ns", ns)));
}

/* A getter whose statement stmt sets v from the row r (buf: its text). */
#define GETTER(name, stmt) \
	static void name(const void *rec, struct tk_value *v, char *buf) \
	{ const R *r = rec; (void)buf; stmt; }
GETTER(get_lock, tk_set_raw(v, buf, (size_t)snprintf(buf, TK_FIELD_BUF, "0x%llx", r->k.lock)))
GETTER(get_max_lock, tk_set_raw(v, buf, (size_t)snprintf(buf, TK_FIELD_BUF, "0x%llx",
							   r->v.max_lock)))
GETTER(get_avg_ns, tk_set_uint(v, avg_ns(r)))
GETTER(get_avg, show_ns(avg_ns(r), v, buf))
GETTER(get_max, show_ns(r->v.max_ns, v, buf))
GETTER(get_total, show_ns(r->v.total_ns, v, buf))

/* LCB_F_* names joined by "|": "MUTEX|SPIN". */
static void get_flags(const void *rec, struct tk_value *v, char *buf)
{
	static const char *const names[] = { "SPIN", "READ", "WRITE", "RT", "PERCPU", "MUTEX" };
	__u64 fl = ((const R *)rec)->v.flags;
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 5; i >= 0; i--)
		if (fl & (1ull << i))
			n += (size_t)snprintf(buf + n, TK_FIELD_BUF - n, "%s%s", n ? "|" : "", names[i]);
	tk_set_raw(v, buf, n);
}

static const struct tk_field fields[] = {
	TK_FIELD_GET(get_caller, "caller", "CALLER", 40, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_lock, "lock", "LOCK", 18, .show = &per_lock,
		     .flags = TK_F_LEFT | TK_F_SHOW_JSON),
	TK_FIELD_GET(get_avg, "avg_wait", "AVG WAIT", 10, .flags = TK_F_TEXT_ONLY),
	TK_FIELD(R, v.count, TK_FT_U64, "count", "COUNT", 8),
	TK_FIELD_GET(get_max, "max_wait", "MAX WAIT", 10, .flags = TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_total, "total_wait", "TOTAL WAIT", 11, .flags = TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_avg_ns, "avg_wait_ns", "AVG_NS", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(R, v.max_ns, TK_FT_U64, "max_wait_ns", "MAX_NS", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(R, v.total_ns, TK_FT_U64, "total_wait_ns", "TOTAL_NS", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_flags, "flags", "FLAGS", 12, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(R, v.max_pid, TK_FT_U32, "max_pid", "MAX PID", 7, .flags = TK_F_EXT),
	TK_FIELD(R, v.max_tid, TK_FT_U32, "max_tid", "MAX TID", 7, .flags = TK_F_EXT),
	TK_FIELD_GET(get_max_lock, "max_lock", "MAX LOCK", 18, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(R, v.max_comm, TK_FT_STR, "max_comm", "MAX COMM", 0, .flags = TK_F_EXT),
	TK_FIELD_STACK(R, k.stack_id, TK_FT_KSTACK, v.max_pid, "stack", &show_stack),
	{ 0 },
};

static struct tk_table_spec table = {
	.map = "waits", .type = "caller", .fields = fields, .sort = "total_wait_ns",
	TK_TABLE_ROW(struct row, k, v),
};

static int setup(void *s)
{
	struct klockstat_bpf *skel = s;

	skel->rodata->cfg_per_lock = per_lock;
	skel->rodata->targ_lock = lock_addr;
	show_stack = depth > 1;
	tk_stack_kernel_skip(lock_funcs);
	tk_stack_max_frames((unsigned int)depth);
	table.type = per_lock ? "lock" : "caller";
	table.keep = caller ? keep : NULL;
	return tk_stack_configure(skel->obj, true, 0);
}

TK_SKELETON(klockstat_bpf);

static const struct tk_tool tool = {
	.name = "klockstat",
	.summary = "Summarize kernel lock contention: wait times per caller (and lock).",
	.doc = "Examples:\n"
	       "  klockstat                 # wait per caller, longest total first, at Ctrl-C\n"
	       "  klockstat -p 181 -s 5     # process 181, with 5 stack frames per caller\n"
	       "  klockstat --per-lock --top 10 1 5  # 10 callers and locks, 1 s, 5 times\n"
	       "  klockstat -L 0xffff8880044a1e28    # one lock only\n"
	       "  klockstat -j -d 10        # ten seconds, as JSON Lines\n"
	       "\nFrom the lock:contention_begin/end tracepoints (Linux 5.19+): wait times\n"
	       "only, no hold times.  BCC's -n (rows) is --top, -S is --sort, -c (caller\n"
	       "filter) is --caller (-c is the cgroup filter).",
	.args_doc = "[INTERVAL [COUNT]]",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_EXTENDED |
	       TK_STD_INTERVAL,
	.options = options,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.table = &table,
};

TK_TOOL_MAIN(tool)
