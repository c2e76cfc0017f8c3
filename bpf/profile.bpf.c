// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * profile: a software perf event (cpu-clock) samples every CPU at a fixed
 * rate; each sample counts once for the interrupted task's stacks.
 */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "stackagg.bpf.h"
#include "profile.h"

const volatile bool cfg_kernel = true;
const volatile bool cfg_user = true;
const volatile bool cfg_idle = false;

SEC("perf_event")
int perf_event_sample(struct bpf_perf_event_data *ctx)
{
	struct tk_stack_key key;
	__u64 pid_tgid = bpf_get_current_pid_tgid();

	if (!cfg_idle && (__u32)pid_tgid == 0)
		return 0;
	if (!tk_filter_pass())
		return 0;
	tk_stack_key_current(ctx, &key, cfg_kernel, cfg_user);
	tk_stack_count(&key, 1);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
