#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# killsnoop (sigsnoop run under its argv[0] alias) end to end: BCC's killsnoop
# columns (TIME always), the exact records of a kill and a failed kill in
# JSON (ret/err) and text, -x, -s, --signal-name, --target-pid, an EPERM from
# another user, filters in and out, sigsnoop's own options and -T refused.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=killsnoop
t_need_helpers sigsend
t_check "killsnoop is a symlink to sigsnoop" [ "$(readlink "$TK_BIN/$TOOL")" = sigsnoop ]

chmod 711 "$T"
COMM=tkks$RND			# the sender: a copy of sigsend under a unique name
SEND=$T/$COMM
cp "$TK_HELPERS/sigsend" "$SEND"
chmod 755 "$SEND"
settle() { sleep 0.5; }
NOPID=4194303
while [ -e /proc/$NOPID ]; do NOPID=$((NOPID - 1)); done

sleep 60 &
TARGET=$!
trap 'kill $TARGET 2>/dev/null; _t_cleanup' EXIT

# send CALL SIG PID [TID]: $spid is the sender, $sret what the call returned.
send() {
	"$SEND" "$@" >"$T/ret" &
	spid=$!
	wait "$spid"
	sret=$(cat "$T/ret")
}

# timed LINE: $T/out has a line of an HH:MM:SS time, a space and LINE
# (through the environment: awk -v would expand LINE's backslashes).
timed() {
	R=$1 awk '$1 ~ /^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$/ && substr($0, 10) == ENVIRON["R"] { f = 1 }
		END { exit !f }' "$T/out"
}

# ---- JSON: a kill that works and one that fails ----
if tool_start $TOOL -j; then
	send kill 0 "$TARGET"
	p_ok=$spid
	send kill 9 "$NOPID"
	p_fail=$spid
	settle
	tool_stop
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: every line is strict JSON" "$J" "$T/out"
	t_check "json: kill(target, 0): the exact record" \
		[ "$(jq -c "select(.pid == $p_ok) | del(.time)" "$T/out")" = \
		"{\"pid\":$p_ok,\"tid\":$p_ok,\"uid\":0,\"comm\":\"$COMM\",\"sig\":0,\"sig_name\":null,\"tpid\":$TARGET,\"tcomm\":null,\"event\":\"kill\",\"code\":null,\"group\":null,\"result\":null,\"ret\":0,\"err\":0}" ]
	t_check "json: kill of a missing pid: SIGKILL, ret -1, err 3 (ESRCH)" \
		[ "$(jq -c "select(.pid == $p_fail) | [.sig, .sig_name, .tpid, .event, .ret, .err]" "$T/out")" = \
		"[9,\"SIGKILL\",$NOPID,\"kill\",-1,3]" ]
	t_check "json: only system calls (no signal generation)" \
		[ "$(jq_count "$T/out" '.event == "generate" or .event == "deliver"')" = 0 ]
else
	t_fail "json: killsnoop started" "$(cat "$T/err")"
fi

# ---- text: BCC's columns ----
if tool_start $TOOL; then
	send tgkill 0 "$TARGET" "$TARGET"
	p_ok=$spid
	send tkill 15 "$NOPID"
	p_fail=$spid
	settle
	tool_stop
	t_check "text: header TIME PID COMM SIG TPID RESULT" \
		[ "$(head -n 1 "$T/out")" = "TIME     PID     COMM             SIG  TPID    RESULT" ]
	t_check "text: the tgkill line, HH:MM:SS, RESULT 0" \
		timed "$(printf '%-7s %-16s %-4s %-7s %s' "$p_ok" "$COMM" 0 "$TARGET" 0)"
	t_check "text: the failed tkill line, RESULT -3 (raw, as BCC)" \
		timed "$(printf '%-7s %-16s %-4s %-7s %s' "$p_fail" "$COMM" 15 "$NOPID" -3)"
	t_check "text: TIME is the local time of day (within 10 s)" awk -v now="$(date +%T)" '
		BEGIN { split(now, t, ":"); n = t[1] * 3600 + t[2] * 60 + t[3] }
		NR > 1 { split($1, t, ":"); d = n - (t[1] * 3600 + t[2] * 60 + t[3])
			 if (d < 0) d = -d
			 if (d > 10 && d < 86390) bad = 1; seen = 1 }
		END { exit bad || !seen }' "$T/out"
else
	t_fail "text: killsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL --signal-name -n "$COMM"; then
	send kill 15 "$NOPID"
	settle
	tool_stop
	t_check "text --signal-name: SIGTERM" timed "$(printf '%-7s %-16s %-11s %-7s %s' \
		"$spid" "$COMM" SIGTERM "$NOPID" -3)"
else
	t_fail "text --signal-name: killsnoop started" "$(cat "$T/err")"
fi

# ---- --target-pid (BCC's -T), in BPF: includes and excludes ----
if tool_start $TOOL -j -n "$COMM" --target-pid "$TARGET"; then
	send kill 0 "$NOPID"
	send kill 0 "$TARGET"
	p_in=$spid
	send tgkill 0 "$NOPID" "$TARGET"
	p_tg=$spid
	settle
	tool_stop
	t_check "--target-pid $TARGET: the kill and the tgkill aimed at it only" \
		[ "$(jq -c '[.pid, .event, .tpid]' "$T/out" | tr '\n' ' ')" = \
			"[$p_in,\"kill\",$TARGET] [$p_tg,\"tgkill\",$TARGET] " ]
else
	t_fail "--target-pid: killsnoop started" "$(cat "$T/err")"
fi

# ---- -x and -s, in BPF ----
if tool_start $TOOL -j -x -n "$COMM"; then
	send kill 0 "$TARGET"
	send kill 0 "$NOPID"
	p_fail=$spid
	settle
	tool_stop
	t_check "-x: the failed call only" [ "$(jq -c '[.pid, .ret, .err]' "$T/out" | tr '\n' ' ')" = "[$p_fail,-1,3] " ]
else
	t_fail "-x: killsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -s HUP -n "$COMM"; then
	send kill 0 "$TARGET"
	send kill 1 "$NOPID"
	p_hup=$spid
	settle
	tool_stop
	t_check "-s HUP: SIGHUP only" [ "$(jq -c '[.pid, .sig]' "$T/out" | tr '\n' ' ')" = "[$p_hup,1] " ]
else
	t_fail "-s: killsnoop started" "$(cat "$T/err")"
fi

# real-time signals by name: SIGRTMIN+1 is the C library's SIGRTMIN + 1
rt=$("$SEND" rtmin)
if tool_start $TOOL -j -s RTMIN+1 -n "$COMM"; then
	send kill $rt "$NOPID"
	send kill $((rt + 1)) "$NOPID"
	p_rt=$spid
	send kill $((rt + 2)) "$NOPID"
	settle
	tool_stop
	t_check "-s RTMIN+1: signal $((rt + 1)) only, named SIGRTMIN+1" \
		[ "$(jq -c '[.pid, .sig, .sig_name]' "$T/out" | tr '\n' ' ')" = "[$p_rt,$((rt + 1)),\"SIGRTMIN+1\"] " ]
else
	t_fail "-s RTMIN+1: killsnoop started" "$(cat "$T/err")"
fi

# ---- another user: EPERM, and -u includes it ----
if tool_start $TOOL -j -u nobody; then
	setpriv --reuid=65534 --regid=65534 --clear-groups "$SEND" kill 15 "$TARGET" >"$T/ret.nobody"
	send kill 0 "$TARGET"
	settle
	tool_stop
	t_check "-u nobody: nobody's kill of root's process: uid 65534, ret -1, err 1 (EPERM)" \
		[ "$(jq -c '[.uid, .comm, .sig, .tpid, .ret, .err]' "$T/out")" = "[65534,\"$COMM\",15,$TARGET,-1,1]" ]
	t_check "-u nobody: the call really failed with EPERM" [ "$(cat "$T/ret.nobody")" = -1 ]
	t_check "-u nobody: root's call is not there" [ "$(jq_count "$T/out" ".uid != 65534")" = 0 ]
else
	t_fail "-u: killsnoop started" "$(cat "$T/err")"
fi

# ---- filters that exclude, all beside one unfiltered run ----
set -- "-p $TARGET" "-n tk-nomatch" "-u 65534" "-s USR1" "--target-pid $NOPID"
if multi_start $TOOL "" "$@"; then
	send kill 0 "$TARGET"
	settle
	multi_stop
	t_check "the unfiltered run sees the call" [ "$(jq_count "$T/multi.0.out" ".pid == $spid and .event == \"kill\"")" = 1 ]
	i=1
	for filter in "$@"; do
		t_check "$filter: the filtered run does not" [ "$(jq_count "$T/multi.$i.out" ".pid == $spid")" = 0 ]
		i=$((i + 1))
	done
else
	t_fail "the filtered and unfiltered runs started" "$(cat "$T"/multi.*.err)"
	multi_stop
fi

# ---- sigsnoop's own options are not killsnoop's; bad signals ----
for opt in -k --kill --delivered -T --timestamp; do
	"$TK_BIN/$TOOL" $opt >"$T/o" 2>"$T/e"
	t_cond "$opt: not a killsnoop option (exit 2, named)" '[ $? = 2 ] && [ ! -s "$T/o" ] && grep -q "^$TOOL: .*$(echo "$opt" | sed '\''s/^-*//'\'')" "$T/e"'
done
for bad in KIL 99 SIG; do
	"$TK_BIN/$TOOL" -s "$bad" >"$T/o" 2>"$T/e"
	t_cond "-s '$bad': exit 2, a message naming it" '[ $? = 2 ] && grep -q "^$TOOL: .*'\''$bad'\''" "$T/e"'
done
for bad in 0 -5 abc 4194305 ''; do
	"$TK_BIN/$TOOL" --target-pid "$bad" >"$T/o" 2>"$T/e"
	t_cond "--target-pid '$bad': exit 2, a message naming it" '[ $? = 2 ] && [ ! -s "$T/o" ] && grep -q "^$TOOL: .*target-pid" "$T/e"'
done
"$TK_BIN/$TOOL" --version >"$T/o"
t_check "--version names killsnoop" grep -q '^killsnoop (tracekit)' "$T/o"
t_done
