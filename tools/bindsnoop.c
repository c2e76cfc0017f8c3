// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* bindsnoop: trace IPv4 and IPv6 bind() calls. */
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "inet.h"
#include "bindsnoop.h"
#include "bindsnoop.skel.h"

static bool show_uid, ipv4, ipv6;
static struct tk_ports ports;

static const struct tk_option options[] = {
	{ "print-uid", 'U', NULL, "Show the UID column", TK_OPT_FLAG, &show_uid },
	{ "port", 'P', "PORTS", "Only binds to these ports: 80,443,8000-8010; repeatable",
	  TK_OPT_CALL, &ports, .parse = tk_parse_ports },
	TK_INET_FAMILY_OPTIONS(ipv4, ipv6),
	{ 0 },
};

#define EV struct bindsnoop_event
TK_INET_ADDR_GETTER(get_addr, EV, family, addr)

static void get_proto(const void *rec, struct tk_value *v, char *buf)
{
	const EV *e = rec;
	const char *n = tk_ip_proto_name(e->proto);

	if (!n) {
		snprintf(buf, TK_FIELD_BUF, "%u", e->proto);
		n = buf;
	}
	tk_set_raw(v, n, strlen(n));
}

/* F freebind, T transparent, N bind-address-no-port, R reuseaddr,
 * r reuseport; '.' when off. */
static void get_opts(const void *rec, struct tk_value *v, char *buf)
{
	const EV *e = rec;
	static const char letters[] = "FTNRr";

	for (int i = 0; i < 5; i++)
		buf[i] = e->opts & (1 << i) ? letters[i] : '.';
	tk_set_raw(v, buf, 5);
}

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_REL, "time_s", "TIME(s)", 14, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 6, .show = &show_uid, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 7, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD(EV, ret, TK_FT_S32, "ret", "RET", 4),
	TK_FIELD_GET(get_proto, "proto", "PROTO", 5, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_opts, "opts", "OPTS", 5, .flags = TK_F_LEFT),
	TK_FIELD(EV, bound_dev_if, TK_FT_S32, "if", "IF", 3),
	TK_FIELD(EV, port, TK_FT_U16, "port", "PORT", 5),
	TK_FIELD_GET(get_addr, "addr", "ADDR", 0, .flags = TK_F_LEFT),
	{ 0 },
};

static const char *check(void)
{
	return tk_inet_family_check(ipv4, ipv6);
}

static int setup(void *s)
{
	struct bindsnoop_bpf *skel = s;

	tk_ports_copy(&skel->rodata->targ_ports, &ports);
	skel->rodata->targ_family = tk_inet_family(ipv4, ipv6);
	return 0;
}

TK_SKELETON(bindsnoop_bpf);

static const struct tk_tool tool = {
	.name = "bindsnoop",
	.summary = "Trace IPv4 and IPv6 bind() calls.",
	.doc = "Examples:\n"
	       "  bindsnoop                 # every IPv4 and IPv6 bind\n"
	       "  bindsnoop -x              # failed binds only (BCC's -E)\n"
	       "  bindsnoop -P 80,443 -U    # binds to ports 80 and 443, with the UID\n"
	       "  bindsnoop -6 -j           # IPv6 only, as JSON Lines\n"
	       "\nOPTS: F freebind, T transparent, N bind-address-no-port, R reuseaddr,\n"
	       "r reuseport ('.' when off).  RET is 0 or -errno.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_FAILED | TK_STD_EXTENDED,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
};

TK_TOOL_MAIN(tool)
