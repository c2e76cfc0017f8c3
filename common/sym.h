/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Symbolization: kernel addresses through /proc/kallsyms, user addresses
 * through /proc/PID/maps and the ELF symbol tables (.symtab, .dynsym, a
 * separate debug file found by build-id or .gnu_debuglink, the vDSO) or a
 * JIT's /tmp/perf-PID.map.  One struct tk_sym caches everything: kallsyms
 * (read on the first kernel lookup only), each ELF file once (by device and
 * inode), each process's mappings (re-read when the process exec()s or an
 * address falls outside every known mapping).
 *
 * Every input (kallsyms, maps, ELF files, perf maps) is treated as hostile:
 * malformed data gives "unknown", never a crash or a made-up name.
 */
#ifndef TK_SYM_H
#define TK_SYM_H

#include <stdbool.h>
#include <stddef.h>

struct tk_sym;

struct tk_sym_opts {
	/* Each NULL means the default; the environment variable, when set,
	 * overrides the default but not a value given here. */
	const char *kallsyms;	/* /proc/kallsyms; env TK_KALLSYMS */
	const char *debug_root;	/* /usr/lib/debug; env TK_DEBUG_ROOT */
	const char *proc_root;	/* /proc (holds PID/maps, PID/exe, PID/root/...);
				   env TK_PROC_ROOT */
	const char *perf_map_dir; /* /tmp (perf-PID.map); env TK_PERF_MAP_DIR */
};

/* One resolved address.  The strings belong to the struct tk_sym and stay
 * valid until tk_sym__free(). */
struct tk_frame {
	unsigned long long addr;
	const char *sym;		/* function name, NULL when unknown */
	unsigned long long off;		/* addr - start of sym */
	const char *module;		/* kernel module or file base name ("libc.so.6",
					   "[vdso]", "[perf-map]"), NULL for vmlinux
					   or when no mapping holds addr */
	unsigned long long mod_off;	/* offset of addr in module's file (user) */
};

/* New symbolizer; opts may be NULL.  Returns NULL on allocation failure. */
struct tk_sym *tk_sym__new(const struct tk_sym_opts *opts);
/* Frees everything; NULL is a no-op. */
void tk_sym__free(struct tk_sym *s);

/* Resolves a kernel address into *f (loading kallsyms on the first call).
 * Returns 0 when a symbol was found, -ENOENT when not (f->sym NULL). */
int tk_sym__kernel(struct tk_sym *s, unsigned long long addr, struct tk_frame *f);

/* Resolves an address in process pid into *f.  Returns 0 when a symbol was
 * found, -ENOENT when not (f->module and f->mod_off may still be set). */
int tk_sym__user(struct tk_sym *s, int pid, unsigned long long addr, struct tk_frame *f);

/* Brackets the frames of one stack of pid: tk_sym__user_begin() checks
 * once whether the process exec()ed or was replaced since its maps were
 * read (a stat and a read of /proc/PID/stat), and tk_sym__user() calls for
 * pid until tk_sym__user_end() skip that check.  Without them, every
 * tk_sym__user() call checks. */
void tk_sym__user_begin(struct tk_sym *s, int pid);
void tk_sym__user_end(struct tk_sym *s);

/* Formats f as "sym+0x12 [module]", "sym+0x12" (vmlinux) or
 * "[unknown] (module+0x1234)" / "[unknown]" into buf; returns buf. */
const char *tk_sym_format(const struct tk_frame *f, char *buf, size_t len);

/* File offset of function name in the ELF file at path (.dynsym and
 * .symtab; of versioned duplicates at different addresses the default
 * version wins), for attaching uprobes.  Returns 0, -ENOENT (no such file
 * or function), -ENOTUNIQ (several different functions of that name) or
 * -EINVAL (not usable ELF). */
int tk_elf_func_offset(const char *path, const char *name, unsigned long long *off);

/* Number of kallsyms entries loaded so far (0 before the first kernel
 * lookup); for tests of the lazy load. */
size_t tk_sym__kernel_count(const struct tk_sym *s);

#endif
