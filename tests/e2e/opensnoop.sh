#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# opensnoop end to end: the exact record in JSON and text, failed opens and
# -x, filters in and out (each exclusion shown against an unfiltered run of
# the same open), -T -U -e columns, | head, -d, a hostile file name, lost
# events.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=opensnoop
LOOP=$TK_HELPERS/openloop
t_need_helpers openloop

chmod 711 "$T"
F=$T/tk-open-$RND		# exists
M=$T/tk-missing-$RND		# never exists
W=$T/tk-write-$RND		# created by an O_WRONLY|O_CREAT|O_TRUNC open
: >"$F"
chmod 644 "$F"
# The opener: a copy of sh under a unique name, so its comm is unique.
COMM=tkop$RND
OPENER=$T/$COMM
cp /bin/sh "$OPENER" && chmod 755 "$OPENER"
# a, newline, b, ESC, "[31m", 0xff, c
H=$T/$(printf 'a\nb\033[31m\377c')
H_TEXT="$T/a\\nb\\x1b[31m\\xffc"
: >"$H"

settle() { sleep 0.5; }	# the ring is drained at least every 100 ms

# open_read PATH: the opener opens PATH for reading; its pid lands in $pid.
open_read() {
	"$OPENER" -c 'echo $$ >"$0"; exec 3<"$1"' "$T/pid" "$1" 2>/dev/null
	pid=$(cat "$T/pid")
}

# ref_start (lib.sh): a second opensnoop, for "the filter excludes while an
# unfiltered run sees the event".
SLEEPER=
trap '[ -n "$REF_PID" ] && kill -9 "$REF_PID" 2>/dev/null; [ -n "$SLEEPER" ] && kill "$SLEEPER" 2>/dev/null; _t_cleanup' EXIT

# count FILE KEY=VALUE...: records of FILE matching every KEY=VALUE
# (decoded values compared byte for byte, by jsonget).
count() {
	_f=$1
	shift
	_n=$#
	for _w in "$@"; do
		set -- "$@" -w "$_w"
	done
	shift "$_n"
	"$J" -c "$@" "$_f"
}

# ---- JSON: exactly one record, the exact values ----
if tool_start $TOOL -j; then
	open_read "$F"
	settle
	tool_stop
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: every line is strict JSON" "$J" "$T/out"
	t_check "json: exactly one record for the path" [ "$(count "$T/out" "path=$F")" = 1 ]
	n=$(jq_count "$T/out" ".path == \"$F\" and .pid == $pid and .tid == $pid and .comm == \"$COMM\"
		and .fd >= 0 and .err == 0 and .uid == 0 and .flags == 0 and (.time_s | type) == \"number\"")
	t_check "json: pid $pid, tid, comm, fd >= 0, err 0, uid 0, flags 0" [ "$n" = 1 ]
	t_check "json: every key present" \
		[ "$("$J" -w "path=$F" "$T/out" time_s uid pid tid comm fd err flags path | tr '\t' '\n' |
			grep -c .)" = 9 ]
else
	t_fail "json: opensnoop started" "$(cat "$T/err")"
fi

# ---- text: header and the exact line ----
if tool_start $TOOL; then
	open_read "$F"
	settle
	tool_stop
	t_check "text: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "text: header" [ "$(head -n 1 "$T/out")" = "PID    COMM               FD ERR PATH" ]
	fd=$(awk -v p="$pid" -v c="$COMM" '$1 == p && $2 == c { print $3; exit }' "$T/out")
	line=$(printf '%-6s %-16s %4s %3s %s' "$pid" "$COMM" "$fd" 0 "$F")
	t_check "text: the exact line (PID COMM FD ERR PATH)" grep -qxF "$line" "$T/out"
	t_check "text: fd is a number >= 0" [ "${fd:-x}" -ge 0 ]
else
	t_fail "text: opensnoop started" "$(cat "$T/err")"
fi

# ---- failed opens, -x ----
if tool_start $TOOL -j; then
	open_read "$M"
	settle
	tool_stop
	n=$(jq_count "$T/out" ".path == \"$M\" and .pid == $pid and .fd == -1 and .err == 2")
	t_check "json: failed open: fd -1, err 2 (ENOENT)" [ "$n" = 1 ]
else
	t_fail "json failed: opensnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -x; then
	open_read "$F"
	okpid=$pid
	open_read "$M"
	settle
	tool_stop
	line=$(printf '%-6s %-16s %4s %3s %s' "$pid" "$COMM" -1 2 "$M")
	t_check "text -x: the failed open, FD -1 ERR 2" grep -qxF "$line" "$T/out"
	t_check "text -x: not the successful one" [ "$(grep -cF "$F" "$T/out")" = 0 ]
	t_check "text -x: no line with ERR 0" \
		[ "$(awk 'NR > 1 && $4 == "0"' "$T/out" | wc -l)" = 0 ]
	t_check "text -x: the opener's successful pid $okpid is absent" \
		[ "$(awk -v p="$okpid" '$1 == p' "$T/out" | wc -l)" = 0 ]
else
	t_fail "text -x: opensnoop started" "$(cat "$T/err")"
fi

# ---- filters that include ----
# -p needs the pid first: the opener waits on a fifo before it opens.
mkfifo "$T/go"
"$OPENER" -c 'echo $$ >"$0"; read x <"$2"; exec 3<"$1"' "$T/pid" "$F" "$T/go" &
opid=$!
while [ ! -s "$T/pid" ] || [ "$(cat "$T/pid")" != "$opid" ]; do sleep 0.05; done
if tool_start $TOOL -j -p "$opid"; then
	echo go >"$T/go"
	wait "$opid"
	open_read "$F"		# the same path from another pid
	settle
	tool_stop
	t_check "-p $opid: its open is there" \
		[ "$(jq_count "$T/out" ".path == \"$F\" and .pid == $opid")" = 1 ]
	t_check "-p $opid: nothing from other pids (the same path opened by $pid)" \
		[ "$(jq_count "$T/out" ".pid != $opid")" = 0 ]
else
	t_fail "-p: opensnoop started" "$(cat "$T/err")"
	kill "$opid" 2>/dev/null
fi
if tool_start $TOOL -j -n "$COMM"; then
	open_read "$F"
	cat "$F"		# comm cat: filtered out
	settle
	tool_stop
	t_check "-n $COMM: its open is there" \
		[ "$(jq_count "$T/out" ".path == \"$F\" and .pid == $pid and .comm == \"$COMM\"")" = 1 ]
	t_check "-n $COMM: no other comm" [ "$(jq_count "$T/out" ".comm != \"$COMM\"")" = 0 ]
else
	t_fail "-n: opensnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -u 0; then
	open_read "$F"
	settle
	tool_stop
	t_check "-u 0: root's open is there" [ "$(jq_count "$T/out" ".path == \"$F\" and .pid == $pid")" = 1 ]
	t_check "-u 0: no other uid" [ "$(jq_count "$T/out" ".uid != 0")" = 0 ]
else
	t_fail "-u 0: opensnoop started" "$(cat "$T/err")"
fi
if command -v setpriv >/dev/null 2>&1; then
	if tool_start $TOOL -j -u nobody; then
		open_read "$F"
		rootpid=$pid
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$OPENER" -c 'exec 3<"$0"' "$F"
		settle
		tool_stop
		t_check "-u nobody: nobody's open is there, uid 65534" \
			[ "$(jq_count "$T/out" ".path == \"$F\" and .uid == 65534 and .comm == \"$COMM\"")" = 1 ]
		t_check "-u nobody: root's open of the same path is not" \
			[ "$(jq_count "$T/out" ".pid == $rootpid or .uid != 65534")" = 0 ]
	else
		t_fail "-u nobody: opensnoop started" "$(cat "$T/err")"
	fi
else
	t_fail "setpriv (util-linux) is installed, for the -u nobody test"
fi

# ---- filters that exclude, each beside an unfiltered run ----
sleep 60 &
SLEEPER=$!
for filter in "-p $SLEEPER" "-n tk-nomatch" "-u 65534" "-t $SLEEPER"; do
	# shellcheck disable=SC2086
	if ref_start -j && tool_start $TOOL -j $filter; then
		open_read "$F"
		settle
		tool_stop
		ref_stop
		t_check "$filter: the unfiltered run sees the open" \
			[ "$(count "$T/ref.out" "path=$F" "pid=$pid")" = 1 ]
		t_check "$filter: the filtered run does not" [ "$(count "$T/out" "path=$F")" = 0 ]
		t_cond "$filter: exit 0, output valid" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
	else
		t_fail "$filter: both opensnoops started" "$(cat "$T/err" "$T/ref.err")"
		[ -n "$REF_PID" ] && ref_stop
		tool_stop
	fi
done
kill "$SLEEPER" 2>/dev/null
wait "$SLEEPER" 2>/dev/null
SLEEPER=

# ---- columns: -T, -U, -e (TID and FLAGS of O_WRONLY|O_CREAT|O_TRUNC) ----
if tool_start $TOOL -T -U -e -n "$COMM"; then
	"$OPENER" -c 'echo $$ >"$0"; exec 3>"$1"' "$T/pid" "$W"
	pid=$(cat "$T/pid")
	settle
	tool_stop
	t_check "text -T -U -e: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-14s %-6s %-6s %-6s %-16s %4s %3s %8s %s' 'TIME(s)' UID PID TID COMM FD ERR FLAGS PATH)" ]
	fd=$(awk -v p="$pid" '$3 == p { print $6; exit }' "$T/out")
	rest=$(printf '%-6s %-6s %-6s %-16s %4s %3s %8s %s' 0 "$pid" "$pid" "$COMM" "$fd" 0 00001101 "$W")
	t_check "text -T -U -e: TIME(s), UID 0, TID, FLAGS 00001101 (O_WRONLY|O_CREAT|O_TRUNC)" \
		awk -v r="$rest" 'substr($0, 16) == r && $1 ~ /^[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9]$/ &&
			length($1) <= 14 { f = 1 } END { exit !f }' "$T/out"
else
	t_fail "text -T -U -e: opensnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -n "$COMM"; then
	"$OPENER" -c 'exec 3>"$0"' "$W"
	settle
	tool_stop
	t_check "json: flags 577 (O_WRONLY|O_CREAT|O_TRUNC) as a number" \
		[ "$(jq_count "$T/out" ".path == \"$W\" and .flags == 577")" = 1 ]
else
	t_fail "json flags: opensnoop started" "$(cat "$T/err")"
fi

# ---- | head -1 ends opensnoop quickly with exit 0 ----
( while :; do cat "$F"; sleep 0.05; done ) >/dev/null 2>&1 &
gen=$!
start=$(date +%s)
( timeout 30 "$TK_BIN/$TOOL" 2>"$T/head.err"; echo $? >"$T/head.rc" ) | head -n 1 >"$T/head.out"
end=$(date +%s)
kill "$gen"
wait "$gen" 2>/dev/null
t_check "| head -1: exit 0 (not SIGPIPE, not a timeout)" [ "$(cat "$T/head.rc")" = 0 ]
t_check "| head -1: ended within 10 s ($((end - start)) s)" [ $((end - start)) -le 10 ]
t_check "| head -1: the header came through" grep -q '^PID' "$T/head.out"
t_check "| head -1: nothing on stderr" [ ! -s "$T/head.err" ]

# ---- -d 1 ends by itself ----
start=$(date +%s)
timeout 30 "$TK_BIN/$TOOL" -d 1 >"$T/d.out" 2>"$T/d.err"
rc=$?
end=$(date +%s)
t_check "-d 1: exit 0 by itself" [ "$rc" = 0 ]
t_cond "-d 1: ended within 10 s ($((end - start)) s)" '[ $((end - start)) -le 10 ] && [ $((end - start)) -ge 1 ]'

# ---- a hostile file name ----
if tool_start $TOOL -n "$COMM"; then
	open_read "$H"
	settle
	tool_stop
	line=$(printf '%-6s %-16s' "$pid" "$COMM")
	# (awk -v would interpret the backslashes: pass them through the environment)
	t_check "text: the hostile name escaped (backslash-n, -x1b, -xff)" \
		env L="$line" P="$H_TEXT" awk 'index($0, ENVIRON["L"]) == 1 &&
			substr($0, length($0) - length(ENVIRON["P"]) + 1) == ENVIRON["P"] { f = 1 }
			END { exit !f }' "$T/out"
	t_check "text: no raw control byte on stdout" \
		[ "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -d '\040-\176' | wc -c)" = 0 ]
	t_check "text: one line per event (every line after the header starts with the pid)" \
		[ "$(wc -l <"$T/out")" = $((1 + $(grep -c "^$pid " "$T/out"))) ]
else
	t_fail "text hostile: opensnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -n "$COMM"; then
	open_read "$H"
	settle
	tool_stop
	t_check "json: strict JSON with the hostile name" "$J" "$T/out"
	t_check "json: the path round-trips byte for byte" [ "$(count "$T/out" "path=$H" "pid=$pid")" = 1 ]
	t_check "json: escaped as backslash-n, u001b, udcff" \
		grep -qF '"path":"'"$T"'/a\nb\u001b[31m\udcffc"' "$T/out"
else
	t_fail "json hostile: opensnoop started" "$(cat "$T/err")"
fi

# ---- lost events: stop the reader, overrun the ring, never silent ----
L=$T/tk-lost-$RND
if tool_start $TOOL -j; then
	kill -STOP "$TOOL_PID"
	"$LOOP" 20000 "$L"
	kill -CONT "$TOOL_PID"
	sleep 1.5		# a loss check runs every second
	tool_stop
	t_check "lost: exit 0" [ "$TOOL_RC" = 0 ]
	t_check "lost: strict JSON" "$J" "$T/out"
	seen=$(count "$T/out" "path=$L")
	lost=$(jq -s '[.[] | select(.type == "lost") | .count] | add // 0' "$T/out")
	total=$(jq -s '[.[] | select(.type == "lost") | .total] | max // 0' "$T/out")
	t_check "lost: a {\"type\":\"lost\"} record with count > 0 ($lost)" [ "$lost" -gt 0 ]
	t_check "lost: the counts add up to the last total ($total)" [ "$lost" = "$total" ]
	t_check "lost: records seen ($seen) + lost ($lost) >= 20000 opens: none dropped silently" \
		[ $((seen + lost)) -ge 20000 ]
	t_check "lost: some records got through ($seen)" [ "$seen" -gt 0 ]
	t_check "lost: stderr reports the total" grep -q "lost $total events in total" "$T/err"
else
	t_fail "lost: opensnoop started" "$(cat "$T/err")"
fi
t_done
