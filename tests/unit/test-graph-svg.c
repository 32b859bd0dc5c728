/*
 * test-graph-svg.c — the dependency graph as a picture (graph-svg.c): the
 * five layers of the fixture's filing, controllers outside the EU marked,
 * an address nobody attributes shown as unknown; a large graph grouped and
 * cut so that the picture stays legible; hostile names escaped in the SVG.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "filing.h"
#include "graph-svg.h"
#include "render.h"

static fixture fx;

static void setup(void) { fx_setup(&fx); }
static void teardown(void) { fx_free(&fx); }

static const dg_node *
node(const dg *g, dg_col col, const char *label)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->nodes[i].col == col && strcmp(g->nodes[i].label, label) == 0)
			return &g->nodes[i];
	return NULL;
}

static bool
edge(const dg *g, const dg_node *a, const dg_node *b)
{
	for (size_t e = 0; e < g->ne; e++)
		if (&g->nodes[g->edges[e].from] == a && &g->nodes[g->edges[e].to] == b)
			return true;
	return false;
}

static size_t
count(const dg *g, dg_col col)
{
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++)
		n += g->nodes[i].col == col;
	return n;
}

static size_t
occurrences(const char *s, const char *what)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, what)) != NULL; p++)
		n++;
	return n;
}

START_TEST(the_fixture_reads_in_five_layers)
{
	fx_file(&fx);
	dg *g = NULL;
	ck_assert_int_eq(dg_build(fx.f, SC_LANG_EN, &g, NULL), SC_OK);
	const dg_node *svc = node(g, DG_SERVICE, "Fixture Shop");
	const dg_node *www = node(g, DG_ENTRY, "www.shop.example");
	const dg_node *cdn = node(g, DG_OPERATOR, "Globex CDN Inc.");
	const dg_node *corp = node(g, DG_CONTROLLER, "Globex Corp.");
	const dg_node *us = node(g, DG_COUNTRY, "US · United States of America");
	const dg_node *euro = node(g, DG_CONTROLLER, "Euro Host SAS");
	ck_assert_ptr_nonnull(svc);
	ck_assert_ptr_nonnull(www);
	ck_assert_ptr_nonnull(cdn);
	ck_assert_ptr_nonnull(corp);
	ck_assert_ptr_nonnull(us);
	ck_assert_ptr_nonnull(euro);
	ck_assert(edge(g, svc, www) && edge(g, www, cdn) && edge(g, cdn, corp) && edge(g, corp, us));
	/* outside the EU: the US controller and country, not the French one */
	ck_assert(corp->flags & DG_NON_EU);
	ck_assert(us->flags & DG_NON_EU);
	ck_assert(!(euro->flags & DG_NON_EU));
	ck_assert_str_eq(corp->cc, "US");
	/* the admin address's AS is in no registry entry: its controller is
	 * unknown, shown, never dropped */
	const dg_node *unk = node(g, DG_CONTROLLER, "controller unknown");
	ck_assert_ptr_nonnull(unk);
	ck_assert(unk->flags & DG_UNKNOWN);
	ck_assert(edge(g, node(g, DG_OPERATOR, "Unknown Networks"), unk));
	/* sorted by column then rank; countries by code, controllers by
	 * their country */
	for (size_t i = 1; i < g->n; i++)
		ck_assert(g->nodes[i - 1].col < g->nodes[i].col ||
		          (g->nodes[i - 1].col == g->nodes[i].col &&
		           g->nodes[i - 1].rank + 1 == g->nodes[i].rank));
	ck_assert_uint_lt(euro->rank, corp->rank);
	/* small: drawn as it is, and the same twice */
	dg *d = NULL;
	ck_assert_int_eq(dg_drawn(g, SC_LANG_EN, &d, NULL), SC_OK);
	ck_assert(!d->grouped);
	ck_assert_uint_eq(d->n, g->n);
	strbuf a, b;
	sb_init(&a);
	sb_init(&b);
	dg_svg(d, SC_LANG_EN, &a);
	dg_svg(d, SC_LANG_EN, &b);
	ck_assert_str_eq(a.s, b.s);
	ck_assert_uint_eq(occurrences(a.s, "<rect "), g->n + 2);   /* + two legend boxes */
	ck_assert_ptr_nonnull(strstr(a.s, "▲ Globex Corp."));
	ck_assert_ptr_nonnull(strstr(a.s, "viewBox=\"0 0 "));
	sb_free(&a);
	sb_free(&b);
	dg_free(d);
	dg_free(g);
}
END_TEST

/* A controller seated in the EU but held from outside it is marked outside
 * the EU; its country, in the EU, is not; providers.csv and findings.json
 * say it is controlled from outside. */
START_TEST(a_controller_held_from_outside_is_marked_not_its_country)
{
	fx_hold_eurohost(&fx, "    control: private\n    holders: [{name: Globex Capital, country: US, "
	                 "voting: 80}]\n", "");
	fx_file(&fx);
	dg *g = NULL;
	ck_assert_int_eq(dg_build(fx.f, SC_LANG_EN, &g, NULL), SC_OK);
	const dg_node *euro = node(g, DG_CONTROLLER, "Euro Host SAS");
	const dg_node *fr = node(g, DG_COUNTRY, "FR · France");
	ck_assert_ptr_nonnull(euro);
	ck_assert_ptr_nonnull(fr);
	ck_assert(euro->flags & DG_NON_EU);
	ck_assert(!(fr->flags & DG_NON_EU));
	dg_free(g);
	/* the DORA register's providers.csv says the same: controlled outside */
	strbuf csv;
	sb_init(&csv);
	ck_assert_int_eq(render_providers_csv(fx.f, SC_LANG_EN, &csv, NULL), SC_OK);
	ck_assert_msg(strstr(csv.s, "Euro Host SAS,eurohost,,FR,Euro Host SAS,FR,yes,") != NULL, "%s",
	              csv.s);
	sb_free(&csv);
	/* …and findings.json's dependencies: controller_in_eu27 false */
	strbuf js;
	sb_init(&js);
	ck_assert_int_eq(render_findings_json(fx.f, SC_LANG_EN, &js, NULL), SC_OK);
	ck_assert_msg(strstr(js.s, "\"controller_held_recorded\": true,\n      "
	                     "\"controller_in_eu27\": false") != NULL, "%s", js.s);
	ck_assert_ptr_null(strstr(js.s, "\"controller_in_eu27\": true"));
	sb_free(&js);
}
END_TEST

START_TEST(nothing_observed_is_an_empty_graph)
{
	fx_file(&fx);
	/* the same filing without its graph: declarations only */
	sc_filing f = *fx.f;
	f.graph = NULL;
	dg *g = NULL;
	ck_assert_int_eq(dg_build(&f, SC_LANG_EN, &g, NULL), SC_OK);
	ck_assert_uint_eq(g->n, 0);
	ck_assert_uint_eq(g->ne, 0);
	dg *d = NULL;
	ck_assert_int_eq(dg_drawn(g, SC_LANG_EN, &d, NULL), SC_OK);
	ck_assert_uint_eq(d->n, 0);
	dg_free(d);
	dg_free(g);
}
END_TEST

/* A graph of n entries, each to one of nops operators, each its own
 * controller, in countries taking turns between FR and US. */
static dg *
synthetic(size_t n, size_t nops, const char *first)
{
	dg *g = calloc(1, sizeof(*g));
	size_t total = 1 + n + 3 * nops;
	g->nodes = calloc(total, sizeof(*g->nodes));
	g->edges = calloc(2 * n + 2 * nops, sizeof(*g->edges));
	char buf[64];
	g->nodes[g->n++] = (dg_node){DG_SERVICE, strdup("svc"), "", 0, 0, 0};
	for (size_t i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "e%03zu", i);
		g->nodes[g->n++] = (dg_node){DG_ENTRY, strdup(i == 0 ? first : buf), "", 0, 0, i};
	}
	for (int c = DG_OPERATOR; c <= DG_CONTROLLER; c++)
		for (size_t k = 0; k < nops; k++) {
			snprintf(buf, sizeof(buf), "%s%03zu", c == DG_OPERATOR ? "op" : "ctl", k);
			g->nodes[g->n++] = (dg_node){(dg_col)c, strdup(buf), "", 0, 0, k};
		}
	for (size_t k = 0; k < nops; k++) {
		/* countries are not needed to test grouping; controllers carry
		 * the flag */
		dg_node *ctl = &g->nodes[1 + n + nops + k];
		snprintf(ctl->cc, sizeof(ctl->cc), "%s", k % 2 ? "US" : "FR");
		ctl->flags = k % 2 ? DG_NON_EU : 0;
	}
	for (size_t i = 0; i < n; i++) {
		g->edges[g->ne++] = (dg_edge){0, 1 + i, DG_NAME};
		g->edges[g->ne++] = (dg_edge){1 + i, 1 + n + i % nops, DG_NAME};
	}
	for (size_t k = 0; k < nops; k++)
		g->edges[g->ne++] = (dg_edge){1 + n + k, 1 + n + nops + k, DG_NAME};
	g->nentries = n;
	g->n = 1 + n + 2 * nops;
	(void)total;
	/* edges sorted by (from, to), as dg_build() leaves them */
	for (size_t i = 1; i < g->ne; i++)
		for (size_t j = i; j > 0 && (g->edges[j - 1].from > g->edges[j].from ||
		     (g->edges[j - 1].from == g->edges[j].from && g->edges[j - 1].to > g->edges[j].to));
		     j--) {
			dg_edge t = g->edges[j];
			g->edges[j] = g->edges[j - 1];
			g->edges[j - 1] = t;
		}
	return g;
}

START_TEST(a_large_graph_is_grouped_and_cut)
{
	dg *g = synthetic(120, 40, "<script>alert(\"x\")</script>\xE2\x80\xAE");
	dg *d = NULL;
	ck_assert_int_eq(dg_drawn(g, SC_LANG_FR, &d, NULL), SC_OK);
	ck_assert(d->grouped);
	ck_assert_uint_eq(d->nentries, 120);
	for (int c = DG_ENTRY; c <= DG_CONTROLLER; c++)
		ck_assert_uint_le(count(d, (dg_col)c), DG_MAX_ROWS);
	/* the groups: one per operator, "3 entrées" each (120 over 40) */
	ck_assert_ptr_nonnull(node(d, DG_ENTRY, "3 entrées"));
	/* the cut: 29 operators shown, the 11 others in one box that says so,
	 * outside the EU since some of them are */
	const dg_node *more = node(d, DG_CONTROLLER, "11 de plus (voir le tableau)");
	ck_assert_ptr_nonnull(more);
	ck_assert(more->flags & DG_MORE);
	ck_assert(more->flags & DG_NON_EU);
	ck_assert(edge(d, node(d, DG_OPERATOR, "11 de plus (voir le tableau)"), more));
	/* every box but the service has a line from the left */
	for (size_t i = 0; i < d->n; i++) {
		if (d->nodes[i].col == DG_SERVICE)
			continue;
		bool in = false;
		for (size_t e = 0; e < d->ne; e++)
			in = in || d->edges[e].to == i;
		ck_assert_msg(in, "box %s has no line to it", d->nodes[i].label);
	}
	dg_free(d);
	/* not grouped: the hostile entry name is escaped in the SVG */
	dg_free(g);
	g = synthetic(20, 5, "<script>alert(\"x\")</script>\xE2\x80\xAE");
	ck_assert_int_eq(dg_drawn(g, SC_LANG_EN, &d, NULL), SC_OK);
	ck_assert(!d->grouped);
	strbuf sb;
	sb_init(&sb);
	dg_svg(d, SC_LANG_EN, &sb);
	ck_assert_ptr_null(strstr(sb.s, "<script"));
	ck_assert_ptr_null(strstr(sb.s, "\xE2\x80\xAE"));
	ck_assert_ptr_nonnull(strstr(sb.s, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
	                                   "\\u202E"));
	sb_free(&sb);
	dg_free(d);
	dg_free(g);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("graph-svg");
	TCase *tc = tcase_create("graph-svg");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, the_fixture_reads_in_five_layers);
	tcase_add_test(tc, a_controller_held_from_outside_is_marked_not_its_country);
	tcase_add_test(tc, nothing_observed_is_an_empty_graph);
	tcase_add_test(tc, a_large_graph_is_grouped_and_cut);
	suite_add_tcase(s, tc);
	return fx_run(s);
}
