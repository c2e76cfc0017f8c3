#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# syncsnoop end to end: fsync, fdatasync, sync_file_range, msync, syncfs
# and sync from a unique-comm helper, with the exact CALL, FD and PATH in
# JSON and text, and the exact msync and sync_file_range arguments (none of
# them the zero defaults); a path across a mount point; a hostile file name; filters in and
# out; usage errors.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=syncsnoop
t_need_helpers fsops
F=$T/tk-sync-$RND
: >"$F"
COMM=tksy$RND
OPS=$T/$COMM
cp "$TK_HELPERS/fsops" "$OPS"
H=$T/$(printf 'a\nb\033[31m\377c')
H_TEXT="$T/a\\nb\\x1b[31m\\xffc"
: >"$H"
# a file on another mount (tmpfs): the path is built across the mount point
S=/dev/shm/tk-sync-$RND
trap 'rm -f "$S"; _t_cleanup' EXIT
settle() { sleep 0.5; }
ops() { "$OPS" -p "$T/pid" "$@" >"$T/ops.out"; pid=$(cat "$T/pid"); }
PAGE=$(getconf PAGESIZE)

if tool_start $TOOL -j; then
	ops fsync "$F" -- msync "$F" -- syncfs "$F" -- sync
	addr=$(cat "$T/ops.out")
	settle
	tool_stop
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: strict JSON" "$J" "$T/out"
	for c in fsync fdatasync sync_file_range syncfs; do
		t_check "json: $c: pid, tid, comm, fd 3, the file's path" \
			[ "$(jq_count "$T/out" ".call == \"$c\" and .pid == $pid and .tid == $pid and
				.comm == \"$COMM\" and .fd == 3 and .path == \"$F\" and
				(.time_s | type) == \"number\"")" = 1 ]
	done
	t_check "json: sync_file_range: offset 4096, len 8192, flags 2 (SYNC_FILE_RANGE_WRITE)" \
		[ "$(jq_count "$T/out" ".call == \"sync_file_range\" and .pid == $pid and
			.offset == 4096 and .len == 8192 and .flags == 2 and .addr == null")" = 1 ]
	# the mapped file's path needs bpf_find_vma (5.17+; every kernel tested has it)
	t_check "json: msync: addr $addr, len 2 pages, flags 6 (MS_SYNC|MS_INVALIDATE), no fd, the mapped file" \
		[ "$(jq_count "$T/out" ".call == \"msync\" and .pid == $pid and .tid == $pid and
			.addr == ${addr:-0} and .len == $((2 * PAGE)) and .flags == 6 and .offset == null and
			.fd == null and .path == \"$F\"")" = 1 ]
	t_check "json: sync: fd null, path empty" \
		[ "$(jq_count "$T/out" ".call == \"sync\" and .pid == $pid and .fd == null and .path == \"\"")" = 1 ]
	t_check "json: nothing else from the helper" [ "$(jq_count "$T/out" ".pid == $pid")" = 6 ]
else
	t_fail "json: syncsnoop started" "$(cat "$T/err")"
fi

if tool_start $TOOL; then
	ops fsync "$F" -- msync "$F"
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-14s %-6s %-16s %-15s %4s %s' 'TIME(s)' PID COMM CALL FD PATH)" ]
	for c in fsync fdatasync sync_file_range; do
		t_check "text: the $c line" env R="$(printf '%-6s %-16s %-15s %4s %s' "$pid" "$COMM" $c 3 "$F")" \
			awk 'substr($0, 16) == ENVIRON["R"] && $1 ~ /^[0-9]+\.[0-9]+$/ { f = 1 } END { exit !f }' "$T/out"
	done
	t_check "text: the msync line: FD -, the mapped file" \
		env R="$(printf '%-6s %-16s %-15s %4s %s' "$pid" "$COMM" msync - "$F")" \
		awk 'substr($0, 16) == ENVIRON["R"] && $1 ~ /^[0-9]+\.[0-9]+$/ { f = 1 } END { exit !f }' "$T/out"
else
	t_fail "text: syncsnoop started" "$(cat "$T/err")"
fi

if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
	: >"$S"
	if tool_start $TOOL -j -n "$COMM"; then
		ops fsync "$S" -- fsync "$H"
		settle
		tool_stop
		t_check "json: the path across the /dev/shm mount point" \
			[ "$(jq_count "$T/out" ".call == \"fsync\" and .path == \"$S\"")" = 1 ]
		t_check "json: the hostile name round-trips byte for byte" \
			[ "$("$J" -c -w "path=$H" -w call=fsync "$T/out")" = 1 ]
	else
		t_fail "json mount: syncsnoop started" "$(cat "$T/err")"
	fi
	rm -f "$S"
else
	t_fail "/dev/shm is a tmpfs (for the mount-crossing path)"
fi
if tool_start $TOOL -n "$COMM"; then
	ops fsync "$H"
	settle
	tool_stop
	t_check "text: the hostile name escaped" env P=" 3 $H_TEXT" \
		awk 'substr($0, length($0) - length(ENVIRON["P"]) + 1) == ENVIRON["P"] && / fsync / { f = 1 }
			END { exit !f }' "$T/out"
	t_check "text: no raw control byte on stdout" \
		[ "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -d '\040-\176' | wc -c)" = 0 ]
else
	t_fail "text hostile: syncsnoop started" "$(cat "$T/err")"
fi

# ---- filters: include and exclude ----
if tool_start $TOOL -j -p 1; then
	"$TK_BIN/$TOOL" -v -j -n "$COMM" >"$T/ref.out" 2>"$T/ref.err" &
	ref=$!
	if wait_attached "$ref" "$T/ref.err"; then
		ops fsync "$F"
		settle
		kill -INT "$ref"
		wait "$ref"
		tool_stop
		t_check "-n $COMM: its fsync is there" \
			[ "$(jq_count "$T/ref.out" ".call == \"fsync\" and .pid == $pid")" = 1 ]
		t_check "-n $COMM: no other comm" [ "$(jq_count "$T/ref.out" ".comm != \"$COMM\"")" = 0 ]
		t_check "-p 1: not the helper's fsync" [ "$(jq_count "$T/out" ".pid != 1")" = 0 ]
	else
		t_fail "-n: syncsnoop started" "$(cat "$T/ref.err")"
		kill -9 "$ref" 2>/dev/null
		tool_stop
	fi
else
	t_fail "-p 1: syncsnoop started" "$(cat "$T/err")"
fi

"$TK_BIN/$TOOL" -x >"$T/o" 2>"$T/e"
t_cond "-x (not a syncsnoop option): exit 2" '[ $? = 2 ] && grep -q "^$TOOL: " "$T/e"'
"$TK_BIN/$TOOL" 1 >"$T/o" 2>"$T/e"
t_cond "a positional argument: exit 2" '[ $? = 2 ] && grep -q "^$TOOL: .*'\''1'\''" "$T/e"'
t_done
