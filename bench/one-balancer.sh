#!/usr/bin/env bash
# bench/one-balancer.sh [BUILDDIR] [N...] — N names behind one load balancer
# of 16 addresses (every name a CNAME to it), resolved from a zone file,
# through the whole `sovcheck check` (findings.json and evidence.json).
# Prints, per N (default 1000 2500 5000 10000): wall time (median of 3
# runs, whole process), peak RSS, and the size of findings.json, with the
# ratio to the previous N: linear output means a ratio near N's ratio.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build-bench}
shift || true
sizes=${*:-1000 2500 5000 10000}
case "$build" in /*) ;; *) build=$here/$build ;; esac
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$here" --buildtype=release -Dsanitize=false -Dtests=false >/dev/null
fi
ninja -C "$build" cmd/sovcheck >/dev/null
sov=$build/cmd/sovcheck
command -v /usr/bin/time >/dev/null || { echo "one-balancer.sh: install 'time' (apt-get install time)" >&2; exit 4; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
printf '192.0.2.0,192.0.2.255,FR\n' > "$t/geo.csv"
"$sov" geodb build --csv "$t/geo.csv" -o "$t/g.mmdb" >/dev/null
prev_n="" prev_size=""
printf '%8s %10s %10s %14s %8s\n' names "time (s)" "RSS (MiB)" "findings (B)" ratio
for n in $sizes; do
	python3 - "$t" "$n" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
z = ["$ORIGIN lb.example.", "$TTL 60", "@ IN SOA ns1 h 1 7200 3600 1209600 60", "@ IN NS ns1",
     "ns1 IN A 192.0.2.1"] + ["lb IN A 192.0.2.%d" % (10 + k) for k in range(16)]
m = ["sovcheck: 1", "service: {name: One Balancer}", "endpoints:"]
for i in range(n):
    z.append("h%d IN CNAME lb" % i)
    m.append("  - {host: h%d.lb.example, role: api, data: customer, tls: false}" % i)
m.append("sources: {zones: [lb.zone]}")
open(d + "/lb.zone", "w").write("\n".join(z) + "\n")
open(d + "/s.yaml", "w").write("\n".join(m) + "\n")
PY
	times=() rss=0
	for r in 1 2 3; do
		rm -rf "$t/out"
		/usr/bin/time -f '%e %M' -o "$t/time" "$sov" check "$t/s.yaml" --offline \
			--geodb "$t/g.mmdb" --date 2026-11-22 -o "$t/out" -q --format json,evidence || true
		read -r s k < <(tail -n 1 "$t/time")
		times+=("$s")
		[ "$k" -gt "$rss" ] && rss=$k
	done
	med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
	size=$(stat -c %s "$t/out/findings.json")
	ratio=""
	[ -n "$prev_size" ] && ratio=$(python3 -c "print('x%.2f for x%.2f names' % ($size / $prev_size, $n / $prev_n))")
	printf '%8d %10s %10d %14d %s\n' "$n" "$med" $((rss / 1024)) "$size" "$ratio"
	prev_n=$n prev_size=$size
done
