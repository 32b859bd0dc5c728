/*
 * eval-declared.c — the checks judged from the manifest's declarations:
 * §5.3 document and sign-off, §19.2 sites, administration and support,
 * §19.6.a seat, §19.6.c-d declared subcontractors, §15.1 the list of third
 * parties, §19.6.e government links. Missing declarations are unknown (or
 * fail where the requirement is the declaration itself), never pass.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eval-internal.h"

/* ------------------------------------------------------ declared checks */

/* "R-US-x-control, R-US-y-staff" for the risks of rs that match. */
static void
risk_ids(strbuf *sb, const sc_risks *rs, bool (*want)(const rk_risk *, const void *),
         const void *arg, size_t *ret_n)
{
	size_t n = 0;
	for (size_t i = 0; i < rs->n; i++)
		if (want(&rs->v[i], arg)) {
			sb_printf(sb, "%s%s", n ? ", " : "", rs->v[i].id);
			n++;
		}
	*ret_n = n;
}

/* A sign-off message with who accepted and when. */
static sc_msg *
signoff_msg(const char *code, const sc_manifest *m)
{
	sc_msg *x = msg_new(code);
	msg_text(x, "by", m->sign_off_by);
	msg_date(x, "date", m->sign_off_date);
	return x;
}

static bool
open_risk(const rk_risk *k, const void *arg)
{
	(void)arg;
	return k->treatment == NULL;
}

/* 5.3.d: the document is written, and every risk of its register has a
 * decision recorded (risk_treatments); a register with open risks is a
 * list, not yet an assessment. */
void
eval_check_residual_risk_document(struct eval_ctx *e, const pk_check *c)
{
	const sc_risks *rs = e->o->risks;
	if (!e->o->document) {
		eval_addm(e, "residual-risk document", SC_UNKNOWN, RS_DECLARED,
		    msg_new("doc.not_written"));
		return;
	}
	if (rs == NULL) {
		eval_addm(e, "residual-risk document", SC_UNKNOWN, RS_DECLARED,
		    msg_new("doc.not_assessed"));
		return;
	}
	/* The notes after the sentence: "; it stands on declarations only…",
	 * "; 2 treatments name no risk…", "; 1 mitigation applies to no risk…" */
	sc_msg *notes = msg_new("doc.notes");
	msg_items *nl = msg_list(notes, "notes", '0');
	if (!rs->observed_evidence)
		msg_item_sub(notes, nl, msg_new("doc.note.declared_only"));
	if (rs->nstale) {
		sc_msg *x = msg_new("doc.note.stale");
		msg_num(x, "n", (long)rs->nstale);
		msg_items *l = msg_list(x, "ids", ',');
		for (size_t i = 0; i < rs->nstale; i++)
			msg_item_text(x, l, rs->stale[i]->risk);
		msg_item_sub(notes, nl, x);
	}
	if (rs->nunused) {
		sc_msg *x = msg_new("doc.note.unused");
		msg_num(x, "n", (long)rs->nunused);
		msg_items *l = msg_list(x, "ids", ',');
		for (size_t i = 0; i < rs->nunused; i++)
			msg_item_text(x, l, rs->unused[i]->id ? rs->unused[i]->id : "?");
		msg_item_sub(notes, nl, x);
	}
	if (rs->n == 0) {
		sc_msg *x = msg_new("doc.empty");
		msg_sub(x, "notes", notes);
		eval_addm(e, "residual-risk document", SC_PASS, RS_DECLARED, x);
	} else {
		strbuf ids;
		sb_init(&ids);
		size_t nopen = 0;
		risk_ids(&ids, rs, open_risk, NULL, &nopen);
		sc_msg *x = msg_new(nopen == 0 ? "doc.all_decided" : "doc.undecided");
		msg_num(x, "n", (long)rs->n);
		if (nopen) {
			msg_num(x, "open", (long)nopen);
			msg_text(x, "ids", ids.s ? ids.s : "");
		}
		msg_sub(x, "notes", notes);
		eval_addm(e, "residual-risk document", nopen == 0 ? SC_PASS : SC_UNKNOWN,
		    RS_DECLARED, x);
		if (ids.oom)
			e->oom = true;
		sb_free(&ids);
	}
	/* parties whose control is not established are in no entry: the
	 * document cannot say it lists every risk while they remain */
	if (rs->nunsettled) {
		sc_msg *x = msg_new("doc.unsettled");
		msg_num(x, "n", (long)(rs->nunsettled + rs->unsettled_more));
		msg_items *l = msg_list(x, "names", ',');
		for (size_t i = 0; i < rs->nunsettled; i++)
			msg_item_text(x, l, rs->unsettled[i].name);
		if (rs->unsettled_more) {
			sc_msg *y = msg_new("doc.unsettled_more");
			msg_num(y, "n", (long)rs->unsettled_more);
			msg_sub(x, "more", y);
		} else {
			msg_text(x, "more", "");
		}
		eval_addm(e, "parties of unknown control", SC_UNKNOWN, RS_DECLARED, x);
	}
}

void
eval_check_sign_off_present(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_sign_off)
		eval_addm(e, "sign_off", SC_FAIL, RS_DECLARED, msg_new("signoff.missing"));
	else
		eval_addm(e, "sign_off", SC_PASS, RS_DECLARED, signoff_msg("signoff.present", m));
}

static bool
undecided_at(const rk_risk *k, const void *arg)
{
	long signed_on = *(const long *)arg;
	return k->treatment == NULL || eval_days_of(k->treatment->date) > signed_on;
}

/* 5.3.g: management's acceptance covers the register as it is now — the
 * digest it recorded is the current one, or every risk had a decision on
 * or before the sign-off. */
void
eval_check_sign_off_covers_register(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	const sc_risks *rs = e->o->risks;
	if (!m->has_sign_off) {
		eval_addm(e, "sign_off", SC_FAIL, RS_DECLARED, msg_new("signoff.missing"));
		return;
	}
	long signed_on = eval_days_of(m->sign_off_date);
	if (e->today < signed_on) {
		sc_msg *x = signoff_msg("signoff.future_register", m);
		msg_date(x, "today", e->r->date);
		eval_addm(e, "sign_off", SC_FAIL, RS_DECLARED, x);
		return;
	}
	if (rs == NULL) {
		eval_addm(e, "sign_off", SC_UNKNOWN, RS_DECLARED, msg_new("signoff.not_assessed"));
		return;
	}
	if (m->sign_off_register) {
		bool same = strcmp(m->sign_off_register, rs->digest) == 0;
		sc_msg *x = signoff_msg(same ? "signoff.register_current" : "signoff.register_stale", m);
		msg_text(x, "accepted", m->sign_off_register);
		msg_text(x, "digest", rs->digest);
		msg_num(x, "n", (long)rs->n);
		eval_addm(e, "sign_off", same ? SC_PASS : SC_FAIL, RS_DECLARED, x);
		return;
	}
	strbuf ids;
	sb_init(&ids);
	size_t n = 0;
	risk_ids(&ids, rs, undecided_at, &signed_on, &n);
	sc_msg *x = signoff_msg(n == 0 ? "signoff.all_decided" : "signoff.undecided", m);
	msg_num(x, "n", n == 0 ? (long)rs->n : (long)n);
	msg_text(x, "digest", rs->digest);
	if (n)
		msg_text(x, "ids", ids.s ? ids.s : "");
	eval_addm(e, "sign_off", n == 0 ? SC_PASS : SC_FAIL, RS_DECLARED, x);
	if (ids.oom)
		e->oom = true;
	sb_free(&ids);
}

void
eval_check_sign_off_fresh(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_sign_off) {
		eval_addm(e, "sign_off", SC_FAIL, RS_DECLARED, msg_new("signoff.no_review"));
		return;
	}
	char due[11];
	/* No due date before year 10000: not due yet. */
	bool has_due = util_add_months(m->sign_off_date, c->max_months, due);
	long signed_on = eval_days_of(m->sign_off_date);
	sc_msg *x;
	sc_verdict v = SC_FAIL;
	if (signed_on > e->today) {
		x = signoff_msg("signoff.future", m);
		msg_date(x, "today", e->r->date);
	} else if (has_due && eval_days_of(due) < e->today) {
		x = signoff_msg("signoff.overdue", m);
		msg_num(x, "months", c->max_months);
		msg_date(x, "due", due);
	} else {
		x = signoff_msg(has_due ? "signoff.fresh" : "signoff.fresh_no_due", m);
		if (has_due)
			msg_date(x, "due", due);
		v = SC_PASS;
	}
	eval_addm(e, "sign_off", v, RS_DECLARED, x);
}

void
eval_check_data_location_documented(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_locations || m->nsites == 0) {
		eval_addm(e, "locations.data", SC_FAIL, RS_DECLARED, msg_new("sites.none"));
		return;
	}
	sc_msg *x = msg_new("sites.documented");
	msg_num(x, "n", (long)m->nsites);
	msg_items *l = msg_list(x, "sites", ',');
	for (size_t i = 0; i < m->nsites; i++) {
		sc_msg *y = msg_new("sites.site");
		msg_text(y, "site", m->sites[i].site ? m->sites[i].site : "?");
		msg_country(y, "country", m->sites[i].country);
		msg_item_sub(x, l, y);
	}
	eval_addm(e, "locations.data", SC_PASS, RS_DECLARED, x);
}

void
eval_check_sites_in_set(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	size_t matched = 0;
	for (size_t i = 0; i < m->nsites; i++) {
		const mf_site *s = &m->sites[i];
		unsigned h = s->holds & c->holds;
		if (h == 0)
			continue;
		matched++;
		bool in = pk_set_has(c->set, s->country);
		sc_msg *x = msg_new(in ? "sites.in_set" : "sites.outside_set");
		msg_text(x, "site", s->site);
		eval_msg_mask(x, "held", "holds", h, mf_holds_names, '/');
		msg_country(x, "country", s->country);
		eval_msg_set(x, c);
		eval_addm(e, s->site, in ? SC_PASS : SC_FAIL, RS_DECLARED, x);
	}
	if (matched == 0) {
		sc_msg *x = msg_new("sites.none_holds");
		eval_msg_mask(x, "held", "holds", c->holds, mf_holds_names, '/');
		eval_addm(e, "locations.data", SC_UNKNOWN, RS_DECLARED, x);
	}
}

void
eval_check_administration_in_set(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_administration || m->nadmin == 0) {
		eval_addm(e, "locations.administration", SC_UNKNOWN, RS_DECLARED,
		    msg_new("admin.undeclared"));
		return;
	}
	for (size_t i = 0; i < m->nadmin; i++) {
		char subj[64];
		snprintf(subj, sizeof(subj), "administration:%s", m->admin[i]);
		bool in = pk_set_has(c->set, m->admin[i]);
		sc_msg *x = msg_new(in ? "admin.in_set" : "admin.outside_set");
		msg_country(x, "country", m->admin[i]);
		eval_msg_set(x, c);
		eval_addm(e, subj, in ? SC_PASS : SC_FAIL, RS_DECLARED, x);
	}
}

/* Whether support locations are declared and there are some; if not,
 * the finding that says so (unknown, or not applicable for none). */
static bool
support_declared(struct eval_ctx *e)
{
	const sc_manifest *m = e->m;
	if (!m->has_support) {
		eval_addm(e, "locations.support", SC_UNKNOWN, RS_DECLARED,
		    msg_new("support.undeclared"));
		return false;
	}
	if (m->nsupport == 0) {
		eval_addm(e, "locations.support", SC_NOT_APPLICABLE, RS_DECLARED,
		    msg_new("support.none"));
		return false;
	}
	return true;
}

/* Support delivered from the set (the CSF's SOV-4): a support location
 * outside it fails however well it is documented and supervised — its
 * staff work under that country's law. */
void
eval_check_support_in_set(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!support_declared(e))
		return;
	for (size_t i = 0; i < m->nsupport; i++) {
		const mf_support *s = &m->support[i];
		char subj[64];
		snprintf(subj, sizeof(subj), "support:%s", s->country);
		bool in = pk_set_has(c->set, s->country);
		sc_msg *x = msg_new(in ? "support.in_set" : "support.outside_set");
		msg_country(x, "country", s->country);
		eval_msg_set(x, c);
		eval_addm(e, subj, in ? SC_PASS : SC_FAIL, RS_DECLARED, x);
	}
}

void
eval_check_support_documented(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!support_declared(e))
		return;
	for (size_t i = 0; i < m->nsupport; i++) {
		const mf_support *s = &m->support[i];
		char subj[64];
		snprintf(subj, sizeof(subj), "support:%s", s->country);
		sc_msg *x;
		if (pk_set_has(c->set, s->country)) {
			x = msg_new("support.in_set");
			msg_country(x, "country", s->country);
			eval_msg_set(x, c);
			eval_addm(e, subj, SC_PASS, RS_DECLARED, x);
			continue;
		}
		bool ops = s->operations.n > 0, sup = s->supervision != NULL && s->supervision_in_place;
		if (ops && sup) {
			x = msg_new("support.documented");
			msg_num(x, "n", (long)s->operations.n);
			msg_text(x, "supervision", s->supervision);
		} else {
			/* what is missing: "the list of permitted operations and …" */
			x = msg_new("support.lacks");
			msg_items *l = msg_list(x, "missing", '&');
			if (!ops)
				msg_item_sub(x, l, msg_new("support.lacks.operations"));
			if (!sup && s->supervision) {
				sc_msg *y = msg_new("support.lacks.not_in_place");
				msg_text(y, "supervision", s->supervision);
				msg_item_sub(x, l, y);
			} else if (!sup) {
				msg_item_sub(x, l, msg_new("support.lacks.supervision"));
			}
		}
		msg_country(x, "country", s->country);
		eval_msg_set(x, c);
		eval_addm(e, subj, ops && sup ? SC_PASS : SC_FAIL, RS_DECLARED, x);
	}
}

void
eval_check_seat_in_set(struct eval_ctx *e, const pk_check *c)
{
	const mf_provider *p = &e->m->provider;
	static const char *const fields[] = {"registered_office", "central_administration",
		"principal_establishment"};
	static const char *const words[] = {"registered_office", "central_administration",
		"principal_establishment"};
	const char *vals[] = {p->registered_office, p->central_administration,
		p->principal_establishment};
	/* The provider as the registry knows it: its seat when the manifest
	 * leaves it out (said so). */
	const sc_entity *known = e->o->graph ? e->o->graph->provider : NULL;
	for (int i = 0; i < 3; i++) {
		char subj[64];
		snprintf(subj, sizeof(subj), "provider.%s", fields[i]);
		const char *cc = known ? sc_entity_country(known) : NULL;
		if (i == 0 && (!p->present || vals[i][0] == '\0') && cc && *cc) {
			bool in = pk_set_has(c->set, cc);
			sc_msg *x = msg_new(in ? "seat.registry_in" : "seat.registry_outside");
			msg_word(x, "what", "seat", words[i]);
			msg_country(x, "country", cc);
			eval_msg_set(x, c);
			msg_text(x, "entity", sc_entity_name(known));
			if (sc_entity_source(known))
				msg_text(x, "source", sc_entity_source(known));
			else
				msg_sub(x, "source", msg_new("seat.no_source"));
			rs_finding *f = eval_addm(e, subj, in ? SC_PASS : SC_FAIL, RS_DECLARED, x);
			char rid[160];
			snprintf(rid, sizeof(rid), "registry:%s", sc_entity_id(known));
			eval_add_evidence(e, f, rid);
			continue;
		}
		sc_msg *x;
		sc_verdict v;
		if (!p->present || vals[i][0] == '\0') {
			x = msg_new("seat.undeclared");
			v = SC_UNKNOWN;
		} else {
			bool in = pk_set_has(c->set, vals[i]);
			x = msg_new(in ? "seat.in_set" : "seat.outside_set");
			msg_country(x, "country", vals[i]);
			eval_msg_set(x, c);
			v = in ? SC_PASS : SC_FAIL;
		}
		msg_word(x, "what", "seat", words[i]);
		eval_addm(e, subj, v, RS_DECLARED, x);
	}
}

/* ---- 19.6.c / 19.6.d / 15.1.a: declared subcontractors ---- */

typedef void (*sub_fn)(struct eval_ctx *e, const pk_check *c, const mf_sub *s, const char *path);

static void
walk_subs(struct eval_ctx *e, const pk_check *c, const mf_sub *s, size_t n, const char *path,
          sub_fn fn, size_t *count)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i].name == NULL)
			continue;
		(*count)++;
		fn(e, c, &s[i], path);
		char sub[1024];
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? " → " : "", s[i].name);
		walk_subs(e, c, s[i].subs, s[i].nsubs, sub, fn, count);
	}
}

/* Where a declared subcontractor stands against the set: in it (seat and
 * control), outside it, or seated in it with who controls it unknown. */
enum sub_where { SUB_IN, SUB_OUT, SUB_CONTROL_UNKNOWN };

/* Where s stands, the reasons as the list value "why" of x: seated
 * outside, controlled from outside (its parent declared), controlled by a
 * party neither declared nor recorded in the registry. */
static enum sub_where
sub_noneu_m(const struct eval_ctx *e, const pk_check *c, const mf_sub *s, sc_msg *x)
{
	msg_items *l = msg_list(x, "why", ',');
	bool out = false;
	if (!pk_set_has(c->set, s->country)) {
		sc_msg *y = msg_new("sub.seated");
		msg_country(y, "country", s->country);
		msg_item_sub(x, l, y);
		out = true;
	}
	if (s->parent_country[0] && !pk_set_has(c->set, s->parent_country)) {
		sc_msg *y = msg_new(s->parent ? "sub.controlled" : "sub.controlled_parent");
		if (s->parent)
			msg_text(y, "parent", s->parent);
		msg_country(y, "country", s->parent_country);
		msg_item_sub(x, l, y);
		out = true;
	}
	/* the registry, when it knows the name, outweighs a declaration that
	 * shows nothing outside */
	sc_msg *r = out ? NULL : eval_sub_registry_outside(e, s, c->set);
	if (r) {
		msg_item_sub(x, l, r);
		out = true;
	}
	if (out)
		return SUB_OUT;
	sc_msg *y = eval_sub_control_unknown(e, s, c->set);
	if (y == NULL)
		return SUB_IN;
	sc_msg *z = msg_new("sub.seated");
	msg_country(z, "country", s->country);
	msg_item_sub(x, l, z);
	msg_item_sub(x, l, y);
	return SUB_CONTROL_UNKNOWN;
}

/* " (subcontractor of A → B)" as the value "lvl" of x, or nothing. */
static void
sub_level_m(sc_msg *x, const char *path)
{
	if (*path) {
		sc_msg *y = msg_new("sub.level");
		msg_text(y, "path", path);
		msg_sub(x, "lvl", y);
	} else {
		msg_text(x, "lvl", "");
	}
}


static int
sub_reach(const mf_sub *s)
{
	int reach = s->rels ? ac_rel_reach(s->rels) : MF_DATA_NONE;
	return reach > (int)s->data_access ? reach : (int)s->data_access;
}


static void
sub_no_access(struct eval_ctx *e, const pk_check *c, const mf_sub *s, const char *path)
{
	sc_msg *x = msg_new("sub.in_set");
	msg_text(x, "name", s->name);
	sub_level_m(x, path);
	enum sub_where where = sub_noneu_m(e, c, s, x);
	if (where == SUB_IN) {
		eval_msg_set(x, c);
		eval_addm(e, s->name, SC_PASS, RS_DECLARED, x);
		return;
	}
	unsigned reaching = eval_sub_paths(s);
	int reach = sub_reach(s);
	const char *names[1] = {s->name};
	if (reaching == 0) {
		x->code = s->rels ? "sub.no_access_rels" : "sub.no_access";
		if (s->rels)
			eval_msg_mask(x, "rels", "rel", s->rels, mf_rel_names, '/');
		eval_addm(e, s->name, SC_PASS, RS_DECLARED, x);
		return;
	}
	unsigned closed = eval_closed_paths(e->m, names, 1, NULL, reaching, x, "by");
	msg_word(x, "data", "datawords", mf_data_names[reach]);
	if ((reaching & ~closed) == 0) {
		x->code = "sub.closed";
		eval_msg_paths(x, "paths", reaching);
		eval_addm(e, s->name, SC_PASS, RS_DECLARED, x);
		return;
	}
	x->code = "sub.open";
	eval_msg_paths(x, "paths", reaching & ~closed);
	sc_msg *how;
	if (s->data_access == MF_DATA_NONE) {
		how = msg_new("sub.how.none_but_rels");
		eval_msg_mask(how, "rels", "rel", s->rels, mf_rel_names, '/');
	} else if (reach > (int)s->data_access) {
		how = msg_new("sub.how.rels_reach");
		eval_msg_mask(how, "rels", "rel", s->rels, mf_rel_names, '/');
		msg_word(how, "access", "data", mf_data_names[s->data_access]);
	} else {
		how = msg_new("sub.how.access");
		msg_word(how, "access", "data", mf_data_names[s->data_access]);
	}
	if (closed) {
		sc_msg *h2 = msg_new("sub.how.in_part");
		msg_sub(h2, "how", how);
		eval_closed_paths(e->m, names, 1, NULL, reaching, h2, "by");
		how = h2;
	}
	msg_sub(x, "how", how);
	eval_addm(e, s->name, where == SUB_OUT ? SC_FAIL : SC_UNKNOWN, RS_DECLARED, x);
}

static void
sub_autonomy(struct eval_ctx *e, const pk_check *c, const mf_sub *s, const char *path)
{
	sc_msg *x = msg_new("autonomy.own_skills");
	msg_text(x, "name", s->name);
	enum sub_where where = sub_noneu_m(e, c, s, x);
	if (where == SUB_IN) {
		msg_free(x);
		return;
	}
	const char *desc = s->autonomy_description ? s->autonomy_description : "";
	const char *evid = s->autonomy_evidence;
	sc_verdict v = SC_PASS;
	if (s->has_autonomy && s->autonomy_basis == MF_BASIS_OWN_SKILLS) {
		msg_text(x, "description", desc);
		if (evid) {
			sc_msg *y = msg_new("autonomy.evidence");
			msg_text(y, "evidence", evid);
			msg_sub(x, "evidence", y);
		} else {
			msg_text(x, "evidence", "");
		}
	} else if ((s->has_autonomy && s->autonomy_basis == MF_BASIS_QUALIFIED) || s->secnumcloud) {
		x->code = *desc ? "autonomy.qualified_desc" : "autonomy.qualified";
		msg_text(x, "description", desc);
	} else if ((long)s->alternatives.n >= c->min_alternatives) {
		x->code = *desc ? "autonomy.alternatives_desc" : "autonomy.alternatives";
		msg_num(x, "n", (long)s->alternatives.n);
		msg_items *l = msg_list(x, "alternatives", ',');
		for (size_t i = 0; i < s->alternatives.n; i++)
			msg_item_text(x, l, s->alternatives.v[i]);
		msg_text(x, "description", desc);
	} else if (s->has_autonomy) {
		x->code = "autonomy.too_few";
		msg_num(x, "min", c->min_alternatives);
		msg_num(x, "n", (long)s->alternatives.n);
		v = SC_FAIL;
	} else {
		x->code = "autonomy.none";
		msg_num(x, "min", c->min_alternatives);
		msg_num(x, "n", (long)s->alternatives.n);
		v = SC_FAIL;
	}
	/* whether autonomy from it is needed at all depends on who controls
	 * it: not known, the missing autonomy is not a failure yet */
	if (v == SC_FAIL && where == SUB_CONTROL_UNKNOWN)
		v = SC_UNKNOWN;
	eval_addm(e, s->name, v, RS_DECLARED, x);
}

void
eval_check_subcontractor_no_access(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_subcontractors) {
		eval_addm(e, "subcontractors", SC_UNKNOWN, RS_DECLARED, msg_new("subs.undeclared_access"));
		return;
	}
	size_t n = 0;
	walk_subs(e, c, m->subs, m->nsubs, "", sub_no_access, &n);
	if (n == 0)
		eval_addm(e, "subcontractors", SC_PASS, RS_DECLARED, msg_new("subs.none"));
}

void
eval_check_subcontractor_autonomy(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_subcontractors) {
		eval_addm(e, "subcontractors", SC_UNKNOWN, RS_DECLARED,
		    msg_new("subs.undeclared_autonomy"));
		return;
	}
	size_t n = 0, before = e->cur->n;
	walk_subs(e, c, m->subs, m->nsubs, "", sub_autonomy, &n);
	if (e->cur->n == before) {
		sc_msg *x = msg_new("subs.none_outside");
		eval_msg_set(x, c);
		eval_addm(e, "subcontractors", SC_NOT_APPLICABLE, RS_DECLARED, x);
	}
}

static void
count_levels(const mf_sub *s, size_t n, unsigned *maxlvl)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i].level > *maxlvl)
			*maxlvl = s[i].level;
		count_levels(s[i].subs, s[i].nsubs, maxlvl);
	}
}

void
eval_check_third_parties_listed(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_subcontractors) {
		eval_addm(e, "subcontractors", SC_FAIL, RS_DECLARED, msg_new("subs.missing"));
		return;
	}
	unsigned lv = 0;
	count_levels(m->subs, m->nsubs, &lv);
	size_t n = sc_manifest_subcontractor_count(m);
	sc_msg *x = msg_new("subs.listed");
	msg_num(x, "n", (long)n);
	msg_num(x, "levels", (long)lv);
	eval_addm(e, "subcontractors", SC_PASS, RS_DECLARED, x);
}

void
eval_check_government_links(struct eval_ctx *e, const pk_check *c)
{
	const mf_provider *p = &e->m->provider;
	if (!p->present || !p->has_government_links) {
		eval_addm(e, "provider.government_links", SC_UNKNOWN, RS_DECLARED,
		    msg_new("gov.undeclared"));
		return;
	}
	if (p->ngovlinks == 0) {
		eval_addm(e, "provider.government_links", SC_PASS, RS_DECLARED, msg_new("gov.none"));
		return;
	}
	for (size_t i = 0; i < p->ngovlinks; i++) {
		const mf_govlink *g = &p->govlinks[i];
		char subj[64];
		snprintf(subj, sizeof(subj), "government:%s", g->country);
		bool in = pk_set_has(c->set, g->country);
		sc_msg *x = msg_new(in ? "gov.in_set" : "gov.outside_set");
		msg_country(x, "country", g->country);
		eval_msg_set(x, c);
		msg_text(x, "description", g->description ? g->description : "");
		eval_addm(e, subj, in ? SC_PASS : SC_FAIL, RS_DECLARED, x);
	}
}
