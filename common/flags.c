// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <stdio.h>
#include <string.h>
#include "flags.h"

/* Appends s (and a '|' first unless at the start); returns the new length. */
static size_t append(char *buf, size_t len, size_t o, const char *s)
{
	int n;

	if (o >= len)
		return o;
	n = snprintf(buf + o, len - o, "%s%s", o ? "|" : "", s);
	if (n < 0)
		return o;
	return (size_t)n < len - o ? o + (size_t)n : len - 1;
}

size_t tk_flags_text(char *buf, size_t len, unsigned long long v, const struct tk_flag_name *names)
{
	unsigned long long left = v;
	char hex[24];
	size_t o = 0;

	if (!len)
		return 0;
	buf[0] = '\0';
	for (const struct tk_flag_name *f = names; f->name; f++) {
		unsigned long long mask = f->mask ? f->mask : f->bits;

		if (!mask) {	/* a name for "no bits" */
			if (!v)
				o = append(buf, len, o, f->name);
			continue;
		}
		if ((v & mask) == f->bits && (left & mask) == f->bits) {
			o = append(buf, len, o, f->name);
			left &= ~mask;
		}
	}
	if (left || !o) {
		snprintf(hex, sizeof(hex), left ? "0x%llx" : "0", left);
		o = append(buf, len, o, hex);
	}
	return o;
}
