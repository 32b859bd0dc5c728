/*
 * cmd-report.c — `sovcheck report EVIDENCE`: re-evaluate and re-render a
 * filing from a saved evidence bundle, with no network (DESIGN §2, §3).
 * The bundle's integrity digest is checked first; it carries the manifest,
 * the DNS answers, the TLS chains and the geolocation recorded when it was
 * collected. The registry and the pack are the ones given (or shipped).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck report EVIDENCE [-o DIR] [--format LIST] [--lang fr|en|fr,en]\n"
"                       [--pack ID|FILE] [--registry FILE]... [--date YYYY-MM-DD]\n"
"\n"
"Re-evaluates a filing from the evidence.json that 'sovcheck check' wrote,\n"
"without any network access: the manifest, DNS answers, certificate chains\n"
"and geolocation are those recorded in the bundle. The bundle's SHA-256\n"
"integrity digest is checked first: a bundle modified after it was written\n"
"is refused (exit 3). With the same pack and registry, the findings are\n"
"byte-identical to the original run's.\n"
"\n"
"  -o, --output DIR      write the residual-risk documents, findings.json and\n"
"                        summary.md into DIR\n"
"      --format LIST     json, md, sarif, csv (default: json,md)\n"
"      --lang fr|en|fr,en  language of summary.md (default: en)\n"
"      --pack ID|FILE    policy pack (default: secnumcloud-3.2)\n"
"      --registry FILE   extra entity registry file (repeatable)\n"
"      --date YYYY-MM-DD evaluation date (default: the bundle's)\n"
"  -q, --quiet / -v, --verbose\n"
"\n"
"Exit status as for 'check': 0, 1, 2; 3 invalid or modified bundle; 4, 64.\n";

enum { OPT_FORMAT = 256, OPT_LANG, OPT_PACK, OPT_DATE, OPT_REGISTRY };

static const struct option longopts[] = {
	{"help", no_argument, NULL, 'h'},
	{"output", required_argument, NULL, 'o'},
	{"quiet", no_argument, NULL, 'q'},
	{"verbose", no_argument, NULL, 'v'},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"lang", required_argument, NULL, OPT_LANG},
	{"pack", required_argument, NULL, OPT_PACK},
	{"date", required_argument, NULL, OPT_DATE},
	{"registry", required_argument, NULL, OPT_REGISTRY},
	{NULL, 0, NULL, 0},
};

int
cmd_report(int argc, char **argv)
{
	cli_outputs outs = {NULL, true, true, false, true, false, true, true, false, false, NULL};
	const char *pack_id = "secnumcloud-3.2", *date = NULL, *registries[64];
	size_t nreg = 0;
	bool quiet = false, verbose = false;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:qv", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(help, stdout);
			return EXIT_PASS;
		case 'o': outs.dir = optarg; break;
		case 'q': quiet = true; break;
		case 'v': verbose = true; break;
		case OPT_FORMAT:
			outs.json = strstr(optarg, "json") != NULL;
			outs.md = strstr(optarg, "md") != NULL;
			outs.sarif = strstr(optarg, "sarif") != NULL;
			outs.csv = strstr(optarg, "csv") != NULL;
			if (!outs.json && !outs.md && !outs.sarif && !outs.csv)
				return cli_fail(EXIT_USAGE, "--format: report writes json, md, sarif, csv");
			break;
		case OPT_LANG:
			outs.en = outs.doc_en = strstr(optarg, "en") != NULL;
			outs.fr = outs.doc_fr = strstr(optarg, "fr") != NULL;
			if (!outs.en && !outs.fr)
				return cli_fail(EXIT_USAGE, "--lang must be fr, en or fr,en");
			break;
		case OPT_PACK: pack_id = optarg; break;
		case OPT_DATE:
			if (!sc_date_parse(optarg, NULL, NULL, NULL))
				return cli_fail(EXIT_USAGE, "--date: '%s' is not a date YYYY-MM-DD", optarg);
			date = optarg;
			break;
		case OPT_REGISTRY:
			if (nreg == 64)
				return cli_fail(EXIT_USAGE, "too many --registry");
			registries[nreg++] = optarg;
			break;
		case ':':
			return cli_fail(EXIT_USAGE, "report: option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_fail(EXIT_USAGE, "report: unknown option '%s' (see 'sovcheck report "
			                "--help')", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc) {
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	int rc = EXIT_RUNTIME;
	sc_diags *diags = sc_diags_new();
	sc_manifest *m = NULL;
	sc_evidence *ev = NULL;
	sc_pack *pack = NULL;
	sc_registry *reg = NULL;
	sc_graph *graph = NULL;
	sc_result *res = NULL;
	sc_laws *laws = NULL;
	sc_err err;
	sc_err_clear(&err);
	char bdate[11];
	if (diags == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	sc_status st = sc_evidence_load_json(argv[optind], diags, &m, &ev, bdate, &err);
	if (st == SC_OK) {
		char pp[4096];
		if (!cli_pack_path(pack_id, pp, sizeof(pp))) {
			rc = cli_fail(EXIT_RUNTIME, "cannot find the policy data (set SOVCHECK_DATADIR)");
			goto out;
		}
		st = sc_pack_load(pp, NULL, diags, &pack);
	} else if (err.msg[0]) {
		cli_print_err(&err);
	}
	sc_diags_sort(diags);
	cli_print_diags(diags);
	if (st != SC_OK) {
		rc = cli_exit_for(st);
		goto out;
	}
	if ((rc = cli_load_registry(registries, nreg, &reg)) != EXIT_PASS ||
	    (rc = cli_load_laws(&laws)) != EXIT_PASS)
		goto out;
	if (date == NULL)
		date = bdate;
	sc_eval_opts eo = {0};
	sc_date_parse(date, &eo.year, &eo.month, &eo.day);
	eo.offline = sc_evidence_offline(ev);
	eo.document = outs.dir != NULL && outs.md;
	/* No geodb: the graph replays the geolocation recorded in the bundle. */
	if ((st = sc_graph_build(m, ev, reg, &graph, &err)) != SC_OK ||
	    (eo.graph = graph, st = sc_eval(m, pack, &eo, &res, &err)) != SC_OK ||
	    (st = sc_assess(res, laws, &err)) != SC_OK ||
	    (st = sc_result_set_sources(res, reg, &err)) != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	outs.manifest = sc_manifest_path(m);
	if ((rc = cli_write_outputs(&outs, res, NULL)) != EXIT_PASS)
		goto out;
	rc = sc_result_exit_code(res);
	if (!quiet)
		cli_print_verdicts(res, m, pack, date, verbose, outs.dir);
out:
	sc_result_free(res);
	sc_laws_free(laws);
	sc_graph_free(graph);
	sc_registry_free(reg);
	sc_pack_free(pack);
	sc_evidence_free(ev);
	sc_manifest_free(m);
	sc_diags_free(diags);
	return rc;
}
