// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Histogram rendering: BCC's star layout in text, one JSON object per histogram. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "hist.h"
#include "output.h"

#define STARS_MAX 40

void tk_hist_bounds(const struct tk_hist_spec *spec, int i,
		    unsigned long long *low, unsigned long long *high)
{
	bool top = i == TK_HIST_SLOTS - 1;	/* the BPF side clamps overflow into it */

	if (spec->linear) {
		unsigned long long step = spec->step ? spec->step : 1;

		*low = (unsigned long long)i * step;
		*high = top ? ~0ULL : *low + step - 1;
		return;
	}
	/* log2 (tk_log2_slot): slot 0 holds 0, slot i holds [2^(i-1), 2^i - 1] */
	*low = i ? 1ULL << (i - 1) : 0;
	*high = top ? ~0ULL : i ? (1ULL << i) - 1 : 0;
}

/* floor(width * v / max) stars, padded to width, between bars. */
static void stars(FILE *f, unsigned long long v, unsigned long long max, int width)
{
	int n = max ? (int)((double)v * width / (double)max) : 0;

	fputc('|', f);
	for (int i = 0; i < width; i++)
		fputc(i < n ? '*' : ' ', f);
	fputs("|\n", f);
}

/* json_key/json_val: one member from key_label; fields/row: the members of
 * spec->row_fields read from row.  Either pair may be NULL. */
static void print_json(const struct tk_hist_spec *spec, const struct tk_hist *h,
		       const char *json_key, const struct tk_value *json_val,
		       const struct tk_field *fields, const void *row)
{
	unsigned long long low, high;
	int first = -1, last = -1;
	for (int i = 0; i < TK_HIST_SLOTS; i++) {
		if (!h->slots[i])
			continue;
		if (first < 0)
			first = i;
		last = i;
	}
	tk_json_begin();
	tk_json_str("type", "hist");
	if (tk_std.timestamp) {
		/* a number, unix seconds, like the "time" of event records */
		struct timespec ts;
		struct tk_value t = { .kind = TK_V_DOUBLE };

		clock_gettime(CLOCK_REALTIME, &ts);
		t.d = (double)ts.tv_sec + ts.tv_nsec / 1e9;
		tk_json_value("time", &t);
	}
	if (json_key && json_val)
		tk_json_value(json_key, json_val);
	for (const struct tk_field *f = fields; f && row && f->key; f++) {
		char buf[TK_FIELD_BUF];
		struct tk_value v;

		if (f->flags & TK_F_TEXT_ONLY)
			continue;
		if ((f->flags & TK_F_SHOW_JSON) && f->show && !*f->show)
			continue;	/* as for event records (output.c) */
		tk_field_value(f, row, &v, buf);
		tk_json_value(f->key, &v);
	}
	tk_json_str("unit", spec->unit);
	/* "unit" came first, so the separator is always a comma */
	tk_json_append(",\"buckets\":[");
	for (int i = first; first >= 0 && i <= last; i++) {
		tk_hist_bounds(spec, i, &low, &high);
		tk_json_append("%s{\"low\":%llu,\"high\":%llu,\"count\":%llu}",
			       i == first ? "" : ",", low, high, (unsigned long long)h->slots[i]);
	}
	tk_json_append("]");
	tk_json_end();
}

/* BCC's linear layout: rows from the first slot to the last non-empty one. */
static void print_linear(const struct tk_hist_spec *spec, const struct tk_hist *h, int last)
{
	FILE *f = tk_out_file();
	unsigned long long low, high, max = 0;

	for (int i = 0; i <= last; i++)
		if (h->slots[i] > max)
			max = h->slots[i];
	fprintf(f, "     %-13s : count     distribution\n", spec->unit);
	for (int i = 0; i <= last; i++) {
		tk_hist_bounds(spec, i, &low, &high);
		fprintf(f, "        %-10llu : %-8llu ", low, (unsigned long long)h->slots[i]);
		stars(f, h->slots[i], max, STARS_MAX);
	}
}

/* BCC's log2 layout: the first row "0 -> 1" holds slots 0 and 1, rows run
 * to the last non-empty slot; past 2^32 the columns widen and the bar halves. */
static void print_log2(const struct tk_hist_spec *spec, const struct tk_hist *h, int last)
{
	FILE *f = tk_out_file();
	unsigned long long low, high, max = 0;
	bool wide = last > 32;
	int w = wide ? 20 : 10, width = wide ? STARS_MAX / 2 : STARS_MAX;

	if (last < 1)
		last = 1;
	for (int i = 1; i <= last; i++) {
		unsigned long long v = h->slots[i] + (i == 1 ? h->slots[0] : 0);

		if (v > max)
			max = v;
	}
	fprintf(f, "%*s%-*s : count     distribution\n", w - 5, "", w + 9, spec->unit);
	for (int i = 1; i <= last; i++) {
		unsigned long long v = h->slots[i] + (i == 1 ? h->slots[0] : 0);

		tk_hist_bounds(spec, i, &low, &high);
		if (i == 1)
			low = 0;
		fprintf(f, "%*llu -> %-*llu : %-8llu ", w, low, w, high, v);
		stars(f, v, max, width);
	}
}

/* tk_hist_print() with the row members of print_json(). */
static void print_one(const struct tk_hist_spec *spec, const struct tk_hist *h, const char *label,
		      const char *json_key, const struct tk_value *json_val,
		      const struct tk_field *fields, const void *row)
{
	FILE *f = tk_out_file();
	int last = -1;

	if (tk_out_json()) {
		print_json(spec, h, json_key, json_val, fields, row);
		return;
	}
	for (int i = 0; i < TK_HIST_SLOTS; i++)
		if (h->slots[i])
			last = i;
	if (label)
		fprintf(f, "\n%s\n", label);
	if (last < 0)
		return;		/* as BCC: no header for an empty histogram */
	if (spec->linear)
		print_linear(spec, h, last);
	else
		print_log2(spec, h, last);
}

void tk_hist_print(const struct tk_hist_spec *spec, const struct tk_hist *h,
		   const char *label, const char *json_key, const struct tk_value *json_val)
{
	print_one(spec, h, label, json_key, json_val, NULL, NULL);
}

/* ---- reading maps --------------------------------------------------------- */

/* Collected histograms: each entry is the map's value (struct tk_hist or
 * struct tk_hist_sum, vsz bytes) followed by its key. */
struct entries {
	char *buf;
	size_t ksz, vsz, stride;
	enum tk_hist_order order;
	int n, cap;
};

static struct tk_hist *entry_hist(const struct entries *es, int i)
{
	return (struct tk_hist *)(es->buf + (size_t)i * es->stride);
}

static void *entry_key(const struct entries *es, int i)
{
	return es->buf + (size_t)i * es->stride + es->vsz;
}

/* The row of an entry: its count and, for struct tk_hist_sum, its sum. */
static struct tk_hist_row entry_row(const struct entries *es, const void *entry)
{
	const struct tk_hist_sum *v = entry;
	struct tk_hist_row r = { 0 };

	for (int s = 0; s < TK_HIST_SLOTS; s++)
		r.count += v->hist.slots[s];
	if (es->vsz == sizeof(struct tk_hist_sum))
		r.sum = v->sum;
	return r;
}

/* Adds value (vsz bytes) under key, merging with an entry of the same key
 * (a key BPF re-created while the map was drained).  Returns 0 or -ENOMEM. */
static int entries_add(struct entries *es, const void *key, const void *value)
{
	const struct tk_hist_sum *h = value;
	struct tk_hist_sum *dst;

	for (int i = 0; i < es->n; i++) {
		if (memcmp(entry_key(es, i), key, es->ksz))
			continue;
		dst = (struct tk_hist_sum *)entry_hist(es, i);
		for (int s = 0; s < TK_HIST_SLOTS; s++)
			dst->hist.slots[s] += h->hist.slots[s];
		if (es->vsz == sizeof(struct tk_hist_sum))
			dst->sum += h->sum;
		return 0;
	}
	if (es->n == es->cap) {
		int cap = es->cap ? es->cap * 2 : 16;
		char *nb = realloc(es->buf, (size_t)cap * es->stride);

		if (!nb)
			return -ENOMEM;
		es->buf = nb;
		es->cap = cap;
	}
	memcpy(entry_hist(es, es->n), value, es->vsz);
	memcpy(entry_key(es, es->n), key, es->ksz);
	es->n++;
	return 0;
}

/* By es->order: larger sums or counts first; then keys compare as a sequence
 * of native 32-bit words when they are made of them (numeric order for u32
 * members), else bytewise. */
static int cmp_entry(const void *a, const void *b, void *ctx)
{
	const struct entries *es = ctx;
	const unsigned char *ka = (const unsigned char *)a + es->vsz;
	const unsigned char *kb = (const unsigned char *)b + es->vsz;

	if (es->order != TK_HIST_BY_KEY) {
		struct tk_hist_row ra = entry_row(es, a), rb = entry_row(es, b);
		__u64 va = es->order == TK_HIST_BY_SUM ? ra.sum : ra.count;
		__u64 vb = es->order == TK_HIST_BY_SUM ? rb.sum : rb.count;

		if (va != vb)
			return va > vb ? -1 : 1;
	}

	if (es->ksz % 4 == 0) {
		for (size_t off = 0; off < es->ksz; off += 4) {
			__u32 wa, wb;

			memcpy(&wa, ka + off, 4);
			memcpy(&wb, kb + off, 4);
			if (wa != wb)
				return wa < wb ? -1 : 1;
		}
		return 0;
	}
	return memcmp(ka, kb, es->ksz);
}

/* Reads one element of a hash map and deletes it: atomically where the kernel
 * can (5.14+), else by a lookup and a delete. */
static int take(int fd, const void *key, void *h)
{
	static bool no_lookup_and_delete;
	int err;

	if (!no_lookup_and_delete) {
		err = bpf_map_lookup_and_delete_elem(fd, key, h);
		if (!err)
			return 0;
		err = -errno;
		if (err == -ENOENT)
			return err;
		no_lookup_and_delete = true;
	}
	if (bpf_map_lookup_elem(fd, key, h))
		return -errno;
	if (bpf_map_delete_elem(fd, key) && errno != ENOENT)
		return -errno;
	return 0;
}

/* Empties a hash map into es.  The first key is taken again and again, so
 * deletions never disturb an iteration; keys BPF re-creates meanwhile are
 * merged, and the pass is bounded in case BPF keeps adding them. */
static int drain_hash(struct entries *es, struct bpf_map *map, void *key)
{
	int fd = bpf_map__fd(map);
	long limit = 4L * bpf_map__max_entries(map) + 16;
	struct tk_hist_sum h;
	int err;

	for (long i = 0; i < limit; i++) {
		if (bpf_map_get_next_key(fd, NULL, key))
			return errno == ENOENT ? 0 : -errno;
		err = take(fd, key, &h);
		if (err == -ENOENT)
			continue;
		if (err)
			return err;
		err = entries_add(es, key, &h);
		if (err)
			return err;
	}
	return 0;
}

/* Reads every slot of an array map and zeroes it. */
static int drain_array(struct entries *es, struct bpf_map *map)
{
	static const struct tk_hist_sum zero;
	int fd = bpf_map__fd(map);
	struct tk_hist_sum h;
	int err;

	for (__u32 k = 0; k < bpf_map__max_entries(map); k++) {
		if (bpf_map_lookup_elem(fd, &k, &h))
			return -errno;
		if (bpf_map_update_elem(fd, &k, &zero, BPF_ANY))
			return -errno;
		err = entries_add(es, &k, &h);
		if (err)
			return err;
	}
	return 0;
}

static bool hist_empty(const struct tk_hist *h)
{
	for (int s = 0; s < TK_HIST_SLOTS; s++)
		if (h->slots[s])
			return false;
	return true;
}

int tk_hist_print_map(const struct tk_hist_spec *spec, struct bpf_map *map)
{
	enum bpf_map_type type = bpf_map__type(map);
	struct entries es = { .ksz = bpf_map__key_size(map), .vsz = bpf_map__value_size(map),
			      .order = spec->order };
	char *key = NULL;
	int err, printed = 0;

	if ((es.vsz != sizeof(struct tk_hist) && es.vsz != sizeof(struct tk_hist_sum)) ||
	    (type != BPF_MAP_TYPE_HASH && type != BPF_MAP_TYPE_ARRAY) ||
	    (type == BPF_MAP_TYPE_ARRAY && es.ksz != sizeof(__u32))) {
		tk_err("BUG: map %s is not a hash or array of struct tk_hist or tk_hist_sum",
		       bpf_map__name(map));
		return -EINVAL;
	}
	es.stride = (es.vsz + es.ksz + 7) & ~(size_t)7;
	/* the key, and room for a row (struct tk_hist_row, then the key) */
	key = malloc(sizeof(struct tk_hist_row) + es.ksz);
	if (!key) {
		err = -ENOMEM;
		goto cleanup;
	}
	err = type == BPF_MAP_TYPE_HASH ? drain_hash(&es, map, key) : drain_array(&es, map);
	if (err) {
		tk_err("reading histograms from map %s: %s", bpf_map__name(map), strerror(-err));
		goto cleanup;
	}
	qsort_r(es.buf, (size_t)es.n, es.stride, cmp_entry, &es);
	for (int i = 0; i < es.n; i++) {
		char label[256], buf[TK_FIELD_BUF];
		const char *jkey = NULL;
		struct tk_value jval = { 0 };

		if (spec->limit && (unsigned long long)printed >= spec->limit)
			break;
		if (hist_empty(entry_hist(&es, i)))
			continue;
		if (spec->row_fields || spec->row_label) {
			/* the row in key's buffer: counts, then the key */
			struct tk_hist_row r = entry_row(&es, entry_hist(&es, i));

			memcpy(key, &r, sizeof(r));
			memcpy(key + sizeof(r), entry_key(&es, i), es.ksz);
			if (spec->row_label && !spec->row_label(key, label, sizeof(label)))
				continue;
			print_one(spec, entry_hist(&es, i), spec->row_label ? label : NULL, NULL, NULL,
				  spec->row_fields, key);
		} else if (!spec->key_label) {
			tk_hist_print(spec, entry_hist(&es, i), NULL, NULL, NULL);
		} else if (spec->key_label(entry_key(&es, i), label, sizeof(label), &jkey, &jval, buf)) {
			tk_hist_print(spec, entry_hist(&es, i), label, jkey, &jval);
		} else {
			continue;
		}
		printed++;
	}
	/* A single histogram is printed every interval in JSON, empty or not,
	 * so a reader sees each interval go by. */
	if (!printed && !spec->key_label && !spec->row_fields && !spec->row_label &&
	    tk_out_json()) {
		static const struct tk_hist empty;

		tk_hist_print(spec, &empty, NULL, NULL, NULL);
		printed++;
	}
	err = printed;
cleanup:
	free(key);
	free(es.buf);
	return err;
}
