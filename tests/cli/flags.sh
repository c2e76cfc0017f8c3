#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The standard flag table (STYLE.md), checked on every tool's --help: each
# short letter has one long name across all tools, each long name one
# letter, the standard letters keep their standard names, and every tool
# has -h -V -j -v.  A non-standard letter may mean different things in
# different tools only where BCC's tools already do so, each meaning listed
# in tests/cli/letters (so a new clash is a decision, not an accident).
. "$(dirname "$0")/../lib.sh"

tk_tools

STANDARD="p:pid t:tid u:uid c:cgroup n:name d:duration T:timestamp x:failed
e:extended j:json v:verbose h:help V:version"

# "LETTER LONG TOOL" per option line of --help ("-" for long-only options).
: >"$T/flags"
for t in $TOOLS_BUILT; do
	if ! "$TK_BIN/$t" --help >"$T/help" 2>&1; then
		t_fail "$t --help runs" "$(head -n 5 "$T/help")"
		continue
	fi
	sed -n -e "s/^  *-\([A-Za-z0-9]\), --\([a-z0-9-]*\).*/\1 \2 $t/p" \
		-e "s/^ \{2,8\}--\([a-z0-9-]*\).*/- \1 $t/p" "$T/help" >>"$T/flags"
done
if [ "$(grep -c . "$T/flags")" -lt 5 ]; then
	t_fail "option lines found in --help" "$(cat "$T/flags")"
fi

# One long name per letter, across all tools, unless tests/cli/letters
# lists each of the letter's meanings.
REG=$(dirname "$0")/letters
for l in $(awk '$1 != "-" { print $1 }' "$T/flags" | sort -u); do
	longs=$(echo $(awk -v l="$l" '$1 == l { print $2 }' "$T/flags" | sort -u))
	if [ "$(echo $longs | wc -w)" = 1 ]; then
		t_ok "-$l is --$longs in every tool"
		continue
	fi
	unlisted=$(awk -v l="$l" 'NR == FNR { if ($1 !~ /^#/) ok[$1 " " $2] = 1; next }
		$1 == l && !ok["-" $1 " --" $2] { print "-" $1 " --" $2 " in " $3 }' "$REG" "$T/flags")
	if [ -z "$unlisted" ]; then
		t_ok "-$l has several meanings, each listed in tests/cli/letters ($longs)"
	else
		t_fail "-$l has one long name across tools, or each meaning is in tests/cli/letters" \
			"$unlisted"
	fi
done

# The registry lists no standard letter.
bad=$(awk '$1 ~ /^-[ptucndTxejvhV]$/' "$REG")
if [ -z "$bad" ]; then
	t_ok "tests/cli/letters lists no standard letter"
else
	t_fail "tests/cli/letters lists no standard letter" "$bad"
fi

# At most one letter per long name, across all tools (a tool may offer it
# long-only where its BCC namesake has no letter for it).
for n in $(awk '{ print $2 }' "$T/flags" | sort -u); do
	letters=$(echo $(awk -v n="$n" '$2 == n && $1 != "-" { print $1 }' "$T/flags" | sort -u))
	if [ "$(echo $letters | wc -w)" -le 1 ]; then
		t_ok "--$n has the same short form in every tool (${letters:-none})"
	else
		t_fail "--$n has one short form across tools" \
			"$(awk -v n="$n" '$2 == n { print "-" $1 " --" $2 " in " $3 }' "$T/flags")"
	fi
done

# Standard letters keep their standard long names, and the names their letters.
for pair in $STANDARD; do
	l=${pair%%:*}
	n=${pair#*:}
	bad=$(awk -v l="$l" -v n="$n" '($1 == l && $2 != n) || ($2 == n && $1 != l) {
		print "-" $1 " --" $2 " in " $3 }' "$T/flags")
	if [ -z "$bad" ]; then
		t_ok "standard -$l/--$n: no tool uses either for anything else"
	else
		t_fail "standard -$l/--$n: no tool uses either for anything else" "$bad"
	fi
done

# Every tool has the always-on standard options.
for t in $TOOLS_BUILT; do
	missing=
	for pair in h:help V:version j:json v:verbose; do
		grep -q "^${pair%%:*} ${pair#*:} $t\$" "$T/flags" || missing="$missing -${pair%%:*}/--${pair#*:}"
	done
	if [ -z "$missing" ]; then
		t_ok "$t has -h -V -j -v"
	else
		t_fail "$t has -h -V -j -v" "missing:$missing"
	fi
done
t_done
