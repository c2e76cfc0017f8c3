// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * sigsnoop: signals as the kernel generates them (signal:signal_generate,
 * in the sender's context) and optionally delivers them
 * (signal:signal_deliver, in the receiver's); or, in kill mode, the
 * kill-family system calls, entry paired with exit for the return value
 * (common/syscall.bpf.h).
 * The setup hook leaves out the programs a mode does not use.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "syscall.bpf.h"
#include "sigsnoop.h"

const volatile bool targ_sig_set = false;	/* -s: only this signal */
const volatile __s32 targ_sig = 0;

const volatile bool targ_tpid_set = false;	/* --target-pid: only this TPID */
const volatile __s32 targ_tpid = 0;

static __always_inline bool sig_pass(int sig)
{
	return !targ_sig_set || sig == targ_sig;
}

static __always_inline bool tpid_pass(__s32 tpid)
{
	return !targ_tpid_set || tpid == targ_tpid;
}

/* Reserves a record with the current task's ids, or NULL. */
static __always_inline struct sigsnoop_event *new_event(__u8 kind, __s32 sig, __s32 tpid)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct sigsnoop_event *e = tk_reserve(sizeof(*e));

	if (!e)
		return NULL;
	__builtin_memset(e, 0, sizeof(*e));
	e->ts = bpf_ktime_get_ns();
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = (__u32)pid_tgid;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->kind = kind;
	e->sig = sig;
	e->tpid = tpid;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	return e;
}

SEC("tracepoint/signal/signal_generate")
int tp_signal_generate(struct trace_event_raw_signal_generate *ctx)
{
	struct sigsnoop_event *e;

	/* -x: signals the kernel did not deliver (ignored, already pending, ...) */
	if (!sig_pass(ctx->sig) || !tpid_pass(ctx->pid) || !tk_result_pass(ctx->result ? -1 : 0) ||
	    !tk_filter_pass())
		return 0;
	e = new_event(SIGSNOOP_GENERATE, ctx->sig, ctx->pid);
	if (!e)
		return 0;
	e->code = ctx->code;
	e->result = ctx->result;
	e->group = ctx->group != 0;
	bpf_probe_read_kernel(e->tcomm, sizeof(e->tcomm), ctx->comm);
	tk_submit(e);
	return 0;
}

SEC("tracepoint/signal/signal_deliver")
int tp_signal_deliver(struct trace_event_raw_signal_deliver *ctx)
{
	struct sigsnoop_event *e;

	/* a delivery is not a failure: none with -x */
	if (!sig_pass(ctx->sig) || !tpid_pass((__s32)bpf_get_current_pid_tgid()) ||
	    !tk_result_pass(0) || !tk_filter_pass())
		return 0;
	e = new_event(SIGSNOOP_DELIVER, ctx->sig, (__s32)bpf_get_current_pid_tgid());
	if (!e)
		return 0;
	e->code = ctx->code;
	e->result = ctx->sa_handler == 0 ? SIGSNOOP_ACT_DEFAULT :
		    ctx->sa_handler == 1 ? SIGSNOOP_ACT_IGNORE : SIGSNOOP_ACT_HANDLER;
	__builtin_memcpy(e->tcomm, e->comm, sizeof(e->tcomm));
	tk_submit(e);
	return 0;
}

/* At the return of a kill-family call (kind): one record, from the
 * arguments saved at its entry. */
static __always_inline int call_exit(long ret, __u32 kind)
{
	/* tgkill, rt_tgsigqueueinfo: (tgid, tid, sig, ...); the others (pid, sig, ...) */
	bool tg = kind == SIGSNOOP_TGKILL || kind == SIGSNOOP_RT_TGSIGQUEUEINFO;
	struct sigsnoop_event *e;
	struct tk_sys_args *a;
	__s32 tpid, sig;

	a = tk_sys_lookup(kind);
	if (!a)
		return 0;
	tpid = (__s32)(tg ? a->args[1] : a->args[0]);
	sig = (__s32)(tg ? a->args[2] : a->args[1]);
	if (sig_pass(sig) && tpid_pass(tpid) && tk_result_pass(ret)) {
		e = new_event(kind, sig, tpid);
		if (e) {
			e->ret = ret;
			tk_submit(e);
		}
	}
	tk_sys_forget();
	return 0;
}

TK_SYSCALL_PAIR(kill, SIGSNOOP_KILL, 2, call_exit)
TK_SYSCALL_PAIR(tkill, SIGSNOOP_TKILL, 2, call_exit)
TK_SYSCALL_PAIR(tgkill, SIGSNOOP_TGKILL, 3, call_exit)
TK_SYSCALL_PAIR(rt_sigqueueinfo, SIGSNOOP_RT_SIGQUEUEINFO, 2, call_exit)
TK_SYSCALL_PAIR(rt_tgsigqueueinfo, SIGSNOOP_RT_TGSIGQUEUEINFO, 3, call_exit)

char LICENSE[] SEC("license") = "Dual BSD/GPL";
