/*
 * risk.h — internal: the product of the assess stage, the residual-risk
 * register (risk.c), read by the renderers (docs/architecture.md).
 */
#ifndef SC_RISK_H
#define SC_RISK_H

#include <stdbool.h>
#include <stddef.h>

#include "laws.h"
#include "sovcheck.h"

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

/* The register: the product of the assess stage. */
struct sc_risks {
	rk_risk *v;              /* sorted: highest score first */
	size_t n;
	const sc_laws *laws;     /* borrowed: the catalogue the laws came from */
};

#endif
