/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * BPF side of summary tables (struct tk_table_spec): finding or creating a
 * row, and counting the updates a full map could not take, which user space
 * (common/table.c) reports instead of dropping them silently.
 */
#ifndef TK_TABLE_BPF_H
#define TK_TABLE_BPF_H

/* Updates lost because a table map was full, per CPU. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} tk_table_full SEC(".maps");

/* The value of key in table map, created from init when missing; NULL (and
 * the loss counted) when the map is full. */
static __always_inline void *tk_table_row(void *map, const void *key, const void *init)
{
	return tk_map_row(map, key, init, &tk_table_full);
}

#endif
