// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* coldexec: an exec whose argument strings are in a page this process has
 * never touched, so no page table entry maps it when exec starts: BPF
 * cannot read them from the caller (it cannot fault pages in), the kernel
 * can.
 *   coldexec PROG ARG...    execv(PROG, { PROG, ARG... }), each ARG read
 *                           from a fresh memfd page mapped and not touched
 * Prints its pid first; exits 1 when the exec fails. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

int main(int argc, char **argv)
{
	char *args[64] = { NULL };
	size_t size = 0, off = 0;
	char *page;
	int fd, i;

	if (argc < 3 || argc > 63)
		return 2;
	for (i = 2; i < argc; i++)
		size += strlen(argv[i]) + 1;
	fd = memfd_create("coldexec", MFD_CLOEXEC);
	if (fd < 0) {
		perror("coldexec: memfd_create");
		return 1;
	}
	/* written through the file, never through the mapping */
	for (i = 2; i < argc; i++) {
		size_t n = strlen(argv[i]) + 1;

		if (pwrite(fd, argv[i], n, (off_t)off) != (ssize_t)n) {
			perror("coldexec: pwrite");
			return 1;
		}
		off += n;
	}
	page = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (page == MAP_FAILED) {
		perror("coldexec: mmap");
		return 1;
	}
	args[0] = argv[1];
	for (i = 2, off = 0; i < argc; i++) {
		args[i - 1] = page + off;
		off += strlen(argv[i]) + 1;	/* argv[i], not the page: keep it cold */
	}
	printf("%d\n", getpid());
	fflush(stdout);
	execv(argv[1], args);
	perror("coldexec: execv");
	return 1;
}
