// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * capcheck: changes a file's owner COUNT times, to UID, UID+1, ... (one
 * CAP_CHOWN check each: the caller is not the owner), printing its pid first, then stays HOLD_MS alive so a
 * tracer can still read its maps to symbolize user stacks.
 *   capcheck FILE UID COUNT HOLD_MS
 * Exit status: 0 when every chown worked, 1 when one failed, 2 on a usage
 * error.  Built with frame pointers (tests.mk) for user stack tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* One chown: one CAP_CHOWN check (the caller is not the owner). */
__attribute__((noinline)) int tk_cap_trigger(const char *path, unsigned int uid)
{
	return chown(path, uid, (gid_t)-1);
}

int main(int argc, char **argv)
{
	struct timespec hold;
	unsigned long uid, n, ms;
	int failed = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: capcheck FILE UID COUNT HOLD_MS\n");
		return 2;
	}
	uid = strtoul(argv[2], NULL, 10);
	n = strtoul(argv[3], NULL, 10);
	ms = strtoul(argv[4], NULL, 10);
	printf("%d\n", (int)getpid());
	fflush(stdout);
	for (unsigned long i = 0; i < n; i++)	/* a new owner each time */
		failed |= tk_cap_trigger(argv[1], (unsigned int)(uid + i)) != 0;
	hold.tv_sec = (time_t)(ms / 1000);
	hold.tv_nsec = (long)(ms % 1000) * 1000000L;
	nanosleep(&hold, NULL);
	return failed;
}
