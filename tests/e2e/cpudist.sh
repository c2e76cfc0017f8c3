#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# cpudist end to end: schedhog spins 1 ms and sleeps 200 us in a loop, so
# with one thread most of its on-CPU times are near 1 ms and most off-CPU
# times well below 512 us; with three threads pinned to one CPU, -L gives
# three threads.  Text and JSON, -P, -L, -O, -m, -p and -n include and
# exclude, a hostile comm, bad input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=cpudist
HOG=$TK_HELPERS/schedhog
t_need_helpers schedhog
COMM=tkcd$RND
HOSTILE=$(printf 'cd\nb\033[31m\377c')
HOSTILE_TEXT='cd\nb\x1b[31m\xffc'

# hog NTHREADS [COMM]: sets HPID
hog() {
	"$HOG" "${2:-$COMM}" "$1" 600 >"$T/hog"
	HPID=$(head -n 1 "$T/hog")
}
# the record of the hog in $T/out, checked by jq expression $1
rec() {
	jq -se "[.[] | select(.pid == $HPID and .comm == \"$COMM\")] | length == 1 and (.[0] | $1)" "$T/out"
}

# ---- JSON -P on-CPU: one thread, most times 512 us or more ----
if tool_start $TOOL -j -P; then
	hog 1
	tool_stop
	t_check "json -P: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json -P: every line is strict JSON" "$J" "$T/out"
	t_check "json -P: one histogram for pid $HPID $COMM, keys, >= 100 times, a third or more >= 512 us" \
		rec "keys_unsorted == [\"type\",\"pid\",\"comm\",\"unit\",\"buckets\"] and .unit == \"usecs\" and
		     ([.buckets[].count] | add) as \$n | \$n >= 100 and
		     ([.buckets[] | select(.low >= 512) | .count] | add) * 3 > \$n"
else
	t_fail "json -P: cpudist started" "$(cat "$T/err")"
fi

# ---- JSON -O -P off-CPU: most times below 512 us ----
if tool_start $TOOL -j -O -P -n "$COMM"; then
	hog 1
	tool_stop
	t_check "json -O -P: >= 100 times off the CPU, a third or more below 512 us" \
		rec "([.buckets[].count] | add) as \$n | \$n >= 100 and
		     ([.buckets[] | select(.high < 512) | .count] | add) * 3 > \$n"
else
	t_fail "json -O: cpudist started" "$(cat "$T/err")"
fi

# ---- text -P: exact label line and BCC's header ----
if tool_start $TOOL -P -n "$COMM"; then
	hog 1
	tool_stop
	awk -v l="pid = $HPID $COMM" '$0 == l { on = 1; print; next } on && /^$/ { exit } on' \
		"$T/out" >"$T/block"
	rows=$(sed 1,2d "$T/block" | awk '{ n += $5 } END { print n + 0 }')
	if [ "$(sed -n 1p "$T/block")" = "pid = $HPID $COMM" ] &&
	   [ "$(sed -n 2p "$T/block")" = "     usecs               : count     distribution" ] &&
	   [ "$rows" -ge 100 ] &&
	   [ "$(sed 1,2d "$T/block" | grep -Evc '^ {0,9}[0-9]+ -> [0-9]+ +: [0-9]+ +\|[* ]{40}\|$')" = 0 ]; then
		t_ok "text -P: 'pid = $HPID $COMM', BCC's header, $rows times"
	else
		t_fail "text -P: label and histogram" "$(head -c 2000 "$T/out"; cat "$T/err")"
	fi
else
	t_fail "text -P: cpudist started" "$(cat "$T/err")"
fi

# ---- -L: three threads ----
if tool_start $TOOL -j -L -n "$COMM"; then
	hog 3
	tool_stop
	t_check "-L: three threads of $COMM, one with tid $HPID" \
		jq -se "[.[] | select(.comm == \"$COMM\")] | length == 3 and any(.[]; .tid == $HPID)" "$T/out"
else
	t_fail "-L: cpudist started" "$(cat "$T/err")"
fi

# ---- -m ----
if tool_start $TOOL -j -m -P -n "$COMM"; then
	hog 1
	tool_stop
	t_check "-m: unit msecs" rec '.unit == "msecs"'
else
	t_fail "-m: cpudist started" "$(cat "$T/err")"
fi

# ---- -p includes; -n excludes beside an unfiltered run ----
rm -f "$T/go"
( while [ ! -e "$T/go" ]; do sleep 0.02; done; exec "$HOG" "$COMM" 1 600 ) >"$T/hog" &
HOGSH=$!
if tool_start $TOOL -j -P -p "$HOGSH"; then
	: >"$T/go"
	wait "$HOGSH"
	tool_stop
	t_cond "-p $HOGSH: its histogram, nothing else" '[ "$("$J" -c -w "pid=$HOGSH" -w "comm=$COMM" "$T/out")" = 1 ] &&
		[ "$(jq_count "$T/out" ".pid != $HOGSH")" = 0 ]'
else
	t_fail "-p: cpudist started" "$(cat "$T/err")"
	: >"$T/go"
	wait "$HOGSH"
fi
"$TK_BIN/$TOOL" -v -j -P >"$T/ref.out" 2>"$T/ref.err" &
REF=$!
if wait_attached $REF "$T/ref.err" && tool_start $TOOL -j -P -n tk-nomatch; then
	hog 1
	tool_stop
	kill -INT $REF
	wait $REF
	t_check "-n tk-nomatch: the unfiltered run sees $COMM" \
		[ "$("$J" -c -w "pid=$HPID" -w "comm=$COMM" "$T/ref.out")" = 1 ]
	t_check "-n tk-nomatch: the filtered run sees nothing" [ ! -s "$T/out" ]
else
	t_fail "-n: both cpudists started" "$(cat "$T/err" "$T/ref.err")"
	kill -INT $REF 2>/dev/null
	tool_stop
fi

# ---- no split: one histogram per interval ----
timeout 20 "$TK_BIN/$TOOL" -j -n tk-nomatch 1 2 >"$T/iv.out" 2>"$T/iv.err"
rc=$?
t_cond "-j 1 2 (nothing matches): exit 0, exactly two unlabelled histograms" '[ "$rc" = 0 ] && [ "$(jq_count "$T/iv.out" '\''.type == "hist" and (has("pid") | not)'\'')" = 2 ] &&
	[ "$(wc -l <"$T/iv.out")" = 2 ]'

# ---- a hostile comm ----
if tool_start $TOOL -P; then
	hog 1 "$HOSTILE"
	tool_stop
	t_check "hostile comm: text label escaped" grep -qxF "pid = $HPID $HOSTILE_TEXT" "$T/out"
	t_check "hostile comm: no raw ESC in text" sh -c "! grep -q \"\$(printf '\033')\" '$T/out'"
else
	t_fail "hostile comm text: cpudist started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -P; then
	hog 1 "$HOSTILE"
	tool_stop
	t_check "hostile comm: valid JSON, decoded comm byte for byte" \
		[ "$("$J" -c -w "pid=$HPID" -w "comm=$HOSTILE" "$T/out")" = 1 ]
else
	t_fail "hostile comm json: cpudist started" "$(cat "$T/err")"
fi

# ---- usage errors ----
t_usage "-P with -L" "-P/--process and -L/--tids cannot be combined" -P -L
t_usage "interval 0" "invalid interval '0'" 0
t_usage "too many positionals" "unexpected argument '3'" 1 2 3
t_usage "unknown option" "unrecognized option '--bogus'" --bogus
t_usage "-c is not offered" "invalid option -- 'c'" -c /sys/fs/cgroup

t_done
