/*
 * report-md.c — summary.md: a readable verdict table and the findings
 * behind each verdict. Every value from the manifest is escaped, so a
 * subject or reason cannot break the table or inject markup.
 */
#include <string.h>

#include "eval.h"
#include "graph.h"
#include "report.h"
#include "util.h"

void
md_escape(strbuf *sb, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		switch (*p) {
		case '\\': case '`': case '*': case '_': case '[': case ']': case '<':
		case '>': case '|': case '#': case '{': case '}':
			sb_append(sb, "\\", 1);
			sb_append(sb, p, 1);
			break;
		case '\n':
		case '\r':
			sb_append(sb, " ", 1);
			break;
		default:
			sb_append(sb, p, 1);
		}
	}
}

/* Fixed words of the summary, per language. */
enum {
	W_TITLE, W_PROVIDER, W_PACK, W_VERSION, W_DATE, W_EVIDENCE, W_NONE, W_DNS, W_TLS, W_NOWHERE,
	W_REQS, W_N_PASS, W_N_FAIL, W_N_UNKNOWN, W_N_WAIVED, W_N_NA, W_TABLE, W_FINDINGS, W_COMPUTATION, W_DEPS, W_DEPTABLE, W_YES, W_NO,
	W_UNKNOWN_CTL, W_WAIVERS, W_WAIVERTABLE, W_SOURCES, W_GEODB, W_BUILT, W_DATA, W_STALE, W_PASS, W_FAIL, W_UNKNOWN, W_WAIVED, W_NA,
	W_COUNT
};
static const char *const words_en[W_COUNT] = {
	"# sovcheck summary: ", "- Provider: ", "- Policy pack: ", "version",
	"- Evaluation date: ", "- Evidence: ",
	"none collected (checks that need DNS/TLS evidence are unknown)\n",
	"DNS from ", "; TLS from ", "nowhere",
	"- Requirements: ", "pass", "fail", "unknown", "waived", "not applicable",
	"| Requirement | Verdict | Severity | Title |\n|---|---|---|---|\n", "\n## Findings\n",
	"  - computation: ", "\n## Dependencies observed\n\n",
	"| Subject | Kind | Located in | Operator | Controlled by | Declared | Via |\n"
	"|---|---|---|---|---|---|---|\n", "yes", "no", "unknown", "\n## Waivers\n\n",
	"| Requirement | Subject | Status | Expires | Approved by |\n|---|---|---|---|---|\n",
	"\n## Data sources\n\n", "- Geolocation database ", "built", "data of",
	"**older than 90 days: locations may be out of date**",
	"pass", "**FAIL**", "unknown", "waived", "n/a",
};
static const char *const words_fr[W_COUNT] = {
	"# Synthèse sovcheck : ", "- Prestataire : ", "- Référentiel : ", "version",
	"- Date d'évaluation : ", "- Preuves : ",
	"aucune collectée (les contrôles qui en ont besoin sont indéterminés)\n",
	"DNS depuis ", " ; TLS depuis ", "nulle part",
	"- Exigences : ", "conformes", "non conformes", "indéterminées", "dérogées", "sans objet",
	"| Exigence | Verdict | Gravité | Intitulé |\n|---|---|---|---|\n",
	"\n## Constats (motifs en anglais)\n", "  - calcul : ", "\n## Dépendances observées\n\n",
	"| Sujet | Type | Localisé en | Opérateur | Contrôlé par | Déclaré | Via |\n"
	"|---|---|---|---|---|---|---|\n", "oui", "non", "inconnu", "\n## Dérogations\n\n",
	"| Exigence | Sujet | État | Échéance | Approuvée par |\n|---|---|---|---|---|\n",
	"\n## Sources des données\n\n", "- Base de géolocalisation ", "construite le",
	"données du", "**plus de 90 jours : les localisations peuvent être périmées**",
	"conforme", "**NON CONFORME**", "indéterminé", "dérogé", "sans objet",
};

static const char *
verdict_word(const char *const *w, sc_verdict v)
{
	switch (v) {
	case SC_PASS: return w[W_PASS];
	case SC_FAIL: return w[W_FAIL];
	case SC_UNKNOWN: return w[W_UNKNOWN];
	case SC_WAIVED: return w[W_WAIVED];
	case SC_NOT_APPLICABLE: return w[W_NA];
	}
	return "?";
}

sc_status
sc_report_write_summary_md(const sc_result *r, const char *lang, const char *path,
                           sc_err *err)
{
	bool fr = lang && strcmp(lang, "fr") == 0;
	const char *const *w = fr ? words_fr : words_en;
	const char *tl = fr ? "fr" : "en";
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, w[W_TITLE]);
	md_escape(&sb, r->service);
	sb_puts(&sb, "\n\n");
	sb_puts(&sb, w[W_PROVIDER]);
	md_escape(&sb, r->provider);
	sb_puts(&sb, "\n");
	sb_printf(&sb, "%s%s (%s %s)\n%s%s\n", w[W_PACK], r->pack_id, w[W_VERSION],
	          r->pack_version, w[W_DATE], r->date);
	if (r->graph && r->graph->ev && (r->graph->ev->has_dns || r->graph->ev->has_tls)) {
		const sc_evidence *ev = r->graph->ev;
		sb_puts(&sb, w[W_EVIDENCE]);
		sb_puts(&sb, w[W_DNS]);
		md_escape(&sb, ev->dns_sources ? ev->dns_sources : w[W_NOWHERE]);
		sb_puts(&sb, w[W_TLS]);
		md_escape(&sb, ev->tls_source ? ev->tls_source : w[W_NOWHERE]);
		sb_puts(&sb, "\n");
	} else {
		sb_puts(&sb, w[W_EVIDENCE]);
		sb_puts(&sb, w[W_NONE]);
	}
	sb_printf(&sb, "%s%zu %s, %zu %s, %zu %s, %zu %s, %zu %s\n\n", w[W_REQS],
	          r->counts[SC_PASS], w[W_N_PASS], r->counts[SC_FAIL], w[W_N_FAIL],
	          r->counts[SC_UNKNOWN], w[W_N_UNKNOWN], r->counts[SC_WAIVED], w[W_N_WAIVED],
	          r->counts[SC_NOT_APPLICABLE], w[W_N_NA]);

	sb_puts(&sb, w[W_TABLE]);
	for (size_t i = 0; i < r->nreqs; i++) {
		const ev_req *q = &r->reqs[i];
		sb_printf(&sb, "| %s | %s | %s | ", sc_requirement_id(q->req),
		          verdict_word(w, q->verdict), sc_requirement_severity(q->req));
		md_escape(&sb, sc_requirement_title(q->req, tl));
		sb_puts(&sb, " |\n");
	}
	sb_puts(&sb, w[W_FINDINGS]);
	for (size_t i = 0; i < r->nreqs; i++) {
		const ev_req *q = &r->reqs[i];
		sb_printf(&sb, "\n### %s — ", sc_requirement_id(q->req));
		md_escape(&sb, sc_requirement_title(q->req, tl));
		sb_printf(&sb, " (%s)\n\n", verdict_word(w, q->verdict));
		for (size_t j = 0; j < q->n; j++) {
			const ev_finding *f = &q->f[j];
			sb_printf(&sb, "- %s — ", verdict_word(w, f->verdict));
			md_escape(&sb, f->subject);
			sb_puts(&sb, ": ");
			md_escape(&sb, f->reason);
			sb_puts(&sb, "\n");
			if (f->computation) {
				sb_puts(&sb, w[W_COMPUTATION]);
				md_escape(&sb, f->computation);
				sb_puts(&sb, "\n");
			}
		}
	}
	if (r->graph && r->graph->ndeps) {
		const sc_graph *g = r->graph;
		sb_puts(&sb, w[W_DEPS]);
		sb_puts(&sb, w[W_DEPTABLE]);
		for (size_t i = 0; i < g->ndeps; i++) {
			const gn_dep *d = &g->deps[i];
			sb_puts(&sb, "| ");
			md_escape(&sb, d->subject);
			sb_printf(&sb, " | %s | %s%s | ", d->kind, d->location[0] ? d->location : "?",
			          d->anycast ? " (anycast)" : "");
			md_escape(&sb, d->operator_name ? d->operator_name : "?");
			sb_puts(&sb, " | ");
			if (d->controller) {
				md_escape(&sb, sc_entity_name(d->controller));
				sb_printf(&sb, " (%s)", sc_entity_country(d->controller) ?
				          sc_entity_country(d->controller) : "?");
			} else {
				sb_puts(&sb, w[W_UNKNOWN_CTL]);
			}
			sb_printf(&sb, " | %s | ", d->declared ? w[W_YES] : w[W_NO]);
			for (size_t k = 0; k < d->nvia; k++) {
				if (k)
					sb_puts(&sb, ", ");
				md_escape(&sb, d->via[k]);
			}
			sb_puts(&sb, " |\n");
		}
	}
	if (r->nwaivers) {
		sb_puts(&sb, w[W_WAIVERS]);
		sb_puts(&sb, w[W_WAIVERTABLE]);
		for (size_t i = 0; i < r->nwaivers; i++) {
			const ev_waiver *wv = &r->waivers[i];
			sb_puts(&sb, "| ");
			md_escape(&sb, wv->requirement);
			sb_puts(&sb, " | ");
			md_escape(&sb, wv->subject);
			sb_printf(&sb, " | %s | %s | ", ev_waiver_status_names[wv->status], wv->expires);
			md_escape(&sb, wv->approved_by);
			sb_puts(&sb, " |\n");
		}
	}
	if (r->ngeodbs || r->has_registry) {
		sb_puts(&sb, w[W_SOURCES]);
		for (size_t i = 0; i < r->ngeodbs; i++) {
			const rs_geodb *g = &r->geodbs[i];
			sb_puts(&sb, w[W_GEODB]);
			md_escape(&sb, g->label);
			sb_printf(&sb, " (%s %s, %s %s, %ld d)", w[W_BUILT], g->build_date, w[W_DATA],
			          g->data_date, g->age_days);
			if (g->stale)
				sb_printf(&sb, " %s", w[W_STALE]);
			if (g->description && *g->description) {
				sb_puts(&sb, ": ");
				md_escape(&sb, g->description);
			}
			sb_puts(&sb, "\n");
		}
		if (r->has_registry) {
			char line[256];
			/* The format comes from our own table, not from input. */
			if (fr)
				snprintf(line, sizeof(line), "- Registre des entités : %zu organisations, "
				         "faits revus entre le %s et le %s\n", r->registry_entities,
				         r->registry_oldest, r->registry_newest);
			else
				snprintf(line, sizeof(line), "- Entity registry: %zu organisations, facts "
				         "reviewed between %s and %s\n", r->registry_entities,
				         r->registry_oldest, r->registry_newest);
			sb_puts(&sb, line);
		}
	}
	if (sb.oom) {
		sb_free(&sb);
		return util_err(err, SC_ERR_NOMEM, path, 0, 0, "nomem", "out of memory");
	}
	sc_status st = sc_write_atomic(path, sb.s, sb.len, err);
	sb_free(&sb);
	return st;
}
