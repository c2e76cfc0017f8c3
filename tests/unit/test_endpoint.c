// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* Unit tests of tk_inet_endpoint_value() (common/inet.c): ADDR:PORT text. */
#include <string.h>
#include "inet.h"
#include "tap.h"

struct rec {
	__u8 addr[16];
	__u16 family, port;
};

TK_INET_ENDPOINT_GETTER(get_end, struct rec, family, addr, port)

int main(void)
{
	struct rec r4 = { { 10, 0, 0, 7 }, TK_AF_INET, 443 }, r6 = { { 0 }, TK_AF_INET6, 8080 };
	struct rec bad = { { 0 }, 1, 9 };
	char buf[TK_FIELD_BUF];
	struct tk_value v;

	r6.addr[0] = 0xfd;
	r6.addr[15] = 1;
	get_end(&r4, &v, buf);
	ok(v.kind == TK_V_RAW, "a raw JSON string");
	is_mem(v.s.p, v.s.len, "10.0.0.7:443", 12, "IPv4: ADDR:PORT");
	get_end(&r6, &v, buf);
	is_mem(v.s.p, v.s.len, "[fd00::1]:8080", 14, "IPv6: [ADDR]:PORT");
	get_end(&bad, &v, buf);
	is_mem(v.s.p, v.s.len, "?:9", 3, "unknown family");
	return done_testing();
}
