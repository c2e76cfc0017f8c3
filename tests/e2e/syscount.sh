#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# syscount end to end: a helper under a unique name makes exactly N getppid()
# calls and M chdir() calls failing with ENOENT; the exact counts must show
# in JSON and in BCC's text layout, per call and per process (-P), with
# -L/-m (N 20 ms nanosleep() calls timed), 32-bit calls, -x, --errno, --syscall, --top, -p and -n (each including one helper
# and excluding another), a hostile command name, intervals and bad input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=syscount
LOOP=$TK_HELPERS/sysloop
t_need_helpers sysloop

RND=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
CA=tkscA$RND		# the helper that is traced
CB=tkscB$RND		# the helper that a filter leaves out
NA=1000			# getppid() calls of A
NB=700			# getppid() calls of B
NF=300			# failing chdir() calls of A

# Helpers wait, blocked opening a FIFO, until go() opens its other end: the
# tool is attached by then, and their pids are known for -p.
FIFO=$T/go
mkfifo "$FIFO"
PIDS=
loop() {	# loop COMM NPPID NCHDIR: a blocked helper; its pid in $lpid
	"$LOOP" "$@" <"$FIFO" &
	lpid=$!
	PIDS="$PIDS $lpid"
}
go() {		# releases the helpers, waits for them; 0 when all succeeded
	# the write end stays open until all are done: a helper that opens the
	# FIFO only after another one finished must not block for ever
	exec 3>"$FIFO"
	_rc=0
	for _p in $PIDS; do
		wait "$_p" || _rc=1
	done
	exec 3>&-
	PIDS=
	return $_rc
}
BUSY=
trap 'for p in $PIDS $BUSY; do kill -9 "$p" 2>/dev/null; done; _t_cleanup' EXIT

# run DESC ARGS...: the tool with ARGS around go(); 0 when all went well
run() {
	_d=$1
	shift
	if tool_start "$TOOL" "$@" && go; then
		tool_stop
		[ "$TOOL_RC" = 0 ] && return 0
	else
		tool_stop
	fi
	t_fail "$_d: run" "rc=$TOOL_RC; $(cat "$T/out" "$T/err")"
	return 1
}

# ---- -j -p A --top 2: A's getppid row is exact and the busiest; B is out ----
loop "$CA" $NA 0
A=$lpid
loop "$CB" $NB 0
if run "-j -p" -j -p "$A" --top 2; then
	t_check "-j -p A: getppid counted exactly $NA times (B's $NB left out)" \
		jq -se "[.[] | select(.syscall == \"getppid\")] |
			length == 1 and .[0].count == $NA and .[0].type == \"syscall\" and
			(.[0].nr | type == \"number\")" "$T/out"
	t_check "--top 2: two rows, getppid first" \
		jq -se 'length == 2 and .[0].syscall == "getppid" and .[0].count >= .[1].count' "$T/out"
	t_check "-j: no process or latency keys by call" \
		jq -se 'all(.[]; has("pid") or has("comm") or has("total_ns") | not)' "$T/out"
fi

# ---- text -n A --syscall getppid: BCC's header and the exact line ----------
loop "$CA" $NA 0
loop "$CB" $NB 0
if run "text -n --syscall" -n "$CA" --syscall getppid; then
	printf '\n%-22s %8s\n%-22s %8d\n' SYSCALL COUNT getppid $NA >"$T/want"
	if cmp -s "$T/want" "$T/out"; then
		t_ok "text -n A --syscall getppid: exactly the header and 'getppid $NA'"
	else
		t_fail "text -n A --syscall getppid" "$(cat -A "$T/out")"
	fi
fi

# ---- -P: A's row by pid, hostile comm escaped in text, intact in JSON -------
HC=$(printf 'tk\n%s\033' "$RND")		# newline and ESC in a command name
HC_TEXT="tk\\n$RND\\x1b"
HC_JSON=$(printf '"tk\\n%s\\u001b"' "$RND")
loop "$HC" $NA 0
A=$lpid
loop "$CB" $NB 0
if run "-P -j" -P -j --syscall getppid --top 1000; then
	t_check "-P -j: row of pid $A with the hostile comm and count $NA" \
		jq -se "[.[] | select(.pid == $A)] | length == 1 and .[0].type == \"process\" and
			.[0].comm == $HC_JSON and .[0].count == $NA and (.[0] | has(\"syscall\") | not)" \
			"$T/out"
fi
loop "$HC" $NA 0
A=$lpid
if run "-P text" -P --syscall getppid -p "$A"; then
	printf '\n%-6s %-15s %8s\n%-6d %-15s %8d\n' PID COMM COUNT "$A" "$HC_TEXT" $NA >"$T/want"
	if cmp -s "$T/want" "$T/out"; then
		t_ok "-P text: 'PID COMM COUNT' and '$A $HC_TEXT $NA', comm escaped"
	else
		t_fail "-P text: exact lines" "want: $(cat -A "$T/want") got: $(cat -A "$T/out")"
	fi
fi

# ---- -t and -u: the thread is counted, another user's calls are not --------
loop "$CA" $NA 0
A=$lpid
if run "-t" -j -t "$A" --syscall getppid; then
	t_check "-t A (its main thread): getppid $NA" \
		jq -se "length == 1 and .[0].count == $NA" "$T/out"
fi
loop "$CA" $NA 0
if run "-u" -j -u 65534 -n "$CA" --syscall getppid; then
	t_check "-u 65534: root's helper left out" test ! -s "$T/out"
fi
loop "$CA" $NA 0 0 65534		# becomes uid 65534 before its calls
loop "$CB" $NB 0
if run "-u 65534 (included)" -j -u 65534 --syscall getppid -n "$CA"; then
	t_check "-u 65534: the helper that setuid()s to 65534 counted, getppid $NA" \
		jq -se "length == 1 and .[0].count == $NA" "$T/out"
fi

# ---- -x and --errno: the failing chdir calls, not the getppid ones ----------
loop "$CA" $NA $NF
A=$lpid
loop "$CB" 0 $NF
if run "-x" -j -x -p "$A" --top 1000; then
	t_check "-x: chdir counted $NF times, successful getppid left out" \
		jq -se "([.[] | select(.syscall == \"chdir\")] | length == 1 and .[0].count == $NF) and
			([.[] | select(.syscall == \"getppid\")] | length == 0)" "$T/out"
fi
loop "$CA" $NA $NF
loop "$CB" 0 $NF
if run "--errno ENOENT" -j --errno ENOENT -n "$CA" --top 1000; then
	t_check "--errno ENOENT -n A: chdir $NF (B's left out), no getppid" \
		jq -se "([.[] | select(.syscall == \"chdir\")] | length == 1 and .[0].count == $NF) and
			([.[] | select(.syscall == \"getppid\")] | length == 0)" "$T/out"
fi
loop "$CA" $NA $NF
A=$lpid
if run "--errno EACCES" -j --errno 13 -p "$A" --syscall chdir; then
	t_check "--errno 13 (EACCES): ENOENT failures left out" test ! -s "$T/out"
fi

# ---- -L and -m: time columns ---------------------------------------------------
NS=5		# nanosleep() calls of 20 ms: a total of 100..175 ms
loop "$CA" 0 0 $NS
A=$lpid
if run "-L -j nanosleep" -L -j -p "$A" --syscall nanosleep; then
	t_check "-L -j: nanosleep count $NS, total_ns $((NS * 20)) ms..$((NS * 35)) ms" \
		jq -se "length == 1 and .[0].count == $NS and
			.[0].total_ns >= $((NS * 20000000)) and .[0].total_ns <= $((NS * 35000000))" "$T/out"
fi
loop "$CA" 0 0 $NS
A=$lpid
if run "-L -m nanosleep" -L -m -p "$A" --syscall nanosleep; then
	t_check "-L -m text: nanosleep $NS calls in $((NS * 20))..$((NS * 35)) ms" \
		awk -v n=$NS '$1 == "nanosleep" && $2 == n && $3 >= n * 20 && $3 <= n * 35 { ok = 1 }
			END { exit !ok }' "$T/out"
fi
loop "$CA" $NA 0
A=$lpid
if run "-L -j" -L -j -p "$A" --syscall getppid; then
	t_check "-L -j: getppid count $NA and total_ns > 0" \
		jq -se "length == 1 and .[0].count == $NA and .[0].total_ns > 0" "$T/out"
fi
loop "$CA" $NA 0
A=$lpid
if run "-L text" -L -p "$A" --syscall getppid; then
	t_check "-L text: header 'SYSCALL COUNT TIME (us)', usecs with 3 decimals" \
		sh -c "[ \"\$(sed -n 2p '$T/out')\" = \"$(printf '%-22s %8s %16s' SYSCALL COUNT 'TIME (us)')\" ] &&
			sed -n 3p '$T/out' | grep -Eq '^getppid {20}$NA {6,}[0-9]+\.[0-9]{3}\$'"
fi
loop "$CA" $NA 0
A=$lpid
if run "-L -m text" -L -m -p "$A" --syscall getppid; then
	t_check "-L -m text: 'TIME (ms)' with 6 decimals" \
		sh -c "[ \"\$(sed -n 2p '$T/out')\" = \"$(printf '%-22s %8s %16s' SYSCALL COUNT 'TIME (ms)')\" ] &&
			sed -n 3p '$T/out' | grep -Eq '^getppid +$NA +[0-9]+\.[0-9]{6}\$'"
fi

# ---- 32-bit calls (x86-64): labelled compat, never under a 64-bit name ---------
if [ "$(uname -m)" = x86_64 ]; then
	NC=300		# getpid() through int 0x80: number 20, writev in the 64-bit table
	loop "$CA" 0 0 0 0 $NC
	A=$lpid
	if run "compat" -j -e -p "$A" --top 1000; then
		t_check "32-bit getpid x$NC: '[compat: 20]' with nr 20, no writev" \
			jq -se "([.[] | select(.syscall == \"[compat: 20]\")] | length == 1 and
				.[0].count == $NC and .[0].nr == 20) and
				([.[] | select(.syscall == \"writev\")] | length == 0)" "$T/out"
	fi
	loop "$CA" 0 0 0 0 $NC
	A=$lpid
	if run "compat --syscall writev" -j -p "$A" --syscall writev; then
		t_check "--syscall writev: the 32-bit calls numbered 20 left out" test ! -s "$T/out"
	fi
fi

# ---- [interval [count]]: exactly two tables, then exit 0 by itself --------------
# something calls every interval, however quiet the machine
( while :; do sleep 0.2; done ) &
BUSY=$!
timeout 20 "$TK_BIN/$TOOL" -T 1 2 >"$T/iv.out" 2>"$T/iv.err"
rc=$?
n=$(grep -Ec '^[0-9]{2}:[0-9]{2}:[0-9]{2} *$' "$T/iv.out")
h=$(grep -Ec '^SYSCALL +COUNT$' "$T/iv.out")
if [ "$rc" = 0 ] && [ "$n" = 2 ] && [ "$h" = 2 ]; then
	t_ok "-T 1 2: two timestamped tables, exit 0"
else
	t_fail "-T 1 2: two tables" "rc=$rc stamps=$n headers=$h; $(cat "$T/iv.out" "$T/iv.err")"
fi
timeout 20 "$TK_BIN/$TOOL" 1 2 >"$T/iv.out" 2>"$T/iv.err"
rc=$?
n=$(grep -A1 -Ex '\[[0-9]{2}:[0-9]{2}:[0-9]{2}\]' "$T/iv.out" | grep -Ec '^SYSCALL +COUNT$')
if [ "$rc" = 0 ] && [ "$n" = 2 ] && [ "$(grep -c '^SYSCALL' "$T/iv.out")" = 2 ]; then
	t_ok "1 2: BCC's '[HH:MM:SS]' line before each of the two tables"
else
	t_fail "1 2: '[HH:MM:SS]' before each table" "rc=$rc n=$n; $(cat "$T/iv.out" "$T/iv.err")"
fi
timeout 20 "$TK_BIN/$TOOL" -j -T --top 3 1 2 >"$T/iv.out" 2>"$T/iv.err"
rc=$?
kill "$BUSY" 2>/dev/null
if [ "$rc" = 0 ] && jq -se 'length >= 2 and length <= 6 and ([.[].time] | unique | length) == 2 and
		all(.[]; .type == "syscall" and (.time | type == "number"))' "$T/iv.out" >/dev/null; then
	t_ok "-j -T --top 3 1 2: rows of two intervals with their time, at most 3 each"
else
	t_fail "-j -T 1 2: two intervals" "rc=$rc; $(cat "$T/iv.out" "$T/iv.err")"
fi

# ---- -d: stops by itself and prints the table -----------------------------------
timeout 20 "$TK_BIN/$TOOL" -d 1 >"$T/d.out" 2>"$T/d.err"
rc=$?
if [ "$rc" = 0 ] && [ "$(grep -c '^SYSCALL  *COUNT$' "$T/d.out")" = 1 ] &&
   ! grep -q '^\[' "$T/d.out"; then
	t_ok "-d 1: one table without a '[HH:MM:SS]' line, exit 0"
else
	t_fail "-d 1: one table" "rc=$rc; $(cat "$T/d.out" "$T/d.err")"
fi

# ---- -l: the build's table ---------------------------------------------------------
"$TK_BIN/$TOOL" -l >"$T/list" 2>"$T/list.err"
rc=$?
if [ "$rc" = 0 ] && grep -qx getppid "$T/list" && grep -qx openat "$T/list" &&
   [ "$(wc -l <"$T/list")" -gt 200 ] && [ ! -s "$T/list.err" ]; then
	t_ok "-l: lists getppid, openat and $(wc -l <"$T/list" | tr -d ' ') names, exit 0"
else
	t_fail "-l: list" "rc=$rc; $(head "$T/list" "$T/list.err")"
fi

# ---- usage errors: exit 2 with a message that names the problem -----------------
bad() {
	desc=$1
	pattern=$2
	shift 2
	timeout 10 "$TK_BIN/$TOOL" "$@" >"$T/bad.out" 2>"$T/bad.err"
	rc=$?
	if [ "$rc" = 2 ] && grep -Eq -e "$pattern" "$T/bad.err" && [ ! -s "$T/bad.out" ]; then
		t_ok "usage error: $desc"
	else
		t_fail "usage error: $desc" "rc=$rc; $(cat "$T/bad.out" "$T/bad.err")"
	fi
}
bad "unknown syscall" "invalid --syscall 'nosuchcall': unknown system call" --syscall nosuchcall
bad "unknown errno" "invalid --errno 'ENOSUCH': expected an errno name" --errno ENOSUCH
bad "errno 0" "invalid --errno '0'" --errno 0
bad "--top 0" "invalid --top value '0'" --top 0
bad "--top abc" "invalid --top value 'abc'" --top abc
bad "-m without -L" "-m/--milliseconds needs -L/--latency" -m
bad "interval 0" "invalid interval '0'" 0
bad "too many positionals" "unexpected argument '3'" 1 2 3

t_done
