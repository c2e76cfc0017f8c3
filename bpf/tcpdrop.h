/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* tcpdrop: the record BPF sends to user space, one per dropped TCP packet. */
#ifndef TCPDROP_H
#define TCPDROP_H

#include "inet_abi.h"

/* Bitmap of drop reasons to report (--reason); core reasons only. */
#define TCPDROP_REASONS 256

struct tcpdrop_event {
	struct tk_inet_tuple t;	/* the packet's: s = its source, d = its destination */
	__u64 ts;		/* bpf_ktime_get_ns() */
	__u64 location;		/* kernel address that dropped it */
	__u32 pid;		/* current task (often unrelated: softirq) */
	__u32 reason;		/* enum skb_drop_reason */
	__s32 kstack;		/* kernel stack id (common/stack.h) */
	__s32 state;		/* TCP state of the packet's socket, -1 for none */
	__u8 flags;		/* TCP header flags: FIN 0x01 ... CWR 0x80 */
	__u8 pad[7];
	char comm[16];
};
_Static_assert(sizeof(struct tcpdrop_event) == 40 + 16 + 16 + 8 + 16, "tcpdrop ABI");

#endif
