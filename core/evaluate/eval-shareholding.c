/*
 * eval-shareholding.c — §19.6.b: holders outside the EU, directly or
 * through intermediates, against the individual (24 %) and collective
 * (39 %) caps on capital and voting rights; vetoes and board majorities.
 * Two readings are computed and the stricter applies: multiplicative
 * (stake × stake along each path) and control-based (a holder with more
 * than the control threshold of an intermediate's votes takes its whole
 * stake).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eval-internal.h"
#include "text.h"

/* Comparisons of percentages: products of decimals are not exact in
 * binary ("60 × 40 %" is 23.999999…), so values are compared after rounding
 * to 1e-9 — far below any declared precision. 24 passes, 24.01 fails. */
static bool
pct_gt(double v, double max)
{
	return v - max > 1e-9;
}

/* ---- 19.6.b: shareholding ---- */

struct holding {
	const char *name;
	char country[3];
	double cap_m, vot_m, cap_c, vot_c;  /* multiplicative / control readings */
	strbuf how;
	bool assumed;                       /* capital or voting missing somewhere */
};

struct sh {
	struct eval_ctx *e;
	const pk_check *c;
	struct holding *h;
	size_t n, cap;
	double coll_cap_m, coll_vot_m, coll_cap_c, coll_vot_c;
	strbuf coll_how;
	/* Free floats (listed companies): undeclared holders, counted outside
	 * the EU in the worst case only. */
	double float_cap_m, float_vot_m, float_cap_c, float_vot_c;
	strbuf float_how;
	size_t examined;
	/* Companies in the EU above the individual cap whose own holders are
	 * neither declared nor settled by the registry: where they are held
	 * from, and so whether the cap holds, cannot be judged. */
	struct open_holder { const mf_holder *h; double stake; const char *path; } *open;
	size_t nopen;
};

/* A holder's name ends in a legal form (text_fold_base() drops one): a
 * company, which has holders of its own; a person or a family does not. */
static bool
is_company(const char *name)
{
	char a[512], b[512];
	size_t na = text_fold(name, a, sizeof(a)), nb = text_fold_base(name, b, sizeof(b));
	return nb > 0 && nb < na;
}

/* Whether the holders of a company the declaration shows no holder of are
 * known: the registry knows it and settles where it is controlled from. */
static bool
holders_known(const struct sh *s, const mf_holder *h)
{
	const sc_graph *g = s->e->o->graph;
	const sc_entity *ent = g && g->reg ? sc_registry_find(g->reg, h->name) : NULL;
	return ent && graph_controlled_from(ent, s->c->set, NULL, NULL) >= 0;
}

static struct holding *
holding_for(struct sh *s, const mf_holder *h)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcasecmp(s->h[i].name, h->name) == 0 &&
		    strcmp(s->h[i].country, h->country) == 0)
			return &s->h[i];
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 8;
		struct holding *p = realloc(s->h, nc * sizeof(*p));
		if (p == NULL) {
			s->e->oom = true;
			return NULL;
		}
		s->h = p;
		s->cap = nc;
	}
	struct holding *r = &s->h[s->n++];
	memset(r, 0, sizeof(*r));
	r->name = h->name;
	memcpy(r->country, h->country, 3);
	sb_init(&r->how);
	return r;
}

static double
cap_of(const mf_holder *h)
{
	return h->has_capital ? h->capital : h->voting;
}

static double
vot_of(const mf_holder *h)
{
	return h->has_voting ? h->voting : h->capital;
}

static bool
is_eu(const struct sh *s, const char *country)
{
	return pk_set_has(s->c->set, country);
}

/* The holder of hs controlling their entity (voting above the threshold). */
static const mf_holder *
controller_of(const mf_holder *hs, size_t n, double threshold)
{
	for (size_t i = 0; i < n; i++)
		if (!hs[i].is_float && pct_gt(vot_of(&hs[i]), threshold))
			return &hs[i];
	return NULL;
}

static void
fmt(char *b, size_t n, double v)
{
	util_fmt_pct(b, n, v);
}

/*
 * Walk the holders of one entity. pm/pc: the entity's stake in the provider
 * (capital, voting) under the multiplicative (m) and control (c) readings.
 * top: the entity is the provider itself. path: names from the provider.
 */
static void
walk_holders(struct sh *s, const mf_holder *hs, size_t n, bool top,
             double pcap_m, double pvot_m, double pcap_c, double pvot_c,
             const char *path, bool in_noneu, unsigned depth)
{
	if (depth > SC_MAX_SHAREHOLDER_DEPTH)
		return;
	const mf_holder *ctrl = top ? NULL : controller_of(hs, n, s->c->control_threshold);
	for (size_t i = 0; i < n; i++) {
		const mf_holder *h = &hs[i];
		if (h->name == NULL)
			continue;
		s->examined++;
		double cap = cap_of(h), vot = vot_of(h);
		double cm, vm, cc, vc;
		if (top) {
			cm = cc = cap;
			vm = vc = vot;
		} else {
			cm = pcap_m * cap / 100.0;
			vm = pvot_m * vot / 100.0;
			if (ctrl == h) {        /* controls the intermediate: its whole stake */
				cc = pcap_c;
				vc = pvot_c;
			} else if (ctrl != NULL) { /* another holder controls it */
				cc = vc = 0;
			} else {
				cc = pcap_c * cap / 100.0;
				vc = pvot_c * vot / 100.0;
			}
		}
		if (h->is_float) {
			if (!in_noneu) {
				s->float_cap_m += cm;
				s->float_vot_m += vm;
				s->float_cap_c += cc;
				s->float_vot_c += vc;
				char a[32];
				fmt(a, sizeof(a), cm);
				sb_printf(&s->float_how, "%s%s%s%s %s %%", s->float_how.len ? " + " : "",
				          top ? "" : path, top ? "" : " → ", h->name, a);
			}
			continue;
		}
		bool noneu = !is_eu(s, h->country);
		if (noneu) {
			struct holding *hd = holding_for(s, h);
			if (hd == NULL)
				return;
			hd->cap_m += cm;
			hd->vot_m += vm;
			hd->cap_c += cc;
			hd->vot_c += vc;
			if (!h->has_capital || !h->has_voting)
				hd->assumed = true;
			char a[32], b[32], c2[32], d[32];
			fmt(a, sizeof(a), cm);
			fmt(b, sizeof(b), vm);
			fmt(c2, sizeof(c2), cc);
			fmt(d, sizeof(d), vc);
			if (hd->how.len)
				sb_puts(&hd->how, "; ");
			if (top)
				sb_printf(&hd->how, "direct: capital %s %%, voting %s %%", a, b);
			else
				sb_printf(&hd->how, "via %s: capital %s %% (control reading %s %%), "
				          "voting %s %% (control reading %s %%)", path, a, c2, b, d);
			if (!in_noneu) {
				s->coll_cap_m += cm;
				s->coll_vot_m += vm;
				s->coll_cap_c += cc;
				s->coll_vot_c += vc;
				if (s->coll_how.len)
					sb_puts(&s->coll_how, " + ");
				sb_printf(&s->coll_how, "%s (%s) %s %%", h->name, h->country, a);
			}
		}
		if (!noneu && !in_noneu && h->nholders == 0 && is_company(h->name) &&
		    s->nopen < 64) {
			double stake = fmax(fmax(cm, vm), fmax(cc, vc));
			if (pct_gt(stake, s->c->individual_max) && !holders_known(s, h)) {
				struct open_holder *o = realloc(s->open, (s->nopen + 1) * sizeof(*o));
				if (o == NULL) {
					s->e->oom = true;
					return;
				}
				s->open = o;
				o[s->nopen++] = (struct open_holder){h, stake, top ? NULL : path};
			}
		}
		if (h->nholders) {
			char sub[1024];
			if (top)
				snprintf(sub, sizeof(sub), "%s", h->name);
			else
				snprintf(sub, sizeof(sub), "%s → %s", path, h->name);
			walk_holders(s, h->holders, h->nholders, false, cm, vm, cc, vc, sub,
			             in_noneu || noneu, depth + 1);
		}
	}
}

/* Is this holder, or whoever controls it up the chain, outside the set? */
static bool
noneu_controlled(const struct sh *s, const mf_holder *h, const char **ret_who,
                 unsigned depth)
{
	if (h->is_float)
		return false;   /* dispersed holders: no one behind a veto or seats */
	if (!is_eu(s, h->country)) {
		*ret_who = h->name;
		return true;
	}
	if (depth > SC_MAX_SHAREHOLDER_DEPTH)
		return false;
	const mf_holder *c = controller_of(h->holders, h->nholders, s->c->control_threshold);
	return c != NULL && noneu_controlled(s, c, ret_who, depth + 1);
}

/* Whether hs (at any level) names a holder outside set (a free float has
 * no country and is no such holder). */
static bool
declares_outside(const mf_holder *hs, size_t n, const pk_set *set, unsigned depth)
{
	for (size_t i = 0; i < n; i++) {
		if (!hs[i].is_float && !pk_set_has(set, hs[i].country))
			return true;
		if (depth < SC_MAX_SHAREHOLDER_DEPTH &&
		    declares_outside(hs[i].holders, hs[i].nholders, set, depth + 1))
			return true;
	}
	return false;
}

/* The provider as the registry knows it (graph->provider): each holder the
 * registry records, standing on the evaluation date, outside the set (or of
 * no recorded country), that the declared shareholders do not name. When
 * the declaration names no holder outside the set at all and the registry's
 * holder controls or holds above the individual cap, the evidence
 * contradicts the declaration: fail. Otherwise the declaration has to
 * account for it: unknown. A holder the declaration names is judged as
 * declared. */
/* A finding of the registry against the declaration: x with the check's
 * set and cap, fail when the evidence contradicts it (else unknown), with
 * the registry entry of ent as its evidence. */
static void
registry_finding(struct eval_ctx *e, const pk_check *c, sc_msg *x, const char *subject,
                 bool contradicts, const sc_entity *ent)
{
	eval_msg_set(x, c);
	char max[32];
	fmt(max, sizeof(max), c->individual_max);
	msg_pct(x, "max", max);
	rs_finding *f = eval_addm(e, subject, contradicts ? SC_FAIL : SC_UNKNOWN, RS_DECLARED, x);
	char rid[160];
	snprintf(rid, sizeof(rid), "registry:%s", sc_entity_id(ent));
	eval_add_evidence(e, f, rid);
}

/* A holder the declaration names that the registry records as a company
 * controlled from outside the set (graph_holder_stands(): its parent chain
 * or its own holders, followed): the declaration must show that control —
 * the holder declared outside the set, or its declared holders outside the
 * set with more than half. When it names nobody outside the set beneath
 * that holder and declares it above the cap, the evidence contradicts the
 * declaration (fail); otherwise it has to account for it (unknown). */
static void
named_holder_held_out(struct eval_ctx *e, const pk_check *c, const sc_entity *known,
                      const sc_holder *h, const mf_holder *d, const graph_origin *org)
{
	if (graph_declared_held_out(d, c->set))
		return;   /* declared as held from outside: judged on the declared figures */
	double share = d->has_voting ? d->voting : d->has_capital ? d->capital : -1;
	bool contradicts = !declares_outside(d->holders, d->nholders, c->set, 1) &&
	                   pct_gt(share, c->individual_max);
	/* the holder itself recorded elsewhere, or a company controlled from there */
	bool self = !graph_origin_beyond(org, h);
	sc_msg *x = msg_new(self ? contradicts ? "sh.registry_seat_contradicts" :
	                    "sh.registry_seat_unshown" : contradicts ?
	                    "sh.registry_via_contradicts" : "sh.registry_via_unshown");
	msg_text(x, "entity", sc_entity_name(known));
	msg_text(x, "holder", d->name);
	msg_country(x, "country", d->country);
	msg_text(x, "origin", org->name ? org->name : "?");
	if (org->country && org->country[0])
		msg_country(x, "origin_country", org->country);
	else
		msg_text(x, "origin_country", "?");
	/* the source of the link that leads outside */
	const char *src = graph_holder_link_source(h);
	if (src == NULL)
		src = sc_entity_source_of(known, "holders");
	msg_text(x, "source", src ? src : "?");
	registry_finding(e, c, x, d->name, contradicts, h->entity ? h->entity : known);
}

static void
registry_holders(struct eval_ctx *e, const pk_check *c)
{
	const mf_provider *p = &e->m->provider;
	const sc_entity *known = e->o->graph ? e->o->graph->provider : NULL;
	for (size_t i = 0; i < sc_entity_holder_count(known); i++) {
		const sc_holder *h = sc_entity_holder(known, i);
		/* in the set, and (a company) not itself controlled from outside */
		graph_origin org;
		graph_held st = graph_holder_stands(h, c->set, &org);
		if (st == GRAPH_HELD_IN)
			continue;
		const mf_holder *d = p->present && p->has_shareholders ?
		                     graph_declared_holder(p->holders, p->nholders, h) : NULL;
		if (d) {
			if (st == GRAPH_HELD_OUT)
				named_holder_held_out(e, c, known, h, d, &org);
			continue;
		}
		double share = graph_holder_share(h);
		bool over = h->controlling || pct_gt(share, c->individual_max);
		bool contradicts = p->present && p->has_shareholders && st == GRAPH_HELD_OUT && over &&
		                   !declares_outside(p->holders, p->nholders, c->set, 1);
		sc_msg *x = msg_new(contradicts ? "sh.registry_contradicts" : "sh.registry_unnamed");
		msg_text(x, "entity", sc_entity_name(known));
		msg_sub(x, "holder", eval_holder_msg(h, c->set));
		const char *src = sc_entity_source_of(known, "holders");
		msg_text(x, "source", src ? src : "?");
		registry_finding(e, c, x, h->name, contradicts, known);
	}
}

void
eval_check_shareholding(struct eval_ctx *e, const pk_check *c)
{
	const mf_provider *p = &e->m->provider;
	registry_holders(e, c);
	if (!p->present || !p->has_shareholders) {
		eval_addm(e, "provider.shareholders", SC_UNKNOWN, RS_DECLARED,
		    msg_new("sh.undeclared"));
		return;
	}
	struct sh s;
	memset(&s, 0, sizeof(s));
	s.e = e;
	s.c = c;
	sb_init(&s.coll_how);
	sb_init(&s.float_how);
	walk_holders(&s, p->holders, p->nholders, true, 100, 100, 100, 100, "", false, 1);

	char imax[32], cmax[32];
	fmt(imax, sizeof(imax), c->individual_max);
	fmt(cmax, sizeof(cmax), c->collective_max);

	/* Individual caps, per non-EU entity (sorted by name for stable output). */
	for (size_t i = 1; i < s.n; i++)
		for (size_t j = i; j > 0 && strcasecmp(s.h[j - 1].name, s.h[j].name) > 0; j--) {
			struct holding t = s.h[j];
			s.h[j] = s.h[j - 1];
			s.h[j - 1] = t;
		}
	for (size_t i = 0; i < s.n; i++) {
		struct holding *h = &s.h[i];
		double capv = fmax(h->cap_m, h->cap_c), votv = fmax(h->vot_m, h->vot_c);
		char a[32], b[32], am[32], bm[32];
		fmt(a, sizeof(a), capv);
		fmt(b, sizeof(b), votv);
		fmt(am, sizeof(am), h->cap_m);
		fmt(bm, sizeof(bm), h->vot_m);
		bool differs = fabs(h->cap_m - h->cap_c) > 1e-9 || fabs(h->vot_m - h->vot_c) > 1e-9;
		bool over = pct_gt(capv, c->individual_max) || pct_gt(votv, c->individual_max);
		sc_msg *x = msg_new(over ? "sh.individual_over" : "sh.individual_within");
		msg_text(x, "name", h->name);
		msg_country(x, "country", h->country);
		eval_msg_set(x, c);
		msg_pct(x, "capital", a);
		msg_pct(x, "voting", b);
		if (differs) {
			char cc[32], vc[32];
			fmt(cc, sizeof(cc), h->cap_c);
			fmt(vc, sizeof(vc), h->vot_c);
			sc_msg *y = msg_new("sh.readings");
			msg_pct(y, "cap_m", am);
			msg_pct(y, "vot_m", bm);
			msg_pct(y, "cap_c", cc);
			msg_pct(y, "vot_c", vc);
			msg_sub(x, "readings", y);
		} else {
			msg_text(x, "readings", "");
		}
		msg_pct(x, "max", imax);
		if (h->assumed)
			msg_sub(x, "assumed", msg_new("sh.assumed"));
		else
			msg_text(x, "assumed", "");
		rs_finding *f = eval_addm(e, h->name, over ? SC_FAIL : SC_PASS, RS_DECLARED, x);
		eval_set_computation(e, f, &h->how);
	}

	/* Companies above the individual cap whose own holders are unknown. */
	for (size_t i = 0; i < s.nopen; i++) {
		const struct open_holder *o = &s.open[i];
		char st[32];
		fmt(st, sizeof(st), o->stake);
		sc_msg *ox = msg_new("sh.holders_unknown");
		msg_text(ox, "name", o->h->name);
		msg_country(ox, "country", o->h->country);
		msg_pct(ox, "stake", st);
		msg_pct(ox, "max", imax);
		eval_msg_set(ox, c);
		if (o->path) {
			sc_msg *y = msg_new("sh.via");
			msg_text(y, "path", o->path);
			msg_sub(ox, "via", y);
		} else {
			msg_text(ox, "via", "");
		}
		eval_addm(e, o->h->name, SC_UNKNOWN, RS_DECLARED, ox);
	}
	free(s.open);

	/* Collective cap: the declared reading, and — when a free float is
	 * declared — the worst case that counts it outside the EU. */
	double ccap = fmax(s.coll_cap_m, s.coll_cap_c), cvot = fmax(s.coll_vot_m, s.coll_vot_c);
	double fcap = fmax(s.float_cap_m, s.float_cap_c), fvot = fmax(s.float_vot_m, s.float_vot_c);
	bool has_float = s.float_how.len > 0;
	char a[32], b[32], wa[32], wb[32];
	fmt(a, sizeof(a), ccap);
	fmt(b, sizeof(b), cvot);
	fmt(wa, sizeof(wa), ccap + fcap);
	fmt(wb, sizeof(wb), cvot + fvot);
	bool over = pct_gt(ccap, c->collective_max) || pct_gt(cvot, c->collective_max);
	bool worst_over = pct_gt(ccap + fcap, c->collective_max) ||
	                  pct_gt(cvot + fvot, c->collective_max);
	sc_verdict cv = over ? SC_FAIL : worst_over ? SC_UNKNOWN : SC_PASS;
	sc_msg *x = msg_new(over ? "sh.collective_over" : "sh.collective_within");
	eval_msg_set(x, c);
	msg_pct(x, "capital", a);
	msg_pct(x, "voting", b);
	msg_pct(x, "max", cmax);
	msg_num(x, "n", (long)s.examined);
	if (has_float) {
		sc_msg *y = msg_new(worst_over ? "sh.float_over" : "sh.float_within");
		msg_text(y, "floats", s.float_how.s);
		eval_msg_set(y, c);
		msg_pct(y, "capital", wa);
		msg_pct(y, "voting", wb);
		msg_sub(x, "float", y);
	} else {
		msg_text(x, "float", "");
	}
	if (cv == SC_UNKNOWN)
		msg_sub(x, "decides", msg_new("sh.float_decides"));
	else
		msg_text(x, "decides", "");
	rs_finding *f = eval_addm(e, "non-EU holders (collective)", cv, RS_DECLARED, x);
	if (f && s.coll_how.len) {
		strbuf how;
		sb_init(&how);
		char cm[32], cc[32];
		fmt(cm, sizeof(cm), s.coll_cap_m);
		fmt(cc, sizeof(cc), s.coll_cap_c);
		sb_printf(&how, "capital: %s = %s %% (multiplicative); %s %% (control reading)",
		          s.coll_how.s, cm, cc);
		eval_set_computation(e, f, &how);
		sb_free(&how);
	}

	/* Veto rights and board appointments held, or controlled, outside the set. */
	long seats = 0;
	strbuf who;
	sb_init(&who);
	for (size_t i = 0; i < p->nholders; i++) {
		const mf_holder *h = &p->holders[i];
		const char *by = NULL;
		bool ne = h->name && noneu_controlled(&s, h, &by, 1);
		if (h->veto && ne) {
			sc_msg *vx = msg_new(by == h->name ? "sh.veto_seated" : "sh.veto_controlled");
			msg_text(vx, "name", h->name);
			eval_msg_set(vx, c);
			if (by == h->name)
				msg_country(vx, "country", h->country);
			else
				msg_text(vx, "by", by);
			eval_addm(e, h->name, SC_FAIL, RS_DECLARED, vx);
		}
		if (ne && h->has_board_seats && h->board_seats > 0) {
			seats += h->board_seats;
			sb_printf(&who, "%s%s (%ld)", who.len ? ", " : "", h->name, h->board_seats);
		}
	}
	if (seats > 0) {
		bool maj = p->has_board_seats && seats * 2 > p->board_seats;
		sc_msg *sx = msg_new(!p->has_board_seats ? "sh.seats_unknown" :
		                     maj ? "sh.seats_majority" : "sh.seats_minority");
		eval_msg_set(sx, c);
		msg_num(sx, "n", seats);
		msg_num(sx, "total", p->has_board_seats ? p->board_seats : 0);
		msg_text(sx, "who", who.s);
		eval_addm(e, "provider.board_seats", !p->has_board_seats ? SC_UNKNOWN :
		          maj ? SC_FAIL : SC_PASS, RS_DECLARED, sx);
	}
	sb_free(&who);
	for (size_t i = 0; i < s.n; i++)
		sb_free(&s.h[i].how);
	free(s.h);
	sb_free(&s.coll_how);
	sb_free(&s.float_how);
}
