// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* syncsnoop: sync, syncfs, fsync, fdatasync, msync and sync_file_range, at
 * entry, with the path of the file behind the fd (msync: behind the mapping
 * at its address, where the kernel has bpf_find_vma, 5.17+). */
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

struct vma_file {
	struct file *file;
};

/* bpf_find_vma() callback: the file the mapping maps (NULL if anonymous). */
static long vma_file_cb(struct task_struct *task, struct vm_area_struct *vma, void *data)
{
	struct vma_file *vf = data;

	vf->file = BPF_CORE_READ(vma, vm_file);
	return 0;
}

/* msync(): the file is the one the mapping at addr maps, when with_path. */
static __always_inline int on_msync(struct trace_event_raw_sys_enter *ctx, bool with_path)
{
	struct syncsnoop_event *e = record(SYNCSNOOP_MSYNC, -1);
	struct vma_file vf = { NULL };

	if (!e)
		return 0;
	e->addr = ctx->args[0];
	e->len = ctx->args[1];
	e->flags = (__u32)ctx->args[2];
	if (with_path &&
	    bpf_find_vma(bpf_get_current_task_btf(), e->addr, vma_file_cb, &vf, 0) == 0 &&
	    vf.file)
		tk_path_of(e->path, &vf.file->f_path);
	tk_submit(e);
	return 0;
}

/* bpf_find_vma() (Linux 5.17) and BPF callbacks (5.13) */
SEC("tracepoint/syscalls/sys_enter_msync")
int tp_sys_enter_msync(struct trace_event_raw_sys_enter *ctx)
{
	return on_msync(ctx, true);
}

/* Older kernels: the same without PATH; the frontend loads one of the two. */
SEC("tracepoint/syscalls/sys_enter_msync")
int tp_sys_enter_msync_nopath(struct trace_event_raw_sys_enter *ctx)
{
	return on_msync(ctx, false);
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
