#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# softirqs end to end: a loopback TCP transfer (tcpblast) pinned to one CPU
# raises NET_RX softirqs there.  The tool's counts are checked against
# /proc/softirqs: at least what the kernel counted while the transfer ran,
# at most what it counted while the tool ran.  Text, JSON, -C, --dist, -N,
# --cpu including and excluding, intervals, bad input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=softirqs
BLAST=$TK_HELPERS/tcpblast
t_need_helpers tcpblast
CPU=$(nproc)
CPU=$((CPU - 1))	# the transfer runs here
OTHER=0

# psoft ROW [CPU]: the kernel's count of softirq ROW (NET_RX, TIMER), on one
# CPU (a column of /proc/softirqs, whose CPUs are the online ones in order)
# or on all
psoft() {
	awk -v r="$1:" -v c="${2-}" '$1 == r { s = 0; for (i = 2; i <= NF; i++) if (c == "" || i == c + 2) s += $i;
		print s }' /proc/softirqs
}
blast() {
	taskset -c "$CPU" "$BLAST" 20 >/dev/null
}

# ---- JSON -C: net_rx counts between the kernel's inner and outer counts ----
o0=$(psoft NET_RX)
t0=$(psoft TIMER)
if tool_start $TOOL -j -C; then
	i0=$(psoft NET_RX)
	blast
	i1=$(psoft NET_RX)
	tool_stop
	o1=$(psoft NET_RX)
	t1=$(psoft TIMER)
	tn=$(jq -s '[.[] | select(.type == "softirq" and .softirq == "timer") | .count] | add // 0' "$T/out")
	t_cond "json -C: timer count $tn > 0 and at most the kernel's $((t1 - t0))" '[ "$tn" -gt 0 ] && [ "$tn" -le $((t1 - t0)) ]'
	n=$(jq -s '[.[] | select(.type == "softirq" and .softirq == "net_rx") | .count] | add // 0' "$T/out")
	t_check "json -C: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json -C: every line is strict JSON" "$J" "$T/out"
	t_cond "json -C: net_rx count $n within the kernel's $((i1 - i0))..$((o1 - o0)), > 0" '[ "$n" -ge $((i1 - i0)) ] && [ "$n" -le $((o1 - o0)) ] && [ "$n" -gt 0 ]'
	t_check "json -C: keys type softirq count total_ns; names are known ones" \
		jq -se 'all(.[]; keys_unsorted == ["type","softirq","count","total_ns"] and
			(.softirq | test("^(hi|timer|net_tx|net_rx|block|irq_poll|tasklet|sched|hrtimer|rcu)$")))' "$T/out"
else
	t_fail "json -C: softirqs started" "$(cat "$T/err")"
fi

# ---- text: BCC's header, a net_rx line with its total time ----
if tool_start $TOOL; then
	blast
	tool_stop
	t_check "text: BCC's header 'SOFTIRQ          TOTAL_usecs'" \
		grep -qx 'SOFTIRQ          TOTAL_usecs' "$T/out"
	t_check "text: a line 'net_rx' padded to 16, then the total right-aligned in 11" \
		grep -Eq '^net_rx {11}[ 0-9]{10}[0-9]$' "$T/out"
else
	t_fail "text: softirqs started" "$(cat "$T/err")"
fi
if tool_start $TOOL -C; then
	blast
	tool_stop
	t_cond "text -C: header 'SOFTIRQ          TOTAL_count', a net_rx line" 'grep -qx '\''SOFTIRQ          TOTAL_count'\'' "$T/out" && grep -Eq '\''^net_rx {11}[ 0-9]{10}[0-9]$'\'' "$T/out"'
else
	t_fail "text -C: softirqs started" "$(cat "$T/err")"
fi

# ---- --dist: one histogram per softirq ----
if tool_start $TOOL -j --dist; then
	i0=$(psoft NET_RX)
	blast
	i1=$(psoft NET_RX)
	tool_stop
	t_check "json --dist: a net_rx histogram in usecs with at least $((i1 - i0)) entries" \
		jq -se "[.[] | select(.type == \"hist\" and .softirq == \"net_rx\")] | length == 1 and
			(.[0] | .unit == \"usecs\" and ([.buckets[].count] | add) >= $((i1 - i0))) " "$T/out"
	t_check "json --dist: no table rows" [ "$(jq_count "$T/out" '.type != "hist"')" = 0 ]
else
	t_fail "json --dist: softirqs started" "$(cat "$T/err")"
fi
if tool_start $TOOL --dist -N; then
	blast
	tool_stop
	awk '$0 == "softirq = net_rx" { on = 1; print; next } on && /^$/ { exit } on' "$T/out" >"$T/block"
	t_cond "text --dist -N: 'softirq = net_rx', then BCC's nsecs header" '[ "$(sed -n 1p "$T/block")" = "softirq = net_rx" ] &&
		[ "$(sed -n 2p "$T/block")" = "     nsecs               : count     distribution" ] &&
		[ "$(sed 1,2d "$T/block" | grep -Evc '\''^ *[0-9]+ -> [0-9]+ +: [0-9]+ +\|[* ]{40}\|$'\'')" = 0 ]'
else
	t_fail "text --dist: softirqs started" "$(cat "$T/err")"
fi

# ---- --cpu: the transfer's CPU includes, another excludes ----
if tool_start $TOOL -j -C --cpu "$CPU"; then
	i0=$(psoft NET_RX "$CPU")
	blast
	i1=$(psoft NET_RX "$CPU")
	tool_stop
	n=$(jq -s '[.[] | select(.softirq == "net_rx") | .count] | add // 0' "$T/out")
	t_cond "--cpu $CPU: net_rx count $n >= the kernel's $((i1 - i0)) on CPU $CPU" '[ "$n" -ge $((i1 - i0)) ] && [ "$n" -gt 0 ]'
else
	t_fail "--cpu $CPU: softirqs started" "$(cat "$T/err")"
fi
if [ "$CPU" = "$OTHER" ]; then
	t_skip "--cpu excludes other CPUs" "one CPU online"
else
	o0=$(psoft NET_RX "$OTHER")
	a0=$(psoft NET_RX "$CPU")
	if tool_start $TOOL -j -C --cpu "$OTHER"; then
		blast
		tool_stop
		o1=$(psoft NET_RX "$OTHER")
		a1=$(psoft NET_RX "$CPU")
		n=$(jq -s '[.[] | select(.softirq == "net_rx") | .count] | add // 0' "$T/out")
		t_cond "--cpu $OTHER: net_rx count $n <= the kernel's $((o1 - o0)) there, while CPU $CPU had $((a1 - a0))" '[ "$n" -le $((o1 - o0)) ] && [ $((a1 - a0)) -gt $((o1 - o0)) ]'
	else
		t_fail "--cpu $OTHER: softirqs started" "$(cat "$T/err")"
	fi
fi

# ---- intervals: -T 1 2 prints two timestamped tables and exits ----
timeout 20 "$TK_BIN/$TOOL" -T 1 2 >"$T/iv.out" 2>"$T/iv.err"
rc=$?
t_cond "-T 1 2: exit 0, two timestamped tables" '[ "$rc" = 0 ] && [ "$(grep -Ec '\''^[0-9]{2}:[0-9]{2}:[0-9]{2} *$'\'' "$T/iv.out")" = 2 ] &&
	[ "$(grep -c '\''^SOFTIRQ '\'' "$T/iv.out")" = 2 ]'

# ---- usage errors ----
t_usage "--cpu beyond the machine" "invalid --cpu '4096': no such CPU" --cpu 4096
t_usage "--cpu not a number" "invalid --cpu 'x1': expected a CPU number" --cpu x1
t_usage "-C with --dist" "-C/--count counts events: it cannot be combined with --dist or -N" -C --dist
t_usage "-C with -N" "cannot be combined" -C -N
t_usage "interval 0" "invalid interval '0'" 0
t_usage "unknown option" "unrecognized option '--bogus'" --bogus
t_usage "-p is not offered" "invalid option -- 'p'" -p 1

t_done
