// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tcplife: TCP connection lifespans with bytes sent and received. */
#include <stdio.h>
#include "tk.h"
#include "inet.h"
#include "tcplife.h"
#include "tcplife.skel.h"

static bool wide, narrow = true, ipv4, ipv6;
static struct tk_ports lports, rports;

static const struct tk_option options[] = {
	TK_INET_PORT_OPTIONS(lports, rports, "connections"),
	{ "wide", 'w', NULL, "Wide columns (fit IPv6 addresses), with the IP version",
	  TK_OPT_FLAG, &wide },
	TK_INET_FAMILY_OPTIONS(ipv4, ipv6),
	{ 0 },
};

#define EV struct tcplife_event
TK_INET_IPVER_GETTER(get_ip, EV, t.family)
TK_INET_ADDR_GETTER(get_laddr, EV, t.family, t.saddr)
TK_INET_ADDR_GETTER(get_raddr, EV, t.family, t.daddr)

/* Text: kibibytes, as BCC prints them; JSON carries the exact bytes. */
static void get_tx_kb(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_uint(v, ((const EV *)rec)->tx_bytes / 1024);
}

static void get_rx_kb(const void *rec, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_uint(v, ((const EV *)rec)->rx_bytes / 1024);
}

/* MS: milliseconds with two decimals in text, a number in JSON. */
static void get_ms(const void *rec, struct tk_value *v, char *buf)
{
	int n = snprintf(buf, TK_FIELD_BUF, "%.2f", ((const EV *)rec)->span_ns / 1e6);

	tk_set_raw(v, buf, (size_t)n);
}

#define ADDR_FIELD(fn, k, hdr) \
	TK_FIELD_GET(fn, k, hdr, 15, .flags = TK_F_LEFT, .show = &narrow), \
	TK_FIELD_GET(fn, k, hdr, 39, .flags = TK_F_LEFT | TK_F_TEXT_ONLY, .show = &wide)

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_WALL, "time", "TIME", 8, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD_GET(get_ip, "ip", "IP", 2, .flags = TK_F_LEFT, .show = &wide),
	ADDR_FIELD(get_laddr, "laddr", "LADDR"),
	TK_FIELD(EV, t.sport, TK_FT_U16, "lport", "LPORT", 5, .flags = TK_F_LEFT),
	ADDR_FIELD(get_raddr, "raddr", "RADDR"),
	TK_FIELD(EV, t.dport, TK_FT_U16, "rport", "RPORT", 5, .flags = TK_F_LEFT),
	TK_FIELD(EV, tx_bytes, TK_FT_U64, "tx_bytes", "TX", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, rx_bytes, TK_FT_U64, "rx_bytes", "RX", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_tx_kb, "tx_kb", "TX_KB", 5, .flags = TK_F_RIGHT | TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_rx_kb, "rx_kb", "RX_KB", 5, .flags = TK_F_RIGHT | TK_F_TEXT_ONLY),
	TK_FIELD(EV, span_ns, TK_FT_U64, "span_ns", "SPAN", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_ms, "ms", "MS", 0, .flags = TK_F_TEXT_ONLY),
	{ 0 },
};

static const char *check(void)
{
	narrow = !wide;
	return tk_inet_family_check(ipv4, ipv6);
}

static int setup(void *s)
{
	struct tcplife_bpf *skel = s;

	tk_ports_copy(&skel->rodata->targ_lports, &lports);
	tk_ports_copy(&skel->rodata->targ_rports, &rports);
	skel->rodata->targ_family = tk_inet_family(ipv4, ipv6);
	return 0;
}

static const char *const optional[] = { "sock_send_length", "sock_recv_length", NULL };

TK_SKELETON(tcplife_bpf);

static const struct tk_tool tool = {
	.name = "tcplife",
	.summary = "Trace TCP connection lifespans: who, where, bytes each way, how long.",
	.doc = "Examples:\n"
	       "  tcplife                   # every TCP connection as it closes\n"
	       "  tcplife -L 80,443         # local port 80 or 443 (a server's side)\n"
	       "  tcplife -D 5432 -w        # to remote port 5432, wide columns\n"
	       "  tcplife -6 -p 181 -j      # IPv6, process 181, as JSON Lines\n"
	       "\nA line appears when a connection closes; connections opened before\n"
	       "tcplife started are not shown.  TX_KB/RX_KB are KiB acked/received.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
	.optional = optional,
};

TK_TOOL_MAIN(tool)
