/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* tcplife: the record BPF sends to user space, one per closed connection. */
#ifndef TCPLIFE_H
#define TCPLIFE_H

#include "inet_abi.h"

struct tcplife_event {
	struct tk_inet_tuple t;	/* sport is the local port */
	__u64 ts;		/* bpf_ktime_get_ns() at the close */
	__u64 span_ns;		/* first state change seen to CLOSE */
	__u64 tx_bytes;		/* tcp_sock bytes_acked */
	__u64 rx_bytes;		/* tcp_sock bytes_received */
	__u32 pid;		/* owning process, 0 when never seen */
	__u32 pad;
	char comm[16];
};
_Static_assert(sizeof(struct tcplife_event) == 40 + 32 + 8 + 16, "tcplife ABI");

#endif
