/*
 * registry.c — the entity registry: organisations, their parents, and what
 * reveals them in network evidence (ASNs, DNS suffixes by kind, certificate
 * issuer organisation names, root certificate fingerprints).
 *
 * The registry is read from YAML files (schema in geodb/registry/README.md).
 * Loading checks each file's schema and refuses duplicate ids; the
 * cross-entity checks (parents exist, no cycles, nothing claimed twice,
 * every fact sourced) are sc_registry_lint(), which the tool runs after
 * loading and the test suite runs over the shipped files.
 *
 * This file reads the files; registry-index.c holds the indexes and the
 * lookups, registry-lint.c the cross-entity checks.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "sc-limits.h"
#include "sc-yaml.h"
#include "util.h"

/* One string table for the fact names (STYLE §11); index = enum fact. */
const char *const registry_fact_names[] = {
	"name", "aliases", "country", "parent", "asns", "suffixes", "issuers",
	"root_fingerprints", "anycast", "former_names", "prefixes", "control",
	"verification", "caa", "lei", "providers", "holders", NULL,
};

const char *const registry_control_names[] = {"government", "state-owned", "listed",
	"nonprofit", "private", "cooperative", NULL};

const char *const registry_suffix_kind_names[] = {"cname", "ns", "mx", "txt", NULL};

const char *const registry_provider_role_names[] = {"hosting", "cdn", "dns", "mail",
	"email-sending", "storage", NULL};

static const char *
suffix_problem(const char *s)
{
	size_t n = strlen(s), label = 0, labels = 1;
	if (n == 0)
		return "is empty";
	if (n > SC_MAX_NAME_LEN)
		return "is longer than 253 octets";
	if (s[0] == '.' || s[n - 1] == '.')
		return "must not start or end with a dot";
	for (const char *p = s; *p; p++) {
		if (*p == '.') {
			if (label == 0)
				return "has an empty label";
			label = 0;
			labels++;
			continue;
		}
		if (*p >= 'A' && *p <= 'Z')
			return "must be lower case";
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '_'))
			return "has a character that is not a letter, digit, '-' or '_'";
		if (++label > 63)
			return "has a label longer than 63 octets";
	}
	if (labels < 2)
		return "must have at least two labels (a bare top-level domain is too broad)";
	return NULL;
}

/* ASNs that can never identify an operator (RFC 6996, RFC 5398, RFC 7300,
 * RFC 6793 AS_TRANS). */
static bool
asn_reserved(uint32_t a)
{
	return a == 0 || a == 23456 || (a >= 64496 && a <= 65535) ||
	       (a >= 65536 && a <= 131071) || a >= 4200000000u;
}

static bool
id_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return false;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return s[n - 1] != '-';
}

/*
 * A Legal Entity Identifier (ISO 17442-1:2020): 20 characters, the first
 * 18 upper-case letters or digits, then two check digits computed by ISO
 * 7064 MOD 97-10 — each letter written as its value (A = 10 … Z = 35), the
 * whole number taken modulo 97 must be 1. Lower case is refused rather
 * than folded: the GLEIF and every register write LEIs in upper case, and a
 * copy in lower case is a slip to fix at its source. NULL when valid.
 */
static const char *
lei_problem(const char *s, size_t len)
{
	if (len != 20 || strlen(s) != 20)
		return "must be 20 characters long";
	unsigned r = 0;
	for (size_t i = 0; i < 20; i++) {
		char ch = s[i];
		unsigned v;
		if (ch >= '0' && ch <= '9')
			v = (unsigned)(ch - '0');
		else if (ch >= 'A' && ch <= 'Z' && i < 18)
			v = (unsigned)(ch - 'A') + 10;
		else if (ch >= 'a' && ch <= 'z' && i < 18)
			return "must be written in upper case";
		else if (i >= 18)
			return "must end with two check digits";
		else
			return "must hold only the letters A-Z and the digits 0-9";
		/* r < 97, so r * 100 + 35 stays far below UINT_MAX */
		r = (r * (v < 10 ? 10u : 100u) + v) % 97u;
	}
	if (r != 1)
		return "fails its ISO 7064 MOD 97-10 check digits (a mistyped character?)";
	return NULL;
}

/* ------------------------------------------------------------- parsing */

static const char *const file_keys[] = {"sovcheck-registry", "entities", NULL};
static const char *const entity_keys[] = {
	"id", "name", "aliases", "former_names", "country", "parent", "parents", "asns",
	"prefixes", "suffixes", "issuers", "root_fingerprints", "anycast", "control",
	"verification", "caa", "lei", "providers", "holders", "sources", "note", NULL,
};
static const char *const parent_keys[] = {"id", "from", "until", NULL};
static const char *const former_keys[] = {"name", "until", NULL};
static const char *const provider_keys[] = {"id", "role", NULL};
static const char *const holder_keys[] = {"name", "entity", "country", "capital", "voting",
	"controlling", "as_of", "from", "until", NULL};
static const char *const ca_file_keys[] = {"sovcheck-ca-index", "source", "certificates", NULL};
static const char *const ca_source_keys[] = {"url", "fact", "reviewed", NULL};
static const char *const ca_keys[] = {"sha256", "spki", "name", "owner", "operator",
	"not_after", "history", NULL};
static const char *const ca_hist_keys[] = {"owner", "until", NULL};
static const char *const source_keys[] = {"url", "fact", "covers", "reviewed", NULL};

/* Append to a vlist; returns false on allocation failure. */
static bool
vlist_push(struct vlist *l, char *s, uint32_t asn, const ynode *at)
{
	if (l->n >= SIZE_MAX / sizeof(*l->v) - 1)
		return false;
	struct val *nv = realloc(l->v, (l->n + 1) * sizeof(*nv));
	if (nv == NULL)
		return false;
	l->v = nv;
	l->v[l->n].s = s;
	l->v[l->n].orig = NULL;
	l->v[l->n].asn = asn;
	l->v[l->n].line = at ? at->line : 0;
	l->v[l->n].col = at ? at->col : 0;
	l->n++;
	return true;
}

/* Kinds of list item a registry list holds. */
enum item_kind { ITEM_TEXT, ITEM_ASN, ITEM_SUFFIX, ITEM_ISSUER, ITEM_FP, ITEM_TOKEN };

/* A domain-verification token: the start of the TXT record a service asks
 * a domain to publish ("google-site-verification=", "MS="): printable
 * ASCII with no space, ending in '=' or ':' or '-' or '_', 3 to 64 bytes —
 * so that it cannot match every record. NULL when valid. */
static const char *
token_problem(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > 64)
		return "must be 3 to 64 characters long";
	for (const char *p = s; *p; p++)
		if (*p <= ' ' || *p >= 0x7f)
			return "must be printable ASCII with no space";
	if (strchr("=:-_", s[n - 1]) == NULL)
		return "must end with '=', ':', '-' or '_' (the start of the record, not a value)";
	return NULL;
}

/*
 * Read a list of scalars into l, checking each item. Duplicates within the
 * list are errors (they are always a slip). Returns false on out of memory.
 */
static bool
read_list(yctx *c, const ynode *seq, const char *what, enum item_kind kind,
          struct vlist *l)
{
	if (seq == NULL || !yexpect_seq(c, seq, what))
		return true;
	if (seq->n > SC_MAX_LIST_ITEMS) {
		yerr(c, seq, "limit", "%s has %zu items, more than the limit of %u", what,
		     seq->n, SC_MAX_LIST_ITEMS);
		return true;
	}
	for (size_t i = 0; i < seq->n; i++) {
		const ynode *it = seq->kids[i];
		char *s = NULL;
		uint32_t asn = 0;
		if (kind == ITEM_ASN) {
			long v = 0;
			/* "AS16509" is accepted as well as 16509. */
			if (it->kind == YN_SCALAR && (strncmp(it->str, "AS", 2) == 0 ||
			                              strncmp(it->str, "as", 2) == 0)) {
				char *end = NULL;
				unsigned long long u = strtoull(it->str + 2, &end, 10);
				if (it->str[2] < '0' || it->str[2] > '9' || *end != '\0' ||
				    u > 4294967295ull) {
					yerr(c, it, "asn", "%s: '%s' is not an AS number", what, it->str);
					continue;
				}
				v = (long)u;
			} else if (!yget_int(c, it, what, 1, 4294967295L, &v)) {
				continue;
			}
			asn = (uint32_t)v;
			if (asn_reserved(asn)) {
				yerr(c, it, "asn-reserved", "%s: AS%u is reserved (private, "
				     "documentation or AS_TRANS) and identifies no operator", what, asn);
				continue;
			}
			for (size_t j = 0; j < l->n; j++)
				if (l->v[j].asn == asn)
					yerr(c, it, "duplicate-item", "%s: AS%u is listed twice "
					     "(first at line %u)", what, asn, l->v[j].line);
		} else {
			const char *str;
			if (!yget_str(c, it, what, &str))
				continue;
			char fp[65];
			if (kind == ITEM_SUFFIX) {
				const char *why = suffix_problem(str);
				if (why) {
					yerr(c, it, "suffix", "%s: '%s' %s", what, str, why);
					continue;
				}
				s = strdup(str);
			} else if (kind == ITEM_ISSUER) {
				s = registry_issuer_norm(str);
				if (s != NULL && s[0] == '\0') {
					yerr(c, it, "empty", "%s must not be blank", what);
					free(s);
					continue;
				}
			} else if (kind == ITEM_TOKEN) {
				const char *why = token_problem(str);
				if (why) {
					yerr(c, it, "token", "%s: '%s' %s", what, str, why);
					continue;
				}
				s = strdup(str);
			} else if (kind == ITEM_FP) {
				if (!registry_fp_norm(str, fp)) {
					yerr(c, it, "fingerprint", "%s: '%s' is not a SHA-256 "
					     "fingerprint (64 hexadecimal digits)", what, str);
					continue;
				}
				s = strdup(fp);
			} else {
				s = strdup(str);
			}
			if (s == NULL)
				return false;
			bool dup = false;
			for (size_t j = 0; j < l->n && !dup; j++) {
				if (strcmp(l->v[j].s, s) == 0) {
					yerr(c, it, "duplicate-item", "%s: '%s' is listed twice "
					     "(first at line %u)", what, str, l->v[j].line);
					dup = true;
				}
			}
			if (dup) {
				free(s);
				continue;
			}
		}
		if (!vlist_push(l, s, asn, it)) {
			free(s);
			return false;
		}
		if (kind == ITEM_ISSUER && (l->v[l->n - 1].orig = strdup(it->str)) == NULL)
			return false;
	}
	return true;
}

/* `parent: ID`, or `parents: [{id, from, until}]` (periods that do not
 * overlap, from before until). Returns false on out of memory. */
static bool
read_parents(yctx *c, const ynode *m, sc_entity *e)
{
	const ynode *one = ymap_get(m, "parent"), *many = ymap_get(m, "parents");
	const char *s;
	if (one && many) {
		yerr(c, many, "parents", "'parent' and 'parents' are both given: write one "
		     "(parents, with dates, when control changed over time)");
		return true;
	}
	if (one) {
		if (!yget_str(c, one, "parent", &s))
			return true;
		if (!id_valid(s)) {
			yerr(c, one, "id", "parent '%s' must be an entity id (a slug)", s);
			return true;
		}
		if ((e->parents = calloc(1, sizeof(*e->parents))) == NULL ||
		    (e->parents[0].id = strdup(s)) == NULL)
			return false;
		e->n_parents = 1;
		e->parents[0].line = one->line;
		e->parents[0].col = one->col;
		return true;
	}
	if (many == NULL || !yexpect_seq(c, many, "parents"))
		return true;
	if (many->n == 0 || many->n > SC_MAX_LIST_ITEMS) {
		yerr(c, many, many->n ? "limit" : "empty", "parents must list 1 to %u periods",
		     SC_MAX_LIST_ITEMS);
		return true;
	}
	if ((e->parents = calloc(many->n, sizeof(*e->parents))) == NULL)
		return false;
	for (size_t i = 0; i < many->n; i++) {
		const ynode *pm = many->kids[i];
		if (!yexpect_map(c, pm, "parents[]"))
			continue;
		ymap_check_keys(c, pm, parent_keys, "a parent period");
		struct dated_parent *d = &e->parents[e->n_parents];
		d->line = pm->line;
		d->col = pm->col;
		const ynode *v = yrequire(c, pm, "id", "a parent period");
		if (v == NULL || !yget_str(c, v, "parents[].id", &s))
			continue;
		if (!id_valid(s)) {
			yerr(c, v, "id", "parent '%s' must be an entity id (a slug)", s);
			continue;
		}
		if ((v = ymap_get(pm, "from")) != NULL)
			yget_date(c, v, "parents[].from", d->from);
		if ((v = ymap_get(pm, "until")) != NULL)
			yget_date(c, v, "parents[].until", d->until);
		if (d->from[0] && d->until[0] && strcmp(d->from, d->until) >= 0)
			yerr(c, pm, "period", "parent '%s': from %s is not before until %s", s,
			     d->from, d->until);
		if ((d->id = strdup(s)) == NULL)
			return false;
		e->n_parents++;
	}
	/* Periods in order, without overlap: at most one parent at a date. */
	for (size_t i = 1; i < e->n_parents; i++)
		for (size_t j = i; j > 0; j--) {
			struct dated_parent *a = &e->parents[j - 1], *b = &e->parents[j];
			if (strcmp(a->from, b->from) <= 0)
				break;
			struct dated_parent t = *a;
			*a = *b;
			*b = t;
		}
	for (size_t i = 1; i < e->n_parents; i++) {
		const struct dated_parent *a = &e->parents[i - 1], *b = &e->parents[i];
		if (!a->until[0] || !b->from[0] || strcmp(a->until, b->from) > 0)
			yerr(c, many->kids[0], "period", "parents '%s' and '%s': periods overlap "
			     "(each but the last needs an until, each but the first a from, "
			     "and until <= the next from)", a->id, b->id);
	}
	return true;
}

/* `former_names: [{name, until}]`. */
static bool
read_formers(yctx *c, const ynode *seq, sc_entity *e)
{
	if (seq == NULL || !yexpect_seq(c, seq, "former_names"))
		return true;
	if (seq->n > SC_MAX_LIST_ITEMS) {
		yerr(c, seq, "limit", "too many former names");
		return true;
	}
	if (seq->n && (e->formers = calloc(seq->n, sizeof(*e->formers))) == NULL)
		return false;
	for (size_t i = 0; i < seq->n; i++) {
		const ynode *fm = seq->kids[i];
		if (!yexpect_map(c, fm, "former_names[]"))
			continue;
		ymap_check_keys(c, fm, former_keys, "a former name");
		struct former_name *f = &e->formers[e->n_formers];
		const char *s;
		const ynode *v = yrequire(c, fm, "name", "a former name");
		if (v == NULL || !yget_str(c, v, "former_names[].name", &s))
			continue;
		const ynode *u = yrequire(c, fm, "until", "a former name");
		if (u == NULL || !yget_date(c, u, "former_names[].until", f->until))
			continue;
		if ((f->name = strdup(s)) == NULL)
			return false;
		f->line = fm->line;
		f->col = fm->col;
		e->n_formers++;
	}
	return true;
}

/* `providers: [{id, role}]`: the entities this one itself runs on (its
 * hosting, CDN, DNS, mail), as a public page of the entity states them.
 * An id listed twice with the same role is a slip; whether the ids exist
 * and are not the entity itself is sc_registry_lint()'s to say (a later
 * --registry file may add them). Returns false on out of memory. */
static bool
read_providers(yctx *c, const ynode *seq, sc_entity *e)
{
	if (seq == NULL || !yexpect_seq(c, seq, "providers"))
		return true;
	if (seq->n == 0 || seq->n > SC_MAX_LIST_ITEMS) {
		yerr(c, seq, seq->n ? "limit" : "empty", "providers must list 1 to %u entities",
		     SC_MAX_LIST_ITEMS);
		return true;
	}
	if ((e->providers = calloc(seq->n, sizeof(*e->providers))) == NULL)
		return false;
	for (size_t i = 0; i < seq->n; i++) {
		const ynode *pm = seq->kids[i];
		if (!yexpect_map(c, pm, "providers[]"))
			continue;
		ymap_check_keys(c, pm, provider_keys, "a provider");
		const char *s;
		int role = 0;
		const ynode *v = yrequire(c, pm, "id", "a provider");
		const ynode *r = yrequire(c, pm, "role", "a provider");
		if (v == NULL || !yget_str(c, v, "providers[].id", &s))
			continue;
		if (!id_valid(s)) {
			yerr(c, v, "id", "provider '%s' must be an entity id (a slug)", s);
			continue;
		}
		if (r == NULL || !yget_enum(c, r, "providers[].role", registry_provider_role_names,
		                            &role))
			continue;
		bool dup = false;
		for (size_t j = 0; j < e->n_providers && !dup; j++) {
			const struct provider *o = &e->providers[j];
			if (strcmp(o->id, s) == 0 && o->role == (sc_provider_role)role) {
				yerr(c, pm, "duplicate-item", "providers: '%s' as %s is listed twice "
				     "(first at line %u)", s, registry_provider_role_names[role], o->line);
				dup = true;
			}
		}
		if (dup)
			continue;
		struct provider *p = &e->providers[e->n_providers];
		if ((p->id = strdup(s)) == NULL)
			return false;
		p->role = (sc_provider_role)role;
		p->line = pm->line;
		p->col = pm->col;
		e->n_providers++;
	}
	return true;
}

/* The holders standing together — on each date a period starts, and now —
 * hold at most 100 % of the capital and of the votes (beyond rounding:
 * figures of different dates may not add up exactly), and at most one of
 * them controls. */
static void
holders_add_up(yctx *c, const ynode *seq, const sc_entity *e)
{
	for (size_t k = 0; k <= e->n_holders; k++) {
		const char *date = k < e->n_holders ? e->holders[k].from : "";
		if (k < e->n_holders && !*date)
			continue;
		double capital = 0, voting = 0;
		size_t ncontrol = 0;
		for (size_t i = 0; i < e->n_holders; i++) {
			const sc_holder *h = &e->holders[i].pub;
			if (!registry_in_period(h->from, h->until, date))
				continue;
			capital += h->capital > 0 ? h->capital : 0;
			voting += h->voting > 0 ? h->voting : 0;
			if (h->controlling || h->capital > 50 || h->voting > 50)
				ncontrol++;
		}
		const char *when = *date ? date : "now";
		if (capital > 100.5 || voting > 100.5) {
			yerr(c, seq, "holders", "holders: the %s of the holders standing %s%s adds up "
			     "to %.2f %%, more than 100 %%", capital > 100.5 ? "capital" : "voting rights",
			     *date ? "on " : "", when, capital > 100.5 ? capital : voting);
			return;
		}
		if (ncontrol > 1) {
			yerr(c, seq, "holders", "holders: %zu holders standing %s%s are each said to "
			     "control the entity (controlling: true or more than 50 %%); at most one can",
			     ncontrol, *date ? "on " : "", when);
			return;
		}
	}
}

/* `holders: [{name, entity, country, capital, voting, controlling, as_of,
 * from, until}]`: who holds the entity, as a source names them — a
 * person, a family, a fund, a company or a state. entity: the holder is
 * that registry entity (its name and country then need not be written);
 * capital and voting are percentages; controlling: the source says this
 * holder controls the entity though it gives no figure above 50 %;
 * from/until: the period the holding stood for (a past holding, or one
 * that began on a date). Returns false on out of memory. */
static bool
read_holders(yctx *c, const ynode *seq, sc_entity *e)
{
	if (seq == NULL || !yexpect_seq(c, seq, "holders"))
		return true;
	if (seq->n == 0 || seq->n > SC_MAX_HOLDERS) {
		yerr(c, seq, seq->n ? "limit" : "empty", "holders must list 1 to %u holders",
		     SC_MAX_HOLDERS);
		return true;
	}
	if ((e->holders = calloc(seq->n, sizeof(*e->holders))) == NULL)
		return false;
	for (size_t i = 0; i < seq->n; i++) {
		const ynode *hm = seq->kids[i];
		if (!yexpect_map(c, hm, "holders[]"))
			continue;
		ymap_check_keys(c, hm, holder_keys, "a holder");
		struct holder *h = &e->holders[e->n_holders];
		h->pub.capital = h->pub.voting = -1;
		const char *s = NULL, *id = NULL;
		const ynode *v = ymap_get(hm, "entity");
		if (v != NULL) {
			if (!yget_str(c, v, "holders[].entity", &id))
				continue;
			if (!id_valid(id)) {
				yerr(c, v, "id", "holder entity '%s' must be an entity id (a slug)", id);
				continue;
			}
			if (strcmp(id, e->id ? e->id : "") == 0) {
				yerr(c, v, "holder", "'%s' cannot hold itself", id);
				continue;
			}
		}
		/* a holder that is no entity of the registry is known by its name */
		if ((v = id ? ymap_get(hm, "name") : yrequire(c, hm, "name", "a holder")) != NULL &&
		    !yget_str(c, v, "holders[].name", &s))
			continue;
		if (v == NULL && id == NULL)
			continue;
		if ((v = ymap_get(hm, "country")) != NULL &&
		    !yget_country(c, v, "holders[].country", h->country))
			continue;
		h->located = v != NULL;
		if ((v = ymap_get(hm, "capital")) != NULL &&
		    !yget_number(c, v, "holders[].capital", 0, 100, &h->pub.capital))
			continue;
		if ((v = ymap_get(hm, "voting")) != NULL &&
		    !yget_number(c, v, "holders[].voting", 0, 100, &h->pub.voting))
			continue;
		if ((v = ymap_get(hm, "controlling")) != NULL &&
		    !yget_bool(c, v, "holders[].controlling", &h->pub.controlling))
			continue;
		if ((v = ymap_get(hm, "as_of")) != NULL &&
		    !yget_date(c, v, "holders[].as_of", h->as_of))
			continue;
		if ((v = ymap_get(hm, "from")) != NULL && !yget_date(c, v, "holders[].from", h->from))
			continue;
		if ((v = ymap_get(hm, "until")) != NULL && !yget_date(c, v, "holders[].until", h->until))
			continue;
		if (h->from[0] && h->until[0] && strcmp(h->from, h->until) >= 0) {
			yerr(c, hm, "period", "holder '%s': from %s is not before until %s", s ? s : id,
			     h->from, h->until);
			continue;
		}
		h->named = s != NULL;
		if ((h->name = strdup(s ? s : id)) == NULL || (id && (h->entity_id = strdup(id)) == NULL)) {
			free(h->name);
			h->name = NULL;
			return false;
		}
		h->pub.name = h->name;
		h->pub.country = h->country;
		h->pub.as_of = h->as_of;
		h->pub.from = h->from;
		h->pub.until = h->until;
		h->line = hm->line;
		h->col = hm->col;
		e->n_holders++;
	}
	holders_add_up(c, seq, e);
	return true;
}

/* `prefixes: [CIDR]`: networks the entity publishes as its own (so that an
 * address without an ASN in the public data is still attributed). */
static bool
read_prefixes(yctx *c, const ynode *seq, sc_entity *e)
{
	if (seq == NULL || !yexpect_seq(c, seq, "prefixes"))
		return true;
	if (seq->n > SC_MAX_LIST_ITEMS) {
		yerr(c, seq, "limit", "too many prefixes");
		return true;
	}
	if (seq->n && (e->prefixes = calloc(seq->n, sizeof(*e->prefixes))) == NULL)
		return false;
	for (size_t i = 0; i < seq->n; i++) {
		const char *s;
		if (!yget_str(c, seq->kids[i], "prefixes[]", &s))
			continue;
		struct prefix *p = &e->prefixes[e->n_prefixes];
		char a[64];
		const char *slash = strchr(s, '/');
		char *end = NULL;
		unsigned long len = slash ? strtoul(slash + 1, &end, 10) : 0;
		size_t al = slash ? (size_t)(slash - s) : 0;
		bool ok = slash && al > 0 && al < sizeof(a) && end && *end == '\0' &&
		          slash[1] >= '0' && slash[1] <= '9';
		if (ok) {
			memcpy(a, s, al);
			a[al] = '\0';
			p->family = strchr(a, ':') ? 6 : 4;
			ok = inet_pton(p->family == 6 ? AF_INET6 : AF_INET, a, p->addr) == 1 &&
			     len <= (p->family == 6 ? 128u : 32u) && len >= (p->family == 6 ? 16u : 8u);
		}
		if (ok) {
			unsigned bytes = p->family == 6 ? 16 : 4;
			for (unsigned b = 0; b < bytes * 8 && ok; b++)
				if (b >= len && (p->addr[b / 8] & (0x80u >> (b % 8))))
					ok = false;   /* host bits set */
		}
		if (!ok) {
			yerr(c, seq->kids[i], "prefix", "prefixes: '%s' is not a network prefix "
			     "(ADDRESS/LENGTH with the host bits zero; /8 to /32 for IPv4, /16 to "
			     "/128 for IPv6)", s);
			continue;
		}
		p->len = (unsigned)len;
		p->line = seq->kids[i]->line;
		p->col = seq->kids[i]->col;
		char canon[INET6_ADDRSTRLEN + 16];
		char addr[INET6_ADDRSTRLEN];
		inet_ntop(p->family == 6 ? AF_INET6 : AF_INET, p->addr, addr, sizeof(addr));
		snprintf(canon, sizeof(canon), "%s/%u", addr, p->len);
		if ((p->text = strdup(canon)) == NULL)
			return false;
		e->n_prefixes++;
	}
	return true;
}

/* Read one entity mapping. *ret is NULL when the entity had errors. */
static sc_status
read_entity(yctx *c, const ynode *m, sc_entity **ret)
{
	*ret = NULL;
	if (!yexpect_map(c, m, "entity"))
		return SC_OK;
	bool before = c->failed;
	c->failed = false;
	ymap_check_keys(c, m, entity_keys, "entity");

	sc_entity *e = calloc(1, sizeof(*e));
	if (e == NULL)
		return SC_ERR_NOMEM;
	e->line = m->line;
	e->col = m->col;
	if ((e->file = strdup(c->file)) == NULL)
		goto oom;

	const char *s;
	const ynode *n = yrequire(c, m, "id", "entity");
	if (n && yget_str(c, n, "id", &s)) {
		if (!id_valid(s))
			yerr(c, n, "id", "id '%s' must be a slug: lower-case letters, digits "
			     "and '-', at most 64 characters", s);
		else if ((e->id = strdup(s)) == NULL)
			goto oom;
	}
	const char *what = e->id ? e->id : "entity";
	n = yrequire(c, m, "name", what);
	if (n && yget_str(c, n, "name", &s) && (e->name = strdup(s)) == NULL)
		goto oom;
	n = yrequire(c, m, "country", what);
	if (n)
		yget_country(c, n, "country", e->country);
	if (!read_parents(c, m, e) || !read_formers(c, ymap_get(m, "former_names"), e) ||
	    !read_prefixes(c, ymap_get(m, "prefixes"), e) ||
	    !read_providers(c, ymap_get(m, "providers"), e) ||
	    !read_holders(c, ymap_get(m, "holders"), e))
		goto oom;
	if (!read_list(c, ymap_get(m, "aliases"), "aliases", ITEM_TEXT, &e->aliases) ||
	    !read_list(c, ymap_get(m, "asns"), "asns", ITEM_ASN, &e->asns) ||
	    !read_list(c, ymap_get(m, "issuers"), "issuers", ITEM_ISSUER, &e->issuers) ||
	    !read_list(c, ymap_get(m, "root_fingerprints"), "root_fingerprints", ITEM_FP,
	               &e->fps) ||
	    !read_list(c, ymap_get(m, "verification"), "verification", ITEM_TOKEN,
	               &e->verification) ||
	    !read_list(c, ymap_get(m, "caa"), "caa", ITEM_SUFFIX, &e->caa))
		goto oom;
	if ((n = ymap_get(m, "suffixes")) != NULL && yexpect_map(c, n, "suffixes")) {
		ymap_check_keys(c, n, registry_suffix_kind_names, "suffixes");
		for (int k = 0; k < SC_SUFFIX_COUNT; k++) {
			char w[32];
			snprintf(w, sizeof(w), "suffixes.%s", registry_suffix_kind_names[k]);
			if (!read_list(c, ymap_get(n, registry_suffix_kind_names[k]), w, ITEM_SUFFIX,
			               &e->sfx[k]))
				goto oom;
		}
	}
	if ((n = ymap_get(m, "anycast")) != NULL && yget_bool(c, n, "anycast", &e->anycast))
		e->has_anycast = true;
	e->control = -1;
	if ((n = ymap_get(m, "control")) != NULL) {
		int idx;
		if (yget_enum(c, n, "control", registry_control_names, &idx))
			e->control = idx;
	}
	if ((n = ymap_get(m, "lei")) != NULL && yget_str(c, n, "lei", &s)) {
		const char *why = lei_problem(s, n->len);
		if (why) {
			yerr(c, n, "lei", "lei '%s' is not a Legal Entity Identifier (ISO 17442): "
			     "it %s", s, why);
		} else {
			memcpy(e->lei, s, sizeof(e->lei));
			e->lei_line = n->line;
			e->lei_col = n->col;
		}
	}
	if ((n = ymap_get(m, "note")) != NULL && yget_str(c, n, "note", &s) &&
	    (e->note = strdup(s)) == NULL)
		goto oom;

	n = yrequire(c, m, "sources", what);
	if (n && yexpect_seq(c, n, "sources")) {
		if (n->n == 0)
			yerr(c, n, "unsourced", "%s: sources must list at least one source", what);
		if (n->n > SC_MAX_LIST_ITEMS) {
			yerr(c, n, "limit", "too many sources");
		} else if (n->n > 0) {
			e->src = calloc(n->n, sizeof(*e->src));
			if (e->src == NULL)
				goto oom;
		}
		for (size_t i = 0; e->src && i < n->n; i++) {
			const ynode *sm = n->kids[i];
			if (!yexpect_map(c, sm, "source"))
				continue;
			ymap_check_keys(c, sm, source_keys, "source");
			struct source *src = &e->src[e->n_src++];
			src->line = sm->line;
			src->col = sm->col;
			const ynode *u = yrequire(c, sm, "url", "source");
			if (u && yget_str(c, u, "url", &s)) {
				if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
					yerr(c, u, "url", "source url '%s' must be an http(s) URL", s);
				else if ((src->url = strdup(s)) == NULL)
					goto oom;
			}
			const ynode *f = yrequire(c, sm, "fact", "source");
			if (f && yget_str(c, f, "fact", &s) && (src->fact = strdup(s)) == NULL)
				goto oom;
			const ynode *r = yrequire(c, sm, "reviewed", "source");
			if (r)
				yget_date(c, r, "reviewed", src->reviewed);
			const ynode *cv = yrequire(c, sm, "covers", "source");
			if (cv && yexpect_seq(c, cv, "covers")) {
				for (size_t j = 0; j < cv->n; j++) {
					int idx;
					if (yget_enum(c, cv->kids[j], "covers", registry_fact_names, &idx))
						src->covers |= 1u << idx;
				}
			}
		}
	}

	if (c->failed) {
		registry_entity_free(e);
		c->failed = true;
		return SC_OK;
	}
	c->failed = before;
	*ret = e;
	return SC_OK;
oom:
	registry_entity_free(e);
	return SC_ERR_NOMEM;
}

static void
batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->n_files; i++)
		free(b->files[i].path);
	free(b->files);
	b->files = NULL;
	b->n_files = 0;
	for (size_t i = 0; i < b->n; i++)
		registry_entity_free(b->e[i]);
	free(b->e);
	b->e = NULL;
	b->n = 0;
	for (size_t i = 0; i < b->n_cas; i++)
		registry_ca_free(&b->cas[i]);
	free(b->cas);
	b->cas = NULL;
	b->n_cas = 0;
	for (size_t i = 0; i < b->n_srcs; i++) {
		if (b->srcs[i] == NULL)
			continue;
		free(b->srcs[i]->url);
		free(b->srcs[i]->fact);
		free(b->srcs[i]->file);
		free(b->srcs[i]);
	}
	free(b->srcs);
	b->srcs = NULL;
	b->n_srcs = 0;
}

/* Whether the batch defines an entity of this id. */
static bool
batch_has_id(const struct batch *b, const char *id)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->e[i]->id, id) == 0)
			return true;
	return false;
}

/*
 * One LEI identifies one legal entity (ISO 17442), so two entities that
 * carry the same LEI are one company recorded twice, or a slip. The
 * batch's entities are checked among themselves and against the entities
 * of reg (NULL: none) that the batch does not replace; each later holder is
 * reported at its `lei:` against the first. Returns how many it reported.
 */
static size_t
lei_dups(const sc_registry *reg, const struct batch *b, sc_diags *diags)
{
	size_t dups = 0;
	for (size_t i = 0; i < b->n; i++) {
		const sc_entity *e = b->e[i], *first = NULL;
		if (e->lei[0] == '\0')
			continue;
		for (size_t j = 0; reg && j < reg->n && first == NULL; j++) {
			const sc_entity *o = reg->ents[j];
			if (strcmp(o->lei, e->lei) == 0 && !batch_has_id(b, o->id))
				first = o;
		}
		for (size_t j = 0; j < i && first == NULL; j++)
			if (strcmp(b->e[j]->lei, e->lei) == 0)
				first = b->e[j];
		if (first == NULL)
			continue;
		sc_diags_add(diags, SC_SEV_ERROR, e->file, e->lei_line, e->lei_col, "duplicate-lei",
		             "lei %s of '%s' is already the LEI of '%s' (%s:%u:%u): one LEI "
		             "names one legal entity", e->lei, e->id, first->id, first->file,
		             first->lei_line, first->lei_col);
		dups++;
	}
	return dups;
}

/* A SHA-256 in hex (':' allowed) as 64 upper-case digits, else an error. */
static bool
read_hex256(yctx *c, const ynode *n, const char *what, char out[65])
{
	const char *s;
	if (!yget_str(c, n, what, &s))
		return false;
	if (!registry_fp_norm(s, out)) {
		yerr(c, n, "fingerprint", "%s: '%s' is not a SHA-256 (64 hexadecimal digits)",
		     what, s);
		return false;
	}
	return true;
}

static int
ca_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ca_entry *)a)->sha256, ((const struct ca_entry *)b)->sha256);
}

/*
 * A CA index file (sovcheck-ca-index: 1): facts about CA certificates —
 * owner and operator by certificate — from one source, usually written by
 * `sovcheck registry import-ccadb`. Returns SC_ERR_NOMEM or SC_OK (errors
 * go to the context).
 */
static sc_status
read_ca_file(yctx *c, const ynode *root, const char *path, struct batch *b)
{
	ymap_check_keys(c, root, ca_file_keys, "CA index file");
	long ver = 0;
	const ynode *v = ymap_get(root, "sovcheck-ca-index");
	if (yget_int(c, v, "sovcheck-ca-index", 1, 1000, &ver) && ver != 1)
		yerr(c, v, "version", "CA index schema version %ld is not supported (this "
		     "sovcheck reads version 1)", ver);
	struct ca_source *src = calloc(1, sizeof(*src));
	if (src == NULL)
		return SC_ERR_NOMEM;
	struct ca_source **ns = realloc(b->srcs, (b->n_srcs + 1) * sizeof(*ns));
	if (ns == NULL) {
		free(src);
		return SC_ERR_NOMEM;
	}
	b->srcs = ns;
	b->srcs[b->n_srcs++] = src;
	if ((src->file = strdup(path)) == NULL)
		return SC_ERR_NOMEM;
	const char *s;
	const ynode *sm = yrequire(c, root, "source", "CA index file");
	if (sm && yexpect_map(c, sm, "source")) {
		ymap_check_keys(c, sm, ca_source_keys, "source");
		if ((v = yrequire(c, sm, "url", "source")) != NULL && yget_str(c, v, "url", &s)) {
			if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
				yerr(c, v, "url", "source url '%s' must be an http(s) URL", s);
			else if ((src->url = strdup(s)) == NULL)
				return SC_ERR_NOMEM;
		}
		if ((v = yrequire(c, sm, "fact", "source")) != NULL && yget_str(c, v, "fact", &s) &&
		    (src->fact = strdup(s)) == NULL)
			return SC_ERR_NOMEM;
		if ((v = yrequire(c, sm, "reviewed", "source")) != NULL)
			yget_date(c, v, "reviewed", src->reviewed);
	}
	const ynode *certs = yrequire(c, root, "certificates", "CA index file");
	if (certs == NULL || !yexpect_seq(c, certs, "certificates"))
		return SC_OK;
	if (b->n_cas + certs->n > SC_MAX_CA_INDEX) {
		yerr(c, certs, "limit", "more than %u CA certificates", SC_MAX_CA_INDEX);
		return SC_OK;
	}
	struct ca_entry *nc = realloc(b->cas, (b->n_cas + certs->n + 1) * sizeof(*nc));
	if (nc == NULL)
		return SC_ERR_NOMEM;
	b->cas = nc;
	size_t first = b->n_cas;
	for (size_t i = 0; i < certs->n; i++) {
		const ynode *m = certs->kids[i];
		if (!yexpect_map(c, m, "a certificate"))
			continue;
		ymap_check_keys(c, m, ca_keys, "a certificate");
		struct ca_entry *e = &b->cas[b->n_cas];
		memset(e, 0, sizeof(*e));
		e->line = m->line;
		e->col = m->col;
		e->src = src;
		bool ok = true;
		v = yrequire(c, m, "sha256", "a certificate");
		ok = v && read_hex256(c, v, "sha256", e->sha256);
		if ((v = ymap_get(m, "spki")) != NULL && !read_hex256(c, v, "spki", e->spki))
			ok = false;
		if ((v = yrequire(c, m, "name", "a certificate")) == NULL || !yget_str(c, v, "name", &s))
			ok = false;
		else if ((e->name = strdup(s)) == NULL)
			return SC_ERR_NOMEM;
		if ((v = yrequire(c, m, "owner", "a certificate")) == NULL ||
		    !yget_str(c, v, "owner", &s) || !id_valid(s)) {
			if (v && v->kind == YN_SCALAR)
				yerr(c, v, "id", "owner '%s' must be an entity id (a slug)", v->str);
			ok = false;
		} else if ((e->owner_id = strdup(s)) == NULL) {
			registry_ca_free(e);
			return SC_ERR_NOMEM;
		}
		if ((v = ymap_get(m, "operator")) != NULL) {
			if (!yget_str(c, v, "operator", &s) || !id_valid(s)) {
				if (v->kind == YN_SCALAR)
					yerr(c, v, "id", "operator '%s' must be an entity id (a slug)", v->str);
				ok = false;
			} else if ((e->operator_id = strdup(s)) == NULL) {
				registry_ca_free(e);
				return SC_ERR_NOMEM;
			}
		}
		if ((v = ymap_get(m, "not_after")) != NULL && !yget_date(c, v, "not_after", e->not_after))
			ok = false;
		const ynode *h = ymap_get(m, "history");
		if (h && yexpect_seq(c, h, "history") && h->n > 0) {
			if (h->n > SC_MAX_LIST_ITEMS || (e->hist = calloc(h->n, sizeof(*e->hist))) == NULL) {
				registry_ca_free(e);
				return h->n > SC_MAX_LIST_ITEMS ? SC_OK : SC_ERR_NOMEM;
			}
			for (size_t j = 0; j < h->n; j++) {
				const ynode *hm = h->kids[j];
				if (!yexpect_map(c, hm, "history[]")) {
					ok = false;
					continue;
				}
				ymap_check_keys(c, hm, ca_hist_keys, "an earlier owner");
				struct ca_hist *ch = &e->hist[e->n_hist];
				const ynode *o = yrequire(c, hm, "owner", "an earlier owner");
				const ynode *u = yrequire(c, hm, "until", "an earlier owner");
				if (!o || !u || !yget_str(c, o, "history[].owner", &s) || !id_valid(s) ||
				    !yget_date(c, u, "history[].until", ch->until)) {
					ok = false;
					continue;
				}
				if ((ch->owner_id = strdup(s)) == NULL) {
					registry_ca_free(e);
					return SC_ERR_NOMEM;
				}
				ch->line = hm->line;
				ch->col = hm->col;
				e->n_hist++;
			}
		}
		if (!ok) {
			registry_ca_free(e);
			continue;
		}
		b->n_cas++;
	}
	/* One entry per certificate within a file. */
	qsort(b->cas + first, b->n_cas - first, sizeof(*b->cas), ca_cmp);
	for (size_t i = first + 1; i < b->n_cas; i++)
		if (strcmp(b->cas[i].sha256, b->cas[i - 1].sha256) == 0)
			sc_diags_add(c->diags, SC_SEV_ERROR, path, b->cas[i].line, b->cas[i].col,
			             "duplicate-id", "certificate %s is listed twice (first at line %u)",
			             b->cas[i].sha256, b->cas[i - 1].line), c->failed = true;
	return SC_OK;
}

/* Parse one file into the batch. Duplicate ids within the batch are errors. */
static sc_status
read_file(const char *path, sc_diags *diags, struct batch *b, size_t *ret_errors)
{
	ydoc *doc = NULL;
	sc_status st = ydoc_load(path, diags, &doc);
	if (st != SC_OK) {
		(*ret_errors)++;
		return st == SC_ERR_NOMEM ? st : SC_OK;
	}
	struct reg_file *fs = realloc(b->files, (b->n_files + 1) * sizeof(*fs));
	if (fs == NULL || (fs[b->n_files].path = strdup(path)) == NULL) {
		if (fs)
			b->files = fs;
		ydoc_free(doc);
		return SC_ERR_NOMEM;
	}
	b->files = fs;
	memcpy(fs[b->n_files].sha256, doc->sha256, sizeof(fs[0].sha256));
	b->n_files++;
	/* what the YAML layer refused (a key given twice, a key that is no
	 * string) makes the file invalid, as it does a manifest or a pack */
	yctx c = {.file = path, .diags = diags, .failed = doc->errors > 0};
	const ynode *root = doc->root;
	if (root == NULL) {
		yerr(&c, NULL, "empty", "the registry file is empty");
		goto out;
	}
	if (!yexpect_map(&c, root, "registry file"))
		goto out;
	if (ymap_get(root, "sovcheck-ca-index") != NULL) {
		st = read_ca_file(&c, root, path, b);
		goto out;
	}
	ymap_check_keys(&c, root, file_keys, "registry file");
	const ynode *v = yrequire(&c, root, "sovcheck-registry", "registry file");
	long ver = 0;
	if (v && yget_int(&c, v, "sovcheck-registry", 1, 1000, &ver) && ver != 1)
		yerr(&c, v, "version", "registry schema version %ld is not supported "
		     "(this sovcheck reads version 1)", ver);
	const ynode *ents = yrequire(&c, root, "entities", "registry file");
	if (ents == NULL || !yexpect_seq(&c, ents, "entities"))
		goto out;
	for (size_t i = 0; i < ents->n; i++) {
		sc_entity *e = NULL;
		if ((st = read_entity(&c, ents->kids[i], &e)) != SC_OK)
			goto out;
		if (e == NULL)
			continue;
		bool dup = false;
		for (size_t j = 0; j < b->n && !dup; j++) {
			if (strcmp(b->e[j]->id, e->id) == 0) {
				yerr(&c, ents->kids[i], "duplicate-id", "entity id '%s' is "
				     "defined twice (first at %s:%u:%u)", e->id, b->e[j]->file,
				     b->e[j]->line, b->e[j]->col);
				dup = true;
			}
		}
		if (dup) {
			registry_entity_free(e);
			continue;
		}
		if (b->n >= SC_MAX_REGISTRY_ENTITIES) {
			yerr(&c, ents->kids[i], "limit", "more than %u entities",
			     SC_MAX_REGISTRY_ENTITIES);
			registry_entity_free(e);
			break;
		}
		sc_entity **ne = realloc(b->e, (b->n + 1) * sizeof(*ne));
		if (ne == NULL) {
			registry_entity_free(e);
			st = SC_ERR_NOMEM;
			goto out;
		}
		b->e = ne;
		b->e[b->n++] = e;
	}
out:
	if (c.failed)
		(*ret_errors)++;
	ydoc_free(doc);
	return st;
}

/* ---------------------------------------------------------------- load */

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
has_yaml_ext(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	                          (n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

sc_status
sc_registry_load_dir(const char *dir, sc_diags *diags, sc_registry **ret)
{
	sc_status st = SC_OK;
	char **names = NULL;
	size_t n = 0, errors = 0;
	struct batch b = {0};
	sc_registry *reg = NULL;
	DIR *d = opendir(dir);
	if (d == NULL) {
		sc_diags_add(diags, SC_SEV_ERROR, dir, 0, 0, "io",
		             "cannot open the registry directory");
		return SC_ERR_IO;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (!has_yaml_ext(de->d_name))
			continue;
		if (n >= SC_MAX_REGISTRY_FILES) {
			sc_diags_add(diags, SC_SEV_ERROR, dir, 0, 0, "limit",
			             "more than %u registry files", SC_MAX_REGISTRY_FILES);
			st = SC_ERR_LIMIT;
			goto out;
		}
		char **nn = realloc(names, (n + 1) * sizeof(*nn));
		if (nn == NULL) {
			st = SC_ERR_NOMEM;
			goto out;
		}
		names = nn;
		strbuf sb;
		sb_init(&sb);
		sb_printf(&sb, "%s/%s", dir, de->d_name);
		if (sb.oom) {
			sb_free(&sb);
			st = SC_ERR_NOMEM;
			goto out;
		}
		names[n++] = sb.s;
	}
	if (n == 0) {
		sc_diags_add(diags, SC_SEV_ERROR, dir, 0, 0, "empty",
		             "the registry directory holds no .yaml file");
		st = SC_ERR_INVALID;
		goto out;
	}
	if (names)
		qsort(names, n, sizeof(*names), str_cmp);
	for (size_t i = 0; i < n; i++)
		if ((st = read_file(names[i], diags, &b, &errors)) != SC_OK)
			goto out;
	if (lei_dups(NULL, &b, diags) > 0)
		errors++;
	if (errors > 0) {
		st = SC_ERR_INVALID;
		goto out;
	}
	if ((reg = calloc(1, sizeof(*reg))) == NULL) {
		st = SC_ERR_NOMEM;
		goto out;
	}
	if ((st = registry_merge(reg, &b)) != SC_OK)
		goto out;
	*ret = reg;
	reg = NULL;
out:
	if (d)
		closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	batch_free(&b);
	sc_registry_free(reg);
	return st;
}

sc_status
sc_registry_add_file(sc_registry *reg, const char *path, sc_diags *diags)
{
	struct batch b = {0};
	size_t errors = 0;
	sc_status st = read_file(path, diags, &b, &errors);
	if (st == SC_OK && lei_dups(reg, &b, diags) > 0)
		errors++;
	if (st == SC_OK && errors > 0)
		st = SC_ERR_INVALID;
	if (st == SC_OK)
		st = registry_merge(reg, &b);
	batch_free(&b);
	return st;
}
