/*
 * registry-lint.c — what a single registry file cannot check: parents and
 * providers exist, no cycles, no entity its own provider, nothing claimed
 * twice, every entity sourced and every fact it states covered by a source.
 */
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "sc-limits.h"
#include "util.h"

/* ---------------------------------------------------------------- lint */

static void
lint_dups(const struct skey *ix, size_t n, const char *what,
          bool is_asn, sc_diags *diags)
{
	for (size_t i = 1; i < n; i++) {
		bool same = is_asn ? ix[i].asn == ix[i - 1].asn
		                   : strcmp(ix[i].key, ix[i - 1].key) == 0;
		if (!same || ix[i].e == ix[i - 1].e)
			continue;
		/* Report every later claimant against the first one. */
		size_t f = i - 1;
		while (f > 0 && (is_asn ? ix[f - 1].asn == ix[i].asn
		                        : strcmp(ix[f - 1].key, ix[i].key) == 0))
			f--;
		if (is_asn)
			sc_diags_add(diags, SC_SEV_ERROR, ix[i].e->file, ix[i].at->line,
			             ix[i].at->col, "conflict",
			             "AS%u is claimed by '%s' and by '%s' (%s:%u:%u)", ix[i].asn,
			             ix[i].e->id, ix[f].e->id, ix[f].e->file, ix[f].at->line,
			             ix[f].at->col);
		else
			sc_diags_add(diags, SC_SEV_ERROR, ix[i].e->file, ix[i].at->line,
			             ix[i].at->col, "conflict",
			             "%s '%s' is claimed by '%s' and by '%s' (%s:%u:%u)", what,
			             ix[i].at->orig ? ix[i].at->orig : ix[i].key, ix[i].e->id,
			             ix[f].e->id, ix[f].e->file,
			             ix[f].at->line, ix[f].at->col);
	}
}

/* The parent of e at date (the one period holding it), or NULL. */
static const sc_entity *
parent_at_date(const sc_entity *e, const char *date)
{
	for (size_t i = 0; i < e->n_parents; i++) {
		const struct dated_parent *d = &e->parents[i];
		if ((!d->from[0] || strcmp(d->from, date) <= 0) &&
		    (!d->until[0] || strcmp(date, d->until) < 0))
			return d->e;
	}
	return NULL;
}

/* Parent chains at every date control changed: no cycle at any of them. */
static void
lint_dated_cycles(const sc_registry *reg, sc_diags *diags)
{
	for (size_t i = 0; i < reg->n; i++) {
		const sc_entity *e0 = reg->ents[i];
		for (size_t j = 0; j < e0->n_parents; j++) {
			const char *dates[2] = {e0->parents[j].from, e0->parents[j].until};
			for (int k = 0; k < 2; k++) {
				const char *d = dates[k];
				if (!*d)
					continue;
				/* at the start of a period (and at its end) */
				const sc_entity *seen[SC_MAX_ENTITY_DEPTH + 1];
				size_t n = 0;
				for (const sc_entity *p = e0; p != NULL; p = parent_at_date(p, d)) {
					bool loop = false;
					for (size_t h = 0; h < n; h++)
						loop = loop || seen[h] == p;
					if (loop || n > SC_MAX_ENTITY_DEPTH) {
						sc_diags_add(diags, SC_SEV_ERROR, e0->file, e0->parents[j].line,
						             e0->parents[j].col, "cycle",
						             "'%s': on %s the parent chain is a cycle or deeper than "
						             "the limit", e0->id, d);
						break;
					}
					seen[n++] = p;
				}
			}
		}
	}
}

/* The CA index: every owner, operator and earlier owner is an entity;
 * copies of one CA (same subject and key) name one operator. */
static void
lint_ca_index(const sc_registry *reg, sc_diags *diags)
{
	for (size_t i = 0; i < reg->n_cas; i++) {
		const struct ca_entry *c = &reg->cas[i];
		const char *file = c->src ? c->src->file : "";
		if (c->owner == NULL)
			sc_diags_add(diags, SC_SEV_ERROR, file, c->line, c->col, "ca-owner",
			             "certificate %s (%s): owner '%s' is not an entity of the registry",
			             c->sha256, c->name, c->owner_id);
		if (c->operator_id && c->op == NULL)
			sc_diags_add(diags, SC_SEV_ERROR, file, c->line, c->col, "ca-owner",
			             "certificate %s (%s): operator '%s' is not an entity of the registry",
			             c->sha256, c->name, c->operator_id);
		for (size_t j = 0; j < c->n_hist; j++)
			if (c->hist[j].owner == NULL)
				sc_diags_add(diags, SC_SEV_ERROR, file, c->hist[j].line, c->hist[j].col,
				             "ca-owner", "certificate %s: earlier owner '%s' is not an entity "
				             "of the registry", c->sha256, c->hist[j].owner_id);
	}
	for (size_t i = 1; i < reg->n_spki; i++) {
		const struct ca_entry *a = reg->ix_spki[i - 1], *b = reg->ix_spki[i];
		if (strcmp(a->spki, b->spki) != 0)
			continue;
		const sc_entity *oa = a->op ? a->op : a->owner, *ob = b->op ? b->op : b->owner;
		if (oa && ob && oa != ob)
			sc_diags_add(diags, SC_SEV_WARNING, b->src ? b->src->file : "", b->line, b->col,
			             "ca-key", "certificates %s (%s, %s) and %s (%s, %s) share a subject "
			             "and key but name different operators: the key's holder is the "
			             "operator", a->sha256, a->name, oa->id, b->sha256, b->name, ob->id);
	}
}

/* Whether target is reached from e's holders that are entities (each
 * holder leads to its entity's ultimate controller, as the judgement of
 * how a company is held follows it); seen bounds the walk. */
static bool
holds_back(const sc_entity *e, const sc_entity *target, const sc_entity **seen, size_t *n)
{
	for (size_t i = 0; i < e->n_holders; i++) {
		const struct holder *h = &e->holders[i];
		const sc_entity *u = h->live && h->pub.entity ? sc_entity_ultimate(h->pub.entity) : NULL;
		if (u == NULL)
			continue;
		if (u == target)
			return true;
		bool met = false;
		for (size_t k = 0; k < *n && !met; k++)
			met = seen[k] == u;
		if (met || *n == SC_MAX_HELD_WALK)
			continue;
		seen[(*n)++] = u;
		if (holds_back(u, target, seen, n))
			return true;
	}
	return false;
}

/* A circle of holdings (a company among the holders, followed, of the
 * company that holds it): legal — cross-holdings exist — but how the
 * companies on it are held cannot be judged, so it is said. */
static void
lint_holding_circles(const sc_registry *reg, sc_diags *diags)
{
	for (size_t i = 0; i < reg->n; i++) {
		const sc_entity *e = reg->ents[i];
		if (e->n_holders == 0 || sc_entity_ultimate(e) != e)
			continue;
		const sc_entity *seen[SC_MAX_HELD_WALK];
		size_t n = 0;
		if (holds_back(e, e, seen, &n))
			sc_diags_add(diags, SC_SEV_WARNING, e->file, e->holders[0].line,
			             e->holders[0].col, "holding-circle",
			             "'%s' is among the holders, followed, of its own holders: how it is "
			             "held cannot be judged (unknown)", e->id);
	}
}

sc_status
sc_registry_lint(const sc_registry *reg, sc_diags *diags)
{
	if (reg == NULL || diags == NULL)
		return SC_ERR_USAGE;
	size_t before = sc_diags_errors(diags);
	for (size_t i = 0; i < reg->n; i++) {
		const sc_entity *e = reg->ents[i];
		for (size_t j = 0; j < e->n_parents; j++)
			if (e->parents[j].e == NULL)
				sc_diags_add(diags, SC_SEV_ERROR, e->file, e->parents[j].line,
				             e->parents[j].col, "parent", "'%s': parent '%s' is not an entity "
				             "of the registry", e->id, e->parents[j].id);
		if (e->parent_id && e->parent == NULL) {
			;   /* a parent that names no entity: reported just above */
		} else if (e->parent_id && strcmp(e->parent_id, e->id) == 0) {
			sc_diags_add(diags, SC_SEV_ERROR, e->file, e->parent_line, e->parent_col,
			             "cycle", "'%s' is its own parent", e->id);
		} else if (e->parent_id) {
			bool cycle = false;
			const sc_entity *hops[SC_MAX_ENTITY_DEPTH + 1];
			size_t n = sc_entity_chain(e, hops, SC_MAX_ENTITY_DEPTH + 1, &cycle);
			if (cycle) {
				strbuf sb;
				sb_init(&sb);
				for (size_t h = 0; h < n; h++)
					sb_printf(&sb, "%s -> ", hops[h]->id);
				sb_puts(&sb, hops[n - 1]->parent ? hops[n - 1]->parent->id : "?");
				sc_diags_add(diags, SC_SEV_ERROR, e->file, e->parent_line,
				             e->parent_col, "cycle",
				             n >= SC_MAX_ENTITY_DEPTH
				             ? "'%s': the parent chain is a cycle or deeper than "
				               "the limit: %s"
				             : "'%s': the parent chain is a cycle: %s",
				             e->id, sb.s ? sb.s : "");
				sb_free(&sb);
			}
		}
		/* Providers: entities of the registry, other than the entity
		 * itself (a service does not run on itself; its own networks are
		 * its asns and prefixes). */
		for (size_t j = 0; j < e->n_providers; j++) {
			const struct provider *p = &e->providers[j];
			if (strcmp(p->id, e->id) == 0)
				sc_diags_add(diags, SC_SEV_ERROR, e->file, p->line, p->col, "provider",
				             "'%s' names itself as its own provider", e->id);
			else if (p->e == NULL)
				sc_diags_add(diags, SC_SEV_ERROR, e->file, p->line, p->col, "provider",
				             "'%s': provider '%s' is not an entity of the registry", e->id,
				             p->id);
		}
		/* Holders that are entities: of the registry, and where they are
		 * seated (a country written must be the entity's). */
		for (size_t j = 0; j < e->n_holders; j++) {
			const struct holder *h = &e->holders[j];
			if (h->entity_id && h->pub.entity == NULL)
				sc_diags_add(diags, SC_SEV_ERROR, e->file, h->line, h->col, "holder",
				             "'%s': holder entity '%s' is not an entity of the registry",
				             e->id, h->entity_id);
			else if (h->pub.entity && h->located &&
			         strcmp(h->country, h->pub.entity->country) != 0)
				sc_diags_add(diags, SC_SEV_ERROR, e->file, h->line, h->col, "holder",
				             "'%s': holder '%s' is given country %s but entity '%s' is "
				             "seated in %s", e->id, h->pub.name, h->country,
				             h->entity_id, h->pub.entity->country);
		}
		if (e->n_src == 0) {
			sc_diags_add(diags, SC_SEV_ERROR, e->file, e->line, e->col, "unsourced",
			             "'%s' has no source", e->id);
			continue;
		}
		/* Every fact the entity states is covered by a source. */
		unsigned covered = 0;
		for (size_t j = 0; j < e->n_src; j++)
			covered |= e->src[j].covers;
		bool has[FACT_COUNT_] = {
			[FACT_NAME] = true, [FACT_COUNTRY] = true,
			[FACT_ALIASES] = e->aliases.n > 0, [FACT_PARENT] = e->n_parents > 0,
			[FACT_FORMER_NAMES] = e->n_formers > 0, [FACT_PREFIXES] = e->n_prefixes > 0,
			[FACT_ASNS] = e->asns.n > 0,
			[FACT_SUFFIXES] = e->sfx[0].n + e->sfx[1].n + e->sfx[2].n + e->sfx[3].n > 0,
			[FACT_VERIFICATION] = e->verification.n > 0, [FACT_CAA] = e->caa.n > 0,
			[FACT_ISSUERS] = e->issuers.n > 0, [FACT_ROOTS] = e->fps.n > 0,
			[FACT_ANYCAST] = e->has_anycast,
			[FACT_CONTROL] = e->control >= 0,
			[FACT_LEI] = e->lei[0] != '\0',
			[FACT_PROVIDERS] = e->n_providers > 0,
			[FACT_HOLDERS] = e->n_holders > 0,
		};
		for (int f = 0; f < FACT_COUNT_; f++) {
			/* Aliases are spellings, not claims: a source is welcome but
			 * not required. */
			if (f == FACT_ALIASES)
				continue;
			if (has[f] && !(covered & (1u << f)))
				sc_diags_add(diags, SC_SEV_ERROR, e->file, e->line, e->col,
				             "unsourced", "'%s': no source covers its %s", e->id,
				             registry_fact_names[f]);
		}
	}
	lint_dups(reg->ix_asn, reg->n_asn, "ASN", true, diags);
	lint_dups(reg->ix_caa, reg->n_caa, "CAA issuer domain", false, diags);
	lint_dups(reg->ix_tok, reg->n_tok, "verification token", false, diags);
	for (int k = 0; k < SC_SUFFIX_COUNT; k++) {
		char w[32];
		snprintf(w, sizeof(w), "%s suffix", registry_suffix_kind_names[k]);
		lint_dups(reg->ix_sfx[k], reg->n_sfx[k], w, false, diags);
	}
	lint_dups(reg->ix_iss, reg->n_iss, "issuer", false, diags);
	lint_dups(reg->ix_fp, reg->n_fp, "root fingerprint", false, diags);
	lint_dated_cycles(reg, diags);
	lint_holding_circles(reg, diags);
	lint_ca_index(reg, diags);
	return sc_diags_errors(diags) > before ? SC_ERR_INVALID : SC_OK;
}

const char *
sc_suffix_kind_to_string(sc_suffix_kind k)
{
	switch (k) {
	case SC_SUFFIX_CNAME: return "cname";
	case SC_SUFFIX_NS: return "ns";
	case SC_SUFFIX_MX: return "mx";
	case SC_SUFFIX_TXT: return "txt";
	}
	return "cname";
}
