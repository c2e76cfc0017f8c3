// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * fsops: performs file-system system calls in order, for the end-to-end
 * tests of statsnoop, syncsnoop, mountsnoop and filelife.  Copy it to a
 * unique name first to get a unique comm.
 *   fsops [-p PIDFILE] OP [ARG...] [-- OP [ARG...]]...
 * OPs:
 *   stat|lstat|statfs|statx PATH      the call on PATH (statx: AT_FDCWD)
 *   stats COUNT PATH                  stat() COUNT times (to overrun a ring)
 *   fsync PATH                        open PATH, fsync(), fdatasync(),
 *                                     sync_file_range(fd, 4096, 8192,
 *                                     SYNC_FILE_RANGE_WRITE), close
 *   msync PATH                        make PATH 3 pages long, map it shared,
 *                                     print the map's address + 1 page in
 *                                     decimal, msync(that, 2 pages,
 *                                     MS_SYNC|MS_INVALIDATE), unmap
 *   sync | syncfs PATH                sync() / syncfs() on an fd of PATH
 *   create PATH | unlink PATH         open(O_CREAT|O_EXCL) + close / unlink()
 *   rename OLD NEW                    rename()
 *   sleep MSEC                        nanosleep
 *   mount SRC TARGET FSTYPE FLAGS DATA   mount(2), FLAGS a number
 *   umount TARGET FLAGS               umount2(2)
 *   newmount FSTYPE TARGET            fsopen, fsconfig(SET_STRING size=1m),
 *                                     fsconfig(CMD_CREATE), fsmount,
 *                                     move_mount to TARGET; open_tree of
 *                                     TARGET (closing the fds)
 *   wait FIFO                         read a line from FIFO
 * -p writes the pid to PIDFILE first.  The result of each call is ignored
 * (the tests check what the tracer saw); "-" as DATA passes NULL.
 * Exit status: 0, 1 when msync cannot map its file, or 2 on a usage error.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>

static int usage(void)
{
	fprintf(stderr, "usage: fsops [-p PIDFILE] OP [ARG...] [-- OP [ARG...]]...\n");
	return 2;
}

int main(int argc, char **argv)
{
	int i = 1;

	if (argc > 2 && !strcmp(argv[1], "-p")) {
		FILE *f = fopen(argv[2], "w");

		if (!f)
			return 1;
		fprintf(f, "%d\n", (int)getpid());
		fclose(f);
		i = 3;
	}
	if (i >= argc)
		return usage();
	while (i < argc) {
		const char *op = argv[i];
		char **a = argv + i + 1;
		int n = 0, fd;
		struct stat st;
		struct statfs sf;

		while (i + 1 + n < argc && strcmp(a[n], "--"))
			n++;
		i += n + 2;
		if (!strcmp(op, "stat") && n == 1) {
			stat(a[0], &st);
		} else if (!strcmp(op, "stats") && n == 2) {
			for (long k = atol(a[0]); k > 0; k--)
				stat(a[1], &st);
		} else if (!strcmp(op, "lstat") && n == 1) {
			lstat(a[0], &st);
		} else if (!strcmp(op, "statfs") && n == 1) {
			statfs(a[0], &sf);
		} else if (!strcmp(op, "statx") && n == 1) {
			char buf[512];

			syscall(SYS_statx, AT_FDCWD, a[0], 0, 0x7ff, buf);
		} else if (!strcmp(op, "fsync") && n == 1) {
			fd = open(a[0], O_RDWR);
			fsync(fd);
			fdatasync(fd);
			sync_file_range(fd, 4096, 8192, SYNC_FILE_RANGE_WRITE);
			close(fd);
		} else if (!strcmp(op, "msync") && n == 1) {
			size_t pg = (size_t)sysconf(_SC_PAGESIZE);
			char *m;

			fd = open(a[0], O_RDWR);
			if (fd < 0 || ftruncate(fd, (off_t)(3 * pg)))
				return 1;
			m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
			if (m == MAP_FAILED)
				return 1;
			printf("%lu\n", (unsigned long)(m + pg));
			fflush(stdout);
			msync(m + pg, 2 * pg, MS_SYNC | MS_INVALIDATE);
			munmap(m, 3 * pg);
			close(fd);
		} else if (!strcmp(op, "sync") && n == 0) {
			sync();
		} else if (!strcmp(op, "syncfs") && n == 1) {
			fd = open(a[0], O_RDONLY);
			syncfs(fd);
			close(fd);
		} else if (!strcmp(op, "create") && n == 1) {
			fd = open(a[0], O_WRONLY | O_CREAT | O_EXCL, 0644);
			if (fd >= 0)
				close(fd);
		} else if (!strcmp(op, "unlink") && n == 1) {
			unlink(a[0]);
		} else if (!strcmp(op, "rename") && n == 2) {
			rename(a[0], a[1]);
		} else if (!strcmp(op, "sleep") && n == 1) {
			long ms = atol(a[0]);
			struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

			nanosleep(&ts, NULL);
		} else if (!strcmp(op, "mount") && n == 5) {
			mount(a[0], a[1], a[2], strtoul(a[3], NULL, 0), strcmp(a[4], "-") ? a[4] : NULL);
		} else if (!strcmp(op, "umount") && n == 2) {
			umount2(a[0], (int)strtol(a[1], NULL, 0));
		} else if (!strcmp(op, "newmount") && n == 2) {
			int fs = syscall(SYS_fsopen, a[0], 1), mfd, tfd;

			syscall(SYS_fsconfig, fs, 1, "size", "1m", 0);
			syscall(SYS_fsconfig, fs, 6, NULL, NULL, 0);
			mfd = syscall(SYS_fsmount, fs, 1, 0x6);
			syscall(SYS_move_mount, mfd, "", AT_FDCWD, a[1], 4);
			tfd = syscall(SYS_open_tree, AT_FDCWD, a[1], 1 | 0x8000);
			close(tfd);
			close(mfd);
			close(fs);
		} else if (!strcmp(op, "wait") && n == 1) {
			char line[16];
			FILE *f = fopen(a[0], "r");

			if (f) {
				if (!fgets(line, sizeof(line), f))
					line[0] = '\0';
				fclose(f);
			}
		} else {
			return usage();
		}
	}
	return 0;
}
