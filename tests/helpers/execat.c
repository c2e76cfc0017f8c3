// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* execat: execs that execsnoop must see with the right pid and argv.
 *   execat at PROG ARG      execveat(fd of PROG, "", AT_EMPTY_PATH)
 *   execat thread PROG ARG  execv from a second thread (not the leader)
 * Prints its pid first. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

static char **args;

static void *run(void *unused)
{
	(void)unused;
	execv(args[0], args);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t;
	int fd;

	if (argc != 4)
		return 2;
	args = argv + 2;
	printf("%d\n", getpid());
	fflush(stdout);
	if (!strcmp(argv[1], "thread")) {
		pthread_create(&t, NULL, run, NULL);
		pthread_join(t, NULL);
		return 1;
	}
	fd = open(argv[2], O_RDONLY | O_CLOEXEC);
	syscall(SYS_execveat, fd, "", args, (char *[]){ NULL }, AT_EMPTY_PATH);
	return 1;
}
