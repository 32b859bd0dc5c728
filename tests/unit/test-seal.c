/*
 * test-seal.c — signed filings (core/render/seal.c): the fixture's filing
 * written with a signer and checked back; the signing time is the one
 * given (the library reads no clock), so an RSA signature is the same for
 * the same inputs; certificates not valid at the signing time, or whose
 * keyUsage forbids signing, are refused; hostile SHA256SUMS files are
 * refused with their line; every kind of change is found and named.
 * Keys and certificates are made here, at run time, with libcrypto.
 */
#include <check.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "sc-limits.h"

static fixture fx;

static void setup(void) { fx_setup(&fx); }
static void teardown(void) { fx_free(&fx); }

/* 2026-11-22T12:00:00Z */
#define AT 1795348800

static EVP_PKEY *
keygen(const char *kind)
{
	EVP_PKEY *k = strcmp(kind, "RSA") == 0 ? EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048)
	                                       : EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	ck_assert_ptr_nonnull(k);
	return k;
}

static void
write_key(EVP_PKEY *k, const char *path)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL), 1);
	fclose(f);
}

static void
write_pub(EVP_PKEY *k, const char *path)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(PEM_write_PUBKEY(f, k), 1);
	fclose(f);
}

/* A self-signed certificate of k, valid [from, from + days], with a
 * keyUsage extension when ku is not NULL ("digitalSignature", …). */
static void
write_cert(EVP_PKEY *k, const char *cn, int64_t from, long days, const char *ku,
           const char *path)
{
	X509 *x = X509_new();
	X509_NAME *n = X509_NAME_new();
	time_t t = (time_t)from;
	ck_assert_int_eq(X509_set_version(x, X509_VERSION_3), 1);
	ck_assert_int_eq(ASN1_INTEGER_set(X509_get_serialNumber(x), 7), 1);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1, -1, 0);
	X509_set_subject_name(x, n);
	X509_set_issuer_name(x, n);
	X509_time_adj_ex(X509_getm_notBefore(x), 0, 0, &t);
	X509_time_adj_ex(X509_getm_notAfter(x), (int)days, 0, &t);
	X509_set_pubkey(x, k);
	if (ku != NULL) {
		X509V3_CTX ctx;
		X509V3_set_ctx(&ctx, x, x, NULL, NULL, 0);
		X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, &ctx, NID_key_usage, ku);
		ck_assert_ptr_nonnull(e);
		X509_add_ext(x, e, -1);
		X509_EXTENSION_free(e);
	}
	ck_assert_int_gt(X509_sign(x, k, EVP_sha256()), 0);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(PEM_write_X509(f, x), 1);
	fclose(f);
	X509_NAME_free(n);
	X509_free(x);
}

static char *
slurp(const char *path, size_t *ret_len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *b = malloc((size_t)n + 1);
	size_t got = fread(b, 1, (size_t)n, f);
	b[got] = '\0';
	fclose(f);
	if (ret_len)
		*ret_len = got;
	return b;
}

/* The fixture's filing written into name, signed by s (NULL: unsigned). */
static const char *
write_filing(const char *name, const sc_signer *s)
{
	sc_render_opts ro = {.formats = 1u << SC_FORMAT_JSON | 1u << SC_FORMAT_MD,
		.doc_langs = 1u << SC_LANG_EN, .summary_langs = 1u << SC_LANG_EN, .signer = s};
	const char *dir = fx_path(&fx, name);
	sc_err err;
	sc_err_clear(&err);
	ck_assert_msg(sc_filing_write(fx.f, dir, &ro, &err) == SC_OK, "write: %s", err.msg);
	return dir;
}

/* The state of the item named name, or -1. */
static int
state_of(const sc_verification *v, const char *name, bool *ret_bad)
{
	sc_seal_item it;
	for (size_t i = 0; sc_verification_item(v, i, &it); i++)
		if (strcmp(it.name, name) == 0) {
			if (ret_bad)
				*ret_bad = it.bad;
			return (int)it.state;
		}
	return -1;
}

START_TEST(a_signed_filing_verifies_with_the_signer_and_the_time_given)
{
	fx_file(&fx);
	EVP_PKEY *k = keygen("EC");
	write_key(k, fx_path(&fx, "ec.key"));
	write_cert(k, "Acme signer", AT - 86400, 30, "digitalSignature", fx_path(&fx, "ec.pem"));
	write_pub(k, fx_path(&fx, "ec.pub"));
	sc_signer *s = NULL;
	sc_err err;
	sc_err_clear(&err);
	ck_assert_msg(sc_signer_load(fx_path(&fx, "ec.key"), fx_path(&fx, "ec.pem"), AT, &s, &err) ==
	              SC_OK, "load: %s", err.msg);
	ck_assert_str_eq(sc_signer_subject(s), "CN=Acme signer");
	ck_assert_uint_eq(strlen(sc_signer_fingerprint(s)), 95);
	const char *dir = write_filing("signed", s);
	char cp[512];
	snprintf(cp, sizeof(cp), "%s", fx_path(&fx, "ec.pem"));
	const char *pins[] = {NULL, cp, fx_path(&fx, "ec.pub")};
	for (size_t i = 0; i < 3; i++) {
		sc_verify_opts o = {.cert_path = pins[i], .require_signature = true};
		sc_verification *v = NULL;
		ck_assert_msg(sc_seal_verify(dir, &o, &v, &err) == SC_OK, "verify: %s", err.msg);
		ck_assert_uint_eq(sc_verification_bad(v), 0);
		const char *fp = NULL, *when = NULL;
		ck_assert_str_eq(sc_verification_signer(v, &fp, &when), "CN=Acme signer");
		ck_assert_str_eq(fp, sc_signer_fingerprint(s));
		/* The time given, not the clock's. */
		ck_assert_str_eq(when, "2026-11-22T12:00:00Z");
		ck_assert_int_eq(state_of(v, "findings.json", NULL), SC_SEAL_OK);
		ck_assert_int_eq(state_of(v, "SHA256SUMS.p7s", NULL), SC_SEAL_OK);
		sc_verification_free(v);
	}
	/* An unsigned write into the same directory removes the signature:
	 * it never outlives its set. */
	write_filing("signed", NULL);
	snprintf(cp, sizeof(cp), "%s/SHA256SUMS.p7s", dir);
	ck_assert_int_ne(access(cp, F_OK), 0);
	sc_verify_opts req = {.require_signature = true};
	sc_verification *v = NULL;
	ck_assert_int_eq(sc_seal_verify(dir, &req, &v, &err), SC_OK);
	bool bad = false;
	ck_assert_int_eq(state_of(v, "SHA256SUMS.p7s", &bad), SC_SEAL_UNSIGNED);
	ck_assert(bad);
	ck_assert_ptr_null(sc_verification_signer(v, NULL, NULL));
	sc_verification_free(v);
	sc_verify_opts none = {0};
	ck_assert_int_eq(sc_seal_verify(dir, &none, &v, &err), SC_OK);
	ck_assert_uint_eq(sc_verification_bad(v), 0);
	ck_assert_int_eq(state_of(v, "SHA256SUMS.p7s", &bad), SC_SEAL_UNSIGNED);
	ck_assert(!bad);
	sc_verification_free(v);
	sc_signer_free(s);
	EVP_PKEY_free(k);
}
END_TEST

START_TEST(the_same_inputs_give_the_same_rsa_signature)
{
	fx_file(&fx);
	EVP_PKEY *k = keygen("RSA");
	write_key(k, fx_path(&fx, "rsa.key"));
	sc_signer *s = NULL;
	sc_err err;
	sc_err_clear(&err);
	ck_assert_msg(sc_signer_load(fx_path(&fx, "rsa.key"), NULL, AT, &s, &err) == SC_OK, "%s",
	              err.msg);
	ck_assert_ptr_nonnull(strstr(sc_signer_subject(s), "CN=sovcheck signer "));
	char a[512], b[512];
	snprintf(a, sizeof(a), "%s/SHA256SUMS.p7s", write_filing("one", s));
	snprintf(b, sizeof(b), "%s/SHA256SUMS.p7s", write_filing("two", s));
	size_t la = 0, lb = 0;
	char *sa = slurp(a, &la), *sb = slurp(b, &lb);
	ck_assert_ptr_nonnull(sa);
	ck_assert_ptr_nonnull(sb);
	ck_assert_uint_eq(la, lb);
	ck_assert_int_eq(memcmp(sa, sb, la), 0);
	free(sa);
	free(sb);
	/* A key-only signer loaded again at the same time: the same
	 * certificate, so the same signature. */
	sc_signer *s2 = NULL;
	ck_assert_int_eq(sc_signer_load(fx_path(&fx, "rsa.key"), NULL, AT, &s2, &err), SC_OK);
	ck_assert_str_eq(sc_signer_fingerprint(s), sc_signer_fingerprint(s2));
	sc_signer_free(s2);
	sc_signer_free(s);
	EVP_PKEY_free(k);
}
END_TEST

START_TEST(a_certificate_that_cannot_sign_then_is_refused)
{
	EVP_PKEY *k = keygen("EC");
	write_key(k, fx_path(&fx, "k.key"));
	static const struct {
		int64_t from;
		long days;
		const char *ku;
		const char *needle;
	} cases[] = {
		{AT - 40 * 86400, 30, NULL, "expired on 2026-11-12"},
		{AT + 86400, 30, NULL, "not valid yet: valid from 2026-11-23"},
		{AT - 86400, 30, "keyCertSign", "keyUsage"},
		{AT - 86400, 30, "critical,nonRepudiation", NULL},   /* allowed */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		write_cert(k, "c", cases[i].from, cases[i].days, cases[i].ku, fx_path(&fx, "c.pem"));
		sc_signer *s = NULL;
		sc_err err;
		sc_err_clear(&err);
		sc_status st = sc_signer_load(fx_path(&fx, "k.key"), fx_path(&fx, "c.pem"), AT, &s, &err);
		if (cases[i].needle == NULL) {
			ck_assert_msg(st == SC_OK, "case %zu: %s", i, err.msg);
			sc_signer_free(s);
			continue;
		}
		ck_assert_int_eq(st, SC_ERR_INVALID);
		ck_assert_ptr_null(s);
		ck_assert_str_eq(err.file, fx_path(&fx, "c.pem"));
		ck_assert_msg(strstr(err.msg, cases[i].needle) != NULL, "case %zu: %s", i, err.msg);
	}
	EVP_PKEY_free(k);
}
END_TEST

START_TEST(hostile_sha256sums_are_refused_with_their_line)
{
	static const char h[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
	/* '@' stands for a digest (64 hex digits). */
	static const struct {
		const char *text;
		sc_status st;
		unsigned line;
		const char *needle;
	} cases[] = {
		{"@  ../secret\n", SC_ERR_PARSE, 1, "file name"},
		{"@  sub/file\n", SC_ERR_PARSE, 1, "file name"},
		{"@  .\n", SC_ERR_PARSE, 1, "file name"},
		{"@ *binary-mode\n", SC_ERR_PARSE, 1, "two spaces"},
		{"@  a\n@  a\n", SC_ERR_PARSE, 2, "twice"},
		{"@  SHA256SUMS.p7s\n", SC_ERR_PARSE, 1, "cannot cover"},
		{"@  a\n@  b", SC_ERR_PARSE, 2, "no newline"},
		{"@  tab\there\n", SC_ERR_PARSE, 1, "file name"},
		{"0123456789abcdef  short\n", SC_ERR_PARSE, 1, "64"},
		{"@  a\n\n", SC_ERR_PARSE, 2, "64"},
	};
	const char *dir = fx_path(&fx, "hostile");
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	char path[600];
	snprintf(path, sizeof(path), "%s/SHA256SUMS", dir);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		FILE *f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		for (const char *c = cases[i].text; *c; c++)
			if (*c == '@')
				fputs(h, f);
			else
				fputc(*c, f);
		fclose(f);
		sc_verification *v = NULL;
		sc_err err;
		sc_err_clear(&err);
		ck_assert_int_eq(sc_seal_verify(dir, NULL, &v, &err), cases[i].st);
		ck_assert_ptr_null(v);
		ck_assert_uint_eq(err.line, cases[i].line);
		ck_assert_msg(strstr(err.msg, cases[i].needle) != NULL, "case %zu: %s", i, err.msg);
	}
	/* Larger than any filing's list: a limit, not a read of it all. */
	FILE *f = fopen(path, "w");
	for (unsigned i = 0; i < SC_MAX_SUMS_FILES + 10; i++)
		fprintf(f, "%s  file-%05u-with-a-long-name-to-pass-the-byte-limit-of-the-list-of-"
		        "digests-a-filing-may-have-and-then-some-more-words-to-reach-it-for-sure-"
		        "and-a-little-more-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
		        h, i);
	fclose(f);
	sc_verification *v = NULL;
	sc_err err;
	sc_err_clear(&err);
	ck_assert_int_eq(sc_seal_verify(dir, NULL, &v, &err), SC_ERR_LIMIT);
}
END_TEST

START_TEST(every_change_is_found_and_named)
{
	fx_file(&fx);
	EVP_PKEY *k = keygen("EC");
	write_key(k, fx_path(&fx, "ec.key"));
	sc_signer *s = NULL;
	ck_assert_int_eq(sc_signer_load(fx_path(&fx, "ec.key"), NULL, AT, &s, NULL), SC_OK);
	const char *dir = write_filing("f", s);
	char p[600];
	/* A document edited, one removed, one added. */
	snprintf(p, sizeof(p), "%s/summary.md", dir);
	FILE *f = fopen(p, "a");
	fputs("edited\n", f);
	fclose(f);
	snprintf(p, sizeof(p), "%s/residual-risk.en.md", dir);
	ck_assert_int_eq(unlink(p), 0);
	snprintf(p, sizeof(p), "%s/added.txt", dir);
	f = fopen(p, "w");
	fclose(f);
	sc_verification *v = NULL;
	sc_err err;
	sc_err_clear(&err);
	ck_assert_int_eq(sc_seal_verify(dir, NULL, &v, &err), SC_OK);
	ck_assert_int_eq(state_of(v, "summary.md", NULL), SC_SEAL_CHANGED);
	ck_assert_int_eq(state_of(v, "residual-risk.en.md", NULL), SC_SEAL_MISSING);
	ck_assert_int_eq(state_of(v, "added.txt", NULL), SC_SEAL_UNLISTED);
	ck_assert_int_eq(state_of(v, "findings.json", NULL), SC_SEAL_OK);
	ck_assert_int_eq(state_of(v, "SHA256SUMS.p7s", NULL), SC_SEAL_OK);
	ck_assert_uint_eq(sc_verification_bad(v), 3);
	sc_verification_free(v);
	/* Only one file asked for (report's bundle): the others not read. */
	sc_verify_opts only = {.only = "findings.json"};
	ck_assert_int_eq(sc_seal_verify(dir, &only, &v, &err), SC_OK);
	ck_assert_uint_eq(sc_verification_bad(v), 0);
	ck_assert_int_eq(state_of(v, "summary.md", NULL), -1);
	sc_verification_free(v);
	only.only = "added.txt";
	ck_assert_int_eq(sc_seal_verify(dir, &only, &v, &err), SC_OK);
	ck_assert_int_eq(state_of(v, "added.txt", NULL), SC_SEAL_UNLISTED);
	sc_verification_free(v);
	/* SHA256SUMS edited: the signature no longer verifies over it. */
	snprintf(p, sizeof(p), "%s/SHA256SUMS", dir);
	f = fopen(p, "a");
	fprintf(f, "%064d  added.txt\n", 0);
	fclose(f);
	ck_assert_int_eq(sc_seal_verify(dir, NULL, &v, &err), SC_OK);
	ck_assert_int_eq(state_of(v, "SHA256SUMS.p7s", NULL), SC_SEAL_BAD_SIGNATURE);
	sc_verification_free(v);
	/* Another key pinned. */
	EVP_PKEY *k2 = keygen("EC");
	write_pub(k2, fx_path(&fx, "other.pub"));
	dir = write_filing("g", s);
	sc_verify_opts pin = {.cert_path = fx_path(&fx, "other.pub")};
	ck_assert_int_eq(sc_seal_verify(dir, &pin, &v, &err), SC_OK);
	ck_assert_int_eq(state_of(v, "SHA256SUMS.p7s", NULL), SC_SEAL_OTHER_SIGNER);
	sc_verification_free(v);
	EVP_PKEY_free(k2);
	sc_signer_free(s);
	EVP_PKEY_free(k);
}
END_TEST

START_TEST(every_state_has_a_name)
{
	for (int s = SC_SEAL_OK; s <= SC_SEAL_OTHER_SIGNER; s++)
		ck_assert_str_ne(sc_seal_state_to_string((sc_seal_state)s), "?");
	sc_signer_free(NULL);
	sc_verification_free(NULL);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("seal");
	TCase *tc = tcase_create("seal");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_signed_filing_verifies_with_the_signer_and_the_time_given);
	tcase_add_test(tc, the_same_inputs_give_the_same_rsa_signature);
	tcase_add_test(tc, a_certificate_that_cannot_sign_then_is_refused);
	tcase_add_test(tc, hostile_sha256sums_are_refused_with_their_line);
	tcase_add_test(tc, every_change_is_found_and_named);
	tcase_add_test(tc, every_state_has_a_name);
	suite_add_tcase(s, tc);
	return fx_run(s);
}
