#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# tcpretrans end to end: between two network namespaces, nftables drops a
# connection's data for 0.5 s, so its sender retransmits; the exact tuple
# (IPv4 and IPv6) in JSON and text, --count, -L/-D and -4/-6 including and
# excluding, a lost SYN, -l (tail loss probes: kprobe/fentry only), bad
# input.
. "$(dirname "$0")/../lib.sh"
. "$TK_ROOT/tests/netlib.sh"
. "$TK_ROOT/tests/flowlib.sh"
. "$TK_ROOT/tests/nslib.sh"
t_need_root
TOOL=tcpretrans
net_init
flow_init
command -v nft >/dev/null 2>&1 || { t_fail "nft is installed (Debian nftables; make deps)"; t_done; exit 0; }
ns_init
trap 'ns_cleanup; [ -n "$FSRV_PID" ] && kill "$FSRV_PID" 2>/dev/null; _t_cleanup' EXIT

# lossy SERVER CLIENT: a connection from CLIENT (in NSB) to SERVER (in NSA)
# whose data NSA drops for 0.5 s; the client sends 500 bytes, then another
# 500 after 0.9 s, so its first segment is retransmitted while ESTABLISHED
lossy() {
	ns_flow_server "$1" 1 0 0
	SPORT=$FSRV_PORT
	nsa_drop "tcp dport $SPORT meta length > 200"
	(sleep 0.5; nsa_undrop) &
	ns_flow_client "$1" "$SPORT" 1000 2 900
	wait $!
	flow_wait
	settle
}

for a in "$A4 $B4 4" "$A6 $B6 6"; do
	set -- $a
	srv=$1 cli=$2 ip=$3
	if tool_start $TOOL -j; then
		lossy "$srv"
		tool_stop
		t_cond "json $srv: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
		t_check "json $srv: the client sent it all (server read $(cut -d' ' -f4 "$T/fsrv.out"))" \
			[ "$(cut -d' ' -f4 "$T/fsrv.out")" = 1000 ]
		n=$(jq_count "$T/out" ".kind == \"retransmit\" and .ip == $ip and .laddr == \"$cli\" and
			.lport == $F_LPORT and .raddr == \"$srv\" and .rport == $SPORT and .state == \"ESTABLISHED\" and
			(.pid | type) == \"number\" and (.time | type) == \"number\"")
		t_check "json $srv: retransmits of $cli:$F_LPORT -> $srv:$SPORT while ESTABLISHED ($n)" [ "$n" -ge 1 ]
		t_check "json $srv: none of another connection to that port" \
			[ "$(jq_count "$T/out" ".rport == $SPORT and .lport != $F_LPORT")" = 0 ]
	else
		t_fail "json $srv: tcpretrans started" "$(cat "$T/err")"
	fi
done

# ---- a lost SYN: retransmitted while SYN_SENT (after the 1 s initial RTO) ----
if tool_start $TOOL -j -4; then
	ns_flow_server "$A4" 1 0 0
	SPORT=$FSRV_PORT
	nsa_drop "tcp dport $SPORT tcp flags syn"
	(sleep 0.5; nsa_undrop) &
	ns_flow_client "$A4" "$SPORT" 10 1 0
	wait $!
	flow_wait
	settle
	tool_stop
	t_check "SYN: retransmitted by $B4:$F_LPORT -> $A4:$SPORT in SYN_SENT" [ "$(jq_count "$T/out" \
		".kind == \"retransmit\" and .laddr == \"$B4\" and .lport == $F_LPORT and .raddr == \"$A4\" and
		 .rport == $SPORT and .state == \"SYN_SENT\"")" -ge 1 ]
else
	t_fail "SYN: tcpretrans started" "$(cat "$T/err")"
fi

# ---- text ----
if tool_start $TOOL; then
	lossy "$A4"
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = "$(printf '%-8s %-7s %-2s %-26s %-2s %-26s %s' \
		TIME PID IP LADDR:LPORT 'T>' RADDR:RPORT STATE)" ]
	line=$(printf '%-2s %-26s %-2s %-26s %s' 4 "$B4:$F_LPORT" 'R>' "$A4:$SPORT" ESTABLISHED)
	t_check "text: the exact line" grep -qE "^[0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]+ +$line\$" "$T/out"
else
	t_fail "text: tcpretrans started" "$(cat "$T/err")"
fi
if tool_start $TOOL -6; then
	lossy "$A6"
	tool_stop
	line=$(printf '%-2s %-26s %-2s %-26s %s' 6 "[$B6]:$F_LPORT" 'R>' "[$A6]:$SPORT" ESTABLISHED)
	t_check "text -6: the exact IPv6 line" eval 'grep "^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] [0-9 ]\{7\} " "$T/out" | cut -c18- | grep -qxF "$line"'
else
	t_fail "text -6: tcpretrans started" "$(cat "$T/err")"
fi

# ---- --count ----
if tool_start $TOOL --count -j; then
	lossy "$A4"
	tool_stop
	t_cond "--count -j: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
	t_check "--count -j: one row for the connection, retransmits >= 1" [ "$(jq_count "$T/out" \
		".type == \"connection\" and .kind == \"retransmit\" and .laddr == \"$B4\" and .lport == $F_LPORT and
		 .raddr == \"$A4\" and .rport == $SPORT and .retransmits >= 1")" = 1 ]
else
	t_fail "--count -j: tcpretrans started" "$(cat "$T/err")"
fi
if tool_start $TOOL --count; then
	lossy "$A4"
	tool_stop
	t_check "--count: header" grep -qxF "$(printf '%-26s %-2s %-26s %s' LADDR:LPORT 'T>' RADDR:RPORT RETRANSMITS)" "$T/out"
	t_check "--count: the connection's row" grep -qE "^$(printf '%-26s %-2s %-26s ' "$B4:$F_LPORT" 'R>' "$A4:$SPORT")[1-9][0-9]*\$" "$T/out"
else
	t_fail "--count: tcpretrans started" "$(cat "$T/err")"
fi

# ---- filters: include and exclude ----
for f in D D1 L 6; do
	case $f in
	D) want=yes ;;
	*) want=no ;;
	esac
	ns_flow_server "$A4" 1 0 0
	SPORT=$FSRV_PORT
	case $f in
	D) args="-D 1,$SPORT" ;;
	D1) args="-D 1" ;;
	L) args="-L $SPORT" ;;
	6) args="-6" ;;
	esac
	# shellcheck disable=SC2086
	if ref_start -j && tool_start $TOOL -j $args; then
		nsa_drop "tcp dport $SPORT meta length > 200"
		(sleep 0.5; nsa_undrop) &
		ns_flow_client "$A4" "$SPORT" 1000 2 900
		wait $!
		flow_wait
		settle
		tool_stop
		ref_stop
		q=".lport == $F_LPORT and .rport == $SPORT"
		t_check "$args: the unfiltered run has the retransmits" [ "$(jq_count "$T/ref.out" "$q")" -ge 1 ]
		n=$(jq_count "$T/out" "$q")
		if [ $want = yes ]; then
			t_check "$args: the filtered run has them too ($n)" [ "$n" -ge 1 ]
		else
			t_check "$args: the filtered run has none ($n)" [ "$n" = 0 ]
		fi
	else
		t_fail "$args: both tcpretrans started" "$(cat "$T/err" "$T/ref.err")"
		[ -n "$REF_PID" ] && ref_stop
		tool_stop
		kill "$FSRV_PID" 2>/dev/null
		flow_wait
	fi
done

# ---- -l: tail loss probes need fentry or kprobes ----
"$TK_BIN/$TOOL" -l -d 1 >"$T/l.out" 2>"$T/l.err"
rc=$?
if [ -e /sys/bus/event_source/devices/kprobe/type ]; then
	t_check "-l: runs where kprobes exist ($rc)" [ "$rc" = 0 ]
else
	t_check "-l without kprobes: exit 1 ($rc)" [ "$rc" = 1 ]
	t_check "-l without kprobes: the message names the missing feature" grep -q "kprobe" "$T/l.err"
fi

# ---- bad input ----
usage_fails "-L 70000" -L 70000
usage_fails "-D x" -D x
usage_fails "-4 -6" -4 -6
usage_fails "-p (no process filter)" -p 1
usage_fails "a positional argument" 5
usage_fails "an unknown option" --bogus
t_done
