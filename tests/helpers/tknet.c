// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Network trigger for the end-to-end tests.  Each mode prints one line of
 * numbers on stdout (flushed) and exits; every mode gives up after 20 s.
 *
 *   tknet connect ADDR PORT [SRC]    -> "PID LPORT ERR" (ERR 0 or errno);
 *                                       SRC: the local address to bind first
 *   tknet server ADDR PORT N FILE [BACKLOG DELAY_MS]
 *                                    listens (PORT 0 = any; backlog 16),
 *                                       writes the port to FILE, waits
 *                                       DELAY_MS, accepts N connections,
 *                                       each -> "PID LPORT RPORT FD".  With
 *                                       BACKLOG 0 a second connection waits
 *                                       for a SYN retransmit (about 1 s).
 *   tknet bind ADDR PORT PROTO [OPTS] -> "PID PORT ERR"; PROTO tcp or udp,
 *                                       OPTS letters: r SO_REUSEADDR,
 *                                       p SO_REUSEPORT, f IP_FREEBIND,
 *                                       n IP_BIND_ADDRESS_NO_PORT,
 *                                       t IP_TRANSPARENT
 *   tknet listen ADDR PORT BACKLOG [udp] -> "PID PORT ERR" (a UDP
 *                                       socket cannot listen: EOPNOTSUPP)
 *
 * ADDR with a ':' is IPv6.  A copy of the binary under another name gives
 * the tests a unique comm.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef IP_BIND_ADDRESS_NO_PORT
#define IP_BIND_ADDRESS_NO_PORT 24
#endif

static socklen_t mkaddr(const char *addr, const char *port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (strchr(addr, ':')) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((unsigned short)atoi(port));
		if (inet_pton(AF_INET6, addr, &a6->sin6_addr) != 1)
			exit(2);
		return sizeof(*a6);
	}
	a4->sin_family = AF_INET;
	a4->sin_port = htons((unsigned short)atoi(port));
	if (inet_pton(AF_INET, addr, &a4->sin_addr) != 1)
		exit(2);
	return sizeof(*a4);
}

static int port_of(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len))
		return -1;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

static int peer_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getpeername(fd, (struct sockaddr *)&ss, &len))
		return -1;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

static void setopt(int fd, int level, int name)
{
	int one = 1;

	if (setsockopt(fd, level, name, &one, sizeof(one)))
		perror("setsockopt");
}

int main(int argc, char **argv)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, udp, err = 0;

	alarm(20);
	if (argc < 4)
		return 2;
	len = mkaddr(argv[2], argv[3], &ss);
	udp = (!strcmp(argv[1], "bind") && argc >= 5 && !strcmp(argv[4], "udp")) ||
	      (!strcmp(argv[1], "listen") && argc >= 6 && !strcmp(argv[5], "udp"));
	fd = socket(ss.ss_family, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
	if (fd < 0)
		return 1;
	if (!strcmp(argv[1], "connect")) {
		if (argc > 4) {
			struct sockaddr_storage src;
			socklen_t slen = mkaddr(argv[4], "0", &src);

			if (bind(fd, (struct sockaddr *)&src, slen))
				return 1;
		}
		if (connect(fd, (struct sockaddr *)&ss, len))
			err = errno;
		printf("%d %d %d\n", getpid(), port_of(fd), err);
	} else if (!strcmp(argv[1], "server") && (argc == 6 || argc == 8)) {
		int n = atoi(argv[4]);
		FILE *f;

		setopt(fd, SOL_SOCKET, SO_REUSEADDR);
		if (bind(fd, (struct sockaddr *)&ss, len) || listen(fd, argc == 8 ? atoi(argv[6]) : 16))
			return 1;
		f = fopen(argv[5], "w");
		if (!f)
			return 1;
		fprintf(f, "%d\n", port_of(fd));
		fclose(f);
		if (argc == 8)
			usleep((useconds_t)atoi(argv[7]) * 1000);
		while (n-- > 0) {
			int c = accept(fd, NULL, NULL);

			if (c < 0)
				return 1;
			printf("%d %d %d %d\n", getpid(), port_of(c), peer_port(c), c);
			fflush(stdout);
			close(c);
		}
	} else if (!strcmp(argv[1], "bind") && argc >= 5) {
		int v6 = ss.ss_family == AF_INET6;

		for (const char *o = argc > 5 ? argv[5] : ""; *o; o++) {
			if (*o == 'r')
				setopt(fd, SOL_SOCKET, SO_REUSEADDR);
			else if (*o == 'p')
				setopt(fd, SOL_SOCKET, SO_REUSEPORT);
			else if (*o == 'f')
				setopt(fd, v6 ? IPPROTO_IPV6 : IPPROTO_IP, v6 ? IPV6_FREEBIND : IP_FREEBIND);
			else if (*o == 'n')
				setopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT);
			else if (*o == 't')
				setopt(fd, v6 ? IPPROTO_IPV6 : IPPROTO_IP, v6 ? IPV6_TRANSPARENT : IP_TRANSPARENT);
		}
		if (bind(fd, (struct sockaddr *)&ss, len))
			err = errno;
		printf("%d %d %d\n", getpid(), port_of(fd), err);
	} else if (!strcmp(argv[1], "listen") && argc >= 5) {
		setopt(fd, SOL_SOCKET, SO_REUSEADDR);
		if (bind(fd, (struct sockaddr *)&ss, len) || listen(fd, atoi(argv[4])))
			err = errno;
		printf("%d %d %d\n", getpid(), port_of(fd), err);
	} else {
		return 2;
	}
	close(fd);
	return 0;
}
