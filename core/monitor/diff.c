/*
 * diff.c — the monitor (docs/monitoring.md): what changed between two
 * filings (two evidence bundles, or a run and its baseline), subject by
 * subject (changes.h): each endpoint's, domain's and subcontractor's
 * operators, controllers, countries and CA owners and the data on its
 * paths; the declarations (seat, shareholders, government links,
 * subcontractors, support, administration, sites); the register's risks
 * by id and level; and the requirements whose verdict changed. Each change
 * is classified: it affects §19.6 (customers must be told within a month,
 * §19.6.f), §19.2 residency, or it is informational.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "filing.h"
#include "text.h"
#include "util.h"

typedef struct df_risk {
	const rk_risk *old, *cur;   /* one may be NULL */
} df_risk;

typedef struct df_req {
	const char *id;
	sc_verdict old_v, new_v;
	bool regression;
} df_req;

struct sc_diff {
	char old_date[11], new_date[11];
	const ch_facts *old_facts, *new_facts;   /* borrowed from the filings */
	ch_list changes;
	size_t nclass[3];
	df_risk *risks;
	size_t nrisks;
	df_req *reqs;
	size_t nreqs;
	size_t nreg_alert;           /* regressions of 19.2 or 19.6 requirements */
	bool regression;
};

void
sc_diff_free(sc_diff *d)
{
	if (d == NULL)
		return;
	ch_list_free(&d->changes);
	free(d->risks);
	free(d->reqs);
	free(d);
}

static bool
push(void **arr, size_t *n, size_t size, const void *item)
{
	char *p = realloc(*arr, (*n + 1) * size);
	if (p == NULL)
		return false;
	memcpy(p + *n * size, item, size);
	*arr = p;
	(*n)++;
	return true;
}

static bool
alerting_requirement(const char *id)
{
	return strncmp(id, "19.2", 4) == 0 || strncmp(id, "19.6", 4) == 0;
}

sc_status
sc_diff_compute(const sc_filing *fa, const sc_filing *fb, sc_diff **ret, sc_err *err)
{
	const sc_result *a = fa->result, *b = fb->result;
	const sc_pack *pack = fb->pack;
	if (pk_find_set(pack, "EU27") == NULL || pk_find_set(pack, "EU") == NULL)
		return util_err(err, SC_ERR_INVALID, sc_pack_path(pack), 0, 0, "pack",
		                "the pack's country sets define no EU27 and EU sets");
	sc_diff *d = calloc(1, sizeof(*d));
	if (d == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	memcpy(d->old_date, a->date, 11);
	memcpy(d->new_date, b->date, 11);
	d->old_facts = fa->facts;
	d->new_facts = fb->facts;
	bool ok = ch_compare(fa->facts, fb->facts, &d->changes);
	for (size_t i = 0; ok && i < d->changes.n; i++)
		d->nclass[d->changes.v[i].cls]++;
	/* the register: risks by their stable id and level */
	const sc_risks *ra = fa->risks, *rb = fb->risks;
	for (size_t i = 0; ok && rb && i < rb->n; i++) {
		const rk_risk *o = ra ? rk_find(ra, rb->v[i].id) : NULL;
		if (o == NULL || strcmp(o->residual, rb->v[i].residual) != 0) {
			df_risk x = {o, &rb->v[i]};
			ok = push((void **)&d->risks, &d->nrisks, sizeof(x), &x);
		}
	}
	for (size_t i = 0; ok && ra && i < ra->n; i++)
		if (rb == NULL || rk_find(rb, ra->v[i].id) == NULL) {
			df_risk x = {&ra->v[i], NULL};
			ok = push((void **)&d->risks, &d->nrisks, sizeof(x), &x);
		}
	for (size_t i = 0; i < b->nreqs && ok; i++) {
		const rs_req *q = &b->reqs[i];
		const char *id = sc_requirement_id(q->req);
		/* the change notice is judged against a baseline, which a run
		 * being compared need not have had: its changes are the above */
		if (strcmp(sc_requirement_check(q->req), "change_notice") == 0)
			continue;
		for (size_t j = 0; j < a->nreqs; j++) {
			if (strcmp(sc_requirement_id(a->reqs[j].req), id) != 0)
				continue;
			if (a->reqs[j].verdict == q->verdict)
				break;
			df_req x = {id, a->reqs[j].verdict, q->verdict,
			            rs_verdict_rank(q->verdict) > rs_verdict_rank(a->reqs[j].verdict)};
			ok = push((void **)&d->reqs, &d->nreqs, sizeof(x), &x);
			d->regression = d->regression || x.regression;
			d->nreg_alert += x.regression && alerting_requirement(id);
			break;
		}
	}
	if (!ok) {
		sc_diff_free(d);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	*ret = d;
	return SC_OK;
}

size_t
sc_diff_alert_count(const sc_diff *d)
{
	return d->nclass[CH_CONTROL] + d->nclass[CH_RESIDENCY] + d->nreg_alert;
}

int
sc_diff_exit_code(const sc_diff *d)
{
	return sc_diff_alert_count(d) || d->regression ? 1 : 0;
}

/* The change's sentence in language l (made visible: control characters
 * of names and evidence never reach a terminal raw). NULL: out of memory. */
static char *
change_text(const sc_diff *d, const ch_change *c, sc_lang l)
{
	sc_msg *m = ch_change_msg(c, d->old_facts, d->new_facts);
	char *s = m ? msg_string(l, m) : NULL;
	msg_free(m);
	if (s == NULL)
		return NULL;
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "");
	text_visible(&sb, s);
	free(s);
	if (sb.oom) {
		sb_free(&sb);
		return NULL;
	}
	return sb.s;
}

static const char *
verb(const ch_change *c)
{
	return c->old == NULL ? "added" : c->cur == NULL ? "removed" : "changed";
}

char *
sc_diff_to_text(const sc_diff *d)
{
	static const char *const head[] = {
		[CH_CONTROL] = "affects 19.6 (customers must be told within one month, 19.6.f):",
		[CH_RESIDENCY] = "affects 19.2 (where data is, and where it is administered from):",
		[CH_INFO] = "informational:",
	};
	static const ch_class order[] = {CH_CONTROL, CH_RESIDENCY, CH_INFO};
	strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "changes from %s to %s\n", d->old_date, d->new_date);
	bool oom = false;
	for (size_t k = 0; k < 3 && !oom; k++) {
		ch_class cl = order[k];
		if (d->nclass[cl] == 0)
			continue;
		sb_printf(&sb, "%s\n", head[cl]);
		for (size_t i = 0; i < d->changes.n && !oom; i++) {
			const ch_change *c = &d->changes.v[i];
			if (c->cls != cl)
				continue;
			char *t = change_text(d, c, SC_LANG_EN);
			oom = t == NULL;
			const ch_fact *x = c->cur ? c->cur : c->old;
			if (t)
				sb_printf(&sb, "  %c %s [%s]\n", c->old == NULL ? '+' : c->cur == NULL ? '-' : '~',
				          t, ch_criterion(x->kind, x->aspect));
			free(t);
		}
	}
	if (d->nrisks) {
		sb_puts(&sb, "residual-risk register:\n");
		for (size_t i = 0; i < d->nrisks; i++) {
			const df_risk *r = &d->risks[i];
			strbuf v;
			sb_init(&v);
			sb_puts(&v, "");
			text_visible(&v, (r->cur ? r->cur : r->old)->id);
			if (r->old == NULL)
				sb_printf(&sb, "  + %s (%s)\n", v.s, r->cur->residual);
			else if (r->cur == NULL)
				sb_printf(&sb, "  - %s (was %s)\n", v.s, r->old->residual);
			else
				sb_printf(&sb, "  ~ %s: %s -> %s\n", v.s, r->old->residual, r->cur->residual);
			oom |= v.oom;
			sb_free(&v);
		}
	}
	if (d->nreqs) {
		sb_puts(&sb, "requirements:\n");
		for (size_t i = 0; i < d->nreqs; i++) {
			strbuf v;
			sb_init(&v);
			sb_puts(&v, "");
			text_visible(&v, d->reqs[i].id);
			sb_printf(&sb, "  %s %s: %s -> %s\n", d->reqs[i].regression ? "!" : " ", v.s,
			          sc_verdict_to_string(d->reqs[i].old_v),
			          sc_verdict_to_string(d->reqs[i].new_v));
			oom |= v.oom;
			sb_free(&v);
		}
	}
	if (!d->changes.n && !d->nrisks && !d->nreqs)
		sb_puts(&sb, "  no change\n");
	sb_printf(&sb, "%zu %s 19.6, %zu %s 19.2, %zu informational%s\n", d->nclass[CH_CONTROL],
	          d->nclass[CH_CONTROL] == 1 ? "change affects" : "changes affect",
	          d->nclass[CH_RESIDENCY], d->nclass[CH_RESIDENCY] == 1 ? "affects" : "affect",
	          d->nclass[CH_INFO], d->regression ? "; a requirement regressed" : "");
	if (oom || sb.oom) {
		sb_free(&sb);
		return NULL;
	}
	return sb.s;
}

static json_t *
side(const ch_fact *x)
{
	if (x == NULL)
		return json_null();
	return json_pack("{s:s, s:s, s:s}", "value", x->value, "label", x->label, "country", x->cc);
}

char *
sc_diff_to_json(const sc_diff *d)
{
	json_t *root = json_pack("{s:i, s:s, s:s, s:{s:I, s:I, s:I}, s:b, s:b}", "schema_version", 2,
	                         "old_date", d->old_date, "new_date", d->new_date, "counts",
	                         "19.6", (json_int_t)d->nclass[CH_CONTROL], "19.2",
	                         (json_int_t)d->nclass[CH_RESIDENCY], "informational",
	                         (json_int_t)d->nclass[CH_INFO], "alert", sc_diff_alert_count(d) > 0,
	                         "regression", d->regression);
	json_t *ch = json_array(), *rk = json_array(), *rq = json_array();
	bool oom = root == NULL || !ch || !rk || !rq;
	for (size_t i = 0; !oom && i < d->changes.n; i++) {
		const ch_change *c = &d->changes.v[i];
		const ch_fact *x = c->cur ? c->cur : c->old;
		char *en = change_text(d, c, SC_LANG_EN), *fr = change_text(d, c, SC_LANG_FR);
		json_t *o = en && fr ? json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:o, s:o, s:s,"
		                                 " s:{s:s, s:s}}",
		                                 "class", ch_class_names[c->cls], "criterion",
		                                 ch_criterion(x->kind, x->aspect), "kind",
		                                 ch_kind_names[x->kind], "subject", x->subject, "aspect",
		                                 c->whole ? "*" : x->aspect, "change", verb(c),
		                                 "whole_subject", c->whole, "old",
		                                 side(c->whole ? NULL : c->old), "new",
		                                 side(c->whole ? NULL : c->cur), "key", c->key, "text",
		                                 "en", en, "fr", fr) : NULL;
		free(en);
		free(fr);
		oom = o == NULL || json_array_append_new(ch, o) != 0;
	}
	for (size_t i = 0; !oom && i < d->nrisks; i++) {
		const df_risk *r = &d->risks[i];
		oom = json_array_append_new(rk, json_pack("{s:s, s:s?, s:s?}", "id",
		          (r->cur ? r->cur : r->old)->id, "old", r->old ? r->old->residual : NULL,
		          "new", r->cur ? r->cur->residual : NULL)) != 0;
	}
	for (size_t i = 0; !oom && i < d->nreqs; i++)
		oom = json_array_append_new(rq, json_pack("{s:s, s:s, s:s, s:b}", "id", d->reqs[i].id,
		          "old", sc_verdict_to_string(d->reqs[i].old_v), "new",
		          sc_verdict_to_string(d->reqs[i].new_v), "regression",
		          d->reqs[i].regression)) != 0;
	char *s = NULL;
	if (root != NULL) {
		/* json_object_set_new takes the reference even when it fails. */
		oom |= json_object_set_new(root, "changes", ch) != 0;
		oom |= json_object_set_new(root, "risks", rk) != 0;
		oom |= json_object_set_new(root, "requirements", rq) != 0;
		if (!oom)
			s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | SC_JSON_REAL);
		json_decref(root);
	} else {
		json_decref(ch);
		json_decref(rk);
		json_decref(rq);
	}
	return s;
}
