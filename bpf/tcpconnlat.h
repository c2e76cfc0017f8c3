/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* tcpconnlat: the record BPF sends to user space. */
#ifndef TCPCONNLAT_H
#define TCPCONNLAT_H

#include "inet_abi.h"

struct tcpconnlat_event {
	struct tk_inet_tuple t;	/* sport is the local port */
	__u64 ts;		/* bpf_ktime_get_ns() at ESTABLISHED */
	__u64 lat_ns;		/* SYN_SENT to ESTABLISHED */
	__u32 pid;		/* the connecting task */
	__u32 tid;
	char comm[16];
};
_Static_assert(sizeof(struct tcpconnlat_event) == 40 + 16 + 8 + 16, "tcpconnlat ABI");

#endif
