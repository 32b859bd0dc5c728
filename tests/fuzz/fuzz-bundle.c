/*
 * fuzz-bundle.c — libFuzzer target: any bytes as an evidence bundle, as
 * `report` and `diff` read it. When the bytes are a JSON object, their
 * integrity digests (the manifest's and the bundle's) are recomputed first
 * (otherwise nothing would get past the digest checks); the bundle is then loaded, filed against the world's
 * pack, registry and laws, every output rendered, and diffed against the
 * fixture's filing and against itself.
 *
 * Properties checked (abort = a finding):
 *   - a bundle that loads is written back (evidence.json) into a bundle
 *     that loads again: whatever a run writes, `report` reads; and that
 *     one, written back, gives the same bytes (a schema-1 bundle becomes
 *     a schema-2 one once, then stays what it is);
 *   - a filing diffed against itself has no change (exit code 0).
 */
#include <jansson.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "fuzz-world.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Set manifest.sha256 to the digest of the manifest text carried. */
static void
manifest_digest(json_t *root)
{
	json_t *mo = json_object_get(root, "manifest");
	const json_t *text = json_is_object(mo) ? json_object_get(mo, "text") : NULL;
	if (!json_is_string(text))
		return;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (!EVP_Digest(json_string_value(text), json_string_length(text), md, &n, EVP_sha256(),
	                NULL))
		return;
	char hex[2 * EVP_MAX_MD_SIZE + 1];
	for (unsigned i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	json_object_set_new(mo, "sha256", json_string(hex));
}

/* The bytes with correct digests (the manifest's and the bundle's), when
 * they are a JSON object; else a copy. */
static char *
redigest(const uint8_t *data, size_t size, size_t *ret_len)
{
	json_error_t je;
	json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je);
	char *out = NULL;
	if (root != NULL && json_is_object(root)) {
		json_object_del(root, "integrity");
		manifest_digest(root);
		char digest[65];
		if (evidence_canonical_digest(root, digest)) {
			json_t *in = json_pack("{s:s, s:s}", "algorithm", "sha256", "digest", digest);
			if (in && json_object_set_new(root, "integrity", in) == 0 &&
			    (out = json_dumps(root, JSON_COMPACT)) != NULL)
				*ret_len = strlen(out);
		}
	}
	json_decref(root);
	if (out == NULL && (out = malloc(size + 1)) != NULL) {
		memcpy(out, data, size);
		out[size] = '\0';
		*ret_len = size;
	}
	return out;
}

static void
diff_pair(const sc_filing *a, const sc_filing *b, bool same)
{
	sc_diff *d = NULL;
	sc_err err;
	sc_err_clear(&err);
	if (sc_diff_compute(a, b, &d, &err) != SC_OK)
		return;
	if (same && sc_diff_exit_code(d) != 0) {
		char *t = sc_diff_to_text(d);
		fprintf(stderr, "a filing differs from itself:\n%s\n", t ? t : "");
		abort();
	}
	free(sc_diff_to_text(d));
	free(sc_diff_to_json(d));
	sc_diff_free(d);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fw_setup();
	size_t len = 0;
	char *buf = redigest(data, size, &len);
	if (buf == NULL)
		return 0;
	sc_diags *d = sc_diags_new();
	sc_manifest *m = NULL;
	sc_evidence *ev = NULL;
	char date[11];
	sc_err err;
	sc_err_clear(&err);
	if (evidence_parse_json(buf, len, "fuzz.json", d, &m, &ev, date, &err) == SC_OK) {
		/* Written back, it loads again. */
		strbuf sb;
		sb_init(&sb);
		if (evidence_bundle_text(ev, &sb, &err) == SC_OK && sb.s) {
			sc_diags *d2 = sc_diags_new();
			sc_manifest *m2 = NULL;
			sc_evidence *ev2 = NULL;
			char date2[11];
			if (evidence_parse_json(sb.s, sb.len, "again.json", d2, &m2, &ev2, date2, &err) !=
			    SC_OK) {
				fprintf(stderr, "a bundle that loaded, written back, does not load: %s\n",
				        err.msg);
				abort();
			}
			strbuf sb2;
			sb_init(&sb2);
			if (evidence_bundle_text(ev2, &sb2, &err) == SC_OK &&
			    (sb2.len != sb.len || memcmp(sb2.s, sb.s, sb.len) != 0)) {
				fprintf(stderr, "a bundle written back and read again is written "
				        "differently\n");
				abort();
			}
			sb_free(&sb2);
			sc_evidence_free(ev2);
			sc_manifest_free(m2);
			sc_diags_free(d2);
		}
		sb_free(&sb);
		int y, mo, dd;
		sc_filing *f = NULL;
		if (sc_date_parse(date, &y, &mo, &dd)) {
			/* With the fixture's filing as the baseline (19.6.f). */
			sc_filing_opts fo = {y, mo, dd, true, fw.f, NULL};
			if (sc_filing_build(m, fw.pack, ev, fw.reg, fw.laws, &fo, &f, &err) == SC_OK) {
				fw_render_all(f);
				diff_pair(fw.f, f, false);
				diff_pair(f, fw.f, false);
				diff_pair(f, f, true);
			}
		}
		sc_filing_free(f);
	}
	fw_read_diags(d);
	sc_evidence_free(ev);
	sc_manifest_free(m);
	sc_diags_free(d);
	free(buf);
	return 0;
}
