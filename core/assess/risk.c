/*
 * risk.c — assess: the residual-risk register of SecNumCloud §5.3.d.
 *
 * Every non-EU nexus of the service becomes one entry (docs/checks.md
 * "Residual risks"): third parties seated or controlled outside the EU at
 * every level, whatever their declared data access (with the access path
 * their relationship opens, or the evidence shows); shareholders outside
 * the EU, even under the caps; links with non-EU public bodies; support
 * staff outside the EU; data stored or located outside the EU; traffic
 * served from anycast networks controlled outside the EU. Each entry
 * carries the laws of its country that reach it through its nexus (laws
 * catalogue), the data it can reach, the mitigations that name it (with
 * what each does on its access paths), the treatment recorded for it, and
 * a stable id made from the nexus, never from its rank.
 *
 * Scales (1-4). Likelihood: the highest of the applicable laws' own
 * ratings (2 when the catalogue has none for the country: to be assessed
 * by hand); for a shareholder, lowered by 2 for a minority stake without
 * board seats or veto, by 1 with them; then lowered by the mitigations
 * acting on the risk's access paths. Severity: the most sensitive data the
 * party can reach — customer data 4, technical data 3, metadata 2, none 1
 * — lowered by mitigations. Residual: likelihood x severity, 1-3 low, 4-6
 * medium, 8-12 high, 16 critical. Never below 1: a mitigation reduces a
 * risk, it does not remove it.
 */
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "evidence.h"
#include "graph.h"
#include "manifest.h"
#include "msg.h"
#include "policy.h"
#include "risk.h"
#include "sc-limits.h"
#include "util.h"

const char *const rk_kind_names[] = {"control", "ownership", "government", "staff",
	"location", "transit", NULL};

static void
risk_free(rk_risk *k)
{
	free(k->entity);
	free(k->basis);
	free(k->access);
	free(k->path);
	free(k->relationship);
	free(k->laws);
	free(k->likelihood_basis);
	free(k->severity_basis);
	msg_free(k->basis_m);
	msg_free(k->entity_m);
	msg_free(k->likelihood_m);
	msg_free(k->severity_m);
	free(k->mits);
	free(k->slug_src);
}

void
sc_risks_free(sc_risks *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++)
		risk_free(&rs->v[i]);
	free(rs->v);
	free(rs->unused);
	free(rs->stale);
	for (size_t i = 0; i < rs->nunsettled; i++)
		free(rs->unsettled[i].name);
	free(rs->unsettled);
	free(rs);
}

size_t
sc_risks_count(const sc_risks *rs)
{
	return rs ? rs->n : 0;
}

const rk_risk *
rk_find(const sc_risks *rs, const char *id)
{
	for (size_t i = 0; rs && id && i < rs->n; i++)
		if (strcmp(rs->v[i].id, id) == 0)
			return &rs->v[i];
	return NULL;
}

struct as {
	sc_risks *r;
	const sc_manifest *m;
	const sc_graph *g;
	const sc_laws *laws;
	const pk_set *eu27, *eu;
	size_t cap;
	bool oom;
};

static bool
outside(const pk_set *set, const char *cc)
{
	return cc != NULL && *cc != '\0' && !pk_set_has(set, cc);
}

static char *
xdup(struct as *a, const char *s)
{
	char *d = strdup(s ? s : "");
	if (d == NULL)
		a->oom = true;
	return d;
}

/* ------------------------------------------------------------ the entries */

/* A new entry (zeroed but for the identity), or NULL when out of memory. */
static rk_risk *
new_risk(struct as *a, rk_kind kind, const char *cc, const char *entity, const char *slug_src)
{
	sc_risks *r = a->r;
	if (r->n == a->cap) {
		size_t nc = a->cap ? a->cap * 2 : 8;
		rk_risk *p = realloc(r->v, nc * sizeof(*p));
		if (p == NULL) {
			a->oom = true;
			return NULL;
		}
		r->v = p;
		a->cap = nc;
	}
	rk_risk *k = &r->v[r->n++];
	memset(k, 0, sizeof(*k));
	k->kind = kind;
	memcpy(k->country, cc, 2);
	k->country[2] = '\0';
	k->entity = xdup(a, entity);
	k->slug_src = xdup(a, slug_src ? slug_src : entity);
	static const unsigned nexus[] = {
		[RK_CONTROL] = LW_NEXUS_CONTROL,
		[RK_OWNERSHIP] = LW_NEXUS_CONTROL,
		[RK_GOVERNMENT] = LW_NEXUS_CONTROL,
		/* staff working there, and the entity employing them there */
		[RK_STAFF] = LW_NEXUS_STAFF | LW_NEXUS_CONTROL,
		[RK_LOCATION] = LW_NEXUS_LOCATION,
		[RK_TRANSIT] = LW_NEXUS_LOCATION,
	};
	k->nexus = nexus[kind];
	return k;
}

static rk_risk *
find_risk(struct as *a, rk_kind kind, const char *cc, const mf_sub *sub, const sc_entity *ent,
          const char *slug_src)
{
	for (size_t i = 0; i < a->r->n; i++) {
		rk_risk *k = &a->r->v[i];
		if (k->kind != kind || strcmp(k->country, cc) != 0)
			continue;
		if ((sub && k->sub == sub) || (ent && k->ent == ent) ||
		    (!sub && !ent && !k->sub && !k->ent && slug_src &&
		     strcasecmp(k->slug_src, slug_src) == 0))
			return k;
	}
	return NULL;
}

/* Append "; text" to a field. */
static void
add_words(struct as *a, char **field, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	if (*field == NULL || **field == '\0') {
		free(*field);
		*field = xdup(a, text);
		return;
	}
	if (strstr(*field, text) != NULL)
		return;
	strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s; %s", *field, text);
	if (sb.oom) {
		a->oom = true;
		sb_free(&sb);
		return;
	}
	free(*field);
	*field = sb.s;
}

/* Add a basis (a message, taken) to a risk: its English text to k->basis,
 * the message to the list k->basis_m; one already there is not repeated. */
static void
add_basis(struct as *a, rk_risk *k, sc_msg *m)
{
	char *en = msg_string(SC_LANG_EN, m);
	if (en == NULL) {
		msg_free(m);
		a->oom = true;
		return;
	}
	if (k->basis && strstr(k->basis, en) != NULL) {
		free(en);
		msg_free(m);
		return;
	}
	add_words(a, &k->basis, en);
	free(en);
	if (k->basis_m == NULL && (k->basis_m = msg_new("risk.basis")) != NULL)
		msg_list(k->basis_m, "parts", ';');
	if (k->basis_m == NULL) {
		msg_free(m);
		a->oom = true;
		return;
	}
	msg_item_sub(k->basis_m, msg_list_of(k->basis_m, "parts"), m);
	if (k->basis_m->oom)
		a->oom = true;
}

static unsigned
class_bit(int cls)
{
	return cls < 0 ? 1u << MF_DATA_NONE : 1u << cls;
}

static int
class_of(unsigned data)
{
	for (int d = MF_DATA_CUSTOMER; d >= MF_DATA_NONE; d--)
		if (data & (1u << d))
			return d;
	return MF_DATA_NONE;
}

/* "software, updates" */
static char *
rel_words(struct as *a, unsigned rels)
{
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "");
	for (unsigned i = 0; i < MF_REL_COUNT; i++)
		if (rels & (1u << i))
			sb_printf(&sb, "%s%s", sb.len ? ", " : "", mf_rel_names[i]);
	if (sb.oom)
		a->oom = true;
	return sb.s;
}

static const char *sub_country(const struct as *a, const mf_sub *s, const graph_sub_view *v,
                               sc_msg **basis);
static void declared_sub(struct as *a, const mf_sub *x);

/* The party of a declared subcontractor: the country that reaches it
 * (its parent's when controlled from outside, else its seat's, else the
 * registry's when it has it controlled from outside: v), and the basis
 * saying so (*basis, a new message, or NULL). */
static const char *
sub_country(const struct as *a, const mf_sub *s, const graph_sub_view *v, sc_msg **basis)
{
	*basis = NULL;
	if (s->parent_country[0] && outside(a->eu27, s->parent_country)) {
		if (s->parent) {
			*basis = msg_new("risk.sub_controlled");
			msg_text(*basis, "parent", s->parent);
		} else {
			*basis = msg_new("risk.sub_controlled_parent");
		}
		msg_country(*basis, "country", s->parent_country);
		return s->parent_country;
	}
	if (outside(a->eu27, s->country)) {
		*basis = msg_new("risk.sub_seated");
		msg_country(*basis, "country", s->country);
		return s->country;
	}
	/* declared in the EU27, and the registry, knowing it, says otherwise:
	 * the worse of the two counts, as for §19.6.c */
	if (v->ent && v->from == 0) {
		const sc_entity *u = sc_entity_ultimate(v->ent);
		if (v->by && v->by_country) {
			*basis = msg_new("risk.sub_registry_held");
			msg_text(*basis, "holder", v->by);
			msg_text(*basis, "controller", sc_entity_name(u));
			msg_country(*basis, "country", v->by_country);
			return v->by_country;
		}
		*basis = msg_new("risk.sub_registry_controlled");
		msg_text(*basis, "controller", sc_entity_name(u));
		msg_country(*basis, "country", sc_entity_country(u));
		return sc_entity_country(u);
	}
	return NULL;
}

/* A party of unknown control, once by name. */
static void
add_unsettled(struct as *a, const char *name, bool observed)
{
	sc_risks *r = a->r;
	if (name == NULL)
		name = "?";
	for (size_t i = 0; i < r->nunsettled; i++)
		if (strcmp(r->unsettled[i].name, name) == 0)
			return;
	if (r->nunsettled >= SC_MAX_UNSETTLED) {
		r->unsettled_more++;
		return;
	}
	rk_unsettled *v = realloc(r->unsettled, (r->nunsettled + 1) * sizeof(*v));
	if (v == NULL) {
		a->oom = true;
		return;
	}
	r->unsettled = v;
	char *d = xdup(a, name);
	if (d == NULL)
		return;
	v[r->nunsettled++] = (rk_unsettled){d, observed};
}

static void
declared_sub(struct as *a, const mf_sub *x)
{
	sc_msg *basis;
	graph_sub_view v;
	graph_sub_registry(a->g ? a->g->reg : NULL, x, a->eu27, &v);
	const char *cc = sub_country(a, x, &v, &basis);
	/* seated in the EU27 and who controls it not established: whether a
	 * law from outside reaches it cannot be said (docs/checks.md) */
	if (cc == NULL && !outside(a->eu27, x->country) && !graph_sub_control_known(x, &v)) {
		bool merged = false;
		for (size_t i = 0; i < a->r->n && !merged; i++)
			merged = a->r->v[i].kind == RK_CONTROL && a->r->v[i].sub == x;
		if (!merged)
			add_unsettled(a, x->name, false);
	}
	/* An observed operator it declares, controlled outside the EU, makes a
	 * risk whatever the declaration says: that entry names it already. */
	rk_risk *k = NULL;
	for (size_t i = 0; i < a->r->n && k == NULL; i++)
		if (a->r->v[i].kind == RK_CONTROL && a->r->v[i].sub == x)
			k = &a->r->v[i];
	if (k == NULL && cc == NULL)
		return;
	if (k == NULL) {
		k = new_risk(a, RK_CONTROL, cc, x->name, x->name);
		if (k == NULL) {
			msg_free(basis);
			return;
		}
		k->sub = x;
		add_basis(a, k, basis);
	} else {
		msg_free(basis);
	}
	unsigned paths = x->rels ? ac_rel_paths(x->rels) : AC_BIT(AC_SERVICE);
	int reach = x->rels ? ac_rel_reach(x->rels) : 0;
	int cls = reach > (int)x->data_access ? reach : (int)x->data_access;
	k->paths |= paths;
	k->data |= class_bit(cls);
	if (x->rels && k->relationship == NULL)
		k->relationship = rel_words(a, x->rels);
	if (k->path == NULL) {
		strbuf sb;
		sb_init(&sb);
		sb_printf(&sb, "declared: %s (%s%s%sdata_access: %s)", x->name,
		          x->rels ? "relationship: " : "", k->relationship ? k->relationship : "",
		          x->rels ? "; " : "", mf_data_names[x->data_access]);
		k->path = sb.s;
		if (sb.oom)
			a->oom = true;
	}
}

/* Every declared subcontractor (any level) seated or controlled outside
 * the EU, or declaring an observed operator that is. */
static void
declared_subs(struct as *a, const mf_sub *subs, size_t n)
{
	for (size_t i = 0; i < n && !a->oom; i++) {
		const mf_sub *x = &subs[i];
		if (x->name != NULL)
			declared_sub(a, x);
		declared_subs(a, x->subs, x->nsubs);
	}
}

/* 1. Third parties: observed operators controlled outside the EU, merged
 * with the subcontractor entry that declares them; then every declared
 * subcontractor (any level) seated or controlled outside the EU. */
/* basis's {holder}: the holder that decides, and when it is a company
 * itself controlled from elsewhere, who controls it: "Fund Z, through
 * HoldCo Y" — the nexus is the country of the former. */
static void
holder_words(sc_msg *basis, const sc_holder *by, const graph_origin *org)
{
	if (!graph_origin_beyond(org, by)) {
		msg_text(basis, "holder", by->name);
		return;
	}
	sc_msg *t = msg_new("risk.holder_through");
	msg_text(t, "origin", org->name);
	msg_text(t, "holder", by->name);
	msg_sub(basis, "holder", t);
}

static void
third_parties(struct as *a)
{
	const sc_graph *g = a->g;
	for (size_t i = 0; g && i < g->nops; i++) {
		const gn_op *o = &g->ops[i];
		const sc_entity *u = o->ultimate;
		const char *cc = u ? sc_entity_country(u) : NULL;
		if (o->is_provider || (!o->cert_only && o->access == 0))
			continue;
		if (!o->cert_only && (cc == NULL || *cc == '\0')) {
			add_unsettled(a, o->declared_by ? o->declared_by->name : sc_entity_name(o->entity),
			              true);
			continue;
		}
		/* seated in the EU but held from outside it (§19.6.c): the nexus is
		 * the country of the holder that decides */
		const sc_holder *by = NULL;
		double out = 0;
		graph_origin org = {NULL, NULL};
		bool held_out = cc && *cc && !outside(a->eu27, cc) &&
		                graph_held_from(u, a->eu27, &by, &out) == GRAPH_HELD_OUT && by &&
		                graph_holder_stands(by, a->eu27, &org) == GRAPH_HELD_OUT &&
		                org.country && org.country[0];
		if (!held_out && !outside(a->eu27, cc))
			continue;
		const mf_sub *s = o->declared_by;
		sc_msg *basis;
		if (held_out) {
			basis = msg_new(u == o->entity ? "risk.observed_held_self" :
			                "risk.observed_held");
			if (u != o->entity)
				msg_text(basis, "controller", sc_entity_name(u));
			msg_country(basis, "seat", cc);
			holder_words(basis, by, &org);
			cc = org.country;
		} else if (u != o->entity) {
			basis = msg_new("risk.observed_controlled");
			msg_text(basis, "controller", sc_entity_name(u));
		} else {
			basis = msg_new("risk.observed_seated");
		}
		msg_country(basis, "country", cc);
		rk_risk *k = find_risk(a, RK_CONTROL, cc, s, s ? NULL : o->entity, NULL);
		if (k == NULL) {
			k = new_risk(a, RK_CONTROL, cc, s ? s->name : sc_entity_name(o->entity),
			             s ? s->name : sc_entity_id(o->entity));
			if (k == NULL) {
				msg_free(basis);
				return;
			}
			k->sub = s;
			k->ent = o->entity;
		}
		k->observed = true;
		add_basis(a, k, basis);
		if (o->best_path && k->path == NULL)
			k->path = xdup(a, o->best_path);
		k->paths |= o->access;
		k->data |= o->cert_only ? 1u << MF_DATA_NONE : class_bit(o->best_data);
	}
	/* addresses on a data path whose operator the registry does not know
	 * (its AS organisation, else the address, names it) */
	for (size_t i = 0; g && i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		if (strcmp(d->kind, "ip") == 0 && (d->data & ~(1u << MF_DATA_NONE)) &&
		    (d->operator == NULL || d->controller == NULL))
			add_unsettled(a, d->operator_name ? d->operator_name : d->subject, true);
	}
	declared_subs(a, a->m->subs, a->m->nsubs);
}

/* 2. Shareholders outside the EU at every level, even under the caps. */
struct holder_walk {
	struct as *a;
	const pk_set *set;
};

static void
holders(struct holder_walk *w, const mf_holder *hs, size_t n, double pcap, double pvot,
        const char *via, unsigned depth)
{
	struct as *a = w->a;
	if (depth > SC_MAX_SHAREHOLDER_DEPTH)
		return;
	for (size_t i = 0; i < n && !a->oom; i++) {
		const mf_holder *h = &hs[i];
		if (h->name == NULL)
			continue;
		double cap = (h->has_capital ? h->capital : h->voting) * pcap / 100.0;
		double vot = (h->has_voting ? h->voting : h->capital) * pvot / 100.0;
		if (!h->is_float && outside(w->set, h->country)) {
			rk_risk *k = find_risk(a, RK_OWNERSHIP, h->country, NULL, NULL, h->name);
			if (k == NULL && (k = new_risk(a, RK_OWNERSHIP, h->country, h->name, h->name)) == NULL)
				return;
			char c[32], v[32];
			util_fmt_pct(c, sizeof(c), cap);
			util_fmt_pct(v, sizeof(v), vot);
			/* "shareholder seated in US: 20 % of the capital, 20 % of
			 * the voting rights through X, veto right, appoints 1
			 * board seat" */
			sc_msg *b = msg_new("risk.holder");
			msg_items *parts = msg_list(b, "parts", ',');
			sc_msg *first = msg_new("risk.shareholder");
			msg_country(first, "country", h->country);
			msg_pct(first, "capital", c);
			msg_pct(first, "voting", v);
			if (*via) {
				sc_msg *t = msg_new("risk.shareholder.via");
				msg_sub(t, "first", first);
				sc_msg *th = msg_new("risk.shareholder.through");
				msg_text(th, "via", via);
				msg_sub(t, "through", th);
				first = t;
			}
			msg_item_sub(b, parts, first);
			if (h->veto)
				msg_item_sub(b, parts, msg_new("risk.shareholder.veto"));
			if (h->has_board_seats && h->board_seats > 0) {
				sc_msg *se = msg_new("risk.shareholder.seats");
				msg_num(se, "n", h->board_seats);
				msg_item_sub(b, parts, se);
			}
			add_basis(a, k, b);
			k->paths |= AC_BIT(AC_INFLUENCE);
			/* Reach: information rights (metadata about the business);
			 * technical data with board seats or a veto. */
			bool seats = (h->has_board_seats && h->board_seats > 0) || h->veto;
			k->data |= seats ? 1u << MF_DATA_TECHNICAL : 1u << MF_DATA_METADATA;
			if (k->path == NULL) {
				strbuf p;
				sb_init(&p);
				sb_printf(&p, "declared: provider.shareholders%s%s → %s", *via ? " → " : "",
				          via, h->name);
				k->path = p.s;
			}
			/* A holder with the majority of the votes is a controller,
			 * not a minority. */
			if (vot > 50.0 + 1e-9) {
				add_basis(a, k, msg_new("risk.controls_provider"));
				k->controls = true;
			}
		}
		if (h->nholders) {
			char sub[1024];
			snprintf(sub, sizeof(sub), "%s%s%s", via, *via ? " → " : "", h->name);
			holders(w, h->holders, h->nholders, cap, vot, sub, depth + 1);
		}
	}
}

/* 2b. Holders the registry records for the provider (standing on the
 * evaluation date) outside the EU27 that the declaration does not name:
 * an ownership nexus all the same (§19.6.b judges the declaration). */
static void
registry_holders(struct as *a)
{
	const sc_entity *known = a->g ? a->g->provider : NULL;
	const mf_provider *p = &a->m->provider;
	for (size_t i = 0; i < sc_entity_holder_count(known) && !a->oom; i++) {
		const sc_holder *h = sc_entity_holder(known, i);
		/* a company seated in the EU27 but controlled from outside it
		 * holds from there */
		graph_origin org;
		if (graph_holder_stands(h, a->eu27, &org) != GRAPH_HELD_OUT || org.country == NULL ||
		    !org.country[0])
			continue;
		/* a holder the declaration names counts as declared, unless the
		 * registry has it controlled from outside and the declaration does
		 * not show it: the entry is then the controller's */
		const mf_holder *d = graph_declared_holder(p->holders, p->nholders, h);
		if (d && graph_declared_held_out(d, a->eu27))
			continue;
		const char *cc = org.country;
		const char *who = d && org.name ? org.name : h->name;
		rk_risk *k = find_risk(a, RK_OWNERSHIP, cc, NULL, NULL, who);
		if (k == NULL && (k = new_risk(a, RK_OWNERSHIP, cc, who, who)) == NULL)
			return;
		bool self = !graph_origin_beyond(&org, h);
		sc_msg *b = msg_new(d ? self ? "risk.registry_holder_elsewhere" :
		                    "risk.registry_holder_unshown" : "risk.registry_holder");
		msg_text(b, "entity", sc_entity_name(known));
		if (d)
			msg_text(b, "holder", h->name);
		msg_country(b, "country", d && self ? d->country : h->country);
		/* the source of the link that leads outside: for a declared holder,
		 * the company's own link; else the provider's holders */
		const char *src = d && h->entity ? graph_holder_link_source(h) :
		                  sc_entity_source_of(known, "holders");
		msg_text(b, "source", src ? src : "?");
		add_basis(a, k, b);
		if (d == NULL && !self) {
			sc_msg *t = msg_new("risk.holder_controlled");
			msg_text(t, "origin", org.name);
			msg_country(t, "country", cc);
			add_basis(a, k, t);
		}
		k->paths |= AC_BIT(AC_INFLUENCE);
		bool ctl = h->controlling || graph_holder_share(h) > 50.0 + 1e-9;
		k->data |= ctl ? 1u << MF_DATA_TECHNICAL : 1u << MF_DATA_METADATA;
		if (k->path == NULL) {
			strbuf pa;
			sb_init(&pa);
			sb_printf(&pa, "registry: %s → holders → %s%s%s", sc_entity_id(known), h->name,
			          strcmp(who, h->name) != 0 ? " → " : "", strcmp(who, h->name) != 0 ? who : "");
			k->path = pa.s;
		}
		if (ctl) {
			add_basis(a, k, msg_new("risk.controls_provider"));
			k->controls = true;
		}
	}
}

/* 3. Government links, support staff, data locations, anycast transit. */
static void
declared_nexuses(struct as *a)
{
	const sc_manifest *m = a->m;
	for (size_t i = 0; i < m->provider.ngovlinks; i++) {
		const mf_govlink *gl = &m->provider.govlinks[i];
		if (!outside(a->eu27, gl->country))
			continue;
		char who[300];
		snprintf(who, sizeof(who), "public body of %s", gl->country);
		rk_risk *k = new_risk(a, RK_GOVERNMENT, gl->country, who,
		                      gl->description ? gl->description : who);
		if (k == NULL)
			return;
		add_basis(a, k, msg_new("risk.gov_link"));
		if (k->entity_m == NULL && (k->entity_m = msg_new("risk.public_body")) != NULL)
			msg_country(k->entity_m, "country", gl->country);
		k->path = xdup(a, gl->description ? gl->description : "provider.government_links");
		k->paths = AC_BIT(AC_INFLUENCE);
		k->data = 1u << MF_DATA_TECHNICAL;
	}
	for (size_t i = 0; i < m->nsupport; i++) {
		const mf_support *s = &m->support[i];
		if (!outside(a->eu, s->country))
			continue;
		char who[128];
		snprintf(who, sizeof(who), "support staff in %s", s->country);
		rk_risk *k = find_risk(a, RK_STAFF, s->country, NULL, NULL, "support");
		if (k == NULL && (k = new_risk(a, RK_STAFF, s->country, who, "support")) == NULL)
			return;
		sc_msg *basis = msg_new("risk.support");
		msg_country(basis, "country", s->country);
		add_basis(a, k, basis);
		if (k->entity_m == NULL && (k->entity_m = msg_new("risk.support_staff")) != NULL)
			msg_country(k->entity_m, "country", s->country);
		strbuf p;
		sb_init(&p);
		sb_printf(&p, "declared: locations.support %s", s->country);
		for (size_t j = 0; j < s->operations.n; j++)
			sb_printf(&p, "%s%s", j ? ", " : " (", s->operations.v[j]);
		if (s->operations.n)
			sb_puts(&p, ")");
		if (s->supervision)
			sb_printf(&p, "; supervision: %s%s", s->supervision,
			          s->supervision_in_place ? "" : " (not in place)");
		if (k->path == NULL)
			k->path = p.s;
		else
			sb_free(&p);
		k->paths |= AC_BIT(AC_STAFF);
		k->data |= 1u << s->data_access;
	}
	for (size_t i = 0; i < m->nsites; i++) {
		const mf_site *st = &m->sites[i];
		if (!outside(a->eu, st->country))
			continue;
		rk_risk *k = new_risk(a, RK_LOCATION, st->country, st->site ? st->site : "data site",
		                      st->site ? st->site : "site");
		if (k == NULL)
			return;
		sc_msg *basis = msg_new("risk.site");
		msg_country(basis, "country", st->country);
		add_basis(a, k, basis);
		k->path = xdup(a, "declared: locations.data");
		k->paths = AC_BIT(AC_PHYSICAL);
		k->data = st->holds & (MF_HOLDS_BIT(MF_HOLDS_CUSTOMER) | MF_HOLDS_BIT(MF_HOLDS_BACKUP)) ?
		          1u << MF_DATA_CUSTOMER : st->holds & MF_HOLDS_BIT(MF_HOLDS_TECHNICAL) ?
		          1u << MF_DATA_TECHNICAL : 1u << MF_DATA_METADATA;
	}
}

static void
observed_locations(struct as *a)
{
	const sc_graph *g = a->g;
	for (size_t i = 0; g && i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		unsigned data = d->data & ~(1u << MF_DATA_NONE);
		if (strcmp(d->kind, "ip") != 0 || data == 0)
			continue;
		const char *opname = d->operator ? sc_entity_name(d->operator) :
		                     d->operator_name ? d->operator_name : "unknown operator";
		const char *slug = d->operator ? sc_entity_id(d->operator) : opname;
		if (d->anycast) {
			/* Served from points of presence worldwide: the traffic may pass
			 * where its operator's country intercepts abroad. */
			const char *cc = d->controller ? sc_entity_country(d->controller) : NULL;
			if (!(data & ((1u << MF_DATA_CUSTOMER) | (1u << MF_DATA_TECHNICAL))) ||
			    !outside(a->eu27, cc))
				continue;
			rk_risk *k = find_risk(a, RK_TRANSIT, cc, NULL, d->operator, slug);
			if (k == NULL) {
				k = new_risk(a, RK_TRANSIT, cc, opname, slug);
				if (k == NULL)
					return;
				k->ent = d->operator;
				sc_msg *basis = msg_new("risk.anycast");
				msg_country(basis, "country", cc);
				add_basis(a, k, basis);
				k->path = xdup(a, d->path ? d->path : d->subject);
			}
			k->observed = true;
			k->paths |= AC_BIT(AC_TRANSIT);
			k->data |= class_bit(class_of(data));
			continue;
		}
		if (!d->location[0] || !outside(a->eu, d->location))
			continue;
		rk_risk *k = find_risk(a, RK_LOCATION, d->location, NULL, d->operator, slug);
		if (k == NULL) {
			k = new_risk(a, RK_LOCATION, d->location, opname, slug);
			if (k == NULL)
				return;
			k->ent = d->operator;
			sc_msg *basis = msg_new("risk.located");
			msg_country(basis, "country", d->location);
			add_basis(a, k, basis);
			k->path = xdup(a, d->path ? d->path : d->subject);
		}
		k->observed = true;
		k->paths |= AC_BIT(AC_PHYSICAL);
		int cls = class_of(data);
		if (cls > class_of(k->data)) {
			free(k->path);
			k->path = xdup(a, d->path ? d->path : d->subject);
		}
		k->data |= class_bit(cls);
	}
}

/* ------------------------------------------------------- scoring, ids */

static const char *
residual_of(long score)
{
	return score >= 16 ? "critical" : score >= 8 ? "high" : score >= 4 ? "medium" : "low";
}

/* Lower-case ASCII, other characters as '-', accents dropped (UTF-8 Latin-1
 * letters), at most 40 characters cut at a '-'. */
static void
slugify(const char *s, char *out, size_t n)
{
	static const char latin1[] =  /* U+00C0..U+00FF */
		"aaaaaaaceeeeiiiidnooooo-ouuuuyts" "aaaaaaaceeeeiiiidnooooo-ouuuuyty";
	size_t o = 0;
	bool dash = true;
	for (const unsigned char *p = (const unsigned char *)s; *p && o + 1 < n && o < 40; p++) {
		char c = 0;
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			c = (char)*p;
		else if (*p >= 'A' && *p <= 'Z')
			c = (char)(*p - 'A' + 'a');
		else if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
			c = latin1[p[1] - 0x80 + 0x00];
			p++;
		}
		if (c == 0 || c == '-') {
			if (!dash)
				out[o++] = '-';
			dash = true;
			continue;
		}
		out[o++] = c;
		dash = false;
	}
	while (o > 0 && out[o - 1] == '-')
		o--;
	if (o == 0)
		out[o++] = 'x';
	out[o] = '\0';
}

static bool
names_party(const rk_risk *k, const char *name)
{
	if (strcmp(name, "*") == 0 || strcasecmp(name, k->entity) == 0 ||
	    strcmp(name, k->id) == 0 || strcasecmp(name, k->slug_src) == 0)
		return true;
	if (k->sub && k->sub->name && strcasecmp(name, k->sub->name) == 0)
		return true;
	if (k->ent && (strcasecmp(name, sc_entity_name(k->ent)) == 0 ||
	               strcasecmp(name, sc_entity_id(k->ent)) == 0))
		return true;
	for (size_t i = 0; k->ent && i < sc_entity_alias_count(k->ent); i++)
		if (strcasecmp(name, sc_entity_alias(k->ent, i)) == 0)
			return true;
	return false;
}

static void
score(struct as *a, rk_risk *k)
{
	long lik = 0;
	/* likelihood_m, severity_m: "risk.parts" lists of messages joined by
	 * "; "; the English texts are rendered from them at the end. */
	sc_msg *lm = msg_new("risk.parts"), *sm = msg_new("risk.parts");
	msg_items *lp = msg_list(lm, "parts", ';'), *sp = msg_list(sm, "parts", ';');
	sc_msg *laws = msg_new("risk.lik.laws");
	msg_items *lawl = msg_list(laws, "laws", ',');
	for (size_t i = 0; a->laws && i < a->laws->n; i++) {
		const lw_law *w = &a->laws->laws[i];
		if (strcmp(w->country, k->country) != 0 || !(w->nexus & k->nexus))
			continue;
		const lw_law **p = realloc(k->laws, (k->nlaws + 1) * sizeof(*p));
		if (p == NULL) {
			a->oom = true;
			break;
		}
		k->laws = p;
		p[k->nlaws++] = w;
		if (w->likelihood > lik)
			lik = w->likelihood;
		sc_msg *one = msg_new("risk.lik.law");
		msg_text(one, "law", w->id);
		msg_num(one, "n", w->likelihood);
		msg_item_sub(laws, lawl, one);
	}
	if (k->nlaws == 0) {
		lik = 2;
		msg_free(laws);
		laws = msg_new("risk.lik.default");
		msg_country(laws, "country", k->country);
	} else {
		msg_num(laws, "max", lik);
	}
	msg_item_sub(lm, lp, laws);
	if (k->kind == RK_OWNERSHIP && !k->controls) {
		bool seats = (k->data & (1u << MF_DATA_TECHNICAL)) != 0;
		long red = seats ? 1 : 2;
		sc_msg *mi = msg_new(seats ? "risk.lik.minority_seats" : "risk.lik.minority");
		msg_num(mi, "n", red);
		msg_item_sub(lm, lp, mi);
		lik -= red;
	}
	int cls = class_of(k->data);
	long sev = cls + 1;
	static const char *const sev_words[] = {"0", "1", "2", "3"};
	sc_msg *sv = msg_new("risk.sev");
	msg_word(sv, "class", "sev", sev_words[cls]);
	msg_item_sub(sm, sp, sv);
	/* Mitigations that name the party: each acts only on its access paths. */
	for (size_t i = 0; i < a->m->nmitigations; i++) {
		const mf_mitigation *mi = &a->m->mitigations[i];
		bool applies = false;
		for (size_t j = 0; j < mi->applies_to.n && !applies; j++)
			applies = names_party(k, mi->applies_to.v[j]);
		if (!applies || mi->id == NULL)
			continue;
		const ac_effect *ef = ac_mkind_effect(mi->kind);
		bool acts = (ef->relevant & k->paths) != 0;
		rk_mit *p = realloc(k->mits, (k->nmits + 1) * sizeof(*p));
		if (p == NULL) {
			a->oom = true;
			break;
		}
		k->mits = p;
		p[k->nmits].m = mi;
		p[k->nmits].acts = acts;
		k->nmits++;
		const char *kind = mi->kind == MF_MKIND_NONE ? "none" : mf_mkind_names[mi->kind];
		sc_msg *x;
		if (!acts) {
			x = msg_new(mi->kind == MF_MKIND_NONE ? "risk.mit.no_kind" : "risk.mit.no_effect");
			msg_text(x, "id", mi->id);
			msg_word(x, "kind", "mkind", kind);
			msg_item_sub(lm, lp, x);
			continue;
		}
		if (ef->likelihood) {
			lik -= ef->likelihood;
			x = msg_new("risk.mit.lowers");
			msg_num(x, "n", ef->likelihood);
			msg_text(x, "id", mi->id);
			msg_word(x, "kind", "mkind", kind);
			msg_item_sub(lm, lp, x);
		}
		if (ef->severity) {
			sev -= ef->severity;
			x = msg_new("risk.mit.lowers");
			msg_num(x, "n", ef->severity);
			msg_text(x, "id", mi->id);
			msg_word(x, "kind", "mkind", kind);
			msg_item_sub(sm, sp, x);
		}
		if (!ef->likelihood && !ef->severity) {
			x = msg_new("risk.mit.nothing");
			msg_text(x, "id", mi->id);
			msg_word(x, "kind", "mkind", kind);
			msg_item_sub(lm, lp, x);
		}
	}
	k->likelihood = lik < 1 ? 1 : lik;
	k->severity = sev < 1 ? 1 : sev;
	k->score = k->likelihood * k->severity;
	k->residual = residual_of(k->score);
	k->likelihood_m = lm;
	k->severity_m = sm;
	k->likelihood_basis = msg_string(SC_LANG_EN, lm);
	k->severity_basis = msg_string(SC_LANG_EN, sm);
	if (!k->likelihood_basis || !k->severity_basis)
		a->oom = true;
	strbuf aw;
	sb_init(&aw);
	sb_puts(&aw, "");
	for (unsigned p = 0; p < AC_PATH_COUNT; p++)
		if (k->paths & AC_BIT(p)) {
			char key[48];
			snprintf(key, sizeof(key), "pathwords:%s", ac_path_names[p]);
			const char *w = msg_word_text(SC_LANG_EN, key);
			sb_printf(&aw, "%s%s", aw.len ? "; " : "", w ? w : ac_path_names[p]);
		}
	k->access = aw.s;
	if (aw.oom || k->access == NULL)
		a->oom = true;
}

static int
id_cmp(const void *p, const void *q)
{
	const rk_risk *x = p, *y = q;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return strcmp(x->basis ? x->basis : "", y->basis ? y->basis : "");
}

static int
risk_cmp(const void *p, const void *q)
{
	const rk_risk *x = p, *y = q;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Ids from the nexus: R-CC-slug-kind; two parties that would share one
 * (same country, kind and name) are told apart by -2, -3 in the order of
 * their basis — stable while neither changes. */
static void
assign_ids(sc_risks *r)
{
	for (size_t i = 0; i < r->n; i++) {
		rk_risk *k = &r->v[i];
		char slug[64];
		slugify(k->slug_src, slug, sizeof(slug));
		snprintf(k->id, sizeof(k->id), "R-%s-%s-%s", k->country, slug, rk_kind_names[k->kind]);
	}
	if (r->n > 1)
		qsort(r->v, r->n, sizeof(*r->v), id_cmp);
	size_t first = 0;
	for (size_t i = 1; i < r->n; i++) {
		if (strcmp(r->v[i].id, r->v[first].id) != 0) {
			first = i;
			continue;
		}
		char suffix[24];
		snprintf(suffix, sizeof(suffix), "-%zu", i - first + 1);
		size_t len = strlen(r->v[i].id);
		if (len + strlen(suffix) < sizeof(r->v[i].id))
			memcpy(r->v[i].id + len, suffix, strlen(suffix) + 1);
	}
}

/* The register's digest: what it says, not how it was found (docs/outputs.md). */
static bool
digest(sc_risks *r)
{
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "sovcheck-register 1\n");
	/* in id order, whatever the display order */
	const rk_risk **v = r->n ? malloc(r->n * sizeof(*v)) : NULL;
	if (r->n && v == NULL)
		return false;
	for (size_t i = 0; i < r->n; i++)
		v[i] = &r->v[i];
	for (size_t i = 1; i < r->n; i++)
		for (size_t j = i; j > 0 && strcmp(v[j - 1]->id, v[j]->id) > 0; j--) {
			const rk_risk *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (size_t i = 0; i < r->n; i++) {
		const rk_risk *k = v[i];
		sb_printf(&sb, "%s|%s|%s|%s|%u|%u|", k->id, k->entity, k->country,
		          rk_kind_names[k->kind], k->paths, k->data);
		for (size_t j = 0; j < k->nlaws; j++)
			sb_printf(&sb, "%s%s", j ? "," : "", k->laws[j]->id);
		sb_printf(&sb, "|%ld|%ld|", k->likelihood, k->severity);
		for (size_t j = 0; j < k->nmits; j++)
			sb_printf(&sb, "%s%s", j ? "," : "", k->mits[j].m->id);
		sb_puts(&sb, "\n");
	}
	free(v);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdn = 0;
	bool ok = !sb.oom && EVP_Digest(sb.s, sb.len, md, &mdn, EVP_sha256(), NULL) == 1;
	sb_free(&sb);
	if (!ok)
		return false;
	memcpy(r->digest, "sha256:", 7);
	for (unsigned i = 0; i < mdn && i < 32; i++)
		snprintf(r->digest + 7 + 2 * i, 3, "%02x", md[i]);
	return true;
}

/* Treatments to risks; mitigations and treatments that name nothing. */
static void
link_decisions(struct as *a)
{
	sc_risks *r = a->r;
	const sc_manifest *m = a->m;
	for (size_t i = 0; i < m->ntreatments; i++) {
		const mf_treatment *t = &m->treatments[i];
		rk_risk *k = NULL;
		for (size_t j = 0; j < r->n && k == NULL; j++)
			if (strcmp(r->v[j].id, t->risk ? t->risk : "") == 0)
				k = &r->v[j];
		if (k) {
			k->treatment = t;
			continue;
		}
		const mf_treatment **p = realloc(r->stale, (r->nstale + 1) * sizeof(*p));
		if (p == NULL) {
			a->oom = true;
			return;
		}
		r->stale = p;
		p[r->nstale++] = t;
	}
	for (size_t i = 0; i < m->nmitigations; i++) {
		const mf_mitigation *mi = &m->mitigations[i];
		bool used = false;
		for (size_t k = 0; k < r->n && !used; k++)
			for (size_t j = 0; j < r->v[k].nmits && !used; j++)
				used = r->v[k].mits[j].m == mi;
		if (used)
			continue;
		const mf_mitigation **p = realloc(r->unused, (r->nunused + 1) * sizeof(*p));
		if (p == NULL) {
			a->oom = true;
			return;
		}
		r->unused = p;
		p[r->nunused++] = mi;
	}
}

sc_status
sc_assess(const sc_manifest *m, const sc_pack *pack, const sc_graph *g, const sc_laws *laws,
          sc_risks **ret, sc_err *err)
{
	if (m == NULL || ret == NULL)
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "usage", "sc_assess: NULL argument");
	sc_risks *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	struct as a = {r, m, g, laws, NULL, NULL, 0, false};
	if (pack) {
		a.eu27 = pk_find_set(pack, "EU27");
		a.eu = pk_find_set(pack, "EU");
	}
	if (a.eu27 == NULL || a.eu == NULL) {
		sc_risks_free(r);
		return util_err(err, SC_ERR_INVALID, NULL, 0, 0, "pack",
		                "the pack's country sets define no EU27 and EU sets");
	}
	r->laws = laws;
	r->observed_evidence = g && g->ev && (sc_evidence_has_dns(g->ev) || sc_evidence_has_tls(g->ev));
	third_parties(&a);
	struct holder_walk w = {&a, a.eu27};
	if (!a.oom)
		holders(&w, m->provider.holders, m->provider.nholders, 100, 100, "", 1);
	if (!a.oom)
		registry_holders(&a);
	if (!a.oom)
		declared_nexuses(&a);
	if (!a.oom)
		observed_locations(&a);
	if (!a.oom)
		assign_ids(r);
	for (size_t i = 0; !a.oom && i < r->n; i++)
		score(&a, &r->v[i]);
	if (!a.oom)
		link_decisions(&a);
	if (!a.oom && !digest(r))
		a.oom = true;
	if (a.oom) {
		sc_risks_free(r);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	if (r->n > 1)
		qsort(r->v, r->n, sizeof(*r->v), risk_cmp);
	*ret = r;
	return SC_OK;
}
