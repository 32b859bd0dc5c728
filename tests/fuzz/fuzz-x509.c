/*
 * fuzz-x509.c — libFuzzer target: any bytes as a certificate chain file
 * (PEM blocks or one DER certificate), as `check` reads sources.chains and
 * `lookup --chain` reads a file. The chain is analysed and verified against
 * the demo's trust anchors at a fixed time, its owner is looked up in the
 * shipped registry, and the result is written to JSON and read back.
 *
 * Properties checked (abort = a finding):
 *   - an owner is only ever found for a chain that verified;
 *   - a result written to JSON reads back (what `check` writes, `report`
 *     reads).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-world.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sc_tls *tls;
static sc_registry *shipped;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fw_setup();
	sc_err err;
	sc_err_clear(&err);
	if (tls == NULL) {
		static const char *const roots[] = {SC_SRCDIR "/examples/acme-storage/trust/demo-roots.pem"};
		sc_tls_opts o;
		memset(&o, 0, sizeof(o));
		o.trust_files = roots;
		o.ntrust_files = 1;
		sc_diags *d = sc_diags_new();
		if (sc_tls_new(&o, &tls, &err) != SC_OK ||
		    sc_registry_load_dir(SC_SRCDIR "/geodb/registry", d, &shipped) != SC_OK)
			fw_die("tls", err.msg);
		sc_diags_free(d);
	}
	const char *path = fw_file("fuzz-chain.pem", data, size);
	sc_tls_result *r = NULL;
	/* 2026-11-22T12:00:00Z */
	if (sc_tls_pem_load(tls, path, "www.example.test", 1795348800, &r, &err) != SC_OK)
		return 0;
	for (size_t i = 0; i < sc_tls_result_cert_count(r); i++) {
		const sc_cert *c = sc_tls_result_cert(r, i);
		(void)sc_cert_subject(c);
		(void)sc_cert_issuer(c);
		(void)sc_cert_subject_attr(c, "O");
		(void)sc_cert_issuer_attr(c, "O");
	}
	sc_tls_owner o;
	if (sc_tls_result_owner(r, shipped, &o, &err) == SC_OK) {
		if (o.found && !o.verified) {
			fprintf(stderr, "an owner (%s) found for a chain that did not verify\n",
			        o.owner ? sc_entity_id(o.owner) : "?");
			abort();
		}
		json_decref(sc_tls_owner_to_json(&o));
	}
	json_t *j = sc_tls_result_to_json(r);
	if (j != NULL) {
		sc_tls_result *again = NULL;
		if (sc_tls_result_from_json(j, &again, &err) != SC_OK) {
			char *t = json_dumps(j, JSON_COMPACT);
			fprintf(stderr, "a chain result does not read back: %s\n%s\n", err.msg, t ? t : "");
			abort();
		}
		sc_tls_result_free(again);
		json_decref(j);
	}
	sc_tls_result_free(r);
	return 0;
}
