// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tcpaccept: trace accepted TCP connections (accept, accept4). */
#include "tk.h"
#include "inet.h"
#include "tcpaccept.h"
#include "tcpaccept.skel.h"

static bool show_uid, ipv4, ipv6;
static struct tk_ports lports;

static const struct tk_option options[] = {
	{ "print-uid", 'U', NULL, "Show the UID column", TK_OPT_FLAG, &show_uid },
	{ "port", 'P', "PORTS", "Only these local ports: 80,443,8000-8010; repeatable",
	  TK_OPT_CALL, &lports, .parse = tk_parse_ports },
	TK_INET_FAMILY_OPTIONS(ipv4, ipv6),
	{ 0 },
};

#define EV struct tcpaccept_event
TK_INET_IPVER_GETTER(get_ip, EV, t.family)
TK_INET_ADDR_GETTER(get_laddr, EV, t.family, t.saddr)
TK_INET_ADDR_GETTER(get_raddr, EV, t.family, t.daddr)

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_REL, "time_s", "TIME(s)", 14, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 6, .show = &show_uid, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 7, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD_GET(get_ip, "ip", "IP", 2, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_raddr, "raddr", "RADDR", 16, .flags = TK_F_LEFT),
	TK_FIELD(EV, t.dport, TK_FT_U16, "rport", "RPORT", 5, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_laddr, "laddr", "LADDR", 16, .flags = TK_F_LEFT),
	TK_FIELD(EV, t.sport, TK_FT_U16, "lport", "LPORT", 5, .flags = TK_F_LEFT),
	TK_FIELD(EV, fd, TK_FT_S32, "fd", "FD", 0, .flags = TK_F_EXT),
	{ 0 },
};

static const char *const optional[] = { "sys_exit_accept", NULL };	/* accept4 suffices */

static const char *check(void)
{
	return tk_inet_family_check(ipv4, ipv6);
}

static int setup(void *s)
{
	struct tcpaccept_bpf *skel = s;

	tk_ports_copy(&skel->rodata->targ_lports, &lports);
	skel->rodata->targ_family = tk_inet_family(ipv4, ipv6);
	return 0;
}

TK_SKELETON(tcpaccept_bpf);

static const struct tk_tool tool = {
	.name = "tcpaccept",
	.summary = "Trace accepted TCP connections (accept(), accept4()).",
	.doc = "Examples:\n"
	       "  tcpaccept                 # trace every accepted TCP connection\n"
	       "  tcpaccept -P 80,443       # on local ports 80 and 443 only\n"
	       "  tcpaccept -4 -T           # IPv4 only, with timestamps\n"
	       "  tcpaccept -n nginx -e -j  # command nginx, with TID and FD, as JSON\n"
	       "\nPID and COMM are the process that called accept(); connections the\n"
	       "kernel completed but nobody accepted are not shown.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_EXTENDED,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
	.optional = optional,
};

TK_TOOL_MAIN(tool)
