/*
 * filing.h — internal: a filing, the pipeline's stage products after
 * collection put together (docs/architecture.md): what the renderers and
 * the monitor read. Built once, by sc_filing_build(), for `check`, `report`
 * and `diff` alike.
 */
#ifndef SC_FILING_H
#define SC_FILING_H

#include <stdbool.h>
#include <stddef.h>

#include "changes.h"
#include "evidence.h"
#include "graph.h"
#include "laws.h"
#include "manifest.h"
#include "policy.h"
#include "result.h"
#include "risk.h"
#include "sovcheck.h"

/* A geolocation database of the evidence, judged at the filing's date. */
typedef struct fl_geodb {
	const ev_geodb *db;         /* borrowed from the evidence */
	long age_days;              /* of its data at the evaluation date */
	bool stale;                 /* older than SC_GEO_STALE_DAYS */
} fl_geodb;

struct sc_filing {
	/* Borrowed inputs. */
	const sc_manifest *m;
	const sc_pack *pack;
	const sc_evidence *ev;
	const sc_registry *reg;     /* may be NULL */
	const sc_laws *laws;        /* may be NULL */
	/* The stage products, owned. */
	sc_graph *graph;
	sc_result *result;
	sc_risks *risks;
	/* What the run means subject by subject, and what changed since the
	 * baseline (changes.h); the §19.6.f notices: the kept ledger
	 * (borrowed, --state) or, with a baseline only, this run's own. */
	ch_facts *facts;
	const sc_filing *baseline;  /* borrowed, or NULL */
	ch_list changes;
	sc_ledger *own_ledger;
	sc_ledger *ledger;          /* own_ledger or the kept one; NULL without
	                               a baseline */
	/* What the reports say of their data sources (docs/outputs.md). */
	char date[11];
	char manifest_sha256[65];   /* of the manifest's text the evidence holds */
	/* The SHA-256 of evidence.json as the filing writes it, which the
	 * documents quote (filing_evidence_sha256()): noted when the file is
	 * written (render.c writes it first), computed otherwise; a cache
	 * behind a pointer, so that a const filing can fill it. */
	struct fl_evcache {
		char sha256[65];
		bool done;
	} *evcache;
	fl_geodb *geodbs;
	size_t ngeodbs;
	bool has_registry;
	size_t registry_entities;
	char registry_oldest[11], registry_newest[11];
};

/* Write evidence.json of the filing into out as it is serialised
 * (evidence_bundle_write()). */
sc_status filing_evidence_write(const sc_filing *f, util_sink out, sc_err *err);
/* Note the SHA-256 of the evidence.json just written (64 hex digits), so
 * that the documents quote it without serialising the bundle again. */
void filing_evidence_written(const sc_filing *f, const char *sha256);
/* The SHA-256 of evidence.json as the filing writes it (*ret_sha256
 * borrowed from f): the one noted, else the bundle serialised into a
 * digest only (nothing is held) and kept. */
sc_status filing_evidence_sha256(const sc_filing *f, const char **ret_sha256, sc_err *err);

#endif
