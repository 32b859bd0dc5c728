#!/usr/bin/env bash
# Build the default geolocation databases from public data obtained with the
# ordinary package clients, and from the RFC 8805 geofeeds a user adds:
#
#   geodb/data/sovcheck-default.mmdb
#     - npm @ip-location-db/geo-whois-asn-country-mmdb  country (CC0 1.0)
#     - npm @ip-location-db/asn                          ASN + organisation
#         (CC BY 4.0: RouteViews, DB-IP, NRO)
#     - RFC 8805 geofeeds, which override the country for the prefixes they
#       cover, more specific prefixes first: every file named in
#       SOVCHECK_GEODB_GEOFEEDS (separated by spaces) and every *.csv in
#       geodb/geofeeds/ (in name order)
#   geodb/data/sovcheck-ipfire.mmdb
#     - Debian tor-geoipdb (/usr/share/tor/geoip, geoip6)  country
#         (IPFire Location database, CC BY-SA 4.0)
#
# The second database is an independent source of countries: `check` and
# `lookup` consult both, and where they disagree the more specific answer
# decides, or the location is unknown (docs/checks.md). It is not merged
# into the first, where it would be silently overridden.
#
# Usage: geodb/build-default.sh PATH_TO_SOVCHECK
#
# Data lands in geodb/data/ (git-ignored, never committed). Idempotent: the
# packages are installed once (SOVCHECK_GEODB_REFRESH=1 fetches them again)
# and each database is rebuilt only when it is missing or its inputs
# (package versions, the geofeeds' contents, this recipe, the sovcheck
# version) changed. Without npm data (no network) only the geofeeds go into
# the first database (none: it is not built) and the second is built as
# usual. Set SOVCHECK_GEODB_OUT to write the first elsewhere; the second is
# written beside it.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sovcheck=${1:-}
if [ -z "$sovcheck" ] || [ ! -x "$sovcheck" ]; then
	echo "usage: geodb/build-default.sh PATH_TO_SOVCHECK" >&2
	exit 64
fi
sovcheck=$(cd "$(dirname "$sovcheck")" && pwd)/$(basename "$sovcheck")

data="$here/data"
out=${SOVCHECK_GEODB_OUT:-$data/sovcheck-default.mmdb}
out2="$(dirname "$out")/sovcheck-ipfire.mmdb"
npmdir="$data/npm"
mods="$npmdir/node_modules/@ip-location-db"
log() { printf '==> geodb: %s\n' "$*" >&2; }

mkdir -p "$data" "$(dirname "$out")"

# 1. Public data through npm, into a private prefix.
if [ "${SOVCHECK_GEODB_REFRESH:-0}" = 1 ] ||
   [ ! -f "$mods/asn/asn-ipv4.csv" ] ||
   [ ! -f "$mods/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb" ]; then
	if command -v npm >/dev/null 2>&1; then
		log "installing @ip-location-db/asn and @ip-location-db/geo-whois-asn-country-mmdb"
		mkdir -p "$npmdir"
		[ -f "$npmdir/package.json" ] || printf '{"name":"sovcheck-geodb-data","private":true}\n' > "$npmdir/package.json"
		if ! npm install --prefix "$npmdir" --no-audit --no-fund --loglevel=error \
			@ip-location-db/asn @ip-location-db/geo-whois-asn-country-mmdb >&2; then
			log "npm install failed: the first database gets the geofeeds alone"
		fi
	else
		log "npm not found: the first database gets the geofeeds alone"
	fi
fi

# Version of an npm package ("2.3.2026061719" -> data of 2026-06-17).
pkg_version() {
	sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$1/package.json" | head -n 1
}
pkg_date() {
	pkg_version "$1" | sed -n 's/^[0-9]*\.[0-9]*\.\([0-9]\{4\}\)\([0-9]\{2\}\)\([0-9]\{2\}\).*/\1-\2-\3/p'
}

# build OUT LABEL ARGS...: build OUT unless it was built from these very
# inputs (the stamp beside it records versions and checksums, not times:
# npm gives package files a fixed old date).
build() {
	local db=$1 label=$2; shift 2
	local stamp="$db.inputs" want
	want=$( { printf '%s\n' "$@"; cksum < "${BASH_SOURCE[0]}"; "$sovcheck" --version
	          if [ "$label" = default ]; then
	              for f in "${feeds[@]}"; do cksum < "$f"; done
	          fi; } )
	if [ -f "$db" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		log "$db is up to date"
		return 0
	fi
	log "building $db"
	rm -f "$stamp"
	"$sovcheck" geodb build "$@" -o "$db" >&2
	printf '%s\n' "$want" > "$stamp"
	log "done: $("$sovcheck" geodb info "$db" | sed -n 's/^networks: *//p') networks"
}

# 2. The geofeeds a user adds: SOVCHECK_GEODB_GEOFEEDS, then geodb/geofeeds/.
feeds=()
for f in ${SOVCHECK_GEODB_GEOFEEDS:-}; do
	if [ ! -r "$f" ]; then
		log "SOVCHECK_GEODB_GEOFEEDS names $f, which cannot be read"
		exit 66
	fi
	feeds+=("$f")
done
if [ -d "$here/geofeeds" ]; then
	while IFS= read -r -d '' f; do
		feeds+=("$f")
	done < <(find "$here/geofeeds" -maxdepth 1 -type f -name '*.csv' -print0 | sort -z)
fi

# 3. The first database: countries and ASNs, then the geofeeds over them.
args=()
data_date=
country_mmdb="$mods/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb"
if [ -f "$country_mmdb" ]; then
	v=$(pkg_version "$mods/geo-whois-asn-country-mmdb")
	args+=(--mmdb "$country_mmdb" --source "ip-location-db geo-whois-asn-country $v (sapics), CC0 1.0")
	data_date=$(pkg_date "$mods/geo-whois-asn-country-mmdb")
fi
for fam in ipv4 ipv6; do
	f="$mods/asn/asn-$fam.csv"
	if [ -f "$f" ]; then
		v=$(pkg_version "$mods/asn")
		args+=(--csv "$f" --source "ip-location-db asn $v ($fam): IP to ASN data by RouteViews (routeviews.org), DB-IP (db-ip.com) and the NRO (nro.net), CC BY 4.0")
		d=$(pkg_date "$mods/asn")
		if [ -n "$d" ] && { [ -z "$data_date" ] || [[ "$d" < "$data_date" ]]; }; then
			data_date=$d
		fi
	fi
done
for f in "${feeds[@]}"; do
	args+=(--geofeed "$f" --source "RFC 8805 geofeed $(basename "$f")")
done
built=0
if [ ${#args[@]} -gt 0 ]; then
	[ -n "$data_date" ] && args+=(--data-date "$data_date")
	build "$out" default "${args[@]}"
	built=1
elif [ -f "$out" ]; then
	log "no input for $out: the one there is left as it is"
fi

# 4. The second database: IPFire's countries, on their own.
if [ -r /usr/share/tor/geoip ]; then
	torv=$(dpkg-query -W -f='${Version}' tor-geoipdb 2>/dev/null || echo unknown)
	src="IPFire Location database via Debian tor-geoipdb $torv, CC BY-SA 4.0 (location.ipfire.org)"
	args=(--csv /usr/share/tor/geoip --source "$src (IPv4)")
	[ -r /usr/share/tor/geoip6 ] && args+=(--csv /usr/share/tor/geoip6 --source "$src (IPv6)")
	# The date of the data, from the export's own header ("# Generated: Thu,
	# 25 Jun 2026 04:33:59 GMT"), so that reports can flag it when stale.
	g=$(sed -n '1,40s/^# Generated: *//p' /usr/share/tor/geoip | head -n 1)
	d=$( [ -n "$g" ] && date -u -d "$g" +%Y-%m-%d 2>/dev/null || true)
	if [ -n "$d" ]; then
		args+=(--data-date "$d")
	else
		log "no date in /usr/share/tor/geoip: its data counts as built today"
	fi
	build "$out2" ipfire "${args[@]}"
	built=1
else
	log "tor-geoipdb is not installed: no second, independent source of countries"
fi
if [ "$built" = 0 ]; then
	log "no input data: neither the npm packages, nor geofeeds, nor tor-geoipdb are available"
	exit 4
fi
