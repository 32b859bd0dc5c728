/*
 * test-risk.c — the assess stage: every non-EU nexus of the fixture becomes
 * one register entry with the laws of its country that reach it through
 * that nexus, the data it could reach, the mitigations that apply, and the
 * likelihood, severity and residual level with their basis; a mitigation
 * lowers a rating to no less than 1; a country without a catalogued law
 * has likelihood 2; residual levels at their boundaries (4 medium, 8 high);
 * ids follow the order of the register.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filing.h"
#include "fixture.h"
#include "risk.h"
#include "util.h"

static fixture fx;

static void setup(void) { fx_setup(&fx); }
static void teardown(void) { fx_free(&fx); }

static const rk_risk *
risk(const sc_risks *rs, const char *entity, unsigned nexus)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].entity, entity) == 0 && rs->v[i].nexus == nexus)
			return &rs->v[i];
	return NULL;
}

static bool
has_law(const rk_risk *k, const char *id)
{
	for (size_t i = 0; i < k->nlaws; i++)
		if (strcmp(k->laws[i]->id, id) == 0)
			return true;
	return false;
}

START_TEST(every_non_eu_nexus_is_an_entry)
{
	fx_file(&fx);
	const sc_risks *rs = fx.f->risks;
	/* The CDN on the public web path: US control, metadata. */
	const rk_risk *k = risk(rs, "Globex CDN Inc.", LW_NEXUS_CONTROL);
	ck_assert_ptr_nonnull(k);
	ck_assert_str_eq(k->country, "US");
	ck_assert(has_law(k, "us-cloud-act"));
	ck_assert_uint_eq(k->data, 1u << 1);          /* metadata */
	ck_assert_uint_eq(k->nmits, 1);
	ck_assert_str_eq(k->mits[0].m->id, "tls-everywhere");
	ck_assert_int_eq(k->severity, 2);
	/* The mail exchanger's operator: GB control. */
	k = risk(rs, "MailCo Ltd", LW_NEXUS_CONTROL);
	ck_assert_ptr_nonnull(k);
	ck_assert_str_eq(k->country, "GB");
	/* Support staff in the US. */
	k = risk(rs, "support staff in US", LW_NEXUS_STAFF);
	ck_assert_ptr_nonnull(k);
	/* The admin endpoint's address, located in the US. */
	k = risk(rs, "Unknown Networks (198.51.100.7)", LW_NEXUS_LOCATION);
	ck_assert_ptr_nonnull(k);
	ck_assert_uint_eq(k->data, 1u << 2);          /* technical */
	ck_assert_int_eq(k->severity, 3);
	/* The EU host is no risk. */
	ck_assert_ptr_null(risk(rs, "Euro Host SAS", LW_NEXUS_CONTROL));
	/* Ids follow the register's order, highest score first. */
	for (size_t i = 0; i < rs->n; i++) {
		char id[32];
		snprintf(id, sizeof(id), "R%u", (unsigned)(i + 1) % 100000u);
		ck_assert_str_eq(rs->v[i].id, id);
		if (i > 0)
			ck_assert_int_ge(rs->v[i - 1].score, rs->v[i].score);
		ck_assert_int_eq(rs->v[i].score, rs->v[i].likelihood * rs->v[i].severity);
	}
}
END_TEST

START_TEST(a_mitigation_lowers_a_rating_to_no_less_than_one)
{
	fx_collect(&fx);
	/* strength 3 on the likelihood, and on the severity, of the CDN */
	static const char *const variants[] = {"effect: likelihood, strength: 3",
		"effect: severity, strength: 3"};
	for (size_t v = 0; v < 2; v++) {
		char *src = strdup(fx_manifest);
		char *p = strstr(src, "effect: likelihood, strength: 1");
		ck_assert_ptr_nonnull(p);
		size_t n = strlen("effect: likelihood, strength: 1");
		strbuf sb;
		sb_init(&sb);
		sb_append(&sb, src, (size_t)(p - src));
		sb_puts(&sb, variants[v]);
		sb_puts(&sb, p + n);
		char *mod = sb.s;
		sc_manifest *m = NULL;
		sc_diags *d = sc_diags_new();
		ck_assert_int_eq(sc_manifest_parse(mod, strlen(mod), "v.yaml", d, &m), SC_OK);
		sc_diags_free(d);
		sc_graph *g = NULL;
		sc_risks *rs = NULL;
		ck_assert_int_eq(sc_graph_build(m, fx.ev, fx.reg, &g, NULL), SC_OK);
		ck_assert_int_eq(sc_assess(m, fx.pack, g, fx.laws, &rs, NULL), SC_OK);
		const rk_risk *k = risk(rs, "Globex CDN Inc.", LW_NEXUS_CONTROL);
		ck_assert_ptr_nonnull(k);
		if (v == 0) {
			ck_assert_int_eq(k->likelihood, 1);
			ck_assert_int_eq(k->severity, 2);
		} else {
			ck_assert_int_eq(k->severity, 1);
			ck_assert_int_gt(k->likelihood, 1);
		}
		sc_risks_free(rs);
		sc_graph_free(g);
		sc_manifest_free(m);
		free(mod);
		free(src);
	}
}
END_TEST

START_TEST(without_a_catalogue_no_law_is_matched_and_likelihood_is_two)
{
	fx_collect(&fx);
	sc_graph *g = NULL;
	sc_risks *rs = NULL;
	ck_assert_int_eq(sc_graph_build(fx.m, fx.ev, fx.reg, &g, NULL), SC_OK);
	ck_assert_int_eq(sc_assess(fx.m, fx.pack, g, NULL, &rs, NULL), SC_OK);
	ck_assert_uint_gt(rs->n, 0);
	size_t unmitigated = 0;
	for (size_t i = 0; i < rs->n; i++) {
		ck_assert_uint_eq(rs->v[i].nlaws, 0);
		ck_assert(strstr(rs->v[i].likelihood_basis, "to assess by hand") != NULL);
		if (rs->v[i].nmitigations == 0) {
			unmitigated++;
			ck_assert_int_eq(rs->v[i].likelihood, 2);
		}
	}
	ck_assert_uint_gt(unmitigated, 0);
	sc_risks_free(rs);
	sc_graph_free(g);
}
END_TEST

/* The fixture with its admin endpoint carrying customer data instead of
 * technical data: its US address is then scored 2 x 4. */
START_TEST(residual_levels_at_their_boundaries)
{
	fx_file(&fx);
	const sc_risks *rs = fx.f->risks;
	/* Support staff in the US: no catalogued law reaches staff there (2),
	 * metadata (2): 4 is medium. */
	const rk_risk *k = risk(rs, "support staff in US", LW_NEXUS_STAFF);
	ck_assert_ptr_nonnull(k);
	ck_assert_uint_eq(k->nlaws, 0);
	ck_assert_int_eq(k->likelihood, 2);
	ck_assert_int_eq(k->score, 4);
	ck_assert_str_eq(k->residual, "medium");
	/* The CDN's address: likelihood 2 lowered to 1, metadata: 2 is low. */
	k = risk(rs, "Globex CDN Inc. (203.0.113.5)", LW_NEXUS_LOCATION);
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(k->score, 2);
	ck_assert_str_eq(k->residual, "low");

	const char *from = "admin.shop.example, role: admin, data: technical";
	char *src = strdup(fx_manifest);
	char *p = strstr(src, from);
	ck_assert_ptr_nonnull(p);
	strbuf sb;
	sb_init(&sb);
	sb_append(&sb, src, (size_t)(p - src));
	sb_puts(&sb, "admin.shop.example, role: admin, data: customer");
	sb_puts(&sb, p + strlen(from));
	sc_manifest *m = NULL;
	sc_diags *d = sc_diags_new();
	ck_assert_int_eq(sc_manifest_parse(sb.s, strlen(sb.s), "v.yaml", d, &m), SC_OK);
	sc_diags_free(d);
	sc_graph *g = NULL;
	sc_risks *vr = NULL;
	ck_assert_int_eq(sc_graph_build(m, fx.ev, fx.reg, &g, NULL), SC_OK);
	ck_assert_int_eq(sc_assess(m, fx.pack, g, fx.laws, &vr, NULL), SC_OK);
	k = risk(vr, "Unknown Networks (198.51.100.7)", LW_NEXUS_LOCATION);
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(k->likelihood, 2);
	ck_assert_int_eq(k->severity, 4);
	ck_assert_int_eq(k->score, 8);
	ck_assert_str_eq(k->residual, "high");
	sc_risks_free(vr);
	sc_graph_free(g);
	sc_manifest_free(m);
	sb_free(&sb);
	free(src);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("risk");
	TCase *tc = tcase_create("assess");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_non_eu_nexus_is_an_entry);
	tcase_add_test(tc, a_mitigation_lowers_a_rating_to_no_less_than_one);
	tcase_add_test(tc, without_a_catalogue_no_law_is_matched_and_likelihood_is_two);
	tcase_add_test(tc, residual_levels_at_their_boundaries);
	suite_add_tcase(s, tc);
	return fx_run(s);
}
