// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Unit tests of stack fields in common/output.c + common/stack.c: lost
 * stacks in text and JSON, stacks hidden when not asked for, never text
 * columns.  (Frames read from a live stack map are covered end to end by
 * tests/e2e/capable.sh.) */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "output.h"
#include "stack.h"
#include "sym.h"
#include "tk.h"
#include "tap.h"
#include "capture.h"

struct rec {
	__u32 pid;
	__s32 kstack;
	__s32 ustack;
	char comm[16];
};

static bool want_k = true, want_u = true;

static const struct tk_field fields[] = {
	TK_FIELD(struct rec, pid, TK_FT_U32, "pid", "PID", 6, .flags = TK_F_LEFT),
	TK_FIELD(struct rec, comm, TK_FT_STR, "comm", "COMM", 0),
	TK_FIELD_STACK(struct rec, kstack, TK_FT_KSTACK, pid, "kernel_stack", &want_k),
	TK_FIELD_STACK(struct rec, ustack, TK_FT_USTACK, pid, "user_stack", &want_u),
	{ 0 },
};

int main(void)
{
	struct rec r = { .pid = 42, .kstack = -EEXIST, .ustack = -EFAULT, .comm = "a\nb" };

	tk_stack_init(NULL);	/* no stack map: a valid id reads as lost (ENOENT) */
	ok(tk_stack_field(&fields[2]) && tk_stack_field(&fields[3]) && !tk_stack_field(&fields[0]),
	   "stack fields are recognised");
	ok(!tk_field_visible(&fields[2]) && !tk_field_visible(&fields[3]), "stacks are never columns");

	capture(false, 0);
	tk_out_header(fields);
	tk_out_record(fields, &r);
	is_str(captured(),
	       "PID    COMM\n"
	       "42     a\\nb\n"
	       "        [lost stack: EEXIST]\n"
	       "        --\n"
	       "        [lost stack: EFAULT]\n",
	       "text: lost stacks under the line, -- between the two");

	capture(true, 0);
	tk_out_record(fields, &r);
	is_str(captured(),
	       "{\"pid\":42,\"comm\":\"a\\nb\",\"kernel_stack\":null,\"kernel_stack_lost\":\"EEXIST\","
	       "\"user_stack\":null,\"user_stack_lost\":\"EFAULT\"}\n",
	       "json: lost stacks are null with a _lost key");

	r.kstack = 7;	/* a valid id the (absent) map does not hold */
	want_u = false;
	capture(true, 0);
	tk_out_record(fields, &r);
	is_str(captured(), "{\"pid\":42,\"comm\":\"a\\nb\",\"kernel_stack\":null,\"kernel_stack_lost\":\"ENOENT\"}\n",
	       "json: an id missing from the map is lost (ENOENT); a stack not asked for is absent");
	want_k = false;
	capture(false, 0);
	tk_out_record(fields, &r);
	is_str(captured(), "42     a\\nb\n", "text: no stack lines when not asked for");

	{
		static const char *const skip[] = { "mutex_", NULL };
		struct tk_frame fr = { .addr = 1 };

		tk_stack_kernel_skip(skip);
		tk_stack_max_frames(3);
		ok(tk_stack_kernel_frame(-EEXIST, 0, &fr) == -EEXIST && fr.addr == 0 && !fr.sym,
		   "kernel frame of a lost stack: its error, an empty frame");
		ok(tk_stack_kernel_frame(7, 0, &fr) == -ENOENT, "kernel frame of an id not in the map: ENOENT");
		want_k = true;
		r.kstack = -ENOMEM;
		capture(false, 0);
		tk_out_record(fields, &r);
		is_str(captured(), "42     a\\nb\n        [lost stack: ENOMEM]\n",
		       "text: skip list and frame limit leave a lost stack as it is");
		tk_stack_kernel_skip(NULL);
		tk_stack_max_frames(0);
	}
	tk_stack_fini();
	return done_testing();
}
