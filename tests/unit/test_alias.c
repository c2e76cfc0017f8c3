// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Unit tests of common/alias.c: which description argv[0] picks. */
#include <stddef.h>
#include "alias.h"
#include "tap.h"

static const struct tk_tool main_tool = { .name = "sigsnoop" };
static const struct tk_tool alias = { .name = "killsnoop" };
static const struct tk_tool shorter = { .name = "snoop" };
static const struct tk_tool *const tools[] = { &main_tool, &alias, &shorter, NULL };
static const struct tk_tool *const one[] = { &main_tool, NULL };

#define PICK(argv0, want) \
	ok(tk_tool_pick(tools, argv0) == &(want), "%s -> %s", argv0 ? argv0 : "NULL", (want).name)

int main(void)
{
	PICK("sigsnoop", main_tool);
	PICK("killsnoop", alias);
	PICK("/usr/sbin/killsnoop", alias);
	PICK("./.output/bin/sigsnoop", main_tool);
	PICK("bpf-killsnoop", alias);			/* APP_PREFIX */
	PICK("/usr/local/sbin/bpf-sigsnoop", main_tool);
	PICK("snoop", shorter);				/* exact beats a suffix */
	PICK("xsnoop", shorter);
	PICK("killsnoop-old", main_tool);		/* not a suffix: the default */
	PICK("sig", main_tool);
	PICK("", main_tool);
	PICK("/usr/sbin/", main_tool);
	PICK(NULL, main_tool);
	ok(tk_tool_pick(one, "killsnoop") == &main_tool, "a single description is always picked");
	return done_testing();
}
