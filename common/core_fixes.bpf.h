/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Kernel-layout shims: one place for the kernel changes a tool must survive
 * at load time (CO-RE).  Each shim names the kernel commit that forced it.
 * Include after vmlinux.h and tk.bpf.h.
 */
#ifndef TK_CORE_FIXES_BPF_H
#define TK_CORE_FIXES_BPF_H

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>

extern int LINUX_KERNEL_VERSION __kconfig;

/*
 * Commit a54895fa057c ("block: remove the request_queue to argument request
 * based tracepoints", v5.11) dropped the leading struct request_queue * from
 * block_rq_insert, block_rq_issue, block_rq_complete and friends: before it
 * the request is argument 1, after it argument 0.
 *
 * Where the compiler can emit a type-match relocation (clang 15 and later),
 * the kernel's own btf_trace_block_rq_issue prototype decides, so a distro
 * kernel with the change backported is handled; clang 14 falls back to the
 * kernel version.
 */
typedef void (*btf_trace_block_rq_issue___tk_old)(void *, struct request_queue *, struct request *);

static __always_inline bool tk_block_rq_has_queue_arg(void)
{
#if defined(bpf_core_type_matches) && __clang_major__ >= 15
	return bpf_core_type_matches(btf_trace_block_rq_issue___tk_old);
#else
	return LINUX_KERNEL_VERSION < KERNEL_VERSION(5, 11, 0);
#endif
}

/* The struct request * of a block_rq_* tracepoint, from its raw arguments
 * (tp_btf ctx or raw_tp args: both an array of u64). */
static __always_inline struct request *tk_block_rq_arg(const __u64 *args)
{
	return (struct request *)(tk_block_rq_has_queue_arg() ? args[1] : args[0]);
}

/*
 * The gendisk of a request.  Commit d152c682f03c ("block: add an explicit
 * ->disk backpointer to the request_queue", v5.15) added request_queue->disk;
 * commit f3fa33acca9f ("block: remove the ->rq_disk field in struct
 * request", v5.17) removed request->rq_disk.  Kernels before 5.17 have
 * rq_disk, later ones only q->disk.
 */
struct request___tk_rq_disk {
	struct gendisk *rq_disk;
} __attribute__((preserve_access_index));

struct request_queue___tk_disk {
	struct gendisk *disk;
} __attribute__((preserve_access_index));

static __always_inline struct gendisk *tk_rq_gendisk(struct request *rq)
{
	struct request___tk_rq_disk *old = (void *)rq;
	struct request_queue___tk_disk *q;

	if (bpf_core_field_exists(old->rq_disk))
		return BPF_CORE_READ(old, rq_disk);
	q = (void *)BPF_CORE_READ(rq, q);
	return BPF_CORE_READ(q, disk);
}

/* dev_t of a request's whole disk in the kernel's encoding (major << 20 |
 * minor), 0 when the request has no disk. */
static __always_inline __u32 tk_rq_disk_dev(struct request *rq)
{
	struct gendisk *disk = tk_rq_gendisk(rq);

	if (!disk)
		return 0;
	return ((__u32)BPF_CORE_READ(disk, major) << 20) | (__u32)BPF_CORE_READ(disk, first_minor);
}

#endif
