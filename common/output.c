// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "escape.h"
#include "output.h"
#include "stack.h"

static FILE *out;
static bool json_mode;
static unsigned long long start_mono_ns;
static double mono_to_unix;	/* add to monotonic seconds to get unix time */
static bool first_key;
static char obuf[1 << 16];

/*
 * Each record (text line or JSON object) is built here and handed to stdio
 * with one fwrite(): per-piece stdio calls take the stream lock each time
 * and dominated the cost per event.
 */
static char line[1 << 17];
static size_t llen;

static void lput(const char *p, size_t n)
{
	if (n > sizeof(line) - llen)
		n = sizeof(line) - llen;
	memcpy(line + llen, p, n);
	llen += n;
}

static void lputs(const char *p)
{
	lput(p, strlen(p));
}

static void lputc(char c)
{
	if (llen < sizeof(line))
		line[llen++] = c;
}

/* Where the text of the last column put ended, before its padding: a
 * line ends there, without trailing blanks. */
static size_t content_end;

static void lpad(size_t n)
{
	while (n--)
		lputc(' ');
}

/* Decimal digits of v into the end of buf[24]; returns the first digit. */
static char *u64_digits(unsigned long long v, char buf[24])
{
	char *p = buf + 24;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return p;
}

/* Text of an integer into dst (at least 24 bytes); returns its length. */
static size_t int_text(char *dst, bool neg, unsigned long long mag)
{
	char buf[24], *p = u64_digits(mag, buf);
	size_t n = (size_t)(buf + 24 - p), o = 0;

	if (neg)
		dst[o++] = '-';
	memcpy(dst + o, p, n);
	return o + n;
}

static size_t sint_text(char *dst, long long v)
{
	return int_text(dst, v < 0, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
}

/* Non-negative seconds with 6 decimals, without the cost of %f. */
static size_t secs_text(char *dst, size_t cap, double d)
{
	unsigned long long us, whole, frac;
	size_t n;

	if (!(d >= 0 && d < 1e12))
		return (size_t)snprintf(dst, cap, "%.6f", d);
	us = (unsigned long long)(d * 1e6 + 0.5);
	whole = us / 1000000;
	frac = us % 1000000;
	n = int_text(dst, false, whole);
	dst[n++] = '.';
	for (int i = 5; i >= 0; i--, frac /= 10)
		dst[n + (size_t)i] = (char)('0' + frac % 10);
	return n + 6;
}

/* Ends the record being built and hands it to the stream. */
static void lflush(void)
{
	fwrite(line, 1, llen, out);
	llen = 0;
}

void tk_json_append(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line + llen, sizeof(line) - llen, fmt, ap);
	va_end(ap);
	if (n > 0)
		llen += (size_t)n < sizeof(line) - llen ? (size_t)n : sizeof(line) - llen - 1;
}

void tk_out_init(FILE *f, bool json, unsigned long long start_ns)
{
	struct timespec rt, mono;

	out = f;
	json_mode = json;
	start_mono_ns = start_ns;
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	mono_to_unix = (double)(rt.tv_sec - mono.tv_sec) + (rt.tv_nsec - mono.tv_nsec) / 1e9;
	if (isatty(fileno(f)))
		setvbuf(f, NULL, _IOLBF, 0);
	else
		setvbuf(f, obuf, _IOFBF, sizeof(obuf));
}

FILE *tk_out_file(void) { return out; }
bool tk_out_json(void) { return json_mode; }

bool tk_field_visible(const struct tk_field *f)
{
	if (tk_stack_field(f))	/* printed under the line, not as a column */
		return false;
	if (f->flags & TK_F_JSON_ONLY)
		return false;
	if ((f->flags & TK_F_EXT) && !tk_std.extended)
		return false;
	if ((f->flags & TK_F_TIME) && !tk_std.timestamp)
		return false;
	if (f->show && !*f->show)
		return false;
	return true;
}

const char *tk_clock_str(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(buf, len, "%H:%M:%S", &tm);
	return buf;
}

static unsigned long long read_uint(const void *p, size_t size)
{
	switch (size) {
	case 1: return *(const __u8 *)p;
	case 2: return *(const __u16 *)p;
	case 4: return *(const __u32 *)p;
	default: return *(const __u64 *)p;
	}
}

static bool cond_holds(const struct tk_cond *c, const void *rec)
{
	unsigned long long m;

	if (!c->size)
		return true;
	m = read_uint((const char *)rec + c->offset, c->size);
	switch (c->op) {
	case TK_COND_ALL:
		return (m & c->mask) == c->mask;
	case TK_COND_NONE:
		return !(m & c->mask);
	case TK_COND_IN:
		return m < 64 && (c->mask >> m & 1);
	}
	return false;
}

bool tk_field_present(const struct tk_field *f, const void *rec)
{
	for (int i = 0; i < TK_FIELD_NCOND; i++)
		if (!cond_holds(&f->when[i], rec))
			return false;
	return !f->present || f->present(rec);
}

void tk_field_value(const struct tk_field *f, const void *rec, struct tk_value *v, char *buf)
{
	const char *p = (const char *)rec + f->offset;
	unsigned long long ns;

	v->kind = TK_V_NONE;
	if (!tk_field_present(f, rec))
		return;
	switch (f->type) {
	case TK_FT_GET:
		f->get(rec, v, buf);
		break;
	case TK_FT_S32:
		tk_set_int(v, *(const __s32 *)p);
		break;
	case TK_FT_S64:
		tk_set_int(v, *(const __s64 *)p);
		break;
	case TK_FT_U8:
	case TK_FT_U16:
	case TK_FT_U32:
	case TK_FT_U64:
		tk_set_uint(v, read_uint(p, f->size));
		break;
	case TK_FT_STR:
		tk_set_str(v, p, strnlen(p, f->size));
		break;
	case TK_FT_TS_REL:
		ns = *(const __u64 *)p;
		v->kind = TK_V_DOUBLE;
		v->d = ns > start_mono_ns ? (ns - start_mono_ns) / 1e9 : 0.0;
		break;
	case TK_FT_TS_WALL:
		ns = *(const __u64 *)p;
		v->kind = TK_V_DOUBLE;
		v->d = ns / 1e9 + mono_to_unix;
		break;
	case TK_FT_NSEC:
		v->kind = TK_V_DOUBLE;
		v->d = *(const __u64 *)p / 1e9;
		break;
	case TK_FT_RET:
	case TK_FT_ERRNO: {
		long long r = f->size == 4 ? *(const __s32 *)p : *(const __s64 *)p;

		if (f->type == TK_FT_RET)
			tk_set_int(v, r >= 0 ? r : -1);
		else
			tk_set_int(v, r >= 0 ? 0 : -r);
		break;
	}
	case TK_FT_KSTACK:
	case TK_FT_USTACK:
		tk_set_int(v, *(const __s32 *)p);	/* the id; frames: common/stack.c */
		break;
	case TK_FT_ENUM:
		ns = read_uint(p, f->size);
		if (ns < f->nnames && f->names[ns])
			tk_set_raw(v, f->names[ns], strlen(f->names[ns]));
		else
			tk_set_uint(v, ns);	/* text: the number; JSON: null (below) */
		break;
	}
}

/* Length of the piece of escaped text at p (up to end): an escape (\\ \n
 * \xHH), a whole UTF-8 sequence or one byte; a cut never splits one. */
static size_t esc_piece(const char *p, const char *end)
{
	size_t n;

	if (*p == '\\')
		n = p + 1 < end && p[1] == 'x' ? 4 : 2;
	else
		n = tk_utf8_seq((const unsigned char *)p, (size_t)(end - p));
	if (!n)
		n = 1;
	return n < (size_t)(end - p) ? n : (size_t)(end - p);
}

size_t tk_text_quoted(char *dst, size_t cap, const char *src, size_t n)
{
	static char esc[1 << 14];
	size_t elen, o = 0;

	if (!cap)
		return 0;
	elen = tk_escape_text(esc, sizeof(esc), src, n);
	if (cap >= 3) {
		dst[o++] = '"';
		for (size_t i = 0, k; i < elen; i += k) {
			k = esc_piece(esc + i, esc + elen);
			/* the piece, " as \", then the closing quote and the NUL */
			if (o + k + (esc[i] == '"') + 2 > cap)
				break;
			if (esc[i] == '"')
				dst[o++] = '\\';
			memcpy(dst + o, esc + i, k);
			o += k;
		}
		dst[o++] = '"';
	}
	dst[o] = '\0';
	return o;
}

/* Text of a TK_V_STRV list: each string escaped, joined by spaces; with
 * quote, each quoted by tk_text_quoted(); " ..." when the list was cut short. */
static size_t strv_text(char *dst, size_t cap, const struct tk_value *v, bool quote)
{
	static char esc[1 << 15];
	size_t o = 0, pos = 0;

	if (!cap)
		return 0;
	dst[0] = '\0';
	while (pos < v->s.len) {
		size_t n = strnlen(v->s.p + pos, v->s.len - pos);
		size_t elen = quote ? tk_text_quoted(esc, sizeof(esc), v->s.p + pos, n)
				    : tk_escape_text(esc, sizeof(esc), v->s.p + pos, n);

		if (o + 1 + elen + 1 > cap)
			break;
		if (pos)
			dst[o++] = ' ';
		memcpy(dst + o, esc, elen);
		o += elen;
		pos += n + 1;
	}
	if (v->more && o + 5 < cap) {
		memcpy(dst + o, o ? " ..." : "...", o ? 4 : 3);
		o += o ? 4 : 3;
	}
	dst[o] = '\0';
	return o;
}

/* Text of a value; returns its length.  Strings are escaped. */
static size_t value_text(const struct tk_field *f, const struct tk_value *v, char *dst, size_t cap)
{
	time_t secs;
	struct tm tm;

	switch (v->kind) {
	case TK_V_INT:
		if (!f->fmt)
			return sint_text(dst, v->i);
		return (size_t)snprintf(dst, cap, f->fmt, v->i);
	case TK_V_UINT:
		if (!f->fmt)
			return int_text(dst, false, v->u);
		return (size_t)snprintf(dst, cap, f->fmt, v->u);
	case TK_V_DOUBLE:
		if (f->type == TK_FT_TS_WALL) {
			secs = (time_t)v->d;
			localtime_r(&secs, &tm);
			return strftime(dst, cap, "%H:%M:%S", &tm);
		}
		if (f->fmt)
			return (size_t)snprintf(dst, cap, f->fmt, v->d);
		return secs_text(dst, cap, v->d);
	case TK_V_STR:
		return tk_escape_text(dst, cap, v->s.p, v->s.len);
	case TK_V_RAW:
		return (size_t)snprintf(dst, cap, "%.*s", (int)v->s.len, v->s.p);
	case TK_V_STRV:
		return strv_text(dst, cap, v, f->quote && *f->quote);
	case TK_V_BOOL:
		return (size_t)snprintf(dst, cap, "%s", v->u ? "true" : "false");
	default:
		return (size_t)snprintf(dst, cap, "-");
	}
}

static bool align_left(const struct tk_field *f)
{
	if (f->flags & TK_F_LEFT)
		return true;
	if (f->flags & TK_F_RIGHT)
		return false;
	return f->type == TK_FT_STR;
}

/* One text column: len bytes of text padded to the field's width. */
static void put_column(const struct tk_field *f, const char *text, size_t len, bool first)
{
	size_t pad = f->width > 0 && (size_t)f->width > len ? (size_t)f->width - len : 0;

	if (!first)
		lputc(' ');
	if (!align_left(f))
		lpad(pad);
	lput(text, len);
	if (len)	/* an empty last column leaves no blank behind */
		content_end = llen;
	if (align_left(f) && f->width)
		lpad(pad);
}

void tk_out_header(const struct tk_field *fields)
{
	bool first = true;

	if (json_mode)
		return;
	content_end = llen;
	for (const struct tk_field *f = fields; f->key; f++) {
		if (!tk_field_visible(f))
			continue;
		put_column(f, f->header, strlen(f->header), first);
		first = false;
	}
	if (!first)
		llen = content_end;
	lputc('\n');
	lflush();
}

static void json_key(const char *key);

void tk_out_record(const struct tk_field *fields, const void *rec)
{
	static char text[1 << 16];
	char buf[TK_FIELD_BUF];
	struct tk_value v;
	bool first = true;
	int nstacks = 0;

	if (json_mode) {
		tk_json_begin();
		for (const struct tk_field *f = fields; f->key; f++) {
			if (f->flags & TK_F_TEXT_ONLY)
				continue;
			if ((f->flags & TK_F_SHOW_JSON) && f->show && !*f->show)
				continue;
			if (tk_stack_field(f)) {
				if (tk_stack_shown(f)) {
					json_key(f->key);
					llen += tk_stack_json(line + llen, sizeof(line) - llen, f, rec);
				}
				continue;
			}
			tk_field_value(f, rec, &v, buf);
			if (f->type == TK_FT_ENUM && v.kind != TK_V_RAW)
				v.kind = TK_V_NONE;	/* a value without a name */
			tk_json_value(f->key, &v);
		}
		tk_json_end();
		return;
	}
	content_end = llen;
	for (const struct tk_field *f = fields; f->key; f++) {
		if (!tk_field_visible(f))
			continue;
		tk_field_value(f, rec, &v, buf);
		put_column(f, text, value_text(f, &v, text, sizeof(text)), first);
		first = false;
	}
	if (!first)
		llen = content_end;
	lputc('\n');
	for (const struct tk_field *f = fields; f->key; f++)	/* stacks, under the line */
		if (tk_stack_field(f) && tk_stack_shown(f))
			llen += tk_stack_text(line + llen, sizeof(line) - llen, f, rec, nstacks++ > 0);
	lflush();
}

int tk_out_flush(void)
{
	if (fflush(out) != EOF && !ferror(out))
		return 0;
	return errno == EPIPE ? -EPIPE : -(errno ? errno : EIO);
}

/* ---- JSON ---- */

/* A JSON string, escaped straight into the line. */
static void json_escaped(const char *s, size_t n)
{
	lputc('"');
	if (llen < sizeof(line))
		llen += tk_escape_json(line + llen, sizeof(line) - llen, s, n);
	lputc('"');
}

static void json_key(const char *key)
{
	lput(first_key ? "\"" : ",\"", first_key ? 1 : 2);
	lputs(key);
	lput("\":", 2);
	first_key = false;
}

void tk_json_begin(void)
{
	llen = 0;
	lputc('{');
	first_key = true;
}

void tk_json_end(void)
{
	lput("}\n", 2);
	lflush();
}

void tk_json_value(const char *key, const struct tk_value *v)
{
	char num[48];

	json_key(key);
	switch (v->kind) {
	case TK_V_INT:
		lput(num, sint_text(num, v->i));
		break;
	case TK_V_UINT:
		lput(num, int_text(num, false, v->u));
		break;
	case TK_V_DOUBLE:
		lput(num, secs_text(num, sizeof(num), v->d));
		break;
	case TK_V_STR:
	case TK_V_RAW:
		json_escaped(v->s.p, v->s.len);
		break;
	case TK_V_STRV:
		lputc('[');
		for (size_t pos = 0, n; pos < v->s.len; pos += n + 1) {
			n = strnlen(v->s.p + pos, v->s.len - pos);
			if (pos)
				lputc(',');
			json_escaped(v->s.p + pos, n);
		}
		lputc(']');
		break;
	case TK_V_BOOL:
		lputs(v->u ? "true" : "false");
		break;
	default:
		lputs("null");
	}
}

void tk_json_str(const char *key, const char *s)
{
	json_key(key);
	json_escaped(s, strlen(s));
}

void tk_json_uint(const char *key, unsigned long long u)
{
	char num[24];

	json_key(key);
	lput(num, int_text(num, false, u));
}

void tk_json_raw(const char *key, const char *literal)
{
	json_key(key);
	lputs(literal);
}
