// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Unit tests of common/signame.c: signal names both ways. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "signame.h"
#include "tap.h"

static void name_is(int sig, const char *want)
{
	char buf[TK_SIGNAME_LEN];

	memset(buf, 'Z', sizeof(buf));
	is_str(tk_signal_name(sig, buf, sizeof(buf)), want, "name of %d is %s", sig, want);
}

static void parse_is(const char *s, int want)
{
	is_int(tk_signal_parse(s), want, "parse '%s' -> %d", s, want);
}

int main(void)
{
	char buf[TK_SIGNAME_LEN], want[TK_SIGNAME_LEN];
	const char *msg;
	int dest = -7;

	name_is(SIGHUP, "SIGHUP");
	name_is(SIGKILL, "SIGKILL");
	name_is(SIGSEGV, "SIGSEGV");
	name_is(SIGABRT, "SIGABRT");
	name_is(SIGCHLD, "SIGCHLD");
	name_is(SIGIO, "SIGIO");
	name_is(SIGSYS, "SIGSYS");
	name_is(SIGRTMIN, "SIGRTMIN");
	name_is(SIGRTMIN + 1, "SIGRTMIN+1");
	name_is(SIGRTMAX - 1, (snprintf(want, sizeof(want), "SIGRTMIN+%d", SIGRTMAX - 1 - SIGRTMIN), want));
	name_is(SIGRTMAX, "SIGRTMAX");
	if (SIGRTMIN > 32)
		name_is(32, "SIG32");	/* the C library's own */
	ok(tk_signal_name(0, buf, sizeof(buf)) == NULL, "0 is not a signal");
	ok(tk_signal_name(-1, buf, sizeof(buf)) == NULL, "-1 is not a signal");
	ok(tk_signal_name(SIGRTMAX + 1, buf, sizeof(buf)) == NULL, "SIGRTMAX+1 is not a signal");
	/* every signal has a name, every name parses back, and the names fit */
	for (int sig = 1, bad = 0; sig <= SIGRTMAX; sig++) {
		const char *n = tk_signal_name(sig, buf, sizeof(buf));

		if (!n || strlen(n) >= TK_SIGNAME_LEN - 1 || tk_signal_parse(n) != sig ||
		    tk_signal_parse(n + 3) != sig) {
			bad = sig;
		}
		if (sig == SIGRTMAX)
			ok(!bad, "every signal 1..%d has a name that parses back (first bad: %d)", SIGRTMAX, bad);
	}

	parse_is("KILL", SIGKILL);
	parse_is("SIGKILL", SIGKILL);
	parse_is("sigkill", SIGKILL);
	parse_is("Kill", SIGKILL);
	parse_is("9", 9);
	parse_is("0", 0);
	parse_is("term", SIGTERM);
	parse_is("IOT", SIGABRT);
	parse_is("SIGPOLL", SIGIO);
	parse_is("cld", SIGCHLD);
	parse_is("RTMIN", SIGRTMIN);
	parse_is("rtmin+3", SIGRTMIN + 3);
	parse_is("SIGRTMAX", SIGRTMAX);
	parse_is("RTMAX-1", SIGRTMAX - 1);
	snprintf(want, sizeof(want), "%d", SIGRTMAX);
	parse_is(want, SIGRTMAX);
	snprintf(want, sizeof(want), "%d", SIGRTMAX + 1);
	parse_is(want, -EINVAL);
	parse_is("", -EINVAL);
	parse_is("SIG", -EINVAL);
	parse_is("-9", -EINVAL);
	parse_is("+9", -EINVAL);
	parse_is(" 9", -EINVAL);
	parse_is("9x", -EINVAL);
	parse_is("KILLX", -EINVAL);
	parse_is("SIGSIGKILL", -EINVAL);
	parse_is("RTMIN+99", -EINVAL);
	parse_is("RTMAX-0", -EINVAL);
	ok(tk_signal_parse(NULL) == -EINVAL, "parse NULL -> -EINVAL");

	msg = tk_opt_signal("usr1", &dest);
	ok(msg == NULL && dest == SIGUSR1, "tk_opt_signal stores SIGUSR1");
	dest = -7;
	msg = tk_opt_signal("bogus", &dest);
	ok(msg && strstr(msg, "signal name") && dest == -7,
	   "tk_opt_signal: a message for a bad name, dest untouched (%s)", msg ? msg : "NULL");
	return done_testing();
}
