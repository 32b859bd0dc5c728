/*
 * tls.c — the TLS collector's context (one SSL_CTX, one trust store) and
 * its results: lifetime, chain analysis and verification (shared by live
 * capture, tls-capture.c, and the PEM source, tls-pem.c), accessors. The
 * JSON form is tls-json.c.
 *
 * Capture runs every handshake of a batch in an epoll event loop (or in
 * opts.threads loops, one per thread, each with an interleaved share of the
 * targets): sockets and SSL objects are non-blocking, at most opts.jobs
 * connections are open at once, and each has a connect deadline and then a
 * handshake deadline
 * (which also covers the SMTP dialogue before STARTTLS, RFC 3207). One
 * SSL_CTX and one trust store serve every handshake: the per-connection
 * cost is then OpenSSL's SSL object and the handshake itself.
 *
 * The chain is recorded whether or not it verifies: verification is not
 * done inside the handshake (the certificate verify callback accepts
 * everything) but afterwards, with the same store, by x509_verify(); the
 * PEM source goes through the same function, so both sources give the same
 * result for the same chain.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <jansson.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "sc-limits.h"
#include "tls.h"
#include "util.h"
#include "x509.h"

#define DEFAULT_JOBS 64u
#define DEFAULT_CONNECT_MS 5000u
#define DEFAULT_HANDSHAKE_MS 10000u

/* -------------------------------------------------------- string table */

static const char *const reason_names[SC_TLS_REASON_COUNT] = {
	[SC_TLS_OK] = "ok",
	[SC_TLS_CONNECT_REFUSED] = "connect_refused",
	[SC_TLS_CONNECT_TIMEOUT] = "connect_timeout",
	[SC_TLS_CONNECT_FAILED] = "connect_failed",
	[SC_TLS_RESET] = "reset",
	[SC_TLS_HANDSHAKE_TIMEOUT] = "handshake_timeout",
	[SC_TLS_NOT_TLS] = "not_tls",
	[SC_TLS_HANDSHAKE_FAILED] = "handshake_failed",
	[SC_TLS_CHAIN_TOO_LONG] = "chain_too_long",
	[SC_TLS_MALFORMED_CERT] = "malformed_cert",
	[SC_TLS_NO_CERT] = "no_cert",
	[SC_TLS_STARTTLS_FAILED] = "starttls_failed",
	[SC_TLS_BAD_TARGET] = "bad_target",
	[SC_TLS_NO_SOURCE] = "no_source",
	[SC_TLS_INTERNAL] = "internal",
};

const char *
sc_tls_reason_to_string(sc_tls_reason r)
{
	switch (r) {
	case SC_TLS_OK:
	case SC_TLS_CONNECT_REFUSED:
	case SC_TLS_CONNECT_TIMEOUT:
	case SC_TLS_CONNECT_FAILED:
	case SC_TLS_RESET:
	case SC_TLS_HANDSHAKE_TIMEOUT:
	case SC_TLS_NOT_TLS:
	case SC_TLS_HANDSHAKE_FAILED:
	case SC_TLS_CHAIN_TOO_LONG:
	case SC_TLS_MALFORMED_CERT:
	case SC_TLS_NO_CERT:
	case SC_TLS_STARTTLS_FAILED:
	case SC_TLS_BAD_TARGET:
	case SC_TLS_NO_SOURCE:
	case SC_TLS_INTERNAL:
		return reason_names[r];
	}
	return "unknown";
}

bool
sc_tls_reason_from_string(const char *s, sc_tls_reason *ret_r)
{
	for (int i = 0; i < SC_TLS_REASON_COUNT; i++) {
		if (strcmp(s, reason_names[i]) == 0) {
			*ret_r = (sc_tls_reason)i;
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------- context */

/*
 * A socket BIO that writes with MSG_NOSIGNAL: a peer that resets the
 * connection must end as a result, not kill the process with SIGPIPE, and
 * the library may not change the process's signal dispositions.
 */
static int
sock_write(BIO *b, const char *buf, int len)
{
	int fd = (int)(intptr_t)BIO_get_data(b);
	BIO_clear_retry_flags(b);
	ssize_t n = send(fd, buf, (size_t)len, MSG_NOSIGNAL);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		BIO_set_retry_write(b);
	return (int)n;
}

static int
sock_read(BIO *b, char *buf, int len)
{
	int fd = (int)(intptr_t)BIO_get_data(b);
	BIO_clear_retry_flags(b);
	ssize_t n = recv(fd, buf, (size_t)len, 0);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		BIO_set_retry_read(b);
	return (int)n;
}

static long
sock_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	(void)b;
	(void)num;
	(void)ptr;
	return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static int
sock_create(BIO *b)
{
	BIO_set_init(b, 1);
	return 1;
}

static int
accept_any_chain(X509_STORE_CTX *ctx, void *arg)
{
	(void)ctx;
	(void)arg;
	return 1;   /* verified after the handshake, see x509_verify() */
}

static sc_status
openssl_err(sc_err *err, const char *what)
{
	char ebuf[256] = "no detail";
	unsigned long e = ERR_peek_last_error();
	if (e != 0)
		ERR_error_string_n(e, ebuf, sizeof(ebuf));
	ERR_clear_error();
	return util_err(err, SC_ERR_TLS, NULL, 0, 0, "tls", "%s: %s", what, ebuf);
}

sc_status
sc_tls_new(const sc_tls_opts *opts, sc_tls **ret, sc_err *err)
{
	sc_tls_opts def = {0};
	if (opts == NULL)
		opts = &def;
	if (opts->jobs > SC_MAX_TLS_JOBS)
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "tls-jobs",
		                "at most %u concurrent handshakes", SC_MAX_TLS_JOBS);
	if (opts->threads > SC_MAX_TLS_THREADS)
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "tls-threads",
		                "at most %u capture threads", SC_MAX_TLS_THREADS);
	sc_status st = SC_ERR_NOMEM;
	sc_tls *t = calloc(1, sizeof(*t));
	if (t == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	t->jobs = opts->jobs ? opts->jobs : DEFAULT_JOBS;
	t->threads = opts->threads ? opts->threads : 1;
	t->connect_ms = opts->connect_timeout_ms ? opts->connect_timeout_ms : DEFAULT_CONNECT_MS;
	t->handshake_ms = opts->handshake_timeout_ms ? opts->handshake_timeout_ms : DEFAULT_HANDSHAKE_MS;

	t->ctx = SSL_CTX_new(TLS_client_method());
	if (t->ctx == NULL) {
		st = openssl_err(err, "cannot create the TLS context");
		goto out;
	}
	/* We observe, we do not trust: accept every protocol version and
	 * key size a server may still use, so that its chain is captured. */
	SSL_CTX_set_security_level(t->ctx, 0);
	SSL_CTX_set_min_proto_version(t->ctx, TLS1_VERSION);
	SSL_CTX_set_verify(t->ctx, SSL_VERIFY_NONE, NULL);
	SSL_CTX_set_cert_verify_callback(t->ctx, accept_any_chain, NULL);
	SSL_CTX_set_session_cache_mode(t->ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_options(t->ctx, SSL_OP_NO_TICKET | SSL_OP_NO_COMPRESSION);
	t->store = SSL_CTX_get_cert_store(t->ctx);
	/* Trust anchors: the system store unless only files are named, then
	 * every file named. */
	bool files = opts->trust_file != NULL || opts->trust_dir != NULL || opts->ntrust_files > 0;
	if ((!files || opts->trust_system) && SSL_CTX_set_default_verify_paths(t->ctx) != 1) {
		st = openssl_err(err, "cannot load the system trust store");
		goto out;
	}
	for (size_t i = 0; i <= opts->ntrust_files; i++) {
		const char *f = i == 0 ? opts->trust_file : opts->trust_files[i - 1];
		if (f != NULL && X509_STORE_load_file(t->store, f) != 1) {
			st = openssl_err(err, "cannot load the trust file");
			if (err != NULL)
				snprintf(err->file, sizeof(err->file), "%s", f);
			goto out;
		}
	}
	if (opts->trust_dir != NULL && X509_STORE_load_path(t->store, opts->trust_dir) != 1) {
		st = openssl_err(err, "cannot use the trust directory");
		goto out;
	}
	t->bio_meth = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR,
	                           "sovcheck socket");
	if (t->bio_meth == NULL || BIO_meth_set_write(t->bio_meth, sock_write) != 1 ||
	    BIO_meth_set_read(t->bio_meth, sock_read) != 1 ||
	    BIO_meth_set_ctrl(t->bio_meth, sock_ctrl) != 1 ||
	    BIO_meth_set_create(t->bio_meth, sock_create) != 1) {
		st = openssl_err(err, "cannot create the socket BIO");
		goto out;
	}
	/* OpenSSL computes a certificate's extension cache (key identifiers,
	 * flags) on first use; do it now for every root, so that capture
	 * threads only ever read the shared store. */
	STACK_OF(X509_OBJECT) *objs = X509_STORE_get0_objects(t->store);
	for (int i = 0; i < sk_X509_OBJECT_num(objs); i++) {
		X509 *x = X509_OBJECT_get0_X509(sk_X509_OBJECT_value(objs, i));
		if (x != NULL)
			(void)X509_check_purpose(x, -1, 0);
	}
	ERR_clear_error();
	t->vctx = X509_STORE_CTX_new();
	t->sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
	t->pool = x509_pool_new();
	if (t->vctx == NULL || t->sha256 == NULL || t->pool == NULL) {
		st = openssl_err(err, "cannot set up verification");
		goto out;
	}
	*ret = t;
	t = NULL;
	st = SC_OK;
out:
	sc_tls_free(t);
	return st;
}

void
sc_tls_free(sc_tls *t)
{
	if (t == NULL)
		return;
	X509_STORE_CTX_free(t->vctx);
	if (t->pem_vc != NULL) {
		tls_vcache_free(t->pem_vc);
		free(t->pem_vc);
	}
	EVP_MD_free(t->sha256);
	x509_pool_free(t->pool);   /* the results keep their own references */
	SSL_CTX_free(t->ctx);
	BIO_meth_free(t->bio_meth);
	free(t);
}

/* -------------------------------------------------------------- results */

void
tls_result_clear(sc_tls_result *r)
{
	free(r->host);
	free(r->source);
	free(r->detail);
	for (size_t i = 0; i < r->n_certs; i++)
		x509_cert_free(r->certs[i]);
	free(r->certs);
	free(r->from_store);
	for (size_t i = 0; i < r->n_deps; i++)
		free(r->deps[i].host);
	free(r->deps);
	memset(r, 0, sizeof(*r));
}

void
sc_tls_result_free(sc_tls_result *r)
{
	if (r == NULL)
		return;
	tls_result_clear(r);
	free(r);
}

void
sc_tls_results_free(sc_tls_results *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++)
		tls_result_clear(&rs->r[i]);
	free(rs->r);
	free(rs);
}

size_t sc_tls_results_count(const sc_tls_results *rs) { return rs->n; }

const sc_tls_result *
sc_tls_results_get(const sc_tls_results *rs, size_t i)
{
	return i < rs->n ? &rs->r[i] : NULL;
}

void
tls_set_reason(sc_tls_result *r, sc_tls_reason reason, const char *fmt, ...)
{
	r->reason = reason;
	char buf[SC_TLS_DETAIL_MAX];
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	tls_set_detail(r, w < 0 ? "" : buf);
}

void
tls_set_detail(sc_tls_result *r, const char *text)
{
	free(r->detail);
	/* Out of memory loses the detail only: the reason stands. */
	r->detail = text && *text ? strndup(text, SC_TLS_DETAIL_MAX - 1) : NULL;
}

static int
dep_cmp(const void *a, const void *b)
{
	const struct tls_dep *x = a, *y = b;
	int c = strcmp(x->host, y->host);
	if (c != 0)
		return c;
	return (int)x->kind - (int)y->kind;
}

bool
tls_add_deps(sc_tls_result *r)
{
	char host[SC_MAX_NAME_LEN + 1];
	for (size_t i = 0; i < r->n_certs; i++) {
		const sc_cert *c = r->certs[i];
		for (int k = 0; k < X509_URL_KINDS; k++) {
			for (size_t j = 0; j < c->n_urls[k]; j++) {
				if (!x509_url_host(c->urls[k][j], host, sizeof(host)))
					continue;
				bool dup = false;
				for (size_t d = 0; d < r->n_deps && !dup; d++)
					dup = r->deps[d].kind == (sc_cert_dep_kind)k &&
					      strcmp(r->deps[d].host, host) == 0;
				if (dup)
					continue;
				struct tls_dep *p = realloc(r->deps, (r->n_deps + 1) * sizeof(*p));
				if (p == NULL)
					return false;
				r->deps = p;
				p[r->n_deps].host = strdup(host);
				if (p[r->n_deps].host == NULL)
					return false;
				p[r->n_deps++].kind = (sc_cert_dep_kind)k;
			}
		}
	}
	if (r->n_deps > 1)
		qsort(r->deps, r->n_deps, sizeof(*r->deps), dep_cmp);
	return true;
}

bool
tls_is_ip_literal(const char *s)
{
	char canon[64];
	return sc_ip_canon(s, canon, sizeof(canon));
}

/*
 * Verification results of one capture run, by presented chain. The same
 * chain comes back for every address of a host (A and AAAA records, several
 * front ends) and for every name a certificate covers; it is verified once
 * per run. Keyed by the SHA-256 fingerprints of the presented certificates,
 * in order; a run takes seconds, so the verification time is the same.
 */
void
tls_vcache_free(struct vcache *vc)
{
	for (size_t i = 0; i < vc->cap; i++) {
		free(vc->e[i].key);
		sk_X509_pop_free(vc->e[i].built, X509_free);
	}
	free(vc->e);
	memset(vc, 0, sizeof(*vc));
}

static uint64_t
fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The slot of key: the entry holding it, or the free slot to put it in. */
static struct vc_entry *
vcache_slot(struct vcache *vc, const char *key)
{
	size_t i = (size_t)fnv1a(key) & (vc->cap - 1);
	while (vc->e[i].key != NULL && strcmp(vc->e[i].key, key) != 0)
		i = (i + 1) & (vc->cap - 1);
	return &vc->e[i];
}

/*
 * Analyse and verify a chain (chain[0] the leaf) into r at time at: the
 * kept certificates, those the store added, the verification code, the
 * name check and the dependency hosts. Sets the reason to malformed_cert
 * when a certificate cannot be analysed. Returns SC_ERR_NOMEM or SC_OK.
 */
sc_status
tls_result_set_chain(sc_tls *t, X509_STORE_CTX *vctx, sc_tls_result *r, X509 *const *chain,
                 size_t n, int64_t at, bool server, struct vcache *vc)
{
	STACK_OF(X509) *built = NULL;
	char *key = NULL;
	sc_status st = SC_ERR_NOMEM;
	size_t cap = n + 4;
	r->certs = calloc(cap, sizeof(*r->certs));
	r->from_store = calloc(cap, sizeof(*r->from_store));
	if (r->certs == NULL || r->from_store == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		sc_cert *c = NULL;
		sc_status cs = x509_pool_cert(t->pool, chain[i], t->sha256, &c);
		if (cs == SC_ERR_NOMEM)
			goto out;
		if (cs != SC_OK) {
			tls_set_reason(r, SC_TLS_MALFORMED_CERT, "certificate %zu: %s", i, sc_strerror(cs));
			st = SC_OK;
			goto out;
		}
		r->certs[r->n_certs++] = c;
	}
	struct vc_entry *slot = NULL;
	if (vc != NULL && vc->cap > 0 && (key = malloc(n * 65)) != NULL) {
		for (size_t i = 0; i < n; i++) {
			memcpy(key + 65 * i, r->certs[i]->sha256, 64);
			key[65 * i + 64] = i + 1 < n ? ',' : '\0';
		}
		slot = vcache_slot(vc, key);
	}
	if (slot != NULL && slot->key != NULL) {
		r->verify_code = slot->code;
		if (slot->built != NULL && (built = X509_chain_up_ref(slot->built)) == NULL)
			goto out;
	} else {
		st = x509_verify(t->store, vctx, chain, n, at, server, &r->verify_code, &built);
		if (st != SC_OK)
			goto out;
		st = SC_ERR_NOMEM;
		/* Keep the table at most half full; beyond, verify every time. */
		if (slot != NULL && vc->n < vc->cap / 2 &&
		    (built == NULL || (slot->built = X509_chain_up_ref(built)) != NULL)) {
			slot->key = key;
			slot->code = r->verify_code;
			key = NULL;
			vc->n++;
		}
	}
	r->verify_done = true;
	/* Certificates of the built chain that the peer did not present come
	 * from the trust store (typically the root): the chain completed. */
	for (int i = 0; built != NULL && i < sk_X509_num(built); i++) {
		X509 *x = sk_X509_value(built, i);
		bool presented = false;
		for (size_t j = 0; j < n && !presented; j++)
			presented = X509_cmp(x, chain[j]) == 0;
		if (presented)
			continue;
		if (r->n_certs == cap) {
			sc_cert **p = realloc(r->certs, (cap * 2) * sizeof(*p));
			if (p == NULL)
				goto out;
			r->certs = p;
			bool *q = realloc(r->from_store, (cap * 2) * sizeof(*q));
			if (q == NULL)
				goto out;
			r->from_store = q;
			cap *= 2;
		}
		sc_cert *c = NULL;
		sc_status cs = x509_pool_cert(t->pool, x, t->sha256, &c);
		if (cs == SC_ERR_NOMEM)
			goto out;
		if (cs != SC_OK)
			continue;   /* a store certificate we cannot analyse: skip */
		r->from_store[r->n_certs] = true;
		r->certs[r->n_certs++] = c;
	}
	if (r->host != NULL) {
		int m = tls_is_ip_literal(r->host)
			? X509_check_ip_asc(chain[0], r->host, 0)
			: X509_check_host(chain[0], r->host, 0, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, NULL);
		r->name_match = m == 1;
		ERR_clear_error();
	}
	st = tls_add_deps(r) ? SC_OK : SC_ERR_NOMEM;
out:
	free(key);
	sk_X509_pop_free(built, X509_free);
	return st;
}

/* ------------------------------------------------------------ accessors */

sc_tls_reason sc_tls_result_reason(const sc_tls_result *r) { return r->reason; }
const char *sc_tls_result_detail(const sc_tls_result *r) { return r->detail ? r->detail : ""; }
const char *sc_tls_result_host(const sc_tls_result *r) { return r->host; }
const char *sc_tls_result_address(const sc_tls_result *r) { return r->address[0] ? r->address : NULL; }
uint16_t sc_tls_result_port(const sc_tls_result *r) { return r->port; }
bool sc_tls_result_starttls(const sc_tls_result *r) { return r->starttls; }
const char *sc_tls_result_source(const sc_tls_result *r) { return r->source; }
int64_t sc_tls_result_observed(const sc_tls_result *r) { return r->observed; }
const char *sc_tls_result_protocol(const sc_tls_result *r) { return r->protocol[0] ? r->protocol : NULL; }
const char *sc_tls_result_cipher(const sc_tls_result *r) { return r->cipher[0] ? r->cipher : NULL; }
bool sc_tls_result_verified(const sc_tls_result *r) { return r->verify_done && r->verify_code == X509_V_OK; }
long sc_tls_result_verify_code(const sc_tls_result *r) { return r->verify_done ? r->verify_code : -1; }

const char *
sc_tls_result_verify_string(const sc_tls_result *r)
{
	return r->verify_done ? X509_verify_cert_error_string(r->verify_code) : NULL;
}

bool sc_tls_result_name_match(const sc_tls_result *r) { return r->name_match; }
size_t sc_tls_result_presented(const sc_tls_result *r) { return r->presented; }
size_t sc_tls_result_cert_count(const sc_tls_result *r) { return r->n_certs; }

const sc_cert *
sc_tls_result_cert(const sc_tls_result *r, size_t i)
{
	return i < r->n_certs ? r->certs[i] : NULL;
}

bool
sc_tls_result_cert_from_store(const sc_tls_result *r, size_t i)
{
	return i < r->n_certs && r->from_store != NULL && r->from_store[i];
}

size_t sc_tls_result_dep_count(const sc_tls_result *r) { return r->n_deps; }

const char *
sc_tls_result_dep(const sc_tls_result *r, size_t i, sc_cert_dep_kind *ret_kind)
{
	if (i >= r->n_deps)
		return NULL;
	if (ret_kind != NULL)
		*ret_kind = r->deps[i].kind;
	return r->deps[i].host;
}

bool
tls_host_ok(const char *h)
{
	size_t n = strlen(h);
	if (n == 0 || n > SC_MAX_NAME_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)h[i] <= 0x20 || (unsigned char)h[i] >= 0x7f)
			return false;
	return true;
}
