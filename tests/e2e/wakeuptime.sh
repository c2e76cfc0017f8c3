#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# wakeuptime end to end: a thread blocks on a pipe and the main thread wakes
# it 4 times, 250 ms apart, in tk_wake_here() (the PIE fixture): the waker's
# stack (tk_wake_here, try_to_wake_up), waker and target comm, about 1 s of
# blocked time, in folded output and JSON; -m/-M and -n including and
# excluding; the SVG flame graph; bad input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=wakeuptime
X=$TK_HELPERS/xmlcheck
FIX=$TK_HELPERS/fixtures
for h in "$J" "$X" "$FIX/tkhot-pie"; do
	if [ ! -x "$h" ]; then
		t_fail "test helper $h is built (make tests)"
		t_done
		exit 0
	fi
done
P="$TK_BIN/$TOOL"
C=tkw$RND
cp "$FIX/tkhot-pie" "$T/$C"

tool_start $TOOL -f -n "$C" || t_fail "folded run attached" "$(cat "$T/err")"
multi_start $TOOL "-n $C" "-n $C -M 100000" "-n $C -m 200000" "-n tkx$RND" \
	"-n $C --flamegraph $T/wake.svg" ||
	t_fail "JSON runs attached" "$(cat "$T"/multi.*.err)"
"$T/$C" wake 250 4 4000 >"$T/pid" &
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
us=$(awk -v c="$C" 'index($0, c ";") == 1 && /;tk_wake_here;/ { s += $NF } END { print s + 0 }' "$T/out")
t_check "folded: target;...;tk_wake_here;...;try_to_wake_up_[k];waker" \
	grep -q "^$C;.*;tk_wake_here;.*;try_to_wake_up_\[k\];$C [0-9]*$" "$T/out"
t_cond "folded: about 1 s blocked, woken from tk_wake_here ($us us)" '[ "$us" -ge 850000 ] && [ "$us" -le 1600000 ]'

for i in 0 1 2 3 4; do
	t_check "json run $i: every line is strict JSON" "$J" "$T/multi.$i.out"
done
wake_us() {
	jq -s "[.[] | select(.type == \"stack\" and .comm == \"$C\" and .target == \"$C\" and
		.pid == $pid and (.user_stack | map(.sym) | index(\"tk_wake_here\")) != null and
		(.kernel_stack | map(.sym) | index(\"try_to_wake_up\")) != null) | .total_us] |
		add // 0" "$T/multi.$1.out"
}
us=$(wake_us 0)
t_cond "json: waker $C (pid $pid) in tk_wake_here, target $C, about 1 s ($us us)" '[ "$us" -ge 850000 ] && [ "$us" -le 1600000 ]'
us=$(wake_us 2)
t_cond "json: -m 200000 includes the 250 ms blocks ($us us)" '[ "$us" -ge 850000 ] && [ "$us" -le 1600000 ]'
for i in 1 3; do
	n=$(jq_count "$T/multi.$i.out" ".type == \"stack\" and .target == \"$C\" and .total_us >= 200000")
	t_check "json run $i (-M 100000, other name) excludes the blocks" [ "$n" = 0 ]
done
n=$(jq_count "$T/multi.0.out" ".type == \"stack\" and .target != \"$C\"")
t_check "json: -n selects the blocked threads (no other target)" [ "$n" = 0 ]
t_check "flamegraph: well-formed XML" "$X" "$T/wake.svg"
t_check "flamegraph: names tk_wake_here" grep -q 'data-n="tk_wake_here"' "$T/wake.svg"

bad() {
	desc=$1
	shift
	"$P" "$@" >"$T/bo" 2>"$T/be"
	rc=$?
	t_check "bad input: $desc exits 2" [ "$rc" = 2 ]
	t_check "bad input: $desc explains" grep -q "wakeuptime:" "$T/be"
}
bad "-U with -K" -U -K
bad "-m 10 -M 5" -m 10 -M 5
bad "duration 1.5" 1.5
bad "--flamegraph without a file" --flamegraph=
t_done
