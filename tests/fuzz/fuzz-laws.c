/*
 * fuzz-laws.c — libFuzzer target: any bytes as the laws catalogue
 * (policies/laws.yaml), as every run reads it. A catalogue that loads is
 * used to assess the fixture service (its residual-risk register: which
 * laws reach which dependency), whose filing and documents are rendered
 * in both languages.
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
	const char *path = fw_file("fuzz-laws.yaml", data, size);
	sc_diags *d = sc_diags_new();
	sc_laws *laws = NULL;
	if (sc_laws_load(path, d, &laws) == SC_OK) {
		(void)sc_laws_count(laws);
		(void)fw_file_with(NULL, NULL, laws);
	}
	fw_read_diags(d);
	sc_laws_free(laws);
	sc_diags_free(d);
	return 0;
}
