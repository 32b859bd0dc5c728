#!/usr/bin/env bash
# tls-hostile — servers that misbehave: plain text on the port, a stalled
# handshake, a reset mid-handshake, a peer that closes at once, garbage
# records, a certificate that does not decode, a connect that is never
# answered, nothing listening, a chain of 50 certificates and one larger
# than the certificate message limit, SMTP servers that refuse or abuse
# STARTTLS. Each must end as a result with the right reason, within the
# timeouts (three capture threads share the batch).
. "$SOVCHECK_SRCDIR/tests/tls/lib.sh"
"$HERE/pki.sh" "$T/pki"

# Ports chosen by the kernel; PNONE is free and stays unused (nothing
# listens: connection refused).
read -r PPLAIN PSTALL PRESET PCLOSED PGARBAGE PBADCERT PBACKLOG PSMTP502 PINJECT \
	PSMTPSTALL PTRICKLE PNONE P50 PHUGE <<< "$(free_ports 14)"
start_servers plain:$PPLAIN stall:$PSTALL reset:$PRESET closed:$PCLOSED garbage:$PGARBAGE \
	badcert:$PBADCERT backlog:$PBACKLOG smtp502:$PSMTP502 smtpinject:$PINJECT \
	stall:$PSMTPSTALL trickle:$PTRICKLE

# 50 certificates: the leaf, then the intermediate 49 times.
for i in $(seq 49); do cat "$T/pki/certigna-int.crt"; done > "$T/chain50.pem"
# Larger than OpenSSL's 100 KB certificate message limit.
for i in $(seq 150); do cat "$T/pki/globalsign-int.crt"; done > "$T/chainhuge.pem"
openssl s_server -quiet -accept 127.0.0.1:$P50 -cert "$T/pki/eu.test.crt" \
	-key "$T/pki/eu.test.key" -cert_chain "$T/chain50.pem" </dev/null >/dev/null 2>&1 &
PIDS="$PIDS $!"
openssl s_server -quiet -accept 127.0.0.1:$PHUGE -cert "$T/pki/eu.test.crt" \
	-key "$T/pki/eu.test.key" -cert_chain "$T/chainhuge.pem" </dev/null >/dev/null 2>&1 &
PIDS="$PIDS $!"
wait_ports $P50 $PHUGE

start=$(date +%s)
"$DRIVER" --jobs 16 --threads 3 --connect-timeout 1000 --handshake-timeout 1500 \
	--trust "$T/pki/roots.pem" \
	h.test@127.0.0.1:$PPLAIN h.test@127.0.0.1:$PSTALL h.test@127.0.0.1:$PRESET \
	h.test@127.0.0.1:$PCLOSED h.test@127.0.0.1:$PGARBAGE h.test@127.0.0.1:$PBADCERT \
	h.test@127.0.0.1:$PBACKLOG 127.0.0.1:$PNONE eu.test@127.0.0.1:$P50 \
	eu.test@127.0.0.1:$PHUGE mx.test@127.0.0.1:$PSMTP502/smtp \
	mx.test@127.0.0.1:$PINJECT/smtp mx.test@127.0.0.1:$PSMTPSTALL/smtp \
	"bad name@127.0.0.1:$PPLAIN" h.test@not-an-ip:$PPLAIN h.test@127.0.0.1:0 \
	h.test@127.0.0.1:$PTRICKLE \
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
# and the handshakes run concurrently, so the batch takes a few seconds
# (about 3 s); the bound leaves room for a loaded machine and sanitizers,
# while a stall that waited for the peer would run into minutes.
[ $((end - start)) -le 45 ] || { echo "hostile batch took $((end - start)) s" >&2; exit 1; }

# More concurrent handshakes than file descriptors: targets wait for a free
# descriptor instead of failing.
for i in $(seq 150); do echo "h.test@127.0.0.1:$PPLAIN"; done > "$T/many.txt"
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
