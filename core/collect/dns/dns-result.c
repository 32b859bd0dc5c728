/*
 * dns-result.c — the result of a DNS collection: its entries (hashed by
 * canonical name, sorted by name once the run is over), their lifetime and
 * the read-only accessors of sovcheck.h.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "util.h"

/* ------------------------------------------------------------- result */

static uint64_t
name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;  /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

struct dns_entry_priv *
dns_result_find_priv(const sc_dns_result *res, const char *name)
{
	if (res->hsize == 0)
		return NULL;
	struct dns_entry_priv *e = res->hash[name_hash(name) & (res->hsize - 1)];
	for (; e != NULL; e = e->hnext)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}

static void
answer_clear(struct dns_answer_priv *a)
{
	if (a->chases != NULL) {
		for (unsigned i = 0; i < DNS_NQ; i++)
			dns_chase_clear(&a->chases[i]);
		free(a->chases);
		a->chases = NULL;
	}
	free(a->chain);
	free(a->addrs);
	free(a->ns);
	free(a->mx);
	free(a->srv);
	free(a->txt);
	free(a->caa);
}

static void
entry_free(struct dns_entry_priv *e)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < e->nanswers; i++)
		answer_clear(&e->answers[i]);
	free(e->answers);
	free(e->pub_answers);
	for (size_t i = 0; i < e->nvia; i++)
		free(e->via[i]);
	free(e->via);
	free(e->differences);
	free(e->name);
	free(e);
}

bool
dns_entry_publish(struct dns_entry_priv *e)
{
	free(e->pub_answers);
	e->pub_answers = NULL;
	if (e->nanswers == 1) {
		e->pub.answers = &e->answers[0].pub;
	} else {
		e->pub_answers = calloc(e->nanswers ? e->nanswers : 1, sizeof(*e->pub_answers));
		if (e->pub_answers == NULL)
			return false;
		for (size_t k = 0; k < e->nanswers; k++)
			e->pub_answers[k] = e->answers[k].pub;
		e->pub.answers = e->pub_answers;
	}
	e->pub.answer_count = e->nanswers;
	return true;
}

void
sc_dns_result_free(sc_dns_result *res)
{
	if (res == NULL)
		return;
	for (size_t i = 0; i < res->n; i++)
		entry_free(res->entries[i]);
	free(res->entries);
	free(res->hash);
	util_strpool_free(res->strs);
	free(res);
}

size_t
sc_dns_result_count(const sc_dns_result *res)
{
	return res->n;
}

const sc_dns_entry *
sc_dns_result_get(const sc_dns_result *res, size_t i)
{
	return i < res->n ? &res->entries[i]->pub : NULL;
}

const sc_dns_entry *
sc_dns_result_find(const sc_dns_result *res, const char *name)
{
	char key[DNS_NAME_BUF];
	if (!sc_ip_canon(name, key, sizeof(key)) && !dns_name_canon(name, key, sizeof(key)))
		snprintf(key, sizeof(key), "%s", name);  /* an invalid name, as given */
	struct dns_entry_priv *e = dns_result_find_priv(res, key);
	return e ? &e->pub : NULL;
}

bool
sc_dns_entry_complete(const sc_dns_entry *e)
{
	if (e == NULL || e->answer_count == 0)
		return false;
	for (size_t i = 0; i < e->answer_count; i++)
		if (e->answers[i].reason != SC_DNS_OK)
			return false;
	return true;
}

const sc_dns_stats *
sc_dns_result_stats(const sc_dns_result *res)
{
	return &res->stats;
}

struct dns_entry_priv *
dns_result_entry_new(sc_dns_result *res, const char *name, size_t nanswers)
{
	if (res->n == res->cap) {
		size_t cap = res->cap ? res->cap * 2 : 64;
		struct dns_entry_priv **ne = realloc(res->entries, cap * sizeof(*ne));
		if (ne == NULL)
			return NULL;
		res->entries = ne;
		res->cap = cap;
	}
	if (res->n >= res->hsize / 2) {
		/* keep the hash table at least twice the entries */
		size_t hs = res->hsize ? res->hsize * 2 : 128;
		while (hs < (res->n + 1) * 2)
			hs *= 2;
		struct dns_entry_priv **nh = calloc(hs, sizeof(*nh));
		if (nh == NULL)
			return NULL;
		for (size_t i = 0; i < res->n; i++) {
			struct dns_entry_priv *x = res->entries[i];
			size_t b = name_hash(x->name) & (hs - 1);
			x->hnext = nh[b];
			nh[b] = x;
		}
		free(res->hash);
		res->hash = nh;
		res->hsize = hs;
	}
	struct dns_entry_priv *e = calloc(1, sizeof(*e));
	if (e == NULL || (e->name = strdup(name)) == NULL) {
		free(e);
		return NULL;
	}
	e->pub.name = e->name;
	if (nanswers > 0) {
		e->answers = calloc(nanswers, sizeof(*e->answers));
		if (e->answers == NULL) {
			free(e->name);
			free(e);
			return NULL;
		}
		e->nanswers = nanswers;
		for (size_t i = 0; i < nanswers; i++)
			e->answers[i].entry = e;
	}
	size_t b = name_hash(name) & (res->hsize - 1);
	e->hnext = res->hash[b];
	res->hash[b] = e;
	res->entries[res->n++] = e;
	return e;
}

struct dns_entry_priv *
dns_result_lookup(const sc_dns_result *res, const char *name)
{
	return dns_result_find_priv(res, name);
}

const char *
dns_result_intern(sc_dns_result *res, const char *s)
{
	if (res->strs == NULL && (res->strs = util_strpool_new()) == NULL)
		return NULL;
	return util_strpool_get(res->strs, s);
}
