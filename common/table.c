// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Summary tables: a BPF hash map drained into rows, sorted, printed through
 * the field table (text and JSON from the same fields, common/output.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "log.h"
#include "output.h"
#include "table.h"

/* The row array a drain fills. */
struct rows {
	char *buf;
	size_t n, cap, size;
};

static void *row_at(const struct tk_table_spec *spec, const void *rows, size_t i)
{
	return (char *)rows + i * spec->row_size;
}

static const struct tk_field *find_field(const struct tk_field *fields, const char *key)
{
	for (const struct tk_field *f = fields; key && f && f->key; f++)
		if (!strcmp(f->key, key))
			return f;
	return NULL;
}

/* ---- sorting ---- */

struct sort_ctx {
	const struct tk_table_spec *spec;
	const struct tk_field *by;
	size_t ksz;
};

/* Keys compare as native 32-bit words when they are made of them (numeric
 * order for __u32 members, as histograms do), else bytewise. */
static int cmp_key(const struct sort_ctx *c, const char *a, const char *b)
{
	a += c->spec->key_offset;
	b += c->spec->key_offset;
	if (c->ksz % 4 == 0) {
		for (size_t off = 0; off < c->ksz; off += 4) {
			__u32 wa, wb;

			memcpy(&wa, a + off, 4);
			memcpy(&wb, b + off, 4);
			if (wa != wb)
				return wa < wb ? -1 : 1;
		}
		return 0;
	}
	return memcmp(a, b, c->ksz);
}

/* Compares two values of one field: <0 when a is smaller. */
static int cmp_value(const struct tk_value *a, const struct tk_value *b)
{
	size_t n;
	int r;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	switch (a->kind) {
	case TK_V_INT:
		return a->i < b->i ? -1 : a->i > b->i;
	case TK_V_UINT:
	case TK_V_BOOL:
		return a->u < b->u ? -1 : a->u > b->u;
	case TK_V_DOUBLE:
		return a->d < b->d ? -1 : a->d > b->d;
	case TK_V_STR:
	case TK_V_RAW:
	case TK_V_STRV:
		n = a->s.len < b->s.len ? a->s.len : b->s.len;
		r = memcmp(a->s.p, b->s.p, n);
		if (r)
			return r;
		return a->s.len < b->s.len ? -1 : a->s.len > b->s.len;
	default:
		return 0;
	}
}

static int cmp_rows(const void *a, const void *b, void *arg)
{
	const struct sort_ctx *c = arg;

	if (c->by) {
		char bufa[TK_FIELD_BUF], bufb[TK_FIELD_BUF];
		struct tk_value va, vb;
		int r;

		tk_field_value(c->by, a, &va, bufa);
		tk_field_value(c->by, b, &vb, bufb);
		r = cmp_value(&va, &vb);
		if (r)
			return -r;	/* largest first */
	}
	return cmp_key(c, a, b);
}

void tk_table_sort(const struct tk_table_spec *spec, void *rows, size_t n)
{
	struct sort_ctx c = {
		.spec = spec,
		.by = find_field(spec->fields, spec->sort),
		.ksz = spec->value_offset > spec->key_offset ?
		       spec->value_offset - spec->key_offset : spec->row_size - spec->key_offset,
	};

	if (n > 1)
		qsort_r(rows, n, spec->row_size, cmp_rows, &c);
}

/* ---- printing ---- */

/* The record-level keys every JSON row starts with. */
static const char *cur_type;
static double cur_time;

static void get_type(const void *rec, struct tk_value *v, char *buf)
{
	(void)rec;
	(void)buf;
	tk_set_raw(v, cur_type, strlen(cur_type));
}

static void get_time(const void *rec, struct tk_value *v, char *buf)
{
	(void)rec;
	(void)buf;
	v->kind = TK_V_DOUBLE;
	v->d = cur_time;
}

size_t tk_table_print_rows(const struct tk_table_spec *spec, const void *rows, size_t n)
{
	struct tk_field *cols;
	size_t nf = 0, printed = 0, k = 0;
	struct timespec ts;
	char clk[16];

	if (spec->top && n > spec->top)
		n = (size_t)spec->top;
	while (spec->fields[nf].key)
		nf++;
	cols = calloc(nf + 3, sizeof(*cols));
	if (!cols) {
		tk_err("printing table %s: %s", spec->map, strerror(ENOMEM));
		return 0;
	}
	cur_type = spec->type ? spec->type : "row";
	clock_gettime(CLOCK_REALTIME, &ts);
	cur_time = (double)ts.tv_sec + ts.tv_nsec / 1e9;
	cols[k++] = (struct tk_field)TK_FIELD_GET(get_type, "type", "", 0, .flags = TK_F_JSON_ONLY);
	if (tk_std.timestamp)
		cols[k++] = (struct tk_field)TK_FIELD_GET(get_time, "time", "", 0, .flags = TK_F_JSON_ONLY);
	memcpy(cols + k, spec->fields, nf * sizeof(*cols));

	if (!tk_out_json()) {
		FILE *f = tk_out_file();

		if (spec->clear && *spec->clear)
			fputs("\033[H\033[2J", f);
		fputc('\n', f);
		if (tk_std.timestamp)
			fprintf(f, "%-8s\n", tk_clock_str(clk, sizeof(clk)));
		else if (spec->interval_time && tk_std.interval)
			fprintf(f, "[%s]\n", tk_clock_str(clk, sizeof(clk)));
		tk_out_header(spec->fields);
	}
	for (size_t i = 0; i < n; i++, printed++)
		tk_out_record(cols, row_at(spec, rows, i));
	free(cols);
	return printed;
}

/* ---- reading and clearing the map ---- */

static int rows_add(const struct tk_table_spec *spec, struct rows *r, const void *key,
		    size_t ksz, const void *val, size_t vsz)
{
	char *row;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		char *nb = realloc(r->buf, cap * spec->row_size);

		if (!nb)
			return -ENOMEM;
		r->buf = nb;
		r->cap = cap;
	}
	row = r->buf + r->n++ * spec->row_size;
	memset(row, 0, spec->row_size);
	memcpy(row + spec->key_offset, key, ksz);
	memcpy(row + spec->value_offset, val, vsz);
	return 0;
}

/* Batch lookup-and-delete (Linux 5.6+).  Returns 0 once the map is empty,
 * -EOPNOTSUPP (or another error) when the caller should fall back. */
static int drain_batch(const struct tk_table_spec *spec, struct bpf_map *map, struct rows *r)
{
	LIBBPF_OPTS(bpf_map_batch_opts, opts);
	int fd = bpf_map__fd(map);
	size_t ksz = bpf_map__key_size(map), vsz = bpf_map__value_size(map);
	__u32 max = bpf_map__max_entries(map), count;
	char *keys = calloc(max, ksz), *vals = calloc(max, vsz);
	char token[64];
	bool first = true, done = false;
	int err = 0;

	if (!keys || !vals || ksz > sizeof(token)) {
		err = -ENOMEM;
		goto out;
	}
	/* bounded: a map BPF keeps refilling is not read forever */
	for (int round = 0; !done && round < 16; round++) {
		count = max;
		err = bpf_map_lookup_and_delete_batch(fd, first ? NULL : token, token,
						      keys, vals, &count, &opts);
		if (err) {
			err = -errno;
			if (err != -ENOENT)
				goto out;
			done = true;	/* the last batch; count may still be > 0 */
			err = 0;
		}
		first = false;
		for (__u32 i = 0; i < count && !err; i++)
			err = rows_add(spec, r, keys + i * ksz, ksz, vals + i * vsz, vsz);
		if (err)
			goto out;
	}
out:
	free(keys);
	free(vals);
	return err;
}

/* Element by element: the first key is taken again and again, so deletions
 * never disturb the walk; bounded in case BPF keeps adding keys. */
static int drain_each(const struct tk_table_spec *spec, struct bpf_map *map, struct rows *r)
{
	static bool no_lookup_and_delete;
	int fd = bpf_map__fd(map);
	size_t ksz = bpf_map__key_size(map), vsz = bpf_map__value_size(map);
	long limit = 4L * bpf_map__max_entries(map) + 16;
	char *key = malloc(ksz), *val = malloc(vsz);
	int err = 0;

	if (!key || !val) {
		err = -ENOMEM;
		goto out;
	}
	for (long i = 0; i < limit; i++) {
		if (bpf_map_get_next_key(fd, NULL, key)) {
			err = errno == ENOENT ? 0 : -errno;
			goto out;
		}
		if (!no_lookup_and_delete) {
			if (!bpf_map_lookup_and_delete_elem(fd, key, val))
				goto add;
			if (errno == ENOENT)
				continue;
			no_lookup_and_delete = true;	/* before Linux 5.14 */
		}
		if (bpf_map_lookup_elem(fd, key, val)) {
			if (errno == ENOENT)
				continue;
			err = -errno;
			goto out;
		}
		if (bpf_map_delete_elem(fd, key) && errno != ENOENT) {
			err = -errno;
			goto out;
		}
add:
		err = rows_add(spec, r, key, ksz, val, vsz);
		if (err)
			goto out;
	}
out:
	free(key);
	free(val);
	return err;
}

void tk_map_full_report(const char *name, struct bpf_map *full, unsigned long long *reported)
{
	unsigned long long sum = 0;
	int ncpus = libbpf_num_possible_cpus();
	__u32 key = 0;
	__u64 *vals;

	if (!full || ncpus < 1)
		return;
	vals = calloc((size_t)ncpus, sizeof(*vals));
	if (vals && !bpf_map_lookup_elem(bpf_map__fd(full), &key, vals))
		for (int i = 0; i < ncpus; i++)
			sum += vals[i];
	free(vals);
	if (sum <= *reported)
		return;
	if (tk_out_json()) {
		tk_json_begin();
		tk_json_str("type", "lost");
		tk_json_uint("count", sum - *reported);
		tk_json_uint("total", sum);
		tk_json_end();
	}
	tk_warn("map %s was full: %llu updates not counted", name, sum - *reported);
	*reported = sum;
}

int tk_table_print_map(const struct tk_table_spec *spec, struct bpf_map *map,
		       struct bpf_map *full)
{
	static bool no_batch;
	static unsigned long long full_reported;
	enum bpf_map_type type = bpf_map__type(map);
	size_t ksz = bpf_map__key_size(map), vsz = bpf_map__value_size(map);
	struct rows r = { 0 };
	int err;

	if ((type != BPF_MAP_TYPE_HASH && type != BPF_MAP_TYPE_LRU_HASH) ||
	    spec->key_offset + ksz > spec->row_size || spec->value_offset + vsz > spec->row_size) {
		tk_err("BUG: map %s is not a hash map whose key and value fit the table's row",
		       bpf_map__name(map));
		return -EINVAL;
	}
	err = no_batch ? -EOPNOTSUPP : drain_batch(spec, map, &r);
	if (err && err != -ENOMEM) {
		tk_info(1, "map %s: no batch lookup-and-delete (%s): reading element by element",
			bpf_map__name(map), strerror(-err));
		no_batch = true;
		err = drain_each(spec, map, &r);
	}
	if (err) {
		tk_err("reading table from map %s: %s", bpf_map__name(map), strerror(-err));
		goto out;
	}
	if (spec->keep) {	/* drop the rows the tool filters out, keeping order */
		size_t kept = 0;

		for (size_t i = 0; i < r.n; i++)
			if (spec->keep(row_at(spec, r.buf, i)))
				memmove(row_at(spec, r.buf, kept++), row_at(spec, r.buf, i),
					spec->row_size);
		r.n = kept;
	}
	tk_table_sort(spec, r.buf, r.n);
	err = (int)tk_table_print_rows(spec, r.buf, r.n);
	tk_map_full_report(spec->map, full, &full_reported);
out:
	free(r.buf);
	return err;
}
