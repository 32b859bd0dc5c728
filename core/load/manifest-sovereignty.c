/*
 * manifest-sovereignty.c — the manifest's optional sovereignty section
 * (docs/manifest.md "Sovereignty"): certifications, the security
 * operations centre, the source code, the hardware, energy, and the
 * assessments of factors sovcheck cannot see. Validated like the rest of
 * the manifest (manifest.c): unknown keys, types, the closed vocabularies,
 * countries, dates and ranges, each at file:line:col; every problem is
 * reported, none stops the others.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "sc-limits.h"
#include "sc-yaml.h"

const char *const mf_scheme_names[] = {"secnumcloud", "c5", "eucs-high", "eucs-substantial",
	"eucs-basic", "iso-27001", "iso-27017", "iso-27018", "hds", "ens-high", "ens-medium",
	"soc2", "bsi-c3a", "other", NULL};
const char *const mf_source_names[] = {"open-source", "source-available", "escrow",
	"customer-access", "proprietary", NULL};
const char *const mf_hw_names[] = {"assembly", "firmware", "processors", NULL};
const char *const mf_log_access_names[] = {"customer", "authority", NULL};

static const char *const sov_keys[] = {"certifications", "soc", "source", "hardware",
	"energy", "assessments", NULL};
static const char *const cert_keys[] = {"scheme", "issuer", "valid_until", "scope",
	"evidence", NULL};
static const char *const soc_keys[] = {"countries", "operator", "operator_country",
	"log_access", NULL};
static const char *const source_keys[] = {"availability", "licence", NULL};
static const char *const energy_keys[] = {"pue", "renewable_share", "carbon_disclosure",
	"water_disclosure", "year", NULL};
static const char *const assessment_keys[] = {"factor", "met", "by", "date", "evidence", NULL};

/* The loader's state: the diagnostics context, and whether memory ran out. */
struct sl {
	yctx *c;
	bool oom;
};

static mf_pos
pos_of(const ynode *n)
{
	mf_pos p = {n ? n->line : 0, n ? n->col : 0};
	return p;
}

/* The string value of key in map (required or not) as a new string. */
static char *
get_str(struct sl *l, const ynode *map, const char *key, const char *what, bool required)
{
	const ynode *n = required ? yrequire(l->c, map, key, what) : ymap_get(map, key);
	const char *s;
	char w[160];
	if (n == NULL)
		return NULL;
	snprintf(w, sizeof(w), "%s.%s", what, key);
	if (!yget_str(l->c, n, w, &s))
		return NULL;
	char *d = strdup(s);
	if (d == NULL)
		l->oom = true;
	return d;
}

/* The length of list n, at most SC_MAX_LIST_ITEMS; 0 when it is not a
 * list or is too long (said so). */
static size_t
list_len(struct sl *l, const ynode *n, const char *what)
{
	if (!yexpect_seq(l->c, n, what))
		return 0;
	if (n->n > SC_MAX_LIST_ITEMS) {
		yerr(l->c, n, "limit", "%s has %zu entries, more than the limit of %u", what, n->n,
		     SC_MAX_LIST_ITEMS);
		return 0;
	}
	return n->n;
}

/* A zeroed array of the entries of list n, or NULL (empty, invalid, out of
 * memory); its length in *ret_n. */
static void *
list_alloc(struct sl *l, const ynode *n, const char *what, size_t size, size_t *ret_n)
{
	size_t k = list_len(l, n, what);
	void *p = k ? calloc(k, size) : NULL;
	if (k && p == NULL)
		l->oom = true;
	*ret_n = p ? k : 0;
	return p;
}

/* A non-empty list of countries under key of map. */
static void
get_countries(struct sl *l, const ynode *map, const char *key, const char *what,
              bool required, mf_countries *out)
{
	const ynode *n = required ? yrequire(l->c, map, key, what) : ymap_get(map, key);
	char w[96];
	if (n == NULL)
		return;
	snprintf(w, sizeof(w), "%s.%s", what, key);
	out->present = true;
	out->pos = pos_of(n);
	size_t k = list_len(l, n, w);
	if (k == 0) {
		if (n->kind == YN_SEQ)
			yerr(l->c, n, "empty", "%s: an empty list says nothing; name at least one country",
			     w);
		return;
	}
	if ((out->v = calloc(k, sizeof(*out->v))) == NULL) {
		l->oom = true;
		return;
	}
	for (size_t i = 0; i < k; i++) {
		char w2[128];
		snprintf(w2, sizeof(w2), "%s[%zu]", w, i);
		if (yget_country(l->c, n->kids[i], w2, out->v[out->n]))
			out->n++;
	}
}

static void
load_certifications(struct sl *l, const ynode *n, mf_sovereignty *s)
{
	s->has_certifications = true;
	if (n->kind == YN_SEQ && n->n == 0)
		return; /* [] declares that there is none */
	s->certs = list_alloc(l, n, "sovereignty.certifications", sizeof(*s->certs), &s->ncerts);
	for (size_t i = 0; i < s->ncerts; i++) {
		const ynode *e = n->kids[i], *v;
		mf_cert *ct = &s->certs[i];
		char w[64], w2[96];
		int en;
		snprintf(w, sizeof(w), "sovereignty.certifications[%zu]", i);
		ct->pos = pos_of(e);
		ct->scheme = MF_SCHEME_OTHER;
		if (!yexpect_map(l->c, e, w))
			continue;
		ymap_check_keys(l->c, e, cert_keys, "a certification");
		snprintf(w2, sizeof(w2), "%s.scheme", w);
		if ((v = yrequire(l->c, e, "scheme", w)) != NULL &&
		    yget_enum(l->c, v, w2, mf_scheme_names, &en))
			ct->scheme = (mf_scheme)en;
		ct->issuer = get_str(l, e, "issuer", w, true);
		snprintf(w2, sizeof(w2), "%s.valid_until", w);
		if ((v = yrequire(l->c, e, "valid_until", w)) != NULL)
			yget_date(l->c, v, w2, ct->valid_until);
		ct->scope = get_str(l, e, "scope", w, false);
		ct->evidence = get_str(l, e, "evidence", w, false);
	}
}

static void
load_soc(struct sl *l, const ynode *n, mf_sovereignty *s)
{
	if (!yexpect_map(l->c, n, "sovereignty.soc"))
		return;
	s->has_soc = true;
	s->pos_soc = pos_of(n);
	ymap_check_keys(l->c, n, soc_keys, "sovereignty.soc");
	get_countries(l, n, "countries", "sovereignty.soc", true, &s->soc_countries);
	s->soc_operator = get_str(l, n, "operator", "sovereignty.soc", true);
	const ynode *v = yrequire(l->c, n, "operator_country", "sovereignty.soc");
	if (v)
		yget_country(l->c, v, "sovereignty.soc.operator_country", s->soc_operator_country);
	/* log_access: [] says that nobody outside the operator oversees them. */
	if ((v = ymap_get(n, "log_access")) != NULL) {
		size_t k = list_len(l, v, "sovereignty.soc.log_access");
		for (size_t i = 0; i < k; i++) {
			char w[64];
			int en;
			snprintf(w, sizeof(w), "sovereignty.soc.log_access[%zu]", i);
			if (yget_enum(l->c, v->kids[i], w, mf_log_access_names, &en))
				s->soc_log_access |= 1u << (unsigned)en;
		}
	}
}

static void
load_source(struct sl *l, const ynode *n, mf_sovereignty *s)
{
	if (!yexpect_map(l->c, n, "sovereignty.source"))
		return;
	ymap_check_keys(l->c, n, source_keys, "sovereignty.source");
	const ynode *v = yrequire(l->c, n, "availability", "sovereignty.source");
	int en;
	if (v && yget_enum(l->c, v, "sovereignty.source.availability", mf_source_names, &en)) {
		s->has_source = true;
		s->source = (mf_source)en;
	}
	s->source_licence = get_str(l, n, "licence", "sovereignty.source", false);
}

static void
load_hardware(struct sl *l, const ynode *n, mf_sovereignty *s)
{
	if (!yexpect_map(l->c, n, "sovereignty.hardware"))
		return;
	s->has_hardware = true;
	ymap_check_keys(l->c, n, mf_hw_names, "sovereignty.hardware");
	bool any = false;
	for (unsigned i = 0; i < MF_HW_COUNT; i++) {
		get_countries(l, n, mf_hw_names[i], "sovereignty.hardware", false, &s->hw[i]);
		any |= s->hw[i].present;
	}
	if (!any)
		yerr(l->c, n, "empty", "sovereignty.hardware declares none of assembly, firmware, "
		     "processors");
}

static void
load_energy(struct sl *l, const ynode *n, mf_sovereignty *s)
{
	if (!yexpect_map(l->c, n, "sovereignty.energy"))
		return;
	s->has_energy = true;
	ymap_check_keys(l->c, n, energy_keys, "sovereignty.energy");
	const ynode *v;
	/* A PUE is total facility energy over IT energy (ISO/IEC 30134-2): 1.0
	 * at best; above 5 it is a typing error, not a data centre. */
	if ((v = ymap_get(n, "pue")) != NULL)
		s->has_pue = yget_number(l->c, v, "sovereignty.energy.pue", 1.0, 5.0, &s->pue);
	if ((v = ymap_get(n, "renewable_share")) != NULL)
		s->has_renewable = yget_number(l->c, v, "sovereignty.energy.renewable_share", 0, 100,
		                               &s->renewable);
	if ((v = ymap_get(n, "year")) != NULL)
		s->has_year = yget_int(l->c, v, "sovereignty.energy.year", 1990, 9999, &s->year);
	s->carbon_disclosure = get_str(l, n, "carbon_disclosure", "sovereignty.energy", false);
	s->water_disclosure = get_str(l, n, "water_disclosure", "sovereignty.energy", false);
	if (n->n == 0)
		yerr(l->c, n, "empty", "sovereignty.energy declares nothing");
}

static void
load_assessments(struct sl *l, const ynode *n, mf_sovereignty *s)
{
	s->assessments = list_alloc(l, n, "sovereignty.assessments", sizeof(*s->assessments),
	                            &s->nassessments);
	for (size_t i = 0; i < s->nassessments; i++) {
		const ynode *e = n->kids[i], *v;
		mf_assessment *a = &s->assessments[i];
		char w[64], w2[96];
		snprintf(w, sizeof(w), "sovereignty.assessments[%zu]", i);
		a->pos = pos_of(e);
		if (!yexpect_map(l->c, e, w))
			continue;
		ymap_check_keys(l->c, e, assessment_keys, "an assessment");
		a->factor = get_str(l, e, "factor", w, true);
		snprintf(w2, sizeof(w2), "%s.met", w);
		if ((v = yrequire(l->c, e, "met", w)) != NULL)
			yget_bool(l->c, v, w2, &a->met);
		a->by = get_str(l, e, "by", w, true);
		snprintf(w2, sizeof(w2), "%s.date", w);
		if ((v = yrequire(l->c, e, "date", w)) != NULL)
			yget_date(l->c, v, w2, a->date);
		a->evidence = get_str(l, e, "evidence", w, true);
		/* One judgement per factor: two would leave the choice to us. */
		for (size_t j = 0; j < i; j++)
			if (a->factor && s->assessments[j].factor &&
			    strcmp(a->factor, s->assessments[j].factor) == 0)
				yerr(l->c, ymap_get(e, "factor"), "duplicate-id",
				     "%s: factor '%s' is already assessed at line %u", w, a->factor,
				     s->assessments[j].pos.line);
	}
}

bool
mf_sovereignty_load(struct yctx *c, const struct ynode *n, mf_sovereignty *out)
{
	struct sl l = {c, false};
	if (n == NULL || !yexpect_map(c, n, "sovereignty"))
		return true;
	out->present = true;
	out->pos = pos_of(n);
	ymap_check_keys(c, n, sov_keys, "sovereignty");
	const ynode *v;
	if ((v = ymap_get(n, "certifications")) != NULL)
		load_certifications(&l, v, out);
	if ((v = ymap_get(n, "soc")) != NULL)
		load_soc(&l, v, out);
	if ((v = ymap_get(n, "source")) != NULL)
		load_source(&l, v, out);
	if ((v = ymap_get(n, "hardware")) != NULL)
		load_hardware(&l, v, out);
	if ((v = ymap_get(n, "energy")) != NULL)
		load_energy(&l, v, out);
	if ((v = ymap_get(n, "assessments")) != NULL)
		load_assessments(&l, v, out);
	return !l.oom;
}

void
mf_sovereignty_free(mf_sovereignty *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->ncerts; i++) {
		free(s->certs[i].issuer);
		free(s->certs[i].scope);
		free(s->certs[i].evidence);
	}
	free(s->certs);
	free(s->soc_countries.v);
	free(s->soc_operator);
	free(s->source_licence);
	for (unsigned i = 0; i < MF_HW_COUNT; i++)
		free(s->hw[i].v);
	free(s->carbon_disclosure);
	free(s->water_disclosure);
	for (size_t i = 0; i < s->nassessments; i++) {
		free(s->assessments[i].factor);
		free(s->assessments[i].by);
		free(s->assessments[i].evidence);
	}
	free(s->assessments);
	memset(s, 0, sizeof(*s));
}
