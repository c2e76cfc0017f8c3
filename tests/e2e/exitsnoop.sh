#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# exitsnoop end to end: the exact records of an exit 3, a SIGKILL, a
# SIGABRT with and without a core dump (as the kernel reports it here), a
# process of known age, in JSON and in text; --threads and a thread exit;
# -x; filters in and out; -T -e; a hostile comm; bad input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=exitsnoop
TE=$TK_HELPERS/threadexit
t_need_helpers threadexit

COMM=tkex$RND			# a copy of sh under a unique name
SH=$T/$COMM
cp /bin/sh "$SH" && chmod 755 "$SH"
TCOMM=tkth$RND			# threadexit's name; its thread is $TCOMM-t
chmod 711 "$T"			# nobody runs $SH from here
mkdir "$T/cwd"			# where a core file may land (core_pattern "core")
ME=$$
settle() { sleep 0.5; }

# run_sh SCRIPT: the unique sh runs SCRIPT; its pid lands in $pid.
run_sh() {
	"$SH" -c 'echo $$ >"$0"; '"$1" "$T/pid" 2>/dev/null
	pid=$(cat "$T/pid")
}

# abort_sh LIMIT: the unique sh, in $T/cwd with ulimit -c LIMIT, kills itself
# with SIGABRT; its pid lands in $T/pid.  (Run from another sh, whose report
# of the signal goes to /dev/null.  Not SIGQUIT: a background job of a
# non-interactive shell starts with SIGQUIT ignored, for good.)
abort_sh() {
	sh -c 'cd "$1" && ulimit -c "$2" && "$3" -c "echo \$\$ >\"\$0\"; kill -ABRT \$\$" "$4"; :' \
		sh "$T/cwd" "$1" "$SH" "$T/pid" 2>/dev/null
}

# j PID: the JSON record of process PID's exit (one line), from $T/out.
j() {
	jq -c "select(.pid == $1 and .tid == $1)" "$T/out"
}

SLEEPER=
trap '[ -n "$SLEEPER" ] && kill "$SLEEPER" 2>/dev/null; _t_cleanup' EXIT

pattern=$(cat /proc/sys/kernel/core_pattern)

# ---- JSON: exit 3, SIGKILL, SIGABRT with and without a core limit, age ----
if tool_start $TOOL -j; then
	run_sh 'exit 3'
	p_code=$pid
	run_sh 'kill -KILL $$'
	p_kill=$pid
	abort_sh unlimited
	p_core=$(cat "$T/pid")
	abort_sh 0
	p_nocore=$(cat "$T/pid")
	run_sh 'sleep 1.2'
	p_age=$pid
	run_sh 'exit 0'
	p_ok=$pid
	settle
	tool_stop
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: every line is strict JSON" "$J" "$T/out"
	t_check "json: exit 3: the exact record" [ "$(j "$p_code" | jq -c 'del(.time, .age_s)')" = \
		"{\"comm\":\"$COMM\",\"pid\":$p_code,\"ppid\":$ME,\"tid\":$p_code,\"uid\":0,\"exit_code\":3,\"signal\":0,\"signal_name\":null,\"core_dump\":false,\"process_exit\":true}" ]
	t_check "json: SIGKILL: the exact record" [ "$(j "$p_kill" | jq -c 'del(.time, .age_s)')" = \
		"{\"comm\":\"$COMM\",\"pid\":$p_kill,\"ppid\":$ME,\"tid\":$p_kill,\"uid\":0,\"exit_code\":0,\"signal\":9,\"signal_name\":\"SIGKILL\",\"core_dump\":false,\"process_exit\":true}" ]
	t_check "json: SIGABRT: signal 6, SIGABRT" \
		[ "$(j "$p_core" | jq -c '[.comm, .exit_code, .signal, .signal_name]')" = "[\"$COMM\",0,6,\"SIGABRT\"]" ]
	case $pattern in
	'|'*)
		t_ok "json: SIGABRT core_dump is whatever the pipe handler did (core_pattern is a pipe: $pattern)" ;;
	*/*)
		t_ok "json: SIGABRT core_dump not checked (core_pattern writes elsewhere: $pattern)" ;;
	*)
		t_cond "json: SIGABRT with ulimit -c unlimited: a core file and core_dump true" '[ -n "$(ls "$T/cwd")" ] && [ "$(j "$p_core" | jq .core_dump)" = true ]'
		t_check "json: SIGABRT with ulimit -c 0: core_dump false" \
			[ "$(j "$p_nocore" | jq -c '[.signal, .core_dump]')" = "[6,false]" ] ;;
	esac
	t_check "json: sleep 1.2: age_s from 1.2 to 3 ($(j "$p_age" | jq .age_s))" \
		[ "$(j "$p_age" | jq '.age_s >= 1.2 and .age_s < 3')" = true ]
	t_check "json: exit 0: exit_code 0, signal 0" \
		[ "$(j "$p_ok" | jq -c '[.exit_code, .signal, .core_dump]')" = "[0,0,false]" ]
	t_check "json: exactly one record per process" \
		[ "$(jq_count "$T/out" ".pid == $p_code or .pid == $p_kill or .pid == $p_age")" = 3 ]
	t_check "json: time is unix seconds" \
		[ "$(j "$p_code" | jq "(.time - $(date +%s) | fabs) < 60")" = true ]
else
	t_fail "json: exitsnoop started" "$(cat "$T/err")"
fi

# ---- text: header and the exact lines ----
if tool_start $TOOL; then
	run_sh 'exit 3'
	p_code=$pid
	run_sh 'kill -KILL $$'
	p_kill=$pid
	abort_sh 0
	p_abrt=$(cat "$T/pid")
	settle
	tool_stop
	t_check "text: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-16s %-7s %-7s %-7s %-7s %s' PCOMM PID PPID TID 'AGE(s)' EXIT_CODE)" ]
	# line PID PPID EXIT: the exact line, AGE(s) read from it (2 decimals)
	line() {
		_age=$(awk -v p="$1" '$2 == p { print $5; exit }' "$T/out")
		case $_age in
		[0-9]*.[0-9][0-9]) ;;
		*) _age="bad-age:$_age" ;;
		esac
		printf '%-16s %-7s %-7s %-7s %-7s %s' "$COMM" "$1" "$2" "$1" "$_age" "$3"
	}
	t_check "text: exit 3 is 'code 3'" grep -qxF "$(line "$p_code" "$ME" "code 3")" "$T/out"
	t_check "text: SIGKILL is 'signal 9 (SIGKILL)'" \
		grep -qxF "$(line "$p_kill" "$ME" "signal 9 (SIGKILL)")" "$T/out"
	t_check "text: SIGABRT without core is 'signal 6 (SIGABRT)'" \
		awk -v p="$p_abrt" '$2 == p && / signal 6 \(SIGABRT\)$/ { f = 1 } END { exit !f }' "$T/out"
else
	t_fail "text: exitsnoop started" "$(cat "$T/err")"
fi
case $pattern in
'|'* | */*) ;;
*)
	if tool_start $TOOL -n "$COMM"; then
		abort_sh unlimited
		p=$(cat "$T/pid")
		settle
		tool_stop
		t_check "text: a core dump is 'signal 6 (SIGABRT), core dumped'" \
			awk -v p="$p" '$2 == p && / signal 6 \(SIGABRT\), core dumped$/ { f = 1 } END { exit !f }' "$T/out"
	else
		t_fail "text core: exitsnoop started" "$(cat "$T/err")"
	fi
	;;
esac

# ---- threads: only the process by default, the thread too with --threads ----
for mode in default --threads; do
	opt=
	[ "$mode" = --threads ] && opt=--threads
	if tool_start $TOOL -j $opt; then
		"$TE" "$TCOMM" 5 >"$T/ids"
		settle
		tool_stop
		read -r tpid ttid <"$T/ids"
		t_check "$mode: the process exit: code 5, by the main thread" \
			[ "$(j "$tpid" | jq -c '[.comm, .exit_code, .process_exit]')" = "[\"$TCOMM\",5,true]" ]
		if [ "$mode" = --threads ]; then
			t_check "--threads: the thread $ttid exit: pid $tpid, comm $TCOMM-t, code 0, not the process" \
				[ "$(jq -c "select(.tid == $ttid) | [.pid, .comm, .exit_code, .signal, .process_exit]" \
					"$T/out")" = "[$tpid,\"$TCOMM-t\",0,0,false]" ]
		else
			t_check "default: no record of the thread $ttid" [ "$(jq_count "$T/out" ".tid == $ttid")" = 0 ]
			t_check "default: every record is a process exit" \
				[ "$(jq_count "$T/out" ".process_exit != true or .tid != .pid and .pid == $tpid")" = 0 ]
		fi
	else
		t_fail "$mode: exitsnoop started" "$(cat "$T/err")"
	fi
done
if tool_start $TOOL --threads -n "$TCOMM-t"; then
	"$TE" "$TCOMM" 0 >"$T/ids"
	settle
	tool_stop
	read -r tpid ttid <"$T/ids"
	t_check "text --threads: the thread's line (PID $tpid, TID $ttid)" \
		awk -v c="$TCOMM-t" -v p="$tpid" -v t="$ttid" \
			'$1 == c && $2 == p && $4 == t && $6 == "0" && NF == 6 { f = 1 } END { exit !f }' "$T/out"
else
	t_fail "text --threads: exitsnoop started" "$(cat "$T/err")"
fi

# ---- -x: non-zero exits only ----
if tool_start $TOOL -j -x; then
	run_sh 'exit 0'
	p_ok=$pid
	run_sh 'exit 7'
	p_bad=$pid
	settle
	tool_stop
	t_check "-x: exit 7 is there" [ "$(j "$p_bad" | jq .exit_code)" = 7 ]
	t_check "-x: exit 0 is not" [ "$(jq_count "$T/out" ".pid == $p_ok")" = 0 ]
	t_check "-x: no record with status 0" \
		[ "$(jq_count "$T/out" ".exit_code == 0 and .signal == 0")" = 0 ]
else
	t_fail "-x: exitsnoop started" "$(cat "$T/err")"
fi

# ---- filters that include ----
mkfifo "$T/go"
"$SH" -c 'read x <"$0"; exit 4' "$T/go" &
opid=$!
if tool_start $TOOL -j -p "$opid"; then
	echo go >"$T/go"
	wait "$opid"
	run_sh 'exit 4'
	settle
	tool_stop
	t_check "-p $opid: its exit is there" [ "$(j "$opid" | jq .exit_code)" = 4 ]
	t_check "-p $opid: nothing else" [ "$(jq_count "$T/out" ".pid != $opid")" = 0 ]
else
	t_fail "-p: exitsnoop started" "$(cat "$T/err")"
	kill "$opid" 2>/dev/null
fi
if tool_start $TOOL -j -n "$COMM"; then
	run_sh 'exit 6'
	sh -c 'exit 6'
	settle
	tool_stop
	t_check "-n $COMM: its exit is there" [ "$(j "$pid" | jq .exit_code)" = 6 ]
	t_check "-n $COMM: no other comm" [ "$(jq_count "$T/out" ".comm != \"$COMM\"")" = 0 ]
else
	t_fail "-n: exitsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -e -u nobody; then
	: >"$T/pid.nobody"
	chmod 666 "$T/pid.nobody"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$SH" -c 'echo $$ >"$0"; exit 8' "$T/pid.nobody"
	p_nobody=$(cat "$T/pid.nobody")
	run_sh 'exit 8'
	settle
	tool_stop
	t_check "-u nobody: nobody's exit is there, uid 65534" \
		[ "$(j "$p_nobody" | jq -c '[.uid, .exit_code]')" = "[65534,8]" ]
	t_check "-u nobody: root's exit is not" [ "$(jq_count "$T/out" ".uid != 65534")" = 0 ]
else
	t_fail "-u nobody: exitsnoop started" "$(cat "$T/err")"
fi

# ---- filters that exclude, all beside one unfiltered run ----
sleep 60 &
SLEEPER=$!
set -- "-p $SLEEPER" "-n tk-nomatch" "-u 65534" "-t $SLEEPER"
if multi_start $TOOL "" "$@"; then
	run_sh 'exit 9'
	settle
	multi_stop
	t_check "the unfiltered run sees the exit" [ "$(jq_count "$T/multi.0.out" ".pid == $pid and .exit_code == 9")" = 1 ]
	i=1
	for filter in "$@"; do
		t_check "$filter: the filtered run does not" [ "$(jq_count "$T/multi.$i.out" ".pid == $pid")" = 0 ]
		i=$((i + 1))
	done
else
	t_fail "the filtered and unfiltered runs started" "$(cat "$T"/multi.*.err)"
	multi_stop
fi
kill "$SLEEPER" 2>/dev/null
wait "$SLEEPER" 2>/dev/null
SLEEPER=

# ---- -T -e columns ----
if tool_start $TOOL -T -e -n "$COMM"; then
	run_sh 'exit 1'
	settle
	tool_stop
	t_check "text -T -e: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-8s %-16s %-7s %-7s %-7s %-6s %-7s %s' TIME PCOMM PID PPID TID UID 'AGE(s)' EXIT_CODE)" ]
	t_check "text -T -e: HH:MM:SS, uid 0, code 1" \
		awk -v p="$pid" '$1 ~ /^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$/ && $3 == p && $6 == "0" &&
			/ code 1$/ { f = 1 } END { exit !f }' "$T/out"
else
	t_fail "text -T -e: exitsnoop started" "$(cat "$T/err")"
fi

# ---- a hostile comm (newline, ESC, 0xff) ----
HOSTILE=$(printf 'a\nb\033c\377')
if tool_start $TOOL -j; then
	"$TE" "$HOSTILE" 2 >"$T/ids"
	settle
	tool_stop
	read -r hpid _ <"$T/ids"
	t_check "json: strict JSON with a hostile comm" "$J" "$T/out"
	t_check "json: the comm round-trips byte for byte" \
		[ "$("$J" -c -w "pid=$hpid" -w "comm=$HOSTILE" "$T/out")" = 1 ]
	t_check "json: escaped as backslash-n, u001b, udcff" grep -qF '"comm":"a\nb\u001bc\udcff"' "$T/out"
else
	t_fail "json hostile: exitsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL; then
	"$TE" "$HOSTILE" 2 >"$T/ids"
	settle
	tool_stop
	read -r hpid _ <"$T/ids"
	t_check "text: the hostile comm escaped on one line" \
		grep -qF "$(printf '%-16s %-7s' 'a\nb\x1bc\xff' "$hpid")" "$T/out"
	t_check "text: no raw control byte on stdout" \
		[ "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -d '\040-\176' | wc -c)" = 0 ]
else
	t_fail "text hostile: exitsnoop started" "$(cat "$T/err")"
fi

# ---- bad input ----
"$TK_BIN/$TOOL" --threads=yes >"$T/o" 2>"$T/e"
t_cond "--threads=yes: exit 2, a message naming --threads" '[ $? = 2 ] && [ ! -s "$T/o" ] && grep -q "^$TOOL: .*threads" "$T/e"'
"$TK_BIN/$TOOL" -x 5 >"$T/o" 2>"$T/e"
t_cond "a positional argument: exit 2" '[ $? = 2 ] && grep -q "^$TOOL: .*'\''5'\''" "$T/e"'
t_done
