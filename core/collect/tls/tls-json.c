/*
 * tls-json.c — a capture result as JSON (the evidence bundle) and back:
 * the certificates travel as DER and are analysed again when read. Schema
 * 1 carries them in each chain; schema 2 once, in the bundle's table keyed
 * by their SHA-256, which the chains name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include "sc-limits.h"
#include "tls.h"
#include "util.h"
#include "vocab.h"
#include "x509.h"

/* ----------------------------------------------------------------- JSON */

/* json_object_set_new that records failure in *ok. */
static void
jset(json_t *o, const char *k, json_t *v, bool *ok)
{
	if (v == NULL || json_object_set_new(o, k, v) != 0)
		*ok = false;
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
jtime(int64_t t)
{
	char buf[32];
	x509_format_time(t, buf, sizeof(buf));
	return json_string(buf);
}

static json_t *
name_json(const sc_cert *c, bool subject)
{
	static const char *const attrs[] = { "CN", "O", "OU", "C" };
	json_t *o = json_object();
	bool ok = o != NULL;
	for (size_t i = 0; ok && i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		const char *v = subject ? sc_cert_subject_attr(c, attrs[i]) : sc_cert_issuer_attr(c, attrs[i]);
		if (v != NULL)
			jset(o, attrs[i], json_string(v), &ok);
	}
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* A certificate's analysis and its DER. in_chain: the schema-1 form, a
 * member of a capture's chain, with its fingerprint and whether the trust
 * store added it (from_store); else the form of the bundle's certificate
 * table, keyed by the fingerprint, where what belongs to a chain is not. */
static json_t *
cert_json(const sc_cert *c, bool in_chain, bool from_store)
{
	json_t *o = json_object();
	bool ok = o != NULL;
	if (!ok)
		return NULL;
	jset(o, "subject", json_string(c->subject), &ok);
	jset(o, "subject_fields", name_json(c, true), &ok);
	jset(o, "issuer", json_string(c->issuer), &ok);
	jset(o, "issuer_fields", name_json(c, false), &ok);
	jset(o, "serial", json_string(c->serial), &ok);
	json_t *sans = json_array();
	for (size_t i = 0; sans != NULL && i < c->n_sans; i++)
		if (json_array_append_new(sans, json_string(c->sans[i])) != 0)
			ok = false;
	jset(o, "sans", sans, &ok);
	jset(o, "not_before", jtime(c->not_before), &ok);
	jset(o, "not_after", jtime(c->not_after), &ok);
	json_t *key = json_object();
	if (key != NULL) {
		jset(key, "type", json_string(c->key_type), &ok);
		jset(key, "bits", json_integer(c->key_bits), &ok);
		if (c->curve[0])
			jset(key, "curve", json_string(c->curve), &ok);
	}
	jset(o, "key", key, &ok);
	jset(o, "signature_algorithm", json_string(c->sig_alg), &ok);
	if (in_chain)
		jset(o, "sha256", json_string(c->sha256), &ok);
	jset(o, "subject_spki_sha256", json_string(c->subject_spki), &ok);
	jset(o, "self_signed", json_boolean(c->self_signed), &ok);
	jset(o, "ca", json_boolean(c->is_ca), &ok);
	if (in_chain)
		jset(o, "from_store", json_boolean(from_store), &ok);
	jset(o, "truncated", json_boolean(c->truncated), &ok);
	for (int k = 0; k < X509_URL_KINDS; k++) {
		json_t *a = json_array();
		for (size_t i = 0; a != NULL && i < c->n_urls[k]; i++)
			if (json_array_append_new(a, json_string(c->urls[k][i])) != 0)
				ok = false;
		jset(o, sc_cert_dep_kind_to_string((sc_cert_dep_kind)k), a, &ok);
	}
	/* The certificate itself, so that an auditor can re-check it. */
	unsigned char *der = NULL;
	int dlen = i2d_X509(c->x509, &der);
	if (dlen > 0) {
		size_t blen = 4 * (((size_t)dlen + 2) / 3) + 1;
		unsigned char *b64 = malloc(blen);
		if (b64 != NULL) {
			EVP_EncodeBlock(b64, der, dlen);
			jset(o, "der", json_string((char *)b64), &ok);
			free(b64);
		} else {
			ok = false;
		}
		OPENSSL_free(der);
	}
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *
tls_cert_to_json(const sc_cert *c)
{
	return cert_json(c, false, false);
}

/* refs: the chain as the fingerprints of the bundle's certificate table and
 * the positions the trust store added (schema 2); else the certificates
 * themselves (schema 1). */
static json_t *
capture_json(const sc_tls_result *r, bool refs)
{
	json_t *o = json_object();
	bool ok = o != NULL;
	if (!ok)
		return NULL;
	jset(o, "host", jstr(r->host), &ok);
	jset(o, "address", jstr(sc_tls_result_address(r)), &ok);
	jset(o, "port", json_integer(r->port), &ok);
	jset(o, "starttls", r->starttls ? json_string("smtp") : json_null(), &ok);
	jset(o, "source", jstr(r->source), &ok);
	jset(o, "observed", jtime(r->observed), &ok);
	jset(o, "status", json_string(sc_tls_reason_to_string(r->reason)), &ok);
	jset(o, "detail", json_string(r->detail ? r->detail : ""), &ok);
	jset(o, "protocol", jstr(sc_tls_result_protocol(r)), &ok);
	jset(o, "cipher", jstr(sc_tls_result_cipher(r)), &ok);
	json_t *v = json_object();
	if (v != NULL) {
		jset(v, "ok", json_boolean(sc_tls_result_verified(r)), &ok);
		jset(v, "code", r->verify_done ? json_integer(r->verify_code) : json_null(), &ok);
		jset(v, "reason", jstr(sc_tls_result_verify_string(r)), &ok);
	}
	jset(o, "verify", v, &ok);
	jset(o, "name_match", json_boolean(r->name_match), &ok);
	jset(o, "presented", json_integer((json_int_t)r->presented), &ok);
	json_t *chain = json_array();
	for (size_t i = 0; chain != NULL && i < r->n_certs; i++) {
		bool fs = sc_tls_result_cert_from_store(r, i);
		json_t *c = refs ? json_string(r->certs[i]->sha256) : cert_json(r->certs[i], true, fs);
		if (json_array_append_new(chain, c) != 0)
			ok = false;
	}
	jset(o, "chain", chain, &ok);
	if (refs) {
		json_t *store = json_array();
		for (size_t i = 0; store != NULL && i < r->n_certs; i++)
			if (sc_tls_result_cert_from_store(r, i) &&
			    json_array_append_new(store, json_integer((json_int_t)i)) != 0)
				ok = false;
		jset(o, "from_store", store, &ok);
	}
	json_t *deps = json_array();
	for (size_t i = 0; deps != NULL && i < r->n_deps; i++) {
		json_t *d = json_object();
		if (d == NULL) {
			ok = false;
			break;
		}
		jset(d, "host", json_string(r->deps[i].host), &ok);
		jset(d, "kind", json_string(sc_cert_dep_kind_to_string(r->deps[i].kind)), &ok);
		if (json_array_append_new(deps, d) != 0)
			ok = false;
	}
	jset(o, "dependencies", deps, &ok);
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *
sc_tls_result_to_json(const sc_tls_result *r)
{
	return capture_json(r, false);
}

json_t *
tls_result_to_json_refs(const sc_tls_result *r)
{
	return capture_json(r, true);
}

/* ------------------------------------------------------- from evidence */

/* Optional string member: absent or null gives NULL; another type fails. */
static bool
jget_str(const json_t *o, const char *k, const char **ret)
{
	const json_t *v = json_object_get(o, k);
	*ret = NULL;
	if (v == NULL || json_is_null(v))
		return true;
	if (!json_is_string(v))
		return false;
	*ret = json_string_value(v);
	return true;
}

static sc_status
corrupt(sc_err *err, const char *what)
{
	return util_err(err, SC_ERR_CORRUPT, NULL, 0, 0, "tls-evidence",
	                "TLS evidence: %s", what);
}

/* One certificate from its DER in base64 (what="a certificate" or its
 * key, for messages): decoded, analysed, and taken from pool (optional)
 * when it holds it already. */
static sc_status
der_cert(const char *b64, x509_pool *pool, const char *what, sc_cert **ret, sc_err *err)
{
	char msg[160];
	size_t blen = b64 ? strlen(b64) : 0;
	if (b64 == NULL || blen == 0 || blen % 4 != 0 || blen / 4 * 3 > SC_MAX_CERT_BYTES + 2) {
		snprintf(msg, sizeof(msg), "%s has no usable \"der\"", what);
		return corrupt(err, msg);
	}
	unsigned char *der = malloc(blen / 4 * 3 + 1);
	if (der == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	int dl = EVP_DecodeBlock(der, (const unsigned char *)b64, (int)blen);
	/* EVP_DecodeBlock counts the '=' padding as zero bytes. */
	if (dl > 0 && b64[blen - 1] == '=')
		dl--;
	if (dl > 0 && b64[blen - 2] == '=')
		dl--;
	const unsigned char *p = der;
	X509 *x = dl > 0 ? d2i_X509(NULL, &p, dl) : NULL;
	bool whole = x != NULL && p == der + dl;
	free(der);
	if (!whole) {
		X509_free(x);
		ERR_clear_error();
		snprintf(msg, sizeof(msg), "%s: its DER does not decode", what);
		return corrupt(err, msg);
	}
	sc_status cs = pool ? x509_pool_cert(pool, x, NULL, ret) : x509_cert_new(x, NULL, ret);
	X509_free(x);
	ERR_clear_error();
	if (cs == SC_ERR_NOMEM)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	if (cs != SC_OK) {
		snprintf(msg, sizeof(msg), "%s cannot be analysed", what);
		return corrupt(err, msg);
	}
	return SC_OK;
}

/* A chain member of a schema-2 capture: the fingerprint of a certificate
 * of the bundle's table (certs), decoded and analysed once through pool,
 * which must hash to that fingerprint. */
static sc_status
ref_cert(const json_t *ref, const json_t *certs, x509_pool *pool, sc_cert **ret, sc_err *err)
{
	const char *h = json_string_value(ref);
	if (h == NULL || strlen(h) != 64 || strspn(h, "0123456789abcdef") != 64)
		return corrupt(err, "a chain member is not a SHA-256 fingerprint (64 lower-case hex)");
	if ((*ret = x509_pool_find(pool, h)) != NULL)
		return SC_OK;
	const json_t *c = json_object_get(certs, h);
	char what[120];
	snprintf(what, sizeof(what), "certificate %.16s…", h);
	if (!json_is_object(c)) {
		char msg[200];
		snprintf(msg, sizeof(msg), "a chain refers to %s, which the bundle's certificates do "
		         "not hold", what);
		return corrupt(err, msg);
	}
	sc_status st = der_cert(json_string_value(json_object_get(c, "der")), pool, what, ret, err);
	if (st != SC_OK)
		return st;
	if (strcmp((*ret)->sha256, h) != 0) {
		char msg[240];
		snprintf(msg, sizeof(msg), "%s: the SHA-256 of its DER is %.16s…, not its key", what,
		         (*ret)->sha256);
		x509_cert_free(*ret);
		*ret = NULL;
		return corrupt(err, msg);
	}
	return SC_OK;
}

sc_status
tls_result_parse(const json_t *j, const json_t *certs, x509_pool *pool, sc_tls_result **ret,
                 sc_err *err)
{
	const char *host, *addr, *source, *status, *detail, *proto, *cipher, *observed;
	sc_status st = SC_ERR_NOMEM;
	if (certs != NULL && pool == NULL)
		return util_err(err, SC_ERR_INTERNAL, NULL, 0, 0, "internal", "no certificate pool");
	if (!json_is_object(j))
		return corrupt(err, "a capture is not an object");
	if (!jget_str(j, "host", &host) || !jget_str(j, "address", &addr) ||
	    !jget_str(j, "source", &source) || !jget_str(j, "status", &status) ||
	    !jget_str(j, "detail", &detail) || !jget_str(j, "protocol", &proto) ||
	    !jget_str(j, "cipher", &cipher) || !jget_str(j, "observed", &observed))
		return corrupt(err, "a member is not a string");
	sc_tls_reason reason;
	if (status == NULL || !sc_tls_reason_from_string(status, &reason))
		return corrupt(err, "missing or unknown status");
	const json_t *port = json_object_get(j, "port");
	const json_t *chain = json_object_get(j, "chain");
	const json_t *verify = json_object_get(j, "verify");
	const json_t *presented = json_object_get(j, "presented");
	/* Schema 2: the positions of the chain the trust store added. */
	const json_t *store = certs ? json_object_get(j, "from_store") : NULL;
	/* A live capture names its port; a PEM file has none (0). */
	bool live = source != NULL && strcmp(source, "live") == 0;
	if (!json_is_integer(port) ||
	    !(live ? vocab_port(json_integer_value(port)) : json_integer_value(port) == 0 ||
	      vocab_port(json_integer_value(port))) ||
	    !json_is_array(chain) || json_array_size(chain) > 2 * SC_MAX_CHAIN_CERTS ||
	    (presented != NULL && (!json_is_integer(presented) || json_integer_value(presented) < 0 ||
	                           json_integer_value(presented) > 10000)) ||
	    (verify != NULL && !json_is_object(verify)))
		return corrupt(err, "port, chain, presented or verify is malformed");
	if (store != NULL && (!json_is_array(store) || json_array_size(store) > json_array_size(chain)))
		return corrupt(err, "from_store is not a list of positions in the chain");
	for (size_t i = 0; store != NULL && i < json_array_size(store); i++) {
		const json_t *v = json_array_get(store, i);
		json_int_t prev = i ? json_integer_value(json_array_get(store, i - 1)) : -1;
		if (!json_is_integer(v) || json_integer_value(v) <= prev ||
		    json_integer_value(v) >= (json_int_t)json_array_size(chain))
			return corrupt(err, "from_store is not a list of positions in the chain, "
			                    "increasing");
	}
	if (host != NULL && !vocab_name(host) && !vocab_ip(host))
		return corrupt(err, "host is neither a DNS name nor an IP address in canonical form");
	if (addr != NULL && *addr != '\0' && !vocab_ip(addr))
		return corrupt(err, "address is not an IP address in canonical form");
	if (source == NULL || (proto != NULL && strlen(proto) >= 16) ||
	    (cipher != NULL && strlen(cipher) >= 64) || (detail != NULL && strlen(detail) >= 256))
		return corrupt(err, "source missing, or protocol, cipher or detail too long");
	/* Schema 1 read a from_store beside name_match too, true or false. */
	const json_t *nm = json_object_get(j, "name_match");
	const json_t *fs1 = certs == NULL ? json_object_get(j, "from_store") : NULL;
	if ((nm != NULL && !json_is_boolean(nm)) || (fs1 != NULL && !json_is_boolean(fs1)))
		return corrupt(err, "name_match is not true or false");
	const json_t *stls0 = json_object_get(j, "starttls");
	if (stls0 != NULL && !json_is_null(stls0) &&
	    !(json_is_string(stls0) && strcmp(json_string_value(stls0), "smtp") == 0))
		return corrupt(err, "starttls is neither null nor \"smtp\"");

	sc_tls_result *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	r->reason = reason;
	r->port = (uint16_t)json_integer_value(port);
	const json_t *stls = json_object_get(j, "starttls");
	r->starttls = json_is_string(stls) && strcmp(json_string_value(stls), "smtp") == 0;
	snprintf(r->address, sizeof(r->address), "%s", addr ? addr : "");
	tls_set_detail(r, detail);
	if (detail != NULL && *detail && r->detail == NULL)
		goto nomem;
	snprintf(r->protocol, sizeof(r->protocol), "%s", proto ? proto : "");
	snprintf(r->cipher, sizeof(r->cipher), "%s", cipher ? cipher : "");
	if (observed != NULL && !vocab_time(observed, &r->observed)) {
		st = corrupt(err, "observed is not a UTC time");
		goto out;
	}
	if ((host != NULL && (r->host = strdup(host)) == NULL) ||
	    (r->source = strdup(source ? source : "evidence")) == NULL)
		goto nomem;
	r->presented = presented ? (size_t)json_integer_value(presented) : json_array_size(chain);
	r->name_match = json_is_true(nm);
	const json_t *code = verify ? json_object_get(verify, "code") : NULL;
	if (json_is_integer(code)) {
		r->verify_done = true;
		r->verify_code = (long)json_integer_value(code);
	} else if (code != NULL && !json_is_null(code)) {
		st = corrupt(err, "verify.code is not an integer");
		goto out;
	}
	size_t n = json_array_size(chain);
	if (n > 0 && ((r->certs = calloc(n, sizeof(*r->certs))) == NULL ||
	              (r->from_store = calloc(n, sizeof(*r->from_store))) == NULL))
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		const json_t *c = json_array_get(chain, i);
		sc_cert *sc = NULL;
		if (certs != NULL) {
			st = ref_cert(c, certs, pool, &sc, err);
		} else {
			const json_t *fs = json_is_object(c) ? json_object_get(c, "from_store") : NULL;
			if (fs != NULL && !json_is_boolean(fs)) {
				st = corrupt(err, "a certificate's from_store is not true or false");
				goto out;
			}
			r->from_store[i] = json_is_true(fs);
			st = der_cert(json_is_object(c) ? json_string_value(json_object_get(c, "der")) :
			              NULL, pool, "a certificate", &sc, err);
		}
		if (st != SC_OK)
			goto out;
		r->certs[r->n_certs++] = sc;
	}
	for (size_t i = 0; store != NULL && i < json_array_size(store); i++)
		r->from_store[json_integer_value(json_array_get(store, i))] = true;
	if (!tls_add_deps(r))
		goto nomem;
	*ret = r;
	r = NULL;
	st = SC_OK;
	goto out;
nomem:
	st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
out:
	sc_tls_result_free(r);
	return st;
}

sc_status
sc_tls_result_from_json(const json_t *j, sc_tls_result **ret, sc_err *err)
{
	return tls_result_parse(j, NULL, NULL, ret, err);
}
