#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# execsnoop end to end: exact records in JSON and text (hostile arguments
# included), failed execs, filters in and out, --max-args and long-argument
# truncation, execveat, exec from a thread, arguments the caller never
# touched, a script, a burst of short-lived execs, usage errors.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=execsnoop

# A uniquely named short-lived program: a copy of true(1), world-executable
# so that the uid test can run it as nobody.
chmod 711 "$T"
NAME=tk-exec-$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
PROG=$T/$NAME
cp /bin/true "$PROG" && chmod 755 "$PROG"
# newline, ESC, an invalid UTF-8 byte, a quote and a backslash
HOSTILE=$(printf 'nl\nx\033[31m\377"q\\end')
HOSTILE_JSON='nl\nx\u001b[31m\udcff\"q\\end'
HOSTILE_TEXT='nl\nx\x1b[31m\xff"q\\end'

# Waits until the ring has been drained (at most 100 ms after an event).
settle() { sleep 0.4; }

# Runs PROG ARGS... from a child shell that exec()s it; the pid that exec'd
# lands in $T/pid.  Its parent is this shell.
run_exec() {
	sh -c 'echo $$ >"$0"; exec "$@"' "$T/pid" "$@"
}

# ---- JSON: the exact record ----
if tool_start $TOOL -j -n "$NAME"; then
	run_exec "$PROG" "a b" "$HOSTILE"
	pid=$(cat "$T/pid")
	settle
	tool_stop
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: every line is valid JSON" jq -e . "$T/out"
	n=$(jq_count "$T/out" ".comm == \"$NAME\" and .pid == $pid and .ppid == $$ and .ret == 0
		and .tid == $pid and .uid == 0 and .truncated == false and (.args | length) == 3
		and .args[0] == \"$PROG\" and .args[1] == \"a b\" and (.time | type) == \"number\"")
	t_check "json: one record with comm, pid, ppid, uid, ret, args" [ "$n" = 1 ]
	t_check "json: args escaped exactly as passed" \
		grep -qF "\"args\":[\"$PROG\",\"a b\",\"$HOSTILE_JSON\"],\"truncated\":false}" "$T/out"
	t_check "json: nothing but the filtered program" [ "$(wc -l <"$T/out")" = 1 ]
else
	t_fail "json: execsnoop started" "$(cat "$T/err")"
fi

# ---- text: header and the exact line ----
if tool_start $TOOL -n "$NAME"; then
	run_exec "$PROG" "a b" "$HOSTILE"
	pid=$(cat "$T/pid")
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = "PCOMM            PID     PPID    RET ARGS" ]
	line=$(printf '%-16s %-7s %-7s %3s %s' "$NAME" "$pid" "$$" 0 "$PROG a b $HOSTILE_TEXT")
	t_check "text: exact line, arguments escaped" grep -qxF "$line" "$T/out"
	t_check "text: one event is one line" [ "$(wc -l <"$T/out")" = 2 ]
else
	t_fail "text: execsnoop started" "$(cat "$T/err")"
fi

# ---- text: -q, -T, -U ----
if tool_start $TOOL -q -T -U -n "$NAME"; then
	run_exec "$PROG" 'say "hi"' ""
	pid=$(cat "$T/pid")
	settle
	tool_stop
	t_check "text -T -U: header" \
		[ "$(head -n 1 "$T/out")" = "TIME     UID    PCOMM            PID     PPID    RET ARGS" ]
	line=$(printf '%-6s %-16s %-7s %-7s %3s %s' 0 "$NAME" "$pid" "$$" 0 "\"$PROG\" \"say \\\"hi\\\"\" \"\"")
	# compared as a string (ENVIRON: awk -v would undo the backslashes)
	t_check "text -q: quoted arguments, time column" \
		env L="$line" sh -c 'awk '\''substr($0, 10) == ENVIRON["L"] && $1 ~ /^[0-2][0-9]:[0-5][0-9]:[0-6][0-9]$/ { f = 1 }
			END { exit !f }'\'' "$1" || { tail -n 3 "$1"; exit 1; }' - "$T/out"
else
	t_fail "text -q: execsnoop started" "$(cat "$T/err")"
fi

# ---- failed exec with -x ----
MISSING=$T/no-such-$NAME
if tool_start $TOOL -x -j; then
	run_exec "$MISSING" arg1 2>/dev/null
	pid=$(cat "$T/pid")
	run_exec "$PROG" ok
	settle
	tool_stop
	n=$(jq_count "$T/out" ".pid == $pid and .ppid == $$ and .ret == -2 and .comm == \"sh\"
		and .args == [\"$MISSING\", \"arg1\"]")
	t_check "-x: failed exec with ret -2 (ENOENT)" [ "$n" = 1 ]
	t_check "-x: successful execs left out" [ "$(jq_count "$T/out" ".comm == \"$NAME\"")" = 0 ]
	t_check "-x: only failures" [ "$(jq_count "$T/out" '.ret >= 0')" = 0 ]
else
	t_fail "-x: execsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -x; then
	run_exec "$MISSING" arg1 2>/dev/null
	pid=$(cat "$T/pid")
	settle
	tool_stop
	line=$(printf '%-16s %-7s %-7s %3s %s' sh "$pid" "$$" -2 "$MISSING arg1")
	t_check "-x text: RET -2" grep -qxF "$line" "$T/out"
else
	t_fail "-x text: execsnoop started" "$(cat "$T/err")"
fi

# ---- filters ----
# -p: a child that waits for a go file, then exec()s.
sh -c 'echo $$ >"$0"; while [ ! -e "$0.go" ]; do sleep 0.05; done; exec "$1" waited' \
	"$T/wpid" "$PROG" &
waiter=$!
while [ ! -s "$T/wpid" ]; do sleep 0.05; done
if tool_start $TOOL -j -p "$waiter"; then
	run_exec "$PROG" other
	: >"$T/wpid.go"
	wait "$waiter"
	settle
	tool_stop
	t_check "-p: the process's exec" \
		[ "$(jq_count "$T/out" ".pid == $waiter and .args == [\"$PROG\", \"waited\"]")" = 1 ]
	t_check "-p: nothing from other processes" [ "$(jq_count "$T/out" ".pid != $waiter")" = 0 ]
else
	t_fail "-p: execsnoop started" "$(cat "$T/err")"
	kill "$waiter" 2>/dev/null
fi
if tool_start $TOOL -j -p "$$"; then
	run_exec "$PROG" x
	settle
	tool_stop
	t_check "-p other: excluded" [ ! -s "$T/out" ]
else
	t_fail "-p other: execsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -u 65534; then
	setpriv --reuid 65534 --regid 65534 --clear-groups "$PROG" as-nobody
	run_exec "$PROG" as-root
	settle
	tool_stop
	t_check "-u: the user's exec" [ "$(jq_count "$T/out" ".uid == 65534 and .comm == \"$NAME\"
		and .args == [\"$PROG\", \"as-nobody\"]")" = 1 ]
	t_check "-u: nothing from other users" [ "$(jq_count "$T/out" '.uid != 65534')" = 0 ]
else
	t_fail "-u: execsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -n tk-no-such-comm; then
	run_exec "$PROG" x
	settle
	tool_stop
	t_check "-n other: excluded" [ ! -s "$T/out" ]
else
	t_fail "-n other: execsnoop started" "$(cat "$T/err")"
fi

# ---- truncation ----
X127=$(printf '%0127d' 0)
X200=$(printf '%0200d' 0)
if tool_start $TOOL -j --max-args 2 -n "$NAME"; then
	run_exec "$PROG" one two three
	run_exec "$PROG" "$X127"
	run_exec "$PROG" "$X200"
	settle
	tool_stop
	t_check "--max-args 2: two arguments, truncated" [ "$(jq_count "$T/out" \
		".args == [\"$PROG\", \"one\"] and .truncated == true")" = 1 ]
	t_check "127-byte argument: whole, not truncated" [ "$(jq_count "$T/out" \
		".args == [\"$PROG\", \"$X127\"] and .truncated == false")" = 1 ]
	t_check "200-byte argument: cut at 127 bytes, truncated" [ "$(jq_count "$T/out" \
		".args == [\"$PROG\", \"$X127\"] and .truncated == true")" = 1 ]
else
	t_fail "--max-args: execsnoop started" "$(cat "$T/err")"
fi
# the largest --max-args loads (the verifier walks every argument's path)
if tool_start $TOOL -j --max-args 64 -n "$NAME"; then
	run_exec "$PROG" $(seq 1 63)
	run_exec "$PROG" $(seq 1 70)
	settle
	tool_stop
	t_check "--max-args 64: 64 arguments, whole" [ "$(jq_count "$T/out" \
		".args == [\"$PROG\"] + [range(1; 64) | tostring] and .truncated == false")" = 1 ]
	t_check "--max-args 64: 71 arguments, the first 64, truncated" [ "$(jq_count "$T/out" \
		".args == [\"$PROG\"] + [range(1; 64) | tostring] and .truncated == true")" = 1 ]
else
	t_fail "--max-args 64: execsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL --max-args 2 -n "$NAME"; then
	run_exec "$PROG" one two three
	settle
	tool_stop
	t_check "--max-args 2 text: trailing ..." grep -qE " $PROG one \\.\\.\\.\$" "$T/out"
else
	t_fail "--max-args text: execsnoop started" "$(cat "$T/err")"
fi

# ---- execveat and exec from a non-leader thread ----
XAT=$TK_HELPERS/execat
if [ -x "$XAT" ]; then
	if tool_start $TOOL -j -n "$NAME"; then
		apid=$("$XAT" at "$PROG" via-execveat)
		tpid=$("$XAT" thread "$PROG" via-thread)
		settle
		tool_stop
		t_check "execveat: seen" [ "$(jq_count "$T/out" ".pid == $apid and .ppid == $$
			and .ret == 0 and .args == [\"$PROG\", \"via-execveat\"]")" = 1 ]
		t_check "exec from a thread: seen, with the process's pid" [ "$(jq_count "$T/out" \
			".pid == $tpid and .tid != $tpid and .ret == 0 and .args == [\"$PROG\", \"via-thread\"]")" = 1 ]
	else
		t_fail "execveat: execsnoop started" "$(cat "$T/err")"
	fi
else
	t_fail "execveat: test helper $XAT is built (make tests)"
fi

# ---- arguments in a page the caller never touched ----
# BPF cannot fault the caller's page in at entry; a successful exec's
# arguments come from the new program's stack, which the kernel has just
# written.
XCOLD=$TK_HELPERS/coldexec
if [ -x "$XCOLD" ]; then
	if tool_start $TOOL -j -n "$NAME"; then
		cpid=$("$XCOLD" "$PROG" cold-arg "" "x y")
		settle
		tool_stop
		t_jcount "arguments not resident in the caller: exact, not truncated" "$T/out" \
			".pid == $cpid and .ret == 0 and .truncated == false
			and .args == [\"$PROG\", \"cold-arg\", \"\", \"x y\"]" 1
	else
		t_fail "cold arguments: execsnoop started" "$(cat "$T/err")"
	fi
else
	t_fail "cold arguments: test helper $XCOLD is built (make tests)"
fi

# ---- a script: the list as passed, not its interpreter's ----
SCRIPT=${PROG}s
printf '#!/bin/sh\nexit 0\n' >"$SCRIPT" && chmod 755 "$SCRIPT"
if tool_start $TOOL -j -n "${NAME}s"; then
	run_exec "$SCRIPT" "a b" c
	spid=$(cat "$T/pid")
	settle
	tool_stop
	t_check "script: the arguments passed, not the interpreter's" [ "$(jq_count "$T/out" \
		".pid == $spid and .ret == 0 and .truncated == false and .args == [\"$SCRIPT\", \"a b\", \"c\"]")" = 1 ]
else
	t_fail "script: execsnoop started" "$(cat "$T/err")"
fi

# ---- a burst of short-lived execs: none missed ----
if tool_start $TOOL -j -n "$NAME"; then
	i=0
	while [ $i -lt 200 ]; do
		"$PROG" "burst-$i"
		i=$((i + 1))
	done
	settle
	tool_stop
	n=$(jq -r "select(.comm == \"$NAME\" and .ret == 0) | .args[1]" "$T/out" | grep '^burst-' | sort -u | wc -l)
	t_check "200 short-lived execs: all seen ($n)" [ "$n" = 200 ]
	t_check "200 short-lived execs: no loss reported" [ "$(jq_count "$T/out" '.type == "lost"')" = 0 ]
else
	t_fail "burst: execsnoop started" "$(cat "$T/err")"
fi

# ---- usage errors: exit 2, a message naming the problem, no output ----
usage_error() {
	"$TK_BIN/$TOOL" "$@" >"$T/uout" 2>"$T/uerr"
	rc=$?
	if [ "$rc" = 2 ] && [ ! -s "$T/uout" ] && grep -q "$USAGE_MSG" "$T/uerr"; then
		t_ok "usage: $* -> exit 2"
	else
		t_fail "usage: $* -> exit 2" "rc=$rc stderr: $(cat "$T/uerr")"
	fi
}
USAGE_MSG="max-args.*'0'.*1 to 64" usage_error --max-args 0
USAGE_MSG="max-args.*'65'.*1 to 64" usage_error --max-args 65
USAGE_MSG="max-args.*'abc'" usage_error --max-args abc
USAGE_MSG="pid.*'-1'" usage_error -p -1
USAGE_MSG="unrecognized option.*--bogus" usage_error --bogus
USAGE_MSG="unexpected argument" usage_error 5

t_done
