// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Symbolization of kernel and user addresses (see sym.h). */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <zlib.h>
#include "sym.h"

#define MAX_SYMS (1 << 22)	/* per file or kallsyms: more is hostile */
#define MAX_NAME 1024		/* longer names are cut */
#define MAX_MAPS 65536		/* mappings per process */
#define MAX_PROCS 512		/* cached processes before the cache is emptied */
#define MAX_FILES 256		/* cached ELF files before the cache is emptied */
#define MAX_VDSO (1 << 20)
#define REREAD_NS 100000000ULL	/* re-read maps on a miss at most every 100 ms */

/* A symbol: start, size (0 = unknown), name in the owner's string pool. */
struct sym {
	unsigned long long addr, size;
	size_t name;
	unsigned int prio;	/* among symbols at one address, the higher wins */
	unsigned int under;	/* leading underscores: fewer wins a tie */
	int module;		/* kallsyms: index into modules pool, -1 = vmlinux */
};

/* A growable symbol table with its own string pool. */
struct symtab {
	struct sym *syms;
	size_t n, cap;
	char *pool;
	size_t plen, pcap;
};

/* A loadable segment of an ELF file. */
struct seg {
	unsigned long long vaddr, offset, filesz, memsz;
	bool exec;
};

/* One ELF file, cached by device and inode (or by name for the vDSO). */
struct elf_file {
	struct elf_file *next;
	dev_t dev;
	ino_t ino;
	char *key;		/* "[vdso]" for the vDSO, else NULL */
	struct symtab tab;
	struct seg *segs;
	size_t nsegs;
	bool ok;		/* the file was readable ELF */
};

struct mapping {
	unsigned long long start, end, pgoff;
	char *path;		/* as in maps; NULL for anonymous */
	const char *base;	/* base name of path, or "[vdso]" */
	struct elf_file *elf;	/* looked up on first use */
	bool elf_tried;
};

struct proc {
	struct proc *next;
	int pid;
	dev_t exe_dev;
	ino_t exe_ino;
	unsigned long long start_time;
	struct mapping *maps;
	size_t nmaps;
	unsigned long long read_ns;
	struct symtab perf;	/* perf-PID.map, sizes always set */
	bool perf_tried;
};

struct tk_sym {
	char *kallsyms, *debug_root, *proc_root, *perf_map_dir;
	struct symtab ksyms;
	bool ksyms_loaded;
	struct elf_file *files;
	size_t nfiles;
	struct proc *procs;
	size_t nprocs;
	int begun_pid;
};

/* ---- small helpers ---- */

static unsigned long long mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ULL + (unsigned long long)ts.tv_nsec;
}

static char *dup_opt(const char *given, const char *env, const char *def)
{
	const char *e = getenv(env);

	return strdup(given ? given : e && *e ? e : def);
}

static void symtab_free(struct symtab *t)
{
	free(t->syms);
	free(t->pool);
	memset(t, 0, sizeof(*t));
}

/* Appends a symbol; name is cut at MAX_NAME.  Returns 0 or -ENOMEM/-E2BIG. */
static int symtab_add(struct symtab *t, unsigned long long addr, unsigned long long size,
		      const char *name, size_t nlen, unsigned int prio, int module)
{
	if (t->n >= MAX_SYMS)
		return -E2BIG;
	if (nlen > MAX_NAME)
		nlen = MAX_NAME;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		struct sym *p = realloc(t->syms, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		t->syms = p;
		t->cap = cap;
	}
	if (t->plen + nlen + 1 > t->pcap) {
		size_t cap = t->pcap ? t->pcap : 4096;
		char *p;

		while (t->plen + nlen + 1 > cap)
			cap *= 2;
		p = realloc(t->pool, cap);
		if (!p)
			return -ENOMEM;
		t->pool = p;
		t->pcap = cap;
	}
	memcpy(t->pool + t->plen, name, nlen);
	t->pool[t->plen + nlen] = '\0';
	t->syms[t->n++] = (struct sym){ .addr = addr, .size = size, .name = t->plen,
					 .prio = prio, .under = (unsigned int)strspn(name, "_"),
					 .module = module };
	t->plen += nlen + 1;
	return 0;
}

static int sym_cmp(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* best first: the source (debug file, .symtab, .dynsym) and a known
	 * size (prio >> 2), then fewer leading underscores (getpid before its
	 * alias __getpid), then binding (prio & 3: global, weak, local) */
	if (x->prio >> 2 != y->prio >> 2)
		return x->prio >> 2 > y->prio >> 2 ? -1 : 1;
	if (x->under != y->under)
		return x->under < y->under ? -1 : 1;
	if (x->prio != y->prio)
		return x->prio > y->prio ? -1 : 1;
	return x->name < y->name ? -1 : x->name > y->name;
}

/* Sorts by address and keeps only the best symbol of each address. */
static void symtab_sort(struct symtab *t)
{
	size_t o = 0;

	if (!t->n)
		return;
	qsort(t->syms, t->n, sizeof(*t->syms), sym_cmp);
	for (size_t i = 0; i < t->n; i++) {
		if (o && t->syms[o - 1].addr == t->syms[i].addr)
			continue;
		t->syms[o++] = t->syms[i];
	}
	t->n = o;
}

/* The symbol holding addr: the last one starting at or before it, if its
 * size (when known, or when sized is set) covers addr.  NULL otherwise. */
static const struct sym *symtab_find(const struct symtab *t, unsigned long long addr, bool sized)
{
	size_t lo = 0, hi = t->n;
	const struct sym *s;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	s = &t->syms[lo - 1];
	if ((s->size || sized) && addr - s->addr >= s->size)
		return NULL;
	return s;
}

/* ---- kernel ---- */

static bool ktext_type(char c)
{
	return c == 't' || c == 'T' || c == 'w' || c == 'W';
}

/* Reads kallsyms: "ADDR TYPE NAME [MODULE]" per line; text symbols only.
 * Module names go into the same pool, indexed by struct sym.module. */
static void load_kallsyms(struct tk_sym *s)
{
	FILE *f = fopen(s->kallsyms, "re");
	char line[MAX_NAME + 256], last_mod[128] = "";
	size_t last_mod_off = 0;
	bool any_nonzero = false;

	s->ksyms_loaded = true;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *end, *name, *mod = NULL;
		unsigned long long addr;
		size_t nlen;
		char type;
		int modidx = -1;

		if (!strchr(line, '\n') && !feof(f)) {
			int c;

			while ((c = fgetc(f)) != EOF && c != '\n')	/* skip an overlong line */
				;
			continue;
		}
		errno = 0;
		addr = strtoull(p, &end, 16);
		if (end == p || errno || *end != ' ')
			continue;
		p = end + 1;
		type = *p;
		if (!type || p[1] != ' ' || !ktext_type(type))
			continue;
		name = p + 2;
		nlen = strcspn(name, " \t\n");
		if (!nlen)
			continue;
		p = name + nlen;
		if (*p == '\t' || *p == ' ') {
			p += strspn(p, " \t");
			if (*p == '[') {
				mod = p + 1;
				mod[strcspn(mod, "]\n")] = '\0';
			}
		}
		if (mod && *mod) {
			if (strcmp(mod, last_mod)) {
				snprintf(last_mod, sizeof(last_mod), "%s", mod);
				/* module names are stored as zero-size entries that never match */
				if (symtab_add(&s->ksyms, 0, 0, last_mod, strlen(last_mod), 0, -2))
					break;
				last_mod_off = s->ksyms.syms[s->ksyms.n - 1].name;
				s->ksyms.n--;	/* keep the name, drop the entry */
			}
			modidx = (int)last_mod_off;
		}
		if (addr)
			any_nonzero = true;
		if (symtab_add(&s->ksyms, addr, 0, name, nlen, type == 'T' ? 2 : type == 't' ? 1 : 0,
			       modidx))
			break;
	}
	fclose(f);
	if (!any_nonzero) {	/* kptr_restrict: every address reads as 0 */
		s->ksyms.n = 0;
		return;
	}
	symtab_sort(&s->ksyms);
}

int tk_sym__kernel(struct tk_sym *s, unsigned long long addr, struct tk_frame *f)
{
	const struct sym *k;

	memset(f, 0, sizeof(*f));
	f->addr = addr;
	if (!s->ksyms_loaded)
		load_kallsyms(s);
	k = symtab_find(&s->ksyms, addr, false);
	if (!k)
		return -ENOENT;
	/* past the end of a module's last symbol is not that symbol: the next
	 * entry would start there, but a gap of more than 16 MiB is no function */
	if (addr - k->addr >= (1ULL << 24))
		return -ENOENT;
	f->sym = s->ksyms.pool + k->name;
	f->off = addr - k->addr;
	f->module = k->module >= 0 ? s->ksyms.pool + k->module : NULL;
	return 0;
}

size_t tk_sym__kernel_count(const struct tk_sym *s)
{
	return s->ksyms.n;
}

/* ---- ELF ---- */

/* Bytes of a section's data, checked against the file's own claims. */
static Elf_Data *sec_data(Elf_Scn *scn, GElf_Shdr *sh)
{
	Elf_Data *d;

	if (!gelf_getshdr(scn, sh) || sh->sh_type == SHT_NOBITS)
		return NULL;
	d = elf_getdata(scn, NULL);
	if (!d || !d->d_buf || d->d_size > sh->sh_size)
		return NULL;
	return d;
}

/* Adds the function symbols of a SHT_SYMTAB/SHT_DYNSYM section. */
static void add_elf_syms(Elf *e, Elf_Scn *scn, const GElf_Shdr *sh, size_t shnum,
			 size_t shstrndx, struct symtab *t, unsigned int base_prio)
{
	GElf_Shdr strsh, tmp;
	Elf_Scn *strscn;
	Elf_Data *d, *sd;
	size_t n;

	if (sh->sh_link == 0 || sh->sh_link >= shnum ||
	    sh->sh_entsize != gelf_fsize(e, ELF_T_SYM, 1, EV_CURRENT))
		return;
	strscn = elf_getscn(e, sh->sh_link);
	if (!strscn || !(sd = sec_data(strscn, &strsh)) || strsh.sh_type != SHT_STRTAB)
		return;
	/* a damaged sh_link may point at another string table: names would
	 * then be wrong, so the table must be the one its kind uses */
	if (shstrndx < shnum) {
		const char *want = sh->sh_type == SHT_SYMTAB ? ".strtab" : ".dynstr";
		const char *got = elf_strptr(e, shstrndx, strsh.sh_name);

		if (got && strcmp(got, want))
			return;
	}
	d = sec_data(scn, &tmp);
	if (!d)
		return;
	n = d->d_size / gelf_fsize(e, ELF_T_SYM, 1, EV_CURRENT);
	if (n > MAX_SYMS)
		n = MAX_SYMS;
	for (size_t i = 1; i < n; i++) {
		GElf_Sym sym;
		const char *name;
		size_t nlen;
		int type;

		if (!gelf_getsym(d, (int)i, &sym))
			break;
		type = GELF_ST_TYPE(sym.st_info);
		if (type != STT_FUNC && type != STT_GNU_IFUNC)
			continue;
		if (sym.st_shndx == SHN_UNDEF || sym.st_value == 0)
			continue;
		if (sym.st_shndx < SHN_LORESERVE && sym.st_shndx >= shnum)
			continue;	/* points at a section that does not exist */
		if (sym.st_name == 0 || sym.st_name >= sd->d_size)
			continue;
		name = (const char *)sd->d_buf + sym.st_name;
		nlen = strnlen(name, sd->d_size - sym.st_name);
		if (nlen == 0 || nlen == sd->d_size - sym.st_name)
			continue;	/* empty or not NUL-terminated inside the table */
		if (sym.st_size > (1ULL << 32))
			continue;	/* no function is 4 GiB */
		if (symtab_add(t, sym.st_value, sym.st_size, name, nlen,
			       base_prio + (GELF_ST_BIND(sym.st_info) == STB_GLOBAL ? 2 :
					    GELF_ST_BIND(sym.st_info) == STB_WEAK ? 1 : 0) +
			       (sym.st_size ? 4 : 0), -1))
			break;
	}
}

/* What the debug-file search needs from an ELF: build-id, debuglink. */
struct elf_info {
	unsigned char build_id[64];
	size_t build_id_len;
	char debuglink[256];
	uint32_t debuglink_crc;
	bool has_symtab;
};

static void read_notes(Elf_Data *d, struct elf_info *info)
{
	size_t off = 0, noff, doff;
	GElf_Nhdr nh;

	while (off < d->d_size && (off = gelf_getnote(d, off, &nh, &noff, &doff)) > 0) {
		if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 && noff + 4 <= d->d_size &&
		    !memcmp((const char *)d->d_buf + noff, "GNU", 4) &&
		    nh.n_descsz > 0 && nh.n_descsz <= sizeof(info->build_id) &&
		    doff + nh.n_descsz <= d->d_size) {
			memcpy(info->build_id, (const char *)d->d_buf + doff, nh.n_descsz);
			info->build_id_len = nh.n_descsz;
		}
	}
}

/* Reads symbols (and with info, build-id and debuglink) of e into t; the
 * loadable segments into segs when given.  Returns false when e is not
 * usable ELF. */
static bool scan_elf(Elf *e, struct symtab *t, struct elf_info *info,
		     struct seg **segs, size_t *nsegs, unsigned int base_prio)
{
	size_t shnum, shstrndx, phnum;
	Elf_Scn *scn = NULL;
	GElf_Ehdr eh;

	if (elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh))
		return false;
	if (segs && elf_getphdrnum(e, &phnum) == 0 && phnum < 4096) {
		*segs = calloc(phnum ? phnum : 1, sizeof(**segs));
		*nsegs = 0;
		for (size_t i = 0; *segs && i < phnum; i++) {
			GElf_Phdr ph;

			if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD)
				continue;
			(*segs)[(*nsegs)++] = (struct seg){ ph.p_vaddr, ph.p_offset, ph.p_filesz,
							    ph.p_memsz, ph.p_flags & PF_X };
		}
	}
	if (elf_getshdrnum(e, &shnum) || elf_getshdrstrndx(e, &shstrndx))
		return true;	/* no usable section headers: segments only */
	if (shnum > 65536)
		return true;
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		const char *name;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM) {
			if (sh.sh_type == SHT_SYMTAB && info)
				info->has_symtab = true;
			add_elf_syms(e, scn, &sh, shnum, shstrndx, t, base_prio + (sh.sh_type == SHT_SYMTAB ? 8 : 0));
			continue;
		}
		if (!info)
			continue;
		if (sh.sh_type == SHT_NOTE && (d = sec_data(scn, &sh)))
			read_notes(d, info);
		if (sh.sh_type != SHT_PROGBITS || shstrndx >= shnum)
			continue;
		name = elf_strptr(e, shstrndx, sh.sh_name);
		if (name && !strcmp(name, ".gnu_debuglink") && (d = sec_data(scn, &sh))) {
			size_t n = strnlen(d->d_buf, d->d_size);
			size_t crc_off = (n + 4) & ~(size_t)3;

			if (n && n < sizeof(info->debuglink) && crc_off + 4 <= d->d_size &&
			    !memchr(d->d_buf, '/', n)) {
				memcpy(info->debuglink, d->d_buf, n);
				info->debuglink[n] = '\0';
				memcpy(&info->debuglink_crc, (const char *)d->d_buf + crc_off, 4);
			}
		}
	}
	return true;
}

static uint32_t file_crc(int fd)
{
	unsigned char buf[65536];
	uLong crc = crc32(0, NULL, 0);
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		crc = crc32(crc, buf, (uInt)n);
	return (uint32_t)crc;
}

/* Adds the symbols of a debug file at path (when it is ELF and, with
 * want_crc, its CRC matches).  Returns true when the file was used. */
static bool use_debug_file(const char *path, bool check_crc, uint32_t crc, struct symtab *t)
{
	struct elf_info info = { 0 };
	bool ok = false;
	Elf *e;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	if (check_crc && file_crc(fd) != crc)
		goto out;
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (e) {
		ok = scan_elf(e, t, &info, NULL, NULL, 16) && info.has_symtab;
		elf_end(e);
	}
out:
	close(fd);
	return ok;
}

/* Looks for the separate debug file of the ELF at path (as the process sees
 * it, without any /proc/PID/root prefix: prefix is prepended to look). */
static void find_debug_file(struct tk_sym *s, const char *prefix, const char *path,
			    const struct elf_info *info, struct symtab *t)
{
	char p[PATH_MAX], dir[PATH_MAX];
	const char *slash;
	int n;

	if (info->build_id_len) {
		n = snprintf(p, sizeof(p), "%s/.build-id/%02x/", s->debug_root, info->build_id[0]);
		for (size_t i = 1; i < info->build_id_len && n > 0 && (size_t)n + 3 < sizeof(p); i++)
			n += snprintf(p + n, sizeof(p) - (size_t)n, "%02x", info->build_id[i]);
		if (n > 0 && (size_t)n + 7 < sizeof(p)) {
			strcat(p, ".debug");
			if (use_debug_file(p, false, 0, t))
				return;
		}
	}
	if (!info->debuglink[0] || !(slash = strrchr(path, '/')))
		return;
	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if (snprintf(p, sizeof(p), "%s%s/%s", prefix, dir, info->debuglink) < (int)sizeof(p) &&
	    strcmp(p + strlen(prefix), path) && use_debug_file(p, true, info->debuglink_crc, t))
		return;
	if (snprintf(p, sizeof(p), "%s%s/.debug/%s", prefix, dir, info->debuglink) < (int)sizeof(p) &&
	    use_debug_file(p, true, info->debuglink_crc, t))
		return;
	if (snprintf(p, sizeof(p), "%s%s/%s", s->debug_root, dir, info->debuglink) < (int)sizeof(p))
		use_debug_file(p, true, info->debuglink_crc, t);
}

/* Drops function symbols outside every executable segment: damaged tables
 * give such values, and no code runs there.  Sizes are cut to the segment. */
static void keep_in_exec_segments(struct symtab *t, const struct seg *segs, size_t nsegs)
{
	size_t o = 0;

	for (size_t i = 0; i < t->n; i++) {
		struct sym *sy = &t->syms[i];
		bool in = false;

		for (size_t j = 0; j < nsegs && !in; j++) {
			const struct seg *sg = &segs[j];

			if (!sg->exec || sy->addr < sg->vaddr || sy->addr - sg->vaddr >= sg->memsz)
				continue;
			in = true;
			if (sy->size > sg->memsz - (sy->addr - sg->vaddr))
				sy->size = sg->memsz - (sy->addr - sg->vaddr);
		}
		if (in)
			t->syms[o++] = *sy;
	}
	t->n = o;
}

static void elf_file_free(struct elf_file *ef)
{
	if (!ef)
		return;
	symtab_free(&ef->tab);
	free(ef->segs);
	free(ef->key);
	free(ef);
}

/* Loads an ELF from fd (or from mem when fd < 0) into a new elf_file. */
static struct elf_file *elf_file_load(struct tk_sym *s, int fd, const void *mem, size_t memlen,
				      const char *prefix, const char *path)
{
	struct elf_file *ef = calloc(1, sizeof(*ef));
	struct elf_info info = { 0 };
	Elf *e;

	if (!ef)
		return NULL;
	e = fd >= 0 ? elf_begin(fd, ELF_C_READ, NULL) : elf_memory((char *)mem, memlen);
	if (e) {
		ef->ok = scan_elf(e, &ef->tab, &info, &ef->segs, &ef->nsegs, 0);
		elf_end(e);
	}
	if (ef->ok && !info.has_symtab && path)
		find_debug_file(s, prefix, path, &info, &ef->tab);
	keep_in_exec_segments(&ef->tab, ef->segs, ef->nsegs);
	symtab_sort(&ef->tab);
	return ef;
}

static void cache_file(struct tk_sym *s, struct elf_file *ef)
{
	if (s->nfiles >= MAX_FILES) {
		/* mappings point at cached files: drop the process cache too */
		for (struct proc *p = s->procs; p; p = p->next)
			for (size_t i = 0; i < p->nmaps; i++) {
				p->maps[i].elf = NULL;
				p->maps[i].elf_tried = false;
			}
		while (s->files) {
			struct elf_file *n = s->files->next;

			elf_file_free(s->files);
			s->files = n;
		}
		s->nfiles = 0;
	}
	ef->next = s->files;
	s->files = ef;
	s->nfiles++;
}

/* The cached ELF for a file-backed mapping, loading it on first use. */
static struct elf_file *get_file(struct tk_sym *s, const struct proc *pr, const struct mapping *m)
{
	char prefix[PATH_MAX], full[PATH_MAX + 64];
	const char *path = m->path;
	struct elf_file *ef;
	struct stat st;
	int fd = -1;

	snprintf(prefix, sizeof(prefix), "%s/%d/root", s->proc_root, pr->pid);
	if (snprintf(full, sizeof(full), "%s%s", prefix, path) < (int)sizeof(full))
		fd = open(full, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		/* deleted or replaced since, or a name maps cannot show: the
		 * mapped file itself (needs CAP_SYS_ADMIN) */
		snprintf(full, sizeof(full), "%s/%d/map_files/%llx-%llx", s->proc_root, pr->pid,
			 m->start, m->end);
		fd = open(full, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return NULL;
	}
	for (ef = s->files; ef; ef = ef->next) {
		if (!ef->key && ef->dev == st.st_dev && ef->ino == st.st_ino) {
			close(fd);
			return ef;
		}
	}
	ef = elf_file_load(s, fd, NULL, 0, prefix, path);
	close(fd);
	if (!ef)
		return NULL;
	ef->dev = st.st_dev;
	ef->ino = st.st_ino;
	cache_file(s, ef);
	return ef;
}

/* The vDSO image, read from the process's memory (the same in every
 * process of one kernel, so it is read once). */
static struct elf_file *get_vdso(struct tk_sym *s, const struct proc *pr, const struct mapping *m)
{
	char path[128];
	struct elf_file *ef;
	size_t len = m->end - m->start;
	char *buf;
	ssize_t n;
	int fd;

	for (ef = s->files; ef; ef = ef->next)
		if (ef->key && !strcmp(ef->key, "[vdso]"))
			return ef;
	if (!len || len > MAX_VDSO)
		return NULL;
	snprintf(path, sizeof(path), "%s/%d/mem", s->proc_root, pr->pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	buf = malloc(len);
	n = buf ? pread(fd, buf, len, (off_t)m->start) : -1;
	close(fd);
	ef = n == (ssize_t)len ? elf_file_load(s, -1, buf, len, NULL, NULL) : NULL;
	free(buf);
	if (!ef)
		return NULL;
	ef->key = strdup("[vdso]");
	if (!ef->key) {
		elf_file_free(ef);
		return NULL;
	}
	cache_file(s, ef);
	return ef;
}

/* ---- processes ---- */

static void proc_free_maps(struct proc *p)
{
	for (size_t i = 0; i < p->nmaps; i++)
		free(p->maps[i].path);
	free(p->maps);
	p->maps = NULL;
	p->nmaps = 0;
}

static void proc_free(struct proc *p)
{
	if (!p)
		return;
	proc_free_maps(p);
	symtab_free(&p->perf);
	free(p);
}

/* Process start time (field 22 of /proc/PID/stat), 0 when unreadable. */
static unsigned long long proc_start_time(struct tk_sym *s, int pid)
{
	char path[128], buf[1024], *p;
	unsigned long long t = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%d/stat", s->proc_root, pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');	/* comm may hold spaces and parentheses */
	if (!p)
		return 0;
	/* after ") " come fields 3..: state is field 3, start time field 22 */
	for (int field = 2; field < 22 && p; field++)
		p = strchr(p + 1, ' ');
	if (p)
		t = strtoull(p + 1, NULL, 10);
	return t;
}

/* Reads /proc/PID/maps: executable mappings only (code addresses). */
static void read_maps(struct tk_sym *s, struct proc *pr)
{
	char path[128], line[PATH_MAX + 256];
	size_t cap = 0;
	FILE *f;

	proc_free_maps(pr);
	pr->read_ns = mono_ns();
	snprintf(path, sizeof(path), "%s/%d/maps", s->proc_root, pr->pid);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f) && pr->nmaps < MAX_MAPS) {
		unsigned long long start, end, pgoff, ino;
		char perms[8], *nl, *file;
		int pos = 0;

		nl = strchr(line, '\n');
		if (!nl && !feof(f)) {
			int c;

			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			continue;
		}
		if (nl)
			*nl = '\0';
		if (sscanf(line, "%llx-%llx %7s %llx %*x:%*x %llu%n", &start, &end, perms, &pgoff,
			   &ino, &pos) != 5 || pos <= 0 || start >= end || strlen(perms) < 3 ||
		    perms[2] != 'x')
			continue;
		file = line + pos;
		file += strspn(file, " ");
		if (pr->nmaps == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			struct mapping *m = realloc(pr->maps, ncap * sizeof(*m));

			if (!m)
				break;
			pr->maps = m;
			cap = ncap;
		}
		struct mapping *m = &pr->maps[pr->nmaps];

		*m = (struct mapping){ .start = start, .end = end, .pgoff = pgoff };
		if (*file) {
			const char *sl;
			char *nl012;

			m->path = strdup(file);
			if (!m->path)
				break;
			/* maps shows a newline in a name as \012 */
			while ((nl012 = strstr(m->path, "\\012"))) {
				*nl012 = '\n';
				memmove(nl012 + 1, nl012 + 4, strlen(nl012 + 4) + 1);
			}
			sl = strrchr(m->path, '/');
			m->base = sl ? sl + 1 : m->path;
		}
		pr->nmaps++;
	}
	fclose(f);
}

/* True when the cached pr still describes process pid (same executable
 * inode, same start time). */
static bool proc_identity(struct tk_sym *s, int pid, dev_t *dev, ino_t *ino,
			  unsigned long long *start)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%d/exe", s->proc_root, pid);
	if (stat(path, &st))
		return false;
	*dev = st.st_dev;
	*ino = st.st_ino;
	*start = proc_start_time(s, pid);
	return true;
}

static struct proc *get_proc(struct tk_sym *s, int pid, bool check)
{
	struct proc *p, **pp;
	unsigned long long start = 0;
	dev_t dev = 0;
	ino_t ino = 0;
	bool known;

	for (pp = &s->procs; (p = *pp); pp = &p->next)
		if (p->pid == pid)
			break;
	if (p && !check)
		return p;
	known = proc_identity(s, pid, &dev, &ino, &start);
	if (p) {
		/* a process that has gone keeps its cache: its stacks may still
		 * be in the ring */
		if (!known || (p->exe_dev == dev && p->exe_ino == ino && p->start_time == start))
			return p;
		*pp = p->next;	/* exec()ed or replaced: forget it */
		proc_free(p);
		s->nprocs--;
	}
	if (s->nprocs >= MAX_PROCS) {
		while (s->procs) {
			p = s->procs->next;
			proc_free(s->procs);
			s->procs = p;
		}
		s->nprocs = 0;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->pid = pid;
	p->exe_dev = dev;
	p->exe_ino = ino;
	p->start_time = start;
	read_maps(s, p);
	p->next = s->procs;
	s->procs = p;
	s->nprocs++;
	return p;
}

/* The process's pid in its own pid namespace (the last NSpid of
 * /proc/PID/status), or pid when that cannot be read. */
static int ns_pid(struct tk_sym *s, int pid)
{
	char path[128], line[256];
	int nspid = pid;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%d/status", s->proc_root, pid);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f)) {
		char *p = line + 6, *end;
		long v;

		if (strncmp(line, "NSpid:", 6))
			continue;
		for (;;) {	/* the last number on the line */
			v = strtol(p, &end, 10);
			if (end == p)
				break;
			if (v > 0 && v <= INT_MAX)
				nspid = (int)v;
			p = end;
		}
		break;
	}
	if (f)
		fclose(f);
	return nspid;
}

/* Loads perf-PID.map: "START SIZE NAME" per line, hex numbers.  A process
 * in another pid and mount namespace (a container) writes it under its own
 * pid in its own /tmp: that is tried second. */
static void load_perf_map(struct tk_sym *s, struct proc *pr)
{
	char path[PATH_MAX], line[MAX_NAME + 128];
	int nspid;
	FILE *f;

	pr->perf_tried = true;
	snprintf(path, sizeof(path), "%s/perf-%d.map", s->perf_map_dir, pr->pid);
	f = fopen(path, "re");
	if (!f && (nspid = ns_pid(s, pr->pid)) != pr->pid) {
		snprintf(path, sizeof(path), "%s/%d/root%s/perf-%d.map", s->proc_root, pr->pid,
			 s->perf_map_dir, nspid);
		f = fopen(path, "re");
	}
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, size;
		char *p = line, *end;
		size_t nlen;

		if (!strchr(line, '\n') && !feof(f)) {
			int c;

			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			continue;
		}
		errno = 0;
		start = strtoull(p, &end, 16);
		if (end == p || *end != ' ' || errno)
			continue;
		p = end + 1;
		size = strtoull(p, &end, 16);
		if (end == p || *end != ' ' || errno || !size || start + size < start)
			continue;
		p = end + 1;
		nlen = strcspn(p, "\n");
		if (!nlen || symtab_add(&pr->perf, start, size, p, nlen, 0, -1))
			continue;
	}
	fclose(f);
	symtab_sort(&pr->perf);
}

static const struct mapping *find_mapping(const struct proc *pr, unsigned long long addr)
{
	for (size_t i = 0; i < pr->nmaps; i++)
		if (addr >= pr->maps[i].start && addr < pr->maps[i].end)
			return &pr->maps[i];
	return NULL;
}

/* The ELF virtual address of file offset o, through the loadable segments. */
static bool offset_to_vaddr(const struct elf_file *ef, unsigned long long o, unsigned long long *v)
{
	for (size_t i = 0; i < ef->nsegs; i++) {
		const struct seg *sg = &ef->segs[i];

		if (o >= sg->offset && o - sg->offset < sg->filesz) {
			*v = o - sg->offset + sg->vaddr;
			return true;
		}
	}
	return false;
}

void tk_sym__user_begin(struct tk_sym *s, int pid)
{
	get_proc(s, pid, true);
	s->begun_pid = pid;
}

void tk_sym__user_end(struct tk_sym *s)
{
	s->begun_pid = -1;
}

int tk_sym__user(struct tk_sym *s, int pid, unsigned long long addr, struct tk_frame *f)
{
	const struct mapping *m;
	const struct sym *sy;
	struct mapping *mm;
	unsigned long long o, v;
	struct proc *pr;

	memset(f, 0, sizeof(*f));
	f->addr = addr;
	pr = get_proc(s, pid, pid != s->begun_pid);
	if (!pr)
		return -ENOENT;
	m = find_mapping(pr, addr);
	if (!m && mono_ns() - pr->read_ns > REREAD_NS) {	/* dlopen() since? */
		read_maps(s, pr);
		m = find_mapping(pr, addr);
	}
	if (!m || !m->path) {
		if (!pr->perf_tried)
			load_perf_map(s, pr);
		sy = symtab_find(&pr->perf, addr, true);
		if (!sy)
			return -ENOENT;
		f->sym = pr->perf.pool + sy->name;
		f->off = addr - sy->addr;
		f->module = "[perf-map]";
		return 0;
	}
	mm = (struct mapping *)m;
	o = addr - m->start + m->pgoff;
	f->module = m->base;
	f->mod_off = o;
	if (!mm->elf_tried) {
		mm->elf_tried = true;
		if (!strcmp(m->path, "[vdso]"))
			mm->elf = get_vdso(s, pr, m);
		else if (m->path[0] == '/')
			mm->elf = get_file(s, pr, m);
	}
	if (!mm->elf || !offset_to_vaddr(mm->elf, o, &v))
		return -ENOENT;
	f->mod_off = o;
	sy = symtab_find(&mm->elf->tab, v, false);
	if (!sy)
		return -ENOENT;
	f->sym = mm->elf->tab.pool + sy->name;
	f->off = v - sy->addr;
	return 0;
}

/* ---- function lookup by name (uprobes) ---- */

int tk_elf_func_offset(const char *path, const char *name, unsigned long long *off)
{
	unsigned long long best = 0;
	int found = 0, err = -ENOENT;	/* found: 1 hidden version only, 2 default */
	size_t nlen = strlen(name);
	size_t shnum, phnum;
	Elf_Scn *scn = NULL;
	Elf *e = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -ENOENT;
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF || elf_getshdrnum(e, &shnum) || elf_getphdrnum(e, &phnum)) {
		err = -EINVAL;
		goto out;
	}
	while ((scn = elf_nextscn(e, scn))) {
		Elf_Data *d, *sd, *vd = NULL;
		GElf_Shdr sh, strsh, vsh;
		Elf_Scn *vscn = NULL;
		size_t n;

		if (!gelf_getshdr(scn, &sh) || (sh.sh_type != SHT_DYNSYM && sh.sh_type != SHT_SYMTAB) ||
		    sh.sh_link == 0 || sh.sh_link >= shnum || !(d = sec_data(scn, &sh)) ||
		    !(sd = sec_data(elf_getscn(e, sh.sh_link), &strsh)) || strsh.sh_type != SHT_STRTAB)
			continue;
		if (sh.sh_type == SHT_DYNSYM) {	/* its version table, if any */
			while ((vscn = elf_nextscn(e, vscn)))
				if (gelf_getshdr(vscn, &vsh) && vsh.sh_type == SHT_GNU_versym)
					break;
			vd = vscn ? sec_data(vscn, &vsh) : NULL;
		}
		n = d->d_size / gelf_fsize(e, ELF_T_SYM, 1, EV_CURRENT);
		for (size_t i = 1; i < n && i < MAX_SYMS; i++) {
			GElf_Sym sym;
			GElf_Versym ver = 0;
			int kind;

			if (!gelf_getsym(d, (int)i, &sym) || sym.st_shndx == SHN_UNDEF ||
			    (GELF_ST_TYPE(sym.st_info) != STT_FUNC &&
			     GELF_ST_TYPE(sym.st_info) != STT_GNU_IFUNC) ||
			    sym.st_name >= sd->d_size || sd->d_size - sym.st_name <= nlen ||
			    memcmp((const char *)sd->d_buf + sym.st_name, name, nlen + 1))
				continue;
			if (vd)
				gelf_getversym(vd, (int)i, &ver);
			kind = ver & 0x8000 ? 1 : 2;	/* VERSYM_HIDDEN: not the default */
			if (kind < found || (kind == found && sym.st_value == best))
				continue;
			if (kind == found) {
				err = -ENOTUNIQ;
				goto out;
			}
			found = kind;
			best = sym.st_value;
		}
	}
	if (!found)
		goto out;
	err = -EINVAL;
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;

		if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == PT_LOAD && best >= ph.p_vaddr &&
		    best - ph.p_vaddr < ph.p_filesz) {
			*off = best - ph.p_vaddr + ph.p_offset;
			err = 0;
			break;
		}
	}
out:
	elf_end(e);
	close(fd);
	return err;
}

/* ---- lifecycle ---- */

struct tk_sym *tk_sym__new(const struct tk_sym_opts *opts)
{
	struct tk_sym_opts none = { 0 };
	struct tk_sym *s;

	if (!opts)
		opts = &none;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->begun_pid = -1;
	s->kallsyms = dup_opt(opts->kallsyms, "TK_KALLSYMS", "/proc/kallsyms");
	s->debug_root = dup_opt(opts->debug_root, "TK_DEBUG_ROOT", "/usr/lib/debug");
	s->proc_root = dup_opt(opts->proc_root, "TK_PROC_ROOT", "/proc");
	s->perf_map_dir = dup_opt(opts->perf_map_dir, "TK_PERF_MAP_DIR", "/tmp");
	if (!s->kallsyms || !s->debug_root || !s->proc_root || !s->perf_map_dir) {
		tk_sym__free(s);
		return NULL;
	}
	return s;
}

void tk_sym__free(struct tk_sym *s)
{
	if (!s)
		return;
	while (s->procs) {
		struct proc *n = s->procs->next;

		proc_free(s->procs);
		s->procs = n;
	}
	while (s->files) {
		struct elf_file *n = s->files->next;

		elf_file_free(s->files);
		s->files = n;
	}
	symtab_free(&s->ksyms);
	free(s->kallsyms);
	free(s->debug_root);
	free(s->proc_root);
	free(s->perf_map_dir);
	free(s);
}

const char *tk_sym_format(const struct tk_frame *f, char *buf, size_t len)
{
	bool br = f->module && f->module[0] == '[';	/* "[vdso]" is bracketed already */

	if (f->sym && f->module)
		snprintf(buf, len, br ? "%s+0x%llx %s" : "%s+0x%llx [%s]", f->sym, f->off, f->module);
	else if (f->sym)
		snprintf(buf, len, "%s+0x%llx", f->sym, f->off);
	else if (f->module)
		snprintf(buf, len, "[unknown] (%s+0x%llx)", f->module, f->mod_off);
	else
		snprintf(buf, len, "[unknown]");
	return buf;
}
