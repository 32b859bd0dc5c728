/*
 * report-json.c — findings.json (schema_version 1, docs/outputs.md),
 * streamed into the file as it is made (jsonw.h): at 100,000 endpoints
 * the document is hundreds of megabytes, and nothing of it is held but
 * the path being written. Its layout is jansson's JSON_INDENT(2) (the
 * document was a jansson tree before it was streamed; jw_init_jansson()
 * keeps its bytes). Key order is fixed and every list is sorted, so the
 * same inputs give byte-identical files.
 */
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "msg.h"
#include "render.h"

/* What a string is written as: NULL as "", a string that is not UTF-8 as
 * a placeholder — never dropped silently, and never an invalid document. */
static const char *
text(const char *s)
{
	if (s == NULL)
		return "";
	return jw_utf8(s, strlen(s)) ? s : "(invalid UTF-8)";
}

static void
str(jw *w, const char *s)
{
	jw_str(w, text(s));
}

/* NULL as null. */
static void
str_or_null(jw *w, const char *s)
{
	if (s == NULL)
		jw_null(w);
	else
		str(w, s);
}

static void
kstr(jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	str(w, s);
}

static void
kstr_or_null(jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	str_or_null(w, s);
}

static void
kint(jw *w, const char *key, long long v)
{
	jw_key(w, key);
	jw_int(w, v);
}

static void
kbool(jw *w, const char *key, bool v)
{
	jw_key(w, key);
	jw_bool(w, v);
}

/* What the geolocation rule made of one field of an address: null for a
 * node that is no address; {"outcome", "db", "prefix"} with, when the
 * databases disagree, "against" and "against_prefix" (docs/outputs.md). */
static void
put_decision(jw *w, const sc_filing *fl, const gn_dep *d, bool asn)
{
	if (strcmp(d->kind, "ip") != 0) {
		jw_null(w);
		return;
	}
	const sc_geo_decision *k = asn ? &d->geo_asn : &d->geo_country;
	jw_obj(w);
	kstr(w, "outcome", sc_geo_outcome_to_string(k->outcome));
	if (k->outcome != SC_GEO_NONE && d->geo != NULL) {
		const ev_geo_src *by = &d->geo->src[k->by], *vs = &d->geo->src[k->against];
		kstr(w, "db", graph_geo_db(fl->graph, d, k->by));
		kint(w, "prefix", asn ? by->asn_prefix : by->country_prefix);
		if (k->outcome == SC_GEO_SETTLED || k->outcome == SC_GEO_CONFLICT) {
			kstr(w, "against", graph_geo_db(fl->graph, d, k->against));
			kint(w, "against_prefix", asn ? vs->asn_prefix : vs->country_prefix);
		}
	}
	jw_obj_end(w);
}

static void put_msg(jw *w, const sc_msg *m);

/* A message's value: a string (a word is its vocabulary value, a country
 * its code), a number, a nested message or an array. */
static void
put_param(jw *w, const msg_param *p)
{
	switch (p->type) {
	case MP_NUM:
		jw_int(w, p->num);
		return;
	case MP_WORD: {
		const char *c = p->s ? strchr(p->s, ':') : NULL;
		str(w, c ? c + 1 : p->s);
		return;
	}
	case MP_MSG:
		put_msg(w, p->m);
		return;
	case MP_LIST:
		jw_arr(w);
		for (size_t i = 0; p->list && i < p->list->n; i++)
			put_param(w, &p->list->v[i]);
		jw_arr_end(w);
		return;
	case MP_TEXT:
	case MP_QUOTE:
	case MP_PATH:
	case MP_COUNTRY:
	case MP_PCT:
	case MP_DATE:
		str(w, p->s);
		return;
	}
	str(w, p->s);
}

/* "code" and "params" of a message, members of the object being written.
 * A name given twice is one member, where it first came, with the last
 * value (as a JSON object built by setting each name in turn). */
static void
put_msg_members(jw *w, const sc_msg *m)
{
	kstr(w, "code", m->code);
	jw_key(w, "params");
	jw_obj(w);
	for (size_t i = 0; i < m->n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(m->p[j].name, m->p[i].name) == 0;
		if (seen)
			continue;
		size_t last = i;
		for (size_t j = i + 1; j < m->n; j++)
			if (strcmp(m->p[j].name, m->p[i].name) == 0)
				last = j;
		jw_key(w, m->p[i].name);
		put_param(w, &m->p[last]);
	}
	jw_obj_end(w);
}

/* {"code": "…", "params": {"name": value, …}} */
static void
put_msg(jw *w, const sc_msg *m)
{
	jw_obj(w);
	put_msg_members(w, m);
	jw_obj_end(w);
}

static void
put_finding(jw *w, const rs_req *q, const rs_finding *f)
{
	jw_obj(w);
	kstr(w, "subject", f->subject);
	kstr(w, "verdict", sc_verdict_to_string(f->verdict));
	char *tmp = NULL;
	const char *en = rs_finding_reason(f, &tmp);
	if (en == NULL && w->fail == JW_OK)
		w->fail = JW_NOMEM;
	kstr(w, "reason", en ? en : "");
	free(tmp);
	if (f->msg)
		put_msg_members(w, f->msg);
	jw_key(w, "evidence");
	jw_arr(w);
	for (size_t i = 0; i < f->nevidence; i++)
		str(w, f->evidence[i]);
	jw_arr_end(w);
	kstr(w, "source", rs_origin_names[f->origin]);
	if (f->computation)
		kstr(w, "computation", f->computation);
	if (f->severity)
		kstr(w, "severity", f->severity);
	if (f->factor >= 0 && q->req->factors)
		kstr(w, "factor", q->req->factors[f->factor].id);
	jw_obj_end(w);
}

/* Whether evidence k of finding j, for factor i, was given by a finding
 * before it (the factor lists each piece once). */
static bool
factor_evidence_seen(const rs_req *q, size_t i, size_t j, size_t k)
{
	const char *s = text(q->f[j].evidence[k]);
	for (size_t a = 0; a <= j; a++)
		for (size_t b = 0; q->f[a].factor == (int)i && b < q->f[a].nevidence &&
		                   (a < j || b < k); b++)
			if (strcmp(text(q->f[a].evidence[b]), s) == 0)
				return true;
	return false;
}

/* A scored requirement: its level, the minimum it needs, its weight, and
 * each factor with its verdict, the evidence that decided it and whether
 * it holds the level down. */
static void
put_objective(jw *w, const rs_req *q)
{
	const sc_requirement *rq = q->req;
	jw_obj(w);
	kint(w, "level", q->level);
	kint(w, "minimum", rq->minimum);
	kint(w, "weight", rq->weight);
	jw_key(w, "factors");
	jw_arr(w);
	for (size_t i = 0; i < rq->nfactors; i++) {
		const pk_factor *pf = &rq->factors[i];
		jw_obj(w);
		kstr(w, "id", pf->id);
		kstr(w, "title", pf->title_en);
		kstr(w, "title_fr", pf->title_fr);
		kint(w, "seal", pf->seal);
		kstr(w, "basis", rs_factor_basis(q, i));
		kstr(w, "verdict", sc_verdict_to_string(q->factors[i].verdict));
		kbool(w, "met", q->factors[i].met);
		if (pf->unseen_en) {
			kstr(w, "unseen", pf->unseen_en);
			kstr(w, "unseen_fr", pf->unseen_fr);
		}
		jw_key(w, "evidence");
		jw_arr(w);
		for (size_t j = 0; j < q->n; j++)
			for (size_t k = 0; q->f[j].factor == (int)i && k < q->f[j].nevidence; k++)
				if (!factor_evidence_seen(q, i, j, k))
					str(w, q->f[j].evidence[k]);
		jw_arr_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "capped_by");
	jw_arr(w);
	for (size_t i = 0; i < rq->nfactors; i++)
		if (rs_factor_caps(q, i))
			str(w, rq->factors[i].id);
	jw_arr_end(w);
	jw_obj_end(w);
}

static void
put_requirement(jw *w, const rs_req *q)
{
	jw_obj(w);
	kstr(w, "id", sc_requirement_id(q->req));
	kstr(w, "title", sc_requirement_title(q->req, "en"));
	kstr(w, "title_fr", sc_requirement_title(q->req, "fr"));
	kstr(w, "severity", sc_requirement_severity(q->req));
	kstr(w, "verdict", sc_verdict_to_string(q->verdict));
	kstr(w, "pack", sc_pack_id(q->req->pack));
	if (q->level >= 0) {
		jw_key(w, "objective");
		put_objective(w, q);
	}
	jw_key(w, "findings");
	jw_arr(w);
	for (size_t j = 0; j < q->n && w->fail == JW_OK; j++)
		put_finding(w, q, &q->f[j]);
	jw_arr_end(w);
	jw_obj_end(w);
}

/* {"pass": n, …} for each verdict. */
static void
put_counts(jw *w, const size_t *counts)
{
	jw_obj(w);
	for (int v = 0; v < SC_VERDICT_COUNT; v++)
		kint(w, sc_verdict_to_string((sc_verdict)v), (long long)counts[v]);
	jw_obj_end(w);
}

/* A scored pack's weighted score and what it rests on. */
static void
put_scoring(jw *w, const rs_pack *p)
{
	const pk_scoring *sc = &p->pack->scoring;
	jw_obj(w);
	kstr(w, "method", "seal");
	jw_key(w, "score");
	jw_real(w, p->score);
	kint(w, "max", 100);
	kint(w, "minimum", sc->minimum);
	kstr_or_null(w, "weights_source", sc->weights_source);
	kstr_or_null(w, "note", sc->note_en);
	kstr_or_null(w, "note_fr", sc->note_fr);
	jw_key(w, "levels");
	jw_arr(w);
	for (int l = 0; l <= PK_SEAL_MAX; l++) {
		jw_obj(w);
		kint(w, "level", l);
		kstr(w, "title", sc->level_en[l]);
		kstr(w, "title_fr", sc->level_fr[l]);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

/* One object per pack judged: its requirements (ids), verdict, counts
 * and, for a scored pack, the weighted score and what it rests on. */
static void
put_packs(jw *w, const sc_result *r)
{
	jw_arr(w);
	for (size_t k = 0; k < r->npacks; k++) {
		const rs_pack *p = &r->packs[k];
		const sc_pack *pk = p->pack;
		jw_obj(w);
		kstr(w, "id", sc_pack_id(pk));
		kstr(w, "version", sc_pack_version(pk));
		kstr(w, "title", pk->title_en);
		kstr(w, "title_fr", pk->title_fr);
		kstr_or_null(w, "authority", pk->authority);
		kstr_or_null(w, "source", pk->source);
		kstr(w, "verdict", sc_verdict_to_string(p->verdict));
		jw_key(w, "summary");
		put_counts(w, p->counts);
		jw_key(w, "requirements");
		jw_arr(w);
		for (size_t i = p->first; i < p->first + p->n; i++)
			str(w, sc_requirement_id(r->reqs[i].req));
		jw_arr_end(w);
		if (pk->scoring.seal) {
			jw_key(w, "scoring");
			put_scoring(w, p);
		}
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

/* What each geolocation database says of an address. */
static void
put_location_sources(jw *w, const sc_filing *fl, const gn_dep *d)
{
	jw_arr(w);
	for (size_t k = 0; d->geo && k < d->geo->nsrc; k++) {
		const ev_geo_src *x = &d->geo->src[k];
		jw_obj(w);
		kstr(w, "db", x->db < fl->ev->ngeodbs ? fl->ev->geodbs[x->db].label : "?");
		kstr_or_null(w, "country", x->country[0] ? x->country : NULL);
		jw_key(w, "asn");
		if (x->found_asn)
			jw_int(w, x->asn);
		else
			jw_null(w);
		kstr_or_null(w, "network", x->network);
		jw_key(w, "country_prefix");
		if (x->country[0])
			jw_int(w, x->country_prefix);
		else
			jw_null(w);
		jw_key(w, "asn_prefix");
		if (x->found_asn)
			jw_int(w, x->asn_prefix);
		else
			jw_null(w);
		kstr_or_null(w, "country_source", x->country_source);
		kstr_or_null(w, "asn_source", x->asn_source);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void
put_strings(jw *w, const char *key, const char *const *v, size_t n)
{
	jw_key(w, key);
	jw_arr(w);
	for (size_t i = 0; i < n; i++)
		str(w, v[i]);
	jw_arr_end(w);
}

/* An entity's holders: [{name, country, capital, voting, controlling,
 * as_of}], null for what the registry does not give; null when none. */
static void
put_holders(jw *w, const sc_entity *e)
{
	size_t n = sc_entity_holder_count(e);
	if (n == 0) {
		jw_null(w);
		return;
	}
	jw_arr(w);
	for (size_t i = 0; i < n; i++) {
		const sc_holder *h = sc_entity_holder(e, i);
		jw_obj(w);
		kstr_or_null(w, "name", h->name);
		kstr_or_null(w, "entity", sc_entity_id(h->entity));
		kstr_or_null(w, "country", h->country[0] ? h->country : NULL);
		jw_key(w, "capital");
		if (h->capital >= 0)
			jw_real(w, h->capital);
		else
			jw_null(w);
		jw_key(w, "voting");
		if (h->voting >= 0)
			jw_real(w, h->voting);
		else
			jw_null(w);
		kbool(w, "controlling", h->controlling);
		kstr_or_null(w, "as_of", h->as_of[0] ? h->as_of : NULL);
		kstr_or_null(w, "from", h->from[0] ? h->from : NULL);
		kstr_or_null(w, "until", h->until[0] ? h->until : NULL);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void
put_dependency(jw *w, const sc_filing *fl, const gn_dep *d)
{
	jw_obj(w);
	kstr(w, "subject", d->subject);
	kstr(w, "kind", d->kind);
	kstr_or_null(w, "location", d->location[0] ? d->location : NULL);
	jw_key(w, "location_sources");
	put_location_sources(w, fl, d);
	jw_key(w, "location_decision");
	put_decision(w, fl, d, false);
	jw_key(w, "asn_decision");
	put_decision(w, fl, d, true);
	kbool(w, "anycast", d->anycast);
	jw_key(w, "asn");
	if (d->found_asn)
		jw_int(w, d->asn);
	else
		jw_null(w);
	kstr_or_null(w, "as_org", d->as_org);
	kstr_or_null(w, "operator", d->operator_name && *d->operator_name ? d->operator_name : NULL);
	kstr_or_null(w, "controller", d->controller ? sc_entity_name(d->controller) : NULL);
	const char *cc = d->controller ? sc_entity_country(d->controller) : NULL;
	kstr_or_null(w, "controller_country", cc && *cc ? cc : NULL);
	/* how the controller is held (the registry's control:), null when the
	 * registry names nobody above it: not the same as independent */
	kstr_or_null(w, "controller_control", sc_entity_control(d->controller));
	/* who holds it, as the registry names them (null: none named), and
	 * whether how it is held is recorded at all (a private company with
	 * no holders named is not) */
	jw_key(w, "controller_holders");
	put_holders(w, d->controller);
	kbool(w, "controller_held_recorded", sc_entity_held_recorded(d->controller));
	/* §19.6.c's judgement of it against the EU27: seated and held from
	 * inside (true), seated or held from outside (false), else null */
	jw_key(w, "controller_in_eu27");
	int in = sc_entity_controlled_from_set(d->controller, fl->pack, "EU27", NULL, NULL);
	if (in < 0)
		jw_null(w);
	else
		jw_bool(w, in == 1);
	put_strings(w, "chain", d->chain, d->nchain);
	put_strings(w, "via", d->via, d->nvia);
	kbool(w, "declared", d->declared);
	kstr_or_null(w, "path", d->path);
	put_strings(w, "evidence", d->evidence, d->nevidence);
	jw_obj_end(w);
}

static void
put_risk(jw *w, const rk_risk *k)
{
	jw_obj(w);
	kstr(w, "id", k->id);
	kstr(w, "entity", k->entity);
	kstr(w, "country", k->country);
	kstr(w, "nexus", rk_kind_names[k->kind]);
	kstr(w, "basis", k->basis);
	if (k->basis_m)
		put_msg_members(w, k->basis_m);
	kstr_or_null(w, "relationship", k->relationship);
	jw_key(w, "access_paths");
	jw_arr(w);
	for (unsigned p = 0; p < AC_PATH_COUNT; p++)
		if (k->paths & AC_BIT(p))
			str(w, ac_path_names[p]);
	jw_arr_end(w);
	kstr(w, "access", k->access);
	kstr(w, "established_by", k->path);
	kbool(w, "observed", k->observed);
	jw_key(w, "laws");
	jw_arr(w);
	for (size_t j = 0; j < k->nlaws; j++)
		str(w, k->laws[j]->id);
	jw_arr_end(w);
	jw_key(w, "data");
	jw_arr(w);
	for (unsigned d = MF_DATA_CUSTOMER + 1; d-- > MF_DATA_NONE;)
		if (k->data & (1u << d))
			str(w, mf_data_names[d]);
	jw_arr_end(w);
	kint(w, "likelihood", k->likelihood);
	kstr(w, "likelihood_basis", k->likelihood_basis);
	kint(w, "severity", k->severity);
	kstr(w, "severity_basis", k->severity_basis);
	if (k->likelihood_m) {
		jw_key(w, "likelihood_message");
		put_msg(w, k->likelihood_m);
	}
	if (k->severity_m) {
		jw_key(w, "severity_message");
		put_msg(w, k->severity_m);
	}
	if (k->entity_m) {
		jw_key(w, "entity_message");
		put_msg(w, k->entity_m);
	}
	kint(w, "score", k->score);
	kstr(w, "residual", k->residual);
	jw_key(w, "mitigations");
	jw_arr(w);
	for (size_t j = 0; j < k->nmits; j++) {
		const mf_mitigation *mi = k->mits[j].m;
		jw_obj(w);
		kstr(w, "id", mi->id);
		kstr_or_null(w, "kind", mi->kind == MF_MKIND_NONE ? NULL : mf_mkind_names[mi->kind]);
		kbool(w, "acts", k->mits[j].acts);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	const mf_treatment *t = k->treatment;
	jw_key(w, "treatment");
	if (t) {
		jw_obj(w);
		kstr(w, "decision", mf_decision_names[t->decision]);
		kstr(w, "by", t->by);
		kstr(w, "date", t->date);
		kstr_or_null(w, "note", t->note);
		jw_obj_end(w);
	} else {
		jw_null(w);
	}
	jw_obj_end(w);
}

/* The risk register's own state: its digest, what it did not use. */
static void
put_register(jw *w, const sc_risks *rs)
{
	jw_obj(w);
	kstr(w, "digest", rs->digest);
	kbool(w, "observed_evidence", rs->observed_evidence);
	jw_key(w, "unused_mitigations");
	jw_arr(w);
	for (size_t i = 0; i < rs->nunused; i++)
		str(w, rs->unused[i]->id);
	jw_arr_end(w);
	jw_key(w, "stale_treatments");
	jw_arr(w);
	for (size_t i = 0; i < rs->nstale; i++)
		str(w, rs->stale[i]->risk);
	jw_arr_end(w);
	jw_key(w, "unsettled");
	jw_arr(w);
	for (size_t i = 0; i < rs->nunsettled; i++) {
		jw_obj(w);
		kstr(w, "name", rs->unsettled[i].name);
		kbool(w, "observed", rs->unsettled[i].observed);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	kint(w, "unsettled_more", (long long)rs->unsettled_more);
	jw_obj_end(w);
}

/* The geolocation databases and the registry the filing rests on. */
static void
put_data_sources(jw *w, const sc_filing *fl)
{
	jw_obj(w);
	jw_key(w, "geodb");
	jw_arr(w);
	for (size_t i = 0; i < fl->ngeodbs; i++) {
		const ev_geodb *gd = fl->geodbs[i].db;
		jw_obj(w);
		kstr(w, "file", gd->label);
		kstr_or_null(w, "type", gd->type);
		kstr(w, "build_date", gd->build_date);
		kstr(w, "data_date", gd->data_date);
		kint(w, "age_days", fl->geodbs[i].age_days);
		kbool(w, "stale", fl->geodbs[i].stale);
		kstr_or_null(w, "attribution", gd->description);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "registry");
	if (fl->has_registry) {
		jw_obj(w);
		kint(w, "entities", (long long)fl->registry_entities);
		kstr(w, "reviewed_oldest", fl->registry_oldest);
		kstr(w, "reviewed_newest", fl->registry_newest);
		jw_obj_end(w);
	} else {
		jw_null(w);
	}
	jw_obj_end(w);
}

static void
put_waiver(jw *w, const rs_waiver *wv)
{
	jw_obj(w);
	kstr(w, "requirement", wv->requirement);
	kstr(w, "subject", wv->subject);
	kstr(w, "status", rs_waiver_status_names[wv->status]);
	kstr(w, "expires", wv->expires);
	kstr(w, "approved_by", wv->approved_by);
	kstr(w, "reason", wv->reason);
	jw_obj_end(w);
}

/* The findings document, member by member. The loops over what grows
 * with the manifest stop at the first failure. */
static void
put_findings(jw *w, const sc_filing *fl)
{
	const sc_result *r = fl->result;
	jw_obj(w);
	kint(w, "schema_version", 1);
	jw_key(w, "tool");
	jw_obj(w);
	kstr(w, "name", "sovcheck");
	kstr(w, "version", sc_version());
	jw_obj_end(w);
	kstr(w, "service", r->service);
	kstr(w, "provider", r->provider);
	kstr(w, "pack", r->pack_id);
	kstr(w, "pack_version", r->pack_version);
	kstr(w, "date", r->date);
	kstr(w, "mode", r->offline ? "offline" : "live");
	jw_key(w, "summary");
	put_counts(w, r->counts);

	jw_key(w, "requirements");
	jw_arr(w);
	for (size_t i = 0; i < r->nreqs && w->fail == JW_OK; i++)
		put_requirement(w, &r->reqs[i]);
	jw_arr_end(w);
	jw_key(w, "packs");
	put_packs(w, r);
	jw_key(w, "dependencies");
	jw_arr(w);
	const sc_graph *g = fl->graph;
	for (size_t i = 0; g && i < g->ndeps && w->fail == JW_OK; i++)
		put_dependency(w, fl, &g->deps[i]);
	jw_arr_end(w);
	jw_key(w, "risks");
	jw_arr(w);
	for (size_t i = 0; i < fl->risks->n && w->fail == JW_OK; i++)
		put_risk(w, &fl->risks->v[i]);
	jw_arr_end(w);
	jw_key(w, "register");
	put_register(w, fl->risks);
	jw_key(w, "data_sources");
	put_data_sources(w, fl);
	jw_key(w, "waivers");
	jw_arr(w);
	for (size_t i = 0; i < r->nwaivers && w->fail == JW_OK; i++)
		put_waiver(w, &r->waivers[i]);
	jw_arr_end(w);
	jw_obj_end(w);
}

sc_status
render_findings_json_stream(const sc_filing *f, sc_lang lang, util_sink out, sc_err *err)
{
	(void)lang;
	jw w;
	jw_init_jansson(&w, out);
	put_findings(&w, f);
	jw_fail jf = jw_finish(&w);
	/* Text files end with a newline. */
	if (jf == JW_OK && !out.write(out.ctx, "\n", 1))
		jf = JW_SINK;
	switch (jf) {
	case JW_OK:
		return SC_OK;
	case JW_SINK:
		return util_err(err, SC_ERR_IO, NULL, 0, 0, "io", "findings.json could not be "
		                "written");
	case JW_NOMEM:
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	case JW_REAL:
		/* a score that is NaN or infinite: JSON has no text for it */
	case JW_NOT_UTF8:
	case JW_UNSORTED:
	case JW_MISUSE:
		break;
	}
	return util_err(err, SC_ERR_INTERNAL, NULL, 0, 0, "internal", "findings.json: %s",
	                jw_fail_string(jf));
}

sc_status
render_findings_json(const sc_filing *f, sc_lang lang, strbuf *out, sc_err *err)
{
	sc_status st = render_findings_json_stream(f, lang, util_sink_strbuf(out), err);
	if (st == SC_ERR_IO && out->oom)
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	return st;
}
