/*
 * eval.c — the evaluate stage (docs/architecture.md): run a policy pack
 * over a manifest and the dependency graph, one verdict per requirement
 * and per subject, then apply waivers. The checks themselves are in
 * eval-declared.c, eval-shareholding.c, eval-observed.c and
 * eval-sovereignty.c; the product, sc_result, in result.c.
 *
 * Pure: no I/O, no clock — the evaluation date is injected. Missing
 * declarations and missing evidence give `unknown`, never `pass` (fail
 * closed). A requirement's verdict is the worst of its findings.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eval-internal.h"

static int
id_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Dispatch one check of the pack to the function of its kind. Observed
 * kinds go through eval_check_observed(), which first asks whether the
 * evidence they need was collected. */
static void
run_check(struct eval_ctx *e, const pk_check *c)
{
	if (pk_check_observed(c->kind)) {
		eval_check_observed(e, c);
		return;
	}
	switch (c->kind) {
	case PK_RESIDUAL_RISK_DOCUMENT: eval_check_residual_risk_document(e, c); break;
	case PK_SIGN_OFF_PRESENT: eval_check_sign_off_present(e, c); break;
	case PK_SIGN_OFF_COVERS_REGISTER: eval_check_sign_off_covers_register(e, c); break;
	case PK_SIGN_OFF_FRESH: eval_check_sign_off_fresh(e, c); break;
	case PK_DATA_LOCATION_DOCUMENTED: eval_check_data_location_documented(e, c); break;
	case PK_SITES_IN_SET: eval_check_sites_in_set(e, c); break;
	case PK_ADMINISTRATION_IN_SET: eval_check_administration_in_set(e, c); break;
	case PK_SUPPORT_DOCUMENTED: eval_check_support_documented(e, c); break;
	case PK_SEAT_IN_SET: eval_check_seat_in_set(e, c); break;
	case PK_SHAREHOLDING_CAPS: eval_check_shareholding(e, c); break;
	case PK_SUBCONTRACTOR_NO_ACCESS: eval_check_subcontractor_no_access(e, c); break;
	case PK_SUBCONTRACTOR_AUTONOMY: eval_check_subcontractor_autonomy(e, c); break;
	case PK_GOVERNMENT_LINKS: eval_check_government_links(e, c); break;
	case PK_CHANGE_NOTICE: eval_check_change_notice(e, c); break;
	case PK_THIRD_PARTIES_LISTED: eval_check_third_parties_listed(e, c); break;
	case PK_CERTIFICATIONS: eval_check_certifications(e, c); break;
	case PK_SOC_IN_SET: eval_check_soc_in_set(e, c); break;
	case PK_HARDWARE_IN_SET: eval_check_hardware_in_set(e, c); break;
	case PK_SOURCE_AVAILABLE: eval_check_source_available(e, c); break;
	case PK_ENERGY_DISCLOSED: eval_check_energy_disclosed(e, c); break;
	case PK_CUSTOMER_HELD_KEYS: eval_check_customer_held_keys(e, c); break;
	case PK_SOFTWARE_SUPPLIERS_IN_SET: eval_check_software_suppliers_in_set(e, c); break;
	case PK_REGISTER_COMPLETE: eval_check_register_complete(e, c); break;
	case PK_CONCENTRATION: eval_check_concentration(e, c); break;
	case PK_SUPPLY_CHAIN_EXPOSURE: eval_check_supply_chain_exposure(e, c); break;
	case PK_SUPPORT_IN_SET: eval_check_support_in_set(e, c); break;
	case PK_OBSERVED_LOCATION:
	case PK_OBSERVED_ADMIN:
	case PK_OBSERVED_OPERATOR_CONTROL:
	case PK_OBSERVED_CA_OWNER:
	case PK_OBSERVED_THIRD_PARTIES:
	case PK_OBSERVED_PUBLISHED_CONTROL:
	case PK_LOCATIONS_AS_STATED:
		break; /* handled above */
	}
}

/* ------------------------------------------------------------- waivers */

static void
apply_waivers(struct eval_ctx *e)
{
	const sc_manifest *m = e->m;
	sc_result *r = e->r;
	if (m->nwaivers == 0)
		return;
	r->waivers = calloc(m->nwaivers, sizeof(*r->waivers));
	if (r->waivers == NULL) {
		e->oom = true;
		return;
	}
	for (size_t i = 0; i < m->nwaivers; i++) {
		const mf_waiver *w = &m->waivers[i];
		rs_waiver *o = &r->waivers[r->nwaivers++];
		o->requirement = util_strdup0(w->requirement);
		o->subject = util_strdup0(w->subject);
		o->reason = util_strdup0(w->reason);
		o->approved_by = util_strdup0(w->approved_by);
		memcpy(o->expires, w->expires, sizeof(o->expires));
		o->status = RS_WAIVER_UNKNOWN_REQUIREMENT;
		if (!w->requirement || !w->subject)
			continue;
		rs_req *q = NULL;
		for (size_t j = 0; j < r->nreqs; j++)
			if (strcmp(sc_requirement_id(r->reqs[j].req), w->requirement) == 0)
				q = &r->reqs[j];
		if (q == NULL)
			continue;
		o->status = RS_WAIVER_UNUSED;
		bool expired = eval_days_of(w->expires) < e->today;
		for (size_t j = 0; j < q->n; j++) {
			rs_finding *f = &q->f[j];
			if (f->verdict != SC_FAIL || strcmp(f->subject, w->subject) != 0)
				continue;
			strbuf sb;
			sb_init(&sb);
			char *tmp = NULL;
			const char *own = rs_finding_reason(f, &tmp);
			if (own == NULL)
				sb.oom = true;
			else
				sb_puts(&sb, own);
			free(tmp);
			if (expired) {
				sb_printf(&sb, " — the waiver approved by %s expired on %s and no longer "
				          "applies", w->approved_by, w->expires);
				o->status = RS_WAIVER_EXPIRED;
			} else {
				sb_printf(&sb, " — waived until %s, approved by %s: %s", w->expires,
				          w->approved_by, w->reason);
				f->verdict = SC_WAIVED;
				o->status = RS_WAIVER_APPLIED;
			}
			if (sb.oom || sb.s == NULL) {
				e->oom = true;
				sb_free(&sb);
				continue;
			}
			/* The message: the finding's own, then the waiver. */
			sc_msg *wm = msg_new(expired ? "waiver.expired" : "waiver.applied");
			if (f->msg)
				msg_sub(wm, "finding", f->msg);
			else
				msg_text(wm, "finding", f->reason);
			f->msg = NULL;
			free(f->reason);
			f->reason = sb.s;
			msg_text(wm, "by", w->approved_by);
			msg_date(wm, "expires", w->expires);
			msg_text(wm, "reason", w->reason);
			if (wm == NULL || wm->oom) {
				msg_free(wm);
				e->oom = true;
				continue;
			}
			f->msg = wm;
		}
		if (expired && o->status == RS_WAIVER_UNUSED)
			o->status = RS_WAIVER_EXPIRED;
	}
}

/* An outside-in review (a manifest written by probe) declares nothing of
 * the supplier's: a check that fails a missing declaration (no sign-off,
 * no data sites, no third-party list; an observed party "undeclared")
 * cannot say the supplier lacks it — such a finding is unknown, said so. */
static const char *const absent_codes[] = {"signoff.missing", "signoff.no_review",
	"sites.none", "subs.missing", "tp.undeclared", NULL};

static void
outside_in_absences(struct eval_ctx *e, rs_req *q)
{
	for (size_t j = 0; j < q->n; j++) {
		rs_finding *f = &q->f[j];
		if (f->verdict != SC_FAIL || f->msg == NULL)
			continue;
		bool absent = false;
		for (size_t k = 0; absent_codes[k] && !absent; k++)
			absent = strcmp(f->msg->code, absent_codes[k]) == 0;
		if (!absent)
			continue;
		sc_msg *w = msg_new("outside.undeclared");
		msg_sub(w, "finding", f->msg);
		f->msg = NULL;
		if (w == NULL || w->oom) {
			msg_free(w);
			e->oom = true;
			return;
		}
		free(f->reason);   /* the message says it */
		f->reason = NULL;
		f->msg = w;
		f->verdict = SC_UNKNOWN;
	}
}

/* ------------------------------------------------------- scored packs */

/* A factor nothing sovcheck collects or reads decides: judged by the
 * assessment the manifest records for it, if one stands at the evaluation
 * date (eval-sovereignty.c); else unknown, said so (the pack's unseen text
 * says what would decide it). */
static void
unseen_factor(struct eval_ctx *e, const pk_factor *f)
{
	if (eval_assessed_factor(e, f))
		return;
	sc_msg *m = msg_new("seal.unseen");
	msg_text(m, "factor", f->id);
	msg_num(m, "seal", f->seal);
	eval_addm(e, f->id, SC_UNKNOWN, RS_DECLARED, m);
}

/* Judge a scored requirement from its findings: each factor's verdict
 * (the worst of its findings), the level (pk_seal_level(): a factor not
 * met, whatever the reason, caps it) and the verdict against the
 * requirement's minimum level: pass when reached, else the worst of the
 * factors that the minimum needs and that are not met. Findings of
 * factors above the minimum only lower the score: severity info. */
static bool
score_requirement(rs_req *q)
{
	const sc_requirement *rq = q->req;
	size_t n = rq->nfactors;
	q->factors = calloc(n, sizeof(*q->factors));
	int *seal = calloc(n, sizeof(int));
	bool *met = calloc(n, sizeof(bool));
	bool ok = q->factors && seal && met;
	for (size_t i = 0; ok && i < n; i++) {
		sc_verdict v = SC_NOT_APPLICABLE;
		for (size_t j = 0; j < q->n; j++)
			if (q->f[j].factor == (int)i &&
			    rs_verdict_rank(q->f[j].verdict) > rs_verdict_rank(v))
				v = q->f[j].verdict;
		q->factors[i].verdict = v;
		q->factors[i].met = met[i] = v == SC_PASS || v == SC_NOT_APPLICABLE;
		seal[i] = rq->factors[i].seal;
	}
	if (ok) {
		q->level = pk_seal_level(seal, met, n);
		q->verdict = SC_PASS;
		if (q->level < rq->minimum) {
			q->verdict = SC_NOT_APPLICABLE;
			for (size_t i = 0; i < n; i++)
				if (!met[i] && seal[i] <= rq->minimum &&
				    rs_verdict_rank(q->factors[i].verdict) > rs_verdict_rank(q->verdict))
					q->verdict = q->factors[i].verdict;
		}
		for (size_t j = 0; j < q->n; j++) {
			rs_finding *f = &q->f[j];
			if (f->factor >= 0 && seal[f->factor] > rq->minimum &&
			    (f->verdict == SC_FAIL || f->verdict == SC_UNKNOWN) && f->severity == NULL &&
			    (f->severity = strdup("info")) == NULL)
				ok = false;
		}
	}
	free(seal);
	free(met);
	return ok;
}

/* One rs_pack per pack of the list: its requirements, verdict, counts and
 * (scored packs) the weighted score: sum of weight x level / max level. */
static bool
judge_packs(sc_result *r, const sc_pack *pack)
{
	size_t np = pk_part_count(pack), at = 0;
	r->packs = calloc(np, sizeof(*r->packs));
	if (r->packs == NULL)
		return false;
	for (size_t k = 0; k < np; k++) {
		rs_pack *o = &r->packs[r->npacks++];
		o->pack = pk_part(pack, k);
		o->first = at;
		o->n = sc_pack_count(o->pack);
		if (o->first + o->n > r->nreqs)
			o->n = r->nreqs - o->first;
		at += o->n;
		o->verdict = SC_NOT_APPLICABLE;
		o->score = o->pack->scoring.seal ? 0 : -1;
		for (size_t i = o->first; i < o->first + o->n; i++) {
			const rs_req *q = &r->reqs[i];
			o->counts[q->verdict]++;
			if (rs_verdict_rank(q->verdict) > rs_verdict_rank(o->verdict))
				o->verdict = q->verdict;
			if (o->score >= 0 && q->level >= 0 && q->req->weight > 0)
				o->score += (double)q->req->weight * q->level / PK_SEAL_MAX;
		}
	}
	return true;
}

/* ---------------------------------------------------------------- main */

static int
finding_cmp(const void *a, const void *b)
{
	const rs_finding *x = a, *y = b;
	if (x->factor != y->factor)
		return x->factor < y->factor ? -1 : 1;
	if (x->origin != y->origin)
		return x->origin < y->origin ? -1 : 1;
	int c = strcmp(x->subject, y->subject);
	if (c)
		return c;
	/* (the same subject twice in a requirement: the sentences, rendered
	 * for the comparison; out of memory compares as empty) */
	char *ta = NULL, *tb = NULL;
	const char *ra = rs_finding_reason(x, &ta), *rb = rs_finding_reason(y, &tb);
	c = strcmp(ra ? ra : "", rb ? rb : "");
	free(ta);
	free(tb);
	return c;
}

sc_status
sc_eval(const sc_manifest *m, const sc_pack *pack, const sc_eval_opts *o,
        sc_result **ret, sc_err *err)
{
	if (m == NULL || pack == NULL || o == NULL || ret == NULL)
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "usage", "sc_eval: NULL argument");
	char date[48];
	snprintf(date, sizeof(date), "%04d-%02d-%02d", o->year, o->month, o->day);
	if (!sc_date_parse(date, NULL, NULL, NULL))
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "date",
		                "invalid evaluation date %s", date);
	sc_result *r = calloc(1, sizeof(*r));
	if (r == NULL || (r->strs = util_strpool_new()) == NULL ||
	    (r->views = calloc(1, sizeof(*r->views))) == NULL) {
		if (r != NULL)
			util_strpool_free(r->strs);
		free(r);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	memcpy(r->date, date, 11);
	r->m = m;
	r->pack = pack;
	r->document = o->document;
	r->offline = o->offline;
	r->graph = o->graph;
	r->service = strdup(sc_manifest_service_name(m));
	r->provider = strdup(sc_manifest_provider_name(m));
	r->pack_id = strdup(sc_pack_id(pack));
	r->pack_version = strdup(sc_pack_version(pack));
	r->reqs = calloc(pack->nreqs ? pack->nreqs : 1, sizeof(*r->reqs));
	struct eval_ctx e = {m, pack, o, r, NULL, eval_days_of(date), false, -1, NULL, 0};
	if (!r->service || !r->provider || !r->pack_id || !r->pack_version || !r->reqs)
		e.oom = true;
	for (size_t i = 0; !e.oom && i < pack->nreqs; i++) {
		rs_req *q = &r->reqs[r->nreqs++];
		q->req = &pack->reqs[i];
		q->level = -1;
		e.cur = q;
		for (size_t j = 0; j < q->req->nchecks; j++) {
			e.factor = q->req->checks[j].factor;
			size_t n0 = q->n;
			run_check(&e, &q->req->checks[j]);
			/* The check is done with its messages: each becomes one
			 * read-only block, kept until the documents are written. */
			for (size_t k = n0; k < q->n; k++)
				q->f[k].msg = msg_pack(q->f[k].msg);
		}
		if (m->outside_in)
			outside_in_absences(&e, q);
		for (size_t j = 0; j < q->req->nfactors; j++) {
			e.factor = (int)j;
			if (q->req->factors[j].n == 0)
				unseen_factor(&e, &q->req->factors[j]);
		}
		e.factor = -1;
		/* Kept until the documents are written: no spare room. */
		if (q->n > 0 && q->n < q->cap) {
			rs_finding *p = realloc(q->f, q->n * sizeof(*p));
			if (p != NULL) {
				q->f = p;
				q->cap = q->n;
			}
		}
	}
	/* The findings hold their own references to the shared descriptions. */
	for (size_t i = 0; i < e.nipdesc; i++)
		msg_free(e.ipdesc[i]);
	free(e.ipdesc);
	e.ipdesc = NULL;
	e.nipdesc = 0;
	if (!e.oom)
		apply_waivers(&e);
	if (e.oom) {
		sc_result_free(r);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	for (size_t i = 0; i < r->nreqs; i++) {
		rs_req *q = &r->reqs[i];
		for (size_t j = 0; j < q->n; j++) {
			rs_finding *f = &q->f[j];
			if (f->nevidence < 2)
				continue;
			qsort(f->evidence, f->nevidence, sizeof(char *), id_cmp);
			size_t w = 1;
			for (size_t k = 1; k < f->nevidence; k++) {
				if (strcmp(f->evidence[k], f->evidence[w - 1]) != 0)
					f->evidence[w++] = f->evidence[k];
			}
			f->nevidence = w;
		}
		qsort(q->f, q->n, sizeof(*q->f), finding_cmp);
		q->verdict = SC_NOT_APPLICABLE;
		if (q->req->nfactors) {
			if (!score_requirement(q))
				e.oom = true;
		} else {
			for (size_t j = 0; j < q->n; j++)
				if (rs_verdict_rank(q->f[j].verdict) > rs_verdict_rank(q->verdict))
					q->verdict = q->f[j].verdict;
		}
		r->counts[q->verdict]++;
	}
	if (e.oom || !judge_packs(r, pack)) {
		sc_result_free(r);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	*ret = r;
	return SC_OK;
}
