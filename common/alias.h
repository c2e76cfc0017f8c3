/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * argv[0] aliases: one binary that serves several tool descriptions, chosen
 * by the name it was run as.  A frontend declares its main description and
 * its aliases (each a full struct tk_tool: name, help, options, fields,
 * setup) and ends with
 *
 *	TK_TOOLS_MAIN(tool, alias1, alias2)
 *
 * instead of TK_TOOL_MAIN(tool).  The Makefile's ALIASES list (alias=tool)
 * installs the symlinks and man pages.
 */
#ifndef TK_ALIAS_H
#define TK_ALIAS_H

#include "tk.h"

/*
 * The description for a program run as argv0: the one whose name is the
 * base name of argv0, else the one whose name ends it (an installed
 * "bpf-killsnoop" is killsnoop; the longest such name wins), else tools[0].
 * tools is NULL-terminated and not empty; argv0 may be NULL.  Returns a
 * pointer into tools.
 */
const struct tk_tool *tk_tool_pick(const struct tk_tool *const *tools, const char *argv0);

#define TK_TOOLS_MAIN(first, ...) \
	int main(int argc, char **argv) \
	{ \
		static const struct tk_tool *const tk_tools_[] = { &(first), __VA_ARGS__, NULL }; \
		return tk_main(tk_tool_pick(tk_tools_, argv[0]), argc, argv); \
	}

#endif
