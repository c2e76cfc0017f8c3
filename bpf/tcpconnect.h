/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* tcpconnect: the record BPF sends to user space. */
#ifndef TCPCONNECT_H
#define TCPCONNECT_H

#include "inet_abi.h"

struct tcpconnect_event {
	struct tk_inet_tuple t;	/* sport is the local port */
	__u64 ts;		/* bpf_ktime_get_ns() at the outcome */
	__u32 pid;		/* the connecting task */
	__u32 tid;
	__u32 uid;
	__s32 err;		/* 0 established, else errno */
	char comm[16];
};
_Static_assert(sizeof(struct tcpconnect_event) == 40 + 8 + 16 + 16, "tcpconnect ABI");

/* --count: attempts per local address, remote address and port. */
struct tcpconnect_key {
	__u8 saddr[16];
	__u8 daddr[16];
	__u16 family;
	__u16 dport;
	__u32 pad;
};
_Static_assert(sizeof(struct tcpconnect_key) == 40, "tcpconnect key ABI");

struct tcpconnect_count {
	__u64 count;
};

#endif
