// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * openloop: the workload for `make bench`.  Opens and closes one file as fast
 * as the CPU allows, for a count or a time, and prints one line of key=value
 * pairs: opens made and nanoseconds per open (open + close).
 *
 * With -w FILE:TEXT it first waits (polling every millisecond) until FILE
 * contains TEXT, a tracer's "ready" line, and prints the wait measured from
 * -s START_NS (CLOCK_REALTIME, as `date +%s%N` prints it) as startup_ns.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WAIT_TIMEOUT_S 60
#define CHECK_EVERY 1024	/* opens between clock reads in timed mode */

static unsigned long long clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

static int usage(void)
{
	fprintf(stderr, "usage: openloop [-n COUNT | -d SEC] [-w FILE:TEXT [-s START_NS]] PATH\n"
			"       openloop -w FILE:TEXT [-s START_NS]   (wait only)\n");
	return 2;
}

static int parse_num(const char *arg, unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = strtoull(arg, &end, 10);
	if (errno || end == arg || *end) {
		fprintf(stderr, "openloop: bad number: %s\n", arg);
		return -1;
	}
	return 0;
}

/* True once the file at path contains text (read whole; it is small then). */
static int file_has(const char *path, const char *text)
{
	static char buf[1 << 16];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strstr(buf, text) != NULL;
}

static int wait_ready(char *spec, unsigned long long start_ns)
{
	char *colon = strchr(spec, ':');
	struct timespec ms = { 0, 1000000 };
	unsigned long long deadline = clock_ns(CLOCK_MONOTONIC) + WAIT_TIMEOUT_S * 1000000000ULL;

	if (!colon)
		return -1;
	*colon = '\0';
	while (!file_has(spec, colon + 1)) {
		if (clock_ns(CLOCK_MONOTONIC) > deadline) {
			fprintf(stderr, "openloop: %s: no \"%s\" after %d s\n", spec, colon + 1,
				WAIT_TIMEOUT_S);
			return -1;
		}
		nanosleep(&ms, NULL);
	}
	if (start_ns)
		printf("startup_ns=%llu ", clock_ns(CLOCK_REALTIME) - start_ns);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long count = 0, secs = 0, start_ns = 0, opens = 0, t0, t1, stop;
	char *wait = NULL;
	const char *path;
	int opt, fd;

	while ((opt = getopt(argc, argv, "n:d:w:s:")) != -1) {
		switch (opt) {
		case 'n':
			if (parse_num(optarg, &count))
				return 2;
			break;
		case 'd':
			if (parse_num(optarg, &secs))
				return 2;
			break;
		case 'w':
			wait = optarg;
			break;
		case 's':
			if (parse_num(optarg, &start_ns))
				return 2;
			break;
		default:
			return usage();
		}
	}
	if (wait && wait_ready(wait, start_ns))
		return 1;
	if (optind == argc && wait) {
		printf("\n");
		return 0;
	}
	if (optind != argc - 1 || (!count && !secs) || (count && secs))
		return usage();
	path = argv[optind];

	t0 = clock_ns(CLOCK_MONOTONIC);
	stop = t0 + secs * 1000000000ULL;
	for (;;) {
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			fprintf(stderr, "openloop: %s: %s\n", path, strerror(errno));
			return 1;
		}
		close(fd);
		opens++;
		if (count) {
			if (opens == count)
				break;
		} else if (opens % CHECK_EVERY == 0 && clock_ns(CLOCK_MONOTONIC) >= stop) {
			break;
		}
	}
	t1 = clock_ns(CLOCK_MONOTONIC);
	printf("opens=%llu ns_per_open=%.1f\n", opens, (double)(t1 - t0) / (double)opens);
	return 0;
}
