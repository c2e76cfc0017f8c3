// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* solisten: listen() on IPv4 and IPv6 sockets, from the syscall tracepoints. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "inet.bpf.h"
#include "solisten.h"

const volatile struct tk_ports targ_ports = {};
const volatile __u16 targ_family = 0;
const volatile __u32 targ_netns = 0;

struct args {
	__s64 fd;
	__s64 backlog;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct args);
} start SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_listen")
int tp_sys_enter_listen(struct trace_event_raw_sys_enter *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct args a = { .fd = (__s64)ctx->args[0], .backlog = (__s64)ctx->args[1] };

	if (!tk_filter_pass())
		return 0;
	bpf_map_update_elem(&start, &tid, &a, BPF_ANY);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_listen")
int tp_sys_exit_listen(struct trace_event_raw_sys_exit *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct solisten_event *e;
	struct tk_inet_tuple t;
	struct socket *sock;
	struct sock *sk;
	struct args *a;
	__u32 netns;

	a = bpf_map_lookup_elem(&start, &tid);
	if (!a)
		return 0;
	sock = tk_fd_socket(a->fd);
	sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
	if (!sk || !tk_result_pass(ctx->ret))
		goto out;
	tk_sk_tuple(sk, &t);
	if ((t.family != TK_AF_INET && t.family != TK_AF_INET6) ||
	    !tk_family_pass(targ_family, t.family) || !tk_port_pass(&targ_ports, t.sport))
		goto out;
	netns = tk_sk_netns(sk);
	if (targ_netns && netns != targ_netns)
		goto out;
	e = tk_reserve(sizeof(*e));
	if (!e)
		goto out;
	e->t = t;
	e->ts = bpf_ktime_get_ns();
	e->ret = (__s32)ctx->ret;
	e->backlog = (__s32)a->backlog;
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = tid;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->netns = netns;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	tk_submit(e);
out:
	bpf_map_delete_elem(&start, &tid);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
