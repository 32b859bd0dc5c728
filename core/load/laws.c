/*
 * laws.c — load the laws catalogue (policies/laws.yaml): per law, its
 * country, citation, what links an entity to it (nexus), whether it
 * compels providers or is covert collection, what data it reaches, secrecy,
 * the EU's assessment and sources. Validated like every YAML input.
 */
#include <stdlib.h>
#include <string.h>

#include "laws.h"
#include "sc-yaml.h"
#include "util.h"

const char *const lw_nexus_names[] = {"control", "location", "staff", NULL};
const char *const lw_data_names[] = {"content", "metadata", "subscriber", "keys", NULL};

void
sc_laws_free(sc_laws *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		lw_law *w = &l->laws[i];
		free(w->id);
		free(w->name);
		free(w->citation);
		free(w->binds_en);
		free(w->binds_fr);
		free(w->eu_en);
		free(w->eu_fr);
		for (size_t j = 0; j < w->nsources; j++)
			free(w->sources[j]);
		free(w->sources);
	}
	free(l->laws);
	free(l->path);
	free(l);
}

size_t
sc_laws_count(const sc_laws *l)
{
	return l ? l->n : 0;
}

static const char *const top_keys[] = {"sovcheck-laws", "reviewed", "laws", NULL};
static const char *const law_keys[] = {"id", "country", "name", "citation", "year", "nexus",
	"access", "data", "secrecy", "likelihood", "binds", "eu_assessment", "sources",
	"verified", NULL};
static const char *const lang_keys[] = {"en", "fr", NULL};
static const char *const access_names[] = {"compulsion", "covert", NULL};

static char *
str_of(yctx *c, const ynode *map, const char *key, const char *what)
{
	const ynode *v = yrequire(c, map, key, what);
	const char *s;
	char w[160];
	snprintf(w, sizeof(w), "%s.%s", what, key);
	return v && yget_str(c, v, w, &s) ? strdup(s) : NULL;
}

static void
lang_pair(yctx *c, const ynode *map, const char *key, const char *what, char **en, char **fr)
{
	const ynode *v = yrequire(c, map, key, what);
	if (v == NULL || !yexpect_map(c, v, key))
		return;
	ymap_check_keys(c, v, lang_keys, key);
	*en = str_of(c, v, "en", key);
	*fr = str_of(c, v, "fr", key);
}

static unsigned
mask_of(yctx *c, const ynode *map, const char *key, const char *const *names)
{
	const ynode *v = yrequire(c, map, key, "a law");
	unsigned m = 0;
	if (v == NULL || !yexpect_seq(c, v, key))
		return 0;
	for (size_t i = 0; i < v->n; i++) {
		int e;
		if (yget_enum(c, v->kids[i], key, names, &e))
			m |= 1u << (unsigned)e;
	}
	if (m == 0)
		yerr(c, v, "empty", "%s must not be empty", key);
	return m;
}

sc_status
sc_laws_load(const char *path, sc_diags *diags, sc_laws **ret)
{
	ydoc *doc = NULL;
	sc_status st = ydoc_load(path, diags, &doc);
	if (st != SC_OK)
		return st;
	yctx c = {path, diags, doc->errors > 0};
	sc_laws *l = calloc(1, sizeof(*l));
	if (l != NULL)
		memcpy(l->sha256, doc->sha256, sizeof(l->sha256));
	const ynode *root = doc->root, *v, *laws;
	long ver;
	if (l == NULL || (l->path = strdup(path)) == NULL) {
		st = SC_ERR_NOMEM;
		goto out;
	}
	if (root == NULL || !yexpect_map(&c, root, "the laws catalogue")) {
		if (root == NULL)
			yerr(&c, NULL, "empty", "the laws catalogue is empty");
		goto out;
	}
	ymap_check_keys(&c, root, top_keys, "the laws catalogue");
	if ((v = yrequire(&c, root, "sovcheck-laws", "the laws catalogue")) &&
	    yget_int(&c, v, "sovcheck-laws", 1, 1, &ver)) {
	}
	if ((v = yrequire(&c, root, "reviewed", "the laws catalogue")))
		yget_date(&c, v, "reviewed", l->reviewed);
	laws = yrequire(&c, root, "laws", "the laws catalogue");
	if (laws == NULL || !yexpect_seq(&c, laws, "laws"))
		goto out;
	l->laws = calloc(laws->n ? laws->n : 1, sizeof(*l->laws));
	if (l->laws == NULL) {
		st = SC_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < laws->n; i++) {
		const ynode *e = laws->kids[i];
		char w[64];
		snprintf(w, sizeof(w), "laws[%zu]", i);
		if (!yexpect_map(&c, e, w))
			continue;
		ymap_check_keys(&c, e, law_keys, "a law");
		lw_law *x = &l->laws[l->n++];
		x->id = str_of(&c, e, "id", w);
		for (size_t j = 0; x->id && j + 1 < l->n; j++)
			if (l->laws[j].id && strcmp(l->laws[j].id, x->id) == 0)
				yerr(&c, ymap_get(e, "id"), "duplicate-id", "law '%s' is defined twice", x->id);
		if ((v = yrequire(&c, e, "country", w)))
			yget_country(&c, v, "country", x->country);
		x->name = str_of(&c, e, "name", w);
		x->citation = str_of(&c, e, "citation", w);
		if ((v = yrequire(&c, e, "year", w)))
			yget_int(&c, v, "year", 1789, 2100, &x->year);
		x->nexus = mask_of(&c, e, "nexus", lw_nexus_names);
		int a;
		if ((v = yrequire(&c, e, "access", w)) && yget_enum(&c, v, "access", access_names, &a))
			x->covert = a == 1;
		x->data = mask_of(&c, e, "data", lw_data_names);
		if ((v = yrequire(&c, e, "secrecy", w)))
			yget_bool(&c, v, "secrecy", &x->secrecy);
		if ((v = yrequire(&c, e, "likelihood", w)))
			yget_int(&c, v, "likelihood", 1, 4, &x->likelihood);
		lang_pair(&c, e, "binds", w, &x->binds_en, &x->binds_fr);
		lang_pair(&c, e, "eu_assessment", w, &x->eu_en, &x->eu_fr);
		if ((v = yrequire(&c, e, "verified", w)))
			yget_bool(&c, v, "verified", &x->verified);
		const ynode *src = yrequire(&c, e, "sources", w);
		if (src && yexpect_seq(&c, src, "sources")) {
			if (src->n == 0)
				yerr(&c, src, "unsourced", "law '%s' has no source", x->id ? x->id : w);
			x->sources = calloc(src->n ? src->n : 1, sizeof(char *));
			for (size_t j = 0; x->sources && j < src->n; j++) {
				const char *s;
				if (yget_str(&c, src->kids[j], "sources", &s))
					x->sources[x->nsources++] = strdup(s);
			}
		}
	}
out:
	if (st == SC_OK && c.failed)
		st = SC_ERR_INVALID;
	ydoc_free(doc);
	if (st != SC_OK) {
		sc_laws_free(l);
		return st;
	}
	*ret = l;
	return SC_OK;
}
