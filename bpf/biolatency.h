/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* biolatency: the histogram key BPF and user space share. */
#ifndef BIOLATENCY_H
#define BIOLATENCY_H

/* Request op (cmd_flags & 0xff: REQ_OP_READ = 0, REQ_OP_WRITE = 1, ...) in
 * the low byte of flags; the bits below are tracekit's own, translated from
 * the running kernel's enum req_flag_bits, so user space never depends on
 * where a kernel version put them. */
#define BIO_OP_MASK		0xffu
#define BIO_F_SYNC		(1u << 8)
#define BIO_F_META		(1u << 9)
#define BIO_F_PRIO		(1u << 10)
#define BIO_F_NOMERGE		(1u << 11)
#define BIO_F_IDLE		(1u << 12)
#define BIO_F_FUA		(1u << 13)
#define BIO_F_PREFLUSH		(1u << 14)
#define BIO_F_RAHEAD		(1u << 15)
#define BIO_F_BACKGROUND	(1u << 16)
#define BIO_F_NOWAIT		(1u << 17)

/* Key of map "hists": one histogram per disk (-D), per flag set (-F) or one
 * in all (both zero). */
struct biolatency_key {
	__u32 dev;		/* kernel dev_t (major << 20 | minor) of the disk, -D */
	__u32 flags;		/* op | BIO_F_*, -F */
};
_Static_assert(sizeof(struct biolatency_key) == 8, "biolatency ABI");

#endif
