/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * BPF-side path helpers (CO-RE): the struct file behind a file descriptor of
 * the current task, and the path of a (vfsmount, dentry) pair built by a
 * bounded walk up the dentry tree, crossing mount points, up to the root of
 * the mount namespace.  Include after vmlinux.h and tk.bpf.h.
 *
 * The walk reads names without the locks the kernel's d_path() takes: a
 * rename racing with it can give a mix of old and new names.  The result is
 * the path as the kernel sees it (symbolic links resolved, no "." or "..")
 * relative to the root of the mount namespace, not to a chroot.
 */
#ifndef TK_PATH_BPF_H
#define TK_PATH_BPF_H

/* Bytes of a built path with its NUL; a power of two.  Override before
 * including. */
#ifndef TK_PATH_LEN
#define TK_PATH_LEN 512
#endif
/* Directory levels (plus mount crossings) walked at most. */
#ifndef TK_PATH_DEPTH
#define TK_PATH_DEPTH 48
#endif

#define TK_PATH_MASK (TK_PATH_LEN - 1)
_Static_assert((TK_PATH_LEN & TK_PATH_MASK) == 0, "TK_PATH_LEN is a power of two");

/* The path is built right to left in a per-CPU buffer twice the size, so
 * the verifier can bound every masked offset plus length. */
struct tk_path_scratch {
	char buf[2 * TK_PATH_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct tk_path_scratch);
} tk_path_scratch SEC(".maps");

/*
 * The struct file of descriptor fd in the current task's table, or NULL
 * (fd out of range or not open).  No reference is taken: use the pointer
 * only for reads, in this program run.
 */
static __always_inline struct file *tk_fd_file(long fd)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	struct file **fds;
	struct file *f = NULL;

	if (!fdt || fd < 0 || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
	return f;
}

/* The state of a path walk (tk_path_build()): the next dentry and its
 * mount, the start of the path built so far in the scratch buffer, and
 * whether it was cut short. */
struct tk_path_walk {
	struct dentry *dentry;
	struct mount *m;
	long pos;
	bool cut;
};

/* One step up: prepends "/name" of w->dentry, or crosses a mount point.
 * Returns 1 when the walk is over (a root reached, or the buffer full),
 * else 0. */
static __always_inline long tk_path_step_body(struct tk_path_walk *w)
{
	__u32 zero = 0;
	struct tk_path_scratch *s = bpf_map_lookup_elem(&tk_path_scratch, &zero);
	struct dentry *dentry = w->dentry, *parent;
	struct mount *m = w->m;		/* locals: CO-RE reads start from kernel types */
	const unsigned char *name;
	long pos = w->pos;
	__u32 len;

	if (!s)
		return 1;
	if (m && dentry == BPF_CORE_READ(m, mnt.mnt_root)) {
		struct mount *up = BPF_CORE_READ(m, mnt_parent);

		if (!up || up == m) {	/* the namespace's root */
			w->cut = false;
			return 1;
		}
		w->dentry = BPF_CORE_READ(m, mnt_mountpoint);
		w->m = up;
		return 0;
	}
	parent = BPF_CORE_READ(dentry, d_parent);
	if (!parent || dentry == parent) {	/* a file system's root */
		w->cut = false;
		return 1;
	}
	len = BPF_CORE_READ(dentry, d_name.len);
	name = BPF_CORE_READ(dentry, d_name.name);
	if (pos < 0 || pos > TK_PATH_LEN - 1 || (long)len + 2 > pos)	/* keep pos >= 1 */
		return 1;
	pos -= len;
	bpf_probe_read_kernel(&s->buf[pos & TK_PATH_MASK], len & TK_PATH_MASK, name);
	pos--;
	s->buf[pos & TK_PATH_MASK] = '/';
	w->pos = pos;
	w->dentry = parent;
	return 0;
}

/* The step as a bpf_loop() callback: verified once, not once per level,
 * which older verifiers (Linux 6.1) need to accept the walk at all. */
static long tk_path_step(__u32 index, void *ctx)
{
	(void)index;
	return tk_path_step_body(ctx);
}

/*
 * Writes the path of dentry on mount mnt into dst (at least TK_PATH_LEN
 * bytes), NUL-terminated: "/dir/name".  When the path is longer than
 * TK_PATH_LEN - 1 bytes or deeper than TK_PATH_DEPTH, it starts with
 * ".../" followed by as many trailing components as fit.  Returns the
 * length with the NUL (at least 2), or 0 when dentry is NULL or the scratch
 * buffer is missing (dst is then "").  With mnt NULL the walk stops at the
 * root of dentry's file system.  Uses the per-CPU map tk_path_scratch.
 * Walks with bpf_loop() where the kernel has it (5.17+), else an unrolled
 * bounded loop.
 */
static __always_inline long tk_path_build(char *dst, struct vfsmount *mnt, struct dentry *dentry)
{
	__u32 zero = 0;
	struct tk_path_scratch *s = bpf_map_lookup_elem(&tk_path_scratch, &zero);
	struct tk_path_walk w = { .dentry = dentry, .pos = TK_PATH_LEN - 1, .cut = true };
	long pos;

	dst[0] = '\0';
	if (!s || !dentry)
		return 0;
	if (mnt)
		w.m = (struct mount *)((char *)mnt - bpf_core_field_offset(struct mount, mnt));
	s->buf[TK_PATH_LEN - 1] = '\0';
	if (bpf_core_enum_value_exists(enum bpf_func_id, BPF_FUNC_loop)) {
		bpf_loop(TK_PATH_DEPTH, tk_path_step, &w, 0);
	} else {
		for (int i = 0; i < TK_PATH_DEPTH; i++)
			if (tk_path_step_body(&w))
				break;
	}
	pos = w.pos;
	if (pos < 1 || pos > TK_PATH_LEN - 1)
		pos = TK_PATH_LEN - 1;
	if (w.cut && pos >= 3) {
		pos -= 3;
		s->buf[(pos + 0) & TK_PATH_MASK] = '.';
		s->buf[(pos + 1) & TK_PATH_MASK] = '.';
		s->buf[(pos + 2) & TK_PATH_MASK] = '.';
	} else if (pos == TK_PATH_LEN - 1) {
		pos--;
		s->buf[pos & TK_PATH_MASK] = '/';
	}
	bpf_probe_read_kernel(dst, (TK_PATH_LEN - pos) & TK_PATH_MASK, &s->buf[pos & TK_PATH_MASK]);
	return TK_PATH_LEN - pos;
}

/* tk_path_build() for a struct path (a file's f_path, a task's pwd). */
static __always_inline long tk_path_of(char *dst, const struct path *p)
{
	return tk_path_build(dst, BPF_CORE_READ(p, mnt), BPF_CORE_READ(p, dentry));
}

#endif
