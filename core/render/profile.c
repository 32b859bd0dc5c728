/*
 * profile.c — a supplier's sovereignty profile (sovcheck probe,
 * docs/probe.md): who runs each observed part of the supplier's services
 * (services, name servers, mail exchangers, certificate authorities), who
 * ultimately controls them and from which country, where the services
 * answer from, the non-EU nexuses with the laws that reach them (the
 * register), and the verdicts of the outside-in pack. Read from the
 * filing's facts per subject (changes.h), its register and its result:
 * profile.json, profile.<lang>.md, and the one-screen text `probe` prints.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "doc.h"
#include "render.h"
#include "text.h"

/* The role a part plays, from the kind of subject it was observed on. */
static const char *
role_of(ch_kind k, const char *aspect)
{
	if (strcmp(aspect, "ca_owner") == 0)
		return "ca";
	switch (k) {
	case CH_ENDPOINT: return "service";
	case CH_NS: return "dns";
	case CH_MX: return "mail";
	case CH_CERTHOST: return "certificate-check";
	case CH_SPF: return "mail-sender";
	case CH_DMARC: return "mail-reports";
	case CH_MAILSVC: return "mail-service";
	case CH_TOKEN: return "saas";
	case CH_CAA: return "ca-authorised";
	default: return "other";
	}
}

/* One row per (role, subject, controller): operators, locations. */
struct prow {
	const char *role, *subject;
	const ch_fact *controller;       /* NULL: the CA owner row keeps it in ca */
	const ch_fact *ca;
	const char *ops[8];
	size_t nops;
	const char *locs[16];     /* a country, "??" unknown, "anycast" */
	size_t nlocs;
};

struct prof {
	struct prow *v;
	size_t n;
};

static void
prof_build(const sc_filing *f, struct prof *p)
{
	const ch_facts *fs = f->facts;
	p->n = 0;
	p->v = fs && fs->n ? calloc(fs->n, sizeof(*p->v)) : NULL;
	for (size_t i = 0; p->v && i < fs->n; i++) {
		const ch_fact *x = &fs->v[i];
		if (x->kind > CH_CERTHOST)
			break;       /* facts are sorted by kind: the declared follow */
		if (strcmp(x->aspect, "controller") == 0 || strcmp(x->aspect, "ca_owner") == 0) {
			struct prow *r = &p->v[p->n++];
			r->role = role_of(x->kind, x->aspect);
			/* a mail exchanger probed with STARTTLS is the supplier's mail */
			for (size_t k = 0; x->kind == CH_ENDPOINT && strcmp(r->role, "service") == 0 &&
			     k < f->m->nendpoints; k++)
				if (f->m->endpoints[k].port == 25 && f->m->endpoints[k].host &&
				    strcmp(f->m->endpoints[k].host, x->subject) == 0)
					r->role = "mail";
			r->subject = x->subject;
			if (strcmp(x->aspect, "ca_owner") == 0)
				r->ca = x;
			else
				r->controller = x;
			/* the subject's operators and locations */
			size_t k, n = ch_facts_find(fs, x->kind, x->subject, "operator", &k);
			for (size_t q = 0; q < n && r->nops < 8 && !r->ca; q++)
				r->ops[r->nops++] = fs->v[k + q].label;
			n = ch_facts_find(fs, x->kind, x->subject, "location", &k);
			for (size_t q = 0; q < n && r->nlocs < 16 && !r->ca; q++)
				r->locs[r->nlocs++] = fs->v[k + q].value;
		}
	}
}

static void country_words(strbuf *sb, sc_lang l, const char *cc);

/* The registry's entity at the top of the row's chain (for a CA row, the
 * CA owner's ultimate controller), or NULL when the registry has none. */
static const sc_entity *
top_of(const sc_filing *f, const struct prow *r)
{
	const ch_fact *c = r->ca ? r->ca : r->controller;
	if (f->reg == NULL || c->value[0] == '?')
		return NULL;
	const sc_entity *e = sc_registry_find(f->reg, c->value);
	if (e && r->ca)
		e = sc_entity_ultimate(e);   /* the CA owner's top */
	return e;
}

/* How that party is held (the registry's control: "listed", "state-owned"
 * …), or NULL when not stated. */
static const char *
control_of(const sc_filing *f, const struct prow *r)
{
	return sc_entity_control(top_of(f, r));
}

/* The words for how the row's top party is held: its control, else
 * "unrecorded" when the registry has the party but names no holders (it is
 * its own controller only for want of anything above it), "private-unnamed"
 * when it says only that the party is privately held, else NULL. */
static const char *
control_key(const sc_filing *f, const struct prow *r)
{
	const sc_entity *e = top_of(f, r);
	if (e == NULL)
		return NULL;
	const char *c = sc_entity_control(e);
	return c == NULL ? "unrecorded" : sc_entity_held_recorded(e) ? c : "private-unnamed";
}

/* " (United States of America; listed)" in the language, and the holder
 * that controls top when the registry names one ("; controlled by Victor
 * Kislyi (Belarus)"): a company seated in one country may be held from
 * another. */
static void
country_and_control(strbuf *sb, sc_lang l, const char *cc, const char *control,
                    const sc_entity *top, const pk_set *eu27)
{
	sb_puts(sb, " (");
	country_words(sb, l, cc);
	if (control) {
		char key[48];
		snprintf(key, sizeof(key), "control:%s", control);
		const char *w = msg_word_text(l, key);
		sb_puts(sb, "; ");
		sb_puts(sb, w ? w : control);
	}
	const sc_holder *h = graph_controlling_holder(top);
	if (h) {
		const char *w = msg_word_text(l, "control:controlled-by");
		sb_puts(sb, "; ");
		sb_puts(sb, w ? w : "controlled by");
		sb_puts(sb, " ");
		text_visible(sb, h->name);
		sb_puts(sb, " (");
		if (h->country[0])
			country_words(sb, l, h->country);
		else
			sb_puts(sb, "?");
		sb_puts(sb, ")");
		/* a company itself controlled from outside the EU27: by whom */
		graph_origin org;
		if (eu27 && h->entity && graph_holder_stands(h, eu27, &org) == GRAPH_HELD_OUT &&
		    graph_origin_beyond(&org, h)) {
			sb_puts(sb, ", ");
			sb_puts(sb, w ? w : "controlled by");
			sb_puts(sb, " ");
			text_visible(sb, org.name);
			sb_puts(sb, " (");
			country_words(sb, l, org.country);
			sb_puts(sb, ")");
		}
	}
	sb_puts(sb, ")");
}

static json_t *
row_json(const sc_filing *f, const struct prow *r)
{
	const ch_fact *c = r->ca ? r->ca : r->controller;
	json_t *ops = json_array(), *locs = json_array();
	for (size_t i = 0; ops && i < r->nops; i++)
		json_array_append_new(ops, json_string(r->ops[i]));
	for (size_t i = 0; locs && i < r->nlocs; i++)
		json_array_append_new(locs, json_string(r->locs[i]));
	bool unknown = c->value[0] == '?';
	return json_pack("{s:s, s:s, s:o, s:s?, s:s?, s:s?, s:s?, s:o?, s:b, s:o}", "role", r->role,
	                 "subject", r->subject, "operators", ops ? ops : json_array(),
	                 r->ca ? "ca_owner" : "controller", unknown ? NULL : c->label,
	                 r->ca ? "ca_owner_id" : "controller_id", unknown ? NULL : c->value,
	                 "country", c->cc[0] ? c->cc : NULL, "controlled_as", control_of(f, r),
	                 "holders", sc_entity_holders_to_json(top_of(f, r)),
	                 "outside_eu", c->outside, "locations", locs ? locs : json_array());
}

sc_status
render_profile_json(const sc_filing *f, sc_lang lang, strbuf *out, sc_err *err)
{
	(void)lang;
	struct prof p;
	prof_build(f, &p);
	json_t *rows = json_array(), *nexus = json_array(), *verdicts = json_array(),
	       *targets = json_array(), *ctl = json_object();
	bool oom = !rows || !nexus || !verdicts || !targets || !ctl;
	for (size_t i = 0; !oom && i < p.n; i++) {
		oom = json_array_append_new(rows, row_json(f, &p.v[i])) != 0;
		const ch_fact *c = p.v[i].ca ? p.v[i].ca : p.v[i].controller;
		const char *cc = c->cc[0] ? c->cc : "unknown";
		json_t *l = json_object_get(ctl, cc);
		if (l == NULL) {
			l = json_array();
			oom |= l == NULL || json_object_set_new(ctl, cc, l) != 0;
		}
		bool seen = false;
		const char *name = c->value[0] == '?' ? "(unknown controller)" : c->label;
		for (size_t k = 0; l && k < json_array_size(l) && !seen; k++)
			seen = strcmp(json_string_value(json_array_get(l, k)), name) == 0;
		if (l && !seen)
			oom |= json_array_append_new(l, json_string(name)) != 0;
	}
	for (size_t i = 0; !oom && i < f->m->nendpoints; i++)
		oom = json_array_append_new(targets, json_pack("{s:s, s:s}", "kind", "service", "name",
		                                               f->m->endpoints[i].host)) != 0;
	for (size_t i = 0; !oom && i < f->m->domains.n; i++)
		oom = json_array_append_new(targets, json_pack("{s:s, s:s}", "kind", "domain", "name",
		                                               f->m->domains.v[i])) != 0;
	for (size_t i = 0; !oom && f->risks && i < f->risks->n; i++) {
		const rk_risk *r = &f->risks->v[i];
		json_t *laws = json_array();
		for (size_t k = 0; laws && k < r->nlaws; k++)
			json_array_append_new(laws, json_pack("{s:s, s:s}", "id", r->laws[k]->id, "name",
			                                      r->laws[k]->name));
		oom = laws == NULL || json_array_append_new(nexus, json_pack(
		          "{s:s, s:s, s:s, s:s, s:o, s:s}", "risk", r->id, "party", r->entity,
		          "country", r->country, "path", r->path ? r->path : "", "laws", laws,
		          "level", r->residual)) != 0;
	}
	for (size_t i = 0; !oom && i < f->result->nreqs; i++) {
		const rs_req *q = &f->result->reqs[i];
		oom = json_array_append_new(verdicts, json_pack("{s:s, s:s, s:s}", "id",
		          sc_requirement_id(q->req), "title", sc_requirement_title(q->req, "en"),
		          "verdict", sc_verdict_to_string(q->verdict))) != 0;
	}
	free(p.v);
	json_t *root = oom ? NULL : json_pack("{s:i, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}",
	    "schema_version", 1, "kind", "supplier-profile", "date", f->date, "pack",
	    sc_pack_id(f->pack), "targets", targets, "parts", rows, "controller_countries", ctl,
	    "non_eu_nexuses", nexus, "verdicts", verdicts);
	if (root == NULL) {
		json_decref(rows);
		json_decref(nexus);
		json_decref(verdicts);
		json_decref(targets);
		json_decref(ctl);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	bool ok = util_json_text(root, out);
	json_decref(root);
	return ok ? SC_OK : util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
}

/* A country in the language ("United States of America", « États-Unis »). */
static void
country_words(strbuf *sb, sc_lang l, const char *cc)
{
	if (cc == NULL || *cc == '\0' || strcmp(cc, "??") == 0) {
		sb_puts(sb, tr(l, M_PF_UNKNOWN));
		return;
	}
	if (strcmp(cc, "anycast") == 0) {
		sb_puts(sb, tr(l, M_PF_ANYCAST));
		return;
	}
	sc_msg *m = msg_new("val.country");
	msg_country(m, "v", cc);
	(void)msg_render(sb, l, m);
	msg_free(m);
}

static msg_id
residual_id(const char *r)
{
	return strcmp(r, "critical") == 0 ? M_RR_R_CRITICAL : strcmp(r, "high") == 0 ?
	       M_RR_R_HIGH : strcmp(r, "medium") == 0 ? M_RR_R_MEDIUM : M_RR_R_LOW;
}

static const char *
role_words(sc_lang l, const char *role)
{
	static const struct { const char *role; msg_id id; } t[] = {
		{"service", M_PF_ROLE_SERVICE}, {"dns", M_PF_ROLE_DNS}, {"mail", M_PF_ROLE_MAIL},
		{"ca", M_PF_ROLE_CA}, {"certificate-check", M_PF_ROLE_CERTCHECK},
		{"mail-sender", M_PF_ROLE_SENDER}, {"mail-reports", M_PF_ROLE_REPORTS},
		{"mail-service", M_PF_ROLE_MAILSVC}, {"saas", M_PF_ROLE_SAAS},
		{"ca-authorised", M_PF_ROLE_CAA},
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].role, role) == 0)
			return tr(l, t[i].id);
	return role;
}

/* The profile in words for a terminal (sc_filing_profile_text()). */
static void
profile_words(const sc_filing *f, sc_lang l, strbuf *out)
{
	struct prof p;
	prof_build(f, &p);
	void (*esc)(strbuf *, const char *) = NULL;
	i18n_put(out, l, M_PF_TITLE, esc, f->m->service_name ? f->m->service_name : "?", NULL);
	sb_puts(out, "\n");
	sc_msg *dm = msg_new("val.text");
	msg_date(dm, "v", f->date);
	char *date = msg_string(l, dm);
	msg_free(dm);
	i18n_put(out, l, M_PF_INTRO, esc, date ? date : f->date, sc_pack_id(f->pack), NULL);
	free(date);
	sb_puts(out, "\n\n");
	sb_puts(out, tr(l, M_PF_WHO));
	sb_puts(out, ":\n");
	for (size_t i = 0; i < p.n; i++) {
		const struct prow *r = &p.v[i];
		const ch_fact *c = r->ca ? r->ca : r->controller;
		strbuf ops, ctl, locs;
		sb_init(&ops);
		sb_init(&ctl);
		sb_init(&locs);
		sb_puts(&ops, "");
		for (size_t k = 0; k < r->nops; k++) {
			if (k)
				sb_puts(&ops, ", ");
			sb_puts(&ops, r->ops[k]);
		}
		if (c->value[0] == '?') {
			sb_puts(&ctl, tr(l, M_PF_UNKNOWN));
		} else {
			text_visible(&ctl, c->label);
			country_and_control(&ctl, l, c->cc, control_key(f, r), top_of(f, r),
			                    f->pack ? pk_find_set(f->pack, "EU27") : NULL);
		}
		if (c->value[0] != '?' && c->outside)
			sb_puts(&ctl, tr(l, M_PF_NON_EU));
		sb_puts(&locs, "");
		for (size_t k = 0; k < r->nlocs; k++) {
			if (k)
				sb_puts(&locs, ", ");
			country_words(&locs, l, r->locs[k]);
		}
		strbuf v;
		sb_init(&v);
		sb_puts(&v, "");
		text_visible(&v, r->subject);
		sb_printf(out, "  %-22s %-30s %s", role_words(l, r->role), v.s ? v.s : "",
		          ctl.s ? ctl.s : "");
		if (r->nlocs)
			sb_printf(out, "; %s %s", tr(l, M_PF_AT), locs.s ? locs.s : "");
		sb_puts(out, "\n");
		sb_free(&v);
		sb_free(&ops);
		sb_free(&ctl);
		sb_free(&locs);
	}
	if (p.n == 0)
		sb_printf(out, "%s\n", tr(l, M_PF_NONE));
	sb_puts(out, "\n");
	sb_puts(out, tr(l, M_PF_NEXUS));
	sb_puts(out, ":\n");
	size_t nn = f->risks ? f->risks->n : 0;
	for (size_t i = 0; i < nn; i++) {
		const rk_risk *r = &f->risks->v[i];
		strbuf laws;
		sb_init(&laws);
		sb_puts(&laws, "");
		for (size_t k = 0; k < r->nlaws; k++) {
			if (k)
				sb_puts(&laws, ", ");
			sb_puts(&laws, r->laws[k]->name);
		}
		strbuf cty, lvl;
		sb_init(&cty);
		sb_init(&lvl);
		country_words(&cty, l, r->country);
		i18n_plain(&lvl, l, residual_id(r->residual));
		sb_puts(out, "  ");
		strbuf who;    /* a declared name may hold anything: made visible */
		sb_init(&who);
		sb_puts(&who, "");
		text_visible(&who, r->entity);
		i18n_put(out, l, r->nlaws ? M_PF_NEXUS_ITEM : M_PF_NEXUS_ITEM_NOLAW, esc, who.s ? who.s : "",
		         cty.s ? cty.s : r->country, laws.s ? laws.s : "", lvl.s ? lvl.s : "", NULL);
		sb_puts(out, "\n");
		sb_free(&who);
		sb_free(&laws);
		sb_free(&cty);
		sb_free(&lvl);
	}
	if (nn == 0)
		sb_printf(out, "%s%s\n", "  ", tr(l, M_PF_NEXUS_NONE));
	sb_puts(out, "\n");
	sb_puts(out, tr(l, M_PF_VERDICTS));
	sb_puts(out, ":\n");
	for (size_t i = 0; i < f->result->nreqs; i++) {
		const rs_req *q = &f->result->reqs[i];
		strbuf vw;
		sb_init(&vw);
		i18n_plain(&vw, l, (msg_id)(M_RR_V_PASS + (int)q->verdict));
		sb_printf(out, "%s%-6s %-15s ", "  ", sc_requirement_id(q->req),
		          vw.s ? vw.s : "");
		sb_puts(out, sc_requirement_title(q->req, l == SC_LANG_FR ? "fr" : "en"));
		sb_puts(out, "\n");
		sb_free(&vw);
	}
	free(p.v);
}

/* The profile as a document (doc.h): Markdown or one HTML page. */
static sc_status
profile_doc(const sc_filing *f, sc_lang l, doc_format fmt, strbuf *out, sc_err *err)
{
	struct prof p;
	prof_build(f, &p);
	doc d;
	doc_init(&d, fmt, l, out);
	strbuf title;
	sb_init(&title);
	i18n_put(&title, l, M_PF_TITLE, NULL, f->m->service_name ? f->m->service_name : "?", NULL);
	doc_meta meta = {title.s ? title.s : "", f->m->service_name ? f->m->service_name : "",
	                 NULL};
	doc_begin(&d, &meta);
	doc_heading_begin(&d, 1);
	doc_msg(&d, M_PF_TITLE, f->m->service_name ? f->m->service_name : "?", NULL);
	doc_heading_end(&d);
	sc_msg *dm = msg_new("val.text");
	msg_date(dm, "v", f->date);
	char *date = msg_string(l, dm);
	msg_free(dm);
	doc_para_begin(&d, 0);
	doc_msg(&d, M_PF_INTRO, date ? date : f->date, sc_pack_id(f->pack), NULL);
	doc_para_end(&d);
	free(date);
	doc_heading_begin(&d, 2);
	doc_text(&d, tr(l, M_PF_WHO));
	doc_heading_end(&d);
	if (p.n == 0) {
		doc_para_begin(&d, 0);
		doc_text(&d, tr(l, M_PF_NONE));
		doc_para_end(&d);
	} else {
		static const msg_id cols[] = {M_PF_COL_ROLE, M_PF_COL_SUBJECT, M_PF_COL_OPERATOR,
			M_PF_COL_CONTROLLER, M_PF_COL_LOCATION};
		doc_table_begin(&d, 0);
		doc_row_begin(&d, true);
		for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
			doc_cell_begin(&d);
			doc_text(&d, tr(l, cols[i]));
			doc_cell_end(&d);
		}
		doc_row_end(&d);
		for (size_t i = 0; i < p.n; i++) {
			const struct prow *r = &p.v[i];
			const ch_fact *c = r->ca ? r->ca : r->controller;
			doc_row_begin(&d, false);
			doc_cell_begin(&d);
			doc_text(&d, role_words(l, r->role));
			doc_cell_end(&d);
			doc_cell_begin(&d);
			doc_value(&d, r->subject);
			doc_cell_end(&d);
			doc_cell_begin(&d);
			for (size_t k = 0; k < r->nops; k++) {
				if (k)
					doc_plain(&d, ", ");
				doc_value(&d, r->ops[k]);
			}
			doc_cell_end(&d);
			doc_cell_begin(&d);
			if (c->value[0] == '?') {
				doc_text(&d, tr(l, M_PF_UNKNOWN));
			} else {
				strbuf cty;
				sb_init(&cty);
				country_and_control(&cty, l, c->cc, control_key(f, r), top_of(f, r),
				                    f->pack ? pk_find_set(f->pack, "EU27") : NULL);
				doc_value(&d, c->label);
				doc_plain(&d, cty.s ? cty.s : "");
				sb_free(&cty);
				if (c->outside)
					doc_text(&d, tr(l, M_PF_NON_EU));
			}
			doc_cell_end(&d);
			doc_cell_begin(&d);
			for (size_t k = 0; k < r->nlocs; k++) {
				strbuf cty;
				sb_init(&cty);
				country_words(&cty, l, r->locs[k]);
				if (k)
					doc_plain(&d, ", ");
				doc_plain(&d, cty.s ? cty.s : "");
				sb_free(&cty);
			}
			doc_cell_end(&d);
			doc_row_end(&d);
		}
		doc_table_end(&d);
	}
	doc_heading_begin(&d, 2);
	doc_text(&d, tr(l, M_PF_NEXUS));
	doc_heading_end(&d);
	size_t nn = f->risks ? f->risks->n : 0;
	if (nn == 0) {
		doc_para_begin(&d, 0);
		doc_text(&d, tr(l, M_PF_NEXUS_NONE));
		doc_para_end(&d);
	} else {
		doc_list_begin(&d, 0);
		for (size_t i = 0; i < nn; i++) {
			const rk_risk *r = &f->risks->v[i];
			strbuf laws, cty, lvl;
			sb_init(&laws);
			sb_init(&cty);
			sb_init(&lvl);
			sb_puts(&laws, "");
			for (size_t k = 0; k < r->nlaws; k++) {
				if (k)
					sb_puts(&laws, ", ");
				sb_puts(&laws, r->laws[k]->name);
			}
			country_words(&cty, l, r->country);
			i18n_plain(&lvl, l, residual_id(r->residual));
			doc_item_begin(&d);
			doc_msg(&d, r->nlaws ? M_PF_NEXUS_ITEM : M_PF_NEXUS_ITEM_NOLAW, r->entity,
			        cty.s ? cty.s : r->country, laws.s ? laws.s : "", lvl.s ? lvl.s : "", NULL);
			doc_item_end(&d);
			sb_free(&laws);
			sb_free(&cty);
			sb_free(&lvl);
		}
		doc_list_end(&d);
	}
	doc_heading_begin(&d, 2);
	doc_text(&d, tr(l, M_PF_VERDICTS));
	doc_heading_end(&d);
	doc_list_begin(&d, 0);
	for (size_t i = 0; i < f->result->nreqs; i++) {
		const rs_req *q = &f->result->reqs[i];
		doc_item_begin(&d);
		doc_plain(&d, sc_requirement_id(q->req));
		doc_plain(&d, " ");
		doc_text(&d, tr(l, (msg_id)(M_RR_V_PASS + (int)q->verdict)));
		doc_plain(&d, " — ");
		doc_value(&d, sc_requirement_title(q->req, l == SC_LANG_FR ? "fr" : "en"));
		doc_item_end(&d);
	}
	doc_list_end(&d);
	free(p.v);
	sb_free(&title);
	return doc_end(&d, err);
}

sc_status
render_profile_md(const sc_filing *f, sc_lang lang, strbuf *out, sc_err *err)
{
	return profile_doc(f, lang, DOC_MD, out, err);
}

sc_status
render_profile_html(const sc_filing *f, sc_lang lang, strbuf *out, sc_err *err)
{
	return profile_doc(f, lang, DOC_HTML, out, err);
}

char *
sc_filing_profile_text(const sc_filing *f)
{
	strbuf sb;
	sb_init(&sb);
	profile_words(f, SC_LANG_EN, &sb);
	if (sb.oom) {
		sb_free(&sb);
		return NULL;
	}
	return sb.s;
}
