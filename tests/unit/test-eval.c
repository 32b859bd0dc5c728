/*
 * test-eval.c — every declared check of the SecNumCloud pack, waivers,
 * sign-off dates, fail-closed behaviour without evidence, exit codes and
 * deterministic output.
 */
#include <stdlib.h>

#include "render.h"
#include "testutil.h"

#define HDR "sovcheck: 1\nservice:\n  name: S\n"
#define EPS "endpoints: [{host: api.example, role: api, data: customer}]\n"
#define PROV "provider:\n  name: P\n  registered_office: FR\n  central_administration: FR\n" \
             "  principal_establishment: FR\n"

struct vcase {
	const char *name;
	const char *body;
	const char *date;
	const char *req, *subject;
	sc_verdict expect;
	const char *needle;
};

static const struct vcase cases[] = {
	/* 19.6.a */
	{"seat in the EU passes", PROV, NULL, "19.6.a", "provider.registered_office", SC_PASS, "France"},
	{"central administration outside the EU fails",
	 "provider:\n  name: P\n  registered_office: FR\n  central_administration: US\n"
	 "  principal_establishment: FR\n", NULL, "19.6.a", "provider.central_administration",
	 SC_FAIL, "outside EU27"},
	{"undeclared establishment is unknown", "provider:\n  name: P\n  registered_office: FR\n",
	 NULL, "19.6.a", "provider.principal_establishment", SC_UNKNOWN, "not declared"},
	/* 19.2.b / 19.2.d */
	{"customer data site outside the EU fails",
	 "locations:\n  data:\n    - {site: X, country: US, holds: [customer]}\n", NULL, "19.2.b", "X",
	 SC_FAIL, "outside EU"},
	{"backups follow the customer data rule",
	 "locations:\n  data:\n    - {site: B, country: CH, holds: [backup]}\n", NULL, "19.2.b", "B",
	 SC_FAIL, "backup"},
	{"an outermost region is in the EU",
	 "locations:\n  data:\n    - {site: R, country: RE, holds: [customer]}\n", NULL, "19.2.b", "R",
	 SC_PASS, "Reunion"},
	{"no site holding customer data is unknown",
	 "locations:\n  data:\n    - {site: T, country: FR, holds: [technical]}\n", NULL, "19.2.b",
	 "locations.data", SC_UNKNOWN, "no declared site"},
	{"technical data site in the EU passes",
	 "locations:\n  data:\n    - {site: T, country: FR, holds: [technical]}\n", NULL, "19.2.d", "T",
	 SC_PASS, "technical"},
	/* 19.2.c */
	{"administration from outside the EU fails", "locations:\n  administration: [FR, IN]\n", NULL,
	 "19.2.c", "administration:IN", SC_FAIL, "India"},
	{"undeclared administration is unknown", "locations:\n  data: []\n", NULL, "19.2.c",
	 "locations.administration", SC_UNKNOWN, "not declared"},
	/* 19.2.e */
	{"documented non-EU support passes",
	 "locations:\n  support:\n    - {country: MA, operations: [triage], supervision: jump host}\n",
	 NULL, "19.2.e", "support:MA", SC_PASS, "documented"},
	{"non-EU support without supervision fails",
	 "locations:\n  support:\n    - {country: MA, operations: [triage]}\n", NULL, "19.2.e",
	 "support:MA", SC_FAIL, "supervision"},
	{"non-EU support without operations fails",
	 "locations:\n  support:\n    - {country: US, supervision: jump host}\n", NULL, "19.2.e",
	 "support:US", SC_FAIL, "permitted operations"},
	{"undeclared support is unknown", "locations:\n  administration: [FR]\n", NULL, "19.2.e",
	 "locations.support", SC_UNKNOWN, "not declared"},
	/* 19.6.c */
	{"non-EU subcontractor with metadata access fails",
	 "subcontractors:\n  - {name: C, country: US, service: cdn, data_access: metadata}\n", NULL,
	 "19.6.c", "C", SC_FAIL, "metadata"},
	{"non-EU subcontractor without access passes",
	 "subcontractors:\n  - {name: C, country: US, service: x, data_access: none}\n", NULL,
	 "19.6.c", "C", SC_PASS, "no technical possibility"},
	{"EU subcontractor controlled from outside the EU fails",
	 "subcontractors:\n  - {name: C, country: IE, parent: G, parent_country: US, service: x,"
	 " data_access: technical}\n", NULL, "19.6.c", "C", SC_FAIL, "controlled by G"},
	{"EU subcontractor controlled from the EU with access passes",
	 "subcontractors:\n  - {name: C, country: IE, parent: G, parent_country: FR, service: x,"
	 " data_access: technical}\n", NULL, "19.6.c", "C", SC_PASS, "seated and controlled in"},
	{"EU subcontractor of undeclared control with access is unknown",
	 "subcontractors:\n  - {name: C, country: IE, service: x, data_access: technical}\n", NULL,
	 "19.6.c", "C", SC_UNKNOWN, "controlled by a party not declared"},
	{"EU subcontractor of undeclared control without access passes",
	 "subcontractors:\n  - {name: C, country: IE, service: x, data_access: none}\n", NULL,
	 "19.6.c", "C", SC_PASS, "no technical possibility"},
	{"second-level subcontractor is judged too",
	 "subcontractors:\n  - name: A\n    country: FR\n    service: x\n    data_access: none\n"
	 "    subcontractors:\n      - {name: B, country: US, service: y, data_access: customer}\n",
	 NULL, "19.6.c", "B", SC_FAIL, "subcontractor of A"},
	{"undeclared subcontractors are unknown", PROV, NULL, "19.6.c", "subcontractors", SC_UNKNOWN,
	 "not declared"},
	/* 19.6.c: access paths of relationships, closed only by a mitigation
	 * whose kind makes access impossible on that path */
	{"a licensor with no data access still reaches data through its code",
	 "subcontractors:\n  - {name: L, country: US, service: x, relationship: [software, updates],"
	 " data_access: none}\n", NULL, "19.6.c", "L", SC_FAIL,
	 "declared with data_access: none, but its relationship (software/updates) opens that path"},
	{"a licensor whose updates are quarantined and reviewed passes",
	 "subcontractors:\n  - {name: L, country: US, service: x, relationship: updates,"
	 " data_access: none}\nmitigations:\n  - {id: q, kind: update-review, description: d,"
	 " applies_to: [L]}\n", NULL, "19.6.c", "L", SC_PASS, "closed by q (update-review)"},
	{"a contract closes no access path",
	 "subcontractors:\n  - {name: L, country: US, service: x, relationship: software,"
	 " data_access: none}\nmitigations:\n  - {id: c, kind: contractual, description: d,"
	 " applies_to: [L]}\n", NULL, "19.6.c", "L", SC_FAIL, "code that runs inside the service"},
	{"customer-held keys do not close a host's physical access",
	 "subcontractors:\n  - {name: H, country: US, service: x, relationship: hosting,"
	 " data_access: none}\nmitigations:\n  - {id: k, kind: customer-held-keys, description: d,"
	 " applies_to: [H]}\n", NULL, "19.6.c", "H", SC_FAIL, "physical access"},
	{"customer-held keys close a storage service that holds ciphertext",
	 "subcontractors:\n  - {name: S, country: US, service: x, relationship: saas,"
	 " data_access: customer}\nmitigations:\n  - {id: k, kind: customer-held-keys, description: d,"
	 " applies_to: [S]}\n", NULL, "19.6.c", "S", SC_PASS, "no technical possibility remains"},
	{"a certificate authority opens no path to data",
	 "subcontractors:\n  - {name: A, country: US, service: x, relationship: certificate-authority,"
	 " data_access: none}\n", NULL, "19.6.c", "A", SC_PASS, "opens no path to data"},
	/* 19.2.e: supervision declared as not in place */
	{"non-EU support whose supervision is not in place yet fails",
	 "locations:\n  support:\n    - {country: MA, operations: [triage], supervision: none yet}\n",
	 NULL, "19.2.e", "support:MA", SC_FAIL, "declared as not in place"},
	{"non-EU support with supervision declared not in place fails",
	 "locations:\n  support:\n    - {country: MA, operations: [triage], supervision:"
	 " {in_place: false, description: jump host planned for 2027}}\n",
	 NULL, "19.2.e", "support:MA", SC_FAIL, "jump host planned"},
	{"non-EU support with supervision in place passes",
	 "locations:\n  support:\n    - {country: MA, operations: [triage], supervision:"
	 " {in_place: true, description: EU jump host watched live}}\n",
	 NULL, "19.2.e", "support:MA", SC_PASS, "EU jump host"},
	/* 19.6.d: operating autonomy */
	{"own skills give operating autonomy",
	 "subcontractors:\n  - {name: L, country: US, service: x, data_access: none, autonomy:"
	 " {basis: own-skills, description: our engineers run and patch the platform}}\n",
	 NULL, "19.6.d", "L", SC_PASS, "own skills: our engineers"},
	{"a qualified third party gives operating autonomy",
	 "subcontractors:\n  - {name: L, country: US, service: x, data_access: none, autonomy:"
	 " {basis: qualified, description: qualified service X}}\n",
	 NULL, "19.6.d", "L", SC_PASS, "SecNumCloud-qualified"},
	{"autonomy by alternatives needs two",
	 "subcontractors:\n  - {name: L, country: US, service: x, data_access: none,"
	 " alternatives: [A], autonomy: {basis: alternatives, description: d}}\n",
	 NULL, "19.6.d", "L", SC_FAIL, "autonomy by alternatives needs at least 2"},
	/* 19.6.b: a listed provider's free float */
	{"a float that only in the worst case crosses the collective cap is unknown",
	 "provider:\n  name: P\n  shareholders:\n    - {name: Free float, float: true, capital: 30}\n"
	 "    - {name: F1, country: US, capital: 8}\n    - {name: F2, country: GB, capital: 8}\n"
	 "    - {name: H, country: FR, capital: 54}\n", NULL, "19.6.b",
	 "non-EU holders (collective)", SC_UNKNOWN, "the worst case is 46 %"},
	{"a float crossing the collective cap on capital only (double voting rights elsewhere) is unknown",
	 "provider:\n  name: P\n  shareholders:\n    - {name: Free float, float: true, capital: 30, voting: 10}\n"
	 "    - {name: F1, country: US, capital: 8, voting: 4}\n    - {name: F2, country: GB, capital: 8, voting: 4}\n"
	 "    - {name: H, country: FR, capital: 54, voting: 82}\n", NULL, "19.6.b",
	 "non-EU holders (collective)", SC_UNKNOWN, "the worst case is 46 % of the capital and 18 %"},
	{"a float that cannot cross the collective cap passes",
	 "provider:\n  name: P\n  shareholders:\n    - {name: Free float, float: true, capital: 20}\n"
	 "    - {name: F1, country: US, capital: 8}\n    - {name: F2, country: GB, capital: 8}\n"
	 "    - {name: H, country: FR, capital: 64}\n", NULL, "19.6.b",
	 "non-EU holders (collective)", SC_PASS, "the worst case is 36 %"},
	{"declared holders over the collective cap fail whatever the float",
	 "provider:\n  name: P\n  shareholders:\n    - {name: Free float, float: true, capital: 10}\n"
	 "    - {name: F1, country: US, capital: 20}\n    - {name: F2, country: GB, capital: 20}\n"
	 "    - {name: H, country: FR, capital: 50}\n", NULL, "19.6.b",
	 "non-EU holders (collective)", SC_FAIL, "more than the collective cap"},
	{"a fund at 8 % with a float is within the individual cap",
	 "provider:\n  name: P\n  shareholders:\n    - {name: Free float, float: true, capital: 30}\n"
	 "    - {name: F1, country: US, capital: 8}\n    - {name: H, country: FR, capital: 62}\n",
	 NULL, "19.6.b", "F1", SC_PASS, "within the individual cap"},
	/* 19.6.d */
	{"SecNumCloud-qualified non-EU third party passes",
	 "subcontractors:\n  - {name: C, country: US, service: x, data_access: none, secnumcloud: true}\n",
	 NULL, "19.6.d", "C", SC_PASS, "qualified"},
	{"two alternatives pass",
	 "subcontractors:\n  - {name: C, country: US, service: x, data_access: none,"
	 " alternatives: [A, B]}\n", NULL, "19.6.d", "C", SC_PASS, "2 alternatives"},
	{"one alternative fails",
	 "subcontractors:\n  - {name: C, country: US, service: x, data_access: none,"
	 " alternatives: [A]}\n", NULL, "19.6.d", "C", SC_FAIL, "at least 2"},
	{"no non-EU third party is not applicable",
	 "subcontractors:\n  - {name: C, country: FR, parent: C, parent_country: FR, service: x,"
	 " data_access: customer}\n", NULL,
	 "19.6.d", "subcontractors", SC_NOT_APPLICABLE, "no declared third party"},
	/* seated in the EU, its control not declared (and no registry): not
	 * taken for controlled from its seat */
	{"an EU third party of undeclared control needs autonomy: unknown without it",
	 "subcontractors:\n  - {name: C, country: FR, service: x, data_access: customer}\n", NULL,
	 "19.6.d", "C", SC_UNKNOWN, "controlled by a party not declared (parent, parent_country"},
	/* 19.6.e */
	{"no declared government link passes", "provider:\n  name: P\n  government_links: []\n", NULL,
	 "19.6.e", "provider.government_links", SC_PASS, "no link"},
	{"a non-EU government link fails",
	 "provider:\n  name: P\n  government_links:\n    - {country: CN, description: state fund}\n",
	 NULL, "19.6.e", "government:CN", SC_FAIL, "China"},
	{"undeclared government links are unknown", PROV, NULL, "19.6.e",
	 "provider.government_links", SC_UNKNOWN, "not declared"},
	/* 15.1.a */
	{"a missing third-party list fails", PROV, NULL, "15.1.a", "subcontractors", SC_FAIL,
	 "missing"},
	/* 5.3.g / 5.3.h */
	{"missing sign-off fails", PROV, NULL, "5.3.g", "sign_off", SC_FAIL, "not recorded"},
	{"sign-off twelve months old to the day passes",
	 "sign_off: {accepted_by: CEO, date: 2025-11-22}\n", "2026-11-22", "5.3.h", "sign_off",
	 SC_PASS, "2026-11-22"},
	{"sign-off twelve months and a day old fails",
	 "sign_off: {accepted_by: CEO, date: 2025-11-21}\n", "2026-11-22", "5.3.h", "sign_off",
	 SC_FAIL, "older than 12 months"},
	{"sign-off on 29 February is due on 28 February",
	 "sign_off: {accepted_by: CEO, date: 2024-02-29}\n", "2025-03-01", "5.3.h", "sign_off",
	 SC_FAIL, "due again on 2025-02-28"},
	{"sign-off dated the evaluation date passes",
	 "sign_off: {accepted_by: CEO, date: 2026-11-22}\n", "2026-11-22", "5.3.h", "sign_off",
	 SC_PASS, "next review due by 2027-11-22"},
	{"sign-off the day after the evaluation date fails",
	 "sign_off: {accepted_by: CEO, date: 2026-11-23}\n", "2026-11-22", "5.3.h", "sign_off",
	 SC_FAIL, "after the evaluation date"},
	{"sign-off after the evaluation date fails",
	 "sign_off: {accepted_by: CEO, date: 2027-01-01}\n", "2026-11-22", "5.3.h", "sign_off",
	 SC_FAIL, "after the evaluation date"},
	/* observed checks without evidence */
	{"observed location without evidence is unknown", PROV EPS, NULL, "19.2.b", "evidence",
	 SC_UNKNOWN, "not collected"},
	{"CA owners without evidence are unknown", PROV EPS, NULL, "10.6.a", "evidence", SC_UNKNOWN,
	 "not collected"},
	{"observed location with no endpoint declared is unknown", PROV, NULL, "19.2.b",
	 "endpoints", SC_UNKNOWN, "not declared"},
	{"CA owners with no endpoint declared are unknown", PROV, NULL, "10.6.a", "endpoints",
	 SC_UNKNOWN, "not declared"},
	{"CA owners with no TLS endpoint are not applicable",
	 PROV "endpoints: [{host: a.example, role: admin, data: technical, tls: false}]\n", NULL,
	 "10.6.a", "endpoints", SC_NOT_APPLICABLE, "no endpoint is declared with TLS"},
	{"observed location with endpoints of other data is not applicable",
	 PROV "endpoints: [{host: a.example, role: web, data: none}]\n", NULL, "19.2.b",
	 "endpoints", SC_NOT_APPLICABLE, "no endpoint is declared with customer data"},
};

START_TEST(declared_checks)
{
	const struct vcase *c = &cases[_i];
	char src[4096];
	snprintf(src, sizeof(src), "%s%s", HDR, c->body);
	sc_result *r = tu_eval(src, c->date ? c->date : "2026-11-22");
	const rs_finding *f = tu_finding(r, c->req, c->subject);
	ck_assert_msg(f->verdict == c->expect, "%s: %s, expected %s: %s", c->name,
	              sc_verdict_to_string(f->verdict), sc_verdict_to_string(c->expect),
	              tu_reason(f));
	ck_assert_msg(strstr(tu_reason(f), c->needle) != NULL, "%s: reason lacks \"%s\": %s",
	              c->name, c->needle, tu_reason(f));
	tu_done(r);
}
END_TEST

/* §5.3.d and §5.3.g judge the register: a run that writes the document. */
#define NONEU "subcontractors:\n  - {name: C, country: US, service: x, relationship: saas," \
              " data_access: customer}\n"
static const struct vcase doc_cases[] = {
	{"an empty register passes, saying it stands on declarations",
	 "subcontractors: []\n", NULL, "5.3.d", "residual-risk document", SC_PASS,
	 "register is empty; it stands on declarations only"},
	{"a risk without a decision leaves the document unknown",
	 NONEU, NULL, "5.3.d", "residual-risk document", SC_UNKNOWN,
	 "1 of the 1 residual risks in the §5.3.d document have no recorded decision"},
	{"every risk decided passes",
	 NONEU "risk_treatments: [{risk: R-US-c-control, decision: reduce, by: CEO, date: 2026-01-01}]\n",
	 NULL, "5.3.d", "residual-risk document", SC_PASS, "each with a recorded decision"},
	{"a treatment of no risk is reported",
	 NONEU "risk_treatments: [{risk: R-US-c-control, decision: accept, by: CEO, date: 2026-01-01},"
	 " {risk: R-US-old-control, decision: accept, by: CEO, date: 2026-01-01}]\n",
	 NULL, "5.3.d", "residual-risk document", SC_PASS, "(R-US-old-control): they decide nothing"},
	{"every risk decided by the sign-off passes 5.3.g",
	 NONEU "risk_treatments: [{risk: R-US-c-control, decision: accept, by: CEO, date: 2026-01-01}]\n"
	 "sign_off: {accepted_by: CEO, date: 2026-01-01}\n",
	 NULL, "5.3.g", "sign_off", SC_PASS, "on or before that date"},
	{"a risk decided after the sign-off fails 5.3.g",
	 NONEU "risk_treatments: [{risk: R-US-c-control, decision: accept, by: CEO, date: 2026-01-02}]\n"
	 "sign_off: {accepted_by: CEO, date: 2026-01-01}\n",
	 NULL, "5.3.g", "sign_off", SC_FAIL, "no recorded decision at the sign-off of 2026-01-01: R-US-c-control"},
	{"a risk never decided fails 5.3.g",
	 NONEU "sign_off: {accepted_by: CEO, date: 2026-01-01}\n",
	 NULL, "5.3.g", "sign_off", SC_FAIL, "R-US-c-control"},
	{"a recorded register digest that is not the current one fails 5.3.g",
	 NONEU "risk_treatments: [{risk: R-US-c-control, decision: accept, by: CEO, date: 2026-01-01}]\n"
	 "sign_off: {accepted_by: CEO, date: 2026-01-01, register: "
	 "\"sha256:0000000000000000000000000000000000000000000000000000000000000000\"}\n",
	 NULL, "5.3.g", "sign_off", SC_FAIL, "stale acceptance"},
	{"a sign-off dated after the evaluation date fails 5.3.g",
	 NONEU "risk_treatments: [{risk: R-US-c-control, decision: accept, by: CEO, date: 2026-01-01}]\n"
	 "sign_off: {accepted_by: CEO, date: 2026-11-23}\n",
	 "2026-11-22", "5.3.g", "sign_off", SC_FAIL, "after the evaluation date"},
};

START_TEST(register_checks)
{
	const struct vcase *c = &doc_cases[_i];
	char src[4096];
	snprintf(src, sizeof(src), "%s%s", HDR, c->body);
	tu_document = true;
	sc_result *r = tu_eval(src, c->date ? c->date : "2026-11-22");
	tu_document = false;
	const rs_finding *f = tu_finding(r, c->req, c->subject);
	ck_assert_msg(f->verdict == c->expect, "%s: %s, expected %s: %s", c->name,
	              sc_verdict_to_string(f->verdict), sc_verdict_to_string(c->expect),
	              tu_reason(f));
	ck_assert_msg(strstr(tu_reason(f), c->needle) != NULL, "%s: reason lacks \"%s\": %s",
	              c->name, c->needle, tu_reason(f));
	tu_done(r);
}
END_TEST

/* 5.3.g: the digest the document prints, recorded as sign_off.register,
 * accepts the register as it is. */
START_TEST(the_recorded_digest_of_the_current_register_passes)
{
	char src[4096];
	snprintf(src, sizeof(src), "%s%s", HDR, NONEU);
	sc_manifest *m = NULL;
	ck_assert_int_eq(tu_parse(src, &m, NULL), SC_OK);
	sc_pack *p = tu_pack();
	sc_diags *d = sc_diags_new();
	sc_laws *laws = NULL;
	ck_assert_int_eq(sc_laws_load(SC_SRCDIR "/policies/laws.yaml", d, &laws), SC_OK);
	sc_diags_free(d);
	sc_risks *rs = NULL;
	ck_assert_int_eq(sc_assess(m, p, NULL, laws, &rs, NULL), SC_OK);
	char digest[80];
	snprintf(digest, sizeof(digest), "%s", rs->digest);
	sc_risks_free(rs);
	sc_laws_free(laws);
	sc_manifest_free(m);
	sc_pack_free(p);
	/* no treatment at all: the digest alone is the acceptance */
	snprintf(src, sizeof(src), "%s%ssign_off: {accepted_by: CEO, date: 2026-01-01, register: \"%s\"}\n",
	         HDR, NONEU, digest);
	sc_result *r = tu_eval(src, "2026-11-22");
	const rs_finding *f = tu_finding(r, "5.3.g", "sign_off");
	ck_assert_msg(f->verdict == SC_PASS, "%s", tu_reason(f));
	ck_assert_ptr_nonnull(strstr(tu_reason(f), "is the current one"));
	tu_done(r);
}
END_TEST

#define SUBS "subcontractors:\n  - {name: C, country: US, service: x, data_access: none," \
             " alternatives: [A]}\n"

START_TEST(an_active_waiver_waives_the_fail)
{
	sc_result *r = tu_eval(HDR SUBS "waivers:\n  - {requirement: \"19.6.d\", subject: C,"
	                       " reason: r, approved_by: CISO, expires: 2026-11-22}\n", "2026-11-22");
	const rs_finding *f = tu_finding(r, "19.6.d", "C");
	ck_assert_int_eq(f->verdict, SC_WAIVED);
	ck_assert_ptr_nonnull(strstr(tu_reason(f), "waived until 2026-11-22"));
	ck_assert_int_eq(tu_req(r, "19.6.d")->verdict, SC_WAIVED);
	ck_assert_int_eq(r->waivers[0].status, RS_WAIVER_APPLIED);
	tu_done(r);
}
END_TEST

START_TEST(an_expired_waiver_no_longer_waives_and_is_reported)
{
	sc_result *r = tu_eval(HDR SUBS "waivers:\n  - {requirement: \"19.6.d\", subject: C,"
	                       " reason: r, approved_by: CISO, expires: 2026-11-21}\n", "2026-11-22");
	const rs_finding *f = tu_finding(r, "19.6.d", "C");
	ck_assert_int_eq(f->verdict, SC_FAIL);
	ck_assert_ptr_nonnull(strstr(tu_reason(f), "expired on 2026-11-21"));
	ck_assert_int_eq(r->waivers[0].status, RS_WAIVER_EXPIRED);
	tu_done(r);
}
END_TEST

START_TEST(a_waiver_never_turns_unknown_into_waived)
{
	sc_result *r = tu_eval(HDR "waivers:\n  - {requirement: \"19.6.a\", subject: "
	                       "provider.registered_office, reason: r, approved_by: CISO,"
	                       " expires: 2030-01-01}\n", "2026-11-22");
	ck_assert_int_eq(TU_VERDICT(r, "19.6.a", "provider.registered_office"), SC_UNKNOWN);
	ck_assert_int_eq(r->waivers[0].status, RS_WAIVER_UNUSED);
	tu_done(r);
}
END_TEST

START_TEST(a_waiver_for_an_unknown_requirement_is_reported)
{
	sc_result *r = tu_eval(HDR "waivers:\n  - {requirement: \"99.9\", subject: x, reason: r,"
	                       " approved_by: CISO, expires: 2030-01-01}\n", "2026-11-22");
	ck_assert_int_eq(r->waivers[0].status, RS_WAIVER_UNKNOWN_REQUIREMENT);
	tu_done(r);
}
END_TEST

START_TEST(requirement_verdict_is_the_worst_finding)
{
	/* 19.2.b: a passing site, a failing site, and unknown observed evidence. */
	sc_result *r = tu_eval(HDR "locations:\n  data:\n    - {site: A, country: FR, holds: [customer]}\n"
	                       "    - {site: B, country: US, holds: [customer]}\n", "2026-11-22");
	ck_assert_int_eq(tu_req(r, "19.2.b")->verdict, SC_FAIL);
	ck_assert_int_eq(sc_result_exit_code(r), 1);
	tu_done(r);
	/* Without the failing site, the unknown evidence decides: never pass. */
	r = tu_eval(HDR "locations:\n  data:\n    - {site: A, country: FR, holds: [customer]}\n",
	            "2026-11-22");
	ck_assert_int_eq(tu_req(r, "19.2.b")->verdict, SC_UNKNOWN);
	tu_done(r);
}
END_TEST

START_TEST(exit_code_is_two_when_only_unknowns_remain)
{
	const char *src = HDR PROV
		"  board_seats: 5\n  shareholders:\n    - {name: F, country: FR, capital: 100, voting: 100}\n"
		"  government_links: []\n"
		"locations:\n  data:\n    - {site: A, country: FR, holds: [customer, technical, backup]}\n"
		"  administration: [FR]\n  support: []\n"
		"subcontractors: []\n"
		"sign_off: {accepted_by: CEO, date: 2026-06-01}\n";
	sc_result *r = tu_eval(src, "2026-11-22");
	ck_assert_uint_eq(r->counts[SC_FAIL], 0);
	ck_assert_uint_gt(r->counts[SC_UNKNOWN], 0);
	ck_assert_int_eq(sc_result_exit_code(r), 2);
	tu_done(r);
}
END_TEST

START_TEST(findings_json_is_deterministic_and_has_the_contract_fields)
{
	sc_manifest *m1, *m2;
	sc_evidence *e1, *e2;
	sc_pack *p1, *p2;
	const char *path = SC_SRCDIR "/examples/acme-storage/service.yaml";
	sc_filing *a = tu_filing(path, "2026-11-22", &m1, &e1, &p1);
	sc_filing *b = tu_filing(path, "2026-11-22", &m2, &e2, &p2);
	strbuf ja, jb;
	sb_init(&ja);
	sb_init(&jb);
	ck_assert_int_eq(render_named(a, "findings.json", SC_LANG_EN, &ja, NULL), SC_OK);
	ck_assert_int_eq(render_named(b, "findings.json", SC_LANG_EN, &jb, NULL), SC_OK);
	ck_assert_str_eq(ja.s, jb.s);
	static const char *const keys[] = {"\"schema_version\": 1", "\"tool\"", "\"service\"",
		"\"pack\": \"secnumcloud-3.2\"", "\"date\": \"2026-11-22\"", "\"summary\"",
		"\"requirements\"", "\"dependencies\"", "\"risks\"", "\"findings\"",
		"\"evidence\"", "\"verdict\"", "\"reason\"", "\"subject\""};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		ck_assert_msg(strstr(ja.s, keys[i]) != NULL, "findings.json lacks %s", keys[i]);
	sb_free(&ja);
	sb_free(&jb);
	sc_filing_free(a);
	sc_filing_free(b);
	sc_evidence_free(e1);
	sc_evidence_free(e2);
	sc_manifest_free(m1);
	sc_manifest_free(m2);
	sc_pack_free(p1);
	sc_pack_free(p2);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("eval");
	TCase *tc = tcase_create("declared");
	tcase_add_loop_test(tc, register_checks, 0, (int)(sizeof(doc_cases) / sizeof(doc_cases[0])));
	tcase_add_test(tc, the_recorded_digest_of_the_current_register_passes);
	tcase_add_loop_test(tc, declared_checks, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, an_active_waiver_waives_the_fail);
	tcase_add_test(tc, an_expired_waiver_no_longer_waives_and_is_reported);
	tcase_add_test(tc, a_waiver_never_turns_unknown_into_waived);
	tcase_add_test(tc, a_waiver_for_an_unknown_requirement_is_reported);
	tcase_add_test(tc, requirement_verdict_is_the_worst_finding);
	tcase_add_test(tc, exit_code_is_two_when_only_unknowns_remain);
	tcase_add_test(tc, findings_json_is_deterministic_and_has_the_contract_fields);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
