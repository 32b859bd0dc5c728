/*
 * ccadb.h — internal: reading CCADB CSV exports (the Common CA Database's
 * reports of root and intermediate certificates) into facts for the CA
 * index (ccadb.c), for `sovcheck registry import-ccadb` and
 * `registry check-ccadb`.
 */
#ifndef SC_CCADB_H
#define SC_CCADB_H

#include <stdbool.h>
#include <stddef.h>

#include "sovcheck.h"
#include "util.h"

/* One certificate of a CCADB report. */
typedef struct cc_row {
	char sha256[65];        /* upper-case hex */
	char spki[65];          /* "Subject + SPKI SHA256", or "" when not given */
	char *name;
	char *owner;            /* "CA Owner" / "Owner" as written */
	char *sub_owner;        /* "Subordinate CA Owner", or NULL */
	char not_after[11];     /* or "" */
	const char *report;     /* which kind of report (static) */
	unsigned line;          /* line in its file */
	const char *file;       /* borrowed */
	size_t fileno;          /* index of its file in cc_rows.files */
} cc_row;

typedef struct cc_rows {
	cc_row *v;
	size_t n, cap;
	char **files;           /* the files read, owned */
	size_t nfiles;
	size_t *per_file;       /* rows taken from each */
} cc_rows;

void cc_rows_free(cc_rows *rs);

/* Read one CCADB CSV export (lines starting with "# " at the top are
 * skipped). The kind is told by the header: the report of all
 * intermediates ("CA Owner", "Subordinate CA Owner"), the included or
 * removed root reports ("Owner"), the Microsoft program report ("CA
 * Owner", no "Subordinate CA Owner"). A malformed file is SC_ERR_PARSE
 * with file:line in err; a row without a SHA-256 or an owner is skipped
 * and counted in *ret_skipped. A certificate already read (another report)
 * keeps its first row. */
sc_status cc_read(const char *path, cc_rows *rs, size_t *ret_skipped, sc_err *err);

/* The entity a CCADB owner name stands for (folded name, alias, former
 * name), or NULL. */
const sc_entity *cc_entity(const sc_registry *reg, const char *owner);

/* The CA index file (sovcheck-ca-index: 1) for the rows whose owners the
 * registry knows, sorted by SHA-256, with a source naming the reports;
 * unknown owner names (distinct, sorted) go to *ret_unknown (strings
 * borrowed from rs), their count to *ret_nunknown. */
sc_status cc_index_text(const cc_rows *rs, const sc_registry *reg, const char *reviewed,
                        strbuf *out, const char ***ret_unknown, size_t *ret_nunknown);

#endif
