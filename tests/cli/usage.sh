#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Every tool: --help and --version succeed on stdout; usage errors exit 2
# with one "<tool>: ..." line (plus argp's "Try ..." hint) on stderr and
# nothing on stdout.  No root needed: parsing fails before anything loads.
. "$(dirname "$0")/../lib.sh"

tk_tools

# run TOOL ARGS...: runs the tool (bounded: a usage error must not start
# tracing); stdout in $T/o, stderr in $T/e, exit status in $rc.
run() {
	_tool=$1
	shift
	timeout 20 "$TK_BIN/$_tool" "$@" >"$T/o" 2>"$T/e" </dev/null
	rc=$?
}

# usage_error TOOL WORD ARGS...: exit 2, empty stdout, stderr = one line
# "TOOL: ..." naming WORD (or the option, for a tool that lacks it), then at
# most the "Try `TOOL --help' ..." hint.
usage_error() {
	_tool=$1
	_word=$2
	shift 2
	run "$_tool" "$@"
	_first=$(head -n 1 "$T/e")
	_rest=$(sed 1d "$T/e" | grep -v "^Try .$_tool --help")
	_why=
	[ "$rc" = 2 ] || _why="exit status $rc, expected 2"
	[ -s "$T/o" ] && _why="$_why; stdout not empty: $(head -c 200 "$T/o")"
	case $_first in
	"$_tool: "?*) ;;
	*) _why="$_why; stderr does not start with '$_tool: '" ;;
	esac
	# a tool without the option names the option instead of the value
	case ${1-} in
	--*) _alt=${1%%=*} ;;
	-?*) _alt="'$(printf '%s' "$1" | cut -c2)'" ;;
	*) _alt=$_word ;;
	esac
	case $_first in
	*"$_word"* | *"$_alt"*) ;;
	*) _why="$_why; the message does not name '$_word' (or $_alt)" ;;
	esac
	[ -n "$_rest" ] && _why="$_why; more than one message line"
	if [ -z "$_why" ]; then
		t_ok "$_tool $*: usage error (exit 2, one line)"
	else
		t_fail "$_tool $*: usage error (exit 2, one line)" "$_why
stderr: $(head -c 600 "$T/e")"
	fi
}

for t in $TOOLS_BUILT; do
	run "$t" --help
	if [ "$rc" = 0 ] && grep -q "^Usage: $t " "$T/o" && [ ! -s "$T/e" ]; then
		t_ok "$t --help: exit 0, usage on stdout, nothing on stderr"
	else
		t_fail "$t --help: exit 0, usage on stdout, nothing on stderr" \
			"rc=$rc stdout: $(head -n 3 "$T/o") stderr: $(head -n 3 "$T/e")"
	fi
	run "$t" -h
	if [ "$rc" = 0 ] && grep -q "^Usage: $t " "$T/o"; then
		t_ok "$t -h: same as --help"
	else
		t_fail "$t -h: same as --help" "rc=$rc $(head -n 3 "$T/e")"
	fi
	run "$t" --version
	if [ "$rc" = 0 ] && [ ! -s "$T/e" ] && [ "$(wc -l <"$T/o")" = 1 ] &&
	   grep -Eq "^$t \(tracekit\) [0-9]+\.[0-9]+\.[0-9]+" "$T/o"; then
		t_ok "$t --version: '$(cat "$T/o")'"
	else
		t_fail "$t --version: one line '<tool> (tracekit) X.Y.Z'" \
			"rc=$rc stdout: $(cat "$T/o") stderr: $(cat "$T/e")"
	fi
	run "$t" -V
	if [ "$rc" = 0 ] && grep -q "^$t (tracekit)" "$T/o"; then
		t_ok "$t -V: same as --version"
	else
		t_fail "$t -V: same as --version" "rc=$rc $(cat "$T/o") $(cat "$T/e")"
	fi
	run "$t" --usage
	if [ "$rc" = 0 ] && grep -q "^Usage: $t" "$T/o"; then
		t_ok "$t --usage: exit 0 on stdout"
	else
		t_fail "$t --usage: exit 0 on stdout" "rc=$rc $(head -n 3 "$T/e")"
	fi

	usage_error "$t" bogus --bogus-option
	usage_error "$t" Z -Z
	for p in 0 -1 abc 99999999999 4194305 ''; do
		usage_error "$t" "'$p'" -p "$p"
	done
	usage_error "$t" "'0'" --pid=0
	usage_error "$t" "'0'" -t 0
	usage_error "$t" "no-such-user-tk" -u no-such-user-tk
	usage_error "$t" "'-1'" -u -1
	usage_error "$t" "0123456789abcdef" -n 0123456789abcdef
	usage_error "$t" "/nonexistent/tk-cgroup" --cgroup /nonexistent/tk-cgroup
	usage_error "$t" "/nonexistent/tk-vmlinux" --btf /nonexistent/tk-vmlinux
	usage_error "$t" "'0'" -d 0
	usage_error "$t" "argument" 1 2 3 4
	usage_error "$t" "xyz" xyz extra1 extra2
	usage_error "$t" "--attach" --attach=nonsense
done
t_done
