/*
 * fuzz-manifest.c — libFuzzer target: any bytes as a manifest. Loading must
 * end in a manifest or in diagnostics, never a crash; a manifest that loads
 * is evaluated against the shipped pack and written as findings.json.
 * Built by tests/fuzz/run-fuzz.sh; its corpus is replayed by the suite
 * through replay-manifest (the same entry point, without libFuzzer).
 */
#include <stdint.h>
#include <stdlib.h>

#include "report.h"
#include "sc-config.h"
#include "sovcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sc_pack *pack;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (pack == NULL) {
		sc_diags *d = sc_diags_new();
		if (sc_pack_load(SC_SRCDIR "/policies/secnumcloud-3.2.yaml", NULL, d, &pack) != SC_OK)
			abort();
		sc_diags_free(d);
	}
	sc_diags *d = sc_diags_new();
	sc_manifest *m = NULL;
	if (sc_manifest_parse((const char *)data, size, "fuzz.yaml", d, &m) == SC_OK) {
		sc_eval_opts o = {2026, 11, 22, true, NULL, NULL, false};
		sc_result *r = NULL;
		if (sc_eval(m, pack, &o, &r, NULL) == SC_OK) {
			free(report_json_dump(r));
			sc_result_free(r);
		}
	}
	sc_diags_sort(d);
	for (size_t i = 0; i < sc_diags_count(d); i++)
		(void)sc_diags_get(d, i)->msg;
	sc_manifest_free(m);
	sc_diags_free(d);
	return 0;
}
