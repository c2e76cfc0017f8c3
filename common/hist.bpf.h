/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/* Histogram slot helpers: user space renders struct tk_hist (tk_abi.h). */
#ifndef TK_HIST_BPF_H
#define TK_HIST_BPF_H

#include "tk_abi.h"

/* Index of the highest set bit plus one: 0 -> 0, 1 -> 1, 2..3 -> 2, ... */
static __always_inline __u32 tk_log2_slot(__u64 v)
{
	__u32 r = 0;

	if (v >> 32) { v >>= 32; r += 32; }
	if (v >> 16) { v >>= 16; r += 16; }
	if (v >> 8)  { v >>= 8;  r += 8; }
	if (v >> 4)  { v >>= 4;  r += 4; }
	if (v >> 2)  { v >>= 2;  r += 2; }
	if (v >> 1)  { v >>= 1;  r += 1; }
	return r + (__u32)v;
}

/* Linear slot of width step, clamped into the last slot. */
static __always_inline __u32 tk_linear_slot(__u64 v, __u64 step)
{
	__u64 s = step ? v / step : v;

	return s >= TK_HIST_SLOTS ? TK_HIST_SLOTS - 1 : (__u32)s;
}

/* Add one to slot of h (bounds-checked for the verifier). */
static __always_inline void tk_hist_add(struct tk_hist *h, __u32 slot)
{
	if (slot >= TK_HIST_SLOTS)
		slot = TK_HIST_SLOTS - 1;
	/* clang may test a copy of slot and index with the original (after
	 * tk_linear_slot()'s clamp, say), which the verifier cannot bound:
	 * mask the index itself (TK_HIST_SLOTS is a power of two) */
	asm volatile("" : "+r"(slot));
	slot &= TK_HIST_SLOTS - 1;
	__sync_fetch_and_add(&h->slots[slot], 1);
}

/* Add one to slot of h->hist and value to h->sum. */
static __always_inline void tk_hist_sum_add(struct tk_hist_sum *h, __u32 slot, __u64 value)
{
	tk_hist_add(&h->hist, slot);
	__sync_fetch_and_add(&h->sum, value);
}

/* Histogram updates lost because a histogram map was full, per CPU: user
 * space (common/run.c) reports them as it reports a full table map. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} tk_hist_full SEC(".maps");

/* The histogram of key in hash map map, created from init (a zeroed struct
 * tk_hist or tk_hist_sum, outside the stack) when missing; NULL, and the
 * lost update counted in tk_hist_full, when the map is full. */
static __always_inline void *tk_hist_row(void *map, const void *key, const void *init)
{
	return tk_map_row(map, key, init, &tk_hist_full);
}

#endif
