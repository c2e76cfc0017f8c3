#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Man pages match the tools: mandoc lint is clean, the sections are there,
# OPTIONS names exactly the long options --help shows, and FIELDS documents
# every field of --list-fields (text header and JSON key).
. "$(dirname "$0")/../lib.sh"

tk_tools

SECTIONS="NAME SYNOPSIS DESCRIPTION OPTIONS FIELDS EXAMPLES OVERHEAD EXIT_STATUS SEE_ALSO"

# The first line after each .TP in section $2 of man page $1, with \- as -.
tp_lines() {
	awk -v want=".SH $2" '
		/^\.SH / { sec = $0; prev = ""; next }
		sec == want && prev == ".TP" { gsub(/\\-/, "-"); print }
		{ prev = $0 }' "$1"
}

for t in $ALL_TOOLS; do
	man=$TK_ROOT/man/man8/$t.8
	if [ ! -f "$man" ]; then
		t_fail "$t: man page man/man8/$t.8 exists"
		continue
	fi
	if command -v mandoc >/dev/null 2>&1; then
		if mandoc -T lint -W warning "$man" >"$T/lint" 2>&1 && [ ! -s "$T/lint" ]; then
			t_ok "$t.8: mandoc -T lint -W warning is clean"
		else
			t_fail "$t.8: mandoc -T lint -W warning is clean" "$(head -n 20 "$T/lint")"
		fi
	else
		t_skip "$t.8: mandoc lint" "mandoc is not installed (apt-get install mandoc)"
	fi
	missing=
	for s in $SECTIONS; do
		grep -q "^\.SH \"\{0,1\}$(echo "$s" | tr _ ' ')\"\{0,1\}\$" "$man" || missing="$missing $s"
	done
	if [ -z "$missing" ]; then
		t_ok "$t.8: has every section"
	else
		t_fail "$t.8: has every section" "missing:$missing"
	fi
	grep -q "^\.TH $(echo "$t" | tr a-z A-Z) 8 " "$man" && t_ok "$t.8: .TH names the tool, section 8" ||
		t_fail "$t.8: .TH names the tool, section 8" "$(grep '^\.TH' "$man")"

	[ -x "$TK_BIN/$t" ] || continue

	# OPTIONS <-> --help
	"$TK_BIN/$t" --help 2>&1 | sed -n 's/^ \{2,8\}\(-[A-Za-z0-9], \)\{0,1\}--\([a-z0-9-]*\).*/\2/p' |
		sort -u >"$T/help-longs"
	tp_lines "$man" OPTIONS | grep -o -- '--[a-z0-9][a-z0-9-]*' | sed 's/^--//' | sort -u >"$T/man-longs"
	if [ -s "$T/help-longs" ] && cmp -s "$T/help-longs" "$T/man-longs"; then
		t_ok "$t.8: OPTIONS lists exactly the long options of --help ($(wc -l <"$T/help-longs"))"
	else
		t_fail "$t.8: OPTIONS lists exactly the long options of --help" \
			"in --help only: $(comm -23 "$T/help-longs" "$T/man-longs" | tr '\n' ' ')
in the man page only: $(comm -13 "$T/help-longs" "$T/man-longs" | tr '\n' ' ')"
	fi
	# the short letters agree too
	"$TK_BIN/$t" --help 2>&1 | sed -n 's/^ \{2,8\}-\([A-Za-z0-9]\), --\([a-z0-9-]*\).*/\1 \2/p' |
		sort >"$T/help-pairs"
	tp_lines "$man" OPTIONS | sed -n 's/^\.BR* -\([A-Za-z0-9]\) *", *" *--\([a-z0-9-]*\).*/\1 \2/p' |
		sort >"$T/man-pairs"
	if cmp -s "$T/help-pairs" "$T/man-pairs"; then
		t_ok "$t.8: OPTIONS pairs each long option with the same letter as --help"
	else
		t_fail "$t.8: OPTIONS pairs each long option with the same letter as --help" \
			"--help: $(tr '\n' ' ' <"$T/help-pairs")
man: $(tr '\n' ' ' <"$T/man-pairs")"
	fi

	# FIELDS <-> --list-fields: "key<TAB>header", "-" where there is none
	if ! "$TK_BIN/$t" --list-fields >"$T/fields" 2>"$T/e"; then
		t_fail "$t --list-fields runs" "$(cat "$T/e")"
		continue
	fi
	tp_lines "$man" FIELDS | awk '{
		line = $0; key = "-"; hdr = line
		if (match(line, /\\fR\(\\fB[^\\]*\\fR\)/)) {
			key = substr(line, RSTART + 7, RLENGTH - 11)
			hdr = substr(line, 1, RSTART - 1)
		}
		sub(/^\.BR? */, "", hdr); gsub(/"/, "", hdr); sub(/ +$/, "", hdr)
		if (hdr == "") hdr = "-"
		print key "\t" hdr }' >"$T/man-fields"
	undocumented=
	tab=$(printf '\t')
	while IFS="$tab" read -r key hdr; do
		[ -n "$key" ] || continue
		if [ "$key" = - ]; then
			awk -F '\t' -v h="$hdr" '$2 == h { f = 1 } END { exit !f }' "$T/man-fields"
		elif [ "$hdr" = - ]; then
			awk -F '\t' -v k="$key" '$1 == k { f = 1 } END { exit !f }' "$T/man-fields"
		else
			awk -F '\t' -v k="$key" -v h="$hdr" '$1 == k && $2 == h { f = 1 } END { exit !f }' \
				"$T/man-fields"
		fi || undocumented="$undocumented $hdr($key)"
	done <"$T/fields"
	if [ -z "$undocumented" ]; then
		t_ok "$t.8: FIELDS documents every field of --list-fields ($(grep -c . "$T/fields"))"
	else
		t_fail "$t.8: FIELDS documents every field of --list-fields" \
			"not documented as '.B HEADER \\fR(\\fBkey\\fR)':$undocumented"
	fi
	# and nothing the tool does not have (when it has a field table)
	if [ -s "$T/fields" ]; then
		stale=$(awk -F '\t' 'NR == FNR { k[$1] = 1; h[$2] = 1; next }
			($1 != "-" && !($1 in k)) || ($1 == "-" && !($2 in h)) { printf " %s(%s)", $2, $1 }' \
			"$T/fields" "$T/man-fields")
		if [ -z "$stale" ]; then
			t_ok "$t.8: FIELDS documents no field the tool lacks"
		else
			t_fail "$t.8: FIELDS documents no field the tool lacks" "stale:$stale"
		fi
	fi
done
t_done
