#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# capable end to end: a CAP_CHOWN check allowed (root) and denied (no
# capabilities, through setpriv), exact records in JSON and text; -x; -n
# and -p including and excluding; --unique pid; kernel stacks symbolized
# (chown_common under the line, frames in JSON); a user stack frame in libc;
# a hostile comm; bad input; the fentry and kprobe rungs failing clearly on
# a kernel without them.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=capable
CHK=$TK_HELPERS/capcheck
t_need_helpers capcheck
if ! command -v setpriv >/dev/null 2>&1; then
	t_fail "setpriv (util-linux) is installed, for the denied check"
fi

COMM=tkcap$RND
OTHER=tkcao$RND
cp "$CHK" "$T/$COMM" && cp "$CHK" "$T/$OTHER"
F=$T/file
: >"$F"
settle() { sleep 0.5; }

# allow [NAME [COUNT [HOLD_MS]]]: NAME chowns $F to uid 1234 as root; pid in $pid.
allow() {
	"$T/${1:-$COMM}" "$F" 1234 "${2:-1}" "${3:-0}" >"$T/pid"
	pid=$(head -n 1 "$T/pid")
}
# deny: the same without any capability (bounding set emptied before exec).
deny() {
	setpriv --bounding-set=-all --inh-caps=-all "$T/$COMM" "$F" 1234 1 0 >"$T/pid"
	dpid=$(head -n 1 "$T/pid")
}

# ---- JSON: allowed and denied, exact records ----
if tool_start $TOOL -j; then
	allow
	deny
	settle
	tool_stop
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: every line is strict JSON" "$J" "$T/out"
	n=$(jq_count "$T/out" ".pid == $pid and .tid == $pid and .comm == \"$COMM\" and .uid == 0 and
		.cap == 0 and .name == \"CAP_CHOWN\" and .verdict == \"allow\" and .ret == 0 and
		(.time | type) == \"number\"")
	t_check "json: allowed CAP_CHOWN: pid $pid, comm, uid 0, cap 0, verdict allow" [ "$n" = 1 ]
	n=$(jq_count "$T/out" ".pid == $dpid and .comm == \"$COMM\" and .cap == 0 and
		.name == \"CAP_CHOWN\" and .verdict == \"deny\" and .ret != 0")
	t_check "json: denied CAP_CHOWN: pid $dpid, verdict deny" [ "$n" = 1 ]
	t_check "json: audit is null from the tracepoint, or 0/1" \
		[ "$(jq_count "$T/out" ".pid == $pid and .cap == 0 and (.audit == null or .audit == 1)")" = 1 ]
	t_check "json: no stack keys without the stack options" \
		[ "$(jq_count "$T/out" "has(\"kernel_stack\") or has(\"user_stack\")")" = 0 ]
else
	t_fail "json: capable started" "$(cat "$T/err")"
fi

# ---- text: header and the exact line ----
if tool_start $TOOL; then
	allow
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-8s %-5s %-7s %-16s %-4s %-20s %-5s %s' TIME UID PID COMM CAP NAME AUDIT VERDICT)" ]
	audit=$(awk -v p="$pid" '$3 == p && $5 == 0 { print $7; exit }' "$T/out")
	rest=$(printf '%-5s %-7s %-16s %-4s %-20s %-5s %s' 0 "$pid" "$COMM" 0 CAP_CHOWN "$audit" allow)
	t_check "text: the exact line (UID PID COMM CAP NAME AUDIT VERDICT)" \
		awk -v r="$rest" 'substr($0, 10) == r && $1 ~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]$/ { f = 1 }
			END { exit !f }' "$T/out"
	t_cond "text: AUDIT is - (tracepoint) or 1" '[ "$audit" = - ] || [ "$audit" = 1 ]'
else
	t_fail "text: capable started" "$(cat "$T/err")"
fi

# ---- -x: denied only ----
if tool_start $TOOL -j -x -n "$COMM"; then
	allow
	deny
	settle
	tool_stop
	t_check "-x: the denied check is there" \
		[ "$(jq_count "$T/out" ".pid == $dpid and .cap == 0 and .verdict == \"deny\"")" = 1 ]
	t_check "-x: nothing allowed (pid $pid's allowed check is absent)" \
		[ "$(jq_count "$T/out" ".verdict != \"deny\" or .pid == $pid")" = 0 ]
else
	t_fail "-x: capable started" "$(cat "$T/err")"
fi

# ---- -n and -p: include and exclude ----
if tool_start $TOOL -j -n "$COMM"; then
	allow "$OTHER"
	opid=$pid
	allow
	settle
	tool_stop
	t_check "-n $COMM: its check is there" [ "$(jq_count "$T/out" ".pid == $pid and .cap == 0")" = 1 ]
	t_check "-n $COMM: $OTHER (pid $opid) is not, nor any other comm" \
		[ "$(jq_count "$T/out" ".pid == $opid or .comm != \"$COMM\"")" = 0 ]
else
	t_fail "-n: capable started" "$(cat "$T/err")"
fi
# -p needs the pid first: a shell waits for a line on a fifo, then execs
# the checker (same pid).
mkfifo "$T/go"
sh -c 'read x; exec "$0" "$@"' "$T/$COMM" "$F" 1234 1 0 <"$T/go" >"$T/ppid" &
ppid=$!
exec 8>"$T/go"
if tool_start $TOOL -j -p "$ppid"; then
	echo go >&8
	exec 8>&-
	wait "$ppid"
	allow
	settle
	tool_stop
	t_check "-p $ppid: its check is there" [ "$(jq_count "$T/out" ".pid == $ppid and .cap == 0")" = 1 ]
	t_check "-p $ppid: nothing from other pids (pid $pid did the same)" \
		[ "$(jq_count "$T/out" ".pid != $ppid")" = 0 ]
else
	t_fail "-p: capable started" "$(cat "$T/err")"
	exec 8>&-
fi

# ---- --unique pid: four checks of one process, one record ----
if tool_start $TOOL -j --unique pid -n "$COMM"; then
	allow "$COMM" 4
	settle
	tool_stop
	t_check "--unique pid: CAP_CHOWN once for pid $pid" \
		[ "$(jq_count "$T/out" ".pid == $pid and .cap == 0")" = 1 ]
else
	t_fail "--unique: capable started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -n "$COMM"; then
	allow "$COMM" 4
	settle
	tool_stop
	t_check "without --unique: CAP_CHOWN 4 times for pid $pid" \
		[ "$(jq_count "$T/out" ".pid == $pid and .cap == 0")" = 4 ]
else
	t_fail "no --unique: capable started" "$(cat "$T/err")"
fi

# ---- kernel stacks: symbolized, the chown path ----
if tool_start $TOOL -K -n "$COMM"; then
	allow
	settle
	tool_stop
	# the frames under the CAP_CHOWN line, up to the next event line
	awk -v p="$pid" 'f && /^        / { print; next } { f = 0 }
		$3 == p && $5 == 0 { f = 1 }' "$T/out" >"$T/frames"
	t_check "text -K: frames under the line, indented 8, func+0xOFF" \
		grep -qx '        chown_common+0x[0-9a-f]*' "$T/frames"
	# a kprobe's stack may start at the return address in the caller
	t_check "text -K: the first frame is cap_capable or, on kprobes, its caller (no BPF machinery)" \
		sh -c 'f=$(head -n 1 "$1" | sed "s/+0x.*//")
			[ "$f" = "        cap_capable" ] ||
			{ [ "${TK_ATTACH-}" = kprobe ] && [ "$f" = "        security_capable" ]; } ||
			{ head -n 6 "$1"; exit 1; }' - "$T/frames"
else
	t_fail "text -K: capable started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -K --user-stack -n "$COMM"; then
	allow "$COMM" 1 1500
	sleep 0.2
	tool_stop
	n=$(jq_count "$T/out" ".pid == $pid and .cap == 0 and
		(.kernel_stack | map(.sym) | index(\"chown_common\")) != null and
		(.kernel_stack[0].addr | test(\"^0x[0-9a-f]+$\")) and .kernel_stack[0].module == null and
		(.kernel_stack[0].off | type) == \"number\"")
	t_check "json -K: kernel_stack frames with addr, sym chown_common, off, module" [ "$n" = 1 ]
	n=$(jq_count "$T/out" ".pid == $pid and .cap == 0 and (.user_stack[0].sym | test(\"chown\")) and
		(.user_stack[0].module | startswith(\"libc\"))")
	t_check "json --user-stack: the first user frame is chown in libc" [ "$n" = 1 ]
else
	t_fail "json -K --user-stack: capable started" "$(cat "$T/err")"
fi

# ---- a hostile comm: ESC and newline ----
H=$(printf 'tk\033c\nx')
cp "$CHK" "$T/$H"
if tool_start $TOOL -j; then
	"$T/$H" "$F" 1234 1 0 >"$T/pid"
	hpid=$(head -n 1 "$T/pid")
	settle
	tool_stop
	t_check "json: hostile comm decoded exactly" [ "$("$J" -c -w "comm=$H" -w "pid=$hpid" "$T/out")" -ge 1 ]
	t_check "json: still strict JSON" "$J" "$T/out"
else
	t_fail "hostile: capable started" "$(cat "$T/err")"
fi
if tool_start $TOOL -n "$H"; then
	"$T/$H" "$F" 1234 1 0 >"$T/pid"
	hpid=$(head -n 1 "$T/pid")
	settle
	tool_stop
	t_check "text: hostile comm escaped (tk\\x1bc\\nx)" \
		awk -v p="$hpid" '$3 == p && $4 == "tk\\x1bc\\nx" { f = 1 } END { exit !f }' "$T/out"
else
	t_fail "hostile text: capable started" "$(cat "$T/err")"
fi

# ---- bad input: exit 2 and one clear line ----
for args in "--unique nonsense" "-p abc" "--kernel-stack=1" "extra"; do
	# shellcheck disable=SC2086
	"$TK_BIN/$TOOL" $args >"$T/bad.out" 2>"$T/bad.err"
	rc=$?
	t_check "$TOOL $args: exit 2" [ "$rc" = 2 ]
	t_check "$TOOL $args: message names the tool" grep -q "^$TOOL: " "$T/bad.err"
done
"$TK_BIN/$TOOL" --unique nonsense 2>"$T/bad.err"
t_check "--unique nonsense: says what is expected" grep -q "^$TOOL: .*--unique.*pid or cgroup" "$T/bad.err"

# ---- without the tracepoint: fentry and kprobe, or a clear failure ----
for rung in kprobe fentry; do
	"$TK_BIN/$TOOL" --attach "$rung" -d 1 >"$T/rung.out" 2>"$T/rung.err"
	rc=$?
	if [ -e /sys/bus/event_source/devices/kprobe/type ] && [ "$rung" = kprobe ]; then
		t_check "--attach kprobe: runs where kprobes exist" [ "$rc" = 0 ]
	elif [ "$rc" = 0 ]; then
		t_ok "--attach $rung: runs on this kernel"
	else
		t_cond "--attach $rung: exit 1 naming cap_capable and the missing $rung support" '[ "$rc" = 1 ] && grep -q "cannot trace cap_capable: .*$rung" "$T/rung.err"'
	fi
done

t_done
