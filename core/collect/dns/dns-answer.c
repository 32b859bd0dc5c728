/*
 * dns-answer.c — the pure parts of DNS collection: canonical names, the
 * acceptance test for a response (ID, question, well-formedness), the
 * CNAME chain builder, and the comparison of answers between sources.
 * No I/O, no clock: unit-tested directly.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "vocab.h"
#include "util.h"

static char
lower(char ch)
{
	return (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
}

bool
dns_name_canon(const char *in, char *out, size_t outsz)
{
	return vocab_name_canon(in, out, outsz);
}

bool
dns_rdf_name(const ldns_rdf *rdf, char *out, size_t outsz)
{
	if (rdf == NULL || ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_DNAME)
		return false;
	const uint8_t *p = ldns_rdf_data(rdf);
	size_t sz = ldns_rdf_size(rdf), i = 0, o = 0;
	/* Wire form of an uncompressed name (ldns has decompressed it). */
	while (i < sz) {
		uint8_t len = p[i++];
		if (len == 0)
			break;
		if (len > 63 || i + len > sz)
			return false;
		if (o > 0) {
			if (o + 1 >= outsz)
				return false;
			out[o++] = '.';
		}
		for (uint8_t k = 0; k < len; k++) {
			unsigned char ch = p[i + k];
			if (ch > ' ' && ch < 0x7f && ch != '.' && ch != '\\') {
				if (o + 1 >= outsz)
					return false;
				out[o++] = lower((char)ch);
			} else {
				if (o + 5 >= outsz)
					return false;
				snprintf(out + o, outsz - o, "\\%03u", (unsigned)ch);
				o += 4;
			}
		}
		i += len;
	}
	if (o == 0) {
		if (outsz < 2)
			return false;
		out[o++] = '.';  /* the root */
	}
	if (o > SC_MAX_NAME_LEN)
		return false;
	out[o] = '\0';
	/* Only names the bundle can carry (one vocabulary, base/vocab.c): a
	 * label whose escaped form is longer than 63 characters is not one. */
	return (o == 1 && out[0] == '.') || vocab_name(out);
}

bool
dns_sockaddr_equal(const struct sockaddr *a, const struct sockaddr *b)
{
	if (a->sa_family != b->sa_family)
		return false;
	if (a->sa_family == AF_INET) {
		const struct sockaddr_in *x = (const struct sockaddr_in *)(const void *)a;
		const struct sockaddr_in *y = (const struct sockaddr_in *)(const void *)b;
		return x->sin_port == y->sin_port &&
		       x->sin_addr.s_addr == y->sin_addr.s_addr;
	}
	if (a->sa_family == AF_INET6) {
		const struct sockaddr_in6 *x = (const struct sockaddr_in6 *)(const void *)a;
		const struct sockaddr_in6 *y = (const struct sockaddr_in6 *)(const void *)b;
		return x->sin6_port == y->sin6_port &&
		       memcmp(&x->sin6_addr, &y->sin6_addr, sizeof(x->sin6_addr)) == 0;
	}
	return false;
}

dns_accept
dns_accept_response(const uint8_t *buf, size_t len, uint16_t id,
                    const char *qname, uint16_t qtype, ldns_pkt **ret_pkt)
{
	if (len < LDNS_HEADER_SIZE)
		return DNS_ACCEPT_MALFORMED;
	if ((uint16_t)((buf[0] << 8) | buf[1]) != id)
		return DNS_ACCEPT_WRONG_ID;
	/* QR set and opcode QUERY (RFC 1035 section 4.1.1). */
	if ((buf[2] & 0x80) == 0 || ((buf[2] >> 3) & 0x0f) != 0)
		return DNS_ACCEPT_NOT_RESPONSE;
	ldns_pkt *pkt = NULL;
	if (ldns_wire2pkt(&pkt, buf, len) != LDNS_STATUS_OK || pkt == NULL)
		return DNS_ACCEPT_MALFORMED;
	/* RFC 5452 section 9.1: the question must be the one asked. */
	ldns_rr_list *q = ldns_pkt_question(pkt);
	if (ldns_pkt_qdcount(pkt) != 1 || q == NULL || ldns_rr_list_rr_count(q) != 1)
		goto wrong;
	ldns_rr *rr = ldns_rr_list_rr(q, 0);
	char name[DNS_NAME_BUF];
	if (ldns_rr_get_type(rr) != qtype || ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN ||
	    !dns_rdf_name(ldns_rr_owner(rr), name, sizeof(name)) || strcmp(name, qname) != 0)
		goto wrong;
	*ret_pkt = pkt;
	return DNS_ACCEPT_OK;
wrong:
	ldns_pkt_free(pkt);
	return DNS_ACCEPT_WRONG_QUESTION;
}

void
dns_chase_fail(struct dns_chase *c, sc_dns_reason r, const char *fmt, ...)
{
	char buf[256];
	c->reason = r;
	c->done = true;
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	free(c->detail);
	c->detail = strdup(w < 0 ? "" : buf);  /* NULL when out of memory: "" */
}

void
dns_chase_clear(struct dns_chase *c)
{
	for (size_t i = 0; i < c->nhops; i++) {
		free(c->hops[i].owner);
		free(c->hops[i].target);
	}
	free(c->hops);
	for (size_t i = 0; i < c->nrecs; i++) {
		free(c->recs[i].owner);
		free(c->recs[i].value);
	}
	free(c->recs);
	free(c->qname);
	free(c->detail);
	c->qname = NULL;
	c->detail = NULL;
	c->hops = NULL;
	c->recs = NULL;
	c->nhops = c->nrecs = c->caprecs = 0;
}

bool
dns_chase_init(struct dns_chase *c, const char *qname, uint16_t qtype)
{
	dns_chase_clear(c);
	c->qname = strdup(qname);
	c->qtype = qtype;
	c->reason = SC_DNS_OK;
	c->rcode = -1;
	c->done = false;
	c->tcp = c->saw_malformed = c->saw_mismatch = false;
	c->server = NULL;
	c->observed_ms = 0;
	c->queries = 0;
	c->next = NULL;
	c->slot = NULL;
	return c->qname != NULL;
}

static const char *
qtype_name(uint16_t t)
{
	switch (t) {
	case LDNS_RR_TYPE_A: return "A";
	case LDNS_RR_TYPE_AAAA: return "AAAA";
	case LDNS_RR_TYPE_NS: return "NS";
	case LDNS_RR_TYPE_MX: return "MX";
	case LDNS_RR_TYPE_TXT: return "TXT";
	case LDNS_RR_TYPE_CAA: return "CAA";
	case LDNS_RR_TYPE_SRV: return "SRV";
	default: return "?";  /* ldns' enum, not ours */
	}
}

/* A record's TTL; one with the most significant bit set counts as zero
 * (RFC 2181 section 8), so that every TTL kept is one a bundle carries. */
static uint32_t
rr_ttl(const ldns_rr *rr)
{
	uint32_t t = ldns_rr_ttl(rr);
	return t > INT32_MAX ? 0 : t;
}

/* Append n bytes to sb as sc_dns_text writes them: printable ASCII as
 * is, any other byte and the backslash as \DDD. */
static void
text_escape(strbuf *sb, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\')
			sb_printf(sb, "%c", (char)p[i]);
		else
			sb_printf(sb, "\\%03u", (unsigned)p[i]);
	}
}

/* A TXT record's character-strings joined (RFC 7208 section 3.3), or a
 * CAA record as "FLAGS TAG VALUE" (RFC 8659): escaped; NULL when the
 * record cannot be read (*ret_bad) or out of memory. */
static char *
text_value(const ldns_rr *rr, uint16_t qtype, bool *ret_bad)
{
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "");
	if (qtype == LDNS_RR_TYPE_TXT) {
		for (size_t i = 0; i < ldns_rr_rd_count(rr); i++) {
			const ldns_rdf *rd = ldns_rr_rdf(rr, i);
			const uint8_t *d = rd ? ldns_rdf_data(rd) : NULL;
			size_t n = rd ? ldns_rdf_size(rd) : 0;
			if (d == NULL || n == 0 || (size_t)d[0] + 1 != n)
				goto bad;
			text_escape(&sb, d + 1, n - 1);
		}
	} else {
		/* flags (1 byte), the tag (a length byte, then the tag), the value */
		const ldns_rdf *f = ldns_rr_rdf(rr, 0), *t = ldns_rr_rdf(rr, 1),
		                *v = ldns_rr_rdf(rr, 2);
		if (ldns_rr_rd_count(rr) != 3 || f == NULL || ldns_rdf_size(f) != 1 ||
		    t == NULL || ldns_rdf_size(t) < 2 || ldns_rdf_data(t)[0] + 1u != ldns_rdf_size(t) ||
		    v == NULL)
			goto bad;
		sb_printf(&sb, "%u ", (unsigned)ldns_rdf_data(f)[0]);
		text_escape(&sb, ldns_rdf_data(t) + 1, ldns_rdf_size(t) - 1);
		sb_puts(&sb, " ");
		text_escape(&sb, ldns_rdf_data(v), ldns_rdf_size(v));
	}
	if (sb.len > SC_MAX_DNS_TEXT)
		goto bad;
	return sb.s;
bad:
	*ret_bad = !sb.oom;
	sb_free(&sb);
	return NULL;
}

/* Keep one record of the asked type; false when out of memory. */
static bool
add_rec(struct dns_chase *c, const ldns_rr *rr, const char *owner, bool *ret_bad)
{
	struct dns_rec r = { .ttl = rr_ttl(rr) };
	char buf[DNS_NAME_BUF];
	const ldns_rdf *rd0 = ldns_rr_rdf(rr, 0);
	*ret_bad = false;
	switch (c->qtype) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA: {
		bool v4 = c->qtype == LDNS_RR_TYPE_A;
		size_t want = v4 ? 4 : 16;
		if (rd0 == NULL || ldns_rdf_size(rd0) != want) {
			*ret_bad = true;
			return true;
		}
		char ip[INET6_ADDRSTRLEN];
		if (inet_ntop(v4 ? AF_INET : AF_INET6, ldns_rdf_data(rd0), ip, sizeof(ip)) == NULL) {
			*ret_bad = true;
			return true;
		}
		r.family = v4 ? 4 : 6;
		r.value = strdup(ip);
		break;
	}
	case LDNS_RR_TYPE_NS:
		if (!dns_rdf_name(rd0, buf, sizeof(buf))) {
			*ret_bad = true;
			return true;
		}
		r.value = strdup(buf);
		break;
	case LDNS_RR_TYPE_MX: {
		const ldns_rdf *rd1 = ldns_rr_rdf(rr, 1);
		if (rd0 == NULL || ldns_rdf_size(rd0) != 2 || !dns_rdf_name(rd1, buf, sizeof(buf))) {
			*ret_bad = true;
			return true;
		}
		r.pref = ldns_rdf2native_int16(rd0);
		r.value = strdup(buf);
		break;
	}
	case LDNS_RR_TYPE_SRV: {
		/* priority, weight, port, target (RFC 2782) */
		const ldns_rdf *rd2 = ldns_rr_rdf(rr, 2), *rd3 = ldns_rr_rdf(rr, 3);
		if (rd0 == NULL || ldns_rdf_size(rd0) != 2 || rd2 == NULL ||
		    ldns_rdf_size(rd2) != 2 || !dns_rdf_name(rd3, buf, sizeof(buf))) {
			*ret_bad = true;
			return true;
		}
		r.pref = ldns_rdf2native_int16(rd0);
		r.port = ldns_rdf2native_int16(rd2);
		r.value = strdup(buf);
		break;
	}
	case LDNS_RR_TYPE_TXT:
	case LDNS_RR_TYPE_CAA:
		r.value = text_value(rr, c->qtype, ret_bad);
		if (*ret_bad)
			return true;
		break;
	default:
		*ret_bad = true;
		return true;
	}
	r.owner = strdup(owner);
	if (r.value == NULL || r.owner == NULL)
		goto nomem;
	/* The same record twice in one answer is kept once. */
	for (size_t i = 0; i < c->nrecs; i++) {
		if (strcmp(c->recs[i].value, r.value) == 0 && c->recs[i].pref == r.pref &&
		    c->recs[i].port == r.port && strcmp(c->recs[i].owner, r.owner) == 0) {
			free(r.value);
			free(r.owner);
			return true;
		}
	}
	if (c->nrecs == c->caprecs) {
		size_t cap = c->caprecs ? c->caprecs * 2 : 4;
		struct dns_rec *nr = realloc(c->recs, cap * sizeof(*nr));
		if (nr == NULL)
			goto nomem;
		c->recs = nr;
		c->caprecs = cap;
	}
	c->recs[c->nrecs++] = r;
	return true;
nomem:
	free(r.value);
	free(r.owner);
	return false;
}

dns_step
dns_chase_step(struct dns_chase *c, const ldns_pkt *pkt)
{
	ldns_pkt_rcode rc = ldns_pkt_get_rcode(pkt);
	c->rcode = (int)rc;
	switch (rc) {
	case LDNS_RCODE_NOERROR:
	case LDNS_RCODE_NXDOMAIN:
		break;  /* an NXDOMAIN may still carry the CNAME hops before it */
	case LDNS_RCODE_SERVFAIL:
		dns_chase_fail(c, SC_DNS_SERVFAIL, "SERVFAIL for %s %s", c->qname, qtype_name(c->qtype));
		return DNS_STEP_DONE;
	case LDNS_RCODE_REFUSED:
		dns_chase_fail(c, SC_DNS_REFUSED, "REFUSED for %s %s", c->qname, qtype_name(c->qtype));
		return DNS_STEP_DONE;
	default:
		dns_chase_fail(c, SC_DNS_RCODE, "rcode %d for %s %s", (int)rc, c->qname,
		               qtype_name(c->qtype));
		return DNS_STEP_DONE;
	}

	const ldns_rr_list *an = ldns_pkt_answer(pkt);
	size_t n = an ? ldns_rr_list_rr_count(an) : 0;
	char cur[DNS_NAME_BUF], owner[DNS_NAME_BUF], target[DNS_NAME_BUF];
	snprintf(cur, sizeof(cur), "%s", c->qname);
	bool advanced = false;
	for (;;) {
		size_t matched = 0, bad = 0;
		const ldns_rr *cname = NULL;
		for (size_t i = 0; i < n; i++) {
			const ldns_rr *rr = ldns_rr_list_rr(an, i);
			if (ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN)
				continue;
			if (!dns_rdf_name(ldns_rr_owner(rr), owner, sizeof(owner)) ||
			    strcmp(owner, cur) != 0)
				continue;  /* not on the chain: ignored (RFC 2181 section 5.4.1) */
			ldns_rr_type t = ldns_rr_get_type(rr);
			if (t == (ldns_rr_type)c->qtype) {
				if (c->nrecs >= SC_MAX_DNS_ANSWERS) {
					dns_chase_fail(c, SC_DNS_TOO_MANY,
					               "more than %u %s records for %s",
					               SC_MAX_DNS_ANSWERS, qtype_name(c->qtype), cur);
					return DNS_STEP_DONE;
				}
				bool isbad;
				if (!add_rec(c, rr, cur, &isbad))
					return DNS_STEP_NOMEM;
				if (isbad)
					bad++;
				else
					matched++;
			} else if (t == LDNS_RR_TYPE_CNAME && cname == NULL) {
				cname = rr;
			}
		}
		if (bad > 0) {
			/* One record we cannot read makes the set incomplete: keeping
			 * the others would be a partial answer passed as whole. */
			dns_chase_fail(c, SC_DNS_MALFORMED, "%zu malformed %s record%s for %s",
			               bad, qtype_name(c->qtype), bad == 1 ? "" : "s", cur);
			return DNS_STEP_DONE;
		}
		if (matched > 0) {
			c->reason = SC_DNS_OK;
			c->done = true;
			return DNS_STEP_DONE;
		}
		if (cname == NULL)
			break;
		if (!dns_rdf_name(ldns_rr_rdf(cname, 0), target, sizeof(target))) {
			dns_chase_fail(c, SC_DNS_MALFORMED, "malformed CNAME at %s", cur);
			return DNS_STEP_DONE;
		}
		bool loop = strcmp(target, cur) == 0;
		for (size_t i = 0; i < c->nhops && !loop; i++)
			loop = strcmp(target, c->hops[i].owner) == 0;
		if (loop) {
			dns_chase_fail(c, SC_DNS_CNAME_LOOP, "CNAME loop: %s -> %s", cur, target);
			return DNS_STEP_DONE;
		}
		if (c->nhops >= SC_MAX_CNAME_HOPS) {
			dns_chase_fail(c, SC_DNS_CHAIN_TOO_LONG, "more than %u CNAME hops from %s",
			               SC_MAX_CNAME_HOPS, c->nhops ? c->hops[0].owner : cur);
			return DNS_STEP_DONE;
		}
		struct dns_hop *nh = realloc(c->hops, (c->nhops + 1) * sizeof(*nh));
		if (nh == NULL)
			return DNS_STEP_NOMEM;
		c->hops = nh;
		nh[c->nhops].owner = strdup(cur);
		nh[c->nhops].target = strdup(target);
		nh[c->nhops].ttl = rr_ttl(cname);
		c->nhops++;
		if (nh[c->nhops - 1].owner == NULL || nh[c->nhops - 1].target == NULL)
			return DNS_STEP_NOMEM;
		snprintf(cur, sizeof(cur), "%s", target);
		advanced = true;
	}
	if (rc == LDNS_RCODE_NXDOMAIN) {
		/* RFC 6604: the rcode speaks of the last name of the chain. */
		dns_chase_fail(c, SC_DNS_NXDOMAIN, "%s does not exist", cur);
		return DNS_STEP_DONE;
	}
	if (advanced) {
		/* The chain stops before any record: ask the target itself. */
		char *next = strdup(cur);
		if (next == NULL)
			return DNS_STEP_NOMEM;
		free(c->qname);
		c->qname = next;
		return DNS_STEP_FOLLOW;
	}
	c->reason = SC_DNS_OK;  /* NODATA */
	c->done = true;
	return DNS_STEP_DONE;
}

/* ---- comparison between sources ---- */

static bool
hops_equal(const sc_dns_answer *a, const sc_dns_answer *b)
{
	if (a->chain_len != b->chain_len)
		return false;
	for (size_t i = 0; i < a->chain_len; i++)
		if (strcmp(a->chain[i].owner, b->chain[i].owner) != 0 ||
		    strcmp(a->chain[i].target, b->chain[i].target) != 0)
			return false;
	return true;
}

static bool
addrs_equal(const sc_dns_answer *a, const sc_dns_answer *b)
{
	if (a->addr_count != b->addr_count)
		return false;
	for (size_t i = 0; i < a->addr_count; i++)  /* both sorted */
		if (strcmp(a->addrs[i].ip, b->addrs[i].ip) != 0)
			return false;
	return true;
}

static bool
targets_equal(const sc_dns_target *a, size_t na, const sc_dns_target *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i].name, b[i].name) != 0 || a[i].preference != b[i].preference ||
		    a[i].port != b[i].port)
			return false;
	return true;
}

static bool
texts_equal(const sc_dns_text *a, size_t na, const sc_dns_text *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)  /* both sorted */
		if (strcmp(a[i].value, b[i].value) != 0)
			return false;
	return true;
}

bool
dns_entry_compare(struct dns_entry_priv *e)
{
	bool d_reason = false, d_chain = false, d_addr = false, d_ns = false, d_mx = false;
	bool d_txt = false, d_caa = false, d_srv = false;
	for (size_t i = 1; i < e->nanswers; i++) {
		const sc_dns_answer *a = &e->answers[0].pub, *b = &e->answers[i].pub;
		d_reason |= a->reason != b->reason;
		d_chain |= !hops_equal(a, b);
		d_addr |= !addrs_equal(a, b);
		d_ns |= !targets_equal(a->ns, a->ns_count, b->ns, b->ns_count);
		d_mx |= !targets_equal(a->mx, a->mx_count, b->mx, b->mx_count);
		d_txt |= !texts_equal(a->txt, a->txt_count, b->txt, b->txt_count);
		d_caa |= !texts_equal(a->caa, a->caa_count, b->caa, b->caa_count);
		d_srv |= !targets_equal(a->srv, a->srv_count, b->srv, b->srv_count);
	}
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "");
	if (d_reason)
		sb_puts(&sb, "reason,");
	if (d_chain)
		sb_puts(&sb, "cname,");
	if (d_addr)
		sb_puts(&sb, "addresses,");
	if (d_ns)
		sb_puts(&sb, "ns,");
	if (d_mx)
		sb_puts(&sb, "mx,");
	if (d_txt)
		sb_puts(&sb, "txt,");
	if (d_caa)
		sb_puts(&sb, "caa,");
	if (d_srv)
		sb_puts(&sb, "srv,");
	if (sb.oom) {
		sb_free(&sb);
		return false;
	}
	if (sb.len > 0)
		sb.s[--sb.len] = '\0';
	free(e->differences);
	e->pub.differs = sb.len > 0;
	/* Nothing to say stays NULL (no allocation per name). */
	if (sb.s == NULL)
		e->differences = NULL;
	else if ((e->differences = sb_take(&sb)) == NULL)
		return false;
	e->pub.differences = e->differences;
	return true;
}
