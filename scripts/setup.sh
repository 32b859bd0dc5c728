#!/usr/bin/env bash
# sovcheck setup: installs what the project needs on Debian 12 (only what is
# missing), builds, and runs one of the jobs.
#
#   scripts/setup.sh demo   set up, build, run `sovcheck check` on the demo service
#   scripts/setup.sh test   set up, build with ASan+UBSan, run the whole test suite
#   scripts/setup.sh deps   install the Debian packages only
#   scripts/setup.sh build  set up and build (release and sanitizer builds)
#   scripts/setup.sh fuzz [SECONDS]  also install clang and llvm, run every
#                           fuzz target for SECONDS (bench/fuzz-all.sh)
#
# Idempotent: a second run installs nothing and rebuilds only what changed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

# Build tools and libraries (pkg-config names in meson.build), then the real
# servers and independent tools the test suites run against; a real browser
# (headless Chromium) prints the HTML documents to PDF, poppler-utils reads
# them back (pdfinfo, pdftotext, pdftoppm), and DejaVu is the documents'
# first font.
PACKAGES=(
	build-essential meson ninja-build pkg-config
	libyaml-dev libldns-dev libmaxminddb-dev libssl-dev libjansson-dev check libsubunit-dev
	ca-certificates openssl
	mmdb-bin ldnsutils dnsutils
	nsd unbound nginx-light
	adns-tools dnsperf
	tor-geoipdb nodejs npm
	python3 python3-yaml python3-jsonschema
	chromium poppler-utils fonts-dejavu-core
	systemd
)

# Only for `fuzz`: libFuzzer and the coverage tools.
FUZZ_PACKAGES=(clang llvm)

log() { printf '==> %s\n' "$*" >&2; }

install_deps() {
	local missing=()
	for p in "${PACKAGES[@]}" "$@"; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
			missing+=("$p")
		fi
	done
	# npm may come from outside Debian's packages; a working npm is enough.
	if command -v npm >/dev/null 2>&1; then
		local keep=()
		for p in "${missing[@]}"; do
			case "$p" in nodejs|npm) ;; *) keep+=("$p") ;; esac
		done
		missing=("${keep[@]}")
	fi
	if [ ${#missing[@]} -eq 0 ]; then
		log "Debian packages: all present"
		return
	fi
	log "installing: ${missing[*]}"
	if [ "$(id -u)" -ne 0 ]; then
		echo "setup: these packages are missing and installing them needs root: ${missing[*]}" >&2
		exit 4
	fi
	# The servers are started by the test harness on loopback high ports,
	# never as system services: keep the packages' init scripts from starting
	# them (and from taking port 53) during installation.
	local made_policy=0
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		made_policy=1
	fi
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
		apt-get update
		apt-get install -y --no-install-recommends "${missing[@]}"
	fi
	[ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
	return 0
}

default_geodb() {
	# The default geolocation database is built from public data obtained
	# with the package clients; it is never committed.
	if [ -x geodb/build-default.sh ]; then
		geodb/build-default.sh "$1"
	fi
}

build_dir() {
	local dir=$1; shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@"
	fi
	ninja -C "$dir"
}

cmd=${1:-}
case "$cmd" in
deps)
	install_deps
	;;
build)
	install_deps
	build_dir build
	build_dir build-asan -Dsanitize=true -Dwerror_ci=true
	;;
demo)
	install_deps
	build_dir build
	default_geodb build/cmd/sovcheck
	# A signing key of the demo's own, made here and never committed: the
	# filing is signed (SHA256SUMS.p7s) and then checked as an auditor would.
	key=out/demo-signing/key.pem cert=out/demo-signing/cert.pem
	if [ ! -f "$key" ] || [ ! -f "$cert" ]; then
		mkdir -p out/demo-signing
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
			-subj "/O=Acme Cloud SAS (demo)/CN=Acme sovereignty officer (demo)" \
			-addext keyUsage=critical,digitalSignature \
			-keyout "$key" -out "$cert" 2>/dev/null
	fi
	log "running: sovcheck check examples/acme-storage/service.yaml --offline -o out/demo --sign $key --cert $cert"
	set +e
	./build/cmd/sovcheck check examples/acme-storage/service.yaml --offline -o out/demo \
		--date 2026-11-22 --sign "$key" --cert "$cert"
	rc=$?
	set -e
	case $rc in
	0) log "exit 0: every requirement passes" ;;
	1) log "exit 1: at least one requirement fails (see out/demo/compliance.en.md)" ;;
	2) log "exit 2: no failure, but evidence is missing (see out/demo/compliance.en.md)" ;;
	*) log "exit $rc: the run did not complete"; exit "$rc" ;;
	esac
	log "documents: out/demo/residual-risk.{fr,en}.{md,html}, out/demo/compliance.{fr,en}.{md,html}"
	log "running: sovcheck verify out/demo --cert $cert --require-signature"
	./build/cmd/sovcheck verify out/demo --cert "$cert" --require-signature -q
	log "the signed filing verifies"
	;;
fuzz)
	install_deps "${FUZZ_PACKAGES[@]}"
	bench/fuzz-all.sh "${2:-1800}"
	;;
test)
	install_deps
	build_dir build-asan -Dsanitize=true -Dwerror_ci=true
	default_geodb build-asan/cmd/sovcheck
	meson test -C build-asan --print-errorlogs --num-processes 2
	;;
*)
	sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
	exit 64
	;;
esac
