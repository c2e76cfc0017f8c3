// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tcpconnect: active TCP opens and their outcome, from sock:inet_sock_set_state. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "inet.bpf.h"
#include "tcpconn.bpf.h"
#include "table.bpf.h"
#include "tcpconnect.h"

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
static __always_inline void count(const struct trace_event_raw_inet_sock_set_state *ctx)
{
	static const struct tcpconnect_count zero;
	struct tcpconnect_key key = {};
	struct tk_inet_tuple t;
	struct tcpconnect_count *c;

	tk_state_tuple(ctx, &t);
	__builtin_memcpy(key.saddr, t.saddr, sizeof(key.saddr));
	__builtin_memcpy(key.daddr, t.daddr, sizeof(key.daddr));
	key.family = t.family;
	key.dport = t.dport;
	c = tk_table_row(&counts, &key, &zero);
	if (c)
		__sync_fetch_and_add(&c->count, 1);
}

SEC("tracepoint/sock/inet_sock_set_state")
int tp_inet_sock_set_state(struct trace_event_raw_inet_sock_set_state *ctx)
{
	struct tcpconnect_event *e;
	struct tk_conn_start *s;
	int err;

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
	err = tk_connect_result(ctx->skaddr, ctx->newstate);
	if (cfg_count) {
		if (tk_result_pass(-err))
			count(ctx);
	} else if (tk_result_pass(-err)) {
		e = tk_reserve(sizeof(*e));
		if (e) {
			tk_state_tuple(ctx, &e->t);
			e->ts = bpf_ktime_get_ns();
			e->pid = s->pid;
			e->tid = s->tid;
			e->uid = s->uid;
			e->err = err;
			__builtin_memcpy(e->comm, s->comm, sizeof(e->comm));
			tk_submit(e);
		}
	}
	tk_connect_forget(ctx->skaddr);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
