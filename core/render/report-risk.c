/*
 * report-risk.c — the residual-risk document of SecNumCloud §5.3.d, in
 * French or English from the same data (docs/outputs.md), as Markdown or
 * as a self-contained HTML page: one writer, through the document API
 * (doc.h). ANSSI publishes no template; the structure follows the
 * project's research notes: document control and management acceptance
 * (§5.3.g, §5.3.h), scope and locations (§19.2), legal and ownership
 * structure (§19.6.a-b, e), third parties (§15.1, §19.6.c-d), exposure per
 * non-EU jurisdiction, existing measures, the residual-risk register,
 * disclosure procedure, change management (§19.6.f), methodology and data
 * sources. Every value from inputs goes through doc_value(); the output is
 * deterministic for the same inputs.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "graph-svg.h"
#include "msg.h"
#include "render.h"
#include "scorecard.h"

static void
country(doc *d, sc_lang l, const char *cc)
{
	const char *n = cc && *cc ? (l == SC_LANG_FR ? sc_country_name_fr(cc) : sc_country_name(cc)) :
	                NULL;
	if (n)
		doc_plainf(d, "%s (%s)", n, cc);
	else
		doc_plain(d, cc && *cc ? cc : "?");
}

/* A sentence in the document's language (its message, msg.h); the
 * English text when there is no message. */
static void
say(doc *d, sc_lang l, const sc_msg *m, const char *en)
{
	char *t = m ? msg_string(l, m) : NULL;
	if (m != NULL && t == NULL)
		d->out->oom = true;
	doc_value(d, t ? t : en ? en : "");
	free(t);
}

/* An evidence path with its connectives in the document's language. */
static void
evidence_path(doc *d, sc_lang l, const char *path)
{
	strbuf t;
	sb_init(&t);
	msg_path_text(&t, l, path ? path : "");
	doc_value(d, t.s ? t.s : "");
	sb_free(&t);
}

/* A word of a vocabulary in the document's language ("data", "customer"). */
static void
word(doc *d, sc_lang l, const char *vocab, const char *value)
{
	char key[96];
	snprintf(key, sizeof(key), "%s:%s", vocab, value);
	const char *w = msg_word_text(l, key);
	doc_plain(d, w ? w : value);
}

static const rs_req *
req_of(const sc_result *r, const char *id)
{
	for (size_t i = 0; i < r->nreqs; i++)
		if (strcmp(sc_requirement_id(r->reqs[i].req), id) == 0)
			return &r->reqs[i];
	return NULL;
}

/* A table's header row of message texts (and plain words). */
static void
header_row(doc *d, sc_lang l, const msg_id *ids, size_t n)
{
	doc_row_begin(d, true);
	for (size_t i = 0; i < n; i++) {
		doc_cell_begin(d);
		doc_text(d, tr(l, ids[i]));
		doc_cell_end(d);
	}
	doc_row_end(d);
}

/* A finding's own message without a waiver's words (NULL when it has
 * none), and in *en its English text: the residual-risk document states
 * facts, waivers belong to the compliance report. */
static const sc_msg *
unwaived(const rs_finding *f, const char **en)
{
	const sc_msg *m = f->msg;
	*en = f->reason;
	if (m && strncmp(m->code, "waiver.", 7) == 0) {
		const msg_param *p = msg_get(m, "finding");
		if (p && p->type == MP_MSG)
			return p->m;
		if (p && p->type == MP_TEXT) {
			*en = p->s;
			return NULL;
		}
	}
	return m;
}

/* The findings of a requirement as a list, each with its computation:
 * with its verdict and a waiver's words (the compliance report), or as a
 * fact (the residual-risk document). */
static void
finding_list(doc *d, sc_lang l, const rs_req *q, bool verdicts)
{
	doc_list_begin(d, 0);
	for (size_t i = 0; i < q->n; i++) {
		const rs_finding *f = &q->f[i];
		doc_item_begin(d);
		if (verdicts) {
			doc_text(d, i18n_verdict(l, f->verdict));
			doc_plain(d, " — ");
			if (f->factor >= 0 && (size_t)f->factor < q->req->nfactors) {
				doc_plain(d, q->req->factors[f->factor].id);
				doc_plain(d, ": ");
			}
			say(d, l, f->msg, f->reason);
		} else {
			const char *en;
			const sc_msg *m = unwaived(f, &en);
			say(d, l, m, en);
		}
		if (f->computation) {
			doc_list_begin(d, 0);
			doc_item_begin(d);
			doc_text(d, tr(l, M_RR_COMPUTATION));
			doc_plain(d, " ");
			doc_value(d, f->computation);
			doc_item_end(d);
			doc_list_end(d);
		}
		doc_item_end(d);
	}
	doc_list_end(d);
	doc_gap(d);
}

/* "§19.6.b — what the evidence and the declarations show:" and the
 * findings of one requirement as facts, with no verdict. */
static void
facts(doc *d, sc_lang l, const sc_result *r, const char *id)
{
	const rs_req *q = req_of(r, id);
	if (q == NULL || q->n == 0)
		return;
	char ref[64];
	snprintf(ref, sizeof(ref), "§%s", id);
	doc_para_begin(d, 0);
	doc_strong(d, ref);
	doc_plain(d, " — ");
	doc_text(d, tr(l, M_RR_FACTS));
	doc_para_end(d);
	finding_list(d, l, q, false);
}

/* "Verdict **19.6.b**: fail" and the findings of one requirement. */
static void
findings(doc *d, sc_lang l, const sc_result *r, const char *id)
{
	const rs_req *q = req_of(r, id);
	if (q == NULL)
		return;
	doc_para_begin(d, 0);
	doc_text(d, tr(l, M_RR_VERDICT));
	doc_plain(d, " ");
	doc_strong(d, id);
	doc_text(d, tr(l, M_RR_PUNCT_COLON));
	doc_plain(d, " ");
	doc_text(d, i18n_verdict(l, q->verdict));
	doc_para_end(d);
	finding_list(d, l, q, true);
}

static void
holders(doc *d, sc_lang l, const mf_holder *h, size_t n, unsigned depth)
{
	for (size_t i = 0; i < n; i++) {
		doc_row_begin(d, false);
		doc_cell_begin(d);
		for (unsigned k = 1; k < depth; k++)
			doc_plain(d, "↳ ");
		doc_value(d, h[i].name);
		doc_cell_end(d);
		char c[32] = "-", v[32] = "-";
		if (h[i].has_capital)
			util_fmt_pct(c, sizeof(c), h[i].capital);
		if (h[i].has_voting)
			util_fmt_pct(v, sizeof(v), h[i].voting);
		doc_cell_begin(d);
		if (h[i].is_float)
			doc_text(d, tr(l, M_RR_FLOAT));
		else
			doc_plain(d, h[i].country);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_plain(d, c);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_plain(d, v);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_plain(d, h[i].veto ? "✔" : "");
		doc_cell_end(d);
		doc_cell_begin(d);
		if (h[i].has_board_seats)
			doc_plainf(d, "%ld", h[i].board_seats);
		doc_cell_end(d);
		doc_row_end(d);
		holders(d, l, h[i].holders, h[i].nholders, depth + 1);
	}
}

static void
subs(doc *d, sc_lang l, const mf_sub *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const mf_sub *x = &s[i];
		doc_row_begin(d, false);
		doc_cell_begin(d);
		for (unsigned k = 1; k < x->level; k++)
			doc_plain(d, "↳ ");
		doc_value(d, x->name);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_plain(d, x->country);
		doc_cell_end(d);
		doc_cell_begin(d);
		if (x->parent) {
			doc_value(d, x->parent);
			doc_plainf(d, " (%s)", x->parent_country[0] ? x->parent_country : "?");
		}
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_value(d, x->service);
		doc_cell_end(d);
		doc_cell_begin(d);
		bool first = true;
		for (unsigned r = 0; r < MF_REL_COUNT; r++)
			if (x->rels & (1u << r)) {
				doc_plain(d, first ? "" : ", ");
				word(d, l, "rel", mf_rel_names[r]);
				first = false;
			}
		doc_cell_end(d);
		doc_cell_begin(d);
		word(d, l, "data", mf_data_names[x->data_access]);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_text(d, x->secnumcloud ? tr(l, M_RR_YES) : tr(l, M_RR_NO));
		doc_cell_end(d);
		doc_cell_begin(d);
		if (x->has_autonomy) {
			doc_text(d, tr(l, x->autonomy_basis == MF_BASIS_OWN_SKILLS ? M_RR_BASIS_OWN :
			         x->autonomy_basis == MF_BASIS_QUALIFIED ? M_RR_BASIS_QUALIFIED :
			         M_RR_BASIS_ALT));
			doc_plain(d, ": ");
			doc_value(d, x->autonomy_description);
			if (x->alternatives.n)
				doc_plain(d, "; ");
		}
		for (size_t j = 0; j < x->alternatives.n; j++) {
			if (j)
				doc_plain(d, ", ");
			doc_value(d, x->alternatives.v[j]);
		}
		doc_cell_end(d);
		doc_row_end(d);
		subs(d, l, x->subs, x->nsubs);
	}
}

/* A law's nexus (one LW_NEXUS_* bit). */
static const char *
nexus_word(sc_lang l, unsigned nexus)
{
	return nexus == LW_NEXUS_CONTROL ? tr(l, M_RR_CONTROL) :
	       nexus == LW_NEXUS_LOCATION ? tr(l, M_RR_LOCATION) :
	       tr(l, M_RR_STAFF);
}

/* A risk's kind of nexus. */
static const char *
kind_word(sc_lang l, rk_kind k)
{
	switch (k) {
	case RK_CONTROL: return tr(l, M_RR_CONTROL);
	case RK_OWNERSHIP: return tr(l, M_RR_OWNERSHIP);
	case RK_GOVERNMENT: return tr(l, M_RR_GOVERNMENT);
	case RK_STAFF: return tr(l, M_RR_STAFF);
	case RK_LOCATION: return tr(l, M_RR_LOCATION);
	case RK_TRANSIT: return tr(l, M_RR_TRANSIT);
	}
	return "?";
}

static void
path_words(doc *d, sc_lang l, unsigned paths)
{
	static const msg_id words[AC_PATH_COUNT] = {
		[AC_PHYSICAL] = M_RR_PATH_PHYSICAL, [AC_TRANSIT] = M_RR_PATH_TRANSIT,
		[AC_CODE] = M_RR_PATH_CODE, [AC_REMOTE] = M_RR_PATH_REMOTE,
		[AC_ISSUANCE] = M_RR_PATH_ISSUANCE, [AC_SERVICE] = M_RR_PATH_SERVICE,
		[AC_INFLUENCE] = M_RR_PATH_INFLUENCE, [AC_STAFF] = M_RR_PATH_STAFF,
	};
	bool first = true;
	for (unsigned p = 0; p < AC_PATH_COUNT; p++)
		if (paths & AC_BIT(p)) {
			doc_plain(d, first ? "" : l == SC_LANG_FR ? " ; " : "; ");
			doc_text(d, tr(l, words[p]));
			first = false;
		}
}

static const char *
decision_word(sc_lang l, mf_decision dd)
{
	switch (dd) {
	case MF_DECISION_ACCEPT: return tr(l, M_RR_DEC_ACCEPT);
	case MF_DECISION_REDUCE: return tr(l, M_RR_DEC_REDUCE);
	case MF_DECISION_TRANSFER: return tr(l, M_RR_DEC_TRANSFER);
	case MF_DECISION_AVOID: return tr(l, M_RR_DEC_AVOID);
	}
	return "?";
}

static void
data_words(doc *d, sc_lang l, unsigned data)
{
	bool first = true;
	for (unsigned k = MF_DATA_CUSTOMER + 1; k-- > MF_DATA_METADATA;) {
		if (!(data & (1u << k)))
			continue;
		doc_plain(d, first ? "" : ", ");
		doc_text(d, k == MF_DATA_CUSTOMER ? tr(l, M_RR_CUSTOMER_DATA) :
		         k == MF_DATA_TECHNICAL ? tr(l, M_RR_TECHNICAL_DATA) :
		         tr(l, M_RR_METADATA));
		first = false;
	}
	if (first)
		doc_text(d, tr(l, M_RR_NO_DATA));
}

static const char *
residual_word(sc_lang l, const char *r)
{
	if (strcmp(r, "critical") == 0)
		return tr(l, M_RR_R_CRITICAL);
	if (strcmp(r, "high") == 0)
		return tr(l, M_RR_R_HIGH);
	if (strcmp(r, "medium") == 0)
		return tr(l, M_RR_R_MEDIUM);
	return tr(l, M_RR_R_LOW);
}

/* "## 3. Third parties …" */
static void
section(doc *d, sc_lang l, int n, msg_id title)
{
	doc_heading_begin(d, 2);
	doc_plainf(d, "%d. ", n);
	doc_text(d, tr(l, title));
	doc_heading_end(d);
}

static void
title(doc *d, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	doc_heading_begin(d, 1);
	doc_text(d, tr(l, M_RR_TITLE));
	doc_plain(d, " — ");
	doc_value(d, r->service);
	doc_heading_end(d);
	doc_para_begin(d, 0);
	doc_text(d, "*");
	doc_plain(d, "SecNumCloud v3.2 §5.3.d — ");
	doc_text(d, tr(l, M_RR_EDITION));
	doc_plainf(d, " %s — ", r->date);
	doc_text(d, tr(l, M_RR_PRODUCED));
	doc_plainf(d, " sovcheck %s (%s %s)", sc_version(), r->pack_id, r->pack_version);
	doc_text(d, "*");
	doc_para_end(d);
}

/* 0. Document control */
static void
document_control(doc *d, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	const sc_manifest *m = f->m;
	section(d, l, 0, M_RR_H_CONTROL);
	doc_list_begin(d, DOC_KV);
	if (m && m->has_document) {
		doc_item_begin(d);
		doc_key(d, tr(l, M_RR_REFERENCE));
		doc_value(d, m->doc_reference);
		doc_item_end(d);
		doc_item_begin(d);
		doc_key(d, tr(l, M_RR_VERSION));
		doc_value(d, m->doc_version);
		doc_item_end(d);
		doc_item_begin(d);
		doc_key(d, tr(l, M_RR_CLASSIFICATION));
		doc_value(d, m->doc_classification);
		doc_item_end(d);
		if (m->doc_owner) {
			doc_item_begin(d);
			doc_key(d, tr(l, M_RR_DOC_OWNER));
			doc_value(d, m->doc_owner);
			doc_item_end(d);
		}
		doc_item_begin(d);
		doc_key(d, tr(l, M_RR_SCOPE_COVERED));
		for (size_t i = 0; i < m->doc_scope.n; i++) {
			doc_plain(d, i ? "; " : "");
			doc_value(d, m->doc_scope.v[i]);
		}
		doc_item_end(d);
	} else {
		doc_item_begin(d);
		doc_text(d, tr(l, M_RR_NO_DOC_CONTROL));
		doc_item_end(d);
	}
	doc_item_begin(d);
	doc_key(d, tr(l, M_RR_PROVIDER));
	doc_value(d, r->provider);
	doc_item_end(d);
	doc_item_begin(d);
	doc_key(d, tr(l, M_RR_TOOL));
	doc_plainf(d, "sovcheck %s, %s %s, %s", sc_version(), r->pack_id, r->pack_version, r->date);
	doc_item_end(d);
	if (f->risks) {
		doc_item_begin(d);
		doc_key(d, tr(l, M_RR_REGISTER_DIGEST_LABEL));
		doc_code(d, f->risks->digest);
		doc_item_end(d);
	}
	{
		/* The evidence bundle's digest: that of evidence.json as the
		 * filing writes it (SHA256SUMS lists the same). */
		sc_err e2;
		sc_err_clear(&e2);
		const char *h = NULL;
		if (f->ev && filing_evidence_sha256(f, &h, &e2) == SC_OK && h && h[0]) {
			doc_item_begin(d);
			doc_key(d, tr(l, M_RR_BUNDLE_DIGEST));
			doc_code(d, h);
			doc_item_end(d);
		}
	}
	if (m && m->has_model) {
		doc_item_begin(d);
		doc_key(d, tr(l, M_RR_SERVICE_MODEL));
		doc_plain(d, mf_model_names[m->model]);
		doc_item_end(d);
	}
	if (m && m->has_sign_off) {
		char due[11];
		if (!eval_next_review(f->pack, m->sign_off_date, due))
			snprintf(due, sizeof(due), "%s", "?");
		doc_item_begin(d);
		doc_key(d, tr(l, M_RR_ACCEPTED_BY));
		doc_value(d, m->sign_off_by);
		doc_plain(d, " ");
		doc_text(d, tr(l, M_RR_ON));
		doc_plain(d, " ");
		doc_plain(d, m->sign_off_date);
		doc_item_end(d);
		doc_item_begin(d);
		doc_key(d, tr(l, M_RR_NEXT_REVIEW));
		doc_plain(d, due);
		doc_item_end(d);
		if (m->sign_off_register) {
			doc_item_begin(d);
			doc_key(d, tr(l, M_RR_REGISTER_ACCEPTED));
			doc_code(d, m->sign_off_register);
			doc_item_end(d);
		}
	} else {
		doc_item_begin(d);
		doc_text(d, "**");
		doc_text(d, tr(l, M_RR_NO_ACCEPTANCE));
		doc_text(d, "**");
		doc_item_end(d);
	}
	doc_item_begin(d);
	doc_text(d, tr(l, M_RR_AVAILABILITY));
	doc_item_end(d);
	doc_item_begin(d);
	doc_text(d, tr(l, M_RR_COMPLIANCE_NOTE));
	doc_item_end(d);
	doc_list_end(d);
	static const msg_id head[] = {M_RR_ROLE, M_RR_NAME_DATE_SIGNATURE};
	static const msg_id roles[] = {M_RR_AUTHOR, M_RR_REVIEWER, M_RR_MANAGEMENT_ACCEPTANCE};
	doc_table_begin(d, 0);
	header_row(d, l, head, 2);
	for (size_t i = 0; i < 3; i++) {
		doc_row_begin(d, false);
		doc_cell_begin(d);
		doc_text(d, tr(l, roles[i]));
		doc_cell_end(d);
		doc_cell_blank(d);
		doc_row_end(d);
	}
	doc_table_end(d);
}

/* 1. Scope and locations */
static void
scope_and_locations(doc *d, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	const sc_manifest *m = f->m;
	section(d, l, 1, M_RR_H_SCOPE);
	if (m && m->nsites) {
		static const msg_id head[] = {M_RR_SITE, M_RR_COUNTRY, M_RR_HOLDS};
		doc_table_begin(d, 0);
		header_row(d, l, head, 3);
		for (size_t i = 0; i < m->nsites; i++) {
			doc_row_begin(d, false);
			doc_cell_begin(d);
			doc_value(d, m->sites[i].site);
			doc_cell_end(d);
			doc_cell_begin(d);
			country(d, l, m->sites[i].country);
			doc_cell_end(d);
			doc_cell_begin(d);
			bool first = true;
			for (unsigned h = 0; mf_holds_names[h]; h++)
				if (m->sites[i].holds & MF_HOLDS_BIT(h)) {
					doc_plain(d, first ? "" : ", ");
					word(d, l, "holds", mf_holds_names[h]);
					first = false;
				}
			doc_cell_end(d);
			doc_row_end(d);
		}
		doc_table_end(d);
	} else {
		doc_gap(d);
	}
	if (m && m->nadmin) {
		doc_para_begin(d, 0);
		doc_text(d, tr(l, M_RR_ADMIN_FROM));
		doc_plain(d, " ");
		for (size_t i = 0; i < m->nadmin; i++) {
			doc_plain(d, i ? ", " : "");
			country(d, l, m->admin[i]);
		}
		doc_para_end(d);
	}
	for (size_t i = 0; m && i < m->nsupport; i++) {
		doc_para_begin(d, 0);
		doc_text(d, tr(l, M_RR_SUPPORT_FROM));
		doc_plain(d, " ");
		country(d, l, m->support[i].country);
		doc_text(d, tr(l, M_RR_PUNCT_COLON));
		doc_para_end(d);
		doc_list_begin(d, DOC_ATTACHED);
		for (size_t j = 0; j < m->support[i].operations.n; j++) {
			doc_item_begin(d);
			doc_value(d, m->support[i].operations.v[j]);
			doc_item_end(d);
		}
		if (m->support[i].supervision) {
			doc_item_begin(d);
			doc_text(d, tr(l, M_RR_SUPERVISION));
			doc_plain(d, " ");
			doc_value(d, m->support[i].supervision);
			doc_item_end(d);
		}
		doc_list_end(d);
	}
	facts(d, l, r, "19.2.b");
	facts(d, l, r, "19.2.c");
	facts(d, l, r, "19.2.d");
}

/* 2. Legal and ownership structure */
static void
ownership(doc *d, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	const sc_manifest *m = f->m;
	section(d, l, 2, M_RR_H_OWNERSHIP);
	facts(d, l, r, "19.6.a");
	if (m && m->provider.nholders) {
		static const msg_id head[] = {M_RR_HOLDER, M_RR_COUNTRY, M_RR_CAPITAL, M_RR_VOTING,
		                              M_RR_VETO, M_RR_BOARD_SEATS};
		doc_table_begin(d, 0);
		header_row(d, l, head, 6);
		holders(d, l, m->provider.holders, m->provider.nholders, 1);
		doc_table_end(d);
	}
	facts(d, l, r, "19.6.b");
	facts(d, l, r, "19.6.e");
}

/* The dependency graph as a picture (HTML: Markdown has no figures) and,
 * under it, the same as a table for readers who cannot see the picture:
 * one row per ultimate controller, with its operators and the manifest
 * entries that lead to them. */
static void
graph_figure(doc *d, const sc_filing *f, sc_lang l)
{
	if (!doc_draws(d))
		return;
	dg *g = NULL, *drawn = NULL;
	bool *seen = NULL;
	strbuf svg;
	sb_init(&svg);
	if (dg_build(f, l, &g, NULL) != SC_OK) {
		d->out->oom = true;
		goto out;
	}
	if (g->n == 0)
		goto out;
	seen = calloc(g->n, sizeof(*seen));
	if (seen == NULL || dg_drawn(g, l, &drawn, NULL) != SC_OK) {
		d->out->oom = true;
		goto out;
	}
	dg_svg(drawn, l, &svg);
	if (svg.oom) {
		d->out->oom = true;
		goto out;
	}
	/* the caption first: it stays on the picture's page */
	doc_figure_begin(d);
	doc_caption_begin(d);
	doc_text(d, tr(l, M_G_CAPTION));
	if (drawn->grouped) {
		char num[32];
		snprintf(num, sizeof(num), "%zu", g->nentries);
		doc_plain(d, " ");
		doc_msg(d, M_G_CAPTION_GROUPED, num, NULL);
	}
	doc_caption_end(d);
	doc_svg(d, svg.s, svg.len);
	static const msg_id head[] = {M_RR_ULTIMATE_CONTROLLER, M_RR_COUNTRY, M_G_COL_OPERATORS,
	                              M_G_REACHED};
	doc_table_begin(d, 0);
	header_row(d, l, head, 4);
	for (size_t c = 0; c < g->n; c++) {
		const dg_node *ctl = &g->nodes[c];
		if (ctl->col != DG_CONTROLLER)
			continue;
		doc_row_begin(d, false);
		doc_cell_begin(d);
		if (ctl->flags & DG_UNKNOWN)
			doc_text(d, ctl->label);
		else
			doc_value(d, ctl->label);
		doc_cell_end(d);
		doc_cell_begin(d);
		if (ctl->cc[0]) {
			country(d, l, ctl->cc);
			if (ctl->flags & DG_NON_EU) {
				doc_text(d, " **▲ ");
				doc_text(d, tr(l, M_G_NON_EU));
				doc_text(d, "**");
			}
		}
		doc_cell_end(d);
		/* its operators, and the entries that lead to any of them */
		memset(seen, 0, g->n * sizeof(*seen));
		doc_cell_begin(d);
		bool first = true;
		for (size_t e = 0; e < g->ne; e++) {
			if (g->edges[e].to != c)
				continue;
			size_t op = g->edges[e].from;
			doc_plain(d, first ? "" : ", ");
			if (g->nodes[op].flags & DG_UNKNOWN)
				doc_text(d, g->nodes[op].label);
			else
				doc_value(d, g->nodes[op].label);
			first = false;
			for (size_t k = 0; k < g->ne; k++)
				if (g->edges[k].to == op)
					seen[g->edges[k].from] = true;
		}
		doc_cell_end(d);
		doc_cell_begin(d);
		first = true;
		for (size_t i = 0; i < g->n; i++)
			if (seen[i] && g->nodes[i].col == DG_ENTRY) {
				doc_plain(d, first ? "" : ", ");
				doc_value(d, g->nodes[i].label);
				first = false;
			}
		doc_cell_end(d);
		doc_row_end(d);
	}
	doc_table_end(d);
	doc_figure_end(d);
out:
	free(seen);
	sb_free(&svg);
	dg_free(drawn);
	dg_free(g);
}

/* ", controlled by Victor Kislyi (BY)": the holder the registry says
 * controls e, when there is one (a company seated in one country may be
 * held from another). */
static void
controlling_holder(doc *d, sc_lang l, const sc_entity *e, const pk_set *eu27)
{
	const sc_holder *h = graph_controlling_holder(e);
	if (h == NULL)
		return;
	const char *w = msg_word_text(l, "control:controlled-by");
	doc_plainf(d, ", %s ", w ? w : "controlled by");
	doc_value(d, h->name);
	doc_plainf(d, " (%s)", h->country[0] ? h->country : "?");
	/* a company itself controlled from outside the EU27: by whom */
	graph_origin org;
	if (eu27 == NULL || h->entity == NULL ||
	    graph_holder_stands(h, eu27, &org) != GRAPH_HELD_OUT || !graph_origin_beyond(&org, h))
		return;
	doc_plainf(d, ", %s ", w ? w : "controlled by");
	doc_value(d, org.name);
	doc_plainf(d, " (%s)", org.country && org.country[0] ? org.country : "?");
}
/* 3. Third parties */
static void
third_parties(doc *d, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	const sc_manifest *m = f->m;
	section(d, l, 3, M_RR_H_THIRD_PARTIES);
	if (m && m->nsubs) {
		doc_table_begin(d, 0);
		doc_row_begin(d, true);
		static const msg_id head[] = {M_RR_THIRD_PARTY, M_RR_SEAT, M_RR_PARENT, M_RR_SERVICE,
		                              M_RR_RELATIONSHIP, M_RR_DATA_ACCESS, M_COUNT,
		                              M_RR_AUTONOMY};
		for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++) {
			doc_cell_begin(d);
			if (head[i] == M_COUNT)
				doc_plain(d, "SecNumCloud");
			else
				doc_text(d, tr(l, head[i]));
			doc_cell_end(d);
		}
		doc_row_end(d);
		subs(d, l, m->subs, m->nsubs);
		doc_table_end(d);
	} else {
		doc_gap(d);
	}
	const sc_graph *g = f->graph;
	if (g && g->nops) {
		doc_para_begin(d, 0);
		doc_text(d, tr(l, M_RR_OPERATORS_OBSERVED));
		doc_para_end(d);
		static const msg_id head[] = {M_RR_OPERATOR, M_RR_ULTIMATE_CONTROLLER, M_RR_DECLARED,
		                              M_RR_REVEALED};
		doc_table_begin(d, 0);
		header_row(d, l, head, 4);
		for (size_t i = 0; i < g->nops; i++) {
			const gn_op *o = &g->ops[i];
			doc_row_begin(d, false);
			doc_cell_begin(d);
			doc_value(d, sc_entity_name(o->entity));
			doc_cell_end(d);
			doc_cell_begin(d);
			if (o->ultimate) {
				doc_value(d, sc_entity_name(o->ultimate));
				doc_plainf(d, " (%s)", sc_entity_country(o->ultimate) ?
				           sc_entity_country(o->ultimate) : "?");
				controlling_holder(d, l, o->ultimate, f->pack ? pk_find_set(f->pack, "EU27") : NULL);
			} else {
				doc_text(d, tr(l, M_RR_CTL_UNKNOWN));
			}
			doc_cell_end(d);
			doc_cell_begin(d);
			doc_text(d, o->is_provider ? tr(l, M_RR_IS_PROVIDER) :
			         o->declared_by ? tr(l, M_RR_YES) : tr(l, M_RR_NO_BOLD));
			doc_cell_end(d);
			doc_cell_begin(d);
			evidence_path(d, l, o->best_path ? o->best_path : o->npaths ? o->paths[0] : "");
			doc_cell_end(d);
			doc_row_end(d);
		}
		doc_table_end(d);
	}
	graph_figure(d, f, l);
	facts(d, l, r, "19.6.c");
	facts(d, l, r, "19.6.d");
}

/* 4. Exposure per jurisdiction */
static void
exposure(doc *d, const sc_filing *f, sc_lang l)
{
	section(d, l, 4, M_RR_H_EXPOSURE);
	if (f->risks->n == 0) {
		doc_para_begin(d, 0);
		doc_text(d, tr(l, M_RR_NO_NEXUS));
		doc_para_end(d);
	}
	for (size_t i = 0; i < f->risks->n; i++) {
		const char *cc = f->risks->v[i].country;
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen = seen || strcmp(f->risks->v[j].country, cc) == 0;
		if (seen)
			continue;
		doc_heading_begin(d, 3);
		country(d, l, cc);
		doc_heading_end(d);
		doc_para_begin(d, 0);
		doc_text(d, tr(l, M_RR_ENTITIES_LINKED));
		doc_para_end(d);
		doc_list_begin(d, 0);
		for (size_t j = i; j < f->risks->n; j++) {
			const rk_risk *k = &f->risks->v[j];
			if (strcmp(k->country, cc) != 0)
				continue;
			doc_item_begin(d);
			doc_plainf(d, "%s — ", k->id);
			say(d, l, k->entity_m, k->entity);
			doc_plain(d, " (");
			doc_text(d, kind_word(l, k->kind));
			doc_plain(d, ": ");
			say(d, l, k->basis_m, k->basis);
			doc_plain(d, ")");
			doc_item_end(d);
		}
		doc_list_end(d);
		bool any = false;
		for (size_t j = 0; f->laws && j < f->laws->n; j++) {
			const lw_law *w = &f->laws->laws[j];
			if (strcmp(w->country, cc) != 0)
				continue;
			if (!any) {
				static const msg_id head[] = {M_RR_LAW, M_RR_BINDS, M_RR_NEXUS, M_RR_SECRECY,
				                              M_RR_EU_ASSESSMENT};
				doc_table_begin(d, 0);
				header_row(d, l, head, 5);
			}
			any = true;
			doc_row_begin(d, false);
			doc_cell_begin(d);
			doc_value(d, w->name);
			doc_plain(d, " (");
			doc_value(d, w->citation);
			doc_plainf(d, ", %ld)", w->year);
			doc_text(d, w->verified ? "" : tr(l, M_RR_WORDING_NOT_VERIFIED));
			doc_cell_end(d);
			doc_cell_begin(d);
			doc_value(d, l == SC_LANG_FR ? w->binds_fr : w->binds_en);
			doc_cell_end(d);
			doc_cell_begin(d);
			bool first = true;
			for (unsigned b = 0; lw_nexus_names[b]; b++)
				if (w->nexus & (1u << b)) {
					doc_plain(d, first ? "" : ", ");
					doc_text(d, nexus_word(l, 1u << b));
					first = false;
				}
			doc_cell_end(d);
			doc_cell_begin(d);
			doc_text(d, w->secrecy ? tr(l, M_RR_YES) : tr(l, M_RR_NO));
			doc_cell_end(d);
			doc_cell_begin(d);
			doc_value(d, l == SC_LANG_FR ? w->eu_fr : w->eu_en);
			doc_cell_end(d);
			doc_row_end(d);
		}
		if (any) {
			doc_table_end(d);
			doc_para_begin(d, 0);
			doc_text(d, tr(l, M_RR_SOURCES));
			doc_para_end(d);
			doc_list_begin(d, DOC_ATTACHED);
			for (size_t j = 0; f->laws && j < f->laws->n; j++) {
				const lw_law *w = &f->laws->laws[j];
				for (size_t k = 0; strcmp(w->country, cc) == 0 && k < w->nsources; k++) {
					doc_item_begin(d);
					doc_value(d, w->sources[k]);
					doc_item_end(d);
				}
			}
			doc_list_end(d);
		} else {
			doc_para_begin(d, 0);
			doc_text(d, tr(l, M_RR_NO_LAW_FOR_COUNTRY));
			doc_para_end(d);
		}
	}
}

/* 5. Existing measures */
static void
measures(doc *d, const sc_filing *f, sc_lang l)
{
	const sc_manifest *m = f->m;
	section(d, l, 5, M_RR_H_MEASURES);
	if (m && m->nmitigations) {
		static const msg_id head[] = {M_RR_MEASURE, M_RR_KIND, M_RR_APPLIES,
		                              M_RR_WHAT_IT_DOES};
		doc_table_begin(d, 0);
		header_row(d, l, head, 4);
		for (size_t i = 0; i < m->nmitigations; i++) {
			const mf_mitigation *mi = &m->mitigations[i];
			doc_row_begin(d, false);
			doc_cell_begin(d);
			doc_value(d, mi->id);
			doc_plain(d, ": ");
			doc_value(d, mi->description);
			doc_cell_end(d);
			doc_cell_begin(d);
			if (mi->kind == MF_MKIND_NONE)
				doc_plain(d, "—");
			else
				word(d, l, "mkind", mf_mkind_names[mi->kind]);
			doc_cell_end(d);
			doc_cell_begin(d);
			for (size_t j = 0; j < mi->applies_to.n; j++) {
				doc_plain(d, j ? ", " : "");
				if (strcmp(mi->applies_to.v[j], "*") == 0)
					doc_text(d, tr(l, M_RR_ALL));
				else
					doc_value(d, mi->applies_to.v[j]);
			}
			doc_cell_end(d);
			doc_cell_begin(d);
			word(d, l, "effect", mi->kind == MF_MKIND_NONE ? "none" : mf_mkind_names[mi->kind]);
			doc_cell_end(d);
			doc_row_end(d);
		}
		doc_table_end(d);
		if (f->risks->nunused) {
			doc_para_begin(d, 0);
			doc_text(d, tr(l, M_RR_UNUSED_MEASURES));
			for (size_t i = 0; i < f->risks->nunused; i++) {
				doc_plain(d, i ? ", " : " ");
				doc_value(d, f->risks->unused[i]->id);
			}
			doc_para_end(d);
		}
	} else {
		doc_para_begin(d, 0);
		doc_text(d, tr(l, M_RR_NO_MEASURE));
		doc_para_end(d);
	}
}

static void
treatment_words(doc *d, sc_lang l, const rk_risk *k)
{
	const mf_treatment *t = k->treatment;
	if (t == NULL) {
		doc_text(d, tr(l, M_RR_NO_DECISION));
		return;
	}
	doc_msg(d, M_RR_DECIDED_BY, decision_word(l, t->decision), t->by, t->date, NULL);
	if (t->note) {
		doc_plain(d, " — ");
		doc_value(d, t->note);
	}
}

/* One risk of the register, every input shown. */
static void
risk_detail(doc *d, sc_lang l, const rk_risk *k)
{
	doc_para_begin(d, 0);
	doc_strong(d, k->id);
	doc_plain(d, " — ");
	say(d, l, k->entity_m, k->entity);
	if (k->observed) {
		doc_plain(d, " (");
		doc_text(d, tr(l, M_RR_OBSERVED_MARK));
		doc_plain(d, ")");
	}
	doc_para_end(d);
	doc_list_begin(d, DOC_KV);
	doc_item_begin(d);
	doc_key(d, tr(l, M_RR_LINK));
	say(d, l, k->basis_m, k->basis);
	doc_item_end(d);
	if (k->relationship) {
		doc_item_begin(d);
		doc_key(d, tr(l, M_RR_RELATIONSHIP_LABEL));
		if (k->sub && k->sub->rels) {
			bool first = true;
			for (unsigned r = 0; r < MF_REL_COUNT; r++)
				if (k->sub->rels & (1u << r)) {
					doc_plain(d, first ? "" : ", ");
					word(d, l, "rel", mf_rel_names[r]);
					first = false;
				}
		} else {
			doc_value(d, k->relationship);
		}
		doc_item_end(d);
	}
	doc_item_begin(d);
	doc_key(d, tr(l, M_RR_ACCESS_LABEL));
	path_words(d, l, k->paths);
	doc_item_end(d);
	if (k->path && *k->path) {
		doc_item_begin(d);
		doc_key(d, tr(l, M_RR_SHOWN));
		evidence_path(d, l, k->path);
		doc_item_end(d);
	}
	if (k->nmits) {
		doc_item_begin(d);
		doc_key(d, tr(l, M_RR_MEASURES_LABEL));
		for (size_t j = 0; j < k->nmits; j++) {
			const mf_mitigation *mi = k->mits[j].m;
			doc_plain(d, j ? "; " : "");
			doc_value(d, mi->id);
			doc_plain(d, " (");
			if (mi->kind == MF_MKIND_NONE)
				doc_plain(d, "—");
			else
				word(d, l, "mkind", mf_mkind_names[mi->kind]);
			doc_plain(d, ")");
			if (!k->mits[j].acts) {
				doc_plain(d, ": ");
				doc_text(d, tr(l, M_RR_NO_EFFECT_HERE));
			}
		}
		doc_item_end(d);
	}
	doc_item_begin(d);
	doc_key(d, tr(l, M_RR_LIKELIHOOD_LABEL));
	say(d, l, k->likelihood_m, k->likelihood_basis);
	doc_plainf(d, " → %ld", k->likelihood);
	doc_item_end(d);
	doc_item_begin(d);
	doc_key(d, tr(l, M_RR_SEVERITY_LABEL));
	say(d, l, k->severity_m, k->severity_basis);
	doc_plainf(d, " → %ld", k->severity);
	doc_item_end(d);
	doc_item_begin(d);
	doc_key(d, tr(l, M_RR_RESIDUAL_LABEL));
	doc_plainf(d, "%ld × %ld = %ld, ", k->likelihood, k->severity, k->score);
	doc_text(d, residual_word(l, k->residual));
	doc_item_end(d);
	doc_item_begin(d);
	doc_key(d, tr(l, M_RR_TREATMENT));
	treatment_words(d, l, k);
	doc_item_end(d);
	doc_list_end(d);
}

/* 6. Register */
static void
register_(doc *d, const sc_filing *f, sc_lang l)
{
	const sc_risks *rs = f->risks;
	section(d, l, 6, M_RR_H_REGISTER);
	if (!rs->observed_evidence) {
		doc_para_begin(d, 0);
		doc_text(d, "*");
		doc_text(d, tr(l, M_RR_DECLARATIONS_ONLY));
		doc_text(d, "*");
		doc_para_end(d);
	}
	if (rs->n) {
		static const msg_id head[] = {M_COUNT, M_RR_ENTITY, M_RR_COUNTRY, M_RR_NEXUS,
		                              M_RR_COL_ACCESS, M_RR_LAWS, M_RR_DATA,
		                              M_RR_COL_LIKELIHOOD, M_RR_COL_SEVERITY, M_RR_RESIDUAL,
		                              M_RR_DECISION};
		doc_table_begin(d, 0);
		doc_row_begin(d, true);
		for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++) {
			doc_cell_begin(d);
			if (head[i] == M_COUNT)
				doc_plain(d, "ID");
			else
				doc_text(d, tr(l, head[i]));
			doc_cell_end(d);
		}
		doc_row_end(d);
		for (size_t i = 0; i < rs->n; i++) {
			const rk_risk *k = &rs->v[i];
			doc_row_begin(d, false);
			doc_cell_begin(d);
			doc_plain(d, k->id);
			doc_cell_end(d);
			doc_cell_begin(d);
			say(d, l, k->entity_m, k->entity);
			doc_cell_end(d);
			doc_cell_begin(d);
			doc_plain(d, k->country);
			doc_cell_end(d);
			doc_cell_begin(d);
			doc_text(d, kind_word(l, k->kind));
			doc_cell_end(d);
			doc_cell_begin(d);
			bool first = true;
			for (unsigned p = 0; p < AC_PATH_COUNT; p++)
				if (k->paths & AC_BIT(p)) {
					doc_plain(d, first ? "" : ", ");
					word(d, l, "path", ac_path_names[p]);
					first = false;
				}
			doc_cell_end(d);
			doc_cell_begin(d);
			for (size_t j = 0; j < k->nlaws; j++)
				doc_plainf(d, "%s%s", j ? ", " : "", k->laws[j]->id);
			doc_cell_end(d);
			doc_cell_begin(d);
			data_words(d, l, k->data);
			doc_cell_end(d);
			doc_cell_begin(d);
			doc_plainf(d, "%ld", k->likelihood);
			doc_cell_end(d);
			doc_cell_begin(d);
			doc_plainf(d, "%ld", k->severity);
			doc_cell_end(d);
			doc_cell_begin(d);
			doc_text(d, residual_word(l, k->residual));
			doc_cell_end(d);
			doc_cell_begin(d);
			if (k->treatment)
				doc_text(d, decision_word(l, k->treatment->decision));
			else
				doc_plain(d, "—");
			doc_cell_end(d);
			doc_row_end(d);
		}
		doc_table_end(d);
		for (size_t i = 0; i < rs->n; i++)
			risk_detail(d, l, &rs->v[i]);
	} else {
		doc_para_begin(d, 0);
		doc_text(d, tr(l, M_RR_NO_RISK));
		doc_para_end(d);
	}
	if (rs->nunsettled) {
		doc_para_begin(d, 0);
		doc_text(d, tr(l, M_RR_UNSETTLED));
		for (size_t i = 0; i < rs->nunsettled; i++) {
			doc_plain(d, i ? ", " : " ");
			doc_value(d, rs->unsettled[i].name);
			if (rs->unsettled[i].observed) {
				doc_plain(d, " (");
				doc_text(d, tr(l, M_RR_OBSERVED_MARK));
				doc_plain(d, ")");
			}
		}
		if (rs->unsettled_more)
			doc_plainf(d, " (+%zu)", rs->unsettled_more);
		doc_para_end(d);
	}
	if (rs->nstale) {
		doc_para_begin(d, 0);
		doc_text(d, tr(l, M_RR_STALE_TREATMENTS));
		for (size_t i = 0; i < rs->nstale; i++) {
			doc_plain(d, i ? ", " : " ");
			doc_value(d, rs->stale[i]->risk);
		}
		doc_para_end(d);
	}
	doc_para_begin(d, 0);
	doc_text(d, tr(l, M_RR_REGISTER_DIGEST));
	doc_plain(d, " ");
	doc_code(d, rs->digest);
	doc_para_end(d);
	doc_para_begin(d, 0);
	doc_text(d, tr(l, M_RR_COMMON_RISK));
	doc_para_end(d);
}

/* 7. Disclosure procedure */
static void
disclosure(doc *d, const sc_filing *f, sc_lang l)
{
	section(d, l, 7, M_RR_H_DISCLOSURE);
	doc_para_begin(d, 0);
	doc_text(d, tr(l, M_RR_DISCLOSURE_TODO));
	doc_para_end(d);
}

/* 8. Change management */
static void
changes(doc *d, const sc_filing *f, sc_lang l)
{
	section(d, l, 8, M_RR_H_CHANGES);
	doc_para_begin(d, 0);
	doc_text(d, tr(l, M_RR_NOTICE_TEXT));
	doc_para_end(d);
	facts(d, l, f->result, "19.6.f");
}

/* 9. Methodology and sources */
static void
method_and_sources(doc *d, const sc_filing *f, sc_lang l)
{
	section(d, l, 9, M_RR_H_METHOD);
	doc_list_begin(d, 0);
	doc_item_begin(d);
	doc_text(d, tr(l, M_RR_METHOD_SCALES));
	doc_item_end(d);
	if (f->laws) {
		doc_item_begin(d);
		doc_text(d, tr(l, M_RR_LAWS_REVIEWED));
		doc_plainf(d, " %s (%zu ", f->laws->reviewed, f->laws->n);
		doc_text(d, tr(l, M_RR_LAWS_WORD));
		doc_plain(d, ")");
		doc_item_end(d);
	}
	if (f->has_registry) {
		doc_item_begin(d);
		doc_text(d, tr(l, M_RR_ENTITY_REGISTRY));
		doc_plainf(d, " %zu ", f->registry_entities);
		doc_text(d, tr(l, M_RR_ORGS_REVIEWED));
		doc_plainf(d, " %s — %s", f->registry_oldest, f->registry_newest);
		doc_item_end(d);
	}
	for (size_t i = 0; i < f->ngeodbs; i++) {
		doc_item_begin(d);
		doc_text(d, tr(l, M_RR_GEOLOCATION));
		doc_plain(d, " ");
		doc_value(d, f->geodbs[i].db->label);
		doc_plain(d, " (");
		doc_text(d, tr(l, M_RR_DATA_OF));
		doc_plainf(d, " %s", f->geodbs[i].db->data_date);
		if (f->geodbs[i].stale)
			doc_text(d, tr(l, M_RR_STALE));
		doc_plain(d, "): ");
		/* the database's own description, quoted as it wrote it */
		if (l == SC_LANG_FR)
			doc_plain(d, "« ");
		doc_value(d, f->geodbs[i].db->description);
		if (l == SC_LANG_FR)
			doc_plain(d, " »");
		doc_item_end(d);
	}
	doc_item_begin(d);
	doc_text(d, tr(l, M_RR_EVIDENCE_NOTE));
	doc_item_end(d);
	doc_list_end(d);
}

/* The last two components of a path ("policies/laws.yaml"): where the
 * tool's data or the manifest lies on the producing machine is none of the reader's
 * business, the digest says which file it was. */
static const char *
short_path(const char *p)
{
	const char *last = strrchr(p, '/');
	if (last == NULL)
		return p;
	const char *s = last;
	while (s > p && s[-1] != '/')
		s--;
	return s > p ? s : p;
}

/* 10. Annex: every input with its SHA-256 */
static void
annex(doc *d, const sc_filing *f, sc_lang l)
{
	section(d, l, 10, M_RR_H_ANNEX);
	doc_para_begin(d, 0);
	doc_text(d, tr(l, M_RR_ANNEX_INTRO));
	doc_para_end(d);
	static const msg_id head[] = {M_RR_COL_INPUT, M_RR_COL_FILE};
	doc_table_begin(d, 0);
	doc_row_begin(d, true);
	for (size_t i = 0; i < 2; i++) {
		doc_cell_begin(d);
		doc_text(d, tr(l, head[i]));
		doc_cell_end(d);
	}
	doc_cell_begin(d);
	doc_plain(d, "SHA-256");
	doc_cell_end(d);
	doc_row_end(d);
	const char *role, *file, *sha;
	for (size_t i = 0; sc_filing_input(f, i, &role, &file, &sha); i++) {
		doc_row_begin(d, false);
		doc_cell_begin(d);
		word(d, l, "input", role);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_value(d, short_path(file));
		doc_cell_end(d);
		doc_cell_begin(d);
		if (sha && *sha)
			doc_code(d, sha);
		else
			doc_plain(d, "—");
		doc_cell_end(d);
		doc_row_end(d);
	}
	doc_table_end(d);
}

/* The page's title and the running header of every printed page (HTML):
 * the document's reference and version from the manifest's document
 * control, else provider, service and clause; and its classification
 * marking. t and ref hold the texts (freed by the caller). */
static doc_meta
page_meta(const sc_filing *f, sc_lang l, msg_id title, const char *clause, strbuf *t,
          strbuf *ref)
{
	const sc_result *r = f->result;
	const sc_manifest *mf = f->m;
	sb_printf(t, "%s — %s", tr(l, title), r->service ? r->service : "");
	if (mf && mf->has_document) {
		sb_printf(ref, "%s v%s · %s", mf->doc_reference, mf->doc_version, r->date);
	} else {
		if (r->provider && *r->provider)
			sb_printf(ref, "%s · ", r->provider);
		if (r->service && *r->service)
			sb_printf(ref, "%s · ", r->service);
		if (clause)
			sb_printf(ref, "%s · ", clause);
		sb_puts(ref, r->date);
	}
	doc_meta meta = {t->s ? t->s : "", ref->s ? ref->s : "",
	                 mf && mf->has_document ? mf->doc_classification :
	                 tr(l, M_DOC_CLASSIFICATION_UNSET)};
	return meta;
}

/* The document through d: the same calls for every backend. */
static sc_status
residual_risk(const sc_filing *f, sc_lang l, doc_format fmt, strbuf *sb, sc_err *err)
{
	doc d;
	doc_init(&d, fmt, l, sb);
	strbuf t, ref;
	sb_init(&t);
	sb_init(&ref);
	doc_meta meta = page_meta(f, l, M_RR_TITLE, "SecNumCloud §5.3.d", &t, &ref);
	doc_begin(&d, &meta);
	title(&d, f, l);
	document_control(&d, f, l);
	scope_and_locations(&d, f, l);
	ownership(&d, f, l);
	third_parties(&d, f, l);
	exposure(&d, f, l);
	measures(&d, f, l);
	register_(&d, f, l);
	disclosure(&d, f, l);
	changes(&d, f, l);
	method_and_sources(&d, f, l);
	annex(&d, f, l);
	if (t.oom || ref.oom)
		sb->oom = true;
	sb_free(&t);
	sb_free(&ref);
	return doc_end(&d, err);
}

sc_status
render_residual_risk_md(const sc_filing *f, sc_lang l, strbuf *sb, sc_err *err)
{
	return residual_risk(f, l, DOC_MD, sb, err);
}

sc_status
render_residual_risk_html(const sc_filing *f, sc_lang l, strbuf *sb, sc_err *err)
{
	return residual_risk(f, l, DOC_HTML, sb, err);
}

/* ------------------------------------------------- the compliance report */

/* The requirement-by-requirement verdicts, waivers and contradictions: for
 * the provider and its auditor (DESIGN §7), the same data as the
 * residual-risk document, the same writer and message tables. */

static void
cr_summary(doc *d, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	section(d, l, 1, M_CR_H_SUMMARY);
	static const msg_id head[] = {M_CR_COL_VERDICT, M_CR_COL_COUNT};
	doc_table_begin(d, 0);
	header_row(d, l, head, 2);
	static const sc_verdict order[] = {SC_FAIL, SC_UNKNOWN, SC_WAIVED, SC_PASS,
		SC_NOT_APPLICABLE};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		doc_row_begin(d, false);
		doc_cell_begin(d);
		doc_text(d, i18n_verdict(l, order[i]));
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_plainf(d, "%zu", r->counts[order[i]]);
		doc_cell_end(d);
		doc_row_end(d);
	}
	doc_table_end(d);
}

/* Several packs: one row each — verdict, counts, score. */
static void
cr_packs(doc *d, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	doc_para_begin(d, 0);
	doc_strong(d, tr(l, M_CR_H_PACKS));
	doc_plain(d, " — ");
	doc_text(d, tr(l, M_CR_PACKS_INTRO));
	doc_para_end(d);
	static const msg_id head[] = {M_CR_COL_PACK, M_CR_COL_VERDICT, M_SUM_N_PASS, M_SUM_N_FAIL,
		M_SUM_N_UNKNOWN, M_CR_COL_SCORE};
	doc_table_begin(d, 0);
	header_row(d, l, head, 6);
	for (size_t k = 0; k < r->npacks; k++) {
		const rs_pack *p = &r->packs[k];
		doc_row_begin(d, false);
		doc_cell_begin(d);
		doc_plain(d, sc_pack_id(p->pack));
		doc_plain(d, " — ");
		doc_value(d, l == SC_LANG_FR ? p->pack->title_fr : p->pack->title_en);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_text(d, i18n_verdict(l, p->verdict));
		doc_cell_end(d);
		static const sc_verdict vs[] = {SC_PASS, SC_FAIL, SC_UNKNOWN};
		for (size_t i = 0; i < 3; i++) {
			doc_cell_begin(d);
			doc_plainf(d, "%zu", p->counts[vs[i]]);
			doc_cell_end(d);
		}
		doc_cell_begin(d);
		if (p->score >= 0) {
			char s[340];
			i18n_score(s, sizeof(s), l, p->score);
			doc_plain(d, s);
			doc_plain(d, " / 100");
		} else {
			doc_plain(d, "—");
		}
		doc_cell_end(d);
		doc_row_end(d);
	}
	doc_table_end(d);
}

static void
cr_requirements(doc *d, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	section(d, l, 2, M_CR_H_REQUIREMENTS);
	/* One pack: its requirements under the section, as always. Several,
	 * or a scored one: a heading per pack, its scorecard, then its
	 * requirements one level down. */
	bool grouped = r->npacks > 1;
	for (size_t k = 0; k < r->npacks; k++)
		grouped |= r->packs[k].pack->scoring.seal;
	for (size_t k = 0; k < r->npacks; k++) {
		const rs_pack *p = &r->packs[k];
		if (grouped) {
			doc_heading_begin(d, 3);
			char id[160];
			snprintf(id, sizeof(id), "%s %s", sc_pack_id(p->pack), sc_pack_version(p->pack));
			doc_msg(d, M_CR_PACK_REQS, id, NULL);
			doc_heading_end(d);
			doc_para_begin(d, 0);
			doc_value(d, l == SC_LANG_FR ? p->pack->title_fr : p->pack->title_en);
			if (p->pack->authority) {
				doc_plain(d, " — ");
				doc_value(d, p->pack->authority);
			}
			doc_para_end(d);
			if (p->pack->scoring.seal)
				scorecard_pack(d, r, p, l);
		}
		for (size_t i = p->first; i < p->first + p->n; i++) {
			const rs_req *q = &r->reqs[i];
			const char *id = sc_requirement_id(q->req);
			doc_heading_begin(d, grouped ? 4 : 3);
			doc_plain(d, id);
			doc_plain(d, " — ");
			doc_value(d, sc_requirement_title(q->req, sc_lang_to_string(l)));
			doc_heading_end(d);
			if (q->level >= 0)
				scorecard_factors(d, q, l);
			findings(d, l, r, id);
		}
	}
}

static void
cr_waivers(doc *d, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	section(d, l, 3, M_CR_H_WAIVERS);
	if (r->nwaivers == 0) {
		doc_para_begin(d, 0);
		doc_text(d, tr(l, M_CR_NO_WAIVER));
		doc_para_end(d);
		return;
	}
	static const msg_id head[] = {M_CR_COL_REQ, M_CR_COL_SUBJECT, M_CR_COL_STATUS,
		M_CR_COL_EXPIRES, M_CR_COL_APPROVED, M_CR_COL_REASON};
	doc_table_begin(d, 0);
	header_row(d, l, head, 6);
	for (size_t i = 0; i < r->nwaivers; i++) {
		const rs_waiver *w = &r->waivers[i];
		doc_row_begin(d, false);
		doc_cell_begin(d);
		doc_value(d, w->requirement);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_value(d, w->subject);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_text(d, tr(l, w->status == RS_WAIVER_APPLIED ? M_CR_W_APPLIED :
		              w->status == RS_WAIVER_EXPIRED ? M_CR_W_EXPIRED :
		              w->status == RS_WAIVER_UNUSED ? M_CR_W_UNUSED : M_CR_W_UNKNOWN_REQ));
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_plain(d, w->expires);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_value(d, w->approved_by);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_value(d, w->reason);
		doc_cell_end(d);
		doc_row_end(d);
	}
	doc_table_end(d);
}

/* Third parties the evidence shows and nobody declared, and declarations
 * the evidence contradicts (the failing findings of 15.1.a's check). */
static void
cr_third_parties(doc *d, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	section(d, l, 4, M_CR_H_THIRD);
	bool any = false;
	for (size_t i = 0; i < r->nreqs; i++)
		for (size_t j = 0; j < r->reqs[i].n; j++) {
			const rs_finding *x = &r->reqs[i].f[j];
			const char *en;
			const sc_msg *m = unwaived(x, &en);
			if (m == NULL || (strcmp(m->code, "tp.undeclared") != 0 &&
			                  strcmp(m->code, "tp.contradiction") != 0))
				continue;
			if (!any)
				doc_list_begin(d, 0);
			any = true;
			doc_item_begin(d);
			doc_strong(d, sc_requirement_id(r->reqs[i].req));
			doc_plain(d, " — ");
			doc_text(d, i18n_verdict(l, x->verdict));
			doc_plain(d, " — ");
			say(d, l, x->msg, x->reason);
			doc_item_end(d);
		}
	if (any) {
		doc_list_end(d);
	} else {
		doc_para_begin(d, 0);
		doc_text(d, tr(l, M_CR_NONE_UNDECLARED));
		doc_para_end(d);
	}
}

static sc_status
compliance(const sc_filing *f, sc_lang l, doc_format fmt, strbuf *sb, sc_err *err)
{
	doc d;
	doc_init(&d, fmt, l, sb);
	const sc_result *r = f->result;
	strbuf t, ref;
	sb_init(&t);
	sb_init(&ref);
	doc_meta meta = page_meta(f, l, M_CR_TITLE, NULL, &t, &ref);
	doc_begin(&d, &meta);
	doc_heading_begin(&d, 1);
	doc_text(&d, tr(l, M_CR_TITLE));
	doc_plain(&d, " — ");
	doc_value(&d, r->service);
	doc_heading_end(&d);
	doc_para_begin(&d, 0);
	doc_text(&d, tr(l, M_CR_INTRO));
	doc_para_end(&d);
	document_control(&d, f, l);
	cr_summary(&d, f, l);
	if (r->npacks > 1)
		cr_packs(&d, f, l);
	cr_requirements(&d, f, l);
	cr_waivers(&d, f, l);
	cr_third_parties(&d, f, l);
	if (t.oom || ref.oom)
		sb->oom = true;
	sb_free(&t);
	sb_free(&ref);
	return doc_end(&d, err);
}

sc_status
render_compliance_md(const sc_filing *f, sc_lang l, strbuf *sb, sc_err *err)
{
	return compliance(f, l, DOC_MD, sb, err);
}

sc_status
render_compliance_html(const sc_filing *f, sc_lang l, strbuf *sb, sc_err *err)
{
	return compliance(f, l, DOC_HTML, sb, err);
}
