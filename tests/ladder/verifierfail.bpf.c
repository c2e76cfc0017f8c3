// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Test-only: uses a map lookup's result without checking it for NULL, which
 * the verifier must reject, so the tool's load-failure message is tested. */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "verifierfail.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("tp_btf/sched_switch")
int tp_btf_sched_switch(void *ctx)
{
	__u32 key = 0;
	__u64 *val = bpf_map_lookup_elem(&counts, &key);

	*val += 1;	/* no NULL check: rejected on purpose */
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
