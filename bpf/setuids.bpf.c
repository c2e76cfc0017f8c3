// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * setuids: the setuid family of system calls, from the syscall tracepoints.
 * The entry saves the arguments and the caller's credentials per thread;
 * the return adds the result and the credentials after the call.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "setuids.h"

struct ids {
	__u32 uid, euid, gid, egid, fsuid, fsgid;
};

struct pending {
	struct ids before;
	__u32 args[3];
	__u8 call;
};

/* Calls in flight: thread id -> arguments and credentials. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct pending);
} start SEC(".maps");

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

static __always_inline int enter(__u8 call, __u32 a0, __u32 a1, __u32 a2)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct pending p = { .call = call, .args = { a0, a1, a2 } };

	if (!tk_filter_pass())
		return 0;
	read_ids(&p.before);
	bpf_map_update_elem(&start, &tid, &p, BPF_ANY);
	return 0;
}

static __always_inline int leave(long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct setuids_event *e;
	struct pending *p;
	struct ids after;
	long status = ret;

	p = bpf_map_lookup_elem(&start, &tid);
	if (!p)
		return 0;
	read_ids(&after);
	/* setfsuid and setfsgid return the old id and never fail: they failed
	 * when the id did not become the one asked for */
	if (p->call == SETUIDS_SETFSUID)
		status = after.fsuid == p->args[0] ? 0 : -1;
	else if (p->call == SETUIDS_SETFSGID)
		status = after.fsgid == p->args[0] ? 0 : -1;
	if (!tk_result_pass(status))
		goto out;
	e = tk_reserve(sizeof(*e));
	if (!e)
		goto out;
	e->ts = bpf_ktime_get_ns();
	e->ret = ret;
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = tid;
	e->uid = p->before.uid;
	e->euid = p->before.euid;
	e->gid = p->before.gid;
	e->egid = p->before.egid;
	e->new_uid = after.uid;
	e->new_euid = after.euid;
	e->new_gid = after.gid;
	e->new_egid = after.egid;
	e->args[0] = p->args[0];
	e->args[1] = p->args[1];
	e->args[2] = p->args[2];
	e->call = p->call;
	e->pad[0] = e->pad[1] = e->pad[2] = 0;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	tk_submit(e);
out:
	bpf_map_delete_elem(&start, &tid);
	return 0;
}

/* A syscall tracepoint's record holds only the call's own arguments: reading
 * past them makes the kernel refuse to attach (EACCES), hence nargs. */
#define ARG(ctx, i, nargs) ((i) < (nargs) ? (__u32)(ctx)->args[i] : 0)
#define SETUIDS_PROBES(name, call, nargs) \
	SEC("tracepoint/syscalls/sys_enter_" #name) \
	int tp_sys_enter_##name(struct trace_event_raw_sys_enter *ctx) \
	{ return enter(call, ARG(ctx, 0, nargs), ARG(ctx, 1, nargs), ARG(ctx, 2, nargs)); } \
	SEC("tracepoint/syscalls/sys_exit_" #name) \
	int tp_sys_exit_##name(struct trace_event_raw_sys_exit *ctx) \
	{ return leave(ctx->ret); }

SETUIDS_PROBES(setuid, SETUIDS_SETUID, 1)
SETUIDS_PROBES(setgid, SETUIDS_SETGID, 1)
SETUIDS_PROBES(setreuid, SETUIDS_SETREUID, 2)
SETUIDS_PROBES(setregid, SETUIDS_SETREGID, 2)
SETUIDS_PROBES(setresuid, SETUIDS_SETRESUID, 3)
SETUIDS_PROBES(setresgid, SETUIDS_SETRESGID, 3)
SETUIDS_PROBES(setfsuid, SETUIDS_SETFSUID, 1)
SETUIDS_PROBES(setfsgid, SETUIDS_SETFSGID, 1)

char LICENSE[] SEC("license") = "Dual BSD/GPL";
