/*
 * test-shareholding.c — §19.6.b arithmetic: individual and collective caps at
 * their exact boundaries, indirect holdings (multiplicative and control
 * readings, each on capital and on voting rights alone, the control
 * threshold at its boundary), the same holder reached by several paths,
 * veto, board majority.
 */
#include "testutil.h"

#define HDR "sovcheck: 1\nservice:\n  name: S\nprovider:\n  name: P\n" \
            "  registered_office: FR\n  central_administration: FR\n" \
            "  principal_establishment: FR\n"

static sc_result *
ev(const char *holders)
{
	char src[4096];
	snprintf(src, sizeof(src), "%s%s", HDR, holders);
	return tu_eval(src, "2026-11-22");
}

static const char *
reason(const sc_result *r, const char *subject)
{
	return tu_reason(tu_finding(r, "19.6.b", subject));
}

struct cap_case {
	const char *name;
	const char *holders;
	const char *subject;
	sc_verdict expect;
	const char *needle;
};

static const struct cap_case cases[] = {
	{"24 % individually passes",
	 "  shareholders:\n    - {name: U, country: US, capital: 24, voting: 24}\n",
	 "U", SC_PASS, "24 % of the capital"},
	{"24.01 % individually fails",
	 "  shareholders:\n    - {name: U, country: US, capital: 24.01, voting: 10}\n",
	 "U", SC_FAIL, "more than the individual cap of 24 %"},
	{"voting alone above the cap fails",
	 "  shareholders:\n    - {name: U, country: US, capital: 10, voting: 30}\n",
	 "U", SC_FAIL, "30 % of the voting"},
	{"39 % collectively passes",
	 "  shareholders:\n    - {name: U, country: US, capital: 20, voting: 20}\n"
	 "    - {name: C, country: CN, capital: 19, voting: 19}\n",
	 "non-EU holders (collective)", SC_PASS, "39 %"},
	{"39 % of the voting rights collectively passes (capital lower)",
	 "  shareholders:\n    - {name: U, country: US, capital: 10, voting: 20}\n"
	 "    - {name: C, country: CN, capital: 10, voting: 19}\n",
	 "non-EU holders (collective)", SC_PASS, "39 % of the voting"},
	{"39.01 % of the voting rights collectively fails (capital lower)",
	 "  shareholders:\n    - {name: U, country: US, capital: 10, voting: 20}\n"
	 "    - {name: C, country: CN, capital: 10, voting: 19.01}\n",
	 "non-EU holders (collective)", SC_FAIL, "39.01 % of the voting"},
	{"39.01 % collectively fails",
	 "  shareholders:\n    - {name: U, country: US, capital: 20, voting: 20}\n"
	 "    - {name: C, country: CN, capital: 19.01, voting: 19}\n",
	 "non-EU holders (collective)", SC_FAIL, "39.01 %"},
	{"EU holders have no cap",
	 "  shareholders:\n    - {name: D, country: DE, capital: 100, voting: 100}\n",
	 "non-EU holders (collective)", SC_PASS, "0 %"},
	{"EEA and Swiss holders are non-EU",
	 "  shareholders:\n    - {name: N, country: NO, capital: 25, voting: 25}\n",
	 "N", SC_FAIL, "NO, outside EU27"},
	{"indirect stake is multiplied: 60 % x 40 % = 24 % passes",
	 "  shareholders:\n    - name: H\n      country: FR\n      capital: 60\n      voting: 60\n"
	 "      shareholders:\n        - {name: U, country: US, capital: 40, voting: 40}\n"
	 "        - {name: F, country: FR, capital: 60, voting: 60}\n",
	 "U", SC_PASS, "24 % of the capital"},
	{"indirect stake 60 % x 41 % = 24.6 % fails",
	 "  shareholders:\n    - name: H\n      country: FR\n      capital: 60\n      voting: 60\n"
	 "      shareholders:\n        - {name: U, country: US, capital: 41, voting: 41}\n"
	 "        - {name: F, country: FR, capital: 59, voting: 59}\n",
	 "U", SC_FAIL, "24.6 %"},
	{"control reading: a controlled intermediate's whole stake counts",
	 "  shareholders:\n    - name: H\n      country: FR\n      capital: 30\n      voting: 30\n"
	 "      shareholders:\n        - {name: U, country: US, capital: 60, voting: 60}\n"
	 "        - {name: F, country: FR, capital: 40, voting: 40}\n",
	 "U", SC_FAIL, "control-based reading, 30 % / 30 %"},
	{"control reading on capital alone: voting stays within the cap",
	 "  shareholders:\n    - name: H\n      country: FR\n      capital: 30\n      voting: 10\n"
	 "      shareholders:\n        - {name: U, country: US, capital: 60, voting: 60}\n"
	 "        - {name: F, country: FR, capital: 40, voting: 40}\n",
	 "U", SC_FAIL, "30 % of the capital and 10 % of the voting"},
	{"control reading on voting alone: capital stays within the cap",
	 "  shareholders:\n    - name: H\n      country: FR\n      capital: 10\n      voting: 30\n"
	 "      shareholders:\n        - {name: U, country: US, capital: 60, voting: 60}\n"
	 "        - {name: F, country: FR, capital: 40, voting: 40}\n",
	 "U", SC_FAIL, "10 % of the capital and 30 % of the voting"},
	{"exactly 50 % of an intermediate's votes is not control: 30 % x 50 % = 15 % passes",
	 "  shareholders:\n    - name: H\n      country: FR\n      capital: 30\n      voting: 30\n"
	 "      shareholders:\n        - {name: U, country: US, capital: 50, voting: 50}\n"
	 "        - {name: F, country: FR, capital: 50, voting: 50}\n",
	 "U", SC_PASS, "15 % of the capital and 15 % of the voting"},
	{"50.01 % of an intermediate's votes is control: its whole 30 % counts",
	 "  shareholders:\n    - name: H\n      country: FR\n      capital: 30\n      voting: 30\n"
	 "      shareholders:\n        - {name: U, country: US, capital: 50.01, voting: 50.01}\n"
	 "        - {name: F, country: FR, capital: 49.99, voting: 49.99}\n",
	 "U", SC_FAIL, "control-based reading, 30 % / 30 %"},
	{"the same holder directly and indirectly is summed",
	 "  shareholders:\n    - {name: X, country: US, capital: 15, voting: 15}\n"
	 "    - name: H\n      country: FR\n      capital: 50\n      voting: 50\n"
	 "      shareholders:\n        - {name: X, country: US, capital: 20, voting: 20}\n"
	 "        - {name: F, country: FR, capital: 80, voting: 80}\n",
	 "X", SC_FAIL, "25 % of the capital"},
	{"a non-EU holder's own holders are not counted twice collectively",
	 "  shareholders:\n    - name: A\n      country: US\n      capital: 20\n      voting: 20\n"
	 "      shareholders:\n        - {name: B, country: CN, capital: 100, voting: 100}\n",
	 "non-EU holders (collective)", SC_PASS, "hold 20 % of the capital"},
	{"capital alone is used for voting and said so",
	 "  shareholders:\n    - {name: U, country: US, capital: 10}\n",
	 "U", SC_PASS, "the other was used"},
	{"a non-EU veto fails",
	 "  shareholders:\n    - {name: U, country: US, capital: 5, voting: 5, veto: true}\n",
	 "U", SC_FAIL, "veto"},
};

START_TEST(caps_and_readings)
{
	const struct cap_case *c = &cases[_i];
	sc_result *r = ev(c->holders);
	const rs_finding *f = NULL;
	const rs_req *q = tu_req(r, "19.6.b");
	/* The subject may have several findings (cap and veto): pick the one
	 * whose reason contains the needle. */
	for (size_t i = 0; i < q->n; i++)
		if (strcmp(q->f[i].subject, c->subject) == 0 &&
		    strstr(tu_reason(&q->f[i]), c->needle))
			f = &q->f[i];
	if (f == NULL)
		for (size_t i = 0; i < q->n; i++)
			fprintf(stderr, "%s: %s: %s\n", c->name, q->f[i].subject,
			        tu_reason(&q->f[i]));
	ck_assert_msg(f != NULL, "%s: no finding for %s containing \"%s\"", c->name, c->subject,
	              c->needle);
	ck_assert_msg(f->verdict == c->expect, "%s: verdict %s, expected %s: %s", c->name,
	              sc_verdict_to_string(f->verdict), sc_verdict_to_string(c->expect),
	              tu_reason(f));
	tu_done(r);
}
END_TEST

START_TEST(veto_through_a_controlled_holder_fails)
{
	sc_result *r = ev("  shareholders:\n    - name: H\n      country: FR\n      capital: 10\n"
	                  "      voting: 10\n      veto: true\n      shareholders:\n"
	                  "        - {name: U, country: US, capital: 51, voting: 51}\n");
	ck_assert_int_eq(TU_VERDICT(r, "19.6.b", "H"), SC_FAIL);
	ck_assert_ptr_nonnull(strstr(reason(r, "H"), "controlled from"));
	tu_done(r);
}
END_TEST

START_TEST(veto_of_an_eu_controlled_holder_passes)
{
	sc_result *r = ev("  shareholders:\n    - name: H\n      country: FR\n      capital: 10\n"
	                  "      voting: 10\n      veto: true\n      shareholders:\n"
	                  "        - {name: U, country: US, capital: 49, voting: 49}\n"
	                  "        - {name: F, country: FR, capital: 51, voting: 51}\n");
	ck_assert_int_eq(tu_req(r, "19.6.b")->verdict, SC_PASS);
	tu_done(r);
}
END_TEST

START_TEST(board_majority)
{
	static const struct { long seats, size; sc_verdict v; } rows[] = {
		{4, 7, SC_FAIL}, {3, 7, SC_PASS}, {4, 8, SC_PASS}, {5, 8, SC_FAIL},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char h[512];
		snprintf(h, sizeof(h), "  board_seats: %ld\n  shareholders:\n"
		         "    - {name: U, country: US, capital: 5, voting: 5, board_seats: %ld}\n",
		         rows[i].size, rows[i].seats);
		sc_result *r = ev(h);
		ck_assert_msg(TU_VERDICT(r, "19.6.b", "provider.board_seats") == rows[i].v,
		              "%ld of %ld", rows[i].seats, rows[i].size);
		tu_done(r);
	}
}
END_TEST

START_TEST(board_size_missing_is_unknown)
{
	sc_result *r = ev("  shareholders:\n"
	                  "    - {name: U, country: US, capital: 5, voting: 5, board_seats: 2}\n");
	ck_assert_int_eq(TU_VERDICT(r, "19.6.b", "provider.board_seats"), SC_UNKNOWN);
	ck_assert_int_eq(tu_req(r, "19.6.b")->verdict, SC_UNKNOWN);
	tu_done(r);
}
END_TEST

START_TEST(undeclared_shareholders_are_unknown_not_pass)
{
	sc_result *r = ev("");
	ck_assert_int_eq(tu_req(r, "19.6.b")->verdict, SC_UNKNOWN);
	tu_done(r);
}
END_TEST

/* A company (its name ends in a legal form) in the EU holding above the
 * individual cap, whose own holders are neither declared nor known: where
 * it is held from cannot be judged — unknown, never a pass. Its holders
 * declared, a person or a family, or a stake within the cap: nothing. */
START_TEST(a_company_holder_above_the_cap_needs_its_own_holders)
{
	static const struct { const char *holders, *subject; bool open; } co[] = {
		{"  shareholders:\n    - {name: Lux Holding S.A., country: LU, capital: 60, voting: 60}\n",
		 "Lux Holding S.A.", true},
		{"  shareholders:\n    - name: Lux Holding S.A.\n      country: LU\n      capital: 60\n"
		 "      voting: 60\n      shareholders:\n"
		 "        - {name: Famille Weber, country: LU, capital: 100, voting: 100}\n",
		 "Lux Holding S.A.", false},
		{"  shareholders:\n    - {name: Jean Weber, country: LU, capital: 60, voting: 60}\n",
		 "Jean Weber", false},
		{"  shareholders:\n    - {name: Lux Holding S.A., country: LU, capital: 24, voting: 24}\n",
		 "Lux Holding S.A.", false},
		/* through an intermediate: 80 % of a 50 % holder controls it */
		{"  shareholders:\n    - name: H\n      country: FR\n      capital: 50\n      voting: 50\n"
		 "      shareholders:\n        - {name: Beta GmbH, country: DE, capital: 80, voting: 80}\n"
		 "        - {name: F, country: FR, capital: 20, voting: 20}\n",
		 "Beta GmbH", true},
	};
	for (size_t i = 0; i < sizeof(co) / sizeof(co[0]); i++) {
		sc_result *r = ev(co[i].holders);
		const rs_req *q = tu_req(r, "19.6.b");
		const rs_finding *f = NULL;
		for (size_t k = 0; k < q->n; k++)
			if (strcmp(q->f[k].subject, co[i].subject) == 0 &&
			    strstr(tu_reason(&q->f[k]), "whose own holders are neither declared"))
				f = &q->f[k];
		ck_assert_msg((f != NULL) == co[i].open, "case %zu", i);
		if (f) {
			ck_assert_int_eq(f->verdict, SC_UNKNOWN);
			ck_assert_int_eq(q->verdict, SC_UNKNOWN);
		}
		tu_done(r);
	}
}
END_TEST

START_TEST(the_computation_is_shown)
{
	sc_result *r = ev("  shareholders:\n    - name: H\n      country: FR\n      capital: 60\n"
	                  "      voting: 60\n      shareholders:\n"
	                  "        - {name: U, country: US, capital: 40, voting: 40}\n");
	const rs_finding *f = tu_finding(r, "19.6.b", "U");
	ck_assert_ptr_nonnull(f->computation);
	ck_assert_ptr_nonnull(strstr(f->computation, "via H: capital 24 %"));
	const rs_finding *c = tu_finding(r, "19.6.b", "non-EU holders (collective)");
	ck_assert_ptr_nonnull(c->computation);
	ck_assert_ptr_nonnull(strstr(c->computation, "U (US) 24 %"));
	tu_done(r);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("shareholding");
	TCase *tc = tcase_create("19.6.b");
	tcase_add_loop_test(tc, caps_and_readings, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, veto_through_a_controlled_holder_fails);
	tcase_add_test(tc, a_company_holder_above_the_cap_needs_its_own_holders);
	tcase_add_test(tc, veto_of_an_eu_controlled_holder_passes);
	tcase_add_test(tc, board_majority);
	tcase_add_test(tc, board_size_missing_is_unknown);
	tcase_add_test(tc, undeclared_shareholders_are_unknown_not_pass);
	tcase_add_test(tc, the_computation_is_shown);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
