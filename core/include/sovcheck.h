/*
 * sovcheck.h — the one public header of libsovcheck.
 *
 * cmd/ (the `sovcheck` tool) uses only what is declared here. Types are
 * opaque; every object has _new/_load and _free, and _free(NULL) is a no-op.
 * Fallible functions return an sc_status and fill an optional caller-owned
 * sc_err (or, for loaders that report every problem of a file, sc_diags).
 * Output parameters are named ret_* and are left untouched on failure.
 *
 * The library never prints, never exits, and keeps no global mutable state.
 *
 * The header follows the pipeline (docs/architecture.md): base, then the
 * stages load → collect → attribute → evaluate → assess → render, then the
 * filing that assembles them and the monitor. Each section names the files
 * of core/ that own it.
 */
#ifndef SOVCHECK_H
#define SOVCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* =============================================================== base */
/* ------------------------------------------------------------------ err */
/* Owned by core/base/err.c. */

/* Status codes. Append-only: values are stable and never reused. */
typedef enum sc_status {
	SC_OK = 0,
	SC_ERR_NOMEM = 1,       /* allocation failed */
	SC_ERR_IO = 2,          /* read/write/open failed (errno in message) */
	SC_ERR_PARSE = 3,       /* input is not well-formed (YAML, PEM, DNS…) */
	SC_ERR_INVALID = 4,     /* well-formed but violates the schema */
	SC_ERR_LIMIT = 5,       /* an input limit of sc-limits.h was exceeded */
	SC_ERR_UNSUPPORTED = 6, /* a feature or version we do not handle */
	SC_ERR_NOTFOUND = 7,    /* a named object does not exist (not a lookup miss) */
	SC_ERR_CORRUPT = 8,     /* a binary input (MMDB, bundle) is damaged */
	SC_ERR_NET = 9,         /* network failure that stopped the run */
	SC_ERR_TLS = 10,        /* OpenSSL failure that stopped the run */
	SC_ERR_DNS = 11,        /* ldns failure that stopped the run */
	SC_ERR_USAGE = 12,      /* caller passed invalid arguments */
	SC_ERR_INTERNAL = 13,   /* a bug: an invariant did not hold */
} sc_status;

/* Static English description of a status; never NULL. */
const char *sc_strerror(sc_status status);

/* True for statuses that mean "the input was bad" (exit code 3). */
bool sc_status_is_input_error(sc_status status);

/*
 * One error with its position. Positions are 1-based; 0 means "none".
 * Fixed-size buffers so that it can live on the caller's stack.
 */
typedef struct sc_err {
	sc_status code;
	unsigned line;
	unsigned col;
	char file[512];
	char rule[48];   /* short machine name of the check, e.g. "unknown-key" */
	char msg[1024];
} sc_err;

/* Clear an sc_err (code SC_OK, empty strings). NULL is a no-op. */
void sc_err_clear(sc_err *err);

/*
 * A list of diagnostics, for loaders that report every error of a file
 * together. Owned by the caller: sc_diags_new()/sc_diags_free().
 */
typedef struct sc_diags sc_diags;

typedef enum sc_severity {
	SC_SEV_ERROR = 0,
	SC_SEV_WARNING = 1,
	SC_SEV_NOTE = 2,
} sc_severity;

typedef struct sc_diag {
	sc_severity severity;
	unsigned line;     /* 1-based, 0 = none */
	unsigned col;      /* 1-based, 0 = none */
	const char *file;  /* borrowed: valid until sc_diags_free() */
	const char *rule;  /* borrowed: valid until sc_diags_free() */
	const char *msg;   /* borrowed: valid until sc_diags_free() */
} sc_diag;

sc_diags *sc_diags_new(void);
void sc_diags_free(sc_diags *diags);
size_t sc_diags_count(const sc_diags *diags);
size_t sc_diags_errors(const sc_diags *diags);
/* Diagnostic i (0-based) in the order they were added, sorted by position
 * within a file once sc_diags_sort() was called. */
const sc_diag *sc_diags_get(const sc_diags *diags, size_t i);
void sc_diags_sort(sc_diags *diags);
/* Add one diagnostic; printf-style message. Returns SC_ERR_NOMEM or SC_OK. */
sc_status sc_diags_add(sc_diags *diags, sc_severity sev, const char *file,
                       unsigned line, unsigned col, const char *rule,
                       const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* Append an sc_err as an error diagnostic. */
sc_status sc_diags_add_err(sc_diags *diags, const sc_err *err);

/* ------------------------------------------------------------- version */

const char *sc_version(void);

/* -------------------------------------------------------------- verdict */

/* One string table for every enum (STYLE §11): see sc_*_to_string(). */
typedef enum sc_verdict {
	SC_PASS = 0,
	SC_FAIL = 1,
	SC_UNKNOWN = 2,
	SC_WAIVED = 3,
	SC_NOT_APPLICABLE = 4,
} sc_verdict;
#define SC_VERDICT_COUNT 5

const char *sc_verdict_to_string(sc_verdict v);
/* Returns true and sets *ret_v if s names a verdict. */
bool sc_verdict_from_string(const char *s, sc_verdict *ret_v);

/* ------------------------------------------------------------- country */
/* Owned by core/base/country.c. */

/* True if code is an assigned ISO 3166-1 alpha-2 code (upper case). */
bool sc_country_valid(const char *code);
/* English short name of an assigned code, or NULL. */
const char *sc_country_name(const char *code);
/* French short name ("États-Unis d'Amérique") and the preposition French
 * puts before it ("aux"), or NULL for a code that is no country. */
const char *sc_country_name_fr(const char *code);
const char *sc_country_in_fr(const char *code);

/* ---------------------------------------------------- dates, languages */
/* Owned by core/base/util.c and core/render/render.c. */

/* Parse "YYYY-MM-DD" (a real calendar date). */
bool sc_date_parse(const char *s, int *ret_y, int *ret_m, int *ret_d);

/* Write buf to path atomically: temp file in the same directory, fsync,
 * rename. The file is either the old one or the complete new one. */
sc_status sc_write_atomic(const char *path, const void *buf, size_t len, sc_err *err);

/* The languages documents are written in. One string table. */
typedef enum sc_lang {
	SC_LANG_EN = 0,
	SC_LANG_FR = 1,
} sc_lang;
#define SC_LANG_COUNT 2
const char *sc_lang_to_string(sc_lang l);            /* "en", "fr" */
bool sc_lang_from_string(const char *s, sc_lang *ret);

/* s with every character a terminal or a renderer would act on instead of
 * showing (controls, ESC sequences, bidirectional overrides, bytes that are
 * not UTF-8) written visibly ("\x1B", "\u202E"). Owned by the caller
 * (free); NULL when out of memory. For printing text from inputs. */
char *sc_text_visible(const char *s);

/* Canonical text form of an IPv4 or IPv6 literal into buf (at least 46
 * bytes); false when s is not one. The one canonicalisation of addresses. */
bool sc_ip_canon(const char *s, char *buf, size_t n);

/* Types named before the section that owns them. */
typedef struct sc_registry sc_registry;
typedef struct sc_entity sc_entity;
typedef struct sc_geo sc_geo;
typedef struct sc_graph sc_graph;

/* =============================================================== load */
/* ------------------------------------------------------------ manifest */
/* Owned by core/load/manifest.c. */

typedef struct sc_manifest sc_manifest;

/*
 * Load and validate a service manifest (schema version 1, docs/manifest.md).
 * Every problem of the file is added to diags (which must not be NULL).
 * On success *ret is a new manifest owned by the caller. Returns
 * SC_ERR_INVALID / SC_ERR_PARSE / SC_ERR_LIMIT when the file has errors,
 * SC_ERR_IO when it cannot be read.
 */
sc_status sc_manifest_load(const char *path, sc_diags *diags, sc_manifest **ret);
/* Same, from memory; name is used in diagnostics. */
sc_status sc_manifest_parse(const char *buf, size_t len, const char *name,
                            sc_diags *diags, sc_manifest **ret);
void sc_manifest_free(sc_manifest *m);
/* The manifest claims with names added (probe --claims): its declarations
 * as written, its endpoints and domains, then hosts[i]:ports[i] (role web,
 * data customer: a probe cannot tell what they carry) and domains not
 * already there. The claims must be written in block style (their
 * endpoints and domains keys at the start of a line). Diagnostics of the
 * result name the claims file. */
sc_status sc_manifest_with_names(const sc_manifest *claims, const char *const *hosts,
                                 const long *ports, size_t n, const char *const *domains,
                                 size_t nd, sc_diags *diags, sc_manifest **ret);

/* Accessors for a one-line summary; strings borrowed from m. */
const char *sc_manifest_service_name(const sc_manifest *m);
const char *sc_manifest_provider_name(const sc_manifest *m);
size_t sc_manifest_endpoint_count(const sc_manifest *m);
size_t sc_manifest_subcontractor_count(const sc_manifest *m); /* all levels */
size_t sc_manifest_shareholder_count(const sc_manifest *m);   /* all levels */
size_t sc_manifest_domain_count(const sc_manifest *m);
/* The manifest's path as given (borrowed). */
const char *sc_manifest_path(const sc_manifest *m);
/* Directory holding the manifest (sources are relative to it). */
const char *sc_manifest_dir(const sc_manifest *m);

/* -------------------------------------------------------------- policy */
/* Owned by core/load/policy.c: policy packs and the country sets. */

typedef struct sc_pack sc_pack;
typedef struct sc_requirement sc_requirement;

/*
 * Load a policy pack (YAML) and the country sets it refers to. sets_path
 * may be NULL: then "country-sets.yaml" beside the pack is used.
 */
sc_status sc_pack_load(const char *path, const char *sets_path,
                       sc_diags *diags, sc_pack **ret);
/*
 * Load several packs to be judged together from the same evidence (`--pack
 * a,b`): one pack when n is 1, else a pack list whose requirements are
 * those of each pack in turn (sc_pack_id() is the ids joined by ',').
 * Two packs that define the same requirement id are refused, so that a
 * waiver or a SARIF rule names one requirement.
 */
sc_status sc_pack_load_list(const char *const *paths, size_t n, sc_diags *diags,
                            sc_pack **ret);
void sc_pack_free(sc_pack *pack);
const char *sc_pack_id(const sc_pack *pack);
const char *sc_pack_title(const sc_pack *pack);
const char *sc_pack_version(const sc_pack *pack);
const char *sc_pack_path(const sc_pack *pack);
size_t sc_pack_count(const sc_pack *pack);
/* A scored pack: each requirement an objective scored to a SEAL level. */
bool sc_pack_scored(const sc_pack *pack);
const sc_requirement *sc_pack_get(const sc_pack *pack, size_t i);
const sc_requirement *sc_pack_find(const sc_pack *pack, const char *id);

const char *sc_requirement_id(const sc_requirement *r);
/* lang is "en" or "fr". */
const char *sc_requirement_title(const sc_requirement *r, const char *lang);
const char *sc_requirement_summary(const sc_requirement *r, const char *lang);
const char *sc_requirement_check(const sc_requirement *r);
const char *sc_requirement_severity(const sc_requirement *r);
const char *sc_requirement_source(const sc_requirement *r);
/* The requirement's checks and parameters as "key: value" lines (one per
 * line); owned by the caller (free), NULL when out of memory. */
char *sc_requirement_params_text(const sc_requirement *r);

/* ---------------------------------------------------------------- laws */
/* Owned by core/load/laws.c: the laws catalogue (policies/laws.yaml). */

typedef struct sc_laws sc_laws;
/* Load policies/laws.yaml (every error to diags). *ret owned by the caller. */
sc_status sc_laws_load(const char *path, sc_diags *diags, sc_laws **ret);
void sc_laws_free(sc_laws *laws);
size_t sc_laws_count(const sc_laws *laws);

/* ------------------------------------------------------------ registry */
/* Owned by core/load/registry.c: organisations, their parents, and what reveals
 * them (ASNs, DNS suffixes, certificate issuer names, root fingerprints). */

typedef struct sc_registry sc_registry;
typedef struct sc_entity sc_entity;

typedef enum sc_suffix_kind {
	SC_SUFFIX_CNAME = 0,   /* CNAME target / host name */
	SC_SUFFIX_NS = 1,      /* name server */
	SC_SUFFIX_MX = 2,      /* mail exchanger */
	SC_SUFFIX_TXT = 3,     /* a name a domain's TXT records point to: an SPF
	                          include or redirect, a DMARC report address */
} sc_suffix_kind;
#define SC_SUFFIX_COUNT 4

/* What a provider does for the entity that names it in its `providers:`
 * (geodb/registry/README.md): the entities a service itself runs on. */
typedef enum sc_provider_role {
	SC_PROVIDER_HOSTING = 0,        /* compute and storage of the service */
	SC_PROVIDER_CDN = 1,            /* content delivery in front of it */
	SC_PROVIDER_DNS = 2,            /* its name servers */
	SC_PROVIDER_MAIL = 3,           /* its mailboxes and mail exchangers */
	SC_PROVIDER_EMAIL_SENDING = 4,  /* the mail it sends (notifications) */
	SC_PROVIDER_STORAGE = 5,        /* storage or backups only */
} sc_provider_role;
#define SC_PROVIDER_ROLE_COUNT 6

/* Load every *.yaml of dir (sorted), then later files extend/override
 * with sc_registry_add_file(). All problems go to diags. */
sc_status sc_registry_load_dir(const char *dir, sc_diags *diags, sc_registry **ret);
sc_status sc_registry_add_file(sc_registry *reg, const char *path, sc_diags *diags);
void sc_registry_free(sc_registry *reg);

/* Lookups return borrowed pointers valid until sc_registry_free(), or NULL
 * when nothing matches (not an error). */
const sc_entity *sc_registry_find(const sc_registry *reg, const char *id_or_name);
const sc_entity *sc_registry_by_asn(const sc_registry *reg, uint32_t asn);
/* Label-boundary suffix match, longest suffix wins; *ret_suffix (optional)
 * receives the matching suffix (borrowed). */
const sc_entity *sc_registry_by_suffix(const sc_registry *reg, sc_suffix_kind kind,
                                       const char *name, const char **ret_suffix);
const sc_entity *sc_registry_by_issuer(const sc_registry *reg, const char *issuer_org);
/* The CA whose CAA issuer domain name this is ("letsencrypt.org"; RFC 8659
 * section 4.2), case-insensitive. */
const sc_entity *sc_registry_by_caa(const sc_registry *reg, const char *issuer_domain);
/* The service whose domain-verification token starts the TXT record txt
 * ("google-site-verification=…"), the longest token first; *ret_token
 * (optional) receives the token (borrowed). */
const sc_entity *sc_registry_by_verification(const sc_registry *reg, const char *txt,
                                             const char **ret_token);
const sc_entity *sc_registry_by_fingerprint(const sc_registry *reg, const char *sha256_hex);
/* By name, alias or former name, compared folded (case, accents and
 * punctuation folded away); a match on a former name gives that name and
 * the date it was used until (else both NULL). */
const sc_entity *sc_registry_find_name(const sc_registry *reg, const char *name,
                                       const char **ret_former, const char **ret_until);
/* The entity whose name or alias the first words of name are, the most
 * words first, never all of them ("Microsoft Ireland Operations Limited"
 * begins with "Microsoft"); at least three letters or digits. A hint for a
 * company the registry does not know, never an attribution. */
const sc_entity *sc_registry_find_name_prefix(const sc_registry *reg, const char *name);
/* The entity whose published prefixes hold ip (the longest prefix wins),
 * for addresses whose ASN the registry does not know; *ret_prefix
 * (optional) receives the prefix as written. NULL: none. */
const sc_entity *sc_registry_by_prefix(const sc_registry *reg, const char *ip,
                                       const char **ret_prefix);
/* The date (YYYY-MM-DD) parents are resolved at: sc_entity_parent(),
 * sc_entity_chain() and sc_entity_ultimate() give the state in force then.
 * NULL or "": the current state (the periods with no `until`). The filing
 * sets its evaluation date. SC_ERR_USAGE for a malformed date. */
sc_status sc_registry_set_date(sc_registry *reg, const char *date);
/* The parent an entity had over time, oldest first: period i's parent
 * (borrowed; NULL if it names no entity), and its dates ("" when open). */
size_t sc_entity_parent_periods(const sc_entity *e);
const sc_entity *sc_entity_parent_period(const sc_entity *e, size_t i,
                                         const char **ret_from, const char **ret_until);

const char *sc_entity_id(const sc_entity *e);
const char *sc_entity_name(const sc_entity *e);
const char *sc_entity_country(const sc_entity *e);     /* home country */
const sc_entity *sc_entity_parent(const sc_entity *e); /* NULL at the top */
const sc_entity *sc_entity_ultimate(const sc_entity *e);
/* How an entity at the top of its chain is held, as its `control:` says
 * ("government", "state-owned", "listed", "nonprofit", "private",
 * "cooperative"), or NULL when not stated. */
const char *sc_entity_control(const sc_entity *e);
/* A holder of an entity (its registry entry's `holders:`), as a source
 * names it: a person, a family, a fund, a company or a state. country and
 * as_of are "" when not given; capital and voting are percentages, < 0
 * when not given; controlling: the source says this holder controls the
 * entity (also implied by a figure above 50 %); from (inclusive) and until
 * (exclusive): the period the holding stands for, "" when open; entity:
 * the registry entity the holder is (holders[].entity), whose own parents
 * and holders say where it is controlled from, or NULL (a holder named
 * only by its country). For such a holder, name and country default to
 * the entity's. */
typedef struct sc_holder {
	const char *name;
	const char *country;
	double capital, voting;
	bool controlling;
	const char *as_of;
	const char *from, *until;
	const sc_entity *entity;
} sc_holder;
/* The holders in force at the registry's date (sc_registry_set_date(); the
 * holdings with no `until` when none is set), in the order written. */
size_t sc_entity_holder_count(const sc_entity *e);
const sc_holder *sc_entity_holder(const sc_entity *e, size_t i);   /* borrowed */
/* Every holder the registry records, past and present (their periods). */
size_t sc_entity_holder_total(const sc_entity *e);
const sc_holder *sc_entity_holder_any(const sc_entity *e, size_t i);   /* borrowed */
/* Whether how e is held is recorded: its holders are named, or its control
 * is stated and is not "private" (which alone names nobody). A top of a
 * parent chain
 * for which this is false is its own controller only for want of
 * anything known above it. */
bool sc_entity_held_recorded(const sc_entity *e);
/* e's holders as one line of text into buf: "Xavier Niel (FR, 96.58 %
 * of the capital, 94.17 % of the votes, as of 2021-09-29); …" ("" when
 * none). Returns buf. */
char *sc_entity_holders_text(const sc_entity *e, char *buf, size_t n);
/* One holder the same way: "Xavier Niel (FR, 96.58 % of the capital, …)". */
char *sc_holder_text(const sc_holder *h, char *buf, size_t n);
bool sc_entity_anycast(const sc_entity *e);
const char *sc_entity_source(const sc_entity *e);      /* URL of the main fact */
/* The URL of the first source of e covering fact ("holders", "parent" …),
 * or NULL. */
const char *sc_entity_source_of(const sc_entity *e, const char *fact);
/* The fields source i supports (its covers:), comma-separated, into buf
 * ("" for a notes-only source or past the end); returns buf. */
char *sc_entity_source_covers(const sc_entity *e, size_t i, char *buf, size_t n);
/* The reviewers' remark of the entity (its note:), or NULL. */
const char *sc_entity_note(const sc_entity *e);
/* The entity's Legal Entity Identifier (ISO 17442: 20 characters, check
 * digits verified when the registry was loaded), borrowed; NULL when the
 * registry records none. */
const char *sc_entity_lei(const sc_entity *e);
/* The entities e itself depends on to run its service, as its registry
 * entry's `providers:` lists them, in that order: provider i (borrowed;
 * NULL when its id names no entity, which lint reports) and what it does
 * for e (*ret_role, optional). One level: a provider's own providers are
 * its own entry's. */
size_t sc_entity_provider_count(const sc_entity *e);
const sc_entity *sc_entity_provider(const sc_entity *e, size_t i, sc_provider_role *ret_role);
const char *sc_provider_role_to_string(sc_provider_role r);  /* "hosting", "cdn" … */

/* Additions of the registry module. */

/* Number of entities and entity i (sorted by id); borrowed. */
size_t sc_registry_count(const sc_registry *reg);
const sc_entity *sc_registry_get(const sc_registry *reg, size_t i);
/* Oldest and newest review dates of the registry's sources ("" if none);
 * either output may be NULL. */
void sc_registry_reviewed(const sc_registry *reg, char ret_oldest[11], char ret_newest[11]);
/* CCADB exports (core/load/ccadb.c): the root programs' reports of root
 * and intermediate certificates, read into CA index facts. */
typedef struct sc_ccadb sc_ccadb;
/* Read one CSV export and add its rows to *rows (created when NULL); a
 * certificate already read keeps its first row. *ret_skipped (optional):
 * rows without a SHA-256 or an owner. */
sc_status sc_ccadb_read(sc_ccadb **rows, const char *path, size_t *ret_skipped, sc_err *err);
void sc_ccadb_free(sc_ccadb *rows);
size_t sc_ccadb_count(const sc_ccadb *rows);
/* The CA index file for the rows whose owners reg knows (by name, alias or
 * former name): *ret_text (malloc'ed); the owner names it does not know
 * (distinct, sorted, malloc'ed array of malloc'ed strings). */
sc_status sc_ccadb_index_text(const sc_ccadb *rows, const sc_registry *reg, const char *reviewed,
                              char **ret_text, char ***ret_unknown, size_t *ret_nunknown,
                              sc_err *err);
/* How the registry's CA index agrees with the rows: each row's operator
 * (its subordinate CA owner, else its owner) against the entry found by the
 * row's SHA-256 and, when the row has one, by its subject + key. */
typedef struct sc_ccadb_agreement {
	size_t rows, unmapped;     /* rows; rows whose owner is no entity */
	size_t by_sha256;          /* rows the SHA-256 entry agrees with */
	size_t with_spki, by_spki; /* rows with a subject + key; agreeing */
} sc_ccadb_agreement;
sc_status sc_ccadb_compare(const sc_ccadb *rows, const sc_registry *reg,
                           sc_ccadb_agreement *ret, char **ret_report, size_t max_lines);
/* What importing the rows would change in the registry's CA index. */
typedef struct sc_ccadb_changeset {
	size_t added, changed, removed, same;
} sc_ccadb_changeset;
sc_status sc_ccadb_changes(const sc_ccadb *rows, const sc_registry *reg,
                           sc_ccadb_changeset *ret, char **ret_report, size_t max_lines);
/* CA certificates in the registry's CA index. */
size_t sc_registry_ca_count(const sc_registry *reg);
/* The CA owners and operators of the CA index (returned), and how many of
 * them have no settled ultimate controller — no parent chain ending in an
 * entity whose `control:` is stated (*ret_unsettled; the first max of them
 * in unsettled). */
size_t sc_registry_ca_control(const sc_registry *reg, const sc_entity **unsettled, size_t max,
                              size_t *ret_unsettled);
/* The parties at the tops of all parent chains (returned), and how many of
 * them have no `control:` stated (*ret_bare; the first max in bare). */
size_t sc_registry_tops_control(const sc_registry *reg, const sc_entity **bare, size_t max,
                                size_t *ret_bare);

/*
 * Cross-entity checks: every parent and provider exists, no parent cycle, no
 * entity its own provider, no ASN, suffix, issuer or root fingerprint
 * claimed by two entities, every entity sourced and every fact it states
 * covered by a source. Each problem is added to
 * diags with the file:line:col of the offending entry. Returns SC_OK when
 * there is no error, SC_ERR_INVALID otherwise.
 */
sc_status sc_registry_lint(const sc_registry *reg, sc_diags *diags);
const char *sc_suffix_kind_to_string(sc_suffix_kind k);

/*
 * The parent chain of e: e itself first, then each parent up to the
 * ultimate one. Writes at most max hops into ret_hops and returns how
 * many were written (the full length when ret_hops is NULL). *ret_cycle
 * (optional) is set when the chain loops or is deeper than
 * SC_MAX_ENTITY_DEPTH; the walk then stops before the first revisit.
 * sc_entity_ultimate() is NULL for such a chain and for a chain whose top
 * names a parent that is not in the registry: the controller is unknown.
 */
size_t sc_entity_chain(const sc_entity *e, const sc_entity **ret_hops, size_t max,
                       bool *ret_cycle);
const char *sc_entity_parent_id(const sc_entity *e);  /* as written, or NULL */
/* Where the entity is defined (the registry file and line). */
const char *sc_entity_file(const sc_entity *e);
unsigned sc_entity_line(const sc_entity *e);
size_t sc_entity_alias_count(const sc_entity *e);
const char *sc_entity_alias(const sc_entity *e, size_t i);
size_t sc_entity_asn_count(const sc_entity *e);
uint32_t sc_entity_asn(const sc_entity *e, size_t i);
size_t sc_entity_source_count(const sc_entity *e);
/* Source i: URL, what it says, review date (YYYY-MM-DD); borrowed. */
bool sc_entity_source_get(const sc_entity *e, size_t i, const char **ret_url,
                          const char **ret_fact, const char **ret_reviewed);

/* ----------------------------------------------------------------- dns */
/* =========================================================== collect */
/* Owned by core/collect/dns/ (dns.c orchestrates).
 *
 * A collector (sc_dns) holds options and one or more sources: the system
 * resolver (resolv.conf), resolver addresses given as ADDR[:PORT] (each one
 * asked separately, so that answers that differ per resolver are recorded),
 * and authoritative zone files (all zones together form one source).
 * sc_dns_resolve() takes a list of names, resolves them concurrently and
 * returns an sc_dns_result: one entry per name, one answer per source. Every
 * answer ends with a reason (sc_dns_reason); anything but SC_DNS_OK means the
 * evidence is incomplete and must not count as a pass. */

struct json_t;  /* jansson's json_t */

/* Why an answer ended the way it did. Append-only; one string table:
 * sc_dns_reason_to_string(). */
typedef enum sc_dns_reason {
	SC_DNS_OK = 0,              /* complete answer (possibly empty NS/MX) */
	SC_DNS_NXDOMAIN = 1,        /* the name (or a CNAME target) does not exist */
	SC_DNS_SERVFAIL = 2,
	SC_DNS_REFUSED = 3,
	SC_DNS_TIMEOUT = 4,         /* no acceptable answer within the retries */
	SC_DNS_CNAME_LOOP = 5,
	SC_DNS_CHAIN_TOO_LONG = 6,  /* more than SC_MAX_CNAME_HOPS CNAMEs */
	SC_DNS_NO_ADDRESS = 7,      /* name exists but has neither A nor AAAA */
	SC_DNS_MALFORMED = 8,       /* the server only sent unparsable answers */
	SC_DNS_MISMATCH = 9,        /* the server only answered other questions */
	SC_DNS_RCODE = 10,          /* another error rcode (FORMERR, NOTIMP...) */
	SC_DNS_TOO_MANY = 11,       /* more than SC_MAX_DNS_ANSWERS records */
	SC_DNS_NOT_IN_ZONE = 12,    /* zone source: no loaded zone covers it */
	SC_DNS_INVALID_NAME = 13,   /* not a valid host name / too long */
	SC_DNS_NET_ERROR = 14,      /* the query could not be sent */
	SC_DNS_SKIPPED = 15,        /* limit reached (SC_MAX_DNS_NAMES) */
} sc_dns_reason;
#define SC_DNS_REASON_COUNT 16

const char *sc_dns_reason_to_string(sc_dns_reason r);
bool sc_dns_reason_from_string(const char *s, sc_dns_reason *ret_r);

/* What to resolve for a name (bit set). */
enum {
	SC_DNS_WANT_ADDR = 1u,   /* A + AAAA, following the CNAME chain */
	SC_DNS_WANT_DOMAIN = 2u, /* NS + MX, then A/AAAA of every NS/MX target */
	SC_DNS_WANT_TEXT = 4u,   /* TXT + CAA: what the domain publishes */
	SC_DNS_WANT_SRV = 8u,    /* SRV, then A/AAAA of every SRV target */
	SC_DNS_WANT_SPF = 16u,   /* with TEXT: follow the SPF include: and redirect=
	                            tree of the name's TXT records, each included
	                            name asked TXT (at most SC_DNS_SPF_LOOKUPS
	                            names per tree, as RFC 7208 section 4.6.4
	                            bounds an evaluation) */
};
#define SC_DNS_SPF_LOOKUPS 10u
/* The domains an SPF record (a TXT value starting "v=spf1") includes or
 * redirects to, canonical, in order, at most max; names with macros are
 * left out. 0 for a TXT value that is not an SPF record. */
size_t sc_dns_spf_names(const char *txt, char (*out)[254], size_t max);

/* The networks an SPF record authorises to send mail: its ip4: and ip6:
 * mechanisms with the pass qualifier ("+" or none; "-", "~" and "?" name
 * networks that are not authorised and are not read), RFC 7208 section
 * 5.6. Each kept with its first address (the host bits cleared): the
 * address a geolocation database and the registry are asked about. */
#define SC_DNS_SPF_RANGES 64u     /* ip4:/ip6: mechanisms read per record; more are
                                     ignored, said so */
typedef enum sc_dns_spf_term {
	SC_DNS_SPF_NETWORK = 0,      /* a network of one operator's size */
	SC_DNS_SPF_WIDE = 1,         /* wider than /8 (IPv4) or /16 (IPv6): no one
	                                operator's network, not located */
	SC_DNS_SPF_BAD_ADDRESS = 2,  /* not an IPv4 (ip4:) or IPv6 (ip6:) address */
	SC_DNS_SPF_BAD_PREFIX = 3,   /* a prefix length that is not 0-32 / 0-128 */
} sc_dns_spf_term;
#define SC_DNS_SPF_TERM_COUNT 4
typedef struct sc_dns_spf_range {
	sc_dns_spf_term status;
	unsigned family;             /* 4 or 6 */
	unsigned prefix;             /* the prefix length (32 or 128 when none is written) */
	char first[46];              /* the network's first address, canonical ("" when malformed) */
	char network[64];            /* "198.51.100.0/24": first address and length ("" when
	                                malformed) */
	char term[72];               /* the mechanism as written, cut at 64 characters
	                                (with "...") */
} sc_dns_spf_range;
/* The ip4:/ip6: mechanisms of the SPF record txt, in order, at most max
 * (malformed ones included, with their status); *ret_more (optional)
 * receives how many more there were. 0 when txt is not an SPF record. */
size_t sc_dns_spf_ranges(const char *txt, sc_dns_spf_range *out, size_t max,
                         size_t *ret_more);
/* "network", "wide", "bad_address", "bad_prefix". */
const char *sc_dns_spf_term_to_string(sc_dns_spf_term t);

/* What a domain publishes about the services it uses, asked for each
 * domain when sc_collect_opts.discover is set (docs/probe.md): the name
 * (label + "." + domain, or the domain itself for "") and what is asked.
 * The domain's TXT (its SPF tree and verification tokens) and CAA, DMARC,
 * MTA-STS and its policy host, Autodiscover (SRV and the host name). */
typedef struct sc_dns_published {
	const char *label;
	unsigned want;
} sc_dns_published;
#define SC_DNS_PUBLISHED_COUNT 6u
extern const sc_dns_published sc_dns_published_names[SC_DNS_PUBLISHED_COUNT];

/* Returns the observation time in milliseconds since the Unix epoch. */
typedef int64_t (*sc_dns_clock_fn)(void *ctx);

typedef struct sc_dns_opts {
	unsigned jobs;               /* queries in flight (default 256) */
	unsigned query_timeout_ms;   /* per attempt (default 1500) */
	unsigned retries;            /* attempts after the first (default 2) */
	unsigned timeout_ms;         /* whole run, 0 = none (default 0) */
	uint16_t edns_udp_size;      /* EDNS0 buffer size (default 1232) */
	unsigned rcvbuf_bytes;       /* SO_RCVBUF of each UDP socket (default 1 MiB) */
	sc_dns_clock_fn clock;       /* NULL: the collector reads CLOCK_REALTIME */
	void *clock_ctx;
	/* Optional progress report: questions finished out of questions known
	 * so far (NS/MX targets add questions while running). Called from
	 * sc_dns_resolve() every 256 questions and whenever all are done. */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
} sc_dns_opts;

/* Fill opts with the defaults above. */
void sc_dns_opts_init(sc_dns_opts *opts);

typedef struct sc_dns sc_dns;
typedef struct sc_dns_result sc_dns_result;

/* New collector with no source (opts NULL = defaults). A collector with no
 * source when resolving uses the system resolver. *ret owned by the caller. */
sc_status sc_dns_new(const sc_dns_opts *opts, sc_dns **ret, sc_err *err);
void sc_dns_free(sc_dns *dns);
/* Add the system resolver: the "nameserver" lines of path (NULL =
 * /etc/resolv.conf), tried in order on each retry. */
sc_status sc_dns_add_system(sc_dns *dns, const char *path, sc_err *err);
/* Add a resolver "ADDR", "ADDR:PORT", "[V6ADDR]:PORT" or "V6ADDR" (port 53). */
sc_status sc_dns_add_resolver(sc_dns *dns, const char *addr, sc_err *err);
/* Load an authoritative zone file (ldns); origin taken from the file's SOA
 * or $ORIGIN. Errors name the file and line. */
sc_status sc_dns_add_zone(sc_dns *dns, const char *path, sc_err *err);
size_t sc_dns_source_count(const sc_dns *dns);

typedef struct sc_dns_query {
	const char *name;  /* host name, domain, or IP literal */
	unsigned want;     /* SC_DNS_WANT_* bits */
} sc_dns_query;

/* Resolve n names (at most SC_MAX_DNS_NAMES including derived NS/MX
 * targets). Per-name failures are reasons in the result, not errors; the
 * status is an error only when the run could not happen (no memory, no
 * socket, unreadable resolv.conf). *ret owned by the caller. */
sc_status sc_dns_resolve(sc_dns *dns, const sc_dns_query *queries, size_t n,
                         sc_dns_result **ret, sc_err *err);
/* Convenience for one host: A + AAAA with its CNAME chain. */
sc_status sc_dns_resolve_host(sc_dns *dns, const char *host,
                              sc_dns_result **ret, sc_err *err);
void sc_dns_result_free(sc_dns_result *res);

/* The result, read-only. Every pointer below is borrowed and valid until
 * sc_dns_result_free(). Names are lower case, without the final dot. */
typedef struct sc_dns_hop {
	const char *owner;   /* the alias */
	const char *target;  /* its canonical name */
	uint32_t ttl;
} sc_dns_hop;

typedef struct sc_dns_addr {
	int family;          /* 4 or 6 */
	const char *ip;      /* textual form */
	const char *owner;   /* the name that holds the record (end of the chain) */
	uint32_t ttl;
} sc_dns_addr;

typedef struct sc_dns_target {  /* an NS, MX or SRV record */
	const char *name;
	uint16_t preference;  /* MX preference, SRV priority, 0 for NS */
	uint16_t port;        /* SRV only, 0 otherwise */
	uint32_t ttl;
} sc_dns_target;

/* A TXT record (its character-strings joined, as RFC 7208 section 3.3
 * joins an SPF record's) or a CAA record ("FLAGS TAG VALUE"): printable
 * ASCII as is, any other byte and the backslash written \DDD (decimal, as
 * in a zone file). */
typedef struct sc_dns_text {
	const char *value;
	uint32_t ttl;
} sc_dns_text;

typedef struct sc_dns_answer {
	const char *source;        /* label: "resolver 192.0.2.1:53", "system", "zones", "literal" */
	const char *server;        /* "ADDR:PORT" that answered, a zone file, or "" */
	sc_dns_reason reason;
	int rcode;                 /* last DNS rcode seen, -1 when none */
	const char *detail;        /* human detail for a non-OK reason, or "" */
	int64_t observed_ms;       /* when the last answer was received */
	bool tcp;                  /* a truncated answer was retried over TCP */
	const sc_dns_hop *chain;   /* every CNAME hop, in order */
	size_t chain_len;
	const sc_dns_addr *addrs;  /* sorted: IPv4 before IPv6, then by address */
	size_t addr_count;
	const sc_dns_target *ns;   /* sorted by name */
	size_t ns_count;
	const sc_dns_target *mx;   /* sorted by preference, then name */
	size_t mx_count;
	const sc_dns_text *txt;    /* SC_DNS_WANT_TEXT: sorted by value */
	size_t txt_count;
	const sc_dns_text *caa;    /* SC_DNS_WANT_TEXT: sorted by value */
	size_t caa_count;
	const sc_dns_target *srv;  /* SC_DNS_WANT_SRV: by priority, then name */
	size_t srv_count;
	const char *transport;     /* "udp", "tcp" (after truncation), "zone", "none" */
} sc_dns_answer;

typedef struct sc_dns_entry {
	const char *name;
	unsigned want;               /* SC_DNS_WANT_* bits */
	bool literal;                /* an IP literal: not resolved, one answer */
	const char *const *via;      /* "ns:DOMAIN", "mx:DOMAIN", "srv:NAME" for derived
	                                targets, "spf:NAME" for a name NAME's SPF
	                                record includes or redirects to */
	size_t via_count;
	const sc_dns_answer *answers; /* one per source, in source order */
	size_t answer_count;
	bool differs;                /* sources disagree (see differences) */
	const char *differences;     /* "reason,cname,addresses,ns,mx,txt,caa,srv"
	                                subset, or "" */
} sc_dns_entry;

/* Entries sorted by name. */
size_t sc_dns_result_count(const sc_dns_result *res);
const sc_dns_entry *sc_dns_result_get(const sc_dns_result *res, size_t i);
/* Entry for a name (case-insensitive, final dot optional), or NULL. */
const sc_dns_entry *sc_dns_result_find(const sc_dns_result *res, const char *name);

/* True when every source gave a complete answer (reason SC_DNS_OK) for e;
 * false for NULL. Anything else is missing evidence (fail closed). */
bool sc_dns_entry_complete(const sc_dns_entry *e);

/* Counters of one run: what was sent and what was dropped as not acceptable. */
typedef struct sc_dns_stats {
	uint64_t queries;        /* UDP queries sent, retries included */
	uint64_t retries;
	uint64_t tcp;            /* TCP queries after a truncated answer */
	uint64_t timeouts;       /* attempts that timed out */
	uint64_t responses;      /* responses accepted */
	uint64_t dropped_source; /* from another address or port than queried */
	uint64_t dropped_id;     /* no query in flight with that ID */
	uint64_t dropped_question; /* right ID, other question */
	uint64_t malformed;      /* unparsable */
} sc_dns_stats;
const sc_dns_stats *sc_dns_result_stats(const sc_dns_result *res);

/* The result as JSON (deterministic for the same answers; the stats are
 * not included). New reference owned by the caller, NULL when out of memory. */
struct json_t *sc_dns_result_to_json(const sc_dns_result *res);
/* Rebuild a result from that JSON form (the DNS part of an earlier evidence
 * bundle: the offline source). Every field is checked — types, names,
 * addresses, TTLs, the limits of sc-limits.h — and an error names the JSON
 * path (SC_ERR_INVALID, SC_ERR_LIMIT). Differences between sources are
 * recomputed from the answers. *ret owned by the caller; stats are zero. */
sc_status sc_dns_result_from_json(const struct json_t *json, sc_dns_result **ret,
                                  sc_err *err);

/* ----------------------------------------------------------------- tls */
/* Owned by core/collect/tls/: tls.c (context, results), tls-capture.c (live
 * handshakes), tls-pem.c (PEM files), tls-json.c (bundles) and x509.c
 * (certificate analysis). */

/* Outcome of one capture. Append-only; sc_tls_reason_to_string() gives the
 * stable spelling used in evidence ("ok", "connect_refused", …). Anything
 * but SC_TLS_OK means the chain is missing or not usable: requirements that
 * need it become unknown, never pass. */
typedef enum sc_tls_reason {
	SC_TLS_OK = 0,                /* handshake done, chain captured */
	SC_TLS_CONNECT_REFUSED = 1,   /* nothing listens on the port */
	SC_TLS_CONNECT_TIMEOUT = 2,   /* no answer to the TCP connect in time */
	SC_TLS_CONNECT_FAILED = 3,    /* unreachable, no route, other socket error */
	SC_TLS_RESET = 4,             /* peer reset or closed during the handshake */
	SC_TLS_HANDSHAKE_TIMEOUT = 5, /* connected, but the handshake stalled */
	SC_TLS_NOT_TLS = 6,           /* the peer speaks something that is not TLS */
	SC_TLS_HANDSHAKE_FAILED = 7,  /* TLS alert or protocol error */
	SC_TLS_CHAIN_TOO_LONG = 8,    /* more than SC_MAX_CHAIN_CERTS certificates */
	SC_TLS_MALFORMED_CERT = 9,    /* a certificate does not parse (DER/PEM) */
	SC_TLS_NO_CERT = 10,          /* the peer or file presented no certificate */
	SC_TLS_STARTTLS_FAILED = 11,  /* SMTP dialogue did not reach STARTTLS 220 */
	SC_TLS_BAD_TARGET = 12,       /* address is not an IP literal, port 0, bad name */
	SC_TLS_NO_SOURCE = 13,        /* PEM source: no HOST.pem for this host */
	SC_TLS_INTERNAL = 14,         /* out of memory or a local resource limit */
} sc_tls_reason;
#define SC_TLS_REASON_COUNT 15

const char *sc_tls_reason_to_string(sc_tls_reason r);
bool sc_tls_reason_from_string(const char *s, sc_tls_reason *ret_r);

typedef struct sc_tls_opts {
	unsigned jobs;                 /* concurrent handshakes; 0 = 64 */
	unsigned connect_timeout_ms;   /* 0 = 5000 */
	unsigned handshake_timeout_ms; /* after connect, incl. STARTTLS; 0 = 10000 */
	const char *trust_file;        /* PEM roots; NULL and trust_dir NULL: system store */
	const char *trust_dir;         /* c_rehash'ed directory of roots */
	bool trust_system;             /* the system store too, besides the files */
	const char *const *trust_files; /* more PEM files of roots */
	size_t ntrust_files;
	unsigned threads;              /* event loops in parallel threads; 0 = 1 */
} sc_tls_opts;

typedef struct sc_tls_target {
	const char *host;      /* SNI and name check; NULL or an IP literal: no SNI */
	const char *address;   /* IPv4/IPv6 literal to connect to; NULL: host */
	uint16_t port;
	bool starttls_smtp;    /* SMTP: EHLO, STARTTLS, then the handshake */
} sc_tls_target;

/* Capture context: one SSL_CTX and one trust store, reused by every
 * handshake (and by every capture thread). One caller at a time. */
typedef struct sc_tls sc_tls;
typedef struct sc_tls_result sc_tls_result;
typedef struct sc_tls_results sc_tls_results;
typedef struct sc_cert sc_cert;

/* New context; the trust store is loaded once here (SC_ERR_TLS / SC_ERR_IO
 * with OpenSSL's reason in err). *ret owned by the caller. */
sc_status sc_tls_new(const sc_tls_opts *opts, sc_tls **ret, sc_err *err);
void sc_tls_free(sc_tls *tls);

/* Handshake with every target concurrently (at most opts.jobs at once),
 * each bounded by the connect and handshake timeouts. Per-target failures
 * are results with a reason, not errors; the status is an error only when
 * the run itself cannot proceed (no memory, no epoll). *ret holds one result
 * per target, in the order of targets, and is owned by the caller. */
sc_status sc_tls_capture(sc_tls *tls, const sc_tls_target *targets, size_t n,
                         sc_tls_results **ret, sc_err *err);
void sc_tls_results_free(sc_tls_results *rs);
size_t sc_tls_results_count(const sc_tls_results *rs);
/* Borrowed: valid until sc_tls_results_free(). */
const sc_tls_result *sc_tls_results_get(const sc_tls_results *rs, size_t i);

/*
 * Offline source: the chain in a PEM file (leaf first; DER with one
 * certificate is accepted too). If path is a directory, HOST.pem in it is
 * read; a missing file is a result with SC_TLS_NO_SOURCE. Validity and
 * trust are judged at time `at` (0: now). With a host, the chain is judged
 * as that server's (the serverAuth purpose); without one, a chain that
 * starts at a CA certificate (an intermediate and its issuers) is verified
 * as that CA's chain. Unparsable content is a result
 * with SC_TLS_MALFORMED_CERT; only an unreadable file or directory is an
 * error (SC_ERR_IO, SC_ERR_LIMIT above SC_MAX_PEM_FILE_BYTES).
 * *ret owned by the caller: sc_tls_result_free().
 */
sc_status sc_tls_pem_load(sc_tls *tls, const char *path, const char *host,
                          int64_t at, sc_tls_result **ret, sc_err *err);
/* Frees a result from sc_tls_pem_load() only (results of a capture belong
 * to their sc_tls_results). */
void sc_tls_result_free(sc_tls_result *r);

/* Result accessors; strings borrowed from r, NULL when absent. */
sc_tls_reason sc_tls_result_reason(const sc_tls_result *r);
const char *sc_tls_result_detail(const sc_tls_result *r);   /* why, in words */
const char *sc_tls_result_host(const sc_tls_result *r);
const char *sc_tls_result_address(const sc_tls_result *r);
uint16_t sc_tls_result_port(const sc_tls_result *r);
bool sc_tls_result_starttls(const sc_tls_result *r);
const char *sc_tls_result_source(const sc_tls_result *r);   /* "live" or the file */
int64_t sc_tls_result_observed(const sc_tls_result *r);     /* Unix time, UTC */
const char *sc_tls_result_protocol(const sc_tls_result *r); /* "TLSv1.3" */
const char *sc_tls_result_cipher(const sc_tls_result *r);
/* Chain verification against the trust store (X509_V_* code and
 * X509_verify_cert_error_string()); code 0 = trusted. */
bool sc_tls_result_verified(const sc_tls_result *r);
long sc_tls_result_verify_code(const sc_tls_result *r);
const char *sc_tls_result_verify_string(const sc_tls_result *r);
/* Leaf matches the target host (RFC 6125); false when there is no host. */
bool sc_tls_result_name_match(const sc_tls_result *r);
/* Number of certificates the peer presented (may exceed what is kept). */
size_t sc_tls_result_presented(const sc_tls_result *r);
/* Kept certificates: the presented ones (at most SC_MAX_CHAIN_CERTS), leaf
 * first, then those the trust store added to complete the chain. */
size_t sc_tls_result_cert_count(const sc_tls_result *r);
const sc_cert *sc_tls_result_cert(const sc_tls_result *r, size_t i);
/* Whether kept certificate i was added by the trust store (the peer or
 * file did not present it). A certificate's analysis is shared by every
 * result that holds it; this belongs to the chain. */
bool sc_tls_result_cert_from_store(const sc_tls_result *r, size_t i);

/* Hosts a client contacts to check the chain (RFC 5280 §4.2.2.1 AIA,
 * §4.2.1.13 CRL distribution points), unique and sorted by host, kind. */
typedef enum sc_cert_dep_kind {
	SC_CERT_DEP_OCSP = 0,
	SC_CERT_DEP_CA_ISSUERS = 1,
	SC_CERT_DEP_CRL = 2,
} sc_cert_dep_kind;
const char *sc_cert_dep_kind_to_string(sc_cert_dep_kind k);
size_t sc_tls_result_dep_count(const sc_tls_result *r);
/* Host name of dependency i; *ret_kind (optional) receives its kind. */
const char *sc_tls_result_dep(const sc_tls_result *r, size_t i,
                              sc_cert_dep_kind *ret_kind);

/* Certificate accessors; strings borrowed from c. DNs are RFC 4514 strings
 * ("CN=R11,O=Let's Encrypt,C=US"); attribute getters return the first value
 * of CN/O/OU/C or NULL. */
const char *sc_cert_subject(const sc_cert *c);
const char *sc_cert_issuer(const sc_cert *c);
const char *sc_cert_subject_attr(const sc_cert *c, const char *name); /* "CN","O","OU","C" */
const char *sc_cert_issuer_attr(const sc_cert *c, const char *name);
size_t sc_cert_san_count(const sc_cert *c);
const char *sc_cert_san(const sc_cert *c, size_t i);  /* DNS name or IP literal */
int64_t sc_cert_not_before(const sc_cert *c);         /* Unix time, UTC */
int64_t sc_cert_not_after(const sc_cert *c);
const char *sc_cert_key_type(const sc_cert *c);       /* "RSA", "EC", "ED25519"… */
unsigned sc_cert_key_bits(const sc_cert *c);
const char *sc_cert_sig_alg(const sc_cert *c);        /* "ecdsa-with-SHA256" */
const char *sc_cert_sha256(const sc_cert *c);         /* 64 lower-case hex */
/* SHA-256 of the DER subject followed by the DER SubjectPublicKeyInfo, 64
 * lower-case hex ("" if it could not be computed): the CCADB's "Subject +
 * SPKI SHA256", the same for every certificate of one CA's name and key. */
const char *sc_cert_subject_spki(const sc_cert *c);
const char *sc_cert_serial(const sc_cert *c);         /* hex */
bool sc_cert_self_signed(const sc_cert *c);
bool sc_cert_is_ca(const sc_cert *c);
/* SANs or URLs beyond SC_MAX_CERT_SANS / SC_MAX_CERT_URLS were not kept. */
bool sc_cert_truncated(const sc_cert *c);
/* URLs of kind k in the certificate (AIA OCSP / CA issuers, CRL DP). */
size_t sc_cert_url_count(const sc_cert *c, sc_cert_dep_kind k);
const char *sc_cert_url(const sc_cert *c, sc_cert_dep_kind k, size_t i);

/* The result as a jansson object (struct json_t, i.e. json_t) for the
 * evidence writer: target, status, reason, protocol, cipher, verification,
 * chain with every analysed certificate (DER in base64) and dependencies.
 * Owned by the caller (json_decref). NULL on out of memory. */
struct json_t *sc_tls_result_to_json(const sc_tls_result *r);

/* The third source: a result read back from sc_tls_result_to_json()
 * output (an earlier evidence bundle). Target, status, detail, protocol,
 * cipher, observation time, verification and name check are taken as
 * recorded; the certificates are decoded from their DER and analysed again.
 * A member of the wrong type, an unknown status, a DER that does not decode
 * or more than 2 x SC_MAX_CHAIN_CERTS certificates is SC_ERR_CORRUPT.
 * *ret owned by the caller: sc_tls_result_free(). */
sc_status sc_tls_result_from_json(const struct json_t *j, sc_tls_result **ret, sc_err *err);

/* ----------------------------------------------------------------- geo */
/* Owned by core/collect/geo/: geo.c (reader), geo-build.c and mmdb-write.c
 * (the builder behind `sovcheck geodb build`). */

/* A set of MaxMind-format databases, consulted in order of precedence:
 * for each field (country, ASN) the first database that has it answers. */
typedef struct sc_geo sc_geo;

typedef struct sc_geo_answer {
	bool found_country;          /* false: no database knows it -> unknown */
	char country[3];             /* ISO 3166-1 alpha-2 */
	const char *country_source;  /* borrowed: label of the database that said so
	                                (which input of it decided: its
	                                sc_geo_source, sc_geo_lookup_sources()) */
	bool found_asn;
	uint32_t asn;
	char as_org[256];            /* autonomous_system_organization, may be "" */
	const char *asn_source;      /* borrowed: label of the database that said so */
	char network[64];            /* the matching prefix, e.g. "15.236.0.0/15" */
} sc_geo_answer;

/* How many databases one set holds at most (SC_MAX_GEODBS), so that a
 * caller can size the answers of sc_geo_lookup_sources(). */
#define SC_GEO_MAX_DBS 16u

/* Open databases (first = highest precedence). A corrupt or truncated file
 * is SC_ERR_CORRUPT with the file named in err. *ret owned by the caller. */
sc_status sc_geo_open(const char *const *paths, size_t n, sc_geo **ret, sc_err *err);
void sc_geo_close(sc_geo *geo);
/* Look up an IPv4 or IPv6 literal. "Not found" is SC_OK with
 * found_country/found_asn false — never an error, never a pass. A malformed
 * literal is SC_ERR_INVALID. */
sc_status sc_geo_lookup(const sc_geo *geo, const char *ip, sc_geo_answer *ret, sc_err *err);

/* What one database of the set says of an address. */
typedef struct sc_geo_source {
	size_t db;                   /* its index in the set (precedence order) */
	bool found_country;
	char country[3];
	bool found_asn;
	uint32_t asn;
	char as_org[256];            /* may be "" */
	unsigned prefix_len;         /* of the network that matched */
	char network[64];            /* that network, "192.0.2.0/24" */
	/* How specific the data behind each field is, as a prefix length of the
	 * address's family: in a database built by sovcheck, the length of the
	 * range of the input that decided the field (its record says; a range
	 * that is not a prefix counts as the largest prefix of its size); in
	 * any other database, prefix_len. */
	unsigned country_prefix_len, asn_prefix_len;
	/* Borrowed, valid until sc_geo_close(): in a database built by sovcheck,
	 * the input that decided each field (its sovcheck_sources entry); NULL
	 * otherwise. */
	const char *country_input, *asn_input;
} sc_geo_source;
/* Every database's answer, not only the first: *ret as sc_geo_lookup()
 * gives it, and in ret_src[0..*ret_n) one entry per database that knows
 * something of ip (at most max; the set holds at most SC_MAX_GEODBS). Two
 * entries with different countries are a disagreement the caller must not
 * settle by precedence: sc_geo_decide() is the rule. */
sc_status sc_geo_lookup_sources(const sc_geo *geo, const char *ip, sc_geo_answer *ret,
                                sc_geo_source *ret_src, size_t max, size_t *ret_n,
                                sc_err *err);
/* Lookups keep each database record's fields, decoded and checked once, in
 * a per-thread cache keyed by the record (addresses of one network, and
 * networks sharing a record, then cost a tree walk and a copy). How many
 * records this thread's lookups met, and how many were in the cache. */
void sc_geo_cache_stats(uint64_t *ret_hits, uint64_t *ret_lookups);

/* The databases of a set, in precedence order, for reports (docs/outputs.md:
 * build date, sources, age). Strings are borrowed: valid until
 * sc_geo_close(). i must be < sc_geo_db_count(). */
size_t sc_geo_db_count(const sc_geo *geo);
const char *sc_geo_db_label(const sc_geo *geo, size_t i);       /* file name */
const char *sc_geo_db_path(const sc_geo *geo, size_t i);
const char *sc_geo_db_type(const sc_geo *geo, size_t i);        /* database_type */
/* English description (ours: sources and licences, the attribution text
 * reports must carry), else the first description, else "". */
const char *sc_geo_db_description(const sc_geo *geo, size_t i);
/* SHA-256 of the database file, 64 lower-case hex digits. */
const char *sc_geo_db_sha256(const sc_geo *geo, size_t i);
/* build_epoch of the metadata as YYYY-MM-DD (UTC). */
void sc_geo_db_build_date(const sc_geo *geo, size_t i, char ret_date[11]);
/* Date of the data: the source data date our builder records
 * (sovcheck_data_epoch), else build_epoch, as YYYY-MM-DD (UTC). */
void sc_geo_db_data_date(const sc_geo *geo, size_t i, char ret_date[11]);
/* Age in days of the data on the given date (injected, never the clock);
 * negative when the data is dated after it. */
long sc_geo_db_age_days(const sc_geo *geo, size_t i, int year, int month, int day);
/* Reports flag a database whose data is older than this (docs/outputs.md). */
#define SC_GEO_STALE_DAYS 90

/* Metadata of one MaxMind-format database, for `sovcheck geodb info`.
 * Text fields are cut (ending in "...") if longer than their buffer. */
typedef struct sc_geodb_info {
	uint64_t file_size;
	char database_type[128];
	unsigned ip_version, record_size, format_major, format_minor;
	uint32_t node_count;
	uint64_t build_epoch;
	uint64_t data_epoch;        /* 0: not recorded (not built by sovcheck) */
	char languages[128];        /* space-separated */
	char description[4096];     /* "en", else the first one */
	char sources[4096];         /* sovcheck_sources, one per line, or "" */
	bool has_counts;            /* sovcheck_counts present */
	uint64_t country_ranges, asn_ranges, geofeed_prefixes, networks, records;
} sc_geodb_info;

/* Open path with libmaxminddb and fill *ret. SC_ERR_CORRUPT for a file
 * that is not a valid MaxMind DB, SC_ERR_IO when it cannot be read. */
sc_status sc_geodb_info_load(const char *path, sc_geodb_info *ret, sc_err *err);

/* Builder (core/collect/geo/geo-build.c): merge inputs into one MaxMind DB (format 2.0,
 * ip_version 6, IPv4 at ::/96 with the ::ffff:0:0/96 and 2002::/16
 * aliases), records {country.iso_code, autonomous_system_number,
 * autonomous_system_organization}.
 *
 * Precedence: for each field, a later CSV/MMDB input overrides an earlier
 * one where both have data, and within a file a later line overrides an
 * earlier one; geofeeds (RFC 8805) override every other input's country. */
typedef enum sc_geodb_input_kind {
	SC_GEODB_CSV = 0,       /* start,end,country | start,end,asn,org (text or numeric) */
	SC_GEODB_MMDB = 1,      /* any MaxMind DB with country and/or ASN fields */
	SC_GEODB_GEOFEED = 2,   /* RFC 8805: prefix,country,region,city,postal */
} sc_geodb_input_kind;

typedef struct sc_geodb_input {
	sc_geodb_input_kind kind;
	const char *path;
	const char *source;     /* attribution (name, licence), may be NULL */
} sc_geodb_input;

typedef struct sc_geodb_build_opts {
	const sc_geodb_input *inputs;
	size_t n_inputs;
	uint64_t build_epoch;   /* metadata build_epoch (injected by the caller) */
	uint64_t data_epoch;    /* date of the source data; 0: the oldest MMDB
	                           input's data date, else build_epoch */
	unsigned record_size;   /* 0: the smallest that fits; 24, 28, 32: at least */
} sc_geodb_build_opts;

typedef struct sc_geodb_stats {
	size_t lines;               /* data lines read from CSV and geofeeds */
	size_t mmdb_networks;       /* data networks read from MMDB inputs */
	size_t skipped;             /* unknown country (??, ZZ, not ISO), ASN 0 */
	size_t geofeed_invalid;     /* RFC 8805 entries discarded (section 3) */
	size_t country_ranges;      /* after merging, disjoint */
	size_t asn_ranges;
	size_t geofeed_prefixes;
	size_t networks;            /* prefixes in the search tree */
	size_t records;             /* distinct data records */
	size_t nodes;
	unsigned record_size;
	size_t bytes;
} sc_geodb_stats;

/* Build out_path (written atomically). A malformed input line is
 * SC_ERR_PARSE with file and line in err; a corrupt MMDB input is
 * SC_ERR_CORRUPT. ret_stats may be NULL. */
sc_status sc_geodb_build(const sc_geodb_build_opts *opts, const char *out_path,
                         sc_geodb_stats *ret_stats, sc_err *err);

/* ------------------------------------------------------------- collect */
/* Owned by core/collect/collect.c (the stage), evidence.c (its product) and
 * bundle.c (evidence.json). */

/* Evidence of one run: DNS answers for every endpoint, subcontractor host and
 * domain (and the hosts certificates point to), TLS chains per endpoint, the
 * geolocation answer of every address and the databases consulted. */
typedef struct sc_evidence sc_evidence;

typedef void (*sc_progress_fn)(void *ctx, const char *stage, size_t done, size_t total);

typedef struct sc_collect_opts {
	bool offline;                     /* no live DNS/TLS: offline sources only */
	const char *const *resolvers;     /* ADDR[:PORT]; none: the system resolver */
	size_t nresolvers;
	const char *const *zones;         /* zone files, besides sources.zones */
	size_t nzones;
	const char *chains_dir;           /* HOST.pem files; overrides sources.chains */
	const char *const *trust;         /* PEM files of trust anchors, besides the
	                                     system store and sources.trust */
	size_t ntrust;
	unsigned jobs;                    /* 0: defaults of the collectors */
	unsigned tls_threads;             /* TLS event loops in parallel; 0: 1 */
	unsigned timeout_s;               /* whole-run DNS timeout, 0: none */
	bool discover;                    /* also what each domain publishes
	                                     (sc_dns_published_names) */
	int64_t at;                       /* time certificates are judged at (0: now) */
	const char *date;                 /* the run's evaluation date, YYYY-MM-DD
	                                     (recorded in the bundle); required */
	const sc_geo *geo;                /* databases every address is located
	                                     with; NULL: locations unknown */
	sc_progress_fn progress;          /* optional */
	void *progress_ctx;
} sc_collect_opts;

/* Collect the evidence a manifest calls for: DNS answers, TLS chains and
 * the geolocation answer of every collected address. Per-item failures are
 * evidence with a reason; the status is an error only when the run cannot
 * proceed (an unreadable zone file is SC_ERR_INVALID with its position, a
 * geolocation database that cannot be read SC_ERR_CORRUPT). */
sc_status sc_collect(const sc_manifest *m, const sc_collect_opts *opts,
                     sc_evidence **ret, sc_err *err);
void sc_evidence_free(sc_evidence *ev);
/* Whether DNS / TLS evidence was collected at all in this run. */
bool sc_evidence_has_dns(const sc_evidence *ev);
bool sc_evidence_has_tls(const sc_evidence *ev);
/* The TLS results of the evidence, one per endpoint (and address); the
 * endpoint's host in *ret_host. NULL when i is out of range. */
size_t sc_evidence_tls_count(const sc_evidence *ev);
/* The DNS answers of the evidence (NULL when none were collected). */
const sc_dns_result *sc_evidence_dns(const sc_evidence *ev);
const sc_tls_result *sc_evidence_tls(const sc_evidence *ev, size_t i, const char **ret_host);
/* Whether the evidence was collected with --offline (recorded in bundles). */
bool sc_evidence_offline(const sc_evidence *ev);
/* The evaluation date the evidence was collected for (YYYY-MM-DD). */
const char *sc_evidence_date(const sc_evidence *ev);
/* Write evidence.json from the evidence alone: the manifest text, every DNS
 * answer, TLS chain (each certificate once, keyed by its SHA-256) and
 * geolocation answer, the sources they came from, and an integrity digest
 * (schema version 2, docs/checks.md); atomically, streamed into the file
 * as it is serialised. */
sc_status sc_evidence_write_json(const sc_evidence *ev, const char *path, sc_err *err);
/*
 * Load an evidence bundle written by sc_evidence_write_json() (schema
 * version 2, or 1 as sovcheck wrote before): its SHA-256
 * integrity digest is checked first (a modified bundle is SC_ERR_CORRUPT),
 * then the manifest it carries is parsed (problems go to diags), and the
 * DNS answers, TLS chains and recorded geolocation are rebuilt as offline
 * evidence. *ret_date receives the bundle's evaluation date. A graph built
 * from this evidence with no geodb uses the recorded geolocation.
 */
sc_status sc_evidence_load_json(const char *path, sc_diags *diags, sc_manifest **ret_m,
                                sc_evidence **ret_ev, char ret_date[11], sc_err *err);
/* ========================================================== attribute */
/* ---------------------------------------------------------------- graph */
/* Owned by core/attribute/graph.c: the product of the attribute stage. */

/* The dependency graph: every observed name, address and certificate,
 * located (geodb) and attributed (registry) up to its ultimate controller,
 * with the paths ("via") that lead to it from the manifest. */
typedef struct sc_graph sc_graph;
/* Attribution reads only the evidence (locations as collected) and the
 * registry: reg may be NULL (controllers unknown). The graph borrows m, ev
 * and reg: they must outlive it. */
sc_status sc_graph_build(const sc_manifest *m, const sc_evidence *ev,
                         const sc_registry *reg, sc_graph **ret, sc_err *err);
void sc_graph_free(sc_graph *g);
size_t sc_graph_dependency_count(const sc_graph *g);
size_t sc_graph_operator_count(const sc_graph *g);

/* ------------------------------------------------------ geolocation rule */
/* Owned by core/attribute/graph.c: what the answers of several geolocation
 * databases make of one field (the country, or the AS) of one address — the
 * rule the dependency graph and `lookup` both apply (docs/checks.md
 * "Partial and disagreeing evidence"). Precedence never settles a
 * disagreement; specificity may. */

/* One database's answer for the field. */
typedef struct sc_geo_claim {
	bool found;                 /* it gave the field */
	uint32_t value;             /* a country as 'F' << 8 | 'R', or an AS number */
	unsigned prefix_len;        /* how specific its data is (sc_geo_source's
	                               country_prefix_len / asn_prefix_len; 0 when
	                               not recorded: least specific) */
} sc_geo_claim;

typedef enum sc_geo_outcome {
	SC_GEO_NONE = 0,            /* no database gave the field: unknown */
	SC_GEO_AGREED = 1,          /* every one that gave it gives the same value */
	SC_GEO_SETTLED = 2,         /* they disagree, and one whose data is strictly
	                               more specific than every disagreeing one's
	                               decides */
	SC_GEO_CONFLICT = 3,        /* they disagree and none is: unknown */
} sc_geo_outcome;
const char *sc_geo_outcome_to_string(sc_geo_outcome o);  /* "none", "agreed", … */

typedef struct sc_geo_decision {
	sc_geo_outcome outcome;
	size_t by;                  /* AGREED: the first claim that gave the value;
	                               SETTLED: the claim that decided (the first of
	                               the most specific); CONFLICT: the first of the
	                               most specific claims */
	size_t against;             /* SETTLED: the most specific claim it overrules;
	                               CONFLICT: a claim as specific as `by` that
	                               disagrees with it; else == by */
} sc_geo_decision;

/* Decide one field from claims[0..n) (in the databases' order). Never
 * fails; NONE for n == 0. */
void sc_geo_decide(const sc_geo_claim *claims, size_t n, sc_geo_decision *ret);

/* ---------------------------------------------------------- attribution */
/* Owned by core/attribute/attribute.c: who operates an address or a name
 * and who ultimately controls it, through the registry (docs/architecture.md
 * attribute). The dependency graph and `lookup` both call these. */

typedef enum sc_match_kind {
	SC_MATCH_NONE = 0,
	SC_MATCH_ASN = 1,           /* the address's origin AS */
	SC_MATCH_CNAME_SUFFIX = 2,  /* host name or CNAME target suffix */
	SC_MATCH_NS_SUFFIX = 3,     /* name server suffix */
	SC_MATCH_MX_SUFFIX = 4,     /* mail exchanger suffix */
	SC_MATCH_PREFIX = 5,        /* a network prefix the operator publishes */
	SC_MATCH_TXT_SUFFIX = 6,    /* SPF include / DMARC report address suffix */
	SC_MATCH_VERIFICATION = 7,  /* a domain-verification TXT token */
	SC_MATCH_CAA = 8,           /* a CAA issuer domain name */
} sc_match_kind;
const char *sc_match_kind_to_string(sc_match_kind k);  /* "asn", "cname-suffix", … */

typedef struct sc_attribution {
	const sc_entity *op;        /* the operator; NULL: the registry knows none */
	sc_match_kind matched_by;
	char match[300];            /* "AS16509", "amazonaws.com (of x.s3.amazonaws.com)" */
	const char *suffix;         /* the suffix that matched (borrowed), or NULL */
	const sc_entity *controller; /* ultimate parent; NULL: unknown (broken chain) */
	bool chain_cycle;           /* the parent chain loops or is too deep */
	bool anycast;               /* the operator serves from anycast addresses */
} sc_attribution;

/* An address: by its origin AS (found_asn, asn: from its geolocation
 * answer) first; then by a network prefix an entity publishes as its own
 * (ip may be NULL: skipped) — for ranges the public ASN data misses; then,
 * when names are given, by the DNS suffix of the names that led to it, the
 * last one (the last CNAME target) first. reg may be NULL (nothing found).
 * Never fails. */
void sc_attribute_address(const sc_registry *reg, const char *ip, bool found_asn, uint32_t asn,
                          const char *const *names, size_t nnames, sc_attribution *ret);
/* A name, by the longest registry suffix of kind. */
void sc_attribute_name(const sc_registry *reg, sc_suffix_kind kind, const char *name,
                       sc_attribution *ret);

/* The issuing CA's owner (core/attribute/attribute.c), through the
 * registry — only for a chain that verifies to a trust anchor (the system
 * store, or a --trust file for a private PKI): any server can write any
 * CA's name into a certificate of its own, so an unverified chain has no
 * owner (found false, verified false, verify_error saying why). In a
 * verified chain, the chain is walked from the CA that issued the leaf (a
 * lone self-signed CA is its own issuer) up to the root, and the first CA
 * certificate the registry's CA index knows decides — by its SHA-256, else
 * by its subject and key (a cross-signed or re-issued copy of the same CA);
 * an externally operated CA goes to its operator. Then the root
 * fingerprints entities declare, and only then the issuer organisation
 * names (O=) — that last match is flagged inferred. found false with
 * verified true: nothing matched. */
typedef struct sc_tls_owner {
	bool found;
	bool verified;              /* the chain verified to a trust anchor */
	char verify_error[160];     /* why not, when it did not */
	const sc_entity *owner;     /* who runs the issuing CA (its operator);
	                               borrowed from the registry */
	const sc_entity *ca_owner;  /* the root program's CA owner when another
	                               company operates the CA for it, else NULL */
	const sc_entity *ultimate;  /* sc_entity_ultimate(owner) */
	const char *country;        /* ultimate's home country, may be NULL */
	const char *matched_by;     /* "certificate", "subject+key", "root
	                               fingerprint" or "issuer name" (static) */
	bool inferred;              /* by a name only: a guess, said so */
	bool hierarchy;             /* matched a CA above the issuing one (which
	                               the index does not list) */
	size_t cert_index;          /* certificate that matched */
	char path[512];             /* "R11 → ISRG Root X1" (issuing CA up to the root) */
	char history[512];          /* ownership or control changes within the
	                               matched CA certificate's validity, or "" */
	char summary[1024];         /* "issued by R11 → ISRG Root X1, owner …, US" */
} sc_tls_owner;

sc_status sc_tls_result_owner(const sc_tls_result *r, const sc_registry *reg,
                              sc_tls_owner *ret, sc_err *err);
/* {"found", "verified", "verify_error", "owner", "owner_id", "ca_owner",
 * "ca_owner_id", "ultimate", "ultimate_id", "ultimate_control" (how the
 * ultimate is held, null when the registry does not say), "ultimate_holders"
 * (sc_entity_holders_to_json()), "country", "matched_by",
 * "inferred", "hierarchy", "path", "history", "summary"}; owned by the
 * caller. */
struct json_t *sc_tls_owner_to_json(const sc_tls_owner *o);
/* e's holders in force as a JSON array of {name, country, capital,
 * voting, controlling, as_of, from, until} (null for what the registry
 * does not give); JSON null when it names none. New reference. */
struct json_t *sc_entity_holders_to_json(const sc_entity *e);
/* One holder as such an object. New reference, NULL when out of memory. */
struct json_t *sc_holder_to_json(const sc_holder *h);
/* §19.6.c's judgement of where e's ultimate controller is controlled from,
 * against the country set set_id of pack ("EU27"): 1 from inside (seated
 * in the set and held from it), 0 from outside (seated outside, or held
 * from outside — holding companies of the registry followed), -1 when it
 * cannot be judged (no controller or country, how it is held not settled,
 * no such set). *ret_by and *ret_by_country (optional; NULL when seated
 * outside or not judged): who holds it from outside — the controlling
 * holder, or whoever controls that holding company. Borrowed. */
int sc_entity_controlled_from_set(const sc_entity *e, const sc_pack *pack, const char *set_id,
                                  const char **ret_by, const char **ret_by_country);
/* How every JSON output writes a real number (a flag of jansson's
 * json_dumps(), for files that include jansson.h): 15 significant digits,
 * so that a share of 94.17 % is written 94.17 and not as the 17 digits of
 * its binary value. */
#define SC_JSON_REAL JSON_REAL_PRECISION(15)

/* =========================================================== evaluate */
/* Owned by core/evaluate/: eval.c (the stage), eval-*.c (the checks) and
 * result.c (its product). */

typedef struct sc_result sc_result;

typedef struct sc_eval_opts {
	int year, month, day;   /* evaluation date (injected, never the clock) */
	bool offline;           /* the run was --offline (said so in reasons) */
	const sc_graph *graph;  /* observed evidence; NULL: observed checks -> unknown */
	const sc_graph *baseline; /* an earlier run (--baseline) for 19.6.f, or NULL;
	                             built with the same registry as graph */
	bool document;          /* the run writes the §5.3.d residual-risk document */
	const struct sc_risks *risks; /* the register (assess runs first): §5.3.d
	                             and §5.3.g judge its decisions; NULL: unknown */
	const struct sc_ledger *ledger; /* with a baseline: the §19.6.f notices,
	                             updated with this run's changes */
	bool kept_ledger;       /* the ledger is kept across runs (--state) */
} sc_eval_opts;

/*
 * Evaluate the pack over the manifest (and, later, the evidence). Pure:
 * no I/O, no clock. On success *ret is owned by the caller.
 */
sc_status sc_eval(const sc_manifest *m, const sc_pack *pack,
                  const sc_eval_opts *opts, sc_result **ret, sc_err *err);
/* Warnings (file:line:col, rule "control") for the declared subcontractors,
 * at any depth, seated in the pack's EU27 whose control is not
 * established: no parent_country declared, and no registry entity of their
 * name (the warning names the entity the name begins with, if any) or one
 * whose control the registry leaves open; and for those declared in the
 * EU27 that the registry records as controlled from outside (docs/checks.md,
 * "Access paths and mitigations"). Returns how many. */
size_t sc_control_warnings(const sc_manifest *m, const sc_registry *reg, const sc_pack *pack,
                           sc_diags *diags);
void sc_result_free(sc_result *r);
size_t sc_result_count(const sc_result *r, sc_verdict v);
/* Exit code (sovcheck(1), EXIT STATUS): 0 all pass, 1 any fail, 2 unknown, no fail. */
int sc_result_exit_code(const sc_result *r);
/* Verdict of one requirement; SC_ERR_NOTFOUND if the pack has no such id. */
sc_status sc_result_requirement(const sc_result *r, const char *id, sc_verdict *ret);
/* The packs judged: one, or each pack of a pack list, in order. Pack i's
 * id, verdict (the worst of its requirements) and, for a scored pack, its
 * weighted score out of 100 (else -1); false past the last. */
size_t sc_result_pack_count(const sc_result *r);
bool sc_result_pack(const sc_result *r, size_t i, const char **ret_id, sc_verdict *ret_verdict,
                    double *ret_score);
/* The level (SEAL 0-4) a scored requirement reached, and in *ret_minimum
 * the level it needs; -1 for a requirement that is not scored. */
int sc_result_level(const sc_result *r, const char *id, int *ret_minimum);
/* The findings of one requirement, read-only (strings borrowed from r). */
typedef struct sc_finding_view {
	const char *subject;
	sc_verdict verdict;
	const char *reason;
	const char *computation;    /* NULL when none */
} sc_finding_view;
/* Number of findings of requirement id (0 if the pack has no such id). */
size_t sc_result_finding_count(const sc_result *r, const char *id);
/* Finding i of requirement id into *ret; false if there is none. (A
 * reason the result keeps as a message is rendered on the first call and
 * kept with r.) */
bool sc_result_finding(const sc_result *r, const char *id, size_t i, sc_finding_view *ret);

/* ============================================================= assess */
/* Owned by core/assess/risk.c: the residual-risk register. */

typedef struct sc_risks sc_risks;
/*
 * Assess (docs/architecture.md, docs/checks.md "Residual risks"): every
 * non-EU nexus of the service — third parties seated or controlled outside
 * the EU at every level whatever their declared data access, shareholders
 * outside it even under the caps, links with non-EU public bodies, support
 * staff, data located or traffic transiting outside it — becomes a
 * residual-risk entry with a stable id (R-CC-name-nexus): the laws of that
 * country that reach it through that nexus, its access paths, the data it
 * could reach, the mitigations that name it and what each does, the
 * decision recorded for it (risk_treatments), likelihood, severity and
 * residual level, with every input shown; and the register's digest. It
 * runs before evaluation (§5.3.d and §5.3.g judge it). Pure. The register
 * borrows m, g and laws (laws may be NULL: no law is matched): keep them
 * until sc_risks_free().
 */
sc_status sc_assess(const sc_manifest *m, const sc_pack *pack, const sc_graph *g,
                    const sc_laws *laws, sc_risks **ret, sc_err *err);
void sc_risks_free(sc_risks *rs);
size_t sc_risks_count(const sc_risks *rs);

/* ============================================================= filing */
/* Owned by core/filing/filing.c: the pipeline after collection, assembled
 * once for `check`, `report` and `diff`: attribute → evaluate → assess. */

typedef struct sc_filing sc_filing;

typedef struct sc_filing_opts {
	int year, month, day;          /* evaluation date (never the clock) */
	bool document;                 /* the run writes the §5.3.d document */
	const sc_filing *baseline;     /* an earlier run (--baseline) for 19.6.f,
	                                  built with the same registry; or NULL */
	struct sc_ledger *ledger;      /* the §19.6.f notices kept across runs
	                                  (--state), updated by the build; NULL:
	                                  the notices of this run only */
} sc_filing_opts;

/* Build the graph, the result and the register of one filing from its
 * evidence (collected, or loaded from a bundle). m, pack, ev, reg and laws
 * are borrowed and must outlive the filing; reg and laws may be NULL.
 * *ret owned by the caller. */
sc_status sc_filing_build(const sc_manifest *m, const sc_pack *pack, const sc_evidence *ev,
                          const sc_registry *reg, const sc_laws *laws,
                          const sc_filing_opts *opts, sc_filing **ret, sc_err *err);
void sc_filing_free(sc_filing *f);
/* Borrowed views of the filing. */
const sc_result *sc_filing_result(const sc_filing *f);
const sc_manifest *sc_filing_manifest(const sc_filing *f);
const sc_pack *sc_filing_pack(const sc_filing *f);
const char *sc_filing_date(const sc_filing *f);
size_t sc_filing_risk_count(const sc_filing *f);
/* Exit code per sovcheck(1), "EXIT STATUS" (as sc_result_exit_code()). */
int sc_filing_exit_code(const sc_filing *f);
/* The geolocation databases of the evidence, judged at the filing's date:
 * label, data date, age in days and whether it is older than
 * SC_GEO_STALE_DAYS. false when i is out of range. */
size_t sc_filing_geodb_count(const sc_filing *f);
bool sc_filing_geodb(const sc_filing *f, size_t i, const char **ret_label,
                     const char **ret_data_date, long *ret_age_days, bool *ret_stale);

/* The files a filing stands on, each with its SHA-256 (64 lower-case hex
 * digits, "" when the filing does not know it: a geolocation database of
 * a bundle written before digests were recorded), in this order: the
 * manifest, the policy pack, its country sets, the laws catalogue, each
 * registry file, each geolocation database. role is one of "manifest",
 * "pack", "country-sets", "laws", "registry", "geodb". false when i is out
 * of range. The observed evidence itself is the bundle (evidence.json),
 * whose digest the outputs carry. */
size_t sc_filing_input_count(const sc_filing *f);
bool sc_filing_input(const sc_filing *f, size_t i, const char **ret_role, const char **ret_file,
                     const char **ret_sha256);

/* ============================================================= render */
/* Owned by core/render/: render.c (the table of outputs, the only place
 * files are written), one writer per file, i18n.c (the message tables). */

/* Output formats (--format). One string table. */
typedef enum sc_format {
	SC_FORMAT_JSON = 0,      /* findings.json */
	SC_FORMAT_MD = 1,        /* residual-risk.<lang>.md, summary.md */
	SC_FORMAT_EVIDENCE = 2,  /* evidence.json */
	SC_FORMAT_SARIF = 3,     /* findings.sarif */
	SC_FORMAT_CSV = 4,       /* findings.csv, dependencies.csv */
	SC_FORMAT_HTML = 5,      /* residual-risk.<lang>.html */
	SC_FORMAT_OSCAL = 6,     /* assessment-results.json (OSCAL 1.0.0) */
} sc_format;
#define SC_FORMAT_COUNT 7
const char *sc_format_to_string(sc_format f);
bool sc_format_from_string(const char *s, sc_format *ret);
/* Whether this version writes anything for f. */
bool sc_format_available(sc_format f);

typedef struct sc_render_opts {
	unsigned formats;        /* 1u << sc_format */
	unsigned doc_langs;      /* 1u << sc_lang: residual-risk.<lang>.md|.html */
	unsigned summary_langs;  /* 1u << sc_lang: summary.md in the first, and
	                            summary.fr.md beside an English one */
	/* Optional: told what was cleaned up after an interrupted run. */
	void (*notice)(void *ctx, const char *msg);
	void *notice_ctx;
	/* Optional: sign the filing (SHA256SUMS.p7s, core/render/seal.c). */
	const struct sc_signer *signer;
	/* A supplier's profile (probe): profile.json and profile.<lang>.md
	 * instead of the provider's documents (residual-risk, compliance,
	 * summary). */
	bool profile;
	/* The files written by up to this many threads at once (0 or 1: one
	 * after the other); SHA256SUMS and the files are the same either way. */
	unsigned threads;
} sc_render_opts;

/* Many suppliers probed together (probe --batch, render/batch.c): their
 * filings (borrowed: keep them until sc_batch_free()) or why a supplier
 * has none, then written as one set — profiles.json,
 * comparison.<lang>.md, concentration.json, providers.csv. */
typedef struct sc_batch sc_batch;
sc_batch *sc_batch_new(void);
void sc_batch_free(sc_batch *b);
sc_status sc_batch_add(sc_batch *b, const char *name, const char *criticality,
                       const char *function, const sc_filing *f, const char *problem,
                       sc_err *err);
sc_status sc_batch_write(const sc_batch *b, const char *dir, const sc_render_opts *ro,
                         sc_err *err);

/* The supplier profile of a filing (render/profile.c), in English, as a
 * terminal shows it: who runs what and who controls it, the non-EU
 * nexuses with their laws, the verdicts. Caller frees; NULL: out of memory. */
char *sc_filing_profile_text(const sc_filing *f);

/* ---------------------------------------------------------------- seal */
/* Owned by core/render/seal.c: signing a filing, checking one
 * (docs/outputs.md "Signatures"). A filing's SHA256SUMS lists every file
 * of it with its SHA-256; a signed filing also holds SHA256SUMS.p7s, a
 * detached CMS (RFC 5652) signature of SHA256SUMS, in DER, carrying the
 * signer's certificate. */

/* A key and its certificate that sign filings. */
typedef struct sc_signer sc_signer;
/* Load the private key at key_path (PEM, unencrypted: RSA of 2048 bits or
 * more, or EC; Ed25519 and Ed448 only where OpenSSL's CMS signs with them,
 * 3.2 and later) and its certificate at cert_path (PEM or DER). With
 * cert_path NULL, a self-signed certificate is made for the key, named
 * after its fingerprint: it carries the key, not an identity. at is the
 * signing time (Unix time, given by the caller: the library reads no
 * clock), recorded as the signature's signingTime; a given certificate
 * must be valid then. Errors name the file: SC_ERR_IO (cannot be read),
 * SC_ERR_INVALID (not a key, not a certificate, a certificate of another
 * key, not valid at the signing time, keyUsage forbids signing),
 * SC_ERR_UNSUPPORTED (encrypted key, key type or size). *ret owned by the
 * caller (sc_signer_free). */
sc_status sc_signer_load(const char *key_path, const char *cert_path, int64_t at,
                         sc_signer **ret, sc_err *err);
void sc_signer_free(sc_signer *s);
/* The certificate's subject (one line, RFC 2253: "CN=…,O=…") and SHA-256
 * fingerprint (hex pairs joined by ':'); borrowed, valid until
 * sc_signer_free(). */
const char *sc_signer_subject(const sc_signer *s);
const char *sc_signer_fingerprint(const sc_signer *s);

/* What checking one file of a filing, or its signature, found. One string
 * table (sc_seal_state_to_string). */
typedef enum sc_seal_state {
	SC_SEAL_OK = 0,             /* the digest SHA256SUMS lists; a signature that verifies */
	SC_SEAL_CHANGED = 1,        /* another digest, or no longer a regular file */
	SC_SEAL_MISSING = 2,        /* listed in SHA256SUMS, not in the directory */
	SC_SEAL_UNLISTED = 3,       /* in the directory (or asked for), not in SHA256SUMS */
	SC_SEAL_UNREADABLE = 4,     /* cannot be read (permissions, I/O error) */
	SC_SEAL_UNSIGNED = 5,       /* no SHA256SUMS.p7s */
	SC_SEAL_BAD_SIGNATURE = 6,  /* SHA256SUMS.p7s does not verify over SHA256SUMS */
	SC_SEAL_OTHER_SIGNER = 7,   /* it verifies, but was not made by the signer given */
} sc_seal_state;
const char *sc_seal_state_to_string(sc_seal_state s);

typedef struct sc_verify_opts {
	/* The signer expected: its certificate (PEM or DER), or its public
	 * key (PEM), which the signature's certificate must be (or carry).
	 * NULL: any signer (the signature then only shows the files did not
	 * change since someone signed them). A signature is then required. */
	const char *cert_path;
	/* An unsigned filing is bad. */
	bool require_signature;
	/* NULL: every file of the directory. A file name: that file only (it
	 * must be listed) and the signature — what report and diff need of
	 * the bundle they read. */
	const char *only;
} sc_verify_opts;

/* What sc_seal_verify() found: one item per file checked, then one for
 * the signature. */
typedef struct sc_verification sc_verification;
typedef struct sc_seal_item {
	const char *name;     /* file name in the directory; borrowed */
	sc_seal_state state;
	bool bad;             /* fails the verification (UNSIGNED is bad only
	                         when a signature is required) */
	const char *detail;   /* in words: digests, signer, why; borrowed */
} sc_seal_item;

/* Check the filing in dir: every file SHA256SUMS lists has the digest
 * listed, no other file is there, and SHA256SUMS.p7s (when present, or
 * required) verifies over SHA256SUMS, by the signer pinned in opts when
 * one is. SC_OK with the findings in *ret (some may be bad); an error
 * only when the check cannot be made: SHA256SUMS or the pinned
 * certificate cannot be read (SC_ERR_IO), SHA256SUMS is not sha256sum
 * output (SC_ERR_PARSE, with its line), a limit of sc-limits.h is passed
 * (SC_ERR_LIMIT), the pinned file holds no certificate or key
 * (SC_ERR_INVALID). *ret owned by the caller (sc_verification_free). */
sc_status sc_seal_verify(const char *dir, const sc_verify_opts *opts, sc_verification **ret,
                         sc_err *err);
void sc_verification_free(sc_verification *v);
/* Item i into *ret (its strings borrowed from v); false past the last. */
bool sc_verification_item(const sc_verification *v, size_t i, sc_seal_item *ret);
/* How many items are bad. */
size_t sc_verification_bad(const sc_verification *v);
/* The signer of a signature that verifies ("CN=…"), its certificate's
 * SHA-256 fingerprint and its signingTime ("YYYY-MM-DDTHH:MM:SSZ", "" when
 * absent); NULL when there is no signature that verifies. Borrowed. */
const char *sc_verification_signer(const sc_verification *v, const char **ret_fingerprint,
                                   const char **ret_time);

/* Write the filing's outputs into dir, replacing its previous content as a
 * whole (docs/outputs.md): every file and SHA256SUMS into a staging
 * directory beside dir, fsync'ed, then swapped in one step. dir is created
 * with its parents; it may hold nothing but a filing's files. A second run
 * on the same dir while one writes is refused (SC_ERR_IO, rule
 * "output-locked"). */
sc_status sc_filing_write(const sc_filing *f, const char *dir, const sc_render_opts *opts,
                          sc_err *err);

/* ============================================================ monitor */
/* -------------------------------------------------------------- ledger */
/* Owned by core/changes/ledger.c: the §19.6.f notice ledger, notices.json
 * (docs/monitoring.md). A filing built with a ledger (sc_filing_opts)
 * updates it: a notice opens for every change that affects §19.6, closes
 * when the change is reverted; `sovcheck notice ack` closes it when the
 * customers were told. */

typedef struct sc_ledger sc_ledger;
sc_ledger *sc_ledger_new(void);
void sc_ledger_free(sc_ledger *ld);
/* Read notices.json; a missing file is an empty ledger. SC_ERR_INVALID
 * (path, what is wrong) for a file that is not a ledger. */
sc_status sc_ledger_load(const char *path, sc_ledger **ret, sc_err *err);
/* Write it atomically. */
sc_status sc_ledger_save(const sc_ledger *ld, const char *path, sc_err *err);
/* The ledger as JSON text (caller frees), NULL when out of memory. */
char *sc_ledger_to_json(const sc_ledger *ld);
size_t sc_ledger_count(const sc_ledger *ld);
typedef struct sc_notice_view {
	const char *id, *status, *criterion, *subject;
	const char *text;           /* the change, in English */
	const char *first_seen, *deadline, *closed_on; /* closed_on "" while open */
	const char *acked_by;       /* NULL unless acknowledged */
	bool overdue;               /* open and past its deadline at the date asked */
	bool new_now, overdue_now;  /* opened / found overdue by the last update */
} sc_notice_view;
/* Notice i, judged at date (YYYY-MM-DD, or NULL). false when out of range. */
bool sc_ledger_notice(const sc_ledger *ld, size_t i, const char *date, sc_notice_view *ret);
/* Close notice id: customers were told on date by whom. SC_ERR_NOTFOUND
 * for an unknown id, SC_ERR_INVALID for one already closed. */
sc_status sc_ledger_ack(sc_ledger *ld, const char *id, const char *by, const char *date,
                        sc_err *err);

/* --------------------------------------------------------------- state */
/* Owned by core/monitor/state.c: the state directory of scheduled runs
 * (check --state DIR, docs/monitoring.md): runs/NNNNNN-DATE/ (each run's
 * complete filing), latest → the newest, notices.json (the ledger). */

typedef struct sc_state sc_state;
/* Open DIR (created if missing), locked against another run or notice
 * command until sc_state_close(); read its ledger and find its runs. */
sc_status sc_state_open(const char *dir, sc_state **ret, sc_err *err);
void sc_state_close(sc_state *s);
/* evidence.json of the newest complete run (the baseline), or NULL. */
const char *sc_state_baseline(const sc_state *s);
sc_ledger *sc_state_ledger(sc_state *s);
size_t sc_state_run_count(const sc_state *s);
/* Save the ledger (after `notice ack`). */
sc_status sc_state_save_ledger(const sc_state *s, sc_err *err);
/* Keep f as the next run: the ledger saved, then the filing written as
 * runs/NNNNNN-DATE (evidence always included), latest pointed at it, and
 * runs beyond the newest keep removed (keep 0: none). ret_run gets the
 * run's directory. */
sc_status sc_state_commit(sc_state *s, const sc_filing *f, const sc_render_opts *ro,
                          unsigned keep, char *ret_run, size_t run_len, sc_err *err);

/* ---------------------------------------------------------------- diff */
/* Owned by core/monitor/diff.c: what changed between two filings, subject
 * by subject (docs/monitoring.md). */

typedef struct sc_diff sc_diff;
/* Compare two filings built with the same registry and pack. "Non-EU"
 * uses the pack's EU27 set (controllers) and EU set (locations). */
sc_status sc_diff_compute(const sc_filing *old_f, const sc_filing *new_f, sc_diff **ret,
                          sc_err *err);
void sc_diff_free(sc_diff *d);
/* Exit code (sovcheck(1)): 1 when a change affects §19.6 or §19.2, or a
 * requirement regressed; else 0. */
int sc_diff_exit_code(const sc_diff *d);
/* Changes that affect §19.6 and §19.2 (requirement regressions of those
 * sections included). */
size_t sc_diff_alert_count(const sc_diff *d);
/* The diff as text lines (caller frees), NULL when out of memory. */
char *sc_diff_to_text(const sc_diff *d);
/* The diff as JSON text (caller frees), NULL when out of memory. */
char *sc_diff_to_json(const sc_diff *d);

#ifdef __cplusplus
}
#endif

#endif /* SOVCHECK_H */
