/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* oomkill: the record BPF sends to user space. */
#ifndef OOMKILL_H
#define OOMKILL_H

#define OOMKILL_F_COMM	(1u << 0)	/* the kernel gave the victim's comm */
#define OOMKILL_F_MEM	(1u << 1)	/* ... and its memory sizes and score */
#define OOMKILL_F_TOTAL	(1u << 2)	/* oom_kill_process gave total_pages */

struct oomkill_event {
	__u64 ts;		/* bpf_ktime_get_ns() at the kill */
	__u64 total_vm;		/* victim's memory, kB, with OOMKILL_F_MEM */
	__u64 anon_rss;
	__u64 file_rss;
	__u64 shmem_rss;
	__u64 pgtables;
	__u64 total_pages;	/* pages the OOM killer worked in (system or
				   cgroup), with OOMKILL_F_TOTAL */
	__u32 tpid;		/* the task that ran the OOM killer (trigger): tgid */
	__u32 ttid;		/* ... its thread id */
	__u32 pid;		/* the victim: its task's pid (thread id) */
	__u32 uid;		/* victim's uid, with OOMKILL_F_MEM */
	__s32 oom_score_adj;	/* victim's, with OOMKILL_F_MEM */
	__u32 flags;		/* OOMKILL_F_* */
	char tcomm[16];
	char comm[16];
};
_Static_assert(sizeof(struct oomkill_event) == 112, "oomkill ABI");

#endif
