// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "hist.h"
#include "output.h"

#define STARS 40

void tk_hist_bounds(const struct tk_hist_spec *spec, int i,
		    unsigned long long *low, unsigned long long *high)
{
	if (spec->linear) {
		unsigned long long step = spec->step ? spec->step : 1;

		*low = (unsigned long long)i * step;
		*high = *low + step - 1;
		return;
	}
	/* log2: slot 0 holds 0, slot i holds [2^(i-1), 2^i - 1] */
	*low = i ? 1ULL << (i - 1) : 0;
	*high = i ? (i == 64 ? ~0ULL : (1ULL << i) - 1) : 0;
}

static void stars(FILE *f, unsigned long long v, unsigned long long max)
{
	int n = max ? (int)((double)v * STARS / (double)max) : 0;

	for (int i = 0; i < STARS; i++)
		fputc(i < n ? '*' : ' ', f);
}

void tk_hist_print(const struct tk_hist_spec *spec, const struct tk_hist *h,
		   const char *label, const char *json_key, const struct tk_value *json_val)
{
	FILE *f = tk_out_file();
	unsigned long long low, high, max = 0;
	int first = -1, last = -1;

	for (int i = 0; i < TK_HIST_SLOTS; i++) {
		if (!h->slots[i])
			continue;
		if (first < 0)
			first = i;
		last = i;
		if (h->slots[i] > max)
			max = h->slots[i];
	}
	if (tk_out_json()) {
		char clk[16];

		tk_json_begin();
		tk_json_str("type", "hist");
		if (tk_std.timestamp)
			tk_json_str("time", tk_clock_str(clk, sizeof(clk)));
		if (json_key && json_val)
			tk_json_value(json_key, json_val);
		tk_json_str("unit", spec->unit);
		fputs(",\"buckets\":[", f);
		for (int i = first; first >= 0 && i <= last; i++) {
			tk_hist_bounds(spec, i, &low, &high);
			fprintf(f, "%s{\"low\":%llu,\"high\":%llu,\"count\":%llu}",
				i == first ? "" : ",", low, high, (unsigned long long)h->slots[i]);
		}
		fputc(']', f);
		tk_json_end();
		return;
	}
	if (label)
		fprintf(f, "\n%s\n", label);
	if (last < 0)
		return;
	if (spec->linear) {
		fprintf(f, "%*s : count     distribution\n", 13, spec->unit);
		for (int i = first; i <= last; i++) {
			tk_hist_bounds(spec, i, &low, &high);
			fprintf(f, "%13llu : %-8llu |", low, (unsigned long long)h->slots[i]);
			stars(f, h->slots[i], max);
			fputs("|\n", f);
		}
		return;
	}
	/* BCC's layout: the first row spans 0 -> 1 (slots 0 and 1). */
	int w = last <= 32 ? 10 : 20;

	fprintf(f, "%*s%-*s : count     distribution\n", w - 5, "", w + 9, spec->unit);
	for (int i = 1; i <= last; i++) {
		unsigned long long v = h->slots[i] + (i == 1 ? h->slots[0] : 0);

		tk_hist_bounds(spec, i, &low, &high);
		if (i == 1)
			low = 0;
		fprintf(f, "%*llu -> %-*llu : %-8llu |", w, low, w, high, v);
		stars(f, v, max);
		fputs("|\n", f);
	}
}

struct entry {
	void *key;
	struct tk_hist hist;
};

static int cmp_entry_size;
static int cmp_entry(const void *a, const void *b)
{
	return memcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key,
		      (size_t)cmp_entry_size);
}

int tk_hist_print_map(const struct tk_hist_spec *spec, struct bpf_map *map)
{
	size_t ksz = bpf_map__key_size(map);
	int fd = bpf_map__fd(map), n = 0, cap = 64, err = 0;
	struct entry *e = calloc((size_t)cap, sizeof(*e));
	char *keys = calloc((size_t)cap, ksz), *prev = NULL, *next;
	bool array = bpf_map__type(map) == BPF_MAP_TYPE_ARRAY;

	if (!e || !keys) {
		err = -ENOMEM;
		goto cleanup;
	}
	/* Collect, then delete each key right after reading it (an array map
	 * is zeroed instead), so counts between read and clear are few. */
	for (;;) {
		next = keys + (size_t)n * ksz;
		if (bpf_map_get_next_key(fd, prev, next))
			break;
		if (bpf_map_lookup_elem(fd, next, &e[n].hist))
			continue;
		if (array) {
			struct tk_hist zero = { 0 };

			bpf_map_update_elem(fd, next, &zero, BPF_ANY);
		}
		e[n].key = next;
		prev = next;
		if (++n == cap) {
			/* grow both arrays; keys are re-pointed below */
			char *nk = realloc(keys, (size_t)cap * 2 * ksz);
			struct entry *ne = realloc(e, (size_t)cap * 2 * sizeof(*e));

			if (!nk || !ne) {
				free(nk ? nk : keys);
				keys = NULL;
				e = ne ? ne : e;
				err = -ENOMEM;
				goto cleanup;
			}
			keys = nk;
			e = ne;
			cap *= 2;
			prev = keys + (size_t)(n - 1) * ksz;
		}
	}
	for (int i = 0; i < n; i++) {
		e[i].key = keys + (size_t)i * ksz;
		if (!array)
			bpf_map_delete_elem(fd, e[i].key);
	}
	cmp_entry_size = (int)ksz;
	qsort(e, (size_t)n, sizeof(*e), cmp_entry);
	for (int i = 0; i < n; i++) {
		char label[256], buf[TK_FIELD_BUF];
		const char *jkey = NULL;
		struct tk_value jval = { 0 };
		bool empty = true;

		for (int s = 0; s < TK_HIST_SLOTS && empty; s++)
			empty = !e[i].hist.slots[s];
		if (array && empty)
			continue;
		if (spec->key_label) {
			if (!spec->key_label(e[i].key, label, sizeof(label), &jkey, &jval, buf))
				continue;
			tk_hist_print(spec, &e[i].hist, label, jkey, &jval);
		} else {
			tk_hist_print(spec, &e[i].hist, NULL, NULL, NULL);
		}
		err++;
	}
cleanup:
	free(keys);
	free(e);
	return err;
}
