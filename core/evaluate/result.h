/*
 * result.h — internal: the product of the evaluate stage, sc_result: one
 * verdict per requirement with the findings behind it, and the waivers
 * (docs/architecture.md). Read by the renderers and by monitor/diff.c.
 * Every list is kept in a deterministic order.
 */
#ifndef SC_RESULT_H
#define SC_RESULT_H

#include <stddef.h>

#include "sovcheck.h"

typedef enum rs_origin { RS_DECLARED, RS_OBSERVED } rs_origin;
extern const char *const rs_origin_names[];

typedef struct rs_finding {
	char *subject;
	sc_verdict verdict;
	rs_origin origin;
	char *reason;            /* English, rendered from msg when there is one */
	struct sc_msg *msg;      /* the reason as a localisable message (msg.h), or NULL */
	char *computation;       /* optional: how a number was obtained */
	char *severity;          /* optional override, e.g. "info" */
	char **evidence;         /* evidence ids */
	size_t nevidence;
} rs_finding;

typedef struct rs_req {
	const sc_requirement *req;  /* borrowed from the pack */
	sc_verdict verdict;
	rs_finding *f;
	size_t n, cap;
} rs_req;

typedef enum rs_waiver_status {
	RS_WAIVER_APPLIED, RS_WAIVER_EXPIRED, RS_WAIVER_UNUSED, RS_WAIVER_UNKNOWN_REQUIREMENT,
} rs_waiver_status;
extern const char *const rs_waiver_status_names[];

typedef struct rs_waiver {
	char *requirement, *subject, *reason, *approved_by;
	char expires[11];
	rs_waiver_status status;
} rs_waiver;

struct sc_result {
	const sc_manifest *m;     /* borrowed: the manifest judged */
	const sc_pack *pack;      /* borrowed: the pack it was judged against */
	bool document;            /* this run writes the §5.3.d document */
	char *service;
	char *provider;
	char *pack_id;
	char *pack_version;
	char date[11];
	bool offline;
	const sc_graph *graph;   /* borrowed: the evidence the result judged */
	rs_req *reqs;
	size_t nreqs;
	rs_waiver *waivers;
	size_t nwaivers;
	size_t counts[SC_VERDICT_COUNT];
};

/* The next review of the risk assessment (§5.3.h) after a sign-off dated
 * sign_off_date: the period of the pack's sign-off freshness check (12
 * months if it has none). One computation for the verdict and the
 * documents. false when it falls past 9999-12-31 (out empty). */
bool eval_next_review(const sc_pack *pack, const char *sign_off_date, char out[11]);

/* Rank for "worst of": fail > unknown > waived > pass > not_applicable. */
int rs_verdict_rank(sc_verdict v);

#endif
