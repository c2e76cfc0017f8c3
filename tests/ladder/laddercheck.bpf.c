// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Test-only: one probe, "file_open", in three variants the attach ladder
 * must choose between.  On a kernel with neither fentry nor kprobes the
 * tool must fail naming both. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "laddercheck.h"

static __always_inline int emit(__u32 rung)
{
	struct laddercheck_event *e;

	if (!tk_filter_pass())
		return 0;
	e = tk_reserve(sizeof(*e));
	if (!e)
		return 0;
	e->pid = (__u32)(bpf_get_current_pid_tgid() >> 32);
	e->rung = rung;
	tk_submit(e);
	return 0;
}

SEC("tp_btf/tk_no_such_tracepoint")
int tp_btf_file_open(void *ctx)
{
	return emit(RUNG_TP_BTF);
}

SEC("fentry/do_sys_openat2")
int fentry_file_open(void *ctx)
{
	return emit(RUNG_FENTRY);
}

SEC("kprobe/do_sys_openat2")
int kprobe_file_open(void *ctx)
{
	return emit(RUNG_KPROBE);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
