/*
 * registry.h — internal: the entity registry's layout and what its three
 * files share: registry.c (reading the YAML files), registry-index.c (the
 * sorted indexes and every lookup) and registry-lint.c (cross-entity
 * checks). Schema and rules: geodb/registry/README.md.
 */
#ifndef SC_REGISTRY_H
#define SC_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sovcheck.h"

/* Which facts a source supports (the "covers" list of a source). */
enum fact {
	FACT_NAME = 0,
	FACT_ALIASES,
	FACT_COUNTRY,
	FACT_PARENT,
	FACT_ASNS,
	FACT_SUFFIXES,
	FACT_ISSUERS,
	FACT_ROOTS,
	FACT_ANYCAST,
	FACT_COUNT_
};

/* One string table for the fact names (STYLE §11); index = enum fact. */
extern const char *const registry_fact_names[];

extern const char *const registry_suffix_kind_names[];

/* A list value with the position it was written at (for diagnostics). */
struct val {
	char *s;          /* string value, normalised (NULL for an ASN) */
	uint32_t asn;
	unsigned line, col;
};

struct vlist {
	struct val *v;
	size_t n;
};

struct source {
	char *url;
	char *fact;
	char reviewed[11];
	unsigned covers;   /* bit (1u << enum fact) */
	unsigned line, col;
};

struct sc_entity {
	char *id;
	char *name;
	struct vlist aliases;
	char country[3];
	char *parent_id;
	unsigned parent_line, parent_col;
	const sc_entity *parent;   /* resolved by index_build(); NULL if absent */
	struct vlist asns;
	struct vlist sfx[SC_SUFFIX_MX + 1];
	struct vlist issuers;
	struct vlist fps;
	bool anycast, has_anycast;
	struct source *src;
	size_t n_src;
	char *file;
	unsigned line, col;
};

struct skey {
	const char *key;   /* borrowed from the entity */
	uint32_t asn;
	const sc_entity *e;
	const struct val *at;
};

struct sc_registry {
	sc_entity **ents;   /* sorted by id */
	size_t n;
	struct skey *ix_asn, *ix_sfx[SC_SUFFIX_MX + 1], *ix_iss, *ix_fp;
	size_t n_asn, n_sfx[SC_SUFFIX_MX + 1], n_iss, n_fp;
};

/* A batch of entities read from one or more files, before merging. */
struct batch {
	sc_entity **e;
	size_t n;
};

/* registry-entity.c */
void registry_entity_free(sc_entity *e);
void registry_index_free(sc_registry *reg);
/* Normal forms: lower-case ASCII in place; issuer names case-folded with
 * runs of blanks collapsed (new string, NULL on out of memory); a SHA-256
 * fingerprint as 64 lower-case hex digits (false if it is not one). */
void registry_lower_ascii(char *s);
char *registry_issuer_norm(const char *s);
bool registry_fp_norm(const char *s, char out[65]);

/* registry-index.c */
const sc_entity *registry_find_id(const sc_registry *reg, const char *id);
const struct skey *registry_ix_find(const struct skey *ix, size_t n, const char *key);
/* Merge a batch: a new id extends the registry, a known id replaces the
 * entity of that id (override); the indexes are rebuilt. Takes ownership
 * of the batch's entities. */
sc_status registry_merge(sc_registry *reg, struct batch *b);

#endif
