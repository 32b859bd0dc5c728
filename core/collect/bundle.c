/*
 * bundle.c — the evidence bundle (evidence.json): the evidence of a run
 * (evidence.h) written to a file and read back, so that `sovcheck report`
 * can re-evaluate a filing with no network and an auditor can re-check it.
 *
 * A bundle holds the manifest it judged (its text and SHA-256), every DNS
 * answer and TLS chain (certificates as DER), the geolocation answer of
 * every address and the databases they came from, and an integrity digest:
 * SHA-256 over the canonical form of everything else (jansson, keys sorted,
 * compact). Loading checks the digest before anything else. The bundle is
 * written from the evidence alone: nothing judged later goes into it.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "evidence.h"
#include "vocab.h"
#include "sc-limits.h"
#include "util.h"

/* Reproducible with any JSON library; in Python:
 *   d = json.load(f); d.pop("integrity")
 *   sha256(json.dumps(d, sort_keys=True, separators=(",", ":"),
 *                     ensure_ascii=False).encode()) */
#define INTEGRITY_METHOD "sha256 of the UTF-8 JSON of the bundle without \"integrity\", " \
	"keys sorted, no whitespace, non-ASCII characters unescaped"

static bool
sha256_hex(const void *buf, size_t len, char out[65])
{
	unsigned char md[32];
	unsigned int mdlen = 0;
	if (EVP_Digest(buf, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
		return false;
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
	return true;
}

/* Digest of root's canonical form (root must not hold "integrity"). */
bool
evidence_canonical_digest(const json_t *root, char out[65])
{
	char *s = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS);
	if (s == NULL)
		return false;
	bool ok = sha256_hex(s, strlen(s), out);
	free(s);
	return ok;
}

/* ------------------------------------------------------------- writer */

sc_status
evidence_bundle_text(const sc_evidence *ev, strbuf *out, sc_err *err)
{
	bool oom = false;
	json_t *root = json_object();
	if (root == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
#define SET(o, k, v) do { json_t *v_ = (v); \
		if (v_ == NULL || json_object_set_new((o), (k), v_) != 0) oom = true; } while (0)
	SET(root, "schema_version", json_integer(1));
	SET(root, "tool", json_pack("{s:s, s:s}", "name", "sovcheck", "version", sc_version()));
	SET(root, "date", json_string(ev->date));
	SET(root, "offline", json_boolean(ev->offline));
	if (ev->manifest_text) {
		char h[65];
		json_t *mo = json_object();
		if (mo == NULL || !sha256_hex(ev->manifest_text, ev->manifest_len, h))
			oom = true;
		else {
			SET(mo, "file", json_string(ev->manifest_path));
			SET(mo, "sha256", json_string(h));
			/* json_stringn refuses invalid UTF-8; the loader already did. */
			SET(mo, "text", json_stringn(ev->manifest_text, ev->manifest_len));
		}
		SET(root, "manifest", mo);
	}
	SET(root, "dns_sources", ev->dns_sources ? json_string(ev->dns_sources) : json_null());
	SET(root, "tls_source", ev->tls_source ? json_string(ev->tls_source) : json_null());
	SET(root, "dns", ev->dns ? sc_dns_result_to_json(ev->dns) : json_null());
	SET(root, "dns_certificate_hosts",
	    ev->dns_deps ? sc_dns_result_to_json(ev->dns_deps) : json_null());
	json_t *tls = json_array();
	for (size_t i = 0; tls && i < ev->ntls; i++) {
		json_t *o = json_object();
		if (o == NULL) {
			oom = true;
			break;
		}
		SET(o, "id", json_string(ev->tls[i].id));
		SET(o, "host", json_string(ev->tls[i].host));
		SET(o, "port", json_integer(ev->tls[i].port));
		SET(o, "capture", sc_tls_result_to_json(ev->tls[i].r));
		if (json_array_append_new(tls, o) != 0)
			oom = true;
	}
	SET(root, "tls", tls);
	/* Geolocation as it was answered for every address, and the databases. */
	json_t *geo = json_object(), *ans = json_array(), *dbs = json_array();
	for (size_t i = 0; ans && i < ev->ngeo; i++) {
		const ev_geo *g = &ev->geo[i];
		json_t *o = json_pack("{s:s}", "ip", g->ip);
		if (o == NULL) {
			oom = true;
			break;
		}
		SET(o, "location", g->country[0] ? json_string(g->country) : json_null());
		SET(o, "asn", g->found_asn ? json_integer(g->asn) : json_null());
		SET(o, "as_org", g->found_asn && g->as_org ? json_string(g->as_org) : json_null());
		/* What each database said, by file name. */
		json_t *srcs = json_array();
		for (size_t k = 0; srcs && k < g->nsrc; k++) {
			const ev_geo_src *x = &g->src[k];
			json_t *so = x->db < ev->ngeodbs ?
			             json_pack("{s:s}", "db", ev->geodbs[x->db].label) : NULL;
			if (so == NULL) {
				oom = true;
				break;
			}
			SET(so, "country", x->country[0] ? json_string(x->country) : json_null());
			SET(so, "asn", x->found_asn ? json_integer(x->asn) : json_null());
			SET(so, "as_org", x->found_asn && x->as_org ? json_string(x->as_org) : json_null());
			/* How specific each answer is: what settles a disagreement. */
			SET(so, "network", x->network ? json_string(x->network) : json_null());
			SET(so, "country_prefix", x->country[0] ? json_integer(x->country_prefix) :
			                                         json_null());
			SET(so, "asn_prefix", x->found_asn ? json_integer(x->asn_prefix) : json_null());
			SET(so, "country_source", x->country_source ? json_string(x->country_source) :
			                                               json_null());
			SET(so, "asn_source", x->asn_source ? json_string(x->asn_source) : json_null());
			if (json_array_append_new(srcs, so) != 0)
				oom = true;
		}
		SET(o, "sources", srcs);
		if (json_array_append_new(ans, o) != 0)
			oom = true;
	}
	for (size_t i = 0; dbs && i < ev->ngeodbs; i++) {
		const ev_geodb *g = &ev->geodbs[i];
		json_t *o = json_pack("{s:s, s:s, s:s}", "file", g->label ? g->label : "",
		                      "build_date", g->build_date, "data_date", g->data_date);
		if (o == NULL) {
			oom = true;
			break;
		}
		SET(o, "type", g->type ? json_string(g->type) : json_null());
		SET(o, "attribution", g->description ? json_string(g->description) : json_null());
		if (g->sha256[0])
			SET(o, "sha256", json_string(g->sha256));
		if (json_array_append_new(dbs, o) != 0)
			oom = true;
	}
	if (geo) {
		SET(geo, "databases", dbs);
		SET(geo, "answers", ans);
	}
	SET(root, "geo", geo);
	char digest[65];
	if (!oom && evidence_canonical_digest(root, digest)) {
		json_t *in = json_pack("{s:s, s:s, s:s}", "algorithm", "sha256", "method",
		                       INTEGRITY_METHOD, "digest", digest);
		SET(root, "integrity", in);
	} else {
		oom = true;
	}
#undef SET
	if (!oom)
		oom = !util_json_text(root, out);
	json_decref(root);
	return oom ? util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory") : SC_OK;
}

sc_status
sc_evidence_write_json(const sc_evidence *ev, const char *path, sc_err *err)
{
	strbuf sb;
	sb_init(&sb);
	sc_status st = evidence_bundle_text(ev, &sb, err);
	if (st == SC_OK)
		st = sc_write_atomic(path, sb.s, sb.len, err);
	sb_free(&sb);
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

static bool
load_tls(struct bl *b, const json_t *tls, sc_evidence *ev)
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
		if (sc_tls_result_from_json(json_object_get(o, "capture"), &r, &e2) != SC_OK) {
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
	if (!json_is_object(root) || json_integer_value(json_object_get(root, "schema_version")) != 1) {
		bad(&b, "schema_version", "this sovcheck reads evidence bundles of schema version 1");
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
	if (want_copy == NULL || !evidence_canonical_digest(root, got)) {
		free(want_copy);
		bad(&b, "integrity", "out of memory");
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
	if (msha == NULL || !sha256_hex(json_string_value(text), json_string_length(text), mgot) ||
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
	if (!load_tls(&b, json_object_get(root, "tls"), ev) ||
	    !load_geo(&b, json_object_get(root, "geo"), ev))
		goto out;
	ev->has_tls = ev->ntls > 0 || ts != NULL;
out:
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
