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
#include "util.h"

/* ------------------------------------------------------------ freeing */

static void
vlist_free(struct vlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].s);
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
	free(e->parent_id);
	vlist_free(&e->asns);
	for (int k = 0; k <= SC_SUFFIX_MX; k++)
		vlist_free(&e->sfx[k]);
	vlist_free(&e->issuers);
	vlist_free(&e->fps);
	for (size_t i = 0; i < e->n_src; i++) {
		free(e->src[i].url);
		free(e->src[i].fact);
	}
	free(e->src);
	free(e->file);
	free(e);
}

void
registry_index_free(sc_registry *reg)
{
	free(reg->ix_asn);
	for (int k = 0; k <= SC_SUFFIX_MX; k++) {
		free(reg->ix_sfx[k]);
		reg->ix_sfx[k] = NULL;
		reg->n_sfx[k] = 0;
	}
	free(reg->ix_iss);
	free(reg->ix_fp);
	reg->ix_asn = reg->ix_iss = reg->ix_fp = NULL;
	reg->n_asn = reg->n_iss = reg->n_fp = 0;
}

void
sc_registry_free(sc_registry *reg)
{
	if (reg == NULL)
		return;
	for (size_t i = 0; i < reg->n; i++)
		registry_entity_free(reg->ents[i]);
	free(reg->ents);
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
 * Issuer organisation names are compared case-insensitively with runs of
 * white space collapsed and the ends trimmed: certificates spell the same
 * O= value with stray spaces ("DigiCert  Inc") more often than with
 * different letters. Returns a new string or NULL on allocation failure.
 */
char *
registry_issuer_norm(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	bool space = false;
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = o > 0;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = false;
		char c = *p;
		out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	out[o] = '\0';
	return out;
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
