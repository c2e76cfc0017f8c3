// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * filelife: files created and deleted while tracing, with their age, from
 * syscall tracepoints only.
 *
 * Birth: at the return of open, openat, openat2 and creat, the new fd's
 * struct file carries FMODE_CREATED when this open created the file; its
 * path (built from the dentry chain) is the key of "births", the value the
 * time.  Death: at the successful return of unlink, unlinkat (not
 * AT_REMOVEDIR) and rename*, the path argument is made absolute (the
 * directory fd's or the working directory's path, then the argument with
 * leading "./" removed) and looked up; a rename moves the birth to the new
 * name, and a file it replaces dies.  Bookkeeping covers every process;
 * the standard filter only decides which deaths are reported.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "syscall.bpf.h"
#include "filelife.h"
#define TK_PATH_LEN FILELIFE_PATH_LEN
#include "path.bpf.h"

#define TK_FMODE_CREATED 0x100000	/* include/linux/fs.h, since 4.19 */
#define TK_AT_FDCWD -100
#define TK_AT_REMOVEDIR 0x200
#define TK_RENAME_NOREPLACE 1
#define TK_RENAME_EXCHANGE 2

struct birth_key {
	char path[FILELIFE_PATH_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 8192);
	__type(key, struct birth_key);
	__type(value, __u64);	/* bpf_ktime_get_ns() at birth */
} births SEC(".maps");

/* Two keys being built, each with room for the verifier's bounds. */
struct scratch {
	char a[2 * FILELIFE_PATH_LEN];
	char b[2 * FILELIFE_PATH_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

static __always_inline struct scratch *get_scratch(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&scratch, &zero);
}

static __always_inline int born(long fd)
{
	struct scratch *s;
	struct file *f;
	__u64 now;

	if (fd < 0)
		return 0;
	f = tk_fd_file(fd);
	if (!f || !(BPF_CORE_READ(f, f_mode) & TK_FMODE_CREATED))
		return 0;
	s = get_scratch();
	if (!s)
		return 0;
	__builtin_memset(s->a, 0, FILELIFE_PATH_LEN);
	if (tk_path_of(s->a, &f->f_path) <= 0)
		return 0;
	now = bpf_ktime_get_ns();
	bpf_map_update_elem(&births, s->a, &now, BPF_ANY);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_open")
int tp_sys_exit_open(struct trace_event_raw_sys_exit *ctx)
{
	return born(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_openat")
int tp_sys_exit_openat(struct trace_event_raw_sys_exit *ctx)
{
	return born(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_openat2")
int tp_sys_exit_openat2(struct trace_event_raw_sys_exit *ctx)
{
	return born(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_creat")
int tp_sys_exit_creat(struct trace_event_raw_sys_exit *ctx)
{
	return born(ctx->ret);
}

/*
 * Builds the key of user path upath relative to directory fd dfd in k (2 *
 * FILELIFE_PATH_LEN bytes; the key is the first half, zero-padded).
 * Returns false when it cannot.
 */
static __always_inline bool user_key(char *k, long dfd, __u64 upath)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	char c[2] = {};
	long n, off;

	__builtin_memset(k, 0, FILELIFE_PATH_LEN);
	if (bpf_probe_read_user(c, 1, (void *)upath))
		return false;
	if (c[0] == '/')
		return bpf_probe_read_user_str(k, FILELIFE_PATH_LEN, (void *)upath) > 0;
	for (int i = 0; i < 4; i++) {	/* "./name" is "name" */
		if (bpf_probe_read_user(c, 2, (void *)upath) || c[0] != '.' || c[1] != '/')
			break;
		upath += 2;
	}
	if ((int)dfd == TK_AT_FDCWD) {
		struct fs_struct *fs = BPF_CORE_READ(task, fs);

		if (!fs)
			return false;
		n = tk_path_of(k, &fs->pwd);
	} else {
		struct file *f = tk_fd_file((int)dfd);

		if (!f)
			return false;
		n = tk_path_of(k, &f->f_path);
	}
	if (n < 2)
		return false;
	off = n - 1;			/* at the NUL */
	if (off > 1) {			/* not "/" */
		k[off & (FILELIFE_PATH_LEN - 1)] = '/';
		off++;
	}
	off &= FILELIFE_PATH_LEN - 1;
	if (bpf_probe_read_user_str(k + off, FILELIFE_PATH_LEN - off, (void *)upath) <= 0)
		return false;
	/* a name that did not fit has no NUL in the key: never matches */
	k[FILELIFE_PATH_LEN - 1] = '\0';
	return true;
}

/* Reports the death of the file whose key is k, born at *birth. */
static __always_inline void died(const char *k, __u64 birth, __u32 call)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct filelife_event *e;

	if (!tk_filter_pass())
		return;
	e = tk_reserve(sizeof(*e));
	if (!e)
		return;
	e->ts = bpf_ktime_get_ns();
	e->age_ns = e->ts - birth;
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = (__u32)pid_tgid;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->call = call;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_probe_read_kernel(e->file, sizeof(e->file), k);
	tk_submit(e);
}

/* The death of the file named by key k, if it was born while tracing. */
static __always_inline void forget_file(const char *k, __u32 call)
{
	__u64 *birth = bpf_map_lookup_elem(&births, k);

	if (!birth)
		return;
	died(k, *birth, call);
	bpf_map_delete_elem(&births, k);
}

/* Entries save their arguments for every process: a rename by a filtered
 * out process still moves a birth. */
static __always_inline int save(__u32 call, __u64 a0, __u64 a1, __u64 a2, __u64 a3, __u64 a4)
{
	struct tk_sys_args a = { .args = { a0, a1, a2, a3, a4 }, .id = call };

	tk_sys_save(&a);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlink")
int tp_sys_enter_unlink(struct trace_event_raw_sys_enter *ctx)
{
	return save(FILELIFE_UNLINK, TK_AT_FDCWD, ctx->args[0], 0, 0, 0);
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
int tp_sys_enter_unlinkat(struct trace_event_raw_sys_enter *ctx)
{
	if (ctx->args[2] & TK_AT_REMOVEDIR)
		return 0;
	return save(FILELIFE_UNLINKAT, ctx->args[0], ctx->args[1], 0, 0, 0);
}

SEC("tracepoint/syscalls/sys_enter_rename")
int tp_sys_enter_rename(struct trace_event_raw_sys_enter *ctx)
{
	return save(FILELIFE_RENAME, TK_AT_FDCWD, ctx->args[0], TK_AT_FDCWD, ctx->args[1], 0);
}

SEC("tracepoint/syscalls/sys_enter_renameat")
int tp_sys_enter_renameat(struct trace_event_raw_sys_enter *ctx)
{
	return save(FILELIFE_RENAMEAT, ctx->args[0], ctx->args[1], ctx->args[2], ctx->args[3], 0);
}

SEC("tracepoint/syscalls/sys_enter_renameat2")
int tp_sys_enter_renameat2(struct trace_event_raw_sys_enter *ctx)
{
	return save(FILELIFE_RENAMEAT2, ctx->args[0], ctx->args[1], ctx->args[2], ctx->args[3],
		    ctx->args[4]);
}

static __always_inline int unlinked(long ret, __u32 call)
{
	struct tk_sys_args *a = tk_sys_lookup(call);
	struct scratch *s = get_scratch();

	if (!a)
		return 0;
	if (ret == 0 && s && user_key(s->a, a->args[0], a->args[1]))
		forget_file(s->a, call);
	tk_sys_forget();
	return 0;
}

static __always_inline int renamed(long ret, __u32 call)
{
	struct tk_sys_args *a = tk_sys_lookup(call);
	struct scratch *s = get_scratch();
	__u64 *old, *new, born_old, born_new;

	if (!a)
		return 0;
	if (ret || !s || !user_key(s->a, a->args[0], a->args[1]) ||
	    !user_key(s->b, a->args[2], a->args[3]))
		goto out;
	old = bpf_map_lookup_elem(&births, s->a);
	new = bpf_map_lookup_elem(&births, s->b);
	born_old = old ? *old : 0;
	born_new = new ? *new : 0;
	if (a->args[4] & TK_RENAME_EXCHANGE) {
		if (old)
			bpf_map_update_elem(&births, s->b, &born_old, BPF_ANY);
		else
			bpf_map_delete_elem(&births, s->b);
		if (new)
			bpf_map_update_elem(&births, s->a, &born_new, BPF_ANY);
		else
			bpf_map_delete_elem(&births, s->a);
		goto out;
	}
	if (new)	/* replaced: that file is gone */
		died(s->b, born_new, call);
	if (old) {
		bpf_map_update_elem(&births, s->b, &born_old, BPF_ANY);
		bpf_map_delete_elem(&births, s->a);
	} else if (new) {
		bpf_map_delete_elem(&births, s->b);
	}
out:
	tk_sys_forget();
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_unlink")
int tp_sys_exit_unlink(struct trace_event_raw_sys_exit *ctx)
{
	return unlinked(ctx->ret, FILELIFE_UNLINK);
}

SEC("tracepoint/syscalls/sys_exit_unlinkat")
int tp_sys_exit_unlinkat(struct trace_event_raw_sys_exit *ctx)
{
	return unlinked(ctx->ret, FILELIFE_UNLINKAT);
}

SEC("tracepoint/syscalls/sys_exit_rename")
int tp_sys_exit_rename(struct trace_event_raw_sys_exit *ctx)
{
	return renamed(ctx->ret, FILELIFE_RENAME);
}

SEC("tracepoint/syscalls/sys_exit_renameat")
int tp_sys_exit_renameat(struct trace_event_raw_sys_exit *ctx)
{
	return renamed(ctx->ret, FILELIFE_RENAMEAT);
}

SEC("tracepoint/syscalls/sys_exit_renameat2")
int tp_sys_exit_renameat2(struct trace_event_raw_sys_exit *ctx)
{
	return renamed(ctx->ret, FILELIFE_RENAMEAT2);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
