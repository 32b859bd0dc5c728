#!/usr/bin/env bash
# bench/ca-accuracy.sh [BUILDDIR] — CA-owner accuracy on real certificates
# (the CCADB's Mozilla root reports, from ../shared/reference/data/ca), with
# and without the registry's CA index. See bench/ca-accuracy.py.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build-bench}
case "$build" in /*) ;; *) build=$here/$build ;; esac
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$here" --buildtype=release -Dsanitize=false -Dtests=false >/dev/null
fi
ninja -C "$build" cmd/sovcheck >/dev/null
ca=${SOVCHECK_CA_DATA:-$here/../shared/reference/data/ca}
[ -d "$ca/raw" ] || { echo "ca-accuracy.sh: no CCADB data in $ca (set SOVCHECK_CA_DATA)" >&2; exit 4; }
exec python3 "$here/bench/ca-accuracy.py" "$build/cmd/sovcheck" "$ca"
