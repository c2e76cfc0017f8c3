// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * lockhog: THREADS threads (the main one among them) take one pthread mutex
 * in turn for MSECS milliseconds, holding it for a short busy spin and a
 * 50 us sleep each time, so the others wait on its futex word.  Prints
 * "PID ADDRESS" (the address of the mutex, %p) on stdout first; with a GATE
 * path, waits until a writer opens it (a fifo) before it starts.
 *   lockhog MSECS THREADS [GATE]
 * Two more modes print "PID ADDRESS" too, then wait for GATE the same way:
 *   lockhog hold MSECS [GATE]  the main thread holds the mutex MSECS
 *       milliseconds while exactly one other thread waits for it: one wait.
 *   lockhog words N [GATE]     N futex waits, each on its own word of an
 *       array (ADDRESS is the first), each timing out after 10 us.
 * Exit status: 0, 1 when a thread cannot start, 2 on a usage error.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/syscall.h>

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
	/* sleeping with the lock held makes the others wait even on a busy
	 * machine, where the threads may otherwise run one at a time */
	struct timespec nap = { 0, 50000 };

	(void)arg;
	while (!past_end()) {
		pthread_mutex_lock(&lock);
		for (int i = 0; i < 20000; i++)		/* some microseconds */
			sink += (unsigned long)i;
		nanosleep(&nap, NULL);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

/* Waits until a writer opens the fifo gate (when there is one). */
static void gate(const char *path)
{
	int fd;

	if (!path)
		return;
	fd = open(path, O_RDONLY);	/* blocks until a writer comes */
	if (fd >= 0)
		close(fd);
}

static void *waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* hold MSECS: one wait of about MSECS on the mutex. */
static int hold(unsigned long ms, const char *gpath)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };
	pthread_t th;

	printf("%d %p\n", (int)getpid(), (void *)&lock);
	fflush(stdout);
	gate(gpath);
	pthread_mutex_lock(&lock);
	if (pthread_create(&th, NULL, waiter, NULL)) {
		fprintf(stderr, "lockhog: cannot start a thread\n");
		return 1;
	}
	nanosleep(&ts, NULL);
	pthread_mutex_unlock(&lock);
	pthread_join(th, NULL);
	return 0;
}

/* words N: N timed-out futex waits on N different words. */
static int words(unsigned long n, const char *gpath)
{
	struct timespec ts = { 0, 10000 };
	unsigned int *w = calloc(n, sizeof(*w));

	if (!w)
		return 1;
	printf("%d %p\n", (int)getpid(), (void *)w);
	fflush(stdout);
	gate(gpath);
	for (unsigned long i = 0; i < n; i++)
		syscall(SYS_futex, &w[i], FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0);
	free(w);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long ms, n;
	pthread_t th[64];
	char *e1, *e2;

	if (argc >= 3 && argc <= 4 && (!strcmp(argv[1], "hold") || !strcmp(argv[1], "words"))) {
		n = strtoul(argv[2], &e2, 10);
		if (!n || *e2 || n > 100000) {
			fprintf(stderr, "usage: lockhog hold|words N [GATE]\n");
			return 2;
		}
		return argv[1][0] == 'h' ? hold(n, argv[3]) : words(n, argv[3]);
	}
	if (argc < 3 || argc > 4 || !(ms = strtoul(argv[1], &e1, 10)) || *e1 ||
	    !(n = strtoul(argv[2], &e2, 10)) || *e2 || n > 64 || ms > 60000) {
		fprintf(stderr, "usage: lockhog MSECS THREADS(1-64) [GATE]\n");
		return 2;
	}
	printf("%d %p\n", (int)getpid(), (void *)&lock);
	fflush(stdout);
	gate(argc == 4 ? argv[3] : NULL);
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
