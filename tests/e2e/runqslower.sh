#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# runqslower end to end: schedhog runs three spinning threads pinned to one
# CPU, so each waits milliseconds in the run queue; those waits must be
# printed with its pid, tids and comm, in JSON and in text (with -P the
# previous task); MIN_US, -p and -n include and exclude; a hostile comm; bad
# input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=runqslower
HOG=$TK_HELPERS/schedhog
t_need_helpers schedhog
COMM=tkrs$RND
HOSTILE=$(printf 'rs\nb\033[31m\377c')
HOSTILE_TEXT='rs\nb\x1b[31m\xffc'

hog() {
	"$HOG" "${1:-$COMM}" 3 600 >"$T/hog"
	HPID=$(head -n 1 "$T/hog")
}

# ---- JSON: waits of 500 us or more of the hog's threads ----
if tool_start $TOOL -j 500; then
	hog
	tool_stop
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: every line is strict JSON" "$J" "$T/out"
	t_check "json: >= 5 waits of pid $HPID comm $COMM, all >= 500 us, 1 to 3 tids, keys in order" \
		jq -se "[.[] | select(.pid == $HPID and .comm == \"$COMM\")] |
			length >= 5 and all(.[]; .lat_us >= 500 and .tid >= $HPID and .tid < $HPID + 100) and
			([.[].tid] | unique | length) <= 3 and
			(.[0] | keys_unsorted == [\"time\",\"pid\",\"comm\",\"tid\",\"lat_us\",\"prev_comm\",\"prev_tid\"])" \
		"$T/out"
	t_check "json: some wait of $COMM came after another thread of it (prev_comm)" \
		jq -se "any(.[]; .pid == $HPID and .prev_comm == \"$COMM\" and .prev_tid != .tid)" "$T/out"
else
	t_fail "json: runqslower started" "$(cat "$T/err")"
fi

# ---- text -P: BCC's header and well-formed lines of the hog ----
if tool_start $TOOL -P -n "$COMM" 500; then
	hog
	tool_stop
	hdr=$(sed -n 1p "$T/out")
	t_check "text -P: BCC's header" \
		[ "$hdr" = "TIME     COMM             TID           LAT(us) PREV COMM        PREV TID" ]
	n=$(awk -v c="$COMM" -v p="$HPID" 'NR > 1 && $0 ~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] / &&
		substr($0, 10, 17) == sprintf("%-16s ", c) && $3 >= p && $3 < p + 100 &&
		substr($0, 34, 14) ~ /^ *[0-9]+$/ && substr($0, 34, 14) + 0 >= 500 && NF == 6 { n++ }
		END { print n + 0 }' "$T/out")
	t_check "text -P: $n lines 'TIME $COMM TID LAT PREV_COMM PREV_TID' in BCC's columns" [ "$n" -ge 5 ]
	t_check "text -P: nothing but $COMM" [ "$(awk 'NR > 1' "$T/out" | grep -vc " $COMM ")" = 0 ]
else
	t_fail "text: runqslower started" "$(cat "$T/err")"
fi

# ---- MIN_US: a threshold above every wait excludes them all ----
if tool_start $TOOL -j -n "$COMM" 3000000; then
	hog
	tool_stop
	t_check "MIN_US 3000000: no wait of $COMM" [ ! -s "$T/out" ]
else
	t_fail "MIN_US: runqslower started" "$(cat "$T/err")"
fi

# ---- -p includes, -n excludes beside an unfiltered run ----
rm -f "$T/go"
( while [ ! -e "$T/go" ]; do sleep 0.02; done; exec "$HOG" "$COMM" 3 600 ) >"$T/hog" &
HOGSH=$!
if tool_start $TOOL -j -p "$HOGSH" 500; then
	: >"$T/go"
	wait "$HOGSH"
	tool_stop
	t_cond "-p $HOGSH: its waits, nothing else" '[ "$(jq_count "$T/out" ".pid == $HOGSH")" -ge 5 ] && [ "$(jq_count "$T/out" ".pid != $HOGSH")" = 0 ]'
else
	t_fail "-p: runqslower started" "$(cat "$T/err")"
	: >"$T/go"
	wait "$HOGSH"
fi
"$TK_BIN/$TOOL" -v -j 500 >"$T/ref.out" 2>"$T/ref.err" &
REF=$!
if wait_attached $REF "$T/ref.err" && tool_start $TOOL -j -n tk-nomatch 0; then
	hog
	tool_stop
	kill -INT $REF
	wait $REF
	t_check "-n tk-nomatch: the unfiltered run sees $COMM" [ "$(jq_count "$T/ref.out" ".pid == $HPID")" -ge 5 ]
	t_check "-n tk-nomatch: the filtered run (MIN_US 0) sees nothing" [ ! -s "$T/out" ]
else
	t_fail "-n: both runqslowers started" "$(cat "$T/err" "$T/ref.err")"
	kill -INT $REF 2>/dev/null
	tool_stop
fi

# ---- -t: the main thread only; -u: the hog's user in, another out ----
rm -f "$T/go"
( while [ ! -e "$T/go" ]; do sleep 0.02; done; exec "$HOG" "$COMM" 3 600 ) >"$T/hog" &
HOGSH=$!
if tool_start $TOOL -j -t "$HOGSH" 500; then
	: >"$T/go"
	wait "$HOGSH"
	tool_stop
	t_cond "-t $HOGSH: waits of that thread only" '[ "$(jq_count "$T/out" ".tid == $HOGSH")" -ge 2 ] && [ "$(jq_count "$T/out" ".tid != $HOGSH")" = 0 ]'
else
	t_fail "-t: runqslower started" "$(cat "$T/err")"
	: >"$T/go"
	wait "$HOGSH"
fi
if command -v setpriv >/dev/null; then
	for u in 65534 0; do
		if tool_start $TOOL -j -u $u -n "$COMM" 500; then
			setpriv --reuid=65534 --regid=65534 --clear-groups "$HOG" "$COMM" 3 600 >"$T/hog"
			HPID=$(head -n 1 "$T/hog")
			tool_stop
			if [ $u = 65534 ]; then
				t_check "-u 65534: the hog run as uid 65534 is in" [ "$(jq_count "$T/out" ".pid == $HPID")" -ge 5 ]
			else
				t_check "-u 0: the hog run as uid 65534 is out" [ ! -s "$T/out" ]
			fi
		else
			t_fail "-u $u: runqslower started" "$(cat "$T/err")"
		fi
	done
else
	t_fail "setpriv (util-linux) is installed, to run the hog as another user"
fi

# ---- a hostile comm: escaped in text, exact bytes in JSON ----
if tool_start $TOOL -j 500; then
	hog "$HOSTILE"
	tool_stop
	t_check "hostile comm: valid JSON, decoded comm byte for byte" \
		[ "$("$J" -c -w "pid=$HPID" -w "comm=$HOSTILE" "$T/out")" -ge 1 ]
else
	t_fail "hostile comm json: runqslower started" "$(cat "$T/err")"
fi
if tool_start $TOOL 500; then
	hog "$HOSTILE"
	tool_stop
	t_check "hostile comm: escaped in text" grep -qF " $HOSTILE_TEXT" "$T/out"
	t_check "hostile comm: no raw ESC in text" sh -c "! grep -q \"\$(printf '\033')\" '$T/out'"
else
	t_fail "hostile comm text: runqslower started" "$(cat "$T/err")"
fi

# ---- usage errors ----
t_usage "MIN_US not a number" "invalid MIN_US 'abc': expected microseconds" abc
t_usage "MIN_US negative" "invalid MIN_US" -- -5
t_usage "MIN_US too large" "invalid MIN_US" 3600000001
t_usage "two positionals" "unexpected argument '200' after MIN_US" 100 200
t_usage "unknown option" "unrecognized option '--bogus'" --bogus
t_usage "-T is not offered" "invalid option -- 'T'" -T

t_done
