/*
 * cmd-check.c — `sovcheck check MANIFEST`: load the manifest and the policy
 * pack, evaluate, write the findings (DESIGN §3).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck check MANIFEST [-o DIR] [options]\n"
"\n"
"Evaluates a service against a policy pack (default: secnumcloud-3.2).\n"
"Declared facts (seat, shareholding, sites, administration, support,\n"
"subcontractors, sign-off) are judged from the manifest; checks that need\n"
"observed evidence (DNS, TLS, geolocation) are 'unknown' when nothing was\n"
"collected — never 'pass'.\n"
"\n"
"Output:\n"
"  -o, --output DIR      write into DIR the §5.3.d residual-risk document\n"
"                        (residual-risk.fr.md, residual-risk.en.md),\n"
"                        findings.json, summary.md and evidence.json\n"
"                        (created if missing; files are replaced atomically)\n"
"      --format LIST     comma-separated: json, md, evidence (default: these\n"
"                        three), sarif (findings.sarif), csv (findings.csv,\n"
"                        dependencies.csv)\n"
"      --lang fr|en|fr,en  languages of the documents: residual-risk.<lang>.md\n"
"                        (default both) and summary.md (default en; with\n"
"                        fr,en the French one is summary.fr.md)\n"
"  -q, --quiet           print nothing on success but the exit status\n"
"  -v, --verbose         print every finding, not only the verdict table\n"
"      --no-progress     no progress line on stderr\n"
"\n"
"Evaluation:\n"
"      --pack ID|FILE    policy pack (default: secnumcloud-3.2)\n"
"      --date YYYY-MM-DD evaluation date (default: today, UTC); pin it for\n"
"                        reproducible, byte-identical outputs\n"
"      --offline         no network: only declarations and offline sources\n"
"                        (zone files, PEM chains); without them, checks that\n"
"                        need evidence are unknown\n"
"\n"
"Collection and attribution:\n"
"      --zone FILE       authoritative zone file to resolve from (repeatable;\n"
"                        adds to the manifest's sources.zones)\n"
"      --chains DIR      certificate chains as DIR/HOST.pem (overrides\n"
"                        sources.chains)\n"
"      --resolver ADDR[:PORT]  ask this resolver (repeatable: answers that\n"
"                        differ per resolver are recorded); default: the\n"
"                        system resolver\n"
"      --geodb FILE      geolocation database, first has precedence\n"
"                        (repeatable; default geodb/data/sovcheck-default.mmdb)\n"
"      --registry FILE   extra entity registry file over the shipped one\n"
"      --baseline EVIDENCE  an earlier run's evidence.json: 19.6.f fails for\n"
"                        every operator controlled from outside the EU that\n"
"                        is new since, with the one-month notice deadline\n"
"      --jobs N          DNS queries / TLS handshakes in flight\n"
"      --timeout SEC     bound on the whole DNS collection\n"
"\n"
"Exit status: 0 all pass (or waived / not applicable), 1 at least one fail,\n"
"2 unknowns but no fail, 3 invalid input, 4 runtime error, 64 usage error.\n"
"\n"
"Example:\n"
"  sovcheck check service.yaml --offline -o filing/ --date 2026-11-22\n";

enum {
	OPT_FORMAT = 256, OPT_LANG, OPT_PACK, OPT_DATE, OPT_OFFLINE, OPT_GEODB,
	OPT_REGISTRY, OPT_RESOLVER, OPT_ZONE, OPT_CHAINS, OPT_BASELINE, OPT_JOBS,
	OPT_TIMEOUT, OPT_NO_PROGRESS,
};

static const struct option longopts[] = {
	{"help", no_argument, NULL, 'h'},
	{"output", required_argument, NULL, 'o'},
	{"quiet", no_argument, NULL, 'q'},
	{"verbose", no_argument, NULL, 'v'},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"lang", required_argument, NULL, OPT_LANG},
	{"pack", required_argument, NULL, OPT_PACK},
	{"date", required_argument, NULL, OPT_DATE},
	{"offline", no_argument, NULL, OPT_OFFLINE},
	{"geodb", required_argument, NULL, OPT_GEODB},
	{"registry", required_argument, NULL, OPT_REGISTRY},
	{"resolver", required_argument, NULL, OPT_RESOLVER},
	{"zone", required_argument, NULL, OPT_ZONE},
	{"chains", required_argument, NULL, OPT_CHAINS},
	{"baseline", required_argument, NULL, OPT_BASELINE},
	{"jobs", required_argument, NULL, OPT_JOBS},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
	{NULL, 0, NULL, 0},
};

static void
progress_line(void *ctx, const char *stage, size_t done, size_t total)
{
	(void)ctx;
	fprintf(stderr, "\r\033[Ksovcheck: collecting %s: %zu/%zu", stage, done, total);
	fflush(stderr);
}

static bool
parse_posint(const char *s, long max, long *ret)
{
	char *end = NULL;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > max)
		return false;
	*ret = v;
	return true;
}

int
cmd_check(int argc, char **argv)
{
	const char *outdir = NULL, *pack_id = "secnumcloud-3.2", *date = NULL;
	bool quiet = false, verbose = false, offline = false, want_json = true, want_md = true;
	bool want_evidence = true, no_progress = false, want_en = true, want_fr = false;
	bool lang_given = false, want_sarif = false, want_csv = false;
	long jobs = 0, timeout = 0;
	const char *geodbs[64], *registries[64], *resolvers[64], *zones[256];
	size_t ngeodb = 0, nreg = 0, nres = 0, nzones = 0;
	const char *chains = NULL, *baseline = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:qv", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(help, stdout);
			return EXIT_PASS;
		case 'o': outdir = optarg; break;
		case 'q': quiet = true; break;
		case 'v': verbose = true; break;
		case OPT_FORMAT: {
			want_json = want_md = want_evidence = false;
			char buf[256];
			snprintf(buf, sizeof(buf), "%s", optarg);
			char *save = NULL;
			for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
				if (strcmp(t, "json") == 0)
					want_json = true;
				else if (strcmp(t, "md") == 0)
					want_md = true;
				else if (strcmp(t, "evidence") == 0)
					want_evidence = true;
				else if (strcmp(t, "sarif") == 0)
					want_sarif = true;
				else if (strcmp(t, "csv") == 0)
					want_csv = true;
				else if (strcmp(t, "html") == 0)
					fprintf(stderr, "sovcheck: warning: format '%s' is not produced by "
					        "this version yet\n", t);
				else
					return cli_fail(EXIT_USAGE, "--format: unknown format '%s' "
					                "(json, md, html, sarif, csv, evidence)", t);
			}
			break;
		}
		case OPT_LANG:
			lang_given = true;
			if (strcmp(optarg, "fr") == 0)
				want_fr = true, want_en = false;
			else if (strcmp(optarg, "en") == 0)
				want_en = true, want_fr = false;
			else if (strcmp(optarg, "fr,en") == 0 || strcmp(optarg, "en,fr") == 0)
				want_en = want_fr = true;
			else
				return cli_fail(EXIT_USAGE, "--lang must be fr, en or fr,en");
			break;
		case OPT_PACK: pack_id = optarg; break;
		case OPT_DATE:
			if (!sc_date_parse(optarg, NULL, NULL, NULL))
				return cli_fail(EXIT_USAGE, "--date: '%s' is not a date YYYY-MM-DD", optarg);
			date = optarg;
			break;
		case OPT_OFFLINE: offline = true; break;
		case OPT_JOBS:
			if (!parse_posint(optarg, 4096, &jobs))
				return cli_fail(EXIT_USAGE, "--jobs: expected a number from 1 to 4096");
			break;
		case OPT_TIMEOUT:
			if (!parse_posint(optarg, 86400, &timeout))
				return cli_fail(EXIT_USAGE, "--timeout: expected seconds from 1 to 86400");
			break;
		case OPT_GEODB:
			if (ngeodb == 64)
				return cli_fail(EXIT_USAGE, "too many --geodb");
			geodbs[ngeodb++] = optarg;
			break;
		case OPT_REGISTRY:
			if (nreg == 64)
				return cli_fail(EXIT_USAGE, "too many --registry");
			registries[nreg++] = optarg;
			break;
		case OPT_RESOLVER:
			if (nres == 64)
				return cli_fail(EXIT_USAGE, "too many --resolver");
			resolvers[nres++] = optarg;
			break;
		case OPT_ZONE:
			if (nzones == 256)
				return cli_fail(EXIT_USAGE, "too many --zone");
			zones[nzones++] = optarg;
			break;
		case OPT_CHAINS: chains = optarg; break;
		case OPT_BASELINE: baseline = optarg; break;
		case OPT_NO_PROGRESS: no_progress = true; break;
		case ':':
			return cli_fail(EXIT_USAGE, "check: option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_fail(EXIT_USAGE, "check: unknown option '%s' (see 'sovcheck check --help')",
			                argv[optind - 1]);
		}
	}
	if (optind + 1 != argc) {
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	const char *path = argv[optind];
	char today[11];
	if (date == NULL) {
		cli_today(today);
		date = today;
	}
	(void)jobs;
	(void)timeout;

	int rc = EXIT_RUNTIME;
	sc_diags *diags = sc_diags_new();
	sc_manifest *m = NULL;
	sc_pack *pack = NULL;
	sc_result *res = NULL;
	sc_laws *laws = NULL;
	sc_geo *geo = NULL;
	sc_registry *reg = NULL;
	sc_evidence *ev = NULL;
	sc_graph *graph = NULL, *base_graph = NULL;
	sc_manifest *base_m = NULL;
	sc_evidence *base_ev = NULL;
	sc_err err;
	sc_err_clear(&err);
	if (diags == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");

	sc_status st = sc_manifest_load(path, diags, &m);
	if (st == SC_OK) {
		char pp[4096];
		if (!cli_pack_path(pack_id, pp, sizeof(pp))) {
			rc = cli_fail(EXIT_RUNTIME, "cannot find the policy data (set SOVCHECK_DATADIR)");
			goto out;
		}
		st = sc_pack_load(pp, NULL, diags, &pack);
	}
	sc_diags_sort(diags);
	cli_print_diags(diags);
	if (st != SC_OK) {
		rc = cli_exit_for(st);
		goto out;
	}
	/* Attribution data, then evidence, then the graph. */
	if ((rc = cli_load_registry(registries, nreg, &reg)) != EXIT_PASS ||
	    (rc = cli_load_laws(&laws)) != EXIT_PASS)
		goto out;
	rc = EXIT_RUNTIME;

	sc_eval_opts eo = {0};
	sc_date_parse(date, &eo.year, &eo.month, &eo.day);
	eo.offline = offline;
	eo.document = outdir != NULL && want_md;
	sc_collect_opts co;
	memset(&co, 0, sizeof(co));
	co.offline = offline;
	co.resolvers = resolvers;
	co.nresolvers = nres;
	co.zones = zones;
	co.nzones = nzones;
	co.chains_dir = chains;
	co.jobs = (unsigned)jobs;
	co.timeout_s = (unsigned)timeout;
	co.at = cli_epoch_of_date(eo.year, eo.month, eo.day);
	if (!no_progress && !quiet && isatty(STDERR_FILENO)) {
		co.progress = progress_line;
		co.progress_ctx = NULL;
	}
	/* Collection locates every address it observes: the databases are
	 * opened first (a missing default one is said below, only when there
	 * was something to locate). */
	if ((rc = cli_open_geo(geodbs, ngeodb, true, &geo)) != EXIT_PASS)
		goto out;
	rc = EXIT_RUNTIME;
	co.geo = geo;
	co.date = date;
	st = sc_collect(m, &co, &ev, &err);
	if (co.progress)
		fputs("\r\033[K", stderr);
	if (st != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	if (geo == NULL && sc_evidence_has_dns(ev) && !quiet)
		cli_warn_no_geo();
	st = sc_graph_build(m, ev, reg, &graph, &err);
	if (st != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	eo.graph = graph;
	if (baseline) {
		/* The earlier run, as recorded in its bundle (19.6.f). */
		char bdate[11];
		sc_diags *bd = sc_diags_new();
		st = bd ? sc_evidence_load_json(baseline, bd, &base_m, &base_ev, bdate, &err)
		        : SC_ERR_NOMEM;
		if (st != SC_OK && err.msg[0])
			cli_print_err(&err);
		cli_print_diags(bd);
		sc_diags_free(bd);
		if (st == SC_OK && (st = sc_graph_build(base_m, base_ev, reg, &base_graph,
		                                        &err)) != SC_OK)
			cli_print_err(&err);
		if (st != SC_OK) {
			rc = cli_exit_for(st);
			goto out;
		}
		eo.baseline = base_graph;
	}
	st = sc_eval(m, pack, &eo, &res, &err);
	if (st != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	for (size_t i = 0; geo && !quiet && i < sc_geo_db_count(geo); i++) {
		long age = sc_geo_db_age_days(geo, i, eo.year, eo.month, eo.day);
		char dd[11];
		sc_geo_db_data_date(geo, i, dd);
		if (age > SC_GEO_STALE_DAYS)
			fprintf(stderr, "sovcheck: warning: %s holds data of %s, %ld days old at %s: "
			        "locations may be out of date (rebuild it: geodb/build-default.sh)\n",
			        sc_geo_db_label(geo, i), dd, age, date);
	}
	if ((st = sc_assess(res, laws, &err)) != SC_OK ||
	    (st = sc_result_set_sources(res, reg, &err)) != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	/* The §5.3.d document in both languages unless --lang says otherwise. */
	cli_outputs outs = {outdir, want_json, want_md, want_evidence, want_en, want_fr,
	                    lang_given ? want_en : true, lang_given ? want_fr : true, want_sarif,
	                    want_csv, path};
	if ((rc = cli_write_outputs(&outs, res, ev)) != EXIT_PASS)
		goto out;
	rc = sc_result_exit_code(res);
	if (!quiet)
		cli_print_verdicts(res, m, pack, date, verbose, outdir);
out:
	sc_result_free(res);
	sc_laws_free(laws);
	sc_graph_free(graph);
	sc_graph_free(base_graph);
	sc_evidence_free(base_ev);
	sc_manifest_free(base_m);
	sc_evidence_free(ev);
	sc_registry_free(reg);
	sc_geo_close(geo);
	sc_pack_free(pack);
	sc_manifest_free(m);
	sc_diags_free(diags);
	return rc;
}
