/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* tcpretrans: the record BPF sends to user space and the --count map. */
#ifndef TCPRETRANS_H
#define TCPRETRANS_H

#include "inet_abi.h"

enum tcpretrans_kind {
	TCPRETRANS_SEGMENT = 1,	/* tcp:tcp_retransmit_skb */
	TCPRETRANS_SYNACK = 2,	/* tcp:tcp_retransmit_synack */
	TCPRETRANS_TLP = 3,	/* tcp_send_loss_probe() (fentry/kprobe, -l) */
};

struct tcpretrans_event {
	struct tk_inet_tuple t;	/* sport is the local port */
	__u64 ts;		/* bpf_ktime_get_ns() */
	__u32 pid;		/* current task (often 0: a timer) */
	__s32 state;		/* TCP state of the socket */
	__u32 kind;		/* enum tcpretrans_kind */
	__u32 pad;
};
_Static_assert(sizeof(struct tcpretrans_event) == 40 + 8 + 16, "tcpretrans ABI");

/* --count: one connection and kind -> retransmits */
struct tcpretrans_key {
	struct tk_inet_tuple t;
	__u32 kind;
	__u32 pad;
};
_Static_assert(sizeof(struct tcpretrans_key) == 48, "tcpretrans key ABI");

#endif
