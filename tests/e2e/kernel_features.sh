#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The attach ladder and the messages that name a missing kernel feature.
# laddercheck (tests/ladder/) has one probe with a tp_btf variant on a
# tracepoint no kernel has, an fentry and a kprobe variant.
. "$(dirname "$0")/../lib.sh"
t_need_root
LADDER=$TK_HELPERS/laddercheck

# What this kernel has is read from the kernel, not assumed from the
# development machine: kprobes from the kprobe PMU; fentry by trying it
# (some kernels have the program type but refuse fentry loads), except that
# TK_EXPECT_FENTRY=yes (set by the kernel matrix, tests/kernels/, for kernels
# known to have it) makes a refused fentry a failure.
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

# ladder_rung RUNG: laddercheck forced onto RUNG while this shell opens a
# file; sets $got to the rungs of its events for this shell's pid ("" when
# it did not attach; stderr in $T/lerr).
ladder_rung() {
	got=
	"$LADDER" -v -j --attach "$1" -p $$ >"$T/lout" 2>"$T/lerr" &
	_lp=$!
	if wait_attached $_lp "$T/lerr"; then
		for _i in 1 2 3 4 5; do
			: <"$TK_ROOT/tests/lib.sh"
			sleep 0.2
		done
		kill -INT $_lp
		wait $_lp
		got=$(jq -r '.rung' "$T/lout" 2>/dev/null | sort -u | tr '\n' ' ')
	else
		wait $_lp
	fi
}

# Each function rung: used when the kernel has it, named when it has not.
ladder_rung kprobe
if [ $has_kprobes = yes ]; then
	t_check "--attach kprobe: events come from the kprobe variant (got '$got')" [ "$got" = "kprobe " ]
else
	t_check "--attach kprobe: says kprobes are missing" \
		grep -q "laddercheck: cannot trace file_open: kprobe: kprobes are not available on this kernel" "$T/lerr"
fi
ladder_rung fentry
if [ "$got" = "fentry " ]; then
	t_ok "--attach fentry: events come from the fentry variant"
elif [ "${TK_EXPECT_FENTRY-}" = yes ]; then
	t_fail "--attach fentry: events come from the fentry variant (got '$got')" "$(cat "$T/lerr")"
else
	t_check "--attach fentry: says fentry is missing" \
		grep -q "laddercheck: cannot trace file_open: fentry: fentry/fexit programs are not available" "$T/lerr"
fi

# Forcing a rung: only that rung's variants are considered.
"$LADDER" --attach tracepoint -d 1 >"$T/out" 2>"$T/err"
t_check "--attach tracepoint: exit 1" [ $? = 1 ]
t_check "--attach tracepoint: only the tp_btf reason" \
	sh -c "grep -q 'tp_btf: tracepoint tk_no_such_tracepoint' '$T/err' && ! grep -q kprobe '$T/err'"

# A tool with no variant on the forced rung says so (the kernel matrix counts
# this as "not applicable").
"$TK_BIN/opensnoop" --attach fentry -d 1 >"$T/out" 2>"$T/err"
t_check "opensnoop --attach fentry: exit 1" [ $? = 1 ]
t_check "opensnoop --attach fentry: says it has no fentry variant" \
	grep -q "opensnoop: --attach fentry: this tool has no fentry variant of any probe (.*'sys_enter_openat'" "$T/err"

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
