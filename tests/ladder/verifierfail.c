// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* verifierfail: test-only frontend (tests/e2e/kernel_features.sh). */
#include "tk.h"
#include "verifierfail.h"
#include "verifierfail.skel.h"

static const struct tk_field fields[] = {
	TK_FIELD(struct verifierfail_event, value, TK_FT_U64, "value", "VALUE", 0),
	{ 0 },
};

TK_SKELETON(verifierfail_bpf);

static const struct tk_tool tool = {
	.name = "verifierfail",
	.summary = "Test tool: its BPF program is rejected by the verifier.",
	.std = TK_STD_DURATION,
	.fields = fields,
	.skel = &tk_skel_ops_,
};

TK_TOOL_MAIN(tool)
