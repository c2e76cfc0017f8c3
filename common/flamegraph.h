/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Flame graphs: stacks (root first) with a value each are merged into a
 * tree and written as one self-contained interactive SVG file: a frame's
 * width is its share of the total, a <title> tooltip gives its value and
 * percentage, a click zooms to a frame (and "Reset Zoom" back out),
 * "Search" highlights the frames whose names match a regular expression.
 * Colours are a hash of the frame name, so the same input always gives
 * the same file.  Names are escaped for XML; bytes that XML cannot carry
 * (controls, invalid UTF-8) become '?'.
 */
#ifndef TK_FLAMEGRAPH_H
#define TK_FLAMEGRAPH_H

#include <stddef.h>
#include <stdio.h>

struct tk_flame;

/* New empty flame graph, or NULL when out of memory. */
struct tk_flame *tk_flame__new(void);
/* Frees the graph; NULL is a no-op. */
void tk_flame__free(struct tk_flame *fg);

/* Adds value to the stack frames[0..n) (root first; names are copied).
 * Returns 0 or -ENOMEM. */
int tk_flame__add(struct tk_flame *fg, const char *const *frames, size_t n,
		  unsigned long long value);

/* Adds one folded line, "frame;frame;frame value" (the value after the
 * last space).  Returns 0, -EINVAL for a malformed line, or -ENOMEM. */
int tk_flame__add_folded(struct tk_flame *fg, const char *line);

/* The sum of the values added so far. */
unsigned long long tk_flame__total(const struct tk_flame *fg);

/* Writes the SVG to f: title on top, unit names the values in tooltips
 * ("samples", "us").  Returns 0, or a negative errno when writing failed. */
int tk_flame__write(const struct tk_flame *fg, FILE *f, const char *title, const char *unit);

#endif
