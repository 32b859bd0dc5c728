/*
 * hostile-responder.c — a misbehaving DNS server for the dns suite, built
 * with ldns. Real servers do not misbehave on demand; this one does, by the
 * first label of the question under "hostile.test":
 *
 *   ok         A 192.0.2.1 / AAAA 2001:db8::1
 *   silent     never answers
 *   slow       answers after 300 ms
 *   late       answers after 4 s (after the client gave up)
 *   wrongport  a spoof (A 10.66.66.66) from another port, then the answer
 *   wrongid    a spoof with another ID, then the answer
 *   wrongq     an answer to another question, then the answer
 *   otherq     only ever answers another question
 *   notresp    only ever sends a packet without the QR bit
 *   malformed  only ever sends garbage with the right ID
 *   tc         truncated over UDP, the full answer over TCP
 *   huge       truncated over UDP, 300 A records over TCP
 *   tcpgarbage truncated over UDP, garbage over TCP
 *   bigudp     40 A records in one large UDP datagram (EDNS0)
 *   hugeudp    300 A records in one UDP datagram, larger than offered
 *   tcpclose   truncated over UDP, the TCP connection closed unanswered
 *   loop1/2    loop1 CNAME loop2, loop2 CNAME loop1 (one hop per answer)
 *   selfloop   a CNAME to itself
 *   longN      longN CNAME long(N+1), without end
 *   dangling   CNAME to nx.hostile.test, which does not exist
 *   servfail, refused, nx, noaddr   the rcode / an empty NOERROR
 *
 * Usage: hostile-responder ADDR  (binds UDP and TCP on a free port and
 * prints it on stdout, then serves until SIGTERM).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <ldns/ldns.h>

#define MAXDELAYED 4096

struct delayed {
	int64_t due;
	int fd;
	struct sockaddr_storage to;
	socklen_t tolen;
	uint8_t *buf;
	size_t len;
};

static struct delayed delayed[MAXDELAYED];
static size_t ndelayed;
static volatile sig_atomic_t stop;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int64_t
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
later(int fd, const struct sockaddr_storage *to, socklen_t tolen, uint8_t *buf, size_t len,
      int delay)
{
	if (ndelayed == MAXDELAYED) {
		free(buf);
		return;
	}
	delayed[ndelayed++] = (struct delayed){ now_ms() + delay, fd, *to, tolen, buf, len };
}

/* A response skeleton for query q: same ID and question, QR, AA, RD copied. */
static ldns_pkt *
reply(const ldns_pkt *q, ldns_pkt_rcode rc)
{
	ldns_pkt *r = ldns_pkt_new();
	ldns_pkt_set_id(r, ldns_pkt_id(q));
	ldns_pkt_set_qr(r, true);
	ldns_pkt_set_aa(r, true);
	ldns_pkt_set_rd(r, ldns_pkt_rd(q));
	ldns_pkt_set_rcode(r, (uint8_t)rc);
	ldns_rr_list *qs = ldns_pkt_question(q);
	if (qs && ldns_rr_list_rr_count(qs) > 0) {
		ldns_pkt_push_rr(r, LDNS_SECTION_QUESTION, ldns_rr_clone(ldns_rr_list_rr(qs, 0)));
	}
	return r;
}

static void
add_rr(ldns_pkt *p, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ldns_rr *rr = NULL;
	if (ldns_rr_new_frm_str(&rr, buf, 300, NULL, NULL) == LDNS_STATUS_OK)
		ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr);
}

static uint8_t *
wire(const ldns_pkt *p, size_t *len)
{
	uint8_t *w = NULL;
	if (ldns_pkt2wire(&w, p, len) != LDNS_STATUS_OK)
		return NULL;
	return w;
}

/* Address records for name and qtype. */
static void
add_addr(ldns_pkt *r, const char *name, ldns_rr_type t, const char *v4, const char *v6)
{
	if (t == LDNS_RR_TYPE_A)
		add_rr(r, "%s 300 IN A %s", name, v4);
	else if (t == LDNS_RR_TYPE_AAAA)
		add_rr(r, "%s 300 IN AAAA %s", name, v6);
}

struct out {
	uint8_t *pkts[3];
	size_t lens[3];
	int delay[3];
	int spoof_port[3];   /* 1: send from the other socket */
	int n;
};

static void
emit(struct out *o, ldns_pkt *p, int delay, int other)
{
	size_t len = 0;
	uint8_t *w = wire(p, &len);
	ldns_pkt_free(p);
	if (w == NULL || o->n == 3) {
		free(w);
		return;
	}
	o->pkts[o->n] = w;
	o->lens[o->n] = len;
	o->delay[o->n] = delay;
	o->spoof_port[o->n] = other;
	o->n++;
}

static void
emit_raw(struct out *o, const uint8_t *buf, size_t len)
{
	uint8_t *w = malloc(len);
	memcpy(w, buf, len);
	o->pkts[o->n] = w;
	o->lens[o->n] = len;
	o->delay[o->n] = 0;
	o->spoof_port[o->n] = 0;
	o->n++;
}

/* Decide what to send for query q (tcp: over TCP). */
static void
handle(const ldns_pkt *q, bool tcp, struct out *o)
{
	memset(o, 0, sizeof(*o));
	ldns_rr_list *qs = ldns_pkt_question(q);
	if (qs == NULL || ldns_rr_list_rr_count(qs) != 1)
		return;
	ldns_rr *qr = ldns_rr_list_rr(qs, 0);
	ldns_rr_type t = ldns_rr_get_type(qr);
	char *qn = ldns_rdf2str(ldns_rr_owner(qr));
	char label[64] = "";
	for (size_t i = 0; qn[i] && qn[i] != '.' && i < sizeof(label) - 1; i++) {
		label[i] = (char)((qn[i] >= 'A' && qn[i] <= 'Z') ? qn[i] + 32 : qn[i]);
		label[i + 1] = '\0';
	}
	ldns_pkt *r;
	if (strcmp(label, "ok") == 0 || strcmp(label, "slow") == 0 || strcmp(label, "late") == 0) {
		r = reply(q, LDNS_RCODE_NOERROR);
		add_addr(r, qn, t, "192.0.2.1", "2001:db8::1");
		emit(o, r, label[0] == 's' ? 300 : label[0] == 'l' ? 4000 : 0, 0);
	} else if (strcmp(label, "silent") == 0) {
		/* nothing */
	} else if (strcmp(label, "wrongport") == 0 || strcmp(label, "wrongid") == 0 ||
	           strcmp(label, "wrongq") == 0) {
		ldns_pkt *spoof = reply(q, LDNS_RCODE_NOERROR);
		add_addr(spoof, qn, t, "10.66.66.66", "2001:db8:66::66");
		if (label[5] == 'i')
			ldns_pkt_set_id(spoof, (uint16_t)(ldns_pkt_id(q) + 1));
		if (label[5] == 'q') {
			ldns_pkt_free(spoof);
			spoof = ldns_pkt_new();
			ldns_pkt_set_id(spoof, ldns_pkt_id(q));
			ldns_pkt_set_qr(spoof, true);
			ldns_rr *other = NULL;
			ldns_rr_new_question_frm_str(&other, "other.hostile.test. IN A", NULL, NULL);
			ldns_pkt_push_rr(spoof, LDNS_SECTION_QUESTION, other);
			add_addr(spoof, qn, t, "10.66.66.66", "2001:db8:66::66");
		}
		emit(o, spoof, 0, label[5] == 'p');
		r = reply(q, LDNS_RCODE_NOERROR);
		add_addr(r, qn, t, "192.0.2.1", "2001:db8::1");
		emit(o, r, 50, 0);
	} else if (strcmp(label, "otherq") == 0) {
		r = ldns_pkt_new();
		ldns_pkt_set_id(r, ldns_pkt_id(q));
		ldns_pkt_set_qr(r, true);
		ldns_rr *other = NULL;
		ldns_rr_new_question_frm_str(&other, "other.hostile.test. IN A", NULL, NULL);
		ldns_pkt_push_rr(r, LDNS_SECTION_QUESTION, other);
		add_addr(r, "other.hostile.test.", t, "10.66.66.66", "2001:db8:66::66");
		emit(o, r, 0, 0);
	} else if (strcmp(label, "notresp") == 0) {
		r = reply(q, LDNS_RCODE_NOERROR);
		ldns_pkt_set_qr(r, false);
		emit(o, r, 0, 0);
	} else if (strcmp(label, "malformed") == 0 ||
	           (strcmp(label, "tcpgarbage") == 0 && tcp)) {
		uint8_t g[40];
		memset(g, 0xff, sizeof(g));
		g[0] = (uint8_t)(ldns_pkt_id(q) >> 8);
		g[1] = (uint8_t)(ldns_pkt_id(q) & 0xff);
		g[2] = 0x84;  /* QR, AA */
		g[3] = 0x00;
		g[4] = 0;
		g[5] = 1;     /* one question that runs off the end */
		emit_raw(o, g, sizeof(g));
	} else if ((strcmp(label, "tc") == 0 || strcmp(label, "huge") == 0 ||
	            strcmp(label, "tcpgarbage") == 0 || strcmp(label, "tcpclose") == 0) && !tcp) {
		r = reply(q, LDNS_RCODE_NOERROR);
		ldns_pkt_set_tc(r, true);
		emit(o, r, 0, 0);
	} else if (strcmp(label, "tc") == 0) {
		r = reply(q, LDNS_RCODE_NOERROR);
		add_addr(r, qn, t, "192.0.2.7", "2001:db8::7");
		emit(o, r, 0, 0);
	} else if (strcmp(label, "tcpclose") == 0) {
		/* nothing: the connection is closed */
	} else if (strcmp(label, "huge") == 0 || strcmp(label, "bigudp") == 0 ||
	           strcmp(label, "hugeudp") == 0) {
		r = reply(q, LDNS_RCODE_NOERROR);
		int count = label[0] == 'h' ? 300 : 40;
		for (int i = 0; i < count; i++) {
			if (t == LDNS_RR_TYPE_A)
				add_rr(r, "%s 300 IN A 10.1.%d.%d", qn, i / 250, i % 250 + 1);
			else if (t == LDNS_RR_TYPE_AAAA)
				add_rr(r, "%s 300 IN AAAA 2001:db8:1::%x", qn, i + 1);
		}
		emit(o, r, 0, 0);
	} else if (strcmp(label, "loop1") == 0 || strcmp(label, "loop2") == 0) {
		r = reply(q, LDNS_RCODE_NOERROR);
		add_rr(r, "%s 300 IN CNAME loop%c.hostile.test.", qn, label[4] == '1' ? '2' : '1');
		emit(o, r, 0, 0);
	} else if (strcmp(label, "selfloop") == 0) {
		r = reply(q, LDNS_RCODE_NOERROR);
		add_rr(r, "%s 300 IN CNAME %s", qn, qn);
		emit(o, r, 0, 0);
	} else if (strncmp(label, "long", 4) == 0) {
		r = reply(q, LDNS_RCODE_NOERROR);
		add_rr(r, "%s 300 IN CNAME long%ld.hostile.test.", qn, strtol(label + 4, NULL, 10) + 1);
		emit(o, r, 0, 0);
	} else if (strcmp(label, "dangling") == 0) {
		r = reply(q, LDNS_RCODE_NOERROR);
		add_rr(r, "%s 300 IN CNAME nx.hostile.test.", qn);
		emit(o, r, 0, 0);
	} else if (strcmp(label, "servfail") == 0) {
		emit(o, reply(q, LDNS_RCODE_SERVFAIL), 0, 0);
	} else if (strcmp(label, "refused") == 0) {
		emit(o, reply(q, LDNS_RCODE_REFUSED), 0, 0);
	} else if (strcmp(label, "noaddr") == 0) {
		emit(o, reply(q, LDNS_RCODE_NOERROR), 0, 0);
	} else {
		emit(o, reply(q, LDNS_RCODE_NXDOMAIN), 0, 0);
	}
	free(qn);
}

static void
serve_tcp(int lfd)
{
	int c = accept(lfd, NULL, NULL);
	if (c < 0)
		return;
	struct timeval tv = { 1, 0 };
	setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	uint8_t lb[2], buf[65536];
	if (recv(c, lb, 2, MSG_WAITALL) != 2)
		goto out;
	size_t len = ((size_t)lb[0] << 8) | lb[1];
	if (recv(c, buf, len, MSG_WAITALL) != (ssize_t)len)
		goto out;
	ldns_pkt *q = NULL;
	if (ldns_wire2pkt(&q, buf, len) != LDNS_STATUS_OK)
		goto out;
	struct out o;
	handle(q, true, &o);
	ldns_pkt_free(q);
	for (int i = 0; i < o.n; i++) {
		uint8_t hdr[2] = { (uint8_t)(o.lens[i] >> 8), (uint8_t)(o.lens[i] & 0xff) };
		if (send(c, hdr, 2, MSG_NOSIGNAL) == 2)
			(void)!send(c, o.pkts[i], o.lens[i], MSG_NOSIGNAL);
		free(o.pkts[i]);
	}
out:
	close(c);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: hostile-responder ADDR\n");
		return 64;
	}
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	signal(SIGPIPE, SIG_IGN);
	struct sockaddr_in sa = { .sin_family = AF_INET };
	if (inet_pton(AF_INET, argv[1], &sa.sin_addr) != 1)
		return 64;
	int udp = -1, tcp = -1, other = socket(AF_INET, SOCK_DGRAM, 0);
	for (int tries = 0; tries < 50; tries++) {
		udp = socket(AF_INET, SOCK_DGRAM, 0);
		sa.sin_port = 0;
		if (bind(udp, (struct sockaddr *)&sa, sizeof(sa)) != 0)
			return 4;
		socklen_t sl = sizeof(sa);
		getsockname(udp, (struct sockaddr *)&sa, &sl);
		tcp = socket(AF_INET, SOCK_STREAM, 0);
		int one = 1;
		setsockopt(tcp, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(tcp, (struct sockaddr *)&sa, sizeof(sa)) == 0 && listen(tcp, 64) == 0)
			break;
		close(udp);
		close(tcp);
		udp = tcp = -1;
	}
	struct sockaddr_in oa = { .sin_family = AF_INET, .sin_addr = sa.sin_addr };
	if (udp < 0 || bind(other, (struct sockaddr *)&oa, sizeof(oa)) != 0)
		return 4;
	printf("%u\n", (unsigned)ntohs(sa.sin_port));
	fflush(stdout);

	uint8_t buf[65536];
	while (!stop) {
		int64_t now = now_ms();
		int wait = 1000;
		for (size_t i = 0; i < ndelayed; i++) {
			int64_t d = delayed[i].due - now;
			if (d < wait)
				wait = d < 0 ? 0 : (int)d;
		}
		struct pollfd pf[2] = { { udp, POLLIN, 0 }, { tcp, POLLIN, 0 } };
		int n = poll(pf, 2, wait);
		if (n < 0 && errno != EINTR)
			return 4;
		if (n > 0 && (pf[0].revents & POLLIN)) {
			struct sockaddr_storage from;
			socklen_t fl = sizeof(from);
			ssize_t len = recvfrom(udp, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
			ldns_pkt *q = NULL;
			if (len > 0 && ldns_wire2pkt(&q, buf, (size_t)len) == LDNS_STATUS_OK) {
				struct out o;
				handle(q, false, &o);
				ldns_pkt_free(q);
				for (int i = 0; i < o.n; i++)
					later(o.spoof_port[i] ? other : udp, &from, fl, o.pkts[i], o.lens[i],
					      o.delay[i]);
			}
		}
		if (n > 0 && (pf[1].revents & POLLIN))
			serve_tcp(tcp);
		now = now_ms();
		for (size_t i = 0; i < ndelayed;) {
			if (delayed[i].due <= now) {
				(void)!sendto(delayed[i].fd, delayed[i].buf, delayed[i].len, 0,
				              (struct sockaddr *)&delayed[i].to, delayed[i].tolen);
				free(delayed[i].buf);
				delayed[i] = delayed[--ndelayed];
			} else {
				i++;
			}
		}
	}
	for (size_t i = 0; i < ndelayed; i++)
		free(delayed[i].buf);
	close(udp);
	close(tcp);
	close(other);
	return 0;
}
