/*
 * test-x509.c — unit tests of the certificate analysis (core/x509.c) and of
 * the PEM source (core/tls.c) on certificates generated in the test, plus
 * malformed DER and PEM.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "sc-limits.h"
#include "tls.h"
#include "x509.h"

/* ------------------------------------------------------------ fixtures */

struct spec {
	const char *cn, *o, *c;
	bool ca;
	long nb, na;            /* validity, seconds from now */
	const char *san, *aia, *crl;
};

static EVP_PKEY *root_key, *leaf_key;
static X509 *root, *leaf, *expired, *selfsigned, *orphan;
static char tmpdir[64];

static X509 *
mk_cert(const struct spec *s, EVP_PKEY *key, X509 *issuer, EVP_PKEY *ikey)
{
	X509 *x = X509_new();
	ck_assert_ptr_nonnull(x);
	X509_set_version(x, 2);
	static long serial = 1;
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
	X509_NAME *n = X509_NAME_new();
	if (s->c)
		X509_NAME_add_entry_by_txt(n, "C", MBSTRING_UTF8, (const unsigned char *)s->c, -1, -1, 0);
	if (s->o)
		X509_NAME_add_entry_by_txt(n, "O", MBSTRING_UTF8, (const unsigned char *)s->o, -1, -1, 0);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8, (const unsigned char *)s->cn, -1, -1, 0);
	X509_set_subject_name(x, n);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : n);
	X509_NAME_free(n);
	X509_gmtime_adj(X509_getm_notBefore(x), s->nb);
	X509_gmtime_adj(X509_getm_notAfter(x), s->na);
	X509_set_pubkey(x, key);
	X509V3_CTX ctx;
	X509V3_set_ctx(&ctx, issuer ? issuer : x, x, NULL, NULL, 0);
	struct { int nid; const char *v; } ext[] = {
		{ NID_basic_constraints, s->ca ? "critical,CA:TRUE" : "CA:FALSE" },
		{ NID_key_usage, s->ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature" },
		{ NID_subject_key_identifier, "hash" },
		{ NID_subject_alt_name, s->san },
		{ NID_info_access, s->aia },
		{ NID_crl_distribution_points, s->crl },
	};
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		if (ext[i].v == NULL)
			continue;
		X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, &ctx, ext[i].nid, ext[i].v);
		ck_assert_ptr_nonnull(e);
		X509_add_ext(x, e, -1);
		X509_EXTENSION_free(e);
	}
	ck_assert_int_gt(X509_sign(x, issuer ? ikey : key, EVP_sha256()), 0);
	return x;
}

static void
write_pem(const char *path, X509 *const *xs, size_t n)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < n; i++)
		PEM_write_X509(f, xs[i]);
	fclose(f);
}

static char *
pem_string(X509 *const *xs, size_t n)
{
	BIO *b = BIO_new(BIO_s_mem());
	for (size_t i = 0; i < n; i++)
		PEM_write_bio_X509(b, xs[i]);
	char *p;
	long len = BIO_get_mem_data(b, &p);
	char *s = malloc((size_t)len + 1);
	memcpy(s, p, (size_t)len);
	s[len] = '\0';
	BIO_free(b);
	return s;
}

static void
setup(void)
{
	root_key = EVP_EC_gen("P-256");
	leaf_key = EVP_EC_gen("P-256");
	ck_assert_ptr_nonnull(root_key);
	struct spec rs = { "Test Root CA", "Certigna Test", "FR", true, -86400 * 1000, 86400 * 3650,
	                   NULL, NULL, NULL };
	root = mk_cert(&rs, root_key, NULL, NULL);
	struct spec ls = { "a.example", "Org", "FR", false, -3600, 86400 * 90,
	                   "DNS:a.example,DNS:*.b.example,IP:192.0.2.1,IP:2001:db8::1,email:x@y.example",
	                   "OCSP;URI:http://ocsp.example/,caIssuers;URI:http://User@CA.Example:8080/ca.der",
	                   "URI:http://[2001:db8::5]/x.crl,URI:ldap://crl.example/cn=x" };
	leaf = mk_cert(&ls, leaf_key, root, root_key);
	struct spec es = { "old.example", NULL, NULL, false, -86400 * 400, -86400 * 30,
	                   "DNS:old.example", NULL, NULL };
	expired = mk_cert(&es, leaf_key, root, root_key);
	struct spec ss = { "self.example", "Self", NULL, false, -60, 86400, "DNS:self.example",
	                   NULL, NULL };
	selfsigned = mk_cert(&ss, leaf_key, NULL, NULL);
	EVP_PKEY *other = EVP_EC_gen("P-256");
	struct spec os = { "Other CA", "Other", "US", true, -60, 86400, NULL, NULL, NULL };
	X509 *other_ca = mk_cert(&os, other, NULL, NULL);
	struct spec ol = { "orphan.example", NULL, NULL, false, -60, 86400, "DNS:orphan.example",
	                   NULL, NULL };
	orphan = mk_cert(&ol, leaf_key, other_ca, other);
	X509_free(other_ca);
	EVP_PKEY_free(other);

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/sc-x509-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	char p[128];
	snprintf(p, sizeof(p), "%s/roots.pem", tmpdir);
	write_pem(p, &root, 1);
}

static void
teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	X509_free(root);
	X509_free(leaf);
	X509_free(expired);
	X509_free(selfsigned);
	X509_free(orphan);
	EVP_PKEY_free(root_key);
	EVP_PKEY_free(leaf_key);
}

/* ------------------------------------------------------------- analysis */

START_TEST(analysis_reads_names_sans_key_and_urls)
{
	sc_cert *c = NULL;
	ck_assert_int_eq(x509_cert_new(leaf, NULL, &c), SC_OK);
	ck_assert_str_eq(sc_cert_subject(c), "CN=a.example,O=Org,C=FR");
	ck_assert_str_eq(sc_cert_issuer(c), "CN=Test Root CA,O=Certigna Test,C=FR");
	ck_assert_str_eq(sc_cert_subject_attr(c, "CN"), "a.example");
	ck_assert_str_eq(sc_cert_issuer_attr(c, "O"), "Certigna Test");
	ck_assert_ptr_null(sc_cert_subject_attr(c, "OU"));
	/* DNS and IP names; the e-mail name is not a host. */
	ck_assert_uint_eq(sc_cert_san_count(c), 4);
	ck_assert_str_eq(sc_cert_san(c, 0), "a.example");
	ck_assert_str_eq(sc_cert_san(c, 1), "*.b.example");
	ck_assert_str_eq(sc_cert_san(c, 2), "192.0.2.1");
	ck_assert_str_eq(sc_cert_san(c, 3), "2001:db8::1");
	ck_assert_str_eq(sc_cert_key_type(c), "EC");
	ck_assert_uint_eq(sc_cert_key_bits(c), 256);
	ck_assert_str_eq(c->curve, "prime256v1");
	ck_assert_str_eq(sc_cert_sig_alg(c), "ecdsa-with-SHA256");
	ck_assert(!sc_cert_is_ca(c));
	ck_assert(!sc_cert_self_signed(c));
	int64_t now = (int64_t)time(NULL);
	ck_assert(sc_cert_not_before(c) > now - 3700 && sc_cert_not_before(c) <= now - 3600);
	ck_assert(sc_cert_not_after(c) > now + 86400 * 89);
	ck_assert_uint_eq(sc_cert_url_count(c, SC_CERT_DEP_OCSP), 1);
	ck_assert_str_eq(sc_cert_url(c, SC_CERT_DEP_OCSP, 0), "http://ocsp.example/");
	ck_assert_str_eq(sc_cert_url(c, SC_CERT_DEP_CA_ISSUERS, 0), "http://User@CA.Example:8080/ca.der");
	ck_assert_uint_eq(sc_cert_url_count(c, SC_CERT_DEP_CRL), 2);
	ck_assert_ptr_null(sc_cert_url(c, SC_CERT_DEP_CRL, 2));

	/* The fingerprint is the SHA-256 of the DER. */
	unsigned char md[32];
	unsigned mdlen = 0;
	char hex[65];
	X509_digest(leaf, EVP_sha256(), md, &mdlen);
	for (unsigned i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	ck_assert_str_eq(sc_cert_sha256(c), hex);
	x509_cert_free(c);

	ck_assert_int_eq(x509_cert_new(root, NULL, &c), SC_OK);
	ck_assert(sc_cert_is_ca(c));
	ck_assert(sc_cert_self_signed(c));
	ck_assert_uint_eq(sc_cert_san_count(c), 0);
	x509_cert_free(c);
}
END_TEST

START_TEST(sans_beyond_the_limit_are_flagged)
{
	size_t cap = (SC_MAX_CERT_SANS + 10) * 24;
	char *san = malloc(cap);
	size_t off = 0;
	for (unsigned i = 0; i < SC_MAX_CERT_SANS + 10; i++)
		off += (size_t)snprintf(san + off, cap - off, "%sDNS:n%u.example", i ? "," : "", i);
	struct spec s = { "many.example", NULL, NULL, false, 0, 3600, san, NULL, NULL };
	X509 *x = mk_cert(&s, leaf_key, root, root_key);
	sc_cert *c = NULL;
	ck_assert_int_eq(x509_cert_new(x, NULL, &c), SC_OK);
	ck_assert_uint_eq(sc_cert_san_count(c), SC_MAX_CERT_SANS);
	ck_assert(sc_cert_truncated(c));
	x509_cert_free(c);
	ck_assert_int_eq(x509_cert_new(leaf, NULL, &c), SC_OK);
	ck_assert(!sc_cert_truncated(c));
	x509_cert_free(c);
	X509_free(x);
	free(san);
}
END_TEST

START_TEST(analysis_reads_rsa_keys)
{
	EVP_PKEY *k = EVP_RSA_gen(2048);
	ck_assert_ptr_nonnull(k);
	struct spec s = { "rsa.example", NULL, NULL, false, 0, 3600, NULL, NULL, NULL };
	X509 *x = mk_cert(&s, k, root, root_key);
	sc_cert *c = NULL;
	ck_assert_int_eq(x509_cert_new(x, NULL, &c), SC_OK);
	ck_assert_str_eq(sc_cert_key_type(c), "RSA");
	ck_assert_uint_eq(sc_cert_key_bits(c), 2048);
	ck_assert_str_eq(sc_cert_subject(c), "CN=rsa.example");
	x509_cert_free(c);
	X509_free(x);
	EVP_PKEY_free(k);
}
END_TEST

START_TEST(dn_specials_and_control_bytes_are_escaped)
{
	struct spec s = { " lead#", "A, B+C;\"x\"<y>\\", "FR", false, 0, 3600, NULL, NULL, NULL };
	X509 *x = mk_cert(&s, leaf_key, root, root_key);
	/* A dNSName with a NUL and a byte that is not ASCII (RFC 5280 §4.2.1.6
	 * says IA5String): stored escaped, never truncated at the NUL. */
	GENERAL_NAMES *gens = GENERAL_NAMES_new();
	GENERAL_NAME *g = GENERAL_NAME_new();
	ASN1_IA5STRING *ia5 = ASN1_IA5STRING_new();
	ASN1_STRING_set(ia5, "a\0b\xff.example", 12);
	GENERAL_NAME_set0_value(g, GEN_DNS, ia5);
	sk_GENERAL_NAME_push(gens, g);
	X509_add1_ext_i2d(x, NID_subject_alt_name, gens, 0, X509V3_ADD_REPLACE);
	GENERAL_NAMES_free(gens);
	sc_cert *c = NULL;
	ck_assert_int_eq(x509_cert_new(x, NULL, &c), SC_OK);
	ck_assert_str_eq(sc_cert_subject(c),
	                 "CN=\\ lead#,O=A\\, B\\+C\\;\\\"x\\\"\\<y\\>\\\\,C=FR");
	ck_assert_str_eq(sc_cert_subject_attr(c, "O"), "A, B+C;\"x\"<y>\\");
	ck_assert_uint_eq(sc_cert_san_count(c), 1);
	ck_assert_str_eq(sc_cert_san(c, 0), "a\\x00b\\xFF.example");
	x509_cert_free(c);
	X509_free(x);
}
END_TEST

static const struct {
	const char *url, *host;   /* host NULL: none */
} url_cases[] = {
	{ "http://r11.o.lencr.org/x", "r11.o.lencr.org" },
	{ "http://User@CA.Example:8080/ca.der", "ca.example" },
	{ "http://[2001:db8::5]/x.crl", "2001:db8::5" },
	{ "ldap://crl.example/cn=x,o=y?certificateRevocationList", "crl.example" },
	{ "http://crl.example?x", "crl.example" },
	{ "http://a@b@c.example/", "c.example" },
	{ "http:///path", NULL },
	{ "http://[2001:db8::5/x", NULL },
	{ "http://a b.example/", NULL },
	{ "urn:x:y", NULL },
	{ "", NULL },
	{ "http://" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example/", NULL },
};

START_TEST(url_host_is_extracted_or_refused)
{
	char buf[SC_MAX_NAME_LEN + 1];
	bool ok = x509_url_host(url_cases[_i].url, buf, sizeof(buf));
	if (url_cases[_i].host == NULL) {
		ck_assert_msg(!ok, "%s gave a host %s", url_cases[_i].url, buf);
	} else {
		ck_assert_msg(ok, "%s gave no host", url_cases[_i].url);
		ck_assert_str_eq(buf, url_cases[_i].host);
	}
}
END_TEST

/* ------------------------------------------------------------ PEM / DER */

START_TEST(pem_chain_parses_and_skips_other_blocks)
{
	X509 *xs[2] = { leaf, root };
	char *pem = pem_string(xs, 2);
	size_t len = strlen(pem) + 200;
	char *buf = malloc(len * 2);
	/* Text before, between, and a key block, as in real bundles. */
	snprintf(buf, len * 2, "subject=CN=a.example\n%s-----BEGIN PRIVATE KEY-----\n"
	         "MC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\ntrailer\n", pem);
	X509 *out[SC_MAX_CHAIN_CERTS];
	size_t n = 0, total = 0;
	char msg[256];
	ck_assert_int_eq(x509_parse_chain(buf, strlen(buf), out, SC_MAX_CHAIN_CERTS, &n, &total,
	                                  msg, sizeof(msg)), SC_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(total, 2);
	ck_assert_int_eq(X509_cmp(out[0], leaf), 0);
	ck_assert_int_eq(X509_cmp(out[1], root), 0);
	X509_free(out[0]);
	X509_free(out[1]);
	free(buf);
	free(pem);
}
END_TEST

/* A run reading one file per host decodes each distinct certificate once:
 * the second file's certificates are the pool's (the pool every chain's
 * certificates go into), and equal to what a decode gives; a block with PEM
 * headers (encrypted) is refused. */
START_TEST(pem_certificates_are_decoded_once_per_cache)
{
	X509 *xs[2] = { leaf, root };
	char *pem = pem_string(xs, 2);
	x509_pool *dc = x509_pool_new();
	EVP_MD *md = EVP_MD_fetch(NULL, "SHA256", NULL);
	ck_assert_ptr_nonnull(dc);
	X509 *a[SC_MAX_CHAIN_CERTS], *b[SC_MAX_CHAIN_CERTS];
	size_t na = 0, nb = 0, total = 0;
	char msg[256];
	ck_assert_int_eq(x509_parse_chain_cached(pem, strlen(pem), a, SC_MAX_CHAIN_CERTS, &na,
	                                         &total, msg, sizeof(msg), dc, md), SC_OK);
	for (size_t i = 0; i < na; i++) {   /* as the first file's chain is analysed */
		sc_cert *c = NULL;
		ck_assert_int_eq(x509_pool_cert(dc, a[i], md, &c), SC_OK);
		x509_cert_free(c);
	}
	ck_assert_int_eq(x509_parse_chain_cached(pem, strlen(pem), b, SC_MAX_CHAIN_CERTS, &nb,
	                                         &total, msg, sizeof(msg), dc, md), SC_OK);
	ck_assert_uint_eq(na, 2);
	ck_assert_uint_eq(nb, 2);
	for (size_t i = 0; i < 2; i++) {
		ck_assert_ptr_eq(a[i], b[i]);
		ck_assert_int_eq(X509_cmp(b[i], xs[i]), 0);
		X509_free(a[i]);
		X509_free(b[i]);
	}
	static const char enc[] = "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n"
	                          "DEK-Info: AES-128-CBC,00000000000000000000000000000000\n\n"
	                          "MAMCAQE=\n-----END CERTIFICATE-----\n";
	size_t n = 99;
	msg[0] = '\0';
	ck_assert_int_eq(x509_parse_chain_cached(enc, strlen(enc), a, SC_MAX_CHAIN_CERTS, &n,
	                                         &total, msg, sizeof(msg), dc, md), SC_ERR_PARSE);
	ck_assert(msg[0] != '\0');
	EVP_MD_free(md);
	x509_pool_free(dc);
	free(pem);
}
END_TEST

START_TEST(pem_chain_keeps_at_most_max)
{
	X509 *xs[20];
	for (int i = 0; i < 20; i++)
		xs[i] = root;
	char *pem = pem_string(xs, 20);
	X509 *out[SC_MAX_CHAIN_CERTS];
	size_t n = 0, total = 0;
	char msg[256];
	ck_assert_int_eq(x509_parse_chain(pem, strlen(pem), out, SC_MAX_CHAIN_CERTS, &n, &total,
	                                  msg, sizeof(msg)), SC_OK);
	ck_assert_uint_eq(n, SC_MAX_CHAIN_CERTS);
	ck_assert_uint_eq(total, 20);
	for (size_t i = 0; i < n; i++)
		X509_free(out[i]);
	free(pem);
}
END_TEST

static const struct {
	const char *name;
	const char *text;
	size_t len;     /* 0: strlen */
	sc_status want;
	size_t total;
} malformed[] = {
	{ "empty", "", 0, SC_OK, 0 },
	{ "text", "hello\n", 0, SC_OK, 0 },
	{ "bad base64", "-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n", 0,
	  SC_ERR_PARSE, 0 },
	{ "base64 of bad DER", "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n",
	  0, SC_ERR_PARSE, 0 },
	{ "no end line", "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n", 0, SC_ERR_PARSE, 0 },
	{ "DER with a lying length", "\x30\x82\xff\xff\x02\x01\x01", 7, SC_ERR_PARSE, 0 },
	{ "DER of an INTEGER", "\x30\x03\x02\x01\x01", 5, SC_ERR_PARSE, 0 },
};

START_TEST(malformed_pem_and_der_are_parse_errors)
{
	X509 *out[SC_MAX_CHAIN_CERTS];
	size_t n = 99, total = 99;
	char msg[256] = "";
	size_t len = malformed[_i].len ? malformed[_i].len : strlen(malformed[_i].text);
	sc_status st = x509_parse_chain(malformed[_i].text, len, out, SC_MAX_CHAIN_CERTS, &n,
	                                &total, msg, sizeof(msg));
	ck_assert_msg(st == malformed[_i].want, "%s: status %d", malformed[_i].name, st);
	/* The same through the pool lookup. */
	x509_pool *dc = x509_pool_new();
	EVP_MD *md = EVP_MD_fetch(NULL, "SHA256", NULL);
	size_t n2 = 99, total2 = 99;
	char msg2[256] = "";
	X509 *out2[SC_MAX_CHAIN_CERTS];
	ck_assert_int_eq(x509_parse_chain_cached(malformed[_i].text, len, out2, SC_MAX_CHAIN_CERTS,
	                                         &n2, &total2, msg2, sizeof(msg2), dc, md), st);
	if (st == SC_OK)
		ck_assert_uint_eq(total2, malformed[_i].total);
	EVP_MD_free(md);
	x509_pool_free(dc);
	if (st == SC_OK) {
		ck_assert_uint_eq(n, 0);
		ck_assert_uint_eq(total, malformed[_i].total);
	} else {
		ck_assert_msg(msg[0] != '\0', "%s: no message", malformed[_i].name);
	}
}
END_TEST

START_TEST(der_certificate_parses_and_trailing_bytes_do_not)
{
	unsigned char *der = NULL;
	int len = i2d_X509(leaf, &der);
	char *buf = malloc((size_t)len + 2);
	memcpy(buf, der, (size_t)len);
	buf[len] = '\0';
	X509 *out[1];
	size_t n = 0, total = 0;
	char msg[256];
	ck_assert_int_eq(x509_parse_chain(buf, (size_t)len, out, 1, &n, &total, msg, sizeof(msg)), SC_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(X509_cmp(out[0], leaf), 0);
	X509_free(out[0]);
	buf[len] = 0x00;
	buf[len + 1] = 0x00;
	ck_assert_int_eq(x509_parse_chain(buf, (size_t)len + 2, out, 1, &n, &total, msg, sizeof(msg)),
	                 SC_ERR_PARSE);
	free(buf);
	OPENSSL_free(der);
}
END_TEST

/* Every truncation and a deterministic set of byte changes of a real
 * certificate: each either parses and is analysed, or is a parse error —
 * never a crash, a leak or an out-of-bounds read (ASan). */
START_TEST(mutated_der_never_crashes)
{
	unsigned char *der = NULL;
	int len = i2d_X509(leaf, &der);
	ck_assert_int_gt(len, 100);
	char *buf = malloc((size_t)len + 1);
	X509 *out[1];
	size_t n, total, parsed = 0, refused = 0;
	char msg[256];
	for (int cut = 1; cut < len; cut++) {
		memcpy(buf, der, (size_t)cut);
		buf[cut] = '\0';
		sc_status st = x509_parse_chain(buf, (size_t)cut, out, 1, &n, &total, msg, sizeof(msg));
		ck_assert_int_eq(st, SC_ERR_PARSE);
		refused++;
	}
	unsigned seed = 12345;
	for (int i = 0; i < 3000; i++) {
		memcpy(buf, der, (size_t)len);
		buf[len] = '\0';
		for (int k = 0; k < 1 + i % 3; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t pos = (seed >> 8) % (size_t)len;
			seed = seed * 1103515245u + 12345u;
			buf[pos] = (char)(seed >> 16);
		}
		sc_status st = x509_parse_chain(buf, (size_t)len, out, 1, &n, &total, msg, sizeof(msg));
		if (st == SC_OK && n == 1) {
			sc_cert *c = NULL;
			sc_status cs = x509_cert_new(out[0], NULL, &c);
			ck_assert(cs == SC_OK || cs == SC_ERR_PARSE || cs == SC_ERR_LIMIT);
			if (c != NULL) {
				json_t *j = NULL;
				/* The analysed strings must be valid for JSON. */
				j = json_pack("{s:s, s:s}", "s", sc_cert_subject(c), "i", sc_cert_issuer(c));
				ck_assert_ptr_nonnull(j);
				json_decref(j);
			}
			x509_cert_free(c);
			X509_free(out[0]);
			parsed++;
		} else {
			ck_assert_int_eq(st, SC_ERR_PARSE);
			refused++;
		}
	}
	ck_assert_uint_gt(parsed, 0);
	ck_assert_uint_gt(refused, 0);
	free(buf);
	OPENSSL_free(der);
}
END_TEST

/* --------------------------------------------------------- verification */

static long
verify(X509 *const *chain, size_t n, int64_t at, int *ret_built)
{
	X509_STORE *store = X509_STORE_new();
	X509_STORE_add_cert(store, root);
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	long code = -1;
	STACK_OF(X509) *built = NULL;
	ck_assert_int_eq(x509_verify(store, ctx, chain, n, at, true, &code, &built), SC_OK);
	if (ret_built)
		*ret_built = built ? sk_X509_num(built) : 0;
	sk_X509_pop_free(built, X509_free);
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	return code;
}

START_TEST(verify_reports_the_reason)
{
	int64_t now = (int64_t)time(NULL);
	int built = 0;
	ck_assert_int_eq(verify(&leaf, 1, now, &built), X509_V_OK);
	ck_assert_int_eq(built, 2);   /* completed with the root of the store */
	ck_assert_int_eq(verify(&expired, 1, now, NULL), X509_V_ERR_CERT_HAS_EXPIRED);
	/* Judged at a time inside its validity, it is fine. */
	ck_assert_int_eq(verify(&expired, 1, now - 86400 * 100, NULL), X509_V_OK);
	ck_assert_int_eq(verify(&selfsigned, 1, now, NULL), X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
	ck_assert_int_eq(verify(&orphan, 1, now, NULL), X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
}
END_TEST

/* ------------------------------------------------------------ PEM source */

static sc_tls *
new_tls(void)
{
	char p[128];
	snprintf(p, sizeof(p), "%s/roots.pem", tmpdir);
	sc_tls_opts o = { .trust_file = p };
	sc_tls *t = NULL;
	sc_err err;
	ck_assert_int_eq(sc_tls_new(&o, &t, &err), SC_OK);
	return t;
}

START_TEST(pem_source_reads_host_pem_and_completes_the_chain)
{
	char p[128];
	snprintf(p, sizeof(p), "%s/a.example.pem", tmpdir);
	write_pem(p, &leaf, 1);
	sc_tls *t = new_tls();
	sc_tls_result *r = NULL;
	sc_err err;
	ck_assert_int_eq(sc_tls_pem_load(t, tmpdir, "a.example", 0, &r, &err), SC_OK);
	ck_assert_int_eq(sc_tls_result_reason(r), SC_TLS_OK);
	ck_assert(sc_tls_result_verified(r));
	ck_assert(sc_tls_result_name_match(r));
	ck_assert_uint_eq(sc_tls_result_presented(r), 1);
	ck_assert_uint_eq(sc_tls_result_cert_count(r), 2);
	ck_assert(sc_tls_result_cert_from_store(r, 1) && !sc_tls_result_cert_from_store(r, 0));
	ck_assert_str_eq(sc_tls_result_source(r), p);
	/* Dependencies: unique hosts, sorted by host then kind. */
	ck_assert_uint_eq(sc_tls_result_dep_count(r), 4);
	sc_cert_dep_kind k;
	ck_assert_str_eq(sc_tls_result_dep(r, 0, &k), "2001:db8::5");
	ck_assert_int_eq(k, SC_CERT_DEP_CRL);
	ck_assert_str_eq(sc_tls_result_dep(r, 1, &k), "ca.example");
	ck_assert_int_eq(k, SC_CERT_DEP_CA_ISSUERS);
	ck_assert_str_eq(sc_tls_result_dep(r, 2, NULL), "crl.example");
	ck_assert_str_eq(sc_tls_result_dep(r, 3, NULL), "ocsp.example");

	/* JSON carries the DER of each certificate. */
	json_t *j = sc_tls_result_to_json(r);
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(json_string_value(json_object_get(j, "status")), "ok");
	json_t *c0 = json_array_get(json_object_get(j, "chain"), 0);
	const char *b64 = json_string_value(json_object_get(c0, "der"));
	unsigned char der[4096];
	int dl = EVP_DecodeBlock(der, (const unsigned char *)b64, (int)strlen(b64));
	const unsigned char *pp = der;
	X509 *back = d2i_X509(NULL, &pp, dl);
	ck_assert_ptr_nonnull(back);
	ck_assert_int_eq(X509_cmp(back, leaf), 0);
	X509_free(back);
	json_decref(j);
	sc_tls_result_free(r);

	/* An IP literal is checked against the IP SANs. */
	ck_assert_int_eq(sc_tls_pem_load(t, p, "192.0.2.1", 0, &r, &err), SC_OK);
	ck_assert(sc_tls_result_name_match(r));
	sc_tls_result_free(r);
	ck_assert_int_eq(sc_tls_pem_load(t, p, "c.example", 0, &r, &err), SC_OK);
	ck_assert(!sc_tls_result_name_match(r));
	ck_assert(sc_tls_result_verified(r));
	sc_tls_result_free(r);
	sc_tls_free(t);
}
END_TEST

/* One certificate in many chains is analysed once: the results share its
 * analysis, which outlives the context; whether the trust store added it
 * stays each chain's own. */
START_TEST(a_certificate_in_many_chains_is_analysed_once)
{
	char p[128], q[128];
	snprintf(p, sizeof(p), "%s/a.example.pem", tmpdir);
	snprintf(q, sizeof(q), "%s/b.example.pem", tmpdir);
	write_pem(p, &leaf, 1);
	X509 *both[2] = {leaf, root};
	write_pem(q, both, 2);
	sc_tls *t = new_tls();
	sc_tls_result *a = NULL, *b = NULL, *a2 = NULL;
	ck_assert_int_eq(sc_tls_pem_load(t, tmpdir, "a.example", 0, &a, NULL), SC_OK);
	ck_assert_int_eq(sc_tls_pem_load(t, tmpdir, "b.example", 0, &b, NULL), SC_OK);
	ck_assert_int_eq(sc_tls_pem_load(t, tmpdir, "a.example", 0, &a2, NULL), SC_OK);
	sc_tls_free(t);
	ck_assert_uint_eq(sc_tls_result_cert_count(a), 2);
	ck_assert_uint_eq(sc_tls_result_cert_count(b), 2);
	ck_assert_ptr_eq(sc_tls_result_cert(a, 0), sc_tls_result_cert(b, 0));
	ck_assert_ptr_eq(sc_tls_result_cert(a, 0), sc_tls_result_cert(a2, 0));
	ck_assert_ptr_eq(sc_tls_result_cert(a, 1), sc_tls_result_cert(b, 1));
	ck_assert(sc_tls_result_cert_from_store(a, 1));
	ck_assert(!sc_tls_result_cert_from_store(b, 1));
	sc_tls_result_free(a);
	sc_tls_result_free(a2);
	/* Still b's, whole. */
	ck_assert_str_eq(sc_cert_subject_attr(sc_tls_result_cert(b, 0), "CN"), "a.example");
	ck_assert_str_eq(sc_cert_subject(sc_tls_result_cert(b, 1)),
	                 sc_cert_issuer(sc_tls_result_cert(b, 0)));
	sc_tls_result_free(b);
}
END_TEST

START_TEST(pem_source_judges_at_the_given_time)
{
	char p[128];
	snprintf(p, sizeof(p), "%s/old.pem", tmpdir);
	write_pem(p, &expired, 1);
	sc_tls *t = new_tls();
	sc_tls_result *r = NULL;
	ck_assert_int_eq(sc_tls_pem_load(t, p, "old.example", 0, &r, NULL), SC_OK);
	ck_assert_int_eq(sc_tls_result_verify_code(r), X509_V_ERR_CERT_HAS_EXPIRED);
	ck_assert_str_eq(sc_tls_result_verify_string(r), "certificate has expired");
	sc_tls_result_free(r);
	ck_assert_int_eq(sc_tls_pem_load(t, p, "old.example", (int64_t)time(NULL) - 86400 * 100,
	                                 &r, NULL), SC_OK);
	ck_assert(sc_tls_result_verified(r));
	sc_tls_result_free(r);
	sc_tls_free(t);
}
END_TEST

/* An intermediate and its root read from a file for no host (lookup
 * --chain) is that CA's chain: it verifies, without the server purpose its
 * key usage (keyCertSign, cRLSign) does not allow. The same file for a host
 * stands for what a server presents, and a server's certificate must be
 * fit for serverAuth. */
START_TEST(pem_source_ca_chain_without_host_is_no_server_chain)
{
	EVP_PKEY *ik = EVP_EC_gen("P-256");
	ck_assert_ptr_nonnull(ik);
	struct spec is = { "Issuing CA Test", "Certigna Test", "FR", true, -3600, 86400 * 365,
	                   NULL, NULL, NULL };
	X509 *inter = mk_cert(&is, ik, root, root_key);
	X509 *both[2] = { inter, root };
	char p[128];
	snprintf(p, sizeof(p), "%s/ca-chain.pem", tmpdir);
	write_pem(p, both, 2);
	sc_tls *t = new_tls();
	sc_tls_result *r = NULL;
	ck_assert_int_eq(sc_tls_pem_load(t, p, NULL, 0, &r, NULL), SC_OK);
	ck_assert_int_eq(sc_tls_result_verify_code(r), X509_V_OK);
	ck_assert(sc_tls_result_verified(r));
	sc_tls_result_free(r);
	ck_assert_int_eq(sc_tls_pem_load(t, p, "ca.example", 0, &r, NULL), SC_OK);
	ck_assert_int_eq(sc_tls_result_verify_code(r), X509_V_ERR_INVALID_PURPOSE);
	sc_tls_result_free(r);
	/* Still verified: validity (at a time before it, not yet valid)... */
	ck_assert_int_eq(sc_tls_pem_load(t, p, NULL, (int64_t)time(NULL) - 86400, &r, NULL), SC_OK);
	ck_assert_int_eq(sc_tls_result_verify_code(r), X509_V_ERR_CERT_NOT_YET_VALID);
	sc_tls_result_free(r);
	/* The intermediate alone is completed with its root from the store. */
	X509 *alone[1] = { inter };
	write_pem(p, alone, 1);
	ck_assert_int_eq(sc_tls_pem_load(t, p, NULL, 0, &r, NULL), SC_OK);
	ck_assert(sc_tls_result_verified(r));
	ck_assert_uint_eq(sc_tls_result_cert_count(r), 2);
	sc_tls_result_free(r);
	sc_tls_free(t);
	/* In x509_verify(): a server chain, or a CA chain. */
	ck_assert_int_eq(verify(both, 2, (int64_t)time(NULL), NULL), X509_V_ERR_INVALID_PURPOSE);
	X509_free(inter);
	EVP_PKEY_free(ik);
}
END_TEST

START_TEST(pem_source_missing_unsafe_and_oversized)
{
	sc_tls *t = new_tls();
	sc_tls_result *r = NULL;
	sc_err err;
	ck_assert_int_eq(sc_tls_pem_load(t, tmpdir, "none.example", 0, &r, &err), SC_OK);
	ck_assert_int_eq(sc_tls_result_reason(r), SC_TLS_NO_SOURCE);
	ck_assert_uint_eq(sc_tls_result_cert_count(r), 0);
	ck_assert(!sc_tls_result_verified(r));
	ck_assert_int_eq(sc_tls_result_verify_code(r), -1);
	sc_tls_result_free(r);
	r = NULL;
	/* A host that would leave the directory is refused. */
	ck_assert_int_eq(sc_tls_pem_load(t, tmpdir, "../etc/passwd", 0, &r, &err), SC_ERR_USAGE);
	ck_assert_int_eq(sc_tls_pem_load(t, tmpdir, ".hidden", 0, &r, &err), SC_ERR_USAGE);
	ck_assert_ptr_null(r);
	char p[128];
	snprintf(p, sizeof(p), "%s/big.pem", tmpdir);
	FILE *f = fopen(p, "w");
	for (unsigned i = 0; i <= SC_MAX_PEM_FILE_BYTES / 32; i++)
		fputs("# padding padding padding padding padding padding padding pad\n", f);
	fclose(f);
	ck_assert_int_eq(sc_tls_pem_load(t, p, "x.example", 0, &r, &err), SC_ERR_LIMIT);
	snprintf(p, sizeof(p), "%s/absent.pem", tmpdir);
	ck_assert_int_eq(sc_tls_pem_load(t, p, "x.example", 0, &r, &err), SC_ERR_IO);
	ck_assert_ptr_null(r);
	sc_tls_free(t);
}
END_TEST

START_TEST(trust_file_that_does_not_load_is_an_error)
{
	sc_tls_opts o = { .trust_file = "/nonexistent/roots.pem" };
	sc_tls *t = NULL;
	sc_err err;
	sc_err_clear(&err);
	ck_assert_int_eq(sc_tls_new(&o, &t, &err), SC_ERR_TLS);
	ck_assert_ptr_null(t);
	ck_assert_str_eq(err.file, "/nonexistent/roots.pem");
	sc_tls_opts many = { .jobs = SC_MAX_TLS_JOBS + 1 };
	ck_assert_int_eq(sc_tls_new(&many, &t, &err), SC_ERR_USAGE);
	/* No options: the system trust store, default limits. */
	ck_assert_int_eq(sc_tls_new(NULL, &t, &err), SC_OK);
	sc_tls_free(t);
	sc_tls_free(NULL);
}
END_TEST

START_TEST(reason_and_kind_strings_round_trip)
{
	for (int i = 0; i < SC_TLS_REASON_COUNT; i++) {
		const char *s = sc_tls_reason_to_string((sc_tls_reason)i);
		ck_assert_ptr_nonnull(s);
		sc_tls_reason back;
		ck_assert(sc_tls_reason_from_string(s, &back));
		ck_assert_int_eq(back, i);
		for (int j = 0; j < i; j++)
			ck_assert_str_ne(s, sc_tls_reason_to_string((sc_tls_reason)j));
	}
	sc_tls_reason r;
	ck_assert(!sc_tls_reason_from_string("OK", &r));
	ck_assert_str_eq(sc_cert_dep_kind_to_string(SC_CERT_DEP_CA_ISSUERS), "ca_issuers");
}
END_TEST

START_TEST(capture_of_nothing_and_of_bad_targets)
{
	sc_tls *t = new_tls();
	sc_tls_results *rs = NULL;
	ck_assert_int_eq(sc_tls_capture(t, NULL, 0, &rs, NULL), SC_OK);
	ck_assert_uint_eq(sc_tls_results_count(rs), 0);
	sc_tls_results_free(rs);
	sc_tls_target tg[] = {
		{ .host = "a.example", .address = "not-an-address", .port = 443 },
		{ .host = "a.example", .address = "127.0.0.1", .port = 0 },
		{ .host = "", .address = "127.0.0.1", .port = 443 },
		{ .host = NULL, .address = NULL, .port = 443 },
	};
	ck_assert_int_eq(sc_tls_capture(t, tg, 4, &rs, NULL), SC_OK);
	for (size_t i = 0; i < 4; i++)
		ck_assert_int_eq(sc_tls_result_reason(sc_tls_results_get(rs, i)), SC_TLS_BAD_TARGET);
	ck_assert_ptr_null(sc_tls_results_get(rs, 4));
	sc_tls_results_free(rs);
	sc_tls_free(t);
}
END_TEST

/* ------------------------------------------------------- from evidence */

static json_t *
evidence_json(void)
{
	char p[128];
	X509 *xs[1] = { leaf };
	snprintf(p, sizeof(p), "%s/ev.pem", tmpdir);
	write_pem(p, xs, 1);
	sc_tls *t = new_tls();
	sc_tls_result *r = NULL;
	ck_assert_int_eq(sc_tls_pem_load(t, p, "a.example", 0, &r, NULL), SC_OK);
	json_t *j = sc_tls_result_to_json(r);
	sc_tls_result_free(r);
	sc_tls_free(t);
	return j;
}

START_TEST(evidence_round_trip_is_identical)
{
	json_t *j = evidence_json();
	sc_tls_result *r = NULL;
	ck_assert_int_eq(sc_tls_result_from_json(j, &r, NULL), SC_OK);
	json_t *back = sc_tls_result_to_json(r);
	ck_assert(json_equal(j, back));
	ck_assert(sc_tls_result_verified(r));
	ck_assert_uint_eq(sc_tls_result_cert_count(r), 2);
	ck_assert(sc_tls_result_cert_from_store(r, 1) && !sc_tls_result_cert_from_store(r, 0));
	json_decref(back);
	sc_tls_result_free(r);
	json_decref(j);
}
END_TEST

static const struct {
	const char *what, *key, *value;   /* value: JSON text; key "chain.0.der" etc. */
} bad_evidence[] = {
	{ "unknown status", "status", "\"fine\"" },
	{ "status missing", "status", NULL },
	{ "port not a number", "port", "\"443\"" },
	{ "port too large", "port", "70000" },
	{ "chain not a list", "chain", "{}" },
	{ "host not a string", "host", "7" },
	{ "host not printable", "host", "\"a b\"" },
	{ "observed not a time", "observed", "\"yesterday\"" },
	{ "observed 25 o'clock", "observed", "\"2026-01-01T25:00:00Z\"" },
	{ "verify.code a string", "verify", "{\"code\": \"0\"}" },
	{ "der not base64", "der", "\"!!!!\"" },
	{ "der of garbage", "der", "\"MAMCAQE=\"" },
	{ "der missing", "der", NULL },
	{ "chain too long", "chain*", NULL },
	{ "presented negative", "presented", "-1" },
};

START_TEST(corrupt_evidence_is_refused)
{
	json_t *j = evidence_json();
	const char *key = bad_evidence[_i].key, *val = bad_evidence[_i].value;
	json_t *target = j;
	if (strcmp(key, "der") == 0) {
		target = json_array_get(json_object_get(j, "chain"), 0);
	} else if (strcmp(key, "chain*") == 0) {
		json_t *chain = json_object_get(j, "chain");
		json_t *c0 = json_array_get(chain, 0);
		for (unsigned i = 0; i < 2 * SC_MAX_CHAIN_CERTS; i++)
			json_array_append(chain, c0);
		key = NULL;
	}
	if (key != NULL) {
		if (val == NULL) {
			json_object_del(target, key);
		} else {
			json_t *v = json_loads(val, JSON_DECODE_ANY, NULL);
			ck_assert_ptr_nonnull(v);
			json_object_set_new(target, key, v);
		}
	}
	sc_tls_result *r = NULL;
	sc_err err;
	sc_err_clear(&err);
	ck_assert_msg(sc_tls_result_from_json(j, &r, &err) == SC_ERR_CORRUPT, "%s accepted",
	              bad_evidence[_i].what);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(err.rule, "tls-evidence");
	json_decref(j);
	/* Not an object at all. */
	json_t *arr = json_array();
	ck_assert_int_eq(sc_tls_result_from_json(arr, &r, NULL), SC_ERR_CORRUPT);
	json_decref(arr);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("x509");
	TCase *tc = tcase_create("x509");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, analysis_reads_names_sans_key_and_urls);
	tcase_add_test(tc, analysis_reads_rsa_keys);
	tcase_add_test(tc, sans_beyond_the_limit_are_flagged);
	tcase_add_test(tc, dn_specials_and_control_bytes_are_escaped);
	tcase_add_loop_test(tc, url_host_is_extracted_or_refused, 0,
	                    (int)(sizeof(url_cases) / sizeof(url_cases[0])));
	tcase_add_test(tc, pem_chain_parses_and_skips_other_blocks);
	tcase_add_test(tc, pem_chain_keeps_at_most_max);
	tcase_add_test(tc, pem_certificates_are_decoded_once_per_cache);
	tcase_add_loop_test(tc, malformed_pem_and_der_are_parse_errors, 0,
	                    (int)(sizeof(malformed) / sizeof(malformed[0])));
	tcase_add_test(tc, der_certificate_parses_and_trailing_bytes_do_not);
	tcase_add_test(tc, mutated_der_never_crashes);
	tcase_add_test(tc, verify_reports_the_reason);
	tcase_add_test(tc, pem_source_reads_host_pem_and_completes_the_chain);
	tcase_add_test(tc, a_certificate_in_many_chains_is_analysed_once);
	tcase_add_test(tc, pem_source_judges_at_the_given_time);
	tcase_add_test(tc, pem_source_ca_chain_without_host_is_no_server_chain);
	tcase_add_test(tc, pem_source_missing_unsafe_and_oversized);
	tcase_add_test(tc, trust_file_that_does_not_load_is_an_error);
	tcase_add_test(tc, reason_and_kind_strings_round_trip);
	tcase_add_test(tc, capture_of_nothing_and_of_bad_targets);
	tcase_add_test(tc, evidence_round_trip_is_identical);
	tcase_add_loop_test(tc, corrupt_evidence_is_refused, 0,
	                    (int)(sizeof(bad_evidence) / sizeof(bad_evidence[0])));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
