/*
 * fuzz-dns.c — libFuzzer target: DNS answers as the collector meets them.
 * The first byte chooses the mode:
 *
 *   even: packets. Bits 1-2 choose the question type (A, AAAA, NS, MX) of
 *         a chase of "www.example.test"; the rest is a sequence of packets,
 *         each preceded by its length (2 bytes, big endian), delivered in
 *         turn as the server's answers (dns_accept_response, then
 *         dns_chase_step while the chase follows CNAMEs), as the event
 *         loop does with datagrams;
 *   odd:  a zone file, loaded as an authoritative source and resolved
 *         through the public collector for a few names (addresses, NS and
 *         MX with their targets), and the result written to JSON and read
 *         back as a bundle would.
 *
 * Properties checked (abort = a finding):
 *   - a chase that ends OK keeps only canonical addresses and host names
 *     (the bundle's vocabulary), or the root (a null MX);
 *   - a collected result written to JSON reads back (what `check` writes,
 *     `report` reads).
 */
#include <jansson.h>
#include <ldns/ldns.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "fuzz-world.h"
#include "vocab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_chase(const struct dns_chase *c)
{
	if (c->reason != SC_DNS_OK)
		return;
	for (size_t i = 0; i < c->nrecs; i++) {
		const struct dns_rec *r = &c->recs[i];
		/* ".": the null MX of RFC 7505, which the bundle carries too */
		bool ok = r->family ? vocab_ip(r->value)
		                    : strcmp(r->value, ".") == 0 || vocab_name(r->value);
		if (!ok || !vocab_name(r->owner)) {
			fprintf(stderr, "chase kept owner \"%s\" value \"%s\" (family %d)\n",
			        r->owner, r->value, r->family);
			abort();
		}
	}
}

static void
packets(const uint8_t *data, size_t size)
{
	static const uint16_t types[4] = {LDNS_RR_TYPE_A, LDNS_RR_TYPE_AAAA, LDNS_RR_TYPE_NS,
		LDNS_RR_TYPE_MX};
	struct dns_chase c;
	memset(&c, 0, sizeof(c));
	if (!dns_chase_init(&c, "www.example.test", types[(data[0] >> 1) & 3]))
		abort();
	size_t off = 1;
	bool done = false;
	for (unsigned n = 0; n < 32 && !done && off + 2 <= size; n++) {
		size_t len = (size_t)data[off] << 8 | data[off + 1];
		off += 2;
		if (len > size - off)
			len = size - off;
		const uint8_t *p = data + off;
		off += len;
		uint16_t id = len >= 2 ? (uint16_t)(p[0] << 8 | p[1]) : 0;
		ldns_pkt *pkt = NULL;
		if (dns_accept_response(p, len, id, c.qname, c.qtype, &pkt) != DNS_ACCEPT_OK)
			continue;
		dns_step s = dns_chase_step(&c, pkt);
		ldns_pkt_free(pkt);
		if (s == DNS_STEP_NOMEM)
			abort();
		done = s == DNS_STEP_DONE;
	}
	if (done)
		check_chase(&c);
	dns_chase_clear(&c);
}

static void
zone(const uint8_t *data, size_t size)
{
	const char *path = fw_file("fuzz.zone", data + 1, size - 1);
	sc_dns *dns = NULL;
	sc_err err;
	sc_err_clear(&err);
	if (sc_dns_new(NULL, &dns, &err) != SC_OK)
		abort();
	if (sc_dns_add_zone(dns, path, &err) == SC_OK) {
		static const sc_dns_query q[] = {
			{"example.test", SC_DNS_WANT_ADDR | SC_DNS_WANT_DOMAIN},
			{"www.example.test", SC_DNS_WANT_ADDR},
			{"a.example.test", SC_DNS_WANT_ADDR},
			{"mail.example.test", SC_DNS_WANT_ADDR},
		};
		sc_dns_result *res = NULL;
		if (sc_dns_resolve(dns, q, sizeof(q) / sizeof(q[0]), &res, &err) == SC_OK) {
			json_t *j = sc_dns_result_to_json(res);
			if (j != NULL) {
				sc_dns_result *again = NULL;
				if (sc_dns_result_from_json(j, &again, &err) != SC_OK) {
					fprintf(stderr, "a collected DNS result does not read back: %s\n",
					        err.msg);
					abort();
				}
				sc_dns_result_free(again);
				json_decref(j);
			}
			sc_dns_result_free(res);
		}
	}
	sc_dns_free(dns);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	fw_setup();
	if (data[0] & 1)
		zone(data, size);
	else
		packets(data, size);
	return 0;
}
