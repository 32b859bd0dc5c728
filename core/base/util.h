/*
 * util.h — small internal helpers shared across core/ (not public).
 */
#ifndef SC_UTIL_H
#define SC_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sovcheck.h"

/* Fill err (if not NULL) and return code. printf-style message. */
sc_status util_err(sc_err *err, sc_status code, const char *file, unsigned line,
                   unsigned col, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Read a whole file, refusing more than max bytes. *ret_buf is NUL-terminated
 * and owned by the caller. */
sc_status util_read_file(const char *path, size_t max, char **ret_buf,
                         size_t *ret_len, sc_err *err);

/* Growable string buffer with a sticky out-of-memory flag. */
typedef struct strbuf {
	char *s;
	size_t len, cap;
	bool oom;
} strbuf;
void sb_init(strbuf *sb);
/* SHA-256 of buf as 64 lower-case hex digits and a NUL; false on failure. */
bool util_sha256_hex(const void *buf, size_t len, char ret[65]);
void sb_free(strbuf *sb);
void sb_append(strbuf *sb, const char *s, size_t n);
void sb_puts(strbuf *sb, const char *s);
void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Levenshtein distance, capped at cap+1 (cheap early exit). */
size_t util_edit_distance(const char *a, const char *b, size_t cap);
/* Best "did you mean" among candidates (NULL-terminated), or NULL. */
const char *util_did_you_mean(const char *s, const char *const *candidates);

/* Days since 1970-01-01 of a proleptic Gregorian date. */
long util_days_from_civil(int y, int m, int d);
/* date + months ("YYYY-MM-DD"), the day clamped to the month's length,
 * into out. false (out empty) when date does not parse or the result falls
 * outside years 0000-9999. One computation for every "due by" date. */
bool util_add_months(const char *date, long months, char out[11]);

/* Format a double with at most 4 decimals and no trailing zeros ("24", "24.01"). */
void util_fmt_pct(char *buf, size_t n, double v);

/* Append a jansson value as text (indented, key order kept) with a final
 * newline: the form of every JSON output. false when out of memory. */
struct json_t;
bool util_json_text(struct json_t *root, strbuf *out);

/* An AS number written "AS123", "as123" or "123" (n bytes, not
 * NUL-terminated); false unless it is a 32-bit number. */
bool util_parse_asn(const char *s, size_t n, uint32_t *ret);

/* strdup that tolerates NULL (returns NULL). */
char *util_strdup0(const char *s);

#endif
