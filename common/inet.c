// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* User-side networking helpers: see inet.h. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include "inet.h"
#include "opts.h"

const char *tk_inet_ntop(__u16 family, const __u8 *addr, char *buf, size_t len)
{
	const char *s = NULL;

	if (family == TK_AF_INET)
		s = inet_ntop(AF_INET, addr, buf, (socklen_t)len);
	else if (family == TK_AF_INET6)
		s = inet_ntop(AF_INET6, addr, buf, (socklen_t)len);
	if (!s && len)
		snprintf(buf, len, "?");
	return buf;
}

void tk_inet_value(__u16 family, const __u8 *addr, struct tk_value *v, char *buf)
{
	tk_inet_ntop(family, addr, buf, TK_FIELD_BUF);
	/* only digits, hex letters, '.', ':' and '?': safe as is */
	tk_set_raw(v, buf, strlen(buf));
}

void tk_inet_endpoint_value(__u16 family, const __u8 *addr, __u16 port, struct tk_value *v,
			    char *buf)
{
	char a[TK_INET_ADDRSTRLEN];
	int n;

	tk_inet_ntop(family, addr, a, sizeof(a));
	n = snprintf(buf, TK_FIELD_BUF, family == TK_AF_INET6 ? "[%s]:%u" : "%s:%u", a, port);
	if (n < 0)
		n = 0;
	if (n >= TK_FIELD_BUF)
		n = TK_FIELD_BUF - 1;
	tk_set_raw(v, buf, (size_t)n);
}

void tk_inet_ipver_value(__u16 family, struct tk_value *v)
{
	tk_set_uint(v, family == TK_AF_INET ? 4 : family == TK_AF_INET6 ? 6 : 0);
}

/* One port number at *p, up to a ',', '-' or the end; advances *p. */
static int parse_port(const char **p, unsigned long long *out)
{
	char num[8];
	size_t n = strcspn(*p, ",-");

	if (n == 0 || n >= sizeof(num))
		return -1;
	memcpy(num, *p, n);
	num[n] = '\0';
	*p += n;
	return tk_parse_uint(num, 0, 65535, out) ? -1 : 0;
}

const char *tk_parse_ports(const char *arg, void *dest)
{
	struct tk_ports tmp, *set = dest;
	const char *p = arg;

	memcpy(&tmp, set, sizeof(tmp));
	for (;;) {
		unsigned long long lo, hi;

		if (parse_port(&p, &lo))
			return "expected ports 0-65535 as a list like 80,443,8000-8010";
		hi = lo;
		if (*p == '-') {
			p++;
			if (parse_port(&p, &hi))
				return "expected ports 0-65535 as a list like 80,443,8000-8010";
			if (hi < lo)
				return "a range must run from low to high";
		}
		for (unsigned long long port = lo; port <= hi; port++) {
			__u64 bit = 1ULL << (port & 63);

			if (!(tmp.bits[port >> 6] & bit)) {
				tmp.bits[port >> 6] |= bit;
				tmp.n++;
			}
		}
		if (*p == '\0')
			break;
		if (*p != ',')
			return "expected ports 0-65535 as a list like 80,443,8000-8010";
		p++;
	}
	memcpy(set, &tmp, sizeof(tmp));
	return NULL;
}

void tk_ports_copy(volatile struct tk_ports *dst, const struct tk_ports *src)
{
	memcpy((void *)dst, src, sizeof(*src));
}

const char *tk_inet_family_check(bool v4, bool v6)
{
	return v4 && v6 ? "-4/--ipv4 and -6/--ipv6 exclude each other" : NULL;
}

__u16 tk_inet_family(bool v4, bool v6)
{
	return v4 ? TK_AF_INET : v6 ? TK_AF_INET6 : 0;
}

const char *tk_tcp_state_name(int state)
{
	static const char *const names[] = {
		[1] = "ESTABLISHED", [2] = "SYN_SENT", [3] = "SYN_RECV",
		[4] = "FIN_WAIT1", [5] = "FIN_WAIT2", [6] = "TIME_WAIT",
		[7] = "CLOSE", [8] = "CLOSE_WAIT", [9] = "LAST_ACK",
		[10] = "LISTEN", [11] = "CLOSING", [12] = "NEW_SYN_RECV",
		[13] = "BOUND_INACTIVE",
	};

	if (state > 0 && (size_t)state < sizeof(names) / sizeof(names[0]) && names[state])
		return names[state];
	return "UNKNOWN";
}

const char *tk_ip_proto_name(int proto)
{
	switch (proto) {
	case 1: return "ICMP";
	case 6: return "TCP";
	case 17: return "UDP";
	case 58: return "ICMPV6";
	case 132: return "SCTP";
	case 136: return "UDPLITE";
	case 262: return "MPTCP";
	case 255: return "RAW";
	default: return NULL;
	}
}
