#!/usr/bin/env bash
# bench/ca-chains.sh [BUILDDIR] — CA-owner accuracy on real certificate
# chains: public test data that carries real chains issued by public CAs is
# fetched at run time into a temporary directory (Debian packages with
# `apt-get download`, unpacked with `dpkg-deb -x`; nothing is installed or
# kept), chains are assembled from it up to the CCADB's roots
# (../shared/reference/data/ca), and `sovcheck lookup --chain --at` is
# scored against the CCADB's owners. See bench/ca-chains.py.
#
# The packages (SOVCHECK_CHAIN_PKGS overrides the list):
#   golang-1.19-src                  Go's crypto/x509 and crypto/tls tests
#                                    (real chains as PEM string constants)
#   golang-github-cloudflare-cfssl-dev  cfssl's bundler test data: a bundle of
#                                    ~230 real intermediates, old root stores
#   golang-github-google-certificate-transparency-dev  CT test chains
#   librust-webpki-dev               webpki's tests (a real Netflix chain)
#   python3-cryptography-vectors     real site certificates and chains
#   testssl.sh                       root stores (Microsoft, Apple, Java...):
#                                    the PEMs of CCADB roots the CCADB
#                                    reports here carry without one
#   librust-rustls-dev               rustls's test chains (GitHub, Google,
#                                    Twitter, Wikipedia...)
#   lacme                            Let's Encrypt's intermediates
#   r-cran-openssl r-cran-rcurl r-cran-rsconnect  R's TLS test data and
#                                    bundled CA files
#   glib-networking-tests cl-plus-ssl  test chains (VeriSign, Google)
#   golang-step-crypto-dev           smallstep's x509util test data
#   libpython3.11-testsuite          CPython's ssl test certificates
#   igtf-policy-classic igtf-policy-experimental igtf-policy-mics
#                                    the IGTF's grid CAs (some chain to
#                                    public roots: HARICA, eMudhra...)
#   libkf5kdelibs4support-data       KDE's old CA bundle (with intermediates)
#   refind                           Microsoft's UEFI / Windows PCA certificates
#   golang-github-xenolf-lego-dev    lego's test data
# Source packages (SOVCHECK_CHAIN_SRCPKGS overrides the list; empty: none),
# each PKG or PKG:PATTERN[,PATTERN...]: its upstream tarball is unpacked
# whole, or only the members matching the patterns:
#   openjdk-17:*/test/*              the JDK's tests (its per-CA certification
#                                    tests: real chains of Certigna, D-TRUST,
#                                    LuxTrust, HARICA, emSign, DigiCert...)
#   gnutls28 botan nss openssl wolfssl  the TLS libraries' test certificates
# They are fetched with `apt-get source --download-only` under a private apt
# configuration in the temporary directory: its deb-src lines are the
# machine's own deb lines (nothing of the machine's apt state is touched);
# when the newest version's files cannot be fetched (a security archive
# that does not serve sources), the other versions the index lists are
# tried, newest first.
# A directory of extra sources may be given with SOVCHECK_CHAIN_SRC (every
# file under it is scanned too).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build-bench}
case "$build" in /*) ;; *) build=$here/$build ;; esac
if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" "$here" --buildtype=release -Dsanitize=false -Dtests=false >/dev/null
fi
ninja -C "$build" cmd/sovcheck >/dev/null
ca=${SOVCHECK_CA_DATA:-$here/../shared/reference/data/ca}
[ -d "$ca/raw" ] || { echo "ca-chains.sh: no CCADB data in $ca (set SOVCHECK_CA_DATA)" >&2; exit 4; }
python3 -c 'import cryptography, yaml' 2>/dev/null ||
	{ echo "ca-chains.sh: needs python3-cryptography and python3-yaml" >&2; exit 4; }

pkgs=${SOVCHECK_CHAIN_PKGS:-golang-1.19-src golang-github-cloudflare-cfssl-dev golang-github-google-certificate-transparency-dev librust-webpki-dev python3-cryptography-vectors testssl.sh
	librust-rustls-dev lacme r-cran-openssl r-cran-rcurl r-cran-rsconnect glib-networking-tests cl-plus-ssl
	golang-step-crypto-dev libpython3.11-testsuite igtf-policy-classic igtf-policy-experimental igtf-policy-mics
	libkf5kdelibs4support-data refind golang-github-xenolf-lego-dev}
work=$(mktemp -d -t sovcheck-chains.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/deb" "$work/src"
srcs=()
for p in $pkgs; do
	if ! (cd "$work/deb" && apt-get download "$p" >/dev/null 2>&1); then
		echo "ca-chains.sh: cannot download $p (skipped)" >&2
		continue
	fi
	deb=$(ls "$work/deb/${p}"_*.deb | head -n 1)
	dpkg-deb -x "$deb" "$work/src/$p"
	rm -f "$deb"
	srcs+=("$work/src/$p")
done

srcpkgs=${SOVCHECK_CHAIN_SRCPKGS-openjdk-17:*/test/* gnutls28 botan nss openssl wolfssl}
if [ -n "$srcpkgs" ]; then
	# A private apt configuration: deb-src twins of the machine's deb sources.
	apt_dir=$work/apt
	mkdir -p "$apt_dir/parts" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >"$apt_dir/parts/$(basename "$f").list"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		sed -E 's/^Types:.*/Types: deb-src/' "$f" >"$apt_dir/parts/$(basename "$f")"
	done
	apt_opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt_dir/parts"
		-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
		-o APT::Sandbox::User=root)
	if ! apt-get "${apt_opts[@]}" -qq update >/dev/null 2>&1; then
		echo "ca-chains.sh: cannot read the source indexes (source packages skipped)" >&2
		srcpkgs=
	fi
	set -f
	for spec in $srcpkgs; do
		set +f
		p=${spec%%:*}
		pats=()
		if [ "$spec" != "$p" ]; then
			IFS=, read -r -a pats <<<"${spec#"$p:"}"
			pats=(--wildcards "${pats[@]}")
		fi
		d=$work/dl/$p
		got=
		for v in "" $(apt-cache "${apt_opts[@]}" showsrc "$p" 2>/dev/null |
				sed -n 's/^Version: //p' | sort -u -r -V); do
			rm -rf "$d"; mkdir -p "$d"
			if (cd "$d" && apt-get "${apt_opts[@]}" -qq source --download-only "$p${v:+=$v}" >/dev/null 2>&1); then
				got=${v:-newest}; break
			fi
		done
		orig=
		for f in "$d"/*.orig.tar.*; do   # the upstream tarball, not its signature
			case "$f" in *.asc | *'*'*) ;; *) orig=$f; break ;; esac
		done
		if [ -z "$got" ] || [ -z "$orig" ]; then
			echo "ca-chains.sh: cannot download the source of $p (skipped)" >&2
			rm -rf "$d"; continue
		fi
		mkdir -p "$work/src/src-$p"
		tar -xf "$orig" -C "$work/src/src-$p" "${pats[@]}" 2>/dev/null || true
		rm -rf "$d"
		echo "ca-chains.sh: source $p ($(basename "$orig")): $(find "$work/src/src-$p" -type f | wc -l) files" >&2
		srcs+=("$work/src/src-$p")
	done
	set +f
fi
[ -n "${SOVCHECK_CHAIN_SRC:-}" ] && srcs+=("$SOVCHECK_CHAIN_SRC")
[ ${#srcs[@]} -gt 0 ] || { echo "ca-chains.sh: no source could be fetched" >&2; exit 4; }
python3 "$here/bench/ca-chains.py" "$build/cmd/sovcheck" "$ca" "${srcs[@]}"
