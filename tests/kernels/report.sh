#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Adds up a kernel-matrix run (tests/kernels/run.sh's output directory).
#   tests/kernels/report.sh DIR
# Reads DIR/<kernel>-<rung>/results.txt (suite.sh's format) and writes
#   DIR/results.tsv  kernel release rung test passed failed skipped n/a rc seconds
#   DIR/smoke.tsv    kernel release rung tool status detail
#                    (status: attached, n/a, failed; detail: probe=rung list
#                    or the tool's error)
# Prints one line per run and every failed test's "not ok" lines; exits 1 when
# a test failed, a run did not finish, or a test did not end.
set -eu
dir=${1:?usage: report.sh DIR}
printf 'kernel\trelease\trung\ttest\tpassed\tfailed\tskipped\tna\trc\tseconds\n' >"$dir/results.tsv"
printf 'kernel\trelease\trung\ttool\tstatus\tdetail\n' >"$dir/smoke.tsv"
bad=0
for d in "$dir"/*-*/; do
	d=${d%/}
	[ -f "$d/results.txt" ] || continue
	run=${d##*/}
	kernel=${run%-*}
	rung=${run##*-}
	: >"$d/failures.txt"
	# tr: the guest's serial port may add carriage returns
	tr -d '\r' <"$d/results.txt" | awk -v kernel="$kernel" -v rung="$rung" \
		-v tsv="$dir/results.tsv" -v smoke="$dir/smoke.tsv" -v fails="$d/failures.txt" '
	function flush_smoke() {
		if (stool == "") return
		if (srated == "") { sstatus = "failed"; sdetail = (sdetail == "" ? "exit " src : sdetail) }
		else { sstatus = srated }
		printf "%s\t%s\t%s\t%s\t%s\t%s\n", kernel, release, rung, stool, sstatus, sdetail >> smoke
		stool = ""
	}
	BEGIN { release = "?"; done = 0; open_test = "" }
	/^@@ kernel / { release = $3; next }
	/^@@ rung / { flush_smoke(); rung = $3; next }
	/^@@ smoke / { flush_smoke(); stool = $3; src = $4; srated = ""; sdetail = ""; next }
	/^\| / && stool != "" {
		line = substr($0, 3)
		if (line ~ /attached [0-9]+ programs:/) {
			sub(/.*attached [0-9]+ programs: */, "", line)
			srated = "attached"; sdetail = line
		} else if (line ~ /this tool has no .* variant of any probe/) {
			srated = "n/a"; sdetail = "no " rung " probe"
		} else if (srated == "" && line !~ /^[^:]+: (mounted|skipping|program .* failed)/) {
			sdetail = line
		}
		next
	}
	/^@@ test / { flush_smoke(); open_test = $3; p = f = s = a = 0; summary = 0; nok = ""; next }
	/^not ok / && open_test != "" { nok = nok "  " $0 "\n" }
	/^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped/ && open_test != "" {
		p = $1; f = $3; s = $5; a = ($7 == "" ? 0 : $7); summary = 1
	}
	/^@@ end / {
		if (!summary) { f++; nok = nok "  (no summary: killed by the per-test timeout?)\n" }
		if ($4 != 0 && f == 0) { f = 1; nok = nok "  (exit " $4 ")\n" }
		printf "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\n", kernel, release, rung, $3, p, f, s, a, $4, $5 >> tsv
		if (f) printf "%s %s %s:\n%s", kernel, rung, $3, nok >> fails
		open_test = ""; next
	}
	/^@@ excluded / { printf "%s\t%s\t%s\t%s\t0\t0\t0\t0\texcluded\t0\n", kernel, release, rung, $3 >> tsv; next }
	/^@@ done/ { flush_smoke(); done = 1 }
	END {
		flush_smoke()
		if (open_test != "") {
			printf "%s\t%s\t%s\t%s\t0\t1\t0\t0\tunfinished\t0\n", kernel, release, rung, open_test >> tsv
			printf "%s %s %s: did not finish (guest crash or timeout)\n", kernel, rung, open_test >> fails
		}
		if (!done) printf "%s %s: the run did not finish\n", kernel, rung >> fails
	}'
	sum=$(awk -F'\t' -v k="$kernel" -v r="$rung" '$1 == k && $3 == r {
		p += $5; f += $6; s += $7; a += $8; n++ } END {
		printf "%d tests: %d passed, %d failed, %d skipped, %d n/a", n, p, f, s, a }' "$dir/results.tsv")
	secs=$(cat "$d/seconds" 2>/dev/null || echo '?')
	echo "check-kernels: $kernel $rung ($(sed -n 's/^@@ kernel //p' "$d/results.txt" | tr -d '\r' | head -n 1)): $sum, $secs s"
	if [ -s "$d/failures.txt" ]; then
		bad=1
		cat "$d/failures.txt"
	fi
done
[ "$bad" = 0 ] || { echo "check-kernels: FAILED"; exit 1; }
echo "check-kernels: all passed"
