/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Summary tables (struct tk_table_spec in tk.h): read, sort, print. */
#ifndef TK_TABLE_H
#define TK_TABLE_H

#include <stddef.h>
#include "tk.h"

struct bpf_map;

/* Sorts n rows (each spec->row_size bytes, at rows) in place: by the column
 * whose JSON key is spec->sort, largest first (numbers by value, strings
 * bytewise), ties and spec->sort == NULL by ascending key.  A sort key that
 * names no field sorts by key alone. */
void tk_table_sort(const struct tk_table_spec *spec, void *rows, size_t n);

/* Prints n rows that are already sorted, at most spec->top of them (0 =
 * all).  Text: (clear screen when *spec->clear,) a blank line, the time
 * with -T (else "[HH:MM:SS]" with spec->interval_time and an interval),
 * the header, one line per row; the header only when n is 0.
 * JSON: one line per row, {"type":...,["time":unix seconds,]fields...}.
 * Returns the number of rows printed. */
size_t tk_table_print_rows(const struct tk_table_spec *spec, const void *rows, size_t n);

/* Reads and clears spec's map (batch lookup-and-delete where the kernel has
 * it, else element by element), drops the rows spec->keep rejects, then
 * sorts and prints the rest as above.  full is
 * the per-CPU counter "tk_table_full" of common/table.bpf.h, or NULL: new
 * losses are reported on stderr and, in JSON, as {"type":"lost","count":N,
 * "total":N} after the rows.  Returns the number of rows printed, or a
 * negative errno after printing why. */
int tk_table_print_map(const struct tk_table_spec *spec, struct bpf_map *map,
		       struct bpf_map *full);

/* Reports the updates a full map could not take since the last call for the
 * same *reported: full is a per-CPU array of one __u64 counter (such as
 * "tk_table_full" of common/table.bpf.h or "tk_hist_full" of
 * common/hist.bpf.h), or NULL for nothing to report; name is the map that was
 * full.  New losses go to stderr ("map NAME was full: N updates not counted")
 * and, in JSON, to {"type":"lost","count":N,"total":N}.  *reported (zero at
 * first) holds the total reported so far and is updated. */
void tk_map_full_report(const char *name, struct bpf_map *full, unsigned long long *reported);

#endif
