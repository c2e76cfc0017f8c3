#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#
# bench/startup.sh: how long each tool takes from exec to "attached" (its
# -v line once every probe is in place), median of BENCH_ROUNDS (7) starts.
# `make bench-startup` runs it; docs/performance.md explains it.
#
# usage: bench/startup.sh BIN_DIR "TOOL [ARGS]" ...
# Needs root.  The time includes loading BTF and the BPF objects, the
# verifier, attaching, and (only when a stack is printed) nothing else:
# kallsyms is read lazily.

set -u
BIN=${1:-}
[ -d "$BIN" ] && [ $# -ge 2 ] || { echo 'usage: bench/startup.sh BIN_DIR "TOOL [ARGS]" ...' >&2; exit 2; }
shift
[ "$(id -u)" -eq 0 ] || { echo "bench: needs root to load BPF programs" >&2; exit 1; }
ROUNDS=${BENCH_ROUNDS:-7}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/tkstart.XXXXXX")
trap 'rm -rf "$DIR"' EXIT

# one TOOL ARGS: milliseconds from exec until "attached" on stderr
one() {
	: >"$DIR/err"
	t0=$(date +%s%N)
	# shellcheck disable=SC2086
	"$BIN/$1" -v $2 >/dev/null 2>"$DIR/err" &
	p=$!
	while ! grep -q attached "$DIR/err"; do
		kill -0 "$p" 2>/dev/null || { echo "bench: $1 did not attach: $(cat "$DIR/err")" >&2; return 1; }
		sleep 0.002
	done
	t1=$(date +%s%N)
	kill -INT "$p"
	wait "$p"
	echo $(((t1 - t0) / 1000000))
}

echo "| tool | median ms to attached | min | max |"
echo "|---|---|---|---|"
for spec in "$@"; do
	tool=${spec%% *}
	args=
	[ "$tool" != "$spec" ] && args=${spec#* }
	: >"$DIR/t"
	i=0
	while [ $i -lt "$ROUNDS" ]; do
		one "$tool" "$args" >>"$DIR/t" || exit 1
		i=$((i + 1))
	done
	sort -n "$DIR/t" | awk -v s="$spec" '{ v[NR] = $1 } END {
		printf "| `%s` | %d | %d | %d |\n", s, v[int((NR + 1) / 2)], v[1], v[NR] }'
done
