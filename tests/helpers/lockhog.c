// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * lockhog: THREADS threads (the main one among them) take one pthread mutex
 * in turn for MSECS milliseconds, holding it for a short busy spin each
 * time, so the others wait on its futex word.  Prints "PID ADDRESS" (the address of the mutex,
 * %p) on stdout first; with a GATE path, waits until a writer opens it (a
 * fifo) before it starts.
 *   lockhog MSECS THREADS [GATE]
 * Exit status: 0, 1 when a thread cannot start, 2 on a usage error.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct timespec end;
static volatile unsigned long sink;

static int past_end(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec);
}

static void *worker(void *arg)
{
	(void)arg;
	while (!past_end()) {
		pthread_mutex_lock(&lock);
		for (int i = 0; i < 20000; i++)		/* some microseconds */
			sink += (unsigned long)i;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	unsigned long ms, n;
	pthread_t th[64];
	char *e1, *e2;

	if (argc < 3 || argc > 4 || !(ms = strtoul(argv[1], &e1, 10)) || *e1 ||
	    !(n = strtoul(argv[2], &e2, 10)) || *e2 || n > 64 || ms > 60000) {
		fprintf(stderr, "usage: lockhog MSECS THREADS(1-64) [GATE]\n");
		return 2;
	}
	printf("%d %p\n", (int)getpid(), (void *)&lock);
	fflush(stdout);
	if (argc == 4) {
		int fd = open(argv[3], O_RDONLY);	/* blocks until a writer comes */

		if (fd >= 0)
			close(fd);
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += (time_t)(ms / 1000);
	end.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (end.tv_nsec >= 1000000000L) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000L;
	}
	for (unsigned long i = 1; i < n; i++)
		if (pthread_create(&th[i], NULL, worker, NULL)) {
			fprintf(stderr, "lockhog: cannot start thread %lu\n", i);
			return 1;
		}
	worker(NULL);	/* so joining the others waits only briefly */
	for (unsigned long i = 1; i < n; i++)
		pthread_join(th[i], NULL);
	return 0;
}
