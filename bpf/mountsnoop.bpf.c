// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* mountsnoop: mount, umount and the new mount API calls, from the syscall
 * tracepoints; arguments saved at entry, strings read at return. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "syscall.bpf.h"
#include "mountsnoop.h"

/* fsconfig commands whose value is a string */
#define TK_FSCONFIG_SET_STRING 1
#define TK_FSCONFIG_SET_PATH 3
#define TK_FSCONFIG_SET_PATH_EMPTY 4

/* Reads the user string at p into dst; a NULL p sets bit in *nulls. */
static __always_inline void str(char *dst, __u32 size, __u64 p, __u32 *nulls, __u32 bit)
{
	dst[0] = '\0';
	if (!p) {
		*nulls |= bit;
		return;
	}
	if (bpf_probe_read_user_str(dst, size, (void *)p) < 0)
		dst[0] = '\0';
}

static __always_inline int leave(long ret, __u32 call)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct mountsnoop_event *e;
	struct tk_sys_args *a;
	__u32 nulls = 0;
	__u64 *x;

	a = tk_sys_lookup(call);
	if (!a)
		return 0;
	if (!tk_result_pass(ret))
		goto out;
	e = tk_reserve(sizeof(*e));
	if (!e)
		goto out;
	x = a->args;
	e->ts = bpf_ktime_get_ns();
	e->ret = ret;
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = (__u32)pid_tgid;
	e->call = call;
	e->mnt_ns = BPF_CORE_READ(task, nsproxy, mnt_ns, ns.inum);
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	e->flags = e->aux = 0;
	e->fd = e->fd2 = -1;
	e->source[0] = e->target[0] = e->fstype[0] = e->data[0] = '\0';
	switch (call) {
	case MOUNTSNOOP_MOUNT:
		str(e->source, sizeof(e->source), x[0], &nulls, MOUNTSNOOP_NULL_SOURCE);
		str(e->target, sizeof(e->target), x[1], &nulls, MOUNTSNOOP_NULL_TARGET);
		str(e->fstype, sizeof(e->fstype), x[2], &nulls, MOUNTSNOOP_NULL_FSTYPE);
		e->flags = x[3];
		str(e->data, sizeof(e->data), x[4], &nulls, MOUNTSNOOP_NULL_DATA);
		break;
	case MOUNTSNOOP_UMOUNT:
		str(e->target, sizeof(e->target), x[0], &nulls, MOUNTSNOOP_NULL_TARGET);
		e->flags = x[1];
		break;
	case MOUNTSNOOP_FSOPEN:
		str(e->fstype, sizeof(e->fstype), x[0], &nulls, MOUNTSNOOP_NULL_FSTYPE);
		e->flags = x[1];
		break;
	case MOUNTSNOOP_FSCONFIG:
		e->fd = (int)x[0];
		e->fd2 = (__u32)x[1];
		str(e->fstype, sizeof(e->fstype), x[2], &nulls, MOUNTSNOOP_NULL_FSTYPE);
		if (x[1] == TK_FSCONFIG_SET_STRING || x[1] == TK_FSCONFIG_SET_PATH ||
		    x[1] == TK_FSCONFIG_SET_PATH_EMPTY)
			str(e->data, sizeof(e->data), x[3], &nulls, MOUNTSNOOP_NULL_DATA);
		else if (!x[3])
			nulls |= MOUNTSNOOP_NULL_DATA;
		e->aux = (int)x[4];
		break;
	case MOUNTSNOOP_FSMOUNT:
		e->fd = (int)x[0];
		e->flags = x[1];
		e->aux = x[2];
		break;
	case MOUNTSNOOP_MOVE_MOUNT:
		e->fd = (int)x[0];
		str(e->source, sizeof(e->source), x[1], &nulls, MOUNTSNOOP_NULL_SOURCE);
		e->fd2 = (int)x[2];
		str(e->target, sizeof(e->target), x[3], &nulls, MOUNTSNOOP_NULL_TARGET);
		e->flags = x[4];
		break;
	case MOUNTSNOOP_OPEN_TREE:
		e->fd = (int)x[0];
		str(e->source, sizeof(e->source), x[1], &nulls, MOUNTSNOOP_NULL_SOURCE);
		e->flags = x[2];
		break;
	}
	e->nulls = nulls;
	tk_submit(e);
out:
	tk_sys_forget();
	return 0;
}

#define MOUNT_CALL(name, call, nargs) TK_SYSCALL_PAIR(name, call, nargs, leave)

MOUNT_CALL(mount, MOUNTSNOOP_MOUNT, 5)
MOUNT_CALL(umount, MOUNTSNOOP_UMOUNT, 2)
MOUNT_CALL(fsopen, MOUNTSNOOP_FSOPEN, 2)
MOUNT_CALL(fsconfig, MOUNTSNOOP_FSCONFIG, 5)
MOUNT_CALL(fsmount, MOUNTSNOOP_FSMOUNT, 3)
MOUNT_CALL(move_mount, MOUNTSNOOP_MOVE_MOUNT, 5)
MOUNT_CALL(open_tree, MOUNTSNOOP_OPEN_TREE, 3)

char LICENSE[] SEC("license") = "Dual BSD/GPL";
