// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * exitsnoop: process and thread exits, from sched:sched_process_exit.  The
 * exiting task is current in every variant of the tracepoint, so all three
 * read it with bpf_get_current_task().  do_exit() has stored the wait status
 * in task->exit_code and decremented signal->live before the tracepoint: a
 * live count of 0 means the last thread is exiting, the process is gone.
 * More than one thread can read 0, though: between its decrement and the
 * tracepoint a thread wakes its joiner (exit_mm() clears the child tid), and
 * on one CPU the joiner may run its whole exit_group() first.  The first to
 * get there is the process exit (claim_process_exit()), the others thread
 * exits.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "exitsnoop.h"

const volatile bool cfg_threads = false;	/* every thread's exit, not only the last */

/* Processes whose exit has been reported: signal_struct address -> start
 * time of its group leader (a signal_struct reused by a later process has
 * another leader). */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u64);
	__type(value, __u64);
} ended SEC(".maps");

/* True for the first exiting thread that sees signal->live at 0. */
static __always_inline bool claim_process_exit(struct task_struct *task)
{
	__u64 sig = (__u64)BPF_CORE_READ(task, signal);
	__u64 start = BPF_CORE_READ(task, group_leader, start_time);
	__u64 *seen = bpf_map_lookup_elem(&ended, &sig);

	if (seen && *seen == start)
		return false;
	bpf_map_update_elem(&ended, &sig, &start, BPF_ANY);
	return true;
}

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
	last = BPF_CORE_READ(task, signal, live.counter) == 0 && claim_process_exit(task);
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
