/*
 * policy.h — internal: policy packs and country sets as loaded by policy.c,
 * read by eval.c.
 */
#ifndef SC_POLICY_H
#define SC_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "sovcheck.h"

typedef struct pk_set {
	char *id;
	char *title_en, *title_fr;
	char (*codes)[3];
	size_t n;
	unsigned line, col;
} pk_set;

/* The checks a pack may name. One string table: pk_check_names. */
typedef enum pk_check_kind {
	PK_RESIDUAL_RISK_DOCUMENT,
	PK_SIGN_OFF_PRESENT,
	PK_SIGN_OFF_FRESH,
	PK_DATA_LOCATION_DOCUMENTED,
	PK_SITES_IN_SET,
	PK_ADMINISTRATION_IN_SET,
	PK_SUPPORT_DOCUMENTED,
	PK_SEAT_IN_SET,
	PK_SHAREHOLDING_CAPS,
	PK_SUBCONTRACTOR_NO_ACCESS,
	PK_SUBCONTRACTOR_AUTONOMY,
	PK_GOVERNMENT_LINKS,
	PK_CHANGE_NOTICE,
	PK_THIRD_PARTIES_LISTED,
	PK_OBSERVED_LOCATION,
	PK_OBSERVED_ADMIN,
	PK_OBSERVED_OPERATOR_CONTROL,
	PK_OBSERVED_CA_OWNER,
	PK_OBSERVED_THIRD_PARTIES,
	PK_SIGN_OFF_COVERS_REGISTER,
	PK_OBSERVED_PUBLISHED_CONTROL,
	/* the sovereignty section (eval-sovereignty.c) */
	PK_CERTIFICATIONS,
	PK_SOC_IN_SET,
	PK_HARDWARE_IN_SET,
	PK_SOURCE_AVAILABLE,
	PK_ENERGY_DISCLOSED,
	PK_CUSTOMER_HELD_KEYS,
	PK_SOFTWARE_SUPPLIERS_IN_SET,
	/* DORA / NIS2 third-party risk (eval-dora.c) */
	PK_REGISTER_COMPLETE,
	PK_CONCENTRATION,
	PK_LOCATIONS_AS_STATED,
	PK_SUPPLY_CHAIN_EXPOSURE,
	/* CSF SOV-4: support delivered from the set, not only documented */
	PK_SUPPORT_IN_SET,
} pk_check_kind;
#define PK_CHECK_COUNT 33
extern const char *const pk_check_names[];
/* True for checks that need collected evidence. */
bool pk_check_observed(pk_check_kind k);

typedef struct pk_check {
	pk_check_kind kind;
	unsigned line, col;
	const pk_set *set;          /* borrowed from the pack */
	unsigned holds;             /* MF_HOLDS_BIT mask */
	unsigned data;              /* 1 << mf_data */
	unsigned roles;             /* 1 << mf_role */
	double individual_max, collective_max, control_threshold;
	long min_alternatives, max_months, notice_days;
	unsigned schemes;           /* 1 << mf_scheme (certifications) */
	unsigned aspects;           /* 1 << mf_hw (hardware_in_set) */
	unsigned accepted;          /* 1 << mf_source (source_available) */
	bool has_max_pue, has_min_renewable; /* energy_disclosed: at least one */
	double max_pue, min_renewable;
	long max_functions;         /* concentration: critical functions one controller may carry */
	int factor;                 /* index of its factor in the requirement, or -1 */
} pk_check;

/* Scored packs (scoring: seal): a requirement is an objective scored to a
 * level 0..PK_SEAL_MAX from its contributing factors. A factor is decided
 * by its checks, met when they pass (or do not apply); a factor without
 * checks is one sovcheck cannot see, and stays unknown. The level is the
 * highest L at which every factor that level needs (seal <= L) is met: a
 * factor not known to be met never raises it (docs/checks.md, "Scored
 * packs"). */
#define PK_SEAL_MAX 4
typedef struct pk_factor {
	char *id;                   /* "SOV-3.4" */
	char *title_en, *title_fr;
	char *unseen_en, *unseen_fr; /* no check: what would decide it */
	int seal;                   /* the lowest level that needs it, 1..PK_SEAL_MAX */
	size_t first, n;            /* its checks: the requirement's checks[first, first + n) */
	unsigned line, col;
} pk_factor;

struct sc_requirement {
	char *id;
	char *title_en, *title_fr;
	char *summary_en, *summary_fr;
	char *severity;
	char *source;
	pk_check *checks;
	size_t nchecks;
	pk_factor *factors;         /* scored packs only */
	size_t nfactors;
	int weight;                 /* per cent of the pack's score; scored packs only */
	int minimum;                /* the level the requirement needs to pass; scored packs */
	const sc_pack *pack;        /* the pack it is written in (a part of a pack list) */
	unsigned line, col;
};

/* How a scored pack scores (the pack's scoring: section). */
typedef struct pk_scoring {
	bool seal;                  /* the pack is scored by levels */
	int minimum;                /* default level a requirement needs */
	char *level_en[PK_SEAL_MAX + 1], *level_fr[PK_SEAL_MAX + 1];
	char *weights_source;
	char *note_en, *note_fr;    /* what is uncertain about the weights */
} pk_scoring;

struct sc_pack {
	char *path;
	char sha256[65];          /* of the pack file */
	char sets_sha256[65];     /* of the country sets file */
	char *id;
	char *title_en, *title_fr;
	char *version;
	char *published;
	char *authority;
	char *source;
	char *sets_path;
	pk_set *sets;
	size_t nsets;
	sc_requirement *reqs;
	size_t nreqs;
	pk_scoring scoring;
	/* A pack list (--pack a,b): the packs judged together, owned; reqs
	 * then holds copies of theirs (sharing their strings and checks), in
	 * pack order, and the list's id is their ids joined by ','. */
	sc_pack **parts;
	size_t nparts;
};

/* The packs of p: itself, or the parts of a pack list. */
size_t pk_part_count(const sc_pack *p);
const sc_pack *pk_part(const sc_pack *p, size_t i);
/* The level of an objective from its factors' seals and whether each is
 * met: the highest L in 0..PK_SEAL_MAX such that every factor with
 * seal <= L is met. */
int pk_seal_level(const int *seal, const bool *met, size_t n);

bool pk_set_has(const pk_set *set, const char *code);
const pk_set *pk_find_set(const sc_pack *pack, const char *id);

#endif
