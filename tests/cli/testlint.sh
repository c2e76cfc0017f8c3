#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The test scripts themselves: `t_check DESC [ a ] && [ b ]` checks only
# `[ a ]` (the shell runs the rest outside the check, its result ignored),
# so a t_check statement must be one simple command; && and || conditions
# go through t_cond.  Quoted text is ignored, so jq and awk programs may use
# the operators.
. "$(dirname "$0")/../lib.sh"

for f in "$TK_ROOT"/tests/e2e/*.sh "$TK_ROOT"/tests/cli/*.sh "$TK_ROOT"/tests/*.sh; do
	[ -f "$f" ] || continue
	bad=$(awk '
		# a character scanner: single and double quotes, $( ) depth, and
		# backslashes, carried across the lines of one statement
		function scan(line,    i, c, n) {
			n = length(line)
			for (i = 1; i <= n; i++) {
				c = substr(line, i, 1)
				if (sq) { if (c == "\047") sq = 0; continue }
				if (c == "\\") { i++; continue }
				if (dq) {
					if (c == "\"" && !depth) dq = 0
					else if (substr(line, i, 2) == "$(") { depth++; i++ }
					else if (c == ")" && depth) depth--
					continue
				}
				if (c == "\047") sq = 1
				else if (c == "\"") dq = 1
				else if (substr(line, i, 2) == "$(") { depth++; i++ }
				else if (c == ")" && depth) depth--
				else if (c == "#" && !depth) return
				else if (!depth && (substr(line, i, 2) == "&&" || substr(line, i, 2) == "||")) {
					found = 1
					i++
				}
			}
		}
		!in_stmt && /^[ \t]*t_check / { in_stmt = 1; start = FNR; sq = dq = depth = found = 0 }
		in_stmt {
			scan($0)
			if (sq || dq || depth || $0 ~ /\\$/)
				next
			if (found)
				print start ": " $0
			in_stmt = 0
		}' "$f")
	name=${f#"$TK_ROOT"/}
	if [ -z "$bad" ]; then
		t_ok "$name: every t_check is one simple command"
	else
		t_fail "$name: every t_check is one simple command (use t_cond for && and ||)" "$bad"
	fi
done
t_done
