// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tcptop: top TCP connections by throughput, refreshed every interval. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tk.h"
#include "inet.h"
#include "tcptop.h"
#include "tcptop.skel.h"

static bool noclear, clear, ipv4, ipv6;
static struct tk_table_spec table;

/* --sort KEY: what the rows are ordered by, largest first. */
static const char *parse_sort(const char *arg, void *dest)
{
	(void)dest;
	if (!strcmp(arg, "all") || !strcmp(arg, "total"))
		table.sort = "total_bytes";
	else if (!strcmp(arg, "received") || !strcmp(arg, "rx"))
		table.sort = "rx_bytes";
	else if (!strcmp(arg, "sent") || !strcmp(arg, "tx"))
		table.sort = "tx_bytes";
	else
		return "expected all (or total), received (or rx), sent (or tx)";
	return NULL;
}

static const struct tk_option options[] = {
	{ "noclear", 'C', NULL, "Do not clear the screen between intervals",
	  TK_OPT_FLAG, &noclear },
	{ "sort", 's', "KEY", "Order by all (sent + received, default), received or sent",
	  TK_OPT_CALL, NULL, .parse = parse_sort },
	{ "rows", 'r', "N", "Print the N busiest connections only (default 20)",
	  TK_OPT_UINT, &table.top, 1, 1000000 },
	TK_INET_FAMILY_OPTIONS(ipv4, ipv6),
	{ 0 },
};

struct row {
	struct tcptop_key k;
	struct tcptop_value v;
};

#define R struct row
TK_INET_IPVER_GETTER(get_ip, R, k.t.family)
TK_INET_ADDR_GETTER(get_laddr, R, k.t.family, k.t.saddr)
TK_INET_ADDR_GETTER(get_raddr, R, k.t.family, k.t.daddr)

TK_INET_ENDPOINT_GETTER(get_lend, R, k.t.family, k.t.saddr, k.t.sport)
TK_INET_ENDPOINT_GETTER(get_rend, R, k.t.family, k.t.daddr, k.t.dport)

static void get_rx_kb(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_uint(v, ((const R *)rec)->v.rx_bytes / 1024);
}

static void get_tx_kb(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_uint(v, ((const R *)rec)->v.tx_bytes / 1024);
}

static void get_total(const void *rec, struct tk_value *v, char *buf)
{
	const R *r = rec;

	(void)buf;
	tk_set_uint(v, r->v.rx_bytes + r->v.tx_bytes);
}

static const struct tk_field fields[] = {
	TK_FIELD(R, k.pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(R, v.comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD_GET(get_ip, "ip", "IP", 2, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_laddr, "laddr", "LADDR", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(R, k.t.sport, TK_FT_U16, "lport", "LPORT", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_raddr, "raddr", "RADDR", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(R, k.t.dport, TK_FT_U16, "rport", "RPORT", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_lend, "laddr_port", "LADDR", 26, .flags = TK_F_LEFT | TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_rend, "raddr_port", "RADDR", 26, .flags = TK_F_LEFT | TK_F_TEXT_ONLY),
	TK_FIELD(R, v.rx_bytes, TK_FT_U64, "rx_bytes", "RX", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(R, v.tx_bytes, TK_FT_U64, "tx_bytes", "TX", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_total, "total_bytes", "TOTAL", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_rx_kb, "rx_kb", "RX_KB", 6, .flags = TK_F_RIGHT | TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_tx_kb, "tx_kb", "TX_KB", 6, .flags = TK_F_RIGHT | TK_F_TEXT_ONLY),
	{ 0 },
};

static struct tk_table_spec table = {
	.map = "counts", .type = "connection", .fields = fields, .sort = "total_bytes",
	.top = 20, .clear = &clear, TK_TABLE_ROW(struct row, k, v),
};

static const char *check(void)
{
	if (!tk_std.interval)
		tk_std.interval = 1;
	clear = !noclear && !tk_std.json && isatty(STDOUT_FILENO);
	return tk_inet_family_check(ipv4, ipv6);
}

static int setup(void *s)
{
	struct tcptop_bpf *skel = s;

	skel->rodata->targ_family = tk_inet_family(ipv4, ipv6);
	return 0;
}

TK_SKELETON(tcptop_bpf);

static const struct tk_tool tool = {
	.name = "tcptop",
	.summary = "Top TCP connections by bytes sent and received, refreshed every interval.",
	.doc = "Examples:\n"
	       "  tcptop                    # every second, clearing the screen\n"
	       "  tcptop -C 5 3             # every 5 s, 3 times, without clearing\n"
	       "  tcptop -s received -r 5   # the 5 connections receiving most\n"
	       "  tcptop -p 181 -j          # PID 181, one JSON record per connection\n"
	       "\nINTERVAL defaults to 1 second.  Bytes are what send and receive calls\n"
	       "returned (payload), per process and connection.",
	.args_doc = "[INTERVAL [COUNT]]",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_INTERVAL,
	.options = options,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
	.table = &table,
};

TK_TOOL_MAIN(tool)
