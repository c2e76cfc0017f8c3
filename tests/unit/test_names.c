// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Unit tests of common/names.c and its build-time generated tables. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <asm/unistd.h>
#include "names.h"
#include "tap.h"

static void test_syscalls(void)
{
	size_t n = tk_syscall_count();
	long nr = -5;
	bool sorted = true, round_trip = true;

	/* the numbers come from this architecture's own headers */
	is_str(tk_syscall_name(__NR_openat), "openat", "openat is __NR_openat (%d)", __NR_openat);
	is_str(tk_syscall_name(__NR_read), "read", "read is __NR_read (%d)", __NR_read);
	is_str(tk_syscall_name(__NR_getppid), "getppid", "getppid is __NR_getppid");
	is_int(tk_syscall_nr("openat"), __NR_openat, "name -> nr: openat");
	is_int(tk_syscall_nr("exit_group"), __NR_exit_group, "name -> nr: exit_group");
#if defined(__x86_64__)
	is_int(tk_syscall_nr("read"), 0, "x86_64: read is 0");
	is_int(tk_syscall_nr("openat"), 257, "x86_64: openat is 257");
	is_str(tk_syscall_name(39), "getpid", "x86_64: 39 is getpid");
#elif defined(__aarch64__)
	is_int(tk_syscall_nr("read"), 63, "arm64: read is 63");
	is_int(tk_syscall_nr("openat"), 56, "arm64: openat is 56");
#endif
	ok(n > 200, "the table has %zu system calls (more than 200)", n);
	for (size_t i = 0; i < n; i++) {
		long v;
		const char *name = tk_syscall_at(i, &v);

		if (i && strcmp(tk_syscall_at(i - 1, NULL), name) >= 0)
			sorted = false;
		if (tk_syscall_nr(name) != v)
			round_trip = false;
	}
	ok(sorted, "tk_syscall_at lists names in strictly ascending order");
	ok(round_trip, "every listed name maps back to its number");
	ok(tk_syscall_at(n, NULL) == NULL, "tk_syscall_at past the end is NULL");
	ok(tk_syscall_name(-1) == NULL, "-1 has no name");
	ok(tk_syscall_name(100000) == NULL, "100000 has no name");
	is_int(tk_syscall_nr("no_such_call"), -1, "unknown name -> -1");
	is_int(tk_syscall_nr(""), -1, "empty name -> -1");
	is_int(tk_syscall_nr("syscalls"), -1, "__NR_syscalls (a count) is not a system call");
	is_int(tk_syscall_nr("OPENAT"), -1, "names are case-sensitive");

	ok(tk_syscall_parse("getppid", &nr) == 0 && nr == __NR_getppid, "parse by name");
	nr = -5;
	ok(tk_syscall_parse("1", &nr) == 0 && nr == 1 && tk_syscall_name(1), "parse a known number");
	is_int(tk_syscall_parse("99999", &nr), -EINVAL, "parse an unknown number");
	is_int(tk_syscall_parse("opena", &nr), -EINVAL, "parse an unknown name");
	is_int(tk_syscall_parse("-1", &nr), -EINVAL, "parse a negative number");
	is_int(tk_syscall_parse("", &nr), -EINVAL, "parse an empty string");
}

static void test_errnos(void)
{
	int e = 0;

	is_str(tk_errno_name(ENOENT), "ENOENT", "ENOENT by value");
	is_str(tk_errno_name(EPERM), "EPERM", "EPERM by value");
	is_str(tk_errno_name(EAGAIN), "EAGAIN", "EAGAIN wins over its alias EWOULDBLOCK");
	is_str(tk_errno_name(EDEADLK), "EDEADLK", "EDEADLK wins over its alias EDEADLOCK");
	is_str(tk_errno_name(EOPNOTSUPP), "EOPNOTSUPP", "EOPNOTSUPP wins over ENOTSUP");
	ok(tk_errno_name(0) == NULL, "0 is not an errno");
	ok(tk_errno_name(-2) == NULL, "negative values have no name");
	ok(tk_errno_name(4000) == NULL, "4000 has no name");
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
	{
		bool same = true;

		for (int i = 1; i < 134; i++) {
			const char *want = strerrorname_np(i), *got = tk_errno_name(i);

			if ((want == NULL) != (got == NULL) || (want && strcmp(want, got))) {
				diag("%d: ours %s, glibc %s", i, got ? got : "-", want ? want : "-");
				same = false;
			}
		}
		ok(same, "names of 1..133 agree with glibc's strerrorname_np");
	}
#endif
	ok(tk_errno_parse("ENOENT", &e) == 0 && e == ENOENT, "parse ENOENT");
	ok(tk_errno_parse("EWOULDBLOCK", &e) == 0 && e == EAGAIN, "parse the alias EWOULDBLOCK");
	ok(tk_errno_parse("2", &e) == 0 && e == 2, "parse 2");
	ok(tk_errno_parse("4095", &e) == 0 && e == 4095, "parse 4095 (MAX_ERRNO)");
	is_int(tk_errno_parse("0", &e), -EINVAL, "0 is not an errno");
	is_int(tk_errno_parse("4096", &e), -EINVAL, "4096 is too large");
	is_int(tk_errno_parse("-2", &e), -EINVAL, "-2 is rejected");
	is_int(tk_errno_parse("enoent", &e), -EINVAL, "names are case-sensitive");
	is_int(tk_errno_parse("ENOSUCH", &e), -EINVAL, "unknown name");
	is_int(tk_errno_parse("2x", &e), -EINVAL, "trailing garbage");
	is_int(tk_errno_parse("", &e), -EINVAL, "empty string");
}

int main(void)
{
	test_syscalls();
	test_errnos();
	return done_testing();
}
