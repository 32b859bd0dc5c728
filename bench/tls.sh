#!/bin/sh
# bench/tls.sh — TLS chain capture throughput on loopback.
#
# One nginx (2 workers) serves 1,000 endpoints: 10 ports x 100 SNI names,
# each port with its own certificate chain (EC P-256 leaf + intermediate).
# In the same run the script measures, against the same server:
#   - sovcheck's capture (tests/tls/tls-driver: one SSL_CTX, one event loop
#     per thread, 1 and 2 threads, full analysis and verification of every
#     chain), chains/s;
#   - a loop of `openssl s_client -showcerts` over a sample of endpoints;
#   - `openssl s_time -new` (one client, a full handshake each time);
#   - the concurrent-client ceiling: N parallel `openssl s_time -new`
#     against a 1-worker nginx (one server thread) and against the 2-worker
#     nginx (both cores).
# Client and server share the machine's CPUs, as in the target figures.
#
# usage: bench/tls.sh [BUILDDIR]   (default: build; needs tests/tls/tls-driver)
# Env: ROUNDS (capture repeats per run, 5), JOBS (concurrent handshakes, 128),
#      SECONDS_PER_RUN (s_time duration, 5), SAMPLE (s_client loop, 100),
#      TRIES (interleaved runs, best kept, 3).
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd)
DRIVER=$BUILD/tests/tls/tls-driver
ROUNDS=${ROUNDS:-5}
JOBS=${JOBS:-128}
DUR=${SECONDS_PER_RUN:-5}
SAMPLE=${SAMPLE:-100}
BASE=23100         # 23100-23109: the 1,000 endpoints; 23150: 1-worker nginx
[ -x "$DRIVER" ] || { echo "bench/tls.sh: build $DRIVER first (ninja -C $BUILD)" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/sovcheck-bench-tls.XXXXXX")
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; done
	for p in $PIDS; do wait "$p" 2>/dev/null || true; done
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

"$SRC/tests/tls/pki.sh" "$T/pki" >/dev/null
cd "$T/pki"
export OPENSSL_CONF=/dev/null
for p in 0 1 2 3 4 5 6 7 8 9; do
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "b$p.key"
	openssl req -new -key "b$p.key" -subj "/CN=*.p$p.bench.test" -out "b$p.csr"
	SAN="DNS:*.p$p.bench.test" CAHOST=ca.certigna.test CRLHOST=crl.certigna.test \
	OCSPHOST=ocsp.certigna.test openssl x509 -req -in "b$p.csr" -CA certigna-int.crt \
		-CAkey certigna-int.key -CAcreateserial -days 30 -sha256 -extfile ext.cnf \
		-extensions leaf_ext -out "b$p.crt" 2>/dev/null
	cat "b$p.crt" certigna-int.crt > "b$p.chain.pem"
done
cd "$T"

conf() { # FILE WORKERS PORTS...
	f=$1 w=$2
	shift 2
	{
		echo "daemon off; worker_processes $w; pid $f.pid; error_log $T/error.log error;"
		echo "worker_rlimit_nofile 16384;"
		echo "events { worker_connections 8192; multi_accept on; }"
		echo "http { access_log off; ssl_session_cache off; ssl_session_tickets off;"
		echo "  client_body_temp_path $T/tmp; proxy_temp_path $T/tmp; fastcgi_temp_path $T/tmp;"
		echo "  uwsgi_temp_path $T/tmp; scgi_temp_path $T/tmp;"
		for port in "$@"; do
			p=$((port - BASE))
			[ $p -le 9 ] || p=0
			echo "  server { listen 127.0.0.1:$port ssl backlog=4096; server_name *.p$p.bench.test;"
			echo "    ssl_certificate $T/pki/b$p.chain.pem; ssl_certificate_key $T/pki/b$p.key;"
			echo "    return 204; }"
		done
		echo "}"
	} > "$f"
}
mkdir -p "$T/tmp"
conf "$T/nginx2.conf" 2 $(seq $BASE $((BASE + 9)))
conf "$T/nginx1.conf" 1 $((BASE + 50))
nginx -p "$T" -c "$T/nginx2.conf" -e "$T/error.log" & PIDS="$PIDS $!"
nginx -p "$T" -c "$T/nginx1.conf" -e "$T/error.log" & PIDS="$PIDS $!"
python3 - $(seq $BASE $((BASE + 9))) $((BASE + 50)) <<'PY'
import socket, sys, time
deadline = time.time() + 10
for p in sys.argv[1:]:
    while True:
        try:
            socket.create_connection(("127.0.0.1", int(p)), 0.5).close(); break
        except OSError:
            if time.time() > deadline: sys.exit("nginx did not start")
            time.sleep(0.05)
PY

# 1,000 endpoints: n000..n099 on each of the 10 ports.
for p in 0 1 2 3 4 5 6 7 8 9; do
	for n in $(seq -w 0 99); do
		echo "n$n.p$p.bench.test@127.0.0.1:$((BASE + p))"
	done
done > targets.txt

echo "sovcheck TLS capture benchmark — $(nproc) CPUs, $(openssl version | cut -d' ' -f1-2), nginx $(nginx -v 2>&1 | sed 's/.*\///')"
echo "endpoints: $(wc -l < targets.txt) (10 ports x 100 SNI names), chain: EC P-256 leaf + intermediate, TLS 1.3"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# Warm-up, and a check that every endpoint gave its chain.
"$DRIVER" --jobs "$JOBS" --trust "$T/pki/roots.pem" --targets targets.txt --summary > warm.txt
grep -q " ok=1000" warm.txt || { echo "warm-up failed: $(cat warm.txt)" >&2; exit 1; }

# Each figure is the best of TRIES runs, interleaved, so that a burst of
# other load on the machine does not decide the comparison.
TRIES=${TRIES:-3}
stime() { # PORT -> connections/s over DUR seconds (from the real-time line)
	openssl s_time -connect "127.0.0.1:$1" -new -time "$DUR" 2>/dev/null |
		awk '/connections in [0-9.]+ real seconds/ { n = $1; s = $4 } END { if (s > 0) printf "%.0f\n", n / s; else print 0 }'
}
par_stime() { # PORT N -> sum of N concurrent s_time
	i=0
	while [ $i -lt "$2" ]; do
		stime "$1" > "par.$i" &
		i=$((i + 1))
	done
	wait
	cat par.* | awk '{ s += $1 } END { print s }'
	rm -f par.*
}
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (b + 0 > a + 0) ? b : a }'; }
cap_rate=0 cap1_rate=0 st_rate=0 ceil1=0 ceil2=0
try=0
while [ $try -lt "$TRIES" ]; do
	try=$((try + 1))
	cap=$("$DRIVER" --jobs "$JOBS" --trust "$T/pki/roots.pem" --targets targets.txt \
		--repeat "$ROUNDS" --summary)
	echo "capture run $try, 1 thread:  $cap"
	cap1_rate=$(best "$cap1_rate" "$(echo "$cap" | sed 's/.*chains_per_s=\([0-9]*\).*/\1/')")
	cap=$("$DRIVER" --jobs "$JOBS" --threads 2 --trust "$T/pki/roots.pem" \
		--targets targets.txt --repeat "$ROUNDS" --summary)
	echo "capture run $try, 2 threads: $cap"
	cap_rate=$(best "$cap_rate" "$(echo "$cap" | sed 's/.*chains_per_s=\([0-9]*\).*/\1/')")
	st_rate=$(best "$st_rate" "$(stime $BASE)")
	ceil1=$(best "$ceil1" "$(par_stime $((BASE + 50)) 4)")
	ceil2=$(best "$ceil2" "$(par_stime $BASE 8)")
done
echo "capture, 1 thread:  $cap1_rate chains/s (best of $TRIES runs of $ROUNDS x 1,000 endpoints, $JOBS concurrent)"
echo "capture, 2 threads: $cap_rate chains/s (same, two event loops)"

# A loop of s_client -showcerts over a sample of the endpoints.
head -n "$SAMPLE" targets.txt > sample.txt
t0=$(date +%s.%N)
while IFS= read -r line; do
	h=${line%@*}
	a=${line#*@}
	openssl s_client -connect "$a" -servername "$h" -showcerts </dev/null >/dev/null 2>&1
done < sample.txt
t1=$(date +%s.%N)
scl_rate=$(echo "$SAMPLE $t0 $t1" | awk '{printf "%.1f", $1 / ($3 - $2)}')
echo "s_client loop:  $SAMPLE chains in $(echo "$t0 $t1" | awk '{printf "%.2f", $2 - $1}') s = $scl_rate chains/s"
echo "s_time -new:    $st_rate handshakes/s (one client, best of $TRIES)"
echo "ceiling, 1 server thread (4 x s_time -new, 1-worker nginx):  $ceil1 handshakes/s"
echo "ceiling, both cores      (8 x s_time -new, 2-worker nginx):  $ceil2 handshakes/s"

awk -v c="$cap_rate" -v o="$cap1_rate" -v l="$scl_rate" -v s="$st_rate" -v c1="$ceil1" -v c2="$ceil2" 'BEGIN {
	printf "1-thread capture / ceiling (1 thread): %.0f%%\n", 100 * o / c1
	printf "capture / s_client loop:      %.1fx  (target >= 45x)\n", c / l
	printf "capture / s_time -new:        %.2fx  (target >= 1.7x)\n", c / s
	printf "capture / ceiling (2 cores):  %.0f%%  (target >= 80%%)\n", 100 * c / c2
	printf "capture: %d chains/s (target >= 1200)\n", c
}'
