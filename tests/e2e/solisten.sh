#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# solisten end to end: exact records of listen() on IPv4 and IPv6 in JSON
# and text, a failed listen and -x, -P and -4/-6 beside an unfiltered run,
# -N with a network namespace the test creates, --show-netns, bad input.
. "$(dirname "$0")/../lib.sh"
. "$TK_ROOT/tests/netlib.sh"
t_need_root
TOOL=solisten
net_init
HOST_INO=$(stat -L -c %i /proc/self/ns/net)

# nlisten ADDR PORT BACKLOG [udp]: L_PID L_PORT L_ERR.
nlisten() {
	read -r L_PID L_PORT L_ERR <<EOT
$($NX "$NET" listen "$@")
EOT
}

# ---- JSON: exact records ----
if tool_start $TOOL -j; then
	nlisten 127.0.0.1 0 7
	p1=$L_PID port1=$L_PORT
	nlisten ::1 0 129
	settle
	tool_stop
	t_cond "json: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
	t_check "json: TCPv4 127.0.0.1:$port1 backlog 7" [ "$(jq_count "$T/out" \
		".pid == $p1 and .tid == $p1 and .comm == \"$NCOMM\" and .uid == 0 and .ret == 0 and
		 .proto == \"TCPv4\" and .backlog == 7 and .port == $port1 and .addr == \"127.0.0.1\" and
		 .netns == $HOST_INO and (.time_s | type) == \"number\"")" = 1 ]
	t_check "json: TCPv6 [::1]:$L_PORT backlog 129" [ "$(jq_count "$T/out" \
		".pid == $L_PID and .comm == \"$NCOMM\" and .ret == 0 and .proto == \"TCPv6\" and
		 .backlog == 129 and .port == $L_PORT and .addr == \"::1\"")" = 1 ]
	t_check "json: two records from the helper" [ "$(jq_count "$T/out" ".comm == \"$NCOMM\"")" = 2 ]
else
	t_fail "json: solisten started" "$(cat "$T/err")"
fi

# ---- text: header and exact line; --show-netns -U -e ----
if tool_start $TOOL; then
	nlisten 127.0.0.1 0 5
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"PID     COMM              RET PROTO   BACKLOG  PORT  ADDR" ]
	t_check "text: the exact line" grep -qxF \
		"$(printf '%-7s %-16s %4s %-7s %-8s %-5s %s' "$L_PID" "$NCOMM" 0 TCPv4 5 "$L_PORT" 127.0.0.1)" "$T/out"
else
	t_fail "text: solisten started" "$(cat "$T/err")"
fi
if tool_start $TOOL --show-netns -U -e -n "$NCOMM"; then
	nlisten ::1 0 5
	settle
	tool_stop
	fmt='%-6s %-7s %-7s %-16s %-12s %4s %-7s %-8s %-5s %s'
	t_check "text --show-netns -U -e: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf "$fmt" UID PID TID COMM NETNS RET PROTO BACKLOG PORT ADDR)" ]
	t_check "text --show-netns -U -e: the exact line" grep -qxF \
		"$(printf "$fmt" 0 "$L_PID" "$L_PID" "$NCOMM" "$HOST_INO" 0 TCPv6 5 "$L_PORT" ::1)" "$T/out"
else
	t_fail "text --show-netns: solisten started" "$(cat "$T/err")"
fi

# ---- a failed listen (UDP: EOPNOTSUPP) and -x ----
if tool_start $TOOL -x -n "$NCOMM"; then
	nlisten 127.0.0.1 0 5
	okpid=$L_PID
	nlisten 127.0.0.1 0 5 udp
	settle
	tool_stop
	t_check "-x: the helper's listen failed with EOPNOTSUPP ($L_ERR)" [ "$L_ERR" = 95 ]
	t_check "-x: the failed listen, RET -95, UDPv4" grep -qxF \
		"$(printf '%-7s %-16s %4s %-7s %-8s %-5s %s' "$L_PID" "$NCOMM" -95 UDPv4 5 "$L_PORT" 127.0.0.1)" "$T/out"
	t_check "-x: not the successful one" [ "$(awk -v p="$okpid" '$1 == p' "$T/out" | wc -l)" = 0 ]
else
	t_fail "-x: solisten started" "$(cat "$T/err")"
fi

# ---- -P, -4, -6 beside an unfiltered run ----
net_closed_port 127.0.0.1
P=$CLOSED_PORT
for f in "-P $P" "-P $((P - 1)),$((P + 1))-65535" "-4" "-6"; do
	case $f in
	"-P $P"|-4) want=1 ;;
	*) want=0 ;;
	esac
	# shellcheck disable=SC2086
	if ref_start -j -n "$NCOMM" && tool_start $TOOL -j -n "$NCOMM" $f; then
		nlisten 127.0.0.1 "$P" 5
		settle
		tool_stop
		ref_stop
		t_check "$f: the unfiltered run sees the listen" \
			[ "$(jq_count "$T/ref.out" ".pid == $L_PID and .port == $P")" = 1 ]
		t_check "$f: the filtered run has it $want times" \
			[ "$(jq_count "$T/out" ".pid == $L_PID and .port == $P")" = "$want" ]
	else
		t_fail "$f: both solistens started" "$(cat "$T/err" "$T/ref.err")"
		[ -n "$REF_PID" ] && ref_stop
		tool_stop
	fi
done

# ---- -N: a listen in a new network namespace, one on the host ----
if netns_add; then
	if tool_start $TOOL -j -N "$NS_INO" -n "$NCOMM"; then
		NX="nsenter --net=$NS"
		nlisten 127.0.0.1 0 5
		nspid=$L_PID
		NX=
		nlisten 127.0.0.1 0 5
		settle
		tool_stop
		t_check "-N $NS_INO: the namespace's listen" \
			[ "$(jq_count "$T/out" ".pid == $nspid and .netns == $NS_INO")" = 1 ]
		t_check "-N $NS_INO: not the host's (pid $L_PID)" \
			[ "$(jq_count "$T/out" ".pid == $L_PID or .netns != $NS_INO")" = 0 ]
	else
		t_fail "-N: solisten started" "$(cat "$T/err")"
	fi
else
	t_fail "a network namespace can be made (unshare --net=FILE, nsenter, ip)"
fi

# ---- bad input ----
usage_fails "-P 80-" -P 80-
usage_fails "-N -1" -N -1
usage_fails "-4 -6" -4 -6
t_done
