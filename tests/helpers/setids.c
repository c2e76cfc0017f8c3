// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * setids: makes setuid-family system calls in order and prints, per call, a
 * line "CALL RET" (RET as the kernel returned it: 0 or -errno, or for
 * setfsuid/setfsgid the previous id), for credential tracing tests.
 *   setids CALL:ID[,ID[,ID]] ...
 * CALL is setuid, setgid, setreuid, setregid, setresuid, setresgid,
 * setfsuid or setfsgid; an ID is a decimal number or -1 ("unchanged").
 * Before the first call it waits for a line on stdin when the first
 * argument is "-w" (so a test can learn its pid first).
 * Exit status: 0 when every call was made, 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

static const struct {
	const char *name;
	long nr;
	int nargs;
} calls[] = {
	{ "setuid", SYS_setuid, 1 }, { "setgid", SYS_setgid, 1 },
	{ "setreuid", SYS_setreuid, 2 }, { "setregid", SYS_setregid, 2 },
	{ "setresuid", SYS_setresuid, 3 }, { "setresgid", SYS_setresgid, 3 },
	{ "setfsuid", SYS_setfsuid, 1 }, { "setfsgid", SYS_setfsgid, 1 },
};

int main(int argc, char **argv)
{
	int first = 1;
	char line[16];

	if (argc > 1 && !strcmp(argv[1], "-w")) {
		first = 2;
		if (!fgets(line, sizeof(line), stdin))
			return 2;
	}
	for (int i = first; i < argc; i++) {
		char *colon = strchr(argv[i], ':'), *p, *end;
		long ids[3] = { 0 }, ret;
		size_t c;
		int n = 0;

		for (c = 0; colon && c < sizeof(calls) / sizeof(calls[0]); c++)
			if (strlen(calls[c].name) == (size_t)(colon - argv[i]) &&
			    !strncmp(argv[i], calls[c].name, (size_t)(colon - argv[i])))
				break;
		if (!colon || c == sizeof(calls) / sizeof(calls[0])) {
			fprintf(stderr, "setids: bad call '%s'\n", argv[i]);
			return 2;
		}
		for (p = colon + 1; n < 3; p = end + 1) {
			ids[n++] = strtol(p, &end, 10);
			if (end == p || (*end && *end != ','))
				return fprintf(stderr, "setids: bad ids '%s'\n", colon + 1), 2;
			if (!*end)
				break;
		}
		if (n != calls[c].nargs)
			return fprintf(stderr, "setids: %s takes %d ids\n", calls[c].name, calls[c].nargs), 2;
		errno = 0;
		ret = syscall(calls[c].nr, ids[0], ids[1], ids[2]);
		printf("%s %ld\n", calls[c].name, ret == -1 && errno ? -(long)errno : ret);
	}
	return 0;
}
