/*
 * notice.c — the customer notice draft of an open §19.6.f notice,
 * notice-<id>.<lang>.md (docs/monitoring.md): a letter stating the change,
 * the criterion of §19.6 it bears on and how that criterion stands, the
 * date it was first observed and the date by which customers must be told,
 * and the measures the manifest declares for the subject — the rest left
 * for the provider to complete, in brackets. French and English from the
 * same notice (i18n.c, messages.c).
 */
#include <stdlib.h>
#include <string.h>

#include "filing.h"
#include "i18n.h"
#include "render.h"
#include "text.h"

static void
put_msg(strbuf *out, sc_lang l, sc_msg *m)
{
	strbuf t;
	sb_init(&t);
	if (!msg_render(&t, l, m))
		out->oom = out->oom || t.oom;
	md_escape(out, t.s ? t.s : "");
	sb_free(&t);
	msg_free(m);
}

/* A date in the language's form (« 22 décembre 2026 »). */
static char *
date_words(sc_lang l, const char *date)
{
	sc_msg *m = msg_new("val.text");
	msg_date(m, "v", date);
	char *s = msg_string(l, m);
	msg_free(m);
	return s;
}

/* Does a mitigation name this notice's subject or the party it is about? */
static bool
applies(const mf_mitigation *mt, const ch_notice *n)
{
	/* a holder path "A → B" names B */
	const char *last = n->kind == CH_HOLDER ? strrchr(n->subject, ' ') : NULL;
	for (size_t i = 0; i < mt->applies_to.n; i++) {
		const char *a = mt->applies_to.v[i];
		if (strcmp(a, n->subject) == 0 || (last && strcmp(a, last + 1) == 0))
			return true;
		for (size_t k = 0; k < n->nitems; k++)
			if ((n->items[k].new_label[0] && strcmp(a, n->items[k].new_label) == 0) ||
			    (n->items[k].new_value[0] && strcmp(a, n->items[k].new_value) == 0))
				return true;
	}
	return false;
}

sc_status
render_notice_md(const sc_filing *f, const ch_notice *n, sc_lang l, strbuf *out, sc_err *err)
{
	const sc_manifest *m = f->m;
	const char *sha = NULL;
	sc_status st = filing_evidence_sha256(f, &sha, err);
	if (st != SC_OK)
		return st;
	char *seen = date_words(l, n->first_seen), *due = date_words(l, n->deadline),
	     *run = date_words(l, f->date);
	char digest[80];
	snprintf(digest, sizeof(digest), "sha256:%s", sha ? sha : "?");
	sb_puts(out, "# ");
	i18n_put(out, l, M_NT_TITLE, md_escape, NULL);
	sb_puts(out, "\n\n");
	i18n_put(out, l, M_NT_SERVICE, md_escape, m->service_name ? m->service_name : "?",
	         m->provider.name ? m->provider.name : "?", NULL);
	sb_puts(out, "  \n");
	i18n_put(out, l, M_NT_REF, md_escape, n->id, seen ? seen : n->first_seen,
	         due ? due : n->deadline, NULL);
	sb_puts(out, "\n\n");
	i18n_put(out, l, M_NT_DRAFT, md_escape, run ? run : f->date, digest, NULL);
	sb_puts(out, "\n\n");
	sb_puts(out, tr(l, M_NT_DEAR));
	sb_puts(out, "\n\n");
	i18n_put(out, l, M_NT_INTRO, md_escape, seen ? seen : n->first_seen, NULL);
	sb_puts(out, "\n\n");
	for (size_t i = 0; i < n->nitems; i++) {
		sb_puts(out, n->nitems == 1 ? "> " : "- ");
		put_msg(out, l, ch_item_msg(n, i, f->facts));
		sb_puts(out, "\n");
	}
	sb_puts(out, "\n## ");
	sb_puts(out, tr(l, M_NT_EFFECT));
	sb_puts(out, "\n\n");
	const sc_requirement *rq = sc_pack_find(f->pack, n->criterion);
	sc_verdict v;
	strbuf verdict;
	sb_init(&verdict);
	if (sc_result_requirement(f->result, n->criterion, &v) == SC_OK)
		i18n_plain(&verdict, l, (msg_id)(M_RR_V_PASS + (int)v));
	const char *title = rq ? sc_requirement_title(rq, l == SC_LANG_FR ? "fr" : "en") : NULL;
	i18n_put(out, l, M_NT_CRIT, md_escape, n->criterion, title ? title : "?",
	         verdict.s ? verdict.s : "?", NULL);
	sb_free(&verdict);
	sb_puts(out, "\n\n## ");
	sb_puts(out, tr(l, M_NT_MEASURES));
	sb_puts(out, "\n\n");
	size_t nm = 0;
	for (size_t i = 0; i < m->nmitigations; i++) {
		const mf_mitigation *mt = &m->mitigations[i];
		if (!applies(mt, n))
			continue;
		if (nm++ == 0) {
			sb_puts(out, tr(l, M_NT_MEASURES_DECLARED));
			sb_puts(out, "\n\n");
		}
		sb_puts(out, "- ");
		md_escape(out, mt->description ? mt->description : mt->id ? mt->id : "?");
		if (mt->kind != MF_MKIND_NONE) {
			char w[64];
			snprintf(w, sizeof(w), "mkind:%s", mf_mkind_names[mt->kind]);
			const char *word = msg_word_text(l, w);
			sb_puts(out, " (");
			md_escape(out, word ? word : mf_mkind_names[mt->kind]);
			sb_puts(out, ")");
		}
		sb_puts(out, "\n");
	}
	if (nm)
		sb_puts(out, "\n");
	sb_puts(out, tr(l, M_NT_MEASURES_TODO));
	sb_puts(out, "\n\n## ");
	sb_puts(out, tr(l, M_NT_CONTACT));
	sb_puts(out, "\n\n");
	sb_puts(out, tr(l, M_NT_CONTACT_TODO));
	sb_puts(out, "\n\n");
	sb_puts(out, tr(l, M_NT_SIGN));
	sb_puts(out, "\n");
	free(seen);
	free(due);
	free(run);
	if (out->oom)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	return SC_OK;
}
