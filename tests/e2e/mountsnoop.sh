#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# mountsnoop end to end: a tmpfs mounted and unmounted in $T by a
# unique-comm helper gives the exact records (every argument in JSON, the
# decoded CALL in text); a failing mount (ENODEV) and -x; the new mount API
# (fsopen ... open_tree); a hostile source string; filters in and out;
# usage errors.  Everything mounted is unmounted again.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=mountsnoop
t_need_helpers fsops
COMM=tkmn$RND
OPS=$T/$COMM
cp "$TK_HELPERS/fsops" "$OPS"
MNT=$T/mnt
mkdir "$MNT"
SRC=tk$RND
HSRC=$(printf 'a\nb\033[31m\377c')
FSRC='a", "/etc\x'	# would forge a second argument if " were not escaped
trap 'while mountpoint -q "$MNT" 2>/dev/null; do umount -l "$MNT"; done; _t_cleanup' EXIT
NS=$(readlink /proc/self/ns/mnt | tr -dc 0-9)
settle() { sleep 0.5; }
ops() { "$OPS" -p "$T/pid" "$@"; pid=$(cat "$T/pid"); }

# ---- JSON: mount and umount, every argument ----
if tool_start $TOOL -j; then
	ops mount "$SRC" "$MNT" tmpfs 6 size=1m -- umount "$MNT" 0
	settle
	tool_stop
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: strict JSON" "$J" "$T/out"
	t_check "json: mount: source, target, fstype, flags 6, flags_text, data, ret 0, mnt_ns" \
		[ "$(jq_count "$T/out" ".syscall == \"mount\" and .pid == $pid and .tid == $pid and
			.comm == \"$COMM\" and .source == \"$SRC\" and .target == \"$MNT\" and
			.fstype == \"tmpfs\" and .flags == 6 and .flags_text == \"MS_NOSUID|MS_NODEV\" and
			.data == \"size=1m\" and .ret == 0 and .err == 0 and .mnt_ns == $NS and
			.fd == null and .key == null and (.time_s | type) == \"number\"")" = 1 ]
	t_check "json: mount: the decoded call" \
		[ "$(jq_count "$T/out" ".pid == $pid and .call ==
			\"mount(\\\"$SRC\\\", \\\"$MNT\\\", \\\"tmpfs\\\", MS_NOSUID|MS_NODEV, \\\"size=1m\\\") = 0\"")" = 1 ]
	t_check "json: umount: target, flags 0, ret 0, no source" \
		[ "$(jq_count "$T/out" ".syscall == \"umount\" and .pid == $pid and .target == \"$MNT\" and
			.flags == 0 and .ret == 0 and .source == null and
			.call == \"umount(\\\"$MNT\\\", 0) = 0\"")" = 1 ]
	t_check "json: nothing else from the helper" [ "$(jq_count "$T/out" ".pid == $pid")" = 2 ]
else
	t_fail "json: mountsnoop started" "$(cat "$T/err")"
fi
t_check "the tmpfs was unmounted" sh -c "! mountpoint -q '$MNT'"

# ---- text: header and the exact lines ----
if tool_start $TOOL; then
	ops mount "$SRC" "$MNT" tmpfs 6 size=1m -- umount "$MNT" 2
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-16s %-7s %-7s %-11s %s' COMM PID TID MNT_NS CALL)" ]
	t_check "text: the mount line" grep -qxF "$(printf '%-16s %-7s %-7s %-11s %s' "$COMM" "$pid" "$pid" "$NS" \
		"mount(\"$SRC\", \"$MNT\", \"tmpfs\", MS_NOSUID|MS_NODEV, \"size=1m\") = 0")" "$T/out"
	t_check "text: the umount line, MNT_DETACH" grep -qxF "$(printf '%-16s %-7s %-7s %-11s %s' "$COMM" "$pid" \
		"$pid" "$NS" "umount(\"$MNT\", MNT_DETACH) = 0")" "$T/out"
else
	t_fail "text: mountsnoop started" "$(cat "$T/err")"
fi

# ---- a failing mount, -x ----
if tool_start $TOOL -x -n "$COMM"; then
	ops mount "$SRC" "$MNT" tmpfs 0 - -- mount none "$MNT" tk-nosuchfs 1 - -- umount "$MNT" 0
	settle
	tool_stop
	t_check "-x: the failed mount, -ENODEV" grep -qxF "$(printf '%-16s %-7s %-7s %-11s %s' "$COMM" "$pid" \
		"$pid" "$NS" "mount(\"none\", \"$MNT\", \"tk-nosuchfs\", MS_RDONLY, NULL) = -ENODEV")" "$T/out"
	t_check "-x: not the successful mount and umount" [ "$(wc -l <"$T/out")" = 2 ]
else
	t_fail "-x: mountsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -x -n "$COMM"; then
	ops mount none "$MNT" tk-nosuchfs 0 -
	settle
	tool_stop
	t_check "json -x: ret -1, err 19 (ENODEV), data null" \
		[ "$(jq_count "$T/out" ".pid == $pid and .fstype == \"tk-nosuchfs\" and .ret == -1 and
			.err == 19 and .data == null")" = 1 ]
fi

# ---- the new mount API ----
if tool_start $TOOL -n "$COMM"; then
	ops newmount tmpfs "$MNT" -- umount "$MNT" 2
	settle
	tool_stop
	for c in 'fsopen("tmpfs", FSOPEN_CLOEXEC) = ' \
		'fsconfig(?, FSCONFIG_SET_STRING, "size", "1m", 0) = 0' \
		'fsconfig(?, FSCONFIG_CMD_CREATE, NULL, NULL, 0) = 0' \
		'fsmount(?, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID|MOUNT_ATTR_NODEV) = ' \
		"move_mount(?, \"\", AT_FDCWD, \"$MNT\", MOVE_MOUNT_F_EMPTY_PATH) = 0" \
		"open_tree(AT_FDCWD, \"$MNT\", OPEN_TREE_CLONE|AT_RECURSIVE) = "; do
		t_check "new API: $c" env C="$c" awk 'BEGIN { c = ENVIRON["C"] }
			{ l = substr($0, 46); gsub(/\([0-9]+,/, "(?,", l); n = l; sub(/ = [0-9]+$/, " = ", n) }
			l == c || n == c { f = 1 } END { exit !f }' "$T/out"
	done
else
	t_fail "new API: mountsnoop started" "$(cat "$T/err")"
fi

# ---- a hostile source string ----
if tool_start $TOOL -n "$COMM"; then
	ops mount "$HSRC" "$MNT" tmpfs 0 - -- umount "$MNT" 0 -- mount "$FSRC" "$MNT" tmpfs 0 - -- \
		umount "$MNT" 0
	settle
	tool_stop
	t_check "text: the hostile source escaped" grep -qF 'mount("a\nb\x1b[31m\xffc", ' "$T/out"
	t_check "text: \" and \\ in a quoted source are backslashed (no forged argument)" \
		grep -qxF "$(printf '%-16s %-7s %-7s %-11s %s' "$COMM" "$pid" "$pid" "$NS" \
			"mount(\"a\\\", \\\"/etc\\\\x\", \"$MNT\", \"tmpfs\", 0, NULL) = 0")" "$T/out"
	t_check "text: no raw control byte on stdout" \
		[ "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -d '\040-\176' | wc -c)" = 0 ]
fi
if tool_start $TOOL -j -n "$COMM"; then
	ops mount "$HSRC" "$MNT" tmpfs 0 - -- umount "$MNT" 0 -- mount "$FSRC" "$MNT" tmpfs 0 - -- \
		umount "$MNT" 0
	settle
	tool_stop
	t_check "json: the hostile source round-trips byte for byte" \
		[ "$("$J" -c -w "source=$HSRC" -w syscall=mount "$T/out")" = 1 ]
	t_check "json: a source with \" and \\ round-trips; call is the escaped text" \
		[ "$("$J" -c -w "source=$FSRC" -w syscall=mount \
			-w "call=mount(\"a\\\", \\\"/etc\\\\x\", \"$MNT\", \"tmpfs\", 0, NULL) = 0" "$T/out")" = 1 ]
fi

# ---- filters: exclude beside an unfiltered run ----
"$TK_BIN/$TOOL" -v -j >"$T/ref.out" 2>"$T/ref.err" &
ref=$!
if wait_attached "$ref" "$T/ref.err" && tool_start $TOOL -j -n tk-nomatch; then
	ops mount "$SRC" "$MNT" tmpfs 0 - -- umount "$MNT" 0
	settle
	tool_stop
	kill -INT "$ref"
	wait "$ref"
	t_check "-n tk-nomatch: the unfiltered run sees the mount" \
		[ "$(jq_count "$T/ref.out" ".pid == $pid and .source == \"$SRC\"")" = 1 ]
	t_check "-n tk-nomatch: the filtered run does not" [ "$(jq_count "$T/out" ".pid == $pid")" = 0 ]
else
	t_fail "-n tk-nomatch: both mountsnoops started" "$(cat "$T/err" "$T/ref.err")"
	kill -9 "$ref" 2>/dev/null
	tool_stop
fi
t_check "nothing left mounted" sh -c "! mountpoint -q '$MNT'"

"$TK_BIN/$TOOL" -e >"$T/o" 2>"$T/e"
t_cond "-e (not a mountsnoop option): exit 2" '[ $? = 2 ] && grep -q "^$TOOL: " "$T/e"'
"$TK_BIN/$TOOL" now >"$T/o" 2>"$T/e"
t_cond "a positional argument: exit 2" '[ $? = 2 ] && grep -q "^$TOOL: .*'\''now'\''" "$T/e"'
t_done
