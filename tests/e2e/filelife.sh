#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# filelife end to end: a file created, kept 0.5 s and deleted by a
# unique-comm helper gives one record with FILE and AGE(s) in bounds, in
# JSON and text; a file created before filelife started gives none; a
# relative name, "./", a rename and a rename over a tracked file; a hostile
# name; filters in and out; usage errors.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=filelife
t_need_helpers fsops
D=$(cd "$T" && pwd -P)		# paths as the kernel builds them: no symlinks
COMM=tkfl$RND
OPS=$D/$COMM
cp "$TK_HELPERS/fsops" "$OPS"
F=$D/tk-life-$RND
H=$D/$(printf 'a\nb\033[31m\377c')
H_TEXT="$D/a\\nb\\x1b[31m\\xffc"
settle() { sleep 0.5; }
ops() { "$OPS" -p "$D/pid" "$@"; pid=$(cat "$D/pid"); }

# ---- JSON: created, 0.5 s, deleted ----
if tool_start $TOOL -j; then
	ops create "$F" -- sleep 500 -- unlink "$F"
	settle
	tool_stop
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: strict JSON" "$J" "$T/out"
	t_check "json: one record: file, pid, tid, comm, uid 0, call unlink" \
		[ "$(jq_count "$T/out" ".file == \"$F\" and .pid == $pid and .tid == $pid and
			.comm == \"$COMM\" and .uid == 0 and .call == \"unlink\" and
			(.time | type) == \"number\"")" = 1 ]
	t_check "json: age_s between 0.5 and 2 ($(jq -r "select(.file == \"$F\") | .age_s" "$T/out"))" \
		[ "$(jq_count "$T/out" ".file == \"$F\" and .age_s >= 0.5 and .age_s < 2")" = 1 ]
	t_check "json: time is about now" \
		[ "$(jq_count "$T/out" ".file == \"$F\" and (.time - $(date +%s) | fabs) < 30")" = 1 ]
	t_check "json: nothing else from the helper" [ "$(jq_count "$T/out" ".pid == $pid")" = 1 ]
else
	t_fail "json: filelife started" "$(cat "$T/err")"
fi

# ---- text ----
if tool_start $TOOL; then
	ops create "$F" -- sleep 500 -- unlink "$F"
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-8s %-6s %-16s %-8s %s' TIME PID COMM 'AGE(s)' FILE)" ]
	t_check "text: the exact line, AGE(s) 0.5 to 2 with 2 decimals" env P="$pid" C="$COMM" F="$F" awk '
		$1 ~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]$/ && $2 == ENVIRON["P"] && $3 == ENVIRON["C"] &&
		$4 ~ /^[0-9]+\.[0-9][0-9]$/ && $4 >= 0.5 && $4 < 2 && $5 == ENVIRON["F"] && NF == 5 &&
		$0 == sprintf("%-8s %-6s %-16s %-8s %s", $1, $2, $3, $4, $5) { f = 1 } END { exit !f }' "$T/out"
else
	t_fail "text: filelife started" "$(cat "$T/err")"
fi

# ---- a file created before filelife started: no record ----
: >"$F.old"
if tool_start $TOOL -j -n "$COMM"; then
	ops unlink "$F.old" -- create "$F.new" -- unlink "$F.new"
	settle
	tool_stop
	t_check "the file older than filelife: no record" [ "$(jq_count "$T/out" ".file == \"$F.old\"")" = 0 ]
	t_check "the same run sees a new file" [ "$(jq_count "$T/out" ".file == \"$F.new\"")" = 1 ]
	t_check "the old file is gone" [ ! -e "$F.old" ]
else
	t_fail "old file: filelife started" "$(cat "$T/err")"
fi

# ---- relative names, "./", rename, rename over a tracked file ----
if tool_start $TOOL -j -e -n "$COMM"; then
	(cd "$D" && ops create r1 -- rename r1 r2 -- sleep 200 -- unlink ./r2 -- \
		create r3 -- create r4 -- rename r3 r4 -- unlink "$D/r4")
	pid=$(cat "$D/pid")
	settle
	tool_stop
	t_check "relative: r1 renamed to r2, deleted as ./r2: one record for r2, age >= 0.2" \
		[ "$(jq_count "$T/out" ".file == \"$D/r2\" and .call == \"unlink\" and .age_s >= 0.2 and .pid == $pid")" = 1 ]
	t_check "relative: no record for r1 (renamed, not deleted)" [ "$(jq_count "$T/out" ".file == \"$D/r1\"")" = 0 ]
	t_check "rename over r4: r4 (the replaced file) dies, call rename" \
		[ "$(jq_count "$T/out" ".file == \"$D/r4\" and .call == \"rename\"")" = 1 ]
	t_check "rename over r4: r3, now named r4, dies at the unlink" \
		[ "$(jq_count "$T/out" ".file == \"$D/r4\" and .call == \"unlink\"")" = 1 ]
	t_check "no record for r3's old name" [ "$(jq_count "$T/out" ".file == \"$D/r3\"")" = 0 ]
else
	t_fail "relative: filelife started" "$(cat "$T/err")"
fi

# ---- a hostile name ----
if tool_start $TOOL -n "$COMM"; then
	ops create "$H" -- unlink "$H"
	settle
	tool_stop
	t_check "text: the hostile name escaped" env P="$H_TEXT" \
		awk 'substr($0, length($0) - length(ENVIRON["P"]) + 1) == ENVIRON["P"] { f = 1 } END { exit !f }' "$T/out"
	t_check "text: no raw control byte on stdout" \
		[ "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -d '\040-\176' | wc -c)" = 0 ]
else
	t_fail "text hostile: filelife started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -n "$COMM"; then
	ops create "$H" -- unlink "$H"
	settle
	tool_stop
	t_check "json: the hostile name round-trips byte for byte" [ "$("$J" -c -w "file=$H" "$T/out")" = 1 ]
else
	t_fail "json hostile: filelife started" "$(cat "$T/err")"
fi

# ---- filters: include, and exclude beside an unfiltered run ----
"$TK_BIN/$TOOL" -v -j >"$T/ref.out" 2>"$T/ref.err" &
ref=$!
if wait_attached "$ref" "$T/ref.err" && tool_start $TOOL -j -n "$COMM"; then
	ops create "$F" -- unlink "$F"
	: >"$F.sh"
	rm "$F.sh"		# comm rm: filtered out
	settle
	tool_stop
	kill -INT "$ref"
	wait "$ref"
	t_check "-n $COMM: its file is there" [ "$(jq_count "$T/out" ".file == \"$F\" and .pid == $pid")" = 1 ]
	t_check "-n $COMM: no other comm" [ "$(jq_count "$T/out" ".comm != \"$COMM\"")" = 0 ]
	t_check "-n $COMM: the unfiltered run sees rm's file" [ "$(jq_count "$T/ref.out" ".file == \"$F.sh\"")" = 1 ]
else
	t_fail "-n: both filelifes started" "$(cat "$T/err" "$T/ref.err")"
	kill -9 "$ref" 2>/dev/null
	tool_stop
fi
if tool_start $TOOL -j -p 1; then
	ops create "$F" -- unlink "$F"
	settle
	tool_stop
	t_check "-p 1: not the helper's file" [ "$(jq_count "$T/out" ".file == \"$F\"")" = 0 ]
else
	t_fail "-p 1: filelife started" "$(cat "$T/err")"
fi

"$TK_BIN/$TOOL" -x >"$T/o" 2>"$T/e"
t_cond "-x (not a filelife option): exit 2" '[ $? = 2 ] && grep -q "^$TOOL: " "$T/e"'
"$TK_BIN/$TOOL" 5 >"$T/o" 2>"$T/e"
t_cond "a positional argument: exit 2" '[ $? = 2 ] && grep -q "^$TOOL: .*'\''5'\''" "$T/e"'
t_done
