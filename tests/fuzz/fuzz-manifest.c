/*
 * fuzz-manifest.c — libFuzzer target: any bytes as a manifest. Loading must
 * end in a manifest or in diagnostics, never a crash; a manifest that loads
 * goes through the whole pipeline after collection (an offline run with no
 * sources) against the shipped pack, and every output is rendered.
 * Built by tests/fuzz/run-fuzz.sh; its corpus is replayed by the suite
 * through replay-manifest (the same entry point, without libFuzzer).
 */
#include <stdint.h>
#include <stdlib.h>

#include <string.h>

#include "render.h"
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
		static const char *const outputs[] = {"findings.json", "summary.md",
			"residual-risk.en.md", "residual-risk.fr.md", "findings.sarif", "findings.csv",
			"dependencies.csv", "evidence.json"};
		sc_collect_opts co;
		memset(&co, 0, sizeof(co));
		co.offline = true;
		co.date = "2026-11-22";
		sc_evidence *ev = NULL;
		sc_filing *f = NULL;
		sc_filing_opts fo = {2026, 11, 22, true, NULL, NULL};
		if (sc_collect(m, &co, &ev, NULL) == SC_OK &&
		    sc_filing_build(m, pack, ev, NULL, NULL, &fo, &f, NULL) == SC_OK) {
			for (size_t i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++) {
				strbuf sb;
				sb_init(&sb);
				(void)render_named(f, outputs[i], SC_LANG_EN, &sb, NULL);
				sb_free(&sb);
			}
		}
		sc_filing_free(f);
		sc_evidence_free(ev);
	}
	sc_diags_sort(d);
	for (size_t i = 0; i < sc_diags_count(d); i++)
		(void)sc_diags_get(d, i)->msg;
	sc_manifest_free(m);
	sc_diags_free(d);
	return 0;
}
