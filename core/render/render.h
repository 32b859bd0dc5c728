/*
 * render.h — internal: the render stage (docs/architecture.md). Every
 * output file of a filing is one row of the outputs table in render.c:
 * {format, file name, per-language?, writer}. A writer turns the filing
 * into text in a buffer, or streams it into the file (the evidence
 * bundle, findings.json); render.c alone writes files (atomically).
 */
#ifndef SC_RENDER_H
#define SC_RENDER_H

#include "filing.h"
#include "i18n.h"
#include "sovcheck.h"
#include "util.h"

/* A writer: the text of one output of filing f in language lang into out
 * (appended). SC_ERR_NOMEM when memory runs out. */
typedef sc_status render_fn(const sc_filing *f, sc_lang lang, strbuf *out, sc_err *err);
/* A writer of an output too large to hold: its bytes go into out as they
 * are made (a file being written). A failure of out is SC_ERR_IO. */
typedef sc_status render_stream_fn(const sc_filing *f, sc_lang lang, util_sink out,
                                   sc_err *err);

render_fn render_findings_json;      /* report-json.c: findings.json, in memory */
render_stream_fn render_findings_json_stream; /* findings.json, into the file */
render_fn render_summary_md;         /* report-md.c: summary.md */
render_fn render_residual_risk_md;   /* report-risk.c: residual-risk.<lang>.md */
render_fn render_residual_risk_html; /* report-risk.c: residual-risk.<lang>.html */
render_fn render_compliance_md;       /* report-risk.c: compliance.<lang>.md */
render_fn render_compliance_html;     /* report-risk.c: compliance.<lang>.html */
render_fn render_sarif;              /* report-sarif.c: findings.sarif */
render_fn render_oscal;              /* report-oscal.c: assessment-results.json */
render_fn render_profile_json;       /* profile.c: profile.json (probe) */
render_fn render_profile_md;         /* profile.c: profile.<lang>.md (probe) */
render_fn render_profile_html;       /* profile.c: profile.<lang>.html (probe) */
render_fn render_findings_csv;       /* report-csv.c: findings.csv */
render_fn render_dependencies_csv;   /* report-csv.c: dependencies.csv */
render_fn render_providers_csv;      /* report-csv.c: providers.csv (DORA register fields) */
render_fn render_evidence;           /* evidence.json (collect/bundle.c), in memory */
render_stream_fn render_evidence_stream; /* evidence.json, into the file */

/* The text of the output named file_name ("findings.json",
 * "residual-risk.fr.md", …) in lang, into out: what sc_filing_write()
 * would write, for tests and callers that keep it in memory.
 * SC_ERR_NOTFOUND for a name no row of the table has. */
sc_status render_named(const sc_filing *f, const char *file_name, sc_lang lang, strbuf *out,
                       sc_err *err);

/* The customer notice draft of notice n (notice.c): notice-<id>.<lang>.md. */
struct ch_notice;
sc_status render_notice_md(const sc_filing *f, const struct ch_notice *n, sc_lang l,
                           strbuf *out, sc_err *err);

/* One CSV field (report-csv.c): made visible, a formula defused, RFC 4180
 * quoting; then "," or, last, CRLF. */
void csv_field(strbuf *sb, const char *s, bool last);

#endif
