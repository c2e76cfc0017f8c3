// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <stdio.h>
#include <string.h>
#include "tk.h"

const char *tk_disk_name(__u32 dev, char *buf, size_t len)
{
	static struct { __u32 dev; char name[32]; } cache[64];
	static int ncache;
	unsigned int major = dev >> 20, minor = dev & ((1U << 20) - 1);
	char path[64], line[256];
	FILE *f;

	for (int i = 0; i < ncache; i++)
		if (cache[i].dev == dev) {
			snprintf(buf, len, "%s", cache[i].name);
			return buf;
		}
	snprintf(buf, len, "%u:%u", major, minor);
	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u/uevent", major, minor);
	f = fopen(path, "r");
	if (f) {
		while (fgets(line, sizeof(line), f)) {
			if (!strncmp(line, "DEVNAME=", 8)) {
				line[strcspn(line, "\n")] = '\0';
				snprintf(buf, len, "%s", line + 8);
				break;
			}
		}
		fclose(f);
	}
	if (ncache < 64) {
		cache[ncache].dev = dev;
		snprintf(cache[ncache].name, sizeof(cache[0].name), "%s", buf);
		ncache++;
	}
	return buf;
}
