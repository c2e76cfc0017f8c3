// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* oomkill: OOM kills, from the oom:mark_victim tracepoint, which the kernel
 * hits in the context of the task running the OOM killer. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "oomkill.h"

SEC("tracepoint/oom/mark_victim")
int tp_mark_victim(struct trace_event_raw_mark_victim *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct oomkill_event *e;

	if (!tk_filter_pass())
		return 0;
	e = tk_reserve(sizeof(*e));
	if (!e)
		return 0;
	__builtin_memset(e, 0, sizeof(*e));
	e->ts = bpf_ktime_get_ns();
	e->tpid = (__u32)(pid_tgid >> 32);
	e->ttid = (__u32)pid_tgid;
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
	tk_submit(e);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
