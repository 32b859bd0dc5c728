/*
 * manifest.h — internal: the service manifest (schema version 1, docs/manifest.md)
 * as loaded and validated by manifest.c. Other core modules (eval, graph,
 * report) read these structures directly; cmd/ sees only sc_manifest.
 */
#ifndef SC_MANIFEST_H
#define SC_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#include "access.h"
#include "sovcheck.h"

/* One string table per enum (STYLE §11): the *_names arrays below are the
 * spellings used by the YAML reader and by every writer. */
typedef enum mf_model { MF_IAAS, MF_PAAS, MF_CAAS, MF_SAAS } mf_model;
extern const char *const mf_model_names[];

typedef enum mf_role {
	MF_ROLE_API, MF_ROLE_CONSOLE, MF_ROLE_ADMIN, MF_ROLE_STORAGE, MF_ROLE_AUTH,
	MF_ROLE_LOGGING, MF_ROLE_MONITORING, MF_ROLE_BACKUP, MF_ROLE_SUPPORT,
	MF_ROLE_CDN, MF_ROLE_WEB, MF_ROLE_OTHER,
} mf_role;
extern const char *const mf_role_names[];

/* What flows through an endpoint / what a subcontractor can reach.
 * Ordered by sensitivity: none < metadata < technical < customer. */
typedef enum mf_data { MF_DATA_NONE, MF_DATA_METADATA, MF_DATA_TECHNICAL, MF_DATA_CUSTOMER } mf_data;
extern const char *const mf_data_names[];

/* What a site holds. */
typedef enum mf_holds { MF_HOLDS_CUSTOMER, MF_HOLDS_TECHNICAL, MF_HOLDS_METADATA, MF_HOLDS_BACKUP } mf_holds;
extern const char *const mf_holds_names[];
#define MF_HOLDS_BIT(h) (1u << (unsigned)(h))

typedef enum mf_effect { MF_EFFECT_LIKELIHOOD, MF_EFFECT_SEVERITY } mf_effect;
extern const char *const mf_effect_names[];

/* How the provider keeps operating without a third party (19.6.d). */
typedef enum mf_basis { MF_BASIS_OWN_SKILLS, MF_BASIS_ALTERNATIVES, MF_BASIS_QUALIFIED } mf_basis;
extern const char *const mf_basis_names[];

/* What was decided about a residual risk (§5.3). */
typedef enum mf_decision {
	MF_DECISION_ACCEPT, MF_DECISION_REDUCE, MF_DECISION_TRANSFER, MF_DECISION_AVOID,
} mf_decision;
extern const char *const mf_decision_names[];

typedef struct mf_pos { unsigned line, col; } mf_pos;

typedef struct mf_strlist {
	char **v;
	size_t n;
} mf_strlist;

typedef struct mf_holder mf_holder;
struct mf_holder {
	mf_pos pos;
	char *name;
	char country[3];            /* "" for a free float */
	bool is_float;              /* float: true — dispersed, undeclared holders */
	bool has_capital, has_voting, has_board_seats;
	double capital, voting;
	bool veto;
	long board_seats;
	mf_holder *holders;
	size_t nholders;
};

typedef struct mf_govlink { mf_pos pos; char country[3]; char *description; } mf_govlink;

typedef struct mf_provider {
	bool present;
	mf_pos pos;
	char *name;
	char registered_office[3];
	char central_administration[3];
	char principal_establishment[3];
	mf_pos pos_registered_office, pos_central_administration, pos_principal_establishment;
	bool has_board_seats;
	long board_seats;
	bool has_shareholders;
	mf_holder *holders;
	size_t nholders;
	bool has_government_links;
	mf_govlink *govlinks;
	size_t ngovlinks;
} mf_provider;

typedef struct mf_site { mf_pos pos; char *site; char country[3]; unsigned holds; } mf_site;
typedef struct mf_support {
	mf_pos pos;
	char country[3];
	mf_strlist operations;
	char *supervision;          /* how it is supervised from the EU, or NULL */
	bool supervision_in_place;  /* false: declared as not (yet) in place */
	mf_data data_access;        /* what support staff can reach (default metadata) */
} mf_support;

typedef struct mf_endpoint {
	mf_pos pos;
	char *host;
	long port;
	mf_role role;
	mf_data data;
	bool tls;
} mf_endpoint;

typedef struct mf_sub mf_sub;
struct mf_sub {
	mf_pos pos;
	char *name;
	char country[3];
	char *parent;            /* may be NULL */
	char parent_country[3];  /* "" when not declared */
	char *service;
	mf_data data_access;
	bool secnumcloud;
	mf_strlist alternatives;
	mf_strlist hosts;
	unsigned rels;           /* 1 << mf_rel (relationship); 0: not declared */
	bool has_autonomy;       /* autonomy: how the provider does without it */
	mf_basis autonomy_basis;
	char *autonomy_description, *autonomy_evidence;
	mf_sub *subs;
	size_t nsubs;
	unsigned level;          /* 1 = direct subcontractor: the DORA subcontracting rank */
	/* DORA register of information (docs/manifest.md): the critical or
	 * important functions of the financial entity it supports (Art. 3(22)),
	 * whether it supports one, and its ISO 17442 LEI ("" when not declared;
	 * checked: 18 upper-case alphanumerics, 2 MOD 97-10 check digits). */
	mf_strlist functions;
	bool critical;           /* critical: true, or a non-empty functions list */
	char lei[21];
};

typedef struct mf_mitigation {
	mf_pos pos;
	char *id;
	char *description;
	mf_strlist applies_to;
	mf_mkind kind;           /* MF_MKIND_NONE: no kind (recorded, no effect) */
	mf_effect effect;        /* without a kind only: as written, not counted */
	long strength;
} mf_mitigation;

/* A decision recorded about one risk of the register (risk_treatments). */
typedef struct mf_treatment {
	mf_pos pos;
	char *risk;              /* a register id, R-CC-slug-nexus */
	mf_decision decision;
	char *by;
	char date[11];
	char *note;              /* may be NULL */
} mf_treatment;

typedef struct mf_waiver {
	mf_pos pos;
	char *requirement;
	char *subject;
	char *reason;
	char *approved_by;
	char expires[11];
} mf_waiver;

/* The sovereignty section (docs/manifest.md "Sovereignty"): what the
 * factors of a scored pack need and nothing else shows — certifications,
 * the security operations centre, the source code, the hardware, energy,
 * and assessors' judgements of factors sovcheck cannot see. Loaded by
 * manifest-sovereignty.c. */
typedef enum mf_scheme {
	MF_SCHEME_SECNUMCLOUD, MF_SCHEME_C5, MF_SCHEME_EUCS_HIGH, MF_SCHEME_EUCS_SUBSTANTIAL,
	MF_SCHEME_EUCS_BASIC, MF_SCHEME_ISO_27001, MF_SCHEME_ISO_27017, MF_SCHEME_ISO_27018,
	MF_SCHEME_HDS, MF_SCHEME_ENS_HIGH, MF_SCHEME_ENS_MEDIUM, MF_SCHEME_SOC2,
	MF_SCHEME_BSI_C3A, MF_SCHEME_OTHER,
} mf_scheme;
extern const char *const mf_scheme_names[];

/* How the service's source code can be had, most open first. */
typedef enum mf_source {
	MF_SOURCE_OPEN_SOURCE, MF_SOURCE_SOURCE_AVAILABLE, MF_SOURCE_ESCROW,
	MF_SOURCE_CUSTOMER_ACCESS, MF_SOURCE_PROPRIETARY,
} mf_source;
extern const char *const mf_source_names[];

/* The aspects of the hardware whose countries are declared. */
typedef enum mf_hw { MF_HW_ASSEMBLY, MF_HW_FIRMWARE, MF_HW_PROCESSORS } mf_hw;
#define MF_HW_COUNT 3
extern const char *const mf_hw_names[];

/* Who can oversee the security operations centre's logs. */
typedef enum mf_log_access { MF_LOG_CUSTOMER, MF_LOG_AUTHORITY } mf_log_access;
extern const char *const mf_log_access_names[];

typedef struct mf_countries {
	bool present;            /* the key is there */
	char (*v)[3];
	size_t n;
	mf_pos pos;
} mf_countries;

typedef struct mf_cert {
	mf_pos pos;
	mf_scheme scheme;
	char *issuer;
	char valid_until[11];    /* "" when unreadable */
	char *scope, *evidence;  /* may be NULL */
} mf_cert;

/* An assessor's recorded judgement of a factor sovcheck cannot see. */
typedef struct mf_assessment {
	mf_pos pos;
	char *factor;            /* a factor id of a scored pack ("SOV-1.6") */
	bool met;
	char *by;
	char date[11];
	char *evidence;
} mf_assessment;

typedef struct mf_sovereignty {
	bool present;
	mf_pos pos;
	bool has_certifications; /* the key is there ([] declares none) */
	mf_cert *certs;
	size_t ncerts;
	bool has_soc;
	mf_pos pos_soc;
	mf_countries soc_countries;
	char *soc_operator;
	char soc_operator_country[3];
	unsigned soc_log_access; /* 1 << mf_log_access */
	bool has_source;
	mf_source source;
	char *source_licence;    /* may be NULL */
	bool has_hardware;
	mf_countries hw[MF_HW_COUNT];
	bool has_energy;
	bool has_pue, has_renewable, has_year;
	double pue, renewable;
	long year;
	char *carbon_disclosure, *water_disclosure; /* may be NULL */
	mf_assessment *assessments;
	size_t nassessments;
} mf_sovereignty;

struct yctx;
struct ynode;
/* Load the sovereignty section n (NULL: absent) into *out, reporting every
 * problem through c. false only when out of memory. */
bool mf_sovereignty_load(struct yctx *c, const struct ynode *n, mf_sovereignty *out);
/* Free what *s owns (not s itself). */
void mf_sovereignty_free(mf_sovereignty *s);

struct sc_manifest {
	char *path;
	char *source;         /* the file's bytes as read (for evidence bundles) */
	size_t source_len;
	char *dir;
	long version;
	char *service_name;
	mf_model model;
	bool has_model;
	mf_provider provider;
	bool has_locations;
	mf_site *sites;
	size_t nsites;
	bool has_administration;
	char (*admin)[3];
	size_t nadmin;
	mf_pos pos_admin;
	bool has_support;
	mf_support *support;
	size_t nsupport;
	bool has_endpoints;   /* the key is present (an empty list declares none) */
	mf_endpoint *endpoints;
	size_t nendpoints;
	mf_strlist domains;
	bool has_subcontractors;
	mf_sub *subs;
	size_t nsubs;
	mf_mitigation *mitigations;
	size_t nmitigations;
	mf_waiver *waivers;
	size_t nwaivers;
	mf_treatment *treatments;
	size_t ntreatments;
	/* document: the §5.3.d document's control (docs/manifest.md) */
	bool has_document;
	char *doc_reference, *doc_version, *doc_classification, *doc_owner;
	mf_strlist doc_scope;    /* the services and offers the document covers */
	mf_pos pos_document;
	/* written by probe: the buyer's view, nothing declared by the
	 * supplier; what fails a missing declaration is unknown instead */
	bool outside_in;
	bool has_sign_off;
	char *sign_off_by;
	char sign_off_date[11];
	char *sign_off_register; /* the register digest accepted, or NULL */
	mf_pos pos_sign_off;
	mf_strlist zones;
	char *chains;
	mf_strlist trust;     /* PEM files of trust anchors (private PKIs) */
	mf_sovereignty sov;   /* the sovereignty section (scored packs) */
};

/* Whether the shareholders hs (at any level) name name, compared folded
 * (case, accents, punctuation: "GLOBEX VENTURES, L.L.C." names "Globex
 * Ventures LLC"). */
bool mf_holders_name(const mf_holder *hs, size_t n, const char *name);
/* The first of them (depth first) that name names, or NULL. */
const mf_holder *mf_holders_find(const mf_holder *hs, size_t n, const char *name);

#endif
