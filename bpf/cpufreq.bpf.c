// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* cpufreq: samples of the frequency each CPU runs at, and of who runs there. */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "hist.bpf.h"
#include "cpufreq.h"

/* Current frequency of each CPU in MHz: from sysfs at start (user space),
 * then from power:cpu_frequency. */
__u32 freqs_mhz[CPUFREQ_MAX_CPUS] = {};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, struct cpufreq_key);
	__type(value, struct tk_hist);
} hists SEC(".maps");

static struct tk_hist zero_hist;

/* &freqs_mhz[cpu], or NULL; masked so the verifier bounds the index that
 * is used, not a copy clang tested (CPUFREQ_MAX_CPUS is a power of two). */
static __always_inline __u32 *freq_of(__u32 cpu)
{
	if (cpu >= CPUFREQ_MAX_CPUS)
		return NULL;
	asm volatile("" : "+r"(cpu));
	return &freqs_mhz[cpu & (CPUFREQ_MAX_CPUS - 1)];
}

static __always_inline int on_frequency(unsigned int khz, unsigned int cpu)
{
	__u32 *f = freq_of(cpu);

	if (f)
		*f = khz / 1000;
	return 0;
}

SEC("tp_btf/cpu_frequency")
int BPF_PROG(tp_btf_cpu_frequency, unsigned int khz, unsigned int cpu)
{
	return on_frequency(khz, cpu);
}

SEC("raw_tp/cpu_frequency")
int BPF_PROG(raw_tp_cpu_frequency, unsigned int khz, unsigned int cpu)
{
	return on_frequency(khz, cpu);
}

static __always_inline void add(struct cpufreq_key *key, __u32 slot)
{
	struct tk_hist *h = tk_hist_row(&hists, key, &zero_hist);

	if (h)
		tk_hist_add(h, slot);
}

SEC("perf_event")
int perf_event_cpufreq(struct bpf_perf_event_data *ctx)
{
	__u32 *f = freq_of(bpf_get_smp_processor_id()), mhz, slot;
	struct cpufreq_key key = {};

	mhz = f ? *f : 0;
	if (!mhz || !tk_filter_pass())
		return 0;
	slot = tk_linear_slot(mhz, CPUFREQ_STEP_MHZ);
	add(&key, slot);
	key.per_comm = 1;
	bpf_get_current_comm(&key.comm, sizeof(key.comm));
	add(&key, slot);
	return 0;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
