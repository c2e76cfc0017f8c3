// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Kernel enum names from BTF: see btfenum.h. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <bpf/btf.h>
#include "btfenum.h"
#include "tk.h"

static struct btf *kbtf;
static bool tried;

/* The kernel's BTF, loaded once; NULL when there is none. */
static struct btf *kernel_btf(void)
{
	if (!tried) {
		tried = true;
		/* NULL on failure (libbpf 1.x) */
		kbtf = tk_std.btf ? btf__parse(tk_std.btf, NULL) : btf__load_vmlinux_btf();
	}
	return kbtf;
}

/* The enum type called name (32- or 64-bit enum), or NULL. */
static const struct btf_type *find_enum(const char *name)
{
	struct btf *btf = kernel_btf();
	int id;

	if (!btf)
		return NULL;
	id = btf__find_by_name_kind(btf, name, BTF_KIND_ENUM);
#ifdef BTF_KIND_ENUM64
	if (id < 0)
		id = btf__find_by_name_kind(btf, name, BTF_KIND_ENUM64);
#endif
	return id < 0 ? NULL : btf__type_by_id(btf, id);
}

/* Name and value of enumerator i of t. */
static const char *member(const struct btf_type *t, int i, long long *val)
{
#ifdef BTF_KIND_ENUM64
	if (btf_is_enum64(t)) {
		const struct btf_enum64 *e = btf_enum64(t) + i;

		*val = (long long)btf_enum64_value(e);
		return btf__name_by_offset(kbtf, e->name_off);
	}
#endif
	*val = btf_enum(t)[i].val;
	return btf__name_by_offset(kbtf, btf_enum(t)[i].name_off);
}

static const char *strip(const char *name, const char *prefix)
{
	size_t n = prefix ? strlen(prefix) : 0;

	return name && n && !strncmp(name, prefix, n) ? name + n : name;
}

const char *tk_btf_enum_name(const char *enum_name, long long val, const char *prefix)
{
	const struct btf_type *t = find_enum(enum_name);
	long long v;

	for (int i = 0; t && i < btf_vlen(t); i++) {
		const char *name = member(t, i, &v);

		if (v == val)
			return strip(name, prefix);
	}
	return NULL;
}

int tk_btf_enum_value(const char *enum_name, const char *name, const char *prefix,
		      long long *val)
{
	const struct btf_type *t = find_enum(enum_name);

	if (!t)
		return -ENODATA;
	for (int i = 0; i < btf_vlen(t); i++) {
		long long v;
		const char *full = member(t, i, &v);

		if (full && (!strcasecmp(full, name) || !strcasecmp(strip(full, prefix), name))) {
			*val = v;
			return 0;
		}
	}
	return -ENOENT;
}

int tk_btf_enum_each(const char *enum_name, const char *prefix,
		     void (*fn)(const char *name, long long val, void *arg), void *arg)
{
	const struct btf_type *t = find_enum(enum_name);
	long long v;

	if (!t)
		return -ENODATA;
	for (int i = 0; i < btf_vlen(t); i++) {
		const char *name = member(t, i, &v);

		fn(strip(name, prefix), v, arg);
	}
	return btf_vlen(t);
}
