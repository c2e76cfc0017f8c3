// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* laddercheck: test-only frontend for the attach ladder (tests/e2e/ladder.sh). */
#include "tk.h"
#include "laddercheck.h"
#include "laddercheck.skel.h"

static void get_rung(const void *rec, struct tk_value *v, char *buf)
{
	static const char *const names[] = { "?", "tp_btf", "fentry", "kprobe" };
	const struct laddercheck_event *e = rec;

	(void)buf;
	tk_set_raw(v, names[e->rung < 4 ? e->rung : 0], 0);
	v->s.len = __builtin_strlen(v->s.p);
}

static const struct tk_field fields[] = {
	TK_FIELD(struct laddercheck_event, pid, TK_FT_U32, "pid", "PID", 7),
	TK_FIELD_GET(get_rung, "rung", "RUNG", 0),
	{ 0 },
};

TK_SKELETON(laddercheck_bpf);

static const struct tk_tool tool = {
	.name = "laddercheck",
	.summary = "Test tool: one probe with tp_btf, fentry and kprobe variants.",
	.std = TK_STD_PID | TK_STD_DURATION,
	.fields = fields,
	.skel = &tk_skel_ops_,
};

TK_TOOL_MAIN(tool)
