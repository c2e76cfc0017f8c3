// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * threadmk: creates COUNT threads one after another with pthread_create(),
 * each starting in tk_thread_start_fn, then stays HOLD_MS alive (so a tracer
 * can still symbolize the start function).  Prints "PID TID..." first line:
 * its pid and each new thread's id.
 *   threadmk COUNT HOLD_MS
 * Exit status: 0, 1 when a thread could not be made, 2 on a usage error.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

__attribute__((noinline)) void *tk_thread_start_fn(void *arg)
{
	*(long *)arg = syscall(SYS_gettid);
	return NULL;
}

int main(int argc, char **argv)
{
	struct timespec hold;
	unsigned long n, ms;

	if (argc != 3) {
		fprintf(stderr, "usage: threadmk COUNT HOLD_MS\n");
		return 2;
	}
	n = strtoul(argv[1], NULL, 10);
	ms = strtoul(argv[2], NULL, 10);
	printf("%d", (int)getpid());
	for (unsigned long i = 0; i < n; i++) {
		pthread_t t;
		long tid = 0;

		if (pthread_create(&t, NULL, tk_thread_start_fn, &tid) || pthread_join(t, NULL))
			return 1;
		printf(" %ld", tid);
	}
	printf("\n");
	fflush(stdout);
	hold.tv_sec = (time_t)(ms / 1000);
	hold.tv_nsec = (long)(ms % 1000) * 1000000L;
	nanosleep(&hold, NULL);
	return 0;
}
