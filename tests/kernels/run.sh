#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The kernel matrix (`make check-kernels`): the end-to-end suite on Debian's
# 6.1 and 6.12 kernels in qemu (TCG; this machine has no KVM) and on the
# running kernel, once per forced attach rung.
#   tests/kernels/run.sh [PLAN...]          (from the checkout's root, as root,
#                                            after `make tests`)
# PLAN: KERNEL:RUNG[,RUNG...] with KERNEL 6.1, 6.12 or host (the running
# kernel, no qemu) and RUNG tracepoint, fentry, kprobe or auto.  Default
# (the full matrix), or $TK_MATRIX:
#   6.1:fentry,kprobe,tracepoint 6.12:fentry,kprobe,tracepoint host:tracepoint
# Each KERNEL:RUNG is one boot; TK_MATRIX_JOBS (default: the number of CPUs)
# boots run at once, each single-threaded TCG.
# Results: $TK_MATRIX_OUT (default .output/kernels)/<kernel>-<rung>/results.txt
# (suite.sh's format), console.log, and results.tsv over all of them; a
# summary on stdout; exit 1 when a test failed or a run did not finish.
# Other knobs: TK_KERNEL_CACHE (fetch.sh), TK_GUEST_TIMEOUT (seconds per
# boot, default 3600), TK_TEST_TIMEOUT (per test script, default 300),
# TK_MATRIX_EXCLUDE (test names not to run), TK_HOST_EXCLUDE (the same, on
# the host only), TK_GUEST_BINS (initramfs.sh).
set -eu
cd "$(dirname "$0")/../.."
OUTPUT=${OUTPUT:-.output}
export OUTPUT
plan=${*:-${TK_MATRIX:-6.1:fentry,kprobe,tracepoint 6.12:fentry,kprobe,tracepoint host:tracepoint}}
out=${TK_MATRIX_OUT:-$OUTPUT/kernels}
jobs=${TK_MATRIX_JOBS:-$(nproc)}
guest_timeout=${TK_GUEST_TIMEOUT:-3600}
test_timeout=${TK_TEST_TIMEOUT:-300}

die() {
	echo "check-kernels: $*" >&2
	exit 1
}
[ "$(id -u)" = 0 ] || die "needs root (the suite loads BPF programs)"
ls "$OUTPUT"/bin/* >/dev/null 2>&1 || die "no tools in $OUTPUT/bin: run 'make tests' first"
for p in $plan; do
	case ${p%%:*} in
	6.1 | 6.12 | host) ;;
	*) die "unknown kernel in '$p' (6.1, 6.12, host)" ;;
	esac
	for r in $(echo "${p#*:}" | tr ',' ' '); do
		case $r in
		tracepoint | fentry | kprobe | auto) ;;
		*) die "unknown rung '$r' in '$p' (tracepoint, fentry, kprobe, auto)" ;;
		esac
	done
	case ${p%%:*} in
	host) ;;
	*)
		command -v qemu-system-x86_64 >/dev/null ||
			die "qemu-system-x86_64 is missing: scripts/install-deps.sh --kernels"
		;;
	esac
done

rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)

# kernels and initramfs images first (network and disk), then the boots
for p in $plan; do
	k=${p%%:*}
	[ "$k" = host ] && continue
	[ -e "$out/$k.kdir" ] && continue
	kdir=$(sh tests/kernels/fetch.sh "$k") || die "cannot fetch the $k kernel"
	echo "$kdir" >"$out/$k.kdir"
	sh tests/kernels/initramfs.sh "$out/$k.cpio" "$kdir" || die "cannot build the $k initramfs"
	echo "check-kernels: $k: $(cat "$kdir/release"), initramfs $(($(wc -c <"$out/$k.cpio") / 1048576)) MiB"
done

# run_one KERNEL RUNG: one boot (or the host), results in $out/KERNEL-RUNG/
run_one() {
	d=$out/$1-$2
	mkdir -p "$d"
	t0=$(date +%s)
	if [ "$1" = host ]; then
		TK_TEST_TIMEOUT=$test_timeout TK_MATRIX_EXCLUDE="${TK_MATRIX_EXCLUDE-} ${TK_HOST_EXCLUDE-}" \
			sh tests/kernels/suite.sh "$2" >"$d/results.txt" 2>&1 || true
	else
		kdir=$(cat "$out/$1.kdir")
		extra=
		[ "${CI-}" = true ] && extra=" tk.ci=1"
		[ -n "${TK_MATRIX_EXCLUDE-}" ] &&
			extra="$extra tk.exclude=$(echo "$TK_MATRIX_EXCLUDE" | tr ' ' ',')"
		# the guest's scratch disk (guest-init.sh formats it)
		truncate -s 256M "$d/disk.img"
		# single-threaded TCG: multi-threaded TCG panicked 6.12 now and then
		# two vCPUs (still one TCG thread: multi-threaded TCG panicked
		# 6.12 now and then), so --cpu filters have a CPU to exclude
		timeout -s KILL "$guest_timeout" qemu-system-x86_64 \
			-accel tcg,thread=single -cpu max -smp 2 -m 1024 \
			-display none -monitor none -no-reboot \
			-drive "file=$d/disk.img,if=virtio,format=raw,cache=unsafe" \
			-kernel "$kdir/vmlinux" -initrd "$out/$1.cpio" \
			-append "console=ttyS0 panic=-1 quiet tk.rungs=$2 tk.timeout=$test_timeout$extra" \
			-serial "file:$d/console.log" -serial "file:$d/results.txt" \
			</dev/null >"$d/qemu.log" 2>&1 || echo "qemu exited $?" >>"$d/qemu.log"
		rm -f "$d/disk.img"
	fi
	echo "$(($(date +%s) - t0))" >"$d/seconds"
	echo "check-kernels: $1 $2: done in $(cat "$d/seconds") s"
}

# a queue of runs, longest first (tracepoint rungs run every test, the
# host is quick); TK_MATRIX_JOBS workers take the next one when free
: >"$out/queue"
for want in tracepoint auto fentry kprobe; do
	for p in $plan; do
		[ "${p%%:*}" = host ] && continue
		for r in $(echo "${p#*:}" | tr ',' ' '); do
			[ "$r" = "$want" ] && echo "${p%%:*} $r" >>"$out/queue"
		done
	done
done
for p in $plan; do
	[ "${p%%:*}" = host ] || continue
	for r in $(echo "${p#*:}" | tr ',' ' '); do echo "host $r" >>"$out/queue"; done
done
echo "check-kernels: $(wc -l <"$out/queue") runs, $jobs at a time"
# next_run: prints the queue's first line and removes it (mkdir is the lock)
next_run() {
	until mkdir "$out/queue.lock" 2>/dev/null; do sleep 0.1; done
	head -n 1 "$out/queue"
	sed -i 1d "$out/queue"
	rmdir "$out/queue.lock"
}
w=0
while [ $w -lt "$jobs" ]; do
	(
		while :; do
			job=$(next_run)
			[ -n "$job" ] || break
			# shellcheck disable=SC2086
			run_one $job
		done
	) &
	w=$((w + 1))
done
wait
echo "check-kernels: all runs done in $(($(date +%s) - start)) s"
sh tests/kernels/report.sh "$out"
