// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "log.h"
#include "tk.h"

static const char *tool_name = "tracekit";
static int verbosity;
static bool capturing;
static char failed_prog[128];

void tk_log_init(const char *tool, int verbose)
{
	tool_name = tool;
	verbosity = verbose;
}

const char *tk_tool_name(void) { return tool_name; }

static void vlog(const char *prefix, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: %s", tool_name, prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void tk_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("", fmt, ap);
	va_end(ap);
}

void tk_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("warning: ", fmt, ap);
	va_end(ap);
}

void tk_info(int level, const char *fmt, ...)
{
	va_list ap;

	if (verbosity < level)
		return;
	va_start(ap, fmt);
	vlog("", fmt, ap);
	va_end(ap);
}

int tk_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("", fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try `%s --help' or `%s --usage' for more information.\n", tool_name, tool_name);
	return TK_EXIT_USAGE;
}

const char *tk_strerror(int err)
{
	static char buf[128];

	if (err < 0)
		err = -err;
	libbpf_strerror(err, buf, sizeof(buf));
	return buf;
}

static void note_failed_prog(const char *msg)
{
	const char *p = strstr(msg, "prog '");
	const char *end;

	if (!p)
		return;
	p += 6;
	end = strchr(p, '\'');
	if (!end || (size_t)(end - p) >= sizeof(failed_prog))
		return;
	memcpy(failed_prog, p, (size_t)(end - p));
	failed_prog[end - p] = '\0';
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (capturing && level == LIBBPF_WARN)
		note_failed_prog(msg);
	if (level == LIBBPF_DEBUG && verbosity < 2)
		return 0;
	/* libbpf warnings are expected while the attach ladder tries rungs;
	 * the ladder reports what matters, so show them only with -v. */
	if (level != LIBBPF_DEBUG && verbosity < 1)
		return 0;
	fprintf(stderr, "%s: %s", tool_name, msg);
	if (msg[0] && msg[strlen(msg) - 1] != '\n')
		fputc('\n', stderr);
	return 0;
}

void tk_log_libbpf(void)
{
	libbpf_set_print(libbpf_print);
}

void tk_log_capture(bool on)
{
	capturing = on;
	if (on)
		failed_prog[0] = '\0';
}

const char *tk_log_failed_prog(void)
{
	return failed_prog[0] ? failed_prog : NULL;
}
