/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Histograms split by task (common/sched.bpf.h fills the key, common/taskhist.h
 * labels it): per process, per thread or per PID namespace, as BCC's -P, -L
 * and --pidnss split them.
 */
#ifndef TK_TASK_ABI_H
#define TK_TASK_ABI_H

#include "tk_abi.h"

/* How a histogram map keyed by struct tk_task_key is split. */
enum tk_task_split {
	TK_SPLIT_NONE = 0,	/* one histogram: the key is all zero */
	TK_SPLIT_PID = 1,	/* per process: tgid, and the group leader's comm */
	TK_SPLIT_TID = 2,	/* per thread: tid and the thread's comm */
	TK_SPLIT_PIDNS = 3,	/* per PID namespace: its inode number (comm left empty) */
};

struct tk_task_key {
	__u32 id;		/* tgid, tid or pidns inode number; 0 for TK_SPLIT_NONE */
	char comm[TK_COMM_LEN];	/* empty for TK_SPLIT_NONE */
};
_Static_assert(sizeof(struct tk_task_key) == 20, "tk_task_key ABI");

#endif
