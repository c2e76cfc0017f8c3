/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * A tiny TAP producer for unit tests.  Each check prints "ok N - what" or
 * "not ok N - what" with the file:line and the values on failure; a test
 * ends with `return done_testing();`, which prints the plan and returns the
 * exit status (1 when anything failed).
 *
 *   ok(cond, fmt, ...)                       cond is true
 *   is_int(got, want, fmt, ...)              integers are equal
 *   is_str(got, want, fmt, ...)              NUL-terminated strings are equal
 *   is_mem(got, glen, want, wlen, fmt, ...)  byte strings are equal
 *   diag(fmt, ...)                           a "# " comment line
 */
#ifndef TK_TAP_H
#define TK_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static void tap_vreport(int pass, const char *file, int line, const char *fmt, va_list ap)
{
	printf("%sok %d - ", pass ? "" : "not ", ++tap_n);
	vprintf(fmt, ap);
	putchar('\n');
	if (!pass) {
		tap_failed++;
		printf("#   at %s:%d\n", file, line);
	}
}

static __attribute__((format(printf, 4, 5), unused))
int tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vreport(pass, file, line, fmt, ap);
	va_end(ap);
	fflush(stdout);
	return pass;
}

/* Prints bytes as a C string literal, so control bytes are visible. */
static __attribute__((unused)) void tap_dump(const char *what, const void *p, size_t n)
{
	const unsigned char *s = p;

	printf("#   %8s: ", what);
	if (!p) {
		puts("NULL");
		return;
	}
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			printf("\\%c", s[i]);
		else if (s[i] >= 0x20 && s[i] < 0x7f)
			putchar(s[i]);
		else
			printf("\\x%02x", s[i]);
	}
	printf("\" (%zu bytes)\n", n);
}

static __attribute__((format(printf, 5, 6), unused))
int tap_is_int(long long got, long long want, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int pass = got == want;

	va_start(ap, fmt);
	tap_vreport(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#        got: %lld\n#   expected: %lld\n", got, want);
	fflush(stdout);
	return pass;
}

static __attribute__((format(printf, 7, 8), unused))
int tap_is_mem(const void *got, size_t glen, const void *want, size_t wlen,
	       const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int pass = got && want && glen == wlen && !memcmp(got, want, glen);

	va_start(ap, fmt);
	tap_vreport(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass) {
		tap_dump("got", got, glen);
		tap_dump("expected", want, wlen);
	}
	fflush(stdout);
	return pass;
}

static __attribute__((format(printf, 5, 6), unused))
int tap_is_str(const char *got, const char *want, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int pass = got && want && !strcmp(got, want);

	va_start(ap, fmt);
	tap_vreport(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass) {
		tap_dump("got", got, got ? strlen(got) : 0);
		tap_dump("expected", want, want ? strlen(want) : 0);
	}
	fflush(stdout);
	return pass;
}

/* A comment; every line of it starts with "# ", so TAP stays valid. */
static __attribute__((format(printf, 1, 2), unused)) void diag(const char *fmt, ...)
{
	char buf[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (char *line = buf, *nl; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		printf("# %.*s\n", nl ? (int)(nl - line) : (int)strlen(line), line);
	}
	fflush(stdout);
}

static __attribute__((unused)) int done_testing(void)
{
	printf("1..%d\n", tap_n);
	if (tap_failed)
		printf("# %d of %d failed\n", tap_failed, tap_n);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) \
	tap_is_int((long long)(got), (long long)(want), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define is_mem(got, glen, want, wlen, ...) \
	tap_is_mem((got), (glen), (want), (wlen), __FILE__, __LINE__, __VA_ARGS__)

#endif
