/*
 * yaml.h — internal: a YAML document as a small tree with 1-based
 * positions, built with libyaml's event API under the limits of
 * sc-limits.h, and the schema helpers every YAML reader of core/ uses
 * (manifest, policy packs, country sets, registry, laws).
 *
 * Rejected while loading, each with file:line:col: aliases and anchors,
 * more than one document, duplicate mapping keys, nesting deeper than
 * SC_MAX_YAML_DEPTH, more than SC_MAX_YAML_NODES nodes, scalars longer than
 * SC_MAX_YAML_SCALAR_BYTES, files larger than SC_MAX_YAML_FILE_BYTES, and
 * anything libyaml refuses (invalid UTF-8, syntax errors).
 */
#ifndef SC_YAML_H
#define SC_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "sovcheck.h"

typedef enum ynode_kind { YN_SCALAR, YN_SEQ, YN_MAP } ynode_kind;

typedef struct ynode ynode;
struct ynode {
	ynode_kind kind;
	unsigned line, col;   /* 1-based */
	bool plain;           /* scalar written without quotes */
	char *str;            /* scalar value, NUL-terminated */
	size_t len;           /* scalar length in bytes */
	ynode **kids;         /* seq: n items; map: 2*n nodes, key then value */
	size_t n;
};

typedef struct ydoc {
	char *name;           /* file name used in diagnostics */
	ynode *root;          /* NULL for an empty document */
	size_t nodes;
	size_t errors;        /* recoverable errors already reported (dup keys) */
	char sha256[65];      /* ydoc_load(): of the file's bytes, else "" */
} ydoc;

/* On SC_OK the document may still carry doc->errors > 0 (duplicate keys):
 * the file is invalid, but the caller goes on to report its other errors. */
sc_status ydoc_parse(const char *buf, size_t len, const char *name,
                     sc_diags *diags, ydoc **ret);
sc_status ydoc_load(const char *path, sc_diags *diags, ydoc **ret);
/* Read a YAML file under SC_MAX_YAML_FILE_BYTES; a failure is added to
 * diags. *ret_buf (NUL-terminated) is owned by the caller. */
sc_status yaml_read_file(const char *path, sc_diags *diags, char **ret_buf, size_t *ret_len);
void ydoc_free(ydoc *doc);

/* ---- schema helpers ----
 * A context names the file and collects diagnostics. Each helper reports
 * its own error at the node's position and returns false on error. */
typedef struct yctx {
	const char *file;
	sc_diags *diags;
	bool failed;
} yctx;

void yerr(yctx *c, const ynode *at, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void ywarn(yctx *c, const ynode *at, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Value of key in a mapping, or NULL. */
const ynode *ymap_get(const ynode *map, const char *key);
/* Report every key of map not in allowed (NULL-terminated) with a
 * "did you mean". what names the mapping in messages ("provider"). */
bool ymap_check_keys(yctx *c, const ynode *map, const char *const *allowed,
                     const char *what);
/* node must be a mapping / sequence (else error naming what). */
bool yexpect_map(yctx *c, const ynode *n, const char *what);
bool yexpect_seq(yctx *c, const ynode *n, const char *what);
/* Required key: error "missing key" at the mapping if absent. */
const ynode *yrequire(yctx *c, const ynode *map, const char *key, const char *what);

/* Typed scalars. what is the dotted path used in messages. */
bool yget_str(yctx *c, const ynode *n, const char *what, const char **ret);
bool yget_bool(yctx *c, const ynode *n, const char *what, bool *ret);
bool yget_int(yctx *c, const ynode *n, const char *what, long min, long max, long *ret);
bool yget_number(yctx *c, const ynode *n, const char *what, double min, double max,
                 double *ret);
bool yget_country(yctx *c, const ynode *n, const char *what, char ret[3]);
bool yget_date(yctx *c, const ynode *n, const char *what, char ret[11]);
/* One of values (NULL-terminated); *ret is the index. */
bool yget_enum(yctx *c, const ynode *n, const char *what,
               const char *const *values, int *ret);

#endif
