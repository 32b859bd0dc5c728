/*
 * cmd-diff.c — `sovcheck diff OLD_EVIDENCE NEW_EVIDENCE`: what changed
 * between two runs, from their evidence bundles, offline. Exit 1 when a new
 * non-EU dependency or a regression appears (sovcheck(1)): the nightly job's
 * alarm, with the one-month notice of §19.6.f.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck diff OLD_EVIDENCE NEW_EVIDENCE [--format text|json]\n"
"                     [--pack ID|FILE] [--registry FILE]...\n"
"                     [--cert CERT.pem] [--require-signature]\n"
"\n"
"Compares two evidence bundles (evidence.json of two 'check' runs), each\n"
"re-evaluated offline as 'sovcheck report' would, on what they mean, subject\n"
"by subject (docs/monitoring.md):\n"
"  - each endpoint, domain (name servers, mail) and subcontractor's hosts:\n"
"    its operators, ultimate controllers and their countries, the countries\n"
"    its addresses are located in, its CA owners, the data on its paths. A\n"
"    name answering with other addresses of the same operators and countries\n"
"    has not changed; a subject moving to an operator or a country already\n"
"    seen elsewhere in the service has;\n"
"  - the declarations: seat, every shareholder's direct and computed stakes,\n"
"    veto and board seats, links with public bodies, subcontractors and their\n"
"    relationships, support locations, administration, sites;\n"
"  - the residual-risk register, each risk by its id and level;\n"
"  - the requirements whose verdict changed.\n"
"Each change is classed: affects 19.6 (customers must be told within one\n"
"month, 19.6.f), affects 19.2 (where data is or is administered from),\n"
"or informational.\n"
"\n"
"A bundle that lies in a signed filing (SHA256SUMS.p7s beside it) is checked\n"
"against the signature first, as 'sovcheck report' does: one edited after it\n"
"was signed is refused (exit 3), naming the file.\n"
"  --cert FILE           the signer expected of both bundles (certificate or\n"
"                        public key)\n"
"  --require-signature   refuse a bundle that does not lie in a signed filing\n"
"\n"
"Exit status: 0 no change affecting 19.6 or 19.2 and no regression; 1 a\n"
"change affecting 19.6 or 19.2, or a requirement that got worse; 3 invalid,\n"
"modified or (as asked) unsigned bundle; 4 runtime error; 64 usage.\n";

int
cmd_diff(int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	const char *files[2], *registries[64], *pack_id = "secnumcloud-3.2";
	size_t nfiles = 0, nreg = 0;
	unsigned fmt = 1u;   /* text */
	cli_seal seal = {NULL, false};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(help, stdout);
			return EXIT_PASS;
		} else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
			if (cli_parse_list("--format", argv[++i], formats, &fmt) != 0)
				return EXIT_USAGE;
			if (fmt != 1u && fmt != 2u)
				return cli_fail(EXIT_USAGE, "--format: give one of text, json");
		} else if (strcmp(a, "--pack") == 0 && i + 1 < argc) {
			pack_id = argv[++i];
		} else if (strcmp(a, "--registry") == 0 && i + 1 < argc) {
			if (nreg == 64)
				return cli_fail(EXIT_USAGE, "too many --registry");
			registries[nreg++] = argv[++i];
		} else if (strcmp(a, "--cert") == 0 && i + 1 < argc) {
			seal.cert = argv[++i];
		} else if (strcmp(a, "--require-signature") == 0) {
			seal.require = true;
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_fail(EXIT_USAGE, "diff: unknown option or missing value '%s'", a);
		} else if (nfiles < 2) {
			files[nfiles++] = a;
		} else {
			return cli_fail(EXIT_USAGE, "diff: give exactly two evidence bundles");
		}
	}
	if (nfiles != 2) {
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	int rc;
	cli_inputs in = {0};
	cli_run a = {0}, b = {0};
	sc_diff *d = NULL;
	char *text = NULL;
	if ((rc = cli_load_inputs(pack_id, registries, nreg, &in)) != EXIT_PASS ||
	    (rc = cli_run_bundle(files[0], &in, NULL, false, &seal, &a)) != EXIT_PASS ||
	    (rc = cli_run_bundle(files[1], &in, NULL, false, &seal, &b)) != EXIT_PASS)
		goto out;
	sc_err err;
	sc_err_clear(&err);
	sc_status st = sc_diff_compute(a.f, b.f, &d, &err);
	if (st != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	text = fmt == 2u ? sc_diff_to_json(d) : sc_diff_to_text(d);
	if (text == NULL) {
		rc = cli_fail(EXIT_RUNTIME, "out of memory");
		goto out;
	}
	fputs(text, stdout);
	if (fmt == 2u)
		fputc('\n', stdout);
	rc = fflush(stdout) == 0 ? sc_diff_exit_code(d) : cli_fail(EXIT_RUNTIME, "cannot write");
out:
	free(text);
	sc_diff_free(d);
	cli_run_free(&a);
	cli_run_free(&b);
	cli_inputs_free(&in);
	return rc;
}
