/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Perf-event attachment: BPF programs of type perf_event (SEC("perf_event"),
 * named perf_event_<name>) run on a sampling perf event opened on every
 * online CPU, or on one.  A tool lists them in tk_tool.perf; common/run.c
 * opens the events after the attach ladder has attached the rest, and
 * closes them at exit.  A missing event type (no hardware PMU, a virtual
 * machine) is reported by name and fails the tool: it never runs having
 * measured nothing.
 */
#ifndef TK_PERF_H
#define TK_PERF_H

#include <stdbool.h>
#include "tk.h"

struct bpf_object;
struct tk_perf;

/* Online CPUs, from /sys/devices/system/cpu/online ("0-3,5"): sets
 * online[i] for each online CPU i < n (online: n bools, cleared first).
 * Returns the number of online CPUs below n, or a negative errno. */
int tk_cpus_online(bool *online, int n);

/* TK_OPT_CALL parser for a CPU number option (dest: int *): a decimal CPU
 * number that is online.  Returns NULL or a message for the user. */
const char *tk_opt_cpu(const char *arg, void *dest);

/* Opens the perf events of specs (terminated by an entry with prog NULL)
 * on the CPUs they ask for and attaches each loaded program of obj named
 * spec->prog to them; entries whose program is not loaded (autoload off)
 * are skipped.  Returns the attached set through *out (free with
 * tk_perf__free) and 0, or a negative errno after printing why (-ENOENT
 * or -EOPNOTSUPP: the event type does not exist on this machine). */
int tk_perf__attach(const struct tk_perf_spec *specs, struct bpf_object *obj,
		    struct tk_perf **out);

/* Detaches and closes everything tk_perf__attach opened; NULL is a no-op. */
void tk_perf__free(struct tk_perf *p);

/* Whether a perf event of this type/config can be opened here (on CPU 0,
 * all processes, no BPF): 0, or the negative errno perf_event_open gave. */
int tk_perf_probe(__u32 type, __u64 config);

#endif
