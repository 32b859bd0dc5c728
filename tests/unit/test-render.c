/*
 * test-render.c — the render stage: each writer against the fixture's
 * filing, compared byte for byte with the expected files in
 * tests/unit/render/ (the tool version and the fixture's temporary
 * directory masked); every language has every message with the same
 * placeholders; Markdown values are escaped.
 *
 * After a deliberate change to a writer, SOVCHECK_RENDER_UPDATE=1 rewrites
 * the expected files: read the diff before committing it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "render.h"
#include "text.h"

static fixture fx;

static void setup(void) { fx_setup(&fx); }
static void teardown(void) { fx_free(&fx); }

/* s with every occurrence of from replaced by to (new string). */
static char *
replace_all(const char *s, const char *from, const char *to)
{
	strbuf sb;
	sb_init(&sb);
	size_t fl = strlen(from);
	for (const char *p = s;;) {
		const char *q = fl ? strstr(p, from) : NULL;
		if (q == NULL) {
			sb_puts(&sb, p);
			break;
		}
		sb_append(&sb, p, (size_t)(q - p));
		sb_puts(&sb, to);
		p = q + fl;
	}
	return sb.s ? sb.s : strdup("");
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *b = malloc((size_t)n + 1);
	size_t got = fread(b, 1, (size_t)n, f);
	b[got] = '\0';
	fclose(f);
	return b;
}

static const char *const outputs[] = {
	"findings.json", "summary.md", "summary.fr.md", "residual-risk.en.md",
	"residual-risk.fr.md", "residual-risk.en.html", "residual-risk.fr.html",
	"compliance.en.md", "compliance.fr.md", "compliance.en.html", "compliance.fr.html",
	"findings.sarif",
	"findings.csv", "dependencies.csv",
};

START_TEST(each_writer_matches_its_expected_file)
{
	fx_file(&fx);
	const char *name = outputs[_i];
	strbuf sb;
	sb_init(&sb);
	/* summary.fr.md is the French summary written beside an English one. */
	sc_lang l = strcmp(name, "summary.fr.md") == 0 ? SC_LANG_FR : SC_LANG_EN;
	const char *asked = strcmp(name, "summary.fr.md") == 0 ? "summary.md" : name;
	ck_assert_int_eq(render_named(fx.f, asked, l, &sb, NULL), SC_OK);
	char *a0 = replace_all(sb.s ? sb.s : "", fx.dir, "@DIR@");
	/* The documents quote the digest of evidence.json, which holds the
	 * times the fixture's evidence was observed: masked. */
	strbuf ev;
	sb_init(&ev);
	ck_assert_int_eq(render_named(fx.f, "evidence.json", SC_LANG_EN, &ev, NULL), SC_OK);
	char bundle[65];
	ck_assert(util_sha256_hex(ev.s, ev.len, bundle));
	sb_free(&ev);
	char *a1 = replace_all(a0, bundle, "@BUNDLE-SHA256@");
	free(a0);
	/* the annex names files by their last two components: the fixture's
	 * directory's own name */
	const char *slash = strrchr(fx.dir, '/');
	char *a = replace_all(a1, slash ? slash + 1 : fx.dir, "@DIRNAME@");
	free(a1);
	char *got = replace_all(a, SC_VERSION, "@VERSION@");
	char exp_path[512];
	snprintf(exp_path, sizeof(exp_path), "%s/tests/unit/render/%s", SC_SRCDIR, name);
	if (getenv("SOVCHECK_RENDER_UPDATE")) {
		FILE *f = fopen(exp_path, "wb");
		ck_assert_ptr_nonnull(f);
		fputs(got, f);
		fclose(f);
	}
	char *want = slurp(exp_path);
	ck_assert_msg(want != NULL, "no expected file %s", exp_path);
	if (strcmp(got, want) != 0) {
		char got_path[600];
		snprintf(got_path, sizeof(got_path), "%s/got-%s", fx.dir, name);
		FILE *f = fopen(got_path, "wb");
		fputs(got, f);
		fclose(f);
		char cmd[1400];
		snprintf(cmd, sizeof(cmd), "diff -u '%s' '%s' | head -40 >&2", exp_path, got_path);
		(void)!system(cmd);
		ck_abort_msg("%s differs from %s", name, exp_path);
	}
	free(want);
	free(got);
	free(a);
	sb_free(&sb);
}
END_TEST

/* The inputs a filing stands on, each with the SHA-256 of its bytes: the
 * manifest, the pack and its country sets, the laws, the registry file,
 * the geolocation database — recomputed here from the files. */
START_TEST(a_filing_names_its_inputs_with_their_digests)
{
	fx_file(&fx);
	size_t n = sc_filing_input_count(fx.f);
	static const char *const roles[] = {"manifest", "pack", "country-sets", "laws", "registry",
		"geodb"};
	ck_assert_uint_eq(n, 6);
	for (size_t i = 0; i < n; i++) {
		const char *role, *file, *sha;
		ck_assert(sc_filing_input(fx.f, i, &role, &file, &sha));
		ck_assert_str_eq(role, roles[i]);
		ck_assert_uint_eq(strlen(sha), 64);
		if (i == 0)
			continue;   /* the manifest's text is the evidence's */
		char path[1024];
		if (i == 5)
			snprintf(path, sizeof(path), "%s/%s", fx.dir, file);
		else
			snprintf(path, sizeof(path), "%s", file);
		FILE *fp = fopen(path, "rb");
		ck_assert_msg(fp != NULL, "%s", path);
		static char buf[1 << 24];
		size_t len = fread(buf, 1, sizeof(buf), fp);
		fclose(fp);
		char want[65];
		ck_assert(util_sha256_hex(buf, len, want));
		ck_assert_str_eq(sha, want);
	}
	ck_assert(!sc_filing_input(fx.f, n, NULL, NULL, NULL));
}
END_TEST

START_TEST(writing_a_filing_writes_the_formats_and_languages_asked)
{
	fx_file(&fx);
	sc_render_opts ro = {.formats = 1u << SC_FORMAT_JSON | 1u << SC_FORMAT_MD,
		.doc_langs = 1u << SC_LANG_FR, .summary_langs = 1u << SC_LANG_EN | 1u << SC_LANG_FR};
	const char *dir = fx_path(&fx, "out/deeper");
	ck_assert_int_eq(sc_filing_write(fx.f, dir, &ro, NULL), SC_OK);
	static const char *const present[] = {"findings.json", "summary.md", "summary.fr.md",
		"residual-risk.fr.md"};
	static const char *const absent[] = {"residual-risk.en.md", "evidence.json",
		"findings.sarif", "findings.csv"};
	char p[700];
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, present[i]);
		ck_assert_msg(access(p, R_OK) == 0, "%s written", present[i]);
		snprintf(p, sizeof(p), "%s/%s", dir, absent[i]);
		ck_assert_msg(access(p, R_OK) != 0, "%s not written", absent[i]);
	}
	/* A file where the directory should be is an error, not "Success". */
	fx_write(&fx, "plainfile", "x");
	sc_err err;
	sc_err_clear(&err);
	ck_assert_int_eq(sc_filing_write(fx.f, fx_path(&fx, "plainfile"), &ro, &err), SC_ERR_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a directory"));
}
END_TEST

/* The files written on several threads at once are the files written one
 * after the other, byte for byte, SHA256SUMS (its order) included; the
 * documents that quote the evidence bundle's digest quote the same. */
START_TEST(files_written_on_threads_are_the_files_written_in_turn)
{
	fx_file(&fx);
	static const char *const names[] = {"SHA256SUMS", "evidence.json", "findings.json",
		"findings.sarif", "assessment-results.json", "findings.csv", "dependencies.csv",
		"providers.csv", "residual-risk.en.md", "residual-risk.fr.md",
		"residual-risk.en.html", "residual-risk.fr.html", "compliance.en.md",
		"compliance.fr.md", "compliance.en.html", "compliance.fr.html", "summary.md",
		"summary.fr.md"};
	unsigned formats = 0;
	for (int k = 0; k < SC_FORMAT_COUNT; k++)
		if (sc_format_available((sc_format)k))
			formats |= 1u << k;
	for (int pass = 0; pass < 2; pass++) {
		/* pass 1: without evidence.json, the digest computed before */
		unsigned fm = pass ? formats & ~(1u << SC_FORMAT_EVIDENCE) : formats;
		sc_render_opts one = {.formats = fm, .doc_langs = 1u << SC_LANG_EN | 1u << SC_LANG_FR,
			.summary_langs = 1u << SC_LANG_EN | 1u << SC_LANG_FR, .threads = 1};
		sc_render_opts four = one;
		four.threads = 4;
		const char *d1 = pass ? "seq2" : "seq", *d4 = pass ? "par2" : "par";
		ck_assert_int_eq(sc_filing_write(fx.f, fx_path(&fx, d1), &one, NULL), SC_OK);
		ck_assert_int_eq(sc_filing_write(fx.f, fx_path(&fx, d4), &four, NULL), SC_OK);
		size_t compared = 0;
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			char p1[700], p4[700];
			snprintf(p1, sizeof(p1), "%s/%s", fx_path(&fx, d1), names[i]);
			snprintf(p4, sizeof(p4), "%s/%s", fx_path(&fx, d4), names[i]);
			char *a = slurp(p1), *b = slurp(p4);
			ck_assert_msg((a == NULL) == (b == NULL), "%s: written by one only", names[i]);
			if (a != NULL) {
				ck_assert_msg(strcmp(a, b) == 0, "%s differs", names[i]);
				compared++;
			}
			free(a);
			free(b);
		}
		ck_assert_uint_ge(compared, pass ? 16 : 17);
		/* SHA256SUMS in the table's order (names[], after itself), not
		 * the order the threads ended in */
		char sp[700];
		snprintf(sp, sizeof(sp), "%s/SHA256SUMS", fx_path(&fx, d4));
		char *sums = slurp(sp);
		ck_assert_ptr_nonnull(sums);
		size_t last = 0, lines = 0;
		for (char *line = sums, *nl; *line; line = nl + 1) {
			if ((nl = strchr(line, '\n')) == NULL)
				break;
			*nl = '\0';
			const char *name = strstr(line, "  ");
			ck_assert_ptr_nonnull(name);
			size_t k = 1;
			while (k < sizeof(names) / sizeof(names[0]) && strcmp(names[k], name + 2) != 0)
				k++;
			ck_assert_msg(k < sizeof(names) / sizeof(names[0]), "%s listed", name + 2);
			ck_assert_msg(k > last, "%s out of order in SHA256SUMS", name + 2);
			last = k;
			lines++;
		}
		ck_assert_uint_eq(lines, compared - 1);
		free(sums);
	}
}
END_TEST

START_TEST(the_output_directory_is_replaced_as_a_whole)
{
	fx_file(&fx);
	const char *dir = fx_path(&fx, "filing");
	sc_render_opts all = {.formats = 1u << SC_FORMAT_JSON | 1u << SC_FORMAT_MD |
		1u << SC_FORMAT_CSV, .doc_langs = 1u << SC_LANG_EN, .summary_langs = 1u << SC_LANG_EN};
	ck_assert_int_eq(sc_filing_write(fx.f, dir, &all, NULL), SC_OK);
	char p[700];
	snprintf(p, sizeof(p), "%s/findings.csv", dir);
	ck_assert_int_eq(access(p, R_OK), 0);
	snprintf(p, sizeof(p), "%s/SHA256SUMS", dir);
	ck_assert_int_eq(access(p, R_OK), 0);
	/* The next run asks fewer formats: the CSV of the first is gone (no
	 * mix of two runs). */
	sc_render_opts json = {.formats = 1u << SC_FORMAT_JSON};
	ck_assert_int_eq(sc_filing_write(fx.f, dir, &json, NULL), SC_OK);
	snprintf(p, sizeof(p), "%s/findings.csv", dir);
	ck_assert_int_ne(access(p, R_OK), 0);
	/* Nothing of the staging directory or the previous set is left beside. */
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "ls -a '%s' | grep -q 'sovcheck-\\(new\\|old\\)'", fx.dir);
	ck_assert_int_ne(system(cmd), 0);
	/* A directory holding files a filing never has is refused, untouched. */
	fx_write(&fx, "filing/notes.txt", "mine");
	sc_err err;
	sc_err_clear(&err);
	ck_assert_int_eq(sc_filing_write(fx.f, dir, &json, &err), SC_ERR_IO);
	ck_assert_ptr_nonnull(strstr(err.msg, "notes.txt"));
	snprintf(p, sizeof(p), "%s/notes.txt", dir);
	ck_assert_int_eq(access(p, R_OK), 0);
}
END_TEST

START_TEST(a_name_no_output_has_is_not_found)
{
	fx_file(&fx);
	strbuf sb;
	sb_init(&sb);
	ck_assert_int_eq(render_named(fx.f, "findings.jsonx", SC_LANG_EN, &sb, NULL),
	                 SC_ERR_NOTFOUND);
	sb_free(&sb);
}
END_TEST

/* The placeholders {1}..{9} a message uses, as a bit set. */
static unsigned
placeholders(const char *s)
{
	unsigned m = 0;
	for (const char *p = s; *p; p++)
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}')
			m |= 1u << (p[1] - '0');
	return m;
}

START_TEST(every_language_has_every_message_with_the_same_placeholders)
{
	ck_assert_uint_gt(i18n_count(), 100);
	for (size_t i = 0; i < i18n_count(); i++) {
		const char *en = i18n_get(SC_LANG_EN, i), *fr = i18n_get(SC_LANG_FR, i);
		ck_assert_msg(en && *en, "message %zu has no English text", i);
		ck_assert_msg(fr && *fr, "message %zu has no French text", i);
		ck_assert_msg(placeholders(en) == placeholders(fr),
		              "message %zu: placeholders differ: '%s' / '%s'", i, en, fr);
	}
	strbuf sb;
	sb_init(&sb);
	i18n_put(&sb, SC_LANG_FR, M_SUM_REGISTRY, md_escape, "12", "2026-01-0*", "x|y",
	         (const char *)NULL);
	ck_assert_str_eq(sb.s, "- Registre des entités : 12 organisations, faits revus entre le "
	                 "2026-01-0\\* et le x\\|y\n");
	sb_free(&sb);
}
END_TEST

START_TEST(markdown_values_are_escaped)
{
	strbuf sb;
	sb_init(&sb);
	md_escape(&sb, "a|b *c* <script> [x](y) #1\nnext");
	ck_assert_str_eq(sb.s, "a\\|b \\*c\\* \\<script\\> \\[x\\](y) \\#1 next");
	sb_free(&sb);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("render");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, each_writer_matches_its_expected_file, 0,
	                    (int)(sizeof(outputs) / sizeof(outputs[0])));
	tcase_add_test(tc, writing_a_filing_writes_the_formats_and_languages_asked);
	tcase_add_test(tc, the_output_directory_is_replaced_as_a_whole);
	tcase_add_test(tc, files_written_on_threads_are_the_files_written_in_turn);
	tcase_add_test(tc, a_name_no_output_has_is_not_found);
	tcase_add_test(tc, every_language_has_every_message_with_the_same_placeholders);
	tcase_add_test(tc, markdown_values_are_escaped);
	tcase_add_test(tc, a_filing_names_its_inputs_with_their_digests);
	suite_add_tcase(s, tc);
	return fx_run(s);
}
