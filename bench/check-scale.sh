#!/usr/bin/env bash
# Scale benchmark: `sovcheck check` of 1,000, 10,000 and 100,000 endpoints
# with inputs equivalent to a live collection, offline: zone files (shared
# load balancers: many names -> the same addresses; CDN CNAMEs) and a PEM
# chain for every endpoint, TLS on (--chains DIR, DIR/HOST.pem), a test
# geodb. Prints wall time and peak RSS per size (whole process, medians of
# RUNS runs, default 3; /usr/bin/time -v) and time(100k)/time(10k).
# Sovcheck alone: no peer. Details in bench/check-scale.py.
#
#   bench/check-scale.sh [BUILDDIR] [SIZE...]   (default build-bench; 1000 10000 100000)
#
# The manifest loader refuses more than 100,000 entries in a list and more
# than 2,000,000 YAML nodes: a size it refuses is reported with its message.
# Env: RUNS, LBS (load balancers, 50).
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$SRC/bench/lib.sh"
build=${1:-$SRC/build-bench}
case "$build" in /*) ;; *) build=$PWD/$build ;; esac
[ $# -gt 0 ] && shift
bench_need openssl python3 /usr/bin/time
bench_build "$build" cmd/sovcheck
bench_buildtype "$build"
python3 "$SRC/bench/check-scale.py" "$build/cmd/sovcheck" "$@"
