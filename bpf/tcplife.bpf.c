// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * tcplife: TCP connection lifespans from sock:inet_sock_set_state.  The
 * first transition of a socket (to SYN_SENT, SYN_RECV or ESTABLISHED) starts
 * the clock; the transition to CLOSE reports it with the byte counts of its
 * tcp_sock.
 * The owning process is taken where the kernel runs in the process's own
 * context: connect() (CLOSE -> SYN_SENT), close()/shutdown() (ESTABLISHED
 * -> FIN_WAIT1, CLOSE_WAIT -> LAST_ACK) and, where the kernel has them,
 * sock:sock_send_length / sock:sock_recv_length.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "inet.bpf.h"
#include "tcpconn.bpf.h"
#include "tcplife.h"

#define TCP_SYN_RECV 3
#define TCP_FIN_WAIT1 4
#define TCP_CLOSE_WAIT 8
#define TCP_LAST_ACK 9
#define TCP_LISTEN 10

const volatile struct tk_ports targ_lports = {};
const volatile struct tk_ports targ_rports = {};
const volatile __u16 targ_family = 0;

/* A socket seen opening: when, and by whom once a process touched it. */
struct life {
	__u64 birth;
	__u32 pid;		/* 0 = owner not seen yet */
	__u32 pad;
	char comm[TK_COMM_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, __u64);
	__type(value, struct life);
} start SEC(".maps");

static __always_inline bool filter_active(void)
{
	return tk_filter.pid || tk_filter.tid || tk_filter.uid_set || tk_filter.comm_set ||
	       tk_filter.cgroup_set;
}

/* Records the current task as the owner of sk, unless one is known
 * (force: connect() always names the owner) or it fails the filter. */
static __always_inline void own(const void *sk, bool force)
{
	__u64 key = (__u64)sk;
	struct life *l = bpf_map_lookup_elem(&start, &key);

	if (!l || (l->pid && !force) || !tk_filter_pass())
		return;
	l->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(l->comm, sizeof(l->comm));
}

static __always_inline void closed(struct trace_event_raw_inet_sock_set_state *ctx)
{
	__u64 key = (__u64)ctx->skaddr;
	const struct tcp_sock *tp = ctx->skaddr;
	struct tcplife_event *e;
	struct life *l;

	l = bpf_map_lookup_elem(&start, &key);
	if (!l)
		return;
	if ((l->pid || !filter_active()) && tk_port_pass(&targ_lports, ctx->sport) &&
	    tk_port_pass(&targ_rports, ctx->dport)) {
		e = tk_reserve(sizeof(*e));
		if (e) {
			tk_state_tuple(ctx, &e->t);
			e->ts = bpf_ktime_get_ns();
			e->span_ns = e->ts - l->birth;
			e->tx_bytes = BPF_CORE_READ(tp, bytes_acked);
			e->rx_bytes = BPF_CORE_READ(tp, bytes_received);
			e->pid = l->pid;
			e->pad = 0;
			__builtin_memcpy(e->comm, l->comm, sizeof(e->comm));
			tk_submit(e);
		}
	}
	bpf_map_delete_elem(&start, &key);
}

SEC("tracepoint/sock/inet_sock_set_state")
int tp_inet_sock_set_state(struct trace_event_raw_inet_sock_set_state *ctx)
{
	int o = ctx->oldstate, n = ctx->newstate;
	__u64 key = (__u64)ctx->skaddr;

	if (ctx->protocol != TK_IPPROTO_TCP || !tk_family_pass(targ_family, ctx->family))
		return 0;
	if (n == TK_TCP_CLOSE) {
		if (o != TCP_LISTEN)
			closed(ctx);
		return 0;
	}
	if (n == TK_TCP_SYN_SENT || n == TCP_SYN_RECV || n == TK_TCP_ESTABLISHED) {
		/* the first of these starts the clock: an accepted socket may
		 * be born in SYN_RECV without a transition to it */
		struct life l = { .birth = bpf_ktime_get_ns() };

		bpf_map_update_elem(&start, &key, &l, n == TK_TCP_SYN_SENT ? BPF_ANY : BPF_NOEXIST);
		if (n == TK_TCP_SYN_SENT)
			own(ctx->skaddr, true);
		return 0;
	}
	if ((o == TK_TCP_ESTABLISHED && n == TCP_FIN_WAIT1) ||
	    (o == TCP_CLOSE_WAIT && n == TCP_LAST_ACK))
		own(ctx->skaddr, false);
	return 0;
}

/* Both length tracepoints share a record layout. */
static __always_inline int io(struct trace_event_raw_sock_msg_length *ctx)
{
	if (ctx->protocol == TK_IPPROTO_TCP)
		own(ctx->sk, false);
	return 0;
}

SEC("tracepoint/sock/sock_send_length")
int tp_sock_send_length(struct trace_event_raw_sock_msg_length *ctx)
{
	return io(ctx);
}

SEC("tracepoint/sock/sock_recv_length")
int tp_sock_recv_length(struct trace_event_raw_sock_msg_length *ctx)
{
	return io(ctx);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
