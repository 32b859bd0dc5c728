/*
 * report-csv.c — findings and dependencies as CSV (RFC 4180: every field
 * quoted when it holds a comma, a quote or a line break; quotes doubled),
 * for spreadsheets. One row per finding, one row per observed dependency.
 */
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "render.h"
#include "text.h"

/*
 * One field: controls and other characters a spreadsheet would act on are
 * written visibly; a value that starts like a formula (=, +, -, @, tab)
 * is prefixed with a quote so that no spreadsheet evaluates it (OWASP
 * "CSV injection"); then RFC 4180 quoting.
 */
void
csv_field(strbuf *sb, const char *s, bool last)
{
	strbuf v;
	sb_init(&v);
	s = s ? s : "";
	if (strchr("=+-@\t", s[0]) != NULL && s[0] != '\0')
		sb_puts(&v, "'");
	text_visible(&v, s);
	const char *t = v.s ? v.s : "";
	if (strpbrk(t, ",\"\r\n") != NULL) {
		sb_puts(sb, "\"");
		for (const char *p = t; *p; p++) {
			if (*p == '"')
				sb_puts(sb, "\"\"");
			else
				sb_append(sb, p, 1);
		}
		sb_puts(sb, "\"");
	} else {
		sb_puts(sb, t);
	}
	if (v.oom)
		sb->oom = true;
	sb_free(&v);
	sb_puts(sb, last ? "\r\n" : ",");
}

static void
joined(strbuf *sb, const char *const *v, size_t n, bool last)
{
	strbuf j;
	sb_init(&j);
	for (size_t i = 0; i < n; i++)
		sb_printf(&j, "%s%s", i ? " " : "", v[i]);
	csv_field(sb, j.s ? j.s : "", last);
	if (j.oom)
		sb->oom = true;
	sb_free(&j);
}

sc_status
render_findings_csv(const sc_filing *fl, sc_lang lang, strbuf *sb, sc_err *err)
{
	const sc_result *r = fl->result;
	sb_puts(sb, "requirement,requirement_verdict,severity,subject,verdict,source,reason,"
	        "evidence\r\n");
	for (size_t i = 0; i < r->nreqs; i++) {
		const rs_req *q = &r->reqs[i];
		for (size_t j = 0; j < q->n; j++) {
			const rs_finding *f = &q->f[j];
			csv_field(sb, sc_requirement_id(q->req), false);
			csv_field(sb, sc_verdict_to_string(q->verdict), false);
			csv_field(sb, f->severity ? f->severity : sc_requirement_severity(q->req), false);
			csv_field(sb, f->subject, false);
			csv_field(sb, sc_verdict_to_string(f->verdict), false);
			csv_field(sb, rs_origin_names[f->origin], false);
			char *tmp = NULL;
			const char *en = rs_finding_reason(f, &tmp);
			if (en == NULL)
				sb->oom = true;
			csv_field(sb, en ? en : "", false);
			free(tmp);
			joined(sb, (const char *const *)f->evidence, f->nevidence, true);
		}
	}
	return sb->oom ? util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory") : SC_OK;
}

sc_status
render_dependencies_csv(const sc_filing *fl, sc_lang lang, strbuf *sb, sc_err *err)
{
	sb_puts(sb, "subject,kind,location,anycast,asn,as_org,operator,controller,"
	        "controller_country,declared,via\r\n");
	const sc_graph *g = fl->graph;
	for (size_t i = 0; g && i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		char asn[16] = "";
		if (d->found_asn)
			snprintf(asn, sizeof(asn), "%u", d->asn);
		csv_field(sb, d->subject, false);
		csv_field(sb, d->kind, false);
		csv_field(sb, d->location, false);
		csv_field(sb, d->anycast ? "yes" : "no", false);
		csv_field(sb, asn, false);
		csv_field(sb, d->as_org, false);
		csv_field(sb, d->operator_name, false);
		csv_field(sb, d->controller ? sc_entity_name(d->controller) : "", false);
		csv_field(sb, d->controller ? sc_entity_country(d->controller) : "", false);
		csv_field(sb, d->declared ? "yes" : "no", false);
		joined(sb, d->via, d->nvia, true);
	}
	return sb->oom ? util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory") : SC_OK;
}

/*
 * providers.csv — the ICT third-party providers of the service, one row
 * per operator the evidence or the declarations show, with the fields of
 * the DORA register of information a GRC tool imports (docs/outputs.md):
 * name, registry id, LEI (sc_entity_lei(): empty when the registry records
 * none), country of the head office, ultimate parent and its country, the
 * ICT services seen (service hosting or CDN, DNS, mail, certificate
 * authority, certificate checks) and the declared relationship, where it
 * was observed
 * ("endpoint:HOST", "ns:DOMAIN", "mx:DOMAIN", "subcontractor-hosts:NAME",
 * "certificate-host:HOST"; the first 20).
 */
sc_status
render_providers_csv(const sc_filing *fl, sc_lang lang, strbuf *sb, sc_err *err)
{
	(void)lang;
	sb_puts(sb, "provider_name,registry_id,lei,head_office_country,ultimate_parent,"
	        "ultimate_parent_country,controlled_outside_eu,ict_services,declared,"
	        "declared_relationship,observed_on\r\n");
	const sc_graph *g = fl->graph;
	const ch_facts *fs = fl->facts;
	const pk_set *eu27 = pk_find_set(fl->pack, "EU27");
	for (size_t i = 0; g && i < g->nops; i++) {
		const gn_op *o = &g->ops[i];
		if (o->is_provider)
			continue;
		const char *id = sc_entity_id(o->entity);
		/* the services and subjects it was seen on, from the facts */
		bool svc[8] = {false};
		static const char *const svc_names[8] = {"hosting-or-cdn", "dns", "email",
			"certificate-authority", "certificate-checks", "email-sending",
			"saas-verified", "email-reports"};
		strbuf on;
		sb_init(&on);
		size_t non = 0;
		for (size_t k = 0; fs && k < fs->n; k++) {
			const ch_fact *x = &fs->v[k];
			if (x->kind > CH_CERTHOST || strcmp(x->value, id) != 0)
				continue;
			bool op = strcmp(x->aspect, "operator") == 0, ca = strcmp(x->aspect, "ca_owner") == 0;
			if (!op && !ca)
				continue;
			int s = ca || x->kind == CH_CAA ? 3 : x->kind == CH_NS ? 1 :
			        x->kind == CH_MX || x->kind == CH_MAILSVC ? 2 :
			        x->kind == CH_CERTHOST ? 4 : x->kind == CH_SPF ? 5 :
			        x->kind == CH_TOKEN ? 6 : x->kind == CH_DMARC ? 7 : 0;
			svc[s] = true;
			/* "endpoint:api.example.eu", "ns:example.eu", each once */
			char item[400];
			snprintf(item, sizeof(item), "%s:%s", ch_kind_names[x->kind], x->subject);
			bool seen = false;
			for (const char *q = on.s; q && !seen && (q = strstr(q, item)) != NULL;
			     q += strlen(item))
				seen = (q == on.s || q[-1] == ' ') && (q[strlen(item)] == ' ' ||
				                                       q[strlen(item)] == '\0');
			if (!seen && non++ < 20)
				sb_printf(&on, "%s%s", non > 1 ? " " : "", item);
		}
		if (o->cert_only)
			svc[3] = true;
		strbuf sv, rel;
		sb_init(&sv);
		sb_init(&rel);
		sb_puts(&sv, "");
		sb_puts(&rel, "");
		for (int s = 0, n = 0; s < 8; s++)
			if (svc[s])
				sb_printf(&sv, "%s%s", n++ ? " " : "", svc_names[s]);
		for (int r = 0, n = 0; o->declared_by && r < MF_REL_COUNT; r++)
			if (o->declared_by->rels & (1u << r))
				sb_printf(&rel, "%s%s", n++ ? " " : "", mf_rel_names[r]);
		const char *ucc = o->ultimate ? sc_entity_country(o->ultimate) : "";
		const sc_holder *by;
		double share;
		/* seated outside, unknown, or seated inside but held from outside */
		bool outside = ucc == NULL || *ucc == '\0' || eu27 == NULL || !pk_set_has(eu27, ucc) ||
		               graph_held_from(o->ultimate, eu27, &by, &share) == GRAPH_HELD_OUT;
		csv_field(sb, sc_entity_name(o->entity), false);
		csv_field(sb, id, false);
		csv_field(sb, sc_entity_lei(o->entity) ? sc_entity_lei(o->entity) : "", false);
		csv_field(sb, sc_entity_country(o->entity), false);
		csv_field(sb, o->ultimate ? sc_entity_name(o->ultimate) : "", false);
		csv_field(sb, ucc ? ucc : "", false);
		csv_field(sb, outside ? "yes" : "no", false);
		csv_field(sb, sv.s ? sv.s : "", false);
		csv_field(sb, o->declared_by ? "yes" : "no", false);
		csv_field(sb, rel.s ? rel.s : "", false);
		csv_field(sb, on.s ? on.s : "", true);
		if (on.oom || sv.oom || rel.oom)
			sb->oom = true;
		sb_free(&on);
		sb_free(&sv);
		sb_free(&rel);
	}
	return sb->oom ? util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory") : SC_OK;
}
