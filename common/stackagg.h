/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Aggregated stacks (struct tk_stacks_spec in tk.h): the map
 * tk_stack_counts of common/stackagg.bpf.h, read and cleared at exit (and
 * every interval), symbolized and printed as
 *   text    BCC-style: kernel frames, "--", user frames (innermost first),
 *           then "    -                comm (pid)" and the value; least
 *           first, so the biggest ends up next to the prompt;
 *   folded  "comm;user frames;kernel frames value", root first, kernel
 *           frames suffixed "_[k]", sorted by line, equal stacks merged
 *           (flamegraph.pl, speedscope); with a target_key,
 *           "target;user frames;kernel frames;comm value";
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

/* The options stack-aggregating tools share (BCC's letters): fill with
 * TK_OPT_STACKS(), resolve with tk_stack_opts_check(). */
struct tk_stack_opts {
	bool user_only, kernel_only;	/* -U, -K */
	bool folded;			/* -f */
	const char *flamegraph;		/* --flamegraph FILE */
	bool kernel, user;		/* stacks to record: set by the check */
};

#define TK_OPT_STACKS(o) \
	{ "user-stacks-only", 'U', NULL, "Show user stacks only (no kernel stacks)", \
	  TK_OPT_FLAG, &(o)->user_only }, \
	{ "kernel-stacks-only", 'K', NULL, "Show kernel stacks only (no user stacks)", \
	  TK_OPT_FLAG, &(o)->kernel_only }, \
	{ "folded", 'f', NULL, "Folded output (comm;frame;frame count), for flame graph tools", \
	  TK_OPT_FLAG, &(o)->folded }, \
	{ "flamegraph", 0, "FILE", "Write an interactive SVG flame graph to FILE", \
	  TK_OPT_STR, &(o)->flamegraph }

/* For a tool's check hook: sets o->kernel and o->user from -U/-K and takes
 * the [duration] positional (tk_stack_duration_arg) into tk_std.duration.
 * Returns NULL or a message for the user. */
const char *tk_stack_opts_check(struct tk_stack_opts *o);

/* tk_tool.positional for BCC's [duration] argument (seconds). */
const char *tk_stack_duration_arg(const char *arg, int index);

struct tk_frame;

/* The name of frame f in folded output and flame graphs, into out (len
 * bytes, at least 8): the function, else "[module]", else "[unknown]";
 * escaped like text output (controls, invalid UTF-8), ';' (the frame
 * separator) replaced by ':', and "_[k]" appended for a kernel frame. */
void tk_stack_folded_name(const struct tk_frame *f, bool kernel, char *out, size_t len);

/* For a setup hook: sizes tk_stack_counts (entries keys, 0 = 10240) and
 * the stack map (stack_entries stacks, 0 = 16384).  Returns 0 or a
 * negative errno. */
int tk_stackagg_configure(struct bpf_object *obj, unsigned int entries,
			  unsigned int stack_entries);

/* Reads, clears and prints the aggregated stacks of obj under spec (see
 * above).  Returns 0, or a negative errno after printing why. */
int tk_stackagg_print(const struct tk_stacks_spec *spec, struct bpf_object *obj);

#endif
