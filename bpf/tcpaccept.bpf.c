// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tcpaccept: accepted TCP connections, at the return of accept()/accept4(). */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "inet.bpf.h"
#include "tcpaccept.h"

const volatile struct tk_ports targ_lports = {};
const volatile __u16 targ_family = 0;

/* The accepting task is current here; the new socket is behind fd ret. */
static __always_inline int leave(long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct tcpaccept_event *e;
	struct tk_inet_tuple t;

	if (ret < 0 || !tk_filter_pass() || !tk_fd_tcp_sock(ret, &t))
		return 0;
	if (!tk_family_pass(targ_family, t.family) || !tk_port_pass(&targ_lports, t.sport))
		return 0;
	e = tk_reserve(sizeof(*e));
	if (!e)
		return 0;
	e->t = t;
	e->ts = bpf_ktime_get_ns();
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = (__u32)pid_tgid;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->fd = (__s32)ret;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	tk_submit(e);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_accept")
int tp_sys_exit_accept(struct trace_event_raw_sys_exit *ctx)
{
	return leave(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_accept4")
int tp_sys_exit_accept4(struct trace_event_raw_sys_exit *ctx)
{
	return leave(ctx->ret);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
