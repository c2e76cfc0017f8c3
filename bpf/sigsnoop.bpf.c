// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * sigsnoop: signals as the kernel generates them (signal:signal_generate,
 * in the sender's context) and optionally delivers them
 * (signal:signal_deliver, in the receiver's); or, in kill mode, the
 * kill-family system calls, entry paired with exit for the return value.
 * The setup hook leaves out the programs a mode does not use.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "sigsnoop.h"

const volatile bool targ_sig_set = false;	/* -s: only this signal */
const volatile __s32 targ_sig = 0;

struct call {
	__s32 tpid;
	__s32 sig;
	__u8 kind;
};

/* Kill-family calls in flight: thread id -> arguments. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct call);
} start SEC(".maps");

static __always_inline bool sig_pass(int sig)
{
	return !targ_sig_set || sig == targ_sig;
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
	if (!sig_pass(ctx->sig) || !tk_result_pass(ctx->result ? -1 : 0) || !tk_filter_pass())
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
	if (!sig_pass(ctx->sig) || !tk_result_pass(0) || !tk_filter_pass())
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

static __always_inline int call_enter(__u8 kind, long tpid, long sig)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct call c = { .tpid = (__s32)tpid, .sig = (__s32)sig, .kind = kind };

	if (!sig_pass(c.sig) || !tk_filter_pass())
		return 0;
	bpf_map_update_elem(&start, &tid, &c, BPF_ANY);
	return 0;
}

static __always_inline int call_exit(long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct sigsnoop_event *e;
	struct call *c;

	c = bpf_map_lookup_elem(&start, &tid);
	if (!c)
		return 0;
	if (tk_result_pass(ret)) {
		e = new_event(c->kind, c->sig, c->tpid);
		if (e) {
			e->ret = ret;
			tk_submit(e);
		}
	}
	bpf_map_delete_elem(&start, &tid);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_kill")
int tp_sys_enter_kill(struct trace_event_raw_sys_enter *ctx)
{
	return call_enter(SIGSNOOP_KILL, (long)ctx->args[0], (long)ctx->args[1]);
}

SEC("tracepoint/syscalls/sys_enter_tkill")
int tp_sys_enter_tkill(struct trace_event_raw_sys_enter *ctx)
{
	return call_enter(SIGSNOOP_TKILL, (long)ctx->args[0], (long)ctx->args[1]);
}

SEC("tracepoint/syscalls/sys_enter_tgkill")
int tp_sys_enter_tgkill(struct trace_event_raw_sys_enter *ctx)
{
	return call_enter(SIGSNOOP_TGKILL, (long)ctx->args[1], (long)ctx->args[2]);
}

SEC("tracepoint/syscalls/sys_enter_rt_sigqueueinfo")
int tp_sys_enter_rt_sigqueueinfo(struct trace_event_raw_sys_enter *ctx)
{
	return call_enter(SIGSNOOP_RT_SIGQUEUEINFO, (long)ctx->args[0], (long)ctx->args[1]);
}

SEC("tracepoint/syscalls/sys_enter_rt_tgsigqueueinfo")
int tp_sys_enter_rt_tgsigqueueinfo(struct trace_event_raw_sys_enter *ctx)
{
	return call_enter(SIGSNOOP_RT_TGSIGQUEUEINFO, (long)ctx->args[1], (long)ctx->args[2]);
}

SEC("tracepoint/syscalls/sys_exit_kill")
int tp_sys_exit_kill(struct trace_event_raw_sys_exit *ctx)
{
	return call_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_tkill")
int tp_sys_exit_tkill(struct trace_event_raw_sys_exit *ctx)
{
	return call_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_tgkill")
int tp_sys_exit_tgkill(struct trace_event_raw_sys_exit *ctx)
{
	return call_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_rt_sigqueueinfo")
int tp_sys_exit_rt_sigqueueinfo(struct trace_event_raw_sys_exit *ctx)
{
	return call_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_rt_tgsigqueueinfo")
int tp_sys_exit_rt_tgsigqueueinfo(struct trace_event_raw_sys_exit *ctx)
{
	return call_exit(ctx->ret);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
