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

#include "cli.h"
#include "sc-config.h"

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
		fputs(file, stderr);
		if (line) {
			fprintf(stderr, ":%u", line);
			if (col)
				fprintf(stderr, ":%u", col);
		}
		fputs(": ", stderr);
	}
}

void
cli_print_diags(const sc_diags *diags)
{
	for (size_t i = 0; i < sc_diags_count(diags); i++) {
		const sc_diag *d = sc_diags_get(diags, i);
		fputs("sovcheck: ", stderr);
		print_pos(d->file, d->line, d->col);
		fprintf(stderr, "%s: [%s] %s\n", sev_name(d->severity),
		        d->rule && *d->rule ? d->rule : "error", d->msg);
	}
}

void
cli_print_err(const sc_err *err)
{
	fputs("sovcheck: ", stderr);
	print_pos(err->file, err->line, err->col);
	fprintf(stderr, "error: [%s] %s\n", err->rule[0] ? err->rule : "error",
	        err->msg[0] ? err->msg : sc_strerror(err->code));
}

int
cli_fail(int code, const char *fmt, ...)
{
	va_list ap;
	fputs("sovcheck: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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
	        "sovcheck-default.mmdb is missing; build it with geodb/build-default.sh or pass "
	        "--geodb): locations and ASNs are unknown\n", dd ? dd : ".");
}

int
cli_open_geo(const char *const *paths, size_t n, bool quiet, sc_geo **ret)
{
	char def[4096];
	const char *one[1];
	if (n == 0) {
		const char *dd = cli_datadir();
		snprintf(def, sizeof(def), "%s/geodb/data/sovcheck-default.mmdb", dd ? dd : ".");
		if (access(def, R_OK) != 0) {
			if (!quiet)
				cli_warn_no_geo();
			return EXIT_PASS;
		}
		one[0] = def;
		paths = one;
		n = 1;
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

/* mkdir -p: create dir and any missing parent. */
static int
ensure_dir(const char *dir)
{
	char buf[4096];
	struct stat st;
	int w = snprintf(buf, sizeof(buf), "%s", dir);
	if (w <= 0 || (size_t)w >= sizeof(buf))
		return -1;
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (stat(buf, &st) != 0 && mkdir(buf, 0755) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (stat(buf, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : -1;
	return mkdir(buf, 0755) == 0 || errno == EEXIST ? 0 : -1;
}


int
cli_write_outputs(const cli_outputs *o, const sc_result *res, const sc_evidence *ev)
{
	char fp[4096];
	sc_err err;
	sc_err_clear(&err);
	if (o->dir == NULL)
		return EXIT_PASS;
	if (ensure_dir(o->dir) != 0) {
		char eb[256];
		strerror_r(errno, eb, sizeof(eb));
		return cli_fail(EXIT_RUNTIME, "cannot create output directory '%s': %s", o->dir, eb);
	}
	if (o->json) {
		snprintf(fp, sizeof(fp), "%s/findings.json", o->dir);
		if (sc_report_write_json(res, fp, &err) != SC_OK) {
			cli_print_err(&err);
			return EXIT_RUNTIME;
		}
	}
	if (o->sarif) {
		snprintf(fp, sizeof(fp), "%s/findings.sarif", o->dir);
		if (sc_report_write_sarif(res, o->manifest, fp, &err) != SC_OK) {
			cli_print_err(&err);
			return EXIT_RUNTIME;
		}
	}
	if (o->csv) {
		char dp[4096];
		snprintf(fp, sizeof(fp), "%s/findings.csv", o->dir);
		snprintf(dp, sizeof(dp), "%s/dependencies.csv", o->dir);
		if (sc_report_write_csv(res, fp, dp, &err) != SC_OK) {
			cli_print_err(&err);
			return EXIT_RUNTIME;
		}
	}
	if (o->evidence && ev != NULL) {
		snprintf(fp, sizeof(fp), "%s/evidence.json", o->dir);
		if (sc_evidence_write_json(ev, fp, &err) != SC_OK) {
			cli_print_err(&err);
			return EXIT_RUNTIME;
		}
	}
	/* The §5.3.d document, one file per language. */
	for (int l = 0; o->md && l < 2; l++) {
		bool fr = l == 1;
		if ((fr && !o->doc_fr) || (!fr && !o->doc_en))
			continue;
		snprintf(fp, sizeof(fp), "%s/residual-risk.%s.md", o->dir, fr ? "fr" : "en");
		if (sc_report_write_residual_risk_md(res, fr ? "fr" : "en", fp, &err) != SC_OK) {
			cli_print_err(&err);
			return EXIT_RUNTIME;
		}
	}
	/* summary.md in the first language asked, summary.fr.md beside it when
	 * both are. */
	for (int l = 0; o->md && l < 2; l++) {
		bool fr = l == 1;
		if ((fr && !o->fr) || (!fr && !o->en))
			continue;
		snprintf(fp, sizeof(fp), "%s/summary%s.md", o->dir, fr && o->en ? ".fr" : "");
		if (sc_report_write_summary_md(res, fr ? "fr" : "en", fp, &err) != SC_OK) {
			cli_print_err(&err);
			return EXIT_RUNTIME;
		}
	}
	return EXIT_PASS;
}

void
cli_print_verdicts(const sc_result *res, const sc_manifest *m, const sc_pack *pack,
                   const char *date, bool verbose, const char *outdir)
{
	printf("%s — %s, %s\n", sc_manifest_service_name(m), sc_pack_id(pack), date);
	for (size_t i = 0; i < sc_pack_count(pack); i++) {
		const sc_requirement *r = sc_pack_get(pack, i);
		sc_verdict v;
		if (sc_result_requirement(res, sc_requirement_id(r), &v) != SC_OK)
			continue;
		printf("  %-7s %-14s %s\n", sc_requirement_id(r), sc_verdict_to_string(v),
		       sc_requirement_title(r, "en"));
		if (verbose)
			sc_result_print_findings(res, sc_requirement_id(r), stdout);
	}
	printf("%zu pass, %zu fail, %zu unknown, %zu waived, %zu not applicable%s%s\n",
	       sc_result_count(res, SC_PASS), sc_result_count(res, SC_FAIL),
	       sc_result_count(res, SC_UNKNOWN), sc_result_count(res, SC_WAIVED),
	       sc_result_count(res, SC_NOT_APPLICABLE), outdir ? "; written to " : "",
	       outdir ? outdir : "");
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
