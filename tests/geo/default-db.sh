#!/usr/bin/env bash
# Well-known addresses in the default databases built by the setup
# (geodb/build-default.sh): cloud regions and European hosters answer with
# the country and AS the public data gives them. The expectations were
# read from the source data (ip-location-db asn CSV for the AS,
# geo-whois-asn-country for the country). The second default database
# (IPFire's countries) answers on its own; `lookup` and `check` without
# --geodb consult both, and the figures of their disagreements on a sample
# of provider addresses are printed. A geofeed given to the recipe decides
# the country of its prefixes. When the default databases have not been
# built the test fails and says how to build them (the setup builds them
# before the tests).
set -euo pipefail
: "${SOVCHECK_SRCDIR:?}" "${GEO_LOOKUP:?}" "${SOVCHECK:?}"
db="$SOVCHECK_SRCDIR/geodb/data/sovcheck-default.mmdb"
db2="$SOVCHECK_SRCDIR/geodb/data/sovcheck-ipfire.mmdb"
for f in "$db" "$db2"; do
	if [ ! -f "$f" ]; then
		echo "FAIL: no default database at $f: run geodb/build-default.sh first (scripts/setup.sh test does it before the tests)"
		exit 1
	fi
done
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
# address           country  AS     operator
cat > "$t/want" <<'W'
15.236.0.1	FR	16509	Amazon.com, Inc.
35.180.0.1	FR	16509	Amazon.com, Inc.
13.36.0.1	FR	16509	Amazon.com, Inc.
51.38.0.1	FR	16276	OVH SAS
91.121.0.1	FR	16276	OVH SAS
2001:41d0::1	FR	16276	OVH SAS
51.15.0.1	FR	12876	Scaleway SAS
88.198.0.1	DE	24940	Hetzner Online GmbH
2a01:4f8::1	DE	24940	Hetzner Online GmbH
::ffff:88.198.0.1	DE	24940	Hetzner Online GmbH
W
cut -f1 "$t/want" | "$GEO_LOOKUP" print "$db" | cut -f1-4 > "$t/got"
if ! diff -u "$t/want" "$t/got"; then
	echo "FAIL: sc_geo_lookup answers differ from the expected ones"
	exit 1
fi
# The independent reader agrees on the country.
while IFS='	' read -r ip cc asn org; do
	mmdblookup --file "$db" --ip "$ip" country iso_code > "$t/mmdb"
	grep -q "\"$cc\"" "$t/mmdb" ||
		{ echo "FAIL: mmdblookup $ip is not $cc"; exit 1; }
done < "$t/want"
"$SOVCHECK" geodb info "$db" > "$t/info"
grep -q "^database_type: *sovcheck-geo$" "$t/info"

# The ip-location-db country database the default one is built from
# (country_code layout, no IPv4-mapped alias) is read directly as well.
whois="$SOVCHECK_SRCDIR/geodb/data/npm/node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb"
if [ -f "$whois" ]; then
	printf '15.236.0.1\tFR\n2a01:4f8::1\tDE\n::ffff:88.198.0.1\tDE\n' > "$t/want2"
	cut -f1 "$t/want2" | "$GEO_LOOKUP" print "$whois" | cut -f1-2 > "$t/got2"
	diff -u "$t/want2" "$t/got2" || { echo "FAIL: ip-location-db layout"; exit 1; }
fi
echo "default database: $(wc -l < "$t/want") well-known addresses ok"

# The second database: IPFire's countries only, named as its input.
printf '15.236.0.1\tFR\n88.198.0.1\tDE\n2a01:4f8::1\tDE\n' > "$t/want3"
cut -f1 "$t/want3" | "$GEO_LOOKUP" print "$db2" > "$t/got3"
cut -f1-2 "$t/got3" | diff -u "$t/want3" - || { echo "FAIL: the IPFire database"; exit 1; }
cut -f3 "$t/got3" | grep -qv -- '-' && { echo "FAIL: the IPFire database gives an AS"; exit 1; }
cut -f8 "$t/got3" | grep -q '^IPFire Location database via Debian tor-geoipdb' ||
	{ echo "FAIL: the IPFire database does not name its input"; exit 1; }

# Without --geodb, lookup asks both. On provider addresses (cloud regions,
# hosters, CDNs), count how often they disagree and how each disagreement
# ends: settled by the more specific data, or unknown.
cat > "$t/sample" <<'S'
15.236.0.1
35.180.0.1
13.36.0.1
3.120.0.1
52.28.0.1
18.184.0.1
54.93.0.1
34.240.0.1
52.16.0.1
3.248.0.1
35.176.0.1
13.48.0.1
15.160.0.1
20.50.0.1
13.69.0.1
40.114.0.1
51.11.0.1
34.76.0.1
35.195.0.1
34.89.0.1
34.155.0.1
34.163.0.1
51.38.0.1
91.121.0.1
2001:41d0::1
51.91.1.1
54.36.0.1
137.74.0.1
147.135.0.1
51.79.0.1
15.204.0.1
88.198.0.1
2a01:4f8::1
95.216.0.1
65.21.0.1
5.161.0.1
51.15.0.1
163.172.0.1
62.210.0.1
212.47.224.1
217.160.0.1
82.165.0.1
1.1.1.1
104.16.0.1
2606:4700::1
23.32.0.1
2.16.0.1
151.101.0.1
164.90.0.1
138.68.0.1
167.99.0.1
139.162.0.1
172.104.0.1
80.158.0.1
185.19.28.1
194.182.160.1
94.237.0.1
130.61.0.1
141.147.0.1
47.91.0.1
8.208.0.1
8.8.8.8
142.250.0.1
S
set +e
"$SOVCHECK" lookup --json --no-tls $(cat "$t/sample") > "$t/lookup.json" 2> "$t/lookup.err"
rc=$?
set -e
[ "$rc" -le 2 ] || { cat "$t/lookup.err"; echo "FAIL: lookup exit $rc"; exit 1; }
python3 - "$t/lookup.json" <<'PY'
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
bad, n = [], {"agreed": 0, "settled": 0, "conflict": 0, "none": 0}
both = 0
for o in objs:
    srcs = o["location_sources"]
    dbs = [s["db"] for s in srcs]
    if len(srcs) == 2 and all(s["country"] for s in srcs):
        both += 1
    d = o["location_decision"]
    n[d["outcome"]] += 1
    countries = {s["country"] for s in srcs if s["country"]}
    # The rule, seen from outside: agreement stands; a disagreement ends
    # with the strictly more specific answer, or with no location.
    if d["outcome"] == "agreed" and len(countries) != 1:
        bad.append("%s: agreed on %s" % (o["subject"], countries))
    if d["outcome"] == "settled":
        win = [s for s in srcs if s["db"] == d["db"]][0]
        if not (len(countries) > 1 and o["geodb_country"] == win["country"] and
                all(s["country_prefix"] < win["country_prefix"] for s in srcs
                    if s["country"] and s["country"] != win["country"])):
            bad.append("%s: settled wrongly: %r" % (o["subject"], o))
    if d["outcome"] == "conflict" and (o["location"] is not None or len(countries) < 2):
        bad.append("%s: conflict with a location: %r" % (o["subject"], o))
    if any(db not in ("sovcheck-default.mmdb", "sovcheck-ipfire.mmdb") for db in dbs):
        bad.append("%s: not the default set: %r" % (o["subject"], dbs))
if len(objs) < 60 or both < 50:
    bad.append("%d answers, %d from both databases" % (len(objs), both))
for b in bad:
    print("FAIL: " + b)
print("default set on %d provider addresses: both databases give a country for %d; "
      "they disagree on %d: %d settled by the more specific, %d left unknown"
      % (len(objs), both, n["settled"] + n["conflict"], n["settled"], n["conflict"]))
sys.exit(1 if bad else 0)
PY

# `check` without --geodb: the evidence records both databases.
cat > "$t/p.zone" <<'Z'
$ORIGIN p.example.
$TTL 60
@ IN SOA ns1 h 1 7200 3600 1209600 60
@ IN NS ns1
ns1 IN A 88.198.0.1
api IN A 51.15.0.1
Z
cat > "$t/m.yaml" <<'M'
sovcheck: 1
service: {name: Default set}
locations:
  data: [{site: A, country: FR, holds: [customer]}]
endpoints:
  - {host: api.p.example, role: api, data: customer, tls: false}
sources:
  zones: [p.zone]
M
set +e
"$SOVCHECK" check "$t/m.yaml" --offline --date 2026-11-22 -o "$t/out" -q > /dev/null 2>&1
set -e
python3 - "$t/out" <<'PY'
import json, os, sys
ev = json.load(open(os.path.join(sys.argv[1], "evidence.json")))
fi = json.load(open(os.path.join(sys.argv[1], "findings.json")))
dbs = [d["file"] for d in ev["geo"]["databases"]]
dep = [d for d in fi["dependencies"] if d["subject"] == "51.15.0.1"][0]
ok = (dbs == ["sovcheck-default.mmdb", "sovcheck-ipfire.mmdb"] and
      len(dep["location_sources"]) == 2 and dep["location_decision"]["outcome"] in
      ("agreed", "settled", "conflict") and
      all(s["country_source"] for s in dep["location_sources"]))
print("check without --geodb: databases %s, 51.15.0.1 %s" % (dbs, dep["location_decision"]))
sys.exit(0 if ok else 1)
PY

# A geofeed given to the recipe decides the country of the prefixes it
# covers, and says so; the database of IPFire still answers beside it.
printf '# test geofeed\n15.236.0.0/24,DE,DE-HE,Frankfurt,\n' > "$t/feed.csv"
SOVCHECK_GEODB_OUT="$t/g/sovcheck-default.mmdb" SOVCHECK_GEODB_GEOFEEDS="$t/feed.csv" \
	"$SOVCHECK_SRCDIR/geodb/build-default.sh" "$SOVCHECK" 2> "$t/build.err" ||
	{ cat "$t/build.err"; echo "FAIL: build-default.sh with a geofeed"; exit 1; }
"$SOVCHECK" lookup --json --no-tls --geodb "$t/g/sovcheck-default.mmdb" \
	--geodb "$t/g/sovcheck-ipfire.mmdb" 15.236.0.1 15.236.1.1 > "$t/feed.json" || true
python3 - "$t/feed.json" <<'PY'
import json, sys
a, b = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
s = a["location_sources"][0]
ok = (a["location"] == "DE" and s["country_source"] == "RFC 8805 geofeed feed.csv" and
      s["country_prefix"] == 24 and a["location_decision"]["outcome"] == "settled" and
      a["location_decision"]["db"] == "sovcheck-default.mmdb" and b["location"] == "FR")
print("geofeed: 15.236.0.1 %s (%s), 15.236.1.1 %s" % (a["location"], a["location_decision"],
                                                      b["location"]))
sys.exit(0 if ok else 1)
PY
