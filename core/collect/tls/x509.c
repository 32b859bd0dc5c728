/*
 * x509.c — analysis of X.509 certificates (RFC 5280) with libcrypto:
 * distinguished names, subject alternative names, validity, key, signature
 * algorithm, SHA-256 fingerprint, AIA (OCSP, CA issuers) and CRL
 * distribution point URLs; verification of a chain against a trust store;
 * and parsing of PEM chain files. Parsing (x509_cert_new, x509_parse_chain)
 * is kept apart from validation (x509_verify).
 *
 * Every string taken from a certificate is untrusted: control characters
 * and bytes that are not valid UTF-8 are written as \xNN, so that what we
 * store is printable and a valid JSON string.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <openssl/core_names.h>

#include "sc-limits.h"
#include "util.h"
#include "x509.h"

/* ------------------------------------------------------------ strings */

/* Length of the valid UTF-8 sequence at s (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), or 0. */
static size_t
utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* Append s[0..n) escaping control characters and invalid UTF-8 (and, with
 * ascii, every byte above 0x7e). rfc4514 also escapes the DN specials. */
static void
sb_put_clean(strbuf *sb, const unsigned char *s, size_t n, bool ascii, bool rfc4514)
{
	char hex[8];
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		size_t l = ascii ? (c >= 0x20 && c < 0x7f) : utf8_seq_len(s + i, n - i);
		if (l == 0 || c < 0x20 || c == 0x7f) {
			snprintf(hex, sizeof(hex), "\\x%02X", c);
			sb_puts(sb, hex);
			i++;
			continue;
		}
		if (rfc4514 && l == 1) {
			/* RFC 4514 §2.4: specials, a leading '#' or space, a
			 * trailing space. */
			bool esc = strchr("\"+,;<>\\", (int)c) != NULL ||
			           (i == 0 && (c == '#' || c == ' ')) ||
			           (i == n - 1 && c == ' ');
			if (esc)
				sb_append(sb, "\\", 1);
		}
		sb_append(sb, (const char *)s + i, l);
		i += l;
	}
}

/* The value of a name entry as a clean string appended to sb. */
static void
sb_put_entry_value(strbuf *sb, const X509_NAME_ENTRY *ne, bool rfc4514)
{
	const ASN1_STRING *v = X509_NAME_ENTRY_get_data(ne);
	unsigned char *u = NULL;
	int n = ASN1_STRING_to_UTF8(&u, v);
	if (n >= 0) {
		sb_put_clean(sb, u, (size_t)n, false, rfc4514);
		OPENSSL_free(u);
		return;
	}
	/* Not convertible: RFC 4514 §2.4 hex form of the raw bytes. */
	ERR_clear_error();
	char hex[4];
	sb_puts(sb, "#");
	const unsigned char *d = ASN1_STRING_get0_data(v);
	for (int i = 0; d != NULL && i < ASN1_STRING_length(v); i++) {
		snprintf(hex, sizeof(hex), "%02x", d[i]);
		sb_puts(sb, hex);
	}
}

/* RFC 4514 string of a name: RDNs last to first, '+' inside an RDN. */
static char *
name_to_string(const X509_NAME *name)
{
	strbuf sb;
	sb_init(&sb);
	int n = X509_NAME_entry_count(name);
	int prev_set = -1;
	char oid[80];
	for (int i = n - 1; i >= 0; i--) {
		const X509_NAME_ENTRY *ne = X509_NAME_get_entry(name, i);
		int set = X509_NAME_ENTRY_set(ne);
		if (i != n - 1)
			sb_puts(&sb, set == prev_set ? "+" : ",");
		prev_set = set;
		const ASN1_OBJECT *obj = X509_NAME_ENTRY_get_object(ne);
		int nid = OBJ_obj2nid(obj);
		const char *sn = nid != NID_undef ? OBJ_nid2sn(nid) : NULL;
		if (sn == NULL) {
			if (OBJ_obj2txt(oid, sizeof(oid), obj, 1) <= 0)
				snprintf(oid, sizeof(oid), "?");
			sn = oid;
		}
		sb_puts(&sb, sn);
		sb_puts(&sb, "=");
		sb_put_entry_value(&sb, ne, true);
	}
	return sb_take(&sb);
}

/* First value of attribute nid, cleaned, or NULL (also NULL on no memory:
 * callers treat absent and unavailable alike). */
static char *
name_attr(const X509_NAME *name, int nid)
{
	int i = X509_NAME_get_index_by_NID(name, nid, -1);
	if (i < 0)
		return NULL;
	strbuf sb;
	sb_init(&sb);
	sb_put_entry_value(&sb, X509_NAME_get_entry(name, i), false);
	return sb_take(&sb);
}

/* -------------------------------------------------------------- times */

bool
x509_time_to_unix(const ASN1_TIME *t, int64_t *ret)
{
	struct tm tm;
	if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1)
		return false;
	long days = util_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	*ret = (int64_t)days * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	return true;
}

void
x509_format_time(int64_t t, char *buf, size_t n)
{
	struct tm tm;
	time_t tt = (time_t)t;
	if (gmtime_r(&tt, &tm) == NULL) {
		snprintf(buf, n, "invalid");
		return;
	}
	if (strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0 && n > 0)
		buf[0] = '\0';
}

/* --------------------------------------------------------------- URLs */

bool
x509_url_host(const char *url, char *buf, size_t n)
{
	const char *p = strstr(url, "://");
	if (p == NULL || n == 0)
		return false;
	p += 3;
	size_t alen = strcspn(p, "/?#");
	/* userinfo@ (RFC 3986 §3.2.1): the host follows the last '@'. */
	for (size_t i = alen; i > 0; i--) {
		if (p[i - 1] == '@') {
			p += i;
			alen -= i;
			break;
		}
	}
	size_t hlen;
	if (alen > 0 && p[0] == '[') {
		const char *close = memchr(p, ']', alen);
		if (close == NULL)
			return false;
		p++;
		hlen = (size_t)(close - p);
	} else {
		const char *colon = memchr(p, ':', alen);
		hlen = colon ? (size_t)(colon - p) : alen;
	}
	if (hlen == 0 || hlen > SC_MAX_NAME_LEN || hlen >= n)
		return false;
	for (size_t i = 0; i < hlen; i++) {
		char c = p[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '-' || c == '_' || c == ':'))
			return false;
		buf[i] = c;
	}
	buf[hlen] = '\0';
	return true;
}

/* ------------------------------------------------------------ analysis */

static bool
push_str(char ***arr, size_t *n, char *s)
{
	if (s == NULL)
		return false;
	char **p = realloc(*arr, (*n + 1) * sizeof(*p));
	if (p == NULL) {
		free(s);
		return false;
	}
	p[(*n)++] = s;
	*arr = p;
	return true;
}

static char *
clean_bytes(const unsigned char *d, size_t len)
{
	strbuf sb;
	sb_init(&sb);
	sb_put_clean(&sb, d, len, true, false);
	return sb_take(&sb);
}

static bool
analyse_sans(sc_cert *c)
{
	GENERAL_NAMES *gens = X509_get_ext_d2i(c->x509, NID_subject_alt_name, NULL, NULL);
	bool ok = true;
	if (gens == NULL) {
		ERR_clear_error();
		return true;
	}
	int n = sk_GENERAL_NAME_num(gens);
	for (int i = 0; i < n; i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
		if (c->n_sans == SC_MAX_CERT_SANS) {
			c->truncated = true;
			break;
		}
		char *s = NULL;
		if (g->type == GEN_DNS) {
			s = clean_bytes(ASN1_STRING_get0_data(g->d.dNSName),
			                (size_t)ASN1_STRING_length(g->d.dNSName));
		} else if (g->type == GEN_IPADD) {
			char ip[INET6_ADDRSTRLEN];
			int len = ASN1_STRING_length(g->d.iPAddress);
			const unsigned char *d = ASN1_STRING_get0_data(g->d.iPAddress);
			if ((len == 4 && inet_ntop(AF_INET, d, ip, sizeof(ip))) ||
			    (len == 16 && inet_ntop(AF_INET6, d, ip, sizeof(ip))))
				s = strdup(ip);
			else
				continue;
		} else {
			continue;
		}
		if (!push_str(&c->sans, &c->n_sans, s)) {
			ok = false;
			break;
		}
	}
	GENERAL_NAMES_free(gens);
	return ok;
}

static bool
push_uri(sc_cert *c, int kind, const GENERAL_NAME *g)
{
	if (g == NULL || g->type != GEN_URI)
		return true;
	if (c->n_urls[kind] >= SC_MAX_CERT_URLS) {
		c->truncated = true;
		return true;
	}
	char *s = clean_bytes(ASN1_STRING_get0_data(g->d.uniformResourceIdentifier),
	                      (size_t)ASN1_STRING_length(g->d.uniformResourceIdentifier));
	return push_str(&c->urls[kind], &c->n_urls[kind], s);
}

static bool
analyse_urls(sc_cert *c)
{
	bool ok = true;
	AUTHORITY_INFO_ACCESS *aia = X509_get_ext_d2i(c->x509, NID_info_access, NULL, NULL);
	if (aia != NULL) {
		for (int i = 0; ok && i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
			const ACCESS_DESCRIPTION *ad = sk_ACCESS_DESCRIPTION_value(aia, i);
			int nid = OBJ_obj2nid(ad->method);
			if (nid == NID_ad_OCSP)
				ok = push_uri(c, SC_CERT_DEP_OCSP, ad->location);
			else if (nid == NID_ad_ca_issuers)
				ok = push_uri(c, SC_CERT_DEP_CA_ISSUERS, ad->location);
		}
		AUTHORITY_INFO_ACCESS_free(aia);
	}
	CRL_DIST_POINTS *dps = X509_get_ext_d2i(c->x509, NID_crl_distribution_points, NULL, NULL);
	if (dps != NULL) {
		for (int i = 0; ok && i < sk_DIST_POINT_num(dps); i++) {
			const DIST_POINT *dp = sk_DIST_POINT_value(dps, i);
			if (dp->distpoint == NULL || dp->distpoint->type != 0)
				continue;
			const GENERAL_NAMES *names = dp->distpoint->name.fullname;
			for (int j = 0; ok && j < sk_GENERAL_NAME_num(names); j++)
				ok = push_uri(c, SC_CERT_DEP_CRL, sk_GENERAL_NAME_value(names, j));
		}
		CRL_DIST_POINTS_free(dps);
	}
	ERR_clear_error();
	return ok;
}

static void
analyse_key(sc_cert *c)
{
	EVP_PKEY *pk = X509_get0_pubkey(c->x509);
	if (pk == NULL) {
		ERR_clear_error();
		snprintf(c->key_type, sizeof(c->key_type), "unknown");
		return;
	}
	const char *t;
	switch (EVP_PKEY_get_base_id(pk)) {
	case EVP_PKEY_RSA: t = "RSA"; break;
	case EVP_PKEY_RSA_PSS: t = "RSA-PSS"; break;
	case EVP_PKEY_EC: t = "EC"; break;
	case EVP_PKEY_ED25519: t = "ED25519"; break;
	case EVP_PKEY_ED448: t = "ED448"; break;
	case EVP_PKEY_DSA: t = "DSA"; break;
	default:
		t = EVP_PKEY_get0_type_name(pk);
		if (t == NULL)
			t = "unknown";
		break;
	}
	snprintf(c->key_type, sizeof(c->key_type), "%s", t);
	int bits = EVP_PKEY_get_bits(pk);
	c->key_bits = bits > 0 ? (unsigned)bits : 0;
	size_t glen = 0;
	if (EVP_PKEY_get_base_id(pk) == EVP_PKEY_EC &&
	    EVP_PKEY_get_utf8_string_param(pk, OSSL_PKEY_PARAM_GROUP_NAME, c->curve,
	                                   sizeof(c->curve), &glen) != 1)
		c->curve[0] = '\0';
	ERR_clear_error();
}

static void
analyse_sig(sc_cert *c)
{
	const X509_ALGOR *alg = NULL;
	X509_get0_signature(NULL, &alg, c->x509);
	const ASN1_OBJECT *obj = NULL;
	if (alg != NULL)
		X509_ALGOR_get0(&obj, NULL, NULL, alg);
	int nid = obj ? OBJ_obj2nid(obj) : NID_undef;
	if (nid != NID_undef)
		snprintf(c->sig_alg, sizeof(c->sig_alg), "%s", OBJ_nid2ln(nid));
	else if (obj == NULL || OBJ_obj2txt(c->sig_alg, sizeof(c->sig_alg), obj, 1) <= 0)
		snprintf(c->sig_alg, sizeof(c->sig_alg), "unknown");
}

static char *
serial_hex(const X509 *x)
{
	const ASN1_INTEGER *s = X509_get0_serialNumber(x);
	strbuf sb;
	sb_init(&sb);
	char hex[4];
	if (s != NULL) {
		if (ASN1_STRING_type(s) == V_ASN1_NEG_INTEGER)
			sb_puts(&sb, "-");
		const unsigned char *d = ASN1_STRING_get0_data(s);
		for (int i = 0; i < ASN1_STRING_length(s) && i < 64; i++) {
			snprintf(hex, sizeof(hex), "%02x", d[i]);
			sb_puts(&sb, hex);
		}
	}
	return sb_take(&sb);
}

sc_status
x509_cert_new(X509 *x, const EVP_MD *sha256, sc_cert **ret)
{
	sc_status st = SC_ERR_NOMEM;
	unsigned char *der = NULL;
	sc_cert *c = calloc(1, sizeof(*c));
	if (c == NULL)
		return SC_ERR_NOMEM;
	atomic_init(&c->refs, 1);
	if (X509_up_ref(x) != 1)
		goto out;
	c->x509 = x;

	int dlen = i2d_X509(x, &der);
	if (dlen <= 0) {
		st = SC_ERR_PARSE;
		goto out;
	}
	if ((size_t)dlen > SC_MAX_CERT_BYTES) {
		st = SC_ERR_LIMIT;
		goto out;
	}
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	if (EVP_Digest(der, (size_t)dlen, md, &mdlen, sha256 ? sha256 : EVP_sha256(), NULL) != 1 ||
	    mdlen != 32)
		goto out;
	static const char hexd[] = "0123456789abcdef";
	for (unsigned i = 0; i < 32; i++) {
		c->sha256[2 * i] = hexd[md[i] >> 4];
		c->sha256[2 * i + 1] = hexd[md[i] & 15];
	}
	c->sha256[64] = '\0';

	const X509_NAME *subj = X509_get_subject_name(x);
	const X509_NAME *iss = X509_get_issuer_name(x);
	/* The CA's identity across cross-signs and re-issues. */
	{
		unsigned char *sder = NULL, *kder = NULL;
		int sl = i2d_X509_NAME(subj, &sder);
		int kl = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &kder);
		EVP_MD_CTX *mc = EVP_MD_CTX_new();
		unsigned char smd[EVP_MAX_MD_SIZE];
		unsigned smdlen = 0;
		bool ok = sl > 0 && kl > 0 && mc != NULL &&
		          EVP_DigestInit_ex(mc, sha256 ? sha256 : EVP_sha256(), NULL) == 1 &&
		          EVP_DigestUpdate(mc, sder, (size_t)sl) == 1 &&
		          EVP_DigestUpdate(mc, kder, (size_t)kl) == 1 &&
		          EVP_DigestFinal_ex(mc, smd, &smdlen) == 1 && smdlen == 32;
		EVP_MD_CTX_free(mc);
		OPENSSL_free(sder);
		OPENSSL_free(kder);
		if (ok) {
			for (unsigned i = 0; i < 32; i++) {
				c->subject_spki[2 * i] = hexd[smd[i] >> 4];
				c->subject_spki[2 * i + 1] = hexd[smd[i] & 15];
			}
			c->subject_spki[64] = '\0';
		}
	}
	c->subject = name_to_string(subj);
	c->issuer = name_to_string(iss);
	c->serial = serial_hex(x);
	if (c->subject == NULL || c->issuer == NULL || c->serial == NULL)
		goto out;
	c->subj_cn = name_attr(subj, NID_commonName);
	c->subj_o = name_attr(subj, NID_organizationName);
	c->subj_ou = name_attr(subj, NID_organizationalUnitName);
	c->subj_c = name_attr(subj, NID_countryName);
	c->iss_cn = name_attr(iss, NID_commonName);
	c->iss_o = name_attr(iss, NID_organizationName);
	c->iss_ou = name_attr(iss, NID_organizationalUnitName);
	c->iss_c = name_attr(iss, NID_countryName);

	if (!x509_time_to_unix(X509_get0_notBefore(x), &c->not_before))
		c->not_before = 0;
	if (!x509_time_to_unix(X509_get0_notAfter(x), &c->not_after))
		c->not_after = 0;
	analyse_key(c);
	analyse_sig(c);
	/* X509_check_ca and X509_self_signed cache the extensions; a
	 * certificate whose extensions do not decode is still analysed. */
	c->is_ca = X509_check_ca(x) > 0;
	c->self_signed = X509_self_signed(x, 0) == 1;
	ERR_clear_error();
	if (!analyse_sans(c) || !analyse_urls(c))
		goto out;
	*ret = c;
	c = NULL;
	st = SC_OK;
out:
	OPENSSL_free(der);
	x509_cert_free(c);
	return st;
}

sc_cert *
x509_cert_ref(sc_cert *c)
{
	atomic_fetch_add_explicit(&c->refs, 1, memory_order_relaxed);
	return c;
}

void
x509_cert_free(sc_cert *c)
{
	/* acq_rel: whoever frees sees every use of the other holders. */
	if (c == NULL || atomic_fetch_sub_explicit(&c->refs, 1, memory_order_acq_rel) != 1)
		return;
	X509_free(c->x509);
	free(c->subject);
	free(c->issuer);
	free(c->subj_cn);
	free(c->subj_o);
	free(c->subj_ou);
	free(c->subj_c);
	free(c->iss_cn);
	free(c->iss_o);
	free(c->iss_ou);
	free(c->iss_c);
	free(c->serial);
	for (size_t i = 0; i < c->n_sans; i++)
		free(c->sans[i]);
	free(c->sans);
	for (int k = 0; k < X509_URL_KINDS; k++) {
		for (size_t i = 0; i < c->n_urls[k]; i++)
			free(c->urls[k][i]);
		free(c->urls[k]);
	}
	free(c);
}

/* ---------------------------------------------------------------- pool */

struct x509_pool {
	pthread_mutex_t lock;
	sc_cert **slot;         /* open addressing by fingerprint; NULL: free */
	size_t cap;             /* power of two, or 0 */
	size_t n;
};

x509_pool *
x509_pool_new(void)
{
	x509_pool *p = calloc(1, sizeof(*p));
	if (p != NULL && pthread_mutex_init(&p->lock, NULL) != 0) {
		free(p);
		return NULL;
	}
	return p;
}

void
x509_pool_free(x509_pool *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->cap; i++)
		x509_cert_free(p->slot[i]);
	free(p->slot);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

size_t x509_pool_count(const x509_pool *p) { return p->n; }

/* The slot of the certificate with this fingerprint, or the free slot
 * where it goes. A fingerprint is uniformly distributed: its first hex
 * digits are the hash. Called with the lock held and cap > 0. */
static size_t
pool_slot(const x509_pool *p, const char *sha256)
{
	size_t h = 0;
	for (int i = 0; i < 15; i++)
		h = h << 4 | (size_t)(sha256[i] <= '9' ? sha256[i] - '0' : sha256[i] - 'a' + 10);
	size_t i = h & (p->cap - 1);
	while (p->slot[i] != NULL && memcmp(p->slot[i]->sha256, sha256, 64) != 0)
		i = (i + 1) & (p->cap - 1);
	return i;
}

/* Lock held. */
static sc_cert *
pool_get(x509_pool *p, const char *sha256)
{
	if (p->cap == 0)
		return NULL;
	sc_cert *c = p->slot[pool_slot(p, sha256)];
	return c ? x509_cert_ref(c) : NULL;
}

/* Add c (the pool takes a reference of its own); lock held. False when out
 * of memory. */
static bool
pool_put(x509_pool *p, sc_cert *c)
{
	/* At most half full. */
	if (2 * (p->n + 1) > p->cap) {
		size_t ncap = p->cap ? 2 * p->cap : 64;
		sc_cert **ns = calloc(ncap, sizeof(*ns));
		if (ns == NULL)
			return false;
		sc_cert **old = p->slot;
		size_t ocap = p->cap;
		p->slot = ns;
		p->cap = ncap;
		for (size_t i = 0; i < ocap; i++)
			if (old[i] != NULL)
				p->slot[pool_slot(p, old[i]->sha256)] = old[i];
		free(old);
	}
	p->slot[pool_slot(p, c->sha256)] = x509_cert_ref(c);
	p->n++;
	return true;
}

sc_cert *
x509_pool_find(x509_pool *p, const char *sha256)
{
	if (strlen(sha256) != 64)
		return NULL;
	pthread_mutex_lock(&p->lock);
	sc_cert *c = pool_get(p, sha256);
	pthread_mutex_unlock(&p->lock);
	return c;
}

sc_status
x509_pool_cert(x509_pool *p, X509 *x, const EVP_MD *sha256, sc_cert **ret)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	char hex[65];
	static const char hexd[] = "0123456789abcdef";
	if (X509_digest(x, sha256 ? sha256 : EVP_sha256(), md, &mdlen) != 1 || mdlen != 32) {
		ERR_clear_error();
		/* What cannot be encoded is not pooled: the analysis says why. */
		return x509_cert_new(x, sha256, ret);
	}
	for (unsigned i = 0; i < 32; i++) {
		hex[2 * i] = hexd[md[i] >> 4];
		hex[2 * i + 1] = hexd[md[i] & 15];
	}
	hex[64] = '\0';
	pthread_mutex_lock(&p->lock);
	sc_cert *c = pool_get(p, hex);
	pthread_mutex_unlock(&p->lock);
	if (c != NULL) {
		*ret = c;
		return SC_OK;
	}
	/* Analysed outside the lock; another thread may have added the same
	 * certificate meanwhile: then its analysis is the pool's. */
	sc_cert *mine = NULL;
	sc_status st = x509_cert_new(x, sha256, &mine);
	if (st != SC_OK)
		return st;
	pthread_mutex_lock(&p->lock);
	c = pool_get(p, mine->sha256);
	bool ok = c != NULL || pool_put(p, mine);
	pthread_mutex_unlock(&p->lock);
	if (c != NULL) {
		x509_cert_free(mine);
		mine = c;
	} else if (!ok) {
		x509_cert_free(mine);
		return SC_ERR_NOMEM;
	}
	*ret = mine;
	return SC_OK;
}

/* -------------------------------------------------------- verification */

sc_status
x509_verify(X509_STORE *store, X509_STORE_CTX *ctx, X509 *const *chain, size_t n,
            int64_t at, bool server, long *ret_code, STACK_OF(X509) **ret_built)
{
	if (n == 0)
		return SC_ERR_INTERNAL;
	STACK_OF(X509) *untrusted = sk_X509_new_reserve(NULL, (int)n);
	if (untrusted == NULL)
		return SC_ERR_NOMEM;
	for (size_t i = 1; i < n; i++)
		(void)sk_X509_push(untrusted, chain[i]);   /* reserved: cannot fail */
	sc_status st = SC_ERR_NOMEM;
	if (X509_STORE_CTX_init(ctx, store, chain[0], untrusted) != 1)
		goto out;
	/* The checks a TLS client makes of a server chain (RFC 5280 §6 with
	 * the serverAuth purpose), at the observation time. A chain that is
	 * one self-signed CA certificate (a root read from a file) has no
	 * server purpose: it verifies when it is a trust anchor. Nor has a
	 * chain read from a file for no host that starts at a CA certificate
	 * (an intermediate and its issuers): it is that CA's chain, verified
	 * as such (signatures, validity, CA constraints, a trust anchor). */
	bool is_ca = X509_check_ca(chain[0]) > 0;
	bool lone_ca = n == 1 && is_ca && X509_check_issued(chain[0], chain[0]) == X509_V_OK;
	bool ca_chain = !server && is_ca;
	if (!lone_ca && !ca_chain && X509_STORE_CTX_set_default(ctx, "ssl_server") != 1)
		goto out;
	X509_STORE_CTX_set_time(ctx, 0, (time_t)at);
	(void)X509_verify_cert(ctx);
	*ret_code = X509_STORE_CTX_get_error(ctx);
	if (ret_built != NULL)
		*ret_built = X509_STORE_CTX_get1_chain(ctx);
	st = SC_OK;
out:
	X509_STORE_CTX_cleanup(ctx);
	sk_X509_free(untrusted);
	ERR_clear_error();
	return st;
}

/* ------------------------------------------------------------ PEM files */


static void
openssl_msg(char *msg, size_t msgn, const char *what)
{
	char ebuf[256];
	unsigned long e = ERR_peek_last_error();
	if (e != 0)
		ERR_error_string_n(e, ebuf, sizeof(ebuf));
	else
		snprintf(ebuf, sizeof(ebuf), "no detail");
	snprintf(msg, msgn, "%s: %s", what, ebuf);
	ERR_clear_error();
}

static bool
is_cert_label(const char *name)
{
	return strcmp(name, PEM_STRING_X509) == 0 || strcmp(name, PEM_STRING_X509_OLD) == 0;
}

/*
 * The next certificate block of bio (other blocks are skipped, as
 * PEM_read_bio_X509 skips them): SC_OK with *ret, or with *ret NULL at the
 * end; SC_ERR_PARSE when a block does not decode (base64, encrypted, DER),
 * SC_ERR_NOMEM. Taken from pool when it holds the same DER (by its
 * digest), else decoded with d2i_X509 from the block's bytes.
 */
static sc_status
pem_next_cert(BIO *bio, x509_pool *pool, const EVP_MD *md, X509 **ret)
{
	*ret = NULL;
	for (;;) {
		char *name = NULL, *header = NULL;
		unsigned char *data = NULL;
		long dlen = 0;
		if (!PEM_read_bio(bio, &name, &header, &data, &dlen)) {
			unsigned long e = ERR_peek_last_error();
			if (ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE) {
				ERR_clear_error();
				return SC_OK;
			}
			return SC_ERR_PARSE;
		}
		if (!is_cert_label(name)) {
			OPENSSL_free(name);
			OPENSSL_free(header);
			OPENSSL_free(data);
			continue;
		}
		sc_status st = SC_OK;
		sc_cert *known = NULL;
		unsigned char dg[32];
		unsigned int dgl = 0;
		if (header != NULL && header[0] != '\0') {
			/* An encrypted block (Proc-Type): a certificate never is. */
			ERR_raise(ERR_LIB_PEM, PEM_R_BAD_DECRYPT);
			st = SC_ERR_PARSE;
		} else if (pool != NULL && md != NULL &&
		           EVP_Digest(data, (size_t)dlen, dg, &dgl, md, NULL) == 1 && dgl == 32) {
			static const char hexd[] = "0123456789abcdef";
			char hex[65];
			for (unsigned i = 0; i < 32; i++) {
				hex[2 * i] = hexd[dg[i] >> 4];
				hex[2 * i + 1] = hexd[dg[i] & 15];
			}
			hex[64] = '\0';
			known = x509_pool_find(pool, hex);
		}
		if (known != NULL) {
			if (X509_up_ref(known->x509) != 1)
				st = SC_ERR_NOMEM;
			else
				*ret = known->x509;
			x509_cert_free(known);
		} else if (st == SC_OK) {
			const unsigned char *p = data;
			if ((*ret = d2i_X509(NULL, &p, dlen)) == NULL)
				st = SC_ERR_PARSE;
		}
		OPENSSL_free(name);
		OPENSSL_free(header);
		OPENSSL_free(data);
		return st;
	}
}

sc_status
x509_parse_chain(const char *buf, size_t len, X509 **ret, size_t max,
                 size_t *ret_n, size_t *ret_total, char *msg, size_t msgn)
{
	return x509_parse_chain_cached(buf, len, ret, max, ret_n, ret_total, msg, msgn, NULL,
	                               NULL);
}

sc_status
x509_parse_chain_cached(const char *buf, size_t len, X509 **ret, size_t max,
                        size_t *ret_n, size_t *ret_total, char *msg, size_t msgn,
                        x509_pool *pool, const EVP_MD *md)
{
	size_t n = 0, total = 0;
	sc_status st = SC_OK;
	ERR_clear_error();
	if (len > INT32_MAX)
		return SC_ERR_LIMIT;
	bool binary = false;
	for (size_t i = 0; i < len && !binary; i++) {
		unsigned char c = (unsigned char)buf[i];
		binary = c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
	}
	if (len > 0 && ((unsigned char)buf[0] == 0x30 || binary) &&
	    (binary || strstr(buf, "-----BEGIN") == NULL)) {
		/* One DER certificate (binary content is never PEM); it must use
		 * the whole file. */
		const unsigned char *p = (const unsigned char *)buf;
		X509 *x = d2i_X509(NULL, &p, (long)len);
		if (x == NULL || p != (const unsigned char *)buf + len) {
			X509_free(x);
			openssl_msg(msg, msgn, "DER certificate does not decode");
			return SC_ERR_PARSE;
		}
		if (max == 0) {
			X509_free(x);
		} else {
			ret[n++] = x;
		}
		*ret_n = n;
		*ret_total = 1;
		return SC_OK;
	}
	BIO *bio = BIO_new_mem_buf(buf, (int)len);
	if (bio == NULL)
		return SC_ERR_NOMEM;
	for (;;) {
		X509 *x = NULL;
		st = pem_next_cert(bio, pool, md, &x);
		if (st == SC_OK && x == NULL)
			break;
		if (st == SC_ERR_NOMEM)
			break;
		if (st != SC_OK) {
			char what[64];
			snprintf(what, sizeof(what), "certificate %zu does not decode", total + 1);
			openssl_msg(msg, msgn, what);
			st = SC_ERR_PARSE;
			break;
		}
		total++;
		if (n < max)
			ret[n++] = x;
		else
			X509_free(x);
	}
	BIO_free(bio);
	if (st != SC_OK) {
		for (size_t i = 0; i < n; i++)
			X509_free(ret[i]);
		return st;
	}
	*ret_n = n;
	*ret_total = total;
	return SC_OK;
}

/* ------------------------------------------------------------ accessors */

const char *sc_cert_subject(const sc_cert *c) { return c->subject; }
const char *sc_cert_issuer(const sc_cert *c) { return c->issuer; }

const char *
sc_cert_subject_attr(const sc_cert *c, const char *name)
{
	if (strcmp(name, "CN") == 0) return c->subj_cn;
	if (strcmp(name, "O") == 0) return c->subj_o;
	if (strcmp(name, "OU") == 0) return c->subj_ou;
	if (strcmp(name, "C") == 0) return c->subj_c;
	return NULL;
}

const char *
sc_cert_issuer_attr(const sc_cert *c, const char *name)
{
	if (strcmp(name, "CN") == 0) return c->iss_cn;
	if (strcmp(name, "O") == 0) return c->iss_o;
	if (strcmp(name, "OU") == 0) return c->iss_ou;
	if (strcmp(name, "C") == 0) return c->iss_c;
	return NULL;
}

size_t sc_cert_san_count(const sc_cert *c) { return c->n_sans; }
const char *sc_cert_san(const sc_cert *c, size_t i) { return i < c->n_sans ? c->sans[i] : NULL; }
int64_t sc_cert_not_before(const sc_cert *c) { return c->not_before; }
int64_t sc_cert_not_after(const sc_cert *c) { return c->not_after; }
const char *sc_cert_key_type(const sc_cert *c) { return c->key_type; }
unsigned sc_cert_key_bits(const sc_cert *c) { return c->key_bits; }
const char *sc_cert_sig_alg(const sc_cert *c) { return c->sig_alg; }
const char *sc_cert_sha256(const sc_cert *c) { return c->sha256; }
const char *sc_cert_subject_spki(const sc_cert *c) { return c->subject_spki; }
const char *sc_cert_serial(const sc_cert *c) { return c->serial; }
bool sc_cert_self_signed(const sc_cert *c) { return c->self_signed; }
bool sc_cert_is_ca(const sc_cert *c) { return c->is_ca; }
bool sc_cert_truncated(const sc_cert *c) { return c->truncated; }

size_t
sc_cert_url_count(const sc_cert *c, sc_cert_dep_kind k)
{
	switch (k) {
	case SC_CERT_DEP_OCSP:
	case SC_CERT_DEP_CA_ISSUERS:
	case SC_CERT_DEP_CRL:
		return c->n_urls[k];
	}
	return 0;
}

const char *
sc_cert_url(const sc_cert *c, sc_cert_dep_kind k, size_t i)
{
	return i < sc_cert_url_count(c, k) ? c->urls[k][i] : NULL;
}

const char *
sc_cert_dep_kind_to_string(sc_cert_dep_kind k)
{
	switch (k) {
	case SC_CERT_DEP_OCSP: return "ocsp";
	case SC_CERT_DEP_CA_ISSUERS: return "ca_issuers";
	case SC_CERT_DEP_CRL: return "crl";
	}
	return "unknown";
}
