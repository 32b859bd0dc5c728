/*
 * eval-observed.c — the checks judged from the evidence, through the
 * dependency graph: §19.2.b-d where endpoints' addresses are and who
 * controls them, §19.6.c who ultimately controls each operator on a data
 * path, §10.6.a who owns the CA behind each certificate, §15.1.a operators
 * nobody declared and declarations the evidence contradicts, and §19.6.f
 * what is new since a baseline. Without the evidence a check needs, the
 * verdict is unknown.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "changes.h"
#include "eval-internal.h"
#include "util.h"

/* 19.6.f: every notice the changes since the baseline opened (the
 * ledger, changes.h), open ones failing with their deadline — overdue or
 * not — and those closed since the baseline passing. */
void
eval_check_change_notice(struct eval_ctx *e, const pk_check *c)
{
	const sc_graph *b = e->o->baseline, *g = e->o->graph;
	const sc_ledger *ld = e->o->ledger;
	if (b == NULL || g == NULL || g->ev == NULL || ld == NULL) {
		sc_msg *x = msg_new("changes.no_baseline");
		msg_num(x, "days", c->notice_days);
		eval_addm(e, "changes", SC_NOT_APPLICABLE, RS_DECLARED, x);
		return;
	}
	const char *since = b->ev && b->ev->date[0] ? b->ev->date : "?";
	size_t open = 0;
	for (size_t i = 0; i < ld->n; i++) {
		const ch_notice *n = &ld->v[i];
		bool closed_since = n->status != CH_OPEN && strcmp(n->closed_on, since) >= 0;
		if (n->status != CH_OPEN && !closed_since)
			continue;
		const char *code = n->status == CH_ACKNOWLEDGED ? "changes.acked" :
		                   n->status == CH_REVERTED ? "changes.reverted" :
		                   ch_notice_overdue(n, e->r->date) ? "changes.overdue" : "changes.open";
		sc_msg *x = msg_new(code);
		msg_sub(x, "change", ch_notice_msg(n, ld->cur));
		msg_date(x, "seen", n->first_seen);
		msg_date(x, "due", n->deadline);
		msg_num(x, "days", c->notice_days);
		msg_text(x, "id", n->id);
		if (n->status != CH_OPEN)
			msg_date(x, "on", n->closed_on);
		if (n->status == CH_ACKNOWLEDGED)
			msg_text(x, "by", n->acked_by ? n->acked_by : "?");
		const char *subject = n->subject[0] ? n->subject : ch_kind_names[n->kind];
		eval_addm(e, subject, n->status == CH_OPEN ? SC_FAIL : SC_PASS,
		          n->kind <= CH_CERTHOST ? RS_OBSERVED : RS_DECLARED, x);
		open += n->status == CH_OPEN;
	}
	if (open == 0) {
		sc_msg *x = msg_new("changes.none");
		msg_date(x, "since", since);
		eval_addm(e, "changes", SC_PASS, RS_OBSERVED, x);
	}
}

/* ------------------------------------------------------ observed checks */

/* "no endpoint is declared with customer/technical data or role admin" */
static sc_msg *
no_endpoint_msg(const pk_check *c)
{
	sc_msg *x;
	if (c->kind == PK_OBSERVED_CA_OWNER)
		return msg_new("ep.none_tls");
	x = msg_new(c->roles ? "ep.none_data_role" : "ep.none_data");
	eval_msg_mask(x, "data", "data", c->data, mf_data_names, '/');
	if (c->roles)
		eval_msg_mask(x, "roles", "role", c->roles, mf_role_names, '/');
	return x;
}

static bool
ep_selected(const pk_check *c, const mf_endpoint *ep)
{
	return (c->data & (1u << ep->data)) || (c->roles & (1u << ep->role));
}

/* The message of an address: "192.0.2.1 (FR, AS16276 OVH SAS, …)". */
static sc_msg *
describe_ip_m(const sc_graph *g, const gn_dep *d)
{
	sc_msg *x = msg_new("ip.describe");
	msg_text(x, "ip", d->subject);
	msg_items *l = msg_list(x, "facts", ',');
	sc_msg *y;
	if (d->location[0]) {
		y = msg_new("ip.location");
		msg_country(y, "country", d->location);
	} else {
		y = msg_new("ip.location_unknown");
	}
	if (d->geo_country.outcome == SC_GEO_SETTLED && d->geo) {
		/* "DE from b.mmdb (/24) over FR from a.mmdb (/16)" */
		const sc_geo_decision *k = &d->geo_country;
		const ev_geo_src *by = &d->geo->src[k->by], *vs = &d->geo->src[k->against];
		sc_msg *how = msg_new("geo.settled");
		msg_country(how, "by", by->country);
		msg_text(how, "by_db", graph_geo_db(g, d, k->by));
		msg_num(how, "by_len", (long)by->country_prefix);
		msg_country(how, "against", vs->country);
		msg_text(how, "against_db", graph_geo_db(g, d, k->against));
		msg_num(how, "against_len", (long)vs->country_prefix);
		sc_msg *z = msg_new("ip.settled");
		msg_sub(z, "location", y);
		msg_sub(z, "how", how);
		y = z;
	}
	if (d->found_asn) {
		char as[32];
		snprintf(as, sizeof(as), "AS%u", d->asn);
		sc_msg *z = msg_new(d->operator_name && *d->operator_name ? "ip.as_op" : "ip.as");
		msg_sub(z, "location", y);
		msg_text(z, "as", as);
		if (d->operator_name && *d->operator_name)
			msg_text(z, "operator", d->operator_name);
		y = z;
	} else if (d->operator_name && *d->operator_name) {
		sc_msg *z = msg_new("ip.op");
		msg_sub(z, "location", y);
		msg_text(z, "operator", d->operator_name);
		y = z;
	}
	msg_item_sub(x, l, y);
	if (d->controller && d->controller != d->operator) {
		y = msg_new("ip.controlled");
		msg_text(y, "controller", sc_entity_name(d->controller));
		const char *cc = sc_entity_country(d->controller);
		if (cc && *cc)
			msg_country(y, "country", cc);
		else
			msg_text(y, "country", "?");
		msg_item_sub(x, l, y);
	}
	if (d->anycast)
		msg_item_sub(x, l, msg_new("ip.anycast"));
	return x;
}


/* The description of address dependency i, made once per evaluation and
 * shared by the findings of every endpoint that resolves to it (thousands
 * of endpoints behind one load balancer hold one copy). */
static sc_msg *
ip_describe(struct eval_ctx *e, const sc_graph *g, size_t i)
{
	if (e->ipdesc == NULL && g->ndeps > 0) {
		e->ipdesc = calloc(g->ndeps, sizeof(*e->ipdesc));
		if (e->ipdesc != NULL)
			e->nipdesc = g->ndeps;
	}
	if (i >= e->nipdesc)
		return describe_ip_m(g, &g->deps[i]);
	if (e->ipdesc[i] == NULL)
		e->ipdesc[i] = msg_share(describe_ip_m(g, &g->deps[i]));
	return msg_ref(e->ipdesc[i]);
}

/* The facts of a node itself (geo:, registry:, tls: ids), not the DNS
 * answers of every name that reaches it. */
static void
add_own_evidence(struct eval_ctx *e, rs_finding *f, const gn_dep *d)
{
	for (size_t i = 0; f && i < d->nown; i++)
		eval_add_evidence(e, f, d->own[i]);
}

sc_msg *
eval_holder_msg(const sc_holder *h, const pk_set *set)
{
	double sh = graph_holder_share(h);
	sc_msg *y = msg_new(sh >= 0 ? "ctl.holder_pct" : h->controlling ? "ctl.holder_controlling" :
	                    "ctl.holder");
	msg_text(y, "name", h->name);
	if (h->country[0])
		msg_country(y, "country", h->country);
	else
		msg_text(y, "country", "?");
	if (sh >= 0) {
		char a[32];
		util_fmt_pct(a, sizeof(a), sh);
		msg_pct(y, "share", a);
	}
	if (set == NULL || h->entity == NULL || !h->country[0] || !pk_set_has(set, h->country))
		return y;
	/* a company seated in the set: where it is itself controlled from */
	graph_origin org;
	graph_held st = graph_holder_stands(h, set, &org);
	if (st == GRAPH_HELD_IN)
		return y;
	sc_msg *v = msg_new(st == GRAPH_HELD_OUT ? "ctl.holder_via" : "ctl.holder_unsettled_via");
	msg_sub(v, "holder", y);
	if (st == GRAPH_HELD_OUT) {
		msg_text(v, "origin", org.name ? org.name : "?");
		if (org.country && org.country[0])
			msg_country(v, "country", org.country);
		else
			msg_text(v, "country", "?");
	}
	return v;
}

/* The holders of u as "Name (CC, 55 %)", joined, into m's list name. */
static void
msg_holders(sc_msg *m, const char *name, const sc_entity *u, const pk_set *set)
{
	msg_items *l = msg_list(m, name, ',');
	for (size_t i = 0; i < sc_entity_holder_count(u); i++)
		msg_item_sub(m, l, eval_holder_msg(sc_entity_holder(u, i), set));
}

/* Why how u is held keeps control open (for an unknown): a message. */
static sc_msg *
held_unknown_msg(const sc_entity *u, const sc_holder *by, const pk_set *set)
{
	sc_msg *y;
	if (!sc_entity_held_recorded(u)) {
		y = msg_new(sc_entity_control(u) ? "ctl.holders_unnamed" : "ctl.holding_unrecorded");
	} else if (by && by->entity && by->country[0] &&
	           graph_holder_stands(by, set, NULL) == GRAPH_HELD_UNKNOWN) {
		y = msg_new("ctl.holder_unsettled");
		msg_text(y, "holder", by->name);
		msg_country(y, "country", by->country);
	} else if (by && !by->country[0]) {
		y = msg_new("ctl.holder_no_country");
		msg_text(y, "holder", by->name);
	} else if (by) {
		y = msg_new("ctl.holder_no_share");
		msg_text(y, "holder", by->name);
		msg_country(y, "country", by->country);
	} else {
		y = msg_new("ctl.holders_open");
		msg_holders(y, "holders", u, set);
	}
	msg_text(y, "controller", sc_entity_name(u));
	return y;
}

/* 19.2.b / 19.2.d / 19.2.c: where the addresses of selected endpoints are,
 * and (admin) who controls them. */
static void
check_observed_location(struct eval_ctx *e, const pk_check *c, bool need_control)
{
	const sc_graph *g = e->o->graph;
	size_t judged = 0;
	for (size_t i = 0; i < g->neps; i++) {
		const gn_endpoint *ge = &g->eps[i];
		const mf_endpoint *ep = ge->ep;
		if (ep->host == NULL || !ep_selected(c, ep))
			continue;
		judged++;
		if (!ge->dns_ok) {
			sc_msg *x = msg_new("loc.unresolved");
			msg_text(x, "host", ep->host);
			if (ge->dns_problem)
				msg_quote(x, "problem", ge->dns_problem);
			else
				msg_sub(x, "problem", msg_new("loc.not_resolved"));
			rs_finding *f = eval_addm(e, ep->host, SC_UNKNOWN, RS_OBSERVED, x);
			eval_add_evidence(e, f, ge->dns_id);
			continue;
		}
		bool bad = false, unk = false;
		sc_msg *x = msg_new("loc.endpoint");
		msg_text(x, "host", ep->host);
		msg_word(x, "role", "role", mf_role_names[ep->role]);
		msg_word(x, "data", "data", mf_data_names[ep->data]);
		msg_items *why = msg_list(x, "why", ';'), *list = msg_list(x, "addresses", ';');
		for (size_t k = 0; k < ge->nips; k++) {
			const gn_dep *d = &g->deps[ge->ips[k]];
			msg_item_sub(x, list, ip_describe(e, g, ge->ips[k]));
			sc_msg *y = NULL;
			if (d->anycast) {
				unk = true;
				y = msg_new("loc.anycast");
				msg_text(y, "ip", d->subject);
			} else if (d->location_conflict) {
				unk = true;
				strbuf sw;
				sb_init(&sw);
				graph_geo_sources_words(g, d, &sw);
				y = msg_new("loc.conflict");
				msg_text(y, "ip", d->subject);
				msg_quote(y, "sources", sw.s ? sw.s : "");
				sb_free(&sw);
			} else if (!d->location[0]) {
				unk = true;
				y = msg_new("loc.unknown");
				msg_text(y, "ip", d->subject);
			} else if (!pk_set_has(c->set, d->location)) {
				bad = true;
				y = msg_new("loc.outside");
				msg_text(y, "ip", d->subject);
				msg_country(y, "country", d->location);
				eval_msg_set(y, c);
			}
			if (y)
				msg_item_sub(x, why, y);
			if (need_control) {
				const sc_entity *ctl = d->controller;
				const char *cc = ctl ? sc_entity_country(ctl) : NULL;
				if (ctl == NULL) {
					unk = true;
					y = msg_new(d->operator_name ? "loc.controller_unknown_op" :
					            "loc.controller_unknown");
					msg_text(y, "ip", d->subject);
					if (d->operator_name)
						msg_text(y, "operator", d->operator_name);
					msg_item_sub(x, why, y);
				} else if (cc == NULL || !pk_set_has(c->set, cc)) {
					bad = true;
					y = msg_new(cc ? "loc.controlled_from" : "loc.controlled_unknown_country");
					msg_text(y, "ip", d->subject);
					msg_text(y, "operator", d->operator_name ? d->operator_name : "?");
					if (cc)
						msg_country(y, "country", cc);
					msg_item_sub(x, why, y);
				} else {
					/* seated in the set: how it is itself held */
					const sc_holder *by;
					double out;
					graph_held h = graph_held_from(ctl, c->set, &by, &out);
					if (h != GRAPH_HELD_IN) {
						bool self = ctl == d->operator;
						y = msg_new(h == GRAPH_HELD_OUT ? self ? "loc.held_out_self" : "loc.held_out" :
						            self ? "loc.held_unknown_self" : "loc.held_unknown");
						msg_text(y, "ip", d->subject);
						msg_text(y, "operator", d->operator_name ? d->operator_name : "?");
						if (!self)
							msg_text(y, "controller", sc_entity_name(ctl));
						msg_country(y, "country", cc);
						eval_msg_set(y, c);
						if (h == GRAPH_HELD_OUT) {
							bad = true;
							msg_holders(y, "holders", ctl, c->set);
						} else {
							unk = true;
							msg_sub(y, "why", held_unknown_msg(ctl, by, c->set));
						}
						msg_item_sub(x, why, y);
					}
				}
			}
		}
		/* Addresses known, but not from every source, or sources that
		 * disagree: a pass cannot stand on them (a fail can). */
		if (ge->dns_partial) {
			unk = true;
			sc_msg *y = msg_new("loc.dns_partial");
			msg_quote(y, "partial", ge->dns_partial);
			msg_item_sub(x, why, y);
		}
		sc_verdict v = bad ? SC_FAIL : unk ? SC_UNKNOWN : SC_PASS;
		if (v == SC_PASS) {
			x->code = need_control ? "loc.all_in_controlled" : "loc.all_in";
			eval_msg_set(x, c);
		}
		rs_finding *f = eval_addm(e, ep->host, v, RS_OBSERVED, x);
		/* The evidence of this endpoint only: its DNS answer, and each
		 * address's own facts (where it is, who it belongs to) — not the
		 * answers of every other name sharing the address. */
		eval_add_evidence(e, f, ge->dns_id);
		for (size_t k = 0; f && k < ge->nips; k++)
			add_own_evidence(e, f, &g->deps[ge->ips[k]]);
	}
	if (judged == 0)
		eval_addm(e, "endpoints", SC_NOT_APPLICABLE, RS_OBSERVED, no_endpoint_msg(c));
}


/* 19.6.c: every observed operator on a data path, by ultimate controller. */
static void
check_observed_operator_control(struct eval_ctx *e, const pk_check *c)
{
	const sc_graph *g = e->o->graph;
	size_t judged = 0;
	for (size_t i = 0; i < g->nops; i++) {
		const gn_op *o = &g->ops[i];
		if (o->cert_only || !(o->data & c->data))
			continue;
		judged++;
		const char *name = sc_entity_name(o->entity);
		const sc_entity *u = o->ultimate;
		const char *cc = u ? sc_entity_country(u) : NULL;
		graph_held held = GRAPH_HELD_IN;
		const sc_holder *by = NULL;
		double out = 0;
		sc_msg *x = msg_new("ctl.unknown");
		msg_text(x, "name", name);
		eval_msg_mask(x, "data", "dataclass", o->data & c->data & ~(1u << MF_DATA_NONE),
		              mf_data_names, '/');
		rs_finding *f;
		if (u == NULL || cc == NULL || !*cc) {
			msg_path(x, "path", o->npaths ? o->paths[0] : "?");
			f = eval_addm(e, name, SC_UNKNOWN, RS_OBSERVED, x);
		} else if (pk_set_has(c->set, cc) &&
		           (held = graph_held_from(u, c->set, &by, &out)) != GRAPH_HELD_OUT) {
			x->code = held == GRAPH_HELD_IN ? "ctl.in_set" : "ctl.held_unknown";
			msg_country(x, "country", cc);
			msg_text(x, "controller", sc_entity_name(u));
			eval_msg_set(x, c);
			if (held == GRAPH_HELD_UNKNOWN)
				msg_sub(x, "why", held_unknown_msg(u, by, c->set));
			f = eval_addm(e, name, held == GRAPH_HELD_IN ? SC_PASS : SC_UNKNOWN, RS_OBSERVED, x);
		} else {
			sc_msg *ctl;
			if (held == GRAPH_HELD_OUT) {
				/* seated in the set, held from outside it */
				ctl = msg_new(u == o->entity ? "ctl.held_out_self" : "ctl.held_out");
				if (u != o->entity)
					msg_text(ctl, "controller", sc_entity_name(u));
				msg_holders(ctl, "holders", u, c->set);
			} else if (u == o->entity) {
				ctl = msg_new("ctl.seated");
			} else {
				ctl = msg_new("ctl.controlled");
				msg_text(ctl, "controller", sc_entity_name(u));
			}
			msg_country(ctl, "country", cc);
			msg_sub(x, "ctl", ctl);
			eval_msg_set(x, c);
			/* Where its addresses on the data paths are located. */
			sc_msg *loc = msg_new("ctl.addresses");
			msg_items *ll = msg_list(loc, "addresses", ',');
			for (size_t k = 0; k < g->ndeps; k++) {
				const gn_dep *d = &g->deps[k];
				if (d->operator != o->entity || strcmp(d->kind, "ip") != 0 ||
				    !(d->data & c->data))
					continue;
				sc_msg *y = msg_new(d->anycast ? "ctl.addr_anycast" : d->location[0] ?
				                    "ctl.addr_located" : "ctl.addr_unknown");
				msg_text(y, "ip", d->subject);
				if (!d->anycast && d->location[0])
					msg_country(y, "country", d->location);
				msg_item_sub(loc, ll, y);
			}
			if (ll && ll->n)
				msg_sub(x, "loc", loc);
			else {
				msg_free(loc);
				msg_text(x, "loc", "");
			}
			/* Every way it reaches data must be closed by a mitigation of a
			 * kind that makes access technically impossible; a declaration
			 * alone closes nothing, and one the evidence contradicts fails. */
			const mf_sub *s = o->declared_by;
			unsigned paths = (o->access & ~AC_BIT(AC_ISSUANCE)) | (s ? eval_sub_paths(s) : 0);
			if (paths == 0)
				paths = AC_BIT(AC_SERVICE);
			const char *names[2] = {s ? s->name : NULL, name};
			unsigned closed = eval_closed_paths(e->m, names, 2, o->entity, paths, x, "by");
			const char *where = o->best_path ? o->best_path : o->npaths ? o->paths[0] : "?";
			bool sensitive = (o->data & c->data &
			                  ((1u << MF_DATA_CUSTOMER) | (1u << MF_DATA_TECHNICAL))) != 0;
			msg_path(x, "path", where);
			sc_verdict v = SC_FAIL;
			if ((paths & ~closed) == 0) {
				x->code = "ctl.closed";
				v = SC_PASS;
			} else {
				eval_msg_paths(x, "open", paths & ~closed);
				if (closed) {
					sc_msg *y = msg_new("ctl.in_part");
					eval_closed_paths(e->m, names, 2, o->entity, paths, y, "by");
					msg_sub(x, "part", y);
				} else {
					msg_text(x, "part", "");
				}
				if (s && s->data_access == MF_DATA_NONE && sensitive) {
					x->code = "ctl.contradicted";
					msg_text(x, "declared", s->name);
				} else {
					x->code = "ctl.open";
					msg_sub(x, "declared", msg_new(!s ? "ctl.not_declared" :
					        s->data_access == MF_DATA_NONE ? "ctl.declared_none" :
					        "ctl.declared_access"));
				}
			}
			f = eval_addm(e, name, v, RS_OBSERVED, x);
		}
		eval_add_evidence_list(e, f, o->evidence, o->nevidence);

	}
	/* Endpoints on data paths whose DNS evidence is partial: operators may
	 * be missing from the list above. */
	for (size_t i = 0; i < g->neps; i++) {
		const gn_endpoint *ge = &g->eps[i];
		if (ge->dns_partial == NULL || !(c->data & (1u << ge->ep->data)))
			continue;
		judged++;
		sc_msg *x = msg_new("ctl.partial");
		msg_text(x, "host", ge->ep->host);
		msg_quote(x, "partial", ge->dns_partial);
		rs_finding *f = eval_addm(e, ge->ep->host, SC_UNKNOWN, RS_OBSERVED, x);
		eval_add_evidence(e, f, ge->dns_id);
	}
	/* Addresses on data paths whose operator the registry does not know. */
	for (size_t i = 0; i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		if (strcmp(d->kind, "ip") != 0 || d->operator != NULL || !(d->data & c->data))
			continue;
		judged++;
		sc_msg *x = msg_new("ctl.not_in_registry"), *y;
		msg_text(x, "ip", d->subject);
		if (d->asn_conflict) {
			strbuf as;
			sb_init(&as);
			graph_geo_sources_words(g, d, &as);
			y = msg_new("ctl.as_conflict");
			msg_quote(y, "sources", as.s ? as.s : "");
			sb_free(&as);
		} else if (d->found_asn) {
			y = msg_new("ctl.as_org");
			msg_text(y, "org", d->as_org ? d->as_org : "");
		} else {
			y = msg_new("ctl.no_as");
		}
		msg_sub(x, "as", y);
		rs_finding *f = eval_addm(e, d->subject, SC_UNKNOWN, RS_OBSERVED, x);
		eval_add_evidence_list(e, f, d->evidence, d->nevidence);
	}
	if (judged == 0)
		eval_addm(e, "operators", SC_UNKNOWN, RS_OBSERVED, msg_new("ctl.none_observed"));
}

/* 10.6.a: the owner of the CA behind each TLS endpoint. */
static void
check_observed_ca_owner(struct eval_ctx *e, const pk_check *c)
{
	const sc_graph *g = e->o->graph;
	size_t judged = 0;
	for (size_t i = 0; i < g->neps; i++) {
		const gn_endpoint *ge = &g->eps[i];
		const mf_endpoint *ep = ge->ep;
		if (!ep->tls || ep->host == NULL)
			continue;
		judged++;
		bool internal = (c->roles & (1u << ep->role)) != 0;
		if (ge->ntls == 0) {
			sc_msg *x = msg_new("ca.no_chain");
			msg_text(x, "host", ep->host);
			msg_num(x, "port", ep->port);
			eval_addm(e, ep->host, SC_UNKNOWN, RS_OBSERVED, x);
			continue;
		}
		for (size_t k = 0; k < ge->ntls; k++) {
			const ev_tls *t = ge->tls[k];
			rs_finding *f;
			if (sc_tls_result_reason(t->r) != SC_TLS_OK || sc_tls_result_cert_count(t->r) == 0) {
				const char *det = sc_tls_result_detail(t->r);
				sc_msg *x = msg_new(det && *det ? "ca.unusable_detail" : "ca.unusable");
				msg_text(x, "host", ep->host);
				msg_text(x, "reason", sc_tls_reason_to_string(sc_tls_result_reason(t->r)));
				if (det && *det)
					msg_quote(x, "detail", det);
				f = eval_addm(e, ep->host, SC_UNKNOWN, RS_OBSERVED, x);
				eval_add_evidence(e, f, t->id);
				continue;
			}
			sc_tls_owner ow;
			graph_tls_owner(g, t->r, &ow);
			const char *cc = ow.found && ow.owner ? sc_entity_country(ow.owner) : NULL;
			/* The CA's own seat decides ("a CA of an EU member state"); its
			 * ultimate parent is shown, not judged. */
			/* "issued by R11 → ISRG Root X1, a CA owned by ISRG (US), by
			 * certificate" */
			sc_msg *who = NULL;
			if (cc != NULL) {
				who = msg_new(ow.ca_owner ? "ca.who_operated" : "ca.who_owned");
				msg_text(who, "path", ow.path);
				msg_text(who, "owner", sc_entity_name(ow.owner));
				msg_country(who, "country", cc);
				msg_items *more = msg_list(who, "more", '0');
				if (ow.ca_owner) {
					sc_msg *y = msg_new("ca.for");
					msg_text(y, "owner", sc_entity_name(ow.ca_owner));
					const char *oc = sc_entity_country(ow.ca_owner);
					if (oc && *oc)
						msg_country(y, "country", oc);
					else
						msg_text(y, "country", "?");
					msg_item_sub(who, more, y);
				}
				if (ow.ultimate && ow.ultimate != ow.owner) {
					sc_msg *y = msg_new("ca.part_of");
					msg_text(y, "parent", sc_entity_name(ow.ultimate));
					const char *uc = sc_entity_country(ow.ultimate);
					if (uc && *uc)
						msg_country(y, "country", uc);
					else
						msg_text(y, "country", "?");
					msg_item_sub(who, more, y);
				}
				sc_msg *y = msg_new("ca.by");
				msg_word(y, "how", "match", ow.matched_by);
				msg_item_sub(who, more, y);
				if (ow.inferred)
					msg_item_sub(who, more, msg_new("ca.inferred"));
				if (ow.history[0]) {
					y = msg_new("ca.history");
					msg_quote(y, "history", ow.history);
					msg_item_sub(who, more, y);
				}
			}
			sc_msg *x = NULL;
			sc_verdict v = SC_UNKNOWN;
			if (!ow.verified && ow.path[0]) {
				x = msg_new("ca.unverified_chain");
				msg_text(x, "host", ep->host);
				msg_text(x, "path", ow.path);
				msg_quote(x, "error", ow.verify_error);
			} else if (!ow.verified) {
				x = msg_new("ca.unverified");
				msg_text(x, "host", ep->host);
				msg_quote(x, "summary", ow.summary);
			} else if (!ow.found || cc == NULL) {
				const char *io = sc_cert_issuer_attr(sc_tls_result_cert(t->r, 0), "O");
				x = msg_new(io ? "ca.not_in_registry" : "ca.not_in_registry_no_o");
				msg_text(x, "host", ep->host);
				if (io)
					msg_quote(x, "issuer", io);
			} else {
				bool in = pk_set_has(c->set, cc);
				x = msg_new(in && ow.inferred ? "ca.inferred_in" : in ? "ca.in_set" :
				            internal ? "ca.outside_internal" : "ca.outside_public");
				v = in && ow.inferred ? SC_UNKNOWN : in ? SC_PASS : internal ? SC_FAIL :
				    SC_NOT_APPLICABLE;
				if (who)
					msg_sub(x, "who", who);
				who = NULL;
				eval_msg_set(x, c);
				msg_word(x, "role", "role", mf_role_names[ep->role]);
			}
			msg_free(who);
			f = eval_addm(e, ep->host, v, RS_OBSERVED, x);
			if (f && v == SC_NOT_APPLICABLE) {
				f->severity = strdup("info");
				if (f->severity == NULL)
					e->oom = true;
			}
			eval_add_evidence(e, f, t->id);
		}
	}
	if (judged == 0)
		eval_addm(e, "endpoints", SC_NOT_APPLICABLE, RS_OBSERVED, msg_new("ca.no_tls_endpoint"));
}

/* A declared subcontractor the registry does not know whose name begins
 * with that of the observed operator ent or of a company under the same
 * ultimate controller ("Microsoft Ireland Operations Limited" for
 * Microsoft Corporation): perhaps the same group, declared without the
 * parent that would link them. NULL: none. */
static const mf_sub *
declared_like(const struct eval_ctx *e, const mf_sub *s, size_t n, const sc_entity *ent,
              unsigned depth)
{
	const sc_graph *g = e->o->graph;
	for (size_t i = 0; i < n && depth < SC_MAX_SUBCONTRACTOR_DEPTH; i++) {
		graph_sub_view v;
		graph_sub_registry(g->reg, &s[i], NULL, &v);
		const sc_entity *like = s[i].parent_country[0] == '\0' ? v.like : NULL;
		if (like && (like == ent || (sc_entity_ultimate(like) &&
		                             sc_entity_ultimate(like) == sc_entity_ultimate(ent))))
			return &s[i];
		const mf_sub *x = declared_like(e, s[i].subs, s[i].nsubs, ent, depth + 1);
		if (x)
			return x;
	}
	return NULL;
}

/* 15.1.a: every operator the evidence shows is declared (or is the provider). */
static void
check_observed_third_parties(struct eval_ctx *e)
{
	const sc_graph *g = e->o->graph;
	for (size_t i = 0; i < g->nops; i++) {
		const gn_op *o = &g->ops[i];
		const char *name = sc_entity_name(o->entity);
		const sc_entity *u = o->ultimate;
		rs_finding *f;
		sc_msg *x = msg_new(o->is_provider ? "tp.provider" : o->declared_by ? "tp.declared" :
		                    "tp.undeclared");
		msg_text(x, "name", name);
		if (o->is_provider) {
			f = eval_addm(e, name, SC_PASS, RS_OBSERVED, x);
		} else if (o->declared_by) {
			msg_text(x, "as", o->declared_by->name);
			f = eval_addm(e, name, SC_PASS, RS_OBSERVED, x);
		} else {
			const char *cc = sc_entity_country(o->entity);
			if (cc && *cc)
				msg_country(x, "country", cc);
			else
				msg_text(x, "country", "?");
			if (u && u != o->entity) {
				sc_msg *y = msg_new("tp.controlled");
				msg_text(y, "controller", sc_entity_name(u));
				msg_sub(x, "ctl", y);
			} else {
				msg_text(x, "ctl", "");
			}
			msg_path(x, "path", o->npaths ? o->paths[0] : "?");
			const mf_sub *like = g->reg ? declared_like(e, e->m->subs, e->m->nsubs,
			                                            o->entity, 0) : NULL;
			if (like) {
				sc_msg *y = msg_new("tp.declared_like");
				msg_text(y, "sub", like->name);
				msg_sub(x, "like", y);
			} else {
				msg_text(x, "like", "");
			}
			f = eval_addm(e, name, SC_FAIL, RS_OBSERVED, x);
		}
		eval_add_evidence_list(e, f, o->evidence, o->nevidence);
	}
	for (size_t i = 0; i < g->ncontra; i++) {
		const gn_contradiction *k = &g->contra[i];
		sc_msg *x = msg_new("tp.contradiction");
		if (k->msg)
			msg_sub(x, "what", msg_clone(k->msg));
		else
			msg_quote(x, "what", k->what);
		eval_addm(e, k->sub->name ? k->sub->name : "?", SC_FAIL, RS_OBSERVED, x);
	}
	if (g->nops == 0 && g->ncontra == 0)
		eval_addm(e, "operators", SC_UNKNOWN, RS_OBSERVED, msg_new("tp.none"));
}

/* Whether the run collected what the manifest's domains publish (probe). */
static bool
published_collected(const sc_manifest *m, const sc_evidence *ev)
{
	for (size_t i = 0; ev && ev->dns && i < m->domains.n; i++) {
		const sc_dns_entry *d = sc_dns_result_find(ev->dns, m->domains.v[i]);
		if (d && (d->want & SC_DNS_WANT_TEXT))
			return true;
	}
	return false;
}

/* OI.5: the services a domain's published records name (who sends its
 * mail, receives its reports, runs its mail services, verifies it, may
 * issue its certificates) are controlled from the set. */
static void
check_observed_published_control(struct eval_ctx *e, const pk_check *c)
{
	const sc_graph *g = e->o->graph;
	size_t judged = 0;
	for (size_t i = 0; i < g->nops; i++) {
		const gn_op *o = &g->ops[i];
		if (!o->published || o->is_provider)
			continue;
		judged++;
		const char *name = sc_entity_name(o->entity);
		const sc_entity *u = o->ultimate;
		const char *cc = u ? sc_entity_country(u) : NULL;
		sc_msg *x;
		sc_verdict v = SC_UNKNOWN;   /* controller unknown: fail closed */
		if (u == NULL || cc == NULL || !*cc) {
			x = msg_new("pub.unknown_controller");
		} else {
			v = pk_set_has(c->set, cc) ? SC_PASS : SC_FAIL;
			x = msg_new(v == SC_PASS ? "pub.in_set" : "pub.outside");
			msg_text(x, "controller", sc_entity_name(u));
			msg_country(x, "country", cc);
			eval_msg_set(x, c);
		}
		msg_text(x, "name", name);
		msg_path(x, "path", o->npaths ? o->paths[0] : "?");
		rs_finding *f = eval_addm(e, name, v, RS_OBSERVED, x);
		eval_add_evidence_list(e, f, o->evidence, o->nevidence);
	}
	/* A published record that names no service the registry knows: who
	 * runs it is unknown (the graph leaves the domain's own names out). */
	for (size_t i = 0; i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		if (!d->published_unknown)
			continue;
		judged++;
		sc_msg *x = msg_new(d->spf_wide ? "pub.spf_wide" : "pub.unknown_service");
		msg_text(x, "name", d->subject);
		if (d->spf_wide)
			msg_num(x, "max", (long)d->spf_wide);
		msg_path(x, "path", d->path ? d->path : d->subject);
		eval_addm(e, d->subject, SC_UNKNOWN, RS_OBSERVED, x);
	}
	if (judged == 0)
		eval_addm(e, "domains", SC_PASS, RS_OBSERVED, msg_new("pub.none"));
	/* What of an SPF record was not read: said, judging nothing. */
	for (size_t i = 0; i < g->nnotes; i++) {
		const gn_note *n = &g->notes[i];
		sc_msg *x;
		if (n->more) {
			x = msg_new("pub.spf_more");
			msg_num(x, "n", (long)n->more);
			msg_num(x, "max", (long)SC_DNS_SPF_RANGES);
		} else {
			x = msg_new("pub.spf_ignored");
			msg_quote(x, "term", n->term);
			msg_sub(x, "why", msg_new(n->why == SC_DNS_SPF_BAD_PREFIX ? "pub.spf_bad_prefix" :
			                          "pub.spf_bad_address"));
		}
		msg_text(x, "name", n->name);
		rs_finding *f = eval_addm(e, n->name, SC_NOT_APPLICABLE, RS_OBSERVED, x);
		char id[400];
		snprintf(id, sizeof(id), "dns:%s", n->name);
		eval_add_evidence(e, f, id);
	}
}

/* The observed checks (pk_check_observed() kinds only): judged from the
 * graph when the evidence they need was collected, else unknown. */
/* Why evidence of a kind is missing, in words (for "not collected"). */
/* Why the evidence a check needs is missing, as the value "why" of x. */
static void
missing_why(sc_msg *x, const sc_evidence *ev, bool tls)
{
	msg_sub(x, "why", msg_new(ev == NULL ? "missing.nothing" :
	        tls ? (ev->offline ? "missing.offline_chains" : "missing.no_handshake") :
	        ev->offline ? "missing.offline_zones" : "missing.no_dns"));
}

/* The endpoints an endpoint check judges. */
static size_t
selected_endpoints(const sc_manifest *m, const pk_check *c)
{
	size_t n = 0;
	for (size_t i = 0; i < m->nendpoints; i++) {
		const mf_endpoint *ep = &m->endpoints[i];
		if (ep->host == NULL)
			continue;
		if (c->kind == PK_OBSERVED_CA_OWNER ? ep->tls : ep_selected(c, ep))
			n++;
	}
	return n;
}

/*
 * The observed checks (pk_check_observed() kinds): judged from the graph
 * when the evidence they need was collected. Checks of endpoints first ask
 * whether the manifest gives them anything to judge: no endpoints declared
 * at all is unknown (the service surely has some); endpoints declared, none
 * of the kind the check looks at, is not applicable — whatever was
 * collected.
 */
void
eval_check_observed(struct eval_ctx *e, const pk_check *c)
{
	const sc_evidence *ev = e->o->graph ? e->o->graph->ev : NULL;
	bool dns = ev && ev->has_dns, tls = ev && ev->has_tls;
	bool of_endpoints = c->kind == PK_OBSERVED_LOCATION || c->kind == PK_OBSERVED_ADMIN ||
	                    c->kind == PK_OBSERVED_CA_OWNER;
	if (of_endpoints && !e->m->has_endpoints) {
		eval_addm(e, "endpoints", SC_UNKNOWN, RS_OBSERVED, msg_new("ep.undeclared"));
		return;
	}
	if (of_endpoints && selected_endpoints(e->m, c) == 0) {
		eval_addm(e, "endpoints", SC_NOT_APPLICABLE, RS_OBSERVED, no_endpoint_msg(c));
		return;
	}
	switch (c->kind) {
	case PK_OBSERVED_LOCATION:
	case PK_OBSERVED_ADMIN:
		if (dns) {
			check_observed_location(e, c, c->kind == PK_OBSERVED_ADMIN);
			return;
		}
		{
			sc_msg *x = msg_new(c->kind == PK_OBSERVED_ADMIN ? "missing.admin" :
			                    "missing.location");
			missing_why(x, ev, false);
			eval_addm(e, "evidence", SC_UNKNOWN, RS_OBSERVED, x);
		}
		return;
	case PK_OBSERVED_OPERATOR_CONTROL:
		if (dns) {
			check_observed_operator_control(e, c);
			return;
		}
		{
			sc_msg *x = msg_new("missing.control");
			missing_why(x, ev, false);
			eval_addm(e, "evidence", SC_UNKNOWN, RS_OBSERVED, x);
		}
		return;
	case PK_OBSERVED_CA_OWNER:
		if (tls) {
			check_observed_ca_owner(e, c);
			return;
		}
		{
			sc_msg *x = msg_new("missing.ca");
			missing_why(x, ev, true);
			eval_addm(e, "evidence", SC_UNKNOWN, RS_OBSERVED, x);
		}
		return;
	case PK_OBSERVED_PUBLISHED_CONTROL:
		if (dns && published_collected(e->m, ev)) {
			check_observed_published_control(e, c);
			return;
		}
		if (dns) {
			eval_addm(e, "domains", SC_NOT_APPLICABLE, RS_OBSERVED,
			          msg_new("pub.not_collected"));
			return;
		}
		{
			sc_msg *x = msg_new("missing.control");
			missing_why(x, ev, false);
			eval_addm(e, "evidence", SC_UNKNOWN, RS_OBSERVED, x);
		}
		return;
	case PK_OBSERVED_THIRD_PARTIES:
		if (dns || tls) {
			check_observed_third_parties(e);
			return;
		}
		{
			sc_msg *x = msg_new("missing.third_parties");
			missing_why(x, ev, false);
			eval_addm(e, "evidence", SC_UNKNOWN, RS_OBSERVED, x);
		}
		return;
	case PK_LOCATIONS_AS_STATED:
		eval_check_locations_as_stated(e, c);   /* eval-dora.c; asks for its evidence */
		return;
	case PK_RESIDUAL_RISK_DOCUMENT:
	case PK_SIGN_OFF_PRESENT:
	case PK_SIGN_OFF_COVERS_REGISTER:
	case PK_SIGN_OFF_FRESH:
	case PK_DATA_LOCATION_DOCUMENTED:
	case PK_SITES_IN_SET:
	case PK_ADMINISTRATION_IN_SET:
	case PK_SUPPORT_DOCUMENTED:
	case PK_SEAT_IN_SET:
	case PK_SHAREHOLDING_CAPS:
	case PK_SUBCONTRACTOR_NO_ACCESS:
	case PK_SUBCONTRACTOR_AUTONOMY:
	case PK_GOVERNMENT_LINKS:
	case PK_CHANGE_NOTICE:
	case PK_THIRD_PARTIES_LISTED:
	case PK_CERTIFICATIONS:
	case PK_SOC_IN_SET:
	case PK_HARDWARE_IN_SET:
	case PK_SOURCE_AVAILABLE:
	case PK_ENERGY_DISCLOSED:
	case PK_CUSTOMER_HELD_KEYS:
	case PK_SOFTWARE_SUPPLIERS_IN_SET:
	case PK_REGISTER_COMPLETE:
	case PK_CONCENTRATION:
	case PK_SUPPLY_CHAIN_EXPOSURE:
	case PK_SUPPORT_IN_SET:
		break;  /* declared kinds: not dispatched here */
	}
}
