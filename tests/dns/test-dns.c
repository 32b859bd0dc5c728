/*
 * test-dns.c — Check unit tests of the pure parts of DNS collection:
 * canonical names, response acceptance, the CNAME chain builder, the
 * zone-file source, resolver address parsing, comparison between sources
 * and the JSON form.
 */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dns.h"
#include "util.h"

/* ------------------------------------------------------------ names */

static const struct {
	const char *in, *out;  /* out NULL: invalid */
} name_cases[] = {
	{ "Example.COM", "example.com" },
	{ "example.com.", "example.com" },
	{ "a.b.c", "a.b.c" },
	{ "", NULL },
	{ ".", NULL },
	{ "a..b", NULL },
	{ ".a", NULL },
	{ "a b", NULL },
	{ "exa\001mple", NULL },
	{ "0123456789012345678901234567890123456789012345678901234567890123.x", NULL },
	{ "_dmarc.example.com", "_dmarc.example.com" },
};

START_TEST(name_canon_accepts_valid_and_rejects_invalid)
{
	char out[DNS_NAME_BUF];
	bool ok = dns_name_canon(name_cases[_i].in, out, sizeof(out));
	if (name_cases[_i].out == NULL) {
		ck_assert_msg(!ok, "accepted '%s'", name_cases[_i].in);
	} else {
		ck_assert_msg(ok, "rejected '%s'", name_cases[_i].in);
		ck_assert_str_eq(out, name_cases[_i].out);
	}
}
END_TEST

START_TEST(name_canon_rejects_names_over_253)
{
	char in[300], out[DNS_NAME_BUF];
	memset(in, 'a', sizeof(in));
	for (size_t i = 60; i < sizeof(in); i += 61)
		in[i] = '.';
	in[254] = '\0';
	ck_assert(!dns_name_canon(in, out, sizeof(out)));
	in[253] = '\0';
	if (in[252] == '.')
		in[252] = 'a';
	ck_assert(dns_name_canon(in, out, sizeof(out)));
}
END_TEST

/* ------------------------------------------------------- acceptance */

static uint8_t *
make_response(const char *qname, ldns_rr_type qt, uint16_t id, const char *const *rrs,
              ldns_pkt_rcode rc, size_t *len)
{
	ldns_pkt *p = NULL;
	ck_assert_int_eq(ldns_pkt_query_new_frm_str(&p, qname, qt, LDNS_RR_CLASS_IN, LDNS_RD),
	                 LDNS_STATUS_OK);
	ldns_pkt_set_id(p, id);
	ldns_pkt_set_qr(p, true);
	ldns_pkt_set_rcode(p, (uint8_t)rc);
	for (size_t i = 0; rrs && rrs[i]; i++) {
		ldns_rr *rr = NULL;
		ck_assert_int_eq(ldns_rr_new_frm_str(&rr, rrs[i], 300, NULL, NULL), LDNS_STATUS_OK);
		ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr);
	}
	uint8_t *w = NULL;
	ck_assert_int_eq(ldns_pkt2wire(&w, p, len), LDNS_STATUS_OK);
	ldns_pkt_free(p);
	return w;
}

START_TEST(accept_checks_id_question_and_form)
{
	const char *rrs[] = { "www.example.com. 60 IN A 192.0.2.1", NULL };
	size_t len;
	uint8_t *w = make_response("www.example.com.", LDNS_RR_TYPE_A, 4242, rrs,
	                           LDNS_RCODE_NOERROR, &len);
	ldns_pkt *p = NULL;
	ck_assert_int_eq(dns_accept_response(w, len, 4242, "www.example.com", LDNS_RR_TYPE_A, &p),
	                 DNS_ACCEPT_OK);
	ck_assert_ptr_nonnull(p);
	ldns_pkt_free(p);
	p = NULL;
	ck_assert_int_eq(dns_accept_response(w, len, 4243, "www.example.com", LDNS_RR_TYPE_A, &p),
	                 DNS_ACCEPT_WRONG_ID);
	ck_assert_int_eq(dns_accept_response(w, len, 4242, "ww.example.com", LDNS_RR_TYPE_A, &p),
	                 DNS_ACCEPT_WRONG_QUESTION);
	ck_assert_int_eq(dns_accept_response(w, len, 4242, "www.example.com", LDNS_RR_TYPE_AAAA, &p),
	                 DNS_ACCEPT_WRONG_QUESTION);
	ck_assert_int_eq(dns_accept_response(w, 7, 4242, "www.example.com", LDNS_RR_TYPE_A, &p),
	                 DNS_ACCEPT_MALFORMED);
	ck_assert_int_eq(dns_accept_response(w, len - 3, 4242, "www.example.com", LDNS_RR_TYPE_A, &p),
	                 DNS_ACCEPT_MALFORMED);
	w[2] &= 0x7f;  /* clear QR: a query, not a response */
	ck_assert_int_eq(dns_accept_response(w, len, 4242, "www.example.com", LDNS_RR_TYPE_A, &p),
	                 DNS_ACCEPT_NOT_RESPONSE);
	ck_assert_ptr_null(p);
	free(w);
}
END_TEST

START_TEST(accept_compares_names_case_insensitively)
{
	size_t len;
	uint8_t *w = make_response("WwW.ExAmple.COM.", LDNS_RR_TYPE_A, 1, NULL,
	                           LDNS_RCODE_NOERROR, &len);
	ldns_pkt *p = NULL;
	ck_assert_int_eq(dns_accept_response(w, len, 1, "www.example.com", LDNS_RR_TYPE_A, &p),
	                 DNS_ACCEPT_OK);
	ldns_pkt_free(p);
	free(w);
}
END_TEST

START_TEST(sockaddr_equal_needs_address_and_port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(53) };
	struct sockaddr_in b = a;
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	inet_pton(AF_INET, "127.0.0.1", &b.sin_addr);
	ck_assert(dns_sockaddr_equal((struct sockaddr *)&a, (struct sockaddr *)&b));
	b.sin_port = htons(54);
	ck_assert(!dns_sockaddr_equal((struct sockaddr *)&a, (struct sockaddr *)&b));
	b.sin_port = htons(53);
	inet_pton(AF_INET, "127.0.0.2", &b.sin_addr);
	ck_assert(!dns_sockaddr_equal((struct sockaddr *)&a, (struct sockaddr *)&b));
	struct sockaddr_in6 c = { .sin6_family = AF_INET6, .sin6_port = htons(53) };
	ck_assert(!dns_sockaddr_equal((struct sockaddr *)&a, (struct sockaddr *)&c));
}
END_TEST

START_TEST(rdf_name_escapes_odd_bytes)
{
	ldns_rdf *r = NULL;
	char out[DNS_NAME_BUF];
	ck_assert_int_eq(ldns_str2rdf_dname(&r, "a\\032b.Ex\\.ample."), LDNS_STATUS_OK);
	ck_assert(dns_rdf_name(r, out, sizeof(out)));
	ck_assert_str_eq(out, "a\\032b.ex\\046ample");
	ldns_rdf_deep_free(r);
	ck_assert_int_eq(ldns_str2rdf_dname(&r, "."), LDNS_STATUS_OK);
	ck_assert(dns_rdf_name(r, out, sizeof(out)));
	ck_assert_str_eq(out, ".");
	ldns_rdf_deep_free(r);
	ck_assert(!dns_rdf_name(NULL, out, sizeof(out)));
	/* 16 odd bytes escape to 64 characters: a label no bundle can carry. */
	ck_assert_int_eq(ldns_str2rdf_dname(&r, "\\255\\255\\255\\255\\255\\255\\255\\255"
	                 "\\255\\255\\255\\255\\255\\255\\255\\255.test."), LDNS_STATUS_OK);
	ck_assert(!dns_rdf_name(r, out, sizeof(out)));
	ldns_rdf_deep_free(r);
}
END_TEST

/* Every truncation and many bit flips of a real answer: the acceptance test
 * and the chain builder must neither crash nor accept a different question
 * (replayed under ASan/UBSan; a deterministic generator). */
START_TEST(mutated_answers_never_crash)
{
	const char *rrs[] = { "www.acme.test. 60 IN CNAME e.cdn.test.",
	                      "e.cdn.test. 60 IN A 192.0.2.5", NULL };
	size_t len;
	uint8_t *w = make_response("www.acme.test.", LDNS_RR_TYPE_A, 77, rrs,
	                           LDNS_RCODE_NOERROR, &len);
	uint8_t *m = malloc(len);
	uint32_t x = 2463534242u;
	size_t accepted = 0;
	for (unsigned round = 0; round < 20000; round++) {
		size_t n = len;
		memcpy(m, w, len);
		if (round < len) {
			n = round;  /* every truncation */
		} else {
			for (int k = 0; k < 1 + (int)(round % 4); k++) {
				x ^= x << 13;
				x ^= x >> 17;
				x ^= x << 5;
				m[x % len] ^= (uint8_t)(1u << ((x >> 8) % 8));
			}
		}
		ldns_pkt *p = NULL;
		if (dns_accept_response(m, n, 77, "www.acme.test", LDNS_RR_TYPE_A, &p) != DNS_ACCEPT_OK)
			continue;
		accepted++;
		struct dns_chase c;
		memset(&c, 0, sizeof(c));
		dns_chase_init(&c, "www.acme.test", LDNS_RR_TYPE_A);
		dns_step st = dns_chase_step(&c, p);
		ck_assert(st == DNS_STEP_DONE || st == DNS_STEP_FOLLOW);
		ck_assert(c.nhops <= SC_MAX_CNAME_HOPS && c.nrecs <= SC_MAX_DNS_ANSWERS);
		dns_chase_clear(&c);
		ldns_pkt_free(p);
	}
	ck_assert_uint_gt(accepted, 0);
	free(m);
	free(w);
}
END_TEST

/* ------------------------------------------------------ chase steps */

#define MAXRR 20
static const struct step_case {
	const char *name;
	const char *qname;
	ldns_rr_type qtype;
	ldns_pkt_rcode rcode;
	const char *rrs[MAXRR];
	dns_step step;
	sc_dns_reason reason;
	size_t hops, recs;
	const char *next;  /* qname after the step */
} step_cases[] = {
	{ "plain A", "a.test", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR,
	  { "a.test. 60 IN A 192.0.2.1", "a.test. 60 IN A 192.0.2.2" },
	  DNS_STEP_DONE, SC_DNS_OK, 0, 2, "a.test" },
	{ "full two-hop chain", "www.acme.test", LDNS_RR_TYPE_AAAA, LDNS_RCODE_NOERROR,
	  { "www.acme.test. 60 IN CNAME acme.cdn.test.", "acme.cdn.test. 60 IN CNAME e1.edge.test.",
	    "e1.edge.test. 60 IN AAAA 2001:db8::5" },
	  DNS_STEP_DONE, SC_DNS_OK, 2, 1, "www.acme.test" },
	{ "chain in any order", "www.acme.test", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR,
	  { "e1.edge.test. 60 IN A 192.0.2.5", "acme.cdn.test. 60 IN CNAME e1.edge.test.",
	    "www.acme.test. 60 IN CNAME acme.cdn.test." },
	  DNS_STEP_DONE, SC_DNS_OK, 2, 1, "www.acme.test" },
	{ "chain without the end is followed", "www.acme.test", LDNS_RR_TYPE_A,
	  LDNS_RCODE_NOERROR, { "www.acme.test. 60 IN CNAME acme.cdn.test." },
	  DNS_STEP_FOLLOW, SC_DNS_OK, 1, 0, "acme.cdn.test" },
	{ "loop in one answer", "a.test", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR,
	  { "a.test. 60 IN CNAME b.test.", "b.test. 60 IN CNAME a.test." },
	  DNS_STEP_DONE, SC_DNS_CNAME_LOOP, 1, 0, "a.test" },
	{ "self loop", "a.test", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR,
	  { "a.test. 60 IN CNAME A.TEST." },
	  DNS_STEP_DONE, SC_DNS_CNAME_LOOP, 0, 0, "a.test" },
	{ "too long", "c0.test", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR,
	  { "c0.test. 1 IN CNAME c1.test.", "c1.test. 1 IN CNAME c2.test.",
	    "c2.test. 1 IN CNAME c3.test.", "c3.test. 1 IN CNAME c4.test.",
	    "c4.test. 1 IN CNAME c5.test.", "c5.test. 1 IN CNAME c6.test.",
	    "c6.test. 1 IN CNAME c7.test.", "c7.test. 1 IN CNAME c8.test.",
	    "c8.test. 1 IN CNAME c9.test.", "c9.test. 1 IN CNAME c10.test.",
	    "c10.test. 1 IN CNAME c11.test.", "c11.test. 1 IN CNAME c12.test.",
	    "c12.test. 1 IN CNAME c13.test.", "c13.test. 1 IN CNAME c14.test.",
	    "c14.test. 1 IN CNAME c15.test.", "c15.test. 1 IN CNAME c16.test.",
	    "c16.test. 1 IN CNAME c17.test." },
	  DNS_STEP_DONE, SC_DNS_CHAIN_TOO_LONG, SC_MAX_CNAME_HOPS, 0, "c0.test" },
	{ "nxdomain at the end of a chain", "www.acme.test", LDNS_RR_TYPE_A,
	  LDNS_RCODE_NXDOMAIN, { "www.acme.test. 60 IN CNAME gone.cdn.test." },
	  DNS_STEP_DONE, SC_DNS_NXDOMAIN, 1, 0, "www.acme.test" },
	{ "nxdomain", "nope.test", LDNS_RR_TYPE_A, LDNS_RCODE_NXDOMAIN, { NULL },
	  DNS_STEP_DONE, SC_DNS_NXDOMAIN, 0, 0, "nope.test" },
	{ "servfail", "a.test", LDNS_RR_TYPE_A, LDNS_RCODE_SERVFAIL, { NULL },
	  DNS_STEP_DONE, SC_DNS_SERVFAIL, 0, 0, "a.test" },
	{ "refused", "a.test", LDNS_RR_TYPE_A, LDNS_RCODE_REFUSED, { NULL },
	  DNS_STEP_DONE, SC_DNS_REFUSED, 0, 0, "a.test" },
	{ "formerr", "a.test", LDNS_RR_TYPE_A, LDNS_RCODE_FORMERR, { NULL },
	  DNS_STEP_DONE, SC_DNS_RCODE, 0, 0, "a.test" },
	{ "nodata", "a.test", LDNS_RR_TYPE_AAAA, LDNS_RCODE_NOERROR, { NULL },
	  DNS_STEP_DONE, SC_DNS_OK, 0, 0, "a.test" },
	{ "records off the chain are ignored", "a.test", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR,
	  { "evil.test. 60 IN A 10.6.6.6", "a.test. 60 IN A 192.0.2.1" },
	  DNS_STEP_DONE, SC_DNS_OK, 0, 1, "a.test" },
	{ "only records off the chain: nodata", "a.test", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR,
	  { "evil.test. 60 IN A 10.6.6.6" },
	  DNS_STEP_DONE, SC_DNS_OK, 0, 0, "a.test" },
	{ "ns set", "acme.test", LDNS_RR_TYPE_NS, LDNS_RCODE_NOERROR,
	  { "acme.test. 60 IN NS ns1.acme.test.", "acme.test. 60 IN NS NS2.Provider.test." },
	  DNS_STEP_DONE, SC_DNS_OK, 0, 2, "acme.test" },
	{ "ns target that no bundle can carry: malformed", "acme.test", LDNS_RR_TYPE_NS,
	  LDNS_RCODE_NOERROR,
	  { "acme.test. 60 IN NS \\255\\255\\255\\255\\255\\255\\255\\255\\255\\255"
	    "\\255\\255\\255\\255\\255\\255.test." },
	  DNS_STEP_DONE, SC_DNS_MALFORMED, 0, 0, "acme.test" },
	{ "one unreadable record among good ones: malformed, not a partial set", "acme.test",
	  LDNS_RR_TYPE_NS, LDNS_RCODE_NOERROR,
	  { "acme.test. 60 IN NS ns1.acme.test.",
	    "acme.test. 60 IN NS \\255\\255\\255\\255\\255\\255\\255\\255\\255\\255"
	    "\\255\\255\\255\\255\\255\\255.test." },
	  DNS_STEP_DONE, SC_DNS_MALFORMED, 0, 1, "acme.test" },
	{ "mx set", "acme.test", LDNS_RR_TYPE_MX, LDNS_RCODE_NOERROR,
	  { "acme.test. 60 IN MX 10 mx1.mail.test.", "acme.test. 60 IN MX 20 mx2.mail.test." },
	  DNS_STEP_DONE, SC_DNS_OK, 0, 2, "acme.test" },
};

static ldns_pkt *
make_pkt(const char *qname, ldns_rr_type qt, ldns_pkt_rcode rc, const char *const *rrs, size_t n)
{
	ldns_pkt *p = NULL;
	ck_assert_int_eq(ldns_pkt_query_new_frm_str(&p, qname, qt, LDNS_RR_CLASS_IN, 0),
	                 LDNS_STATUS_OK);
	ldns_pkt_set_qr(p, true);
	ldns_pkt_set_rcode(p, (uint8_t)rc);
	for (size_t i = 0; i < n && rrs[i]; i++) {
		ldns_rr *rr = NULL;
		ck_assert_msg(ldns_rr_new_frm_str(&rr, rrs[i], 300, NULL, NULL) == LDNS_STATUS_OK,
		              "bad rr %s", rrs[i]);
		ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr);
	}
	return p;
}

START_TEST(chase_step_table)
{
	const struct step_case *tc = &step_cases[_i];
	struct dns_chase c;
	memset(&c, 0, sizeof(c));
	dns_chase_init(&c, tc->qname, tc->qtype);
	ldns_pkt *p = make_pkt(tc->qname, tc->qtype, tc->rcode, tc->rrs, MAXRR);
	dns_step s = dns_chase_step(&c, p);
	ck_assert_msg(s == tc->step, "%s: step %d", tc->name, (int)s);
	ck_assert_msg(c.reason == tc->reason, "%s: reason %s (%s)", tc->name,
	              sc_dns_reason_to_string(c.reason), c.detail ? c.detail : "");
	ck_assert_msg(c.nhops == tc->hops, "%s: hops %zu", tc->name, c.nhops);
	ck_assert_msg(c.nrecs == tc->recs, "%s: recs %zu", tc->name, c.nrecs);
	ck_assert_str_eq(c.qname, tc->next);
	ldns_pkt_free(p);
	dns_chase_clear(&c);
}
END_TEST

/* RFC 2181 section 8: a TTL with the most significant bit set counts as
 * zero, so that every TTL kept is one the bundle carries (0..2^31-1). */
START_TEST(chase_ttl_top_bit_is_zero)
{
	static const char *const cases[][2] = {
		{"a.test. 2147483648 IN A 192.0.2.1", "0"},
		{"a.test. 4294967295 IN A 192.0.2.1", "0"},
		{"a.test. 2147483647 IN A 192.0.2.1", "2147483647"},
		{"a.test. 2147483648 IN CNAME b.test.", "0"},
	};
	for (size_t i = 0; i < 4; i++) {
		struct dns_chase c;
		memset(&c, 0, sizeof(c));
		dns_chase_init(&c, "a.test", LDNS_RR_TYPE_A);
		const char *rrs[2] = {cases[i][0], "b.test. 60 IN A 192.0.2.2"};
		ldns_pkt *p = make_pkt("a.test.", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR, rrs, 2);
		(void)dns_chase_step(&c, p);
		uint32_t got = c.nhops ? c.hops[0].ttl : c.recs[0].ttl;
		ck_assert_msg(got == strtoul(cases[i][1], NULL, 10), "%s: ttl %u", cases[i][0], got);
		ldns_pkt_free(p);
		dns_chase_clear(&c);
	}
}
END_TEST

START_TEST(chase_keeps_every_hop_and_final_owner)
{
	struct dns_chase c;
	memset(&c, 0, sizeof(c));
	dns_chase_init(&c, "www.acme.test", LDNS_RR_TYPE_A);
	const char *rrs[] = { "www.acme.test. 30 IN CNAME acme.cdn.test.",
	                      "acme.cdn.test. 40 IN CNAME e1.edge.test.",
	                      "e1.edge.test. 50 IN A 192.0.2.5" };
	ldns_pkt *p = make_pkt("www.acme.test.", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR, rrs, 3);
	ck_assert_int_eq(dns_chase_step(&c, p), DNS_STEP_DONE);
	ck_assert_str_eq(c.hops[0].owner, "www.acme.test");
	ck_assert_str_eq(c.hops[0].target, "acme.cdn.test");
	ck_assert_uint_eq(c.hops[0].ttl, 30);
	ck_assert_str_eq(c.hops[1].owner, "acme.cdn.test");
	ck_assert_str_eq(c.hops[1].target, "e1.edge.test");
	ck_assert_str_eq(c.recs[0].owner, "e1.edge.test");
	ck_assert_str_eq(c.recs[0].value, "192.0.2.5");
	ck_assert_uint_eq(c.recs[0].ttl, 50);
	ldns_pkt_free(p);
	dns_chase_clear(&c);
}
END_TEST

START_TEST(chase_detects_loop_across_answers)
{
	struct dns_chase c;
	memset(&c, 0, sizeof(c));
	dns_chase_init(&c, "a.test", LDNS_RR_TYPE_A);
	const char *r1[] = { "a.test. 60 IN CNAME b.test." };
	const char *r2[] = { "b.test. 60 IN CNAME c.test." };
	const char *r3[] = { "c.test. 60 IN CNAME a.test." };
	ldns_pkt *p = make_pkt("a.test.", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR, r1, 1);
	ck_assert_int_eq(dns_chase_step(&c, p), DNS_STEP_FOLLOW);
	ldns_pkt_free(p);
	p = make_pkt("b.test.", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR, r2, 1);
	ck_assert_int_eq(dns_chase_step(&c, p), DNS_STEP_FOLLOW);
	ldns_pkt_free(p);
	p = make_pkt("c.test.", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR, r3, 1);
	ck_assert_int_eq(dns_chase_step(&c, p), DNS_STEP_DONE);
	ck_assert_int_eq(c.reason, SC_DNS_CNAME_LOOP);
	ck_assert_uint_eq(c.nhops, 2);
	ldns_pkt_free(p);
	dns_chase_clear(&c);
}
END_TEST

START_TEST(chase_caps_records)
{
	struct dns_chase c;
	memset(&c, 0, sizeof(c));
	dns_chase_init(&c, "big.test", LDNS_RR_TYPE_A);
	ldns_pkt *p = make_pkt("big.test.", LDNS_RR_TYPE_A, LDNS_RCODE_NOERROR, NULL, 0);
	for (unsigned i = 0; i <= SC_MAX_DNS_ANSWERS; i++) {
		char buf[80];
		snprintf(buf, sizeof(buf), "big.test. 60 IN A 10.0.%u.%u", i / 200, i % 200 + 1);
		ldns_rr *rr = NULL;
		ck_assert_int_eq(ldns_rr_new_frm_str(&rr, buf, 300, NULL, NULL), LDNS_STATUS_OK);
		ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr);
	}
	ck_assert_int_eq(dns_chase_step(&c, p), DNS_STEP_DONE);
	ck_assert_int_eq(c.reason, SC_DNS_TOO_MANY);
	ldns_pkt_free(p);
	dns_chase_clear(&c);
}
END_TEST

/* ------------------------------------------------------ public API */

START_TEST(reason_string_table_round_trips)
{
	for (int i = 0; i < SC_DNS_REASON_COUNT; i++) {
		const char *s = sc_dns_reason_to_string((sc_dns_reason)i);
		sc_dns_reason r;
		ck_assert_str_ne(s, "unknown");
		ck_assert(sc_dns_reason_from_string(s, &r));
		ck_assert_int_eq(r, i);
	}
	sc_dns_reason r;
	ck_assert(!sc_dns_reason_from_string("nope", &r));
}
END_TEST

START_TEST(resolver_addresses_parse)
{
	static const struct { const char *s; bool ok; } cases[] = {
		{ "192.0.2.1", true }, { "192.0.2.1:5353", true }, { "::1", true },
		{ "[::1]:5353", true }, { "[2001:db8::1]", true }, { "192.0.2.1:0", false },
		{ "192.0.2.1:65536", false }, { "192.0.2.1:x", false }, { "host.example", false },
		{ "", false }, { "[::1", false }, { "1.2.3.4:53:53", false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sc_dns *d = NULL;
		sc_err err;
		ck_assert_int_eq(sc_dns_new(NULL, &d, &err), SC_OK);
		sc_status st = sc_dns_add_resolver(d, cases[i].s, &err);
		ck_assert_msg((st == SC_OK) == cases[i].ok, "'%s'", cases[i].s);
		ck_assert_uint_eq(sc_dns_source_count(d), cases[i].ok ? 1 : 0);
		sc_dns_free(d);
	}
	sc_dns *d = NULL;
	sc_err err;
	ck_assert_int_eq(sc_dns_new(NULL, &d, &err), SC_OK);
	for (unsigned i = 0; i < DNS_MAX_SOURCES; i++)
		ck_assert_int_eq(sc_dns_add_resolver(d, "192.0.2.1", &err), SC_OK);
	ck_assert_int_eq(sc_dns_add_resolver(d, "192.0.2.1", &err), SC_ERR_LIMIT);
	sc_dns_free(d);
}
END_TEST

static char *
write_temp(const char *text)
{
	char *path = strdup("/tmp/sc-dns-test-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

START_TEST(system_resolver_reads_nameserver_lines)
{
	char *p = write_temp("# comment\nsearch example\nnameserver 192.0.2.53\n"
	                     "nameserver 2001:db8::53\nnameserver fe80::1%eth0\noptions ndots:1\n");
	sc_dns *d = NULL;
	sc_err err;
	ck_assert_int_eq(sc_dns_new(NULL, &d, &err), SC_OK);
	ck_assert_int_eq(sc_dns_add_system(d, p, &err), SC_OK);
	ck_assert_uint_eq(sc_dns_source_count(d), 1);
	ck_assert_int_eq(sc_dns_add_system(d, "/nonexistent/resolv.conf", &err), SC_ERR_IO);
	sc_dns_free(d);
	unlink(p);
	free(p);
}
END_TEST

static const char *zone_text =
	"$ORIGIN acme.test.\n"
	"$TTL 300\n"
	"@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n"
	"@ IN NS ns1\n"
	"@ IN NS ns.provider.test.\n"
	"@ IN MX 10 mx1\n"
	"@ IN MX 5 mail.provider.test.\n"
	"ns1 IN A 192.0.2.53\n"
	"mx1 IN A 192.0.2.25\n"
	"www IN CNAME acme.cdn.provider.test.\n"
	"api IN A 192.0.2.10\n"
	"api IN AAAA 2001:db8::10\n"
	"deep.ent IN A 192.0.2.99\n"
	"loop1 IN CNAME loop2\n"
	"loop2 IN CNAME loop1\n"
	"txtonly IN TXT \"hello\"\n";

static const char *provider_text =
	"$ORIGIN provider.test.\n"
	"$TTL 60\n"
	"@ IN SOA ns hostmaster 1 3600 600 86400 60\n"
	"@ IN NS ns\n"
	"ns IN AAAA 2001:db8:53::1\n"
	"mail IN A 198.51.100.25\n"
	"acme.cdn IN CNAME edge1\n"
	"edge1 IN A 198.51.100.1\n"
	"edge1 IN AAAA 2001:db8:e::1\n";

static int64_t
test_clock(void *ctx)
{
	(void)ctx;
	return 1795000000123;
}

static size_t progress_calls, progress_done, progress_total;

static void
test_progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	ck_assert_uint_le(done, total);
	progress_calls++;
	progress_done = done;
	progress_total = total;
}

static sc_dns_result *
resolve_zones(const sc_dns_query *q, size_t n, char **paths)
{
	sc_dns_opts o;
	sc_dns_opts_init(&o);
	o.clock = test_clock;
	o.progress = test_progress;
	progress_calls = progress_done = progress_total = 0;
	sc_dns *d = NULL;
	sc_err err;
	ck_assert_int_eq(sc_dns_new(&o, &d, &err), SC_OK);
	paths[0] = write_temp(zone_text);
	paths[1] = write_temp(provider_text);
	ck_assert_msg(sc_dns_add_zone(d, paths[0], &err) == SC_OK, "%s", err.msg);
	ck_assert_msg(sc_dns_add_zone(d, paths[1], &err) == SC_OK, "%s", err.msg);
	sc_dns_result *res = NULL;
	ck_assert_int_eq(sc_dns_resolve(d, q, n, &res, &err), SC_OK);
	sc_dns_free(d);
	return res;
}

static const sc_dns_answer *
answer_of(const sc_dns_result *res, const char *name)
{
	const sc_dns_entry *e = sc_dns_result_find(res, name);
	ck_assert_msg(e != NULL, "no entry for %s", name);
	ck_assert_uint_eq(e->answer_count, 1);
	return &e->answers[0];
}

START_TEST(zone_source_answers_like_an_authority)
{
	sc_dns_query q[] = {
		{ "WWW.acme.test.", SC_DNS_WANT_ADDR }, { "api.acme.test", SC_DNS_WANT_ADDR },
		{ "nope.acme.test", SC_DNS_WANT_ADDR }, { "ent.acme.test", SC_DNS_WANT_ADDR },
		{ "loop1.acme.test", SC_DNS_WANT_ADDR }, { "elsewhere.test", SC_DNS_WANT_ADDR },
		{ "txtonly.acme.test", SC_DNS_WANT_ADDR }, { "acme.test", SC_DNS_WANT_DOMAIN },
		{ "203.0.113.9", SC_DNS_WANT_ADDR }, { "bad..name", SC_DNS_WANT_ADDR },
	};
	char *paths[2];
	sc_dns_result *res = resolve_zones(q, sizeof(q) / sizeof(q[0]), paths);

	const sc_dns_answer *a = answer_of(res, "www.acme.test");
	ck_assert_int_eq(a->reason, SC_DNS_OK);
	ck_assert_uint_eq(a->chain_len, 2);
	ck_assert_str_eq(a->chain[0].target, "acme.cdn.provider.test");
	ck_assert_str_eq(a->chain[1].target, "edge1.provider.test");
	ck_assert_uint_eq(a->addr_count, 2);
	ck_assert_str_eq(a->addrs[0].ip, "198.51.100.1");
	ck_assert_str_eq(a->addrs[1].ip, "2001:db8:e::1");
	ck_assert_str_eq(a->addrs[0].owner, "edge1.provider.test");
	ck_assert_str_eq(a->server, paths[1]);
	ck_assert_str_eq(a->source, "zones");
	ck_assert(a->observed_ms == 1795000000123);

	a = answer_of(res, "api.acme.test");
	ck_assert_int_eq(a->reason, SC_DNS_OK);
	ck_assert_uint_eq(a->addr_count, 2);
	ck_assert_uint_eq(a->addrs[0].ttl, 300);

	ck_assert_int_eq(answer_of(res, "nope.acme.test")->reason, SC_DNS_NXDOMAIN);
	ck_assert(sc_dns_entry_complete(sc_dns_result_find(res, "www.acme.test")));
	ck_assert(!sc_dns_entry_complete(sc_dns_result_find(res, "nope.acme.test")));
	ck_assert(!sc_dns_entry_complete(NULL));
	ck_assert_int_eq(answer_of(res, "ent.acme.test")->reason, SC_DNS_NO_ADDRESS);
	ck_assert_int_eq(answer_of(res, "txtonly.acme.test")->reason, SC_DNS_NO_ADDRESS);
	ck_assert_int_eq(answer_of(res, "loop1.acme.test")->reason, SC_DNS_CNAME_LOOP);
	ck_assert_int_eq(answer_of(res, "elsewhere.test")->reason, SC_DNS_NOT_IN_ZONE);

	a = answer_of(res, "acme.test");
	ck_assert_int_eq(a->reason, SC_DNS_OK);
	ck_assert_uint_eq(a->ns_count, 2);
	ck_assert_str_eq(a->ns[0].name, "ns.provider.test");
	ck_assert_str_eq(a->ns[1].name, "ns1.acme.test");
	ck_assert_uint_eq(a->mx_count, 2);
	ck_assert_str_eq(a->mx[0].name, "mail.provider.test");
	ck_assert_uint_eq(a->mx[0].preference, 5);

	/* NS and MX targets become names of their own, with where they came from */
	const sc_dns_entry *e = sc_dns_result_find(res, "ns.provider.test");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->via_count, 1);
	ck_assert_str_eq(e->via[0], "ns:acme.test");
	ck_assert_str_eq(e->answers[0].addrs[0].ip, "2001:db8:53::1");
	e = sc_dns_result_find(res, "mail.provider.test");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->via[0], "mx:acme.test");
	ck_assert_int_eq(e->answers[0].reason, SC_DNS_OK);
	ck_assert_ptr_nonnull(sc_dns_result_find(res, "mx1.acme.test"));
	ck_assert_ptr_nonnull(sc_dns_result_find(res, "ns1.acme.test"));

	e = sc_dns_result_find(res, "203.0.113.9");
	ck_assert_ptr_nonnull(e);
	ck_assert(e->literal);
	ck_assert_str_eq(e->answers[0].addrs[0].ip, "203.0.113.9");

	ck_assert_int_eq(answer_of(res, "bad..name")->reason, SC_DNS_INVALID_NAME);

	/* progress ends with every question done */
	ck_assert_uint_ge(progress_calls, 1);
	ck_assert_uint_eq(progress_done, progress_total);
	ck_assert_uint_gt(progress_total, 10);

	/* sorted by name */
	for (size_t i = 1; i < sc_dns_result_count(res); i++)
		ck_assert_int_lt(strcmp(sc_dns_result_get(res, i - 1)->name,
		                        sc_dns_result_get(res, i)->name), 0);
	sc_dns_result_free(res);
	for (int i = 0; i < 2; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
}
END_TEST

START_TEST(zone_file_errors_name_the_line)
{
	char *p = write_temp("$ORIGIN bad.test.\n$TTL 60\n@ IN SOA ns h 1 2 3 4 5\n"
	                     "www IN A 999.1.1.1\n");
	sc_dns *d = NULL;
	sc_err err;
	sc_err_clear(&err);
	ck_assert_int_eq(sc_dns_new(NULL, &d, &err), SC_OK);
	ck_assert_int_eq(sc_dns_add_zone(d, p, &err), SC_ERR_PARSE);
	ck_assert_uint_eq(err.line, 4);
	ck_assert_str_eq(err.file, p);
	unlink(p);
	free(p);
	p = write_temp("$ORIGIN nosoa.test.\n$TTL 60\nwww IN A 192.0.2.1\n");
	ck_assert_int_eq(sc_dns_add_zone(d, p, &err), SC_ERR_INVALID);
	ck_assert_int_eq(sc_dns_add_zone(d, "/nonexistent.zone", &err), SC_ERR_IO);
	sc_dns_free(d);
	unlink(p);
	free(p);
}
END_TEST

START_TEST(json_form_is_complete_and_stable)
{
	sc_dns_query q[] = { { "www.acme.test", SC_DNS_WANT_ADDR },
	                     { "nope.acme.test", SC_DNS_WANT_ADDR } };
	char *paths[2];
	sc_dns_result *res = resolve_zones(q, 2, paths);
	json_t *j = sc_dns_result_to_json(res);
	ck_assert_ptr_nonnull(j);
	json_t *names = json_object_get(j, "names");
	ck_assert_uint_eq(json_array_size(names), 2);
	json_t *n0 = json_array_get(names, 0);
	ck_assert_str_eq(json_string_value(json_object_get(n0, "name")), "nope.acme.test");
	json_t *a0 = json_array_get(json_object_get(n0, "answers"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(a0, "status")), "nxdomain");
	ck_assert_str_eq(json_string_value(json_object_get(a0, "rcode")), "NXDOMAIN");
	ck_assert_str_eq(json_string_value(json_object_get(a0, "observed")),
	                 "2026-11-18T11:06:40.123Z");
	json_t *a1 = json_array_get(json_object_get(json_array_get(names, 1), "answers"), 0);
	ck_assert_uint_eq(json_array_size(json_object_get(a1, "cname")), 2);
	ck_assert_uint_eq(json_array_size(json_object_get(a1, "addresses")), 2);
	char *s1 = json_dumps(j, JSON_COMPACT);
	json_t *j2 = sc_dns_result_to_json(res);
	char *s2 = json_dumps(j2, JSON_COMPACT);
	ck_assert_str_eq(s1, s2);
	free(s1);
	free(s2);
	json_decref(j);
	json_decref(j2);
	sc_dns_result_free(res);
	for (int i = 0; i < 2; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
}
END_TEST

START_TEST(json_round_trips_through_the_loader)
{
	sc_dns_query q[] = { { "www.acme.test", SC_DNS_WANT_ADDR },
	                     { "nope.acme.test", SC_DNS_WANT_ADDR },
	                     { "acme.test", SC_DNS_WANT_DOMAIN | SC_DNS_WANT_ADDR },
	                     { "2001:DB8::1", SC_DNS_WANT_ADDR } };
	char *paths[2];
	sc_dns_result *res = resolve_zones(q, 4, paths);
	json_t *j = sc_dns_result_to_json(res);
	sc_dns_result *back = NULL;
	sc_err err;
	sc_err_clear(&err);
	ck_assert_msg(sc_dns_result_from_json(j, &back, &err) == SC_OK, "%s", err.msg);
	ck_assert_uint_eq(sc_dns_result_count(back), sc_dns_result_count(res));
	json_t *j2 = sc_dns_result_to_json(back);
	char *s1 = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	char *s2 = json_dumps(j2, JSON_COMPACT | JSON_SORT_KEYS);
	ck_assert_str_eq(s1, s2);
	const sc_dns_entry *e = sc_dns_result_find(back, "www.acme.test");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->answers[0].chain_len, 2);
	ck_assert(e->answers[0].observed_ms == 1795000000123);
	ck_assert_ptr_nonnull(sc_dns_result_find(back, "2001:db8::1"));
	free(s1);
	free(s2);
	json_decref(j);
	json_decref(j2);
	sc_dns_result_free(back);
	sc_dns_result_free(res);
	for (int i = 0; i < 2; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
}
END_TEST

/* What a domain publishes: TXT joined and escaped, CAA as FLAGS TAG VALUE,
 * SRV targets resolved, the SPF tree followed within its budget of
 * SC_DNS_SPF_LOOKUPS names (a loop asks nothing twice, a macro nothing),
 * and all of it back through the JSON loader unchanged. */
static const char spf_zone[] =
	"$ORIGIN pub.test.\n$TTL 300\n@ IN SOA ns1 host 1 3600 600 86400 300\n@ IN NS ns1\n"
	"ns1 IN A 192.0.2.1\n"
	"@ IN TXT \"v=spf1 include:a.pub.test include:loop.pub.test -all\"\n"
	"@ IN TXT \"two\" \" strings\\\\\" \"\\200\"\n"
	"@ IN CAA 0 issue \"letsencrypt.org\"\n"
	"@ IN CAA 128 iodef \"mailto:s@pub.test\"\n"
	"a IN TXT \"v=spf1 redirect=b.pub.test\"\n"
	"b IN TXT \"v=spf1 include:%{i}.m.pub.test include:c1.pub.test include:c2.pub.test "
	"include:c3.pub.test include:c4.pub.test include:c5.pub.test include:c6.pub.test "
	"include:c7.pub.test include:c8.pub.test include:c9.pub.test -all\"\n"
	"loop IN TXT \"v=spf1 include:pub.test include:a.pub.test -all\"\n"
	"_svc._tcp IN SRV 5 0 8443 host.pub.test.\n"
	"host IN A 192.0.2.9\n";

/* The networks of an SPF record's ip4:/ip6: mechanisms (RFC 7208 section
 * 5.6): the first address of each, too-wide networks and malformed terms
 * said so, other qualifiers than pass not read, a bound on how many. */
static const struct {
	const char *txt;
	size_t n;
	sc_dns_spf_term status0;
	const char *first0, *network0;
} spf_range_cases[] = {
	{"v=spf1 ip4:198.51.100.7/24 -all", 1, SC_DNS_SPF_NETWORK, "198.51.100.0", "198.51.100.0/24"},
	{"v=spf1 +IP6:2001:DB8::1/32", 1, SC_DNS_SPF_NETWORK, "2001:db8::", "2001:db8::/32"},
	{"v=spf1 ip4:192.0.2.1", 1, SC_DNS_SPF_NETWORK, "192.0.2.1", "192.0.2.1/32"},
	{"v=spf1 ip4:10.0.0.0/8", 1, SC_DNS_SPF_NETWORK, "10.0.0.0", "10.0.0.0/8"},
	{"v=spf1 ip4:0.0.0.0/0", 1, SC_DNS_SPF_WIDE, "0.0.0.0", "0.0.0.0/0"},
	{"v=spf1 ip4:10.0.0.0/7", 1, SC_DNS_SPF_WIDE, "10.0.0.0", "10.0.0.0/7"},
	{"v=spf1 ip6:2001::/15", 1, SC_DNS_SPF_WIDE, "2000::", "2000::/15"},
	{"v=spf1 ip4:300.1.2.3", 1, SC_DNS_SPF_BAD_ADDRESS, "", ""},
	{"v=spf1 ip4:2001:db8::/32", 1, SC_DNS_SPF_BAD_ADDRESS, "", ""},
	{"v=spf1 ip6:192.0.2.1", 1, SC_DNS_SPF_BAD_ADDRESS, "", ""},
	{"v=spf1 ip4:", 1, SC_DNS_SPF_BAD_ADDRESS, "", ""},
	{"v=spf1 ip4:/24", 1, SC_DNS_SPF_BAD_ADDRESS, "", ""},
	{"v=spf1 ip4:192.0.2.0/33", 1, SC_DNS_SPF_BAD_PREFIX, "", ""},
	{"v=spf1 ip4:192.0.2.0/024", 1, SC_DNS_SPF_BAD_PREFIX, "", ""},
	{"v=spf1 ip4:192.0.2.0/", 1, SC_DNS_SPF_BAD_PREFIX, "", ""},
	{"v=spf1 ip4:192.0.2.0/-1", 1, SC_DNS_SPF_BAD_PREFIX, "", ""},
	{"v=spf1 ip6:2001:db8::/129", 1, SC_DNS_SPF_BAD_PREFIX, "", ""},
	{"v=spf1 ip6:2001:db8::/99999999999", 1, SC_DNS_SPF_BAD_PREFIX, "", ""},
	{"v=spf1 -ip4:192.0.2.0/24 ~ip4:192.0.2.0/24 ?ip6:2001:db8::/32 ip4x:1.2.3.4 a mx", 0,
	 SC_DNS_SPF_NETWORK, NULL, NULL},
	{"ip4:192.0.2.0/24", 0, SC_DNS_SPF_NETWORK, NULL, NULL},       /* not an SPF record */
	{"v=spf10 ip4:192.0.2.0/24", 0, SC_DNS_SPF_NETWORK, NULL, NULL},
};

START_TEST(spf_networks_are_read_from_ip4_and_ip6)
{
	sc_dns_spf_range r[4];
	size_t more = 9;
	size_t n = sc_dns_spf_ranges(spf_range_cases[_i].txt, r, 4, &more);
	ck_assert_msg(n == spf_range_cases[_i].n, "%s: %zu", spf_range_cases[_i].txt, n);
	ck_assert_uint_eq(more, 0);
	if (n == 0)
		return;
	ck_assert_msg(r[0].status == spf_range_cases[_i].status0, "%s: %s", spf_range_cases[_i].txt,
	              sc_dns_spf_term_to_string(r[0].status));
	ck_assert_str_eq(r[0].first, spf_range_cases[_i].first0);
	ck_assert_str_eq(r[0].network, spf_range_cases[_i].network0);
}
END_TEST

START_TEST(spf_networks_are_bounded_and_terms_cut)
{
	/* 2,000 mechanisms, one of 300 characters: the first max read, the
	 * rest counted, the long term cut */
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "v=spf1 ip4:");
	for (int i = 0; i < 300; i++)
		sb_puts(&sb, "9");
	for (int i = 0; i < 2000; i++)
		sb_printf(&sb, " ip4:192.0.%d.%d", i / 256 % 256, i % 256);
	ck_assert_ptr_nonnull(sb.s);
	sc_dns_spf_range r[SC_DNS_SPF_RANGES];
	size_t more = 0;
	size_t n = sc_dns_spf_ranges(sb.s, r, SC_DNS_SPF_RANGES, &more);
	ck_assert_uint_eq(n, SC_DNS_SPF_RANGES);
	ck_assert_uint_eq(more, 2001 - SC_DNS_SPF_RANGES);
	ck_assert_int_eq(r[0].status, SC_DNS_SPF_BAD_ADDRESS);
	ck_assert_uint_eq(strlen(r[0].term), 67);
	ck_assert_str_eq(r[0].term + 64, "...");
	ck_assert_str_eq(r[1].first, "192.0.0.0");
	ck_assert_str_eq(sc_dns_spf_term_to_string(SC_DNS_SPF_WIDE), "wide");
	sb_free(&sb);
}
END_TEST

START_TEST(published_records_and_the_spf_budget)
{
	char *path = write_temp(spf_zone);
	sc_dns_opts o;
	sc_dns_opts_init(&o);
	o.clock = test_clock;
	sc_dns *d = NULL;
	sc_err err;
	ck_assert_int_eq(sc_dns_new(&o, &d, &err), SC_OK);
	ck_assert_msg(sc_dns_add_zone(d, path, &err) == SC_OK, "%s", err.msg);
	sc_dns_query q[] = { { "pub.test", SC_DNS_WANT_TEXT | SC_DNS_WANT_SPF },
	                     { "_svc._tcp.pub.test", SC_DNS_WANT_SRV } };
	sc_dns_result *res = NULL;
	ck_assert_int_eq(sc_dns_resolve(d, q, 2, &res, &err), SC_OK);
	const sc_dns_answer *a = answer_of(res, "pub.test");
	ck_assert_int_eq(a->reason, SC_DNS_OK);
	ck_assert_uint_eq(a->txt_count, 2);
	ck_assert_str_eq(a->txt[0].value, "two strings\\092\\200");  /* \\DDD is decimal */
	ck_assert_uint_eq(a->caa_count, 2);
	ck_assert_str_eq(a->caa[0].value, "0 issue letsencrypt.org");
	ck_assert_str_eq(a->caa[1].value, "128 iodef mailto:s@pub.test");
	/* the tree: a and b, then c1.. (and loop, in another order of answers)
	 * while the budget lasts: 10 names, so never c9 */
	size_t asked = 0;
	for (size_t i = 0; i < sc_dns_result_count(res); i++) {
		const sc_dns_entry *e = sc_dns_result_get(res, i);
		if ((e->want & SC_DNS_WANT_SPF) && strcmp(e->name, "pub.test") != 0)
			asked++;
		ck_assert_msg(strstr(e->name, ".m.pub.test") == NULL, "a macro was expanded");
	}
	ck_assert_uint_eq(asked, SC_DNS_SPF_LOOKUPS);
	ck_assert_ptr_nonnull(sc_dns_result_find(res, "c7.pub.test"));
	ck_assert_ptr_null(sc_dns_result_find(res, "c9.pub.test"));
	const sc_dns_entry *b = sc_dns_result_find(res, "b.pub.test");
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(b->via_count, 1);
	ck_assert_str_eq(b->via[0], "spf:a.pub.test");
	const sc_dns_answer *s = answer_of(res, "_svc._tcp.pub.test");
	ck_assert_uint_eq(s->srv_count, 1);
	ck_assert_str_eq(s->srv[0].name, "host.pub.test");
	ck_assert_uint_eq(s->srv[0].port, 8443);
	ck_assert_uint_eq(s->srv[0].preference, 5);
	const sc_dns_entry *h = sc_dns_result_find(res, "host.pub.test");
	ck_assert_ptr_nonnull(h);
	ck_assert_str_eq(h->via[0], "srv:_svc._tcp.pub.test");
	ck_assert_uint_eq(h->answers[0].addr_count, 1);
	/* through JSON and back, the same document */
	json_t *j = sc_dns_result_to_json(res);
	sc_dns_result *back = NULL;
	ck_assert_msg(sc_dns_result_from_json(j, &back, &err) == SC_OK, "%s", err.msg);
	json_t *j2 = sc_dns_result_to_json(back);
	char *s1 = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	char *s2 = json_dumps(j2, JSON_COMPACT | JSON_SORT_KEYS);
	ck_assert_str_eq(s1, s2);
	free(s1);
	free(s2);
	json_decref(j);
	json_decref(j2);
	sc_dns_result_free(back);
	sc_dns_result_free(res);
	sc_dns_free(d);
	unlink(path);
	free(path);
}
END_TEST

/* Hostile DNS evidence: each document must be refused with the path named. */
static const struct {
	const char *json;
	sc_status st;
	const char *where;
} bad_json[] = {
	{ "[]", SC_ERR_INVALID, "dns" },
	{ "{\"names\": 3}", SC_ERR_INVALID, "dns.names" },
	{ "{\"names\": [1]}", SC_ERR_INVALID, "dns.names[0]" },
	{ "{\"names\": [{\"name\": \"a.test\", \"kind\": \"name\", \"want\": [\"address\"],"
	  "\"via\": [], \"answers\": []}]}", SC_ERR_INVALID, "dns.names[0]" },
	{ "{\"names\": [{\"name\": \"a.test\", \"kind\": \"name\", \"want\": [\"address\"],"
	  "\"via\": [], \"answers\": [{\"source\": \"s\", \"server\": \"\", \"status\": \"fine\","
	  "\"detail\": \"\", \"rcode\": null, \"observed\": null, \"transport\": \"udp\","
	  "\"cname\": [], \"addresses\": [], \"ns\": [], \"mx\": []}]}]}",
	  SC_ERR_INVALID, "dns.names[0].answers[0]" },
	{ "{\"names\": [{\"name\": \"a.test\", \"kind\": \"name\", \"want\": [\"address\"],"
	  "\"via\": [], \"answers\": [{\"source\": \"s\", \"server\": \"\", \"status\": \"ok\","
	  "\"detail\": \"\", \"rcode\": \"NOERROR\", \"observed\": \"2026-02-30T00:00:00.000Z\","
	  "\"transport\": \"udp\", \"cname\": [], \"addresses\": [], \"ns\": [], \"mx\": []}]}]}",
	  SC_ERR_INVALID, "dns.names[0].answers[0]" },
	{ "{\"names\": [{\"name\": \"a.test\", \"kind\": \"name\", \"want\": [\"address\"],"
	  "\"via\": [], \"answers\": [{\"source\": \"s\", \"server\": \"\", \"status\": \"ok\","
	  "\"detail\": \"\", \"rcode\": 0, \"observed\": null, \"transport\": \"udp\","
	  "\"cname\": [], \"addresses\": [{\"ip\": \"192.0.2.300\", \"family\": 4,"
	  "\"owner\": \"a.test\", \"ttl\": 1}], \"ns\": [], \"mx\": []}]}]}",
	  SC_ERR_INVALID, "dns.names[0].answers[0].addresses[0]" },
	{ "{\"names\": [{\"name\": \"a.test\", \"kind\": \"name\", \"want\": [\"address\"],"
	  "\"via\": [], \"answers\": [{\"source\": \"s\", \"server\": \"\", \"status\": \"ok\","
	  "\"detail\": \"\", \"rcode\": 0, \"observed\": null, \"transport\": \"udp\","
	  "\"cname\": [{\"owner\": \"A.test\", \"target\": \"b.test\", \"ttl\": 1}],"
	  "\"addresses\": [], \"ns\": [], \"mx\": []}]}]}",
	  SC_ERR_INVALID, "dns.names[0].answers[0].cname[0].owner" },
	{ "{\"names\": [{\"name\": \"a.test\", \"kind\": \"name\", \"want\": [\"address\"],"
	  "\"via\": [], \"answers\": [{\"source\": \"s\", \"server\": \"\", \"status\": \"ok\","
	  "\"detail\": \"\", \"rcode\": 0, \"observed\": null, \"transport\": \"udp\","
	  "\"cname\": [], \"addresses\": [], \"ns\": [], \"mx\": [{\"name\": \"m.test\","
	  "\"preference\": 70000, \"ttl\": 1}]}]}]}",
	  SC_ERR_INVALID, "dns.names[0].answers[0].mx[0].preference" },
	{ "{\"names\": [{\"name\": \"1.2.3\", \"kind\": \"literal\", \"want\": [],"
	  "\"via\": [], \"answers\": [{}]}]}", SC_ERR_INVALID, "dns.names[0]" },
	{ "{\"names\": [{\"name\": \"a.test\", \"kind\": \"name\", \"want\": [\"address\"],"
	  "\"via\": [\"cname:x.test\"], \"answers\": [{}]}]}", SC_ERR_INVALID, "dns.names[0]" },
	/* published records: a backslash that is not \\DDD, a raw control byte, a
	 * missing list, an unknown want, a via of another kind */
	{ "{\"names\": [{\"name\": \"a.test\", \"kind\": \"name\", \"want\": [\"text\"],"
	  "\"via\": [], \"answers\": [{\"source\": \"s\", \"server\": \"\", \"status\": \"ok\","
	  "\"detail\": \"\", \"rcode\": 0, \"observed\": null, \"transport\": \"udp\","
	  "\"cname\": [], \"addresses\": [], \"ns\": [], \"mx\": [], \"txt\": [{\"value\": \"a\\\\b\", \"ttl\": 1}], \"caa\": []}]}]}",
	  SC_ERR_INVALID, "dns.names[0].answers[0]" },
	{ "{\"names\": [{\"name\": \"a.test\", \"kind\": \"name\", \"want\": [\"text\"],"
	  "\"via\": [], \"answers\": [{\"source\": \"s\", \"server\": \"\", \"status\": \"ok\","
	  "\"detail\": \"\", \"rcode\": 0, \"observed\": null, \"transport\": \"udp\","
	  "\"cname\": [], \"addresses\": [], \"ns\": [], \"mx\": [], \"txt\": [{\"value\": \"\\\\300\", \"ttl\": 1}], \"caa\": []}]}]}",
	  SC_ERR_INVALID, "dns.names[0].answers[0]" },
	{ "{\"names\": [{\"name\": \"a.test\", \"kind\": \"name\", \"want\": [\"text\"],"
	  "\"via\": [], \"answers\": [{\"source\": \"s\", \"server\": \"\", \"status\": \"ok\","
	  "\"detail\": \"\", \"rcode\": 0, \"observed\": null, \"transport\": \"udp\","
	  "\"cname\": [], \"addresses\": [], \"ns\": [], \"mx\": [], \"txt\": [{\"value\": \"a\\u0001\", \"ttl\": 1}], \"caa\": []}]}]}",
	  SC_ERR_INVALID, "dns.names[0].answers[0]" },
	{ "{\"names\": [{\"name\": \"a.test\", \"kind\": \"name\", \"want\": [\"text\"],"
	  "\"via\": [], \"answers\": [{\"source\": \"s\", \"server\": \"\", \"status\": \"ok\","
	  "\"detail\": \"\", \"rcode\": 0, \"observed\": null, \"transport\": \"udp\","
	  "\"cname\": [], \"addresses\": [], \"ns\": [], \"mx\": [], \"txt\": []}]}]}",
	  SC_ERR_INVALID, "dns.names[0].answers[0].caa" },
	{ "{\"names\": [{\"name\": \"a.test\", \"kind\": \"name\", \"want\": [\"texts\"],"
	  "\"via\": [], \"answers\": [{}]}]}", SC_ERR_INVALID, "dns.names[0]" },
	{ "{\"names\": [{\"name\": \"a.test\", \"kind\": \"name\", \"want\": [\"address\"],"
	  "\"via\": [\"spf:\"], \"answers\": [{}]}]}", SC_ERR_INVALID, "dns.names[0]" },
};

START_TEST(json_loader_refuses_hostile_documents)
{
	json_error_t je;
	json_t *j = json_loads(bad_json[_i].json, 0, &je);
	ck_assert_msg(j != NULL, "case %d does not parse: %s", _i, je.text);
	sc_dns_result *res = NULL;
	sc_err err;
	sc_err_clear(&err);
	sc_status st = sc_dns_result_from_json(j, &res, &err);
	ck_assert_msg(st == bad_json[_i].st, "case %d: status %d (%s)", _i, (int)st, err.msg);
	ck_assert_ptr_null(res);
	ck_assert_msg(strncmp(err.msg, bad_json[_i].where, strlen(bad_json[_i].where)) == 0,
	              "case %d: message '%s' does not start with %s", _i, err.msg,
	              bad_json[_i].where);
	json_decref(j);
}
END_TEST

START_TEST(json_loader_enforces_limits)
{
	/* more CNAME hops than SC_MAX_CNAME_HOPS */
	json_t *chain = json_array();
	for (unsigned i = 0; i <= SC_MAX_CNAME_HOPS; i++)
		json_array_append_new(chain, json_pack("{s:s,s:s,s:i}", "owner", "a.test",
		                                       "target", "b.test", "ttl", 1));
	json_t *j = json_pack("{s:[{s:s,s:s,s:[s],s:[],s:[{s:s,s:s,s:s,s:s,s:n,s:n,s:s,s:o,"
	                      "s:[],s:[],s:[]}]}]}",
	                      "names", "name", "a.test", "kind", "name", "want", "address", "via",
	                      "answers", "source", "s", "server", "", "status", "ok", "detail", "",
	                      "rcode", "observed", "transport", "udp", "cname", chain,
	                      "addresses", "ns", "mx");
	ck_assert_ptr_nonnull(j);
	sc_dns_result *res = NULL;
	sc_err err;
	ck_assert_int_eq(sc_dns_result_from_json(j, &res, &err), SC_ERR_LIMIT);
	ck_assert_ptr_null(res);
	json_decref(j);
}
END_TEST

START_TEST(compare_records_differences)
{
	struct dns_entry_priv e;
	memset(&e, 0, sizeof(e));
	struct dns_answer_priv ans[2];
	memset(ans, 0, sizeof(ans));
	sc_dns_addr x[1] = { { 4, "192.0.2.1", "a.test", 60 } };
	sc_dns_addr y[1] = { { 4, "192.0.2.2", "a.test", 60 } };
	ans[0].pub.addrs = x;
	ans[0].pub.addr_count = 1;
	ans[1].pub.addrs = y;
	ans[1].pub.addr_count = 1;
	e.answers = ans;
	e.nanswers = 2;
	ck_assert(dns_entry_compare(&e));
	ck_assert(e.pub.differs);
	ck_assert_str_eq(e.pub.differences, "addresses");
	ans[1].pub.addrs = x;
	ans[1].pub.reason = SC_DNS_TIMEOUT;
	ck_assert(dns_entry_compare(&e));
	ck_assert_str_eq(e.pub.differences, "reason");
	ans[1].pub.reason = SC_DNS_OK;
	ck_assert(dns_entry_compare(&e));
	ck_assert(!e.pub.differs);
	ck_assert_str_eq(e.pub.differences, "");
	free(e.differences);
}
END_TEST

START_TEST(too_many_names_is_a_limit_error)
{
	sc_dns *d = NULL;
	sc_err err;
	ck_assert_int_eq(sc_dns_new(NULL, &d, &err), SC_OK);
	sc_dns_result *res = NULL;
	sc_dns_query q = { "a.test", SC_DNS_WANT_ADDR };
	ck_assert_int_eq(sc_dns_resolve(d, &q, (size_t)SC_MAX_DNS_NAMES + 1, &res, &err),
	                 SC_ERR_LIMIT);
	ck_assert_ptr_null(res);
	sc_dns_free(d);
}
END_TEST

static Suite *
dns_suite(void)
{
	Suite *s = suite_create("dns");
	TCase *tc = tcase_create("pure");
	tcase_add_loop_test(tc, name_canon_accepts_valid_and_rejects_invalid, 0,
	                    (int)(sizeof(name_cases) / sizeof(name_cases[0])));
	tcase_add_test(tc, name_canon_rejects_names_over_253);
	tcase_add_test(tc, accept_checks_id_question_and_form);
	tcase_add_test(tc, accept_compares_names_case_insensitively);
	tcase_add_test(tc, sockaddr_equal_needs_address_and_port);
	tcase_add_test(tc, rdf_name_escapes_odd_bytes);
	tcase_add_test(tc, mutated_answers_never_crash);
	tcase_add_loop_test(tc, chase_step_table, 0,
	                    (int)(sizeof(step_cases) / sizeof(step_cases[0])));
	tcase_add_test(tc, chase_keeps_every_hop_and_final_owner);
	tcase_add_test(tc, chase_ttl_top_bit_is_zero);
	tcase_add_test(tc, chase_detects_loop_across_answers);
	tcase_add_test(tc, chase_caps_records);
	tcase_add_test(tc, compare_records_differences);
	suite_add_tcase(s, tc);
	TCase *api = tcase_create("api");
	tcase_add_test(api, reason_string_table_round_trips);
	tcase_add_test(api, resolver_addresses_parse);
	tcase_add_test(api, system_resolver_reads_nameserver_lines);
	tcase_add_test(api, zone_source_answers_like_an_authority);
	tcase_add_test(api, zone_file_errors_name_the_line);
	tcase_add_test(api, json_form_is_complete_and_stable);
	tcase_add_test(api, too_many_names_is_a_limit_error);
	tcase_add_test(api, json_round_trips_through_the_loader);
	tcase_add_test(api, published_records_and_the_spf_budget);
	tcase_add_loop_test(api, spf_networks_are_read_from_ip4_and_ip6, 0,
	                    (int)(sizeof(spf_range_cases) / sizeof(spf_range_cases[0])));
	tcase_add_test(api, spf_networks_are_bounded_and_terms_cut);
	tcase_add_loop_test(api, json_loader_refuses_hostile_documents, 0,
	                    (int)(sizeof(bad_json) / sizeof(bad_json[0])));
	tcase_add_test(api, json_loader_enforces_limits);
	suite_add_tcase(s, api);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(dns_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
