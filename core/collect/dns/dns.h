/*
 * dns.h — internal interfaces of the DNS collector (core/dns*.c).
 *
 *   dns.c         collector, sources, orchestration, result accessors
 *   dns-answer.c  pure parts: response acceptance, CNAME chain building,
 *                 comparison of answers between sources
 *   dns-live.c    the non-blocking event loop (UDP, TCP after truncation)
 *   dns-zone.c    the zone-file source
 *   dns-json.c    the result as JSON
 */
#ifndef SC_DNS_H
#define SC_DNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include <ldns/ldns.h>

#include "sovcheck.h"
#include "util.h"
#include "sc-limits.h"

#define DNS_NAME_BUF (SC_MAX_NAME_LEN + 2)
#define DNS_MAX_SERVERS 8u   /* nameserver lines kept from resolv.conf */
#define DNS_MAX_SOURCES 64u  /* sources of one collector: answers per name */

typedef enum dns_source_kind {
	DNS_SRC_SYSTEM = 0,
	DNS_SRC_RESOLVER = 1,
	DNS_SRC_ZONES = 2,
} dns_source_kind;

struct dns_server {
	struct sockaddr_storage sa;
	socklen_t salen;
	char text[64];                /* "ADDR:PORT" / "[ADDR]:PORT" */
};

struct dns_zones;

struct dns_source {
	dns_source_kind kind;
	char *label;
	struct dns_server servers[DNS_MAX_SERVERS];
	size_t nservers;
	struct dns_zones *zones;      /* DNS_SRC_ZONES only */
};

/* The questions asked for a name, in the order of a dns_answer_priv's
 * chases; dns_q_types gives each one's type, dns_q_want the want bit that
 * asks it. */
enum { DNS_Q_A, DNS_Q_AAAA, DNS_Q_NS, DNS_Q_MX, DNS_Q_TXT, DNS_Q_CAA, DNS_Q_SRV, DNS_NQ };
extern const uint16_t dns_q_types[DNS_NQ];
extern const unsigned dns_q_want[DNS_NQ];

/* A record kept by a chase: an address (A/AAAA), a target (NS/MX/SRV) or
 * a text (TXT/CAA, escaped as sc_dns_text says). */
struct dns_rec {
	char *owner;
	char *value;                  /* IP text, target name or text */
	uint32_t ttl;
	uint16_t pref;                /* MX preference, SRV priority */
	uint16_t port;                /* SRV */
	int family;                   /* 4 / 6 for addresses, 0 otherwise */
};

struct dns_hop {
	char *owner, *target;
	uint32_t ttl;
};

struct dns_answer_priv;

/*
 * One (name, type) resolution against one source, following CNAMEs: the
 * unit the event loop schedules. qname is the name asked next.
 */
struct dns_chase {
	struct dns_answer_priv *ans;  /* owner */
	const struct dns_source *src; /* borrowed */
	uint16_t qtype;               /* one of dns_q_types */
	char *qname;                  /* owned */
	struct dns_hop *hops;
	size_t nhops;
	struct dns_rec *recs;
	size_t nrecs, caprecs;
	sc_dns_reason reason;
	int rcode;                    /* -1 until a response is accepted */
	bool done;
	bool tcp;                     /* a truncated answer was retried over TCP */
	bool saw_malformed;           /* an unparsable packet for this query */
	bool saw_mismatch;            /* an answer to another question */
	char *detail;                 /* owned, NULL while OK */
	const char *server;           /* interned in the result, or NULL */
	int64_t observed_ms;
	unsigned queries;             /* queries made for this chase (follow-ups) */
	struct dns_chase *next;       /* pending queue link */
	void *slot;                   /* event loop state while in flight */
};

/* ---- dns-answer.c (pure) ---- */

/* Canonical form of a name: lower case, no final dot, checked as a DNS
 * name (labels 1..63 bytes, total <= SC_MAX_NAME_LEN). false if invalid. */
bool dns_name_canon(const char *in, char *out, size_t outsz);
/* Name of an rdf (dname) in canonical form; false if it does not fit or is
 * not a name a bundle can carry (vocab_name(), or the root "."). */
bool dns_rdf_name(const ldns_rdf *rdf, char *out, size_t outsz);

typedef enum dns_accept {
	DNS_ACCEPT_OK = 0,
	DNS_ACCEPT_NOT_RESPONSE = 1,  /* QR bit clear, or opcode not QUERY */
	DNS_ACCEPT_WRONG_ID = 2,
	DNS_ACCEPT_MALFORMED = 3,
	DNS_ACCEPT_WRONG_QUESTION = 4,
} dns_accept;

/* Decide whether a datagram answers the query (id, qname, qtype, class IN)
 * (RFC 5452 section 9.1: ID, question and source must all match; the source
 * is checked by the caller with dns_sockaddr_equal()). On DNS_ACCEPT_OK
 * *ret_pkt is the parsed packet, owned by the caller. */
dns_accept dns_accept_response(const uint8_t *buf, size_t len, uint16_t id,
                               const char *qname, uint16_t qtype,
                               ldns_pkt **ret_pkt);
bool dns_sockaddr_equal(const struct sockaddr *a, const struct sockaddr *b);

typedef enum dns_step {
	DNS_STEP_DONE = 0,    /* chase finished (c->reason set) */
	DNS_STEP_FOLLOW = 1,  /* ask again for c->qname (a CNAME target) */
	DNS_STEP_NOMEM = 2,
} dns_step;

/* Interpret an accepted response to (c->qname, c->qtype): rcode, CNAME
 * hops from the answer section, records of the asked type at the end of
 * the chain. Loops and chains longer than SC_MAX_CNAME_HOPS end the chase
 * with a reason; more than SC_MAX_DNS_ANSWERS records too. */
dns_step dns_chase_step(struct dns_chase *c, const ldns_pkt *pkt);
/* Finish a chase with a reason and a detail (printf). */
void dns_chase_fail(struct dns_chase *c, sc_dns_reason r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void dns_chase_clear(struct dns_chase *c);
/* Start a chase of (qname, qtype); false when out of memory. */
bool dns_chase_init(struct dns_chase *c, const char *qname, uint16_t qtype);

/* ---- dns-live.c ---- */

/* Where the event loop delivers the outcome of each question: the
 * orchestrator (dns.c) hands these in, so that the loop knows nothing of
 * it (the loop is a transport; the orchestrator decides what to ask next). */
struct dns_sink {
	void *ctx;
	/* An accepted response for the chase's current question. */
	void (*on_response)(void *ctx, struct dns_chase *c, const ldns_pkt *pkt,
	                    const char *server, bool tcp);
	/* The chase failed in the event loop (timeout, send error...). */
	void (*on_failure)(void *ctx, struct dns_chase *c, sc_dns_reason r, const char *detail);
};

struct dns_live;
sc_status dns_live_new(const sc_dns_opts *opts, const struct dns_sink *sink,
                       struct dns_live **ret, sc_err *err);
void dns_live_free(struct dns_live *live);
/* Queue a chase's current question (not sent before dns_live_run()). */
void dns_live_submit(struct dns_live *live, struct dns_chase *c);
/* Run until nothing is queued or in flight, or the overall deadline
 * (monotonic ms, 0 = none) passes: then every chase left fails with
 * SC_DNS_TIMEOUT. */
sc_status dns_live_run(struct dns_live *live, int64_t deadline_ms, sc_err *err);
void dns_live_stats(const struct dns_live *live, sc_dns_stats *ret);
int64_t dns_mono_ms(void);

/* ---- dns-zone.c ---- */

sc_status dns_zones_add(struct dns_zones **zones, const char *path, sc_err *err);
void dns_zones_free(struct dns_zones *zones);
/* Build the answer an authoritative server would give for (qname, qtype):
 * the records, or the CNAME at qname (one hop), NODATA or NXDOMAIN.
 * Returns NULL and sets *ret_covered false when no zone covers the name,
 * NULL with *ret_covered true when out of memory. *ret_file is the zone
 * file that answered (borrowed). */
ldns_pkt *dns_zones_answer(const struct dns_zones *zones, const char *qname,
                           uint16_t qtype, bool *ret_covered, const char **ret_file);

/* ---- the result (dns.c), read by dns-json.c ---- */

struct dns_answer_priv {
	sc_dns_answer pub;
	struct dns_entry_priv *entry;
	/* [DNS_NQ] by DNS_Q_* (qtype 0: not asked) while the run asks; NULL
	 * once the answer is final (answer_finish: its strings are then the
	 * result's, interned — a name costs its records, not seven
	 * questions' state). */
	struct dns_chase *chases;
	unsigned nchases;
	unsigned pending;             /* chases not done yet */
	/* storage behind pub's arrays */
	sc_dns_hop *chain;
	sc_dns_addr *addrs;
	sc_dns_target *ns, *mx, *srv;
	sc_dns_text *txt, *caa;
};

struct dns_entry_priv {
	sc_dns_entry pub;
	char *name;
	char **via;
	size_t nvia, capvia;
	struct dns_answer_priv *answers;
	sc_dns_answer *pub_answers;   /* copies of answers[].pub, contiguous, when
	                                 there are several; NULL for one */
	size_t nanswers;
	char *differences;
	struct dns_entry_priv *spf_root; /* the name whose SPF tree this is in */
	unsigned spf_lookups;         /* names the tree rooted here has asked */
	struct dns_entry_priv *hnext;  /* hash chain */
};

struct sc_dns_result {
	struct dns_entry_priv **entries; /* sorted by name after the run */
	size_t n, cap;
	struct dns_entry_priv **hash;
	size_t hsize;
	sc_dns_stats stats;
	util_strpool *strs;              /* interned labels, server names, and the
	                                    final answers' names and records */
};

/* Compare the answers of an entry between sources and set differs /
 * differences. false when out of memory. */
bool dns_entry_compare(struct dns_entry_priv *e);

/* A new entry (with nanswers zeroed answers) added to res; NULL when out
 * of memory. The name must not be in res yet. */
/* Publish e's final answers as the contiguous array of its public entry:
 * one answer (one source, the common case) is published where it lies,
 * several are copied once into pub_answers. False: out of memory. */
bool dns_entry_publish(struct dns_entry_priv *e);
struct dns_entry_priv *dns_result_entry_new(sc_dns_result *res, const char *name,
                                            size_t nanswers);
struct dns_entry_priv *dns_result_lookup(const sc_dns_result *res, const char *name);
/* The entry of a name already in canonical form, or NULL. */
struct dns_entry_priv *dns_result_find_priv(const sc_dns_result *res, const char *name);
/* A copy of s owned by res (for the few labels and servers); NULL: no memory. */
const char *dns_result_intern(sc_dns_result *res, const char *s);
/* Sort the entries by name. */
void dns_result_sort(sc_dns_result *res);

/* One entry as the evidence bundle writes it: an element of "names" in
 * sc_dns_result_to_json() (dns-json.c). Owned by the caller (a jansson
 * value, json_decref); NULL when out of memory. */
struct json_t *dns_entry_to_json(const sc_dns_entry *e);

#endif /* SC_DNS_H */
