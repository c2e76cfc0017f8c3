// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Unit tests of common/escape.c: text and JSON escaping, UTF-8 validation. */
#include <string.h>
#include "escape.h"
#include "tap.h"

#define S(lit) lit, sizeof(lit) - 1	/* a literal with its length, NULs included */

/* Escapes src both ways and compares with the expected text and JSON. */
static void both(const char *src, size_t n, const char *text, const char *json, const char *what)
{
	char buf[256];
	size_t len;

	memset(buf, 'Z', sizeof(buf));
	len = tk_escape_text(buf, sizeof(buf), src, n);
	is_mem(buf, len, text, strlen(text), "text: %s", what);
	ok(buf[len] == '\0', "text: %s: NUL-terminated", what);

	memset(buf, 'Z', sizeof(buf));
	len = tk_escape_json(buf, sizeof(buf), src, n);
	is_mem(buf, len, json, strlen(json), "json: %s", what);
	ok(buf[len] == '\0', "json: %s: NUL-terminated", what);
}

static void test_utf8_seq(void)
{
	static const struct {
		const char *s;
		size_t n, want;
		const char *what;
	} cases[] = {
		{ S("a"), 1, "ASCII" },
		{ S("\x00"), 1, "NUL is a one-byte sequence" },
		{ S("\x7f"), 1, "DEL is a one-byte sequence" },
		{ S("\xc3\xa9"), 2, "U+00E9 (2 bytes)" },
		{ S("\xc2\x80"), 2, "U+0080, lowest 2-byte" },
		{ S("\xdf\xbf"), 2, "U+07FF, highest 2-byte" },
		{ S("\xe2\x82\xac"), 3, "U+20AC (3 bytes)" },
		{ S("\xe0\xa0\x80"), 3, "U+0800, lowest 3-byte" },
		{ S("\xed\x9f\xbf"), 3, "U+D7FF, just below the surrogates" },
		{ S("\xee\x80\x80"), 3, "U+E000, just above the surrogates" },
		{ S("\xef\xbf\xbf"), 3, "U+FFFF" },
		{ S("\xf0\x9f\x98\x80"), 4, "U+1F600 (4 bytes)" },
		{ S("\xf0\x90\x80\x80"), 4, "U+10000, lowest 4-byte" },
		{ S("\xf4\x8f\xbf\xbf"), 4, "U+10FFFF, highest" },
		{ S("\xc3\xa9xyz"), 2, "2-byte followed by more" },
		{ S("\xc0\x80"), 0, "overlong NUL C0 80" },
		{ S("\xc1\xbf"), 0, "overlong C1 BF" },
		{ S("\xe0\x80\x80"), 0, "overlong 3-byte E0 80 80" },
		{ S("\xe0\x9f\xbf"), 0, "overlong 3-byte E0 9F BF" },
		{ S("\xf0\x80\x80\x80"), 0, "overlong 4-byte F0 80 80 80" },
		{ S("\xf0\x8f\xbf\xbf"), 0, "overlong 4-byte F0 8F BF BF" },
		{ S("\xed\xa0\x80"), 0, "surrogate U+D800 (ED A0 80)" },
		{ S("\xed\xbf\xbf"), 0, "surrogate U+DFFF (ED BF BF)" },
		{ S("\xf4\x90\x80\x80"), 0, "U+110000 (F4 90 80 80)" },
		{ S("\xf5\x80\x80\x80"), 0, "F5 lead byte" },
		{ S("\xff"), 0, "FF" },
		{ S("\xfe"), 0, "FE" },
		{ S("\x80"), 0, "lone continuation byte" },
		{ S("\xbf"), 0, "lone continuation byte BF" },
		{ S("\xc3"), 0, "truncated 2-byte (end of input)" },
		{ S("\xc3" "a"), 0, "2-byte lead then ASCII" },
		{ S("\xe2\x82"), 0, "truncated 3-byte" },
		{ S("\xe2\x82" "a"), 0, "3-byte with ASCII third byte" },
		{ S("\xe2" "a\xac"), 0, "3-byte with ASCII second byte" },
		{ S("\xf0\x9f\x98"), 0, "truncated 4-byte" },
		{ S("\xf0\x9f\x98\xc0"), 0, "4-byte with a lead byte fourth" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(tk_utf8_seq((const unsigned char *)cases[i].s, cases[i].n), cases[i].want,
		       "tk_utf8_seq: %s", cases[i].what);
	/* the length limit is honoured even when the bytes would continue */
	is_int(tk_utf8_seq((const unsigned char *)"\xe2\x82\xac", 2), 0,
	       "tk_utf8_seq: valid 3-byte cut by n=2");
	is_int(tk_utf8_seq((const unsigned char *)"\xf0\x9f\x98\x80", 3), 0,
	       "tk_utf8_seq: valid 4-byte cut by n=3");
}

static void test_escapes(void)
{
	both(S(""), "", "", "empty");
	both(S("hello, world /etc/passwd"), "hello, world /etc/passwd",
	     "hello, world /etc/passwd", "plain ASCII");
	both(S("a\nb\tc\rd"), "a\\nb\\tc\\rd", "a\\nb\\tc\\rd", "newline, tab, CR");
	both(S("\x1b[31mred"), "\\x1b[31mred", "\\u001b[31mred", "ESC");
	both(S("x\x7fy"), "x\\x7fy", "x\\u007fy", "DEL");
	both(S("a\x01\x02\x1f"), "a\\x01\\x02\\x1f", "a\\u0001\\u0002\\u001f", "other C0 controls");
	both(S("\b\f\v"), "\\x08\\x0c\\x0b", "\\u0008\\u000c\\u000b", "BS FF VT");
	both(S("a\0b"), "a\\x00b", "a\\u0000b", "embedded NUL");
	both(S("C:\\dir"), "C:\\\\dir", "C:\\\\dir", "backslash");
	both(S("say \"hi\""), "say \"hi\"", "say \\\"hi\\\"", "double quote (text keeps it)");
	both(S("'single' {json} [x] /"), "'single' {json} [x] /", "'single' {json} [x] /",
	     "other punctuation untouched");
	both(S("\xc2\x80"), "\\xc2\\x80", "\\u0080", "C1 U+0080");
	both(S("\xc2\x85"), "\\xc2\\x85", "\\u0085", "C1 NEL U+0085");
	both(S("\xc2\x9b" "31m"), "\\xc2\\x9b31m", "\\u009b31m", "C1 CSI U+009B");
	both(S("\xc2\x9f"), "\\xc2\\x9f", "\\u009f", "C1 U+009F");
	both(S("\xc2\xa0"), "\xc2\xa0", "\xc2\xa0", "U+00A0 is not C1");
	both(S("caf\xc3\xa9"), "caf\xc3\xa9", "caf\xc3\xa9", "valid 2-byte");
	both(S("\xe2\x82\xac" "5"), "\xe2\x82\xac" "5", "\xe2\x82\xac" "5", "valid 3-byte");
	both(S("\xf0\x9f\x98\x80!"), "\xf0\x9f\x98\x80!", "\xf0\x9f\x98\x80!", "valid 4-byte");
	both(S("\xef\xbf\xbf"), "\xef\xbf\xbf", "\xef\xbf\xbf", "U+FFFF passes");
	both(S("\xc0\xaf"), "\\xc0\\xaf", "\\udcc0\\udcaf", "overlong '/' C0 AF");
	both(S("\xe0\x80\xaf"), "\\xe0\\x80\\xaf", "\\udce0\\udc80\\udcaf", "overlong 3-byte");
	both(S("\xed\xa0\x80"), "\\xed\\xa0\\x80", "\\udced\\udca0\\udc80", "surrogate ED A0 80");
	both(S("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80", "\\udcf4\\udc90\\udc80\\udc80",
	     "above U+10FFFF");
	both(S("a\xffz"), "a\\xffz", "a\\udcffz", "lone 0xff");
	both(S("\x80"), "\\x80", "\\udc80", "lone continuation byte");
	both(S("ab\xe2\x82"), "ab\\xe2\\x82", "ab\\udce2\\udc82", "truncated 3-byte at the end");
	both(S("\xe2\x82" "x"), "\\xe2\\x82x", "\\udce2\\udc82x", "truncated 3-byte before ASCII");
	both(S("\xc3\xc3\xa9"), "\\xc3\xc3\xa9", "\\udcc3\xc3\xa9", "bad lead then a valid pair");
	both(S("\xf0\x9f\x98"), "\\xf0\\x9f\\x98", "\\udcf0\\udc9f\\udc98", "truncated 4-byte");
	both(S("a\nb\x1b[31m\xff" "c"), "a\\nb\\x1b[31m\\xffc", "a\\nb\\u001b[31m\\udcffc",
	     "the hostile file name of the e2e test");
}

/* Buffer limits: never a split escape or sequence, always a NUL. */
static void test_capacity(void)
{
	char buf[64];
	size_t len;

	memset(buf, 'Z', sizeof(buf));
	is_int(tk_escape_text(buf, 0, S("abc")), 0, "cap 0: returns 0");
	ok(buf[0] == 'Z', "cap 0: writes nothing");
	is_int(tk_escape_json(NULL, 0, S("abc")), 0, "cap 0: dst may be NULL");

	memset(buf, 'Z', sizeof(buf));
	is_int(tk_escape_text(buf, 1, S("abc")), 0, "cap 1: returns 0");
	ok(buf[0] == '\0' && buf[1] == 'Z', "cap 1: only the NUL");
	memset(buf, 'Z', sizeof(buf));
	is_int(tk_escape_json(buf, 1, S("\n")), 0, "json cap 1: returns 0");
	ok(buf[0] == '\0' && buf[1] == 'Z', "json cap 1: only the NUL");

	memset(buf, 'Z', sizeof(buf));
	len = tk_escape_text(buf, 4, S("abcdef"));
	is_mem(buf, len + 1, "abc", 4, "cap 4: three bytes and a NUL");
	ok(buf[4] == 'Z', "cap 4: nothing written past cap");

	/* "a\n": 'a' + 2-byte escape + NUL needs 4 */
	len = tk_escape_text(buf, 3, S("a\n"));
	is_mem(buf, len + 1, "a", 2, "cap 3: \\n not split");
	len = tk_escape_text(buf, 4, S("a\n"));
	is_mem(buf, len + 1, "a\\n", 4, "cap 4: \\n fits");
	for (size_t cap = 1; cap < 5; cap++) {
		len = tk_escape_text(buf, cap, S("\x1b"));
		is_int(len, 0, "text cap %zu: \\x1b (4 bytes) not split", cap);
	}
	len = tk_escape_text(buf, 5, S("\x1b"));
	is_mem(buf, len + 1, "\\x1b", 5, "text cap 5: \\x1b fits");
	for (size_t cap = 1; cap < 7; cap++) {
		len = tk_escape_json(buf, cap, S("\xff"));
		is_int(len, 0, "json cap %zu: \\udcff (6 bytes) not split", cap);
	}
	len = tk_escape_json(buf, 7, S("\xff"));
	is_mem(buf, len + 1, "\\udcff", 7, "json cap 7: \\udcff fits");
	len = tk_escape_json(buf, 7, S("\xc2\x85z"));
	is_mem(buf, len + 1, "\\u0085", 7, "json cap 7: C1 escape fits, z does not");
	/* a valid multibyte sequence is not split either */
	len = tk_escape_text(buf, 4, S("ab\xc3\xa9"));
	is_mem(buf, len + 1, "ab", 3, "cap 4: 2-byte sequence not split");
	len = tk_escape_text(buf, 5, S("ab\xc3\xa9"));
	is_mem(buf, len + 1, "ab\xc3\xa9", 5, "cap 5: 2-byte sequence fits");
	len = tk_escape_json(buf, 4, S("\xf0\x9f\x98\x80"));
	is_mem(buf, len + 1, "", 1, "cap 4: 4-byte sequence not split");
	/* stopping at the first piece that does not fit, not skipping it */
	len = tk_escape_text(buf, 3, S("\nab"));
	is_mem(buf, len + 1, "\\n", 3, "stops at the first piece that does not fit");

	/* a long worst-case input stays within the buffer */
	{
		char src[300], big[1024];

		memset(src, 0xff, sizeof(src));
		memset(big, 'Z', sizeof(big));
		len = tk_escape_json(big, 100, src, sizeof(src));
		is_int(len, 96, "json of 300 x 0xff in 100 bytes: 16 whole escapes");
		ok(big[96] == '\0' && big[99] == 'Z', "json: NUL right after, nothing past cap");
		len = tk_escape_text(big, sizeof(big), src, sizeof(src));
		is_int(len, 1023 / 4 * 4, "text of 300 x 0xff in 1024 bytes: 255 whole escapes");
	}
}

int main(void)
{
	test_utf8_seq();
	test_escapes();
	test_capacity();
	return done_testing();
}
