// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Flame graphs (common/flamegraph.c): folded input, merging, the SVG's
 * frames and widths, XML escaping, determinism. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tap.h"
#include "flamegraph.h"

/* The SVG of fg as a malloc'ed string. */
static char *svg(struct tk_flame *fg, const char *title)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	if (tk_flame__write(fg, f, title, "samples")) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	return buf;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

int main(void)
{
	struct tk_flame *fg = tk_flame__new(), *fg2;
	const char *frames[] = { "app", "main", "work" };
	char *s, *s2;

	ok(fg, "new flame graph");
	is_int(tk_flame__add_folded(fg, "app;main;work 30"), 0, "folded line added");
	is_int(tk_flame__add_folded(fg, "app;main;idle 10\n"), 0, "folded line with newline added");
	is_int(tk_flame__add(fg, frames, 3, 20), 0, "stack array added");
	is_int((int)tk_flame__total(fg), 60, "total is the sum of the values");
	is_int(tk_flame__add_folded(fg, "app;main"), -22, "line without a count: -EINVAL");
	is_int(tk_flame__add_folded(fg, "app;main 12x"), -22, "bad count: -EINVAL");
	is_int(tk_flame__add_folded(fg, " 5"), -22, "empty stack: -EINVAL");
	is_int((int)tk_flame__total(fg), 60, "bad lines add nothing");

	s = svg(fg, "T<&>");
	ok(s, "SVG written");
	ok(s && !strncmp(s, "<?xml", 5) && strstr(s, "</svg>\n"), "an XML document ending in </svg>");
	is_int(s ? count(s, "<g class=\"f\"") : 0, 5, "one frame per tree node (all app main work idle)");
	is_int(s ? count(s, "data-n=\"work\"") : 0, 1, "the same stack twice is merged into one frame");
	ok(s && strstr(s, "<title>work (50 samples, 83.33%)</title>"), "tooltip: value and share");
	ok(s && strstr(s, "<title>all (60 samples, 100.00%)</title>"), "root frame 'all'");
	ok(s && strstr(s, "T&lt;&amp;&gt;"), "title escaped for XML");
	ok(s && strstr(s, "<script") && strstr(s, "function zoom") && strstr(s, "function search"),
	   "embedded script: zoom and search");
	/* widths: 1180 px for 60; work 50 -> 983.33, less a 0.5 px gap */
	ok(s && strstr(s, "width=\"982.83\""), "width proportional to value");

	fg2 = tk_flame__new();
	tk_flame__add_folded(fg2, "app;main;idle 10");
	tk_flame__add_folded(fg2, "app;main;work 50");
	s2 = svg(fg2, "T<&>");
	ok(s && s2 && !strcmp(s, s2), "same stacks in another order: the same file (sorted, colours by name)");
	free(s2);
	tk_flame__free(fg2);
	free(s);

	/* hostile names: markup, quotes, controls, invalid UTF-8 */
	fg2 = tk_flame__new();
	tk_flame__add_folded(fg2, "a<b>&\"c';x\x01y\xff z\xc3\xa9 7");
	s2 = svg(fg2, NULL);
	ok(s2 && strstr(s2, "data-n=\"a&lt;b&gt;&amp;&quot;c&apos;\""), "markup and quotes escaped");
	ok(s2 && strstr(s2, "data-n=\"x?y? z\xc3\xa9\""), "control and invalid bytes become ?, UTF-8 kept");
	ok(s2 && !memchr(s2, '\x01', strlen(s2)) && !strchr(s2, '\xff'), "no raw control or invalid byte");
	free(s2);
	tk_flame__free(fg2);

	/* tiny frames are left out, their parents stay */
	fg2 = tk_flame__new();
	tk_flame__add_folded(fg2, "big 1000000");
	tk_flame__add_folded(fg2, "big;tiny 1");
	s2 = svg(fg2, NULL);
	ok(s2 && strstr(s2, "data-n=\"big\"") && !strstr(s2, "data-n=\"tiny\""),
	   "frames narrower than 0.1 px are left out");
	free(s2);
	tk_flame__free(fg2);

	/* an empty graph is still a valid document */
	fg2 = tk_flame__new();
	s2 = svg(fg2, NULL);
	ok(s2 && strstr(s2, "</svg>") && !strstr(s2, "<g class"), "empty graph: a document without frames");
	free(s2);
	tk_flame__free(fg2);
	tk_flame__free(NULL);
	tk_flame__free(fg);
	return done_testing();
}
