/*
 * registry-index.c — the registry's sorted indexes and its lookups.
 * Lookups go through indexes rebuilt after every load, so that a lookup is
 * a binary search (a suffix lookup is one binary search per label of the
 * name). When two entities claim the same key the one with the smaller id
 * answers, deterministically — and lint reports the conflict.
 */
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "sc-limits.h"
#include "util.h"

/* -------------------------------------------------------------- indexes */

static int
ent_cmp(const void *a, const void *b)
{
	const sc_entity *x = *(sc_entity *const *)a, *y = *(sc_entity *const *)b;
	return strcmp(x->id, y->id);
}

static int
skey_cmp(const void *a, const void *b)
{
	const struct skey *x = a, *y = b;
	int r = strcmp(x->key, y->key);
	return r ? r : strcmp(x->e->id, y->e->id);
}

static int
akey_cmp(const void *a, const void *b)
{
	const struct skey *x = a, *y = b;
	if (x->asn != y->asn)
		return x->asn < y->asn ? -1 : 1;
	return strcmp(x->e->id, y->e->id);
}

/* Build a string index over one list of every entity. */
static bool
ix_strings(sc_registry *reg, size_t off_list, struct skey **ret, size_t *ret_n)
{
	size_t total = 0;
	for (size_t i = 0; i < reg->n; i++)
		total += ((const struct vlist *)((const char *)reg->ents[i] + off_list))->n;
	struct skey *ix = calloc(total ? total : 1, sizeof(*ix));
	if (ix == NULL)
		return false;
	size_t k = 0;
	for (size_t i = 0; i < reg->n; i++) {
		const struct vlist *l =
			(const struct vlist *)((const char *)reg->ents[i] + off_list);
		for (size_t j = 0; j < l->n; j++) {
			ix[k].key = l->v[j].s;
			ix[k].asn = l->v[j].asn;
			ix[k].e = reg->ents[i];
			ix[k].at = &l->v[j];
			k++;
		}
	}
	qsort(ix, total, sizeof(*ix), off_list == offsetof(sc_entity, asns) ? akey_cmp : skey_cmp);
	*ret = ix;
	*ret_n = total;
	return true;
}

const sc_entity *
registry_find_id(const sc_registry *reg, const char *id)
{
	size_t lo = 0, hi = reg->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(reg->ents[mid]->id, id);
		if (r == 0)
			return reg->ents[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static sc_status
index_build(sc_registry *reg)
{
	registry_index_free(reg);
	qsort(reg->ents, reg->n, sizeof(*reg->ents), ent_cmp);
	for (size_t i = 0; i < reg->n; i++)
		reg->ents[i]->parent =
			reg->ents[i]->parent_id ? registry_find_id(reg, reg->ents[i]->parent_id) : NULL;
	if (!ix_strings(reg, offsetof(sc_entity, asns), &reg->ix_asn, &reg->n_asn) ||
	    !ix_strings(reg, offsetof(sc_entity, issuers), &reg->ix_iss, &reg->n_iss) ||
	    !ix_strings(reg, offsetof(sc_entity, fps), &reg->ix_fp, &reg->n_fp))
		return SC_ERR_NOMEM;
	for (int k = 0; k <= SC_SUFFIX_MX; k++)
		if (!ix_strings(reg, offsetof(sc_entity, sfx) + (size_t)k * sizeof(struct vlist),
		                &reg->ix_sfx[k], &reg->n_sfx[k]))
			return SC_ERR_NOMEM;
	return SC_OK;
}

/* First index entry (smallest entity id) with this key, or NULL. */
const struct skey *
registry_ix_find(const struct skey *ix, size_t n, const char *key)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(ix[lo].key, key) == 0 ? &ix[lo] : NULL;
}

/* Merge a batch: a new id extends the registry, a known id replaces the
 * entity of that id (override). Takes ownership of the batch's entities. */
sc_status
registry_merge(sc_registry *reg, struct batch *b)
{
	size_t add = 0;
	for (size_t i = 0; i < b->n; i++)
		if (registry_find_id(reg, b->e[i]->id) == NULL)
			add++;
	if (reg->n + add > SC_MAX_REGISTRY_ENTITIES)
		return SC_ERR_LIMIT;
	sc_entity **ne = realloc(reg->ents, (reg->n + add + 1) * sizeof(*ne));
	if (ne == NULL)
		return SC_ERR_NOMEM;
	reg->ents = ne;
	size_t n0 = reg->n;
	for (size_t i = 0; i < b->n; i++) {
		bool replaced = false;
		/* Binary search is valid over the first n0 (sorted) entries only. */
		size_t lo = 0, hi = n0;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int r = strcmp(reg->ents[mid]->id, b->e[i]->id);
			if (r == 0) {
				registry_entity_free(reg->ents[mid]);
				reg->ents[mid] = b->e[i];
				replaced = true;
				break;
			}
			if (r < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (!replaced)
			reg->ents[reg->n++] = b->e[i];
		b->e[i] = NULL;
	}
	b->n = 0;
	return index_build(reg);
}

/* ------------------------------------------------------------- lookups */

const sc_entity *
sc_registry_find(const sc_registry *reg, const char *id_or_name)
{
	if (reg == NULL || id_or_name == NULL)
		return NULL;
	const sc_entity *e = registry_find_id(reg, id_or_name);
	if (e)
		return e;
	/* Names and aliases: a linear scan, this is not a hot path. */
	char *want = registry_issuer_norm(id_or_name);
	if (want == NULL)
		return NULL;
	for (size_t i = 0; i < reg->n && e == NULL; i++) {
		char *nm = registry_issuer_norm(reg->ents[i]->name);
		if (nm && strcmp(nm, want) == 0)
			e = reg->ents[i];
		free(nm);
		for (size_t j = 0; e == NULL && j < reg->ents[i]->aliases.n; j++) {
			char *al = registry_issuer_norm(reg->ents[i]->aliases.v[j].s);
			if (al && strcmp(al, want) == 0)
				e = reg->ents[i];
			free(al);
		}
	}
	free(want);
	return e;
}

const sc_entity *
sc_registry_by_asn(const sc_registry *reg, uint32_t asn)
{
	if (reg == NULL)
		return NULL;
	size_t lo = 0, hi = reg->n_asn;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (reg->ix_asn[mid].asn < asn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < reg->n_asn && reg->ix_asn[lo].asn == asn ? reg->ix_asn[lo].e : NULL;
}

/*
 * Suffix match on label boundaries (so "evil-amazonaws.com" does not match
 * "amazonaws.com"), case-insensitive, trailing dot ignored. The name is
 * tried whole, then without its first label, and so on: the first hit is
 * the longest matching suffix.
 */
const sc_entity *
sc_registry_by_suffix(const sc_registry *reg, sc_suffix_kind kind, const char *name,
                      const char **ret_suffix)
{
	if (reg == NULL || name == NULL || (int)kind < 0 || kind > SC_SUFFIX_MX)
		return NULL;
	char buf[SC_MAX_NAME_LEN + 2];
	size_t n = strlen(name);
	if (n > 0 && name[n - 1] == '.')
		n--;
	if (n == 0 || n > SC_MAX_NAME_LEN)
		return NULL;
	memcpy(buf, name, n);
	buf[n] = '\0';
	registry_lower_ascii(buf);
	for (char *p = buf; p != NULL && *p; ) {
		const struct skey *k = registry_ix_find(reg->ix_sfx[kind], reg->n_sfx[kind], p);
		if (k) {
			if (ret_suffix)
				*ret_suffix = k->key;
			return k->e;
		}
		p = strchr(p, '.');
		if (p)
			p++;
	}
	return NULL;
}

const sc_entity *
sc_registry_by_issuer(const sc_registry *reg, const char *issuer_org)
{
	if (reg == NULL || issuer_org == NULL)
		return NULL;
	char *k = registry_issuer_norm(issuer_org);
	if (k == NULL)
		return NULL;
	const struct skey *hit = registry_ix_find(reg->ix_iss, reg->n_iss, k);
	free(k);
	return hit ? hit->e : NULL;
}

const sc_entity *
sc_registry_by_fingerprint(const sc_registry *reg, const char *sha256_hex)
{
	char fp[65];
	if (reg == NULL || sha256_hex == NULL || !registry_fp_norm(sha256_hex, fp))
		return NULL;
	const struct skey *hit = registry_ix_find(reg->ix_fp, reg->n_fp, fp);
	return hit ? hit->e : NULL;
}

size_t
sc_registry_count(const sc_registry *reg)
{
	return reg ? reg->n : 0;
}

const sc_entity *
sc_registry_get(const sc_registry *reg, size_t i)
{
	return reg && i < reg->n ? reg->ents[i] : NULL;
}

void
sc_registry_reviewed(const sc_registry *reg, char ret_oldest[11], char ret_newest[11])
{
	char lo[11] = "", hi[11] = "";
	for (size_t i = 0; reg && i < reg->n; i++) {
		for (size_t j = 0; j < reg->ents[i]->n_src; j++) {
			const char *r = reg->ents[i]->src[j].reviewed;
			if (!*r)
				continue;
			if (!*lo || strcmp(r, lo) < 0)
				memcpy(lo, r, 11);
			if (!*hi || strcmp(r, hi) > 0)
				memcpy(hi, r, 11);
		}
	}
	if (ret_oldest)
		memcpy(ret_oldest, lo, 11);
	if (ret_newest)
		memcpy(ret_newest, hi, 11);
}

/* ------------------------------------------------------------ entities */

const char *sc_entity_id(const sc_entity *e) { return e ? e->id : NULL; }
const char *sc_entity_name(const sc_entity *e) { return e ? e->name : NULL; }
const char *sc_entity_country(const sc_entity *e) { return e ? e->country : NULL; }
const sc_entity *sc_entity_parent(const sc_entity *e) { return e ? e->parent : NULL; }
bool sc_entity_anycast(const sc_entity *e) { return e ? e->anycast : false; }
const char *sc_entity_parent_id(const sc_entity *e) { return e ? e->parent_id : NULL; }
const char *sc_entity_file(const sc_entity *e) { return e ? e->file : NULL; }
unsigned sc_entity_line(const sc_entity *e) { return e ? e->line : 0; }
size_t sc_entity_alias_count(const sc_entity *e) { return e ? e->aliases.n : 0; }
size_t sc_entity_asn_count(const sc_entity *e) { return e ? e->asns.n : 0; }
size_t sc_entity_source_count(const sc_entity *e) { return e ? e->n_src : 0; }

const char *
sc_entity_alias(const sc_entity *e, size_t i)
{
	return e && i < e->aliases.n ? e->aliases.v[i].s : NULL;
}

uint32_t
sc_entity_asn(const sc_entity *e, size_t i)
{
	return e && i < e->asns.n ? e->asns.v[i].asn : 0;
}

bool
sc_entity_source_get(const sc_entity *e, size_t i, const char **ret_url,
                     const char **ret_fact, const char **ret_reviewed)
{
	if (e == NULL || i >= e->n_src)
		return false;
	if (ret_url)
		*ret_url = e->src[i].url;
	if (ret_fact)
		*ret_fact = e->src[i].fact;
	if (ret_reviewed)
		*ret_reviewed = e->src[i].reviewed;
	return true;
}

/* The source of the fact that decides the controller: the parent link if
 * there is one, else the home country, else the first source. */
const char *
sc_entity_source(const sc_entity *e)
{
	if (e == NULL || e->n_src == 0)
		return NULL;
	unsigned want = e->parent_id ? 1u << FACT_PARENT : 1u << FACT_COUNTRY;
	for (size_t i = 0; i < e->n_src; i++)
		if (e->src[i].covers & want)
			return e->src[i].url;
	return e->src[0].url;
}

size_t
sc_entity_chain(const sc_entity *e, const sc_entity **ret_hops, size_t max,
                bool *ret_cycle)
{
	const sc_entity *local[SC_MAX_ENTITY_DEPTH];
	size_t n = 0;
	bool cycle = false;
	for (const sc_entity *p = e; p != NULL && !cycle; p = p->parent) {
		/* A revisit is a cycle; a chain longer than the limit is treated
		 * the same way (no real group is 16 holding levels deep). */
		for (size_t i = 0; i < n; i++)
			if (local[i] == p)
				cycle = true;
		if (!cycle && n == SC_MAX_ENTITY_DEPTH)
			cycle = true;
		if (!cycle)
			local[n++] = p;
	}
	size_t w = n < max ? n : max;
	for (size_t i = 0; ret_hops && i < w; i++)
		ret_hops[i] = local[i];
	if (ret_cycle)
		*ret_cycle = cycle;
	return ret_hops ? w : n;
}

const sc_entity *
sc_entity_ultimate(const sc_entity *e)
{
	const sc_entity *hops[SC_MAX_ENTITY_DEPTH + 1];
	bool cycle = false;
	if (e == NULL)
		return NULL;
	size_t n = sc_entity_chain(e, hops, SC_MAX_ENTITY_DEPTH + 1, &cycle);
	if (cycle || n == 0)
		return NULL;
	/* A parent id that names no entity leaves the chain open: the ultimate
	 * controller is then not known. */
	if (hops[n - 1]->parent_id != NULL)
		return NULL;
	return hops[n - 1];
}
