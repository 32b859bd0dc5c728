/*
 * jsonw.h — internal: JSON written as it is produced, in two forms of the
 * same values at once, each into its own sink (util.h):
 *
 *   - the canonical form: no whitespace, the members of every object in
 *     increasing byte order of their keys (for UTF-8, code point order),
 *     strings in UTF-8 with only '"', '\' and the control characters
 *     escaped (\b \f \n \r \t, else \u00xx in lower case), integers in
 *     decimal — byte for byte what Python's
 *     json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
 *     gives, so that anyone can recompute a digest of it;
 *   - the indented form: the same tokens, two spaces per level, one member
 *     or element a line, "key": value.
 *
 * Nothing is held but the path being written. Members are emitted in
 * sorted order by the caller; the writer checks it, so that an unsorted
 * key ends as an error, never as a digest nobody can reproduce. Floating
 * point numbers are not written (there is no canonical text for them).
 *
 * A writer started with jw_init_jansson() writes the indented form alone,
 * as jansson's json_dumps(JSON_INDENT(2) | JSON_PRESERVE_ORDER) does: the
 * members in the order the caller gives them, \u escapes in upper case,
 * real numbers allowed — for documents whose bytes were jansson's before
 * they were streamed (findings.json), so that they do not change.
 *
 * Errors are sticky: after the first, nothing more is written, and
 * jw_finish() says what it was.
 */
#ifndef SC_JSONW_H
#define SC_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

typedef enum jw_fail {
	JW_OK = 0,
	JW_SINK,       /* a sink refused bytes (I/O error, out of memory) */
	JW_NOMEM,
	JW_UNSORTED,   /* a key not after the one before it: a bug of the caller */
	JW_NOT_UTF8,   /* a string that is not UTF-8 */
	JW_REAL,       /* a floating point number (jw_value, jw_real), or a
	                  NaN or infinity (which JSON has no text for) */
	JW_MISUSE,     /* a value where a key is due, an end that ends nothing */
} jw_fail;

struct jw_level {
	bool obj;           /* object (else array) */
	bool first;         /* nothing written in it yet */
	bool want_value;    /* object: a key was written, its value is due */
	char *last;         /* object: the last key, to check the order */
	size_t lastlen, lastcap;
};

struct jw_out {
	util_sink sink;     /* write NULL: this form is not wanted */
	char *buf;
	size_t len;
};

typedef struct jw {
	struct jw_out canon, pretty;
	bool canon_done;     /* jw_canon_end() was called, or no canonical form */
	bool jansson;        /* jw_init_jansson(): jansson's layout */
	struct jw_level *lv;
	size_t depth, cap;
	jw_fail fail;
} jw;

/* Start a writer; a sink whose write is NULL is not written. */
void jw_init(jw *w, util_sink canon, util_sink pretty);
/* Start a writer of jansson's indented layout alone (above) into out. */
void jw_init_jansson(jw *w, util_sink out);
void jw_obj(jw *w);
void jw_obj_end(jw *w);
void jw_arr(jw *w);
void jw_arr_end(jw *w);
/* The key of the next member of the current object: after the previous
 * key in byte order. */
void jw_key(jw *w, const char *key);
void jw_str(jw *w, const char *s);                 /* NULL: null */
void jw_strn(jw *w, const char *s, size_t n);
void jw_int(jw *w, long long v);
void jw_bool(jw *w, bool v);
void jw_null(jw *w);
/* A real number, as jansson writes it (jw_init_jansson() only: elsewhere
 * JW_REAL, as for a NaN or an infinity). */
void jw_real(jw *w, double v);
/* Whether the n bytes at s are UTF-8 (RFC 3629), as strings must be. */
bool jw_utf8(const char *s, size_t n);
/* Any jansson value (struct json_t), objects with their keys sorted;
 * a real number is JW_REAL. v is only read (jansson walks an object
 * through a pointer that is not const). */
struct json_t;
void jw_value(jw *w, struct json_t *v);
/* The canonical form ends here: what follows goes to the indented form
 * only (a member written after the others, such as a digest of them). The
 * closing brackets still due are written to the canonical form first. */
void jw_canon_end(jw *w);
/* Flush both forms and release the writer; the first failure, JW_OK if
 * none. */
jw_fail jw_finish(jw *w);
/* What a failure is, as a phrase. */
const char *jw_fail_string(jw_fail f);

#endif
