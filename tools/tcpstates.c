// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tcpstates: trace TCP state changes with the time spent in each state. */
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "inet.h"
#include "tcpstates.h"
#include "tcpstates.skel.h"

static bool wide, narrow = true, ipv4, ipv6;
static struct tk_ports lports, rports;

static const struct tk_option options[] = {
	TK_INET_PORT_OPTIONS(lports, rports, "sockets"),
	{ "wide", 'w', NULL, "Wide columns (fit IPv6 addresses), with the IP version",
	  TK_OPT_FLAG, &wide },
	TK_INET_FAMILY_OPTIONS(ipv4, ipv6),
	{ 0 },
};

#define EV struct tcpstates_event
TK_INET_IPVER_GETTER(get_ip, EV, t.family)
TK_INET_ADDR_GETTER(get_laddr, EV, t.family, t.saddr)
TK_INET_ADDR_GETTER(get_raddr, EV, t.family, t.daddr)

/* The socket's address in hex, text and JSON alike. */
static void get_skaddr(const void *rec, struct tk_value *v, char *buf)
{
	int n = snprintf(buf, TK_FIELD_BUF, "%llx", (unsigned long long)((const EV *)rec)->skaddr);

	tk_set_raw(v, buf, (size_t)n);
}

static void get_old(const void *rec, struct tk_value *v, char *buf)
{
	const char *s = tk_tcp_state_name(((const EV *)rec)->oldstate);

	(void)buf;
	tk_set_raw(v, s, strlen(s));
}

static void get_new(const void *rec, struct tk_value *v, char *buf)
{
	const char *s = tk_tcp_state_name(((const EV *)rec)->newstate);

	(void)buf;
	tk_set_raw(v, s, strlen(s));
}

static void get_arrow(const void *rec, struct tk_value *v, char *buf)
{
	(void)rec;
	(void)buf;
	tk_set_raw(v, "->", 2);
}

/* MS: milliseconds in the old state, three decimals (text). */
static void get_ms(const void *rec, struct tk_value *v, char *buf)
{
	int n = snprintf(buf, TK_FIELD_BUF, "%.3f", ((const EV *)rec)->delta_ns / 1e6);

	tk_set_raw(v, buf, (size_t)n);
}

#define ADDR_FIELD(fn, k, hdr) \
	TK_FIELD_GET(fn, k, hdr, 15, .flags = TK_F_LEFT, .show = &narrow), \
	TK_FIELD_GET(fn, k, hdr, 39, .flags = TK_F_LEFT | TK_F_TEXT_ONLY, .show = &wide)

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_WALL, "time", "TIME", 8, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD_GET(get_skaddr, "skaddr", "SKADDR", 16, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "c_pid", "C-PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "c_comm", "C-COMM", 16),
	TK_FIELD_GET(get_ip, "ip", "IP", 2, .flags = TK_F_LEFT, .show = &wide),
	ADDR_FIELD(get_laddr, "laddr", "LADDR"),
	TK_FIELD(EV, t.sport, TK_FT_U16, "lport", "LPORT", 5, .flags = TK_F_LEFT),
	ADDR_FIELD(get_raddr, "raddr", "RADDR"),
	TK_FIELD(EV, t.dport, TK_FT_U16, "rport", "RPORT", 5, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_old, "oldstate", "OLDSTATE", 11, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_arrow, "arrow", "->", 2, .flags = TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_new, "newstate", "NEWSTATE", 11, .flags = TK_F_LEFT),
	TK_FIELD(EV, delta_ns, TK_FT_U64, "delta_ns", "DELTA", 0, .flags = TK_F_JSON_ONLY),
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
	struct tcpstates_bpf *skel = s;

	tk_ports_copy(&skel->rodata->targ_lports, &lports);
	tk_ports_copy(&skel->rodata->targ_rports, &rports);
	skel->rodata->targ_family = tk_inet_family(ipv4, ipv6);
	return 0;
}

TK_SKELETON(tcpstates_bpf);

static const struct tk_tool tool = {
	.name = "tcpstates",
	.summary = "Trace TCP state changes and the time spent in each state.",
	.doc = "Examples:\n"
	       "  tcpstates                 # every TCP state change\n"
	       "  tcpstates -L 80 -T        # sockets on local port 80, with the time\n"
	       "  tcpstates -D 443 -6 -w    # IPv6 to remote port 443, wide columns\n"
	       "\nC-PID and C-COMM are the task the kernel ran in: the process itself\n"
	       "for connect(), close() and shutdown(), often another one (or none)\n"
	       "for changes caused by packets.  MS is 0 when the previous change of\n"
	       "the socket was not seen.",
	.std = TK_STD_DURATION | TK_STD_TIMESTAMP,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
};

TK_TOOL_MAIN(tool)
