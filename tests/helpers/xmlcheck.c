// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * xmlcheck FILE: exits 0 when FILE is well-formed XML (one root element,
 * tags nested and matched, attributes quoted and unique per tag, only the
 * predefined and numeric entities, no control characters, valid UTF-8),
 * else prints where it is not and exits 1.  A small checker for tests that
 * run where no XML tool is installed (the kernel matrix's initramfs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 4096

static const char *p, *start;
static char *stack[MAX_DEPTH];
static int depth;

static int fail(const char *why)
{
	fprintf(stderr, "xmlcheck: byte %ld: %s\n", (long)(p - start), why);
	return 1;
}

static int name_char(int c)
{
	return c == '_' || c == ':' || c == '-' || c == '.' || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static size_t name(void)
{
	size_t n = 0;

	if (!name_char((unsigned char)*p) || (*p >= '0' && *p <= '9') || *p == '-' || *p == '.')
		return 0;
	while (name_char((unsigned char)p[n]))
		n++;
	return n;
}

static void spaces(void)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
}

/* Character data up to stop (a byte not allowed in it); 0 or 1. */
static int chars(char stop)
{
	while (*p && *p != stop && *p != '<') {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			return fail("control character");
		if (c == '&') {
			const char *e = strchr(p, ';');
			static const char *const ents[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };
			int ok = 0;

			if (!e || e - p > 10)
				return fail("unterminated entity");
			for (size_t i = 0; i < 5; i++)
				ok |= (size_t)(e - p + 1) == strlen(ents[i]) && !strncmp(p, ents[i], strlen(ents[i]));
			if (p[1] == '#')
				ok = e - p > 2 && strspn(p + 2, "x0123456789abcdefABCDEF") == (size_t)(e - p - 2);
			if (!ok)
				return fail("unknown entity");
			p = e + 1;
			continue;
		}
		if (c >= 0x80) {
			int n = c >= 0xf0 && c < 0xf5 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : -1;

			if (n < 0 || c >= 0xf5)
				return fail("invalid UTF-8");
			for (int i = 1; i <= n; i++)
				if (((unsigned char)p[i] & 0xc0) != 0x80)
					return fail("invalid UTF-8");
			p += n + 1;
			continue;
		}
		p++;
	}
	return 0;
}

static int skip_to(const char *end, const char *what)
{
	const char *e = strstr(p, end);

	if (!e)
		return fail(what);
	p = e + strlen(end);
	return 0;
}

static int tag(int *roots)
{
	char *attrs[256];
	int na = 0, err = 0;
	size_t n = name();

	if (!n)
		return fail("bad tag name");
	if (depth == 0 && ++*roots > 1)
		return fail("a second root element");
	if (depth == MAX_DEPTH)
		return fail("too deep");
	stack[depth++] = strndup(p, n);
	p += n;
	for (;;) {
		spaces();
		if (*p == '/' && p[1] == '>') {
			free(stack[--depth]);
			p += 2;
			break;
		}
		if (*p == '>') {
			p++;
			break;
		}
		n = name();
		if (!n || na == 256)
			{ err = fail("bad attribute"); break; }
		for (int i = 0; i < na; i++)
			if (strlen(attrs[i]) == n && !strncmp(attrs[i], p, n))
				err = fail("duplicate attribute");
		attrs[na++] = strndup(p, n);
		p += n;
		spaces();
		if (err || *p != '=')
			{ err = err ? err : fail("attribute without ="); break; }
		p++;
		spaces();
		if (*p != '"' && *p != '\'')
			{ err = fail("unquoted attribute"); break; }
		{
			char q = *p++;

			if ((err = chars(q)))
				break;
			if (*p != q)
				{ err = fail("'<' or end of file in attribute"); break; }
			p++;
		}
	}
	for (int i = 0; i < na; i++)
		free(attrs[i]);
	return err;
}

int main(int argc, char **argv)
{
	static char buf[64 << 20];
	FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
	size_t len;
	int roots = 0;

	if (!f) {
		fprintf(stderr, "usage: xmlcheck FILE\n");
		return 2;
	}
	len = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	if (memchr(buf, 0, len))
		return p = start = buf, fail("NUL byte");
	p = start = buf;
	if (!strncmp(p, "<?xml", 5) && skip_to("?>", "unterminated declaration"))
		return 1;
	for (;;) {
		if (depth ? chars(0) : (spaces(), 0))
			return 1;
		if (!*p)
			break;
		if (*p != '<')
			return fail("text outside the root element");
		p++;
		if (!strncmp(p, "!--", 3)) {
			if (skip_to("-->", "unterminated comment"))
				return 1;
		} else if (!strncmp(p, "![CDATA[", 8)) {
			if (!depth || skip_to("]]>", "unterminated CDATA"))
				return depth ? 1 : fail("CDATA outside the root element");
		} else if (*p == '?') {
			if (skip_to("?>", "unterminated processing instruction"))
				return 1;
		} else if (*p == '/') {
			size_t n;

			p++;
			n = name();
			if (!depth || strlen(stack[depth - 1]) != n || strncmp(stack[depth - 1], p, n))
				return fail("end tag does not match");
			free(stack[--depth]);
			p += n;
			spaces();
			if (*p++ != '>')
				return fail("bad end tag");
		} else if (tag(&roots)) {
			return 1;
		}
	}
	if (depth)
		return fail("unclosed element at end of file");
	if (!roots)
		return fail("no root element");
	return 0;
}
