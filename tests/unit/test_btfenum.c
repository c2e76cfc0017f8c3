// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Unit tests of common/btfenum.c, on a BTF file the test writes (--btf). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/btf.h>
#include "btfenum.h"
#include "tk.h"
#include "tap.h"

static char names[256];

static void collect(const char *name, long long val, void *arg)
{
	size_t n = strlen(names);

	(void)arg;
	snprintf(names + n, sizeof(names) - n, "%s%s=%lld", n ? "," : "", name, val);
}

int main(void)
{
	char path[] = "/tmp/tk-btfenum.XXXXXX";
	struct btf *btf = btf__new_empty();
	const void *raw;
	__u32 size;
	long long v = -1;
	FILE *f;
	int fd;

	ok(btf && btf__add_enum(btf, "tk_test_reason", 4) > 0, "a BTF with an enum");
	btf__add_enum_value(btf, "TKR_NOT_SPECIFIED", 2);
	btf__add_enum_value(btf, "TKR_NO_SOCKET", 3);
	btf__add_enum_value(btf, "TKR_OTHER", 1000);
	raw = btf__raw_data(btf, &size);
	fd = mkstemp(path);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	ok(f && raw && fwrite(raw, 1, size, f) == size && !fclose(f), "written to %s", path);
	tk_std.btf = path;

	is_str(tk_btf_enum_name("tk_test_reason", 3, "TKR_"), "NO_SOCKET", "name without the prefix");
	is_str(tk_btf_enum_name("tk_test_reason", 1000, NULL), "TKR_OTHER", "name without a prefix given");
	is_str(tk_btf_enum_name("tk_test_reason", 2, "XX_"), "TKR_NOT_SPECIFIED", "another prefix: whole name");
	ok(tk_btf_enum_name("tk_test_reason", 4, "TKR_") == NULL, "unknown value: NULL");
	ok(tk_btf_enum_name("no_such_enum", 3, "TKR_") == NULL, "unknown enum: NULL");

	ok(tk_btf_enum_value("tk_test_reason", "no_socket", "TKR_", &v) == 0 && v == 3,
	   "value by short name, any case");
	v = -1;
	ok(tk_btf_enum_value("tk_test_reason", "TKR_OTHER", "TKR_", &v) == 0 && v == 1000,
	   "value by full name");
	is_int(tk_btf_enum_value("tk_test_reason", "SOCKET", "TKR_", &v), -ENOENT, "unknown name");
	is_int(tk_btf_enum_value("no_such_enum", "X", NULL, &v), -ENODATA, "unknown enum");

	is_int(tk_btf_enum_each("tk_test_reason", "TKR_", collect, NULL), 3, "three enumerators");
	is_str(names, "NOT_SPECIFIED=2,NO_SOCKET=3,OTHER=1000", "in declaration order");
	is_int(tk_btf_enum_each("no_such_enum", NULL, collect, NULL), -ENODATA, "each: unknown enum");

	unlink(path);
	btf__free(btf);
	return done_testing();
}
