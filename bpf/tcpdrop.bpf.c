// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * tcpdrop: TCP packets the kernel drops, from skb:kfree_skb (its drop
 * reason since Linux 5.17).  The tuple and flags are read from the packet's
 * IPv4/IPv6 and TCP headers (skb->head + network_header / transport_header,
 * CO-RE); the state from the socket the packet belongs to, if any.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "inet.bpf.h"
#include "stack.bpf.h"
#include "tcpdrop.h"

#define ETH_P_IP 0x0800
#define ETH_P_IPV6 0x86DD
#define HDR_UNSET 0xffff

const volatile struct tk_ports targ_ports = {};
const volatile __u16 targ_family = 0;
const volatile __u64 targ_reasons[TCPDROP_REASONS / 64] = {};
const volatile bool targ_reason_set = false;

static __always_inline bool reason_pass(__u32 r)
{
	__u32 idx;

	if (!targ_reason_set)
		return true;
	if (r >= TCPDROP_REASONS)
		return false;
	idx = r >> 6;
	/* hidden from clang, so the mask stays for the verifier to see */
	barrier_var(idx);
	return (targ_reasons[idx & (TCPDROP_REASONS / 64 - 1)] >> (r & 63)) & 1;
}

SEC("tracepoint/skb/kfree_skb")
int tp_kfree_skb(struct trace_event_raw_kfree_skb *ctx)
{
	struct sk_buff *skb = ctx->skbaddr;
	struct tcpdrop_event *e;
	struct tk_inet_tuple t = {};
	struct sock *sk = NULL;
	__u16 nh, th, proto = ctx->protocol;
	__u8 ip[40], tcp[14], l4;
	unsigned char *head;
	__u32 reason = 0;

	if (proto != ETH_P_IP && proto != ETH_P_IPV6)
		return 0;
	if (bpf_core_field_exists(ctx->reason))
		reason = ctx->reason;
	if (!reason_pass(reason))
		return 0;
	head = BPF_CORE_READ(skb, head);
	nh = BPF_CORE_READ(skb, network_header);
	th = BPF_CORE_READ(skb, transport_header);
	if (nh == HDR_UNSET || bpf_probe_read_kernel(ip, sizeof(ip), head + nh))
		return 0;
	if (proto == ETH_P_IP) {
		if ((ip[0] >> 4) != 4)
			return 0;
		t.family = TK_AF_INET;
		l4 = ip[9];
		__builtin_memcpy(t.saddr, ip + 12, 4);
		__builtin_memcpy(t.daddr, ip + 16, 4);
		if (th == HDR_UNSET || th == nh)
			th = nh + (ip[0] & 15) * 4;
	} else {
		if ((ip[0] >> 4) != 6)
			return 0;
		t.family = TK_AF_INET6;
		l4 = ip[6];	/* extension headers are not followed */
		__builtin_memcpy(t.saddr, ip + 8, 16);
		__builtin_memcpy(t.daddr, ip + 24, 16);
		if (th == HDR_UNSET || th == nh)
			th = nh + 40;
	}
	if (l4 != TK_IPPROTO_TCP || !tk_family_pass(targ_family, t.family) ||
	    bpf_probe_read_kernel(tcp, sizeof(tcp), head + th))
		return 0;
	t.protocol = TK_IPPROTO_TCP;
	t.sport = (__u16)tcp[0] << 8 | tcp[1];
	t.dport = (__u16)tcp[2] << 8 | tcp[3];
	if (targ_ports.n && !tk_port_pass(&targ_ports, t.sport) && !tk_port_pass(&targ_ports, t.dport))
		return 0;
	if (bpf_core_field_exists(ctx->rx_sk))
		sk = ctx->rx_sk;
	if (!sk)
		sk = BPF_CORE_READ(skb, sk);
	e = tk_reserve(sizeof(*e));
	if (!e)
		return 0;
	e->t = t;
	e->ts = bpf_ktime_get_ns();
	e->location = (__u64)ctx->location;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->reason = reason;
	e->kstack = tk_stack_kernel(ctx);
	e->state = sk ? BPF_CORE_READ(sk, __sk_common.skc_state) : -1;
	e->flags = tcp[13];
	__builtin_memset(e->pad, 0, sizeof(e->pad));
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	tk_submit(e);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
