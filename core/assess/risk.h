/*
 * risk.h — internal: the laws catalogue (laws.c) and the residual-risk
 * register built from a result (risk.c), read by the report writers.
 */
#ifndef SC_RISK_H
#define SC_RISK_H

#include <stdbool.h>
#include <stddef.h>

#include "sovcheck.h"

/* How an entity is linked to a country: its nexus. One string table. */
enum { LW_NEXUS_CONTROL = 1u, LW_NEXUS_LOCATION = 2u, LW_NEXUS_STAFF = 4u };
extern const char *const lw_nexus_names[];   /* control, location, staff */
extern const char *const lw_data_names[];    /* content, metadata, subscriber, keys */

typedef struct lw_law {
	char *id, *name, *citation;
	char country[3];
	long year;
	unsigned nexus;
	bool covert;
	unsigned data;
	bool secrecy;
	long likelihood;
	char *binds_en, *binds_fr, *eu_en, *eu_fr;
	char **sources;
	size_t nsources;
	bool verified;
} lw_law;

struct sc_laws {
	char *path;
	char reviewed[11];
	lw_law *laws;
	size_t n;
};

typedef struct rk_risk {
	char id[24];
	char *entity;
	char country[3];
	unsigned nexus;          /* one LW_NEXUS_* bit */
	char *basis;             /* how the entity is linked, in words */
	char *path;              /* the evidence path or declaration that shows it */
	unsigned data;           /* 1 << mf_data */
	const lw_law **laws;     /* borrowed from the catalogue */
	size_t nlaws;
	long likelihood, severity, score;
	char *likelihood_basis, *severity_basis;
	char **mitigations;      /* mitigation ids */
	size_t nmitigations;
	const char *residual;    /* low, medium, high, critical */
} rk_risk;

void risk_free_all(sc_result *r);

#endif
