#!/bin/sh
# tls-hostile — servers that misbehave: plain text on the port, a stalled
# handshake, a reset mid-handshake, a peer that closes at once, garbage
# records, a certificate that does not decode, a connect that is never
# answered, nothing listening, a chain of 50 certificates and one larger
# than the certificate message limit, SMTP servers that refuse or abuse
# STARTTLS. Each must end as a result with the right reason, within the
# timeouts (three capture threads share the batch).
. "$SOVCHECK_SRCDIR/tests/tls/lib.sh"
"$HERE/pki.sh" "$T/pki"

start_servers plain:23020 stall:23021 reset:23022 closed:23023 garbage:23024 \
	badcert:23025 backlog:23026 smtp502:23028 smtpinject:23029 stall:23031 \
	trickle:23032

# 50 certificates: the leaf, then the intermediate 49 times.
for i in $(seq 49); do cat "$T/pki/certigna-int.crt"; done > "$T/chain50.pem"
# Larger than OpenSSL's 100 KB certificate message limit.
for i in $(seq 150); do cat "$T/pki/globalsign-int.crt"; done > "$T/chainhuge.pem"
openssl s_server -quiet -accept 127.0.0.1:23040 -cert "$T/pki/eu.test.crt" \
	-key "$T/pki/eu.test.key" -cert_chain "$T/chain50.pem" </dev/null >/dev/null 2>&1 &
PIDS="$PIDS $!"
openssl s_server -quiet -accept 127.0.0.1:23041 -cert "$T/pki/eu.test.crt" \
	-key "$T/pki/eu.test.key" -cert_chain "$T/chainhuge.pem" </dev/null >/dev/null 2>&1 &
PIDS="$PIDS $!"
wait_ports 23040 23041

start=$(date +%s)
"$DRIVER" --jobs 16 --threads 3 --connect-timeout 1000 --handshake-timeout 1500 \
	--trust "$T/pki/roots.pem" \
	h.test@127.0.0.1:23020 h.test@127.0.0.1:23021 h.test@127.0.0.1:23022 \
	h.test@127.0.0.1:23023 h.test@127.0.0.1:23024 h.test@127.0.0.1:23025 \
	h.test@127.0.0.1:23026 127.0.0.1:23039 eu.test@127.0.0.1:23040 \
	eu.test@127.0.0.1:23041 mx.test@127.0.0.1:23028/smtp \
	mx.test@127.0.0.1:23029/smtp mx.test@127.0.0.1:23031/smtp \
	'bad name@127.0.0.1:23020' h.test@not-an-ip:23020 h.test@127.0.0.1:0 \
	h.test@127.0.0.1:23032 \
	> "$T/hostile.json"
end=$(date +%s)

python3 "$HERE/expect.py" "$T/hostile.json" <<'EXP'
0 status not_tls
0 #chain 0
0 verify.ok false
1 status handshake_timeout
2 status reset
3 status reset
4 status handshake_failed
5 status malformed_cert
6 status connect_timeout
7 status connect_refused
7 host null
# 50 certificates: refused as too long, the first 16 kept and analysed
8 status chain_too_long
8 presented 50
8 chain.0.subject CN=eu.test
8 chain.15.subject CN=Certigna Services CA Test,O=Certigna Test,C=FR
8 verify.ok true
9 status chain_too_long
9 #chain 0
10 status starttls_failed
11 status starttls_failed
11 detail data after the STARTTLS reply
# stalled before the SMTP greeting
12 status handshake_timeout
12 detail SMTP dialogue stalled for 1500 ms
13 status bad_target
14 status bad_target
15 status bad_target
# bytes keep coming, but the handshake deadline is absolute
16 status handshake_timeout
16 detail TLS handshake stalled for 1500 ms
EXP

# Bounded: every stall ends at its timeout (1 s connect, 1.5 s handshake)
# and the handshakes run concurrently, so the batch takes seconds.
[ $((end - start)) -le 10 ] || { echo "hostile batch took $((end - start)) s" >&2; exit 1; }

# More concurrent handshakes than file descriptors: targets wait for a free
# descriptor instead of failing.
for i in $(seq 150); do echo "h.test@127.0.0.1:23020"; done > "$T/many.txt"
(ulimit -n 48 && "$DRIVER" --jobs 200 --handshake-timeout 30000 --targets "$T/many.txt" \
	--summary) > "$T/many.out"
grep -q "targets=150 .* not_tls=150$" "$T/many.out" || { cat "$T/many.out" >&2; exit 1; }

# The PEM source refuses the same hostile content as evidence, not a crash.
printf 'not a certificate\n' > "$T/text.pem"
printf -- '-----BEGIN CERTIFICATE-----\nMIIB!!!notbase64\n-----END CERTIFICATE-----\n' > "$T/b64.pem"
printf -- '-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n' > "$T/der.pem"
head -c 300 "$T/pki/eu.test.crt" > "$T/trunc.pem"
cp "$T/chain50.pem" "$T/long.pem"
: > "$T/empty.pem"
printf '\060\202\377\377\002\001' > "$T/bad.der"
for f in text b64 der trunc long empty; do
	"$DRIVER" --trust "$T/pki/roots.pem" --pem "$T/$f.pem" h.test > "$T/pem-$f.json"
done
"$DRIVER" --pem "$T/bad.der" h.test > "$T/pem-bad.json"
for f in text:no_cert b64:malformed_cert der:malformed_cert trunc:malformed_cert \
	long:chain_too_long empty:no_cert bad:malformed_cert; do
	echo "0 status ${f#*:}" | python3 "$HERE/expect.py" "$T/pem-${f%%:*}.json"
done
echo "tls-hostile: ok ($((end - start)) s)"
