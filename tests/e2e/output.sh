#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# How tools end on their output: a reader that goes away (| head -1) ends
# them quietly with exit 0 even when no event comes to be written; a write
# error (a full disk) ends them with exit 1 and a message.
. "$(dirname "$0")/../lib.sh"
t_need_root

# opensnoop's header and biolatency's first JSON interval are the one line
# head wants; the tools must then notice the closed pipe by themselves.
for cmd in "opensnoop" "biolatency -j 1" "execsnoop"; do
	# shellcheck disable=SC2086
	{ timeout 20 "$TK_BIN/"$cmd 2>"$T/err"; echo $? >"$T/rc"; } | head -n 1 >"$T/line"
	# a tool that missed the closed pipe is killed by timeout: exit 124
	t_check "$cmd | head -1: ends by itself, exit 0" [ "$(cat "$T/rc")" = 0 ]
	t_check "$cmd | head -1: nothing on stderr" [ ! -s "$T/err" ]
	t_check "$cmd | head -1: one line read" [ "$(wc -l <"$T/line")" = 1 ]
done

if [ -w /dev/full ]; then
	"$TK_BIN/opensnoop" -d 2 >/dev/full 2>"$T/err"
	t_check "opensnoop >/dev/full: exit 1" [ $? = 1 ]
	t_check "opensnoop >/dev/full: says why" grep -q "opensnoop: writing output: No space left on device" "$T/err"
else
	t_fail "/dev/full is writable"
fi
t_done
