#!/bin/sh
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# The standard cgroup filter (-c PATH), applied in BPF: opensnoop and
# execsnoop see a process inside a fresh cgroup v2 and not one outside it.
. "$(dirname "$0")/../lib.sh"
t_need_root

CG2=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
if [ -z "$CG2" ]; then
	# no cgroup2 mounted (a v1-only boot): mount the unified hierarchy here
	mkdir -p "$T/cg2" && mount -t cgroup2 none "$T/cg2" && CG2=$T/cg2
fi
if [ -z "$CG2" ]; then
	t_fail "a cgroup v2 hierarchy is mounted or mountable"
	t_done
	exit 0
fi
CG=$CG2/tk-test-$RND
mkdir "$CG" || { t_fail "create cgroup $CG"; t_done; exit 0; }
cleanup_cg() {
	rmdir "$CG" 2>/dev/null
	[ "$CG2" = "$T/cg2" ] && umount "$T/cg2"
}

IN=$T/tk-cg-in-$RND
OUT=$T/tk-cg-out-$RND
: >"$IN"
: >"$OUT"

# in_cgroup CMD...: runs CMD in a child moved into $CG first
in_cgroup() {
	sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$CG" "$@"
}

if tool_start opensnoop -j -c "$CG"; then
	in_cgroup cat "$IN" >/dev/null
	cat "$OUT" >/dev/null
	sleep 0.5
	tool_stop
	t_check "opensnoop -c: exit 0" [ "$TOOL_RC" = 0 ]
	t_check "opensnoop -c: the open inside the cgroup is shown" \
		[ "$(jq_count "$T/out" ".path == \"$IN\" and .comm == \"cat\" and .err == 0")" = 1 ]
	t_check "opensnoop -c: the open outside is not" [ "$(jq_count "$T/out" ".path == \"$OUT\"")" = 0 ]
else
	t_fail "opensnoop -c started" "$(cat "$T/err")"
fi

if tool_start execsnoop -j -c "$CG"; then
	in_cgroup /bin/echo "tk-cg-in-$RND" >/dev/null
	/bin/echo "tk-cg-out-$RND" >/dev/null
	sleep 0.5
	tool_stop
	t_check "execsnoop -c: exit 0" [ "$TOOL_RC" = 0 ]
	t_check "execsnoop -c: the exec inside the cgroup is shown" \
		[ "$(jq_count "$T/out" ".args == [\"/bin/echo\", \"tk-cg-in-$RND\"]")" = 1 ]
	t_check "execsnoop -c: the exec outside is not" \
		[ "$(jq_count "$T/out" ".args[1] == \"tk-cg-out-$RND\"")" = 0 ]
else
	t_fail "execsnoop -c started" "$(cat "$T/err")"
fi

# a cgroup v1 directory is refused with a usage error
V1=$(awk '$3 == "cgroup" { print $2; exit }' /proc/mounts)
if [ -n "$V1" ]; then
	"$TK_BIN/opensnoop" -c "$V1" >"$T/out" 2>"$T/err"
	t_check "-c on a cgroup v1 directory: exit 2" [ $? = 2 ]
	t_check "-c on a cgroup v1 directory: says it is not cgroup v2" grep -q "not a cgroup v2 directory" "$T/err"
fi
cleanup_cg
t_done
