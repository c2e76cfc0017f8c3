/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* tcptop: the map BPF fills and user space reads every interval. */
#ifndef TCPTOP_H
#define TCPTOP_H

#include "inet_abi.h"

/* One connection of one process. */
struct tcptop_key {
	struct tk_inet_tuple t;	/* sport is the local port */
	__u32 pid;
	__u32 pad;
};
_Static_assert(sizeof(struct tcptop_key) == 48, "tcptop key ABI");

struct tcptop_value {
	__u64 rx_bytes;		/* sock:sock_recv_length lengths */
	__u64 tx_bytes;		/* sock:sock_send_length lengths */
	char comm[16];
};
_Static_assert(sizeof(struct tcptop_value) == 32, "tcptop value ABI");

#endif
