/*
 * fuzz-pack.c — libFuzzer target: any bytes as a policy pack, with the
 * shipped country sets, as `check --pack` and `policy lint` read it. A
 * pack that loads has every requirement read (titles and summaries in
 * both languages, parameters) and judges the fixture service, whose
 * filing is rendered.
 *
 * Property checked (abort = a finding): a pack that loads has at least one
 * requirement (an empty pack would pass everything) and every requirement
 * is found again by its id.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-world.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fw_setup();
	const char *path = fw_file("fuzz-pack.yaml", data, size);
	sc_diags *d = sc_diags_new();
	sc_pack *pack = NULL;
	if (sc_pack_load(path, SC_SRCDIR "/policies/country-sets.yaml", d, &pack) == SC_OK) {
		if (sc_pack_count(pack) == 0) {
			fprintf(stderr, "a pack with no requirement loaded\n");
			abort();
		}
		(void)sc_pack_id(pack);
		(void)sc_pack_title(pack);
		(void)sc_pack_version(pack);
		for (size_t i = 0; i < sc_pack_count(pack); i++) {
			const sc_requirement *r = sc_pack_get(pack, i);
			if (sc_pack_find(pack, sc_requirement_id(r)) != r) {
				fprintf(stderr, "requirement %s is not found by its id\n",
				        sc_requirement_id(r));
				abort();
			}
			(void)sc_requirement_title(r, "en");
			(void)sc_requirement_title(r, "fr");
			(void)sc_requirement_summary(r, "en");
			(void)sc_requirement_summary(r, "fr");
			(void)sc_requirement_check(r);
			(void)sc_requirement_severity(r);
			(void)sc_requirement_source(r);
			free(sc_requirement_params_text(r));
		}
		(void)fw_file_with(pack, NULL, NULL);
	}
	fw_read_diags(d);
	sc_pack_free(pack);
	sc_diags_free(d);
	return 0;
}
