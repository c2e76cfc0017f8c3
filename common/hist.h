/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Histogram rendering: log2 or linear, text stars or JSON, from BPF maps. */
#ifndef TK_HIST_H
#define TK_HIST_H

#include "tk.h"

struct bpf_map;

/* Low and high bound of slot i. */
void tk_hist_bounds(const struct tk_hist_spec *spec, int i,
		    unsigned long long *low, unsigned long long *high);

/* Prints one histogram, text (BCC's star layout) or JSON, with an optional
 * key (label for text; json_key/json_val for JSON; NULL for none). */
void tk_hist_print(const struct tk_hist_spec *spec, const struct tk_hist *h,
		   const char *label, const char *json_key, const struct tk_value *json_val);

/* Reads every histogram of spec's map, prints them sorted by key and clears
 * the map.  Returns the number printed or a negative errno. */
int tk_hist_print_map(const struct tk_hist_spec *spec, struct bpf_map *map);

#endif
