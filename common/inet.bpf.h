/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * BPF-side networking helpers: the tuple of a struct sock (CO-RE), the
 * decoding of the sock:inet_sock_set_state tracepoint, port sets, the
 * network namespace of a socket and the socket behind a file descriptor.
 * Include after vmlinux.h and tk.bpf.h.
 */
#ifndef TK_INET_BPF_H
#define TK_INET_BPF_H

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include "inet_abi.h"

#define TK_S_IFMT 00170000
#define TK_S_IFSOCK 0140000

/* True when port is in set p, or p is empty (no filter). */
static __always_inline bool tk_port_pass(const volatile struct tk_ports *p, __u16 port)
{
	if (!p->n)
		return true;
	return (p->bits[port >> 6] >> (port & 63)) & 1;
}

/* True unless family (TK_AF_*) is excluded by want (0 = any family). */
static __always_inline bool tk_family_pass(__u16 want, __u16 family)
{
	return !want || want == family;
}

/* Fills t from socket sk: family, protocol, local address and port
 * (skc_rcv_saddr, skc_num, or inet_sport once a closed socket has given its
 * port back), remote address and port (skc_daddr, skc_dport converted to host
 * order).  Other families leave the addresses zero. */
static __always_inline void tk_sk_tuple(const struct sock *sk, struct tk_inet_tuple *t)
{
	__builtin_memset(t, 0, sizeof(*t));
	t->family = BPF_CORE_READ(sk, __sk_common.skc_family);
	t->protocol = (__u16)BPF_CORE_READ_BITFIELD_PROBED(sk, sk_protocol);
	t->sport = BPF_CORE_READ(sk, __sk_common.skc_num);
	if (!t->sport)	/* unhashed at CLOSE (inet_put_port): the port stays here */
		t->sport = bpf_ntohs(BPF_CORE_READ((const struct inet_sock *)sk, inet_sport));
	t->dport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	if (t->family == TK_AF_INET) {
		bpf_core_read(t->saddr, 4, &sk->__sk_common.skc_rcv_saddr);
		bpf_core_read(t->daddr, 4, &sk->__sk_common.skc_daddr);
	} else if (t->family == TK_AF_INET6) {
		bpf_core_read(t->saddr, 16, &sk->__sk_common.skc_v6_rcv_saddr);
		bpf_core_read(t->daddr, 16, &sk->__sk_common.skc_v6_daddr);
	}
}

/* Fills t from a sock:inet_sock_set_state record (ports already in host
 * order there).  The socket is ctx->skaddr, the states ctx->oldstate and
 * ctx->newstate (TCP_* numbers). */
static __always_inline void tk_state_tuple(const struct trace_event_raw_inet_sock_set_state *ctx,
					   struct tk_inet_tuple *t)
{
	__builtin_memset(t, 0, sizeof(*t));
	t->family = ctx->family;
	t->protocol = ctx->protocol;
	t->sport = ctx->sport;
	t->dport = ctx->dport;
	/* copied with a helper: clang may fold the arrays' offsets into a
	 * moved ctx pointer, which the verifier refuses */
	if (t->family == TK_AF_INET) {
		bpf_probe_read_kernel(t->saddr, 4, ctx->saddr);
		bpf_probe_read_kernel(t->daddr, 4, ctx->daddr);
	} else {
		bpf_probe_read_kernel(t->saddr, 16, ctx->saddr_v6);
		bpf_probe_read_kernel(t->daddr, 16, ctx->daddr_v6);
	}
}

/*
 * Fills struct tk_inet_tuple *t from the record ctx of any tracepoint that
 * carries the tuple as sport, dport (host order), family, saddr[4],
 * daddr[4], saddr_v6[16] and daddr_v6[16] (the tcp:* tracepoints, e.g.
 * tcp_retransmit_skb, tcp_retransmit_synack, tcp_send_reset); the protocol
 * is set to proto.  A macro because each tracepoint has its own record type.
 */
#define TK_TP_TUPLE(ctx, t, proto) do { \
	__builtin_memset((t), 0, sizeof(*(t))); \
	(t)->family = (ctx)->family; \
	(t)->protocol = (proto); \
	(t)->sport = (ctx)->sport; \
	(t)->dport = (ctx)->dport; \
	if ((t)->family == TK_AF_INET) { \
		bpf_probe_read_kernel((t)->saddr, 4, (ctx)->saddr); \
		bpf_probe_read_kernel((t)->daddr, 4, (ctx)->daddr); \
	} else { \
		bpf_probe_read_kernel((t)->saddr, 16, (ctx)->saddr_v6); \
		bpf_probe_read_kernel((t)->daddr, 16, (ctx)->daddr_v6); \
	} \
} while (0)

/*
 * Fills the remote end of t (family, daddr, dport) from a struct sockaddr
 * in user memory at uaddr, addrlen bytes long: a connect() or sendto()
 * argument, best read at sys_exit, when the kernel has faulted it in.
 * sk_family is the socket's family: an AF_INET address given to an AF_INET6
 * socket becomes IPv4-mapped (::ffff:a.b.c.d) as the kernel connects it,
 * and t->family stays AF_INET6.  An address shorter than its family's
 * leaves daddr zero.  The local end is kept, unless the address's family
 * differs from the socket's (an AF_INET6 address to an AF_INET socket, which
 * the kernel refuses): saddr is then zeroed.  Returns false when
 * the address is neither AF_INET nor AF_INET6 (AF_UNSPEC, unreadable).
 */
static __always_inline bool tk_user_sockaddr_dest(const void *uaddr, __u32 addrlen, __u16 sk_family,
						  struct tk_inet_tuple *t)
{
	__u16 family = 0, port = 0;

	if (addrlen < sizeof(family) || bpf_probe_read_user(&family, sizeof(family), uaddr))
		return false;
	if (family != TK_AF_INET && family != TK_AF_INET6)
		return false;
	if (addrlen >= 4)
		bpf_probe_read_user(&port, sizeof(port), uaddr + 2);
	t->dport = bpf_ntohs(port);
	__builtin_memset(t->daddr, 0, sizeof(t->daddr));
	if (family == TK_AF_INET6) {
		t->family = TK_AF_INET6;
		if (sk_family != TK_AF_INET6)
			__builtin_memset(t->saddr, 0, sizeof(t->saddr));
		if (addrlen >= 24)	/* sin6_addr at 8; the kernel wants 24 bytes */
			bpf_probe_read_user(t->daddr, 16, uaddr + 8);
	} else if (sk_family == TK_AF_INET6) {
		t->family = TK_AF_INET6;
		t->daddr[10] = 0xff;
		t->daddr[11] = 0xff;
		if (addrlen >= 8)	/* sin_addr at 4 */
			bpf_probe_read_user(&t->daddr[12], 4, uaddr + 4);
	} else {
		t->family = TK_AF_INET;
		if (addrlen >= 8)
			bpf_probe_read_user(t->daddr, 4, uaddr + 4);
	}
	return true;
}

/* Inode number of the network namespace of sk (what /proc/PID/ns/net
 * names), or 0 on a kernel without network namespaces. */
static __always_inline __u32 tk_sk_netns(const struct sock *sk)
{
	/* possible_net_t has no member without CONFIG_NET_NS */
	if (!bpf_core_field_exists(sk->__sk_common.skc_net.net))
		return 0;
	return BPF_CORE_READ(sk, __sk_common.skc_net.net, ns.inum);
}

/*
 * Kernel-layout shim: Linux 6.6 moved inet_sock's freebind, transparent and
 * bind_address_no_port bitfields into bits of inet_sock->inet_flags (the
 * series with "inet: move inet->freebind to inet->inet_flags" and the
 * matching transparent and bind_address_no_port commits).  This is the
 * layout before it.
 */
struct inet_sock___tk_bits {
	__u8 freebind: 1;
	__u8 transparent: 1;
	__u8 bind_address_no_port: 1;
} __attribute__((preserve_access_index));

/* Bits of inet_flags (an anonymous enum in the kernel, so CO-RE cannot
 * relocate them; unchanged since they appeared in 6.6). */
#define TK_INET_FLAGS_FREEBIND 11
#define TK_INET_FLAGS_TRANSPARENT 15
#define TK_INET_FLAGS_BIND_ADDRESS_NO_PORT 18

/* TK_SO_* options set on socket sk, of either layout. */
static __always_inline __u32 tk_sk_bind_opts(const struct sock *sk)
{
	const struct inet_sock *inet = (const void *)sk;
	const struct inet_sock___tk_bits *old = (const void *)sk;
	__u32 o = 0;

	if (bpf_core_field_exists(inet->inet_flags)) {
		unsigned long f = BPF_CORE_READ(inet, inet_flags);

		if (f & (1UL << TK_INET_FLAGS_FREEBIND))
			o |= TK_SO_FREEBIND;
		if (f & (1UL << TK_INET_FLAGS_TRANSPARENT))
			o |= TK_SO_TRANSPARENT;
		if (f & (1UL << TK_INET_FLAGS_BIND_ADDRESS_NO_PORT))
			o |= TK_SO_NOPORT;
	} else {
		if (BPF_CORE_READ_BITFIELD_PROBED(old, freebind))
			o |= TK_SO_FREEBIND;
		if (BPF_CORE_READ_BITFIELD_PROBED(old, transparent))
			o |= TK_SO_TRANSPARENT;
		if (BPF_CORE_READ_BITFIELD_PROBED(old, bind_address_no_port))
			o |= TK_SO_NOPORT;
	}
	if (BPF_CORE_READ_BITFIELD_PROBED(sk, __sk_common.skc_reuse))
		o |= TK_SO_REUSEADDR;
	if (BPF_CORE_READ_BITFIELD_PROBED(sk, __sk_common.skc_reuseport))
		o |= TK_SO_REUSEPORT;
	return o;
}

/* The struct socket behind file descriptor fd of the current task, or NULL
 * when fd is not open or not a socket.  Call from the task's own context
 * (a syscall tracepoint): the table is read without locks. */
static __always_inline struct socket *tk_fd_socket(long fd)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	struct file **fds;
	struct file *f = NULL;
	unsigned int mode;

	if (!fdt || fd < 0 || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	bpf_core_read(&f, sizeof(f), &fds[fd]);
	if (!f)
		return NULL;
	mode = BPF_CORE_READ(f, f_inode, i_mode);
	if ((mode & TK_S_IFMT) != TK_S_IFSOCK)
		return NULL;
	return BPF_CORE_READ(f, private_data);
}

/* The TCP socket (IPv4 or IPv6) behind file descriptor fd of the current
 * task, its tuple in t; NULL when fd is anything else.  Same context rule
 * as tk_fd_socket(). */
static __always_inline struct sock *tk_fd_tcp_sock(long fd, struct tk_inet_tuple *t)
{
	struct socket *sock = tk_fd_socket(fd);
	struct sock *sk;

	if (!sock)
		return NULL;
	sk = BPF_CORE_READ(sock, sk);
	if (!sk)
		return NULL;
	tk_sk_tuple(sk, t);
	if (t->protocol != TK_IPPROTO_TCP || (t->family != TK_AF_INET && t->family != TK_AF_INET6))
		return NULL;
	return sk;
}

#endif
