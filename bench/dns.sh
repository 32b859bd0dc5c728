#!/usr/bin/env bash
# DNS collection benchmark: 10,000 names through Unbound -> NSD on loopback,
# for sovcheck's collector, adnshost, dig -f, and dnsperf (the servers'
# ceiling). Prints its figures; not a test.
#
#   bench/dns.sh [BUILDDIR]     (default: build-bench, a release build)
#
# Needs root: adnshost only talks to port 53, so Unbound also listens on
# 127.0.0.2:53 for it. Environment: BENCH_NAMES, BENCH_JOBS, BENCH_RUNS.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build-bench}
case "$build" in /*) ;; *) build=$here/$build ;; esac
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$here" --buildtype=release -Dsanitize=false >/dev/null
fi
ninja -C "$build" tests/dns/dns-driver >/dev/null
for t in nsd unbound adnshost dig dnsperf; do
	command -v "$t" >/dev/null || PATH=$PATH:/usr/sbin
	command -v "$t" >/dev/null || { echo "bench/dns.sh: $t is missing" >&2; exit 4; }
done
exec python3 "$here/bench/dns-bench.py" "$build/tests/dns/dns-driver"
