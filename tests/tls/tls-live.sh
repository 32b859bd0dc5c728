#!/usr/bin/env bash
# tls-live — capture against a real nginx serving several names by SNI with
# chains from the generated test PKI (EU and non-EU CAs, expired,
# self-signed, incomplete chain, wrong name), TLS 1.2 only and TLS 1.3, over
# IPv4 and IPv6, and SMTP STARTTLS; then the same chains read back from PEM
# files give the same analysis.
. "$SOVCHECK_SRCDIR/tests/tls/lib.sh"
read -r P13 P12 PSMTP PSMTPBAD <<< "$(free_ports 4)"

"$HERE/pki.sh" "$T/pki"
mkdir -p "$T/logs" "$T/tmp"

V6=no P6=0
if P6=$(free_ports 1 ::1 2>/dev/null); then
	V6=yes
else
	echo "tls-live: SKIP the IPv6 case: no ::1 on this machine (IPv4 cases run)"
fi

server() { # NAME CHAIN-OF
	cat <<CONF
    server {
        listen 127.0.0.1:$P13 ssl;
        listen 127.0.0.1:$P12 ssl;
$( [ $V6 = yes ] && echo "        listen [::1]:$P6 ssl;" )
        server_name $1;
        ssl_certificate $T/pki/$2.chain.pem;
        ssl_certificate_key $T/pki/$2.key;
        return 204;
    }
CONF
}

cat > "$T/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $T/nginx.pid;
error_log $T/logs/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $T/tmp/body;
    proxy_temp_path $T/tmp/proxy;
    fastcgi_temp_path $T/tmp/fastcgi;
    uwsgi_temp_path $T/tmp/uwsgi;
    scgi_temp_path $T/tmp/scgi;
    ssl_protocols TLSv1.2 TLSv1.3;
$(server le.test le.test)
$(server eu.test eu.test)
$(server gs.test gs.test)
$(server dc.test dc.test)
$(server expired.test expired.test)
$(server self.test self.test)
$(server incomplete.test incomplete.test)
$(server wrong.test eu.test)
$(server wl.test wl.test)
$(server sub.test sub.test)
$(server gov.test gov.test)
$(server utf.test utf.test)
    server {
        listen 127.0.0.1:$P13 ssl default_server;
        ssl_reject_handshake on;
    }
    server {
        listen 127.0.0.1:$P12 ssl default_server;
        ssl_protocols TLSv1.2;
        ssl_certificate $T/pki/eu.test.chain.pem;
        ssl_certificate_key $T/pki/eu.test.key;
        return 204;
    }
}
CONF
nginx -p "$T" -c "$T/nginx.conf" -e "$T/logs/error.log" &
PIDS="$PIDS $!"
start_servers "smtp:$PSMTP:$T/pki/mx.test.chain.pem:$T/pki/mx.test.key" "smtp502:$PSMTPBAD"
wait_ports $P13 $P12

# The registry of the test CAs; the DigiCert test root is known only by
# its fingerprint (generated with the PKI), so that lookup is exercised.
FP=$(openssl x509 -in "$T/pki/digicert-root.crt" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g')
mkdir -p "$T/registry"
src='    sources: [{url: "https://example.org/test-pki", fact: "generated test PKI", covers: [name, country, parent, issuers, root_fingerprints], reviewed: 2026-11-22}]'
cat > "$T/registry/test-cas.yaml" <<YAML
sovcheck-registry: 1
entities:
  - id: isrg-test
    name: "Internet Security Research Group Test"
    country: US
    issuers: ["Let's Encrypt Test", "Internet Security Research Group Test"]
$src
  - id: certigna-test
    name: "Certigna Test"
    country: FR
    parents: [{id: gmo-test, until: 2027-01-01}, {id: dhimyotis-test, from: 2027-01-01}]
    issuers: ["Certigna Test"]
$src
  - id: dhimyotis-test
    name: "Dhimyotis Test"
    country: FR
$src
  - id: globalsign-test
    name: "GlobalSign nv-sa Test"
    country: BE
    parent: gmo-test
    issuers: ["GlobalSign nv-sa Test"]
$src
  - id: gmo-test
    name: "GMO Internet Group Test"
    country: JP
$src
  - id: digicert-test
    name: "DigiCert Inc Test"
    country: US
    root_fingerprints: [$FP]
$src
  - id: reseller-test
    name: "Reseller Europe Test"
    country: FR
    issuers: ["Reseller Europe Test"]
$src
  - id: partner-test
    name: "Partner Corp Test"
    country: US
$src
  - id: gov-test
    name: "Staat der Nederlanden Test"
    country: NL
$src
  - id: turktrust-test
    name: "TÜRKTRUST Bilgi Test"
    country: TR
$src
YAML
# The CA index of the test PKI, as `registry import-ccadb` writes it from
# the CCADB: the white-label intermediate is DigiCert's (whatever its name
# says), the partner's CA is operated by the partner for Certigna, the
# GlobalSign intermediate is known by its cross-signed copy (another
# certificate of the same subject and key), the Certigna one by itself.
ca_entry() { # CERT OWNER [OPERATOR]
	"$DRIVER" --pem "$T/pki/$1.crt" x.test | python3 -c '
import json, sys
c = json.load(sys.stdin)[0]["chain"][0]
op = ", operator: %s" % sys.argv[3] if len(sys.argv) > 3 else ""
print("  - {sha256: %s, spki: %s, name: \"%s\", owner: %s%s}" % (c["sha256"],
      c["subject_spki_sha256"], sys.argv[1], sys.argv[2], op))' "$@"
}
{
	printf 'sovcheck-ca-index: 1\nsource: {url: "https://example.org/test-pki", fact: "generated test PKI", reviewed: 2026-11-22}\ncertificates:\n'
	ca_entry reseller-int digicert-test
	ca_entry partner-int certigna-test partner-test
	ca_entry globalsign-int-xs globalsign-test
	ca_entry certigna-int certigna-test
	ca_entry gov-int gov-test
	printf '  - {sha256: %s, name: "Sold CA Test", owner: isrg-test, history: [{owner: digicert-test, until: 2030-01-01}]}\n' \
		"$(openssl x509 -in "$T/pki/isrg-int.crt" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g')"
} > "$T/registry/test-ca-index.yaml"


set -- le.test@127.0.0.1:$P13 eu.test@127.0.0.1:$P13 gs.test@127.0.0.1:$P13 \
	dc.test@127.0.0.1:$P13 expired.test@127.0.0.1:$P13 self.test@127.0.0.1:$P13 \
	incomplete.test@127.0.0.1:$P13 wrong.test@127.0.0.1:$P13 eu.test@127.0.0.1:$P12 \
	mx.test@127.0.0.1:$PSMTP/smtp mx.test@127.0.0.1:$PSMTPBAD/smtp
set -- "$@" unknown.test@127.0.0.1:$P13 wl.test@127.0.0.1:$P13 sub.test@127.0.0.1:$P13 \
	gov.test@127.0.0.1:$P13 utf.test@127.0.0.1:$P13
[ $V6 = yes ] && set -- "$@" "eu.test@[::1]:$P6"
"$DRIVER" --jobs 4 --connect-timeout 10000 --handshake-timeout 20000 \
	--trust "$T/pki/roots.pem" --registry "$T/registry" "$@" > "$T/live.json"

python3 "$HERE/expect.py" "$T/live.json" <<EXP
# le.test: TLS 1.3, trusted, chain completed with the root from the store
0 status ok
0 protocol TLSv1.3
0 host le.test
0 port $P13
0 verify.ok true
0 verify.code 0
0 name_match true
0 presented 2
0 #chain 3
0 chain.0.subject CN=le.test
0 chain.0.sans.0 le.test
0 chain.0.key.type EC
0 chain.0.key.curve prime256v1
0 chain.0.signature_algorithm ecdsa-with-SHA256
0 chain.0.issuer_fields.O Let's Encrypt Test
0 chain.1.subject CN=R11 Test,O=Let's Encrypt Test,C=US
0 chain.1.ca true
0 chain.1.from_store false
0 chain.2.subject CN=ISRG Root X1 Test,O=Internet Security Research Group Test,C=US
0 chain.2.from_store true
0 chain.2.self_signed true
0 chain.0.ocsp.0 http://ocsp.lencr.test/
0 dependencies.0.host ca.lencr.test
0 dependencies.0.kind ca_issuers
0 dependencies.1.host crl.lencr.test
0 dependencies.2.host ocsp.lencr.test
0 #dependencies 3
# eu.test: Certigna (FR)
1 status ok
1 verify.ok true
1 chain.1.issuer CN=Certigna Root CA Test,O=Certigna Test,C=FR
1 chain.2.from_store true
# gs.test: RSA chain
2 status ok
2 chain.0.key.type RSA
2 chain.0.key.bits 2048
2 chain.0.signature_algorithm sha256WithRSAEncryption
2 verify.ok true
3 status ok
3 verify.ok true
# expired, self-signed, incomplete: captured, with the reason it does not verify
4 status ok
4 verify.ok false
4 verify.code 10
4 verify.reason certificate has expired
4 chain.0.not_after 2021-01-01T00:00:00Z
5 status ok
5 verify.code 18
5 verify.reason self-signed certificate
5 chain.0.self_signed true
5 #chain 1
6 status ok
6 verify.code 20
6 verify.reason unable to get local issuer certificate
6 presented 1
6 #chain 1
# wrong name: the chain verifies, the name does not match
7 status ok
7 verify.ok true
7 name_match false
7 chain.0.subject CN=eu.test
# TLS 1.2 only
8 status ok
8 protocol TLSv1.2
8 cipher ECDHE-ECDSA-AES256-GCM-SHA384
8 name_match true
# SMTP STARTTLS
9 status ok
9 starttls smtp
9 verify.ok true
9 chain.0.subject CN=mx.test
10 status starttls_failed
10 #chain 0
# a name the server does not serve: refused with an alert (RFC 6066 §3)
11 status handshake_failed
11 detail error:0A000458:SSL routines::tlsv1 unrecognized name
11 #chain 0
EXP

if [ $V6 = yes ]; then
	python3 "$HERE/expect.py" "$T/live.json" <<EXP
16 status ok
16 address ::1
16 verify.ok true
EXP
fi

# CA owner through the registry: by the CA index (certificate, subject and
# key, operator), by root fingerprint, and — flagged inferred — by issuer
# O=; no owner for a chain that does not verify to a trust anchor,
# whatever names it carries (the self-signed one claims "Certigna Test").
python3 "$HERE/expect.py" "$T/live.json" <<EXP
0 owner.found true
0 owner.owner Internet Security Research Group Test
0 owner.country US
0 owner.matched_by certificate
0 owner.inferred false
0 owner.path R11 Test → ISRG Root X1 Test
# a CA sold within its validity: the earlier owner is shown
0 owner.history owned by DigiCert Inc Test until 2030-01-01
0 owner.summary issued by R11 Test → ISRG Root X1 Test, owner Internet Security Research Group Test, US; history: owned by DigiCert Inc Test until 2030-01-01
1 owner.owner Certigna Test
1 owner.ultimate Dhimyotis Test
1 owner.country FR
1 owner.matched_by certificate
1 owner.inferred false
2 owner.owner GlobalSign nv-sa Test
2 owner.ultimate GMO Internet Group Test
2 owner.country JP
2 owner.matched_by subject+key
3 owner.owner DigiCert Inc Test
3 owner.matched_by root fingerprint
3 owner.hierarchy true
3 owner.country US
# white label: named after a French reseller, run by DigiCert
12 owner.owner DigiCert Inc Test
12 owner.country US
12 owner.matched_by certificate
12 owner.inferred false
# a subordinate CA: its operator, for the root's owner
13 owner.owner Partner Corp Test
13 owner.ca_owner Certigna Test
13 owner.country US
13 owner.summary issued by Partner Sub CA Test → Certigna Root CA Test, operated by Partner Corp Test for Certigna Test, US
# a government CA with no O=: by its certificate
14 owner.owner Staat der Nederlanden Test
14 owner.country NL
14 owner.matched_by certificate
# an O= in decomposed UTF-8 matches the registry's composed capitals, inferred
15 owner.owner TÜRKTRUST Bilgi Test
15 owner.matched_by issuer name
15 owner.inferred true
# control over time: the CA's parent changed within its certificate's validity
1 owner.history Certigna Test part of GMO Internet Group Test until 2027-01-01; Certigna Test part of Dhimyotis Test from 2027-01-01
4 owner.found false
4 owner.verified false
4 owner.verify_error certificate has expired
5 owner.found false
5 owner.verified false
5 owner.verify_error self-signed certificate
6 owner.found false
6 owner.verified false
0 owner.verified true
EXP

# The PEM source (a chains directory of HOST.pem) gives the same analysis
# for the same chain.
mkdir -p "$T/chains"
for h in le.test eu.test expired.test self.test incomplete.test; do
	cp "$T/pki/$h.chain.pem" "$T/chains/$h.pem"
done
for i in 0 1 4 5 6; do
	h=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[$i]['host'])" "$T/live.json")
	"$DRIVER" --trust "$T/pki/roots.pem" --pem "$T/chains" "$h" > "$T/pem-$h.json"
	python3 - "$T/live.json" "$T/pem-$h.json" "$i" <<'PY'
import json, sys
live = json.load(open(sys.argv[1]))[int(sys.argv[3])]
pem = json.load(open(sys.argv[2]))[0]
assert pem["status"] == live["status"], (pem["status"], live["status"])
assert pem["verify"] == live["verify"], (pem["verify"], live["verify"])
assert pem["chain"] == live["chain"], "chains differ"
assert pem["dependencies"] == live["dependencies"]
assert pem["source"].endswith(live["host"] + ".pem")
print("pem source matches live capture for", live["host"])
PY
done
# A chain that is one self-signed root is its own issuer: attributed by
# its fingerprint, at index 0, not "owner unknown".
"$DRIVER" --trust "$T/pki/roots.pem" --registry "$T/registry" --pem "$T/pki/digicert-root.crt" \
	root.test > "$T/pem-root.json"
python3 "$HERE/expect.py" "$T/pem-root.json" <<EXP
0 owner.found true
0 owner.owner DigiCert Inc Test
0 owner.matched_by root fingerprint
0 owner.hierarchy false
EXP
# The evidence source: every result read back from its JSON gives the same
# JSON (certificates re-decoded from their DER and analysed again).
"$DRIVER" --registry "$T/registry" --evidence "$T/live.json" > "$T/again.json"
python3 - "$T/live.json" "$T/again.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
assert len(a) == len(b) and len(a) >= 16
for x, y in zip(a, b):
    assert x == y, "differs for %s:%s" % (x["host"], x["port"])
print("evidence round trip: %d results identical" % len(a))
PY
echo "tls-live: ok"
