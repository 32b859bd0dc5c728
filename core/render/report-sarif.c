/*
 * report-sarif.c — findings as SARIF 2.1.0, for code-scanning dashboards
 * and CI annotations: one rule per requirement (title, summary, severity),
 * one result per finding. fail → kind "fail", level "error"; unknown →
 * kind "review", level "warning"; waived → a failure with an external
 * suppression carrying the waiver; pass and not applicable are kept as
 * kind "pass" / "notApplicable" (level "none") so that the report is whole.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "render.h"

static json_t *
text(const char *s)
{
	return json_pack("{s:s}", "text", s ? s : "");
}

sc_status
render_sarif(const sc_filing *fl, sc_lang lang, strbuf *out, sc_err *err)
{
	const sc_result *r = fl->result;
	/* Results point at the manifest that was judged, as it was named. */
	const char *manifest_uri = sc_manifest_path(fl->m);
	bool oom = false;
	json_t *rules = json_array(), *results = json_array();
	for (size_t i = 0; rules && i < r->nreqs; i++) {
		const sc_requirement *q = r->reqs[i].req;
		const char *sev = sc_requirement_severity(q);
		const char *level = strcmp(sev, "info") == 0 || strcmp(sev, "low") == 0 ? "note" :
		                    strcmp(sev, "medium") == 0 ? "warning" : "error";
		json_t *rule = json_pack("{s:s, s:s, s:o, s:o, s:{s:s}, s:{s:s, s:s}}",
		    "id", sc_requirement_id(q), "name", sc_requirement_title(q, "en"),
		    "shortDescription", text(sc_requirement_title(q, "en")),
		    "fullDescription", text(sc_requirement_summary(q, "en")),
		    "defaultConfiguration", "level", level,
		    "properties", "severity", sev, "title_fr", sc_requirement_title(q, "fr"));
		if (rule == NULL || json_array_append_new(rules, rule) != 0)
			oom = true;
	}
	for (size_t i = 0; results && i < r->nreqs; i++) {
		const rs_req *q = &r->reqs[i];
		for (size_t j = 0; j < q->n; j++) {
			const rs_finding *f = &q->f[j];
			const char *kind = "pass", *level = "none";
			switch (f->verdict) {
			case SC_FAIL: kind = "fail"; level = "error"; break;
			case SC_WAIVED: kind = "fail"; level = "error"; break;
			case SC_UNKNOWN: kind = "review"; level = "warning"; break;
			case SC_PASS: kind = "pass"; level = "none"; break;
			case SC_NOT_APPLICABLE: kind = "notApplicable"; level = "none"; break;
			}
			strbuf msg;
			sb_init(&msg);
			char *tmp = NULL;
			const char *en = rs_finding_reason(f, &tmp);
			if (en == NULL)
				oom = true;
			sb_printf(&msg, "%s: %s", f->subject, en ? en : "");
			json_t *ev = json_array();
			for (size_t k = 0; ev && k < f->nevidence; k++)
				json_array_append_new(ev, json_string(f->evidence[k]));
			json_t *res = json_pack("{s:s, s:i, s:s, s:s, s:o, s:[{s:{s:{s:s}}}], "
			                        "s:{s:s, s:s, s:s, s:o}}",
			    "ruleId", sc_requirement_id(q->req), "ruleIndex", (json_int_t)i,
			    "kind", kind, "level", level, "message", text(msg.s),
			    "locations", "physicalLocation", "artifactLocation", "uri",
			    manifest_uri ? manifest_uri : "",
			    "properties", "subject", f->subject, "verdict", sc_verdict_to_string(f->verdict),
			    "source", rs_origin_names[f->origin], "evidence", ev ? ev : json_array());
			sb_free(&msg);
			if (res != NULL && f->verdict == SC_WAIVED)
				json_object_set_new(res, "suppressions", json_pack("[{s:s, s:s}]", "kind",
				                    "external", "justification", en ? en : ""));
			free(tmp);
			if (res == NULL || json_array_append_new(results, res) != 0)
				oom = true;
		}
	}
	json_t *root = json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:o}}, s:o, s:{s:s, s:s}}]}",
	    "$schema", "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0",
	    "runs", "tool", "driver", "name", "sovcheck", "version", sc_version(),
	    "informationUri", "https://cyber.gouv.fr", "rules", rules ? rules : json_array(),
	    "results", results ? results : json_array(),
	    "properties", "pack", r->pack_id, "date", r->date);
	if (root == NULL || oom || !util_json_text(root, out)) {
		json_decref(root);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	json_decref(root);
	return SC_OK;
}
