/*
 * scorecard.c — a scored pack in the compliance report (docs/outputs.md):
 * the scorecard (objective, level, minimum, weight, what sets the level),
 * the weighted score with the weights' source and what is uncertain about
 * them, the factors of each objective with what decides each, and in HTML
 * a bar chart of the levels drawn here (inline SVG: no script, no font, no
 * external resource, like the dependency graph).
 */
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "msg.h"
#include "policy.h"
#include "result.h"
#include "scorecard.h"

static const char *
ltext(sc_lang l, const char *en, const char *fr)
{
	const char *s = l == SC_LANG_FR ? fr : en;
	return s ? s : "";
}

static void
head(doc *d, sc_lang l, const msg_id *ids, size_t n)
{
	doc_row_begin(d, true);
	for (size_t i = 0; i < n; i++) {
		doc_cell_begin(d);
		doc_text(d, tr(l, ids[i]));
		doc_cell_end(d);
	}
	doc_row_end(d);
}

/* "held below SEAL-3 by SOV-3.3 (unknown: …), SOV-3.4 (fail: Zendesk,
 * Inc.)", or "every factor met": each factor that holds the level, with
 * the subjects of its findings that are not met (the first three). */
static void
deciding(doc *d, sc_lang l, const rs_req *q)
{
	if (q->level >= PK_SEAL_MAX) {
		doc_text(d, tr(l, M_SC_ALL_MET));
		return;
	}
	char next[16];
	snprintf(next, sizeof(next), "%d", q->level + 1);
	doc_msg(d, M_SC_HELD, next, NULL);
	bool first = true;
	for (size_t i = 0; i < q->req->nfactors; i++) {
		if (!rs_factor_caps(q, i))
			continue;
		doc_plain(d, first ? " " : ", ");
		doc_plain(d, q->req->factors[i].id);
		doc_plain(d, " (");
		doc_text(d, i18n_verdict(l, q->factors[i].verdict));
		size_t shown = 0, more = 0;
		for (size_t j = 0; j < q->n; j++) {
			const rs_finding *f = &q->f[j];
			if (f->factor != (int)i || f->verdict == SC_PASS ||
			    f->verdict == SC_NOT_APPLICABLE || q->req->factors[i].n == 0)
				continue;
			bool dup = false;
			for (size_t k = 0; k < j; k++)
				dup |= q->f[k].factor == (int)i && q->f[k].verdict != SC_PASS &&
				       q->f[k].verdict != SC_NOT_APPLICABLE &&
				       strcmp(q->f[k].subject, f->subject) == 0;
			if (dup)
				continue;
			if (shown == 3) {
				more++;
				continue;
			}
			doc_plain(d, shown ? "; " : ": ");
			doc_value(d, f->subject);
			shown++;
		}
		if (more)
			doc_plainf(d, "; +%zu", more);
		doc_plain(d, ")");
		first = false;
	}
}

/* Bar chart of the levels: one row per objective, a bar to its level, a
 * mark at its minimum, the grid at each level. Colours say the verdict. */
static void
chart(strbuf *o, const sc_result *r, const rs_pack *p, sc_lang l)
{
	const double label_w = 250, unit = 80, row = 26, top = 28, left = 10;
	const double width = left + label_w + unit * PK_SEAL_MAX + 30;
	const double height = top + row * (double)p->n + 16;
	sb_printf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"scorecard\" viewBox=\"0 0 "
	          "%.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" font-family=\"DejaVu "
	          "Sans, Liberation Sans, Arial, sans-serif\" font-size=\"11\" fill=\"#111\">\n",
	          width, height, width, height);
	sb_puts(o, "<title>");
	doc_html_escape(o, tr(l, M_SC_CHART));
	sb_puts(o, "</title>\n");
	double x0 = left + label_w;
	for (int lv = 0; lv <= PK_SEAL_MAX; lv++) {
		double x = x0 + unit * lv;
		sb_printf(o, "<path d=\"M%.1f %.1fV%.1f\" stroke=\"#ccc\" stroke-width=\"1\"/>"
		          "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#555\">SEAL-%d</text>\n",
		          x, top - 6, height - 10, x, top - 10, lv);
	}
	for (size_t i = 0; i < p->n; i++) {
		const rs_req *q = &r->reqs[p->first + i];
		double y = top + row * (double)i;
		const char *fill = q->verdict == SC_PASS ? "#4c8c4a" :
		                   q->verdict == SC_FAIL ? "#b3261e" : "#c98a1b";
		sb_printf(o, "<text x=\"%.1f\" y=\"%.1f\">", left, y + row / 2 + 4);
		doc_html_escape(o, sc_requirement_id(q->req));
		sb_puts(o, " ");
		/* The title, cut to fit its column. */
		const char *t = sc_requirement_title(q->req, sc_lang_to_string(l));
		char cut[40];
		size_t n = strlen(t);
		if (n > 32) {
			size_t k = 30;
			while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
				k--;
			snprintf(cut, sizeof(cut), "%.*s…", (int)k, t);
			t = cut;
		}
		doc_html_escape(o, t);
		sb_puts(o, "</text>");
		double w = unit * (q->level > 0 ? q->level : 0);
		sb_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
		          x0, y + 5, w > 0 ? w : 2, row - 10, fill);
		double mx = x0 + unit * q->req->minimum;
		sb_printf(o, "<path d=\"M%.1f %.1fV%.1f\" stroke=\"#111\" stroke-width=\"2.5\"/>",
		          mx, y + 2, y + row - 2);
		sb_printf(o, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#333\">%d</text>\n", x0 + w + 6,
		          y + row / 2 + 4, q->level);
	}
	sb_puts(o, "</svg>\n");
}

void
scorecard_pack(doc *d, const sc_result *r, const rs_pack *p, sc_lang l)
{
	const pk_scoring *sc = &p->pack->scoring;
	doc_heading_begin(d, 4);
	doc_text(d, tr(l, M_SC_H_SCORECARD));
	doc_heading_end(d);
	doc_para_begin(d, 0);
	doc_text(d, tr(l, M_SC_INTRO));
	doc_para_end(d);
	static const msg_id cols[] = {M_SC_COL_OBJECTIVE, M_SC_COL_LEVEL, M_SC_COL_MINIMUM,
		M_SC_COL_WEIGHT, M_CR_COL_VERDICT, M_SC_COL_DECIDING};
	doc_table_begin(d, 0);
	head(d, l, cols, 6);
	for (size_t i = p->first; i < p->first + p->n; i++) {
		const rs_req *q = &r->reqs[i];
		doc_row_begin(d, false);
		doc_cell_begin(d);
		doc_plain(d, sc_requirement_id(q->req));
		doc_plain(d, " ");
		doc_value(d, sc_requirement_title(q->req, sc_lang_to_string(l)));
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_plainf(d, "%d", q->level);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_plainf(d, "%d", q->req->minimum);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_plainf(d, "%d %%", q->req->weight);
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_text(d, i18n_verdict(l, q->verdict));
		doc_cell_end(d);
		doc_cell_begin(d);
		deciding(d, l, q);
		doc_cell_end(d);
		doc_row_end(d);
	}
	doc_table_end(d);
	if (doc_draws(d)) {
		strbuf svg;
		sb_init(&svg);
		chart(&svg, r, p, l);
		if (svg.oom) {
			d->out->oom = true;
		} else {
			doc_figure_begin(d);
			doc_caption_begin(d);
			doc_text(d, tr(l, M_SC_CHART));
			doc_caption_end(d);
			doc_svg(d, svg.s, svg.len);
			doc_figure_end(d);
		}
		sb_free(&svg);
	}
	char score[320];
	i18n_score(score, sizeof(score), l, p->score);
	doc_para_begin(d, 0);
	doc_msg(d, M_SC_SCORE, score, NULL);
	doc_para_end(d);
	doc_para_begin(d, 0);
	doc_text(d, tr(l, M_SC_WEIGHTS));
	doc_plain(d, " ");
	if (sc->note_en) {
		doc_value(d, ltext(l, sc->note_en, sc->note_fr));
		doc_plain(d, " ");
	}
	if (sc->weights_source)
		doc_code(d, sc->weights_source);
	doc_para_end(d);
	doc_list_begin(d, DOC_KV);
	for (int lv = 0; lv <= PK_SEAL_MAX; lv++) {
		char k[16];
		snprintf(k, sizeof(k), "SEAL-%d", lv);
		doc_item_begin(d);
		doc_key(d, k);
		doc_value(d, ltext(l, sc->level_en[lv], sc->level_fr[lv]));
		doc_item_end(d);
	}
	doc_list_end(d);
}

void
scorecard_factors(doc *d, const rs_req *q, sc_lang l)
{
	const sc_requirement *rq = q->req;
	char lv[16];
	snprintf(lv, sizeof(lv), "%d", q->level);
	doc_para_begin(d, 0);
	doc_msg(d, M_SC_LEVEL_OF, lv, NULL);
	doc_plain(d, " — ");
	deciding(d, l, q);
	doc_para_end(d);
	static const msg_id cols[] = {M_SC_COL_FACTOR, M_SC_COL_NEEDED, M_SC_COL_BASIS,
		M_CR_COL_VERDICT};
	doc_table_begin(d, 0);
	head(d, l, cols, 4);
	for (size_t i = 0; i < rq->nfactors; i++) {
		const pk_factor *f = &rq->factors[i];
		const char *basis = rs_factor_basis(q, i);
		doc_row_begin(d, false);
		doc_cell_begin(d);
		doc_plain(d, f->id);
		doc_plain(d, " ");
		doc_value(d, ltext(l, f->title_en, f->title_fr));
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_plainf(d, "SEAL-%d", f->seal);
		doc_cell_end(d);
		doc_cell_begin(d);
		if (strcmp(basis, "observed") == 0) {
			doc_text(d, tr(l, M_SC_BASIS_OBSERVED));
		} else if (strcmp(basis, "declared") == 0) {
			doc_text(d, tr(l, M_SC_BASIS_DECLARED));
		} else {
			doc_text(d, tr(l, strcmp(basis, "assessed") == 0 ? M_SC_BASIS_ASSESSED :
			                  M_SC_BASIS_UNSEEN));
			doc_plain(d, " ");
			doc_value(d, ltext(l, f->unseen_en, f->unseen_fr));
		}
		doc_cell_end(d);
		doc_cell_begin(d);
		doc_text(d, i18n_verdict(l, q->factors[i].verdict));
		doc_cell_end(d);
		doc_row_end(d);
	}
	doc_table_end(d);
}
