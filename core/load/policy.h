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
} pk_check_kind;
#define PK_CHECK_COUNT 21
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
} pk_check;

struct sc_requirement {
	char *id;
	char *title_en, *title_fr;
	char *summary_en, *summary_fr;
	char *severity;
	char *source;
	pk_check *checks;
	size_t nchecks;
	unsigned line, col;
};

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
};

bool pk_set_has(const pk_set *set, const char *code);
const pk_set *pk_find_set(const sc_pack *pack, const char *id);

#endif
