/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* bindsnoop: the record BPF sends to user space. */
#ifndef BINDSNOOP_H
#define BINDSNOOP_H

struct bindsnoop_event {
	__u8 addr[16];		/* as passed; IPv4 in the first 4 bytes */
	__u64 ts;		/* bpf_ktime_get_ns() at return */
	__s32 ret;		/* 0 or -errno */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__s32 bound_dev_if;	/* SO_BINDTODEVICE interface index, 0 = none */
	__u16 family;		/* TK_AF_INET or TK_AF_INET6 */
	__u16 port;		/* as passed, host order */
	__u16 proto;		/* IPPROTO_*, 0 when the fd is not a socket */
	__u8 opts;		/* TK_SO_* */
	__u8 pad[5];
	char comm[16];
};
_Static_assert(sizeof(struct bindsnoop_event) == 16 + 8 + 20 + 6 + 6 + 16, "bindsnoop ABI");

#endif
