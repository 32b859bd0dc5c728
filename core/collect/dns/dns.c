/*
 * dns.c — the DNS collector: options, sources (system resolver, resolver
 * addresses, zone files), the orchestration of one run (which questions
 * are asked for which name, CNAME follow-ups, NS/MX targets).
 *
 * The event loop lives in dns-live.c, the zone source in dns-zone.c, the
 * pure answer logic in dns-answer.c, the result in dns-result.c, its JSON
 * form in dns-json.c.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "dns.h"
#include "util.h"

#define RESOLV_CONF_MAX_BYTES (64u * 1024u)

struct sc_dns {
	sc_dns_opts opts;
	struct dns_source *sources;
	size_t nsources;
};

struct dns_run {
	sc_dns *dns;
	sc_dns_result *res;
	struct dns_live *live;
	bool nomem;
	size_t total, done;      /* questions (chases) known and finished */
};

/* ------------------------------------------------------------ reasons */

const char *
sc_dns_reason_to_string(sc_dns_reason r)
{
	switch (r) {
	case SC_DNS_OK: return "ok";
	case SC_DNS_NXDOMAIN: return "nxdomain";
	case SC_DNS_SERVFAIL: return "servfail";
	case SC_DNS_REFUSED: return "refused";
	case SC_DNS_TIMEOUT: return "timeout";
	case SC_DNS_CNAME_LOOP: return "cname_loop";
	case SC_DNS_CHAIN_TOO_LONG: return "chain_too_long";
	case SC_DNS_NO_ADDRESS: return "no_address";
	case SC_DNS_MALFORMED: return "malformed";
	case SC_DNS_MISMATCH: return "mismatch";
	case SC_DNS_RCODE: return "rcode";
	case SC_DNS_TOO_MANY: return "too_many_answers";
	case SC_DNS_NOT_IN_ZONE: return "not_in_zone";
	case SC_DNS_INVALID_NAME: return "invalid_name";
	case SC_DNS_NET_ERROR: return "net_error";
	case SC_DNS_SKIPPED: return "skipped";
	}
	return "unknown";
}

bool
sc_dns_reason_from_string(const char *s, sc_dns_reason *ret_r)
{
	for (int i = 0; i < SC_DNS_REASON_COUNT; i++) {
		if (strcmp(s, sc_dns_reason_to_string((sc_dns_reason)i)) == 0) {
			*ret_r = (sc_dns_reason)i;
			return true;
		}
	}
	return false;
}

/* ---------------------------------------------------------- collector */

void
sc_dns_opts_init(sc_dns_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->jobs = 256;
	opts->query_timeout_ms = 1500;
	opts->retries = 2;
	opts->timeout_ms = 0;
	opts->edns_udp_size = 1232;  /* DNS flag day 2020 */
	opts->rcvbuf_bytes = 1024u * 1024u;
}

sc_status
sc_dns_new(const sc_dns_opts *opts, sc_dns **ret, sc_err *err)
{
	sc_dns *d = calloc(1, sizeof(*d));
	if (d == NULL)
		return util_err(err, SC_ERR_NOMEM, "", 0, 0, "dns", "out of memory");
	if (opts)
		d->opts = *opts;
	else
		sc_dns_opts_init(&d->opts);
	if (d->opts.jobs == 0 || d->opts.jobs > 65536 || d->opts.query_timeout_ms == 0 ||
	    d->opts.retries > 20 || (d->opts.edns_udp_size != 0 && d->opts.edns_udp_size < 512)) {
		free(d);
		return util_err(err, SC_ERR_USAGE, "", 0, 0, "dns-options",
		                "DNS options out of range (jobs 1..65536, timeout > 0, "
		                "retries <= 20, EDNS size >= 512)");
	}
	*ret = d;
	return SC_OK;
}

void
sc_dns_free(sc_dns *dns)
{
	if (dns == NULL)
		return;
	for (size_t i = 0; i < dns->nsources; i++) {
		free(dns->sources[i].label);
		dns_zones_free(dns->sources[i].zones);
	}
	free(dns->sources);
	free(dns);
}

size_t
sc_dns_source_count(const sc_dns *dns)
{
	return dns->nsources;
}

static struct dns_source *
source_add(sc_dns *dns, dns_source_kind kind, const char *label)
{
	struct dns_source *ns = realloc(dns->sources, (dns->nsources + 1) * sizeof(*ns));
	if (ns == NULL)
		return NULL;
	dns->sources = ns;
	struct dns_source *s = &ns[dns->nsources];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->label = strdup(label);
	if (s->label == NULL)
		return NULL;
	dns->nsources++;
	return s;
}

static void
server_text(struct dns_server *sv)
{
	char ip[INET6_ADDRSTRLEN] = "";
	unsigned port;
	if (sv->sa.ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)(const void *)&sv->sa;
		inet_ntop(AF_INET6, &s6->sin6_addr, ip, sizeof(ip));
		port = ntohs(s6->sin6_port);
		snprintf(sv->text, sizeof(sv->text), "[%s]:%u", ip, port);
	} else {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)(const void *)&sv->sa;
		inet_ntop(AF_INET, &s4->sin_addr, ip, sizeof(ip));
		port = ntohs(s4->sin_port);
		snprintf(sv->text, sizeof(sv->text), "%s:%u", ip, port);
	}
}

/* Parse "ADDR", "ADDR:PORT", "[V6]:PORT", "V6" into sv. */
static bool
parse_server(const char *in, struct dns_server *sv)
{
	char host[INET6_ADDRSTRLEN + 2];
	const char *port = NULL;
	size_t n = strlen(in);
	if (n == 0 || n >= sizeof(host) + 8)
		return false;
	if (in[0] == '[') {
		const char *close = strchr(in, ']');
		if (close == NULL || (size_t)(close - in - 1) >= sizeof(host))
			return false;
		memcpy(host, in + 1, (size_t)(close - in - 1));
		host[close - in - 1] = '\0';
		if (close[1] == ':')
			port = close + 2;
		else if (close[1] != '\0')
			return false;
	} else {
		const char *colon = strchr(in, ':');
		if (colon != NULL && strchr(colon + 1, ':') == NULL) {
			if ((size_t)(colon - in) >= sizeof(host))
				return false;
			memcpy(host, in, (size_t)(colon - in));
			host[colon - in] = '\0';
			port = colon + 1;
		} else {
			if (n >= sizeof(host))
				return false;
			memcpy(host, in, n + 1);
		}
	}
	unsigned long p = 53;
	if (port != NULL) {
		char *end;
		if (*port < '0' || *port > '9')
			return false;
		p = strtoul(port, &end, 10);
		if (*end != '\0' || p == 0 || p > 65535)
			return false;
	}
	memset(sv, 0, sizeof(*sv));
	struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)&sv->sa;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)&sv->sa;
	if (inet_pton(AF_INET, host, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)p);
		sv->salen = sizeof(*s4);
	} else if (inet_pton(AF_INET6, host, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)p);
		sv->salen = sizeof(*s6);
	} else {
		return false;
	}
	server_text(sv);
	return true;
}

sc_status
sc_dns_add_resolver(sc_dns *dns, const char *addr, sc_err *err)
{
	struct dns_server sv;
	if (addr == NULL || !parse_server(addr, &sv))
		return util_err(err, SC_ERR_USAGE, "", 0, 0, "dns-resolver",
		                "invalid resolver address '%s' (expected ADDR, ADDR:PORT or [IPV6]:PORT)",
		                addr ? addr : "");
	char label[96];
	snprintf(label, sizeof(label), "resolver %s", sv.text);
	if (dns->nsources >= DNS_MAX_SOURCES)
		return util_err(err, SC_ERR_LIMIT, "", 0, 0, "dns-sources",
		                "more than %u DNS sources", DNS_MAX_SOURCES);
	struct dns_source *s = source_add(dns, DNS_SRC_RESOLVER, label);
	if (s == NULL)
		return util_err(err, SC_ERR_NOMEM, "", 0, 0, "dns", "out of memory");
	s->servers[0] = sv;
	s->nservers = 1;
	return SC_OK;
}

sc_status
sc_dns_add_system(sc_dns *dns, const char *path, sc_err *err)
{
	if (path == NULL)
		path = "/etc/resolv.conf";
	char *buf = NULL;
	size_t len;
	sc_status st = util_read_file(path, RESOLV_CONF_MAX_BYTES, &buf, &len, err);
	if (st != SC_OK)
		return st;
	struct dns_server servers[DNS_MAX_SERVERS];
	size_t ns = 0;
	unsigned lineno = 0;
	char *save = NULL;
	for (char *line = buf; line != NULL && *line != '\0'; line = save) {
		char *nl = strchr(line, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		lineno++;
		/* resolv.conf(5): "nameserver ADDR", comments with # or ; */
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "nameserver", 10) != 0 || (p[10] != ' ' && p[10] != '\t'))
			continue;
		p += 10;
		while (*p == ' ' || *p == '\t')
			p++;
		char *e = p;
		while (*e && *e != ' ' && *e != '\t' && *e != '\r' && *e != '#' && *e != ';')
			e++;
		*e = '\0';
		char *pct = strchr(p, '%');  /* link-local scope: not supported */
		if (pct)
			continue;
		struct dns_server sv;
		if (strchr(p, ':') != NULL) {
			/* an IPv6 literal: no port syntax in resolv.conf */
			char tmp[INET6_ADDRSTRLEN + 3];
			snprintf(tmp, sizeof(tmp), "[%s]", p);
			if (!parse_server(tmp, &sv))
				continue;
		} else if (!parse_server(p, &sv)) {
			continue;
		}
		if (ns < DNS_MAX_SERVERS)
			servers[ns++] = sv;
	}
	free(buf);
	if (ns == 0) {
		/* resolv.conf(5): with no nameserver line, the local host is used. */
		if (!parse_server("127.0.0.1", &servers[0]))
			return util_err(err, SC_ERR_INTERNAL, path, 0, 0, "dns", "default server");
		ns = 1;
	}
	if (dns->nsources >= DNS_MAX_SOURCES)
		return util_err(err, SC_ERR_LIMIT, path, 0, 0, "dns-sources",
		                "more than %u DNS sources", DNS_MAX_SOURCES);
	struct dns_source *s = source_add(dns, DNS_SRC_SYSTEM, "system");
	if (s == NULL)
		return util_err(err, SC_ERR_NOMEM, path, 0, 0, "dns", "out of memory");
	memcpy(s->servers, servers, ns * sizeof(servers[0]));
	s->nservers = ns;
	return SC_OK;
}

sc_status
sc_dns_add_zone(sc_dns *dns, const char *path, sc_err *err)
{
	struct dns_source *s = NULL;
	for (size_t i = 0; i < dns->nsources; i++)
		if (dns->sources[i].kind == DNS_SRC_ZONES)
			s = &dns->sources[i];
	if (s == NULL) {
		if (dns->nsources >= DNS_MAX_SOURCES)
			return util_err(err, SC_ERR_LIMIT, path, 0, 0, "dns-sources",
			                "more than %u DNS sources", DNS_MAX_SOURCES);
		s = source_add(dns, DNS_SRC_ZONES, "zones");
		if (s == NULL)
			return util_err(err, SC_ERR_NOMEM, path, 0, 0, "dns", "out of memory");
	}
	return dns_zones_add(&s->zones, path, err);
}

/* ------------------------------------------------------------ the run */

static int64_t
dns_run_now_ms(struct dns_run *run)
{
	if (run->dns->opts.clock)
		return run->dns->opts.clock(run->dns->opts.clock_ctx);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A copy of s owned by the result (labels and server names are few). */
static const char *
intern(struct dns_run *run, const char *s)
{
	const char *r = dns_result_intern(run->res, s);
	if (r == NULL) {
		run->nomem = true;
		return "";
	}
	return r;
}

const sc_dns_published sc_dns_published_names[SC_DNS_PUBLISHED_COUNT] = {
	{"", SC_DNS_WANT_DOMAIN | SC_DNS_WANT_TEXT | SC_DNS_WANT_SPF},
	{"_dmarc", SC_DNS_WANT_TEXT},                /* RFC 7489 */
	{"_mta-sts", SC_DNS_WANT_TEXT},              /* RFC 8461 */
	{"mta-sts", SC_DNS_WANT_ADDR},               /* its policy host */
	{"_autodiscover._tcp", SC_DNS_WANT_SRV},     /* RFC 6186 style */
	{"autodiscover", SC_DNS_WANT_ADDR},
};

const uint16_t dns_q_types[DNS_NQ] = {
	LDNS_RR_TYPE_A, LDNS_RR_TYPE_AAAA, LDNS_RR_TYPE_NS, LDNS_RR_TYPE_MX,
	LDNS_RR_TYPE_TXT, LDNS_RR_TYPE_CAA, LDNS_RR_TYPE_SRV,
};
const unsigned dns_q_want[DNS_NQ] = {
	SC_DNS_WANT_ADDR, SC_DNS_WANT_ADDR, SC_DNS_WANT_DOMAIN, SC_DNS_WANT_DOMAIN,
	SC_DNS_WANT_TEXT, SC_DNS_WANT_TEXT, SC_DNS_WANT_SRV,
};

static void chase_done(struct dns_run *run, struct dns_chase *c);

/* Ask the chase's current question to its source. */
static void
chase_submit(struct dns_run *run, struct dns_chase *c)
{
	if (c->src->kind != DNS_SRC_ZONES) {
		dns_live_submit(run->live, c);
		return;
	}
	for (;;) {
		bool covered = false;
		const char *file = NULL;
		ldns_pkt *pkt = dns_zones_answer(c->src->zones, c->qname, c->qtype, &covered, &file);
		c->observed_ms = dns_run_now_ms(run);
		if (pkt == NULL) {
			if (covered) {
				run->nomem = true;
				dns_chase_fail(c, SC_DNS_NET_ERROR, "out of memory");
			} else {
				dns_chase_fail(c, SC_DNS_NOT_IN_ZONE, "no loaded zone covers %s", c->qname);
			}
			break;
		}
		c->server = intern(run, file ? file : "");
		c->queries++;
		dns_step s = dns_chase_step(c, pkt);
		ldns_pkt_free(pkt);
		if (s == DNS_STEP_NOMEM) {
			run->nomem = true;
			dns_chase_fail(c, SC_DNS_NET_ERROR, "out of memory");
			break;
		}
		if (s == DNS_STEP_DONE)
			break;
	}
	chase_done(run, c);
}

static void
dns_run_on_response(void *ctx, struct dns_chase *c, const ldns_pkt *pkt,
                    const char *server, bool tcp)
{
	struct dns_run *run = ctx;
	if (c->server == NULL || strcmp(c->server, server) != 0)
		c->server = intern(run, server);
	c->observed_ms = dns_run_now_ms(run);
	c->tcp |= tcp;
	c->queries++;
	switch (dns_chase_step(c, pkt)) {
	case DNS_STEP_FOLLOW:
		c->saw_malformed = c->saw_mismatch = false;
		dns_live_submit(run->live, c);
		return;
	case DNS_STEP_NOMEM:
		run->nomem = true;
		dns_chase_fail(c, SC_DNS_NET_ERROR, "out of memory");
		break;
	case DNS_STEP_DONE:
		break;
	}
	chase_done(run, c);
}

static void
dns_run_on_failure(void *ctx, struct dns_chase *c, sc_dns_reason r, const char *detail)
{
	struct dns_run *run = ctx;
	c->observed_ms = dns_run_now_ms(run);
	dns_chase_fail(c, r, "%s", detail);
	chase_done(run, c);
}

/* Start the chases of one answer for the want bits not yet started. */
static bool
answer_want(struct dns_answer_priv *a, unsigned want)
{
	if (a->chases == NULL && (a->chases = calloc(DNS_NQ, sizeof(*a->chases))) == NULL)
		return false;
	for (unsigned t = 0; t < DNS_NQ; t++) {
		if (!(want & dns_q_want[t]))
			continue;
		struct dns_chase *c = &a->chases[t];
		if (c->qtype != 0)
			continue;  /* already asked */
		if (!dns_chase_init(c, a->entry->name, dns_q_types[t]))
			return false;
		c->ans = a;
		c->src = NULL;
		a->nchases++;
		a->pending++;
	}
	return true;
}

static struct dns_entry_priv *entry_get(struct dns_run *run, const char *name,
                                        unsigned want, bool *ret_new);

static void
add_via(struct dns_run *run, struct dns_entry_priv *e, const char *kind, const char *domain)
{
	char buf[DNS_NAME_BUF + 8];
	snprintf(buf, sizeof(buf), "%s:%s", kind, domain);
	for (size_t i = 0; i < e->nvia; i++)
		if (strcmp(e->via[i], buf) == 0)
			return;
	if (e->nvia == e->capvia) {
		size_t cap = e->capvia ? e->capvia * 2 : 2;
		char **nv = realloc(e->via, cap * sizeof(*nv));
		if (nv == NULL) {
			run->nomem = true;
			return;
		}
		e->via = nv;
		e->capvia = cap;
	}
	e->via[e->nvia] = strdup(buf);
	if (e->via[e->nvia] == NULL)
		run->nomem = true;
	else
		e->nvia++;
}

static void start_entry(struct dns_run *run, struct dns_entry_priv *e);

/* The domains of an SPF record's include: mechanisms and redirect=
 * modifier, in canonical form and in order (at most max); a domain with a
 * macro (%{...}) cannot be expanded outside an evaluation and is left
 * out. 0 when txt is not an SPF record ("v=spf1", RFC 7208 section 4.5). */
size_t
sc_dns_spf_names(const char *txt, char (*out)[SC_MAX_NAME_LEN + 1], size_t max)
{
	if (strncasecmp(txt, "v=spf1", 6) != 0 || (txt[6] != '\0' && txt[6] != ' '))
		return 0;
	size_t nout = 0;
	for (const char *p = txt + 6; *p && nout < max; ) {
		while (*p == ' ')
			p++;
		const char *end = p;
		while (*end && *end != ' ')
			end++;
		size_t n = (size_t)(end - p), skip = 0;
		const char *q = p;
		if (n > 0 && (*q == '+' || *q == '-' || *q == '~' || *q == '?'))
			q++, n--;
		if (n > 8 && strncasecmp(q, "include:", 8) == 0)
			skip = 8;
		else if (n > 9 && strncasecmp(q, "redirect=", 9) == 0)
			skip = 9;
		p = end;
		if (skip == 0 || n - skip >= DNS_NAME_BUF || memchr(q, '%', n) != NULL)
			continue;
		char dom[DNS_NAME_BUF];
		memcpy(dom, q + skip, n - skip);
		dom[n - skip] = '\0';
		if (dns_name_canon(dom, out[nout], SC_MAX_NAME_LEN + 1))
			nout++;
	}
	return nout;
}

const char *
sc_dns_spf_term_to_string(sc_dns_spf_term t)
{
	switch (t) {
	case SC_DNS_SPF_NETWORK: return "network";
	case SC_DNS_SPF_WIDE: return "wide";
	case SC_DNS_SPF_BAD_ADDRESS: return "bad_address";
	case SC_DNS_SPF_BAD_PREFIX: return "bad_prefix";
	}
	return "?";
}

/* One ip4:/ip6: term q (n bytes, the qualifier removed) into *r. */
static void
spf_range(const char *q, size_t n, bool v6, sc_dns_spf_range *r)
{
	memset(r, 0, sizeof(*r));
	r->family = v6 ? 6 : 4;
	r->status = SC_DNS_SPF_BAD_ADDRESS;
	const char *a = q + 4, *end = q + n;
	const char *slash = memchr(a, '/', (size_t)(end - a));
	size_t alen = (size_t)((slash ? slash : end) - a);
	unsigned width = v6 ? 128 : 32;
	r->prefix = width;
	char addr[64];
	unsigned char bin[16];
	if (alen == 0 || alen >= sizeof(addr))
		return;
	memcpy(addr, a, alen);
	addr[alen] = '\0';
	if (inet_pton(v6 ? AF_INET6 : AF_INET, addr, bin) != 1)
		return;
	if (slash) {
		/* ip4-cidr-length = "/" ("0" / %x31-39 0*1DIGIT), ip6 0*2DIGIT:
		 * no sign, no leading zero, at most the address's width. */
		const char *d = slash + 1;
		size_t nd = (size_t)(end - d);
		unsigned len = 0;
		r->status = SC_DNS_SPF_BAD_PREFIX;
		if (nd == 0 || nd > 3 || (nd > 1 && d[0] == '0'))
			return;
		for (size_t i = 0; i < nd; i++) {
			if (d[i] < '0' || d[i] > '9')
				return;
			len = len * 10 + (unsigned)(d[i] - '0');
		}
		if (len > width)
			return;
		r->prefix = len;
	}
	/* The network's first address: the host bits cleared. */
	for (unsigned bit = r->prefix; bit < width; bit++)
		bin[bit / 8] &= (unsigned char)~(0x80u >> (bit % 8));
	if (inet_ntop(v6 ? AF_INET6 : AF_INET, bin, r->first, sizeof(r->first)) == NULL) {
		r->status = SC_DNS_SPF_BAD_ADDRESS;
		r->first[0] = '\0';
		return;
	}
	snprintf(r->network, sizeof(r->network), "%s/%u", r->first, r->prefix);
	r->status = r->prefix < (v6 ? 16u : 8u) ? SC_DNS_SPF_WIDE : SC_DNS_SPF_NETWORK;
}

size_t
sc_dns_spf_ranges(const char *txt, sc_dns_spf_range *out, size_t max, size_t *ret_more)
{
	size_t nout = 0, more = 0;
	if (ret_more)
		*ret_more = 0;
	if (txt == NULL || strncasecmp(txt, "v=spf1", 6) != 0 || (txt[6] != '\0' && txt[6] != ' '))
		return 0;
	for (const char *p = txt + 6; *p; ) {
		while (*p == ' ')
			p++;
		const char *end = p;
		while (*end && *end != ' ')
			end++;
		size_t n = (size_t)(end - p);
		const char *q = p;
		p = end;
		if (n > 0 && (*q == '+' || *q == '-' || *q == '~' || *q == '?')) {
			if (*q != '+')
				continue;   /* not authorised: not a sender */
			q++, n--;
		}
		bool v6 = n >= 4 && strncasecmp(q, "ip6:", 4) == 0;
		if (!v6 && !(n >= 4 && strncasecmp(q, "ip4:", 4) == 0))
			continue;
		if (nout == max) {
			more++;
			continue;
		}
		sc_dns_spf_range *r = &out[nout++];
		spf_range(q, n, v6, r);
		size_t keep = n < 64 ? n : 64;
		memcpy(r->term, q, keep);
		if (keep < n)
			memcpy(r->term + keep, "...", 4);
		else
			r->term[keep] = '\0';
	}
	if (ret_more)
		*ret_more = more;
	return nout;
}

/* Ask the names an SPF record includes or redirects to, while the tree's
 * budget lasts (SC_DNS_SPF_LOOKUPS names per tree). */
static void
spf_follow(struct dns_run *run, struct dns_entry_priv *from, const char *rec)
{
	struct dns_entry_priv *root = from->spf_root ? from->spf_root : from;
	char names[SC_DNS_SPF_LOOKUPS][SC_MAX_NAME_LEN + 1];
	size_t n = sc_dns_spf_names(rec, names, SC_DNS_SPF_LOOKUPS);
	for (size_t i = 0; i < n; i++) {
		struct dns_entry_priv *have = dns_result_find_priv(run->res, names[i]);
		if (have == NULL || !(have->pub.want & SC_DNS_WANT_SPF)) {
			if (root->spf_lookups >= SC_DNS_SPF_LOOKUPS)
				return;
			root->spf_lookups++;
		}
		bool isnew = false;
		struct dns_entry_priv *t = entry_get(run, names[i],
		                                     SC_DNS_WANT_TEXT | SC_DNS_WANT_SPF, &isnew);
		if (t == NULL)
			continue;
		if (t->spf_root == NULL && t != root)
			t->spf_root = root;
		add_via(run, t, "spf", from->name);
		start_entry(run, t);
	}
}

/* A chase ended: the targets of NS, MX and SRV become names to resolve,
 * and the names an SPF record includes too. */
static void
chase_done(struct dns_run *run, struct dns_chase *c)
{
	struct dns_answer_priv *a = c->ans;
	if (a->pending > 0)
		a->pending--;
	run->done++;
	if (run->dns->opts.progress != NULL && (run->done % 256 == 0 || run->done == run->total))
		run->dns->opts.progress(run->dns->opts.progress_ctx, run->done, run->total);
	if (c->reason != SC_DNS_OK)
		return;
	const char *domain = a->entry->name;
	if (c->qtype == LDNS_RR_TYPE_TXT) {
		if (!(a->entry->pub.want & SC_DNS_WANT_SPF))
			return;
		for (size_t i = 0; i < c->nrecs; i++)
			spf_follow(run, a->entry, c->recs[i].value);
		return;
	}
	if (c->qtype != LDNS_RR_TYPE_NS && c->qtype != LDNS_RR_TYPE_MX &&
	    c->qtype != LDNS_RR_TYPE_SRV)
		return;
	const char *kind = c->qtype == LDNS_RR_TYPE_NS ? "ns" :
	                   c->qtype == LDNS_RR_TYPE_MX ? "mx" : "srv";
	for (size_t i = 0; i < c->nrecs; i++) {
		const char *target = c->recs[i].value;
		if (strcmp(target, ".") == 0)
			continue;  /* RFC 7505 null MX, RFC 2782 "." SRV: no service */
		bool isnew = false;
		struct dns_entry_priv *t = entry_get(run, target, SC_DNS_WANT_ADDR, &isnew);
		if (t == NULL)
			continue;
		add_via(run, t, kind, domain);
		start_entry(run, t);
	}
}

/* Find or create the entry of a canonical name, adding want bits. */
static struct dns_entry_priv *
entry_get(struct dns_run *run, const char *name, unsigned want, bool *ret_new)
{
	sc_dns_result *res = run->res;
	struct dns_entry_priv *e = dns_result_find_priv(res, name);
	*ret_new = false;
	if (e != NULL) {
		if (!e->pub.literal) {
			e->pub.want |= want;
			for (size_t i = 0; i < e->nanswers; i++)
				if (!answer_want(&e->answers[i], want))
					run->nomem = true;
		}
		return e;
	}
	e = dns_result_entry_new(res, name, 0);
	if (e == NULL) {
		run->nomem = true;
		return NULL;
	}
	char tmp[INET6_ADDRSTRLEN];
	e->pub.literal = sc_ip_canon(name, tmp, sizeof(tmp));
	e->pub.want = e->pub.literal ? 0 : want;
	size_t nans = e->pub.literal ? 1 : run->dns->nsources;
	e->answers = calloc(nans, sizeof(*e->answers));
	if (e->answers == NULL) {
		run->nomem = true;
		return NULL;  /* e stays in the result, freed with it */
	}
	e->nanswers = nans;
	for (size_t i = 0; i < nans; i++) {
		struct dns_answer_priv *a = &e->answers[i];
		a->entry = e;
		if (!e->pub.literal && !answer_want(a, want))
			run->nomem = true;
	}
	*ret_new = true;
	return e;
}

/* Submit every chase of e that has not been sent yet. */
static void
start_entry(struct dns_run *run, struct dns_entry_priv *e)
{
	if (e->pub.literal)
		return;
	bool skip = run->res->n > SC_MAX_DNS_NAMES;
	for (size_t i = 0; i < e->nanswers; i++) {
		struct dns_answer_priv *a = &e->answers[i];
		for (unsigned t = 0; a->chases != NULL && t < DNS_NQ; t++) {
			struct dns_chase *c = &a->chases[t];
			if (c->qtype == 0 || c->src != NULL)
				continue;
			c->src = &run->dns->sources[i];
			run->total++;
			if (skip) {
				dns_run_on_failure(run, c, SC_DNS_SKIPPED,
				                   "more names than the limit SC_MAX_DNS_NAMES");
				continue;
			}
			chase_submit(run, c);
		}
	}
}

/* ---- finalisation: chases -> the public answer ---- */

static int
addr_cmp(const void *x, const void *y)
{
	const sc_dns_addr *a = x, *b = y;
	if (a->family != b->family)
		return a->family - b->family;
	unsigned char ba[16], bb[16];
	int af = a->family == 4 ? AF_INET : AF_INET6;
	if (inet_pton(af, a->ip, ba) != 1 || inet_pton(af, b->ip, bb) != 1)
		return strcmp(a->ip, b->ip);
	int c = memcmp(ba, bb, a->family == 4 ? 4 : 16);
	return c ? c : strcmp(a->owner, b->owner);
}

static int
ns_cmp(const void *x, const void *y)
{
	const sc_dns_target *a = x, *b = y;
	return strcmp(a->name, b->name);
}

static int
mx_cmp(const void *x, const void *y)
{
	const sc_dns_target *a = x, *b = y;
	if (a->preference != b->preference)
		return a->preference < b->preference ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int
text_cmp(const void *x, const void *y)
{
	const sc_dns_text *a = x, *b = y;
	return strcmp(a->value, b->value);
}

/*
 * The final answer keeps its names and records in the result's string
 * pool (each distinct string once: a CDN edge or a load balancer's address
 * is shared by thousands of names) and drops the questions' state.
 */
static bool
answer_compact(struct dns_run *run, struct dns_answer_priv *a)
{
	sc_dns_answer *p = &a->pub;
	sc_dns_result *res = run->res;
	bool ok = true;
#define KEEP(field) do { \
		const char *k_ = dns_result_intern(res, (field)); \
		if (k_ == NULL) \
			ok = false; \
		else \
			(field) = k_; \
	} while (0)
	for (size_t i = 0; i < p->chain_len; i++) {
		KEEP(a->chain[i].owner);
		KEEP(a->chain[i].target);
	}
	for (size_t i = 0; i < p->addr_count; i++) {
		KEEP(a->addrs[i].ip);
		KEEP(a->addrs[i].owner);
	}
	for (size_t i = 0; i < p->ns_count; i++)
		KEEP(a->ns[i].name);
	for (size_t i = 0; i < p->mx_count; i++)
		KEEP(a->mx[i].name);
	for (size_t i = 0; i < p->srv_count; i++)
		KEEP(a->srv[i].name);
	for (size_t i = 0; i < p->txt_count; i++)
		KEEP(a->txt[i].value);
	for (size_t i = 0; i < p->caa_count; i++)
		KEEP(a->caa[i].value);
	KEEP(p->detail);
#undef KEEP
	if (!ok)
		return false;   /* the chases still own what was not moved */
	for (unsigned t = 0; t < DNS_NQ; t++)
		dns_chase_clear(&a->chases[t]);
	free(a->chases);
	a->chases = NULL;
	return true;
}

static bool
answer_finish(struct dns_run *run, struct dns_answer_priv *a, const struct dns_source *src)
{
	sc_dns_answer *p = &a->pub;
	p->source = intern(run, src->label);
	p->transport = src->kind == DNS_SRC_ZONES ? "zone" : "udp";
	p->server = "";
	p->rcode = -1;
	p->reason = SC_DNS_OK;
	const struct dns_chase *why = NULL;
	size_t nhops = 0, nrec[DNS_NQ] = {0};
	if (a->chases == NULL)
		return false;   /* only after out of memory */
	for (unsigned t = 0; t < DNS_NQ; t++) {
		const struct dns_chase *c = &a->chases[t];
		if (c->qtype == 0)
			continue;
		nhops += c->nhops;
		nrec[t] = c->nrecs;
		if (c->reason != SC_DNS_OK && why == NULL)
			why = c;
		if (p->server[0] == '\0' && c->server != NULL)
			p->server = c->server;
		if (c->observed_ms > p->observed_ms)
			p->observed_ms = c->observed_ms;
		p->tcp |= c->tcp;
		if (c->tcp)
			p->transport = "tcp";
		if (p->rcode < 0)
			p->rcode = c->rcode;
	}
	size_t naddr = nrec[DNS_Q_A] + nrec[DNS_Q_AAAA];
	/* empty lists stay NULL (with a zero count) */
	a->chain = nhops ? calloc(nhops, sizeof(*a->chain)) : NULL;
	a->addrs = naddr ? calloc(naddr, sizeof(*a->addrs)) : NULL;
	a->ns = nrec[DNS_Q_NS] ? calloc(nrec[DNS_Q_NS], sizeof(*a->ns)) : NULL;
	a->mx = nrec[DNS_Q_MX] ? calloc(nrec[DNS_Q_MX], sizeof(*a->mx)) : NULL;
	a->srv = nrec[DNS_Q_SRV] ? calloc(nrec[DNS_Q_SRV], sizeof(*a->srv)) : NULL;
	a->txt = nrec[DNS_Q_TXT] ? calloc(nrec[DNS_Q_TXT], sizeof(*a->txt)) : NULL;
	a->caa = nrec[DNS_Q_CAA] ? calloc(nrec[DNS_Q_CAA], sizeof(*a->caa)) : NULL;
	if ((nhops && !a->chain) || (naddr && !a->addrs) || (nrec[DNS_Q_NS] && !a->ns) ||
	    (nrec[DNS_Q_MX] && !a->mx) || (nrec[DNS_Q_SRV] && !a->srv) ||
	    (nrec[DNS_Q_TXT] && !a->txt) || (nrec[DNS_Q_CAA] && !a->caa))
		return false;
	for (unsigned t = 0; t < DNS_NQ; t++) {
		const struct dns_chase *c = &a->chases[t];
		/* One chain for the name: the hops of every question, each once
		 * (A and AAAA normally walk the same chain). */
		for (size_t h = 0; h < c->nhops; h++) {
			bool seen = false;
			for (size_t k = 0; k < p->chain_len && !seen; k++)
				seen = strcmp(a->chain[k].owner, c->hops[h].owner) == 0 &&
				       strcmp(a->chain[k].target, c->hops[h].target) == 0;
			if (!seen)
				a->chain[p->chain_len++] = (sc_dns_hop){
					c->hops[h].owner, c->hops[h].target, c->hops[h].ttl };
		}
		for (size_t r = 0; r < c->nrecs; r++) {
			const struct dns_rec *rec = &c->recs[r];
			sc_dns_target tg = { rec->value, rec->pref, rec->port, rec->ttl };
			switch (t) {
			case DNS_Q_A:
			case DNS_Q_AAAA:
				a->addrs[p->addr_count++] = (sc_dns_addr){
					rec->family, rec->value, rec->owner, rec->ttl };
				break;
			case DNS_Q_NS:
				tg.preference = 0;
				a->ns[p->ns_count++] = tg;
				break;
			case DNS_Q_MX:
				a->mx[p->mx_count++] = tg;
				break;
			case DNS_Q_SRV:
				a->srv[p->srv_count++] = tg;
				break;
			case DNS_Q_TXT:
				a->txt[p->txt_count++] = (sc_dns_text){ rec->value, rec->ttl };
				break;
			case DNS_Q_CAA:
				a->caa[p->caa_count++] = (sc_dns_text){ rec->value, rec->ttl };
				break;
			default:
				break;
			}
		}
	}
	p->chain = a->chain;
	if (p->addr_count > 1)
		qsort(a->addrs, p->addr_count, sizeof(*a->addrs), addr_cmp);
	p->addrs = a->addrs;
	if (p->ns_count > 1)
		qsort(a->ns, p->ns_count, sizeof(*a->ns), ns_cmp);
	p->ns = a->ns;
	if (p->mx_count > 1)
		qsort(a->mx, p->mx_count, sizeof(*a->mx), mx_cmp);
	p->mx = a->mx;
	if (p->srv_count > 1)
		qsort(a->srv, p->srv_count, sizeof(*a->srv), mx_cmp);
	p->srv = a->srv;
	if (p->txt_count > 1)
		qsort(a->txt, p->txt_count, sizeof(*a->txt), text_cmp);
	p->txt = a->txt;
	if (p->caa_count > 1)
		qsort(a->caa, p->caa_count, sizeof(*a->caa), text_cmp);
	p->caa = a->caa;
	p->detail = "";
	if (why != NULL) {
		p->reason = why->reason;
		p->rcode = why->rcode;
		if (why->detail != NULL)
			p->detail = why->detail;  /* owned by the chase, kept with the answer */
	} else if ((a->entry->pub.want & SC_DNS_WANT_ADDR) && p->addr_count == 0) {
		p->reason = SC_DNS_NO_ADDRESS;
		p->detail = "neither A nor AAAA records";
	}
	return answer_compact(run, a);
}

static bool
literal_finish(struct dns_run *run, struct dns_entry_priv *e)
{
	struct dns_answer_priv *a = &e->answers[0];
	sc_dns_answer *p = &a->pub;
	p->source = "literal";
	p->transport = "none";
	p->server = "";
	p->rcode = -1;
	p->reason = SC_DNS_OK;
	p->observed_ms = dns_run_now_ms(run);
	a->addrs = calloc(1, sizeof(*a->addrs));
	if (!a->addrs)
		return false;
	a->addrs[0] = (sc_dns_addr){ strchr(e->name, ':') ? 6 : 4, e->name, e->name, 0 };
	p->addrs = a->addrs;
	p->addr_count = 1;
	p->detail = "";
	return true;
}

static int
entry_cmp(const void *x, const void *y)
{
	const struct dns_entry_priv *const *a = x, *const *b = y;
	return strcmp((*a)->name, (*b)->name);
}

static bool
result_finish(struct dns_run *run)
{
	sc_dns_result *res = run->res;
	for (size_t i = 0; i < res->n; i++) {
		struct dns_entry_priv *e = res->entries[i];
		if (e->pub.literal) {
			if (!literal_finish(run, e))
				return false;
		} else {
			for (size_t k = 0; k < e->nanswers; k++)
				if (!answer_finish(run, &e->answers[k], &run->dns->sources[k]))
					return false;
		}
		if (!dns_entry_publish(e))
			return false;
		e->pub.via = (const char *const *)e->via;
		e->pub.via_count = e->nvia;
		e->pub.differences = "";
	}
	return true;
}

/* sort helper for via strings */
static int
str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

void
dns_result_sort(sc_dns_result *res)
{
	if (res->n > 1)
		qsort(res->entries, res->n, sizeof(*res->entries), entry_cmp);
}

static bool
result_compare(struct dns_run *run)
{
	sc_dns_result *res = run->res;
	for (size_t i = 0; i < res->n; i++) {
		struct dns_entry_priv *e = res->entries[i];
		if (e->nvia > 1)
			qsort(e->via, e->nvia, sizeof(*e->via), str_cmp);
		if (e->nanswers > 1 && !dns_entry_compare(e))
			return false;
	}
	dns_result_sort(res);
	return true;
}

sc_status
sc_dns_resolve(sc_dns *dns, const sc_dns_query *queries, size_t n,
               sc_dns_result **ret, sc_err *err)
{
	sc_status st = SC_OK;
	struct dns_run run = { .dns = dns };
	if (n > SC_MAX_DNS_NAMES)
		return util_err(err, SC_ERR_LIMIT, "", 0, 0, "dns-names",
		                "%zu names to resolve, more than the limit of %u", n,
		                SC_MAX_DNS_NAMES);
	if (dns->nsources == 0) {
		st = sc_dns_add_system(dns, NULL, err);
		if (st != SC_OK)
			return st;
	}
	run.res = calloc(1, sizeof(*run.res));
	if (run.res == NULL)
		return util_err(err, SC_ERR_NOMEM, "", 0, 0, "dns", "out of memory");

	bool live = false;
	for (size_t i = 0; i < dns->nsources; i++)
		live |= dns->sources[i].kind != DNS_SRC_ZONES;
	if (live) {
		struct dns_sink sink = {&run, dns_run_on_response, dns_run_on_failure};
		st = dns_live_new(&dns->opts, &sink, &run.live, err);
		if (st != SC_OK)
			goto out;
	}

	/* Every input name first (so that duplicates merge), then start. */
	for (size_t i = 0; i < n; i++) {
		const char *in = queries[i].name ? queries[i].name : "";
		char key[DNS_NAME_BUF];
		bool valid = sc_ip_canon(in, key, sizeof(key)) ||
		             dns_name_canon(in, key, sizeof(key));
		if (!valid) {
			/* kept under its given spelling, bounded */
			snprintf(key, sizeof(key), "%s", in);
		}
		bool isnew;
		unsigned want = queries[i].want & (SC_DNS_WANT_ADDR | SC_DNS_WANT_DOMAIN |
		                                   SC_DNS_WANT_TEXT | SC_DNS_WANT_SRV |
		                                   SC_DNS_WANT_SPF);
		if (want & SC_DNS_WANT_SPF)
			want |= SC_DNS_WANT_TEXT;
		if (want == 0)
			want = SC_DNS_WANT_ADDR;
		struct dns_entry_priv *e = entry_get(&run, key, want, &isnew);
		if (e == NULL)
			break;
		if (!valid && !e->pub.literal) {
			for (size_t k = 0; k < e->nanswers; k++)
				for (unsigned t = 0; e->answers[k].chases != NULL && t < DNS_NQ; t++) {
					struct dns_chase *c = &e->answers[k].chases[t];
					if (c->qtype == 0 || c->src != NULL)
						continue;
					c->src = &dns->sources[k];
					dns_chase_fail(c, SC_DNS_INVALID_NAME,
					               "not a valid DNS name");
					e->answers[k].pending--;
				}
		}
	}
	size_t ninput = run.res->n;
	for (size_t i = 0; i < ninput && !run.nomem; i++)
		start_entry(&run, run.res->entries[i]);
	if (run.nomem) {
		st = util_err(err, SC_ERR_NOMEM, "", 0, 0, "dns", "out of memory");
		goto out;
	}
	if (run.live != NULL) {
		int64_t deadline = dns->opts.timeout_ms ?
		                   dns_mono_ms() + (int64_t)dns->opts.timeout_ms : 0;
		st = dns_live_run(run.live, deadline, err);
		dns_live_stats(run.live, &run.res->stats);
		if (st != SC_OK)
			goto out;
	}
	if (run.nomem || !result_finish(&run) || !result_compare(&run)) {
		st = util_err(err, SC_ERR_NOMEM, "", 0, 0, "dns", "out of memory");
		goto out;
	}
	*ret = run.res;
	run.res = NULL;
out:
	dns_live_free(run.live);
	sc_dns_result_free(run.res);
	return st;
}

sc_status
sc_dns_resolve_host(sc_dns *dns, const char *host, sc_dns_result **ret, sc_err *err)
{
	sc_dns_query q = { host, SC_DNS_WANT_ADDR };
	return sc_dns_resolve(dns, &q, 1, ret, err);
}
