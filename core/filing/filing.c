/*
 * filing.c — the pipeline after collection, assembled once
 * (docs/architecture.md): attribute the evidence (the dependency graph),
 * assess the residual risks, evaluate the pack (which judges the register
 * for §5.3), and note the data sources
 * the reports must name. `check` calls it on fresh evidence, `report` and
 * `diff` on evidence loaded from bundles; the result is the same for the
 * same inputs.
 */
#include <stdlib.h>
#include <string.h>

#include "filing.h"
#include "registry.h"
#include "util.h"

void
sc_filing_free(sc_filing *f)
{
	if (f == NULL)
		return;
	sc_risks_free(f->risks);
	sc_result_free(f->result);
	ch_list_free(&f->changes);
	ch_facts_free(f->facts);
	sc_ledger_free(f->own_ledger);
	sc_graph_free(f->graph);
	free(f->geodbs);
	free(f->evcache);
	free(f);
}

/* The databases the evidence was located with, aged at the filing's date. */
static bool
note_sources(sc_filing *f, int y, int mo, int d)
{
	const sc_evidence *ev = f->ev;
	long today = util_days_from_civil(y, mo, d);
	if (ev->ngeodbs && (f->geodbs = calloc(ev->ngeodbs, sizeof(*f->geodbs))) == NULL)
		return false;
	for (size_t i = 0; i < ev->ngeodbs; i++) {
		fl_geodb *g = &f->geodbs[f->ngeodbs++];
		int dy, dm, dd;
		g->db = &ev->geodbs[i];
		g->age_days = sc_date_parse(g->db->data_date, &dy, &dm, &dd) ?
		              today - util_days_from_civil(dy, dm, dd) : 0;
		g->stale = g->age_days > SC_GEO_STALE_DAYS;
	}
	if (f->reg) {
		f->has_registry = true;
		f->registry_entities = sc_registry_count(f->reg);
		sc_registry_reviewed(f->reg, f->registry_oldest, f->registry_newest);
	}
	return true;
}

sc_status
sc_filing_build(const sc_manifest *m, const sc_pack *pack, const sc_evidence *ev,
                const sc_registry *reg, const sc_laws *laws, const sc_filing_opts *o,
                sc_filing **ret, sc_err *err)
{
	if (m == NULL || pack == NULL || ev == NULL || o == NULL || ret == NULL)
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "usage", "sc_filing_build: NULL argument");
	sc_filing *f = calloc(1, sizeof(*f));
	if (f == NULL || (f->evcache = calloc(1, sizeof(*f->evcache))) == NULL) {
		free(f);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	f->m = m;
	f->pack = pack;
	f->ev = ev;
	f->reg = reg;
	f->laws = laws;
	char date[48];
	snprintf(date, sizeof(date), "%04d-%02d-%02d", o->year, o->month, o->day);
	sc_status st;
	if (!sc_date_parse(date, NULL, NULL, NULL)) {
		st = util_err(err, SC_ERR_USAGE, NULL, 0, 0, "date", "invalid evaluation date %s", date);
		goto fail;
	}
	memcpy(f->date, date, 11);
	if (ev && ev->manifest_text)
		(void)util_sha256_hex(ev->manifest_text, ev->manifest_len, f->manifest_sha256);
	/* attribute */
	if ((st = sc_graph_build(m, ev, reg, &f->graph, err)) != SC_OK)
		goto fail;
	/* what the run means per subject, what changed since the baseline,
	 * and the notices those changes open (§19.6.f) */
	const pk_set *eu27 = pk_find_set(pack, "EU27"), *eu = pk_find_set(pack, "EU");
	if ((f->facts = ch_facts_build(m, f->graph, eu27, eu)) == NULL) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto fail;
	}
	f->baseline = o->baseline;
	if (o->baseline) {
		f->ledger = o->ledger;
		if (f->ledger == NULL && (f->ledger = f->own_ledger = sc_ledger_new()) == NULL) {
			st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
			goto fail;
		}
		if (!ch_compare(o->baseline->facts, f->facts, &f->changes) ||
		    !ch_ledger_update(f->ledger, &f->changes, f->facts, f->date)) {
			st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
			goto fail;
		}
	}
	/* assess: the register, which evaluation judges (§5.3.d, §5.3.g) */
	if ((st = sc_assess(m, pack, f->graph, laws, &f->risks, err)) != SC_OK)
		goto fail;
	/* evaluate */
	sc_eval_opts eo;
	memset(&eo, 0, sizeof(eo));
	eo.year = o->year;
	eo.month = o->month;
	eo.day = o->day;
	eo.offline = ev->offline;
	eo.graph = f->graph;
	eo.baseline = o->baseline ? o->baseline->graph : NULL;
	eo.document = o->document;
	eo.risks = f->risks;
	eo.ledger = f->ledger;
	eo.kept_ledger = o->ledger != NULL;
	if ((st = sc_eval(m, pack, &eo, &f->result, err)) != SC_OK)
		goto fail;
	if (!note_sources(f, o->year, o->month, o->day)) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto fail;
	}
	*ret = f;
	return SC_OK;
fail:
	sc_filing_free(f);
	return st;
}

const sc_result *sc_filing_result(const sc_filing *f) { return f ? f->result : NULL; }
const sc_manifest *sc_filing_manifest(const sc_filing *f) { return f ? f->m : NULL; }
const sc_pack *sc_filing_pack(const sc_filing *f) { return f ? f->pack : NULL; }
const char *sc_filing_date(const sc_filing *f) { return f ? f->date : ""; }
size_t sc_filing_risk_count(const sc_filing *f) { return f ? sc_risks_count(f->risks) : 0; }
int sc_filing_exit_code(const sc_filing *f) { return sc_result_exit_code(f->result); }

/* The databases of the filing that are stale at its date, for a warning. */
size_t
sc_filing_geodb_count(const sc_filing *f)
{
	return f ? f->ngeodbs : 0;
}

bool
sc_filing_geodb(const sc_filing *f, size_t i, const char **ret_label,
                const char **ret_data_date, long *ret_age_days, bool *ret_stale)
{
	if (f == NULL || i >= f->ngeodbs)
		return false;
	const fl_geodb *g = &f->geodbs[i];
	if (ret_label)
		*ret_label = g->db->label;
	if (ret_data_date)
		*ret_data_date = g->db->data_date;
	if (ret_age_days)
		*ret_age_days = g->age_days;
	if (ret_stale)
		*ret_stale = g->stale;
	return true;
}

/* ------------------------------------------------------------- inputs */

/* The i-th input, or false (i counts across the kinds, in order). */
static bool
input_at(const sc_filing *f, size_t i, const char **role, const char **file, const char **sha)
{
	if (f->ev && f->ev->manifest_text) {
		if (i == 0) {
			*role = "manifest";
			*file = f->ev->manifest_path ? f->ev->manifest_path : "";
			*sha = f->manifest_sha256;
			return true;
		}
		i--;
	}
	/* Each pack of the list, and its country sets (once per file). */
	for (size_t k = 0; f->pack && k < pk_part_count(f->pack); k++) {
		const sc_pack *p = pk_part(f->pack, k);
		if (i == 0) {
			*role = "pack";
			*file = p->path ? p->path : "";
			*sha = p->sha256;
			return true;
		}
		i--;
		bool seen = p->sets_path == NULL;
		for (size_t j = 0; !seen && j < k; j++)
			seen = pk_part(f->pack, j)->sets_path &&
			       strcmp(pk_part(f->pack, j)->sets_path, p->sets_path) == 0;
		if (seen)
			continue;
		if (i == 0) {
			*role = "country-sets";
			*file = p->sets_path;
			*sha = p->sets_sha256;
			return true;
		}
		i--;
	}
	if (f->laws) {
		if (i == 0) {
			*role = "laws";
			*file = f->laws->path ? f->laws->path : "";
			*sha = f->laws->sha256;
			return true;
		}
		i--;
	}
	if (f->reg) {
		if (i < f->reg->n_files) {
			*role = "registry";
			*file = f->reg->files[i].path;
			*sha = f->reg->files[i].sha256;
			return true;
		}
		i -= f->reg->n_files;
	}
	if (f->ev && i < f->ev->ngeodbs) {
		*role = "geodb";
		*file = f->ev->geodbs[i].label ? f->ev->geodbs[i].label : "";
		*sha = f->ev->geodbs[i].sha256;
		return true;
	}
	return false;
}

size_t
sc_filing_input_count(const sc_filing *f)
{
	size_t n = 0;
	const char *r, *fl, *s;
	while (f && input_at(f, n, &r, &fl, &s))
		n++;
	return n;
}

bool
sc_filing_input(const sc_filing *f, size_t i, const char **ret_role, const char **ret_file,
                const char **ret_sha256)
{
	const char *r, *fl, *s;
	if (f == NULL || !input_at(f, i, &r, &fl, &s))
		return false;
	if (ret_role)
		*ret_role = r;
	if (ret_file)
		*ret_file = fl;
	if (ret_sha256)
		*ret_sha256 = s;
	return true;
}

sc_status
filing_evidence_write(const sc_filing *f, util_sink out, sc_err *err)
{
	return evidence_bundle_write(f->ev, out, err);
}

void
filing_evidence_written(const sc_filing *f, const char *sha256)
{
	if (f->evcache != NULL && strlen(sha256) == 64) {
		memcpy(f->evcache->sha256, sha256, 65);
		f->evcache->done = true;
	}
}

sc_status
filing_evidence_sha256(const sc_filing *f, const char **ret_sha256, sc_err *err)
{
	struct fl_evcache *c = f->evcache;
	if (c == NULL)
		return util_err(err, SC_ERR_INTERNAL, NULL, 0, 0, "internal", "no evidence cache");
	if (!c->done) {
		util_digest d;
		if (!util_digest_init(&d))
			return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		sc_status st = evidence_bundle_write(f->ev, util_sink_digest(&d), err);
		if (st == SC_ERR_IO)
			st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		if (st != SC_OK) {
			util_digest_free(&d);
			return st;
		}
		if (!util_digest_final(&d, c->sha256))
			return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		c->done = true;
	}
	*ret_sha256 = c->sha256;
	return SC_OK;
}
