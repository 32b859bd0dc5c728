#!/usr/bin/env bash
# Regenerates the demo's offline evidence: zone files (zones/) and
# certificate chains (certs/HOST.pem) for the fictional Acme Object Storage.
#
# The zones are demo data, not the providers' real zones: they map the demo's
# names to public addresses that really belong to the providers named (OVHcloud,
# Scaleway, Amazon Web Services in Paris, Cloudflare, Zendesk), so that the
# geolocation database and the entity registry attribute them as they would a
# live answer. The certificate authorities are test CAs whose names copy real
# ones (Certigna, Let's Encrypt, DigiCert, Amazon, GlobalSign), so that the
# registry attributes their owners; they sign nothing real. Their roots are
# written to trust/demo-roots.pem, which the manifest names as trust anchors
# (sources.trust): sovcheck only takes a CA owner from a chain that verifies
# to an anchor, and these test roots are in no system store.
#
# Usage: examples/acme-storage/make-demo.sh   (rewrites zones/, certs/, trust/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- zones -------------------------------------------------------------
mkdir -p zones
soa() { # origin
	printf '$ORIGIN %s.\n$TTL 3600\n@ IN SOA ns1.%s. hostmaster.%s. 2026112201 7200 3600 1209600 3600\n' "$1" "$1" "$1"
}
{
	soa acme-cloud.example
	cat <<'Z'
@        IN NS   dns200.anycast.me.
@        IN NS   ns200.anycast.me.
@        IN MX   1 mx1.mail.ovh.net.
@        IN MX   5 mx2.mail.ovh.net.
; customer data: object storage and API on OVHcloud in France
s3       IN A    51.91.12.34
s3       IN AAAA 2001:41d0:301::10
api      IN A    51.68.40.10
; customer and provider administration, OVHcloud
console  IN A    141.94.200.10
admin    IN A    213.186.33.5
; single sign-on on Scaleway (Iliad group, France)
sso      IN A    51.159.20.30
; public website behind a US CDN, and customer file downloads through it
www      IN CNAME acme-cloud.cdn.cloudflare.net.
files    IN CNAME acme-cloud.cdn.cloudflare.net.
; status page on Amazon Web Services, Paris region
status   IN A    15.236.20.7
; help desk: a US SaaS
support  IN CNAME acme-cloud.zendesk.com.
Z
} > zones/acme-cloud.example.zone
{
	soa cdn.cloudflare.net
	printf '@ IN NS ns1.cdn.cloudflare.net.\nns1 IN A 104.16.132.229\nacme-cloud IN A 104.16.132.229\nacme-cloud IN A 188.114.96.5\n'
} > zones/cdn.cloudflare.net.zone
{
	soa zendesk.com
	printf '@ IN NS ns1.zendesk.com.\nns1 IN A 185.12.80.10\nacme-cloud IN A 185.12.80.10\nacme-cloud IN A 188.172.128.20\n'
} > zones/zendesk.com.zone
{
	soa anycast.me
	printf '@ IN NS dns200.anycast.me.\ndns200 IN A 213.251.188.141\nns200 IN A 213.251.128.141\n'
} > zones/anycast.me.zone
{
	soa mail.ovh.net
	printf '@ IN NS dns200.anycast.me.\nmx1 IN A 188.165.36.237\nmx2 IN A 87.98.173.163\n'
} > zones/mail.ovh.net.zone

# ---- certificate authorities --------------------------------------------
mkdir -p certs
rm -f certs/*.pem
cat > "$tmp/ca.cnf" <<'C'
[ ca ]
default_ca = demo
[ demo ]
database = $ENV::CADIR/index.txt
new_certs_dir = $ENV::CADIR
serial = $ENV::CADIR/serial
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[ any ]
commonName = supplied
organizationName = optional
countryName = optional
[ v3_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_leaf ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
authorityInfoAccess = OCSP;URI:$ENV::OCSP_URL, caIssuers;URI:$ENV::ISSUER_URL
crlDistributionPoints = URI:$ENV::CRL_URL
C
export OCSP_URL=http://ocsp.example ISSUER_URL=http://ca.example/i.der CRL_URL=http://crl.example/c.crl
start=20260101000000Z
end=20361231000000Z

# ca NAME "ROOT SUBJECT" "INTERMEDIATE SUBJECT" OCSP ISSUERS CRL
ca() {
	local d="$tmp/$1"
	mkdir -p "$d"
	: > "$d/index.txt"
	echo 1000 > "$d/serial"
	export CADIR="$d"
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$d/root.key" 2>/dev/null
	openssl req -new -key "$d/root.key" -subj "$2" -out "$d/root.csr"
	openssl ca -batch -config "$tmp/ca.cnf" -selfsign -keyfile "$d/root.key" \
		-in "$d/root.csr" -out "$d/root.pem" -extensions v3_ca \
		-startdate "$start" -enddate "$end" -notext 2>/dev/null
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$d/int.key" 2>/dev/null
	openssl req -new -key "$d/int.key" -subj "$3" -out "$d/int.csr"
	openssl ca -batch -config "$tmp/ca.cnf" -cert "$d/root.pem" -keyfile "$d/root.key" \
		-in "$d/int.csr" -out "$d/int.pem" -extensions v3_ca \
		-startdate "$start" -enddate "$end" -notext 2>/dev/null
	echo "$4 $5 $6" > "$d/urls"
}

# leaf CA HOST
leaf() {
	local d="$tmp/$1" h="$2"
	export CADIR="$d"
	read -r OCSP_URL ISSUER_URL CRL_URL < "$d/urls"
	export OCSP_URL ISSUER_URL CRL_URL
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$d/$h.key" 2>/dev/null
	openssl req -new -key "$d/$h.key" -subj "/CN=$h" -addext "subjectAltName=DNS:$h" \
		-out "$d/$h.csr"
	openssl ca -batch -config "$tmp/ca.cnf" -cert "$d/int.pem" -keyfile "$d/int.key" \
		-in "$d/$h.csr" -out "$d/$h.pem" -extensions v3_leaf \
		-startdate 20260301000000Z -enddate 20270301000000Z -notext 2>/dev/null
	# The chain as a server presents it: leaf, intermediate (not the root).
	cat "$d/$h.pem" "$d/int.pem" > "certs/$h.pem"
}

ca certigna "/C=FR/O=Dhimyotis/CN=Certigna Root CA (demo)" \
	"/C=FR/O=Dhimyotis/CN=Certigna Server Authority (demo)" \
	http://ocsp.certigna.fr http://autorite.certigna.fr/sa.der http://crl.certigna.fr/sa.crl
ca letsencrypt "/C=US/O=Internet Security Research Group/CN=ISRG Root X1 (demo)" \
	"/C=US/O=Let's Encrypt/CN=R11 (demo)" \
	http://r11.o.lencr.org http://r11.i.lencr.org/ http://r11.c.lencr.org/1.crl
ca digicert "/C=US/O=DigiCert Inc/CN=DigiCert Global Root G2 (demo)" \
	"/C=US/O=DigiCert Inc/CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1 (demo)" \
	http://ocsp.digicert.com http://cacerts.digicert.com/g2.crt http://crl3.digicert.com/g2.crl
ca amazon "/C=US/O=Amazon/CN=Amazon Root CA 1 (demo)" "/C=US/O=Amazon/CN=Amazon RSA 2048 M02 (demo)" \
	http://ocsp.r2m02.amazontrust.com http://crt.r2m02.amazontrust.com/r2m02.cer \
	http://crl.r2m02.amazontrust.com/r2m02.crl
ca globalsign "/C=BE/O=GlobalSign nv-sa/CN=GlobalSign Root R3 (demo)" \
	"/C=BE/O=GlobalSign nv-sa/CN=GlobalSign GCC R3 DV TLS CA 2020 (demo)" \
	http://ocsp.globalsign.com/gsgccr3dvtlsca2020 \
	http://secure.globalsign.com/cacert/gsgccr3dvtlsca2020.crt \
	http://crl.globalsign.com/gsgccr3dvtlsca2020.crl

for h in s3 api console sso; do leaf certigna "$h.acme-cloud.example"; done
leaf digicert admin.acme-cloud.example
leaf letsencrypt www.acme-cloud.example
leaf letsencrypt files.acme-cloud.example
leaf amazon status.acme-cloud.example
leaf globalsign support.acme-cloud.example
mkdir -p trust
{
	echo "# The demo's test root CAs (make-demo.sh): trust anchors for the demo only."
	for c in certigna letsencrypt digicert amazon globalsign; do
		openssl x509 -in "$tmp/$c/root.pem" -subject -noout | sed 's/^/# /'
		openssl x509 -in "$tmp/$c/root.pem"
	done
} > trust/demo-roots.pem
echo "demo evidence written to $here/zones, $here/certs and $here/trust"
