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

/* ------------------------------------------------------------- folding */

/* U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A) to
 * their base letters, lower case; "" drops the character. Two-letter
 * results for the ligatures and sharp s. */
static const char *const fold_latin[0x180 - 0xC0] = {
	/* C0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* D0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	/* E0 */ "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	/* F0 */ "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
	/* 100 */ "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
	/* 110 */ "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
	/* 120 */ "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
	/* 130 */ "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
	/* 140 */ "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
	/* 150 */ "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	/* 160 */ "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
	/* 170 */ "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

size_t
text_fold(const char *in, char *out, size_t outsz)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)(in ? in : "");
	if (outsz == 0)
		return 0;
	while (*p) {
		const char *add = NULL;
		char one[2] = {0, 0};
		size_t adv = 1;
		if (*p < 0x80) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
				one[0] = (char)*p;
			else if (*p >= 'A' && *p <= 'Z')
				one[0] = (char)(*p - 'A' + 'a');
			add = one;          /* punctuation and blanks fold to nothing */
		} else if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
			unsigned cp = ((unsigned)(*p & 0x1F) << 6) | (p[1] & 0x3F);
			adv = 2;
			if (cp >= 0xC0 && cp < 0x180)
				add = fold_latin[cp - 0xC0];
			else if (cp >= 0x300 && cp <= 0x36F)
				add = "";       /* combining marks: NFD and NFC fold alike */
			else if (cp == 0xA0)
				add = "";       /* no-break space */
		} else if ((*p & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
			unsigned cp = ((unsigned)(*p & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) |
			              (p[2] & 0x3F);
			adv = 3;
			/* general punctuation and the like: dashes, quotes, spaces */
			if ((cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF)
				add = "";
		} else if ((*p & 0xF8) == 0xF0) {
			adv = 4;
		}
		if (add == NULL) {
			/* any other character is kept as it is written */
			for (size_t k = 0; k < adv && p[k]; k++) {
				if (o + 1 >= outsz)
					goto out;
				out[o++] = (char)p[k];
			}
		} else {
			size_t n = strlen(add);
			if (o + n >= outsz)
				goto out;
			memcpy(out + o, add, n);
			o += n;
		}
		for (size_t k = 0; k < adv && *p; k++)
			p++;
	}
out:
	out[o] = '\0';
	return o;
}

/* Markdown-escape s (text.h). */
void
md_escape(strbuf *sb, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		char vis[16];
		bool unsafe;
		/* Controls, escape sequences, bidirectional overrides: shown, not
		 * acted on (a line break is a space: one value, one line). */
		size_t n = text_char(p, vis, &unsafe);
		if (unsafe && *p != '\n' && *p != '\r') {
			sb_puts(sb, vis);
			p += n - 1;
			continue;
		}
		if (n > 1) {   /* a whole UTF-8 character */
			sb_append(sb, p, n);
			p += n - 1;
			continue;
		}
		switch (*p) {
		case '\\': case '`': case '*': case '_': case '[': case ']': case '<':
		case '>': case '|': case '#': case '{': case '}':
			sb_append(sb, "\\", 1);
			sb_append(sb, p, 1);
			break;
		case '\n':
		case '\r':
			sb_append(sb, " ", 1);
			break;
		default:
			sb_append(sb, p, 1);
		}
	}
}
