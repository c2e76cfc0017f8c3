/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Histogram rendering: log2 or linear, text stars or JSON, from BPF maps. */
#ifndef TK_HIST_H
#define TK_HIST_H

#include "tk.h"

struct bpf_map;

/* Low and high bound (inclusive) of slot i of a histogram of spec's kind.
 * The last slot, where the BPF side clamps overflow, ends at ULLONG_MAX. */
void tk_hist_bounds(const struct tk_hist_spec *spec, int i,
		    unsigned long long *low, unsigned long long *high);

/* Prints one histogram: text in BCC's star layout (nothing but the label
 * when it is empty), or one JSON line {"type":"hist",["time",]
 * [json_key,]"unit","buckets":[{"low","high","count"}...]} covering the
 * first to the last non-empty slot.  label, json_key and json_val may be NULL. */
void tk_hist_print(const struct tk_hist_spec *spec, const struct tk_hist *h,
		   const char *label, const char *json_key, const struct tk_value *json_val);

/* Reads and clears spec's map (hash: tool key -> struct tk_hist or struct
 * tk_hist_sum, drained element by element; array of them: read and zeroed),
 * then prints the non-empty histograms in spec->order, at most spec->limit
 * of them when it is not 0, each labelled by key_label or by row_label and
 * row_fields.  In JSON a map without labels prints an empty histogram rather
 * than nothing.  Returns the number printed or a negative errno (after
 * printing why). */
int tk_hist_print_map(const struct tk_hist_spec *spec, struct bpf_map *map);

#endif
