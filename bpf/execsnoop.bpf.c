// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * execsnoop: execve and execveat from the syscall tracepoints.  argv is read
 * at entry, while the caller's memory still exists, into a pending record
 * keyed by thread; the return completes and emits it, so an exec is seen
 * however short-lived the program is.
 *
 * BPF cannot fault pages in, so an argument in a caller's page that is not
 * resident (a string literal in never-touched read-only data) cannot be read
 * at entry.  A successful exec's arguments are therefore read again at the
 * return from the new program's stack, [mm->arg_start, mm->arg_end): the
 * kernel has just copied them there, NUL-separated, so those pages are
 * resident.  The entry copy stays when that read fails, when the call failed
 * (the caller's memory is all there is), and when the new list is not the
 * one passed: a script's interpreter (binfmt_script, binfmt_misc) gets its
 * own argv, and an empty argv gets "" -- told apart by the argument count.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "execsnoop.h"

const volatile __u32 cfg_max_args = EXECSNOOP_DEF_ARGS;

/* Arguments counted at most: one more than can be shown. */
#define ARGC_CAP (EXECSNOOP_MAX_ARGS + 1)
#define ARGC_UNKNOWN 0xffffffffu	/* the caller's argv array was unreadable */

/* A pending exec: the record with the arguments read at entry, how many
 * arguments the caller passed (up to ARGC_CAP, or ARGC_UNKNOWN), whether a
 * read failed (the entry copy is then cut short), and whether enter() has
 * stopped reading strings. */
struct pending {
	struct execsnoop_event ev;
	__u32 argc;
	__u32 faulted;
	__u32 done;
};

/* Pending execs, thread id -> the record being built.  Records are large,
 * so entries are allocated on use rather than up front. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, __u32);
	__type(value, struct pending);
} start SEC(".maps");

/* The record rebuilt from the new program's stack.  A string is read into
 * args at its offset with room for EXECSNOOP_ARGS_SIZE bytes, so that its
 * whole length is known (where the next one starts) before it is cut: the
 * read runs on into spill. */
struct mm_args {
	struct execsnoop_event ev;
	char spill[EXECSNOOP_ARGS_SIZE];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct mm_args);
} scratch SEC(".maps");

/* All zero: the initial value of a pending record. */
static struct pending empty;

/* True when the string at s goes on past the n - 1 bytes already read. */
static __always_inline bool longer_than(const char *s, __u32 n)
{
	char c = 0;

	return bpf_probe_read_user(&c, 1, s + n - 1) || c;
}

/*
 * The loops keep their state in the record, not in registers: the offset
 * of the next argument in args (args_size) and, at entry, whether strings
 * are still read (done).  A value loaded from a map is unknown to the
 * verifier, so the loop's states do not multiply with every sum of lengths
 * and every place the reading stopped (kept in registers they did: with
 * --max-args 40 the entry program passed the verifier's 1M instructions).
 */
static __always_inline __u32 load(const __u32 *v)
{
	return *(const volatile __u32 *)v;
}

static __always_inline int enter(const char *const *argv)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct execsnoop_event *e;
	struct pending *p;

	if (bpf_map_update_elem(&start, &tid, &empty, BPF_ANY))
		return 0;
	p = bpf_map_lookup_elem(&start, &tid);
	if (!p)
		return 0;
	e = &p->ev;
	e->tid = tid;
	if (!argv)
		return 0;	/* NULL: no arguments, as Linux takes it */
	/* after the last argument shown, only count the pointers */
	for (__u32 i = 0; i < ARGC_CAP; i++) {
		const char *arg = NULL;
		__u32 off;
		long n;

		if (bpf_probe_read_user(&arg, sizeof(arg), &argv[i])) {
			p->argc = ARGC_UNKNOWN;
			p->faulted = 1;
			e->truncated = 1;
			break;
		}
		if (!arg)
			break;
		p->argc = i + 1;
		if (load(&p->done))
			continue;
		off = load(&e->args_size);
		if (i >= cfg_max_args || off > EXECSNOOP_ARGS_SIZE - EXECSNOOP_ARG_LEN) {
			e->truncated = 1;
			p->done = 1;
			continue;
		}
		n = tk_read_user_str(&e->args[off], EXECSNOOP_ARG_LEN, arg);
		if (n <= 0 || n > EXECSNOOP_ARG_LEN) {
			/* not resident: say so rather than show a wrong list */
			p->faulted = 1;
			e->truncated = 1;
			p->done = 1;
			continue;
		}
		if (n == EXECSNOOP_ARG_LEN && longer_than(arg, EXECSNOOP_ARG_LEN))
			e->truncated = 1;
		e->args_size = off + n;
		e->args_count++;
	}
	return 0;
}

/*
 * Fills m->ev's arguments from the current (new) mm's argument area, with
 * the rules of enter(): at most cfg_max_args, each cut at EXECSNOOP_ARG_LEN.
 * Returns false when the area cannot be read, or holds another number of
 * strings than the caller passed (argc, from enter()), or when more than
 * ARGC_CAP were passed (too many to compare) and the caller's copy is whole
 * (!faulted): the caller's copy then stands.
 */
static __always_inline bool args_from_mm(struct mm_args *m, __u32 argc, bool faulted)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct mm_struct *mm = BPF_CORE_READ(task, mm);
	struct execsnoop_event *e = &m->ev;
	__u64 arg_start, arg_end, len, pos = 0;
	__u32 i;

	if (!mm)
		return false;
	arg_start = BPF_CORE_READ(mm, arg_start);
	arg_end = BPF_CORE_READ(mm, arg_end);
	if (!arg_start || arg_end <= arg_start)
		return false;
	len = arg_end - arg_start;
	e->args_count = 0;
	e->args_size = 0;
	e->truncated = 0;
	for (i = 0; i < ARGC_CAP && pos < len; i++) {
		const char *arg = (const char *)(arg_start + pos);
		__u32 off = load(&e->args_size);
		long n;

		if (i < cfg_max_args && off <= EXECSNOOP_ARGS_SIZE - EXECSNOOP_ARG_LEN) {
			n = tk_read_user_str(&e->args[off], EXECSNOOP_ARGS_SIZE, arg);
			if (n <= 0 || n >= EXECSNOOP_ARGS_SIZE)
				return false;	/* unreadable, or too long to step over */
			if (n > EXECSNOOP_ARG_LEN) {
				e->args[off + EXECSNOOP_ARG_LEN - 1] = 0;
				e->truncated = 1;
				e->args_size = off + EXECSNOOP_ARG_LEN;
			} else {
				e->args_size = off + n;
			}
			e->args_count++;
		} else {
			/* not shown: only its length, to count what follows */
			n = tk_read_user_str(m->spill, sizeof(m->spill), arg);
			if (n <= 0 || n >= (long)sizeof(m->spill))
				return false;
			e->truncated = 1;
		}
		pos += n;
	}
	/* i strings read; pos < len when there were more than ARGC_CAP */
	if (argc < ARGC_CAP)
		return i == argc && pos >= len;
	/* too many to compare, or unknown: better than a copy cut short */
	return faulted;
}

static __always_inline int leave(long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct execsnoop_event *e;
	struct task_struct *task;
	struct mm_args *m;
	struct pending *p;
	__u32 zero = 0;
	__u32 size;

	p = bpf_map_lookup_elem(&start, &tid);
	if (!p)
		return 0;
	/* filtered here, not at entry: on success comm is the new program's */
	if (!tk_result_pass(ret) || !tk_filter_pass())
		goto out;
	e = &p->ev;
	if (ret == 0) {
		m = bpf_map_lookup_elem(&scratch, &zero);
		if (m && args_from_mm(m, p->argc, p->faulted)) {
			m->ev.tid = e->tid;
			e = &m->ev;
		}
	}
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
	struct pending *p;

	if (old == now)
		return 0;
	p = bpf_map_lookup_elem(&start, &old);
	if (!p)
		return 0;
	bpf_map_update_elem(&start, &now, p, BPF_ANY);
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
