// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* syscount: count system calls (and their time) by call or by process, from
 * the raw_syscalls tracepoints. */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "table.bpf.h"
#include "syscount.h"

const volatile bool cfg_by_process = false;	/* -P: key by tgid, not by call */
const volatile bool cfg_latency = false;	/* -L: time each call */
const volatile long targ_syscall = -1;		/* --syscall: only this number */
const volatile int targ_errno = 0;		/* --errno: only calls failing so */

/* -L: entry time of the call each thread is in.  LRU: a thread that never
 * returns (exit, exit_group, killed) must not leak its entry. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(map_flags, BPF_F_NO_COMMON_LRU);
	__uint(max_entries, 10240);
	__type(key, __u64);
	__type(value, __u64);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, struct syscount_key);
	__type(value, struct syscount_value);
} counts SEC(".maps");

/* True when the current task is in a 32-bit system call (x86's TS_COMPAT,
 * set from entry to the return to user space): its number is from the
 * 32-bit table. */
static __always_inline bool compat_call(void)
{
#if defined(__TARGET_ARCH_x86)
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();

	if (bpf_core_field_exists(t->thread_info.status))
		return BPF_CORE_READ(t, thread_info.status) & 0x0002;	/* TS_COMPAT */
#endif
	return false;
}

SEC("tracepoint/raw_syscalls/sys_enter")
int tp_sys_enter(struct trace_event_raw_sys_enter *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid(), ts;

	if (targ_syscall >= 0 && (ctx->id != targ_syscall || compat_call()))
		return 0;
	if (!tk_filter_pass())
		return 0;
	ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&start, &pid_tgid, &ts, BPF_ANY);
	return 0;
}

SEC("tracepoint/raw_syscalls/sys_exit")
int tp_sys_exit(struct trace_event_raw_sys_exit *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid(), delta = 0, *tsp;
	long id = ctx->id, ret = ctx->ret;
	bool compat;
	struct syscount_value *v, zero = {};
	struct syscount_key key = {};

	if (id < 0)
		return 0;	/* no system call (a ptrace or seccomp special case) */
	compat = compat_call();
	/* --syscall names a call of the native table */
	if (targ_syscall >= 0 && (id != targ_syscall || compat))
		return 0;
	if (!tk_filter_pass())
		return 0;
	if (cfg_latency) {
		tsp = bpf_map_lookup_elem(&start, &pid_tgid);
		if (!tsp)
			return 0;	/* entered before we attached */
		delta = bpf_ktime_get_ns() - *tsp;
		bpf_map_delete_elem(&start, &pid_tgid);
	}
	if (!tk_result_pass(ret))
		return 0;
	if (targ_errno && ret != -targ_errno)
		return 0;
	key.id = cfg_by_process ? (__u32)(pid_tgid >> 32) : (__u32)id | (compat ? SYSCOUNT_COMPAT : 0);
	v = tk_table_row(&counts, &key, &zero);
	if (!v)
		return 0;	/* the map is full: counted, reported */
	__sync_fetch_and_add(&v->count, 1);
	if (cfg_latency)
		__sync_fetch_and_add(&v->total_ns, delta);
	/* the name as it is now: a process may have exec'd since its first call */
	if (cfg_by_process)
		bpf_get_current_comm(v->comm, sizeof(v->comm));
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
