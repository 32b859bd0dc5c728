/*
 * bundle.c — the evidence bundle (evidence.json): the evidence of a run
 * (evidence.h) written to a file and read back, so that `sovcheck report`
 * can re-evaluate a filing with no network and an auditor can re-check it.
 *
 * A bundle holds the manifest it judged (its text and SHA-256), every DNS
 * answer and TLS chain, every certificate once (its DER and analysis, keyed
 * by the SHA-256 of the DER, which the chains name), the geolocation answer
 * of every address and the databases they came from, and an integrity
 * digest: SHA-256 over the canonical form of everything else. Loading
 * checks the digest before anything else. The bundle is written from the
 * evidence alone: nothing judged later goes into it.
 *
 * Schema 2 is written as a stream (jsonw.h): each member is serialised
 * once, in key order, into the file (indented) and into the digest
 * (canonical form) at the same time, and "integrity" comes last; only one
 * DNS entry, capture or certificate is held as a tree at a time. Schema 1
 * (a tree dumped twice, each chain with its certificates' DER) is still
 * read.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "dns.h"
#include "evidence.h"
#include "jsonw.h"
#include "tls.h"
#include "vocab.h"
#include "sc-limits.h"
#include "util.h"

#define SCHEMA_VERSION 2

/* The canonical form of schema 2 is what Python's json module writes, so
 * that an auditor reproduces the digest with it (docs/checks.md):
 *   d = json.load(f); d.pop("integrity")
 *   sha256(json.dumps(d, sort_keys=True, separators=(",", ":"),
 *                     ensure_ascii=False).encode())
 * Schema 1 used jansson's compact sorted dump, the same but for control
 * characters, which jansson escapes in upper-case hex (\u001F): its
 * bundles are checked with jansson. */
#define INTEGRITY_METHOD "sha256 of the UTF-8 JSON of the bundle without \"integrity\", " \
	"keys sorted by code point, no whitespace, non-ASCII characters unescaped, " \
	"control characters as \\b \\f \\n \\r \\t or \\u00xx (lower case): " \
	"json.dumps(d, sort_keys=True, separators=(\",\", \":\"), ensure_ascii=False)"

static int
schema_of(const json_t *root)
{
	const json_t *v = json_object_get(root, "schema_version");
	return json_is_integer(v) ? (int)json_integer_value(v) : 0;
}

static int
jansson_digest_cb(const char *buf, size_t n, void *ctx)
{
	util_sink *s = ctx;
	return s->write(s->ctx, buf, n) ? 0 : -1;
}

/* Digest of root's canonical form (root must not hold "integrity"), by
 * the rule of its schema version, streamed into the hash; *ret_why
 * (optional) says why a schema-2 value has no canonical form (NULL: out of
 * memory). */
static bool
canonical_digest(json_t *root, char out[65], const char **ret_why)
{
	util_digest d;
	if (ret_why)
		*ret_why = NULL;
	if (!util_digest_init(&d))
		return false;
	util_sink s = util_sink_digest(&d);
	bool ok;
	if (schema_of(root) >= 2) {
		jw w;
		jw_init(&w, s, (util_sink){NULL, NULL});
		jw_value(&w, root);
		jw_fail f = jw_finish(&w);
		ok = f == JW_OK;
		if (f == JW_REAL && ret_why)
			*ret_why = "a number with a fraction or an exponent: the bundle has no canonical "
			           "form";
	} else {
		ok = json_dump_callback(root, jansson_digest_cb, &s, JSON_COMPACT | JSON_SORT_KEYS) == 0;
	}
	if (!ok) {
		util_digest_free(&d);
		return false;
	}
	return util_digest_final(&d, out);
}

bool
evidence_canonical_digest(json_t *root, char out[65])
{
	return canonical_digest(root, out, NULL);
}

/* ------------------------------------------------------------- writer */

/* A jansson value built for one item, written and released; NULL is out
 * of memory. */
static void
put_tree(jw *w, json_t *v)
{
	if (v == NULL) {
		if (w->fail == JW_OK)
			w->fail = JW_NOMEM;
		return;
	}
	jw_value(w, v);
	json_decref(v);
}

static void
put_dns(jw *w, const sc_dns_result *r)
{
	if (r == NULL) {
		jw_null(w);
		return;
	}
	jw_obj(w);
	jw_key(w, "names");
	jw_arr(w);
	for (size_t i = 0; i < sc_dns_result_count(r) && w->fail == JW_OK; i++)
		put_tree(w, dns_entry_to_json(sc_dns_result_get(r, i)));
	jw_arr_end(w);
	jw_obj_end(w);
}

static void
opt_str(jw *w, bool has, const char *s)
{
	if (has && s != NULL)
		jw_str(w, s);
	else
		jw_null(w);
}

static void
opt_int(jw *w, bool has, long long v)
{
	if (has)
		jw_int(w, v);
	else
		jw_null(w);
}

/* Geolocation as it was answered for every address, and the databases. */
static void
put_geo(jw *w, const sc_evidence *ev)
{
	jw_obj(w);
	jw_key(w, "answers");
	jw_arr(w);
	for (size_t i = 0; i < ev->ngeo && w->fail == JW_OK; i++) {
		const ev_geo *g = &ev->geo[i];
		jw_obj(w);
		jw_key(w, "as_org");
		opt_str(w, g->found_asn, g->as_org);
		jw_key(w, "asn");
		opt_int(w, g->found_asn, g->asn);
		jw_key(w, "ip");
		jw_str(w, g->ip);
		jw_key(w, "location");
		opt_str(w, g->country[0] != '\0', g->country);
		/* What each database said, by file name, and how specific each
		 * answer is: what settles a disagreement. */
		jw_key(w, "sources");
		jw_arr(w);
		for (size_t k = 0; k < g->nsrc; k++) {
			const ev_geo_src *x = &g->src[k];
			if (x->db >= ev->ngeodbs) {
				w->fail = w->fail ? w->fail : JW_MISUSE;
				break;
			}
			jw_obj(w);
			jw_key(w, "as_org");
			opt_str(w, x->found_asn, x->as_org);
			jw_key(w, "asn");
			opt_int(w, x->found_asn, x->asn);
			jw_key(w, "asn_prefix");
			opt_int(w, x->found_asn, x->asn_prefix);
			jw_key(w, "asn_source");
			opt_str(w, true, x->asn_source);
			jw_key(w, "country");
			opt_str(w, x->country[0] != '\0', x->country);
			jw_key(w, "country_prefix");
			opt_int(w, x->country[0] != '\0', x->country_prefix);
			jw_key(w, "country_source");
			opt_str(w, true, x->country_source);
			jw_key(w, "db");
			jw_str(w, ev->geodbs[x->db].label);
			jw_key(w, "network");
			opt_str(w, true, x->network);
			jw_obj_end(w);
		}
		jw_arr_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "databases");
	jw_arr(w);
	for (size_t i = 0; i < ev->ngeodbs; i++) {
		const ev_geodb *g = &ev->geodbs[i];
		jw_obj(w);
		jw_key(w, "attribution");
		opt_str(w, true, g->description);
		jw_key(w, "build_date");
		jw_str(w, g->build_date);
		jw_key(w, "data_date");
		jw_str(w, g->data_date);
		jw_key(w, "file");
		jw_str(w, g->label ? g->label : "");
		if (g->sha256[0]) {
			jw_key(w, "sha256");
			jw_str(w, g->sha256);
		}
		jw_key(w, "type");
		opt_str(w, true, g->type);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

static int
cert_cmp(const void *a, const void *b)
{
	return strcmp((*(const sc_cert *const *)a)->sha256, (*(const sc_cert *const *)b)->sha256);
}

/* Every certificate of every chain, once, in the order of their keys. */
static bool
distinct_certs(const sc_evidence *ev, const sc_cert ***ret, size_t *ret_n)
{
	size_t n = 0;
	for (size_t i = 0; i < ev->ntls; i++)
		n += ev->tls[i].r->n_certs;
	*ret = NULL;
	*ret_n = 0;
	if (n == 0)
		return true;
	const sc_cert **v = malloc(n * sizeof(*v));
	if (v == NULL)
		return false;
	size_t k = 0;
	for (size_t i = 0; i < ev->ntls; i++)
		for (size_t j = 0; j < ev->tls[i].r->n_certs; j++)
			v[k++] = ev->tls[i].r->certs[j];
	qsort(v, n, sizeof(*v), cert_cmp);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (u == 0 || strcmp(v[u - 1]->sha256, v[i]->sha256) != 0)
			v[u++] = v[i];
	*ret = v;
	*ret_n = u;
	return true;
}

sc_status
evidence_bundle_write(const sc_evidence *ev, util_sink out, sc_err *err)
{
	const sc_cert **certs = NULL;
	size_t ncerts = 0;
	util_digest dg;
	if (!distinct_certs(ev, &certs, &ncerts) || !util_digest_init(&dg)) {
		free(certs);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	/* Members in key order: the canonical form is written as it goes. */
	jw w;
	jw_init(&w, util_sink_digest(&dg), out);
	jw_obj(&w);
	jw_key(&w, "certificates");
	jw_obj(&w);
	for (size_t i = 0; i < ncerts && w.fail == JW_OK; i++) {
		jw_key(&w, certs[i]->sha256);
		put_tree(&w, tls_cert_to_json(certs[i]));
	}
	jw_obj_end(&w);
	free(certs);
	jw_key(&w, "date");
	jw_str(&w, ev->date);
	jw_key(&w, "dns");
	put_dns(&w, ev->dns);
	jw_key(&w, "dns_certificate_hosts");
	put_dns(&w, ev->dns_deps);
	jw_key(&w, "dns_sources");
	jw_str(&w, ev->dns_sources);
	jw_key(&w, "geo");
	put_geo(&w, ev);
	if (ev->manifest_text) {
		char h[65];
		if (!util_sha256_hex(ev->manifest_text, ev->manifest_len, h))
			w.fail = w.fail ? w.fail : JW_NOMEM;
		jw_key(&w, "manifest");
		jw_obj(&w);
		jw_key(&w, "file");
		jw_str(&w, ev->manifest_path);
		jw_key(&w, "sha256");
		jw_str(&w, h);
		jw_key(&w, "text");
		jw_strn(&w, ev->manifest_text, ev->manifest_len);
		jw_obj_end(&w);
	}
	jw_key(&w, "offline");
	jw_bool(&w, ev->offline);
	jw_key(&w, "schema_version");
	jw_int(&w, SCHEMA_VERSION);
	jw_key(&w, "tls");
	jw_arr(&w);
	for (size_t i = 0; i < ev->ntls && w.fail == JW_OK; i++) {
		jw_obj(&w);
		jw_key(&w, "capture");
		put_tree(&w, tls_result_to_json_refs(ev->tls[i].r));
		jw_key(&w, "host");
		jw_str(&w, ev->tls[i].host);
		jw_key(&w, "id");
		jw_str(&w, ev->tls[i].id);
		jw_key(&w, "port");
		jw_int(&w, ev->tls[i].port);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "tls_source");
	jw_str(&w, ev->tls_source);
	jw_key(&w, "tool");
	jw_obj(&w);
	jw_key(&w, "name");
	jw_str(&w, "sovcheck");
	jw_key(&w, "version");
	jw_str(&w, sc_version());
	jw_obj_end(&w);
	/* The digest of all that, last, in the file only. */
	jw_canon_end(&w);
	char digest[65] = "";
	if (w.fail == JW_OK && !util_digest_final(&dg, digest))
		w.fail = JW_NOMEM;
	util_digest_free(&dg);
	jw_key(&w, "integrity");
	jw_obj(&w);
	jw_key(&w, "algorithm");
	jw_str(&w, "sha256");
	jw_key(&w, "digest");
	jw_str(&w, digest);
	jw_key(&w, "method");
	jw_str(&w, INTEGRITY_METHOD);
	jw_obj_end(&w);
	jw_obj_end(&w);
	jw_fail f = jw_finish(&w);
	/* Text files end with a newline. */
	if (f == JW_OK && !out.write(out.ctx, "\n", 1))
		f = JW_SINK;
	switch (f) {
	case JW_OK:
		return SC_OK;
	case JW_SINK:
		return util_err(err, SC_ERR_IO, NULL, 0, 0, "io", "the evidence bundle could not be "
		                "written");
	case JW_NOMEM:
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	case JW_NOT_UTF8:
		return util_err(err, SC_ERR_CORRUPT, NULL, 0, 0, "bundle", "evidence bundle: the "
		                "evidence holds a string that is not UTF-8");
	case JW_UNSORTED:
	case JW_REAL:
	case JW_MISUSE:
		break;
	}
	return util_err(err, SC_ERR_INTERNAL, NULL, 0, 0, "internal", "evidence bundle: %s",
	                jw_fail_string(f));
}

sc_status
evidence_bundle_text(const sc_evidence *ev, strbuf *out, sc_err *err)
{
	sc_status st = evidence_bundle_write(ev, util_sink_strbuf(out), err);
	if (st == SC_ERR_IO && out->oom)
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	return st;
}

sc_status
sc_evidence_write_json(const sc_evidence *ev, const char *path, sc_err *err)
{
	util_wfile f;
	sc_status st = util_wfile_open(&f, path, true, err);
	if (st != SC_OK)
		return st;
	st = evidence_bundle_write(ev, util_sink_wfile(&f), err);
	if (st == SC_OK || f.failed)
		return util_wfile_close(&f, NULL, err);   /* says why a write failed */
	util_wfile_abort(&f);
	return st;
}

/* ------------------------------------------------------------- loader */

struct bl {
	const char *path;
	sc_err *err;
	sc_status st;
};

static bool
bad(struct bl *b, const char *where, const char *what)
{
	if (b->st == SC_OK)
		b->st = util_err(b->err, SC_ERR_CORRUPT, b->path, 0, 0, "bundle",
		                 "evidence bundle: %s: %s", where, what);
	return false;
}

static const char *
get_str(struct bl *b, const json_t *o, const char *key, const char *where, bool nullable)
{
	const json_t *v = json_object_get(o, key);
	if (v && json_is_string(v))
		return json_string_value(v);
	if (nullable && (v == NULL || json_is_null(v)))
		return NULL;
	char w[256];
	snprintf(w, sizeof(w), "%s.%s", where, key);
	bad(b, w, "missing or not a string");
	return NULL;
}

_Static_assert(SC_MAX_GEODB_SOURCE_LEN == 1024u, "the message below says 1024");

/* An optional member of a source: absent or null gives *ret NULL; else it
 * must be a string. */
static bool
opt_text(const json_t *o, const char *key, const char **ret)
{
	const json_t *v = json_object_get(o, key);
	*ret = NULL;
	if (v == NULL || json_is_null(v))
		return true;
	if (!json_is_string(v))
		return false;
	*ret = json_string_value(v);
	return true;
}

/* An optional prefix length of ip's family: absent or null is 0 (not
 * recorded: least specific). */
static bool
opt_prefix(const json_t *o, const char *key, const char *ip, unsigned *ret)
{
	const json_t *v = json_object_get(o, key);
	*ret = 0;
	if (v == NULL || json_is_null(v))
		return true;
	if (!json_is_integer(v) || !vocab_prefix_len(json_integer_value(v), ip))
		return false;
	*ret = (unsigned)json_integer_value(v);
	return true;
}

/* What each database said of an address: {"db": FILE, "country", "asn",
 * "as_org", "network", "country_prefix", "asn_prefix", "country_source",
 * "asn_source"}, FILE one of the bundle's databases. The sources are
 * absent in bundles written before databases were recorded one by one, and
 * every member after "asn" in those written before their networks were:
 * such answers are least specific. */
static bool
load_geo_sources(struct bl *b, const json_t *arr, const char *w, sc_evidence *ev, ev_geo *g)
{
	if (arr == NULL)
		return true;
	if (!json_is_array(arr) || json_array_size(arr) > SC_MAX_GEODBS)
		return bad(b, w, "sources is not a list of at most SC_MAX_GEODBS answers");
	size_t n = json_array_size(arr);
	if (n && (g->src = calloc(n, sizeof(*g->src))) == NULL)
		return bad(b, w, "out of memory");
	for (size_t k = 0; k < n; k++) {
		const json_t *o = json_array_get(arr, k);
		const char *db = json_is_object(o) ? json_string_value(json_object_get(o, "db")) : NULL;
		const json_t *cc = json_is_object(o) ? json_object_get(o, "country") : NULL;
		const json_t *asn = json_is_object(o) ? json_object_get(o, "asn") : NULL;
		size_t idx = ev->ngeodbs;
		for (size_t i = 0; db && i < ev->ngeodbs; i++)
			if (strcmp(ev->geodbs[i].label, db) == 0)
				idx = i;
		if (idx == ev->ngeodbs)
			return bad(b, w, "a source names no database of the bundle");
		if (!(cc == NULL || json_is_null(cc) ||
		      (json_is_string(cc) && vocab_country(json_string_value(cc)))))
			return bad(b, w, "a source's country is not an assigned ISO 3166-1 code");
		if (!(asn == NULL || json_is_null(asn) ||
		      (json_is_integer(asn) && json_integer_value(asn) >= 0 &&
		       json_integer_value(asn) <= 4294967295LL)))
			return bad(b, w, "a source's asn is not a 32-bit number");
		const char *org, *net, *csrc, *asrc;
		unsigned cplen, aplen;
		if (!opt_text(o, "as_org", &org) || (org && !vocab_utf8(org, strlen(org))))
			return bad(b, w, "a source's as_org is not text");
		if (!opt_text(o, "network", &net) || (net && !vocab_network(net, g->ip)))
			return bad(b, w, "a source's network is not a network in canonical form "
			                 "holding the address");
		if (!opt_prefix(o, "country_prefix", g->ip, &cplen) ||
		    !opt_prefix(o, "asn_prefix", g->ip, &aplen))
			return bad(b, w, "a source's country_prefix or asn_prefix is not a prefix "
			                 "length of the address's family");
		if (!opt_text(o, "country_source", &csrc) || !opt_text(o, "asn_source", &asrc) ||
		    (csrc && !vocab_source_text(csrc, strlen(csrc))) ||
		    (asrc && !vocab_source_text(asrc, strlen(asrc))))
			return bad(b, w, "a source's country_source or asn_source is not the text of "
			                 "an input (1 to 1024 bytes of UTF-8)");
		if ((!json_is_string(cc) && (cplen || csrc)) ||
		    (!json_is_integer(asn) && (aplen || asrc || org)))
			return bad(b, w, "a source gives the origin of a field it does not have");
		ev_geo_src *x = &g->src[g->nsrc++];
		x->db = idx;
		if (json_is_string(cc))
			memcpy(x->country, json_string_value(cc), 3);
		if (json_is_integer(asn)) {
			x->found_asn = true;
			x->asn = (uint32_t)json_integer_value(asn);
		}
		x->country_prefix = cplen;
		x->asn_prefix = aplen;
		x->as_org = util_strdup0(x->found_asn ? org : NULL);
		x->network = util_strdup0(net);
		x->country_source = util_strdup0(csrc);
		x->asn_source = util_strdup0(asrc);
		if ((x->found_asn && org && x->as_org == NULL) || (net && x->network == NULL) ||
		    (csrc && x->country_source == NULL) || (asrc && x->asn_source == NULL))
			return bad(b, w, "out of memory");
	}
	return true;
}

static bool
load_geo(struct bl *b, const json_t *geo, sc_evidence *ev)
{
	if (geo == NULL || json_is_null(geo))
		return true;
	const json_t *ans = json_object_get(geo, "answers");
	const json_t *dbs = json_object_get(geo, "databases");
	if (!json_is_object(geo) || !json_is_array(ans) || !json_is_array(dbs))
		return bad(b, "geo", "expected answers and databases lists");
	/* The databases first: answers name them. */
	size_t n = json_array_size(dbs);
	if (n > SC_MAX_GEODBS)
		return bad(b, "geo.databases", "more databases than the limit");
	if (n && (ev->geodbs = calloc(n, sizeof(*ev->geodbs))) == NULL)
		return bad(b, "geo", "out of memory");
	for (size_t i = 0; i < n; i++) {
		const json_t *o = json_array_get(dbs, i);
		char w[64];
		snprintf(w, sizeof(w), "geo.databases[%zu]", i);
		if (!json_is_object(o))
			return bad(b, w, "not an object");
		const char *file = get_str(b, o, "file", w, false);
		const char *bd = get_str(b, o, "build_date", w, false);
		const char *dd = get_str(b, o, "data_date", w, false);
		const char *type = get_str(b, o, "type", w, true);
		const char *attr = get_str(b, o, "attribution", w, true);
		const json_t *sha = json_object_get(o, "sha256");
		if (b->st != SC_OK)
			return false;
		if (sha != NULL && (!json_is_string(sha) || strlen(json_string_value(sha)) != 64 ||
		                    strspn(json_string_value(sha), "0123456789abcdef") != 64))
			return bad(b, w, "sha256 must be 64 lower-case hex digits");
		if (!vocab_date(bd) || !vocab_date(dd))
			return bad(b, w, "dates must be real dates YYYY-MM-DD");
		if (*file == '\0')
			return bad(b, w, "file is empty");
		ev_geodb *g = &ev->geodbs[ev->ngeodbs++];
		g->label = strdup(file);
		g->type = util_strdup0(type);
		g->description = util_strdup0(attr);
		memcpy(g->build_date, bd, 11);
		memcpy(g->data_date, dd, 11);
		if (sha != NULL)
			memcpy(g->sha256, json_string_value(sha), 65);
		if (g->label == NULL)
			return bad(b, w, "out of memory");
	}
	n = json_array_size(ans);
	if (n > SC_MAX_DNS_NAMES * 2)
		return bad(b, "geo.answers", "more addresses than the limit");
	if (n && (ev->geo = calloc(n, sizeof(*ev->geo))) == NULL)
		return bad(b, "geo", "out of memory");
	for (size_t i = 0; i < n; i++) {
		const json_t *o = json_array_get(ans, i);
		char w[64];
		snprintf(w, sizeof(w), "geo.answers[%zu]", i);
		if (!json_is_object(o))
			return bad(b, w, "not an object");
		const char *ip = get_str(b, o, "ip", w, false);
		const char *loc = get_str(b, o, "location", w, true);
		const char *org = get_str(b, o, "as_org", w, true);
		const json_t *asn = json_object_get(o, "asn");
		if (ip == NULL || b->st != SC_OK)
			return false;
		if (!vocab_ip(ip))
			return bad(b, w, "ip is not an IP address in canonical form");
		if (loc && !vocab_country(loc))
			return bad(b, w, "location is not an assigned ISO 3166-1 code");
		if (asn && !json_is_null(asn) &&
		    (!json_is_integer(asn) || json_integer_value(asn) < 0 ||
		     json_integer_value(asn) > 4294967295LL))
			return bad(b, w, "asn is not a 32-bit number");
		if (i > 0 && strcmp(ev->geo[i - 1].ip, ip) >= 0)
			return bad(b, w, "addresses are not sorted and unique");
		ev_geo *g = &ev->geo[ev->ngeo++];
		g->ip = strdup(ip);
		g->as_org = util_strdup0(org);
		if (loc)
			memcpy(g->country, loc, 3);
		if (asn && json_is_integer(asn)) {
			g->found_asn = true;
			g->asn = (uint32_t)json_integer_value(asn);
		}
		if (g->ip == NULL || (org && g->as_org == NULL))
			return bad(b, w, "out of memory");
		if (!load_geo_sources(b, json_object_get(o, "sources"), w, ev, g))
			return false;
	}
	return true;
}

/* The captures; certs: schema 2, the certificate table their chains name
 * (NULL: schema 1, the certificates in the chains). Every certificate is
 * analysed once, however many chains hold it (pool). */
static bool
load_tls(struct bl *b, const json_t *tls, json_t *certs, x509_pool *pool, sc_evidence *ev)
{
	if (!json_is_array(tls))
		return bad(b, "tls", "expected a list");
	size_t n = json_array_size(tls);
	if (n > SC_MAX_DNS_NAMES)
		return bad(b, "tls", "more captures than the limit");
	if (n && (ev->tls = calloc(n, sizeof(*ev->tls))) == NULL)
		return bad(b, "tls", "out of memory");
	for (size_t i = 0; i < n; i++) {
		const json_t *o = json_array_get(tls, i);
		char w[64];
		snprintf(w, sizeof(w), "tls[%zu]", i);
		if (!json_is_object(o))
			return bad(b, w, "not an object");
		const char *id = get_str(b, o, "id", w, false);
		const char *host = get_str(b, o, "host", w, false);
		const json_t *port = json_object_get(o, "port");
		if (b->st != SC_OK)
			return false;
		if (!json_is_integer(port) || !vocab_port(json_integer_value(port)))
			return bad(b, w, "port must be 1 to 65535");
		if (!vocab_name(host) && !vocab_ip(host))
			return bad(b, w, "host is neither a DNS name nor an IP address in canonical form");
		sc_tls_result *r = NULL;
		sc_err e2;
		sc_err_clear(&e2);
		if (tls_result_parse(json_object_get(o, "capture"), certs, pool, &r, &e2) != SC_OK) {
			char msg[1200];
			snprintf(msg, sizeof(msg), "capture: %s", e2.msg);
			return bad(b, w, msg);
		}
		/* The id names what the capture is of: the same host, port and
		 * address as the capture itself. */
		const char *ra = sc_tls_result_address(r), *rh = sc_tls_result_host(r);
		char want[600];
		snprintf(want, sizeof(want), "tls:%s:%lld%s%s", host, (long long)json_integer_value(port),
		         ra ? "@" : "", ra ? ra : "");
		if (strcmp(id, want) != 0 || (rh != NULL && strcmp(rh, host) != 0)) {
			sc_tls_result_free(r);
			return bad(b, w, "id, host, port and the capture's address do not agree");
		}
		ev_tls *t = &ev->tls[ev->ntls++];
		t->owned = r;
		t->r = r;
		t->host = strdup(host);
		t->id = strdup(id);
		t->port = (uint16_t)json_integer_value(port);
		if (t->host == NULL || t->id == NULL)
			return bad(b, w, "out of memory");
	}
	/* Every certificate of the table is one a chain holds: the pool has
	 * each certificate a chain named, once. */
	if (certs != NULL && x509_pool_count(pool) != json_object_size(certs)) {
		const char *k;
		json_t *v;
		json_object_foreach(certs, k, v) {
			sc_cert *c = x509_pool_find(pool, k);
			if (c == NULL) {
				char w[120];
				snprintf(w, sizeof(w), "certificates.%.16s…", k);
				return bad(b, w, "no chain holds this certificate");
			}
			x509_cert_free(c);
		}
		return bad(b, "certificates", "the chains hold certificates the table does not");
	}
	return true;
}

sc_status
sc_evidence_load_json(const char *path, sc_diags *diags, sc_manifest **ret_m,
                      sc_evidence **ret_ev, char ret_date[11], sc_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	sc_status st = util_read_file(path, SC_MAX_JSON_FILE_BYTES, &buf, &len, err);
	if (st != SC_OK)
		return st;
	st = evidence_parse_json(buf, len, path, diags, ret_m, ret_ev, ret_date, err);
	free(buf);
	return st;
}

sc_status
evidence_parse_json(const char *buf, size_t len, const char *path, sc_diags *diags,
                    sc_manifest **ret_m, sc_evidence **ret_ev, char ret_date[11], sc_err *err)
{
	struct bl b = {path, err, SC_OK};
	x509_pool *pool = NULL;
	json_t *root = NULL;
	sc_evidence *ev = NULL;
	sc_manifest *m = NULL;
	sc_status st;
	json_error_t je;
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL)
		return util_err(err, SC_ERR_PARSE, path, (unsigned)(je.line > 0 ? je.line : 0),
		                (unsigned)(je.column > 0 ? je.column : 0), "json",
		                "evidence bundle is not JSON: %s", je.text);
	int schema = json_is_object(root) ? schema_of(root) : 0;
	if (schema != 1 && schema != SCHEMA_VERSION) {
		bad(&b, "schema_version", "this sovcheck reads evidence bundles of schema version 1 "
		    "and 2");
		goto out;
	}
	/* Integrity first: nothing of a modified bundle is trusted. */
	const json_t *in = json_object_get(root, "integrity");
	const char *want = json_is_object(in) ? json_string_value(json_object_get(in, "digest")) : NULL;
	if (want == NULL) {
		bad(&b, "integrity", "no digest: the bundle cannot be checked");
		goto out;
	}
	char *want_copy = strdup(want);
	json_object_del(root, "integrity");
	char got[65];
	const char *why = NULL;
	if (want_copy == NULL || !canonical_digest(root, got, &why)) {
		free(want_copy);
		bad(&b, "integrity", why ? why : "out of memory");
		goto out;
	}
	if (strcmp(got, want_copy) != 0) {
		char msg[300];
		snprintf(msg, sizeof(msg), "digest mismatch (recorded %.64s, computed %s): the bundle "
		         "was modified after it was written", want_copy, got);
		free(want_copy);
		bad(&b, "integrity", msg);
		goto out;
	}
	free(want_copy);

	const char *date = get_str(&b, root, "date", "bundle", false);
	if (date == NULL || !vocab_date(date)) {
		bad(&b, "date", "not a real date YYYY-MM-DD");
		goto out;
	}
	if (!json_is_boolean(json_object_get(root, "offline"))) {
		bad(&b, "offline", "not true or false");
		goto out;
	}
	const json_t *mo = json_object_get(root, "manifest");
	const char *file = json_is_object(mo) ? get_str(&b, mo, "file", "manifest", false) : NULL;
	const json_t *text = json_is_object(mo) ? json_object_get(mo, "text") : NULL;
	if (file == NULL || !json_is_string(text)) {
		bad(&b, "manifest", "the bundle does not carry its manifest");
		goto out;
	}
	/* The manifest's own digest must be that of the text carried. */
	const char *msha = get_str(&b, mo, "sha256", "manifest", false);
	char mgot[65];
	if (msha == NULL || !util_sha256_hex(json_string_value(text), json_string_length(text), mgot) ||
	    strcmp(msha, mgot) != 0) {
		bad(&b, "manifest.sha256", "does not match the manifest text carried");
		goto out;
	}
	st = sc_manifest_parse(json_string_value(text), json_string_length(text), file, diags, &m);
	if (st != SC_OK) {
		b.st = util_err(err, st, path, 0, 0, "bundle",
		                "the manifest carried by the bundle does not load");
		goto out;
	}
	if ((ev = calloc(1, sizeof(*ev))) == NULL) {
		bad(&b, "bundle", "out of memory");
		goto out;
	}
	ev->manifest_path = strdup(file);
	ev->manifest_len = json_string_length(text);
	ev->manifest_text = malloc(ev->manifest_len + 1);
	if (ev->manifest_path == NULL || ev->manifest_text == NULL) {
		bad(&b, "bundle", "out of memory");
		goto out;
	}
	memcpy(ev->manifest_text, json_string_value(text), ev->manifest_len + 1);
	/* How the evidence was collected (live or offline), as recorded. */
	ev->offline = json_is_true(json_object_get(root, "offline"));
	memcpy(ev->date, date, 11);
	const char *ds = get_str(&b, root, "dns_sources", "bundle", true);
	const char *ts = get_str(&b, root, "tls_source", "bundle", true);
	if (b.st != SC_OK)
		goto out;
	ev->dns_sources = util_strdup0(ds);
	ev->tls_source = util_strdup0(ts);
	const json_t *dns = json_object_get(root, "dns");
	if (dns && !json_is_null(dns)) {
		if ((st = sc_dns_result_from_json(dns, &ev->dns, err)) != SC_OK) {
			b.st = st;
			goto out;
		}
		ev->has_dns = true;
	}
	const json_t *deps = json_object_get(root, "dns_certificate_hosts");
	if (deps && !json_is_null(deps) &&
	    (st = sc_dns_result_from_json(deps, &ev->dns_deps, err)) != SC_OK) {
		b.st = st;
		goto out;
	}
	json_t *certs = NULL;
	if (schema >= 2) {
		certs = json_object_get(root, "certificates");
		if (!json_is_object(certs)) {
			bad(&b, "certificates", "expected an object (certificates by SHA-256)");
			goto out;
		}
	}
	if ((pool = x509_pool_new()) == NULL) {
		bad(&b, "bundle", "out of memory");
		goto out;
	}
	if (!load_tls(&b, json_object_get(root, "tls"), certs, pool, ev) ||
	    !load_geo(&b, json_object_get(root, "geo"), ev))
		goto out;
	ev->has_tls = ev->ntls > 0 || ts != NULL;
out:
	x509_pool_free(pool);   /* the captures keep their certificates */
	json_decref(root);
	/* Errors of the DNS and TLS loaders name a JSON path: add the file. */
	if (b.st != SC_OK && err && err->file[0] == '\0')
		snprintf(err->file, sizeof(err->file), "%s", path);
	if (b.st != SC_OK) {
		sc_evidence_free(ev);
		sc_manifest_free(m);
		return b.st;
	}
	*ret_m = m;
	*ret_ev = ev;
	memcpy(ret_date, ev->date, 11);
	return SC_OK;
}
