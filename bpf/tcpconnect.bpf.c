// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * tcpconnect: active TCP opens and their outcome, from sock:inet_sock_set_state;
 * connect() calls that fail before the socket reaches SYN_SENT (no route, no
 * local port, refused by a firewall or cgroup hook) from the optional
 * syscalls:sys_enter_connect and sys_exit_connect.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "inet.bpf.h"
#include "tcpconn.bpf.h"
#include "syscall.bpf.h"
#include "table.bpf.h"
#include "tcpconnect.h"

#define SYS_CONNECT 1		/* tk_sys_args.id of a connect() in flight */
#define TK_SS_UNCONNECTED 1	/* socket_state */
#define TK_SOCK_STREAM 1
#define TK_EINPROGRESS 115

/* What a connect() in flight keeps in tk_sys_args.args. */
enum { A_FD, A_ADDR, A_ADDRLEN, A_SK, A_SYN_SENT };

const volatile struct tk_ports targ_dports = {};
const volatile __u16 targ_family = 0;
const volatile bool cfg_count = false;	/* count in "counts", send no events */

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, struct tcpconnect_key);
	__type(value, struct tcpconnect_count);
} counts SEC(".maps");

/* --count: one more attempt for the tuple's addresses and remote port. */
static __always_inline void count(const struct tk_inet_tuple *t)
{
	static const struct tcpconnect_count zero;
	struct tcpconnect_key key = {};
	struct tcpconnect_count *c;

	__builtin_memcpy(key.saddr, t->saddr, sizeof(key.saddr));
	__builtin_memcpy(key.daddr, t->daddr, sizeof(key.daddr));
	key.family = t->family;
	key.dport = t->dport;
	c = tk_table_row(&counts, &key, &zero);
	if (c)
		__sync_fetch_and_add(&c->count, 1);
}

/* The outcome err (0 or an errno) of an attempt to t by task s: counted
 * with --count, else sent. */
static __always_inline void report(const struct tk_inet_tuple *t, const struct tk_conn_start *s,
				   int err)
{
	struct tcpconnect_event *e;

	if (cfg_count) {
		count(t);
		return;
	}
	e = tk_reserve(sizeof(*e));
	if (!e)
		return;
	e->t = *t;
	e->ts = bpf_ktime_get_ns();
	e->pid = s->pid;
	e->tid = s->tid;
	e->uid = s->uid;
	e->err = err;
	__builtin_memcpy(e->comm, s->comm, sizeof(e->comm));
	tk_submit(e);
}

SEC("tracepoint/sock/inet_sock_set_state")
int tp_inet_sock_set_state(struct trace_event_raw_inet_sock_set_state *ctx)
{
	struct tk_conn_start *s;
	struct tk_sys_args *a;
	struct tk_inet_tuple t;
	int err;

	if (ctx->protocol != TK_IPPROTO_TCP)
		return 0;
	if (ctx->newstate == TK_TCP_SYN_SENT) {
		if (ctx->oldstate != TK_TCP_CLOSE)
			return 0;
		/* this attempt is reported from here, not from sys_exit_connect */
		a = tk_sys_lookup(SYS_CONNECT);
		if (a && a->args[A_SK] == (__u64)ctx->skaddr)
			a->args[A_SYN_SENT] = 1;
		if (tk_family_pass(targ_family, ctx->family) && tk_port_pass(&targ_dports, ctx->dport))
			tk_connect_begin(ctx->skaddr);
		return 0;
	}
	if (ctx->oldstate != TK_TCP_SYN_SENT)
		return 0;
	s = tk_connect_lookup(ctx->skaddr);
	if (!s)
		return 0;
	err = tk_connect_result(ctx->skaddr, ctx->newstate);
	if (tk_result_pass(-err)) {
		tk_state_tuple(ctx, &t);
		report(&t, s, err);
	}
	tk_connect_forget(ctx->skaddr);
	return 0;
}

/*
 * sys_enter_connect: keeps the call's fd, address and length when the fd is
 * a TCP socket (IPv4 or IPv6, SOCK_STREAM) that has never connected: its
 * struct socket SS_UNCONNECTED and the sock in CLOSE.  A second connect()
 * on a socket already connecting or connected (EALREADY, EISCONN, or the
 * error of an attempt that the state path has reported) is no new attempt.
 */
static __always_inline void connect_enter(const struct trace_event_raw_sys_enter *ctx, __u32 id,
					  const int nargs)
{
	struct tk_sys_args a = { .id = id };
	struct socket *sock;
	struct sock *sk;
	__u16 family;

	if (!tk_filter_pass())
		return;
	tk_sys_read_args(ctx, &a, nargs);
	sock = tk_fd_socket((long)a.args[A_FD]);
	if (!sock || BPF_CORE_READ(sock, state) != TK_SS_UNCONNECTED)
		return;
	sk = BPF_CORE_READ(sock, sk);
	if (!sk)
		return;
	family = BPF_CORE_READ(sk, __sk_common.skc_family);
	if ((family != TK_AF_INET && family != TK_AF_INET6) ||
	    BPF_CORE_READ_BITFIELD_PROBED(sk, sk_protocol) != TK_IPPROTO_TCP ||
	    BPF_CORE_READ_BITFIELD_PROBED(sk, sk_type) != TK_SOCK_STREAM ||
	    BPF_CORE_READ(sk, __sk_common.skc_state) != TK_TCP_CLOSE)
		return;
	a.args[A_SK] = (__u64)sk;
	a.args[A_SYN_SENT] = 0;
	tk_sys_save(&a);
}

/*
 * sys_exit_connect: a call that failed without its socket reaching
 * SYN_SENT is reported here, with the address it was given.  One that
 * reached SYN_SENT (and failed after: refused, interrupted) or is still in
 * progress (EINPROGRESS) is the state path's to report.
 */
static __always_inline int connect_exit(long ret, __u32 id)
{
	struct tk_sys_args *a = tk_sys_lookup(id);
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct tk_conn_start s = {};
	struct tk_inet_tuple t;
	const struct sock *sk;

	if (!a)
		return 0;
	if (ret >= 0 || ret == -TK_EINPROGRESS || a->args[A_SYN_SENT])
		goto out;
	sk = (const struct sock *)a->args[A_SK];
	tk_sk_tuple(sk, &t);	/* the local end: the bound address, or none */
	if (!tk_user_sockaddr_dest((const void *)a->args[A_ADDR], (__u32)a->args[A_ADDRLEN],
				   t.family, &t))
		goto out;
	if (!tk_family_pass(targ_family, t.family) || !tk_port_pass(&targ_dports, t.dport))
		goto out;
	s.pid = (__u32)(pid_tgid >> 32);
	s.tid = (__u32)pid_tgid;
	s.uid = (__u32)bpf_get_current_uid_gid();
	bpf_get_current_comm(s.comm, sizeof(s.comm));
	report(&t, &s, (int)-ret);
out:
	tk_sys_forget();
	return 0;
}

TK_SYSCALL_PAIR_ENTER(connect, SYS_CONNECT, 3, connect_enter, connect_exit)

char LICENSE[] SEC("license") = "Dual BSD/GPL";
