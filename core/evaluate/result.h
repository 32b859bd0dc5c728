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
#include "util.h"

typedef enum rs_origin { RS_DECLARED, RS_OBSERVED } rs_origin;
extern const char *const rs_origin_names[];

typedef struct rs_finding {
	const char *subject;     /* the result's (strs) */
	sc_verdict verdict;
	rs_origin origin;
	/* English: NULL when msg says it (rs_finding_reason() renders it when
	 * written: a run of 100,000 endpoints keeps a message per finding, not
	 * also its sentence); the text itself for a finding without a message
	 * and for a waived one (the waiver's words). */
	char *reason;
	struct sc_msg *msg;      /* the reason as a localisable message (msg.h), or NULL */
	char *computation;       /* optional: how a number was obtained */
	char *severity;          /* optional override, e.g. "info" */
	const char **evidence;   /* evidence ids (strings: the result's strs) */
	size_t nevidence;
	int factor;              /* the factor of a scored requirement it decides, or -1 */
} rs_finding;

/* A finding's English sentence: its own text, or its message rendered in
 * English into *tmp (the previous *tmp freed; the caller frees the last
 * one). NULL when out of memory. */
const char *rs_finding_reason(const rs_finding *f, char **tmp);

/* A factor of a scored requirement, judged (policy.h pk_factor). */
typedef struct rs_factor {
	sc_verdict verdict;      /* worst of its findings; unknown when nothing decides it */
	bool met;                /* pass or not applicable: the only states that count */
} rs_factor;

typedef struct rs_req {
	const sc_requirement *req;  /* borrowed from the pack */
	sc_verdict verdict;
	rs_finding *f;
	size_t n, cap;
	/* Scored requirements (req->nfactors > 0): each factor judged, and the
	 * level reached (pk_seal_level()); level is -1 otherwise. */
	rs_factor *factors;
	int level;
} rs_req;

/* One pack of the run (each part of a pack list), judged: its
 * requirements are reqs[first, first + n) of the result. */
typedef struct rs_pack {
	const sc_pack *pack;
	size_t first, n;
	sc_verdict verdict;      /* worst of its requirements */
	size_t counts[SC_VERDICT_COUNT];
	double score;            /* scored packs: the weighted score out of 100; else -1 */
} rs_pack;

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
	rs_pack *packs;          /* one per pack judged, in order */
	size_t npacks;
	util_strpool *strs;      /* findings' subjects and evidence ids, each once */
	/* The sentences sc_result_finding() rendered, one slot per finding in
	 * the requirements' order, made on its first call (allocated with the
	 * result: it is read through const pointers). */
	struct rs_views {
		char **v;
		size_t n;
	} *views;
};

/* The next review of the risk assessment (§5.3.h) after a sign-off dated
 * sign_off_date: the period of the pack's sign-off freshness check (12
 * months if it has none). One computation for the verdict and the
 * documents. false when it falls past 9999-12-31 (out empty). */
bool eval_next_review(const sc_pack *pack, const char *sign_off_date, char out[11]);

/* True when factor i of a scored requirement holds its level down: not
 * met, and needed by the level just above the one reached. */
bool rs_factor_caps(const rs_req *q, size_t i);
/* How factor i of a judged objective is decided: "observed" (some of its
 * checks read collected evidence), "declared" (the manifest only),
 * "assessed" (nothing sovcheck reads, but an assessment the manifest
 * records decided it) or "not-visible" (nothing: the pack says what
 * would). */
const char *rs_factor_basis(const rs_req *q, size_t i);

/* Rank for "worst of": fail > unknown > waived > pass > not_applicable. */
int rs_verdict_rank(sc_verdict v);

#endif
