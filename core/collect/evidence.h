/*
 * evidence.h — internal: the product of the collect stage (see
 * docs/architecture.md), read by attribution and by the bundle writer.
 *
 * Evidence is everything a verdict rests on that was observed rather than
 * declared: the manifest text it was collected for, every DNS answer, every
 * TLS chain, and the geolocation answer of every collected address together
 * with the identity of each database consulted. It is complete when
 * sc_collect() returns (or when a bundle is loaded): later stages read it
 * and never add to it, and the bundle (evidence.json) is written from it
 * alone.
 */
#ifndef SC_EVIDENCE_H
#define SC_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sovcheck.h"
#include "util.h"

/* TLS evidence for one endpoint and one address (or one PEM file). */
typedef struct ev_tls {
	char *host;                 /* the endpoint host */
	uint16_t port;
	const sc_tls_result *r;     /* borrowed from tls_live, or == owned */
	sc_tls_result *owned;
	char *id;                   /* evidence id: "tls:HOST:PORT[@ADDR]" */
} ev_tls;

/* What one database said of an address, and how specific it was
 * (sc_geo_source). Bundles written before the networks were recorded
 * load with network NULL and both lengths 0: least specific. */
typedef struct ev_geo_src {
	size_t db;                  /* index into sc_evidence.geodbs */
	char country[3];            /* "" when it gave none */
	bool found_asn;
	uint32_t asn;
	char *as_org;               /* NULL when not recorded (or no ASN) */
	char *network;              /* the database's network holding the
	                               address ("192.0.2.0/24"), or NULL */
	unsigned country_prefix;    /* length of the data behind the country */
	unsigned asn_prefix;        /* and behind the AS (0: not recorded) */
	char *country_source;       /* a sovcheck database: the input that */
	char *asn_source;           /* decided each field, or NULL */
} ev_geo_src;

/* The geolocation answer recorded for one address: the answer by
 * precedence (the first database having each field) and every database's
 * own answer, so that a disagreement is seen. */
typedef struct ev_geo {
	char *ip;                   /* canonical text form */
	char country[3];            /* "" when no database knew it */
	bool found_asn;
	uint32_t asn;
	char *as_org;               /* NULL when no ASN was found */
	ev_geo_src *src;            /* the databases that knew something */
	size_t nsrc;
} ev_geo;

/* A geolocation database consulted, as reports name it (docs/outputs.md). */
typedef struct ev_geodb {
	char *label;                /* file name */
	char *type;                 /* database_type, may be NULL */
	char *description;          /* licence attribution, may be NULL */
	char build_date[11];
	char data_date[11];
	char sha256[65];            /* of the file; "" in a bundle written before */
} ev_geodb;

struct sc_evidence {
	/* What the evidence was collected for. */
	char *manifest_path;        /* as given */
	char *manifest_text;        /* the file's bytes (valid UTF-8) */
	size_t manifest_len;
	char date[11];              /* the run's evaluation date */
	bool offline;
	/* DNS. */
	sc_dns_result *dns;         /* endpoints, subcontractor hosts, domains */
	sc_dns_result *dns_deps;    /* hosts named in certificates (AIA, CRL) */
	bool has_dns;
	char *dns_sources;          /* "zone a.zone, resolver 127.0.0.1:53" */
	/* TLS. */
	sc_tls_results *tls_live;
	ev_tls *tls;
	size_t ntls;
	bool has_tls;
	char *tls_source;           /* "live handshakes" / "PEM files in DIR" */
	/* Geolocation: one answer per address of dns and dns_deps, sorted by
	 * ip, and the databases they came from (in precedence order). */
	ev_geo *geo;
	size_t ngeo;
	ev_geodb *geodbs;
	size_t ngeodbs;
};

/* The recorded answer for ip (canonical form), or NULL. */
const ev_geo *evidence_geo_find(const sc_evidence *ev, const char *ip);

/* Write the bundle (evidence.json, bundle.c) into out as it is serialised,
 * in one pass that also computes its integrity digest: no tree of the
 * whole evidence and no copy of the text is held. A sink failure is
 * SC_ERR_IO (the sink's owner knows why). */
sc_status evidence_bundle_write(const sc_evidence *ev, util_sink out, sc_err *err);
/* The same, appended to a string. */
sc_status evidence_bundle_text(const sc_evidence *ev, strbuf *out, sc_err *err);

/* sc_evidence_load_json() from memory; path names the bundle in errors. */
sc_status evidence_parse_json(const char *buf, size_t len, const char *path, sc_diags *diags,
                              sc_manifest **ret_m, sc_evidence **ret_ev, char ret_date[11],
                              sc_err *err);
/* SHA-256 (hex) of a bundle's canonical form, without its "integrity"
 * member (which root must not hold), by the rule of its schema_version:
 * 2, Python's json.dumps(sort_keys, compact, ensure_ascii=False) (jsonw.h);
 * 1, jansson's compact sorted dump. */
bool evidence_canonical_digest(struct json_t *root, char out[65]);

/* Free the members of one geolocation answer (with its sources) / one
 * database's answer / one database record. */
void evidence_geo_clear(ev_geo *g);
void evidence_geo_src_clear(ev_geo_src *x);
void evidence_geodb_clear(ev_geodb *d);

#endif
