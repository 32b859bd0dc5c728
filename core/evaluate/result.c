/*
 * result.c — the product of the evaluate stage: verdict names, the result's
 * lifetime and its read-only accessors (sovcheck.h).
 */
#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "graph.h"
#include "msg.h"
#include "policy.h"
#include "result.h"
#include "util.h"

const char *const rs_origin_names[] = {"declared", "observed", NULL};
const char *const rs_waiver_status_names[] = {"applied", "expired", "unused",
	"unknown_requirement", NULL};

static const char *const verdict_names[] = {"pass", "fail", "unknown", "waived",
	"not_applicable", NULL};

const char *
sc_verdict_to_string(sc_verdict v)
{
	switch (v) {
	case SC_PASS:
	case SC_FAIL:
	case SC_UNKNOWN:
	case SC_WAIVED:
	case SC_NOT_APPLICABLE:
		return verdict_names[v];
	}
	return "unknown";
}

bool
sc_verdict_from_string(const char *s, sc_verdict *ret)
{
	for (int i = 0; verdict_names[i]; i++) {
		if (strcmp(s, verdict_names[i]) == 0) {
			*ret = (sc_verdict)i;
			return true;
		}
	}
	return false;
}

int
rs_verdict_rank(sc_verdict v)
{
	switch (v) {
	case SC_NOT_APPLICABLE: return 0;
	case SC_PASS: return 1;
	case SC_WAIVED: return 2;
	case SC_UNKNOWN: return 3;
	case SC_FAIL: return 4;
	}
	return 4;
}

bool
rs_factor_caps(const rs_req *q, size_t i)
{
	if (q->factors == NULL || i >= q->req->nfactors || q->level >= PK_SEAL_MAX)
		return false;
	return !q->factors[i].met && q->req->factors[i].seal == q->level + 1;
}

const char *
rs_factor_basis(const rs_req *q, size_t i)
{
	const sc_requirement *r = q->req;
	const pk_factor *f = &r->factors[i];
	if (f->n == 0) {
		for (size_t j = 0; j < q->n; j++)
			if (q->f[j].factor == (int)i && q->f[j].msg &&
			    strncmp(q->f[j].msg->code, "seal.assessed_", 14) == 0)
				return "assessed";
		return "not-visible";
	}
	for (size_t j = f->first; j < f->first + f->n; j++)
		if (pk_check_observed(r->checks[j].kind))
			return "observed";
	return "declared";
}

void
sc_result_free(sc_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nreqs; i++) {
		for (size_t j = 0; j < r->reqs[i].n; j++) {
			rs_finding *f = &r->reqs[i].f[j];
			free(f->reason);
			msg_free(f->msg);
			free(f->computation);
			free(f->severity);
			free(f->evidence);
		}
		free(r->reqs[i].f);
		free(r->reqs[i].factors);
	}
	free(r->reqs);
	util_strpool_free(r->strs);
	if (r->views != NULL) {
		for (size_t i = 0; i < r->views->n; i++)
			free(r->views->v[i]);
		free(r->views->v);
	}
	free(r->views);
	free(r->packs);
	for (size_t i = 0; i < r->nwaivers; i++) {
		free(r->waivers[i].requirement);
		free(r->waivers[i].subject);
		free(r->waivers[i].reason);
		free(r->waivers[i].approved_by);
	}
	free(r->waivers);
	free(r->service);
	free(r->provider);
	free(r->pack_id);
	free(r->pack_version);
	free(r);
}

size_t
sc_result_count(const sc_result *r, sc_verdict v)
{
	return (unsigned)v < SC_VERDICT_COUNT ? r->counts[v] : 0;
}

int
sc_result_exit_code(const sc_result *r)
{
	if (r->counts[SC_FAIL])
		return 1;
	if (r->counts[SC_UNKNOWN])
		return 2;
	return 0;
}

sc_status
sc_result_requirement(const sc_result *r, const char *id, sc_verdict *ret)
{
	for (size_t i = 0; i < r->nreqs; i++) {
		if (strcmp(sc_requirement_id(r->reqs[i].req), id) == 0) {
			*ret = r->reqs[i].verdict;
			return SC_OK;
		}
	}
	return SC_ERR_NOTFOUND;
}

static const rs_req *
req_of(const sc_result *r, const char *id)
{
	for (size_t i = 0; r && id && i < r->nreqs; i++)
		if (strcmp(sc_requirement_id(r->reqs[i].req), id) == 0)
			return &r->reqs[i];
	return NULL;
}

size_t sc_result_pack_count(const sc_result *r) { return r ? r->npacks : 0; }

bool
sc_result_pack(const sc_result *r, size_t i, const char **ret_id, sc_verdict *ret_verdict,
               double *ret_score)
{
	if (r == NULL || i >= r->npacks)
		return false;
	if (ret_id)
		*ret_id = sc_pack_id(r->packs[i].pack);
	if (ret_verdict)
		*ret_verdict = r->packs[i].verdict;
	if (ret_score)
		*ret_score = r->packs[i].score;
	return true;
}

int
sc_result_level(const sc_result *r, const char *id, int *ret_minimum)
{
	const rs_req *q = req_of(r, id);
	if (q == NULL || q->level < 0)
		return -1;
	if (ret_minimum)
		*ret_minimum = q->req->minimum;
	return q->level;
}

size_t
sc_result_finding_count(const sc_result *r, const char *id)
{
	const rs_req *q = req_of(r, id);
	return q ? q->n : 0;
}

const char *
rs_finding_reason(const rs_finding *f, char **tmp)
{
	if (f->reason != NULL)
		return f->reason;
	free(*tmp);
	*tmp = f->msg ? msg_string(SC_LANG_EN, f->msg) : strdup("");
	return *tmp;
}

bool
sc_result_finding(const sc_result *r, const char *id, size_t i, sc_finding_view *ret)
{
	const rs_req *q = req_of(r, id);
	if (q == NULL || i >= q->n)
		return false;
	ret->subject = q->f[i].subject;
	ret->verdict = q->f[i].verdict;
	ret->reason = q->f[i].reason;
	if (ret->reason == NULL) {
		/* rendered once, kept with the result */
		struct rs_views *w = r->views;
		size_t at = i;
		for (const rs_req *p = r->reqs; p < q; p++)
			at += p->n;
		if (w != NULL && w->v == NULL) {
			size_t total = 0;
			for (size_t k = 0; k < r->nreqs; k++)
				total += r->reqs[k].n;
			if ((w->v = calloc(total ? total : 1, sizeof(*w->v))) != NULL)
				w->n = total;
		}
		if (w != NULL && at < w->n && w->v[at] == NULL)
			(void)rs_finding_reason(&q->f[i], &w->v[at]);
		ret->reason = w != NULL && at < w->n && w->v[at] ? w->v[at] : "";
	}
	ret->computation = q->f[i].computation;
	return true;
}
