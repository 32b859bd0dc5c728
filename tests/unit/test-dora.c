/*
 * test-dora.c — the checks of the dora-ict-third-party pack at their
 * boundaries, on the small fixed service of fixture.h with its
 * subcontractors replaced case by case: the register of information
 * (DORA Art. 28(3)) complete or naming what it lacks, not applicable
 * without critical parties, unknown without declarations; the
 * concentration of critical functions on one ultimate controller (Art. 29)
 * at max_functions and one party, through subcontractors and through an
 * operator the evidence shows; the locations the evidence shows against
 * the stated ones (Art. 30(2)(b)), unknown without evidence or statement;
 * the treatment of every supplier controlled outside the EU27 (NIS2
 * Art. 21(2)(d)). And the hostile values of the manifest's new keys.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filing.h"
#include "fixture.h"
#include "testutil.h"

/* two LEIs made for the tests: 18 characters and their MOD 97-10 digits */
#define LEI1 "529900TESTLEI0000161"
#define LEI2 "529900TESTLEI0000258"

struct dcase {
	const char *name;
	const char *subs;        /* the subcontractors: section (and what follows) */
	bool collect;            /* with the fixture's zones, collected */
	const char *req, *subject;
	sc_verdict expect;
	const char *needle;
};

static const struct dcase cases[] = {
	/* DORA-28.3: the register of information */
	{"a critical party with every field known passes",
	 "subcontractors:\n  - {name: Euro Host SAS, country: FR, service: hosting, data_access: customer,"
	 " functions: [payments], lei: " LEI1 "}\n", false, "DORA-28.3", "Euro Host SAS", SC_PASS,
	 "LEI " LEI1 "; head office in France; ultimate parent Euro Host SAS (France), from the "
	 "registry; subcontracting rank 1; customer data in PAR-1 (FR)"},
	{"a critical party without an LEI fails naming it",
	 "subcontractors:\n  - {name: Euro Host SAS, country: FR, service: hosting, data_access: customer,"
	 " functions: [payments]}\n", false, "DORA-28.3", "Euro Host SAS", SC_FAIL,
	 "lacks its LEI (lei)"},
	{"without a declared LEI, the registry's for the party itself counts",
	 "subcontractors:\n  - {name: MailCo Ltd, country: GB, parent: MailCo Ltd, parent_country: GB,"
	 " service: mail, data_access: none, functions: [payments]}\n", false, "DORA-28.3",
	 "MailCo Ltd", SC_PASS, "LEI " LEI2 " (from the registry)"},
	{"a declared LEI the registry contradicts fails naming both",
	 "subcontractors:\n  - {name: MailCo Ltd, country: GB, parent: MailCo Ltd, parent_country: GB,"
	 " service: mail, data_access: none, functions: [payments], lei: " LEI1 "}\n", false,
	 "DORA-28.3", "MailCo Ltd", SC_FAIL, "declared " LEI1 "; the registry records " LEI2
	 " for MailCo Ltd"},
	{"a critical party nobody knows the parent of fails naming it",
	 "subcontractors:\n  - {name: Nowhere Ltd, country: IE, service: saas, data_access: none,"
	 " functions: [payments], lei: " LEI1 "}\n", false, "DORA-28.3", "Nowhere Ltd", SC_FAIL,
	 "lacks its ultimate parent and that parent's country"},
	{"a declared parent is the ultimate parent",
	 "subcontractors:\n  - {name: Nowhere Ltd, country: IE, parent: Far Group, parent_country: US,"
	 " service: saas, data_access: none, functions: [payments], lei: " LEI1 "}\n", false,
	 "DORA-28.3", "Nowhere Ltd", SC_PASS, "ultimate parent Far Group (United States of America), "
	 "as declared"},
	{"a critical party reaching data no site holds fails naming the locations",
	 "subcontractors:\n  - {name: Euro Host SAS, country: FR, service: backup, data_access: none,"
	 " relationship: hosting, functions: [payments], lei: " LEI1 "}\n"
	 "locations:\n  data: [{site: T, country: FR, holds: [technical]}]\n", false, "DORA-28.3",
	 "Euro Host SAS", SC_FAIL, "the locations of customer data (no declared data site holds them)"},
	{"critical: true without functions fails naming the functions",
	 "subcontractors:\n  - {name: Euro Host SAS, country: FR, service: hosting, data_access: none,"
	 " critical: true, lei: " LEI1 "}\n", false, "DORA-28.3", "Euro Host SAS", SC_FAIL,
	 "the functions it supports (functions)"},
	{"a critical party at rank 2 is in the register",
	 "subcontractors:\n  - name: Euro Host SAS\n    country: FR\n    service: hosting\n"
	 "    data_access: none\n    subcontractors:\n      - {name: Sub Co, country: FR, parent: Sub Co,"
	 " parent_country: FR, service: x, data_access: none, functions: [payments]}\n", false,
	 "DORA-28.3", "Sub Co", SC_FAIL, "(rank 2, supporting payments)"},
	{"no critical party: not applicable",
	 "subcontractors:\n  - {name: Euro Host SAS, country: FR, service: hosting, data_access: none,"
	 " critical: false}\n", false, "DORA-28.3", "subcontractors", SC_NOT_APPLICABLE,
	 "no declared third party supports a critical or important function"},
	{"undeclared third parties: unknown", "", false, "DORA-28.3", "subcontractors", SC_UNKNOWN,
	 "not declared"},
	/* DORA-29: concentration */
	{"one function on one controller passes",
	 "subcontractors:\n  - {name: Euro Host SAS, country: FR, service: hosting, data_access: none,"
	 " functions: [payments]}\n", false, "DORA-29", "Euro Host SAS", SC_PASS,
	 "carries 1 critical or important function (payments) of 1 party"},
	{"two functions on one controller fail (max_functions 1)",
	 "subcontractors:\n  - {name: Euro Host SAS, country: FR, service: hosting, data_access: none,"
	 " functions: [payments, lending]}\n", false, "DORA-29", "Euro Host SAS", SC_FAIL,
	 "carries 2 critical or important functions (lending and payments)"},
	{"two critical parties of one group fail, the same function or not",
	 "subcontractors:\n  - {name: A Co, country: US, parent: Globex Corp., parent_country: US,"
	 " service: x, data_access: none, functions: [payments]}\n"
	 "  - {name: B Co, country: US, parent: Globex Corp., parent_country: US, service: y,"
	 " data_access: none, functions: [payments]}\n", false, "DORA-29", "Globex Corp.", SC_FAIL,
	 "of 2 parties (A Co and B Co)"},
	{"a subcontractor of a critical party carries its functions",
	 "subcontractors:\n  - name: A Co\n    country: FR\n    parent: A Co\n    parent_country: FR\n"
	 "    service: x\n    data_access: none\n    functions: [payments]\n    subcontractors:\n"
	 "      - {name: Globex CDN Inc., country: US, service: cdn, data_access: none}\n"
	 "  - {name: B Co, country: US, parent: Globex Corp., parent_country: US, service: y,"
	 " data_access: none, functions: [lending]}\n", false, "DORA-29", "Globex Corp.", SC_FAIL,
	 "A Co through its subcontractor Globex CDN Inc."},
	{"a controller no one knows is unknown",
	 "subcontractors:\n  - {name: Nowhere Ltd, country: IE, service: saas, data_access: none,"
	 " functions: [payments]}\n", false, "DORA-29", "Nowhere Ltd", SC_UNKNOWN,
	 "the ultimate controller of Nowhere Ltd is not known"},
	{"an operator the evidence shows under a critical party carries its function",
	 "subcontractors:\n  - {name: Euro Host SAS, country: FR, service: hosting, data_access: none,"
	 " functions: [payments], hosts: [www.shop.example]}\n"
	 "  - {name: Globex CDN Inc., country: US, parent: Globex Corp., parent_country: US,"
	 " service: cdn, data_access: none, functions: [web-shop]}\n", true, "DORA-29",
	 "Globex Corp.", SC_FAIL, "Euro Host SAS through Globex CDN Inc., observed in the evidence"},
	{"without the evidence, the same declarations pass",
	 "subcontractors:\n  - {name: Euro Host SAS, country: FR, service: hosting, data_access: none,"
	 " functions: [payments], hosts: [www.shop.example]}\n"
	 "  - {name: Globex CDN Inc., country: US, parent: Globex Corp., parent_country: US,"
	 " service: cdn, data_access: none, functions: [web-shop]}\n", false, "DORA-29",
	 "Globex Corp.", SC_PASS, "of 1 party (Globex CDN Inc.)"},
	{"no critical party: no concentration to assess",
	 "subcontractors: []\n", false, "DORA-29", "subcontractors", SC_NOT_APPLICABLE,
	 "no concentration"},
	{"undeclared third parties: concentration unknown", "", false, "DORA-29", "subcontractors",
	 SC_UNKNOWN, "cannot be known"},
	/* DORA-30.2: locations as stated */
	{"no evidence: unknown", "subcontractors: []\n", false, "DORA-30.2", "evidence", SC_UNKNOWN,
	 "cannot be compared with the stated locations"},
	{"an address in a stated country passes", "subcontractors: []\n", true, "DORA-30.2",
	 "location:FR", SC_PASS, "1 address carrying technical data/customer data is located in "
	 "France, as stated (192.0.2.10; PAR-1 (FR))"},
	{"an address in a country no site is in fails", "subcontractors: []\n", true, "DORA-30.2",
	 "location:US", SC_FAIL, "located in United States of America, where no declared data site "
	 "is (198.51.100.7)"},
	{"the same address passes once a site there is stated",
	 "subcontractors: []\nlocations:\n  data: [{site: PAR-1, country: FR, holds: [customer]},"
	 " {site: NYC-1, country: US, holds: [backup]}]\n", true, "DORA-30.2", "location:US", SC_PASS,
	 "as stated"},
	{"evidence but no stated location: unknown",
	 "subcontractors: []\nlocations:\n  administration: [FR]\n", true, "DORA-30.2",
	 "locations.data", SC_UNKNOWN, "are not stated"},
	/* NIS2-21.2.d: supply-chain exposure */
	{"a supplier controlled outside the EU27 without a treatment fails, naming the laws",
	 "subcontractors:\n  - {name: Globex CDN Inc., country: US, service: cdn, data_access: none}\n",
	 false, "NIS2-21.2.d", "Globex CDN Inc.", SC_FAIL, "within reach of CLOUD Act"},
	{"its risk treated, it passes",
	 "subcontractors:\n  - {name: Globex CDN Inc., country: US, service: cdn, data_access: none}\n"
	 "risk_treatments: [{risk: R-US-globex-cdn-inc-control, decision: accept, by: CRO,"
	 " date: 2026-11-01}]\n", false, "NIS2-21.2.d", "Globex CDN Inc.", SC_PASS,
	 "was assessed — accepted, by CRO on 2026-11-01"},
	{"an observed supplier outside the EU27 is judged too", "subcontractors: []\n", true,
	 "NIS2-21.2.d", "Globex CDN Inc.", SC_FAIL, "has no recorded treatment"},
	{"nobody outside the EU27 passes, saying it stands on declarations",
	 "subcontractors:\n  - {name: Euro Host SAS, country: FR, service: hosting, data_access: none}\n",
	 false, "NIS2-21.2.d", "suppliers", SC_PASS, "declarations only"},
};

/* The fixture's manifest up to its subcontractors, then the case's own,
 * then (to collect) the fixture's zones. */
static char *
manifest_of(const struct dcase *c)
{
	const char *cut = strstr(fx_manifest, "subcontractors:\n");
	ck_assert_ptr_nonnull(cut);
	const char *loc = strstr(c->subs, "locations:\n");
	size_t n = (size_t)(cut - fx_manifest);
	size_t len = n + strlen(c->subs) + 64;
	char *src = malloc(len);
	ck_assert_ptr_nonnull(src);
	memcpy(src, fx_manifest, n);
	src[n] = '\0';
	if (loc) {
		/* the case states its own locations: drop the fixture's */
		char *l = strstr(src, "locations:\n"), *e = strstr(src, "endpoints:\n");
		ck_assert(l && e);
		memmove(l, e, strlen(e) + 1);
	}
	strncat(src, c->subs, len - strlen(src) - 1);
	if (c->collect)
		strncat(src, "sources: {zones: [shop.zone, net.zone]}\n", len - strlen(src) - 1);
	return src;
}

START_TEST(dora_checks)
{
	const struct dcase *c = &cases[_i];
	fixture fx;
	fx_setup(&fx);
	char *src = manifest_of(c);
	fx_write(&fx, "service.yaml", src);
	free(src);
	sc_manifest_free(fx.m);
	sc_pack_free(fx.pack);
	sc_diags *d = sc_diags_new();
	sc_status st = sc_manifest_load(fx_path(&fx, "service.yaml"), d, &fx.m);
	for (size_t i = 0; st != SC_OK && i < sc_diags_count(d); i++)
		fprintf(stderr, "%s: %u:%u: %s\n", c->name, sc_diags_get(d, i)->line,
		        sc_diags_get(d, i)->col, sc_diags_get(d, i)->msg);
	ck_assert_int_eq(st, SC_OK);
	ck_assert_int_eq(sc_pack_load(SC_SRCDIR "/policies/dora-ict-third-party.yaml", NULL, d,
	                              &fx.pack), SC_OK);
	sc_diags_free(d);
	fx_file(&fx);
	const rs_req *q = NULL;
	for (size_t i = 0; i < fx.f->result->nreqs; i++)
		if (strcmp(sc_requirement_id(fx.f->result->reqs[i].req), c->req) == 0)
			q = &fx.f->result->reqs[i];
	ck_assert_ptr_nonnull(q);
	const rs_finding *f = NULL;
	for (size_t i = 0; i < q->n; i++)
		if (strcmp(q->f[i].subject, c->subject) == 0)
			f = &q->f[i];
	if (f == NULL)
		for (size_t i = 0; i < q->n; i++)
			fprintf(stderr, "  %s: %s\n", q->f[i].subject, tu_reason(&q->f[i]));
	ck_assert_msg(f != NULL, "%s: no finding for %s", c->name, c->subject);
	ck_assert_msg(f->verdict == c->expect, "%s: %s, expected %s: %s", c->name,
	              sc_verdict_to_string(f->verdict), sc_verdict_to_string(c->expect),
	              tu_reason(f));
	ck_assert_msg(strstr(tu_reason(f), c->needle) != NULL, "%s: reason lacks \"%s\": %s",
	              c->name, c->needle, tu_reason(f));
	/* the French sentence is rendered from the same message */
	ck_assert_ptr_nonnull(f->msg);
	char *fr = msg_string(SC_LANG_FR, f->msg);
	ck_assert_ptr_nonnull(fr);
	free(fr);
	fx_free(&fx);
}
END_TEST

/* Hostile values of the new keys: each refused at its line:col. */
struct hcase {
	const char *name;
	const char *yaml;        /* the subcontractor's extra keys */
	unsigned line, col;
	const char *needle;
};

static const struct hcase hostile[] = {
	{"a wrong check digit", "    lei: 529900TESTLEI0000162\n", 7, 28,
	 "the check digits of 529900TESTLEI00001 are 61, not 62"},
	{"a lower-case letter", "    lei: 529900testLEI0000161\n", 7, 16,
	 "character 7 't' is lower case"},
	{"an LEI one character short", "    lei: 529900TESTLEI000016\n", 7, 10,
	 "has 19 characters; an LEI has 20"},
	{"a letter among the check digits", "    lei: \"529900TESTLEI00001A1\"\n", 7, 29,
	 "character 19 is not a check digit"},
	{"functions not a list", "    functions: payments\n", 7, 16,
	 "functions must be a list of function ids"},
	{"a function id with spaces", "    functions: [core banking]\n", 7, 17,
	 "a function id is 1 to 64 letters"},
	{"critical not a boolean", "    critical: yes\n", 7, 15, "critical must be true or false"},
	{"critical false with functions", "    critical: false\n    functions: [payments]\n", 7, 15,
	 "false, but functions lists 1 critical or important function"},
};

START_TEST(hostile_values_are_refused_at_their_position)
{
	const struct hcase *h = &hostile[_i];
	char src[1024];
	snprintf(src, sizeof(src), "sovcheck: 1\nservice: {name: S}\nsubcontractors:\n"
	         "  - name: A\n    country: FR\n    service: x\n%s    data_access: none\n", h->yaml);
	sc_diags *d = sc_diags_new();
	sc_manifest *m = NULL;
	ck_assert_int_eq(sc_manifest_parse(src, strlen(src), "t.yaml", d, &m), SC_ERR_INVALID);
	bool found = false;
	for (size_t i = 0; i < sc_diags_count(d); i++) {
		const sc_diag *g = sc_diags_get(d, i);
		if (strstr(g->msg, h->needle) == NULL)
			continue;
		found = true;
		ck_assert_msg(g->line == h->line && g->col == h->col, "%s: at %u:%u, expected %u:%u",
		              h->name, g->line, g->col, h->line, h->col);
	}
	for (size_t i = 0; !found && i < sc_diags_count(d); i++)
		fprintf(stderr, "%s: %u:%u %s\n", h->name, sc_diags_get(d, i)->line,
		        sc_diags_get(d, i)->col, sc_diags_get(d, i)->msg);
	ck_assert_msg(found, "%s: no error saying \"%s\"", h->name, h->needle);
	sc_diags_free(d);
	sc_manifest_free(m);
}
END_TEST

START_TEST(valid_values_are_kept)
{
	const char *src = "sovcheck: 1\nservice: {name: S}\nsubcontractors:\n"
	                  "  - {name: A, country: FR, service: x, data_access: none, lei: " LEI2 ",\n"
	                  "     functions: [payments, core-banking]}\n"
	                  "  - {name: B, country: FR, service: x, data_access: none, critical: true}\n";
	sc_diags *d = sc_diags_new();
	sc_manifest *m = NULL;
	ck_assert_int_eq(sc_manifest_parse(src, strlen(src), "t.yaml", d, &m), SC_OK);
	ck_assert_str_eq(m->subs[0].lei, LEI2);
	ck_assert(m->subs[0].critical);
	ck_assert_uint_eq(m->subs[0].functions.n, 2);
	ck_assert_str_eq(m->subs[0].functions.v[1], "core-banking");
	ck_assert(m->subs[1].critical);
	ck_assert_str_eq(m->subs[1].lei, "");
	sc_diags_free(d);
	sc_manifest_free(m);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("dora");
	TCase *tc = tcase_create("dora");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, dora_checks, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_loop_test(tc, hostile_values_are_refused_at_their_position, 0,
	                    (int)(sizeof(hostile) / sizeof(hostile[0])));
	tcase_add_test(tc, valid_values_are_kept);
	suite_add_tcase(s, tc);
	return fx_run(s);
}
