/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* filelife: the record BPF sends to user space. */
#ifndef FILELIFE_H
#define FILELIFE_H

#define FILELIFE_PATH_LEN 256	/* a power of two (common/path.bpf.h) */

/* How the file went away. */
enum filelife_call {
	FILELIFE_UNLINK, FILELIFE_UNLINKAT, FILELIFE_RENAME, FILELIFE_RENAMEAT,
	FILELIFE_RENAMEAT2, FILELIFE_NCALLS,
};

struct filelife_event {
	__u64 ts;		/* bpf_ktime_get_ns() at the deletion's return */
	__u64 age_ns;		/* since the creating open returned */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__u32 call;		/* enum filelife_call */
	char comm[16];
	char file[FILELIFE_PATH_LEN];	/* the path as built at creation */
};
_Static_assert(sizeof(struct filelife_event) == 32 + 16 + FILELIFE_PATH_LEN, "filelife ABI");

#endif
