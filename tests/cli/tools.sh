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
# (list-tools adds the aliases, sorted: read the lists themselves)
for var in TOOLS ALIASES; do
	list=$(sed -n "s/^$var := *//p" "$TK_ROOT/Makefile")
	sorted=$(echo $(printf '%s\n' $list | LC_ALL=C sort))
	if [ "$sorted" = "$(echo $list)" ]; then
		t_ok "$var is alphabetical"
	else
		t_fail "$var is alphabetical" "got: $list"
	fi
done
# Each alias is a symlink to its tool's binary, and names itself as invoked.
for a in $(make -s --no-print-directory -C "$TK_ROOT" list-aliases 2>/dev/null); do
	name=${a%%=*}
	target=${a#*=}
	if [ -L "$TK_BIN/$name" ] && [ "$(readlink "$TK_BIN/$name")" = "$target" ]; then
		t_ok "alias $name: a symlink to $target"
	else
		t_fail "alias $name: a symlink to $target" "$(ls -l "$TK_BIN/$name" 2>&1)"
	fi
	"$TK_BIN/$name" --version >"$T/v" 2>&1
	t_check "alias $name: --version says $name" grep -q "^$name (tracekit)" "$T/v"
done
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
