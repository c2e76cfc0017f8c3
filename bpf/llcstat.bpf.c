// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* llcstat: samples of the LLC reference and miss hardware events, per thread. */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "table.bpf.h"
#include "llcstat.h"

const volatile bool cfg_per_thread = false;
const volatile __u64 cfg_period = 100;	/* events per sample */

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, struct llcstat_key);
	__type(value, struct llcstat_value);
} counts SEC(".maps");

static struct llcstat_value zero_value;

/* One sample of the reference (miss false) or miss event. */
static __always_inline int sample(bool miss)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct llcstat_key key = {};
	struct llcstat_value *v;

	if (!tk_filter_pass())
		return 0;
	key.pid = pid_tgid >> 32;
	key.tid = cfg_per_thread ? (__u32)pid_tgid : 0;
	key.cpu = bpf_get_smp_processor_id();
	bpf_get_current_comm(&key.comm, sizeof(key.comm));
	v = tk_table_row(&counts, &key, &zero_value);
	if (!v)
		return 0;
	if (miss)
		__sync_fetch_and_add(&v->miss, cfg_period);
	else
		__sync_fetch_and_add(&v->ref, cfg_period);
	return 0;
}

SEC("perf_event")
int perf_event_llc_ref(struct bpf_perf_event_data *ctx)
{
	return sample(false);
}

SEC("perf_event")
int perf_event_llc_miss(struct bpf_perf_event_data *ctx)
{
	return sample(true);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
