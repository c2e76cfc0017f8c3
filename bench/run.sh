#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#
# bench/run.sh: opensnoop against bpftrace's opensnoop.bt on one open loop.
# `make bench` runs it; docs/performance.md explains what it measures.
#
# usage: bench/run.sh OPENSNOOP OPENLOOP
# environment: BENCH_ROUNDS (5), BENCH_SECONDS (3, per workload run),
#              BENCH_DIR (scratch directory, default a fresh one in /tmp)
#
# Rounds interleave: baseline (no tracer), opensnoop -j, opensnoop (text),
# bpftrace; the Markdown table of medians goes to stdout, progress to stderr.

set -u

OPENSNOOP=${1:-}
OPENLOOP=${2:-}
ROUNDS=${BENCH_ROUNDS:-5}
SECS=${BENCH_SECONDS:-3}
HZ=$(getconf CLK_TCK)

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

if [ ! -x "$OPENSNOOP" ] || [ ! -x "$OPENLOOP" ]; then
	echo 'usage: bench/run.sh OPENSNOOP OPENLOOP' >&2
	exit 2
fi
[ "$(id -u)" -eq 0 ] || die "needs root (CAP_BPF and CAP_PERFMON) to load tracers: run as root"

# The workload runs on CPU 0; tracers run on CPU 1 so they never steal its time.
if [ "$(nproc)" -ge 2 ]; then
	PIN_LOAD="taskset -c 0"
	PIN_TRACER="taskset -c 1"
else
	say "only one CPU: workload and tracer share it, figures are not comparable"
	PIN_LOAD=
	PIN_TRACER=
fi

# ---- bpftrace and its opensnoop.bt ----
BPFTRACE=
BT_SCRIPT=
BT_NOTE=
find_bt() {
	for f in /usr/sbin/opensnoop.bt /usr/share/bpftrace/tools/opensnoop.bt; do
		[ -f "$f" ] && { echo "$f"; return; }
	done
	dpkg -L bpftrace 2>/dev/null | grep '/opensnoop\.bt$' | head -n 1
}
if ! command -v bpftrace >/dev/null 2>&1; then
	say "bpftrace not found: installing the Debian package bpftrace with apt-get"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bpftrace >&2 ||
		{ apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bpftrace >&2; }
fi
if command -v bpftrace >/dev/null 2>&1; then
	BPFTRACE=$(command -v bpftrace)
	BT_SCRIPT=$(find_bt)
	if [ -z "$BT_SCRIPT" ]; then
		BT_NOTE="bpftrace is installed but its opensnoop.bt was not found"
	elif ! grep -q 'tracepoint:syscalls:sys_enter_open' "$BT_SCRIPT"; then
		# this kernel has no kprobes: a kprobe-based script cannot attach
		BT_NOTE="$BT_SCRIPT does not use the syscalls:sys_enter_open* tracepoints"
	fi
else
	BT_NOTE="bpftrace could not be installed"
fi
[ -n "$BT_NOTE" ] && { say "$BT_NOTE: measuring opensnoop only"; BPFTRACE=; }

# ---- scratch space ----
if [ -n "${BENCH_DIR:-}" ]; then
	DIR=$BENCH_DIR
	mkdir -p "$DIR" || die "cannot create $DIR"
	OWN_DIR=
else
	DIR=$(mktemp -d /tmp/tkbench.XXXXXX) || die "cannot create a scratch directory in /tmp"
	OWN_DIR=$DIR
fi
TARGET=$DIR/f		# short: bpftrace's str() keeps 64 bytes
RESULTS=$DIR/results
TPID=
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
	[ -n "$TPID" ] && kill -KILL "$TPID" 2>/dev/null
	[ -n "$OWN_DIR" ] && rm -rf "$OWN_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
: > "$TARGET"
: > "$RESULTS"

# utime + stime of a process, in clock ticks (fields 14 and 15 after "(comm)").
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

# Waits until the tracer is idle (its CPU time stops growing: buffers drained),
# 10 s at most.  Not the output size: every process this script starts opens
# files, and a system-wide tracer prints those too.
settle() {
	prev=-1
	for _ in $(seq 50); do
		sleep 0.2
		cur=$(cpu_ticks "$1")
		[ "$cur" = "$prev" ] && return
		prev=$cur
	done
	say "tracer $1 still busy 10 s after the workload ended"
}

# Prints the value of key from a line of key=value pairs.
kv() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# One measured run.  Appends to $RESULTS:
#   mode ns_per_open made printed lost cpu_ticks hwm_kb startup_ns
run_one() {
	mode=$1
	out=$DIR/$mode.out
	err=$DIR/$mode.err
	rm -f "$out" "$err"
	if [ "$mode" = baseline ]; then
		res=$($PIN_LOAD "$OPENLOOP" -d "$SECS" "$TARGET") || die "openloop failed"
		echo "$mode $(kv "$res" ns_per_open) $(kv "$res" opens) - - - - -" >> "$RESULTS"
		return
	fi
	case $mode in
	tk-json) ready="$err:attached"; pattern="\"path\":\"$TARGET\"" ;;
	tk-text) ready="$err:attached"; pattern=" $TARGET" ;;
	bpftrace) ready="$out:Tracing open"; pattern=" $TARGET" ;;
	esac
	t0=$(date +%s%N)
	case $mode in
	tk-json) $PIN_TRACER "$OPENSNOOP" -v -j > "$out" 2> "$err" & ;;
	tk-text) $PIN_TRACER "$OPENSNOOP" -v > "$out" 2> "$err" & ;;
	bpftrace) $PIN_TRACER "$BPFTRACE" "$BT_SCRIPT" > "$out" 2> "$err" & ;;
	esac
	TPID=$!
	if ! res=$($PIN_LOAD "$OPENLOOP" -w "$ready" -s "$t0") || ! kill -0 "$TPID" 2>/dev/null; then
		say "$mode did not start; its stderr:"
		sed 's/^/  /' "$err" >&2
		kill -KILL "$TPID" 2>/dev/null
		wait "$TPID" 2>/dev/null
		TPID=
		return 1
	fi
	startup=$(kv "$res" startup_ns)
	cpu0=$(cpu_ticks "$TPID")
	res=$($PIN_LOAD "$OPENLOOP" -d "$SECS" "$TARGET") || die "openloop failed"
	settle "$TPID"
	cpu1=$(cpu_ticks "$TPID")
	hwm=$(hwm_kb "$TPID")
	kill -INT "$TPID"
	for _ in $(seq 100); do
		kill -0 "$TPID" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$TPID" 2>/dev/null && say "$mode ignored SIGINT for 10 s; killed"
	wait "$TPID"
	rc=$?
	TPID=
	[ "$rc" -eq 0 ] || say "$mode exited with status $rc"
	printed=$(grep -c -F -e "$pattern" "$out")
	case $mode in
	tk-*)
		# the exact count opensnoop reports at exit ("lost N events in total")
		lost=$(sed -n 's/.*lost \([0-9]*\) events in total.*/\1/p' "$err" | tail -n 1)
		lost=${lost:-0}
		if [ "$mode" = tk-json ]; then
			jlost=$(sed -n 's/.*"type":"lost".*"total":\([0-9]*\).*/\1/p' "$out" | tail -n 1)
			[ "${jlost:-0}" = "$lost" ] ||
				say "opensnoop's JSON lost total ${jlost:-0} differs from its stderr total $lost"
		fi ;;
	bpftrace)
		lost=$(sed -n 's/^Lost \([0-9]*\) events.*/\1/p' "$out" "$err" | awk '{ s += $1 } END { print s + 0 }') ;;
	esac
	echo "$mode $(kv "$res" ns_per_open) $(kv "$res" opens) $printed $lost $((cpu1 - cpu0)) $hwm $startup" >> "$RESULTS"
	rm -f "$out"
}

MODES="baseline tk-json tk-text"
[ -n "$BPFTRACE" ] && MODES="$MODES bpftrace"
say "workload pinned to CPU 0, tracers to CPU 1; $ROUNDS rounds of $SECS s per run"
[ -n "$BPFTRACE" ] && say "bpftrace: $BPFTRACE $($BPFTRACE --version 2>/dev/null) running $BT_SCRIPT"
for r in $(seq "$ROUNDS"); do
	for m in $MODES; do
		if ! run_one "$m"; then
			if [ "$m" = bpftrace ]; then
				BT_NOTE="bpftrace failed to start on this machine"
				MODES=$(echo "$MODES" | sed 's/ bpftrace//')
			fi
			continue
		fi
		say "round $r/$ROUNDS: $(tail -n 1 "$RESULTS" | awk '{ printf "%s %s ns/open, %s made, %s printed, %s lost, %s ticks", $1, $2, $3, $4, $5, $6 }')"
	done
done

# ---- report ----
# median of column col for mode
median() {
	awk -v m="$1" -v c="$2" '$1 == m && $c != "-" { print $c }' "$RESULTS" | sort -g |
		awk '{ a[NR] = $1 } END { if (!NR) print "-"; else if (NR % 2) print a[(NR + 1) / 2];
			else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
# median of a per-run expression over the columns
median_expr() {
	awk -v m="$1" '$1 == m { print '"$2"' }' "$RESULTS" | sort -g |
		awk '{ a[NR] = $1 } END { if (!NR) print "-"; else if (NR % 2) print a[(NR + 1) / 2];
			else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
sum_col() { awk -v m="$1" -v c="$2" '$1 == m { s += $c } END { print s + 0 }' "$RESULTS"; }

base=$(median baseline 2)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain -- common bpf tools 2>/dev/null)" ] && commit="$commit (+ uncommitted changes)"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)

echo "tracekit $commit, kernel $(uname -r), $(nproc) x ${cpu:-unknown CPU}"
echo "$ROUNDS rounds x $SECS s, medians; workload on CPU 0, tracer on CPU 1"
echo
echo "| tracer | ns/open | added ns/open | events printed / made | lost (reported) | unaccounted | tracer CPU us/event | peak RSS MiB | start-up ms |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|"
for m in $MODES; do
	case $m in
	baseline) name="none (baseline)" ;;
	tk-json) name="opensnoop -j" ;;
	tk-text) name="opensnoop" ;;
	bpftrace) name="bpftrace opensnoop.bt" ;;
	esac
	ns=$(median "$m" 2)
	if [ "$m" = baseline ]; then
		printf '| %s | %.0f | - | - | - | - | - | - | - |\n' "$name" "$ns"
		continue
	fi
	printf '| %s | %.0f | %+.0f | %s/%s (%.2f%%) | %s | %s | %.2f | %.1f | %.0f |\n' "$name" "$ns" \
		"$(echo "$ns $base" | awk '{ print $1 - $2 }')" \
		"$(median "$m" 4)" "$(median "$m" 3)" "$(median_expr "$m" '100 * $4 / $3')" \
		"$(median "$m" 5)" "$(median_expr "$m" '$3 - $4 - $5')" \
		"$(median_expr "$m" "\$4 ? \$6 * 1000000 / $HZ / \$4 : 0")" \
		"$(median "$m" 7 | awk '{ print $1 / 1024 }')" \
		"$(median "$m" 8 | awk '{ print $1 / 1000000 }')"
done
echo
for m in $MODES; do
	[ "$m" = baseline ] && continue
	echo "$m: over all rounds $(sum_col "$m" 3) opens, $(sum_col "$m" 4) printed, $(sum_col "$m" 5) reported lost"
done
[ -n "$BT_NOTE" ] && echo "bpftrace: $BT_NOTE"
exit 0
