// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * memhog: allocates and touches MIB mebibytes of anonymous memory, one MiB
 * at a time with STEP_MS milliseconds between steps, prints "PID done", then
 * holds the memory for HOLD_S seconds and exits 0.  It prints "PID" first;
 * with a GATE path it then waits until a writer opens it (a fifo).  Meant
 * to be run inside a memory-limited cgroup and be OOM-killed there (or to
 * trigger a kill); an alarm ends it after 30 s whatever happens.
 *   memhog MIB(1-256) STEP_MS HOLD_S [GATE]
 * Exit status: 0, 1 when memory runs out without a kill, 2 on a usage error.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define MIB (1UL << 20)

static unsigned long arg(const char *s, unsigned long max)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	return *s && !*end && v <= max ? v : ~0UL;
}

int main(int argc, char **argv)
{
	unsigned long mib, step_ms, hold_s;
	struct timespec step;

	if (argc < 4 || argc > 5 || (mib = arg(argv[1], 256)) == ~0UL || !mib ||
	    (step_ms = arg(argv[2], 1000)) == ~0UL || (hold_s = arg(argv[3], 25)) == ~0UL) {
		fprintf(stderr, "usage: memhog MIB(1-256) STEP_MS(0-1000) HOLD_S(0-25) [GATE]\n");
		return 2;
	}
	alarm(30);
	printf("%d\n", (int)getpid());
	fflush(stdout);
	if (argc == 5) {
		int fd = open(argv[4], O_RDONLY);	/* blocks until a writer comes */

		if (fd >= 0)
			close(fd);
	}
	step.tv_sec = (time_t)(step_ms / 1000);
	step.tv_nsec = (long)(step_ms % 1000) * 1000000L;
	for (unsigned long i = 0; i < mib; i++) {
		char *p = mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			perror("memhog: mmap");
			return 1;
		}
		memset(p, 0x5a, MIB);	/* touch every page */
		if (step_ms)
			nanosleep(&step, NULL);
	}
	printf("%d done\n", (int)getpid());
	fflush(stdout);
	sleep((unsigned int)hold_s);
	return 0;
}
