#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Every tool the Makefile lists is built and has its man page and its
# end-to-end test; the list is alphabetical (STYLE.md).
. "$(dirname "$0")/../lib.sh"

ALL_TOOLS=$(make -s --no-print-directory -C "$TK_ROOT" list-tools 2>/dev/null)
if [ -n "$ALL_TOOLS" ]; then
	t_ok "make list-tools: $ALL_TOOLS"
else
	t_fail "make list-tools prints the tools"
fi
sorted=$(echo $(printf '%s\n' $ALL_TOOLS | LC_ALL=C sort))
if [ "$sorted" = "$(echo $ALL_TOOLS)" ]; then
	t_ok "TOOLS is alphabetical"
else
	t_fail "TOOLS is alphabetical" "got: $ALL_TOOLS"
fi
for t in $ALL_TOOLS; do
	if [ -x "$TK_BIN/$t" ]; then
		t_ok "$t: binary $TK_BIN/$t"
	else
		t_fail "$t: binary $TK_BIN/$t" "not built: make OUTPUT=${OUTPUT:-.output}"
	fi
	[ -f "$TK_ROOT/man/man8/$t.8" ] && t_ok "$t: man page" || t_fail "$t: man page man/man8/$t.8"
	[ -f "$TK_ROOT/tests/e2e/$t.sh" ] && t_ok "$t: end-to-end test" ||
		t_fail "$t: end-to-end test tests/e2e/$t.sh"
done
t_done
