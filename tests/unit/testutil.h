/*
 * testutil.h — helpers for the unit tests: load a manifest from a string,
 * evaluate it with the shipped pack, and look findings up.
 */
#ifndef SC_TESTUTIL_H
#define SC_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <string.h>

#include "result.h"
#include "manifest.h"
#include "sc-config.h"
#include "sovcheck.h"

static inline sc_pack *
tu_pack(void)
{
	sc_diags *d = sc_diags_new();
	sc_pack *p = NULL;
	sc_status st = sc_pack_load(SC_SRCDIR "/policies/secnumcloud-3.2.yaml", NULL, d, &p);
	ck_assert_msg(st == SC_OK, "shipped pack does not load (%s)", sc_strerror(st));
	sc_diags_free(d);
	return p;
}

/* Parse src; on failure the diagnostics are left in *ret_d (if given). */
static inline sc_status
tu_parse(const char *src, sc_manifest **ret_m, sc_diags **ret_d)
{
	sc_diags *d = sc_diags_new();
	sc_status st = sc_manifest_parse(src, strlen(src), "t.yaml", d, ret_m);
	sc_diags_sort(d);
	if (ret_d)
		*ret_d = d;
	else
		sc_diags_free(d);
	return st;
}

/* Whether the evaluated run writes the §5.3.d document (tu_eval). */
static bool tu_document;

/* The result borrows requirement pointers from the pack: the pack lives
 * until tu_done(). */
static sc_pack *tu_last_pack;

static inline void
tu_done(sc_result *r)
{
	sc_result_free(r);
	sc_pack_free(tu_last_pack);
	tu_last_pack = NULL;
}

static inline sc_result *
tu_eval(const char *src, const char *date)
{
	sc_manifest *m = NULL;
	sc_diags *d = NULL;
	sc_status st = tu_parse(src, &m, &d);
	if (st != SC_OK) {
		for (size_t i = 0; i < sc_diags_count(d); i++) {
			const sc_diag *g = sc_diags_get(d, i);
			fprintf(stderr, "%u:%u: %s\n", g->line, g->col, g->msg);
		}
	}
	ck_assert_int_eq(st, SC_OK);
	sc_diags_free(d);
	sc_pack *p = tu_pack();
	sc_pack_free(tu_last_pack);
	tu_last_pack = p;
	/* The register first (declarations only, the shipped laws), as a
	 * filing does: §5.3 judges it. */
	sc_diags *ld = sc_diags_new();
	sc_laws *laws = NULL;
	ck_assert_int_eq(sc_laws_load(SC_SRCDIR "/policies/laws.yaml", ld, &laws), SC_OK);
	sc_diags_free(ld);
	sc_risks *rs = NULL;
	ck_assert_int_eq(sc_assess(m, p, NULL, laws, &rs, NULL), SC_OK);
	sc_eval_opts o = {0};
	ck_assert(sc_date_parse(date, &o.year, &o.month, &o.day));
	o.offline = true;
	o.document = tu_document;
	o.risks = rs;
	sc_result *r = NULL;
	ck_assert_int_eq(sc_eval(m, p, &o, &r, NULL), SC_OK);
	sc_risks_free(rs);
	sc_laws_free(laws);
	sc_manifest_free(m);
	return r;
}

static inline const rs_req *
tu_req(const sc_result *r, const char *id)
{
	for (size_t i = 0; i < r->nreqs; i++)
		if (strcmp(sc_requirement_id(r->reqs[i].req), id) == 0)
			return &r->reqs[i];
	ck_abort_msg("no requirement %s", id);
	return NULL;
}

static inline const rs_finding *
tu_finding(const sc_result *r, const char *id, const char *subject)
{
	const rs_req *q = tu_req(r, id);
	for (size_t i = 0; i < q->n; i++)
		if (strcmp(q->f[i].subject, subject) == 0)
			return &q->f[i];
	ck_abort_msg("requirement %s has no finding for '%s'", id, subject);
	return NULL;
}

/* A filing of the manifest file at path with no evidence (an offline run
 * without sources): what `check --offline` builds from declarations. The
 * caller frees the filing, then *ret_ev, *ret_m and *ret_p. */
static inline sc_filing *
tu_filing(const char *path, const char *date, sc_manifest **ret_m, sc_evidence **ret_ev,
          sc_pack **ret_p)
{
	sc_diags *d = sc_diags_new();
	ck_assert_int_eq(sc_manifest_load(path, d, ret_m), SC_OK);
	sc_diags_free(d);
	*ret_p = tu_pack();
	sc_collect_opts co;
	memset(&co, 0, sizeof(co));
	co.offline = true;
	co.date = date;
	ck_assert_int_eq(sc_collect(*ret_m, &co, ret_ev, NULL), SC_OK);
	sc_filing_opts fo;
	memset(&fo, 0, sizeof(fo));
	ck_assert(sc_date_parse(date, &fo.year, &fo.month, &fo.day));
	sc_filing *f = NULL;
	ck_assert_int_eq(sc_filing_build(*ret_m, *ret_p, *ret_ev, NULL, NULL, &fo, &f, NULL), SC_OK);
	return f;
}

/* Run a suite; the exit status of the test program. */
static inline int
tu_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

/* A finding's English sentence (rs_finding_reason(): rendered from its
 * message when it keeps no text), in a ring of 16 buffers this helper
 * reuses. */
static inline const char *
tu_reason(const rs_finding *f)
{
	static char *ring[16];
	static unsigned k;
	const char *r = rs_finding_reason(f, &ring[k++ % 16]);
	return r ? r : "";
}

#define TU_VERDICT(r, id, subj) (tu_finding((r), (id), (subj))->verdict)

#endif
