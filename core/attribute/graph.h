/*
 * graph.h — internal: the product of the attribute stage, the dependency
 * graph (graph.c), read by evaluation, assessment and the renderers (see
 * docs/architecture.md).
 */
#ifndef SC_GRAPH_H
#define SC_GRAPH_H

#include <stdbool.h>
#include <stddef.h>

#include "evidence.h"
#include "manifest.h"
#include "policy.h"
#include "sovcheck.h"
#include "util.h"

/* One observed dependency (docs/outputs.md, "dependencies"). */
typedef struct gn_dep {
	char *subject;
	const char *kind;           /* "ip", "name", "cert" */
	char location[3];           /* "" when unknown */
	const ev_geo *geo;          /* borrowed: every database's answer (ip nodes) */
	/* The geolocation rule on geo's sources (by, against: indices into
	 * geo->src; outcome NONE when none answered). */
	sc_geo_decision geo_country, geo_asn;
	bool location_conflict;     /* the databases disagree on the country, none
	                               more specific: unknown */
	bool asn_conflict;          /* the same for the AS */
	bool anycast;
	bool found_asn;
	uint32_t asn;
	char *as_org;
	const sc_entity *operator;  /* NULL: not in the registry */
	const sc_entity *controller;
	char *operator_name;        /* entity name, or the AS organisation */
	/* The lists' strings are the graph's (strs): an endpoint's name is
	 * kept once however many addresses and certificates it reaches. */
	const char **chain; size_t nchain;
	const char **via; size_t nvia;
	const char **evidence; size_t nevidence;
	const char **own; size_t nown; /* evidence about this address itself (geo, registry,
	                             * tls), without the DNS answers that led to it */
	unsigned data;              /* 1 << mf_data, of the paths through it */
	unsigned roles;             /* 1 << mf_role */
	bool declared;
	bool published_unknown;     /* named by a domain's published record (SPF,
	                               DMARC, CAA) outside that domain, and no
	                               registry entry runs it: a third party of
	                               unknown control, not nothing */
	unsigned spf_wide;          /* a record "ip4:NET" / "ip6:NET" of an SPF tree
	                               wider than this prefix length (8, 16): no one
	                               operator's network, not located (0: none) */
	char *path;                 /* the first path that revealed it, in words */
	size_t order;               /* creation index, used once to re-map after sorting */
} gn_dep;

/* An operator seen in the evidence, with every path that revealed it. */
typedef struct gn_op {
	const sc_entity *entity;
	const sc_entity *ultimate;  /* NULL: the chain is broken */
	const char **paths; size_t npaths;        /* strings: the graph's (strs) */
	const char **evidence; size_t nevidence;
	unsigned data, roles;
	bool is_provider;
	const mf_sub *declared_by;  /* NULL: no subcontractor entry declares it */
	bool cert_only;             /* seen only as a CA owner */
	bool published;             /* named by a domain's published records (SPF,
	                               DMARC, CAA, verification tokens, mail
	                               services): a relationship, no observed
	                               data path of its own */
	unsigned access;            /* AC_BIT(ac_path): how the evidence shows it reaching data */
	char *best_path;            /* the path that matters: most sensitive data, an
	                               endpoint's before a name server's */
	int best_data;              /* its highest mf_data class (-1: none) */
	bool best_endpoint;
} gn_op;

/* What was observed for one manifest endpoint. */
typedef struct gn_endpoint {
	const mf_endpoint *ep;
	bool dns_ok;                /* at least one source gave addresses */
	char *dns_problem;          /* why not, in words */
	char *dns_partial;          /* addresses known, but a source failed or the
	                               sources disagree on where or who: why */
	char *dns_id;
	size_t *ips; size_t nips;   /* indices into deps */
	const sc_entity **ops; size_t nops; /* operators on its paths (suffix, ASN) */
	const ev_tls **tls; size_t ntls;
} gn_endpoint;

/* Something of the evidence the graph did not read, said so (an SPF
 * record's malformed ip4:/ip6: mechanism, or more of them than read). */
typedef struct gn_note {
	char *name;                 /* the name whose record it is */
	char *term;                 /* the mechanism as written (NULL with more) */
	sc_dns_spf_term why;        /* SC_DNS_SPF_BAD_ADDRESS or _BAD_PREFIX */
	size_t more;                /* > 0: this many mechanisms over the limit */
} gn_note;

typedef struct gn_contradiction {
	const mf_sub *sub;
	char *what;                 /* English */
	struct sc_msg *msg;         /* the same as a message (msg.h) */
} gn_contradiction;

struct sc_graph {
	const sc_manifest *m;
	const sc_evidence *ev;
	const sc_registry *reg;
	gn_dep *deps; size_t ndeps, capdeps;
	size_t *dep_index; size_t dep_index_cap;  /* open addressing: deps index + 1 */
	gn_op *ops; size_t nops, capops;
	gn_endpoint *eps; size_t neps;
	gn_contradiction *contra; size_t ncontra;
	gn_note *notes; size_t nnotes;  /* sorted by name, then term */
	const sc_entity *provider;  /* the provider itself, if in the registry */
	util_strpool *strs;         /* the strings of the deps' and ops' lists */
};

/* "a.mmdb: FR (/16) AS16276 (/16), b.mmdb: DE (/24)" — what each database
 * said of d, and how specific (when the bundle recorded it). */
void graph_geo_sources_words(const sc_graph *g, const gn_dep *d, strbuf *sb);
/* The label of the database of d's source src ("?" if none). */
const char *graph_geo_db(const sc_graph *g, const gn_dep *d, size_t src);

/* Owner of the CA of a TLS result, through the registry (may be not found). */
void graph_tls_owner(const sc_graph *g, const sc_tls_result *r, sc_tls_owner *ret);

/* How an ultimate controller seated in the set is itself held (§19.6.c:
 * "belonging to or controlled by a company seated outside"; control as in
 * L.233-3), judged from its registry holders:
 * - not recorded (no holders named, and no control: or only "private"):
 *   unknown;
 * - a controlling holder (controlling: true, or over 50 % of the votes, else
 *   of the capital) decides by its country; no country: unknown;
 * - holders outside the set that together hold over half: outside;
 * - a holder outside the set (or of no recorded country) whose share is not
 *   given, or shares of no recorded country, or the unrecorded rest of a
 *   private company (or one whose control is not stated) whose holders'
 *   shares are all given, that could make such a half: unknown;
 * - else held from inside. A listed company's float and a state's
 *   holding are not such a rest. *ret_by: the holder that decides (NULL
 *   when not one); *ret_out: the share held outside the set. */
typedef enum { GRAPH_HELD_IN, GRAPH_HELD_OUT, GRAPH_HELD_UNKNOWN } graph_held;
graph_held graph_held_from(const sc_entity *u, const pk_set *set, const sc_holder **ret_by,
                           double *ret_out);
/* Where a holder stands for the judgement above. One named only by its
 * country stands there (none recorded: unknown). One that is a registry
 * entity (holders[].entity) stands where that entity is controlled from:
 * outside when its ultimate controller is seated outside the set, else as
 * graph_held_from() judges that controller — so a holding company seated
 * in the set and itself held from outside is outside. Companies are
 * followed once each, up to SC_MAX_HELD_WALK of them; a circle of
 * holdings, or more companies than that, is unknown. *ret_org (may be
 * NULL): who decides where h stands — h itself, or the controller or
 * holder further up that holds it from outside (name and country). */
typedef struct {
	const char *name, *country;
} graph_origin;
graph_held graph_holder_stands(const sc_holder *h, const pk_set *set, graph_origin *ret_org);
/* Where e is controlled from against set, as §19.6.c judges it: 1 inside
 * (its ultimate controller seated there and held from there), 0 outside
 * (*ret_by, *ret_by_country: the holder that decides, when one does), -1
 * not settled (a broken chain, how it is held not recorded or left open).
 * sc_entity_controlled_from_set() is this for a pack's set. */
int graph_controlled_from(const sc_entity *e, const pk_set *set, const char **ret_by,
                          const char **ret_by_country);

/* What the registry says of a declared subcontractor's control, against
 * set (docs/checks.md, "Access paths and mitigations"): the one reading
 * §19.6.c/d, SOV-5, the register and validate share. */
typedef struct graph_sub_view {
	const sc_entity *ent;       /* the registry entity of its name, or NULL */
	int from;                   /* ent: graph_controlled_from() against set —
	                               1 inside, 0 outside, -1 open; -1 without ent */
	const char *by, *by_country; /* from 0 through a holder: who, and from where */
	const sc_entity *like;      /* no ent: the entity its name begins with
	                               (sc_registry_find_name_prefix()), a lead only */
} graph_sub_view;
/* reg and set may be NULL (no registry: nothing known; no set: from -1). */
void graph_sub_registry(const sc_registry *reg, const mf_sub *s, const pk_set *set,
                        graph_sub_view *ret);
/* Whether who controls s is established: its parent's country declared (a
 * company with no parent names itself), or the registry knowing it and
 * settling where it is controlled from. */
bool graph_sub_control_known(const mf_sub *s, const graph_sub_view *v);
/* Whether org (from graph_holder_stands()) names someone other than h: h
 * is a company that another party controls from where it stands. */
bool graph_origin_beyond(const graph_origin *org, const sc_holder *h);
/* The source of the registry link that puts holder h where it stands: for
 * a company, the source of its own holders, else of its parent; NULL for
 * a holder named only by its country. */
const char *graph_holder_link_source(const sc_holder *h);
/* Whether a declared shareholder d is declared as held from outside the
 * set: seated outside it, or its own declared holders outside it holding
 * more than half (votes, else capital; a float aside). What a declaration
 * must show of a holder the registry records as controlled from outside. */
bool graph_declared_held_out(const mf_holder *d, const pk_set *set);
/* The declared shareholder (hs, at any level, names folded) that registry
 * holder h is: by h's name, else, for a holder that is an entity, by the
 * entity's name or one of its aliases ("Vodafone Group Plc" declared for
 * the registry's Vodafone Group). NULL when none. */
const mf_holder *graph_declared_holder(const mf_holder *hs, size_t n, const sc_holder *h);
/* A holder's share that counts for control: its votes, else its capital;
 * < 0 when neither is given. */
double graph_holder_share(const sc_holder *h);
/* The holder of e (in force) that controls it — controlling: true, or
 * more than half by graph_holder_share() — or NULL. */
const sc_holder *graph_controlling_holder(const sc_entity *e);


#endif
