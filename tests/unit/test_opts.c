// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Unit tests of common/opts.c: tk_parse_uint and tk_opts_parse on a dummy
 * tool.  argp exits on a usage error, so every parse runs in a child; the
 * child copies what it parsed into shared memory and exits with the parse
 * result, its stdout and stderr go to files the parent reads.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/magic.h>
#include "log.h"
#include "opts.h"
#include "tap.h"

#define SERVED 100	/* child exit code when --help/--version was served */

static bool kflag;
static unsigned long long maxval;
static const char *label;
static const char *mode;
static int npos_calls;

static const char *parse_mode(const char *arg, void *dest)
{
	if (strcmp(arg, "fast") && strcmp(arg, "slow"))
		return "expected fast or slow";
	*(const char **)dest = arg;
	return NULL;
}

/* TK_OPT_SERVE: prints, then the tool exits 0 (or 2 with a message). */
static const char *list_things(const char *arg, void *dest)
{
	(void)arg;
	(void)dest;
	if (kflag)
		return "cannot list with --kflag";
	printf("thing1\nthing2\n");
	return NULL;
}

static const char *check(void)
{
	if (label && !strcmp(label, "conflict") && kflag)
		return "--kflag cannot be used with --label conflict";
	return NULL;
}

static const struct tk_option options[] = {
	{ "kflag", 'k', NULL, "A flag", TK_OPT_FLAG, &kflag },
	{ "max", 'm', "N", "A number from 1 to 100", TK_OPT_UINT, &maxval, 1, 100 },
	{ "label", 0, "TEXT", "A string", TK_OPT_STR, &label },
	{ "mode", 0, "MODE", "fast or slow", TK_OPT_CALL, &mode, .parse = parse_mode },
	{ "list", 'l', NULL, "List things and exit", TK_OPT_SERVE, NULL, .parse = list_things },
	{ 0 },
};

struct rec { __u32 pid; char comm[16]; };
static const struct tk_field fields[] = {
	TK_FIELD(struct rec, pid, TK_FT_U32, "pid", "PID", 6),
	TK_FIELD(struct rec, comm, TK_FT_STR, "comm", "COMM", 0, .flags = TK_F_TEXT_ONLY),
	{ 0 },
};

static const struct tk_tool dummy = {
	.name = "dummy",
	.summary = "A tool for testing option parsing.",
	.doc = "Examples:\n  dummy -p 1\n",
	.args_doc = "[interval [count]]",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_FAILED |
	       TK_STD_EXTENDED | TK_STD_INTERVAL,
	.options = options,
	.fields = fields,
	.check = check,
};

/* A tool with no positional arguments and no filters. */
static const struct tk_tool plain = {
	.name = "plain",
	.summary = "No positional arguments.",
	.std = TK_STD_TIMESTAMP,
};

/* A table tool: --list-fields lists the table's columns. */
static const struct tk_field table_fields[] = {
	TK_FIELD(struct rec, pid, TK_FT_U32, "pid", "PID", 6),
	TK_FIELD(struct rec, comm, TK_FT_STR, "comm", "COMM", 0, .flags = TK_F_JSON_ONLY),
	{ 0 },
};
static const struct tk_table_spec table = { .map = "counts", .fields = table_fields };
static const struct tk_tool tabled = {
	.name = "tabled",
	.summary = "A table tool.",
	.table = &table,
};

static const char *positional(const char *arg, int index)
{
	npos_calls++;
	if (index > 0)
		return "only one PATTERN";
	label = arg;
	return NULL;
}

static const struct tk_tool withpos = {
	.name = "withpos",
	.summary = "Own positional arguments.",
	.args_doc = "PATTERN",
	.positional = positional,
};

/* What the child parsed, for the parent. */
static struct result {
	struct tk_std std;
	char cgroup[256], btf[256];
	bool kflag;
	unsigned long long maxval;
	char label[64], mode[16];
	int npos_calls;
} *res;

static int status;			/* child's exit code, or -signal */
static char out[8192], err[8192];	/* its stdout and stderr */

static void slurp(FILE *f, char *buf, size_t cap)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, cap - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* Parses tool, argv... (NULL-terminated) in a child; sets status, out, err. */
static void parse(const struct tk_tool *tool, ...)
{
	char *argv[32];
	int argc = 0, ws;
	FILE *fo = tmpfile(), *fe = tmpfile();
	va_list ap;
	pid_t pid;

	argv[argc++] = (char *)tool->name;
	va_start(ap, tool);
	while (argc < 31 && (argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	memset(res, 0, sizeof(*res));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int rc;

		dup2(fileno(fo), 1);
		dup2(fileno(fe), 2);
		tk_log_init(tool->name, 0);
		rc = tk_opts_parse(tool, argc, argv);
		res->std = tk_std;
		if (tk_std.cgroup)
			snprintf(res->cgroup, sizeof(res->cgroup), "%s", tk_std.cgroup);
		if (tk_std.btf)
			snprintf(res->btf, sizeof(res->btf), "%s", tk_std.btf);
		res->kflag = kflag;
		res->maxval = maxval;
		snprintf(res->label, sizeof(res->label), "%s", label ? label : "");
		snprintf(res->mode, sizeof(res->mode), "%s", mode ? mode : "");
		res->npos_calls = npos_calls;
		fflush(NULL);
		_exit(rc < 0 ? SERVED : rc);
	}
	waitpid(pid, &ws, 0);
	status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -WTERMSIG(ws);
	slurp(fo, out, sizeof(out));
	slurp(fe, err, sizeof(err));
}

/* Checks a usage error: exit 2, nothing on stdout, "<tool>: " first on
 * stderr and the words that name the problem in that line. */
static void usage_error(const char *tool, const char *what, const char *word)
{
	char prefix[64];
	const char *nl = strchr(err, '\n');

	snprintf(prefix, sizeof(prefix), "%s: ", tool);
	is_int(status, 2, "%s: exit 2", what);
	ok(out[0] == '\0', "%s: nothing on stdout", what);
	ok(!strncmp(err, prefix, strlen(prefix)) && nl &&
	   memmem(err, (size_t)(nl - err), word, strlen(word)),
	   "%s: stderr starts with '%s' and names '%s'", what, prefix, word);
	if (!ok(!strstr(err, "BUG") && !strstr(err, "(null)"), "%s: a sane message", what) ||
	    !nl || !memmem(err, (size_t)(nl - err), word, strlen(word)))
		diag("stderr: %s", err);
}

static void accepted(const char *what)
{
	if (!is_int(status, 0, "%s: accepted", what))
		diag("stderr: %s", err);
}

static void test_parse_uint(void)
{
	static const struct {
		const char *s;
		unsigned long long min, max;
		int rc;
		unsigned long long want;
	} cases[] = {
		{ "0", 0, 0, 0, 0 },
		{ "123", 0, 0, 0, 123 },
		{ "007", 0, 0, 0, 7 },
		{ "18446744073709551615", 0, 0, 0, 18446744073709551615ULL },
		{ "18446744073709551616", 0, 0, -ERANGE, 0 },
		{ "99999999999999999999999", 0, 0, -ERANGE, 0 },
		{ "", 0, 0, -EINVAL, 0 },
		{ "-1", 0, 0, -EINVAL, 0 },
		{ "+1", 0, 0, -EINVAL, 0 },
		{ " 1", 0, 0, -EINVAL, 0 },
		{ "1 ", 0, 0, -EINVAL, 0 },
		{ "1a", 0, 0, -EINVAL, 0 },
		{ "0x10", 0, 0, -EINVAL, 0 },
		{ "1.5", 0, 0, -EINVAL, 0 },
		{ "abc", 0, 0, -EINVAL, 0 },
		{ "4", 5, 0, -ERANGE, 0 },
		{ "5", 5, 0, 0, 5 },
		{ "10", 1, 10, 0, 10 },
		{ "11", 1, 10, -ERANGE, 0 },
		{ "0", 1, 10, -ERANGE, 0 },
	};
	unsigned long long v;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = 4242;
		is_int(tk_parse_uint(cases[i].s, cases[i].min, cases[i].max, &v), cases[i].rc,
		       "tk_parse_uint('%s', %llu, %llu) returns %d", cases[i].s, cases[i].min,
		       cases[i].max, cases[i].rc);
		if (cases[i].rc == 0)
			ok(v == cases[i].want, "tk_parse_uint('%s') = %llu (got %llu)", cases[i].s,
			   cases[i].want, v);
		else
			ok(v == 4242, "tk_parse_uint('%s'): output untouched on error", cases[i].s);
	}
	is_int(tk_parse_uint(NULL, 0, 0, &v), -EINVAL, "tk_parse_uint(NULL) is -EINVAL");
}

static void test_pid_tid(void)
{
	static const char *const bad[] = { "0", "-1", "abc", "99999999", "99999999999", "", "1x", " 7" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char what[64];

		snprintf(what, sizeof(what), "-p '%s'", bad[i]);
		parse(&dummy, "-p", bad[i], NULL);
		usage_error("dummy", what, "pid");
		snprintf(what, sizeof(what), "-t '%s'", bad[i]);
		parse(&dummy, "-t", bad[i], NULL);
		usage_error("dummy", what, "tid");
	}
	parse(&dummy, "-p", "1234", NULL);
	accepted("-p 1234");
	is_int(res->std.filter.pid, 1234, "-p 1234 sets filter.pid");
	parse(&dummy, "--pid=4194304", NULL);
	accepted("--pid=4194304 (PID_MAX_LIMIT)");
	is_int(res->std.filter.pid, 4194304, "--pid=4194304 sets filter.pid");
	parse(&dummy, "-t", "77", "-p1", NULL);
	accepted("-t 77 -p1");
	ok(res->std.filter.tid == 77 && res->std.filter.pid == 1, "-t 77 -p1 sets tid and pid");
	parse(&plain, "-p", "1", NULL);
	usage_error("plain", "-p on a tool without filters", "'p'");
}

static void test_name_uid_cgroup(void)
{
	struct statfs sfs;

	parse(&dummy, "-n", "0123456789abcdef", NULL);
	usage_error("dummy", "-n with 16 bytes", "name");
	parse(&dummy, "-n", "", NULL);
	usage_error("dummy", "-n ''", "name");
	parse(&dummy, "-n", "0123456789abcde", NULL);
	accepted("-n with 15 bytes");
	ok(res->std.filter.comm_set && !memcmp(res->std.filter.comm, "0123456789abcde", 16),
	   "-n with 15 bytes: comm set, NUL-terminated");
	parse(&dummy, "-n", "longername", "-n", "xy", NULL);
	accepted("-n twice");
	ok(!memcmp(res->std.filter.comm, "xy\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16),
	   "-n twice: the last one wins, no bytes left of the first (got '%.16s')",
	   res->std.filter.comm);

	parse(&dummy, "-u", "root", NULL);
	accepted("-u root");
	ok(res->std.filter.uid_set && res->std.filter.uid == 0, "-u root: uid 0, uid_set");
	parse(&dummy, "-u", "0", NULL);
	accepted("-u 0");
	ok(res->std.filter.uid_set && res->std.filter.uid == 0, "-u 0: uid 0 with uid_set");
	parse(&dummy, "-u", "1000", NULL);
	accepted("-u 1000");
	ok(res->std.filter.uid_set && res->std.filter.uid == 1000, "-u 1000");
	parse(&dummy, NULL);
	accepted("no options");
	ok(!res->std.filter.uid_set && !res->std.filter.comm_set && !res->std.filter.pid,
	   "no options: no filter set");
	parse(&dummy, "-u", "no-such-user-tk", NULL);
	usage_error("dummy", "-u no-such-user-tk", "uid");
	parse(&dummy, "-u", "-1", NULL);
	usage_error("dummy", "-u -1", "uid");
	parse(&dummy, "-u", "4294967295", NULL);
	usage_error("dummy", "-u 4294967295 ((uid_t)-1)", "uid");

	parse(&dummy, "-c", "/nonexistent/tk-cgroup", NULL);
	usage_error("dummy", "-c nonexistent", "cgroup");
	ok(strstr(err, "no such directory") != NULL, "-c nonexistent: says no such directory");
	parse(&dummy, "-c", "/etc/passwd", NULL);
	usage_error("dummy", "-c a file", "cgroup");
	ok(strstr(err, "not a directory") != NULL, "-c a file: says not a directory");
	if (statfs("/tmp", &sfs) == 0 && sfs.f_type != CGROUP2_SUPER_MAGIC) {
		parse(&dummy, "-c", "/tmp", NULL);
		usage_error("dummy", "-c /tmp", "cgroup v2");
	}
	if (statfs("/sys/fs/cgroup", &sfs) == 0 && sfs.f_type == CGROUP2_SUPER_MAGIC) {
		parse(&dummy, "-c", "/sys/fs/cgroup", NULL);
		accepted("-c /sys/fs/cgroup");
		ok(res->std.filter.cgroup_set && !strcmp(res->cgroup, "/sys/fs/cgroup"),
		   "-c sets cgroup and cgroup_set");
	}
}

static void test_positional(void)
{
	parse(&dummy, "2", "3", NULL);
	accepted("interval 2 count 3");
	ok(res->std.interval == 2 && res->std.count == 3, "interval and count parsed");
	parse(&dummy, "5", NULL);
	accepted("interval only");
	ok(res->std.interval == 5 && res->std.count == 0, "interval only: count 0 (unlimited)");
	parse(&dummy, "0", NULL);
	usage_error("dummy", "interval 0", "interval");
	parse(&dummy, "1", "0", NULL);
	usage_error("dummy", "count 0", "count");
	parse(&dummy, "x", NULL);
	usage_error("dummy", "interval x", "interval");
	parse(&dummy, "1", "2", "3", NULL);
	usage_error("dummy", "three positionals", "3");
	parse(&plain, "1", NULL);
	usage_error("plain", "a positional for a tool without", "1");
	parse(&withpos, "pat", NULL);
	accepted("tool positional");
	ok(!strcmp(res->label, "pat") && res->npos_calls == 1, "tool positional: hook called once");
	parse(&withpos, "a", "b", NULL);
	usage_error("withpos", "two tool positionals", "only one PATTERN");
}

static void test_std_flags(void)
{
	parse(&dummy, "-d", "0", NULL);
	usage_error("dummy", "-d 0", "duration");
	parse(&dummy, "-d", "-5", NULL);
	usage_error("dummy", "-d -5", "duration");
	parse(&dummy, "-d", "5", "-T", "-x", "-e", "-j", "-vv", NULL);
	accepted("-d 5 -T -x -e -j -vv");
	ok(res->std.duration == 5 && res->std.timestamp && res->std.failed && res->std.extended &&
	   res->std.json && res->std.verbose == 2, "-d 5 -T -x -e -j -vv all set");
	parse(&dummy, "--btf", "/nonexistent/tk.btf", NULL);
	usage_error("dummy", "--btf nonexistent", "btf");
	parse(&dummy, "--btf=/etc/passwd", NULL);
	accepted("--btf of an existing file");
	is_str(res->btf, "/etc/passwd", "--btf saved");
	parse(&dummy, "--attach", "uprobe", NULL);
	usage_error("dummy", "--attach uprobe", "attach");
	parse(&dummy, "--attach", "kprobe", NULL);
	accepted("--attach kprobe");
	parse(&dummy, "--bogus", NULL);
	usage_error("dummy", "unknown long option", "bogus");
	parse(&dummy, "-Z", NULL);
	usage_error("dummy", "unknown short option", "'Z'");
	parse(&plain, "-x", NULL);
	usage_error("plain", "-x on a tool without it", "'x'");
}

static void test_tool_options(void)
{
	parse(&dummy, "-k", "-m", "50", "--label", "hello", "--mode=slow", NULL);
	accepted("tool options of each type");
	ok(res->kflag, "TK_OPT_FLAG set");
	is_int(res->maxval, 50, "TK_OPT_UINT parsed");
	is_str(res->label, "hello", "TK_OPT_STR saved");
	is_str(res->mode, "slow", "TK_OPT_CALL stored through dest");
	parse(&dummy, "-m", "0", NULL);
	usage_error("dummy", "-m 0 below min", "--max");
	parse(&dummy, "-m", "101", NULL);
	usage_error("dummy", "-m 101 above max", "--max");
	parse(&dummy, "--max", "ten", NULL);
	usage_error("dummy", "--max ten", "--max");
	parse(&dummy, "--mode", "medium", NULL);
	usage_error("dummy", "--mode medium", "expected fast or slow");
	parse(&dummy, "--label", NULL);
	usage_error("dummy", "--label without its argument", "label");
	parse(&dummy, "-k", "--label", "conflict", NULL);
	usage_error("dummy", "check hook", "--kflag cannot be used");
}

static void test_served(void)
{
	parse(&dummy, "--help", NULL);
	is_int(status, SERVED, "--help: served (tk_opts_parse returns -1)");
	ok(strstr(out, "A tool for testing option parsing.") && strstr(out, "--pid=PID") &&
	   strstr(out, "--max=N") && strstr(out, "--mode=MODE") && strstr(out, "dummy -p 1"),
	   "--help on stdout: summary, standard and tool options, examples");
	ok(!strstr(out, "--attach") && !strstr(out, "--list-fields"), "--help hides hidden options");
	is_str(err, "", "--help: nothing on stderr");
	parse(&dummy, "-h", NULL);
	ok(status == SERVED && strstr(out, "--max=N"), "-h is --help");
	parse(&plain, "--help", NULL);
	ok(!strstr(out, "--pid") && !strstr(out, "--failed") && strstr(out, "--timestamp"),
	   "--help lists only the standard options the tool takes");
	parse(&dummy, "--version", NULL);
	is_int(status, SERVED, "--version: served");
	ok(!strncmp(out, "dummy (tracekit) ", 17) && strchr(out, '\n'), "--version: '%.*s'",
	   (int)strcspn(out, "\n"), out);
	is_str(err, "", "--version: nothing on stderr");
	parse(&dummy, "--list-fields", NULL);
	is_int(status, SERVED, "--list-fields: served");
	is_str(out, "pid\tPID\n-\tCOMM\n", "--list-fields: key TAB header, '-' for text-only");
	parse(&tabled, "--list-fields", NULL);
	is_str(out, "type\t-\ntime\t-\npid\tPID\ncomm\t-\n",
	       "--list-fields of a table tool: type, time, then its columns");
	parse(&dummy, "-l", NULL);
	is_int(status, SERVED, "TK_OPT_SERVE: served");
	is_str(out, "thing1\nthing2\n", "TK_OPT_SERVE: its output on stdout");
	parse(&dummy, "-k", "--list", NULL);
	usage_error("dummy", "TK_OPT_SERVE returning a message", "--list: cannot list with --kflag");
	parse(&dummy, "--usage", NULL);
	ok(status == SERVED && strstr(out, "Usage: dummy"), "--usage on stdout");
}

int main(void)
{
	res = mmap(NULL, sizeof(*res), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (res == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	test_parse_uint();
	test_pid_tid();
	test_name_uid_cgroup();
	test_positional();
	test_std_flags();
	test_tool_options();
	test_served();
	return done_testing();
}
