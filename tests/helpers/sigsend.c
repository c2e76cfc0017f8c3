// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * sigsend: sends signal SIG with one kill-family system call and prints what
 * the call returned (0, or -errno), for signal tracing tests.
 *   sigsend CALL SIG PID [TID]
 *   sigsend rtmin          (prints the C library's SIGRTMIN)
 * CALL: kill, tkill (to TID = PID), tgkill, rt_sigqueueinfo,
 * rt_tgsigqueueinfo (TID defaults to PID).  SIG and the ids are decimal
 * numbers; PID may be negative for kill.
 * Exit status: 0 when the call was made, 2 on a usage error.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

static int number(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return !*s || *end || errno;
}

int main(int argc, char **argv)
{
	siginfo_t info;
	long sig, pid, tid, ret;

	if (argc == 2 && !strcmp(argv[1], "rtmin")) {
		printf("%d\n", SIGRTMIN);
		return 0;
	}
	if (argc < 4 || argc > 5 || number(argv[2], &sig) || number(argv[3], &pid) ||
	    (argc == 5 && number(argv[4], &tid))) {
		fprintf(stderr, "usage: sigsend CALL SIG PID [TID]\n");
		return 2;
	}
	if (argc == 4)
		tid = pid;
	memset(&info, 0, sizeof(info));
	info.si_signo = (int)sig;
	info.si_code = SI_QUEUE;	/* what sigqueue(3) sends */
	info.si_pid = getpid();
	info.si_uid = getuid();
	if (!strcmp(argv[1], "kill"))
		ret = syscall(SYS_kill, pid, sig);
	else if (!strcmp(argv[1], "tkill"))
		ret = syscall(SYS_tkill, tid, sig);
	else if (!strcmp(argv[1], "tgkill"))
		ret = syscall(SYS_tgkill, pid, tid, sig);
	else if (!strcmp(argv[1], "rt_sigqueueinfo"))
		ret = syscall(SYS_rt_sigqueueinfo, pid, sig, &info);
	else if (!strcmp(argv[1], "rt_tgsigqueueinfo"))
		ret = syscall(SYS_rt_tgsigqueueinfo, pid, tid, sig, &info);
	else {
		fprintf(stderr, "sigsend: unknown call '%s'\n", argv[1]);
		return 2;
	}
	printf("%ld\n", ret < 0 ? -(long)errno : ret);
	return 0;
}
