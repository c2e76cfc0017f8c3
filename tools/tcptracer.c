// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tcptracer: trace TCP connects, accepts and closes. */
#include <string.h>
#include "tk.h"
#include "inet.h"
#include "tcptracer.h"
#include "tcptracer.skel.h"

static bool show_uid, ipv4, ipv6;
static unsigned long long netns;

static const struct tk_option options[] = {
	{ "print-uid", 'U', NULL, "Show the UID column", TK_OPT_FLAG, &show_uid },
	{ "netns", 'N', "NETNS", "Only this network namespace (inode, as in /proc/PID/ns/net)",
	  TK_OPT_UINT, &netns, 1, 0xffffffffULL },
	TK_INET_FAMILY_OPTIONS(ipv4, ipv6),
	{ 0 },
};

#define EV struct tcptracer_event
TK_INET_IPVER_GETTER(get_ip, EV, t.family)
TK_INET_ADDR_GETTER(get_saddr, EV, t.family, t.saddr)
TK_INET_ADDR_GETTER(get_daddr, EV, t.family, t.daddr)

static const char *const type_names[] = { "?", "connect", "accept", "close" };

static unsigned int type_index(const void *rec)
{
	const EV *e = rec;

	return e->type < 4 ? e->type : 0;
}

static void get_t(const void *rec, struct tk_value *v, char *buf)
{
	buf[0] = "?CAX"[type_index(rec)];
	tk_set_raw(v, buf, 1);
}

static void get_event(const void *rec, struct tk_value *v, char *buf)
{
	const char *n = type_names[type_index(rec)];

	(void)buf;
	tk_set_raw(v, n, strlen(n));
}

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_REL, "time_s", "TIME(s)", 14, .flags = TK_F_TIME | TK_F_LEFT),
	TK_FIELD_GET(get_t, "t", "T", 1, .flags = TK_F_TEXT_ONLY | TK_F_LEFT),
	TK_FIELD_GET(get_event, "event", "EVENT", 7, .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, uid, TK_FT_U32, "uid", "UID", 6, .show = &show_uid, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT),
	TK_FIELD(EV, tid, TK_FT_U32, "tid", "TID", 7, .flags = TK_F_EXT | TK_F_LEFT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16),
	TK_FIELD_GET(get_ip, "ip", "IP", 2, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_saddr, "saddr", "SADDR", 16, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_daddr, "daddr", "DADDR", 16, .flags = TK_F_LEFT),
	TK_FIELD(EV, t.sport, TK_FT_U16, "sport", "SPORT", 6, .flags = TK_F_LEFT),
	TK_FIELD(EV, t.dport, TK_FT_U16, "dport", "DPORT", 6, .flags = TK_F_LEFT),
	TK_FIELD(EV, netns, TK_FT_U32, "netns", "NETNS", 0, .flags = TK_F_EXT),
	{ 0 },
};

static const char *const optional[] = { "sys_exit_accept", NULL };

static const char *check(void)
{
	return tk_inet_family_check(ipv4, ipv6);
}

static int setup(void *s)
{
	struct tcptracer_bpf *skel = s;

	skel->rodata->targ_family = tk_inet_family(ipv4, ipv6);
	skel->rodata->targ_netns = (__u32)netns;
	return 0;
}

TK_SKELETON(tcptracer_bpf);

static const struct tk_tool tool = {
	.name = "tcptracer",
	.summary = "Trace TCP connects (C), accepts (A) and closes (X).",
	.doc = "Examples:\n"
	       "  tcptracer                 # every established, accepted and closed connection\n"
	       "  tcptracer -p 181 -U       # PID 181, with the UID\n"
	       "  tcptracer -N 4026531840   # this network namespace only\n"
	       "  tcptracer -e -j           # with TID and NETNS, as JSON Lines\n"
	       "\nA close (X) names the process that connected or accepted.",
	.std = TK_STD_FILTERS | TK_STD_DURATION | TK_STD_TIMESTAMP | TK_STD_EXTENDED,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
	.optional = optional,
};

TK_TOOL_MAIN(tool)
