/*
 * test-attribute.c — the attribute stage: the one attribution rule (ASN,
 * then the suffix of the names that led to an address, then the parent
 * chain) shared by the graph and `lookup`, and the dependency graph built
 * from the evidence and the registry alone.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filing.h"
#include "fixture.h"
#include "graph.h"

static fixture fx;

static void setup(void) { fx_setup(&fx); }
static void teardown(void) { fx_free(&fx); }

START_TEST(an_address_is_attributed_by_its_asn_first)
{
	const char *names[] = {"www.shop.example", "www.eurohost.net"};
	sc_attribution a;
	sc_attribute_address(fx.reg, NULL, true, 3302, names, 2, &a);
	ck_assert_str_eq(sc_entity_id(a.op), "globex-cdn");
	ck_assert_int_eq(a.matched_by, SC_MATCH_ASN);
	ck_assert_str_eq(a.match, "AS3302");
	ck_assert_str_eq(sc_entity_id(a.controller), "globex-corp");
	ck_assert(!a.chain_cycle);
}
END_TEST

START_TEST(then_by_the_last_name_that_led_to_it)
{
	const char *names[] = {"www.shop.example", "edge.globexcdn.net"};
	sc_attribution a;
	sc_attribute_address(fx.reg, NULL, true, 3303, names, 2, &a);   /* AS3303: not in the registry */
	ck_assert_str_eq(sc_entity_id(a.op), "globex-cdn");
	ck_assert_int_eq(a.matched_by, SC_MATCH_CNAME_SUFFIX);
	ck_assert_str_eq(a.suffix, "globexcdn.net");
	ck_assert_str_eq(a.match, "globexcdn.net (of edge.globexcdn.net)");
	sc_attribute_address(fx.reg, NULL, false, 0, names, 1, &a);     /* www.shop.example: nobody */
	ck_assert_ptr_null(a.op);
	ck_assert_int_eq(a.matched_by, SC_MATCH_NONE);
	sc_attribute_address(NULL, NULL, true, 3302, names, 2, &a);     /* no registry: nothing */
	ck_assert_ptr_null(a.op);
}
END_TEST

START_TEST(a_name_is_attributed_by_the_suffix_of_its_kind)
{
	sc_attribution a;
	sc_attribute_name(fx.reg, SC_SUFFIX_NS, "ns1.eurohost.net", &a);
	ck_assert_str_eq(sc_entity_id(a.op), "eurohost");
	ck_assert_int_eq(a.matched_by, SC_MATCH_NS_SUFFIX);
	sc_attribute_name(fx.reg, SC_SUFFIX_MX, "ns1.eurohost.net", &a);   /* not an MX suffix */
	ck_assert_ptr_null(a.op);
	sc_attribute_name(fx.reg, SC_SUFFIX_CNAME, "evil-globexcdn.net", &a); /* label boundary */
	ck_assert_ptr_null(a.op);
	ck_assert_str_eq(sc_match_kind_to_string(SC_MATCH_MX_SUFFIX), "mx-suffix");
}
END_TEST

static const gn_dep *
dep(const sc_graph *g, const char *kind, const char *subject)
{
	for (size_t i = 0; i < g->ndeps; i++)
		if (strcmp(g->deps[i].kind, kind) == 0 && strcmp(g->deps[i].subject, subject) == 0)
			return &g->deps[i];
	ck_abort_msg("no %s dependency %s", kind, subject);
	return NULL;
}

static const gn_op *
op(const sc_graph *g, const char *id)
{
	for (size_t i = 0; i < g->nops; i++)
		if (strcmp(sc_entity_id(g->ops[i].entity), id) == 0)
			return &g->ops[i];
	return NULL;
}

START_TEST(the_graph_attributes_every_observed_node)
{
	fx_collect(&fx);
	sc_graph *g = NULL;
	ck_assert_int_eq(sc_graph_build(fx.m, fx.ev, fx.reg, &g, NULL), SC_OK);
	const gn_dep *d = dep(g, "ip", "192.0.2.10");
	ck_assert_str_eq(d->location, "FR");
	ck_assert_str_eq(sc_entity_id(d->operator), "eurohost");
	ck_assert(d->declared);
	ck_assert_str_eq(d->via[0], "api.shop.example");
	d = dep(g, "ip", "203.0.113.5");
	ck_assert_str_eq(sc_entity_id(d->controller), "globex-corp");
	ck_assert_str_eq(d->path, "www.shop.example → CNAME edge.globexcdn.net → 203.0.113.5 → "
	                 "AS3302 Globex CDN Inc. (US)");
	d = dep(g, "name", "edge.globexcdn.net");
	ck_assert_str_eq(sc_entity_id(d->operator), "globex-cdn");
	/* An AS the registry does not know keeps the database's organisation. */
	d = dep(g, "ip", "198.51.100.7");
	ck_assert_ptr_null(d->operator);
	ck_assert_str_eq(d->operator_name, "Unknown Networks");
	ck_assert_str_eq(d->location, "US");
	/* The mail exchanger of a declared domain. */
	d = dep(g, "ip", "198.51.100.25");
	ck_assert_str_eq(d->via[0], "mx:shop.example");
	ck_assert_str_eq(sc_entity_id(d->operator), "mailco");
	ck_assert(!d->declared);
	/* Reconciliation: declared by name, or not at all. */
	ck_assert_ptr_nonnull(op(g, "eurohost")->declared_by);
	ck_assert_str_eq(op(g, "globex-cdn")->declared_by->name, "Globex CDN Inc.");
	ck_assert_ptr_null(op(g, "mailco")->declared_by);
	ck_assert_ptr_null(op(g, "globex-corp"));   /* a parent is no operator */
	/* Sorted: kind, then subject. */
	for (size_t i = 1; i < g->ndeps; i++) {
		int c = strcmp(g->deps[i - 1].kind, g->deps[i].kind);
		ck_assert(c < 0 || (c == 0 && strcmp(g->deps[i - 1].subject, g->deps[i].subject) < 0));
	}
	sc_graph_free(g);
}
END_TEST

START_TEST(locations_come_from_the_evidence_only)
{
	sc_geo_close(fx.geo);
	fx.geo = NULL;
	fx_collect(&fx);       /* located with no database */
	sc_graph *g = NULL;
	ck_assert_int_eq(sc_graph_build(fx.m, fx.ev, fx.reg, &g, NULL), SC_OK);
	const gn_dep *d = dep(g, "ip", "192.0.2.10");
	ck_assert_str_eq(d->location, "");
	ck_assert(!d->found_asn);
	ck_assert_ptr_null(d->operator);
	/* The names still reveal their operators. */
	ck_assert_str_eq(sc_entity_id(dep(g, "name", "edge.globexcdn.net")->operator), "globex-cdn");
	sc_graph_free(g);
}
END_TEST

START_TEST(databases_that_disagree_leave_the_location_unknown)
{
	/* A second database that puts the API's address in Germany. */
	fx_write(&fx, "other.csv", "192.0.2.10,192.0.2.10,DE\n192.0.2.53,192.0.2.53,FR\n");
	sc_geodb_input in[1] = {{SC_GEODB_CSV, fx_path(&fx, "other.csv"), "other"}};
	sc_geodb_build_opts bo = {in, 1, 1790000000u, 1790000000u, 0};
	ck_assert_int_eq(sc_geodb_build(&bo, fx_path(&fx, "other.mmdb"), NULL, NULL), SC_OK);
	sc_geo_close(fx.geo);
	const char *two[2] = {fx_path(&fx, "fx.mmdb"), fx_path(&fx, "other.mmdb")};
	ck_assert_int_eq(sc_geo_open(two, 2, &fx.geo, NULL), SC_OK);
	fx_file(&fx);
	const sc_graph *g = fx.f->graph;
	const gn_dep *d = dep(g, "ip", "192.0.2.10");
	ck_assert(d->location_conflict);
	ck_assert_str_eq(d->location, "");       /* precedence does not settle it */
	ck_assert_uint_eq(d->geo->nsrc, 2);
	/* Where they agree, the location stands. */
	d = dep(g, "ip", "192.0.2.53");
	ck_assert(!d->location_conflict);
	ck_assert_str_eq(d->location, "FR");
	/* 19.2.b: the API endpoint carries customer data: unknown, both named. */
	sc_finding_view fv;
	bool found = false;
	for (size_t i = 0; sc_result_finding(fx.f->result, "19.2.b", i, &fv); i++) {
		if (strcmp(fv.subject, "api.shop.example") != 0)
			continue;
		found = true;
		ck_assert_int_eq(fv.verdict, SC_UNKNOWN);
		ck_assert_ptr_nonnull(strstr(fv.reason, "disagree"));
		ck_assert_ptr_nonnull(strstr(fv.reason, "fx.mmdb: FR"));
		ck_assert_ptr_nonnull(strstr(fv.reason, "other.mmdb: DE"));
	}
	ck_assert(found);
}
END_TEST

START_TEST(a_registry_contradicting_a_declaration_is_recorded)
{
	/* Globex CDN declared seated in FR: the registry says US. */
	char *src = strdup(fx_manifest);
	char *p = strstr(src, "{name: Globex CDN Inc., country: US");
	ck_assert_ptr_nonnull(p);
	memcpy(strstr(p, "US"), "FR", 2);
	sc_manifest *m = NULL;
	sc_diags *d = sc_diags_new();
	ck_assert_int_eq(sc_manifest_parse(src, strlen(src), fx_path(&fx, "service.yaml"), d, &m),
	                 SC_OK);
	sc_diags_free(d);
	fx_collect(&fx);
	sc_graph *g = NULL;
	ck_assert_int_eq(sc_graph_build(m, fx.ev, fx.reg, &g, NULL), SC_OK);
	ck_assert_uint_eq(g->ncontra, 1);
	ck_assert_ptr_nonnull(strstr(g->contra[0].what, "declared registered office FR, the registry "
	                             "says US"));
	sc_graph_free(g);
	sc_manifest_free(m);
	free(src);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("attribute");
	TCase *tc = tcase_create("attribute");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, an_address_is_attributed_by_its_asn_first);
	tcase_add_test(tc, then_by_the_last_name_that_led_to_it);
	tcase_add_test(tc, a_name_is_attributed_by_the_suffix_of_its_kind);
	tcase_add_test(tc, the_graph_attributes_every_observed_node);
	tcase_add_test(tc, locations_come_from_the_evidence_only);
	tcase_add_test(tc, databases_that_disagree_leave_the_location_unknown);
	tcase_add_test(tc, a_registry_contradicting_a_declaration_is_recorded);
	suite_add_tcase(s, tc);
	return fx_run(s);
}
