/*
 * test-scoring.c — scored packs (SEAL levels): the level rule at each of
 * its boundaries, "a factor not known to be met never raises a level",
 * the verdict against the minimum, the weighted score, the loader's rules
 * for scored packs, and pack lists (several packs judged together).
 */
#include <stdlib.h>
#include <unistd.h>

#include "policy.h"
#include "testutil.h"

/* ------------------------------------------------------ the level rule */

START_TEST(the_level_is_capped_below_the_lowest_unmet_factor)
{
	/* One factor per level, all met but one: the level stops just below
	 * the unmet one — each boundary of the rule. */
	const int seal[] = {1, 2, 3, 4};
	for (int unmet = -1; unmet < 4; unmet++) {
		bool met[4] = {true, true, true, true};
		if (unmet >= 0)
			met[unmet] = false;
		int expect = unmet < 0 ? PK_SEAL_MAX : seal[unmet] - 1;
		ck_assert_int_eq(pk_seal_level(seal, met, 4), expect);
	}
	/* A met higher factor does not make up for an unmet lower one. */
	const int s2[] = {1, 4};
	const bool m2[] = {false, true};
	ck_assert_int_eq(pk_seal_level(s2, m2, 2), 0);
	/* Several unmet: the lowest decides. */
	const int s3[] = {3, 2, 4};
	const bool m3[] = {false, false, false};
	ck_assert_int_eq(pk_seal_level(s3, m3, 3), 1);
}
END_TEST

START_TEST(a_factor_not_known_to_be_met_never_raises_the_level)
{
	/* Every assignment over five factors: turning any met factor into an
	 * unmet one (fail, or unknown) never gives a higher level. */
	const int seal[] = {1, 2, 2, 3, 4};
	for (unsigned mask = 0; mask < 32; mask++) {
		bool met[5];
		for (int i = 0; i < 5; i++)
			met[i] = mask & (1u << i);
		int level = pk_seal_level(seal, met, 5);
		for (int i = 0; i < 5; i++) {
			if (!met[i])
				continue;
			met[i] = false;
			ck_assert_int_le(pk_seal_level(seal, met, 5), level);
			met[i] = true;
		}
	}
}
END_TEST

/* ---------------------------------------------------- through the engine */

static char pack_dir[] = "/tmp/sc-scoring-XXXXXX";

static const char *sets_yaml =
	"sets:\n"
	"  - id: EU27\n    title: {en: EU, fr: UE}\n    members: [FR, DE]\n"
	"    sources: [x]\n    reviewed: 2026-01-01\n"
	"  - id: EU\n    title: {en: EU, fr: UE}\n    include: [EU27]\n    members: [RE]\n"
	"    sources: [x]\n    reviewed: 2026-01-01\n";

#define SCORED_HEAD(ID, MIN) \
	"pack: " ID "\ntitle: {en: T, fr: T}\nversion: \"1\"\nsource: x\n" \
	"scoring:\n  method: seal\n  minimum: " MIN "\n  weights_source: x\n  levels:\n" \
	"    - {level: 0, title: {en: a, fr: a}}\n    - {level: 1, title: {en: b, fr: b}}\n" \
	"    - {level: 2, title: {en: c, fr: c}}\n    - {level: 3, title: {en: d, fr: d}}\n" \
	"    - {level: 4, title: {en: e, fr: e}}\n"

/* O-1 (weight 60): seat at SEAL-1, administration at SEAL-2, a factor
 * nothing decides at SEAL-3. O-2 (weight 40): seat at SEAL-1 only. */
#define OBJECTIVES \
	"requirements:\n" \
	"  - id: O-1\n    title: {en: o, fr: o}\n    summary: {en: o, fr: o}\n" \
	"    severity: high\n    weight: 60\n    factors:\n" \
	"      - id: O-1.1\n        title: {en: f, fr: f}\n        seal: 1\n" \
	"        checks: [{use: seat_in_set, set: EU27}]\n" \
	"      - id: O-1.2\n        title: {en: f, fr: f}\n        seal: 2\n" \
	"        checks: [{use: administration_in_set, set: EU}]\n" \
	"      - id: O-1.3\n        title: {en: f, fr: f}\n        seal: 3\n" \
	"        unseen: {en: nobody knows, fr: personne ne sait}\n" \
	"  - id: O-2\n    title: {en: o, fr: o}\n    summary: {en: o, fr: o}\n" \
	"    severity: high\n    weight: 40\n    factors:\n" \
	"      - id: O-2.1\n        title: {en: f, fr: f}\n        seal: 1\n" \
	"        checks: [{use: seat_in_set, set: EU27}]\n"

static void
write_file(const char *name, const char *text)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", pack_dir, name);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void
setup(void)
{
	snprintf(pack_dir, sizeof(pack_dir), "/tmp/sc-scoring-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(pack_dir));
	write_file("country-sets.yaml", sets_yaml);
	write_file("min2.yaml", SCORED_HEAD("min2", "2") OBJECTIVES);
	write_file("min3.yaml", SCORED_HEAD("min3", "3") OBJECTIVES);
}

static void
teardown(void)
{
	const char *files[] = {"country-sets.yaml", "min2.yaml", "min3.yaml", "bad.yaml",
		"plain.yaml", "plain2.yaml"};
	char p[256];
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", pack_dir, files[i]);
		unlink(p);
	}
	rmdir(pack_dir);
}

static sc_pack *
load(const char *name, sc_status expect, const char *needle)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", pack_dir, name);
	sc_diags *d = sc_diags_new();
	sc_pack *pack = NULL;
	const char *pv[] = {p};
	sc_status st = sc_pack_load_list(pv, 1, d, &pack);
	bool found = needle == NULL;
	for (size_t i = 0; i < sc_diags_count(d); i++)
		found |= strstr(sc_diags_get(d, i)->msg, needle) != NULL;
	ck_assert_msg(st == expect, "%s: %s", name, sc_strerror(st));
	ck_assert_msg(found, "%s: no diagnostic says \"%s\"", name, needle);
	sc_diags_free(d);
	return pack;
}

static sc_result *
judge(const sc_pack *pack, const char *body)
{
	char src[2048];
	snprintf(src, sizeof(src), "sovcheck: 1\nservice:\n  name: S\n%s", body);
	sc_manifest *m = NULL;
	ck_assert_int_eq(tu_parse(src, &m, NULL), SC_OK);
	sc_eval_opts o = {0};
	ck_assert(sc_date_parse("2026-11-22", &o.year, &o.month, &o.day));
	o.offline = true;
	sc_result *r = NULL;
	ck_assert_int_eq(sc_eval(m, pack, &o, &r, NULL), SC_OK);
	sc_manifest_free(m);
	return r;
}

#define SEAT_EU "provider:\n  name: P\n  registered_office: FR\n  central_administration: FR\n" \
                "  principal_establishment: FR\n"
#define SEAT_US "provider:\n  name: P\n  registered_office: US\n  central_administration: US\n" \
                "  principal_establishment: US\n"

struct scase {
	const char *name, *pack, *body;
	int level;                /* of O-1 */
	sc_verdict verdict;       /* of O-1 */
};

static const struct scase scases[] = {
	{"everything sovcheck can see met: the unseen factor caps at SEAL-2", "min2.yaml",
	 SEAT_EU "locations:\n  administration: [FR]\n", 2, SC_PASS},
	{"administration undeclared: SEAL-1, and unknown, not fail", "min2.yaml",
	 SEAT_EU, 1, SC_UNKNOWN},
	{"administration outside the EU: SEAL-1 and fail", "min2.yaml",
	 SEAT_EU "locations:\n  administration: [US]\n", 1, SC_FAIL},
	{"no EU seat: SEAL-0 although administration passes", "min2.yaml",
	 SEAT_US "locations:\n  administration: [FR]\n", 0, SC_FAIL},
	{"a minimum of SEAL-3 needs the unseen factor: unknown", "min3.yaml",
	 SEAT_EU "locations:\n  administration: [FR]\n", 2, SC_UNKNOWN},
	{"a fail below the minimum decides over an unknown", "min3.yaml",
	 SEAT_EU "locations:\n  administration: [US]\n", 1, SC_FAIL},
};

START_TEST(objective_level_and_verdict)
{
	const struct scase *c = &scases[_i];
	sc_pack *p = load(c->pack, SC_OK, NULL);
	sc_result *r = judge(p, c->body);
	const rs_req *q = tu_req(r, "O-1");
	ck_assert_msg(q->level == c->level, "%s: SEAL-%d, expected SEAL-%d", c->name, q->level,
	              c->level);
	ck_assert_msg(q->verdict == c->verdict, "%s: %s, expected %s", c->name,
	              sc_verdict_to_string(q->verdict), sc_verdict_to_string(c->verdict));
	/* The unseen factor is an unknown finding of its own, named. */
	bool unseen = false;
	for (size_t i = 0; i < q->n; i++)
		unseen |= strcmp(q->f[i].subject, "O-1.3") == 0 && q->f[i].verdict == SC_UNKNOWN &&
		          q->f[i].factor == 2;
	ck_assert_msg(unseen, "%s: no unknown finding for the unseen factor", c->name);
	sc_result_free(r);
	sc_pack_free(p);
}
END_TEST

START_TEST(findings_above_the_minimum_only_inform)
{
	/* O-1.3 (SEAL-3) is above the minimum SEAL-2: its unknown is "info";
	 * the administration fail (SEAL-2) is not. */
	sc_pack *p = load("min2.yaml", SC_OK, NULL);
	sc_result *r = judge(p, SEAT_EU "locations:\n  administration: [US]\n");
	const rs_req *q = tu_req(r, "O-1");
	for (size_t i = 0; i < q->n; i++) {
		const rs_finding *f = &q->f[i];
		if (f->factor == 2)
			ck_assert_str_eq(f->severity ? f->severity : "", "info");
		if (f->factor == 1)
			ck_assert_ptr_null(f->severity);
	}
	sc_result_free(r);
	sc_pack_free(p);
}
END_TEST

START_TEST(the_score_weighs_each_level)
{
	/* O-1 at SEAL-2 (60) and O-2 at SEAL-4 (40): 60 x 2/4 + 40 x 4/4 = 70. */
	sc_pack *p = load("min2.yaml", SC_OK, NULL);
	sc_result *r = judge(p, SEAT_EU "locations:\n  administration: [FR]\n");
	ck_assert_int_eq(r->npacks, 1);
	ck_assert_int_eq(tu_req(r, "O-2")->level, 4);
	ck_assert_double_eq_tol(r->packs[0].score, 70.0, 1e-9);
	ck_assert_int_eq(r->packs[0].verdict, SC_PASS);
	sc_result_free(r);
	/* Nothing declared: both at SEAL-0, a score of 0, never "pass". */
	r = judge(p, "");
	ck_assert_double_eq_tol(r->packs[0].score, 0.0, 1e-9);
	ck_assert_int_eq(r->packs[0].verdict, SC_UNKNOWN);
	sc_result_free(r);
	sc_pack_free(p);
}
END_TEST

/* ------------------------------------------------------------ the loader */

struct lcase {
	const char *name, *yaml, *needle;
};

#define REQ_HEAD "requirements:\n  - id: O-1\n    title: {en: o, fr: o}\n" \
                 "    summary: {en: o, fr: o}\n    severity: high\n"
static const struct lcase lcases[] = {
	{"weights that do not add up to 100",
	 SCORED_HEAD("w", "2") REQ_HEAD "    weight: 90\n    factors:\n"
	 "      - {id: F, title: {en: f, fr: f}, seal: 1, checks: [{use: third_parties_listed}]}\n",
	 "add up to 90 %"},
	{"a factor with checks and an unseen text",
	 SCORED_HEAD("w", "2") REQ_HEAD "    weight: 100\n    factors:\n"
	 "      - {id: F, title: {en: f, fr: f}, seal: 1, checks: [{use: third_parties_listed}],"
	 " unseen: {en: x, fr: x}}\n", "unseen is for a factor"},
	{"a factor with neither", SCORED_HEAD("w", "2") REQ_HEAD "    weight: 100\n    factors:\n"
	 "      - {id: F, title: {en: f, fr: f}, seal: 1}\n", "needs checks, or unseen"},
	{"a seal out of range", SCORED_HEAD("w", "2") REQ_HEAD "    weight: 100\n    factors:\n"
	 "      - {id: F, title: {en: f, fr: f}, seal: 5, checks: [{use: third_parties_listed}]}\n",
	 "seal"},
	{"checks on an objective", SCORED_HEAD("w", "2") REQ_HEAD "    weight: 100\n"
	 "    checks: [{use: third_parties_listed}]\n    factors:\n"
	 "      - {id: F, title: {en: f, fr: f}, seal: 1, checks: [{use: third_parties_listed}]}\n",
	 "decided by its factors"},
	{"a missing level description",
	 "pack: w\ntitle: {en: T, fr: T}\nversion: \"1\"\nsource: x\n"
	 "scoring:\n  method: seal\n  minimum: 2\n  weights_source: x\n  levels:\n"
	 "    - {level: 0, title: {en: a, fr: a}}\n" REQ_HEAD "    weight: 100\n    factors:\n"
	 "      - {id: F, title: {en: f, fr: f}, seal: 1, checks: [{use: third_parties_listed}]}\n",
	 "does not describe level 1"},
	{"factors in a pack that is not scored",
	 "pack: w\ntitle: {en: T, fr: T}\nversion: \"1\"\nsource: x\n" REQ_HEAD
	 "    checks: [{use: third_parties_listed}]\n    factors: []\n", "objectives of a scored pack"},
};

START_TEST(the_loader_refuses_a_malformed_scored_pack)
{
	const struct lcase *c = &lcases[_i];
	write_file("bad.yaml", c->yaml);
	sc_pack *p = load("bad.yaml", SC_ERR_INVALID, c->needle);
	ck_assert_ptr_null(p);
}
END_TEST

/* ------------------------------------------------------------ pack lists */

#define PLAIN(ID, RID) \
	"pack: " ID "\ntitle: {en: T, fr: T}\nversion: \"1\"\nsource: x\nrequirements:\n" \
	"  - id: " RID "\n    title: {en: o, fr: o}\n    summary: {en: o, fr: o}\n" \
	"    severity: high\n    checks: [{use: seat_in_set, set: EU27}]\n"

START_TEST(a_pack_list_judges_each_pack_from_the_same_evidence)
{
	write_file("plain.yaml", PLAIN("plain", "P-1"));
	char a[256], b[256];
	snprintf(a, sizeof(a), "%s/plain.yaml", pack_dir);
	snprintf(b, sizeof(b), "%s/min2.yaml", pack_dir);
	const char *pv[] = {a, b};
	sc_diags *d = sc_diags_new();
	sc_pack *p = NULL;
	ck_assert_int_eq(sc_pack_load_list(pv, 2, d, &p), SC_OK);
	sc_diags_free(d);
	ck_assert_str_eq(sc_pack_id(p), "plain,min2");
	ck_assert_int_eq(sc_pack_count(p), 3);
	/* The country sets of the parts are found through the list. */
	ck_assert_ptr_nonnull(pk_find_set(p, "EU27"));
	sc_result *r = judge(p, SEAT_US);
	ck_assert_int_eq(r->npacks, 2);
	ck_assert_str_eq(sc_pack_id(r->packs[0].pack), "plain");
	ck_assert_int_eq(r->packs[0].first, 0);
	ck_assert_int_eq(r->packs[0].n, 1);
	ck_assert_int_eq(r->packs[0].verdict, SC_FAIL);
	ck_assert_double_eq_tol(r->packs[0].score, -1, 1e-9);
	ck_assert_int_eq(r->packs[1].first, 1);
	ck_assert_int_eq(r->packs[1].n, 2);
	ck_assert_str_eq(sc_pack_id(tu_req(r, "O-2")->req->pack), "min2");
	/* The same fact judged once per pack: the seat fails P-1 and caps O-2. */
	ck_assert_int_eq(tu_req(r, "P-1")->verdict, SC_FAIL);
	ck_assert_int_eq(tu_req(r, "O-2")->level, 0);
	ck_assert_int_eq(r->counts[SC_FAIL], 3);
	sc_result_free(r);
	sc_pack_free(p);
}
END_TEST

START_TEST(a_pack_list_refuses_a_requirement_id_in_two_packs)
{
	write_file("plain.yaml", PLAIN("plain", "O-1"));
	char a[256], b[256];
	snprintf(a, sizeof(a), "%s/plain.yaml", pack_dir);
	snprintf(b, sizeof(b), "%s/min2.yaml", pack_dir);
	const char *pv[] = {a, b};
	sc_diags *d = sc_diags_new();
	sc_pack *p = NULL;
	ck_assert_int_eq(sc_pack_load_list(pv, 2, d, &p), SC_ERR_INVALID);
	ck_assert_ptr_null(p);
	bool said = false;
	for (size_t i = 0; i < sc_diags_count(d); i++)
		said |= strstr(sc_diags_get(d, i)->msg, "'O-1' is also in pack 'plain'") != NULL;
	ck_assert(said);
	sc_diags_free(d);
	/* The same pack twice. */
	const char *pv2[] = {b, b};
	d = sc_diags_new();
	ck_assert_int_eq(sc_pack_load_list(pv2, 2, d, &p), SC_ERR_INVALID);
	sc_diags_free(d);
}
END_TEST

/* ---------------------------------------------------- the shipped packs */

START_TEST(the_shipped_scored_pack_loads_and_its_weights_add_up)
{
	sc_diags *d = sc_diags_new();
	sc_pack *p = NULL;
	const char *pv[] = {SC_SRCDIR "/policies/eu-csf-1.2.1.yaml"};
	ck_assert_int_eq(sc_pack_load_list(pv, 1, d, &p), SC_OK);
	sc_diags_free(d);
	ck_assert(p->scoring.seal);
	ck_assert_int_eq(sc_pack_count(p), 8);
	int sum = 0;
	for (size_t i = 0; i < p->nreqs; i++) {
		sum += p->reqs[i].weight;
		ck_assert_int_gt(p->reqs[i].nfactors, 0);
	}
	ck_assert_int_eq(sum, 100);
	sc_pack_free(p);
}
END_TEST

/* SOV-4.2 asks support delivered from the EU: documented and supervised
 * support from outside fails it (SecNumCloud's 19.2.e would pass it). */
START_TEST(support_from_outside_the_eu_fails_the_csf_however_documented)
{
	sc_diags *d = sc_diags_new();
	sc_pack *p = NULL;
	const char *pv[] = {SC_SRCDIR "/policies/eu-csf-1.2.1.yaml"};
	ck_assert_int_eq(sc_pack_load_list(pv, 1, d, &p), SC_OK);
	sc_diags_free(d);
	static const struct {
		const char *body, *subject;
		sc_verdict v;
	} sc[] = {
		{"locations:\n  support:\n    - {country: MA, operations: [triage], supervision: "
		 "jump host in Lyon}\n", "support:MA", SC_FAIL},
		{"locations:\n  support:\n    - {country: DE, operations: [triage]}\n", "support:DE",
		 SC_PASS},
		{"locations:\n  administration: [FR]\n", "locations.support", SC_UNKNOWN},
	};
	for (size_t k = 0; k < sizeof(sc) / sizeof(sc[0]); k++) {
		sc_result *r = judge(p, sc[k].body);
		const rs_req *q = tu_req(r, "SOV-4");
		const rs_finding *f = NULL;
		for (size_t i = 0; i < q->n; i++)
			if (strcmp(q->f[i].subject, sc[k].subject) == 0 && q->f[i].factor >= 0 &&
			    strcmp(q->req->factors[q->f[i].factor].id, "SOV-4.2") == 0)
				f = &q->f[i];
		ck_assert_msg(f != NULL, "no SOV-4.2 finding for %s", sc[k].subject);
		ck_assert_msg(f->verdict == sc[k].v, "%s: %s: %s", sc[k].subject,
		              sc_verdict_to_string(f->verdict), tu_reason(f));
		sc_result_free(r);
	}
	sc_pack_free(p);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("scoring");
	TCase *tc = tcase_create("scoring");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, the_level_is_capped_below_the_lowest_unmet_factor);
	tcase_add_test(tc, a_factor_not_known_to_be_met_never_raises_the_level);
	tcase_add_loop_test(tc, objective_level_and_verdict, 0,
	                    (int)(sizeof(scases) / sizeof(scases[0])));
	tcase_add_test(tc, findings_above_the_minimum_only_inform);
	tcase_add_test(tc, the_score_weighs_each_level);
	tcase_add_loop_test(tc, the_loader_refuses_a_malformed_scored_pack, 0,
	                    (int)(sizeof(lcases) / sizeof(lcases[0])));
	tcase_add_test(tc, a_pack_list_judges_each_pack_from_the_same_evidence);
	tcase_add_test(tc, a_pack_list_refuses_a_requirement_id_in_two_packs);
	tcase_add_test(tc, the_shipped_scored_pack_loads_and_its_weights_add_up);
	tcase_add_test(tc, support_from_outside_the_eu_fails_the_csf_however_documented);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
