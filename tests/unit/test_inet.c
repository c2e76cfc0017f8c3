// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Unit tests of common/inet.c: address text, port lists, family, names. */
#include <string.h>
#include "inet.h"
#include "tap.h"

static bool has(const struct tk_ports *p, unsigned int port)
{
	return (p->bits[port >> 6] >> (port & 63)) & 1;
}

static void test_addr(void)
{
	__u8 a4[16] = { 127, 0, 0, 1 }, a6[16] = { 0 }, m[16] = { 0 };
	char buf[TK_FIELD_BUF];
	struct tk_value v;

	a6[15] = 1;
	m[10] = m[11] = 0xff;
	m[12] = 10;
	m[15] = 7;
	is_str(tk_inet_ntop(TK_AF_INET, a4, buf, sizeof(buf)), "127.0.0.1", "IPv4 text");
	is_str(tk_inet_ntop(TK_AF_INET6, a6, buf, sizeof(buf)), "::1", "IPv6 text");
	is_str(tk_inet_ntop(TK_AF_INET6, m, buf, sizeof(buf)), "::ffff:10.0.0.7", "v4-mapped text");
	is_str(tk_inet_ntop(1, a4, buf, sizeof(buf)), "?", "unknown family: ?");
	tk_inet_value(TK_AF_INET, a4, &v, buf);
	ok(v.kind == TK_V_RAW && v.s.len == 9 && !memcmp(v.s.p, "127.0.0.1", 9), "value: raw string");
	tk_inet_ipver_value(TK_AF_INET6, &v);
	ok(v.kind == TK_V_UINT && v.u == 6, "IP version 6");
	tk_inet_ipver_value(TK_AF_INET, &v);
	ok(v.kind == TK_V_UINT && v.u == 4, "IP version 4");
}

static void test_ports(void)
{
	static struct tk_ports p;

	ok(tk_parse_ports("80,443,8000-8010", &p) == NULL, "list with a range parses");
	is_int(p.n, 13, "13 ports");
	ok(has(&p, 80) && has(&p, 443) && has(&p, 8000) && has(&p, 8010), "members set");
	ok(!has(&p, 81) && !has(&p, 7999) && !has(&p, 8011), "neighbours unset");
	ok(tk_parse_ports("443,0,65535", &p) == NULL, "repeat adds; 0 and 65535 allowed");
	is_int(p.n, 15, "duplicates counted once");
	ok(has(&p, 0) && has(&p, 65535), "edges set");
	static const char *const bad[] = { "65536", "80,", ",80", "-5", "9-3", "80 ", "a", "1-2-3", "" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tk_ports q;

		memset(&q, 0, sizeof(q));
		ok(tk_parse_ports(bad[i], &q) != NULL && q.n == 0, "'%s' rejected, set untouched", bad[i]);
	}
	memset(&p, 0, sizeof(p));
	ok(tk_parse_ports("0-65535", &p) == NULL && p.n == 65536, "full range");
}

static void test_names(void)
{
	is_str(tk_tcp_state_name(1), "ESTABLISHED", "state 1");
	is_str(tk_tcp_state_name(12), "NEW_SYN_RECV", "state 12");
	is_str(tk_tcp_state_name(0), "UNKNOWN", "state 0");
	is_str(tk_tcp_state_name(99), "UNKNOWN", "state 99");
	is_str(tk_ip_proto_name(6), "TCP", "proto 6");
	ok(tk_ip_proto_name(99) == NULL, "proto 99 unknown");
	ok(tk_inet_family_check(true, true) != NULL, "-4 -6 rejected");
	ok(tk_inet_family_check(true, false) == NULL, "-4 alone fine");
	is_int(tk_inet_family(false, true), TK_AF_INET6, "-6 is AF_INET6");
	is_int(tk_inet_family(false, false), 0, "neither: any");
}

int main(void)
{
	test_addr();
	test_ports();
	test_names();
	return done_testing();
}
