/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Active TCP opens seen through sock:inet_sock_set_state, for tools that
 * report who connected where and how it ended.  The CLOSE -> SYN_SENT
 * transition runs in the connecting task (connect(), sendto() with
 * MSG_FASTOPEN), so tk_connect_begin() records that task against the
 * socket; the next transition out of SYN_SENT (to ESTABLISHED, or to CLOSE
 * on a refused, timed out or abandoned attempt) runs in any context and
 * finds the record with tk_connect_lookup().
 * Include after vmlinux.h, tk.bpf.h and inet.bpf.h.
 */
#ifndef TK_TCPCONN_BPF_H
#define TK_TCPCONN_BPF_H

#define TK_TCP_ESTABLISHED 1
#define TK_TCP_SYN_SENT 2
#define TK_TCP_CLOSE 7
#define TK_ECONNABORTED 103

/* Who started an active open, and when. */
struct tk_conn_start {
	__u64 ts;		/* bpf_ktime_get_ns() at SYN_SENT */
	__u32 pid;
	__u32 tid;
	__u32 uid;
	__u32 pad;
	char comm[TK_COMM_LEN];
};

/* socket address -> its connecting task; LRU, so attempts the tool never
 * sees end (it started late or stopped early) cannot fill it. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, __u64);
	__type(value, struct tk_conn_start);
} tk_connecting SEC(".maps");

/* Records the current task as the one opening skaddr, if it passes the
 * standard filter.  Call on CLOSE -> SYN_SENT.  Returns true if recorded. */
static __always_inline bool tk_connect_begin(const void *skaddr)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u64 key = (__u64)skaddr;
	struct tk_conn_start s = {};

	if (!tk_filter_pass())
		return false;
	s.ts = bpf_ktime_get_ns();
	s.pid = (__u32)(pid_tgid >> 32);
	s.tid = (__u32)pid_tgid;
	s.uid = (__u32)bpf_get_current_uid_gid();
	bpf_get_current_comm(s.comm, sizeof(s.comm));
	bpf_map_update_elem(&tk_connecting, &key, &s, BPF_ANY);
	return true;
}

/* The record of skaddr, or NULL when its open was not recorded. */
static __always_inline struct tk_conn_start *tk_connect_lookup(const void *skaddr)
{
	__u64 key = (__u64)skaddr;

	return bpf_map_lookup_elem(&tk_connecting, &key);
}

/* Drops the record of skaddr (after the outcome was reported). */
static __always_inline void tk_connect_forget(const void *skaddr)
{
	__u64 key = (__u64)skaddr;

	bpf_map_delete_elem(&tk_connecting, &key);
}

/* Outcome of a transition out of SYN_SENT: 0 when newstate is ESTABLISHED,
 * else the socket's error (ECONNREFUSED, ETIMEDOUT, ...), or ECONNABORTED
 * when the kernel left none (the socket was closed while connecting). */
static __always_inline int tk_connect_result(const void *skaddr, int newstate)
{
	int err;

	if (newstate == TK_TCP_ESTABLISHED)
		return 0;
	err = BPF_CORE_READ((const struct sock *)skaddr, sk_err);
	return err > 0 ? err : TK_ECONNABORTED;
}

#endif
