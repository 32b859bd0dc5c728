/*
 * x509.h — certificate analysis shared by tls.c and tls-owner.c (internal).
 */
#ifndef SC_X509_H
#define SC_X509_H

#include <stdbool.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdint.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "sovcheck.h"

#define X509_URL_KINDS 3   /* SC_CERT_DEP_OCSP, _CA_ISSUERS, _CRL */

/* One certificate's analysis. Shared by every result that holds the
 * certificate (x509_pool): reference-counted, and never changed once made
 * — what belongs to one chain (whether the trust store added it) is the
 * result's. */
struct sc_cert {
	atomic_uint refs;
	X509 *x509;              /* owned reference */
	bool self_signed, is_ca;
	bool truncated;          /* SANs or URLs beyond the limits dropped */
	char *subject, *issuer;  /* RFC 4514 */
	char *subj_cn, *subj_o, *subj_ou, *subj_c;
	char *iss_cn, *iss_o, *iss_ou, *iss_c;
	char **sans;
	size_t n_sans;
	int64_t not_before, not_after;
	char key_type[16];
	unsigned key_bits;
	char curve[32];
	char sig_alg[64];
	char sha256[65];
	char subject_spki[65];   /* SHA-256 of DER subject + DER SPKI (CCADB's
	                            "Subject + SPKI SHA256"): one CA, whatever
	                            certificate carries its name and key */
	char *serial;
	char **urls[X509_URL_KINDS];
	size_t n_urls[X509_URL_KINDS];
};

/* Analyse one certificate. Takes a new reference on x (X509_up_ref); the
 * caller keeps its own. sha256 may be NULL (then EVP_sha256()). *ret holds
 * one reference. */
sc_status x509_cert_new(X509 *x, const EVP_MD *sha256, sc_cert **ret);
/* Another reference to c (thread-safe); c is returned. */
sc_cert *x509_cert_ref(sc_cert *c);
/* Release one reference (thread-safe); the last frees c. NULL: nothing. */
void x509_cert_free(sc_cert *c);

/*
 * A pool of analysed certificates keyed by the SHA-256 of their DER: the
 * same certificate met in many chains (one CA's intermediate behind every
 * endpoint, one load balancer's certificate for thousands of names) is
 * analysed once and shared, so that memory and time scale with the
 * distinct certificates, not with the endpoints. Thread-safe (one mutex;
 * the analysis itself runs outside it). The pool holds one reference to
 * each certificate until it is freed.
 */
typedef struct x509_pool x509_pool;
x509_pool *x509_pool_new(void);
void x509_pool_free(x509_pool *p);
/* The analysis of x: the pool's when it holds a certificate of the same
 * DER, else x analysed (x509_cert_new) and added. *ret holds a new
 * reference. Returns what x509_cert_new() returns. */
sc_status x509_pool_cert(x509_pool *p, X509 *x, const EVP_MD *sha256, sc_cert **ret);
/* The certificate whose DER has this SHA-256 (64 lower-case hex), a new
 * reference, or NULL. */
sc_cert *x509_pool_find(x509_pool *p, const char *sha256);
/* How many certificates the pool holds. */
size_t x509_pool_count(const x509_pool *p);

/* Verify chain[0..n) (leaf first) against store at time at. server: chain[0]
 * is judged as a TLS server's certificate (the serverAuth purpose, as a
 * client does); false, for a chain read from a file for no host, a chain
 * that starts at a CA certificate (an intermediate with its issuers) is
 * verified as that CA's chain, without the server purpose. A lone
 * self-signed CA certificate is never judged as a server's. *ret_code gets
 * the X509_V_* result; *ret_built (optional) the chain as built by OpenSSL,
 * which ends at a trust-store root when one was found (caller frees with
 * sk_X509_pop_free(..., X509_free)). ctx is a reusable X509_STORE_CTX. Returns
 * SC_ERR_NOMEM or SC_OK. */
sc_status x509_verify(X509_STORE *store, X509_STORE_CTX *ctx, X509 *const *chain,
                      size_t n, int64_t at, bool server, long *ret_code,
                      STACK_OF(X509) **ret_built);

/* Host of a URL ("http://r11.o.lencr.org/x" -> "r11.o.lencr.org"), lower
 * case, brackets of an IPv6 literal removed. False when there is none. */
bool x509_url_host(const char *url, char *buf, size_t n);

/*
 * Parse a PEM buffer (or one DER certificate) into at most max certificates.
 * *ret_total receives how many CERTIFICATE blocks were present. Returns
 * SC_OK, SC_ERR_PARSE (a block does not decode; detail in msg) or
 * SC_ERR_NOMEM. The X509 pointers in ret[] are owned by the caller.
 */
/* x509_parse_chain() with pool (may be NULL) and md (SHA-256, fetched
 * once; NULL: no lookup): a PEM certificate whose DER the pool already
 * holds is not decoded again (ret[] gets a new reference to the pool's) —
 * a run reading one PEM file per host meets the same few chains again and
 * again. */
sc_status x509_parse_chain_cached(const char *buf, size_t len, X509 **ret, size_t max,
                                  size_t *ret_n, size_t *ret_total, char *msg, size_t msgn,
                                  x509_pool *pool, const EVP_MD *md);
sc_status x509_parse_chain(const char *buf, size_t len, X509 **ret, size_t max,
                           size_t *ret_n, size_t *ret_total, char *msg, size_t msgn);

/* Unix time of an ASN1_TIME; false if it does not parse. */
bool x509_time_to_unix(const ASN1_TIME *t, int64_t *ret);
/* "2026-11-22T18:00:00Z"; buf of at least 21 bytes. */
void x509_format_time(int64_t t, char *buf, size_t n);

#endif
