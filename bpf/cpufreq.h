/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* cpufreq: frequency histograms, system-wide and per command. */
#ifndef CPUFREQ_H
#define CPUFREQ_H

#include "tk_abi.h"

#define CPUFREQ_MAX_CPUS 4096
#define CPUFREQ_STEP_MHZ 200	/* width of a histogram slot */

struct cpufreq_key {
	__u32 per_comm;		/* 0: the system-wide histogram, 1: comm's */
	char comm[TK_COMM_LEN];
};
_Static_assert(sizeof(struct cpufreq_key) == 20, "cpufreq ABI");

#endif
