#!/usr/bin/env bash
# Geo benchmark: prints
#   - the build of the default database (geodb/build-default.sh, about a
#     million ranges): wall time and peak resident memory;
#   - lookups per second through sc_geo_lookup (core/geo.c) over 1 M random
#     addresses, next to a bare libmaxminddb loop (MMDB_lookup_string and
#     MMDB_aget_value of the same three fields) over the same addresses in
#     the same run, and with the registry attribution (operator by ASN,
#     ultimate controller); target: sc_geo_lookup >= 90 % of the bare loop.
#
# Usage: bench/geo-lookup.sh [BUILD_DIR] [N]
#   BUILD_DIR  an optimised build without sanitizers (default build-bench-geo,
#              set up here with buildtype=release if missing)
#   N          addresses (default 1000000)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
build=${1:-build-bench-geo}
n=${2:-1000000}
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" -Dbuildtype=release -Dsanitize=false >/dev/null || { echo "meson setup failed" >&2; exit 4; }
fi
ninja -C "$build" cmd/sovcheck tests/geo/geo-lookup >"$build/bench-ninja.log" 2>&1 || { tail -20 "$build/bench-ninja.log" >&2; exit 4; }
sovcheck="$build/cmd/sovcheck"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Make sure the public data is there, then time a fresh build of it.
geodb/build-default.sh "$sovcheck" 2>/dev/null
SOVCHECK_GEODB_OUT="$tmp/default.mmdb" /usr/bin/time -v -o "$tmp/time" \
	geodb/build-default.sh "$sovcheck" 2>"$tmp/build.log"
wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$tmp/time")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
echo "== default database build (geodb/build-default.sh, $(nproc) cores)"
grep -E "networks|inputs:|merged:" "$tmp/build.log" | sed 's/^/   /'
echo "   wall time:        $wall"
echo "   peak RSS:         $((rss / 1024)) MiB"
echo
echo "== lookups ($n random addresses, default database)"
"$build/tests/geo/geo-lookup" bench "$n" 42 "$tmp/default.mmdb" geodb/registry | sed 's/^/   /'
