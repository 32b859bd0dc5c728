/*
 * batch.c — many suppliers probed together (sovcheck probe --batch,
 * docs/probe.md): each supplier's filing, judged on one shared collection,
 * and what a buyer compares across them — profiles.json (every profile),
 * comparison.<lang>.md (supplier × controller countries, non-EU controllers,
 * locations outside the EU, CA owners, verdicts) and concentration.json
 * (each ultimate controller → the suppliers and functions that depend on
 * it, directly or through the providers the registry records for the
 * companies running their parts: the ICT concentration DORA Art. 28–29
 * asks to assess), and
 * providers.csv for all of them. Written as one set (outdir.c).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "outdir.h"
#include "render.h"
#include "text.h"

struct bsup {
	char *name, *criticality, *function;
	char *problem;          /* why it has no filing, or NULL */
	const sc_filing *f;     /* borrowed, or NULL */
};

struct sc_batch {
	struct bsup *v;
	size_t n, cap;
};

sc_batch *
sc_batch_new(void)
{
	return calloc(1, sizeof(sc_batch));
}

void
sc_batch_free(sc_batch *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].name);
		free(b->v[i].criticality);
		free(b->v[i].function);
		free(b->v[i].problem);
	}
	free(b->v);
	free(b);
}

sc_status
sc_batch_add(sc_batch *b, const char *name, const char *criticality, const char *function,
             const sc_filing *f, const char *problem, sc_err *err)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		struct bsup *v = realloc(b->v, cap * sizeof(*v));
		if (v == NULL)
			return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		b->v = v;
		b->cap = cap;
	}
	struct bsup *s = &b->v[b->n];
	memset(s, 0, sizeof(*s));
	s->name = strdup(name ? name : "");
	s->criticality = strdup(criticality ? criticality : "");
	s->function = strdup(function ? function : "");
	s->problem = problem ? strdup(problem) : NULL;
	s->f = f;
	if (!s->name || !s->criticality || !s->function || (problem && !s->problem)) {
		free(s->name);
		free(s->criticality);
		free(s->function);
		free(s->problem);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	b->n++;
	return SC_OK;
}

/* ------------------------------------------------------- concentration */

/*
 * Who each supplier depends on, by ultimate controller: directly, through
 * the controllers of the parts observed for it (its services, name servers,
 * mail, the SaaS its records reveal, its CAs); and one level down, through
 * the providers the registry records for the entities running those parts
 * (`providers:`, geodb/registry/README.md) — a supplier whose Jira is
 * Atlassian's depends on Amazon through Atlassian's hosting (DORA Art. 28(2)
 * and 29: "directly or through their own providers"). One level only: a
 * provider's own providers are not followed, so a chain of SaaS on SaaS is
 * undercounted, never invented. A supplier that depends on a controller
 * directly is counted there once, whatever providers lead to it too.
 */

struct cpath {              /* supplier → E → P: E runs parts of the supplier, P runs E */
	const sc_entity *through, *provider;   /* borrowed from the filing's registry */
	sc_provider_role role;  /* what P does for E */
	unsigned roles;         /* the roles (1 << ch_kind) of the supplier's parts E runs */
};

struct cdep {               /* one supplier's dependency on one controller */
	size_t sup;
	unsigned roles;         /* direct: 1 << ch_kind of the subjects, 1 << CH_KIND_COUNT: CA */
	unsigned via_roles;     /* through a provider: the roles of the parts E runs */
	struct cpath *paths;    /* sorted by E's id, then P's id, then role */
	size_t npaths;
};

struct ctl {
	const char *id, *name, *cc;
	bool outside;
	struct cdep *deps;
	size_t ndeps;
	size_t ndirect;         /* deps with roles: the supplier depends on it directly */
};

struct conc {
	struct ctl *v;
	size_t n, cap;
	bool oom;
};

static struct ctl *
ctl_get(struct conc *c, const char *id, const char *name, const char *cc, bool outside)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].id, id) == 0)
			return &c->v[i];
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		struct ctl *v = realloc(c->v, cap * sizeof(*v));
		if (v == NULL) {
			c->oom = true;
			return NULL;
		}
		c->v = v;
		c->cap = cap;
	}
	struct ctl *t = &c->v[c->n++];
	memset(t, 0, sizeof(*t));
	t->id = id;
	t->name = name;
	t->cc = cc ? cc : "";
	t->outside = outside;
	return t;
}

static struct cdep *
ctl_dep(struct conc *c, struct ctl *t, size_t sup)
{
	for (size_t i = 0; i < t->ndeps; i++)
		if (t->deps[i].sup == sup)
			return &t->deps[i];
	struct cdep *v = realloc(t->deps, (t->ndeps + 1) * sizeof(*v));
	if (v == NULL) {
		c->oom = true;
		return NULL;
	}
	t->deps = v;
	t->deps[t->ndeps] = (struct cdep){.sup = sup};
	return &t->deps[t->ndeps++];
}

static int
path_cmp(const struct cpath *a, const struct cpath *b)
{
	int r = strcmp(sc_entity_id(a->through), sc_entity_id(b->through));
	if (r == 0)
		r = strcmp(sc_entity_id(a->provider), sc_entity_id(b->provider));
	return r ? r : (int)a->role - (int)b->role;
}

/* Note that supplier sup reaches t through E's provider P, for parts of
 * the given roles; each path once, in order. */
static void
ctl_via(struct conc *c, struct ctl *t, size_t sup, unsigned roles, const sc_entity *e,
        const sc_entity *p, sc_provider_role prole)
{
	struct cdep *d = ctl_dep(c, t, sup);
	if (d == NULL)
		return;
	d->via_roles |= roles;
	struct cpath np = {e, p, prole, roles};
	size_t at = 0;
	for (; at < d->npaths; at++) {
		int r = path_cmp(&d->paths[at], &np);
		if (r == 0) {
			d->paths[at].roles |= roles;
			return;
		}
		if (r > 0)
			break;
	}
	struct cpath *v = realloc(d->paths, (d->npaths + 1) * sizeof(*v));
	if (v == NULL) {
		c->oom = true;
		return;
	}
	d->paths = v;
	memmove(&d->paths[at + 1], &d->paths[at], (d->npaths - at) * sizeof(*v));
	d->paths[at] = np;
	d->npaths++;
}

static int
ctl_cmp(const void *a, const void *b)
{
	const struct ctl *x = a, *y = b;
	if (x->ndeps != y->ndeps)
		return x->ndeps > y->ndeps ? -1 : 1;
	if (x->ndirect != y->ndirect)
		return x->ndirect > y->ndirect ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The providers of the entities that run supplier s's parts, by their
 * ultimate controllers (after every direct dependency is known). */
static void
conc_via(const sc_batch *b, size_t s, struct conc *c)
{
	const sc_filing *f = b->v[s].f;
	if (f == NULL || f->facts == NULL || f->reg == NULL)
		return;
	const pk_set *eu27 = f->pack ? pk_find_set(f->pack, "EU27") : NULL;
	const ch_facts *fs = f->facts;
	for (size_t i = 0; i < fs->n && !c->oom; i++) {
		const ch_fact *x = &fs->v[i];
		if (x->kind > CH_CERTHOST)
			break;
		/* the operator facts name registry entities by id ("AS…" and
		 * "?…" when no entity runs the part) */
		if (strcmp(x->aspect, "operator") != 0 || x->value[0] == '?')
			continue;
		const sc_entity *e = sc_registry_find(f->reg, x->value);
		if (e == NULL || strcmp(sc_entity_id(e), x->value) != 0)
			continue;
		for (size_t k = 0; k < sc_entity_provider_count(e) && !c->oom; k++) {
			sc_provider_role prole = SC_PROVIDER_HOSTING;
			const sc_entity *p = sc_entity_provider(e, k, &prole);
			/* a provider whose controller is not known is no one to
			 * concentrate on (lint reports a provider that is no entity) */
			const sc_entity *u = p ? sc_entity_ultimate(p) : NULL;
			if (u == NULL)
				continue;
			const char *cc = sc_entity_country(u);
			struct ctl *t = ctl_get(c, sc_entity_id(u), sc_entity_name(u), cc,
			                        cc == NULL || !cc[0] || eu27 == NULL ||
			                        !pk_set_has(eu27, cc));
			if (t)
				ctl_via(c, t, s, 1u << x->kind, e, p, prole);
		}
	}
}

static void
conc_build(const sc_batch *b, struct conc *c)
{
	memset(c, 0, sizeof(*c));
	for (size_t s = 0; s < b->n; s++) {
		const ch_facts *fs = b->v[s].f ? b->v[s].f->facts : NULL;
		for (size_t i = 0; fs && i < fs->n && !c->oom; i++) {
			const ch_fact *x = &fs->v[i];
			if (x->kind > CH_CERTHOST)
				break;
			bool ca = strcmp(x->aspect, "ca_owner") == 0;
			/* an unknown controller is no one to concentrate on (each
			 * supplier's profile and verdicts say it is unknown) */
			if ((!ca && strcmp(x->aspect, "controller") != 0) || x->value[0] == '?')
				continue;
			struct ctl *t = ctl_get(c, x->value, x->label, x->cc, x->outside);
			struct cdep *d = t ? ctl_dep(c, t, s) : NULL;
			if (d)
				d->roles |= ca ? 1u << CH_KIND_COUNT : 1u << x->kind;
		}
	}
	for (size_t s = 0; s < b->n && !c->oom; s++)
		conc_via(b, s, c);
	for (size_t i = 0; i < c->n; i++)
		for (size_t k = 0; k < c->v[i].ndeps; k++)
			c->v[i].ndirect += c->v[i].deps[k].roles != 0;
	if (c->n > 1)
		qsort(c->v, c->n, sizeof(*c->v), ctl_cmp);
}

static void
conc_free(struct conc *c)
{
	for (size_t i = 0; i < c->n; i++) {
		for (size_t k = 0; k < c->v[i].ndeps; k++)
			free(c->v[i].deps[k].paths);
		free(c->v[i].deps);
	}
	free(c->v);
}

/* ----------------------------------------------- DORA Art. 29 verdict */

/* The parts that carry a supplier's function: its services, name servers
 * and mail. A certificate authority issues certificates; it does not run
 * the function, and one CA under every supplier is no concentration of
 * functions. */
#define DORA_ROLES ((1u << CH_ENDPOINT) | (1u << CH_NS) | (1u << CH_MX))

static bool
is_critical(const struct bsup *s)
{
	return strcmp(s->criticality, "critical") == 0 || strcmp(s->criticality, "important") == 0;
}

/* One controller under DORA Art. 29: its critical or important suppliers
 * and their distinct functions (a supplier that names none counts as its
 * own function), each list joined with "; " (a function may hold commas).
 * A supplier whose services, name servers or mail reach the controller only
 * through a provider of the company running them counts too — an outage of
 * the provider takes them down — marked "(through …)" in language l, and
 * counted in nind. */
struct dctl {
	size_t nsup, nfun, nind;
	strbuf sups, funs;
};

/* The parts of a dependency that carry the supplier's function: direct,
 * and through providers. */
static unsigned
dep_dora(const struct cdep *d)
{
	return (d->roles | d->via_roles) & DORA_ROLES;
}

/* "through E1; E2": the entities whose providers carry the function. */
static void
through_text(strbuf *sb, sc_lang l, const struct cdep *d, unsigned roles,
             void (*esc)(strbuf *, const char *))
{
	strbuf names;
	sb_init(&names);
	sb_puts(&names, "");
	size_t n = 0;
	for (size_t i = 0; i < d->npaths; i++) {
		if (!(d->paths[i].roles & roles))
			continue;
		if (i && d->paths[i - 1].through == d->paths[i].through &&
		    (d->paths[i - 1].roles & roles))
			continue;   /* one entity, several providers under one controller */
		sb_printf(&names, "%s%s", n++ ? "; " : "", sc_entity_name(d->paths[i].through));
	}
	i18n_put(sb, l, M_PB_THROUGH, esc, names.s ? names.s : "", NULL);
	if (names.oom)
		sb->oom = true;
	sb_free(&names);
}

static void
dora_ctl(const sc_batch *b, const struct ctl *t, sc_lang l, struct dctl *d)
{
	memset(d, 0, sizeof(*d));
	sb_init(&d->sups);
	sb_init(&d->funs);
	sb_puts(&d->sups, "");
	sb_puts(&d->funs, "");
	for (size_t k = 0; k < t->ndeps; k++) {
		const struct cdep *dep = &t->deps[k];
		const struct bsup *s = &b->v[dep->sup];
		if (!dep_dora(dep) || !is_critical(s))
			continue;
		bool seen = false;
		for (size_t j = 0; j < k && s->function[0]; j++) {
			const struct bsup *o = &b->v[t->deps[j].sup];
			seen |= dep_dora(&t->deps[j]) && is_critical(o) &&
			        strcmp(o->function, s->function) == 0;
		}
		sb_printf(&d->sups, "%s%s", d->nsup++ ? "; " : "", s->name);
		if (!(dep->roles & DORA_ROLES)) {
			d->nind++;
			sb_puts(&d->sups, " (");
			through_text(&d->sups, l, dep, DORA_ROLES, NULL);
			sb_puts(&d->sups, ")");
		}
		if (!seen)
			sb_printf(&d->funs, "%s%s", d->nfun++ ? "; " : "",
			          s->function[0] ? s->function : "?");
	}
}

static void
dctl_free(struct dctl *d)
{
	sb_free(&d->sups);
	sb_free(&d->funs);
}

static bool
dctl_fails(const struct dctl *d)
{
	return d->nsup > 1 || d->nfun > 1;
}

/* The batch's verdict: fail when a controller carries more than one
 * critical or important supplier or function; else unknown when a
 * critical or important supplier was not probed or has parts whose
 * controller is not known ("; "-joined in *unknown); not applicable
 * without critical or important suppliers; else pass. */
static sc_verdict
dora_verdict(const sc_batch *b, const struct conc *c, size_t *ret_fail, size_t *ret_crit,
             strbuf *unknown)
{
	size_t nfail = 0, ncrit = 0, nunk = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct dctl d;
		dora_ctl(b, &c->v[i], SC_LANG_EN, &d);
		nfail += dctl_fails(&d);
		if (d.sups.oom || d.funs.oom)
			unknown->oom = true;
		dctl_free(&d);
	}
	for (size_t s = 0; s < b->n; s++) {
		const struct bsup *x = &b->v[s];
		if (!is_critical(x))
			continue;
		ncrit++;
		bool unk = x->f == NULL;
		const ch_facts *fs = x->f ? x->f->facts : NULL;
		for (size_t i = 0; fs && i < fs->n && !unk; i++) {
			const ch_fact *q = &fs->v[i];
			unk = q->kind <= CH_MX && (DORA_ROLES & (1u << q->kind)) &&
			      strcmp(q->aspect, "controller") == 0 && q->value[0] == '?';
		}
		if (unk)
			sb_printf(unknown, "%s%s", nunk++ ? "; " : "", x->name);
	}
	*ret_fail = nfail;
	*ret_crit = ncrit;
	return nfail ? SC_FAIL : ncrit == 0 ? SC_NOT_APPLICABLE : nunk ? SC_UNKNOWN : SC_PASS;
}

/* The sentence of a controller's verdict in language l (plain text). */
static void
dora_ctl_text(strbuf *sb, sc_lang l, const struct ctl *t, const struct dctl *d,
              void (*esc)(strbuf *, const char *))
{
	char ns[32], nf[32];
	snprintf(ns, sizeof(ns), "%zu", d->nsup);
	snprintf(nf, sizeof(nf), "%zu", d->nfun);
	if (dctl_fails(d))
		i18n_put(sb, l, M_PB_DORA_CTL_FAIL, esc, t->name, ns, d->sups.s ? d->sups.s : "", nf,
		         d->funs.s ? d->funs.s : "", NULL);
	else
		i18n_put(sb, l, M_PB_DORA_CTL_PASS, esc, t->name, d->sups.s ? d->sups.s : "",
		         d->funs.s ? d->funs.s : "", NULL);
}

static void
dora_text(strbuf *sb, sc_lang l, sc_verdict v, size_t nfail, size_t ncrit, const char *unknown,
          void (*esc)(strbuf *, const char *))
{
	char n[32];
	snprintf(n, sizeof(n), "%zu", v == SC_FAIL ? nfail : ncrit);
	msg_id id = v == SC_FAIL ? M_PB_DORA_FAIL : v == SC_PASS ? M_PB_DORA_PASS :
	            v == SC_UNKNOWN ? M_PB_DORA_UNKNOWN : M_PB_DORA_NA;
	i18n_put(sb, l, id, esc, v == SC_UNKNOWN ? unknown : n, NULL);
}

static json_t *
texts_json(strbuf *en, strbuf *fr)
{
	if (en->oom || fr->oom)
		return NULL;
	return json_pack("{s:s, s:s}", "en", en->s ? en->s : "", "fr", fr->s ? fr->s : "");
}

static json_t *
roles_json(unsigned roles)
{
	static const struct { unsigned bit; const char *name; } r[] = {
		{1u << CH_ENDPOINT, "service"}, {1u << CH_NS, "dns"}, {1u << CH_MX, "mail"},
		{1u << CH_CERTHOST, "certificate-check"}, {1u << CH_KIND_COUNT, "ca"},
		{1u << CH_SPF, "mail-sender"}, {1u << CH_DMARC, "mail-reports"},
		{1u << CH_MAILSVC, "mail-service"}, {1u << CH_TOKEN, "saas"},
		{1u << CH_CAA, "ca-authorised"},
	};
	json_t *a = json_array();
	for (size_t i = 0; a && i < sizeof(r) / sizeof(r[0]); i++)
		if (roles & r[i].bit)
			json_array_append_new(a, json_string(r[i].name));
	return a;
}

/* A supplier's row: {supplier, criticality, function, roles}. */
static json_t *
sup_json(const struct bsup *s, unsigned roles)
{
	return json_pack("{s:s, s:s, s:s, s:o}", "supplier", s->name, "criticality",
	                 s->criticality, "function", s->function, "roles", roles_json(roles));
}

/* The paths of a supplier through providers: [{path: [supplier, E, P],
 * through_id, provider_id, role, roles}]. */
static json_t *
paths_json(const struct bsup *s, const struct cdep *d)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < d->npaths; i++) {
		const struct cpath *p = &d->paths[i];
		json_t *o = json_pack("{s:[s, s, s], s:s, s:s, s:s, s:o}", "path", s->name,
		                      sc_entity_name(p->through), sc_entity_name(p->provider),
		                      "through_id", sc_entity_id(p->through), "provider_id",
		                      sc_entity_id(p->provider), "role",
		                      sc_provider_role_to_string(p->role), "roles",
		                      roles_json(p->roles));
		if (o == NULL || json_array_append_new(a, o) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

static char *
concentration_json(const sc_batch *b)
{
	struct conc c;
	conc_build(b, &c);
	json_t *arr = json_array();
	bool oom = c.oom || arr == NULL;
	for (size_t i = 0; !oom && i < c.n; i++) {
		const struct ctl *t = &c.v[i];
		json_t *sups = json_array(), *via = json_array();
		size_t critical = 0, vcritical = 0;
		for (size_t k = 0; sups && via && k < t->ndeps; k++) {
			const struct cdep *dep = &t->deps[k];
			const struct bsup *s = &b->v[dep->sup];
			if (dep->roles) {
				critical += is_critical(s);
				oom |= json_array_append_new(sups, sup_json(s, dep->roles)) != 0;
				continue;
			}
			/* only through providers: the parts E runs, and the paths */
			vcritical += is_critical(s);
			json_t *v = sup_json(s, dep->via_roles);
			json_t *ps = paths_json(s, dep);
			if (v == NULL || ps == NULL) {
				oom = true;
				json_decref(ps);
			} else if (json_object_set_new(v, "paths", ps) != 0) {
				oom = true;   /* the reference was taken */
			}
			oom |= json_array_append_new(via, v) != 0;
		}
		/* DORA Art. 29 for this controller: its critical or important
		 * suppliers through their services, name servers and mail,
		 * directly or through a provider */
		json_t *dj = NULL;
		strbuf en, fr;
		sb_init(&en);
		sb_init(&fr);
		struct dctl d, dfr;     /* the same counts; "(through …)" in each language */
		dora_ctl(b, t, SC_LANG_EN, &d);
		dora_ctl(b, t, SC_LANG_FR, &dfr);
		if (d.nsup > 0) {
			dora_ctl_text(&en, SC_LANG_EN, t, &d, NULL);
			dora_ctl_text(&fr, SC_LANG_FR, t, &dfr, NULL);
		}
		oom |= d.sups.oom || d.funs.oom || dfr.sups.oom || dfr.funs.oom;
		dctl_free(&dfr);
		if (d.nsup > 0)
			dj = json_pack("{s:s, s:I, s:I, s:I, s:o*}", "verdict", dctl_fails(&d) ? "fail" :
			               "pass", "critical_suppliers", (json_int_t)d.nsup,
			               "through_providers", (json_int_t)d.nind, "functions",
			               (json_int_t)d.nfun, "reason", texts_json(&en, &fr));
		else
			dj = json_pack("{s:s, s:I, s:I, s:I}", "verdict", "not_applicable",
			               "critical_suppliers", (json_int_t)0, "through_providers",
			               (json_int_t)0, "functions", (json_int_t)0);
		dctl_free(&d);
		sb_free(&en);
		sb_free(&fr);
		if (dj == NULL || sups == NULL || via == NULL) {
			json_decref(sups);
			json_decref(via);
			json_decref(dj);
			oom = true;
			break;
		}
		oom |= json_array_append_new(arr, json_pack(
		           "{s:s, s:s, s:s?, s:b, s:I, s:I, s:o, s:I, s:I, s:o, s:o}", "controller",
		           t->name, "controller_id", t->id, "country", t->cc[0] ? t->cc : NULL,
		           "outside_eu", t->outside, "suppliers_count", (json_int_t)t->ndirect,
		           "critical_or_important", (json_int_t)critical, "suppliers", sups,
		           "through_providers_count", (json_int_t)(t->ndeps - t->ndirect),
		           "through_providers_critical_or_important", (json_int_t)vcritical,
		           "via", via, "dora", dj)) != 0;
	}
	/* the batch's DORA Art. 29 verdict */
	size_t nfail = 0, ncrit = 0;
	strbuf unk, en, fr;
	sb_init(&unk);
	sb_init(&en);
	sb_init(&fr);
	sb_puts(&unk, "");
	sc_verdict v = dora_verdict(b, &c, &nfail, &ncrit, &unk);
	dora_text(&en, SC_LANG_EN, v, nfail, ncrit, unk.s ? unk.s : "", NULL);
	dora_text(&fr, SC_LANG_FR, v, nfail, ncrit, unk.s ? unk.s : "", NULL);
	json_t *dora = unk.oom ? NULL : json_pack("{s:s, s:I, s:I, s:o*}", "verdict",
	    sc_verdict_to_string(v), "critical_or_important_suppliers", (json_int_t)ncrit,
	    "controllers_failing", (json_int_t)nfail, "reason", texts_json(&en, &fr));
	sb_free(&unk);
	sb_free(&en);
	sb_free(&fr);
	conc_free(&c);
	json_t *root = oom || dora == NULL ? NULL : json_pack("{s:i, s:s, s:o, s:o}",
	    "schema_version", 1, "basis",
	    "every observed part of each supplier (services, name servers, mail exchangers, "
	    "certificate authorities) by its ultimate controller, and one level down the "
	    "providers the entity registry records for the companies running those parts (via): "
	    "the ICT concentration DORA Art. 28-29 asks to assess", "controllers", arr, "dora",
	    dora);
	if (root == NULL && oom)
		json_decref(dora);
	if (root == NULL) {
		json_decref(arr);
		return NULL;
	}
	char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | SC_JSON_REAL);
	json_decref(root);
	return s;
}

/* ---------------------------------------------------------- comparison */

static void
cell_list(strbuf *out, const ch_facts *fs, const char *aspect, bool outside_only, bool names,
          sc_lang l)
{
	strbuf c;
	sb_init(&c);
	sb_puts(&c, "");
	size_t n = 0;
	for (size_t i = 0; fs && i < fs->n; i++) {
		const ch_fact *x = &fs->v[i];
		if (x->kind > CH_CERTHOST)
			break;
		if (strcmp(x->aspect, aspect) != 0 || (outside_only && !x->outside))
			continue;
		char item[300];
		if (names)
			snprintf(item, sizeof(item), "%s%s%s%s",
			         x->value[0] == '?' ? "?" : x->label, x->cc[0] ? " (" : "", x->cc,
			         x->cc[0] ? ")" : "");
		else
			snprintf(item, sizeof(item), "%s", x->cc[0] ? x->cc : "?");
		if (c.s && (strstr(c.s, item) != NULL))
			continue;   /* a cell lists each once */
		sb_printf(&c, "%s%s", n++ ? ", " : "", item);
	}
	if (n == 0)
		sb_puts(&c, "—");
	md_escape(out, c.s ? c.s : "");
	sb_free(&c);
	(void)l;
}

static void
comparison_md(const sc_batch *b, sc_lang l, strbuf *out)
{
	sb_puts(out, "# ");
	sb_puts(out, tr(l, M_PB_TITLE));
	sb_puts(out, "\n\n");
	i18n_put(out, l, M_PB_INTRO, md_escape, b->n ? (b->v[0].f ? b->v[0].f->date : "") : "",
	         NULL);
	sb_puts(out, "\n\n| ");
	static const msg_id cols[] = {M_PB_COL_SUPPLIER, M_PB_COL_CRIT, M_PB_COL_CTL,
		M_PB_COL_NONEU, M_PB_COL_LOC, M_PB_COL_CA, M_PB_COL_VERDICTS};
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		sb_printf(out, "%s | ", tr(l, cols[i]));
	sb_puts(out, "\n|");
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		sb_puts(out, "---|");
	sb_puts(out, "\n");
	for (size_t s = 0; s < b->n; s++) {
		const struct bsup *x = &b->v[s];
		sb_puts(out, "| ");
		md_escape(out, x->name);
		sb_puts(out, " | ");
		md_escape(out, x->criticality[0] ? x->criticality : "—");
		sb_puts(out, " | ");
		if (x->f == NULL) {
			sb_puts(out, tr(l, M_PB_FAILED));
			sb_puts(out, " ");
			md_escape(out, x->problem ? x->problem : "");
			sb_puts(out, " | | | | |\n");
			continue;
		}
		const ch_facts *fs = x->f->facts;
		cell_list(out, fs, "controller", false, false, l);
		sb_puts(out, " | ");
		cell_list(out, fs, "controller", true, true, l);
		sb_puts(out, " | ");
		cell_list(out, fs, "location", true, false, l);
		sb_puts(out, " | ");
		cell_list(out, fs, "ca_owner", false, true, l);
		sb_puts(out, " | ");
		for (size_t i = 0; i < x->f->result->nreqs; i++) {
			const rs_req *q = &x->f->result->reqs[i];
			sb_printf(out, "%s%s ", i ? ", " : "", sc_requirement_id(q->req));
			i18n_plain(out, l, (msg_id)(M_RR_V_PASS + (int)q->verdict));
		}
		sb_puts(out, " |\n");
	}
	/* the concentration, most depended-on first */
	struct conc c;
	conc_build(b, &c);
	sb_puts(out, "\n## ");
	sb_puts(out, tr(l, M_PB_CONC));
	sb_puts(out, "\n\n");
	for (size_t i = 0; i < c.n && i < 50; i++) {
		const struct ctl *t = &c.v[i];
		sb_puts(out, "- ");
		md_escape(out, t->name);
		if (t->cc[0])
			sb_printf(out, " (%s)", t->cc);
		if (t->outside)
			sb_puts(out, tr(l, M_PF_NON_EU));
		sb_puts(out, " — ");
		char n[32];
		if (t->ndirect) {
			snprintf(n, sizeof(n), "%zu", t->ndirect);
			i18n_put(out, l, M_PB_CONC_ITEM, NULL, n, NULL);
			sb_puts(out, ": ");
			size_t k0 = 0;
			for (size_t k = 0; k < t->ndeps; k++) {
				const struct bsup *s = &b->v[t->deps[k].sup];
				if (!t->deps[k].roles)
					continue;
				if (k0++)
					sb_puts(out, ", ");
				md_escape(out, s->name);
				if (s->function[0]) {
					sb_puts(out, " (");
					md_escape(out, s->function);
					sb_puts(out, ")");
				}
			}
		}
		/* those that depend on it only through a provider of theirs:
		 * "Epsilon (payments) through Atlassian → Amazon Web Services" */
		if (t->ndeps > t->ndirect) {
			snprintf(n, sizeof(n), "%zu", t->ndeps - t->ndirect);
			if (t->ndirect)
				sb_puts(out, "; ");
			i18n_put(out, l, t->ndirect ? M_PB_CONC_VIA : M_PB_CONC_VIA_ONLY, NULL, n, NULL);
			sb_puts(out, ": ");
			size_t k0 = 0;
			for (size_t k = 0; k < t->ndeps; k++) {
				const struct cdep *dep = &t->deps[k];
				const struct bsup *s = &b->v[dep->sup];
				if (dep->roles)
					continue;
				if (k0++)
					sb_puts(out, ", ");
				md_escape(out, s->name);
				if (s->function[0]) {
					sb_puts(out, " (");
					md_escape(out, s->function);
					sb_puts(out, ")");
				}
				strbuf pathv;
				sb_init(&pathv);
				sb_puts(&pathv, "");
				for (size_t j = 0; j < dep->npaths; j++)
					sb_printf(&pathv, "%s%s → %s", j ? "; " : "",
					          sc_entity_name(dep->paths[j].through),
					          sc_entity_name(dep->paths[j].provider));
				sb_puts(out, " ");
				i18n_put(out, l, M_PB_THROUGH, md_escape, pathv.s ? pathv.s : "", NULL);
				if (pathv.oom)
					out->oom = true;
				sb_free(&pathv);
			}
		}
		sb_puts(out, "\n");
	}
	/* DORA Art. 29: the verdict, then each controller that carries a
	 * critical or important supplier, those that fail first */
	size_t nfail = 0, ncrit = 0;
	strbuf unk;
	sb_init(&unk);
	sb_puts(&unk, "");
	sc_verdict v = dora_verdict(b, &c, &nfail, &ncrit, &unk);
	sb_puts(out, "\n## ");
	sb_puts(out, tr(l, M_PB_DORA));
	sb_puts(out, "\n\n");
	sb_puts(out, tr(l, (msg_id)(M_RR_V_PASS + (int)v)));
	sb_puts(out, " — ");
	dora_text(out, l, v, nfail, ncrit, unk.s ? unk.s : "", md_escape);
	sb_puts(out, "\n\n");
	sb_free(&unk);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < c.n; i++) {
			struct dctl d;
			dora_ctl(b, &c.v[i], l, &d);
			if (d.nsup > 0 && dctl_fails(&d) == (pass == 0)) {
				sb_puts(out, "- ");
				sb_puts(out, tr(l, (msg_id)(M_RR_V_PASS + (pass == 0 ? SC_FAIL : SC_PASS))));
				sb_puts(out, " — ");
				dora_ctl_text(out, l, &c.v[i], &d, md_escape);
				sb_puts(out, "\n");
			}
			if (d.sups.oom || d.funs.oom)
				out->oom = true;
			dctl_free(&d);
		}
	conc_free(&c);
}

/* --------------------------------------------------------------- write */

sc_status
sc_batch_write(const sc_batch *b, const char *dir, const sc_render_opts *ro, sc_err *err)
{
	static const char *const known[] = {"profiles.json", "comparison.en.md", "comparison.fr.md",
		"concentration.json", "providers.csv", OUTDIR_SUMS, NULL};
	outdir od;
	memset(&od, 0, sizeof(od));
	od.notice = ro->notice;
	od.notice_ctx = ro->notice_ctx;
	sc_status st = outdir_begin(&od, dir, known, err);
	if (st != SC_OK)
		return st;
	/* profiles.json: [{supplier, criticality, function, profile | problem}] */
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "{\n  \"schema_version\": 1,\n  \"suppliers\": [");
	for (size_t i = 0; i < b->n && st == SC_OK; i++) {
		const struct bsup *s = &b->v[i];
		json_t *head = json_pack("{s:s, s:s, s:s}", "supplier", s->name, "criticality",
		                         s->criticality, "function", s->function);
		if (head && s->problem)
			json_object_set_new(head, "problem", json_string(s->problem));
		char *h = head ? json_dumps(head, JSON_COMPACT | JSON_PRESERVE_ORDER | SC_JSON_REAL) : NULL;
		json_decref(head);
		strbuf p;
		sb_init(&p);
		if (s->f)
			st = render_profile_json(s->f, SC_LANG_EN, &p, err);
		if (h == NULL) {
			st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		} else if (st == SC_OK) {
			/* {"supplier": …, "profile": {…}} */
			h[strlen(h) - 1] = '\0';
			sb_printf(&sb, "%s\n    %s%s%s}", i ? "," : "", h, s->f ? ", \"profile\": " : "",
			          s->f && p.s ? p.s : "");
		}
		free(h);
		sb_free(&p);
	}
	sb_puts(&sb, "\n  ]\n}\n");
	if (st == SC_OK && sb.oom)
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	if (st == SC_OK)
		st = outdir_add(&od, "profiles.json", sb.s, sb.len, err);
	sb_free(&sb);
	/* comparison.<lang>.md */
	for (int l = 0; st == SC_OK && l < SC_LANG_COUNT; l++) {
		if (!(ro->doc_langs & (1u << l)))
			continue;
		sb_init(&sb);
		comparison_md(b, (sc_lang)l, &sb);
		st = sb.oom ? util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory") :
		     outdir_add(&od, l == SC_LANG_FR ? "comparison.fr.md" : "comparison.en.md",
		                sb.s ? sb.s : "", sb.len, err);
		sb_free(&sb);
	}
	/* concentration.json */
	if (st == SC_OK) {
		char *c = concentration_json(b);
		st = c == NULL ? util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory") :
		     outdir_add(&od, "concentration.json", c, strlen(c), err);
		free(c);
	}
	/* providers.csv: every supplier's providers, the supplier first */
	if (st == SC_OK) {
		sb_init(&sb);
		for (size_t i = 0; i < b->n && st == SC_OK; i++) {
			if (b->v[i].f == NULL)
				continue;
			strbuf one;
			sb_init(&one);
			st = render_providers_csv(b->v[i].f, SC_LANG_EN, &one, err);
			const char *rows = one.s ? strstr(one.s, "\r\n") : NULL;
			if (sb.len == 0 && one.s)
				sb_printf(&sb, "supplier,%.*s", (int)(rows ? rows - one.s + 2 : 0), one.s);
			for (const char *r = rows ? rows + 2 : NULL; r && *r;) {
				const char *e = strstr(r, "\r\n");
				size_t len = e ? (size_t)(e - r) + 2 : strlen(r);
				csv_field(&sb, b->v[i].name, false);   /* the supplier first */
				sb_append(&sb, r, len);
				r += len;
			}
			sb_free(&one);
		}
		if (st == SC_OK)
			st = sb.oom ? util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory") :
			     outdir_add(&od, "providers.csv", sb.s ? sb.s : "", sb.len, err);
		sb_free(&sb);
	}
	if (st != SC_OK) {
		outdir_abort(&od);
		return st;
	}
	return outdir_commit(&od, err);
}
