/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * BPF-side helpers for tools that see a system call at sys_enter and report
 * it at sys_exit: the arguments are saved per thread at entry and picked up
 * again at return, when the return value is known and user memory the call
 * read has been faulted in.
 *
 * Including this header defines the map "start" (thread id -> struct
 * tk_sys_args); a tool that includes it does not define its own "start".
 * Include after vmlinux.h and tk.bpf.h.
 */
#ifndef TK_SYSCALL_BPF_H
#define TK_SYSCALL_BPF_H

/* Calls in flight at once, across all threads; override before including. */
#ifndef TK_SYS_INFLIGHT
#define TK_SYS_INFLIGHT 10240
#endif

/* What is kept between entry and return of one call. */
struct tk_sys_args {
	__u64 args[6];	/* the raw syscall arguments, or values the tool chose */
	__u64 ts;	/* bpf_ktime_get_ns() at entry (set by tk_sys_save) */
	__u32 id;	/* which call, in the tool's own numbering */
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, TK_SYS_INFLIGHT);
	__type(key, __u32);
	__type(value, struct tk_sys_args);
} start SEC(".maps");

/*
 * Saves *a (copied; a->ts is set here) for the current thread, replacing
 * what an earlier unfinished call left.  The caller has applied its filters.
 * Returns 0 or a negative errno (map full).
 */
static __always_inline long tk_sys_save(struct tk_sys_args *a)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();

	a->ts = bpf_ktime_get_ns();
	return bpf_map_update_elem(&start, &tid, a, BPF_ANY);
}

/*
 * Copies the first nargs (0..6; a constant) raw arguments of a sys_enter
 * tracepoint's record into a->args, leaving the others as they are.  nargs
 * must not exceed the call's own count: the kernel refuses to attach a
 * program that reads past the tracepoint's record.
 */
static __always_inline void tk_sys_read_args(const struct trace_event_raw_sys_enter *ctx,
					     struct tk_sys_args *a, const int nargs)
{
	/* one by one: a variable offset into the context is rejected */
	if (nargs > 0)
		a->args[0] = ctx->args[0];
	if (nargs > 1)
		a->args[1] = ctx->args[1];
	if (nargs > 2)
		a->args[2] = ctx->args[2];
	if (nargs > 3)
		a->args[3] = ctx->args[3];
	if (nargs > 4)
		a->args[4] = ctx->args[4];
	if (nargs > 5)
		a->args[5] = ctx->args[5];
}

/*
 * For a sys_enter tracepoint: when the current task passes the standard
 * filter (tk_filter_pass), saves the call's first nargs raw arguments
 * (tk_sys_read_args) under id, the others as 0.  Returns true when they
 * were saved.
 */
static __always_inline bool tk_sys_enter(const struct trace_event_raw_sys_enter *ctx, __u32 id,
					 const int nargs)
{
	struct tk_sys_args a = { .id = id };

	if (!tk_filter_pass())
		return false;
	tk_sys_read_args(ctx, &a, nargs);
	return tk_sys_save(&a) == 0;
}

/*
 * For a sys_exit tracepoint: the arguments the current thread saved for
 * call id, or NULL (not saved, filtered out, or saved by another call that
 * never returned).  The pointer is into the map, valid until tk_sys_forget().
 */
static __always_inline struct tk_sys_args *tk_sys_lookup(__u32 id)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct tk_sys_args *a = bpf_map_lookup_elem(&start, &tid);

	if (!a || a->id != id)
		return NULL;
	return a;
}

/* Drops what the current thread saved; call it at every sys_exit. */
static __always_inline void tk_sys_forget(void)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();

	bpf_map_delete_elem(&start, &tid);
}

/*
 * The two programs of one traced system call, named as common/attach.c's
 * ladder expects: tp_sys_enter_<name> on syscalls:sys_enter_<name> calls
 * enter_fn(ctx, id, nargs) (tk_sys_enter, or a tool's own with its
 * signature that ends in tk_sys_save), and tp_sys_exit_<name> on
 * syscalls:sys_exit_<name> returns exit_fn(ret, id), where the tool's
 * exit_fn(long ret, __u32 id) looks the call up with tk_sys_lookup(id) and
 * ends with tk_sys_forget().
 */
#define TK_SYSCALL_PAIR_ENTER(name, id, nargs, enter_fn, exit_fn)			\
SEC("tracepoint/syscalls/sys_enter_" #name)						\
int tp_sys_enter_##name(struct trace_event_raw_sys_enter *ctx)				\
{											\
	enter_fn(ctx, id, nargs);							\
	return 0;									\
}											\
SEC("tracepoint/syscalls/sys_exit_" #name)						\
int tp_sys_exit_##name(struct trace_event_raw_sys_exit *ctx)				\
{											\
	return exit_fn(ctx->ret, id);							\
}

/* TK_SYSCALL_PAIR_ENTER with tk_sys_enter: the first nargs raw arguments. */
#define TK_SYSCALL_PAIR(name, id, nargs, exit_fn) \
	TK_SYSCALL_PAIR_ENTER(name, id, nargs, tk_sys_enter, exit_fn)

#endif
