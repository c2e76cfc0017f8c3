#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# tcpconnlat end to end: the exact tuple of loopback connections (IPv4 and
# IPv6) with their latency in JSON and text; a connection made slow (about
# 1 s) by a full accept queue, which drops its first SYN, passes MIN_MS 500
# while a fast one does not (beside an unfiltered run); -P, -4/-6; bad
# input.
. "$(dirname "$0")/../lib.sh"
. "$TK_ROOT/tests/netlib.sh"
t_need_root
TOOL=tcpconnlat
net_init

# ---- JSON: the exact record, IPv4 and IPv6 ----
for a in 127.0.0.1 ::1; do
	ip=4
	[ "$a" = ::1 ] && ip=6
	if tool_start $TOOL -j; then
		srv_start "$a" 1
		net_connect "$a" "$SRV_PORT"
		srv_wait
		settle
		tool_stop
		t_cond "json $a: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
		n=$(jq_count "$T/out" ".pid == $C_PID and .tid == $C_PID and .comm == \"$NCOMM\" and
			.ip == $ip and .saddr == \"$a\" and .lport == $C_LPORT and .daddr == \"$a\" and
			.dport == $SRV_PORT and (.lat_ms | type) == \"number\" and .lat_ms > 0 and .lat_ms < 500")
		t_check "json $a: one record $a:$C_LPORT -> $a:$SRV_PORT, 0 < lat_ms < 500" [ "$n" = 1 ]
	else
		t_fail "json $a: tcpconnlat started" "$(cat "$T/err")"
	fi
done

# ---- ends that differ: 127.0.0.2 -> 127.0.0.1, fd00::2 -> fd00::1 ----
if tool_start $TOOL -j -n "$NCOMM"; then
	if net_distinct; then
		settle
		tool_stop
		t_check "distinct: 127.0.0.2:$D4_L -> 127.0.0.1:$D4_S by pid $D4_C" [ "$(jq_count "$T/out" \
			".pid == $D4_C and .ip == 4 and .saddr == \"127.0.0.2\" and .lport == $D4_L and
			 .daddr == \"127.0.0.1\" and .dport == $D4_S and .lat_ms > 0")" = 1 ]
		t_check "distinct: [fd00::2]:$D6_L -> [fd00::1]:$D6_S by pid $D6_C" [ "$(jq_count "$T/out" \
			".pid == $D6_C and .ip == 6 and .saddr == \"fd00::2\" and .lport == $D6_L and
			 .daddr == \"fd00::1\" and .dport == $D6_S and .lat_ms > 0")" = 1 ]
	else
		tool_stop
		t_fail "distinct: the connections were made (unshare, nsenter, ip)"
	fi
else
	t_fail "distinct: tcpconnlat started" "$(cat "$T/err")"
fi

# ---- text: header and the line (LAT(ms) with two decimals); -L -e ----
if tool_start $TOOL -n "$NCOMM"; then
	srv_start 127.0.0.1 1
	net_connect 127.0.0.1 "$SRV_PORT"
	srv_wait
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"PID     COMM             IP SADDR            DADDR            DPORT LAT(ms)" ]
	pre=$(printf '%-7s %-16s %-2s %-16s %-16s %-5s ' "$C_PID" "$NCOMM" 4 127.0.0.1 127.0.0.1 "$SRV_PORT")
	t_check "text: the exact line, LAT(ms) as N.NN" env P="$pre" awk 'index($0, ENVIRON["P"]) == 1 &&
		substr($0, length(ENVIRON["P"]) + 1) ~ /^[0-9]+\.[0-9][0-9]$/ { f = 1 } END { exit !f }' "$T/out"
else
	t_fail "text: tcpconnlat started" "$(cat "$T/err")"
fi
if tool_start $TOOL -L -e -n "$NCOMM"; then
	srv_start ::1 1
	net_connect ::1 "$SRV_PORT"
	srv_wait
	settle
	tool_stop
	t_check "text -L -e: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-7s %-7s %-16s %-2s %-16s %-6s %-16s %-5s %s' PID TID COMM IP SADDR LPORT DADDR DPORT 'LAT(ms)')" ]
	pre=$(printf '%-7s %-7s %-16s %-2s %-16s %-6s %-16s %-5s ' "$C_PID" "$C_PID" "$NCOMM" 6 ::1 "$C_LPORT" ::1 "$SRV_PORT")
	t_check "text -L -e: the exact line with LPORT" env P="$pre" awk 'index($0, ENVIRON["P"]) == 1 { f = 1 }
		END { exit !f }' "$T/out"
else
	t_fail "text -L: tcpconnlat started" "$(cat "$T/err")"
fi

# ---- MIN_MS and -m: a slow connection passes, a fast one does not ----
for m in "500" "-m 500"; do
	# shellcheck disable=SC2086
	if ref_start -j -n "$NCOMM" && tool_start $TOOL -j -n "$NCOMM" $m; then
		# backlog 0: the first connection fills the accept queue, the second
		# one's SYN is dropped until the server accepts (after 300 ms) and is
		# retransmitted about 1 s after the first
		srv_start 127.0.0.1 2 0 300
		net_connect 127.0.0.1 "$SRV_PORT"
		fast=$C_PID
		net_connect 127.0.0.1 "$SRV_PORT"
		slow=$C_PID slow_lport=$C_LPORT
		srv_wait
		settle
		tool_stop
		ref_stop
		t_check "tcpconnlat $m: the unfiltered run has the fast one under 500 ms" \
			[ "$(jq_count "$T/ref.out" ".pid == $fast and .lat_ms < 500")" = 1 ]
		t_check "tcpconnlat $m: the slow one, lat_ms 500-5000, local port $slow_lport" [ "$(jq_count "$T/out" \
			".pid == $slow and .lport == $slow_lport and .dport == $SRV_PORT and .lat_ms >= 500 and .lat_ms < 5000")" = 1 ]
		t_check "tcpconnlat $m: not the fast one" [ "$(jq_count "$T/out" ".pid == $fast")" = 0 ]
	else
		t_fail "tcpconnlat $m: both tcpconnlats started" "$(cat "$T/err" "$T/ref.err")"
		[ -n "$REF_PID" ] && ref_stop
		tool_stop
	fi
done

# ---- -P, -6 beside an unfiltered run ----
srv_start 127.0.0.1 3
P=$SRV_PORT
for f in "-P 1,$P" "-P $((P + 1))" "-6"; do
	want=0
	[ "$f" = "-P 1,$P" ] && want=1
	# shellcheck disable=SC2086
	if ref_start -j -n "$NCOMM" && tool_start $TOOL -j -n "$NCOMM" $f; then
		net_connect 127.0.0.1 "$P"
		settle
		tool_stop
		ref_stop
		t_check "$f: the unfiltered run sees the connection" \
			[ "$(jq_count "$T/ref.out" ".pid == $C_PID and .dport == $P")" = 1 ]
		t_check "$f: the filtered run has it $want times" \
			[ "$(jq_count "$T/out" ".pid == $C_PID")" = "$want" ]
	else
		t_fail "$f: both tcpconnlats started" "$(cat "$T/err" "$T/ref.err")"
		[ -n "$REF_PID" ] && ref_stop
		tool_stop
	fi
done
srv_wait

# ---- bad input ----
usage_fails "MIN_MS abc" abc
usage_fails "MIN_MS 1.5" 1.5
usage_fails "two positionals" 1 2
usage_fails "--min-us -1" --min-us -1
usage_fails "-m abc" -m abc
usage_fails "-4 -6" -4 -6
t_done
