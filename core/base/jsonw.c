/*
 * jsonw.c — JSON written as it is produced, canonical and indented at once
 * (jsonw.h): the token logic, the escaping of strings, and jansson values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonw.h"

/* Each form is buffered: a sink is called with pieces of this size. */
#define JW_BUF (64u * 1024u)

static void
fail(jw *w, jw_fail f)
{
	if (w->fail == JW_OK)
		w->fail = f;
}

static bool
out_flush(jw *w, struct jw_out *o)
{
	if (o->len > 0 && o->sink.write != NULL && !o->sink.write(o->sink.ctx, o->buf, o->len))
		fail(w, JW_SINK);
	o->len = 0;
	return w->fail == JW_OK;
}

static void
out_put(jw *w, struct jw_out *o, const char *s, size_t n)
{
	if (o->sink.write == NULL || w->fail != JW_OK)
		return;
	if (o->buf == NULL && (o->buf = malloc(JW_BUF)) == NULL) {
		fail(w, JW_NOMEM);
		return;
	}
	while (n > 0) {
		size_t k = JW_BUF - o->len < n ? JW_BUF - o->len : n;
		memcpy(o->buf + o->len, s, k);
		o->len += k;
		s += k;
		n -= k;
		if (o->len == JW_BUF && !out_flush(w, o))
			return;
	}
}

/* Bytes of both forms (the canonical one until jw_canon_end()). */
static void
both(jw *w, const char *s, size_t n)
{
	if (!w->canon_done)
		out_put(w, &w->canon, s, n);
	out_put(w, &w->pretty, s, n);
}

static void
pretty(jw *w, const char *s, size_t n)
{
	out_put(w, &w->pretty, s, n);
}

static void
canon(jw *w, const char *s, size_t n)
{
	if (!w->canon_done)
		out_put(w, &w->canon, s, n);
}

/* A new line indented to depth levels, in the indented form. */
static void
newline(jw *w, size_t depth)
{
	static const char spaces[] = "\n                                ";
	size_t n = 2 * depth;
	pretty(w, spaces, 1);
	while (n > 0) {
		size_t k = n < sizeof(spaces) - 2 ? n : sizeof(spaces) - 2;
		pretty(w, spaces + 1, k);
		n -= k;
	}
}

void
jw_init(jw *w, util_sink canon_sink, util_sink pretty_sink)
{
	memset(w, 0, sizeof(*w));
	w->canon.sink = canon_sink;
	w->pretty.sink = pretty_sink;
}

void
jw_init_jansson(jw *w, util_sink out)
{
	jw_init(w, (util_sink){NULL, NULL}, out);
	/* No canonical form: nothing wants the keys sorted (jw_key). */
	w->canon_done = true;
	w->jansson = true;
}

/* Before a value: the separator and indentation its place wants. */
static bool
before_value(jw *w)
{
	if (w->fail != JW_OK)
		return false;
	if (w->depth == 0)
		return true;
	struct jw_level *l = &w->lv[w->depth - 1];
	if (l->obj) {
		if (!l->want_value) {
			fail(w, JW_MISUSE);
			return false;
		}
		l->want_value = false;
		return true;
	}
	if (!l->first)
		both(w, ",", 1);
	l->first = false;
	newline(w, w->depth);
	return true;
}

static void
open_level(jw *w, bool obj)
{
	if (!before_value(w))
		return;
	if (w->depth == w->cap) {
		size_t ncap = w->cap ? 2 * w->cap : 16;
		struct jw_level *p = realloc(w->lv, ncap * sizeof(*p));
		if (p == NULL) {
			fail(w, JW_NOMEM);
			return;
		}
		memset(p + w->cap, 0, (ncap - w->cap) * sizeof(*p));
		w->lv = p;
		w->cap = ncap;
	}
	struct jw_level *l = &w->lv[w->depth++];
	l->obj = obj;
	l->first = true;
	l->want_value = false;
	l->lastlen = 0;
	both(w, obj ? "{" : "[", 1);
}

static void
close_level(jw *w, bool obj)
{
	if (w->fail != JW_OK)
		return;
	if (w->depth == 0 || w->lv[w->depth - 1].obj != obj || w->lv[w->depth - 1].want_value) {
		fail(w, JW_MISUSE);
		return;
	}
	struct jw_level *l = &w->lv[--w->depth];
	if (!l->first)
		newline(w, w->depth);
	/* After jw_canon_end() the canonical form was closed already. */
	both(w, obj ? "}" : "]", 1);
}

void jw_obj(jw *w) { open_level(w, true); }
void jw_obj_end(jw *w) { close_level(w, true); }
void jw_arr(jw *w) { open_level(w, false); }
void jw_arr_end(jw *w) { close_level(w, false); }

/* Length of the UTF-8 sequence at s (n bytes left), 0 when it is not one:
 * no overlong forms, no surrogates, nothing beyond U+10FFFF (RFC 3629). */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned cp;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

bool
jw_utf8(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n;) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = utf8_seq(s + i, n - i);
		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

/* A string, quoted and escaped as the canonical form wants (both forms
 * write strings the same way). */
static void
put_string(jw *w, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	both(w, "\"", 1);
	size_t run = 0;   /* bytes from s that need no escape, not yet written */
	for (size_t i = 0; i < n && w->fail == JW_OK;) {
		unsigned char c = s[i];
		if (c >= 0x80) {
			size_t k = utf8_seq(s + i, n - i);
			if (k == 0) {
				fail(w, JW_NOT_UTF8);
				return;
			}
			i += k;
			run += k;
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\') {
			i++;
			run++;
			continue;
		}
		both(w, (const char *)s + i - run, run);
		run = 0;
		char esc[8];
		const char *e = esc;
		size_t el = 2;
		switch (c) {
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\b': e = "\\b"; break;
		case '\f': e = "\\f"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		default:
			/* Python writes the hex digits in lower case, jansson in
			 * upper case. */
			if (w->jansson)
				snprintf(esc, sizeof(esc), "\\u%04X", c);
			else
				snprintf(esc, sizeof(esc), "\\u%04x", c);
			el = 6;
			break;
		}
		both(w, e, el);
		i++;
	}
	both(w, (const char *)s + n - run, run);
	both(w, "\"", 1);
}

void
jw_key(jw *w, const char *key)
{
	if (w->fail != JW_OK)
		return;
	struct jw_level *l = w->depth ? &w->lv[w->depth - 1] : NULL;
	if (l == NULL || !l->obj || l->want_value) {
		fail(w, JW_MISUSE);
		return;
	}
	size_t n = strlen(key);
	/* The canonical form wants the keys in byte order; a member written
	 * after jw_canon_end() is in the indented form only. */
	if (!w->canon_done) {
		if (!l->first) {
			int c = memcmp(l->last, key, l->lastlen < n ? l->lastlen : n);
			if (c > 0 || (c == 0 && l->lastlen >= n)) {
				fail(w, JW_UNSORTED);
				return;
			}
		}
		if (n + 1 > l->lastcap) {
			char *p = realloc(l->last, n + 16);
			if (p == NULL) {
				fail(w, JW_NOMEM);
				return;
			}
			l->last = p;
			l->lastcap = n + 16;
		}
		memcpy(l->last, key, n + 1);
		l->lastlen = n;
	}
	if (!l->first)
		both(w, ",", 1);
	l->first = false;
	newline(w, w->depth);
	put_string(w, key, n);
	canon(w, ":", 1);
	pretty(w, ": ", 2);
	l->want_value = true;
}

void
jw_strn(jw *w, const char *s, size_t n)
{
	if (before_value(w))
		put_string(w, s, n);
}

void
jw_str(jw *w, const char *s)
{
	if (s == NULL)
		jw_null(w);
	else
		jw_strn(w, s, strlen(s));
}

void
jw_int(jw *w, long long v)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%lld", v);
	if (before_value(w))
		both(w, buf, (size_t)n);
}

void
jw_bool(jw *w, bool v)
{
	if (before_value(w))
		both(w, v ? "true" : "false", v ? 4 : 5);
}

void
jw_null(jw *w)
{
	if (before_value(w))
		both(w, "null", 4);
}

void
jw_real(jw *w, double v)
{
	if (w->fail != JW_OK)
		return;
	if (!w->jansson) {
		fail(w, JW_REAL);
		return;
	}
	/* jansson's own text of the number, so that it cannot drift from what
	 * the outputs jansson writes say (SC_JSON_REAL); json_real() refuses
	 * NaN and infinities. */
	json_t *j = json_real(v);
	if (j == NULL) {
		fail(w, JW_REAL);
		return;
	}
	char *s = json_dumps(j, JSON_ENCODE_ANY | SC_JSON_REAL);
	json_decref(j);
	if (s == NULL) {
		fail(w, JW_NOMEM);
		return;
	}
	if (before_value(w))
		both(w, s, strlen(s));
	free(s);
}

static int
key_cmp(const void *a, const void *b)
{
	/* Byte order of the UTF-8 keys is code point order. */
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
jw_value(jw *w, json_t *v)
{
	if (w->fail != JW_OK)
		return;
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		size_t n = json_object_size(v), i = 0;
		const char **keys = n ? malloc(n * sizeof(*keys)) : NULL;
		if (n && keys == NULL) {
			fail(w, JW_NOMEM);
			return;
		}
		const char *k;
		json_t *x;
		json_object_foreach(v, k, x)
			keys[i++] = k;
		if (n > 1)
			qsort(keys, n, sizeof(*keys), key_cmp);
		jw_obj(w);
		for (i = 0; i < n && w->fail == JW_OK; i++) {
			jw_key(w, keys[i]);
			jw_value(w, json_object_get(v, keys[i]));
		}
		jw_obj_end(w);
		free(keys);
		return;
	}
	case JSON_ARRAY:
		jw_arr(w);
		for (size_t i = 0; i < json_array_size(v) && w->fail == JW_OK; i++)
			jw_value(w, json_array_get(v, i));
		jw_arr_end(w);
		return;
	case JSON_STRING:
		jw_strn(w, json_string_value(v), json_string_length(v));
		return;
	case JSON_INTEGER:
		jw_int(w, (long long)json_integer_value(v));
		return;
	case JSON_REAL:
		fail(w, JW_REAL);
		return;
	case JSON_TRUE:
		jw_bool(w, true);
		return;
	case JSON_FALSE:
		jw_bool(w, false);
		return;
	case JSON_NULL:
		jw_null(w);
		return;
	}
	fail(w, JW_MISUSE);
}

void
jw_canon_end(jw *w)
{
	if (w->canon_done)
		return;
	for (size_t i = w->depth; i > 0; i--)
		canon(w, w->lv[i - 1].obj ? "}" : "]", 1);
	out_flush(w, &w->canon);
	w->canon_done = true;
}

jw_fail
jw_finish(jw *w)
{
	if (w->fail == JW_OK && w->depth != 0)
		fail(w, JW_MISUSE);
	if (!w->canon_done)
		out_flush(w, &w->canon);
	out_flush(w, &w->pretty);
	jw_fail f = w->fail;
	free(w->canon.buf);
	free(w->pretty.buf);
	for (size_t i = 0; i < w->cap; i++)
		free(w->lv[i].last);
	free(w->lv);
	memset(w, 0, sizeof(*w));
	return f;
}

const char *
jw_fail_string(jw_fail f)
{
	switch (f) {
	case JW_OK: return "no error";
	case JW_SINK: return "the output refused the bytes";
	case JW_NOMEM: return "out of memory";
	case JW_UNSORTED: return "a key out of order";
	case JW_NOT_UTF8: return "a string that is not UTF-8";
	case JW_REAL: return "a number with a fraction or an exponent";
	case JW_MISUSE: return "a value out of place";
	}
	return "unknown";
}
