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
 * Certificates: the CA that issued the leaf — who operates it, who owns it
 * in the root programs, its ultimate parent and that parent's home country
 * (SecNumCloud §10.6.a asks for certificates from CAs of an EU member
 * state). Order, most authoritative first:
 *   1. the registry's CA index (facts from the CCADB), walking the chain as
 *      verified from the issuing CA up to the root: by the certificate's
 *      SHA-256, else by its subject and key (a cross-signed or re-issued
 *      copy of the same CA); an externally operated CA goes to its operator;
 *   2. the root fingerprints entities declare, from the top;
 *   3. the issuer organisation names (O=), then former names — flagged
 *      inferred: any CA can be named anything, a white-label intermediate
 *      carries its reseller's name.
 * Nothing matching is "not found" (owner unknown), never an error.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <openssl/x509.h>

#include "registry.h"
#include "sc-limits.h"
#include "tls.h"
#include "util.h"
#include "x509.h"

/* One string table for sc_match_kind. */
static const char *const match_names[] = {
	[SC_MATCH_NONE] = "none",
	[SC_MATCH_ASN] = "asn",
	[SC_MATCH_CNAME_SUFFIX] = "cname-suffix",
	[SC_MATCH_NS_SUFFIX] = "ns-suffix",
	[SC_MATCH_MX_SUFFIX] = "mx-suffix",
	[SC_MATCH_PREFIX] = "prefix",
	[SC_MATCH_TXT_SUFFIX] = "txt-suffix",
	[SC_MATCH_VERIFICATION] = "verification-token",
	[SC_MATCH_CAA] = "caa-issuer",
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
	case SC_MATCH_PREFIX:
	case SC_MATCH_TXT_SUFFIX:
	case SC_MATCH_VERIFICATION:
	case SC_MATCH_CAA:
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
	case SC_SUFFIX_TXT: return SC_MATCH_TXT_SUFFIX;
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
sc_attribute_address(const sc_registry *reg, const char *ip, bool found_asn, uint32_t asn,
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
	/* A prefix the operator publishes: ranges the public ASN data misses. */
	const char *pfx = NULL;
	if (ip != NULL && (e = sc_registry_by_prefix(reg, ip, &pfx)) != NULL) {
		set_operator(ret, e);
		ret->matched_by = SC_MATCH_PREFIX;
		snprintf(ret->match, sizeof(ret->match), "%s (published by %s)", pfx ? pfx : "?",
		         sc_entity_name(e));
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

/* The matched CA entry's earlier owners, and changes of control of the
 * operator, that fall within the validity of the CA certificate. */
static void
owner_history(const struct ca_entry *ce, const sc_cert *c, const sc_entity *op, char *buf,
              size_t n)
{
	char nb[32] = "", na[32] = "";
	x509_format_time(c->not_before, nb, sizeof(nb));
	x509_format_time(c->not_after, na, sizeof(na));
	nb[10] = na[10] = '\0';   /* the dates only */
	strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; ce && i < ce->n_hist; i++)
		if (strcmp(ce->hist[i].until, nb) > 0)
			sb_printf(&sb, "%sowned by %s until %s", sb.len ? "; " : "",
			          ce->hist[i].owner ? sc_entity_name(ce->hist[i].owner) :
			          ce->hist[i].owner_id, ce->hist[i].until);
	/* Control of the operator (and of its parents) that changed hands. */
	const sc_entity *hops[SC_MAX_ENTITY_DEPTH];
	size_t nh = sc_entity_chain(op, hops, SC_MAX_ENTITY_DEPTH, NULL);
	for (size_t h = 0; h < nh; h++) {
		for (size_t i = 0; i < sc_entity_parent_periods(hops[h]); i++) {
			const char *from = NULL, *until = NULL;
			const sc_entity *p = sc_entity_parent_period(hops[h], i, &from, &until);
			bool starts = from && *from && strcmp(from, nb) > 0 && strcmp(from, na) <= 0;
			bool ends = until && *until && strcmp(until, nb) > 0 && strcmp(until, na) <= 0;
			if (starts || ends)
				sb_printf(&sb, "%s%s part of %s%s%s%s%s", sb.len ? "; " : "",
				          sc_entity_name(hops[h]), p ? sc_entity_name(p) : "?",
				          *from ? " from " : "", from, *until ? " until " : "", until);
		}
	}
	snprintf(buf, n, "%s", sb.oom || sb.s == NULL ? "" : sb.s);
	sb_free(&sb);
}

/* The entry for CA certificate c: by its SHA-256, else by its subject and
 * key; *ret_by says which. */
static const struct ca_entry *
ca_lookup(const sc_registry *reg, const sc_cert *c, const char **ret_by)
{
	const struct ca_entry *ce = registry_ca_by_sha256(reg, c->sha256);
	if (ce) {
		*ret_by = "certificate";
		return ce;
	}
	const struct ca_entry *const *first = NULL;
	size_t n = c->subject_spki[0] ? registry_ca_by_spki(reg, c->subject_spki, &first) : 0;
	if (n == 0)
		return NULL;
	/* Copies of one CA name one operator (lint warns otherwise); prefer an
	 * entry that names it explicitly. */
	for (size_t i = 0; i < n; i++)
		if (first[i]->operator_id) {
			*ret_by = "subject+key";
			return first[i];
		}
	*ret_by = "subject+key";
	return first[0];
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
	const struct ca_entry *ce = NULL;
	size_t at = 0;
	const char *by = NULL;
	const char *former = NULL, *former_until = NULL;
	/* The CA that issued the leaf; a lone self-signed CA issued itself. */
	const sc_cert *c0 = r->certs[0];
	size_t start = r->n_certs == 1 || (c0->self_signed && c0->is_ca) ? 0 : 1;
	if (reg != NULL) {
		/* 1. The CA index: by certificate, else by subject and key. */
		for (size_t i = start; ce == NULL && i < r->n_certs; i++) {
			if ((ce = ca_lookup(reg, r->certs[i], &by)) != NULL) {
				at = i;
				e = ce->op ? ce->op : ce->owner;
				if (ce->op && ce->owner != ce->op)
					ret->ca_owner = ce->owner;
			}
		}
		ret->hierarchy = ce != NULL && at > start;
		/* 2. Root fingerprints the entities declare, from the top. */
		for (size_t i = r->n_certs; e == NULL && i > start; i--) {
			if ((e = sc_registry_by_fingerprint(reg, r->certs[i - 1]->sha256)) != NULL) {
				at = i - 1;
				by = "root fingerprint";
				ret->hierarchy = at > start;
			}
		}
		/* 3. A name: the issuer organisation of the leaf, then of each CA
		 * certificate up the chain — a guess, flagged. */
		for (size_t i = 0; e == NULL && i < r->n_certs; i++) {
			const char *o = r->certs[i]->iss_o;
			if (o == NULL || *o == '\0')
				continue;
			e = sc_registry_by_issuer(reg, o);
			if (e == NULL)
				e = sc_registry_find_name(reg, o, &former, &former_until);
			if (e) {
				at = i;
				by = "issuer name";
				ret->inferred = true;
			}
		}
	}
	if (e == NULL) {
		const char *o = r->certs[start]->iss_o;
		snprintf(ret->summary, sizeof(ret->summary),
		         "issued by %s, owner unknown (no CA index entry for the chain's "
		         "certificates, no registry entry for issuer \"%s\")",
		         ret->path, o ? o : "(no O=)");
		return SC_OK;
	}
	ret->found = true;
	ret->owner = e;
	ret->ultimate = sc_entity_ultimate(e);
	ret->matched_by = by;
	ret->cert_index = at;
	owner_history(ce, r->certs[at], e, ret->history, sizeof(ret->history));
	const sc_entity *top = ret->ultimate ? ret->ultimate : e;
	ret->country = sc_entity_country(top);
	const char *c = ret->country ? ret->country : "country unknown";
	strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "issued by %s, %s %s", ret->path,
	          ret->ca_owner ? "operated by" : "owner", sc_entity_name(e));
	if (ret->ca_owner)
		sb_printf(&sb, " for %s", sc_entity_name(ret->ca_owner));
	if (ret->ultimate == NULL)
		sb_puts(&sb, " (ultimate parent unknown)");
	else if (ret->ultimate != e)
		sb_printf(&sb, " (part of %s)", sc_entity_name(ret->ultimate));
	sb_printf(&sb, ", %s", c);
	if (ret->inferred)
		sb_printf(&sb, " — inferred from the issuer name \"%s\"%s%s%s%s", r->certs[at]->iss_o,
		          former ? ", a former name of it (until " : "", former_until ? former_until : "",
		          former ? ")" : "", "; no CA index entry for the chain's certificates");
	else if (ret->hierarchy)
		sb_printf(&sb, " — by the %s of %s higher in the chain (the issuing CA is not in "
		          "the index)", strcmp(by, "root fingerprint") == 0 ? "fingerprint" : by,
		          r->certs[at]->subj_cn ? r->certs[at]->subj_cn : "a CA");
	if (ret->history[0])
		sb_printf(&sb, "; history: %s", ret->history);
	snprintf(ret->summary, sizeof(ret->summary), "%s", sb.oom || !sb.s ? "" : sb.s);
	sb_free(&sb);
	return SC_OK;
}

json_t *
sc_holder_to_json(const sc_holder *h)
{
	return json_pack("{s:s, s:s?, s:s?, s:o, s:o, s:b, s:s?, s:s?, s:s?}", "name", h->name,
	                 "entity", sc_entity_id(h->entity),
	                 "country", h->country[0] ? h->country : NULL,
	                 "capital", h->capital >= 0 ? json_real(h->capital) : json_null(),
	                 "voting", h->voting >= 0 ? json_real(h->voting) : json_null(),
	                 "controlling", h->controlling, "as_of", h->as_of[0] ? h->as_of : NULL,
	                 "from", h->from[0] ? h->from : NULL, "until", h->until[0] ? h->until : NULL);
}

json_t *
sc_entity_holders_to_json(const sc_entity *e)
{
	size_t n = sc_entity_holder_count(e);
	if (n == 0)
		return json_null();
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++) {
		json_t *o = sc_holder_to_json(sc_entity_holder(e, i));
		if (o == NULL || json_array_append_new(a, o) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

json_t *
sc_tls_owner_to_json(const sc_tls_owner *o)
{
	json_t *j = json_pack("{s:b, s:b, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:o?,"
	                      " s:s?, s:s?, s:b, s:b, s:s, s:s?, s:s}",
		"found", o->found,
		"verified", o->verified,
		"verify_error", o->verified ? NULL : o->verify_error,
		"owner", sc_entity_name(o->owner),
		"owner_id", sc_entity_id(o->owner),
		"ca_owner", sc_entity_name(o->ca_owner),
		"ca_owner_id", sc_entity_id(o->ca_owner),
		"ultimate", sc_entity_name(o->ultimate),
		"ultimate_id", sc_entity_id(o->ultimate),
		"ultimate_control", sc_entity_control(o->ultimate),
		"ultimate_holders", sc_entity_holders_to_json(o->ultimate),
		"country", o->country,
		"matched_by", o->matched_by,
		"inferred", o->inferred,
		"hierarchy", o->hierarchy,
		"path", o->path,
		"history", o->history[0] ? o->history : NULL,
		"summary", o->summary);
	return j;
}
