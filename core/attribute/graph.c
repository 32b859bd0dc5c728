/*
 * graph.c — attribute the evidence and build the dependency graph
 * (docs/architecture.md): service → endpoints / domains / subcontractors →
 * names (with every CNAME hop) → addresses and certificates → operators (by
 * ASN, DNS suffix, certificate issuer) → ultimate controllers → countries.
 *
 * Nodes reached by several paths are one node with several "via" entries;
 * every node keeps the evidence ids that created it. The graph also
 * reconciles declared and observed: which operators a subcontractor entry
 * (or the provider itself) accounts for, and which declarations the
 * registry contradicts.
 *
 * Also the geolocation rule (sc_geo_decide()): what the answers of several
 * databases make of an address's country and AS, shared with `lookup`.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph.h"
#include "msg.h"
#include "manifest.h"
#include "sc-limits.h"
#include "util.h"
#include "vocab.h"

/* What the walk is following, for the access path of what it reveals. */
typedef enum walk_origin {
	WALK_ENDPOINT, WALK_DOMAIN, WALK_SUBCONTRACTOR, WALK_CERT_HOST, WALK_PUBLISHED
} walk_origin;

struct gctx {
	sc_graph *g;
	const sc_registry *reg;
	bool oom;
	walk_origin origin;   /* set before each walk */
	const ev_tls **tls;   /* the evidence's TLS results by (host, port), each
	                         endpoint's found by a search, not a scan */
	size_t ntls;
};

/* ---------------------------------------------------------- small lists */

/*
 * Append s unless it repeats the last entry. Lists whose order carries no
 * meaning (via, evidence, paths) are sorted and de-duplicated once, by
 * list_sort(), when the graph is complete: de-duplicating on every append
 * was quadratic for an operator reached by thousands of endpoints. Growth
 * is geometric for the same reason.
 */
static void
list_add(struct gctx *c, const char ***v, size_t *n, const char *s)
{
	if (s == NULL || (*n > 0 && strcmp((*v)[*n - 1], s) == 0))
		return;
	/* The capacity is max(4, the next power of two): full when n is 0 or
	 * a power of two of at least 4. */
	if (*n == 0 || (*n >= 4 && (*n & (*n - 1)) == 0)) {
		size_t cap = *n ? *n * 2 : 4;
		const char **p = realloc(*v, cap * sizeof(char *));
		if (p == NULL) {
			c->oom = true;
			return;
		}
		*v = p;
	}
	const char *d = util_strpool_get(c->g->strs, s);
	if (d == NULL) {
		c->oom = true;
		return;
	}
	(*v)[(*n)++] = d;
}

static void
list_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}


static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort and drop duplicates (freeing them); returns the new length. */
static size_t
list_sort(char **v, size_t n)
{
	if (n < 2)
		return n;
	qsort(v, n, sizeof(char *), str_cmp);
	size_t w = 1;
	for (size_t i = 1; i < n; i++) {
		if (strcmp(v[i], v[w - 1]) == 0)
			free(v[i]);
		else
			v[w++] = v[i];
	}
	return w;
}

/* Sort a list of the graph's strings and drop duplicates; the new length. */
static size_t
plist_sort(const char **v, size_t n)
{
	if (n < 2)
		return n;
	qsort(v, n, sizeof(char *), str_cmp);
	size_t w = 1;
	for (size_t i = 1; i < n; i++)
		if (strcmp(v[i], v[w - 1]) != 0)
			v[w++] = v[i];
	return w;
}

/* ------------------------------------------------------------- free */

void
sc_graph_free(sc_graph *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->ndeps; i++) {
		gn_dep *d = &g->deps[i];
		free(d->subject);
		free(d->as_org);
		free(d->operator_name);
		free(d->path);
		free(d->chain);
		free(d->via);
		free(d->evidence);
		free(d->own);
	}
	free(g->deps);
	free(g->dep_index);
	util_strpool_free(g->strs);
	for (size_t i = 0; i < g->nops; i++) {
		free(g->ops[i].paths);
		free(g->ops[i].evidence);
		free(g->ops[i].best_path);
	}
	free(g->ops);
	for (size_t i = 0; i < g->neps; i++) {
		free(g->eps[i].dns_problem);
		free(g->eps[i].dns_partial);
		free(g->eps[i].dns_id);
		free(g->eps[i].ips);
		free(g->eps[i].ops);
		free(g->eps[i].tls);
	}
	free(g->eps);
	for (size_t i = 0; i < g->ncontra; i++) {
		free(g->contra[i].what);
		msg_free(g->contra[i].msg);
	}
	free(g->contra);
	for (size_t i = 0; i < g->nnotes; i++) {
		free(g->notes[i].name);
		free(g->notes[i].term);
	}
	free(g->notes);
	free(g);
}

size_t sc_graph_dependency_count(const sc_graph *g) { return g ? g->ndeps : 0; }
size_t sc_graph_operator_count(const sc_graph *g) { return g ? g->nops : 0; }

/* ------------------------------------------------------------- nodes */

/* FNV-1a of kind and the case-folded subject. */
static size_t
dep_hash(const char *kind, const char *subject)
{
	uint64_t h = 1469598103934665603ull;
	for (const char *p = kind; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	h = (h ^ ':') * 1099511628211ull;
	for (const char *p = subject; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch + 32);
		h = (h ^ ch) * 1099511628211ull;
	}
	return (size_t)h;
}

/* The slot of (kind, subject) in the index: either holding it or empty. */
static size_t
dep_slot(const sc_graph *g, const char *kind, const char *subject)
{
	size_t mask = g->dep_index_cap - 1;
	size_t i = dep_hash(kind, subject) & mask;
	while (g->dep_index[i] != 0) {
		const gn_dep *d = &g->deps[g->dep_index[i] - 1];
		if (strcmp(d->kind, kind) == 0 && strcasecmp(d->subject, subject) == 0)
			break;
		i = (i + 1) & mask;
	}
	return i;
}

/* Keep the index at most half full (capacity a power of two). */
static bool
dep_index_grow(sc_graph *g)
{
	if (g->dep_index_cap >= 2 * (g->ndeps + 1))
		return true;
	size_t ncap = g->dep_index_cap ? g->dep_index_cap * 2 : 64;
	size_t *idx = calloc(ncap, sizeof(*idx));
	if (idx == NULL)
		return false;
	free(g->dep_index);
	g->dep_index = idx;
	g->dep_index_cap = ncap;
	for (size_t k = 0; k < g->ndeps; k++)
		g->dep_index[dep_slot(g, g->deps[k].kind, g->deps[k].subject)] = k + 1;
	return true;
}

/* The node of (kind, subject) while the graph is being built, or NULL. */
static gn_dep *
dep_find(sc_graph *g, const char *kind, const char *subject)
{
	if (g->dep_index_cap == 0)
		return NULL;
	size_t slot = dep_slot(g, kind, subject);
	return g->dep_index[slot] ? &g->deps[g->dep_index[slot] - 1] : NULL;
}

static gn_dep *
dep_get(struct gctx *c, const char *kind, const char *subject, bool *ret_new)
{
	sc_graph *g = c->g;
	if (!dep_index_grow(g)) {
		c->oom = true;
		return NULL;
	}
	size_t slot = dep_slot(g, kind, subject);
	if (g->dep_index[slot] != 0) {
		if (ret_new)
			*ret_new = false;
		return &g->deps[g->dep_index[slot] - 1];
	}
	if (g->ndeps == g->capdeps) {
		size_t nc = g->capdeps ? g->capdeps * 2 : 32;
		gn_dep *p = realloc(g->deps, nc * sizeof(*p));
		if (p == NULL) {
			c->oom = true;
			return NULL;
		}
		g->deps = p;
		g->capdeps = nc;
	}
	gn_dep *d = &g->deps[g->ndeps];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->order = g->ndeps;
	d->subject = strdup(subject);
	if (d->subject == NULL) {
		c->oom = true;
		return NULL;
	}
	g->ndeps++;
	g->dep_index[slot] = g->ndeps;
	if (ret_new)
		*ret_new = true;
	return d;
}

static gn_op *
op_get(struct gctx *c, const sc_entity *e)
{
	sc_graph *g = c->g;
	for (size_t i = 0; i < g->nops; i++)
		if (g->ops[i].entity == e)
			return &g->ops[i];
	if (g->nops == g->capops) {
		size_t nc = g->capops ? g->capops * 2 : 16;
		gn_op *p = realloc(g->ops, nc * sizeof(*p));
		if (p == NULL) {
			c->oom = true;
			return NULL;
		}
		g->ops = p;
		g->capops = nc;
	}
	gn_op *o = &g->ops[g->nops++];
	memset(o, 0, sizeof(*o));
	o->entity = e;
	o->ultimate = sc_entity_ultimate(e);
	o->cert_only = true;
	return o;
}

/* Highest data class in a mask of 1 << mf_data bits (-1: none). */
static int
top_class(unsigned data)
{
	for (int d = MF_DATA_CUSTOMER; d >= MF_DATA_NONE; d--)
		if (data & (1u << d))
			return d;
	return -1;
}

/* How what was revealed reaches data (access.h), from what led to it:
 * the endpoint's addresses are hosted by their network's operator (a CDN
 * endpoint's edge carries its traffic); a name's suffix shows a service
 * behind it; name and mail servers carry traffic about the domain. */
static unsigned
touch_access(const struct gctx *c, bool address, unsigned roles, bool cert)
{
	if (cert)
		return AC_BIT(AC_ISSUANCE);
	switch (c->origin) {
	case WALK_ENDPOINT:
		if (roles & (1u << MF_ROLE_CDN))
			return AC_BIT(AC_TRANSIT);
		return address ? AC_BIT(AC_PHYSICAL) : AC_BIT(AC_SERVICE);
	case WALK_DOMAIN: return AC_BIT(AC_TRANSIT);
	case WALK_SUBCONTRACTOR: return AC_BIT(AC_SERVICE);
	case WALK_CERT_HOST:
	case WALK_PUBLISHED:
		return 0;
	}
	return 0;
}

static void
op_touch(struct gctx *c, const sc_entity *e, const char *path, const char *evid,
         unsigned data, unsigned roles, bool cert, bool address)
{
	if (e == NULL)
		return;
	gn_op *o = op_get(c, e);
	if (o == NULL)
		return;
	list_add(c, &o->paths, &o->npaths, path);
	list_add(c, &o->evidence, &o->nevidence, evid);
	o->data |= data;
	o->roles |= roles;
	if (c->origin == WALK_PUBLISHED)
		o->published = true;
	/* An anycast network is an edge: it carries traffic, it does not host. */
	unsigned acc = touch_access(c, address, roles, cert);
	if (!cert && sc_entity_anycast(e) && (acc & (AC_BIT(AC_PHYSICAL) | AC_BIT(AC_SERVICE))))
		acc = AC_BIT(AC_TRANSIT);
	o->access |= acc;
	if (!cert)
		o->cert_only = false;
	/* The path that matters: the one carrying the most sensitive data, an
	 * endpoint's before a name server's, then the first in sort order. */
	int cls = top_class(data);
	bool ep = roles != 0;
	if (o->best_path == NULL || cls > o->best_data ||
	    (cls == o->best_data && ep && !o->best_endpoint) ||
	    (cls == o->best_data && ep == o->best_endpoint && strcmp(path, o->best_path) < 0)) {
		char *p = strdup(path);
		if (p == NULL) {
			c->oom = true;
			return;
		}
		free(o->best_path);
		o->best_path = p;
		o->best_data = cls;
		o->best_endpoint = ep;
	}
}

/* "Name (CC)" of an entity for chains and paths. */
static void
ent_words(strbuf *sb, const sc_entity *e)
{
	const char *cc = sc_entity_country(e);
	sb_printf(sb, "%s (%s)", sc_entity_name(e), cc && *cc ? cc : "?");
}

/* chain: the entity and each parent up to the ultimate controller. */
static void
chain_entities(struct gctx *c, gn_dep *d, const sc_entity *e)
{
	const sc_entity *hops[32];
	size_t n = sc_entity_chain(e, hops, 32, NULL);
	for (size_t i = 0; i < n; i++) {
		strbuf sb;
		sb_init(&sb);
		ent_words(&sb, hops[i]);
		list_add(c, &d->chain, &d->nchain, sb.s);
		if (sb.oom)
			c->oom = true;
		sb_free(&sb);
	}
}

static void
dep_set_operator(struct gctx *c, gn_dep *d, const sc_entity *e)
{
	if (d->operator != NULL || e == NULL)
		return;
	d->operator = e;
	d->controller = sc_entity_ultimate(e);
	d->anycast = d->anycast || sc_entity_anycast(e);
	free(d->operator_name);
	d->operator_name = strdup(sc_entity_name(e));
	if (d->operator_name == NULL)
		c->oom = true;
	chain_entities(c, d, e);
}

/* ---------------------------------------------------- geolocation rule */

const char *
sc_geo_outcome_to_string(sc_geo_outcome o)
{
	switch (o) {
	case SC_GEO_NONE: return "none";
	case SC_GEO_AGREED: return "agreed";
	case SC_GEO_SETTLED: return "settled";
	case SC_GEO_CONFLICT: return "conflict";
	}
	return "?";
}

/*
 * The rule (docs/checks.md "Partial and disagreeing evidence"): when the
 * databases that give a field agree, it stands. When they disagree, the
 * answer whose data is strictly more specific than that of every answer
 * that disagrees with it decides — a /24 that says DE is about the address
 * more closely than a /16 that says FR — and the decision names both.
 * Equally specific answers that disagree leave the field unknown: which
 * database comes first (precedence) never decides, and neither does the
 * number of databases that agree.
 */
void
sc_geo_decide(const sc_geo_claim *c, size_t n, sc_geo_decision *ret)
{
	size_t first = n, top = n;
	for (size_t i = 0; i < n; i++) {
		if (!c[i].found)
			continue;
		if (first == n)
			first = i;
		if (top == n || c[i].prefix_len > c[top].prefix_len)
			top = i;
	}
	if (first == n) {
		*ret = (sc_geo_decision){ SC_GEO_NONE, 0, 0 };
		return;
	}
	/* The most specific answer that disagrees with the most specific one. */
	size_t rival = n;
	for (size_t i = 0; i < n; i++) {
		if (!c[i].found || c[i].value == c[top].value)
			continue;
		if (rival == n || c[i].prefix_len > c[rival].prefix_len)
			rival = i;
	}
	if (rival == n)
		*ret = (sc_geo_decision){ SC_GEO_AGREED, first, first };
	else if (c[rival].prefix_len < c[top].prefix_len)
		*ret = (sc_geo_decision){ SC_GEO_SETTLED, top, rival };
	else
		*ret = (sc_geo_decision){ SC_GEO_CONFLICT, top, rival };
}

/* The claims of every database that answered for an address, for the
 * country (or, with asn, the AS). Returns their number. */
static size_t
geo_claims(const ev_geo *g, bool asn, sc_geo_claim *ret)
{
	size_t n = g->nsrc < SC_MAX_GEODBS ? g->nsrc : SC_MAX_GEODBS;
	for (size_t i = 0; i < n; i++) {
		const ev_geo_src *s = &g->src[i];
		if (asn)
			ret[i] = (sc_geo_claim){ s->found_asn, s->asn, s->asn_prefix };
		else
			ret[i] = (sc_geo_claim){ s->country[0] != '\0',
			                         (uint32_t)(unsigned char)s->country[0] << 8 |
			                             (unsigned char)s->country[1],
			                         s->country_prefix };
	}
	return n;
}

/*
 * Where the address is and which AS announces it, as collected: the rule
 * over every database's answer. A bundle written before databases were
 * recorded one by one has only the answer by precedence, taken as it is.
 */
static void
geo_locate(struct gctx *c, gn_dep *d, const ev_geo *rec)
{
	sc_geo_claim cl[SC_MAX_GEODBS];
	size_t n = geo_claims(rec, false, cl);
	sc_geo_decide(cl, n, &d->geo_country);
	d->location_conflict = d->geo_country.outcome == SC_GEO_CONFLICT;
	bool located = d->geo_country.outcome == SC_GEO_AGREED ||
	               d->geo_country.outcome == SC_GEO_SETTLED;
	if (n == 0 && rec->country[0])
		memcpy(d->location, rec->country, 3);
	else if (located)
		memcpy(d->location, rec->src[d->geo_country.by].country, 3);

	n = geo_claims(rec, true, cl);
	sc_geo_decide(cl, n, &d->geo_asn);
	d->asn_conflict = d->geo_asn.outcome == SC_GEO_CONFLICT;
	const char *org = NULL;
	if (n == 0 && rec->found_asn) {
		d->found_asn = true;
		d->asn = rec->asn;
		org = rec->as_org;
	} else if (d->geo_asn.outcome == SC_GEO_AGREED || d->geo_asn.outcome == SC_GEO_SETTLED) {
		const ev_geo_src *s = &rec->src[d->geo_asn.by];
		d->found_asn = true;
		d->asn = s->asn;
		/* The organisation that database gave (bundles before they were
		 * recorded per database: the answer by precedence's, when it is
		 * the same AS). */
		org = s->as_org ? s->as_org : rec->found_asn && rec->asn == s->asn ? rec->as_org : NULL;
	}
	if (d->found_asn) {
		d->as_org = strdup(org ? org : "");
		if (d->as_org == NULL)
			c->oom = true;
		char as[32];
		snprintf(as, sizeof(as), "AS%u", d->asn);
		list_add(c, &d->chain, &d->nchain, as);
	}
}

/* Locate and attribute one address; returns its node. */
static gn_dep *
attribute_ip(struct gctx *c, const char *ip, const char *via, const char *prefix,
             unsigned data, unsigned roles, const char *dns_id)
{
	bool fresh = false;
	gn_dep *d = dep_get(c, "ip", ip, &fresh);
	if (d == NULL)
		return NULL;
	char geo_id[128];
	snprintf(geo_id, sizeof(geo_id), "geo:%s", ip);
	if (fresh) {
		/* Where the address is and which AS announces it: databases that
		 * disagree leave it unknown unless one is more specific. */
		const ev_geo *rec = evidence_geo_find(c->g->ev, ip);
		d->geo = rec;
		if (rec)
			geo_locate(c, d, rec);
		/* An address is its network's: by the origin AS only (the names
		 * that led here are attributed as names, below). */
		sc_attribution at;
		sc_attribute_address(c->reg, ip, d->found_asn, d->asn, NULL, 0, &at);
		const sc_entity *e = at.op;
		if (e) {
			dep_set_operator(c, d, e);
			char rid[160];
			snprintf(rid, sizeof(rid), "registry:%s", sc_entity_id(e));
			list_add(c, &d->evidence, &d->nevidence, rid);
			list_add(c, &d->own, &d->nown, rid);
		} else if (d->as_org && *d->as_org) {
			d->operator_name = strdup(d->as_org);
			if (d->operator_name == NULL)
				c->oom = true;
		}
		/* (a bundle written before SPF networks were located has no
		 * answer for theirs) */
		if (rec) {
			list_add(c, &d->evidence, &d->nevidence, geo_id);
			list_add(c, &d->own, &d->nown, geo_id);
		}
	}
	list_add(c, &d->via, &d->nvia, via);
	list_add(c, &d->evidence, &d->nevidence, dns_id);
	d->data |= data;
	d->roles |= roles;
	if (d->operator) {
		strbuf p;
		sb_init(&p);
		sb_printf(&p, "%s → %s → AS%u ", prefix, ip, d->asn);
		ent_words(&p, d->operator);
		op_touch(c, d->operator, p.s, dns_id, data, roles, false, true);
		if (d->path == NULL && p.s)
			d->path = strdup(p.s);
		sb_free(&p);
	}
	return d;
}

/* A name node (endpoint host or CNAME target) and the operator its suffix
 * reveals. */
static void
attribute_name(struct gctx *c, const char *name, sc_suffix_kind kind, const char *via,
               const char *prefix, unsigned data, unsigned roles, const char *dns_id,
               const sc_entity **ret_op)
{
	gn_dep *d = dep_get(c, "name", name, NULL);
	if (d == NULL)
		return;
	list_add(c, &d->via, &d->nvia, via);
	list_add(c, &d->evidence, &d->nevidence, dns_id);
	d->data |= data;
	d->roles |= roles;
	sc_attribution at;
	sc_attribute_name(c->reg, kind, name, &at);
	const sc_entity *e = at.op;
	const char *suffix = at.suffix;
	if (ret_op)
		*ret_op = e;
	if (e == NULL)
		return;
	dep_set_operator(c, d, e);
	strbuf p;
	sb_init(&p);
	sb_printf(&p, "%s (suffix %s of ", prefix, suffix ? suffix : "?");
	ent_words(&p, e);
	sb_puts(&p, ")");
	char rid[160];
	snprintf(rid, sizeof(rid), "registry:%s", sc_entity_id(e));
	list_add(c, &d->evidence, &d->nevidence, rid);
	list_add(c, &d->own, &d->nown, rid);
	op_touch(c, e, p.s, dns_id, data, roles, false, false);
	if (d->path == NULL && p.s)
		d->path = strdup(p.s);
	sb_free(&p);
}

/* ---------------------------------------------------------- endpoints */

static void
ep_add_ip(struct gctx *c, gn_endpoint *ge, size_t idx)
{
	for (size_t i = 0; i < ge->nips; i++)
		if (ge->ips[i] == idx)
			return;
	size_t *p = realloc(ge->ips, (ge->nips + 1) * sizeof(*p));
	if (p == NULL) {
		c->oom = true;
		return;
	}
	ge->ips = p;
	p[ge->nips++] = idx;
}

static void
ep_add_op(struct gctx *c, gn_endpoint *ge, const sc_entity *e)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < ge->nops; i++)
		if (ge->ops[i] == e)
			return;
	const sc_entity **p = realloc(ge->ops, (ge->nops + 1) * sizeof(*p));
	if (p == NULL) {
		c->oom = true;
		return;
	}
	ge->ops = p;
	p[ge->nops++] = e;
}

/*
 * Walk one resolved name: every CNAME hop, every address. via names the
 * manifest item that led here. ge (optional) collects the endpoint's
 * addresses and operators.
 */
static void
walk_name(struct gctx *c, const sc_dns_result *res, const char *name, const char *via,
          unsigned data, unsigned roles, gn_endpoint *ge, sc_suffix_kind first_kind)
{
	const sc_dns_entry *e = res ? sc_dns_result_find(res, name) : NULL;
	char dns_id[400];
	snprintf(dns_id, sizeof(dns_id), "dns:%s", name);
	const sc_entity *op = NULL;
	attribute_name(c, name, first_kind, via, name, data, roles, dns_id, &op);
	if (ge)
		ep_add_op(c, ge, op);
	if (e == NULL)
		return;
	strbuf path;
	sb_init(&path);
	sb_puts(&path, name);
	for (size_t a = 0; a < e->answer_count; a++) {
		const sc_dns_answer *an = &e->answers[a];
		for (size_t h = 0; h < an->chain_len; h++) {
			sb_printf(&path, " → CNAME %s", an->chain[h].target);
			attribute_name(c, an->chain[h].target, SC_SUFFIX_CNAME, via, path.s ? path.s : "",
			               data, roles, dns_id, &op);
			if (ge)
				ep_add_op(c, ge, op);
		}
		for (size_t i = 0; i < an->addr_count; i++) {
			gn_dep *d = attribute_ip(c, an->addrs[i].ip, via, path.s ? path.s : name, data,
			                         roles, dns_id);
			if (d && ge) {
				ep_add_ip(c, ge, (size_t)(d - c->g->deps));
				ep_add_op(c, ge, d->operator);
			}
		}
		sb_free(&path);
		sb_init(&path);
		sb_puts(&path, name);
	}
	sb_free(&path);
}

/* ---------------------------------------------------- published records */

/* A name a domain dom's records point to (an SPF include, a DMARC report
 * host): attributed by the registry's txt suffixes, then mx, then cname. */
static void
published_name(struct gctx *c, const char *dom, const char *name, const char *via,
               const char *prefix, const char *dns_id)
{
	static const sc_suffix_kind order[] = {SC_SUFFIX_TXT, SC_SUFFIX_MX, SC_SUFFIX_CNAME};
	sc_suffix_kind k = SC_SUFFIX_TXT;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (sc_registry_by_suffix(c->reg, order[i], name, NULL) != NULL) {
			k = order[i];
			break;
		}
	attribute_name(c, name, k, via, prefix, 1u << MF_DATA_NONE, 0, dns_id, NULL);
	gn_dep *d = dep_find(c->g, "name", name);
	if (d && d->path == NULL && (d->path = strdup(prefix)) == NULL)
		c->oom = true;
	if (d && d->operator == NULL && !vocab_name_within(name, dom))
		d->published_unknown = true;
}

/* A record that names a service but is no DNS name (a verification token,
 * a CAA issuer): a dependency of kind "record", its operator when the
 * registry knows it (else unknown, shown as such). */
static void
published_record(struct gctx *c, const char *dom, const char *subject, const sc_entity *e,
                 const char *via, const char *path, const char *dns_id)
{
	gn_dep *d = dep_get(c, "record", subject, NULL);
	if (d == NULL)
		return;
	if (e == NULL && !vocab_name_within(subject, dom))
		d->published_unknown = true;
	list_add(c, &d->via, &d->nvia, via);
	list_add(c, &d->evidence, &d->nevidence, dns_id);
	d->data |= 1u << MF_DATA_NONE;
	strbuf p;
	sb_init(&p);
	sb_puts(&p, path);
	if (e) {
		dep_set_operator(c, d, e);
		sb_puts(&p, " (");
		ent_words(&p, e);
		sb_puts(&p, ")");
		char rid[160];
		snprintf(rid, sizeof(rid), "registry:%s", sc_entity_id(e));
		list_add(c, &d->evidence, &d->nevidence, rid);
		list_add(c, &d->own, &d->nown, rid);
		op_touch(c, e, p.s ? p.s : path, dns_id, 1u << MF_DATA_NONE, 0, false, false);
	}
	if (d->path == NULL && p.s)
		d->path = strdup(p.s);
	sb_free(&p);
}

/* Note what of name's SPF record was not read (term NULL: more
 * mechanisms than read). */
static void
spf_note(struct gctx *c, const char *name, const char *term, sc_dns_spf_term why, size_t more)
{
	sc_graph *g = c->g;
	/* A record is read once per tree but may be in several trees. */
	for (size_t i = 0; i < g->nnotes; i++)
		if (strcmp(g->notes[i].name, name) == 0 && g->notes[i].more == more &&
		    (term ? g->notes[i].term && strcmp(g->notes[i].term, term) == 0 :
		            g->notes[i].term == NULL))
			return;
	gn_note *p = realloc(g->notes, (g->nnotes + 1) * sizeof(*p));
	if (p == NULL) {
		c->oom = true;
		return;
	}
	g->notes = p;
	gn_note *x = &p[g->nnotes++];
	*x = (gn_note){strdup(name), term ? strdup(term) : NULL, why, more};
	if (x->name == NULL || (term && x->term == NULL))
		c->oom = true;
}

/* One SPF tree being walked: each record read once, at most
 * 1 + SC_DNS_SPF_LOOKUPS of them (the domain's and the names an evaluation
 * may look up, RFC 7208 section 4.6.4). Without it, includes that include
 * each other would be walked 10^10 times. */
struct spf_walk {
	const char *dom, *via;
	const char *read[1 + SC_DNS_SPF_LOOKUPS];  /* borrowed: the result's names */
	size_t nread;
};

/*
 * The networks name's SPF record txt authorises to send mail (its ip4: and
 * ip6: mechanisms): each network's first address located and attributed
 * as an observed address, a dependency named by the record; a network too
 * wide to be one operator's is a record of its own, not located; a
 * malformed mechanism, or one over the limit, is noted and left out.
 */
static void
spf_networks(struct gctx *c, const struct spf_walk *w, const char *name, const char *txt,
             const char *path, const char *dns_id)
{
	sc_dns_spf_range r[SC_DNS_SPF_RANGES];
	size_t more = 0;
	size_t n = sc_dns_spf_ranges(txt, r, SC_DNS_SPF_RANGES, &more);
	for (size_t i = 0; i < n; i++) {
		char p[1400];
		switch (r[i].status) {
		case SC_DNS_SPF_NETWORK: {
			snprintf(p, sizeof(p), "%s → SPF ip%u:%s (the network's first address)", path,
			         r[i].family, r[i].network);
			gn_dep *d = attribute_ip(c, r[i].first, w->via, p, 1u << MF_DATA_NONE, 0, dns_id);
			if (d == NULL || d->operator != NULL)
				break;
			/* Its AS (or none) is no registry entity: a sender of unknown
			 * control, not nothing. */
			d->published_unknown = true;
			if (d->path == NULL) {
				strbuf sb;
				sb_init(&sb);
				sb_printf(&sb, "%s → %s", p, r[i].first);
				if (d->found_asn)
					sb_printf(&sb, " → AS%u %s", d->asn, d->as_org ? d->as_org : "");
				if (sb.oom)
					c->oom = true;
				d->path = sb_take(&sb);
			}
			break;
		}
		case SC_DNS_SPF_WIDE: {
			char subject[96];
			unsigned lim = r[i].family == 6 ? 16 : 8;
			snprintf(subject, sizeof(subject), "ip%u:%s", r[i].family, r[i].network);
			snprintf(p, sizeof(p), "%s → SPF %s (too wide to be one operator's network)",
			         path, subject);
			published_record(c, w->dom, subject, NULL, w->via, p, dns_id);
			gn_dep *d = dep_find(c->g, "record", subject);
			if (d)
				d->spf_wide = lim;
			break;
		}
		case SC_DNS_SPF_BAD_ADDRESS:
		case SC_DNS_SPF_BAD_PREFIX:
			spf_note(c, name, r[i].term, r[i].status, 0);
			break;
		}
	}
	if (more)
		spf_note(c, name, NULL, SC_DNS_SPF_NETWORK, more);
}

/* The SPF tree under name: the networks its record authorises, then every
 * include or redirect, attributed, then its own record's. */
static void
walk_spf(struct gctx *c, const sc_dns_result *res, struct spf_walk *w, const char *name,
         const char *path)
{
	const sc_dns_entry *e = sc_dns_result_find(res, name);
	if (e == NULL || w->nread == sizeof(w->read) / sizeof(w->read[0]))
		return;
	for (size_t i = 0; i < w->nread; i++)
		if (strcmp(w->read[i], e->name) == 0)
			return;
	w->read[w->nread++] = e->name;
	char id[400];
	snprintf(id, sizeof(id), "dns:%s", name);
	for (size_t a = 0; a < e->answer_count; a++)
		for (size_t t = 0; t < e->answers[a].txt_count; t++) {
			const char *txt = e->answers[a].txt[t].value;
			spf_networks(c, w, name, txt, path, id);
			char names[SC_DNS_SPF_LOOKUPS][SC_MAX_NAME_LEN + 1];
			size_t n = sc_dns_spf_names(txt, names, SC_DNS_SPF_LOOKUPS);
			for (size_t i = 0; i < n; i++) {
				const sc_dns_entry *sub = sc_dns_result_find(res, names[i]);
				if (sub == NULL)
					continue;   /* over the bound: not asked */
				char p[1200], sid[400];
				snprintf(p, sizeof(p), "%s → SPF include %s", path, names[i]);
				snprintf(sid, sizeof(sid), "dns:%s", names[i]);
				published_name(c, w->dom, names[i], w->via, p, sid);
				walk_spf(c, res, w, names[i], p);
			}
		}
}

/* The host of each DMARC report URI ("rua=mailto:a@host!10m,mailto:…"). */
static void
walk_dmarc(struct gctx *c, const char *dom, const char *txt, const char *via,
           const char *dns_id)
{
	if (strncasecmp(txt, "v=DMARC1", 8) != 0)
		return;
	for (const char *p = txt; (p = strstr(p, "mailto:")) != NULL; ) {
		p += 7;
		const char *at = p;
		while (*at && *at != '@' && *at != ',' && *at != ';' && *at != ' ')
			at++;
		if (*at != '@') {
			p = at;
			continue;
		}
		const char *h = at + 1, *end = h;
		while (*end && *end != ',' && *end != ';' && *end != ' ' && *end != '!')
			end++;
		p = end;
		char host[SC_MAX_NAME_LEN + 2], canon[SC_MAX_NAME_LEN + 2];
		size_t n = (size_t)(end - h);
		if (n == 0 || n > SC_MAX_NAME_LEN)
			continue;
		memcpy(host, h, n);
		host[n] = '\0';
		if (!vocab_name_canon(host, canon, sizeof(canon)) || vocab_name_within(canon, dom))
			continue;   /* the domain's own mailbox */
		char path[800];
		snprintf(path, sizeof(path), "%s DMARC reports to %s", dom, canon);
		published_name(c, dom, canon, via, path, dns_id);
	}
}

/* A CAA issue/issuewild property's issuer domain ("0 issue letsencrypt.org;
 * account=…"), or false (iodef, another tag, or ";": no CA may issue). */
static bool
caa_issuer(const char *caa, char out[SC_MAX_NAME_LEN + 2])
{
	const char *p = strchr(caa, ' ');
	if (p == NULL)
		return false;
	p++;
	if (strncasecmp(p, "issue ", 6) == 0)
		p += 6;
	else if (strncasecmp(p, "issuewild ", 10) == 0)
		p += 10;
	else
		return false;
	while (*p == ' ')
		p++;
	size_t n = strcspn(p, "; ");
	if (n == 0 || n > SC_MAX_NAME_LEN)
		return false;
	char tmp[SC_MAX_NAME_LEN + 2];
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	return vocab_name_canon(tmp, out, SC_MAX_NAME_LEN + 2);
}

/* What domain dom publishes (collected when the run discovers it: its
 * TXT, CAA, DMARC, MTA-STS and Autodiscover records), each service named
 * attributed with the path that revealed it. */
static void
walk_published(struct gctx *c, const sc_dns_result *res, const char *dom)
{
	const sc_dns_entry *e = sc_dns_result_find(res, dom);
	if (e == NULL || !(e->want & SC_DNS_WANT_TEXT))
		return;
	c->origin = WALK_PUBLISHED;
	char via[400], id[400], name[SC_MAX_NAME_LEN + 40];
	snprintf(id, sizeof(id), "dns:%s", dom);
	snprintf(via, sizeof(via), "spf:%s", dom);
	struct spf_walk sw = {dom, via, {NULL}, 0};
	walk_spf(c, res, &sw, dom, dom);
	snprintf(via, sizeof(via), "txt:%s", dom);
	for (size_t a = 0; a < e->answer_count; a++)
		for (size_t t = 0; t < e->answers[a].txt_count; t++) {
			const char *tok = NULL;
			const sc_entity *s = sc_registry_by_verification(c->reg, e->answers[a].txt[t].value,
			                                                 &tok);
			if (s == NULL)
				continue;
			char path[600];
			snprintf(path, sizeof(path), "%s TXT %s…", dom, tok);
			published_record(c, dom, tok, s, via, path, id);
		}
	snprintf(via, sizeof(via), "caa:%s", dom);
	for (size_t a = 0; a < e->answer_count; a++)
		for (size_t t = 0; t < e->answers[a].caa_count; t++) {
			char iss[SC_MAX_NAME_LEN + 2], path[600];
			if (!caa_issuer(e->answers[a].caa[t].value, iss))
				continue;
			snprintf(path, sizeof(path), "%s CAA issue %s", dom, iss);
			published_record(c, dom, iss, sc_registry_by_caa(c->reg, iss), via, path, id);
		}
	snprintf(via, sizeof(via), "dmarc:%s", dom);
	snprintf(name, sizeof(name), "_dmarc.%s", dom);
	const sc_dns_entry *d = sc_dns_result_find(res, name);
	snprintf(id, sizeof(id), "dns:%s", name);
	for (size_t a = 0; d && a < d->answer_count; a++)
		for (size_t t = 0; t < d->answers[a].txt_count; t++)
			walk_dmarc(c, dom, d->answers[a].txt[t].value, via, id);
	/* Mail services: the MTA-STS policy host (when a policy is announced),
	 * the Autodiscover SRV targets and host. */
	snprintf(via, sizeof(via), "mail-service:%s", dom);
	snprintf(name, sizeof(name), "_mta-sts.%s", dom);
	const sc_dns_entry *m = sc_dns_result_find(res, name);
	bool sts = false;
	for (size_t a = 0; m && a < m->answer_count; a++)
		for (size_t t = 0; t < m->answers[a].txt_count; t++)
			sts |= strncmp(m->answers[a].txt[t].value, "v=STSv1", 7) == 0;
	snprintf(name, sizeof(name), "mta-sts.%s", dom);
	if (sts)
		walk_name(c, res, name, via, 1u << MF_DATA_NONE, 0, NULL, SC_SUFFIX_CNAME);
	snprintf(name, sizeof(name), "_autodiscover._tcp.%s", dom);
	const sc_dns_entry *s = sc_dns_result_find(res, name);
	for (size_t a = 0; s && a < s->answer_count; a++)
		for (size_t t = 0; t < s->answers[a].srv_count; t++)
			walk_name(c, res, s->answers[a].srv[t].name, via, 1u << MF_DATA_NONE, 0, NULL,
			          SC_SUFFIX_CNAME);
	snprintf(name, sizeof(name), "autodiscover.%s", dom);
	const sc_dns_entry *ad = sc_dns_result_find(res, name);
	bool exists = false;
	for (size_t a = 0; ad && a < ad->answer_count; a++)
		exists |= ad->answers[a].addr_count > 0 || ad->answers[a].chain_len > 0;
	if (exists)
		walk_name(c, res, name, via, 1u << MF_DATA_NONE, 0, NULL, SC_SUFFIX_CNAME);
}

static void
endpoint_dns(struct gctx *c, gn_endpoint *ge, const sc_dns_result *res)
{
	const sc_dns_entry *e = res ? sc_dns_result_find(res, ge->ep->host) : NULL;
	strbuf why;
	sb_init(&why);
	if (e == NULL) {
		sb_puts(&why, "no DNS evidence for this name");
	} else {
		size_t naddr = 0;
		for (size_t a = 0; a < e->answer_count; a++) {
			const sc_dns_answer *an = &e->answers[a];
			naddr += an->addr_count;
			if (an->reason != SC_DNS_OK)
				sb_printf(&why, "%s%s from %s%s%s", why.len ? "; " : "",
				          sc_dns_reason_to_string(an->reason), an->source,
				          an->detail && *an->detail ? ": " : "", an->detail ? an->detail : "");
		}
		ge->dns_ok = naddr > 0;
		if (naddr == 0 && why.len == 0)
			sb_puts(&why, "no address in the answers");
		if (e->differs)
			sb_printf(&why, "%ssources disagree (%s)", why.len ? "; " : "", e->differences);
	}
	if (why.len) {
		ge->dns_problem = why.s;
		sb_init(&why);
	}
	sb_free(&why);
}

/* Zone files speak for the zone's owner; resolvers are vantage points of
 * the public DNS: two standings. */
static bool
authoritative(const sc_dns_answer *an)
{
	return strcmp(an->source, "zones") == 0;
}

/* "FR/ovhcloud;US/aws": where and who, over the addresses of one answer
 * (sorted and unique), to tell rotation among the same providers from a
 * real difference. */
static char *
answer_signature(struct gctx *c, const sc_dns_answer *an)
{
	char **v = an->addr_count ? calloc(an->addr_count, sizeof(*v)) : NULL;
	size_t n = 0;
	for (size_t i = 0; i < an->addr_count; i++) {
		gn_dep *d = dep_find(c->g, "ip", an->addrs[i].ip);
		strbuf sb;
		sb_init(&sb);
		sb_printf(&sb, "%s/%s", d && d->location[0] ? d->location : "?",
		          d && d->operator ? sc_entity_id(d->operator) :
		          d && d->as_org ? d->as_org : "?");
		if (v && sb.s)
			v[n++] = sb.s;
		else
			sb_free(&sb);
	}
	n = list_sort(v, n);
	strbuf out;
	sb_init(&out);
	sb_puts(&out, "");
	for (size_t i = 0; i < n; i++)
		sb_printf(&out, "%s%s", i ? ";" : "", v[i]);
	list_free(v, n);
	if (out.oom)
		c->oom = true;
	return out.s;
}

/*
 * Evidence that gives addresses but is not whole (docs/checks.md): a source
 * that failed when no other source of the same standing answered, or
 * sources that disagree on where the name leads — another CNAME chain, or
 * addresses in other countries or of other operators. Sources that only
 * return other addresses of the same operators in the same countries
 * (rotation) agree.
 */
static void
endpoint_partial(struct gctx *c, gn_endpoint *ge, const sc_dns_result *res)
{
	const sc_dns_entry *e = res ? sc_dns_result_find(res, ge->ep->host) : NULL;
	if (e == NULL || !ge->dns_ok)
		return;
	strbuf why;
	sb_init(&why);
	for (size_t a = 0; a < e->answer_count; a++) {
		const sc_dns_answer *an = &e->answers[a];
		if (an->reason == SC_DNS_OK)
			continue;
		bool settled = false;
		for (size_t b = 0; b < e->answer_count && !settled; b++)
			settled = e->answers[b].reason == SC_DNS_OK &&
			          authoritative(&e->answers[b]) == authoritative(an);
		if (!settled)
			sb_printf(&why, "%s%s answered %s%s%s and no other %s source answered for it",
			          why.len ? "; " : "", an->source, sc_dns_reason_to_string(an->reason),
			          an->detail && *an->detail ? ": " : "", an->detail ? an->detail : "",
			          authoritative(an) ? "authoritative" : "recursive");
	}
	const sc_dns_answer *first = NULL;
	char *sig0 = NULL;
	for (size_t a = 0; a < e->answer_count; a++) {
		const sc_dns_answer *an = &e->answers[a];
		if (an->reason != SC_DNS_OK)
			continue;
		char *sig = answer_signature(c, an);
		if (first == NULL) {
			first = an;
			sig0 = sig;
			continue;
		}
		bool same_chain = an->chain_len == first->chain_len;
		for (size_t h = 0; same_chain && h < an->chain_len; h++)
			same_chain = strcmp(an->chain[h].target, first->chain[h].target) == 0;
		if (!same_chain || sig == NULL || sig0 == NULL || strcmp(sig, sig0) != 0)
			sb_printf(&why, "%s%s and %s disagree on where %s leads (%s)", why.len ? "; " : "",
			          first->source, an->source, ge->ep->host,
			          !same_chain ? "another CNAME chain" : "other countries or operators");
		free(sig);
	}
	free(sig0);
	if (why.len) {
		ge->dns_partial = why.s;
		sb_init(&why);
	}
	if (why.oom)
		c->oom = true;
	sb_free(&why);
}

/* TLS results by host (case-insensitive), port, then their order in the
 * evidence. */
static int
tls_cmp(const void *a, const void *b)
{
	const ev_tls *x = *(const ev_tls *const *)a, *y = *(const ev_tls *const *)b;
	int c = strcasecmp(x->host, y->host);
	if (c == 0 && x->port != y->port)
		c = x->port < y->port ? -1 : 1;
	return c ? c : (x < y ? -1 : x > y);
}

static void
endpoint_tls(struct gctx *c, gn_endpoint *ge, const sc_evidence *ev)
{
	(void)ev;
	size_t lo = 0, hi = c->ntls;
	while (lo < hi) {   /* the first result not before (host, port) */
		size_t mid = lo + (hi - lo) / 2;
		const ev_tls *t = c->tls[mid];
		int k = strcasecmp(t->host, ge->ep->host);
		if (k == 0 && t->port != ge->ep->port)
			k = t->port < ge->ep->port ? -1 : 1;
		if (k < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < c->ntls; i++) {
		const ev_tls *t = c->tls[i];
		if (strcasecmp(t->host, ge->ep->host) != 0 || t->port != ge->ep->port)
			break;
		const ev_tls **p = realloc(ge->tls, (ge->ntls + 1) * sizeof(*p));
		if (p == NULL) {
			c->oom = true;
			return;
		}
		ge->tls = p;
		p[ge->ntls++] = t;
		if (sc_tls_result_reason(t->r) != SC_TLS_OK || sc_tls_result_cert_count(t->r) == 0)
			continue;
		const sc_cert *leaf = sc_tls_result_cert(t->r, 0);
		char subj[200];
		const char *cn = sc_cert_subject_attr(leaf, "CN");
		snprintf(subj, sizeof(subj), "%s sha256:%.16s", cn ? cn : "certificate",
		         sc_cert_sha256(leaf));
		gn_dep *d = dep_get(c, "cert", subj, NULL);
		if (d == NULL)
			return;
		list_add(c, &d->via, &d->nvia, ge->ep->host);
		list_add(c, &d->evidence, &d->nevidence, t->id);
		list_add(c, &d->own, &d->nown, t->id);
		d->data |= 1u << ge->ep->data;
		d->roles |= 1u << ge->ep->role;
		sc_tls_owner ow;
		graph_tls_owner(c->g, t->r, &ow);
		if (ow.found && ow.owner) {
			dep_set_operator(c, d, ow.owner);
			strbuf cp;
			sb_init(&cp);
			sb_printf(&cp, "%s → certificate issued by %s, a CA owned by ", ge->ep->host, ow.path);
			ent_words(&cp, ow.owner);
			op_touch(c, ow.owner, cp.s, t->id, 0, 1u << ge->ep->role, true, false);
			if (d->path == NULL && cp.s)
				d->path = strdup(cp.s);
			sb_free(&cp);
		} else if (d->operator_name == NULL && ow.verified) {
			/* A verified chain whose CA the registry does not know: its
			 * name, as the CA wrote it (an unverified one names nobody). */
			const char *o = sc_cert_issuer_attr(leaf, "O");
			d->operator_name = strdup(o ? o : "");
		}
	}
}

void
graph_tls_owner(const sc_graph *g, const sc_tls_result *r, sc_tls_owner *ret)
{
	memset(ret, 0, sizeof(*ret));
	if (g->reg == NULL || r == NULL)
		return;
	if (sc_tls_result_owner(r, g->reg, ret, NULL) != SC_OK)
		memset(ret, 0, sizeof(*ret));
}

/* ------------------------------------------------------ reconciliation */

static bool
same_group(const sc_entity *a, const sc_entity *b)
{
	if (a == NULL || b == NULL)
		return false;
	if (a == b)
		return true;
	const sc_entity *ua = sc_entity_ultimate(a), *ub = sc_entity_ultimate(b);
	return ua != NULL && ua == ub;
}

static const mf_sub *
declared_by(const sc_registry *reg, const gn_op *o, const mf_sub *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const sc_entity *e = s[i].name ? sc_registry_find(reg, s[i].name) : NULL;
		if (e && (e == o->entity || sc_entity_ultimate(e) == o->entity ||
		          (e == sc_entity_ultimate(o->entity))))
			return &s[i];
		/* A subcontractor reveals itself by its hosts: an operator found by
		 * the suffix of one of them is that subcontractor. */
		for (size_t j = 0; j < s[i].hosts.n; j++) {
			sc_attribution at;
			sc_attribute_name(reg, SC_SUFFIX_CNAME, s[i].hosts.v[j], &at);
			if (at.op && at.op == o->entity)
				return &s[i];
		}
		const mf_sub *r = declared_by(reg, o, s[i].subs, s[i].nsubs);
		if (r)
			return r;
	}
	return NULL;
}

/* Record that the evidence or the registry contradicts s (m taken). */
static void
contradict(struct gctx *c, const mf_sub *s, sc_msg *m)
{
	char *en = msg_string(SC_LANG_EN, m);
	gn_contradiction *p = en ? realloc(c->g->contra, (c->g->ncontra + 1) * sizeof(*p)) : NULL;
	if (p == NULL) {
		free(en);
		msg_free(m);
		c->oom = true;
		return;
	}
	c->g->contra = p;
	p[c->g->ncontra].sub = s;
	p[c->g->ncontra].what = en;
	p[c->g->ncontra].msg = m;
	c->g->ncontra++;
}

/* What a subcontractor's own hosts reveal, against what it declares: the
 * operator found by the suffix of one of its hosts is that subcontractor. */
static void
check_hosts_against_declaration(struct gctx *c, const mf_sub *s)
{
	for (size_t j = 0; j < s->hosts.n; j++) {
		sc_attribution at;
		sc_attribute_name(c->reg, SC_SUFFIX_CNAME, s->hosts.v[j], &at);
		const sc_entity *e = at.op;
		const char *suffix = at.suffix;
		if (e == NULL)
			continue;
		const char *cc = sc_entity_country(e);
		const sc_entity *u = sc_entity_ultimate(e);
		const char *uc = u ? sc_entity_country(u) : NULL;
		if (cc && *cc && strcmp(cc, s->country) != 0)
		{
			sc_msg *m = msg_new("contra.host_office");
			msg_country(m, "declared", s->country);
			msg_country(m, "observed", cc);
			msg_text(m, "host", s->hosts.v[j]);
			msg_text(m, "operator", sc_entity_name(e));
			msg_text(m, "suffix", suffix ? suffix : "?");
			contradict(c, s, m);
		}
		if (u && u != e && uc && *uc && s->parent_country[0] && strcmp(uc, s->parent_country) != 0)
		{
			sc_msg *m = msg_new("contra.host_parent");
			msg_country(m, "declared", s->parent_country);
			msg_country(m, "observed", uc);
			msg_text(m, "host", s->hosts.v[j]);
			msg_text(m, "operator", sc_entity_name(e));
			msg_text(m, "controller", sc_entity_name(u));
			contradict(c, s, m);
		}
	}
}

static void
check_declarations(struct gctx *c, const mf_sub *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const sc_entity *e = s[i].name ? sc_registry_find(c->reg, s[i].name) : NULL;
		/* The registry knows the name: compare with it; else compare with
		 * what the subcontractor's hosts reveal. */
		if (e == NULL)
			check_hosts_against_declaration(c, &s[i]);
		if (e) {
			const char *cc = sc_entity_country(e);
			if (cc && *cc && strcmp(cc, s[i].country) != 0)
			{
				sc_msg *m = msg_new("contra.registry_office");
				msg_country(m, "declared", s[i].country);
				msg_country(m, "observed", cc);
				msg_text(m, "entity", sc_entity_name(e));
				if (sc_entity_source(e))
					msg_text(m, "source", sc_entity_source(e));
				else
					msg_sub(m, "source", msg_new("seat.no_source"));
				contradict(c, &s[i], m);
			}
			const sc_entity *u = sc_entity_ultimate(e);
			if (u && u != e) {
				const char *uc = sc_entity_country(u);
				if (!s[i].parent_country[0])
				{
					sc_msg *m = msg_new("contra.no_parent");
					msg_text(m, "entity", sc_entity_name(e));
					msg_text(m, "controller", sc_entity_name(u));
					if (uc && *uc)
						msg_country(m, "country", uc);
					else
						msg_text(m, "country", "?");
					contradict(c, &s[i], m);
				}
				else if (uc && *uc && strcmp(uc, s[i].parent_country) != 0)
				{
					sc_msg *m = msg_new("contra.registry_parent");
					msg_country(m, "declared", s[i].parent_country);
					msg_country(m, "observed", uc);
					msg_text(m, "controller", sc_entity_name(u));
					contradict(c, &s[i], m);
				}
			}
		}
		check_declarations(c, s[i].subs, s[i].nsubs);
	}
}

static void
walk_sub_hosts(struct gctx *c, const mf_sub *s, size_t n, const sc_dns_result *res)
{
	for (size_t i = 0; i < n; i++) {
		char via[512];
		snprintf(via, sizeof(via), "subcontractor:%s", s[i].name ? s[i].name : "?");
		c->origin = WALK_SUBCONTRACTOR;
		for (size_t j = 0; j < s[i].hosts.n; j++)
			walk_name(c, res, s[i].hosts.v[j], via, 1u << s[i].data_access, 0, NULL,
			          SC_SUFFIX_CNAME);
		walk_sub_hosts(c, s[i].subs, s[i].nsubs, res);
	}
}

static int
dep_cmp(const void *a, const void *b)
{
	const gn_dep *x = a, *y = b;
	int k = strcmp(x->kind, y->kind);
	return k ? k : strcmp(x->subject, y->subject);
}

static int
note_cmp(const void *a, const void *b)
{
	const gn_note *x = a, *y = b;
	int k = strcmp(x->name, y->name);
	if (k == 0)
		k = (x->term == NULL) - (y->term == NULL);
	if (k == 0 && x->term)
		k = strcmp(x->term, y->term);
	return k;
}

static int
op_cmp(const void *a, const void *b)
{
	const gn_op *x = a, *y = b;
	return strcmp(sc_entity_name(x->entity), sc_entity_name(y->entity));
}

sc_status
sc_graph_build(const sc_manifest *m, const sc_evidence *ev, const sc_registry *reg,
               sc_graph **ret, sc_err *err)
{
	sc_graph *g = calloc(1, sizeof(*g));
	if (g == NULL || (g->strs = util_strpool_new()) == NULL) {
		free(g);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	g->m = m;
	g->ev = ev;
	g->reg = reg;
	struct gctx c = {g, reg, false, WALK_ENDPOINT, NULL, 0};
	if (ev && ev->ntls) {
		if ((c.tls = malloc(ev->ntls * sizeof(*c.tls))) == NULL) {
			free(g);
			return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		}
		for (size_t i = 0; i < ev->ntls; i++)
			c.tls[c.ntls++] = &ev->tls[i];
		qsort(c.tls, c.ntls, sizeof(*c.tls), tls_cmp);
	}
	if (m->nendpoints) {
		g->eps = calloc(m->nendpoints, sizeof(*g->eps));
		if (g->eps == NULL)
			c.oom = true;
	}
	for (size_t i = 0; !c.oom && i < m->nendpoints; i++) {
		gn_endpoint *ge = &g->eps[g->neps++];
		ge->ep = &m->endpoints[i];
		if (ge->ep->host == NULL)
			continue;
		char id[400];
		snprintf(id, sizeof(id), "dns:%s", ge->ep->host);
		ge->dns_id = strdup(id);
		if (ev && ev->has_dns) {
			c.origin = WALK_ENDPOINT;
			endpoint_dns(&c, ge, ev->dns);
			walk_name(&c, ev->dns, ge->ep->host, ge->ep->host, 1u << ge->ep->data,
			          1u << ge->ep->role, ge, SC_SUFFIX_CNAME);
			endpoint_partial(&c, ge, ev->dns);
		}
		if (ev && ev->has_tls)
			endpoint_tls(&c, ge, ev);
	}
	if (ev && ev->has_dns) {
		/* Domains: name servers and mail exchangers, then their addresses. */
		for (size_t i = 0; i < m->domains.n; i++) {
			const char *dom = m->domains.v[i];
			const sc_dns_entry *e = sc_dns_result_find(ev->dns, dom);
			char dns_id[400];
			snprintf(dns_id, sizeof(dns_id), "dns:%s", dom);
			for (size_t a = 0; e && a < e->answer_count; a++) {
				const sc_dns_answer *an = &e->answers[a];
				for (size_t k = 0; k < an->ns_count + an->mx_count; k++) {
					bool isns = k < an->ns_count;
					const char *t = isns ? an->ns[k].name : an->mx[k - an->ns_count].name;
					char via[400], prefix[600];
					snprintf(via, sizeof(via), "%s:%s", isns ? "ns" : "mx", dom);
					snprintf(prefix, sizeof(prefix), "%s %s %s", dom, isns ? "NS" : "MX", t);
					const sc_entity *op = NULL;
					c.origin = WALK_DOMAIN;
					attribute_name(&c, t, isns ? SC_SUFFIX_NS : SC_SUFFIX_MX, via, prefix,
					               1u << MF_DATA_METADATA, 0, dns_id, &op);
					walk_name(&c, ev->dns, t, via, 1u << MF_DATA_METADATA, 0, NULL,
					          isns ? SC_SUFFIX_NS : SC_SUFFIX_MX);
				}
			}
		}
		for (size_t i = 0; i < m->domains.n; i++)
			walk_published(&c, ev->dns, m->domains.v[i]);
		walk_sub_hosts(&c, m->subs, m->nsubs, ev->dns);
		/* Hosts a client contacts to check certificates: no service data. */
		for (size_t i = 0; ev->dns_deps && i < sc_dns_result_count(ev->dns_deps); i++) {
			const sc_dns_entry *e = sc_dns_result_get(ev->dns_deps, i);
			char via[400];
			snprintf(via, sizeof(via), "certificate:%s", e->name);
			c.origin = WALK_CERT_HOST;
			walk_name(&c, ev->dns_deps, e->name, via, 1u << MF_DATA_NONE, 0, NULL,
			          SC_SUFFIX_CNAME);
		}
	}
	/* Reconcile. */
	if (reg) {
		g->provider = m->provider.name ? sc_registry_find(reg, m->provider.name) : NULL;
		for (size_t i = 0; i < g->nops; i++) {
			gn_op *o = &g->ops[i];
			o->is_provider = g->provider && same_group(g->provider, o->entity);
			o->declared_by = declared_by(reg, o, m->subs, m->nsubs);
		}
		check_declarations(&c, m->subs, m->nsubs);
		for (size_t i = 0; i < g->ndeps; i++) {
			gn_dep *d = &g->deps[i];
			for (size_t k = 0; k < g->nops; k++)
				if (g->ops[k].entity == d->operator)
					d->declared = g->ops[k].is_provider || g->ops[k].declared_by != NULL;
		}
	}
	free(c.tls);
	c.tls = NULL;
	if (c.oom) {
		sc_graph_free(g);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	/* Deterministic order: endpoints index into deps, so re-map after the sort. */
	size_t *old = NULL;
	if (g->ndeps) {
		for (size_t i = 0; i < g->ndeps; i++) {
			g->deps[i].nvia = plist_sort(g->deps[i].via, g->deps[i].nvia);
			g->deps[i].nevidence = plist_sort(g->deps[i].evidence, g->deps[i].nevidence);
			g->deps[i].nown = plist_sort(g->deps[i].own, g->deps[i].nown);
		}
		old = malloc(g->ndeps * sizeof(*old));
		if (old == NULL) {
			sc_graph_free(g);
			return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		}
		qsort(g->deps, g->ndeps, sizeof(*g->deps), dep_cmp);
		/* The index points at pre-sort positions; it is not used after
		 * the build. */
		free(g->dep_index);
		g->dep_index = NULL;
		g->dep_index_cap = 0;
		for (size_t k = 0; k < g->ndeps; k++)
			old[g->deps[k].order] = k;
		for (size_t e = 0; e < g->neps; e++)
			for (size_t k = 0; k < g->eps[e].nips; k++)
				g->eps[e].ips[k] = old[g->eps[e].ips[k]];
		free(old);
		/* Kept until the documents are written: no spare room. */
		if (g->ndeps < g->capdeps) {
			gn_dep *p = realloc(g->deps, g->ndeps * sizeof(*p));
			if (p != NULL) {
				g->deps = p;
				g->capdeps = g->ndeps;
			}
		}
	}
	for (size_t i = 0; i < g->nops; i++) {
		g->ops[i].npaths = plist_sort(g->ops[i].paths, g->ops[i].npaths);
		g->ops[i].nevidence = plist_sort(g->ops[i].evidence, g->ops[i].nevidence);
	}
	if (g->nops > 1)
		qsort(g->ops, g->nops, sizeof(*g->ops), op_cmp);
	if (g->nnotes > 1)
		qsort(g->notes, g->nnotes, sizeof(*g->notes), note_cmp);
	*ret = g;
	return SC_OK;
}

/* " (/24)" when the length is recorded. */
static void
prefix_words(strbuf *sb, unsigned len, bool recorded)
{
	if (recorded)
		sb_printf(sb, " (/%u)", len);
}

void
graph_geo_sources_words(const sc_graph *g, const gn_dep *d, strbuf *sb)
{
	const ev_geo *geo = d->geo;
	for (size_t i = 0; geo && i < geo->nsrc; i++) {
		const ev_geo_src *x = &geo->src[i];
		const char *db = x->db < g->ev->ngeodbs ? g->ev->geodbs[x->db].label : "?";
		sb_printf(sb, "%s%s: %s", i ? ", " : "", db, x->country[0] ? x->country : "no country");
		if (x->country[0])
			prefix_words(sb, x->country_prefix, x->network != NULL);
		if (x->found_asn) {
			sb_printf(sb, " AS%u", x->asn);
			prefix_words(sb, x->asn_prefix, x->network != NULL);
		}
	}
}

const char *
graph_geo_db(const sc_graph *g, const gn_dep *d, size_t src)
{
	if (d->geo == NULL || src >= d->geo->nsrc || d->geo->src[src].db >= g->ev->ngeodbs)
		return "?";
	return g->ev->geodbs[d->geo->src[src].db].label;
}

/* graph.h: the share that counts for control — the votes, else the capital. */
double
graph_holder_share(const sc_holder *h)
{
	return h->voting >= 0 ? h->voting : h->capital;
}

const sc_holder *
graph_controlling_holder(const sc_entity *e)
{
	for (size_t i = 0; i < sc_entity_holder_count(e); i++) {
		const sc_holder *h = sc_entity_holder(e, i);
		if (h->controlling || graph_holder_share(h) > 50)
			return h;
	}
	return NULL;
}

/* One judgement of graph_held_from(): the entities met on the way (a holder
 * that is an entity leads to its own controller and holders), each judged
 * once; one met again while still being judged is a circle of holdings,
 * which settles nothing. */
struct held_walk {
	const pk_set *set;
	struct held_seen {
		const sc_entity *u;
		bool done;
		graph_held r;
		const sc_holder *by;
		double out;
		graph_origin org;
	} seen[SC_MAX_HELD_WALK];
	size_t n;
};

static graph_held held_walk(struct held_walk *w, const sc_entity *u, const sc_holder **ret_by,
                            double *ret_out, graph_origin *ret_org);

/* Where holder h stands (graph.h, graph_holder_stands()). */
static graph_held
holder_walk(struct held_walk *w, const sc_holder *h, graph_origin *org)
{
	org->name = h->name;
	org->country = h->country;
	if (h->entity == NULL)
		return !h->country[0] ? GRAPH_HELD_UNKNOWN :
		       pk_set_has(w->set, h->country) ? GRAPH_HELD_IN : GRAPH_HELD_OUT;
	const sc_entity *u = sc_entity_ultimate(h->entity);
	const char *cc = u ? sc_entity_country(u) : NULL;
	if (cc == NULL || !*cc)
		return GRAPH_HELD_UNKNOWN;
	if (!pk_set_has(w->set, cc)) {
		org->name = sc_entity_name(u);
		org->country = cc;
		return GRAPH_HELD_OUT;
	}
	const sc_holder *by;
	double out;
	graph_origin up;
	graph_held r = held_walk(w, u, &by, &out, &up);
	if (r == GRAPH_HELD_OUT && up.name)
		*org = up;
	return r;
}

/* graph_held_from() of u within walk w. */
static graph_held
held_judge(struct held_walk *w, const sc_entity *u, const sc_holder **ret_by, double *ret_out,
           graph_origin *ret_org)
{
	if (!sc_entity_held_recorded(u))
		return GRAPH_HELD_UNKNOWN;
	const sc_holder *ctl_by = graph_controlling_holder(u);
	if (ctl_by) {
		graph_held st = holder_walk(w, ctl_by, ret_org);
		*ret_by = ctl_by;
		*ret_out = st == GRAPH_HELD_OUT ? graph_holder_share(ctl_by) : 0;
		return st;
	}
	size_t n = sc_entity_holder_count(u);
	double out = 0, unsure = 0, given = 0;
	bool unsized = false, all_sized = n > 0;
	const sc_holder *top_out = NULL;
	graph_origin top_org = {NULL, NULL};
	for (size_t i = 0; i < n; i++) {
		const sc_holder *h = sc_entity_holder(u, i);
		double sh = graph_holder_share(h);
		graph_origin org;
		graph_held st = holder_walk(w, h, &org);
		if (sh < 0) {
			all_sized = false;
			if (st != GRAPH_HELD_IN) {
				unsized = true;
				*ret_by = h;
			}
			continue;
		}
		given += sh;
		if (st == GRAPH_HELD_UNKNOWN) {
			unsure += sh;
		} else if (st == GRAPH_HELD_OUT) {
			out += sh;
			if (top_out == NULL || sh > graph_holder_share(top_out)) {
				top_out = h;
				top_org = org;
			}
		}
	}
	*ret_out = out;
	if (out > 50) {
		*ret_by = top_out;
		*ret_org = top_org;
		return GRAPH_HELD_OUT;
	}
	if (unsized)
		return GRAPH_HELD_UNKNOWN;
	const char *ctl = sc_entity_control(u);
	double rest = all_sized && (ctl == NULL || strcmp(ctl, "private") == 0) && given < 100 ?
	              100 - given : 0;
	if (out + unsure + rest > 50)
		return GRAPH_HELD_UNKNOWN;
	return GRAPH_HELD_IN;
}

static graph_held
held_walk(struct held_walk *w, const sc_entity *u, const sc_holder **ret_by, double *ret_out,
          graph_origin *ret_org)
{
	*ret_by = NULL;
	*ret_out = 0;
	ret_org->name = ret_org->country = NULL;
	for (size_t i = 0; i < w->n; i++) {
		const struct held_seen *x = &w->seen[i];
		if (x->u != u)
			continue;
		if (!x->done)
			return GRAPH_HELD_UNKNOWN;   /* a circle of holdings */
		*ret_by = x->by;
		*ret_out = x->out;
		*ret_org = x->org;
		return x->r;
	}
	if (w->n == SC_MAX_HELD_WALK)
		return GRAPH_HELD_UNKNOWN;   /* too many companies to follow */
	size_t k = w->n++;
	w->seen[k] = (struct held_seen){.u = u};
	graph_held r = held_judge(w, u, ret_by, ret_out, ret_org);
	w->seen[k] = (struct held_seen){u, true, r, *ret_by, *ret_out, *ret_org};
	return r;
}

/* graph.h; docs/checks.md, "How an ultimate controller is held". */
graph_held
graph_held_from(const sc_entity *u, const pk_set *set, const sc_holder **ret_by, double *ret_out)
{
	struct held_walk w = {.set = set};
	graph_origin org;
	return held_walk(&w, u, ret_by, ret_out, &org);
}

graph_held
graph_holder_stands(const sc_holder *h, const pk_set *set, graph_origin *ret_org)
{
	struct held_walk w = {.set = set};
	graph_origin org;
	graph_held r = holder_walk(&w, h, ret_org ? ret_org : &org);
	return r;
}

bool
graph_origin_beyond(const graph_origin *org, const sc_holder *h)
{
	return org->name != NULL && strcmp(org->name, h->name) != 0;
}

const char *
graph_holder_link_source(const sc_holder *h)
{
	if (h->entity == NULL)
		return NULL;
	return sc_entity_source_of(h->entity, sc_entity_holder_count(h->entity) > 0 ? "holders" :
	                           "parent");
}

bool
graph_declared_held_out(const mf_holder *d, const pk_set *set)
{
	if (!d->is_float && !pk_set_has(set, d->country))
		return true;
	double out = 0;
	for (size_t i = 0; i < d->nholders; i++) {
		const mf_holder *x = &d->holders[i];
		if (!x->is_float && !pk_set_has(set, x->country))
			out += x->has_voting ? x->voting : x->has_capital ? x->capital : 0;
	}
	return out > 50.0 + 1e-9;
}

const mf_holder *
graph_declared_holder(const mf_holder *hs, size_t n, const sc_holder *h)
{
	const mf_holder *d = mf_holders_find(hs, n, h->name);
	for (size_t i = 0; d == NULL && h->entity && i <= sc_entity_alias_count(h->entity); i++)
		d = mf_holders_find(hs, n, i == 0 ? sc_entity_name(h->entity) :
		                    sc_entity_alias(h->entity, i - 1));
	return d;
}

int
graph_controlled_from(const sc_entity *e, const pk_set *set, const char **ret_by,
                      const char **ret_by_country)
{
	const char *dummy;
	if (ret_by == NULL)
		ret_by = &dummy;
	if (ret_by_country == NULL)
		ret_by_country = &dummy;
	*ret_by = *ret_by_country = NULL;
	const sc_entity *u = sc_entity_ultimate(e);
	const char *cc = sc_entity_country(u);
	if (u == NULL || set == NULL || cc == NULL || *cc == '\0')
		return -1;
	if (!pk_set_has(set, cc))
		return 0;
	const sc_holder *by = NULL;
	double out;
	graph_held h = graph_held_from(u, set, &by, &out);
	if (h == GRAPH_HELD_OUT && by) {
		graph_origin org;
		if (graph_holder_stands(by, set, &org) == GRAPH_HELD_OUT && org.name) {
			*ret_by = org.name;
			*ret_by_country = org.country && *org.country ? org.country : NULL;
		}
	}
	return h == GRAPH_HELD_IN ? 1 : h == GRAPH_HELD_OUT ? 0 : -1;
}

void
graph_sub_registry(const sc_registry *reg, const mf_sub *s, const pk_set *set,
                   graph_sub_view *ret)
{
	*ret = (graph_sub_view){NULL, -1, NULL, NULL, NULL};
	if (reg == NULL || s->name == NULL)
		return;
	ret->ent = sc_registry_find(reg, s->name);
	if (ret->ent)
		ret->from = graph_controlled_from(ret->ent, set, &ret->by, &ret->by_country);
	else
		ret->like = sc_registry_find_name_prefix(reg, s->name);
}

bool
graph_sub_control_known(const mf_sub *s, const graph_sub_view *v)
{
	return s->parent_country[0] != '\0' || (v->ent != NULL && v->from >= 0);
}

/* sovcheck.h */
int
sc_entity_controlled_from_set(const sc_entity *e, const sc_pack *pack, const char *set_id,
                              const char **ret_by, const char **ret_by_country)
{
	return graph_controlled_from(e, pack && set_id ? pk_find_set(pack, set_id) : NULL, ret_by,
	                             ret_by_country);
}
