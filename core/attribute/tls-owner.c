/*
 * tls-owner.c — who stands behind a certificate chain: the issuing CA's
 * owner, found through the entity registry, with its ultimate parent and
 * that parent's home country (SecNumCloud §10.6.a asks for certificates
 * from CAs of an EU member state).
 *
 * Order of the lookups, most specific first:
 *   1. the leaf's issuer organisation (O=): the CA that signed the leaf;
 *   2. the SHA-256 fingerprint of each CA certificate of the chain, from the
 *      top (a root fingerprint names its owner without ambiguity);
 *   3. the issuer organisation of the CA certificates, from the bottom.
 * Nothing matching is "not found" (owner unknown), never an error.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "tls.h"
#include "util.h"

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
	chain_path(r, ret->path, sizeof(ret->path));
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
	json_t *j = json_pack("{s:b, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s, s:s}",
		"found", o->found,
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
