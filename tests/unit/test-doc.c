/*
 * test-doc.c — the document writer (core/render/doc.c): the same calls in
 * Markdown and in HTML; hostile values (markup, <script>, quotes, a
 * right-to-left override, emoji) shown as text in both; our own inline
 * markup turned into elements; the running header's CSS string.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "render.h"
#include "testutil.h"

/* A manifest name an attacker would write: markup, a script, quotes, an
 * ampersand, a right-to-left override (U+202E), a line break, an emoji. */
static const char hostile[] =
	"<script>alert('x')</script> \"Acme\" & Co \xE2\x80\xAEgnp.exe\nline2 \xF0\x9F\x9A\x80 *b* |";

/* The text of a small document written with the calls, in fmt. */
static char *
write_doc(doc_format fmt, const char *value)
{
	strbuf sb;
	sb_init(&sb);
	doc d;
	doc_init(&d, fmt, SC_LANG_EN, &sb);
	doc_meta meta = {value, value, value};
	doc_begin(&d, &meta);
	doc_heading_begin(&d, 1);
	doc_text(&d, "Title — ");
	doc_value(&d, value);
	doc_heading_end(&d);
	doc_para_begin(&d, 0);
	doc_text(&d, "Verdict ");
	doc_strong(&d, "19.6.b");
	doc_text(&d, ": **FAIL**");
	doc_para_end(&d);
	doc_list_begin(&d, 0);
	doc_item_begin(&d);
	doc_value(&d, value);
	doc_list_begin(&d, 0);
	doc_item_begin(&d);
	doc_text(&d, "computation:");
	doc_plain(&d, " 1 + 1");
	doc_item_end(&d);
	doc_list_end(&d);
	doc_item_end(&d);
	doc_list_end(&d);
	doc_table_begin(&d, 0);
	doc_row_begin(&d, true);
	doc_cell_begin(&d);
	doc_text(&d, "Name");
	doc_cell_end(&d);
	doc_cell_begin(&d);
	doc_text(&d, "Signature");
	doc_cell_end(&d);
	doc_row_end(&d);
	doc_row_begin(&d, false);
	doc_cell_begin(&d);
	doc_value(&d, value);
	doc_cell_end(&d);
	doc_cell_blank(&d);
	doc_row_end(&d);
	doc_table_end(&d);
	doc_figure_begin(&d);
	doc_caption_begin(&d);
	doc_text(&d, "Figure");
	doc_caption_end(&d);
	doc_svg(&d, "<svg></svg>", 11);
	doc_figure_end(&d);
	doc_para_begin(&d, 0);
	doc_code(&d, "sha256:ab`cd");
	doc_para_end(&d);
	ck_assert_int_eq(doc_end(&d, NULL), SC_OK);
	return sb.s;
}

START_TEST(markdown_keeps_its_layout_and_escapes_values)
{
	char *md = write_doc(DOC_MD, hostile);
	static const char want[] =
		"# Title — \\<script\\>alert('x')\\</script\\> \"Acme\" & Co \\u202Egnp.exe line2 "
		"\xF0\x9F\x9A\x80 \\*b\\* \\|\n"
		"\n"
		"Verdict **19.6.b**: **FAIL**\n"
		"\n"
		"- \\<script\\>alert('x')\\</script\\> \"Acme\" & Co \\u202Egnp.exe line2 "
		"\xF0\x9F\x9A\x80 \\*b\\* \\|\n"
		"  - computation: 1 + 1\n"
		"\n"
		"| Name | Signature |\n"
		"|---|---|\n"
		"| \\<script\\>alert('x')\\</script\\> \"Acme\" & Co \\u202Egnp.exe line2 "
		"\xF0\x9F\x9A\x80 \\*b\\* \\| | |\n"
		"\n"
		"``sha256:ab`cd``\n";
	ck_assert_str_eq(md, want);
	free(md);
}
END_TEST

START_TEST(html_escapes_values_and_isolates_them)
{
	char *h = write_doc(DOC_HTML, hostile);
	/* The value, escaped and isolated, wherever it is shown. */
	static const char shown[] =
		"<bdi>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;Acme&quot; &amp; Co "
		"\\u202Egnp.exe line2 \xF0\x9F\x9A\x80 *b* |</bdi>";
	ck_assert_ptr_nonnull(strstr(h, "<h1>Title — "));
	ck_assert_ptr_nonnull(strstr(h, shown));
	ck_assert_ptr_nonnull(strstr(h, "<li>"));
	ck_assert_ptr_nonnull(strstr(h, "<td>"));
	/* No script element, no raw override, no raw line break in a value. */
	ck_assert_ptr_null(strstr(h, "<script"));
	ck_assert_ptr_null(strstr(h, "\xE2\x80\xAE"));
	ck_assert_ptr_null(strstr(h, "gnp.exe\nline2"));
	/* The title too (no bidi isolation there, but escaped). */
	ck_assert_ptr_nonnull(strstr(h, "<title>&lt;script&gt;alert(&#39;x&#39;)"));
	/* The running header's CSS strings: nothing ends the string or the
	 * style sheet. */
	const char *style = strstr(h, "<style>"), *end = strstr(h, "</style>");
	ck_assert_ptr_nonnull(style);
	ck_assert_ptr_nonnull(end);
	const char *top = strstr(style, "@top-left{content:\"");
	ck_assert_ptr_nonnull(top);
	top += strlen("@top-left{content:\"");
	const char *q = strchr(top, '"');
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_null(memchr(top, '<', (size_t)(q - top)));
	ck_assert_msg(strncmp(top, "\\3c script\\3e alert", 19) == 0, "css: %.40s", top);
	ck_assert_ptr_null(memchr(style + 7, '<', (size_t)(end - style - 7)));
	/* A self-contained page: no request, no script, enforced. */
	ck_assert_ptr_nonnull(strstr(h, "default-src 'none'"));
	ck_assert_ptr_null(strstr(h, "src="));
	ck_assert_ptr_null(strstr(h, "href="));
	ck_assert_ptr_null(strstr(h, "url("));
	ck_assert_ptr_null(strstr(h, "@import"));
	free(h);
}
END_TEST

START_TEST(html_turns_our_markup_into_elements)
{
	char *h = write_doc(DOC_HTML, "x");
	ck_assert_ptr_nonnull(strstr(h, "<p>Verdict <strong>19.6.b</strong>: "
	                                "<strong>FAIL</strong></p>"));
	ck_assert_ptr_nonnull(strstr(h, "<li><bdi>x</bdi><ul>\n<li>computation: 1 + 1</li>\n"
	                                "</ul>\n</li>"));
	ck_assert_ptr_nonnull(strstr(h, "<thead><tr><th scope=\"col\">Name</th>"));
	ck_assert_ptr_nonnull(strstr(h, "<td class=\"blank\"></td>"));
	ck_assert_ptr_nonnull(strstr(h, "<figure>\n<div class=\"drawing\">\n<figcaption>Figure"
	                                "</figcaption>\n<svg></svg></div>\n</figure>"));
	ck_assert_ptr_nonnull(strstr(h, "<code dir=\"auto\">sha256:ab`cd</code>"));
	free(h);
	/* Nesting, code spans that hold stars, and markup left open closed at
	 * the end of its block. */
	strbuf sb;
	sb_init(&sb);
	doc d;
	doc_init(&d, DOC_HTML, SC_LANG_FR, &sb);
	doc_para_begin(&d, 0);
	doc_text(&d, "**a *b* c** `x*y` <&> *open");
	doc_para_end(&d);
	ck_assert_int_eq(doc_end(&d, NULL), SC_OK);
	ck_assert_str_eq(sb.s, "<p><strong>a <em>b</em> c</strong> <code>x*y</code> &lt;&amp;&gt; "
	                       "<em>open</em></p>\n</body>\n</html>\n");
	sb_free(&sb);
}
END_TEST

START_TEST(messages_put_values_in_their_places)
{
	strbuf sb;
	sb_init(&sb);
	doc d;
	doc_init(&d, DOC_HTML, SC_LANG_FR, &sb);
	doc_msg(&d, M_RR_DECIDED_BY, "acceptée", "<b>", "2026-01-01", NULL);
	ck_assert_ptr_nonnull(strstr(sb.s, "<bdi>&lt;b&gt;</bdi>"));
	sb_free(&sb);
	sb_init(&sb);
	doc_init(&d, DOC_MD, SC_LANG_FR, &sb);
	doc_msg(&d, M_RR_DECIDED_BY, "acceptée", "A*B", "2026-01-01", NULL);
	ck_assert_ptr_nonnull(strstr(sb.s, "A\\*B"));
	sb_free(&sb);
}
END_TEST

/* Our words carry inline markup only, balanced: every ** and * closes and
 * every code span ends, so that HTML elements nest and a message cannot
 * swallow the value after it. */
START_TEST(document_messages_carry_balanced_inline_markup)
{
	for (size_t i = 0; i < i18n_count(); i++) {
		if (i >= M_SUM_TITLE && i <= M_SUM_REGISTRY)
			continue;   /* summary.md writes its own Markdown blocks */
		for (int l = 0; l < SC_LANG_COUNT; l++) {
			const char *s = i18n_get((sc_lang)l, i);
			unsigned strong = 0, em = 0, code = 0;
			for (const char *p = s; *p; p++) {
				if (*p == '`')
					code++;
				else if (code % 2)
					continue;
				else if (p[0] == '*' && p[1] == '*')
					strong++, p++;
				else if (*p == '*')
					em++;
			}
			ck_assert_msg(strong % 2 == 0 && em % 2 == 0 && code % 2 == 0,
			              "message %zu (%d) has unbalanced markup: %s", i, l, s);
			ck_assert_msg(strchr(s, '\n') == NULL && s[0] != '#' && s[0] != '|',
			              "message %zu (%d) carries block markup: %s", i, l, s);
		}
	}
}
END_TEST

START_TEST(css_strings_escape_everything_but_words)
{
	strbuf sb;
	sb_init(&sb);
	doc_css_escape(&sb, "a\"b\\c</style>\xE2\x80\xAE\xC3\xA9");
	ck_assert_str_eq(sb.s, "a\\22 b\\5c c\\3c \\2f style\\3e \\5c u202E\xC3\xA9");
	sb_free(&sb);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("doc");
	TCase *tc = tcase_create("doc");
	tcase_add_test(tc, markdown_keeps_its_layout_and_escapes_values);
	tcase_add_test(tc, html_escapes_values_and_isolates_them);
	tcase_add_test(tc, html_turns_our_markup_into_elements);
	tcase_add_test(tc, messages_put_values_in_their_places);
	tcase_add_test(tc, document_messages_carry_balanced_inline_markup);
	tcase_add_test(tc, css_strings_escape_everything_but_words);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
