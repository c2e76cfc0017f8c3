// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* biolatency: block I/O latency histograms from the block_rq_* tracepoints. */
#define TK_NO_EVENTS
#include "vmlinux.h"
#include "tk.bpf.h"
#include "hist.bpf.h"
#include "core_fixes.bpf.h"
#include "biolatency.h"

const volatile bool cfg_queued = false;		/* start at insert, not at issue */
const volatile bool cfg_msecs = false;		/* msecs instead of usecs */
const volatile bool cfg_per_disk = false;	/* key by disk */
const volatile bool cfg_per_flags = false;	/* key by op and flags */

/* Start time of each request in flight, keyed by the request's address. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u64);
	__type(value, __u64);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct biolatency_key);
	__type(value, struct tk_hist);
} hists SEC(".maps");

/* too large for the BPF stack: the initial value of a new histogram */
static struct tk_hist zero_hist;

/* One kernel flag bit (enum req_flag_bits, which moves between kernel
 * versions) to tracekit's own; 0 when this kernel lacks the flag. */
#define XLATE_FLAG(cmd, kbit, ours)						\
	(bpf_core_enum_value_exists(enum req_flag_bits, kbit) &&		\
	 ((cmd) >> bpf_core_enum_value(enum req_flag_bits, kbit) & 1) ? (ours) : 0)

static __always_inline __u32 rq_flags(struct request *rq)
{
	__u32 cmd = BPF_CORE_READ(rq, cmd_flags);

	return (cmd & BIO_OP_MASK) |
	       XLATE_FLAG(cmd, __REQ_SYNC, BIO_F_SYNC) |
	       XLATE_FLAG(cmd, __REQ_META, BIO_F_META) |
	       XLATE_FLAG(cmd, __REQ_PRIO, BIO_F_PRIO) |
	       XLATE_FLAG(cmd, __REQ_NOMERGE, BIO_F_NOMERGE) |
	       XLATE_FLAG(cmd, __REQ_IDLE, BIO_F_IDLE) |
	       XLATE_FLAG(cmd, __REQ_FUA, BIO_F_FUA) |
	       XLATE_FLAG(cmd, __REQ_PREFLUSH, BIO_F_PREFLUSH) |
	       XLATE_FLAG(cmd, __REQ_RAHEAD, BIO_F_RAHEAD) |
	       XLATE_FLAG(cmd, __REQ_BACKGROUND, BIO_F_BACKGROUND) |
	       XLATE_FLAG(cmd, __REQ_NOWAIT, BIO_F_NOWAIT);
}

/* Insert (with -Q) or issue: remember when the request started.  With -Q an
 * issue keeps the insert time; it only starts the clock of a request that
 * was issued directly, without passing through insert. */
static __always_inline int rq_start(struct request *rq, bool issue)
{
	__u64 key = (__u64)rq, ts = bpf_ktime_get_ns();

	bpf_map_update_elem(&start, &key, &ts, issue && cfg_queued ? BPF_NOEXIST : BPF_ANY);
	return 0;
}

static __always_inline int rq_done(struct request *rq)
{
	struct biolatency_key hkey = {};
	__u64 key = (__u64)rq, now = bpf_ktime_get_ns(), delta;
	struct tk_hist *h;
	__u64 *tsp;

	tsp = bpf_map_lookup_elem(&start, &key);
	if (!tsp)
		return 0;	/* started before we attached */
	if (now < *tsp)
		goto out;
	delta = (now - *tsp) / (cfg_msecs ? 1000000 : 1000);
	if (cfg_per_disk)
		hkey.dev = tk_rq_disk_dev(rq);
	if (cfg_per_flags)
		hkey.flags = rq_flags(rq);
	h = tk_hist_row(&hists, &hkey, &zero_hist);
	if (h)
		tk_hist_add(h, tk_log2_slot(delta));
out:
	bpf_map_delete_elem(&start, &key);
	return 0;
}

SEC("tp_btf/block_rq_insert")
int tp_btf_block_rq_insert(__u64 *ctx)
{
	return rq_start(tk_block_rq_arg(ctx), false);
}

SEC("tp_btf/block_rq_issue")
int tp_btf_block_rq_issue(__u64 *ctx)
{
	return rq_start(tk_block_rq_arg(ctx), true);
}

SEC("tp_btf/block_rq_complete")
int tp_btf_block_rq_complete(__u64 *ctx)
{
	return rq_done(tk_block_rq_arg(ctx));
}

SEC("raw_tp/block_rq_insert")
int raw_tp_block_rq_insert(struct bpf_raw_tracepoint_args *ctx)
{
	return rq_start(tk_block_rq_arg(ctx->args), false);
}

SEC("raw_tp/block_rq_issue")
int raw_tp_block_rq_issue(struct bpf_raw_tracepoint_args *ctx)
{
	return rq_start(tk_block_rq_arg(ctx->args), true);
}

SEC("raw_tp/block_rq_complete")
int raw_tp_block_rq_complete(struct bpf_raw_tracepoint_args *ctx)
{
	return rq_done(tk_block_rq_arg(ctx->args));
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
