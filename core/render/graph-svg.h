/*
 * graph-svg.h — internal: the dependency graph as a picture (graph-svg.c).
 * The graph of the attribute stage, read as five layers from left to
 * right — the service, the manifest entries that lead to each dependency
 * (endpoints, domains' name and mail servers, subcontractors, hosts named
 * in certificates), the operators, their ultimate controllers, those
 * controllers' countries — and drawn as inline SVG by our own code.
 */
#ifndef SC_GRAPH_SVG_H
#define SC_GRAPH_SVG_H

#include <stdbool.h>
#include <stddef.h>

#include "filing.h"
#include "i18n.h"
#include "sovcheck.h"
#include "util.h"

typedef enum dg_col {
	DG_SERVICE = 0,
	DG_ENTRY = 1,
	DG_OPERATOR = 2,
	DG_CONTROLLER = 3,
	DG_COUNTRY = 4,
} dg_col;
#define DG_COLS 5

/* Beyond this many boxes the picture groups the entries per operator
 * (one box "N entries" each); a column is cut after DG_MAX_ROWS boxes (the
 * last one says how many more). The table under the picture lists all. */
#define DG_MAX_NODES 50
#define DG_MAX_ROWS 30

/* A node's flags. */
enum {
	DG_NON_EU = 1u << 0,    /* a controller or a country outside the EU */
	DG_UNKNOWN = 1u << 1,   /* nobody could name it: its label is our word */
	DG_GROUP = 1u << 2,     /* "N entries" of one operator */
	DG_MORE = 1u << 3,      /* the rest of a column: "N more" */
};

/* An edge's kinds: how the dependency was observed. */
enum {
	DG_IP = 1u << 0,        /* an address, by its AS */
	DG_NAME = 1u << 1,      /* a DNS name, by its suffix */
	DG_CERT = 1u << 2,      /* a certificate, by its CA */
};

typedef struct dg_node {
	dg_col col;
	char *label;            /* owned; as the inputs say it, not escaped */
	char cc[3];             /* controllers and countries: the country */
	unsigned flags;
	size_t count;           /* DG_GROUP: how many entries; DG_MORE: boxes */
	size_t rank;            /* its place in its column, from the top */
} dg_node;

typedef struct dg_edge {
	size_t from, to;        /* node indices, from a column to the next */
	unsigned kinds;
} dg_edge;

/* Nodes sorted by column, then rank; edges sorted by (from, to). */
typedef struct dg {
	dg_node *nodes;
	size_t n;
	dg_edge *edges;
	size_t ne;
	bool grouped;           /* the entries are grouped per operator */
	size_t nentries;        /* entries before grouping */
} dg;

/* The graph of filing f in five layers, every dependency of the evidence
 * that names an operator (and every address or certificate that names
 * none: its operator unknown). Outside the EU is outside the pack's EU27
 * set. *ret owned by the caller (dg_free()); an empty graph when nothing
 * was observed. SC_ERR_NOMEM. */
sc_status dg_build(const sc_filing *f, sc_lang l, dg **ret, sc_err *err);
/* What the picture shows of g: g itself up to DG_MAX_NODES boxes, else
 * the entries grouped per operator, each column cut at DG_MAX_ROWS. */
sc_status dg_drawn(const dg *g, sc_lang l, dg **ret, sc_err *err);
void dg_free(dg *g);

/* The picture of g (a dg_drawn()) as one <svg> element: layers left to
 * right, boxes with escaped text, edges, a legend; its viewBox lets it
 * scale to the width of the page. Appended to out. */
void dg_svg(const dg *g, sc_lang l, strbuf *out);

#endif
