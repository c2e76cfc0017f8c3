/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* klockstat: the table BPF fills and user space prints. */
#ifndef KLOCKSTAT_H
#define KLOCKSTAT_H

#define KLOCKSTAT_COMM_LEN 16

/* Key of map "waits": a caller (kernel stack id of the waiter, negative when
 * the stack was lost) and, with --per-lock, the lock's address (else 0). */
struct klockstat_key {
	__u64 lock;
	__s32 stack_id;
	__u32 pad;
};
_Static_assert(sizeof(struct klockstat_key) == 16, "klockstat ABI");

struct klockstat_value {
	__u64 count;		/* waits that ended */
	__u64 total_ns;		/* their time, summed */
	__u64 max_ns;		/* the longest */
	__u64 max_lock;		/* the lock of the longest wait */
	__u64 flags;		/* LCB_F_* of every wait, or'ed */
	__u32 max_tid;		/* the thread and process (tgid) of the longest */
	__u32 max_pid;
	char max_comm[KLOCKSTAT_COMM_LEN];
};
_Static_assert(sizeof(struct klockstat_value) == 64, "klockstat ABI");

#endif
