// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* oomkill: OOM kills, from the oom:mark_victim tracepoint, which the kernel
 * hits in the context of the task running the OOM killer.  Where fentry or
 * kprobes work, oom_kill_process() adds the size of the memory the killer
 * worked in and, on kernels whose tracepoint has only the pid, the victim's
 * comm. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "oomkill.h"

#define NSEC_PER_SEC 1000000000ULL

/* What oom_kill_process() saw, by the thread that runs it. */
struct oom_info {
	__u64 ts;
	__u64 total_pages;
	__u32 pid;		/* oc->chosen */
	__u32 pad;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct oom_info);
} info SEC(".maps");

static __always_inline int kill_process(struct oom_control *oc)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct oom_info i = {};
	struct task_struct *chosen;

	if (!tk_filter_pass())
		return 0;
	chosen = BPF_CORE_READ(oc, chosen);
	i.ts = bpf_ktime_get_ns();
	i.total_pages = BPF_CORE_READ(oc, totalpages);
	i.pid = (__u32)BPF_CORE_READ(chosen, pid);
	BPF_CORE_READ_STR_INTO(&i.comm, chosen, comm);
	bpf_map_update_elem(&info, &tid, &i, BPF_ANY);
	return 0;
}

SEC("fentry/oom_kill_process")
int BPF_PROG(fentry_oom_kill_process, struct oom_control *oc)
{
	return kill_process(oc);
}

SEC("kprobe/oom_kill_process")
int BPF_KPROBE(kprobe_oom_kill_process, struct oom_control *oc)
{
	return kill_process(oc);
}

SEC("tracepoint/oom/mark_victim")
int tp_mark_victim(struct trace_event_raw_mark_victim *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	struct oomkill_event *e;
	struct oom_info *i;

	if (!tk_filter_pass())
		return 0;
	e = tk_reserve(sizeof(*e));
	if (!e)
		return 0;
	__builtin_memset(e, 0, sizeof(*e));
	e->ts = bpf_ktime_get_ns();
	e->tpid = (__u32)(pid_tgid >> 32);
	e->ttid = tid;
	bpf_get_current_comm(e->tcomm, sizeof(e->tcomm));
	e->pid = (__u32)ctx->pid;
	/* the comm, the memory sizes, uid and score came in 2024 (Linux 6.1's
	 * tracepoint has only the pid); __data_loc: offset in the low 16 bits */
	if (bpf_core_field_exists(ctx->__data_loc_comm)) {
		__u32 loc = ctx->__data_loc_comm;

		bpf_probe_read_kernel_str(e->comm, sizeof(e->comm), (void *)ctx + (loc & 0xffff));
		e->flags |= OOMKILL_F_COMM;
	}
	if (bpf_core_field_exists(ctx->total_vm)) {
		e->total_vm = ctx->total_vm;
		e->anon_rss = ctx->anon_rss;
		e->file_rss = ctx->file_rss;
		e->shmem_rss = ctx->shmem_rss;
		e->pgtables = ctx->pgtables;
		e->uid = ctx->uid;
		e->oom_score_adj = ctx->oom_score_adj;
		e->flags |= OOMKILL_F_MEM;
	}
	/* This thread's oom_kill_process(), if it just ran: one call may mark
	 * several victims (a cgroup's oom.group), so the entry stays; the
	 * age check keeps a stale one out of a kill that did not pass there. */
	i = bpf_map_lookup_elem(&info, &tid);
	if (i && e->ts - i->ts < NSEC_PER_SEC) {
		e->total_pages = i->total_pages;
		e->flags |= OOMKILL_F_TOTAL;
		if (!(e->flags & OOMKILL_F_COMM) && i->pid == e->pid) {
			__builtin_memcpy(e->comm, i->comm, sizeof(e->comm));
			e->flags |= OOMKILL_F_COMM;
		}
	}
	tk_submit(e);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
