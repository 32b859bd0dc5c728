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
"  -o, --output DIR      write findings.json and summary.md into DIR\n"
"                        (created if missing; files are replaced atomically)\n"
"      --format LIST     comma-separated: json, md (default: json,md)\n"
"      --lang fr|en|fr,en  language of the documents (default: fr,en)\n"
"  -q, --quiet           print nothing on success but the exit status\n"
"  -v, --verbose         print every finding, not only the verdict table\n"
"      --no-progress     no progress line on stderr\n"
"\n"
"Evaluation:\n"
"      --pack ID|FILE    policy pack (default: secnumcloud-3.2)\n"
"      --date YYYY-MM-DD evaluation date (default: today, UTC); pin it for\n"
"                        reproducible, byte-identical outputs\n"
"      --offline         do not collect: use only declarations and offline sources\n"
"\n"
"Collection (see sovcheck(1)):\n"
"      --geodb FILE, --registry FILE, --resolver ADDR[:PORT], --zone FILE,\n"
"      --chains DIR, --baseline EVIDENCE, --jobs N, --timeout SEC\n"
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

static int
ensure_dir(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : -1;
	return mkdir(dir, 0755);
}

int
cmd_check(int argc, char **argv)
{
	const char *outdir = NULL, *pack_id = "secnumcloud-3.2", *date = NULL;
	bool quiet = false, verbose = false, offline = false, want_json = true, want_md = true;
	long jobs = 0, timeout = 0;
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
			want_json = want_md = false;
			char buf[256];
			snprintf(buf, sizeof(buf), "%s", optarg);
			char *save = NULL;
			for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
				if (strcmp(t, "json") == 0)
					want_json = true;
				else if (strcmp(t, "md") == 0)
					want_md = true;
				else if (strcmp(t, "html") == 0 || strcmp(t, "sarif") == 0 ||
				         strcmp(t, "csv") == 0 || strcmp(t, "evidence") == 0)
					fprintf(stderr, "sovcheck: warning: format '%s' is not produced by "
					        "this version yet\n", t);
				else
					return cli_fail(EXIT_USAGE, "--format: unknown format '%s' "
					                "(json, md, html, sarif, csv, evidence)", t);
			}
			break;
		}
		case OPT_LANG:
			if (strcmp(optarg, "fr") && strcmp(optarg, "en") && strcmp(optarg, "fr,en") &&
			    strcmp(optarg, "en,fr"))
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
		case OPT_REGISTRY:
		case OPT_RESOLVER:
		case OPT_ZONE:
		case OPT_CHAINS:
		case OPT_BASELINE:
		case OPT_NO_PROGRESS:
			break;
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
	if (!offline && !quiet)
		fprintf(stderr, "sovcheck: note: live collection is not part of this build yet; "
		        "checks that need DNS/TLS evidence will be unknown\n");

	sc_eval_opts eo = {0};
	sc_date_parse(date, &eo.year, &eo.month, &eo.day);
	eo.offline = true;
	st = sc_eval(m, pack, &eo, &res, &err);
	if (st != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	if (outdir) {
		char fp[4096];
		if (ensure_dir(outdir) != 0) {
			rc = cli_fail(EXIT_RUNTIME, "cannot create output directory '%s'", outdir);
			goto out;
		}
		if (want_json) {
			snprintf(fp, sizeof(fp), "%s/findings.json", outdir);
			if ((st = sc_report_write_json(res, fp, &err)) != SC_OK) {
				cli_print_err(&err);
				rc = EXIT_RUNTIME;
				goto out;
			}
		}
		if (want_md) {
			snprintf(fp, sizeof(fp), "%s/summary.md", outdir);
			if ((st = sc_report_write_summary_md(res, fp, &err)) != SC_OK) {
				cli_print_err(&err);
				rc = EXIT_RUNTIME;
				goto out;
			}
		}
	}
	rc = sc_result_exit_code(res);
	if (!quiet) {
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
out:
	sc_result_free(res);
	sc_pack_free(pack);
	sc_manifest_free(m);
	sc_diags_free(diags);
	return rc;
}
