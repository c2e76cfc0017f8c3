#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# setuids end to end: every call of the family from a known sequence, with
# the ids before and after, the return values and a failure (EPERM), in JSON
# and in text; a hostile comm; -x; filters in and out; -T -e; bad input.
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=setuids
t_need_helpers setids

COMM=tksu$RND			# a copy of setids under a unique name
SETIDS=$T/$COMM
cp "$TK_HELPERS/setids" "$SETIDS"
chmod 755 "$SETIDS"
settle() { sleep 0.5; }
N=65534

# The sequence, run as root: each call's record is checked below.
SEQ="setresuid:-1,$N,-1 setuid:0 setreuid:-1,$N setreuid:-1,0 setgid:$N setregid:-1,0
setresgid:0,0,0 setfsuid:$N setfsgid:$N setresuid:$N,$N,$N setuid:0 setfsuid:0"

# run SEQ...: the copy runs the calls; its pid lands in $pid.
run() {
	"$SETIDS" "$@" >"$T/rets" &
	pid=$!
	wait "$pid"
}

# nth N: the Nth record (from 1) of $pid, without its time.
nth() {
	jq -c "select(.pid == $pid) | del(.time, .tid, .comm)" "$T/out" | sed -n "${1}p"
}

# want N CALL RET ARGS [a0 a1 a2] BEFORE(uid euid gid egid) AFTER(...)
# RET as the kernel returned it; JSON has ret -1 and err for -errno.
want() {
	_n=$1 _call=$2 _ret=$3 _args=$4 _a=$5 _b=$6 _c=$7 _after=$9
	set -- $8 $_after
	_ids="\"uid\":$1,\"new_uid\":$5,\"euid\":$2,\"new_euid\":$6"
	_ids="$_ids,\"gid\":$3,\"new_gid\":$7,\"egid\":$4,\"new_egid\":$8"
	_re="\"ret\":$_ret,\"err\":0"
	[ "$_ret" -lt 0 ] && _re="\"ret\":-1,\"err\":$((-_ret))"
	t_check "json: call $_n: $_call($_args) = $_ret" [ "$(nth "$_n")" = \
		"{\"pid\":$pid,$_ids,\"syscall\":\"$_call\",$_re,\"args\":\"$_args\",\"arg0\":$_a,\"arg1\":$_b,\"arg2\":$_c}" ]
}

H=$(printf 'a\nb\033c\377')	# a hostile name: newline, ESC, invalid UTF-8
cp "$SETIDS" "$T/$H"

# hostile: the copy with the hostile name calls setgid(0); its pid in $hp.
hostile() {
	"$T/$H" setgid:0 >/dev/null &
	hp=$!
	wait "$hp"
}

# ---- JSON: the exact record of each call; a hostile comm ----
if tool_start $TOOL -j; then
	# shellcheck disable=SC2086
	run $SEQ
	hostile
	settle
	tool_stop
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: every line is strict JSON" "$J" "$T/out"
	t_check "json: one record per call (12)" [ "$(jq_count "$T/out" ".pid == $pid")" = 12 ]
	t_check "json: the helper saw the same returns" [ "$(awk '{ printf "%s ", $2 }' "$T/rets")" = \
		"0 0 0 0 0 0 0 0 0 0 -1 $N " ]
	want 1 setresuid 0 "ruid=-1 euid=$N suid=-1" -1 $N -1 "0 0 0 0" "0 $N 0 0"
	want 2 setuid 0 "uid=0" 0 null null "0 $N 0 0" "0 0 0 0"
	want 3 setreuid 0 "ruid=-1 euid=$N" -1 $N null "0 0 0 0" "0 $N 0 0"
	want 4 setreuid 0 "ruid=-1 euid=0" -1 0 null "0 $N 0 0" "0 0 0 0"
	want 5 setgid 0 "gid=$N" $N null null "0 0 0 0" "0 0 $N $N"
	want 6 setregid 0 "rgid=-1 egid=0" -1 0 null "0 0 $N $N" "0 0 $N 0"
	want 7 setresgid 0 "rgid=0 egid=0 sgid=0" 0 0 0 "0 0 $N 0" "0 0 0 0"
	want 8 setfsuid 0 "fsuid=$N" $N null null "0 0 0 0" "0 0 0 0"
	want 9 setfsgid 0 "fsgid=$N" $N null null "0 0 0 0" "0 0 0 0"
	want 10 setresuid 0 "ruid=$N euid=$N suid=$N" $N $N $N "0 0 0 0" "$N $N 0 0"
	want 11 setuid -1 "uid=0" 0 null null "$N $N 0 0" "$N $N 0 0"
	want 12 setfsuid $N "fsuid=0" 0 null null "$N $N 0 0" "$N $N 0 0"
	t_check "json: the hostile comm round-trips byte for byte" \
		[ "$("$J" -c -w "pid=$hp" -w "comm=$H" "$T/out")" = 1 ]
	t_check "json: escaped as backslash-n, u001b, udcff" grep -qF '"comm":"a\nb\u001bc\udcff"' "$T/out"
else
	t_fail "json: setuids started" "$(cat "$T/err")"
fi

# ---- text: header and the exact lines; a hostile comm ----
if tool_start $TOOL; then
	run setresuid:-1,$N,-1 setresuid:$N,$N,$N setuid:0
	hostile
	settle
	tool_stop
	t_check "text: header" [ "$(head -n 1 "$T/out")" = \
		"PID     COMM             UID    NEW_UID SYSCALL   RET   ARGS" ]
	line() { printf '%-7s %-16s %-6s %-7s %-9s %-5s %s' "$pid" "$COMM" "$1" "$2" "$3" "$4" "$5"; }
	t_check "text: setresuid as root: UID stays 0" \
		grep -qxF "$(line 0 0 setresuid 0 "ruid=-1 euid=$N suid=-1")" "$T/out"
	t_check "text: setresuid to nobody: NEW_UID $N" \
		grep -qxF "$(line 0 $N setresuid 0 "ruid=$N euid=$N suid=$N")" "$T/out"
	t_check "text: setuid(0) as nobody fails: UID $N, NEW_UID $N, RET -1" \
		grep -qxF "$(line $N $N setuid -1 "uid=0")" "$T/out"
	t_check "text: the hostile comm escaped on one line" grep -qxF \
		"$(printf '%-7s %-16s %-6s %-7s %-9s %-5s %s' "$hp" 'a\nb\x1bc\xff' 0 0 setgid 0 gid=0)" "$T/out"
	t_check "text: no raw control byte on stdout" \
		[ "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -d '\040-\176' | wc -c)" = 0 ]
else
	t_fail "text: setuids started" "$(cat "$T/err")"
fi
# setresuid(-1,1000,-1) works (EUID 0 -> 1000); then, euid 1000, setresgid fails
# and changes nothing; setresuid(-1,0,-1) is allowed back (ruid 0).
U=1000
if tool_start $TOOL -T -e -n "$COMM"; then
	run setresuid:-1,$U,-1 setresgid:-1,$U,-1 setresuid:-1,0,-1
	settle
	tool_stop
	F='%-7s %-7s %-16s %-6s %-7s %-6s %-8s %-6s %-7s %-6s %-8s %-9s %-5s %s'
	t_check "text -T -e: header" [ "$(head -n 1 "$T/out")" = "$(printf "%-8s $F" \
		TIME PID TID COMM UID NEW_UID EUID NEW_EUID GID NEW_GID EGID NEW_EGID SYSCALL RET ARGS)" ]
	tline() {
		awk -v r="$(printf "$F" "$pid" "$pid" "$COMM" "$@")" \
		'$1 ~ /^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$/ && substr($0, 10) == r { f = 1 } END { exit !f }' "$T/out"
	}
	t_check "text -T -e: setresuid(-1,$U,-1): EUID 0 -> NEW_EUID $U" \
		tline 0 0 0 $U 0 0 0 0 setresuid 0 "ruid=-1 euid=$U suid=-1"
	t_check "text -T -e: the failed setresgid: every id unchanged, RET -1" \
		tline 0 0 $U $U 0 0 0 0 setresgid -1 "rgid=-1 egid=$U sgid=-1"
	t_check "text -T -e: setresuid(-1,0,-1): NEW_EUID 0" \
		tline 0 0 $U 0 0 0 0 0 setresuid 0 "ruid=-1 euid=0 suid=-1"
else
	t_fail "text -T -e: setuids started" "$(cat "$T/err")"
fi

# ---- -x: failures only (an error; setfsuid that changed nothing) ----
if tool_start $TOOL -j -x; then
	run setuid:0 setresuid:$N,$N,$N setuid:0 setfsuid:$N setfsuid:0
	settle
	tool_stop
	t_check "-x: the failed setuid and the setfsuid(0) that did nothing" \
		[ "$(jq -c "select(.pid == $pid) | [.syscall, .ret, .arg0]" "$T/out" | tr '\n' ' ')" = \
			"[\"setuid\",-1,0] [\"setfsuid\",$N,0] " ]
	t_check "-x: the failed setuid: ret -1, err 1 (EPERM), ids unchanged" \
		[ "$(jq -c "select(.pid == $pid and .syscall == \"setuid\") | [.ret, .err, .uid, .new_uid, .euid, .new_euid]" \
			"$T/out")" = "[-1,1,$N,$N,$N,$N]" ]
else
	t_fail "-x: setuids started" "$(cat "$T/err")"
fi

# ---- filters that include ----
if tool_start $TOOL -j -n "$COMM"; then
	run setuid:0
	"$TK_HELPERS/setids" setuid:0 >/dev/null
	settle
	tool_stop
	t_check "-n $COMM: its call is there" [ "$(jq_count "$T/out" ".pid == $pid")" = 1 ]
	t_check "-n $COMM: no other comm" [ "$(jq_count "$T/out" ".comm != \"$COMM\"")" = 0 ]
else
	t_fail "-n: setuids started" "$(cat "$T/err")"
fi
mkfifo "$T/go"
"$SETIDS" -w setgid:0 <"$T/go" >/dev/null &
opid=$!
if tool_start $TOOL -j -p "$opid"; then
	echo go >"$T/go"
	wait "$opid"
	run setgid:0
	settle
	tool_stop
	t_check "-p $opid: its call is there" [ "$(jq_count "$T/out" ".pid == $opid and .syscall == \"setgid\"")" = 1 ]
	t_check "-p $opid: nothing else" [ "$(jq_count "$T/out" ".pid != $opid")" = 0 ]
else
	t_fail "-p: setuids started" "$(cat "$T/err")"
	kill "$opid" 2>/dev/null
fi
if tool_start $TOOL -j -u $N -n "$COMM"; then
	run setresuid:$N,$N,$N setuid:$N
	settle
	tool_stop
	t_check "-u $N: the call made as $N only (uid is the caller's before the call)" \
		[ "$(jq -c '[.syscall, .uid]' "$T/out" | tr '\n' ' ')" = "[\"setuid\",$N] " ]
else
	t_fail "-u: setuids started" "$(cat "$T/err")"
fi

# ---- filters that exclude, all beside one unfiltered run ----
sleep 60 &
SLEEPER=$!
trap 'kill $SLEEPER 2>/dev/null; _t_cleanup' EXIT
set -- "-p $SLEEPER" "-n tk-nomatch" "-u 1" "-t $SLEEPER" "-x"
if multi_start $TOOL "" "$@"; then
	run setuid:0
	settle
	multi_stop
	t_check "the unfiltered run sees the call" [ "$(jq_count "$T/multi.0.out" ".pid == $pid")" = 1 ]
	i=1
	for filter in "$@"; do
		t_check "$filter: the filtered run does not" [ "$(jq_count "$T/multi.$i.out" ".pid == $pid")" = 0 ]
		i=$((i + 1))
	done
else
	t_fail "the filtered and unfiltered runs started" "$(cat "$T"/multi.*.err)"
	multi_stop
fi

# ---- bad input ----
"$TK_BIN/$TOOL" -s 1 >"$T/o" 2>"$T/e"
t_cond "-s (not a setuids option): exit 2" '[ $? = 2 ] && [ ! -s "$T/o" ] && grep -q "^$TOOL: .*'\''s'\''" "$T/e"'
"$TK_BIN/$TOOL" 5 >"$T/o" 2>"$T/e"
t_cond "a positional argument: exit 2" '[ $? = 2 ] && grep -q "^$TOOL: .*'\''5'\''" "$T/e"'
t_done
