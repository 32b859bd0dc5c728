/*
 * dns-json.c — a DNS result as JSON (jansson), for the evidence writer and
 * the test driver. Field names use the reason string table of dns.c; lists
 * keep the result's order (entries by name, addresses by family and
 * value), so the same answers give the same document.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dns.h"

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
answer_json(const sc_dns_answer *a)
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
	     put(o, "transport", json_string(a->tcp ? "tcp" : "udp")) &&
	     put(o, "cname", json_incref(chain)) && put(o, "addresses", json_incref(addrs)) &&
	     put(o, "ns", json_incref(ns)) && put(o, "mx", json_incref(mx));
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

json_t *
sc_dns_result_to_json(const sc_dns_result *res)
{
	json_t *root = json_object(), *names = json_array();
	bool ok = root && names;
	for (size_t i = 0; ok && i < sc_dns_result_count(res); i++) {
		const sc_dns_entry *e = sc_dns_result_get(res, i);
		json_t *o = json_object(), *via = json_array(), *ans = json_array(),
		       *want = json_array();
		ok = o && via && ans && want;
		if (ok && (e->want & SC_DNS_WANT_ADDR))
			ok = add(want, json_string("address"));
		if (ok && (e->want & SC_DNS_WANT_DOMAIN))
			ok = add(want, json_string("domain"));
		for (size_t k = 0; ok && k < e->via_count; k++)
			ok = add(via, json_string(e->via[k]));
		for (size_t k = 0; ok && k < e->answer_count; k++)
			ok = add(ans, answer_json(&e->answers[k]));
		json_t *diffs = json_array();
		for (const char *p = e->differences; ok && diffs && *p != '\0';) {
			const char *comma = strchr(p, ',');
			size_t n = comma ? (size_t)(comma - p) : strlen(p);
			ok = add(diffs, json_stringn(p, n));
			p += n + (comma ? 1 : 0);
		}
		ok = ok && put(o, "name", json_string(e->name)) &&
		     put(o, "kind", json_string(e->literal ? "literal" : "name")) &&
		     put(o, "want", json_incref(want)) && put(o, "via", json_incref(via)) &&
		     put(o, "differs", json_boolean(e->differs)) &&
		     put(o, "differences", diffs) && put(o, "answers", json_incref(ans));
		json_decref(via);
		json_decref(ans);
		json_decref(want);
		if (!ok)
			json_decref(o);
		else if (json_array_append_new(names, o) != 0)
			ok = false;
	}
	ok = ok && put(root, "names", json_incref(names));
	json_decref(names);
	if (!ok) {
		json_decref(root);
		return NULL;
	}
	return root;
}
