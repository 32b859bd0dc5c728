#!/usr/bin/env bash
# Batch probe benchmark: `sovcheck probe --batch` of N suppliers (default
# 1,000) with NAMES names each (default 10) collected live on loopback —
# NSD behind Unbound, nginx load balancers with the test PKI, TLS 1.2-only
# and TLS 1.3 servers, addresses located in France on OVH and in the US on
# Amazon — beside `sovcheck check` of one manifest whose endpoints are the
# same names, in the same run.
#
# How: at least 3 interleaved rounds (RUNS) of probe --batch --no-san,
# check and (SAN=1) probe --batch with the certificates' names on, after a
# warm-up round; whole-process wall time and peak RSS (/usr/bin/time -v),
# medians. Prints suppliers/s, names/s, peak RSS and the ratio probe /
# check; checks every probe output (profiles.json: the N suppliers, each
# with its names; concentration.json: OVHcloud and Amazon with the
# expected supplier and critical-or-important counts) and exits 1 when one
# is wrong; then the stages of one more probe run (progress lines).
# Details in bench/probe.py.
#
#   bench/probe.sh [N] [BUILDDIR]    (default 1000, build-bench)
#
# The manifest loader takes at most 100,000 endpoints: beyond N x NAMES =
# 100,000, check gets the suppliers that fit; probe collects in chunks.
# Env: RUNS, NAMES (10), LBS (load balancers, 8), ADDRS (addresses, even,
# 4), SAN (1: also the run with certificate names; 0: not), CHECK_FORMAT
# (check's --format; default its default documents).
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$SRC/bench/lib.sh"
n=1000
build=$SRC/build-bench
for a in "$@"; do
	case "$a" in
	*[!0-9]*) build=$a ;;
	'') ;;
	*) n=$a ;;
	esac
done
case "$build" in /*) ;; *) build=$PWD/$build ;; esac
[ "$n" -ge 1 ] || { echo "bench/probe.sh: N must be at least 1" >&2; exit 64; }
bench_need nsd unbound nginx dig openssl python3 /usr/bin/time
bench_build "$build" cmd/sovcheck
bench_buildtype "$build"
export PATH=$PATH:/usr/sbin
exec python3 "$SRC/bench/probe.py" --sovcheck "$build/cmd/sovcheck" -n "$n"
