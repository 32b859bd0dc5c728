/*
 * evidence.c — the evidence of a run (evidence.h): its lifetime and
 * lookups. The bundle that stores it is bundle.c.
 */
#include <stdlib.h>
#include <string.h>

#include "evidence.h"

void
evidence_geo_src_clear(ev_geo_src *x)
{
	free(x->as_org);
	free(x->network);
	free(x->country_source);
	free(x->asn_source);
	memset(x, 0, sizeof(*x));
}

void
evidence_geo_clear(ev_geo *g)
{
	free(g->ip);
	free(g->as_org);
	for (size_t i = 0; i < g->nsrc; i++)
		evidence_geo_src_clear(&g->src[i]);
	free(g->src);
	memset(g, 0, sizeof(*g));
}

void
evidence_geodb_clear(ev_geodb *d)
{
	free(d->label);
	free(d->type);
	free(d->description);
	memset(d, 0, sizeof(*d));
}

void
sc_evidence_free(sc_evidence *ev)
{
	if (ev == NULL)
		return;
	free(ev->manifest_path);
	free(ev->manifest_text);
	sc_dns_result_free(ev->dns);
	sc_dns_result_free(ev->dns_deps);
	for (size_t i = 0; i < ev->ntls; i++) {
		free(ev->tls[i].host);
		free(ev->tls[i].id);
		sc_tls_result_free(ev->tls[i].owned);
	}
	free(ev->tls);
	sc_tls_results_free(ev->tls_live);
	free(ev->dns_sources);
	free(ev->tls_source);
	for (size_t i = 0; i < ev->ngeo; i++)
		evidence_geo_clear(&ev->geo[i]);
	free(ev->geo);
	for (size_t i = 0; i < ev->ngeodbs; i++)
		evidence_geodb_clear(&ev->geodbs[i]);
	free(ev->geodbs);
	free(ev);
}

bool sc_evidence_has_dns(const sc_evidence *ev) { return ev && ev->has_dns; }
bool sc_evidence_has_tls(const sc_evidence *ev) { return ev && ev->has_tls; }
size_t sc_evidence_tls_count(const sc_evidence *ev) { return ev ? ev->ntls : 0; }
const sc_dns_result *sc_evidence_dns(const sc_evidence *ev) { return ev ? ev->dns : NULL; }
const sc_tls_result *
sc_evidence_tls(const sc_evidence *ev, size_t i, const char **ret_host)
{
	if (ev == NULL || i >= ev->ntls)
		return NULL;
	if (ret_host)
		*ret_host = ev->tls[i].host;
	return ev->tls[i].r;
}
bool sc_evidence_offline(const sc_evidence *ev) { return ev && ev->offline; }
const char *sc_evidence_date(const sc_evidence *ev) { return ev ? ev->date : ""; }

const ev_geo *
evidence_geo_find(const sc_evidence *ev, const char *ip)
{
	size_t lo = 0, hi = ev ? ev->ngeo : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ev->geo[mid].ip, ip);
		if (c == 0)
			return &ev->geo[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
