/*
 * changes.c — a filing as facts per subject, and what changed between two
 * filings in those terms, each change classified: it affects §19.6
 * (customers must be told within a month), §19.2 residency, or it is
 * informational (changes.h, docs/monitoring.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "access.h"
#include "util.h"

const char *const ch_kind_names[] = {"endpoint", "ns", "mx", "subcontractor-hosts",
	"mail-senders", "mail-reports", "mail-services", "verified-services", "authorised-cas",
	"certificate-host", "provider", "shareholder", "government-link", "subcontractor",
	"support", "administration", "site"};
const char *const ch_class_names[] = {"informational", "19.2", "19.6"};

static bool
is_observed(ch_kind k)
{
	return k <= CH_CERTHOST;
}

/* ------------------------------------------------------------- building */

static ch_fact *
add(ch_facts *f, ch_kind kind, const char *subject, const char *aspect, bool set,
    const char *value, const char *label, const char *cc, bool outside, unsigned data)
{
	if (f->oom)
		return NULL;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		ch_fact *v = realloc(f->v, cap * sizeof(*v));
		if (v == NULL) {
			f->oom = true;
			return NULL;
		}
		f->v = v;
		f->cap = cap;
	}
	ch_fact *x = &f->v[f->n];
	memset(x, 0, sizeof(*x));
	x->kind = kind;
	x->aspect = aspect;
	x->set = set;
	x->subject = util_strpool_get(f->pool, subject ? subject : "");
	x->value = util_strpool_get(f->pool, value ? value : "");
	x->label = util_strpool_get(f->pool, label ? label : (value ? value : ""));
	if (x->subject == NULL || x->value == NULL || x->label == NULL) {
		f->oom = true;
		return NULL;
	}
	if (cc)
		snprintf(x->cc, sizeof(x->cc), "%s", cc);
	x->outside = outside;
	x->data = data;
	f->n++;
	return x;
}

static bool
outside_of(const pk_set *set, const char *cc)
{
	return cc == NULL || *cc == '\0' || set == NULL || !pk_set_has(set, cc);
}

static const mf_sub *
find_sub(const mf_sub *s, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i].name && strcmp(s[i].name, name) == 0)
			return &s[i];
		const mf_sub *x = find_sub(s[i].subs, s[i].nsubs, name);
		if (x)
			return x;
	}
	return NULL;
}

/* Which observed subject a "via" of the graph names. */
static ch_kind
via_subject(const char *via, const char **ret_subject)
{
	static const struct { const char *prefix; ch_kind kind; } p[] = {
		{"ns:", CH_NS}, {"mx:", CH_MX}, {"subcontractor:", CH_SUBHOSTS},
		{"certificate:", CH_CERTHOST}, {"spf:", CH_SPF}, {"dmarc:", CH_DMARC},
		{"mail-service:", CH_MAILSVC}, {"txt:", CH_TOKEN}, {"caa:", CH_CAA},
	};
	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		size_t k = strlen(p[i].prefix);
		if (strncmp(via, p[i].prefix, k) == 0) {
			*ret_subject = via + k;
			return p[i].kind;
		}
	}
	*ret_subject = via;
	return CH_ENDPOINT;
}

/* The data classes of each endpoint host, sorted by host (one lookup per
 * address and path, not a scan of the manifest). */
struct hostdata {
	const char *host;
	unsigned data;
};
struct hosts {
	struct hostdata *v;
	size_t n;
};

static int
hostdata_cmp(const void *a, const void *b)
{
	return strcmp(((const struct hostdata *)a)->host, ((const struct hostdata *)b)->host);
}

static bool
hosts_build(const sc_manifest *m, struct hosts *h)
{
	h->n = 0;
	h->v = m->nendpoints ? calloc(m->nendpoints, sizeof(*h->v)) : NULL;
	if (m->nendpoints && h->v == NULL)
		return false;
	for (size_t i = 0; i < m->nendpoints; i++)
		if (m->endpoints[i].host)
			h->v[h->n++] = (struct hostdata){m->endpoints[i].host, 1u << m->endpoints[i].data};
	if (h->n)
		qsort(h->v, h->n, sizeof(*h->v), hostdata_cmp);
	size_t w = 0;   /* one entry per host, its classes together */
	for (size_t i = 0; i < h->n; i++) {
		if (w && strcmp(h->v[w - 1].host, h->v[i].host) == 0)
			h->v[w - 1].data |= h->v[i].data;
		else
			h->v[w++] = h->v[i];
	}
	h->n = w;
	return true;
}

static unsigned
subject_data(const sc_manifest *m, const struct hosts *h, ch_kind kind, const char *subject)
{
	switch (kind) {
	case CH_ENDPOINT: {
		struct hostdata key = {subject, 0};
		const struct hostdata *x = h->n ? bsearch(&key, h->v, h->n, sizeof(*h->v),
		                                          hostdata_cmp) : NULL;
		return x ? x->data : 1u << MF_DATA_NONE;
	}
	case CH_NS:
	case CH_MX:
		return 1u << MF_DATA_METADATA;
	case CH_SUBHOSTS: {
		const mf_sub *s = find_sub(m->subs, m->nsubs, subject);
		return 1u << (s ? s->data_access : MF_DATA_CUSTOMER);
	}
	default:
		return 1u << MF_DATA_NONE;
	}
}

static int
top_data(unsigned data)
{
	for (int d = MF_DATA_CUSTOMER; d > MF_DATA_NONE; d--)
		if (data & (1u << d))
			return d;
	return MF_DATA_NONE;
}

static void
entity_facts(ch_facts *f, ch_kind kind, const char *subject, const sc_entity *op,
             const sc_entity *ctl, const gn_dep *d, const pk_set *eu27, unsigned data)
{
	char idbuf[64];
	if (op) {
		add(f, kind, subject, "operator", true, sc_entity_id(op), sc_entity_name(op),
		    sc_entity_country(op), outside_of(eu27, sc_entity_country(op)), data);
	} else {
		/* An address no registry entry answers for: its AS, and an
		 * unknown controller (fail closed). */
		if (d->found_asn)
			snprintf(idbuf, sizeof(idbuf), "AS%u", d->asn);
		else if (strcmp(d->kind, "ip") != 0)
			snprintf(idbuf, sizeof(idbuf), "?%.60s", d->subject);  /* the name or record */
		else
			snprintf(idbuf, sizeof(idbuf), "?");
		add(f, kind, subject, "operator", true, idbuf,
		    d->operator_name && *d->operator_name ? d->operator_name :
		    idbuf[0] == '?' && idbuf[1] ? idbuf + 1 : idbuf, "", true, data);
	}
	if (ctl) {
		const char *cc = sc_entity_country(ctl);
		/* outside: seated outside, or seated inside but held from outside
		 * (graph_held_from(), as §19.6.c judges it) */
		const sc_holder *by = NULL;
		double share;
		bool held_out = cc && *cc && !outside_of(eu27, cc) &&
		                graph_held_from(ctl, eu27, &by, &share) == GRAPH_HELD_OUT;
		add(f, kind, subject, "controller", true, sc_entity_id(ctl), sc_entity_name(ctl), cc,
		    outside_of(eu27, cc) || held_out, data);
		/* who holds it from outside: a fact of its own, so that a change
		 * of holders under the same controller is a change (§19.6.f) */
		graph_origin org;
		if (held_out && by && graph_holder_stands(by, eu27, &org) == GRAPH_HELD_OUT &&
		    org.name) {
			/* who holds it from there: the holder, or the one that controls
			 * the holding company (a change behind it is a change too) */
			char via[512];
			if (graph_origin_beyond(&org, by))
				snprintf(via, sizeof(via), "%s via %s", org.name, by->name);   /* en, fr */
			else
				snprintf(via, sizeof(via), "%s", by->name);
			add(f, kind, subject, "held_from", true, org.name, via,
			    org.country ? org.country : "", true, data);
		}
	} else {
		/* "?" and what is known of the operator: two operators whose
		 * controllers are unknown stay two */
		char v[96];
		snprintf(v, sizeof(v), "?%s", op ? sc_entity_id(op) : idbuf);
		add(f, kind, subject, "controller", true, v,
		    op ? sc_entity_name(op) : d->operator_name ? d->operator_name : "", "", true, data);
	}
}

static void
observed(ch_facts *f, const sc_manifest *m, const struct hosts *h, const sc_graph *g,
         const pk_set *eu27, const pk_set *eu)
{
	for (size_t i = 0; i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		bool ip = strcmp(d->kind, "ip") == 0;
		/* a published record (a CAA issuer, a token) counts even when the
		 * registry does not know who runs it: it is unknown, not absent */
		if (!ip && strcmp(d->kind, "record") != 0 && !d->published_unknown &&
		    (strcmp(d->kind, "name") != 0 || d->operator == NULL))
			continue;
		for (size_t v = 0; v < d->nvia; v++) {
			const char *subject;
			ch_kind kind = via_subject(d->via[v], &subject);
			unsigned data = subject_data(m, h, kind, subject);
			entity_facts(f, kind, subject, d->operator, d->controller, d, eu27, data);
			if (ip && d->anycast) {
				/* anycast: no single location, whatever a database says */
				add(f, kind, subject, "location", true, "anycast", "anycast", "", true, data);
			} else if (ip) {
				const char *loc = d->location[0] ? d->location : "";
				add(f, kind, subject, "location", true, loc[0] ? loc : "??",
				    loc[0] ? loc : "?", loc, outside_of(eu, loc), data);
			}
		}
	}
	for (size_t i = 0; i < g->neps; i++) {
		const gn_endpoint *ge = &g->eps[i];
		if (ge->ep == NULL || ge->ep->host == NULL)
			continue;
		unsigned data = subject_data(m, h, CH_ENDPOINT, ge->ep->host);
		for (size_t t = 0; t < ge->ntls; t++) {
			sc_tls_owner ow;
			graph_tls_owner(g, ge->tls[t]->r, &ow);
			if (ow.found && ow.owner)
				add(f, CH_ENDPOINT, ge->ep->host, "ca_owner", true, sc_entity_id(ow.owner),
				    sc_entity_name(ow.owner), ow.country ? ow.country : "",
				    outside_of(eu27, ow.country), data);
			else
				add(f, CH_ENDPOINT, ge->ep->host, "ca_owner", true, "?", "?", "", true, data);
		}
	}
}

static void
holders(ch_facts *f, const mf_holder *hs, size_t n, const char *path, double pcap, double pvot,
        bool above_outside, const pk_set *eu27, unsigned depth)
{
	if (depth > SC_MAX_SHAREHOLDER_DEPTH)
		return;
	for (size_t i = 0; i < n; i++) {
		const mf_holder *h = &hs[i];
		if (h->name == NULL)
			continue;
		char subject[1024], b[48];
		if (path)
			snprintf(subject, sizeof(subject), "%s → %s", path, h->name);
		else
			snprintf(subject, sizeof(subject), "%s", h->name);
		bool out = !h->is_float && (above_outside || outside_of(eu27, h->country));
		double cap = h->has_capital ? h->capital : (h->has_voting ? h->voting : 0);
		double vot = h->has_voting ? h->voting : cap;
		double ccap = path ? pcap * cap / 100.0 : cap, cvot = path ? pvot * vot / 100.0 : vot;
		size_t first = f->n;
		if (!h->is_float)
			add(f, CH_HOLDER, subject, "country", false, h->country, NULL, h->country,
			    outside_of(eu27, h->country), 0);
		if (h->has_capital) {
			util_fmt_pct(b, sizeof(b), h->capital);
			add(f, CH_HOLDER, subject, "capital", false, b, NULL, "", out, 0);
		}
		if (h->has_voting) {
			util_fmt_pct(b, sizeof(b), h->voting);
			add(f, CH_HOLDER, subject, "voting", false, b, NULL, "", out, 0);
		}
		if (path) {
			util_fmt_pct(b, sizeof(b), ccap);
			add(f, CH_HOLDER, subject, "computed_capital", false, b, NULL, "", out, 0);
			util_fmt_pct(b, sizeof(b), cvot);
			add(f, CH_HOLDER, subject, "computed_voting", false, b, NULL, "", out, 0);
		}
		add(f, CH_HOLDER, subject, "veto", false, h->veto ? "yes" : "no", NULL, "", out, 0);
		if (h->has_board_seats) {
			snprintf(b, sizeof(b), "%ld", h->board_seats);
			add(f, CH_HOLDER, subject, "board_seats", false, b, NULL, "", out, 0);
		}
		for (size_t k = first; k < f->n; k++)
			f->v[k].subject_outside = out;
		holders(f, h->holders, h->nholders, subject, ccap, cvot, out, eu27, depth + 1);
	}
}

static void
subs(ch_facts *f, const mf_sub *s, size_t n, const pk_set *eu27)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i].name == NULL)
			continue;
		const char *name = s[i].name;
		bool out = outside_of(eu27, s[i].country) ||
		           (s[i].parent != NULL && outside_of(eu27, s[i].parent_country));
		unsigned data = 1u << s[i].data_access;
		size_t first = f->n;
		add(f, CH_SUB, name, "country", false, s[i].country, NULL, s[i].country,
		    outside_of(eu27, s[i].country), data);
		if (s[i].parent) {
			add(f, CH_SUB, name, "parent", false, s[i].parent, NULL, "", out, data);
			add(f, CH_SUB, name, "parent_country", false, s[i].parent_country, NULL,
			    s[i].parent_country, outside_of(eu27, s[i].parent_country), data);
		}
		add(f, CH_SUB, name, "data_access", false, mf_data_names[s[i].data_access], NULL, "",
		    out, data);
		for (int r = 0; r < MF_REL_COUNT; r++)
			if (s[i].rels & (1u << r))
				add(f, CH_SUB, name, "relationship", true, mf_rel_names[r], NULL, "", out, data);
		if (s[i].service)
			add(f, CH_SUB, name, "service", false, s[i].service, NULL, "", out, data);
		add(f, CH_SUB, name, "secnumcloud", false, s[i].secnumcloud ? "yes" : "no", NULL, "",
		    out, data);
		for (size_t k = first; k < f->n; k++)
			f->v[k].subject_outside = out;
		subs(f, s[i].subs, s[i].nsubs, eu27);
	}
}

static void
declared(ch_facts *f, const sc_manifest *m, const pk_set *eu27, const pk_set *eu)
{
	const mf_provider *p = &m->provider;
	if (p->present) {
		static const char *const seat[] = {"registered_office", "central_administration",
			"principal_establishment"};
		const char *v[] = {p->registered_office, p->central_administration,
			p->principal_establishment};
		for (int i = 0; i < 3; i++)
			if (v[i][0])
				add(f, CH_PROVIDER, "", seat[i], false, v[i], NULL, v[i],
				    outside_of(eu27, v[i]), 0);
		if (p->has_board_seats) {
			char b[32];
			snprintf(b, sizeof(b), "%ld", p->board_seats);
			add(f, CH_PROVIDER, "", "board_seats", false, b, NULL, "", false, 0);
		}
		holders(f, p->holders, p->nholders, NULL, 100, 100, false, eu27, 0);
		for (size_t i = 0; i < p->ngovlinks; i++) {
			const mf_govlink *gl = &p->govlinks[i];
			ch_fact *x = add(f, CH_GOVLINK, gl->country, "description", false,
			                 gl->description ? gl->description : "", NULL, gl->country,
			                 outside_of(eu27, gl->country), 0);
			if (x)
				x->subject_outside = x->outside;
		}
	}
	subs(f, m->subs, m->nsubs, eu27);
	for (size_t i = 0; i < m->nsupport; i++) {
		const mf_support *s = &m->support[i];
		bool out = outside_of(eu, s->country);
		unsigned data = 1u << s->data_access;
		size_t first = f->n;
		add(f, CH_SUPPORT, s->country, "data_access", false, mf_data_names[s->data_access], NULL,
		    "", out, data);
		for (size_t k = 0; k < s->operations.n; k++)
			add(f, CH_SUPPORT, s->country, "operations", true, s->operations.v[k], NULL, "", out,
			    data);
		add(f, CH_SUPPORT, s->country, "supervision", false,
		    s->supervision == NULL ? "none" : s->supervision_in_place ? "in place" :
		    "not in place", NULL, "", out, data);
		for (size_t k = first; k < f->n; k++)
			f->v[k].subject_outside = out;
	}
	for (size_t i = 0; i < m->nadmin; i++)
		add(f, CH_ADMIN, "", "country", true, m->admin[i], NULL, m->admin[i],
		    outside_of(eu, m->admin[i]), 1u << MF_DATA_CUSTOMER);
	for (size_t i = 0; i < m->nsites; i++) {
		const mf_site *s = &m->sites[i];
		if (s->site == NULL)
			continue;
		bool out = outside_of(eu, s->country);
		size_t first = f->n;
		add(f, CH_SITE, s->site, "country", false, s->country, NULL, s->country, out, s->holds);
		for (int h = 0; mf_holds_names[h]; h++)
			if (s->holds & (1u << h))
				add(f, CH_SITE, s->site, "holds", true, mf_holds_names[h], NULL, "", out,
				    s->holds);
		for (size_t k = first; k < f->n; k++)
			f->v[k].subject_outside = out;
	}
}

static int
fact_cmp(const void *a, const void *b)
{
	const ch_fact *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	int c = strcmp(x->subject, y->subject);
	if (c == 0)
		c = strcmp(x->aspect, y->aspect);
	if (c == 0 && x->set)
		c = strcmp(x->value, y->value);
	return c;
}


void
ch_facts_free(ch_facts *f)
{
	if (f == NULL)
		return;
	util_strpool_free(f->pool);
	free(f->v);
	free(f);
}

ch_facts *
ch_facts_build(const sc_manifest *m, const sc_graph *g, const pk_set *eu27, const pk_set *eu)
{
	ch_facts *f = calloc(1, sizeof(*f));
	struct hosts h;
	if (f == NULL || (f->pool = util_strpool_new()) == NULL || !hosts_build(m, &h)) {
		ch_facts_free(f);
		return NULL;
	}
	for (size_t i = 0; i < h.n; i++)
		add(f, CH_ENDPOINT, h.v[i].host, "data", false, mf_data_names[top_data(h.v[i].data)],
		    NULL, "", false, h.v[i].data);
	if (g)
		observed(f, m, &h, g, eu27, eu);
	declared(f, m, eu27, eu);
	free(h.v);
	if (f->oom) {
		ch_facts_free(f);
		return NULL;
	}
	if (f->n)
		qsort(f->v, f->n, sizeof(*f->v), fact_cmp);
	/* One fact per (subject, aspect[, value]): an address of the same
	 * operator, or a second endpoint of one host, adds nothing. */
	size_t w = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (w && fact_cmp(&f->v[w - 1], &f->v[i]) == 0) {
			f->v[w - 1].data |= f->v[i].data;
			f->v[w - 1].subject_outside |= f->v[i].subject_outside;
			continue;
		}
		f->v[w++] = f->v[i];
	}
	f->n = w;
	/* Kept until the documents are written: no spare room. */
	if (f->n > 0 && f->n < f->cap) {
		ch_fact *v = realloc(f->v, f->n * sizeof(*v));
		if (v != NULL) {
			f->v = v;
			f->cap = f->n;
		}
	}
	return f;
}

size_t
ch_facts_find(const ch_facts *f, ch_kind kind, const char *subject, const char *aspect,
              size_t *ret_i)
{
	size_t lo = 0, hi = f ? f->n : 0;
	while (lo < hi) {   /* first fact not before (kind, subject, aspect) */
		size_t mid = lo + (hi - lo) / 2;
		const ch_fact *x = &f->v[mid];
		int c = x->kind != kind ? (x->kind < kind ? -1 : 1) : strcmp(x->subject, subject);
		if (c == 0 && aspect)
			c = strcmp(x->aspect, aspect);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = 0;
	while (lo + n < f->n && f->v[lo + n].kind == kind &&
	       strcmp(f->v[lo + n].subject, subject) == 0 &&
	       (aspect == NULL || strcmp(f->v[lo + n].aspect, aspect) == 0))
		n++;
	if (ret_i)
		*ret_i = lo;
	return n;
}

/* ------------------------------------------------------------ comparing */

static double
num(const ch_fact *x)
{
	return x ? strtod(x->value, NULL) : 0;
}

static int
data_rank(const char *w)
{
	for (int d = 0; mf_data_names[d]; d++)
		if (strcmp(mf_data_names[d], w) == 0)
			return d;
	return 0;
}

/* Does the subject of x have, in facts, a value of aspect outside? */
static bool
subject_has_outside(const ch_facts *facts, const ch_fact *x, const char *aspect)
{
	size_t i, n = ch_facts_find(facts, x->kind, x->subject, aspect, &i);
	for (size_t k = 0; k < n; k++)
		if (facts->v[i + k].outside)
			return true;
	return false;
}

static bool
carries_data(unsigned data)
{
	return (data & ~(1u << MF_DATA_NONE)) != 0;
}

static ch_class
classify(const ch_fact *o, const ch_fact *c, bool whole, const ch_facts *cur)
{
	const ch_fact *x = c ? c : o;
	if (c == NULL)          /* something went away: never an exposure */
		return CH_INFO;
	if (whole) {
		switch (x->kind) {
		case CH_HOLDER:
		case CH_GOVLINK:
		case CH_SUB:
			return x->subject_outside ? CH_CONTROL : CH_INFO;
		case CH_SUPPORT:
		case CH_SITE:
			return x->subject_outside ? CH_RESIDENCY : CH_INFO;
		default:
			break;
		}
	}
	const char *a = x->aspect;
	if (is_observed(x->kind)) {
		if (strcmp(a, "controller") == 0 || strcmp(a, "held_from") == 0)
			return c->outside && carries_data(c->data) ? CH_CONTROL : CH_INFO;
		if (strcmp(a, "location") == 0)
			return c->outside && carries_data(c->data) ? CH_RESIDENCY : CH_INFO;
		if (strcmp(a, "data") == 0) {
			/* a new subject: its controllers and locations say it */
			if (o == NULL || data_rank(c->value) <= data_rank(o->value))
				return CH_INFO;
			if (subject_has_outside(cur, c, "controller"))
				return CH_CONTROL;
			if (subject_has_outside(cur, c, "location"))
				return CH_RESIDENCY;
		}
		return CH_INFO;
	}
	switch (x->kind) {
	case CH_PROVIDER:
		return strcmp(a, "board_seats") != 0 && c->outside ? CH_CONTROL : CH_INFO;
	case CH_HOLDER:
		if (!c->subject_outside)
			return CH_INFO;
		if (strcmp(a, "country") == 0)
			return c->outside ? CH_CONTROL : CH_INFO;
		if (strcmp(a, "veto") == 0)
			return strcmp(c->value, "yes") == 0 ? CH_CONTROL : CH_INFO;
		return num(c) > num(o) ? CH_CONTROL : CH_INFO;
	case CH_GOVLINK:
		return c->subject_outside ? CH_CONTROL : CH_INFO;
	case CH_SUB:
		if (!c->subject_outside)
			return CH_INFO;
		if (strcmp(a, "data_access") == 0)
			return o == NULL || data_rank(c->value) > data_rank(o->value) ? CH_CONTROL : CH_INFO;
		if (strcmp(a, "secnumcloud") == 0)
			return strcmp(c->value, "no") == 0 ? CH_CONTROL : CH_INFO;
		if (strcmp(a, "service") == 0)
			return CH_INFO;
		return CH_CONTROL;  /* country, parent, relationship */
	case CH_SUPPORT:
		if (!c->subject_outside)
			return CH_INFO;
		if (strcmp(a, "data_access") == 0)
			return o == NULL || data_rank(c->value) > data_rank(o->value) ? CH_RESIDENCY
			                                                               : CH_INFO;
		return strcmp(a, "operations") == 0 ? CH_RESIDENCY : CH_INFO;
	case CH_ADMIN:
		return c->outside ? CH_RESIDENCY : CH_INFO;
	case CH_SITE:
		if (strcmp(a, "country") == 0)
			return c->outside && c->data ? CH_RESIDENCY : CH_INFO;
		return c->subject_outside ? CH_RESIDENCY : CH_INFO;
	default:
		return CH_INFO;
	}
}

static void
make_key(ch_change *ch, bool whole)
{
	const ch_fact *x = ch->cur ? ch->cur : ch->old;
	strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s\x1f%s\x1f%s\x1f%s\x1f%s", ch_kind_names[x->kind], x->subject,
	          whole ? "*" : x->aspect, ch->cur ? "+" : "-",
	          whole ? "" : x->set ? x->value : ch->cur ? ch->cur->value : "");
	char hex[65] = "";
	if (!sb.oom)
		(void)util_sha256_hex(sb.s ? sb.s : "", sb.len, hex);
	sb_free(&sb);
	snprintf(ch->key, sizeof(ch->key), "c-%.16s", hex);
}

static bool
push(ch_list *l, size_t *cap, const ch_fact *o, const ch_fact *c, bool whole,
     const ch_facts *cur)
{
	if (l->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		ch_change *v = realloc(l->v, nc * sizeof(*v));
		if (v == NULL)
			return false;
		l->v = v;
		*cap = nc;
	}
	ch_change *ch = &l->v[l->n++];
	memset(ch, 0, sizeof(*ch));
	ch->old = o;
	ch->cur = c;
	ch->whole = whole;
	ch->cls = classify(o, c, whole, cur);
	make_key(ch, whole);
	return true;
}

/* A declared subject (not the provider, not the administration) that one
 * side lacks entirely is one change, not one per value. */
static bool
collapses(ch_kind k)
{
	return k == CH_HOLDER || k == CH_GOVLINK || k == CH_SUB || k == CH_SUPPORT || k == CH_SITE;
}

static int
subject_cmp(const ch_fact *x, const ch_fact *y)
{
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->subject, y->subject);
}

bool
ch_compare(const ch_facts *a, const ch_facts *b, ch_list *ret)
{
	memset(ret, 0, sizeof(*ret));
	size_t cap = 0, i = 0, j = 0;
	bool ok = true;
	while (ok && (i < a->n || j < b->n)) {
		const ch_fact *x = i < a->n ? &a->v[i] : NULL, *y = j < b->n ? &b->v[j] : NULL;
		int s = x == NULL ? 1 : y == NULL ? -1 : subject_cmp(x, y);
		const ch_fact *f = s < 0 ? x : y;
		const ch_facts *side = s < 0 ? a : b, *other = s < 0 ? b : a;
		if (s != 0 && ch_facts_find(other, f->kind, f->subject, NULL, NULL) > 0) {
			/* the rest of a subject both sides have */
			ok = push(ret, &cap, s < 0 ? x : NULL, s < 0 ? NULL : y, false, b);
			if (s < 0)
				i++;
			else
				j++;
			continue;
		}
		if (s != 0) {
			/* a subject only one side has: we are at its first fact */
			size_t k, n = ch_facts_find(side, f->kind, f->subject, NULL, &k);
			if (n == 0)
				n = 1;
			if (collapses(f->kind)) {
				ok = push(ret, &cap, s < 0 ? f : NULL, s < 0 ? NULL : f, true, b);
			} else {
				for (size_t q = 0; q < n && ok; q++)
					ok = push(ret, &cap, s < 0 ? &side->v[k + q] : NULL,
					          s < 0 ? NULL : &side->v[k + q], false, b);
			}
			if (s < 0)
				i += n;
			else
				j += n;
			continue;
		}
		int c = fact_cmp(x, y);
		if (c == 0) {
			if (!x->set && strcmp(x->value, y->value) != 0)
				ok = push(ret, &cap, x, y, false, b);
			i++;
			j++;
		} else if (c < 0) {
			ok = push(ret, &cap, x, NULL, false, b);
			i++;
		} else {
			ok = push(ret, &cap, NULL, y, false, b);
			j++;
		}
	}
	if (!ok) {
		ch_list_free(ret);
		ret->oom = true;
	}
	return ok;
}

void
ch_list_free(ch_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* ------------------------------------------------------------- in words */

sc_msg *
ch_subject_msg(ch_kind kind, const char *subject)
{
	static const char *const code[] = {"subj.endpoint", "subj.ns", "subj.mx", "subj.subhosts",
		"subj.spf", "subj.dmarc", "subj.mailsvc", "subj.token", "subj.caa", "subj.certhost", "subj.provider", "subj.holder", "subj.govlink", "subj.sub",
		"subj.support", "subj.admin", "subj.site"};
	sc_msg *m = msg_new(code[kind]);
	if (kind == CH_GOVLINK || kind == CH_SUPPORT)
		msg_country(m, "country", subject);
	else if (kind != CH_PROVIDER && kind != CH_ADMIN)
		msg_text(m, "name", subject);
	return m;
}

/* One value as a message, by what it is. */
static sc_msg *
value_msg(ch_kind kind, const char *aspect, const char *value, const char *label)
{
	sc_msg *m;
	if (value == NULL || *value == '\0') {
		m = msg_new("val.none");
	} else if (strcmp(aspect, "country") == 0 || strcmp(aspect, "parent_country") == 0 ||
	           strcmp(aspect, "registered_office") == 0 ||
	           strcmp(aspect, "central_administration") == 0 ||
	           strcmp(aspect, "principal_establishment") == 0 ||
	           strcmp(aspect, "location") == 0) {
		if (strcmp(value, "??") == 0)
			return msg_new("val.unknown_location");
		m = msg_new("val.country");
		msg_country(m, "v", value);
	} else if (strcmp(aspect, "capital") == 0 || strcmp(aspect, "voting") == 0 ||
	           strcmp(aspect, "computed_capital") == 0 ||
	           strcmp(aspect, "computed_voting") == 0) {
		m = msg_new("val.pct");
		msg_pct(m, "v", value);
	} else if (strcmp(aspect, "data_access") == 0 || strcmp(aspect, "data") == 0) {
		m = msg_new("val.word");
		msg_word(m, "v", "datawords", value);
	} else if (strcmp(aspect, "relationship") == 0) {
		m = msg_new("val.word");
		msg_word(m, "v", "rel", value);
	} else if (strcmp(aspect, "holds") == 0) {
		m = msg_new("val.word");
		msg_word(m, "v", "holds", value);
	} else if (strcmp(aspect, "veto") == 0 || strcmp(aspect, "secnumcloud") == 0 ||
	           strcmp(aspect, "supervision") == 0) {
		m = msg_new("val.word");
		msg_word(m, "v", "flag", value);
	} else {
		m = msg_new("val.text");
		msg_text(m, "v", label && *label ? label : value);
	}
	(void)kind;
	return m;
}

/* An entity value: "Amazon.com, Inc. (United States)". */
static sc_msg *
entity_msg(const char *value, const char *label, const char *cc)
{
	sc_msg *m;
	if (value[0] == '?') {
		if (label[0] == '\0' || strcmp(label, "?") == 0)
			return msg_new("val.unknown_controller");
		m = msg_new("val.unknown_controller_of");
		msg_text(m, "name", label);
		return m;
	}
	if (cc && *cc) {
		m = msg_new("val.entity_cc");
		msg_country(m, "country", cc);
	} else {
		m = msg_new("val.entity");
	}
	msg_text(m, "name", label);
	return m;
}

sc_msg *
ch_change_msg_of(ch_kind kind, const char *subject, const char *aspect, bool set, bool whole,
           bool added, const char *ov, const char *ol, const char *nv, const char *nl,
           const char *ncc, const char *occ, const ch_facts *facts_of_subject, size_t first,
           size_t nfacts)
{
	sc_msg *m;
	if (whole) {
		m = msg_new(added ? "chg.subject_added" : "chg.subject_removed");
		msg_sub(m, "subject", ch_subject_msg(kind, subject));
		msg_items *l = msg_list(m, "facts", ';');
		for (size_t k = 0; facts_of_subject && k < nfacts; k++) {
			const ch_fact *x = &facts_of_subject->v[first + k];
			sc_msg *y = msg_new("chg.fact");
			msg_word(y, "aspect", "aspect", x->aspect);
			msg_sub(y, "value", value_msg(kind, x->aspect, x->value, x->label));
			msg_item_sub(m, l, y);
		}
		return m;
	}
	bool entity = strcmp(aspect, "controller") == 0 || strcmp(aspect, "operator") == 0 ||
	              strcmp(aspect, "ca_owner") == 0 || strcmp(aspect, "held_from") == 0;
	if (set) {
		char code[48];
		snprintf(code, sizeof(code), "chg.%s_%s", entity ? aspect : "value",
		         added ? "added" : "removed");
		const char *v = added ? nv : ov, *l = added ? nl : ol, *cc = added ? ncc : occ;
		if (v == NULL)
			v = "";
		if (l == NULL)
			l = v;
		if (strcmp(aspect, "location") == 0) {
			bool anycast = strcmp(v, "anycast") == 0;
			bool unknown = anycast || strcmp(v, "??") == 0;
			m = msg_new(anycast ? (added ? "chg.location_anycast_added" :
			                       "chg.location_anycast_removed") :
			            unknown ? (added ? "chg.location_unknown_added" :
			                       "chg.location_unknown_removed") :
			            added ? "chg.location_added" : "chg.location_removed");
			msg_sub(m, "subject", ch_subject_msg(kind, subject));
			if (!unknown)
				msg_country(m, "country", v);
			return m;
		}
		m = msg_new(msg_template_find(code) ? msg_template_find(code)->code :
		            added ? "chg.value_added" : "chg.value_removed");
		msg_sub(m, "subject", ch_subject_msg(kind, subject));
		msg_word(m, "aspect", "aspect", aspect);
		msg_sub(m, "value", entity ? entity_msg(v, l, cc) : value_msg(kind, aspect, v, l));
		return m;
	}
	m = msg_new(ov == NULL ? "chg.value_set" : nv == NULL ? "chg.value_unset" : "chg.value_changed");
	msg_sub(m, "subject", ch_subject_msg(kind, subject));
	msg_word(m, "aspect", "aspect", aspect);
	if (ov)
		msg_sub(m, "old", value_msg(kind, aspect, ov, ol));
	if (nv)
		msg_sub(m, "new", value_msg(kind, aspect, nv, nl));
	return m;
}

sc_msg *
ch_change_msg(const ch_change *c, const ch_facts *old_facts, const ch_facts *cur_facts)
{
	const ch_fact *x = c->cur ? c->cur : c->old;
	const ch_facts *side = c->cur ? cur_facts : old_facts;
	size_t first = 0, n = 0;
	if (c->whole && side)
		n = ch_facts_find(side, x->kind, x->subject, NULL, &first);
	return ch_change_msg_of(x->kind, x->subject, x->aspect, x->set, c->whole, c->cur != NULL,
	                  c->old ? c->old->value : NULL, c->old ? c->old->label : NULL,
	                  c->cur ? c->cur->value : NULL, c->cur ? c->cur->label : NULL,
	                  c->cur ? c->cur->cc : NULL, c->old ? c->old->cc : NULL, side, first, n);
}

const char *
ch_criterion(ch_kind kind, const char *aspect)
{
	switch (kind) {
	case CH_PROVIDER: return "19.6.a";
	case CH_HOLDER: return "19.6.b";
	case CH_GOVLINK: return "19.6.e";
	case CH_SUB:
		return strcmp(aspect, "secnumcloud") == 0 ? "19.6.d" : "19.6.c";
	case CH_SUPPORT: return "19.2.e";
	case CH_ADMIN: return "19.2.c";
	case CH_SITE: return "19.2.b";
	default:
		return strcmp(aspect, "location") == 0 ? "19.2.b" : "19.6.c";
	}
}
