/*
 * tls-bare.c — the TLS ceiling of the benchmarks: a bare epoll client that
 * does verified TLS handshakes and nothing else. It answers "what does a
 * minimal client doing the same verified handshakes achieve?", so that
 * sovcheck's capture can be compared with it in the same run, against the
 * same servers.
 *
 *   tls-bare --ca FILE [--jobs N] [--threads N] [--repeat N] [--timeout MS]
 *            [--verify-once] [--targets FILE] [TARGET...]
 *                                                  TARGET = HOST@ADDRESS:PORT
 *
 * What it does, and only that: one SSL_CTX shared by every thread (session
 * cache and tickets off, so that every handshake is a full one); per thread
 * one epoll loop with at most jobs/threads non-blocking connections in
 * flight; for each target a TCP connection, SNI = HOST, a full handshake
 * with certificate-chain verification against the CA file and the host
 * name check inside the handshake (SSL_VERIFY_PEER, SSL_set1_host), a
 * best-effort close_notify (as sovcheck sends), close. Nothing is parsed,
 * kept or written.
 *
 * --verify-once does the verification work sovcheck does (core/tls.c):
 * each distinct presented chain (keyed by the SHA-256 of its certificates)
 * is verified once per event loop and the result reused, the host name is
 * checked in every handshake. Still inside the handshake (a certificate
 * verify callback), still fatal when it fails.
 *
 * Prints one line of key=value figures: targets, handshakes, ok,
 * verify_failed, failed, timeouts, seconds (monotonic, from the first
 * connect to the last close: the SSL_CTX and CA loading are outside),
 * handshakes_per_s, and one count per negotiated protocol version
 * (TLSv1.3=…, TLSv1.2=…). The first few failures go to stderr. Exit 0 when
 * every handshake verified, 1 otherwise, 64 on a usage error, 4 when it
 * could not run.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

/* Limits on what the command line and the targets file control. */
#define MAX_JOBS        65536ul
#define MAX_THREADS     64ul
#define MAX_REPEAT      100000ul
#define MAX_TIMEOUT_MS  600000ul
#define MAX_TARGETS     (16ul * 1024 * 1024)
#define MAX_LINE        1024
#define MAX_HOST        253     /* RFC 1035 presentation form */
#define MAX_ERRORS_SHOWN 5
#define MAX_CHAIN       16      /* certificates hashed into a cache key */
#define VCACHE_SLOTS    4096u   /* power of two; kept at most half full */

struct target {
	char *host;                 /* SNI and the name checked */
	struct sockaddr_storage sa;
	socklen_t salen;
};

enum ver { V_13, V_12, V_11, V_10, V_OTHER, V_COUNT };
static const char *const ver_name[V_COUNT] = {
	"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1", "other",
};

struct shard;

struct conn {
	bool in_use;
	bool connecting;
	int fd;
	SSL *ssl;
	struct shard *sh;
	const struct target *tg;
	uint64_t deadline;          /* monotonic ms */
	uint32_t events;
};

/* --verify-once: chain verification results of one event loop. */
struct vc_slot {
	bool used;
	unsigned char key[SHA256_DIGEST_LENGTH];
	int err;                    /* X509_V_OK or the verification error */
};

struct counts {
	uint64_t ok, verify_failed, failed, timeouts;
	uint64_t ver[V_COUNT];
};

struct shard {
	SSL_CTX *ctx;                /* shared, read-only after setup */
	const struct target *targets;
	size_t first, stride, count; /* targets first, first + stride, ... */
	size_t jobs;
	unsigned long repeat;
	unsigned timeout_ms;
	struct vc_slot *vc;          /* --verify-once, else NULL */
	size_t vc_n;
	struct counts c;
	bool broken;                 /* the loop itself failed (epoll, memory) */
	unsigned errors_shown;
};

/* Failure messages from several threads: one line at a time. */
static pthread_mutex_t err_lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool
parse_ulong(const char *s, unsigned long max, unsigned long *ret)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v > max || s[0] == '-')
		return false;
	*ret = v;
	return true;
}

/* HOST@ADDRESS:PORT, ADDRESS an IPv4 literal or [IPv6]. Modifies s. */
static bool
parse_target(char *s, struct target *t)
{
	memset(t, 0, sizeof(*t));
	char *at = strchr(s, '@');
	if (at == NULL || at == s || (size_t)(at - s) > MAX_HOST)
		return false;
	*at = '\0';
	char *addr = at + 1;
	char *colon = strrchr(addr, ':');
	if (colon == NULL)
		return false;
	*colon = '\0';
	unsigned long port;
	if (!parse_ulong(colon + 1, 65535, &port) || port == 0)
		return false;
	if (addr[0] == '[') {
		size_t l = strlen(addr);
		if (l < 2 || addr[l - 1] != ']')
			return false;
		addr[l - 1] = '\0';
		addr++;
	}
	struct sockaddr_in *s4 = (struct sockaddr_in *)&t->sa;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&t->sa;
	if (inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		t->salen = sizeof(*s4);
	} else if (inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		t->salen = sizeof(*s6);
	} else {
		return false;
	}
	t->host = strdup(s);
	return t->host != NULL;
}

static bool
add_target(struct target **v, size_t *n, size_t *cap, char *spec)
{
	if (*n == *cap) {
		if (*cap >= MAX_TARGETS) {
			fprintf(stderr, "tls-bare: more than %lu targets\n", MAX_TARGETS);
			return false;
		}
		size_t nc = *cap ? *cap * 2 : 1024;
		struct target *p = realloc(*v, nc * sizeof(*p));
		if (p == NULL) {
			fprintf(stderr, "tls-bare: out of memory\n");
			return false;
		}
		*v = p;
		*cap = nc;
	}
	if (!parse_target(spec, &(*v)[*n])) {
		fprintf(stderr, "tls-bare: bad target (want HOST@ADDRESS:PORT)\n");
		return false;
	}
	(*n)++;
	return true;
}

static bool
read_targets(const char *path, struct target **v, size_t *n, size_t *cap)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		perror(path);
		return false;
	}
	char line[MAX_LINE];
	bool ok = true;
	while (ok && fgets(line, sizeof(line), f) != NULL) {
		size_t l = strcspn(line, "\r\n");
		if (line[l] == '\0' && !feof(f)) {
			fprintf(stderr, "tls-bare: %s: line longer than %d bytes\n", path, MAX_LINE - 2);
			ok = false;
			break;
		}
		line[l] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		ok = add_target(v, n, cap, line);
	}
	fclose(f);
	return ok;
}

/* One line on stderr for the first failures of a loop: what failed, then
 * OpenSSL's last error or, with errnum != 0, the system error. */
static void
report_error(struct shard *sh, const struct target *tg, const char *what, int errnum)
{
	if (sh->errors_shown >= MAX_ERRORS_SHOWN)
		return;
	sh->errors_shown++;
	char ebuf[256] = "";
	unsigned long e = ERR_peek_last_error();
	if (errnum != 0) {
		if (strerror_r(errnum, ebuf, sizeof(ebuf)) != 0)
			snprintf(ebuf, sizeof(ebuf), "errno %d", errnum);
	} else if (e != 0) {
		ERR_error_string_n(e, ebuf, sizeof(ebuf));
	}
	pthread_mutex_lock(&err_lock);
	fprintf(stderr, "tls-bare: %s: %s%s%s\n", tg->host, what, ebuf[0] ? ": " : "", ebuf);
	pthread_mutex_unlock(&err_lock);
}

/* The cache key of a presented chain: SHA-256 over the SHA-256 of each
 * certificate (the leaf, then the untrusted ones as received). */
static bool
chain_key(X509_STORE_CTX *x, unsigned char key[SHA256_DIGEST_LENGTH])
{
	unsigned char fps[MAX_CHAIN * SHA256_DIGEST_LENGTH];
	size_t n = 0;
	unsigned len;
	X509 *leaf = X509_STORE_CTX_get0_cert(x);
	STACK_OF(X509) *sk = X509_STORE_CTX_get0_untrusted(x);
	if (leaf == NULL || X509_digest(leaf, EVP_sha256(), fps, &len) != 1)
		return false;
	n = 1;
	for (int i = 0; sk != NULL && i < sk_X509_num(sk); i++) {
		X509 *c = sk_X509_value(sk, i);
		if (i == 0 && X509_cmp(c, leaf) == 0)
			continue;   /* the stack starts with the leaf */
		if (n == MAX_CHAIN)
			return false;
		if (X509_digest(c, EVP_sha256(), fps + n * SHA256_DIGEST_LENGTH, &len) != 1)
			return false;
		n++;
	}
	return EVP_Digest(fps, n * SHA256_DIGEST_LENGTH, key, NULL, EVP_sha256(), NULL) == 1;
}

/*
 * Certificate verify callback of --verify-once: the chain verified once per
 * loop (X509_verify_cert on a miss, the cached result on a hit), then the
 * host name of this connection. Returns 1 to accept, 0 to fail the
 * handshake, with the error left in x for SSL_get_verify_result.
 */
static int
verify_once(X509_STORE_CTX *x, void *arg)
{
	(void)arg;
	SSL *ssl = X509_STORE_CTX_get_ex_data(x, SSL_get_ex_data_X509_STORE_CTX_idx());
	const struct conn *c = ssl ? SSL_get_app_data(ssl) : NULL;
	struct shard *sh = c ? c->sh : NULL;
	unsigned char key[SHA256_DIGEST_LENGTH];
	if (sh == NULL || !chain_key(x, key))
		return X509_verify_cert(x) == 1;
	size_t i = 0;
	memcpy(&i, key, sizeof(i));
	i &= VCACHE_SLOTS - 1;
	while (sh->vc[i].used && memcmp(sh->vc[i].key, key, sizeof(key)) != 0)
		i = (i + 1) & (VCACHE_SLOTS - 1);
	int err;
	if (sh->vc[i].used) {
		err = sh->vc[i].err;
	} else {
		if (X509_verify_cert(x) == 1)
			err = X509_V_OK;
		else if ((err = X509_STORE_CTX_get_error(x)) == X509_V_OK)
			err = X509_V_ERR_UNSPECIFIED;   /* failed without saying why */
		if (sh->vc_n < VCACHE_SLOTS / 2) {
			sh->vc[i].used = true;
			memcpy(sh->vc[i].key, key, sizeof(key));
			sh->vc[i].err = err;
			sh->vc_n++;
		}
	}
	if (err == X509_V_OK &&
	    X509_check_host(X509_STORE_CTX_get0_cert(x), c->tg->host, 0,
	                    X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, NULL) != 1)
		err = X509_V_ERR_HOSTNAME_MISMATCH;
	X509_STORE_CTX_set_error(x, err);
	return err == X509_V_OK;
}

static void
conn_close(struct conn *c, size_t *active)
{
	if (c->ssl != NULL)
		SSL_free(c->ssl);
	if (c->fd >= 0)
		close(c->fd);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
	(*active)--;
	ERR_clear_error();
}

static void
conn_want(int ep, struct conn *c, uint32_t ev)
{
	if (c->events == ev)
		return;
	struct epoll_event e = { .events = ev, .data.ptr = c };
	if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e) == 0)
		c->events = ev;
}

static enum ver
ver_of(int v)
{
	switch (v) {
	case TLS1_3_VERSION: return V_13;
	case TLS1_2_VERSION: return V_12;
	case TLS1_1_VERSION: return V_11;
	case TLS1_VERSION: return V_10;
	default: return V_OTHER;
	}
}

/* Drive the handshake of c; closes it when it ends (either way). */
static void
drive(struct shard *sh, int ep, struct conn *c, size_t *active)
{
	ERR_clear_error();
	int rc = SSL_do_handshake(c->ssl);
	if (rc == 1) {
		if (SSL_get_verify_result(c->ssl) == X509_V_OK) {
			sh->c.ok++;
			sh->c.ver[ver_of(SSL_version(c->ssl))]++;
		} else {
			sh->c.verify_failed++;
			report_error(sh, c->tg, "verification failed", 0);
		}
		(void)SSL_shutdown(c->ssl);   /* close_notify, best effort */
		conn_close(c, active);
		return;
	}
	int e = SSL_get_error(c->ssl, rc);
	if (e == SSL_ERROR_WANT_READ) {
		conn_want(ep, c, EPOLLIN);
		return;
	}
	if (e == SSL_ERROR_WANT_WRITE) {
		conn_want(ep, c, EPOLLOUT);
		return;
	}
	long vr = SSL_get_verify_result(c->ssl);
	if (vr != X509_V_OK) {
		sh->c.verify_failed++;
		report_error(sh, c->tg, X509_verify_cert_error_string(vr), 0);
	} else {
		sh->c.failed++;
		report_error(sh, c->tg, "handshake failed", e == SSL_ERROR_SYSCALL ? errno : 0);
	}
	conn_close(c, active);
}

/* Open a connection to tg in slot c. false: the loop cannot go on. */
static bool
conn_start(struct shard *sh, int ep, struct conn *c, const struct target *tg, size_t *active)
{
	memset(c, 0, sizeof(*c));
	c->in_use = true;
	c->sh = sh;
	c->tg = tg;
	c->connecting = true;
	c->deadline = now_ms() + sh->timeout_ms;
	(*active)++;
	c->fd = socket(tg->sa.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0) {
		int e = errno;
		report_error(sh, tg, "socket failed", e);
		sh->c.failed++;
		conn_close(c, active);
		return e != EMFILE && e != ENFILE;
	}
	int one = 1;
	(void)setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(c->fd, (const struct sockaddr *)&tg->sa, tg->salen) != 0 &&
	    errno != EINPROGRESS) {
		report_error(sh, tg, "connect failed", errno);
		sh->c.failed++;
		conn_close(c, active);
		return true;
	}
	c->ssl = SSL_new(sh->ctx);
	/* The host name is checked by OpenSSL's verification, or by
	 * verify_once() after the cached chain result. */
	if (c->ssl == NULL || SSL_set_fd(c->ssl, c->fd) != 1 ||
	    SSL_set_tlsext_host_name(c->ssl, tg->host) != 1 ||
	    (sh->vc == NULL && SSL_set1_host(c->ssl, tg->host) != 1) ||
	    SSL_set_app_data(c->ssl, c) != 1) {
		report_error(sh, tg, "cannot set up the TLS connection", 0);
		sh->c.failed++;
		conn_close(c, active);
		return false;
	}
	SSL_set_connect_state(c->ssl);
	struct epoll_event e = { .events = EPOLLOUT, .data.ptr = c };
	if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &e) != 0) {
		report_error(sh, tg, "epoll_ctl failed", errno);
		sh->c.failed++;
		conn_close(c, active);
		return false;
	}
	c->events = EPOLLOUT;
	return true;
}

static void
conn_event(struct shard *sh, int ep, struct conn *c, size_t *active)
{
	if (c->connecting) {
		int soerr = 0;
		socklen_t sl = sizeof(soerr);
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0)
			soerr = errno;
		if (soerr != 0) {
			report_error(sh, c->tg, "connect failed", soerr);
			sh->c.failed++;
			conn_close(c, active);
			return;
		}
		c->connecting = false;
	}
	drive(sh, ep, c, active);
}

static void *
shard_run(void *arg)
{
	struct shard *sh = arg;
	size_t jobs = sh->jobs;
	size_t total = sh->count * sh->repeat;   /* checked by the caller */
	size_t next = 0, active = 0;
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct conn *conns = calloc(jobs ? jobs : 1, sizeof(*conns));
	struct epoll_event evs[256];
	if (ep < 0 || conns == NULL) {
		sh->broken = true;
		goto out;
	}
	for (size_t s = 0; s < jobs; s++)
		conns[s].fd = -1;
	while (next < total || active > 0) {
		for (size_t s = 0; s < jobs && next < total; s++) {
			if (conns[s].in_use)
				continue;
			const struct target *tg = &sh->targets[sh->first + (next % sh->count) * sh->stride];
			next++;
			if (!conn_start(sh, ep, &conns[s], tg, &active)) {
				sh->broken = true;
				goto out;
			}
		}
		if (active == 0)
			continue;
		uint64_t now = now_ms(), first = UINT64_MAX;
		for (size_t s = 0; s < jobs; s++)
			if (conns[s].in_use && conns[s].deadline < first)
				first = conns[s].deadline;
		int timeout = first <= now ? 0 : (first - now > 1000 ? 1000 : (int)(first - now));
		int k = epoll_wait(ep, evs, (int)(sizeof(evs) / sizeof(evs[0])), timeout);
		if (k < 0 && errno != EINTR) {
			sh->broken = true;
			goto out;
		}
		for (int i = 0; i < k; i++) {
			struct conn *c = evs[i].data.ptr;
			if (c->in_use)
				conn_event(sh, ep, c, &active);
		}
		if (timeout > 0 && k > 0)
			continue;   /* no deadline can have passed yet */
		now = now_ms();
		for (size_t s = 0; s < jobs; s++) {
			if (conns[s].in_use && conns[s].deadline <= now) {
				report_error(sh, conns[s].tg, "timed out", 0);
				sh->c.timeouts++;
				conn_close(&conns[s], &active);
			}
		}
	}
out:
	if (conns != NULL) {
		for (size_t s = 0; s < jobs; s++)
			if (conns[s].in_use)
				conn_close(&conns[s], &active);
		free(conns);
	}
	if (ep >= 0)
		close(ep);
	ERR_clear_error();
	return NULL;
}

static int
usage(void)
{
	fprintf(stderr, "usage: tls-bare --ca FILE [--jobs N] [--threads N] [--repeat N] "
	        "[--timeout MS] [--verify-once] [--targets FILE] [HOST@ADDRESS:PORT...]\n");
	return 64;
}

int
main(int argc, char **argv)
{
	const char *ca = NULL, *targets_file = NULL;
	unsigned long jobs = 64, threads = 1, repeat = 1, timeout_ms = 10000;
	bool once = false;
	struct target *targets = NULL;
	size_t n = 0, cap = 0, nth = 0;
	SSL_CTX *ctx = NULL;
	struct shard *sh = NULL;
	pthread_t *tid = NULL;
	bool *started = NULL;
	int rc = 4, i;

	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		const char *o = argv[i];
		if (strcmp(o, "--verify-once") == 0) {
			once = true;
			continue;
		}
		const char *a = i + 1 < argc ? argv[i + 1] : NULL;
		if (a == NULL)
			return usage();
		i++;
		if (strcmp(o, "--ca") == 0)
			ca = a;
		else if (strcmp(o, "--targets") == 0)
			targets_file = a;
		else if (strcmp(o, "--jobs") == 0 && parse_ulong(a, MAX_JOBS, &jobs) && jobs > 0)
			;
		else if (strcmp(o, "--threads") == 0 && parse_ulong(a, MAX_THREADS, &threads) &&
		         threads > 0)
			;
		else if (strcmp(o, "--repeat") == 0 && parse_ulong(a, MAX_REPEAT, &repeat) && repeat > 0)
			;
		else if (strcmp(o, "--timeout") == 0 && parse_ulong(a, MAX_TIMEOUT_MS, &timeout_ms) &&
		         timeout_ms > 0)
			;
		else
			return usage();
	}
	if (ca == NULL)
		return usage();
	if (targets_file != NULL && !read_targets(targets_file, &targets, &n, &cap)) {
		rc = 64;
		goto out;
	}
	for (; i < argc; i++) {
		if (!add_target(&targets, &n, &cap, argv[i])) {
			rc = 64;
			goto out;
		}
	}
	if (n == 0) {
		rc = usage();
		goto out;
	}
	if (n > SIZE_MAX / repeat) {
		fprintf(stderr, "tls-bare: targets x repeat overflows\n");
		rc = 64;
		goto out;
	}
	/* A peer resetting the connection must not kill the process through
	 * a write on the socket BIO. */
	signal(SIGPIPE, SIG_IGN);

	ctx = SSL_CTX_new(TLS_client_method());
	if (ctx == NULL || SSL_CTX_load_verify_locations(ctx, ca, NULL) != 1) {
		char ebuf[256] = "";
		ERR_error_string_n(ERR_get_error(), ebuf, sizeof(ebuf));
		fprintf(stderr, "tls-bare: %s: %s\n", ca, ebuf);
		goto out;
	}
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	if (once)
		SSL_CTX_set_cert_verify_callback(ctx, verify_once, NULL);
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_NO_COMPRESSION);

	nth = threads < n ? threads : n;
	sh = calloc(nth, sizeof(*sh));
	tid = calloc(nth, sizeof(*tid));
	started = calloc(nth, sizeof(*started));
	if (sh == NULL || tid == NULL || started == NULL) {
		fprintf(stderr, "tls-bare: out of memory\n");
		goto out;
	}
	/* Interleaved shards and jobs divided between the loops, as sovcheck's
	 * capture does (core/tls.c). */
	for (size_t k = 0; k < nth; k++) {
		sh[k].ctx = ctx;
		sh[k].targets = targets;
		sh[k].first = k;
		sh[k].stride = nth;
		sh[k].count = (n - k + nth - 1) / nth;
		sh[k].jobs = (jobs + nth - 1) / nth;
		sh[k].repeat = repeat;
		sh[k].timeout_ms = (unsigned)timeout_ms;
		if (once && (sh[k].vc = calloc(VCACHE_SLOTS, sizeof(*sh[k].vc))) == NULL) {
			fprintf(stderr, "tls-bare: out of memory\n");
			goto out;
		}
	}
	double t0 = now_s();
	for (size_t k = 1; k < nth; k++)
		started[k] = pthread_create(&tid[k], NULL, shard_run, &sh[k]) == 0;
	shard_run(&sh[0]);
	for (size_t k = 1; k < nth; k++) {
		if (started[k])
			pthread_join(tid[k], NULL);
		else
			shard_run(&sh[k]);
	}
	double el = now_s() - t0;

	struct counts c = {0};
	bool broken = false;
	for (size_t k = 0; k < nth; k++) {
		c.ok += sh[k].c.ok;
		c.verify_failed += sh[k].c.verify_failed;
		c.failed += sh[k].c.failed;
		c.timeouts += sh[k].c.timeouts;
		for (int v = 0; v < V_COUNT; v++)
			c.ver[v] += sh[k].c.ver[v];
		broken |= sh[k].broken;
	}
	uint64_t hs = c.ok + c.verify_failed + c.failed + c.timeouts;
	printf("targets=%zu repeat=%lu jobs=%lu threads=%zu verify=%s handshakes=%llu ok=%llu "
	       "verify_failed=%llu failed=%llu timeouts=%llu seconds=%.3f handshakes_per_s=%.0f",
	       n, repeat, jobs, nth, once ? "once" : "every", (unsigned long long)hs,
	       (unsigned long long)c.ok,
	       (unsigned long long)c.verify_failed, (unsigned long long)c.failed,
	       (unsigned long long)c.timeouts, el, el > 0 ? (double)c.ok / el : 0.0);
	for (int v = 0; v < V_COUNT; v++)
		if (c.ver[v] > 0)
			printf(" %s=%llu", ver_name[v], (unsigned long long)c.ver[v]);
	printf("\n");
	if (broken)
		fprintf(stderr, "tls-bare: an event loop stopped early (epoll, memory or descriptors)\n");
	rc = broken ? 4 : (c.ok == (uint64_t)n * repeat ? 0 : 1);
out:
	for (size_t k = 0; sh != NULL && k < nth; k++)
		free(sh[k].vc);
	free(sh);
	free(tid);
	free(started);
	SSL_CTX_free(ctx);
	for (size_t k = 0; k < n; k++)
		free(targets[k].host);
	free(targets);
	return rc;
}
