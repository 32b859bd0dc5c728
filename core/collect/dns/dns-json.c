/*
 * dns-json.c — a DNS result as JSON (jansson), for the evidence writer and
 * the test driver, and back (the offline "earlier evidence" source). Field names use the reason string table of dns.c; lists
 * keep the result's order (entries by name, addresses by family and
 * value), so the same answers give the same document.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dns.h"
#include "util.h"

/* Set key to a new value; false if either is NULL or the set fails. */
static bool
put(json_t *obj, const char *key, json_t *v)
{
	return v != NULL && json_object_set_new(obj, key, v) == 0;
}

static bool
add(json_t *arr, json_t *v)
{
	return v != NULL && json_array_append_new(arr, v) == 0;
}

/* Observation time as RFC 3339 UTC with milliseconds. */
static json_t *
time_json(int64_t ms)
{
	char buf[96];
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	if (ms <= 0 || gmtime_r(&t, &tm) == NULL)
		return json_null();
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms % 1000));
	return json_string(buf);
}

static json_t *
rcode_json(int rcode)
{
	if (rcode < 0)
		return json_null();
	ldns_lookup_table *lt = ldns_lookup_by_id(ldns_rcodes, rcode);
	if (lt != NULL && lt->name != NULL)
		return json_string(lt->name);
	return json_integer(rcode);
}

static json_t *
texts_json(const sc_dns_text *v, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++)
		if (!add(arr, json_pack("{s:s,s:I}", "value", v[i].value, "ttl", (json_int_t)v[i].ttl))) {
			json_decref(arr);
			return NULL;
		}
	return arr;
}

/* want: the entry's, so that a name asked only A/AAAA/NS/MX gives the
 * document it gave before TXT, CAA and SRV were asked. */
static json_t *
answer_json(const sc_dns_answer *a, unsigned want)
{
	json_t *o = json_object();
	json_t *chain = json_array(), *addrs = json_array(), *ns = json_array(), *mx = json_array();
	bool ok = o && chain && addrs && ns && mx;
	for (size_t i = 0; ok && i < a->chain_len; i++)
		ok = add(chain, json_pack("{s:s,s:s,s:I}", "owner", a->chain[i].owner, "target",
		                          a->chain[i].target, "ttl", (json_int_t)a->chain[i].ttl));
	for (size_t i = 0; ok && i < a->addr_count; i++)
		ok = add(addrs, json_pack("{s:s,s:i,s:s,s:I}", "ip", a->addrs[i].ip, "family",
		                          a->addrs[i].family, "owner", a->addrs[i].owner, "ttl",
		                          (json_int_t)a->addrs[i].ttl));
	for (size_t i = 0; ok && i < a->ns_count; i++)
		ok = add(ns, json_pack("{s:s,s:I}", "name", a->ns[i].name, "ttl",
		                       (json_int_t)a->ns[i].ttl));
	for (size_t i = 0; ok && i < a->mx_count; i++)
		ok = add(mx, json_pack("{s:s,s:i,s:I}", "name", a->mx[i].name, "preference",
		                       (int)a->mx[i].preference, "ttl", (json_int_t)a->mx[i].ttl));
	ok = ok && put(o, "source", json_string(a->source)) &&
	     put(o, "server", json_string(a->server)) &&
	     put(o, "status", json_string(sc_dns_reason_to_string(a->reason))) &&
	     put(o, "rcode", rcode_json(a->rcode)) &&
	     put(o, "detail", json_string(a->detail)) &&
	     put(o, "observed", time_json(a->observed_ms)) &&
	     put(o, "transport", json_string(a->transport ? a->transport : "none")) &&
	     put(o, "cname", json_incref(chain)) && put(o, "addresses", json_incref(addrs)) &&
	     put(o, "ns", json_incref(ns)) && put(o, "mx", json_incref(mx));
	if (ok && (want & SC_DNS_WANT_TEXT))
		ok = put(o, "txt", texts_json(a->txt, a->txt_count)) &&
		     put(o, "caa", texts_json(a->caa, a->caa_count));
	if (ok && (want & SC_DNS_WANT_SRV)) {
		json_t *srv = json_array();
		ok = srv != NULL;
		for (size_t i = 0; ok && i < a->srv_count; i++)
			ok = add(srv, json_pack("{s:s,s:i,s:i,s:I}", "name", a->srv[i].name,
			                        "priority", (int)a->srv[i].preference, "port",
			                        (int)a->srv[i].port, "ttl", (json_int_t)a->srv[i].ttl));
		ok = put(o, "srv", srv) && ok;
	}
	json_decref(chain);
	json_decref(addrs);
	json_decref(ns);
	json_decref(mx);
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The want bits by their names in the JSON form. */
static const struct { const char *name; unsigned bit; } want_names[] = {
	{"address", SC_DNS_WANT_ADDR}, {"domain", SC_DNS_WANT_DOMAIN},
	{"text", SC_DNS_WANT_TEXT}, {"srv", SC_DNS_WANT_SRV}, {"spf", SC_DNS_WANT_SPF},
};
#define N_WANT (sizeof(want_names) / sizeof(want_names[0]))

json_t *
dns_entry_to_json(const sc_dns_entry *e)
{
	json_t *o = json_object(), *via = json_array(), *ans = json_array(), *want = json_array(),
	       *diffs = json_array();
	bool ok = o && via && ans && want && diffs;
	for (size_t k = 0; ok && k < N_WANT; k++)
		if (e->want & want_names[k].bit)
			ok = add(want, json_string(want_names[k].name));
	for (size_t k = 0; ok && k < e->via_count; k++)
		ok = add(via, json_string(e->via[k]));
	for (size_t k = 0; ok && k < e->answer_count; k++)
		ok = add(ans, answer_json(&e->answers[k], e->want));
	for (const char *p = e->differences; ok && *p != '\0';) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		ok = add(diffs, json_stringn(p, n));
		p += n + (comma ? 1 : 0);
	}
	ok = ok && put(o, "name", json_string(e->name)) &&
	     put(o, "kind", json_string(e->literal ? "literal" : "name")) &&
	     put(o, "want", json_incref(want)) && put(o, "via", json_incref(via)) &&
	     put(o, "differs", json_boolean(e->differs)) &&
	     put(o, "differences", json_incref(diffs)) && put(o, "answers", json_incref(ans));
	json_decref(via);
	json_decref(ans);
	json_decref(want);
	json_decref(diffs);
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *
sc_dns_result_to_json(const sc_dns_result *res)
{
	json_t *root = json_object(), *names = json_array();
	bool ok = root && names;
	for (size_t i = 0; ok && i < sc_dns_result_count(res); i++)
		ok = add(names, dns_entry_to_json(sc_dns_result_get(res, i)));
	ok = ok && put(root, "names", json_incref(names));
	json_decref(names);
	if (!ok) {
		json_decref(root);
		return NULL;
	}
	return root;
}

/* ------------------------------------------------------------ loading */

struct jload {
	sc_dns_result *res;
	sc_err *err;
	char path[160];   /* JSON path of the value being checked */
};

/* Cut the path back to base, then append a segment (dropped if too long). */
static void path_set(struct jload *L, size_t base, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void
path_set(struct jload *L, size_t base, const char *fmt, ...)
{
	char seg[96];
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(seg, sizeof(seg), fmt, ap);
	va_end(ap);
	L->path[base] = '\0';
	if (w > 0 && base + (size_t)w < sizeof(L->path))
		memcpy(L->path + base, seg, (size_t)w + 1);
}

static sc_status
jfail(struct jload *L, sc_status code, const char *what)
{
	return util_err(L->err, code, "", 0, 0, "dns-evidence", "%s: %s", L->path, what);
}

static sc_status
jnomem(struct jload *L)
{
	return util_err(L->err, SC_ERR_NOMEM, "", 0, 0, "dns", "out of memory");
}

/* Required string member; *ret borrowed from the JSON. */
static sc_status
jstring(struct jload *L, const json_t *o, const char *key, size_t max, const char **ret)
{
	json_t *v = json_object_get(o, key);
	size_t base = strlen(L->path);
	path_set(L, base, ".%s", key);
	if (!json_is_string(v))
		return jfail(L, SC_ERR_INVALID, "missing or not a string");
	const char *s = json_string_value(v);
	if (json_string_length(v) > max || strlen(s) != json_string_length(v))
		return jfail(L, SC_ERR_LIMIT, "string too long or with NUL");
	L->path[base] = '\0';
	*ret = s;
	return SC_OK;
}

static sc_status
juint(struct jload *L, const json_t *o, const char *key, json_int_t max, uint32_t *ret)
{
	json_t *v = json_object_get(o, key);
	size_t base = strlen(L->path);
	path_set(L, base, ".%s", key);
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > max)
		return jfail(L, SC_ERR_INVALID, "missing or not an integer in range");
	L->path[base] = '\0';
	*ret = (uint32_t)json_integer_value(v);
	return SC_OK;
}

/* Required array member of at most max items. */
static sc_status
jarray(struct jload *L, const json_t *o, const char *key, size_t max, json_t **ret)
{
	json_t *v = json_object_get(o, key);
	size_t base = strlen(L->path);
	path_set(L, base, ".%s", key);
	if (!json_is_array(v))
		return jfail(L, SC_ERR_INVALID, "missing or not an array");
	if (json_array_size(v) > max)
		return jfail(L, SC_ERR_LIMIT, "too many items");
	L->path[base] = '\0';
	*ret = v;
	return SC_OK;
}

/* A DNS name already in canonical form; copy owned by the caller. */
static sc_status
jname(struct jload *L, const json_t *o, const char *key, char **ret)
{
	const char *s;
	char canon[DNS_NAME_BUF];
	sc_status st = jstring(L, o, key, SC_MAX_NAME_LEN, &s);
	if (st != SC_OK)
		return st;
	if (!(strcmp(s, ".") == 0 || (dns_name_canon(s, canon, sizeof(canon)) &&
	                               strcmp(canon, s) == 0))) {
		size_t base = strlen(L->path);
		path_set(L, base, ".%s", key);
		return jfail(L, SC_ERR_INVALID, "not a DNS name in canonical form");
	}
	*ret = strdup(s);
	return *ret ? SC_OK : jnomem(L);
}

/* "YYYY-MM-DDTHH:MM:SS.mmmZ" -> ms since the epoch (the form time_json() writes). */
static bool
parse_time(const char *s, int64_t *ret)
{
	int y, mo, d, h, mi, se, ms, n = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ%n", &y, &mo, &d, &h, &mi, &se, &ms, &n) != 7 ||
	    n != 24 || (size_t)n != strlen(s))
		return false;
	char date[11];
	snprintf(date, sizeof(date), "%.10s", s);
	int yy, mm, dd;
	if (!sc_date_parse(date, &yy, &mm, &dd) || h > 23 || mi > 59 || se > 59 || ms < 0)
		return false;
	*ret = ((int64_t)util_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se) *
	       1000 + ms;
	return true;
}

/* A TXT or CAA list (key "txt" or "caa") into the chase's records and
 * *dst: values as sc_dns_text writes them (printable ASCII, \\DDD). */
static sc_status
load_texts(struct jload *L, const json_t *o, const char *key, struct dns_chase *c,
           sc_dns_text **dst, size_t *cnt)
{
	json_t *arr, *it;
	size_t i, base = strlen(L->path);
	sc_status st = jarray(L, o, key, SC_MAX_DNS_ANSWERS, &arr);
	if (st != SC_OK)
		return st;
	if (json_array_size(arr) > 0) {
		c->recs = calloc(json_array_size(arr), sizeof(*c->recs));
		*dst = calloc(json_array_size(arr), sizeof(**dst));
		if (c->recs == NULL || *dst == NULL)
			return jnomem(L);
	}
	json_array_foreach(arr, i, it) {
		path_set(L, base, ".%s[%zu]", key, i);
		const char *v;
		uint32_t ttl;
		if (!json_is_object(it))
			return jfail(L, SC_ERR_INVALID, "not an object");
		if ((st = jstring(L, it, "value", SC_MAX_DNS_TEXT, &v)) != SC_OK ||
		    (st = juint(L, it, "ttl", INT32_MAX, &ttl)) != SC_OK)
			return st;
		for (const char *q = v; *q; q++) {
			bool esc = *q == '\\' && q[1] >= '0' && q[1] <= '2' && q[2] >= '0' &&
			           q[2] <= '9' && q[3] >= '0' && q[3] <= '9' &&
			           (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0') <= 255;
			if (*q == '\\' && !esc)
				return jfail(L, SC_ERR_INVALID, "a backslash that is not \\DDD");
			if ((unsigned char)*q < 0x20 || (unsigned char)*q >= 0x7f)
				return jfail(L, SC_ERR_INVALID, "a byte outside printable ASCII");
			if (esc)
				q += 3;
		}
		struct dns_rec *r = &c->recs[c->nrecs++];
		if ((r->value = strdup(v)) == NULL)
			return jnomem(L);
		r->ttl = ttl;
		(*dst)[(*cnt)++] = (sc_dns_text){ r->value, ttl };
	}
	L->path[base] = '\0';
	return SC_OK;
}

static sc_status
load_answer(struct jload *L, struct dns_answer_priv *a, const json_t *o, bool literal,
            unsigned want)
{
	sc_status st;
	const char *s;
	sc_dns_answer *p = &a->pub;
	/* Loaded answers keep their strings in their chases (freed with them). */
	if (a->chases == NULL && (a->chases = calloc(DNS_NQ, sizeof(*a->chases))) == NULL)
		return jnomem(L);
	struct dns_chase *hc = &a->chases[0], *nc = &a->chases[2], *mc = &a->chases[3];
	if (!json_is_object(o))
		return jfail(L, SC_ERR_INVALID, "not an object");
	if ((st = jstring(L, o, "source", 512, &s)) != SC_OK)
		return st;
	if ((p->source = dns_result_intern(L->res, s)) == NULL)
		return jnomem(L);
	if ((st = jstring(L, o, "server", 1024, &s)) != SC_OK)
		return st;
	if ((p->server = dns_result_intern(L->res, s)) == NULL)
		return jnomem(L);
	if ((st = jstring(L, o, "status", 64, &s)) != SC_OK)
		return st;
	if (!sc_dns_reason_from_string(s, &p->reason))
		return jfail(L, SC_ERR_INVALID, "unknown status");
	if ((st = jstring(L, o, "detail", 1024, &s)) != SC_OK)
		return st;
	if ((hc->detail = strdup(s)) == NULL)
		return jnomem(L);
	p->detail = hc->detail;
	json_t *v = json_object_get(o, "rcode");
	p->rcode = -1;
	if (json_is_string(v)) {
		ldns_lookup_table *lt = ldns_lookup_by_name(ldns_rcodes, json_string_value(v));
		if (lt == NULL)
			return jfail(L, SC_ERR_INVALID, "unknown rcode");
		p->rcode = lt->id;
	} else if (json_is_integer(v) && json_integer_value(v) >= 0 &&
	           json_integer_value(v) <= 4095) {
		p->rcode = (int)json_integer_value(v);
	} else if (!json_is_null(v)) {
		return jfail(L, SC_ERR_INVALID, "rcode is not a name, a number or null");
	}
	v = json_object_get(o, "observed");
	if (json_is_string(v)) {
		if (!parse_time(json_string_value(v), &p->observed_ms))
			return jfail(L, SC_ERR_INVALID, "observed is not YYYY-MM-DDTHH:MM:SS.mmmZ");
	} else if (!json_is_null(v)) {
		return jfail(L, SC_ERR_INVALID, "observed is not a time or null");
	}
	if ((st = jstring(L, o, "transport", 8, &s)) != SC_OK)
		return st;
	static const char *const transports[] = { "udp", "tcp", "zone", "none" };
	p->transport = NULL;
	for (size_t k = 0; k < sizeof(transports) / sizeof(transports[0]); k++)
		if (strcmp(s, transports[k]) == 0)
			p->transport = transports[k];
	if (p->transport == NULL)
		return jfail(L, SC_ERR_INVALID, "transport is not udp, tcp, zone or none");
	p->tcp = strcmp(s, "tcp") == 0;

	json_t *arr;
	size_t base = strlen(L->path), i;
	json_t *it;
	/* CNAME chain */
	if ((st = jarray(L, o, "cname", SC_MAX_CNAME_HOPS, &arr)) != SC_OK)
		return st;
	if (json_array_size(arr) > 0) {
		hc->hops = calloc(json_array_size(arr), sizeof(*hc->hops));
		a->chain = calloc(json_array_size(arr), sizeof(*a->chain));
		if (hc->hops == NULL || a->chain == NULL)
			return jnomem(L);
	}
	json_array_foreach(arr, i, it) {
		path_set(L, base, ".cname[%zu]", i);
		struct dns_hop *h = &hc->hops[hc->nhops++];
		uint32_t ttl;
		if (!json_is_object(it))
			return jfail(L, SC_ERR_INVALID, "not an object");
		if ((st = jname(L, it, "owner", &h->owner)) != SC_OK ||
		    (st = jname(L, it, "target", &h->target)) != SC_OK ||
		    (st = juint(L, it, "ttl", INT32_MAX, &ttl)) != SC_OK)
			return st;
		h->ttl = ttl;
		a->chain[p->chain_len++] = (sc_dns_hop){ h->owner, h->target, ttl };
	}
	L->path[base] = '\0';
	p->chain = a->chain;

	/* addresses */
	size_t nrec = 0;
	if ((st = jarray(L, o, "addresses", literal ? 1 : 2 * SC_MAX_DNS_ANSWERS, &arr)) != SC_OK)
		return st;
	nrec = json_array_size(arr);
	if (nrec > 0) {
		hc->recs = calloc(nrec, sizeof(*hc->recs));
		a->addrs = calloc(nrec, sizeof(*a->addrs));
		if (hc->recs == NULL || a->addrs == NULL)
			return jnomem(L);
	}
	json_array_foreach(arr, i, it) {
		path_set(L, base, ".addresses[%zu]", i);
		struct dns_rec *r = &hc->recs[hc->nrecs++];
		uint32_t fam, ttl;
		const char *ip;
		if (!json_is_object(it))
			return jfail(L, SC_ERR_INVALID, "not an object");
		if ((st = jstring(L, it, "ip", INET6_ADDRSTRLEN, &ip)) != SC_OK ||
		    (st = juint(L, it, "family", 6, &fam)) != SC_OK ||
		    (st = juint(L, it, "ttl", INT32_MAX, &ttl)) != SC_OK)
			return st;
		unsigned char bin[16];
		char back[INET6_ADDRSTRLEN];
		int af = fam == 4 ? AF_INET : AF_INET6;
		if ((fam != 4 && fam != 6) || inet_pton(af, ip, bin) != 1 ||
		    inet_ntop(af, bin, back, sizeof(back)) == NULL || strcmp(back, ip) != 0)
			return jfail(L, SC_ERR_INVALID, "not an address of that family in canonical form");
		if (literal) {
			const char *own;
			if ((st = jstring(L, it, "owner", SC_MAX_NAME_LEN, &own)) != SC_OK)
				return st;
			r->owner = strdup(own);
		} else if ((st = jname(L, it, "owner", &r->owner)) != SC_OK) {
			return st;
		}
		r->value = strdup(ip);
		if (r->owner == NULL || r->value == NULL)
			return jnomem(L);
		r->family = (int)fam;
		r->ttl = ttl;
		a->addrs[p->addr_count++] = (sc_dns_addr){ r->family, r->value, r->owner, ttl };
	}
	L->path[base] = '\0';
	p->addrs = a->addrs;

	/* NS and MX, and SRV when the name asked it: targets */
	for (int k = 0; k < 3; k++) {
		if (k == 2 && !(want & SC_DNS_WANT_SRV))
			break;
		struct dns_chase *c = k == 0 ? nc : k == 1 ? mc : &a->chases[DNS_Q_SRV];
		const char *key = k == 0 ? "ns" : k == 1 ? "mx" : "srv";
		sc_dns_target **dst = k == 0 ? &a->ns : k == 1 ? &a->mx : &a->srv;
		size_t *cnt = k == 0 ? &p->ns_count : k == 1 ? &p->mx_count : &p->srv_count;
		if ((st = jarray(L, o, key, SC_MAX_DNS_ANSWERS, &arr)) != SC_OK)
			return st;
		if (json_array_size(arr) > 0) {
			c->recs = calloc(json_array_size(arr), sizeof(*c->recs));
			*dst = calloc(json_array_size(arr), sizeof(**dst));
			if (c->recs == NULL || *dst == NULL)
				return jnomem(L);
		}
		json_array_foreach(arr, i, it) {
			path_set(L, base, ".%s[%zu]", key, i);
			struct dns_rec *r = &c->recs[c->nrecs++];
			uint32_t ttl, pref = 0, port = 0;
			if (!json_is_object(it))
				return jfail(L, SC_ERR_INVALID, "not an object");
			if ((st = jname(L, it, "name", &r->value)) != SC_OK ||
			    (st = juint(L, it, "ttl", INT32_MAX, &ttl)) != SC_OK ||
			    (k == 1 && (st = juint(L, it, "preference", 65535, &pref)) != SC_OK) ||
			    (k == 2 && ((st = juint(L, it, "priority", 65535, &pref)) != SC_OK ||
			                (st = juint(L, it, "port", 65535, &port)) != SC_OK)))
				return st;
			r->ttl = ttl;
			r->pref = (uint16_t)pref;
			r->port = (uint16_t)port;
			(*dst)[(*cnt)++] = (sc_dns_target){ r->value, r->pref, r->port, ttl };
		}
		L->path[base] = '\0';
	}
	p->ns = a->ns;
	p->mx = a->mx;
	p->srv = a->srv;
	/* TXT and CAA: present when the name asked them */
	if (want & SC_DNS_WANT_TEXT) {
		if ((st = load_texts(L, o, "txt", &a->chases[DNS_Q_TXT], &a->txt, &p->txt_count)) !=
		        SC_OK ||
		    (st = load_texts(L, o, "caa", &a->chases[DNS_Q_CAA], &a->caa, &p->caa_count)) !=
		        SC_OK)
			return st;
		p->txt = a->txt;
		p->caa = a->caa;
	}
	return SC_OK;
}

static sc_status
load_entry(struct jload *L, const json_t *o)
{
	sc_status st;
	const char *name, *kind;
	if (!json_is_object(o))
		return jfail(L, SC_ERR_INVALID, "not an object");
	if ((st = jstring(L, o, "name", SC_MAX_NAME_LEN, &name)) != SC_OK ||
	    (st = jstring(L, o, "kind", 16, &kind)) != SC_OK)
		return st;
	bool literal = strcmp(kind, "literal") == 0;
	if (!literal && strcmp(kind, "name") != 0)
		return jfail(L, SC_ERR_INVALID, "kind is not name or literal");
	for (const char *c = name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			return jfail(L, SC_ERR_INVALID, "control character in name");
	if (literal) {
		unsigned char bin[16];
		char back[INET6_ADDRSTRLEN];
		int af = strchr(name, ':') ? AF_INET6 : AF_INET;
		if (inet_pton(af, name, bin) != 1 || inet_ntop(af, bin, back, sizeof(back)) == NULL ||
		    strcmp(back, name) != 0)
			return jfail(L, SC_ERR_INVALID, "literal is not an IP address in canonical form");
	}
	if (dns_result_lookup(L->res, name) != NULL)
		return jfail(L, SC_ERR_INVALID, "name appears twice");
	json_t *want, *via, *answers, *it;
	size_t i;
	if ((st = jarray(L, o, "want", N_WANT, &want)) != SC_OK ||
	    (st = jarray(L, o, "via", SC_MAX_DNS_NAMES, &via)) != SC_OK ||
	    (st = jarray(L, o, "answers", DNS_MAX_SOURCES, &answers)) != SC_OK)
		return st;
	if (json_array_size(answers) == 0 || (literal && json_array_size(answers) != 1))
		return jfail(L, SC_ERR_INVALID, "wrong number of answers");
	struct dns_entry_priv *e = dns_result_entry_new(L->res, name, json_array_size(answers));
	if (e == NULL)
		return jnomem(L);
	e->pub.literal = literal;
	json_array_foreach(want, i, it) {
		const char *w = json_string_value(it);
		unsigned bit = 0;
		for (size_t k = 0; w != NULL && k < N_WANT; k++)
			if (strcmp(w, want_names[k].name) == 0)
				bit = want_names[k].bit;
		if (bit == 0 || literal)
			return jfail(L, SC_ERR_INVALID,
			             "want is not address, domain, text, srv or spf");
		e->pub.want |= bit;
	}
	if (json_array_size(via) > 0) {
		e->via = calloc(json_array_size(via), sizeof(*e->via));
		if (e->via == NULL)
			return jnomem(L);
		e->capvia = json_array_size(via);
	}
	json_array_foreach(via, i, it) {
		const char *v = json_string_value(it);
		char canon[DNS_NAME_BUF];
		size_t k = v == NULL ? 0 : strncmp(v, "ns:", 3) == 0 || strncmp(v, "mx:", 3) == 0 ?
		           3 : strncmp(v, "srv:", 4) == 0 || strncmp(v, "spf:", 4) == 0 ? 4 : 0;
		if (k == 0 || !dns_name_canon(v + k, canon, sizeof(canon)) || strcmp(canon, v + k) != 0)
			return jfail(L, SC_ERR_INVALID,
			             "via is not ns:DOMAIN, mx:DOMAIN, srv:NAME or spf:NAME");
		if ((e->via[e->nvia++] = strdup(v)) == NULL)
			return jnomem(L);
	}
	size_t base = strlen(L->path);
	json_array_foreach(answers, i, it) {
		path_set(L, base, ".answers[%zu]", i);
		if ((st = load_answer(L, &e->answers[i], it, literal, e->pub.want)) != SC_OK)
			return st;
	}
	L->path[base] = '\0';
	if (!dns_entry_publish(e))
		return jnomem(L);
	e->pub.via = (const char *const *)e->via;
	e->pub.via_count = e->nvia;
	e->pub.differences = "";
	if (e->nanswers > 1 && !dns_entry_compare(e))
		return jnomem(L);
	return SC_OK;
}

sc_status
sc_dns_result_from_json(const json_t *json, sc_dns_result **ret, sc_err *err)
{
	struct jload L = { .err = err };
	snprintf(L.path, sizeof(L.path), "dns");
	json_t *names, *it;
	size_t i;
	sc_status st;
	if (!json_is_object(json))
		return jfail(&L, SC_ERR_INVALID, "not an object");
	if ((st = jarray(&L, json, "names", SC_MAX_DNS_NAMES, &names)) != SC_OK)
		return st;
	L.res = calloc(1, sizeof(*L.res));
	if (L.res == NULL)
		return jnomem(&L);
	json_array_foreach(names, i, it) {
		snprintf(L.path, sizeof(L.path), "dns.names[%zu]", i);
		if ((st = load_entry(&L, it)) != SC_OK) {
			sc_dns_result_free(L.res);
			return st;
		}
	}
	dns_result_sort(L.res);
	*ret = L.res;
	return SC_OK;
}
