/*
 * test-geo.c — unit tests of the geodb builder (geodb/build.c,
 * geodb/mmdb-write.c) and the reader (core/geo.c): lookups of IPv4, IPv6,
 * IPv4-mapped and 6to4 addresses, precedence between inputs and between
 * databases, geofeed override, numeric CSV variant, MMDB inputs, CSV
 * errors with their line, metadata and age, and a corrupt-database corpus
 * generated here (truncations, flipped bytes, bad metadata, pointer
 * loops, huge counts) that must give clean errors, never a crash.
 */
#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mmdb-write.h"
#include "sovcheck.h"

static char tmpdir[256];

static void
setup(void)
{
	const char *t = getenv("TMPDIR");
	snprintf(tmpdir, sizeof(tmpdir), "%s/sc-geo-XXXXXX", t && *t ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Path of name in the test directory (static buffers, 8 in rotation). */
static const char *
tpath(const char *name)
{
	static char bufs[8][512];
	static int k;
	char *b = bufs[k++ % 8];
	snprintf(b, 512, "%s/%s", tmpdir, name);
	return b;
}

static const char *
write_file(const char *name, const void *data, size_t len)
{
	const char *p = tpath(name);
	FILE *f = fopen(p, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	return p;
}

static const char *
write_text(const char *name, const char *text)
{
	return write_file(name, text, strlen(text));
}

static unsigned char *
read_all(const char *path, size_t *ret_len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	unsigned char *b = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*ret_len = (size_t)n;
	return b;
}

#define EPOCH_2026_11_22 1795305600u
#define EPOCH_2026_06_17 1781654400u

static sc_status
build(const sc_geodb_input *in, size_t n, const char *out, sc_geodb_stats *stats, sc_err *err)
{
	sc_geodb_build_opts o = { in, n, EPOCH_2026_11_22, 0, 0 };
	sc_err_clear(err);
	return sc_geodb_build(&o, out, stats, err);
}

static sc_geo *
open1(const char *path)
{
	sc_geo *g = NULL;
	sc_err err;
	sc_err_clear(&err);
	sc_status st = sc_geo_open(&path, 1, &g, &err);
	ck_assert_msg(st == SC_OK, "open %s: %s", path, err.msg);
	return g;
}

static const char country_csv[] =
	"# country ranges, inclusive\n"
	"start,end,country\n"
	"1.0.0.0,1.0.0.255,AU\n"
	"192.0.2.0,192.0.2.255,FR\n"
	"198.51.100.0,198.51.100.127,DE\n"
	"\"198.51.100.128\",\"198.51.100.255\",\"nl\"\r\n"
	"10.0.0.0,10.0.0.255,??\n"
	"10.0.1.0,10.0.1.255,EU\n"
	"2001:db8::,2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,FR\n";

/* The numeric variant: addresses as decimal integers. */
static const char asn_num_csv[] =
	"3221225984,3221226239,16276,OVH SAS\n"
	"3325256704,3325256959,24940,\"Hetzner Online GmbH\"\n"
	"42540766411282592856903984951653826560,42540766490510755371168322545197776895,"
	"64500,\"Example, \"\"Quoted\"\" Org\"\n"
	"167772160,167772415,0,not routed\n";

static const char geofeed[] =
	"# RFC 8805 geofeed\n"
	"192.0.2.128/25,BE,BE-BRU,Brussels,\n"
	"2001:db8:1::/48,ch,,,\n"
	"203.0.113.0/24,,,,\n"
	"192.0.2.1/24,FR,,,\n"
	"not-a-prefix,FR,,,\n";

struct want {
	const char *ip;
	const char *cc;      /* NULL: not found */
	uint32_t asn;        /* 0: not found */
	const char *org;
	const char *network; /* NULL: not checked */
};

static void
check_wants(const sc_geo *g, const struct want *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sc_geo_answer a;
		sc_err err;
		sc_err_clear(&err);
		sc_status st = sc_geo_lookup(g, w[i].ip, &a, &err);
		ck_assert_msg(st == SC_OK, "%s: %s", w[i].ip, err.msg);
		if (w[i].cc == NULL) {
			ck_assert_msg(!a.found_country, "%s: country %s, want none", w[i].ip, a.country);
		} else {
			ck_assert_msg(a.found_country, "%s: no country, want %s", w[i].ip, w[i].cc);
			ck_assert_str_eq(a.country, w[i].cc);
		}
		if (w[i].asn == 0) {
			ck_assert_msg(!a.found_asn, "%s: AS%u, want none", w[i].ip, a.asn);
		} else {
			ck_assert_msg(a.found_asn, "%s: no ASN, want AS%u", w[i].ip, w[i].asn);
			ck_assert_uint_eq(a.asn, w[i].asn);
			ck_assert_str_eq(a.as_org, w[i].org);
		}
		if (w[i].network != NULL)
			ck_assert_msg(strcmp(a.network, w[i].network) == 0, "%s: network %s, want %s",
			              w[i].ip, a.network, w[i].network);
	}
}

static const char *
build_base(sc_geodb_stats *stats)
{
	sc_geodb_input in[] = {
		{ SC_GEODB_CSV, write_text("country.csv", country_csv), "Test countries, CC0" },
		{ SC_GEODB_CSV, write_text("asn.csv", asn_num_csv), NULL },
		{ SC_GEODB_GEOFEED, write_text("feed.csv", geofeed), NULL },
	};
	const char *out = tpath("base.mmdb");
	sc_err err;
	sc_status st = build(in, 3, out, stats, &err);
	ck_assert_msg(st == SC_OK, "build: %s:%u: %s", err.file, err.line, err.msg);
	return out;
}

START_TEST(lookups_of_each_family_and_alias_answer_from_merged_layers)
{
	sc_geodb_stats stats;
	const char *db = build_base(&stats);
	ck_assert_uint_eq(stats.geofeed_prefixes, 2);
	ck_assert_uint_eq(stats.geofeed_invalid, 2);
	ck_assert_uint_ge(stats.skipped, 4); /* ??, EU, AS 0, empty geofeed country */
	sc_geo *g = open1(db);
	static const struct want w[] = {
		{ "1.0.0.1", "AU", 0, NULL, "1.0.0.0/24" },
		{ "192.0.2.5", "FR", 16276, "OVH SAS", "192.0.2.0/25" },
		{ "192.0.2.200", "BE", 16276, "OVH SAS", "192.0.2.128/25" }, /* geofeed wins */
		{ "::ffff:192.0.2.200", "BE", 16276, "OVH SAS", "192.0.2.128/25" },
		{ "2002:c000:2c8::1", "BE", 16276, "OVH SAS", NULL },        /* 6to4 alias */
		{ "198.51.100.1", "DE", 24940, "Hetzner Online GmbH", "198.51.100.0/25" },
		{ "198.51.100.200", "NL", 24940, "Hetzner Online GmbH", "198.51.100.128/25" },
		{ "10.0.0.5", NULL, 0, NULL, "" },      /* ?? skipped */
		{ "10.0.1.5", NULL, 0, NULL, "" },      /* EU is not ISO 3166-1 */
		{ "203.0.113.9", NULL, 0, NULL, "" },
		{ "2001:db8::1", "FR", 64500, "Example, \"Quoted\" Org", "2001:db8::/48" },
		{ "2001:db8:1::5", "CH", 64500, "Example, \"Quoted\" Org", "2001:db8:1::/48" },
		{ "2001:db8:2::5", "FR", 64500, "Example, \"Quoted\" Org", "2001:db8:2::/47" },
		{ "2001:db9::1", NULL, 0, NULL, "" },
		{ "::", NULL, 0, NULL, "" },
	};
	check_wants(g, w, sizeof(w) / sizeof(w[0]));
	sc_geo_answer a;
	ck_assert_int_eq(sc_geo_lookup(g, "192.0.2.5", &a, NULL), SC_OK);
	ck_assert_str_eq(a.country_source, "base.mmdb");
	ck_assert_str_eq(a.asn_source, "base.mmdb");
	sc_geo_close(g);
}
END_TEST

START_TEST(malformed_literals_are_invalid_not_misses)
{
	const char *db = build_base(NULL);
	sc_geo *g = open1(db);
	static const char *const bad[] = { "", "1.2.3", "1.2.3.256", "hello", "2001:db8::1::2",
	                                   "fe80::1%eth0", "192.0.2.1/24", " 1.2.3.4" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sc_geo_answer a;
		memset(&a, 0x5a, sizeof(a));
		sc_err err;
		sc_err_clear(&err);
		ck_assert_msg(sc_geo_lookup(g, bad[i], &a, &err) == SC_ERR_INVALID, "'%s'", bad[i]);
		ck_assert_uint_eq(((unsigned char *)&a)[0], 0x5a); /* ret untouched */
		ck_assert_str_ne(err.msg, "");
	}
	sc_geo_close(g);
}
END_TEST

START_TEST(later_inputs_and_later_lines_override_earlier_ones)
{
	const char *a = write_text("a.csv", "192.0.2.0,192.0.2.255,FR\n");
	const char *b = write_text("b.csv", "192.0.2.64,192.0.2.127,DE\n"
	                                    "192.0.2.96,192.0.2.111,IT\n");
	sc_err err;
	sc_geodb_input ab[] = { { SC_GEODB_CSV, a, NULL }, { SC_GEODB_CSV, b, NULL } };
	ck_assert_int_eq(build(ab, 2, tpath("ab.mmdb"), NULL, &err), SC_OK);
	sc_geo *g = open1(tpath("ab.mmdb"));
	static const struct want w1[] = {
		{ "192.0.2.10", "FR", 0, NULL, "192.0.2.0/26" },
		{ "192.0.2.70", "DE", 0, NULL, "192.0.2.64/27" },
		{ "192.0.2.100", "IT", 0, NULL, "192.0.2.96/28" },
		{ "192.0.2.120", "DE", 0, NULL, "192.0.2.112/28" },
		{ "192.0.2.200", "FR", 0, NULL, "192.0.2.128/25" },
	};
	check_wants(g, w1, sizeof(w1) / sizeof(w1[0]));
	sc_geo_close(g);

	sc_geodb_input ba[] = { { SC_GEODB_CSV, b, NULL }, { SC_GEODB_CSV, a, NULL } };
	ck_assert_int_eq(build(ba, 2, tpath("ba.mmdb"), NULL, &err), SC_OK);
	g = open1(tpath("ba.mmdb"));
	static const struct want w2[] = {
		{ "192.0.2.70", "FR", 0, NULL, "192.0.2.0/24" },
		{ "192.0.2.100", "FR", 0, NULL, "192.0.2.0/24" },
	};
	check_wants(g, w2, sizeof(w2) / sizeof(w2[0]));
	sc_geo_close(g);
}
END_TEST

START_TEST(geofeed_overrides_country_of_any_input_order)
{
	const char *feed = write_text("f.csv", "192.0.2.0/26,SE,,,\n");
	const char *csv = write_text("c.csv", "192.0.2.0,192.0.2.255,US\n");
	sc_err err;
	/* The geofeed comes first, the CSV after it: the geofeed still wins. */
	sc_geodb_input in[] = { { SC_GEODB_GEOFEED, feed, NULL }, { SC_GEODB_CSV, csv, NULL } };
	ck_assert_int_eq(build(in, 2, tpath("gf.mmdb"), NULL, &err), SC_OK);
	sc_geo *g = open1(tpath("gf.mmdb"));
	static const struct want w[] = {
		{ "192.0.2.1", "SE", 0, NULL, "192.0.2.0/26" },
		{ "192.0.2.65", "US", 0, NULL, "192.0.2.64/26" },
	};
	check_wants(g, w, sizeof(w) / sizeof(w[0]));
	sc_geo_close(g);
}
END_TEST

/* The inputs that decided an address's fields, by their source text: in
 * the answer of the database that decided each (sc_geo_lookup_sources). */
static void
check_inputs(const sc_geo *g, const char *ip, const char *cin, const char *ain)
{
	sc_geo_answer a;
	sc_geo_source src[SC_GEO_MAX_DBS];
	size_t n = 0;
	sc_err err;
	ck_assert_int_eq(sc_geo_lookup_sources(g, ip, &a, src, SC_GEO_MAX_DBS, &n, &err), SC_OK);
	const char *ci = NULL, *ai = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *label = sc_geo_db_label(g, src[i].db);
		if (a.found_country && ci == NULL && strcmp(label, a.country_source) == 0)
			ci = src[i].country_input;
		if (a.found_asn && ai == NULL && strcmp(label, a.asn_source) == 0)
			ai = src[i].asn_input;
	}
	if (cin == NULL)
		ck_assert_msg(ci == NULL, "%s: country input %s", ip, ci);
	else
		ck_assert_msg(ci && strcmp(ci, cin) == 0, "%s: country input %s, want %s", ip,
		              ci ? ci : "(none)", cin);
	if (ain == NULL)
		ck_assert_msg(ai == NULL, "%s: asn input %s", ip, ai);
	else
		ck_assert_msg(ai && strcmp(ai, ain) == 0, "%s: asn input %s, want %s", ip,
		              ai ? ai : "(none)", ain);
}

START_TEST(geofeeds_answer_with_their_most_specific_prefix_whatever_the_order)
{
	/* One feed publishes an aggregate and a region per /24 inside it, the
	 * aggregate last; a second feed a /26 inside one of those /24s, and the
	 * same /24 as the first feed with another country. */
	const char *f1 = write_text("f1.csv", "192.0.2.0/24,DE,DE-BE,Berlin,\n"
	                                      "192.0.3.0/24,NL,NL-NH,Amsterdam,\n"
	                                      "2001:db8:1::/48,BE,,,\n"
	                                      "192.0.0.0/16,FR,,,\n"
	                                      "2001:db8::/32,FR,,,\n");
	const char *f1r = write_text("f1r.csv", "2001:db8::/32,FR,,,\n"
	                                        "192.0.0.0/16,FR,,,\n"
	                                        "2001:db8:1::/48,BE,,,\n"
	                                        "192.0.3.0/24,NL,NL-NH,Amsterdam,\n"
	                                        "192.0.2.0/24,DE,DE-BE,Berlin,\n");
	const char *f2 = write_text("f2.csv", "192.0.2.64/26,SE,,,\n192.0.3.0/24,IT,,,\n");
	/* A CSV that covers everything: geofeeds override it. */
	const char *csv = write_text("c.csv", "192.0.0.0,192.0.255.255,US\n");
	static const struct want w[] = {
		{ "192.0.2.1", "DE", 0, NULL, "192.0.2.0/26" },
		{ "192.0.2.70", "SE", 0, NULL, "192.0.2.64/26" },      /* the /26 of the other feed */
		{ "192.0.2.200", "DE", 0, NULL, "192.0.2.128/25" },
		{ "192.0.3.1", "IT", 0, NULL, "192.0.3.0/24" },        /* same length: the later feed */
		{ "192.0.4.1", "FR", 0, NULL, "192.0.4.0/22" },        /* the aggregate elsewhere */
		{ "192.0.1.1", "FR", 0, NULL, "192.0.0.0/23" },
		{ "2001:db8:1::1", "BE", 0, NULL, "2001:db8:1::/48" },
		{ "2001:db8:2::1", "FR", 0, NULL, "2001:db8:2::/47" },
	};
	for (int order = 0; order < 2; order++) {
		sc_geodb_input in[] = {
			{ SC_GEODB_GEOFEED, order ? f1r : f1, "feed one" },
			{ SC_GEODB_CSV, csv, "whole" },
			{ SC_GEODB_GEOFEED, f2, "feed two" },
		};
		sc_err err;
		ck_assert_int_eq(build(in, 3, tpath("feeds.mmdb"), NULL, &err), SC_OK);
		sc_geo *g = open1(tpath("feeds.mmdb"));
		check_wants(g, w, sizeof(w) / sizeof(w[0]));
		/* Which feed decided, and how specific its prefix was. */
		check_inputs(g, "192.0.2.1", "feed one", NULL);
		check_inputs(g, "192.0.2.70", "feed two", NULL);
		check_inputs(g, "192.0.3.1", "feed two", NULL);
		check_inputs(g, "192.0.4.1", "feed one", NULL);
		sc_geo_answer a;
		sc_geo_source src[2];
		size_t n = 0;
		ck_assert_int_eq(sc_geo_lookup_sources(g, "192.0.4.1", &a, src, 2, &n, &err), SC_OK);
		ck_assert_uint_eq(n, 1);
		ck_assert_uint_eq(src[0].country_prefix_len, 16);   /* the aggregate, not /22 */
		ck_assert_uint_eq(src[0].prefix_len, 22);
		ck_assert_str_eq(src[0].network, "192.0.4.0/22");
		ck_assert_int_eq(sc_geo_lookup_sources(g, "2001:db8:1::1", &a, src, 2, &n, &err), SC_OK);
		ck_assert_uint_eq(src[0].country_prefix_len, 48);
		sc_geo_close(g);
	}
}
END_TEST

START_TEST(records_name_the_input_that_decided_each_field)
{
	/* Countries from a CSV and an MMDB (the later wins), ASNs from a CSV;
	 * one input without a --source is named by its file name. */
	sc_err err;
	sc_geodb_input c[] = { { SC_GEODB_CSV, write_text("m.csv", "192.0.2.0,192.0.2.127,IT\n"),
	                         NULL } };
	ck_assert_int_eq(build(c, 1, tpath("it.mmdb"), NULL, &err), SC_OK);
	sc_geodb_input in[] = {
		{ SC_GEODB_CSV, write_text("c.csv", "192.0.2.0,192.0.2.255,FR\n"
		                                    "198.51.100.0,198.51.100.255,DE\n"), "Countries, CC0" },
		{ SC_GEODB_MMDB, tpath("it.mmdb"), "Italian MMDB" },
		{ SC_GEODB_CSV, write_text("a.csv", "192.0.2.0,192.0.3.255,16276,OVH SAS\n"), NULL },
	};
	ck_assert_int_eq(build(in, 3, tpath("prov.mmdb"), NULL, &err), SC_OK);
	sc_geo *g = open1(tpath("prov.mmdb"));
	check_inputs(g, "192.0.2.1", "Italian MMDB", "a.csv");
	check_inputs(g, "192.0.2.200", "Countries, CC0", "a.csv");
	check_inputs(g, "198.51.100.1", "Countries, CC0", NULL);
	check_inputs(g, "192.0.3.1", NULL, "a.csv");
	check_inputs(g, "::ffff:192.0.2.1", "Italian MMDB", "a.csv");
	sc_geo_answer a;
	sc_geo_source src[1];
	size_t n = 0;
	ck_assert_int_eq(sc_geo_lookup_sources(g, "192.0.2.200", &a, src, 1, &n, &err), SC_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(src[0].country_prefix_len, 24);    /* the CSV's 256 addresses */
	ck_assert_uint_eq(src[0].asn_prefix_len, 23);        /* 512 addresses */
	ck_assert_uint_eq(src[0].prefix_len, 25);            /* the network the tree holds */
	ck_assert_str_eq(src[0].country_input, "Countries, CC0");
	ck_assert_str_eq(src[0].asn_input, "a.csv");
	ck_assert_str_eq(src[0].as_org, "OVH SAS");
	/* A range that is no prefix counts as the largest prefix of its size. */
	ck_assert_int_eq(sc_geo_lookup_sources(g, "192.0.2.1", &a, src, 1, &n, &err), SC_OK);
	ck_assert_uint_eq(src[0].country_prefix_len, 25);    /* the MMDB's /25 */
	sc_geo_close(g);

	/* The records are shared: many networks, few distinct records. */
	sc_geodb_stats stats;
	ck_assert_int_eq(build(in, 3, tpath("prov.mmdb"), &stats, &err), SC_OK);
	ck_assert_uint_le(stats.records, 5);
}
END_TEST

START_TEST(ranges_covering_whole_spaces_leave_the_aliases_working)
{
	/* A range over all of IPv6 (which holds ::/96 and both aliased
	 * ranges) and one over all of IPv4 that overrides it there. */
	const char *csv = write_text("all.csv",
		"::,ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff,US\n"
		"0.0.0.0,255.255.255.255,FR\n"
		"0,4294967295,64496,Whole IPv4\n");
	sc_geodb_input in = { SC_GEODB_CSV, csv, NULL };
	sc_err err;
	sc_geodb_stats stats;
	ck_assert_int_eq(build(&in, 1, tpath("all.mmdb"), &stats, &err), SC_OK);
	sc_geo *g = open1(tpath("all.mmdb"));
	static const struct want w[] = {
		{ "0.0.0.0", "FR", 64496, "Whole IPv4", "0.0.0.0/1" },
		{ "255.255.255.255", "FR", 64496, "Whole IPv4", "128.0.0.0/1" },
		{ "::ffff:10.1.2.3", "FR", 64496, "Whole IPv4", "0.0.0.0/1" },
		{ "2002:a01:203::1", "FR", 64496, "Whole IPv4", NULL },
		{ "::1:0:0:1", "US", 0, NULL, NULL },
		{ "2001:db8::1", "US", 0, NULL, NULL },
		{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "US", 0, NULL, "8000::/1" },
	};
	check_wants(g, w, sizeof(w) / sizeof(w[0]));
	sc_geo_close(g);
}
END_TEST

START_TEST(mmdb_inputs_merge_a_country_and_an_asn_database)
{
	sc_err err;
	sc_geodb_input c[] = { { SC_GEODB_CSV, write_text("c.csv", country_csv), NULL } };
	sc_geodb_input a[] = { { SC_GEODB_CSV, write_text("a.csv", asn_num_csv), NULL } };
	ck_assert_int_eq(build(c, 1, tpath("country.mmdb"), NULL, &err), SC_OK);
	ck_assert_int_eq(build(a, 1, tpath("asn.mmdb"), NULL, &err), SC_OK);
	sc_geodb_input m[] = {
		{ SC_GEODB_MMDB, tpath("country.mmdb"), NULL },
		{ SC_GEODB_MMDB, tpath("asn.mmdb"), NULL },
		{ SC_GEODB_GEOFEED, write_text("feed.csv", geofeed), NULL },
	};
	sc_geodb_stats stats;
	ck_assert_int_eq(build(m, 3, tpath("merged.mmdb"), &stats, &err), SC_OK);
	ck_assert_uint_gt(stats.mmdb_networks, 0);
	sc_geo *g = open1(tpath("merged.mmdb"));
	static const struct want w[] = {
		{ "192.0.2.5", "FR", 16276, "OVH SAS", "192.0.2.0/25" },
		{ "192.0.2.200", "BE", 16276, "OVH SAS", "192.0.2.128/25" },
		{ "::ffff:198.51.100.200", "NL", 24940, "Hetzner Online GmbH", NULL },
		{ "2001:db8:1::5", "CH", 64500, "Example, \"Quoted\" Org", NULL },
		{ "1.0.0.1", "AU", 0, NULL, NULL },
		{ "10.0.0.1", NULL, 0, NULL, NULL },
	};
	check_wants(g, w, sizeof(w) / sizeof(w[0]));
	sc_geo_close(g);
}
END_TEST

START_TEST(databases_answer_per_field_in_order_of_precedence)
{
	sc_err err;
	sc_geodb_input c1[] = { { SC_GEODB_CSV, write_text("c1.csv", "192.0.2.0,192.0.2.255,FR\n"), NULL } };
	sc_geodb_input c2[] = {
		{ SC_GEODB_CSV, write_text("c2.csv", "192.0.2.0,192.0.2.255,US\n"
		                                     "198.51.100.0,198.51.100.255,US\n"), NULL },
		{ SC_GEODB_CSV, write_text("a2.csv", "192.0.2.0,192.0.2.255,16509,\"Amazon.com, Inc.\"\n"), NULL },
	};
	ck_assert_int_eq(build(c1, 1, tpath("one.mmdb"), NULL, &err), SC_OK);
	ck_assert_int_eq(build(c2, 2, tpath("two.mmdb"), NULL, &err), SC_OK);
	const char *p12[] = { tpath("one.mmdb"), tpath("two.mmdb") };
	sc_geo *g = NULL;
	ck_assert_int_eq(sc_geo_open(p12, 2, &g, &err), SC_OK);
	ck_assert_uint_eq(sc_geo_db_count(g), 2);
	ck_assert_str_eq(sc_geo_db_label(g, 1), "two.mmdb");
	sc_geo_answer a;
	ck_assert_int_eq(sc_geo_lookup(g, "192.0.2.1", &a, &err), SC_OK);
	ck_assert_str_eq(a.country, "FR");
	ck_assert_str_eq(a.country_source, "one.mmdb");
	ck_assert_uint_eq(a.asn, 16509);
	ck_assert_str_eq(a.as_org, "Amazon.com, Inc.");
	ck_assert_str_eq(a.asn_source, "two.mmdb");
	ck_assert_int_eq(sc_geo_lookup(g, "198.51.100.1", &a, &err), SC_OK);
	ck_assert_str_eq(a.country, "US");
	ck_assert_str_eq(a.country_source, "two.mmdb");
	ck_assert(!a.found_asn);
	sc_geo_close(g);

	const char *p21[] = { tpath("two.mmdb"), tpath("one.mmdb") };
	ck_assert_int_eq(sc_geo_open(p21, 2, &g, &err), SC_OK);
	ck_assert_int_eq(sc_geo_lookup(g, "192.0.2.1", &a, &err), SC_OK);
	ck_assert_str_eq(a.country, "US");
	sc_geo_close(g);
}
END_TEST

/*
 * Lookups keep each record's decoded fields in a per-thread cache: a second
 * address of the same record is answered from it, identically; and a set
 * opened after another is closed, whose database has the same layout (same
 * offsets) and other values, never sees the first set's answers.
 */
START_TEST(the_record_cache_answers_alike_and_never_outlives_its_set)
{
	sc_err err;
	sc_geodb_input one[] = {
		{ SC_GEODB_CSV, write_text("c1.csv", "192.0.2.0,192.0.2.255,FR\n"), NULL },
		{ SC_GEODB_CSV, write_text("a1.csv", "192.0.2.0,192.0.2.255,16276,OVH SAS\n"), NULL },
	};
	sc_geodb_input two[] = {
		{ SC_GEODB_CSV, write_text("c2.csv", "192.0.2.0,192.0.2.255,US\n"), NULL },
		{ SC_GEODB_CSV, write_text("a2.csv", "192.0.2.0,192.0.2.255,16509,Amazon\n"), NULL },
	};
	ck_assert_int_eq(build(one, 2, tpath("one.mmdb"), NULL, &err), SC_OK);
	ck_assert_int_eq(build(two, 2, tpath("two.mmdb"), NULL, &err), SC_OK);

	sc_geo *g = open1(tpath("one.mmdb"));
	sc_geo_answer a, b;
	uint64_t h0, l0, h1, l1;
	ck_assert_int_eq(sc_geo_lookup(g, "192.0.2.1", &a, &err), SC_OK);
	sc_geo_cache_stats(&h0, &l0);
	ck_assert_int_eq(sc_geo_lookup(g, "192.0.2.77", &b, &err), SC_OK);
	sc_geo_cache_stats(&h1, &l1);
	ck_assert_uint_eq(l1 - l0, 1);
	ck_assert_uint_eq(h1 - h0, 1); /* the same record: from the cache */
	ck_assert(a.found_country && b.found_country && a.found_asn && b.found_asn);
	ck_assert_str_eq(b.country, a.country);
	ck_assert_str_eq(b.country, "FR");
	ck_assert_uint_eq(b.asn, 16276);
	ck_assert_str_eq(b.as_org, "OVH SAS");
	ck_assert_str_eq(b.as_org, a.as_org);
	ck_assert_str_eq(b.asn_source, a.asn_source);
	sc_geo_close(g);

	g = open1(tpath("two.mmdb"));
	sc_geo_cache_stats(&h0, &l0);
	ck_assert_int_eq(sc_geo_lookup(g, "192.0.2.1", &a, &err), SC_OK);
	sc_geo_cache_stats(&h1, &l1);
	ck_assert_uint_eq(h1 - h0, 0); /* another set: nothing of the first */
	ck_assert_str_eq(a.country, "US");
	ck_assert_uint_eq(a.asn, 16509);
	ck_assert_str_eq(a.as_org, "Amazon");
	ck_assert_str_eq(a.asn_source, "two.mmdb");
	sc_geo_close(g);

	/* The same file opened again is a new set too, answered alike. */
	g = open1(tpath("one.mmdb"));
	ck_assert_int_eq(sc_geo_lookup(g, "192.0.2.1", &a, &err), SC_OK);
	ck_assert_str_eq(a.country, "FR");
	ck_assert_str_eq(a.as_org, "OVH SAS");
	sc_geo_close(g);
}
END_TEST

struct csv_case {
	const char *text;
	sc_status want;
	unsigned line;
};

START_TEST(malformed_csv_is_a_parse_error_at_its_line)
{
	static const struct csv_case cases[] = {
		{ "1.0.0.0,1.0.0.255\n", SC_ERR_PARSE, 1 },
		{ "1.0.0.0,1.0.0.255,AU\n1.0.1.0,1.0.0.255,AU\n", SC_ERR_PARSE, 2 },
		{ "# c\n1.0.0.0,2001:db8::,AU\n", SC_ERR_PARSE, 2 },
		{ "1.0.0.0,1.0.0.300,AU\n", SC_ERR_PARSE, 1 },
		{ "1.0.0.0,1.0.0.255,France\n", SC_ERR_PARSE, 1 },
		{ "1.0.0.0,1.0.0.255,\"AU\n", SC_ERR_PARSE, 1 },
		{ "1,2,AU\n999999999999999999999999999999999999999999,1,AU\n", SC_ERR_PARSE, 2 },
		{ "1.0.0.0,16777471,AU\n", SC_ERR_PARSE, 1 },
		{ "1.0.0.0,1.0.0.255,AS99999999999\n", SC_ERR_PARSE, 1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sc_geodb_input in = { SC_GEODB_CSV, write_text("bad.csv", cases[i].text), NULL };
		sc_err err;
		sc_status st = build(&in, 1, tpath("bad.mmdb"), NULL, &err);
		ck_assert_msg(st == cases[i].want, "case %zu: %s (%s)", i, sc_strerror(st), err.msg);
		ck_assert_msg(err.line == cases[i].line, "case %zu: line %u", i, err.line);
		ck_assert_str_eq(err.file, in.path);
		ck_assert(access(tpath("bad.mmdb"), F_OK) != 0); /* nothing written */
	}
	sc_geodb_input missing = { SC_GEODB_CSV, tpath("missing.csv"), NULL };
	sc_err err;
	ck_assert_int_eq(build(&missing, 1, tpath("bad.mmdb"), NULL, &err), SC_ERR_IO);
}
END_TEST

START_TEST(metadata_records_dates_sources_and_counts)
{
	sc_geodb_input in[] = {
		{ SC_GEODB_CSV, write_text("c.csv", country_csv), "Test countries, CC0 1.0" },
		{ SC_GEODB_CSV, write_text("a.csv", asn_num_csv), "Test ASNs, CC BY 4.0" },
	};
	sc_geodb_build_opts o = { in, 2, EPOCH_2026_11_22, EPOCH_2026_06_17, 0 };
	sc_geodb_stats stats;
	sc_err err;
	ck_assert_int_eq(sc_geodb_build(&o, tpath("m.mmdb"), &stats, &err), SC_OK);
	sc_geo *g = open1(tpath("m.mmdb"));
	ck_assert_str_eq(sc_geo_db_type(g, 0), "sovcheck-geo");
	ck_assert_ptr_nonnull(strstr(sc_geo_db_description(g, 0), "Test countries, CC0 1.0"));
	ck_assert_ptr_nonnull(strstr(sc_geo_db_description(g, 0), "Test ASNs, CC BY 4.0"));
	char d[11];
	sc_geo_db_build_date(g, 0, d);
	ck_assert_str_eq(d, "2026-11-22");
	sc_geo_db_data_date(g, 0, d);
	ck_assert_str_eq(d, "2026-06-17");
	ck_assert_int_eq(sc_geo_db_age_days(g, 0, 2026, 11, 22), 158);
	ck_assert_int_eq(sc_geo_db_age_days(g, 0, 2026, 6, 27), 10);
	ck_assert_int_eq(sc_geo_db_age_days(g, 0, 2026, 6, 1), -16);
	sc_geo_close(g);

	sc_geodb_info info;
	ck_assert_int_eq(sc_geodb_info_load(tpath("m.mmdb"), &info, &err), SC_OK);
	ck_assert_str_eq(info.database_type, "sovcheck-geo");
	ck_assert_uint_eq(info.ip_version, 6);
	ck_assert_uint_eq(info.format_major, 2);
	ck_assert_uint_eq(info.record_size, 24);
	ck_assert_uint_eq(info.node_count, stats.nodes);
	ck_assert_uint_eq(info.build_epoch, EPOCH_2026_11_22);
	ck_assert_uint_eq(info.data_epoch, EPOCH_2026_06_17);
	ck_assert_str_eq(info.languages, "en");
	ck_assert_str_eq(info.sources, "Test countries, CC0 1.0\nTest ASNs, CC BY 4.0");
	ck_assert(info.has_counts);
	ck_assert_uint_eq(info.networks, stats.networks);
	ck_assert_uint_eq(info.records, stats.records);
	ck_assert_uint_eq(info.country_ranges, stats.country_ranges);
	ck_assert_uint_eq(info.asn_ranges, stats.asn_ranges);

	/* Without a data date, the data is as old as the build. */
	o.data_epoch = 0;
	ck_assert_int_eq(sc_geodb_build(&o, tpath("n.mmdb"), NULL, &err), SC_OK);
	g = open1(tpath("n.mmdb"));
	ck_assert_int_eq(sc_geo_db_age_days(g, 0, 2026, 11, 22), 0);
	sc_geo_close(g);
	/* An MMDB input's own data date carries over. */
	sc_geodb_input mi = { SC_GEODB_MMDB, tpath("m.mmdb"), NULL };
	sc_geodb_build_opts o2 = { &mi, 1, EPOCH_2026_11_22 + 86400u * 30u, 0, 0 };
	ck_assert_int_eq(sc_geodb_build(&o2, tpath("o.mmdb"), NULL, &err), SC_OK);
	ck_assert_int_eq(sc_geodb_info_load(tpath("o.mmdb"), &info, &err), SC_OK);
	ck_assert_uint_eq(info.data_epoch, EPOCH_2026_06_17);
}
END_TEST

/* ------------------------------------------- other vendors' layouts */

typedef void (*rec_fn)(geodb_enc *e);

struct rec {
	const char *cidr;   /* IPv4 prefix */
	rec_fn fn;
};

static const char *write_typed_db(const char *name, const char *type, const geodb_enc *extra,
                                  uint32_t n_extra, unsigned ipv, bool alias,
                                  const struct rec *r, size_t n);

/* Write a database with our writer but another vendor's record layout. */
static const char *
write_layout_db(const char *name, unsigned ipv, bool alias, const struct rec *r, size_t n)
{
	return write_typed_db(name, "test-layout", NULL, 0, ipv, alias, r, n);
}

/* The same, with a database_type and extra metadata pairs of our own. */
static const char *
write_typed_db(const char *name, const char *type, const geodb_enc *extra, uint32_t n_extra,
               unsigned ipv, bool alias, const struct rec *r, size_t n)
{
	geodb_writer *w = geodb_writer_new();
	ck_assert_ptr_nonnull(w);
	for (size_t i = 0; i < n; i++) {
		char a[32];
		snprintf(a, sizeof(a), "%s", r[i].cidr);
		char *slash = strchr(a, '/');
		ck_assert_ptr_nonnull(slash);
		*slash = '\0';
		unsigned len = (unsigned)strtoul(slash + 1, NULL, 10);
		unsigned char b[4];
		ck_assert_int_eq(inet_pton(AF_INET, a, b), 1);
		geodb_u128 v = (geodb_u128)b[0] << 24 | (geodb_u128)b[1] << 16 | b[2] << 8 | b[3];
		geodb_enc *e = geodb_writer_data(w);
		uint32_t off = (uint32_t)e->len;
		r[i].fn(e);
		sc_err err;
		if (ipv == 4)
			ck_assert_int_eq(geodb_writer_insert(w, v << 96, len, off, &err), SC_OK);
		else
			ck_assert_int_eq(geodb_writer_insert(w, v, 96 + len, off, &err), SC_OK);
	}
	sc_err err;
	if (alias)
		ck_assert_int_eq(geodb_writer_alias_ipv4(w, &err), SC_OK);
	geodb_meta meta = { type, "layout test", EPOCH_2026_06_17, 0, ipv, extra, n_extra };
	uint8_t *buf;
	size_t len;
	unsigned rs;
	ck_assert_int_eq(geodb_writer_finish(w, &meta, &buf, &len, &rs, &err), SC_OK);
	const char *p = write_file(name, buf, len);
	free(buf);
	geodb_writer_free(w);
	return p;
}

static void
names_en(geodb_enc *e, const char *name)
{
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "en");
	geodb_enc_str(e, name);
}

/* GeoLite2-City / GeoIP2-City: country and registered_country maps. */
static void
city_paris(geodb_enc *e)
{
	geodb_enc_map(e, 4);
	geodb_enc_str(e, "city");
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "names");
	names_en(e, "Paris");
	geodb_enc_str(e, "continent");
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "code");
	geodb_enc_str(e, "EU");
	geodb_enc_str(e, "country");
	geodb_enc_map(e, 3);
	geodb_enc_str(e, "geoname_id");
	geodb_enc_u32(e, 3017382);
	geodb_enc_str(e, "iso_code");
	geodb_enc_str(e, "FR");
	geodb_enc_str(e, "names");
	names_en(e, "France");
	geodb_enc_str(e, "registered_country");
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "iso_code");
	geodb_enc_str(e, "US");
}

/* Only registered_country (MaxMind gives no country for some networks). */
static void
registered_only(geodb_enc *e)
{
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "registered_country");
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "iso_code");
	geodb_enc_str(e, "DE");
}

static void
continent_only(geodb_enc *e)
{
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "continent");
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "code");
	geodb_enc_str(e, "EU");
}

/* ip-location-db country MMDB. */
static void
iploc_nl(geodb_enc *e)
{
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "country_code");
	geodb_enc_str(e, "nl");
}

static void
iploc_bad(geodb_enc *e)
{
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "country_code");
	geodb_enc_str(e, "F1");
}

/* Two-letter codes that are no assigned country: Kosovo's user-assigned
 * code and the EU as a whole. */
static void
iploc_xk(geodb_enc *e)
{
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "country_code");
	geodb_enc_str(e, "XK");
}

static void
maxmind_eu(geodb_enc *e)
{
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "country");
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "iso_code");
	geodb_enc_str(e, "EU");
}

/* GeoLite2-ASN, DB-IP ASN lite. */
static void
asn_ovh(geodb_enc *e)
{
	geodb_enc_map(e, 2);
	geodb_enc_str(e, "autonomous_system_number");
	geodb_enc_u32(e, 16276);
	geodb_enc_str(e, "autonomous_system_organization");
	geodb_enc_str(e, "OVH SAS");
}

static void
asn_zero(geodb_enc *e)
{
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "autonomous_system_number");
	geodb_enc_u32(e, 0);
}

/* A textual "asn" with as_name and a plain country string. */
static void
text_asn(geodb_enc *e)
{
	geodb_enc_map(e, 3);
	geodb_enc_str(e, "asn");
	geodb_enc_str(e, "AS13335");
	geodb_enc_str(e, "as_name");
	geodb_enc_str(e, "Cloudflare, Inc.");
	geodb_enc_str(e, "country");
	geodb_enc_str(e, "AU");
}

static void
v4_se(geodb_enc *e)
{
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "country");
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "iso_code");
	geodb_enc_str(e, "SE");
}

/* Records of a hostile "sovcheck-geo" database: provenance that points
 * past the sources list, lengths past the address width, a provenance that
 * is no map, a source that is not UTF-8. */
static void
prov_rec(geodb_enc *e, int src, int len)
{
	geodb_enc_map(e, 2);
	geodb_enc_str(e, "country");
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "iso_code");
	geodb_enc_str(e, "FR");
	geodb_enc_str(e, "sovcheck");
	geodb_enc_map(e, 2);
	geodb_enc_str(e, "country_source");
	geodb_enc_u16(e, (uint16_t)src);
	geodb_enc_str(e, "country_prefix");
	geodb_enc_u16(e, (uint16_t)len);
}

static void prov_ok(geodb_enc *e) { prov_rec(e, 0, 8); }
static void prov_past_sources(geodb_enc *e) { prov_rec(e, 7, 8); }
static void prov_past_width(geodb_enc *e) { prov_rec(e, 0, 33); }
static void prov_not_utf8(geodb_enc *e) { prov_rec(e, 1, 16); }

static void
prov_not_map(geodb_enc *e)
{
	geodb_enc_map(e, 2);
	geodb_enc_str(e, "country");
	geodb_enc_map(e, 1);
	geodb_enc_str(e, "iso_code");
	geodb_enc_str(e, "DE");
	geodb_enc_str(e, "sovcheck");
	geodb_enc_str(e, "country_source");
}

START_TEST(hostile_provenance_names_no_input_and_claims_no_precision)
{
	static const struct rec r[] = {
		{ "192.0.2.0/24", prov_ok }, { "198.51.100.0/24", prov_past_sources },
		{ "203.0.113.0/24", prov_past_width }, { "203.0.112.0/24", prov_not_map },
		{ "10.0.0.0/24", prov_not_utf8 },
	};
	geodb_enc extra;
	geodb_enc_init(&extra, false);
	geodb_enc_str(&extra, "sovcheck_sources");
	geodb_enc_array(&extra, 2);
	geodb_enc_str(&extra, "Good source");
	geodb_enc_strn(&extra, "Bad \xff\xfe source", 13);
	const char *p = write_typed_db("hostile-prov.mmdb", "sovcheck-geo", &extra, 1, 6, true, r, 5);
	geodb_enc_free(&extra);
	sc_geo *g = open1(p);
	static const struct { const char *ip, *cc, *input; unsigned len; } w[] = {
		{ "192.0.2.1", "FR", "Good source", 8 },
		{ "198.51.100.1", "FR", NULL, 8 },
		{ "203.0.113.1", "FR", "Good source", 24 },   /* /33: the network's /24 */
		{ "203.0.112.1", "DE", NULL, 24 },
		{ "10.0.0.1", "FR", NULL, 16 },
	};
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		sc_geo_answer a;
		sc_geo_source src[1];
		size_t n = 0;
		sc_err err;
		ck_assert_int_eq(sc_geo_lookup_sources(g, w[i].ip, &a, src, 1, &n, &err), SC_OK);
		ck_assert_uint_eq(n, 1);
		ck_assert_str_eq(src[0].country, w[i].cc);
		ck_assert_msg(src[0].country_prefix_len == w[i].len, "%s: /%u", w[i].ip,
		              src[0].country_prefix_len);
		if (w[i].input)
			ck_assert_str_eq(src[0].country_input, w[i].input);
		else
			ck_assert_ptr_null(src[0].country_input);
		ck_assert_ptr_null(src[0].asn_input);
	}
	sc_geo_close(g);
}
END_TEST

START_TEST(other_vendors_layouts_are_read)
{
	static const struct rec city[] = {
		{ "192.0.2.0/24", city_paris },
		{ "198.51.100.0/24", registered_only },
		{ "203.0.113.0/24", continent_only },
	};
	static const struct rec iploc[] = { { "192.0.2.0/24", iploc_nl }, { "198.51.100.0/24", iploc_bad },
		{ "203.0.113.0/25", iploc_xk }, { "203.0.113.128/25", maxmind_eu } };
	static const struct rec asn[] = { { "192.0.2.0/24", asn_ovh }, { "198.51.100.0/24", asn_zero } };
	static const struct rec text[] = { { "1.1.1.0/24", text_asn } };
	static const struct rec v4[] = { { "192.0.2.0/25", v4_se } };
	const char *p_city = write_layout_db("city.mmdb", 6, true, city, 3);
	const char *p_iploc = write_layout_db("iploc.mmdb", 6, false, iploc, 4);
	const char *p_asn = write_layout_db("asn.mmdb", 6, true, asn, 2);
	const char *p_text = write_layout_db("text.mmdb", 6, true, text, 1);
	const char *p_v4 = write_layout_db("v4.mmdb", 4, false, v4, 1);

	sc_geo *g = open1(p_city);
	/* Another vendor's database names no input, and its answers are as
	 * specific as its networks. */
	{
		sc_geo_answer a;
		sc_geo_source src[1];
		size_t n = 0;
		ck_assert_int_eq(sc_geo_lookup_sources(g, "192.0.2.1", &a, src, 1, &n, NULL), SC_OK);
		ck_assert_uint_eq(n, 1);
		ck_assert_ptr_null(src[0].country_input);
		ck_assert_uint_eq(src[0].country_prefix_len, 24);
		ck_assert_str_eq(src[0].network, "192.0.2.0/24");
	}
	static const struct want wc[] = {
		{ "192.0.2.1", "FR", 0, NULL, "192.0.2.0/24" },   /* country, not registered_country */
		/* Only where the network is registered: that is no location. */
		{ "198.51.100.1", NULL, 0, NULL, "" },
		{ "203.0.113.1", NULL, 0, NULL, "" },
	};
	check_wants(g, wc, 3);
	sc_geo_close(g);

	g = open1(p_iploc);
	static const struct want wi[] = {
		{ "192.0.2.1", "NL", 0, NULL, "192.0.2.0/24" },
		{ "::ffff:192.0.2.1", "NL", 0, NULL, "192.0.2.0/24" }, /* no alias in the file */
		{ "198.51.100.1", NULL, 0, NULL, "" },
		{ "203.0.113.1", NULL, 0, NULL, "" },     /* XK: not an assigned code */
		{ "203.0.113.200", NULL, 0, NULL, "" },   /* EU: not a country */
	};
	check_wants(g, wi, 5);
	sc_geo_close(g);

	g = open1(p_text);
	static const struct want wt[] = { { "1.1.1.1", "AU", 13335, "Cloudflare, Inc.", "1.1.1.0/24" } };
	check_wants(g, wt, 1);
	sc_geo_close(g);

	g = open1(p_v4);
	static const struct want wv[] = {
		{ "192.0.2.1", "SE", 0, NULL, "192.0.2.0/25" },
		{ "::ffff:192.0.2.1", "SE", 0, NULL, "192.0.2.0/25" },
		{ "192.0.2.200", NULL, 0, NULL, "" },
		{ "2001:db8::1", NULL, 0, NULL, "" },  /* IPv6 in an IPv4 database: unknown */
	};
	check_wants(g, wv, 4);
	sc_geo_close(g);

	/* GeoLite2-Country + GeoLite2-ASN style: country from one, AS from the other. */
	const char *pair[] = { p_iploc, p_asn };
	sc_err err;
	ck_assert_int_eq(sc_geo_open(pair, 2, &g, &err), SC_OK);
	static const struct want wp[] = {
		{ "192.0.2.1", "NL", 16276, "OVH SAS", "192.0.2.0/24" },
		{ "198.51.100.1", NULL, 0, NULL, "" },  /* F1 and AS 0 are no answers */
	};
	check_wants(g, wp, 2);
	sc_geo_close(g);

	/* The builder reads the same layouts. */
	sc_geodb_input in[] = {
		{ SC_GEODB_MMDB, p_v4, NULL }, { SC_GEODB_MMDB, p_city, NULL },
		{ SC_GEODB_MMDB, p_text, NULL }, { SC_GEODB_MMDB, p_asn, NULL },
	};
	ck_assert_int_eq(build(in, 4, tpath("mixed.mmdb"), NULL, &err), SC_OK);
	g = open1(tpath("mixed.mmdb"));
	static const struct want wm[] = {
		{ "192.0.2.1", "FR", 16276, "OVH SAS", "192.0.2.0/24" },
		{ "198.51.100.1", NULL, 0, NULL, "" },  /* registered_country only: no location */
		{ "1.1.1.1", "AU", 13335, "Cloudflare, Inc.", "1.1.1.0/24" },
		{ "203.0.113.1", NULL, 0, NULL, "" },
	};
	check_wants(g, wm, 4);
	sc_geo_close(g);
}
END_TEST

/* -------------------------------------------------- corrupt corpus */

/* Every way of reading a damaged file ends in SC_OK or SC_ERR_CORRUPT
 * with the file named; never a crash. Returns the open status. */
static sc_status
probe(const char *path)
{
	static const char *const ips[] = { "1.0.0.1", "192.0.2.5", "192.0.2.200", "198.51.100.200",
	                                   "10.0.0.1", "::ffff:192.0.2.1", "2002:c000:201::1",
	                                   "2001:db8::1", "2001:db8:1::1", "ffff::1", "0.0.0.0",
	                                   "255.255.255.255" };
	sc_geo *g = NULL;
	sc_err err;
	sc_err_clear(&err);
	sc_status st = sc_geo_open(&path, 1, &g, &err);
	ck_assert_msg(st == SC_OK || st == SC_ERR_CORRUPT, "%s: open: %s", path, sc_strerror(st));
	sc_status open_st = st;
	if (st == SC_ERR_CORRUPT) {
		ck_assert_str_eq(err.file, path);
		ck_assert_str_ne(err.msg, "");
	} else {
		for (size_t i = 0; i < sizeof(ips) / sizeof(ips[0]); i++) {
			sc_geo_answer a;
			sc_err_clear(&err);
			st = sc_geo_lookup(g, ips[i], &a, &err);
			ck_assert_msg(st == SC_OK || st == SC_ERR_CORRUPT, "%s: %s: %s", path, ips[i],
			              sc_strerror(st));
			if (st == SC_ERR_CORRUPT)
				ck_assert_str_eq(err.file, path);
		}
		sc_geo_close(g);
	}
	sc_geodb_info info;
	st = sc_geodb_info_load(path, &info, &err);
	ck_assert_msg(st == SC_OK || st == SC_ERR_CORRUPT, "%s: info: %s", path, sc_strerror(st));
	sc_geodb_input in = { SC_GEODB_MMDB, path, NULL };
	st = build(&in, 1, tpath("rebuilt.mmdb"), NULL, &err);
	ck_assert_msg(st == SC_OK || st == SC_ERR_CORRUPT, "%s: as input: %s (%s)", path,
	              sc_strerror(st), err.msg);
	return open_st;
}

static size_t
find_marker(const unsigned char *b, size_t n)
{
	static const char m[] = "\xab\xcd\xefMaxMind.com";
	for (size_t i = n >= 14 ? n - 14 : 0; i-- > 0;)
		if (memcmp(b + i, m, 14) == 0)
			return i;
	ck_abort_msg("no metadata marker");
	return 0;
}

START_TEST(truncated_databases_fail_cleanly)
{
	size_t n;
	unsigned char *b = read_all(build_base(NULL), &n);
	size_t marker = find_marker(b, n);
	for (size_t len = 0; len < n; len += (len < 64 || len + 200 > n) ? 1 : 37) {
		const char *p = write_file("trunc.mmdb", b, len);
		sc_status st = probe(p);
		if (len < marker + 14)
			ck_assert_msg(st == SC_ERR_CORRUPT, "truncated to %zu of %zu opened", len, n);
	}
	free(b);
}
END_TEST

START_TEST(flipped_bytes_never_crash)
{
	size_t n;
	unsigned char *b = read_all(build_base(NULL), &n);
	unsigned char *c = malloc(n);
	ck_assert_ptr_nonnull(c);
	uint64_t s = 0x9e3779b97f4a7c15ull;
	for (int round = 0; round < 600; round++) {
		memcpy(c, b, n);
		int flips = 1 + round % 4;
		for (int k = 0; k < flips; k++) {
			s ^= s << 13;
			s ^= s >> 7;
			s ^= s << 17;
			c[s % n] ^= (unsigned char)(1u + (s >> 32) % 255u);
		}
		probe(write_file("flip.mmdb", c, n));
	}
	free(c);
	free(b);
}
END_TEST

/* Replace the metadata of a valid database with one we encode. */
static const char *
with_metadata(const unsigned char *b, size_t marker, const geodb_enc *md)
{
	size_t n = marker + 14 + md->len;
	unsigned char *c = malloc(n);
	ck_assert_ptr_nonnull(c);
	memcpy(c, b, marker + 14);
	memcpy(c + marker + 14, md->p, md->len);
	const char *p = write_file("meta.mmdb", c, n);
	free(c);
	return p;
}

enum { M_NODES_HUGE, M_NODES_MORE, M_RS_0, M_RS_31, M_IPV_5, M_MAJOR_3, M_NO_NODES,
       M_NOT_MAP, M_DESC_STR, M_LANG_INT, M_COUNT };

static void
encode_meta(geodb_enc *e, int variant, uint32_t nodes)
{
	if (variant == M_NOT_MAP) {
		geodb_enc_str(e, "not a map");
		return;
	}
	geodb_enc_map(e, variant == M_NO_NODES ? 8 : 9);
	geodb_enc_str(e, "binary_format_major_version");
	geodb_enc_u16(e, variant == M_MAJOR_3 ? 3 : 2);
	geodb_enc_str(e, "binary_format_minor_version");
	geodb_enc_u16(e, 0);
	geodb_enc_str(e, "build_epoch");
	geodb_enc_u64(e, EPOCH_2026_11_22);
	geodb_enc_str(e, "database_type");
	geodb_enc_str(e, "sovcheck-geo");
	geodb_enc_str(e, "description");
	if (variant == M_DESC_STR) {
		geodb_enc_str(e, "plain");
	} else {
		geodb_enc_map(e, 1);
		geodb_enc_str(e, "en");
		geodb_enc_str(e, "test");
	}
	geodb_enc_str(e, "ip_version");
	geodb_enc_u16(e, variant == M_IPV_5 ? 5 : 6);
	geodb_enc_str(e, "languages");
	geodb_enc_array(e, 1);
	if (variant == M_LANG_INT)
		geodb_enc_u32(e, 7);
	else
		geodb_enc_str(e, "en");
	if (variant != M_NO_NODES) {
		geodb_enc_str(e, "node_count");
		geodb_enc_u32(e, variant == M_NODES_HUGE ? 0xffffffffu :
		                 variant == M_NODES_MORE ? nodes + 1000u : nodes);
	}
	geodb_enc_str(e, "record_size");
	geodb_enc_u16(e, variant == M_RS_0 ? 0 : variant == M_RS_31 ? 31 : 24);
}

START_TEST(bad_metadata_is_refused)
{
	sc_geodb_stats stats;
	size_t n;
	unsigned char *b = read_all(build_base(&stats), &n);
	size_t marker = find_marker(b, n);
	for (int v = 0; v < M_COUNT; v++) {
		geodb_enc e;
		geodb_enc_init(&e, false);
		encode_meta(&e, v, (uint32_t)stats.nodes);
		ck_assert(!e.oom);
		sc_status st = probe(with_metadata(b, marker, &e));
		/* Sizes and versions that cannot be right are refused at open. */
		if (v == M_NODES_HUGE || v == M_RS_0 || v == M_RS_31 || v == M_IPV_5 ||
		    v == M_MAJOR_3 || v == M_NO_NODES || v == M_NOT_MAP)
			ck_assert_msg(st == SC_ERR_CORRUPT, "metadata variant %d opened", v);
		geodb_enc_free(&e);
	}
	/* No marker at all. */
	b[marker] = 'x';
	ck_assert_int_eq(probe(write_file("nomarker.mmdb", b, n)), SC_ERR_CORRUPT);
	static const char zeros[4096];
	ck_assert_int_eq(probe(write_file("zeros.mmdb", zeros, sizeof(zeros))), SC_ERR_CORRUPT);
	ck_assert_int_eq(probe(write_file("empty.mmdb", "", 0)), SC_ERR_CORRUPT);
	free(b);
}
END_TEST

START_TEST(pointer_loops_in_the_data_section_fail_cleanly)
{
	sc_geodb_stats stats;
	size_t n;
	unsigned char *b = read_all(build_base(&stats), &n);
	size_t data = stats.nodes * 6u + 16u; /* 24-bit records: 6 bytes a node */
	ck_assert_uint_eq(stats.record_size, 24);
	size_t marker = find_marker(b, n);
	ck_assert_uint_lt(data + 16, marker);
	/* Every record is replaced by a pointer to itself, then by a map whose
	 * value points back at the map, then by a pointer to a pointer. */
	static const unsigned char self[] = { 0x20, 0x00 };
	static const unsigned char map_loop[] = { 0xe1, 0x47, 'c', 'o', 'u', 'n', 't', 'r', 'y', 0x20, 0x00 };
	static const unsigned char ptr_ptr[] = { 0x20, 0x02, 0x20, 0x00 };
	static const unsigned char huge_map[] = { 0xff, 0xff, 0xff, 0xff };
	static const unsigned char huge_str[] = { 0x5f, 0xff, 0xff, 0xff };
	const struct { const unsigned char *p; size_t n; } v[] = {
		{ self, sizeof(self) }, { map_loop, sizeof(map_loop) }, { ptr_ptr, sizeof(ptr_ptr) },
		{ huge_map, sizeof(huge_map) }, { huge_str, sizeof(huge_str) },
	};
	unsigned char *c = malloc(n);
	ck_assert_ptr_nonnull(c);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		memcpy(c, b, n);
		for (size_t off = data; off + v[i].n < marker; off += v[i].n)
			memcpy(c + off, v[i].p, v[i].n);
		probe(write_file("loop.mmdb", c, n));
		/* Only the first record damaged: the rest still answer. */
		memcpy(c, b, n);
		memcpy(c + data, v[i].p, v[i].n);
		probe(write_file("loop1.mmdb", c, n));
	}
	/* Search tree whose records all point back at the root. */
	memcpy(c, b, n);
	memset(c, 0, stats.nodes * 6u);
	ck_assert_int_eq(probe(write_file("treeloop.mmdb", c, n)), SC_OK);
	free(c);
	free(b);
}
END_TEST

static Suite *
geo_suite(void)
{
	Suite *s = suite_create("geo");
	TCase *tc = tcase_create("build-and-read");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 240);
	tcase_add_test(tc, lookups_of_each_family_and_alias_answer_from_merged_layers);
	tcase_add_test(tc, malformed_literals_are_invalid_not_misses);
	tcase_add_test(tc, later_inputs_and_later_lines_override_earlier_ones);
	tcase_add_test(tc, geofeed_overrides_country_of_any_input_order);
	tcase_add_test(tc, geofeeds_answer_with_their_most_specific_prefix_whatever_the_order);
	tcase_add_test(tc, records_name_the_input_that_decided_each_field);
	tcase_add_test(tc, mmdb_inputs_merge_a_country_and_an_asn_database);
	tcase_add_test(tc, ranges_covering_whole_spaces_leave_the_aliases_working);
	tcase_add_test(tc, databases_answer_per_field_in_order_of_precedence);
	tcase_add_test(tc, the_record_cache_answers_alike_and_never_outlives_its_set);
	tcase_add_test(tc, malformed_csv_is_a_parse_error_at_its_line);
	tcase_add_test(tc, metadata_records_dates_sources_and_counts);
	tcase_add_test(tc, other_vendors_layouts_are_read);
	tcase_add_test(tc, hostile_provenance_names_no_input_and_claims_no_precision);
	suite_add_tcase(s, tc);
	TCase *tk = tcase_create("corrupt");
	tcase_add_checked_fixture(tk, setup, teardown);
	tcase_set_timeout(tk, 240);
	tcase_add_test(tk, truncated_databases_fail_cleanly);
	tcase_add_test(tk, flipped_bytes_never_crash);
	tcase_add_test(tk, bad_metadata_is_refused);
	tcase_add_test(tk, pointer_loops_in_the_data_section_fail_cleanly);
	suite_add_tcase(s, tk);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(geo_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
