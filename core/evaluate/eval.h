/*
 * eval.h — internal: the result of an evaluation, read by the report
 * writers. Every list is kept in a deterministic order.
 */
#ifndef SC_EVAL_H
#define SC_EVAL_H

#include <stddef.h>

#include "sovcheck.h"

typedef enum ev_origin { EV_DECLARED, EV_OBSERVED } ev_origin;
extern const char *const ev_origin_names[];

typedef struct ev_finding {
	char *subject;
	sc_verdict verdict;
	ev_origin origin;
	char *reason;
	char *computation;       /* optional: how a number was obtained */
	char *severity;          /* optional override, e.g. "info" */
	char **evidence;         /* evidence ids */
	size_t nevidence;
} ev_finding;

typedef struct ev_req {
	const sc_requirement *req;  /* borrowed from the pack */
	sc_verdict verdict;
	ev_finding *f;
	size_t n, cap;
} ev_req;

typedef enum ev_waiver_status {
	EV_WAIVER_APPLIED, EV_WAIVER_EXPIRED, EV_WAIVER_UNUSED, EV_WAIVER_UNKNOWN_REQUIREMENT,
} ev_waiver_status;
extern const char *const ev_waiver_status_names[];

typedef struct ev_waiver {
	char *requirement, *subject, *reason, *approved_by;
	char expires[11];
	ev_waiver_status status;
} ev_waiver;

/* A geolocation database the result's locations came from. */
typedef struct rs_geodb {
	char *label, *type, *description;
	char build_date[11], data_date[11];
	long age_days;
	bool stale;
} rs_geodb;

struct rk_risk;

struct sc_result {
	const sc_manifest *m;     /* borrowed: the manifest judged */
	const sc_pack *pack;      /* borrowed: the pack it was judged against */
	const sc_laws *laws;      /* borrowed: set by sc_assess() */
	struct rk_risk *risks;    /* the residual-risk register (sc_assess) */
	size_t nrisks;
	bool assessed;
	bool document;            /* this run writes the §5.3.d document */
	char *service;
	char *provider;
	char *pack_id;
	char *pack_version;
	char date[11];
	bool offline;
	const sc_graph *graph;   /* borrowed: the evidence the result judged */
	ev_req *reqs;
	size_t nreqs;
	ev_waiver *waivers;
	size_t nwaivers;
	size_t counts[SC_VERDICT_COUNT];
	rs_geodb *geodbs;
	size_t ngeodbs;
	bool has_registry;
	size_t registry_entities;
	char registry_oldest[11], registry_newest[11];
};

/* Rank for "worst of": fail > unknown > waived > pass > not_applicable. */
int ev_verdict_rank(sc_verdict v);

#endif
