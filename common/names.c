// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Lookups in the generated syscall and errno name tables (see names.h). */
#include <errno.h>
#include <string.h>
#include "names.h"
#include "opts.h"

/* Defined in the generated $(OUTPUT)/gen/names_gen.c; sorted by name. */
extern const struct tk_name_entry tk_syscall_table[];
extern const size_t tk_syscall_table_len;
extern const struct tk_name_entry tk_errno_table[];
extern const size_t tk_errno_table_len;

/* Entry called name in a table sorted by name, or NULL. */
static const struct tk_name_entry *by_name(const struct tk_name_entry *t, size_t n,
					   const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, t[mid].name);

		if (!c)
			return &t[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Name of value in t, a primary name before an alias; NULL if absent. */
static const char *by_value(const struct tk_name_entry *t, size_t n, long value)
{
	const char *alias = NULL;

	for (size_t i = 0; i < n; i++) {
		if (t[i].value != value)
			continue;
		if (t[i].primary)
			return t[i].name;
		if (!alias)
			alias = t[i].name;
	}
	return alias;
}

const char *tk_syscall_name(long nr)
{
	return by_value(tk_syscall_table, tk_syscall_table_len, nr);
}

long tk_syscall_nr(const char *name)
{
	const struct tk_name_entry *e;

	if (!name)
		return -1;
	e = by_name(tk_syscall_table, tk_syscall_table_len, name);
	return e ? e->value : -1;
}

int tk_syscall_parse(const char *s, long *nr)
{
	unsigned long long v;
	long n = tk_syscall_nr(s);

	if (n < 0 && s && tk_parse_uint(s, 0, 1UL << 20, &v) == 0 && tk_syscall_name((long)v))
		n = (long)v;
	if (n < 0)
		return -EINVAL;
	*nr = n;
	return 0;
}

size_t tk_syscall_count(void)
{
	return tk_syscall_table_len;
}

const char *tk_syscall_at(size_t i, long *nr)
{
	if (i >= tk_syscall_table_len)
		return NULL;
	if (nr)
		*nr = tk_syscall_table[i].value;
	return tk_syscall_table[i].name;
}

const char *tk_errno_name(int err)
{
	return err > 0 ? by_value(tk_errno_table, tk_errno_table_len, err) : NULL;
}

int tk_errno_parse(const char *s, int *err)
{
	const struct tk_name_entry *e;
	unsigned long long v;

	if (!s)
		return -EINVAL;
	e = by_name(tk_errno_table, tk_errno_table_len, s);
	if (e) {
		*err = (int)e->value;
		return 0;
	}
	if (tk_parse_uint(s, 1, 4095, &v))
		return -EINVAL;
	*err = (int)v;
	return 0;
}
