#!/bin/sh
# bench/check-scale.sh [BUILD_DIR] [N] — time `sovcheck check` on a service
# with N endpoints (default 10000, the manifest limit) resolved from zone
# files: A + AAAA for each, a CNAME into a CDN for every third, a test geodb
# built with our builder. Prints endpoints, dependencies and wall time.
set -eu
build=${1:-build}
n=${2:-10000}
sov=$(cd "$build" && pwd)/cmd/sovcheck
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
python3 - "$t" "$n" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
z = ["$ORIGIN big.example.", "$TTL 300", "@ IN SOA ns1 h 1 7200 3600 1209600 300",
     "@ IN NS ns1", "ns1 IN A 192.0.2.1"]
c = ["$ORIGIN cdn.cloudflare.net.", "$TTL 300", "@ IN SOA ns1 h 1 7200 3600 1209600 300",
     "@ IN NS ns1", "ns1 IN A 203.0.113.1"]
m = ["sovcheck: 1", "service: {name: Scale}", "endpoints:"]
for i in range(n):
    if i % 3 == 0:
        z.append("h%d IN CNAME e%d.cdn.cloudflare.net." % (i, i))
        c.append("e%d IN A 203.0.113.%d" % (i, i % 250 + 1))
    else:
        z.append("h%d IN A 192.0.2.%d" % (i, i % 250 + 1))
        z.append("h%d IN AAAA 2001:db8::%x" % (i, i + 1))
    m.append("  - {host: h%d.big.example, role: api, data: customer, tls: false}" % i)
m.append("sources: {zones: [big.zone, cdn.zone]}")
open(d + "/big.zone", "w").write("\n".join(z) + "\n")
open(d + "/cdn.zone", "w").write("\n".join(c) + "\n")
open(d + "/service.yaml", "w").write("\n".join(m) + "\n")
open(d + "/geo.csv", "w").write("192.0.2.0,192.0.2.255,FR\n203.0.113.0,203.0.113.255,US\n"
                                "2001:db8::,2001:db8::ffff,DE\n")
open(d + "/asn.csv", "w").write('192.0.2.0,192.0.2.255,16276,OVH SAS\n'
                                '203.0.113.0,203.0.113.255,13335,"Cloudflare, Inc."\n')
PY
"$sov" geodb build --csv "$t/geo.csv" --csv "$t/asn.csv" -o "$t/t.mmdb" >/dev/null
start=$(date +%s.%N)
set +e
"$sov" check "$t/service.yaml" --offline --geodb "$t/t.mmdb" --date 2026-11-22 -o "$t/out" -q
rc=$?
set -e
end=$(date +%s.%N)
deps=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['dependencies']))" "$t/out/findings.json")
echo "endpoints: $n  dependencies: $deps  exit: $rc  wall: $(echo "$end - $start" | bc) s"
