#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# runqlen end to end: it samples every online CPU 99 times a second through
# a perf software event (common/perf.c).  schedhog keeps four threads
# runnable on the last CPU, so that CPU's samples must show a queue of two
# or more; every online CPU must have samples at about 99 a second.  Text,
# JSON, -C, -O, intervals, bad input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=runqlen
HOG=$TK_HELPERS/schedhog
t_need_helpers schedhog
COMM=tkrn$RND
CPU=$(($(nproc) - 1))
# the online CPUs, one a line, from the kernel's list ("0-3,5")
tr ',' '\n' </sys/devices/system/cpu/online | awk -F- '{ for (i = $1; i <= ($2 == "" ? $1 : $2); i++) print i }' \
	>"$T/online"

hog() {
	"$HOG" "$COMM" 4 1000 "$CPU" >/dev/null
}

# ---- JSON -C: one histogram per online CPU; the hog's CPU queues ----
if tool_start $TOOL -j -C; then
	start=$(date +%s.%N)
	hog
	tool_stop
	secs=$(echo "$start $(date +%s.%N)" | awk '{ print $2 - $1 }')
	t_check "json -C: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json -C: every line is strict JSON" "$J" "$T/out"
	jq -r .cpu "$T/out" | sort -n >"$T/cpus"
	t_check "json -C: one histogram per online CPU ($(tr '\n' ' ' <"$T/online"))" cmp -s "$T/cpus" "$T/online"
	t_check "json -C: CPU $CPU queued 2 or more in >= 30 samples" \
		jq -se "[.[] | select(.cpu == $CPU) | .buckets[] | select(.low >= 2) | .count] | add >= 30" "$T/out"
	t_check "json -C: linear buckets of width 1, unit runqlen" \
		jq -se 'all(.[]; .unit == "runqlen" and all(.buckets[]; .high == .low))' "$T/out"
	t_check "json -C: each CPU sampled at about 99 Hz (over ${secs}s)" \
		jq -se --argjson s "$secs" 'all(.[]; ([.buckets[].count] | add) as $n | $n >= 99 * $s * 0.5 and
			$n <= 99 * ($s + 2) * 1.2)' "$T/out"
else
	t_fail "json -C: runqlen started" "$(cat "$T/err")"
fi

# ---- text: one histogram, BCC's linear layout ----
if tool_start $TOOL; then
	hog
	tool_stop
	t_cond "text: BCC's header, rows 'N : count |bar|' from 0 up, >= 2 of them" '[ "$(sed -n 2p "$T/out")" = "     runqlen       : count     distribution" ] &&
		[ "$(sed 1,2d "$T/out" | grep -Evc '\''^        [0-9]+ +: [0-9]+ +\|[* ]{40}\|$'\'')" = 0 ] &&
		[ "$(sed -n 3p "$T/out" | awk '\''{ print $1 }'\'')" = 0 ] && [ "$(sed 1,2d "$T/out" | wc -l)" -ge 3 ]'
else
	t_fail "text: runqlen started" "$(cat "$T/err")"
fi
if tool_start $TOOL -C; then
	hog
	tool_stop
	awk -v l="cpu = $CPU" '$0 == l { on = 1; print; next } on && /^$/ { exit } on' "$T/out" >"$T/block"
	t_cond "text -C: 'cpu = $CPU', BCC's header, a queue of 2 or more" '[ "$(sed -n 1p "$T/block")" = "cpu = $CPU" ] &&
		[ "$(sed -n 2p "$T/block")" = "     runqlen       : count     distribution" ] &&
		[ "$(sed 1,2d "$T/block" | awk '\''$1 >= 2 && $3 > 0'\'' | wc -l)" -ge 1 ]'
else
	t_fail "text -C: runqlen started" "$(cat "$T/err")"
fi

# ---- -O: occupancy ----
if tool_start $TOOL -j -O -C; then
	hog
	tool_stop
	t_check "json -O -C: a row per online CPU, CPU $CPU queued in >= 30 samples, pct = queued/samples" \
		jq -se "length == $(wc -l <"$T/online") and
			any(.[]; .cpu == $CPU and .queued >= 30) and
			all(.[]; .type == \"runqocc\" and .queued <= .samples and
				(.runqocc_pct - 100 * .queued / .samples | fabs) < 0.01)" "$T/out"
else
	t_fail "json -O: runqlen started" "$(cat "$T/err")"
fi
if tool_start $TOOL -O; then
	hog
	tool_stop
	t_cond "text -O: header and one row 'SAMPLES QUEUED NN.NN%'" '[ "$(sed -n 2p "$T/out")" = "   SAMPLES     QUEUED   RUNQOCC" ] &&
		sed -n 3p "$T/out" | grep -Eq '\''^ +[0-9]+ +[0-9]+ +[0-9]+\.[0-9]{2}%$'\'''
else
	t_fail "text -O: runqlen started" "$(cat "$T/err")"
fi

# ---- intervals: exactly COUNT histograms, then exit 0 ----
timeout 20 "$TK_BIN/$TOOL" -j 1 2 >"$T/iv.out" 2>"$T/iv.err"
rc=$?
t_cond "-j 1 2: exit 0, two histograms" '[ "$rc" = 0 ] && [ "$(jq_count "$T/iv.out" '\''.type == "hist"'\'')" = 2 ]'

# ---- usage errors ----
t_usage "interval 0" "invalid interval '0'" 0
t_usage "too many positionals" "unexpected argument '3'" 1 2 3
t_usage "unknown option" "unrecognized option '--bogus'" --bogus
t_usage "-p is not offered" "invalid option -- 'p'" -p 1

t_done
