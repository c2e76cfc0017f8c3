/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* laddercheck: a test-only tool whose one probe exists only as tp_btf (on a
 * tracepoint no kernel has), fentry and kprobe variants. */
#ifndef LADDERCHECK_H
#define LADDERCHECK_H

enum { RUNG_TP_BTF = 1, RUNG_FENTRY = 2, RUNG_KPROBE = 3 };

struct laddercheck_event {
	__u32 pid;
	__u32 rung;
};
_Static_assert(sizeof(struct laddercheck_event) == 8, "laddercheck ABI");

#endif
