# lib.sh — helpers sourced by the tls suite scripts: a temp dir removed at
# exit, servers stopped by PID, waits with a bound.
set -euo pipefail
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

# free_ports N [ADDR]: N TCP ports the kernel chooses on ADDR (default
# 127.0.0.1), free when chosen: all bound at once, then released, so that two
# runs of the suite at the same time do not collide.
free_ports() {
	python3 - "$1" "${2:-127.0.0.1}" <<'PY'
import socket, sys
n, addr = int(sys.argv[1]), sys.argv[2]
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
socks = []
for _ in range(n):
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.bind((addr, 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
PY
}

# start_servers MODE:PORT...: servers.py in the background, waits for it.
start_servers() {
	python3 "$HERE/servers.py" "$T/servers.ready" "$@" &
	PIDS="$PIDS $!"
	wait_file "$T/servers.ready"
}
