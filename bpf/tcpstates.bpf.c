// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * tcpstates: every TCP state change from sock:inet_sock_set_state, with the
 * time spent in the previous state (a per-socket timestamp, dropped at
 * CLOSE).
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "inet.bpf.h"
#include "tcpconn.bpf.h"
#include "tcpstates.h"

const volatile struct tk_ports targ_lports = {};
const volatile struct tk_ports targ_rports = {};
const volatile __u16 targ_family = 0;

/* socket address -> bpf_ktime_get_ns() of its last change */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, __u64);
	__type(value, __u64);
} start SEC(".maps");

SEC("tracepoint/sock/inet_sock_set_state")
int tp_inet_sock_set_state(struct trace_event_raw_inet_sock_set_state *ctx)
{
	__u64 key = (__u64)ctx->skaddr, now = bpf_ktime_get_ns(), *last;
	struct tcpstates_event *e;

	if (ctx->protocol != TK_IPPROTO_TCP || !tk_family_pass(targ_family, ctx->family) ||
	    !tk_port_pass(&targ_lports, ctx->sport) || !tk_port_pass(&targ_rports, ctx->dport))
		return 0;
	last = bpf_map_lookup_elem(&start, &key);
	e = tk_reserve(sizeof(*e));
	if (e) {
		__u64 pid_tgid = bpf_get_current_pid_tgid();

		tk_state_tuple(ctx, &e->t);
		e->skaddr = key;
		e->ts = now;
		e->delta_ns = last ? now - *last : 0;
		e->pid = pid_tgid >> 32;
		e->oldstate = ctx->oldstate;
		e->newstate = ctx->newstate;
		e->pad = 0;
		bpf_get_current_comm(e->comm, sizeof(e->comm));
		tk_submit(e);
	}
	if (ctx->newstate == TK_TCP_CLOSE)
		bpf_map_delete_elem(&start, &key);
	else
		bpf_map_update_elem(&start, &key, &now, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
