# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Shared shell helpers for tracekit tests (POSIX sh: runs under bash, dash and
# busybox ash).  A test script sources this, calls t_* functions, and ends
# with t_done.  Output is TAP; tests/run adds up the results.
#
#   t_ok DESC / t_fail DESC [DETAIL] / t_skip DESC REASON
#   t_check DESC CMD...        ok when CMD exits 0 (one simple command: in
#                              `t_check D [ a ] && [ b ]` the shell runs
#                              `[ b ]` outside the check — use t_cond)
#   t_cond DESC 'SHELL CODE'   ok when the code (evaluated now, $? as before
#                              the call) exits 0: for && / || conditions
#   t_need_root                skips the whole script unless root
#   tool_start TOOL ARGS...    starts $TK_BIN/TOOL -v ARGS in the background;
#                              stdout in $T/out, stderr in $T/err; returns once
#                              the tool has attached (or failed).  With
#                              TK_ATTACH=RUNG (tests/kernels/) adds --attach RUNG
#                              and, if TOOL has no variant on RUNG (or this
#                              kernel lacks its RUNG targets), ends the
#                              script with one "# N/A" result (t_na)
#   t_na DESC                  a result that is neither pass nor fail: the
#                              test does not apply (tests/run counts it apart)
#   tool_stop                  SIGINT, wait; exit status in $TOOL_RC
#   wait_attached PID ERRFILE  for a tool started by hand with -v
#   multi_start TOOL ARGS...   several instances at once (one per ARGS word
#                              list), for filters beside an unfiltered run
#   multi_stop                 SIGINT to them all, wait
#   ref_start ARGS... / ref_stop  one more instance of $TOOL, output $T/ref.out
#   tk_tools                   sets $ALL_TOOLS and $TOOLS_BUILT
#   jq_count FILE FILTER       number of JSON lines of FILE matching jq FILTER
#   t_jcount DESC FILE FILTER N  ok when exactly N lines match (shows FILE if not)
#   t_need_helpers NAME...     fails the script unless $TK_HELPERS/NAME are built
#   t_usage DESC ERE ARGS...   $TK_BIN/$TOOL ARGS exits 2, stdout empty, stderr ~ ERE
#   $T                         a private temporary directory, removed at exit
#   $RND                       8 random hex digits, for unique names
#   $J                         tests/helpers/jsonget (strict JSON, decoded values)

TK_ROOT=${TK_ROOT:-$(cd "$(dirname "$0")/../.." 2>/dev/null && pwd)}
TK_BIN=${TK_BIN:-$TK_ROOT/${OUTPUT:-.output}/bin}
TK_HELPERS=${TK_HELPERS:-$TK_ROOT/${OUTPUT:-.output}/tests}
T=$(mktemp -d "${TMPDIR:-/tmp}/tk-test.XXXXXX")
RND=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
J=$TK_HELPERS/jsonget
_t_n=0
TOOL_PID=
TOOL_RC=

_t_cleanup() {
	[ -n "$TOOL_PID" ] && kill -9 "$TOOL_PID" 2>/dev/null
	[ -n "$REF_PID" ] && kill -9 "$REF_PID" 2>/dev/null
	for _m_pid in $MULTI_PIDS; do kill -9 "$_m_pid" 2>/dev/null; done
	rm -rf "$T"
}
trap _t_cleanup EXIT
trap 'exit 130' INT TERM

t_ok() {
	_t_n=$((_t_n + 1))
	printf "ok %s - %s\n" "$_t_n" "$1"
}

t_fail() {
	_t_n=$((_t_n + 1))
	printf "not ok %s - %s\n" "$_t_n" "$1"
	[ -n "${2-}" ] && printf '%s\n' "$2" | sed 's/^/#   /'
	return 0
}

# A skip is only for a machine where the prerequisite cannot exist; in CI
# (CI=true) it counts as a failure.
t_skip() {
	_t_n=$((_t_n + 1))
	if [ "${CI-}" = true ]; then
		printf "not ok %s - %s # skipped in CI: %s\n" "$_t_n" "$1" "$2"
	else
		printf "ok %s - %s # SKIP %s\n" "$_t_n" "$1" "$2"
	fi
}

# Not applicable (a forced attach rung the tool has no probe for): tests/run
# counts these apart from passes, so a rung nobody tests shows as such.
t_na() {
	_t_n=$((_t_n + 1))
	printf "ok %s - %s # N/A\n" "$_t_n" "$1"
}

t_check() {
	_t_desc=$1
	shift
	if "$@" >"$T/check.out" 2>&1; then
		t_ok "$_t_desc"
	else
		t_fail "$_t_desc" "$(tail -n 20 "$T/check.out")"
	fi
}

_t_status() { return "$1"; }

t_cond() {
	_t_rc=$?
	_t_desc=$1
	_t_code=$2
	_t_status "$_t_rc"	# so the code sees the caller's $?
	if eval "$_t_code" >"$T/check.out" 2>&1; then
		t_ok "$_t_desc"
	else
		t_fail "$_t_desc" "$(tail -n 20 "$T/check.out")"
	fi
}

t_done() {
	echo "1..$_t_n"
}

t_need_root() {
	if [ "$(id -u)" != 0 ]; then
		t_skip "$(basename "$0")" "needs root"
		t_done
		exit 0
	fi
}

# t_need_helpers NAME...: ends the script with a failure unless every
# tests/helpers program NAME (and jsonget) is built.
t_need_helpers() {
	for _h in jsonget "$@"; do
		if [ ! -x "$TK_HELPERS/$_h" ]; then
			t_fail "test helper $TK_HELPERS/$_h is built (make tests)"
			t_done
			exit 0
		fi
	done
}

# Sets ALL_TOOLS (the Makefile's TOOLS) and TOOLS_BUILT (those with a
# binary in $TK_BIN); fails a test when none is built.
tk_tools() {
	ALL_TOOLS=$(make -s --no-print-directory -C "$TK_ROOT" list-tools 2>/dev/null)
	TOOLS_BUILT=
	for _t in $ALL_TOOLS; do
		[ -x "$TK_BIN/$_t" ] && TOOLS_BUILT="$TOOLS_BUILT $_t"
	done
	[ -n "$TOOLS_BUILT" ] || t_fail "some tool is built in $TK_BIN" "make list-tools: '$ALL_TOOLS'"
}

# wait_attached PID ERRFILE: waits until a tool started with -v reports
# "attached" in ERRFILE, exits, or 30 s pass.  Returns 0 when attached.
wait_attached() {
	_t_i=0
	while [ $_t_i -lt 300 ]; do
		grep -q 'attached' "$2" 2>/dev/null && return 0
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.1
		_t_i=$((_t_i + 1))
	done
	return 1
}

# t_usage DESC PATTERN ARGS...: "$TK_BIN/$TOOL ARGS" is a usage error: exit 2
# within 10 s, nothing on stdout, a message matching the ERE PATTERN on stderr.
t_usage() {
	_u_desc=$1
	_u_pat=$2
	shift 2
	timeout 10 "$TK_BIN/$TOOL" "$@" >"$T/bad.out" 2>"$T/bad.err"
	_u_rc=$?
	if [ "$_u_rc" = 2 ] && grep -Eq -- "$_u_pat" "$T/bad.err" && [ ! -s "$T/bad.out" ]; then
		t_ok "usage error: $_u_desc"
	else
		t_fail "usage error: $_u_desc" "rc=$_u_rc; $(cat "$T/bad.out" "$T/bad.err")"
	fi
}

# Starts a tool in the background and waits until it has attached.
tool_start() {
	_t_tool=$1
	shift
	: >"$T/out"
	: >"$T/err"
	"$TK_BIN/$_t_tool" -v ${TK_ATTACH:+--attach "$TK_ATTACH"} "$@" >"$T/out" 2>"$T/err" &
	TOOL_PID=$!
	wait_attached "$TOOL_PID" "$T/err" && return 0
	_t_forced_na "$T/err"
	return 1
}

# ref_start ARGS...: a reference instance "$TK_BIN/$TOOL -v ARGS" beside
# tool_start's (for "the filter excludes what an unfiltered run sees"):
# stdout $T/ref.out, stderr $T/ref.err, pid $REF_PID; waits until it has
# attached.  ref_stop: SIGINT, wait.
REF_PID=
ref_start() {
	# emptied here, not by the child's redirection: wait_attached must not
	# find the previous run's "attached"
	: >"$T/ref.out"
	: >"$T/ref.err"
	"$TK_BIN/$TOOL" -v ${TK_ATTACH:+--attach "$TK_ATTACH"} "$@" >"$T/ref.out" 2>"$T/ref.err" &
	REF_PID=$!
	wait_attached "$REF_PID" "$T/ref.err" && return 0
	_t_forced_na "$T/ref.err"
	return 1
}
ref_stop() {
	kill -INT "$REF_PID" 2>/dev/null
	wait "$REF_PID"
	REF_PID=
}

# _t_forced_na ERRFILE: with TK_ATTACH, when the tool said it has no probe on
# the forced rung (or the kernel lacks that rung's targets), ends the script
# with one N/A result.
_t_forced_na() {
	if [ -n "${TK_ATTACH-}" ] &&
	   { grep -q "this tool has no $TK_ATTACH variant of any probe" "$1" ||
	     _t_targets_absent "$1"; }; then
		for _t_p in $TOOL_PID $REF_PID $MULTI_PIDS; do
			kill "$_t_p" 2>/dev/null
			wait "$_t_p"
		done
		TOOL_PID=
		REF_PID=
		MULTI_PIDS=
		t_na "$(grep -m 1 -e "this tool has no" -e ": cannot trace " "$1")"
		t_done
		exit 0
	fi
}

# _t_targets_absent ERRFILE: true when the tool's "cannot trace P: R1; R2..."
# gives only reasons saying the kernel lacks the forced rung's target (a
# tracepoint or function this kernel does not have): not applicable there.
_t_targets_absent() {
	_t_r=$(grep -m 1 ': cannot trace ' "$1") || return 1
	printf '%s\n' "$_t_r" | sed 's/^[^:]*: cannot trace [^:]*: //' |
		awk -F'; ' '{ for (i = 1; i <= NF; i++) print $i }' |
		grep -Ev "^[a-z_]+: (tracepoint [^ ]+ (is not in|does not exist on) this kernel|function [^ ]+ is not in the kernel's BTF)\$" |
		grep -q . && return 1
	return 0
}

# multi_start TOOL ARGS...: starts "$TK_BIN/TOOL -v -j ARGS" once per ARGS
# argument (split at spaces; "" for no filter), all in parallel, and waits
# until each has attached.  Instance N (from 0) writes $T/multi.N.out and
# $T/multi.N.err.  Returns non-zero when one failed to start.  Starting them
# together costs one attach time, not one per filter.
MULTI_PIDS=
multi_start() {
	_m_tool=$1
	shift
	MULTI_PIDS=
	_m_n=0
	for _m_args in "$@"; do
		# shellcheck disable=SC2086
		"$TK_BIN/$_m_tool" -v -j ${TK_ATTACH:+--attach "$TK_ATTACH"} $_m_args \
			>"$T/multi.$_m_n.out" 2>"$T/multi.$_m_n.err" &
		MULTI_PIDS="$MULTI_PIDS $!"
		_m_n=$((_m_n + 1))
	done
	_m_n=0
	_m_rc=0
	for _m_pid in $MULTI_PIDS; do
		wait_attached "$_m_pid" "$T/multi.$_m_n.err" || _m_rc=1
		[ $_m_rc = 0 ] || _t_forced_na "$T/multi.$_m_n.err"
		_m_n=$((_m_n + 1))
	done
	return $_m_rc
}

multi_stop() {
	for _m_pid in $MULTI_PIDS; do
		kill -INT "$_m_pid" 2>/dev/null
	done
	for _m_pid in $MULTI_PIDS; do
		wait "$_m_pid"
	done
	MULTI_PIDS=
}

# Stops the tool with SIGINT (as Ctrl-C) and collects its exit status.
tool_stop() {
	if [ -z "$TOOL_PID" ]; then
		TOOL_RC=255
		return
	fi
	kill -INT "$TOOL_PID" 2>/dev/null
	wait "$TOOL_PID"
	TOOL_RC=$?
	TOOL_PID=
}

jq_count() {
	jq -c "select($2)" "$1" 2>/dev/null | wc -l | tr -d ' '
}

# t_jcount DESC FILE FILTER N: ok when exactly N JSON lines of FILE match jq
# FILTER; on failure the diagnostic shows FILE's first lines.
t_jcount() {
	_j_n=$(jq_count "$2" "$3")
	if [ "$_j_n" = "$4" ]; then
		t_ok "$1"
	else
		t_fail "$1" "$_j_n lines match, not $4; $2 starts: $(head -c 1500 "$2")"
	fi
}
