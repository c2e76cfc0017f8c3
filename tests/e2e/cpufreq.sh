#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# cpufreq end to end.  Whether this machine has a cpufreq driver is decided
# by /sys/devices/system/cpu/cpu0/cpufreq.  Without one cpufreq must fail
# with exit 1 and a message that names what is missing, in text and JSON,
# and print nothing on stdout; with one, a spinning helper must get its own
# histogram beside the system-wide one.  Bad input either way.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=cpufreq
HOG=$TK_HELPERS/schedhog
t_need_helpers schedhog
MSG="cpufreq: CPU frequency scaling is not available on this machine (no cpufreq driver: /sys/devices/system/cpu/cpu0/cpufreq is missing"

if [ ! -d /sys/devices/system/cpu/cpu0/cpufreq ]; then
	for mode in text json; do
		set --
		[ "$mode" = json ] && set -- -j
		timeout 20 "$TK_BIN/$TOOL" "$@" -d 2 >"$T/out" 2>"$T/err"
		rc=$?
		t_cond "no cpufreq, $mode: exit 1, nothing on stdout" '[ "$rc" = 1 ] && [ ! -s "$T/out" ]'
		t_check "no cpufreq, $mode: one line that names the missing driver and the tool" \
			sh -c "grep -qF '$MSG' '$T/err' && grep -q ': cpufreq needs it\$' '$T/err' &&
				[ \$(wc -l <'$T/err') = 1 ]"
	done
	timeout 20 "$TK_BIN/$TOOL" -p 1 --frequency 10 1 >"$T/out" 2>"$T/err"
	t_cond "no cpufreq, with filters and intervals: still exit 1 with the message" '[ $? = 1 ] && grep -qF "$MSG" "$T/err"'
else
	RND=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
	COMM=tkcf$RND
	if tool_start $TOOL -j; then
		"$HOG" "$COMM" 1 1000 >/dev/null
		tool_stop
		t_check "cpufreq: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
		t_check "cpufreq: a system-wide and a $COMM histogram in MHz, 200 MHz slots, samples" \
			jq -se "([.[] | select(.syswide)] | length == 1) and
				([.[] | select(.comm == \"$COMM\" and (.syswide | not))] | length == 1) and
				all(.[]; .unit == \"MHz\" and ([.buckets[].count] | add) > 0 and
					all(.buckets[]; .high == .low + 199))" "$T/out"
	else
		t_fail "cpufreq started" "$(cat "$T/err")"
	fi
	if tool_start $TOOL -n "$COMM"; then
		"$HOG" "$COMM" 1 1000 >/dev/null
		tool_stop
		t_cond "text: 'syswide' and 'comm = $COMM' labels, BCC's linear MHz header" 'grep -qx '\''syswide'\'' "$T/out" && grep -qx "comm = $COMM" "$T/out" &&
			grep -qx '\''     MHz           : count     distribution'\'' "$T/out"'
	else
		t_fail "text: cpufreq started" "$(cat "$T/err")"
	fi
fi

# ---- usage errors ----
t_usage "--frequency 0" "frequency" --frequency 0
t_usage "--frequency 100000" "frequency" --frequency 100000
t_usage "interval 0" "invalid interval '0'" 0
t_usage "unknown option" "unrecognized option '--bogus'" --bogus

t_done
