/*
 * registry-entity.c — what every part of the registry shares: freeing an
 * entity and the registry, and the normal forms keys are compared in
 * (lower-case ASCII names, issuer names with blanks collapsed, SHA-256
 * fingerprints as lower-case hex).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "text.h"
#include "util.h"

/* ------------------------------------------------------------ freeing */

static void
vlist_free(struct vlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].s);
		free(l->v[i].orig);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
registry_entity_free(sc_entity *e)
{
	if (e == NULL)
		return;
	free(e->id);
	free(e->name);
	vlist_free(&e->aliases);
	for (size_t i = 0; i < e->n_parents; i++)
		free(e->parents[i].id);
	free(e->parents);
	for (size_t i = 0; i < e->n_formers; i++)
		free(e->formers[i].name);
	free(e->formers);
	for (size_t i = 0; i < e->n_prefixes; i++)
		free(e->prefixes[i].text);
	free(e->prefixes);
	for (size_t i = 0; i < e->n_providers; i++)
		free(e->providers[i].id);
	free(e->providers);
	for (size_t i = 0; i < e->n_holders; i++) {
		free(e->holders[i].name);
		free(e->holders[i].entity_id);
	}
	free(e->holders);
	vlist_free(&e->asns);
	for (int k = 0; k < SC_SUFFIX_COUNT; k++)
		vlist_free(&e->sfx[k]);
	vlist_free(&e->verification);
	vlist_free(&e->caa);
	vlist_free(&e->issuers);
	vlist_free(&e->fps);
	for (size_t i = 0; i < e->n_src; i++) {
		free(e->src[i].url);
		free(e->src[i].fact);
	}
	free(e->src);
	free(e->note);
	free(e->file);
	free(e);
}

void
registry_ca_free(struct ca_entry *c)
{
	free(c->name);
	free(c->owner_id);
	free(c->operator_id);
	for (size_t i = 0; i < c->n_hist; i++)
		free(c->hist[i].owner_id);
	free(c->hist);
	memset(c, 0, sizeof(*c));
}

void
registry_index_free(sc_registry *reg)
{
	free(reg->ix_asn);
	free(reg->asn_hash);
	reg->asn_hash = NULL;
	reg->asn_mask = 0;
	free(reg->ix_caa);
	reg->ix_caa = NULL;
	reg->n_caa = 0;
	free(reg->ix_tok);
	reg->ix_tok = NULL;
	reg->n_tok = 0;
	for (int k = 0; k < SC_SUFFIX_COUNT; k++) {
		free(reg->ix_sfx[k]);
		reg->ix_sfx[k] = NULL;
		reg->n_sfx[k] = 0;
	}
	free(reg->ix_iss);
	free(reg->ix_fp);
	for (size_t i = 0; i < reg->n_names; i++)
		free(reg->ix_names[i].owned);
	free(reg->ix_names);
	for (size_t i = 0; i < reg->n_bases; i++)
		free(reg->ix_bases[i].owned);
	free(reg->ix_bases);
	reg->ix_bases = NULL;
	reg->n_bases = 0;
	free(reg->ix_spki);
	reg->ix_asn = reg->ix_iss = reg->ix_fp = reg->ix_names = NULL;
	reg->ix_spki = NULL;
	reg->n_asn = reg->n_iss = reg->n_fp = reg->n_names = reg->n_spki = 0;
}

void
sc_registry_free(sc_registry *reg)
{
	if (reg == NULL)
		return;
	for (size_t i = 0; i < reg->n; i++)
		registry_entity_free(reg->ents[i]);
	free(reg->ents);
	for (size_t i = 0; i < reg->n_files; i++)
		free(reg->files[i].path);
	free(reg->files);
	for (size_t i = 0; i < reg->n_cas; i++)
		registry_ca_free(&reg->cas[i]);
	free(reg->cas);
	for (size_t i = 0; i < reg->n_ca_srcs; i++) {
		free(reg->ca_srcs[i]->url);
		free(reg->ca_srcs[i]->fact);
		free(reg->ca_srcs[i]->file);
		free(reg->ca_srcs[i]);
	}
	free(reg->ca_srcs);
	registry_index_free(reg);
	free(reg);
}

/* ------------------------------------------------------- normalisation */

/* Case-fold ASCII in place. */
void
registry_lower_ascii(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/*
 * Names (entity names, aliases, former names, issuer organisation names)
 * are compared in their folded form (text_fold(): case, accents whether
 * composed or not, punctuation and blanks folded away): certificates and
 * root programs spell one organisation "GlobalSign nv-sa" and "GlobalSign
 * NV/SA", "TÜRKTRUST" in NFC or NFD. Returns a new string or NULL on
 * allocation failure.
 */
char *
registry_name_fold(const char *s)
{
	size_t n = strlen(s) * 2 + 1;   /* "ß" folds to "ss": never more than x2 */
	char *out = malloc(n);
	if (out == NULL)
		return NULL;
	text_fold(s, out, n);
	return out;
}

char *
registry_issuer_norm(const char *s)
{
	return registry_name_fold(s);
}

/* A SHA-256 fingerprint as 64 upper-case hex digits; ':' and spaces are
 * accepted as separators. Returns false if it is not one. */
bool
registry_fp_norm(const char *s, char out[65])
{
	size_t o = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ':' || *p == ' ')
			continue;
		if (!isxdigit((unsigned char)*p) || o >= 64)
			return false;
		out[o++] = (char)toupper((unsigned char)*p);
	}
	out[o] = '\0';
	return o == 64;
}

/*
 * Validate a DNS suffix: LDH labels of 1-63 octets (RFC 1035 §2.3.1, with
 * '_' allowed for service labels), at most SC_MAX_NAME_LEN octets, at least
 * two labels (a bare TLD would claim a whole registry), lower case, no
 * leading or trailing dot. Returns NULL if valid, else the reason.
 */
