// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Unit tests of common/hist.c: slot bounds and the text/JSON renderer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hist.h"
#include "output.h"
#include "tap.h"
#include "capture.h"

/* A row of n stars padded to width w, between bars. */
static const char *bar(int n, int w)
{
	static char buf[8][64];
	static int k;
	char *b = buf[k++ % 8];

	b[0] = '|';
	for (int i = 0; i < w; i++)
		b[1 + i] = i < n ? '*' : ' ';
	b[1 + w] = '|';
	b[2 + w] = '\0';
	return b;
}

static void test_bounds(void)
{
	const struct tk_hist_spec log2 = { .map = "hists", .unit = "usecs" };
	const struct tk_hist_spec lin = { .map = "hists", .unit = "msecs", .linear = true, .step = 10 };
	const struct tk_hist_spec lin0 = { .map = "hists", .unit = "x", .linear = true };
	unsigned long long lo, hi;

	tk_hist_bounds(&log2, 0, &lo, &hi);
	ok(lo == 0 && hi == 0, "log2 slot 0 is [0, 0] (got %llu..%llu)", lo, hi);
	tk_hist_bounds(&log2, 1, &lo, &hi);
	ok(lo == 1 && hi == 1, "log2 slot 1 is [1, 1] (got %llu..%llu)", lo, hi);
	tk_hist_bounds(&log2, 2, &lo, &hi);
	ok(lo == 2 && hi == 3, "log2 slot 2 is [2, 3] (got %llu..%llu)", lo, hi);
	tk_hist_bounds(&log2, 10, &lo, &hi);
	ok(lo == 512 && hi == 1023, "log2 slot 10 is [512, 1023] (got %llu..%llu)", lo, hi);
	tk_hist_bounds(&log2, 33, &lo, &hi);
	ok(lo == 1ULL << 32 && hi == (1ULL << 33) - 1, "log2 slot 33 is [2^32, 2^33-1]");
	tk_hist_bounds(&log2, 63, &lo, &hi);
	ok(lo == 1ULL << 62 && hi >= (1ULL << 63) - 1, "log2 slot 63 starts at 2^62 (got %llu..%llu)",
	   lo, hi);
	tk_hist_bounds(&lin, 0, &lo, &hi);
	ok(lo == 0 && hi == 9, "linear step 10 slot 0 is [0, 9] (got %llu..%llu)", lo, hi);
	tk_hist_bounds(&lin, 3, &lo, &hi);
	ok(lo == 30 && hi == 39, "linear step 10 slot 3 is [30, 39] (got %llu..%llu)", lo, hi);
	tk_hist_bounds(&lin0, 5, &lo, &hi);
	ok(lo == 5 && hi == 5, "linear step 0 means 1: slot 5 is [5, 5] (got %llu..%llu)", lo, hi);
}

static void test_log2_text(void)
{
	const struct tk_hist_spec spec = { .map = "hists", .unit = "usecs" };
	struct tk_hist h = { 0 };
	char want[2048];

	memset(&tk_std, 0, sizeof(tk_std));
	h.slots[0] = 1;		/* 0 */
	h.slots[1] = 3;		/* 1: the first row is 0 -> 1, slots 0 and 1 */
	h.slots[3] = 2;		/* 4..7 */
	h.slots[5] = 8;		/* 16..31 */
	capture(false, 0);
	tk_hist_print(&spec, &h, NULL, NULL, NULL);
	snprintf(want, sizeof(want),
		 "     usecs               : count     distribution\n"
		 "         0 -> 1          : 4        %s\n"
		 "         2 -> 3          : 0        %s\n"
		 "         4 -> 7          : 2        %s\n"
		 "         8 -> 15         : 0        %s\n"
		 "        16 -> 31         : 8        %s\n",
		 bar(20, 40), bar(0, 40), bar(10, 40), bar(0, 40), bar(40, 40));
	is_str(captured(), want, "log2 text: BCC layout, rows 0->1 up to the last non-zero");

	/* The merged first row can be the largest: stars scale to it. */
	memset(&h, 0, sizeof(h));
	h.slots[0] = 3;
	h.slots[1] = 3;
	h.slots[2] = 4;
	capture(false, 0);
	tk_hist_print(&spec, &h, NULL, NULL, NULL);
	snprintf(want, sizeof(want),
		 "     usecs               : count     distribution\n"
		 "         0 -> 1          : 6        %s\n"
		 "         2 -> 3          : 4        %s\n",
		 bar(40, 40), bar(26, 40));
	is_str(captured(), want, "log2 text: stars scale to the largest row (0->1 = slots 0+1)");

	memset(&h, 0, sizeof(h));
	h.slots[1] = 1;
	h.slots[3] = 5000000000ULL;	/* > 2^32 */
	capture(false, 0);
	tk_hist_print(&spec, &h, "disk = vda", NULL, NULL);
	snprintf(want, sizeof(want),
		 "\ndisk = vda\n"
		 "     usecs               : count     distribution\n"
		 "         0 -> 1          : 1        %s\n"
		 "         2 -> 3          : 0        %s\n"
		 "         4 -> 7          : 5000000000 %s\n",
		 bar(0, 40), bar(0, 40), bar(40, 40));
	is_str(captured(), want, "log2 text: 64-bit count, label line before the histogram");

	/* Slots above 32: the wide layout, as BCC (20-digit columns, 20 stars). */
	memset(&h, 0, sizeof(h));
	h.slots[34] = 2;
	h.slots[35] = 1;
	capture(false, 0);
	tk_hist_print(&spec, &h, NULL, NULL, NULL);
	snprintf(want, sizeof(want),
		 "%15s%-29s : count     distribution\n"
		 "%20llu -> %-20llu : %-8d %s\n"
		 "%20llu -> %-20llu : %-8d %s\n",
		 "", "usecs",
		 1ULL << 33, (1ULL << 34) - 1, 2, bar(20, 20),
		 1ULL << 34, (1ULL << 35) - 1, 1, bar(10, 20));
	{
		const char *s = captured();
		const char *rows = strstr(want, "\n") + 1;

		ok(strstr(s, rows) != NULL,
		   "log2 text above slot 32: 20-digit columns, 20 stars (as BCC)");
		size_t hlen = (size_t)(rows - want);

		is_mem(s, strlen(s) < hlen ? strlen(s) : hlen, want, hlen,
		       "log2 text above slot 32: wide header");
	}

	memset(&h, 0, sizeof(h));
	capture(false, 0);
	tk_hist_print(&spec, &h, NULL, NULL, NULL);
	is_str(captured(), "", "log2 text: an empty histogram prints nothing");
}

static void test_linear_text(void)
{
	const struct tk_hist_spec spec = { .map = "hists", .unit = "msecs", .linear = true, .step = 5 };
	struct tk_hist h = { 0 };
	char want[2048];

	memset(&tk_std, 0, sizeof(tk_std));
	h.slots[2] = 2;
	h.slots[4] = 4;
	capture(false, 0);
	tk_hist_print(&spec, &h, NULL, NULL, NULL);
	snprintf(want, sizeof(want),
		 "     msecs         : count     distribution\n"
		 "        0          : 0        %s\n"
		 "        5          : 0        %s\n"
		 "        10         : 2        %s\n"
		 "        15         : 0        %s\n"
		 "        20         : 4        %s\n",
		 bar(0, 40), bar(0, 40), bar(20, 40), bar(0, 40), bar(40, 40));
	is_str(captured(), want,
	       "linear text: BCC layout (':' under ':'), low bound of slots 0 to the last non-zero");
}

static void test_json(void)
{
	const struct tk_hist_spec spec = { .map = "hists", .unit = "usecs" };
	const struct tk_hist_spec lin = { .map = "hists", .unit = "msecs", .linear = true, .step = 5 };
	struct tk_hist h = { 0 };
	struct tk_value disk;

	memset(&tk_std, 0, sizeof(tk_std));
	h.slots[0] = 1;
	h.slots[1] = 3;
	h.slots[3] = 2;
	h.slots[5] = 8;
	capture(true, 0);
	tk_hist_print(&spec, &h, NULL, NULL, NULL);
	is_str(captured(),
	       "{\"type\":\"hist\",\"unit\":\"usecs\",\"buckets\":["
	       "{\"low\":0,\"high\":0,\"count\":1},{\"low\":1,\"high\":1,\"count\":3},"
	       "{\"low\":2,\"high\":3,\"count\":0},{\"low\":4,\"high\":7,\"count\":2},"
	       "{\"low\":8,\"high\":15,\"count\":0},{\"low\":16,\"high\":31,\"count\":8}]}\n",
	       "log2 JSON: one object, buckets from the first to the last non-zero");

	memset(&h, 0, sizeof(h));
	h.slots[2] = 5000000000ULL;
	tk_set_str(&disk, "vda", 3);
	capture(true, 0);
	tk_hist_print(&spec, &h, "disk = vda", "disk", &disk);
	is_str(captured(),
	       "{\"type\":\"hist\",\"disk\":\"vda\",\"unit\":\"usecs\",\"buckets\":["
	       "{\"low\":2,\"high\":3,\"count\":5000000000}]}\n",
	       "log2 JSON: key value, 64-bit count");

	memset(&h, 0, sizeof(h));
	h.slots[2] = 2;
	h.slots[4] = 4;
	capture(true, 0);
	tk_hist_print(&lin, &h, NULL, NULL, NULL);
	is_str(captured(),
	       "{\"type\":\"hist\",\"unit\":\"msecs\",\"buckets\":["
	       "{\"low\":10,\"high\":14,\"count\":2},{\"low\":15,\"high\":19,\"count\":0},"
	       "{\"low\":20,\"high\":24,\"count\":4}]}\n",
	       "linear JSON");

	memset(&h, 0, sizeof(h));
	capture(true, 0);
	tk_hist_print(&spec, &h, NULL, NULL, NULL);
	is_str(captured(), "{\"type\":\"hist\",\"unit\":\"usecs\",\"buckets\":[]}\n",
	       "JSON: an empty histogram has no buckets");
}

/* A row as tk_hist_print_map() builds it: struct tk_hist_row, then the key. */
struct test_key {
	__u64 addr;
	__u32 id;
	char name[8];
};
struct test_row {
	struct tk_hist_row r;
	struct test_key k;
};

static void test_row_fields(void)
{
	static const struct tk_field fields[] = {
		TK_HIST_KEY_FIELD(struct test_key, id, TK_FT_U32, "id", "ID"),
		TK_HIST_KEY_FIELD(struct test_key, name, TK_FT_STR, "name", "NAME"),
		TK_HIST_KEY_FIELD(struct test_key, addr, TK_FT_U64, "addr", "ADDR"),
		TK_FIELD(struct tk_hist_row, count, TK_FT_U64, "count", "COUNT", 0),
		TK_FIELD(struct tk_hist_row, sum, TK_FT_U64, "sum", "SUM", 0),
		{ 0 },
	};
	struct test_row row = { { 7, 9000 }, { 0x7f0011223344ULL, 42, "lock" } };
	char buf[TK_FIELD_BUF];
	struct tk_value v;

	ok(tk_hist_row_key(&row) == (const void *)&row.k, "tk_hist_row_key: the key follows the row");
	tk_field_value(&fields[0], &row, &v, buf);
	ok(v.kind == TK_V_UINT && v.u == 42, "TK_HIST_KEY_FIELD: a u32 member of the key");
	tk_field_value(&fields[1], &row, &v, buf);
	ok(v.kind == TK_V_STR && v.s.len == 4 && !memcmp(v.s.p, "lock", 4),
	   "TK_HIST_KEY_FIELD: a string member of the key");
	tk_field_value(&fields[2], &row, &v, buf);
	ok(v.kind == TK_V_UINT && v.u == 0x7f0011223344ULL, "TK_HIST_KEY_FIELD: a u64 member");
	tk_field_value(&fields[3], &row, &v, buf);
	ok(v.kind == TK_V_UINT && v.u == 7, "TK_FIELD over struct tk_hist_row: count");
	tk_field_value(&fields[4], &row, &v, buf);
	ok(v.kind == TK_V_UINT && v.u == 9000, "TK_FIELD over struct tk_hist_row: sum");
}

int main(void)
{
	test_bounds();
	test_row_fields();
	test_log2_text();
	test_linear_text();
	test_json();
	return done_testing();
}
