/*
 * eval-internal.h — what the files of the evaluate stage share: the
 * evaluation context, the helpers that add findings, and one function per
 * check kind (eval-declared.c, eval-shareholding.c, eval-observed.c,
 * eval-sovereignty.c, eval-dora.c), which eval.c dispatches to. See
 * docs/architecture.md, "Adding a check".
 */
#ifndef SC_EVAL_INTERNAL_H
#define SC_EVAL_INTERNAL_H

#include <stdbool.h>

#include "evidence.h"
#include "graph.h"
#include "manifest.h"
#include "msg.h"
#include "policy.h"
#include "result.h"
#include "risk.h"
#include "sc-limits.h"
#include "util.h"

struct eval_ctx {
	const sc_manifest *m;
	const sc_pack *pack;
	const sc_eval_opts *o;
	sc_result *r;
	rs_req *cur;
	long today;          /* days since epoch of the evaluation date */
	bool oom;
	int factor;          /* the factor of the check being run, or -1 */
	/* Each address's description (ip.describe), made once and shared by
	 * every finding that cites it, by graph dependency index; NULL until
	 * first asked (eval_ip_describe()). */
	sc_msg **ipdesc;
	size_t nipdesc;
};

/* Add a finding to the requirement being evaluated (printf-style reason);
 * NULL when out of memory (e->oom is then set). */
rs_finding *eval_add(struct eval_ctx *e, const char *subject, sc_verdict v, rs_origin origin,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Add a finding whose reason is the message m (taken, also on failure):
 * the English sentence goes to reason, the message to msg, so that each
 * language renders its own. */
rs_finding *eval_addm(struct eval_ctx *e, const char *subject, sc_verdict v, rs_origin origin,
                      sc_msg *m);
/* A list value of the words of a vocabulary for the bits of mask named in
 * names (NULL-terminated): msg_list(m, name, join) of msg_item_word()s. */
void eval_msg_mask(sc_msg *m, const char *name, const char *vocab, unsigned mask,
                   const char *const *names, char join);
/* The access paths of mask as the value name of m (a list of sentences). */
void eval_msg_paths(sc_msg *m, const char *name, unsigned paths);
/* The check's country set as the value "set" of m ("EU" → « UE »). */
void eval_msg_set(sc_msg *m, const pk_check *c);
/* "Name (country, 55 %)", "Name (country, controlling)" or "Name (country)"
 * for a registry holder (eval-observed.c); with a set, a holder that is a
 * company seated in it says where it is itself controlled from when that
 * is outside the set or not settled ("…, itself controlled by Fund (US)"). */
sc_msg *eval_holder_msg(const sc_holder *h, const pk_set *set);
/* The computation behind a number (sb's text), for the record. */
void eval_set_computation(struct eval_ctx *e, rs_finding *f, const strbuf *sb);
/* Cite evidence ids; sc_eval() sorts and de-duplicates them at the end. */
void eval_add_evidence(struct eval_ctx *e, rs_finding *f, const char *id);
void eval_add_evidence_list(struct eval_ctx *e, rs_finding *f, const char *const *ids, size_t n);
/* The id of the check's country set ("EU", "EU27"), for messages. */
const char *eval_set_id(const pk_check *c);
/* The access paths (AC_BIT mask) of paths closed by a mitigation that
 * names the party (by one of names, by the registry entity ent, or "*")
 * and whose kind makes access through that path technically impossible
 * (access.h); each such mitigation ("id (kind)") goes to the list value
 * name of x. */
unsigned eval_closed_paths(const sc_manifest *m, const char *const *names, size_t nnames,
                           const sc_entity *ent, unsigned paths, sc_msg *x, const char *name);
/* Whether mitigation mi names the party: "*", one of names, or the
 * registry entity ent (name, id or alias), compared case-insensitively. */
bool eval_mitigation_names(const mf_mitigation *mi, const char *const *names, size_t nnames,
                           const sc_entity *ent);
/* The access paths through which a declared subcontractor reaches data. */
unsigned eval_sub_paths(const mf_sub *s);
/* The registry entity a declared subcontractor's name is, when the run has
 * a graph (and so a registry); NULL otherwise. */
const sc_entity *eval_sub_entity(const struct eval_ctx *e, const mf_sub *s);
/* NULL when who controls a declared subcontractor is known: its parent's
 * country declared (a company with no parent names itself), or the
 * registry knowing it by its name. Otherwise the message saying so
 * ("controlled by a party neither declared … nor recorded in the
 * registry", or known to the registry with its control left open and no
 * parent declared), with the registry entity its name begins with as a hint:
 * a European subsidiary declared without its parent is not taken for a
 * company controlled from its seat. */
sc_msg *eval_sub_control_unknown(const struct eval_ctx *e, const mf_sub *s, const pk_set *set);
/* When the registry knows a declared subcontractor and judges it
 * controlled from outside set (its ultimate controller seated outside, or
 * held from outside: §19.6.c), the message saying so; else NULL. The
 * declaration does not outweigh it (the worse of the two counts). */
sc_msg *eval_sub_registry_outside(const struct eval_ctx *e, const mf_sub *s, const pk_set *set);
/* The months between reviews: the pack's sign-off freshness period. */
long eval_review_months(const sc_pack *pack);
/* Days since 1970-01-01 of a YYYY-MM-DD date, 0 when it does not parse. */
long eval_days_of(const char *date);

/* One function per check kind (policy.h pk_check_kind). */
typedef void eval_check_fn(struct eval_ctx *e, const pk_check *c);
/* eval-declared.c */
eval_check_fn eval_check_residual_risk_document, eval_check_sign_off_present,
	eval_check_sign_off_covers_register,
	eval_check_sign_off_fresh, eval_check_data_location_documented, eval_check_sites_in_set,
	eval_check_administration_in_set, eval_check_support_documented, eval_check_support_in_set,
	eval_check_seat_in_set,
	eval_check_subcontractor_no_access, eval_check_subcontractor_autonomy,
	eval_check_third_parties_listed, eval_check_government_links;
/* eval-shareholding.c */
eval_check_fn eval_check_shareholding;
/* eval-observed.c: the observed kinds (pk_check_observed()) and 19.6.f */
eval_check_fn eval_check_observed, eval_check_change_notice;
/* eval-sovereignty.c: the manifest's sovereignty section (scored packs) */
eval_check_fn eval_check_certifications, eval_check_soc_in_set, eval_check_hardware_in_set,
	eval_check_source_available, eval_check_energy_disclosed, eval_check_customer_held_keys,
	eval_check_software_suppliers_in_set;
/* A factor nothing sovcheck reads decides, judged by the assessment the
 * manifest records for it (sovereignty.assessments): false when there is
 * none, and the caller says the factor is unseen. */
bool eval_assessed_factor(struct eval_ctx *e, const pk_factor *f);
/* eval-dora.c: DORA Art. 28(3), 29, 30(2)(b) and NIS2 Art. 21(2)(d);
 * locations_as_stated is observed (dispatched by eval_check_observed()) */
eval_check_fn eval_check_register_complete, eval_check_concentration,
	eval_check_locations_as_stated, eval_check_supply_chain_exposure;

#endif
