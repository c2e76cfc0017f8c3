// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Unit tests of common/sym.c on fixture ELF files (tests/fixtures/symfix.c,
 * built by tests.mk into <test dir>/fixtures): addresses are computed from
 * the fixtures' own symbol tables and placed through a synthetic /proc
 * (PID/maps, PID/exe, PID/root) with a load bias; stripped files with their
 * debug file by build-id and by .gnu_debuglink; a perf map; kallsyms from a
 * fixture file; truncated and damaged ELF files; this process itself
 * (libc, the vDSO).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include "sym.h"
#include "tap.h"

static char fixdir[1024], tmp[1024];

/* st_value of function name in path's .symtab, 0 when absent. */
static unsigned long long sym_value(const char *path, const char *name)
{
	unsigned long long v = 0;
	Elf_Scn *scn = NULL;
	int fd = open(path, O_RDONLY);
	Elf *e;

	if (fd < 0)
		return 0;
	e = elf_begin(fd, ELF_C_READ, NULL);
	while (e && !v && (scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		GElf_Sym s;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !(d = elf_getdata(scn, NULL)))
			continue;
		for (int i = 0; gelf_getsym(d, i, &s); i++) {
			const char *n = elf_strptr(e, sh.sh_link, s.st_name);

			if (n && !strcmp(n, name)) {
				v = s.st_value;
				break;
			}
		}
	}
	elf_end(e);
	close(fd);
	return v;
}

/* Writes maps lines for path's PT_LOAD segments placed at bias, as the
 * kernel would map them; appends to f.  Returns the exec segment's
 * p_vaddr - p_offset (to compute file offsets). */
static long long write_maps_as(FILE *f, const char *path, const char *name, unsigned long long bias)
{
	long long delta = 0;
	size_t n = 0;
	int fd = open(path, O_RDONLY);
	Elf *e = fd >= 0 ? elf_begin(fd, ELF_C_READ, NULL) : NULL;

	if (e && !elf_getphdrnum(e, &n)) {
		for (size_t i = 0; i < n; i++) {
			GElf_Phdr ph;

			if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD)
				continue;
			fprintf(f, "%llx-%llx %c%c%cp %08llx 08:01 12345 %s\n",
				bias + (ph.p_vaddr & ~0xfffULL),
				bias + ((ph.p_vaddr + ph.p_memsz + 0xfff) & ~0xfffULL),
				ph.p_flags & PF_R ? 'r' : '-', ph.p_flags & PF_W ? 'w' : '-',
				ph.p_flags & PF_X ? 'x' : '-', (unsigned long long)(ph.p_offset & ~0xfffULL),
				name);
			if (ph.p_flags & PF_X)
				delta = (long long)(ph.p_vaddr - ph.p_offset);
		}
	}
	elf_end(e);
	if (fd >= 0)
		close(fd);
	return delta;
}

static long long write_maps(FILE *f, const char *path, unsigned long long bias)
{
	return write_maps_as(f, path, path, bias);
}

/* A fake /proc/PID: maps (from the callback's lines), exe, root -> /. */
static FILE *fake_proc(int pid, const char *exe)
{
	char p[PATH_MAX + 32];

	snprintf(p, sizeof(p), "%s/%d", tmp, pid);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/%d/root", tmp, pid);
	unlink(p);
	if (symlink("/", p))
		return NULL;
	snprintf(p, sizeof(p), "%s/%d/exe", tmp, pid);
	unlink(p);
	if (symlink(exe, p))
		return NULL;
	snprintf(p, sizeof(p), "%s/%d/maps", tmp, pid);
	return fopen(p, "w");
}

static struct tk_sym *new_sym(const char *debug_root)
{
	struct tk_sym_opts o = { .proc_root = tmp, .debug_root = debug_root, .perf_map_dir = tmp,
				 .kallsyms = "/nonexistent" };

	return tk_sym__new(&o);
}

/* Places binary at bias under pid and checks the two known functions
 * resolve; symsrc is where their addresses are read (the binary or its
 * debug file).  want_found false: both must be unknown. */
static void check_binary(const char *what, const char *bin, const char *symsrc, int pid,
			 unsigned long long bias, const char *debug_root, bool want_found)
{
	unsigned long long a = sym_value(symsrc, "tk_fix_alpha");
	unsigned long long b = sym_value(symsrc, "tk_fix_beta");
	const char *base = strrchr(bin, '/') + 1;
	struct tk_sym *s = new_sym(debug_root);
	FILE *f = fake_proc(pid, bin);
	char buf[256], want[256];
	struct tk_frame fr;
	long long delta;
	int err;

	ok(a && b, "%s: fixture has tk_fix_alpha and tk_fix_beta", what);
	if (!f || !s || !a || !b) {
		tk_sym__free(s);
		return;
	}
	delta = write_maps(f, bin, bias);
	fclose(f);

	err = tk_sym__user(s, pid, bias + a + 5, &fr);
	if (want_found) {
		is_int(err, 0, "%s: alpha+5 found", what);
		is_str(fr.sym, "tk_fix_alpha", "%s: alpha name", what);
		is_int(fr.off, 5, "%s: alpha offset", what);
		is_str(fr.module, base, "%s: module is the file's base name", what);
		snprintf(want, sizeof(want), "tk_fix_alpha+0x5 [%s]", base);
		is_str(tk_sym_format(&fr, buf, sizeof(buf)), want, "%s: formatted", what);
		err = tk_sym__user(s, pid, bias + b, &fr);
		is_int(err, 0, "%s: static beta found", what);
		is_str(fr.sym, "tk_fix_beta", "%s: beta name", what);
		is_int(fr.off, 0, "%s: beta offset 0", what);
	} else {
		is_int(err, -ENOENT, "%s: alpha unknown", what);
		ok(!fr.sym, "%s: no name made up", what);
		snprintf(want, sizeof(want), "[unknown] (%s+0x%llx)", base,
			 (unsigned long long)((long long)a + 5 - delta));
		is_str(tk_sym_format(&fr, buf, sizeof(buf)), want, "%s: unknown with file offset", what);
	}
	/* outside every mapping: unknown, no module */
	err = tk_sym__user(s, pid, 0x10, &fr);
	ok(err == -ENOENT && !fr.sym && !fr.module, "%s: unmapped address is unknown", what);
	is_str(tk_sym_format(&fr, buf, sizeof(buf)), "[unknown]", "%s: bare [unknown]", what);
	tk_sym__free(s);
}

static const char *fix(const char *name)
{
	static char p[8][PATH_MAX];
	static int k;
	char *r = p[k++ % 8];

	snprintf(r, PATH_MAX, "%s/%s", fixdir, name);
	return r;
}

/* The only file under the fixtures' build-id debug root. */
static bool find_buildid_debug(char *out, size_t len)
{
	char d[1100];
	struct dirent *a, *b;
	DIR *top, *sub;
	bool found = false;

	snprintf(d, sizeof(d), "%s/debugroot/.build-id", fixdir);
	top = opendir(d);
	while (top && !found && (a = readdir(top))) {
		char sd[1400];

		if (a->d_name[0] == '.')
			continue;
		snprintf(sd, sizeof(sd), "%s/%s", d, a->d_name);
		sub = opendir(sd);
		while (sub && !found && (b = readdir(sub))) {
			if (strstr(b->d_name, ".debug")) {
				snprintf(out, len, "%s/%s", sd, b->d_name);
				found = true;
			}
		}
		if (sub)
			closedir(sub);
	}
	if (top)
		closedir(top);
	return found;
}

static void test_elf(void)
{
	char dbg[PATH_MAX + 400], droot[PATH_MAX + 16];

	check_binary("non-PIE", fix("symfix-nopie"), fix("symfix-nopie"), 4201, 0, tmp, true);
	check_binary("PIE", fix("symfix-pie"), fix("symfix-pie"), 4202, 0x555555554000ULL, tmp, true);
	check_binary("PIE, other bias", fix("symfix-pie"), fix("symfix-pie"), 4203, 0x7f1200000000ULL,
		     tmp, true);
	snprintf(droot, sizeof(droot), "%s/debugroot", fixdir);
	if (ok(find_buildid_debug(dbg, sizeof(dbg)), "build-id debug file exists")) {
		check_binary("stripped, no debug root", fix("symfix-stripped"), dbg, 4204,
			     0x555555554000ULL, tmp, false);
		check_binary("stripped, debug file by build-id", fix("symfix-stripped"), dbg, 4205,
			     0x555555554000ULL, droot, true);
	}
	check_binary("debuglink beside the file", fix("symfix-linked"), fix("symfix-linked.debug"),
		     4206, 0x560000000000ULL, tmp, true);
	check_binary("debuglink in .debug/", fix("symfix-linked2"), fix(".debug/symfix-linked2.debug"),
		     4207, 0x560000000000ULL, tmp, true);
	{
		/* the debug file under <debug root>/<the binary's directory>/ */
		char bin[1100], dbgdir[2200], cmd[8192];

		snprintf(bin, sizeof(bin), "%s/dl/symfix-linked", tmp);
		snprintf(droot, sizeof(droot), "%s/droot", tmp);
		snprintf(dbgdir, sizeof(dbgdir), "%.1050s%.1050s/dl", droot, tmp);
		snprintf(cmd, sizeof(cmd), "mkdir -p '%s/dl' '%s' && cp '%s' '%s' && cp '%s' '%s/'", tmp, dbgdir,
			 fix("symfix-linked"), bin, fix("symfix-linked.debug"), dbgdir);
		if (ok(system(cmd) == 0, "debuglink under the debug root: set up"))
			check_binary("debuglink under the debug root", bin, fix("symfix-linked.debug"), 4208,
				     0x560000000000ULL, droot, true);
		check_binary("debuglink, no debug file anywhere", bin, fix("symfix-linked.debug"), 4209,
			     0x560000000000ULL, tmp, false);
		/* a file of the right name whose CRC is wrong is not used */
		snprintf(bin, sizeof(bin), "%s/crc/symfix-linked", tmp);
		snprintf(cmd, sizeof(cmd), "mkdir -p '%s/crc' && cp '%s' '%s' && cp '%s' '%s.debug'", tmp,
			 fix("symfix-linked"), bin, fix(".debug/symfix-linked2.debug"), bin);
		if (ok(system(cmd) == 0, "debuglink with a wrong CRC: set up"))
			check_binary("debuglink with a wrong CRC", bin, fix("symfix-linked.debug"), 4210,
				     0x560000000000ULL, tmp, false);
	}
}

static void test_func_offset(void)
{
	const char *pie = fix("symfix-pie");
	unsigned long long a = sym_value(pie, "tk_fix_alpha"), off = 0;
	char libc[PATH_MAX];
	FILE *f = fopen("/dev/null", "w");
	long long delta = f ? write_maps(f, pie, 0) : 0;

	if (f)
		fclose(f);
	is_int(tk_elf_func_offset(pie, "tk_fix_alpha", &off), 0, "func offset: found");
	is_int(off, (long long)a - delta, "func offset: st_value moved to its file offset");
	is_int(tk_elf_func_offset(pie, "tk_fix_alph", &off), -ENOENT, "func offset: a prefix is no match");
	is_int(tk_elf_func_offset(pie, "no_such_function", &off), -ENOENT, "func offset: missing function");
	is_int(tk_elf_func_offset("/nonexistent", "main", &off), -ENOENT, "func offset: missing file");
	is_int(tk_elf_func_offset("/etc/hostname", "main", &off), -EINVAL, "func offset: not ELF");
	{
		/* libc's pthread_create has two versions at one address */
		FILE *m = fopen("/proc/self/maps", "r");
		char line[PATH_MAX + 128], *p = NULL;

		libc[0] = '\0';
		while (m && fgets(line, sizeof(line), m))
			if ((p = strstr(line, "/libc.so.6"))) {
				line[strcspn(line, "\n")] = '\0';
				snprintf(libc, sizeof(libc), "%s", strchr(line, '/'));
				break;
			}
		if (m)
			fclose(m);
		if (ok(libc[0], "func offset: libc is mapped (%s)", libc))
			is_int(tk_elf_func_offset(libc, "pthread_create", &off), 0,
			       "func offset: versioned duplicates at one address are fine");
	}
}

static int copy_file(const char *from, const char *to, size_t maxlen, char **data, size_t *len)
{
	FILE *f = fopen(from, "rb");
	char *buf = malloc(1 << 20);
	size_t n = f && buf ? fread(buf, 1, 1 << 20, f) : 0;

	if (f)
		fclose(f);
	if (!n) {
		free(buf);
		return -1;
	}
	if (n > maxlen)
		n = maxlen;
	f = fopen(to, "wb");
	if (!f || fwrite(buf, 1, n, f) != n) {
		if (f)
			fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	if (data) {
		*data = buf;
		*len = n;
	} else {
		free(buf);
	}
	return 0;
}

/* Resolves alpha+3 in a damaged copy at path; the answer must be the right
 * name or unknown.  Returns 1 when named right, 0 unknown, -1 wrong. */
static int resolve_damaged(const char *path, const char *orig, int pid, unsigned long long a)
{
	struct tk_sym *s = new_sym(tmp);
	FILE *f = fake_proc(pid, path);
	struct tk_frame fr;
	int r = -1;

	if (!s || !f) {
		if (f)
			fclose(f);
		tk_sym__free(s);
		return -1;
	}
	/* the layout of the intact file (a damaged one may have none), naming
	 * the damaged file */
	write_maps_as(f, orig, path, 0);
	fclose(f);
	if (tk_sym__user(s, pid, a + 3, &fr) == 0)
		r = fr.sym && !strcmp(fr.sym, "tk_fix_alpha") && fr.off == 3 ? 1 : -1;
	else
		r = fr.sym ? -1 : 0;
	if (r < 0)
		diag("%s: wrong answer %s", path, fr.sym ? fr.sym : "(null)");
	tk_sym__free(s);
	return r;
}

static void test_damaged(void)
{
	const char *orig = fix("symfix-nopie");
	unsigned long long a = sym_value(orig, "tk_fix_alpha");
	size_t sizes[] = { 0, 1, 4, 16, 52, 64, 200, 0x1000, 0x2000, 0x3000, 0, 0, 0 };
	char path[PATH_MAX + 32], *data = NULL;
	int wrong = 0, right = 0, unknown = 0, pid = 5000;
	size_t len = 0;
	GElf_Ehdr eh;
	unsigned int seed = 12345;

	if (copy_file(orig, "/dev/null", 1 << 20, &data, &len)) {
		ok(0, "read the non-PIE fixture");
		return;
	}
	sizes[10] = len / 2;
	sizes[11] = len - 64;
	sizes[12] = len - 1;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		int r;

		snprintf(path, sizeof(path), "%s/trunc-%zu", tmp, sizes[i]);
		if (copy_file(orig, path, sizes[i], NULL, NULL) && sizes[i]) {
			wrong++;
			continue;
		}
		if (!sizes[i])
			close(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644));
		r = resolve_damaged(path, orig, pid++, a);
		wrong += r < 0;
		right += r > 0;
		unknown += r == 0;
	}
	ok(!wrong, "truncated at 13 sizes: no crash, no wrong name (%d right, %d unknown)",
	   right, unknown);

	/* flip bytes of the section header table and of the ELF header's
	 * section fields (e_shoff .. e_shstrndx) */
	memcpy(&eh, data, sizeof(eh) < len ? sizeof(eh) : len);
	right = unknown = wrong = 0;
	for (int i = 0; i < 300; i++) {
		size_t shtab = eh.e_shoff, shlen = (size_t)eh.e_shnum * eh.e_shentsize, off;
		char *copy = malloc(len);
		FILE *f;
		int r;

		if (!copy)
			break;
		memcpy(copy, data, len);
		for (int k = 0; k < 1 + i % 4; k++) {
			seed = seed * 1103515245 + 12345;
			if (i % 5 == 0)
				off = 0x28 + (seed >> 8) % 0x18;	/* e_shoff .. e_shstrndx */
			else
				off = shtab + (seed >> 8) % (shlen ? shlen : 1);
			if (off < len)
				copy[off] ^= (char)(1 + (seed >> 20) % 255);
		}
		snprintf(path, sizeof(path), "%s/flip-%d", tmp, i);
		f = fopen(path, "wb");
		if (f) {
			fwrite(copy, 1, len, f);
			fclose(f);
		}
		free(copy);
		r = resolve_damaged(path, orig, pid++, a);
		wrong += r < 0;
		right += r > 0;
		unknown += r == 0;
		unlink(path);
	}
	ok(!wrong, "300 damaged section tables: no crash, no wrong name (%d right, %d unknown)",
	   right, unknown);

	/* flips anywhere (program headers, symbol tables, strings, notes):
	 * a wrong name may come out of a damaged table, but nothing crashes
	 * and any name is a NUL-terminated string */
	for (int i = 0; i < 400; i++) {
		char *copy = malloc(len);
		struct tk_sym *s = new_sym(tmp);
		struct tk_frame fr;
		FILE *f;

		if (!copy || !s) {
			free(copy);
			tk_sym__free(s);
			break;
		}
		memcpy(copy, data, len);
		for (int k = 0; k < 1 + i % 8; k++) {
			seed = seed * 1103515245 + 12345;
			copy[(seed >> 4) % len] ^= (char)(1 + (seed >> 20) % 255);
		}
		snprintf(path, sizeof(path), "%s/any-%d", tmp, i);
		f = fopen(path, "wb");
		if (f) {
			fwrite(copy, 1, len, f);
			fclose(f);
		}
		free(copy);
		f = fake_proc(pid, path);
		if (f) {
			write_maps_as(f, orig, path, 0);
			fclose(f);
		}
		if (tk_sym__user(s, pid, a + 3, &fr) == 0 && fr.sym)
			wrong += strlen(fr.sym) > 1024;
		pid++;
		tk_sym__free(s);
		unlink(path);
	}
	ok(!wrong, "400 files damaged anywhere: no crash");
	free(data);
}

static void test_perf_map(void)
{
	struct tk_sym *s = new_sym(tmp);
	FILE *f = fake_proc(4300, "/bin/sh");
	char p[PATH_MAX + 32], buf[256];
	struct tk_frame fr;

	if (f) {
		fputs("7f0000000000-7f0000100000 rwxp 00000000 00:00 0 \n", f);
		fclose(f);
	}
	snprintf(p, sizeof(p), "%s/perf-4300.map", tmp);
	f = fopen(p, "w");
	if (f) {
		fputs("7f0000001000 40 jit_fn_one\n"
		      "7f0000002000 10 LazyCompile:*foo bar.js:1\n"
		      "garbage line\n"
		      "7f0000003000 zz bad_size\n"
		      "ffffffffffffff00 1000 wraps_around\n", f);
		fclose(f);
	}
	is_int(tk_sym__user(s, 4300, 0x7f0000001010ULL, &fr), 0, "perf map: JIT address found");
	is_str(fr.sym, "jit_fn_one", "perf map: name");
	is_int(fr.off, 0x10, "perf map: offset");
	is_str(tk_sym_format(&fr, buf, sizeof(buf)), "jit_fn_one+0x10 [perf-map]", "perf map: formatted");
	is_int(tk_sym__user(s, 4300, 0x7f0000002004ULL, &fr), 0, "perf map: name with spaces found");
	is_str(fr.sym, "LazyCompile:*foo bar.js:1", "perf map: the whole name");
	is_int(tk_sym__user(s, 4300, 0x7f0000001040ULL, &fr), -ENOENT, "perf map: past a size is unknown");
	is_int(tk_sym__user(s, 4300, 0x7f0000003001ULL, &fr), -ENOENT, "perf map: bad line ignored");

	/* a process in a container: pid 12 in its namespace, map in its /tmp */
	f = fake_proc(4301, "/bin/sh");
	if (f) {
		fputs("7f0000000000-7f0000100000 rwxp 00000000 00:00 0 \n", f);
		fclose(f);
	}
	snprintf(p, sizeof(p), "%s/4301/status", tmp);
	f = fopen(p, "w");
	if (f) {
		fputs("Name:\tjava\nNSpid:\t4301\t12\n", f);
		fclose(f);
	}
	snprintf(p, sizeof(p), "%s/perf-12.map", tmp);	/* root -> /, so this is "its" /tmp */
	f = fopen(p, "w");
	if (f) {
		fputs("7f0000001000 40 jit_in_container\n", f);
		fclose(f);
	}
	tk_sym__user(s, 4301, 0x7f0000001001ULL, &fr);
	is_str(fr.sym, "jit_in_container", "perf map: found under the namespace's pid");
	tk_sym__free(s);
}

static void test_hostile_maps(void)
{
	struct tk_sym *s = new_sym(tmp);
	const char *bin = fix("symfix-nopie");
	unsigned long long a = sym_value(bin, "tk_fix_alpha");
	FILE *f = fake_proc(4400, bin);
	struct tk_frame fr;

	if (f) {
		fputs("zzzz-yyyy r-xp\n"
		      "1000-0800 r-xp 00000000 08:01 1 /bin/sh\n"
		      "1000-2000 r-xp 00000000 08:01 1\n"
		      "3000-4000 r-xp 00000000 08:01 1 relative/path\n"
		      "5000-6000 r-xp ffffffffffffffff 08:01 1 /bin/sh\n", f);
		for (int i = 0; i < 5000; i++)
			fputc('x', f);
		fputc('\n', f);
		write_maps(f, bin, 0);
		fputs("9000-a000 r-xp 00000000 08:01 1 /no/such/file", f);	/* no newline */
		fclose(f);
	}
	is_int(tk_sym__user(s, 4400, a, &fr), 0, "hostile maps: valid lines still used");
	is_str(fr.sym, "tk_fix_alpha", "hostile maps: right name");
	ok(tk_sym__user(s, 4400, 0x1800, &fr) == -ENOENT && !fr.sym, "hostile maps: anonymous unknown");
	ok(tk_sym__user(s, 4400, 0x3800, &fr) == -ENOENT && !fr.sym, "hostile maps: relative path unknown");
	ok(tk_sym__user(s, 4400, 0x5800, &fr) == -ENOENT && !fr.sym, "hostile maps: huge offset unknown");
	ok(tk_sym__user(s, 4400, 0x9800, &fr) == -ENOENT && !fr.sym, "hostile maps: missing file unknown");
	is_str(fr.module, "file", "hostile maps: missing file keeps its module name");
	ok(tk_sym__user(s, 99999999, 0x1234, &fr) == -ENOENT && !fr.sym && !fr.module,
	   "no such process: unknown");
	tk_sym__free(s);
}

static int copy_file(const char *from, const char *to, size_t maxlen, char **data, size_t *len);

/* A process that exec()s another program: the cache must notice (another
 * executable inode) and read the new maps. */
static void test_exec(void)
{
	const char *nopie = fix("symfix-nopie"), *pie = fix("symfix-pie");
	unsigned long long a1 = sym_value(nopie, "tk_fix_alpha"), a2 = sym_value(pie, "tk_fix_beta");
	unsigned long long bias = 0x555555554000ULL;
	struct tk_sym *s = new_sym(tmp);
	FILE *f = fake_proc(4600, nopie);
	struct tk_frame fr;

	if (!f) {
		ok(0, "exec: set up");
		tk_sym__free(s);
		return;
	}
	write_maps(f, nopie, 0);
	fclose(f);
	tk_sym__user_begin(s, 4600);
	tk_sym__user(s, 4600, a1, &fr);
	is_str(fr.sym, "tk_fix_alpha", "exec: before, the first program");
	tk_sym__user_end(s);
	f = fake_proc(4600, pie);	/* the process runs the PIE now */
	if (f) {
		write_maps(f, pie, bias);
		fclose(f);
	}
	tk_sym__user(s, 4600, bias + a2, &fr);
	is_str(fr.sym, "tk_fix_beta", "exec: noticed by tk_sym__user() alone");
	tk_sym__user_begin(s, 4600);
	tk_sym__user(s, 4600, bias + a2 + 1, &fr);
	ok(fr.sym && !strcmp(fr.sym, "tk_fix_beta") && fr.off == 1, "exec: still right after user_begin");
	tk_sym__user_end(s);
	f = fake_proc(4600, nopie);	/* and back */
	if (f) {
		write_maps(f, nopie, 0);
		fclose(f);
	}
	tk_sym__user(s, 4600, a1, &fr);
	is_str(fr.sym, "tk_fix_alpha", "exec: checked again after end");
	tk_sym__free(s);
}

/* A file whose name holds a newline: maps shows it as \012. */
static void test_newline_name(void)
{
	const char *bin = fix("symfix-nopie");
	unsigned long long a = sym_value(bin, "tk_fix_alpha");
	char real[PATH_MAX + 32], shown[PATH_MAX + 32], buf[256];
	struct tk_sym *s = new_sym(tmp);
	struct tk_frame fr;
	FILE *f;

	snprintf(real, sizeof(real), "%s/new\nline", tmp);
	snprintf(shown, sizeof(shown), "%s/new\\012line", tmp);
	f = fake_proc(4500, bin);
	if (!f || copy_file(bin, real, 1 << 20, NULL, NULL)) {
		ok(0, "newline name: set up");
		if (f)
			fclose(f);
		tk_sym__free(s);
		return;
	}
	write_maps_as(f, bin, shown, 0);
	fclose(f);
	is_int(tk_sym__user(s, 4500, a, &fr), 0, "newline name: \\012 in maps is the newline");
	is_str(tk_sym_format(&fr, buf, sizeof(buf)), "tk_fix_alpha+0x0 [new\nline]",
	       "newline name: the module is the real name (escaped on output)");
	tk_sym__free(s);
}

static void test_kallsyms(void)
{
	char p[PATH_MAX + 32], buf[256];
	struct tk_sym_opts o = { .kallsyms = p };
	struct tk_sym *s;
	struct tk_frame fr;
	FILE *f;

	snprintf(p, sizeof(p), "%s/kallsyms", tmp);
	f = fopen(p, "w");
	if (!f) {
		ok(0, "write kallsyms fixture");
		return;
	}
	fputs("ffffffff81000000 T _stext\n"
	      "ffffffff81000100 t do_one_alias\n"
	      "ffffffff81000100 T do_one\n"
	      "ffffffff81000200 D some_data\n"
	      "ffffffff81000300 t static_fn\n"
	      "this is not a line\n"
	      "ffffffff81000400\n"
	      "ffffffff81000500 T\n"
	      "ffffffffc0000000 t mod_fn\t[tkmod]\n"
	      "ffffffffc0000080 T mod_fn2\t[tkmod]\n"
	      "ffffffffc0001000 T other_fn\t[tkother]\n", f);
	fclose(f);
	s = tk_sym__new(&o);
	is_int(tk_sym__kernel_count(s), 0, "kallsyms: nothing read before the first lookup");
	is_int(tk_sym__kernel(s, 0xffffffff81000150ULL, &fr), 0, "kallsyms: found");
	ok(tk_sym__kernel_count(s) >= 6, "kallsyms: read on the first lookup (%zu)", tk_sym__kernel_count(s));
	is_str(fr.sym, "do_one", "kallsyms: T preferred over t at one address");
	is_int(fr.off, 0x50, "kallsyms: offset");
	is_str(tk_sym_format(&fr, buf, sizeof(buf)), "do_one+0x50", "kallsyms: vmlinux has no module");
	tk_sym__kernel(s, 0xffffffff81000310ULL, &fr);
	is_str(fr.sym, "static_fn", "kallsyms: static function");
	is_int(tk_sym__kernel(s, 0xffffffffc0000090ULL, &fr), 0, "kallsyms: module symbol found");
	is_str(tk_sym_format(&fr, buf, sizeof(buf)), "mod_fn2+0x10 [tkmod]", "kallsyms: with module");
	tk_sym__kernel(s, 0xffffffffc0001004ULL, &fr);
	is_str(tk_sym_format(&fr, buf, sizeof(buf)), "other_fn+0x4 [tkother]", "kallsyms: second module");
	is_int(tk_sym__kernel(s, 0xffffffff80000000ULL, &fr), -ENOENT, "kallsyms: below the first is unknown");
	is_str(tk_sym_format(&fr, buf, sizeof(buf)), "[unknown]", "kallsyms: unknown formatted");
	tk_sym__free(s);

	/* kptr_restrict: every address 0 -> no symbols, all unknown */
	f = fopen(p, "w");
	if (f) {
		fputs("0000000000000000 T _stext\n0000000000000000 T do_one\n", f);
		fclose(f);
	}
	s = tk_sym__new(&o);
	is_int(tk_sym__kernel(s, 0x100, &fr), -ENOENT, "kallsyms: hidden addresses give unknown");
	tk_sym__free(s);
	o.kallsyms = "/nonexistent/kallsyms";
	s = tk_sym__new(&o);
	is_int(tk_sym__kernel(s, 0xffffffff81000150ULL, &fr), -ENOENT, "kallsyms: missing file gives unknown");
	tk_sym__free(s);
}

__attribute__((noinline)) int tk_test_self_fn(int x)
{
	return x * 7 + (int)getpid();
}

/* This process through the real /proc: its own function, libc, the vDSO. */
static void test_self(void)
{
	struct tk_sym *s = tk_sym__new(NULL);
	unsigned long long vdso = getauxval(AT_SYSINFO_EHDR), fn = 0;
	struct tk_frame fr;
	char buf[256];

	tk_sym__user_begin(s, getpid());
	is_int(tk_sym__user(s, getpid(), (uintptr_t)&tk_test_self_fn + 2, &fr), 0, "self: own function");
	is_str(fr.sym, "tk_test_self_fn", "self: own function's name");
	is_int(fr.off, 2, "self: own function's offset");
	is_str(fr.module, "test_sym", "self: module is the test binary");
	is_int(tk_sym__user(s, getpid(), (uintptr_t)&getpid, &fr), 0, "self: libc getpid");
	ok(fr.sym && !strcmp(fr.sym, "getpid"), "self: getpid, not its alias __getpid (%s)",
	   tk_sym_format(&fr, buf, sizeof(buf)));
	ok(fr.module && !strncmp(fr.module, "libc", 4), "self: module libc (%s)", fr.module ? fr.module : "");
	if (vdso) {
		/* find __vdso_clock_gettime in the vDSO image's .dynsym */
		Elf *e = elf_memory((char *)(uintptr_t)vdso, 8192);
		Elf_Scn *scn = NULL;

		while (e && !fn && (scn = elf_nextscn(e, scn))) {
			GElf_Shdr sh;
			Elf_Data *d;
			GElf_Sym sy;

			if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNSYM || !(d = elf_getdata(scn, NULL)))
				continue;
			for (int i = 0; gelf_getsym(d, i, &sy); i++) {
				const char *n = elf_strptr(e, sh.sh_link, sy.st_name);

				if (n && !strcmp(n, "__vdso_clock_gettime"))
					fn = sy.st_value;
			}
		}
		elf_end(e);
	}
	if (!vdso)	/* the kernel always maps one; valgrind hides it */
		diag("no vDSO in this process: vDSO checks left out");
	else if (ok(fn, "self: vDSO has __vdso_clock_gettime")) {
		/* the vDSO is linked at 0: its runtime address is base + value */
		tk_sym__user(s, getpid(), vdso + fn + 1, &fr);
		ok(fr.sym && strstr(fr.sym, "clock_gettime") && fr.off == 1 && fr.module &&
		   !strcmp(fr.module, "[vdso]"), "self: vDSO symbol (%s)", tk_sym_format(&fr, buf, sizeof(buf)));
	}
	tk_sym__free(s);
}

static void rm_tree(const char *dir)
{
	char cmd[PATH_MAX + 32];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		diag("could not remove %s", dir);
}

int main(int argc, char **argv)
{
	const char *slash = strrchr(argv[0], '/');
	char self[PATH_MAX];

	(void)argc;
	elf_version(EV_CURRENT);
	/* fixtures sit in fixtures/ beside this binary */
	if (!realpath(slash ? argv[0] : ".", self)) {
		ok(0, "find the test binary's directory");
		return done_testing();
	}
	if (slash)
		*strrchr(self, '/') = '\0';
	snprintf(fixdir, sizeof(fixdir), "%.900s/fixtures", self);
	snprintf(tmp, sizeof(tmp), "%.900s/tk-sym-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmp)) {
		ok(0, "make a temporary directory");
		return done_testing();
	}
	test_kallsyms();
	test_elf();
	test_perf_map();
	test_func_offset();
	test_hostile_maps();
	test_newline_name();
	test_exec();
	test_damaged();
	test_self();
	rm_tree(tmp);
	return done_testing();
}
