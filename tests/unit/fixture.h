/*
 * fixture.h — a small, fixed service run through the real stages for the
 * stage unit tests (collect, attribute, bundle, assess, render): a
 * manifest, an authoritative zone, a geolocation database built here with
 * our builder from CSV ranges, and a registry of four fictional entities.
 *
 *   api.shop.example    A 192.0.2.10            FR, AS3301 Euro Host (FR)
 *   www.shop.example    CNAME edge.globexcdn.net -> A 203.0.113.5
 *                                               US, AS3302 Globex CDN (US),
 *                                               controlled by Globex Corp (US)
 *   admin.shop.example  A 198.51.100.7          US, AS3303 (not in the registry)
 *   shop.example        NS ns1.eurohost.net (192.0.2.53), MX mx.mailco.net
 *                       (198.51.100.25, AS3304 MailCo, GB)
 *
 * Everything lives in a temporary directory removed by fx_free().
 */
#ifndef SC_FIXTURE_H
#define SC_FIXTURE_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture-data.h"
#include "sc-config.h"
#include "sovcheck.h"
#include "util.h"

typedef struct fixture {
	char dir[256];
	sc_manifest *m;
	sc_pack *pack;
	sc_registry *reg;
	sc_laws *laws;
	sc_geo *geo;
	sc_evidence *ev;
	sc_filing *f;
} fixture;

static inline void
fx_write(const fixture *fx, const char *name, const char *text)
{
	char p[512];
	snprintf(p, sizeof(p), "%s/%s", fx->dir, name);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

static inline const char *
fx_path(const fixture *fx, const char *name)
{
	static char bufs[4][512];
	static int k;
	char *b = bufs[k++ % 4];
	snprintf(b, 512, "%s/%s", fx->dir, name);
	return b;
}

/* Write the files and build the geodb; load manifest, pack, registry and
 * laws (no collection yet). */
static inline void
fx_setup(fixture *fx)
{
	memset(fx, 0, sizeof(*fx));
	const char *t = getenv("TMPDIR");
	snprintf(fx->dir, sizeof(fx->dir), "%s/sc-fx-XXXXXX", t && *t ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(fx->dir));
	fx_write(fx, "service.yaml", fx_manifest);
	fx_write(fx, "shop.zone", fx_zone_shop);
	fx_write(fx, "net.zone", fx_zone_net);
	fx_write(fx, "geo.csv", fx_geo_csv);
	fx_write(fx, "asn.csv", fx_asn_csv);
	char regdir[512];
	snprintf(regdir, sizeof(regdir), "%s/registry", fx->dir);
	ck_assert_int_eq(mkdir(regdir, 0755), 0);
	fx_write(fx, "registry/fixture.yaml", fx_registry);
	sc_geodb_input in[2] = {
		{SC_GEODB_CSV, fx_path(fx, "geo.csv"), "fixture countries"},
		{SC_GEODB_CSV, fx_path(fx, "asn.csv"), "fixture ASNs"},
	};
	char geo_path[512];
	snprintf(geo_path, sizeof(geo_path), "%s/fx.mmdb", fx->dir);
	sc_geodb_build_opts bo = {in, 2, 1790000000u, 1790000000u, 0};
	sc_err err;
	sc_err_clear(&err);
	ck_assert_msg(sc_geodb_build(&bo, geo_path, NULL, &err) == SC_OK, "geodb: %s", err.msg);
	const char *one[1] = {geo_path};
	ck_assert_int_eq(sc_geo_open(one, 1, &fx->geo, &err), SC_OK);
	sc_diags *d = sc_diags_new();
	ck_assert_int_eq(sc_manifest_load(fx_path(fx, "service.yaml"), d, &fx->m), SC_OK);
	ck_assert_int_eq(sc_pack_load(SC_SRCDIR "/policies/secnumcloud-3.2.yaml", NULL, d, &fx->pack),
	                 SC_OK);
	ck_assert_int_eq(sc_laws_load(SC_SRCDIR "/policies/laws.yaml", d, &fx->laws), SC_OK);
	ck_assert_int_eq(sc_registry_load_dir(regdir, d, &fx->reg), SC_OK);
	ck_assert_int_eq(sc_registry_lint(fx->reg, d), SC_OK);
	sc_diags_free(d);
}

/* The fixture's registry with Euro Host's holding (FX_EUROHOST_HELD)
 * replaced by held and the entities of extra added, written, reloaded and
 * linted. */
static inline void
fx_hold_eurohost(fixture *fx, const char *held, const char *extra)
{
	const char *at = strstr(fx_registry, FX_EUROHOST_HELD);
	ck_assert_ptr_nonnull(at);
	strbuf sb;
	sb_init(&sb);
	sb_append(&sb, fx_registry, (size_t)(at - fx_registry));
	sb_puts(&sb, held);
	sb_puts(&sb, at + strlen(FX_EUROHOST_HELD));
	sb_puts(&sb, extra);
	ck_assert(!sb.oom);
	fx_write(fx, "registry/fixture.yaml", sb.s);
	sb_free(&sb);
	sc_registry_free(fx->reg);
	sc_diags *d = sc_diags_new();
	sc_status st = sc_registry_load_dir(fx_path(fx, "registry"), d, &fx->reg);
	if (st == SC_OK)
		st = sc_registry_lint(fx->reg, d);
	for (size_t i = 0; st != SC_OK && i < sc_diags_count(d); i++)
		fprintf(stderr, "%u:%u: %s\n", sc_diags_get(d, i)->line, sc_diags_get(d, i)->col,
		        sc_diags_get(d, i)->msg);
	ck_assert_int_eq(st, SC_OK);
	sc_diags_free(d);
}

/* Collect the fixture's evidence (zone files, offline, located); again
 * after a change, in place of what was collected before. */
static inline void
fx_collect(fixture *fx)
{
	sc_evidence_free(fx->ev);
	fx->ev = NULL;
	sc_collect_opts co;
	memset(&co, 0, sizeof(co));
	co.offline = true;
	co.date = "2026-11-22";
	co.geo = fx->geo;
	sc_err err;
	sc_err_clear(&err);
	ck_assert_msg(sc_collect(fx->m, &co, &fx->ev, &err) == SC_OK, "collect: %s", err.msg);
}

/* The whole filing of the fixture at 2026-11-22 (in place of an earlier one). */
static inline void
fx_file(fixture *fx)
{
	sc_filing_free(fx->f);
	fx->f = NULL;
	fx_collect(fx);
	sc_filing_opts fo = {2026, 11, 22, true, NULL, NULL};
	sc_err err;
	sc_err_clear(&err);
	ck_assert_msg(sc_filing_build(fx->m, fx->pack, fx->ev, fx->reg, fx->laws, &fo, &fx->f,
	                              &err) == SC_OK, "filing: %s", err.msg);
}

static inline void
fx_free(fixture *fx)
{
	sc_filing_free(fx->f);
	sc_evidence_free(fx->ev);
	sc_geo_close(fx->geo);
	sc_laws_free(fx->laws);
	sc_registry_free(fx->reg);
	sc_pack_free(fx->pack);
	sc_manifest_free(fx->m);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
	ck_assert_int_eq(system(cmd), 0);
	memset(fx, 0, sizeof(*fx));
}

/* Run a suite; the exit status of the test program. */
static inline int
fx_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}

#endif
