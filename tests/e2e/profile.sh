#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# profile end to end: a known hot function (tk_hot_spin) found in a test
# program built non-PIE, PIE and stripped (debug file by build-id under
# TK_DEBUG_ROOT), with its comm and most of its samples, in folded output
# and JSON; a known kernel function (vfs_read) under a read() loop with -K;
# -U without kernel frames; -n and -p including and excluding; the SVG
# flame graph well-formed and naming the function; kallsyms not read
# without kernel stacks; bad input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=profile
J=$TK_HELPERS/jsonget
X=$TK_HELPERS/xmlcheck
FIX=$TK_HELPERS/fixtures
for h in "$J" "$X" "$FIX/tkhot-nopie" "$FIX/tkhot-pie" "$FIX/tkhot-stripped"; do
	if [ ! -x "$h" ]; then
		t_fail "test helper $h is built (make tests)"
		t_done
		exit 0
	fi
done
export TK_DEBUG_ROOT="$FIX/debugroot"
P="$TK_BIN/$TOOL"

RND=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
CN=tkn$RND CP=tkp$RND CS=tks$RND CK=tkk$RND
cp "$FIX/tkhot-nopie" "$T/$CN" && cp "$FIX/tkhot-pie" "$T/$CP" &&
	cp "$FIX/tkhot-stripped" "$T/$CS" && cp "$FIX/tkhot-nopie" "$T/$CK"

# the workloads outlive the profilers (symbolization needs /proc/PID/maps)
"$T/$CN" spin 9000 >"$T/pn" &
WN=$!
"$T/$CP" spin 9000 >"$T/pp" &
WP=$!
"$T/$CS" spin 9000 >"$T/ps" &
WS=$!
"$T/$CK" sys 9000 >"$T/pk" &
WK=$!
sleep 0.2

# all profilers at once: one attach time and one sampling period in total
"$P" -F 199 -f -n "$CN" 2 >"$T/f.nopie" 2>"$T/e.nopie" &
A1=$!
"$P" -F 199 -f -U -p "$WP" -d 2 >"$T/f.pie" 2>"$T/e.pie" &
A2=$!
"$P" -F 199 -j -n "$CS" 2 >"$T/j.stripped" 2>"$T/e.stripped" &
A3=$!
"$P" -F 199 -f -K -n "$CK" 2 >"$T/f.kernel" 2>"$T/e.kernel" &
A4=$!
"$P" -F 199 --flamegraph "$T/fg.svg" -n "$CN" 2 >"$T/o.svg" 2>"$T/e.svg" &
A5=$!
for a in $A1 $A2 $A3 $A4 $A5; do
	wait $a
	t_check "profile run $a exits 0" [ $? = 0 ]
done
kill $WN $WP $WS $WK 2>/dev/null
wait 2>/dev/null

# share FILE COMM PATTERN: percent of COMM's samples on lines matching PATTERN
share() {
	awk -v c="$2" -v pat="$3" '{ n = $NF; split($0, f, ";") }
		f[1] == c { all += n; if ($0 ~ pat) hit += n }
		END { print all ? int(100 * hit / all) : 0 }' "$1"
}
for v in nopie pie; do
	c=$CN
	[ $v = pie ] && c=$CP
	t_check "folded $v: lines are comm;frames count" \
		awk 'NF >= 2 && $NF ~ /^[0-9]+$/ && $0 ~ /;/ { ok++ } END { exit !(ok == NR && NR > 0) }' \
		"$T/f.$v"
	s=$(share "$T/f.$v" "$c" ";main;tk_hot_spin( |;)")
	t_check "folded $v: main;tk_hot_spin holds most of $c's samples ($s%)" [ "$s" -ge 60 ]
	n=$(awk -F';' -v c="$c" '$1 != c' "$T/f.$v" | wc -l)
	t_check "folded $v: only $c sampled (filter excludes others)" [ "$n" = 0 ]
done
t_check "folded -U: no kernel frames" sh -c "! grep -q '_\[k\]' '$T/f.pie'"

t_check "json stripped: every line is strict JSON" "$J" "$T/j.stripped"
pid=$(head -n 1 "$T/ps" | cut -d' ' -f1)
tot=$(jq -s "[.[] | select(.type == \"stack\" and .comm == \"$CS\" and .pid == $pid) | .count] | add // 0" "$T/j.stripped")
hot=$(jq -s "[.[] | select(.type == \"stack\" and .comm == \"$CS\" and .pid == $pid and
	(.user_stack | map(.sym) | index(\"tk_hot_spin\")) != null and
	(.kernel_stack | type) == \"array\") | .count] | add // 0" "$T/j.stripped")
t_check "json stripped: tk_hot_spin (from the build-id debug file) in $hot of $tot samples" \
	[ "$tot" -gt 20 ] && [ $((hot * 100)) -ge $((tot * 60)) ]
n=$(jq_count "$T/j.stripped" ".type == \"stack\" and .comm != \"$CS\"")
t_check "json stripped: -n excludes other commands" [ "$n" = 0 ]

s=$(share "$T/f.kernel" "$CK" ";vfs_read_\\[k\\]")
t_check "folded -K: vfs_read in most of the read loop's samples ($s%)" [ "$s" -ge 50 ]
t_check "folded -K: no user frames" sh -c "! grep -q ';main' '$T/f.kernel'"

t_check "flamegraph: stdout empty" [ ! -s "$T/o.svg" ]
t_check "flamegraph: well-formed XML" "$X" "$T/fg.svg"
t_check "flamegraph: an SVG with a script" grep -q '<svg xmlns="http://www.w3.org/2000/svg"' "$T/fg.svg"
t_check "flamegraph: names tk_hot_spin and $CN" sh -c \
	"grep -q 'data-n=\"tk_hot_spin\"' '$T/fg.svg' && grep -q 'data-n=\"$CN\"' '$T/fg.svg'"

# kallsyms is not read without kernel stacks: a FIFO nobody writes would
# block the open forever
mkfifo "$T/kallsyms"
TK_KALLSYMS="$T/kallsyms" timeout 20 "$P" -U -F 49 -f 1 >/dev/null 2>"$T/err"
t_check "-U: kallsyms not read (exits 0 without blocking)" [ $? = 0 ]

# ---- bad input ----
bad() {
	desc=$1
	shift
	"$P" "$@" >"$T/bo" 2>"$T/be"
	rc=$?
	t_check "bad input: $desc exits 2" [ "$rc" = 2 ]
	t_check "bad input: $desc explains" grep -q "profile:" "$T/be"
}
bad "-U with -K" -U -K
bad "-F 0" -F 0
bad "-F abc" -F abc
bad "duration abc" abc
bad "two positionals" 1 2
bad "-d and a duration" -d 1 2
bad "--cpu 100000" --cpu 100000
"$P" --flamegraph /nonexistent/dir/x.svg 1 >/dev/null 2>"$T/be"
t_check "unwritable --flamegraph exits 1" [ $? = 1 ]
t_check "unwritable --flamegraph names the file" grep -q "/nonexistent/dir/x.svg" "$T/be"
t_done
