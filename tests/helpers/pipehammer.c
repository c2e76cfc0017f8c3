// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * pipehammer: THREADS threads write and read small blocks on one pipe for
 * MSECS milliseconds, so they contend for the pipe's kernel mutex (the
 * lock:contention_begin/end tracepoints fire in pipe_write and pipe_read).
 * Sets its command name to COMM first, prints its pid, and with a GATE
 * path waits until a writer opens it (a fifo) before it starts.
 *   pipehammer COMM MSECS THREADS [GATE]
 * Exit status: 0, 1 when a call fails, 2 on a usage error.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#define BLOCK 256	/* threads * BLOCK stays far below the pipe's size: no blocking */

static int fds[2];
static struct timespec end;

static int past_end(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec);
}

static void *worker(void *arg)
{
	char buf[BLOCK] = { 0 };

	(void)arg;
	while (!past_end())
		for (int i = 0; i < 64; i++)
			if (write(fds[1], buf, sizeof(buf)) != sizeof(buf) ||
			    read(fds[0], buf, sizeof(buf)) != sizeof(buf))
				exit(1);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t tids[64];
	long msecs, n;
	int gate;
	char c;

	if (argc < 4 || argc > 5 || (msecs = atol(argv[2])) <= 0 ||
	    (n = atol(argv[3])) < 1 || n > 64) {
		fprintf(stderr, "usage: pipehammer COMM MSECS THREADS [GATE]\n");
		return 2;
	}
	prctl(PR_SET_NAME, argv[1]);
	printf("%d\n", (int)getpid());
	fflush(stdout);
	if (argc == 5) {
		gate = open(argv[4], O_RDONLY);
		if (gate < 0)
			return 1;
		while (read(gate, &c, 1) > 0)
			;
		close(gate);
	}
	if (pipe(fds))
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += msecs / 1000;
	end.tv_nsec += (msecs % 1000) * 1000000L;
	if (end.tv_nsec >= 1000000000L)
		end.tv_sec++, end.tv_nsec -= 1000000000L;
	for (long i = 1; i < n; i++)
		if (pthread_create(&tids[i], NULL, worker, NULL))
			return 1;
	worker(NULL);
	for (long i = 1; i < n; i++)
		pthread_join(tids[i], NULL);
	return 0;
}
