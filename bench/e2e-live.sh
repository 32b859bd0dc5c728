#!/usr/bin/env bash
# Live end-to-end benchmark: `sovcheck check` of N TLS endpoints (default
# 10,000) collected live on loopback — NSD (authoritative) behind Unbound
# (recursive, forwarding to NSD), nginx load balancers with a generated test
# PKI, TLS 1.2-only and TLS 1.3 servers, every chain verified — next to the
# TLS ceiling, bench/tls-bare, doing the same verified handshakes (same
# addresses, ports, SNI names and trust anchor) in the same run.
#
# How: at least 3 interleaved rounds (RUNS), whole-process wall time and
# peak RSS (/usr/bin/time -v) for both sides, medians; the ceiling is the
# bare client's best median over its settings (BARE_THREADS x BARE_JOBS x
# BARE_VERIFY, default "1 2" x "64" x "every once": verifying in every
# handshake, or each distinct chain once as sovcheck does). Prints the ratio
# sovcheck / bare client, the TLS versions each side negotiated, and
# sovcheck's stage timings (from its progress lines, one extra run). Details
# in bench/e2e-live.py.
#
#   bench/e2e-live.sh [N] [BUILDDIR]    (default 10000, build-bench)
#
# The manifest loader refuses more than 100,000 endpoints; a larger N
# reports it. Env: RUNS, LBS (load balancers, 8), ADDRS (addresses, 4),
# BARE_THREADS, BARE_JOBS, BARE_VERIFY, GEODB (default geodb/data/sovcheck-default.mmdb
# when present; "none" to use only the loopback database).
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$SRC/bench/lib.sh"
n=10000
build=$SRC/build-bench
for a in "$@"; do
	case "$a" in
	*[!0-9]*) build=$a ;;
	'') ;;
	*) n=$a ;;
	esac
done
case "$build" in /*) ;; *) build=$PWD/$build ;; esac
[ "$n" -ge 1 ] || { echo "bench/e2e-live.sh: N must be at least 1" >&2; exit 64; }
bench_need nsd unbound nginx dig openssl python3 /usr/bin/time
bench_build "$build" cmd/sovcheck
bench_buildtype "$build"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sovcheck-e2e-build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
bare=$(bench_tls_bare "$build" "$tmp")
geodb=${GEODB:-$SRC/geodb/data/sovcheck-default.mmdb}
if [ "$geodb" = none ] || [ ! -f "$geodb" ]; then
	[ "$geodb" = none ] || echo "bench/e2e-live.sh: no $geodb: the loopback database alone" >&2
	geodb=
fi
export PATH=$PATH:/usr/sbin
python3 "$SRC/bench/e2e-live.py" --sovcheck "$build/cmd/sovcheck" --bare "$bare" \
	-n "$n" --geodb "$geodb"
