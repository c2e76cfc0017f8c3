// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tcpretrans: trace TCP retransmits (and tail loss probes), or count them. */
#include <string.h>
#include "tk.h"
#include "inet.h"
#include "tcpretrans.h"
#include "tcpretrans.skel.h"

static bool lossprobe, count, ipv4, ipv6;
static struct tk_ports lports, rports;

static const struct tk_option options[] = {
	{ "lossprobe", 'l', NULL, "Also trace tail loss probes (needs fentry or kprobes)",
	  TK_OPT_FLAG, &lossprobe },
	{ "count", 0, NULL, "Count retransmits per connection, print at exit (BCC's -c)",
	  TK_OPT_FLAG, &count },
	TK_INET_PORT_OPTIONS(lports, rports, "connections"),
	TK_INET_FAMILY_OPTIONS(ipv4, ipv6),
	{ 0 },
};

static const char *const kinds[] = { "?", "retransmit", "synack", "tlp" };
static const char *const arrows[] = { "?>", "R>", "S>", "L>" };

static void kind_value(__u32 kind, bool text, struct tk_value *v)
{
	const char *s = text ? arrows[kind < 4 ? kind : 0] : kinds[kind < 4 ? kind : 0];

	tk_set_raw(v, s, strlen(s));
}

#define EV struct tcpretrans_event
TK_INET_IPVER_GETTER(get_ip, EV, t.family)
TK_INET_ADDR_GETTER(get_laddr, EV, t.family, t.saddr)
TK_INET_ADDR_GETTER(get_raddr, EV, t.family, t.daddr)
TK_INET_ENDPOINT_GETTER(get_lend, EV, t.family, t.saddr, t.sport)
TK_INET_ENDPOINT_GETTER(get_rend, EV, t.family, t.daddr, t.dport)

static void get_kind(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	kind_value(((const EV *)rec)->kind, false, v);
}

static void get_arrow(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	kind_value(((const EV *)rec)->kind, true, v);
}

static void get_state(const void *rec, struct tk_value *v, char *buf)
{
	const char *s = tk_tcp_state_name(((const EV *)rec)->state);

	(void)buf;
	tk_set_raw(v, s, strlen(s));
}

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_WALL, "time", "TIME", 8, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_ip, "ip", "IP", 2, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_laddr, "laddr", "LADDR", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, t.sport, TK_FT_U16, "lport", "LPORT", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_lend, "laddr_port", "LADDR:LPORT", 26, .flags = TK_F_LEFT | TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_arrow, "t", "T>", 2, .flags = TK_F_LEFT | TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_kind, "kind", "KIND", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_raddr, "raddr", "RADDR", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, t.dport, TK_FT_U16, "rport", "RPORT", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_rend, "raddr_port", "RADDR:RPORT", 26, .flags = TK_F_LEFT | TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_state, "state", "STATE", 0),
	{ 0 },
};

/* --count: a row of the counts map */
struct row {
	struct tcpretrans_key k;
	__u64 n;
};

#define R struct row
TK_INET_IPVER_GETTER(get_c_ip, R, k.t.family)
TK_INET_ADDR_GETTER(get_c_laddr, R, k.t.family, k.t.saddr)
TK_INET_ADDR_GETTER(get_c_raddr, R, k.t.family, k.t.daddr)
TK_INET_ENDPOINT_GETTER(get_c_lend, R, k.t.family, k.t.saddr, k.t.sport)
TK_INET_ENDPOINT_GETTER(get_c_rend, R, k.t.family, k.t.daddr, k.t.dport)

static void get_c_kind(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	kind_value(((const R *)rec)->k.kind, false, v);
}

static void get_c_arrow(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	kind_value(((const R *)rec)->k.kind, true, v);
}

static const struct tk_field count_fields[] = {
	TK_FIELD_GET(get_c_ip, "ip", "IP", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_c_laddr, "laddr", "LADDR", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(R, k.t.sport, TK_FT_U16, "lport", "LPORT", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_c_lend, "laddr_port", "LADDR:LPORT", 26, .flags = TK_F_LEFT | TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_c_arrow, "t", "T>", 2, .flags = TK_F_LEFT | TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_c_kind, "kind", "KIND", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_c_raddr, "raddr", "RADDR", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(R, k.t.dport, TK_FT_U16, "rport", "RPORT", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_c_rend, "raddr_port", "RADDR:RPORT", 26, .flags = TK_F_LEFT | TK_F_TEXT_ONLY),
	TK_FIELD(R, n, TK_FT_U64, "retransmits", "RETRANSMITS", 0),
	{ 0 },
};

static const struct tk_table_spec table = {
	.map = "counts", .type = "connection", .fields = count_fields, .sort = "retransmits",
	TK_TABLE_ROW(struct row, k, n),
};

static struct tk_tool tool;

static const char *check(void)
{
	if (count) {	/* a summary table in place of events */
		tool.fields = NULL;
		tool.table = &table;
	}
	return tk_inet_family_check(ipv4, ipv6);
}

static int setup(void *s)
{
	struct tcpretrans_bpf *skel = s;

	tk_ports_copy(&skel->rodata->targ_lports, &lports);
	tk_ports_copy(&skel->rodata->targ_rports, &rports);
	skel->rodata->targ_family = tk_inet_family(ipv4, ipv6);
	skel->rodata->cfg_count = count;
	if (!lossprobe)
		tk_probe_disable(skel->obj, "tcp_send_loss_probe");
	return 0;
}

TK_SKELETON(tcpretrans_bpf);

static struct tk_tool tool = {
	.name = "tcpretrans",
	.summary = "Trace TCP retransmits with their connection and state, or count them.",
	.doc = "Examples:\n"
	       "  tcpretrans                # every retransmitted segment\n"
	       "  tcpretrans -l             # and tail loss probes (fentry/kprobes)\n"
	       "  tcpretrans --count        # retransmits per connection, at Ctrl-C\n"
	       "  tcpretrans -D 443 -j      # to remote port 443, as JSON Lines\n"
	       "\nT> is R> for a retransmitted segment, S> for a SYN-ACK, L> for a loss\n"
	       "probe.  PID is the task current at the time, often 0 (a timer).\n"
	       "BCC's -c is --count here (-c is --cgroup).",
	.std = TK_STD_DURATION,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
};

TK_TOOL_MAIN(tool)
