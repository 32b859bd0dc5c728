/*
 * attribute.c — the attribute stage's rules (docs/architecture.md): who
 * operates an address or a name, who stands behind a certificate chain, and
 * who ultimately controls each, through the entity registry. The dependency
 * graph (graph.c) and `sovcheck lookup` both call these functions, so that
 * one rule decides everywhere.
 *
 * Addresses: by the origin AS of the address first (its geolocation
 * answer); then, when the caller gives the names that led to it, by the
 * DNS suffix of those names, the last CNAME target first (it names the
 * platform that actually serves). Names: the longest suffix of the kind
 * (host/CNAME, NS, MX), on label boundaries.
 *
 * Certificates: the issuing CA's owner, with its ultimate parent and that
 * parent's home country (SecNumCloud §10.6.a asks for certificates from CAs
 * of an EU member state). Order of the lookups, most specific first:
 *   1. the leaf's issuer organisation (O=): the CA that signed the leaf;
 *   2. the SHA-256 fingerprint of each CA certificate of the chain, from the
 *      top (a root fingerprint names its owner without ambiguity);
 *   3. the issuer organisation of the CA certificates, from the bottom.
 * Nothing matching is "not found" (owner unknown), never an error.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <openssl/x509.h>

#include "tls.h"
#include "util.h"

/* One string table for sc_match_kind. */
static const char *const match_names[] = {
	[SC_MATCH_NONE] = "none",
	[SC_MATCH_ASN] = "asn",
	[SC_MATCH_CNAME_SUFFIX] = "cname-suffix",
	[SC_MATCH_NS_SUFFIX] = "ns-suffix",
	[SC_MATCH_MX_SUFFIX] = "mx-suffix",
};

const char *
sc_match_kind_to_string(sc_match_kind k)
{
	switch (k) {
	case SC_MATCH_NONE:
	case SC_MATCH_ASN:
	case SC_MATCH_CNAME_SUFFIX:
	case SC_MATCH_NS_SUFFIX:
	case SC_MATCH_MX_SUFFIX:
		return match_names[k];
	}
	return "none";
}

/* The controller of an operator: the top of its parent chain. */
static void
set_operator(sc_attribution *a, const sc_entity *e)
{
	bool cycle = false;
	a->op = e;
	(void)sc_entity_chain(e, NULL, 0, &cycle);
	a->chain_cycle = cycle;
	a->controller = sc_entity_ultimate(e);
	a->anycast = sc_entity_anycast(e);
}

static sc_match_kind
suffix_match(sc_suffix_kind k)
{
	switch (k) {
	case SC_SUFFIX_CNAME: return SC_MATCH_CNAME_SUFFIX;
	case SC_SUFFIX_NS: return SC_MATCH_NS_SUFFIX;
	case SC_SUFFIX_MX: return SC_MATCH_MX_SUFFIX;
	}
	return SC_MATCH_CNAME_SUFFIX;
}

void
sc_attribute_name(const sc_registry *reg, sc_suffix_kind kind, const char *name,
                  sc_attribution *ret)
{
	memset(ret, 0, sizeof(*ret));
	const char *sfx = NULL;
	const sc_entity *e = reg && name ? sc_registry_by_suffix(reg, kind, name, &sfx) : NULL;
	if (e == NULL)
		return;
	set_operator(ret, e);
	ret->matched_by = suffix_match(kind);
	ret->suffix = sfx;
	snprintf(ret->match, sizeof(ret->match), "%s (of %s)", sfx ? sfx : "?", name);
}

void
sc_attribute_address(const sc_registry *reg, bool found_asn, uint32_t asn,
                     const char *const *names, size_t nnames, sc_attribution *ret)
{
	memset(ret, 0, sizeof(*ret));
	if (reg == NULL)
		return;
	/* The origin AS first: it names the network the address is in. */
	const sc_entity *e = found_asn ? sc_registry_by_asn(reg, asn) : NULL;
	if (e) {
		set_operator(ret, e);
		ret->matched_by = SC_MATCH_ASN;
		snprintf(ret->match, sizeof(ret->match), "AS%u", (unsigned)asn);
		return;
	}
	/* Then the names that led to the address, the last CNAME target first:
	 * it names the platform that actually serves. */
	for (size_t i = nnames; i-- > 0;) {
		sc_attribute_name(reg, SC_SUFFIX_CNAME, names[i], ret);
		if (ret->op)
			return;
	}
}

/* Short display name of a CA certificate's issuer: CN, else O, else DN. */
static const char *
issuer_label(const sc_cert *c)
{
	if (c->iss_cn != NULL && c->iss_cn[0])
		return c->iss_cn;
	if (c->iss_o != NULL && c->iss_o[0])
		return c->iss_o;
	return c->issuer;
}

/* "R11 → ISRG Root X1": the leaf's issuer, then each issuer up the chain
 * until a self-signed certificate. */
static void
chain_path(const sc_tls_result *r, char *buf, size_t n)
{
	strbuf sb;
	sb_init(&sb);
	const char *prev = NULL;
	for (size_t i = 0; i < r->n_certs; i++) {
		const sc_cert *c = r->certs[i];
		if (i > 0 && c->self_signed)
			break;
		const char *lab = issuer_label(c);
		if (prev == NULL || strcmp(prev, lab) != 0) {
			if (prev != NULL)
				sb_puts(&sb, " \xe2\x86\x92 ");
			sb_puts(&sb, lab);
		}
		prev = lab;
		if (c->self_signed)
			break;
	}
	snprintf(buf, n, "%s", sb.oom || sb.s == NULL ? "" : sb.s);
	sb_free(&sb);
}

sc_status
sc_tls_result_owner(const sc_tls_result *r, const sc_registry *reg,
                    sc_tls_owner *ret, sc_err *err)
{
	if (r == NULL || ret == NULL)
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "tls-owner", "no result");
	memset(ret, 0, sizeof(*ret));
	if (r->n_certs == 0) {
		snprintf(ret->summary, sizeof(ret->summary), "no certificate chain");
		return SC_OK;
	}
	chain_path(r, ret->path, sizeof(ret->path));
	/* Trust before ownership: only a chain that verifies to a trust
	 * anchor says who issued it. */
	ret->verified = r->verify_done && r->verify_code == X509_V_OK;
	if (!ret->verified) {
		snprintf(ret->verify_error, sizeof(ret->verify_error), "%s",
		         !r->verify_done ? "not verified" : X509_verify_cert_error_string(r->verify_code));
		snprintf(ret->summary, sizeof(ret->summary),
		         "the chain (%s) does not verify to a trust anchor: %s; the CA owner is not "
		         "taken from names a server can write", ret->path, ret->verify_error);
		return SC_OK;
	}
	const sc_entity *e = NULL;
	size_t at = 0;
	const char *by = NULL;
	if (reg != NULL) {
		if (r->certs[0]->iss_o != NULL &&
		    (e = sc_registry_by_issuer(reg, r->certs[0]->iss_o)) != NULL)
			by = "issuer";
		for (size_t i = r->n_certs; e == NULL && i > 1; i--) {
			e = sc_registry_by_fingerprint(reg, r->certs[i - 1]->sha256);
			at = i - 1;
			by = "fingerprint";
		}
		for (size_t i = 1; e == NULL && i < r->n_certs; i++) {
			if (r->certs[i]->iss_o == NULL)
				continue;
			e = sc_registry_by_issuer(reg, r->certs[i]->iss_o);
			at = i;
			by = "issuer";
		}
	}
	if (e == NULL) {
		const char *o = r->certs[0]->iss_o;
		snprintf(ret->summary, sizeof(ret->summary),
		         "issued by %s, owner unknown (no registry entry for issuer \"%s\")",
		         ret->path, o ? o : "(no O=)");
		return SC_OK;
	}
	ret->found = true;
	ret->owner = e;
	ret->ultimate = sc_entity_ultimate(e);
	ret->matched_by = by;
	ret->cert_index = at;
	const sc_entity *top = ret->ultimate ? ret->ultimate : e;
	ret->country = sc_entity_country(top);
	const char *c = ret->country ? ret->country : "country unknown";
	if (ret->ultimate != NULL && ret->ultimate != e)
		snprintf(ret->summary, sizeof(ret->summary), "issued by %s, owner %s (part of %s), %s",
		         ret->path, sc_entity_name(e), sc_entity_name(ret->ultimate), c);
	else if (ret->ultimate == NULL)
		snprintf(ret->summary, sizeof(ret->summary),
		         "issued by %s, owner %s (ultimate parent unknown), %s",
		         ret->path, sc_entity_name(e), c);
	else
		snprintf(ret->summary, sizeof(ret->summary), "issued by %s, owner %s, %s",
		         ret->path, sc_entity_name(e), c);
	return SC_OK;
}

json_t *
sc_tls_owner_to_json(const sc_tls_owner *o)
{
	json_t *j = json_pack("{s:b, s:b, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s, s:s}",
		"found", o->found,
		"verified", o->verified,
		"verify_error", o->verified ? NULL : o->verify_error,
		"owner", sc_entity_name(o->owner),
		"owner_id", sc_entity_id(o->owner),
		"ultimate", sc_entity_name(o->ultimate),
		"ultimate_id", sc_entity_id(o->ultimate),
		"country", o->country,
		"matched_by", o->matched_by,
		"path", o->path,
		"summary", o->summary);
	return j;
}
