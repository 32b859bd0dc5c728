/*
 * cli.h — what the sovcheck commands share: exit codes (DESIGN §3),
 * diagnostics printing, and small option helpers. Only cmd/ prints and
 * picks exit codes; the library returns statuses.
 */
#ifndef SC_CLI_H
#define SC_CLI_H

#include <stdbool.h>

#include "sovcheck.h"

enum {
	EXIT_PASS = 0,
	EXIT_FAIL = 1,
	EXIT_UNKNOWN = 2,
	EXIT_INPUT = 3,
	EXIT_RUNTIME = 4,
	EXIT_USAGE = 64,
};

/* Print every diagnostic as "sovcheck: FILE:LINE:COL: error: [RULE] msg". */
void cli_print_diags(const sc_diags *diags);
/* Print one sc_err the same way. */
void cli_print_err(const sc_err *err);
/* Print "sovcheck: error: msg" and return code. */
int cli_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Exit code for a library status: 3 for input errors, 4 otherwise. */
int cli_exit_for(sc_status st);
/* Today's date in UTC as YYYY-MM-DD (the tool may read the clock;
 * the library never does). */
void cli_today(char buf[11]);
/* Find a shipped data file: $SOVCHECK_DATADIR, the source tree, the
 * installed datadir. Returns a static-lifetime string or NULL. */
const char *cli_datadir(void);
/* Path of the default policy pack for an id or a path. */
bool cli_pack_path(const char *id_or_path, char *buf, size_t n);

/* Open the geolocation databases: paths, or the default database of the
 * data directory when n is 0 (a warning when it is missing; *ret stays NULL
 * and locations are then unknown). Returns an exit code (0 on success). */
int cli_open_geo(const char *const *paths, size_t n, bool quiet, sc_geo **ret);
/* The warning cli_open_geo() prints when the default database is missing. */
void cli_warn_no_geo(void);
/* Load the shipped registry, then extra files over it, and lint it.
 * Returns an exit code (0 on success). */
int cli_load_registry(const char *const *extra, size_t n, sc_registry **ret);
/* Unix time of 12:00 UTC on a date. */
int64_t cli_epoch_of_date(int y, int m, int d);

/* The files of a run written into a directory (created with its parents). */
typedef struct cli_outputs {
	const char *dir;          /* NULL: nothing is written */
	bool json, md, evidence;  /* findings.json, summary[.fr].md, evidence.json */
	bool en, fr;              /* summary languages: both -> summary.md + summary.fr.md */
	bool doc_en, doc_fr;      /* residual-risk.<lang>.md (written with md) */
	bool sarif, csv;          /* findings.sarif; findings.csv + dependencies.csv */
	const char *manifest;     /* the manifest's path, for SARIF locations */
} cli_outputs;
/* Load policies/laws.yaml from the data directory. Returns an exit code. */
int cli_load_laws(sc_laws **ret);
/* Returns an exit code (0 on success). ev may be NULL (no evidence.json). */
int cli_write_outputs(const cli_outputs *o, const sc_result *res, const sc_evidence *ev);
/* The verdict table on stdout (every finding with verbose). */
void cli_print_verdicts(const sc_result *res, const sc_manifest *m, const sc_pack *pack,
                        const char *date, bool verbose, const char *outdir);

/* Commands. */
int cmd_validate(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_policy(int argc, char **argv);
int cmd_lookup(int argc, char **argv);
int cmd_geodb(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_diff(int argc, char **argv);

#endif
