/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* llcstat: last-level cache references and misses per thread and CPU. */
#ifndef LLCSTAT_H
#define LLCSTAT_H

#include "tk_abi.h"

struct llcstat_key {
	__u32 pid;
	__u32 tid;		/* 0 unless per thread (--threads) */
	__u32 cpu;
	char comm[TK_COMM_LEN];
};
_Static_assert(sizeof(struct llcstat_key) == 28, "llcstat ABI");

struct llcstat_value {
	__u64 ref;		/* references, in sample periods */
	__u64 miss;
};
_Static_assert(sizeof(struct llcstat_value) == 16, "llcstat ABI");

#endif
