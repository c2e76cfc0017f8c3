// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The system load averages, from /proc/loadavg. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "tk.h"

int tk_loadavg(struct tk_loadavg *la)
{
	char line[128];
	FILE *f = fopen("/proc/loadavg", "re");
	int n, err = 0;

	memset(la, 0, sizeof(*la));
	if (!f)
		return -errno;
	if (!fgets(line, sizeof(line), f))
		err = ferror(f) ? -EIO : -ENODATA;
	fclose(f);
	if (err)
		return err;
	/* "0.10 0.20 0.30 1/123 4567": three averages, runnable/total, last pid */
	n = sscanf(line, "%lf %lf %lf %u/%u %u", &la->avg[0], &la->avg[1], &la->avg[2],
		   &la->runnable, &la->tasks, &la->last_pid);
	if (n < 3)
		return -EINVAL;
	line[strcspn(line, "\n")] = '\0';
	line[sizeof(la->text) - 1] = '\0';
	memcpy(la->text, line, sizeof(la->text));
	return 0;
}
