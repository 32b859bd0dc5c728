/*
 * risk.c — assess: the residual-risk register of SecNumCloud §5.3.d.
 *
 * Every non-EU nexus of the service becomes one entry: who (entity), which
 * country and how it is linked (nexus: control, location, staff), the laws
 * of that country that reach it through that nexus (laws catalogue), the
 * data it could reach, the mitigations declared for it, and the resulting
 * likelihood, severity and residual level. Every input is kept and shown.
 *
 * Scales (1-4). Likelihood: the highest of the applicable laws' own ratings
 * (policies/laws.yaml), lowered by the strength of likelihood mitigations;
 * 2 when no catalogued law is known for the country (to be assessed by
 * hand). Severity: customer data 4, technical data 3, metadata 2, lowered by
 * severity mitigations. Residual: likelihood x severity, 1-3 low, 4-6
 * medium, 8-12 high, 16 critical. Never below 1: a mitigation reduces a
 * risk, it does not remove it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "evidence.h"
#include "graph.h"
#include "manifest.h"
#include "policy.h"
#include "risk.h"
#include "util.h"

static void
risk_free(rk_risk *k)
{
	free(k->entity);
	free(k->basis);
	free(k->path);
	free(k->laws);
	free(k->likelihood_basis);
	free(k->severity_basis);
	for (size_t i = 0; i < k->nmitigations; i++)
		free(k->mitigations[i]);
	free(k->mitigations);
}

void
sc_risks_free(sc_risks *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++)
		risk_free(&rs->v[i]);
	free(rs->v);
	free(rs);
}

size_t
sc_risks_count(const sc_risks *rs)
{
	return rs ? rs->n : 0;
}

struct as {
	sc_risks *r;
	const sc_manifest *m;
	const sc_laws *laws;
	const pk_set *eu27, *eu;
	size_t cap;
	bool oom;
};

static bool
has_risk(const struct as *a, const char *entity, const char *cc, unsigned nexus)
{
	for (size_t i = 0; i < a->r->n; i++) {
		const rk_risk *k = &a->r->v[i];
		if (k->nexus == nexus && strcmp(k->country, cc) == 0 &&
		    strcasecmp(k->entity, entity) == 0)
			return true;
	}
	return false;
}

static const char *
residual_of(long score)
{
	return score >= 16 ? "critical" : score >= 8 ? "high" : score >= 4 ? "medium" : "low";
}

static long
severity_of(unsigned data, strbuf *why)
{
	if (data & (1u << MF_DATA_CUSTOMER)) {
		sb_puts(why, "customer data (4)");
		return 4;
	}
	if (data & (1u << MF_DATA_TECHNICAL)) {
		sb_puts(why, "technical data about customers (3)");
		return 3;
	}
	sb_puts(why, "metadata (2)");
	return 2;
}

/* Add one entry; names may repeat across nexuses, not within one. */
static void
add_risk(struct as *a, const char *entity, const char *cc, unsigned nexus, const char *basis,
         const char *path, unsigned data, const char *mitigation_name)
{
	sc_risks *r = a->r;
	if (has_risk(a, entity, cc, nexus))
		return;
	if (r->n == a->cap) {
		size_t nc = a->cap ? a->cap * 2 : 8;
		rk_risk *p = realloc(r->v, nc * sizeof(*p));
		if (p == NULL) {
			a->oom = true;
			return;
		}
		r->v = p;
		a->cap = nc;
	}
	rk_risk *k = &r->v[r->n];
	memset(k, 0, sizeof(*k));
	k->entity = strdup(entity);
	memcpy(k->country, cc, 3);
	k->nexus = nexus;
	k->basis = strdup(basis);
	k->path = strdup(path ? path : "");
	k->data = data;
	if (!k->entity || !k->basis || !k->path) {
		risk_free(k);
		a->oom = true;
		return;
	}
	r->n++;
	/* Laws of the country that reach the entity through this nexus. */
	long lik = 0;
	strbuf lb, sb;
	sb_init(&lb);
	sb_init(&sb);
	for (size_t i = 0; a->laws && i < a->laws->n; i++) {
		const lw_law *w = &a->laws->laws[i];
		if (strcmp(w->country, cc) != 0 || !(w->nexus & nexus))
			continue;
		const lw_law **p = realloc(k->laws, (k->nlaws + 1) * sizeof(*p));
		if (p == NULL) {
			a->oom = true;
			break;
		}
		k->laws = p;
		p[k->nlaws++] = w;
		if (w->likelihood > lik)
			lik = w->likelihood;
		sb_printf(&lb, "%s%s %ld", lb.len ? ", " : "", w->id, w->likelihood);
	}
	if (k->nlaws == 0) {
		lik = 2;
		sb_printf(&lb, "no law of %s in the catalogue: default 2, to assess by hand", cc);
	} else {
		sb_printf(&lb, ": highest %ld", lik);
	}
	long sev = severity_of(data, &sb);
	/* Mitigations declared for the entity (or the subcontractor naming it). */
	const sc_manifest *m = a->m;
	long lred = 0, sred = 0;
	for (size_t i = 0; m && i < m->nmitigations; i++) {
		const mf_mitigation *mi = &m->mitigations[i];
		bool applies = false;
		for (size_t j = 0; j < mi->applies_to.n && !applies; j++)
			applies = strcmp(mi->applies_to.v[j], "*") == 0 ||
			          strcasecmp(mi->applies_to.v[j], entity) == 0 ||
			          (mitigation_name && strcasecmp(mi->applies_to.v[j], mitigation_name) == 0);
		if (!applies || mi->id == NULL)
			continue;
		char **p = realloc(k->mitigations, (k->nmitigations + 1) * sizeof(*p));
		if (p == NULL || (p[k->nmitigations] = strdup(mi->id)) == NULL) {
			if (p)
				k->mitigations = p;
			a->oom = true;
			break;
		}
		k->mitigations = p;
		k->nmitigations++;
		if (mi->effect == MF_EFFECT_LIKELIHOOD) {
			lred += mi->strength;
			sb_printf(&lb, "; -%ld (%s)", mi->strength, mi->id);
		} else {
			sred += mi->strength;
			sb_printf(&sb, "; -%ld (%s)", mi->strength, mi->id);
		}
	}
	k->likelihood = lik - lred < 1 ? 1 : lik - lred;
	k->severity = sev - sred < 1 ? 1 : sev - sred;
	k->score = k->likelihood * k->severity;
	k->residual = residual_of(k->score);
	k->likelihood_basis = lb.s ? lb.s : strdup("");
	k->severity_basis = sb.s ? sb.s : strdup("");
	if (lb.oom || sb.oom || !k->likelihood_basis || !k->severity_basis)
		a->oom = true;
}

static bool
outside(const pk_set *set, const char *cc)
{
	return cc == NULL || *cc == '\0' || !pk_set_has(set, cc);
}

static void
assess_subs(struct as *a, const mf_sub *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const mf_sub *x = &s[i];
		if (x->name && x->data_access != MF_DATA_NONE) {
			const char *cc = NULL;
			char basis[512];
			if (x->parent_country[0] && outside(a->eu27, x->parent_country)) {
				cc = x->parent_country;
				snprintf(basis, sizeof(basis), "declared subcontractor controlled by %s (%s)",
				         x->parent ? x->parent : "its parent", cc);
			} else if (outside(a->eu27, x->country)) {
				cc = x->country;
				snprintf(basis, sizeof(basis), "declared subcontractor seated in %s", cc);
			}
			if (cc)
				add_risk(a, x->name, cc, LW_NEXUS_CONTROL, basis, x->service,
				         1u << x->data_access, x->name);
		}
		assess_subs(a, x->subs, x->nsubs);
	}
}

static int
risk_cmp(const void *p, const void *q)
{
	const rk_risk *x = p, *y = q;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	int c = strcmp(x->country, y->country);
	if (c)
		return c;
	if (x->nexus != y->nexus)
		return x->nexus < y->nexus ? -1 : 1;
	return strcasecmp(x->entity, y->entity);
}

sc_status
sc_assess(const sc_manifest *m, const sc_pack *pack, const sc_graph *g, const sc_laws *laws,
          sc_risks **ret, sc_err *err)
{
	sc_risks *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	struct as a = {r, m, laws, NULL, NULL, 0, false};
	if (pack) {
		a.eu27 = pk_find_set(pack, "EU27");
		a.eu = pk_find_set(pack, "EU");
	}
	if (a.eu27 == NULL || a.eu == NULL) {
		sc_risks_free(r);
		return util_err(err, SC_ERR_INVALID, NULL, 0, 0, "pack",
		                "the pack's country sets define no EU27 and EU sets");
	}
	r->laws = laws;
	/* 1. Observed operators controlled from outside the EU, on data paths. */
	for (size_t i = 0; g && i < g->nops; i++) {
		const gn_op *o = &g->ops[i];
		const sc_entity *u = o->ultimate;
		const char *cc = u ? sc_entity_country(u) : NULL;
		unsigned data = o->data & ~(1u << MF_DATA_NONE);
		if (o->cert_only || o->is_provider || data == 0 || !outside(a.eu27, cc) || cc == NULL)
			continue;
		char basis[512];
		if (u != o->entity)
			snprintf(basis, sizeof(basis), "observed operator controlled by %s (%s)",
			         sc_entity_name(u), cc);
		else
			snprintf(basis, sizeof(basis), "observed operator seated in %s", cc);
		add_risk(&a, sc_entity_name(o->entity), cc, LW_NEXUS_CONTROL, basis,
		         o->npaths ? o->paths[0] : "", data,
		         o->declared_by ? o->declared_by->name : NULL);
	}
	/* 2. Declared subcontractors (any level) not already seen operating. */
	if (m)
		assess_subs(&a, m->subs, m->nsubs);
	/* 3. Support staff outside the EU. */
	for (size_t i = 0; m && i < m->nsupport; i++) {
		const mf_support *s = &m->support[i];
		if (!outside(a.eu, s->country))
			continue;
		char who[128], basis[256];
		snprintf(who, sizeof(who), "support staff in %s", s->country);
		snprintf(basis, sizeof(basis), "support given from %s (§19.2.e)", s->country);
		add_risk(&a, who, s->country, LW_NEXUS_STAFF, basis,
		         s->supervision ? s->supervision : "", 1u << MF_DATA_METADATA, NULL);
	}
	/* 4. Addresses located outside the EU on data paths, per country. */
	for (size_t i = 0; g && i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		unsigned data = d->data & ~(1u << MF_DATA_NONE);
		if (strcmp(d->kind, "ip") != 0 || data == 0 || !d->location[0] || d->anycast ||
		    !outside(a.eu, d->location))
			continue;
		char who[300], basis[400];
		snprintf(who, sizeof(who), "%s (%s)", d->operator_name ? d->operator_name : "?",
		         d->subject);
		snprintf(basis, sizeof(basis), "address located in %s", d->location);
		add_risk(&a, who, d->location, LW_NEXUS_LOCATION, basis, d->path ? d->path : d->subject,
		         data, d->operator ? sc_entity_name(d->operator) : NULL);
	}
	if (a.oom) {
		sc_risks_free(r);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	if (r->n > 1)
		qsort(r->v, r->n, sizeof(*r->v), risk_cmp);
	for (size_t i = 0; i < r->n; i++)
		snprintf(r->v[i].id, sizeof(r->v[i].id), "R%zu", i + 1);
	*ret = r;
	return SC_OK;
}
