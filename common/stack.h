/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Stack traces in records: fields of kind TK_FT_KSTACK / TK_FT_USTACK hold a
 * stack id from common/stack.bpf.h; output prints them symbolized.
 *
 * Text: one frame per line under the record's line, indented 8 spaces,
 * "func+0x12 [module]" (kernel functions of vmlinux without a module),
 * "[unknown] (module+0x1234)" when no symbol holds the address (leading
 * kernel frames of the tracing machinery that ran the program, such as
 * bpf_prog_* and bpf_trace_run*, are left out); a line
 * "--" between two stacks of one record; a lost stack as one line
 * "[lost stack: EEXIST]".
 * JSON: the key holds an array of frames, innermost first, each
 * {"addr":"0x…","sym":"func"|null,"off":N|null,"module":"name"|null}
 * (addr a hex string: kernel addresses do not fit a double); a lost stack
 * is null and a key "<key>_lost" names the error ("EEXIST", "ENOMEM",
 * "EFAULT", "ENOENT").
 */
#ifndef TK_STACK_H
#define TK_STACK_H

#include <stdbool.h>
#include <stddef.h>
#include "tk.h"

struct bpf_object;
struct tk_sym;
struct tk_frame;

/* Standard stack options for a tool's option table: --kernel-stack (-K) and
 * --user-stack (long only: -U means --print-uid in other tools). */
#define TK_OPT_KERNEL_STACK(dest) \
	{ "kernel-stack", 'K', NULL, "Print the kernel stack of each event", TK_OPT_FLAG, (dest) }
#define TK_OPT_USER_STACK(dest) \
	{ "user-stack", 0, NULL, "Print the user stack of each event", TK_OPT_FLAG, (dest) }

/* For a setup hook: sizes the tk_stacks map of obj, entries slots when a
 * stack is wanted (0: a default of 4096), one slot otherwise.  Returns 0 or
 * a negative errno. */
int tk_stack_configure(struct bpf_object *obj, bool wanted, unsigned int entries);

/* Finds obj's tk_stacks map after load (no-op without one); called by
 * tk_main().  tk_stack_fini() frees the symbolizer; both are idempotent. */
void tk_stack_init(struct bpf_object *obj);
void tk_stack_fini(void);

/* The symbolizer stack fields use (created on first use, freed by
 * tk_stack_fini()), for getters that symbolize single addresses; NULL when
 * out of memory. */
struct tk_sym *tk_stack_symbolizer(void);

/* Drops, after the tracing machinery, further leading kernel frames whose
 * symbol starts with one of prefixes (NULL-terminated; the array must stay
 * valid while stacks are printed; NULL = none): for a probe inside a
 * subsystem's internals (lock slow paths), so stacks start at its caller.
 * At least one frame is always kept. */
void tk_stack_kernel_skip(const char *const *prefixes);

/* Prints at most n frames of each stack, text and JSON (0 = all, the
 * default). */
void tk_stack_max_frames(unsigned int n);

/* Frame i (0 = innermost, after the dropped leading frames; the
 * tk_stack_max_frames() limit does not apply) of kernel stack id,
 * symbolized into *fr (fr->sym NULL when no symbol holds it).  Returns 0,
 * or a negative stack error: id itself when id < 0, -ENOENT when the map
 * does not hold the stack or it has no frame i. */
int tk_stack_kernel_frame(__s32 id, unsigned int i, struct tk_frame *fr);

/* True when f is a stack field (never a text column). */
bool tk_stack_field(const struct tk_field *f);

/* True when f's stack is printed under the options in force (f->show). */
bool tk_stack_shown(const struct tk_field *f);

/* Appends the text lines of stack field f of rec to dst (cap bytes; output
 * is cut at a line boundary); sep adds the "--" line first.  Returns the
 * bytes written. */
size_t tk_stack_text(char *dst, size_t cap, const struct tk_field *f, const void *rec, bool sep);

/* Writes the JSON value of stack field f of rec (an array or null) and, for
 * a lost stack, `,"<key>_lost":"E…"` after it.  Returns the bytes written
 * (at most cap; cut output stays valid JSON). */
size_t tk_stack_json(char *dst, size_t cap, const struct tk_field *f, const void *rec);

/* The frames of stack id (kernel, or user of process pid) read from the
 * tk_stacks map, innermost first, leading frames of the tracing machinery
 * dropped, each resolved into frames[] (at most max; strings owned by the
 * symbolizer).  Returns the number of frames, or a negative errno: id
 * itself when negative, -ENOENT when the map does not hold it. */
int tk_stack_resolve(int id, bool user, int pid, struct tk_frame *frames, int max);

/* Deletes every stack of the tk_stacks map (after an aggregated summary
 * printed them: frees the slots for the next interval). */
void tk_stack_clear(void);

#endif
