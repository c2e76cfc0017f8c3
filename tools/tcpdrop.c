// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* tcpdrop: TCP packets dropped by the kernel, with the reason and stack. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "tk.h"
#include "btfenum.h"
#include "inet.h"
#include "stack.h"
#include "sym.h"
#include "tcpdrop.h"
#include "tcpdrop.skel.h"

#define REASON_ENUM "skb_drop_reason"
#define REASON_PREFIX "SKB_DROP_REASON_"

static bool no_stack, show_stack = true, ipv4, ipv6;
static struct tk_ports ports;
static const char *reason_arg;
static __u64 reasons[TCPDROP_REASONS / 64];

static void print_reason(const char *name, long long val, void *arg)
{
	(void)arg;
	printf("%lld %s\n", val, name);
}

/* --list-reasons: this kernel's drop reasons, from its BTF. */
static const char *list_reasons(const char *arg, void *dest)
{
	(void)arg;
	(void)dest;
	if (tk_btf_enum_each(REASON_ENUM, REASON_PREFIX, print_reason, NULL) < 0)
		return "this kernel's BTF has no enum skb_drop_reason (Linux 5.17 and later)";
	return NULL;
}

static const struct tk_option options[] = {
	{ "reason", 'R', "NAMES", "Only these drop reasons: NO_SOCKET,TCP_CSUM (see --list-reasons)",
	  TK_OPT_STR, &reason_arg },
	{ "list-reasons", 0, NULL, "List this kernel's drop reasons and exit",
	  TK_OPT_SERVE, NULL, .parse = list_reasons },
	{ "port", 'P', "PORTS", "Only packets from or to these ports: 80,443,8000-8010",
	  TK_OPT_CALL, &ports, .parse = tk_parse_ports },
	{ "no-stack", 0, NULL, "Do not print the kernel stack", TK_OPT_FLAG, &no_stack },
	TK_INET_FAMILY_OPTIONS(ipv4, ipv6),
	{ 0 },
};

#define EV struct tcpdrop_event
TK_INET_IPVER_GETTER(get_ip, EV, t.family)
TK_INET_ADDR_GETTER(get_saddr, EV, t.family, t.saddr)
TK_INET_ADDR_GETTER(get_daddr, EV, t.family, t.daddr)
TK_INET_ENDPOINT_GETTER(get_send, EV, t.family, t.saddr, t.sport)
TK_INET_ENDPOINT_GETTER(get_dend, EV, t.family, t.daddr, t.dport)

static void get_arrow(const void *rec, struct tk_value *v, char *buf)
{
	(void)rec;
	(void)buf;
	tk_set_raw(v, ">", 1);
}

static void get_state(const void *rec, struct tk_value *v, char *buf)
{
	int s = ((const EV *)rec)->state;
	const char *n = s < 0 ? "-" : tk_tcp_state_name(s);

	(void)buf;
	tk_set_raw(v, n, strlen(n));
}

/* "SYN|ACK", as BCC prints them. */
static void get_flags(const void *rec, struct tk_value *v, char *buf)
{
	static const char *const names[] = { "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR" };
	__u8 f = ((const EV *)rec)->flags;
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < 8; i++)
		if (f & (1 << i))
			n += (size_t)snprintf(buf + n, TK_FIELD_BUF - n, "%s%s", n ? "|" : "", names[i]);
	tk_set_raw(v, n ? buf : "-", n ? n : 1);
}

static void get_reason(const void *rec, struct tk_value *v, char *buf)
{
	__u32 r = ((const EV *)rec)->reason;
	const char *n = tk_btf_enum_name(REASON_ENUM, r, REASON_PREFIX);

	if (!n)
		n = buf, snprintf(buf, TK_FIELD_BUF, "%u", r);
	tk_set_raw(v, n, strlen(n));
}

/* The dropping function, "tcp_v4_rcv+0x5c2". */
static void get_location(const void *rec, struct tk_value *v, char *buf)
{
	static struct tk_sym *sym;
	struct tk_frame f;

	if (!sym)
		sym = tk_sym__new(NULL);
	if (sym && !tk_sym__kernel(sym, ((const EV *)rec)->location, &f) && f.sym)
		snprintf(buf, TK_FIELD_BUF, "%s+0x%llx", f.sym, f.off);
	else
		snprintf(buf, TK_FIELD_BUF, "0x%llx", (unsigned long long)((const EV *)rec)->location);
	tk_set_str(v, buf, strlen(buf));
}

static const struct tk_field fields[] = {
	TK_FIELD(EV, ts, TK_FT_TS_WALL, "time", "TIME", 8, .flags = TK_F_LEFT),
	TK_FIELD(EV, pid, TK_FT_U32, "pid", "PID", 7, .flags = TK_F_LEFT | TK_F_EXT),
	TK_FIELD(EV, comm, TK_FT_STR, "comm", "COMM", 16, .flags = TK_F_EXT),
	TK_FIELD_GET(get_ip, "ip", "IP", 2, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_saddr, "saddr", "SADDR", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, t.sport, TK_FT_U16, "sport", "SPORT", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_daddr, "daddr", "DADDR", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD(EV, t.dport, TK_FT_U16, "dport", "DPORT", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_GET(get_send, "saddr_port", "SADDR:SPORT", 21, .flags = TK_F_LEFT | TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_arrow, "arrow", ">", 1, .flags = TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_dend, "daddr_port", "DADDR:DPORT", 21, .flags = TK_F_LEFT | TK_F_TEXT_ONLY),
	TK_FIELD_GET(get_state, "state", "STATE", 11, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_flags, "flags", "FLAGS", 9, .flags = TK_F_LEFT),
	TK_FIELD_GET(get_reason, "reason", "REASON", 0),
	TK_FIELD_GET(get_location, "location", "LOCATION", 0, .flags = TK_F_JSON_ONLY),
	TK_FIELD_STACK(EV, kstack, TK_FT_KSTACK, pid, "kstack", &show_stack),
	{ 0 },
};

/* --reason: names (with or without SKB_DROP_REASON_, any case), checked
 * against this kernel's BTF. */
static const char *check(void)
{
	static char msg[160];
	char list[512], *save = NULL;
	int names = 0;

	show_stack = !no_stack;
	if (reason_arg) {
		snprintf(list, sizeof(list), "%s", reason_arg);
		for (char *n = strtok_r(list, ",", &save); n; n = strtok_r(NULL, ",", &save)) {
			long long val;
			int err = tk_btf_enum_value(REASON_ENUM, n, REASON_PREFIX, &val);

			if (err == -ENODATA)
				return "--reason: the kernel's BTF has no enum skb_drop_reason";
			if (err || val < 0 || val >= TCPDROP_REASONS) {
				snprintf(msg, sizeof(msg), "--reason: unknown drop reason '%.40s' "
					 "(tcpdrop --list-reasons lists them)", n);
				return msg;
			}
			reasons[val >> 6] |= 1ULL << (val & 63);
			names++;
		}
		if (!names)
			return "--reason: expected drop reason names, such as NO_SOCKET,TCP_CSUM";
	}
	return tk_inet_family_check(ipv4, ipv6);
}

static int setup(void *s)
{
	struct tcpdrop_bpf *skel = s;

	tk_ports_copy(&skel->rodata->targ_ports, &ports);
	skel->rodata->targ_family = tk_inet_family(ipv4, ipv6);
	skel->rodata->targ_reason_set = reason_arg != NULL;
	memcpy((void *)skel->rodata->targ_reasons, reasons, sizeof(reasons));
	return tk_stack_configure(skel->obj, show_stack, 0);
}

TK_SKELETON(tcpdrop_bpf);

static const struct tk_tool tool = {
	.name = "tcpdrop",
	.summary = "Trace TCP packets dropped by the kernel, with the reason and kernel stack.",
	.doc = "Examples:\n"
	       "  tcpdrop                   # every dropped TCP packet, with its stack\n"
	       "  tcpdrop -R NO_SOCKET      # packets to ports nothing listens on\n"
	       "  tcpdrop -P 443 --no-stack # to or from port 443, without stacks\n"
	       "  tcpdrop --list-reasons    # the drop reasons this kernel knows\n"
	       "\nSADDR:SPORT > DADDR:DPORT is the packet's direction.  STATE is its\n"
	       "socket's (- when it has none).  PID/COMM (-e) are the current task.",
	.std = TK_STD_DURATION | TK_STD_EXTENDED,
	.options = options,
	.fields = fields,
	.skel = &tk_skel_ops_,
	.setup = setup,
	.check = check,
};

TK_TOOL_MAIN(tool)
