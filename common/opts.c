// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <argp.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include "log.h"
#include "opts.h"

#ifndef TK_VERSION
#define TK_VERSION "0.0.0"
#endif

struct tk_std tk_std;

enum {
	KEY_BTF = 0x1000,
	KEY_ATTACH,
	KEY_USAGE,
	KEY_LIST_FIELDS,
	KEY_TOOL = 0x2000,	/* + index of a long-only tool option */
};

#define MAX_OPTS 64

struct parse_state {
	const struct tk_tool *tool;
	int npos;
	int served;		/* --help or --version printed */
};

int tk_parse_uint(const char *s, unsigned long long min, unsigned long long max,
		  unsigned long long *out)
{
	unsigned long long v;
	char *end;

	if (!s || !*s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v < min || (max && v > max))
		return -ERANGE;
	*out = v;
	return 0;
}

int tk_parse_addr(const char *s, unsigned long long *out)
{
	unsigned long long v;
	char *end;

	if (!s || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return tk_parse_uint(s, 0, 0, out);
	s += 2;
	if (!*s || strspn(s, "0123456789abcdefABCDEF") != strlen(s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 16);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE)
		return -ERANGE;
	*out = v;
	return 0;
}

/* Formats the accepted range of a number for messages. */
static const char *range_text(unsigned long long min, unsigned long long max)
{
	static char buf[64];

	if (max)
		snprintf(buf, sizeof(buf), "a whole number from %llu to %llu", min, max);
	else
		snprintf(buf, sizeof(buf), "a whole number of at least %llu", min);
	return buf;
}

static void parse_number(struct argp_state *st, const char *what, const char *arg,
			 unsigned long long min, unsigned long long max, unsigned long long *out)
{
	if (tk_parse_uint(arg, min, max, out))
		argp_error(st, "invalid %s '%s': expected %s", what, arg, range_text(min, max));
}

static void parse_uid(struct argp_state *st, const char *arg)
{
	unsigned long long v;
	struct passwd *pw;

	if (tk_parse_uint(arg, 0, UINT_MAX - 1, &v) == 0) {
		tk_std.filter.uid = (__u32)v;
	} else if ((pw = getpwnam(arg))) {
		tk_std.filter.uid = pw->pw_uid;
	} else {
		argp_error(st, "invalid uid '%s': not a number or a known user name", arg);
	}
	tk_std.filter.uid_set = 1;
}

static void parse_cgroup(struct argp_state *st, const char *arg)
{
	struct statfs sfs;
	struct stat sb;

	if (stat(arg, &sb))
		argp_error(st, "invalid cgroup '%s': %s", arg,
			   errno == ENOENT ? "no such directory" : strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		argp_error(st, "invalid cgroup '%s': not a directory", arg);
	if (statfs(arg, &sfs) == 0 && sfs.f_type != CGROUP2_SUPER_MAGIC)
		argp_error(st, "invalid cgroup '%s': not a cgroup v2 directory "
			   "(cgroup2 is usually mounted at /sys/fs/cgroup or /sys/fs/cgroup/unified)", arg);
	tk_std.cgroup = arg;
	tk_std.filter.cgroup_set = 1;
}

static void parse_tool_option(struct argp_state *st, const struct tk_option *o, const char *arg)
{
	char what[80];
	const char *msg;

	switch (o->type) {
	case TK_OPT_FLAG:
		*(bool *)o->dest = true;
		break;
	case TK_OPT_UINT:
		snprintf(what, sizeof(what), "--%s value", o->name);
		parse_number(st, what, arg, o->min, o->max, o->dest);
		break;
	case TK_OPT_STR:
		*(const char **)o->dest = arg;
		break;
	case TK_OPT_CALL:
		msg = o->parse(arg, o->dest);
		if (msg)
			argp_error(st, "invalid --%s '%s': %s", o->name, arg, msg);
		break;
	case TK_OPT_SERVE:
		msg = o->parse(arg, o->dest);
		if (msg)
			argp_error(st, "--%s: %s", o->name, msg);
		((struct parse_state *)st->input)->served = 1;
		break;
	}
}

static void parse_positional(struct argp_state *st, struct parse_state *ps, const char *arg)
{
	const struct tk_tool *t = ps->tool;
	const char *msg;
	int idx = ps->npos++;

	if (t->positional) {
		msg = t->positional(arg, idx);
		if (msg)
			argp_error(st, "%s", msg);
		return;
	}
	if (!(t->std & TK_STD_INTERVAL) || idx > 1)
		argp_error(st, "unexpected argument '%s'", arg);
	if (idx == 0)
		parse_number(st, "interval", arg, 1, 86400 * 365, &tk_std.interval);
	else
		parse_number(st, "count", arg, 1, 0, &tk_std.count);
}

static error_t parse_opt(int key, char *arg, struct argp_state *st)
{
	struct parse_state *ps = st->input;
	const struct tk_tool *t = ps->tool;
	unsigned long long v;
	struct stat sb;

	switch (key) {
	case 'h':
		argp_state_help(st, stdout, ARGP_HELP_STD_HELP & ~ARGP_HELP_EXIT_OK);
		ps->served = 1;
		return 0;
	case KEY_USAGE:
		argp_state_help(st, stdout, ARGP_HELP_USAGE);
		ps->served = 1;
		return 0;
	case KEY_LIST_FIELDS:
		/* for tests and docs: JSON key and text header of every field */
		for (const struct tk_field *f = t->fields; f && f->key; f++)
			printf("%s\t%s\n", f->flags & TK_F_TEXT_ONLY ? "-" : f->key,
			       f->flags & TK_F_JSON_ONLY ? "-" : f->header);
		if (t->hist) {
			/* a histogram record: its labels, then common/hist.c's keys */
			for (int i = 0; t->hist->label_keys && t->hist->label_keys[i]; i++)
				printf("%s\t-\n", t->hist->label_keys[i]);
			for (const struct tk_field *f = t->hist->row_fields; f && f->key; f++)
				printf("%s\t-\n", f->key);
			printf("unit\t-\nlow\t-\nhigh\t-\ncount\t-\n-\tdistribution\n");
		}
		if (t->table) {
			/* a table row: common/table.c's keys, then the tool's columns */
			printf("type\t-\ntime\t-\n");
			for (const struct tk_field *f = t->table->fields; f->key; f++)
				printf("%s\t%s\n", f->flags & TK_F_TEXT_ONLY ? "-" : f->key,
				       f->flags & TK_F_JSON_ONLY ? "-" : f->header);
		}
		if (t->stacks) {
			/* a stack record (common/stackagg.h) */
			printf("type\t-\npid\t-\ncomm\t-\n");
			if (t->stacks->target_key)
				printf("%s\t-\n", t->stacks->target_key);
			printf("%s\t-\nkernel_stack\t-\nuser_stack\t-\n",
			       t->stacks->time ? "total_us" : "count");
		}
		ps->served = 1;
		return 0;
	case 'V':
		printf("%s (tracekit) %s\n", t->name, TK_VERSION);
		ps->served = 1;
		return 0;
	case 'v':
		tk_std.verbose++;
		return 0;
	case 'j':
		tk_std.json = true;
		return 0;
	case 'p':
		parse_number(st, "pid", arg, 1, 4194304, &v);
		tk_std.filter.pid = (__u32)v;
		return 0;
	case 't':
		parse_number(st, "tid", arg, 1, 4194304, &v);
		tk_std.filter.tid = (__u32)v;
		return 0;
	case 'u':
		parse_uid(st, arg);
		return 0;
	case 'c':
		parse_cgroup(st, arg);
		return 0;
	case 'n':
		if (!*arg || strlen(arg) >= TK_COMM_LEN)
			argp_error(st, "invalid name '%s': a command name has 1 to %d bytes",
				   arg, TK_COMM_LEN - 1);
		memset(tk_std.filter.comm, 0, sizeof(tk_std.filter.comm));	/* -n may repeat */
		memcpy(tk_std.filter.comm, arg, strlen(arg));
		tk_std.filter.comm_set = 1;
		return 0;
	case 'd':
		parse_number(st, "duration", arg, 1, 86400 * 365, &tk_std.duration);
		return 0;
	case 'T':
		tk_std.timestamp = true;
		return 0;
	case 'x':
		tk_std.failed = true;
		tk_std.filter.failed = 1;
		return 0;
	case 'e':
		tk_std.extended = true;
		return 0;
	case KEY_BTF:
		if (stat(arg, &sb) || !S_ISREG(sb.st_mode))
			argp_error(st, "invalid --btf '%s': no such file", arg);
		tk_std.btf = arg;
		return 0;
	case KEY_ATTACH:
		if (strcmp(arg, "tracepoint") && strcmp(arg, "fentry") && strcmp(arg, "kprobe"))
			argp_error(st, "invalid --attach '%s': expected tracepoint, fentry or kprobe", arg);
		tk_std.attach = arg;
		return 0;
	case ARGP_KEY_ARG:
		parse_positional(st, ps, arg);
		return 0;
	default:
		break;
	}
	if (t->options) {
		for (int i = 0; t->options[i].name; i++) {
			const struct tk_option *o = &t->options[i];

			if (key == (o->key ? o->key : KEY_TOOL + i)) {
				parse_tool_option(st, o, arg);
				return 0;
			}
		}
	}
	return ARGP_ERR_UNKNOWN;
}

/* Standard options with the flag that enables each (0 = always). */
static const struct {
	unsigned int flag;
	struct argp_option opt;
} std_options[] = {
	{ TK_STD_PID, { "pid", 'p', "PID", 0, "Trace this process only", 1 } },
	{ TK_STD_TID, { "tid", 't', "TID", 0, "Trace this thread only", 1 } },
	{ TK_STD_UID, { "uid", 'u', "UID", 0, "Trace this user only (number or name)", 1 } },
	{ TK_STD_CGROUP, { "cgroup", 'c', "PATH", 0, "Trace this cgroup v2 only", 1 } },
	{ TK_STD_COMM, { "name", 'n', "COMM", 0, "Trace command names equal to COMM only", 1 } },
	{ TK_STD_DURATION, { "duration", 'd', "SEC", 0, "Stop after SEC seconds", 1 } },
	{ TK_STD_TIMESTAMP, { "timestamp", 'T', NULL, 0, "Include a time column", 1 } },
	{ TK_STD_FAILED, { "failed", 'x', NULL, 0, "Show failed operations only", 1 } },
	{ TK_STD_EXTENDED, { "extended", 'e', NULL, 0, "Show extended columns", 1 } },
	{ 0, { "json", 'j', NULL, 0, "Print JSON Lines on stdout", 3 } },
	{ 0, { "btf", KEY_BTF, "FILE", 0, "Load against this kernel BTF file", 3 } },
	{ 0, { "verbose", 'v', NULL, 0, "More diagnostics; -vv adds libbpf's debug log", 3 } },
	{ 0, { "attach", KEY_ATTACH, "RUNG", OPTION_HIDDEN, "Force tracepoint, fentry or kprobe", 3 } },
	{ 0, { "list-fields", KEY_LIST_FIELDS, NULL, OPTION_HIDDEN, "List output fields", 3 } },
	{ 0, { "help", 'h', NULL, 0, "Give this help list", 4 } },
	{ 0, { "usage", KEY_USAGE, NULL, 0, "Give a short usage message", 4 } },
	{ 0, { "version", 'V', NULL, 0, "Print the version", 4 } },
};

int tk_opts_parse(const struct tk_tool *tool, int argc, char **argv)
{
	static struct argp_option opts[MAX_OPTS + 1];
	struct parse_state ps = { .tool = tool };
	static char doc[4096];
	struct argp argp = { 0 };
	int n = 0, err;

	for (size_t i = 0; i < sizeof(std_options) / sizeof(std_options[0]); i++) {
		if (std_options[i].flag && !(tool->std & std_options[i].flag))
			continue;
		opts[n++] = std_options[i].opt;
	}
	for (int i = 0; tool->options && tool->options[i].name && n < MAX_OPTS; i++) {
		const struct tk_option *o = &tool->options[i];

		opts[n++] = (struct argp_option){
			.name = o->name, .key = o->key ? o->key : KEY_TOOL + i,
			.arg = o->arg, .doc = o->doc, .group = 2,
		};
	}
	memset(&opts[n], 0, sizeof(opts[n]));

	snprintf(doc, sizeof(doc), "%s\v%s", tool->summary, tool->doc ? tool->doc : "");
	argp.options = opts;
	argp.parser = parse_opt;
	argp.doc = doc;
	argp.args_doc = tool->args_doc;
	argp_err_exit_status = TK_EXIT_USAGE;

	memset(&tk_std, 0, sizeof(tk_std));
	err = argp_parse(&argp, argc, argv, ARGP_NO_HELP, NULL, &ps);
	if (ps.served)
		return -1;
	if (err)
		return tk_usage_error("%s", strerror(err));
	if (tool->check) {
		const char *msg = tool->check();

		if (msg)
			return tk_usage_error("%s", msg);
	}
	return 0;
}
