/*
 * manifest.c — load and validate a service manifest, schema version 1
 * (docs/manifest.md), into the structures of manifest.h.
 *
 * Validation behaves like a strict compiler: every problem of the file is
 * reported (unknown keys with a "did you mean", types, enums, ISO 3166-1
 * codes, percentages 0–100, dates, duplicate keys), each at file:line:col
 * with the offending value quoted. Parsing stops only for problems that
 * make the rest meaningless (YAML syntax, limits).
 */
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "sc-limits.h"
#include "sc-yaml.h"
#include "text.h"
#include "util.h"

const char *const mf_model_names[] = {"IaaS", "PaaS", "CaaS", "SaaS", NULL};
const char *const mf_role_names[] = {"api", "console", "admin", "storage", "auth",
	"logging", "monitoring", "backup", "support", "cdn", "web", "other", NULL};
const char *const mf_data_names[] = {"none", "metadata", "technical", "customer", NULL};
const char *const mf_holds_names[] = {"customer", "technical", "metadata", "backup", NULL};
const char *const mf_effect_names[] = {"likelihood", "severity", NULL};
const char *const mf_basis_names[] = {"own-skills", "alternatives", "qualified", NULL};
const char *const mf_decision_names[] = {"accept", "reduce", "transfer", "avoid", NULL};

/* ------------------------------------------------------------------ free */

static void
strlist_free(mf_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void
holders_free(mf_holder *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(h[i].name);
		holders_free(h[i].holders, h[i].nholders);
	}
	free(h);
}

static void
subs_free(mf_sub *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].name);
		free(s[i].parent);
		free(s[i].service);
		strlist_free(&s[i].alternatives);
		strlist_free(&s[i].hosts);
		strlist_free(&s[i].functions);
		free(s[i].autonomy_description);
		free(s[i].autonomy_evidence);
		subs_free(s[i].subs, s[i].nsubs);
	}
	free(s);
}

void
sc_manifest_free(sc_manifest *m)
{
	if (m == NULL)
		return;
	free(m->path);
	free(m->source);
	free(m->dir);
	free(m->service_name);
	free(m->provider.name);
	holders_free(m->provider.holders, m->provider.nholders);
	for (size_t i = 0; i < m->provider.ngovlinks; i++)
		free(m->provider.govlinks[i].description);
	free(m->provider.govlinks);
	for (size_t i = 0; i < m->nsites; i++)
		free(m->sites[i].site);
	free(m->sites);
	free(m->admin);
	for (size_t i = 0; i < m->nsupport; i++) {
		strlist_free(&m->support[i].operations);
		free(m->support[i].supervision);
	}
	free(m->support);
	for (size_t i = 0; i < m->nendpoints; i++)
		free(m->endpoints[i].host);
	free(m->endpoints);
	strlist_free(&m->domains);
	subs_free(m->subs, m->nsubs);
	for (size_t i = 0; i < m->nmitigations; i++) {
		free(m->mitigations[i].id);
		free(m->mitigations[i].description);
		strlist_free(&m->mitigations[i].applies_to);
	}
	free(m->mitigations);
	for (size_t i = 0; i < m->nwaivers; i++) {
		free(m->waivers[i].requirement);
		free(m->waivers[i].subject);
		free(m->waivers[i].reason);
		free(m->waivers[i].approved_by);
	}
	free(m->waivers);
	for (size_t i = 0; i < m->ntreatments; i++) {
		free(m->treatments[i].risk);
		free(m->treatments[i].by);
		free(m->treatments[i].note);
	}
	free(m->treatments);
	free(m->sign_off_by);
	free(m->sign_off_register);
	free(m->doc_reference);
	free(m->doc_version);
	free(m->doc_classification);
	free(m->doc_owner);
	strlist_free(&m->doc_scope);
	strlist_free(&m->zones);
	strlist_free(&m->trust);
	free(m->chains);
	mf_sovereignty_free(&m->sov);
	free(m);
}

/* ---------------------------------------------------------------- loader */

struct ld {
	yctx c;
	bool oom;
};

static char *
xdup(struct ld *l, const char *s)
{
	char *d = strdup(s);
	if (d == NULL)
		l->oom = true;
	return d;
}

static void *
xcalloc(struct ld *l, size_t n, size_t size)
{
	if (n == 0)
		return NULL;
	void *p = calloc(n, size);
	if (p == NULL)
		l->oom = true;
	return p;
}

static mf_pos
pos_of(const ynode *n)
{
	mf_pos p = {n ? n->line : 0, n ? n->col : 0};
	return p;
}

/* A list of at most SC_MAX_LIST_ITEMS; returns its length or 0. */
static size_t
seq_len(struct ld *l, const ynode *n, const char *what)
{
	if (n == NULL)
		return 0;
	if (n->kind == YN_SCALAR && n->plain && n->len == 0)
		return 0; /* "key:" with nothing: an empty list */
	if (!yexpect_seq(&l->c, n, what))
		return 0;
	if (n->n > SC_MAX_LIST_ITEMS) {
		yerr(&l->c, n, "limit", "%s has %zu entries, more than the limit of %u",
		     what, n->n, SC_MAX_LIST_ITEMS);
		return 0;
	}
	return n->n;
}

/* A zeroed array for the entries of list n (each of size bytes), its length
 * in *ret_n; NULL for an empty, invalid or unallocatable list. */
static void *
list_alloc(struct ld *l, const ynode *n, const char *what, size_t size, size_t *ret_n)
{
	size_t k = seq_len(l, n, what);
	void *p = k ? xcalloc(l, k, size) : NULL;
	*ret_n = p ? k : 0;
	return p;
}

static void
get_strlist(struct ld *l, const ynode *n, const char *what, mf_strlist *out)
{
	size_t k = seq_len(l, n, what);
	if (k == 0)
		return;
	out->v = xcalloc(l, k, sizeof(char *));
	if (out->v == NULL)
		return;
	for (size_t i = 0; i < k; i++) {
		const char *s;
		char w[128];
		snprintf(w, sizeof(w), "%s[%zu]", what, i);
		if (yget_str(&l->c, n->kids[i], w, &s))
			out->v[out->n++] = xdup(l, s);
	}
}

/* One value of names, or a list of them, as a bit set (1 << index). */
static unsigned
get_enum_set(struct ld *l, const ynode *n, const char *what, const char *const *names)
{
	unsigned mask = 0;
	int en;
	if (n == NULL)
		return 0;
	if (n->kind != YN_SEQ) {
		if (yget_enum(&l->c, n, what, names, &en))
			mask |= 1u << en;
		return mask;
	}
	size_t k = seq_len(l, n, what);
	if (k == 0)
		yerr(&l->c, n, "empty", "%s: an empty list says nothing; name at least one", what);
	for (size_t i = 0; i < k; i++) {
		char w[400];
		snprintf(w, sizeof(w), "%s[%zu]", what, i);
		if (yget_enum(&l->c, n->kids[i], w, names, &en))
			mask |= 1u << en;
	}
	return mask;
}

static char *
get_opt_str(struct ld *l, const ynode *map, const char *key, const char *what)
{
	const ynode *n = ymap_get(map, key);
	const char *s;
	if (n == NULL)
		return NULL;
	char w[160];
	snprintf(w, sizeof(w), "%s.%s", what, key);
	if (!yget_str(&l->c, n, w, &s))
		return NULL;
	return xdup(l, s);
}

static char *
get_req_str(struct ld *l, const ynode *map, const char *key, const char *what)
{
	const ynode *n = yrequire(&l->c, map, key, what);
	const char *s;
	if (n == NULL)
		return NULL;
	char w[160];
	snprintf(w, sizeof(w), "%s.%s", what, key);
	if (!yget_str(&l->c, n, w, &s))
		return NULL;
	return xdup(l, s);
}

static bool
get_country(struct ld *l, const ynode *map, const char *key, const char *what,
            bool required, char out[3], mf_pos *pos)
{
	const ynode *n = required ? yrequire(&l->c, map, key, what) : ymap_get(map, key);
	if (n == NULL)
		return false;
	if (pos)
		*pos = pos_of(n);
	char w[160];
	snprintf(w, sizeof(w), "%s.%s", what, key);
	return yget_country(&l->c, n, w, out);
}

static const char *const holder_keys[] = {"name", "country", "float", "capital", "voting",
	"veto", "board_seats", "shareholders", NULL};

static void
load_holders(struct ld *l, const ynode *seq, const char *what, unsigned depth,
             mf_holder **out, size_t *nout)
{
	if (depth > SC_MAX_SHAREHOLDER_DEPTH && seq && seq->kind == YN_SEQ && seq->n) {
		yerr(&l->c, seq, "limit", "%s: shareholders nested deeper than %u levels",
		     what, SC_MAX_SHAREHOLDER_DEPTH);
		return;
	}
	mf_holder *h = list_alloc(l, seq, what, sizeof(*h), nout);
	size_t k = *nout;
	*out = h;
	if (h == NULL)
		return;
	for (size_t i = 0; i < k; i++) {
		const ynode *n = seq->kids[i];
		char w[256];
		snprintf(w, sizeof(w), "%s[%zu]", what, i);
		h[i].pos = pos_of(n);
		if (!yexpect_map(&l->c, n, w))
			continue;
		ymap_check_keys(&l->c, n, holder_keys, "a shareholder");
		h[i].name = get_req_str(l, n, "name", w);
		const ynode *v;
		char w2[300];
		if ((v = ymap_get(n, "float")) != NULL) {
			snprintf(w2, sizeof(w2), "%s.float", w);
			yget_bool(&l->c, v, w2, &h[i].is_float);
		}
		/* A free float has no country: its holders are dispersed and
		 * undeclared (19.6.b counts it both ways). */
		if (h[i].is_float) {
			if (ymap_get(n, "country") != NULL)
				yerr(&l->c, ymap_get(n, "country"), "float-country",
				     "%s: a free float (float: true) has no country; declare a holder "
				     "with a known country as a holder of its own", w);
			if (ymap_get(n, "shareholders") != NULL)
				yerr(&l->c, ymap_get(n, "shareholders"), "float-holders",
				     "%s: a free float has no declared holders", w);
		} else {
			get_country(l, n, "country", w, true, h[i].country, NULL);
		}
		if ((v = ymap_get(n, "capital")) != NULL) {
			snprintf(w2, sizeof(w2), "%s.capital", w);
			h[i].has_capital = yget_number(&l->c, v, w2, 0, 100, &h[i].capital);
		}
		if ((v = ymap_get(n, "voting")) != NULL) {
			snprintf(w2, sizeof(w2), "%s.voting", w);
			h[i].has_voting = yget_number(&l->c, v, w2, 0, 100, &h[i].voting);
		}
		if (ymap_get(n, "capital") == NULL && ymap_get(n, "voting") == NULL)
			yerr(&l->c, n, "missing-key",
			     "%s: a shareholder needs 'capital' or 'voting' (percent)", w);
		if ((v = ymap_get(n, "veto")) != NULL) {
			snprintf(w2, sizeof(w2), "%s.veto", w);
			yget_bool(&l->c, v, w2, &h[i].veto);
		}
		if ((v = ymap_get(n, "board_seats")) != NULL) {
			snprintf(w2, sizeof(w2), "%s.board_seats", w);
			h[i].has_board_seats = yget_int(&l->c, v, w2, 0, 1000, &h[i].board_seats);
		}
		snprintf(w2, sizeof(w2), "%s.shareholders", w);
		load_holders(l, ymap_get(n, "shareholders"), w2, depth + 1,
		             &h[i].holders, &h[i].nholders);
	}
	/* The holders of one entity cannot hold more than all of it. */
	double cap = 0, vot = 0;
	for (size_t i = 0; i < k; i++) {
		cap += h[i].has_capital ? h[i].capital : 0;
		vot += h[i].has_voting ? h[i].voting : 0;
	}
	if (cap > 100.0 + 1e-9)
		yerr(&l->c, seq, "shares-sum", "%s: capital percentages add up to more than 100", what);
	if (vot > 100.0 + 1e-9)
		yerr(&l->c, seq, "shares-sum", "%s: voting percentages add up to more than 100", what);
}

static const char *const provider_keys[] = {"name", "registered_office",
	"central_administration", "principal_establishment", "board_seats",
	"shareholders", "government_links", NULL};
static const char *const govlink_keys[] = {"country", "description", NULL};

static void
load_provider(struct ld *l, const ynode *n, mf_provider *p)
{
	if (n == NULL || !yexpect_map(&l->c, n, "provider"))
		return;
	p->present = true;
	p->pos = pos_of(n);
	ymap_check_keys(&l->c, n, provider_keys, "provider");
	p->name = get_req_str(l, n, "name", "provider");
	get_country(l, n, "registered_office", "provider", false, p->registered_office,
	            &p->pos_registered_office);
	get_country(l, n, "central_administration", "provider", false,
	            p->central_administration, &p->pos_central_administration);
	get_country(l, n, "principal_establishment", "provider", false,
	            p->principal_establishment, &p->pos_principal_establishment);
	const ynode *v;
	if ((v = ymap_get(n, "board_seats")) != NULL)
		p->has_board_seats = yget_int(&l->c, v, "provider.board_seats", 1, 1000,
		                              &p->board_seats);
	if ((v = ymap_get(n, "shareholders")) != NULL) {
		p->has_shareholders = true;
		load_holders(l, v, "provider.shareholders", 1, &p->holders, &p->nholders);
	}
	if ((v = ymap_get(n, "government_links")) != NULL) {
		p->has_government_links = true;
		p->govlinks = list_alloc(l, v, "provider.government_links", sizeof(*p->govlinks),
		                         &p->ngovlinks);
		for (size_t i = 0; i < p->ngovlinks; i++) {
			const ynode *g = v->kids[i];
			char w[96];
			snprintf(w, sizeof(w), "provider.government_links[%zu]", i);
			p->govlinks[i].pos = pos_of(g);
			if (!yexpect_map(&l->c, g, w))
				continue;
			ymap_check_keys(&l->c, g, govlink_keys, "a government link");
			get_country(l, g, "country", w, true, p->govlinks[i].country, NULL);
			p->govlinks[i].description = get_req_str(l, g, "description", w);
		}
	}
}

static const char *const locations_keys[] = {"data", "administration", "support", NULL};
static const char *const site_keys[] = {"site", "country", "holds", NULL};
static const char *const support_keys[] = {"country", "operations", "supervision",
	"data_access", NULL};
static const char *const supervision_keys[] = {"in_place", "description", NULL};

/* A supervision written as a sentence that says it is not there: "none",
 * "none yet", "not yet in place", "planned for 2027", "TBD", "aucune"… */
static bool
says_none(const char *s)
{
	static const char *const whole[] = {"no", "n/a", "na", "tbd", "todo", "to do", "non",
		"nothing", "néant", NULL};
	static const char *const lead[] = {"none", "not yet", "not in place", "planned",
		"to be defined", "to be decided", "to be implemented", "pending", "aucune", "aucun",
		"pas encore", "à venir", "a venir", "à définir", "a definir", "prévu", "prevu", NULL};
	char b[128];
	size_t n = 0;
	for (const char *p = s; *p && n + 1 < sizeof(b); p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c == '.' || c == '!' || c == ',' || c == ';' || c == ':' || c == '(' ||
		    c == ')' || c == '\t' || c == '\n')
			c = ' ';
		if (c == ' ' && (n == 0 || b[n - 1] == ' '))
			continue;
		b[n++] = c;
	}
	while (n > 0 && b[n - 1] == ' ')
		n--;
	b[n] = '\0';
	if (n == 0)
		return true;
	for (size_t i = 0; whole[i]; i++)
		if (strcmp(b, whole[i]) == 0)
			return true;
	for (size_t i = 0; lead[i]; i++) {
		size_t k = strlen(lead[i]);
		if (strncmp(b, lead[i], k) == 0 && (b[k] == '\0' || b[k] == ' '))
			return true;
	}
	return false;
}

static void
load_locations(struct ld *l, const ynode *n, sc_manifest *m)
{
	if (n == NULL || !yexpect_map(&l->c, n, "locations"))
		return;
	m->has_locations = true;
	ymap_check_keys(&l->c, n, locations_keys, "locations");
	const ynode *d = ymap_get(n, "data");
	m->sites = list_alloc(l, d, "locations.data", sizeof(*m->sites), &m->nsites);
	for (size_t i = 0; i < m->nsites; i++) {
		const ynode *s = d->kids[i];
		char w[64];
		snprintf(w, sizeof(w), "locations.data[%zu]", i);
		m->sites[i].pos = pos_of(s);
		if (!yexpect_map(&l->c, s, w))
			continue;
		ymap_check_keys(&l->c, s, site_keys, "a data site");
		m->sites[i].site = get_req_str(l, s, "site", w);
		get_country(l, s, "country", w, true, m->sites[i].country, NULL);
		const ynode *h = yrequire(&l->c, s, "holds", w);
		size_t hk = seq_len(l, h, "holds");
		if (h && hk == 0 && h->kind == YN_SEQ)
			yerr(&l->c, h, "empty", "%s.holds must list what the site holds", w);
		for (size_t j = 0; j < hk; j++) {
			int e;
			char w2[96];
			snprintf(w2, sizeof(w2), "%s.holds[%zu]", w, j);
			if (yget_enum(&l->c, h->kids[j], w2, mf_holds_names, &e))
				m->sites[i].holds |= MF_HOLDS_BIT(e);
		}
	}
	const ynode *a = ymap_get(n, "administration");
	if (a != NULL) {
		m->has_administration = true;
		m->pos_admin = pos_of(a);
		size_t k = 0;
		m->admin = list_alloc(l, a, "locations.administration", sizeof(*m->admin), &k);
		for (size_t i = 0; i < k; i++) {
			char w[64];
			snprintf(w, sizeof(w), "locations.administration[%zu]", i);
			if (yget_country(&l->c, a->kids[i], w, m->admin[m->nadmin]))
				m->nadmin++;
		}
	}
	const ynode *s = ymap_get(n, "support");
	if (s != NULL) {
		m->has_support = true;
		m->support = list_alloc(l, s, "locations.support", sizeof(*m->support), &m->nsupport);
		for (size_t i = 0; i < m->nsupport; i++) {
			const ynode *e = s->kids[i];
			char w[64];
			snprintf(w, sizeof(w), "locations.support[%zu]", i);
			m->support[i].pos = pos_of(e);
			if (!yexpect_map(&l->c, e, w))
				continue;
			ymap_check_keys(&l->c, e, support_keys, "a support location");
			get_country(l, e, "country", w, true, m->support[i].country, NULL);
			char w2[96];
			snprintf(w2, sizeof(w2), "%s.operations", w);
			get_strlist(l, ymap_get(e, "operations"), w2, &m->support[i].operations);
			mf_support *su = &m->support[i];
			su->data_access = MF_DATA_METADATA;
			const ynode *v;
			int en;
			snprintf(w2, sizeof(w2), "%s.data_access", w);
			if ((v = ymap_get(e, "data_access")) != NULL &&
			    yget_enum(&l->c, v, w2, mf_data_names, &en))
				su->data_access = (mf_data)en;
			/* supervision: a sentence, or {in_place, description}. */
			if ((v = ymap_get(e, "supervision")) != NULL && v->kind == YN_MAP) {
				snprintf(w2, sizeof(w2), "%s.supervision", w);
				ymap_check_keys(&l->c, v, supervision_keys, "a supervision");
				const ynode *ip = yrequire(&l->c, v, "in_place", w2);
				char w3[128];
				snprintf(w3, sizeof(w3), "%s.in_place", w2);
				if (ip)
					yget_bool(&l->c, ip, w3, &su->supervision_in_place);
				su->supervision = get_req_str(l, v, "description", w2);
			} else if (v != NULL) {
				su->supervision = get_opt_str(l, e, "supervision", w);
				su->supervision_in_place = su->supervision && !says_none(su->supervision);
			}
		}
	}
}

static const char *const endpoint_keys[] = {"host", "port", "role", "data", "tls", NULL};

/* A DNS name (RFC 1035 letters-digits-hyphen labels, underscore tolerated)
 * or an IP literal. */
static bool
host_valid(const char *h)
{
	size_t len = strlen(h);
	if (len == 0 || len > SC_MAX_NAME_LEN)
		return false;
	bool ipv6 = strchr(h, ':') != NULL;
	if (ipv6) {
		for (const char *p = h; *p; p++)
			if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ||
			      (*p >= 'A' && *p <= 'F') || *p == ':' || *p == '.'))
				return false;
		return true;
	}
	size_t lab = 0;
	for (const char *p = h; *p; p++) {
		char c = *p;
		if (c == '.') {
			if (lab == 0)
				return false;
			lab = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
		if (++lab > 63)
			return false;
	}
	return true;
}

static void
load_endpoints(struct ld *l, const ynode *n, sc_manifest *m)
{
	m->has_endpoints = n != NULL;
	m->endpoints = list_alloc(l, n, "endpoints", sizeof(*m->endpoints), &m->nendpoints);
	for (size_t i = 0; i < m->nendpoints; i++) {
		const ynode *e = n->kids[i];
		mf_endpoint *ep = &m->endpoints[i];
		char w[64];
		snprintf(w, sizeof(w), "endpoints[%zu]", i);
		ep->pos = pos_of(e);
		ep->port = 443;
		ep->role = MF_ROLE_OTHER;
		ep->data = MF_DATA_NONE;
		if (!yexpect_map(&l->c, e, w))
			continue;
		ymap_check_keys(&l->c, e, endpoint_keys, "an endpoint");
		ep->host = get_req_str(l, e, "host", w);
		if (ep->host && !host_valid(ep->host))
			yerr(&l->c, ymap_get(e, "host"), "host",
			     "%s.host: '%s' is not a DNS name or an IP address", w, ep->host);
		const ynode *v;
		char w2[96];
		if ((v = ymap_get(e, "port")) != NULL) {
			snprintf(w2, sizeof(w2), "%s.port", w);
			yget_int(&l->c, v, w2, 1, 65535, &ep->port);
		}
		int en;
		snprintf(w2, sizeof(w2), "%s.role", w);
		if ((v = yrequire(&l->c, e, "role", w)) != NULL &&
		    yget_enum(&l->c, v, w2, mf_role_names, &en))
			ep->role = (mf_role)en;
		snprintf(w2, sizeof(w2), "%s.data", w);
		if ((v = yrequire(&l->c, e, "data", w)) != NULL &&
		    yget_enum(&l->c, v, w2, mf_data_names, &en))
			ep->data = (mf_data)en;
		/* TLS by default on 443 (and the other TLS-only well-known ports). */
		ep->tls = ep->port == 443 || ep->port == 8443 || ep->port == 636 ||
		          ep->port == 993 || ep->port == 995 || ep->port == 465;
		if ((v = ymap_get(e, "tls")) != NULL) {
			snprintf(w2, sizeof(w2), "%s.tls", w);
			yget_bool(&l->c, v, w2, &ep->tls);
		}
	}
}

/* ---- DORA register of information: functions, critical, LEI ---- */

/* The ISO 7064 MOD 97-10 remainder of an LEI's characters (letters count
 * as 10..35, digits as themselves), computed digit by digit so that no
 * number grows past 97 * 100. */
static unsigned
lei_mod97(const char *s, size_t n)
{
	unsigned r = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned v = s[i] >= '0' && s[i] <= '9' ? (unsigned)(s[i] - '0') :
		             (unsigned)(s[i] - 'A') + 10;
		r = v >= 10 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
	}
	return r;
}

/* The node of one character of a one-line scalar, for an error at its
 * column: the scalar's column, its opening quote, then the offset. */
static ynode
char_node(const ynode *n, size_t i)
{
	ynode at = *n;
	if (memchr(n->str, '\n', n->len) == NULL && i < 1000)
		at.col = n->col + (n->plain ? 0 : 1) + (unsigned)i;
	return at;
}

/* lei: ISO 17442 — 20 characters, the first 18 upper-case letters or
 * digits, the last 2 decimal check digits such that the whole is 1 modulo
 * 97 (ISO 7064 MOD 97-10). A lower-case LEI is refused, not folded: the
 * register carries it as GLEIF publishes it. */
static void
get_lei(struct ld *l, const ynode *map, const char *what, char out[21])
{
	const ynode *n = ymap_get(map, "lei");
	const char *s;
	char w[300];
	snprintf(w, sizeof(w), "%s.lei", what);
	if (n == NULL || !yget_str(&l->c, n, w, &s))
		return;
	size_t len = strlen(s);
	if (len != n->len || len != 20) {
		yerr(&l->c, n, "lei", "%s: '%s' has %zu characters; an LEI has 20 (ISO 17442)",
		     w, len <= 40 ? s : "…", len);
		return;
	}
	for (size_t i = 0; i < 20; i++) {
		char ch = s[i];
		bool digit = ch >= '0' && ch <= '9', upper = ch >= 'A' && ch <= 'Z';
		if (i < 18 ? !(digit || upper) : !digit) {
			ynode at = char_node(n, i);
			if (ch >= 'a' && ch <= 'z')
				yerr(&l->c, &at, "lei", "%s: character %zu '%c' is lower case; an LEI is "
				     "written in upper case (ISO 17442)", w, i + 1, ch);
			else
				yerr(&l->c, &at, "lei", "%s: character %zu is not %s (ISO 17442)", w, i + 1,
				     i < 18 ? "an upper-case letter or a digit" : "a check digit");
			return;
		}
	}
	if (lei_mod97(s, 20) != 1) {
		char base[21];
		memcpy(base, s, 18);
		memcpy(base + 18, "00", 3);
		unsigned want = 98 - lei_mod97(base, 20);
		ynode at = char_node(n, 18);
		yerr(&l->c, &at, "lei", "%s: '%s' fails the ISO 17442 check (MOD 97-10): the check "
		     "digits of %.18s are %02u, not %.2s", w, s, s, want, s + 18);
		return;
	}
	memcpy(out, s, 21);
}

/* functions: the ids of the critical or important functions it supports
 * (short ids: letters, digits, '-', '_', '.', at most 64), each once. */
static void
get_functions(struct ld *l, const ynode *map, const char *what, mf_sub *s)
{
	const ynode *n = ymap_get(map, "functions");
	char w[300];
	snprintf(w, sizeof(w), "%s.functions", what);
	if (n == NULL)
		return;
	if (n->kind != YN_SEQ) {
		yerr(&l->c, n, "type", "%s must be a list of function ids (functions: [payments])", w);
		return;
	}
	get_strlist(l, n, w, &s->functions);
	for (size_t i = 0; i < s->functions.n; i++) {
		const char *f = s->functions.v[i];
		size_t len = strlen(f);
		bool ok = len > 0 && len <= 64;
		for (size_t k = 0; ok && k < len; k++)
			ok = (f[k] >= 'a' && f[k] <= 'z') || (f[k] >= 'A' && f[k] <= 'Z') ||
			     (f[k] >= '0' && f[k] <= '9') || f[k] == '-' || f[k] == '_' || f[k] == '.';
		if (!ok)
			yerr(&l->c, n->kids[i], "function", "%s[%zu]: a function id is 1 to 64 letters, "
			     "digits, '-', '_' or '.' (payments, core-banking)", w, i);
		for (size_t k = 0; ok && k < i; k++)
			if (strcmp(s->functions.v[k], f) == 0)
				yerr(&l->c, n->kids[i], "duplicate", "%s[%zu]: '%s' is listed twice", w, i, f);
	}
}

static const char *const sub_keys[] = {"name", "country", "parent", "parent_country",
	"service", "relationship", "data_access", "secnumcloud", "alternatives", "autonomy",
	"hosts", "subcontractors", "functions", "critical", "lei", NULL};
static const char *const autonomy_keys[] = {"basis", "description", "evidence", NULL};

static void
load_subs(struct ld *l, const ynode *seq, const char *what, unsigned level,
          mf_sub **out, size_t *nout)
{
	if (level > SC_MAX_SUBCONTRACTOR_DEPTH && seq && seq->kind == YN_SEQ && seq->n) {
		yerr(&l->c, seq, "limit", "%s: subcontracting nested deeper than %u levels",
		     what, SC_MAX_SUBCONTRACTOR_DEPTH);
		return;
	}
	mf_sub *s = list_alloc(l, seq, what, sizeof(*s), nout);
	size_t k = *nout;
	*out = s;
	if (s == NULL)
		return;
	for (size_t i = 0; i < k; i++) {
		const ynode *n = seq->kids[i];
		char w[256], w2[300];
		snprintf(w, sizeof(w), "%s[%zu]", what, i);
		s[i].pos = pos_of(n);
		s[i].level = level;
		s[i].data_access = MF_DATA_CUSTOMER; /* fail closed if unreadable */
		if (!yexpect_map(&l->c, n, w))
			continue;
		ymap_check_keys(&l->c, n, sub_keys, "a subcontractor");
		s[i].name = get_req_str(l, n, "name", w);
		get_country(l, n, "country", w, true, s[i].country, NULL);
		s[i].parent = get_opt_str(l, n, "parent", w);
		get_country(l, n, "parent_country", w, false, s[i].parent_country, NULL);
		if (s[i].parent && !s[i].parent_country[0] && ymap_get(n, "parent_country") == NULL)
			yerr(&l->c, ymap_get(n, "parent"), "missing-key",
			     "%s: 'parent' is declared without 'parent_country'", w);
		s[i].service = get_req_str(l, n, "service", w);
		const ynode *v;
		int en;
		snprintf(w2, sizeof(w2), "%s.data_access", w);
		if ((v = yrequire(&l->c, n, "data_access", w)) != NULL &&
		    yget_enum(&l->c, v, w2, mf_data_names, &en))
			s[i].data_access = (mf_data)en;
		if ((v = ymap_get(n, "secnumcloud")) != NULL) {
			snprintf(w2, sizeof(w2), "%s.secnumcloud", w);
			yget_bool(&l->c, v, w2, &s[i].secnumcloud);
		}
		snprintf(w2, sizeof(w2), "%s.relationship", w);
		s[i].rels = get_enum_set(l, ymap_get(n, "relationship"), w2, mf_rel_names);
		snprintf(w2, sizeof(w2), "%s.alternatives", w);
		get_strlist(l, ymap_get(n, "alternatives"), w2, &s[i].alternatives);
		if ((v = ymap_get(n, "autonomy")) != NULL) {
			snprintf(w2, sizeof(w2), "%s.autonomy", w);
			if (yexpect_map(&l->c, v, w2)) {
				ymap_check_keys(&l->c, v, autonomy_keys, "an autonomy");
				const ynode *b = yrequire(&l->c, v, "basis", w2);
				char w3[340];
				snprintf(w3, sizeof(w3), "%s.basis", w2);
				if (b && yget_enum(&l->c, b, w3, mf_basis_names, &en)) {
					s[i].has_autonomy = true;
					s[i].autonomy_basis = (mf_basis)en;
				}
				s[i].autonomy_description = get_req_str(l, v, "description", w2);
				s[i].autonomy_evidence = get_opt_str(l, v, "evidence", w2);
				const ynode *q = ymap_get(n, "secnumcloud");
				if (s[i].has_autonomy && s[i].autonomy_basis == MF_BASIS_QUALIFIED &&
				    q != NULL && !s[i].secnumcloud)
					yerr(&l->c, b, "autonomy-qualified",
					     "%s: basis 'qualified' says the third party is SecNumCloud-"
					     "qualified, but secnumcloud is false", w2);
			}
		}
		snprintf(w2, sizeof(w2), "%s.hosts", w);
		get_strlist(l, ymap_get(n, "hosts"), w2, &s[i].hosts);
		for (size_t j = 0; j < s[i].hosts.n; j++)
			if (!host_valid(s[i].hosts.v[j]))
				yerr(&l->c, ymap_get(n, "hosts")->kids[j], "host",
				     "%s[%zu]: '%s' is not a DNS name or an IP address", w2, j,
				     s[i].hosts.v[j]);
		/* DORA: critical: false contradicts a list of the critical
		 * functions it supports. */
		get_functions(l, n, w, &s[i]);
		get_lei(l, n, w, s[i].lei);
		if ((v = ymap_get(n, "critical")) != NULL) {
			snprintf(w2, sizeof(w2), "%s.critical", w);
			if (yget_bool(&l->c, v, w2, &s[i].critical) && !s[i].critical &&
			    s[i].functions.n > 0)
				yerr(&l->c, v, "critical", "%s: false, but functions lists %zu critical or "
				     "important %s it supports", w2, s[i].functions.n,
				     s[i].functions.n == 1 ? "function" : "functions");
		}
		if (s[i].functions.n > 0)
			s[i].critical = true;
		snprintf(w2, sizeof(w2), "%s.subcontractors", w);
		load_subs(l, ymap_get(n, "subcontractors"), w2, level + 1, &s[i].subs,
		          &s[i].nsubs);
	}
}

static const char *const mitigation_keys[] = {"id", "kind", "description", "applies_to",
	"effect", "strength", NULL};

static void
load_mitigations(struct ld *l, const ynode *n, sc_manifest *m)
{
	m->mitigations = list_alloc(l, n, "mitigations", sizeof(*m->mitigations),
	                            &m->nmitigations);
	for (size_t i = 0; i < m->nmitigations; i++) {
		const ynode *e = n->kids[i];
		mf_mitigation *mi = &m->mitigations[i];
		char w[64], w2[96];
		snprintf(w, sizeof(w), "mitigations[%zu]", i);
		mi->pos = pos_of(e);
		if (!yexpect_map(&l->c, e, w))
			continue;
		ymap_check_keys(&l->c, e, mitigation_keys, "a mitigation");
		mi->id = get_req_str(l, e, "id", w);
		mi->description = get_req_str(l, e, "description", w);
		snprintf(w2, sizeof(w2), "%s.applies_to", w);
		const ynode *a = yrequire(&l->c, e, "applies_to", w);
		get_strlist(l, a, w2, &mi->applies_to);
		const ynode *v;
		int en;
		mi->kind = MF_MKIND_NONE;
		mi->strength = 1;
		snprintf(w2, sizeof(w2), "%s.kind", w);
		if ((v = ymap_get(e, "kind")) != NULL) {
			/* The effect of a typed mitigation follows from its kind. */
			if (yget_enum(&l->c, v, w2, mf_mkind_names, &en))
				mi->kind = (mf_mkind)en;
			static const char *const fixed[] = {"effect", "strength"};
			for (size_t j = 0; j < 2; j++)
				if (ymap_get(e, fixed[j]) != NULL)
					yerr(&l->c, ymap_get(e, fixed[j]), "mitigation-effect",
					     "%s.%s: the effect of a mitigation of kind '%s' is fixed by its "
					     "kind (docs/manifest.md); remove '%s'", w, fixed[j],
					     v->str ? v->str : "?", fixed[j]);
		} else {
			/* Before kinds: effect and strength as written, counted for
			 * nothing (a mitigation lowers a risk by what it is). */
			snprintf(w2, sizeof(w2), "%s.effect", w);
			if ((v = yrequire(&l->c, e, "effect", w)) != NULL &&
			    yget_enum(&l->c, v, w2, mf_effect_names, &en))
				mi->effect = (mf_effect)en;
			snprintf(w2, sizeof(w2), "%s.strength", w);
			if ((v = yrequire(&l->c, e, "strength", w)) != NULL)
				yget_int(&l->c, v, w2, 1, 3, &mi->strength);
			ywarn(&l->c, e, "mitigation-kind",
			      "%s: no kind: the mitigation is recorded but lowers no risk and closes "
			      "no access path; give it a kind (customer-held-keys, eu-held-keys, "
			      "no-remote-access, supervised-access, update-review, data-minimisation, "
			      "contractual)", w);
		}
		for (size_t j = 0; j < i; j++)
			if (mi->id && m->mitigations[j].id && strcmp(mi->id, m->mitigations[j].id) == 0)
				yerr(&l->c, ymap_get(e, "id"), "duplicate-id",
				     "%s: mitigation id '%s' is already used at line %u", w, mi->id,
				     m->mitigations[j].pos.line);
	}
}

static const char *const waiver_keys[] = {"requirement", "subject", "reason",
	"approved_by", "expires", NULL};

static void
load_waivers(struct ld *l, const ynode *n, sc_manifest *m)
{
	m->waivers = list_alloc(l, n, "waivers", sizeof(*m->waivers), &m->nwaivers);
	for (size_t i = 0; i < m->nwaivers; i++) {
		const ynode *e = n->kids[i];
		mf_waiver *wv = &m->waivers[i];
		char w[64], w2[96];
		snprintf(w, sizeof(w), "waivers[%zu]", i);
		wv->pos = pos_of(e);
		if (!yexpect_map(&l->c, e, w))
			continue;
		ymap_check_keys(&l->c, e, waiver_keys, "a waiver");
		wv->requirement = get_req_str(l, e, "requirement", w);
		wv->subject = get_req_str(l, e, "subject", w);
		wv->reason = get_req_str(l, e, "reason", w);
		wv->approved_by = get_req_str(l, e, "approved_by", w);
		const ynode *v = yrequire(&l->c, e, "expires", w);
		snprintf(w2, sizeof(w2), "%s.expires", w);
		if (v)
			yget_date(&l->c, v, w2, wv->expires);
	}
}

static const char *const treatment_keys[] = {"risk", "decision", "by", "date", "note", NULL};

/* A register id as the assess stage writes it: R-CC-slug-nexus. */
static bool
risk_id_valid(const char *s)
{
	size_t n = strlen(s);
	if (n < 8 || n > 96 || strncmp(s, "R-", 2) != 0 || s[2] < 'A' || s[2] > 'Z' ||
	    s[3] < 'A' || s[3] > 'Z' || s[4] != '-')
		return false;
	for (size_t i = 5; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return s[n - 1] != '-';
}

static void
load_treatments(struct ld *l, const ynode *n, sc_manifest *m)
{
	m->treatments = list_alloc(l, n, "risk_treatments", sizeof(*m->treatments),
	                           &m->ntreatments);
	for (size_t i = 0; i < m->ntreatments; i++) {
		const ynode *e = n->kids[i];
		mf_treatment *t = &m->treatments[i];
		char w[64], w2[96];
		snprintf(w, sizeof(w), "risk_treatments[%zu]", i);
		t->pos = pos_of(e);
		if (!yexpect_map(&l->c, e, w))
			continue;
		ymap_check_keys(&l->c, e, treatment_keys, "a risk treatment");
		t->risk = get_req_str(l, e, "risk", w);
		if (t->risk && !risk_id_valid(t->risk))
			yerr(&l->c, ymap_get(e, "risk"), "risk-id",
			     "%s.risk: '%s' is not a register id (R-CC-name-nexus, as in "
			     "findings.json risks[].id)", w, t->risk);
		const ynode *v;
		int en;
		snprintf(w2, sizeof(w2), "%s.decision", w);
		if ((v = yrequire(&l->c, e, "decision", w)) != NULL &&
		    yget_enum(&l->c, v, w2, mf_decision_names, &en))
			t->decision = (mf_decision)en;
		t->by = get_req_str(l, e, "by", w);
		snprintf(w2, sizeof(w2), "%s.date", w);
		if ((v = yrequire(&l->c, e, "date", w)) != NULL)
			yget_date(&l->c, v, w2, t->date);
		t->note = get_opt_str(l, e, "note", w);
		for (size_t j = 0; j < i; j++)
			if (t->risk && m->treatments[j].risk && strcmp(t->risk, m->treatments[j].risk) == 0)
				yerr(&l->c, ymap_get(e, "risk"), "duplicate-id",
				     "%s: risk '%s' already has a treatment at line %u", w, t->risk,
				     m->treatments[j].pos.line);
	}
}

static const char *const top_keys[] = {"sovcheck", "service", "provider", "locations",
	"endpoints", "domains", "subcontractors", "mitigations", "waivers", "risk_treatments",
	"sign_off", "sources", "document", "sovereignty", "outside_in", NULL};
static const char *const document_keys[] = {"reference", "version", "classification", "owner",
	"scope", NULL};
static const char *const service_keys[] = {"name", "model", NULL};
static const char *const signoff_keys[] = {"accepted_by", "date", "register", NULL};
static const char *const sources_keys[] = {"zones", "chains", "trust", NULL};

static void
load_root(struct ld *l, const ynode *root, sc_manifest *m)
{
	if (root == NULL) {
		yerr(&l->c, NULL, "empty", "the manifest is empty");
		return;
	}
	if (!yexpect_map(&l->c, root, "the manifest"))
		return;
	ymap_check_keys(&l->c, root, top_keys, "the manifest");
	const ynode *v = yrequire(&l->c, root, "sovcheck", "the manifest");
	if (v != NULL && yget_int(&l->c, v, "sovcheck (schema version)", 0, 1000000, &m->version) &&
	    m->version != 1)
		yerr(&l->c, v, "version", "schema version '%s' is not supported; this sovcheck reads version 1",
		     v->str);

	v = yrequire(&l->c, root, "service", "the manifest");
	if (v != NULL && yexpect_map(&l->c, v, "service")) {
		ymap_check_keys(&l->c, v, service_keys, "service");
		m->service_name = get_req_str(l, v, "name", "service");
		const ynode *mo = ymap_get(v, "model");
		int en;
		if (mo && yget_enum(&l->c, mo, "service.model", mf_model_names, &en)) {
			m->model = (mf_model)en;
			m->has_model = true;
		}
	}
	load_provider(l, ymap_get(root, "provider"), &m->provider);
	load_locations(l, ymap_get(root, "locations"), m);
	load_endpoints(l, ymap_get(root, "endpoints"), m);

	const ynode *d = ymap_get(root, "domains");
	get_strlist(l, d, "domains", &m->domains);
	for (size_t i = 0; i < m->domains.n; i++)
		if (!host_valid(m->domains.v[i]) || strchr(m->domains.v[i], ':'))
			yerr(&l->c, d->kids[i], "domain", "domains[%zu]: '%s' is not a DNS name",
			     i, m->domains.v[i]);

	v = ymap_get(root, "subcontractors");
	if (v != NULL) {
		m->has_subcontractors = true;
		load_subs(l, v, "subcontractors", 1, &m->subs, &m->nsubs);
	}
	load_mitigations(l, ymap_get(root, "mitigations"), m);
	load_waivers(l, ymap_get(root, "waivers"), m);
	load_treatments(l, ymap_get(root, "risk_treatments"), m);
	if (!mf_sovereignty_load(&l->c, ymap_get(root, "sovereignty"), &m->sov))
		l->oom = true;
	if ((v = ymap_get(root, "outside_in")) != NULL)
		yget_bool(&l->c, v, "outside_in", &m->outside_in);

	v = ymap_get(root, "document");
	if (v != NULL && yexpect_map(&l->c, v, "document")) {
		m->pos_document = pos_of(v);
		ymap_check_keys(&l->c, v, document_keys, "document");
		m->doc_reference = get_req_str(l, v, "reference", "document");
		m->doc_version = get_req_str(l, v, "version", "document");
		m->doc_classification = get_req_str(l, v, "classification", "document");
		m->doc_owner = get_opt_str(l, v, "owner", "document");
		const ynode *sc = yrequire(&l->c, v, "scope", "document");
		if (sc != NULL) {
			get_strlist(l, sc, "document.scope", &m->doc_scope);
			if (sc->kind == YN_SEQ && m->doc_scope.n == 0)
				yerr(&l->c, sc, "empty", "document.scope: an empty list covers nothing; name "
				     "the services and offers the document covers");
		}
		m->has_document = m->doc_reference && m->doc_version && m->doc_classification &&
		                  m->doc_scope.n > 0;
	}

	v = ymap_get(root, "sign_off");
	if (v != NULL && yexpect_map(&l->c, v, "sign_off")) {
		m->pos_sign_off = pos_of(v);
		ymap_check_keys(&l->c, v, signoff_keys, "sign_off");
		m->sign_off_by = get_req_str(l, v, "accepted_by", "sign_off");
		const ynode *dt = yrequire(&l->c, v, "date", "sign_off");
		if (dt && yget_date(&l->c, dt, "sign_off.date", m->sign_off_date))
			m->has_sign_off = m->sign_off_by != NULL;
		/* The register digest the acceptance covers (the document prints it). */
		m->sign_off_register = get_opt_str(l, v, "register", "sign_off");
		if (m->sign_off_register) {
			const char *r = m->sign_off_register;
			bool ok = strncmp(r, "sha256:", 7) == 0 && strlen(r) == 71;
			for (size_t i = 7; ok && r[i]; i++)
				ok = (r[i] >= '0' && r[i] <= '9') || (r[i] >= 'a' && r[i] <= 'f');
			if (!ok)
				yerr(&l->c, ymap_get(v, "register"), "register-digest",
				     "sign_off.register: '%s' is not a register digest (sha256: and 64 "
				     "hex digits, as printed in the residual-risk document)", r);
		}
	}
	v = ymap_get(root, "sources");
	if (v != NULL && yexpect_map(&l->c, v, "sources")) {
		ymap_check_keys(&l->c, v, sources_keys, "sources");
		get_strlist(l, ymap_get(v, "zones"), "sources.zones", &m->zones);
		m->chains = get_opt_str(l, v, "chains", "sources");
		get_strlist(l, ymap_get(v, "trust"), "sources.trust", &m->trust);
	}
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	size_t n = (size_t)(slash - path);
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, path, n);
		d[n] = '\0';
	}
	return d;
}

/* Build a manifest from a parsed document; doc is consumed. */
static sc_status
manifest_from_doc(ydoc *doc, const char *name, sc_diags *diags, sc_manifest **ret)
{
	sc_manifest *m = calloc(1, sizeof(*m));
	if (m == NULL) {
		ydoc_free(doc);
		return SC_ERR_NOMEM;
	}
	struct ld l;
	memset(&l, 0, sizeof(l));
	l.c.file = name;
	l.c.diags = diags;
	l.c.failed = doc->errors > 0;
	load_root(&l, doc->root, m);
	ydoc_free(doc);
	m->path = strdup(name);
	m->dir = dir_of(name);
	if (m->path == NULL || m->dir == NULL)
		l.oom = true;
	if (l.oom) {
		sc_manifest_free(m);
		return SC_ERR_NOMEM;
	}
	if (l.c.failed) {
		sc_manifest_free(m);
		return SC_ERR_INVALID;
	}
	*ret = m;
	return SC_OK;
}

sc_status
sc_manifest_parse(const char *buf, size_t len, const char *name, sc_diags *diags,
                  sc_manifest **ret)
{
	ydoc *doc = NULL;
	sc_manifest *m = NULL;
	sc_status st = ydoc_parse(buf, len, name, diags, &doc);
	if (st == SC_OK)
		st = manifest_from_doc(doc, name, diags, &m);
	if (st != SC_OK)
		return st;
	/* Keep the bytes: an evidence bundle carries the manifest it judged. */
	m->source = malloc(len + 1);
	if (m->source == NULL) {
		sc_manifest_free(m);
		return SC_ERR_NOMEM;
	}
	memcpy(m->source, buf, len);
	m->source[len] = '\0';
	m->source_len = len;
	*ret = m;
	return SC_OK;
}

sc_status
sc_manifest_load(const char *path, sc_diags *diags, sc_manifest **ret)
{
	char *buf = NULL;
	size_t len = 0;
	sc_status st = yaml_read_file(path, diags, &buf, &len);
	if (st != SC_OK)
		return st;
	st = sc_manifest_parse(buf, len, path, diags, ret);
	free(buf);
	return st;
}

/* ------------------------------------------------------------- accessors */

const char *
sc_manifest_service_name(const sc_manifest *m)
{
	return m->service_name ? m->service_name : "";
}

const char *
sc_manifest_provider_name(const sc_manifest *m)
{
	return m->provider.name ? m->provider.name : "";
}

size_t
sc_manifest_endpoint_count(const sc_manifest *m)
{
	return m->nendpoints;
}

static size_t
count_subs(const mf_sub *s, size_t n)
{
	size_t c = n;
	for (size_t i = 0; i < n; i++)
		c += count_subs(s[i].subs, s[i].nsubs);
	return c;
}

size_t
sc_manifest_subcontractor_count(const sc_manifest *m)
{
	return count_subs(m->subs, m->nsubs);
}

static size_t
count_holders(const mf_holder *h, size_t n)
{
	size_t c = n;
	for (size_t i = 0; i < n; i++)
		c += count_holders(h[i].holders, h[i].nholders);
	return c;
}

size_t
sc_manifest_shareholder_count(const sc_manifest *m)
{
	return count_holders(m->provider.holders, m->provider.nholders);
}

size_t
sc_manifest_domain_count(const sc_manifest *m)
{
	return m->domains.n;
}

const char *
sc_manifest_dir(const sc_manifest *m)
{
	return m->dir;
}

const char *
sc_manifest_path(const sc_manifest *m)
{
	return m->path;
}

/* ----------------------------------------------------- names added (probe) */

/* Is line (at its start) a top-level key of the block mapping named key? */
static bool
top_key(const char *line, const char *key)
{
	size_t k = strlen(key);
	return strncmp(line, key, k) == 0 && line[k] == ':';
}

static void
yq(strbuf *sb, const char *s)
{
	sb_puts(sb, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_printf(sb, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			sb_printf(sb, "\\x%02x", (unsigned char)*s);
		else
			sb_append(sb, s, 1);
	}
	sb_puts(sb, "\"");
}

sc_status
sc_manifest_with_names(const sc_manifest *claims, const char *const *hosts, const long *ports,
                       size_t n, const char *const *domains, size_t nd, sc_diags *diags,
                       sc_manifest **ret)
{
	if (claims->source == NULL)
		return SC_ERR_USAGE;
	strbuf sb;
	sb_init(&sb);
	/* the claims as written, without their endpoints and domains blocks
	 * (top-level keys, block style: a key at column 0 and what is indented
	 * under it) */
	bool skip = false;
	const char *p = claims->source, *end = p + claims->source_len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		bool column0 = *p != ' ' && *p != '\t' && *p != '#' && *p != '\n' && *p != '\r';
		if (column0)
			skip = top_key(p, "endpoints") || top_key(p, "domains");
		if (!skip)
			sb_append(&sb, p, len);
		p += len;
	}
	if (sb.len && sb.s[sb.len - 1] != '\n')
		sb_puts(&sb, "\n");
	sb_puts(&sb, "endpoints:\n");
	for (size_t i = 0; i < claims->nendpoints; i++) {
		const mf_endpoint *e = &claims->endpoints[i];
		if (e->host == NULL)
			continue;
		sb_puts(&sb, "  - {host: ");
		yq(&sb, e->host);
		sb_printf(&sb, ", port: %ld, role: %s, data: %s, tls: %s}\n", e->port,
		          mf_role_names[e->role], mf_data_names[e->data], e->tls ? "true" : "false");
	}
	for (size_t i = 0; i < n; i++) {
		bool known = false;
		for (size_t k = 0; k < claims->nendpoints && !known; k++)
			known = claims->endpoints[k].host && claims->endpoints[k].port == ports[i] &&
			        strcmp(claims->endpoints[k].host, hosts[i]) == 0;
		if (known)
			continue;
		sb_puts(&sb, "  - {host: ");
		yq(&sb, hosts[i]);
		sb_printf(&sb, ", port: %ld, role: web, data: customer, tls: %s}\n", ports[i],
		          ports[i] == 80 ? "false" : "true");
	}
	if (claims->nendpoints == 0 && n == 0)
		sb_puts(&sb, "  []\n");
	sb_puts(&sb, "domains: [");
	size_t w = 0;
	for (size_t i = 0; i < claims->domains.n; i++, w++) {
		sb_puts(&sb, w ? ", " : "");
		yq(&sb, claims->domains.v[i]);
	}
	for (size_t i = 0; i < nd; i++) {
		bool known = false;
		for (size_t k = 0; k < claims->domains.n && !known; k++)
			known = strcmp(claims->domains.v[k], domains[i]) == 0;
		if (known)
			continue;
		sb_puts(&sb, w++ ? ", " : "");
		yq(&sb, domains[i]);
	}
	sb_puts(&sb, "]\n");
	if (sb.oom) {
		sb_free(&sb);
		return SC_ERR_NOMEM;
	}
	sc_status st = sc_manifest_parse(sb.s, sb.len, claims->path ? claims->path : "claims", diags,
	                                 ret);
	sb_free(&sb);
	return st;
}

/* The first holder whose name folds to fold (base: without its legal form,
 * text_fold_base()), depth first; *count how many holders do. */
static const mf_holder *
holders_find(const mf_holder *hs, size_t n, const char *fold, bool base, unsigned depth,
             size_t *count)
{
	const mf_holder *first = NULL;
	for (size_t i = 0; i < n; i++) {
		char b[512];
		if (hs[i].name && (base ? text_fold_base(hs[i].name, b, sizeof(b)) :
		                   text_fold(hs[i].name, b, sizeof(b))) && strcmp(b, fold) == 0) {
			if (first == NULL)
				first = &hs[i];
			++*count;
			if (!base)
				return first;
		}
		const mf_holder *x = depth < SC_MAX_SHAREHOLDER_DEPTH ?
		                     holders_find(hs[i].holders, hs[i].nholders, fold, base, depth + 1,
		                                  count) : NULL;
		if (x && first == NULL)
			first = x;
		if (first && !base)
			return first;
	}
	return first;
}

/* A declared holder by its name as written (folded); else by its name
 * without the legal form when one holder alone answers so: "Capgemini" is
 * the declared "Capgemini SE". */
const mf_holder *
mf_holders_find(const mf_holder *hs, size_t n, const char *name)
{
	char fold[512];
	size_t count = 0;
	if (name == NULL)
		return NULL;
	const mf_holder *h = text_fold(name, fold, sizeof(fold)) ?
	                     holders_find(hs, n, fold, false, 1, &count) : NULL;
	if (h || text_fold_base(name, fold, sizeof(fold)) == 0)
		return h;
	count = 0;
	h = holders_find(hs, n, fold, true, 1, &count);
	return count == 1 ? h : NULL;
}

bool
mf_holders_name(const mf_holder *hs, size_t n, const char *name)
{
	return mf_holders_find(hs, n, name) != NULL;
}
