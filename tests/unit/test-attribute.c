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
#include "testutil.h"
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

/* Build NAME.mmdb from country and ASN CSV text with our builder; its
 * path (static: one per name, up to four). */
static const char *
build_db(const char *name, const char *countries, const char *asns)
{
	static char paths[4][512];
	static int k;
	char c[64], a[64], out[64];
	snprintf(c, sizeof(c), "%s-c.csv", name);
	snprintf(a, sizeof(a), "%s-a.csv", name);
	snprintf(out, sizeof(out), "%s.mmdb", name);
	fx_write(&fx, c, countries);
	fx_write(&fx, a, asns);
	char cp[512], ap[512];
	snprintf(cp, sizeof(cp), "%s", fx_path(&fx, c));
	snprintf(ap, sizeof(ap), "%s", fx_path(&fx, a));
	sc_geodb_input in[2] = {{SC_GEODB_CSV, cp, "countries of test"},
	                        {SC_GEODB_CSV, ap, "ASNs of test"}};
	sc_geodb_build_opts bo = {in, 2, 1790000000u, 1790000000u, 0};
	sc_err err;
	sc_err_clear(&err);
	char *path = paths[k++ % 4];
	snprintf(path, 512, "%s", fx_path(&fx, out));
	ck_assert_msg(sc_geodb_build(&bo, path, NULL, &err) == SC_OK, "%s", err.msg);
	return path;
}

/* Replace the fixture's databases by these, in this order. */
static void
use_dbs(const char *a, const char *b)
{
	char pa[512], pb[512];
	snprintf(pa, sizeof(pa), "%s", a);
	snprintf(pb, sizeof(pb), "%s", b);
	sc_geo_close(fx.geo);
	fx.geo = NULL;
	const char *two[2] = {pa, pb};
	sc_err err;
	sc_err_clear(&err);
	ck_assert_msg(sc_geo_open(two, 2, &fx.geo, &err) == SC_OK, "%s", err.msg);
}

/* The 19.2.b finding of the API endpoint (customer data, 192.0.2.10). */
static sc_finding_view
api_finding(void)
{
	sc_finding_view fv;
	for (size_t i = 0; sc_result_finding(fx.f->result, "19.2.b", i, &fv); i++)
		if (strcmp(fv.subject, "api.shop.example") == 0)
			return fv;
	ck_abort_msg("no 19.2.b finding for api.shop.example");
	return fv;
}

START_TEST(the_geolocation_rule_decides_by_agreement_then_specificity)
{
	enum { FR = 'F' << 8 | 'R', DE = 'D' << 8 | 'E', IT = 'I' << 8 | 'T' };
	static const struct {
		sc_geo_claim c[3];
		size_t n;
		sc_geo_outcome want;
		size_t by, against;
	} cases[] = {
		{{{0}}, 0, SC_GEO_NONE, 0, 0},
		{{{false, FR, 16}, {false, DE, 24}}, 2, SC_GEO_NONE, 0, 0},
		{{{true, FR, 16}}, 1, SC_GEO_AGREED, 0, 0},
		{{{false, DE, 24}, {true, FR, 16}}, 2, SC_GEO_AGREED, 1, 1},
		/* Agreement stands whatever the lengths: the first one answers. */
		{{{true, FR, 16}, {true, FR, 24}}, 2, SC_GEO_AGREED, 0, 0},
		/* A /24 against a /16: the /24 decides, in either order. */
		{{{true, FR, 16}, {true, DE, 24}}, 2, SC_GEO_SETTLED, 1, 0},
		{{{true, DE, 24}, {true, FR, 16}}, 2, SC_GEO_SETTLED, 0, 1},
		/* Equally specific: unknown, whatever the order or the count. */
		{{{true, FR, 24}, {true, DE, 24}}, 2, SC_GEO_CONFLICT, 0, 1},
		{{{true, FR, 24}, {true, FR, 16}, {true, DE, 24}}, 3, SC_GEO_CONFLICT, 0, 2},
		/* Two agreeing /24s over a /16 that disagrees. */
		{{{true, FR, 16}, {true, DE, 24}, {true, DE, 24}}, 3, SC_GEO_SETTLED, 1, 0},
		/* The most specific decides even when the others disagree among
		 * themselves. */
		{{{true, FR, 24}, {true, DE, 24}, {true, IT, 28}}, 3, SC_GEO_SETTLED, 2, 0},
		/* Not recorded (a bundle before the networks were): least specific,
		 * so two such answers that disagree stay unknown. */
		{{{true, FR, 0}, {true, DE, 0}}, 2, SC_GEO_CONFLICT, 0, 1},
		{{{true, FR, 0}, {true, DE, 8}}, 2, SC_GEO_SETTLED, 1, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sc_geo_decision d;
		memset(&d, 0x5a, sizeof(d));
		sc_geo_decide(cases[i].c, cases[i].n, &d);
		ck_assert_msg(d.outcome == cases[i].want, "case %zu: %s, want %s", i,
		              sc_geo_outcome_to_string(d.outcome), sc_geo_outcome_to_string(cases[i].want));
		if (d.outcome != SC_GEO_NONE) {
			ck_assert_msg(d.by == cases[i].by, "case %zu: by %zu", i, d.by);
			ck_assert_msg(d.against == cases[i].against, "case %zu: against %zu", i, d.against);
		}
	}
	ck_assert_str_eq(sc_geo_outcome_to_string(SC_GEO_SETTLED), "settled");
}
END_TEST

START_TEST(a_more_specific_database_settles_a_disagreement)
{
	/* Two real databases: a /16 in France with one AS, and inside it a /24
	 * in Germany with another. The /24 decides the country and the AS, in
	 * either order of precedence; the decision names both. */
	const char *wide = build_db("wide", "192.0.0.0,192.0.255.255,FR\n",
	                            "192.0.0.0,192.0.255.255,3301,Euro Host SAS\n");
	const char *narrow = build_db("narrow", "192.0.2.0,192.0.2.255,DE\n",
	                              "192.0.2.0,192.0.2.255,3305,Narrow Net GmbH\n");
	for (int order = 0; order < 2; order++) {
		use_dbs(order ? narrow : wide, order ? wide : narrow);
		sc_filing_free(fx.f);
		fx.f = NULL;
		sc_evidence_free(fx.ev);
		fx.ev = NULL;
		fx_file(&fx);
		const sc_graph *g = fx.f->graph;
		const gn_dep *d = dep(g, "ip", "192.0.2.10");
		ck_assert_uint_eq(d->geo->nsrc, 2);
		ck_assert_int_eq(d->geo_country.outcome, SC_GEO_SETTLED);
		ck_assert(!d->location_conflict);
		ck_assert_str_eq(d->location, "DE");
		ck_assert_str_eq(graph_geo_db(g, d, d->geo_country.by), "narrow.mmdb");
		ck_assert_str_eq(graph_geo_db(g, d, d->geo_country.against), "wide.mmdb");
		ck_assert_uint_eq(d->geo->src[d->geo_country.by].country_prefix, 24);
		ck_assert_uint_eq(d->geo->src[d->geo_country.against].country_prefix, 16);
		ck_assert_str_eq(d->geo->src[d->geo_country.by].network, "192.0.2.0/24");
		ck_assert_str_eq(d->geo->src[d->geo_country.by].country_source, "countries of test");
		ck_assert_str_eq(d->geo->src[d->geo_country.by].asn_source, "ASNs of test");
		ck_assert_int_eq(d->geo_asn.outcome, SC_GEO_SETTLED);
		ck_assert(!d->asn_conflict);
		ck_assert(d->found_asn);
		ck_assert_uint_eq(d->asn, 3305);
		ck_assert_str_eq(d->as_org, "Narrow Net GmbH");
		/* Where only the /16 answers, it stands. */
		d = dep(g, "ip", "198.51.100.7");
		ck_assert_int_eq(d->geo_country.outcome, SC_GEO_NONE);
		/* 19.2.b passes on Germany, and says how it was settled. */
		sc_finding_view fv = api_finding();
		ck_assert_int_eq(fv.verdict, SC_PASS);
		ck_assert_msg(strstr(fv.reason, "DE from narrow.mmdb (/24) over FR from wide.mmdb (/16)"),
		              "%s", fv.reason);
	}
}
END_TEST

START_TEST(equally_specific_databases_that_disagree_leave_the_location_unknown)
{
	/* The fixture's database has 192.0.2.0/24 in France; a second one has
	 * the same /24 in Germany. */
	const char *other = build_db("other", "192.0.2.0,192.0.2.255,DE\n",
	                             "192.0.2.0,192.0.2.255,3301,Euro Host SAS\n");
	use_dbs(fx_path(&fx, "fx.mmdb"), other);
	fx_file(&fx);
	const sc_graph *g = fx.f->graph;
	const gn_dep *d = dep(g, "ip", "192.0.2.10");
	ck_assert(d->location_conflict);
	ck_assert_int_eq(d->geo_country.outcome, SC_GEO_CONFLICT);
	ck_assert_str_eq(d->location, "");       /* precedence does not settle it */
	ck_assert_uint_eq(d->geo->nsrc, 2);
	/* The AS, where both agree, stands. */
	ck_assert_int_eq(d->geo_asn.outcome, SC_GEO_AGREED);
	ck_assert_uint_eq(d->asn, 3301);
	/* 19.2.b: the API endpoint carries customer data: unknown, both named. */
	sc_finding_view fv = api_finding();
	ck_assert_int_eq(fv.verdict, SC_UNKNOWN);
	ck_assert_ptr_nonnull(strstr(fv.reason, "disagree"));
	ck_assert_ptr_nonnull(strstr(fv.reason, "fx.mmdb: FR (/24)"));
	ck_assert_ptr_nonnull(strstr(fv.reason, "other.mmdb: DE (/24)"));
}
END_TEST

START_TEST(databases_that_disagree_on_the_as_leave_the_operator_unknown)
{
	const char *other = build_db("other", "192.0.2.0,192.0.2.255,FR\n",
	                             "192.0.2.0,192.0.2.255,3302,Globex CDN\n");
	use_dbs(fx_path(&fx, "fx.mmdb"), other);
	fx_file(&fx);
	const gn_dep *d = dep(fx.f->graph, "ip", "192.0.2.10");
	ck_assert(d->asn_conflict);
	ck_assert(!d->found_asn);
	ck_assert_ptr_null(d->operator);
	ck_assert_str_eq(d->location, "FR");     /* the country, where they agree, stands */
	sc_finding_view fv;
	bool found = false;
	for (size_t i = 0; sc_result_finding(fx.f->result, "19.6.c", i, &fv); i++) {
		if (strcmp(fv.subject, "192.0.2.10") != 0)
			continue;
		found = true;
		ck_assert_int_eq(fv.verdict, SC_UNKNOWN);
		ck_assert_ptr_nonnull(strstr(fv.reason, "disagree on its AS"));
		ck_assert_ptr_nonnull(strstr(fv.reason, "fx.mmdb: FR (/24) AS3301 (/24)"));
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

/* The fixture's shop.example zone with what the domain publishes, collected
 * as a probe collects it (sc_collect_opts.discover). */
static void
collect_published(const char *records)
{
	char zone[8192];
	snprintf(zone, sizeof(zone), "%s%s", fx_zone_shop, records);
	fx_write(&fx, "shop.zone", zone);
	sc_collect_opts co;
	memset(&co, 0, sizeof(co));
	co.offline = true;
	co.discover = true;
	co.date = "2026-11-22";
	co.geo = fx.geo;
	sc_err err;
	sc_err_clear(&err);
	ck_assert_msg(sc_collect(fx.m, &co, &fx.ev, &err) == SC_OK, "collect: %s", err.msg);
}

static const gn_dep *
dep_or_null(const sc_graph *g, const char *kind, const char *subject)
{
	for (size_t i = 0; i < g->ndeps; i++)
		if (strcmp(g->deps[i].kind, kind) == 0 && strcmp(g->deps[i].subject, subject) == 0)
			return &g->deps[i];
	return NULL;
}

START_TEST(spf_networks_are_located_and_attributed_by_their_first_address)
{
	collect_published(
	    "@ IN TXT \"v=spf1 ip4:203.0.113.9/24 ip6:2001:db8::/32 ip4:198.51.100.0/28 "
	    "ip4:0.0.0.0/0 ip4:192.0.2.0/40 -ip4:192.0.2.0/24 include:_spf.shop.example -all\"\n"
	    "_spf IN TXT \"v=spf1 ip4:192.0.2.128/25 ip4:garbage ~all\"\n");
	/* located when collected: the first address of each network */
	ck_assert_ptr_nonnull(evidence_geo_find(fx.ev, "203.0.113.0"));
	ck_assert_ptr_nonnull(evidence_geo_find(fx.ev, "192.0.2.128"));
	ck_assert_ptr_null(evidence_geo_find(fx.ev, "0.0.0.0"));   /* too wide: not asked */
	sc_graph *g = NULL;
	ck_assert_int_eq(sc_graph_build(fx.m, fx.ev, fx.reg, &g, NULL), SC_OK);
	/* a network of a known AS: its operator, controller and country */
	const gn_dep *d = dep(g, "ip", "203.0.113.0");
	ck_assert_str_eq(d->via[0], "spf:shop.example");
	ck_assert_str_eq(d->location, "US");
	ck_assert_str_eq(sc_entity_id(d->operator), "globex-cdn");
	ck_assert_str_eq(sc_entity_id(d->controller), "globex-corp");
	ck_assert_uint_eq(d->data, 1u << MF_DATA_NONE);
	ck_assert_str_eq(d->path, "shop.example → SPF ip4:203.0.113.0/24 (the network's first "
	                 "address) → 203.0.113.0 → AS3302 Globex CDN Inc. (US)");
	ck_assert(op(g, "globex-cdn")->published);
	/* in an included record, on the path through it */
	d = dep(g, "ip", "192.0.2.128");
	ck_assert_str_eq(sc_entity_id(d->operator), "eurohost");
	ck_assert_ptr_nonnull(strstr(d->path, "shop.example → SPF include _spf.shop.example → SPF "
	                             "ip4:192.0.2.128/25"));
	/* an AS the registry does not know: a sender of unknown control */
	d = dep(g, "ip", "198.51.100.0");
	ck_assert_ptr_null(d->operator);
	ck_assert(d->published_unknown);
	ck_assert_str_eq(d->operator_name, "Unknown Networks");
	ck_assert_ptr_nonnull(strstr(d->path, "→ AS3303 Unknown Networks"));
	/* no database answers for the IPv6 network: unknown, not left out */
	d = dep(g, "ip", "2001:db8::");
	ck_assert_str_eq(d->location, "");
	ck_assert(d->published_unknown);
	/* a /0 is no one operator's network: a record, not located */
	d = dep(g, "record", "ip4:0.0.0.0/0");
	ck_assert_uint_eq(d->spf_wide, 8);
	ck_assert(d->published_unknown);
	ck_assert_ptr_null(dep_or_null(g, "ip", "0.0.0.0"));
	/* not authorised (-ip4:) is no sender; malformed terms are noted */
	ck_assert_ptr_null(dep_or_null(g, "ip", "192.0.2.0"));
	ck_assert_uint_eq(g->nnotes, 2);
	ck_assert_str_eq(g->notes[0].name, "_spf.shop.example");
	ck_assert_str_eq(g->notes[0].term, "ip4:garbage");
	ck_assert_int_eq(g->notes[0].why, SC_DNS_SPF_BAD_ADDRESS);
	ck_assert_str_eq(g->notes[1].name, "shop.example");
	ck_assert_str_eq(g->notes[1].term, "ip4:192.0.2.0/40");
	ck_assert_int_eq(g->notes[1].why, SC_DNS_SPF_BAD_PREFIX);
	sc_graph_free(g);
}
END_TEST

START_TEST(an_spf_tree_of_includes_that_include_each_other_is_read_once)
{
	/* nine names that each include all nine (and the apex): walked along
	 * every path, 9^10 visits */
	char recs[8192];
	size_t n = 0;
	n += (size_t)snprintf(recs + n, sizeof(recs) - n,
	                      "@ IN TXT \"v=spf1 include:l0.shop.example -all\"\n");
	for (int i = 0; i < 9; i++) {
		n += (size_t)snprintf(recs + n, sizeof(recs) - n, "l%d IN TXT \"v=spf1 ip4:192.0.2.%d",
		                      i, i);
		for (int k = 0; k < 9; k++)
			n += (size_t)snprintf(recs + n, sizeof(recs) - n, "\" \" include:l%d.shop.example",
			                      k);   /* strings of at most 255: joined (RFC 7208 3.3) */
		n += (size_t)snprintf(recs + n, sizeof(recs) - n, "\" \" include:shop.example -all\"\n");
	}
	ck_assert_uint_lt(n, sizeof(recs));
	collect_published(recs);
	sc_graph *g = NULL;
	ck_assert_int_eq(sc_graph_build(fx.m, fx.ev, fx.reg, &g, NULL), SC_OK);
	for (int i = 0; i < 9; i++) {
		char ip[32], name[64];
		snprintf(ip, sizeof(ip), "192.0.2.%d", i);
		snprintf(name, sizeof(name), "l%d.shop.example", i);
		ck_assert_str_eq(sc_entity_id(dep(g, "ip", ip)->operator), "eurohost");
		ck_assert_ptr_nonnull(dep(g, "name", name));
	}
	sc_graph_free(g);
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
	tcase_add_test(tc, the_geolocation_rule_decides_by_agreement_then_specificity);
	tcase_add_test(tc, a_more_specific_database_settles_a_disagreement);
	tcase_add_test(tc, equally_specific_databases_that_disagree_leave_the_location_unknown);
	tcase_add_test(tc, databases_that_disagree_on_the_as_leave_the_operator_unknown);
	tcase_add_test(tc, a_registry_contradicting_a_declaration_is_recorded);
	tcase_add_test(tc, spf_networks_are_located_and_attributed_by_their_first_address);
	tcase_add_test(tc, an_spf_tree_of_includes_that_include_each_other_is_read_once);
	suite_add_tcase(s, tc);
	return fx_run(s);
}
