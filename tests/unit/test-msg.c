/*
 * test-msg.c — localisable messages (core/base/msg.c, messages.c): the
 * tables are sorted and complete in both languages, and a message renders
 * its values in each language (countries with their preposition, plurals,
 * lists, nested messages, decimal commas).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

/* The placeholders of a template ("{n}", "{n|a|b}", "{c|in}" → "n", "n",
 * "c"), sorted and joined by spaces into out. */
static void
names(const char *t, char *out, size_t n)
{
	char v[32][64];
	size_t k = 0;
	for (const char *s = strchr(t, '{'); s && k < 32; s = strchr(s + 1, '{')) {
		if (s[1] == '{') {
			s++;
			continue;
		}
		size_t len = strcspn(s + 1, "|}");
		ck_assert_uint_lt(len, 64);
		memcpy(v[k], s + 1, len);
		v[k][len] = '\0';
		bool dup = false;
		for (size_t i = 0; i < k; i++)
			dup = dup || strcmp(v[i], v[k]) == 0;
		if (!dup)
			k++;
	}
	qsort(v, k, sizeof(v[0]), (int (*)(const void *, const void *))strcmp);
	out[0] = '\0';
	for (size_t i = 0; i < k; i++) {
		strncat(out, v[i], n - strlen(out) - 1);
		strncat(out, " ", n - strlen(out) - 1);
	}
}

START_TEST(table_sorted_and_both_languages_carry_the_same_values)
{
	size_t n;
	const msg_template *t = msg_templates(&n);
	ck_assert_uint_gt(n, 20);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			ck_assert_msg(strcmp(t[i - 1].code, t[i].code) < 0, "%s before %s",
			              t[i - 1].code, t[i].code);
		ck_assert_ptr_nonnull(t[i].text[SC_LANG_EN]);
		ck_assert_ptr_nonnull(t[i].text[SC_LANG_FR]);
		char en[512], fr[512];
		names(t[i].text[SC_LANG_EN], en, sizeof(en));
		names(t[i].text[SC_LANG_FR], fr, sizeof(fr));
		ck_assert_msg(strcmp(en, fr) == 0, "%s: English has {%s}, French {%s}", t[i].code, en, fr);
		ck_assert_ptr_eq(msg_template_find(t[i].code), &t[i]);
		/* the forms of "{n|one|other}" are plain text: a value inside one
		 * would be written as braces */
		for (int l = 0; l < SC_LANG_COUNT; l++)
			for (const char *o = strchr(t[i].text[l], '{'); o; o = strchr(o + 1, '{')) {
				if (o[1] == '{') {
					o++;
					continue;
				}
				const char *c = strchr(o, '}'), *bar = strchr(o, '|');
				ck_assert_msg(c != NULL, "%s: unclosed {", t[i].code);
				if (bar && bar < c)
					ck_assert_msg(memchr(bar, '{', (size_t)(c - bar)) == NULL,
					              "%s: a value inside a plural form", t[i].code);
			}
	}
	ck_assert_ptr_null(msg_template_find("no.such.code"));
}
END_TEST

static char *
render(sc_lang l, sc_msg *m)
{
	char *s = msg_string(l, m);
	ck_assert_ptr_nonnull(s);
	return s;
}

START_TEST(countries_take_the_preposition_of_the_language)
{
	static const struct { const char *cc, *fr; } cases[] = {
		{"FR", "adresses situées en France"},
		{"MA", "adresses situées au Maroc"},
		{"US", "adresses situées aux États-Unis d'Amérique"},
		{"SG", "adresses situées à Singapour"},
		{"KR", "adresses situées en Corée du Sud"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sc_msg *m = msg_new("risk.located");
		msg_country(m, "country", cases[i].cc);
		char *fr = render(SC_LANG_FR, m), *en = render(SC_LANG_EN, m);
		ck_assert_str_eq(fr, cases[i].fr);
		char want[64];
		snprintf(want, sizeof(want), "addresses located in %s", cases[i].cc);
		ck_assert_str_eq(en, want);
		free(fr);
		free(en);
		msg_free(m);
	}
}
END_TEST

START_TEST(plurals_lists_nesting_and_decimal_commas)
{
	sc_msg *m = msg_new("sites.documented");
	msg_num(m, "n", 2);
	msg_items *l = msg_list(m, "sites", ',');
	const char *cc[] = {"FR", "US"};
	for (int i = 0; i < 2; i++) {
		sc_msg *y = msg_new("sites.site");
		msg_text(y, "site", i ? "par<2>" : "par1");
		msg_country(y, "country", cc[i]);
		msg_item_sub(m, l, y);
	}
	char *en = render(SC_LANG_EN, m), *fr = render(SC_LANG_FR, m);
	ck_assert_str_eq(en, "2 data sites documented: par1 (FR), par<2> (US)");
	ck_assert_str_eq(fr, "2 sites de données documentés : par1 (France), par<2> (États-Unis d'Amérique)");
	free(en);
	free(fr);
	msg_free(m);

	m = msg_new("sites.documented");
	msg_num(m, "n", 1);
	msg_list(m, "sites", ',');
	en = render(SC_LANG_EN, m);
	fr = render(SC_LANG_FR, m);
	ck_assert_str_eq(en, "1 data site documented: ");
	ck_assert_str_eq(fr, "1 site de données documenté : ");
	free(en);
	free(fr);
	msg_free(m);

	m = msg_new("risk.shareholder");
	msg_country(m, "country", "US");
	msg_pct(m, "capital", "24.5");
	msg_pct(m, "voting", "10");
	fr = render(SC_LANG_FR, m);
	ck_assert_ptr_nonnull(strstr(fr, "24,5 % du capital"));
	free(fr);
	en = render(SC_LANG_EN, m);
	ck_assert_ptr_nonnull(strstr(en, "24.5 % of the capital"));
	free(en);
	msg_free(m);
}
END_TEST

/* A list's handle stays valid while the message grows: items added after
 * many other values land in the list (the values array is reallocated). */
START_TEST(a_list_handle_survives_values_added_after_it)
{
	sc_msg *m = msg_new("sites.documented");
	msg_items *l = msg_list(m, "sites", ',');
	static const char *const names[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
	for (size_t i = 0; i < 10; i++)
		msg_text(m, names[i], names[i]);
	msg_num(m, "n", 2);
	msg_item_text(m, l, "x");
	msg_item_text(m, l, "y");
	char *en = render(SC_LANG_EN, m);
	ck_assert_str_eq(en, "2 data sites documented: x, y");
	free(en);
	msg_free(m);
}
END_TEST

/* A clone renders as its original did, after the original is gone. */
START_TEST(a_clone_is_deep)
{
	sc_msg *m = msg_new("sites.documented");
	msg_num(m, "n", 2);
	msg_items *l = msg_list(m, "sites", ',');
	for (int i = 0; i < 2; i++) {
		sc_msg *y = msg_new("sites.site");
		msg_text(y, "site", i ? "B" : "A");
		msg_country(y, "country", i ? "US" : "FR");
		msg_item_sub(m, l, y);
	}
	char *want = render(SC_LANG_FR, m);
	sc_msg *c = msg_clone(m);
	msg_free(m);
	ck_assert_ptr_nonnull(c);
	char *got = render(SC_LANG_FR, c);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	msg_free(c);
	ck_assert_ptr_null(msg_clone(NULL));
}
END_TEST

/* A packed message (one block) renders in both languages as the loose one
 * did, after the loose one is gone; it refuses a new value rather than
 * change; a clone of it is loose again; inside another message it is
 * freed with it. */
START_TEST(a_packed_message_renders_the_same_and_is_read_only)
{
	sc_msg *m = msg_new("sites.documented");
	msg_num(m, "n", 3);
	msg_items *l = msg_list(m, "sites", ',');
	for (int i = 0; i < 3; i++) {
		sc_msg *y = msg_new("sites.site");
		msg_text(y, "site", i == 0 ? "" : i == 1 ? "par<2>" : "São Paulo");
		msg_country(y, "country", i == 2 ? "BR" : "FR");
		msg_item_sub(m, l, y);
	}
	char *en = render(SC_LANG_EN, m), *fr = render(SC_LANG_FR, m);
	sc_msg *p = msg_pack(m);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->packed, MSG_PACKED);
	char *pen = render(SC_LANG_EN, p), *pfr = render(SC_LANG_FR, p);
	ck_assert_str_eq(pen, en);
	ck_assert_str_eq(pfr, fr);
	ck_assert(!p->oom);
	msg_text(p, "extra", "x");
	ck_assert(p->oom);
	ck_assert_uint_eq(p->n, 2);
	p->oom = false;
	msg_item_text(p, msg_list_of(p, "sites"), "x");
	ck_assert(p->oom);
	p->oom = false;
	ck_assert_ptr_eq(msg_pack(p), p);
	sc_msg *c = msg_clone(p);
	ck_assert_int_eq(c->packed, MSG_LOOSE);
	char *cfr = render(SC_LANG_FR, c);
	ck_assert_str_eq(cfr, fr);
	msg_text(c, "extra", "x");
	ck_assert(!c->oom);
	sc_msg *outer = msg_new("waiver.applied");
	msg_sub(outer, "finding", p);
	msg_free(outer);
	msg_free(c);
	ck_assert_ptr_null(msg_pack(NULL));
	free(en);
	free(fr);
	free(pen);
	free(pfr);
	free(cfr);
}
END_TEST

/* A shared message is kept once, whatever holds it: loose and packed
 * parents, lists, clones; it renders inside each as a copy would; the
 * last holder to go frees it (ASan reports a leak, a double free or a
 * use after free otherwise), in any order; it is read-only. */
START_TEST(a_shared_message_is_held_once_and_freed_by_its_last_holder)
{
	sc_msg *d = msg_new("sites.site");
	msg_text(d, "site", "par2");
	msg_country(d, "country", "FR");
	char *den = render(SC_LANG_EN, d);
	sc_msg *s = msg_share(d);
	ck_assert_int_eq(s->packed, MSG_SHARED);
	ck_assert_uint_eq(s->refs, 1);
	msg_text(s, "extra", "x");
	ck_assert(s->oom);
	s->oom = false;

	sc_msg *a = msg_new("sites.documented"), *b = msg_new("sites.documented");
	msg_num(a, "n", 1);
	msg_num(b, "n", 1);
	msg_item_sub(a, msg_list(a, "sites", ','), msg_ref(s));
	msg_item_sub(b, msg_list(b, "sites", ','), msg_ref(s));
	ck_assert_uint_eq(s->refs, 3);
	char *aen = render(SC_LANG_EN, a);
	ck_assert_ptr_nonnull(strstr(aen, den));
	/* packing a parent refers to the shared message, it does not copy it */
	a = msg_pack(a);
	ck_assert_int_eq(a->packed, MSG_PACKED);
	ck_assert(a->shares);
	ck_assert_uint_eq(s->refs, 3);
	ck_assert_ptr_eq(msg_list_of(a, "sites")->v[0].m, s);
	char *pen = render(SC_LANG_EN, a);
	ck_assert_str_eq(pen, aen);
	/* a clone holds it too */
	sc_msg *c = msg_clone(a);
	ck_assert_uint_eq(s->refs, 4);
	ck_assert_ptr_eq(msg_list_of(c, "sites")->v[0].m, s);
	/* the first holder lets go; the others still read it */
	msg_free(s);
	ck_assert_uint_eq(s->refs, 3);
	msg_free(a);
	ck_assert_uint_eq(s->refs, 2);
	char *cen = render(SC_LANG_EN, c);
	ck_assert_str_eq(cen, aen);
	msg_free(c);
	ck_assert_uint_eq(s->refs, 1);
	char *ben = render(SC_LANG_EN, b);
	ck_assert_str_eq(ben, aen);
	msg_free(b); /* the last: freed */
	/* an unshared message is copied, not shared */
	sc_msg *u = msg_new("sites.site");
	sc_msg *v = msg_ref(u);
	ck_assert_ptr_ne(u, v);
	ck_assert_int_eq(v->packed, MSG_LOOSE);
	msg_free(u);
	msg_free(v);
	ck_assert_ptr_null(msg_ref(NULL));
	free(den);
	free(aen);
	free(pen);
	free(cen);
	free(ben);
}
END_TEST

START_TEST(dates_are_written_in_the_language)
{
	sc_msg *m = msg_new("signoff.present");
	msg_text(m, "by", "Claire Dubois");
	msg_date(m, "date", "2026-03-01");
	char *fr = render(SC_LANG_FR, m), *en = render(SC_LANG_EN, m);
	ck_assert_str_eq(fr, "risques résiduels acceptés par Claire Dubois le 1er mars 2026");
	ck_assert_str_eq(en, "residual risks accepted by Claire Dubois on 2026-03-01");
	free(fr);
	free(en);
	msg_free(m);
	m = msg_new("signoff.present");
	msg_text(m, "by", "X");
	msg_date(m, "date", "?");
	fr = render(SC_LANG_FR, m);
	ck_assert_str_eq(fr, "risques résiduels acceptés par X le ?");
	free(fr);
	msg_free(m);
}
END_TEST

START_TEST(words_are_translated_and_unknown_codes_fail)
{
	ck_assert_str_eq(msg_word_text(SC_LANG_FR, "data:customer"), "clients");
	ck_assert_str_eq(msg_word_text(SC_LANG_EN, "sev:3"), "customer data (4)");
	ck_assert_ptr_null(msg_word_text(SC_LANG_FR, "data:nothing-such"));
	sc_msg *m = msg_new("no.such.code");
	strbuf sb;
	sb_init(&sb);
	ck_assert(!msg_render(&sb, SC_LANG_FR, m));
	ck_assert_str_eq(sb.s, "no.such.code");
	sb_free(&sb);
	ck_assert_ptr_null(msg_string(SC_LANG_EN, m));
	msg_free(m);
	/* a missing value is a failure too, never an empty sentence */
	m = msg_new("risk.located");
	ck_assert_ptr_null(msg_string(SC_LANG_EN, m));
	msg_free(m);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("msg");
	TCase *tc = tcase_create("msg");
	tcase_add_test(tc, table_sorted_and_both_languages_carry_the_same_values);
	tcase_add_test(tc, countries_take_the_preposition_of_the_language);
	tcase_add_test(tc, plurals_lists_nesting_and_decimal_commas);
	tcase_add_test(tc, words_are_translated_and_unknown_codes_fail);
	tcase_add_test(tc, a_list_handle_survives_values_added_after_it);
	tcase_add_test(tc, dates_are_written_in_the_language);
	tcase_add_test(tc, a_clone_is_deep);
	tcase_add_test(tc, a_packed_message_renders_the_same_and_is_read_only);
	tcase_add_test(tc, a_shared_message_is_held_once_and_freed_by_its_last_holder);
	suite_add_tcase(s, tc);
	SRunner *r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	int failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
