#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# /init of the kernel matrix's guest (run by dash, see initramfs.sh).  Mounts
# what the tests need, loads the modules, runs tests/kernels/suite.sh for the
# rungs on the kernel command line (tk.rungs=fentry,kprobe) with its results
# on the second serial port (/dev/ttyS1: a file on the host; the console,
# ttyS0, only gets progress lines), then powers off.
#   tk.rungs=R,R   rungs (suite.sh)    tk.ci=1      CI=true (skips fail)
#   tk.timeout=S   seconds per test    tk.exclude=NAME,NAME   tests not run
# debugfs stays unmounted (its tracing/ automount would hide whether a tool
# mounts tracefs itself; kernel_features.sh tests that).
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TMPDIR=/tmp

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# the links udev or systemd make on a real system (tests read /dev/stdin)
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t tracefs tracefs /sys/kernel/tracing
mount -t cgroup2 cgroup2 /sys/fs/cgroup
mount -t bpf bpf /sys/fs/bpf
hostname tkguest
ip link set lo up
while read -r m; do
	insmod "/lib/modules/tk/$m.ko" || echo "tk: insmod $m failed"
done </lib/modules/tk/order

# the scratch disk (run.sh's -drive): a disk-backed directory for tests that
# need O_DIRECT or real block-device interrupts (TK_TEST_DISKDIR)
if [ -b /dev/vda ] && mke2fs -q /dev/vda >/dev/null 2>&1 && mkdir -p /disk &&
   mount -t ext4 /dev/vda /disk; then
	export TK_TEST_DISKDIR=/disk
else
	echo "tk: no scratch disk (/dev/vda)"
fi

rungs=auto
for arg in $(cat /proc/cmdline); do
	case $arg in
	tk.rungs=*) rungs=$(echo "${arg#tk.rungs=}" | tr ',' ' ') ;;
	tk.ci=1) export CI=true ;;
	tk.timeout=*) export TK_TEST_TIMEOUT="${arg#tk.timeout=}" ;;
	tk.exclude=*)
		TK_MATRIX_EXCLUDE=$(echo "${arg#tk.exclude=}" | tr ',' ' ')
		export TK_MATRIX_EXCLUDE
		;;
	esac
done
# Debian's 6.x kernels have fentry: a refused fentry is a failure there.
export TK_EXPECT_FENTRY=yes
export TK_PROGRESS=/dev/console
cd /tk || exit 1
# shellcheck disable=SC2086
/bin/sh tests/kernels/suite.sh $rungs >/dev/ttyS1 2>&1
sync
echo "tk: done"
poweroff -f
echo o >/proc/sysrq-trigger
