#!/usr/bin/env bash
# pki.sh DIR — generate the test PKI used by the tls suites into DIR.
#
# Four test roots whose distinguished names mimic real CAs (two in the EU,
# two in the US), each with an intermediate, and leaf certificates for the
# cases the suites exercise:
#   le.test        R11 Test -> ISRG Root X1 Test          (US)
#   eu.test        Certigna Services CA Test -> Certigna Root CA Test (FR)
#   gs.test        GlobalSign GCC R3 DV TLS CA 2020 Test -> GlobalSign Root R3 Test (BE, RSA)
#   dc.test        DigiCert Global G2 TLS RSA SHA256 2020 CA1 Test -> DigiCert Global Root G2 Test (US)
#   expired.test   Certigna intermediate, valid 2020-01-01 .. 2021-01-01
#   self.test      self-signed
#   incomplete.test DigiCert intermediate, served without it
#   mx.test        Certigna intermediate (SMTP STARTTLS)
#   wl.test        "Reseller TLS CA Test" (O=Reseller Europe Test, C=FR), a
#                  white-label intermediate under the DigiCert test root
#   sub.test       "Partner Sub CA Test" under the Certigna test root, an
#                  externally operated (subordinate) CA
#   gov.test       a government CA with no O= in its names (root and intermediate)
#   utf.test       an intermediate whose O= is written in UTF-8, decomposed (NFD)
# globalsign-int-xs.crt is the GlobalSign intermediate's subject and key
# cross-signed by the DigiCert test root: another certificate, the same CA.
# Outputs per leaf: NAME.key, NAME.crt, NAME.chain.pem (leaf + intermediate);
# roots.pem holds the four roots (the trust store of the suites).
set -euo pipefail
D=$1
mkdir -p "$D/newcerts"
cd "$D"
: > index.txt
echo 1000 > serial

cat > ext.cnf <<'CNF'
[root_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[int_ext]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
authorityInfoAccess = caIssuers;URI:http://$ENV::CAHOST/root.der
crlDistributionPoints = URI:http://$ENV::CRLHOST/root.crl
[leaf_ext]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = $ENV::SAN
authorityInfoAccess = OCSP;URI:http://$ENV::OCSPHOST/,caIssuers;URI:http://$ENV::CAHOST/int.der
crlDistributionPoints = URI:http://$ENV::CRLHOST/int.crl
[self_ext]
basicConstraints = CA:FALSE
subjectAltName = $ENV::SAN
[ca]
default_ca = ca_default
[ca_default]
database = index.txt
new_certs_dir = newcerts
serial = serial
default_md = sha256
policy = policy_any
unique_subject = no
[policy_any]
commonName = supplied
CNF
export OPENSSL_CONF=/dev/null
export SAN=DNS:unused.test CAHOST=ca.unused.test CRLHOST=crl.unused.test OCSPHOST=ocsp.unused.test

key() { # NAME TYPE
	if [ "$2" = rsa ]; then
		openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null
	else
		openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"
	fi
}

root() { # NAME TYPE SUBJ
	key "$1" "$2"
	openssl req -new -x509 -key "$1.key" -subj "$3" -days 3650 -sha256 \
		-config ext.cnf -extensions root_ext -out "$1.crt"
}

signed() { # NAME TYPE SUBJ ISSUER EXT DAYS
	key "$1" "$2"
	openssl req -new -key "$1.key" -subj "$3" -config ext.cnf -out "$1.csr"
	openssl x509 -req -in "$1.csr" -CA "$4.crt" -CAkey "$4.key" -CAcreateserial \
		-days "$6" -sha256 -extfile ext.cnf -extensions "$5" -out "$1.crt" 2>/dev/null
}

ca_pair() { # ID TYPE ROOTSUBJ INTSUBJ HOSTPART
	root "$1-root" "$2" "$3"
	CAHOST=ca.$5.test CRLHOST=crl.$5.test signed "$1-int" "$2" "$4" "$1-root" int_ext 1825
}

ca_pair isrg ec "/C=US/O=Internet Security Research Group Test/CN=ISRG Root X1 Test" \
	"/C=US/O=Let's Encrypt Test/CN=R11 Test" lencr
ca_pair certigna ec "/C=FR/O=Certigna Test/CN=Certigna Root CA Test" \
	"/C=FR/O=Certigna Test/CN=Certigna Services CA Test" certigna
ca_pair globalsign rsa "/C=BE/O=GlobalSign nv-sa Test/CN=GlobalSign Root R3 Test" \
	"/C=BE/O=GlobalSign nv-sa Test/CN=GlobalSign GCC R3 DV TLS CA 2020 Test" globalsign
ca_pair digicert ec "/C=US/O=DigiCert Inc Test/CN=DigiCert Global Root G2 Test" \
	"/C=US/O=DigiCert Inc Test/CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1 Test" digicert
cat isrg-root.crt certigna-root.crt globalsign-root.crt digicert-root.crt > roots.pem
# The same CA (subject and key) cross-signed by another root.
openssl x509 -req -in globalsign-int.csr -CA digicert-root.crt -CAkey digicert-root.key \
	-CAcreateserial -days 1825 -sha256 -extfile ext.cnf -extensions int_ext \
	-out globalsign-int-xs.crt 2>/dev/null
# A white-label intermediate and a subordinate CA.
CAHOST=ca.digicert.test CRLHOST=crl.digicert.test signed reseller-int ec \
	"/C=FR/O=Reseller Europe Test/CN=Reseller TLS CA Test" digicert-root int_ext 1825
CAHOST=ca.certigna.test CRLHOST=crl.certigna.test signed partner-int ec \
	"/C=US/O=Partner Corp Test/CN=Partner Sub CA Test" certigna-root int_ext 1825
# A government hierarchy without O=, and an intermediate named in NFD UTF-8.
root gov-root ec "/C=NL/CN=Staat der Nederlanden Test Root CA"
cat gov-root.crt >> roots.pem
CAHOST=ca.gov.test CRLHOST=crl.gov.test signed gov-int ec \
	"/C=NL/CN=Staat der Nederlanden Test Services CA" gov-root int_ext 1825
key utf-int ec
openssl req -new -key utf-int.key -utf8 -subj "/C=TR/O=Tu$(printf '\314\210')rktrust Bilgi Test/CN=UTF Test CA" \
	-config ext.cnf -out utf-int.csr
CAHOST=ca.utf.test CRLHOST=crl.utf.test openssl x509 -req -in utf-int.csr -CA certigna-root.crt \
	-CAkey certigna-root.key -CAcreateserial -days 1825 -sha256 -extfile ext.cnf \
	-extensions int_ext -out utf-int.crt 2>/dev/null

leaf() { # NAME TYPE CA HOSTPART
	SAN="DNS:$1" CAHOST=ca.$4.test CRLHOST=crl.$4.test OCSPHOST=ocsp.$4.test \
		signed "$1" "$2" "/CN=$1" "$3-int" leaf_ext 365
	cat "$1.crt" "$3-int.crt" > "$1.chain.pem"
}

leaf le.test ec isrg lencr
leaf eu.test ec certigna certigna
leaf gs.test rsa globalsign globalsign
leaf dc.test ec digicert digicert
leaf mx.test ec certigna certigna
leaf incomplete.test ec digicert digicert
leaf wl.test ec reseller digicert
leaf sub.test ec partner certigna
leaf gov.test ec gov gov
leaf utf.test ec utf utf
cp incomplete.test.crt incomplete.test.chain.pem

# Expired: `openssl ca` is the only way to set past dates with OpenSSL 3.0.
key expired.test ec
openssl req -new -key expired.test.key -subj "/CN=expired.test" -config ext.cnf -out expired.test.csr
SAN=DNS:expired.test CAHOST=ca.certigna.test CRLHOST=crl.certigna.test \
OCSPHOST=ocsp.certigna.test openssl ca -batch -config ext.cnf -cert certigna-int.crt \
	-keyfile certigna-int.key -in expired.test.csr -startdate 20200101000000Z \
	-enddate 20210101000000Z -extfile ext.cnf -extensions leaf_ext -notext \
	-out expired.test.crt 2>/dev/null
cat expired.test.crt certigna-int.crt > expired.test.chain.pem

key self.test ec
# A self-signed certificate that names a French CA of the registry as its
# issuer: any server can write that; it must not make the CA its owner.
SAN=DNS:self.test openssl req -new -x509 -key self.test.key -subj "/O=Certigna Test/CN=self.test" \
	-days 365 -config ext.cnf -extensions self_ext -out self.test.crt
cp self.test.crt self.test.chain.pem
