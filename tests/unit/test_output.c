// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Unit tests of common/output.c: field values, text columns, JSON Lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "output.h"
#include "tap.h"
#include "capture.h"

struct rec {
	__u64 ts;
	__u64 big;
	__s64 delta;
	__s32 neg;
	__u32 u;
	__u32 mode;
	__u16 port;
	__u8 proto;
	__u8 pad;
	char name[8];
};

static bool show_mode;

static void get_kind(const void *r, struct tk_value *v, char *buf)
{
	(void)r;
	strcpy(buf, "rd");
	tk_set_str(v, buf, 2);
}

static void get_hex(const void *r, struct tk_value *v, char *buf)
{
	const struct rec *e = r;

	tk_set_raw(v, buf, (size_t)snprintf(buf, TK_FIELD_BUF, "0x%x", e->u));
}

static void get_none(const void *r, struct tk_value *v, char *buf)
{
	(void)r;
	(void)v;
	(void)buf;	/* leaves the value unset: "-" in text, null in JSON */
}

static void get_ratio(const void *r, struct tk_value *v, char *buf)
{
	(void)r;
	(void)buf;
	v->kind = TK_V_DOUBLE;
	v->d = 0.25;
}

static const char *strv_p;
static size_t strv_len;
static bool strv_more, quote_on;

static void get_strv(const void *r, struct tk_value *v, char *buf)
{
	(void)r;
	(void)buf;
	tk_set_strv(v, strv_p, strv_len, strv_more);
}

static void get_bool(const void *r, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_bool(v, ((const struct rec *)r)->proto == 1);
}

#define R struct rec
static const struct tk_field fields[] = {
	TK_FIELD(R, ts, TK_FT_TS_REL, "time_s", "TIME(s)", 10, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD(R, u, TK_FT_U32, "u", "U", 5),
	TK_FIELD(R, neg, TK_FT_S32, "neg", "NEG", 5, .flags = TK_F_LEFT),
	TK_FIELD(R, big, TK_FT_U64, "big", "BIG", 20, .flags = TK_F_EXT),
	TK_FIELD(R, mode, TK_FT_U32, "mode", "MODE", 6, .show = &show_mode, .fmt = "%04llo"),
	TK_FIELD_GET(get_kind, "kind", "KIND", 4, .flags = TK_F_RIGHT),
	TK_FIELD_GET(get_hex, "u_hex", "HEX", 6, .flags = TK_F_TEXT_ONLY),
	TK_FIELD(R, delta, TK_FT_S64, "delta", "DELTA", 12, .flags = TK_F_JSON_ONLY),
	TK_FIELD(R, name, TK_FT_STR, "name", "NAME", 0),
	{ 0 },
};

static const struct tk_field misc[] = {
	TK_FIELD(R, port, TK_FT_U16, "port", "PORT", 5),
	TK_FIELD(R, proto, TK_FT_U8, "proto", "P", 3),
	TK_FIELD_GET(get_none, "none", "NONE", 4),
	TK_FIELD_GET(get_ratio, "ratio", "RATIO", 8),
	TK_FIELD(R, name, TK_FT_STR, "name", "NAME", 4, .flags = TK_F_RIGHT),
	{ 0 },
};

static const struct rec rec1 = {
	.ts = 3500000000ULL, .big = 18446744073709551615ULL, .delta = -5000000000LL,
	.neg = -7, .u = 42, .mode = 0644, .port = 65535, .proto = 255, .name = "a\nb",
};

static void set_opts(bool timestamp, bool extended, bool mode)
{
	memset(&tk_std, 0, sizeof(tk_std));
	tk_std.timestamp = timestamp;
	tk_std.extended = extended;
	show_mode = mode;
}

static void test_values(void)
{
	struct tk_value v;
	char buf[TK_FIELD_BUF];
	struct rec r = rec1;

	capture(false, 1000000000ULL);
	tk_field_value(&fields[1], &r, &v, buf);
	ok(v.kind == TK_V_UINT && v.u == 42, "u32 field is an unsigned 42");
	tk_field_value(&fields[2], &r, &v, buf);
	ok(v.kind == TK_V_INT && v.i == -7, "s32 field is a signed -7");
	tk_field_value(&fields[3], &r, &v, buf);
	ok(v.kind == TK_V_UINT && v.u == 18446744073709551615ULL, "u64 field keeps all 64 bits");
	tk_field_value(&fields[7], &r, &v, buf);
	ok(v.kind == TK_V_INT && v.i == -5000000000LL, "s64 field keeps all 64 bits");
	tk_field_value(&misc[0], &r, &v, buf);
	ok(v.kind == TK_V_UINT && v.u == 65535, "u16 field reads 2 bytes");
	tk_field_value(&misc[1], &r, &v, buf);
	ok(v.kind == TK_V_UINT && v.u == 255, "u8 field reads 1 byte");
	tk_field_value(&fields[8], &r, &v, buf);
	ok(v.kind == TK_V_STR && v.s.len == 3 && !memcmp(v.s.p, "a\nb", 3),
	   "str field: bytes up to the NUL");
	memcpy(r.name, "12345678", 8);
	tk_field_value(&fields[8], &r, &v, buf);
	ok(v.kind == TK_V_STR && v.s.len == 8, "str field without a NUL stops at its size");
	tk_field_value(&fields[0], &r, &v, buf);
	ok(v.kind == TK_V_DOUBLE && v.d > 2.4999 && v.d < 2.5001,
	   "relative timestamp: seconds since start (2.5)");
	r.ts = 10;
	tk_field_value(&fields[0], &r, &v, buf);
	ok(v.kind == TK_V_DOUBLE && v.d == 0.0, "a timestamp before start is 0, not negative");
	tk_field_value(&fields[5], &r, &v, buf);
	ok(v.kind == TK_V_STR && v.s.len == 2 && !memcmp(v.s.p, "rd", 2), "getter value");
	tk_field_value(&misc[2], &r, &v, buf);
	ok(v.kind == TK_V_NONE, "a getter that sets nothing gives TK_V_NONE");
	captured();
}

static void test_visibility(void)
{
	set_opts(false, false, false);
	ok(!tk_field_visible(&fields[0]), "TK_F_TIME hidden without -T");
	ok(tk_field_visible(&fields[1]), "plain field visible");
	ok(!tk_field_visible(&fields[3]), "TK_F_EXT hidden without -e");
	ok(!tk_field_visible(&fields[4]), ".show false hides");
	ok(!tk_field_visible(&fields[7]), "TK_F_JSON_ONLY is never a column");
	ok(tk_field_visible(&fields[6]), "TK_F_TEXT_ONLY is a column");
	set_opts(true, true, true);
	ok(tk_field_visible(&fields[0]), "TK_F_TIME shown with -T");
	ok(tk_field_visible(&fields[3]), "TK_F_EXT shown with -e");
	ok(tk_field_visible(&fields[4]), ".show true shows");
	ok(!tk_field_visible(&fields[7]), "TK_F_JSON_ONLY hidden with every option");
}

static void test_text(void)
{
	struct rec r = rec1;

	set_opts(false, false, false);
	capture(false, 1000000000ULL);
	tk_out_header(fields);
	tk_out_record(fields, &r);
	is_str(captured(),
	       "    U" " " "NEG  " " " "KIND" " " "   HEX" " " "NAME\n"
	       "   42" " " "-7   " " " "  rd" " " "  0x2a" " " "a\\nb\n",
	       "text: default columns, right-aligned numbers, left NEG, escaped last column");

	set_opts(true, true, true);
	capture(false, 1000000000ULL);
	tk_out_header(fields);
	tk_out_record(fields, &r);
	is_str(captured(),
	       "TIME(s)   " " " "    U" " " "NEG  " " " "                 BIG" " " "  MODE" " "
	       "KIND" " " "   HEX" " " "NAME\n"
	       "2.500000  " " " "   42" " " "-7   " " " "18446744073709551615" " " "  0644" " "
	       "  rd" " " "  0x2a" " " "a\\nb\n",
	       "text: -T -e and .show add TIME(s), BIG, MODE (fmt %%04llo)");

	set_opts(true, false, false);
	capture(false, 1000000000ULL);
	r.neg = -1234567;
	r.u = 1234567;
	tk_out_record(fields, &r);
	is_str(captured(),
	       "2.500000  " " " "1234567" " " "-1234567" " " "  rd" " " "0x12d687" " " "a\\nb\n",
	       "text: a value wider than its column is printed whole");

	set_opts(false, false, false);
	capture(false, 1000000000ULL);
	r = rec1;
	memcpy(r.name, "ab", 3);
	tk_out_header(misc);
	tk_out_record(misc, &r);
	is_str(captured(),
	       " PORT" " " "  P" " " "NONE" " " "   RATIO" " " "NAME\n"
	       "65535" " " "255" " " "   -" " " "0.250000" " " "  ab\n",
	       "text: u16, u8, unset getter as '-', double, right-aligned string");

	r = rec1;
	r.name[0] = '\0';
	capture(false, 1000000000ULL);
	tk_out_record(fields, &r);
	is_str(captured(), "   42 -7      rd   0x2a\n", "text: an empty last column leaves no blank");

	r = rec1;
	memcpy(r.name, "\x1b[2J\xff\x7f", 7);
	capture(false, 1000000000ULL);
	tk_out_record(misc, &r);
	is_str(captured(), "65535 255    - 0.250000 \\x1b[2J\\xff\\x7f\n",
	       "text: control bytes and invalid UTF-8 are escaped");
}

static void test_json(void)
{
	struct rec r = rec1;

	set_opts(false, false, false);
	capture(true, 1000000000ULL);
	tk_out_header(fields);
	tk_out_record(fields, &r);
	is_str(captured(),
	       "{\"time_s\":2.500000,\"u\":42,\"neg\":-7,\"big\":18446744073709551615,"
	       "\"mode\":420,\"kind\":\"rd\",\"delta\":-5000000000,\"name\":\"a\\nb\"}\n",
	       "json: no header; every non-TEXT_ONLY field whatever -T/-e/.show say");

	set_opts(true, true, true);
	capture(true, 1000000000ULL);
	tk_out_record(fields, &r);
	is_str(captured(),
	       "{\"time_s\":2.500000,\"u\":42,\"neg\":-7,\"big\":18446744073709551615,"
	       "\"mode\":420,\"kind\":\"rd\",\"delta\":-5000000000,\"name\":\"a\\nb\"}\n",
	       "json: the same with every text option on");

	memcpy(r.name, "\"\\\x1b\xff\xc2\x85", 7);
	capture(true, 1000000000ULL);
	tk_out_record(misc, &r);
	is_str(captured(),
	       "{\"port\":65535,\"proto\":255,\"none\":null,\"ratio\":0.250000,"
	       "\"name\":\"\\\"\\\\\\u001b\\udcff\\u0085\"}\n",
	       "json: null for unset, strings escaped (quote, backslash, ESC, 0xff, C1)");

	capture(true, 1000000000ULL);
	tk_json_begin();
	tk_json_str("type", "lost");
	tk_json_uint("count", 5);
	tk_json_uint("total", 12);
	tk_json_end();
	tk_json_begin();
	tk_json_raw("list", "[1,2]");
	tk_json_str("s", "tab\there");
	tk_json_end();
	is_str(captured(),
	       "{\"type\":\"lost\",\"count\":5,\"total\":12}\n"
	       "{\"list\":[1,2],\"s\":\"tab\\there\"}\n",
	       "json writer: the lost record and a raw value, one object per line");
}

static void test_wall_clock(void)
{
	static const struct tk_field wall[] = {
		TK_FIELD(R, ts, TK_FT_TS_WALL, "time", "TIME", 8),
		{ 0 },
	};
	struct timespec mono;
	struct tk_value v;
	char buf[TK_FIELD_BUF], clk[16];
	struct rec r = rec1;
	const char *s;

	clock_gettime(CLOCK_MONOTONIC, &mono);
	r.ts = (unsigned long long)mono.tv_sec * 1000000000ULL + (unsigned long long)mono.tv_nsec;
	set_opts(false, false, false);
	capture(false, 1000000000ULL);
	tk_field_value(&wall[0], &r, &v, buf);
	ok(v.kind == TK_V_DOUBLE && v.d > (double)time(NULL) - 5 && v.d < (double)time(NULL) + 5,
	   "wall timestamp: unix seconds of now");
	tk_out_record(wall, &r);
	s = captured();
	ok(strlen(s) == 9 && s[2] == ':' && s[5] == ':' && s[8] == '\n',
	   "wall timestamp in text is HH:MM:SS (got '%.*s')", (int)strcspn(s, "\n"), s);
	tk_clock_str(clk, sizeof(clk));
	ok(strlen(clk) == 8 && clk[2] == ':', "tk_clock_str is HH:MM:SS");
}

/* TK_V_STRV (argument lists) and TK_V_BOOL. */
static void test_strv_bool(void)
{
	static const struct tk_field lf[] = {
		TK_FIELD_GET(get_bool, "ok", "OK", 5, .flags = TK_F_LEFT),
		TK_FIELD_GET(get_strv, "args", "ARGS", 0, .quote = &quote_on),
		{ 0 },
	};
	static const struct {
		const char *p;
		size_t len;
		const char *text, *json;
		const char *what;
	} cases[] = {
		{ "ls\0-l\0a b\0\x1b[1m\xff\0", 16, "ls -l a b \\x1b[1m\\xff",
		  "[\"ls\",\"-l\",\"a b\",\"\\u001b[1m\\udcff\"]", "strings escaped, joined" },
		{ "a\0\0b\0", 5, "a  b", "[\"a\",\"\",\"b\"]", "an empty string in the list" },
		{ "a\0bc", 4, "a bc", "[\"a\",\"bc\"]", "last string without its NUL" },
		{ "", 0, "", "[]", "an empty list" },
		{ "q\"\\\0", 4, "q\"\\\\", "[\"q\\\"\\\\\"]", "quote and backslash" },
	};
	struct rec r = rec1;
	char want[256];

	set_opts(false, false, false);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strv_p = cases[i].p;
		strv_len = cases[i].len;
		r.proto = (__u8)(i & 1);
		capture(false, 1000000000ULL);
		tk_out_record(lf, &r);
		if (*cases[i].text)
			snprintf(want, sizeof(want), "%-5s %s\n", i & 1 ? "true" : "false",
				 cases[i].text);
		else	/* an empty last column: no blanks at the end of the line */
			snprintf(want, sizeof(want), "%s\n", i & 1 ? "true" : "false");
		is_str(captured(), want, "strv text: %s; bool text", cases[i].what);
		capture(true, 1000000000ULL);
		tk_out_record(lf, &r);
		snprintf(want, sizeof(want), "{\"ok\":%s,\"args\":%s}\n", i & 1 ? "true" : "false",
			 cases[i].json);
		is_str(captured(), want, "strv JSON: %s; bool JSON", cases[i].what);
	}

	strv_p = "a b\0say \"hi\"\0";
	strv_len = sizeof("a b\0say \"hi\"\0") - 1;
	strv_more = true;
	r.proto = 1;
	capture(false, 1000000000ULL);
	tk_out_record(lf, &r);
	is_str(captured(), "true  a b say \"hi\" ...\n", "strv text: a list cut short ends in ' ...'");
	quote_on = true;
	capture(false, 1000000000ULL);
	tk_out_record(lf, &r);
	is_str(captured(), "true  \"a b\" \"say \\\"hi\\\"\" ...\n",
	       "strv text with .quote: each string quoted, inner quotes backslashed");
	capture(true, 1000000000ULL);
	tk_out_record(lf, &r);
	is_str(captured(), "{\"ok\":true,\"args\":[\"a b\",\"say \\\"hi\\\"\"]}\n",
	       "strv JSON: quoting and 'more' do not change JSON");
	quote_on = false;
	strv_more = false;
}

static bool proto_is_6(const void *r)
{
	return ((const struct rec *)r)->proto == 6;
}

/* TK_FT_ENUM, .when[] conditions and .present. */
static void test_enum_present(void)
{
	static const char *const names[] = { "zero", "one", NULL, "three" };
	static const struct tk_field ef[] = {
		TK_FIELD(R, proto, TK_FT_ENUM, "p8", "P8", 5, TK_NAMES(names), .flags = TK_F_LEFT),
		TK_FIELD(R, port, TK_FT_ENUM, "p16", "P16", 5, TK_NAMES(names), .flags = TK_F_LEFT),
		TK_FIELD(R, u, TK_FT_ENUM, "p32", "P32", 5, TK_NAMES(names), .flags = TK_F_LEFT),
		TK_FIELD(R, big, TK_FT_ENUM, "p64", "P64", 5, TK_NAMES(names), .flags = TK_F_LEFT),
		/* u when mode has bits 0600, neg when mode has no bit 01, big when
		 * proto is 1 or 3, port when proto is 6 (a predicate) and mode has 04 */
		TK_FIELD(R, u, TK_FT_U32, "all", "ALL", 3, .when = { TK_WHEN_ALL(R, mode, 0600) }),
		TK_FIELD(R, neg, TK_FT_S32, "none", "NONE", 4,
			 .when = { TK_WHEN_NONE(R, mode, 01) }),
		TK_FIELD(R, big, TK_FT_U64, "in", "IN", 2,
			 .when = { TK_WHEN_IN(R, proto, TK_BIT(1) | TK_BIT(3)) }),
		TK_FIELD(R, name, TK_FT_STR, "pred", "PRED", 0, .present = proto_is_6,
			 .when = { TK_WHEN_ALL(R, mode, 04) }),
		{ 0 },
	};
	struct tk_value v;
	char buf[TK_FIELD_BUF], q[32];
	struct rec r = rec1;

	set_opts(false, false, false);
	capture(false, 1000000000ULL);
	r.proto = 1, r.port = 3, r.u = 0, r.big = 1, r.mode = 0644, r.neg = -7;
	memcpy(r.name, "x", 2);
	tk_field_value(&ef[0], &r, &v, buf);
	ok(v.kind == TK_V_RAW && !strcmp(v.s.p, "one"), "enum u8: 1 is \"one\"");
	tk_field_value(&ef[1], &r, &v, buf);
	ok(v.kind == TK_V_RAW && !strcmp(v.s.p, "three"), "enum u16: 3 is \"three\"");
	tk_field_value(&ef[2], &r, &v, buf);
	ok(v.kind == TK_V_RAW && !strcmp(v.s.p, "zero"), "enum u32: 0 is \"zero\"");
	tk_field_value(&ef[6], &r, &v, buf);
	ok(v.kind == TK_V_UINT && v.u == 1, "TK_WHEN_IN: proto 1 is in {1, 3}");
	tk_field_value(&ef[7], &r, &v, buf);
	ok(v.kind == TK_V_NONE, ".present false: no value");
	ok(!tk_field_present(&ef[7], &r) && tk_field_present(&ef[4], &r), "tk_field_present");
	tk_out_record(ef, &r);
	is_str(captured(), "one   three zero  one     0   -7  1 -\n",
	       "text: enum names of 1, 2, 4, 8-byte members; conditions true; predicate false");
	capture(true, 1000000000ULL);
	tk_out_record(ef, &r);
	is_str(captured(), "{\"p8\":\"one\",\"p16\":\"three\",\"p32\":\"zero\",\"p64\":\"one\","
	       "\"all\":0,\"none\":-7,\"in\":1,\"pred\":null}\n", "json: the same");

	r.proto = 6, r.port = 2, r.u = 4, r.big = 1ULL << 40, r.mode = 0405;
	capture(false, 1000000000ULL);
	tk_out_record(ef, &r);
	is_str(captured(), "6     2     4     1099511627776   -    -  - x\n",
	       "text: enum out of range or without a name is the number; conditions false; "
	       "predicate true");
	capture(true, 1000000000ULL);
	tk_out_record(ef, &r);
	is_str(captured(), "{\"p8\":null,\"p16\":null,\"p32\":null,\"p64\":null,"
	       "\"all\":null,\"none\":null,\"in\":null,\"pred\":\"x\"}\n",
	       "json: unnamed enum values and absent fields are null");
	r.proto = 64;
	ok(!tk_field_present(&ef[6], &r), "TK_WHEN_IN: a value >= 64 is in no set");

	is_int((int)tk_text_quoted(q, sizeof(q), "a\", \"/etc\\x\n", 12), 18,
	       "tk_text_quoted: length");
	is_str(q, "\"a\\\", \\\"/etc\\\\x\\n\"", "tk_text_quoted: \" and \\ escaped inside quotes");
	is_int((int)tk_text_quoted(q, 6, "abcdef", 6), 5, "tk_text_quoted: cut short");
	is_str(q, "\"abc\"", "tk_text_quoted: cut short keeps both quotes");
	is_int((int)tk_text_quoted(q, 5, "a\"", 2), 3, "tk_text_quoted: no half escape");
	is_str(q, "\"a\"", "tk_text_quoted: an escape that does not fit is left out");
	is_int((int)tk_text_quoted(q, 8, "ab\x1b", 3), 4, "tk_text_quoted: no half \\xHH");
	is_str(q, "\"ab\"", "tk_text_quoted: a \\xHH escape is kept whole or left out");
	is_int((int)tk_text_quoted(q, 9, "ab\x1b", 3), 8, "tk_text_quoted: \\xHH that fits");
	is_int((int)tk_text_quoted(q, 5, "a\xc3\xa9", 3), 3, "tk_text_quoted: no half UTF-8");
}

int main(void)
{
	test_values();
	test_visibility();
	test_text();
	test_json();
	test_wall_clock();
	test_strv_bool();
	test_enum_present();
	return done_testing();
}
