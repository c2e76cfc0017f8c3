#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# profile end to end: a known hot function (tk_hot_spin) found in a test
# program built non-PIE, PIE and stripped (debug file by build-id under
# TK_DEBUG_ROOT), with its comm and most of its samples, in folded output
# and JSON, and in BCC's text layout; a known kernel function (vfs_read)
# under a read() loop with -K; -U without kernel frames; -n and -p including
# and excluding; a hostile comm escaped in text, folded and JSON; lost
# stacks reported with a tiny stack map; the SVG flame graph well-formed and
# naming the function; kallsyms not read without kernel stacks; bad input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=profile
X=$TK_HELPERS/xmlcheck
FIX=$TK_HELPERS/fixtures
for h in "$J" "$X" "$FIX/tkhot-nopie" "$FIX/tkhot-pie" "$FIX/tkhot-stripped"; do
	if [ ! -x "$h" ]; then
		t_fail "test helper $h is built (make tests)"
		t_done
		exit 0
	fi
done
export TK_DEBUG_ROOT="$FIX/hotdebug"
P="$TK_BIN/$TOOL"

CN=tkn$RND CP=tkp$RND CS=tks$RND CK=tkk$RND
# newline, ESC and an invalid UTF-8 byte in the command name
CH=$(printf 't\n\033\377%s' "$(echo "$RND" | cut -c1-6)")
CH_TEXT="t\\n\\x1b\\xff$(echo "$RND" | cut -c1-6)"
CH_JSON="t\\n\\u001b\\udcff$(echo "$RND" | cut -c1-6)"
cp "$FIX/tkhot-nopie" "$T/$CN" && cp "$FIX/tkhot-pie" "$T/$CP" &&
	cp "$FIX/tkhot-stripped" "$T/$CS" && cp "$FIX/tkhot-nopie" "$T/$CK" &&
	cp "$FIX/tkhot-nopie" "$T/$CH"

# the workloads outlive the profilers (symbolization needs /proc/PID/maps)
"$T/$CN" spin 30000 >"$T/pn" &
WN=$!
"$T/$CP" spin 30000 >"$T/pp" &
WP=$!
"$T/$CS" spin 30000 >"$T/ps" &
WS=$!
"$T/$CK" sys 30000 >"$T/pk" &
WK=$!
"$T/$CH" spin 30000 >"$T/ph" &
WH=$!
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
"$P" -F 199 -n "$CN" 2 >"$T/t.nopie" 2>"$T/e.text" &
A6=$!
"$P" -F 199 -f -n "$CH" 2 >"$T/f.hostile" 2>"$T/e.hostile" &
A7=$!
"$P" -F 199 -j -n "$CH" 2 >"$T/j.hostile" 2>"$T/e.jhostile" &
A8=$!
"$P" -F 499 -j --stack-storage-size 16 2 >"$T/j.lost" 2>"$T/e.lost" &
A9=$!
for a in $A1 $A2 $A3 $A4 $A5 $A6 $A7 $A8 $A9; do
	wait $a
	t_check "profile run $a exits 0" [ $? = 0 ]
done
kill $WN $WP $WS $WK $WH 2>/dev/null
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
	n=$(sed 's/ [0-9]*$//' "$T/f.$v" | sort | uniq -d | wc -l)
	t_check "folded $v: each stack once (samples at different addresses merged)" [ "$n" = 0 ]
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
t_cond "json stripped: tk_hot_spin (from the build-id debug file) in $hot of $tot samples" '[ "$tot" -ge 5 ] && [ $((hot * 100)) -ge $((tot * 60)) ]'
n=$(jq_count "$T/j.stripped" ".type == \"stack\" and .comm != \"$CS\"")
t_check "json stripped: -n excludes other commands" [ "$n" = 0 ]

# text: BCC's layout, frames then "-  comm (pid)" then the count
pid=$(head -n 1 "$T/pn" | cut -d' ' -f1)
t_check "text: a stack with tk_hot_spin and main of $CN, then its comm, pid and count" \
	awk -v c="$CN" -v pid="$pid" '
		$0 ~ "^    tk_hot_spin\\+0x[0-9a-f]+ \\[" c "\\]$" { hot = 1 }
		hot && $0 ~ "^    main\\+0x[0-9a-f]+ \\[" c "\\]$" { m = 1 }
		m && $0 == sprintf("    %-16s %s (%s)", "-", c, pid) { w = 1; next }
		w { ok = $0 ~ /^        [0-9]+$/; exit }
		/^$/ { hot = m = 0 }
		END { exit !ok }' "$T/t.nopie"

# hostile comm: escaped in folded output, valid JSON
t_check "hostile comm: folded line starts with the escaped name" \
	sh -c "grep -F -e '$CH_TEXT;' '$T/f.hostile' | grep -q ';main;tk_hot_spin [0-9]*\$'"
t_check "hostile comm: no raw control byte in folded output" \
	sh -c "! LC_ALL=C grep -q '[[:cntrl:]]' '$T/f.hostile'"
t_check "hostile comm: JSON lines strict" "$J" "$T/j.hostile"
t_check "hostile comm: JSON comm escaped (\\u001b, \\udcff)" \
	grep -q -F -e "\"comm\":\"$CH_JSON\"" "$T/j.hostile"

# a 16-slot stack map overflows system-wide at 499 Hz: lost stacks reported
t_check "lost stacks: JSON strict" "$J" "$T/j.lost"
n=$(jq_count "$T/j.lost" '.type == "lost_stacks" and (.kernel + .user) > 0')
t_check "lost stacks: a lost_stacks record" [ "$n" = 1 ]
t_check "lost stacks: warned on stderr with the option to raise" \
	grep -q "stacks lost (stack map full.*--stack-storage-size" "$T/e.lost"
n=$(jq_count "$T/j.lost" '.type == "stack" and (.kernel_stack_lost == "EEXIST" or .user_stack_lost == "EEXIST")')
t_check "lost stacks: stacks marked lost (EEXIST) still counted ($n)" [ "$n" -ge 1 ]
n=$(jq_count "$T/j.lost" '.type == "stack" and .pid == 0')
t_check "system-wide without -I: no idle (pid 0) samples" [ "$n" = 0 ]

s=$(share "$T/f.kernel" "$CK" ";vfs_read_[[]k[]]")	# brackets: no escapes (busybox awk)
t_check "folded -K: vfs_read in most of the read loop's samples ($s%)" \
	sh -c '[ "$1" -ge 50 ] || { sort -k2 -nr "$2" | head -n 5 | cut -c1-300; exit 1; }' - "$s" "$T/f.kernel"
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
