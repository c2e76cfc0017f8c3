/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* syscount: the map "counts" BPF fills and user space prints as a table. */
#ifndef SYSCOUNT_H
#define SYSCOUNT_H

#define SYSCOUNT_COMM_LEN 16

/* Set in a key's id for a call of a 32-bit (compat) task: its number is
 * from the 32-bit table, not the one the names come from. */
#define SYSCOUNT_COMPAT (1U << 31)

/* Key of "counts": a system call number (| SYSCOUNT_COMPAT), or with -P a
 * process (tgid). */
struct syscount_key {
	__u32 id;
};
_Static_assert(sizeof(struct syscount_key) == 4, "syscount ABI");

struct syscount_value {
	__u64 count;		/* calls that returned */
	__u64 total_ns;		/* -L: time from entry to return, summed */
	char comm[SYSCOUNT_COMM_LEN];	/* -P: the process's latest command name */
};
_Static_assert(sizeof(struct syscount_value) == 32, "syscount ABI");

#endif
