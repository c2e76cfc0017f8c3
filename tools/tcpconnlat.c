// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tcpconnlat: trace TCP active-open (connect) latency. */
#include <stdio.h>
#include "tk.h"
#include "inet.h"
#include "opts.h"
#include "tcpconnlat.h"
#include "tcpconnlat.skel.h"

static bool show_lport, ipv4, ipv6;
static unsigned long long min_us;
static struct tk_ports dports;

/* MS: BCC's minimum latency in whole milliseconds, into *(unsigned long long
 * *)dest as microseconds. */
static const char *parse_min_ms(const char *arg, void *dest)
{
	static char msg[128];
	unsigned long long ms;

	if (tk_parse_uint(arg, 0, 3600000, &ms)) {
		snprintf(msg, sizeof(msg), "invalid MIN_MS '%.40s': whole milliseconds, 0-3600000 "
			 "(--min-us for finer)", arg);
		return msg;
	}
	*(unsigned long long *)dest = ms * 1000;
	return NULL;
}

static const struct tk_option options[] = {
	{ "lport", 'L', NULL, "Show the LPORT (local port) column", TK_OPT_FLAG, &show_lport },
	{ "port", 'P', "PORTS", "Only these destination ports: 80,443,8000-8010; repeatable",
	  TK_OPT_CALL, &dports, .parse = tk_parse_ports },
	{ "min-ms", 'm', "MS", "Only connections slower than MS milliseconds (as MIN_MS)",
	  TK_OPT_CALL, &min_us, .parse = parse_min_ms },
	{ "min-us", 0, "US", "Only connections slower than US microseconds", TK_OPT_UINT, &min_us,
	  0, 3600000000ULL },
	TK_INET_FAMILY_OPTIONS(ipv4, ipv6),
	{ 0 },
};

/* [MIN_MS]: BCC's minimum latency in milliseconds, the same as -m. */
static const char *positional(const char *arg, int index)
{
	static char msg[128];

	if (index > 0) {
		snprintf(msg, sizeof(msg), "unexpected argument '%.40s' (only MIN_MS)", arg);
		return msg;
	}
	return parse_min_ms(arg, &min_us);
}

#define EV struct tcpconnlat_event
TK_INET_IPVER_GETTER(get_ip, EV, t.family)
TK_INET_ADDR_GETTER(get_saddr, EV, t.family, t.saddr)
TK_INET_ADDR_GETTER(get_daddr, EV, t.family, t.daddr)

/* JSON: milliseconds as a number, to the nanosecond. */
static void get_lat(const void *rec, struct tk_value *v, char *buf)
{
	const EV *e = rec;

	(void)buf;
	v->kind = TK_V_DOUBLE;
	v->d = (double)e->lat_ns / 1e6;
}

/* Text: milliseconds with two decimals, as BCC prints them. */
static void get_lat_text(const void *rec, struct tk_value *v, char *buf)
{
	const EV *e = rec;
	int n = snprintf(buf, TK_FIELD_BUF, "%.2f", (double)e->lat_ns / 1e6);

	tk_set_raw(v, buf, (size_t)n);
}

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_REL, "time_s", "TIME(s)", 14, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 7, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD_GET(get_ip, "ip", "IP", 2, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_saddr, "saddr", "SADDR", 16, .flags = TK_F_LEFT),
	TK_FIELD(EV, t.sport, TK_FT_U16, "lport", "LPORT", 6, .show = &show_lport,
		 .flags = TK_F_LEFT),
	TK_FIELD_GET(get_daddr, "daddr", "DADDR", 16, .flags = TK_F_LEFT),
	TK_FIELD(EV, t.dport, TK_FT_U16, "dport", "DPORT", 5, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_lat_text, "lat_ms", "LAT(ms)", 0, .flags = TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_lat, "lat_ms", "LAT(ms)", 0, .flags = TK_F_JSON_ONLY),
	{ 0 },
};

static const char *check(void)
{
	return tk_inet_family_check(ipv4, ipv6);
}

static int setup(void *s)
{
	struct tcpconnlat_bpf *skel = s;

	tk_ports_copy(&skel->rodata->targ_dports, &dports);
	skel->rodata->targ_family = tk_inet_family(ipv4, ipv6);
	skel->rodata->targ_min_ns = min_us * 1000;
	return 0;
}

TK_SKELETON(tcpconnlat_bpf);

static const struct tk_tool tool = {
	.name = "tcpconnlat",
	.summary = "Trace TCP connect latency: SYN sent to connection established.",
	.doc = "Examples:\n"
	       "  tcpconnlat                # every established outgoing connection\n"
	       "  tcpconnlat 10             # slower than 10 ms only\n"
	       "  tcpconnlat -m 10          # the same\n"
	       "  tcpconnlat --min-us 500   # slower than 500 us only\n"
	       "  tcpconnlat -L -P 443      # to port 443, with the local port\n"
	       "\nFailed attempts are not shown (tcpconnect shows them).",
	.args_doc = "[MIN_MS]",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_EXTENDED,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
	.positional = positional,
};

TK_TOOL_MAIN(tool)
