/*
 * eval.c — evaluate a policy pack over a manifest (and, when collected,
 * the evidence): one verdict per requirement and per subject.
 *
 * Pure: no I/O, no clock — the evaluation date is injected. Missing
 * declarations and missing evidence give `unknown`, never `pass` (fail
 * closed). A requirement's verdict is the worst of its findings.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eval.h"
#include "graph.h"
#include "manifest.h"
#include "policy.h"
#include "risk.h"
#include "sc-limits.h"
#include "util.h"

const char *const ev_origin_names[] = {"declared", "observed", NULL};
const char *const ev_waiver_status_names[] = {"applied", "expired", "unused",
	"unknown_requirement", NULL};

static const char *const verdict_names[] = {"pass", "fail", "unknown", "waived",
	"not_applicable", NULL};

const char *
sc_verdict_to_string(sc_verdict v)
{
	switch (v) {
	case SC_PASS:
	case SC_FAIL:
	case SC_UNKNOWN:
	case SC_WAIVED:
	case SC_NOT_APPLICABLE:
		return verdict_names[v];
	}
	return "unknown";
}

bool
sc_verdict_from_string(const char *s, sc_verdict *ret)
{
	for (int i = 0; verdict_names[i]; i++) {
		if (strcmp(s, verdict_names[i]) == 0) {
			*ret = (sc_verdict)i;
			return true;
		}
	}
	return false;
}

int
ev_verdict_rank(sc_verdict v)
{
	switch (v) {
	case SC_NOT_APPLICABLE: return 0;
	case SC_PASS: return 1;
	case SC_WAIVED: return 2;
	case SC_UNKNOWN: return 3;
	case SC_FAIL: return 4;
	}
	return 4;
}

/* Comparisons of percentages: products of decimals are not exact in
 * binary ("60 × 40 %" is 23.999999…), so values are compared after rounding
 * to 1e-9 — far below any declared precision. 24 passes, 24.01 fails. */
static bool
pct_gt(double v, double max)
{
	return v - max > 1e-9;
}

/* ------------------------------------------------------------- building */

struct ev {
	const sc_manifest *m;
	const sc_pack *pack;
	const sc_eval_opts *o;
	sc_result *r;
	ev_req *cur;
	long today;          /* days since epoch of the evaluation date */
	bool oom;
};

static ev_finding *
add(struct ev *e, const char *subject, sc_verdict v, ev_origin origin,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static ev_finding *
add(struct ev *e, const char *subject, sc_verdict v, ev_origin origin,
    const char *fmt, ...)
{
	ev_req *q = e->cur;
	if (q->n == q->cap) {
		size_t nc = q->cap ? q->cap * 2 : 8;
		ev_finding *p = realloc(q->f, nc * sizeof(*p));
		if (p == NULL) {
			e->oom = true;
			return NULL;
		}
		q->f = p;
		q->cap = nc;
	}
	ev_finding *f = &q->f[q->n];
	memset(f, 0, sizeof(*f));
	strbuf sb;
	sb_init(&sb);
	va_list ap;
	va_start(ap, fmt);
	char small[4096];
	vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	sb_puts(&sb, small);
	f->subject = strdup(subject ? subject : "");
	f->reason = sb.s ? sb.s : strdup("");
	f->verdict = v;
	f->origin = origin;
	if (f->subject == NULL || f->reason == NULL || sb.oom) {
		free(f->subject);
		free(f->reason);
		e->oom = true;
		return NULL;
	}
	q->n++;
	return f;
}

static void
set_computation(struct ev *e, ev_finding *f, const strbuf *sb)
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
static void
add_evidence(struct ev *e, ev_finding *f, const char *id)
{
	if (f == NULL || id == NULL)
		return;
	if (f->nevidence == 0 || (f->nevidence >= 4 && (f->nevidence & (f->nevidence - 1)) == 0)) {
		size_t cap = f->nevidence ? f->nevidence * 2 : 4;
		char **p = realloc(f->evidence, cap * sizeof(char *));
		if (p == NULL) {
			e->oom = true;
			return;
		}
		f->evidence = p;
	}
	char *d = strdup(id);
	if (d == NULL) {
		e->oom = true;
		return;
	}
	f->evidence[f->nevidence++] = d;
}

static void
add_evidence_list(struct ev *e, ev_finding *f, char *const *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		add_evidence(e, f, ids[i]);
}

static int
id_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *
cname(const char *code)
{
	const char *n = sc_country_name(code);
	return n ? n : code;
}

/* Describe a country set briefly for messages: "EU" / "EU27". */
static const char *
set_id(const pk_check *c)
{
	return c->set ? c->set->id : "?";
}

static void
mask_words(strbuf *sb, unsigned mask, const char *const *names)
{
	bool first = true;
	for (unsigned i = 0; names[i]; i++) {
		if (mask & (1u << i)) {
			sb_printf(sb, "%s%s", first ? "" : "/", names[i]);
			first = false;
		}
	}
}

/* --------------------------------------------------------- date helpers */

static long
days_of(const char *date)
{
	int y, mo, d;
	if (!sc_date_parse(date, &y, &mo, &d))
		return 0;
	return util_days_from_civil(y, mo, d);
}

/* date + months, day clamped to the month's length, as "YYYY-MM-DD". */
static void
add_months(const char *date, long months, char out[11])
{
	int y, mo, d;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!sc_date_parse(date, &y, &mo, &d)) {
		snprintf(out, 11, "0000-00-00");
		return;
	}
	long total = (long)y * 12 + (mo - 1) + months;
	y = (int)(total / 12);
	mo = (int)(total % 12) + 1;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int md = mdays[mo - 1] + (mo == 2 && leap);
	if (d > md)
		d = md;
	char tmp[48];
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y % 10000, mo % 100, d % 100);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

/* ------------------------------------------------------ declared checks */

static void
check_residual_risk_document(struct ev *e)
{
	if (e->o->document)
		add(e, "residual-risk document", SC_PASS, EV_DECLARED,
		    "this run writes the §5.3.d document (residual-risk.<lang>.md): the residual "
		    "risks of every non-EU nexus with the laws that reach it, from the register in "
		    "findings.json; management acceptance is judged under 5.3.g");
	else
		add(e, "residual-risk document", SC_UNKNOWN, EV_DECLARED,
		    "the §5.3.d document is written by 'check -o DIR' (or 'report -o DIR') with the "
		    "md format; this run writes no documents, so it cannot be confirmed");
}

static void
check_sign_off_present(struct ev *e)
{
	const sc_manifest *m = e->m;
	if (!m->has_sign_off)
		add(e, "sign_off", SC_FAIL, EV_DECLARED,
		    "no sign_off: management's formal acceptance of the residual risks is "
		    "not recorded (sign_off.accepted_by, sign_off.date)");
	else
		add(e, "sign_off", SC_PASS, EV_DECLARED, "residual risks accepted by %s on %s",
		    m->sign_off_by, m->sign_off_date);
}

static void
check_sign_off_fresh(struct ev *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_sign_off) {
		add(e, "sign_off", SC_FAIL, EV_DECLARED,
		    "no dated sign-off: the annual review of the risk assessment is not evidenced");
		return;
	}
	char due[11];
	add_months(m->sign_off_date, c->max_months, due);
	long signed_on = days_of(m->sign_off_date);
	if (signed_on > e->today)
		add(e, "sign_off", SC_FAIL, EV_DECLARED,
		    "the sign-off is dated %s, after the evaluation date %s", m->sign_off_date,
		    e->r->date);
	else if (days_of(due) < e->today)
		add(e, "sign_off", SC_FAIL, EV_DECLARED,
		    "the last review (%s) is older than %ld months: it was due again on %s",
		    m->sign_off_date, c->max_months, due);
	else
		add(e, "sign_off", SC_PASS, EV_DECLARED,
		    "reviewed and accepted on %s; next review due by %s", m->sign_off_date, due);
}

static void
check_data_location_documented(struct ev *e)
{
	const sc_manifest *m = e->m;
	if (!m->has_locations || m->nsites == 0) {
		add(e, "locations.data", SC_FAIL, EV_DECLARED,
		    "no data site is declared: where customer data is stored and processed is "
		    "not documented");
		return;
	}
	strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < m->nsites; i++)
		sb_printf(&sb, "%s%s (%s)", i ? ", " : "", m->sites[i].site ? m->sites[i].site : "?",
		          m->sites[i].country);
	add(e, "locations.data", SC_PASS, EV_DECLARED, "%zu data site%s documented: %s",
	    m->nsites, m->nsites == 1 ? "" : "s", sb.s ? sb.s : "");
	if (sb.oom)
		e->oom = true;
	sb_free(&sb);
}

static void
check_sites_in_set(struct ev *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	size_t matched = 0;
	strbuf what;
	sb_init(&what);
	mask_words(&what, c->holds, mf_holds_names);
	for (size_t i = 0; i < m->nsites; i++) {
		const mf_site *s = &m->sites[i];
		unsigned h = s->holds & c->holds;
		if (h == 0)
			continue;
		matched++;
		strbuf held;
		sb_init(&held);
		mask_words(&held, h, mf_holds_names);
		if (pk_set_has(c->set, s->country))
			add(e, s->site, SC_PASS, EV_DECLARED, "site %s holding %s data is in %s (%s)",
			    s->site, held.s ? held.s : "", cname(s->country), set_id(c));
		else
			add(e, s->site, SC_FAIL, EV_DECLARED,
			    "site %s holding %s data is in %s, outside %s", s->site,
			    held.s ? held.s : "", cname(s->country), set_id(c));
		sb_free(&held);
	}
	if (matched == 0)
		add(e, "locations.data", SC_UNKNOWN, EV_DECLARED,
		    "no declared site holds %s data: where it is stored is not documented",
		    what.s ? what.s : "");
	sb_free(&what);
}

static void
check_administration_in_set(struct ev *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_administration || m->nadmin == 0) {
		add(e, "locations.administration", SC_UNKNOWN, EV_DECLARED,
		    "the countries administration and supervision are done from are not declared");
		return;
	}
	for (size_t i = 0; i < m->nadmin; i++) {
		char subj[64];
		snprintf(subj, sizeof(subj), "administration:%s", m->admin[i]);
		if (pk_set_has(c->set, m->admin[i]))
			add(e, subj, SC_PASS, EV_DECLARED, "administration and supervision from %s (%s)",
			    cname(m->admin[i]), set_id(c));
		else
			add(e, subj, SC_FAIL, EV_DECLARED,
			    "administration or supervision from %s, outside %s", cname(m->admin[i]),
			    set_id(c));
	}
}

static void
check_support_documented(struct ev *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_support) {
		add(e, "locations.support", SC_UNKNOWN, EV_DECLARED,
		    "support locations are not declared (locations.support)");
		return;
	}
	if (m->nsupport == 0) {
		add(e, "locations.support", SC_NOT_APPLICABLE, EV_DECLARED,
		    "no support location declared");
		return;
	}
	for (size_t i = 0; i < m->nsupport; i++) {
		const mf_support *s = &m->support[i];
		char subj[64];
		snprintf(subj, sizeof(subj), "support:%s", s->country);
		if (pk_set_has(c->set, s->country)) {
			add(e, subj, SC_PASS, EV_DECLARED, "support from %s (%s)", cname(s->country),
			    set_id(c));
			continue;
		}
		bool ops = s->operations.n > 0, sup = s->supervision != NULL;
		if (ops && sup)
			add(e, subj, SC_PASS, EV_DECLARED,
			    "support from %s (outside %s) is documented: %zu permitted operation%s; "
			    "supervision: %s", cname(s->country), set_id(c), s->operations.n,
			    s->operations.n == 1 ? "" : "s", s->supervision);
		else
			add(e, subj, SC_FAIL, EV_DECLARED,
			    "support from %s (outside %s) lacks %s%s%s", cname(s->country), set_id(c),
			    ops ? "" : "the list of permitted operations",
			    !ops && !sup ? " and " : "",
			    sup ? "" : "how access control and supervision are ensured from the EU");
	}
}

static void
check_seat_in_set(struct ev *e, const pk_check *c)
{
	const mf_provider *p = &e->m->provider;
	static const char *const fields[] = {"registered_office", "central_administration",
		"principal_establishment"};
	static const char *const words[] = {"registered office", "central administration",
		"principal establishment"};
	const char *vals[] = {p->registered_office, p->central_administration,
		p->principal_establishment};
	for (int i = 0; i < 3; i++) {
		char subj[64];
		snprintf(subj, sizeof(subj), "provider.%s", fields[i]);
		if (!p->present || vals[i][0] == '\0')
			add(e, subj, SC_UNKNOWN, EV_DECLARED, "the provider's %s is not declared",
			    words[i]);
		else if (pk_set_has(c->set, vals[i]))
			add(e, subj, SC_PASS, EV_DECLARED, "%s in %s (%s)", words[i], cname(vals[i]),
			    set_id(c));
		else
			add(e, subj, SC_FAIL, EV_DECLARED, "%s in %s, outside %s", words[i],
			    cname(vals[i]), set_id(c));
	}
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
	struct ev *e;
	const pk_check *c;
	struct holding *h;
	size_t n, cap;
	double coll_cap_m, coll_vot_m, coll_cap_c, coll_vot_c;
	strbuf coll_how;
	size_t examined;
};

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
		if (pct_gt(vot_of(&hs[i]), threshold))
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
	if (!is_eu(s, h->country)) {
		*ret_who = h->name;
		return true;
	}
	if (depth > SC_MAX_SHAREHOLDER_DEPTH)
		return false;
	const mf_holder *c = controller_of(h->holders, h->nholders, s->c->control_threshold);
	return c != NULL && noneu_controlled(s, c, ret_who, depth + 1);
}

static void
check_shareholding(struct ev *e, const pk_check *c)
{
	const mf_provider *p = &e->m->provider;
	if (!p->present || !p->has_shareholders) {
		add(e, "provider.shareholders", SC_UNKNOWN, EV_DECLARED,
		    "the provider's shareholders are not declared: the 24 %% / 39 %% caps "
		    "cannot be checked");
		return;
	}
	struct sh s;
	memset(&s, 0, sizeof(s));
	s.e = e;
	s.c = c;
	sb_init(&s.coll_how);
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
		strbuf rs;
		sb_init(&rs);
		sb_printf(&rs, "%s (%s, outside %s) holds %s %% of the capital and %s %% of the "
		          "voting rights, directly or indirectly", h->name, h->country, set_id(c), a, b);
		if (differs) {
			char cc[32], vc[32];
			fmt(cc, sizeof(cc), h->cap_c);
			fmt(vc, sizeof(vc), h->vot_c);
			sb_printf(&rs, " (the stricter of the multiplicative reading, %s %% / %s %%, "
			          "and the control-based reading, %s %% / %s %%)", am, bm, cc, vc);
		}
		sb_printf(&rs, ": %s the individual cap of %s %%", over ? "more than" : "within", imax);
		if (h->assumed)
			sb_puts(&rs, "; where capital or voting was not declared, the other was used");
		ev_finding *f = add(e, h->name, over ? SC_FAIL : SC_PASS, EV_DECLARED, "%s",
		                    rs.s ? rs.s : "");
		if (rs.oom)
			e->oom = true;
		sb_free(&rs);
		set_computation(e, f, &h->how);
	}

	/* Collective cap. */
	double ccap = fmax(s.coll_cap_m, s.coll_cap_c), cvot = fmax(s.coll_vot_m, s.coll_vot_c);
	char a[32], b[32];
	fmt(a, sizeof(a), ccap);
	fmt(b, sizeof(b), cvot);
	bool over = pct_gt(ccap, c->collective_max) || pct_gt(cvot, c->collective_max);
	ev_finding *f = add(e, "non-EU holders (collective)", over ? SC_FAIL : SC_PASS,
	    EV_DECLARED,
	    "holders outside %s together hold %s %% of the capital and %s %% of the voting "
	    "rights, directly or indirectly: %s the collective cap of %s %% "
	    "(%zu holder%s examined at every level)", set_id(c), a, b,
	    over ? "more than" : "within", cmax, s.examined, s.examined == 1 ? "" : "s");
	if (f && s.coll_how.len) {
		strbuf how;
		sb_init(&how);
		char cm[32], cc[32];
		fmt(cm, sizeof(cm), s.coll_cap_m);
		fmt(cc, sizeof(cc), s.coll_cap_c);
		sb_printf(&how, "capital: %s = %s %% (multiplicative); %s %% (control reading)",
		          s.coll_how.s, cm, cc);
		set_computation(e, f, &how);
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
		if (h->veto && ne)
			add(e, h->name, SC_FAIL, EV_DECLARED,
			    "%s has a veto right and is %s outside %s (%s): a non-EU veto is not allowed",
			    h->name, by == h->name ? "seated" : "controlled from", set_id(c),
			    by == h->name ? h->country : by);
		if (ne && h->has_board_seats && h->board_seats > 0) {
			seats += h->board_seats;
			sb_printf(&who, "%s%s (%ld)", who.len ? ", " : "", h->name, h->board_seats);
		}
	}
	if (seats > 0) {
		if (!p->has_board_seats)
			add(e, "provider.board_seats", SC_UNKNOWN, EV_DECLARED,
			    "holders outside %s appoint %ld seat%s (%s) but the board size is not "
			    "declared (provider.board_seats)", set_id(c), seats, seats == 1 ? "" : "s",
			    who.s);
		else if (seats * 2 > p->board_seats)
			add(e, "provider.board_seats", SC_FAIL, EV_DECLARED,
			    "holders outside %s appoint %ld of %ld board seats (%s): a majority",
			    set_id(c), seats, p->board_seats, who.s);
		else
			add(e, "provider.board_seats", SC_PASS, EV_DECLARED,
			    "holders outside %s appoint %ld of %ld board seats (%s): not a majority",
			    set_id(c), seats, p->board_seats, who.s);
	}
	sb_free(&who);
	for (size_t i = 0; i < s.n; i++)
		sb_free(&s.h[i].how);
	free(s.h);
	sb_free(&s.coll_how);
}

/* ---- 19.6.c / 19.6.d / 15.1.a: declared subcontractors ---- */

typedef void (*sub_fn)(struct ev *e, const pk_check *c, const mf_sub *s, const char *path);

static void
walk_subs(struct ev *e, const pk_check *c, const mf_sub *s, size_t n, const char *path,
          sub_fn fn, size_t *count)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i].name == NULL)
			continue;
		(*count)++;
		fn(e, c, &s[i], path);
		char sub[1024];
		snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? " → " : "", s[i].name);
		walk_subs(e, c, s[i].subs, s[i].nsubs, sub, fn, count);
	}
}

static bool
sub_noneu(const pk_check *c, const mf_sub *s, strbuf *why)
{
	bool out = false;
	if (!pk_set_has(c->set, s->country)) {
		sb_printf(why, "seated in %s", cname(s->country));
		out = true;
	}
	if (s->parent_country[0] && !pk_set_has(c->set, s->parent_country)) {
		sb_printf(why, "%scontrolled by %s (%s)", out ? ", " : "",
		          s->parent ? s->parent : "its parent", cname(s->parent_country));
		out = true;
	}
	return out;
}

static const char *
data_words(mf_data d)
{
	switch (d) {
	case MF_DATA_NONE: return "no data";
	case MF_DATA_METADATA: return "metadata";
	case MF_DATA_TECHNICAL: return "technical data about customers";
	case MF_DATA_CUSTOMER: return "customer data";
	}
	return "data";
}

static void
sub_no_access(struct ev *e, const pk_check *c, const mf_sub *s, const char *path)
{
	strbuf why;
	sb_init(&why);
	char lvl[256] = "";
	if (*path)
		snprintf(lvl, sizeof(lvl), " (subcontractor of %s)", path);
	if (!sub_noneu(c, s, &why))
		add(e, s->name, SC_PASS, EV_DECLARED, "%s%s is seated and controlled in %s",
		    s->name, lvl, set_id(c));
	else if (s->data_access == MF_DATA_NONE)
		add(e, s->name, SC_PASS, EV_DECLARED,
		    "%s%s is %s, and is declared with no technical possibility to obtain data "
		    "(data_access: none)", s->name, lvl, why.s);
	else
		add(e, s->name, SC_FAIL, EV_DECLARED,
		    "%s%s is %s and has a technical possibility to obtain %s "
		    "(data_access: %s)", s->name, lvl, why.s, data_words(s->data_access),
		    mf_data_names[s->data_access]);
	sb_free(&why);
}

static void
sub_autonomy(struct ev *e, const pk_check *c, const mf_sub *s, const char *path)
{
	strbuf why;
	sb_init(&why);
	if (sub_noneu(c, s, &why)) {
		if (s->secnumcloud)
			add(e, s->name, SC_PASS, EV_DECLARED, "%s (%s) is SecNumCloud-qualified",
			    s->name, why.s);
		else if ((long)s->alternatives.n >= c->min_alternatives) {
			strbuf alt;
			sb_init(&alt);
			for (size_t i = 0; i < s->alternatives.n; i++)
				sb_printf(&alt, "%s%s", i ? ", " : "", s->alternatives.v[i]);
			add(e, s->name, SC_PASS, EV_DECLARED,
			    "%s (%s) can be replaced: %zu alternatives declared (%s)", s->name,
			    why.s, s->alternatives.n, alt.s);
			sb_free(&alt);
		} else
			add(e, s->name, SC_FAIL, EV_DECLARED,
			    "%s (%s) is not SecNumCloud-qualified and %zu alternative%s declared; "
			    "operating autonomy needs at least %ld", s->name, why.s,
			    s->alternatives.n, s->alternatives.n == 1 ? " is" : "s are",
			    c->min_alternatives);
	}
	sb_free(&why);
}

static void
check_subcontractor_no_access(struct ev *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_subcontractors) {
		add(e, "subcontractors", SC_UNKNOWN, EV_DECLARED,
		    "subcontractors are not declared: third parties' access to data cannot be judged");
		return;
	}
	size_t n = 0;
	walk_subs(e, c, m->subs, m->nsubs, "", sub_no_access, &n);
	if (n == 0)
		add(e, "subcontractors", SC_PASS, EV_DECLARED, "no third party is declared");
}

static void
check_subcontractor_autonomy(struct ev *e, const pk_check *c)
{
	const sc_manifest *m = e->m;
	if (!m->has_subcontractors) {
		add(e, "subcontractors", SC_UNKNOWN, EV_DECLARED,
		    "subcontractors are not declared: operating autonomy cannot be judged");
		return;
	}
	size_t n = 0, before = e->cur->n;
	walk_subs(e, c, m->subs, m->nsubs, "", sub_autonomy, &n);
	if (e->cur->n == before)
		add(e, "subcontractors", SC_NOT_APPLICABLE, EV_DECLARED,
		    "no declared third party is seated or controlled outside %s", set_id(c));
}

static void
count_levels(const mf_sub *s, size_t n, unsigned *maxlvl)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i].level > *maxlvl)
			*maxlvl = s[i].level;
		count_levels(s[i].subs, s[i].nsubs, maxlvl);
	}
}

static void
check_third_parties_listed(struct ev *e)
{
	const sc_manifest *m = e->m;
	if (!m->has_subcontractors) {
		add(e, "subcontractors", SC_FAIL, EV_DECLARED,
		    "the list of third parties is missing (subcontractors)");
		return;
	}
	unsigned lv = 0;
	count_levels(m->subs, m->nsubs, &lv);
	size_t n = sc_manifest_subcontractor_count(m);
	add(e, "subcontractors", SC_PASS, EV_DECLARED,
	    "%zu third part%s declared over %u level%s of subcontracting, each with its "
	    "country, service and data access", n, n == 1 ? "y" : "ies", lv, lv == 1 ? "" : "s");
}

static void
check_government_links(struct ev *e, const pk_check *c)
{
	const mf_provider *p = &e->m->provider;
	if (!p->present || !p->has_government_links) {
		add(e, "provider.government_links", SC_UNKNOWN, EV_DECLARED,
		    "links with governments or public bodies are not declared "
		    "(provider.government_links; write [] for none)");
		return;
	}
	if (p->ngovlinks == 0) {
		add(e, "provider.government_links", SC_PASS, EV_DECLARED,
		    "no link with a government or public body is declared");
		return;
	}
	for (size_t i = 0; i < p->ngovlinks; i++) {
		const mf_govlink *g = &p->govlinks[i];
		char subj[64];
		snprintf(subj, sizeof(subj), "government:%s", g->country);
		if (pk_set_has(c->set, g->country))
			add(e, subj, SC_PASS, EV_DECLARED, "link with a public body of %s (%s): %s",
			    cname(g->country), set_id(c), g->description ? g->description : "");
		else
			add(e, subj, SC_FAIL, EV_DECLARED,
			    "link with a public body of %s, outside %s: %s", cname(g->country),
			    set_id(c), g->description ? g->description : "");
	}
}

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

static void
check_change_notice(struct ev *e, const pk_check *c)
{
	const sc_graph *b = e->o->baseline, *g = e->o->graph;
	if (b == NULL || g == NULL || g->ev == NULL) {
		add(e, "changes", SC_NOT_APPLICABLE, EV_DECLARED,
		    "no baseline evidence was given: changes affecting 19.6 are detected against an "
		    "earlier bundle (--baseline); customers must be told of any within %ld days",
		    c->notice_days);
		return;
	}
	const char *since = b->ev && b->ev->date[0] ? b->ev->date : "?";
	char due[11];
	/* "within one month": the notice period runs from the evaluation date,
	 * when the change is first seen. */
	add_months(e->r->date, 1, due);
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
		ev_finding *f = add(e, sc_entity_name(o->entity), SC_FAIL, EV_OBSERVED,
		    "new dependency since the baseline of %s: %s, controlled %s%s, revealed by %s; "
		    "customers must be formally informed within one month of the change, at the "
		    "latest by %s (%ld days)", since, sc_entity_name(o->entity),
		    cc ? "from " : "by an unknown controller", cc ? cname(cc) : "",
		    o->npaths ? o->paths[0] : "?", due, c->notice_days);
		add_evidence_list(e, f, o->evidence, o->nevidence);
	}
	if (found == 0)
		add(e, "changes", SC_PASS, EV_OBSERVED,
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
describe_ip(strbuf *sb, const gn_dep *d)
{
	sb_printf(sb, "%s (%s", d->subject, d->location[0] ? d->location : "location unknown");
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

/* 19.2.b / 19.2.d / 19.2.c: where the addresses of selected endpoints are,
 * and (admin) who controls them. */
static void
check_observed_location(struct ev *e, const pk_check *c, bool need_control)
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
			ev_finding *f = add(e, ep->host, SC_UNKNOWN, EV_OBSERVED,
			    "the addresses of %s are not known: %s", ep->host,
			    ge->dns_problem ? ge->dns_problem : "not resolved");
			add_evidence(e, f, ge->dns_id);
			continue;
		}
		bool bad = false, unk = false;
		strbuf why, list;
		sb_init(&why);
		sb_init(&list);
		for (size_t k = 0; k < ge->nips; k++) {
			const gn_dep *d = &g->deps[ge->ips[k]];
			sb_puts(&list, k ? "; " : "");
			describe_ip(&list, d);
			if (d->anycast) {
				unk = true;
				sb_printf(&why, "%s%s is anycast: it has no single location", why.len ? "; " : "",
				          d->subject);
			} else if (!d->location[0]) {
				unk = true;
				sb_printf(&why, "%sno geolocation database knows %s", why.len ? "; " : "",
				          d->subject);
			} else if (!pk_set_has(c->set, d->location)) {
				bad = true;
				sb_printf(&why, "%s%s is located in %s, outside %s", why.len ? "; " : "",
				          d->subject, cname(d->location), set_id(c));
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
					          cc ? cname(cc) : "an unknown country");
				}
			}
		}
		sc_verdict v = bad ? SC_FAIL : unk ? SC_UNKNOWN : SC_PASS;
		ev_finding *f;
		if (v == SC_PASS)
			f = add(e, ep->host, v, EV_OBSERVED, "every address of %s (%s %s endpoint) is in %s%s: %s",
			        ep->host, mf_role_names[ep->role], mf_data_names[ep->data], set_id(c),
			        need_control ? " and controlled from it" : "", list.s ? list.s : "");
		else
			f = add(e, ep->host, v, EV_OBSERVED, "%s (%s %s endpoint): %s — addresses: %s",
			        ep->host, mf_role_names[ep->role], mf_data_names[ep->data],
			        why.s ? why.s : "", list.s ? list.s : "");
		add_evidence(e, f, ge->dns_id);
		for (size_t k = 0; f && k < ge->nips; k++)
			add_evidence_list(e, f, g->deps[ge->ips[k]].evidence, g->deps[ge->ips[k]].nevidence);
		if (why.oom || list.oom)
			e->oom = true;
		sb_free(&why);
		sb_free(&list);
	}
	if (judged == 0) {
		strbuf w;
		sb_init(&w);
		mask_words(&w, c->data, mf_data_names);
		if (c->roles) {
			sb_puts(&w, " data or role ");
			mask_words(&w, c->roles, mf_role_names);
		} else {
			sb_puts(&w, " data");
		}
		add(e, "endpoints", SC_NOT_APPLICABLE, EV_OBSERVED,
		    "no endpoint is declared with %s", w.s ? w.s : "");
		sb_free(&w);
	}
}

static bool
mitigated(const sc_manifest *m, const char *name, strbuf *ids)
{
	bool any = false;
	for (size_t i = 0; i < m->nmitigations; i++) {
		const mf_mitigation *mi = &m->mitigations[i];
		for (size_t j = 0; j < mi->applies_to.n; j++) {
			if (strcmp(mi->applies_to.v[j], "*") == 0 ||
			    (name && strcasecmp(mi->applies_to.v[j], name) == 0)) {
				sb_printf(ids, "%s%s", any ? ", " : "", mi->id ? mi->id : "?");
				any = true;
				break;
			}
		}
	}
	return any;
}

/* "customer data / metadata" for a mask of mf_data bits. */
static void
data_words_mask(strbuf *sb, unsigned mask)
{
	static const char *const words[] = {"no data", "metadata", "technical data",
		"customer data", NULL};
	mask_words(sb, mask & ~(1u << MF_DATA_NONE), words);
}

/* 19.6.c: every observed operator on a data path, by ultimate controller. */
static void
check_observed_operator_control(struct ev *e, const pk_check *c)
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
		ev_finding *f;
		if (u == NULL || cc == NULL || !*cc) {
			f = add(e, name, SC_UNKNOWN, EV_OBSERVED,
			        "%s carries %s but its ultimate controller is unknown (the registry's "
			        "parent chain is broken); revealed by %s", name, dw.s ? dw.s : "",
			        o->npaths ? o->paths[0] : "?");
		} else if (pk_set_has(c->set, cc)) {
			f = add(e, name, SC_PASS, EV_OBSERVED, "%s is controlled from %s by %s (%s)", name,
			        cname(cc), sc_entity_name(u), set_id(c));
		} else {
			strbuf mids, ctl, loc;
			sb_init(&mids);
			sb_init(&ctl);
			sb_init(&loc);
			if (u == o->entity)
				sb_printf(&ctl, "is seated in %s", cname(cc));
			else
				sb_printf(&ctl, "is controlled by %s, seated in %s", sc_entity_name(u), cname(cc));
			/* Where its addresses on the data paths are located. */
			for (size_t k = 0; k < g->ndeps; k++) {
				const gn_dep *d = &g->deps[k];
				if (d->operator != o->entity || strcmp(d->kind, "ip") != 0 ||
				    !(d->data & c->data))
					continue;
				sb_printf(&loc, "%s%s %s%s", loc.len ? ", " : "; its addresses: ", d->subject,
				          d->anycast ? "anycast" : d->location[0] ? "located in " : "",
				          d->anycast ? "" : d->location[0] ? cname(d->location) :
				          "location unknown");
			}
			const mf_sub *s = o->declared_by;
			if (s && s->data_access == MF_DATA_NONE && mitigated(e->m, s->name, &mids))
				f = add(e, name, SC_PASS, EV_OBSERVED,
				        "%s %s (outside %s) and carries %s; it is declared as %s with "
				        "data_access: none and mitigated by %s%s", name, ctl.s, set_id(c),
				        dw.s ? dw.s : "", s->name, mids.s, loc.s ? loc.s : "");
			else
				f = add(e, name, SC_FAIL, EV_OBSERVED,
				        "%s %s (outside %s) and sits on a path carrying %s: %s%s%s", name,
				        ctl.s, set_id(c), dw.s ? dw.s : "", o->npaths ? o->paths[0] : "?",
				        loc.s ? loc.s : "",
				        s ? (s->data_access == MF_DATA_NONE ? " (declared with data_access: "
				                                              "none, but no mitigation covers it)"
				                                            : " (declared with access to data)")
				          : " (not declared)");
			if (ctl.oom || loc.oom || mids.oom)
				e->oom = true;
			sb_free(&mids);
			sb_free(&ctl);
			sb_free(&loc);
		}
		add_evidence_list(e, f, o->evidence, o->nevidence);
		sb_free(&dw);
	}
	/* Addresses on data paths whose operator the registry does not know. */
	for (size_t i = 0; i < g->ndeps; i++) {
		const gn_dep *d = &g->deps[i];
		if (strcmp(d->kind, "ip") != 0 || d->operator != NULL || !(d->data & c->data))
			continue;
		judged++;
		ev_finding *f = add(e, d->subject, SC_UNKNOWN, EV_OBSERVED,
		    "%s carries data but its operator is not in the registry (%s%s): who controls it "
		    "is unknown", d->subject, d->found_asn ? "AS organisation: " : "no AS known",
		    d->found_asn && d->as_org ? d->as_org : "");
		add_evidence_list(e, f, d->evidence, d->nevidence);
	}
	if (judged == 0)
		add(e, "operators", SC_UNKNOWN, EV_OBSERVED,
		    "no operator was observed on a data path: the evidence does not show who runs "
		    "the service");
}

/* 10.6.a: the owner of the CA behind each TLS endpoint. */
static void
check_observed_ca_owner(struct ev *e, const pk_check *c)
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
			add(e, ep->host, SC_UNKNOWN, EV_OBSERVED,
			    "no certificate chain was captured for %s:%ld", ep->host, ep->port);
			continue;
		}
		for (size_t k = 0; k < ge->ntls; k++) {
			const ev_tls *t = ge->tls[k];
			ev_finding *f;
			if (sc_tls_result_reason(t->r) != SC_TLS_OK || sc_tls_result_cert_count(t->r) == 0) {
				const char *det = sc_tls_result_detail(t->r);
				f = add(e, ep->host, SC_UNKNOWN, EV_OBSERVED, "no usable chain for %s: %s%s%s",
				        ep->host, sc_tls_reason_to_string(sc_tls_result_reason(t->r)),
				        det && *det ? ": " : "", det ? det : "");
				add_evidence(e, f, t->id);
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
				sb_printf(&who, "issued by %s, a CA owned by %s (%s)", ow.path,
				          sc_entity_name(ow.owner), cc);
				if (ow.ultimate && ow.ultimate != ow.owner)
					sb_printf(&who, ", part of %s (%s)", sc_entity_name(ow.ultimate),
					          sc_entity_country(ow.ultimate) ? sc_entity_country(ow.ultimate) : "?");
			}
			const char *summary = who.s ? who.s : ow.summary;
			if (!ow.found || cc == NULL) {
				const char *io = sc_cert_issuer_attr(sc_tls_result_cert(t->r, 0), "O");
				f = add(e, ep->host, SC_UNKNOWN, EV_OBSERVED,
				        "the owner of the CA that issued %s's certificate is not in the registry "
				        "(issuer O=%s)", ep->host, io ? io : "none");
			} else if (pk_set_has(c->set, cc)) {
				f = add(e, ep->host, SC_PASS, EV_OBSERVED, "%s: the CA owner is in %s", summary,
				        set_id(c));
			} else if (internal) {
				f = add(e, ep->host, SC_FAIL, EV_OBSERVED,
				        "%s: the CA owner is outside %s on an %s endpoint", summary,
				        set_id(c), mf_role_names[ep->role]);
			} else {
				f = add(e, ep->host, SC_NOT_APPLICABLE, EV_OBSERVED,
				        "%s: the CA owner is outside %s; whether §10.6.a covers public "
				        "endpoints (%s) is unsettled, so this is reported for information",
				        summary, set_id(c), mf_role_names[ep->role]);
				if (f) {
					f->severity = strdup("info");
					if (f->severity == NULL)
						e->oom = true;
				}
			}
			add_evidence(e, f, t->id);
			if (who.oom)
				e->oom = true;
			sb_free(&who);
		}
	}
	if (judged == 0)
		add(e, "endpoints", SC_NOT_APPLICABLE, EV_OBSERVED, "no TLS endpoint is declared");
}

/* 15.1.a: every operator the evidence shows is declared (or is the provider). */
static void
check_observed_third_parties(struct ev *e)
{
	const sc_graph *g = e->o->graph;
	for (size_t i = 0; i < g->nops; i++) {
		const gn_op *o = &g->ops[i];
		const char *name = sc_entity_name(o->entity);
		const sc_entity *u = o->ultimate;
		ev_finding *f;
		if (o->is_provider)
			f = add(e, name, SC_PASS, EV_OBSERVED, "%s is the provider itself", name);
		else if (o->declared_by)
			f = add(e, name, SC_PASS, EV_OBSERVED, "%s is declared (as %s)", name,
			        o->declared_by->name);
		else
			f = add(e, name, SC_FAIL, EV_OBSERVED,
			        "undeclared third party: %s (%s%s%s%s), revealed by %s", name,
			        sc_entity_country(o->entity) ? sc_entity_country(o->entity) : "?",
			        u && u != o->entity ? ", controlled by " : "",
			        u && u != o->entity ? sc_entity_name(u) : "",
			        u && u != o->entity ? (sc_entity_country(u) ? "" : "") : "",
			        o->npaths ? o->paths[0] : "?");
		add_evidence_list(e, f, o->evidence, o->nevidence);
	}
	for (size_t i = 0; i < g->ncontra; i++) {
		const gn_contradiction *k = &g->contra[i];
		add(e, k->sub->name ? k->sub->name : "?", SC_FAIL, EV_OBSERVED, "contradiction: %s",
		    k->what);
	}
	if (g->nops == 0 && g->ncontra == 0)
		add(e, "operators", SC_UNKNOWN, EV_OBSERVED,
		    "the evidence revealed no operator that the registry knows");
}

static bool
have_evidence(struct ev *e)
{
	const sc_graph *g = e->o->graph;
	return g != NULL && g->ev != NULL && (g->ev->has_dns || g->ev->has_tls);
}

/* The observed checks (pk_check_observed() kinds only): judged from the
 * graph when the evidence they need was collected, else unknown. */
static void
check_observed(struct ev *e, const pk_check *c)
{
	const sc_evidence *ev = have_evidence(e) ? e->o->graph->ev : NULL;
	bool dns = ev && ev->has_dns, tls = ev && ev->has_tls;
	const char *what = "the operators revealed by DNS and TLS evidence";
	strbuf sb;
	sb_init(&sb);
	if (c->kind == PK_OBSERVED_LOCATION || c->kind == PK_OBSERVED_ADMIN) {
		if (dns) {
			check_observed_location(e, c, c->kind == PK_OBSERVED_ADMIN);
			return;
		}
		if (c->kind == PK_OBSERVED_ADMIN) {
			sb_puts(&sb, "the location and operator of ");
			mask_words(&sb, c->roles, mf_role_names);
			sb_puts(&sb, " endpoints");
		} else {
			sb_puts(&sb, "the location of every address of endpoints carrying ");
			mask_words(&sb, c->data, mf_data_names);
			sb_puts(&sb, " data");
			if (c->roles) {
				sb_puts(&sb, " or with role ");
				mask_words(&sb, c->roles, mf_role_names);
			}
		}
		what = sb.s ? sb.s : "";
	} else if (c->kind == PK_OBSERVED_OPERATOR_CONTROL) {
		if (dns) {
			check_observed_operator_control(e, c);
			return;
		}
		what = "who ultimately controls each observed operator";
	} else if (c->kind == PK_OBSERVED_CA_OWNER) {
		if (tls) {
			check_observed_ca_owner(e, c);
			return;
		}
		what = "the owner of the CA behind each endpoint's certificate";
	} else if (c->kind == PK_OBSERVED_THIRD_PARTIES && ev) {
		check_observed_third_parties(e);
		return;
	}
	add(e, "evidence", SC_UNKNOWN, EV_OBSERVED,
	    "not collected: judging %s needs DNS/TLS evidence (%s)", what,
	    e->o->offline ? "the run was --offline without zone files or chains" :
	    "no evidence was collected");
	sb_free(&sb);
}

static void
run_check(struct ev *e, const pk_check *c)
{
	if (pk_check_observed(c->kind)) {
		check_observed(e, c);
		return;
	}
	switch (c->kind) {
	case PK_RESIDUAL_RISK_DOCUMENT: check_residual_risk_document(e); break;
	case PK_SIGN_OFF_PRESENT: check_sign_off_present(e); break;
	case PK_SIGN_OFF_FRESH: check_sign_off_fresh(e, c); break;
	case PK_DATA_LOCATION_DOCUMENTED: check_data_location_documented(e); break;
	case PK_SITES_IN_SET: check_sites_in_set(e, c); break;
	case PK_ADMINISTRATION_IN_SET: check_administration_in_set(e, c); break;
	case PK_SUPPORT_DOCUMENTED: check_support_documented(e, c); break;
	case PK_SEAT_IN_SET: check_seat_in_set(e, c); break;
	case PK_SHAREHOLDING_CAPS: check_shareholding(e, c); break;
	case PK_SUBCONTRACTOR_NO_ACCESS: check_subcontractor_no_access(e, c); break;
	case PK_SUBCONTRACTOR_AUTONOMY: check_subcontractor_autonomy(e, c); break;
	case PK_GOVERNMENT_LINKS: check_government_links(e, c); break;
	case PK_CHANGE_NOTICE: check_change_notice(e, c); break;
	case PK_THIRD_PARTIES_LISTED: check_third_parties_listed(e); break;
	case PK_OBSERVED_LOCATION:
	case PK_OBSERVED_ADMIN:
	case PK_OBSERVED_OPERATOR_CONTROL:
	case PK_OBSERVED_CA_OWNER:
	case PK_OBSERVED_THIRD_PARTIES:
		break; /* handled above */
	}
}

/* ------------------------------------------------------------- waivers */

static void
apply_waivers(struct ev *e)
{
	const sc_manifest *m = e->m;
	sc_result *r = e->r;
	if (m->nwaivers == 0)
		return;
	r->waivers = calloc(m->nwaivers, sizeof(*r->waivers));
	if (r->waivers == NULL) {
		e->oom = true;
		return;
	}
	for (size_t i = 0; i < m->nwaivers; i++) {
		const mf_waiver *w = &m->waivers[i];
		ev_waiver *o = &r->waivers[r->nwaivers++];
		o->requirement = util_strdup0(w->requirement);
		o->subject = util_strdup0(w->subject);
		o->reason = util_strdup0(w->reason);
		o->approved_by = util_strdup0(w->approved_by);
		memcpy(o->expires, w->expires, sizeof(o->expires));
		o->status = EV_WAIVER_UNKNOWN_REQUIREMENT;
		if (!w->requirement || !w->subject)
			continue;
		ev_req *q = NULL;
		for (size_t j = 0; j < r->nreqs; j++)
			if (strcmp(sc_requirement_id(r->reqs[j].req), w->requirement) == 0)
				q = &r->reqs[j];
		if (q == NULL)
			continue;
		o->status = EV_WAIVER_UNUSED;
		bool expired = days_of(w->expires) < e->today;
		for (size_t j = 0; j < q->n; j++) {
			ev_finding *f = &q->f[j];
			if (f->verdict != SC_FAIL || strcmp(f->subject, w->subject) != 0)
				continue;
			strbuf sb;
			sb_init(&sb);
			sb_puts(&sb, f->reason);
			if (expired) {
				sb_printf(&sb, " — the waiver approved by %s expired on %s and no longer "
				          "applies", w->approved_by, w->expires);
				o->status = EV_WAIVER_EXPIRED;
			} else {
				sb_printf(&sb, " — waived until %s, approved by %s: %s", w->expires,
				          w->approved_by, w->reason);
				f->verdict = SC_WAIVED;
				o->status = EV_WAIVER_APPLIED;
			}
			if (sb.oom || sb.s == NULL) {
				e->oom = true;
				sb_free(&sb);
				continue;
			}
			free(f->reason);
			f->reason = sb.s;
		}
		if (expired && o->status == EV_WAIVER_UNUSED)
			o->status = EV_WAIVER_EXPIRED;
	}
}

/* ---------------------------------------------------------------- main */

static int
finding_cmp(const void *a, const void *b)
{
	const ev_finding *x = a, *y = b;
	if (x->origin != y->origin)
		return x->origin < y->origin ? -1 : 1;
	int c = strcmp(x->subject, y->subject);
	if (c)
		return c;
	return strcmp(x->reason, y->reason);
}

void
sc_result_free(sc_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nreqs; i++) {
		for (size_t j = 0; j < r->reqs[i].n; j++) {
			ev_finding *f = &r->reqs[i].f[j];
			free(f->subject);
			free(f->reason);
			free(f->computation);
			free(f->severity);
			for (size_t k = 0; k < f->nevidence; k++)
				free(f->evidence[k]);
			free(f->evidence);
		}
		free(r->reqs[i].f);
	}
	free(r->reqs);
	for (size_t i = 0; i < r->nwaivers; i++) {
		free(r->waivers[i].requirement);
		free(r->waivers[i].subject);
		free(r->waivers[i].reason);
		free(r->waivers[i].approved_by);
	}
	free(r->waivers);
	for (size_t i = 0; i < r->ngeodbs; i++) {
		free(r->geodbs[i].label);
		free(r->geodbs[i].type);
		free(r->geodbs[i].description);
	}
	free(r->geodbs);
	risk_free_all(r);
	free(r->service);
	free(r->provider);
	free(r->pack_id);
	free(r->pack_version);
	free(r);
}

sc_status
sc_eval(const sc_manifest *m, const sc_pack *pack, const sc_eval_opts *o,
        sc_result **ret, sc_err *err)
{
	if (m == NULL || pack == NULL || o == NULL || ret == NULL)
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "usage", "sc_eval: NULL argument");
	char date[48];
	snprintf(date, sizeof(date), "%04d-%02d-%02d", o->year, o->month, o->day);
	if (!sc_date_parse(date, NULL, NULL, NULL))
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "date",
		                "invalid evaluation date %s", date);
	sc_result *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	memcpy(r->date, date, 11);
	r->m = m;
	r->pack = pack;
	r->document = o->document;
	r->offline = o->offline;
	r->graph = o->graph;
	r->service = strdup(sc_manifest_service_name(m));
	r->provider = strdup(sc_manifest_provider_name(m));
	r->pack_id = strdup(sc_pack_id(pack));
	r->pack_version = strdup(sc_pack_version(pack));
	r->reqs = calloc(pack->nreqs ? pack->nreqs : 1, sizeof(*r->reqs));
	struct ev e = {m, pack, o, r, NULL, days_of(date), false};
	if (!r->service || !r->provider || !r->pack_id || !r->pack_version || !r->reqs)
		e.oom = true;
	for (size_t i = 0; !e.oom && i < pack->nreqs; i++) {
		ev_req *q = &r->reqs[r->nreqs++];
		q->req = &pack->reqs[i];
		e.cur = q;
		for (size_t j = 0; j < q->req->nchecks; j++)
			run_check(&e, &q->req->checks[j]);
	}
	if (!e.oom)
		apply_waivers(&e);
	if (e.oom) {
		sc_result_free(r);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	for (size_t i = 0; i < r->nreqs; i++) {
		ev_req *q = &r->reqs[i];
		for (size_t j = 0; j < q->n; j++) {
			ev_finding *f = &q->f[j];
			if (f->nevidence < 2)
				continue;
			qsort(f->evidence, f->nevidence, sizeof(char *), id_cmp);
			size_t w = 1;
			for (size_t k = 1; k < f->nevidence; k++) {
				if (strcmp(f->evidence[k], f->evidence[w - 1]) == 0)
					free(f->evidence[k]);
				else
					f->evidence[w++] = f->evidence[k];
			}
			f->nevidence = w;
		}
		qsort(q->f, q->n, sizeof(*q->f), finding_cmp);
		q->verdict = SC_NOT_APPLICABLE;
		for (size_t j = 0; j < q->n; j++)
			if (ev_verdict_rank(q->f[j].verdict) > ev_verdict_rank(q->verdict))
				q->verdict = q->f[j].verdict;
		r->counts[q->verdict]++;
	}
	*ret = r;
	return SC_OK;
}

size_t
sc_result_count(const sc_result *r, sc_verdict v)
{
	return (unsigned)v < SC_VERDICT_COUNT ? r->counts[v] : 0;
}

int
sc_result_exit_code(const sc_result *r)
{
	if (r->counts[SC_FAIL])
		return 1;
	if (r->counts[SC_UNKNOWN])
		return 2;
	return 0;
}

sc_status
sc_result_requirement(const sc_result *r, const char *id, sc_verdict *ret)
{
	for (size_t i = 0; i < r->nreqs; i++) {
		if (strcmp(sc_requirement_id(r->reqs[i].req), id) == 0) {
			*ret = r->reqs[i].verdict;
			return SC_OK;
		}
	}
	return SC_ERR_NOTFOUND;
}

void
sc_result_print_findings(const sc_result *r, const char *id, FILE *out)
{
	for (size_t i = 0; i < r->nreqs; i++) {
		const ev_req *q = &r->reqs[i];
		if (strcmp(sc_requirement_id(q->req), id) != 0)
			continue;
		for (size_t j = 0; j < q->n; j++) {
			const ev_finding *f = &q->f[j];
			fprintf(out, "          %-8s %s: %s\n", sc_verdict_to_string(f->verdict),
			        f->subject, f->reason);
			if (f->computation)
				fprintf(out, "                   computation: %s\n", f->computation);
		}
	}
}

sc_status
sc_result_set_sources(sc_result *r, const sc_registry *reg, sc_err *err)
{
	const sc_evidence *ev = r->graph ? r->graph->ev : NULL;
	if (ev && ev->ngeodbs) {
		r->geodbs = calloc(ev->ngeodbs, sizeof(*r->geodbs));
		if (r->geodbs == NULL)
			return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		for (size_t i = 0; i < ev->ngeodbs; i++) {
			rs_geodb *g = &r->geodbs[r->ngeodbs++];
			g->label = util_strdup0(ev->geodbs[i].label);
			g->type = util_strdup0(ev->geodbs[i].type);
			g->description = util_strdup0(ev->geodbs[i].description);
			memcpy(g->build_date, ev->geodbs[i].build_date, 11);
			memcpy(g->data_date, ev->geodbs[i].data_date, 11);
			int y, mo, d;
			g->age_days = sc_date_parse(g->data_date, &y, &mo, &d) ?
			              days_of(r->date) - util_days_from_civil(y, mo, d) : 0;
			g->stale = g->age_days > SC_GEO_STALE_DAYS;
			if (g->label == NULL)
				return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		}
	}
	if (reg) {
		r->has_registry = true;
		r->registry_entities = sc_registry_count(reg);
		sc_registry_reviewed(reg, r->registry_oldest, r->registry_newest);
	}
	return SC_OK;
}
