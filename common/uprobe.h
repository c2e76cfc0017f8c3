/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * User-space probes: finding a shared library without running ldconfig, and
 * attaching a uprobe program to a function by name.  Programs attached this
 * way are not attached by the ladder: a tool turns their autoattach off in
 * its setup hook and attaches them from its attach hook (struct tk_tool).
 */
#ifndef TK_UPROBE_H
#define TK_UPROBE_H

#include <stdbool.h>
#include <stddef.h>

struct bpf_link;
struct bpf_program;

/* Finds the shared library soname (e.g. "libc.so.6") for this machine's
 * architecture: the multiarch and lib64 directories, then the directories
 * listed in the .conf files of /etc/ld.so.conf.d.  Writes its path to path
 * (len bytes).
 * Returns 0, or -ENOENT when no file of the right ELF class and machine is
 * found. */
int tk_find_lib(const char *soname, char *path, size_t len);

/* Attaches prog as a uprobe (or uretprobe when ret) on function func of
 * the ELF file binary, in every process.  The link is stored in *link (the
 * skeleton's links.<prog> slot, so destroying the skeleton detaches it).
 * Returns 0 or a negative errno, after printing "<tool>: attaching ..."
 * with the reason. */
int tk_uprobe_attach(struct bpf_program *prog, const char *binary, const char *func, bool ret,
		     struct bpf_link **link);

#endif
