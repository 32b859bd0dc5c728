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

static const char *
verdict_word(sc_verdict v)
{
	switch (v) {
	case SC_PASS: return "pass";
	case SC_FAIL: return "**FAIL**";
	case SC_UNKNOWN: return "unknown";
	case SC_WAIVED: return "waived";
	case SC_NOT_APPLICABLE: return "n/a";
	}
	return "?";
}

sc_status
sc_report_write_summary_md(const sc_result *r, const char *path, sc_err *err)
{
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "# sovcheck summary: ");
	md_escape(&sb, r->service);
	sb_puts(&sb, "\n\n");
	sb_puts(&sb, "- Provider: ");
	md_escape(&sb, r->provider);
	sb_printf(&sb, "\n- Policy pack: %s (version %s)\n- Evaluation date: %s\n",
	          r->pack_id, r->pack_version, r->date);
	if (r->graph && r->graph->ev && (r->graph->ev->has_dns || r->graph->ev->has_tls)) {
		const sc_evidence *ev = r->graph->ev;
		sb_puts(&sb, "- Evidence: DNS from ");
		md_escape(&sb, ev->dns_sources ? ev->dns_sources : "nowhere");
		sb_puts(&sb, "; TLS from ");
		md_escape(&sb, ev->tls_source ? ev->tls_source : "nowhere");
		sb_puts(&sb, "\n");
	} else {
		sb_puts(&sb, "- Evidence: none collected (checks that need DNS/TLS evidence are "
		        "unknown)\n");
	}
	sb_printf(&sb, "- Requirements: %zu pass, %zu fail, %zu unknown, %zu waived, "
	          "%zu not applicable\n\n", r->counts[SC_PASS], r->counts[SC_FAIL],
	          r->counts[SC_UNKNOWN], r->counts[SC_WAIVED], r->counts[SC_NOT_APPLICABLE]);

	sb_puts(&sb, "| Requirement | Verdict | Severity | Title |\n|---|---|---|---|\n");
	for (size_t i = 0; i < r->nreqs; i++) {
		const ev_req *q = &r->reqs[i];
		sb_printf(&sb, "| %s | %s | %s | ", sc_requirement_id(q->req), verdict_word(q->verdict),
		          sc_requirement_severity(q->req));
		md_escape(&sb, sc_requirement_title(q->req, "en"));
		sb_puts(&sb, " |\n");
	}
	sb_puts(&sb, "\n## Findings\n");
	for (size_t i = 0; i < r->nreqs; i++) {
		const ev_req *q = &r->reqs[i];
		sb_printf(&sb, "\n### %s — ", sc_requirement_id(q->req));
		md_escape(&sb, sc_requirement_title(q->req, "en"));
		sb_printf(&sb, " (%s)\n\n", sc_verdict_to_string(q->verdict));
		for (size_t j = 0; j < q->n; j++) {
			const ev_finding *f = &q->f[j];
			sb_printf(&sb, "- %s — ", verdict_word(f->verdict));
			md_escape(&sb, f->subject);
			sb_puts(&sb, ": ");
			md_escape(&sb, f->reason);
			sb_puts(&sb, "\n");
			if (f->computation) {
				sb_puts(&sb, "  - computation: ");
				md_escape(&sb, f->computation);
				sb_puts(&sb, "\n");
			}
		}
	}
	if (r->graph && r->graph->ndeps) {
		const sc_graph *g = r->graph;
		sb_puts(&sb, "\n## Dependencies observed\n\n| Subject | Kind | Located in | Operator "
		        "| Controlled by | Declared | Via |\n|---|---|---|---|---|---|---|\n");
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
				sb_puts(&sb, "unknown");
			}
			sb_printf(&sb, " | %s | ", d->declared ? "yes" : "no");
			for (size_t k = 0; k < d->nvia; k++) {
				if (k)
					sb_puts(&sb, ", ");
				md_escape(&sb, d->via[k]);
			}
			sb_puts(&sb, " |\n");
		}
	}
	if (r->nwaivers) {
		sb_puts(&sb, "\n## Waivers\n\n| Requirement | Subject | Status | Expires | Approved by |\n"
		        "|---|---|---|---|---|\n");
		for (size_t i = 0; i < r->nwaivers; i++) {
			const ev_waiver *w = &r->waivers[i];
			sb_puts(&sb, "| ");
			md_escape(&sb, w->requirement);
			sb_puts(&sb, " | ");
			md_escape(&sb, w->subject);
			sb_printf(&sb, " | %s | %s | ", ev_waiver_status_names[w->status], w->expires);
			md_escape(&sb, w->approved_by);
			sb_puts(&sb, " |\n");
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
