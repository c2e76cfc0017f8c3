#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# tcptop end to end: both ends of a loopback connection that moves known
# byte counts (IPv4 and IPv6), with exact tuples and byte totals, in JSON
# (one record per connection per interval) and text; --sort and --rows;
# -C and the screen clearing on a terminal; [interval [count]]; -p, -n,
# -4/-6 including and excluding; a hostile comm; bad input.
. "$(dirname "$0")/../lib.sh"
. "$TK_ROOT/tests/netlib.sh"
. "$TK_ROOT/tests/flowlib.sh"
t_need_root
TOOL=tcptop
net_init
flow_init

# one connection: the client sends 500000 bytes in CHUNKS writes GAP ms
# apart, the server answers 300000; SPORT/SPID are the server's
xfer() {
	flow_server "$1" 1 300000 0
	SPORT=$FSRV_PORT
	SPID=$FSRV_PID
	flow_client "$1" "$SPORT" 500000 "$2" "$3"
	flow_wait
	settle
}

# sums of a connection's records in $T/out: "RECORDS RX TX"
sums() {
	jq -s -r "map(select(.type == \"connection\" and $1)) |
		\"\\(length) \\(map(.rx_bytes) | add) \\(map(.tx_bytes) | add)\"" "$T/out"
}

# ---- JSON, every second: the intervals add up to the exact bytes ----
if tool_start $TOOL -j -r 1000000 1; then
	xfer 127.0.0.1 3 700
	sleep 1
	tool_stop
	t_cond "json: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
	t_check "json: the client received 300000 ($F_RX)" [ "$F_RX" = 300000 ]
	c=".pid == $F_PID and .comm == \"$FCOMM\" and .ip == 4 and .laddr == \"127.0.0.1\" and
		.lport == $F_LPORT and .raddr == \"127.0.0.1\" and .rport == $SPORT"
	set -- $(sums "$c")
	t_check "json: client $F_LPORT -> $SPORT in $1 records (>= 2 intervals)" [ "$1" -ge 2 ]
	t_check "json: client received 300000 ($2), sent 500000 ($3)" [ "$2 $3" = "300000 500000" ]
	s=".pid == $SPID and .comm == \"$FCOMM\" and .laddr == \"127.0.0.1\" and .lport == $SPORT and
		.raddr == \"127.0.0.1\" and .rport == $F_LPORT"
	set -- $(sums "$s")
	t_check "json: server $SPORT -> $F_LPORT received 500000 ($2), sent 300000 ($3)" \
		[ "$2 $3" = "500000 300000" ]
	t_check "json: total_bytes is rx + tx in every record" \
		[ "$(jq_count "$T/out" "($c or $s) and .total_bytes != .rx_bytes + .tx_bytes")" = 0 ]
else
	t_fail "json: tcptop started" "$(cat "$T/err")"
fi

# ---- JSON, IPv6, one interval at exit: one record per end ----
if tool_start $TOOL -j -r 1000000 60; then
	xfer ::1 1 0
	tool_stop
	t_check "json ::1: the client's one record" [ "$(jq_count "$T/out" ".pid == $F_PID and .ip == 6 and
		.laddr == \"::1\" and .lport == $F_LPORT and .raddr == \"::1\" and .rport == $SPORT and
		.rx_bytes == 300000 and .tx_bytes == 500000")" = 1 ]
	t_check "json ::1: the server's one record" [ "$(jq_count "$T/out" ".pid == $SPID and .ip == 6 and
		.laddr == \"::1\" and .lport == $SPORT and .raddr == \"::1\" and .rport == $F_LPORT and
		.rx_bytes == 500000 and .tx_bytes == 300000")" = 1 ]
else
	t_fail "json ::1: tcptop started" "$(cat "$T/err")"
fi

# ---- text: header and exact lines; no clearing into a pipe ----
if tool_start $TOOL -r 1000000 60; then
	xfer 127.0.0.1 1 0
	tool_stop
	hdr=$(printf '%-7s %-16s %-26s %-26s %6s %6s' PID COMM LADDR RADDR RX_KB TX_KB)
	t_check "text: header" grep -qxF "$hdr" "$T/out"
	line=$(printf '%-7s %-16s %-26s %-26s %6s %6s' "$F_PID" "$FCOMM" "127.0.0.1:$F_LPORT" \
		"127.0.0.1:$SPORT" 292 488)
	t_check "text: the client's exact line" grep -qxF "$line" "$T/out"
	line=$(printf '%-7s %-16s %-26s %-26s %6s %6s' "$SPID" "$FCOMM" "127.0.0.1:$SPORT" \
		"127.0.0.1:$F_LPORT" 488 292)
	t_check "text: the server's exact line" grep -qxF "$line" "$T/out"
	t_check "text into a pipe: the screen is not cleared" [ "$(grep -c "$(printf '\033')" "$T/out")" = 0 ]
else
	t_fail "text: tcptop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -n "$FCOMM" 60; then
	xfer ::1 1 0
	tool_stop
	line=$(printf '%-7s %-16s %-26s %-26s %6s %6s' "$F_PID" "$FCOMM" "[::1]:$F_LPORT" "[::1]:$SPORT" 292 488)
	t_check "text: the client's exact IPv6 line" grep -qxF "$line" "$T/out"
else
	t_fail "text ::1: tcptop started" "$(cat "$T/err")"
fi

# ---- on a terminal: cleared every interval, not with -C ----
if command -v script >/dev/null 2>&1; then
	for c in "" -C; do
		script -qec "$TK_BIN/$TOOL $c -n tkf-none 1 2" /dev/null </dev/null >"$T/tty.out" 2>&1
		n=$(grep -c "$(printf '\033\\[2J')" "$T/tty.out")
		if [ -z "$c" ]; then
			t_check "terminal: the screen is cleared before each of 2 tables ($n)" [ "$n" = 2 ]
		else
			t_check "terminal -C: never cleared ($n)" [ "$n" = 0 ]
		fi
	done
else
	t_fail "script(1) is installed (util-linux) for the terminal test"
fi

# ---- [interval [count]]: two intervals, then exit 0 by itself ----
timeout 10 "$TK_BIN/$TOOL" -j -n tkf-none 1 2 >"$T/c.out" 2>"$T/c.err"
t_check "1 2: exits 0 after two intervals" [ "$?" = 0 ]

# ---- --sort and --rows ----
for s in received sent; do
	if tool_start $TOOL -j -n "$FCOMM" -s $s -r 1 60; then
		xfer 127.0.0.1 1 0
		tool_stop
		if [ $s = received ]; then want=$SPID; else want=$F_PID; fi
		t_check "-s $s -r 1: only the end that $s more (pid $want)" \
			[ "$(jq -r .pid "$T/out" | tr '\n' ' ')" = "$want " ]
	else
		t_fail "-s $s: tcptop started" "$(cat "$T/err")"
	fi
done

# ---- filters: include and exclude, beside an unfiltered run ----
for f in p n nx 4 6; do
	flow_server 127.0.0.1 1 100 0
	SPORT=$FSRV_PORT
	SPID=$FSRV_PID
	case $f in
	p) args="-p $SPID" c=0 s=1 ;;
	n) args="-n $FCOMM" c=1 s=1 ;;
	nx) args="-n tkf-none" c=0 s=0 ;;
	4) args="-4" c=1 s=1 ;;
	6) args="-6" c=0 s=0 ;;
	esac
	# shellcheck disable=SC2086
	if ref_start -j -r 1000000 60 && tool_start $TOOL -j -r 1000000 $args 60; then
		flow_client 127.0.0.1 "$SPORT" 100 1 0
		flow_wait
		settle
		tool_stop
		ref_stop
		cq=".lport == $F_LPORT and .rport == $SPORT"
		sq=".lport == $SPORT and .rport == $F_LPORT"
		t_check "$args: the unfiltered run has both ends" \
			[ "$(jq_count "$T/ref.out" "$cq")$(jq_count "$T/ref.out" "$sq")" = 11 ]
		t_check "$args: the client end $c times, the server end $s times" \
			[ "$(jq_count "$T/out" "$cq")$(jq_count "$T/out" "$sq")" = "$c$s" ]
	else
		t_fail "$args: both tcptops started" "$(cat "$T/err" "$T/ref.err")"
		[ -n "$REF_PID" ] && ref_stop
		tool_stop
		kill "$FSRV_PID" 2>/dev/null
		flow_wait
	fi
done

# ---- a hostile comm ----
H=$T/$(printf 'tk\nc\033[1m\377')
cp "$FLOW" "$H"
if tool_start $TOOL -r 1000000 60; then
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
	t_fail "hostile: tcptop started" "$(cat "$T/err")"
fi

# ---- bad input ----
usage_fails "-s bogus" -s bogus
usage_fails "-r 0" -r 0
usage_fails "-r x" -r x
usage_fails "-4 -6" -4 -6
usage_fails "interval x" x
usage_fails "an unknown option" --bogus
t_done
