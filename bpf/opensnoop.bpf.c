// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* opensnoop: open, openat, openat2 and creat, from the syscall tracepoints. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "syscall.bpf.h"
#include "opensnoop.h"

#define TK_O_CREAT 0100
#define TK_O_WRONLY 01
#define TK_O_TRUNC 01000
#define TK_O_ACCMODE 03

const volatile __u64 targ_flags = 0;	/* any of these flags */
const volatile bool targ_rdonly = false;	/* or O_RDONLY access mode */

/* Which call saved the arguments (struct tk_sys_args.id); args[0] is the
 * path, args[1] the flags, args[2] the mode. */
enum { CALL_OPEN, CALL_CREAT, CALL_OPENAT, CALL_OPENAT2 };

/* The record is built here and only its used bytes go to the ring: most
 * paths are far shorter than OPENSNOOP_PATH_LEN. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct opensnoop_event);
} scratch SEC(".maps");

static __always_inline int enter(__u32 call, const char *path, __u64 flags, __u32 mode)
{
	struct tk_sys_args a = { .args = { (__u64)path, flags, mode }, .id = call };

	if (!tk_filter_pass())
		return 0;
	if (targ_flags || targ_rdonly) {
		bool match = (flags & targ_flags) ||
			     (targ_rdonly && (flags & TK_O_ACCMODE) == 0);

		if (!match)
			return 0;
	}
	tk_sys_save(&a);
	return 0;
}

static __always_inline int leave(long ret, __u32 call)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct opensnoop_event *e;
	__u32 zero = 0;
	struct tk_sys_args *a;
	long n;

	a = tk_sys_lookup(call);
	if (!a)
		return 0;
	if (!tk_result_pass(ret))
		goto out;
	e = bpf_map_lookup_elem(&scratch, &zero);
	if (!e)
		goto out;
	e->ts = bpf_ktime_get_ns();
	e->ret = ret;
	e->flags = a->args[1];
	e->mode = (__u32)a->args[2];
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = tid;
	e->uid = (__u32)bpf_get_current_uid_gid();
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	/* read at return: the kernel has faulted the string in by now */
	n = bpf_probe_read_user_str(e->path, sizeof(e->path), (const char *)a->args[0]);
	if (n <= 0) {
		e->path[0] = '\0';
		n = 1;
	}
	if (n > OPENSNOOP_PATH_LEN)
		n = OPENSNOOP_PATH_LEN;
	tk_output(e, offsetof(struct opensnoop_event, path) + n);
out:
	tk_sys_forget();
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_open")
int tp_sys_enter_open(struct trace_event_raw_sys_enter *ctx)
{
	return enter(CALL_OPEN, (const char *)ctx->args[0], ctx->args[1], (__u32)ctx->args[2]);
}

SEC("tracepoint/syscalls/sys_enter_creat")
int tp_sys_enter_creat(struct trace_event_raw_sys_enter *ctx)
{
	return enter(CALL_CREAT, (const char *)ctx->args[0], TK_O_CREAT | TK_O_WRONLY | TK_O_TRUNC,
		     (__u32)ctx->args[1]);
}

SEC("tracepoint/syscalls/sys_enter_openat")
int tp_sys_enter_openat(struct trace_event_raw_sys_enter *ctx)
{
	return enter(CALL_OPENAT, (const char *)ctx->args[1], ctx->args[2], (__u32)ctx->args[3]);
}

SEC("tracepoint/syscalls/sys_enter_openat2")
int tp_sys_enter_openat2(struct trace_event_raw_sys_enter *ctx)
{
	struct open_how how = {};

	bpf_probe_read_user(&how, sizeof(how), (void *)ctx->args[2]);
	return enter(CALL_OPENAT2, (const char *)ctx->args[1], how.flags, (__u32)how.mode);
}

SEC("tracepoint/syscalls/sys_exit_open")
int tp_sys_exit_open(struct trace_event_raw_sys_exit *ctx)
{
	return leave(ctx->ret, CALL_OPEN);
}

SEC("tracepoint/syscalls/sys_exit_creat")
int tp_sys_exit_creat(struct trace_event_raw_sys_exit *ctx)
{
	return leave(ctx->ret, CALL_CREAT);
}

SEC("tracepoint/syscalls/sys_exit_openat")
int tp_sys_exit_openat(struct trace_event_raw_sys_exit *ctx)
{
	return leave(ctx->ret, CALL_OPENAT);
}

SEC("tracepoint/syscalls/sys_exit_openat2")
int tp_sys_exit_openat2(struct trace_event_raw_sys_exit *ctx)
{
	return leave(ctx->ret, CALL_OPENAT2);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
