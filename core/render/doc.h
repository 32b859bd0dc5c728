/*
 * doc.h — internal: the document writer (doc.c). A document is written once,
 * as calls — headings, paragraphs, lists, tables, a figure, inline text —
 * and comes out in the backend chosen: Markdown, or one self-contained HTML
 * page (no external font, script, image or request) that prints to A4.
 *
 * Text comes in four kinds, and each call says which:
 *   doc_text()   our own words (the message tables of i18n.c): may carry
 *                inline Markdown — **strong**, *emphasis*, `code` — which
 *                Markdown keeps and HTML turns into elements; never text
 *                from inputs;
 *   doc_plain()  our own data (ids, dates, numbers, vocabulary words):
 *                written as is in Markdown, escaped in HTML;
 *   doc_value()  text from inputs (manifest, registry, evidence): escaped
 *                for the backend, controls and bidirectional overrides
 *                written visibly ("\u202E"), and isolated in HTML (<bdi>)
 *                so that right-to-left text cannot reorder the page;
 *   doc_code()   quoted evidence (a digest, a command): a code span.
 *
 * Blocks follow each other with an empty line in Markdown; DOC_ATTACHED
 * starts one right under the previous line (a list under its lead-in
 * paragraph) and doc_gap() adds an empty line. Both exist so that a
 * document's Markdown stays what it has always been; HTML ignores them.
 *
 * Errors: the writer appends to a strbuf and shares its sticky
 * out-of-memory flag; doc_end() reports it.
 */
#ifndef SC_DOC_H
#define SC_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n.h"
#include "sovcheck.h"
#include "util.h"

typedef enum doc_format {
	DOC_MD = 0,
	DOC_HTML = 1,
} doc_format;

/* Flags of blocks. */
enum {
	DOC_ATTACHED = 1u << 0,  /* Markdown: no empty line before the block */
	DOC_KV = 1u << 1,        /* a list of "label: value" items (doc_key()) */
};

/* How deep lists nest. */
#define DOC_MAX_DEPTH 4

typedef struct doc {
	doc_format fmt;
	sc_lang lang;
	strbuf *out;                /* borrowed: every byte goes here */
	bool started;               /* a block was written (Markdown separator) */
	unsigned mute;              /* inside a figure, in Markdown: nothing written */
	int depth;                  /* open lists */
	bool line_open[DOC_MAX_DEPTH + 1]; /* Markdown: the item's line is unfinished */
	/* tables */
	bool in_table, header_row, tbody_open;
	size_t ncells;
	/* HTML inline markup open in the current block, innermost last */
	char open[8];
	size_t nopen;
	bool in_code;               /* inside a `code` span of doc_text() */
	int level;                  /* HTML: the open heading's level */
} doc;

/* What the HTML page says of itself: its <title> and the running header
 * printed on every page (left: the document's reference, right: its
 * classification marking). Plain text; values from inputs are escaped. */
typedef struct doc_meta {
	const char *title;
	const char *reference;
	const char *classification;
} doc_meta;

/* Start a document in out (appended to, borrowed until doc_end()). */
void doc_init(doc *d, doc_format fmt, sc_lang lang, strbuf *out);
/* HTML: the page's head (style sheet, print rules, running header) and
 * <body>. Markdown: nothing. */
void doc_begin(doc *d, const doc_meta *meta);
/* Close the page. SC_ERR_NOMEM when memory ran out at any point. */
sc_status doc_end(doc *d, sc_err *err);

/* Blocks. Level 1 is the document title. */
void doc_heading_begin(doc *d, int level);
void doc_heading_end(doc *d);
void doc_para_begin(doc *d, unsigned flags);
void doc_para_end(doc *d);
/* A bullet list; inside an item, a nested list. */
void doc_list_begin(doc *d, unsigned flags);
void doc_item_begin(doc *d);
void doc_item_end(doc *d);
void doc_list_end(doc *d);
/* A table: the first row is the header row when header is true. */
void doc_table_begin(doc *d, unsigned flags);
void doc_row_begin(doc *d, bool header);
void doc_cell_begin(doc *d);
void doc_cell_end(doc *d);
/* An empty cell left to be filled in by hand (a signature). */
void doc_cell_blank(doc *d);
void doc_row_end(doc *d);
void doc_table_end(doc *d);
/* Markdown: one more empty line. HTML: nothing. */
void doc_gap(doc *d);

/* A figure: its caption, then the drawing (kept together on one printed
 * page), then the blocks that say the same for readers who cannot see it.
 * Only HTML shows figures: Markdown writes nothing of what lies between
 * begin and end. */
void doc_figure_begin(doc *d);
void doc_caption_begin(doc *d);
void doc_caption_end(doc *d);
/* The drawing: an SVG element made by our own code (graph-svg.c), which
 * escaped every text it holds; written as is. */
void doc_svg(doc *d, const char *svg, size_t len);
void doc_figure_end(doc *d);
/* Whether d shows figures (a writer need not draw one for nothing). */
bool doc_draws(const doc *d);

/* Inline text (see the kinds above). NULL is the empty string. */
void doc_text(doc *d, const char *s);
void doc_plain(doc *d, const char *s);
void doc_plainf(doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void doc_value(doc *d, const char *s);
void doc_code(doc *d, const char *s);
/* Our own data in bold. */
void doc_strong(doc *d, const char *s);
/* The label of a DOC_KV item ("Likelihood:"), a message text. */
void doc_key(doc *d, const char *s);
/* Message id of lang with its placeholders {1}..{9} replaced by the
 * NULL-terminated values (text from inputs, doc_value()). */
void doc_msg(doc *d, msg_id id, ...);

/* The escapers, for the writers that build text outside a doc (the SVG):
 * HTML/XML text and attribute values with controls written visibly (no
 * bidi isolation: the caller isolates); a CSS string's content (between
 * double quotes). */
void doc_html_escape(strbuf *sb, const char *s);
void doc_css_escape(strbuf *sb, const char *s);

#endif
