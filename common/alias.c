// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* argv[0] aliases (alias.h). */
#include <string.h>
#include "alias.h"

const struct tk_tool *tk_tool_pick(const struct tk_tool *const *tools, const char *argv0)
{
	const struct tk_tool *best = NULL;
	const char *base, *slash;
	size_t blen, best_len = 0;

	if (!argv0)
		return tools[0];
	slash = strrchr(argv0, '/');
	base = slash ? slash + 1 : argv0;
	blen = strlen(base);
	for (int i = 0; tools[i]; i++) {
		size_t n = strlen(tools[i]->name);

		if (!strcmp(base, tools[i]->name))
			return tools[i];
		if (n < blen && n > best_len && !strcmp(base + blen - n, tools[i]->name)) {
			best = tools[i];
			best_len = n;
		}
	}
	return best ? best : tools[0];
}
