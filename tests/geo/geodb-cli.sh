#!/usr/bin/env bash
# `sovcheck geodb build|info`: usage errors, input errors with file:line and
# exit 3, a corrupt database refused with exit 3, info output with dates,
# age flag, sources and counts.
set -euo pipefail
: "${SOVCHECK:?}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

expect_rc() { # expect_rc RC CMD...
	want=$1; shift
	set +e
	"$@" >"$t/out" 2>"$t/err"
	rc=$?
	set -e
	[ "$rc" = "$want" ] || { cat "$t/out" "$t/err" >&2; fail "exit $rc, want $want: $*"; }
}

expect_rc 0 "$SOVCHECK" geodb --help
grep -q -- "--geofeed FILE" "$t/out" || fail "help lacks --geofeed"
grep -q "GeoLite2-ASN.mmdb" "$t/out" || fail "help lacks the GeoLite2 example"
expect_rc 64 "$SOVCHECK" geodb
expect_rc 64 "$SOVCHECK" geodb frobnicate
expect_rc 64 "$SOVCHECK" geodb build --csv x.csv
expect_rc 64 "$SOVCHECK" geodb build -o x.mmdb
expect_rc 64 "$SOVCHECK" geodb build --source orphan --csv x.csv -o x.mmdb
expect_rc 64 "$SOVCHECK" geodb build --csv x.csv --record-size 27 -o x.mmdb
expect_rc 64 "$SOVCHECK" geodb info
expect_rc 64 "$SOVCHECK" geodb info a b

printf '1.0.0.0,1.0.0.255,AU\n1.0.1.0,1.0.1.255,Australia\n' > "$t/bad.csv"
expect_rc 3 "$SOVCHECK" geodb build --csv "$t/bad.csv" -o "$t/bad.mmdb"
grep -q "bad.csv:2: error: \[geodb-input\]" "$t/err" || { cat "$t/err"; fail "no file:line in the error"; }
[ ! -e "$t/bad.mmdb" ] || fail "a failed build left an output"
expect_rc 4 "$SOVCHECK" geodb build --csv "$t/missing.csv" -o "$t/x.mmdb"

printf '192.0.2.0,192.0.2.255,FR\n2001:db8::,2001:db8::ffff,DE\n' > "$t/c.csv"
printf '3221225984,3221226239,16276,OVH SAS\n' > "$t/a.csv"
printf '192.0.2.0/25,BE,,,\n192.0.2.1/24,FR,,,\n' > "$t/feed.csv"
expect_rc 0 "$SOVCHECK" geodb build --csv "$t/c.csv" --source "Test countries, CC0 1.0" \
	--csv "$t/a.csv" --source "Test ASNs, CC BY 4.0" --geofeed "$t/feed.csv" \
	--data-date 2026-06-17 --build-date 2026-11-22 -o "$t/db.mmdb"
grep -q "^$t/db.mmdb: [0-9]* networks" "$t/out" || fail "no build summary"
grep -q "1 invalid geofeed entries discarded" "$t/err" || fail "invalid geofeed entry not reported"

expect_rc 0 "$SOVCHECK" geodb info "$t/db.mmdb" --date 2026-11-22
cat "$t/out"
grep -q "^database_type: *sovcheck-geo$" "$t/out" || fail "database_type"
grep -q "^format: *MaxMind DB 2.0, IPv6 tree, 24-bit records" "$t/out" || fail "format"
grep -q "^build date: *2026-11-22 " "$t/out" || fail "build date"
grep -q "^data date: *2026-06-17$" "$t/out" || fail "data date"
grep -q "^age: *158 days on 2026-11-22: STALE" "$t/out" || fail "age flag"
grep -q "^sources: *Test countries, CC0 1.0$" "$t/out" || fail "sources"
grep -q "^ *Test ASNs, CC BY 4.0$" "$t/out" || fail "second source"
grep -q "^geofeed: *1$" "$t/out" || fail "geofeed count"
grep -q "^networks: *[1-9]" "$t/out" || fail "networks count"
expect_rc 0 "$SOVCHECK" geodb info "$t/db.mmdb" --date 2026-07-01
grep -q "^age: *14 days on 2026-07-01$" "$t/out" || fail "fresh database flagged"

# mmdblookup reads what we wrote, through the IPv4-mapped alias too.
mmdblookup --file "$t/db.mmdb" --ip ::ffff:192.0.2.100 country iso_code | grep -q '"BE"' || fail "mapped alias"
mmdblookup --file "$t/db.mmdb" --ip 192.0.2.1 autonomous_system_number | grep -q '16276' || fail "asn"
# Each record names the inputs that decided it (indices into sovcheck_sources:
# the geofeed is the third input, the ASN CSV the second) and how specific
# their ranges were.
mmdblookup --file "$t/db.mmdb" --ip 192.0.2.100 sovcheck country_source | grep -q '^ *2 <uint16>' ||
	fail "country source of a geofeed answer"
mmdblookup --file "$t/db.mmdb" --ip 192.0.2.100 sovcheck country_prefix | grep -q '^ *25 <uint16>' ||
	fail "country prefix of a geofeed answer"
mmdblookup --file "$t/db.mmdb" --ip 192.0.2.1 sovcheck asn_source | grep -q '^ *1 <uint16>' ||
	fail "ASN source"

# A damaged database is an input error (exit 3), never a crash.
head -c 300 "$t/db.mmdb" > "$t/trunc.mmdb"
expect_rc 3 "$SOVCHECK" geodb info "$t/trunc.mmdb"
grep -q "trunc.mmdb: error: \[geodb-corrupt\]" "$t/err" || fail "corrupt database message"
expect_rc 3 "$SOVCHECK" geodb build --mmdb "$t/trunc.mmdb" -o "$t/y.mmdb"
echo "geodb cli: ok"
