// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * capable: capability checks in cap_capable().  The capability:cap_capable
 * tracepoint (tp_btf, raw_tp, tp) carries the capability and the verdict
 * but not the audit options; where it is missing, fentry/fexit or
 * kprobe/kretprobe on cap_capable() give the options too.  The attach
 * ladder picks one: the frontend declares cap_capable a joint probe.
 */
#include "vmlinux.h"
#include "tk.bpf.h"
#include "stack.bpf.h"
#include "capable.h"

/* cap_capable()'s opts bits (include/linux/security.h, since 5.1) */
#define TK_CAP_OPT_NOAUDIT (1U << 1)
#define TK_CAP_OPT_INSETID (1U << 2)

const volatile bool cfg_kstack = false;
const volatile bool cfg_ustack = false;
const volatile __u8 cfg_unique = CAPABLE_UNIQUE_OFF;

struct seen_key {
	__u64 id;		/* tgid or cgroup id */
	__s32 cap;
	__u32 pad;
};

/* --unique: (process or cgroup, capability) pairs already printed */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 10240);
	__type(key, struct seen_key);
	__type(value, __u8);
} seen SEC(".maps");

struct args {
	__s32 cap;
	__u32 opts;
};

/* kprobe/fentry to kretprobe/fexit: the arguments, by thread (allocated
 * on use: the tracepoint rung never fills it) */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, struct args);
} start SEC(".maps");

static __always_inline int emit(void *ctx, int cap, int ret, int audit, int insetid)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct capable_event *e;

	if (!tk_filter_pass() || !tk_result_pass(ret))
		return 0;
	if (cfg_unique != CAPABLE_UNIQUE_OFF) {
		struct seen_key k = { .cap = cap };
		__u8 one = 1;

		k.id = cfg_unique == CAPABLE_UNIQUE_PID ? pid_tgid >> 32 : bpf_get_current_cgroup_id();
		if (bpf_map_update_elem(&seen, &k, &one, BPF_NOEXIST))
			return 0;	/* printed before */
	}
	e = tk_reserve(sizeof(*e));
	if (!e)
		return 0;
	e->ts = bpf_ktime_get_ns();
	e->pid = (__u32)(pid_tgid >> 32);
	e->tid = (__u32)pid_tgid;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->cap = cap;
	e->ret = ret;
	e->audit = (__s8)audit;
	e->insetid = (__s8)insetid;
	e->pad[0] = e->pad[1] = 0;
	e->kstack = cfg_kstack ? tk_stack_kernel(ctx) : 0;
	e->ustack = cfg_ustack ? tk_stack_user(ctx) : 0;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	tk_submit(e);
	return 0;
}

SEC("tp_btf/cap_capable")
int BPF_PROG(tp_btf_cap_capable, const struct cred *cred, struct user_namespace *target_ns,
	     const struct user_namespace *capable_ns, int cap, int ret)
{
	return emit(ctx, cap, ret, -1, -1);
}

SEC("raw_tp/cap_capable")
int BPF_PROG(raw_tp_cap_capable, const struct cred *cred, struct user_namespace *target_ns,
	     const struct user_namespace *capable_ns, int cap, int ret)
{
	return emit(ctx, cap, ret, -1, -1);
}

SEC("tp/capability/cap_capable")
int tp_cap_capable(struct trace_event_raw_cap_capable *ctx)
{
	return emit(ctx, BPF_CORE_READ(ctx, cap), BPF_CORE_READ(ctx, ret), -1, -1);
}

static __always_inline int enter(int cap, unsigned int opts)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct args a = { .cap = cap, .opts = opts };

	if (tk_filter_pass())
		bpf_map_update_elem(&start, &tid, &a, BPF_ANY);
	return 0;
}

static __always_inline int leave(void *ctx, int ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct args *a = bpf_map_lookup_elem(&start, &tid);
	struct args copy;

	if (!a)
		return 0;
	copy = *a;
	bpf_map_delete_elem(&start, &tid);
	return emit(ctx, copy.cap, ret, !(copy.opts & TK_CAP_OPT_NOAUDIT),
		    !!(copy.opts & TK_CAP_OPT_INSETID));
}

SEC("fentry/cap_capable")
int BPF_PROG(fentry_cap_capable, const struct cred *cred, struct user_namespace *ns, int cap,
	     unsigned int opts)
{
	return enter(cap, opts);
}

SEC("kprobe/cap_capable")
int BPF_KPROBE(kprobe_cap_capable, const struct cred *cred, struct user_namespace *ns, int cap,
	       unsigned int opts)
{
	return enter(cap, opts);
}

SEC("fexit/cap_capable")
int BPF_PROG(fexit_cap_capable, const struct cred *cred, struct user_namespace *ns, int cap,
	     unsigned int opts, int ret)
{
	return leave(ctx, ret);
}

SEC("kretprobe/cap_capable")
int BPF_KRETPROBE(kretprobe_cap_capable, int ret)
{
	return leave(ctx, ret);
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
