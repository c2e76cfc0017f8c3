// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * threadexit: names itself COMM, starts a thread that names itself COMM-t
 * (cut to 15 bytes), prints "PID TID" (its own and the thread's ids) and
 * ends the thread with pthread_exit(), joins it, then exits with CODE.  For
 * exit tracing tests.
 *   threadexit COMM CODE
 * Exit status: CODE, or 2 on a usage error.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

static char thread_name[16];

static void *thread_main(void *arg)
{
	(void)arg;
	prctl(PR_SET_NAME, thread_name);
	printf("%d %ld\n", (int)getpid(), (long)syscall(SYS_gettid));
	fflush(stdout);
	pthread_exit(NULL);
}

int main(int argc, char **argv)
{
	pthread_t t;
	char *end;
	long code;

	if (argc != 3 || !*argv[1] || (code = strtol(argv[2], &end, 10)) < 0 || code > 255 || *end) {
		fprintf(stderr, "usage: threadexit COMM CODE\n");
		return 2;
	}
	prctl(PR_SET_NAME, argv[1]);
	snprintf(thread_name, sizeof(thread_name), "%s-t", argv[1]);
	if (pthread_create(&t, NULL, thread_main, NULL)) {
		perror("threadexit: pthread_create");
		return 2;
	}
	pthread_join(t, NULL);
	return (int)code;
}
