// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * TCP data transfer for the end-to-end tests of the connection tools
 * (lifespans, states, throughput).  Gives up after 30 s.
 *
 *   tkflow server ADDR N FILE TX HOLD_MS
 *       listens on ADDR (any port, written to FILE), accepts N connections
 *       one after the other; for each: reads until EOF, writes TX bytes,
 *       waits HOLD_MS, closes; prints "PID LPORT RPORT RX" per connection.
 *   tkflow client ADDR PORT TX CHUNKS PAUSE_MS
 *       connects, writes TX bytes in CHUNKS writes PAUSE_MS apart, shuts
 *       down its sending side, reads until EOF, closes; prints
 *       "PID LPORT RX" (RX the bytes it received).
 *
 * ADDR with a ':' is IPv6.  A copy under another name gives a unique comm.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static socklen_t mkaddr(const char *addr, int port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (strchr(addr, ':')) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((unsigned short)port);
		if (inet_pton(AF_INET6, addr, &a6->sin6_addr) != 1)
			exit(2);
		return sizeof(*a6);
	}
	a4->sin_family = AF_INET;
	a4->sin_port = htons((unsigned short)port);
	if (inet_pton(AF_INET, addr, &a4->sin_addr) != 1)
		exit(2);
	return sizeof(*a4);
}

static int port_of(int fd, int peer)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if ((peer ? getpeername : getsockname)(fd, (struct sockaddr *)&ss, &len))
		return -1;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static int send_bytes(int fd, long n, long chunks, long gap)
{
	static char buf[65536];
	long per = chunks > 0 ? (n + chunks - 1) / chunks : n;

	memset(buf, 'x', sizeof(buf));
	for (long c = 0; n > 0; c++) {
		long left = n < per ? n : per;

		if (c && gap)
			pause_ms(gap);
		n -= left;
		while (left > 0) {
			ssize_t w = write(fd, buf, left < (long)sizeof(buf) ? (size_t)left : sizeof(buf));

			if (w <= 0)
				return -1;
			left -= w;
		}
	}
	return 0;
}

static long drain(int fd)
{
	char buf[65536];
	long total = 0;
	ssize_t r;

	while ((r = read(fd, buf, sizeof(buf))) > 0)
		total += r;
	return total;
}

int main(int argc, char **argv)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, one = 1;

	alarm(30);
	if (argc != 7)
		return 2;
	len = mkaddr(argv[2], strcmp(argv[1], "client") ? 0 : atoi(argv[3]), &ss);
	fd = socket(ss.ss_family, SOCK_STREAM, 0);
	if (fd < 0)
		return 1;
	if (!strcmp(argv[1], "server")) {
		int n = atoi(argv[3]);
		FILE *f;

		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, (struct sockaddr *)&ss, len) || listen(fd, 16))
			return 1;
		f = fopen(argv[4], "w");
		if (!f)
			return 1;
		fprintf(f, "%d\n", port_of(fd, 0));
		fclose(f);
		while (n-- > 0) {
			int c = accept(fd, NULL, NULL);
			long rx;

			if (c < 0)
				return 1;
			rx = drain(c);
			if (send_bytes(c, atol(argv[5]), 1, 0))
				return 1;
			pause_ms(atol(argv[6]));
			printf("%d %d %d %ld\n", getpid(), port_of(c, 0), port_of(c, 1), rx);
			fflush(stdout);
			close(c);
		}
	} else if (!strcmp(argv[1], "client")) {
		long rx;

		if (connect(fd, (struct sockaddr *)&ss, len))
			return 1;
		if (send_bytes(fd, atol(argv[4]), atol(argv[5]), atol(argv[6])))
			return 1;
		shutdown(fd, SHUT_WR);
		rx = drain(fd);
		printf("%d %d %ld\n", getpid(), port_of(fd, 0), rx);
	} else {
		return 2;
	}
	close(fd);
	return 0;
}
