/*
 * tls-capture.c — live capture: every handshake of a batch in an epoll
 * event loop (or in opts.threads loops, one per thread, each with an
 * interleaved share of the targets). Sockets and SSL objects are
 * non-blocking, at most opts.jobs connections are open at once, and each
 * has a connect deadline and then a handshake deadline (which also covers
 * the SMTP dialogue before STARTTLS, RFC 3207). The chain is recorded
 * whether or not it verifies (tls.c verifies it afterwards).
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
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "sc-limits.h"
#include "tls.h"
#include "util.h"
#include "x509.h"

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
		tls_set_reason(c->r, SC_TLS_CONNECT_REFUSED, "%s", ebuf);
		break;
	case ETIMEDOUT:
		tls_set_reason(c->r, connecting ? SC_TLS_CONNECT_TIMEOUT : SC_TLS_HANDSHAKE_TIMEOUT,
		           "%s", ebuf);
		break;
	case ECONNRESET:
	case EPIPE:
		tls_set_reason(c->r, connecting ? SC_TLS_CONNECT_FAILED : SC_TLS_RESET, "%s", ebuf);
		break;
	default:
		tls_set_reason(c->r, connecting ? SC_TLS_CONNECT_FAILED : SC_TLS_RESET, "%s", ebuf);
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
		tls_set_reason(c->r, SC_TLS_INTERNAL, "epoll_ctl failed");
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
			tls_set_reason(c->r, SC_TLS_RESET, "connection closed by the peer during the handshake");
			conn_finish(l, c);
		} else {
			conn_fail_errno(l, c, e, false);
		}
		return;
	}
	if (eof)
		tls_set_reason(c->r, SC_TLS_RESET, "connection closed by the peer during the handshake");
	else if (too_big)
		tls_set_reason(c->r, SC_TLS_CHAIN_TOO_LONG, "certificate message too large: %s", ebuf);
	else if (asn1)
		tls_set_reason(c->r, SC_TLS_MALFORMED_CERT, "%s", ebuf);
	else if (record && !c->saw_handshake)
		tls_set_reason(c->r, SC_TLS_NOT_TLS, "the peer does not speak TLS: %s", ebuf);
	else
		tls_set_reason(c->r, SC_TLS_HANDSHAKE_FAILED, "%s", ebuf);
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
		tls_set_reason(r, SC_TLS_NO_CERT, "the server presented no certificate");
		conn_finish(l, c);
		return;
	}
	if (n > SC_MAX_CHAIN_CERTS) {
		tls_set_reason(r, SC_TLS_CHAIN_TOO_LONG,
		           "%zu certificates presented, the first %u are kept", n, SC_MAX_CHAIN_CERTS);
		n = SC_MAX_CHAIN_CERTS;
	} else {
		tls_set_reason(r, SC_TLS_OK, "%s", "");
	}
	X509 *chain[SC_MAX_CHAIN_CERTS];
	for (size_t i = 0; i < n; i++)
		chain[i] = sk_X509_value(sk, (int)i);
	if (tls_result_set_chain(l->t, l->vctx, r, chain, n, (int64_t)time(NULL), true, &l->vc) != SC_OK)
		tls_set_reason(r, SC_TLS_INTERNAL, "out of memory");
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
		tls_set_reason(c->r, SC_TLS_INTERNAL, "cannot create the TLS connection");
		conn_finish(l, c);
		return;
	}
	BIO_set_data(bio, (void *)(intptr_t)c->fd);
	SSL_set_bio(c->ssl, bio, bio);   /* the SSL owns the BIO */
	/* RFC 6066 §3: SNI carries a DNS name, never an address literal. */
	if (c->r->host != NULL && !tls_is_ip_literal(c->r->host))
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
			tls_set_reason(c->r, SC_TLS_STARTTLS_FAILED, "SMTP reply longer than %u bytes",
			           SC_MAX_SMTP_REPLY_BYTES);
			conn_finish(l, c);
			return;
		}
		ssize_t n = recv(c->fd, c->buf + c->blen, SC_MAX_SMTP_REPLY_BYTES - c->blen, 0);
		if (n == 0) {
			tls_set_reason(c->r, SC_TLS_STARTTLS_FAILED, "connection closed in the SMTP dialogue");
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
			tls_set_reason(c->r, SC_TLS_STARTTLS_FAILED, "SMTP %s: unexpected reply \"%s\"",
			           c->smtp_phase == 0 ? "greeting" : c->smtp_phase == 1 ? "EHLO" : "STARTTLS",
			           line);
			conn_finish(l, c);
			return;
		}
		if (c->smtp_phase == 2 && used != c->blen) {
			/* Bytes after "220 ready" would be taken as TLS data: a
			 * server (or a man in the middle) injecting them is refused. */
			tls_set_reason(c->r, SC_TLS_STARTTLS_FAILED, "data after the STARTTLS reply");
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
			tls_set_reason(c->r, SC_TLS_INTERNAL, "out of memory");
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
		if (!tls_host_ok(tg->host)) {
			tls_set_reason(r, SC_TLS_BAD_TARGET, "host name is empty, too long or not printable");
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
		tls_set_reason(r, SC_TLS_BAD_TARGET, "address is not an IP literal or port is 0");
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
		tls_set_reason(r, SC_TLS_INTERNAL, "socket: %s", ebuf);
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
		tls_set_reason(r, SC_TLS_INTERNAL, "epoll_ctl failed");
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
				tls_result_clear(r);
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
				tls_set_reason(c->r, SC_TLS_CONNECT_TIMEOUT, "no answer within %u ms",
				           t->connect_ms);
			else
				tls_set_reason(c->r, SC_TLS_HANDSHAKE_TIMEOUT, "%s stalled for %u ms",
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
	tls_vcache_free(&l.vc);
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
