// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* statsnoop: the stat family of calls, from the syscall tracepoints. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "syscall.bpf.h"
#include "statsnoop.h"

/* At return: one record with the path argument (argument number arg). */
static __always_inline int leave(long ret, __u32 call, int arg)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct statsnoop_event *e;
	struct tk_sys_args *a;

	a = tk_sys_lookup(call);
	if (!a)
		return 0;
	if (!tk_result_pass(ret))
		goto out;
	e = tk_reserve(sizeof(*e));
	if (!e)
		goto out;
	e->ts = bpf_ktime_get_ns();
	e->ret = ret;
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = (__u32)pid_tgid;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->call = call;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	if (bpf_probe_read_user_str(e->path, sizeof(e->path), (void *)a->args[arg & 7]) < 0)
		e->path[0] = '\0';
	tk_submit(e);
out:
	tk_sys_forget();
	return 0;
}

/* The return programs of calls whose path is argument 0 or 1. */
static __always_inline int leave_path0(long ret, __u32 call) { return leave(ret, call, 0); }
static __always_inline int leave_path1(long ret, __u32 call) { return leave(ret, call, 1); }

/* One call whose path is argument arg (only the arguments up to it are read). */
#define STAT_CALL(name, call, arg) TK_SYSCALL_PAIR(name, call, arg + 1, leave_path##arg)

STAT_CALL(stat, STATSNOOP_STAT, 0)
STAT_CALL(lstat, STATSNOOP_LSTAT, 0)
STAT_CALL(fstatat, STATSNOOP_FSTATAT, 1)
STAT_CALL(statx, STATSNOOP_STATX, 1)
STAT_CALL(statfs, STATSNOOP_STATFS, 0)
STAT_CALL(newstat, STATSNOOP_NEWSTAT, 0)
STAT_CALL(newlstat, STATSNOOP_NEWLSTAT, 0)
STAT_CALL(newfstatat, STATSNOOP_NEWFSTATAT, 1)
STAT_CALL(stat64, STATSNOOP_STAT64, 0)
STAT_CALL(lstat64, STATSNOOP_LSTAT64, 0)
STAT_CALL(fstatat64, STATSNOOP_FSTATAT64, 1)

char LICENSE[] SEC("license") = "Dual BSD/GPL";
