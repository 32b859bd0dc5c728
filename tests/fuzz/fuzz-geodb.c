/*
 * fuzz-geodb.c — libFuzzer target: the inputs of `sovcheck geodb build`.
 * The first byte chooses the kind of input (CSV, RFC 8805 geofeed, or a
 * MaxMind DB to import); the rest is the file. It is built, alone and on
 * top of the fixture's country CSV, into a database that is then opened
 * and queried for a set of addresses, and whose metadata is read.
 *
 * Properties checked (abort = a finding):
 *   - a database the builder writes opens with libmaxminddb (through our
 *     reader) and its metadata reads back;
 *   - every answer holds an assigned ISO country code (two capital
 *     letters, never EU, XK, ZZ) or none;
 *   - every answer names the input that decided it (one of the two given
 *     to the build), field by field.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-world.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const probes[] = {"192.0.2.10", "198.51.100.7", "203.0.113.5", "0.0.0.0",
	"255.255.255.255", "10.1.2.3", "2001:db8::1", "::", "::ffff:192.0.2.10", "2002:c000:20a::1",
	"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe80::1"};

static void
query(const char *out)
{
	sc_err err;
	sc_err_clear(&err);
	sc_geodb_info info;
	if (sc_geodb_info_load(out, &info, &err) != SC_OK) {
		fprintf(stderr, "a built database has unreadable metadata: %s\n", err.msg);
		abort();
	}
	sc_geo *geo = NULL;
	const char *one[1] = {out};
	if (sc_geo_open(one, 1, &geo, &err) != SC_OK) {
		fprintf(stderr, "a built database does not open: %s\n", err.msg);
		abort();
	}
	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		sc_geo_answer a;
		sc_geo_source src[1];
		size_t nsrc = 0;
		if (sc_geo_lookup_sources(geo, probes[i], &a, src, 1, &nsrc, &err) != SC_OK)
			continue;
		const char *in[2] = {a.found_country && nsrc ? src[0].country_input : "fuzz",
		                     a.found_asn && nsrc ? src[0].asn_input : "fuzz"};
		for (size_t k = 0; k < 2; k++) {
			if (in[k] == NULL || (strcmp(in[k], "fuzz") != 0 &&
			                      strcmp(in[k], "fixture countries") != 0)) {
				fprintf(stderr, "%s: an answer names no input of the build\n", probes[i]);
				abort();
			}
		}
		if (!a.found_country)
			continue;
		if (!isupper((unsigned char)a.country[0]) || !isupper((unsigned char)a.country[1]) ||
		    a.country[2] != '\0' || strcmp(a.country, "EU") == 0 ||
		    strcmp(a.country, "XK") == 0 || strcmp(a.country, "ZZ") == 0) {
			fprintf(stderr, "%s located in \"%s\"\n", probes[i], a.country);
			abort();
		}
	}
	sc_geo_close(geo);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	fw_setup();
	static const sc_geodb_input_kind kinds[3] = {SC_GEODB_CSV, SC_GEODB_GEOFEED, SC_GEODB_MMDB};
	sc_geodb_input_kind kind = kinds[data[0] % 3];
	const char *in_path = fw_file("fuzz-input", data + 1, size - 1);
	char in_copy[512], out[512];
	snprintf(in_copy, sizeof(in_copy), "%s", in_path);
	snprintf(out, sizeof(out), "%s", fw_path("fuzz-out.mmdb"));
	sc_geodb_input in[2] = {
		{SC_GEODB_CSV, fw_path("geo.csv"), "fixture countries"},
		{kind, in_copy, "fuzz"},
	};
	for (size_t first = 0; first < 2; first++) {
		sc_geodb_build_opts bo = {in + first, 2 - first, 1790000000u, 0, 0};
		sc_geodb_stats stats;
		sc_err err;
		sc_err_clear(&err);
		if (sc_geodb_build(&bo, out, &stats, &err) == SC_OK)
			query(out);
		unlink(out);
	}
	return 0;
}
