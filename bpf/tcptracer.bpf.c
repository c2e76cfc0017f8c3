// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * tcptracer: TCP connects, accepts and closes.  Connect and close come from
 * sock:inet_sock_set_state, accept from the return of accept()/accept4().
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "inet.bpf.h"
#include "tcpconn.bpf.h"
#include "tcptracer.h"

#define TK_TCP_FIN_WAIT1 4
#define TK_TCP_CLOSE_WAIT 8
#define TK_TCP_LAST_ACK 9

const volatile __u16 targ_family = 0;
const volatile __u32 targ_netns = 0;

/* Connections reported as connected or accepted: socket -> their process,
 * so the close is reported once, with the same process. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, __u64);
	__type(value, struct tk_conn_start);
} tracked SEC(".maps");

static __always_inline void emit(const struct tk_inet_tuple *t, const struct tk_conn_start *s,
				 __u32 netns, __u8 type)
{
	struct tcptracer_event *e = tk_reserve(sizeof(*e));

	if (!e)
		return;
	e->t = *t;
	e->ts = bpf_ktime_get_ns();
	e->pid = s->pid;
	e->tid = s->tid;
	e->uid = s->uid;
	e->netns = netns;
	e->type = type;
	__builtin_memcpy(e->comm, s->comm, sizeof(e->comm));
	tk_submit(e);
}

SEC("tracepoint/sock/inet_sock_set_state")
int tp_inet_sock_set_state(struct trace_event_raw_inet_sock_set_state *ctx)
{
	__u64 key = (__u64)ctx->skaddr;
	struct tk_inet_tuple t;
	struct tk_conn_start *s;
	__u32 netns;
	int old = ctx->oldstate, new = ctx->newstate;

	if (ctx->protocol != TK_IPPROTO_TCP)
		return 0;
	if (new == TK_TCP_SYN_SENT) {
		if (old != TK_TCP_CLOSE || !tk_family_pass(targ_family, ctx->family))
			return 0;
		netns = tk_sk_netns(ctx->skaddr);
		if (!targ_netns || netns == targ_netns)
			tk_connect_begin(ctx->skaddr);
		return 0;
	}
	if (old == TK_TCP_SYN_SENT) {
		s = tk_connect_lookup(ctx->skaddr);
		if (!s)
			return 0;
		if (new == TK_TCP_ESTABLISHED) {
			tk_state_tuple(ctx, &t);
			emit(&t, s, tk_sk_netns(ctx->skaddr), TCPTRACER_CONNECT);
			bpf_map_update_elem(&tracked, &key, s, BPF_ANY);
		}
		tk_connect_forget(ctx->skaddr);
		return 0;
	}
	/* the local end closes (FIN_WAIT1, LAST_ACK) or the connection ends
	 * at once (CLOSE: reset, abort) */
	if ((old != TK_TCP_ESTABLISHED && old != TK_TCP_CLOSE_WAIT) ||
	    (new != TK_TCP_FIN_WAIT1 && new != TK_TCP_LAST_ACK && new != TK_TCP_CLOSE))
		return 0;
	s = bpf_map_lookup_elem(&tracked, &key);
	if (!s)
		return 0;
	tk_state_tuple(ctx, &t);
	emit(&t, s, tk_sk_netns(ctx->skaddr), TCPTRACER_CLOSE);
	bpf_map_delete_elem(&tracked, &key);
	return 0;
}

static __always_inline int accept_leave(long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct tk_conn_start s = {};
	struct tk_inet_tuple t;
	struct sock *sk;
	__u64 key;
	__u32 netns;

	if (ret < 0 || !tk_filter_pass())
		return 0;
	sk = tk_fd_tcp_sock(ret, &t);
	if (!sk || !tk_family_pass(targ_family, t.family))
		return 0;
	netns = tk_sk_netns(sk);
	if (targ_netns && netns != targ_netns)
		return 0;
	s.pid = (__u32)(pid_tgid >> 32);
	s.tid = (__u32)pid_tgid;
	s.uid = (__u32)bpf_get_current_uid_gid();
	bpf_get_current_comm(s.comm, sizeof(s.comm));
	emit(&t, &s, netns, TCPTRACER_ACCEPT);
	key = (__u64)sk;
	bpf_map_update_elem(&tracked, &key, &s, BPF_ANY);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_accept")
int tp_sys_exit_accept(struct trace_event_raw_sys_exit *ctx)
{
	return accept_leave(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_accept4")
int tp_sys_exit_accept4(struct trace_event_raw_sys_exit *ctx)
{
	return accept_leave(ctx->ret);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
