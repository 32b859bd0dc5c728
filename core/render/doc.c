/*
 * doc.c — the document writer (doc.h): one set of calls, two backends.
 *
 * Markdown writes what the documents have always been (CommonMark with
 * pipe tables). HTML writes one self-contained page: its style sheet is
 * inline, it loads nothing (a Content-Security-Policy forbids every
 * request and every script), and it prints to A4 in Chromium with a
 * running header (reference, classification) and page numbers in the page
 * margins (CSS Paged Media margin boxes), table header rows repeated on
 * each page and rows never cut.
 *
 * Every byte of text from inputs goes through one of the escapers:
 * md_escape() (report-md.c) for Markdown, doc_html_escape() for HTML and
 * SVG, doc_css_escape() for the running header inside the style sheet.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "render.h"
#include "text.h"

/* The style sheet: screen first, then print. A4 portrait, 16 mm side
 * margins: a text width of 178 mm, about 673 CSS pixels. */
static const char css[] =
	":root{color-scheme:light}\n"
	"html{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,Helvetica,sans-serif;"
	"font-size:10.5pt;line-height:1.4;color:#111;background:#fff}\n"
	"body{margin:0 auto;max-width:60rem;padding:1.2rem 1.5rem}\n"
	"h1{font-size:1.55em;margin:0 0 .3em;line-height:1.2}\n"
	"h2{font-size:1.25em;margin:1.4em 0 .4em;padding-bottom:.1em;border-bottom:1px solid #888}\n"
	"h3{font-size:1.08em;margin:1.1em 0 .3em}\n"
	"p,ul{margin:.45em 0}\n"
	"ul{padding-left:1.3em}\n"
	"ul ul{margin:.1em 0}\n"
	"ul.kv{list-style:none;padding-left:.2em}\n"
	"ul.kv>li{padding-left:1.2em;text-indent:-1.2em}\n"
	".k{font-weight:bold}\n"
	"table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.88em}\n"
	"th,td{border:1px solid #888;padding:.2em .35em;text-align:left;vertical-align:top;"
	"overflow-wrap:break-word}\n"
	/* a value from inputs may be one long token (a host name): it may
	 * break anywhere rather than widen the page; our own words do not */
	"bdi,code{overflow-wrap:anywhere}\n"
	"thead th{background:#e6e6e6}\n"
	/* many columns (the register): smaller type rather than words cut */
	"table:has(th:nth-child(9)){font-size:.78em}\n"
	"td.blank{height:2.6em;width:65%}\n"
	"code{font-family:\"DejaVu Sans Mono\",\"Liberation Mono\",monospace;font-size:.9em}\n"
	"figure{margin:1em 0}\n"
	"figure svg{display:block;width:100%;height:auto}\n"
	"figcaption{font-size:.9em;margin:.4em 0}\n"
	"figure>table{margin-top:1em}\n"
	".subtitle{color:#333}\n"
	"@media print{\n"
	"html{font-size:9pt}\n"
	"body{max-width:none;padding:0}\n"
	"h1,h2,h3{break-after:avoid;page-break-after:avoid}\n"
	"tr,li,.drawing{break-inside:avoid;page-break-inside:avoid}\n"
	"thead{display:table-header-group}\n"
	"}\n";

/* ------------------------------------------------------------ escaping */

/* HTML text of the len bytes at s (they end on a character boundary). */
static void
html_escape_n(strbuf *sb, const char *s, size_t len)
{
	for (const char *p = s, *end = s + len; p < end && *p;) {
		char vis[16];
		bool unsafe;
		size_t n = text_char(p, vis, &unsafe);
		if (unsafe) {
			/* A line break is a space (one value, one line); every other
			 * control or override is shown, not acted on. */
			sb_puts(sb, *p == '\n' || *p == '\r' ? " " : vis);
			p += n;
			continue;
		}
		switch (*p) {
		case '&': sb_puts(sb, "&amp;"); break;
		case '<': sb_puts(sb, "&lt;"); break;
		case '>': sb_puts(sb, "&gt;"); break;
		case '"': sb_puts(sb, "&quot;"); break;
		case '\'': sb_puts(sb, "&#39;"); break;
		default: sb_append(sb, p, n);
		}
		p += n;
	}
}

void
doc_html_escape(strbuf *sb, const char *s)
{
	html_escape_n(sb, s ? s : "", s ? strlen(s) : 0);
}

/* One character of a CSS string: letters, digits, spaces and UTF-8 as
 * they are, the rest as a hexadecimal escape ("\3c " for '<', so that no
 * "</style>" can end the style sheet). */
static void
css_char(strbuf *sb, const char *p, size_t n)
{
	unsigned char c = (unsigned char)*p;
	if (n > 1 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    c == ' ' || c == ',' || c == '.' || c == ':' || c == '-' || c == '(' || c == ')')
		sb_append(sb, p, n);
	else
		sb_printf(sb, "\\%x ", c);
}

void
doc_css_escape(strbuf *sb, const char *s)
{
	for (const char *p = s ? s : ""; *p;) {
		char vis[16];
		bool unsafe;
		size_t n = text_char(p, vis, &unsafe);
		if (unsafe) {
			const char *v = *p == '\n' || *p == '\r' ? " " : vis;
			for (const char *q = v; *q; q++)
				css_char(sb, q, 1);
		} else {
			css_char(sb, p, n);
		}
		p += n;
	}
}

/* A Markdown code span holding s: a fence one backtick longer than the
 * longest run inside (CommonMark 6.1), controls shown. */
static void
md_code(strbuf *sb, const char *s)
{
	size_t run = 0, longest = 0;
	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	bool pad = *s == '`' || (*s && s[strlen(s) - 1] == '`');
	for (size_t i = 0; i <= longest; i++)
		sb_puts(sb, "`");
	if (pad)
		sb_puts(sb, " ");
	for (const char *p = s; *p;) {
		char vis[16];
		bool unsafe;
		size_t n = text_char(p, vis, &unsafe);
		if (unsafe)
			sb_puts(sb, *p == '\n' || *p == '\r' ? " " : vis);
		else
			sb_append(sb, p, n);
		p += n;
	}
	if (pad)
		sb_puts(sb, " ");
	for (size_t i = 0; i <= longest; i++)
		sb_puts(sb, "`");
}

/* ------------------------------------------------------------- helpers */

/* Whether Markdown is written now (not inside a figure). */
static bool
md(const doc *d)
{
	return d->fmt == DOC_MD && d->mute == 0;
}

static bool
html(const doc *d)
{
	return d->fmt == DOC_HTML;
}

/* Markdown: the empty line between two blocks. */
static void
md_sep(doc *d, unsigned flags)
{
	if (d->started && !(flags & DOC_ATTACHED))
		sb_puts(d->out, "\n");
	d->started = true;
}

static const char *
tag_name(char t)
{
	return t == 's' ? "strong" : t == 'e' ? "em" : "code";
}

/* HTML: close the inline elements open in the current block. */
static void
close_inline(doc *d)
{
	while (d->nopen > 0)
		sb_printf(d->out, "</%s>", tag_name(d->open[--d->nopen]));
	d->in_code = false;
}

/* HTML: **, * or ` met in a message text: open the element, or close it
 * (and reopen what was opened inside it, so elements nest). */
static void
toggle(doc *d, char t)
{
	size_t at = d->nopen;
	for (size_t i = 0; i < d->nopen; i++)
		if (d->open[i] == t)
			at = i;
	if (at == d->nopen) {
		/* (deeper than any message nests: the marker is dropped) */
		if (d->nopen < sizeof(d->open)) {
			d->open[d->nopen++] = t;
			sb_printf(d->out, "<%s>", tag_name(t));
			d->in_code = t == 'c';
		}
		return;
	}
	for (size_t i = d->nopen; i-- > at;)
		sb_printf(d->out, "</%s>", tag_name(d->open[i]));
	for (size_t i = at + 1; i < d->nopen; i++) {
		sb_printf(d->out, "<%s>", tag_name(d->open[i]));
		d->open[i - 1] = d->open[i];
	}
	d->nopen--;
	d->in_code = false;
}

/* ------------------------------------------------------------ document */

void
doc_init(doc *d, doc_format fmt, sc_lang lang, strbuf *out)
{
	memset(d, 0, sizeof(*d));
	d->fmt = fmt;
	d->lang = lang;
	d->out = out;
}

void
doc_begin(doc *d, const doc_meta *meta)
{
	if (!html(d))
		return;
	strbuf *o = d->out;
	sb_printf(o, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
	          sc_lang_to_string(d->lang));
	/* Self-contained by construction, and enforced: no request, no script. */
	sb_puts(o, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	        "style-src 'unsafe-inline'; img-src data:\">\n");
	sb_puts(o, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	sb_puts(o, "<title>");
	doc_html_escape(o, meta->title);
	sb_puts(o, "</title>\n<style>\n");
	sb_puts(o, css);
	/* The running header and the page numbers, in the margins of every
	 * printed page. */
	sb_puts(o, "@page{size:A4;margin:19mm 16mm 17mm 16mm;\n"
	        "@top-left{content:\"");
	doc_css_escape(o, meta->reference);
	sb_puts(o, "\";font-size:7.5pt;color:#444;vertical-align:bottom;padding-bottom:3mm}\n"
	        "@top-right{content:\"");
	doc_css_escape(o, meta->classification);
	sb_puts(o, "\";font-size:7.5pt;font-weight:bold;color:#444;vertical-align:bottom;"
	        "padding-bottom:3mm}\n"
	        "@bottom-right{content:counter(page) \" / \" counter(pages);font-size:7.5pt;"
	        "color:#444;vertical-align:top;padding-top:3mm}\n}\n");
	sb_puts(o, "</style>\n</head>\n<body>\n");
}

sc_status
doc_end(doc *d, sc_err *err)
{
	if (html(d))
		sb_puts(d->out, "</body>\n</html>\n");
	return d->out->oom ? util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory")
	                   : SC_OK;
}

/* -------------------------------------------------------------- blocks */

void
doc_heading_begin(doc *d, int level)
{
	level = level < 1 ? 1 : level > 4 ? 4 : level;
	if (md(d)) {
		md_sep(d, 0);
		for (int i = 0; i < level; i++)
			sb_puts(d->out, "#");
		sb_puts(d->out, " ");
	} else if (html(d)) {
		sb_printf(d->out, "<h%d>", level);
		d->level = level;
	}
}

void
doc_heading_end(doc *d)
{
	if (md(d)) {
		sb_puts(d->out, "\n");
	} else if (html(d)) {
		close_inline(d);
		sb_printf(d->out, "</h%d>\n", d->level);
	}
}

void
doc_para_begin(doc *d, unsigned flags)
{
	if (md(d))
		md_sep(d, flags);
	else if (html(d))
		sb_puts(d->out, "<p>");
}

void
doc_para_end(doc *d)
{
	if (md(d)) {
		sb_puts(d->out, "\n");
	} else if (html(d)) {
		close_inline(d);
		sb_puts(d->out, "</p>\n");
	}
}

void
doc_list_begin(doc *d, unsigned flags)
{
	if (md(d)) {
		if (d->depth == 0) {
			md_sep(d, flags);
		} else if (d->line_open[d->depth]) {
			sb_puts(d->out, "\n");
			d->line_open[d->depth] = false;
		}
	} else if (html(d)) {
		close_inline(d);
		sb_puts(d->out, flags & DOC_KV ? "<ul class=\"kv\">\n" : "<ul>\n");
	}
	if (d->depth < DOC_MAX_DEPTH)
		d->depth++;
}

void
doc_item_begin(doc *d)
{
	if (md(d)) {
		for (int i = 1; i < d->depth; i++)
			sb_puts(d->out, "  ");
		sb_puts(d->out, "- ");
		d->line_open[d->depth] = true;
	} else if (html(d)) {
		sb_puts(d->out, "<li>");
	}
}

void
doc_item_end(doc *d)
{
	if (md(d)) {
		if (d->line_open[d->depth])
			sb_puts(d->out, "\n");
		d->line_open[d->depth] = false;
	} else if (html(d)) {
		close_inline(d);
		sb_puts(d->out, "</li>\n");
	}
}

void
doc_list_end(doc *d)
{
	if (html(d))
		sb_puts(d->out, "</ul>\n");
	if (d->depth > 0)
		d->depth--;
}

void
doc_table_begin(doc *d, unsigned flags)
{
	d->in_table = true;
	d->tbody_open = false;
	if (md(d))
		md_sep(d, flags);
	else if (html(d))
		sb_puts(d->out, "<table>\n");
}

void
doc_row_begin(doc *d, bool header)
{
	d->header_row = header;
	d->ncells = 0;
	if (md(d)) {
		sb_puts(d->out, "|");
	} else if (html(d)) {
		if (header) {
			sb_puts(d->out, "<thead>");
		} else if (!d->tbody_open) {
			sb_puts(d->out, "<tbody>\n");
			d->tbody_open = true;
		}
		sb_puts(d->out, "<tr>");
	}
}

void
doc_cell_begin(doc *d)
{
	d->ncells++;
	if (md(d))
		sb_puts(d->out, " ");
	else if (html(d))
		sb_puts(d->out, d->header_row ? "<th scope=\"col\">" : "<td>");
}

void
doc_cell_end(doc *d)
{
	if (md(d)) {
		sb_puts(d->out, " |");
	} else if (html(d)) {
		close_inline(d);
		sb_puts(d->out, d->header_row ? "</th>" : "</td>");
	}
}

void
doc_cell_blank(doc *d)
{
	d->ncells++;
	if (md(d))
		sb_puts(d->out, " |");
	else if (html(d))
		sb_puts(d->out, "<td class=\"blank\"></td>");
}

void
doc_row_end(doc *d)
{
	if (md(d)) {
		sb_puts(d->out, "\n");
		if (d->header_row) {
			sb_puts(d->out, "|");
			for (size_t i = 0; i < d->ncells; i++)
				sb_puts(d->out, "---|");
			sb_puts(d->out, "\n");
		}
	} else if (html(d)) {
		sb_puts(d->out, d->header_row ? "</tr></thead>\n" : "</tr>\n");
	}
	d->header_row = false;
}

void
doc_table_end(doc *d)
{
	if (html(d))
		sb_puts(d->out, d->tbody_open ? "</tbody>\n</table>\n" : "</table>\n");
	d->in_table = false;
	d->tbody_open = false;
}

void
doc_gap(doc *d)
{
	if (md(d))
		sb_puts(d->out, "\n");
}

void
doc_figure_begin(doc *d)
{
	if (d->fmt == DOC_MD)
		d->mute++;
	else
		sb_puts(d->out, "<figure>\n<div class=\"drawing\">\n");
}

bool
doc_draws(const doc *d)
{
	return html(d);
}

void
doc_svg(doc *d, const char *svg, size_t len)
{
	if (html(d)) {
		sb_append(d->out, svg, len);
		sb_puts(d->out, "</div>\n");
	}
}

void
doc_caption_begin(doc *d)
{
	if (html(d))
		sb_puts(d->out, "<figcaption>");
}

void
doc_caption_end(doc *d)
{
	if (html(d)) {
		close_inline(d);
		sb_puts(d->out, "</figcaption>\n");
	}
}

void
doc_figure_end(doc *d)
{
	if (d->fmt == DOC_MD) {
		if (d->mute > 0)
			d->mute--;
	} else {
		sb_puts(d->out, "</figure>\n");
	}
}

/* -------------------------------------------------------------- inline */

/* The len bytes of message text at s. */
static void
text_n(doc *d, const char *s, size_t len)
{
	if (d->fmt == DOC_MD) {
		if (!d->mute)
			sb_append(d->out, s, len);
		return;
	}
	/* Message texts carry inline Markdown only: ` opens and closes code
	 * (nothing inside is markup), ** strong, * emphasis. */
	for (const char *p = s, *end = s + len; p < end;) {
		size_t rest = (size_t)(end - p);
		if (d->in_code) {
			const char *q = memchr(p, '`', rest);
			size_t n = q ? (size_t)(q - p) : rest;
			html_escape_n(d->out, p, n);
			p += n;
			if (q) {
				toggle(d, 'c');
				p++;
			}
		} else if (*p == '`') {
			toggle(d, 'c');
			p++;
		} else if (*p == '*' && rest > 1 && p[1] == '*') {
			toggle(d, 's');
			p += 2;
		} else if (*p == '*') {
			toggle(d, 'e');
			p++;
		} else {
			size_t n = 0;
			while (n < rest && p[n] != '`' && p[n] != '*')
				n++;
			html_escape_n(d->out, p, n);
			p += n;
		}
	}
}

void
doc_text(doc *d, const char *s)
{
	if (s)
		text_n(d, s, strlen(s));
}

void
doc_plain(doc *d, const char *s)
{
	if (md(d))
		sb_puts(d->out, s ? s : "");
	else if (html(d))
		doc_html_escape(d->out, s);
}

void
doc_plainf(doc *d, const char *fmt, ...)
{
	if (!md(d) && !html(d))
		return;
	va_list ap;
	va_start(ap, fmt);
	char small[256];
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		d->out->oom = true;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		doc_plain(d, small);
		return;
	}
	/* Longer: format it again at its size. */
	char *big = malloc((size_t)n + 1);
	if (big == NULL) {
		d->out->oom = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	doc_plain(d, big);
	free(big);
}

void
doc_value(doc *d, const char *s)
{
	if (md(d)) {
		md_escape(d->out, s ? s : "");
	} else if (html(d) && s && *s) {
		sb_puts(d->out, "<bdi>");
		doc_html_escape(d->out, s);
		sb_puts(d->out, "</bdi>");
	}
}

void
doc_code(doc *d, const char *s)
{
	if (md(d)) {
		md_code(d->out, s ? s : "");
	} else if (html(d)) {
		sb_puts(d->out, "<code dir=\"auto\">");
		doc_html_escape(d->out, s);
		sb_puts(d->out, "</code>");
	}
}

void
doc_strong(doc *d, const char *s)
{
	doc_text(d, "**");
	doc_plain(d, s);
	doc_text(d, "**");
}

void
doc_key(doc *d, const char *s)
{
	if (html(d))
		sb_puts(d->out, "<span class=\"k\">");
	doc_text(d, s);
	if (html(d)) {
		close_inline(d);
		sb_puts(d->out, "</span>");
	}
	doc_plain(d, " ");
}

void
doc_msg(doc *d, msg_id id, ...)
{
	const char *args[9];
	size_t n = 0;
	va_list ap;
	va_start(ap, id);
	for (const char *a; n < 9 && (a = va_arg(ap, const char *)) != NULL;)
		args[n++] = a;
	va_end(ap);
	const char *t = tr(d->lang, id);
	for (const char *p = t; *p;) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
			size_t k = (size_t)(p[1] - '1');
			doc_value(d, k < n ? args[k] : "");
			p += 3;
			continue;
		}
		const char *q = strchr(p + 1, '{');
		size_t len = q ? (size_t)(q - p) : strlen(p);
		text_n(d, p, len);
		p += len;
	}
}
