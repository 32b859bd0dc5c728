#!/usr/bin/env bash
# DNS collection benchmark: BENCH_NAMES names (default 10,000; A, AAAA,
# A+AAAA, two-hop CNAME chains) through Unbound -> NSD on loopback, A and
# AAAA asked for each, by sovcheck's collector (tests/dns/dns-driver),
# adnshost (batch sizes swept), dig -f, and dnsperf (the servers' ceiling:
# clients x threads x outstanding swept, each query once).
#
# How: Unbound's cache warmed by one collector run, then BENCH_RUNS (>= 3,
# default 5) interleaved rounds, every peer at every setting once per round;
# whole-process wall time for every tool; medians per setting, a peer's
# best median as its figure; prints names/s and the ratios. Details in
# bench/dns-bench.py. Prints its figures; not a test.
#
#   bench/dns.sh [BUILDDIR]     (default: build-bench, a release build)
#
# Needs root for adnshost (it only talks to port 53; Unbound also listens on
# a random 127.X.Y.Z:53 for it). Env: BENCH_NAMES, BENCH_JOBS (collector,
# 256), BENCH_RUNS, BENCH_ADNS_BATCHES ("25 50 75 100 125"), BENCH_DNSPERF
# ("c:T:q ...").
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$SRC/bench/lib.sh"
build=${1:-$SRC/build-bench}
case "$build" in /*) ;; *) build=$PWD/$build ;; esac
bench_build "$build" tests/dns/dns-driver
bench_buildtype "$build"
export PATH=$PATH:/usr/sbin
bench_need nsd unbound adnshost dig dnsperf python3
exec python3 "$SRC/bench/dns-bench.py" "$build/tests/dns/dns-driver"
