#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# statsnoop end to end: stat() of an existing and of a missing file give the
# exact records in JSON and text; statfs and statx are seen with their
# call names; -x; filters in and out (each exclusion beside an unfiltered
# run); a hostile file name; usage errors.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=statsnoop
t_need_helpers fsops
F=$T/tk-stat-$RND		# exists
M=$T/tk-missing-$RND		# never exists
: >"$F"
COMM=tkst$RND
OPS=$T/$COMM
cp "$TK_HELPERS/fsops" "$OPS"
H=$T/$(printf 'a\nb\033[31m\377c')
H_TEXT="$T/a\\nb\\x1b[31m\\xffc"
: >"$H"
settle() { sleep 0.5; }
# ops OP ARGS...: the unique-comm helper; its pid lands in $pid.
ops() { "$OPS" -p "$T/pid" "$@"; pid=$(cat "$T/pid"); }
REF_PID=
trap '[ -n "$REF_PID" ] && kill -9 "$REF_PID" 2>/dev/null; _t_cleanup' EXIT

# ---- JSON: the exact records ----
if tool_start $TOOL -j; then
	ops stat "$F" -- stat "$M" -- statfs "$F" -- statx "$F"
	settle
	tool_stop
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: strict JSON" "$J" "$T/out"
	t_check "json: stat of the existing file: ret 0, err 0, pid, tid, comm, uid 0" \
		[ "$(jq_count "$T/out" ".path == \"$F\" and .pid == $pid and .tid == $pid and
			.comm == \"$COMM\" and .ret == 0 and .err == 0 and .uid == 0 and
			(.call | IN(\"statfs\", \"statx\") | not) and (.time_s | type) == \"number\"")" = 1 ]
	t_check "json: stat of the missing file: ret -1, err 2 (ENOENT)" \
		[ "$(jq_count "$T/out" ".path == \"$M\" and .pid == $pid and .ret == -1 and .err == 2")" = 1 ]
	for c in statfs statx; do
		t_check "json: $c of the file, ret 0" \
			[ "$(jq_count "$T/out" ".path == \"$F\" and .pid == $pid and .call == \"$c\" and .ret == 0")" = 1 ]
	done
	# (glibc's fstat() of the pid file is newfstatat(fd, "", AT_EMPTY_PATH))
	t_check "json: exactly the 4 calls with a path from the helper" \
		[ "$(jq_count "$T/out" ".pid == $pid and .path != \"\"")" = 4 ]
else
	t_fail "json: statsnoop started" "$(cat "$T/err")"
fi

# ---- text: header and exact lines ----
if tool_start $TOOL; then
	ops stat "$F" -- stat "$M"
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = "PID    COMM              RET ERR PATH" ]
	t_check "text: the successful stat" grep -qxF "$(printf '%-6s %-16s %4s %3s %s' "$pid" "$COMM" 0 0 "$F")" "$T/out"
	t_check "text: the failed stat" grep -qxF "$(printf '%-6s %-16s %4s %3s %s' "$pid" "$COMM" -1 2 "$M")" "$T/out"
else
	t_fail "text: statsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -T -U -e -n "$COMM"; then
	ops statfs "$F"
	settle
	tool_stop
	t_check "text -T -U -e: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-14s %-6s %-6s %-6s %-16s %4s %3s %-10s %s' 'TIME(s)' UID PID TID COMM RET ERR CALL PATH)" ]
	rest=$(printf '%-6s %-6s %-6s %-16s %4s %3s %-10s %s' 0 "$pid" "$pid" "$COMM" 0 0 statfs "$F")
	t_check "text -T -U -e: the exact line" \
		awk -v r="$rest" 'substr($0, 16) == r && $1 ~ /^[0-9]+\.[0-9]+$/ { f = 1 } END { exit !f }' "$T/out"
else
	t_fail "text -T -U -e: statsnoop started" "$(cat "$T/err")"
fi

# ---- -x: failed only ----
if tool_start $TOOL -j -x; then
	ops stat "$F" -- stat "$M"
	settle
	tool_stop
	t_check "-x: the failed stat is there" [ "$(jq_count "$T/out" ".path == \"$M\" and .pid == $pid and .err == 2")" = 1 ]
	t_check "-x: the successful one is not" [ "$(jq_count "$T/out" ".path == \"$F\"")" = 0 ]
	t_check "-x: no record with ret 0" [ "$(jq_count "$T/out" ".ret == 0")" = 0 ]
else
	t_fail "-x: statsnoop started" "$(cat "$T/err")"
fi

# ---- filters: include, and exclude beside an unfiltered run ----
if tool_start $TOOL -j -n "$COMM"; then
	ops stat "$F"
	stat "$F" >/dev/null	# comm stat: filtered out
	settle
	tool_stop
	t_check "-n $COMM: its stat is there" [ "$(jq_count "$T/out" ".path == \"$F\" and .pid == $pid")" = 1 ]
	t_check "-n $COMM: nothing else" [ "$(jq_count "$T/out" ".comm != \"$COMM\"")" = 0 ]
else
	t_fail "-n: statsnoop started" "$(cat "$T/err")"
fi
mkfifo "$T/go"
"$OPS" -p "$T/pid2" wait "$T/go" -- stat "$F" &
opid=$!
while [ "$(cat "$T/pid2" 2>/dev/null)" != "$opid" ]; do sleep 0.05; done
if tool_start $TOOL -j -p "$opid"; then
	echo go >"$T/go"
	wait "$opid"
	ops stat "$F"
	settle
	tool_stop
	t_check "-p $opid: its stat is there" [ "$(jq_count "$T/out" ".path == \"$F\" and .pid == $opid")" = 1 ]
	t_check "-p $opid: no other pid (the same stat by $pid)" [ "$(jq_count "$T/out" ".pid != $opid")" = 0 ]
else
	t_fail "-p: statsnoop started" "$(cat "$T/err")"
	kill "$opid" 2>/dev/null
fi
for filter in "-n tk-nomatch" "-u 65534" "-p 1"; do
	# shellcheck disable=SC2086
	if ref_start -j && tool_start $TOOL -j $filter; then
		ops stat "$F"
		settle
		tool_stop
		ref_stop
		t_check "$filter: the unfiltered run sees the stat" \
			[ "$(jq_count "$T/ref.out" ".path == \"$F\" and .pid == $pid")" = 1 ]
		t_check "$filter: the filtered run does not" [ "$(jq_count "$T/out" ".path == \"$F\"")" = 0 ]
	else
		t_fail "$filter: both statsnoops started" "$(cat "$T/err" "$T/ref.err")"
		[ -n "$REF_PID" ] && ref_stop
		tool_stop
	fi
done

# ---- a hostile file name ----
if tool_start $TOOL -n "$COMM"; then
	ops stat "$H"
	settle
	tool_stop
	t_check "text: the hostile name escaped (\\n, \\x1b, \\xff)" \
		grep -qxF "$(printf '%-6s %-16s %4s %3s ' "$pid" "$COMM" 0 0)$H_TEXT" "$T/out"
	t_check "text: no raw control byte on stdout" \
		[ "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -d '\040-\176' | wc -c)" = 0 ]
else
	t_fail "text hostile: statsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -n "$COMM"; then
	ops stat "$H"
	settle
	tool_stop
	t_check "json: strict JSON with the hostile name" "$J" "$T/out"
	t_check "json: the path round-trips byte for byte" [ "$("$J" -c -w "path=$H" -w "pid=$pid" "$T/out")" = 1 ]
else
	t_fail "json hostile: statsnoop started" "$(cat "$T/err")"
fi

# ---- lost events: stop the reader, overrun the ring, never silent ----
if tool_start $TOOL -j -n "$COMM"; then
	kill -STOP "$TOOL_PID"
	ops stats 20000 "$F"
	kill -CONT "$TOOL_PID"
	sleep 1.5		# a loss check runs every second
	tool_stop
	seen=$(jq_count "$T/out" ".path == \"$F\" and .pid == $pid")
	lost=$(jq -s '[.[] | select(.type == "lost") | .count] | add // 0' "$T/out")
	t_cond "lost: strict JSON, exit 0" '[ "$TOOL_RC" = 0 ] && "$J" "$T/out"'
	t_check "lost: a lost record with count > 0 ($lost)" [ "$lost" -gt 0 ]
	t_check "lost: seen ($seen) + lost ($lost) >= 20000 stats" [ $((seen + lost)) -ge 20000 ]
	t_check "lost: stderr reports the total" grep -q "lost [0-9]* events in total" "$T/err"
else
	t_fail "lost: statsnoop started" "$(cat "$T/err")"
fi

# ---- usage errors ----
"$TK_BIN/$TOOL" extra >"$T/o" 2>"$T/e"
t_cond "a positional argument: exit 2, one message" '[ $? = 2 ] && [ ! -s "$T/o" ] && grep -q "^$TOOL: .*extra" "$T/e"'
"$TK_BIN/$TOOL" --print-uid=1 >"$T/o" 2>"$T/e"
t_cond "--print-uid=1 (takes no value): exit 2" '[ $? = 2 ] && grep -q "^$TOOL: " "$T/e"'
t_done
