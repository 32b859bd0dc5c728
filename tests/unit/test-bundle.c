/*
 * test-bundle.c — the evidence bundle (evidence.json) written from the
 * evidence alone and read back: the round trip keeps every answer, a
 * bundle written again from what was read is byte-identical, a filing
 * built from either gives the same findings, and a modified bundle is
 * refused before anything of it is used.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "fixture.h"
#include "render.h"

static fixture fx;

static void setup(void) { fx_setup(&fx); }
static void teardown(void) { fx_free(&fx); }

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *b = malloc((size_t)n + 1);
	ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
	b[n] = '\0';
	fclose(f);
	return b;
}

static void
load(const char *path, sc_manifest **m, sc_evidence **ev, sc_status want)
{
	sc_diags *d = sc_diags_new();
	char date[11];
	sc_err err;
	sc_err_clear(&err);
	sc_status st = sc_evidence_load_json(path, d, m, ev, date, &err);
	ck_assert_msg(st == want, "load: %s (%s)", sc_strerror(st), err.msg);
	if (st == SC_OK)
		ck_assert_str_eq(date, "2026-11-22");
	sc_diags_free(d);
}

START_TEST(the_round_trip_keeps_every_answer)
{
	fx_collect(&fx);
	const char *b1 = fx_path(&fx, "b1.json");
	ck_assert_int_eq(sc_evidence_write_json(fx.ev, b1, NULL), SC_OK);
	sc_manifest *m = NULL;
	sc_evidence *ev = NULL;
	load(b1, &m, &ev, SC_OK);
	ck_assert_str_eq(ev->manifest_text, fx.ev->manifest_text);
	ck_assert_str_eq(sc_manifest_service_name(m), "Fixture Shop");
	ck_assert_uint_eq(sc_dns_result_count(ev->dns), sc_dns_result_count(fx.ev->dns));
	ck_assert_uint_eq(ev->ngeo, fx.ev->ngeo);
	for (size_t i = 0; i < ev->ngeo; i++) {
		ck_assert_str_eq(ev->geo[i].ip, fx.ev->geo[i].ip);
		ck_assert_str_eq(ev->geo[i].country, fx.ev->geo[i].country);
		ck_assert_uint_eq(ev->geo[i].asn, fx.ev->geo[i].asn);
		ck_assert_str_eq(ev->geo[i].as_org, fx.ev->geo[i].as_org);
	}
	ck_assert_uint_eq(ev->ngeodbs, 1);
	ck_assert_str_eq(ev->geodbs[0].data_date, "2026-09-21");
	ck_assert(ev->offline);
	/* Written again from what was read: the same bytes. */
	const char *b2 = fx_path(&fx, "b2.json");
	ck_assert_int_eq(sc_evidence_write_json(ev, b2, NULL), SC_OK);
	char *t1 = slurp(b1), *t2 = slurp(b2);
	ck_assert_str_eq(t1, t2);
	free(t1);
	free(t2);
	sc_evidence_free(ev);
	sc_manifest_free(m);
}
END_TEST

START_TEST(a_filing_from_the_bundle_has_the_same_findings)
{
	fx_file(&fx);
	const char *b1 = fx_path(&fx, "b1.json");
	ck_assert_int_eq(sc_evidence_write_json(fx.ev, b1, NULL), SC_OK);
	sc_manifest *m = NULL;
	sc_evidence *ev = NULL;
	load(b1, &m, &ev, SC_OK);
	sc_filing_opts fo = {2026, 11, 22, true, NULL};
	sc_filing *f = NULL;
	ck_assert_int_eq(sc_filing_build(m, fx.pack, ev, fx.reg, fx.laws, &fo, &f, NULL), SC_OK);
	strbuf a, b;
	sb_init(&a);
	sb_init(&b);
	ck_assert_int_eq(render_named(fx.f, "findings.json", SC_LANG_EN, &a, NULL), SC_OK);
	ck_assert_int_eq(render_named(f, "findings.json", SC_LANG_EN, &b, NULL), SC_OK);
	ck_assert_str_eq(a.s, b.s);
	sb_free(&a);
	sb_free(&b);
	sc_filing_free(f);
	sc_evidence_free(ev);
	sc_manifest_free(m);
}
END_TEST

START_TEST(a_modified_bundle_is_refused)
{
	fx_collect(&fx);
	const char *b1 = fx_path(&fx, "b1.json");
	ck_assert_int_eq(sc_evidence_write_json(fx.ev, b1, NULL), SC_OK);
	char *t = slurp(b1);
	/* Move an address to another country, keep the digest. */
	char *p = strstr(t, "\"location\": \"US\"");
	ck_assert_ptr_nonnull(p);
	memcpy(p + strlen("\"location\": \""), "FR", 2);
	fx_write(&fx, "b2.json", t);
	free(t);
	sc_manifest *m = NULL;
	sc_evidence *ev = NULL;
	load(fx_path(&fx, "b2.json"), &m, &ev, SC_ERR_CORRUPT);
	ck_assert_ptr_null(m);
	ck_assert_ptr_null(ev);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("bundle");
	TCase *tc = tcase_create("bundle");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, the_round_trip_keeps_every_answer);
	tcase_add_test(tc, a_filing_from_the_bundle_has_the_same_findings);
	tcase_add_test(tc, a_modified_bundle_is_refused);
	suite_add_tcase(s, tc);
	return fx_run(s);
}
