/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* execsnoop: the record BPF sends to user space. */
#ifndef EXECSNOOP_H
#define EXECSNOOP_H

#define EXECSNOOP_ARG_LEN 128		/* bytes read per argument, NUL included */
#define EXECSNOOP_MAX_ARGS 64		/* upper bound of --max-args */
#define EXECSNOOP_DEF_ARGS 20		/* default --max-args */
#define EXECSNOOP_ARGS_SIZE (EXECSNOOP_ARG_LEN * EXECSNOOP_MAX_ARGS)

/*
 * One exec.  The ring carries only the first offsetof(args) + args_size
 * bytes: args holds args_count NUL-terminated strings back to back.
 */
struct execsnoop_event {
	__u64 ts;		/* bpf_ktime_get_ns() at return */
	__s32 ret;		/* 0, or -errno */
	__u32 pid;
	__u32 tid;		/* thread that called exec */
	__u32 ppid;
	__u32 uid;
	__u32 args_count;
	__u32 args_size;	/* bytes used in args, NULs included */
	__u32 truncated;	/* 1: more arguments, or a longer one, than shown */
	char comm[16];		/* the new program's on success, the caller's on failure */
	char args[EXECSNOOP_ARGS_SIZE];
};
_Static_assert(sizeof(struct execsnoop_event) == 56 + EXECSNOOP_ARGS_SIZE, "execsnoop ABI");

#endif
