// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * schedhog: known run-queue contention, for the scheduler tools' tests.
 * Sets its command name to COMM, pins itself to one CPU (the last one it may
 * run on, or CPU), prints its pid and flushes, then runs NTHREADS threads
 * (the main one among them) that spin on that CPU for MS milliseconds,
 * sleeping 200 us after every millisecond of spinning, so each thread both
 * waits in the run queue behind the others and is woken up.
 *   schedhog COMM NTHREADS MS [CPU]
 * Exit status: 0, 1 on a failed call, 2 on a usage error.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>

static unsigned long ms;

static unsigned long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000ULL + (unsigned long long)ts.tv_nsec / 1000;
}

static void *spin(void *arg)
{
	unsigned long long end = now_us() + ms * 1000ULL, mark = now_us();
	struct timespec nap = { 0, 200000 };
	volatile unsigned long sink = 0;

	(void)arg;
	while (now_us() < end) {
		sink++;
		if (now_us() - mark >= 1000) {
			nanosleep(&nap, NULL);
			mark = now_us();
		}
	}
	return NULL;
}

static int number(const char *s, unsigned long *n)
{
	char *end;

	*n = strtoul(s, &end, 10);
	return *s && !*end;
}

int main(int argc, char **argv)
{
	unsigned long nthreads, cpu = 0;
	pthread_t th[64];
	cpu_set_t set;

	if ((argc != 4 && argc != 5) || !number(argv[2], &nthreads) || !number(argv[3], &ms) ||
	    nthreads < 1 || nthreads > 64 || (argc == 5 && !number(argv[4], &cpu))) {
		fprintf(stderr, "usage: schedhog COMM NTHREADS MS [CPU]\n");
		return 2;
	}
	if (prctl(PR_SET_NAME, argv[1]) || sched_getaffinity(0, sizeof(set), &set)) {
		perror("schedhog: setup");
		return 1;
	}
	if (argc == 4)
		for (int i = 0; i < CPU_SETSIZE; i++)
			if (CPU_ISSET(i, &set))
				cpu = (unsigned long)i;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		perror("schedhog: sched_setaffinity");
		return 1;
	}
	printf("%d\n", (int)getpid());
	fflush(stdout);
	for (unsigned long i = 1; i < nthreads; i++)
		if (pthread_create(&th[i], NULL, spin, NULL)) {
			perror("schedhog: pthread_create");
			return 1;
		}
	spin(NULL);
	for (unsigned long i = 1; i < nthreads; i++)
		pthread_join(th[i], NULL);
	return 0;
}
