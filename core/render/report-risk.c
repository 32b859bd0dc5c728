/*
 * report-risk.c — the residual-risk document of SecNumCloud §5.3.d, in
 * French or English from the same data (docs/outputs.md). ANSSI publishes no
 * template; the structure follows the project's research notes: document
 * control and management acceptance (§5.3.g, §5.3.h), scope and locations
 * (§19.2), legal and ownership structure (§19.6.a-b, e), third parties
 * (§15.1, §19.6.c-d), exposure per non-EU jurisdiction, existing measures,
 * the residual-risk register, disclosure procedure, change management
 * (§19.6.f), methodology and data sources. Every value from inputs is
 * escaped; the output is deterministic for the same inputs.
 */
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "render.h"

static void
esc(strbuf *sb, const char *s)
{
	md_escape(sb, s ? s : "");
}

static void
country(strbuf *sb, sc_lang l, const char *cc)
{
	const char *n = cc && *cc ? (l == SC_LANG_FR ? sc_country_name_fr(cc) : sc_country_name(cc)) :
	                NULL;
	if (n)
		sb_printf(sb, "%s (%s)", n, cc);
	else
		sb_puts(sb, cc && *cc ? cc : "?");
}

/* A sentence in the document's language (its message, msg.h), escaped;
 * the English text when there is no message. */
static void
say(strbuf *sb, sc_lang l, const sc_msg *m, const char *en)
{
	char *t = m ? msg_string(l, m) : NULL;
	esc(sb, t ? t : en);
	free(t);
}

/* An evidence path with its connectives in the document's language. */
static void
evidence_path(strbuf *sb, sc_lang l, const char *path)
{
	strbuf t;
	sb_init(&t);
	msg_path_text(&t, l, path ? path : "");
	esc(sb, t.s ? t.s : "");
	sb_free(&t);
}

/* A word of a vocabulary in the document's language ("data", "customer"). */
static void
word(strbuf *sb, sc_lang l, const char *vocab, const char *value)
{
	char key[96];
	snprintf(key, sizeof(key), "%s:%s", vocab, value);
	const char *w = msg_word_text(l, key);
	sb_puts(sb, w ? w : value);
}

static const rs_req *
req_of(const sc_result *r, const char *id)
{
	for (size_t i = 0; i < r->nreqs; i++)
		if (strcmp(sc_requirement_id(r->reqs[i].req), id) == 0)
			return &r->reqs[i];
	return NULL;
}

static const char *
verdict_word(sc_lang l, sc_verdict v)
{
	switch (v) {
	case SC_PASS: return tr(l, M_RR_V_PASS);
	case SC_FAIL: return tr(l, M_RR_V_FAIL);
	case SC_UNKNOWN: return tr(l, M_RR_V_UNKNOWN);
	case SC_WAIVED: return tr(l, M_RR_V_WAIVED);
	case SC_NOT_APPLICABLE: return tr(l, M_RR_V_NOT_APPLICABLE);
	}
	return "?";
}

/* "**19.6.b** (fail): reason; reason" for the findings of one requirement. */
static void
findings(strbuf *sb, sc_lang l, const sc_result *r, const char *id)
{
	const rs_req *q = req_of(r, id);
	if (q == NULL)
		return;
	sb_printf(sb, "\n%s **%s**%s %s\n\n", tr(l, M_RR_VERDICT), id, tr(l, M_RR_PUNCT_COLON),
	          verdict_word(l, q->verdict));
	for (size_t i = 0; i < q->n; i++) {
		sb_printf(sb, "- %s — ", verdict_word(l, q->f[i].verdict));
		say(sb, l, q->f[i].msg, q->f[i].reason);
		sb_puts(sb, "\n");
		if (q->f[i].computation) {
			sb_printf(sb, "  - %s ", tr(l, M_RR_COMPUTATION));
			esc(sb, q->f[i].computation);
			sb_puts(sb, "\n");
		}
	}
	sb_puts(sb, "\n");
}

static void
holders(strbuf *sb, sc_lang l, const mf_holder *h, size_t n, unsigned depth)
{
	for (size_t i = 0; i < n; i++) {
		sb_puts(sb, "| ");
		for (unsigned d = 1; d < depth; d++)
			sb_puts(sb, "↳ ");
		esc(sb, h[i].name);
		char c[32] = "-", v[32] = "-";
		if (h[i].has_capital)
			util_fmt_pct(c, sizeof(c), h[i].capital);
		if (h[i].has_voting)
			util_fmt_pct(v, sizeof(v), h[i].voting);
		sb_printf(sb, " | %s | %s | %s | %s | ", h[i].is_float ? tr(l, M_RR_FLOAT) : h[i].country,
		          c, v, h[i].veto ? "✔" : "");
		if (h[i].has_board_seats)
			sb_printf(sb, "%ld", h[i].board_seats);
		sb_puts(sb, " |\n");
		holders(sb, l, h[i].holders, h[i].nholders, depth + 1);
	}
}

static void
subs(strbuf *sb, sc_lang l, const mf_sub *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const mf_sub *x = &s[i];
		sb_puts(sb, "| ");
		for (unsigned d = 1; d < x->level; d++)
			sb_puts(sb, "↳ ");
		esc(sb, x->name);
		sb_printf(sb, " | %s | ", x->country);
		if (x->parent) {
			esc(sb, x->parent);
			sb_printf(sb, " (%s)", x->parent_country[0] ? x->parent_country : "?");
		}
		sb_puts(sb, " | ");
		esc(sb, x->service);
		sb_puts(sb, " | ");
		bool first = true;
		for (unsigned r = 0; r < MF_REL_COUNT; r++)
			if (x->rels & (1u << r)) {
				sb_puts(sb, first ? "" : ", ");
				word(sb, l, "rel", mf_rel_names[r]);
				first = false;
			}
		sb_puts(sb, " | ");
		word(sb, l, "data", mf_data_names[x->data_access]);
		sb_printf(sb, " | %s | ", x->secnumcloud ? tr(l, M_RR_YES) : tr(l, M_RR_NO));
		if (x->has_autonomy) {
			sb_printf(sb, "%s: ", tr(l, x->autonomy_basis == MF_BASIS_OWN_SKILLS ? M_RR_BASIS_OWN :
			          x->autonomy_basis == MF_BASIS_QUALIFIED ? M_RR_BASIS_QUALIFIED :
			          M_RR_BASIS_ALT));
			esc(sb, x->autonomy_description);
			if (x->alternatives.n)
				sb_puts(sb, "; ");
		}
		for (size_t j = 0; j < x->alternatives.n; j++) {
			if (j)
				sb_puts(sb, ", ");
			esc(sb, x->alternatives.v[j]);
		}
		sb_puts(sb, " |\n");
		subs(sb, l, x->subs, x->nsubs);
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
path_words(strbuf *sb, sc_lang l, unsigned paths)
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
			sb_printf(sb, "%s%s", first ? "" : l == SC_LANG_FR ? " ; " : "; ", tr(l, words[p]));
			first = false;
		}
}

static const char *
decision_word(sc_lang l, mf_decision d)
{
	switch (d) {
	case MF_DECISION_ACCEPT: return tr(l, M_RR_DEC_ACCEPT);
	case MF_DECISION_REDUCE: return tr(l, M_RR_DEC_REDUCE);
	case MF_DECISION_TRANSFER: return tr(l, M_RR_DEC_TRANSFER);
	case MF_DECISION_AVOID: return tr(l, M_RR_DEC_AVOID);
	}
	return "?";
}

static void
data_words(strbuf *sb, sc_lang l, unsigned data)
{
	bool first = true;
	for (unsigned d = MF_DATA_CUSTOMER + 1; d-- > MF_DATA_METADATA;) {
		if (!(data & (1u << d)))
			continue;
		sb_printf(sb, "%s%s", first ? "" : ", ",
		          d == MF_DATA_CUSTOMER ? tr(l, M_RR_CUSTOMER_DATA) :
		          d == MF_DATA_TECHNICAL ? tr(l, M_RR_TECHNICAL_DATA) :
		          tr(l, M_RR_METADATA));
		first = false;
	}
	if (first)
		sb_puts(sb, tr(l, M_RR_NO_DATA));
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

static void
title(strbuf *sb, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	sb_printf(sb, "# %s — ", tr(l, M_RR_TITLE));
	esc(sb, r->service);
	sb_printf(sb, "\n\n*SecNumCloud v3.2 §5.3.d — %s %s — %s sovcheck %s (%s %s)*\n",
	          tr(l, M_RR_EDITION), r->date, tr(l, M_RR_PRODUCED),
	          sc_version(), r->pack_id, r->pack_version);
}

/* 0. Document control */
static void
document_control(strbuf *sb, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	const sc_manifest *m = f->m;
	sb_printf(sb, "\n## 0. %s\n\n", tr(l, M_RR_H_CONTROL));
	sb_printf(sb, "- %s ", tr(l, M_RR_PROVIDER));
	esc(sb, r->provider);
	if (m && m->has_model)
		sb_printf(sb, "\n- %s %s", tr(l, M_RR_SERVICE_MODEL),
		          mf_model_names[m->model]);
	if (m && m->has_sign_off) {
		char due[11];
		if (!eval_next_review(f->pack, m->sign_off_date, due))
			snprintf(due, sizeof(due), "%s", "?");
		sb_printf(sb, "\n- %s ", tr(l, M_RR_ACCEPTED_BY));
		esc(sb, m->sign_off_by);
		sb_printf(sb, " %s %s\n- %s %s\n", tr(l, M_RR_ON), m->sign_off_date,
		          tr(l, M_RR_NEXT_REVIEW), due);
		if (m->sign_off_register)
			sb_printf(sb, "- %s `%s`\n", tr(l, M_RR_REGISTER_ACCEPTED), m->sign_off_register);
	} else {
		sb_printf(sb, "\n- **%s**\n", tr(l, M_RR_NO_ACCEPTANCE));
	}
	sb_printf(sb, "- %s\n", tr(l, M_RR_AVAILABILITY));
	sb_printf(sb, "\n| %s | %s |\n|---|---|\n| %s | |\n| %s | |\n| %s | |\n",
	          tr(l, M_RR_ROLE), tr(l, M_RR_NAME_DATE_SIGNATURE),
	          tr(l, M_RR_AUTHOR), tr(l, M_RR_REVIEWER),
	          tr(l, M_RR_MANAGEMENT_ACCEPTANCE));
}

/* 1. Scope and locations */
static void
scope_and_locations(strbuf *sb, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	const sc_manifest *m = f->m;
	sb_printf(sb, "\n## 1. %s\n\n", tr(l, M_RR_H_SCOPE));
	if (m && m->nsites) {
		sb_printf(sb, "| %s | %s | %s |\n|---|---|---|\n", tr(l, M_RR_SITE),
		          tr(l, M_RR_COUNTRY), tr(l, M_RR_HOLDS));
		for (size_t i = 0; i < m->nsites; i++) {
			sb_puts(sb, "| ");
			esc(sb, m->sites[i].site);
			sb_puts(sb, " | ");
			country(sb, l, m->sites[i].country);
			sb_puts(sb, " | ");
			bool first = true;
			for (unsigned h = 0; mf_holds_names[h]; h++)
				if (m->sites[i].holds & MF_HOLDS_BIT(h)) {
					sb_puts(sb, first ? "" : ", ");
					word(sb, l, "holds", mf_holds_names[h]);
					first = false;
				}
			sb_puts(sb, " |\n");
		}
	}
	if (m && m->nadmin) {
		sb_printf(sb, "\n%s ", tr(l, M_RR_ADMIN_FROM));
		for (size_t i = 0; i < m->nadmin; i++) {
			sb_puts(sb, i ? ", " : "");
			country(sb, l, m->admin[i]);
		}
		sb_puts(sb, "\n");
	}
	for (size_t i = 0; m && i < m->nsupport; i++) {
		sb_printf(sb, "\n%s ", tr(l, M_RR_SUPPORT_FROM));
		country(sb, l, m->support[i].country);
		sb_puts(sb, ":");
		for (size_t j = 0; j < m->support[i].operations.n; j++) {
			sb_puts(sb, "\n- ");
			esc(sb, m->support[i].operations.v[j]);
		}
		if (m->support[i].supervision) {
			sb_printf(sb, "\n- %s ", tr(l, M_RR_SUPERVISION));
			esc(sb, m->support[i].supervision);
		}
		sb_puts(sb, "\n");
	}
	findings(sb, l, r, "19.2.b");
	findings(sb, l, r, "19.2.c");
	findings(sb, l, r, "19.2.d");
}

/* 2. Legal and ownership structure */
static void
ownership(strbuf *sb, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	const sc_manifest *m = f->m;
	sb_printf(sb, "\n## 2. %s\n", tr(l, M_RR_H_OWNERSHIP));
	findings(sb, l, r, "19.6.a");
	if (m && m->provider.nholders) {
		sb_printf(sb, "\n| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n",
		          tr(l, M_RR_HOLDER), tr(l, M_RR_COUNTRY), tr(l, M_RR_CAPITAL),
		          tr(l, M_RR_VOTING), tr(l, M_RR_VETO),
		          tr(l, M_RR_BOARD_SEATS));
		holders(sb, l, m->provider.holders, m->provider.nholders, 1);
	}
	findings(sb, l, r, "19.6.b");
	findings(sb, l, r, "19.6.e");
}

/* 3. Third parties */
static void
third_parties(strbuf *sb, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	const sc_manifest *m = f->m;
	sb_printf(sb, "\n## 3. %s\n\n", tr(l, M_RR_H_THIRD_PARTIES));
	if (m && m->nsubs) {
		sb_printf(sb, "| %s | %s | %s | %s | %s | %s | %s | %s |\n"
		          "|---|---|---|---|---|---|---|---|\n",
		          tr(l, M_RR_THIRD_PARTY), tr(l, M_RR_SEAT), tr(l, M_RR_PARENT),
		          tr(l, M_RR_SERVICE), tr(l, M_RR_RELATIONSHIP), tr(l, M_RR_DATA_ACCESS),
		          "SecNumCloud", tr(l, M_RR_AUTONOMY));
		subs(sb, l, m->subs, m->nsubs);
	}
	const sc_graph *g = f->graph;
	if (g && g->nops) {
		sb_printf(sb, "\n%s\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n",
		          tr(l, M_RR_OPERATORS_OBSERVED),
		          tr(l, M_RR_OPERATOR), tr(l, M_RR_ULTIMATE_CONTROLLER),
		          tr(l, M_RR_DECLARED), tr(l, M_RR_REVEALED));
		for (size_t i = 0; i < g->nops; i++) {
			const gn_op *o = &g->ops[i];
			sb_puts(sb, "| ");
			esc(sb, sc_entity_name(o->entity));
			sb_puts(sb, " | ");
			if (o->ultimate) {
				esc(sb, sc_entity_name(o->ultimate));
				sb_printf(sb, " (%s)", sc_entity_country(o->ultimate) ?
				          sc_entity_country(o->ultimate) : "?");
			} else {
				sb_puts(sb, tr(l, M_RR_CTL_UNKNOWN));
			}
			sb_printf(sb, " | %s | ", o->is_provider ? tr(l, M_RR_IS_PROVIDER) :
			          o->declared_by ? tr(l, M_RR_YES) : tr(l, M_RR_NO_BOLD));
			evidence_path(sb, l, o->best_path ? o->best_path : o->npaths ? o->paths[0] : "");
			sb_puts(sb, " |\n");
		}
	}
	findings(sb, l, r, "19.6.c");
	findings(sb, l, r, "19.6.d");
}

/* 4. Exposure per jurisdiction */
static void
exposure(strbuf *sb, const sc_filing *f, sc_lang l)
{
	sb_printf(sb, "\n## 4. %s\n", tr(l, M_RR_H_EXPOSURE));
	if (f->risks->n == 0)
		sb_printf(sb, "\n%s\n", tr(l, M_RR_NO_NEXUS));
	for (size_t i = 0; i < f->risks->n; i++) {
		const char *cc = f->risks->v[i].country;
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen = seen || strcmp(f->risks->v[j].country, cc) == 0;
		if (seen)
			continue;
		sb_puts(sb, "\n### ");
		country(sb, l, cc);
		sb_printf(sb, "\n\n%s\n\n", tr(l, M_RR_ENTITIES_LINKED));
		for (size_t j = i; j < f->risks->n; j++) {
			if (strcmp(f->risks->v[j].country, cc) != 0)
				continue;
			sb_printf(sb, "- %s — ", f->risks->v[j].id);
			say(sb, l, f->risks->v[j].entity_m, f->risks->v[j].entity);
			sb_printf(sb, " (%s: ", kind_word(l, f->risks->v[j].kind));
			say(sb, l, f->risks->v[j].basis_m, f->risks->v[j].basis);
			sb_puts(sb, ")\n");
		}
		bool any = false;
		for (size_t j = 0; f->laws && j < f->laws->n; j++) {
			const lw_law *w = &f->laws->laws[j];
			if (strcmp(w->country, cc) != 0)
				continue;
			if (!any)
				sb_printf(sb, "\n| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n",
				          tr(l, M_RR_LAW), tr(l, M_RR_BINDS), tr(l, M_RR_NEXUS),
				          tr(l, M_RR_SECRECY), tr(l, M_RR_EU_ASSESSMENT));
			any = true;
			sb_puts(sb, "| ");
			esc(sb, w->name);
			sb_puts(sb, " (");
			esc(sb, w->citation);
			sb_printf(sb, ", %ld)%s | ", w->year, w->verified ? "" :
			          tr(l, M_RR_WORDING_NOT_VERIFIED));
			esc(sb, l == SC_LANG_FR ? w->binds_fr : w->binds_en);
			sb_puts(sb, " | ");
			bool first = true;
			for (unsigned b = 0; lw_nexus_names[b]; b++)
				if (w->nexus & (1u << b)) {
					sb_printf(sb, "%s%s", first ? "" : ", ", nexus_word(l, 1u << b));
					first = false;
				}
			sb_printf(sb, " | %s | ", w->secrecy ? tr(l, M_RR_YES) : tr(l, M_RR_NO));
			esc(sb, l == SC_LANG_FR ? w->eu_fr : w->eu_en);
			sb_puts(sb, " |\n");
		}
		if (any) {
			sb_printf(sb, "\n%s\n", tr(l, M_RR_SOURCES));
			for (size_t j = 0; f->laws && j < f->laws->n; j++) {
				const lw_law *w = &f->laws->laws[j];
				for (size_t k = 0; strcmp(w->country, cc) == 0 && k < w->nsources; k++) {
					sb_puts(sb, "- ");
					esc(sb, w->sources[k]);
					sb_puts(sb, "\n");
				}
			}
		} else {
			sb_printf(sb, "\n%s\n", tr(l, M_RR_NO_LAW_FOR_COUNTRY));
		}
	}
}

/* 5. Existing measures */
static void
measures(strbuf *sb, const sc_filing *f, sc_lang l)
{
	const sc_manifest *m = f->m;
	sb_printf(sb, "\n## 5. %s\n\n", tr(l, M_RR_H_MEASURES));
	if (m && m->nmitigations) {
		sb_printf(sb, "| %s | %s | %s | %s |\n|---|---|---|---|\n", tr(l, M_RR_MEASURE),
		          tr(l, M_RR_KIND), tr(l, M_RR_APPLIES), tr(l, M_RR_WHAT_IT_DOES));
		for (size_t i = 0; i < m->nmitigations; i++) {
			const mf_mitigation *mi = &m->mitigations[i];
			sb_puts(sb, "| ");
			esc(sb, mi->id);
			sb_puts(sb, ": ");
			esc(sb, mi->description);
			sb_puts(sb, " | ");
			if (mi->kind == MF_MKIND_NONE)
				sb_puts(sb, "—");
			else
				word(sb, l, "mkind", mf_mkind_names[mi->kind]);
			sb_puts(sb, " | ");
			for (size_t j = 0; j < mi->applies_to.n; j++) {
				sb_puts(sb, j ? ", " : "");
				esc(sb, strcmp(mi->applies_to.v[j], "*") == 0 ? tr(l, M_RR_ALL) :
				    mi->applies_to.v[j]);
			}
			sb_puts(sb, " | ");
			word(sb, l, "effect", mi->kind == MF_MKIND_NONE ? "none" :
			     mf_mkind_names[mi->kind]);
			sb_puts(sb, " |\n");
		}
		if (f->risks->nunused) {
			sb_printf(sb, "\n%s", tr(l, M_RR_UNUSED_MEASURES));
			for (size_t i = 0; i < f->risks->nunused; i++) {
				sb_puts(sb, i ? ", " : " ");
				esc(sb, f->risks->unused[i]->id);
			}
			sb_puts(sb, "\n");
		}
	} else {
		sb_printf(sb, "%s\n", tr(l, M_RR_NO_MEASURE));
	}
}

static void
treatment_words(strbuf *sb, sc_lang l, const rk_risk *k)
{
	const mf_treatment *t = k->treatment;
	if (t == NULL) {
		sb_puts(sb, tr(l, M_RR_NO_DECISION));
		return;
	}
	i18n_put(sb, l, M_RR_DECIDED_BY, esc, decision_word(l, t->decision), t->by, t->date, NULL);
	if (t->note) {
		sb_puts(sb, " — ");
		esc(sb, t->note);
	}
}

/* 6. Register */
static void
register_(strbuf *sb, const sc_filing *f, sc_lang l)
{
	const sc_risks *rs = f->risks;
	sb_printf(sb, "\n## 6. %s\n\n", tr(l, M_RR_H_REGISTER));
	if (!rs->observed_evidence)
		sb_printf(sb, "*%s*\n\n", tr(l, M_RR_DECLARATIONS_ONLY));
	if (rs->n) {
		sb_printf(sb, "| ID | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n"
		          "|---|---|---|---|---|---|---|---|---|---|---|\n", tr(l, M_RR_ENTITY),
		          tr(l, M_RR_COUNTRY), tr(l, M_RR_NEXUS), tr(l, M_RR_COL_ACCESS),
		          tr(l, M_RR_LAWS), tr(l, M_RR_DATA), tr(l, M_RR_COL_LIKELIHOOD),
		          tr(l, M_RR_COL_SEVERITY), tr(l, M_RR_RESIDUAL), tr(l, M_RR_DECISION));
		for (size_t i = 0; i < rs->n; i++) {
			const rk_risk *k = &rs->v[i];
			sb_printf(sb, "| %s | ", k->id);
			say(sb, l, k->entity_m, k->entity);
			sb_printf(sb, " | %s | %s | ", k->country, kind_word(l, k->kind));
			bool first = true;
			for (unsigned p = 0; p < AC_PATH_COUNT; p++)
				if (k->paths & AC_BIT(p)) {
					sb_puts(sb, first ? "" : ", ");
					word(sb, l, "path", ac_path_names[p]);
					first = false;
				}
			sb_puts(sb, " | ");
			for (size_t j = 0; j < k->nlaws; j++)
				sb_printf(sb, "%s%s", j ? ", " : "", k->laws[j]->id);
			sb_puts(sb, " | ");
			data_words(sb, l, k->data);
			sb_printf(sb, " | %ld | %ld | %s | %s |\n", k->likelihood, k->severity,
			          residual_word(l, k->residual), k->treatment ?
			          decision_word(l, k->treatment->decision) : "—");
		}
		for (size_t i = 0; i < rs->n; i++) {
			const rk_risk *k = &rs->v[i];
			sb_printf(sb, "\n**%s** — ", k->id);
			say(sb, l, k->entity_m, k->entity);
			if (k->observed)
				sb_printf(sb, " (%s)", tr(l, M_RR_OBSERVED_MARK));
			sb_printf(sb, "\n\n- %s ", tr(l, M_RR_LINK));
			say(sb, l, k->basis_m, k->basis);
			if (k->relationship) {
				sb_printf(sb, "\n- %s ", tr(l, M_RR_RELATIONSHIP_LABEL));
				esc(sb, k->relationship);
			}
			sb_printf(sb, "\n- %s ", tr(l, M_RR_ACCESS_LABEL));
			path_words(sb, l, k->paths);
			if (k->path && *k->path) {
				sb_printf(sb, "\n- %s ", tr(l, M_RR_SHOWN));
				evidence_path(sb, l, k->path);
			}
			if (k->nmits) {
				sb_printf(sb, "\n- %s ", tr(l, M_RR_MEASURES_LABEL));
				for (size_t j = 0; j < k->nmits; j++) {
					const mf_mitigation *mi = k->mits[j].m;
					sb_puts(sb, j ? "; " : "");
					esc(sb, mi->id);
					sb_puts(sb, " (");
					if (mi->kind == MF_MKIND_NONE)
						sb_puts(sb, "—");
					else
						word(sb, l, "mkind", mf_mkind_names[mi->kind]);
					sb_puts(sb, ")");
					if (!k->mits[j].acts)
						sb_printf(sb, ": %s", tr(l, M_RR_NO_EFFECT_HERE));
				}
			}
			sb_printf(sb, "\n- %s ", tr(l, M_RR_LIKELIHOOD_LABEL));
			say(sb, l, k->likelihood_m, k->likelihood_basis);
			sb_printf(sb, " → %ld\n- %s ", k->likelihood, tr(l, M_RR_SEVERITY_LABEL));
			say(sb, l, k->severity_m, k->severity_basis);
			sb_printf(sb, " → %ld\n- %s %ld × %ld = %ld, %s\n- %s ", k->severity,
			          tr(l, M_RR_RESIDUAL_LABEL), k->likelihood, k->severity, k->score,
			          residual_word(l, k->residual), tr(l, M_RR_TREATMENT));
			treatment_words(sb, l, k);
			sb_puts(sb, "\n");
		}
	} else {
		sb_printf(sb, "%s\n", tr(l, M_RR_NO_RISK));
	}
	if (rs->nstale) {
		sb_printf(sb, "\n%s", tr(l, M_RR_STALE_TREATMENTS));
		for (size_t i = 0; i < rs->nstale; i++) {
			sb_puts(sb, i ? ", " : " ");
			esc(sb, rs->stale[i]->risk);
		}
		sb_puts(sb, "\n");
	}
	sb_printf(sb, "\n%s `%s`\n", tr(l, M_RR_REGISTER_DIGEST), rs->digest);
	sb_printf(sb, "\n%s\n", tr(l, M_RR_COMMON_RISK));
}

/* 7. Disclosure procedure */
static void
disclosure(strbuf *sb, const sc_filing *f, sc_lang l)
{
	sb_printf(sb, "\n## 7. %s\n\n%s\n", tr(l, M_RR_H_DISCLOSURE),
	          tr(l, M_RR_DISCLOSURE_TODO));
}

/* 8. Change management */
static void
changes(strbuf *sb, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	sb_printf(sb, "\n## 8. %s\n\n%s\n", tr(l, M_RR_H_CHANGES),
	          tr(l, M_RR_NOTICE_TEXT));
	findings(sb, l, r, "19.6.f");
}

/* 9. Methodology and sources */
static void
method_and_sources(strbuf *sb, const sc_filing *f, sc_lang l)
{
	sb_printf(sb, "\n## 9. %s\n\n", tr(l, M_RR_H_METHOD));
	sb_printf(sb, "- %s\n", tr(l, M_RR_METHOD_SCALES));
	if (f->laws)
		sb_printf(sb, "- %s %s (%zu %s)\n", tr(l, M_RR_LAWS_REVIEWED), f->laws->reviewed, f->laws->n, tr(l, M_RR_LAWS_WORD));
	if (f->has_registry)
		sb_printf(sb, "- %s %zu %s %s — %s\n", tr(l, M_RR_ENTITY_REGISTRY),
		          f->registry_entities, tr(l, M_RR_ORGS_REVIEWED), f->registry_oldest, f->registry_newest);
	for (size_t i = 0; i < f->ngeodbs; i++) {
		sb_printf(sb, "- %s ", tr(l, M_RR_GEOLOCATION));
		esc(sb, f->geodbs[i].db->label);
		sb_printf(sb, " (%s %s%s): ", tr(l, M_RR_DATA_OF), f->geodbs[i].db->data_date,
		          f->geodbs[i].stale ? tr(l, M_RR_STALE) : "");
		/* the database's own description, quoted as it wrote it */
		sb_puts(sb, l == SC_LANG_FR ? "« " : "");
		esc(sb, f->geodbs[i].db->description);
		sb_puts(sb, l == SC_LANG_FR ? " »\n" : "\n");
	}
	sb_printf(sb, "- %s\n", tr(l, M_RR_EVIDENCE_NOTE));
}

sc_status
render_residual_risk_md(const sc_filing *f, sc_lang l, strbuf *sb, sc_err *err)
{
	title(sb, f, l);
	document_control(sb, f, l);
	scope_and_locations(sb, f, l);
	ownership(sb, f, l);
	third_parties(sb, f, l);
	exposure(sb, f, l);
	measures(sb, f, l);
	register_(sb, f, l);
	disclosure(sb, f, l);
	changes(sb, f, l);
	method_and_sources(sb, f, l);
	return sb->oom ? util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory") : SC_OK;
}
