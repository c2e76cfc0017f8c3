// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* futexctn: futex wait times per futex word and process, from the futex
 * syscall tracepoints. */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "hist.bpf.h"
#include "futexctn.h"

/* futex(2) operations (include/uapi/linux/futex.h) */
#define TK_FUTEX_WAIT			0
#define TK_FUTEX_LOCK_PI		6
#define TK_FUTEX_WAIT_BITSET		9
#define TK_FUTEX_WAIT_REQUEUE_PI	11
#define TK_FUTEX_LOCK_PI2		13
#define TK_FUTEX_PRIVATE_FLAG		128
#define TK_FUTEX_CLOCK_REALTIME		256

#define TK_EINTR	4
#define TK_ETIMEDOUT	110

const volatile bool cfg_msecs = false;	/* msecs instead of usecs */
const volatile __u64 targ_lock = 0;	/* only this futex word; 0 = any */

struct wait {
	__u64 lock;
	__u64 ts;
};

/* The wait each thread is in, keyed by thread id. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct wait);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, struct futexctn_key);
	__type(value, struct tk_hist_sum);
} hists SEC(".maps");

/* too large for the BPF stack: the initial value of a new histogram */
static struct tk_hist_sum zero_hist;

/* The operations that block until the futex word is released. */
static __always_inline bool is_wait(__u32 op)
{
	switch (op & ~(__u32)(TK_FUTEX_PRIVATE_FLAG | TK_FUTEX_CLOCK_REALTIME)) {
	case TK_FUTEX_WAIT:
	case TK_FUTEX_WAIT_BITSET:
	case TK_FUTEX_LOCK_PI:
	case TK_FUTEX_LOCK_PI2:
	case TK_FUTEX_WAIT_REQUEUE_PI:
		return true;
	}
	return false;
}

SEC("tracepoint/syscalls/sys_enter_futex")
int tp_sys_enter_futex(struct trace_event_raw_sys_enter *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct wait w = { .lock = ctx->args[0] };

	if (!is_wait((__u32)ctx->args[1]))	/* int op: the low 32 bits */
		return 0;
	if (targ_lock && w.lock != targ_lock)
		return 0;
	if (!tk_filter_pass())
		return 0;
	w.ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&start, &tid, &w, BPF_ANY);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_futex")
int tp_sys_exit_futex(struct trace_event_raw_sys_exit *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid(), now = bpf_ktime_get_ns(), delta;
	__u32 tid = (__u32)pid_tgid;
	struct futexctn_key key = {};
	struct task_struct *task;
	struct tk_hist_sum *h;
	struct wait *w;
	long ret = ctx->ret;

	w = bpf_map_lookup_elem(&start, &tid);
	if (!w)
		return 0;
	/* woken, timed out or interrupted after sleeping; other errors
	 * (EAGAIN: the word changed before the thread slept) waited for nothing */
	if ((ret < 0 && ret != -TK_ETIMEDOUT && ret != -TK_EINTR) || now < w->ts)
		goto out;
	delta = now - w->ts;
	key.lock = w->lock;
	key.pid = (__u32)(pid_tgid >> 32);
	task = (struct task_struct *)bpf_get_current_task();
	BPF_CORE_READ_STR_INTO(&key.comm, task, group_leader, comm);
	h = tk_hist_row(&hists, &key, &zero_hist);
	if (h)
		tk_hist_sum_add(h, tk_log2_slot(delta / (cfg_msecs ? 1000000 : 1000)), delta);
out:
	bpf_map_delete_elem(&start, &tid);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
