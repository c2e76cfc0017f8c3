#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# offcputime end to end: a program that sleeps 4 x 250 ms in tk_sleep_here()
# (the stripped fixture, symbols from its build-id debug file): the stack
# with tk_sleep_here and the kernel's schedule path, its comm and pid, and
# about 1 s of off-CPU time, in folded output and JSON; -m/-M, --state,
# --user-threads-only/--kernel-threads-only and -n including and
# excluding; the SVG flame graph; bad input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=offcputime
X=$TK_HELPERS/xmlcheck
FIX=$TK_HELPERS/fixtures
for h in "$J" "$X" "$FIX/tkhot-stripped"; do
	if [ ! -x "$h" ]; then
		t_fail "test helper $h is built (make tests)"
		t_done
		exit 0
	fi
done
export TK_DEBUG_ROOT="$FIX/hotdebug"
P="$TK_BIN/$TOOL"
C=tko$RND
cp "$FIX/tkhot-stripped" "$T/$C"

# one folded run (tool_start) beside JSON runs with filters (multi_start)
tool_start $TOOL -f -n "$C" || t_fail "folded run attached" "$(cat "$T/err")"
multi_start $TOOL "-n $C" "-n $C -M 100000" "-n $C --state D" \
	"-n $C --state S --user-threads-only -m 200000" "-n $C --kernel-threads-only" \
	"-n tkx$RND" "-n $C -K --flamegraph $T/off.svg" ||
	t_fail "JSON runs attached" "$(cat "$T"/multi.*.err)"
"$T/$C" sleep 250 4 4000 >"$T/pid" &
W=$!
# until the work is over (under load it takes longer than 1 s), at most 10 s
i=0
while ! grep -qs done "$T/pid" && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
sleep 0.1
tool_stop
multi_stop
kill $W 2>/dev/null
wait 2>/dev/null
pid=$(head -n 1 "$T/pid" | cut -d' ' -f1)

t_check "folded: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
us=$(awk -v c="$C" 'index($0, c ";") == 1 && /;tk_sleep_here;/ { s += $NF } END { print s + 0 }' "$T/out")
t_check "folded: $C;...;main;tk_sleep_here;...;schedule_[k] ($us us)" \
	grep -q "^$C;.*;main;tk_sleep_here;.*;schedule_\[k\];__schedule_\[k\] [0-9]*$" "$T/out"
t_cond "folded: about 1 s blocked in tk_sleep_here ($us us)" '[ "$us" -ge 900000 ] && [ "$us" -le 1600000 ]'

for i in 0 1 2 3 4 5 6; do
	t_check "json run $i: every line is strict JSON" "$J" "$T/multi.$i.out"
done
# total_us of tk_sleep_here stacks of the fixture in run N
sleep_us() {
	jq -s "[.[] | select(.type == \"stack\" and .comm == \"$C\" and .pid == $pid and
		(.user_stack | map(.sym) | index(\"tk_sleep_here\")) != null and
		(.kernel_stack | map(.sym) | index(\"schedule\")) != null) | .total_us] | add // 0" \
		"$T/multi.$1.out"
}
us=$(sleep_us 0)
t_cond "json: tk_sleep_here + schedule, comm $C, pid $pid, about 1 s ($us us)" '[ "$us" -ge 900000 ] && [ "$us" -le 1600000 ]'
n=$(jq_count "$T/multi.0.out" ".type == \"stack\" and .comm != \"$C\"")
t_check "json: -n excludes other commands" [ "$n" = 0 ]
us=$(sleep_us 3)
t_cond "json: --state S --user-threads-only -m 200000 include the 250 ms sleeps ($us us)" '[ "$us" -ge 900000 ] && [ "$us" -le 1600000 ]'
for i in 1 2 4 5; do
	n=$(jq_count "$T/multi.$i.out" ".type == \"stack\" and .comm == \"$C\" and .total_us >= 200000")
	t_check "json run $i (-M 100000, --state D, kernel threads, other name) excludes the sleeps" \
		[ "$n" = 0 ]
done
t_check "flamegraph: well-formed XML" "$X" "$T/off.svg"
t_check "flamegraph: names do_nanosleep_[k] and $C" sh -c \
	"grep -q 'data-n=\"do_nanosleep_\[k\]\"' '$T/off.svg' && grep -q 'data-n=\"$C\"' '$T/off.svg'"

bad() {
	desc=$1
	shift
	"$P" "$@" >"$T/bo" 2>"$T/be"
	rc=$?
	t_check "bad input: $desc exits 2" [ "$rc" = 2 ]
	t_check "bad input: $desc explains" grep -q "offcputime:" "$T/be"
}
bad "-U with -K" -U -K
bad "--state X" --state X
bad "-m 10 -M 5" -m 10 -M 5
bad "both thread kinds" --user-threads-only --kernel-threads-only
bad "duration abc" abc
t_done
