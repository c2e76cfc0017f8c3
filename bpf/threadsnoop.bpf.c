// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * threadsnoop: threads made by pthread_create().  A uprobe on libc's
 * pthread_create() remembers start_routine by calling thread; the clone
 * that pthread_create() makes fires sched:sched_process_fork in that same
 * thread, which gives the new thread's id and sends the record; the
 * uretprobe forgets the call (pthread_create() may fail before cloning).
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "threadsnoop.h"

/* calling thread -> start_routine, while inside pthread_create() */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, __u64);
} start SEC(".maps");

/* BPF_KPROBE: libbpf 1.1 has no BPF_UPROBE; the register access is the same */
SEC("uprobe")
int BPF_KPROBE(uprobe_pthread_create, void *thread, void *attr, void *start_routine)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	__u64 fn = (__u64)start_routine;

	if (tk_filter_pass())
		bpf_map_update_elem(&start, &tid, &fn, BPF_ANY);
	return 0;
}

SEC("uretprobe")
int BPF_KRETPROBE(uretprobe_pthread_create)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();

	bpf_map_delete_elem(&start, &tid);
	return 0;
}

/* The calling thread (current) cloned child_tid. */
static __always_inline int cloned(__u32 child_tid)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct threadsnoop_event *e;
	__u64 *fn = bpf_map_lookup_elem(&start, &tid);

	if (!fn)
		return 0;
	e = tk_reserve(sizeof(*e));
	if (!e)
		return 0;
	e->ts = bpf_ktime_get_ns();
	e->func = *fn;
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = child_tid;
	e->ptid = tid;
	e->uid = (__u32)bpf_get_current_uid_gid();
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	tk_submit(e);
	bpf_map_delete_elem(&start, &tid);	/* one clone per call */
	return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(tp_btf_sched_process_fork, struct task_struct *parent, struct task_struct *child)
{
	return cloned((__u32)BPF_CORE_READ(child, pid));
}

SEC("raw_tp/sched_process_fork")
int BPF_PROG(raw_tp_sched_process_fork, struct task_struct *parent, struct task_struct *child)
{
	return cloned((__u32)BPF_CORE_READ(child, pid));
}

SEC("tp/sched/sched_process_fork")
int tp_sched_process_fork(struct trace_event_raw_sched_process_fork *ctx)
{
	return cloned((__u32)BPF_CORE_READ(ctx, child_pid));
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
