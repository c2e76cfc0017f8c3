#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# klockstat end to end: threads of a helper write to one pipe from pages that
# fault (userfaultfd) while pipe_write holds the pipe mutex, so they wait for
# it in pipe_write (and pipe_read).  Several filtered instances run
# side by side: -p and -n of that helper must give pipe callers with counts,
# waits and the helper as the longest waiter (JSON keys in the documented
# order); -p and -n of another process exclude it, --caller includes and
# excludes by caller name.  Text: BCC's columns, -s
# stack frames, -e; --per-lock; a hostile comm; bad input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=klockstat
H=$TK_HELPERS/pipehammer
t_need_helpers pipehammer jsonget
RND=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
CA=tkklA$RND		# traced
CB=tkklB$RND		# left out by the filters on A
HOSTILE=$(printf 'kl\nb\033[31m\377c')
HOSTILE_TEXT='kl\nb\x1b[31m\xffc'
MS=300
NTH=4
CALLER_RE='^(anon_)?pipe_(write|read)[+]0x[0-9a-f]+$'
HAMMERS=
trap 'for p in $HAMMERS; do kill -9 "$p" 2>/dev/null; done; _t_cleanup' EXIT

# ham_start N COMM: hammer N under COMM, held at its gate; its pid in pid_N
ham_start() {
	rm -f "$T/gate$1" "$T/ham$1"
	mkfifo "$T/gate$1"
	"$H" "$2" $MS $NTH "$T/gate$1" >"$T/ham$1" &
	HAMMERS="$HAMMERS $!"
	eval "pid_$1=$!"
}
ham_go() {
	for n in "$@"; do
		: >"$T/gate$n"
	done
	for p in $HAMMERS; do
		wait "$p"
	done
	HAMMERS=
}
KEYS='["type","caller","count","avg_wait_ns","max_wait_ns","total_wait_ns","flags","max_pid","max_tid","max_lock","max_comm"]'

# ---- JSON, filters including and excluding, side by side ----
ham_start 1 "$CA"
ham_start 2 "$CB"
if multi_start $TOOL "-p $pid_1" "-p $pid_2" "-n $CA" "-n tk-nomatch" \
	"-p $pid_1 --caller anon_pipe_" "-p $pid_1 --caller pipe_" "-p $pid_1 --caller tk_nomatch" \
	"-p $pid_1 -L 0xffffffff00001000"; then
	ham_go 1 2
	sleep 0.2
	multi_stop
	A=$T/multi.0.out B=$T/multi.1.out N=$T/multi.2.out X=$T/multi.3.out
	for f in "$A" "$B" "$N" "$X"; do
		t_check "json: $(basename "$f") is strict JSON" "$TK_HELPERS/jsonget" "$f"
	done
	t_check "-p $pid_1: pipe mutex callers with count > 0 and waits, pid $pid_1 ($CA) the longest waiter" \
		jq -se "[.[] | select((.caller | test(\"$CALLER_RE\")) and (.flags | test(\"MUTEX\")))] |
			length >= 1 and
			all(.[]; .type == \"caller\" and .count > 0 and .total_wait_ns > 0 and
			    .max_wait_ns > 0 and .max_wait_ns <= .total_wait_ns and
			    .avg_wait_ns == (.total_wait_ns / .count | floor) and
			    .max_pid == $pid_1 and .max_comm == \"$CA\")" "$A"
	t_check "-p $pid_1: every row is pid $pid_1's" \
		[ "$(jq_count "$A" ".max_pid != $pid_1")" = 0 ]
	t_check "json: keys in the documented order" \
		jq -se "[.[] | keys_unsorted] | unique == [$KEYS]" "$A"
	t_check "json: rows sorted by total wait, largest first" \
		jq -se '[.[] | .total_wait_ns] as $t | $t == ($t | sort | reverse)' "$A"
	t_cond "-p $pid_2: B's pipe callers, nothing of pid $pid_1" '[ "$(jq_count "$B" ".max_pid == $pid_1")" = 0 ] &&
		[ "$(jq_count "$B" ".max_pid == $pid_2 and (.caller | test(\"$CALLER_RE\"))")" -ge 1 ]'
	t_cond "-n $CA: its pipe callers, no other command" '[ "$(jq_count "$N" ".max_comm != \"$CA\"")" = 0 ] &&
		[ "$(jq_count "$N" ".max_pid == $pid_1 and (.caller | test(\"$CALLER_RE\"))")" -ge 1 ]'
	t_check "-n tk-nomatch: no row at all" [ ! -s "$X" ]
	# the caller is pipe_write or anon_pipe_write, depending on the kernel
	C1=$T/multi.4.out C2=$T/multi.5.out
	prefix_rows() {
		[ "$(cat "$C1" "$C2" | jq_count /dev/stdin "(.caller | test(\"$CALLER_RE\"))")" -ge 1 ] &&
			[ "$(jq_count "$C1" '(.caller | startswith("anon_pipe_")) | not')" = 0 ] &&
			[ "$(jq_count "$C2" '(.caller | startswith("pipe_")) | not')" = 0 ] && return 0
		jq -c '[.caller, .count]' "$C1" "$C2" | head -n 10	# what there was
		return 1
	}
	t_check "--caller anon_pipe_ / pipe_: pipe rows, and only rows of that prefix" prefix_rows
	t_check "--caller tk_nomatch: no row at all" [ ! -s "$T/multi.6.out" ]
	t_check "-L of another lock: no row of pid $pid_1" [ ! -s "$T/multi.7.out" ]
else
	t_fail "json: klockstat instances started" "$(cat "$T"/multi.*.err)"
	multi_stop
	ham_go 1 2
fi

# ---- text: BCC's columns, a pipe caller row, -s 3 frames under each row ----
ham_start 1 "$CA"
if tool_start $TOOL -p "$pid_1" -s 3; then
	ham_go 1
	sleep 0.2
	tool_stop
	hdr=$(sed -n 2p "$T/out")
	t_check "text: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "text: header CALLER AVG WAIT COUNT MAX WAIT TOTAL WAIT" \
		[ "$(echo "$hdr" | tr -s ' ')" = "CALLER AVG WAIT COUNT MAX WAIT TOTAL WAIT" ]
	t_check "text: a pipe caller row with times in units and a count" \
		grep -Eq '^(anon_)?pipe_(write|read)\+0x[0-9a-f]+ +[0-9.]+ (ns|us|ms|s) +[1-9][0-9]* +[0-9.]+ (ns|us|ms|s) +[0-9.]+ (ns|us|ms|s)$' "$T/out"
	t_check "text: each row has 1 to 3 frames under it, the caller first" \
		awk 'NR <= 2 { next } /^        / { n++; if (n == 1 && $1 != c) bad = 1; next }
			{ if (c != "" && (n < 1 || n > 3)) bad = 1; c = $1; n = 0 }
			END { if (c == "" || n < 1 || n > 3) bad = 1; exit bad }' "$T/out"
else
	t_fail "text: klockstat started" "$(cat "$T/err")"
	ham_go 1
fi

# ---- --per-lock -e: the lock column, and the hostile comm escaped ----
ham_start 3 "$HOSTILE"
if multi_start $TOOL "-p $pid_3 --per-lock" && tool_start $TOOL -e -p "$pid_3"; then
	ham_go 3
	sleep 0.2
	tool_stop
	multi_stop
	t_check "--per-lock: type lock, a lock key equal to the longest wait's lock" \
		jq -se "[.[] | select(.caller | test(\"$CALLER_RE\"))] | length >= 1 and
			all(.[]; .type == \"lock\" and .lock == .max_lock and (.lock | test(\"^0x[0-9a-f]+\$\")))" \
		"$T/multi.0.out"
	t_check "hostile comm: JSON holds the exact bytes" \
		[ "$("$TK_HELPERS/jsonget" -c -w "max_comm=$HOSTILE" -w "max_pid=$pid_3" "$T/multi.0.out")" -ge 1 ]
	t_check "hostile comm: -e text escapes it" grep -qF " $HOSTILE_TEXT" "$T/out"
	t_check "hostile comm: no raw ESC in text" sh -c "! grep -q \"\$(printf '\033')\" '$T/out'"
	t_check "-e: FLAGS MAX PID MAX TID MAX LOCK MAX COMM columns" \
		grep -q 'TOTAL WAIT FLAGS  *MAX PID MAX TID MAX LOCK  *MAX COMM$' "$T/out"
else
	t_fail "--per-lock/-e: klockstat started" "$(cat "$T/err" "$T"/multi.*.err)"
	tool_stop
	multi_stop
	ham_go 3
fi

# ---- [interval [count]]: exactly COUNT tables, then exit 0 by itself ----
timeout 20 "$TK_BIN/$TOOL" -T -n tk-nomatch 1 2 >"$T/iv.out" 2>"$T/iv.err"
rc=$?
n=$(grep -Ec '^[0-9]{2}:[0-9]{2}:[0-9]{2} *$' "$T/iv.out")
h=$(grep -c '^CALLER ' "$T/iv.out")
if [ "$rc" = 0 ] && [ "$n" = 2 ] && [ "$h" = 2 ]; then
	t_ok "-T 1 2: two timestamped tables, exit 0"
else
	t_fail "-T 1 2: two tables" "rc=$rc stamps=$n headers=$h; $(cat "$T/iv.out" "$T/iv.err")"
fi

# ---- usage errors: exit 2 with a message that names the problem ----
t_usage "-s 0" "stacks" -s 0
t_usage "-s 200" "stacks" -s 200
t_usage "-L xyz" "invalid --lock 'xyz': expected a non-zero kernel address" -L xyz
t_usage "-L 0" "invalid --lock '0'" -L 0
t_usage "--sort foo" "invalid --sort 'foo': expected total, max, count or avg" --sort foo
t_usage "--top 0" "top" --top 0
t_usage "interval 0" "invalid interval '0'" 0
t_done
