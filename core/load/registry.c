/*
 * registry.c — the entity registry: organisations, their parents, and what
 * reveals them in network evidence (ASNs, DNS suffixes by kind, certificate
 * issuer organisation names, root certificate fingerprints).
 *
 * The registry is read from YAML files (schema in geodb/registry/README.md).
 * Loading checks each file's schema and refuses duplicate ids; the
 * cross-entity checks (parents exist, no cycles, nothing claimed twice,
 * every fact sourced) are sc_registry_lint(), which the tool runs after
 * loading and the test suite runs over the shipped files.
 *
 * Lookups go through sorted indexes rebuilt after every load, so that a
 * lookup is a binary search (a suffix lookup is one binary search per label
 * of the name). When two entities claim the same key the one with the
 * smaller id answers, deterministically — and lint reports the conflict.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "sc-limits.h"
#include "sc-yaml.h"
#include "util.h"

/* Which facts a source supports (the "covers" list of a source). */
enum fact {
	FACT_NAME = 0,
	FACT_ALIASES,
	FACT_COUNTRY,
	FACT_PARENT,
	FACT_ASNS,
	FACT_SUFFIXES,
	FACT_ISSUERS,
	FACT_ROOTS,
	FACT_ANYCAST,
	FACT_COUNT_
};

/* One string table for the fact names (STYLE §11); index = enum fact. */
static const char *const fact_names[] = {
	"name", "aliases", "country", "parent", "asns", "suffixes", "issuers",
	"root_fingerprints", "anycast", NULL,
};

static const char *const suffix_kind_names[] = {"cname", "ns", "mx", NULL};

/* A list value with the position it was written at (for diagnostics). */
struct val {
	char *s;          /* string value, normalised (NULL for an ASN) */
	uint32_t asn;
	unsigned line, col;
};

struct vlist {
	struct val *v;
	size_t n;
};

struct source {
	char *url;
	char *fact;
	char reviewed[11];
	unsigned covers;   /* bit (1u << enum fact) */
	unsigned line, col;
};

struct sc_entity {
	char *id;
	char *name;
	struct vlist aliases;
	char country[3];
	char *parent_id;
	unsigned parent_line, parent_col;
	const sc_entity *parent;   /* resolved by index_build(); NULL if absent */
	struct vlist asns;
	struct vlist sfx[SC_SUFFIX_MX + 1];
	struct vlist issuers;
	struct vlist fps;
	bool anycast, has_anycast;
	struct source *src;
	size_t n_src;
	char *file;
	unsigned line, col;
};

struct skey {
	const char *key;   /* borrowed from the entity */
	uint32_t asn;
	const sc_entity *e;
	const struct val *at;
};

struct sc_registry {
	sc_entity **ents;   /* sorted by id */
	size_t n;
	struct skey *ix_asn, *ix_sfx[SC_SUFFIX_MX + 1], *ix_iss, *ix_fp;
	size_t n_asn, n_sfx[SC_SUFFIX_MX + 1], n_iss, n_fp;
};

/* ------------------------------------------------------------ freeing */

static void
vlist_free(struct vlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].s);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void
entity_free(sc_entity *e)
{
	if (e == NULL)
		return;
	free(e->id);
	free(e->name);
	vlist_free(&e->aliases);
	free(e->parent_id);
	vlist_free(&e->asns);
	for (int k = 0; k <= SC_SUFFIX_MX; k++)
		vlist_free(&e->sfx[k]);
	vlist_free(&e->issuers);
	vlist_free(&e->fps);
	for (size_t i = 0; i < e->n_src; i++) {
		free(e->src[i].url);
		free(e->src[i].fact);
	}
	free(e->src);
	free(e->file);
	free(e);
}

static void
index_free(sc_registry *reg)
{
	free(reg->ix_asn);
	for (int k = 0; k <= SC_SUFFIX_MX; k++) {
		free(reg->ix_sfx[k]);
		reg->ix_sfx[k] = NULL;
		reg->n_sfx[k] = 0;
	}
	free(reg->ix_iss);
	free(reg->ix_fp);
	reg->ix_asn = reg->ix_iss = reg->ix_fp = NULL;
	reg->n_asn = reg->n_iss = reg->n_fp = 0;
}

void
sc_registry_free(sc_registry *reg)
{
	if (reg == NULL)
		return;
	for (size_t i = 0; i < reg->n; i++)
		entity_free(reg->ents[i]);
	free(reg->ents);
	index_free(reg);
	free(reg);
}

/* ------------------------------------------------------- normalisation */

/* Case-fold ASCII in place. */
static void
lower_ascii(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/*
 * Issuer organisation names are compared case-insensitively with runs of
 * white space collapsed and the ends trimmed: certificates spell the same
 * O= value with stray spaces ("DigiCert  Inc") more often than with
 * different letters. Returns a new string or NULL on allocation failure.
 */
static char *
issuer_norm(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	bool space = false;
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = o > 0;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = false;
		char c = *p;
		out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	out[o] = '\0';
	return out;
}

/* A SHA-256 fingerprint as 64 upper-case hex digits; ':' and spaces are
 * accepted as separators. Returns false if it is not one. */
static bool
fp_norm(const char *s, char out[65])
{
	size_t o = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ':' || *p == ' ')
			continue;
		if (!isxdigit((unsigned char)*p) || o >= 64)
			return false;
		out[o++] = (char)toupper((unsigned char)*p);
	}
	out[o] = '\0';
	return o == 64;
}

/*
 * Validate a DNS suffix: LDH labels of 1-63 octets (RFC 1035 §2.3.1, with
 * '_' allowed for service labels), at most SC_MAX_NAME_LEN octets, at least
 * two labels (a bare TLD would claim a whole registry), lower case, no
 * leading or trailing dot. Returns NULL if valid, else the reason.
 */
static const char *
suffix_problem(const char *s)
{
	size_t n = strlen(s), label = 0, labels = 1;
	if (n == 0)
		return "is empty";
	if (n > SC_MAX_NAME_LEN)
		return "is longer than 253 octets";
	if (s[0] == '.' || s[n - 1] == '.')
		return "must not start or end with a dot";
	for (const char *p = s; *p; p++) {
		if (*p == '.') {
			if (label == 0)
				return "has an empty label";
			label = 0;
			labels++;
			continue;
		}
		if (*p >= 'A' && *p <= 'Z')
			return "must be lower case";
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '_'))
			return "has a character that is not a letter, digit, '-' or '_'";
		if (++label > 63)
			return "has a label longer than 63 octets";
	}
	if (labels < 2)
		return "must have at least two labels (a bare top-level domain is too broad)";
	return NULL;
}

/* ASNs that can never identify an operator (RFC 6996, RFC 5398, RFC 7300,
 * RFC 6793 AS_TRANS). */
static bool
asn_reserved(uint32_t a)
{
	return a == 0 || a == 23456 || (a >= 64496 && a <= 65535) ||
	       (a >= 65536 && a <= 131071) || a >= 4200000000u;
}

static bool
id_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return false;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return s[n - 1] != '-';
}

/* ------------------------------------------------------------- parsing */

static const char *const file_keys[] = {"sovcheck-registry", "entities", NULL};
static const char *const entity_keys[] = {
	"id", "name", "aliases", "country", "parent", "asns", "suffixes", "issuers",
	"root_fingerprints", "anycast", "sources", "note", NULL,
};
static const char *const source_keys[] = {"url", "fact", "covers", "reviewed", NULL};

/* Append to a vlist; returns false on allocation failure. */
static bool
vlist_push(struct vlist *l, char *s, uint32_t asn, const ynode *at)
{
	if (l->n >= SIZE_MAX / sizeof(*l->v) - 1)
		return false;
	struct val *nv = realloc(l->v, (l->n + 1) * sizeof(*nv));
	if (nv == NULL)
		return false;
	l->v = nv;
	l->v[l->n].s = s;
	l->v[l->n].asn = asn;
	l->v[l->n].line = at ? at->line : 0;
	l->v[l->n].col = at ? at->col : 0;
	l->n++;
	return true;
}

/* Kinds of list item a registry list holds. */
enum item_kind { ITEM_TEXT, ITEM_ASN, ITEM_SUFFIX, ITEM_ISSUER, ITEM_FP };

/*
 * Read a list of scalars into l, checking each item. Duplicates within the
 * list are errors (they are always a slip). Returns false on out of memory.
 */
static bool
read_list(yctx *c, const ynode *seq, const char *what, enum item_kind kind,
          struct vlist *l)
{
	if (seq == NULL || !yexpect_seq(c, seq, what))
		return true;
	if (seq->n > SC_MAX_LIST_ITEMS) {
		yerr(c, seq, "limit", "%s has %zu items, more than the limit of %u", what,
		     seq->n, SC_MAX_LIST_ITEMS);
		return true;
	}
	for (size_t i = 0; i < seq->n; i++) {
		const ynode *it = seq->kids[i];
		char *s = NULL;
		uint32_t asn = 0;
		if (kind == ITEM_ASN) {
			long v = 0;
			/* "AS16509" is accepted as well as 16509. */
			if (it->kind == YN_SCALAR && (strncmp(it->str, "AS", 2) == 0 ||
			                              strncmp(it->str, "as", 2) == 0)) {
				char *end = NULL;
				unsigned long long u = strtoull(it->str + 2, &end, 10);
				if (it->str[2] < '0' || it->str[2] > '9' || *end != '\0' ||
				    u > 4294967295ull) {
					yerr(c, it, "asn", "%s: '%s' is not an AS number", what, it->str);
					continue;
				}
				v = (long)u;
			} else if (!yget_int(c, it, what, 1, 4294967295L, &v)) {
				continue;
			}
			asn = (uint32_t)v;
			if (asn_reserved(asn)) {
				yerr(c, it, "asn-reserved", "%s: AS%u is reserved (private, "
				     "documentation or AS_TRANS) and identifies no operator", what, asn);
				continue;
			}
			for (size_t j = 0; j < l->n; j++)
				if (l->v[j].asn == asn)
					yerr(c, it, "duplicate-item", "%s: AS%u is listed twice "
					     "(first at line %u)", what, asn, l->v[j].line);
		} else {
			const char *str;
			if (!yget_str(c, it, what, &str))
				continue;
			char fp[65];
			if (kind == ITEM_SUFFIX) {
				const char *why = suffix_problem(str);
				if (why) {
					yerr(c, it, "suffix", "%s: '%s' %s", what, str, why);
					continue;
				}
				s = strdup(str);
			} else if (kind == ITEM_ISSUER) {
				s = issuer_norm(str);
				if (s != NULL && s[0] == '\0') {
					yerr(c, it, "empty", "%s must not be blank", what);
					free(s);
					continue;
				}
			} else if (kind == ITEM_FP) {
				if (!fp_norm(str, fp)) {
					yerr(c, it, "fingerprint", "%s: '%s' is not a SHA-256 "
					     "fingerprint (64 hexadecimal digits)", what, str);
					continue;
				}
				s = strdup(fp);
			} else {
				s = strdup(str);
			}
			if (s == NULL)
				return false;
			bool dup = false;
			for (size_t j = 0; j < l->n && !dup; j++) {
				if (strcmp(l->v[j].s, s) == 0) {
					yerr(c, it, "duplicate-item", "%s: '%s' is listed twice "
					     "(first at line %u)", what, str, l->v[j].line);
					dup = true;
				}
			}
			if (dup) {
				free(s);
				continue;
			}
		}
		if (!vlist_push(l, s, asn, it)) {
			free(s);
			return false;
		}
	}
	return true;
}

/* Read one entity mapping. *ret is NULL when the entity had errors. */
static sc_status
read_entity(yctx *c, const ynode *m, sc_entity **ret)
{
	*ret = NULL;
	if (!yexpect_map(c, m, "entity"))
		return SC_OK;
	bool before = c->failed;
	c->failed = false;
	ymap_check_keys(c, m, entity_keys, "entity");

	sc_entity *e = calloc(1, sizeof(*e));
	if (e == NULL)
		return SC_ERR_NOMEM;
	e->line = m->line;
	e->col = m->col;
	if ((e->file = strdup(c->file)) == NULL)
		goto oom;

	const char *s;
	const ynode *n = yrequire(c, m, "id", "entity");
	if (n && yget_str(c, n, "id", &s)) {
		if (!id_valid(s))
			yerr(c, n, "id", "id '%s' must be a slug: lower-case letters, digits "
			     "and '-', at most 64 characters", s);
		else if ((e->id = strdup(s)) == NULL)
			goto oom;
	}
	const char *what = e->id ? e->id : "entity";
	n = yrequire(c, m, "name", what);
	if (n && yget_str(c, n, "name", &s) && (e->name = strdup(s)) == NULL)
		goto oom;
	n = yrequire(c, m, "country", what);
	if (n)
		yget_country(c, n, "country", e->country);
	if ((n = ymap_get(m, "parent")) != NULL && yget_str(c, n, "parent", &s)) {
		if (!id_valid(s))
			yerr(c, n, "id", "parent '%s' must be an entity id (a slug)", s);
		else if ((e->parent_id = strdup(s)) == NULL)
			goto oom;
		e->parent_line = n->line;
		e->parent_col = n->col;
	}
	if (!read_list(c, ymap_get(m, "aliases"), "aliases", ITEM_TEXT, &e->aliases) ||
	    !read_list(c, ymap_get(m, "asns"), "asns", ITEM_ASN, &e->asns) ||
	    !read_list(c, ymap_get(m, "issuers"), "issuers", ITEM_ISSUER, &e->issuers) ||
	    !read_list(c, ymap_get(m, "root_fingerprints"), "root_fingerprints", ITEM_FP,
	               &e->fps))
		goto oom;
	if ((n = ymap_get(m, "suffixes")) != NULL && yexpect_map(c, n, "suffixes")) {
		ymap_check_keys(c, n, suffix_kind_names, "suffixes");
		for (int k = 0; k <= SC_SUFFIX_MX; k++) {
			char w[32];
			snprintf(w, sizeof(w), "suffixes.%s", suffix_kind_names[k]);
			if (!read_list(c, ymap_get(n, suffix_kind_names[k]), w, ITEM_SUFFIX,
			               &e->sfx[k]))
				goto oom;
		}
	}
	if ((n = ymap_get(m, "anycast")) != NULL && yget_bool(c, n, "anycast", &e->anycast))
		e->has_anycast = true;
	if ((n = ymap_get(m, "note")) != NULL)
		yget_str(c, n, "note", &s);

	n = yrequire(c, m, "sources", what);
	if (n && yexpect_seq(c, n, "sources")) {
		if (n->n == 0)
			yerr(c, n, "unsourced", "%s: sources must list at least one source", what);
		if (n->n > SC_MAX_LIST_ITEMS) {
			yerr(c, n, "limit", "too many sources");
		} else if (n->n > 0) {
			e->src = calloc(n->n, sizeof(*e->src));
			if (e->src == NULL)
				goto oom;
		}
		for (size_t i = 0; e->src && i < n->n; i++) {
			const ynode *sm = n->kids[i];
			if (!yexpect_map(c, sm, "source"))
				continue;
			ymap_check_keys(c, sm, source_keys, "source");
			struct source *src = &e->src[e->n_src++];
			src->line = sm->line;
			src->col = sm->col;
			const ynode *u = yrequire(c, sm, "url", "source");
			if (u && yget_str(c, u, "url", &s)) {
				if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
					yerr(c, u, "url", "source url '%s' must be an http(s) URL", s);
				else if ((src->url = strdup(s)) == NULL)
					goto oom;
			}
			const ynode *f = yrequire(c, sm, "fact", "source");
			if (f && yget_str(c, f, "fact", &s) && (src->fact = strdup(s)) == NULL)
				goto oom;
			const ynode *r = yrequire(c, sm, "reviewed", "source");
			if (r)
				yget_date(c, r, "reviewed", src->reviewed);
			const ynode *cv = yrequire(c, sm, "covers", "source");
			if (cv && yexpect_seq(c, cv, "covers")) {
				for (size_t j = 0; j < cv->n; j++) {
					int idx;
					if (yget_enum(c, cv->kids[j], "covers", fact_names, &idx))
						src->covers |= 1u << idx;
				}
			}
		}
	}

	if (c->failed) {
		entity_free(e);
		c->failed = true;
		return SC_OK;
	}
	c->failed = before;
	*ret = e;
	return SC_OK;
oom:
	entity_free(e);
	return SC_ERR_NOMEM;
}

/* A batch of entities read from one or more files, before merging. */
struct batch {
	sc_entity **e;
	size_t n;
};

static void
batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		entity_free(b->e[i]);
	free(b->e);
	b->e = NULL;
	b->n = 0;
}

/* Parse one file into the batch. Duplicate ids within the batch are errors. */
static sc_status
read_file(const char *path, sc_diags *diags, struct batch *b, size_t *ret_errors)
{
	ydoc *doc = NULL;
	sc_status st = ydoc_load(path, diags, &doc);
	if (st != SC_OK) {
		(*ret_errors)++;
		return st == SC_ERR_NOMEM ? st : SC_OK;
	}
	yctx c = {.file = path, .diags = diags, .failed = false};
	const ynode *root = doc->root;
	if (root == NULL) {
		yerr(&c, NULL, "empty", "the registry file is empty");
		goto out;
	}
	if (!yexpect_map(&c, root, "registry file"))
		goto out;
	ymap_check_keys(&c, root, file_keys, "registry file");
	const ynode *v = yrequire(&c, root, "sovcheck-registry", "registry file");
	long ver = 0;
	if (v && yget_int(&c, v, "sovcheck-registry", 1, 1000, &ver) && ver != 1)
		yerr(&c, v, "version", "registry schema version %ld is not supported "
		     "(this sovcheck reads version 1)", ver);
	const ynode *ents = yrequire(&c, root, "entities", "registry file");
	if (ents == NULL || !yexpect_seq(&c, ents, "entities"))
		goto out;
	for (size_t i = 0; i < ents->n; i++) {
		sc_entity *e = NULL;
		if ((st = read_entity(&c, ents->kids[i], &e)) != SC_OK)
			goto out;
		if (e == NULL)
			continue;
		bool dup = false;
		for (size_t j = 0; j < b->n && !dup; j++) {
			if (strcmp(b->e[j]->id, e->id) == 0) {
				yerr(&c, ents->kids[i], "duplicate-id", "entity id '%s' is "
				     "defined twice (first at %s:%u:%u)", e->id, b->e[j]->file,
				     b->e[j]->line, b->e[j]->col);
				dup = true;
			}
		}
		if (dup) {
			entity_free(e);
			continue;
		}
		if (b->n >= SC_MAX_REGISTRY_ENTITIES) {
			yerr(&c, ents->kids[i], "limit", "more than %u entities",
			     SC_MAX_REGISTRY_ENTITIES);
			entity_free(e);
			break;
		}
		sc_entity **ne = realloc(b->e, (b->n + 1) * sizeof(*ne));
		if (ne == NULL) {
			entity_free(e);
			st = SC_ERR_NOMEM;
			goto out;
		}
		b->e = ne;
		b->e[b->n++] = e;
	}
out:
	if (c.failed)
		(*ret_errors)++;
	ydoc_free(doc);
	return st;
}

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

static const sc_entity *
find_id(const sc_registry *reg, const char *id)
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
	index_free(reg);
	qsort(reg->ents, reg->n, sizeof(*reg->ents), ent_cmp);
	for (size_t i = 0; i < reg->n; i++)
		reg->ents[i]->parent =
			reg->ents[i]->parent_id ? find_id(reg, reg->ents[i]->parent_id) : NULL;
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
static const struct skey *
ix_find(const struct skey *ix, size_t n, const char *key)
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
static sc_status
merge(sc_registry *reg, struct batch *b)
{
	size_t add = 0;
	for (size_t i = 0; i < b->n; i++)
		if (find_id(reg, b->e[i]->id) == NULL)
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
				entity_free(reg->ents[mid]);
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

/* ---------------------------------------------------------------- load */

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
has_yaml_ext(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	                          (n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

sc_status
sc_registry_load_dir(const char *dir, sc_diags *diags, sc_registry **ret)
{
	sc_status st = SC_OK;
	char **names = NULL;
	size_t n = 0, errors = 0;
	struct batch b = {0};
	sc_registry *reg = NULL;
	DIR *d = opendir(dir);
	if (d == NULL) {
		sc_diags_add(diags, SC_SEV_ERROR, dir, 0, 0, "io",
		             "cannot open the registry directory");
		return SC_ERR_IO;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (!has_yaml_ext(de->d_name))
			continue;
		if (n >= SC_MAX_REGISTRY_FILES) {
			sc_diags_add(diags, SC_SEV_ERROR, dir, 0, 0, "limit",
			             "more than %u registry files", SC_MAX_REGISTRY_FILES);
			st = SC_ERR_LIMIT;
			goto out;
		}
		char **nn = realloc(names, (n + 1) * sizeof(*nn));
		if (nn == NULL) {
			st = SC_ERR_NOMEM;
			goto out;
		}
		names = nn;
		strbuf sb;
		sb_init(&sb);
		sb_printf(&sb, "%s/%s", dir, de->d_name);
		if (sb.oom) {
			sb_free(&sb);
			st = SC_ERR_NOMEM;
			goto out;
		}
		names[n++] = sb.s;
	}
	if (n == 0) {
		sc_diags_add(diags, SC_SEV_ERROR, dir, 0, 0, "empty",
		             "the registry directory holds no .yaml file");
		st = SC_ERR_INVALID;
		goto out;
	}
	if (names)
		qsort(names, n, sizeof(*names), str_cmp);
	for (size_t i = 0; i < n; i++)
		if ((st = read_file(names[i], diags, &b, &errors)) != SC_OK)
			goto out;
	if (errors > 0) {
		st = SC_ERR_INVALID;
		goto out;
	}
	if ((reg = calloc(1, sizeof(*reg))) == NULL) {
		st = SC_ERR_NOMEM;
		goto out;
	}
	if ((st = merge(reg, &b)) != SC_OK)
		goto out;
	*ret = reg;
	reg = NULL;
out:
	if (d)
		closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	batch_free(&b);
	sc_registry_free(reg);
	return st;
}

sc_status
sc_registry_add_file(sc_registry *reg, const char *path, sc_diags *diags)
{
	struct batch b = {0};
	size_t errors = 0;
	sc_status st = read_file(path, diags, &b, &errors);
	if (st == SC_OK && errors > 0)
		st = SC_ERR_INVALID;
	if (st == SC_OK)
		st = merge(reg, &b);
	batch_free(&b);
	return st;
}

/* ------------------------------------------------------------- lookups */

const sc_entity *
sc_registry_find(const sc_registry *reg, const char *id_or_name)
{
	if (reg == NULL || id_or_name == NULL)
		return NULL;
	const sc_entity *e = find_id(reg, id_or_name);
	if (e)
		return e;
	/* Names and aliases: a linear scan, this is not a hot path. */
	char *want = issuer_norm(id_or_name);
	if (want == NULL)
		return NULL;
	for (size_t i = 0; i < reg->n && e == NULL; i++) {
		char *nm = issuer_norm(reg->ents[i]->name);
		if (nm && strcmp(nm, want) == 0)
			e = reg->ents[i];
		free(nm);
		for (size_t j = 0; e == NULL && j < reg->ents[i]->aliases.n; j++) {
			char *al = issuer_norm(reg->ents[i]->aliases.v[j].s);
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
	lower_ascii(buf);
	for (char *p = buf; p != NULL && *p; ) {
		const struct skey *k = ix_find(reg->ix_sfx[kind], reg->n_sfx[kind], p);
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
	char *k = issuer_norm(issuer_org);
	if (k == NULL)
		return NULL;
	const struct skey *hit = ix_find(reg->ix_iss, reg->n_iss, k);
	free(k);
	return hit ? hit->e : NULL;
}

const sc_entity *
sc_registry_by_fingerprint(const sc_registry *reg, const char *sha256_hex)
{
	char fp[65];
	if (reg == NULL || sha256_hex == NULL || !fp_norm(sha256_hex, fp))
		return NULL;
	const struct skey *hit = ix_find(reg->ix_fp, reg->n_fp, fp);
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

/* ---------------------------------------------------------------- lint */

static void
lint_dups(const struct skey *ix, size_t n, const char *what,
          bool is_asn, sc_diags *diags)
{
	for (size_t i = 1; i < n; i++) {
		bool same = is_asn ? ix[i].asn == ix[i - 1].asn
		                   : strcmp(ix[i].key, ix[i - 1].key) == 0;
		if (!same || ix[i].e == ix[i - 1].e)
			continue;
		/* Report every later claimant against the first one. */
		size_t f = i - 1;
		while (f > 0 && (is_asn ? ix[f - 1].asn == ix[i].asn
		                        : strcmp(ix[f - 1].key, ix[i].key) == 0))
			f--;
		if (is_asn)
			sc_diags_add(diags, SC_SEV_ERROR, ix[i].e->file, ix[i].at->line,
			             ix[i].at->col, "conflict",
			             "AS%u is claimed by '%s' and by '%s' (%s:%u:%u)", ix[i].asn,
			             ix[i].e->id, ix[f].e->id, ix[f].e->file, ix[f].at->line,
			             ix[f].at->col);
		else
			sc_diags_add(diags, SC_SEV_ERROR, ix[i].e->file, ix[i].at->line,
			             ix[i].at->col, "conflict",
			             "%s '%s' is claimed by '%s' and by '%s' (%s:%u:%u)", what,
			             ix[i].key, ix[i].e->id, ix[f].e->id, ix[f].e->file,
			             ix[f].at->line, ix[f].at->col);
	}
}

sc_status
sc_registry_lint(const sc_registry *reg, sc_diags *diags)
{
	if (reg == NULL || diags == NULL)
		return SC_ERR_USAGE;
	size_t before = sc_diags_errors(diags);
	for (size_t i = 0; i < reg->n; i++) {
		const sc_entity *e = reg->ents[i];
		if (e->parent_id && e->parent == NULL) {
			sc_diags_add(diags, SC_SEV_ERROR, e->file, e->parent_line, e->parent_col,
			             "parent", "'%s': parent '%s' is not an entity of the registry",
			             e->id, e->parent_id);
		} else if (e->parent_id && strcmp(e->parent_id, e->id) == 0) {
			sc_diags_add(diags, SC_SEV_ERROR, e->file, e->parent_line, e->parent_col,
			             "cycle", "'%s' is its own parent", e->id);
		} else if (e->parent_id) {
			bool cycle = false;
			const sc_entity *hops[SC_MAX_ENTITY_DEPTH + 1];
			size_t n = sc_entity_chain(e, hops, SC_MAX_ENTITY_DEPTH + 1, &cycle);
			if (cycle) {
				strbuf sb;
				sb_init(&sb);
				for (size_t h = 0; h < n; h++)
					sb_printf(&sb, "%s -> ", hops[h]->id);
				sb_puts(&sb, hops[n - 1]->parent ? hops[n - 1]->parent->id : "?");
				sc_diags_add(diags, SC_SEV_ERROR, e->file, e->parent_line,
				             e->parent_col, "cycle",
				             n >= SC_MAX_ENTITY_DEPTH
				             ? "'%s': the parent chain is a cycle or deeper than "
				               "the limit: %s"
				             : "'%s': the parent chain is a cycle: %s",
				             e->id, sb.s ? sb.s : "");
				sb_free(&sb);
			}
		}
		if (e->n_src == 0) {
			sc_diags_add(diags, SC_SEV_ERROR, e->file, e->line, e->col, "unsourced",
			             "'%s' has no source", e->id);
			continue;
		}
		/* Every fact the entity states is covered by a source. */
		unsigned covered = 0;
		for (size_t j = 0; j < e->n_src; j++)
			covered |= e->src[j].covers;
		bool has[FACT_COUNT_] = {
			[FACT_NAME] = true, [FACT_COUNTRY] = true,
			[FACT_ALIASES] = e->aliases.n > 0, [FACT_PARENT] = e->parent_id != NULL,
			[FACT_ASNS] = e->asns.n > 0,
			[FACT_SUFFIXES] = e->sfx[0].n + e->sfx[1].n + e->sfx[2].n > 0,
			[FACT_ISSUERS] = e->issuers.n > 0, [FACT_ROOTS] = e->fps.n > 0,
			[FACT_ANYCAST] = e->has_anycast,
		};
		for (int f = 0; f < FACT_COUNT_; f++) {
			/* Aliases are spellings, not claims: a source is welcome but
			 * not required. */
			if (f == FACT_ALIASES)
				continue;
			if (has[f] && !(covered & (1u << f)))
				sc_diags_add(diags, SC_SEV_ERROR, e->file, e->line, e->col,
				             "unsourced", "'%s': no source covers its %s", e->id,
				             fact_names[f]);
		}
	}
	lint_dups(reg->ix_asn, reg->n_asn, "ASN", true, diags);
	for (int k = 0; k <= SC_SUFFIX_MX; k++) {
		char w[32];
		snprintf(w, sizeof(w), "%s suffix", suffix_kind_names[k]);
		lint_dups(reg->ix_sfx[k], reg->n_sfx[k], w, false, diags);
	}
	lint_dups(reg->ix_iss, reg->n_iss, "issuer", false, diags);
	lint_dups(reg->ix_fp, reg->n_fp, "root fingerprint", false, diags);
	return sc_diags_errors(diags) > before ? SC_ERR_INVALID : SC_OK;
}

const char *
sc_suffix_kind_to_string(sc_suffix_kind k)
{
	switch (k) {
	case SC_SUFFIX_CNAME: return "cname";
	case SC_SUFFIX_NS: return "ns";
	case SC_SUFFIX_MX: return "mx";
	}
	return "cname";
}
