// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <stdio.h>
#include <string.h>
#include "escape.h"

size_t tk_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xbf;	/* range of the second byte */

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;		/* overlong */
		else if (c == 0xed)
			hi = 0x9f;		/* UTF-16 surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;		/* overlong */
		else if (c == 0xf4)
			hi = 0x8f;		/* above U+10FFFF */
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

/* Appends piece if it fits whole; returns false once the buffer is full. */
static int put(char *dst, size_t cap, size_t *o, const char *piece, size_t len)
{
	if (*o + len + 1 > cap)
		return 0;
	memcpy(dst + *o, piece, len);
	*o += len;
	return 1;
}

static size_t escape(char *dst, size_t cap, const char *src, size_t n, int json)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0, i = 0;
	char tmp[16];

	if (!cap)
		return 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t seq, run = i;

		/* fast path: a run of printable ASCII that needs no escape */
		while (run < n && s[run] >= 0x20 && s[run] < 0x7f && s[run] != '\\' &&
		       !(json && s[run] == '"'))
			run++;
		if (run > i) {
			size_t len = run - i;

			if (len > cap - 1 - o)
				len = cap - 1 - o;
			memcpy(dst + o, s + i, len);
			o += len;
			i += len;
			if (i < run)
				break;	/* full */
			continue;
		}
		seq = tk_utf8_seq(s + i, n - i);
		const char *p = tmp;
		size_t len;

		if (seq == 1 && c >= 0x20 && c != 0x7f && c != '\\' && !(json && c == '"')) {
			p = (const char *)s + i;
			len = 1;
		} else if (seq == 2 && c == 0xc2 && s[i + 1] < 0xa0) {
			/* C1 control character U+0080..U+009F: \u00XX in JSON,
			 * its two bytes as \xHH in text (the header's contract) */
			len = (size_t)(json ? snprintf(tmp, sizeof(tmp), "\\u%04x", s[i + 1])
				       : snprintf(tmp, sizeof(tmp), "\\xc2\\x%02x", s[i + 1]));
		} else if (seq > 1) {
			p = (const char *)s + i;
			len = seq;
		} else if (c == '\\' || c == '"') {
			tmp[0] = '\\';
			tmp[1] = (char)c;
			len = 2;
		} else if (c == '\n' || c == '\t' || c == '\r') {
			tmp[0] = '\\';
			tmp[1] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
			len = 2;
		} else if (json && seq == 1) {
			len = (size_t)snprintf(tmp, sizeof(tmp), "\\u%04x", c);
		} else if (json) {
			len = (size_t)snprintf(tmp, sizeof(tmp), "\\udc%02x", c);
		} else {
			len = (size_t)snprintf(tmp, sizeof(tmp), "\\x%02x", c);
		}
		if (!put(dst, cap, &o, p, len))
			break;
		i += seq ? seq : 1;
	}
	dst[o] = '\0';
	return o;
}

size_t tk_escape_text(char *dst, size_t cap, const char *src, size_t n)
{
	return escape(dst, cap, src, n, 0);
}

size_t tk_escape_json(char *dst, size_t cap, const char *src, size_t n)
{
	return escape(dst, cap, src, n, 1);
}
