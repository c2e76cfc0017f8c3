// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Unit tests of common/table.c without BPF: sorting, top N, text and JSON. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "table.h"
#include "output.h"
#include "tap.h"
#include "capture.h"

struct key {
	__u32 id;
	__u32 pad;
};

struct val {
	__u64 count;
	__u64 bytes;
	char name[8];
};

struct row {
	struct key k;
	struct val v;
};

static bool show_bytes;

static const struct tk_field fields[] = {
	TK_FIELD(struct row, k.id, TK_FT_U32, "id", "ID", 4, .flags = TK_F_LEFT),
	TK_FIELD(struct row, v.name, TK_FT_STR, "name", "NAME", 8),
	TK_FIELD(struct row, v.count, TK_FT_U64, "count", "COUNT", 6),
	TK_FIELD(struct row, v.bytes, TK_FT_U64, "bytes", "BYTES", 6,
		 .show = &show_bytes, .flags = TK_F_SHOW_JSON),
	{ 0 },
};

static struct tk_table_spec spec = {
	.map = "counts", .type = "thing", .fields = fields, .sort = "count",
	TK_TABLE_ROW(struct row, k, v),
};

static struct row rows[5];

static void fill(void)
{
	static const struct { __u32 id; __u64 count, bytes; const char *name; } d[] = {
		{ 7, 10, 500, "seven" }, { 3, 30, 100, "three" }, { 9, 10, 900, "nine" },
		{ 1, 20, 300, "one" }, { 5, 30, 700, "five" },
	};

	memset(rows, 0, sizeof(rows));
	for (int i = 0; i < 5; i++) {
		rows[i].k.id = d[i].id;
		rows[i].v.count = d[i].count;
		rows[i].v.bytes = d[i].bytes;
		strcpy(rows[i].v.name, d[i].name);
	}
}

static const char *order(void)
{
	static char buf[64];
	size_t o = 0;

	for (int i = 0; i < 5; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%u", i ? "," : "", rows[i].k.id);
	return buf;
}

static void test_sort(void)
{
	fill();
	tk_table_sort(&spec, rows, 5);
	is_str(order(), "3,5,1,7,9", "count descending, ties by ascending key");
	spec.sort = "bytes";
	fill();
	tk_table_sort(&spec, rows, 5);
	is_str(order(), "9,5,7,1,3", "sort on another column");
	spec.sort = "name";
	fill();
	tk_table_sort(&spec, rows, 5);
	is_str(order(), "3,7,1,9,5", "strings sort bytewise, largest first");
	spec.sort = NULL;
	fill();
	tk_table_sort(&spec, rows, 5);
	is_str(order(), "1,3,5,7,9", "no sort column: ascending key");
	spec.sort = "no_such";
	fill();
	tk_table_sort(&spec, rows, 5);
	is_str(order(), "1,3,5,7,9", "an unknown sort column sorts by key");
	spec.sort = "count";
	tk_table_sort(&spec, rows, 0);
	ok(1, "sorting nothing is fine");
}

static void test_text(void)
{
	size_t n;

	memset(&tk_std, 0, sizeof(tk_std));
	fill();
	tk_table_sort(&spec, rows, 5);
	spec.top = 3;
	capture(false, 0);
	n = tk_table_print_rows(&spec, rows, 5);
	is_str(captured(),
	       "\n"
	       "ID   NAME      COUNT\n"
	       "3    three        30\n"
	       "5    five         30\n"
	       "1    one          20\n",
	       "text: blank line, header, top 3 rows");
	is_int((long long)n, 3, "top 3: three rows printed");

	show_bytes = true;
	spec.top = 0;
	capture(false, 0);
	n = tk_table_print_rows(&spec, rows, 2);
	is_str(captured(),
	       "\n"
	       "ID   NAME      COUNT  BYTES\n"
	       "3    three        30    100\n"
	       "5    five         30    700\n",
	       "text: an optional column shown");
	is_int((long long)n, 2, "top 0: every row");
	show_bytes = false;

	capture(false, 0);
	n = tk_table_print_rows(&spec, rows, 0);
	is_str(captured(), "\nID   NAME      COUNT\n", "text: an empty table is its header");
	is_int((long long)n, 0, "no rows");

	tk_std.timestamp = true;
	capture(false, 0);
	tk_table_print_rows(&spec, rows, 1);
	{
		const char *s = captured();
		int hh, mm, ss;
		char rest[128];

		ok(sscanf(s, "\n%2d:%2d:%2d\n%127[^\n]", &hh, &mm, &ss, rest) == 4 &&
		   !strcmp(rest, "ID   NAME      COUNT"), "-T: a HH:MM:SS line before the header");
	}
	tk_std.timestamp = false;

	{
		bool clear = true;

		spec.clear = &clear;
		capture(false, 0);
		tk_table_print_rows(&spec, rows, 1);
		ok(!strncmp(captured(), "\033[H\033[2J\n", 8), "clear: the screen is cleared first");
		spec.clear = NULL;
	}
}

static void test_json(void)
{
	const char *s;
	double t;
	char rest[256];

	memset(&tk_std, 0, sizeof(tk_std));
	fill();
	tk_table_sort(&spec, rows, 5);
	spec.top = 2;
	capture(true, 0);
	tk_table_print_rows(&spec, rows, 5);
	is_str(captured(),
	       "{\"type\":\"thing\",\"id\":3,\"name\":\"three\",\"count\":30}\n"
	       "{\"type\":\"thing\",\"id\":5,\"name\":\"five\",\"count\":30}\n",
	       "JSON: one record per row with type; a hidden SHOW_JSON field is left out");
	show_bytes = true;
	spec.top = 1;
	capture(true, 0);
	tk_table_print_rows(&spec, rows, 5);
	is_str(captured(), "{\"type\":\"thing\",\"id\":3,\"name\":\"three\",\"count\":30,\"bytes\":100}\n",
	       "JSON: the optional field when shown");
	show_bytes = false;

	capture(true, 0);
	tk_table_print_rows(&spec, rows, 0);
	is_str(captured(), "", "JSON: an empty table prints nothing");

	tk_std.timestamp = true;
	spec.type = NULL;
	capture(true, 0);
	tk_table_print_rows(&spec, rows, 1);
	s = captured();
	ok(sscanf(s, "{\"type\":\"row\",\"time\":%lf,%255[^\n]", &t, rest) == 2 && t > 1.6e9 &&
	   !strcmp(rest, "\"id\":3,\"name\":\"three\",\"count\":30}"),
	   "JSON -T: default type row, then time in unix seconds (%s)", s);
	tk_std.timestamp = false;
	spec.type = "thing";
}

int main(void)
{
	test_sort();
	test_text();
	test_json();
	return done_testing();
}
