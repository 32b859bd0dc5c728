/*
 * test-jsonw.c — JSON written as it is produced (core/base/jsonw.c): the
 * canonical form is Python's json.dumps(sort_keys=True, separators=(",",
 * ":"), ensure_ascii=False) byte for byte, the indented form is the same
 * tokens two spaces a level (jansson's JSON_INDENT(2) of the same sorted
 * value), a key out of order, a string that is not UTF-8 or a real number
 * is an error, and a member written after jw_canon_end() is in the
 * indented form only; a jansson-layout writer gives jansson's
 * JSON_INDENT(2) | JSON_PRESERVE_ORDER bytes, keys in the caller's order.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonw.h"

struct two {
	strbuf canon, pretty;
	jw w;
};

static void
two_init(struct two *t)
{
	sb_init(&t->canon);
	sb_init(&t->pretty);
	jw_init(&t->w, util_sink_strbuf(&t->canon), util_sink_strbuf(&t->pretty));
}

static void
two_free(struct two *t)
{
	sb_free(&t->canon);
	sb_free(&t->pretty);
}

START_TEST(strings_are_escaped_as_python_does)
{
	struct two t;
	two_init(&t);
	jw_obj(&t.w);
	jw_key(&t.w, "a");
	/* quote, backslash, the short escapes, other controls in lower-case
	 * hex, DEL, non-ASCII and U+2028 as they are */
	jw_str(&t.w, "q\"b\\\b\f\n\r\t\x01\x1f\x7f é \xe2\x80\xa8 \xf0\x9f\x98\x80");
	jw_key(&t.w, "b");
	jw_int(&t.w, -42);
	jw_key(&t.w, "c");
	jw_arr(&t.w);
	jw_bool(&t.w, true);
	jw_null(&t.w);
	jw_str(&t.w, NULL);
	jw_arr_end(&t.w);
	jw_obj_end(&t.w);
	ck_assert_int_eq(jw_finish(&t.w), JW_OK);
	ck_assert_str_eq(t.canon.s, "{\"a\":\"q\\\"b\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\x7f é "
	                            "\xe2\x80\xa8 \xf0\x9f\x98\x80\",\"b\":-42,\"c\":[true,null,null]}");
	two_free(&t);
}
END_TEST

START_TEST(the_indented_form_is_jansson_s_of_the_sorted_value)
{
	const char *src = "{\"z\": {\"y\": [], \"x\": {}}, \"a\": [1, {\"k\": \"v\", \"b\": [false]}],"
	                  " \"m\": \"s\", \"aa\": null}";
	json_error_t je;
	json_t *v = json_loads(src, 0, &je);
	ck_assert_ptr_nonnull(v);
	struct two t;
	two_init(&t);
	jw_value(&t.w, v);
	ck_assert_int_eq(jw_finish(&t.w), JW_OK);
	char *want = json_dumps(v, JSON_INDENT(2) | JSON_SORT_KEYS);
	char *canon = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
	ck_assert_str_eq(t.pretty.s, want);
	ck_assert_str_eq(t.canon.s, canon);
	free(want);
	free(canon);
	json_decref(v);
	two_free(&t);
}
END_TEST

START_TEST(a_key_out_of_order_is_refused)
{
	static const char *const pairs[][2] = {{"b", "a"}, {"ab", "a"}, {"a", "a"}, {"é", "z"}};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct two t;
		two_init(&t);
		jw_obj(&t.w);
		jw_key(&t.w, pairs[i][0]);
		jw_int(&t.w, 1);
		jw_key(&t.w, pairs[i][1]);
		jw_int(&t.w, 2);
		jw_obj_end(&t.w);
		ck_assert_int_eq(jw_finish(&t.w), JW_UNSORTED);
		two_free(&t);
	}
	/* A prefix comes first; byte order is code point order. */
	struct two t;
	two_init(&t);
	jw_obj(&t.w);
	jw_key(&t.w, "a");
	jw_int(&t.w, 1);
	jw_key(&t.w, "a_b");
	jw_int(&t.w, 2);
	jw_key(&t.w, "ab");
	jw_int(&t.w, 3);
	jw_key(&t.w, "z");
	jw_int(&t.w, 4);
	jw_key(&t.w, "é");
	jw_int(&t.w, 5);
	jw_obj_end(&t.w);
	ck_assert_int_eq(jw_finish(&t.w), JW_OK);
	ck_assert_str_eq(t.canon.s, "{\"a\":1,\"a_b\":2,\"ab\":3,\"z\":4,\"é\":5}");
	two_free(&t);
}
END_TEST

START_TEST(what_has_no_canonical_form_is_refused)
{
	static const char *const bad[] = {"\xc3\x28", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80",
	                                  "\xe2\x82"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct two t;
		two_init(&t);
		jw_str(&t.w, bad[i]);
		ck_assert_int_eq(jw_finish(&t.w), JW_NOT_UTF8);
		two_free(&t);
	}
	struct two t;
	two_init(&t);
	json_t *v = json_pack("{s:f}", "x", 1.5);
	jw_value(&t.w, v);
	ck_assert_int_eq(jw_finish(&t.w), JW_REAL);
	json_decref(v);
	two_free(&t);
	/* a value where a key is due, an end that ends nothing */
	two_init(&t);
	jw_obj(&t.w);
	jw_int(&t.w, 1);
	ck_assert_int_eq(jw_finish(&t.w), JW_MISUSE);
	two_free(&t);
	two_init(&t);
	jw_arr(&t.w);
	jw_obj_end(&t.w);
	ck_assert_int_eq(jw_finish(&t.w), JW_MISUSE);
	two_free(&t);
}
END_TEST

START_TEST(a_member_after_the_canonical_end_is_indented_only)
{
	struct two t;
	two_init(&t);
	jw_obj(&t.w);
	jw_key(&t.w, "b");
	jw_arr(&t.w);
	jw_int(&t.w, 1);
	jw_arr_end(&t.w);
	jw_canon_end(&t.w);
	ck_assert_str_eq(t.canon.s, "{\"b\":[1]}");
	jw_key(&t.w, "a");
	jw_str(&t.w, "digest");
	jw_obj_end(&t.w);
	ck_assert_int_eq(jw_finish(&t.w), JW_OK);
	ck_assert_str_eq(t.canon.s, "{\"b\":[1]}");
	ck_assert_str_eq(t.pretty.s, "{\n  \"b\": [\n    1\n  ],\n  \"a\": \"digest\"\n}");
	two_free(&t);
}
END_TEST

START_TEST(the_jansson_layout_is_jansson_s_bytes)
{
	/* keys out of order, controls (upper-case hex there), DEL, non-ASCII,
	 * reals whole and not, empty containers, nesting */
	static const char s1[] = "q\"b\\\b\f\n\r\t\x01\x1f\x7f é \xe2\x80\xa8 /";
	static const double reals[] = {0.0, 1.0, 0.1, 62.5, 100.0 / 3.0, 1e21, 1e-7, -2.5, 94.17};
	json_t *v = json_object(), *a = json_array();
	json_object_set_new(v, "z", json_string(s1));
	json_object_set_new(v, "a", json_integer(-42));
	for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++)
		json_array_append_new(a, json_real(reals[i]));
	json_object_set_new(v, "m", a);
	json_object_set_new(v, "e", json_array());
	json_object_set_new(v, "o", json_object());
	json_object_set_new(v, "n", json_pack("{s:[b,n],s:{s:s}}", "y", 1, "b", "k", "v"));
	/* the layout of every jansson-written output: SC_JSON_REAL included */
	char *want = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | SC_JSON_REAL);
	ck_assert_ptr_nonnull(want);
	ck_assert_ptr_nonnull(strstr(want, "94.17"));
	ck_assert_ptr_null(strstr(want, "94.170"));   /* not 94.170000000000002 */

	strbuf sb;
	sb_init(&sb);
	jw w;
	jw_init_jansson(&w, util_sink_strbuf(&sb));
	jw_obj(&w);
	jw_key(&w, "z");
	jw_str(&w, s1);
	jw_key(&w, "a");
	jw_int(&w, -42);
	jw_key(&w, "m");
	jw_arr(&w);
	for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++)
		jw_real(&w, reals[i]);
	jw_arr_end(&w);
	jw_key(&w, "e");
	jw_arr(&w);
	jw_arr_end(&w);
	jw_key(&w, "o");
	jw_obj(&w);
	jw_obj_end(&w);
	jw_key(&w, "n");
	jw_obj(&w);
	jw_key(&w, "y");
	jw_arr(&w);
	jw_bool(&w, true);
	jw_null(&w);
	jw_arr_end(&w);
	jw_key(&w, "b");
	jw_obj(&w);
	jw_key(&w, "k");
	jw_str(&w, "v");
	jw_obj_end(&w);
	jw_obj_end(&w);
	jw_obj_end(&w);
	ck_assert_int_eq(jw_finish(&w), JW_OK);
	ck_assert_str_eq(sb.s, want);
	free(want);
	json_decref(v);
	sb_free(&sb);

	/* JSON has no text for a NaN or an infinity; a two-form writer takes
	 * no real number at all. */
	sb_init(&sb);
	jw_init_jansson(&w, util_sink_strbuf(&sb));
	jw_real(&w, INFINITY);
	ck_assert_int_eq(jw_finish(&w), JW_REAL);
	sb_free(&sb);
	struct two t;
	two_init(&t);
	jw_real(&t.w, 1.5);
	ck_assert_int_eq(jw_finish(&t.w), JW_REAL);
	two_free(&t);
	ck_assert(jw_utf8("é \xf0\x9f\x98\x80", 7));
	ck_assert(!jw_utf8("\xed\xa0\x80", 3));
}
END_TEST

/* A sink that refuses after a number of bytes: the failure is kept. */
static bool
short_write(void *ctx, const void *buf, size_t n)
{
	size_t *left = ctx;
	(void)buf;
	if (n > *left)
		return false;
	*left -= n;
	return true;
}

START_TEST(a_sink_that_fails_stops_the_writer)
{
	size_t left = 100;
	jw w;
	jw_init(&w, (util_sink){NULL, NULL}, (util_sink){short_write, &left});
	jw_arr(&w);
	/* more than the writer buffers, so that the sink is called */
	for (int i = 0; i < 100000; i++)
		jw_str(&w, "0123456789");
	jw_arr_end(&w);
	ck_assert_int_eq(jw_finish(&w), JW_SINK);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("jsonw");
	TCase *tc = tcase_create("jsonw");
	tcase_add_test(tc, strings_are_escaped_as_python_does);
	tcase_add_test(tc, the_indented_form_is_jansson_s_of_the_sorted_value);
	tcase_add_test(tc, a_key_out_of_order_is_refused);
	tcase_add_test(tc, what_has_no_canonical_form_is_refused);
	tcase_add_test(tc, a_member_after_the_canonical_end_is_indented_only);
	tcase_add_test(tc, the_jansson_layout_is_jansson_s_bytes);
	tcase_add_test(tc, a_sink_that_fails_stops_the_writer);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
