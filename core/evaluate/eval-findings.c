/*
 * eval-findings.c — what every check of the evaluate stage uses to record
 * its findings (eval-internal.h): adding a finding with its reason, the
 * computation behind a number and the evidence it cites, and the small
 * words and dates reasons are made of.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eval-internal.h"

/* ------------------------------------------------------------- building */


/* A new finding of the current requirement, its reason the text given
 * (NULL: its message, set by the caller, says it). */
static rs_finding *
add_finding(struct eval_ctx *e, const char *subject, sc_verdict v, rs_origin origin,
            const char *reason)
{
	rs_req *q = e->cur;
	/* The finding before this one is complete (a check may still add to a
	 * message it has just filed, never to an earlier one): its message
	 * becomes one read-only block, so that a check filing a finding per
	 * endpoint never holds all their loose trees. */
	if (q->n > 0)
		q->f[q->n - 1].msg = msg_pack(q->f[q->n - 1].msg);
	if (q->n == q->cap) {
		size_t nc = q->cap ? q->cap * 2 : 8;
		rs_finding *p = realloc(q->f, nc * sizeof(*p));
		if (p == NULL) {
			e->oom = true;
			return NULL;
		}
		q->f = p;
		q->cap = nc;
	}
	rs_finding *f = &q->f[q->n];
	memset(f, 0, sizeof(*f));
	/* Exact sizes: a finding per endpoint and requirement is kept until
	 * the documents are written. */
	f->subject = util_strpool_get(e->r->strs, subject ? subject : "");
	f->reason = reason ? strdup(reason) : NULL;
	f->verdict = v;
	f->origin = origin;
	f->factor = e->factor;
	if (f->subject == NULL || (reason != NULL && f->reason == NULL)) {
		free(f->reason);
		e->oom = true;
		return NULL;
	}
	q->n++;
	return f;
}

rs_finding *
eval_add(struct eval_ctx *e, const char *subject, sc_verdict v, rs_origin origin,
    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char small[4096];
	vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	return add_finding(e, subject, v, origin, small);
}

rs_finding *
eval_addm(struct eval_ctx *e, const char *subject, sc_verdict v, rs_origin origin, sc_msg *m)
{
	/* Its English sentence is rendered from the message when written. */
	if (m == NULL || m->oom) {
		msg_free(m);
		e->oom = true;
		return NULL;
	}
	rs_finding *f = add_finding(e, subject, v, origin, NULL);
	if (f == NULL) {
		msg_free(m);
		return NULL;
	}
	f->msg = m;
	return f;
}

void
eval_msg_mask(sc_msg *m, const char *name, const char *vocab, unsigned mask,
              const char *const *names, char join)
{
	msg_items *l = msg_list(m, name, join);
	for (unsigned i = 0; names[i]; i++)
		if (mask & (1u << i))
			msg_item_word(m, l, vocab, names[i]);
}

void
eval_msg_set(sc_msg *m, const pk_check *c)
{
	msg_word(m, "set", "set", eval_set_id(c));
}

void
eval_set_computation(struct eval_ctx *e, rs_finding *f, const strbuf *sb)
{
	if (f == NULL || sb->s == NULL)
		return;
	f->computation = strdup(sb->s);
	if (f->computation == NULL)
		e->oom = true;
}

/* Append an evidence id to a finding; sc_eval() sorts and de-duplicates
 * every finding's list once at the end (linear appends, no quadratic scan
 * for an operator cited by thousands of paths). */
void
eval_add_evidence(struct eval_ctx *e, rs_finding *f, const char *id)
{
	if (f == NULL || id == NULL)
		return;
	if (f->nevidence == 0 || (f->nevidence >= 4 && (f->nevidence & (f->nevidence - 1)) == 0)) {
		size_t cap = f->nevidence ? f->nevidence * 2 : 4;
		const char **p = realloc(f->evidence, cap * sizeof(char *));
		if (p == NULL) {
			e->oom = true;
			return;
		}
		f->evidence = p;
	}
	const char *d = util_strpool_get(e->r->strs, id);
	if (d == NULL) {
		e->oom = true;
		return;
	}
	f->evidence[f->nevidence++] = d;
}

void
eval_add_evidence_list(struct eval_ctx *e, rs_finding *f, const char *const *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		eval_add_evidence(e, f, ids[i]);
}

/* Describe a country set briefly for messages: "EU" / "EU27". */
const char *
eval_set_id(const pk_check *c)
{
	return c->set ? c->set->id : "?";
}

/* ------------------------------------------------- access paths (19.6.c) */

bool
eval_mitigation_names(const mf_mitigation *mi, const char *const *names, size_t nnames,
                      const sc_entity *ent)
{
	for (size_t j = 0; j < mi->applies_to.n; j++) {
		const char *a = mi->applies_to.v[j];
		if (strcmp(a, "*") == 0)
			return true;
		for (size_t k = 0; k < nnames; k++)
			if (names[k] && strcasecmp(a, names[k]) == 0)
				return true;
		if (ent && (strcasecmp(a, sc_entity_name(ent)) == 0 ||
		            strcasecmp(a, sc_entity_id(ent)) == 0))
			return true;
		for (size_t k = 0; ent && k < sc_entity_alias_count(ent); k++)
			if (strcasecmp(a, sc_entity_alias(ent, k)) == 0)
				return true;
	}
	return false;
}

/* The access paths of a declared subcontractor that reach data: those of
 * its relationships that reach data by themselves (software, hosting…),
 * and, when it declares access to data, every path it has. */
unsigned
eval_sub_paths(const mf_sub *s)
{
	unsigned reaching = 0, all = 0;
	for (unsigned r = 0; r < MF_REL_COUNT; r++) {
		if (!(s->rels & (1u << r)))
			continue;
		unsigned p = ac_rel_paths(1u << r);
		all |= p;
		if (ac_rel_reach(1u << r) > MF_DATA_NONE)
			reaching |= p;
	}
	if (s->data_access != MF_DATA_NONE)
		reaching |= s->rels ? all & ~AC_BIT(AC_ISSUANCE) : AC_BIT(AC_SERVICE);
	return reaching;
}

const sc_entity *
eval_sub_entity(const struct eval_ctx *e, const mf_sub *s)
{
	const sc_graph *g = e->o->graph;
	return g && g->reg && s->name ? sc_registry_find(g->reg, s->name) : NULL;
}

/* The registry's reading of s, when the run has a graph (and so a
 * registry). */
static void
sub_view(const struct eval_ctx *e, const mf_sub *s, const pk_set *set, graph_sub_view *v)
{
	const sc_graph *g = e->o->graph;
	graph_sub_registry(g ? g->reg : NULL, s, set, v);
}

sc_msg *
eval_sub_registry_outside(const struct eval_ctx *e, const mf_sub *s, const pk_set *set)
{
	graph_sub_view v;
	sub_view(e, s, set, &v);
	if (v.ent == NULL || v.from != 0)
		return NULL;
	const sc_entity *u = sc_entity_ultimate(v.ent);
	sc_msg *y;
	if (v.by) {
		y = msg_new("sub.registry_held");
		msg_text(y, "holder", v.by);
		msg_country(y, "country", v.by_country ? v.by_country : "??");
		msg_text(y, "controller", sc_entity_name(u));
	} else {
		y = msg_new("sub.registry_controlled");
		msg_text(y, "controller", sc_entity_name(u));
		msg_country(y, "country", sc_entity_country(u));
	}
	return y;
}

sc_msg *
eval_sub_control_unknown(const struct eval_ctx *e, const mf_sub *s, const pk_set *set)
{
	graph_sub_view v;
	sub_view(e, s, set, &v);
	if (graph_sub_control_known(s, &v))
		return NULL;
	if (v.ent != NULL) {
		const sc_entity *u = sc_entity_ultimate(v.ent);
		sc_msg *y = msg_new("sub.control_registry_open");
		msg_text(y, "entity", sc_entity_name(u ? u : v.ent));
		return y;
	}
	const sc_graph *g = e->o->graph;
	sc_msg *y = msg_new(g && g->reg ? "sub.control_unknown" : "sub.control_undeclared");
	const sc_entity *u = v.like ? sc_entity_ultimate(v.like) : NULL;
	const char *cc = u ? sc_entity_country(u) : NULL;
	if (cc && *cc) {
		sc_msg *h = msg_new("sub.control_like");
		msg_text(h, "entity", sc_entity_name(v.like));
		msg_country(h, "country", cc);
		msg_sub(y, "like", h);
	} else {
		msg_text(y, "like", "");
	}
	return y;
}

static size_t
control_warnings(const sc_manifest *m, const mf_sub *s, size_t n, const sc_registry *reg,
                 const pk_set *eu, sc_diags *diags, unsigned depth)
{
	size_t k = 0;
	const char *file = m->path ? m->path : "manifest";
	for (size_t i = 0; i < n && depth <= SC_MAX_SUBCONTRACTOR_DEPTH; i++) {
		graph_sub_view v;
		graph_sub_registry(reg, &s[i], eu, &v);
		bool seat_in = pk_set_has(eu, s[i].country);
		bool declared_in = seat_in &&
		                   (s[i].parent_country[0] == '\0' || pk_set_has(eu, s[i].parent_country));
		const sc_entity *u = v.ent ? sc_entity_ultimate(v.ent) : NULL;
		if (v.ent && v.from == 0 && declared_in) {
			/* declared in the EU27, the registry has it controlled from
			 * outside: check takes the worse of the two */
			char held[512] = "";
			if (v.by)
				snprintf(held, sizeof(held), ", held from %s by %s",
				         v.by_country ? v.by_country : "?", v.by);
			sc_diags_add(diags, SC_SEV_WARNING, file, s[i].pos.line, s[i].pos.col, "control",
			             "subcontractor '%s' is declared in the EU27, but the registry records "
			             "it as controlled by %s (%s)%s: check will judge it controlled from "
			             "outside the EU27", s[i].name, sc_entity_name(u), sc_entity_country(u),
			             held);
			k++;
		} else if (seat_in && !graph_sub_control_known(&s[i], &v) && v.ent) {
			sc_diags_add(diags, SC_SEV_WARNING, file, s[i].pos.line, s[i].pos.col, "control",
			             "subcontractor '%s' declares no parent_country and the registry, which "
			             "knows it, leaves its control open (how %s is held is not recorded): "
			             "who controls it is unknown, and so are the checks that turn on it",
			             s[i].name, sc_entity_name(u ? u : v.ent));
			k++;
		} else if (seat_in && !graph_sub_control_known(&s[i], &v) && s[i].name) {
			const sc_entity *lu = v.like ? sc_entity_ultimate(v.like) : NULL;
			char hint[512] = "";
			if (lu && sc_entity_country(lu))
				snprintf(hint, sizeof(hint), "; its name begins with that of %s, controlled "
				         "from %s", sc_entity_name(v.like), sc_entity_country(lu));
			sc_diags_add(diags, SC_SEV_WARNING, file, s[i].pos.line, s[i].pos.col, "control",
			             "subcontractor '%s' declares no parent_country and the registry does "
			             "not know it: who controls it is unknown, and so are the checks that "
			             "turn on it (a company with no parent names itself as parent)%s",
			             s[i].name, hint);
			k++;
		}
		k += control_warnings(m, s[i].subs, s[i].nsubs, reg, eu, diags, depth + 1);
	}
	return k;
}

size_t
sc_control_warnings(const sc_manifest *m, const sc_registry *reg, const sc_pack *pack,
                    sc_diags *diags)
{
	const pk_set *eu = pack ? pk_find_set(pack, "EU27") : NULL;
	if (m == NULL || reg == NULL || eu == NULL || diags == NULL)
		return 0;
	return control_warnings(m, m->subs, m->nsubs, reg, eu, diags, 0);
}

void
eval_msg_paths(sc_msg *m, const char *name, unsigned paths)
{
	msg_items *l = msg_list(m, name, ';');
	for (unsigned p = 0; p < AC_PATH_COUNT; p++)
		if (paths & AC_BIT(p))
			msg_item_word(m, l, "pathwords", ac_path_names[p]);
}

unsigned
eval_closed_paths(const sc_manifest *m, const char *const *names, size_t nnames,
                  const sc_entity *ent, unsigned paths, sc_msg *x, const char *name)
{
	unsigned closed = 0;
	msg_items *l = msg_list(x, name, ',');
	for (size_t i = 0; i < m->nmitigations; i++) {
		const mf_mitigation *mi = &m->mitigations[i];
		if (!eval_mitigation_names(mi, names, nnames, ent))
			continue;
		unsigned c = ac_mkind_effect(mi->kind)->closes & paths;
		if (c == 0)
			continue;
		closed |= c;
		sc_msg *y = msg_new("mit.ref");
		msg_text(y, "id", mi->id ? mi->id : "?");
		msg_word(y, "kind", "mkind", mf_mkind_names[mi->kind]);
		msg_item_sub(x, l, y);
	}
	return closed;
}

/* --------------------------------------------------------- date helpers */

long
eval_days_of(const char *date)
{
	int y, mo, d;
	if (!sc_date_parse(date, &y, &mo, &d))
		return 0;
	return util_days_from_civil(y, mo, d);
}

long
eval_review_months(const sc_pack *pack)
{
	for (size_t i = 0; pack && i < pack->nreqs; i++)
		for (size_t j = 0; j < pack->reqs[i].nchecks; j++)
			if (pack->reqs[i].checks[j].kind == PK_SIGN_OFF_FRESH)
				return pack->reqs[i].checks[j].max_months;
	return 12;
}

bool
eval_next_review(const sc_pack *pack, const char *sign_off_date, char out[11])
{
	return util_add_months(sign_off_date, eval_review_months(pack), out);
}
