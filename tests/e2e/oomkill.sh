#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# oomkill end to end: real OOM kills inside a 32 MiB memory cgroup of this
# test's own.  A victim holds 24 MiB, a trigger then grows until the cgroup
# runs out and the kernel kills the victim: the exact record in JSON and in
# text (trigger and victim apart); a hog that kills itself (BCC's usual
# case); -p and -n include and exclude; -e; bad input.  The hogs allocate
# 64 MiB at most and an alarm ends them after 30 s, so even a cgroup that
# failed to limit them could not hurt the machine; the cgroup is removed on
# every exit path.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=oomkill
t_need_helpers memhog
VCOMM=tkov$RND		# the victim
GCOMM=tkot$RND		# the trigger
cp "$TK_HELPERS/memhog" "$T/$VCOMM"
cp "$TK_HELPERS/memhog" "$T/$GCOMM"
LIMIT=$((32 * 1024 * 1024))

# ---- the memory cgroup: v1 (hybrid hierarchies) or v2 ----
CG=
if [ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
	CG=/sys/fs/cgroup/memory/tk-oomkill-$RND
	mkdir "$CG" && echo $LIMIT >"$CG/memory.limit_in_bytes" &&
		{ [ ! -f "$CG/memory.memsw.limit_in_bytes" ] ||
		  echo $LIMIT >"$CG/memory.memsw.limit_in_bytes"; } 2>"$T/cg.err" || CG_BAD=1
elif grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
	CG=/sys/fs/cgroup/tk-oomkill-$RND
	grep -qw memory /sys/fs/cgroup/cgroup.subtree_control ||
		echo +memory >/sys/fs/cgroup/cgroup.subtree_control
	mkdir "$CG" && echo $LIMIT >"$CG/memory.max" &&
		{ [ ! -f "$CG/memory.swap.max" ] || echo 0 >"$CG/memory.swap.max"; } 2>"$T/cg.err" || CG_BAD=1
else
	CG_BAD=1
fi

REF_PID=
cg_cleanup() {
	[ -n "$REF_PID" ] && kill -9 "$REF_PID" 2>/dev/null
	if [ -n "$CG" ] && [ -d "$CG" ]; then
		for p in $(cat "$CG/cgroup.procs" 2>/dev/null); do
			kill -9 "$p" 2>/dev/null
		done
		_i=0
		while ! rmdir "$CG" 2>/dev/null && [ $_i -lt 50 ]; do
			sleep 0.1
			_i=$((_i + 1))
		done
	fi
	_t_cleanup
}
trap cg_cleanup EXIT

if [ -n "${CG_BAD-}" ]; then
	t_fail "a memory cgroup with a $LIMIT byte limit" \
		"neither cgroup v1 memory nor a v2 memory controller works: $(cat "$T/cg.err" 2>/dev/null)"
	t_done
	exit 0
fi

# incg NAME ARGS...: runs memhog as NAME inside the cgroup, output in $T/NAME.out
incg() {
	_n=$1
	shift
	sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$CG" "$T/$_n" "$@" >"$T/$_n.out" 2>&1
}
# wait_out FILE PATTERN: up to 10 s for PATTERN in FILE
wait_out() {
	_i=0
	until grep -q "$2" "$1" 2>/dev/null || [ $_i -ge 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
}

# kill_apart: the victim holds 24 MiB, the trigger (held at a gate until
# go_trigger) grows to 16 MiB in 1 MiB steps: past 32 MiB the kernel kills
# the larger, the victim.  Sets vpid, gpid; vrc is the victim's exit status.
start_apart() {
	# no stale output of an earlier run for wait_out to find
	rm -f "$T/gate" "$T/$VCOMM.out" "$T/$GCOMM.out"
	mkfifo "$T/gate"
	incg "$VCOMM" 24 0 20 &
	vjob=$!
	wait_out "$T/$VCOMM.out" done
	vpid=$(sed -n 1p "$T/$VCOMM.out")
	incg "$GCOMM" 16 10 0 "$T/gate" &
	gjob=$!
	wait_out "$T/$GCOMM.out" '^[0-9]'
	gpid=$(sed -n 1p "$T/$GCOMM.out")
}
go_trigger() {
	: >"$T/gate"
	wait "$gjob"
	grc=$?
	wait "$vjob"
	vrc=$?
	sleep 0.3
}


PAGESIZE=$(getconf PAGESIZE)
# What this kernel gives: the victim's comm and sizes in the tracepoint
# (2024+), BCC's total pages (and the comm) from oom_kill_process where
# fentry or kprobes work.  Known once a tool has attached (and mounted tracefs).
features() {
	fmt=/sys/kernel/tracing/events/oom/mark_victim/format
	grep -q total_vm "$fmt" && HAS_MEM=true || HAS_MEM=false
	grep -q 'comm;' "$fmt" && HAS_COMM=true || HAS_COMM=false
	grep -q 'oom_kill_process=' "$1" && HAS_TOTAL=true || HAS_TOTAL=false
	$HAS_TOTAL && HAS_COMM=true
}

# ---- JSON and text of the same kill: trigger and victim apart ----
start_apart
if tool_start $TOOL -j && ref_start; then
	go_trigger
	# a lone record is printed while the tool runs, not only at its exit
	live=0
	while [ $live -lt 30 ] && ! grep -q "\"pid\":$vpid," "$T/out"; do
		sleep 0.1
		live=$((live + 1))
	done
	tool_stop
	ref_stop
	t_check "json: the kill was printed within 3 s, before oomkill stopped" [ $live -lt 30 ]
	features "$T/err"
	t_ok "this kernel: victim sizes $HAS_MEM, victim comm $HAS_COMM, total pages $HAS_TOTAL"
	# the trigger may be the next victim on a small machine (a 1 GiB guest)
	t_cond "the kernel killed the victim (status $vrc = SIGKILL), the trigger ended ($grc)" '[ "$vrc" = 137 ] && { [ "$grc" = 0 ] || [ "$grc" = 137 ]; }'
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: every line is strict JSON" "$J" "$T/out"
	t_check "json: exactly one kill of victim pid $vpid" [ "$("$J" -c -w "pid=$vpid" "$T/out")" = 1 ]
	t_check "json: trigger $gpid $GCOMM, time and loads are numbers" \
		jq -se "[.[] | select(.pid == $vpid)] | length == 1 and (.[0] |
			.tpid == $gpid and .ttid == $gpid and .tcomm == \"$GCOMM\" and
			(.time | type) == \"number\" and
			(.load_1m | type) == \"number\" and (.load_15m | type) == \"number\")" "$T/out"
	if $HAS_COMM; then
		want=".comm == \"$VCOMM\""
	else
		want='.comm == null'
	fi
	t_check "json: victim comm: $want" jq -se "[.[] | select(.pid == $vpid and $want)] | length == 1" "$T/out"
	if $HAS_MEM; then
		want=".rss_pages >= $((24 * 1048576 / PAGESIZE)) and .anon_rss_kb >= 24576 and .uid == 0"
		want="$want and .oom_score_adj == 0 and .total_vm_kb >= .anon_rss_kb and .pgtables_kb > 0"
	else
		want='.rss_pages == null and .anon_rss_kb == null and .uid == null'
	fi
	t_check "json: victim memory: $want" jq -se "[.[] | select(.pid == $vpid and $want)] | length == 1" "$T/out"
	if $HAS_TOTAL; then
		want=".total_pages == $((LIMIT / PAGESIZE))"
	else
		want='.total_pages == null'
	fi
	t_check "json: $want" jq -se "[.[] | select(.pid == $vpid and $want)] | length == 1" "$T/out"
	t_check "json: every key present, in order" \
		jq -se "[.[] | select(.pid == $vpid) | keys_unsorted] == [[\"time\",\"tpid\",\"ttid\",
			\"tcomm\",\"pid\",\"comm\",\"rss_pages\",\"uid\",\"oom_score_adj\",\"total_vm_kb\",
			\"anon_rss_kb\",\"file_rss_kb\",\"shmem_rss_kb\",\"pgtables_kb\",\"total_pages\",
			\"load_1m\",\"load_5m\",\"load_15m\"]]" "$T/out"
	t_check "text: header" [ "$(head -n 1 "$T/ref.out")" = \
		"$(printf '%-8s %-6s %-16s %-6s %-16s %9s %s' TIME TPID TCOMM PID COMM RSS_PAGES LOADAVG)" ]
	pages=$(jq -r "select(.pid == $vpid) | .rss_pages // \"-\"" "$T/out")
	vcomm=$VCOMM
	$HAS_COMM || vcomm=-
	rest=$(printf '%-6s %-16s %-6s %-16s %9s' "$gpid" "$GCOMM" "$vpid" "$vcomm" "$pages")
	t_check "text: the exact line (TIME TPID TCOMM PID COMM RSS_PAGES LOADAVG)" \
		awk -v r="$rest" 'substr($0, 10, length(r)) == r && $1 ~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]$/ &&
			substr($0, 10 + length(r)) ~ /^ [0-9]+\.[0-9][0-9] [0-9]+\.[0-9][0-9] [0-9]+\.[0-9][0-9]$/ { f = 1 }
			END { exit !f }' "$T/ref.out"
else
	t_fail "json and text: two oomkills started" "$(cat "$T/err" "$T/ref.err")"
	[ -n "$REF_PID" ] && ref_stop
	tool_stop
	go_trigger
fi

# ---- a hog that triggers its own kill, with -e ----
if tool_start $TOOL -e; then
	incg "$VCOMM" 64 0 0
	rc=$?
	sleep 0.3
	tool_stop
	vpid=$(sed -n 1p "$T/$VCOMM.out")
	t_check "self-kill: the hog was killed (status $rc)" [ "$rc" = 137 ]
	t_check "self-kill -e: header" [ "$(head -n 1 "$T/out")" = "$(printf '%-8s %-6s %-6s %-16s %-6s %-16s %9s %6s %5s %9s %9s %9s %9s %9s %9s %s' \
		TIME TPID TTID TCOMM PID COMM RSS_PAGES UID ADJ VM_KB ANON_KB FILE_KB SHMEM_KB PGTBL_KB TOTALPG \
		LOADAVG)" ]
	t_check "self-kill -e: trigger = victim = $vpid $VCOMM" \
		awk -v p="$vpid" -v c="$VCOMM" -v hc="$HAS_COMM" '$2 == p && $3 == p && $4 == c && $5 == p &&
			$6 == (hc == "true" ? c : "-") { f = 1 } END { exit !f }' "$T/out"
	if $HAS_MEM; then
		t_check "self-kill -e: uid 0, adj 0, anon >= 28 MiB" \
			awk -v p="$vpid" '$5 == p && $8 == 0 && $9 == 0 && $11 >= 28672 { f = 1 } END { exit !f }' \
				"$T/out"
	fi
	t_check "self-kill -e: TOTALPG $HAS_TOTAL" \
		awk -v p="$vpid" -v t="$HAS_TOTAL" -v n=$((LIMIT / PAGESIZE)) \
			'$5 == p && $15 == (t == "true" ? n : "-") { f = 1 } END { exit !f }' "$T/out"
else
	t_fail "self-kill: oomkill started" "$(cat "$T/err")"
fi

# ---- a hostile comm (newline, ESC, invalid UTF-8): escaped in text, exact in JSON ----
HCOMM=$(printf 'ov\nb\033[31m\377c')
cp "$TK_HELPERS/memhog" "$T/$HCOMM"
if tool_start $TOOL -j && ref_start; then
	incg "$HCOMM" 64 0 0
	sleep 0.3
	tool_stop
	ref_stop
	hpid=$(sed -n 1p "$T/$HCOMM.out")
	hesc='ov\nb\x1b[31m\xffc'
	if $HAS_COMM; then
		t_check "hostile comm: valid JSON, victim and trigger comm decoded byte for byte" \
			[ "$("$J" -c -w "pid=$hpid" -w "comm=$HCOMM" -w "tcomm=$HCOMM" "$T/out")" = 1 ]
		vesc=$hesc
	else
		t_check "hostile comm: valid JSON, trigger comm decoded byte for byte" \
			[ "$("$J" -c -w "pid=$hpid" -w "tcomm=$HCOMM" "$T/out")" = 1 ]
		vesc=-
	fi
	t_check "hostile comm: escaped in text" \
		sh -c 'grep -qF "$1" "$2" || { head -n 5 "$2"; exit 1; }' - \
		"$(printf '%-6s %-16s %-6s %-16s' "$hpid" "$hesc" "$hpid" "$vesc")" "$T/ref.out"
	t_check "hostile comm: no raw ESC in text" sh -c "! grep -q \"\$(printf '\033')\" '$T/ref.out'"
else
	t_fail "hostile comm: two oomkills started" "$(cat "$T/err" "$T/ref.err")"
	[ -n "$REF_PID" ] && ref_stop
	tool_stop
fi

# ---- filters on the trigger: -p and -n include, -p excludes ----
start_apart
if tool_start $TOOL -j -p "$gpid"; then
	go_trigger
	tool_stop
	t_check "-p $gpid (the trigger): the kill is there" \
		[ "$("$J" -c -w "pid=$vpid" -w "tpid=$gpid" "$T/out")" = 1 ]
	t_check "-p $gpid: no other trigger" [ "$(jq_count "$T/out" ".tpid != $gpid")" = 0 ]
else
	t_fail "-p: oomkill started" "$(cat "$T/err")"
	go_trigger
fi
start_apart
if ref_start -j && tool_start $TOOL -j -p "$vpid"; then
	go_trigger
	tool_stop
	ref_stop
	t_check "-p $vpid (the victim, not the trigger): the unfiltered run sees the kill" \
		[ "$("$J" -c -w "pid=$vpid" "$T/ref.out")" = 1 ]
	t_check "-p $vpid: the filtered run does not" [ "$("$J" -c -w "pid=$vpid" "$T/out")" = 0 ]
else
	t_fail "-p victim: two oomkills started" "$(cat "$T/err" "$T/ref.err")"
	[ -n "$REF_PID" ] && ref_stop
	tool_stop
	go_trigger
fi
start_apart
if ref_start -j && tool_start $TOOL -j -n "$GCOMM"; then
	go_trigger
	tool_stop
	ref_stop
	t_check "-n $GCOMM: the kill is there" [ "$("$J" -c -w "pid=$vpid" -w "tcomm=$GCOMM" "$T/out")" = 1 ]
	t_check "-n $GCOMM: nothing else" [ "$(jq_count "$T/out" ".tcomm != \"$GCOMM\"")" = 0 ]
else
	t_fail "-n: two oomkills started" "$(cat "$T/err" "$T/ref.err")"
	[ -n "$REF_PID" ] && ref_stop
	tool_stop
	go_trigger
fi

# ---- -d 1 ends by itself, header only ----
timeout 20 "$TK_BIN/$TOOL" -d 1 -n tk-nomatch >"$T/d.out" 2>"$T/d.err"
rc=$?
t_cond "-d 1: exit 0 with the header alone" '[ "$rc" = 0 ] && [ "$(wc -l <"$T/d.out")" = 1 ]'

# ---- usage errors: exit 2 with a message that names the problem ----
t_usage "a positional argument" "unexpected argument '1'" 1
t_usage "unknown option" "unrecognized option '--bogus'" --bogus
t_usage "-p 0" "invalid" -p 0
t_usage "-d abc" "invalid" -d abc
t_usage "-T is not offered" "invalid option -- 'T'" -T

t_done
