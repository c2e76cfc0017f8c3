// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* solisten: trace listen() on IPv4 and IPv6 sockets. */
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "inet.h"
#include "solisten.h"
#include "solisten.skel.h"

static bool show_uid, show_netns, ipv4, ipv6;
static unsigned long long netns;
static struct tk_ports ports;

static const struct tk_option options[] = {
	{ "print-uid", 'U', NULL, "Show the UID column", TK_OPT_FLAG, &show_uid },
	{ "show-netns", 0, NULL, "Show the NETNS column", TK_OPT_FLAG, &show_netns },
	{ "netns", 'N', "NETNS", "Only this network namespace (inode, as in /proc/PID/ns/net)",
	  TK_OPT_UINT, &netns, 1, 0xffffffffULL },
	{ "port", 'P', "PORTS", "Only sockets on these local ports: 80,443,8000-8010; repeatable",
	  TK_OPT_CALL, &ports, .parse = tk_parse_ports },
	TK_INET_FAMILY_OPTIONS(ipv4, ipv6),
	{ 0 },
};

#define EV struct solisten_event
TK_INET_ADDR_GETTER(get_addr, EV, t.family, t.saddr)

/* "TCPv4", "TCPv6", "MPTCPv4" ... */
static void get_proto(const void *rec, struct tk_value *v, char *buf)
{
	const EV *e = rec;
	const char *n = tk_ip_proto_name(e->t.protocol);
	int len;

	if (n)
		len = snprintf(buf, TK_FIELD_BUF, "%sv%c", n, e->t.family == TK_AF_INET6 ? '6' : '4');
	else
		len = snprintf(buf, TK_FIELD_BUF, "%uv%c", e->t.protocol,
			       e->t.family == TK_AF_INET6 ? '6' : '4');
	tk_set_raw(v, buf, (size_t)len);
}

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_REL, "time_s", "TIME(s)", 14, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 6, .show = &show_uid, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 7, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD(EV, netns, TK_FT_U32, "netns", "NETNS", 12, .show = &show_netns, .flags = TK_F_LEFT),
	TK_FIELD(EV, ret, TK_FT_S32, "ret", "RET", 4),
	TK_FIELD_GET(get_proto, "proto", "PROTO", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, backlog, TK_FT_S32, "backlog", "BACKLOG", 8, .flags = TK_F_LEFT),
	TK_FIELD(EV, t.sport, TK_FT_U16, "port", "PORT", 5, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_addr, "addr", "ADDR", 0, .flags = TK_F_LEFT),
	{ 0 },
};

static const char *check(void)
{
	return tk_inet_family_check(ipv4, ipv6);
}

static int setup(void *s)
{
	struct solisten_bpf *skel = s;

	tk_ports_copy(&skel->rodata->targ_ports, &ports);
	skel->rodata->targ_family = tk_inet_family(ipv4, ipv6);
	skel->rodata->targ_netns = (__u32)netns;
	return 0;
}

TK_SKELETON(solisten_bpf);

static const struct tk_tool tool = {
	.name = "solisten",
	.summary = "Trace listen() on IPv4 and IPv6 sockets.",
	.doc = "Examples:\n"
	       "  solisten                  # every listen on an IPv4 or IPv6 socket\n"
	       "  solisten -x               # failed listens only\n"
	       "  solisten -P 8000-8099     # on local ports 8000 to 8099\n"
	       "  solisten --show-netns     # with the network namespace\n"
	       "  solisten -N 4026531840    # this network namespace only",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_FAILED | TK_STD_EXTENDED,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
};

TK_TOOL_MAIN(tool)
