/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* verifierfail: a test-only tool whose one program the verifier rejects. */
#ifndef VERIFIERFAIL_H
#define VERIFIERFAIL_H

struct verifierfail_event {
	__u64 value;
};
_Static_assert(sizeof(struct verifierfail_event) == 8, "verifierfail ABI");

#endif
