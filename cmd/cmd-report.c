/*
 * cmd-report.c — `sovcheck report EVIDENCE`: re-evaluate and re-render a
 * filing from a saved evidence bundle, with no network (docs/architecture.md; sovcheck(1)).
 * The signature of the filing it lies in, if any, and the bundle's
 * integrity digest are checked first; it carries the manifest,
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
"                       [--cert CERT.pem] [--require-signature]\n"
"\n"
"Re-evaluates a filing from the evidence.json that 'sovcheck check' wrote,\n"
"without any network access: the manifest, DNS answers, certificate chains\n"
"and geolocation are those recorded in the bundle. The bundle's SHA-256\n"
"integrity digest is checked first: a bundle modified after it was written\n"
"is refused (exit 3). With the same pack and registry, the findings are\n"
"byte-identical to the original run's.\n"
"\n"
"When the bundle lies in a signed filing (SHA256SUMS.p7s beside it, written\n"
"by 'check --sign'), the signature is checked before anything else, and the\n"
"bundle must have the SHA-256 the signed SHA256SUMS lists: a bundle edited\n"
"after it was signed is refused (exit 3) even with its integrity digest\n"
"recomputed.\n"
"\n"
"  -o, --output DIR      write the residual-risk documents, findings.json and\n"
"                        summary.md into DIR\n"
"      --format LIST     json, md, html, sarif, oscal, csv (default:\n"
"                        json,md,html)\n"
"      --lang fr|en|fr,en  language of summary.md (default: en)\n"
"      --pack ID|FILE[,ID|FILE...]  policy pack (default: secnumcloud-3.2);\n"
"                        several, comma-separated, are judged together from\n"
"                        the same evidence (e.g. secnumcloud-3.2,eu-csf-1.2.1:\n"
"                        the EU Cloud Sovereignty Framework's SEAL levels)\n"
"      --registry FILE   extra entity registry file (repeatable)\n"
"      --date YYYY-MM-DD evaluation date (default: the bundle's)\n"
"      --cert FILE       the signer expected (certificate, PEM or DER, or public\n"
"                        key, PEM): a bundle not signed by it is refused\n"
"      --require-signature  refuse a bundle that does not lie in a signed filing\n"
"  -q, --quiet / -v, --verbose\n"
"\n"
"Exit status as for 'check': 0, 1, 2; 3 invalid, modified or (as asked)\n"
"unsigned bundle; 4, 64.\n";

enum { OPT_FORMAT = 256, OPT_LANG, OPT_PACK, OPT_DATE, OPT_REGISTRY, OPT_CERT, OPT_REQUIRE_SIG };

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
	{"cert", required_argument, NULL, OPT_CERT},
	{"require-signature", no_argument, NULL, OPT_REQUIRE_SIG},
	{NULL, 0, NULL, 0},
};

int
cmd_report(int argc, char **argv)
{
	const char *outdir = NULL, *pack_id = "secnumcloud-3.2", *date = NULL, *registries[64];
	size_t nreg = 0;
	bool quiet = false, verbose = false;
	cli_seal seal = {NULL, false};
	sc_render_opts ro;
	cli_render_defaults(&ro, 1u << SC_FORMAT_JSON | 1u << SC_FORMAT_MD | 1u << SC_FORMAT_HTML);
	/* The bundle is the input here: report writes no other one. */
	const unsigned allowed = 1u << SC_FORMAT_JSON | 1u << SC_FORMAT_MD | 1u << SC_FORMAT_SARIF |
	                         1u << SC_FORMAT_CSV | 1u << SC_FORMAT_HTML | 1u << SC_FORMAT_OSCAL;
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
		case OPT_FORMAT:
			if (cli_parse_formats(optarg, allowed, &ro.formats) != 0)
				return EXIT_USAGE;
			break;
		case OPT_LANG:
			if (cli_parse_langs(optarg, &ro) != 0)
				return EXIT_USAGE;
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
		case OPT_CERT: seal.cert = optarg; break;
		case OPT_REQUIRE_SIG: seal.require = true; break;
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
	int rc;
	cli_inputs in = {0};
	cli_run run = {0};
	sc_err err;
	sc_err_clear(&err);
	bool document = outdir != NULL && (ro.formats & (1u << SC_FORMAT_MD | 1u << SC_FORMAT_HTML));
	/* The bundle first (a bad bundle is the user's first problem), then
	 * what it is judged against. */
	if ((rc = cli_load_inputs(pack_id, registries, nreg, &in)) != EXIT_PASS ||
	    (rc = cli_run_bundle(argv[optind], &in, date, document, &seal, &run)) != EXIT_PASS)
		goto out;
	sc_status st;
	if (outdir && (st = sc_filing_write(run.f, outdir, &ro, &err)) != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	rc = sc_filing_exit_code(run.f);
	if (!quiet)
		cli_print_verdicts(run.f, verbose, outdir);
out:
	cli_run_free(&run);
	cli_inputs_free(&in);
	return rc;
}
