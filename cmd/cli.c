/*
 * cli.c — shared helpers of the sovcheck commands.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "sc-config.h"

const char *
cli_vis(const char *s)
{
	/* A small ring: a printf call may show several values at once. */
	static char *ring[16];
	static unsigned k;
	char **slot = &ring[k++ % 16];
	free(*slot);
	*slot = sc_text_visible(s ? s : "");
	return *slot ? *slot : "(out of memory)";
}

static const char *
sev_name(sc_severity s)
{
	switch (s) {
	case SC_SEV_ERROR: return "error";
	case SC_SEV_WARNING: return "warning";
	case SC_SEV_NOTE: return "note";
	}
	return "error";
}

static void
print_pos(const char *file, unsigned line, unsigned col)
{
	if (file && *file) {
		fputs(cli_vis(file), stderr);
		if (line) {
			fprintf(stderr, ":%u", line);
			if (col)
				fprintf(stderr, ":%u", col);
		}
		fputs(": ", stderr);
	}
}

/* Warnings printed so far (cli_warnings_printed()). */
static size_t warnings_printed;

size_t
cli_warnings_printed(void)
{
	return warnings_printed;
}

void
cli_print_diags(const sc_diags *diags)
{
	for (size_t i = 0; i < sc_diags_count(diags); i++) {
		const sc_diag *d = sc_diags_get(diags, i);
		warnings_printed += d->severity == SC_SEV_WARNING;
		fputs("sovcheck: ", stderr);
		print_pos(d->file, d->line, d->col);
		fprintf(stderr, "%s: [%s] %s\n", sev_name(d->severity),
		        d->rule && *d->rule ? cli_vis(d->rule) : "error", cli_vis(d->msg));
	}
}

void
cli_print_err(const sc_err *err)
{
	fputs("sovcheck: ", stderr);
	print_pos(err->file, err->line, err->col);
	fprintf(stderr, "error: [%s] %s\n", err->rule[0] ? cli_vis(err->rule) : "error",
	        err->msg[0] ? cli_vis(err->msg) : sc_strerror(err->code));
}

int
cli_fail(int code, const char *fmt, ...)
{
	va_list ap;
	char msg[2048];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "sovcheck: error: %s\n", cli_vis(msg));
	return code;
}

int
cli_exit_for(sc_status st)
{
	if (st == SC_OK)
		return EXIT_PASS;
	if (st == SC_ERR_USAGE)
		return EXIT_USAGE;
	return sc_status_is_input_error(st) ? EXIT_INPUT : EXIT_RUNTIME;
}

void
cli_today(char buf[11])
{
	time_t now = time(NULL);
	struct tm tm;
	if (gmtime_r(&now, &tm) == NULL) {
		snprintf(buf, 11, "1970-01-01");
		return;
	}
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday);
	memcpy(buf, tmp, 10);
	buf[10] = '\0';
}

static bool
is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *
cli_datadir(void)
{
	static char buf[4096];
	const char *env = getenv("SOVCHECK_DATADIR");
	if (env && *env && is_dir(env))
		return env;
	/* Running from a build tree: the sources hold policies/ and geodb/. */
	snprintf(buf, sizeof(buf), "%s/policies", SC_SRCDIR);
	if (is_dir(buf)) {
		snprintf(buf, sizeof(buf), "%s", SC_SRCDIR);
		return buf;
	}
	snprintf(buf, sizeof(buf), "%s/policies", SC_DATADIR);
	if (is_dir(buf)) {
		snprintf(buf, sizeof(buf), "%s", SC_DATADIR);
		return buf;
	}
	return NULL;
}

void
cli_print_in_eu27(const char *label, const sc_entity *e, const sc_pack *pack)
{
	if (pack == NULL || sc_entity_ultimate(e) == NULL)
		return;
	const char *by = NULL, *by_cc = NULL;
	int in = sc_entity_controlled_from_set(e, pack, "EU27", &by, &by_cc);
	printf("%s", label);
	if (in == 1)
		printf("controlled from inside the EU27\n");
	else if (in == 0 && by)
		printf("controlled from outside the EU27, by %s (%s)\n", cli_vis(by), by_cc ? by_cc : "?");
	else if (in == 0)
		printf("controlled from outside the EU27 (its seat)\n");
	else
		printf("not judged (how %s is held is not settled)\n",
		       cli_vis(sc_entity_name(sc_entity_ultimate(e))));
}

json_t *
cli_in_eu27_json(const sc_entity *e, const sc_pack *pack)
{
	int in = sc_entity_controlled_from_set(e, pack, "EU27", NULL, NULL);
	return in < 0 ? json_null() : json_boolean(in == 1);
}

sc_pack *
cli_default_pack_quiet(void)
{
	char path[4096];
	sc_pack *pack = NULL;
	sc_diags *d = sc_diags_new();
	if (d && cli_pack_path("secnumcloud-3.2", path, sizeof(path)) &&
	    sc_pack_load(path, NULL, d, &pack) != SC_OK)
		pack = NULL;
	sc_diags_free(d);
	return pack;
}

bool
cli_pack_path(const char *id_or_path, char *buf, size_t n)
{
	if (strchr(id_or_path, '/') != NULL || strstr(id_or_path, ".yaml") != NULL) {
		int w = snprintf(buf, n, "%s", id_or_path);
		return w > 0 && (size_t)w < n;
	}
	const char *dd = cli_datadir();
	if (dd == NULL)
		return false;
	int w = snprintf(buf, n, "%s/policies/%s.yaml", dd, id_or_path);
	return w > 0 && (size_t)w < n;
}

void
cli_warn_no_geo(void)
{
	const char *dd = cli_datadir();
	fprintf(stderr, "sovcheck: warning: no geolocation database (%s/geodb/data/"
	        "sovcheck-default.mmdb and sovcheck-ipfire.mmdb are missing; build them with "
	        "geodb/build-default.sh or pass --geodb): locations and ASNs are unknown\n",
	        dd ? dd : ".");
}

/* The default set, in this order: the database of the setup (public
 * countries and ASNs, the user's geofeeds), then the independent one of
 * IPFire's countries — each answer kept, a disagreement between them
 * decided by the geolocation rule (docs/checks.md). */
static const char *const default_geodbs[] = { "sovcheck-default.mmdb", "sovcheck-ipfire.mmdb" };
#define N_DEFAULT_GEODBS (sizeof(default_geodbs) / sizeof(default_geodbs[0]))

int
cli_open_geo(const char *const *paths, size_t n, bool quiet, sc_geo **ret)
{
	char def[N_DEFAULT_GEODBS][4096];
	const char *found[N_DEFAULT_GEODBS];
	if (n == 0) {
		const char *dd = cli_datadir();
		for (size_t i = 0; i < N_DEFAULT_GEODBS; i++) {
			snprintf(def[n], sizeof(def[n]), "%s/geodb/data/%s", dd ? dd : ".",
			         default_geodbs[i]);
			if (access(def[n], R_OK) == 0) {
				found[n] = def[n];
				n++;
			}
		}
		if (n == 0) {
			if (!quiet)
				cli_warn_no_geo();
			return EXIT_PASS;
		}
		paths = found;
	}
	sc_err err;
	sc_err_clear(&err);
	sc_status st = sc_geo_open(paths, n, ret, &err);
	if (st != SC_OK) {
		cli_print_err(&err);
		return cli_exit_for(st);
	}
	return EXIT_PASS;
}

int
cli_load_registry(const char *const *extra, size_t n, sc_registry **ret)
{
	char dir[4096];
	const char *dd = cli_datadir();
	snprintf(dir, sizeof(dir), "%s/geodb/registry", dd ? dd : ".");
	sc_diags *diags = sc_diags_new();
	if (diags == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	sc_registry *reg = NULL;
	sc_status st = sc_registry_load_dir(dir, diags, &reg);
	for (size_t i = 0; st == SC_OK && i < n; i++)
		st = sc_registry_add_file(reg, extra[i], diags);
	if (st == SC_OK)
		st = sc_registry_lint(reg, diags);
	sc_diags_sort(diags);
	cli_print_diags(diags);
	sc_diags_free(diags);
	if (st != SC_OK) {
		sc_registry_free(reg);
		return cli_exit_for(st);
	}
	*ret = reg;
	return EXIT_PASS;
}

int64_t
cli_epoch_of_date(int y, int m, int d)
{
	/* days_from_civil (proleptic Gregorian), then noon UTC. */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long days = era * 146097 + doe - 719468;
	return (int64_t)days * 86400 + 43200;
}

void
cli_print_verdicts(const sc_filing *f, bool verbose, const char *outdir)
{
	const sc_result *res = sc_filing_result(f);
	const sc_pack *pack = sc_filing_pack(f);
	printf("%s — %s, %s\n", cli_vis(sc_manifest_service_name(sc_filing_manifest(f))),
	       cli_vis(sc_pack_id(pack)), sc_filing_date(f));
	/* ids as wide as the longest (SecNumCloud's fit in 7; DORA-28.3 does not) */
	int w = 7;
	for (size_t i = 0; i < sc_pack_count(pack); i++) {
		size_t n = strlen(sc_requirement_id(sc_pack_get(pack, i)));
		if (n > (size_t)w && n < 40)
			w = (int)n;
	}
	for (size_t i = 0; i < sc_pack_count(pack); i++) {
		const sc_requirement *r = sc_pack_get(pack, i);
		const char *id = sc_requirement_id(r);
		sc_verdict v;
		if (sc_result_requirement(res, id, &v) != SC_OK)
			continue;
		int minimum = 0, level = sc_result_level(res, id, &minimum);
		if (level >= 0)
			printf("  %-*s %-14s SEAL-%d (minimum %d)  %s\n", w, cli_vis(id),
			       sc_verdict_to_string(v), level, minimum,
			       cli_vis(sc_requirement_title(r, "en")));
		else
			printf("  %-*s %-14s %s\n", w, cli_vis(id), sc_verdict_to_string(v),
			       cli_vis(sc_requirement_title(r, "en")));
		sc_finding_view fv;
		for (size_t k = 0; verbose && sc_result_finding(res, id, k, &fv); k++) {
			printf("  %*s %-8s %s: %s\n", w, "", sc_verdict_to_string(fv.verdict),
			       cli_vis(fv.subject), cli_vis(fv.reason));
			if (fv.computation)
				printf("  %*s          computation: %s\n", w, "", cli_vis(fv.computation));
		}
	}
	/* Several packs, or a scored one: a line each. */
	const char *pid;
	sc_verdict pv;
	double score;
	for (size_t i = 0; sc_result_pack(res, i, &pid, &pv, &score); i++) {
		if (sc_result_pack_count(res) < 2 && score < 0)
			break;
		printf("  pack %s: %s", cli_vis(pid), sc_verdict_to_string(pv));
		if (score >= 0)
			printf(", sovereignty score %.1f / 100", score);
		printf("\n");
	}
	printf("%zu pass, %zu fail, %zu unknown, %zu waived, %zu not applicable%s%s\n",
	       sc_result_count(res, SC_PASS), sc_result_count(res, SC_FAIL),
	       sc_result_count(res, SC_UNKNOWN), sc_result_count(res, SC_WAIVED),
	       sc_result_count(res, SC_NOT_APPLICABLE), outdir ? "; written to " : "",
	       outdir ? cli_vis(outdir) : "");
}

void
cli_warn_stale(const sc_filing *f)
{
	const char *label, *dd;
	long age;
	bool stale;
	for (size_t i = 0; sc_filing_geodb(f, i, &label, &dd, &age, &stale); i++)
		if (stale)
			fprintf(stderr, "sovcheck: warning: %s holds data of %s, %ld days old at %s: "
			        "locations may be out of date (rebuild it: geodb/build-default.sh)\n",
			        label, dd, age, sc_filing_date(f));
}

int
cli_load_laws(sc_laws **ret)
{
	char path[4096];
	const char *dd = cli_datadir();
	snprintf(path, sizeof(path), "%s/policies/laws.yaml", dd ? dd : ".");
	sc_diags *d = sc_diags_new();
	if (d == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	sc_status st = sc_laws_load(path, d, ret);
	sc_diags_sort(d);
	cli_print_diags(d);
	sc_diags_free(d);
	return st == SC_OK ? EXIT_PASS : cli_exit_for(st);
}

int
cli_load_inputs(const char *pack_id, const char *const *registries, size_t nreg,
                cli_inputs *ret)
{
	memset(ret, 0, sizeof(*ret));
	/* --pack a,b,c: each an id of a shipped pack or a file. */
	enum { MAX_PACKS = 16 };
	char paths[MAX_PACKS][4096];
	const char *pv[MAX_PACKS];
	size_t n = 0;
	for (const char *p = pack_id; ; ) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char one[4096];
		if (len == 0 || len >= sizeof(one))
			return cli_fail(EXIT_USAGE, "--pack: empty or overlong pack name in '%s'",
			                cli_vis(pack_id));
		if (n == MAX_PACKS)
			return cli_fail(EXIT_USAGE, "--pack: at most %d packs", MAX_PACKS);
		memcpy(one, p, len);
		one[len] = '\0';
		if (!cli_pack_path(one, paths[n], sizeof(paths[n])))
			return cli_fail(EXIT_RUNTIME, "cannot find the policy data (set SOVCHECK_DATADIR)");
		pv[n] = paths[n];
		n++;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	sc_diags *d = sc_diags_new();
	if (d == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	sc_status st = sc_pack_load_list(pv, n, d, &ret->pack);
	sc_diags_sort(d);
	cli_print_diags(d);
	sc_diags_free(d);
	int rc;
	if (st != SC_OK)
		rc = cli_exit_for(st);
	else if ((rc = cli_load_registry(registries, nreg, &ret->reg)) == EXIT_PASS)
		rc = cli_load_laws(&ret->laws);
	if (rc != EXIT_PASS)
		cli_inputs_free(ret);
	return rc;
}

void
cli_inputs_free(cli_inputs *in)
{
	sc_laws_free(in->laws);
	sc_registry_free(in->reg);
	sc_pack_free(in->pack);
	memset(in, 0, sizeof(*in));
}

bool
cli_parse_posint(const char *s, long max, long *ret)
{
	char *end = NULL;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > max)
		return false;
	*ret = v;
	return true;
}

/* Keep arg in list (at most max), or say there are too many. */
static int
keep(const char **list, size_t *n, size_t max, const char *what, const char *arg)
{
	if (*n == max) {
		cli_fail(EXIT_USAGE, "too many %s", what);
		return -1;
	}
	list[(*n)++] = arg;
	return 1;
}

int
cli_collect_option(cli_collect_cmdline *c, int opt, const char *arg)
{
	switch (opt) {
	case CLI_OPT_OFFLINE: c->offline = true; return 1;
	case CLI_OPT_CHAINS: c->chains = arg; return 1;
	case CLI_OPT_GEODB: return keep(c->geodbs, &c->ngeodb, 64, "--geodb", arg);
	case CLI_OPT_REGISTRY: return keep(c->registries, &c->nreg, 64, "--registry", arg);
	case CLI_OPT_RESOLVER: return keep(c->resolvers, &c->nres, 64, "--resolver", arg);
	case CLI_OPT_ZONE: return keep(c->zones, &c->nzones, 256, "--zone", arg);
	case CLI_OPT_TRUST: return keep(c->trust, &c->ntrust, 64, "--trust", arg);
	case CLI_OPT_JOBS:
		if (cli_parse_posint(arg, 4096, &c->jobs))
			return 1;
		cli_fail(EXIT_USAGE, "--jobs: expected a number from 1 to 4096");
		return -1;
	case CLI_OPT_TIMEOUT:
		if (cli_parse_posint(arg, 86400, &c->timeout))
			return 1;
		cli_fail(EXIT_USAGE, "--timeout: expected seconds from 1 to 86400");
		return -1;
	case CLI_OPT_TLS_THREADS:
		/* the collector runs at most 64 capture threads */
		if (cli_parse_posint(arg, 64, &c->tls_threads))
			return 1;
		cli_fail(EXIT_USAGE, "--tls-threads: expected a number from 1 to 64");
		return -1;
	default:
		return 0;
	}
}

/* The machine's cores, at least 1 and at most max. */
static unsigned
cores_upto(unsigned max)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1u : (unsigned long)n > max ? max : (unsigned)n;
}

cli_collect_args
cli_collect_from(const cli_collect_cmdline *c, const char *date, bool progress)
{
	cli_collect_args a = {
		.offline = c->offline, .progress = progress, .resolvers = c->resolvers,
		.nresolvers = c->nres, .zones = c->zones, .nzones = c->nzones, .chains = c->chains,
		.trust = c->trust, .ntrust = c->ntrust, .jobs = c->jobs, .timeout = c->timeout,
		.tls_threads = c->tls_threads, .date = date,
	};
	return a;
}

static void
collect_progress(void *ctx, const char *stage, size_t done, size_t total)
{
	(void)ctx;
	fprintf(stderr, "\r\033[Ksovcheck: collecting %s: %zu/%zu", stage, done, total);
	fflush(stderr);
}

int
cli_collect(const sc_manifest *m, const cli_collect_args *a, sc_geo *geo, sc_evidence **ret)
{
	int y, mo, d;
	if (!sc_date_parse(a->date, &y, &mo, &d))
		return cli_fail(EXIT_USAGE, "'%s' is not a date YYYY-MM-DD", a->date);
	sc_collect_opts co;
	memset(&co, 0, sizeof(co));
	co.offline = a->offline;
	co.discover = a->discover;
	co.resolvers = a->resolvers;
	co.nresolvers = a->nresolvers;
	co.zones = a->zones;
	co.nzones = a->nzones;
	co.chains_dir = a->chains;
	co.trust = a->trust;
	co.ntrust = a->ntrust;
	co.jobs = (unsigned)a->jobs;
	/* the collector runs at most 64 capture threads */
	co.tls_threads = a->tls_threads > 0 ? (unsigned)a->tls_threads : cores_upto(64);
	co.timeout_s = (unsigned)a->timeout;
	co.at = cli_epoch_of_date(y, mo, d);
	co.date = a->date;
	co.geo = geo;
	if (a->progress) {
		co.progress = collect_progress;
		co.progress_ctx = NULL;
	}
	sc_err err;
	sc_err_clear(&err);
	sc_status st = sc_collect(m, &co, ret, &err);
	if (co.progress)
		fputs("\r\033[K", stderr);
	if (st != SC_OK) {
		cli_print_err(&err);
		return cli_exit_for(st);
	}
	return EXIT_PASS;
}

int
cli_build_filing(const sc_manifest *m, const cli_inputs *in, const sc_evidence *ev,
                 const char *date, bool document, const sc_filing *baseline, sc_ledger *ledger,
                 sc_filing **ret)
{
	sc_filing_opts fo;
	memset(&fo, 0, sizeof(fo));
	if (!sc_date_parse(date, &fo.year, &fo.month, &fo.day))
		return cli_fail(EXIT_USAGE, "'%s' is not a date YYYY-MM-DD", date);
	fo.document = document;
	fo.baseline = baseline;
	fo.ledger = ledger;
	sc_err err;
	sc_err_clear(&err);
	/* Who controlled whom is the registry's state at the evaluation date. */
	if (in->reg && sc_registry_set_date(in->reg, date) != SC_OK)
		return cli_fail(EXIT_USAGE, "'%s' is not a date YYYY-MM-DD", date);
	sc_status st = sc_filing_build(m, in->pack, ev, in->reg, in->laws, &fo, ret, &err);
	if (st != SC_OK) {
		cli_print_err(&err);
		return cli_exit_for(st);
	}
	return EXIT_PASS;
}

void
cli_print_seal_item(const char *dir, const sc_seal_item *it)
{
	bool here = strcmp(dir, ".") == 0;
	fprintf(stderr, "sovcheck: %s%s%s: error: [%s] %s\n", here ? "" : cli_vis(dir),
	        here ? "" : "/", cli_vis(it->name), sc_seal_state_to_string(it->state),
	        cli_vis(it->detail));
}

int
cli_check_seal(const char *path, const cli_seal *seal)
{
	static const cli_seal none = {NULL, false};
	const cli_seal *s = seal ? seal : &none;
	/* The directory of the bundle, and its name there. */
	char dir[4096];
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else if ((size_t)(slash - path) < sizeof(dir))
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	else
		return cli_fail(EXIT_INPUT, "%s: path too long", path);
	char sig[4200];
	struct stat sb;
	snprintf(sig, sizeof(sig), "%s/SHA256SUMS.p7s", dir);
	bool is_signed = lstat(sig, &sb) == 0;
	if (!is_signed && !s->require && s->cert == NULL)
		return EXIT_PASS;
	if (*base == '\0')
		return cli_fail(EXIT_INPUT, "%s: not an evidence bundle file", path);
	sc_verify_opts o = {.cert_path = s->cert, .require_signature = true, .only = base};
	sc_verification *v = NULL;
	sc_err err;
	sc_err_clear(&err);
	sc_status st = sc_seal_verify(dir, &o, &v, &err);
	if (st != SC_OK) {
		cli_print_err(&err);
		if (!is_signed)
			fprintf(stderr, "sovcheck: %s: error: [signature] a signature is required and "
			        "the bundle does not lie in a signed filing (SHA256SUMS and "
			        "SHA256SUMS.p7s beside it, as 'check --sign' writes them)\n", cli_vis(path));
		return st == SC_ERR_NOMEM ? EXIT_RUNTIME : EXIT_INPUT;
	}
	int rc = EXIT_PASS;
	if (sc_verification_bad(v) > 0) {
		sc_seal_item it;
		bool unsigned_ = false;
		for (size_t i = 0; sc_verification_item(v, i, &it); i++) {
			if (it.bad)
				cli_print_seal_item(dir, &it);
			unsigned_ = unsigned_ || it.state == SC_SEAL_UNSIGNED;
		}
		if (unsigned_)
			fprintf(stderr, "sovcheck: %s: error: [signature] refused: a signature is required "
			        "and the filing it lies in is not signed\n", cli_vis(path));
		else
			fprintf(stderr, "sovcheck: %s: error: [signature] refused: the bundle is not the "
			        "one signed in its filing (check the filing with 'sovcheck verify %s')\n",
			        cli_vis(path), cli_vis(dir));
		rc = EXIT_INPUT;
	}
	sc_verification_free(v);
	return rc;
}

int
cli_run_bundle(const char *path, const cli_inputs *in, const char *date, bool document,
               const cli_seal *seal, cli_run *ret)
{
	memset(ret, 0, sizeof(*ret));
	int rc = cli_check_seal(path, seal);
	if (rc != EXIT_PASS)
		return rc;
	sc_diags *d = sc_diags_new();
	sc_err err;
	sc_err_clear(&err);
	char bdate[11];
	if (d == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	sc_status st = sc_evidence_load_json(path, d, &ret->m, &ret->ev, bdate, &err);
	sc_diags_sort(d);
	if (st != SC_OK && err.msg[0])
		cli_print_err(&err);
	cli_print_diags(d);
	sc_diags_free(d);
	if (st != SC_OK)
		return cli_exit_for(st);
	return cli_build_filing(ret->m, in, ret->ev, date ? date : bdate, document, NULL, NULL,
	                        &ret->f);
}

void
cli_run_free(cli_run *r)
{
	sc_filing_free(r->f);
	sc_evidence_free(r->ev);
	sc_manifest_free(r->m);
	memset(r, 0, sizeof(*r));
}

int
cli_parse_list(const char *opt, const char *arg, const char *const *names, unsigned *ret_mask)
{
	unsigned mask = 0;
	const char *p = arg;
	for (;;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		size_t i;
		for (i = 0; names[i]; i++)
			if (strlen(names[i]) == n && strncmp(names[i], p, n) == 0)
				break;
		if (names[i] == NULL) {
			char accepted[512];
			size_t w = 0;
			for (size_t k = 0; names[k]; k++) {
				size_t l = strlen(names[k]);
				if (w + l + 3 > sizeof(accepted))
					break;
				if (k) {
					memcpy(accepted + w, ", ", 2);
					w += 2;
				}
				memcpy(accepted + w, names[k], l);
				w += l;
			}
			accepted[w] = '\0';
			return cli_fail(EXIT_USAGE, "%s: unknown value '%.*s' (accepted: %s)", opt,
			                (int)(n > 64 ? 64 : n), p, accepted);
		}
		mask |= 1u << i;
		if (end == NULL)
			break;
		p = end + 1;
	}
	*ret_mask = mask;
	return 0;
}

int
cli_parse_formats(const char *arg, unsigned allowed, unsigned *ret_mask)
{
	const char *names[SC_FORMAT_COUNT + 1];
	int map[SC_FORMAT_COUNT];
	size_t n = 0;
	for (int f = 0; f < SC_FORMAT_COUNT; f++) {
		if (!(allowed & (1u << f)))
			continue;
		map[n] = f;
		names[n++] = sc_format_to_string((sc_format)f);
	}
	names[n] = NULL;
	unsigned got;
	int rc = cli_parse_list("--format", arg, names, &got);
	if (rc != 0)
		return rc;
	unsigned mask = 0;
	for (size_t i = 0; i < n; i++) {
		if (!(got & (1u << i)))
			continue;
		if (!sc_format_available((sc_format)map[i])) {
			fprintf(stderr, "sovcheck: warning: format '%s' is not produced by this version "
			        "yet\n", names[i]);
			continue;
		}
		mask |= 1u << map[i];
	}
	*ret_mask = mask;
	return 0;
}

int
cli_parse_langs(const char *arg, sc_render_opts *ro)
{
	static const char *const langs[] = {"en", "fr", NULL};
	unsigned got;
	int rc = cli_parse_list("--lang", arg, langs, &got);
	if (rc != 0)
		return rc;
	/* bit i is langs[i], the order of sc_lang */
	ro->doc_langs = ro->summary_langs = got;
	return 0;
}

static void
notice_warning(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "sovcheck: warning: %s\n", cli_vis(msg));
}

void
cli_render_defaults(sc_render_opts *ro, unsigned formats)
{
	memset(ro, 0, sizeof(*ro));
	ro->notice = notice_warning;
	ro->formats = formats;
	ro->doc_langs = 1u << SC_LANG_EN | 1u << SC_LANG_FR;
	ro->summary_langs = 1u << SC_LANG_EN;
	/* the files of a run written on the machine's cores (at most 4: a
	 * filing has a dozen files, the largest few take most of the time) */
	ro->threads = cores_upto(4);
}
