#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# llcstat end to end.  Whether this machine has a hardware PMU is decided by
# perfprobe (perf_event_open of the CPU cycles event).  Without one llcstat
# must fail with exit 1 and a message that names the missing counters, in
# text and JSON, and print nothing on stdout; with one, a spinning helper's
# pid and comm must get a row with references.  Bad input either way.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=llcstat
HOG=$TK_HELPERS/schedhog
t_need_helpers schedhog perfprobe
"$TK_HELPERS/perfprobe"
PMU=$?
if [ "$PMU" = 2 ]; then
	t_fail "perfprobe decides whether a PMU exists"
	t_done
	exit 0
fi
MSG="llcstat: LLC references: hardware performance counters are not available on this machine"

if [ "$PMU" = 1 ]; then
	for mode in text json; do
		set --
		[ "$mode" = json ] && set -- -j
		timeout 20 "$TK_BIN/$TOOL" "$@" -d 2 >"$T/out" 2>"$T/err"
		rc=$?
		t_cond "no PMU, $mode: exit 1, nothing on stdout" '[ "$rc" = 1 ] && [ ! -s "$T/out" ]'
		t_check "no PMU, $mode: the message names the missing counters and the tool" \
			sh -c "grep -q '^$MSG (no PMU.*): llcstat needs them\$' '$T/err' && [ \$(wc -l <'$T/err') = 1 ]"
	done
	timeout 20 "$TK_BIN/$TOOL" -p 1 --threads --sample-period 10 1 >"$T/out" 2>"$T/err"
	t_cond "no PMU, with filters and options: still exit 1 with the message" '[ $? = 1 ] && grep -q "^$MSG" "$T/err"'
else
	RND=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
	COMM=tkll$RND
	if tool_start $TOOL -j --threads; then
		"$HOG" "$COMM" 2 600 >"$T/hog"
		HPID=$(head -n 1 "$T/hog")
		tool_stop
		t_check "PMU: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
		t_check "PMU: rows of pid $HPID comm $COMM with references, tids of it" \
			jq -se "[.[] | select(.pid == $HPID and .comm == \"$COMM\")] | length >= 1 and
				all(.[]; .type == \"llc\" and .ref > 0 and .tid >= $HPID and .hit_ratio <= 1)" "$T/out"
	else
		t_fail "PMU: llcstat started" "$(cat "$T/err")"
	fi
	timeout 20 "$TK_BIN/$TOOL" -n tk-nomatch 1 >"$T/out" 2>"$T/err"
	t_cond "PMU: DURATION 1, nothing matches: exit 0, BCC's header" '[ $? = 0 ] && grep -Eq '\''^PID +NAME +CPU +REFERENCE +MISS +HIT%$'\'' "$T/out"'
fi

# ---- usage errors ----
t_usage "--sample-period 0" "sample-period" --sample-period 0
t_usage "--sample-period abc" "sample-period" --sample-period abc
t_usage "DURATION not a number" "invalid DURATION 'abc'" abc
t_usage "DURATION 0" "invalid DURATION '0'" 0
t_usage "two positionals" "unexpected argument '2' after DURATION" 1 2
t_usage "unknown option" "unrecognized option '--bogus'" --bogus

t_done
