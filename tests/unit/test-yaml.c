/*
 * test-yaml.c — the YAML tree loader: limits, aliases, anchors, duplicate
 * keys, multiple documents, positions.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sc-limits.h"
#include "sc-yaml.h"
#include "testutil.h"
#include "util.h"

static sc_status
parse(const char *src, sc_diags **ret_d, ydoc **ret_doc)
{
	sc_diags *d = sc_diags_new();
	ydoc *doc = NULL;
	sc_status st = ydoc_parse(src, strlen(src), "x.yaml", d, &doc);
	*ret_d = d;
	if (ret_doc)
		*ret_doc = doc;
	else
		ydoc_free(doc);
	return st;
}

static const sc_diag *
first(sc_diags *d)
{
	ck_assert_uint_ge(sc_diags_count(d), 1);
	return sc_diags_get(d, 0);
}

START_TEST(positions_are_one_based)
{
	sc_diags *d;
	ydoc *doc;
	ck_assert_int_eq(parse("a: 1\nbb:\n  - x\n", &d, &doc), SC_OK);
	const ynode *v = ymap_get(doc->root, "bb");
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(v->kids[0]->line, 3);
	ck_assert_uint_eq(v->kids[0]->col, 5);
	ck_assert_uint_eq(doc->root->kids[0]->line, 1);
	ck_assert_uint_eq(doc->root->kids[0]->col, 1);
	ydoc_free(doc);
	sc_diags_free(d);
}
END_TEST

START_TEST(aliases_are_refused)
{
	sc_diags *d;
	ck_assert_int_eq(parse("a: &x [1, 2]\nb: *x\n", &d, NULL), SC_ERR_LIMIT);
	ck_assert_str_eq(first(d)->rule, "yaml-anchor");
	sc_diags_free(d);
	ck_assert_int_eq(parse("b: *x\n", &d, NULL) != SC_OK, 1);
	sc_diags_free(d);
}
END_TEST

START_TEST(billion_laughs_is_refused_at_the_first_anchor)
{
	const char *src =
		"a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
		"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
		"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
		"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n";
	sc_diags *d;
	ck_assert_int_eq(parse(src, &d, NULL), SC_ERR_LIMIT);
	ck_assert_uint_eq(first(d)->line, 1);
	ck_assert_uint_eq(first(d)->col, 4);
	sc_diags_free(d);
}
END_TEST

START_TEST(duplicate_keys_are_reported_with_both_positions)
{
	sc_diags *d;
	ydoc *doc;
	ck_assert_int_eq(parse("a: 1\nb: 2\na: 3\n", &d, &doc), SC_OK);
	ck_assert_uint_eq(doc->errors, 1);
	const sc_diag *g = first(d);
	ck_assert_str_eq(g->rule, "duplicate-key");
	ck_assert_uint_eq(g->line, 3);
	ck_assert_ptr_nonnull(strstr(g->msg, "first at line 1"));
	ydoc_free(doc);
	sc_diags_free(d);
}
END_TEST

START_TEST(depth_is_capped)
{
	size_t n = 10000;
	char *src = malloc(2 * n + 1);
	memset(src, '[', n);
	memset(src + n, ']', n);
	src[2 * n] = '\0';
	sc_diags *d;
	ck_assert_int_eq(parse(src, &d, NULL), SC_ERR_LIMIT);
	ck_assert_str_eq(first(d)->rule, "yaml-depth");
	sc_diags_free(d);
	free(src);
}
END_TEST

START_TEST(long_scalars_are_capped)
{
	size_t n = SC_MAX_YAML_SCALAR_BYTES + 10;
	char *src = malloc(n + 8);
	memcpy(src, "a: ", 3);
	memset(src + 3, 'x', n);
	src[n + 3] = '\0';
	sc_diags *d;
	ck_assert_int_eq(parse(src, &d, NULL), SC_ERR_LIMIT);
	ck_assert_str_eq(first(d)->rule, "yaml-scalar-size");
	sc_diags_free(d);
	free(src);
}
END_TEST

START_TEST(node_count_is_capped)
{
	size_t n = SC_MAX_YAML_NODES + 5;
	char *src = malloc(2 * n + 4);
	size_t k = 0;
	src[k++] = '[';
	for (size_t i = 0; i < n; i++) {
		src[k++] = '1';
		src[k++] = ',';
	}
	src[k - 1] = ']';
	src[k] = '\0';
	sc_diags *d;
	ck_assert_int_eq(parse(src, &d, NULL), SC_ERR_LIMIT);
	ck_assert_str_eq(first(d)->rule, "yaml-nodes");
	sc_diags_free(d);
	free(src);
}
END_TEST

START_TEST(several_documents_are_refused)
{
	sc_diags *d;
	ck_assert_int_ne(parse("a: 1\n---\nb: 2\n", &d, NULL), SC_OK);
	ck_assert_str_eq(first(d)->rule, "yaml-multi-doc");
	sc_diags_free(d);
}
END_TEST

START_TEST(invalid_utf8_is_a_syntax_error)
{
	sc_diags *d;
	ck_assert_int_eq(parse("a: \xff\xfe\n", &d, NULL), SC_ERR_PARSE);
	ck_assert_str_eq(first(d)->rule, "yaml-syntax");
	sc_diags_free(d);
}
END_TEST

START_TEST(did_you_mean_finds_transpositions)
{
	static const char *const keys[] = {"model", "name", NULL};
	ck_assert_str_eq(util_did_you_mean("modle", keys), "model");
	ck_assert_str_eq(util_did_you_mean("nmae", keys), "name");
	ck_assert_ptr_null(util_did_you_mean("colour", keys));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("yaml");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, positions_are_one_based);
	tcase_add_test(tc, aliases_are_refused);
	tcase_add_test(tc, billion_laughs_is_refused_at_the_first_anchor);
	tcase_add_test(tc, duplicate_keys_are_reported_with_both_positions);
	tcase_add_test(tc, depth_is_capped);
	tcase_add_test(tc, long_scalars_are_capped);
	tcase_add_test(tc, node_count_is_capped);
	tcase_add_test(tc, several_documents_are_refused);
	tcase_add_test(tc, invalid_utf8_is_a_syntax_error);
	tcase_add_test(tc, did_you_mean_finds_transpositions);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
