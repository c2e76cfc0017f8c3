// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tcprtt: histograms of TCP smoothed round-trip times, per address or port. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "inet.h"
#include "tcprtt.h"
#include "tcprtt.skel.h"

static bool msecs, by_laddr, by_raddr, by_lport, by_rport, ipv4, ipv6;
static struct tk_ports lports, rports;
static struct tcprtt_addr laddr, raddr;

/* -a/-A ADDR: an IPv4 or IPv6 address. */
static const char *parse_addr(const char *arg, void *dest)
{
	struct tcprtt_addr *a = dest;

	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, arg, a->addr) == 1)
		a->family = TK_AF_INET;
	else if (inet_pton(AF_INET6, arg, a->addr) == 1)
		a->family = TK_AF_INET6;
	else
		return "expected an IPv4 or IPv6 address (10.0.0.1, fd00::1)";
	return NULL;
}

static const struct tk_option options[] = {
	{ "laddr", 'a', "ADDR", "Only connections with this local address", TK_OPT_CALL, &laddr,
	  .parse = parse_addr },
	{ "raddr", 'A', "ADDR", "Only connections with this remote address", TK_OPT_CALL, &raddr,
	  .parse = parse_addr },
	TK_INET_PORT_OPTIONS(lports, rports, "connections"),
	{ "byladdr", 'b', NULL, "A histogram per local address", TK_OPT_FLAG, &by_laddr },
	{ "byraddr", 'B', NULL, "A histogram per remote address", TK_OPT_FLAG, &by_raddr },
	{ "bylport", 0, NULL, "A histogram per local port", TK_OPT_FLAG, &by_lport },
	{ "byrport", 0, NULL, "A histogram per remote port", TK_OPT_FLAG, &by_rport },
	{ "milliseconds", 'm', NULL, "Histogram in milliseconds (default: microseconds)",
	  TK_OPT_FLAG, &msecs },
	TK_INET_FAMILY_OPTIONS(ipv4, ipv6),
	{ 0 },
};

#define ROW struct tk_hist_row
#define KEY struct tcprtt_key

static void key_addr(const void *row, bool local, struct tk_value *v, char *buf)
{
	const KEY *k = tk_hist_row_key(row);

	tk_inet_value(k->family, local ? k->laddr : k->raddr, v, buf);
}

static void get_laddr(const void *row, struct tk_value *v, char *buf)
{
	key_addr(row, true, v, buf);
}

static void get_raddr(const void *row, struct tk_value *v, char *buf)
{
	key_addr(row, false, v, buf);
}

/* The mean in the histogram's unit (the sum is in microseconds). */
static unsigned long long mean(const ROW *r)
{
	return r->count ? r->sum / r->count / (msecs ? 1000 : 1) : 0;
}

static void get_avg(const void *row, struct tk_value *v, char *buf)
{
	(void)buf;
	tk_set_uint(v, mean(row));
}

static const struct tk_field row_fields[] = {
	TK_FIELD_GET(get_laddr, "laddr", "LADDR", 0, .show = &by_laddr, .flags = TK_F_SHOW_JSON),
	TK_FIELD_GET(get_raddr, "raddr", "RADDR", 0, .show = &by_raddr, .flags = TK_F_SHOW_JSON),
	TK_HIST_KEY_FIELD(KEY, lport, TK_FT_U16, "lport", "LPORT", .show = &by_lport,
			  .flags = TK_F_SHOW_JSON),
	TK_HIST_KEY_FIELD(KEY, rport, TK_FT_U16, "rport", "RPORT", .show = &by_rport,
			  .flags = TK_F_SHOW_JSON),
	TK_FIELD(ROW, count, TK_FT_U64, "count", "COUNT", 0),
	TK_FIELD_GET(get_avg, "avg", "AVG", 0),
	{ 0 },
};

/* "laddr 10.0.0.1, rport 443: 12 samples, avg 250 usecs" (the average with -e) */
static bool row_label(const void *row, char *label, size_t len)
{
	const KEY *k = tk_hist_row_key(row);
	char a[TK_INET_ADDRSTRLEN];
	size_t n = 0;

#define ADD(...) n += (size_t)snprintf(label + n, n < len ? len - n : 0, __VA_ARGS__)
	if (by_laddr)
		ADD("%sladdr %s", n ? ", " : "", tk_inet_ntop(k->family, k->laddr, a, sizeof(a)));
	if (by_raddr)
		ADD("%sraddr %s", n ? ", " : "", tk_inet_ntop(k->family, k->raddr, a, sizeof(a)));
	if (by_lport)
		ADD("%slport %u", n ? ", " : "", k->lport);
	if (by_rport)
		ADD("%srport %u", n ? ", " : "", k->rport);
	if (!n)
		ADD("all connections");
	if (tk_std.extended)
		ADD(": %llu samples, avg %llu %s", (unsigned long long)((const ROW *)row)->count,
		    mean(row), msecs ? "msecs" : "usecs");
#undef ADD
	return true;
}

static struct tk_hist_spec hist = {
	.map = "hists",
	.unit = "usecs",
	.row_label = row_label,
	.row_fields = row_fields,
	.order = TK_HIST_BY_KEY,
};

static const char *check(void)
{
	return tk_inet_family_check(ipv4, ipv6);
}

static int setup(void *s)
{
	struct tcprtt_bpf *skel = s;

	tk_ports_copy(&skel->rodata->targ_lports, &lports);
	tk_ports_copy(&skel->rodata->targ_rports, &rports);
	memcpy((void *)&skel->rodata->targ_laddr, &laddr, sizeof(laddr));
	memcpy((void *)&skel->rodata->targ_raddr, &raddr, sizeof(raddr));
	skel->rodata->targ_family = tk_inet_family(ipv4, ipv6);
	skel->rodata->cfg_msecs = msecs;
	skel->rodata->cfg_by_laddr = by_laddr;
	skel->rodata->cfg_by_raddr = by_raddr;
	skel->rodata->cfg_by_lport = by_lport;
	skel->rodata->cfg_by_rport = by_rport;
	hist.unit = msecs ? "msecs" : "usecs";
	return 0;
}

TK_SKELETON(tcprtt_bpf);

static const struct tk_tool tool = {
	.name = "tcprtt",
	.summary = "Summarize TCP smoothed round-trip times as histograms.",
	.doc = "Examples:\n"
	       "  tcprtt                    # one histogram at Ctrl-C\n"
	       "  tcprtt -B -e 1 5          # per remote address, with averages, 1 s x 5\n"
	       "  tcprtt -A 10.0.0.7 -m     # to 10.0.0.7 only, in milliseconds\n"
	       "  tcprtt --bylport -L 443   # per local port, port 443\n"
	       "\nOne sample per segment an established connection receives (its srtt).\n"
	       "BCC's -p/-P LPORT/RPORT are -L/-D here (-p is the PID filter).",
	.args_doc = "[INTERVAL [COUNT]]",
	.std = TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_EXTENDED | TK_STD_INTERVAL,
	.options = options,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
	.hist = &hist,
};

TK_TOOL_MAIN(tool)
