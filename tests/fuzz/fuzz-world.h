/*
 * fuzz-world.h — what the fuzz targets judge their input against: the
 * fixture service of tests/unit/fixture-data.h (manifest, zones, a geodb
 * built here from its CSVs, its registry), the shipped pack, country sets
 * and laws, and its filing as a baseline. Set up once per process in a
 * temporary directory; a target that needs its input as a file writes it
 * there with fw_file(). Any failure to set up aborts: a target must never
 * run against half a world.
 */
#ifndef SC_FUZZ_WORLD_H
#define SC_FUZZ_WORLD_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../unit/fixture-data.h"
#include "render.h"
#include "sc-config.h"
#include "sovcheck.h"

typedef struct fuzz_world {
	char dir[256];
	sc_manifest *m;
	sc_pack *pack;
	sc_laws *laws;
	sc_registry *reg;       /* the fixture's registry */
	sc_geo *geo;
	sc_evidence *ev;
	sc_filing *f;           /* the fixture's filing on 2026-11-22 */
} fuzz_world;

static fuzz_world fw;

static inline void
fw_die(const char *what, const char *why)
{
	fprintf(stderr, "fuzz world: %s: %s\n", what, why ? why : "failed");
	abort();
}

static inline const char *
fw_path(const char *name)
{
	static char bufs[4][512];
	static unsigned k;
	char *b = bufs[k++ % 4];
	snprintf(b, 512, "%s/%s", fw.dir, name);
	return b;
}

/* Write data to NAME in the world's directory; its path (static buffer). */
static inline const char *
fw_file(const char *name, const void *data, size_t len)
{
	const char *p = fw_path(name);
	FILE *f = fopen(p, "wb");
	if (f == NULL || (len && fwrite(data, 1, len, f) != len) || fclose(f) != 0)
		fw_die(p, "cannot write");
	return p;
}

static inline void
fw_rm_dir(void)
{
	if (fw.dir[0]) {
		char cmd[600];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fw.dir);
		if (system(cmd) != 0)
			fprintf(stderr, "fuzz world: cannot remove %s\n", fw.dir);
	}
}

static inline void
fw_setup(void)
{
	if (fw.dir[0])
		return;
	const char *t = getenv("TMPDIR");
	snprintf(fw.dir, sizeof(fw.dir), "%s/sc-fuzz-XXXXXX", t && *t ? t : "/tmp");
	if (mkdtemp(fw.dir) == NULL)
		fw_die(fw.dir, "mkdtemp");
	atexit(fw_rm_dir);
	fw_file("service.yaml", fx_manifest, strlen(fx_manifest));
	fw_file("shop.zone", fx_zone_shop, strlen(fx_zone_shop));
	fw_file("net.zone", fx_zone_net, strlen(fx_zone_net));
	fw_file("geo.csv", fx_geo_csv, strlen(fx_geo_csv));
	fw_file("asn.csv", fx_asn_csv, strlen(fx_asn_csv));
	if (mkdir(fw_path("registry"), 0755) != 0 || mkdir(fw_path("empty"), 0755) != 0)
		fw_die(fw.dir, "mkdir");
	fw_file("registry/fixture.yaml", fx_registry, strlen(fx_registry));
	sc_geodb_input in[2] = {
		{SC_GEODB_CSV, fw_path("geo.csv"), "fixture countries"},
		{SC_GEODB_CSV, fw_path("asn.csv"), "fixture ASNs"},
	};
	sc_geodb_build_opts bo = {in, 2, 1790000000u, 1790000000u, 0};
	sc_err err;
	sc_err_clear(&err);
	const char *geo_path = fw_path("fx.mmdb");
	if (sc_geodb_build(&bo, geo_path, NULL, &err) != SC_OK)
		fw_die("geodb", err.msg);
	const char *one[1] = {geo_path};
	if (sc_geo_open(one, 1, &fw.geo, &err) != SC_OK)
		fw_die("geo", err.msg);
	sc_diags *d = sc_diags_new();
	if (d == NULL ||
	    sc_manifest_load(fw_path("service.yaml"), d, &fw.m) != SC_OK ||
	    sc_pack_load(SC_SRCDIR "/policies/secnumcloud-3.2.yaml", NULL, d, &fw.pack) != SC_OK ||
	    sc_laws_load(SC_SRCDIR "/policies/laws.yaml", d, &fw.laws) != SC_OK ||
	    sc_registry_load_dir(fw_path("registry"), d, &fw.reg) != SC_OK)
		fw_die("inputs", "do not load");
	sc_diags_free(d);
	sc_collect_opts co;
	memset(&co, 0, sizeof(co));
	co.offline = true;
	co.date = "2026-11-22";
	co.geo = fw.geo;
	if (sc_collect(fw.m, &co, &fw.ev, &err) != SC_OK)
		fw_die("collect", err.msg);
	sc_filing_opts fo = {2026, 11, 22, true, NULL, NULL};
	if (sc_filing_build(fw.m, fw.pack, fw.ev, fw.reg, fw.laws, &fo, &fw.f, &err) != SC_OK)
		fw_die("filing", err.msg);
}

/* Render every output of a filing (in both languages where it has two)
 * and read every diagnostic: what a run with this input would write. */
static inline void
fw_render_all(const sc_filing *f)
{
	static const char *const outputs[] = {"findings.json", "summary.md",
		"residual-risk.en.md", "residual-risk.fr.md", "findings.sarif", "findings.csv",
		"dependencies.csv", "evidence.json"};
	static const sc_lang langs[] = {SC_LANG_EN, SC_LANG_FR};
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++) {
			strbuf sb;
			sb_init(&sb);
			(void)render_named(f, outputs[i], langs[l], &sb, NULL);
			sb_free(&sb);
		}
}

/* The filing of the fixture's manifest and evidence with other inputs
 * (any may be NULL: the world's own), rendered; false when it fails. */
static inline bool
fw_file_with(const sc_pack *pack, const sc_registry *reg, const sc_laws *laws)
{
	sc_filing_opts fo = {2026, 11, 22, true, NULL, NULL};
	sc_filing *f = NULL;
	sc_err err;
	sc_err_clear(&err);
	bool ok = sc_filing_build(fw.m, pack ? pack : fw.pack, fw.ev, reg ? reg : fw.reg,
	                          laws ? laws : fw.laws, &fo, &f, &err) == SC_OK;
	if (ok)
		fw_render_all(f);
	sc_filing_free(f);
	return ok;
}

static inline void
fw_read_diags(sc_diags *d)
{
	sc_diags_sort(d);
	for (size_t i = 0; i < sc_diags_count(d); i++) {
		const sc_diag *g = sc_diags_get(d, i);
		if (g->msg == NULL)
			abort();
	}
}

#endif
