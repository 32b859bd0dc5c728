/*
 * test-manifest.c — the manifest loader: one table row per error kind, with
 * the exact position and rule; all errors of a file reported together.
 */
#include "testutil.h"

struct err_case {
	const char *name;
	const char *src;
	unsigned line, col;
	const char *rule;
	const char *needle;   /* substring of the message, incl. the quoted value */
};

#define HDR "sovcheck: 1\nservice:\n  name: S\n"

static const struct err_case cases[] = {
	{"unknown key with suggestion", HDR "provder:\n  name: P\n", 4, 1, "unknown-key",
	 "did you mean 'provider'"},
	{"unknown nested key", HDR "provider:\n  name: P\n  registred_office: FR\n", 6, 3,
	 "unknown-key", "'registred_office'"},
	{"EL is refused with a hint", HDR "provider:\n  name: P\n  registered_office: EL\n", 6, 22,
	 "country", "use the ISO 3166-1 code 'GR'"},
	{"UK is refused with a hint", HDR "provider:\n  name: P\n  registered_office: UK\n", 6, 22,
	 "country", "'GB'"},
	{"lower-case country", HDR "provider:\n  name: P\n  registered_office: fr\n", 6, 22,
	 "country", "'fr' must be upper case"},
	{"unassigned country", HDR "provider:\n  name: P\n  registered_office: XK\n", 6, 22,
	 "country", "'XK' is not an ISO 3166-1"},
	{"percentage above 100",
	 HDR "provider:\n  name: P\n  shareholders:\n    - name: H\n      country: FR\n      capital: 100.5\n",
	 9, 16, "range", "'100.5'"},
	{"negative percentage",
	 HDR "provider:\n  name: P\n  shareholders:\n    - name: H\n      country: FR\n      voting: -1\n",
	 9, 15, "range", "'-1'"},
	{"percentage not a number",
	 HDR "provider:\n  name: P\n  shareholders:\n    - name: H\n      country: FR\n      capital: \"ten\"\n",
	 9, 16, "type", "'ten'"},
	{"holders above 100 % together",
	 HDR "provider:\n  name: P\n  shareholders:\n    - name: A\n      country: FR\n      capital: 60\n"
	     "    - name: B\n      country: FR\n      capital: 50\n", 7, 5, "shares-sum", "more than 100"},
	{"role enum with suggestion", HDR "endpoints:\n  - host: a.example\n    role: amdin\n    data: none\n",
	 6, 11, "enum", "did you mean 'admin'"},
	{"data enum", HDR "endpoints:\n  - host: a.example\n    role: api\n    data: secret\n",
	 7, 11, "enum", "'secret'"},
	{"port out of range", HDR "endpoints:\n  - host: a.example\n    port: 70000\n    role: api\n    data: none\n",
	 6, 11, "range", "'70000'"},
	{"host not a name", HDR "endpoints:\n  - host: \"a b.example\"\n    role: api\n    data: none\n",
	 5, 11, "host", "'a b.example'"},
	{"invalid date", HDR "sign_off:\n  accepted_by: X\n  date: 2026-02-30\n", 6, 9, "date",
	 "'2026-02-30'"},
	{"bool that is not a bool",
	 HDR "subcontractors:\n  - name: X\n    country: US\n    service: s\n    data_access: none\n    secnumcloud: yes\n",
	 9, 18, "type", "'yes'"},
	{"missing required key", HDR "subcontractors:\n  - name: X\n    country: US\n    data_access: none\n",
	 5, 5, "missing-key", "'service'"},
	{"parent without parent_country",
	 HDR "subcontractors:\n  - name: X\n    country: FR\n    parent: Y\n    service: s\n    data_access: none\n",
	 7, 13, "missing-key", "parent_country"},
	{"duplicate key", HDR "locations:\n  administration: [FR]\n  administration: [DE]\n", 6, 3,
	 "duplicate-key", "'administration'"},
	{"schema version 2", "sovcheck: 2\nservice:\n  name: S\n", 1, 11, "version", "'2'"},
	{"missing schema version", "service:\n  name: S\n", 1, 1, "missing-key", "'sovcheck'"},
	{"anchor", HDR "domains: &d [a.example]\n", 4, 10, "yaml-anchor", "'&d'"},
	{"list expected", HDR "domains: a.example\n", 4, 10, "type", "must be a list"},
	{"empty holds", HDR "locations:\n  data:\n    - site: A\n      country: FR\n      holds: []\n",
	 8, 14, "empty", "holds"},
	{"strength out of range",
	 HDR "mitigations:\n  - id: m\n    description: d\n    applies_to: ['*']\n    effect: likelihood\n    strength: 4\n",
	 9, 15, "range", "'4'"},
	{"duplicate mitigation id",
	 HDR "mitigations:\n  - id: m\n    description: d\n    applies_to: ['*']\n    effect: severity\n    strength: 1\n"
	     "  - id: m\n    description: d\n    applies_to: ['*']\n    effect: severity\n    strength: 1\n",
	 10, 9, "duplicate-id", "'m'"},
	{"a free float has no country",
	 HDR "provider:\n  name: P\n  shareholders:\n    - {name: F, float: true, country: US, capital: 30}\n",
	 7, 39, "float-country", "a free float (float: true) has no country"},
	{"a holder that is not a float needs a country",
	 HDR "provider:\n  name: P\n  shareholders:\n    - {name: F, capital: 30}\n",
	 7, 7, "missing-key", "'country'"},
	{"unknown relationship with suggestion",
	 HDR "subcontractors:\n  - {name: C, country: US, service: x, data_access: none,"
	 " relationship: [sofware]}\n", 5, 74, "enum", "did you mean 'software'"},
	{"autonomy without a basis",
	 HDR "subcontractors:\n  - {name: C, country: US, service: x, data_access: none,"
	 " autonomy: {description: d}}\n", 5, 69, "missing-key", "'basis'"},
	{"autonomy qualified against secnumcloud false",
	 HDR "subcontractors:\n  - {name: C, country: US, service: x, data_access: none,"
	 " secnumcloud: false, autonomy: {basis: qualified, description: d}}\n", 5, 97,
	 "autonomy-qualified", "secnumcloud is false"},
	{"a typed mitigation has no effect of its own",
	 HDR "mitigations:\n  - {id: m, kind: contractual, description: d, applies_to: ['*'],"
	 " effect: likelihood}\n", 5, 75, "mitigation-effect", "fixed by its kind"},
	{"unknown mitigation kind",
	 HDR "mitigations:\n  - {id: m, kind: customer-keys, description: d, applies_to: ['*']}\n",
	 5, 19, "enum", "customer-held-keys"},
	{"a treatment names a register id",
	 HDR "risk_treatments:\n  - {risk: R2, decision: accept, by: CEO, date: 2026-01-01}\n",
	 5, 12, "risk-id", "'R2' is not a register id"},
	{"a treatment decision is one of four",
	 HDR "risk_treatments:\n  - {risk: R-US-x-control, decision: ignore, by: CEO, date: 2026-01-01}\n",
	 5, 38, "enum", "'ignore'"},
	{"two treatments of one risk",
	 HDR "risk_treatments:\n  - {risk: R-US-x-control, decision: accept, by: A, date: 2026-01-01}\n"
	 "  - {risk: R-US-x-control, decision: avoid, by: B, date: 2026-01-02}\n",
	 6, 12, "duplicate-id", "already has a treatment"},
	{"a register digest is sha256 and 64 hex digits",
	 HDR "sign_off: {accepted_by: CEO, date: 2026-01-01, register: abc}\n",
	 4, 58, "register-digest", "'abc' is not a register digest"},
	{"yaml syntax", HDR "provider: [\n", 5, 1, "yaml-syntax", ""},
};

START_TEST(each_error_kind_has_its_position)
{
	const struct err_case *c = &cases[_i];
	sc_manifest *m = NULL;
	sc_diags *d = NULL;
	sc_status st = tu_parse(c->src, &m, &d);
	ck_assert_msg(st != SC_OK, "%s: accepted", c->name);
	ck_assert_ptr_null(m);
	bool found = false;
	for (size_t i = 0; i < sc_diags_count(d); i++) {
		const sc_diag *g = sc_diags_get(d, i);
		if (strcmp(g->rule, c->rule) == 0 && g->line == c->line && g->col == c->col &&
		    strstr(g->msg, c->needle) != NULL)
			found = true;
	}
	if (!found)
		for (size_t i = 0; i < sc_diags_count(d); i++) {
			const sc_diag *g = sc_diags_get(d, i);
			fprintf(stderr, "%s: got %u:%u [%s] %s\n", c->name, g->line, g->col, g->rule, g->msg);
		}
	ck_assert_msg(found, "%s: expected %u:%u [%s] containing \"%s\"", c->name, c->line,
	              c->col, c->rule, c->needle);
	sc_diags_free(d);
}
END_TEST

/* A mitigation written before kinds still loads, with a warning that it
 * lowers nothing; new keys load with their defaults. */
START_TEST(new_keys_load_and_an_untyped_mitigation_is_a_warning)
{
	const char *src = HDR
	    "locations:\n  support:\n    - {country: US, operations: [l3], supervision: TBD}\n"
	    "    - {country: IN, operations: [l1], data_access: customer,\n"
	    "       supervision: {in_place: true, description: jump host}}\n"
	    "subcontractors:\n  - {name: C, country: US, service: x, data_access: none,\n"
	    "     relationship: software, autonomy: {basis: own-skills, description: d, evidence: e}}\n"
	    "mitigations:\n  - {id: m, description: d, applies_to: ['*'], effect: likelihood, strength: 2}\n";
	sc_manifest *m = NULL;
	sc_diags *d = NULL;
	ck_assert_int_eq(tu_parse(src, &m, &d), SC_OK);
	ck_assert_uint_eq(sc_diags_count(d), 1);
	const sc_diag *g = sc_diags_get(d, 0);
	ck_assert_int_eq(g->severity, SC_SEV_WARNING);
	ck_assert_str_eq(g->rule, "mitigation-kind");
	ck_assert_int_eq(m->mitigations[0].kind, MF_MKIND_NONE);
	ck_assert(!m->support[0].supervision_in_place);      /* "TBD" */
	ck_assert_int_eq(m->support[0].data_access, MF_DATA_METADATA);
	ck_assert(m->support[1].supervision_in_place);
	ck_assert_str_eq(m->support[1].supervision, "jump host");
	ck_assert_int_eq(m->support[1].data_access, MF_DATA_CUSTOMER);
	ck_assert_uint_eq(m->subs[0].rels, 1u << MF_REL_SOFTWARE);
	ck_assert(m->subs[0].has_autonomy);
	ck_assert_int_eq(m->subs[0].autonomy_basis, MF_BASIS_OWN_SKILLS);
	ck_assert_str_eq(m->subs[0].autonomy_evidence, "e");
	sc_manifest_free(m);
	sc_diags_free(d);
}
END_TEST

START_TEST(all_errors_are_reported_together)
{
	const char *src =
		"sovcheck: 1\n"
		"service:\n  name: S\n  modle: IaaS\n"
		"provider:\n  name: P\n  registered_office: EL\n  central_administration: XX\n"
		"endpoints:\n  - host: a.example\n    role: apii\n    data: none\n"
		"waivers:\n  - requirement: x\n    subject: y\n    reason: z\n    approved_by: w\n"
		"    expires: 2027-13-01\n";
	sc_manifest *m = NULL;
	sc_diags *d = NULL;
	ck_assert_int_eq(tu_parse(src, &m, &d), SC_ERR_INVALID);
	ck_assert_uint_eq(sc_diags_errors(d), 5);
	/* Sorted by position. */
	unsigned last = 0;
	for (size_t i = 0; i < sc_diags_count(d); i++) {
		ck_assert_uint_ge(sc_diags_get(d, i)->line, last);
		last = sc_diags_get(d, i)->line;
	}
	sc_diags_free(d);
}
END_TEST

/* document: the §5.3.d document's control — every field kept, each
 * missing one an error at the section, an empty scope refused. */
START_TEST(the_document_section_loads_and_is_checked)
{
	const char *ok = HDR
		"document:\n  reference: ACME-RR-2026-01\n  version: \"1.2\"\n"
		"  classification: Diffusion restreinte\n  owner: Claire Dubois\n"
		"  scope:\n    - Acme Object Storage\n    - Acme Compute\n";
	sc_manifest *m = NULL;
	ck_assert_int_eq(tu_parse(ok, &m, NULL), SC_OK);
	ck_assert(m->has_document);
	ck_assert_str_eq(m->doc_reference, "ACME-RR-2026-01");
	ck_assert_str_eq(m->doc_version, "1.2");
	ck_assert_str_eq(m->doc_classification, "Diffusion restreinte");
	ck_assert_str_eq(m->doc_owner, "Claire Dubois");
	ck_assert_uint_eq(m->doc_scope.n, 2);
	ck_assert_str_eq(m->doc_scope.v[1], "Acme Compute");
	sc_manifest_free(m);

	const char *bad = HDR "document:\n  reference: R\n  scope: []\n";
	sc_diags *d = NULL;
	m = NULL;
	ck_assert_int_eq(tu_parse(bad, &m, &d), SC_ERR_INVALID);
	/* version and classification missing, scope empty */
	ck_assert_uint_eq(sc_diags_errors(d), 3);
	sc_diags_free(d);

	m = NULL;
	ck_assert_int_eq(tu_parse(HDR, &m, NULL), SC_OK);
	ck_assert(!m->has_document);
	sc_manifest_free(m);
}
END_TEST

START_TEST(a_valid_manifest_loads_with_defaults)
{
	const char *src = HDR
		"endpoints:\n  - host: a.example\n    role: api\n    data: customer\n"
		"  - host: 192.0.2.1\n    port: 25\n    role: other\n    data: none\n"
		"  - host: 2001:db8::1\n    port: 8443\n    role: admin\n    data: technical\n";
	sc_manifest *m = NULL;
	ck_assert_int_eq(tu_parse(src, &m, NULL), SC_OK);
	ck_assert_uint_eq(m->nendpoints, 3);
	ck_assert_int_eq(m->endpoints[0].port, 443);
	ck_assert(m->endpoints[0].tls);
	ck_assert(!m->endpoints[1].tls);
	ck_assert(m->endpoints[2].tls);
	ck_assert_int_eq(m->endpoints[2].role, MF_ROLE_ADMIN);
	sc_manifest_free(m);
}
END_TEST

START_TEST(the_demo_manifest_is_valid)
{
	sc_diags *d = sc_diags_new();
	sc_manifest *m = NULL;
	ck_assert_int_eq(sc_manifest_load(SC_SRCDIR "/examples/acme-storage/service.yaml", d, &m),
	                 SC_OK);
	ck_assert_uint_eq(sc_manifest_subcontractor_count(m), 7);
	ck_assert_uint_eq(sc_manifest_shareholder_count(m), 7);
	sc_manifest_free(m);
	sc_diags_free(d);
}
END_TEST

START_TEST(a_missing_file_is_an_io_error)
{
	sc_diags *d = sc_diags_new();
	sc_manifest *m = NULL;
	ck_assert_int_eq(sc_manifest_load("/nonexistent/x.yaml", d, &m), SC_ERR_IO);
	ck_assert_uint_eq(sc_diags_count(d), 1);
	sc_diags_free(d);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("manifest");
	TCase *tc = tcase_create("loader");
	tcase_add_loop_test(tc, each_error_kind_has_its_position, 0,
	                    (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, all_errors_are_reported_together);
	tcase_add_test(tc, new_keys_load_and_an_untyped_mitigation_is_a_warning);
	tcase_add_test(tc, a_valid_manifest_loads_with_defaults);
	tcase_add_test(tc, the_demo_manifest_is_valid);
	tcase_add_test(tc, a_missing_file_is_an_io_error);
	tcase_add_test(tc, the_document_section_loads_and_is_checked);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
