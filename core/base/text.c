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

/* Legal forms a company name may end in, folded (text_fold()): "S.A.",
 * "GmbH", "Inc.", "Co., Ltd.", "a.s.", "Oyj", "S.à r.l." … One word each,
 * or two written apart ("Sdn Bhd", "S.à r.l.", "z o.o."). */
static const char *const legal_forms[] = {
	"ab", "ad", "ag", "as", "asa", "aps", "bhd", "bv", "bvba", "cjsc", "co", "corp",
	"corporation", "cv", "dd", "doo", "ead", "eg", "ehf", "ev", "gk", "gmbh", "hf", "inc",
	"incorporated", "jsc", "kft", "kg", "kgaa", "kk", "limited", "llc", "llp", "lp", "ltd",
	"ltda", "mbh", "nv", "nvsa", "nyrt", "oao", "ohg", "ojsc", "ooo", "oy", "oyj", "pao",
	"pjsc", "plc", "pllc", "private", "pte", "pty", "publ", "pvt", "sa", "sab", "sanv", "sarl",
	"sas", "sasu", "sau", "sca", "scs", "sdn", "sdnbhd", "se", "sl", "slu", "sp", "spa", "sprl",
	"sro", "spol", "srl", "tbk", "ug", "zao", "zoo", "zrt", NULL
};

static bool
legal_form(const char *folded)
{
	for (size_t i = 0; legal_forms[i]; i++)
		if (strcmp(folded, legal_forms[i]) == 0)
			return true;
	return false;
}

size_t
text_fold_base(const char *in, char *out, size_t outsz)
{
	/* the words of the name (split at blanks and commas), each folded */
	enum { MAXW = 32 };
	char w[MAXW][64];
	size_t nw = 0;
	const char *p = in ? in : "";
	if (outsz == 0)
		return 0;
	out[0] = '\0';
	while (*p) {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		const char *b = p;
		while (*p && *p != ' ' && *p != ',' && *p != '\t')
			p++;
		if (p == b)
			break;
		if (nw == MAXW)
			return 0;   /* a name of that many words is not a company's */
		/* a word too long to fold whole would compare cut: no base */
		char raw[256];
		size_t n = (size_t)(p - b);
		if (n >= sizeof(raw))
			return 0;
		memcpy(raw, b, n);
		raw[n] = '\0';
		if (text_fold(raw, w[nw], sizeof(w[nw])) + 1 >= sizeof(w[nw]))
			return 0;
		nw++;
	}
	/* drop the legal forms (and what folds to nothing, "&", "-") that end
	 * it, keeping at least one word that says something */
	size_t keep = nw;
	while (keep > 1) {
		char two[128];
		if (w[keep - 1][0] == '\0' || legal_form(w[keep - 1])) {
			keep--;
			continue;
		}
		snprintf(two, sizeof(two), "%s%s", w[keep - 2], w[keep - 1]);
		if (keep > 2 && legal_form(two)) {
			keep -= 2;
			continue;
		}
		break;
	}
	size_t o = 0;
	for (size_t i = 0; i < keep; i++) {
		size_t n = strlen(w[i]);
		if (o + n >= outsz)
			return 0;
		memcpy(out + o, w[i], n);
		o += n;
	}
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
