/*
 * access.h — internal: how a party can reach a service's data, and what a
 * mitigation does about it (access.c; docs/manifest.md "relationship" and
 * "mitigations", docs/checks.md "Access paths"). One table each, read by
 * the manifest loader (the spellings), the evaluate stage (19.6.c: which
 * access paths a mitigation closes) and the assess stage (the risk model:
 * what each path reaches, what each mitigation lowers).
 */
#ifndef SC_ACCESS_H
#define SC_ACCESS_H

#include <stdbool.h>

/* What a subcontractor is to the service (subcontractors[].relationship). */
typedef enum mf_rel {
	MF_REL_HOSTING, MF_REL_COLOCATION, MF_REL_NETWORK, MF_REL_CDN, MF_REL_DNS,
	MF_REL_EMAIL, MF_REL_SAAS, MF_REL_SOFTWARE, MF_REL_UPDATES, MF_REL_REMOTE_SUPPORT,
	MF_REL_CERTIFICATE_AUTHORITY, MF_REL_PROFESSIONAL_SERVICES, MF_REL_OTHER,
} mf_rel;
extern const char *const mf_rel_names[];
#define MF_REL_COUNT 13

/* The ways a party can reach data (a bit set of 1 << ac_path). */
typedef enum ac_path {
	AC_PHYSICAL,   /* the hardware and storage that hold the data */
	AC_TRANSIT,    /* traffic through its network, edge or servers */
	AC_CODE,       /* code that runs inside the service (software, updates) */
	AC_REMOTE,     /* its people reaching the service's systems */
	AC_ISSUANCE,   /* certificates the service or its users trust */
	AC_SERVICE,    /* the data its own service processes, as declared */
	AC_INFLUENCE,  /* ownership or public authority over the provider */
	AC_STAFF,      /* the provider's people working from that country */
} ac_path;
extern const char *const ac_path_names[];   /* "physical", "transit", … */
#define AC_PATH_COUNT 8
#define AC_BIT(p) (1u << (unsigned)(p))

/* The access path a relationship opens, and the least data it reaches
 * whatever is declared (an mf_data value: 0 none … 3 customer). */
unsigned ac_rel_paths(unsigned rel_mask);
int ac_rel_reach(unsigned rel_mask);

/* Kinds of mitigation (mitigations[].kind). MF_MKIND_NONE: none given (a
 * manifest written before kinds): recorded, with no effect. */
typedef enum mf_mkind {
	MF_MKIND_CUSTOMER_HELD_KEYS, MF_MKIND_EU_HELD_KEYS, MF_MKIND_NO_REMOTE_ACCESS,
	MF_MKIND_SUPERVISED_ACCESS, MF_MKIND_UPDATE_REVIEW, MF_MKIND_DATA_MINIMISATION,
	MF_MKIND_CONTRACTUAL, MF_MKIND_NONE,
} mf_mkind;
extern const char *const mf_mkind_names[];  /* without "none" */

typedef struct ac_effect {
	unsigned relevant;   /* access paths the kind acts on */
	unsigned closes;     /* access paths it makes technically impossible (19.6.c) */
	int likelihood;      /* lowers the likelihood by, on a relevant path */
	int severity;        /* lowers the severity by, on a relevant path */
} ac_effect;
/* What a kind does and what a path is, in words: the message table's
 * vocabularies "effect" and "pathwords" (core/base/messages.c). */
const ac_effect *ac_mkind_effect(mf_mkind k);

#endif
