// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * perfprobe: does this machine have a hardware PMU?  Opens the CPU cycles
 * hardware perf event on CPU 0 for all processes (root), so tests can
 * decide what a tool needing hardware counters must do here.
 *   perfprobe
 * Exit status: 0 the event opens, 1 the event type does not exist here
 * (ENOENT, EOPNOTSUPP, ENODEV: no PMU), 2 another error (printed).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>

int main(void)
{
	struct perf_event_attr attr = {
		.size = sizeof(attr),
		.type = PERF_TYPE_HARDWARE,
		.config = PERF_COUNT_HW_CPU_CYCLES,
		.sample_period = 1000000,
	};
	long fd = syscall(SYS_perf_event_open, &attr, -1, 0, -1, 0);

	if (fd >= 0) {
		close((int)fd);
		return 0;
	}
	if (errno == ENOENT || errno == EOPNOTSUPP || errno == ENODEV)
		return 1;
	fprintf(stderr, "perfprobe: perf_event_open: %s\n", strerror(errno));
	return 2;
}
