// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * jsonget: a strict JSON Lines checker and extractor for shell tests.
 *
 *   jsonget [-c] [-0] [-w KEY=VALUE]... FILE [KEY...]
 *
 * Every line of FILE ("-" for stdin) must be one JSON object (RFC 8259,
 * strictly: no raw control bytes in strings, valid UTF-8, no duplicate keys,
 * no trailing garbage, a newline at the end of the last line).  Of the lines
 * whose top-level KEY equals VALUE for every -w, it prints the top-level
 * KEYs, tab-separated, one line per record (-0: records end with NUL).
 * Strings are printed decoded: escapes resolved, and \udcXX (DC80..DCFF, a
 * lone low surrogate: the "surrogateescape" convention) as the byte 0xXX, so
 * a file name with any bytes compares and prints byte for byte.  Other
 * values print as their JSON text; a missing key prints as nothing.  -w
 * compares the decoded value, so -w pid=42 and -w "path=$(printf 'a\nb')"
 * both work.  -c prints the number of matching records instead.
 *
 * Exit status: 0 when every line is valid, 1 on the first invalid line
 * ("jsonget: FILE:LINE: what"), 2 on a usage or I/O error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_DEPTH 64
#define MAX_KEYS 256

struct buf {
	char *p;
	size_t len, cap;
};

struct field {
	struct buf key, val;	/* decoded key; decoded string or raw JSON text */
};

struct parser {
	const unsigned char *p, *end;
	const char *err;
};

static void put(struct buf *b, const void *src, size_t n)
{
	if (!b)
		return;
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			perror("jsonget");
			exit(2);
		}
	}
	memcpy(b->p + b->len, src, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static int fail(struct parser *ps, const char *what)
{
	if (!ps->err)
		ps->err = what;
	return -1;
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r'))
		ps->p++;
}

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_len(const unsigned char *s, const unsigned char *end)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t n;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
	else
		return 0;
	if ((size_t)(end - s) < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

static int hex4(struct parser *ps, unsigned int *out)
{
	*out = 0;
	if (ps->end - ps->p < 4)
		return fail(ps, "truncated \\u escape");
	for (int i = 0; i < 4; i++) {
		unsigned char c = *ps->p++;

		*out <<= 4;
		if (c >= '0' && c <= '9')
			*out |= c - '0';
		else if (c >= 'a' && c <= 'f')
			*out |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			*out |= c - 'A' + 10;
		else
			return fail(ps, "bad hex digit in \\u escape");
	}
	return 0;
}

static void put_utf8(struct buf *b, unsigned int cp)
{
	unsigned char u[4];
	size_t n;

	if (cp < 0x80)
		u[0] = (unsigned char)cp, n = 1;
	else if (cp < 0x800)
		u[0] = 0xc0 | cp >> 6, u[1] = 0x80 | (cp & 0x3f), n = 2;
	else if (cp < 0x10000)
		u[0] = 0xe0 | cp >> 12, u[1] = 0x80 | ((cp >> 6) & 0x3f), u[2] = 0x80 | (cp & 0x3f), n = 3;
	else
		u[0] = 0xf0 | cp >> 18, u[1] = 0x80 | ((cp >> 12) & 0x3f),
		u[2] = 0x80 | ((cp >> 6) & 0x3f), u[3] = 0x80 | (cp & 0x3f), n = 4;
	put(b, u, n);
}

/* A string at ps->p (the opening quote); decoded into out when not NULL. */
static int parse_string(struct parser *ps, struct buf *out)
{
	unsigned int cp, lo;
	unsigned char c;
	size_t n;

	ps->p++;
	for (;;) {
		if (ps->p >= ps->end)
			return fail(ps, "unterminated string");
		c = *ps->p;
		if (c == '"') {
			ps->p++;
			return 0;
		}
		if (c < 0x20)
			return fail(ps, "raw control byte in a string");
		if (c != '\\') {
			n = utf8_len(ps->p, ps->end);
			if (!n)
				return fail(ps, "invalid UTF-8 in a string");
			put(out, ps->p, n);
			ps->p += n;
			continue;
		}
		if (++ps->p >= ps->end)
			return fail(ps, "unterminated escape");
		c = *ps->p++;
		switch (c) {
		case '"': case '\\': case '/':
			put(out, &c, 1);
			break;
		case 'b': put(out, "\b", 1); break;
		case 'f': put(out, "\f", 1); break;
		case 'n': put(out, "\n", 1); break;
		case 'r': put(out, "\r", 1); break;
		case 't': put(out, "\t", 1); break;
		case 'u':
			if (hex4(ps, &cp))
				return -1;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u')
					return fail(ps, "high surrogate without a low surrogate");
				ps->p += 2;
				if (hex4(ps, &lo))
					return -1;
				if (lo < 0xdc00 || lo > 0xdfff)
					return fail(ps, "high surrogate without a low surrogate");
				put_utf8(out, 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00));
			} else if (cp >= 0xdc80 && cp <= 0xdcff) {
				c = (unsigned char)(cp & 0xff);	/* surrogateescape: a raw byte */
				put(out, &c, 1);
			} else if (cp >= 0xdc00 && cp <= 0xdfff) {
				return fail(ps, "lone low surrogate outside DC80..DCFF");
			} else {
				put_utf8(out, cp);
			}
			break;
		default:
			return fail(ps, "unknown escape");
		}
	}
}

static int digits(struct parser *ps)
{
	const unsigned char *s = ps->p;

	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
		ps->p++;
	return ps->p > s ? 0 : fail(ps, "digit expected in a number");
}

static int parse_number(struct parser *ps)
{
	if (*ps->p == '-')
		ps->p++;
	if (ps->p < ps->end && *ps->p == '0')
		ps->p++;
	else if (digits(ps))
		return -1;
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (digits(ps))
			return -1;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (digits(ps))
			return -1;
	}
	return 0;
}

static int parse_value(struct parser *ps, int depth);

/* An object or array; with fields, an object's top-level members are kept. */
static int parse_container(struct parser *ps, int depth, struct field *fields, int *nfields)
{
	unsigned char close = *ps->p == '{' ? '}' : ']';
	const unsigned char *vstart;
	struct buf key = { 0 };

	if (depth > MAX_DEPTH)
		return fail(ps, "nested too deep");
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return 0;
	}
	for (;;) {
		struct field *f = NULL;

		skip_ws(ps);
		if (close == '}') {
			if (ps->p >= ps->end || *ps->p != '"')
				return fail(ps, "object key expected");
			key.len = 0;
			put(&key, "", 0);
			if (parse_string(ps, &key))
				return -1;
			if (fields) {
				for (int i = 0; i < *nfields; i++)
					if (fields[i].key.len == key.len &&
					    !memcmp(fields[i].key.p, key.p, key.len))
						return fail(ps, "duplicate key");
				if (*nfields == MAX_KEYS)
					return fail(ps, "too many keys");
				f = &fields[(*nfields)++];
				f->key.len = f->val.len = 0;
				put(&f->key, key.p, key.len);
				put(&f->val, "", 0);
			}
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p++ != ':')
				return fail(ps, "':' expected after a key");
			skip_ws(ps);
		}
		vstart = ps->p;
		if (f && ps->p < ps->end && *ps->p == '"') {
			if (parse_string(ps, &f->val))
				return -1;
		} else {
			if (parse_value(ps, depth + 1))
				return -1;
			if (f)
				put(&f->val, vstart, (size_t)(ps->p - vstart));
		}
		skip_ws(ps);
		if (ps->p >= ps->end)
			return fail(ps, "unterminated object or array");
		if (*ps->p == close) {
			ps->p++;
			free(key.p);
			return 0;
		}
		if (*ps->p++ != ',')
			return fail(ps, "',' expected");
	}
}

static int literal(struct parser *ps, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n))
		return fail(ps, "invalid token");
	ps->p += n;
	return 0;
}

static int parse_value(struct parser *ps, int depth)
{
	if (ps->p >= ps->end)
		return fail(ps, "value expected");
	switch (*ps->p) {
	case '{':
	case '[':
		return parse_container(ps, depth, NULL, NULL);
	case '"':
		return parse_string(ps, NULL);
	case 't':
		return literal(ps, "true");
	case 'f':
		return literal(ps, "false");
	case 'n':
		return literal(ps, "null");
	default:
		if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
			return parse_number(ps);
		return fail(ps, "invalid token");
	}
}

static const struct field *lookup(const struct field *fields, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (fields[i].key.len == strlen(key) && !memcmp(fields[i].key.p, key, fields[i].key.len))
			return &fields[i];
	return NULL;
}

static int usage(void)
{
	fprintf(stderr, "usage: jsonget [-c] [-0] [-w KEY=VALUE]... FILE [KEY...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	static struct field fields[MAX_KEYS];
	char *line = NULL, *where[32];
	int nwhere = 0, count_only = 0, opt, nf;
	char term = '\n';
	size_t cap = 0, matches = 0;
	long lineno = 0;
	ssize_t len;
	FILE *f;

	while ((opt = getopt(argc, argv, "+c0w:")) != -1) {
		switch (opt) {
		case 'c':
			count_only = 1;
			break;
		case '0':
			term = '\0';
			break;
		case 'w':
			if (nwhere == 32 || !strchr(optarg, '='))
				return usage();
			where[nwhere++] = optarg;
			break;
		default:
			return usage();
		}
	}
	if (optind >= argc)
		return usage();
	f = strcmp(argv[optind], "-") ? fopen(argv[optind], "rb") : stdin;
	if (!f) {
		fprintf(stderr, "jsonget: %s: ", argv[optind]);
		perror(NULL);
		return 2;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		struct parser ps = { (unsigned char *)line, (unsigned char *)line + len, NULL };
		int match = 1;

		lineno++;
		if (line[len - 1] != '\n')
			ps.err = "last line has no newline (truncated output?)";
		else
			ps.end--;
		nf = 0;
		skip_ws(&ps);
		if (!ps.err && (ps.p >= ps.end || *ps.p != '{'))
			fail(&ps, "a line is not a JSON object");
		if (!ps.err)
			parse_container(&ps, 1, fields, &nf);
		skip_ws(&ps);
		if (!ps.err && ps.p != ps.end)
			fail(&ps, "garbage after the object");
		if (ps.err) {
			fprintf(stderr, "jsonget: %s:%ld: %s (at byte %ld)\n", argv[optind], lineno,
				ps.err, (long)((const char *)ps.p - line));
			return 1;
		}
		for (int i = 0; i < nwhere && match; i++) {
			const char *eq = strchr(where[i], '=');
			char key[256];
			const struct field *fl;

			snprintf(key, sizeof(key), "%.*s", (int)(eq - where[i]), where[i]);
			fl = lookup(fields, nf, key);
			match = fl && fl->val.len == strlen(eq + 1) && !memcmp(fl->val.p, eq + 1, fl->val.len);
		}
		if (!match)
			continue;
		matches++;
		if (count_only || optind + 1 >= argc)
			continue;
		for (int k = optind + 1; k < argc; k++) {
			const struct field *fl = lookup(fields, nf, argv[k]);

			if (k > optind + 1)
				putchar('\t');
			if (fl)
				fwrite(fl->val.p, 1, fl->val.len, stdout);
		}
		putchar(term);
	}
	if (ferror(f)) {
		perror("jsonget: reading");
		return 2;
	}
	if (count_only)
		printf("%zu\n", matches);
	free(line);
	return fflush(stdout) ? 2 : 0;
}
