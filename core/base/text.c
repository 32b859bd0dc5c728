/*
 * text.c — making text from inputs safe to show: every character that a
 * terminal, a Markdown or HTML renderer, or a spreadsheet would act on
 * instead of showing is written visibly. A manifest or a bundle can carry
 * ESC sequences that redraw a terminal, carriage returns that overwrite a
 * verdict, bidirectional overrides that reorder what a reader sees, or
 * bytes that are not UTF-8; none of them reaches an output as such.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

size_t
text_char(const char *s, char out[16], bool *ret_unsafe)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c = p[0];
	*ret_unsafe = false;
	if (c < 0x20 || c == 0x7f) {
		snprintf(out, 16, "\\x%02X", c);
		*ret_unsafe = true;
		return 1;
	}
	if (c < 0x80)
		return 1;
	/* UTF-8: the length of a well-formed sequence, else the byte alone. */
	size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
	unsigned cp = n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			n = 0;
			break;
		}
		cp = cp << 6 | (p[i] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
	if (n == 0 || (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
		snprintf(out, 16, "\\x%02X", c);
		*ret_unsafe = true;
		return 1;
	}
	/* C1 controls; bidirectional embeddings, overrides and isolates
	 * (Unicode TR 9); line and paragraph separators. */
	if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F || cp == 0x061C ||
	    cp == 0x2028 || cp == 0x2029) {
		snprintf(out, 16, "\\u%04X", cp);
		*ret_unsafe = true;
	}
	return n;
}

void
text_visible(strbuf *sb, const char *s)
{
	for (const char *p = s ? s : ""; *p;) {
		char esc[16];
		bool unsafe;
		size_t n = text_char(p, esc, &unsafe);
		if (unsafe) {
			sb_puts(sb, esc);
			p += n;
			continue;
		}
		/* Runs of safe characters at once. */
		const char *q = p + n;
		while (*q) {
			size_t m = text_char(q, esc, &unsafe);
			if (unsafe)
				break;
			q += m;
		}
		sb_append(sb, p, (size_t)(q - p));
		p = q;
	}
}

char *
sc_text_visible(const char *s)
{
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "");
	text_visible(&sb, s);
	if (sb.oom) {
		sb_free(&sb);
		return NULL;
	}
	return sb.s;
}
