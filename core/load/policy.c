/*
 * policy.c — load policy packs (policies/NAME.yaml) and the country sets they
 * use (policies/country-sets.yaml), validated like manifests: every error at
 * file:line:col. A pack names, per requirement, the checks of eval.c that
 * judge it and their parameters; the table below says which parameters each
 * check takes, so a typo in a pack is a lint error, not a silent default.
 */
#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "policy.h"
#include "sc-yaml.h"
#include "util.h"

const char *const pk_check_names[] = {
	"residual_risk_document", "sign_off_present", "sign_off_fresh",
	"data_location_documented", "sites_in_set", "administration_in_set",
	"support_documented", "seat_in_set", "shareholding_caps",
	"subcontractor_no_access", "subcontractor_autonomy", "government_links",
	"change_notice", "third_parties_listed", "observed_location",
	"observed_admin", "observed_operator_control", "observed_ca_owner",
	"observed_third_parties", "sign_off_covers_register", "observed_published_control",
	"certifications", "soc_in_set", "hardware_in_set", "source_available",
	"energy_disclosed", "customer_held_keys", "software_suppliers_in_set",
	"register_complete", "concentration", "locations_as_stated", "supply_chain_exposure",
	"support_in_set", NULL,
};

enum {
	P_SET = 1u << 0, P_HOLDS = 1u << 1, P_DATA = 1u << 2, P_ROLES = 1u << 3,
	P_INDIVIDUAL = 1u << 4, P_COLLECTIVE = 1u << 5, P_CONTROL = 1u << 6,
	P_MIN_ALT = 1u << 7, P_MAX_MONTHS = 1u << 8, P_NOTICE = 1u << 9,
	P_SCHEMES = 1u << 10, P_ASPECTS = 1u << 11, P_ACCEPTED = 1u << 12,
	P_MAX_PUE = 1u << 13, P_MIN_RENEWABLE = 1u << 14, P_MAX_FUNCTIONS = 1u << 15,
};
static const char *const param_names[] = {"set", "holds", "data", "roles",
	"individual_max", "collective_max", "control_threshold", "min_alternatives",
	"max_months", "notice_days", "schemes", "aspects", "accepted", "max_pue",
	"min_renewable", "max_functions", NULL};

/* For each check: parameters allowed, parameters required. */
static const struct { unsigned allowed, required; } check_params[PK_CHECK_COUNT] = {
	[PK_RESIDUAL_RISK_DOCUMENT] = {0, 0},
	[PK_SIGN_OFF_PRESENT] = {0, 0},
	[PK_SIGN_OFF_FRESH] = {P_MAX_MONTHS, P_MAX_MONTHS},
	[PK_DATA_LOCATION_DOCUMENTED] = {0, 0},
	[PK_SITES_IN_SET] = {P_SET | P_HOLDS, P_SET | P_HOLDS},
	[PK_ADMINISTRATION_IN_SET] = {P_SET, P_SET},
	[PK_SUPPORT_DOCUMENTED] = {P_SET, P_SET},
	[PK_SEAT_IN_SET] = {P_SET, P_SET},
	[PK_SHAREHOLDING_CAPS] = {P_SET | P_INDIVIDUAL | P_COLLECTIVE | P_CONTROL,
	                          P_SET | P_INDIVIDUAL | P_COLLECTIVE | P_CONTROL},
	[PK_SUBCONTRACTOR_NO_ACCESS] = {P_SET, P_SET},
	[PK_SUBCONTRACTOR_AUTONOMY] = {P_SET | P_MIN_ALT, P_SET | P_MIN_ALT},
	[PK_GOVERNMENT_LINKS] = {P_SET, P_SET},
	[PK_CHANGE_NOTICE] = {P_NOTICE, P_NOTICE},
	[PK_THIRD_PARTIES_LISTED] = {0, 0},
	[PK_OBSERVED_LOCATION] = {P_SET | P_DATA | P_ROLES, P_SET},
	[PK_OBSERVED_ADMIN] = {P_SET | P_ROLES, P_SET | P_ROLES},
	[PK_OBSERVED_OPERATOR_CONTROL] = {P_SET | P_DATA, P_SET | P_DATA},
	[PK_OBSERVED_CA_OWNER] = {P_SET | P_ROLES, P_SET | P_ROLES},
	[PK_OBSERVED_THIRD_PARTIES] = {0, 0},
	[PK_SIGN_OFF_COVERS_REGISTER] = {0, 0},
	[PK_OBSERVED_PUBLISHED_CONTROL] = {P_SET, P_SET},
	[PK_CERTIFICATIONS] = {P_SCHEMES, P_SCHEMES},
	[PK_SOC_IN_SET] = {P_SET, P_SET},
	[PK_HARDWARE_IN_SET] = {P_SET | P_ASPECTS, P_SET | P_ASPECTS},
	[PK_SOURCE_AVAILABLE] = {P_ACCEPTED, P_ACCEPTED},
	/* at least one of the two: load_check() */
	[PK_ENERGY_DISCLOSED] = {P_MAX_PUE | P_MIN_RENEWABLE, 0},
	[PK_CUSTOMER_HELD_KEYS] = {0, 0},
	[PK_SOFTWARE_SUPPLIERS_IN_SET] = {P_SET, P_SET},
	[PK_REGISTER_COMPLETE] = {0, 0},
	[PK_CONCENTRATION] = {P_MAX_FUNCTIONS, P_MAX_FUNCTIONS},
	[PK_LOCATIONS_AS_STATED] = {P_DATA, P_DATA},
	[PK_SUPPLY_CHAIN_EXPOSURE] = {P_SET, P_SET},
	[PK_SUPPORT_IN_SET] = {P_SET, P_SET},
};

bool
pk_check_observed(pk_check_kind k)
{
	switch (k) {
	case PK_OBSERVED_LOCATION:
	case PK_OBSERVED_ADMIN:
	case PK_OBSERVED_OPERATOR_CONTROL:
	case PK_OBSERVED_CA_OWNER:
	case PK_OBSERVED_THIRD_PARTIES:
	case PK_OBSERVED_PUBLISHED_CONTROL:
	case PK_LOCATIONS_AS_STATED:
		return true;
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
		return false;
	}
	return false;
}

bool
pk_set_has(const pk_set *set, const char *code)
{
	if (set == NULL || code == NULL || code[0] == '\0')
		return false;
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->codes[i], code) == 0)
			return true;
	return false;
}

const pk_set *
pk_find_set(const sc_pack *pack, const char *id)
{
	for (size_t i = 0; i < pack->nparts; i++) {
		const pk_set *s = pk_find_set(pack->parts[i], id);
		if (s != NULL)
			return s;
	}
	for (size_t i = 0; i < pack->nsets; i++)
		if (strcmp(pack->sets[i].id, id) == 0)
			return &pack->sets[i];
	return NULL;
}

size_t
pk_part_count(const sc_pack *p)
{
	return p->nparts ? p->nparts : 1;
}

const sc_pack *
pk_part(const sc_pack *p, size_t i)
{
	return p->nparts ? (i < p->nparts ? p->parts[i] : NULL) : (i == 0 ? p : NULL);
}

int
pk_seal_level(const int *seal, const bool *met, size_t n)
{
	int level = PK_SEAL_MAX;
	for (size_t i = 0; i < n; i++)
		if (!met[i] && seal[i] - 1 < level)
			level = seal[i] - 1;
	return level < 0 ? 0 : level;
}

void
sc_pack_free(sc_pack *p)
{
	if (p == NULL)
		return;
	if (p->nparts) {
		/* A pack list: its requirements are copies sharing the parts'. */
		for (size_t i = 0; i < p->nparts; i++)
			sc_pack_free(p->parts[i]);
		free(p->parts);
		free(p->reqs);
		free(p->id);
		free(p->version);
		free(p);
		return;
	}
	for (size_t i = 0; i < p->nsets; i++) {
		free(p->sets[i].id);
		free(p->sets[i].title_en);
		free(p->sets[i].title_fr);
		free(p->sets[i].codes);
	}
	free(p->sets);
	for (size_t i = 0; i < p->nreqs; i++) {
		sc_requirement *r = &p->reqs[i];
		free(r->id);
		free(r->title_en);
		free(r->title_fr);
		free(r->summary_en);
		free(r->summary_fr);
		free(r->severity);
		free(r->source);
		free(r->checks);
		for (size_t j = 0; j < r->nfactors; j++) {
			free(r->factors[j].id);
			free(r->factors[j].title_en);
			free(r->factors[j].title_fr);
			free(r->factors[j].unseen_en);
			free(r->factors[j].unseen_fr);
		}
		free(r->factors);
	}
	free(p->reqs);
	for (int i = 0; i <= PK_SEAL_MAX; i++) {
		free(p->scoring.level_en[i]);
		free(p->scoring.level_fr[i]);
	}
	free(p->scoring.weights_source);
	free(p->scoring.note_en);
	free(p->scoring.note_fr);
	free(p->path);
	free(p->id);
	free(p->title_en);
	free(p->title_fr);
	free(p->version);
	free(p->published);
	free(p->authority);
	free(p->source);
	free(p->sets_path);
	free(p);
}

/* ---------------------------------------------------------- country sets */

static const char *const set_keys[] = {"id", "title", "note", "include", "members",
	"sources", "reviewed", NULL};
static const char *const lang_keys[] = {"en", "fr", NULL};

static bool
get_lang(yctx *c, const ynode *map, const char *key, const char *what,
         char **en, char **fr)
{
	const ynode *n = yrequire(c, map, key, what);
	if (n == NULL || !yexpect_map(c, n, key))
		return false;
	ymap_check_keys(c, n, lang_keys, key);
	const char *s;
	char w[128];
	snprintf(w, sizeof(w), "%s.%s.en", what, key);
	const ynode *v = yrequire(c, n, "en", w);
	if (v && yget_str(c, v, w, &s))
		*en = strdup(s);
	snprintf(w, sizeof(w), "%s.%s.fr", what, key);
	v = yrequire(c, n, "fr", w);
	if (v && yget_str(c, v, w, &s))
		*fr = strdup(s);
	return *en && *fr;
}

static bool
add_code(pk_set *s, const char *code)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->codes[i], code) == 0)
			return true;
	char (*p)[3] = realloc(s->codes, (s->n + 1) * sizeof(*p));
	if (p == NULL)
		return false;
	s->codes = p;
	memcpy(s->codes[s->n++], code, 3);
	return true;
}

static sc_status
load_sets(sc_pack *pack, const char *path, sc_diags *diags)
{
	ydoc *doc = NULL;
	sc_status st = ydoc_load(path, diags, &doc);
	if (st != SC_OK)
		return st;
	memcpy(pack->sets_sha256, doc->sha256, sizeof(pack->sets_sha256));
	yctx c = {path, diags, doc->errors > 0};
	const ynode *root = doc->root;
	static const char *const top[] = {"sets", NULL};
	const ynode *sets = NULL;
	if (root == NULL || !yexpect_map(&c, root, "the country sets file")) {
		if (root == NULL)
			yerr(&c, NULL, "empty", "the country sets file is empty");
		goto out;
	}
	ymap_check_keys(&c, root, top, "the country sets file");
	sets = yrequire(&c, root, "sets", "the country sets file");
	if (sets == NULL || !yexpect_seq(&c, sets, "sets"))
		goto out;
	pack->sets = calloc(sets->n ? sets->n : 1, sizeof(pk_set));
	if (pack->sets == NULL) {
		st = SC_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < sets->n; i++) {
		const ynode *e = sets->kids[i];
		char w[64];
		snprintf(w, sizeof(w), "sets[%zu]", i);
		if (!yexpect_map(&c, e, w))
			continue;
		ymap_check_keys(&c, e, set_keys, "a country set");
		pk_set *s = &pack->sets[pack->nsets];
		s->line = e->line;
		s->col = e->col;
		const char *id;
		const ynode *v = yrequire(&c, e, "id", w);
		if (v == NULL || !yget_str(&c, v, "id", &id))
			continue;
		if (pk_find_set(pack, id) != NULL) {
			yerr(&c, v, "duplicate-id", "country set '%s' is defined twice", id);
			continue;
		}
		s->id = strdup(id);
		pack->nsets++;
		get_lang(&c, e, "title", w, &s->title_en, &s->title_fr);
		const ynode *inc = ymap_get(e, "include");
		if (inc && yexpect_seq(&c, inc, "include")) {
			for (size_t j = 0; j < inc->n; j++) {
				const char *iid;
				if (!yget_str(&c, inc->kids[j], "include", &iid))
					continue;
				/* Only earlier sets: no cycles by construction. */
				const pk_set *o = pk_find_set(pack, iid);
				if (o == NULL || o == s) {
					yerr(&c, inc->kids[j], "unknown-set",
					     "set '%s' includes '%s', which is not defined before it",
					     id, iid);
					continue;
				}
				for (size_t k = 0; k < o->n; k++)
					if (!add_code(s, o->codes[k]))
						st = SC_ERR_NOMEM;
			}
		}
		const ynode *mem = yrequire(&c, e, "members", w);
		if (mem && yexpect_seq(&c, mem, "members")) {
			for (size_t j = 0; j < mem->n; j++) {
				char code[3];
				char w2[96];
				snprintf(w2, sizeof(w2), "%s.members[%zu]", id, j);
				if (yget_country(&c, mem->kids[j], w2, code) && !add_code(s, code))
					st = SC_ERR_NOMEM;
			}
		}
		const ynode *src = yrequire(&c, e, "sources", w);
		if (src && yexpect_seq(&c, src, "sources") && src->n == 0)
			yerr(&c, src, "unsourced", "set '%s' has no source", id);
		v = yrequire(&c, e, "reviewed", w);
		char date[11];
		if (v)
			yget_date(&c, v, "reviewed", date);
	}
out:
	if (st == SC_OK && c.failed)
		st = SC_ERR_INVALID;
	ydoc_free(doc);
	return st;
}

/* ----------------------------------------------------------------- packs */

static const char *const pack_keys[] = {"pack", "title", "version", "published",
	"authority", "source", "source_structured", "country_sets", "reviewed",
	"scoring", "requirements", NULL};
static const char *const req_keys[] = {"id", "title", "summary", "severity", "source",
	"checks", "weight", "minimum", "factors", NULL};
static const char *const scoring_keys[] = {"method", "minimum", "levels", "weights_source",
	"note", NULL};
static const char *const level_keys[] = {"level", "title", NULL};
static const char *const factor_keys[] = {"id", "title", "seal", "checks", "unseen", NULL};
static const char *const scoring_methods[] = {"seal", NULL};
static const char *const severity_names[] = {"info", "low", "medium", "high",
	"critical", NULL};

static unsigned
get_mask(yctx *c, const ynode *n, const char *what, const char *const *names)
{
	unsigned mask = 0;
	if (!yexpect_seq(c, n, what))
		return 0;
	for (size_t i = 0; i < n->n; i++) {
		int e;
		if (yget_enum(c, n->kids[i], what, names, &e))
			mask |= 1u << (unsigned)e;
	}
	if (n->n == 0)
		yerr(c, n, "empty", "%s must not be empty", what);
	return mask;
}

static void
load_check(yctx *c, sc_pack *pack, const ynode *n, const char *rid, pk_check *ck)
{
	ck->line = n->line;
	ck->col = n->col;
	ck->factor = -1;
	int kind;
	const ynode *use = yrequire(c, n, "use", "a check");
	char w[96];
	snprintf(w, sizeof(w), "requirement %s: use", rid);
	if (use == NULL || !yget_enum(c, use, w, pk_check_names, &kind)) {
		ck->kind = PK_RESIDUAL_RISK_DOCUMENT;
		return;
	}
	ck->kind = (pk_check_kind)kind;
	unsigned allowed = check_params[kind].allowed, present = 0;
	for (size_t i = 0; i < n->n; i++) {
		const ynode *k = n->kids[2 * i], *v = n->kids[2 * i + 1];
		if (strcmp(k->str, "use") == 0)
			continue;
		int p = -1;
		for (int j = 0; param_names[j]; j++)
			if (strcmp(k->str, param_names[j]) == 0)
				p = j;
		if (p < 0 || !(allowed & (1u << (unsigned)p))) {
			const char *dym = util_did_you_mean(k->str, param_names);
			if (p < 0 && dym)
				yerr(c, k, "unknown-key", "check '%s' has no parameter '%s'; did you mean '%s'?",
				     pk_check_names[kind], k->str, dym);
			else
				yerr(c, k, "unknown-key", "check '%s' has no parameter '%s'",
				     pk_check_names[kind], k->str);
			continue;
		}
		present |= 1u << (unsigned)p;
		const char *s;
		long lv;
		switch (1u << (unsigned)p) {
		case P_SET:
			if (yget_str(c, v, "set", &s)) {
				ck->set = pk_find_set(pack, s);
				if (ck->set == NULL) {
					const char *ids[16] = {0};
					for (size_t j = 0; j < pack->nsets && j < 15; j++)
						ids[j] = pack->sets[j].id;
					const char *dym = util_did_you_mean(s, ids);
					if (dym)
						yerr(c, v, "unknown-set", "unknown country set '%s'; did you mean '%s'?", s, dym);
					else
						yerr(c, v, "unknown-set", "unknown country set '%s'", s);
				}
			}
			break;
		case P_HOLDS: ck->holds = get_mask(c, v, "holds", mf_holds_names); break;
		case P_DATA: ck->data = get_mask(c, v, "data", mf_data_names); break;
		case P_ROLES: ck->roles = get_mask(c, v, "roles", mf_role_names); break;
		case P_INDIVIDUAL: yget_number(c, v, "individual_max", 0, 100, &ck->individual_max); break;
		case P_COLLECTIVE: yget_number(c, v, "collective_max", 0, 100, &ck->collective_max); break;
		case P_CONTROL: yget_number(c, v, "control_threshold", 0, 100, &ck->control_threshold); break;
		case P_MIN_ALT:
			if (yget_int(c, v, "min_alternatives", 0, 100, &lv))
				ck->min_alternatives = lv;
			break;
		case P_MAX_MONTHS:
			if (yget_int(c, v, "max_months", 1, 120, &lv))
				ck->max_months = lv;
			break;
		case P_NOTICE:
			if (yget_int(c, v, "notice_days", 1, 3650, &lv))
				ck->notice_days = lv;
			break;
		case P_SCHEMES: ck->schemes = get_mask(c, v, "schemes", mf_scheme_names); break;
		case P_ASPECTS: ck->aspects = get_mask(c, v, "aspects", mf_hw_names); break;
		case P_ACCEPTED: ck->accepted = get_mask(c, v, "accepted", mf_source_names); break;
		case P_MAX_PUE:
			/* the manifest's own range (docs/manifest.md) */
			ck->has_max_pue = yget_number(c, v, "max_pue", 1.0, 5.0, &ck->max_pue);
			break;
		case P_MIN_RENEWABLE:
			ck->has_min_renewable = yget_number(c, v, "min_renewable", 0, 100,
			                                    &ck->min_renewable);
			break;
		case P_MAX_FUNCTIONS:
			if (yget_int(c, v, "max_functions", 1, 1000, &lv))
				ck->max_functions = lv;
			break;
		default:
			break;
		}
	}
	unsigned missing = check_params[kind].required & ~present;
	for (int j = 0; param_names[j]; j++)
		if (missing & (1u << (unsigned)j))
			yerr(c, n, "missing-key", "check '%s' needs parameter '%s'",
			     pk_check_names[kind], param_names[j]);
	if (kind == PK_ENERGY_DISCLOSED && !(present & (P_MAX_PUE | P_MIN_RENEWABLE)))
		yerr(c, n, "missing-key", "check 'energy_disclosed' needs parameter 'max_pue' or "
		     "'min_renewable' (or both)");
}

/* The pack's scoring: section (scored packs). */
static void
load_scoring(yctx *c, sc_pack *pack, const ynode *n)
{
	pk_scoring *sc = &pack->scoring;
	if (!yexpect_map(c, n, "scoring"))
		return;
	ymap_check_keys(c, n, scoring_keys, "scoring");
	const ynode *v;
	int e;
	if ((v = yrequire(c, n, "method", "scoring")) &&
	    yget_enum(c, v, "scoring.method", scoring_methods, &e))
		sc->seal = true;
	long lv;
	if ((v = yrequire(c, n, "minimum", "scoring")) &&
	    yget_int(c, v, "scoring.minimum", 0, PK_SEAL_MAX, &lv))
		sc->minimum = (int)lv;
	const char *s;
	if ((v = yrequire(c, n, "weights_source", "scoring")) &&
	    yget_str(c, v, "scoring.weights_source", &s))
		sc->weights_source = strdup(s);
	if (ymap_get(n, "note"))
		get_lang(c, n, "note", "scoring", &sc->note_en, &sc->note_fr);
	const ynode *lvs = yrequire(c, n, "levels", "scoring");
	if (lvs == NULL || !yexpect_seq(c, lvs, "scoring.levels"))
		return;
	for (size_t i = 0; i < lvs->n; i++) {
		const ynode *l = lvs->kids[i];
		if (!yexpect_map(c, l, "a level"))
			continue;
		ymap_check_keys(c, l, level_keys, "a level");
		if ((v = yrequire(c, l, "level", "a level")) == NULL ||
		    !yget_int(c, v, "level", 0, PK_SEAL_MAX, &lv))
			continue;
		if (sc->level_en[lv] != NULL) {
			yerr(c, v, "duplicate-id", "level %ld is described twice", lv);
			continue;
		}
		char w[32];
		snprintf(w, sizeof(w), "level %ld", lv);
		get_lang(c, l, "title", w, &sc->level_en[lv], &sc->level_fr[lv]);
	}
	for (int i = 0; i <= PK_SEAL_MAX; i++)
		if (sc->level_en[i] == NULL)
			yerr(c, lvs, "missing-key", "scoring.levels does not describe level %d", i);
}

/* A scored requirement's factors: each its checks (appended to the
 * requirement's) or, for what sovcheck cannot see, the unseen text. */
static sc_status
load_factors(yctx *c, sc_pack *pack, const ynode *fs, sc_requirement *r, const char *rid)
{
	if (fs->n == 0) {
		yerr(c, fs, "empty", "objective %s has no factor: its level would say nothing", rid);
		return SC_OK;
	}
	size_t total = 0;
	for (size_t i = 0; i < fs->n; i++) {
		const ynode *ck = fs->kids[i]->kind == YN_MAP ? ymap_get(fs->kids[i], "checks") : NULL;
		if (ck && ck->kind == YN_SEQ)
			total += ck->n;
	}
	r->factors = calloc(fs->n, sizeof(pk_factor));
	r->checks = calloc(total ? total : 1, sizeof(pk_check));
	if (r->factors == NULL || r->checks == NULL)
		return SC_ERR_NOMEM;
	for (size_t i = 0; i < fs->n; i++) {
		const ynode *e = fs->kids[i], *v;
		if (!yexpect_map(c, e, "a factor"))
			continue;
		ymap_check_keys(c, e, factor_keys, "a factor");
		pk_factor *f = &r->factors[r->nfactors];
		f->line = e->line;
		f->col = e->col;
		const char *s;
		if ((v = yrequire(c, e, "id", rid)) == NULL || !yget_str(c, v, "factor id", &s))
			continue;
		for (size_t j = 0; j < r->nfactors; j++)
			if (strcmp(r->factors[j].id, s) == 0)
				yerr(c, v, "duplicate-id", "factor '%s' is defined twice in %s", s, rid);
		if ((f->id = strdup(s)) == NULL)
			return SC_ERR_NOMEM;
		r->nfactors++;
		get_lang(c, e, "title", f->id, &f->title_en, &f->title_fr);
		long lv;
		if ((v = yrequire(c, e, "seal", f->id)) && yget_int(c, v, "seal", 1, PK_SEAL_MAX, &lv))
			f->seal = (int)lv;
		else
			f->seal = 1;
		const ynode *cks = ymap_get(e, "checks"), *un = ymap_get(e, "unseen");
		f->first = r->nchecks;
		if (cks && yexpect_seq(c, cks, "checks")) {
			if (cks->n == 0)
				yerr(c, cks, "empty", "factor %s names no check: leave checks out and "
				     "say in unseen what would decide it", f->id);
			for (size_t j = 0; j < cks->n; j++) {
				if (!yexpect_map(c, cks->kids[j], "a check"))
					continue;
				pk_check *ck = &r->checks[r->nchecks++];
				load_check(c, pack, cks->kids[j], f->id, ck);
				ck->factor = (int)(f - r->factors);
			}
		}
		f->n = r->nchecks - f->first;
		if (cks && un)
			yerr(c, un, "unknown-key", "factor %s has checks: unseen is for a factor "
			     "nothing sovcheck reads decides", f->id);
		else if (cks == NULL && un == NULL)
			yerr(c, e, "missing-key", "factor %s needs checks, or unseen: what would "
			     "decide it, which sovcheck cannot see", f->id);
		else if (un)
			get_lang(c, e, "unseen", f->id, &f->unseen_en, &f->unseen_fr);
	}
	return SC_OK;
}

static char *
dir_join(const char *path, const char *file)
{
	const char *slash = strrchr(path, '/');
	size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
	size_t fl = strlen(file);
	if (file[0] == '/')
		return strdup(file);
	char *r = malloc(dl + fl + 1);
	if (r == NULL)
		return NULL;
	memcpy(r, path, dl);
	memcpy(r + dl, file, fl + 1);
	return r;
}

sc_status
sc_pack_load(const char *path, const char *sets_path, sc_diags *diags, sc_pack **ret)
{
	ydoc *doc = NULL;
	sc_status st = ydoc_load(path, diags, &doc);
	if (st != SC_OK)
		return st;
	sc_pack *pack = calloc(1, sizeof(*pack));
	if (pack != NULL)
		memcpy(pack->sha256, doc->sha256, sizeof(pack->sha256));
	yctx c = {path, diags, doc->errors > 0};
	const ynode *root = doc->root, *v, *reqs;
	const char *s;
	if (pack == NULL || (pack->path = strdup(path)) == NULL) {
		st = SC_ERR_NOMEM;
		goto out;
	}
	if (root == NULL || !yexpect_map(&c, root, "the pack")) {
		if (root == NULL)
			yerr(&c, NULL, "empty", "the pack is empty");
		goto out;
	}
	ymap_check_keys(&c, root, pack_keys, "the pack");
	if ((v = yrequire(&c, root, "pack", "the pack")) && yget_str(&c, v, "pack", &s))
		pack->id = strdup(s);
	get_lang(&c, root, "title", "the pack", &pack->title_en, &pack->title_fr);
	if ((v = yrequire(&c, root, "version", "the pack")) && yget_str(&c, v, "version", &s))
		pack->version = strdup(s);
	if ((v = yrequire(&c, root, "source", "the pack")) && yget_str(&c, v, "source", &s))
		pack->source = strdup(s);
	if ((v = ymap_get(root, "authority")) && yget_str(&c, v, "authority", &s))
		pack->authority = strdup(s);
	char date[11];
	if ((v = ymap_get(root, "published")) && yget_date(&c, v, "published", date))
		pack->published = strdup(date);
	if ((v = ymap_get(root, "reviewed")))
		yget_date(&c, v, "reviewed", date);

	/* Country sets: the explicit path, else the pack's country_sets, else
	 * country-sets.yaml beside the pack. */
	const char *setfile = "country-sets.yaml";
	if ((v = ymap_get(root, "country_sets")) && yget_str(&c, v, "country_sets", &s))
		setfile = s;
	pack->sets_path = sets_path ? strdup(sets_path) : dir_join(path, setfile);
	if (pack->sets_path == NULL) {
		st = SC_ERR_NOMEM;
		goto out;
	}
	st = load_sets(pack, pack->sets_path, diags);
	if (st != SC_OK) {
		c.failed = true;
		if (st == SC_ERR_NOMEM)
			goto out;
		st = SC_OK;
	}

	if ((v = ymap_get(root, "scoring")))
		load_scoring(&c, pack, v);

	reqs = yrequire(&c, root, "requirements", "the pack");
	if (reqs != NULL && reqs->kind == YN_SEQ && reqs->n == 0)
		yerr(&c, reqs, "empty", "the pack has no requirements: it would judge nothing and pass");
	if (reqs == NULL || !yexpect_seq(&c, reqs, "requirements"))
		goto out;
	pack->reqs = calloc(reqs->n ? reqs->n : 1, sizeof(sc_requirement));
	if (pack->reqs == NULL) {
		st = SC_ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < reqs->n; i++) {
		const ynode *e = reqs->kids[i];
		char w[64];
		snprintf(w, sizeof(w), "requirements[%zu]", i);
		if (!yexpect_map(&c, e, w))
			continue;
		ymap_check_keys(&c, e, req_keys, "a requirement");
		sc_requirement *r = &pack->reqs[pack->nreqs++];
		r->line = e->line;
		r->col = e->col;
		if ((v = yrequire(&c, e, "id", w)) && yget_str(&c, v, "id", &s)) {
			if (sc_pack_find(pack, s) != NULL)
				yerr(&c, v, "duplicate-id", "requirement '%s' is defined twice", s);
			r->id = strdup(s);
		}
		const char *rid = r->id ? r->id : w;
		get_lang(&c, e, "title", rid, &r->title_en, &r->title_fr);
		get_lang(&c, e, "summary", rid, &r->summary_en, &r->summary_fr);
		int sev;
		if ((v = yrequire(&c, e, "severity", rid)) &&
		    yget_enum(&c, v, "severity", severity_names, &sev))
			r->severity = strdup(severity_names[sev]);
		if ((v = ymap_get(e, "source")) && yget_str(&c, v, "source", &s))
			r->source = strdup(s);
		r->pack = pack;
		r->weight = -1;
		r->minimum = pack->scoring.minimum;
		if (pack->scoring.seal) {
			long lv;
			if ((v = yrequire(&c, e, "weight", rid)) &&
			    yget_int(&c, v, "weight", 0, 100, &lv))
				r->weight = (int)lv;
			if ((v = ymap_get(e, "minimum")) &&
			    yget_int(&c, v, "minimum", 0, PK_SEAL_MAX, &lv))
				r->minimum = (int)lv;
			if ((v = ymap_get(e, "checks")))
				yerr(&c, v, "unknown-key", "objective %s of a scored pack is decided "
				     "by its factors, not by checks", rid);
			const ynode *fs = yrequire(&c, e, "factors", rid);
			if (fs && yexpect_seq(&c, fs, "factors") &&
			    (st = load_factors(&c, pack, fs, r, rid)) != SC_OK)
				goto out;
			continue;
		}
		static const char *const scored_only[] = {"weight", "minimum", "factors", NULL};
		for (size_t k = 0; scored_only[k]; k++)
			if ((v = ymap_get(e, scored_only[k])))
				yerr(&c, v, "unknown-key", "'%s' is for the objectives of a scored pack "
				     "(scoring: method: seal)", scored_only[k]);
		const ynode *cks = yrequire(&c, e, "checks", rid);
		if (cks == NULL || !yexpect_seq(&c, cks, "checks"))
			continue;
		if (cks->n == 0) {
			yerr(&c, cks, "empty", "requirement %s names no check", rid);
			continue;
		}
		r->checks = calloc(cks->n, sizeof(pk_check));
		if (r->checks == NULL) {
			st = SC_ERR_NOMEM;
			goto out;
		}
		for (size_t j = 0; j < cks->n; j++) {
			if (!yexpect_map(&c, cks->kids[j], "a check"))
				continue;
			load_check(&c, pack, cks->kids[j], rid, &r->checks[r->nchecks++]);
		}
	}
	if (pack->scoring.seal && !c.failed) {
		long sum = 0;
		for (size_t i = 0; i < pack->nreqs; i++)
			sum += pack->reqs[i].weight;
		if (sum != 100)
			yerr(&c, reqs, "weights", "the objectives' weights add up to %ld %%, not 100 %%",
			     sum);
	}
out:
	if (st == SC_OK && c.failed)
		st = SC_ERR_INVALID;
	ydoc_free(doc);
	if (st != SC_OK) {
		sc_pack_free(pack);
		return st;
	}
	*ret = pack;
	return SC_OK;
}

sc_status
sc_pack_load_list(const char *const *paths, size_t n, sc_diags *diags, sc_pack **ret)
{
	if (n == 0 || paths == NULL || ret == NULL)
		return SC_ERR_USAGE;
	if (n == 1)
		return sc_pack_load(paths[0], NULL, diags, ret);
	sc_pack *list = calloc(1, sizeof(*list));
	if (list == NULL || (list->parts = calloc(n, sizeof(sc_pack *))) == NULL) {
		free(list);
		return SC_ERR_NOMEM;
	}
	sc_status st = SC_OK;
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		sc_status s = sc_pack_load(paths[i], NULL, diags, &list->parts[list->nparts]);
		if (s == SC_OK)
			total += list->parts[list->nparts++]->nreqs;
		else if (st == SC_OK || s == SC_ERR_NOMEM)
			st = s;
	}
	strbuf id, ver;
	sb_init(&id);
	sb_init(&ver);
	sb_puts(&id, "");
	sb_puts(&ver, "");
	if (st == SC_OK && (list->reqs = calloc(total ? total : 1, sizeof(sc_requirement))) == NULL)
		st = SC_ERR_NOMEM;
	for (size_t i = 0; st == SC_OK && i < list->nparts; i++) {
		const sc_pack *p = list->parts[i];
		for (size_t j = 0; j < i; j++)
			if (strcmp(sc_pack_id(list->parts[j]), sc_pack_id(p)) == 0) {
				sc_diags_add(diags, SC_SEV_ERROR, p->path, 0, 0, "duplicate-pack",
				             "pack '%s' is given twice", sc_pack_id(p));
				st = SC_ERR_INVALID;
			}
		for (size_t k = 0; k < p->nreqs; k++) {
			const sc_requirement *q = &p->reqs[k], *o = sc_pack_find(list, q->id);
			if (o != NULL) {
				sc_diags_add(diags, SC_SEV_ERROR, p->path, q->line, q->col, "duplicate-id",
				             "requirement '%s' is also in pack '%s': packs judged together "
				             "need distinct ids", q->id, sc_pack_id(o->pack));
				st = SC_ERR_INVALID;
				continue;
			}
			list->reqs[list->nreqs++] = *q;
		}
		sb_printf(&id, "%s%s", i ? "," : "", sc_pack_id(p));
		sb_printf(&ver, "%s%s", i ? "," : "", sc_pack_version(p));
	}
	if (id.oom || ver.oom)
		st = SC_ERR_NOMEM;
	list->id = id.s;
	list->version = ver.s;
	if (st != SC_OK) {
		sc_pack_free(list);
		return st;
	}
	*ret = list;
	return SC_OK;
}

const char *sc_pack_id(const sc_pack *p) { return p->id ? p->id : ""; }
const char *sc_pack_title(const sc_pack *p) { return p->title_en ? p->title_en : ""; }
const char *sc_pack_version(const sc_pack *p) { return p->version ? p->version : ""; }
const char *sc_pack_path(const sc_pack *p) { return p->path; }
size_t sc_pack_count(const sc_pack *p) { return p->nreqs; }
bool sc_pack_scored(const sc_pack *p) { return p->scoring.seal; }

const sc_requirement *
sc_pack_get(const sc_pack *p, size_t i)
{
	return i < p->nreqs ? &p->reqs[i] : NULL;
}

const sc_requirement *
sc_pack_find(const sc_pack *p, const char *id)
{
	for (size_t i = 0; i < p->nreqs; i++)
		if (p->reqs[i].id && strcmp(p->reqs[i].id, id) == 0)
			return &p->reqs[i];
	return NULL;
}

const char *sc_requirement_id(const sc_requirement *r) { return r->id ? r->id : ""; }

const char *
sc_requirement_title(const sc_requirement *r, const char *lang)
{
	const char *s = lang && strcmp(lang, "fr") == 0 ? r->title_fr : r->title_en;
	return s ? s : "";
}

const char *
sc_requirement_summary(const sc_requirement *r, const char *lang)
{
	const char *s = lang && strcmp(lang, "fr") == 0 ? r->summary_fr : r->summary_en;
	return s ? s : "";
}

const char *
sc_requirement_check(const sc_requirement *r)
{
	return r->nchecks ? pk_check_names[r->checks[0].kind] : "";
}

const char *sc_requirement_severity(const sc_requirement *r) { return r->severity ? r->severity : ""; }
const char *sc_requirement_source(const sc_requirement *r) { return r->source ? r->source : ""; }

static void
mask_text(strbuf *sb, const char *key, unsigned mask, const char *const *names)
{
	if (mask == 0)
		return;
	sb_printf(sb, "%s: [", key);
	bool first = true;
	for (unsigned i = 0; names[i]; i++) {
		if (mask & (1u << i)) {
			sb_printf(sb, "%s%s", first ? "" : ", ", names[i]);
			first = false;
		}
	}
	sb_puts(sb, "]\n");
}

/* One check's lines, indented by ind spaces. */
static void
check_text(strbuf *sb, const pk_check *c, int ind)
{
	char a[32];
	sb_printf(sb, "%*s- check: %s%s\n", ind, "", pk_check_names[c->kind],
	          pk_check_observed(c->kind) ? " (needs collected evidence)" : "");
	if (c->set) {
		sb_printf(sb, "%*s  set: %s (", ind, "", c->set->id);
		for (size_t j = 0; j < c->set->n; j++)
			sb_printf(sb, "%s%s", j ? " " : "", c->set->codes[j]);
		sb_puts(sb, ")\n");
	}
	char key[64];
	snprintf(key, sizeof(key), "%*s  holds", ind, "");
	mask_text(sb, key, c->holds, mf_holds_names);
	snprintf(key, sizeof(key), "%*s  data", ind, "");
	mask_text(sb, key, c->data, mf_data_names);
	snprintf(key, sizeof(key), "%*s  roles", ind, "");
	mask_text(sb, key, c->roles, mf_role_names);
	if (c->kind == PK_SHAREHOLDING_CAPS) {
		util_fmt_pct(a, sizeof(a), c->individual_max);
		sb_printf(sb, "%*s  individual_max: %s %%\n", ind, "", a);
		util_fmt_pct(a, sizeof(a), c->collective_max);
		sb_printf(sb, "%*s  collective_max: %s %%\n", ind, "", a);
		util_fmt_pct(a, sizeof(a), c->control_threshold);
		sb_printf(sb, "%*s  control_threshold: %s %%\n", ind, "", a);
	}
	if (c->min_alternatives)
		sb_printf(sb, "%*s  min_alternatives: %ld\n", ind, "", c->min_alternatives);
	if (c->max_months)
		sb_printf(sb, "%*s  max_months: %ld\n", ind, "", c->max_months);
	if (c->notice_days)
		sb_printf(sb, "%*s  notice_days: %ld\n", ind, "", c->notice_days);
	if (c->max_functions)
		sb_printf(sb, "%*s  max_functions: %ld\n", ind, "", c->max_functions);
	snprintf(key, sizeof(key), "%*s  schemes", ind, "");
	mask_text(sb, key, c->schemes, mf_scheme_names);
	snprintf(key, sizeof(key), "%*s  aspects", ind, "");
	mask_text(sb, key, c->aspects, mf_hw_names);
	snprintf(key, sizeof(key), "%*s  accepted", ind, "");
	mask_text(sb, key, c->accepted, mf_source_names);
	if (c->has_max_pue) {
		util_fmt_pct(a, sizeof(a), c->max_pue);
		sb_printf(sb, "%*s  max_pue: %s\n", ind, "", a);
	}
	if (c->has_min_renewable) {
		util_fmt_pct(a, sizeof(a), c->min_renewable);
		sb_printf(sb, "%*s  min_renewable: %s %%\n", ind, "", a);
	}
}

char *
sc_requirement_params_text(const sc_requirement *r)
{
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "");
	if (r->nfactors) {
		/* A scored objective: its factors, each with the level that
		 * needs it and what decides it. */
		sb_printf(&sb, "  scored: level 0-%d, the highest at which every factor it needs "
		          "is met; passes from level %d; weight %d %%\n", PK_SEAL_MAX, r->minimum,
		          r->weight);
		for (size_t i = 0; i < r->nfactors; i++) {
			const pk_factor *f = &r->factors[i];
			sb_printf(&sb, "  - factor %s (needed from level %d): %s\n", f->id, f->seal,
			          f->title_en ? f->title_en : "");
			if (f->n == 0)
				sb_printf(&sb, "      nothing sovcheck reads decides it (unknown): %s\n",
				          f->unseen_en ? f->unseen_en : "");
			for (size_t j = f->first; j < f->first + f->n; j++)
				check_text(&sb, &r->checks[j], 4);
		}
	}
	for (size_t i = 0; i < r->nchecks && r->nfactors == 0; i++)
		check_text(&sb, &r->checks[i], 2);
	if (sb.oom) {
		sb_free(&sb);
		return NULL;
	}
	return sb.s;
}
