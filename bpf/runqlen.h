/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* runqlen: the histogram map is keyed by CPU (0 for all unless per CPU). */
#ifndef RUNQLEN_H
#define RUNQLEN_H

struct runqlen_key {
	__u32 cpu;
};
_Static_assert(sizeof(struct runqlen_key) == 4, "runqlen ABI");

#endif
