/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * BPF-side library every tool includes after vmlinux.h: the standard filter,
 * the "events" ring buffer with loss accounting and batched wakeups.
 */
#ifndef TK_BPF_H
#define TK_BPF_H

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include "tk_abi.h"

#ifndef TK_NO_EVENTS
/* Ring buffer size is set by user space before load. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

/* Failed reservations, per CPU; user space sums and reports them. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} tk_lost SEC(".maps");

/* Submit with a wakeup only once this much data waits; user space also
 * polls on a short timeout, so a quiet ring is still drained promptly. */
const volatile __u64 tk_wakeup_bytes = 0;
#endif

const volatile struct tk_filter tk_filter = {};

struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} tk_cgroup SEC(".maps");

/* True when the current task passes the user's pid/tid/uid/comm/cgroup filter. */
static __always_inline bool tk_filter_pass(void)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();

	if (tk_filter.pid && (__u32)(pid_tgid >> 32) != tk_filter.pid)
		return false;
	if ((__u32)(pid_tgid >> 32) == tk_filter.self)
		return false;
	if (tk_filter.tid && (__u32)pid_tgid != tk_filter.tid)
		return false;
	if (tk_filter.uid_set && (__u32)bpf_get_current_uid_gid() != tk_filter.uid)
		return false;
	if (tk_filter.comm_set) {
		char comm[TK_COMM_LEN];

		bpf_get_current_comm(comm, sizeof(comm));
		for (int i = 0; i < TK_COMM_LEN; i++) {
			if (comm[i] != tk_filter.comm[i])
				return false;
			if (!comm[i])
				break;
		}
	}
	if (tk_filter.cgroup_set && bpf_current_task_under_cgroup(&tk_cgroup, 0) != 1)
		return false;
	return true;
}

/* True unless -x asked for failed operations only and ret says success
 * (ret >= 0; the syscall convention, -errno on failure). */
static __always_inline bool tk_result_pass(long ret)
{
	return !tk_filter.failed || ret < 0;
}

#ifndef TK_NO_EVENTS
/* Counts one event that did not fit in the ring buffer. */
static __always_inline void tk_count_lost(void)
{
	__u32 zero = 0;
	__u64 *lost = bpf_map_lookup_elem(&tk_lost, &zero);

	if (lost)
		(*lost)++;
}

/* Reserve an event; on failure count the loss and return NULL. */
static __always_inline void *tk_reserve(__u64 size)
{
	void *e = bpf_ringbuf_reserve(&events, size, 0);

	if (!e)
		tk_count_lost();
	return e;
}

/* Copy size bytes at data into the ring as one record (for records whose
 * size is only known at run time), counting a loss like tk_reserve(). */
static __always_inline void tk_output(void *data, __u64 size)
{
	__u64 flags = BPF_RB_NO_WAKEUP;

	if (bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) + size >= tk_wakeup_bytes)
		flags = BPF_RB_FORCE_WAKEUP;
	if (bpf_ringbuf_output(&events, data, size, flags))
		tk_count_lost();
}

/* Submit an event reserved with tk_reserve(), waking user space in batches. */
static __always_inline void tk_submit(void *e)
{
	__u64 flags = BPF_RB_NO_WAKEUP;

	if (bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= tk_wakeup_bytes)
		flags = BPF_RB_FORCE_WAKEUP;
	bpf_ringbuf_submit(e, flags);
}
#endif

/* The value of key in hash map map, created from init when missing; NULL
 * when the map is full, the lost update then counted in the per-CPU
 * counter full_map (which user space reports, never losing it silently).
 * tk_hist_row() and tk_table_row() pass their counters. */
static __always_inline void *tk_map_row(void *map, const void *key, const void *init,
					void *full_map)
{
	__u32 zero = 0;
	__u64 *full;
	void *val = bpf_map_lookup_elem(map, key);

	if (val)
		return val;
	bpf_map_update_elem(map, key, init, BPF_NOEXIST);
	val = bpf_map_lookup_elem(map, key);
	if (!val) {
		full = bpf_map_lookup_elem(full_map, &zero);
		if (full)
			(*full)++;
	}
	return val;
}

/* bpf_probe_read_user_str() that counts "" as 1 byte (its NUL): kernels
 * before a 2025 fix to strncpy_from_user_nofault() (Debian's 6.1 and 6.12
 * among them) return 0 for an empty string, which reads like a failure.
 * Returns the length with the NUL, or a negative error. */
static __always_inline long tk_read_user_str(char *dst, __u32 size, const void *src)
{
	long n = bpf_probe_read_user_str(dst, size, src);

	if (n == 0) {
		dst[0] = '\0';
		n = 1;
	}
	return n;
}

#endif
