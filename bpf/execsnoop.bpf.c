// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * execsnoop: execve and execveat from the syscall tracepoints.  argv is read
 * at entry, while the caller's memory still exists, into a pending record
 * keyed by thread; the return completes and emits it, so an exec is seen
 * however short-lived the program is.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "execsnoop.h"

const volatile __u32 cfg_max_args = EXECSNOOP_DEF_ARGS;

/* Pending execs, thread id -> the record being built.  Records are large,
 * so entries are allocated on use rather than up front. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, __u32);
	__type(value, struct execsnoop_event);
} start SEC(".maps");

/* All zero: the initial value of a pending record. */
static struct execsnoop_event empty;

/* True when the string at s goes on past the n - 1 bytes already read. */
static __always_inline bool longer_than(const char *s, __u32 n)
{
	char c = 0;

	return bpf_probe_read_user(&c, 1, s + n - 1) || c;
}

/*
 * The loop keeps the offset of the next argument in args in the record
 * (args_size), not in a register: a value loaded from a map is unknown to
 * the verifier, so the loop's states do not multiply with every sum of
 * lengths (kept in a register they did: with --max-args 40 the entry
 * program passed the verifier's 1M instructions).
 */
static __always_inline __u32 load(const __u32 *v)
{
	return *(const volatile __u32 *)v;
}

static __always_inline int enter(const char *const *argv)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct execsnoop_event *e;

	if (bpf_map_update_elem(&start, &tid, &empty, BPF_ANY))
		return 0;
	e = bpf_map_lookup_elem(&start, &tid);
	if (!e)
		return 0;
	e->tid = tid;
	/* one more than can be shown, to know there were more */
	for (__u32 i = 0; i < EXECSNOOP_MAX_ARGS + 1; i++) {
		const char *arg = NULL;
		__u32 off;
		long n;

		if (bpf_probe_read_user(&arg, sizeof(arg), &argv[i]) || !arg)
			break;
		off = load(&e->args_size);
		if (i >= cfg_max_args || off > EXECSNOOP_ARGS_SIZE - EXECSNOOP_ARG_LEN) {
			e->truncated = 1;
			break;
		}
		n = bpf_probe_read_user_str(&e->args[off], EXECSNOOP_ARG_LEN, arg);
		if (n <= 0 || n > EXECSNOOP_ARG_LEN) {
			/* not resident: say so rather than show a wrong list */
			e->truncated = 1;
			break;
		}
		if (n == EXECSNOOP_ARG_LEN && longer_than(arg, EXECSNOOP_ARG_LEN))
			e->truncated = 1;
		e->args_size = off + n;
		e->args_count++;
	}
	return 0;
}

static __always_inline int leave(long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct execsnoop_event *e;
	struct task_struct *task;
	__u32 size;

	e = bpf_map_lookup_elem(&start, &tid);
	if (!e)
		return 0;
	/* filtered here, not at entry: on success comm is the new program's */
	if (!tk_result_pass(ret) || !tk_filter_pass())
		goto out;
	task = (struct task_struct *)bpf_get_current_task();
	e->ts = bpf_ktime_get_ns();
	e->ret = (__s32)ret;
	e->pid = (__u32)(pid_tgid >> 32);
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	e->uid = (__u32)bpf_get_current_uid_gid();
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	size = e->args_size;
	if (size > EXECSNOOP_ARGS_SIZE)
		size = EXECSNOOP_ARGS_SIZE;
	tk_output(e, offsetof(struct execsnoop_event, args) + size);
out:
	bpf_map_delete_elem(&start, &tid);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_execve")
int tp_sys_enter_execve(struct trace_event_raw_sys_enter *ctx)
{
	return enter((const char *const *)ctx->args[1]);
}

SEC("tracepoint/syscalls/sys_enter_execveat")
int tp_sys_enter_execveat(struct trace_event_raw_sys_enter *ctx)
{
	return enter((const char *const *)ctx->args[2]);
}

/*
 * A thread other than the leader that execs takes over the leader's id
 * (de_thread()), and returns under it: move its pending record there.
 */
SEC("tracepoint/sched/sched_process_exec")
int tp_sched_process_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	__u32 old = (__u32)ctx->old_pid, now = (__u32)ctx->pid;
	struct execsnoop_event *e;

	if (old == now)
		return 0;
	e = bpf_map_lookup_elem(&start, &old);
	if (!e)
		return 0;
	bpf_map_update_elem(&start, &now, e, BPF_ANY);
	bpf_map_delete_elem(&start, &old);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_execve")
int tp_sys_exit_execve(struct trace_event_raw_sys_exit *ctx)
{
	return leave(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_execveat")
int tp_sys_exit_execveat(struct trace_event_raw_sys_exit *ctx)
{
	return leave(ctx->ret);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
