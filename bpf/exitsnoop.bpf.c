// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * exitsnoop: process and thread exits, from sched:sched_process_exit.  The
 * exiting task is current in every variant of the tracepoint, so all three
 * read it with bpf_get_current_task().  do_exit() has stored the wait status
 * in task->exit_code and decremented signal->live before the tracepoint: a
 * live count of 0 means this is the last thread, the process is gone.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "exitsnoop.h"

const volatile bool cfg_threads = false;	/* every thread's exit, not only the last */

static __always_inline int on_exit(void)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct exitsnoop_event *e;
	__u64 now, start;
	__u32 status;
	bool last;

	if (!tk_filter_pass())
		return 0;
	last = BPF_CORE_READ(task, signal, live.counter) == 0;
	if (!last && !cfg_threads)
		return 0;
	status = (__u32)BPF_CORE_READ(task, exit_code);
	if (!tk_result_pass(status ? -1 : 0))
		return 0;
	e = tk_reserve(sizeof(*e));
	if (!e)
		return 0;
	now = bpf_ktime_get_ns();
	start = last ? BPF_CORE_READ(task, group_leader, start_time) : BPF_CORE_READ(task, start_time);
	e->ts = now;
	e->age_ns = now > start ? now - start : 0;
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = (__u32)pid_tgid;
	e->ppid = (__u32)BPF_CORE_READ(task, real_parent, tgid);
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->status = status;
	e->process_exit = last;
	e->pad[0] = e->pad[1] = e->pad[2] = 0;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	tk_submit(e);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int tp_btf_sched_process_exit(void *ctx)
{
	return on_exit();
}

SEC("raw_tp/sched_process_exit")
int raw_tp_sched_process_exit(void *ctx)
{
	return on_exit();
}

SEC("tracepoint/sched/sched_process_exit")
int tp_sched_process_exit(void *ctx)
{
	return on_exit();
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
