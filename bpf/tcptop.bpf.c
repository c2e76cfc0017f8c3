// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * tcptop: TCP bytes sent and received per process and connection, from
 * sock:sock_send_length and sock:sock_recv_length (Linux 6.3+), which run
 * in the process's own context once per send/receive call.
 */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "inet.bpf.h"
#include "tcptop.h"

#define TK_MSG_PEEK 2

const volatile __u16 targ_family = 0;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, struct tcptop_key);
	__type(value, struct tcptop_value);
} counts SEC(".maps");

static __always_inline void account(struct trace_event_raw_sock_msg_length *ctx, bool rx)
{
	struct tcptop_key k = {};
	struct tcptop_value zero = {}, *v;

	if (ctx->protocol != TK_IPPROTO_TCP || ctx->ret <= 0 || (ctx->flags & TK_MSG_PEEK) ||
	    !tk_family_pass(targ_family, ctx->family) || !tk_filter_pass())
		return;
	tk_sk_tuple(ctx->sk, &k.t);
	k.pid = bpf_get_current_pid_tgid() >> 32;
	v = bpf_map_lookup_elem(&counts, &k);
	if (!v) {
		bpf_get_current_comm(zero.comm, sizeof(zero.comm));
		bpf_map_update_elem(&counts, &k, &zero, BPF_NOEXIST);
		v = bpf_map_lookup_elem(&counts, &k);
		if (!v)
			return;
	}
	if (rx)
		__sync_fetch_and_add(&v->rx_bytes, ctx->ret);
	else
		__sync_fetch_and_add(&v->tx_bytes, ctx->ret);
}

SEC("tracepoint/sock/sock_send_length")
int tp_sock_send_length(struct trace_event_raw_sock_msg_length *ctx)
{
	account(ctx, false);
	return 0;
}

SEC("tracepoint/sock/sock_recv_length")
int tp_sock_recv_length(struct trace_event_raw_sock_msg_length *ctx)
{
	account(ctx, true);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
