/*
 * report-md.c — summary.md: a readable verdict table and the findings
 * behind each verdict, in the language asked (words from i18n.c). Every
 * value from the manifest is escaped, so a subject or reason cannot break
 * the table or inject markup.
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "text.h"

static const char *
verdict_word(sc_lang l, sc_verdict v)
{
	switch (v) {
	case SC_PASS: return tr(l, M_SUM_PASS);
	case SC_FAIL: return tr(l, M_SUM_FAIL);
	case SC_UNKNOWN: return tr(l, M_SUM_UNKNOWN);
	case SC_WAIVED: return tr(l, M_SUM_WAIVED);
	case SC_NOT_APPLICABLE: return tr(l, M_SUM_NA);
	}
	return "?";
}

static void
header(strbuf *sb, const sc_filing *f, sc_lang l)
{
	const sc_result *r = f->result;
	const sc_evidence *ev = f->ev;
	sb_puts(sb, tr(l, M_SUM_TITLE));
	md_escape(sb, r->service);
	sb_puts(sb, "\n\n");
	sb_puts(sb, tr(l, M_SUM_PROVIDER));
	md_escape(sb, r->provider);
	sb_puts(sb, "\n");
	sb_printf(sb, "%s%s (%s %s)\n%s%s\n", tr(l, M_SUM_PACK), r->pack_id, tr(l, M_SUM_VERSION),
	          r->pack_version, tr(l, M_SUM_DATE), r->date);
	sb_puts(sb, tr(l, M_SUM_EVIDENCE));
	if (ev->has_dns || ev->has_tls) {
		sb_puts(sb, tr(l, M_SUM_DNS));
		md_escape(sb, ev->dns_sources ? ev->dns_sources : tr(l, M_SUM_NOWHERE));
		sb_puts(sb, tr(l, M_SUM_TLS));
		md_escape(sb, ev->tls_source ? ev->tls_source : tr(l, M_SUM_NOWHERE));
		sb_puts(sb, "\n");
	} else {
		sb_puts(sb, tr(l, M_SUM_NONE));
	}
	sb_printf(sb, "%s%zu %s, %zu %s, %zu %s, %zu %s, %zu %s\n\n", tr(l, M_SUM_REQS),
	          r->counts[SC_PASS], tr(l, M_SUM_N_PASS), r->counts[SC_FAIL], tr(l, M_SUM_N_FAIL),
	          r->counts[SC_UNKNOWN], tr(l, M_SUM_N_UNKNOWN), r->counts[SC_WAIVED],
	          tr(l, M_SUM_N_WAIVED), r->counts[SC_NOT_APPLICABLE], tr(l, M_SUM_N_NA));
	/* Several packs, or a scored one: a line each. */
	for (size_t k = 0; k < r->npacks; k++) {
		const rs_pack *p = &r->packs[k];
		if (r->npacks < 2 && p->score < 0)
			break;
		sb_printf(sb, "- %s: %s", sc_pack_id(p->pack), verdict_word(l, p->verdict));
		if (p->score >= 0) {
			char sc[340];
			i18n_score(sc, sizeof(sc), l, p->score);
			sb_puts(sb, " — ");
			i18n_put(sb, l, M_SC_SCORE, NULL, sc, NULL);
		}
		sb_puts(sb, "\n");
	}
	if (r->npacks > 1 || (r->npacks == 1 && r->packs[0].score >= 0))
		sb_puts(sb, "\n");
}

static void
verdicts(strbuf *sb, const sc_result *r, sc_lang l)
{
	const char *tl = sc_lang_to_string(l);
	sb_puts(sb, tr(l, M_SUM_TABLE));
	for (size_t i = 0; i < r->nreqs; i++) {
		const rs_req *q = &r->reqs[i];
		sb_printf(sb, "| %s | %s | %s | ", sc_requirement_id(q->req),
		          verdict_word(l, q->verdict), sc_requirement_severity(q->req));
		md_escape(sb, sc_requirement_title(q->req, tl));
		if (q->level >= 0)
			sb_printf(sb, " (SEAL-%d / %d)", q->level, q->req->minimum);
		sb_puts(sb, " |\n");
	}
	sb_puts(sb, tr(l, M_SUM_FINDINGS));
	for (size_t i = 0; i < r->nreqs; i++) {
		const rs_req *q = &r->reqs[i];
		sb_printf(sb, "\n### %s — ", sc_requirement_id(q->req));
		md_escape(sb, sc_requirement_title(q->req, tl));
		sb_printf(sb, " (%s)\n\n", verdict_word(l, q->verdict));
		for (size_t j = 0; j < q->n; j++) {
			const rs_finding *f = &q->f[j];
			sb_printf(sb, "- %s — ", verdict_word(l, f->verdict));
			md_escape(sb, f->subject);
			sb_puts(sb, ": ");
			char *tmp = NULL;
			const char *en = rs_finding_reason(f, &tmp);
			if (en == NULL)
				sb->oom = true;
			md_escape(sb, en ? en : "");
			free(tmp);
			sb_puts(sb, "\n");
			if (f->computation) {
				sb_puts(sb, tr(l, M_SUM_COMPUTATION));
				md_escape(sb, f->computation);
				sb_puts(sb, "\n");
			}
		}
	}
}

static void
dependencies(strbuf *sb, const sc_graph *g, sc_lang l)
{
	if (g == NULL || g->ndeps == 0)
		return;
	sb_puts(sb, tr(l, M_SUM_DEPS));
	sb_puts(sb, tr(l, M_SUM_DEPTABLE));
	for (size_t i = 0; i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		sb_puts(sb, "| ");
		md_escape(sb, d->subject);
		sb_printf(sb, " | %s | %s%s | ", d->kind, d->location[0] ? d->location : "?",
		          d->anycast ? " (anycast)" : "");
		md_escape(sb, d->operator_name ? d->operator_name : "?");
		sb_puts(sb, " | ");
		if (d->controller) {
			md_escape(sb, sc_entity_name(d->controller));
			sb_printf(sb, " (%s)", sc_entity_country(d->controller) ?
			          sc_entity_country(d->controller) : "?");
		} else {
			sb_puts(sb, tr(l, M_SUM_UNKNOWN_CTL));
		}
		sb_printf(sb, " | %s | ", d->declared ? tr(l, M_SUM_YES) : tr(l, M_SUM_NO));
		for (size_t k = 0; k < d->nvia; k++) {
			if (k)
				sb_puts(sb, ", ");
			md_escape(sb, d->via[k]);
		}
		sb_puts(sb, " |\n");
	}
}

static void
waivers(strbuf *sb, const sc_result *r, sc_lang l)
{
	if (r->nwaivers == 0)
		return;
	sb_puts(sb, tr(l, M_SUM_WAIVERS));
	sb_puts(sb, tr(l, M_SUM_WAIVERTABLE));
	for (size_t i = 0; i < r->nwaivers; i++) {
		const rs_waiver *wv = &r->waivers[i];
		sb_puts(sb, "| ");
		md_escape(sb, wv->requirement);
		sb_puts(sb, " | ");
		md_escape(sb, wv->subject);
		sb_printf(sb, " | %s | %s | ", rs_waiver_status_names[wv->status], wv->expires);
		md_escape(sb, wv->approved_by);
		sb_puts(sb, " |\n");
	}
}

static void
sources(strbuf *sb, const sc_filing *f, sc_lang l)
{
	if (f->ngeodbs == 0 && !f->has_registry)
		return;
	sb_puts(sb, tr(l, M_SUM_SOURCES));
	for (size_t i = 0; i < f->ngeodbs; i++) {
		const ev_geodb *g = f->geodbs[i].db;
		sb_puts(sb, tr(l, M_SUM_GEODB));
		md_escape(sb, g->label);
		sb_printf(sb, " (%s %s, %s %s, %ld d)", tr(l, M_SUM_BUILT), g->build_date,
		          tr(l, M_SUM_DATA), g->data_date, f->geodbs[i].age_days);
		if (f->geodbs[i].stale)
			sb_printf(sb, " %s", tr(l, M_SUM_STALE));
		if (g->description && *g->description) {
			sb_puts(sb, ": ");
			md_escape(sb, g->description);
		}
		sb_puts(sb, "\n");
	}
	if (f->has_registry) {
		char n[32];
		snprintf(n, sizeof(n), "%zu", f->registry_entities);
		i18n_put(sb, l, M_SUM_REGISTRY, NULL, n, f->registry_oldest, f->registry_newest,
		         (const char *)NULL);
	}
}

sc_status
render_summary_md(const sc_filing *f, sc_lang l, strbuf *sb, sc_err *err)
{
	header(sb, f, l);
	verdicts(sb, f->result, l);
	dependencies(sb, f->graph, l);
	waivers(sb, f->result, l);
	sources(sb, f, l);
	return sb->oom ? util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory") : SC_OK;
}
