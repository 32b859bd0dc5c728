# lib.sh — helpers sourced by the tls suite scripts: a temp dir removed at
# exit, servers stopped by PID, waits with a bound.
set -eu
: "${SOVCHECK_SRCDIR:?}" "${SOVCHECK_BUILDDIR:?}"
HERE=$SOVCHECK_SRCDIR/tests/tls
DRIVER=$SOVCHECK_BUILDDIR/tests/tls/tls-driver
T=$(mktemp -d "${TMPDIR:-/tmp}/sovcheck-tls.XXXXXX")
PIDS=""

cleanup() {
	for p in $PIDS; do
		kill "$p" 2>/dev/null || true
	done
	for p in $PIDS; do
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

# wait_file FILE: up to 10 s for FILE to appear.
wait_file() {
	i=0
	while [ ! -e "$1" ]; do
		i=$((i + 1))
		[ $i -le 100 ] || { echo "timeout waiting for $1" >&2; return 1; }
		sleep 0.1
	done
}

# wait_ports PORT...: up to 10 s for 127.0.0.1:PORT to accept connections.
wait_ports() {
	python3 - "$@" <<'PY'
import socket, sys, time
deadline = time.time() + 10
for p in sys.argv[1:]:
    while True:
        try:
            socket.create_connection(("127.0.0.1", int(p)), 0.5).close()
            break
        except OSError:
            if time.time() > deadline:
                sys.exit("port %s never opened" % p)
            time.sleep(0.05)
PY
}

# start_servers MODE:PORT...: servers.py in the background, waits for it.
start_servers() {
	python3 "$HERE/servers.py" "$T/servers.ready" "$@" &
	PIDS="$PIDS $!"
	wait_file "$T/servers.ready"
}
