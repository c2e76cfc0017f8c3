#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# tcpaccept end to end: the exact tuple of an accepted loopback connection
# (IPv4 and IPv6) in JSON and text, PID/COMM of the accepting process (not
# the connecting one), -P and -4/-6 including and excluding beside an
# unfiltered run, bad input.
. "$(dirname "$0")/../lib.sh"
. "$TK_ROOT/tests/netlib.sh"
t_need_root
TOOL=tcpaccept
net_init

# accept_one ADDR: a server accepts one connection from the helper;
# A_PID A_LPORT A_RPORT A_FD from the server, C_PID C_LPORT from the client.
accept_one() {
	srv_start "$1" 1
	net_connect "$1" "$SRV_PORT"
	srv_wait
	read -r A_PID A_LPORT A_RPORT A_FD <"$T/srv.out"
}

# ---- JSON: the exact record, IPv4 and IPv6 ----
for a in 127.0.0.1 ::1; do
	ip=4
	[ "$a" = ::1 ] && ip=6
	if tool_start $TOOL -j; then
		accept_one "$a"
		settle
		tool_stop
		t_cond "json $a: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
		t_check "json $a: the server saw the client's port ($A_RPORT = $C_LPORT)" [ "$A_RPORT" = "$C_LPORT" ]
		n=$(jq_count "$T/out" ".pid == $A_PID and .tid == $A_PID and .comm == \"$NCOMM\" and
			.uid == 0 and .ip == $ip and .raddr == \"$a\" and .rport == $C_LPORT and
			.laddr == \"$a\" and .lport == $SRV_PORT and .fd == $A_FD and (.time_s | type) == \"number\"")
		t_check "json $a: one record: pid $A_PID $a:$SRV_PORT <- $a:$C_LPORT fd $A_FD" [ "$n" = 1 ]
		t_check "json $a: not attributed to the connecting pid $C_PID" \
			[ "$(jq_count "$T/out" ".pid == $C_PID")" = 0 ]
	else
		t_fail "json $a: tcpaccept started" "$(cat "$T/err")"
	fi
done

# ---- ends that differ: 127.0.0.2 -> 127.0.0.1, fd00::2 -> fd00::1 ----
if tool_start $TOOL -j -n "$NCOMM"; then
	if net_distinct; then
		settle
		tool_stop
		t_check "distinct: pid $D4_A accepted 127.0.0.1:$D4_S <- 127.0.0.2:$D4_L" [ "$(jq_count "$T/out" \
			".pid == $D4_A and .ip == 4 and .laddr == \"127.0.0.1\" and .lport == $D4_S and
			 .raddr == \"127.0.0.2\" and .rport == $D4_L")" = 1 ]
		t_check "distinct: pid $D6_A accepted [fd00::1]:$D6_S <- [fd00::2]:$D6_L" [ "$(jq_count "$T/out" \
			".pid == $D6_A and .ip == 6 and .laddr == \"fd00::1\" and .lport == $D6_S and
			 .raddr == \"fd00::2\" and .rport == $D6_L")" = 1 ]
	else
		tool_stop
		t_fail "distinct: the connections were made (unshare, nsenter, ip)"
	fi
else
	t_fail "distinct: tcpaccept started" "$(cat "$T/err")"
fi

# ---- text: header and the exact line; -U -e ----
if tool_start $TOOL; then
	accept_one 127.0.0.1
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"PID     COMM             IP RADDR            RPORT LADDR            LPORT" ]
	line=$(printf '%-7s %-16s %-2s %-16s %-5s %-16s %s' "$A_PID" "$NCOMM" 4 127.0.0.1 "$C_LPORT" 127.0.0.1 "$SRV_PORT")
	t_check "text: the exact line" grep -qxF "$line" "$T/out"
else
	t_fail "text: tcpaccept started" "$(cat "$T/err")"
fi
if tool_start $TOOL -U -e -n "$NCOMM"; then
	accept_one ::1
	settle
	tool_stop
	t_check "text -U -e: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-6s %-7s %-7s %-16s %-2s %-16s %-5s %-16s %-5s %s' UID PID TID COMM IP RADDR RPORT LADDR LPORT FD)" ]
	line=$(printf '%-6s %-7s %-7s %-16s %-2s %-16s %-5s %-16s %-5s %s' 0 "$A_PID" "$A_PID" "$NCOMM" 6 ::1 \
		"$C_LPORT" ::1 "$SRV_PORT" "$A_FD")
	t_check "text -U -e: the exact line" grep -qxF "$line" "$T/out"
else
	t_fail "text -U -e: tcpaccept started" "$(cat "$T/err")"
fi

# ---- -P, -4, -6: include and exclude, beside an unfiltered run ----
for a in 127.0.0.1 ::1; do
	srv_start "$a" 2
	P=$SRV_PORT
	other=$((P == 65535 ? P - 1 : P + 1))
	if [ "$a" = ::1 ]; then
		set -- "-P 1,$P" "-P $other" "-6" "-4"
	else
		set -- "-P $P-$P" "-P 1-$((P - 1)),$other" "-4" "-6"
	fi
	want=1
	for f in "$1" "$2"; do
		# shellcheck disable=SC2086
		if ref_start -j -n "$NCOMM" && tool_start $TOOL -j -n "$NCOMM" $f $3; then
			net_connect "$a" "$P"
			sleep 0.3
			settle
			tool_stop
			ref_stop
			t_check "$a $f $3: the unfiltered run sees the accept" \
				[ "$(jq_count "$T/ref.out" ".rport == $C_LPORT and .lport == $P")" = 1 ]
			t_check "$a $f $3: the filtered run has it $want times" \
				[ "$(jq_count "$T/out" ".rport == $C_LPORT and .lport == $P")" = "$want" ]
		else
			t_fail "$a $f: both tcpaccepts started" "$(cat "$T/err" "$T/ref.err")"
			[ -n "$REF_PID" ] && ref_stop
			tool_stop
		fi
		want=0
	done
	srv_wait
	if tool_start $TOOL -j -n "$NCOMM" "$4"; then
		accept_one "$a"
		settle
		tool_stop
		t_check "$a $4: the other family is filtered out" [ "$(jq_count "$T/out" ".pid == $A_PID")" = 0 ]
	else
		t_fail "$a $4: tcpaccept started" "$(cat "$T/err")"
	fi
done

# ---- bad input ----
usage_fails "-P 65536" -P 65536
usage_fails "-P 1,,2" -P 1,,2
usage_fails "-4 -6" -4 -6
usage_fails "-x (accept has no failure mode here)" -x
t_done
