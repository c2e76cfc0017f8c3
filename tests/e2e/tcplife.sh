#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# tcplife end to end: both ends of a loopback connection that moves known
# byte counts (IPv4 and IPv6) with their exact tuples, owners, bytes and a
# lifespan, in JSON and text (-w too); -L, -D, -4/-6, -p, -n including and
# excluding; a hostile comm; bad input.
. "$(dirname "$0")/../lib.sh"
. "$TK_ROOT/tests/netlib.sh"
. "$TK_ROOT/tests/flowlib.sh"
t_need_root
TOOL=tcplife
net_init
flow_init

# one connection: the client sends 5000 bytes in 2 writes 100 ms apart, the
# server answers 3000 and holds it 200 ms; SPORT is the server's port
xfer() {
	flow_server "$1" 1 3000 200
	SPORT=$FSRV_PORT
	SPID=$FSRV_PID
	flow_client "$1" "$SPORT" 5000 2 100
	flow_wait
	settle
}

# ---- JSON: both ends, IPv4 and IPv6 ----
for a in 127.0.0.1 ::1; do
	ip=4
	[ "$a" = ::1 ] && ip=6
	if tool_start $TOOL -j; then
		xfer "$a"
		tool_stop
		t_cond "json $a: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
		t_check "json $a: the client received 3000 ($F_RX)" [ "$F_RX" = 3000 ]
		n=$(jq_count "$T/out" ".pid == $F_PID and .comm == \"$FCOMM\" and .ip == $ip and
			.laddr == \"$a\" and .lport == $F_LPORT and .raddr == \"$a\" and .rport == $SPORT and
			.tx_bytes >= 5000 and .tx_bytes <= 5002 and .rx_bytes >= 3000 and .rx_bytes <= 3001 and
			.span_ns >= 250000000 and .span_ns < 10000000000 and (.time | type) == \"number\"")
		t_check "json $a: client end pid $F_PID $a:$F_LPORT -> $a:$SPORT, 5000 out, 3000 in" [ "$n" = 1 ]
		n=$(jq_count "$T/out" ".pid == $SPID and .comm == \"$FCOMM\" and .ip == $ip and
			.laddr == \"$a\" and .lport == $SPORT and .raddr == \"$a\" and .rport == $F_LPORT and
			.tx_bytes >= 3000 and .tx_bytes <= 3002 and .rx_bytes >= 5000 and .rx_bytes <= 5001 and
			.span_ns >= 150000000")
		t_check "json $a: server end pid $SPID $a:$SPORT -> $a:$F_LPORT, 3000 out, 5000 in" [ "$n" = 1 ]
		t_check "json $a: nothing else from the workload" \
			[ "$(jq_count "$T/out" ".comm == \"$FCOMM\"")" = 2 ]
	else
		t_fail "json $a: tcplife started" "$(cat "$T/err")"
	fi
done

# ---- text: header and the exact lines, default and -w ----
if tool_start $TOOL; then
	xfer 127.0.0.1
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"PID     COMM             LADDR           LPORT RADDR           RPORT TX_KB RX_KB MS" ]
	line=$(printf '%-7s %-16s %-15s %-5s %-15s %-5s %5s %5s ' "$F_PID" "$FCOMM" 127.0.0.1 "$F_LPORT" \
		127.0.0.1 "$SPORT" 4 2)
	t_check "text: the client's exact line" grep -qE "^$line[0-9]+\.[0-9][0-9]\$" "$T/out"
	line=$(printf '%-7s %-16s %-15s %-5s %-15s %-5s %5s %5s ' "$SPID" "$FCOMM" 127.0.0.1 "$SPORT" \
		127.0.0.1 "$F_LPORT" 2 4)
	t_check "text: the server's exact line" grep -qE "^$line[0-9]+\.[0-9][0-9]\$" "$T/out"
else
	t_fail "text: tcplife started" "$(cat "$T/err")"
fi
if tool_start $TOOL -w -n "$FCOMM"; then
	xfer ::1
	tool_stop
	t_check "text -w: header" [ "$(head -n 1 "$T/out")" = "$(printf '%-7s %-16s %-2s %-39s %-5s %-39s %-5s %5s %5s %s' \
		PID COMM IP LADDR LPORT RADDR RPORT TX_KB RX_KB MS)" ]
	line=$(printf '%-7s %-16s %-2s %-39s %-5s %-39s %-5s %5s %5s ' "$F_PID" "$FCOMM" 6 ::1 "$F_LPORT" \
		::1 "$SPORT" 4 2)
	t_check "text -w: the client's exact IPv6 line" grep -qE "^$line[0-9]+\.[0-9][0-9]\$" "$T/out"
else
	t_fail "text -w: tcplife started" "$(cat "$T/err")"
fi

# ---- filters: include and exclude, beside an unfiltered run ----
run_filter() {
	_desc=$1 _want_c=$2 _want_s=$3
	shift 3
	t_check "$_desc: the unfiltered run has both ends" \
		[ "$(jq_count "$T/ref.out" "(.pid == $F_PID or .pid == $SPID) and .comm == \"$FCOMM\"")" = 2 ]
	t_check "$_desc: client end $_want_c times" \
		[ "$(jq_count "$T/out" ".pid == $F_PID and .lport == $F_LPORT")" = "$_want_c" ]
	t_check "$_desc: server end $_want_s times" \
		[ "$(jq_count "$T/out" ".pid == $SPID and .lport == $SPORT")" = "$_want_s" ]
}
# the server's port and pid exist only once it runs: start it first, then
# the two tools, then the client
for f in L D L1 4 6 p n nx; do
	flow_server 127.0.0.1 1 3000 0
	SPORT=$FSRV_PORT
	SPID=$FSRV_PID
	case $f in
	L) args="-L $SPORT" c=0 s=1 ;;
	D) args="-D 1-2,$SPORT" c=1 s=0 ;;
	L1) args="-L 1" c=0 s=0 ;;
	4) args="-4" c=1 s=1 ;;
	6) args="-6" c=0 s=0 ;;
	p) args="-p $SPID" c=0 s=1 ;;
	n) args="-n $FCOMM" c=1 s=1 ;;
	nx) args="-n tkf-none" c=0 s=0 ;;
	esac
	# shellcheck disable=SC2086
	if ref_start -j && tool_start $TOOL -j $args; then
		flow_client 127.0.0.1 "$SPORT" 100 1 0
		flow_wait
		settle
		tool_stop
		ref_stop
		run_filter "$args" "$c" "$s"
	else
		t_fail "$args: both tcplifes started" "$(cat "$T/err" "$T/ref.err")"
		[ -n "$REF_PID" ] && ref_stop
		tool_stop
		kill "$FSRV_PID" 2>/dev/null
		flow_wait
	fi
done

# ---- a hostile comm ----
H=$T/$(printf 'tk\nc\033[1m\377')
cp "$FLOW" "$H"
if tool_start $TOOL; then
	flow_server 127.0.0.1 1 10 0
	read -r hpid _ <<EOT
$("$H" client 127.0.0.1 "$FSRV_PORT" 10 1 0)
EOT
	flow_wait
	settle
	tool_stop
	t_check "hostile comm: escaped on one line" grep -q "^$hpid  *tk\\\\nc\\\\x1b\\[1m\\\\xff  *127" "$T/out"
	t_check "hostile comm: no raw control byte" \
		[ "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -d '\040-\176' | wc -c)" = 0 ]
else
	t_fail "hostile: tcplife started" "$(cat "$T/err")"
fi

# ---- bad input ----
usage_fails "-L 70000" -L 70000
usage_fails "-D 9-3" -D 9-3
usage_fails "-L http" -L http
usage_fails "-4 -6" -4 -6
usage_fails "an unknown option" --bogus
usage_fails "a positional argument" 1
t_done
