/*
 * registry-index.c — the registry's sorted indexes and its lookups.
 * Lookups go through indexes rebuilt after every load, so that a lookup is
 * a binary search (a suffix lookup is one binary search per label of the
 * name). When two entities claim the same key the one with the smaller id
 * answers, deterministically — and lint reports the conflict.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "sc-limits.h"
#include "text.h"
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
ca_sha_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ca_entry *)a)->sha256, ((const struct ca_entry *)b)->sha256);
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

/* The parent of e in force at date ("" : the current one, with no
 * until), or NULL at the top. */
static const struct dated_parent *
parent_at(const sc_entity *e, const char *date)
{
	for (size_t i = 0; i < e->n_parents; i++)
		if (registry_in_period(e->parents[i].from, e->parents[i].until, date))
			return &e->parents[i];
	return NULL;
}

bool
registry_in_period(const char *from, const char *until, const char *date)
{
	if (!*date)
		return !*until;
	return (!*from || strcmp(from, date) <= 0) && (!*until || strcmp(date, until) < 0);
}

static const sc_entity *entity_ultimate(const sc_entity *e);

static size_t
asn_slot_of(uint32_t asn, size_t mask)
{
	return (size_t)((asn * 0x9E3779B1u) >> 7) & mask;
}

/* The ASN table behind sc_registry_by_asn(), from ix_asn (sorted: the
 * first entity of a duplicated ASN is kept, as the lint reports it). At
 * most half full, so a miss ends within a few slots. */
static bool
ix_asn_hash(sc_registry *reg)
{
	size_t cap = 16;
	while (cap < 2 * reg->n_asn)
		cap *= 2;
	free(reg->asn_hash);
	if ((reg->asn_hash = calloc(cap, sizeof(*reg->asn_hash))) == NULL)
		return false;
	reg->asn_mask = cap - 1;
	for (size_t i = 0; i < reg->n_asn; i++) {
		uint32_t asn = reg->ix_asn[i].asn;
		if (asn == 0)
			continue;
		size_t h = asn_slot_of(asn, reg->asn_mask);
		while (reg->asn_hash[h].asn != 0 && reg->asn_hash[h].asn != asn)
			h = (h + 1) & reg->asn_mask;
		if (reg->asn_hash[h].asn == 0)
			reg->asn_hash[h] = (struct asn_slot){ asn, reg->ix_asn[i].e };
	}
	return true;
}

void
registry_resolve_parents(sc_registry *reg)
{
	for (size_t i = 0; i < reg->n; i++) {
		sc_entity *e = reg->ents[i];
		for (size_t j = 0; j < e->n_parents; j++)
			e->parents[j].e = registry_find_id(reg, e->parents[j].id);
		const struct dated_parent *d = parent_at(e, reg->date);
		e->parent_id = d ? d->id : NULL;
		e->parent = d ? d->e : NULL;
		e->parent_line = d ? d->line : 0;
		e->parent_col = d ? d->col : 0;
		e->n_live = 0;
		for (size_t j = 0; j < e->n_holders; j++) {
			struct holder *h = &e->holders[j];
			h->live = registry_in_period(h->from, h->until, reg->date);
			e->n_live += h->live;
			/* a holder that is an entity: its name and seat unless written
			 * (a seat written otherwise is lint's to report) */
			h->pub.entity = h->entity_id ? registry_find_id(reg, h->entity_id) : NULL;
			if (h->pub.entity && !h->named)
				h->pub.name = h->pub.entity->name;
			if (h->pub.entity && !h->located)
				memcpy(h->country, h->pub.entity->country, sizeof(h->country));
		}
	}
	for (size_t i = 0; i < reg->n; i++)
		reg->ents[i]->ultimate = entity_ultimate(reg->ents[i]);
}

static int
ca_spki_cmp(const void *a, const void *b)
{
	const struct ca_entry *x = *(const struct ca_entry *const *)a;
	const struct ca_entry *y = *(const struct ca_entry *const *)b;
	int r = strcmp(x->spki, y->spki);
	return r ? r : strcmp(x->sha256, y->sha256);
}

/* Names and aliases without the legal form that ends them
 * (text_fold_base()): "Capgemini SE" answers to "Capgemini" and to
 * "Capgemini S.A." when no name or alias is written so. Former names are
 * left out: a name an entity answered to until a date is matched as
 * written, never loosely. */
static bool
ix_bases(sc_registry *reg)
{
	size_t total = 0;
	for (size_t i = 0; i < reg->n; i++)
		total += 1 + reg->ents[i]->aliases.n;
	struct skey *ix = calloc(total ? total : 1, sizeof(*ix));
	if (ix == NULL)
		return false;
	size_t k = 0;
	for (size_t i = 0; i < reg->n; i++) {
		const sc_entity *e = reg->ents[i];
		for (size_t j = 0; j < 1 + e->aliases.n; j++) {
			const char *nm = j == 0 ? e->name : e->aliases.v[j - 1].s;
			char buf[512];
			if (nm == NULL || text_fold_base(nm, buf, sizeof(buf)) == 0)
				continue;
			char *f = strdup(buf);
			if (f == NULL) {
				reg->ix_bases = ix;
				reg->n_bases = k;
				return false;
			}
			ix[k].key = f;
			ix[k].owned = f;
			ix[k].e = e;
			ix[k].asn = (uint32_t)j;
			k++;
		}
	}
	qsort(ix, k, sizeof(*ix), skey_cmp);
	reg->ix_bases = ix;
	reg->n_bases = k;
	return true;
}

/* Every name an entity answers to, folded: name, aliases, former names. */
static bool
ix_names(sc_registry *reg)
{
	size_t total = 0;
	for (size_t i = 0; i < reg->n; i++)
		total += 1 + reg->ents[i]->aliases.n + reg->ents[i]->n_formers;
	struct skey *ix = calloc(total ? total : 1, sizeof(*ix));
	if (ix == NULL)
		return false;
	size_t k = 0;
	bool ok = true;
	for (size_t i = 0; i < reg->n && ok; i++) {
		const sc_entity *e = reg->ents[i];
		for (size_t j = 0; j < 1 + e->aliases.n + e->n_formers && ok; j++) {
			const char *nm = j == 0 ? e->name : j <= e->aliases.n ? e->aliases.v[j - 1].s
			                 : e->formers[j - 1 - e->aliases.n].name;
			char *f = registry_name_fold(nm ? nm : "");
			if (f == NULL) {
				ok = false;
				break;
			}
			if (*f == '\0') {
				free(f);
				continue;
			}
			ix[k].key = f;
			ix[k].owned = f;
			ix[k].e = e;
			ix[k].asn = (uint32_t)j;   /* which name: 0 name, then aliases, then formers */
			k++;
		}
	}
	reg->ix_names = ix;
	reg->n_names = k;
	if (ok)
		qsort(ix, k, sizeof(*ix), skey_cmp);
	return ok && ix_bases(reg);
}

static sc_status
index_build(sc_registry *reg)
{
	registry_index_free(reg);
	qsort(reg->ents, reg->n, sizeof(*reg->ents), ent_cmp);
	registry_resolve_parents(reg);
	for (size_t i = 0; i < reg->n; i++) {
		sc_entity *e = reg->ents[i];
		for (size_t j = 0; j < e->n_providers; j++)
			e->providers[j].e = registry_find_id(reg, e->providers[j].id);
	}
	for (size_t i = 0; i < reg->n_cas; i++) {
		struct ca_entry *c = &reg->cas[i];
		c->owner = registry_find_id(reg, c->owner_id);
		c->op = c->operator_id ? registry_find_id(reg, c->operator_id) : NULL;
		for (size_t j = 0; j < c->n_hist; j++)
			c->hist[j].owner = registry_find_id(reg, c->hist[j].owner_id);
	}
	size_t ns = 0;
	for (size_t i = 0; i < reg->n_cas; i++)
		ns += reg->cas[i].spki[0] != '\0';
	if (ns && (reg->ix_spki = calloc(ns, sizeof(*reg->ix_spki))) == NULL)
		return SC_ERR_NOMEM;
	for (size_t i = 0; i < reg->n_cas; i++)
		if (reg->cas[i].spki[0])
			reg->ix_spki[reg->n_spki++] = &reg->cas[i];
	if (reg->n_spki > 1)
		qsort(reg->ix_spki, reg->n_spki, sizeof(*reg->ix_spki), ca_spki_cmp);
	if (!ix_names(reg))
		return SC_ERR_NOMEM;
	if (!ix_strings(reg, offsetof(sc_entity, asns), &reg->ix_asn, &reg->n_asn) ||
	    !ix_strings(reg, offsetof(sc_entity, issuers), &reg->ix_iss, &reg->n_iss) ||
	    !ix_strings(reg, offsetof(sc_entity, fps), &reg->ix_fp, &reg->n_fp))
		return SC_ERR_NOMEM;
	if (!ix_asn_hash(reg))
		return SC_ERR_NOMEM;
	if (!ix_strings(reg, offsetof(sc_entity, caa), &reg->ix_caa, &reg->n_caa) ||
	    !ix_strings(reg, offsetof(sc_entity, verification), &reg->ix_tok, &reg->n_tok))
		return SC_ERR_NOMEM;
	for (int k = 0; k < SC_SUFFIX_COUNT; k++)
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
	if (b->n_files) {
		struct reg_file *fs = realloc(reg->files, (reg->n_files + b->n_files) * sizeof(*fs));
		if (fs == NULL)
			return SC_ERR_NOMEM;
		reg->files = fs;
		memcpy(fs + reg->n_files, b->files, b->n_files * sizeof(*fs));
		reg->n_files += b->n_files;
		free(b->files);
		b->files = NULL;
		b->n_files = 0;
	}
	size_t add = 0;
	for (size_t i = 0; i < b->n; i++)
		if (registry_find_id(reg, b->e[i]->id) == NULL)
			add++;
	if (reg->n + add > SC_MAX_REGISTRY_ENTITIES || reg->n_cas + b->n_cas > SC_MAX_CA_INDEX)
		return SC_ERR_LIMIT;
	/* CA index entries: a certificate already indexed is replaced by the
	 * later file's entry; the sources go with the registry. */
	if (b->n_cas) {
		struct ca_entry *nc = realloc(reg->cas, (reg->n_cas + b->n_cas) * sizeof(*nc));
		if (nc == NULL)
			return SC_ERR_NOMEM;
		reg->cas = nc;
		size_t n0c = reg->n_cas;
		for (size_t i = 0; i < b->n_cas; i++) {
			struct ca_entry *old = NULL;
			size_t lo = 0, hi = n0c;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				int r = strcmp(reg->cas[mid].sha256, b->cas[i].sha256);
				if (r == 0) {
					old = &reg->cas[mid];
					break;
				}
				if (r < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (old) {
				registry_ca_free(old);
				*old = b->cas[i];
			} else {
				reg->cas[reg->n_cas++] = b->cas[i];
			}
			memset(&b->cas[i], 0, sizeof(b->cas[i]));
		}
		b->n_cas = 0;
		qsort(reg->cas, reg->n_cas, sizeof(*reg->cas), ca_sha_cmp);
	}
	if (b->n_srcs) {
		struct ca_source **ns = realloc(reg->ca_srcs, (reg->n_ca_srcs + b->n_srcs) * sizeof(*ns));
		if (ns == NULL)
			return SC_ERR_NOMEM;
		reg->ca_srcs = ns;
		for (size_t i = 0; i < b->n_srcs; i++) {
			reg->ca_srcs[reg->n_ca_srcs++] = b->srcs[i];
			b->srcs[i] = NULL;
		}
		b->n_srcs = 0;
	}
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
	return sc_registry_find_name(reg, id_or_name, NULL, NULL);
}

/* A name that answers to nothing as written, without its legal form,
 * among the names and aliases without theirs: the entity when one alone
 * answers, none when two do ("Vodafone" would be Vodafone GmbH or a
 * Vodafone Ltd: not guessed). */
static const sc_entity *
find_base(const sc_registry *reg, const char *name)
{
	char want[512];
	if (text_fold_base(name, want, sizeof(want)) == 0)
		return NULL;
	const struct skey *k = registry_ix_find(reg->ix_bases, reg->n_bases, want);
	const sc_entity *e = NULL;
	for (; k && k < reg->ix_bases + reg->n_bases && strcmp(k->key, want) == 0; k++) {
		if (e && k->e != e)
			return NULL;
		e = k->e;
	}
	return e;
}

/* A name (folded) among names, aliases and former names; a former name
 * gives its until date. Names before aliases before former names, then the
 * smaller id, when two entities answer. */
const sc_entity *
sc_registry_find_name(const sc_registry *reg, const char *name, const char **ret_former,
                      const char **ret_until)
{
	if (ret_former)
		*ret_former = NULL;
	if (ret_until)
		*ret_until = NULL;
	if (reg == NULL || name == NULL)
		return NULL;
	char *want = registry_name_fold(name);
	if (want == NULL || *want == '\0') {
		free(want);
		return NULL;
	}
	const struct skey *k = registry_ix_find(reg->ix_names, reg->n_names, want);
	const struct skey *best = NULL;
	for (; k && k < reg->ix_names + reg->n_names && strcmp(k->key, want) == 0; k++) {
		bool kf = k->asn > k->e->aliases.n, bf = best && best->asn > best->e->aliases.n;
		if (best == NULL || (bf && !kf))
			best = k;
	}
	free(want);
	if (best == NULL)
		return find_base(reg, name);
	if (best->asn > best->e->aliases.n) {
		const struct former_name *f = &best->e->formers[best->asn - 1 - best->e->aliases.n];
		if (ret_former)
			*ret_former = f->name;
		if (ret_until)
			*ret_until = f->until;
	}
	return best->e;
}

const sc_entity *
sc_registry_find_name_prefix(const sc_registry *reg, const char *name)
{
	if (reg == NULL || name == NULL)
		return NULL;
	/* where each word ends, blanks and commas between words */
	size_t ends[32], nw = 0, n = strlen(name);
	if (n >= 1024)
		return NULL;
	for (size_t i = 0; i < n && nw < 32;) {
		while (i < n && (name[i] == ' ' || name[i] == ',' || name[i] == '\t'))
			i++;
		if (i == n)
			break;
		while (i < n && name[i] != ' ' && name[i] != ',' && name[i] != '\t')
			i++;
		ends[nw++] = i;
	}
	for (size_t k = nw > 0 ? nw - 1 : 0; k >= 1; k--) {
		char pre[1024], f[1024];
		memcpy(pre, name, ends[k - 1]);   /* n < sizeof(pre) */
		pre[ends[k - 1]] = '\0';
		if (text_fold(pre, f, sizeof(f)) < 3)
			break;
		const sc_entity *e = sc_registry_find_name(reg, pre, NULL, NULL);
		if (e)
			return e;
	}
	return NULL;
}

const sc_entity *
sc_registry_by_asn(const sc_registry *reg, uint32_t asn)
{
	if (reg == NULL)
		return NULL;
	if (reg->asn_hash == NULL || asn == 0)
		return NULL;
	for (size_t h = asn_slot_of(asn, reg->asn_mask);; h = (h + 1) & reg->asn_mask) {
		const struct asn_slot *s = &reg->asn_hash[h];
		if (s->asn == asn)
			return s->e;
		if (s->asn == 0)
			return NULL;
	}
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
	if (reg == NULL || name == NULL || (int)kind < 0 || kind >= SC_SUFFIX_COUNT)
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
sc_registry_by_caa(const sc_registry *reg, const char *issuer_domain)
{
	char buf[SC_MAX_NAME_LEN + 2];
	size_t n = issuer_domain ? strlen(issuer_domain) : 0;
	if (reg == NULL || n == 0 || n > SC_MAX_NAME_LEN)
		return NULL;
	memcpy(buf, issuer_domain, n + 1);
	if (buf[n - 1] == '.')
		buf[n - 1] = '\0';
	registry_lower_ascii(buf);
	const struct skey *k = registry_ix_find(reg->ix_caa, reg->n_caa, buf);
	return k ? k->e : NULL;
}

/*
 * The service whose verification token starts a TXT record. Tokens are
 * sorted: the record's every prefix that ends where a token may end
 * ('=', ':', '-', '_') is looked up, the longest first, so a lookup costs
 * a few searches whatever the catalogue's size. Case counts ("MS=").
 */
const sc_entity *
sc_registry_by_verification(const sc_registry *reg, const char *txt, const char **ret_token)
{
	if (reg == NULL || txt == NULL || reg->n_tok == 0)
		return NULL;
	char buf[72];
	size_t n = strnlen(txt, 64);
	for (size_t k = n; k >= 3; k--) {
		if (strchr("=:-_", txt[k - 1]) == NULL)
			continue;
		memcpy(buf, txt, k);
		buf[k] = '\0';
		const struct skey *hit = registry_ix_find(reg->ix_tok, reg->n_tok, buf);
		if (hit) {
			if (ret_token)
				*ret_token = hit->key;
			return hit->e;
		}
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

const struct ca_entry *
registry_ca_by_sha256(const sc_registry *reg, const char *hex)
{
	char fp[65];
	if (reg == NULL || hex == NULL || !registry_fp_norm(hex, fp))
		return NULL;
	size_t lo = 0, hi = reg->n_cas;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(reg->cas[mid].sha256, fp);
		if (r == 0)
			return &reg->cas[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t
registry_ca_by_spki(const sc_registry *reg, const char *hex,
                   const struct ca_entry *const **first)
{
	char fp[65];
	*first = NULL;
	if (reg == NULL || hex == NULL || !registry_fp_norm(hex, fp))
		return 0;
	size_t lo = 0, hi = reg->n_spki;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(reg->ix_spki[mid]->spki, fp) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = 0;
	while (lo + n < reg->n_spki && strcmp(reg->ix_spki[lo + n]->spki, fp) == 0)
		n++;
	if (n)
		*first = &reg->ix_spki[lo];
	return n;
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

sc_status
sc_registry_set_date(sc_registry *reg, const char *date)
{
	if (reg == NULL)
		return SC_ERR_USAGE;
	if (date == NULL || *date == '\0') {
		reg->date[0] = '\0';
	} else {
		if (!sc_date_parse(date, NULL, NULL, NULL))
			return SC_ERR_USAGE;
		snprintf(reg->date, sizeof(reg->date), "%s", date);
	}
	registry_resolve_parents(reg);
	return SC_OK;
}

size_t
sc_entity_parent_periods(const sc_entity *e)
{
	return e ? e->n_parents : 0;
}

const sc_entity *
sc_entity_parent_period(const sc_entity *e, size_t i, const char **ret_from,
                        const char **ret_until)
{
	if (e == NULL || i >= e->n_parents)
		return NULL;
	if (ret_from)
		*ret_from = e->parents[i].from;
	if (ret_until)
		*ret_until = e->parents[i].until;
	return e->parents[i].e;
}

/* Whether ip (binary, family 4 or 6) is inside prefix p. */
static bool
prefix_holds(const struct prefix *p, int family, const unsigned char *ip)
{
	if (p->family != family)
		return false;
	for (unsigned b = 0; b < p->len; b++) {
		unsigned m = 0x80u >> (b % 8);
		if ((p->addr[b / 8] & m) != (ip[b / 8] & m))
			return false;
	}
	return true;
}

const sc_entity *
sc_registry_by_prefix(const sc_registry *reg, const char *ip, const char **ret_prefix)
{
	unsigned char a[16];
	if (ret_prefix)
		*ret_prefix = NULL;
	if (reg == NULL || ip == NULL)
		return NULL;
	int family = strchr(ip, ':') ? 6 : 4;
	if (inet_pton(family == 6 ? AF_INET6 : AF_INET, ip, a) != 1)
		return NULL;
	/* An IPv4-mapped IPv6 address is its IPv4 address. */
	if (family == 6 && memcmp(a, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) {
		memmove(a, a + 12, 4);
		family = 4;
	}
	const sc_entity *best = NULL;
	const struct prefix *bp = NULL;
	for (size_t i = 0; i < reg->n; i++)   /* entities in id order: ties go to the smaller id */
		for (size_t j = 0; j < reg->ents[i]->n_prefixes; j++) {
			const struct prefix *p = &reg->ents[i]->prefixes[j];
			if (prefix_holds(p, family, a) && (bp == NULL || p->len > bp->len)) {
				best = reg->ents[i];
				bp = p;
			}
		}
	if (bp && ret_prefix)
		*ret_prefix = bp->text;
	return best;
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
const char *
sc_entity_control(const sc_entity *e)
{
	return e && e->control >= 0 ? registry_control_names[e->control] : NULL;
}

size_t
sc_entity_holder_count(const sc_entity *e)
{
	return e ? e->n_live : 0;
}

const sc_holder *
sc_entity_holder(const sc_entity *e, size_t i)
{
	for (size_t j = 0; e && j < e->n_holders; j++)
		if (e->holders[j].live && i-- == 0)
			return &e->holders[j].pub;
	return NULL;
}

size_t
sc_entity_holder_total(const sc_entity *e)
{
	return e ? e->n_holders : 0;
}

const sc_holder *
sc_entity_holder_any(const sc_entity *e, size_t i)
{
	return e && i < e->n_holders ? &e->holders[i].pub : NULL;
}

bool
sc_entity_held_recorded(const sc_entity *e)
{
	if (e == NULL)
		return false;
	if (e->n_live > 0)
		return true;   /* who holds it is named, whatever its control */
	return e->control >= 0 && strcmp(registry_control_names[e->control], "private") != 0;
}

char *
sc_entity_holders_text(const sc_entity *e, char *buf, size_t n)
{
	size_t at = 0;
	if (n == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < sc_entity_holder_count(e); i++) {
		char one[768];
		int k = snprintf(buf + at, n - at, "%s%s", i ? "; " : "",
		                 sc_holder_text(sc_entity_holder(e, i), one, sizeof(one)));
		if (k < 0 || (size_t)k >= n - at)
			break;   /* truncated: what fits stays */
		at += (size_t)k;
	}
	return buf;
}

char *
sc_holder_text(const sc_holder *h, char *buf, size_t n)
{
	char cap[48] = "", vot[48] = "";
	if (h->capital >= 0) {
		char a[24];
		util_fmt_pct(a, sizeof(a), h->capital);
		snprintf(cap, sizeof(cap), ", %s %% of the capital", a);
	}
	if (h->voting >= 0) {
		char a[24];
		util_fmt_pct(a, sizeof(a), h->voting);
		snprintf(vot, sizeof(vot), ", %s %% of the votes", a);
	}
	snprintf(buf, n, "%s (%s%s%s%s%s%s%s%s)", h->name,
	         h->country[0] ? h->country : "country not recorded", cap, vot,
	         h->controlling ? ", controlling" : "", h->as_of[0] ? ", as of " : "", h->as_of,
	         h->entity ? ", registry entity " : "", h->entity ? h->entity->id : "");
	return buf;
}

const char *
sc_entity_lei(const sc_entity *e)
{
	return e && e->lei[0] ? e->lei : NULL;
}

/* Adds e to the set seen[0..*n) (room for cap); false when e is NULL,
 * already there or the set is full. */
static bool
seen_add(const sc_entity **seen, size_t *n, size_t cap, const sc_entity *e)
{
	if (e == NULL || *n == cap)
		return false;
	for (size_t q = 0; q < *n; q++)
		if (seen[q] == e)
			return false;
	seen[(*n)++] = e;
	return true;
}

/* Every CA owner and operator of the CA index, and whether who ultimately
 * controls it is settled: a parent chain (at the registry's date) ending
 * in an entity whose holding is recorded (sc_entity_held_recorded()). */
size_t
sc_registry_ca_control(const sc_registry *reg, const sc_entity **unsettled, size_t max,
                       size_t *ret_unsettled)
{
	size_t owners = 0, nu = 0;
	const sc_entity **seen = reg->n ? calloc(reg->n, sizeof(*seen)) : NULL;
	size_t nseen = 0;
	for (size_t i = 0; seen && i < reg->n_cas; i++) {
		const sc_entity *w[2] = {reg->cas[i].owner, reg->cas[i].op};
		for (int k = 0; k < 2; k++) {
			const sc_entity *e = w[k];
			if (!seen_add(seen, &nseen, reg->n, e))
				continue;
			owners++;
			const sc_entity *u = sc_entity_ultimate(e);
			if (!sc_entity_held_recorded(u)) {
				if (nu < max && unsettled)
					unsettled[nu] = e;
				nu++;
			}
		}
	}
	free(seen);
	if (ret_unsettled)
		*ret_unsettled = nu;
	return owners;
}

/* The parties at the tops of all parent chains (each entity's ultimate
 * controller, at the registry's date), and those whose holding is not
 * recorded: their own controllers only for want of anything known above
 * them. */
size_t
sc_registry_tops_control(const sc_registry *reg, const sc_entity **bare, size_t max,
                         size_t *ret_bare)
{
	size_t ntops = 0, nb = 0;
	const sc_entity **seen = reg->n ? calloc(reg->n, sizeof(*seen)) : NULL;
	for (size_t i = 0; seen && i < reg->n; i++) {
		const sc_entity *u = sc_entity_ultimate(reg->ents[i]);
		if (!seen_add(seen, &ntops, reg->n, u) || sc_entity_held_recorded(u))
			continue;
		if (nb < max && bare)
			bare[nb] = u;
		nb++;
	}
	free(seen);
	if (ret_bare)
		*ret_bare = nb;
	return ntops;
}
size_t
sc_entity_provider_count(const sc_entity *e)
{
	return e ? e->n_providers : 0;
}

const sc_entity *
sc_entity_provider(const sc_entity *e, size_t i, sc_provider_role *ret_role)
{
	if (e == NULL || i >= e->n_providers)
		return NULL;
	if (ret_role)
		*ret_role = e->providers[i].role;
	return e->providers[i].e;
}

const char *
sc_provider_role_to_string(sc_provider_role r)
{
	switch (r) {
	case SC_PROVIDER_HOSTING:
	case SC_PROVIDER_CDN:
	case SC_PROVIDER_DNS:
	case SC_PROVIDER_MAIL:
	case SC_PROVIDER_EMAIL_SENDING:
	case SC_PROVIDER_STORAGE:
		return registry_provider_role_names[r];
	}
	return "?";
}

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

const char *
sc_entity_source_of(const sc_entity *e, const char *fact)
{
	for (int f = 0; e && fact && f < FACT_COUNT_; f++) {
		if (strcmp(registry_fact_names[f], fact) != 0)
			continue;
		for (size_t i = 0; i < e->n_src; i++)
			if (e->src[i].covers & (1u << f))
				return e->src[i].url;
	}
	return NULL;
}

char *
sc_entity_source_covers(const sc_entity *e, size_t i, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	buf[0] = '\0';
	if (e == NULL || i >= e->n_src)
		return buf;
	size_t at = 0;
	for (int f = 0; f < FACT_COUNT_; f++) {
		if (!(e->src[i].covers & (1u << f)))
			continue;
		int k = snprintf(buf + at, n - at, "%s%s", at ? ", " : "", registry_fact_names[f]);
		if (k < 0 || (size_t)k >= n - at)
			break;
		at += (size_t)k;
	}
	return buf;
}

const char *
sc_entity_note(const sc_entity *e)
{
	return e ? e->note : NULL;
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
	return e ? e->ultimate : NULL;
}

static const sc_entity *
entity_ultimate(const sc_entity *e)
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
