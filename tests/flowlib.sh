# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
# Data-transfer workloads for the connection tools' end-to-end tests
# (tests/helpers/tkflow under a unique name); source after lib.sh and
# netlib.sh, call after net_init.
#
#   flow_init                   FLOW (the tkflow copy), FCOMM (its comm)
#   flow_server ADDR N TX HOLD  a server for N connections: port FSRV_PORT,
#                               pid FSRV_PID; per connection it reads to
#                               EOF, sends TX bytes, waits HOLD ms, closes;
#                               lines "PID LPORT RPORT RX" in $T/fsrv.out
#   flow_wait                   waits for the server to end
#   flow_client ADDR PORT TX CHUNKS GAP
#                               F_PID F_LPORT F_RX of one client that sends
#                               TX bytes in CHUNKS writes GAP ms apart

flow_init() {
	FCOMM=tkf$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
	FLOW=$T/$FCOMM
	FSRV_PID=
	if [ ! -x "$TK_HELPERS/tkflow" ]; then
		t_fail "test helper $TK_HELPERS/tkflow is built (make tests)"
		t_done
		exit 0
	fi
	cp "$TK_HELPERS/tkflow" "$FLOW"
	trap '[ -n "$FSRV_PID" ] && kill "$FSRV_PID" 2>/dev/null; [ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null; [ -n "$REF_PID" ] && kill -9 "$REF_PID" 2>/dev/null; _t_cleanup' EXIT
}

flow_server() {
	rm -f "$T/fsrv.port"
	"$FLOW" server "$1" "$2" "$T/fsrv.port" "$3" "$4" >"$T/fsrv.out" 2>"$T/fsrv.err" &
	FSRV_PID=$!
	_i=0
	while [ ! -s "$T/fsrv.port" ] && [ $_i -lt 100 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	FSRV_PORT=$(cat "$T/fsrv.port" 2>/dev/null)
}

flow_wait() {
	[ -n "$FSRV_PID" ] && wait "$FSRV_PID"
	FSRV_PID=
}

flow_client() {
	# shellcheck disable=SC2034
	read -r F_PID F_LPORT F_RX <<EOT
$("$FLOW" client "$@")
EOT
}
