// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Unit tests of common/perf.c: CPU lists and the --cpu option parser. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "perf.h"
#include "tap.h"

/* parse LIST with n CPUs; the set CPUs as "0,2,3" in got */
static int parse(const char *list, int n, char *got, size_t len)
{
	bool online[64];
	int r = tk_cpus_parse(list, online, n);
	size_t used = 0;

	got[0] = '\0';
	for (int i = 0; i < n && used < len; i++)
		if (online[i])
			used += (size_t)snprintf(got + used, len - used, "%s%d", used ? "," : "", i);
	return r;
}

/* list without its newline, for test names */
static const char *shown(const char *list)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "%.*s", (int)strcspn(list, "\n"), list);
	return buf;
}

static void parses(const char *list, int n, int want_n, const char *want)
{
	char got[256];

	is_int(parse(list, n, got, sizeof(got)), want_n, "'%s' (%d CPUs): %d CPUs", shown(list), n, want_n);
	is_str(got, want, "'%s': %s", shown(list), want);
}

static void rejects(const char *list)
{
	char got[256];

	is_int(parse(list, 64, got, sizeof(got)), -22, "'%s' is rejected", shown(list));
}

int main(void)
{
	bool online[4096];
	int cpu = -1, n, ncpus = libbpf_num_possible_cpus();
	const char *msg;

	parses("0\n", 64, 1, "0");
	parses("0-3\n", 64, 4, "0,1,2,3");
	parses("0-1,3,5-6", 64, 5, "0,1,3,5,6");
	parses("2,1-2\n", 64, 2, "1,2");
	parses("0-7\n", 4, 4, "0,1,2,3");
	parses("\n", 64, 0, "");
	rejects("x\n");
	rejects("0-\n");
	rejects("3-1\n");
	rejects("0,\n");
	rejects("-1\n");
	rejects("0 1\n");
	rejects("1,,2\n");

	n = tk_cpus_online(online, (int)(sizeof(online) / sizeof(online[0])));
	ok(n >= 1 && online[0], "this machine: %d CPUs online, CPU 0 among them", n);

	msg = tk_opt_cpu("0", &cpu);
	ok(!msg && cpu == 0, "--cpu 0 is accepted");
	cpu = -1;
	msg = tk_opt_cpu("4096", &cpu);
	is_str(msg, "no such CPU on this machine", "--cpu 4096 names the problem");
	ok(cpu == -1, "a rejected --cpu leaves the value alone");
	is_str(tk_opt_cpu("-1", &cpu), "expected a CPU number (0, 1, ...)", "--cpu -1");
	is_str(tk_opt_cpu("1x", &cpu), "expected a CPU number (0, 1, ...)", "--cpu 1x");
	is_str(tk_opt_cpu("", &cpu), "expected a CPU number (0, 1, ...)", "--cpu ''");
	if (ncpus > 1) {
		char arg[16];

		snprintf(arg, sizeof(arg), "%d", ncpus - 1);
		msg = tk_opt_cpu(arg, &cpu);
		ok(!msg || !strcmp(msg, "that CPU is offline"), "--cpu %s: accepted, or offline", arg);
	}
	return done_testing();
}
