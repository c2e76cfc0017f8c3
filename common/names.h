/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Names of system calls and errno values for the architecture the toolkit is
 * built for.  The tables are generated at build time from the target's
 * <asm/unistd.h> and <errno.h> (`$(CC) -dM -E`, so CROSS_COMPILE picks the
 * right ones); nothing here is typed by hand.
 */
#ifndef TK_NAMES_H
#define TK_NAMES_H

#include <stddef.h>

/* One entry of a generated table (internal to names.c and the generated
 * file; use the functions below). */
struct tk_name_entry {
	long value;
	const char *name;
	int primary;	/* 0 for an alias (EWOULDBLOCK = EAGAIN) */
};

/* Name of system call nr ("openat"), or NULL when nr is unknown here. */
const char *tk_syscall_name(long nr);

/* Number of the system call called name, or -1 when there is none. */
long tk_syscall_nr(const char *name);

/* Parses a system call given by name ("openat") or by number ("257"; only
 * numbers the table knows).  Returns 0 with *nr set, or -EINVAL. */
int tk_syscall_parse(const char *s, long *nr);

/* Number of known system calls; with tk_syscall_at() for listing them. */
size_t tk_syscall_count(void);

/* The i-th known system call in ascending name order (i below
 * tk_syscall_count()): returns its name and stores its number in *nr
 * (when nr is not NULL).  Returns NULL when i is out of range. */
const char *tk_syscall_at(size_t i, long *nr);

/* Symbolic name of a positive errno value ("ENOENT"), or NULL when unknown.
 * Where several names share a value, the one the C library defines as a
 * number wins (EAGAIN, not EWOULDBLOCK). */
const char *tk_errno_name(int err);

/* Parses an errno given as a name ("ENOENT", also aliases like
 * "EWOULDBLOCK") or a positive decimal number ("2").  Returns 0 with *err
 * set (positive), or -EINVAL. */
int tk_errno_parse(const char *s, int *err);

#endif
