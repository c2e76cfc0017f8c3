// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Folded frame names (common/stackagg.c) and their round trip through a
 * flame graph (common/flamegraph.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "flamegraph.h"
#include "stackagg.h"
#include "sym.h"

static const char *name(const char *sym, const char *module, bool kernel)
{
	static char out[512];
	struct tk_frame f = { .addr = 0x1234, .sym = sym, .module = module };

	tk_stack_folded_name(&f, kernel, out, sizeof(out));
	return out;
}

int main(void)
{
	char small[8], line[1200], *svg = NULL;
	struct tk_frame f = { .sym = "a_rather_long_function_name" };
	struct tk_flame *fg;
	size_t len = 0;
	FILE *mem;

	is_str(name("tk_hot_spin", "prog", false), "tk_hot_spin", "user frame: the function");
	is_str(name("vfs_read", NULL, true), "vfs_read_[k]", "kernel frame: suffixed _[k]");
	is_str(name(NULL, "libc.so.6", false), "[libc.so.6]", "no symbol: [module]");
	is_str(name(NULL, NULL, false), "[unknown]", "nothing known: [unknown]");
	is_str(name(NULL, NULL, true), "[unknown]_[k]", "unknown kernel frame");
	is_str(name("a;b", NULL, false), "a:b", "';' (the separator) replaced");
	is_str(name("x\ny\x1b\xff", NULL, false), "x\\ny\\x1b\\xff", "controls and invalid UTF-8 escaped");
	is_str(name("operator new(unsigned long)", NULL, false), "operator new(unsigned long)",
	       "spaces kept (the count follows the last space)");
	tk_stack_folded_name(&f, true, small, sizeof(small));
	ok(strlen(small) < sizeof(small), "a small buffer is never overrun");

	/* a folded line built from these names parses back into the same frames */
	snprintf(line, sizeof(line), "comm;%s", name("main", "p", false));
	snprintf(line + strlen(line), sizeof(line) - strlen(line), ";%s 7", name("x;y", NULL, true));
	is_str(line, "comm;main;x:y_[k] 7", "folded line");
	fg = tk_flame__new();
	is_int(tk_flame__add_folded(fg, line), 0, "the flame graph takes it");
	mem = open_memstream(&svg, &len);
	tk_flame__write(fg, mem, NULL, "samples");
	fclose(mem);
	ok(svg && strstr(svg, "data-n=\"x:y_[k]\"") && strstr(svg, "data-n=\"main\"") &&
	   strstr(svg, "data-n=\"comm\""), "each name is one frame of the graph");
	free(svg);
	tk_flame__free(fg);
	return done_testing();
}
