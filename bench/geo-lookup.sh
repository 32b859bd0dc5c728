#!/usr/bin/env bash
# Geo benchmark: prints
#   - the build of the default database (geodb/build-default.sh, about a
#     million ranges): wall time and peak resident memory (/usr/bin/time -v),
#     one run;
#   - lookups per second over N random addresses (default 1,000,000) through
#     sc_geo_lookup (core/geo.c), with and without the registry attribution
#     (operator by ASN, ultimate controller), next to bare libmaxminddb loops
#     over the same addresses in the same process: the fair peer and
#     headline, inet_pton + MMDB_lookup_sockaddr + MMDB_aget_value of the
#     same three fields; MMDB_lookup_string for reference. Each loop timed
#     by the thread's CPU clock, GEO_BENCH_ROUNDS rounds (default 5, >= 3)
#     in rotating order, medians (bench/geo-lookup.c). Target: sc_geo_lookup
#     with attribution >= 90 % of the bare sockaddr loop.
#
# Usage: bench/geo-lookup.sh [BUILD_DIR] [N]
#   BUILD_DIR  an optimised build without sanitizers (default build-bench,
#              set up here with buildtype=release if missing)
#   N          addresses (default 1000000)
# Env: GEODB=FILE  look up in FILE and skip the database build (which needs
#                  the public data of geodb/build-default.sh).
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$SRC/bench/lib.sh"
build=${1:-$SRC/build-bench}
case "$build" in /*) ;; *) build=$PWD/$build ;; esac
n=${2:-1000000}
bench_build "$build" cmd/sovcheck tests/geo/geo-lookup
bench_buildtype "$build"
sovcheck="$build/cmd/sovcheck"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sovcheck-bench-geo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -n "${GEODB:-}" ]; then
	db=$GEODB
	[ -f "$db" ] || { echo "bench/geo-lookup.sh: no $db" >&2; exit 4; }
	echo "== default database build: skipped (GEODB given)"
else
	bench_need /usr/bin/time
	# Make sure the public data is there, then time a fresh build of it.
	"$SRC/geodb/build-default.sh" "$sovcheck" 2>/dev/null
	db=$tmp/default.mmdb
	SOVCHECK_GEODB_OUT=$db /usr/bin/time -v -o "$tmp/time" \
		"$SRC/geodb/build-default.sh" "$sovcheck" 2>"$tmp/build.log"
	wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$tmp/time")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	echo "== default database build (geodb/build-default.sh, $(nproc) cores, one run)"
	grep -E "networks|inputs:|merged:" "$tmp/build.log" | sed 's/^/   /'
	echo "   wall time:        $wall"
	echo "   peak RSS:         $((rss / 1024)) MiB"
fi
echo
echo "== lookups ($n random addresses, $(basename "$db"))"
"$build/tests/geo/geo-lookup" bench "$n" 42 "$db" "$SRC/geodb/registry" | sed 's/^/   /'
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
