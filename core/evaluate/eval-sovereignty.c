/*
 * eval-sovereignty.c — the checks judged from the manifest's sovereignty
 * section and from the declared subcontractors, for the factors of scored
 * packs (policies/eu-csf-1.2.1.yaml): certifications in force, where the
 * security operations centre works, where the hardware comes from, how
 * the source code can be had, energy figures, customer-held keys over
 * every party that holds the data, who controls the software suppliers;
 * and the assessments that judge a factor nothing sovcheck reads decides.
 *
 * Fail closed, as everywhere: a section or a key that is not declared is
 * unknown, never pass.
 */
#include <stdlib.h>
#include <string.h>

#include "eval-internal.h"

/* ---------------------------------------------------------- helpers */

/* " (subcontractor of A → B)" as the value "lvl" of x, or nothing. */
static void
level_m(sc_msg *x, const char *path)
{
	if (*path) {
		sc_msg *y = msg_new("sub.level");
		msg_text(y, "path", path);
		msg_sub(x, "lvl", y);
	} else {
		msg_text(x, "lvl", "");
	}
}

typedef void (*sub_fn)(struct eval_ctx *e, const pk_check *c, const mf_sub *s,
                       const char *path, size_t *count);

/* Every declared subcontractor at any depth, with the path above it. */
static void
walk(struct eval_ctx *e, const pk_check *c, const mf_sub *s, size_t n, const char *path,
     sub_fn fn, size_t *count)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i].name == NULL)
			continue;
		fn(e, c, &s[i], path, count);
		char sub[1024];
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? " → " : "", s[i].name);
		walk(e, c, s[i].subs, s[i].nsubs, sub, fn, count);
	}
}

/* A decimal figure for a message ("1.4", "60"). */
static void
figure(sc_msg *x, const char *name, double v)
{
	char a[32];
	util_fmt_pct(a, sizeof(a), v);
	msg_pct(x, name, a);
}

/* ---------------------------------------------------- certifications */

/* A certification of one of the check's schemes in force at the
 * evaluation date (valid_until inclusive) passes; only expired ones, or
 * none of those schemes in a declared list, fail; no list is unknown. */
void
eval_check_certifications(struct eval_ctx *e, const pk_check *c)
{
	const mf_sovereignty *s = &e->m->sov;
	const char *subj = "sovereignty.certifications";
	if (!s->has_certifications) {
		sc_msg *x = msg_new("cert.undeclared");
		eval_msg_mask(x, "schemes", "scheme", c->schemes, mf_scheme_names, ',');
		eval_addm(e, subj, SC_UNKNOWN, RS_DECLARED, x);
		return;
	}
	sc_msg *valid = msg_new("cert.in_force"), *expired = msg_new("cert.expired");
	msg_items *lv = msg_list(valid, "certs", ';'), *le = msg_list(expired, "certs", ';');
	size_t nv = 0, ne = 0;
	for (size_t i = 0; i < s->ncerts; i++) {
		const mf_cert *ct = &s->certs[i];
		if (!(c->schemes & (1u << (unsigned)ct->scheme)))
			continue;
		bool ok = ct->valid_until[0] && eval_days_of(ct->valid_until) >= e->today;
		sc_msg *y = msg_new("cert.item");
		msg_word(y, "scheme", "scheme", mf_scheme_names[ct->scheme]);
		msg_text(y, "issuer", ct->issuer ? ct->issuer : "?");
		msg_date(y, "until", ct->valid_until[0] ? ct->valid_until : "?");
		msg_item_sub(ok ? valid : expired, ok ? lv : le, y);
		if (ok)
			nv++;
		else
			ne++;
	}
	if (nv) {
		msg_date(valid, "today", e->r->date);
		eval_addm(e, subj, SC_PASS, RS_DECLARED, valid);
		msg_free(expired);
	} else if (ne) {
		msg_date(expired, "today", e->r->date);
		eval_addm(e, subj, SC_FAIL, RS_DECLARED, expired);
		msg_free(valid);
	} else {
		msg_free(valid);
		msg_free(expired);
		sc_msg *x = msg_new("cert.none_of");
		msg_num(x, "n", (long)s->ncerts);
		eval_msg_mask(x, "schemes", "scheme", c->schemes, mf_scheme_names, ',');
		eval_addm(e, subj, SC_FAIL, RS_DECLARED, x);
	}
}

/* ------------------------------------------------------------- the SOC */

/* Every country the SOC works from, and its operator's, in the set. */
void
eval_check_soc_in_set(struct eval_ctx *e, const pk_check *c)
{
	const mf_sovereignty *s = &e->m->sov;
	if (!s->has_soc) {
		eval_addm(e, "sovereignty.soc", SC_UNKNOWN, RS_DECLARED, msg_new("soc.undeclared"));
		return;
	}
	for (size_t i = 0; i < s->soc_countries.n; i++) {
		const char *cc = s->soc_countries.v[i];
		char subj[32];
		snprintf(subj, sizeof(subj), "soc:%s", cc);
		bool in = pk_set_has(c->set, cc);
		sc_msg *x = msg_new(in ? "soc.in_set" : "soc.outside_set");
		msg_country(x, "country", cc);
		eval_msg_set(x, c);
		eval_addm(e, subj, in ? SC_PASS : SC_FAIL, RS_DECLARED, x);
	}
	/* A SOC in Paris run by a company controlled from elsewhere answers
	 * to that company's law too. */
	bool in = pk_set_has(c->set, s->soc_operator_country);
	sc_msg *x = msg_new(in ? "soc.operator_in_set" : "soc.operator_outside");
	msg_text(x, "operator", s->soc_operator ? s->soc_operator : "?");
	msg_country(x, "country", s->soc_operator_country);
	eval_msg_set(x, c);
	eval_addm(e, "soc.operator", in ? SC_PASS : SC_FAIL, RS_DECLARED, x);
}

/* -------------------------------------------------------- the hardware */

/* Each aspect the check names: every declared country in the set. */
void
eval_check_hardware_in_set(struct eval_ctx *e, const pk_check *c)
{
	const mf_sovereignty *s = &e->m->sov;
	if (!s->has_hardware) {
		sc_msg *x = msg_new("hw.undeclared");
		eval_msg_mask(x, "aspects", "hw", c->aspects, mf_hw_names, '&');
		eval_addm(e, "sovereignty.hardware", SC_UNKNOWN, RS_DECLARED, x);
		return;
	}
	for (unsigned a = 0; a < MF_HW_COUNT; a++) {
		if (!(c->aspects & (1u << a)))
			continue;
		const mf_countries *l = &s->hw[a];
		char subj[48];
		snprintf(subj, sizeof(subj), "hardware.%s", mf_hw_names[a]);
		if (!l->present || l->n == 0) {
			sc_msg *x = msg_new("hw.aspect_undeclared");
			msg_word(x, "aspect", "hw", mf_hw_names[a]);
			eval_addm(e, subj, SC_UNKNOWN, RS_DECLARED, x);
			continue;
		}
		size_t out = 0;
		for (size_t i = 0; i < l->n; i++)
			out += !pk_set_has(c->set, l->v[i]);
		sc_msg *x = msg_new(out ? "hw.outside_set" : "hw.in_set");
		msg_word(x, "aspect", "hw", mf_hw_names[a]);
		msg_items *li = msg_list(x, "countries", ',');
		for (size_t i = 0; i < l->n; i++)
			if (out == 0 || !pk_set_has(c->set, l->v[i]))
				msg_item_country(x, li, l->v[i]);
		eval_msg_set(x, c);
		eval_addm(e, subj, out ? SC_FAIL : SC_PASS, RS_DECLARED, x);
	}
}

/* ------------------------------------------------------ the source code */

void
eval_check_source_available(struct eval_ctx *e, const pk_check *c)
{
	const mf_sovereignty *s = &e->m->sov;
	if (!s->has_source) {
		eval_addm(e, "sovereignty.source", SC_UNKNOWN, RS_DECLARED,
		    msg_new("source.undeclared"));
		return;
	}
	bool ok = c->accepted & (1u << (unsigned)s->source);
	sc_msg *x = msg_new(ok ? "source.accepted" : "source.not_accepted");
	msg_word(x, "availability", "source", mf_source_names[s->source]);
	if (s->source_licence) {
		sc_msg *y = msg_new("source.licence");
		msg_text(y, "licence", s->source_licence);
		msg_sub(x, "licence", y);
	} else {
		msg_text(x, "licence", "");
	}
	eval_msg_mask(x, "accepted", "source", c->accepted, mf_source_names, ',');
	eval_addm(e, "sovereignty.source", ok ? SC_PASS : SC_FAIL, RS_DECLARED, x);
}

/* -------------------------------------------------------------- energy */

/* " (2025)" for the year the figures are for, or nothing. */
static void
year_m(sc_msg *x, const mf_sovereignty *s)
{
	if (s->has_year) {
		char y[24];
		snprintf(y, sizeof(y), "%ld", s->year);
		sc_msg *z = msg_new("energy.year");
		msg_text(z, "year", y);
		msg_sub(x, "year", z);
	} else {
		msg_text(x, "year", "");
	}
}

/* The PUE at most max_pue; the renewable share at least min_renewable.
 * Equal passes: the thresholds are limits, not targets to beat. */
void
eval_check_energy_disclosed(struct eval_ctx *e, const pk_check *c)
{
	const mf_sovereignty *s = &e->m->sov;
	if (!s->has_energy) {
		eval_addm(e, "sovereignty.energy", SC_UNKNOWN, RS_DECLARED,
		    msg_new("energy.undeclared"));
		return;
	}
	if (c->has_max_pue) {
		sc_msg *x;
		sc_verdict v = SC_UNKNOWN;
		if (!s->has_pue) {
			x = msg_new("energy.pue_undeclared");
		} else {
			v = s->pue <= c->max_pue + 1e-9 ? SC_PASS : SC_FAIL;
			x = msg_new(v == SC_PASS ? "energy.pue_within" : "energy.pue_over");
			figure(x, "pue", s->pue);
			year_m(x, s);
		}
		figure(x, "max", c->max_pue);
		eval_addm(e, "energy.pue", v, RS_DECLARED, x);
	}
	if (c->has_min_renewable) {
		sc_msg *x;
		sc_verdict v = SC_UNKNOWN;
		if (!s->has_renewable) {
			x = msg_new("energy.renewable_undeclared");
		} else {
			v = s->renewable >= c->min_renewable - 1e-9 ? SC_PASS : SC_FAIL;
			x = msg_new(v == SC_PASS ? "energy.renewable_within" : "energy.renewable_under");
			figure(x, "share", s->renewable);
			year_m(x, s);
		}
		figure(x, "min", c->min_renewable);
		eval_addm(e, "energy.renewable_share", v, RS_DECLARED, x);
	}
}

/* ------------------------------------------------- customer-held keys */

/* Whether a declared subcontractor holds customer data through the
 * physical or the service path (docs/manifest.md, "Relationships and their
 * access paths"): hosting and colocation hold it whatever is declared; a
 * SaaS or other service when it declares access to customer data. */
static unsigned
holding_paths(const mf_sub *s)
{
	unsigned p = eval_sub_paths(s) & (AC_BIT(AC_PHYSICAL) | AC_BIT(AC_SERVICE));
	if (s->data_access != MF_DATA_CUSTOMER)
		p &= ~AC_BIT(AC_SERVICE);
	return p;
}

static void
sub_keys(struct eval_ctx *e, const pk_check *c, const mf_sub *s, const char *path,
         size_t *count)
{
	(void)c;
	unsigned paths = holding_paths(s);
	if (paths == 0)
		return;
	(*count)++;
	const char *names[1] = {s->name};
	const sc_entity *ent = eval_sub_entity(e, s);
	sc_msg *x = msg_new("keys.covered");
	msg_text(x, "name", s->name);
	level_m(x, path);
	eval_msg_mask(x, "paths", "path", paths, ac_path_names, '/');
	msg_items *l = msg_list(x, "by", ',');
	size_t n = 0;
	for (size_t i = 0; i < e->m->nmitigations; i++) {
		const mf_mitigation *mi = &e->m->mitigations[i];
		if (mi->kind != MF_MKIND_CUSTOMER_HELD_KEYS || !eval_mitigation_names(mi, names, 1, ent))
			continue;
		msg_item_text(x, l, mi->id ? mi->id : "?");
		n++;
	}
	if (n == 0)
		x->code = "keys.uncovered";
	eval_addm(e, s->name, n ? SC_PASS : SC_FAIL, RS_DECLARED, x);
}

/* Every declared party that holds customer data holds only ciphertext: a
 * mitigation of kind customer-held-keys names it (or "*"). With no such
 * party the provider holds the data itself: only a customer-held-keys
 * mitigation for "*" says that it cannot read it either. */
void
eval_check_customer_held_keys(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_subcontractors) {
		eval_addm(e, "subcontractors", SC_UNKNOWN, RS_DECLARED,
		    msg_new("keys.subs_undeclared"));
		return;
	}
	size_t n = 0;
	walk(e, c, m->subs, m->nsubs, "", sub_keys, &n);
	if (n > 0)
		return;
	sc_msg *x = msg_new("keys.all");
	msg_items *l = msg_list(x, "by", ',');
	size_t k = 0;
	for (size_t i = 0; i < m->nmitigations; i++) {
		const mf_mitigation *mi = &m->mitigations[i];
		bool star = false;
		for (size_t j = 0; j < mi->applies_to.n; j++)
			star |= strcmp(mi->applies_to.v[j], "*") == 0;
		if (mi->kind == MF_MKIND_CUSTOMER_HELD_KEYS && star) {
			msg_item_text(x, l, mi->id ? mi->id : "?");
			k++;
		}
	}
	if (k == 0)
		x->code = "keys.provider_only";
	eval_addm(e, "customer data", k ? SC_PASS : SC_UNKNOWN, RS_DECLARED, x);
}

/* ------------------------------------------------- software suppliers */

static void
sub_software(struct eval_ctx *e, const pk_check *c, const mf_sub *s, const char *path,
             size_t *count)
{
	unsigned code = s->rels & ((1u << MF_REL_SOFTWARE) | (1u << MF_REL_UPDATES));
	if (code == 0)
		return;
	(*count)++;
	/* Declared: its parent's country; without a parent declared, its
	 * seat, and then who controls it is known only if the registry knows
	 * it (a European subsidiary of a foreign group is not its own
	 * controller because its parent is left out). */
	const char *declared = s->parent_country[0] ? s->parent_country : s->country;
	bool outside = !pk_set_has(c->set, declared), broken = false;
	sc_msg *x = msg_new("swsup.in_set");
	msg_text(x, "name", s->name);
	level_m(x, path);
	eval_msg_mask(x, "rels", "rel", code, mf_rel_names, '/');
	eval_msg_set(x, c);
	msg_items *l = msg_list(x, "who", ';');
	sc_msg *unknown = eval_sub_control_unknown(e, s, c->set);
	sc_msg *y = msg_new(s->parent ? "swsup.declared_parent" : unknown ? "swsup.declared_seat" :
	                    "swsup.declared");
	if (s->parent)
		msg_text(y, "parent", s->parent);
	msg_country(y, "country", declared);
	if (unknown)
		msg_sub(y, "control", unknown);
	broken = unknown != NULL;
	msg_item_sub(x, l, y);
	/* The registry, when it knows the name, names the ultimate controller
	 * in force at the evaluation date; a disagreement with the declaration
	 * is a contradiction (15.1.a), and here the worse of the two counts. */
	const sc_entity *ent = eval_sub_entity(e, s);
	if (ent != NULL) {
		const sc_entity *u = sc_entity_ultimate(ent);
		const char *uc = u ? sc_entity_country(u) : NULL;
		if (uc == NULL || *uc == '\0') {
			broken = true;
			y = msg_new("swsup.registry_unknown");
			msg_text(y, "entity", sc_entity_name(ent));
		} else {
			outside |= !pk_set_has(c->set, uc);
			y = msg_new("swsup.registry");
			msg_text(y, "controller", sc_entity_name(u));
			msg_country(y, "country", uc);
		}
		msg_item_sub(x, l, y);
	}
	sc_verdict v = SC_PASS;
	if (outside) {
		x->code = "swsup.outside";
		v = SC_FAIL;
	} else if (broken) {
		x->code = "swsup.unknown";
		v = SC_UNKNOWN;
	}
	rs_finding *f = eval_addm(e, s->name, v, RS_DECLARED, x);
	if (ent != NULL) {
		char rid[160];
		snprintf(rid, sizeof(rid), "registry:%s", sc_entity_id(ent));
		eval_add_evidence(e, f, rid);
	}
}

/* Every subcontractor whose code runs in the service (software, updates)
 * is controlled from the set. */
void
eval_check_software_suppliers_in_set(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_subcontractors) {
		eval_addm(e, "subcontractors", SC_UNKNOWN, RS_DECLARED,
		    msg_new("swsup.undeclared"));
		return;
	}
	size_t n = 0;
	walk(e, c, m->subs, m->nsubs, "", sub_software, &n);
	if (n == 0)
		eval_addm(e, "subcontractors", SC_NOT_APPLICABLE, RS_DECLARED, msg_new("swsup.none"));
}

/* -------------------------------------------------------- assessments */

/* An assessment older than this many months no longer stands for the
 * factor: the same yearly rhythm as the review of the risk assessment
 * (§5.3.h), and the framework's annual re-evaluation of a bid. */
#define ASSESSMENT_MONTHS 12

bool
eval_assessed_factor(struct eval_ctx *e, const pk_factor *f)
{
	const mf_sovereignty *s = &e->m->sov;
	const mf_assessment *a = NULL;
	for (size_t i = 0; i < s->nassessments && a == NULL; i++)
		if (s->assessments[i].factor && strcmp(s->assessments[i].factor, f->id) == 0)
			a = &s->assessments[i];
	if (a == NULL)
		return false;
	char until[11];
	bool has_until = util_add_months(a->date, ASSESSMENT_MONTHS, until);
	long on = eval_days_of(a->date);
	sc_msg *x;
	sc_verdict v;
	if (on > e->today) {
		x = msg_new("seal.assessment_future");
		msg_date(x, "today", e->r->date);
		v = SC_UNKNOWN;
	} else if (has_until && eval_days_of(until) < e->today) {
		x = msg_new("seal.assessment_stale");
		msg_num(x, "months", ASSESSMENT_MONTHS);
		msg_date(x, "until", until);
		v = SC_UNKNOWN;
	} else {
		x = msg_new(a->met ? "seal.assessed_met" : "seal.assessed_not_met");
		v = a->met ? SC_PASS : SC_FAIL;
	}
	msg_text(x, "factor", f->id);
	msg_num(x, "seal", f->seal);
	msg_text(x, "by", a->by ? a->by : "?");
	msg_date(x, "date", a->date);
	msg_text(x, "evidence", a->evidence ? a->evidence : "?");
	eval_addm(e, f->id, v, RS_DECLARED, x);
	return true;
}
