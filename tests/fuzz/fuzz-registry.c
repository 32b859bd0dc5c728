/*
 * fuzz-registry.c — libFuzzer target: any bytes as an entity registry file,
 * added on top of the fixture's registry (so that extension and override
 * are exercised too), as `check --registry` reads it. A registry that
 * loads is linted, every entity walked to its ultimate parent, looked up
 * by every name, ASN, suffix, issuer and fingerprint it claims, and used
 * to attribute the fixture service, whose filing is rendered.
 *
 * Properties checked (abort = a finding):
 *   - every entity is found again by its id;
 *   - a chain never reports more hops than SC_MAX_ENTITY_DEPTH + 1 and an
 *     ultimate parent exists only for a chain without a cycle;
 *   - how every top is held (graph_held_from(), holders that are entities
 *     followed) and where each of its holders stands is judged, circles of
 *     holdings included, with a verdict that is one of the three.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-world.h"
#include "graph.h"
#include "sc-limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* How e is held against a small set, and where each holder stands. */
static void
held(const sc_entity *e)
{
	static char codes[][3] = {"FR", "DE", "LU", "NL", "IE"};
	static const pk_set set = {.id = (char *)"EU", .codes = codes, .n = 5};
	const sc_holder *by = NULL;
	double out = 0;
	graph_held h = graph_held_from(e, &set, &by, &out);
	if (h != GRAPH_HELD_IN && h != GRAPH_HELD_OUT && h != GRAPH_HELD_UNKNOWN)
		abort();
	for (size_t i = 0; i < sc_entity_holder_count(e); i++) {
		graph_origin org;
		h = graph_holder_stands(sc_entity_holder(e, i), &set, &org);
		if (h != GRAPH_HELD_IN && h != GRAPH_HELD_OUT && h != GRAPH_HELD_UNKNOWN)
			abort();
	}
}

static void
walk(const sc_registry *reg)
{
	for (size_t i = 0; i < sc_registry_count(reg); i++) {
		const sc_entity *e = sc_registry_get(reg, i);
		if (sc_registry_find(reg, sc_entity_id(e)) != e) {
			fprintf(stderr, "entity %s is not found by its id\n", sc_entity_id(e));
			abort();
		}
		(void)sc_registry_find(reg, sc_entity_name(e));
		for (size_t k = 0; k < sc_entity_alias_count(e); k++)
			(void)sc_registry_find(reg, sc_entity_alias(e, k));
		/* the same names under another legal form: the lookup without it */
		char v[1200];
		snprintf(v, sizeof(v), "%s GmbH & Co. KG", sc_entity_name(e));
		(void)sc_registry_find(reg, v);
		snprintf(v, sizeof(v), "%.*s Sp. z o.o.", 900, sc_entity_name(e));
		(void)sc_registry_find(reg, v);
		for (size_t k = 0; k < sc_entity_asn_count(e); k++)
			(void)sc_registry_by_asn(reg, sc_entity_asn(e, k));
		const sc_entity *hops[SC_MAX_ENTITY_DEPTH + 2];
		bool cycle = false;
		size_t n = sc_entity_chain(e, hops, SC_MAX_ENTITY_DEPTH + 2, &cycle);
		if (n > SC_MAX_ENTITY_DEPTH + 1 || (cycle && sc_entity_ultimate(e) != NULL)) {
			fprintf(stderr, "entity %s: chain of %zu hops, cycle %d, ultimate %p\n",
			        sc_entity_id(e), n, cycle, (const void *)sc_entity_ultimate(e));
			abort();
		}
		(void)sc_entity_country(e);
		(void)sc_entity_parent_id(e);
		held(e);
		for (size_t k = 0; k < sc_entity_source_count(e); k++) {
			const char *u, *f, *r;
			(void)sc_entity_source_get(e, k, &u, &f, &r);
		}
	}
	static const char *const names[] = {"www.eurohost.net", "edge.globexcdn.net",
		"mx.mailco.net", "a.b.c.example", "net", ""};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		for (int k = SC_SUFFIX_CNAME; k < SC_SUFFIX_COUNT; k++) {
			const char *suf = NULL;
			(void)sc_registry_by_suffix(reg, (sc_suffix_kind)k, names[i], &suf);
			sc_attribution a;
			sc_attribute_name(reg, (sc_suffix_kind)k, names[i], &a);
		}
	(void)sc_registry_by_issuer(reg, "Globex Corp.");
	(void)sc_registry_by_fingerprint(reg, "00000000000000000000000000000000"
	                                      "00000000000000000000000000000000");
	char oldest[11], newest[11];
	sc_registry_reviewed(reg, oldest, newest);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fw_setup();
	const char *path = fw_file("fuzz-registry.yaml", data, size);
	sc_diags *d = sc_diags_new();
	sc_registry *reg = NULL;
	if (sc_registry_load_dir(fw_path("registry"), d, &reg) != SC_OK)
		abort();   /* the fixture's registry always loads */
	if (sc_registry_add_file(reg, path, d) == SC_OK) {
		(void)sc_registry_lint(reg, d);
		walk(reg);
		(void)fw_file_with(NULL, reg, NULL);
	}
	fw_read_diags(d);
	sc_registry_free(reg);
	sc_diags_free(d);
	return 0;
}
