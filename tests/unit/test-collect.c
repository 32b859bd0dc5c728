/*
 * test-collect.c — the collect stage's product: DNS answers from zone
 * files, the geolocation answer of every collected address with the
 * databases consulted, the manifest and date the evidence was collected
 * for; a database that cannot be read stops collection (never "unknown").
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "fixture.h"

static fixture fx;

static void setup(void) { fx_setup(&fx); }
static void teardown(void) { fx_free(&fx); }

START_TEST(zone_answers_cover_endpoints_cnames_and_domains)
{
	fx_collect(&fx);
	ck_assert(sc_evidence_has_dns(fx.ev));
	const sc_dns_entry *e = sc_dns_result_find(fx.ev->dns, "api.shop.example");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->answers[0].addr_count, 1);
	ck_assert_str_eq(e->answers[0].addrs[0].ip, "192.0.2.10");
	e = sc_dns_result_find(fx.ev->dns, "www.shop.example");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->answers[0].chain_len, 1);
	ck_assert_str_eq(e->answers[0].chain[0].target, "edge.globexcdn.net");
	ck_assert_str_eq(e->answers[0].addrs[0].ip, "203.0.113.5");
	e = sc_dns_result_find(fx.ev->dns, "shop.example");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->answers[0].ns_count, 1);
	ck_assert_uint_eq(e->answers[0].mx_count, 1);
	/* NS and MX targets are resolved too. */
	e = sc_dns_result_find(fx.ev->dns, "mx.mailco.net");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->answers[0].addrs[0].ip, "198.51.100.25");
}
END_TEST

START_TEST(every_collected_address_is_located_once_in_order)
{
	fx_collect(&fx);
	static const struct { const char *ip, *cc; unsigned asn; const char *org; } want[] = {
		{"192.0.2.10", "FR", 3301, "Euro Host SAS"},
		{"192.0.2.53", "FR", 3301, "Euro Host SAS"},
		{"192.0.2.80", "FR", 3301, "Euro Host SAS"},
		{"198.51.100.25", "US", 3304, "MailCo"},
		{"198.51.100.7", "US", 3303, "Unknown Networks"},
		{"203.0.113.5", "US", 3302, "Globex CDN"},
	};
	ck_assert_uint_eq(fx.ev->ngeo, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < fx.ev->ngeo; i++) {
		const ev_geo *g = &fx.ev->geo[i];
		ck_assert_str_eq(g->ip, want[i].ip);
		ck_assert_str_eq(g->country, want[i].cc);
		ck_assert(g->found_asn);
		ck_assert_uint_eq(g->asn, want[i].asn);
		ck_assert_str_eq(g->as_org, want[i].org);
		ck_assert_ptr_eq(evidence_geo_find(fx.ev, want[i].ip), g);
	}
	ck_assert_ptr_null(evidence_geo_find(fx.ev, "192.0.2.11"));
}
END_TEST

START_TEST(the_databases_consulted_are_recorded_with_their_dates)
{
	fx_collect(&fx);
	ck_assert_uint_eq(fx.ev->ngeodbs, 1);
	ck_assert_str_eq(fx.ev->geodbs[0].label, "fx.mmdb");
	ck_assert_str_eq(fx.ev->geodbs[0].data_date, "2026-09-21");
	ck_assert_str_eq(fx.ev->geodbs[0].build_date, "2026-09-21");
	ck_assert_str_eq(fx.ev->geodbs[0].type, "sovcheck-geo");
}
END_TEST

START_TEST(without_a_database_every_address_is_recorded_unknown)
{
	sc_geo_close(fx.geo);
	fx.geo = NULL;
	fx_collect(&fx);
	ck_assert_uint_eq(fx.ev->ngeo, 6);
	for (size_t i = 0; i < fx.ev->ngeo; i++) {
		ck_assert_str_eq(fx.ev->geo[i].country, "");
		ck_assert(!fx.ev->geo[i].found_asn);
	}
	ck_assert_uint_eq(fx.ev->ngeodbs, 0);
}
END_TEST

START_TEST(the_manifest_and_date_are_recorded)
{
	fx_collect(&fx);
	ck_assert_str_eq(fx.ev->manifest_text, fx_manifest);
	ck_assert_uint_eq(fx.ev->manifest_len, strlen(fx_manifest));
	ck_assert_str_eq(fx.ev->manifest_path, fx_path(&fx, "service.yaml"));
	ck_assert_str_eq(sc_evidence_date(fx.ev), "2026-11-22");
	ck_assert(sc_evidence_offline(fx.ev));
}
END_TEST

/* The data section of a database whose metadata and search tree are
 * intact but whose records are garbage: lookups fail, the open does not. */
static void
corrupt_data_section(const char *path)
{
	FILE *f = fopen(path, "r+b");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	long size = ftell(f);
	char *buf = malloc((size_t)size);
	ck_assert_ptr_nonnull(buf);
	rewind(f);
	ck_assert_uint_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
	static const char marker[] = "\xab\xcd\xefMaxMind.com";
	long meta = -1;
	for (long i = size - (long)sizeof(marker) + 1; i >= 0 && meta < 0; i--)
		if (memcmp(buf + i, marker, sizeof(marker) - 1) == 0)
			meta = i;
	ck_assert_int_gt(meta, 64);
	sc_geodb_info info;
	ck_assert_int_eq(sc_geodb_info_load(path, &info, NULL), SC_OK);
	long data = (long)info.node_count * info.record_size * 2 / 8 + 16;
	ck_assert_int_lt(data, meta);
	memset(buf + data, 0xff, (size_t)(meta - data));
	rewind(f);
	ck_assert_uint_eq(fwrite(buf, 1, (size_t)size, f), (size_t)size);
	ck_assert_int_eq(fclose(f), 0);
	free(buf);
}

START_TEST(a_database_that_cannot_be_read_stops_collection)
{
	sc_geo_close(fx.geo);
	fx.geo = NULL;
	const char *path = fx_path(&fx, "fx.mmdb");
	corrupt_data_section(path);
	const char *one[1] = {path};
	sc_err err;
	sc_err_clear(&err);
	ck_assert_int_eq(sc_geo_open(one, 1, &fx.geo, &err), SC_OK);
	sc_collect_opts co;
	memset(&co, 0, sizeof(co));
	co.offline = true;
	co.date = "2026-11-22";
	co.geo = fx.geo;
	ck_assert_int_eq(sc_collect(fx.m, &co, &fx.ev, &err), SC_ERR_CORRUPT);
	ck_assert_ptr_null(fx.ev);
	ck_assert_msg(strstr(err.file, "fx.mmdb") != NULL || strstr(err.msg, "fx.mmdb") != NULL,
	              "the database is named: %s / %s", err.file, err.msg);
}
END_TEST

START_TEST(offline_without_sources_collects_nothing)
{
	static const char src[] = "sovcheck: 1\nservice: {name: Bare}\n"
		"endpoints: [{host: api.bare.example, role: api, data: customer}]\n";
	sc_manifest *m = NULL;
	sc_diags *d = sc_diags_new();
	ck_assert_int_eq(sc_manifest_parse(src, strlen(src), "bare.yaml", d, &m), SC_OK);
	sc_diags_free(d);
	sc_collect_opts co;
	memset(&co, 0, sizeof(co));
	co.offline = true;
	co.date = "2026-11-22";
	co.geo = fx.geo;
	sc_evidence *ev = NULL;
	ck_assert_int_eq(sc_collect(m, &co, &ev, NULL), SC_OK);
	ck_assert(!sc_evidence_has_dns(ev));
	ck_assert(!sc_evidence_has_tls(ev));
	ck_assert_uint_eq(ev->ngeo, 0);
	ck_assert_uint_eq(ev->ngeodbs, 0);
	sc_evidence_free(ev);
	sc_manifest_free(m);
}
END_TEST

START_TEST(a_collection_without_a_date_is_refused)
{
	sc_collect_opts co;
	memset(&co, 0, sizeof(co));
	co.offline = true;
	sc_err err;
	ck_assert_int_eq(sc_collect(fx.m, &co, &fx.ev, &err), SC_ERR_USAGE);
	ck_assert_ptr_null(fx.ev);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("collect");
	TCase *tc = tcase_create("evidence");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, zone_answers_cover_endpoints_cnames_and_domains);
	tcase_add_test(tc, every_collected_address_is_located_once_in_order);
	tcase_add_test(tc, the_databases_consulted_are_recorded_with_their_dates);
	tcase_add_test(tc, without_a_database_every_address_is_recorded_unknown);
	tcase_add_test(tc, the_manifest_and_date_are_recorded);
	tcase_add_test(tc, a_database_that_cannot_be_read_stops_collection);
	tcase_add_test(tc, offline_without_sources_collects_nothing);
	tcase_add_test(tc, a_collection_without_a_date_is_refused);
	suite_add_tcase(s, tc);
	return fx_run(s);
}
