/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * tracekit frontend API.  A tool declares a struct tk_tool (options, fields,
 * setup hook, help text) and ends with TK_TOOL_MAIN(); everything else —
 * argument parsing, lifecycle, attach ladder, polling, output, histograms,
 * loss accounting, signals and exit codes — lives in common/.
 */
#ifndef TK_H
#define TK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>
#include "tk_abi.h"

struct bpf_object;
struct bpf_object_open_opts;

/* Exit codes shared by every tool. */
enum { TK_EXIT_OK = 0, TK_EXIT_FAIL = 1, TK_EXIT_USAGE = 2 };

/* ---- standard options -------------------------------------------------- */

/* Which standard flags (STYLE.md table) a tool accepts. */
enum tk_std_flag {
	TK_STD_PID = 1 << 0,		/* -p/--pid */
	TK_STD_TID = 1 << 1,		/* -t/--tid */
	TK_STD_UID = 1 << 2,		/* -u/--uid */
	TK_STD_CGROUP = 1 << 3,		/* -c/--cgroup */
	TK_STD_COMM = 1 << 4,		/* -n/--name */
	TK_STD_DURATION = 1 << 5,	/* -d/--duration */
	TK_STD_TIMESTAMP = 1 << 6,	/* -T/--timestamp */
	TK_STD_FAILED = 1 << 7,		/* -x/--failed */
	TK_STD_EXTENDED = 1 << 8,	/* -e/--extended */
	TK_STD_INTERVAL = 1 << 9,	/* [interval [count]] */
	TK_STD_FILTERS = TK_STD_PID | TK_STD_TID | TK_STD_UID | TK_STD_CGROUP | TK_STD_COMM,
};

/* Values of the standard options after parsing. */
struct tk_std {
	struct tk_filter filter;	/* copied into the BPF program's .rodata */
	const char *cgroup;		/* -c path, or NULL */
	unsigned long long duration;	/* seconds, 0 = until Ctrl-C */
	unsigned long long interval;	/* seconds, 0 = print at exit only */
	unsigned long long count;	/* intervals, 0 = unlimited */
	bool timestamp, failed, extended, json;
	int verbose;
	const char *btf;		/* --btf FILE */
	const char *attach;		/* hidden --attach RUNG */
};

/* The parsed standard options (valid from the setup hook on). */
extern struct tk_std tk_std;

/* ---- tool options -------------------------------------------------------- */

enum tk_opt_type {
	TK_OPT_FLAG,	/* bool *dest = true */
	TK_OPT_UINT,	/* unsigned long long *dest, checked against min..max */
	TK_OPT_STR,	/* const char **dest */
	TK_OPT_CALL,	/* parse(arg, dest) returns 0 or a message for the user */
	TK_OPT_SERVE,	/* like --help: parse(arg, dest) prints to stdout, then the
			 * tool exits 0 (or 2 when it returns a message) */
};

struct tk_option {
	const char *name;	/* long name, without "--" */
	int key;		/* short letter, or 0 for long-only */
	const char *arg;	/* argument name in --help; NULL for flags */
	const char *doc;
	enum tk_opt_type type;
	void *dest;
	unsigned long long min, max;	/* TK_OPT_UINT range; max 0 = no upper bound */
	const char *(*parse)(const char *arg, void *dest);	/* TK_OPT_CALL */
};

/* ---- fields ------------------------------------------------------------- */

/* A value of one field of one record, as a getter produces it. */
struct tk_value {
	enum { TK_V_NONE, TK_V_INT, TK_V_UINT, TK_V_STR, TK_V_DOUBLE, TK_V_RAW,
	       TK_V_STRV, TK_V_BOOL } kind;
	union {
		long long i;
		unsigned long long u;	/* also TK_V_BOOL: 0 false, else true */
		double d;
		struct { const char *p; size_t len; } s; /* TK_V_STR: bytes, escaped on output;
							     TK_V_RAW: trusted text, printed as is,
							     a JSON string;
							     TK_V_STRV: a list, NUL-terminated
							     strings back to back in len bytes:
							     text escaped and joined by spaces,
							     JSON an array of escaped strings */
	};
	bool more;	/* TK_V_STRV: the list was cut short (text adds " ...") */
};

enum tk_field_type {
	TK_FT_GET,	/* the getter computes it */
	TK_FT_S32, TK_FT_U32, TK_FT_S64, TK_FT_U64, TK_FT_U16, TK_FT_U8,
	TK_FT_STR,	/* char array, up to the first NUL or its size */
	TK_FT_TS_REL,	/* __u64 bpf_ktime_get_ns(): seconds since the tool started */
	TK_FT_TS_WALL,	/* __u64 bpf_ktime_get_ns(): text HH:MM:SS, JSON unix seconds */
	TK_FT_NSEC,	/* __u64 nanoseconds: seconds (JSON a number; text 6 decimals or .fmt) */
	TK_FT_RET,	/* signed syscall return (s32/s64): itself when >= 0, else -1 */
	TK_FT_ERRNO,	/* the same member as an errno: 0 when >= 0, else -value */
	TK_FT_KSTACK,	/* __s32 kernel stack id (common/stack.h): frames under the line */
	TK_FT_USTACK,	/* __s32 user stack id of the process at pid_offset */
	TK_FT_ENUM,	/* unsigned integer (1, 2, 4 or 8 bytes) naming .names[value]:
			 * text and JSON the name; a value >= .nnames or with a NULL
			 * name: text the number, JSON null */
};

/* How a tk_cond tests its member (see struct tk_cond). */
enum tk_cond_op {
	TK_COND_ALL,	/* (member & mask) == mask: every bit of mask is set */
	TK_COND_NONE,	/* (member & mask) == 0: no bit of mask is set */
	TK_COND_IN,	/* member < 64 and bit <member> of mask is set: one of a set
			 * of small values (mask built with TK_BIT()) */
};

/* A declarative test of one unsigned integer member (1, 2, 4 or 8 bytes) of
 * a record; size 0 means "no test" (always true). */
struct tk_cond {
	size_t offset, size;
	unsigned long long mask;
	enum tk_cond_op op;
};

#define TK_BIT(n) (1ULL << (n))
/* Conditions on member m of record type T, for tk_field.when[]. */
#define TK_WHEN_ALL(T, m, bits) \
	{ .offset = offsetof(T, m), .size = sizeof(((T *)0)->m), .mask = (bits), .op = TK_COND_ALL }
#define TK_WHEN_NONE(T, m, bits) \
	{ .offset = offsetof(T, m), .size = sizeof(((T *)0)->m), .mask = (bits), .op = TK_COND_NONE }
#define TK_WHEN_IN(T, m, set) \
	{ .offset = offsetof(T, m), .size = sizeof(((T *)0)->m), .mask = (set), .op = TK_COND_IN }
#define TK_FIELD_NCOND 2

enum tk_field_flag {
	TK_F_LEFT = 1 << 0,	/* left-align in text (default for strings) */
	TK_F_RIGHT = 1 << 1,	/* right-align strings */
	TK_F_EXT = 1 << 2,	/* text column only with -e */
	TK_F_TEXT_ONLY = 1 << 3,/* not in JSON (a text-only rendering of another field) */
	TK_F_JSON_ONLY = 1 << 4,/* not a text column */
	TK_F_TIME = 1 << 5,	/* text column only with -T */
	TK_F_SHOW_JSON = 1 << 6,/* .show also leaves the field out of JSON */
};

struct tk_field {
	const char *key;	/* JSON key, snake_case */
	const char *header;	/* text column header */
	int width;		/* text column width; 0 = last column, unpadded */
	enum tk_field_type type;
	unsigned int flags;
	size_t offset, size;	/* where the raw value sits in the record */
	const bool *show;	/* text column only when *show (an option) */
	const char *fmt;	/* printf format of the text of an integer ("%08llo")
				 * or a double ("%.2f": TK_FT_TS_REL, a getter's) */
	const bool *quote;	/* TK_V_STRV text: quote each string when *quote */
	/* Computes the value when type is TK_FT_GET; buf (TK_FIELD_BUF bytes) may hold
	 * a formatted string the value points into. */
	void (*get)(const void *rec, struct tk_value *v, char *buf);
	size_t pid_offset;	/* TK_FT_USTACK: where the __u32 tgid sits in the record */
	/* TK_FT_ENUM: the name of each value, nnames of them (NULL: no name). */
	const char *const *names;
	size_t nnames;
	/* Whether the field applies to a record: only when every used .when[]
	 * condition holds and .present (if set) returns true.  Otherwise the
	 * value is absent: text "-", JSON null (the getter is not called). */
	struct tk_cond when[TK_FIELD_NCOND];
	bool (*present)(const void *rec);
};

/* Names of an enum field: .names = a, .nnames = number of entries of a. */
#define TK_NAMES(a) .names = (a), .nnames = sizeof(a) / sizeof((a)[0])

#define TK_FIELD_BUF 512

/* A stack field (common/stack.h): member m of T holds a __s32 stack id;
 * kernel (TK_FT_KSTACK) or user (TK_FT_USTACK, of the tgid in member pid).
 * Printed (text and JSON) only when *shw. */
#define TK_FIELD_STACK(T, m, ft, pid, k, shw) \
	{ .key = (k), .header = "STACK", .type = (ft), .offset = offsetof(T, m), \
	  .size = sizeof(((T *)0)->m), .pid_offset = offsetof(T, pid), .show = (shw) }

/* A field read straight from member m of record type T. */
#define TK_FIELD(T, m, ft, k, hdr, w, ...) \
	{ .key = (k), .header = (hdr), .width = (w), .type = (ft), \
	  .offset = offsetof(T, m), .size = sizeof(((T *)0)->m), __VA_ARGS__ }
/* A field computed by a getter. */
#define TK_FIELD_GET(fn, k, hdr, w, ...) \
	{ .key = (k), .header = (hdr), .width = (w), .type = TK_FT_GET, .get = (fn), __VA_ARGS__ }

/* ---- histograms --------------------------------------------------------- */

/* Order of the histograms of a map (tk_hist_spec.order). */
enum tk_hist_order {
	TK_HIST_BY_KEY,		/* by key (numeric for keys of 32-bit words) */
	TK_HIST_BY_SUM,		/* largest struct tk_hist_sum.sum first, ties by key */
	TK_HIST_BY_COUNT,	/* largest number of values first, ties by key */
};

/* What a histogram row carries besides its slots: row_fields and row_label
 * read it, the map's key follows it in memory (tk_hist_row_key()). */
struct tk_hist_row {
	__u64 count;		/* values recorded: the sum of the slots */
	__u64 sum;		/* struct tk_hist_sum.sum; 0 for a map of struct tk_hist */
};

/* The map key that follows a struct tk_hist_row. */
static inline const void *tk_hist_row_key(const void *row)
{
	return (const char *)row + sizeof(struct tk_hist_row);
}

/* A field of the key of a row: member m of key type K (TK_FIELD for rows). */
#define TK_HIST_KEY_FIELD(K, m, ft, k, hdr, ...) \
	{ .key = (k), .header = (hdr), .type = (ft), \
	  .offset = sizeof(struct tk_hist_row) + offsetof(K, m), \
	  .size = sizeof(((K *)0)->m), __VA_ARGS__ }

/* A histogram map (hash: tool key -> struct tk_hist or struct tk_hist_sum,
 * or array of one). */
struct tk_hist_spec {
	const char *map;	/* BPF map name */
	const char *unit;	/* "usecs", "msecs", ... (text label and JSON "unit") */
	bool linear;		/* linear slots of width step instead of log2 */
	unsigned long long step;
	/* Labels a key for text ("disk = vda") and JSON (key, value); NULL for a
	 * single histogram.  Returns false to skip the key. */
	bool (*key_label)(const void *key, char *label, size_t len,
			  const char **json_key, struct tk_value *json_val, char *buf);
	/* Every JSON key key_label may give, NULL-terminated (--list-fields). */
	const char *const *label_keys;
	/* In place of key_label, for keys of several members and for counts
	 * and sums: each histogram's row (struct tk_hist_row, then the key) is
	 * labelled in text by row_label (false skips it; its text is printed
	 * as is, so it escapes what it takes from the kernel) and gives the
	 * JSON members row_fields (TK_FIELD over struct tk_hist_row,
	 * TK_HIST_KEY_FIELD or getters over the key), before "unit". */
	bool (*row_label)(const void *row, char *label, size_t len);
	const struct tk_field *row_fields;
	/* Order of the histograms; limit > 0 prints only the first limit. */
	enum tk_hist_order order;
	unsigned long long limit;
};

/* ---- tables (counting summaries) --------------------------------------- */

/*
 * A summary table, the counting counterpart of a histogram: a BPF hash map
 * (BPF_MAP_TYPE_HASH or LRU_HASH, key -> value) read and cleared every
 * interval and at exit, printed as rows through a field table.  A row is a
 * struct of the tool's that holds the map key and the map value (declare it
 * with TK_TABLE_ROW); its fields make the text columns and the JSON keys,
 * and each JSON row also carries "type" (and "time" with -T).
 */
struct tk_table_spec {
	const char *map;		/* BPF map name */
	const char *type;		/* JSON "type" of each row; NULL = "row" */
	const struct tk_field *fields;	/* columns, over a row; { 0 }-terminated */
	size_t key_offset, value_offset, row_size;	/* TK_TABLE_ROW */
	const char *sort;		/* JSON key of the column sorted on, largest
					 * first; NULL = ascending key order */
	unsigned long long top;		/* rows printed each time; 0 = all */
	const bool *clear;		/* text: clear the screen before each table
					 * when *clear (top-like tools) */
	const bool *enable;		/* NULL: always a table tool; else a table
					 * only when *enable (an option such as
					 * --count), an event tool otherwise */
	/* Rows read from the map are printed only when keep(row) is true;
	 * NULL keeps all.  For filters only user space can apply (on a
	 * symbolized key); --top counts kept rows. */
	bool (*keep)(const void *row);
	bool interval_time;		/* text: a "[HH:MM:SS]" line before each
					 * table when printing every interval
					 * (without -T, whose time line it is) */
};

/* Row type T holds the map key in member k and the map value in member v. */
#define TK_TABLE_ROW(T, k, v) \
	.key_offset = offsetof(T, k), .value_offset = offsetof(T, v), .row_size = sizeof(T)

/* ---- perf events (common/perf.h) ---------------------------------------- */

/*
 * A BPF program of type perf_event (SEC("perf_event"), named
 * perf_event_<name>) run by a sampling perf event on every online CPU, or
 * on one CPU.  type and config are perf_event_attr's (PERF_TYPE_SOFTWARE
 * with PERF_COUNT_SW_CPU_CLOCK, PERF_TYPE_HARDWARE with
 * PERF_COUNT_HW_CACHE_MISSES, ...).
 */
struct tk_perf_spec {
	const char *prog;		/* BPF program name; NULL ends the list */
	const char *what;		/* the event in messages: "LLC misses" */
	__u32 type;
	__u64 config;
	__u64 freq;			/* samples per second per CPU, or 0 ... */
	__u64 period;			/* ... one sample every period events */
	const int *cpu;			/* only this CPU when *cpu >= 0; NULL = all */
};

/* ---- aggregated stacks (common/stackagg.h) ----------------------------- */

/*
 * A tool that counts samples or time per stack (common/stackagg.bpf.h)
 * declares what to print; common/stackagg.c prints it at exit and every
 * interval.  Options point into the tool's option variables.
 */
struct tk_stacks_spec {
	const char *type;		/* JSON "type" of each stack; NULL = "stack" */
	bool time;			/* values are ns: "total_us" (else "count") */
	const bool *kernel, *user;	/* print kernel / user stacks when true
					 * (NULL: always) */
	const bool *folded;		/* folded output instead of text */
	const char *const *flamegraph;	/* write an SVG to this file when set */
	const char *title;		/* the flame graph's title */
	const char *target_key;		/* JSON key of the key's target comm (a
					 * woken task: "target"); NULL = none.
					 * Folded lines then read
					 * "target;frames;comm count" */
	const char *size_option;	/* named in the lost-stack warning */
};

/* ---- the tool ------------------------------------------------------------ */

/* Generated skeletons share this layout; TK_SKELETON() wraps the functions. */
struct tk_skel_ops {
	void *(*open)(const struct bpf_object_open_opts *opts);
	int (*load)(void *skel);
	void (*destroy)(void *skel);
	struct bpf_object *(*obj)(void *skel);
};

#define TK_SKELETON(name) \
	static void *tk_skel_open_(const struct bpf_object_open_opts *o) \
	{ return name##__open_opts(o); } \
	static int tk_skel_load_(void *s) { return name##__load(s); } \
	static void tk_skel_destroy_(void *s) { name##__destroy(s); } \
	static struct bpf_object *tk_skel_obj_(void *s) { return ((struct name *)s)->obj; } \
	static const struct tk_skel_ops tk_skel_ops_ = { \
		tk_skel_open_, tk_skel_load_, tk_skel_destroy_, tk_skel_obj_ }

struct tk_tool {
	const char *name;
	const char *summary;		/* one line for --help and NAME */
	const char *doc;		/* extra --help text: examples, notes */
	const char *args_doc;		/* positional syntax, NULL for none */
	unsigned int std;		/* enum tk_std_flag */
	const struct tk_option *options;	/* terminated by { 0 } */
	const struct tk_field *fields;	/* terminated by { 0 } */
	const struct tk_skel_ops *skel;
	/* Called after open, before load, on every (re)open: options to .rodata,
	 * map sizes, program autoload.  Returns 0 or a negative errno;
	 * -ECANCELED when it has printed why itself (a missing feature). */
	int (*setup)(void *skel);
	/* Called after load, before the attach ladder, on every attempt:
	 * attaches what the ladder cannot, such as uprobes (common/uprobe.h),
	 * whose programs the setup hook gave autoattach off.  Returns 0 or a
	 * negative errno after printing why. */
	int (*attach)(void *skel);
	/* Called once per event in place of the field printer, when set.
	 * Returns 0, or negative to stop with failure. */
	int (*on_event)(const void *data, size_t size);
	/* Checks option combinations after parsing; returns NULL or a message
	 * for the user (exit 2). */
	const char *(*check)(void);
	/* Ring buffer size in bytes (power of two); 0 = default. */
	unsigned long ringbuf_size;
	/* Probes (program names without the kind prefix) a kernel may lack;
	 * they are skipped, with -v saying so, instead of failing. */
	const char *const *optional;
	/* Probes (NULL-terminated, names as for optional) whose tracepoint
	 * variant (tp_btf_, raw_tp_ or tp_<probe>, one program) does the work
	 * of an entry+exit pair (fentry_+fexit_ or kprobe_+kretprobe_<probe>):
	 * the ladder chooses one rung for both directions, so a tracepoint
	 * that fails falls back to a whole pair (common/attach.h). */
	const char *const *joint;
	/* Histogram tools: printed every interval and at exit. */
	const struct tk_hist_spec *hist;
	/* Table tools: printed every interval and at exit (common/table.h). */
	const struct tk_table_spec *table;
	/* Positional arguments other than [interval [count]]: called per
	 * argument; returns NULL or a message for the user. */
	const char *(*positional)(const char *arg, int index);
	/* Perf events to attach perf_event programs to (common/perf.h),
	 * terminated by { 0 }; opened after the other programs attach. */
	const struct tk_perf_spec *perf;
	/* Stack-aggregating tools: printed at exit (and every interval). */
	const struct tk_stacks_spec *stacks;
};

/* Runs a tool; returns the process exit code. */
int tk_main(const struct tk_tool *tool, int argc, char **argv);

#define TK_TOOL_MAIN(tool) \
	int main(int argc, char **argv) { return tk_main(&(tool), argc, argv); }

/* ---- helpers for frontends ----------------------------------------------- */

/* Disables every variant of a probe (program name without its kind prefix);
 * for a setup hook that leaves a probe out because an option is off. */
void tk_probe_disable(struct bpf_object *obj, const char *probe);

/* Sets a value for output of a getter. */
static inline void tk_set_int(struct tk_value *v, long long i) { v->kind = TK_V_INT; v->i = i; }
static inline void tk_set_uint(struct tk_value *v, unsigned long long u) { v->kind = TK_V_UINT; v->u = u; }
static inline void tk_set_str(struct tk_value *v, const char *p, size_t len)
{ v->kind = TK_V_STR; v->s.p = p; v->s.len = len; }
static inline void tk_set_raw(struct tk_value *v, const char *p, size_t len)
{ v->kind = TK_V_RAW; v->s.p = p; v->s.len = len; }
static inline void tk_set_strv(struct tk_value *v, const char *p, size_t len, bool more)
{ v->kind = TK_V_STRV; v->s.p = p; v->s.len = len; v->more = more; }
static inline void tk_set_bool(struct tk_value *v, bool b) { v->kind = TK_V_BOOL; v->u = b; }

/* Name of a block device by dev_t (kernel encoding: major << 20 | minor),
 * from /sys/dev/block; falls back to "MAJ:MIN".  Returns buf. */
const char *tk_disk_name(__u32 dev, char *buf, size_t len);

/* The system load, as /proc/loadavg gives it. */
struct tk_loadavg {
	double avg[3];			/* 1, 5 and 15 minute load averages */
	unsigned int runnable, tasks;	/* runnable and all scheduling entities */
	unsigned int last_pid;		/* the most recently created pid */
	char text[64];			/* the line as read, without its newline */
};

/* Reads /proc/loadavg into *la (zeroed first).  Returns 0, or a negative
 * errno when the file cannot be read or parsed. */
int tk_loadavg(struct tk_loadavg *la);

/* Diagnostics on stderr as "<tool>: <fmt>". */
void tk_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tk_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tk_info(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
