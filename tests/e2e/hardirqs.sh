#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# hardirqs end to end: direct (O_DIRECT) writes to a file make the disk
# interrupt; the handler whose /proc/interrupts count grew most during the
# writes must be in the tool's output with at least that many, and no more
# than the kernel counted while the tool ran.  Text, JSON, -C, --dist, -N,
# --cpu including and excluding, bad input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=hardirqs
t_need_helpers
# a directory on a real disk (not tmpfs: O_DIRECT and interrupts needed)
FILE=${TK_TEST_DISKDIR:-$TK_ROOT/${OUTPUT:-.output}}/tk-hardirqs.$$
trap 'rm -f "$FILE"; _t_cleanup' EXIT

# pirq [CPU]: "NAME COUNT" per handler of /proc/interrupts (numbered lines
# only), the count on one CPU (column of the online CPUs, in order) or all
pirq() {
	awk -v c="${1-}" 'NR == 1 { n = NF; next } $1 ~ /^[0-9]+:$/ {
		s = 0; for (i = 2; i <= n + 1; i++) if (c == "" || i == c + 2) s += $i
		print $NF, s }' /proc/interrupts | sort
}
# delta A B: "NAME DIFF" for handlers in both snapshots, largest first
delta() {
	join "$1" "$2" | awk '{ print $1, $3 - $2 }' | sort -k2,2nr
}
# on CPU 0: a multi-queue disk takes each CPU's I/O on that CPU's queue, whose
# interrupt has a name of its own (virtio0-req.0, virtio0-req.1)
io() {
	taskset -c 0 dd if=/dev/zero of="$FILE" bs=64k count=64 oflag=direct conv=fsync 2>"$T/dd.err"
	_rc=$?
	rm -f "$FILE"
	return $_rc
}
if ! io; then
	t_fail "direct writes to $FILE work (set TK_TEST_DISKDIR to a disk-backed directory)" "$(cat "$T/dd.err")"
	t_done
	exit 0
fi

# ---- JSON -C: the disk's handler, counted between inner and outer ----
pirq >"$T/o0"
if tool_start $TOOL -j -C; then
	pirq >"$T/i0"
	io
	pirq >"$T/i1"
	tool_stop
	pirq >"$T/o1"
	delta "$T/i0" "$T/i1" >"$T/din"
	delta "$T/o0" "$T/o1" >"$T/dout"
	IRQ=$(sed -n '1s/ .*//p' "$T/din")
	inner=$(sed -n '1s/.* //p' "$T/din")
	outer=$(awk -v n="$IRQ" '$1 == n { print $2 }' "$T/dout")
	n=$(jq -s --arg n "$IRQ" '[.[] | select(.hardirq == $n) | .count] | add // 0' "$T/out")
	t_check "json -C: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json -C: every line is strict JSON, keys type hardirq count total_ns" \
		jq -se 'all(.[]; keys_unsorted == ["type","hardirq","count","total_ns"] and .type == "hardirq")' "$T/out"
	t_cond "json -C: $IRQ counted $n times, within the kernel's $inner..$outer, > 0" '[ -n "$IRQ" ] && [ "$inner" -gt 0 ] && [ "$n" -ge "$inner" ] && [ "$n" -le "$outer" ]'
	t_check "json -C: every handler named is one of /proc/interrupts" \
		sh -c "jq -r .hardirq '$T/out' | while read -r h; do grep -q \" \$h\\\$\" /proc/interrupts || exit 1; done"
else
	t_fail "json -C: hardirqs started" "$(cat "$T/err")"
fi

# ---- text: BCC's header, the handler's line ----
if tool_start $TOOL; then
	io
	tool_stop
	t_check "text: BCC's header 'HARDIRQ                    TOTAL_usecs'" \
		grep -qx 'HARDIRQ                    TOTAL_usecs' "$T/out"
	t_check "text: a line '$IRQ' padded to 26, then the total right-aligned in 11" \
		awk -v n="$IRQ" 'substr($0, 1, 27) == sprintf("%-26s ", n) && substr($0, 28) ~ /^ *[0-9]+$/ &&
			length($0) == 38 { f = 1 } END { exit !f }' "$T/out"
else
	t_fail "text: hardirqs started" "$(cat "$T/err")"
fi

# ---- --dist: JSON and text histograms of the handler ----
if tool_start $TOOL -j --dist -N; then
	io
	tool_stop
	t_cond "json --dist -N: one $IRQ histogram in nsecs, no table rows" 'jq -se --arg n "$IRQ" '\''[.[] | select(.type == "hist" and .hardirq == $n)] | length == 1 and
			.[0].unit == "nsecs" and ([.[0].buckets[].count] | add) > 0'\'' "$T/out" &&
		[ "$(jq_count "$T/out" '\''.type != "hist"'\'')" = 0 ]'
else
	t_fail "json --dist: hardirqs started" "$(cat "$T/err")"
fi
if tool_start $TOOL --dist; then
	io
	tool_stop
	awk -v l="hardirq = $IRQ" '$0 == l { on = 1; print; next } on && /^$/ { exit } on' "$T/out" >"$T/block"
	t_cond "text --dist: 'hardirq = $IRQ', then BCC's usecs header and rows" '[ "$(sed -n 1p "$T/block")" = "hardirq = $IRQ" ] &&
		[ "$(sed -n 2p "$T/block")" = "     usecs               : count     distribution" ] &&
		[ "$(sed 1,2d "$T/block" | grep -Evc '\''^ *[0-9]+ -> [0-9]+ +: [0-9]+ +\|[* ]{40}\|$'\'')" = 0 ]'
else
	t_fail "text --dist: hardirqs started" "$(cat "$T/err")"
fi

# ---- --cpu: the CPU that took the interrupts includes; one that took
# none during the run excludes ----
ncpu=$(awk 'NR == 1 { print NF }' /proc/interrupts)
for c in $(seq 0 $((ncpu - 1))); do
	pirq "$c" >"$T/c$c.0"
done
io
for c in $(seq 0 $((ncpu - 1))); do
	pirq "$c" >"$T/c$c.1"
done
BUSY=
IDLE=
for c in $(seq 0 $((ncpu - 1))); do
	d=$(delta "$T/c$c.0" "$T/c$c.1" | awk -v n="$IRQ" '$1 == n { print $2 }')
	[ "${d:-0}" -gt 0 ] && [ -z "$BUSY" ] && BUSY=$c
	[ "${d:-0}" = 0 ] && [ -z "$IDLE" ] && IDLE=$c
done
if [ -n "$BUSY" ] && tool_start $TOOL -j -C --cpu "$BUSY"; then
	io
	tool_stop
	t_check "--cpu $BUSY: $IRQ is counted there" \
		[ "$(jq -s --arg n "$IRQ" '[.[] | select(.hardirq == $n) | .count] | add // 0' "$T/out")" -gt 0 ]
else
	t_fail "--cpu: $IRQ interrupted some CPU and hardirqs started" "$(cat "$T/err")"
fi
if [ -z "$IDLE" ]; then
	t_skip "--cpu excludes" "$IRQ interrupts every CPU here"
elif tool_start $TOOL -j -C --cpu "$IDLE"; then
	pirq "$IDLE" >"$T/x0"
	io
	tool_stop
	pirq "$IDLE" >"$T/x1"
	allowed=$(delta "$T/x0" "$T/x1" | awk -v n="$IRQ" '$1 == n { print $2 }')
	n=$(jq -s --arg n "$IRQ" '[.[] | select(.hardirq == $n) | .count] | add // 0' "$T/out")
	t_check "--cpu $IDLE: $IRQ counted $n times there, as the kernel (${allowed:-0})" \
		[ "$n" -le "${allowed:-0}" ]
else
	t_fail "--cpu $IDLE: hardirqs started" "$(cat "$T/err")"
fi

# ---- usage errors ----
t_usage "--cpu beyond the machine" "invalid --cpu '4096': no such CPU" --cpu 4096
t_usage "--cpu negative" "invalid --cpu '-1': expected a CPU number" --cpu -1
t_usage "-C with --dist" "-C/--count counts events: it cannot be combined" --dist -C
t_usage "interval 0" "invalid interval '0'" 0
t_usage "unknown option" "unrecognized option '--bogus'" --bogus
t_usage "-c is not offered" "invalid option -- 'c'" -c 1

t_done
