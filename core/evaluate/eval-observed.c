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

#include "eval-internal.h"

/* Operators of the baseline, to find what is new (same registry: entities
 * compare by pointer). */
static bool
baseline_has(const sc_graph *b, const sc_entity *e)
{
	for (size_t i = 0; i < b->nops; i++)
		if (b->ops[i].entity == e)
			return true;
	return false;
}

void
eval_check_change_notice(struct eval_ctx *e, const pk_check *c)
{
	const sc_graph *b = e->o->baseline, *g = e->o->graph;
	if (b == NULL || g == NULL || g->ev == NULL) {
		eval_add(e, "changes", SC_NOT_APPLICABLE, RS_DECLARED,
		    "no baseline evidence was given: changes affecting 19.6 are detected against an "
		    "earlier bundle (--baseline); customers must be told of any within %ld days",
		    c->notice_days);
		return;
	}
	const char *since = b->ev && b->ev->date[0] ? b->ev->date : "?";
	char due[11];
	/* "within one month": the notice period runs from the evaluation date,
	 * when the change is first seen. */
	if (!util_add_months(e->r->date, 1, due))
		snprintf(due, sizeof(due), "%s", "9999-12-31");
	size_t found = 0;
	for (size_t i = 0; i < g->nops; i++) {
		const gn_op *o = &g->ops[i];
		const sc_entity *u = o->ultimate;
		const char *cc = u ? sc_entity_country(u) : NULL;
		if (baseline_has(b, o->entity) || o->is_provider)
			continue;
		bool outside = cc == NULL || *cc == '\0' || !pk_set_has(pk_find_set(e->pack, "EU27"), cc);
		if (!outside)
			continue;
		found++;
		rs_finding *f = eval_add(e, sc_entity_name(o->entity), SC_FAIL, RS_OBSERVED,
		    "new dependency since the baseline of %s: %s, controlled %s%s, revealed by %s; "
		    "customers must be formally informed within one month of the change, at the "
		    "latest by %s (%ld days)", since, sc_entity_name(o->entity),
		    cc ? "from " : "by an unknown controller", cc ? eval_country_name(cc) : "",
		    o->npaths ? o->paths[0] : "?", due, c->notice_days);
		eval_add_evidence_list(e, f, o->evidence, o->nevidence);
	}
	if (found == 0)
		eval_add(e, "changes", SC_PASS, RS_OBSERVED,
		    "no new dependency on an operator controlled from outside the EU since the "
		    "baseline of %s", since);
}

/* ------------------------------------------------------ observed checks */

static bool
ep_selected(const pk_check *c, const mf_endpoint *ep)
{
	return (c->data & (1u << ep->data)) || (c->roles & (1u << ep->role));
}

static void
describe_ip(strbuf *sb, const sc_graph *g, const gn_dep *d)
{
	sb_printf(sb, "%s (%s", d->subject, d->location[0] ? d->location : "location unknown");
	if (d->geo_country.outcome == SC_GEO_SETTLED) {
		/* Said whenever it decides: the databases disagreed. */
		sb_puts(sb, ": the more specific data decides, ");
		graph_geo_settled_words(g, d, false, sb);
	}
	if (d->found_asn)
		sb_printf(sb, ", AS%u", d->asn);
	if (d->operator_name && *d->operator_name)
		sb_printf(sb, " %s", d->operator_name);
	if (d->controller && d->controller != d->operator)
		sb_printf(sb, ", controlled by %s (%s)", sc_entity_name(d->controller),
		          sc_entity_country(d->controller) ? sc_entity_country(d->controller) : "?");
	if (d->anycast)
		sb_puts(sb, ", anycast");
	sb_puts(sb, ")");
}

/* The facts of a node itself (geo:, registry:, tls: ids), not the DNS
 * answers of every name that reaches it. */
static void
add_own_evidence(struct eval_ctx *e, rs_finding *f, const gn_dep *d)
{
	for (size_t i = 0; f && i < d->nown; i++)
		eval_add_evidence(e, f, d->own[i]);
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
			rs_finding *f = eval_add(e, ep->host, SC_UNKNOWN, RS_OBSERVED,
			    "the addresses of %s are not known: %s", ep->host,
			    ge->dns_problem ? ge->dns_problem : "not resolved");
			eval_add_evidence(e, f, ge->dns_id);
			continue;
		}
		bool bad = false, unk = false;
		strbuf why, list;
		sb_init(&why);
		sb_init(&list);
		for (size_t k = 0; k < ge->nips; k++) {
			const gn_dep *d = &g->deps[ge->ips[k]];
			sb_puts(&list, k ? "; " : "");
			describe_ip(&list, g, d);
			if (d->anycast) {
				unk = true;
				sb_printf(&why, "%s%s is anycast: it has no single location", why.len ? "; " : "",
				          d->subject);
			} else if (d->location_conflict) {
				unk = true;
				sb_printf(&why, "%sthe geolocation databases disagree on %s, none more "
				          "specific than the other (", why.len ? "; " : "", d->subject);
				graph_geo_sources_words(g, d, &why);
				sb_puts(&why, ")");
			} else if (!d->location[0]) {
				unk = true;
				sb_printf(&why, "%sno geolocation database knows %s", why.len ? "; " : "",
				          d->subject);
			} else if (!pk_set_has(c->set, d->location)) {
				bad = true;
				sb_printf(&why, "%s%s is located in %s, outside %s", why.len ? "; " : "",
				          d->subject, eval_country_name(d->location), eval_set_id(c));
			}
			if (need_control) {
				const sc_entity *ctl = d->controller;
				const char *cc = ctl ? sc_entity_country(ctl) : NULL;
				if (ctl == NULL) {
					unk = true;
					sb_printf(&why, "%sthe controller of %s is unknown%s%s", why.len ? "; " : "",
					          d->subject, d->operator_name ? " (operator: " : "",
					          d->operator_name ? d->operator_name : "");
					if (d->operator_name)
						sb_puts(&why, ")");
				} else if (cc == NULL || !pk_set_has(c->set, cc)) {
					bad = true;
					sb_printf(&why, "%s%s is operated by %s, controlled from %s", why.len ? "; " : "",
					          d->subject, d->operator_name ? d->operator_name : "?",
					          cc ? eval_country_name(cc) : "an unknown country");
				}
			}
		}
		/* Addresses known, but not from every source, or sources that
		 * disagree: a pass cannot stand on them (a fail can). */
		if (ge->dns_partial) {
			unk = true;
			sb_printf(&why, "%sthe DNS evidence is partial: %s", why.len ? "; " : "",
			          ge->dns_partial);
		}
		sc_verdict v = bad ? SC_FAIL : unk ? SC_UNKNOWN : SC_PASS;
		rs_finding *f;
		if (v == SC_PASS)
			f = eval_add(e, ep->host, v, RS_OBSERVED, "every address of %s (%s %s endpoint) is in %s%s: %s",
			        ep->host, mf_role_names[ep->role], mf_data_names[ep->data], eval_set_id(c),
			        need_control ? " and controlled from it" : "", list.s ? list.s : "");
		else
			f = eval_add(e, ep->host, v, RS_OBSERVED, "%s (%s %s endpoint): %s — addresses: %s",
			        ep->host, mf_role_names[ep->role], mf_data_names[ep->data],
			        why.s ? why.s : "", list.s ? list.s : "");
		/* The evidence of this endpoint only: its DNS answer, and each
		 * address's own facts (where it is, who it belongs to) — not the
		 * answers of every other name sharing the address. */
		eval_add_evidence(e, f, ge->dns_id);
		for (size_t k = 0; f && k < ge->nips; k++)
			add_own_evidence(e, f, &g->deps[ge->ips[k]]);
		if (why.oom || list.oom)
			e->oom = true;
		sb_free(&why);
		sb_free(&list);
	}
	if (judged == 0) {
		strbuf w;
		sb_init(&w);
		eval_mask_words(&w, c->data, mf_data_names);
		if (c->roles) {
			sb_puts(&w, " data or role ");
			eval_mask_words(&w, c->roles, mf_role_names);
		} else {
			sb_puts(&w, " data");
		}
		eval_add(e, "endpoints", SC_NOT_APPLICABLE, RS_OBSERVED,
		    "no endpoint is declared with %s", w.s ? w.s : "");
		sb_free(&w);
	}
}

/* "customer data / metadata" for a mask of mf_data bits. */
static void
data_words_mask(strbuf *sb, unsigned mask)
{
	static const char *const words[] = {"no data", "metadata", "technical data",
		"customer data", NULL};
	eval_mask_words(sb, mask & ~(1u << MF_DATA_NONE), words);
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
		strbuf dw;
		sb_init(&dw);
		data_words_mask(&dw, o->data & c->data);
		rs_finding *f;
		if (u == NULL || cc == NULL || !*cc) {
			f = eval_add(e, name, SC_UNKNOWN, RS_OBSERVED,
			        "%s carries %s but its ultimate controller is unknown (the registry's "
			        "parent chain is broken); revealed by %s", name, dw.s ? dw.s : "",
			        o->npaths ? o->paths[0] : "?");
		} else if (pk_set_has(c->set, cc)) {
			f = eval_add(e, name, SC_PASS, RS_OBSERVED, "%s is controlled from %s by %s (%s)", name,
			        eval_country_name(cc), sc_entity_name(u), eval_set_id(c));
		} else {
			strbuf mids, ctl, loc;
			sb_init(&mids);
			sb_init(&ctl);
			sb_init(&loc);
			if (u == o->entity)
				sb_printf(&ctl, "is seated in %s", eval_country_name(cc));
			else
				sb_printf(&ctl, "is controlled by %s, seated in %s", sc_entity_name(u), eval_country_name(cc));
			/* Where its addresses on the data paths are located. */
			for (size_t k = 0; k < g->ndeps; k++) {
				const gn_dep *d = &g->deps[k];
				if (d->operator != o->entity || strcmp(d->kind, "ip") != 0 ||
				    !(d->data & c->data))
					continue;
				sb_printf(&loc, "%s%s %s%s", loc.len ? ", " : "; its addresses: ", d->subject,
				          d->anycast ? "anycast" : d->location[0] ? "located in " : "",
				          d->anycast ? "" : d->location[0] ? eval_country_name(d->location) :
				          "location unknown");
			}
			/* Every way it reaches data must be closed by a mitigation of a
			 * kind that makes access technically impossible; a declaration
			 * alone closes nothing, and one the evidence contradicts fails. */
			const mf_sub *s = o->declared_by;
			unsigned paths = (o->access & ~AC_BIT(AC_ISSUANCE)) | (s ? eval_sub_paths(s) : 0);
			if (paths == 0)
				paths = AC_BIT(AC_SERVICE);
			const char *names[2] = {s ? s->name : NULL, name};
			unsigned closed = eval_closed_paths(e->m, names, 2, o->entity, paths, &mids);
			const char *where = o->best_path ? o->best_path : o->npaths ? o->paths[0] : "?";
			bool sensitive = (o->data & c->data &
			                  ((1u << MF_DATA_CUSTOMER) | (1u << MF_DATA_TECHNICAL))) != 0;
			strbuf open;
			sb_init(&open);
			eval_path_words(&open, paths & ~closed);
			if ((paths & ~closed) == 0)
				f = eval_add(e, name, SC_PASS, RS_OBSERVED,
				        "%s %s (outside %s) and carries %s (%s); every way it has to the data "
				        "is closed by %s%s", name, ctl.s, eval_set_id(c), dw.s ? dw.s : "",
				        where, mids.s ? mids.s : "", loc.s ? loc.s : "");
			else if (s && s->data_access == MF_DATA_NONE && sensitive)
				f = eval_add(e, name, SC_FAIL, RS_OBSERVED,
				        "%s %s (outside %s): declared as %s with data_access: none, but the "
				        "evidence puts it on a path carrying %s: %s%s — a technical "
				        "possibility remains through %s%s%s", name, ctl.s, eval_set_id(c),
				        s->name, dw.s ? dw.s : "", where, loc.s ? loc.s : "",
				        open.s ? open.s : "", closed ? "; closed only in part, by " : "",
				        closed ? (mids.s ? mids.s : "") : "");
			else
				f = eval_add(e, name, SC_FAIL, RS_OBSERVED,
				        "%s %s (outside %s) and sits on a path carrying %s: %s%s; a technical "
				        "possibility remains through %s%s%s%s", name, ctl.s, eval_set_id(c),
				        dw.s ? dw.s : "", where, loc.s ? loc.s : "", open.s ? open.s : "",
				        s ? (s->data_access == MF_DATA_NONE ? " (declared with data_access: none)"
				                                            : " (declared with access to data)")
				          : " (not declared)",
				        closed ? "; closed only in part, by " : "",
				        closed ? (mids.s ? mids.s : "") : "");
			if (open.oom)
				e->oom = true;
			sb_free(&open);
			if (ctl.oom || loc.oom || mids.oom)
				e->oom = true;
			sb_free(&mids);
			sb_free(&ctl);
			sb_free(&loc);
		}
		eval_add_evidence_list(e, f, o->evidence, o->nevidence);
		sb_free(&dw);
	}
	/* Endpoints on data paths whose DNS evidence is partial: operators may
	 * be missing from the list above. */
	for (size_t i = 0; i < g->neps; i++) {
		const gn_endpoint *ge = &g->eps[i];
		if (ge->dns_partial == NULL || !(c->data & (1u << ge->ep->data)))
			continue;
		judged++;
		rs_finding *f = eval_add(e, ge->ep->host, SC_UNKNOWN, RS_OBSERVED,
		    "the operators behind %s are not all known: the DNS evidence is partial: %s",
		    ge->ep->host, ge->dns_partial);
		eval_add_evidence(e, f, ge->dns_id);
	}
	/* Addresses on data paths whose operator the registry does not know. */
	for (size_t i = 0; i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		if (strcmp(d->kind, "ip") != 0 || d->operator != NULL || !(d->data & c->data))
			continue;
		judged++;
		strbuf as;
		sb_init(&as);
		if (d->asn_conflict) {
			sb_puts(&as, "the geolocation databases disagree on its AS, none more specific "
			             "than the other: ");
			graph_geo_sources_words(g, d, &as);
		} else {
			sb_printf(&as, "%s%s", d->found_asn ? "AS organisation: " : "no AS known",
			          d->found_asn && d->as_org ? d->as_org : "");
		}
		rs_finding *f = eval_add(e, d->subject, SC_UNKNOWN, RS_OBSERVED,
		    "%s carries data but its operator is not in the registry (%s): who controls it "
		    "is unknown", d->subject, as.s ? as.s : "");
		if (as.oom)
			e->oom = true;
		sb_free(&as);
		eval_add_evidence_list(e, f, d->evidence, d->nevidence);
	}
	if (judged == 0)
		eval_add(e, "operators", SC_UNKNOWN, RS_OBSERVED,
		    "no operator was observed on a data path: the evidence does not show who runs "
		    "the service");
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
			eval_add(e, ep->host, SC_UNKNOWN, RS_OBSERVED,
			    "no certificate chain was captured for %s:%ld", ep->host, ep->port);
			continue;
		}
		for (size_t k = 0; k < ge->ntls; k++) {
			const ev_tls *t = ge->tls[k];
			rs_finding *f;
			if (sc_tls_result_reason(t->r) != SC_TLS_OK || sc_tls_result_cert_count(t->r) == 0) {
				const char *det = sc_tls_result_detail(t->r);
				f = eval_add(e, ep->host, SC_UNKNOWN, RS_OBSERVED, "no usable chain for %s: %s%s%s",
				        ep->host, sc_tls_reason_to_string(sc_tls_result_reason(t->r)),
				        det && *det ? ": " : "", det ? det : "");
				eval_add_evidence(e, f, t->id);
				continue;
			}
			sc_tls_owner ow;
			graph_tls_owner(g, t->r, &ow);
			const char *cc = ow.found && ow.owner ? sc_entity_country(ow.owner) : NULL;
			/* The CA's own seat decides ("a CA of an EU member state"); its
			 * ultimate parent is shown, not judged. */
			strbuf who;
			sb_init(&who);
			if (cc != NULL) {
				sb_printf(&who, "issued by %s, a CA %s %s (%s)", ow.path,
				          ow.ca_owner ? "operated by" : "owned by", sc_entity_name(ow.owner), cc);
				if (ow.ca_owner)
					sb_printf(&who, " for %s (%s)", sc_entity_name(ow.ca_owner),
					          sc_entity_country(ow.ca_owner) ? sc_entity_country(ow.ca_owner) : "?");
				if (ow.ultimate && ow.ultimate != ow.owner)
					sb_printf(&who, ", part of %s (%s)", sc_entity_name(ow.ultimate),
					          sc_entity_country(ow.ultimate) ? sc_entity_country(ow.ultimate) : "?");
				sb_printf(&who, ", by %s", ow.matched_by);
				if (ow.inferred)
					sb_puts(&who, " (inferred: no CA index entry for the chain's certificates)");
				if (ow.history[0])
					sb_printf(&who, "; history: %s", ow.history);
			}
			const char *summary = who.s ? who.s : ow.summary;
			if (!ow.verified) {
				f = eval_add(e, ep->host, SC_UNKNOWN, RS_OBSERVED, "%s: %s", ep->host,
				             ow.summary);
			} else if (!ow.found || cc == NULL) {
				const char *io = sc_cert_issuer_attr(sc_tls_result_cert(t->r, 0), "O");
				f = eval_add(e, ep->host, SC_UNKNOWN, RS_OBSERVED,
				        "the owner of the CA that issued %s's certificate is not in the registry "
				        "(issuer O=%s)", ep->host, io ? io : "none");
			} else if (pk_set_has(c->set, cc) && ow.inferred) {
				/* A name is not evidence of who runs a CA: a white-label
				 * intermediate carries its reseller's name. */
				f = eval_add(e, ep->host, SC_UNKNOWN, RS_OBSERVED,
				        "%s: the CA owner would be in %s, but it is inferred from a name "
				        "only; the chain's CA certificates are not in the CA index", summary,
				        eval_set_id(c));
			} else if (pk_set_has(c->set, cc)) {
				f = eval_add(e, ep->host, SC_PASS, RS_OBSERVED, "%s: the CA owner is in %s", summary,
				        eval_set_id(c));
			} else if (internal) {
				f = eval_add(e, ep->host, SC_FAIL, RS_OBSERVED,
				        "%s: the CA owner is outside %s on an %s endpoint", summary,
				        eval_set_id(c), mf_role_names[ep->role]);
			} else {
				f = eval_add(e, ep->host, SC_NOT_APPLICABLE, RS_OBSERVED,
				        "%s: the CA owner is outside %s; whether §10.6.a covers public "
				        "endpoints (%s) is unsettled, so this is reported for information",
				        summary, eval_set_id(c), mf_role_names[ep->role]);
				if (f) {
					f->severity = strdup("info");
					if (f->severity == NULL)
						e->oom = true;
				}
			}
			eval_add_evidence(e, f, t->id);
			if (who.oom)
				e->oom = true;
			sb_free(&who);
		}
	}
	if (judged == 0)
		eval_add(e, "endpoints", SC_NOT_APPLICABLE, RS_OBSERVED, "no TLS endpoint is declared");
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
		if (o->is_provider)
			f = eval_add(e, name, SC_PASS, RS_OBSERVED, "%s is the provider itself", name);
		else if (o->declared_by)
			f = eval_add(e, name, SC_PASS, RS_OBSERVED, "%s is declared (as %s)", name,
			        o->declared_by->name);
		else
			f = eval_add(e, name, SC_FAIL, RS_OBSERVED,
			        "undeclared third party: %s (%s%s%s%s), revealed by %s", name,
			        sc_entity_country(o->entity) ? sc_entity_country(o->entity) : "?",
			        u && u != o->entity ? ", controlled by " : "",
			        u && u != o->entity ? sc_entity_name(u) : "",
			        u && u != o->entity ? (sc_entity_country(u) ? "" : "") : "",
			        o->npaths ? o->paths[0] : "?");
		eval_add_evidence_list(e, f, o->evidence, o->nevidence);
	}
	for (size_t i = 0; i < g->ncontra; i++) {
		const gn_contradiction *k = &g->contra[i];
		eval_add(e, k->sub->name ? k->sub->name : "?", SC_FAIL, RS_OBSERVED, "contradiction: %s",
		    k->what);
	}
	if (g->nops == 0 && g->ncontra == 0)
		eval_add(e, "operators", SC_UNKNOWN, RS_OBSERVED,
		    "the evidence revealed no operator that the registry knows");
}

/* The observed checks (pk_check_observed() kinds only): judged from the
 * graph when the evidence they need was collected, else unknown. */
/* Why evidence of a kind is missing, in words (for "not collected"). */
static const char *
missing_why(const sc_evidence *ev, bool tls)
{
	if (ev == NULL)
		return "no evidence was collected";
	if (tls)
		return ev->offline ? "the run was --offline and named no certificate chains "
		                     "(--chains, sources.chains)"
		                   : "no TLS handshake could be made";
	return ev->offline ? "the run was --offline and named no zone files (--zone, sources.zones)"
	                   : "no DNS source was asked";
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
		eval_add(e, "endpoints", SC_UNKNOWN, RS_OBSERVED,
		         "the service's endpoints are not declared (endpoints): what runs where cannot "
		         "be observed");
		return;
	}
	if (of_endpoints && selected_endpoints(e->m, c) == 0) {
		strbuf w;
		sb_init(&w);
		if (c->kind == PK_OBSERVED_CA_OWNER) {
			sb_puts(&w, "TLS");
		} else {
			eval_mask_words(&w, c->data, mf_data_names);
			sb_puts(&w, c->roles ? " data or role " : " data");
			eval_mask_words(&w, c->roles, mf_role_names);
		}
		eval_add(e, "endpoints", SC_NOT_APPLICABLE, RS_OBSERVED,
		         "no endpoint is declared with %s", w.s ? w.s : "");
		sb_free(&w);
		return;
	}
	switch (c->kind) {
	case PK_OBSERVED_LOCATION:
	case PK_OBSERVED_ADMIN:
		if (dns) {
			check_observed_location(e, c, c->kind == PK_OBSERVED_ADMIN);
			return;
		}
		eval_add(e, "evidence", SC_UNKNOWN, RS_OBSERVED,
		         "not collected: judging where these endpoints' addresses are%s needs DNS "
		         "evidence, and %s", c->kind == PK_OBSERVED_ADMIN ? " and who operates them" : "",
		         missing_why(ev, false));
		return;
	case PK_OBSERVED_OPERATOR_CONTROL:
		if (dns) {
			check_observed_operator_control(e, c);
			return;
		}
		eval_add(e, "evidence", SC_UNKNOWN, RS_OBSERVED,
		         "not collected: judging who ultimately controls each operator on a data path "
		         "needs DNS evidence, and %s", missing_why(ev, false));
		return;
	case PK_OBSERVED_CA_OWNER:
		if (tls) {
			check_observed_ca_owner(e, c);
			return;
		}
		eval_add(e, "evidence", SC_UNKNOWN, RS_OBSERVED,
		         "not collected: judging the owner of the CA behind each TLS endpoint's "
		         "certificate needs its chain, and %s", missing_why(ev, true));
		return;
	case PK_OBSERVED_THIRD_PARTIES:
		if (dns || tls) {
			check_observed_third_parties(e);
			return;
		}
		eval_add(e, "evidence", SC_UNKNOWN, RS_OBSERVED,
		         "not collected: finding the operators nobody declared needs DNS or TLS "
		         "evidence, and %s", missing_why(ev, false));
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
		break;  /* declared kinds: not dispatched here */
	}
}
