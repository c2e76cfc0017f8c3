# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Helpers for the network tools' end-to-end tests; source after lib.sh.
# Every workload runs tests/helpers/tknet under a unique name (its comm).
#
#   net_init                    NET (the tknet copy), NCOMM (its comm), J (jsonget)
#   srv_start ADDR N [BACKLOG DELAY_MS]
#                               a server accepting N connections on ADDR: port
#                               in $SRV_PORT, pid in $SRV_PID, its accept
#                               lines ("PID LPORT RPORT FD") in $T/srv.out
#   srv_wait                    waits for the server to end
#   net_connect ADDR PORT [SRC] C_PID C_LPORT C_ERR of one connect() (from
#                               local address SRC)
#   net_closed_port ADDR        a port nothing listens on, in $CLOSED_PORT
#   settle                      lets the ring drain
#   netns_addrs                 netns_add, plus IPv6 addresses fd00::1 and
#                               fd00::2 on its loopback: a tuple whose two
#                               ends differ (IPv4 has 127.0.0.2 anywhere)
#   net_distinct                a connection 127.0.0.2 -> 127.0.0.1 on the
#                               host and one fd00::2 -> fd00::1 in a new
#                               namespace (netns_addrs): client pid, client
#                               port, server port, server pid in D4_C D4_L
#                               D4_S D4_A and D6_C D6_L D6_S D6_A
#   netns_add                   (once per test) a network namespace with lo up, kept by a
#                               bind mount on $NS (unshare --net=FILE, so
#                               util-linux or busybox), inode in $NS_INO;
#                               the workloads run in it while
#                               NX="nsenter --net=$NS"; unmounted at exit

net_init() {
	t_need_helpers tknet
	NCOMM=tkn$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
	NET=$T/$NCOMM
	cp "$TK_HELPERS/tknet" "$NET"
	chmod 711 "$T"
	SRV_PID=
	REF_PID=
	NS=
	NX=
	trap '[ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null; [ -n "$REF_PID" ] && kill -9 "$REF_PID" 2>/dev/null; [ -n "$NS" ] && umount "$NS" 2>/dev/null; _t_cleanup' EXIT
}

netns_add() {
	[ -n "$NS" ] && return 0	# one per test: the first stays
	NS=$T/netns
	: >"$NS"
	unshare --net="$NS" true && nsenter --net="$NS" ip link set lo up || return 1
	NS_INO=$(stat -L -c %i "$NS")
}

netns_addrs() {
	[ -n "$NS" ] && nsenter --net="$NS" ip -6 addr show dev lo | grep -q fd00::2 && return 0
	netns_add &&
		nsenter --net="$NS" ip -6 addr add fd00::1/128 dev lo nodad &&
		nsenter --net="$NS" ip -6 addr add fd00::2/128 dev lo nodad
}

settle() { sleep 0.5; }

srv_start() {
	rm -f "$T/srv.port"
	$NX "$NET" server "$1" 0 "$2" "$T/srv.port" ${3:+"$3" "$4"} >"$T/srv.out" 2>"$T/srv.err" &
	SRV_PID=$!
	_i=0
	while [ ! -s "$T/srv.port" ] && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	SRV_PORT=$(cat "$T/srv.port" 2>/dev/null)
}

srv_wait() {
	[ -n "$SRV_PID" ] && wait "$SRV_PID"
	SRV_PID=
}

net_connect() {
	# shellcheck disable=SC2034
	read -r C_PID C_LPORT C_ERR <<EOT
$($NX "$NET" connect "$@")
EOT
}

net_closed_port() {
	srv_start "$1" 0
	srv_wait
	CLOSED_PORT=$SRV_PORT
}


# usage_fails DESC ARGS...: the tool exits 2 with a message naming the tool.
usage_fails() {
	_d=$1
	shift
	"$TK_BIN/$TOOL" "$@" >"$T/u.out" 2>"$T/u.err"
	_rc=$?
	t_check "$_d: exit 2 ($_rc)" [ "$_rc" = 2 ]
	t_check "$_d: a message on stderr" grep -q "$TOOL" "$T/u.err"
}

net_distinct() {
	netns_addrs || return 1
	srv_start 127.0.0.1 1
	net_connect 127.0.0.1 "$SRV_PORT" 127.0.0.2
	srv_wait
	D4_C=$C_PID D4_L=$C_LPORT D4_S=$SRV_PORT
	read -r D4_A _ <"$T/srv.out"
	NX="nsenter --net=$NS"
	srv_start fd00::1 1
	net_connect fd00::1 "$SRV_PORT" fd00::2
	srv_wait
	NX=
	D6_C=$C_PID D6_L=$C_LPORT D6_S=$SRV_PORT
	read -r D6_A _ <"$T/srv.out"
	# shellcheck disable=SC2034
	[ -n "$D4_A" ] && [ -n "$D6_A" ]
}
