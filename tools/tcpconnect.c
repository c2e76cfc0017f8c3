// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tcpconnect: trace active TCP connections (connect) and their outcome. */
#include "tk.h"
#include "inet.h"
#include "tcpconnect.h"
#include "tcpconnect.skel.h"

static bool show_uid, show_lport, ipv4, ipv6, count_mode;
static struct tk_ports dports;

static const struct tk_option options[] = {
	{ "print-uid", 'U', NULL, "Show the UID column", TK_OPT_FLAG, &show_uid },
	{ "lport", 'L', NULL, "Show the LPORT (local port) column", TK_OPT_FLAG, &show_lport },
	{ "port", 'P', "PORTS", "Only these destination ports: 80,443,8000-8010; repeatable",
	  TK_OPT_CALL, &dports, .parse = tk_parse_ports },
	TK_INET_FAMILY_OPTIONS(ipv4, ipv6),
	{ "count", 0, NULL, "Count attempts per address pair and port instead (BCC's -c)",
	  TK_OPT_FLAG, &count_mode },
	{ 0 },
};

#define EV struct tcpconnect_event
TK_INET_IPVER_GETTER(get_ip, EV, t.family)
TK_INET_ADDR_GETTER(get_saddr, EV, t.family, t.saddr)
TK_INET_ADDR_GETTER(get_daddr, EV, t.family, t.daddr)

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_REL, "time_s", "TIME(s)", 14, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 6, .show = &show_uid, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 7, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD_GET(get_ip, "ip", "IP", 2, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_saddr, "saddr", "SADDR", 16, .flags = TK_F_LEFT),
	TK_FIELD(EV, t.sport, TK_FT_U16, "lport", "LPORT", 6, .show = &show_lport,
		 .flags = TK_F_LEFT),
	TK_FIELD_GET(get_daddr, "daddr", "DADDR", 16, .flags = TK_F_LEFT),
	TK_FIELD(EV, t.dport, TK_FT_U16, "dport", "DPORT", 6, .flags = TK_F_LEFT),
	TK_FIELD(EV, err, TK_FT_S32, "err", "ERR", 0),
	{ 0 },
};

/* --count: a row of the counts map. */
struct row {
	struct tcpconnect_key k;
	struct tcpconnect_count v;
};

TK_INET_ADDR_GETTER(get_laddr, struct row, k.family, k.saddr)
TK_INET_ADDR_GETTER(get_raddr, struct row, k.family, k.daddr)

static const struct tk_field count_fields[] = {
	TK_FIELD_GET(get_laddr, "laddr", "LADDR", 25, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_raddr, "raddr", "RADDR", 25, .flags = TK_F_LEFT),
	TK_FIELD(struct row, k.dport, TK_FT_U16, "rport", "RPORT", 6, .flags = TK_F_LEFT),
	TK_FIELD(struct row, v.count, TK_FT_U64, "connects", "CONNECTS", 0),
	{ 0 },
};

static const struct tk_table_spec table = {
	.map = "counts", .type = "connects", .fields = count_fields, .sort = "connects",
	.enable = &count_mode, TK_TABLE_ROW(struct row, k, v),
};

/* connect() failures before SYN_SENT come from these; without them the
 * tool still sees every attempt that reaches SYN_SENT. */
static const char *const optional[] = { "sys_enter_connect", "sys_exit_connect", NULL };

static const char *check(void)
{
	if (tk_std.interval && !count_mode)
		return "INTERVAL needs --count";
	return tk_inet_family_check(ipv4, ipv6);
}

static int setup(void *s)
{
	struct tcpconnect_bpf *skel = s;

	tk_ports_copy(&skel->rodata->targ_dports, &dports);
	skel->rodata->targ_family = tk_inet_family(ipv4, ipv6);
	skel->rodata->cfg_count = count_mode;
	return 0;
}

TK_SKELETON(tcpconnect_bpf);

static const struct tk_tool tool = {
	.name = "tcpconnect",
	.summary = "Trace active TCP connections (connect()) and whether they succeeded.",
	.doc = "Examples:\n"
	       "  tcpconnect                # trace every outgoing TCP connection\n"
	       "  tcpconnect -x             # failed attempts only (refused, timed out)\n"
	       "  tcpconnect -P 80,443 -L   # to ports 80 and 443, with the local port\n"
	       "  tcpconnect -6 -U          # IPv6 only, with the UID\n"
	       "  tcpconnect -p 181 -j      # PID 181, as JSON Lines\n"
	       "  tcpconnect --count 5      # attempts per address pair and port, every 5 s\n"
	       "\nA line appears when the attempt ends: established (ERR 0) or failed\n"
	       "(ERR is the errno connect() reports, e.g. 111 ECONNREFUSED), including\n"
	       "connect() calls refused before a SYN is sent (e.g. 101 ENETUNREACH).",
	.args_doc = "[INTERVAL [COUNT]] (with --count)",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_FAILED | TK_STD_EXTENDED |
	       TK_STD_INTERVAL,
	.options = options,
	.fields = fields,
	.table = &table,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
	.optional = optional,
};

TK_TOOL_MAIN(tool)
