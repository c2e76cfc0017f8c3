#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# biolatency end to end: known O_DIRECT I/O on a file-backed loop device must
# land in the loop disk's histogram, split by flags, in usecs and msecs, in
# JSON and in BCC's text layout; intervals and bad arguments.
. "$(dirname "$0")/../lib.sh"
t_need_root

NIO=200		# 4 KiB O_DIRECT requests per direction
LOOP=

bio_cleanup() {
	[ -n "$LOOP" ] && losetup -d "$LOOP" 2>/dev/null
	_t_cleanup
}
trap bio_cleanup EXIT

# A loop device is the one disk whose I/O this test controls.  losetup and a
# loop driver exist on every machine this test targets (root, Linux); if not,
# that is a broken machine, not a skip.
truncate -s 64M "$T/disk.img"
LOOP=$(losetup -f --show "$T/disk.img" 2>"$T/losetup.err")
if [ -z "$LOOP" ]; then
	t_fail "create a loop device" "$(cat "$T/losetup.err")"
	t_done
	exit 0
fi
DISK=${LOOP#/dev/}
command -v udevadm >/dev/null && udevadm settle 2>/dev/null

# NIO direct writes and NIO direct reads of 4 KiB on the loop device.
do_io() {
	dd if=/dev/zero of="$LOOP" bs=4k count=$NIO oflag=direct 2>"$T/dd.err" &&
		dd if="$LOOP" of=/dev/null bs=4k count=$NIO iflag=direct 2>>"$T/dd.err"
}

# Sum of the counts of the JSON histograms in FILE matching jq FILTER.
hist_total() {
	jq -s "[.[] | select(.type == \"hist\" and ($2)) | .buckets[].count] | add // 0" "$1"
}

# ---- -j -D: the loop disk's histogram holds every request -------------------
if tool_start biolatency -j -D && do_io; then
	tool_stop
	n=$(hist_total "$T/out" ".disk == \"$DISK\"")
	if [ "$TOOL_RC" = 0 ] && [ "$n" -ge $((2 * NIO)) ]; then
		t_ok "-j -D: $DISK histogram counts $n >= $((2 * NIO)) requests"
	else
		t_fail "-j -D: $DISK histogram counts every request" \
			"rc=$TOOL_RC count=$n; $(head -c 2000 "$T/out"; cat "$T/err" "$T/dd.err")"
	fi
	# the loop disk appears once, as one record with log2 buckets
	t_check "-j -D: one $DISK record with unit usecs and log2 bounds" \
		jq -se "[.[] | select(.disk == \"$DISK\")] | length == 1 and
			(.[0] | .unit == \"usecs\" and (.buckets | length > 0) and
			 all(.buckets[]; (.low == 0 and .high == 0) or
			     (.high == .low * 2 - 1 and .count >= 0)))" "$T/out"
else
	tool_stop
	t_fail "-j -D: start and make I/O" "$(cat "$T/err" "$T/dd.err" 2>/dev/null)"
fi

# ---- -j -F: reads and writes split by flags ----------------------------------
if tool_start biolatency -j -F && do_io; then
	tool_stop
	w=$(hist_total "$T/out" '.flags | test("(^|-)Write$")')
	r=$(hist_total "$T/out" '.flags | test("(^|-)Read$")')
	if [ "$TOOL_RC" = 0 ] && [ "$w" -ge $NIO ] && [ "$r" -ge $NIO ]; then
		t_ok "-j -F: Write histograms count $w, Read histograms count $r (>= $NIO each)"
	else
		t_fail "-j -F: Read and Write histograms" \
			"rc=$TOOL_RC write=$w read=$r; $(cat "$T/out" "$T/err")"
	fi
	t_check "-j -F: no disk key, every record has a flags name" \
		jq -se 'length > 0 and all(.[]; has("disk") | not) and
			all(.[]; .flags | test("^([A-Za-z]+-)*[A-Z][A-Za-z0-9]+$"))' "$T/out"
else
	tool_stop
	t_fail "-j -F: start and make I/O" "$(cat "$T/err" "$T/dd.err" 2>/dev/null)"
fi

# ---- text -D: BCC's layout -----------------------------------------------------
if tool_start biolatency -D && do_io; then
	tool_stop
	# the block after "disk = loopN": header, then rows from 0 -> 1 on
	awk -v d="disk = $DISK" '$0 == d { on = 1; next } on && /^$/ { exit } on' "$T/out" >"$T/block"
	if [ "$TOOL_RC" = 0 ] &&
	   [ "$(sed -n 1p "$T/block")" = "     usecs               : count     distribution" ] &&
	   sed -n 2p "$T/block" | grep -Eq '^         0 -> 1          : [0-9]+ +\|[* ]{40}\|$' &&
	   [ "$(sed 1d "$T/block" | grep -Evc '^ {0,9}[0-9]+ -> [0-9]+ +: [0-9]+ +\|[* ]{40}\|$')" = 0 ] &&
	   [ "$(sed 1d "$T/block" | awk '{ n += $5 } END { print n + 0 }')" -ge $((2 * NIO)) ]; then
		t_ok "text -D: 'disk = $DISK' then BCC's usecs header and rows"
	else
		t_fail "text -D: BCC layout" "rc=$TOOL_RC; $(cat "$T/out" "$T/err")"
	fi
else
	tool_stop
	t_fail "text -D: start and make I/O" "$(cat "$T/err" "$T/dd.err" 2>/dev/null)"
fi

# ---- -m: msecs ---------------------------------------------------------------
if tool_start biolatency -m -D -j && do_io; then
	tool_stop
	n=$(hist_total "$T/out" ".disk == \"$DISK\" and .unit == \"msecs\"")
	if [ "$TOOL_RC" = 0 ] && [ "$n" -ge $((2 * NIO)) ] &&
	   [ "$(jq_count "$T/out" '.unit != "msecs"')" = 0 ]; then
		t_ok "-m -j: unit msecs, $n requests on $DISK"
	else
		t_fail "-m -j: unit msecs" "rc=$TOOL_RC count=$n; $(cat "$T/out" "$T/err")"
	fi
else
	tool_stop
	t_fail "-m -j: start and make I/O" "$(cat "$T/err" "$T/dd.err" 2>/dev/null)"
fi
if tool_start biolatency -m && do_io; then
	tool_stop
	t_check "-m text: msecs header" grep -qx '     msecs               : count     distribution' "$T/out"
else
	tool_stop
	t_fail "-m text: start and make I/O" "$(cat "$T/err" 2>/dev/null)"
fi

# ---- -Q: from insert, same requests --------------------------------------------
if tool_start biolatency -Q -D -j && do_io; then
	tool_stop
	n=$(hist_total "$T/out" ".disk == \"$DISK\"")
	if [ "$TOOL_RC" = 0 ] && [ "$n" -ge $((2 * NIO)) ] && grep -q 'block_rq_insert=' "$T/err"; then
		t_ok "-Q: insert attached, $n requests on $DISK"
	else
		t_fail "-Q: queued latency" "rc=$TOOL_RC count=$n; $(cat "$T/out" "$T/err")"
	fi
else
	tool_stop
	t_fail "-Q: start and make I/O" "$(cat "$T/err" "$T/dd.err" 2>/dev/null)"
fi
if tool_start biolatency -j; then
	tool_stop
	t_check "without -Q block_rq_insert is not attached" \
		sh -c "grep -q 'block_rq_issue=' '$T/err' && ! grep -q 'block_rq_insert' '$T/err'"
else
	tool_stop
	t_fail "start without -Q" "$(cat "$T/err")"
fi

# ---- [interval [count]]: exactly COUNT intervals, then exit 0 by itself ----------
timeout 20 "$TK_BIN/biolatency" -T 1 2 >"$T/iv.out" 2>"$T/iv.err"
rc=$?
n=$(grep -Ec '^[0-9]{2}:[0-9]{2}:[0-9]{2} *$' "$T/iv.out")
if [ "$rc" = 0 ] && [ "$n" = 2 ]; then
	t_ok "-T 1 2: two timestamped intervals, exit 0"
else
	t_fail "-T 1 2: two intervals" "rc=$rc stamps=$n; $(cat "$T/iv.out" "$T/iv.err")"
fi
timeout 20 "$TK_BIN/biolatency" -j 1 2 >"$T/iv.out" 2>"$T/iv.err"
rc=$?
n=$(jq_count "$T/iv.out" '.type == "hist" and .unit == "usecs"')
if [ "$rc" = 0 ] && [ "$n" = 2 ] && [ "$(wc -l <"$T/iv.out" | tr -d ' ')" = 2 ]; then
	t_ok "-j 1 2: exactly two histogram records, exit 0"
else
	t_fail "-j 1 2: two records" "rc=$rc records=$n; $(cat "$T/iv.out" "$T/iv.err")"
fi

# ---- usage errors: exit 2 with a message that names the problem -----------------
bad() {
	desc=$1
	pattern=$2
	shift 2
	timeout 10 "$TK_BIN/biolatency" "$@" >"$T/bad.out" 2>"$T/bad.err"
	rc=$?
	if [ "$rc" = 2 ] && grep -Eq "$pattern" "$T/bad.err" && [ ! -s "$T/bad.out" ]; then
		t_ok "usage error: $desc"
	else
		t_fail "usage error: $desc" "rc=$rc; $(cat "$T/bad.out" "$T/bad.err")"
	fi
}
bad "interval 0" "invalid interval '0'" 0
bad "count -1" "invalid option -- '1'" 1 -1
bad "count -1 after --" "invalid count '-1'" -- 1 -1
bad "interval abc" "invalid interval 'abc'" abc
bad "too many positionals" "unexpected argument '3'" 1 2 3
bad "unknown option" "unrecognized option '--bogus'" --bogus
bad "-D with -F" "cannot be combined" -D -F
bad "-p is not offered" "invalid option -- 'p'" -p 1

t_done
