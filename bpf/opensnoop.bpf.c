// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* opensnoop: open, openat, openat2 and creat, from the syscall tracepoints. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "opensnoop.h"

#define TK_O_CREAT 0100
#define TK_O_WRONLY 01
#define TK_O_TRUNC 01000
#define TK_O_ACCMODE 03

const volatile __u64 targ_flags = 0;	/* any of these flags */
const volatile bool targ_rdonly = false;	/* or O_RDONLY access mode */

struct args {
	const char *path;
	__u64 flags;
	__u32 mode;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct args);
} start SEC(".maps");

/* The record is built here and only its used bytes go to the ring: most
 * paths are far shorter than OPENSNOOP_PATH_LEN. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct opensnoop_event);
} scratch SEC(".maps");

static __always_inline int enter(const char *path, __u64 flags, __u32 mode)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct args a = { .path = path, .flags = flags, .mode = mode };

	if (!tk_filter_pass())
		return 0;
	if (targ_flags || targ_rdonly) {
		bool match = (flags & targ_flags) ||
			     (targ_rdonly && (flags & TK_O_ACCMODE) == 0);

		if (!match)
			return 0;
	}
	bpf_map_update_elem(&start, &tid, &a, BPF_ANY);
	return 0;
}

static __always_inline int leave(long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct opensnoop_event *e;
	__u32 zero = 0;
	struct args *a;
	long n;

	a = bpf_map_lookup_elem(&start, &tid);
	if (!a)
		return 0;
	if (!tk_result_pass(ret))
		goto out;
	e = bpf_map_lookup_elem(&scratch, &zero);
	if (!e)
		goto out;
	e->ts = bpf_ktime_get_ns();
	e->ret = ret;
	e->flags = a->flags;
	e->mode = a->mode;
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = tid;
	e->uid = (__u32)bpf_get_current_uid_gid();
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	/* read at return: the kernel has faulted the string in by now */
	n = bpf_probe_read_user_str(e->path, sizeof(e->path), a->path);
	if (n <= 0) {
		e->path[0] = '\0';
		n = 1;
	}
	if (n > OPENSNOOP_PATH_LEN)
		n = OPENSNOOP_PATH_LEN;
	tk_output(e, offsetof(struct opensnoop_event, path) + n);
out:
	bpf_map_delete_elem(&start, &tid);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_open")
int tp_sys_enter_open(struct trace_event_raw_sys_enter *ctx)
{
	return enter((const char *)ctx->args[0], ctx->args[1], (__u32)ctx->args[2]);
}

SEC("tracepoint/syscalls/sys_enter_creat")
int tp_sys_enter_creat(struct trace_event_raw_sys_enter *ctx)
{
	return enter((const char *)ctx->args[0], TK_O_CREAT | TK_O_WRONLY | TK_O_TRUNC,
		     (__u32)ctx->args[1]);
}

SEC("tracepoint/syscalls/sys_enter_openat")
int tp_sys_enter_openat(struct trace_event_raw_sys_enter *ctx)
{
	return enter((const char *)ctx->args[1], ctx->args[2], (__u32)ctx->args[3]);
}

SEC("tracepoint/syscalls/sys_enter_openat2")
int tp_sys_enter_openat2(struct trace_event_raw_sys_enter *ctx)
{
	struct open_how how = {};

	bpf_probe_read_user(&how, sizeof(how), (void *)ctx->args[2]);
	return enter((const char *)ctx->args[1], how.flags, (__u32)how.mode);
}

SEC("tracepoint/syscalls/sys_exit_open")
int tp_sys_exit_open(struct trace_event_raw_sys_exit *ctx)
{
	return leave(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_creat")
int tp_sys_exit_creat(struct trace_event_raw_sys_exit *ctx)
{
	return leave(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_openat")
int tp_sys_exit_openat(struct trace_event_raw_sys_exit *ctx)
{
	return leave(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_openat2")
int tp_sys_exit_openat2(struct trace_event_raw_sys_exit *ctx)
{
	return leave(ctx->ret);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
