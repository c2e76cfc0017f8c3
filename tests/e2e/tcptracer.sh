#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# tcptracer end to end: one loopback connection (IPv4 and IPv6) gives
# exactly C (client), A (server) and two X records with the exact tuples and
# processes, in JSON and text; -N includes a connection in a network
# namespace the test creates and excludes the host's; -4/-6; bad input.
. "$(dirname "$0")/../lib.sh"
. "$TK_ROOT/tests/netlib.sh"
t_need_root
TOOL=tcptracer
net_init
HOST_INO=$(stat -L -c %i /proc/self/ns/net)

# conn ADDR: one connection from the helper to a helper server, both closed.
conn() {
	srv_start "$1" 1
	net_connect "$1" "$SRV_PORT"
	srv_wait
	read -r A_PID _ _ _ <"$T/srv.out"
}

# ---- JSON: C, A, X, X with exact tuples ----
for a in 127.0.0.1 ::1; do
	ip=4
	[ "$a" = ::1 ] && ip=6
	if tool_start $TOOL -j; then
		conn "$a"
		settle
		tool_stop
		t_cond "json $a: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
		common=".comm == \"$NCOMM\" and .uid == 0 and .ip == $ip and .saddr == \"$a\" and
			.daddr == \"$a\" and .netns == $HOST_INO"
		c="$common and .pid == $C_PID and .tid == $C_PID and .sport == $C_LPORT and .dport == $SRV_PORT"
		s="$common and .pid == $A_PID and .tid == $A_PID and .sport == $SRV_PORT and .dport == $C_LPORT"
		t_check "json $a: connect by pid $C_PID $a:$C_LPORT -> $a:$SRV_PORT" \
			[ "$(jq_count "$T/out" "$c and .event == \"connect\"")" = 1 ]
		t_check "json $a: accept by pid $A_PID $a:$SRV_PORT <- $a:$C_LPORT" \
			[ "$(jq_count "$T/out" "$s and .event == \"accept\"")" = 1 ]
		t_check "json $a: the client's close" [ "$(jq_count "$T/out" "$c and .event == \"close\"")" = 1 ]
		t_check "json $a: the server's close" [ "$(jq_count "$T/out" "$s and .event == \"close\"")" = 1 ]
		t_check "json $a: four records from the helpers, no more" \
			[ "$(jq_count "$T/out" ".comm == \"$NCOMM\"")" = 4 ]
	else
		t_fail "json $a: tcptracer started" "$(cat "$T/err")"
	fi
done

# ---- ends that differ: 127.0.0.2 -> 127.0.0.1, fd00::2 -> fd00::1 ----
if tool_start $TOOL -j -n "$NCOMM"; then
	if net_distinct; then
		settle
		tool_stop
		for v in 4 6; do
			if [ $v = 4 ]; then
				c=$D4_C l=$D4_L s=$D4_S a=$D4_A ca=127.0.0.2 sa=127.0.0.1
			else
				c=$D6_C l=$D6_L s=$D6_S a=$D6_A ca=fd00::2 sa=fd00::1
			fi
			cli=".ip == $v and .saddr == \"$ca\" and .sport == $l and .daddr == \"$sa\" and .dport == $s"
			srv=".ip == $v and .saddr == \"$sa\" and .sport == $s and .daddr == \"$ca\" and .dport == $l"
			t_check "distinct IPv$v: C by $c $ca:$l -> $sa:$s" \
				[ "$(jq_count "$T/out" ".event == \"connect\" and .pid == $c and $cli")" = 1 ]
			t_check "distinct IPv$v: A by $a $sa:$s <- $ca:$l" \
				[ "$(jq_count "$T/out" ".event == \"accept\" and .pid == $a and $srv")" = 1 ]
			t_check "distinct IPv$v: both X" [ "$(jq_count "$T/out" ".event == \"close\" and
				((.pid == $c and $cli) or (.pid == $a and $srv))")" = 2 ]
		done
	else
		tool_stop
		t_fail "distinct: the connections were made (unshare, nsenter, ip)"
	fi
else
	t_fail "distinct: tcptracer started" "$(cat "$T/err")"
fi

# ---- text: header and the exact C and A lines ----
if tool_start $TOOL; then
	conn 127.0.0.1
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"T PID     COMM             IP SADDR            DADDR            SPORT  DPORT" ]
	fmt='%s %-7s %-16s %-2s %-16s %-16s %-6s %s'
	t_check "text: the C line" grep -qxF \
		"$(printf "$fmt" C "$C_PID" "$NCOMM" 4 127.0.0.1 127.0.0.1 "$C_LPORT" "$SRV_PORT")" "$T/out"
	t_check "text: the A line" grep -qxF \
		"$(printf "$fmt" A "$A_PID" "$NCOMM" 4 127.0.0.1 127.0.0.1 "$SRV_PORT" "$C_LPORT")" "$T/out"
	t_check "text: the client's X line" grep -qxF \
		"$(printf "$fmt" X "$C_PID" "$NCOMM" 4 127.0.0.1 127.0.0.1 "$C_LPORT" "$SRV_PORT")" "$T/out"
else
	t_fail "text: tcptracer started" "$(cat "$T/err")"
fi

# ---- -N: a connection in a new network namespace, one on the host ----
if netns_add; then
	if ref_start -j -n "$NCOMM" && tool_start $TOOL -j -e -N "$NS_INO" -n "$NCOMM"; then
		NX="nsenter --net=$NS"
		conn 127.0.0.1
		ns_cpid=$C_PID
		NX=
		conn 127.0.0.1
		settle
		tool_stop
		ref_stop
		t_check "-N: the unfiltered run sees both connects" \
			[ "$(jq_count "$T/ref.out" ".event == \"connect\" and (.pid == $ns_cpid or .pid == $C_PID)")" = 2 ]
		t_check "-N $NS_INO: the namespace's connect, netns $NS_INO" \
			[ "$(jq_count "$T/out" ".event == \"connect\" and .pid == $ns_cpid and .netns == $NS_INO")" = 1 ]
		t_check "-N $NS_INO: nothing from the host namespace" \
			[ "$(jq_count "$T/out" ".netns != $NS_INO or .pid == $C_PID")" = 0 ]
	else
		t_fail "-N: both tcptracers started" "$(cat "$T/err" "$T/ref.err")"
		[ -n "$REF_PID" ] && ref_stop
		tool_stop
	fi
	if tool_start $TOOL -e -n "$NCOMM"; then
		conn ::1
		settle
		tool_stop
		t_check "text -e: NETNS $HOST_INO at the end of the C line" grep -q \
			"^C $C_PID  *$C_PID  *$NCOMM  *6  *::1  *::1  *$C_LPORT  *$SRV_PORT  *$HOST_INO\$" "$T/out"
	else
		t_fail "text -e: tcptracer started" "$(cat "$T/err")"
	fi
else
	t_fail "a network namespace can be made (unshare --net=FILE, nsenter, ip)"
fi

# ---- -4 / -6 ----
for f in -4 -6; do
	if tool_start $TOOL -j -n "$NCOMM" $f; then
		conn 127.0.0.1
		v4=$C_PID
		conn ::1
		settle
		tool_stop
		if [ $f = -4 ]; then keep=$v4 drop=$C_PID; else keep=$C_PID drop=$v4; fi
		t_check "$f: the connection of that family is there" \
			[ "$(jq_count "$T/out" ".event == \"connect\" and .pid == $keep")" = 1 ]
		t_check "$f: the other family's is not" [ "$(jq_count "$T/out" ".pid == $drop")" = 0 ]
	else
		t_fail "$f: tcptracer started" "$(cat "$T/err")"
	fi
done

# ---- bad input ----
usage_fails "-N 0" -N 0
usage_fails "-N abc" -N abc
usage_fails "-4 -6" -4 -6
t_done
