/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Aggregated stacks (struct tk_stacks_spec in tk.h): the map
 * tk_stack_counts of common/stackagg.bpf.h, read and cleared at exit (and
 * every interval), symbolized and printed as
 *   text    BCC-style: kernel frames, "--", user frames (innermost first),
 *           then "    -                comm (pid)" and the value; least
 *           first, so the biggest ends up next to the prompt;
 *   folded  "comm;user frames;kernel frames value", root first, kernel
 *           frames suffixed "_[k]", sorted by line (flamegraph.pl,
 *           speedscope);
 *   JSON    one record per unique stack, largest first:
 *           {"type":<spec->type>,"pid","comm",[target_key,]
 *            "count"|"total_us","kernel_stack":[…],"user_stack":[…]},
 *           frames as common/stack.h prints them;
 *   SVG     a flame graph (common/flamegraph.h) written to a file.
 * Samples whose stack was lost (stack map full: -EEXIST, -ENOMEM) are
 * counted, warned about on stderr and, in JSON, reported as
 * {"type":"lost_stacks","kernel":N,"user":N}; a full tk_stack_counts map
 * as {"type":"lost","count":N,"total":N} (common/table.h).
 */
#ifndef TK_STACKAGG_H
#define TK_STACKAGG_H

#include <stdbool.h>
#include "tk.h"

struct bpf_object;

/* For a setup hook: sizes tk_stack_counts (entries keys, 0 = 10240) and
 * the stack map (stack_entries stacks, 0 = 16384).  Returns 0 or a
 * negative errno. */
int tk_stackagg_configure(struct bpf_object *obj, unsigned int entries,
			  unsigned int stack_entries);

/* Reads, clears and prints the aggregated stacks of obj under spec (see
 * above).  Returns 0, or a negative errno after printing why. */
int tk_stackagg_print(const struct tk_stacks_spec *spec, struct bpf_object *obj);

#endif
