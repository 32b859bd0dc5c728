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
	FACT_FORMER_NAMES,
	FACT_PREFIXES,
	FACT_CONTROL,
	FACT_VERIFICATION,
	FACT_CAA,
	FACT_LEI,
	FACT_PROVIDERS,
	FACT_HOLDERS,
	FACT_COUNT_
};

/* One string table for the fact names (STYLE §11); index = enum fact. */
extern const char *const registry_fact_names[];

extern const char *const registry_suffix_kind_names[];
/* How an entity with no parent is held (control:): index = e->control. */
extern const char *const registry_control_names[];
/* What a provider does for the entity that names it (providers[].role):
 * index = sc_provider_role. */
extern const char *const registry_provider_role_names[];

/* A list value with the position it was written at (for diagnostics). */
struct val {
	char *s;          /* string value, normalised (NULL for an ASN) */
	char *orig;       /* as written, when the normal form differs (issuers) */
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

/* One parent of an entity over a period ("" from / until: open); the one
 * `parent:` key is a period open at both ends. */
struct dated_parent {
	char *id;
	char from[11], until[11];   /* from inclusive, until exclusive */
	const sc_entity *e;         /* resolved by index_build(); NULL: no such id */
	unsigned line, col;
};

/* A name the entity was known under until a date (a brand, a company it
 * bought): names match it, and the match says so. */
struct former_name {
	char *name;
	char until[11];
	unsigned line, col;
};

/* A network prefix the entity announces or publishes as its own. */
struct prefix {
	int family;                 /* 4 or 6 */
	unsigned char addr[16];     /* network address, host bits zero */
	unsigned len;               /* prefix length */
	char *text;                 /* as written (canonical) */
	unsigned line, col;
};

/* Who holds an entity at the top of its chain (its `holders:`), as a
 * source names them; the public view is sc_holder (sovcheck.h). */
struct holder {
	sc_holder pub;              /* pub's strings point below */
	char *name;
	char country[3];            /* "" when not given */
	char as_of[11];             /* "" when not given */
	char from[11], until[11];   /* the period of the holding, "" when open */
	char *entity_id;            /* holders[].entity, or NULL */
	bool named, located;        /* name: and country: were written (else
	                               the entity's, by registry_resolve_parents()) */
	bool live;                  /* in force at the registry's date */
	unsigned line, col;
};

/* An entity this entity itself depends on to run its service (its
 * `providers:`): the hosting of a SaaS, its CDN, its DNS, its mail. */
struct provider {
	char *id;
	sc_provider_role role;
	const sc_entity *e;         /* resolved by index_build(); NULL: no such id */
	unsigned line, col;
};

struct sc_entity {
	char *id;
	char *name;
	struct vlist aliases;
	char country[3];
	/* Parents over time (registry.c): `parent: X` is one open period. The
	 * parent in force at the registry's date (sc_registry_set_date(); the
	 * current one — no `until` — when none is set): */
	struct dated_parent *parents;
	size_t n_parents;
	const char *parent_id;     /* borrowed from parents[]; NULL at the top */
	unsigned parent_line, parent_col;
	const sc_entity *parent;   /* resolved; NULL if absent or unknown */
	/* sc_entity_ultimate(), computed with the parents (it is asked once
	 * per address attributed). */
	const sc_entity *ultimate;
	struct former_name *formers;
	size_t n_formers;
	struct prefix *prefixes;
	size_t n_prefixes;
	struct vlist asns;
	struct vlist sfx[SC_SUFFIX_COUNT];
	struct vlist verification;   /* TXT tokens: "google-site-verification=" */
	struct vlist caa;            /* CAA issuer domain names: "letsencrypt.org" */
	struct vlist issuers;
	struct vlist fps;
	bool anycast, has_anycast;
	int control;      /* how it is held at the top: registry_control_names
	                     index, -1 not stated */
	struct holder *holders;   /* who holds it (holders:), in the order written */
	size_t n_holders;
	size_t n_live;            /* of them in force at the registry's date */
	char lei[21];     /* Legal Entity Identifier (ISO 17442), "" when unknown */
	unsigned lei_line, lei_col;
	struct provider *providers;   /* in the order written */
	size_t n_providers;
	struct source *src;
	size_t n_src;
	char *note;       /* the reviewers' remark (note:), or NULL */
	char *file;
	unsigned line, col;
};

struct skey {
	const char *key;   /* borrowed from the entity, or owned */
	char *owned;       /* the key when the index made it (folded names) */
	uint32_t asn;
	const sc_entity *e;
	const struct val *at;
};

/* Where a file of the CA index comes from (its `source:`). */
struct ca_source {
	char *url, *fact;
	char reviewed[11];
	char *file;
};

/* One CA certificate of the CA index (sovcheck-ca-index files): which
 * organisation owns it (the root program's "CA owner") and, for an
 * externally operated CA, which one operates it ("subordinate CA owner"). */
struct ca_entry {
	char sha256[65];            /* upper-case hex */
	char spki[65];              /* SHA-256 of DER subject + DER SPKI, or "" */
	char *name;
	char *owner_id, *operator_id;   /* operator_id NULL: the owner operates it */
	const sc_entity *owner, *op;    /* resolved; NULL: no such id (lint) */
	char not_after[11];         /* or "" */
	struct ca_hist {
		char *owner_id;
		const sc_entity *owner;
		char until[11];
		unsigned line, col;
	} *hist;                    /* earlier owners, oldest first */
	size_t n_hist;
	const struct ca_source *src;
	unsigned line, col;
};

struct sc_registry {
	sc_entity **ents;   /* sorted by id */
	size_t n;
	struct skey *ix_asn, *ix_sfx[SC_SUFFIX_COUNT], *ix_iss, *ix_fp, *ix_names, *ix_caa,
	            *ix_tok;
	size_t n_asn, n_sfx[SC_SUFFIX_COUNT], n_iss, n_fp, n_names, n_caa, n_tok;
	/* names and aliases without their legal form (text_fold_base()), for
	 * a name whose exact folded form answers to nothing */
	struct skey *ix_bases;
	size_t n_bases;
	/* ix_asn again as an open-addressing table (ASN 0, reserved, marks a
	 * free slot), the first of duplicates kept: asked once per address. */
	struct asn_slot { uint32_t asn; const sc_entity *e; } *asn_hash;
	size_t asn_mask;
	struct ca_entry *cas;        /* sorted by sha256 */
	size_t n_cas;
	const struct ca_entry **ix_spki;   /* sorted by spki, then sha256 */
	size_t n_spki;
	struct ca_source **ca_srcs;
	size_t n_ca_srcs;
	char date[11];               /* the date parents are resolved at, or "" */
	struct reg_file *files;      /* the files read, in order, with their digests */
	size_t n_files;
};

struct reg_file {
	char *path;
	char sha256[65];
};

/* A batch of entities (and CA index entries) read from one or more files,
 * before merging. */
struct batch {
	sc_entity **e;
	size_t n;
	struct ca_entry *cas;
	size_t n_cas;
	struct ca_source **srcs;
	size_t n_srcs;
	struct reg_file *files;
	size_t n_files;
};

/* registry-entity.c */
void registry_entity_free(sc_entity *e);
void registry_ca_free(struct ca_entry *c);
void registry_index_free(sc_registry *reg);
/* Normal forms: lower-case ASCII in place; issuer names case-folded with
 * runs of blanks collapsed (new string, NULL on out of memory); a SHA-256
 * fingerprint as 64 lower-case hex digits (false if it is not one). */
void registry_lower_ascii(char *s);
char *registry_issuer_norm(const char *s);
/* The folded form names are matched in (text_fold()): a new string. */
char *registry_name_fold(const char *s);
bool registry_fp_norm(const char *s, char out[65]);

/* registry-index.c */
const sc_entity *registry_find_id(const sc_registry *reg, const char *id);
const struct skey *registry_ix_find(const struct skey *ix, size_t n, const char *key);
/* Merge a batch: a new id extends the registry, a known id replaces the
 * entity of that id (override); the indexes are rebuilt. Takes ownership
 * of the batch's entities. */
sc_status registry_merge(sc_registry *reg, struct batch *b);
/* Resolve every entity's parent at reg->date (or the current one). */
void registry_resolve_parents(sc_registry *reg);
/* Whether a period [from, until) ("" open) stands on date — "" for the
 * current state, the periods with no until: a parent's, a holder's. */
bool registry_in_period(const char *from, const char *until, const char *date);
/* CA index lookups (registry-index.c): by certificate SHA-256, and every
 * entry of one subject + key (upper-case hex): *first points into the
 * subject+key index, the n entries are (*first)[0] … (*first)[n - 1] (they
 * are not adjacent in reg->cas, which is sorted by SHA-256). */
const struct ca_entry *registry_ca_by_sha256(const sc_registry *reg, const char *hex);
size_t registry_ca_by_spki(const sc_registry *reg, const char *hex,
                           const struct ca_entry *const **first);

#endif
