// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tcpconnlat: SYN_SENT to ESTABLISHED latency of active TCP opens, from
 * sock:inet_sock_set_state. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "inet.bpf.h"
#include "tcpconn.bpf.h"
#include "tcpconnlat.h"

const volatile struct tk_ports targ_dports = {};
const volatile __u16 targ_family = 0;
const volatile __u64 targ_min_ns = 0;

SEC("tracepoint/sock/inet_sock_set_state")
int tp_inet_sock_set_state(struct trace_event_raw_inet_sock_set_state *ctx)
{
	struct tcpconnlat_event *e;
	struct tk_conn_start *s;
	__u64 now, lat;

	if (ctx->protocol != TK_IPPROTO_TCP)
		return 0;
	if (ctx->newstate == TK_TCP_SYN_SENT) {
		if (ctx->oldstate == TK_TCP_CLOSE && tk_family_pass(targ_family, ctx->family) &&
		    tk_port_pass(&targ_dports, ctx->dport))
			tk_connect_begin(ctx->skaddr);
		return 0;
	}
	if (ctx->oldstate != TK_TCP_SYN_SENT)
		return 0;
	s = tk_connect_lookup(ctx->skaddr);
	if (!s)
		return 0;
	now = bpf_ktime_get_ns();
	lat = now - s->ts;
	if (ctx->newstate == TK_TCP_ESTABLISHED && lat >= targ_min_ns) {
		e = tk_reserve(sizeof(*e));
		if (e) {
			tk_state_tuple(ctx, &e->t);
			e->ts = now;
			e->lat_ns = lat;
			e->pid = s->pid;
			e->tid = s->tid;
			__builtin_memcpy(e->comm, s->comm, sizeof(e->comm));
			tk_submit(e);
		}
	}
	tk_connect_forget(ctx->skaddr);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
