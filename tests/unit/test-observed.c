/*
 * test-observed.c — limits of the observed checks and of the filing that a
 * mutation of the code must not survive: a new dependency whose ultimate
 * controller is unknown fails §19.6.f (it may be outside the EU); a
 * geolocation database is stale past 90 days, not at 90.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filing.h"
#include "fixture.h"

static fixture fx;

static void setup(void) { fx_setup(&fx); }
static void teardown(void) { fx_free(&fx); }

START_TEST(a_new_dependency_with_an_unknown_controller_fails_the_notice)
{
	/* A registry whose Globex CDN names a parent nobody defines: the chain
	 * is broken, its controller unknown (lint would refuse it; a registry
	 * extended at run time may still get there). */
	char *reg = strdup(fx_registry);
	char *p = strstr(reg, "parent: globex-corp");
	ck_assert_ptr_nonnull(p);
	memcpy(p, "parent: globex-xxxx", strlen("parent: globex-xxxx"));
	fx_write(&fx, "registry/fixture.yaml", reg);
	free(reg);
	sc_registry_free(fx.reg);
	sc_diags *d = sc_diags_new();
	ck_assert_int_eq(sc_registry_load_dir(fx_path(&fx, "registry"), d, &fx.reg), SC_OK);
	sc_diags_free(d);
	/* The baseline: the same service without its public web endpoint. */
	char *src = strdup(fx_manifest);
	char *w = strstr(src, "  - {host: www.shop.example");
	char *end = strchr(w, '\n');
	memmove(w, end + 1, strlen(end + 1) + 1);
	sc_manifest *bm = NULL;
	d = sc_diags_new();
	ck_assert_int_eq(sc_manifest_parse(src, strlen(src), fx_path(&fx, "service.yaml"), d, &bm),
	                 SC_OK);
	sc_diags_free(d);
	free(src);
	sc_collect_opts co;
	memset(&co, 0, sizeof(co));
	co.offline = true;
	co.date = "2026-11-01";
	co.geo = fx.geo;
	sc_evidence *bev = NULL;
	ck_assert_int_eq(sc_collect(bm, &co, &bev, NULL), SC_OK);
	sc_filing_opts bo = {2026, 11, 1, false, NULL};
	sc_filing *base = NULL;
	ck_assert_int_eq(sc_filing_build(bm, fx.pack, bev, fx.reg, fx.laws, &bo, &base, NULL), SC_OK);
	fx_collect(&fx);
	sc_filing_opts fo = {2026, 11, 22, false, base};
	ck_assert_int_eq(sc_filing_build(fx.m, fx.pack, fx.ev, fx.reg, fx.laws, &fo, &fx.f, NULL),
	                 SC_OK);
	sc_finding_view fv;
	bool seen = false;
	for (size_t i = 0; sc_result_finding(fx.f->result, "19.6.f", i, &fv); i++) {
		if (strcmp(fv.subject, "Globex CDN Inc.") != 0)
			continue;
		seen = true;
		ck_assert_int_eq(fv.verdict, SC_FAIL);
		ck_assert_ptr_nonnull(strstr(fv.reason, "unknown controller"));
		ck_assert_ptr_nonnull(strstr(fv.reason, "2026-12-22"));
	}
	ck_assert_msg(seen, "the new CDN is a 19.6.f finding");
	sc_filing_free(base);
	sc_evidence_free(bev);
	sc_manifest_free(bm);
}
END_TEST

START_TEST(a_database_is_stale_past_ninety_days)
{
	fx_collect(&fx);   /* data of 2026-09-21 */
	static const struct { int y, m, d; long age; bool stale; } at[] = {
		{2026, 12, 20, 90, false}, {2026, 12, 21, 91, true}, {2026, 9, 21, 0, false},
	};
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		sc_filing_opts fo = {at[i].y, at[i].m, at[i].d, false, NULL};
		sc_filing *f = NULL;
		ck_assert_int_eq(sc_filing_build(fx.m, fx.pack, fx.ev, fx.reg, fx.laws, &fo, &f, NULL),
		                 SC_OK);
		long age = -1;
		bool stale = !at[i].stale;
		ck_assert(sc_filing_geodb(f, 0, NULL, NULL, &age, &stale));
		ck_assert_int_eq(age, at[i].age);
		ck_assert_int_eq(stale, at[i].stale);
		sc_filing_free(f);
	}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("observed");
	TCase *tc = tcase_create("limits");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_new_dependency_with_an_unknown_controller_fails_the_notice);
	tcase_add_test(tc, a_database_is_stale_past_ninety_days);
	suite_add_tcase(s, tc);
	return fx_run(s);
}
