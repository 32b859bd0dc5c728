/*
 * text.h — internal: text from inputs made safe to show (text.c).
 */
#ifndef SC_TEXT_H
#define SC_TEXT_H

#include <stddef.h>

#include "sovcheck.h"
#include "util.h"

#include <stdbool.h>

/* The character at s (not at its end): returns how many bytes it covers,
 * and sets *ret_unsafe when it must not be shown as such (a C0 or C1
 * control, DEL, a bidirectional override or isolate, a line separator, a
 * byte that is not UTF-8), its visible form ("\x1B", "\u202E") then in out. */
size_t text_char(const char *s, char out[16], bool *ret_unsafe);
/* Append s to sb with every such character written visibly. */
void text_visible(strbuf *sb, const char *s);
/* Markdown-escape s into sb, for every value from inputs: controls made
 * visible (a line break is a space: one value, one line), Markdown's
 * punctuation escaped. */
void md_escape(strbuf *sb, const char *s);
/* The folded form of a name, for matching names written differently
 * (docs: geodb/registry/README.md "Matching rules"): lower case, accents
 * of Latin letters dropped whether composed or not (NFC and NFD fold
 * alike), punctuation, blanks and dashes dropped; other characters kept.
 * "GlobalSign nv-sa" and "GLOBALSIGN NV/SA" fold alike, so do "Türktrust"
 * and "Turktrust". Writes at most outsz bytes with the NUL; the length. */
size_t text_fold(const char *in, char *out, size_t outsz);
/* The folded form of a company name without the legal form that ends it
 * ("Capgemini SE", "CAPGEMINI S.A." and "Capgemini" all give "capgemini";
 * "Tata Sons Private Limited" gives "tatasons"; "Huawei Technologies Co.,
 * Ltd." gives "huaweitechnologies"): the last words are dropped while they
 * are legal forms (one word, or two written apart, "Sdn Bhd"), one word at
 * least is kept. 0 and "" for a name of more than 32 words or one that does
 * not fit outsz. For matching a name when its exact folded form answers to
 * nothing, never instead of it. */
size_t text_fold_base(const char *in, char *out, size_t outsz);

#endif
