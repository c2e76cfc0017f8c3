// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Signal names and numbers (signame.h). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "opts.h"
#include "signame.h"

/* The classic signals of the architecture we were built for. */
static const struct {
	int sig;
	const char *name;	/* without "SIG" */
} classic[] = {
	{ SIGHUP, "HUP" }, { SIGINT, "INT" }, { SIGQUIT, "QUIT" }, { SIGILL, "ILL" },
	{ SIGTRAP, "TRAP" }, { SIGABRT, "ABRT" }, { SIGBUS, "BUS" }, { SIGFPE, "FPE" },
	{ SIGKILL, "KILL" }, { SIGUSR1, "USR1" }, { SIGSEGV, "SEGV" }, { SIGUSR2, "USR2" },
	{ SIGPIPE, "PIPE" }, { SIGALRM, "ALRM" }, { SIGTERM, "TERM" },
#ifdef SIGSTKFLT
	{ SIGSTKFLT, "STKFLT" },
#endif
	{ SIGCHLD, "CHLD" }, { SIGCONT, "CONT" }, { SIGSTOP, "STOP" }, { SIGTSTP, "TSTP" },
	{ SIGTTIN, "TTIN" }, { SIGTTOU, "TTOU" }, { SIGURG, "URG" }, { SIGXCPU, "XCPU" },
	{ SIGXFSZ, "XFSZ" }, { SIGVTALRM, "VTALRM" }, { SIGPROF, "PROF" }, { SIGWINCH, "WINCH" },
	{ SIGIO, "IO" },
#ifdef SIGPWR
	{ SIGPWR, "PWR" },
#endif
	{ SIGSYS, "SYS" },
};

/* Other spellings tk_signal_parse() accepts. */
static const struct {
	int sig;
	const char *name;
} aliases[] = {
	{ SIGABRT, "IOT" }, { SIGIO, "POLL" }, { SIGCHLD, "CLD" },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

const char *tk_signal_name(int sig, char *buf, size_t len)
{
	int rtmin = SIGRTMIN, rtmax = SIGRTMAX;

	if (sig <= 0 || sig > rtmax)
		return NULL;
	for (size_t i = 0; i < N(classic); i++) {
		if (classic[i].sig == sig) {
			snprintf(buf, len, "SIG%s", classic[i].name);
			return buf;
		}
	}
	if (sig == rtmin)
		snprintf(buf, len, "SIGRTMIN");
	else if (sig == rtmax)
		snprintf(buf, len, "SIGRTMAX");
	else if (sig > rtmin)
		snprintf(buf, len, "SIGRTMIN+%d", sig - rtmin);
	else
		snprintf(buf, len, "SIG%d", sig);	/* kept by the C library */
	return buf;
}

int tk_signal_parse(const char *s)
{
	unsigned long long v;
	char buf[TK_SIGNAME_LEN];
	const char *name;

	if (!s)
		return -EINVAL;
	if (tk_parse_uint(s, 0, (unsigned long long)SIGRTMAX, &v) == 0)
		return (int)v;
	/* the bare name: "KILL" for "SIGKILL", "sigkill" for either */
	name = strncasecmp(s, "SIG", 3) ? s : s + 3;
	if (!*name)
		return -EINVAL;
	for (size_t i = 0; i < N(aliases); i++)
		if (!strcasecmp(name, aliases[i].name))
			return aliases[i].sig;
	if (!strncasecmp(name, "RTMAX-", 6) &&
	    tk_parse_uint(name + 6, 1, (unsigned long long)(SIGRTMAX - SIGRTMIN), &v) == 0)
		return SIGRTMAX - (int)v;
	for (int sig = 1; sig <= SIGRTMAX; sig++) {
		if (tk_signal_name(sig, buf, sizeof(buf)) && !strcasecmp(name, buf + 3))
			return sig;
	}
	return -EINVAL;
}

const char *tk_opt_signal(const char *arg, void *dest)
{
	static char msg[96];
	int sig = tk_signal_parse(arg);

	if (sig < 0) {
		snprintf(msg, sizeof(msg), "expected a signal name (KILL, SIGTERM, RTMIN+1, ...) "
			 "or a number from 0 to %d", SIGRTMAX);
		return msg;
	}
	*(int *)dest = sig;
	return NULL;
}
