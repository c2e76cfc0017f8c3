// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * tcpretrans: TCP retransmits from tcp:tcp_retransmit_skb and
 * tcp:tcp_retransmit_synack; tail loss probes (-l) from
 * tcp_send_loss_probe(), which no tracepoint reports: fentry, else kprobe.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "inet.bpf.h"
#include "table.bpf.h"
#include "tcpretrans.h"

#define TCP_SYN_RECV 3

const volatile struct tk_ports targ_lports = {};
const volatile struct tk_ports targ_rports = {};
const volatile __u16 targ_family = 0;
const volatile bool cfg_count = false;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, struct tcpretrans_key);
	__type(value, __u64);
} counts SEC(".maps");

static __always_inline void report(struct tk_inet_tuple *t, int state, __u32 kind)
{
	struct tcpretrans_event *e;

	if (!tk_family_pass(targ_family, t->family) || !tk_port_pass(&targ_lports, t->sport) ||
	    !tk_port_pass(&targ_rports, t->dport))
		return;
	if (cfg_count) {
		struct tcpretrans_key k = { .t = *t, .kind = kind };
		__u64 zero = 0, *n = tk_table_row(&counts, &k, &zero);

		if (n)
			__sync_fetch_and_add(n, 1);
		return;
	}
	e = tk_reserve(sizeof(*e));
	if (!e)
		return;
	e->t = *t;
	e->ts = bpf_ktime_get_ns();
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->state = state;
	e->kind = kind;
	e->pad = 0;
	tk_submit(e);
}

/* Before Linux 6.11 (or so) tcp_retransmit_skb was an event of the class
 * tcp_event_sk_skb, so its record type has that name there (same fields up
 * to daddr_v6; the newer record adds err).  libbpf drops the ___old suffix
 * when it matches the kernel's types. */
struct trace_event_raw_tcp_event_sk_skb___old {
	struct trace_entry ent;
	const void *skbaddr;
	const void *skaddr;
	int state;
	__u16 sport;
	__u16 dport;
	__u16 family;
	__u8 saddr[4];
	__u8 daddr[4];
	__u8 saddr_v6[16];
	__u8 daddr_v6[16];
} __attribute__((preserve_access_index));

SEC("tracepoint/tcp/tcp_retransmit_skb")
int tp_tcp_retransmit_skb(void *ctx)
{
	struct tk_inet_tuple t;

	if (bpf_core_type_exists(struct trace_event_raw_tcp_retransmit_skb)) {
		struct trace_event_raw_tcp_retransmit_skb *r = ctx;

		TK_TP_TUPLE(r, &t, TK_IPPROTO_TCP);
		report(&t, r->state, TCPRETRANS_SEGMENT);
	} else {
		struct trace_event_raw_tcp_event_sk_skb___old *r = ctx;

		TK_TP_TUPLE(r, &t, TK_IPPROTO_TCP);
		report(&t, r->state, TCPRETRANS_SEGMENT);
	}
	return 0;
}

SEC("tracepoint/tcp/tcp_retransmit_synack")
int tp_tcp_retransmit_synack(struct trace_event_raw_tcp_retransmit_synack *ctx)
{
	struct tk_inet_tuple t;

	TK_TP_TUPLE(ctx, &t, TK_IPPROTO_TCP);
	report(&t, TCP_SYN_RECV, TCPRETRANS_SYNACK);
	return 0;
}

static __always_inline void loss_probe(struct sock *sk)
{
	struct tk_inet_tuple t;

	tk_sk_tuple(sk, &t);
	report(&t, BPF_CORE_READ(sk, __sk_common.skc_state), TCPRETRANS_TLP);
}

SEC("fentry/tcp_send_loss_probe")
int BPF_PROG(fentry_tcp_send_loss_probe, struct sock *sk)
{
	loss_probe(sk);
	return 0;
}

SEC("kprobe/tcp_send_loss_probe")
int BPF_KPROBE(kprobe_tcp_send_loss_probe, struct sock *sk)
{
	loss_probe(sk);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
