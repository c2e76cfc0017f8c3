#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The attach ladder and the messages that name a missing kernel feature.
# laddercheck (tests/ladder/) has one probe with a tp_btf variant on a
# tracepoint no kernel has, an fentry and a kprobe variant.
. "$(dirname "$0")/../lib.sh"
t_need_root
LADDER=$TK_HELPERS/laddercheck

# Does this kernel have kprobes?  (fentry is decided by the run itself: some
# kernels have the program type but refuse fentry loads.)
has_kprobes=no
[ -e /sys/bus/event_source/devices/kprobe/type ] && has_kprobes=yes
"$LADDER" -d 1 >"$T/out" 2>"$T/err"
rc=$?
if [ $has_kprobes = no ] && [ $rc != 0 ]; then
	t_check "no rung: exit 1" [ $rc = 1 ]
	t_check "no rung: names the probe" grep -q "laddercheck: cannot trace file_open:" "$T/err"
	t_check "no rung: tp_btf reason" grep -q "tp_btf: tracepoint tk_no_such_tracepoint is not in this kernel" "$T/err"
	t_check "no rung: kprobe reason names the missing feature" \
		grep -q "kprobe: kprobes are not available on this kernel" "$T/err"
	t_check "no rung: fentry reason" grep -q "fentry: " "$T/err"
	t_check "no rung: one line on stderr" [ "$(wc -l <"$T/err")" = 1 ]
	t_check "no rung: nothing on stdout" [ ! -s "$T/out" ]
else
	# a kernel with fentry or kprobes (the kernel matrix): it must attach
	t_check "a function rung attaches (rc=$rc)" [ $rc = 0 ]
	t_check "a function rung attaches: no error output" [ ! -s "$T/err" ]
fi

# Forcing a rung: only that rung's variants are considered.
"$LADDER" --attach tracepoint -d 1 >"$T/out" 2>"$T/err"
t_check "--attach tracepoint: exit 1" [ $? = 1 ]
t_check "--attach tracepoint: only the tp_btf reason" \
	sh -c "grep -q 'tp_btf: tracepoint tk_no_such_tracepoint' '$T/err' && ! grep -q kprobe '$T/err'"

"$TK_BIN/opensnoop" --attach fentry -d 1 >"$T/out" 2>"$T/err"
t_check "opensnoop --attach fentry: exit 1" [ $? = 1 ]
t_check "opensnoop --attach fentry: says it has no fentry variant" \
	grep -q "this tool has no fentry variant of probe 'sys_enter_openat'" "$T/err"

"$TK_BIN/opensnoop" --attach bogus >"$T/out" 2>"$T/err"
t_check "--attach bogus: usage error" [ $? = 2 ]

# Privileges: an unprivileged user gets one clear line and exit 1.
if command -v setpriv >/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$TK_BIN/opensnoop" -d 1 >"$T/out" 2>"$T/err"
	t_check "unprivileged: exit 1" [ $? = 1 ]
	t_check "unprivileged: says to run as root" grep -q "opensnoop: tracing needs privileges: run as root" "$T/err"
else
	t_fail "setpriv (util-linux) is missing"
fi

# A program the verifier rejects: one line that says so and points to -vv,
# and -vv shows the verifier's log.
"$TK_HELPERS/verifierfail" -d 1 >"$T/out" 2>"$T/err"
t_check "verifier rejection: exit 1" [ $? = 1 ]
t_check "verifier rejection: one line suggesting -vv" sh -c \
	"[ \$(wc -l <'$T/err') = 1 ] && grep -q 'verifierfail: cannot trace sched_switch: .*rerun with -vv' '$T/err'"
"$TK_HELPERS/verifierfail" -vv -d 1 >"$T/out" 2>"$T/err"
t_check "verifier rejection: -vv shows the verifier log" grep -q "invalid mem access" "$T/err"

# A --btf file that is not BTF is a usage error naming the file.
printf 'not btf' >"$T/bogus.btf"
"$TK_BIN/opensnoop" --btf "$T/bogus.btf" -d 1 >"$T/out" 2>"$T/err"
t_check "--btf garbage: exit 2" [ $? = 2 ]
t_check "--btf garbage: names the file" grep -q "opensnoop: --btf $T/bogus.btf: not a usable BTF file" "$T/err"

# --btf with the real kernel BTF works like no --btf.
"$TK_BIN/opensnoop" --btf /sys/kernel/btf/vmlinux -d 1 >"$T/out" 2>"$T/err"
t_check "--btf vmlinux: runs (exit 0)" [ $? = 0 ]

# tracefs unmounted: opensnoop mounts it again (in a private mount namespace,
# so the machine's own mount is left alone).
if unshare -m true 2>/dev/null; then
	unshare -m sh -c "umount /sys/kernel/tracing 2>/dev/null; umount /sys/kernel/debug/tracing 2>/dev/null;
		'$TK_BIN/opensnoop' -v -d 1 >'$T/out' 2>'$T/err'"
	t_check "tracefs unmounted: opensnoop runs" [ $? = 0 ]
	t_check "tracefs unmounted: says it mounted tracefs" grep -q "mounted tracefs at /sys/kernel/tracing" "$T/err"
else
	t_skip "tracefs unmounted: opensnoop mounts it" \
		"no private mount namespace here (unshare -m fails, e.g. in a chroot)"
fi
t_done
