/*
 * report-oscal.c — the filing as OSCAL 1.0.0 assessment results
 * (assessment-results.json, docs/outputs.md "OSCAL"), for GRC tools: one
 * result for the run; one finding per requirement of the pack, its target
 * the requirement ("req-19.6.b", the id kept in a property) with the state
 * satisfied (pass, not applicable) or not-satisfied (fail, unknown, waived:
 * the reason says which); one observation per finding of sovcheck, linked
 * from its requirement, its method TEST for observed evidence and EXAMINE
 * for declarations, pointing at the evidence bundle. back-matter lists the
 * evidence bundle and every input of the filing with its SHA-256; the
 * import-ap reference points at the policy pack there, the plan the
 * assessment followed. UUIDs are derived from the content (the bundle's
 * digest, the date, the pack and the inputs' digests, and the place in the
 * document), so the same filing gives the same document and another filing
 * other UUIDs; they have the form of version 4.
 * (OSCAL 1.0.0 names a result's properties "prop", the others "props".)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "render.h"

/* A UUID of the version-4 form from SHA-256(seed, what, i). */
static void
uuid_of(const char *seed, const char *what, size_t i, char out[37])
{
	char buf[512], hex[65];
	int n = snprintf(buf, sizeof(buf), "%s|%s|%zu", seed, what, i);
	if (n < 0 || !util_sha256_hex(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1,
	                              hex))
		memset(hex, '0', 64);
	hex[12] = '4';                                  /* version */
	hex[16] = "89ab"[(hex[16] >= 'a' ? hex[16] - 'a' + 10 : hex[16] - '0') & 3];  /* variant */
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

static const char *
state_of(sc_verdict v)
{
	return v == SC_PASS || v == SC_NOT_APPLICABLE ? "satisfied" : "not-satisfied";
}

/* The status reason: a token (OSCAL): pass, fail, unknown, waived,
 * not-applicable. */
static const char *
reason_of(sc_verdict v)
{
	return v == SC_NOT_APPLICABLE ? "not-applicable" : sc_verdict_to_string(v);
}

static json_t *
prop(const char *name, const char *value)
{
	return json_pack("{s:s, s:s}", "name", name, "value", value);
}

sc_status
render_oscal(const sc_filing *f, sc_lang lang, strbuf *out, sc_err *err)
{
	(void)lang;
	const sc_result *r = f->result;
	const char *sha = NULL;
	sc_status st = filing_evidence_sha256(f, &sha, err);
	if (st != SC_OK)
		return st;
	char seed[80], ts[32], u[37], ev_uuid[37], ev_href[40], pack_uuid[37] = "";
	/* what the results depend on: the bundle, the date they are judged at,
	 * the pack and every input (their digests) */
	strbuf sd;
	sb_init(&sd);
	sb_printf(&sd, "sovcheck|%s|%s|%s", sha ? sha : "", f->date, sc_pack_id(f->pack));
	for (size_t i = 0; i < sc_filing_input_count(f); i++) {
		const char *role, *file, *digest;
		if (sc_filing_input(f, i, &role, &file, &digest))
			sb_printf(&sd, "|%s:%s", role, digest ? digest : "");
	}
	char sdhex[65] = "";
	if (sd.oom || !util_sha256_hex(sd.s ? sd.s : "", sd.len, sdhex)) {
		sb_free(&sd);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	sb_free(&sd);
	snprintf(seed, sizeof(seed), "sovcheck|%s", sdhex);
	snprintf(ts, sizeof(ts), "%sT00:00:00Z", f->date);
	bool oom = false;

	/* back-matter: the bundle, then every input, each with its digest */
	json_t *resources = json_array();
	uuid_of(seed, "resource", 0, ev_uuid);
	snprintf(ev_href, sizeof(ev_href), "#%s", ev_uuid);
	oom |= resources == NULL ||
	       json_array_append_new(resources, json_pack(
	           "{s:s, s:s, s:s, s:[o], s:[{s:s, s:s, s:[{s:s, s:s}]}]}", "uuid", ev_uuid,
	           "title", "evidence.json", "description",
	           "The evidence bundle of the run: every DNS answer, TLS chain and geolocation "
	           "answer, the manifest judged and the date (sovcheck report re-evaluates it).",
	           "props", prop("role", "evidence"), "rlinks", "href", "evidence.json",
	           "media-type", "application/json", "hashes", "algorithm", "SHA-256", "value",
	           sha ? sha : "")) != 0;
	size_t nin = sc_filing_input_count(f);
	for (size_t i = 0; !oom && i < nin; i++) {
		const char *role, *file, *digest;
		if (!sc_filing_input(f, i, &role, &file, &digest))
			continue;
		uuid_of(seed, "resource", i + 1, u);
		if (strcmp(role, "pack") == 0 && pack_uuid[0] == '\0')
			memcpy(pack_uuid, u, sizeof(u));
		const char *base = strrchr(file, '/');
		base = base ? base + 1 : file;
		json_t *rl = json_pack("{s:s}", "href", base);
		if (rl && digest && *digest)
			oom |= json_object_set_new(rl, "hashes", json_pack("[{s:s, s:s}]", "algorithm",
			                           "SHA-256", "value", digest)) != 0;
		oom |= rl == NULL || json_array_append_new(resources, json_pack(
		           "{s:s, s:s, s:[o], s:[o]}", "uuid", u, "title", base, "props",
		           prop("role", role), "rlinks", rl)) != 0;
	}

	/* findings (one per requirement) and observations (one per finding) */
	json_t *findings = json_array(), *observations = json_array();
	oom |= findings == NULL || observations == NULL;
	size_t nobs = 0;
	for (size_t i = 0; !oom && i < r->nreqs; i++) {
		const rs_req *q = &r->reqs[i];
		const char *id = sc_requirement_id(q->req);
		json_t *related = json_array();
		for (size_t j = 0; related && !oom && j < q->n; j++) {
			const rs_finding *x = &q->f[j];
			char ou[37];
			uuid_of(seed, "observation", nobs++, ou);
			strbuf d;
			sb_init(&d);
			char *tmp = NULL;
			const char *en = rs_finding_reason(x, &tmp);
			if (en == NULL)
				oom = true;
			sb_printf(&d, "%s: %s", x->subject, en ? en : "");
			free(tmp);
			if (x->computation)
				sb_printf(&d, " (%s)", x->computation);
			json_t *o = json_pack("{s:s, s:s, s:s, s:[s], s:[o, o, o], s:[{s:s, s:s}], s:s}",
			                      "uuid", ou, "title", x->subject, "description",
			                      d.s ? d.s : "", "methods",
			                      x->origin == RS_OBSERVED ? "TEST" : "EXAMINE", "props",
			                      prop("requirement", id), prop("verdict",
			                      reason_of(x->verdict)), prop("origin",
			                      x->origin == RS_OBSERVED ? "observed" : "declared"),
			                      "relevant-evidence", "href", ev_href, "description",
			                      x->origin == RS_OBSERVED ?
			                      "the evidence bundle, evidence.json" :
			                      "the manifest's declarations, in the evidence bundle",
			                      "collected", ts);
			sb_free(&d);
			oom |= o == NULL || json_array_append_new(observations, o) != 0 ||
			       json_array_append_new(related, json_pack("{s:s}", "observation-uuid",
			                                                ou)) != 0;
		}
		char fu[37], target[80];
		uuid_of(seed, "finding", i, fu);
		snprintf(target, sizeof(target), "req-%s", id);
		json_t *fd = json_pack("{s:s, s:s, s:s, s:[o], s:{s:s, s:s, s:s, s:{s:s, s:s}}}",
		                       "uuid", fu, "title", sc_requirement_title(q->req, "en"),
		                       "description", sc_requirement_summary(q->req, "en"), "props",
		                       prop("requirement", id), "target", "type", "objective-id",
		                       "target-id", target, "title", id, "status", "state",
		                       state_of(q->verdict), "reason", reason_of(q->verdict));
		/* Which pack the requirement belongs to, and a scored
		 * objective's level and the level it needs. */
		json_t *props = fd ? json_object_get(fd, "props") : NULL;
		oom |= props && json_array_append_new(props, prop("pack",
		                                                   sc_pack_id(q->req->pack))) != 0;
		if (props && q->level >= 0) {
			char lv[16], mn[16];
			snprintf(lv, sizeof(lv), "%d", q->level);
			snprintf(mn, sizeof(mn), "%d", q->req->minimum);
			oom |= json_array_append_new(props, prop("seal-level", lv)) != 0 ||
			       json_array_append_new(props, prop("seal-minimum", mn)) != 0;
		}
		if (fd && json_array_size(related) > 0)
			oom |= json_object_set_new(fd, "related-observations", related) != 0;
		else
			json_decref(related);
		oom |= fd == NULL || json_array_append_new(findings, fd) != 0;
	}

	char ar_uuid[37], res_uuid[37];
	uuid_of(seed, "assessment-results", 0, ar_uuid);
	uuid_of(seed, "result", 0, res_uuid);
	char title[512], href[40];
	snprintf(title, sizeof(title), "sovcheck assessment of %s against %s",
	         f->m->service_name ? f->m->service_name : "?", sc_pack_id(f->pack));
	snprintf(href, sizeof(href), "#%s", pack_uuid[0] ? pack_uuid : ev_uuid);
	json_t *result = oom ? NULL : json_pack(
	    "{s:s, s:s, s:s, s:s, s:[o, o], s:{s:[{s:{}}]}}", "uuid", res_uuid, "title", title,
	    "description", "Every requirement of the policy pack judged on the evidence and the "
	    "declarations of the service; missing evidence is not satisfied (unknown), never "
	    "satisfied.", "start", ts, "prop", prop("pack", sc_pack_id(f->pack)),
	    prop("date", f->date), "reviewed-controls", "control-selections", "include-all");
	if (result) {
		if (json_array_size(observations))
			oom |= json_object_set_new(result, "observations", observations) != 0;
		else
			json_decref(observations);
		oom |= json_object_set_new(result, "findings", findings) != 0;
		observations = findings = NULL;
	}
	json_t *root = oom || result == NULL ? NULL : json_pack(
	    "{s:{s:s, s:{s:s, s:s, s:s, s:s}, s:{s:s}, s:[o], s:{s:o}}}", "assessment-results",
	    "uuid", ar_uuid, "metadata", "title", title, "last-modified", ts, "version", f->date,
	    "oscal-version", "1.0.0", "import-ap", "href", href, "results", result,
	    "back-matter", "resources", resources);
	if (root == NULL) {
		json_decref(result);
		json_decref(resources);
		json_decref(findings);
		json_decref(observations);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	bool ok = util_json_text(root, out);
	json_decref(root);
	if (!ok || oom)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	return SC_OK;
}
