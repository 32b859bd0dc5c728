/*
 * tls.c — TLS chain capture with OpenSSL, the PEM-file source, and the
 * capture result (accessors, JSON).
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

struct sc_tls {
	SSL_CTX *ctx;
	BIO_METHOD *bio_meth;       /* socket I/O without SIGPIPE */
	X509_STORE *store;          /* borrowed from ctx */
	X509_STORE_CTX *vctx;       /* reused by every verification */
	EVP_MD *sha256;             /* fetched once */
	unsigned jobs, connect_ms, handshake_ms, threads;
};

struct sc_tls_results {
	sc_tls_result *r;
	size_t n;
};

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
	if (opts->trust_file != NULL || opts->trust_dir != NULL) {
		if (opts->trust_file != NULL && X509_STORE_load_file(t->store, opts->trust_file) != 1) {
			st = openssl_err(err, "cannot load the trust file");
			if (err != NULL)
				snprintf(err->file, sizeof(err->file), "%s", opts->trust_file);
			goto out;
		}
		if (opts->trust_dir != NULL && X509_STORE_load_path(t->store, opts->trust_dir) != 1) {
			st = openssl_err(err, "cannot use the trust directory");
			goto out;
		}
	} else if (SSL_CTX_set_default_verify_paths(t->ctx) != 1) {
		st = openssl_err(err, "cannot load the system trust store");
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
	if (t->vctx == NULL || t->sha256 == NULL) {
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
	EVP_MD_free(t->sha256);
	SSL_CTX_free(t->ctx);
	BIO_meth_free(t->bio_meth);
	free(t);
}

/* -------------------------------------------------------------- results */

static void
result_clear(sc_tls_result *r)
{
	free(r->host);
	free(r->source);
	for (size_t i = 0; i < r->n_certs; i++)
		x509_cert_free(r->certs[i]);
	free(r->certs);
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
	result_clear(r);
	free(r);
}

void
sc_tls_results_free(sc_tls_results *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++)
		result_clear(&rs->r[i]);
	free(rs->r);
	free(rs);
}

size_t sc_tls_results_count(const sc_tls_results *rs) { return rs->n; }

const sc_tls_result *
sc_tls_results_get(const sc_tls_results *rs, size_t i)
{
	return i < rs->n ? &rs->r[i] : NULL;
}

static void
set_reason(sc_tls_result *r, sc_tls_reason reason, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
set_reason(sc_tls_result *r, sc_tls_reason reason, const char *fmt, ...)
{
	r->reason = reason;
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(r->detail, sizeof(r->detail), fmt, ap);
	va_end(ap);
	if (w < 0)
		r->detail[0] = '\0';
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

static bool
add_deps(sc_tls_result *r)
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

static bool
is_ip_literal(const char *s)
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

static void
vcache_free(struct vcache *vc)
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
static sc_status
result_set_chain(sc_tls *t, X509_STORE_CTX *vctx, sc_tls_result *r, X509 *const *chain,
                 size_t n, int64_t at, struct vcache *vc)
{
	STACK_OF(X509) *built = NULL;
	char *key = NULL;
	sc_status st = SC_ERR_NOMEM;
	size_t cap = n + 4;
	r->certs = calloc(cap, sizeof(*r->certs));
	if (r->certs == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		sc_cert *c = NULL;
		sc_status cs = x509_cert_new(chain[i], t->sha256, &c);
		if (cs == SC_ERR_NOMEM)
			goto out;
		if (cs != SC_OK) {
			set_reason(r, SC_TLS_MALFORMED_CERT, "certificate %zu: %s", i, sc_strerror(cs));
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
		st = x509_verify(t->store, vctx, chain, n, at, &r->verify_code, &built);
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
			cap *= 2;
		}
		sc_cert *c = NULL;
		if (x509_cert_new(x, t->sha256, &c) != SC_OK)
			continue;   /* a store certificate we cannot analyse: skip */
		c->from_store = true;
		r->certs[r->n_certs++] = c;
	}
	if (r->host != NULL) {
		int m = is_ip_literal(r->host)
			? X509_check_ip_asc(chain[0], r->host, 0)
			: X509_check_host(chain[0], r->host, 0, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, NULL);
		r->name_match = m == 1;
		ERR_clear_error();
	}
	st = add_deps(r) ? SC_OK : SC_ERR_NOMEM;
out:
	free(key);
	sk_X509_pop_free(built, X509_free);
	return st;
}

/* -------------------------------------------------------------- capture */

enum cstate {
	ST_CONNECT,
	ST_SMTP_READ,
	ST_SMTP_WRITE,
	ST_HANDSHAKE,
};

struct conn {
	bool in_use;
	int fd;
	SSL *ssl;
	sc_tls_result *r;
	enum cstate st;
	int smtp_phase;          /* 0 greeting, 1 EHLO reply, 2 STARTTLS reply */
	uint64_t deadline;       /* monotonic ms */
	uint32_t events;         /* registered with epoll */
	bool saw_handshake;      /* a TLS handshake message arrived */
	char *buf;               /* SMTP only */
	size_t blen;
	char out[96];
	size_t outlen, outoff;
};

struct loop {
	sc_tls *t;
	int ep;
	struct conn *conns;
	size_t active;
	struct vcache vc;
	X509_STORE_CTX *vctx;       /* this loop's verification context */
};

static uint64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void
conn_finish(struct loop *l, struct conn *c)
{
	if (c->ssl != NULL) {
		if (c->r->reason == SC_TLS_OK || c->r->reason == SC_TLS_CHAIN_TOO_LONG) {
			/* close_notify, best effort: we never wait for the reply. */
			(void)SSL_shutdown(c->ssl);
		}
		SSL_free(c->ssl);
	}
	if (c->fd >= 0)
		close(c->fd);
	free(c->buf);
	c->r->observed = (int64_t)time(NULL);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
	l->active--;
	ERR_clear_error();
}

static void
conn_fail_errno(struct loop *l, struct conn *c, int e, bool connecting)
{
	char ebuf[128];
	if (strerror_r(e, ebuf, sizeof(ebuf)) != 0)
		snprintf(ebuf, sizeof(ebuf), "errno %d", e);
	switch (e) {
	case ECONNREFUSED:
		set_reason(c->r, SC_TLS_CONNECT_REFUSED, "%s", ebuf);
		break;
	case ETIMEDOUT:
		set_reason(c->r, connecting ? SC_TLS_CONNECT_TIMEOUT : SC_TLS_HANDSHAKE_TIMEOUT,
		           "%s", ebuf);
		break;
	case ECONNRESET:
	case EPIPE:
		set_reason(c->r, connecting ? SC_TLS_CONNECT_FAILED : SC_TLS_RESET, "%s", ebuf);
		break;
	default:
		set_reason(c->r, connecting ? SC_TLS_CONNECT_FAILED : SC_TLS_RESET, "%s", ebuf);
		break;
	}
	conn_finish(l, c);
}

static void
conn_want(struct loop *l, struct conn *c, uint32_t ev)
{
	if (c->events == ev)
		return;
	struct epoll_event e = { .events = ev, .data.ptr = c };
	if (epoll_ctl(l->ep, EPOLL_CTL_MOD, c->fd, &e) != 0) {
		set_reason(c->r, SC_TLS_INTERNAL, "epoll_ctl failed");
		conn_finish(l, c);
		return;
	}
	c->events = ev;
}

static void
msg_cb(int write_p, int version, int content_type, const void *buf, size_t len,
       SSL *ssl, void *arg)
{
	(void)version;
	(void)buf;
	(void)len;
	(void)ssl;
	struct conn *c = arg;
	if (!write_p && content_type == SSL3_RT_HANDSHAKE)
		c->saw_handshake = true;
}

/* Classify a failed handshake from OpenSSL's error queue. */
static void
handshake_failed(struct loop *l, struct conn *c, int sslerr)
{
	int e = errno;
	unsigned long code, last = 0;
	bool asn1 = false, too_big = false, record = false, eof = false;
	while ((code = ERR_get_error()) != 0) {
		int lib = ERR_GET_LIB(code), reason = ERR_GET_REASON(code);
		last = code;
		if (lib == ERR_LIB_ASN1 || lib == ERR_LIB_X509 ||
		    (lib == ERR_LIB_SSL && reason == ERR_R_ASN1_LIB))
			asn1 = true;
		if (lib == ERR_LIB_SSL) {
			switch (reason) {
			case SSL_R_EXCESSIVE_MESSAGE_SIZE:
				too_big = true;
				break;
			case SSL_R_WRONG_VERSION_NUMBER:
			case SSL_R_UNKNOWN_PROTOCOL:
			case SSL_R_HTTP_REQUEST:
			case SSL_R_HTTPS_PROXY_REQUEST:
			case SSL_R_PACKET_LENGTH_TOO_LONG:
			case SSL_R_RECORD_LENGTH_MISMATCH:
			case SSL_R_UNEXPECTED_RECORD:
				record = true;
				break;
			case SSL_R_UNEXPECTED_EOF_WHILE_READING:
				eof = true;
				break;
			default:
				break;
			}
		}
	}
	char ebuf[200] = "";
	if (last != 0)
		ERR_error_string_n(last, ebuf, sizeof(ebuf));
	if (sslerr == SSL_ERROR_SYSCALL && last == 0) {
		if (e == 0 || e == EAGAIN) {
			set_reason(c->r, SC_TLS_RESET, "connection closed by the peer during the handshake");
			conn_finish(l, c);
		} else {
			conn_fail_errno(l, c, e, false);
		}
		return;
	}
	if (eof)
		set_reason(c->r, SC_TLS_RESET, "connection closed by the peer during the handshake");
	else if (too_big)
		set_reason(c->r, SC_TLS_CHAIN_TOO_LONG, "certificate message too large: %s", ebuf);
	else if (asn1)
		set_reason(c->r, SC_TLS_MALFORMED_CERT, "%s", ebuf);
	else if (record && !c->saw_handshake)
		set_reason(c->r, SC_TLS_NOT_TLS, "the peer does not speak TLS: %s", ebuf);
	else
		set_reason(c->r, SC_TLS_HANDSHAKE_FAILED, "%s", ebuf);
	conn_finish(l, c);
}

static void
handshake_done(struct loop *l, struct conn *c)
{
	sc_tls_result *r = c->r;
	snprintf(r->protocol, sizeof(r->protocol), "%s", SSL_get_version(c->ssl));
	const SSL_CIPHER *ciph = SSL_get_current_cipher(c->ssl);
	snprintf(r->cipher, sizeof(r->cipher), "%s", ciph ? SSL_CIPHER_get_name(ciph) : "");
	STACK_OF(X509) *sk = SSL_get_peer_cert_chain(c->ssl);   /* borrowed */
	size_t n = sk ? (size_t)sk_X509_num(sk) : 0;
	r->presented = n;
	if (n == 0) {
		set_reason(r, SC_TLS_NO_CERT, "the server presented no certificate");
		conn_finish(l, c);
		return;
	}
	if (n > SC_MAX_CHAIN_CERTS) {
		set_reason(r, SC_TLS_CHAIN_TOO_LONG,
		           "%zu certificates presented, the first %u are kept", n, SC_MAX_CHAIN_CERTS);
		n = SC_MAX_CHAIN_CERTS;
	} else {
		set_reason(r, SC_TLS_OK, "%s", "");
	}
	X509 *chain[SC_MAX_CHAIN_CERTS];
	for (size_t i = 0; i < n; i++)
		chain[i] = sk_X509_value(sk, (int)i);
	if (result_set_chain(l->t, l->vctx, r, chain, n, (int64_t)time(NULL), &l->vc) != SC_OK)
		set_reason(r, SC_TLS_INTERNAL, "out of memory");
	conn_finish(l, c);
}

static void
drive_handshake(struct loop *l, struct conn *c)
{
	ERR_clear_error();
	errno = 0;
	int rc = SSL_do_handshake(c->ssl);
	if (rc == 1) {
		handshake_done(l, c);
		return;
	}
	int e = SSL_get_error(c->ssl, rc);
	if (e == SSL_ERROR_WANT_READ)
		conn_want(l, c, EPOLLIN);
	else if (e == SSL_ERROR_WANT_WRITE)
		conn_want(l, c, EPOLLOUT);
	else
		handshake_failed(l, c, e);
}

static void
start_handshake(struct loop *l, struct conn *c)
{
	c->ssl = SSL_new(l->t->ctx);
	BIO *bio = c->ssl ? BIO_new(l->t->bio_meth) : NULL;
	if (bio == NULL) {
		set_reason(c->r, SC_TLS_INTERNAL, "cannot create the TLS connection");
		conn_finish(l, c);
		return;
	}
	BIO_set_data(bio, (void *)(intptr_t)c->fd);
	SSL_set_bio(c->ssl, bio, bio);   /* the SSL owns the BIO */
	/* RFC 6066 §3: SNI carries a DNS name, never an address literal. */
	if (c->r->host != NULL && !is_ip_literal(c->r->host))
		(void)SSL_set_tlsext_host_name(c->ssl, c->r->host);
	SSL_set_msg_callback(c->ssl, msg_cb);
	SSL_set_msg_callback_arg(c->ssl, c);
	SSL_set_connect_state(c->ssl);
	c->st = ST_HANDSHAKE;
	drive_handshake(l, c);
}

/* ---- SMTP STARTTLS (RFC 5321 §4.2 replies, RFC 3207 STARTTLS) ---- */

static void
smtp_send(struct loop *l, struct conn *c, const char *cmd)
{
	int w = snprintf(c->out, sizeof(c->out), "%s", cmd);
	c->outlen = w > 0 ? (size_t)w : 0;
	c->outoff = 0;
	c->st = ST_SMTP_WRITE;
	conn_want(l, c, EPOLLOUT);
}

static void
smtp_ehlo(struct loop *l, struct conn *c)
{
	/* RFC 5321 §4.1.4: EHLO with our address literal. */
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char ip[INET6_ADDRSTRLEN] = "127.0.0.1";
	char cmd[96];
	bool v6 = false;
	if (getsockname(c->fd, (struct sockaddr *)&ss, &sl) == 0) {
		if (ss.ss_family == AF_INET6) {
			v6 = true;
			inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, ip, sizeof(ip));
		} else {
			inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, ip, sizeof(ip));
		}
	}
	snprintf(cmd, sizeof(cmd), "EHLO [%s%s]\r\n", v6 ? "IPv6:" : "", ip);
	smtp_send(l, c, cmd);
}

/* Look for one complete reply in buf. Returns its code (>0), 0 when more
 * bytes are needed, -1 when the reply is malformed. *ret_used is the
 * number of bytes it took. */
static int
smtp_reply(const char *buf, size_t len, size_t *ret_used)
{
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		if (nl == NULL)
			return 0;
		size_t ll = (size_t)(nl - (buf + pos));
		const char *line = buf + pos;
		pos += ll + 1;
		if (ll < 3 || line[0] < '2' || line[0] > '5' || line[1] < '0' || line[1] > '9' ||
		    line[2] < '0' || line[2] > '9')
			return -1;
		if (ll == 3 || line[3] == ' ' || line[3] == '\r') {
			*ret_used = pos;
			return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
		}
		if (line[3] != '-')
			return -1;
	}
	return 0;
}

static void
smtp_read(struct loop *l, struct conn *c)
{
	for (;;) {
		size_t used = 0;
		int code = smtp_reply(c->buf, c->blen, &used);
		if (code != 0)
			break;
		if (c->blen >= SC_MAX_SMTP_REPLY_BYTES) {
			set_reason(c->r, SC_TLS_STARTTLS_FAILED, "SMTP reply longer than %u bytes",
			           SC_MAX_SMTP_REPLY_BYTES);
			conn_finish(l, c);
			return;
		}
		ssize_t n = recv(c->fd, c->buf + c->blen, SC_MAX_SMTP_REPLY_BYTES - c->blen, 0);
		if (n == 0) {
			set_reason(c->r, SC_TLS_STARTTLS_FAILED, "connection closed in the SMTP dialogue");
			conn_finish(l, c);
			return;
		}
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				conn_want(l, c, EPOLLIN);
				return;
			}
			if (errno == EINTR)
				continue;
			conn_fail_errno(l, c, errno, false);
			return;
		}
		c->blen += (size_t)n;
	}
	{
		size_t used = 0;
		int code = smtp_reply(c->buf, c->blen, &used);
		static const int want[3] = { 220, 250, 220 };
		if (code < 0 || code != want[c->smtp_phase]) {
			char line[80];
			size_t k = 0;
			for (size_t i = 0; i < c->blen && c->buf[i] != '\r' && c->buf[i] != '\n' &&
			                   k + 1 < sizeof(line); i++)
				line[k++] = (c->buf[i] >= 0x20 && c->buf[i] < 0x7f) ? c->buf[i] : '?';
			line[k] = '\0';
			set_reason(c->r, SC_TLS_STARTTLS_FAILED, "SMTP %s: unexpected reply \"%s\"",
			           c->smtp_phase == 0 ? "greeting" : c->smtp_phase == 1 ? "EHLO" : "STARTTLS",
			           line);
			conn_finish(l, c);
			return;
		}
		if (c->smtp_phase == 2 && used != c->blen) {
			/* Bytes after "220 ready" would be taken as TLS data: a
			 * server (or a man in the middle) injecting them is refused. */
			set_reason(c->r, SC_TLS_STARTTLS_FAILED, "data after the STARTTLS reply");
			conn_finish(l, c);
			return;
		}
		memmove(c->buf, c->buf + used, c->blen - used);
		c->blen -= used;
		c->smtp_phase++;
		if (c->smtp_phase == 1)
			smtp_ehlo(l, c);
		else if (c->smtp_phase == 2)
			smtp_send(l, c, "STARTTLS\r\n");
		else
			start_handshake(l, c);
		return;
	}
}

static void
smtp_write(struct loop *l, struct conn *c)
{
	while (c->outoff < c->outlen) {
		ssize_t n = send(c->fd, c->out + c->outoff, c->outlen - c->outoff, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK) {
				conn_want(l, c, EPOLLOUT);
				return;
			}
			if (errno == EINTR)
				continue;
			conn_fail_errno(l, c, errno, false);
			return;
		}
		c->outoff += (size_t)n;
	}
	c->st = ST_SMTP_READ;
	conn_want(l, c, EPOLLIN);
}

static void
connected(struct loop *l, struct conn *c)
{
	c->deadline = now_ms() + l->t->handshake_ms;
	if (c->r->starttls) {
		c->buf = malloc(SC_MAX_SMTP_REPLY_BYTES);
		if (c->buf == NULL) {
			set_reason(c->r, SC_TLS_INTERNAL, "out of memory");
			conn_finish(l, c);
			return;
		}
		c->st = ST_SMTP_READ;
		c->smtp_phase = 0;
		conn_want(l, c, EPOLLIN);
		return;
	}
	start_handshake(l, c);
}

static void
conn_event(struct loop *l, struct conn *c, uint32_t ev)
{
	switch (c->st) {
	case ST_CONNECT: {
		int soerr = 0;
		socklen_t sl = sizeof(soerr);
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0)
			soerr = errno;
		if (soerr != 0) {
			conn_fail_errno(l, c, soerr, true);
			return;
		}
		if (!(ev & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
			return;
		connected(l, c);
		return;
	}
	case ST_SMTP_READ:
		smtp_read(l, c);
		return;
	case ST_SMTP_WRITE:
		smtp_write(l, c);
		return;
	case ST_HANDSHAKE:
		drive_handshake(l, c);
		return;
	}
}

static bool
target_sockaddr(const sc_tls_target *tg, struct sockaddr_storage *ss, socklen_t *sl)
{
	const char *a = tg->address ? tg->address : tg->host;
	if (a == NULL)
		return false;
	memset(ss, 0, sizeof(*ss));
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, a, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(tg->port);
		*sl = sizeof(*s4);
		return true;
	}
	if (inet_pton(AF_INET6, a, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(tg->port);
		*sl = sizeof(*s6);
		return true;
	}
	return false;
}

static bool
host_ok(const char *h)
{
	size_t n = strlen(h);
	if (n == 0 || n > SC_MAX_NAME_LEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)h[i] <= 0x20 || (unsigned char)h[i] >= 0x7f)
			return false;
	return true;
}

/* Fill the result's target fields; false (with the reason set) when the
 * target cannot be tried. NOMEM is reported through *nomem. */
static bool
result_init(sc_tls_result *r, const sc_tls_target *tg, bool *nomem)
{
	r->port = tg->port;
	r->starttls = tg->starttls_smtp;
	r->source = strdup("live");
	if (r->source == NULL) {
		*nomem = true;
		return false;
	}
	if (tg->host != NULL) {
		if (!host_ok(tg->host)) {
			set_reason(r, SC_TLS_BAD_TARGET, "host name is empty, too long or not printable");
			return false;
		}
		r->host = strdup(tg->host);
		if (r->host == NULL) {
			*nomem = true;
			return false;
		}
	}
	const char *a = tg->address ? tg->address : tg->host;
	if (a != NULL)
		snprintf(r->address, sizeof(r->address), "%s", a);
	return true;
}

/* Start a connection in slot c. Returns false when the process is out of
 * file descriptors while other connections are open: the target is then
 * tried again once one of them ends (the slot is left free). */
static bool
conn_start(struct loop *l, struct conn *c, sc_tls_result *r, const sc_tls_target *tg)
{
	struct sockaddr_storage ss;
	socklen_t sl = 0;
	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->r = r;
	c->in_use = true;
	l->active++;
	if (tg->port == 0 || !target_sockaddr(tg, &ss, &sl)) {
		set_reason(r, SC_TLS_BAD_TARGET, "address is not an IP literal or port is 0");
		conn_finish(l, c);
		return true;
	}
	c->fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0 && (errno == EMFILE || errno == ENFILE) && l->active > 1) {
		memset(c, 0, sizeof(*c));
		c->fd = -1;
		l->active--;
		return false;
	}
	if (c->fd < 0) {
		char ebuf[128];
		if (strerror_r(errno, ebuf, sizeof(ebuf)) != 0)
			snprintf(ebuf, sizeof(ebuf), "errno %d", errno);
		set_reason(r, SC_TLS_INTERNAL, "socket: %s", ebuf);
		conn_finish(l, c);
		return true;
	}
	int one = 1;
	(void)setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	c->st = ST_CONNECT;
	c->deadline = now_ms() + l->t->connect_ms;
	if (connect(c->fd, (struct sockaddr *)&ss, sl) != 0 && errno != EINPROGRESS) {
		conn_fail_errno(l, c, errno, true);
		return true;
	}
	struct epoll_event e = { .events = EPOLLOUT, .data.ptr = c };
	if (epoll_ctl(l->ep, EPOLL_CTL_ADD, c->fd, &e) != 0) {
		set_reason(r, SC_TLS_INTERNAL, "epoll_ctl failed");
		conn_finish(l, c);
		return true;
	}
	c->events = EPOLLOUT;
	return true;
}

/*
 * One event loop: the targets first, first + stride, first + 2 x stride…
 * (a shard), their results in the same places of results[]. Shards share
 * the SSL_CTX and the trust store (both safe to use from several threads)
 * and own everything else: epoll, connections, the verification context
 * and cache.
 */
struct shard {
	sc_tls *t;
	const sc_tls_target *targets;
	sc_tls_result *results;
	size_t first, stride, count;
	size_t jobs;
	sc_status st;
	sc_err err;
};

static sc_status
shard_run(struct shard *sh)
{
	sc_tls *t = sh->t;
	struct loop l = { .t = t, .ep = -1 };
	sc_status st = SC_ERR_NOMEM;
	sc_err *err = &sh->err;
	size_t jobs = sh->jobs < sh->count ? sh->jobs : sh->count;
	if (jobs == 0)
		return SC_OK;
	l.conns = calloc(jobs, sizeof(*l.conns));
	l.vctx = X509_STORE_CTX_new();
	if (l.conns == NULL || l.vctx == NULL)
		goto nomem;
	/* Room for every target's chain at half load, up to 2^23 chains. */
	for (l.vc.cap = 16; l.vc.cap < 2 * sh->count && l.vc.cap < ((size_t)1 << 24); l.vc.cap *= 2)
		;
	if ((l.vc.e = calloc(l.vc.cap, sizeof(*l.vc.e))) == NULL)
		goto nomem;
	l.ep = epoll_create1(EPOLL_CLOEXEC);
	if (l.ep < 0) {
		st = util_err(err, SC_ERR_NET, NULL, 0, 0, "epoll", "epoll_create1 failed");
		goto out;
	}
	size_t next = 0;
	struct epoll_event evs[256];
	while (next < sh->count || l.active > 0) {
		for (size_t s = 0; s < jobs && next < sh->count; s++) {
			if (l.conns[s].in_use)
				continue;
			bool nomem = false;
			size_t idx = sh->first + next * sh->stride;
			sc_tls_result *r = &sh->results[idx];
			const sc_tls_target *tg = &sh->targets[idx];
			next++;
			if (!result_init(r, tg, &nomem)) {
				if (nomem)
					goto nomem;
				r->observed = (int64_t)time(NULL);
				continue;
			}
			if (!conn_start(&l, &l.conns[s], r, tg)) {
				result_clear(r);
				next--;
				break;
			}
		}
		if (l.active == 0)
			continue;
		uint64_t now = now_ms(), first = UINT64_MAX;
		for (size_t s = 0; s < jobs; s++)
			if (l.conns[s].in_use && l.conns[s].deadline < first)
				first = l.conns[s].deadline;
		int timeout = first <= now ? 0 : (first - now > 1000 ? 1000 : (int)(first - now));
		int k = epoll_wait(l.ep, evs, (int)(sizeof(evs) / sizeof(evs[0])), timeout);
		if (k < 0 && errno != EINTR) {
			st = util_err(err, SC_ERR_NET, NULL, 0, 0, "epoll", "epoll_wait failed");
			goto out;
		}
		for (int i = 0; i < k; i++) {
			struct conn *c = evs[i].data.ptr;
			if (c->in_use)
				conn_event(&l, c, evs[i].events);
		}
		now = now_ms();
		for (size_t s = 0; s < jobs; s++) {
			struct conn *c = &l.conns[s];
			if (!c->in_use || c->deadline > now)
				continue;
			if (c->st == ST_CONNECT)
				set_reason(c->r, SC_TLS_CONNECT_TIMEOUT, "no answer within %u ms",
				           t->connect_ms);
			else
				set_reason(c->r, SC_TLS_HANDSHAKE_TIMEOUT, "%s stalled for %u ms",
				           c->st == ST_HANDSHAKE ? "TLS handshake" : "SMTP dialogue",
				           t->handshake_ms);
			conn_finish(&l, c);
		}
	}
	st = SC_OK;
	goto out;
nomem:
	st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
out:
	if (l.conns != NULL) {
		for (size_t s = 0; s < jobs; s++)
			if (l.conns[s].in_use)
				conn_finish(&l, &l.conns[s]);
		free(l.conns);
	}
	if (l.ep >= 0)
		close(l.ep);
	vcache_free(&l.vc);
	X509_STORE_CTX_free(l.vctx);
	return st;
}

static void *
shard_thread(void *arg)
{
	struct shard *sh = arg;
	sh->st = shard_run(sh);
	ERR_clear_error();
	return NULL;
}

sc_status
sc_tls_capture(sc_tls *t, const sc_tls_target *targets, size_t n,
               sc_tls_results **ret, sc_err *err)
{
	sc_status st = SC_ERR_NOMEM;
	size_t nth = t->threads < n ? t->threads : (n > 0 ? n : 1);
	struct shard *sh = calloc(nth, sizeof(*sh));
	pthread_t *tid = calloc(nth, sizeof(*tid));
	bool *started = calloc(nth, sizeof(*started));
	sc_tls_results *rs = calloc(1, sizeof(*rs));
	if (rs == NULL || sh == NULL || tid == NULL || started == NULL ||
	    (n > 0 && (rs->r = calloc(n, sizeof(*rs->r))) == NULL)) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	rs->n = n;
	/* Interleaved shards, so that slow targets listed together spread
	 * over every loop; jobs are divided between the loops. */
	for (size_t k = 0; k < nth; k++) {
		sh[k].t = t;
		sh[k].targets = targets;
		sh[k].results = rs->r;
		sh[k].first = k;
		sh[k].stride = nth;
		sh[k].count = n > k ? (n - k + nth - 1) / nth : 0;
		sh[k].jobs = (t->jobs + nth - 1) / nth;
	}
	for (size_t k = 1; k < nth; k++) {
		if (pthread_create(&tid[k], NULL, shard_thread, &sh[k]) != 0) {
			/* No thread: that shard runs here, after the first. */
			continue;
		}
		started[k] = true;
	}
	sh[0].st = shard_run(&sh[0]);
	for (size_t k = 1; k < nth; k++) {
		if (started[k])
			pthread_join(tid[k], NULL);
		else
			sh[k].st = shard_run(&sh[k]);
	}
	st = SC_OK;
	for (size_t k = 0; k < nth && st == SC_OK; k++) {
		if (sh[k].st != SC_OK) {
			st = sh[k].st;
			if (err != NULL)
				*err = sh[k].err;
		}
	}
	if (st != SC_OK)
		goto out;
	*ret = rs;
	rs = NULL;
out:
	free(sh);
	free(tid);
	free(started);
	sc_tls_results_free(rs);
	return st;
}

/* ----------------------------------------------------------- PEM source */

sc_status
sc_tls_pem_load(sc_tls *t, const char *path, const char *host, int64_t at,
                sc_tls_result **ret, sc_err *err)
{
	char *file = NULL, *buf = NULL;
	size_t len = 0;
	X509 *chain[SC_MAX_CHAIN_CERTS];
	size_t n = 0, total = 0;
	sc_status st = SC_ERR_NOMEM;
	struct stat sb;
	sc_tls_result *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return util_err(err, SC_ERR_NOMEM, path, 0, 0, "nomem", "out of memory");
	if (host != NULL && !host_ok(host)) {
		st = util_err(err, SC_ERR_USAGE, path, 0, 0, "tls-host", "invalid host name");
		goto out;
	}
	r->observed = at ? at : (int64_t)time(NULL);
	if (host != NULL && (r->host = strdup(host)) == NULL)
		goto nomem;
	if (stat(path, &sb) != 0) {
		char ebuf[128];
		if (strerror_r(errno, ebuf, sizeof(ebuf)) != 0)
			snprintf(ebuf, sizeof(ebuf), "errno %d", errno);
		st = util_err(err, SC_ERR_IO, path, 0, 0, "io", "cannot open: %s", ebuf);
		goto out;
	}
	if (S_ISDIR(sb.st_mode)) {
		/* DESIGN §4 sources.chains: DIR/HOST.pem. The host must be a
		 * single path component. */
		if (host == NULL || strchr(host, '/') != NULL || host[0] == '.') {
			st = util_err(err, SC_ERR_USAGE, path, 0, 0, "tls-host",
			              "a chains directory needs a host name");
			goto out;
		}
		size_t fl = strlen(path) + strlen(host) + 6;
		if ((file = malloc(fl)) == NULL)
			goto nomem;
		snprintf(file, fl, "%s/%s.pem", path, host);
		if (stat(file, &sb) != 0 && errno == ENOENT) {
			r->source = file;
			file = NULL;
			set_reason(r, SC_TLS_NO_SOURCE, "no %s.pem in the chains directory", host);
			goto ok;
		}
	} else if ((file = strdup(path)) == NULL) {
		goto nomem;
	}
	st = util_read_file(file, SC_MAX_PEM_FILE_BYTES, &buf, &len, err);
	if (st != SC_OK)
		goto out;
	r->source = file;
	file = NULL;
	st = x509_parse_chain(buf, len, chain, SC_MAX_CHAIN_CERTS, &n, &total,
	                      r->detail, sizeof(r->detail));
	if (st == SC_ERR_PARSE) {
		r->reason = SC_TLS_MALFORMED_CERT;
		goto ok;
	}
	if (st != SC_OK)
		goto nomem;
	r->presented = total;
	if (total == 0) {
		set_reason(r, SC_TLS_NO_CERT, "the file holds no certificate");
		goto ok;
	}
	if (total > SC_MAX_CHAIN_CERTS)
		set_reason(r, SC_TLS_CHAIN_TOO_LONG,
		           "%zu certificates in the file, the first %u are kept", total,
		           SC_MAX_CHAIN_CERTS);
	st = result_set_chain(t, t->vctx, r, chain, n, r->observed, NULL);
	if (st != SC_OK)
		goto nomem;
ok:
	*ret = r;
	r = NULL;
	st = SC_OK;
	goto out;
nomem:
	st = util_err(err, SC_ERR_NOMEM, path, 0, 0, "nomem", "out of memory");
out:
	for (size_t i = 0; i < n; i++)
		X509_free(chain[i]);
	free(buf);
	free(file);
	sc_tls_result_free(r);
	return st;
}

/* ------------------------------------------------------------ accessors */

sc_tls_reason sc_tls_result_reason(const sc_tls_result *r) { return r->reason; }
const char *sc_tls_result_detail(const sc_tls_result *r) { return r->detail; }
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

/* ----------------------------------------------------------------- JSON */

/* json_object_set_new that records failure in *ok. */
static void
jset(json_t *o, const char *k, json_t *v, bool *ok)
{
	if (v == NULL || json_object_set_new(o, k, v) != 0)
		*ok = false;
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
jtime(int64_t t)
{
	char buf[32];
	x509_format_time(t, buf, sizeof(buf));
	return json_string(buf);
}

static json_t *
name_json(const sc_cert *c, bool subject)
{
	static const char *const attrs[] = { "CN", "O", "OU", "C" };
	json_t *o = json_object();
	bool ok = o != NULL;
	for (size_t i = 0; ok && i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		const char *v = subject ? sc_cert_subject_attr(c, attrs[i]) : sc_cert_issuer_attr(c, attrs[i]);
		if (v != NULL)
			jset(o, attrs[i], json_string(v), &ok);
	}
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
cert_json(const sc_cert *c)
{
	json_t *o = json_object();
	bool ok = o != NULL;
	if (!ok)
		return NULL;
	jset(o, "subject", json_string(c->subject), &ok);
	jset(o, "subject_fields", name_json(c, true), &ok);
	jset(o, "issuer", json_string(c->issuer), &ok);
	jset(o, "issuer_fields", name_json(c, false), &ok);
	jset(o, "serial", json_string(c->serial), &ok);
	json_t *sans = json_array();
	for (size_t i = 0; sans != NULL && i < c->n_sans; i++)
		if (json_array_append_new(sans, json_string(c->sans[i])) != 0)
			ok = false;
	jset(o, "sans", sans, &ok);
	jset(o, "not_before", jtime(c->not_before), &ok);
	jset(o, "not_after", jtime(c->not_after), &ok);
	json_t *key = json_object();
	if (key != NULL) {
		jset(key, "type", json_string(c->key_type), &ok);
		jset(key, "bits", json_integer(c->key_bits), &ok);
		if (c->curve[0])
			jset(key, "curve", json_string(c->curve), &ok);
	}
	jset(o, "key", key, &ok);
	jset(o, "signature_algorithm", json_string(c->sig_alg), &ok);
	jset(o, "sha256", json_string(c->sha256), &ok);
	jset(o, "self_signed", json_boolean(c->self_signed), &ok);
	jset(o, "ca", json_boolean(c->is_ca), &ok);
	jset(o, "from_store", json_boolean(c->from_store), &ok);
	jset(o, "truncated", json_boolean(c->truncated), &ok);
	for (int k = 0; k < X509_URL_KINDS; k++) {
		json_t *a = json_array();
		for (size_t i = 0; a != NULL && i < c->n_urls[k]; i++)
			if (json_array_append_new(a, json_string(c->urls[k][i])) != 0)
				ok = false;
		jset(o, sc_cert_dep_kind_to_string((sc_cert_dep_kind)k), a, &ok);
	}
	/* The certificate itself, so that an auditor can re-check it. */
	unsigned char *der = NULL;
	int dlen = i2d_X509(c->x509, &der);
	if (dlen > 0) {
		size_t blen = 4 * (((size_t)dlen + 2) / 3) + 1;
		unsigned char *b64 = malloc(blen);
		if (b64 != NULL) {
			EVP_EncodeBlock(b64, der, dlen);
			jset(o, "der", json_string((char *)b64), &ok);
			free(b64);
		} else {
			ok = false;
		}
		OPENSSL_free(der);
	}
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *
sc_tls_result_to_json(const sc_tls_result *r)
{
	json_t *o = json_object();
	bool ok = o != NULL;
	if (!ok)
		return NULL;
	jset(o, "host", jstr(r->host), &ok);
	jset(o, "address", jstr(sc_tls_result_address(r)), &ok);
	jset(o, "port", json_integer(r->port), &ok);
	jset(o, "starttls", r->starttls ? json_string("smtp") : json_null(), &ok);
	jset(o, "source", jstr(r->source), &ok);
	jset(o, "observed", jtime(r->observed), &ok);
	jset(o, "status", json_string(sc_tls_reason_to_string(r->reason)), &ok);
	jset(o, "detail", json_string(r->detail), &ok);
	jset(o, "protocol", jstr(sc_tls_result_protocol(r)), &ok);
	jset(o, "cipher", jstr(sc_tls_result_cipher(r)), &ok);
	json_t *v = json_object();
	if (v != NULL) {
		jset(v, "ok", json_boolean(sc_tls_result_verified(r)), &ok);
		jset(v, "code", r->verify_done ? json_integer(r->verify_code) : json_null(), &ok);
		jset(v, "reason", jstr(sc_tls_result_verify_string(r)), &ok);
	}
	jset(o, "verify", v, &ok);
	jset(o, "name_match", json_boolean(r->name_match), &ok);
	jset(o, "presented", json_integer((json_int_t)r->presented), &ok);
	json_t *chain = json_array();
	for (size_t i = 0; chain != NULL && i < r->n_certs; i++)
		if (json_array_append_new(chain, cert_json(r->certs[i])) != 0)
			ok = false;
	jset(o, "chain", chain, &ok);
	json_t *deps = json_array();
	for (size_t i = 0; deps != NULL && i < r->n_deps; i++) {
		json_t *d = json_object();
		if (d == NULL) {
			ok = false;
			break;
		}
		jset(d, "host", json_string(r->deps[i].host), &ok);
		jset(d, "kind", json_string(sc_cert_dep_kind_to_string(r->deps[i].kind)), &ok);
		if (json_array_append_new(deps, d) != 0)
			ok = false;
	}
	jset(o, "dependencies", deps, &ok);
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* ------------------------------------------------------- from evidence */

/* "2026-11-22T18:00:00Z" (what x509_format_time writes). */
static bool
parse_time(const char *s, int64_t *ret)
{
	int v[6];
	static const int width[6] = { 4, 2, 2, 2, 2, 2 };
	static const char sep[6] = { '-', '-', 'T', ':', ':', 'Z' };
	const char *p = s;
	for (int i = 0; i < 6; i++) {
		v[i] = 0;
		for (int k = 0; k < width[i]; k++, p++) {
			if (*p < '0' || *p > '9')
				return false;
			v[i] = v[i] * 10 + (*p - '0');
		}
		if (*p++ != sep[i])
			return false;
	}
	if (*p != '\0' || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 ||
	    v[4] > 59 || v[5] > 60)
		return false;
	*ret = (int64_t)util_days_from_civil(v[0], v[1], v[2]) * 86400 + v[3] * 3600 +
	       v[4] * 60 + v[5];
	return true;
}

/* Optional string member: absent or null gives NULL; another type fails. */
static bool
jget_str(const json_t *o, const char *k, const char **ret)
{
	const json_t *v = json_object_get(o, k);
	*ret = NULL;
	if (v == NULL || json_is_null(v))
		return true;
	if (!json_is_string(v))
		return false;
	*ret = json_string_value(v);
	return true;
}

static sc_status
corrupt(sc_err *err, const char *what)
{
	return util_err(err, SC_ERR_CORRUPT, NULL, 0, 0, "tls-evidence",
	                "TLS evidence: %s", what);
}

sc_status
sc_tls_result_from_json(const json_t *j, sc_tls_result **ret, sc_err *err)
{
	const char *host, *addr, *source, *status, *detail, *proto, *cipher, *observed;
	sc_status st = SC_ERR_NOMEM;
	unsigned char *der = NULL;
	if (!json_is_object(j))
		return corrupt(err, "a capture is not an object");
	if (!jget_str(j, "host", &host) || !jget_str(j, "address", &addr) ||
	    !jget_str(j, "source", &source) || !jget_str(j, "status", &status) ||
	    !jget_str(j, "detail", &detail) || !jget_str(j, "protocol", &proto) ||
	    !jget_str(j, "cipher", &cipher) || !jget_str(j, "observed", &observed))
		return corrupt(err, "a member is not a string");
	sc_tls_reason reason;
	if (status == NULL || !sc_tls_reason_from_string(status, &reason))
		return corrupt(err, "missing or unknown status");
	const json_t *port = json_object_get(j, "port");
	const json_t *chain = json_object_get(j, "chain");
	const json_t *verify = json_object_get(j, "verify");
	const json_t *presented = json_object_get(j, "presented");
	if (!json_is_integer(port) || json_integer_value(port) < 0 ||
	    json_integer_value(port) > 65535 || !json_is_array(chain) ||
	    json_array_size(chain) > 2 * SC_MAX_CHAIN_CERTS ||
	    (presented != NULL && (!json_is_integer(presented) || json_integer_value(presented) < 0)) ||
	    (verify != NULL && !json_is_object(verify)))
		return corrupt(err, "port, chain, presented or verify is malformed");
	if (host != NULL && !host_ok(host))
		return corrupt(err, "host is not a printable name");

	sc_tls_result *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	r->reason = reason;
	r->port = (uint16_t)json_integer_value(port);
	const json_t *stls = json_object_get(j, "starttls");
	r->starttls = json_is_string(stls) && strcmp(json_string_value(stls), "smtp") == 0;
	snprintf(r->address, sizeof(r->address), "%s", addr ? addr : "");
	snprintf(r->detail, sizeof(r->detail), "%s", detail ? detail : "");
	snprintf(r->protocol, sizeof(r->protocol), "%s", proto ? proto : "");
	snprintf(r->cipher, sizeof(r->cipher), "%s", cipher ? cipher : "");
	if (observed != NULL && !parse_time(observed, &r->observed)) {
		st = corrupt(err, "observed is not a UTC time");
		goto out;
	}
	if ((host != NULL && (r->host = strdup(host)) == NULL) ||
	    (r->source = strdup(source ? source : "evidence")) == NULL)
		goto nomem;
	r->presented = presented ? (size_t)json_integer_value(presented) : json_array_size(chain);
	r->name_match = json_is_true(json_object_get(j, "name_match"));
	const json_t *code = verify ? json_object_get(verify, "code") : NULL;
	if (json_is_integer(code)) {
		r->verify_done = true;
		r->verify_code = (long)json_integer_value(code);
	} else if (code != NULL && !json_is_null(code)) {
		st = corrupt(err, "verify.code is not an integer");
		goto out;
	}
	size_t n = json_array_size(chain);
	if (n > 0 && (r->certs = calloc(n, sizeof(*r->certs))) == NULL)
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		const json_t *c = json_array_get(chain, i);
		const char *b64 = json_is_object(c) ? json_string_value(json_object_get(c, "der")) : NULL;
		size_t blen = b64 ? strlen(b64) : 0;
		if (b64 == NULL || blen == 0 || blen % 4 != 0 ||
		    blen / 4 * 3 > SC_MAX_CERT_BYTES + 2) {
			st = corrupt(err, "a certificate has no usable \"der\"");
			goto out;
		}
		if ((der = malloc(blen / 4 * 3 + 1)) == NULL)
			goto nomem;
		int dl = EVP_DecodeBlock(der, (const unsigned char *)b64, (int)blen);
		/* EVP_DecodeBlock counts the '=' padding as zero bytes. */
		if (dl > 0 && b64[blen - 1] == '=')
			dl--;
		if (dl > 0 && b64[blen - 2] == '=')
			dl--;
		const unsigned char *p = der;
		X509 *x = dl > 0 ? d2i_X509(NULL, &p, dl) : NULL;
		if (x == NULL || p != der + dl) {
			X509_free(x);
			ERR_clear_error();
			st = corrupt(err, "a certificate's DER does not decode");
			goto out;
		}
		sc_cert *sc = NULL;
		sc_status cs = x509_cert_new(x, NULL, &sc);
		X509_free(x);
		free(der);
		der = NULL;
		if (cs == SC_ERR_NOMEM)
			goto nomem;
		if (cs != SC_OK) {
			st = corrupt(err, "a certificate cannot be analysed");
			goto out;
		}
		sc->from_store = json_is_true(json_object_get(c, "from_store"));
		r->certs[r->n_certs++] = sc;
	}
	if (!add_deps(r))
		goto nomem;
	*ret = r;
	r = NULL;
	st = SC_OK;
	goto out;
nomem:
	st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
out:
	free(der);
	sc_tls_result_free(r);
	return st;
}
