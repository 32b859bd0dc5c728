/*
 * report-csv.c — findings and dependencies as CSV (RFC 4180: every field
 * quoted when it holds a comma, a quote or a line break; quotes doubled),
 * for spreadsheets. One row per finding, one row per observed dependency.
 */
#include <string.h>

#include "render.h"
#include "text.h"

/*
 * One field: controls and other characters a spreadsheet would act on are
 * written visibly; a value that starts like a formula (=, +, -, @, tab)
 * is prefixed with a quote so that no spreadsheet evaluates it (OWASP
 * "CSV injection"); then RFC 4180 quoting.
 */
static void
field(strbuf *sb, const char *s, bool last)
{
	strbuf v;
	sb_init(&v);
	s = s ? s : "";
	if (strchr("=+-@\t", s[0]) != NULL && s[0] != '\0')
		sb_puts(&v, "'");
	text_visible(&v, s);
	const char *t = v.s ? v.s : "";
	if (strpbrk(t, ",\"\r\n") != NULL) {
		sb_puts(sb, "\"");
		for (const char *p = t; *p; p++) {
			if (*p == '"')
				sb_puts(sb, "\"\"");
			else
				sb_append(sb, p, 1);
		}
		sb_puts(sb, "\"");
	} else {
		sb_puts(sb, t);
	}
	if (v.oom)
		sb->oom = true;
	sb_free(&v);
	sb_puts(sb, last ? "\r\n" : ",");
}

static void
joined(strbuf *sb, char *const *v, size_t n, bool last)
{
	strbuf j;
	sb_init(&j);
	for (size_t i = 0; i < n; i++)
		sb_printf(&j, "%s%s", i ? " " : "", v[i]);
	field(sb, j.s ? j.s : "", last);
	if (j.oom)
		sb->oom = true;
	sb_free(&j);
}

sc_status
render_findings_csv(const sc_filing *fl, sc_lang lang, strbuf *sb, sc_err *err)
{
	const sc_result *r = fl->result;
	sb_puts(sb, "requirement,requirement_verdict,severity,subject,verdict,source,reason,"
	        "evidence\r\n");
	for (size_t i = 0; i < r->nreqs; i++) {
		const rs_req *q = &r->reqs[i];
		for (size_t j = 0; j < q->n; j++) {
			const rs_finding *f = &q->f[j];
			field(sb, sc_requirement_id(q->req), false);
			field(sb, sc_verdict_to_string(q->verdict), false);
			field(sb, f->severity ? f->severity : sc_requirement_severity(q->req), false);
			field(sb, f->subject, false);
			field(sb, sc_verdict_to_string(f->verdict), false);
			field(sb, rs_origin_names[f->origin], false);
			field(sb, f->reason, false);
			joined(sb, f->evidence, f->nevidence, true);
		}
	}
	return sb->oom ? util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory") : SC_OK;
}

sc_status
render_dependencies_csv(const sc_filing *fl, sc_lang lang, strbuf *sb, sc_err *err)
{
	sb_puts(sb, "subject,kind,location,anycast,asn,as_org,operator,controller,"
	        "controller_country,declared,via\r\n");
	const sc_graph *g = fl->graph;
	for (size_t i = 0; g && i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		char asn[16] = "";
		if (d->found_asn)
			snprintf(asn, sizeof(asn), "%u", d->asn);
		field(sb, d->subject, false);
		field(sb, d->kind, false);
		field(sb, d->location, false);
		field(sb, d->anycast ? "yes" : "no", false);
		field(sb, asn, false);
		field(sb, d->as_org, false);
		field(sb, d->operator_name, false);
		field(sb, d->controller ? sc_entity_name(d->controller) : "", false);
		field(sb, d->controller ? sc_entity_country(d->controller) : "", false);
		field(sb, d->declared ? "yes" : "no", false);
		joined(sb, d->via, d->nvia, true);
	}
	return sb->oom ? util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory") : SC_OK;
}
