#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# bindsnoop end to end: exact records of TCP and UDP binds on IPv4 and IPv6
# with socket options, in JSON and text; a failed bind and -x; -P and
# -4/-6 including and excluding beside an unfiltered run; bad input.
. "$(dirname "$0")/../lib.sh"
. "$TK_ROOT/tests/netlib.sh"
t_need_root
TOOL=bindsnoop
net_init

# nbind ADDR PORT PROTO OPTS: B_PID B_PORT (bound) B_ERR of one bind().
nbind() {
	read -r B_PID B_PORT B_ERR <<EOT
$("$NET" bind "$@")
EOT
}
net_closed_port 127.0.0.1
P4=$CLOSED_PORT
net_closed_port ::1
P6=$CLOSED_PORT

# ---- JSON: exact records ----
if tool_start $TOOL -j; then
	nbind 127.0.0.1 "$P4" tcp rp
	pid1=$B_PID err1=$B_ERR
	nbind ::1 "$P6" udp f
	pid2=$B_PID err2=$B_ERR
	nbind 127.0.0.1 0 tcp n
	pid3=$B_PID
	settle
	tool_stop
	t_cond "json: exit 0, strict JSON" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
	t_check "json: the binds succeeded ($err1 $err2)" [ "$err1$err2" = 00 ]
	t_check "json: TCP 127.0.0.1:$P4 with SO_REUSEADDR and SO_REUSEPORT" [ "$(jq_count "$T/out" \
		".pid == $pid1 and .tid == $pid1 and .comm == \"$NCOMM\" and .uid == 0 and .ret == 0 and
		 .proto == \"TCP\" and .opts == \"...Rr\" and .if == 0 and .port == $P4 and
		 .addr == \"127.0.0.1\" and (.time_s | type) == \"number\"")" = 1 ]
	t_check "json: UDP [::1]:$P6 with IPV6_FREEBIND" [ "$(jq_count "$T/out" \
		".pid == $pid2 and .comm == \"$NCOMM\" and .ret == 0 and .proto == \"UDP\" and
		 .opts == \"F....\" and .port == $P6 and .addr == \"::1\"")" = 1 ]
	t_check "json: port 0 with IP_BIND_ADDRESS_NO_PORT" [ "$(jq_count "$T/out" \
		".pid == $pid3 and .proto == \"TCP\" and .opts == \"..N..\" and .port == 0")" = 1 ]
	t_check "json: three records from the helper" [ "$(jq_count "$T/out" ".comm == \"$NCOMM\"")" = 3 ]
else
	t_fail "json: bindsnoop started" "$(cat "$T/err")"
fi

# ---- text: header, exact lines; a failed bind; -x ----
if tool_start $TOOL; then
	nbind 127.0.0.1 "$P4" tcp r
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"PID     COMM              RET PROTO OPTS   IF  PORT ADDR" ]
	t_check "text: the exact line" grep -qxF \
		"$(printf '%-7s %-16s %4s %-5s %-5s %3s %5s %s' "$B_PID" "$NCOMM" 0 TCP ...R. 0 "$P4" 127.0.0.1)" "$T/out"
else
	t_fail "text: bindsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -x -U -e -n "$NCOMM"; then
	nbind 127.0.0.1 "$P4" tcp
	okpid=$B_PID
	nbind 192.0.2.1 "$P4" tcp		# TEST-NET-1: not local
	settle
	tool_stop
	t_check "-x: the bind failed with EADDRNOTAVAIL ($B_ERR)" [ "$B_ERR" = 99 ]
	t_check "-x -U -e: header" [ "$(head -n 1 "$T/out")" = \
		"UID    PID     TID     COMM              RET PROTO OPTS   IF  PORT ADDR" ]
	t_check "-x -U -e: the failed bind, RET -99" grep -qxF \
		"$(printf '%-6s %-7s %-7s %-16s %4s %-5s %-5s %3s %5s %s' 0 "$B_PID" "$B_PID" "$NCOMM" -99 TCP ..... 0 \
			"$P4" 192.0.2.1)" "$T/out"
	t_check "-x: not the successful one" [ "$(awk -v p="$okpid" '$2 == p' "$T/out" | wc -l)" = 0 ]
else
	t_fail "-x: bindsnoop started" "$(cat "$T/err")"
fi

# ---- -P, -4, -6 beside an unfiltered run ----
for f in "-P $P4" "-P 1,$P6" "-4" "-6"; do
	case $f in
	"-P $P4"|-4) want=1 ;;
	*) want=0 ;;
	esac
	[ "$P6" = "$P4" ] && [ "$f" = "-P 1,$P6" ] && want=1
	# shellcheck disable=SC2086
	if ref_start -j -n "$NCOMM" && tool_start $TOOL -j -n "$NCOMM" $f; then
		nbind 127.0.0.1 "$P4" udp
		settle
		tool_stop
		ref_stop
		t_check "$f: the unfiltered run sees the bind" \
			[ "$(jq_count "$T/ref.out" ".pid == $B_PID and .port == $P4")" = 1 ]
		t_check "$f: the filtered run has it $want times" \
			[ "$(jq_count "$T/out" ".pid == $B_PID and .port == $P4")" = "$want" ]
	else
		t_fail "$f: both bindsnoops started" "$(cat "$T/err" "$T/ref.err")"
		[ -n "$REF_PID" ] && ref_stop
		tool_stop
	fi
done

# ---- bad input ----
usage_fails "-P 1-70000" -P 1-70000
usage_fails "-P ''" -P ''
usage_fails "-4 -6" -4 -6
t_done
