/*
 * util.h — small internal helpers shared across core/ (not public).
 */
#ifndef SC_UTIL_H
#define SC_UTIL_H

#include <limits.h>
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
	/* A buffer drained as it fills (sb_drain_to): past SB_DRAIN_AT bytes
	 * what it holds goes to drain and it starts again empty, so a large
	 * document is written as it is made. Only for writers that append
	 * and never read back. A refused write sets drain_failed. */
	bool (*drain)(void *ctx, const void *buf, size_t n);
	void *drain_ctx;
	bool drain_failed;
} strbuf;
#define SB_DRAIN_AT ((size_t)1 << 18)
void sb_init(strbuf *sb);
/* Drain sb into write(ctx, ...) as it fills; sb_drain_flush() sends the
 * rest. false: a write was refused. */
void sb_drain_to(strbuf *sb, bool (*write)(void *ctx, const void *buf, size_t n), void *ctx);
bool sb_drain_flush(strbuf *sb);
/* SHA-256 of buf as 64 lower-case hex digits and a NUL; false on failure. */
bool util_sha256_hex(const void *buf, size_t len, char ret[65]);
void sb_free(strbuf *sb);
/* The text built, at its size (a string kept per record: no spare room),
 * owned by the caller (free()); NULL when sb is out of memory. sb is
 * empty afterwards. */
char *sb_take(strbuf *sb);
void sb_append(strbuf *sb, const char *s, size_t n);
void sb_puts(strbuf *sb, const char *s);
void sb_printf(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Strings kept once each, all freed together: for values repeated across
 * the many records of a large run (an endpoint's name in each of its
 * facts, a country, an entity id). util_strpool_get() returns the pool's
 * copy of s (equal strings: the same pointer), NULL when out of memory. */
typedef struct util_strpool util_strpool;
util_strpool *util_strpool_new(void);
const char *util_strpool_get(util_strpool *p, const char *s);
void util_strpool_free(util_strpool *p);

/* A destination for bytes written in pieces (a file, a digest, a string):
 * write returns false when they could not be taken; whoever writes keeps
 * that failure (sticky) and reports it once. */
typedef struct util_sink {
	bool (*write)(void *ctx, const void *buf, size_t n);
	void *ctx;
} util_sink;
/* A sink that appends to sb (false once sb->oom). */
util_sink util_sink_strbuf(strbuf *sb);

/* A sink that hashes what it is given (SHA-256). util_digest_init() false:
 * out of memory; util_digest_final() gives the digest as 64 lower-case hex
 * digits (false when hashing failed) and releases d, as util_digest_free()
 * does without a digest. */
typedef struct util_digest {
	struct evp_md_ctx_st *md;
	bool failed;
} util_digest;
bool util_digest_init(util_digest *d);
util_sink util_sink_digest(util_digest *d);
bool util_digest_final(util_digest *d, char ret[65]);
void util_digest_free(util_digest *d);

/* A file written in pieces through a buffer, with the SHA-256 of its bytes
 * computed as they go. util_wfile_open() creates it: with atomic, a
 * temporary file beside path (mkstemp) that util_wfile_close() renames onto
 * path; without, path itself, which must not exist yet. util_wfile_write()
 * appends (a failure is kept and reported by close); util_wfile_close()
 * flushes, fsyncs, closes, renames and gives the digest (ret_sha256
 * optional); util_wfile_abort() closes and removes the file. After open
 * succeeds, exactly one of close or abort must be called; both release
 * everything, and close removes the file when it fails. */
typedef struct util_wfile {
	int fd;
	bool atomic;
	bool failed;                 /* a write failed: errno_ says why */
	int errno_;
	char path[PATH_MAX];         /* what is being written (temporary name) */
	char final[PATH_MAX];        /* atomic: the name it gets */
	unsigned char *buf;
	size_t len;
	struct evp_md_ctx_st *md;    /* EVP_MD_CTX */
} util_wfile;
sc_status util_wfile_open(util_wfile *f, const char *path, bool atomic, sc_err *err);
bool util_wfile_write(void *f, const void *buf, size_t n);
sc_status util_wfile_close(util_wfile *f, char ret_sha256[65], sc_err *err);
void util_wfile_abort(util_wfile *f);
/* A sink into f (util_wfile_write). */
util_sink util_sink_wfile(util_wfile *f);

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
