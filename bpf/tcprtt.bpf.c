// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * tcprtt: the smoothed RTT of TCP connections from tcp:tcp_probe, which runs
 * for every segment an established socket receives and carries the socket's
 * srtt (microseconds) and its addresses as sockaddrs.
 */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "inet.bpf.h"
#include "hist.bpf.h"
#include "tcprtt.h"

const volatile struct tk_ports targ_lports = {};
const volatile struct tk_ports targ_rports = {};
const volatile struct tcprtt_addr targ_laddr = {};
const volatile struct tcprtt_addr targ_raddr = {};
const volatile __u16 targ_family = 0;
const volatile bool cfg_msecs = false;
const volatile bool cfg_by_laddr = false;
const volatile bool cfg_by_raddr = false;
const volatile bool cfg_by_lport = false;
const volatile bool cfg_by_rport = false;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, struct tcprtt_key);
	__type(value, struct tk_hist_sum);
} hists SEC(".maps");

/* too large for the BPF stack: the initial value of a new histogram */
static struct tk_hist_sum zero_hist;

/* The address in a sockaddr_in (offset 4) or sockaddr_in6 (offset 8). */
static __always_inline void sockaddr_addr(const __u8 *sa, __u16 family, __u8 *out)
{
	if (family == TK_AF_INET)
		bpf_probe_read_kernel(out, 4, sa + 4);
	else
		bpf_probe_read_kernel(out, 16, sa + 8);
}

static __always_inline bool addr_pass(const volatile struct tcprtt_addr *want, __u16 family,
				      const __u8 *addr)
{
	if (!want->family)
		return true;
	if (want->family != family)
		return false;
	for (int i = 0; i < 16; i++)
		if (want->addr[i] != addr[i])
			return false;
	return true;
}

SEC("tracepoint/tcp/tcp_probe")
int tp_tcp_probe(struct trace_event_raw_tcp_probe *ctx)
{
	__u16 family = ctx->family;
	struct tcprtt_key k = {};
	__u8 la[16] = {}, ra[16] = {};
	struct tk_hist_sum *h;
	__u64 srtt = ctx->srtt;
	__u32 slot;

	if ((family != TK_AF_INET && family != TK_AF_INET6) || !tk_family_pass(targ_family, family) ||
	    !tk_port_pass(&targ_lports, ctx->sport) || !tk_port_pass(&targ_rports, ctx->dport))
		return 0;
	sockaddr_addr(ctx->saddr, family, la);
	sockaddr_addr(ctx->daddr, family, ra);
	if (!addr_pass(&targ_laddr, family, la) || !addr_pass(&targ_raddr, family, ra))
		return 0;
	if (cfg_by_laddr)
		__builtin_memcpy(k.laddr, la, 16);
	if (cfg_by_raddr)
		__builtin_memcpy(k.raddr, ra, 16);
	if (cfg_by_laddr || cfg_by_raddr)
		k.family = family;
	if (cfg_by_lport)
		k.lport = ctx->sport;
	if (cfg_by_rport)
		k.rport = ctx->dport;
	/* masked, not only clamped: with the division clang checks the bound
	 * on one register and indexes with another, which the verifier refuses */
	slot = tk_log2_slot(cfg_msecs ? srtt / 1000 : srtt) & (TK_HIST_SLOTS - 1);
	h = tk_hist_row(&hists, &k, &zero_hist);
	if (h)
		tk_hist_sum_add(h, slot, srtt);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
