#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# futexctn end to end: threads of a helper contend on one pthread mutex, whose
# address the helper prints; that pid and address must get a histogram with
# a count, in JSON and in text; -L, -p and -n include and exclude (each
# exclusion beside an unfiltered run), --top, -m, a hostile comm, intervals,
# bad input; one known wait (count, total, bucket); a full map (loss reported).
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=futexctn
t_need_helpers lockhog
COMM=tkfx$RND
HOG=$T/$COMM
cp "$TK_HELPERS/lockhog" "$HOG"
HOSTILE=$T/$(printf 'fx\nb\033[31m\377c')	# comm: fx, newline, b, ESC, [31m, 0xff, c
HOSTILE_TEXT='fx\nb\x1b[31m\xffc'
cp "$TK_HELPERS/lockhog" "$HOSTILE"
MS=400		# contention time of one hog run
NTH=4

REF_PID=
HOGS=
trap '[ -n "$REF_PID" ] && kill -9 "$REF_PID" 2>/dev/null; for p in $HOGS; do kill "$p" 2>/dev/null; done; _t_cleanup' EXIT

# hog_start N [BIN]: starts hog number N (BIN, default $HOG; arguments
# $HOGARGS, default "$MS $NTH"), held at its gate fifo; sets pid_N and addr_N.  hog_go N... opens the gates, hog_wait waits.
hog_start() {
	rm -f "$T/gate$1" "$T/hog$1"
	mkfifo "$T/gate$1"
	"${2:-$HOG}" ${HOGARGS:-$MS $NTH} "$T/gate$1" >"$T/hog$1" &
	HOGS="$HOGS $!"
	_i=0
	until grep -q ' 0x' "$T/hog$1" 2>/dev/null || [ $_i -ge 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	eval "pid_$1=\$(cut -d' ' -f1 \"\$T/hog\$1\")"
	eval "addr_$1=\$(cut -d' ' -f2 \"\$T/hog\$1\")"
}
hog_go() {
	for n in "$@"; do
		: >"$T/gate$n"
	done
}
hog_wait() {
	for p in $HOGS; do
		wait "$p"
	done
	HOGS=
}
# one hog from start to end
hog_run() {
	hog_start "$1" "$2"
	hog_go "$1"
	hog_wait
}
settle() { sleep 0.3; }


# count FILE KEY=VALUE...: histogram records of FILE matching every KEY=VALUE
count() {
	_f=$1
	shift
	_n=$#
	for _w in "$@"; do
		set -- "$@" -w "$_w"
	done
	shift "$_n"
	"$J" -c -w type=hist "$@" "$_f"
}

# ---- JSON: the mutex of that pid, with a count and a total ----
if tool_start $TOOL -j; then
	hog_run 1
	settle
	tool_stop
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: every line is strict JSON" "$J" "$T/out"
	t_check "json: exactly one histogram for pid $pid_1 lock $addr_1" \
		[ "$(count "$T/out" "pid=$pid_1" "lock=$addr_1")" = 1 ]
	t_check "json: comm $COMM, count > 0 = the bucket counts, total > 0, usecs, log2 buckets" \
		jq -se "[.[] | select(.pid == $pid_1 and .lock == \"$addr_1\")] | length == 1 and
			(.[0] | .comm == \"$COMM\" and .count > 0 and .total > 0 and .unit == \"usecs\" and
			 ([.buckets[].count] | add) == .count and
			 all(.buckets[]; (.low == 0 and .high == 0) or .high == .low * 2 - 1))" "$T/out"
	t_check "json: keys in order type pid comm lock count total unit buckets" \
		jq -se "[.[] | select(.pid == $pid_1 and .lock == \"$addr_1\") | keys_unsorted] ==
			[[\"type\",\"pid\",\"comm\",\"lock\",\"count\",\"total\",\"unit\",\"buckets\"]]" "$T/out"
	t_check "json: histograms sorted by total, largest first" \
		jq -se '[.[] | .total] as $t | $t == ($t | sort | reverse)' "$T/out"
else
	t_fail "json: futexctn started" "$(cat "$T/err")"
fi

# ---- text: the label line, BCC's header, rows adding up to the count ----
if tool_start $TOOL; then
	hog_run 1
	settle
	tool_stop
	t_check "text: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	awk -v l="$COMM[$pid_1] lock $addr_1 contended " 'index($0, l) == 1 { on = 1; print; next }
		on && /^$/ { exit } on' "$T/out" >"$T/block"
	label=$(sed -n 1p "$T/block")
	n=$(echo "$label" | sed -n 's/^.* contended \([0-9][0-9]*\) times, avg [0-9][0-9]* usecs$/\1/p')
	rows=$(sed 1,2d "$T/block" | awk '{ n += $5 } END { print n + 0 }')
	if [ -n "$n" ] && [ "$n" -gt 0 ] && [ "$rows" = "$n" ] &&
	   [ "$(sed -n 2p "$T/block")" = "     usecs               : count     distribution" ] &&
	   [ "$(sed 1,2d "$T/block" | grep -Evc '^ {0,9}[0-9]+ -> [0-9]+ +: [0-9]+ +\|[* ]{40}\|$')" = 0 ]; then
		t_ok "text: '$label', BCC's header, rows count $rows"
	else
		t_fail "text: label and histogram of $COMM[$pid_1] lock $addr_1" \
			"label='$label' n=$n rows=$rows; $(head -c 3000 "$T/out"; cat "$T/err")"
	fi
else
	t_fail "text: futexctn started" "$(cat "$T/err")"
fi

# ---- -L: the lock's address includes, another excludes ----
hog_start 1
if tool_start $TOOL -j -L "$addr_1"; then
	hog_go 1
	hog_wait
	settle
	tool_stop
	t_check "-L $addr_1: its histogram is there" [ "$(count "$T/out" "pid=$pid_1" "lock=$addr_1")" = 1 ]
	t_check "-L $addr_1: no other lock" [ "$(jq_count "$T/out" ".lock != \"$addr_1\"")" = 0 ]
else
	t_fail "-L: futexctn started" "$(cat "$T/err")"
	hog_wait
fi
hog_start 1
other=$(printf '0x%x' $((addr_1 + 64)))
if ref_start -j && tool_start $TOOL -j -L "$other"; then
	hog_go 1
	hog_wait
	settle
	tool_stop
	ref_stop
	t_check "-L $other: the unfiltered run sees lock $addr_1" \
		[ "$(count "$T/ref.out" "pid=$pid_1" "lock=$addr_1")" = 1 ]
	t_check "-L $other: the filtered run does not" [ "$(count "$T/out" "pid=$pid_1")" = 0 ]
else
	t_fail "-L $other: both futexctns started" "$(cat "$T/err" "$T/ref.err")"
	[ -n "$REF_PID" ] && ref_stop
	tool_stop
	hog_wait
fi

# ---- -p and -n: one hog in, the other out ----
hog_start 1
hog_start 2
if ref_start -j && tool_start $TOOL -j -p "$pid_1"; then
	hog_go 1 2
	hog_wait
	settle
	tool_stop
	ref_stop
	t_check "-p $pid_1: its mutex is there" [ "$(count "$T/out" "pid=$pid_1" "lock=$addr_1")" = 1 ]
	t_check "-p $pid_1: no other pid" [ "$(jq_count "$T/out" ".pid != $pid_1")" = 0 ]
	t_check "-p $pid_1: the unfiltered run sees pid $pid_2 too" \
		[ "$(count "$T/ref.out" "pid=$pid_2" "lock=$addr_2")" = 1 ]
else
	t_fail "-p: both futexctns started" "$(cat "$T/err" "$T/ref.err")"
	[ -n "$REF_PID" ] && ref_stop
	tool_stop
	hog_wait
fi
for name in "$COMM" tk-nomatch; do
	if tool_start $TOOL -j -n "$name"; then
		hog_run 1
		settle
		tool_stop
		if [ "$name" = "$COMM" ]; then
			t_cond "-n $name: the mutex is there, nothing else" '[ "$(count "$T/out" "pid=$pid_1" "lock=$addr_1")" = 1 ] &&
				[ "$(jq_count "$T/out" ".comm != \"$COMM\"")" = 0 ]'
		else
			t_check "-n $name: no histogram at all" [ ! -s "$T/out" ]
		fi
	else
		t_fail "-n $name: futexctn started" "$(cat "$T/err")"
	fi
done

# ---- --top 1: one histogram, the most waited-on lock ----
hog_start 1
if tool_start $TOOL -j --top 1 -p "$pid_1"; then
	hog_go 1
	hog_wait
	settle
	tool_stop
	t_cond "--top 1 -p $pid_1: exactly one histogram, the mutex (not the joins)" '[ "$(jq_count "$T/out" '\''.type == "hist"'\'')" = 1 ] &&
		[ "$(count "$T/out" "pid=$pid_1" "lock=$addr_1")" = 1 ]'
else
	t_fail "--top 1: futexctn started" "$(cat "$T/err")"
	hog_wait
fi
if tool_start $TOOL -j --top 1; then
	hog_run 1
	settle
	tool_stop
	t_check "--top 1: exactly one histogram system-wide" [ "$(jq_count "$T/out" 'true')" = 1 ]
else
	t_fail "--top 1: futexctn started" "$(cat "$T/err")"
fi

# ---- -m: msecs ----
hog_start 1
if tool_start $TOOL -m -j -p "$pid_1"; then
	hog_go 1
	hog_wait
	settle
	tool_stop
	t_check "-m: unit msecs, total in msecs below $((MS * NTH)) ms" \
		jq -se "[.[] | select(.lock == \"$addr_1\")] | length == 1 and
			(.[0] | .unit == \"msecs\" and .total <= $((MS * NTH)))" "$T/out"
else
	t_fail "-m: futexctn started" "$(cat "$T/err")"
	hog_wait
fi

# ---- a hostile comm: escaped in text, exact bytes in JSON ----
hog_start 3 "$HOSTILE"
if tool_start $TOOL -j -p "$pid_3"; then
	hog_go 3
	hog_wait
	settle
	tool_stop
	t_check "hostile comm: valid JSON, decoded comm byte for byte" \
		[ "$("$J" -c -w "comm=$(printf 'fx\nb\033[31m\377c')" -w "lock=$addr_3" "$T/out")" = 1 ]
else
	t_fail "hostile comm json: futexctn started" "$(cat "$T/err")"
	hog_wait
fi
hog_start 3 "$HOSTILE"
if tool_start $TOOL -p "$pid_3"; then
	hog_go 3
	hog_wait
	settle
	tool_stop
	t_check "hostile comm: text label escaped" \
		grep -qF "$HOSTILE_TEXT[$pid_3] lock $addr_3 contended " "$T/out"
	t_check "hostile comm: no raw ESC or newline-split label in text" \
		sh -c "! grep -q \"\$(printf '\033')\" '$T/out'"
else
	t_fail "hostile comm text: futexctn started" "$(cat "$T/err")"
	hog_wait
fi

# ---- [interval [count]]: exactly COUNT intervals, then exit 0 by itself ----
timeout 20 "$TK_BIN/$TOOL" -T -n tk-nomatch 1 2 >"$T/iv.out" 2>"$T/iv.err"
rc=$?
n=$(grep -Ec '^[0-9]{2}:[0-9]{2}:[0-9]{2} *$' "$T/iv.out")
if [ "$rc" = 0 ] && [ "$n" = 2 ]; then
	t_ok "-T 1 2: two timestamped intervals, exit 0"
else
	t_fail "-T 1 2: two intervals" "rc=$rc stamps=$n; $(cat "$T/iv.out" "$T/iv.err")"
fi

# ---- one known wait: held HOLD ms, exactly one waiter ----
HOLD=220	# usecs 220000: log2 bucket 131072 -> 262143; msecs 220: 128 -> 255
for unit in usecs msecs; do
	if [ $unit = usecs ]; then opt= lo=200000 hi=300000 blo=131072 bhi=262143
	else opt=-m lo=200 hi=300 blo=128 bhi=255; fi
	HOGARGS="hold $HOLD" hog_start 4
	if tool_start $TOOL -j $opt -p "$pid_4"; then
		hog_go 4
		hog_wait
		settle
		tool_stop
		t_check "hold $HOLD ms ($unit): count 1, total $lo..$hi, the one bucket $blo -> $bhi" \
			jq -se "[.[] | select(.lock == \"$addr_4\")] | length == 1 and
				(.[0] | .count == 1 and .unit == \"$unit\" and .total >= $lo and .total <= $hi and
				 .buckets == [{\"low\": $blo, \"high\": $bhi, \"count\": 1}])" "$T/out"
	else
		t_fail "hold ($unit): futexctn started" "$(cat "$T/err")"
		hog_wait
	fi
done
HOGARGS="hold $HOLD" hog_start 4
if tool_start $TOOL -p "$pid_4"; then
	hog_go 4
	hog_wait
	settle
	tool_stop
	awk -v l="$COMM[$pid_4] lock $addr_4 contended " 'index($0, l) == 1 { on = 1; print; next }
		on && /^$/ { exit } on' "$T/out" >"$T/block"
	t_check "hold $HOLD ms (text): 'contended 1 times, avg 2xxxxx usecs'" \
		grep -Eq '^.* contended 1 times, avg 2[0-9]{5} usecs$' "$T/block"
	t_cond "hold $HOLD ms (text): last row 131072 -> 262143 : 1, all stars; rows add up to 1" '[ "$(tail -n 1 "$T/block")" = "    131072 -> 262143     : 1        |****************************************|" ] &&
		[ "$(sed 1,2d "$T/block" | awk '\''{ n += $5 } END { print n + 0 }'\'')" = 1 ]'
else
	t_fail "hold (text): futexctn started" "$(cat "$T/err")"
	hog_wait
fi

# ---- a full map: more futex words than the 4096 histograms; loss reported ----
NW=5000
HOGARGS="words $NW" hog_start 5
if tool_start $TOOL -j -p "$pid_5"; then
	hog_go 5
	hog_wait
	settle
	tool_stop
	nh=$(jq_count "$T/out" '.type == "hist"')
	nl=$(jq -s '[.[] | select(.type == "lost") | .count] | add // 0' "$T/out")
	if [ "$nh" = 4096 ] && [ "$nl" -gt 0 ] && [ $((nh + nl)) = $NW ] &&
	   grep -q "^futexctn: warning: map hists was full: $nl updates not counted$" "$T/err"; then
		t_ok "full map: 4096 histograms, {\"type\":\"lost\",\"count\":$nl} and the warning"
	else
		t_fail "full map: histograms + lost = $NW waits" "hists=$nh lost=$nl; $(grep -v '"hist"' "$T/out" | head -5; cat "$T/err")"
	fi
else
	t_fail "full map: futexctn started" "$(cat "$T/err")"
	hog_wait
fi

# ---- usage errors: exit 2 with a message that names the problem ----
t_usage "-L not a number" "invalid --lock 'xyz': expected a non-zero address" -L xyz
t_usage "-L 0" "invalid --lock '0'" -L 0
t_usage "-L 0x" "invalid --lock '0x'" -L 0x
t_usage "-L 0x12g" "invalid --lock '0x12g'" -L 0x12g
t_usage "--top 0" "top" --top 0
t_usage "--top abc" "top" --top abc
t_usage "interval 0" "invalid interval '0'" 0
t_usage "too many positionals" "unexpected argument '3'" 1 2 3
t_usage "unknown option" "unrecognized option '--bogus'" --bogus
t_usage "-x is not offered" "invalid option -- 'x'" -x

t_done
