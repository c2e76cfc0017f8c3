/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The attach ladder.  BPF programs are named <kind>_<probe>; the variants of
 * one probe (same <probe>, same direction) are tried in the order
 * tp_btf, raw_tp, tp, fentry/fexit, kprobe/kretprobe: the first the running
 * kernel supports is loaded, the others' autoload is turned off.  A variant
 * that then fails to load or attach is banned and the caller reopens the
 * object and selects again.
 */
#ifndef TK_ATTACH_H
#define TK_ATTACH_H

#include <stdbool.h>

struct bpf_object;
struct tk_ladder;

/* New ladder; force is NULL or "tracepoint", "fentry", "kprobe" (--attach:
 * a probe with a variant on that rung uses only that rung, a probe without
 * keeps its ladder; a tool with no variant on it fails naming its probes,
 * "--attach R: this tool has no R variant of any probe (...)"); btf_path
 * NULL means the running kernel's BTF.  optional lists probes that may be
 * missing.  Returns NULL on allocation failure. */
struct tk_ladder *tk_ladder__new(const char *force, const char *btf_path,
				 const char *const *optional);
void tk_ladder__free(struct tk_ladder *l);

/* Declares joint probes (NULL-terminated; the array must outlive l): each
 * is served either by one tracepoint program (tp_btf_, raw_tp_, tp_<probe>)
 * or by an entry+exit pair on one rung (fentry_+fexit_, kprobe_+kretprobe_
 * <probe>), tried in that order; a rung is chosen only when all of its
 * programs can work, and a banned program rules out its whole rung. */
void tk_ladder__set_joint(struct tk_ladder *l, const char *const *joint);

/* Chooses one variant per probe of a freshly opened obj (autoload on for it,
 * off for the rest).  Returns 0, or -ENOENT after printing which kernel
 * feature is missing. */
int tk_ladder__select(struct tk_ladder *l, struct bpf_object *obj);

/* After a failed load: bans program prog (named by libbpf's log) if the
 * probe has another variant left.  Returns true when a retry makes sense. */
bool tk_ladder__ban(struct tk_ladder *l, const char *prog, int err);

/* Attaches every loaded program.  Returns 0, -EAGAIN when a variant failed
 * and was banned (reopen and select again), or a negative errno after
 * printing why. */
int tk_ladder__attach(struct tk_ladder *l, struct bpf_object *obj);

/* Detaches everything attached. */
void tk_ladder__detach(struct tk_ladder *l);

/* One line on what was attached, for -v. */
void tk_ladder__report(struct tk_ladder *l);

/* A hint for a failed load or attach (" (…)"), or "". */
const char *tk_errno_hint(int err);

/* Makes sure tracefs is mounted at /sys/kernel/tracing (mounting it when
 * possible).  Returns 0 or a negative errno; *why says what to do. */
int tk_tracefs_ensure(const char **why);

#endif
