// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* bindsnoop: IPv4 and IPv6 bind() calls, from the syscall tracepoints. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "inet.bpf.h"
#include "bindsnoop.h"

const volatile struct tk_ports targ_ports = {};
const volatile __u16 targ_family = 0;

struct args {
	const void *addr;	/* struct sockaddr __user * */
	__s64 fd;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct args);
} start SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_bind")
int tp_sys_enter_bind(struct trace_event_raw_sys_enter *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct args a = { .addr = (const void *)ctx->args[1], .fd = (__s64)ctx->args[0] };

	if (!tk_filter_pass())
		return 0;
	bpf_map_update_elem(&start, &tid, &a, BPF_ANY);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_bind")
int tp_sys_exit_bind(struct trace_event_raw_sys_exit *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct bindsnoop_event *e;
	struct socket *sock;
	struct sock *sk;
	struct args *a;
	__u16 family = 0, port = 0;

	a = bpf_map_lookup_elem(&start, &tid);
	if (!a)
		return 0;
	/* read at return: the kernel has faulted the sockaddr in by now */
	bpf_probe_read_user(&family, sizeof(family), a->addr);
	bpf_probe_read_user(&port, sizeof(port), a->addr + 2);
	port = bpf_ntohs(port);
	if ((family != TK_AF_INET && family != TK_AF_INET6) || !tk_family_pass(targ_family, family) ||
	    !tk_port_pass(&targ_ports, port) || !tk_result_pass(ctx->ret))
		goto out;
	e = tk_reserve(sizeof(*e));
	if (!e)
		goto out;
	__builtin_memset(e->addr, 0, sizeof(e->addr));
	if (family == TK_AF_INET)
		bpf_probe_read_user(e->addr, 4, a->addr + 4);	/* sin_addr */
	else
		bpf_probe_read_user(e->addr, 16, a->addr + 8);	/* sin6_addr */
	e->ts = bpf_ktime_get_ns();
	e->ret = (__s32)ctx->ret;
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = tid;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->family = family;
	e->port = port;
	e->proto = 0;
	e->opts = 0;
	__builtin_memset(e->pad, 0, sizeof(e->pad));
	e->bound_dev_if = 0;
	sock = tk_fd_socket(a->fd);
	sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
	if (sk) {
		e->proto = (__u16)BPF_CORE_READ_BITFIELD_PROBED(sk, sk_protocol);
		e->opts = (__u8)tk_sk_bind_opts(sk);
		e->bound_dev_if = BPF_CORE_READ(sk, __sk_common.skc_bound_dev_if);
	}
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	tk_submit(e);
out:
	bpf_map_delete_elem(&start, &tid);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
