#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# tcpstates end to end: the state changes of both ends of a loopback
# connection (IPv4 and IPv6) with exact tuples, the tasks that caused the
# process-context ones and the time spent in a state, in JSON and text
# (-w too); -L, -D, -4/-6 including and excluding; a hostile comm; bad
# input.
. "$(dirname "$0")/../lib.sh"
. "$TK_ROOT/tests/netlib.sh"
. "$TK_ROOT/tests/flowlib.sh"
t_need_root
TOOL=tcpstates
net_init
flow_init

# one connection: the client sends in 2 writes 100 ms apart, the server
# answers and holds it 200 ms; SPORT/SPID are the server's port and pid
xfer() {
	flow_server "$1" 1 3000 200
	SPORT=$FSRV_PORT
	SPID=$FSRV_PID
	flow_client "$1" "$SPORT" 5000 2 100
	flow_wait
	settle
}

# ---- JSON: the changes of both ends, IPv4 and IPv6 ----
for a in 127.0.0.1 ::1; do
	ip=4
	[ "$a" = ::1 ] && ip=6
	if tool_start $TOOL -j; then
		xfer "$a"
		tool_stop
		t_cond "json $a: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
		sk=$(jq -r "select(.oldstate == \"CLOSE\" and .newstate == \"SYN_SENT\" and
			.c_pid == $F_PID and .c_comm == \"$FCOMM\" and .raddr == \"$a\" and
			.rport == $SPORT) | .skaddr" "$T/out")
		t_check "json $a: CLOSE -> SYN_SENT in the client, pid $F_PID, to $a:$SPORT" \
			[ "$(echo "$sk" | grep -c .)" = 1 ]
		tuple=".skaddr == \"$sk\" and .ip == $ip and .laddr == \"$a\" and .lport == $F_LPORT and
			.raddr == \"$a\" and .rport == $SPORT"
		t_check "json $a: SYN_SENT -> ESTABLISHED of that socket, $a:$F_LPORT -> $a:$SPORT" \
			[ "$(jq_count "$T/out" "$tuple and .oldstate == \"SYN_SENT\" and .newstate == \"ESTABLISHED\"")" = 1 ]
		t_check "json $a: ESTABLISHED -> FIN_WAIT1 in the client after >= 100 ms" \
			[ "$(jq_count "$T/out" "$tuple and .oldstate == \"ESTABLISHED\" and .newstate == \"FIN_WAIT1\" and
				.c_pid == $F_PID and .delta_ns >= 90000000 and .delta_ns < 10000000000")" = 1 ]
		t_check "json $a: the client socket ends in CLOSE" \
			[ "$(jq_count "$T/out" "$tuple and .newstate == \"CLOSE\"")" = 1 ]
		t_check "json $a: server end CLOSE_WAIT -> LAST_ACK in the server (pid $SPID) after >= 200 ms" \
			[ "$(jq_count "$T/out" ".laddr == \"$a\" and .lport == $SPORT and .raddr == \"$a\" and
				.rport == $F_LPORT and .oldstate == \"CLOSE_WAIT\" and .newstate == \"LAST_ACK\" and
				.c_pid == $SPID and .c_comm == \"$FCOMM\" and .delta_ns >= 190000000")" = 1 ]
		t_check "json $a: the listener's CLOSE -> LISTEN on port $SPORT in the server" \
			[ "$(jq_count "$T/out" ".lport == $SPORT and .rport == 0 and .oldstate == \"CLOSE\" and
				.newstate == \"LISTEN\" and .c_pid == $SPID")" = 1 ]
	else
		t_fail "json $a: tcpstates started" "$(cat "$T/err")"
	fi
done

# ---- text: header and exact lines, default and -w ----
if tool_start $TOOL; then
	xfer 127.0.0.1
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"SKADDR           C-PID   C-COMM           LADDR           LPORT RADDR           RPORT OLDSTATE    -> NEWSTATE    MS" ]
	line=$(printf '%-7s %-16s %-15s %-5s %-15s %-5s %-11s -> %-11s ' "$F_PID" "$FCOMM" 127.0.0.1 \
		"$F_LPORT" 127.0.0.1 "$SPORT" ESTABLISHED FIN_WAIT1)
	t_check "text: the client's ESTABLISHED -> FIN_WAIT1 line" \
		grep -qE "^[0-9a-f]{16} $line[0-9]+\.[0-9]{3}\$" "$T/out"
else
	t_fail "text: tcpstates started" "$(cat "$T/err")"
fi
if tool_start $TOOL -w; then
	xfer ::1
	tool_stop
	t_check "text -w: header" [ "$(head -n 1 "$T/out")" = "$(printf '%-16s %-7s %-16s %-2s %-39s %-5s %-39s %-5s %-11s %-2s %-11s %s' \
		SKADDR C-PID C-COMM IP LADDR LPORT RADDR RPORT OLDSTATE '->' NEWSTATE MS)" ]
	line=$(printf '%-7s %-16s %-2s %-39s %-5s %-39s %-5s %-11s -> %-11s ' "$SPID" "$FCOMM" 6 ::1 \
		"$SPORT" ::1 "$F_LPORT" CLOSE_WAIT LAST_ACK)
	t_check "text -w: the server's CLOSE_WAIT -> LAST_ACK line" \
		grep -qE "^[0-9a-f]{16} $line[0-9]+\.[0-9]{3}\$" "$T/out"
else
	t_fail "text -w: tcpstates started" "$(cat "$T/err")"
fi

# ---- filters: include and exclude, beside an unfiltered run ----
for f in L D L1 4 6; do
	flow_server 127.0.0.1 1 100 0
	SPORT=$FSRV_PORT
	case $f in
	L) args="-L $SPORT" c=0 s=1 ;;
	D) args="-D 1-2,$SPORT" c=1 s=0 ;;
	L1) args="-L 1" c=0 s=0 ;;
	4) args="-4" c=1 s=1 ;;
	6) args="-6" c=0 s=0 ;;
	esac
	# shellcheck disable=SC2086
	if ref_start -j && tool_start $TOOL -j $args; then
		flow_client 127.0.0.1 "$SPORT" 100 1 0
		flow_wait
		settle
		tool_stop
		ref_stop
		cq=".lport == $F_LPORT and .rport == $SPORT and .newstate == \"CLOSE\""
		sq=".lport == $SPORT and .rport == $F_LPORT and .newstate == \"CLOSE\""
		t_check "$args: the unfiltered run has both ends closing" \
			[ "$(jq_count "$T/ref.out" "$cq")$(jq_count "$T/ref.out" "$sq")" = 11 ]
		t_check "$args: the client end $c times, the server end $s times" \
			[ "$(jq_count "$T/out" "$cq")$(jq_count "$T/out" "$sq")" = "$c$s" ]
	else
		t_fail "$args: both tcpstates started" "$(cat "$T/err" "$T/ref.err")"
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
	t_check "hostile comm: escaped on one line" \
		grep -q "^[0-9a-f]* $hpid  *tk\\\\nc\\\\x1b\\[1m\\\\xff  *127.0.0.1  *0  *127.0.0.1  *$FSRV_PORT  *CLOSE  *-> SYN_SENT" "$T/out"
	t_check "hostile comm: no raw control byte" \
		[ "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -d '\040-\176' | wc -c)" = 0 ]
else
	t_fail "hostile: tcpstates started" "$(cat "$T/err")"
fi

# ---- bad input ----
usage_fails "-L 70000" -L 70000
usage_fails "-D 9-3" -D 9-3
usage_fails "-D http" -D http
usage_fails "-4 -6" -4 -6
usage_fails "an unknown option" --bogus
usage_fails "-p (tcpstates has no process filter)" -p 1
t_done
