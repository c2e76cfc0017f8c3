#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# tcpdrop end to end: a SYN to a closed loopback port (dropped: NO_SOCKET,
# IPv4 and IPv6) and data dropped by nftables between two network
# namespaces (NETFILTER_DROP), each with its exact tuple, flags, reason and
# kernel stack, in JSON and text; -R, -P, -4/-6 including and excluding;
# --no-stack, -e, --list-reasons; a hostile comm; bad input.
. "$(dirname "$0")/../lib.sh"
. "$TK_ROOT/tests/netlib.sh"
. "$TK_ROOT/tests/flowlib.sh"
. "$TK_ROOT/tests/nslib.sh"
t_need_root
TOOL=tcpdrop
net_init
flow_init

# ---- JSON: a SYN to a closed port, IPv4 and IPv6 ----
for a in 127.0.0.1 ::1; do
	ip=4 rcv=tcp_v4_rcv
	[ "$a" = ::1 ] && ip=6 rcv=tcp_v6_rcv
	net_closed_port "$a"
	if tool_start $TOOL -j -P "$CLOSED_PORT"; then
		net_connect "$a" "$CLOSED_PORT"
		settle
		tool_stop
		t_cond "json $a: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
		t_check "json $a: connect was refused ($C_ERR)" [ "$C_ERR" = 111 ]
		t_check "json $a: the SYN $a:$C_LPORT > $a:$CLOSED_PORT dropped, NO_SOCKET, in $rcv" \
			[ "$(jq_count "$T/out" ".ip == $ip and .saddr == \"$a\" and .sport == $C_LPORT and
				.daddr == \"$a\" and .dport == $CLOSED_PORT and .flags == \"SYN\" and
				.reason == \"NO_SOCKET\" and .state == \"-\" and (.location | type) == \"string\" and
				([.kstack[].sym] | index(\"$rcv\")) != null")" = 1 ]
	else
		t_fail "json $a: tcpdrop started" "$(cat "$T/err")"
	fi
done

# ---- text: header, the exact line, the stack under it; --no-stack; -e ----
net_closed_port 127.0.0.1
if tool_start $TOOL -P "$CLOSED_PORT"; then
	net_connect 127.0.0.1 "$CLOSED_PORT"
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = "$(printf '%-8s %-2s %-21s %-1s %-21s %-11s %-9s %s' \
		TIME IP SADDR:SPORT '>' DADDR:DPORT STATE FLAGS REASON)" ]
	line=$(printf '%-2s %-21s %-1s %-21s %-11s %-9s %s' 4 "127.0.0.1:$C_LPORT" '>' "127.0.0.1:$CLOSED_PORT" \
		- SYN NO_SOCKET)
	t_check "text: the exact line" eval 'grep "^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] " "$T/out" | cut -c10- | grep -qxF "$line"'
	t_check "text: the kernel stack under it names tcp_v4_rcv" grep -q '^        tcp_v4_rcv+0x' "$T/out"
else
	t_fail "text: tcpdrop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -e --no-stack -P "$CLOSED_PORT"; then
	net_connect ::1 "$CLOSED_PORT"
	settle
	tool_stop
	t_check "text -e: header with PID and COMM" [ "$(head -n 1 "$T/out")" = "$(printf \
		'%-8s %-7s %-16s %-2s %-21s %-1s %-21s %-11s %-9s %s' TIME PID COMM IP SADDR:SPORT '>' DADDR:DPORT \
		STATE FLAGS REASON)" ]
	line=$(printf '%-7s %-16s %-2s %-21s %-1s %-21s %-11s %-9s %s' "$C_PID" "$NCOMM" 6 "[::1]:$C_LPORT" '>' \
		"[::1]:$CLOSED_PORT" - SYN NO_SOCKET)
	t_check "text -e: the exact IPv6 line, the connecting task current" \
		eval 'grep "^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] " "$T/out" | cut -c10- | grep -qxF "$line"'
	t_check "--no-stack: no stack lines" [ "$(grep -c '^        ' "$T/out")" = 0 ]
else
	t_fail "text -e: tcpdrop started" "$(cat "$T/err")"
fi

# ---- filters: include and exclude, beside an unfiltered run ----
net_closed_port 127.0.0.1
other=$((CLOSED_PORT == 65535 ? CLOSED_PORT - 1 : CLOSED_PORT + 1))
for f in "-R NO_SOCKET" "-R no_socket,TCP_CSUM" "-R TCP_CSUM" "-P $other" "-4" "-6"; do
	case $f in
	"-R NO_SOCKET"|"-R no_socket,TCP_CSUM"|-4) want=1 ;;
	*) want=0 ;;
	esac
	# shellcheck disable=SC2086
	if ref_start -j --no-stack -P "$CLOSED_PORT" && tool_start $TOOL -j --no-stack $f; then
		net_connect 127.0.0.1 "$CLOSED_PORT"
		settle
		tool_stop
		ref_stop
		q=".sport == $C_LPORT and .dport == $CLOSED_PORT"
		t_check "$f: the unfiltered run has the drop" [ "$(jq_count "$T/ref.out" "$q")" = 1 ]
		t_check "$f: the filtered run has it $want times" [ "$(jq_count "$T/out" "$q")" = "$want" ]
	else
		t_fail "$f: both tcpdrops started" "$(cat "$T/err" "$T/ref.err")"
		[ -n "$REF_PID" ] && ref_stop
		tool_stop
	fi
done

# ---- between namespaces: data dropped by nftables ----
if command -v nft >/dev/null 2>&1; then
	ns_init
	trap 'ns_cleanup; [ -n "$FSRV_PID" ] && kill "$FSRV_PID" 2>/dev/null; _t_cleanup' EXIT
	for pair in "$A4 $B4" "$A6 $B6"; do
		set -- $pair
		if tool_start $TOOL -j -R NETFILTER_DROP; then
			ns_flow_server "$1" 1 0 0
			SPORT=$FSRV_PORT
			nsa_drop "tcp dport $SPORT meta length > 200"
			(sleep 0.5; nsa_undrop) &
			ns_flow_client "$1" "$SPORT" 1000 2 900
			wait $!
			flow_wait
			settle
			tool_stop
			n=$(jq_count "$T/out" ".saddr == \"$2\" and .sport == $F_LPORT and .daddr == \"$1\" and
				.dport == $SPORT and .reason == \"NETFILTER_DROP\" and (.flags | test(\"ACK\")) and
				([.kstack[].sym] | index(\"nf_hook_slow\")) != null")
			t_check "namespaces $1: data $2:$F_LPORT > $1:$SPORT dropped by nftables ($n times)" [ "$n" -ge 1 ]
		else
			t_fail "namespaces $1: tcpdrop started" "$(cat "$T/err")"
		fi
	done
else
	t_fail "nft is installed (Debian nftables; make deps)"
fi

# ---- --list-reasons ----
"$TK_BIN/$TOOL" --list-reasons >"$T/l.out" 2>"$T/l.err"
t_check "--list-reasons: exit 0" [ "$?" = 0 ]
t_check "--list-reasons: this kernel's NO_SOCKET and NETFILTER_DROP, by number" \
	eval 'grep -qE "^[0-9]+ NO_SOCKET\$" "$T/l.out" && grep -qE "^[0-9]+ NETFILTER_DROP\$" "$T/l.out"'

# ---- a hostile comm (-e shows the current task: the connecting one) ----
H=$T/$(printf 'tk\nc\033[1m\377')
cp "$NET" "$H"
net_closed_port 127.0.0.1
if tool_start $TOOL -e --no-stack -P "$CLOSED_PORT"; then
	read -r hpid _ <<EOT
$("$H" connect 127.0.0.1 "$CLOSED_PORT")
EOT
	settle
	tool_stop
	t_check "hostile comm: escaped on one line" grep -q " $hpid  *tk\\\\nc\\\\x1b\\[1m\\\\xff  *4 " "$T/out"
	t_check "hostile comm: no raw control byte" \
		[ "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -d '\040-\176' | wc -c)" = 0 ]
else
	t_fail "hostile: tcpdrop started" "$(cat "$T/err")"
fi

# ---- bad input ----
usage_fails "-R BOGUS" -R BOGUS
usage_fails "-R with an empty name" -R ,
usage_fails "-P 70000" -P 70000
usage_fails "-4 -6" -4 -6
usage_fails "-p (no process filter)" -p 1
usage_fails "an unknown option" --bogus
t_done
