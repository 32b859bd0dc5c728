/*
 * collect.c — gather the evidence a manifest calls for (docs/architecture.md):
 * DNS answers for every endpoint, subcontractor host and declared domain,
 * then TLS chains for every TLS endpoint (live handshakes per resolved
 * address, or PEM files), then DNS answers for the hosts the certificates
 * point to (OCSP, CA issuers, CRL distribution points).
 *
 * and finally the geolocation answer of every address collected, with the
 * identity of each database consulted. The product is sc_evidence
 * (evidence.h), complete when sc_collect() returns.
 *
 * Sources: zone files (--zone, sources.zones) and PEM files (--chains,
 * sources.chains) work offline; resolvers and live handshakes only without
 * --offline. Nothing collected means nothing to judge: the observed checks
 * then say "unknown", never "pass".
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "evidence.h"
#include "manifest.h"
#include "sc-limits.h"
#include "util.h"

/* A list of queries without duplicates (wants merged). */
struct qlist {
	sc_dns_query *q;
	size_t n, cap;
	char **own;       /* names made here (the published names), freed last */
	size_t nown;
	bool oom;
};

/* Add a query; duplicates are merged once the list is complete
 * (qdedupe()), not by a search per name. */
static void
qadd(struct qlist *l, const char *name, unsigned want)
{
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 32;
		sc_dns_query *p = realloc(l->q, nc * sizeof(*p));
		if (p == NULL) {
			l->oom = true;
			return;
		}
		l->q = p;
		l->cap = nc;
	}
	l->q[l->n].name = name;   /* borrowed from the manifest or a result */
	l->q[l->n].want = want;
	l->n++;
}

struct qref {
	const sc_dns_query *q;
	size_t i;
};

static int
qref_cmp(const void *a, const void *b)
{
	const struct qref *x = a, *y = b;
	int c = strcasecmp(x->q->name, y->q->name);
	return c ? c : (x->i < y->i ? -1 : x->i > y->i);
}

static int
qref_pos(const void *a, const void *b)
{
	const struct qref *x = a, *y = b;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* One query per name (case-insensitive), its wants merged, in the order
 * names were first added. */
static void
qdedupe(struct qlist *l)
{
	if (l->n < 2 || l->oom)
		return;
	struct qref *r = malloc(l->n * sizeof(*r));
	sc_dns_query *out = malloc(l->n * sizeof(*out));
	if (r == NULL || out == NULL) {
		free(r);
		free(out);
		l->oom = true;
		return;
	}
	for (size_t i = 0; i < l->n; i++)
		r[i] = (struct qref){&l->q[i], i};
	qsort(r, l->n, sizeof(*r), qref_cmp);
	size_t w = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (w && strcasecmp(r[w - 1].q->name, r[i].q->name) == 0) {
			l->q[r[w - 1].i].want |= r[i].q->want;
			continue;
		}
		r[w++] = r[i];
	}
	qsort(r, w, sizeof(*r), qref_pos);
	for (size_t i = 0; i < w; i++)
		out[i] = l->q[r[i].i];
	free(r);
	free(l->q);
	l->q = out;
	l->n = l->cap = w;
}

/* The names a domain publishes its services under (discover). */
static void
qadd_published(struct qlist *l, const char *domain)
{
	for (size_t k = 0; k < SC_DNS_PUBLISHED_COUNT; k++) {
		const sc_dns_published *p = &sc_dns_published_names[k];
		if (p->label[0] == '\0') {
			qadd(l, domain, p->want);
			continue;
		}
		size_t n = strlen(p->label) + strlen(domain) + 2;
		char *s = n <= SC_MAX_NAME_LEN + 1 ? malloc(n) : NULL;
		if (n > SC_MAX_NAME_LEN + 1)
			continue;   /* too long a name: nothing published there */
		char **own = realloc(l->own, (l->nown + 1) * sizeof(*own));
		if (s == NULL || own == NULL) {
			free(s);
			if (own)
				l->own = own;
			l->oom = true;
			return;
		}
		l->own = own;
		size_t a = strlen(p->label);
		memcpy(s, p->label, a);
		s[a] = '.';
		memcpy(s + a + 1, domain, n - a - 1);   /* with its NUL */
		own[l->nown++] = s;
		qadd(l, s, p->want);
	}
}

static void
qadd_subs(struct qlist *l, const mf_sub *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < s[i].hosts.n; j++)
			qadd(l, s[i].hosts.v[j], SC_DNS_WANT_ADDR);
		qadd_subs(l, s[i].subs, s[i].nsubs);
	}
}

/* path relative to the manifest's directory, unless absolute. */
static char *
rel(const sc_manifest *m, const char *p)
{
	if (p[0] == '/' || m->dir == NULL)
		return strdup(p);
	size_t a = strlen(m->dir), b = strlen(p);
	char *r = malloc(a + b + 2);
	if (r) {
		memcpy(r, m->dir, a);
		r[a] = '/';
		memcpy(r + a + 1, p, b + 1);
	}
	return r;
}

static void
progress(const sc_collect_opts *o, const char *stage, size_t done, size_t total)
{
	if (o->progress)
		o->progress(o->progress_ctx, stage, done, total);
}

static sc_status
add_tls(sc_evidence *ev, const char *host, uint16_t port, const char *addr,
        const sc_tls_result *borrowed, sc_tls_result *owned)
{
	/* The room doubles (a result per endpoint: not a copy of the array
	 * per result). The capacity is implied by ntls: 8, then the next power
	 * of two; it is full at 0 and at every power of two from 8. */
	size_t n = ev->ntls;
	if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
		size_t cap = n == 0 ? 8 : n * 2;
		ev_tls *p = realloc(ev->tls, cap * sizeof(*p));
		if (p == NULL) {
			sc_tls_result_free(owned);
			return SC_ERR_NOMEM;
		}
		ev->tls = p;
	}
	ev_tls *t = &ev->tls[ev->ntls];
	memset(t, 0, sizeof(*t));
	t->host = strdup(host);
	t->port = port;
	t->r = owned ? owned : borrowed;
	t->owned = owned;
	strbuf id;
	sb_init(&id);
	sb_printf(&id, "tls:%s:%u", host, (unsigned)port);
	if (addr)
		sb_printf(&id, "@%s", addr);
	t->id = sb_take(&id);
	ev->ntls++;
	if (t->host == NULL || t->id == NULL)
		return SC_ERR_NOMEM;
	return SC_OK;
}

/* Addresses of a name across every source's answer (deduplicated). */
static size_t
addresses_of(const sc_dns_result *res, const char *name, const char **out, size_t max)
{
	const sc_dns_entry *e = res ? sc_dns_result_find(res, name) : NULL;
	size_t n = 0;
	if (e == NULL)
		return 0;
	for (size_t a = 0; a < e->answer_count; a++) {
		const sc_dns_answer *an = &e->answers[a];
		for (size_t i = 0; i < an->addr_count && n < max; i++) {
			bool dup = false;
			for (size_t k = 0; k < n; k++)
				if (strcmp(out[k], an->addrs[i].ip) == 0)
					dup = true;
			if (!dup)
				out[n++] = an->addrs[i].ip;
		}
	}
	return n;
}

static int
cstr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Push every address of res onto *v (borrowed strings). */
static bool
push_addresses(const sc_dns_result *res, const char ***v, size_t *n, size_t *cap)
{
	for (size_t i = 0; res && i < sc_dns_result_count(res); i++) {
		const sc_dns_entry *e = sc_dns_result_get(res, i);
		for (size_t a = 0; a < e->answer_count; a++) {
			for (size_t k = 0; k < e->answers[a].addr_count; k++) {
				if (*n == *cap) {
					size_t nc = *cap ? *cap * 2 : 64;
					const char **p = realloc(*v, nc * sizeof(*p));
					if (p == NULL)
						return false;
					*v = p;
					*cap = nc;
				}
				(*v)[(*n)++] = e->answers[a].addrs[k].ip;
			}
		}
	}
	return true;
}

/*
 * Push the first address of every network the SPF records of res
 * authorise (ip4:/ip6: of the names asked with SC_DNS_WANT_SPF, a tree's
 * records all among them) onto *v: the graph locates and attributes them
 * as it reads the same records (sc_dns_spf_ranges()). The strings are
 * made here and kept in *own, freed by the caller.
 */
static bool
push_spf_addresses(const sc_dns_result *res, const char ***v, size_t *n, size_t *cap,
                   char ***own, size_t *nown)
{
	for (size_t i = 0; res && i < sc_dns_result_count(res); i++) {
		const sc_dns_entry *e = sc_dns_result_get(res, i);
		if (!(e->want & SC_DNS_WANT_SPF))
			continue;
		for (size_t a = 0; a < e->answer_count; a++)
			for (size_t t = 0; t < e->answers[a].txt_count; t++) {
				sc_dns_spf_range r[SC_DNS_SPF_RANGES];
				size_t nr = sc_dns_spf_ranges(e->answers[a].txt[t].value, r,
				                              SC_DNS_SPF_RANGES, NULL);
				for (size_t k = 0; k < nr; k++) {
					if (r[k].status != SC_DNS_SPF_NETWORK)
						continue;
					if (*n == *cap) {
						size_t nc = *cap ? *cap * 2 : 64;
						const char **p = realloc(*v, nc * sizeof(*p));
						char **q = realloc(*own, nc * sizeof(*q));
						if (p)
							*v = p;
						if (q)
							*own = q;
						if (p == NULL || q == NULL)
							return false;
						*cap = nc;
					}
					char *ip = strdup(r[k].first);
					if (ip == NULL)
						return false;
					(*own)[(*nown)++] = ip;
					(*v)[(*n)++] = ip;
				}
			}
	}
	return true;
}

/*
 * Geolocate every distinct address of the DNS evidence with geo (which may
 * be NULL: then every answer says "unknown"), and record the databases. A
 * database that cannot be read is an error that stops the run (a corrupt
 * file is SC_ERR_CORRUPT): it must not pass for "not found".
 */
static sc_status
locate(sc_evidence *ev, const sc_geo *geo, sc_err *err)
{
	const char **ips = NULL;
	char **spf = NULL;    /* owned: the SPF networks' first addresses */
	size_t n = 0, cap = 0, nspf = 0;
	sc_status st = SC_OK;
	if (!push_addresses(ev->dns, &ips, &n, &cap) ||
	    !push_addresses(ev->dns_deps, &ips, &n, &cap)) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	/* spf grows with ips from here on: cap is the capacity of both. */
	if (cap && (spf = malloc(cap * sizeof(*spf))) == NULL) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	if (!push_spf_addresses(ev->dns, &ips, &n, &cap, &spf, &nspf)) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	if (n > 1)
		qsort(ips, n, sizeof(*ips), cstr_cmp);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (u == 0 || strcmp(ips[u - 1], ips[i]) != 0)
			ips[u++] = ips[i];
	if (u > 0 && (ev->geo = calloc(u, sizeof(*ev->geo))) == NULL) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < u && st == SC_OK; i++) {
		ev_geo *g = &ev->geo[ev->ngeo++];
		if ((g->ip = strdup(ips[i])) == NULL) {
			st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
			break;
		}
		if (geo == NULL)
			continue;
		sc_geo_answer a;
		sc_geo_source src[SC_MAX_GEODBS];
		size_t nsrc = 0;
		memset(&a, 0, sizeof(a));
		if ((st = sc_geo_lookup_sources(geo, ips[i], &a, src, SC_MAX_GEODBS, &nsrc, err)) != SC_OK)
			break;
		if (nsrc > 0 && (g->src = calloc(nsrc, sizeof(*g->src))) == NULL) {
			st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
			break;
		}
		for (size_t k = 0; k < nsrc && st == SC_OK; k++) {
			ev_geo_src *s = &g->src[g->nsrc++];
			const sc_geo_source *x = &src[k];
			s->db = x->db;
			memcpy(s->country, x->found_country ? x->country : "", x->found_country ? 3 : 1);
			s->found_asn = x->found_asn;
			s->asn = x->asn;
			s->network = strdup(x->network);
			s->country_prefix = x->found_country ? x->country_prefix_len : 0;
			s->asn_prefix = x->found_asn ? x->asn_prefix_len : 0;
			bool oom = s->network == NULL;
			if (x->found_asn)
				oom = oom || (s->as_org = strdup(x->as_org)) == NULL;
			if (x->country_input)
				oom = oom || (s->country_source = strdup(x->country_input)) == NULL;
			if (x->asn_input)
				oom = oom || (s->asn_source = strdup(x->asn_input)) == NULL;
			if (oom)
				st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		}
		if (st != SC_OK)
			break;
		if (a.found_country)
			memcpy(g->country, a.country, 3);
		if (a.found_asn) {
			g->found_asn = true;
			g->asn = a.asn;
			if ((g->as_org = strdup(a.as_org)) == NULL)
				st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		}
	}
	/* The databases are part of the evidence when there was DNS evidence
	 * to locate (a run with nothing observed consulted none). */
	size_t ndb = geo && ev->has_dns ? sc_geo_db_count(geo) : 0;
	if (st == SC_OK && ndb > 0 && (ev->geodbs = calloc(ndb, sizeof(*ev->geodbs))) == NULL)
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	for (size_t i = 0; st == SC_OK && i < ndb; i++) {
		ev_geodb *d = &ev->geodbs[ev->ngeodbs++];
		d->label = util_strdup0(sc_geo_db_label(geo, i));
		d->type = util_strdup0(sc_geo_db_type(geo, i));
		d->description = util_strdup0(sc_geo_db_description(geo, i));
		sc_geo_db_build_date(geo, i, d->build_date);
		sc_geo_db_data_date(geo, i, d->data_date);
		snprintf(d->sha256, sizeof(d->sha256), "%s", sc_geo_db_sha256(geo, i));
		if (d->label == NULL)
			st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
out:
	free(ips);
	for (size_t i = 0; i < nspf; i++)
		free(spf[i]);
	free(spf);
	return st;
}

sc_status
sc_collect(const sc_manifest *m, const sc_collect_opts *o, sc_evidence **ret, sc_err *err)
{
	sc_evidence *ev = calloc(1, sizeof(*ev));
	struct qlist ql = {0};
	char **zones = NULL;
	size_t nzones = 0;
	char *chains = NULL;
	sc_dns *dns = NULL;
	sc_tls *tls = NULL;
	sc_tls_target *targets = NULL;
	sc_dns_query *depq = NULL;
	strbuf desc, anchors;
	sb_init(&desc);
	sb_init(&anchors);
	char **trust = NULL;
	size_t ntrust = 0;
	sc_status st = SC_OK;
	if (ev == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	ev->offline = o->offline;
	if (o->date == NULL || !sc_date_parse(o->date, NULL, NULL, NULL)) {
		st = util_err(err, SC_ERR_USAGE, NULL, 0, 0, "date", "sc_collect: no evaluation date");
		goto out;
	}
	memcpy(ev->date, o->date, 11);
	/* The evidence records what it was collected for: the manifest's text
	 * goes into the bundle, so that a re-check judges the same file. */
	ev->manifest_path = strdup(m->path ? m->path : "");
	ev->manifest_text = malloc(m->source_len + 1);
	if (ev->manifest_path == NULL || ev->manifest_text == NULL) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	if (m->source_len)
		memcpy(ev->manifest_text, m->source, m->source_len);
	ev->manifest_text[m->source_len] = '\0';
	ev->manifest_len = m->source_len;

	/* ---- DNS ---- */
	for (size_t i = 0; i < m->nendpoints; i++)
		if (m->endpoints[i].host)
			qadd(&ql, m->endpoints[i].host, SC_DNS_WANT_ADDR);
	qadd_subs(&ql, m->subs, m->nsubs);
	for (size_t i = 0; i < m->domains.n; i++) {
		if (o->discover)
			qadd_published(&ql, m->domains.v[i]);
		else
			qadd(&ql, m->domains.v[i], SC_DNS_WANT_DOMAIN);
	}
	qdedupe(&ql);
	if (ql.oom) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	zones = calloc(o->nzones + m->zones.n + 1, sizeof(char *));
	if (zones == NULL) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < o->nzones; i++)
		if ((zones[nzones++] = strdup(o->zones[i])) == NULL)
			st = SC_ERR_NOMEM;
	for (size_t i = 0; i < m->zones.n; i++)
		if ((zones[nzones++] = rel(m, m->zones.v[i])) == NULL)
			st = SC_ERR_NOMEM;
	if (st != SC_OK) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	bool live_dns = !o->offline && (o->nresolvers > 0 || nzones == 0);
	if (ql.n > 0 && (nzones > 0 || live_dns)) {
		sc_dns_opts dopts;
		sc_dns_opts_init(&dopts);
		if (o->jobs)
			dopts.jobs = o->jobs;
		if (o->timeout_s)
			dopts.timeout_ms = o->timeout_s * 1000u;
		if ((st = sc_dns_new(&dopts, &dns, err)) != SC_OK)
			goto out;
		for (size_t i = 0; i < nzones; i++) {
			if ((st = sc_dns_add_zone(dns, zones[i], err)) != SC_OK)
				goto out;
			sb_printf(&desc, "%szone %s", desc.len ? ", " : "", zones[i]);
		}
		if (live_dns) {
			for (size_t i = 0; i < o->nresolvers; i++) {
				if ((st = sc_dns_add_resolver(dns, o->resolvers[i], err)) != SC_OK)
					goto out;
				sb_printf(&desc, "%sresolver %s", desc.len ? ", " : "", o->resolvers[i]);
			}
			if (o->nresolvers == 0) {
				if ((st = sc_dns_add_system(dns, NULL, err)) != SC_OK)
					goto out;
				sb_printf(&desc, "%ssystem resolver", desc.len ? ", " : "");
			}
		}
		progress(o, "dns", 0, ql.n);
		if ((st = sc_dns_resolve(dns, ql.q, ql.n, &ev->dns, err)) != SC_OK)
			goto out;
		progress(o, "dns", ql.n, ql.n);
		ev->has_dns = true;
		ev->dns_sources = desc.s;
		sb_init(&desc);
	}

	/* ---- TLS ---- */
	chains = o->chains_dir ? strdup(o->chains_dir) : m->chains ? rel(m, m->chains) : NULL;
	if ((o->chains_dir || m->chains) && chains == NULL) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	size_t ntlsep = 0;
	for (size_t i = 0; i < m->nendpoints; i++)
		ntlsep += m->endpoints[i].tls && m->endpoints[i].host;
	if (ntlsep > 0 && (chains || !o->offline)) {
		/* Trust anchors: the system store, the --trust files and the
		 * manifest's sources.trust (relative to the manifest). */
		ntrust = o->ntrust + m->trust.n;
		if (ntrust > 0 && (trust = calloc(ntrust, sizeof(*trust))) == NULL) {
			st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
			goto out;
		}
		for (size_t i = 0; i < ntrust; i++) {
			trust[i] = i < o->ntrust ? strdup(o->trust[i]) : rel(m, m->trust.v[i - o->ntrust]);
			if (trust[i] == NULL) {
				st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
				goto out;
			}
		}
		sc_tls_opts topts;
		memset(&topts, 0, sizeof(topts));
		topts.jobs = o->jobs;
		topts.threads = o->tls_threads;
		topts.trust_system = true;
		topts.trust_files = (const char *const *)trust;
		topts.ntrust_files = ntrust;
		if ((st = sc_tls_new(&topts, &tls, err)) != SC_OK)
			goto out;
		sb_puts(&anchors, "the system trust store");
		for (size_t i = 0; i < ntrust; i++)
			sb_printf(&anchors, "%s%s", i + 1 == ntrust ? " and " : ", ", trust[i]);
	}
	if (tls && chains) {
		for (size_t i = 0; i < m->nendpoints; i++) {
			const mf_endpoint *ep = &m->endpoints[i];
			if (!ep->tls || ep->host == NULL)
				continue;
			sc_tls_result *r = NULL;
			if ((st = sc_tls_pem_load(tls, chains, ep->host, o->at, &r, err)) != SC_OK)
				goto out;
			if ((st = add_tls(ev, ep->host, (uint16_t)ep->port, NULL, NULL, r)) != SC_OK) {
				st = util_err(err, st, NULL, 0, 0, "nomem", "out of memory");
				goto out;
			}
			progress(o, "tls", i + 1, m->nendpoints);
		}
		ev->has_tls = true;
		sb_printf(&desc, "PEM files in %s, verified against %s", chains,
		          anchors.s ? anchors.s : "the system trust store");
		ev->tls_source = desc.s;
		sb_init(&desc);
	} else if (tls && !o->offline) {
		size_t n = 0, cap = 0;
		for (size_t i = 0; i < m->nendpoints; i++) {
			const mf_endpoint *ep = &m->endpoints[i];
			if (!ep->tls || ep->host == NULL)
				continue;
			const char *addrs[SC_MAX_DNS_ANSWERS];
			size_t na = addresses_of(ev->dns, ep->host, addrs, SC_MAX_DNS_ANSWERS);
			for (size_t k = 0; k < na; k++) {
				if (n == cap) {
					cap = cap ? cap * 2 : 16;
					sc_tls_target *p = realloc(targets, cap * sizeof(*p));
					if (p == NULL) {
						st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
						goto out;
					}
					targets = p;
				}
				targets[n].host = ep->host;
				targets[n].address = addrs[k];
				targets[n].port = (uint16_t)ep->port;
				targets[n].starttls_smtp = ep->port == 25 || ep->port == 587;
				n++;
			}
		}
		progress(o, "tls", 0, n);
		if ((st = sc_tls_capture(tls, targets, n, &ev->tls_live, err)) != SC_OK)
			goto out;
		progress(o, "tls", n, n);
		for (size_t i = 0; i < sc_tls_results_count(ev->tls_live); i++) {
			const sc_tls_result *r = sc_tls_results_get(ev->tls_live, i);
			if ((st = add_tls(ev, targets[i].host, targets[i].port, targets[i].address, r,
			                  NULL)) != SC_OK) {
				st = util_err(err, st, NULL, 0, 0, "nomem", "out of memory");
				goto out;
			}
		}
		ev->has_tls = true;
		sb_printf(&desc, "live handshakes, verified against %s",
		          anchors.s ? anchors.s : "the system trust store");
		ev->tls_source = desc.s;
		sb_init(&desc);
	}

	/* ---- hosts named in certificates ---- */
	if (dns && ev->ntls > 0) {
		size_t n = 0, cap = 0;
		for (size_t i = 0; i < ev->ntls; i++) {
			for (size_t k = 0; k < sc_tls_result_dep_count(ev->tls[i].r); k++) {
				const char *h = sc_tls_result_dep(ev->tls[i].r, k, NULL);
				bool dup = false;
				for (size_t j = 0; j < n; j++)
					if (strcasecmp(depq[j].name, h) == 0)
						dup = true;
				if (dup || h == NULL)
					continue;
				if (n == cap) {
					cap = cap ? cap * 2 : 16;
					sc_dns_query *p = realloc(depq, cap * sizeof(*p));
					if (p == NULL) {
						st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
						goto out;
					}
					depq = p;
				}
				depq[n].name = h;
				depq[n].want = SC_DNS_WANT_ADDR;
				n++;
			}
		}
		if (n > 0 && (st = sc_dns_resolve(dns, depq, n, &ev->dns_deps, err)) != SC_OK)
			goto out;
	}

	/* ---- where every collected address is ---- */
	if ((st = locate(ev, o->geo, err)) != SC_OK)
		goto out;
out:
	free(depq);
	free(targets);
	sc_tls_free(tls);
	sc_dns_free(dns);
	free(chains);
	for (size_t i = 0; i < nzones; i++)
		free(zones[i]);
	free(zones);
	free(ql.q);
	for (size_t i = 0; i < ql.nown; i++)
		free(ql.own[i]);
	free(ql.own);
	sb_free(&desc);
	sb_free(&anchors);
	for (size_t i = 0; i < ntrust; i++)
		free(trust[i]);
	free(trust);
	if (st != SC_OK) {
		sc_evidence_free(ev);
		return st;
	}
	*ret = ev;
	return SC_OK;
}
