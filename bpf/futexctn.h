/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* futexctn: the histogram key BPF and user space share. */
#ifndef FUTEXCTN_H
#define FUTEXCTN_H

/* Key of map "hists" (values: struct tk_hist_sum, the sum in nanoseconds):
 * one histogram per futex word and process. */
struct futexctn_key {
	__u64 lock;		/* user address of the futex word */
	__u32 pid;		/* process (tgid) of the waiters */
	__u32 pad;
	char comm[16];		/* the process's command (its main thread's comm) */
};
_Static_assert(sizeof(struct futexctn_key) == 32, "futexctn ABI");

#endif
