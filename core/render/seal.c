/*
 * seal.c — a filing's integrity, signed and checked (docs/outputs.md
 * "Signatures").
 *
 * SHA256SUMS lists every file of a filing with its SHA-256 (outdir.c
 * writes it last). A signed filing also holds SHA256SUMS.p7s: a detached
 * CMS (RFC 5652, PKCS #7) SignedData over SHA256SUMS, DER-encoded, with
 * the signer's certificate and signed attributes (content type, message
 * digest, signing time). One signature over the list of digests signs
 * every file of the set: what Debian's signed Release files do, and what
 * `openssl cms -verify` followed by `sha256sum -c` checks with nothing but
 * the standard tools.
 *
 * CMS rather than a bare Ed25519 signature: it names the signer (its
 * certificate travels with the signature), it is the format qualified
 * signature and timestamping tools work with, and it works with the RSA
 * and EC keys organisations already hold in their PKI. OpenSSL 3.0 and 3.1
 * cannot make a CMS signature with an Ed25519 key (RFC 8419 arrived in
 * 3.2): such a key is refused with that reason, at load time, by signing
 * once.
 *
 * Checking recomputes every digest SHA256SUMS lists and looks for files it
 * does not list, then verifies the signature over SHA256SUMS — by the
 * signer pinned (a certificate or a public key) when one is given. Without
 * a pin a signature that verifies only shows that nobody changed the files
 * without also re-signing them: anyone can sign with a key of their own.
 *
 * The library reads no clock: the signing time is given by the caller, and
 * a pinned certificate's validity is not checked (an archived filing stays
 * verifiable after its certificate expires; the signing time is shown).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/pem.h>   /* before cms.h: PEM_read_bio_CMS */
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "outdir.h"
#include "sc-limits.h"
#include "seal.h"
#include "util.h"

struct sc_signer {
	EVP_PKEY *key;
	X509 *cert;
	int64_t at;
	char subject[256];
	char fingerprint[97];   /* 32 hex pairs joined by ':' */
};

/* ------------------------------------------- names, times, errors */

/* The first OpenSSL error in words (and the queue cleared). */
static const char *
ssl_reason(char *buf, size_t n)
{
	unsigned long e = ERR_peek_error();
	buf[0] = '\0';
	if (e) {
		const char *r = ERR_reason_error_string(e);
		snprintf(buf, n, "%s", r ? r : "unknown OpenSSL error");
	}
	ERR_clear_error();
	return buf;
}

static sc_status
ssl_fail(sc_err *err, sc_status st, const char *path, const char *rule, const char *what)
{
	char r[256];
	ssl_reason(r, sizeof(r));
	if (*r)
		return util_err(err, st, path, 0, 0, rule, "%s (OpenSSL: %s)", what, r);
	return util_err(err, st, path, 0, 0, rule, "%s", what);
}

static void
errno_text(int e, char *buf, size_t n)
{
	if (strerror_r(e, buf, n) != 0)
		snprintf(buf, n, "error %d", e);
}

/* A name as one line, RFC 2253 order (CN first), UTF-8 kept. */
static void
name_line(const X509_NAME *name, char *buf, size_t n)
{
	buf[0] = '\0';
	BIO *b = BIO_new(BIO_s_mem());
	if (b == NULL)
		return;
	if (X509_NAME_print_ex(b, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
		int r = BIO_read(b, buf, (int)n - 1);
		buf[r > 0 ? r : 0] = '\0';
	}
	BIO_free(b);
}

/* SHA-256 of a certificate as openssl x509 -fingerprint prints it. */
static void
fingerprint(const X509 *x, char out[97])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdn = 0;
	static const char hex[] = "0123456789ABCDEF";
	out[0] = '\0';
	if (X509_digest(x, EVP_sha256(), md, &mdn) != 1 || mdn != 32)
		return;
	for (unsigned i = 0; i < 32; i++) {
		out[3 * i] = hex[md[i] >> 4];
		out[3 * i + 1] = hex[md[i] & 15];
		out[3 * i + 2] = i == 31 ? '\0' : ':';
	}
}

/* An ASN.1 time as YYYY-MM-DDTHH:MM:SSZ ("" when it cannot be read). */
static void
time_iso(const ASN1_TIME *t, char out[32])
{
	struct tm tm;
	out[0] = '\0';
	if (t != NULL && ASN1_TIME_to_tm(t, &tm) == 1 && tm.tm_year >= -1900 &&
	    tm.tm_year <= 9999 - 1900)
		snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
		         (tm.tm_mon + 1) % 100, tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100,
		         tm.tm_sec % 100);
}

/* One certificate from PEM or DER bytes, or NULL. */
static X509 *
cert_from(const char *buf, size_t len)
{
	BIO *b = BIO_new_mem_buf(buf, (int)len);
	X509 *x = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
	BIO_free(b);
	if (x == NULL) {
		const unsigned char *p = (const unsigned char *)buf;
		x = d2i_X509(NULL, &p, (long)len);
		if (x != NULL && p != (const unsigned char *)buf + len) {
			X509_free(x);   /* bytes after the certificate: not one */
			x = NULL;
		}
	}
	ERR_clear_error();
	return x;
}

/* --------------------------------------------------------------- sign */

/* Keys are read without a passphrase: sovcheck runs unattended (cron,
 * CI) and prompts for nothing. */
static int
no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

/* A self-signed certificate for a key given without one: it carries the
 * key, not an identity (its name is the key's fingerprint). Made from the
 * key and the signing time alone, so that the same key at the same time
 * gives the same certificate. */
static X509 *
adhoc_cert(EVP_PKEY *key, int64_t at)
{
	unsigned char *der = NULL;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdn = 0;
	int dl = i2d_PUBKEY(key, &der);
	bool hashed = dl > 0 && EVP_Digest(der, (size_t)dl, md, &mdn, EVP_sha256(), NULL) == 1 &&
	              mdn == 32;
	OPENSSL_free(der);
	if (!hashed)
		return NULL;
	char cn[64];
	snprintf(cn, sizeof(cn), "sovcheck signer %02x%02x%02x%02x%02x%02x%02x%02x", md[0], md[1],
	         md[2], md[3], md[4], md[5], md[6], md[7]);
	X509 *x = X509_new();
	X509_NAME *n = X509_NAME_new();
	/* A positive serial from the key's fingerprint (RFC 5280: at most
	 * 20 octets, positive). */
	md[0] &= 0x7f;
	md[0] |= 0x40;
	BIGNUM *bn = BN_bin2bn(md, 16, NULL);
	time_t t = (time_t)at;
	bool ok = x && n && bn && X509_set_version(x, X509_VERSION_3) == 1 &&
	          BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) != NULL &&
	          X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8, (const unsigned char *)cn, -1,
	                                     -1, 0) == 1 &&
	          X509_set_subject_name(x, n) == 1 && X509_set_issuer_name(x, n) == 1 &&
	          X509_time_adj_ex(X509_getm_notBefore(x), 0, 0, &t) != NULL &&
	          X509_time_adj_ex(X509_getm_notAfter(x), 3653, 0, &t) != NULL &&
	          X509_set_pubkey(x, key) == 1;
	int id = EVP_PKEY_get_base_id(key);
	const EVP_MD *mdalg = id == EVP_PKEY_ED25519 || id == EVP_PKEY_ED448 ? NULL : EVP_sha256();
	ok = ok && X509_sign(x, key, mdalg) > 0;
	BN_free(bn);
	X509_NAME_free(n);
	if (!ok) {
		X509_free(x);
		return NULL;
	}
	return x;
}

/* Whether the key is of a kind and size sovcheck signs with. */
static sc_status
key_usable(EVP_PKEY *k, const char *path, sc_err *err)
{
	int id = EVP_PKEY_get_base_id(k);
	switch (id) {
	case EVP_PKEY_RSA:
	case EVP_PKEY_RSA_PSS:
		if (EVP_PKEY_get_bits(k) < 2048)
			return util_err(err, SC_ERR_UNSUPPORTED, path, 0, 0, "signing-key",
			                "an RSA key of %d bits: sovcheck signs with RSA keys of 2048 bits "
			                "or more", EVP_PKEY_get_bits(k));
		return SC_OK;
	case EVP_PKEY_EC:
	case EVP_PKEY_ED25519:
	case EVP_PKEY_ED448:
		return SC_OK;
	default: {
		const char *name = EVP_PKEY_get0_type_name(k);
		return util_err(err, SC_ERR_UNSUPPORTED, path, 0, 0, "signing-key",
		                "a %s key: sovcheck signs with RSA or EC keys (and Ed25519 where "
		                "OpenSSL's CMS can)", name ? name : "key of another type");
	}
	}
}

static sc_status
load_key(const char *path, EVP_PKEY **ret, sc_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	sc_status st = util_read_file(path, SC_MAX_KEY_FILE_BYTES, &buf, &len, err);
	if (st != SC_OK)
		return st;
	if (strstr(buf, "ENCRYPTED") != NULL) {
		free(buf);
		return util_err(err, SC_ERR_UNSUPPORTED, path, 0, 0, "signing-key",
		                "the key is encrypted and sovcheck asks for no passphrase: give an "
		                "unencrypted copy (openssl pkey -in KEY -out PLAIN.pem), kept where "
		                "only the signing job can read it");
	}
	BIO *b = BIO_new_mem_buf(buf, (int)len);
	EVP_PKEY *k = b ? PEM_read_bio_PrivateKey(b, NULL, no_passphrase, NULL) : NULL;
	BIO_free(b);
	if (k == NULL) {
		bool is_cert = strstr(buf, "-----BEGIN CERTIFICATE-----") != NULL;
		free(buf);
		if (is_cert) {
			ERR_clear_error();
			return util_err(err, SC_ERR_INVALID, path, 0, 0, "signing-key",
			                "a certificate, not a private key: give the key to --sign and "
			                "its certificate to --cert");
		}
		return ssl_fail(err, SC_ERR_INVALID, path, "signing-key",
		                "not a PEM private key (BEGIN PRIVATE KEY, RSA or EC PRIVATE KEY)");
	}
	free(buf);
	if ((st = key_usable(k, path, err)) != SC_OK) {
		EVP_PKEY_free(k);
		return st;
	}
	*ret = k;
	return SC_OK;
}

static sc_status
load_cert(const char *path, const char *key_path, EVP_PKEY *key, int64_t at, X509 **ret,
          sc_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	sc_status st = util_read_file(path, SC_MAX_KEY_FILE_BYTES, &buf, &len, err);
	if (st != SC_OK)
		return st;
	X509 *x = cert_from(buf, len);
	free(buf);
	if (x == NULL)
		return util_err(err, SC_ERR_INVALID, path, 0, 0, "signing-cert",
		                "not a certificate (PEM or DER)");
	if (X509_check_private_key(x, key) != 1) {
		X509_free(x);
		ERR_clear_error();
		return util_err(err, SC_ERR_INVALID, path, 0, 0, "signing-cert",
		                "not the certificate of the key %s (another public key)", key_path);
	}
	time_t t = (time_t)at;
	char when[32];
	if (X509_cmp_time(X509_get0_notBefore(x), &t) >= 0) {
		time_iso(X509_get0_notBefore(x), when);
		X509_free(x);
		return util_err(err, SC_ERR_INVALID, path, 0, 0, "signing-cert",
		                "not valid yet: valid from %s", *when ? when : "(unreadable date)");
	}
	if (X509_cmp_time(X509_get0_notAfter(x), &t) <= 0) {
		time_iso(X509_get0_notAfter(x), when);
		X509_free(x);
		return util_err(err, SC_ERR_INVALID, path, 0, 0, "signing-cert",
		                "expired on %s: a signature made with it would not verify",
		                *when ? when : "(unreadable date)");
	}
	/* RFC 5280 4.2.1.3: a certificate whose keyUsage has neither
	 * digitalSignature nor nonRepudiation does not sign documents. */
	uint32_t ku = X509_get_key_usage(x);
	if (ku != UINT32_MAX && !(ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION))) {
		X509_free(x);
		ERR_clear_error();
		return util_err(err, SC_ERR_INVALID, path, 0, 0, "signing-cert",
		                "its keyUsage allows neither digitalSignature nor nonRepudiation "
		                "(RFC 5280 4.2.1.3): it does not sign documents");
	}
	*ret = x;
	return SC_OK;
}

sc_status
sc_signer_load(const char *key_path, const char *cert_path, int64_t at, sc_signer **ret,
               sc_err *err)
{
	sc_signer *s = calloc(1, sizeof(*s));
	if (s == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	s->at = at;
	sc_status st = load_key(key_path, &s->key, err);
	if (st == SC_OK && cert_path != NULL)
		st = load_cert(cert_path, key_path, s->key, at, &s->cert, err);
	else if (st == SC_OK && (s->cert = adhoc_cert(s->key, at)) == NULL)
		st = ssl_fail(err, SC_ERR_INVALID, key_path, "signing-key",
		              "cannot make a certificate for the key");
	if (st == SC_OK) {
		/* Sign once now: a key OpenSSL's CMS cannot sign with is
		 * refused before the run, not after it. */
		strbuf probe;
		sb_init(&probe);
		sc_err e2;
		sc_err_clear(&e2);
		if (seal_sign(s, "", 0, &probe, &e2) != SC_OK) {
			int id = EVP_PKEY_get_base_id(s->key);
			if (id == EVP_PKEY_ED25519 || id == EVP_PKEY_ED448)
				st = util_err(err, SC_ERR_UNSUPPORTED, key_path, 0, 0, "signing-key",
				              "OpenSSL %s cannot make a CMS signature with an %s key "
				              "(RFC 8419 came with OpenSSL 3.2): use an EC (P-256) or RSA key",
				              OPENSSL_VERSION_STR, id == EVP_PKEY_ED25519 ? "Ed25519" : "Ed448");
			else
				st = util_err(err, SC_ERR_UNSUPPORTED, key_path, 0, 0, "signing-key",
				              "OpenSSL cannot sign with this key: %s", e2.msg);
		}
		sb_free(&probe);
	}
	if (st != SC_OK) {
		sc_signer_free(s);
		return st;
	}
	name_line(X509_get_subject_name(s->cert), s->subject, sizeof(s->subject));
	fingerprint(s->cert, s->fingerprint);
	*ret = s;
	return SC_OK;
}

void
sc_signer_free(sc_signer *s)
{
	if (s == NULL)
		return;
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	free(s);
}

const char *
sc_signer_subject(const sc_signer *s)
{
	return s ? s->subject : "";
}

const char *
sc_signer_fingerprint(const sc_signer *s)
{
	return s ? s->fingerprint : "";
}

sc_status
seal_sign(const sc_signer *s, const void *data, size_t len, strbuf *out, sc_err *err)
{
	/* Detached, bytes as they are (no MIME canonicalisation), no S/MIME
	 * capabilities; CMS_PARTIAL so that the signing time can be set
	 * before CMS_final() signs (else OpenSSL would read the clock). */
	const unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP | CMS_PARTIAL;
	if (len > INT_MAX)
		return util_err(err, SC_ERR_LIMIT, OUTDIR_SUMS, 0, 0, "sign", "too large to sign");
	BIO *in = BIO_new_mem_buf(data, (int)len);
	CMS_ContentInfo *cms = CMS_sign(NULL, NULL, NULL, NULL, flags);
	CMS_SignerInfo *si = cms ? CMS_add1_signer(cms, s->cert, s->key, NULL, flags) : NULL;
	ASN1_TIME *t = ASN1_TIME_set(NULL, (time_t)s->at);
	unsigned char *der = NULL;
	int dl = -1;
	if (in && si && t &&
	    CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, ASN1_STRING_type(t), t, -1) == 1 &&
	    CMS_final(cms, in, NULL, flags & ~(unsigned)CMS_PARTIAL) == 1)
		dl = i2d_CMS_ContentInfo(cms, &der);
	ASN1_TIME_free(t);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	if (dl <= 0)
		return ssl_fail(err, SC_ERR_UNSUPPORTED, OUTDIR_SUMS, "sign",
		                "cannot make the CMS signature");
	sb_append(out, (const char *)der, (size_t)dl);
	OPENSSL_free(der);
	return out->oom ? util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory") : SC_OK;
}

/* ------------------------------------------------------------- verify */

struct item {
	char *name;
	sc_seal_state state;
	bool bad;
	char *detail;
};

struct sc_verification {
	struct item *items;
	size_t n, cap, nbad;
	bool oom;
	char signer[256];
	char fingerprint[97];
	char when[32];
	bool signer_ok;
};

const char *
sc_seal_state_to_string(sc_seal_state s)
{
	switch (s) {
	case SC_SEAL_OK: return "ok";
	case SC_SEAL_CHANGED: return "changed";
	case SC_SEAL_MISSING: return "missing";
	case SC_SEAL_UNLISTED: return "unlisted";
	case SC_SEAL_UNREADABLE: return "unreadable";
	case SC_SEAL_UNSIGNED: return "unsigned";
	case SC_SEAL_BAD_SIGNATURE: return "bad-signature";
	case SC_SEAL_OTHER_SIGNER: return "other-signer";
	}
	return "?";
}

static void
add_item(sc_verification *v, const char *name, sc_seal_state state, bool bad, const char *fmt,
         ...) __attribute__((format(printf, 5, 6)));

static void
add_item(sc_verification *v, const char *name, sc_seal_state state, bool bad, const char *fmt,
         ...)
{
	if (v->oom)
		return;
	if (v->n == v->cap) {
		size_t nc = v->cap ? v->cap * 2 : 16;
		struct item *ni = realloc(v->items, nc * sizeof(*ni));
		if (ni == NULL) {
			v->oom = true;
			return;
		}
		v->items = ni;
		v->cap = nc;
	}
	char detail[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	struct item *it = &v->items[v->n];
	it->name = strdup(name);
	it->detail = strdup(detail);
	if (it->name == NULL || it->detail == NULL) {
		free(it->name);
		free(it->detail);
		v->oom = true;
		return;
	}
	it->state = state;
	it->bad = bad;
	v->n++;
	if (bad)
		v->nbad++;
}

void
sc_verification_free(sc_verification *v)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < v->n; i++) {
		free(v->items[i].name);
		free(v->items[i].detail);
	}
	free(v->items);
	free(v);
}

bool
sc_verification_item(const sc_verification *v, size_t i, sc_seal_item *ret)
{
	if (v == NULL || i >= v->n)
		return false;
	ret->name = v->items[i].name;
	ret->state = v->items[i].state;
	ret->bad = v->items[i].bad;
	ret->detail = v->items[i].detail;
	return true;
}

size_t
sc_verification_bad(const sc_verification *v)
{
	return v ? v->nbad : 0;
}

const char *
sc_verification_signer(const sc_verification *v, const char **ret_fingerprint,
                       const char **ret_time)
{
	if (v == NULL || !v->signer_ok)
		return NULL;
	if (ret_fingerprint)
		*ret_fingerprint = v->fingerprint;
	if (ret_time)
		*ret_time = v->when;
	return v->signer;
}

/* Open name in the directory dfd for reading, never following a symbolic
 * link and never blocking on a FIFO; a regular file only. Returns the
 * descriptor, or -1 with *ret_errno (0 and *ret_not_regular when the
 * name is not a regular file). */
static int
open_regular(int dfd, const char *name, int *ret_errno, bool *ret_not_regular)
{
	*ret_errno = 0;
	*ret_not_regular = false;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP)
			*ret_not_regular = true;   /* a symbolic link */
		else
			*ret_errno = errno;
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		*ret_errno = errno;
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*ret_not_regular = true;
		close(fd);
		return -1;
	}
	return fd;
}

/* Read a whole small file of the directory (at most max bytes, else
 * SC_ERR_LIMIT); SC_ERR_INVALID when it is not a regular file. */
static sc_status
read_at(int dfd, const char *dir, const char *name, size_t max, char **ret, size_t *ret_len,
        sc_err *err)
{
	char path[PATH_MAX + NAME_MAX + 2], eb[128];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	int e;
	bool not_regular;
	int fd = open_regular(dfd, name, &e, &not_regular);
	if (fd < 0) {
		if (not_regular)
			return util_err(err, SC_ERR_INVALID, path, 0, 0, "io",
			                "not a regular file (a filing holds only regular files)");
		errno_text(e, eb, sizeof(eb));
		return util_err(err, SC_ERR_IO, path, 0, 0, "io", "cannot open: %s", eb);
	}
	char *buf = malloc(max + 1);
	size_t len = 0;
	sc_status st = SC_OK;
	if (buf == NULL) {
		close(fd);
		return util_err(err, SC_ERR_NOMEM, path, 0, 0, "nomem", "out of memory");
	}
	for (;;) {
		ssize_t r = read(fd, buf + len, max + 1 - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			errno_text(errno, eb, sizeof(eb));
			st = util_err(err, SC_ERR_IO, path, 0, 0, "io", "cannot read: %s", eb);
			break;
		}
		if (r == 0)
			break;
		len += (size_t)r;
		if (len > max) {
			st = util_err(err, SC_ERR_LIMIT, path, 0, 0, "file-size",
			              "larger than the limit of %zu bytes", max);
			break;
		}
	}
	close(fd);
	if (st != SC_OK) {
		free(buf);
		return st;
	}
	buf[len] = '\0';
	*ret = buf;
	*ret_len = len;
	return SC_OK;
}

/* One line of SHA256SUMS. */
struct listed {
	char hex[65];
	const char *name;   /* borrowed from the text of SHA256SUMS */
};

/* A name SHA256SUMS may list: a file of the filing's own directory, which
 * sha256sum writes without escaping (no backslash, no control). */
static bool
name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > NAME_MAX || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p == '/' || *p == '\\' || *p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

/* Parse SHA256SUMS in place: "<64 lowercase hex>  <name>\n" per line, as
 * outdir.c writes it and sha256sum -c reads it. */
static sc_status
parse_sums(char *text, size_t len, const char *path, struct listed **ret, size_t *ret_n,
           sc_err *err)
{
	struct listed *l = NULL;
	size_t n = 0;
	unsigned lineno = 0;
	if (memchr(text, '\0', len) != NULL)
		return util_err(err, SC_ERR_PARSE, path, 0, 0, "sums", "holds a NUL byte");
	for (char *p = text; *p;) {
		lineno++;
		char *nl = strchr(p, '\n');
		if (nl == NULL) {
			free(l);
			return util_err(err, SC_ERR_PARSE, path, lineno, 0, "sums",
			                "the last line has no newline (a truncated file?)");
		}
		*nl = '\0';
		bool hex = strlen(p) >= 66;
		for (size_t i = 0; hex && i < 64; i++)
			hex = (p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f');
		if (!hex || p[64] != ' ' || p[65] != ' ' || !name_ok(p + 66)) {
			free(l);
			return util_err(err, SC_ERR_PARSE, path, lineno, 0, "sums",
			                "not a line of sha256sum output as sovcheck writes it (64 "
			                "lowercase hex digits, two spaces, a file name of the directory)");
		}
		const char *name = p + 66;
		if (strcmp(name, OUTDIR_SUMS) == 0 || strcmp(name, SEAL_SIG) == 0) {
			free(l);
			return util_err(err, SC_ERR_PARSE, path, lineno, 0, "sums",
			                "lists %s, which it cannot cover", name);
		}
		for (size_t i = 0; i < n; i++)
			if (strcmp(l[i].name, name) == 0) {
				free(l);
				return util_err(err, SC_ERR_PARSE, path, lineno, 0, "sums",
				                "lists %s twice", name);
			}
		if (n == SC_MAX_SUMS_FILES) {
			free(l);
			return util_err(err, SC_ERR_LIMIT, path, lineno, 0, "sums",
			                "lists more than %u files", SC_MAX_SUMS_FILES);
		}
		if (n % 32 == 0) {
			struct listed *nlist = realloc(l, (n + 32) * sizeof(*nlist));
			if (nlist == NULL) {
				free(l);
				return util_err(err, SC_ERR_NOMEM, path, 0, 0, "nomem", "out of memory");
			}
			l = nlist;
		}
		memcpy(l[n].hex, p, 64);
		l[n].hex[64] = '\0';
		l[n].name = name;
		n++;
		p = nl + 1;
	}
	*ret = l;
	*ret_n = n;
	return SC_OK;
}

/* Check one listed file against its digest. */
static void
check_file(sc_verification *v, int dfd, const struct listed *l)
{
	char eb[128];
	int e;
	bool not_regular;
	int fd = open_regular(dfd, l->name, &e, &not_regular);
	if (fd < 0) {
		if (not_regular)
			add_item(v, l->name, SC_SEAL_CHANGED, true,
			         "no longer a regular file (a symbolic link or a special file stands "
			         "in its place)");
		else if (e == ENOENT)
			add_item(v, l->name, SC_SEAL_MISSING, true,
			         "listed in SHA256SUMS, not in the directory");
		else {
			errno_text(e, eb, sizeof(eb));
			add_item(v, l->name, SC_SEAL_UNREADABLE, true, "cannot open: %s", eb);
		}
		return;
	}
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
	int rerr = 0;
	unsigned char chunk[65536];
	while (ok) {
		ssize_t r = read(fd, chunk, sizeof(chunk));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rerr = errno;
			break;
		}
		if (r == 0)
			break;
		ok = EVP_DigestUpdate(ctx, chunk, (size_t)r) == 1;
	}
	close(fd);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdn = 0;
	ok = ok && rerr == 0 && EVP_DigestFinal_ex(ctx, md, &mdn) == 1 && mdn == 32;
	EVP_MD_CTX_free(ctx);
	if (rerr != 0) {
		errno_text(rerr, eb, sizeof(eb));
		add_item(v, l->name, SC_SEAL_UNREADABLE, true, "cannot read: %s", eb);
		return;
	}
	if (!ok) {
		v->oom = true;
		return;
	}
	static const char hex[] = "0123456789abcdef";
	char got[65];
	for (unsigned i = 0; i < 32; i++) {
		got[2 * i] = hex[md[i] >> 4];
		got[2 * i + 1] = hex[md[i] & 15];
	}
	got[64] = '\0';
	if (strcmp(got, l->hex) == 0)
		add_item(v, l->name, SC_SEAL_OK, false, "SHA-256 %s", got);
	else
		add_item(v, l->name, SC_SEAL_CHANGED, true,
		         "its SHA-256 is %s, SHA256SUMS lists %s: changed since it was written", got,
		         l->hex);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Files of the directory SHA256SUMS does not list, sorted. */
static void
check_unlisted(sc_verification *v, int dfd, const struct listed *l, size_t n)
{
	int fd2 = dup(dfd);
	DIR *d = fd2 >= 0 ? fdopendir(fd2) : NULL;
	if (d == NULL) {
		if (fd2 >= 0)
			close(fd2);
		add_item(v, ".", SC_SEAL_UNREADABLE, true, "cannot list the directory");
		return;
	}
	rewinddir(d);
	char **extra = NULL;
	size_t ne = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		const char *nm = de->d_name;
		if (strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0 || strcmp(nm, OUTDIR_SUMS) == 0 ||
		    strcmp(nm, SEAL_SIG) == 0)
			continue;
		bool listed = false;
		for (size_t i = 0; i < n && !listed; i++)
			listed = strcmp(l[i].name, nm) == 0;
		if (listed)
			continue;
		if (ne == SC_MAX_SUMS_FILES)
			break;   /* enough to fail; the rest need not be named */
		char **ne2 = realloc(extra, (ne + 1) * sizeof(*ne2));
		if (ne2 == NULL || (ne2[ne] = strdup(nm)) == NULL) {
			extra = ne2 ? ne2 : extra;
			v->oom = true;
			break;
		}
		extra = ne2;
		ne++;
	}
	closedir(d);
	if (ne > 1)
		qsort(extra, ne, sizeof(*extra), cmp_str);
	for (size_t i = 0; i < ne; i++) {
		add_item(v, extra[i], SC_SEAL_UNLISTED, true,
		         "in the directory but not listed in SHA256SUMS: not part of the filing "
		         "(added after it was written)");
		free(extra[i]);
	}
	free(extra);
}

/* The signer pinned: a certificate (PEM or DER) or a public key (PEM or
 * DER SubjectPublicKeyInfo). */
static sc_status
load_pin(const char *path, X509 **ret_cert, EVP_PKEY **ret_key, sc_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	sc_status st = util_read_file(path, SC_MAX_KEY_FILE_BYTES, &buf, &len, err);
	if (st != SC_OK)
		return st;
	X509 *x = cert_from(buf, len);
	EVP_PKEY *k = NULL;
	if (x == NULL) {
		BIO *b = BIO_new_mem_buf(buf, (int)len);
		k = b ? PEM_read_bio_PUBKEY(b, NULL, NULL, NULL) : NULL;
		BIO_free(b);
		if (k == NULL) {
			const unsigned char *p = (const unsigned char *)buf;
			k = d2i_PUBKEY(NULL, &p, (long)len);
		}
		ERR_clear_error();
	}
	bool private_key = strstr(buf, "PRIVATE KEY-----") != NULL;
	free(buf);
	if (x == NULL && k == NULL)
		return util_err(err, SC_ERR_INVALID, path, 0, 0, "signer-cert",
		                private_key ? "a private key: give the signer's certificate or public "
		                              "key (never its private key)"
		                            : "holds no certificate or public key (PEM or DER)");
	*ret_cert = x;
	*ret_key = k;
	return SC_OK;
}

/* The signingTime attribute of si, "" when it has none. */
static void
signing_time(CMS_SignerInfo *si, char out[32])
{
	out[0] = '\0';
	int idx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
	X509_ATTRIBUTE *a = idx >= 0 ? CMS_signed_get_attr(si, idx) : NULL;
	ASN1_TYPE *t = a ? X509_ATTRIBUTE_get0_type(a, 0) : NULL;
	if (t != NULL && (t->type == V_ASN1_UTCTIME || t->type == V_ASN1_GENERALIZEDTIME))
		time_iso(t->value.utctime, out);
}

/* Check SHA256SUMS.p7s over the text of SHA256SUMS. */
static void
check_signature(sc_verification *v, int dfd, const char *dir, const char *sums, size_t slen,
                const sc_verify_opts *o, X509 *pin_cert, EVP_PKEY *pin_key)
{
	bool required = o->require_signature || o->cert_path != NULL;
	char *sig = NULL;
	size_t siglen = 0;
	sc_err e;
	sc_err_clear(&e);
	struct stat sb;
	if (fstatat(dfd, SEAL_SIG, &sb, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT) {
		add_item(v, SEAL_SIG, SC_SEAL_UNSIGNED, required,
		         required ? "absent: the filing is not signed, and a signature is required"
		                  : "absent: the filing is not signed (anyone who edits its files can "
		                    "write a new SHA256SUMS)");
		return;
	}
	sc_status st = read_at(dfd, dir, SEAL_SIG, SC_MAX_SIGNATURE_BYTES, &sig, &siglen, &e);
	if (st == SC_ERR_NOMEM) {
		v->oom = true;
		return;
	}
	if (st == SC_ERR_LIMIT || st == SC_ERR_INVALID) {
		add_item(v, SEAL_SIG, SC_SEAL_BAD_SIGNATURE, true, "%s", e.msg);
		return;
	}
	if (st != SC_OK) {
		add_item(v, SEAL_SIG, SC_SEAL_UNREADABLE, true, "%s", e.msg);
		return;
	}
	/* DER as written; PEM too, should someone have converted it. */
	const unsigned char *p = (const unsigned char *)sig;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &p, (long)siglen);
	if (cms != NULL && p != (const unsigned char *)sig + siglen) {
		CMS_ContentInfo_free(cms);
		cms = NULL;
	}
	if (cms == NULL && siglen > 10 && strncmp(sig, "-----BEGIN", 10) == 0) {
		BIO *b = BIO_new_mem_buf(sig, (int)siglen);
		cms = b ? PEM_read_bio_CMS(b, NULL, NULL, NULL) : NULL;
		BIO_free(b);
	}
	free(sig);
	ERR_clear_error();
	BIO *content = NULL;
	STACK_OF(CMS_SignerInfo) *sis = NULL;
	CMS_SignerInfo *si = NULL;
	X509 *who = NULL;
	const char *why = NULL;
	if (cms == NULL)
		why = "not a CMS (PKCS #7) signature, DER or PEM";
	else if (OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed)
		why = "a CMS message, but not SignedData";
	else if (CMS_is_detached(cms) != 1)
		why = "not a detached signature (it carries content of its own)";
	else if (OBJ_obj2nid(CMS_get0_eContentType(cms)) != NID_pkcs7_data)
		why = "signs content of another type than data";
	else if ((sis = CMS_get0_SignerInfos(cms)) == NULL || sk_CMS_SignerInfo_num(sis) != 1)
		why = "not exactly one signer (a filing is signed by one)";
	if (why != NULL) {
		add_item(v, SEAL_SIG, SC_SEAL_BAD_SIGNATURE, true, "%s", why);
		CMS_ContentInfo_free(cms);
		return;
	}
	si = sk_CMS_SignerInfo_value(sis, 0);
	/* A digest of the SHA-2 family (a signature over a SHA-1 or MD5
	 * digest proves little). */
	X509_ALGOR *dig = NULL;
	CMS_SignerInfo_get0_algs(si, NULL, NULL, &dig, NULL);
	const ASN1_OBJECT *dobj = NULL;
	if (dig != NULL)
		X509_ALGOR_get0(&dobj, NULL, NULL, dig);
	int dnid = dobj ? OBJ_obj2nid(dobj) : NID_undef;
	if (dnid != NID_sha256 && dnid != NID_sha384 && dnid != NID_sha512) {
		add_item(v, SEAL_SIG, SC_SEAL_BAD_SIGNATURE, true,
		         "made over a %s digest: sovcheck accepts SHA-256, SHA-384 and SHA-512",
		         dnid != NID_undef ? OBJ_nid2sn(dnid) : "unknown");
		CMS_ContentInfo_free(cms);
		return;
	}
	content = BIO_new_mem_buf(sums, (int)slen);
	bool verified = content != NULL &&
	                CMS_verify(cms, NULL, NULL, content, NULL,
	                           CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1;
	char reason[256];
	ssl_reason(reason, sizeof(reason));
	/* The signer's certificate, from those the signature carries. */
	if (CMS_set1_signers_certs(cms, NULL, 0) >= 0)
		CMS_SignerInfo_get0_algs(si, NULL, &who, NULL, NULL);
	ERR_clear_error();
	char subject[256] = "", fp[97] = "", when[32];
	if (who != NULL) {
		name_line(X509_get_subject_name(who), subject, sizeof(subject));
		fingerprint(who, fp);
	}
	signing_time(si, when);
	if (!verified || who == NULL) {
		if (who == NULL)
			add_item(v, SEAL_SIG, SC_SEAL_BAD_SIGNATURE, true,
			         "the signer's certificate is not in the signature");
		else if (CMS_signed_get_attr_count(si) > 0 && CMS_SignerInfo_verify(si) == 1)
			/* The signed attributes are the signer's: the message
			 * digest they carry is not SHA256SUMS's. */
			add_item(v, SEAL_SIG, SC_SEAL_BAD_SIGNATURE, true,
			         "SHA256SUMS changed after it was signed (by %s): its digest is not the "
			         "one signed", subject);
		else
			add_item(v, SEAL_SIG, SC_SEAL_BAD_SIGNATURE, true,
			         "the signature does not verify over SHA256SUMS with the key of its "
			         "certificate (%s)%s%s", subject, *reason ? ": " : "", reason);
		ERR_clear_error();
	} else if (pin_cert != NULL && X509_cmp(pin_cert, who) != 0) {
		char psub[256], pfp[97];
		name_line(X509_get_subject_name(pin_cert), psub, sizeof(psub));
		fingerprint(pin_cert, pfp);
		add_item(v, SEAL_SIG, SC_SEAL_OTHER_SIGNER, true,
		         "signed by %s (certificate SHA-256 %s), not by the certificate given (%s, "
		         "SHA-256 %s)", subject, fp, psub, pfp);
	} else if (pin_key != NULL && EVP_PKEY_eq(X509_get0_pubkey(who), pin_key) != 1) {
		add_item(v, SEAL_SIG, SC_SEAL_OTHER_SIGNER, true,
		         "signed by %s (certificate SHA-256 %s), whose key is not the public key given",
		         subject, fp);
		ERR_clear_error();
	} else {
		bool pinned = pin_cert != NULL || pin_key != NULL;
		add_item(v, SEAL_SIG, SC_SEAL_OK, false, "signed by %s (certificate SHA-256 %s)%s%s; %s",
		         subject, fp, *when ? " at " : "", when,
		         pinned ? "the signer given" : "signer not pinned");
		snprintf(v->signer, sizeof(v->signer), "%s", subject);
		memcpy(v->fingerprint, fp, sizeof(fp));
		memcpy(v->when, when, sizeof(when));
		v->signer_ok = true;
	}
	BIO_free(content);
	CMS_ContentInfo_free(cms);
}

sc_status
sc_seal_verify(const char *dir, const sc_verify_opts *opts, sc_verification **ret, sc_err *err)
{
	static const sc_verify_opts none = {NULL, false, NULL};
	const sc_verify_opts *o = opts ? opts : &none;
	char eb[128];
	if (o->only != NULL && !name_ok(o->only))
		return util_err(err, SC_ERR_USAGE, o->only, 0, 0, "verify",
		                "not a file name of the directory");
	X509 *pin_cert = NULL;
	EVP_PKEY *pin_key = NULL;
	sc_status st;
	if (o->cert_path != NULL && (st = load_pin(o->cert_path, &pin_cert, &pin_key, err)) != SC_OK)
		return st;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		errno_text(errno, eb, sizeof(eb));
		X509_free(pin_cert);
		EVP_PKEY_free(pin_key);
		return util_err(err, SC_ERR_IO, dir, 0, 0, "io", "cannot open the directory: %s", eb);
	}
	char *sums = NULL, *parsed = NULL;
	size_t slen = 0, n = 0;
	struct listed *l = NULL;
	sc_verification *v = NULL;
	st = read_at(dfd, dir, OUTDIR_SUMS, SC_MAX_SUMS_BYTES, &sums, &slen, err);
	if (st != SC_OK)
		goto out;
	/* The signature is over the text as read; the parse cuts a copy. */
	if ((parsed = malloc(slen + 1)) == NULL) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	memcpy(parsed, sums, slen + 1);
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/%s", dir, OUTDIR_SUMS);
	if ((st = parse_sums(parsed, slen, path, &l, &n, err)) != SC_OK)
		goto out;
	if ((v = calloc(1, sizeof(*v))) == NULL) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	if (o->only != NULL) {
		size_t i;
		for (i = 0; i < n && strcmp(l[i].name, o->only) != 0; i++)
			;
		if (i < n)
			check_file(v, dfd, &l[i]);
		else
			add_item(v, o->only, SC_SEAL_UNLISTED, true,
			         "not listed in SHA256SUMS: the signature does not cover it");
	} else {
		for (size_t i = 0; i < n; i++)
			check_file(v, dfd, &l[i]);
		check_unlisted(v, dfd, l, n);
	}
	check_signature(v, dfd, dir, sums, slen, o, pin_cert, pin_key);
	if (v->oom) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	*ret = v;
	v = NULL;
out:
	sc_verification_free(v);
	free(l);
	free(parsed);
	free(sums);
	close(dfd);
	X509_free(pin_cert);
	EVP_PKEY_free(pin_key);
	ERR_clear_error();
	return st;
}
