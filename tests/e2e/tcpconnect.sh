#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# tcpconnect end to end: the exact tuple of a loopback connection (IPv4 and
# IPv6) in JSON and text, -L, a refused attempt (once) and -x, a connect()
# that fails before any SYN (no route) in JSON, text, with -P and --count,
# -P and -4/-6 including and excluding (beside an unfiltered run), -n, a
# hostile comm, bad input.
. "$(dirname "$0")/../lib.sh"
. "$TK_ROOT/tests/netlib.sh"
t_need_root
TOOL=tcpconnect
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
		t_check "json $a: connect succeeded (helper err $C_ERR)" [ "$C_ERR" = 0 ]
		n=$(jq_count "$T/out" ".pid == $C_PID and .tid == $C_PID and .comm == \"$NCOMM\" and
			.uid == 0 and .ip == $ip and .saddr == \"$a\" and .lport == $C_LPORT and
			.daddr == \"$a\" and .dport == $SRV_PORT and .err == 0 and (.time_s | type) == \"number\"")
		t_check "json $a: exactly one record pid $C_PID $a:$C_LPORT -> $a:$SRV_PORT err 0" [ "$n" = 1 ]
		t_check "json $a: nothing else from the helper" \
			[ "$(jq_count "$T/out" ".comm == \"$NCOMM\"")" = 1 ]
	else
		t_fail "json $a: tcpconnect started" "$(cat "$T/err")"
	fi
done

# ---- ends that differ: 127.0.0.2 -> 127.0.0.1, fd00::2 -> fd00::1 ----
if tool_start $TOOL -j -n "$NCOMM"; then
	if net_distinct; then
		settle
		tool_stop
		t_check "distinct: 127.0.0.2:$D4_L -> 127.0.0.1:$D4_S by pid $D4_C" [ "$(jq_count "$T/out" \
			".pid == $D4_C and .ip == 4 and .saddr == \"127.0.0.2\" and .lport == $D4_L and
			 .daddr == \"127.0.0.1\" and .dport == $D4_S and .err == 0")" = 1 ]
		t_check "distinct: [fd00::2]:$D6_L -> [fd00::1]:$D6_S by pid $D6_C" [ "$(jq_count "$T/out" \
			".pid == $D6_C and .ip == 6 and .saddr == \"fd00::2\" and .lport == $D6_L and
			 .daddr == \"fd00::1\" and .dport == $D6_S and .err == 0")" = 1 ]
	else
		tool_stop
		t_fail "distinct: the connections were made (unshare, nsenter, ip)"
	fi
else
	t_fail "distinct: tcpconnect started" "$(cat "$T/err")"
fi

# ---- text: header and exact lines, then -L -U -e ----
if tool_start $TOOL; then
	srv_start 127.0.0.1 1
	net_connect 127.0.0.1 "$SRV_PORT"
	srv_wait
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"PID     COMM             IP SADDR            DADDR            DPORT  ERR" ]
	line=$(printf '%-7s %-16s %-2s %-16s %-16s %-6s %s' "$C_PID" "$NCOMM" 4 127.0.0.1 127.0.0.1 "$SRV_PORT" 0)
	t_check "text: the exact line" grep -qxF "$line" "$T/out"
else
	t_fail "text: tcpconnect started" "$(cat "$T/err")"
fi
if tool_start $TOOL -L -U -e -n "$NCOMM"; then
	srv_start ::1 1
	net_connect ::1 "$SRV_PORT"
	srv_wait
	settle
	tool_stop
	t_check "text -L -U -e: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-6s %-7s %-7s %-16s %-2s %-16s %-6s %-16s %-6s %s' UID PID TID COMM IP SADDR LPORT DADDR DPORT ERR)" ]
	line=$(printf '%-6s %-7s %-7s %-16s %-2s %-16s %-6s %-16s %-6s %s' 0 "$C_PID" "$C_PID" "$NCOMM" 6 ::1 \
		"$C_LPORT" ::1 "$SRV_PORT" 0)
	t_check "text -L -U -e: the exact line with LPORT $C_LPORT" grep -qxF "$line" "$T/out"
else
	t_fail "text -L: tcpconnect started" "$(cat "$T/err")"
fi

# ---- a refused attempt is shown, with -x only failures ----
net_closed_port 127.0.0.1
if tool_start $TOOL -j -n "$NCOMM"; then
	net_connect 127.0.0.1 "$CLOSED_PORT"
	settle
	tool_stop
	t_check "refused: helper saw ECONNREFUSED ($C_ERR)" [ "$C_ERR" = 111 ]
	t_check "refused: the attempt with err 111 and its local port" [ "$(jq_count "$T/out" \
		".pid == $C_PID and .saddr == \"127.0.0.1\" and .daddr == \"127.0.0.1\" and
		 .lport == $C_LPORT and .dport == $CLOSED_PORT and .err == 111")" = 1 ]
	t_check "refused: reported once, not again by sys_exit_connect" \
		[ "$(jq_count "$T/out" ".pid == $C_PID")" = 1 ]
else
	t_fail "refused: tcpconnect started" "$(cat "$T/err")"
fi
if tool_start $TOOL -x -n "$NCOMM"; then
	srv_start 127.0.0.1 1
	net_connect 127.0.0.1 "$SRV_PORT"
	okpid=$C_PID
	srv_wait
	net_connect ::1 "$CLOSED_PORT"
	settle
	tool_stop
	line=$(printf '%-7s %-16s %-2s %-16s %-16s %-6s %s' "$C_PID" "$NCOMM" 6 ::1 ::1 "$CLOSED_PORT" 111)
	t_check "-x: the refused IPv6 attempt" grep -qxF "$line" "$T/out"
	t_check "-x: not the successful one (pid $okpid)" [ "$(awk -v p="$okpid" '$1 == p' "$T/out" | wc -l)" = 0 ]
else
	t_fail "-x: tcpconnect started" "$(cat "$T/err")"
fi

# ---- a connect() that fails before SYN_SENT: no route ----
# unreach_connect ADDR PORT: net_connect from a fresh network namespace
# (only lo, down), so the kernel refuses it before any SYN (ENETUNREACH for
# IPv4); the tool sees the syscall whatever the namespace.
unreach_connect() {
	NX="unshare -n"
	net_connect "$@"
	NX=
}
# unreach_json DESC ADDR ERR: one record of the last unreach_connect in
# $T/out, exact, with the unspecified local end
unreach_json() {
	case $2 in
	*:*) _ip=6 _any=:: ;;
	*) _ip=4 _any=0.0.0.0 ;;
	esac
	t_check "$1: the helper's connect failed with $3 ($C_ERR), local port 0 ($C_LPORT)" \
		[ "$C_ERR $C_LPORT" = "$3 0" ]
	t_check "$1: exactly one record pid $C_PID -> $2:80 err $3" [ "$(jq_count "$T/out" \
		".pid == $C_PID and .tid == $C_PID and .comm == \"$NCOMM\" and .uid == 0 and
		 .ip == $_ip and .saddr == \"$_any\" and .lport == 0 and .daddr == \"$2\" and
		 .dport == 80 and .err == $3 and (.time_s | type) == \"number\"")" = 1 ]
	t_check "$1: nothing else from pid $C_PID" [ "$(jq_count "$T/out" ".pid == $C_PID")" = 1 ]
}
have_sys=
for d in /sys/kernel/tracing /sys/kernel/debug/tracing; do
	[ -d "$d/events/syscalls/sys_exit_connect" ] && have_sys=1
done
if [ -z "$have_sys" ]; then
	if tool_start $TOOL -j; then
		tool_stop
		t_cond "no syscall tracepoints: runs without them, says so with -v" \
			'[ "$TOOL_RC" = 0 ] && grep -q "skipping optional probe sys_exit_connect" "$T/err"'
	else
		t_fail "no syscall tracepoints: tcpconnect started" "$(cat "$T/err")"
	fi
	t_skip "connect() failing before SYN_SENT" "no syscalls:sys_exit_connect tracepoint"
elif tool_start $TOOL -j -n "$NCOMM"; then
	t_check "no route: the syscall tracepoints are attached" \
		grep -q "sys_enter_connect=tracepoint sys_exit_connect=tracepoint" "$T/err"
	unreach_connect 192.0.2.1 80
	settle
	tool_stop
	t_cond "no route json: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
	unreach_json "no route json" 192.0.2.1 101
	if tool_start $TOOL -j -6 -n "$NCOMM"; then
		unreach_connect 2001:db8::1 80
		settle
		tool_stop
		# ENETUNREACH or EADDRNOTAVAIL (no source address), by kernel
		t_cond "no route ipv6: the helper's connect failed before a SYN ($C_ERR)" \
			'[ "$C_ERR" = 101 ] || [ "$C_ERR" = 99 ]'
		unreach_json "no route ipv6 -6" 2001:db8::1 "$C_ERR"
	else
		t_fail "no route ipv6: tcpconnect started" "$(cat "$T/err")"
	fi
else
	t_fail "no route: tcpconnect started" "$(cat "$T/err")"
fi
if [ -n "$have_sys" ]; then
	if tool_start $TOOL -x -n "$NCOMM"; then
		unreach_connect 192.0.2.1 80
		settle
		tool_stop
		line=$(printf '%-7s %-16s %-2s %-16s %-16s %-6s %s' "$C_PID" "$NCOMM" 4 0.0.0.0 192.0.2.1 80 101)
		t_check "no route text -x: the exact line, ERR 101" grep -qxF "$line" "$T/out"
	else
		t_fail "no route text: tcpconnect started" "$(cat "$T/err")"
	fi
	for f in "-P 80" "-P 79,81-90" "-6"; do
		case $f in
		"-P 80") want=1 ;;
		*) want=0 ;;
		esac
		# shellcheck disable=SC2086
		if ref_start -j -n "$NCOMM" && tool_start $TOOL -j -n "$NCOMM" $f; then
			unreach_connect 192.0.2.1 80
			settle
			tool_stop
			ref_stop
			t_check "no route $f: the unfiltered run sees it" \
				[ "$(jq_count "$T/ref.out" ".pid == $C_PID and .dport == 80 and .err == 101")" = 1 ]
			t_check "no route $f: the filtered run has it $want times" \
				[ "$(jq_count "$T/out" ".pid == $C_PID")" = "$want" ]
		else
			t_fail "no route $f: both tcpconnects started" "$(cat "$T/err" "$T/ref.err")"
			[ -n "$REF_PID" ] && ref_stop
			tool_stop
		fi
	done
	if tool_start $TOOL --count -j -n "$NCOMM"; then
		unreach_connect 192.0.2.1 80
		unreach_connect 192.0.2.1 80
		net_connect 127.0.0.1 "$CLOSED_PORT"
		settle
		tool_stop
		t_check "no route --count: 2 attempts 0.0.0.0 -> 192.0.2.1:80" [ "$(jq_count "$T/out" \
			".type == \"connects\" and .laddr == \"0.0.0.0\" and .raddr == \"192.0.2.1\" and
			 .rport == 80 and .connects == 2")" = 1 ]
		t_check "no route --count: the refused one counted once" [ "$(jq_count "$T/out" \
			".raddr == \"127.0.0.1\" and .rport == $CLOSED_PORT and .connects == 1")" = 1 ]
		t_check "no route --count: two rows" [ "$(jq -s length "$T/out")" = 2 ]
	else
		t_fail "no route --count: tcpconnect started" "$(cat "$T/err")"
	fi
fi

# ---- -P, -4, -6: include and exclude, beside an unfiltered run ----
srv_start 127.0.0.1 4
P=$SRV_PORT
other=$((P == 65535 ? P - 1 : P + 1))
for f in "-P $P" "-P 1,$other-$((other))" "-4" "-6"; do
	case $f in
	"-P $P"|-4) want=1 ;;
	*) want=0 ;;
	esac
	# shellcheck disable=SC2086
	if ref_start -j -n "$NCOMM" && tool_start $TOOL -j -n "$NCOMM" $f; then
		net_connect 127.0.0.1 "$P"
		settle
		tool_stop
		ref_stop
		t_check "$f: the unfiltered run sees the connection" \
			[ "$(jq_count "$T/ref.out" ".pid == $C_PID and .dport == $P")" = 1 ]
		t_check "$f: the filtered run has it $want times" \
			[ "$(jq_count "$T/out" ".pid == $C_PID and .dport == $P")" = "$want" ]
	else
		t_fail "$f: both tcpconnects started" "$(cat "$T/err" "$T/ref.err")"
		[ -n "$REF_PID" ] && ref_stop
		tool_stop
	fi
done
srv_wait
srv_start ::1 1
if tool_start $TOOL -j -6 -P "1-2,$SRV_PORT"; then
	net_connect ::1 "$SRV_PORT"
	srv_wait
	settle
	tool_stop
	t_check "-6 -P 1-2,$SRV_PORT: the IPv6 connection to $SRV_PORT is there" \
		[ "$(jq_count "$T/out" ".pid == $C_PID and .ip == 6 and .dport == $SRV_PORT")" = 1 ]
else
	t_fail "-6 -P list: tcpconnect started" "$(cat "$T/err")"
	srv_wait
fi

# ---- a hostile comm ----
H=$T/$(printf 'tk\nc\033[1m\377')
cp "$NET" "$H"
if tool_start $TOOL; then
	srv_start 127.0.0.1 1
	read -r hpid _ <<EOT
$("$H" connect 127.0.0.1 "$SRV_PORT")
EOT
	srv_wait
	settle
	tool_stop
	t_check "hostile comm: escaped on one line" grep -q "^$hpid  *tk\\\\nc\\\\x1b\\[1m\\\\xff  *4 " "$T/out"
	t_check "hostile comm: no raw control byte" \
		[ "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -d '\040-\176' | wc -c)" = 0 ]
else
	t_fail "hostile: tcpconnect started" "$(cat "$T/err")"
fi

# ---- --count: attempts per address pair and port ----
if tool_start $TOOL --count -j -n "$NCOMM"; then
	srv_start 127.0.0.1 1
	net_connect 127.0.0.1 "$SRV_PORT"
	for i in 1 2 3; do net_connect 127.0.0.1 "$CLOSED_PORT"; done
	net_connect ::1 "$CLOSED_PORT"
	srv_wait
	settle
	tool_stop
	t_cond "--count json: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
	t_check "--count json: 3 attempts to 127.0.0.1:$CLOSED_PORT" [ "$(jq_count "$T/out" \
		".type == \"connects\" and .laddr == \"127.0.0.1\" and .raddr == \"127.0.0.1\" and
		 .rport == $CLOSED_PORT and .connects == 3")" = 1 ]
	t_check "--count json: 1 to 127.0.0.1:$SRV_PORT" [ "$(jq_count "$T/out" \
		".raddr == \"127.0.0.1\" and .rport == $SRV_PORT and .connects == 1")" = 1 ]
	t_check "--count json: 1 to [::1]:$CLOSED_PORT" [ "$(jq_count "$T/out" \
		".laddr == \"::1\" and .raddr == \"::1\" and .rport == $CLOSED_PORT and .connects == 1")" = 1 ]
	t_check "--count json: three rows, busiest first" \
		[ "$(jq -s -c '[.[] | .connects]' "$T/out")" = "[3,1,1]" ]
else
	t_fail "--count: tcpconnect started" "$(cat "$T/err")"
fi
if tool_start $TOOL --count -x -n "$NCOMM"; then
	srv_start 127.0.0.1 1
	net_connect 127.0.0.1 "$SRV_PORT"
	net_connect 127.0.0.1 "$CLOSED_PORT"
	net_connect 127.0.0.1 "$CLOSED_PORT"
	srv_wait
	settle
	tool_stop
	t_check "--count text: header" grep -qxF \
		"$(printf '%-25s %-25s %-6s %s' LADDR RADDR RPORT CONNECTS)" "$T/out"
	t_check "--count -x text: the failed attempts, 2" grep -qxF \
		"$(printf '%-25s %-25s %-6s %s' 127.0.0.1 127.0.0.1 "$CLOSED_PORT" 2)" "$T/out"
	t_check "--count -x: not the successful one" [ "$(grep -c " $SRV_PORT " "$T/out")" = 0 ]
else
	t_fail "--count -x: tcpconnect started" "$(cat "$T/err")"
fi
start=$(date +%s)
timeout 30 "$TK_BIN/$TOOL" --count -j 1 2 >"$T/i.out" 2>"$T/i.err"
rc=$?
end=$(date +%s)
t_cond "--count 1 2: exit 0 by itself ($rc) within 10 s ($((end - start)) s)" '[ "$rc" = 0 ] && [ $((end - start)) -le 10 ]'
usage_fails "INTERVAL without --count" 1

# ---- bad input ----
usage_fails "-P 70000" -P 70000
usage_fails "-P 9-3" -P 9-3
usage_fails "-P http" -P http
usage_fails "-4 -6" -4 -6
usage_fails "an unknown option" --bogus
t_done
