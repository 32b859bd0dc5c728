/*
 * risk.h — internal: the product of the assess stage, the residual-risk
 * register (risk.c), read by the evaluate stage (§5.3.d, §5.3.g judge it)
 * and the renderers (docs/architecture.md).
 */
#ifndef SC_RISK_H
#define SC_RISK_H

#include <stdbool.h>
#include <stddef.h>

#include "access.h"
#include "laws.h"
#include "manifest.h"
#include "sovcheck.h"

/* The kind of nexus a risk stands on; its spelling ends the risk id. */
typedef enum rk_kind {
	RK_CONTROL,      /* a third party seated or controlled there */
	RK_OWNERSHIP,    /* a shareholder seated there */
	RK_GOVERNMENT,   /* a link with a public body there */
	RK_STAFF,        /* the provider's support staff there */
	RK_LOCATION,     /* data stored or located there */
	RK_TRANSIT,      /* traffic that may pass there (anycast) */
} rk_kind;
extern const char *const rk_kind_names[];

/* A mitigation that names the risk's party, and whether it acts on one of
 * the risk's access paths. */
typedef struct rk_mit {
	const mf_mitigation *m;
	bool acts;
} rk_mit;

typedef struct rk_risk {
	char id[112];            /* R-CC-slug-kind: stable across runs */
	char *entity;            /* who, in words */
	char country[3];
	rk_kind kind;
	unsigned nexus;          /* LW_NEXUS_* bits the laws are matched on */
	unsigned paths;          /* AC_BIT(ac_path): how it can reach data */
	char *basis;             /* how it is linked to the country, in words */
	char *access;            /* the access paths, in words */
	char *path;              /* what establishes it: the evidence path that
	                            matters, or the declaration */
	char *relationship;      /* the declared relationship, or NULL */
	bool observed;           /* established by collected evidence */
	unsigned data;           /* 1 << mf_data: the most sensitive data reachable */
	const lw_law **laws;     /* borrowed from the catalogue */
	size_t nlaws;
	long likelihood, severity, score;
	char *likelihood_basis, *severity_basis;
	/* The same texts as localisable messages (msg.h): basis_m a list of
	 * the basis messages, entity_m for a party named by a sentence
	 * ("public body of US") or NULL for a proper name. */
	struct sc_msg *basis_m, *entity_m, *likelihood_m, *severity_m;
	bool controls;           /* a holder with the majority of the votes */
	rk_mit *mits;
	size_t nmits;
	const char *residual;    /* low, medium, high, critical */
	const mf_treatment *treatment;  /* the decision recorded for it, or NULL */
	/* what the risk is about (matching mitigations; merging) */
	const mf_sub *sub;
	const sc_entity *ent;
	char *slug_src;          /* the name its id is made from */
} rk_risk;

/* A party the register cannot judge: who controls it is not established
 * (a subcontractor seated in the EU27 declared without its parent's country
 * and unknown to the registry; an operator on a data path whose controller
 * is not known). */
typedef struct rk_unsettled {
	char *name;
	bool observed;           /* from the evidence, else from the declaration */
} rk_unsettled;

/* The register: the product of the assess stage. */
struct sc_risks {
	rk_risk *v;              /* sorted: highest score first, then by id */
	size_t n;
	const sc_laws *laws;     /* borrowed: the catalogue the laws came from */
	char digest[80];         /* "sha256:…" of the register (docs/outputs.md) */
	bool observed_evidence;  /* DNS or TLS evidence was collected */
	const mf_mitigation **unused;   /* mitigations that apply to no risk */
	size_t nunused;
	const mf_treatment **stale;     /* treatments of ids not in the register */
	size_t nstale;
	rk_unsettled *unsettled;        /* parties of unknown control, not in it */
	size_t nunsettled;
	size_t unsettled_more;          /* beyond SC_MAX_UNSETTLED, counted only */
};

/* The risk with that id, or NULL. */
const rk_risk *rk_find(const sc_risks *rs, const char *id);

#endif
