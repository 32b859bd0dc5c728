/*
 * dns-live.c — the live DNS source: a non-blocking event loop (epoll) over
 * a bounded pool of UDP sockets, each bound to a kernel-chosen random
 * port, with random query IDs from the kernel CSPRNG (getrandom), a cap on
 * queries in flight, a per-attempt timeout with retries, an overall
 * deadline, EDNS0, and a retry over TCP (2-byte length framing, RFC 1035
 * section 4.2.2) when an answer is truncated.
 *
 * A response is accepted only when it comes from the address and port the
 * query was sent to, carries the query's ID and its question (RFC 5452
 * section 9.1). Everything else is dropped and counted; a query that only
 * ever received unparsable packets or answers to other questions ends as
 * "malformed" or "mismatch" instead of "timeout".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "dns.h"
#include "util.h"

#define UDP_SOCKETS_MAX 32u    /* per address family */
#define QUERY_WIRE_MAX 512u    /* a question with EDNS0 fits easily */
#define EV_BATCH 256
#define RECV_BATCH 32
#define EV_UDP4 1u
#define EV_UDP6 2u
#define EV_TCP 3u
/* epoll data: kind << 56 | generation << 32 | index. The generation of a
 * TCP slot changes when its connection closes, so that an event already
 * fetched for a closed connection is not applied to the slot's next one. */
#define EV_DATA(kind, gen, idx) \
	(((uint64_t)(kind) << 56) | ((uint64_t)((gen) & 0xffffffu) << 32) | (uint64_t)(idx))

enum tcp_state { TCP_NONE = 0, TCP_CONNECTING, TCP_WRITING, TCP_READING };

struct slot {
	struct dns_chase *c;          /* NULL: free */
	const struct dns_server *server;
	uint16_t id;
	int sock;                     /* UDP socket index */
	int family;
	unsigned attempt;
	int64_t deadline;
	uint8_t wire[QUERY_WIRE_MAX];
	size_t wirelen;
	int senderr;                  /* last errno of sendto/connect, 0 if none */
	/* TCP after truncation */
	enum tcp_state tcp;
	int fd;
	uint32_t gen;                 /* bumped when the connection closes */
	uint8_t lenbuf[2];
	uint8_t *rbuf;
	size_t rneed, rgot, wdone;
	struct slot *tprev, *tnext;   /* deadline list (ordered) */
	struct slot *hnext;           /* (socket, id) hash chain */
	struct slot *fnext;           /* free list */
	bool in_hash;
};

struct dns_live {
	sc_dns_opts opts;
	struct dns_sink sink;
	int ep;
	int udp4[UDP_SOCKETS_MAX], udp6[UDP_SOCKETS_MAX];
	unsigned n4, n6, nsock;
	bool v4_failed, v6_failed;
	struct slot *slots, *free;
	unsigned inflight;
	struct slot **hash;
	size_t hmask;
	struct dns_chase *phead, *ptail;  /* pending questions */
	struct slot *thead, *ttail;       /* in flight, by deadline */
	uint8_t rnd[4096];
	size_t rndpos;
	/* Queries to send, flushed with one sendmmsg(2) per family; each batch
	 * leaves through one socket of the pool, drawn at random per batch. */
	struct slot **stage;
	uint16_t *stage_id;
	size_t nstage, capstage;
	struct mmsghdr *smsgs;
	struct iovec *siov;
	int bsock4, bsock6;               /* socket of the current batch */
	/* recvmmsg(2) batch: one system call reads many answers */
	uint8_t *rbufs;
	size_t rbufsz;
	struct mmsghdr msgs[RECV_BATCH];
	struct iovec iov[RECV_BATCH];
	struct sockaddr_storage from[RECV_BATCH];
	sc_dns_stats stats;
};

int64_t
dns_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Random bytes from the kernel CSPRNG, buffered. */
static bool
rnd_bytes(struct dns_live *l, void *out, size_t n)
{
	if (l->rndpos + n > sizeof(l->rnd)) {
		size_t got = 0;
		while (got < sizeof(l->rnd)) {
			ssize_t r = getrandom(l->rnd + got, sizeof(l->rnd) - got, 0);
			if (r < 0) {
				if (errno == EINTR)
					continue;
				return false;
			}
			got += (size_t)r;
		}
		l->rndpos = 0;
	}
	memcpy(out, l->rnd + l->rndpos, n);
	l->rndpos += n;
	return true;
}

sc_status
dns_live_new(const sc_dns_opts *opts, const struct dns_sink *sink, struct dns_live **ret,
             sc_err *err)
{
	struct dns_live *l = calloc(1, sizeof(*l));
	if (l == NULL)
		return util_err(err, SC_ERR_NOMEM, "", 0, 0, "dns", "out of memory");
	l->opts = *opts;
	l->sink = *sink;
	l->rndpos = sizeof(l->rnd);
	l->ep = -1;
	l->slots = calloc(opts->jobs, sizeof(*l->slots));
	/* Room for what EDNS0 lets a server send; a larger datagram arrives
	 * cut (MSG_TRUNC) and is counted as malformed. */
	l->rbufsz = opts->edns_udp_size > 4096 ? opts->edns_udp_size : 4096;
	l->rbufs = malloc(l->rbufsz * RECV_BATCH);
	size_t hs = 16;
	while (hs < (size_t)opts->jobs * 2)
		hs *= 2;
	l->hash = calloc(hs, sizeof(*l->hash));
	l->hmask = hs - 1;
	l->capstage = (size_t)opts->jobs * 2;
	l->stage = calloc(l->capstage, sizeof(*l->stage));
	l->stage_id = calloc(l->capstage, sizeof(*l->stage_id));
	l->smsgs = calloc(l->capstage, sizeof(*l->smsgs));
	l->siov = calloc(l->capstage, sizeof(*l->siov));
	l->bsock4 = l->bsock6 = -1;
	if (l->slots == NULL || l->hash == NULL || l->rbufs == NULL || l->stage == NULL ||
	    l->stage_id == NULL || l->smsgs == NULL || l->siov == NULL) {
		dns_live_free(l);
		return util_err(err, SC_ERR_NOMEM, "", 0, 0, "dns", "out of memory");
	}
	for (unsigned i = 0; i < opts->jobs; i++) {
		l->slots[i].fd = -1;
		l->slots[i].fnext = l->free;
		l->free = &l->slots[i];
	}
	l->nsock = opts->jobs < UDP_SOCKETS_MAX ? opts->jobs : UDP_SOCKETS_MAX;
	l->ep = epoll_create1(EPOLL_CLOEXEC);
	if (l->ep < 0) {
		char eb[128];
		strerror_r(errno, eb, sizeof(eb));
		dns_live_free(l);
		return util_err(err, SC_ERR_NET, "", 0, 0, "dns", "epoll_create1: %s", eb);
	}
	*ret = l;
	return SC_OK;
}

void
dns_live_free(struct dns_live *l)
{
	if (l == NULL)
		return;
	for (unsigned i = 0; i < l->n4; i++)
		close(l->udp4[i]);
	for (unsigned i = 0; i < l->n6; i++)
		close(l->udp6[i]);
	if (l->slots != NULL) {
		for (unsigned i = 0; i < l->opts.jobs; i++) {
			if (l->slots[i].fd >= 0)
				close(l->slots[i].fd);
			free(l->slots[i].rbuf);
		}
	}
	if (l->ep >= 0)
		close(l->ep);
	free(l->slots);
	free(l->hash);
	free(l->rbufs);
	free(l->stage);
	free(l->stage_id);
	free(l->smsgs);
	free(l->siov);
	free(l);
}

void
dns_live_stats(const struct dns_live *l, sc_dns_stats *ret)
{
	*ret = l->stats;
}

void
dns_live_submit(struct dns_live *l, struct dns_chase *c)
{
	c->next = NULL;
	if (l->ptail)
		l->ptail->next = c;
	else
		l->phead = c;
	l->ptail = c;
}

/* Open the UDP socket pool of one family: each socket bound to port 0, so
 * that the kernel picks a random source port (RFC 5452 section 9.2). */
static bool
open_pool(struct dns_live *l, int family)
{
	int *fds = family == AF_INET ? l->udp4 : l->udp6;
	unsigned *n = family == AF_INET ? &l->n4 : &l->n6;
	for (unsigned i = 0; i < l->nsock; i++) {
		int fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return *n > 0;
		int rb = (int)l->opts.rcvbuf_bytes;
		if (rb > 0)
			setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rb, sizeof(rb));
		struct sockaddr_storage any;
		memset(&any, 0, sizeof(any));
		any.ss_family = (sa_family_t)family;
		socklen_t alen = family == AF_INET ? sizeof(struct sockaddr_in)
		                                   : sizeof(struct sockaddr_in6);
		struct epoll_event ev = { .events = EPOLLIN };
		ev.data.u64 = EV_DATA(family == AF_INET ? EV_UDP4 : EV_UDP6, 0, i);
		if (bind(fd, (struct sockaddr *)&any, alen) != 0 ||
		    epoll_ctl(l->ep, EPOLL_CTL_ADD, fd, &ev) != 0) {
			close(fd);
			return *n > 0;
		}
		fds[(*n)++] = fd;
	}
	return true;
}

static size_t
hkey(int sock, uint16_t id)
{
	return ((size_t)id * 2654435761u ^ (size_t)sock * 40503u);
}

static void
hash_add(struct dns_live *l, struct slot *s)
{
	size_t b = hkey(s->sock, s->id) & l->hmask;
	s->hnext = l->hash[b];
	l->hash[b] = s;
	s->in_hash = true;
}

static void
hash_del(struct dns_live *l, struct slot *s)
{
	if (!s->in_hash)
		return;
	struct slot **pp = &l->hash[hkey(s->sock, s->id) & l->hmask];
	for (; *pp != NULL; pp = &(*pp)->hnext)
		if (*pp == s) {
			*pp = s->hnext;
			break;
		}
	s->in_hash = false;
}

static struct slot *
hash_find(struct dns_live *l, int sock, uint16_t id)
{
	struct slot *s = l->hash[hkey(sock, id) & l->hmask];
	for (; s != NULL; s = s->hnext)
		if (s->sock == sock && s->id == id && s->family != 0)
			return s;
	return NULL;
}

static void
tlist_del(struct dns_live *l, struct slot *s)
{
	if (s->tprev)
		s->tprev->tnext = s->tnext;
	else if (l->thead == s)
		l->thead = s->tnext;
	if (s->tnext)
		s->tnext->tprev = s->tprev;
	else if (l->ttail == s)
		l->ttail = s->tprev;
	s->tprev = s->tnext = NULL;
}

/* Deadlines are "now + the same timeout", so appending keeps the order. */
static void
tlist_append(struct dns_live *l, struct slot *s, int64_t now)
{
	s->deadline = now + (int64_t)l->opts.query_timeout_ms;
	s->tprev = l->ttail;
	s->tnext = NULL;
	if (l->ttail)
		l->ttail->tnext = s;
	else
		l->thead = s;
	l->ttail = s;
}

static void
tcp_close(struct dns_live *l, struct slot *s)
{
	if (s->fd >= 0) {
		epoll_ctl(l->ep, EPOLL_CTL_DEL, s->fd, NULL);
		close(s->fd);
		s->fd = -1;
		s->gen++;
	}
	free(s->rbuf);
	s->rbuf = NULL;
	s->tcp = TCP_NONE;
}

static void
slot_release(struct dns_live *l, struct slot *s)
{
	hash_del(l, s);
	tlist_del(l, s);
	tcp_close(l, s);
	s->c->slot = NULL;
	s->c = NULL;
	s->family = 0;
	s->fnext = l->free;
	l->free = s;
	l->inflight--;
}

static void flush_sends(struct dns_live *l);

/* Send (or resend) the slot's query over UDP with a fresh random ID, through
 * the socket of the current batch: queued here, sent by flush_sends(). */
static void
udp_send(struct dns_live *l, struct slot *s, int64_t now)
{
	hash_del(l, s);
	tlist_del(l, s);
	if (l->nstage == l->capstage)
		flush_sends(l);
	int *bsock = s->family == AF_INET ? &l->bsock4 : &l->bsock6;
	unsigned n = s->family == AF_INET ? l->n4 : l->n6;
	uint8_t r[2];
	if (*bsock < 0) {
		if (!rnd_bytes(l, r, 1))
			r[0] = 0;
		*bsock = (int)(r[0] % n);
	}
	s->sock = *bsock;
	for (int tries = 0;; tries++) {
		if (!rnd_bytes(l, r, sizeof(r))) {
			s->senderr = EIO;
			break;
		}
		s->id = (uint16_t)((r[0] << 8) | r[1]);
		if (hash_find(l, s->sock, s->id) == NULL || tries > 64)
			break;
	}
	s->wire[0] = (uint8_t)(s->id >> 8);
	s->wire[1] = (uint8_t)(s->id & 0xff);
	hash_add(l, s);
	tlist_append(l, s, now);
	l->stats.queries++;
	s->senderr = 0;
	l->stage[l->nstage] = s;
	l->stage_id[l->nstage] = s->id;
	l->nstage++;
}

static void
flush_family(struct dns_live *l, int family)
{
	int bsock = family == AF_INET ? l->bsock4 : l->bsock6;
	if (bsock < 0)
		return;
	int fd = family == AF_INET ? l->udp4[bsock] : l->udp6[bsock];
	size_t n = 0;
	for (size_t i = 0; i < l->nstage; i++) {
		struct slot *s = l->stage[i];
		/* skip a slot released or re-sent since it was queued */
		if (s->c == NULL || s->family != family || s->id != l->stage_id[i] ||
		    s->sock != bsock || s->tcp != TCP_NONE)
			continue;
		l->siov[n] = (struct iovec){ s->wire, s->wirelen };
		memset(&l->smsgs[n], 0, sizeof(l->smsgs[n]));
		l->smsgs[n].msg_hdr.msg_name = (void *)(uintptr_t)&s->server->sa;
		l->smsgs[n].msg_hdr.msg_namelen = s->server->salen;
		l->smsgs[n].msg_hdr.msg_iov = &l->siov[n];
		l->smsgs[n].msg_hdr.msg_iovlen = 1;
		l->stage[n] = s;  /* compact: entry n is done with below */
		n++;
	}
	size_t done = 0;
	while (done < n) {
		int w = sendmmsg(fd, l->smsgs + done, (unsigned)(n - done), 0);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			/* A failed send (full buffer, unreachable network) is a lost
			 * packet: the timer retries it; the errno is reported if every
			 * attempt fails. sendmmsg reports the error of the first
			 * message not sent: skip that one and go on. */
			l->stage[done]->senderr = w < 0 ? errno : EIO;
			done++;
			continue;
		}
		done += (size_t)w;
	}
	if (family == AF_INET)
		l->bsock4 = -1;
	else
		l->bsock6 = -1;
}

static void
flush_sends(struct dns_live *l)
{
	if (l->nstage == 0)
		return;
	/* The compaction in flush_family() rewrites l->stage: keep a copy of
	 * the queue for the second family. */
	size_t total = l->nstage;
	size_t n6 = 0;
	for (size_t i = 0; i < total; i++)
		n6 += l->stage[i]->family == AF_INET6;
	if (n6 == 0) {
		flush_family(l, AF_INET);
	} else if (n6 == total) {
		flush_family(l, AF_INET6);
	} else {
		struct slot **copy = malloc(total * sizeof(*copy));
		uint16_t *ids = malloc(total * sizeof(*ids));
		if (copy == NULL || ids == NULL) {
			free(copy);
			free(ids);
			l->nstage = 0;  /* lost packets: the timers retry them */
			return;
		}
		memcpy(copy, l->stage, total * sizeof(*copy));
		memcpy(ids, l->stage_id, total * sizeof(*ids));
		flush_family(l, AF_INET);
		memcpy(l->stage, copy, total * sizeof(*copy));
		memcpy(l->stage_id, ids, total * sizeof(*ids));
		l->nstage = total;
		flush_family(l, AF_INET6);
		free(copy);
		free(ids);
	}
	l->nstage = 0;
}

static void
fail_slot(struct dns_live *l, struct slot *s, sc_dns_reason r, const char *detail)
{
	struct dns_chase *c = s->c;
	slot_release(l, s);
	l->sink.on_failure(l->sink.ctx, c, r, detail);
}

/* True when the socket pool of family is open (opened on first use). */
static bool
have_pool(struct dns_live *l, int family)
{
	bool *failed = family == AF_INET ? &l->v4_failed : &l->v6_failed;
	unsigned n = family == AF_INET ? l->n4 : l->n6;
	if (n == 0 && !*failed && !open_pool(l, family))
		*failed = true;
	return (family == AF_INET ? l->n4 : l->n6) > 0;
}

/* Start the chase's current question in a free slot. */
static void
start_query(struct dns_live *l, struct dns_chase *c, int64_t now)
{
	const struct dns_source *src = c->src;
	const struct dns_server *sv = &src->servers[0];
	int family = sv->sa.ss_family;
	if (!have_pool(l, family)) {
		l->sink.on_failure(l->sink.ctx, c, SC_DNS_NET_ERROR,
		                   family == AF_INET ? "no IPv4 UDP socket" : "no IPv6 UDP socket");
		return;
	}
	ldns_pkt *q = NULL;
	uint8_t *wire = NULL;
	size_t len = 0;
	/* RD: the system resolver and --resolver servers are recursive; an
	 * authoritative server ignores the bit. */
	if (ldns_pkt_query_new_frm_str(&q, c->qname, (ldns_rr_type)c->qtype,
	                               LDNS_RR_CLASS_IN, LDNS_RD) != LDNS_STATUS_OK || q == NULL) {
		l->sink.on_failure(l->sink.ctx, c, SC_DNS_INVALID_NAME, "name rejected by ldns");
		return;
	}
	if (l->opts.edns_udp_size >= 512)
		ldns_pkt_set_edns_udp_size(q, l->opts.edns_udp_size);  /* RFC 6891 */
	ldns_status ls = ldns_pkt2wire(&wire, q, &len);
	ldns_pkt_free(q);
	if (ls != LDNS_STATUS_OK || wire == NULL || len > QUERY_WIRE_MAX || len < LDNS_HEADER_SIZE) {
		free(wire);
		l->sink.on_failure(l->sink.ctx, c, SC_DNS_INVALID_NAME, "cannot encode the question");
		return;
	}
	struct slot *s = l->free;
	l->free = s->fnext;
	l->inflight++;
	s->c = c;
	c->slot = s;
	s->server = sv;
	s->family = family;
	s->attempt = 0;
	s->senderr = 0;
	s->tcp = TCP_NONE;
	memcpy(s->wire, wire, len);
	s->wirelen = len;
	free(wire);
	udp_send(l, s, now);
}

/* The attempt failed (timeout, TCP error): retry or end the chase. */
static void
attempt_failed(struct dns_live *l, struct slot *s, int64_t now, const char *why)
{
	struct dns_chase *c = s->c;
	tcp_close(l, s);
	if (s->attempt < l->opts.retries) {
		s->attempt++;
		l->stats.retries++;
		/* resolv.conf(5): the next name server on each retry */
		const struct dns_source *src = c->src;
		const struct dns_server *next = &src->servers[s->attempt % src->nservers];
		if (next->sa.ss_family == s->family || have_pool(l, next->sa.ss_family)) {
			s->server = next;
			s->family = next->sa.ss_family;
		}
		udp_send(l, s, now);
		return;
	}
	char detail[256];
	sc_dns_reason r = SC_DNS_TIMEOUT;
	if (c->saw_malformed) {
		r = SC_DNS_MALFORMED;
		snprintf(detail, sizeof(detail), "only malformed answers from %s", s->server->text);
	} else if (c->saw_mismatch) {
		r = SC_DNS_MISMATCH;
		snprintf(detail, sizeof(detail), "only answers to another question from %s",
		         s->server->text);
	} else if (s->senderr != 0) {
		char eb[128];
		strerror_r(s->senderr, eb, sizeof(eb));
		r = SC_DNS_NET_ERROR;
		snprintf(detail, sizeof(detail), "cannot send to %s: %s", s->server->text, eb);
	} else {
		snprintf(detail, sizeof(detail), "%s from %s after %u attempts", why,
		         s->server->text, s->attempt + 1);
	}
	fail_slot(l, s, r, detail);
}

static void
tcp_start(struct dns_live *l, struct slot *s, int64_t now)
{
	hash_del(l, s);
	tlist_del(l, s);
	tlist_append(l, s, now);
	l->stats.tcp++;
	s->fd = socket(s->family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0) {
		s->senderr = errno;
		attempt_failed(l, s, now, "no TCP socket");
		return;
	}
	struct epoll_event ev = { .events = EPOLLOUT };
	ev.data.u64 = EV_DATA(EV_TCP, s->gen, (uint64_t)(s - l->slots));
	int rc = connect(s->fd, (const struct sockaddr *)&s->server->sa, s->server->salen);
	if ((rc != 0 && errno != EINPROGRESS) || epoll_ctl(l->ep, EPOLL_CTL_ADD, s->fd, &ev) != 0) {
		s->senderr = errno;
		attempt_failed(l, s, now, "TCP connect failed");
		return;
	}
	s->tcp = TCP_CONNECTING;
	s->wdone = 0;
	s->rgot = 0;
	s->rneed = 2;
}

/* A response accepted for the slot: hand it to the collector. */
static void
deliver(struct dns_live *l, struct slot *s, ldns_pkt *pkt, bool tcp)
{
	struct dns_chase *c = s->c;
	const struct dns_server *sv = s->server;
	l->stats.responses++;
	slot_release(l, s);
	l->sink.on_response(l->sink.ctx, c, pkt, sv->text, tcp);
	ldns_pkt_free(pkt);
}

/* One datagram read from UDP socket idx of family. */
static void
udp_packet(struct dns_live *l, int family, unsigned idx, const uint8_t *buf, size_t n,
           const struct sockaddr_storage *from, bool cut, int64_t now)
{
	if (n < 2 || cut) {
		l->stats.malformed++;
		if (n < 2)
			return;
	}
	uint16_t id = (uint16_t)((buf[0] << 8) | buf[1]);
	struct slot *s = hash_find(l, (int)idx, id);
	if (s == NULL || s->family != family) {
		l->stats.dropped_id++;
		return;
	}
	if (!dns_sockaddr_equal((const struct sockaddr *)from,
	                        (const struct sockaddr *)&s->server->sa)) {
		l->stats.dropped_source++;
		return;
	}
	if (cut) {
		s->c->saw_malformed = true;  /* larger than the EDNS0 size we offered */
		return;
	}
	ldns_pkt *pkt = NULL;
	switch (dns_accept_response(buf, n, id, s->c->qname, s->c->qtype, &pkt)) {
	case DNS_ACCEPT_OK:
		break;
	case DNS_ACCEPT_WRONG_ID:  /* cannot happen: looked up by ID */
	case DNS_ACCEPT_NOT_RESPONSE:
	case DNS_ACCEPT_WRONG_QUESTION:
		l->stats.dropped_question++;
		s->c->saw_mismatch = true;
		return;
	case DNS_ACCEPT_MALFORMED:
		l->stats.malformed++;
		s->c->saw_malformed = true;
		return;
	}
	if (ldns_pkt_tc(pkt)) {
		/* RFC 7766 section 5: retry the question over TCP. */
		ldns_pkt_free(pkt);
		tcp_start(l, s, now);
		return;
	}
	deliver(l, s, pkt, false);
}

static void
udp_read(struct dns_live *l, int family, unsigned idx, int64_t now)
{
	int fd = family == AF_INET ? l->udp4[idx] : l->udp6[idx];
	for (;;) {
		for (unsigned i = 0; i < RECV_BATCH; i++) {
			l->iov[i].iov_base = l->rbufs + i * l->rbufsz;
			l->iov[i].iov_len = l->rbufsz;
			memset(&l->msgs[i], 0, sizeof(l->msgs[i]));
			l->msgs[i].msg_hdr.msg_iov = &l->iov[i];
			l->msgs[i].msg_hdr.msg_iovlen = 1;
			l->msgs[i].msg_hdr.msg_name = &l->from[i];
			l->msgs[i].msg_hdr.msg_namelen = sizeof(l->from[i]);
		}
		int n = recvmmsg(fd, l->msgs, RECV_BATCH, MSG_DONTWAIT, NULL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;  /* EAGAIN, or an ICMP error: the timer handles it */
		}
		for (int i = 0; i < n; i++)
			udp_packet(l, family, idx, l->iov[i].iov_base, l->msgs[i].msg_len,
			           &l->from[i], (l->msgs[i].msg_hdr.msg_flags & MSG_TRUNC) != 0, now);
		if (n < (int)RECV_BATCH)
			return;
	}
}

static void
tcp_event(struct dns_live *l, struct slot *s, uint32_t events, int64_t now)
{
	if (s->c == NULL || s->fd < 0)
		return;  /* stale event for a slot already released */
	if (s->tcp == TCP_CONNECTING) {
		int soerr = 0;
		socklen_t sl = sizeof(soerr);
		if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0 || soerr != 0) {
			s->senderr = soerr;
			attempt_failed(l, s, now, "TCP connect failed");
			return;
		}
		s->tcp = TCP_WRITING;
	}
	if (s->tcp == TCP_WRITING) {
		uint8_t buf[QUERY_WIRE_MAX + 2];
		buf[0] = (uint8_t)(s->wirelen >> 8);
		buf[1] = (uint8_t)(s->wirelen & 0xff);
		memcpy(buf + 2, s->wire, s->wirelen);
		size_t total = s->wirelen + 2;
		while (s->wdone < total) {
			ssize_t w = send(s->fd, buf + s->wdone, total - s->wdone, MSG_NOSIGNAL);
			if (w < 0) {
				if (errno == EAGAIN || errno == EINTR)
					return;
				s->senderr = errno;
				attempt_failed(l, s, now, "TCP send failed");
				return;
			}
			s->wdone += (size_t)w;
		}
		s->tcp = TCP_READING;
		struct epoll_event ev = { .events = EPOLLIN };
		ev.data.u64 = EV_DATA(EV_TCP, s->gen, (uint64_t)(s - l->slots));
		epoll_ctl(l->ep, EPOLL_CTL_MOD, s->fd, &ev);
		return;
	}
	if (s->tcp != TCP_READING || !(events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
		return;
	for (;;) {
		uint8_t *dst = s->rbuf ? s->rbuf + s->rgot : s->lenbuf + s->rgot;
		ssize_t r = recv(s->fd, dst, s->rneed - s->rgot, 0);
		if (r < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return;
			attempt_failed(l, s, now, "TCP receive failed");
			return;
		}
		if (r == 0) {
			attempt_failed(l, s, now, "TCP connection closed early");
			return;
		}
		s->rgot += (size_t)r;
		if (s->rgot < s->rneed)
			continue;
		if (s->rbuf == NULL) {
			size_t len = ((size_t)s->lenbuf[0] << 8) | s->lenbuf[1];
			if (len < LDNS_HEADER_SIZE) {
				l->stats.malformed++;
				s->c->saw_malformed = true;
				attempt_failed(l, s, now, "short TCP message");
				return;
			}
			s->rbuf = malloc(len);
			if (s->rbuf == NULL) {
				fail_slot(l, s, SC_DNS_NET_ERROR, "out of memory");
				return;
			}
			s->rneed = len;
			s->rgot = 0;
			continue;
		}
		ldns_pkt *pkt = NULL;
		switch (dns_accept_response(s->rbuf, s->rneed, s->id, s->c->qname, s->c->qtype, &pkt)) {
		case DNS_ACCEPT_OK:
			deliver(l, s, pkt, true);
			return;
		case DNS_ACCEPT_WRONG_ID:
			l->stats.dropped_id++;
			s->c->saw_mismatch = true;
			break;
		case DNS_ACCEPT_NOT_RESPONSE:
		case DNS_ACCEPT_WRONG_QUESTION:
			l->stats.dropped_question++;
			s->c->saw_mismatch = true;
			break;
		case DNS_ACCEPT_MALFORMED:
			l->stats.malformed++;
			s->c->saw_malformed = true;
			break;
		}
		attempt_failed(l, s, now, "unacceptable TCP answer");
		return;
	}
}

static void
fail_everything(struct dns_live *l)
{
	while (l->thead != NULL)
		fail_slot(l, l->thead, SC_DNS_TIMEOUT, "overall timeout reached");
	while (l->phead != NULL) {
		struct dns_chase *c = l->phead;
		l->phead = c->next;
		if (l->phead == NULL)
			l->ptail = NULL;
		l->sink.on_failure(l->sink.ctx, c, SC_DNS_TIMEOUT, "overall timeout reached");
	}
}

sc_status
dns_live_run(struct dns_live *l, int64_t deadline, sc_err *err)
{
	struct epoll_event evs[EV_BATCH];
	for (;;) {
		int64_t now = dns_mono_ms();
		if (deadline != 0 && now >= deadline) {
			fail_everything(l);
			break;
		}
		while (l->phead != NULL && l->free != NULL) {
			struct dns_chase *c = l->phead;
			l->phead = c->next;
			if (l->phead == NULL)
				l->ptail = NULL;
			start_query(l, c, now);
		}
		flush_sends(l);
		if (l->inflight == 0 && l->phead == NULL)
			break;
		int wait = -1;
		if (l->thead != NULL) {
			int64_t w = l->thead->deadline - now;
			if (deadline != 0 && deadline - now < w)
				w = deadline - now;
			wait = w < 0 ? 0 : (int)w;
		}
		int n = epoll_wait(l->ep, evs, EV_BATCH, wait);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			char eb[128];
			strerror_r(errno, eb, sizeof(eb));
			return util_err(err, SC_ERR_NET, "", 0, 0, "dns", "epoll_wait: %s", eb);
		}
		now = dns_mono_ms();
		for (int i = 0; i < n; i++) {
			unsigned kind = (unsigned)(evs[i].data.u64 >> 56);
			uint32_t gen = (uint32_t)(evs[i].data.u64 >> 32) & 0xffffffu;
			unsigned idx = (unsigned)(evs[i].data.u64 & 0xffffffffu);
			if (kind == EV_UDP4)
				udp_read(l, AF_INET, idx, now);
			else if (kind == EV_UDP6)
				udp_read(l, AF_INET6, idx, now);
			else if (kind == EV_TCP && idx < l->opts.jobs &&
			         (l->slots[idx].gen & 0xffffffu) == gen)
				tcp_event(l, &l->slots[idx], evs[i].events, now);
		}
		now = dns_mono_ms();
		while (l->thead != NULL && l->thead->deadline <= now) {
			l->stats.timeouts++;
			attempt_failed(l, l->thead, now, "no answer");
		}
		flush_sends(l);
	}
	return SC_OK;
}
