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
 * This file reads the files; registry-index.c holds the indexes and the
 * lookups, registry-lint.c the cross-entity checks.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "sc-limits.h"
#include "sc-yaml.h"
#include "util.h"

/* One string table for the fact names (STYLE §11); index = enum fact. */
const char *const registry_fact_names[] = {
	"name", "aliases", "country", "parent", "asns", "suffixes", "issuers",
	"root_fingerprints", "anycast", NULL,
};

const char *const registry_suffix_kind_names[] = {"cname", "ns", "mx", NULL};

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
				s = registry_issuer_norm(str);
				if (s != NULL && s[0] == '\0') {
					yerr(c, it, "empty", "%s must not be blank", what);
					free(s);
					continue;
				}
			} else if (kind == ITEM_FP) {
				if (!registry_fp_norm(str, fp)) {
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
		ymap_check_keys(c, n, registry_suffix_kind_names, "suffixes");
		for (int k = 0; k <= SC_SUFFIX_MX; k++) {
			char w[32];
			snprintf(w, sizeof(w), "suffixes.%s", registry_suffix_kind_names[k]);
			if (!read_list(c, ymap_get(n, registry_suffix_kind_names[k]), w, ITEM_SUFFIX,
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
					if (yget_enum(c, cv->kids[j], "covers", registry_fact_names, &idx))
						src->covers |= 1u << idx;
				}
			}
		}
	}

	if (c->failed) {
		registry_entity_free(e);
		c->failed = true;
		return SC_OK;
	}
	c->failed = before;
	*ret = e;
	return SC_OK;
oom:
	registry_entity_free(e);
	return SC_ERR_NOMEM;
}

static void
batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		registry_entity_free(b->e[i]);
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
			registry_entity_free(e);
			continue;
		}
		if (b->n >= SC_MAX_REGISTRY_ENTITIES) {
			yerr(&c, ents->kids[i], "limit", "more than %u entities",
			     SC_MAX_REGISTRY_ENTITIES);
			registry_entity_free(e);
			break;
		}
		sc_entity **ne = realloc(b->e, (b->n + 1) * sizeof(*ne));
		if (ne == NULL) {
			registry_entity_free(e);
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
	if ((st = registry_merge(reg, &b)) != SC_OK)
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
		st = registry_merge(reg, &b);
	batch_free(&b);
	return st;
}
