// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* syncsnoop: sync, syncfs, fsync, fdatasync, msync and sync_file_range, at
 * entry, with the path of the file behind the fd. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "syncsnoop.h"
#define TK_PATH_LEN SYNCSNOOP_PATH_LEN
#include "path.bpf.h"

static __always_inline struct syncsnoop_event *record(__u32 call, long fd)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct syncsnoop_event *e;
	struct file *f;

	if (!tk_filter_pass())
		return NULL;
	e = tk_reserve(sizeof(*e));
	if (!e)
		return NULL;
	e->ts = bpf_ktime_get_ns();
	e->addr = e->len = e->offset = 0;
	e->flags = 0;
	e->fd = fd;
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = (__u32)pid_tgid;
	e->call = call;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	f = fd >= 0 ? tk_fd_file(fd) : NULL;
	if (f)
		tk_path_of(e->path, &f->f_path);
	else
		e->path[0] = '\0';
	return e;
}

SEC("tracepoint/syscalls/sys_enter_sync")
int tp_sys_enter_sync(struct trace_event_raw_sys_enter *ctx)
{
	struct syncsnoop_event *e = record(SYNCSNOOP_SYNC, -1);

	if (e)
		tk_submit(e);
	return 0;
}

/* The calls whose only interesting argument is an fd. */
#define FD_CALL(name, call)							\
SEC("tracepoint/syscalls/sys_enter_" #name)					\
int tp_sys_enter_##name(struct trace_event_raw_sys_enter *ctx)			\
{										\
	struct syncsnoop_event *e = record(call, (int)ctx->args[0]);		\
										\
	if (e)									\
		tk_submit(e);							\
	return 0;								\
}

FD_CALL(syncfs, SYNCSNOOP_SYNCFS)
FD_CALL(fsync, SYNCSNOOP_FSYNC)
FD_CALL(fdatasync, SYNCSNOOP_FDATASYNC)

SEC("tracepoint/syscalls/sys_enter_msync")
int tp_sys_enter_msync(struct trace_event_raw_sys_enter *ctx)
{
	struct syncsnoop_event *e = record(SYNCSNOOP_MSYNC, -1);

	if (!e)
		return 0;
	e->addr = ctx->args[0];
	e->len = ctx->args[1];
	e->flags = (__u32)ctx->args[2];
	tk_submit(e);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_sync_file_range")
int tp_sys_enter_sync_file_range(struct trace_event_raw_sys_enter *ctx)
{
	struct syncsnoop_event *e = record(SYNCSNOOP_SYNC_FILE_RANGE, (int)ctx->args[0]);

	if (!e)
		return 0;
	e->offset = ctx->args[1];
	e->len = ctx->args[2];
	e->flags = (__u32)ctx->args[3];
	tk_submit(e);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
