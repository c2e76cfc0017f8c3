// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* User-space probes: library lookup and attach by function name. */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <bpf/libbpf.h>
#include "attach.h"
#include "log.h"
#include "sym.h"
#include "tk.h"
#include "uprobe.h"

#if defined(__x86_64__)
#define HOST_MACHINE EM_X86_64
#elif defined(__aarch64__)
#define HOST_MACHINE EM_AARCH64
#elif defined(__powerpc64__)
#define HOST_MACHINE EM_PPC64
#elif defined(__s390x__)
#define HOST_MACHINE EM_S390
#elif defined(__riscv)
#define HOST_MACHINE EM_RISCV
#elif defined(__loongarch__)
#define HOST_MACHINE EM_LOONGARCH
#else
#define HOST_MACHINE EM_NONE	/* accept any machine */
#endif

/* True when path is an ELF shared object of this process's class and
 * machine (so /lib32's libc is not taken for a 64-bit tool). */
static bool right_elf(const char *path)
{
	unsigned char id[EI_NIDENT];
	Elf64_Half type_machine[2];
	bool ok = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	if (read(fd, id, sizeof(id)) == (ssize_t)sizeof(id) && !memcmp(id, ELFMAG, SELFMAG) &&
	    id[EI_CLASS] == (sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32) &&
	    read(fd, type_machine, sizeof(type_machine)) == (ssize_t)sizeof(type_machine))
		ok = HOST_MACHINE == EM_NONE || type_machine[1] == HOST_MACHINE;
	close(fd);
	return ok;
}

static bool try_dir(const char *dir, const char *soname, char *path, size_t len)
{
	if (snprintf(path, len, "%s/%s", dir, soname) >= (int)len)
		return false;
	return right_elf(path);
}

int tk_find_lib(const char *soname, char *path, size_t len)
{
	static const char *const fixed[] = { "/lib64", "/usr/lib64", "/lib", "/usr/lib" };
	char multi[128], dir[4096];
	struct utsname u;
	struct dirent *de;
	DIR *d;

	if (!uname(&u)) {
		snprintf(multi, sizeof(multi), "/lib/%s-linux-gnu", u.machine);
		if (try_dir(multi, soname, path, len))
			return 0;
		snprintf(multi, sizeof(multi), "/usr/lib/%s-linux-gnu", u.machine);
		if (try_dir(multi, soname, path, len))
			return 0;
	}
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (try_dir(fixed[i], soname, path, len))
			return 0;
	d = opendir("/etc/ld.so.conf.d");
	while (d && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		char conf[512];
		FILE *f;

		if (n < 5 || strcmp(de->d_name + n - 5, ".conf"))
			continue;
		snprintf(conf, sizeof(conf), "/etc/ld.so.conf.d/%s", de->d_name);
		f = fopen(conf, "re");
		while (f && fgets(dir, sizeof(dir), f)) {
			dir[strcspn(dir, "\n#")] = '\0';
			if (dir[0] == '/' && try_dir(dir, soname, path, len)) {
				fclose(f);
				closedir(d);
				return 0;
			}
		}
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
	return -ENOENT;
}

int tk_uprobe_attach(struct bpf_program *prog, const char *binary, const char *func, bool ret,
		     struct bpf_link **link)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .retprobe = ret);
	unsigned long long off;
	int err;

	/* resolved here, not by libbpf: libbpf 1.1 refuses versioned
	 * duplicates (pthread_create@GLIBC_2.2.5 and @@GLIBC_2.34) */
	err = tk_elf_func_offset(binary, func, &off);
	if (err) {
		tk_err("attaching %s to %s in %s: %s", ret ? "a uretprobe" : "a uprobe", func, binary,
		       err == -ENOENT ? "no such file or function" :
		       err == -ENOTUNIQ ? "several functions have that name" : "not a usable ELF file");
		return err;
	}
	*link = bpf_program__attach_uprobe_opts(prog, -1, binary, (size_t)off, &opts);
	if (*link)
		return 0;
	err = -errno;
	tk_err("attaching %s to %s in %s: %s%s", ret ? "a uretprobe" : "a uprobe", func, binary,
	       tk_strerror(err), err == -ENOENT ? " (no such file or function)" : tk_errno_hint(err));
	return err;
}
