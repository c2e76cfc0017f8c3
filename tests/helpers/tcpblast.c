// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * tcpblast: a loopback TCP transfer, for the softirq tests.  Listens on
 * 127.0.0.1 (any port), forks a client that connects and sends MB
 * megabytes, reads them all, and prints the byte count received.
 *   tcpblast MB
 * Exit status: 0, 1 on a failed call or a short transfer, 2 on a usage error.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	static char buf[65536];
	unsigned long long want, got = 0;
	int ls, fd, status;
	char *end;
	pid_t pid;
	ssize_t n;

	if (argc != 2 || !(want = strtoull(argv[1], &end, 10)) || *end) {
		fprintf(stderr, "usage: tcpblast MB\n");
		return 2;
	}
	want <<= 20;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ls = socket(AF_INET, SOCK_STREAM, 0);
	if (ls < 0 || bind(ls, (struct sockaddr *)&sa, sizeof(sa)) || listen(ls, 1) ||
	    getsockname(ls, (struct sockaddr *)&sa, &len)) {
		perror("tcpblast: listen");
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		perror("tcpblast: fork");
		return 1;
	}
	if (pid == 0) {
		unsigned long long sent = 0;

		close(ls);
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)))
			_exit(1);
		while (sent < want) {
			n = write(fd, buf, want - sent < sizeof(buf) ? want - sent : sizeof(buf));
			if (n <= 0)
				_exit(1);
			sent += (unsigned long long)n;
		}
		_exit(0);
	}
	fd = accept(ls, NULL, NULL);
	if (fd < 0) {
		perror("tcpblast: accept");
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		got += (unsigned long long)n;
	waitpid(pid, &status, 0);
	printf("%llu\n", got);
	return got == want && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
