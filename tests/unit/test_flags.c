// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Unit tests of common/flags.c: flag names and errno names. */
#include <errno.h>
#include <string.h>
#include "flags.h"
#include "tap.h"

static const struct tk_flag_name names[] = {
	{ 0xab00, "MAGIC", 0xff00 },	/* a multi-bit field first */
	{ 1, "A" }, { 2, "B" }, { 8, "D" },
	{ 0x10, "F1", 0x30 }, { 0x20, "F2", 0x30 },
	{ 0 },
};

static void check(unsigned long long v, const char *want)
{
	char buf[64];
	size_t n = tk_flags_text(buf, sizeof(buf), v, names);

	is_str(buf, want, "flags 0x%llx", v);
	is_int(n, strlen(want), "flags 0x%llx: the length", v);
}

int main(void)
{
	static const struct tk_flag_name zero[] = { { 0, "NONE" }, { 1, "ONE" }, { 0 } };
	char small[6];

	check(0, "0");
	check(1, "A");
	check(3, "A|B");
	check(0xb, "A|B|D");
	check(4, "0x4");
	check(0x1005, "A|0x1004");
	check(0x10, "F1");
	check(0x30, "0x30");		/* no entry names both bits of the field */
	check(0xab03, "MAGIC|A|B");
	check(0xac01, "A|0xac00");
	tk_flags_text(small, sizeof(small), 0xb, names);
	is_str(small, "A|B|D", "a text that just fits the buffer");
	tk_flags_text(small, 4, 0xb, names);
	is_str(small, "A|B", "cut short inside a name list");
	tk_flags_text(small, sizeof(small), 0, zero);
	is_str(small, "NONE", "an entry for the value 0");
	return done_testing();
}
