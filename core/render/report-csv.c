/*
 * report-csv.c — findings and dependencies as CSV (RFC 4180: every field
 * quoted when it holds a comma, a quote or a line break; quotes doubled),
 * for spreadsheets. One row per finding, one row per observed dependency.
 */
#include <string.h>

#include "eval.h"
#include "graph.h"
#include "util.h"

static void
field(strbuf *sb, const char *s, bool last)
{
	s = s ? s : "";
	if (strpbrk(s, ",\"\r\n") != NULL) {
		sb_puts(sb, "\"");
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				sb_puts(sb, "\"\"");
			else
				sb_append(sb, p, 1);
		}
		sb_puts(sb, "\"");
	} else {
		sb_puts(sb, s);
	}
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
sc_report_write_csv(const sc_result *r, const char *findings_path, const char *deps_path,
                    sc_err *err)
{
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "requirement,requirement_verdict,severity,subject,verdict,source,reason,"
	        "evidence\r\n");
	for (size_t i = 0; i < r->nreqs; i++) {
		const ev_req *q = &r->reqs[i];
		for (size_t j = 0; j < q->n; j++) {
			const ev_finding *f = &q->f[j];
			field(&sb, sc_requirement_id(q->req), false);
			field(&sb, sc_verdict_to_string(q->verdict), false);
			field(&sb, f->severity ? f->severity : sc_requirement_severity(q->req), false);
			field(&sb, f->subject, false);
			field(&sb, sc_verdict_to_string(f->verdict), false);
			field(&sb, ev_origin_names[f->origin], false);
			field(&sb, f->reason, false);
			joined(&sb, f->evidence, f->nevidence, true);
		}
	}
	sc_status st = sb.oom ? util_err(err, SC_ERR_NOMEM, findings_path, 0, 0, "nomem",
	                                 "out of memory")
	                      : sc_write_atomic(findings_path, sb.s, sb.len, err);
	sb_free(&sb);
	if (st != SC_OK || deps_path == NULL)
		return st;
	sb_init(&sb);
	sb_puts(&sb, "subject,kind,location,anycast,asn,as_org,operator,controller,"
	        "controller_country,declared,via\r\n");
	const sc_graph *g = r->graph;
	for (size_t i = 0; g && i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		char asn[16] = "";
		if (d->found_asn)
			snprintf(asn, sizeof(asn), "%u", d->asn);
		field(&sb, d->subject, false);
		field(&sb, d->kind, false);
		field(&sb, d->location, false);
		field(&sb, d->anycast ? "yes" : "no", false);
		field(&sb, asn, false);
		field(&sb, d->as_org, false);
		field(&sb, d->operator_name, false);
		field(&sb, d->controller ? sc_entity_name(d->controller) : "", false);
		field(&sb, d->controller ? sc_entity_country(d->controller) : "", false);
		field(&sb, d->declared ? "yes" : "no", false);
		joined(&sb, d->via, d->nvia, true);
	}
	st = sb.oom ? util_err(err, SC_ERR_NOMEM, deps_path, 0, 0, "nomem", "out of memory")
	            : sc_write_atomic(deps_path, sb.s, sb.len, err);
	sb_free(&sb);
	return st;
}
