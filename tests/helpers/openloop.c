// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * openloop: opens PATH COUNT times as fast as it can (closing each fd), to
 * overrun a tool's ring buffer in tests.  PATH need not exist.
 *   openloop COUNT PATH
 * Exit status: 0, or 2 on a usage error.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long n;
	char *end;

	if (argc != 3 || !(n = strtoul(argv[1], &end, 10)) || *end) {
		fprintf(stderr, "usage: openloop COUNT PATH\n");
		return 2;
	}
	while (n--) {
		int fd = open(argv[2], O_RDONLY);

		if (fd >= 0)
			close(fd);
	}
	return 0;
}
