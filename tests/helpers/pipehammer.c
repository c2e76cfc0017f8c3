// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * pipehammer: THREADS threads write to one pipe for MSECS milliseconds, each
 * from a page of its own that is missing every time: the copy faults while
 * pipe_write holds the pipe's mutex, and a userfaultfd thread fills the page
 * only after a short sleep.  The holder sleeps, so the other writers wait
 * for the mutex whatever the number of CPUs or the preemption model: the
 * lock:contention_begin/end tracepoints fire in pipe_write.  Sets its
 * command name to COMM, prints its pid, and with a GATE path waits until a
 * writer opens it (a fifo) before it starts.  Needs root (userfaultfd).
 *   pipehammer COMM MSECS THREADS [GATE]
 * Exit status: 0, 1 when a call fails, 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096
#define MAXTH 64

static int fds[2], uffd;
static char *pages;
static struct timespec end;

static int past_end(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec);
}

/* Fills each missing page with zeros, 200 us after its fault. */
static void *filler(void *arg)
{
	struct uffd_msg m;
	struct uffdio_zeropage z = { .range.len = PAGE };

	(void)arg;
	while (read(uffd, &m, sizeof(m)) == sizeof(m)) {
		if (m.event != UFFD_EVENT_PAGEFAULT)
			continue;
		usleep(200);
		z.range.start = m.arg.pagefault.address & ~(uint64_t)(PAGE - 1);
		if (ioctl(uffd, UFFDIO_ZEROPAGE, &z) && errno != EEXIST)
			exit(1);
	}
	return NULL;
}

/* Writes its missing page into the pipe, reads a page back (non-blocking). */
static void *worker(void *arg)
{
	char *page = pages + (uintptr_t)arg * PAGE, buf[PAGE];

	while (!past_end()) {
		if (madvise(page, PAGE, MADV_DONTNEED) ||
		    (write(fds[1], page, PAGE) < 0 && errno != EAGAIN) ||
		    (read(fds[0], buf, PAGE) < 0 && errno != EAGAIN))
			exit(1);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };
	pthread_t tids[MAXTH], ft;
	long msecs, n;
	int gate;
	char c;

	if (argc < 4 || argc > 5 || (msecs = atol(argv[2])) <= 0 ||
	    (n = atol(argv[3])) < 2 || n > MAXTH) {
		fprintf(stderr, "usage: pipehammer COMM MSECS THREADS(2-64) [GATE]\n");
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
	pages = mmap(NULL, MAXTH * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uffd = (int)syscall(SYS_userfaultfd, O_CLOEXEC);
	reg.range.start = (uintptr_t)pages;
	reg.range.len = MAXTH * PAGE;
	if (pages == MAP_FAILED || uffd < 0 || ioctl(uffd, UFFDIO_API, &api) ||
	    ioctl(uffd, UFFDIO_REGISTER, &reg) || pthread_create(&ft, NULL, filler, NULL)) {
		perror("pipehammer: userfaultfd");
		return 1;
	}
	if (pipe2(fds, O_NONBLOCK))
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += msecs / 1000;
	end.tv_nsec += (msecs % 1000) * 1000000L;
	if (end.tv_nsec >= 1000000000L)
		end.tv_sec++, end.tv_nsec -= 1000000000L;
	for (long i = 1; i < n; i++)
		if (pthread_create(&tids[i], NULL, worker, (void *)i))
			return 1;
	worker((void *)0);
	for (long i = 1; i < n; i++)
		pthread_join(tids[i], NULL);
	return 0;
}
