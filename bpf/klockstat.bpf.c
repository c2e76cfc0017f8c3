// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* klockstat: kernel lock wait times per caller (and lock), from the
 * lock:contention_begin and lock:contention_end tracepoints (Linux 5.19+).
 * Both fire in the waiting task: a wait is the time from the first begin of
 * a task on a lock to the end on that lock. */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "table.bpf.h"
#include "stack.bpf.h"
#include "klockstat.h"

const volatile bool cfg_per_lock = false;	/* --per-lock: key by lock too */
const volatile __u64 targ_lock = 0;		/* -L: only this lock address */

/* A wait in progress, by thread and lock: the same task may wait for a
 * spinlock while it waits for a mutex (its wait_lock), so the lock is part
 * of the key.  LRU: a wait whose end we miss must not leak. */
struct wait_key {
	__u64 lock;
	__u32 tid;
	__u32 pad;
};

struct wait {
	__u64 ts;
	__u32 flags;
	__s32 stack_id;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 10240);
	__type(key, struct wait_key);
	__type(value, struct wait);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, struct klockstat_key);
	__type(value, struct klockstat_value);
} waits SEC(".maps");

static __always_inline int on_begin(void *ctx, __u64 lock, __u32 flags)
{
	struct wait_key k = { .lock = lock, .tid = (__u32)bpf_get_current_pid_tgid() };
	struct wait w = { .flags = flags }, *old;

	if (targ_lock && lock != targ_lock)
		return 0;
	if (!tk_filter_pass())
		return 0;
	/* a mutex begins once for its optimistic spin and again before it
	 * sleeps: the wait runs from the first */
	old = bpf_map_lookup_elem(&start, &k);
	if (old) {
		old->flags |= flags;
		return 0;
	}
	w.ts = bpf_ktime_get_ns();
	w.stack_id = tk_stack_kernel(ctx);
	bpf_map_update_elem(&start, &k, &w, BPF_NOEXIST);
	return 0;
}

static __always_inline int on_end(__u64 lock)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid(), delta;
	struct wait_key k = { .lock = lock, .tid = (__u32)pid_tgid };
	struct klockstat_key key = {};
	struct klockstat_value *v, zero = {};
	struct wait *w;

	w = bpf_map_lookup_elem(&start, &k);
	if (!w)
		return 0;	/* began before we attached, or filtered out */
	delta = bpf_ktime_get_ns() - w->ts;
	key.stack_id = w->stack_id;
	key.lock = cfg_per_lock ? lock : 0;
	v = tk_table_row(&waits, &key, &zero);
	if (v) {
		__sync_fetch_and_add(&v->count, 1);
		__sync_fetch_and_add(&v->total_ns, delta);
		__sync_fetch_and_or(&v->flags, w->flags);
		if (delta > v->max_ns) {	/* racy across CPUs: good enough for a maximum */
			v->max_ns = delta;
			v->max_lock = lock;
			v->max_tid = (__u32)pid_tgid;
			v->max_pid = (__u32)(pid_tgid >> 32);
			bpf_get_current_comm(v->max_comm, sizeof(v->max_comm));
		}
	}
	bpf_map_delete_elem(&start, &k);
	return 0;
}

SEC("tp_btf/contention_begin")
int BPF_PROG(tp_btf_contention_begin, void *lock, unsigned int flags)
{
	return on_begin(ctx, (__u64)lock, flags);
}

SEC("raw_tp/contention_begin")
int BPF_PROG(raw_tp_contention_begin, void *lock, unsigned int flags)
{
	return on_begin(ctx, (__u64)lock, flags);
}

SEC("tracepoint/lock/contention_begin")
int tp_contention_begin(struct trace_event_raw_contention_begin *ctx)
{
	return on_begin(ctx, (__u64)ctx->lock_addr, ctx->flags);
}

SEC("tp_btf/contention_end")
int BPF_PROG(tp_btf_contention_end, void *lock, int ret)
{
	return on_end((__u64)lock);
}

SEC("raw_tp/contention_end")
int BPF_PROG(raw_tp_contention_end, void *lock, int ret)
{
	return on_end((__u64)lock);
}

SEC("tracepoint/lock/contention_end")
int tp_contention_end(struct trace_event_raw_contention_end *ctx)
{
	return on_end((__u64)ctx->lock_addr);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
