/*
 * changes.h — internal: what a run means, subject by subject, and what
 * changed between two runs in those terms (changes.c), and the §19.6.f
 * notice ledger those changes open (ledger.c). See docs/monitoring.md.
 *
 * A filing is reduced to facts: for each observed subject (an endpoint,
 * the name servers or mail exchangers of a domain, the hosts of a
 * subcontractor, a host a client contacts to check certificates) the set
 * of its operators, ultimate controllers (with their country), location
 * countries and CA owners, and the data class on its paths; for each
 * declared subject (the provider's seat, every shareholder at every level,
 * a government link, a subcontractor, a support location, the
 * administration, a site) its declared values. Addresses are not facts: a
 * name answering with other addresses of the same operators and countries
 * has not changed. Two runs are compared fact by fact, per subject, so
 * that a subject moving to an operator or country already known elsewhere
 * in the service is a change of that subject.
 */
#ifndef SC_CHANGES_H
#define SC_CHANGES_H

#include <stdbool.h>
#include <stddef.h>

#include "graph.h"
#include "manifest.h"
#include "msg.h"
#include "policy.h"
#include "sc-limits.h"
#include "sovcheck.h"

typedef enum ch_kind {
	CH_ENDPOINT,        /* observed */
	CH_NS,
	CH_MX,
	CH_SUBHOSTS,
	CH_SPF,             /* observed, what a domain publishes (probe): */
	CH_DMARC,           /*   who sends its mail, who gets its reports, */
	CH_MAILSVC,         /*   its mail services, the services it is */
	CH_TOKEN,           /*   verified with, the CAs it authorises */
	CH_CAA,
	CH_CERTHOST,
	CH_PROVIDER,        /* declared */
	CH_HOLDER,
	CH_GOVLINK,
	CH_SUB,
	CH_SUPPORT,
	CH_ADMIN,
	CH_SITE,
	CH_KIND_COUNT
} ch_kind;
extern const char *const ch_kind_names[];   /* "endpoint", "ns", … (JSON) */

/* What a change means for the service (docs/monitoring.md). */
typedef enum ch_class {
	CH_INFO,            /* informational */
	CH_RESIDENCY,       /* affects §19.2: data, administration or support
	                       newly outside the EU (or where is no longer known) */
	CH_CONTROL,         /* affects §19.6: customers must be told within a month */
} ch_class;
extern const char *const ch_class_names[];  /* "informational", "19.2", "19.6" */

typedef struct ch_fact {   /* in an order without padding: 48 bytes, a few per endpoint */
	ch_kind kind;
	unsigned data;      /* the subject's data classes (1 << mf_data) */
	const char *subject; /* "api.example.eu", "Holding A → Fund B", "US" …
	                       (the strings are the set's pool's) */
	const char *aspect; /* static: "controller", "capital", "relationship" … */
	const char *value;  /* stable value: entity id, country, figure, word */
	const char *label;  /* the value for people: entity name, or = value */
	char cc[3];         /* the value's country, when it has one ("" unknown) */
	bool set;           /* one of several values (added/removed), else one value */
	bool outside;       /* that country is outside the EU, or unknown */
	bool subject_outside; /* declared subject itself non-EU (holder, sub) */
} ch_fact;

typedef struct ch_facts {
	ch_fact *v;
	size_t n, cap;
	bool oom;
	util_strpool *pool;  /* the facts' strings, each once */
} ch_facts;

/* The facts of one filing: its manifest and its graph (g may be NULL:
 * declarations only). eu27 decides control, eu location. NULL when out
 * of memory. */
ch_facts *ch_facts_build(const sc_manifest *m, const sc_graph *g, const pk_set *eu27,
                         const pk_set *eu);
void ch_facts_free(ch_facts *f);
/* The facts of (kind, subject, aspect), the first at *ret_i; count. */
size_t ch_facts_find(const ch_facts *f, ch_kind kind, const char *subject, const char *aspect,
                     size_t *ret_i);

typedef struct ch_change {
	const ch_fact *old, *cur;  /* borrowed from the two fact sets; one may be NULL */
	bool whole;         /* a declared subject one side lacks entirely: old or
	                       cur is its first fact */
	ch_class cls;
	char key[96];       /* "c-" + 16 hex: the same change has the same key */
} ch_change;

typedef struct ch_list {
	ch_change *v;
	size_t n;
	bool oom;
} ch_list;

/* What changed from a to b (both sorted as ch_facts_build() leaves them);
 * a change's facts are borrowed from a and b. false when out of memory. */
bool ch_compare(const ch_facts *a, const ch_facts *b, ch_list *ret);
void ch_list_free(ch_list *l);
/* The change as a sentence (msg.h): old_facts and cur_facts are the two
 * sets it was found between (for a whole subject's values). */
sc_msg *ch_change_msg(const ch_change *c, const ch_facts *old_facts, const ch_facts *cur_facts);
/* The same from its parts (a notice read back keeps only those): whole
 * for a subject added or removed as a whole, with its facts
 * facts->v[first..first+nfacts) (facts may be NULL); ov/nv NULL when the
 * side has no value. */
sc_msg *ch_change_msg_of(ch_kind kind, const char *subject, const char *aspect, bool set,
                         bool whole, bool added, const char *ov, const char *ol, const char *nv,
                         const char *nl, const char *ncc, const char *occ,
                         const ch_facts *facts, size_t first, size_t nfacts);
/* The criterion a change of this aspect bears on ("19.6.a", "19.2.b" …). */
const char *ch_criterion(ch_kind kind, const char *aspect);
/* A subject in words, as a message ("endpoint api.example.eu"). */
sc_msg *ch_subject_msg(ch_kind kind, const char *subject);

/* ------------------------------------------------------------- ledger */

typedef enum ch_status { CH_OPEN, CH_ACKNOWLEDGED, CH_REVERTED } ch_status;
extern const char *const ch_status_names[];

/* One change a notice is about. */
typedef struct ch_item {
	char key[96];       /* the change's key */
	char *aspect;       /* "*" for a whole subject */
	bool set, whole;
	char *old_value, *new_value;     /* "" when absent */
	char *old_label, *new_label;
	char old_cc[3], new_cc[3];
} ch_item;

/* One §19.6.f notice: the changes affecting §19.6 that one run found on
 * one subject (a shareholder's capital and voting rights rising together
 * are one event, one letter), kept from that run until customers were
 * told (acknowledged) or every change was reverted. */
typedef struct ch_notice {
	char id[40];        /* "N-YYYYMMDD-xxxxxx" */
	ch_kind kind;
	char *subject;
	char criterion[16];
	ch_item *items;
	size_t nitems;
	char *text[SC_LANG_COUNT];  /* the changes in words, as first seen */
	char first_seen[11], deadline[11];
	ch_status status;
	char closed_on[11];
	char *acked_by;     /* acknowledged by (NULL) */
	char overdue_alerted[11];  /* the run that first found it overdue ("") */
	bool new_now;       /* opened by this run */
	bool overdue_now;   /* found overdue for the first time by this run */
} ch_notice;

struct sc_ledger {
	ch_notice *v;
	size_t n, cap;
	const ch_facts *cur;  /* borrowed: the facts of the run that last
	                         updated it (the values of a whole subject) */
};

/* Open a notice for every §19.6 change of l not already open, close
 * those whose change was reverted in cur, mark the overdue at date.
 * Pure. false when out of memory. */
bool ch_ledger_update(sc_ledger *ld, const ch_list *l, const ch_facts *cur, const char *date);
/* Is notice n overdue at date? */
bool ch_notice_overdue(const ch_notice *n, const char *date);
/* Change i of a notice as a message (cur: the facts of the run, for the
 * values of a whole subject; may be NULL); all of them ("; "). */
sc_msg *ch_item_msg(const ch_notice *n, size_t i, const ch_facts *cur);
sc_msg *ch_notice_msg(const ch_notice *n, const ch_facts *cur);
/* The notice with that id, or NULL. */
ch_notice *ch_ledger_find(const sc_ledger *ld, const char *id);

#endif
