#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Runs the end-to-end suite once per attach rung, in the kernel matrix's
# result format (parsed by tests/kernels/report.sh).  Used inside the guest
# (guest-init.sh) and on the host (run.sh's tracepoint rung here).
#   tests/kernels/suite.sh RUNG...     (from the checkout's root)
# RUNG: tracepoint, fentry, kprobe (exported as TK_ATTACH, which lib.sh's
# tool_start turns into --attach) or auto (no --attach: the normal ladder).
# Output:
#   @@ kernel RELEASE
#   @@ rung RUNG
#   @@ smoke TOOL RC       then TOOL's -v stderr, "| "-prefixed: each built
#                          tool started with --attach RUNG and stopped once it
#                          says what it attached (or has failed)
#   @@ test NAME           then tests/run's output for tests/e2e/NAME.sh
#   @@ end NAME RC SECONDS
#   @@ done
# TK_PROGRESS: a file (the guest's console) to name each test on as it starts.
# TK_TEST_TIMEOUT: seconds one test script may take (default 300).
# TK_MATRIX_EXCLUDE: test names not to run (space-separated; reported as
# "@@ excluded NAME" so the report shows them).
TK_ROOT=$(pwd)
export TK_ROOT
OUTPUT=${OUTPUT:-.output}
timeout=${TK_TEST_TIMEOUT:-300}

# smoke RUNG TOOL
smoke() {
	_args=
	[ "$1" = auto ] || _args="--attach $1"
	_e=$(mktemp)
	# shellcheck disable=SC2086
	"$OUTPUT/bin/$2" -v $_args >/dev/null 2>"$_e" &
	_p=$!
	_i=0
	while [ $_i -lt 600 ] && kill -0 $_p 2>/dev/null && ! grep -q attached "$_e"; do
		sleep 0.1
		_i=$((_i + 1))
	done
	kill -INT $_p 2>/dev/null
	wait $_p
	_rc=$?
	echo "@@ smoke $2 $_rc"
	sed 's/^/| /' "$_e"
	rm -f "$_e"
}

echo "@@ kernel $(uname -r)"
for rung in "$@"; do
	echo "@@ rung $rung"
	if [ "$rung" = auto ]; then
		unset TK_ATTACH
	else
		TK_ATTACH=$rung
		export TK_ATTACH
	fi
	for f in "$OUTPUT"/bin/*; do
		# aliases (symlinks) are the same program
		[ -x "$f" ] && [ ! -L "$f" ] && smoke "$rung" "${f##*/}" 2>&1
	done
	for t in tests/e2e/*.sh; do
		name=$(basename "$t" .sh)
		case " ${TK_MATRIX_EXCLUDE-} " in
		*" $name "*)
			echo "@@ excluded $name"
			continue
			;;
		esac
		[ -n "${TK_PROGRESS-}" ] && echo "tk: $rung $name" >"$TK_PROGRESS"
		echo "@@ test $name"
		start=$(date +%s)
		timeout -s KILL "$timeout" /bin/sh tests/run "$t" 2>&1
		echo "@@ end $name $? $(($(date +%s) - start))"
	done
done
echo "@@ done"
