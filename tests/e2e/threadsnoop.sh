#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# threadsnoop end to end: a program makes threads starting in a known
# function; the exact records (pid, new tid, creating tid, comm, FUNC
# symbolized) in JSON and text; -p and -n including and excluding; a
# hostile comm; -e columns; bad input and a missing --libc.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=threadsnoop
MK=$TK_HELPERS/threadmk
t_need_helpers threadmk

COMM=tkthr$RND
OTHER=tktho$RND
cp "$MK" "$T/$COMM" && cp "$MK" "$T/$OTHER"
FN=tk_thread_start_fn
settle() { sleep 0.5; }

# spawn [NAME [COUNT]]: NAME makes COUNT threads and lives 1.5 s more (in
# the background); sets $pid and $tids once it has printed them.
spawn() {
	: >"$T/ids"	# not the last run's ids: the child truncates it only later
	"$T/${1:-$COMM}" "${2:-1}" 1500 >"$T/ids" &
	_sp=$!
	while ! grep -q . "$T/ids" 2>/dev/null; do
		kill -0 "$_sp" 2>/dev/null || break
		sleep 0.05
	done
	pid=$(cut -d' ' -f1 "$T/ids")
	tids=$(cut -d' ' -f2- "$T/ids")
	tid=${tids%% *}
}
# reap: waits for the last spawned program.
reap() { wait "$_sp" 2>/dev/null; }

# ---- JSON: the exact record ----
if tool_start $TOOL -j; then
	spawn
	settle
	tool_stop
	reap
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: every line is strict JSON" "$J" "$T/out"
	n=$(jq_count "$T/out" ".pid == $pid and .tid == $tid and .ptid == $pid and .comm == \"$COMM\" and
		.func == \"$FN\" and .uid == 0 and (.func_addr | test(\"^0x[0-9a-f]+$\")) and
		(.time_s | type) == \"number\"")
	t_check "json: pid $pid, new tid $tid, ptid, comm, func $FN" [ "$n" = 1 ]
	t_check "json: one record for the process" [ "$(jq_count "$T/out" ".pid == $pid")" = 1 ]
	t_check "json: every key present" \
		[ "$("$J" -w "pid=$pid" "$T/out" time_s uid pid tid ptid comm func_addr func | tr '\t' '\n' |
			grep -c .)" = 8 ]
else
	t_fail "json: threadsnoop started" "$(cat "$T/err")"
fi

# ---- text: header and the exact line ----
if tool_start $TOOL; then
	spawn "$COMM" 2
	settle
	tool_stop
	reap
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-14s %-7s %-7s %-16s %s' 'TIME(s)' PID TID COMM FUNC)" ]
	for t in $tids; do
		rest=$(printf '%-7s %-7s %-16s %s' "$pid" "$t" "$COMM" "$FN")
		t_check "text: the exact line for thread $t (PID TID COMM FUNC)" \
			awk -v r="$rest" 'substr($0, 16) == r && $1 ~ /^[0-9]+\.[0-9]+$/ { f = 1 }
				END { exit !f }' "$T/out"
	done
else
	t_fail "text: threadsnoop started" "$(cat "$T/err")"
fi

# ---- -e: UID, PTID, ADDR columns ----
if tool_start $TOOL -e -n "$COMM"; then
	spawn
	settle
	tool_stop
	reap
	t_check "text -e: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-14s %-6s %-7s %-7s %-7s %-16s %-18s %s' 'TIME(s)' UID PID TID PTID COMM ADDR FUNC)" ]
	t_check "text -e: uid 0, ptid $pid, an address, FUNC" \
		awk -v p="$pid" -v t="$tid" -v f="$FN" '$2 == 0 && $3 == p && $4 == t && $5 == p &&
			$7 ~ /^0x[0-9a-f]+$/ && $8 == f { ok = 1 } END { exit !ok }' "$T/out"
else
	t_fail "text -e: threadsnoop started" "$(cat "$T/err")"
fi

# ---- filters: include and exclude in one run ----
if tool_start $TOOL -j -n "$COMM"; then
	spawn "$OTHER"
	opid=$pid
	reap
	spawn
	settle
	tool_stop
	reap
	t_check "-n $COMM: its thread is there" [ "$(jq_count "$T/out" ".pid == $pid and .tid == $tid")" = 1 ]
	t_check "-n $COMM: $OTHER (pid $opid) is not, nor any other comm" \
		[ "$(jq_count "$T/out" ".pid == $opid or .comm != \"$COMM\"")" = 0 ]
else
	t_fail "-n: threadsnoop started" "$(cat "$T/err")"
fi
mkfifo "$T/go"
sh -c 'read x; exec "$0" "$@"' "$T/$COMM" 1 1500 <"$T/go" >"$T/pids" &
ppid=$!
exec 8>"$T/go"
if tool_start $TOOL -j -p "$ppid"; then
	echo go >&8
	exec 8>&-
	spawn
	settle
	tool_stop
	reap
	wait "$ppid"
	t_check "-p $ppid: its thread is there" \
		[ "$(jq_count "$T/out" ".pid == $ppid and .func == \"$FN\"")" = 1 ]
	t_check "-p $ppid: nothing from other pids (pid $pid did the same)" \
		[ "$(jq_count "$T/out" ".pid != $ppid")" = 0 ]
else
	t_fail "-p: threadsnoop started" "$(cat "$T/err")"
	exec 8>&-
fi

# ---- a hostile comm: ESC and newline ----
H=$(printf 'tk\033t\nx')
cp "$MK" "$T/$H"
if tool_start $TOOL -j -n "$H"; then
	spawn "$H"
	settle
	tool_stop
	reap
	t_check "json: hostile comm decoded exactly" [ "$("$J" -c -w "comm=$H" -w "pid=$pid" "$T/out")" = 1 ]
else
	t_fail "hostile json: threadsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -n "$H"; then
	spawn "$H"
	settle
	tool_stop
	reap
	t_check "text: hostile comm escaped (tk\\x1bt\\nx)" \
		awk -v p="$pid" '$2 == p && $4 == "tk\\x1bt\\nx" { f = 1 } END { exit !f }' "$T/out"
else
	t_fail "hostile text: threadsnoop started" "$(cat "$T/err")"
fi

# ---- bad input ----
for args in "-p abc" "--libc" "extra" "-T"; do
	# shellcheck disable=SC2086
	"$TK_BIN/$TOOL" $args >"$T/bad.out" 2>"$T/bad.err"
	rc=$?
	t_check "$TOOL $args: exit 2" [ "$rc" = 2 ]
	t_check "$TOOL $args: message names the tool" grep -q "^$TOOL: " "$T/bad.err"
done
"$TK_BIN/$TOOL" --libc /nonexistent/libc.so.6 -d 1 >"$T/bad.out" 2>"$T/bad.err"
rc=$?
t_check "--libc /nonexistent: exit 1" [ "$rc" = 1 ]
t_check "--libc /nonexistent: says which file and why" \
	grep -q "^$TOOL: attaching a uprobe to pthread_create in /nonexistent/libc.so.6: no such file" "$T/bad.err"

t_done
