#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# tcprtt end to end: between two network namespaces whose link is slowed
# by a tbf queue (8 Mbit/s), a client's 300 kB upload sees an RTT of
# milliseconds; its histogram keyed by its exact address and port (IPv4
# and IPv6) in JSON and text, -m, -e, the address and port filters and
# -4/-6 including and excluding, [interval [count]], bad input.
. "$(dirname "$0")/../lib.sh"
. "$TK_ROOT/tests/netlib.sh"
. "$TK_ROOT/tests/flowlib.sh"
. "$TK_ROOT/tests/nslib.sh"
t_need_root
TOOL=tcprtt
net_init
flow_init
ns_init
trap 'ns_cleanup; [ -n "$FSRV_PID" ] && kill "$FSRV_PID" 2>/dev/null; _t_cleanup' EXIT
nsb tc qdisc add dev "$VETHB" root tbf rate 8mbit burst 16kb latency 100ms 2>"$T/tc.err" ||
	t_fail "tc tbf on the veth" "$(cat "$T/tc.err")"

# upload SERVER: 300 kB from NSB to SERVER in NSA; SPORT the server's port
upload() {
	ns_flow_server "$1" 1 0 0
	SPORT=$FSRV_PORT
	ns_flow_client "$1" "$SPORT" 300000 1 0
	flow_wait
	settle
}

# ---- JSON: per remote address and local port; per local address and remote port ----
if tool_start $TOOL -j -B --bylport; then
	upload "$A4"
	tool_stop
	t_cond "json: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
	t_jcount "json: the client's histogram (raddr $A4, lport $F_LPORT), avg >= 2 ms" "$T/out" \
		".type == \"hist\" and .raddr == \"$A4\" and .lport == $F_LPORT and .unit == \"usecs\" and
		 .count >= 1 and .avg >= 2000 and .avg < 1000000 and ([.buckets[].count] | add) == .count and
		 (has(\"laddr\") or has(\"rport\") | not)" 1
	t_jcount "json: the server's histogram (raddr $B4, lport $SPORT)" "$T/out" \
		".type == \"hist\" and .raddr == \"$B4\" and .lport == $SPORT and .count >= 1" 1
else
	t_fail "json: tcprtt started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -b --byrport -m; then
	upload "$A6"
	tool_stop
	t_jcount "json -b --byrport -m: the IPv6 client's histogram (laddr $B6, rport $SPORT) in msecs" \
		"$T/out" ".laddr == \"$B6\" and .rport == $SPORT and .unit == \"msecs\" and
			.avg >= 2 and .avg < 1000 and (has(\"raddr\") or has(\"lport\") | not)" 1
else
	t_fail "json -m: tcprtt started" "$(cat "$T/err")"
fi

# ---- text: the label and the histogram header ----
if tool_start $TOOL -B --bylport -e; then
	upload "$A4"
	tool_stop
	# the label's form; the size of the RTT is the JSON check's (a guest's
	# short run may see less queueing: 636 us once)
	t_check "text -e: the client's label with samples and average" \
		sh -c 'grep -qE "$1" "$2" || { grep -v "^ " "$2" | head -n 8; exit 1; }' - \
		"^raddr $A4, lport $F_LPORT: [1-9][0-9]* samples, avg [1-9][0-9]* usecs\$" "$T/out"
	t_check "text: the histogram header" grep -qxF "     usecs               : count     distribution" "$T/out"
else
	t_fail "text: tcprtt started" "$(cat "$T/err")"
fi
if tool_start $TOOL -A "$A4"; then
	upload "$A4"
	tool_stop
	t_check "text, no key: one histogram labelled all connections" \
		[ "$(grep -c '^all connections$' "$T/out")" = 1 ]
else
	t_fail "text -A: tcprtt started" "$(cat "$T/err")"
fi

# ---- filters: include and exclude (client end, server end) ----
for f in A A6 a D D1 L 4 6; do
	ns_flow_server "$A4" 1 0 0
	SPORT=$FSRV_PORT
	case $f in
	A) args="-A $A4" c=1 s=0 ;;
	A6) args="-A $A6" c=0 s=0 ;;
	a) args="-a $A4" c=0 s=1 ;;
	D) args="-D $SPORT" c=1 s=0 ;;
	D1) args="-D 1" c=0 s=0 ;;
	L) args="-L $SPORT" c=0 s=1 ;;
	4) args="-4" c=1 s=1 ;;
	6) args="-6" c=0 s=0 ;;
	esac
	# shellcheck disable=SC2086
	if ref_start -j -B --bylport && tool_start $TOOL -j -B --bylport $args; then
		ns_flow_client "$A4" "$SPORT" 100000 1 0
		flow_wait
		settle
		tool_stop
		ref_stop
		cq=".raddr == \"$A4\" and .lport == $F_LPORT"
		sq=".raddr == \"$B4\" and .lport == $SPORT"
		t_check "$args: the unfiltered run has both ends" \
			[ "$(jq_count "$T/ref.out" "$cq")$(jq_count "$T/ref.out" "$sq")" = 11 ]
		t_check "$args: the client end $c times, the server end $s times" \
			[ "$(jq_count "$T/out" "$cq")$(jq_count "$T/out" "$sq")" = "$c$s" ]
	else
		t_fail "$args: both tcprtts started" "$(cat "$T/err" "$T/ref.err")"
		[ -n "$REF_PID" ] && ref_stop
		tool_stop
		kill "$FSRV_PID" 2>/dev/null
		flow_wait
	fi
done

# ---- [interval [count]] ----
timeout 10 "$TK_BIN/$TOOL" -j 1 2 >"$T/c.out" 2>"$T/c.err"
t_check "1 2: exits 0 after two intervals" [ "$?" = 0 ]

# ---- bad input ----
usage_fails "-a not-an-address" -a not-an-address
usage_fails "-A 1.2.3" -A 1.2.3
usage_fails "-L 70000" -L 70000
usage_fails "-4 -6" -4 -6
usage_fails "-p (no process filter)" -p 1
usage_fails "interval x" x
usage_fails "an unknown option" --bogus
t_done
