/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * User-side networking helpers for frontends: address and IP-version
 * fields, the port-list option parser, the -4/-6 options, TCP state names.
 * The record layout they read is in inet_abi.h.
 */
#ifndef TK_INET_H
#define TK_INET_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "tk.h"
#include "inet_abi.h"

/* Longest text of an address ("ffff:...:255.255.255.255" + NUL). */
#define TK_INET_ADDRSTRLEN 46

/*
 * Text of addr (16 bytes as in struct tk_inet_tuple) of family TK_AF_INET
 * ("127.0.0.1") or TK_AF_INET6 ("::1"); any other family gives "?".
 * Writes at most len bytes (len >= TK_INET_ADDRSTRLEN for every address);
 * returns buf.
 */
const char *tk_inet_ntop(__u16 family, const __u8 *addr, char *buf, size_t len);

/* Sets v to the text of addr as a JSON string; buf is the getter's
 * TK_FIELD_BUF scratch. */
void tk_inet_value(__u16 family, const __u8 *addr, struct tk_value *v, char *buf);

/* Sets v to "ADDR:PORT" ("[ADDR]:PORT" for IPv6) as a JSON string, for a
 * text column that joins an address and its port; buf is the getter's
 * TK_FIELD_BUF scratch. */
void tk_inet_endpoint_value(__u16 family, const __u8 *addr, __u16 port, struct tk_value *v,
			    char *buf);

/* Sets v to the IP version of family: 4, 6, or 0 for another family. */
void tk_inet_ipver_value(__u16 family, struct tk_value *v);

/*
 * Defines getter fn for a field table: the address in member addr of
 * record type T, whose family is member fam (members may be nested,
 * e.g. tuple.saddr).  Use with TK_FIELD_GET(fn, ...).
 */
#define TK_INET_ADDR_GETTER(fn, T, fam, addr) \
	static void fn(const void *rec, struct tk_value *v, char *buf) \
	{ const T *r_ = rec; tk_inet_value(r_->fam, r_->addr, v, buf); }

/* Defines getter fn: "ADDR:PORT" of address member addr and port member
 * port of T, whose family is member fam. */
#define TK_INET_ENDPOINT_GETTER(fn, T, fam, addr, port) \
	static void fn(const void *rec, struct tk_value *v, char *buf) \
	{ const T *r_ = rec; tk_inet_endpoint_value(r_->fam, r_->addr, r_->port, v, buf); }

/* Defines getter fn: the IP version (4 or 6) of family member fam of T. */
#define TK_INET_IPVER_GETTER(fn, T, fam) \
	static void fn(const void *rec, struct tk_value *v, char *buf) \
	{ const T *r_ = rec; (void)buf; tk_inet_ipver_value(r_->fam, v); }

/*
 * TK_OPT_CALL parser of a port list: "80", "80,443", "8000-8010" and
 * combinations, ports 0..65535.  dest is a struct tk_ports *; ports are
 * added to it, so the option may be repeated.  Returns NULL, or a message
 * for the user.
 */
const char *tk_parse_ports(const char *arg, void *dest);

/* Copies a parsed port set into a program's .rodata (setup hook). */
void tk_ports_copy(volatile struct tk_ports *dst, const struct tk_ports *src);

/* The -4/--ipv4 and -6/--ipv6 entries of an options table, setting the
 * bools v4 and v6. */
#define TK_INET_FAMILY_OPTIONS(v4, v6) \
	{ "ipv4", '4', NULL, "IPv4 only", TK_OPT_FLAG, &(v4) }, \
	{ "ipv6", '6', NULL, "IPv6 only", TK_OPT_FLAG, &(v6) }

/* -L/--localport and -D/--remoteport PORTS filters into struct tk_ports lp
 * and rp (BCC tcplife's letters); what names the things filtered
 * ("connections", "sockets"). */
#define TK_INET_PORT_OPTIONS(lp, rp, what) \
	{ "localport", 'L', "PORTS", "Only " what " with these local ports: 22,8000-8010", \
	  TK_OPT_CALL, &(lp), .parse = tk_parse_ports }, \
	{ "remoteport", 'D', "PORTS", "Only " what " with these remote ports", \
	  TK_OPT_CALL, &(rp), .parse = tk_parse_ports }

/* For a check hook: NULL, or a message when both -4 and -6 are given. */
const char *tk_inet_family_check(bool v4, bool v6);

/* The family -4/-6 select: TK_AF_INET, TK_AF_INET6, or 0 for both. */
__u16 tk_inet_family(bool v4, bool v6);

/* Name of TCP state state ("ESTABLISHED", "SYN_SENT", ...), or "UNKNOWN".
 * Static storage. */
const char *tk_tcp_state_name(int state);

/* Name of IP protocol proto ("TCP", "UDP", ...), or NULL when unknown. */
const char *tk_ip_proto_name(int proto);

#endif
