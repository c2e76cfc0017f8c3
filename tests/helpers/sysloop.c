// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * sysloop: makes a known number of system calls, for syscount's tests.
 * Sets its command name to COMM, then calls getppid() NPPID times and
 * chdir() on a path that does not exist (failing with ENOENT) NCHDIR times,
 * then nanosleep() for 20 ms NSLEEP times; with UID, it first becomes that
 * user (setuid(), as root); last it makes NCOMPAT 32-bit getpid() calls
 * (number 20 of the i386 table, through int 0x80; x86-64 only, exit 1
 * elsewhere or when the kernel has no 32-bit emulation).
 *   sysloop COMM NPPID NCHDIR [NSLEEP [UID [NCOMPAT]]]
 * Exit status: 0, 1 when a call did not behave, 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <time.h>
#include <sys/syscall.h>

static int count(const char *s, unsigned long *n)
{
	char *end;

	*n = strtoul(s, &end, 10);
	return *s && !*end;
}

int main(int argc, char **argv)
{
	struct timespec ts = { 0, 20000000 };
	unsigned long nppid, nchdir, nsleep = 0, uid = 0, ncompat = 0;

	if (argc < 4 || argc > 7 || !count(argv[2], &nppid) || !count(argv[3], &nchdir) ||
	    (argc > 4 && !count(argv[4], &nsleep)) || (argc > 5 && !count(argv[5], &uid)) ||
	    (argc > 6 && !count(argv[6], &ncompat))) {
		fprintf(stderr, "usage: sysloop COMM NPPID NCHDIR [NSLEEP [UID [NCOMPAT]]]\n");
		return 2;
	}
	if (argc > 5 && setuid((uid_t)uid)) {
		perror("sysloop: setuid");
		return 1;
	}
	if (prctl(PR_SET_NAME, argv[1], 0, 0, 0)) {
		perror("sysloop: prctl");
		return 1;
	}
	while (nppid--)
		syscall(SYS_getppid);	/* not glibc's wrapper: one call each */
	while (nchdir--) {
		if (chdir("/nonexistent-tk-sysloop/x") == 0 || errno != ENOENT) {
			fprintf(stderr, "sysloop: chdir did not fail with ENOENT\n");
			return 1;
		}
	}
	while (nsleep--)
		if (syscall(SYS_nanosleep, &ts, NULL)) {
			perror("sysloop: nanosleep");
			return 1;
		}
	while (ncompat--) {
		long r = -38;	/* -ENOSYS */

#if defined(__x86_64__)
		__asm__ volatile("int $0x80" : "=a"(r) : "a"(20L) : "memory");
#endif
		if (r != (long)getpid()) {
			fprintf(stderr, "sysloop: no 32-bit getpid (%ld)\n", r);
			return 1;
		}
	}
	return 0;
}
