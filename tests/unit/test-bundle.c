/*
 * test-bundle.c — the evidence bundle (evidence.json) written from the
 * evidence alone and read back: the round trip keeps every answer, a
 * bundle written again from what was read is byte-identical, a filing
 * built from either gives the same findings, and a modified bundle is
 * refused before anything of it is used. What each geolocation database
 * said, and how specific it was, comes back as it was collected; a bundle
 * written before that was recorded still loads, its answers least
 * specific.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "evidence.h"
#include "filing.h"
#include "fixture.h"
#include "graph.h"
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
	sc_filing_opts fo = {2026, 11, 22, true, NULL, NULL};
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

/* The fixture's database (192.0.2.0/24 in France) and a second one that
 * puts the whole 192.0.0.0/16 in Germany, in that order. */
static void
two_databases(void)
{
	fx_write(&fx, "wide.csv", "192.0.0.0,192.0.255.255,DE\n");
	char wide[512], own[512];
	snprintf(wide, sizeof(wide), "%s", fx_path(&fx, "wide.mmdb"));
	snprintf(own, sizeof(own), "%s", fx_path(&fx, "fx.mmdb"));
	sc_geodb_input in[1] = {{SC_GEODB_CSV, fx_path(&fx, "wide.csv"), "wide countries"}};
	sc_geodb_build_opts bo = {in, 1, 1790000000u, 1790000000u, 0};
	ck_assert_int_eq(sc_geodb_build(&bo, wide, NULL, NULL), SC_OK);
	sc_geo_close(fx.geo);
	const char *two[2] = {own, wide};
	ck_assert_int_eq(sc_geo_open(two, 2, &fx.geo, NULL), SC_OK);
}

static const gn_dep *
ip_dep(const sc_graph *g, const char *ip)
{
	for (size_t i = 0; i < g->ndeps; i++)
		if (strcmp(g->deps[i].kind, "ip") == 0 && strcmp(g->deps[i].subject, ip) == 0)
			return &g->deps[i];
	ck_abort_msg("no address %s", ip);
	return NULL;
}

static void
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		ck_assert_ptr_eq(a, b);
	else
		ck_assert_str_eq(a, b);
}

START_TEST(each_database_answer_comes_back_with_its_network)
{
	two_databases();
	fx_collect(&fx);
	const char *b1 = fx_path(&fx, "b1.json");
	ck_assert_int_eq(sc_evidence_write_json(fx.ev, b1, NULL), SC_OK);
	sc_manifest *m = NULL;
	sc_evidence *ev = NULL;
	load(b1, &m, &ev, SC_OK);
	ck_assert_uint_eq(ev->ngeo, fx.ev->ngeo);
	for (size_t i = 0; i < ev->ngeo; i++) {
		ck_assert_uint_eq(ev->geo[i].nsrc, fx.ev->geo[i].nsrc);
		for (size_t k = 0; k < ev->geo[i].nsrc; k++) {
			const ev_geo_src *x = &ev->geo[i].src[k], *y = &fx.ev->geo[i].src[k];
			ck_assert_uint_eq(x->db, y->db);
			ck_assert_str_eq(x->country, y->country);
			ck_assert_uint_eq(x->country_prefix, y->country_prefix);
			ck_assert_uint_eq(x->asn_prefix, y->asn_prefix);
			same_text(x->network, y->network);
			same_text(x->as_org, y->as_org);
			same_text(x->country_source, y->country_source);
			same_text(x->asn_source, y->asn_source);
		}
	}
	/* 192.0.2.10: FR from the /24 over DE from the /16, before and after. */
	const ev_geo *g = evidence_geo_find(ev, "192.0.2.10");
	ck_assert_ptr_nonnull(g);
	ck_assert_uint_eq(g->nsrc, 2);
	ck_assert_str_eq(g->src[0].network, "192.0.2.0/24");
	ck_assert_uint_eq(g->src[0].country_prefix, 24);
	ck_assert_str_eq(g->src[0].country_source, "fixture countries");
	ck_assert_str_eq(g->src[1].network, "192.0.0.0/16");
	ck_assert_uint_eq(g->src[1].country_prefix, 16);
	ck_assert_str_eq(g->src[1].country_source, "wide countries");
	ck_assert_ptr_null(g->src[1].asn_source);
	sc_graph *gr = NULL;
	ck_assert_int_eq(sc_graph_build(m, ev, fx.reg, &gr, NULL), SC_OK);
	const gn_dep *d = ip_dep(gr, "192.0.2.10");
	ck_assert_int_eq(d->geo_country.outcome, SC_GEO_SETTLED);
	ck_assert_str_eq(d->location, "FR");
	sc_graph_free(gr);
	sc_evidence_free(ev);
	sc_manifest_free(m);
}
END_TEST

START_TEST(a_bundle_without_networks_leaves_disagreements_unknown)
{
	two_databases();
	fx_collect(&fx);
	const char *b1 = fx_path(&fx, "b1.json");
	ck_assert_int_eq(sc_evidence_write_json(fx.ev, b1, NULL), SC_OK);
	/* As a bundle of the version before: no network, lengths or inputs in
	 * the sources, resealed. */
	json_error_t je;
	json_t *root = json_load_file(b1, 0, &je);
	ck_assert_ptr_nonnull(root);
	json_object_del(root, "integrity");
	json_t *ans = json_object_get(json_object_get(root, "geo"), "answers");
	static const char *const keys[] = {"as_org", "network", "country_prefix", "asn_prefix",
	                                   "country_source", "asn_source"};
	for (size_t i = 0; i < json_array_size(ans); i++) {
		json_t *srcs = json_object_get(json_array_get(ans, i), "sources");
		for (size_t k = 0; k < json_array_size(srcs); k++)
			for (size_t j = 0; j < sizeof(keys) / sizeof(keys[0]); j++)
				json_object_del(json_array_get(srcs, k), keys[j]);
	}
	char dg[65];
	ck_assert(evidence_canonical_digest(root, dg));
	json_object_set_new(root, "integrity", json_pack("{s:s, s:s}", "algorithm", "sha256",
	                                                 "digest", dg));
	const char *b2 = fx_path(&fx, "b2.json");
	ck_assert_int_eq(json_dump_file(root, b2, JSON_INDENT(2)), 0);
	json_decref(root);
	sc_manifest *m = NULL;
	sc_evidence *ev = NULL;
	load(b2, &m, &ev, SC_OK);
	const ev_geo *g = evidence_geo_find(ev, "192.0.2.10");
	ck_assert_ptr_null(g->src[0].network);
	ck_assert_uint_eq(g->src[0].country_prefix, 0);
	sc_graph *gr = NULL;
	ck_assert_int_eq(sc_graph_build(m, ev, fx.reg, &gr, NULL), SC_OK);
	const gn_dep *d = ip_dep(gr, "192.0.2.10");
	ck_assert(d->location_conflict);
	ck_assert_str_eq(d->location, "");
	/* The AS, given by one database only, stands, with its organisation. */
	ck_assert(d->found_asn);
	ck_assert_str_eq(d->as_org, "Euro Host SAS");
	sc_graph_free(gr);
	sc_evidence_free(ev);
	sc_manifest_free(m);
}
END_TEST

/* The fixture's evidence with the demo's chains of these hosts (PEM files,
 * verified against the demo's roots), as collection adds them. */
static void
add_demo_chains(const char *const *hosts, size_t n)
{
	sc_tls_opts o = {.trust_file = SC_SRCDIR "/examples/acme-storage/trust/demo-roots.pem"};
	sc_tls *t = NULL;
	ck_assert_int_eq(sc_tls_new(&o, &t, NULL), SC_OK);
	sc_evidence *ev = fx.ev;
	for (size_t i = 0; i < n; i++) {
		sc_tls_result *r = NULL;
		sc_err err;
		sc_err_clear(&err);
		ck_assert_msg(sc_tls_pem_load(t, SC_SRCDIR "/examples/acme-storage/certs", hosts[i],
		                              1795000000, &r, &err) == SC_OK, "%s", err.msg);
		ev->tls = realloc(ev->tls, (ev->ntls + 1) * sizeof(*ev->tls));
		ck_assert_ptr_nonnull(ev->tls);
		ev_tls *x = &ev->tls[ev->ntls++];
		memset(x, 0, sizeof(*x));
		x->host = strdup(hosts[i]);
		x->port = 443;
		x->r = x->owned = r;
		char id[300];
		snprintf(id, sizeof(id), "tls:%s:443", hosts[i]);
		x->id = strdup(id);
	}
	ev->has_tls = true;
	sc_tls_free(t);
}

static const char *const demo_hosts[] = {
	"s3.acme-cloud.example", "api.acme-cloud.example", "console.acme-cloud.example",
	"admin.acme-cloud.example", "www.acme-cloud.example",
};
#define NDEMO (sizeof(demo_hosts) / sizeof(demo_hosts[0]))

START_TEST(each_certificate_is_stored_once_and_chains_name_it)
{
	fx_collect(&fx);
	add_demo_chains(demo_hosts, NDEMO);
	const char *b1 = fx_path(&fx, "b1.json");
	ck_assert_int_eq(sc_evidence_write_json(fx.ev, b1, NULL), SC_OK);
	json_error_t je;
	json_t *root = json_load_file(b1, JSON_REJECT_DUPLICATES, &je);
	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(json_integer_value(json_object_get(root, "schema_version")), 2);
	json_t *certs = json_object_get(root, "certificates");
	size_t named = 0, distinct = 0;
	for (size_t i = 0; i < fx.ev->ntls; i++) {
		const sc_tls_result *r = fx.ev->tls[i].r;
		json_t *chain = json_object_get(json_object_get(json_array_get(
			json_object_get(root, "tls"), i), "capture"), "chain");
		ck_assert_uint_eq(json_array_size(chain), sc_tls_result_cert_count(r));
		for (size_t k = 0; k < sc_tls_result_cert_count(r); k++) {
			const char *h = sc_cert_sha256(sc_tls_result_cert(r, k));
			ck_assert_str_eq(json_string_value(json_array_get(chain, k)), h);
			ck_assert_ptr_nonnull(json_object_get(json_object_get(certs, h), "der"));
			named++;
		}
	}
	/* The demo's endpoints share their CAs: fewer certificates than
	 * chain members, each once. */
	const char *k;
	json_t *v;
	json_object_foreach(certs, k, v)
		distinct++;
	ck_assert_uint_lt(distinct, named);
	json_decref(root);

	sc_manifest *m = NULL;
	sc_evidence *ev = NULL;
	load(b1, &m, &ev, SC_OK);
	ck_assert_uint_eq(ev->ntls, fx.ev->ntls);
	for (size_t i = 0; i < ev->ntls; i++) {
		const sc_tls_result *a = fx.ev->tls[i].r, *b = ev->tls[i].r;
		ck_assert_uint_eq(sc_tls_result_cert_count(b), sc_tls_result_cert_count(a));
		for (size_t j = 0; j < sc_tls_result_cert_count(a); j++) {
			ck_assert_str_eq(sc_cert_sha256(sc_tls_result_cert(b, j)),
			                 sc_cert_sha256(sc_tls_result_cert(a, j)));
			ck_assert_int_eq(sc_tls_result_cert_from_store(b, j),
			                 sc_tls_result_cert_from_store(a, j));
			/* Read back, one analysis per certificate too. */
			for (size_t i2 = 0; i2 < i; i2++)
				for (size_t j2 = 0; j2 < sc_tls_result_cert_count(ev->tls[i2].r); j2++)
					if (strcmp(sc_cert_sha256(sc_tls_result_cert(ev->tls[i2].r, j2)),
					           sc_cert_sha256(sc_tls_result_cert(b, j))) == 0)
						ck_assert_ptr_eq(sc_tls_result_cert(ev->tls[i2].r, j2),
						                 sc_tls_result_cert(b, j));
		}
		ck_assert_int_eq(sc_tls_result_verified(b), sc_tls_result_verified(a));
	}
	/* The file is what the bundle is as a string, and written again from
	 * what was read, the same bytes. */
	strbuf sb;
	sb_init(&sb);
	ck_assert_int_eq(evidence_bundle_text(ev, &sb, NULL), SC_OK);
	char *t1 = slurp(b1);
	ck_assert_str_eq(sb.s, t1);
	free(t1);
	sb_free(&sb);
	sc_evidence_free(ev);
	sc_manifest_free(m);
}
END_TEST

/* The documents quote the digest of evidence.json as written: whether the
 * bundle went into a file or only into the digest, the same. */
START_TEST(the_digest_the_documents_quote_is_the_file_s)
{
	fx_file(&fx);
	const char *sha = NULL;
	ck_assert_int_eq(filing_evidence_sha256(fx.f, &sha, NULL), SC_OK);
	strbuf sb;
	sb_init(&sb);
	ck_assert_int_eq(render_named(fx.f, "evidence.json", SC_LANG_EN, &sb, NULL), SC_OK);
	char want[65];
	ck_assert(util_sha256_hex(sb.s, sb.len, want));
	ck_assert_str_eq(sha, want);
	sb_free(&sb);
	/* Written into a filing: SHA256SUMS lists the same digest. */
	sc_render_opts ro = {.formats = 1u << SC_FORMAT_EVIDENCE | 1u << SC_FORMAT_JSON};
	ck_assert_int_eq(sc_filing_write(fx.f, fx_path(&fx, "out"), &ro, NULL), SC_OK);
	char *sums = slurp(fx_path(&fx, "out/SHA256SUMS"));
	char line[100];
	snprintf(line, sizeof(line), "%s  evidence.json\n", want);
	ck_assert_ptr_nonnull(strstr(sums, line));
	free(sums);
}
END_TEST

START_TEST(a_bundle_that_cannot_be_written_leaves_nothing)
{
	fx_collect(&fx);
	sc_err err;
	sc_err_clear(&err);
	ck_assert_int_eq(sc_evidence_write_json(fx.ev, fx_path(&fx, "no/such/dir/b.json"), &err),
	                 SC_ERR_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot create"));
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
	tcase_add_test(tc, each_database_answer_comes_back_with_its_network);
	tcase_add_test(tc, a_bundle_without_networks_leaves_disagreements_unknown);
	tcase_add_test(tc, each_certificate_is_stored_once_and_chains_name_it);
	tcase_add_test(tc, the_digest_the_documents_quote_is_the_file_s);
	tcase_add_test(tc, a_bundle_that_cannot_be_written_leaves_nothing);
	suite_add_tcase(s, tc);
	return fx_run(s);
}
