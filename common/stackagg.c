// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Aggregated stacks: read, symbolize, print (stackagg.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "escape.h"
#include "flamegraph.h"
#include "log.h"
#include "opts.h"
#include "output.h"
#include "stack.h"
#include "stackagg.h"
#include "stackagg_abi.h"
#include "sym.h"

#define DEFAULT_KEYS 10240
#define DEFAULT_STACKS 16384
#define MAX_FRAMES TK_STACK_DEPTH
#define NAME_LEN 512

struct row {
	struct tk_stack_key k;
	__u64 v;
};

/* One stack's frames: formatted for text, short names for folded/SVG. */
struct frames {
	int n;			/* frames, or a negative errno (lost) */
	struct tk_frame fr[MAX_FRAMES];
};

int tk_stackagg_configure(struct bpf_object *obj, unsigned int entries,
			  unsigned int stack_entries)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, "tk_stack_counts");
	int err;

	if (!map)
		return -ENOENT;
	err = bpf_map__set_max_entries(map, entries ? entries : DEFAULT_KEYS);
	if (err)
		return err;
	return tk_stack_configure(obj, true, stack_entries ? stack_entries : DEFAULT_STACKS);
}

static unsigned long long pos_duration;

const char *tk_stack_duration_arg(const char *arg, int index)
{
	static char msg[80];

	if (index > 0)
		return "unexpected argument after the duration";
	if (tk_parse_uint(arg, 1, 86400ULL * 365, &pos_duration)) {
		snprintf(msg, sizeof(msg), "invalid duration '%.20s': expected whole seconds from 1", arg);
		return msg;
	}
	return NULL;
}

const char *tk_stack_opts_check(struct tk_stack_opts *o)
{
	if (o->user_only && o->kernel_only)
		return "-U and -K exclude each other: give at most one";
	if (pos_duration && tk_std.duration)
		return "give the duration once: as -d SEC or as the argument";
	if (pos_duration)
		tk_std.duration = pos_duration;
	if (o->flamegraph && !*o->flamegraph)
		return "--flamegraph: expected a file name";
	o->kernel = !o->user_only;
	o->user = !o->kernel_only;
	return NULL;
}

static const char *err_name(int e)
{
	switch (-e) {
	case EEXIST: return "EEXIST";
	case ENOMEM: return "ENOMEM";
	case EFAULT: return "EFAULT";
	case ENOENT: return "ENOENT";
	default: return "EINVAL";
	}
}

/* A lost stack (as opposed to none: not asked for, or a kernel thread's
 * missing user stack, -EFAULT). */
static bool lost(int n)
{
	return n < 0 && n != TK_STACK_NONE && n != -EFAULT;
}

static void resolve(struct frames *fs, int id, bool user, int pid, bool wanted)
{
	fs->n = wanted ? (id == TK_STACK_NONE ? 0 : tk_stack_resolve(id, user, pid, fs->fr, MAX_FRAMES))
		       : 0;
	if (fs->n == -EFAULT)
		fs->n = 0;
}

void tk_stack_folded_name(const struct tk_frame *f, bool kernel, char *out, size_t len)
{
	char raw[NAME_LEN];
	size_t n;

	if (len < 8) {
		if (len)
			out[0] = '\0';
		return;
	}
	if (f->sym)
		snprintf(raw, sizeof(raw), "%s", f->sym);
	else if (f->module)
		snprintf(raw, sizeof(raw), "[%s]", f->module);
	else
		snprintf(raw, sizeof(raw), "[unknown]");
	n = tk_escape_text(out, len - 4, raw, strlen(raw));
	for (char *p = out; *p; p++)
		if (*p == ';')
			*p = ':';
	if (kernel)
		memcpy(out + n, "_[k]", 5);
}

static void comm_text(const char *comm, char *out, size_t len)
{
	tk_escape_text(out, len, comm, strnlen(comm, TK_COMM_LEN));
	for (char *p = out; *p; p++)
		if (*p == ';')
			*p = ':';
}

/* The names of a row's folded stack, root first, into names[] (strings in
 * store, NAME_LEN each).  Returns how many. */
static int folded_names(const struct tk_stacks_spec *spec, const struct row *r,
			const struct frames *k, const struct frames *u, char (*store)[NAME_LEN])
{
	int n = 0;

	if (spec->target_key)
		comm_text(r->k.target, store[n++], NAME_LEN);
	else
		comm_text(r->k.comm, store[n++], NAME_LEN);
	if (u->n < 0)
		snprintf(store[n++], NAME_LEN, "[lost user stack]");
	for (int i = u->n - 1; i >= 0; i--)
		tk_stack_folded_name(&u->fr[i], false, store[n++], NAME_LEN);
	if (k->n < 0)
		snprintf(store[n++], NAME_LEN, "[lost kernel stack]_[k]");
	for (int i = k->n - 1; i >= 0; i--)
		tk_stack_folded_name(&k->fr[i], true, store[n++], NAME_LEN);
	if (spec->target_key)
		comm_text(r->k.comm, store[n++], NAME_LEN);
	return n;
}

/* An option pointer of the spec: NULL means on. */
static bool want(const bool *opt)
{
	return !opt || *opt;
}

static unsigned long long shown(const struct tk_stacks_spec *spec, __u64 v)
{
	return spec->time ? v / 1000 : v;
}

static void print_text(const struct tk_stacks_spec *spec, const struct row *r,
		       const struct frames *k, const struct frames *u)
{
	FILE *f = tk_out_file();
	char raw[NAME_LEN * 2], esc[NAME_LEN * 4], comm[TK_COMM_LEN * 4 + 1];

	if (k->n < 0)
		fprintf(f, "    [lost kernel stack: %s]\n", err_name(k->n));
	for (int i = 0; i < k->n; i++) {
		tk_sym_format(&k->fr[i], raw, sizeof(raw));
		tk_escape_text(esc, sizeof(esc), raw, strlen(raw));
		fprintf(f, "    %s\n", esc);
	}
	if (k->n && u->n)
		fputs("    --\n", f);
	if (u->n < 0)
		fprintf(f, "    [lost user stack: %s]\n", err_name(u->n));
	for (int i = 0; i < u->n; i++) {
		tk_sym_format(&u->fr[i], raw, sizeof(raw));
		tk_escape_text(esc, sizeof(esc), raw, strlen(raw));
		fprintf(f, "    %s\n", esc);
	}
	if (spec->target_key) {
		tk_escape_text(comm, sizeof(comm), r->k.target, strnlen(r->k.target, TK_COMM_LEN));
		fprintf(f, "    %-16s %s\n", spec->target_key, comm);
	}
	tk_escape_text(comm, sizeof(comm), r->k.comm, strnlen(r->k.comm, TK_COMM_LEN));
	fprintf(f, "    %-16s %s (%u)\n        %llu\n\n", "-", comm, r->k.pid, shown(spec, r->v));
}

/* JSON string or null into dst (cap bytes); returns bytes written. */
static size_t jstr(char *dst, size_t cap, const char *s)
{
	size_t n;

	if (!s)
		return (size_t)snprintf(dst, cap, "null");
	dst[0] = '"';
	n = tk_escape_json(dst + 1, cap - 2, s, strlen(s));
	dst[1 + n] = '"';
	dst[2 + n] = '\0';
	return n + 2;
}

static void json_stack(const char *key, const struct frames *fs)
{
	static char buf[1 << 16];
	char lostkey[64];
	size_t o = 0;

	if (fs->n < 0) {
		tk_json_raw(key, "null");
		snprintf(lostkey, sizeof(lostkey), "%s_lost", key);
		tk_json_str(lostkey, err_name(fs->n));
		return;
	}
	buf[o++] = '[';
	for (int i = 0; i < fs->n && o < sizeof(buf) - 2 * NAME_LEN * 6; i++) {
		const struct tk_frame *f = &fs->fr[i];

		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s{\"addr\":\"0x%llx\",\"sym\":",
				      i ? "," : "", f->addr);
		o += jstr(buf + o, NAME_LEN * 6, f->sym);
		if (f->sym)
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, ",\"off\":%llu,\"module\":", f->off);
		else
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, ",\"off\":null,\"module\":");
		o += jstr(buf + o, NAME_LEN * 6, f->module);
		buf[o++] = '}';
	}
	buf[o++] = ']';
	buf[o] = '\0';
	tk_json_raw(key, buf);
}

static void print_json(const struct tk_stacks_spec *spec, const struct row *r,
		       const struct frames *k, const struct frames *u)
{
	struct tk_value v;

	tk_json_begin();
	tk_json_str("type", spec->type ? spec->type : "stack");
	tk_json_uint("pid", r->k.pid);
	tk_set_str(&v, r->k.comm, strnlen(r->k.comm, TK_COMM_LEN));
	tk_json_value("comm", &v);
	if (spec->target_key) {
		tk_set_str(&v, r->k.target, strnlen(r->k.target, TK_COMM_LEN));
		tk_json_value(spec->target_key, &v);
	}
	tk_json_uint(spec->time ? "total_us" : "count", shown(spec, r->v));
	if (want(spec->kernel))
		json_stack("kernel_stack", k);
	if (want(spec->user))
		json_stack("user_stack", u);
	tk_json_end();
}

static int cmp_rows(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return memcmp(&x->k, &y->k, sizeof(x->k));
}

struct fline {
	char *text;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Length of a folded line's stack: up to its last space. */
static size_t stack_len(const char *line)
{
	return (size_t)(strrchr(line, ' ') - line);
}

/* Prints sorted folded lines, adding up the counts of equal stacks (stacks
 * at different addresses of the same functions fold to the same line). */
static void print_folded(char **lines, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len = stack_len(lines[i]), j = i;
		unsigned long long sum = 0;

		for (; j < n && stack_len(lines[j]) == len && !strncmp(lines[i], lines[j], len); j++)
			sum += strtoull(lines[j] + len + 1, NULL, 10);
		fprintf(tk_out_file(), "%.*s %llu\n", (int)len, lines[i], sum);
		i = j;
	}
}

/* Reads and deletes every entry of the map; returns the rows (*n of
 * them; free()) or NULL with *n 0. */
static struct row *drain(int fd, size_t *n)
{
	struct row *rows = NULL, *grown;
	size_t cap = 0;
	struct tk_stack_key key, next;
	bool first = true;

	*n = 0;
	while (!bpf_map_get_next_key(fd, first ? NULL : &key, &next)) {
		first = false;
		key = next;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			grown = realloc(rows, cap * sizeof(*rows));
			if (!grown)
				break;
			rows = grown;
		}
		rows[*n].k = next;
		if (!bpf_map_lookup_elem(fd, &next, &rows[*n].v))
			(*n)++;
	}
	for (size_t i = 0; i < *n; i++)
		bpf_map_delete_elem(fd, &rows[i].k);
	return rows;
}

/* Sum of the per-CPU counter tk_table_full of obj (0 when absent). */
static unsigned long long map_full(struct bpf_object *obj)
{
	struct bpf_map *m = bpf_object__find_map_by_name(obj, "tk_table_full");
	int ncpu = libbpf_num_possible_cpus();
	unsigned long long sum = 0;
	__u64 *vals;
	__u32 zero = 0;

	if (!m || ncpu < 1 || !(vals = calloc((size_t)ncpu, sizeof(*vals))))
		return 0;
	if (!bpf_map_lookup_elem(bpf_map__fd(m), &zero, vals))
		for (int i = 0; i < ncpu; i++)
			sum += vals[i];
	free(vals);
	return sum;
}

static void report_lost(const struct tk_stacks_spec *spec, struct bpf_object *obj,
			unsigned long long lk, unsigned long long lu)
{
	static unsigned long long full_seen;
	unsigned long long full = map_full(obj);
	const char *unit = spec->time ? "us" : "samples";

	if (lk || lu) {
		tk_warn("stacks lost (stack map full, or a hash slot taken): kernel %llu %s, "
			"user %llu %s; raise %s", lk, unit, lu, unit,
			spec->size_option ? spec->size_option : "the stack map size");
		if (tk_out_json()) {
			tk_json_begin();
			tk_json_str("type", "lost_stacks");
			tk_json_uint("kernel", lk);
			tk_json_uint("user", lu);
			tk_json_end();
		}
	}
	if (full > full_seen) {
		tk_warn("lost %llu updates: the stack count map is full", full - full_seen);
		if (tk_out_json()) {
			tk_json_begin();
			tk_json_str("type", "lost");
			tk_json_uint("count", full - full_seen);
			tk_json_uint("total", full);
			tk_json_end();
		}
		full_seen = full;
	}
}

static int write_svg(const struct tk_stacks_spec *spec, struct tk_flame *fg)
{
	const char *path = *spec->flamegraph;
	FILE *f = fopen(path, "w");
	int err;

	if (!f) {
		err = -errno;
		tk_err("--flamegraph %s: %s", path, strerror(-err));
		return err;
	}
	err = tk_flame__write(fg, f, spec->title, spec->time ? "us" : "samples");
	if (fclose(f) && !err)
		err = -errno;
	if (err) {
		tk_err("writing %s: %s", path, strerror(-err));
		return err;
	}
	tk_info(1, "wrote a flame graph of %llu %s to %s", tk_flame__total(fg),
		spec->time ? "us" : "samples", path);
	return 0;
}

int tk_stackagg_print(const struct tk_stacks_spec *spec, struct bpf_object *obj)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, "tk_stack_counts");
	bool folded = spec->folded && *spec->folded;
	bool svg = spec->flamegraph && *spec->flamegraph;
	bool json = tk_out_json(), out = json || folded || !svg;
	unsigned long long lk = 0, lu = 0;
	char (*names)[NAME_LEN] = NULL;
	const char **ptrs = NULL;
	struct frames *k = NULL, *u = NULL;
	struct tk_flame *fg = NULL;
	char **lines = NULL;
	size_t n = 0, nl = 0;
	struct row *rows;
	int err = 0;

	if (!map) {
		tk_err("BUG: no map named tk_stack_counts");
		return -ENOENT;
	}
	rows = drain(bpf_map__fd(map), &n);
	qsort(rows, n, sizeof(*rows), cmp_rows);
	if (json)	/* largest first */
		for (size_t i = 0; i < n / 2; i++) {
			struct row t = rows[i];

			rows[i] = rows[n - 1 - i];
			rows[n - 1 - i] = t;
		}
	k = malloc(sizeof(*k));
	u = malloc(sizeof(*u));
	names = malloc((2 * MAX_FRAMES + 4) * sizeof(*names));
	ptrs = malloc((2 * MAX_FRAMES + 4) * sizeof(*ptrs));
	lines = calloc(n + 1, sizeof(*lines));
	fg = svg ? tk_flame__new() : NULL;
	if (!k || !u || !names || !ptrs || !lines || (svg && !fg)) {
		err = -ENOMEM;
		tk_err("printing stacks: %s", strerror(ENOMEM));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		int nn;

		resolve(k, r->k.kstack, false, (int)r->k.pid, want(spec->kernel));
		resolve(u, r->k.ustack, true, (int)r->k.pid, want(spec->user));
		lk += lost(k->n) ? shown(spec, r->v) : 0;
		lu += lost(u->n) ? shown(spec, r->v) : 0;
		if (out && json)
			print_json(spec, r, k, u);
		else if (out && !folded)
			print_text(spec, r, k, u);
		if (!folded && !svg)
			continue;
		nn = folded_names(spec, r, k, u, names);
		for (int j = 0; j < nn; j++)
			ptrs[j] = names[j];
		if (svg && tk_flame__add(fg, ptrs, (size_t)nn, shown(spec, r->v))) {
			err = -ENOMEM;
			tk_err("building the flame graph: %s", strerror(ENOMEM));
			goto out;
		}
		if (folded && !json) {
			size_t len = 32;
			char *p;

			for (int j = 0; j < nn; j++)
				len += strlen(names[j]) + 1;
			p = lines[nl] = malloc(len);
			if (!p)
				continue;
			for (int j = 0; j < nn; j++)
				p += sprintf(p, "%s%s", j ? ";" : "", names[j]);
			sprintf(p, " %llu", shown(spec, r->v));
			nl++;
		}
	}
	qsort(lines, nl, sizeof(*lines), cmp_str);
	print_folded(lines, nl);
	report_lost(spec, obj, lk, lu);
	if (svg)
		err = write_svg(spec, fg);
	tk_stack_clear();
out:
	for (size_t i = 0; lines && i < nl; i++)
		free(lines[i]);
	free(lines);
	tk_flame__free(fg);
	free(ptrs);
	free(names);
	free(u);
	free(k);
	free(rows);
	return err;
}
