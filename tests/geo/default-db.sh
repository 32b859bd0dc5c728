#!/usr/bin/env bash
# Well-known addresses in the default database built by the setup
# (geodb/build-default.sh): cloud regions and European hosters answer with
# the country and AS the public data gives them. The expectations were
# read from the source data (ip-location-db asn CSV for the AS,
# geo-whois-asn-country for the country). When the default database has not
# been built the test fails and says how to build it (the setup builds it
# before the tests).
set -euo pipefail
: "${SOVCHECK_SRCDIR:?}" "${GEO_LOOKUP:?}"
db="$SOVCHECK_SRCDIR/geodb/data/sovcheck-default.mmdb"
if [ ! -f "$db" ]; then
	echo "FAIL: no default database at $db: run geodb/build-default.sh first (scripts/setup.sh test does it before the tests)"
	exit 1
fi
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
