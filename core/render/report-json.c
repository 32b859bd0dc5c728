/*
 * report-json.c — findings.json (schema_version 1, docs/outputs.md), written with
 * jansson (which escapes) and atomically. Key order is fixed and every list
 * is sorted, so the same inputs give byte-identical files.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "msg.h"
#include "render.h"

/* jansson reports allocation failure as NULL; collect it in one flag. */
struct jb {
	bool oom;
};

static json_t *
jstr(struct jb *b, const char *s)
{
	json_t *j = json_string(s ? s : "");
	if (j == NULL) {
		/* json_string refuses invalid UTF-8: never drop a value silently. */
		j = json_string("(invalid UTF-8)");
		if (j == NULL)
			b->oom = true;
	}
	return j;
}

static void
set(struct jb *b, json_t *obj, const char *key, json_t *v)
{
	if (v == NULL || json_object_set_new(obj, key, v) != 0)
		b->oom = true;
}

static void
push(struct jb *b, json_t *arr, json_t *v)
{
	if (v == NULL || json_array_append_new(arr, v) != 0)
		b->oom = true;
}

static json_t *
jstr_or_null(struct jb *b, const char *s)
{
	return s ? jstr(b, s) : json_null();
}

/* What the geolocation rule made of one field of an address: null for a
 * node that is no address; {"outcome", "db", "prefix"} with, when the
 * databases disagree, "against" and "against_prefix" (docs/outputs.md). */
static json_t *
decision_json(struct jb *b, const sc_filing *fl, const gn_dep *d, bool asn)
{
	if (strcmp(d->kind, "ip") != 0)
		return json_null();
	const sc_geo_decision *k = asn ? &d->geo_asn : &d->geo_country;
	json_t *o = json_object();
	if (o == NULL) {
		b->oom = true;
		return NULL;
	}
	set(b, o, "outcome", jstr(b, sc_geo_outcome_to_string(k->outcome)));
	if (k->outcome == SC_GEO_NONE || d->geo == NULL)
		return o;
	const ev_geo_src *by = &d->geo->src[k->by], *vs = &d->geo->src[k->against];
	set(b, o, "db", jstr(b, graph_geo_db(fl->graph, d, k->by)));
	set(b, o, "prefix", json_integer(asn ? by->asn_prefix : by->country_prefix));
	if (k->outcome == SC_GEO_SETTLED || k->outcome == SC_GEO_CONFLICT) {
		set(b, o, "against", jstr(b, graph_geo_db(fl->graph, d, k->against)));
		set(b, o, "against_prefix", json_integer(asn ? vs->asn_prefix : vs->country_prefix));
	}
	return o;
}

static json_t *msg_json(struct jb *b, const sc_msg *m);

/* A message's value: a string (a word is its vocabulary value, a country
 * its code), a number, a nested message or an array. */
static json_t *
param_json(struct jb *b, const msg_param *p)
{
	switch (p->type) {
	case MP_NUM:
		return json_integer(p->num);
	case MP_WORD: {
		const char *c = strchr(p->s, ':');
		return jstr(b, c ? c + 1 : p->s);
	}
	case MP_MSG:
		return msg_json(b, p->m);
	case MP_LIST: {
		json_t *a = json_array();
		for (size_t i = 0; a && p->list && i < p->list->n; i++)
			push(b, a, param_json(b, &p->list->v[i]));
		if (a == NULL)
			b->oom = true;
		return a;
	}
	default:
		return jstr(b, p->s);
	}
}

/* {"code": "…", "params": {"name": value, …}} */
static json_t *
msg_json(struct jb *b, const sc_msg *m)
{
	json_t *o = json_object(), *ps = json_object();
	if (o == NULL || ps == NULL) {
		json_decref(o);
		json_decref(ps);
		b->oom = true;
		return NULL;
	}
	set(b, o, "code", jstr(b, m->code));
	for (size_t i = 0; i < m->n; i++)
		set(b, ps, m->p[i].name, param_json(b, &m->p[i]));
	set(b, o, "params", ps);
	return o;
}

/* "code" and "params" of a message into obj. */
static void
set_msg(struct jb *b, json_t *obj, const sc_msg *m)
{
	json_t *j = msg_json(b, m);
	if (j == NULL)
		return;
	set(b, obj, "code", json_incref(json_object_get(j, "code")));
	set(b, obj, "params", json_incref(json_object_get(j, "params")));
	json_decref(j);
}

static json_t *
finding_json(struct jb *b, const rs_req *q, const rs_finding *f)
{
	json_t *o = json_object();
	if (o == NULL) {
		b->oom = true;
		return NULL;
	}
	set(b, o, "subject", jstr(b, f->subject));
	set(b, o, "verdict", jstr(b, sc_verdict_to_string(f->verdict)));
	set(b, o, "reason", jstr(b, f->reason));
	if (f->msg)
		set_msg(b, o, f->msg);
	json_t *ev = json_array();
	for (size_t i = 0; ev && i < f->nevidence; i++)
		push(b, ev, jstr(b, f->evidence[i]));
	set(b, o, "evidence", ev);
	set(b, o, "source", jstr(b, rs_origin_names[f->origin]));
	if (f->computation)
		set(b, o, "computation", jstr(b, f->computation));
	if (f->severity)
		set(b, o, "severity", jstr(b, f->severity));
	if (f->factor >= 0 && q->req->factors)
		set(b, o, "factor", jstr(b, q->req->factors[f->factor].id));
	return o;
}

/* A scored requirement: its level, the minimum it needs, its weight, and
 * each factor with its verdict, the evidence that decided it and whether
 * it holds the level down. */
static json_t *
objective_json(struct jb *b, const rs_req *q)
{
	const sc_requirement *rq = q->req;
	json_t *o = json_object(), *fs = json_array(), *capped = json_array();
	if (o == NULL || fs == NULL || capped == NULL) {
		json_decref(o);
		json_decref(fs);
		json_decref(capped);
		b->oom = true;
		return NULL;
	}
	set(b, o, "level", json_integer(q->level));
	set(b, o, "minimum", json_integer(rq->minimum));
	set(b, o, "weight", json_integer(rq->weight));
	for (size_t i = 0; i < rq->nfactors; i++) {
		const pk_factor *pf = &rq->factors[i];
		json_t *x = json_object(), *ev = json_array();
		if (x == NULL || ev == NULL) {
			json_decref(x);
			json_decref(ev);
			b->oom = true;
			break;
		}
		set(b, x, "id", jstr(b, pf->id));
		set(b, x, "title", jstr(b, pf->title_en));
		set(b, x, "title_fr", jstr(b, pf->title_fr));
		set(b, x, "seal", json_integer(pf->seal));
		/* an unseen factor an assessor decided (sovereignty.assessments) */
		bool assessed = false;
		for (size_t j = 0; j < q->n; j++)
			assessed |= q->f[j].factor == (int)i && q->f[j].msg &&
			            strncmp(q->f[j].msg->code, "seal.assessed_", 14) == 0;
		set(b, x, "basis", jstr(b, assessed ? "assessed" : rs_factor_basis(rq, i)));
		set(b, x, "verdict", jstr(b, sc_verdict_to_string(q->factors[i].verdict)));
		set(b, x, "met", json_boolean(q->factors[i].met));
		if (pf->unseen_en) {
			set(b, x, "unseen", jstr(b, pf->unseen_en));
			set(b, x, "unseen_fr", jstr(b, pf->unseen_fr));
		}
		for (size_t j = 0; j < q->n; j++)
			for (size_t k = 0; q->f[j].factor == (int)i && k < q->f[j].nevidence; k++) {
				bool dup = false;
				for (size_t m = 0; m < json_array_size(ev); m++)
					dup |= strcmp(json_string_value(json_array_get(ev, m)),
					              q->f[j].evidence[k]) == 0;
				if (!dup)
					push(b, ev, jstr(b, q->f[j].evidence[k]));
			}
		set(b, x, "evidence", ev);
		push(b, fs, x);
		if (rs_factor_caps(q, i))
			push(b, capped, jstr(b, pf->id));
	}
	set(b, o, "factors", fs);
	set(b, o, "capped_by", capped);
	return o;
}

/* One object per pack judged: its requirements (ids), verdict, counts
 * and, for a scored pack, the weighted score and what it rests on. */
static json_t *
packs_json(struct jb *b, const sc_result *r)
{
	json_t *a = json_array();
	for (size_t k = 0; a && k < r->npacks; k++) {
		const rs_pack *p = &r->packs[k];
		const sc_pack *pk = p->pack;
		json_t *o = json_object(), *ids = json_array(), *sum = json_object();
		if (o == NULL || ids == NULL || sum == NULL) {
			json_decref(o);
			json_decref(ids);
			json_decref(sum);
			b->oom = true;
			break;
		}
		set(b, o, "id", jstr(b, sc_pack_id(pk)));
		set(b, o, "version", jstr(b, sc_pack_version(pk)));
		set(b, o, "title", jstr(b, pk->title_en));
		set(b, o, "title_fr", jstr(b, pk->title_fr));
		set(b, o, "authority", jstr_or_null(b, pk->authority));
		set(b, o, "source", jstr_or_null(b, pk->source));
		set(b, o, "verdict", jstr(b, sc_verdict_to_string(p->verdict)));
		for (int v = 0; v < SC_VERDICT_COUNT; v++)
			set(b, sum, sc_verdict_to_string((sc_verdict)v),
			    json_integer((json_int_t)p->counts[v]));
		set(b, o, "summary", sum);
		for (size_t i = p->first; i < p->first + p->n; i++)
			push(b, ids, jstr(b, sc_requirement_id(r->reqs[i].req)));
		set(b, o, "requirements", ids);
		if (pk->scoring.seal) {
			const pk_scoring *sc = &pk->scoring;
			json_t *s = json_object(), *lv = json_array();
			if (s == NULL || lv == NULL) {
				json_decref(s);
				json_decref(lv);
				b->oom = true;
				break;
			}
			set(b, s, "method", jstr(b, "seal"));
			set(b, s, "score", json_real(p->score));
			set(b, s, "max", json_integer(100));
			set(b, s, "minimum", json_integer(sc->minimum));
			set(b, s, "weights_source", jstr_or_null(b, sc->weights_source));
			set(b, s, "note", jstr_or_null(b, sc->note_en));
			set(b, s, "note_fr", jstr_or_null(b, sc->note_fr));
			for (int l = 0; l <= PK_SEAL_MAX; l++) {
				json_t *x = json_object();
				if (x == NULL) {
					b->oom = true;
					break;
				}
				set(b, x, "level", json_integer(l));
				set(b, x, "title", jstr(b, sc->level_en[l]));
				set(b, x, "title_fr", jstr(b, sc->level_fr[l]));
				push(b, lv, x);
			}
			set(b, s, "levels", lv);
			set(b, o, "scoring", s);
		}
		push(b, a, o);
	}
	if (a == NULL)
		b->oom = true;
	return a;
}



/* The findings document (new reference), NULL on out-of-memory. */
static json_t *
findings_json(const sc_filing *fl)
{
	const sc_result *r = fl->result;
	struct jb b = {false};
	json_t *root = json_object();
	if (root == NULL)
		return NULL;
	set(&b, root, "schema_version", json_integer(1));
	json_t *tool = json_object();
	if (tool) {
		set(&b, tool, "name", jstr(&b, "sovcheck"));
		set(&b, tool, "version", jstr(&b, sc_version()));
	}
	set(&b, root, "tool", tool);
	set(&b, root, "service", jstr(&b, r->service));
	set(&b, root, "provider", jstr(&b, r->provider));
	set(&b, root, "pack", jstr(&b, r->pack_id));
	set(&b, root, "pack_version", jstr(&b, r->pack_version));
	set(&b, root, "date", jstr(&b, r->date));
	set(&b, root, "mode", jstr(&b, r->offline ? "offline" : "live"));
	json_t *sum = json_object();
	for (int v = 0; sum && v < SC_VERDICT_COUNT; v++)
		set(&b, sum, sc_verdict_to_string((sc_verdict)v),
		    json_integer((json_int_t)r->counts[v]));
	set(&b, root, "summary", sum);

	json_t *reqs = json_array();
	for (size_t i = 0; reqs && i < r->nreqs; i++) {
		const rs_req *q = &r->reqs[i];
		json_t *o = json_object();
		if (o == NULL) {
			b.oom = true;
			break;
		}
		set(&b, o, "id", jstr(&b, sc_requirement_id(q->req)));
		set(&b, o, "title", jstr(&b, sc_requirement_title(q->req, "en")));
		set(&b, o, "title_fr", jstr(&b, sc_requirement_title(q->req, "fr")));
		set(&b, o, "severity", jstr(&b, sc_requirement_severity(q->req)));
		set(&b, o, "verdict", jstr(&b, sc_verdict_to_string(q->verdict)));
		set(&b, o, "pack", jstr(&b, sc_pack_id(q->req->pack)));
		if (q->level >= 0)
			set(&b, o, "objective", objective_json(&b, q));
		json_t *fs = json_array();
		for (size_t j = 0; fs && j < q->n; j++)
			push(&b, fs, finding_json(&b, q, &q->f[j]));
		set(&b, o, "findings", fs);
		push(&b, reqs, o);
	}
	set(&b, root, "requirements", reqs);
	set(&b, root, "packs", packs_json(&b, r));
	json_t *deps = json_array();
	const sc_graph *g = fl->graph;
	for (size_t i = 0; deps && g && i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		json_t *o = json_object();
		if (o == NULL) {
			b.oom = true;
			break;
		}
		set(&b, o, "subject", jstr(&b, d->subject));
		set(&b, o, "kind", jstr(&b, d->kind));
		set(&b, o, "location", d->location[0] ? jstr(&b, d->location) : json_null());
		json_t *ls = json_array();
		for (size_t k = 0; ls && d->geo && k < d->geo->nsrc; k++) {
			const ev_geo_src *x = &d->geo->src[k];
			json_t *so = json_object();
			if (so == NULL) {
				b.oom = true;
				break;
			}
			set(&b, so, "db", jstr(&b, x->db < fl->ev->ngeodbs ? fl->ev->geodbs[x->db].label
			                                                   : "?"));
			set(&b, so, "country", x->country[0] ? jstr(&b, x->country) : json_null());
			set(&b, so, "asn", x->found_asn ? json_integer(x->asn) : json_null());
			set(&b, so, "network", jstr_or_null(&b, x->network));
			set(&b, so, "country_prefix", x->country[0] ? json_integer(x->country_prefix)
			                                           : json_null());
			set(&b, so, "asn_prefix", x->found_asn ? json_integer(x->asn_prefix) : json_null());
			set(&b, so, "country_source", jstr_or_null(&b, x->country_source));
			set(&b, so, "asn_source", jstr_or_null(&b, x->asn_source));
			push(&b, ls, so);
		}
		set(&b, o, "location_sources", ls);
		set(&b, o, "location_decision", decision_json(&b, fl, d, false));
		set(&b, o, "asn_decision", decision_json(&b, fl, d, true));
		set(&b, o, "anycast", json_boolean(d->anycast));
		set(&b, o, "asn", d->found_asn ? json_integer(d->asn) : json_null());
		set(&b, o, "as_org", d->as_org ? jstr(&b, d->as_org) : json_null());
		set(&b, o, "operator", d->operator_name && *d->operator_name ?
		    jstr(&b, d->operator_name) : json_null());
		set(&b, o, "controller", d->controller ? jstr(&b, sc_entity_name(d->controller)) :
		    json_null());
		const char *cc = d->controller ? sc_entity_country(d->controller) : NULL;
		set(&b, o, "controller_country", cc && *cc ? jstr(&b, cc) : json_null());
		json_t *ch = json_array(), *via = json_array(), *evid = json_array();
		for (size_t k = 0; ch && k < d->nchain; k++)
			push(&b, ch, jstr(&b, d->chain[k]));
		for (size_t k = 0; via && k < d->nvia; k++)
			push(&b, via, jstr(&b, d->via[k]));
		for (size_t k = 0; evid && k < d->nevidence; k++)
			push(&b, evid, jstr(&b, d->evidence[k]));
		set(&b, o, "chain", ch);
		set(&b, o, "via", via);
		set(&b, o, "declared", json_boolean(d->declared));
		set(&b, o, "path", d->path ? jstr(&b, d->path) : json_null());
		set(&b, o, "evidence", evid);
		push(&b, deps, o);
	}
	set(&b, root, "dependencies", deps);
	json_t *rk = json_array();
	for (size_t i = 0; rk && i < fl->risks->n; i++) {
		const rk_risk *k = &fl->risks->v[i];
		json_t *o = json_object(), *lw = json_array(), *dt = json_array(), *mt = json_array(),
		       *ap = json_array();
		if (o == NULL || lw == NULL || dt == NULL || mt == NULL || ap == NULL) {
			json_decref(o);
			json_decref(lw);
			json_decref(dt);
			json_decref(mt);
			json_decref(ap);
			b.oom = true;
			break;
		}
		set(&b, o, "id", jstr(&b, k->id));
		set(&b, o, "entity", jstr(&b, k->entity));
		set(&b, o, "country", jstr(&b, k->country));
		set(&b, o, "nexus", jstr(&b, rk_kind_names[k->kind]));
		set(&b, o, "basis", jstr(&b, k->basis));
		if (k->basis_m)
			set_msg(&b, o, k->basis_m);
		set(&b, o, "relationship", k->relationship ? jstr(&b, k->relationship) : json_null());
		for (unsigned p = 0; p < AC_PATH_COUNT; p++)
			if (k->paths & AC_BIT(p))
				push(&b, ap, jstr(&b, ac_path_names[p]));
		set(&b, o, "access_paths", ap);
		set(&b, o, "access", jstr(&b, k->access));
		set(&b, o, "established_by", jstr(&b, k->path));
		set(&b, o, "observed", json_boolean(k->observed));
		for (size_t j = 0; j < k->nlaws; j++)
			push(&b, lw, jstr(&b, k->laws[j]->id));
		set(&b, o, "laws", lw);
		for (unsigned d = MF_DATA_CUSTOMER + 1; d-- > MF_DATA_NONE;)
			if (k->data & (1u << d))
				push(&b, dt, jstr(&b, mf_data_names[d]));
		set(&b, o, "data", dt);
		set(&b, o, "likelihood", json_integer(k->likelihood));
		set(&b, o, "likelihood_basis", jstr(&b, k->likelihood_basis));
		set(&b, o, "severity", json_integer(k->severity));
		set(&b, o, "severity_basis", jstr(&b, k->severity_basis));
		if (k->likelihood_m)
			set(&b, o, "likelihood_message", msg_json(&b, k->likelihood_m));
		if (k->severity_m)
			set(&b, o, "severity_message", msg_json(&b, k->severity_m));
		if (k->entity_m)
			set(&b, o, "entity_message", msg_json(&b, k->entity_m));
		set(&b, o, "score", json_integer(k->score));
		set(&b, o, "residual", jstr(&b, k->residual));
		for (size_t j = 0; j < k->nmits; j++) {
			json_t *mo = json_object();
			if (mo == NULL) {
				b.oom = true;
				break;
			}
			const mf_mitigation *mi = k->mits[j].m;
			set(&b, mo, "id", jstr(&b, mi->id));
			set(&b, mo, "kind", mi->kind == MF_MKIND_NONE ? json_null() :
			    jstr(&b, mf_mkind_names[mi->kind]));
			set(&b, mo, "acts", json_boolean(k->mits[j].acts));
			push(&b, mt, mo);
		}
		set(&b, o, "mitigations", mt);
		const mf_treatment *t = k->treatment;
		json_t *to = t ? json_object() : json_null();
		if (t && to) {
			set(&b, to, "decision", jstr(&b, mf_decision_names[t->decision]));
			set(&b, to, "by", jstr(&b, t->by));
			set(&b, to, "date", jstr(&b, t->date));
			set(&b, to, "note", t->note ? jstr(&b, t->note) : json_null());
		}
		set(&b, o, "treatment", to);
		push(&b, rk, o);
	}
	set(&b, root, "risks", rk);
	json_t *reg = json_object(), *um = json_array(), *st = json_array();
	if (reg == NULL || um == NULL || st == NULL) {
		json_decref(reg);
		json_decref(um);
		json_decref(st);
		b.oom = true;
	} else {
		set(&b, reg, "digest", jstr(&b, fl->risks->digest));
		set(&b, reg, "observed_evidence", json_boolean(fl->risks->observed_evidence));
		for (size_t i = 0; i < fl->risks->nunused; i++)
			push(&b, um, jstr(&b, fl->risks->unused[i]->id));
		set(&b, reg, "unused_mitigations", um);
		for (size_t i = 0; i < fl->risks->nstale; i++)
			push(&b, st, jstr(&b, fl->risks->stale[i]->risk));
		set(&b, reg, "stale_treatments", st);
		set(&b, root, "register", reg);
	}

	json_t *src = json_object(), *gl = json_array();
	for (size_t i = 0; gl && i < fl->ngeodbs; i++) {
		const ev_geodb *gd = fl->geodbs[i].db;
		json_t *o = json_object();
		if (o == NULL) {
			b.oom = true;
			break;
		}
		set(&b, o, "file", jstr(&b, gd->label));
		set(&b, o, "type", gd->type ? jstr(&b, gd->type) : json_null());
		set(&b, o, "build_date", jstr(&b, gd->build_date));
		set(&b, o, "data_date", jstr(&b, gd->data_date));
		set(&b, o, "age_days", json_integer(fl->geodbs[i].age_days));
		set(&b, o, "stale", json_boolean(fl->geodbs[i].stale));
		set(&b, o, "attribution", gd->description ? jstr(&b, gd->description) : json_null());
		push(&b, gl, o);
	}
	if (src) {
		set(&b, src, "geodb", gl);
		if (fl->has_registry) {
			json_t *rg = json_object();
			if (rg) {
				set(&b, rg, "entities", json_integer((json_int_t)fl->registry_entities));
				set(&b, rg, "reviewed_oldest", jstr(&b, fl->registry_oldest));
				set(&b, rg, "reviewed_newest", jstr(&b, fl->registry_newest));
			}
			set(&b, src, "registry", rg);
		} else {
			set(&b, src, "registry", json_null());
		}
	}
	set(&b, root, "data_sources", src);

	json_t *ws = json_array();
	for (size_t i = 0; ws && i < r->nwaivers; i++) {
		const rs_waiver *w = &r->waivers[i];
		json_t *o = json_object();
		if (o == NULL) {
			b.oom = true;
			break;
		}
		set(&b, o, "requirement", jstr(&b, w->requirement));
		set(&b, o, "subject", jstr(&b, w->subject));
		set(&b, o, "status", jstr(&b, rs_waiver_status_names[w->status]));
		set(&b, o, "expires", jstr(&b, w->expires));
		set(&b, o, "approved_by", jstr(&b, w->approved_by));
		set(&b, o, "reason", jstr(&b, w->reason));
		push(&b, ws, o);
	}
	set(&b, root, "waivers", ws);

	if (b.oom) {
		json_decref(root);
		return NULL;
	}
	return root;
}

sc_status
render_findings_json(const sc_filing *f, sc_lang lang, strbuf *out, sc_err *err)
{
	json_t *root = findings_json(f);
	bool ok = root != NULL && util_json_text(root, out);
	json_decref(root);
	return ok ? SC_OK : util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
}
