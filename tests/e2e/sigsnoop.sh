#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# sigsnoop end to end: the exact records of signals generated (delivered
# and ignored, by kill and tgkill) in JSON and text, --signal-name, -s, -x,
# -k with every kill-family call and a failure (JSON ret/err), --delivered,
# --target-pid, filters in and out, hostile command names, bad input (-T
# included: TIME is always shown).
. "$(dirname "$0")/../lib.sh"
t_need_root

TOOL=sigsnoop
t_need_helpers sigsend

chmod 711 "$T"
COMM=tkss$RND			# the sender: a copy of sigsend under a unique name
SEND=$T/$COMM
cp "$TK_HELPERS/sigsend" "$SEND"
TCOMM=tktg$RND			# the target: a copy of sh under a unique name
TSH=$T/$TCOMM
cp /bin/sh "$TSH"
chmod 755 "$SEND" "$TSH"
settle() { sleep 0.5; }

# The target ignores SIGUSR2, catches SIGUSR1 and takes SIGCONT's default.
"$TSH" -c 'trap "" USR2; trap ": caught" USR1; echo $$ >"$0"; while :; do sleep 0.1; done' \
	"$T/tpid" &
TARGET=$!
while [ "$(cat "$T/tpid" 2>/dev/null)" != "$TARGET" ]; do sleep 0.05; done
SLEEPER=
trap 'kill $TARGET $SLEEPER 2>/dev/null; _t_cleanup' EXIT

# send CALL SIG PID [TID]: the sender makes the call; its pid lands in
# $spid, what the call returned in $sret.
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

# rec PID SIG: the record of PID sending SIG, without its time, from $T/out.
rec() {
	jq -c "select(.pid == $1 and .sig == $2) | del(.time)" "$T/out"
}

# ---- JSON: kill() of a caught and an ignored signal, tgkill() ----
if tool_start $TOOL -j; then
	send kill 10 "$TARGET"
	p_usr1=$spid
	send kill 12 "$TARGET"
	p_usr2=$spid
	send tgkill 10 "$TARGET" "$TARGET"
	p_tg=$spid
	settle
	tool_stop
	t_check "json: exit 0 on SIGINT" [ "$TOOL_RC" = 0 ]
	t_check "json: every line is strict JSON" "$J" "$T/out"
	t_check "json: kill SIGUSR1: the exact record (delivered, group, SI_USER)" [ "$(rec "$p_usr1" 10)" = \
		"{\"pid\":$p_usr1,\"tid\":$p_usr1,\"uid\":0,\"comm\":\"$COMM\",\"sig\":10,\"sig_name\":\"SIGUSR1\",\"tpid\":$TARGET,\"tcomm\":\"$TCOMM\",\"event\":\"generate\",\"code\":0,\"group\":true,\"result\":\"delivered\",\"ret\":null,\"err\":null}" ]
	t_check "json: kill SIGUSR2 to a process ignoring it: result ignored" \
		[ "$(rec "$p_usr2" 12 | jq -c '[.tpid, .sig_name, .result]')" = "[$TARGET,\"SIGUSR2\",\"ignored\"]" ]
	t_check "json: tgkill SIGUSR1: one thread (group false), SI_TKILL (-6)" \
		[ "$(rec "$p_tg" 10 | jq -c '[.tpid, .sig_name, .group, .code, .result]')" = \
			"[$TARGET,\"SIGUSR1\",false,-6,\"delivered\"]" ]
	t_check "json: one record per signal sent to the target" \
		[ "$(jq_count "$T/out" ".comm == \"$COMM\" and .tpid == $TARGET")" = 3 ]
	# each sender's exit sends SIGCHLD to its parent, this shell: the
	# exiting sender is the sender of that
	t_check "json: the sender's exit: SIGCHLD to its parent, CLD_EXITED (1)" \
		[ "$(rec "$p_tg" 17 | jq -c '[.tpid, .comm, .code, .result]')" = "[$$,\"$COMM\",1,\"delivered\"]" ]
	t_check "json: no delivery records without --delivered" [ "$(jq_count "$T/out" '.event != "generate"')" = 0 ]
else
	t_fail "json: sigsnoop started" "$(cat "$T/err")"
fi

# ---- text: header and the exact lines; --signal-name; -e ----
if tool_start $TOOL; then
	send kill 10 "$TARGET"
	p_usr1=$spid
	send kill 12 "$TARGET"
	p_usr2=$spid
	settle
	tool_stop
	t_check "text: header TIME PID COMM SIG TPID RESULT" \
		[ "$(head -n 1 "$T/out")" = "TIME     PID     COMM             SIG  TPID    RESULT" ]
	t_check "text: the SIGUSR1 line, HH:MM:SS" \
		timed "$(printf '%-7s %-16s %-4s %-7s %s' "$p_usr1" "$COMM" 10 "$TARGET" delivered)"
	t_check "text: the SIGUSR2 line" \
		timed "$(printf '%-7s %-16s %-4s %-7s %s' "$p_usr2" "$COMM" 12 "$TARGET" ignored)"
else
	t_fail "text: sigsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL --signal-name -e -n "$COMM"; then
	send kill 10 "$TARGET"
	settle
	tool_stop
	t_check "text --signal-name -e: header" [ "$(head -n 1 "$T/out")" = \
		"$(printf '%-8s %-7s %-7s %-16s %-11s %-7s %-16s %-17s %s' TIME PID TID COMM SIG TPID TCOMM EVENT RESULT)" ]
	t_check "text --signal-name -e: the line" timed "$(printf '%-7s %-7s %-16s %-11s %-7s %-16s %-17s %s' \
		"$spid" "$spid" "$COMM" SIGUSR1 "$TARGET" "$TCOMM" generate delivered)"
else
	t_fail "text --signal-name: sigsnoop started" "$(cat "$T/err")"
fi

# ---- -s and -x, in BPF ----
for s in USR2 SIGUSR2 usr2 12; do
	if tool_start $TOOL -j -n "$COMM" -s "$s"; then
		send kill 10 "$TARGET"
		send kill 12 "$TARGET"
		settle
		tool_stop
		t_check "-s $s: SIGUSR2 only" [ "$(jq -c '.sig' "$T/out" | tr '\n' ' ')" = "12 " ]
	else
		t_fail "-s $s: sigsnoop started" "$(cat "$T/err")"
	fi
done
if tool_start $TOOL -j -x -n "$COMM"; then
	send kill 10 "$TARGET"
	send kill 12 "$TARGET"
	p_usr2=$spid
	settle
	tool_stop
	t_check "-x: only the ignored SIGUSR2" [ "$(jq -c '[.pid, .sig, .result]' "$T/out" | tr '\n' ' ')" = \
		"[$p_usr2,12,\"ignored\"] " ]
else
	t_fail "-x: sigsnoop started" "$(cat "$T/err")"
fi

# ---- -k: every kill-family call, a failure, -k -x ----
NOPID=4194303
while [ -e /proc/$NOPID ]; do NOPID=$((NOPID - 1)); done
if tool_start $TOOL -j -k -n "$COMM"; then
	: >"$T/calls"
	for call in kill tkill tgkill rt_sigqueueinfo rt_tgsigqueueinfo; do
		send "$call" 0 "$TARGET"
		echo "$call $spid $sret" >>"$T/calls"
	done
	send kill 0 "$NOPID"
	p_fail=$spid
	settle
	tool_stop
	while read -r call p r; do
		t_check "-k: $call: the exact record (ret $r)" [ "$(rec "$p" 0)" = \
			"{\"pid\":$p,\"tid\":$p,\"uid\":0,\"comm\":\"$COMM\",\"sig\":0,\"sig_name\":null,\"tpid\":$TARGET,\"tcomm\":null,\"event\":\"$call\",\"code\":null,\"group\":null,\"result\":null,\"ret\":0,\"err\":0}" ]
	done <"$T/calls"
	t_check "-k: kill of a missing pid: ret -1, err 3 (ESRCH)" \
		[ "$(rec "$p_fail" 0 | jq -c '[.event, .tpid, .ret, .err]')" = "[\"kill\",$NOPID,-1,3]" ]
	t_check "-k: no generate records" [ "$(jq_count "$T/out" '.event == "generate"')" = 0 ]
else
	t_fail "-k: sigsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -k -x -n "$COMM"; then
	send kill 0 "$TARGET"
	send tgkill 0 "$NOPID" "$NOPID"
	settle
	tool_stop
	t_cond "-k -x: the failed tgkill only, RESULT -3 (raw, as BCC)" '[ "$(sed 1d "$T/out" | wc -l)" = 1 ] && timed "$(printf '\''%-7s %-16s %-4s %-7s %s'\'' "$spid" "$COMM" 0 "$NOPID" -3)"'
else
	t_fail "-k -x: sigsnoop started" "$(cat "$T/err")"
fi

# ---- --delivered: the target runs its handler ----
if tool_start $TOOL -j --delivered -s USR1; then
	send kill 10 "$TARGET"
	sleep 1			# the target takes it when its sleep ends
	tool_stop
	t_check "--delivered: the generate record" \
		[ "$(jq_count "$T/out" ".event == \"generate\" and .pid == $spid and .tpid == $TARGET")" = 1 ]
	t_check "--delivered: the delivery: receiver pid, comm, SIGUSR1, handler" \
		[ "$(jq -c "select(.event == \"deliver\" and .pid == $TARGET) | del(.time)" "$T/out")" = \
			"{\"pid\":$TARGET,\"tid\":$TARGET,\"uid\":0,\"comm\":\"$TCOMM\",\"sig\":10,\"sig_name\":\"SIGUSR1\",\"tpid\":$TARGET,\"tcomm\":\"$TCOMM\",\"event\":\"deliver\",\"code\":0,\"group\":null,\"result\":\"handler\",\"ret\":null,\"err\":null}" ]
else
	t_fail "--delivered: sigsnoop started" "$(cat "$T/err")"
fi

# ---- --target-pid, in BPF: signals to the target only (SIGCONT to a
# sleeper is left out); with -k, calls aimed at it only ----
sleep 30 &
OTHER=$!
if tool_start $TOOL -j -n "$COMM" --target-pid "$TARGET"; then
	send kill 18 "$OTHER"
	send kill 10 "$TARGET"
	p_in=$spid
	settle
	tool_stop
	t_check "--target-pid $TARGET: its signal only" \
		[ "$(jq -c '[.pid, .sig, .tpid]' "$T/out" | tr '\n' ' ')" = "[$p_in,10,$TARGET] " ]
else
	t_fail "--target-pid: sigsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -j -k -n "$COMM" --target-pid "$NOPID"; then
	send kill 0 "$OTHER"
	send kill 0 "$NOPID"
	p_in=$spid
	settle
	tool_stop
	t_check "-k --target-pid $NOPID: the call aimed at it only" \
		[ "$(jq -c '[.pid, .tpid, .err]' "$T/out" | tr '\n' ' ')" = "[$p_in,$NOPID,3] " ]
else
	t_fail "-k --target-pid: sigsnoop started" "$(cat "$T/err")"
fi
kill "$OTHER" 2>/dev/null

# ---- filters that include ----
if tool_start $TOOL -j -n "$COMM"; then
	send kill 10 "$TARGET"
	kill -USR1 "$TARGET"		# the same signal from the test's shell
	settle
	tool_stop
	t_check "-n $COMM: its signal is there" [ "$(jq_count "$T/out" ".pid == $spid and .sig == 10")" = 1 ]
	t_check "-n $COMM: no other sender" [ "$(jq_count "$T/out" ".comm != \"$COMM\"")" = 0 ]
else
	t_fail "-n: sigsnoop started" "$(cat "$T/err")"
fi
mkfifo "$T/go"
"$TSH" -c 'read x <"$0"; exec "$1" kill 10 "$2"' "$T/go" "$SEND" "$TARGET" >/dev/null &
opid=$!
if tool_start $TOOL -j -p "$opid"; then
	echo go >"$T/go"
	wait "$opid"
	send kill 10 "$TARGET"
	settle
	tool_stop
	t_check "-p $opid: its signal is there" [ "$(jq_count "$T/out" ".pid == $opid and .sig == 10")" = 1 ]
	t_check "-p $opid: no other sender" [ "$(jq_count "$T/out" ".pid != $opid")" = 0 ]
else
	t_fail "-p: sigsnoop started" "$(cat "$T/err")"
	kill "$opid" 2>/dev/null
fi

# ---- filters that exclude, all beside one unfiltered run ----
sleep 60 &
SLEEPER=$!
set -- "-p $SLEEPER" "-n tk-nomatch" "-u 65534" "-t $SLEEPER" "-s TERM" "--target-pid $SLEEPER"
if multi_start $TOOL "" "$@"; then
	send kill 10 "$TARGET"
	settle
	multi_stop
	t_check "the unfiltered run sees the signal" [ "$(jq_count "$T/multi.0.out" ".pid == $spid and .sig == 10")" = 1 ]
	i=1
	for filter in "$@"; do
		t_check "$filter: the filtered run does not" [ "$(jq_count "$T/multi.$i.out" ".pid == $spid")" = 0 ]
		i=$((i + 1))
	done
else
	t_fail "the filtered and unfiltered runs started" "$(cat "$T"/multi.*.err)"
	multi_stop
fi

# ---- hostile command names: the sender and the target ----
H=$(printf 'a\nb\033c\377')
cp "$SEND" "$T/$H"
cp /bin/sh "$T/${H}t"
"$T/${H}t" -c 'sleep 3; :' &
HT=$!
sleep 0.2
if tool_start $TOOL -j -s CONT; then
	"$T/$H" kill 18 "$HT" >/dev/null &
	hp=$!
	wait "$hp"
	settle
	tool_stop
	t_check "json: strict JSON with hostile names" "$J" "$T/out"
	t_check "json: comm and tcomm round-trip byte for byte" \
		[ "$("$J" -c -w "pid=$hp" -w "comm=$H" -w "tcomm=${H}t" "$T/out")" = 1 ]
	t_check "json: escaped as backslash-n, u001b, udcff" grep -qF '"comm":"a\nb\u001bc\udcff"' "$T/out"
else
	t_fail "json hostile: sigsnoop started" "$(cat "$T/err")"
fi
if tool_start $TOOL -e -s CONT; then
	"$T/$H" kill 18 "$HT" >/dev/null &
	hp=$!
	wait "$hp"
	settle
	tool_stop
	t_check "text: the hostile names escaped on one line" \
		timed "$(printf '%-7s %-7s %-16s %-4s %-7s %-16s %-17s %s' "$hp" "$hp" 'a\nb\x1bc\xff' 18 "$HT" \
			'a\nb\x1bc\xfft' generate ignored)"
	t_check "text: no raw control byte on stdout" \
		[ "$(LC_ALL=C tr -d '\n' <"$T/out" | LC_ALL=C tr -d '\040-\176' | wc -c)" = 0 ]
else
	t_fail "text hostile: sigsnoop started" "$(cat "$T/err")"
fi
kill "$HT" 2>/dev/null

# ---- bad input ----
for bad in BOGUS SIGBOGUS 65 -1 RTMIN+99 ''; do
	"$TK_BIN/$TOOL" -s "$bad" >"$T/o" 2>"$T/e"
	t_cond "-s '$bad': exit 2, a message naming it" '[ $? = 2 ] && [ ! -s "$T/o" ] && grep -q "^$TOOL: .*'\''$bad'\''.*signal" "$T/e"'
done
for bad in 0 -1 x 4194305; do
	"$TK_BIN/$TOOL" --target-pid "$bad" >"$T/o" 2>"$T/e"
	t_cond "--target-pid '$bad': exit 2, a message naming it" '[ $? = 2 ] && [ ! -s "$T/o" ] && grep -q "^$TOOL: .*target-pid" "$T/e"'
done
"$TK_BIN/$TOOL" -T >"$T/o" 2>"$T/e"
t_cond "-T: exit 2 (TIME is always shown)" '[ $? = 2 ] && grep -q "^$TOOL: .*T" "$T/e"'
"$TK_BIN/$TOOL" --delivered=1 >"$T/o" 2>"$T/e"
t_cond "--delivered=1: exit 2" '[ $? = 2 ] && grep -q "^$TOOL: .*delivered" "$T/e"'
t_done
