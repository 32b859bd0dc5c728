/*
 * report-md.c — summary.md: a readable verdict table and the findings
 * behind each verdict. Every value from the manifest is escaped, so a
 * subject or reason cannot break the table or inject markup.
 */
#include <string.h>

#include "eval.h"
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
	sb_printf(&sb, "- Evidence: %s\n", r->offline ?
	          "none collected (offline run: checks that need DNS/TLS evidence are unknown)" :
	          "collected");
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
