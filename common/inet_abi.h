/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * ABI of the networking helpers, shared by BPF programs and user space:
 * a connection tuple as records carry it and a set of ports a BPF program
 * filters on.  Fixed-width types only.
 */
#ifndef TK_INET_ABI_H
#define TK_INET_ABI_H

#define TK_AF_INET 2
#define TK_AF_INET6 10
#define TK_IPPROTO_TCP 6
#define TK_IPPROTO_UDP 17

/*
 * The addresses and ports of one socket.  An IPv4 address sits in the first
 * 4 bytes of its array (network order), the other 12 are zero; an IPv6
 * address fills all 16.  Ports are in host order.  "s" is the local end,
 * "d" the remote one.
 */
struct tk_inet_tuple {
	__u8 saddr[16];
	__u8 daddr[16];
	__u16 family;		/* TK_AF_INET or TK_AF_INET6 */
	__u16 sport;
	__u16 dport;
	__u16 protocol;		/* IPPROTO_* */
};
_Static_assert(sizeof(struct tk_inet_tuple) == 40, "tk_inet_tuple ABI");

/* Socket options that shape a bind() (tk_sk_bind_opts()). */
#define TK_SO_FREEBIND 0x01	/* IP_FREEBIND / IPV6_FREEBIND */
#define TK_SO_TRANSPARENT 0x02	/* IP_TRANSPARENT / IPV6_TRANSPARENT */
#define TK_SO_NOPORT 0x04	/* IP_BIND_ADDRESS_NO_PORT */
#define TK_SO_REUSEADDR 0x08	/* SO_REUSEADDR */
#define TK_SO_REUSEPORT 0x10	/* SO_REUSEPORT */

/* A set of ports as a bitmap; n = 0 means "no filter: every port". */
#define TK_PORT_WORDS (65536 / 64)
struct tk_ports {
	__u64 bits[TK_PORT_WORDS];
	__u32 n;		/* ports in the set */
	__u32 pad;
};
_Static_assert(sizeof(struct tk_ports) == 8 * TK_PORT_WORDS + 8, "tk_ports ABI");

#endif
