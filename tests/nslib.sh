# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Two network namespaces joined by a veth pair, for tests that need a real
# path between two hosts (retransmits, drops, RTT); source after lib.sh.
# Everything is removed at exit.
#
#   ns_init            NSA (10.201.0.1, fd00:201::1) and NSB (10.201.0.2,
#                      fd00:201::2), VETHA/VETHB their ends; fails the test
#                      and exits when they cannot be made
#   nsa CMD... / nsb CMD...   runs CMD in NSA / NSB (exec: same pid)
#   nsa_drop RULE      adds an nftables rule with verdict drop to NSA's input
#                      (e.g. "tcp dport 80 meta length > 200"): a loss on
#                      the path, as NSB sees it (a drop in the sender's own
#                      output is an error to TCP there, not a loss)
#   nsa_undrop         removes NSA's rules
#   ns_cleanup         deletes both namespaces (also done at exit)

A4=10.201.0.1
B4=10.201.0.2
A6=fd00:201::1
B6=fd00:201::2

ns_cleanup() {
	[ -n "${NSA-}" ] && ip netns del "$NSA" 2>/dev/null
	[ -n "${NSB-}" ] && ip netns del "$NSB" 2>/dev/null
	NSA= NSB=
}

ns_init() {
	_s=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
	NSA=tka$_s NSB=tkb$_s VETHA=tkva$_s VETHB=tkvb$_s
	if ! { ip netns add "$NSA" && ip netns add "$NSB" &&
		ip link add "$VETHA" netns "$NSA" type veth peer name "$VETHB" netns "$NSB" &&
		nsa ip link set lo up && nsb ip link set lo up &&
		nsa ip addr add "$A4/24" dev "$VETHA" && nsb ip addr add "$B4/24" dev "$VETHB" &&
		nsa ip -6 addr add "$A6/64" dev "$VETHA" nodad &&
		nsb ip -6 addr add "$B6/64" dev "$VETHB" nodad &&
		nsa ip link set "$VETHA" up && nsb ip link set "$VETHB" up; } >"$T/ns.err" 2>&1; then
		t_fail "two network namespaces with a veth pair" "$(cat "$T/ns.err")"
		ns_cleanup
		t_done
		exit 0
	fi
}

nsa() { ip netns exec "$NSA" "$@"; }
nsb() { ip netns exec "$NSB" "$@"; }

nsa_drop() {
	nsa nft add table inet tkdrop 2>/dev/null
	nsa nft add chain inet tkdrop in '{ type filter hook input priority 0; }' 2>/dev/null
	# shellcheck disable=SC2086
	nsa nft add rule inet tkdrop in $1 drop
}

nsa_undrop() { nsa nft delete table inet tkdrop 2>/dev/null; }

# ns_flow_server ADDR N TX HOLD: flow_server inside NSA (FSRV_PORT; FSRV_PID
# is the waiting shell's child, the server's own pid is in $T/fsrv.out)
ns_flow_server() {
	rm -f "$T/fsrv.port"
	nsa "$FLOW" server "$1" "$2" "$T/fsrv.port" "$3" "$4" >"$T/fsrv.out" 2>"$T/fsrv.err" &
	FSRV_PID=$!
	_i=0
	while [ ! -s "$T/fsrv.port" ] && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	FSRV_PORT=$(cat "$T/fsrv.port" 2>/dev/null)
}

# ns_flow_client ADDR PORT TX CHUNKS GAP: flow_client inside NSB
ns_flow_client() {
	# shellcheck disable=SC2034
	read -r F_PID F_LPORT F_RX <<EOT
$(nsb "$FLOW" client "$@")
EOT
}
