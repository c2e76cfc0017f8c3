/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* syncsnoop: the record BPF sends to user space. */
#ifndef SYNCSNOOP_H
#define SYNCSNOOP_H

#define SYNCSNOOP_PATH_LEN 256	/* a power of two (common/path.bpf.h) */

enum syncsnoop_call {
	SYNCSNOOP_SYNC, SYNCSNOOP_SYNCFS, SYNCSNOOP_FSYNC, SYNCSNOOP_FDATASYNC,
	SYNCSNOOP_MSYNC, SYNCSNOOP_SYNC_FILE_RANGE, SYNCSNOOP_NCALLS,
};

struct syncsnoop_event {
	__u64 ts;		/* bpf_ktime_get_ns() at entry */
	__u64 addr;		/* msync: start address */
	__u64 len;		/* msync, sync_file_range: length in bytes */
	__u64 offset;		/* sync_file_range: offset */
	__s64 fd;		/* -1: the call takes no fd */
	__u32 flags;		/* msync, sync_file_range */
	__u32 pid;
	__u32 tid;
	__u32 call;		/* enum syncsnoop_call */
	char comm[16];
	char path[SYNCSNOOP_PATH_LEN];	/* of fd's file; "" when none */
};
_Static_assert(sizeof(struct syncsnoop_event) == 56 + 16 + SYNCSNOOP_PATH_LEN, "syncsnoop ABI");

#endif
