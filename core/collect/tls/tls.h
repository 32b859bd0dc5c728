/*
 * tls.h — internal: what the files of the TLS collector share (tls.c the
 * context and results, tls-capture.c live handshakes, tls-pem.c PEM files,
 * tls-json.c bundles), and the result's layout, read by attribution.
 */
#ifndef SC_TLS_H
#define SC_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/ssl.h>

#include "sovcheck.h"
#include "x509.h"

struct tls_dep {
	char *host;
	sc_cert_dep_kind kind;
};

#define SC_TLS_DETAIL_MAX 256

struct sc_tls_result {
	char *host;                 /* NULL: none */
	char address[48];
	uint16_t port;
	bool starttls;
	char *source;               /* "live" or the PEM file */
	sc_tls_reason reason;
	char *detail;               /* owned, at most SC_TLS_DETAIL_MAX - 1
	                               bytes; NULL: none (a result per endpoint:
	                               no fixed buffer) */
	char protocol[16];
	char cipher[64];
	int64_t observed;
	bool verify_done;
	long verify_code;
	bool name_match;
	size_t presented;           /* certificates the peer or file held */
	sc_cert **certs;            /* kept, leaf first, then store additions;
	                               one reference each (shared: x509_pool) */
	bool *from_store;           /* per kept certificate: the trust store
	                               added it, the peer did not present it */
	size_t n_certs;
	struct tls_dep *deps;
	size_t n_deps;
};

/* A verification cache (tls.c): results by presented chain. */
struct vc_entry {
	char *key;                  /* fingerprints joined, NULL: free slot */
	long code;
	STACK_OF(X509) *built;      /* owned references */
};

struct vcache {
	struct vc_entry *e;
	size_t cap;                 /* power of two; 0: no cache */
	size_t n;
};

/* The capture context: one SSL_CTX and one trust store (tls.c). */
struct sc_tls {
	SSL_CTX *ctx;
	BIO_METHOD *bio_meth;       /* socket I/O without SIGPIPE */
	X509_STORE *store;          /* borrowed from ctx */
	X509_STORE_CTX *vctx;       /* reused by every verification */
	EVP_MD *sha256;             /* fetched once */
	x509_pool *pool;            /* every certificate analysed, once */
	unsigned jobs, connect_ms, handshake_ms, threads;
	/* Verification results of the chains read from PEM files, by chain, at
	 * the one time pem_vc_at (a run's files are verified at the same
	 * time; a file at another time is verified without the cache). */
	struct vcache *pem_vc;
	int64_t pem_vc_at;
};

struct sc_tls_results {
	sc_tls_result *r;
	size_t n;
};

/* Free what a result owns and zero it. */
void tls_result_clear(sc_tls_result *r);
/* Set the result's reason and its detail (printf). */
void tls_set_reason(sc_tls_result *r, sc_tls_reason reason, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Set the detail to text (NULL or "": none). */
void tls_set_detail(sc_tls_result *r, const char *text);
/* Collect the dependency hosts (AIA, CRL) of the kept certificates, sorted
 * and unique; false when out of memory. */
bool tls_add_deps(sc_tls_result *r);
bool tls_is_ip_literal(const char *s);
/* A host name we may send as SNI: 1..SC_MAX_NAME_LEN printable ASCII. */
bool tls_host_ok(const char *h);
void tls_vcache_free(struct vcache *vc);
/*
 * Analyse and verify a chain (chain[0] the leaf) into r at time at (server:
 * as a TLS server's chain, see x509_verify()): the
 * kept certificates, those the store added, the verification code, the
 * name check and the dependency hosts; vc (optional) caches verification
 * results by chain. Sets the reason to malformed_cert when a certificate
 * cannot be analysed. Returns SC_ERR_NOMEM or SC_OK.
 */
sc_status tls_result_set_chain(sc_tls *t, X509_STORE_CTX *vctx, sc_tls_result *r,
                               X509 *const *chain, size_t n, int64_t at, bool server,
                               struct vcache *vc);

/* The JSON forms of the evidence bundle (tls-json.c). Schema 2 keeps each
 * certificate once, in a table keyed by its SHA-256: tls_cert_to_json()
 * is an entry of it (the analysis and the DER), tls_result_to_json_refs()
 * a capture whose chain is the keys of its certificates, with the
 * positions the trust store added ("from_store"). NULL when out of
 * memory. */
struct json_t *tls_cert_to_json(const sc_cert *c);
struct json_t *tls_result_to_json_refs(const sc_tls_result *r);
/*
 * A capture read back: certs NULL, the schema-1 form (sc_tls_result_from_json:
 * each chain member a certificate with its DER); else the schema-2 form,
 * each chain member a key of certs, the bundle's certificate table, whose
 * entry is decoded and analysed once and must be the certificate of that
 * fingerprint. pool (required with certs, optional without) shares the
 * analyses between captures. SC_ERR_CORRUPT with the reason for anything
 * malformed or inconsistent; *ret owned by the caller.
 */
sc_status tls_result_parse(const struct json_t *j, const struct json_t *certs, x509_pool *pool,
                           sc_tls_result **ret, sc_err *err);

#endif
