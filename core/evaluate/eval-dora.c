/*
 * eval-dora.c — the checks of ICT third-party risk under DORA (Regulation
 * (EU) 2022/2554) and NIS2 (Directive (EU) 2022/2555): the register of
 * information is complete for the third parties that support a critical or
 * important function (Art. 28(3)), the concentration of those functions on
 * one ultimate controller (Art. 29), the locations the evidence shows
 * against the locations stated (Art. 30(2)(b)), and the residual risk of
 * every supplier controlled outside the set assessed (NIS2 Art. 21(2)(d)).
 *
 * Fail closed like the rest of the stage: a field, a controller or a
 * location that cannot be known is unknown, never a pass.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eval-internal.h"

/* ------------------------------------------------------------ parties */

/* Every declared subcontractor, at any depth, with the index of the one it
 * works for (SIZE_MAX for a direct subcontractor): its critical ancestors
 * are the critical functions it supports through them. */
struct fsub {
	const mf_sub *s;
	size_t parent;
};

struct flat {
	struct fsub *v;
	size_t n, cap;
	bool oom;
};

static void
flatten(struct flat *f, const mf_sub *s, size_t n, size_t parent)
{
	for (size_t i = 0; i < n && !f->oom; i++) {
		if (f->n == f->cap) {
			size_t cap = f->cap ? f->cap * 2 : 16;
			struct fsub *v = realloc(f->v, cap * sizeof(*v));
			if (v == NULL) {
				f->oom = true;
				return;
			}
			f->v = v;
			f->cap = cap;
		}
		size_t me = f->n++;
		f->v[me] = (struct fsub){&s[i], parent};
		flatten(f, s[i].subs, s[i].nsubs, me);
	}
}

static size_t
flat_index(const struct flat *f, const mf_sub *s)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].s == s)
			return i;
	return SIZE_MAX;
}

static const sc_registry *
eval_registry(const struct eval_ctx *e)
{
	return e->o->graph ? e->o->graph->reg : NULL;
}

/* The ultimate controller of a declared party: the registry's when it
 * knows the party and its chain (the register of information wants the
 * ultimate parent, DORA ITS template B_05.01), else the declared parent,
 * itself looked up in the registry so that a declared parent and an
 * observed operator of the same group meet. known false: neither. */
struct party_ctl {
	bool known;
	const char *key;            /* registry id, or the declared parent's name */
	const char *name;
	const char *cc;             /* "" when the registry has no country */
	bool from_registry;
};

static struct party_ctl
sub_controller(const sc_registry *reg, const mf_sub *s)
{
	struct party_ctl r = {false, NULL, NULL, "", false};
	const sc_entity *ent = reg && s->name ? sc_registry_find(reg, s->name) : NULL;
	const sc_entity *u = ent ? sc_entity_ultimate(ent) : NULL;
	if (u == NULL && reg && s->parent) {
		const sc_entity *pe = sc_registry_find(reg, s->parent);
		u = pe ? sc_entity_ultimate(pe) : NULL;
		if (u && s->parent_country[0] && sc_entity_country(u) &&
		    strcmp(sc_entity_country(u), s->parent_country) != 0)
			u = NULL;   /* a different company of the same name: the declaration */
	}
	if (u) {
		const char *cc = sc_entity_country(u);
		r = (struct party_ctl){true, sc_entity_id(u), sc_entity_name(u), cc ? cc : "", true};
	} else if (s->parent && s->parent_country[0]) {
		r = (struct party_ctl){true, s->parent, s->parent, s->parent_country, false};
	}
	return r;
}

/* "payments, core-banking" — or the words for a critical party that names
 * none — as the list value name of x. */
static void
functions_m(sc_msg *x, const char *name, const mf_sub *s)
{
	msg_items *l = msg_list(x, name, '&');
	for (size_t i = 0; i < s->functions.n; i++)
		msg_item_text(x, l, s->functions.v[i]);
	if (s->functions.n == 0)
		msg_item_sub(x, l, msg_new("dora.fn.unnamed"));
}

/* ----------------------------------------------- DORA Art. 28(3): register */

/* The data class a party reaches (access.h): its declared data_access or
 * what its relationship reaches, the more sensitive. */
static int
party_reach(const mf_sub *s)
{
	int reach = s->rels ? ac_rel_reach(s->rels) : MF_DATA_NONE;
	return reach > (int)s->data_access ? reach : (int)s->data_access;
}

/* The sites a party's data lies in: those holding its data class (customer
 * data in the customer and backup sites). */
static unsigned
holds_of(int reach)
{
	switch (reach) {
	case MF_DATA_CUSTOMER:
		return MF_HOLDS_BIT(MF_HOLDS_CUSTOMER) | MF_HOLDS_BIT(MF_HOLDS_BACKUP);
	case MF_DATA_TECHNICAL:
		return MF_HOLDS_BIT(MF_HOLDS_TECHNICAL);
	case MF_DATA_METADATA:
		return MF_HOLDS_BIT(MF_HOLDS_METADATA);
	default:
		return 0;
	}
}

static void
register_party(struct eval_ctx *e, const mf_sub *s)
{
	const sc_registry *reg = eval_registry(e);
	sc_msg *x = msg_new("dora.reg.complete");
	msg_text(x, "name", s->name);
	msg_num(x, "rank", (long)s->level);
	functions_m(x, "functions", s);
	msg_items *miss = msg_list(x, "missing", '&');
	msg_items *have = msg_list(x, "fields", ';');
	sc_msg *y;
	/* LEI: the declared one, else the registry's for the party itself
	 * (found by name, as sub_controller() finds it); both given and
	 * different, the register is inconsistent. */
	const sc_entity *ent = reg && s->name ? sc_registry_find(reg, s->name) : NULL;
	const char *rlei = ent ? sc_entity_lei(ent) : NULL;
	if (s->lei[0] && rlei && strcmp(s->lei, rlei) != 0) {
		y = msg_new("dora.reg.m.lei_mismatch");
		msg_text(y, "lei", s->lei);
		msg_text(y, "registry", rlei);
		msg_text(y, "entity", sc_entity_name(ent));
		msg_item_sub(x, miss, y);
	} else if (s->lei[0] || rlei) {
		y = msg_new(s->lei[0] ? "dora.reg.f.lei" : "dora.reg.f.lei_registry");
		msg_text(y, "lei", s->lei[0] ? s->lei : rlei);
		msg_item_sub(x, have, y);
	} else {
		msg_item_sub(x, miss, msg_new("dora.reg.m.lei"));
	}
	/* head office: declared (the manifest requires it), else the registry */
	const char *office = s->country[0] ? s->country : ent ? sc_entity_country(ent) : NULL;
	if (office && *office) {
		y = msg_new("dora.reg.f.office");
		msg_country(y, "country", office);
		msg_item_sub(x, have, y);
	} else {
		msg_item_sub(x, miss, msg_new("dora.reg.m.office"));
	}
	struct party_ctl u = sub_controller(reg, s);
	if (u.known && u.cc[0]) {
		y = msg_new(u.from_registry ? "dora.reg.f.parent_registry" : "dora.reg.f.parent");
		msg_text(y, "parent", u.name);
		msg_country(y, "country", u.cc);
		msg_item_sub(x, have, y);
	} else {
		msg_item_sub(x, miss, msg_new("dora.reg.m.parent"));
	}
	y = msg_new("dora.reg.f.rank");
	msg_num(y, "rank", (long)s->level);
	msg_item_sub(x, have, y);
	if (s->functions.n == 0)
		msg_item_sub(x, miss, msg_new("dora.reg.m.functions"));
	int reach = party_reach(s);
	unsigned want = holds_of(reach);
	if (want == 0) {
		msg_item_sub(x, have, msg_new("dora.reg.f.no_data"));
	} else {
		y = msg_new("dora.reg.f.sites");
		msg_word(y, "data", "datawords", mf_data_names[reach]);
		msg_items *sl = msg_list(y, "sites", ',');
		size_t n = 0;
		for (size_t i = 0; i < e->m->nsites; i++) {
			const mf_site *site = &e->m->sites[i];
			if (!(site->holds & want))
				continue;
			sc_msg *z = msg_new("sites.site");
			msg_text(z, "site", site->site ? site->site : "?");
			msg_country(z, "country", site->country);
			msg_item_sub(y, sl, z);
			n++;
		}
		if (n) {
			msg_item_sub(x, have, y);
		} else {
			msg_free(y);
			y = msg_new("dora.reg.m.sites");
			msg_word(y, "data", "datawords", mf_data_names[reach]);
			msg_item_sub(x, miss, y);
		}
	}
	bool complete = miss == NULL || miss->n == 0;
	if (!complete)
		x->code = "dora.reg.incomplete";
	eval_addm(e, s->name, complete ? SC_PASS : SC_FAIL, RS_DECLARED, x);
}

/* Art. 28(3): for every ICT third party supporting a critical or important
 * function (critical: true or a functions list, at any rank), the fields
 * of the register of information are known. */
void
eval_check_register_complete(struct eval_ctx *e, const pk_check *c)
{
	(void)c;
	const sc_manifest *m = e->m;
	if (!m->has_subcontractors) {
		eval_addm(e, "subcontractors", SC_UNKNOWN, RS_DECLARED,
		    msg_new("dora.reg.undeclared"));
		return;
	}
	struct flat f = {0};
	flatten(&f, m->subs, m->nsubs, SIZE_MAX);
	size_t judged = 0;
	for (size_t i = 0; i < f.n && !f.oom; i++) {
		const mf_sub *s = f.v[i].s;
		if (s->name == NULL || !s->critical)
			continue;
		judged++;
		register_party(e, s);
	}
	if (f.oom)
		e->oom = true;
	free(f.v);
	if (judged == 0)
		eval_addm(e, "subcontractors", SC_NOT_APPLICABLE, RS_DECLARED,
		    msg_new("dora.reg.none_critical"));
}

/* ---------------------------------------------- DORA Art. 29: concentration */

enum link_how { LINK_DIRECT, LINK_SUB, LINK_OBSERVED, LINK_ENDPOINT };

/* One critical function depending on one controller, and how. Every
 * string is borrowed (manifest, registry). */
struct link {
	const char *key, *ctl, *cc;
	const mf_sub *supplier;     /* the critical party whose function it is */
	const char *function;       /* NULL: the party names none */
	enum link_how how;
	const char *via, *host;
};

struct links {
	struct link *v;
	size_t n, cap;
	bool oom;
	/* parties whose controller is unknown, each once */
	const char **unknown;
	const mf_sub **unknown_for;
	size_t nunknown, capunknown;
};

static void
link_add(struct links *L, const char *key, const char *ctl, const char *cc, const mf_sub *sup,
         enum link_how how, const char *via, const char *host)
{
	size_t nf = sup->functions.n ? sup->functions.n : 1;
	for (size_t k = 0; k < nf && !L->oom; k++) {
		if (L->n == L->cap) {
			size_t cap = L->cap ? L->cap * 2 : 32;
			struct link *v = realloc(L->v, cap * sizeof(*v));
			if (v == NULL) {
				L->oom = true;
				return;
			}
			L->v = v;
			L->cap = cap;
		}
		L->v[L->n++] = (struct link){key, ctl, cc ? cc : "", sup,
			sup->functions.n ? sup->functions.v[k] : NULL, how, via, host};
	}
}

static void
unknown_add(struct links *L, const char *who, const mf_sub *sup)
{
	for (size_t i = 0; i < L->nunknown; i++)
		if (strcmp(L->unknown[i], who) == 0 && L->unknown_for[i] == sup)
			return;
	if (L->nunknown == L->capunknown) {
		size_t cap = L->capunknown ? L->capunknown * 2 : 8;
		const char **u = realloc(L->unknown, cap * sizeof(*u));
		if (u == NULL) {
			L->oom = true;
			return;
		}
		L->unknown = u;
		const mf_sub **w = realloc(L->unknown_for, cap * sizeof(*w));
		if (w == NULL) {
			L->oom = true;
			return;
		}
		L->unknown_for = w;
		L->capunknown = cap;
	}
	L->unknown[L->nunknown] = who;
	L->unknown_for[L->nunknown++] = sup;
}

/* The critical parties among i and the parties it works for. */
static size_t
critical_chain(const struct flat *f, size_t i, const mf_sub **out, size_t max)
{
	size_t n = 0;
	for (size_t k = i; k != SIZE_MAX && n < max; k = f->v[k].parent)
		if (f->v[k].s->critical && f->v[k].s->name)
			out[n++] = f->v[k].s;
	return n;
}

/* An observed entity on the paths of the critical parties crit[]; one
 * whose controller is same (the declared party's own, already linked) adds
 * nothing. */
static void
entity_links(struct links *L, const sc_entity *op, const mf_sub *const *crit, size_t ncrit,
             enum link_how how, const char *host, const char *const *same, size_t nsame)
{
	const sc_entity *u = sc_entity_ultimate(op);
	for (size_t j = 0; u && j < nsame; j++)
		if (same[j] && strcmp(same[j], sc_entity_id(u)) == 0)
			return;
	for (size_t j = 0; j < ncrit; j++) {
		if (u == NULL) {
			unknown_add(L, sc_entity_name(op), crit[j]);
			continue;
		}
		link_add(L, sc_entity_id(u), sc_entity_name(u), sc_entity_country(u), crit[j], how,
		         sc_entity_name(op), host);
	}
}

static bool
has_via(const gn_dep *d, const char *via)
{
	for (size_t i = 0; i < d->nvia; i++)
		if (strcmp(d->via[i], via) == 0)
			return true;
	return false;
}

static void
collect_links(struct eval_ctx *e, const struct flat *f, struct links *L)
{
	const sc_registry *reg = eval_registry(e);
	const sc_graph *g = e->o->graph;
	const mf_sub *crit[SC_MAX_SUBCONTRACTOR_DEPTH + 2];
	for (size_t i = 0; i < f->n && !L->oom; i++) {
		const mf_sub *s = f->v[i].s;
		if (s->name == NULL)
			continue;
		size_t nc = critical_chain(f, i, crit, sizeof(crit) / sizeof(crit[0]));
		if (nc == 0)
			continue;
		/* the party itself: its own functions directly, its clients'
		 * through it */
		struct party_ctl u = sub_controller(reg, s);
		for (size_t j = 0; j < nc; j++) {
			if (!u.known)
				unknown_add(L, s->name, crit[j]);
			else
				link_add(L, u.key, u.name, u.cc, crit[j], crit[j] == s ? LINK_DIRECT :
				         LINK_SUB, s->name, NULL);
		}
		if (g == NULL)
			continue;
		const char *own[1] = {u.known ? u.key : NULL};
		/* its providers in the evidence: the operators the graph says it
		 * is, and those its own hosts revealed */
		for (size_t k = 0; k < g->nops; k++)
			if (g->ops[k].declared_by == s && !g->ops[k].is_provider)
				entity_links(L, g->ops[k].entity, crit, nc, LINK_OBSERVED, NULL, own, 1);
		char via[512];
		snprintf(via, sizeof(via), "subcontractor:%s", s->name);
		for (size_t k = 0; k < g->ndeps; k++) {
			const gn_dep *d = &g->deps[k];
			if (strcmp(d->kind, "cert") == 0 || !has_via(d, via))
				continue;
			if (d->operator)
				entity_links(L, d->operator, crit, nc, LINK_OBSERVED, NULL, own, 1);
			else if (strcmp(d->kind, "ip") == 0)
				for (size_t j = 0; j < nc; j++)
					unknown_add(L, d->subject, crit[j]);
		}
	}
	/* The endpoints a critical party serves (one of their operators is
	 * it): every operator on them carries its functions too. */
	for (size_t i = 0; g && i < g->neps && !L->oom; i++) {
		const gn_endpoint *ge = &g->eps[i];
		const mf_sub *ec[SC_MAX_SUBCONTRACTOR_DEPTH + 2];
		size_t nec = 0;
		for (size_t k = 0; k < ge->nops; k++)
			for (size_t o = 0; o < g->nops; o++) {
				if (g->ops[o].entity != ge->ops[k] || g->ops[o].declared_by == NULL)
					continue;
				size_t at = flat_index(f, g->ops[o].declared_by);
				if (at == SIZE_MAX)
					continue;
				const mf_sub *cc[SC_MAX_SUBCONTRACTOR_DEPTH + 2];
				size_t n = critical_chain(f, at, cc, sizeof(cc) / sizeof(cc[0]));
				for (size_t a = 0; a < n; a++) {
					bool seen = false;
					for (size_t b = 0; b < nec; b++)
						seen |= ec[b] == cc[a];
					if (!seen && nec < sizeof(ec) / sizeof(ec[0]))
						ec[nec++] = cc[a];
				}
			}
		if (nec == 0)
			continue;
		const char *keys[SC_MAX_SUBCONTRACTOR_DEPTH + 2];
		for (size_t k = 0; k < nec; k++) {
			struct party_ctl u = sub_controller(reg, ec[k]);
			keys[k] = u.known ? u.key : NULL;
		}
		for (size_t k = 0; k < ge->nops; k++)
			entity_links(L, ge->ops[k], ec, nec, LINK_ENDPOINT, ge->ep->host, keys, nec);
		for (size_t k = 0; k < ge->nips; k++) {
			const gn_dep *d = &g->deps[ge->ips[k]];
			if (d->operator == NULL)
				for (size_t j = 0; j < nec; j++)
					unknown_add(L, d->subject, ec[j]);
		}
	}
}

static int
link_cmp(const void *a, const void *b)
{
	const struct link *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	if ((c = strcmp(x->supplier->name, y->supplier->name)))
		return c;
	return strcmp(x->function ? x->function : "", y->function ? y->function : "");
}

/* The same function: the same id, or the unnamed function of one party. */
static bool
same_function(const struct link *a, const struct link *b)
{
	if (a->function && b->function)
		return strcmp(a->function, b->function) == 0;
	return a->function == NULL && b->function == NULL && a->supplier == b->supplier;
}

static void
function_item(sc_msg *x, msg_items *l, const struct link *k)
{
	if (k->function) {
		msg_item_text(x, l, k->function);
	} else {
		sc_msg *y = msg_new("dora.conc.unnamed");
		msg_text(y, "supplier", k->supplier->name);
		msg_item_sub(x, l, y);
	}
}

/* "OVH Groupe SA directly; Scaleway SAS through its subcontractor X" */
static sc_msg *
link_msg(const struct link *k)
{
	static const char *const codes[] = {"dora.conc.how.direct", "dora.conc.how.sub",
		"dora.conc.how.observed", "dora.conc.how.endpoint"};
	sc_msg *y = msg_new(codes[k->how]);
	msg_text(y, "supplier", k->supplier->name);
	msg_text(y, "via", k->via ? k->via : "?");
	if (k->how == LINK_ENDPOINT)
		msg_text(y, "host", k->host ? k->host : "?");
	return y;
}

static void
judge_controller(struct eval_ctx *e, const pk_check *c, const struct link *v, size_t n)
{
	size_t nfun = 0, nsup = 0;
	sc_msg *x = msg_new("dora.conc.ok");
	msg_text(x, "controller", v[0].ctl);
	if (v[0].cc[0])
		msg_country(x, "country", v[0].cc);
	else
		msg_text(x, "country", "?");
	msg_items *fl = msg_list(x, "functions", '&'), *sl = msg_list(x, "suppliers", '&');
	msg_items *hl = msg_list(x, "how", ';');
	for (size_t i = 0; i < n; i++) {
		bool fseen = false, sseen = false, hseen = false;
		for (size_t k = 0; k < i; k++) {
			fseen |= same_function(&v[k], &v[i]);
			sseen |= v[k].supplier == v[i].supplier;
			hseen |= v[k].supplier == v[i].supplier && v[k].how == v[i].how &&
			         strcmp(v[k].via ? v[k].via : "", v[i].via ? v[i].via : "") == 0 &&
			         strcmp(v[k].host ? v[k].host : "", v[i].host ? v[i].host : "") == 0;
		}
		if (!fseen) {
			nfun++;
			function_item(x, fl, &v[i]);
		}
		if (!sseen) {
			nsup++;
			msg_item_text(x, sl, v[i].supplier->name);
		}
		if (!hseen && (hl == NULL || hl->n < 12))
			msg_item_sub(x, hl, link_msg(&v[i]));
	}
	msg_num(x, "nf", (long)nfun);
	msg_num(x, "ns", (long)nsup);
	msg_num(x, "max", c->max_functions);
	bool over = (long)nfun > c->max_functions || nsup > 1;
	if (over)
		x->code = "dora.conc.over";
	eval_addm(e, v[0].ctl, over ? SC_FAIL : SC_PASS, RS_DECLARED, x);
}

/* Art. 29: for each ultimate controller, the critical functions (and the
 * critical parties) that depend on it, directly or through providers;
 * more than max_functions functions, or more than one critical party,
 * fail — a concentration the entity must assess (a waiver records it). */
void
eval_check_concentration(struct eval_ctx *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_subcontractors) {
		eval_addm(e, "subcontractors", SC_UNKNOWN, RS_DECLARED,
		    msg_new("dora.conc.undeclared"));
		return;
	}
	struct flat f = {0};
	struct links L = {0};
	flatten(&f, m->subs, m->nsubs, SIZE_MAX);
	size_t ncrit = 0;
	for (size_t i = 0; i < f.n; i++)
		ncrit += f.v[i].s->critical && f.v[i].s->name;
	if (!f.oom && ncrit > 0)
		collect_links(e, &f, &L);
	if (f.oom || L.oom) {
		e->oom = true;
		goto out;
	}
	if (ncrit == 0) {
		eval_addm(e, "subcontractors", SC_NOT_APPLICABLE, RS_DECLARED,
		    msg_new("dora.conc.none_critical"));
		goto out;
	}
	if (L.n > 1)
		qsort(L.v, L.n, sizeof(*L.v), link_cmp);
	for (size_t i = 0; i < L.n;) {
		size_t j = i + 1;
		while (j < L.n && strcmp(L.v[j].key, L.v[i].key) == 0)
			j++;
		judge_controller(e, c, &L.v[i], j - i);
		i = j;
	}
	for (size_t i = 0; i < L.nunknown; i++) {
		sc_msg *x = msg_new("dora.conc.unknown");
		msg_text(x, "party", L.unknown[i]);
		msg_text(x, "supplier", L.unknown_for[i]->name);
		functions_m(x, "functions", L.unknown_for[i]);
		eval_addm(e, L.unknown[i], SC_UNKNOWN, RS_DECLARED, x);
	}
out:
	free(f.v);
	free(L.v);
	free(L.unknown);
	free(L.unknown_for);
}

/* ------------------------------------------ DORA Art. 30(2)(b): locations */

static void
missing_evidence(struct eval_ctx *e, const sc_evidence *ev)
{
	sc_msg *x = msg_new("dora.loc.no_evidence");
	msg_sub(x, "why", msg_new(ev == NULL ? "missing.nothing" :
	        ev->offline ? "missing.offline_zones" : "missing.no_dns"));
	eval_addm(e, "evidence", SC_UNKNOWN, RS_OBSERVED, x);
}

static bool
declared_country(const sc_manifest *m, const char *cc)
{
	for (size_t i = 0; i < m->nsites; i++)
		if (strcmp(m->sites[i].country, cc) == 0)
			return true;
	return false;
}

static int
cc_cmp(const void *a, const void *b)
{
	const gn_dep *x = *(const gn_dep *const *)a, *y = *(const gn_dep *const *)b;
	int c = strcmp(x->location, y->location);
	return c ? c : strcmp(x->subject, y->subject);
}

/* Art. 30(2)(b): every country where the evidence locates an address on a
 * data path (the check's data classes) is a country of a declared data
 * site — the contract's statement of where data is processed and stored. */
void
eval_check_locations_as_stated(struct eval_ctx *e, const pk_check *c)
{
	const sc_graph *g = e->o->graph;
	const sc_evidence *ev = g ? g->ev : NULL;
	const sc_manifest *m = e->m;
	if (ev == NULL || !ev->has_dns) {
		missing_evidence(e, ev);
		return;
	}
	if (!m->has_locations || m->nsites == 0) {
		eval_addm(e, "locations.data", SC_UNKNOWN, RS_DECLARED,
		    msg_new("dora.loc.unstated"));
		return;
	}
	size_t judged = 0;
	/* endpoints on data paths the evidence could not (wholly) resolve */
	for (size_t i = 0; i < g->neps; i++) {
		const gn_endpoint *ge = &g->eps[i];
		if (ge->ep->host == NULL || !(c->data & (1u << ge->ep->data)))
			continue;
		judged++;
		if (ge->dns_ok && ge->dns_partial == NULL)
			continue;
		sc_msg *x = msg_new(ge->dns_ok ? "dora.loc.partial" : "dora.loc.unresolved");
		msg_text(x, "host", ge->ep->host);
		msg_quote(x, "problem", ge->dns_ok ? ge->dns_partial :
		          ge->dns_problem ? ge->dns_problem : "?");
		rs_finding *fd = eval_addm(e, ge->ep->host, SC_UNKNOWN, RS_OBSERVED, x);
		eval_add_evidence(e, fd, ge->dns_id);
	}
	const gn_dep **located = calloc(g->ndeps ? g->ndeps : 1, sizeof(*located));
	if (located == NULL) {
		e->oom = true;
		return;
	}
	size_t nloc = 0;
	for (size_t i = 0; i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		if (strcmp(d->kind, "ip") != 0 || !(d->data & c->data))
			continue;
		judged++;
		if (!d->anycast && !d->location_conflict && d->location[0]) {
			located[nloc++] = d;
			continue;
		}
		sc_msg *x = msg_new(d->anycast ? "dora.loc.anycast" : d->location_conflict ?
		                    "dora.loc.conflict" : "dora.loc.unknown");
		msg_text(x, "ip", d->subject);
		msg_path(x, "path", d->path ? d->path : d->subject);
		rs_finding *fd = eval_addm(e, d->subject, SC_UNKNOWN, RS_OBSERVED, x);
		for (size_t k = 0; fd && k < d->nown; k++)
			eval_add_evidence(e, fd, d->own[k]);
	}
	if (nloc > 1)
		qsort(located, nloc, sizeof(*located), cc_cmp);
	for (size_t i = 0; i < nloc;) {
		size_t j = i;
		const char *cc = located[i]->location;
		while (j < nloc && strcmp(located[j]->location, cc) == 0)
			j++;
		bool in = declared_country(m, cc);
		sc_msg *x = msg_new(in ? "dora.loc.stated" : "dora.loc.not_stated");
		msg_country(x, "country", cc);
		msg_num(x, "n", (long)(j - i));
		eval_msg_mask(x, "data", "dataclass", c->data & ~(1u << MF_DATA_NONE), mf_data_names,
		              '/');
		msg_items *al = msg_list(x, "addresses", ',');
		for (size_t k = i; k < j && k < i + 10; k++)
			msg_item_text(x, al, located[k]->subject);
		if (j - i > 10) {
			sc_msg *y = msg_new("dora.loc.more");
			msg_num(y, "n", (long)(j - i - 10));
			msg_item_sub(x, al, y);
		}
		msg_items *sl = msg_list(x, "sites", ',');
		for (size_t k = 0; k < m->nsites; k++) {
			if (in && strcmp(m->sites[k].country, cc) != 0)
				continue;
			sc_msg *y = msg_new("sites.site");
			msg_text(y, "site", m->sites[k].site ? m->sites[k].site : "?");
			msg_country(y, "country", m->sites[k].country);
			msg_item_sub(x, sl, y);
		}
		char subj[32];
		snprintf(subj, sizeof(subj), "location:%s", cc);
		rs_finding *fd = eval_addm(e, subj, in ? SC_PASS : SC_FAIL, RS_OBSERVED, x);
		for (size_t k = i; fd && k < j; k++)
			for (size_t q = 0; q < located[k]->nown; q++)
				eval_add_evidence(e, fd, located[k]->own[q]);
		i = j;
	}
	free(located);
	if (judged == 0) {
		sc_msg *x = msg_new("dora.loc.no_path");
		eval_msg_mask(x, "data", "dataclass", c->data & ~(1u << MF_DATA_NONE), mf_data_names,
		              '/');
		eval_addm(e, "endpoints", SC_NOT_APPLICABLE, RS_OBSERVED, x);
	}
}

/* ------------------------------------------- NIS2 Art. 21(2)(d): exposure */

/* Every supplier, declared or observed, controlled outside the set has
 * its residual risk (the register's control nexus) treated: a decision
 * recorded in risk_treatments. */
void
eval_check_supply_chain_exposure(struct eval_ctx *e, const pk_check *c)
{
	const sc_risks *rs = e->o->risks;
	if (rs == NULL) {
		eval_addm(e, "suppliers", SC_UNKNOWN, RS_DECLARED, msg_new("dora.sc.not_assessed"));
		return;
	}
	size_t judged = 0;
	for (size_t i = 0; i < rs->n; i++) {
		const rk_risk *k = &rs->v[i];
		if (k->kind != RK_CONTROL || pk_set_has(c->set, k->country))
			continue;
		judged++;
		const char *who = k->entity ? k->entity : "?";
		sc_msg *x = msg_new(k->treatment ? "dora.sc.treated" : "dora.sc.untreated");
		msg_text(x, "party", who);
		msg_country(x, "country", k->country);
		msg_text(x, "id", k->id);
		msg_num(x, "score", k->score);
		eval_msg_set(x, c);
		msg_items *ll = msg_list(x, "laws", '&');
		for (size_t j = 0; j < k->nlaws; j++)
			msg_item_text(x, ll, k->laws[j]->name ? k->laws[j]->name : k->laws[j]->id);
		if (k->nlaws == 0)
			msg_item_sub(x, ll, msg_new("dora.sc.no_law"));
		if (k->treatment) {
			msg_word(x, "decision", "decision", mf_decision_names[k->treatment->decision]);
			msg_text(x, "by", k->treatment->by ? k->treatment->by : "?");
			msg_date(x, "date", k->treatment->date);
		}
		eval_addm(e, who, k->treatment ? SC_PASS : SC_FAIL, k->observed ? RS_OBSERVED :
		          RS_DECLARED, x);
	}
	/* Observed operators on data paths whose controller is not known: the
	 * register cannot place them, nor can this check. */
	const sc_graph *g = e->o->graph;
	for (size_t i = 0; g && i < g->nops; i++) {
		const gn_op *o = &g->ops[i];
		if (o->is_provider || o->cert_only || o->published || o->ultimate != NULL ||
		    !(o->data & ~(1u << MF_DATA_NONE)))
			continue;
		judged++;
		sc_msg *x = msg_new("dora.sc.unknown");
		msg_text(x, "party", sc_entity_name(o->entity));
		msg_path(x, "path", o->npaths ? o->paths[0] : "?");
		rs_finding *fd = eval_addm(e, sc_entity_name(o->entity), SC_UNKNOWN, RS_OBSERVED, x);
		eval_add_evidence_list(e, fd, o->evidence, o->nevidence);
	}
	if (judged == 0) {
		sc_msg *x = msg_new(rs->observed_evidence ? "dora.sc.none_outside" :
		                    "dora.sc.none_outside_declared");
		eval_msg_set(x, c);
		eval_addm(e, "suppliers", SC_PASS, RS_DECLARED, x);
	}
}
