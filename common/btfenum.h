/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * Names of kernel enum values from the kernel's BTF at run time (the file
 * of --btf, else the running kernel's), so a tool prints what the running
 * kernel calls a value (e.g. enum skb_drop_reason) instead of a table typed
 * by hand that drifts across kernels.  The BTF is loaded on first use and
 * kept until exit; the names returned point into it (static storage).
 */
#ifndef TK_BTFENUM_H
#define TK_BTFENUM_H

/* Name of value val of enum enum_name ("skb_drop_reason"), without prefix
 * ("SKB_DROP_REASON_") when it starts with it; NULL when the kernel has no
 * such enum or value. */
const char *tk_btf_enum_name(const char *enum_name, long long val, const char *prefix);

/* Value of the enumerator of enum_name called name, given with or without
 * prefix, case-insensitively.  Returns 0 and sets *val, or -ENOENT (no such
 * enumerator) or -ENODATA (no BTF, or no such enum). */
int tk_btf_enum_value(const char *enum_name, const char *name, const char *prefix,
		      long long *val);

/* Calls fn(name without prefix, value, arg) for each enumerator of
 * enum_name in declaration order.  Returns the count, or -ENODATA. */
int tk_btf_enum_each(const char *enum_name, const char *prefix,
		     void (*fn)(const char *name, long long val, void *arg), void *arg);

#endif
