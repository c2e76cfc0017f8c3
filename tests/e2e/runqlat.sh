#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# runqlat end to end: schedhog runs three spinning threads pinned to one CPU,
# so each waits in the run queue behind the others; with -P its pid and comm
# must get a histogram with waits of a millisecond or more, in JSON and in
# text; -L gives its three threads; -p and -n include and exclude; -m, the
# unsplit histogram per interval, a hostile comm, bad input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=runqlat
HOG=$TK_HELPERS/schedhog
t_need_helpers schedhog
COMM=tkrq$RND
HOSTILE=$(printf 'rq\nb\033[31m\377c')
HOSTILE_TEXT='rq\nb\x1b[31m\xffc'

# hog [COMM]: three threads on one CPU for 600 ms; sets HPID
hog() {
	"$HOG" "${1:-$COMM}" 3 600 >"$T/hog"
	HPID=$(head -n 1 "$T/hog")
}

# ---- JSON -P: the hog's process, with long waits ----
if tool_start $TOOL -j -P; then
	hog
	tool_stop
	t_check "json -P: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json -P: every line is strict JSON" "$J" "$T/out"
	t_check "json -P: exactly one histogram for pid $HPID comm $COMM" \
		[ "$("$J" -c -w type=hist -w "pid=$HPID" -w "comm=$COMM" "$T/out")" = 1 ]
	t_check "json -P: usecs, keys type pid comm unit buckets, >= 10 waits, one of 512 us or more" \
		jq -se "[.[] | select(.pid == $HPID and .comm == \"$COMM\")] | length == 1 and
			(.[0] | .unit == \"usecs\" and keys_unsorted == [\"type\",\"pid\",\"comm\",\"unit\",\"buckets\"] and
			 ([.buckets[].count] | add) >= 10 and
			 any(.buckets[]; .low >= 512 and .count > 0))" "$T/out"
else
	t_fail "json -P: runqlat started" "$(cat "$T/err")"
fi

# ---- text -P: the exact label line, BCC's header, well-formed rows ----
if tool_start $TOOL -P; then
	hog
	tool_stop
	awk -v l="pid = $HPID $COMM" '$0 == l { on = 1; print; next } on && /^$/ { exit } on' \
		"$T/out" >"$T/block"
	rows=$(sed 1,2d "$T/block" | awk '{ n += $5 } END { print n + 0 }')
	if [ "$(sed -n 1p "$T/block")" = "pid = $HPID $COMM" ] &&
	   [ "$(sed -n 2p "$T/block")" = "     usecs               : count     distribution" ] &&
	   [ "$rows" -ge 10 ] &&
	   [ "$(sed 1,2d "$T/block" | grep -Evc '^ {0,9}[0-9]+ -> [0-9]+ +: [0-9]+ +\|[* ]{40}\|$')" = 0 ]; then
		t_ok "text -P: 'pid = $HPID $COMM', BCC's header, $rows waits"
	else
		t_fail "text -P: label and histogram" "$(head -c 2000 "$T/block"; cat "$T/err")"
	fi
else
	t_fail "text -P: runqlat started" "$(cat "$T/err")"
fi

# ---- --pidnss: the hog in a new PID namespace gets its own histogram ----
if tool_start $TOOL -j --pidnss; then
	unshare -pf sh -c 'readlink /proc/self/ns/pid; exec "$0" "$1" 3 600' "$HOG" "$COMM" >"$T/ns"
	tool_stop
	NS=$(sed -n '1s/^pid:\[\([0-9]*\)\]$/\1/p' "$T/ns")
	t_check "json --pidnss: every line is strict JSON" "$J" "$T/out"
	t_check "json --pidnss: namespace $NS (the hog's): keys type pidns unit buckets, >= 10 waits" \
		jq -se "[.[] | select(.pidns == ${NS:-0})] | length == 1 and
			(.[0] | keys_unsorted == [\"type\",\"pidns\",\"unit\",\"buckets\"] and
			 ([.buckets[].count] | add) >= 10)" "$T/out"
else
	t_fail "json --pidnss: runqlat started" "$(cat "$T/err")"
fi
if tool_start $TOOL --pidnss; then
	unshare -pf sh -c 'readlink /proc/self/ns/pid; exec "$0" "$1" 3 600' "$HOG" "$COMM" >"$T/ns"
	tool_stop
	NS=$(sed -n '1s/^pid:\[\([0-9]*\)\]$/\1/p' "$T/ns")
	t_check "text --pidnss: the label line 'pidns = $NS'" grep -qx "pidns = ${NS:-none}" "$T/out"
else
	t_fail "text --pidnss: runqlat started" "$(cat "$T/err")"
fi

# ---- -L: one histogram per thread, the main one's tid is the pid ----
if tool_start $TOOL -j -L -n "$COMM"; then
	hog
	tool_stop
	t_check "-L: three threads of $COMM, one with tid $HPID, labelled tid" \
		jq -se "[.[] | select(.comm == \"$COMM\")] | length == 3 and
			any(.[]; .tid == $HPID) and all(.[]; has(\"pid\") | not)" "$T/out"
else
	t_fail "-L: runqlat started" "$(cat "$T/err")"
fi

# ---- -p and -n: include, and exclude beside an unfiltered run ----
hogpid_run() {
	# starts the hog first, held by a shell that waits for a go file
	( while [ ! -e "$T/go" ]; do sleep 0.02; done; exec "$HOG" "$COMM" 3 600 ) >"$T/hog" &
	HOGSH=$!
}
rm -f "$T/go"
hogpid_run
sleep 0.1
if tool_start $TOOL -j -P -p "$HOGSH"; then
	: >"$T/go"
	wait "$HOGSH"
	tool_stop
	t_cond "-p $HOGSH: its histogram, nothing else" '[ "$("$J" -c -w "pid=$HOGSH" -w "comm=$COMM" "$T/out")" = 1 ] &&
		[ "$(jq_count "$T/out" ".pid != $HOGSH")" = 0 ]'
else
	t_fail "-p: runqlat started" "$(cat "$T/err")"
	: >"$T/go"
	wait "$HOGSH"
fi
"$TK_BIN/$TOOL" -v -j -P >"$T/ref.out" 2>"$T/ref.err" &
REF=$!
if wait_attached $REF "$T/ref.err" && tool_start $TOOL -j -P -n tk-nomatch; then
	hog
	tool_stop
	kill -INT $REF
	wait $REF
	t_check "-n tk-nomatch: the unfiltered run sees $COMM" \
		[ "$("$J" -c -w "pid=$HPID" -w "comm=$COMM" "$T/ref.out")" = 1 ]
	t_check "-n tk-nomatch: the filtered run sees nothing" [ ! -s "$T/out" ]
else
	t_fail "-n: both runqlats started" "$(cat "$T/err" "$T/ref.err")"
	kill -INT $REF 2>/dev/null
	tool_stop
fi

# ---- -m: msecs ----
if tool_start $TOOL -j -m -P -n "$COMM"; then
	hog
	tool_stop
	t_check "-m: unit msecs for pid $HPID" \
		jq -se "[.[] | select(.pid == $HPID and .comm == \"$COMM\")] | length == 1 and .[0].unit == \"msecs\"" "$T/out"
else
	t_fail "-m: runqlat started" "$(cat "$T/err")"
fi

# ---- no split: one histogram per interval, even an empty one ----
timeout 20 "$TK_BIN/$TOOL" -j -n tk-nomatch 1 2 >"$T/iv.out" 2>"$T/iv.err"
rc=$?
t_cond "-j 1 2 (nothing matches): exit 0, exactly two unlabelled histograms" '[ "$rc" = 0 ] && [ "$(jq_count "$T/iv.out" '\''.type == "hist" and .unit == "usecs" and (has("pid") | not)'\'')" = 2 ] &&
	[ "$(wc -l <"$T/iv.out")" = 2 ]'

# ---- a hostile comm: escaped in text, exact bytes in JSON ----
if tool_start $TOOL -j -P; then
	hog "$HOSTILE"
	tool_stop
	t_check "hostile comm: valid JSON, decoded comm byte for byte" \
		[ "$("$J" -c -w "pid=$HPID" -w "comm=$HOSTILE" "$T/out")" = 1 ]
else
	t_fail "hostile comm json: runqlat started" "$(cat "$T/err")"
fi
if tool_start $TOOL -P; then
	hog "$HOSTILE"
	tool_stop
	t_check "hostile comm: text label escaped" grep -qxF "pid = $HPID $HOSTILE_TEXT" "$T/out"
	t_check "hostile comm: no raw ESC in text" sh -c "! grep -q \"\$(printf '\033')\" '$T/out'"
else
	t_fail "hostile comm text: runqlat started" "$(cat "$T/err")"
fi

# ---- usage errors: exit 2 with a message that names the problem ----
t_usage "-P with -L" "-P/--process, -L/--tids and --pidnss cannot be combined" -P -L
t_usage "--pidnss with -P" "cannot be combined" --pidnss -P
t_usage "-p not a number" "invalid pid 'abc'" -p abc
t_usage "interval 0" "invalid interval '0'" 0
t_usage "too many positionals" "unexpected argument '3'" 1 2 3
t_usage "unknown option" "unrecognized option '--bogus'" --bogus
t_usage "-c is not offered" "invalid option -- 'c'" -c /sys/fs/cgroup

t_done
