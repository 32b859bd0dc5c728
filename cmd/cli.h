/*
 * cli.h — what the sovcheck commands share: exit codes (sovcheck(1), "EXIT STATUS"),
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

/* s with controls, escape sequences and bidirectional overrides written
 * visibly, for printing text from inputs on a terminal (valid until 16
 * more calls). */
const char *cli_vis(const char *s);
/* Print every diagnostic as "sovcheck: FILE:LINE:COL: error: [RULE] msg". */
void cli_print_diags(const sc_diags *diags);
/* How many warnings cli_print_diags() has printed since the start. */
size_t cli_warnings_printed(void);
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
/* The default pack (secnumcloud-3.2), loaded without a word: for its
 * country sets, where a command judges without being asked for a pack.
 * NULL when the policy data cannot be read. Owned by the caller. */
sc_pack *cli_default_pack_quiet(void);
/* §19.6.c's judgement of e's ultimate controller against the EU27 of pack
 * (sc_entity_controlled_from_set()): one line after label ("controlled
 * from outside the EU27, by Victor Kislyi (BY)"), nothing without the
 * pack or a controller; and as JSON true, false or null (new reference). */
void cli_print_in_eu27(const char *label, const sc_entity *e, const sc_pack *pack);
struct json_t *cli_in_eu27_json(const sc_entity *e, const sc_pack *pack);

/* Open the geolocation databases: paths, or when n is 0 the default set of
 * the data directory — geodb/data/sovcheck-default.mmdb, then
 * sovcheck-ipfire.mmdb, those that exist (a warning when neither does;
 * *ret stays NULL and locations are then unknown). Returns an exit code (0
 * on success). */
int cli_open_geo(const char *const *paths, size_t n, bool quiet, sc_geo **ret);
/* The warning cli_open_geo() prints when the default databases are missing. */
void cli_warn_no_geo(void);
/* Load the shipped registry, then extra files over it, and lint it.
 * Returns an exit code (0 on success). */
int cli_load_registry(const char *const *extra, size_t n, sc_registry **ret);
/* Unix time of 12:00 UTC on a date. */
int64_t cli_epoch_of_date(int y, int m, int d);

/* Load policies/laws.yaml from the data directory. Returns an exit code. */
int cli_load_laws(sc_laws **ret);

/* What every judging command loads besides its evidence: the policy pack,
 * the registry (shipped, with --registry files over it) and the laws. */
typedef struct cli_inputs {
	sc_pack *pack;
	sc_registry *reg;
	sc_laws *laws;
} cli_inputs;
/* Load them (diagnostics printed). Returns an exit code (0 on success). */
int cli_load_inputs(const char *pack_id, const char *const *registries, size_t nreg,
                    cli_inputs *ret);
void cli_inputs_free(cli_inputs *in);

/* What `check` and `probe` collect with (their shared options). */
typedef struct cli_collect_args {
	bool offline, progress;
	const char *const *resolvers;
	size_t nresolvers;
	const char *const *zones;
	size_t nzones;
	const char *chains;
	const char *const *trust;
	size_t ntrust;
	long jobs, timeout;
	long tls_threads;     /* 0: the processors online */
	const char *date;
	bool discover;        /* also what each domain publishes (probe) */
} cli_collect_args;
/* A number from 1 to max; false otherwise. */
bool cli_parse_posint(const char *s, long max, long *ret);

/* The collection options check and probe share: their ids (above any
 * command's own), their getopt_long entries, and where they are kept. */
enum {
	CLI_OPT_OFFLINE = 1024, CLI_OPT_GEODB, CLI_OPT_REGISTRY, CLI_OPT_RESOLVER, CLI_OPT_ZONE,
	CLI_OPT_CHAINS, CLI_OPT_TRUST, CLI_OPT_JOBS, CLI_OPT_TIMEOUT, CLI_OPT_TLS_THREADS,
};
#define CLI_COLLECT_LONGOPTS \
	{"offline", no_argument, NULL, CLI_OPT_OFFLINE}, \
	{"geodb", required_argument, NULL, CLI_OPT_GEODB}, \
	{"registry", required_argument, NULL, CLI_OPT_REGISTRY}, \
	{"resolver", required_argument, NULL, CLI_OPT_RESOLVER}, \
	{"zone", required_argument, NULL, CLI_OPT_ZONE}, \
	{"chains", required_argument, NULL, CLI_OPT_CHAINS}, \
	{"trust", required_argument, NULL, CLI_OPT_TRUST}, \
	{"jobs", required_argument, NULL, CLI_OPT_JOBS}, \
	{"timeout", required_argument, NULL, CLI_OPT_TIMEOUT}, \
	{"tls-threads", required_argument, NULL, CLI_OPT_TLS_THREADS}
typedef struct cli_collect_cmdline {
	const char *geodbs[64], *registries[64], *resolvers[64], *zones[256], *trust[64];
	size_t ngeodb, nreg, nres, nzones, ntrust;
	const char *chains;
	bool offline;
	long jobs, timeout, tls_threads;
} cli_collect_cmdline;
/* Take option opt (its argument arg) if it is one of them: 1 taken, 0 not
 * one of them, -1 a usage error (printed). */
int cli_collect_option(cli_collect_cmdline *c, int opt, const char *arg);
/* What to collect with, from them. */
cli_collect_args cli_collect_from(const cli_collect_cmdline *c, const char *date, bool progress);
/* Collect the evidence of m at a->date (errors printed; the progress line
 * on stderr when a->progress). Returns an exit code. */
int cli_collect(const sc_manifest *m, const cli_collect_args *a, sc_geo *geo,
                sc_evidence **ret);

/* The pipeline after collection, one call for check, report and diff:
 * attribute, evaluate, assess (errors printed); with a baseline, the
 * changes since, and the §19.6.f notices they open in ledger (NULL: the
 * run's own). Returns an exit code. */
int cli_build_filing(const sc_manifest *m, const cli_inputs *in, const sc_evidence *ev,
                     const char *date, bool document, const sc_filing *baseline,
                     sc_ledger *ledger, sc_filing **ret);

/* What report, diff and --baseline ask of the signature of the filing a
 * bundle lies in (--cert, --require-signature). */
typedef struct cli_seal {
	const char *cert;   /* the signer expected (certificate or public key); NULL: any */
	bool require;       /* an unsigned bundle is refused */
} cli_seal;
/* When the directory of the bundle at path holds a signature
 * (SHA256SUMS.p7s), or seal asks for one (seal may be NULL): the signature
 * must verify over SHA256SUMS (by seal->cert when given) and the bundle
 * must have the digest SHA256SUMS lists. Prints what does not hold, naming
 * the file. Returns an exit code: 0, 3 (refused), 4. */
int cli_check_seal(const char *path, const cli_seal *seal);
/* One finding of sc_seal_verify() on stderr:
 * "sovcheck: DIR/FILE: error: [STATE] detail". */
void cli_print_seal_item(const char *dir, const sc_seal_item *it);

/* A filing read back from an evidence bundle (report, diff, --baseline). */
typedef struct cli_run {
	sc_manifest *m;
	sc_evidence *ev;
	sc_filing *f;
} cli_run;
/* Load the bundle at path (its signature checked first with
 * cli_check_seal(), then its digest) and build its filing at date (NULL:
 * the bundle's own date). Returns an exit code. */
int cli_run_bundle(const char *path, const cli_inputs *in, const char *date, bool document,
                   const cli_seal *seal, cli_run *ret);
void cli_run_free(cli_run *r);

/* --format LIST and --lang LIST, for every command: comma-separated names
 * from a table. cli_parse_list() sets the bits of the names given (each
 * must be one of names[], NULL-terminated; bit i for names[i]); it prints
 * the error naming what is accepted and returns EXIT_USAGE, else 0. */
int cli_parse_list(const char *opt, const char *arg, const char *const *names,
                   unsigned *ret_mask);
/* --format for check and report: the names of sc_format; allowed is a mask
 * of 1u << sc_format. Formats this version does not write yet are warned
 * about and dropped. */
int cli_parse_formats(const char *arg, unsigned allowed, unsigned *ret_mask);
/* --lang fr|en|fr,en: the document and summary languages (sovcheck(1), "EXIT STATUS"). */
int cli_parse_langs(const char *arg, sc_render_opts *ro);
/* The outputs of check and report: render opts with the defaults (the
 * documents in both languages, summary.md in English). */
void cli_render_defaults(sc_render_opts *ro, unsigned formats);

/* The verdict table on stdout (every finding with verbose). */
void cli_print_verdicts(const sc_filing *f, bool verbose, const char *outdir);
/* Warn on stderr for each geolocation database of the filing whose data
 * is older than SC_GEO_STALE_DAYS. */
void cli_warn_stale(const sc_filing *f);

/* Commands. */
int cmd_validate(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_policy(int argc, char **argv);
int cmd_lookup(int argc, char **argv);
int cmd_geodb(int argc, char **argv);
int cmd_registry(int argc, char **argv);
/* `registry show` (cmd-registry-show.c): names are ids, names, aliases or
 * former names; at (may be NULL) the date parents are taken at. */
int cmd_registry_show(const char *const *names, int n, const char *const *extra, size_t nextra,
                      const char *at, bool json);
int cmd_report(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_notice(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_verify(int argc, char **argv);

#endif
