// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * setuids: the setuid family of system calls, from the syscall tracepoints.
 * The entry saves the arguments and the caller's credentials per thread
 * (common/syscall.bpf.h); the return adds the result and the credentials
 * after the call.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "syscall.bpf.h"
#include "setuids.h"

struct ids {
	__u32 uid, euid, gid, egid, fsuid, fsgid;
};

/* The saved arguments: the call's own (up to 3) in args[0..2], the
 * caller's ids before the call in args[3..5], as a struct ids. */
#define BEFORE(a) ((struct ids *)&(a)->args[3])
_Static_assert(sizeof(struct ids) == 3 * sizeof(__u64), "ids fit args[3..5]");

static __always_inline void read_ids(struct ids *ids)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	const struct cred *cred = BPF_CORE_READ(task, cred);

	ids->uid = BPF_CORE_READ(cred, uid.val);
	ids->euid = BPF_CORE_READ(cred, euid.val);
	ids->gid = BPF_CORE_READ(cred, gid.val);
	ids->egid = BPF_CORE_READ(cred, egid.val);
	ids->fsuid = BPF_CORE_READ(cred, fsuid.val);
	ids->fsgid = BPF_CORE_READ(cred, fsgid.val);
}

/* At entry: the arguments and the ids before the call. */
static __always_inline void enter(const struct trace_event_raw_sys_enter *ctx, __u32 call,
				  const int nargs)
{
	struct tk_sys_args a = { .id = call };

	if (!tk_filter_pass())
		return;
	tk_sys_read_args(ctx, &a, nargs);
	read_ids(BEFORE(&a));
	tk_sys_save(&a);
}

/* At return: one record with the ids before and after the call. */
static __always_inline int leave(long ret, __u32 call)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct setuids_event *e;
	struct tk_sys_args *a;
	struct ids after, *before;
	long status = ret;

	a = tk_sys_lookup(call);
	if (!a)
		return 0;
	before = BEFORE(a);
	read_ids(&after);
	/* setfsuid and setfsgid return the old id and never fail: they failed
	 * when the id did not become the one asked for */
	if (call == SETUIDS_SETFSUID)
		status = after.fsuid == (__u32)a->args[0] ? 0 : -1;
	else if (call == SETUIDS_SETFSGID)
		status = after.fsgid == (__u32)a->args[0] ? 0 : -1;
	if (!tk_result_pass(status))
		goto out;
	e = tk_reserve(sizeof(*e));
	if (!e)
		goto out;
	e->ts = bpf_ktime_get_ns();
	e->ret = ret;
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = (__u32)pid_tgid;
	e->uid = before->uid;
	e->euid = before->euid;
	e->gid = before->gid;
	e->egid = before->egid;
	e->new_uid = after.uid;
	e->new_euid = after.euid;
	e->new_gid = after.gid;
	e->new_egid = after.egid;
	e->args[0] = (__u32)a->args[0];
	e->args[1] = (__u32)a->args[1];
	e->args[2] = (__u32)a->args[2];
	e->call = call;
	e->pad[0] = e->pad[1] = e->pad[2] = 0;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	tk_submit(e);
out:
	tk_sys_forget();
	return 0;
}

/* A syscall tracepoint's record holds only the call's own arguments: reading
 * past them makes the kernel refuse to attach (EACCES), hence nargs. */
#define SETUIDS_CALL(name, call, nargs) TK_SYSCALL_PAIR_ENTER(name, call, nargs, enter, leave)

SETUIDS_CALL(setuid, SETUIDS_SETUID, 1)
SETUIDS_CALL(setgid, SETUIDS_SETGID, 1)
SETUIDS_CALL(setreuid, SETUIDS_SETREUID, 2)
SETUIDS_CALL(setregid, SETUIDS_SETREGID, 2)
SETUIDS_CALL(setresuid, SETUIDS_SETRESUID, 3)
SETUIDS_CALL(setresgid, SETUIDS_SETRESGID, 3)
SETUIDS_CALL(setfsuid, SETUIDS_SETFSUID, 1)
SETUIDS_CALL(setfsgid, SETUIDS_SETFSGID, 1)

char LICENSE[] SEC("license") = "Dual BSD/GPL";
