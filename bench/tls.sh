#!/usr/bin/env bash
# TLS chain capture throughput on loopback: sovcheck's capture
# (tests/tls/tls-driver) against the TLS ceiling, bench/tls-bare (a bare
# epoll client doing the same verified handshakes), both at 1 and 2 threads,
# against the same nginx in the same run; an `openssl s_client -showcerts`
# loop for scale.
#
# How: nginx (2 workers) with PORTS servers (10), one certificate chain
# each, TLS 1.2 and 1.3 enabled (the negotiated versions are printed);
# every run handshakes NAMES (5,000) fresh SNI names, JOBS (128) in flight;
# a warm-up of each, then RUNS (>= 3) interleaved rounds; whole-process wall
# time and peak RSS for every run; medians, each client's best median for
# the ratio. Client and server share the machine's CPUs. Details in
# bench/tls-bench.py.
#
#   bench/tls.sh [BUILDDIR]     (default: build-bench, a release build)
#
# Env: RUNS, PORTS, NAMES, JOBS, THREADS ("1 2"), BARE_VERIFY ("every once":
# the bare client verifying in every handshake, and each distinct chain once
# as sovcheck does), SAMPLE (s_client loop, 100).
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$SRC/bench/lib.sh"
build=${1:-$SRC/build-bench}
case "$build" in /*) ;; *) build=$PWD/$build ;; esac
export PATH=$PATH:/usr/sbin
bench_need nginx openssl python3 /usr/bin/time
bench_build "$build" tests/tls/tls-driver
bench_buildtype "$build"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sovcheck-tls-build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bare=$(bench_tls_bare "$build" "$tmp")
python3 "$SRC/bench/tls-bench.py" "$build/tests/tls/tls-driver" "$bare"
