/*
 * cmd-validate.c — `sovcheck validate MANIFEST`: every schema error of a
 * manifest at file:line:col, exit 3; a one-line summary and exit 0 when valid.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck validate MANIFEST\n"
"\n"
"Checks a service manifest (schema version 1) without collecting anything.\n"
"Every error of the file is reported, each as\n"
"  sovcheck: FILE:LINE:COL: error: [RULE] message\n"
"Unknown keys come with a 'did you mean'; country codes must be ISO 3166-1\n"
"alpha-2 ('GR', not 'EL'); percentages are numbers from 0 to 100; dates are\n"
"YYYY-MM-DD. YAML anchors and aliases are refused.\n"
"\n"
"A valid manifest is then read against the entity registry: a subcontractor\n"
"seated in the EU27 that declares no parent_country, and that the registry\n"
"does not know or knows without settling its control (how it is held not\n"
"recorded), gets a warning (rule 'control'): who controls it is unknown,\n"
"and check will judge what turns on it unknown. A company with no parent\n"
"names itself as parent. One declared in the EU27 that the registry records\n"
"as controlled from outside gets one too: check takes the worse of the two.\n"
"Warnings do not change the exit status.\n"
"\n"
"Exit status: 0 valid, 3 invalid, 4 unreadable, 64 usage error.\n";

int
cmd_validate(int argc, char **argv)
{
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(help, stdout);
			return EXIT_PASS;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_fail(EXIT_USAGE, "validate: unknown option '%s'", argv[i]);
		if (path != NULL)
			return cli_fail(EXIT_USAGE, "validate: one manifest at a time");
		path = argv[i];
	}
	if (path == NULL) {
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	sc_diags *diags = sc_diags_new();
	if (diags == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	sc_manifest *m = NULL;
	sc_status st = sc_manifest_load(path, diags, &m);
	sc_diags_sort(diags);
	cli_print_diags(diags);
	int rc;
	if (st == SC_OK) {
		/* against the registry and the EU27, when both can be had */
		size_t nw = 0;
		sc_registry *reg = NULL;
		sc_pack *pack = cli_default_pack_quiet();
		if (pack && cli_load_registry(NULL, 0, &reg) == EXIT_PASS) {
			sc_diags *w = sc_diags_new();
			if (w) {
				nw = sc_control_warnings(m, reg, pack, w);
				sc_diags_sort(w);
				cli_print_diags(w);
				sc_diags_free(w);
			}
		}
		sc_registry_free(reg);
		sc_pack_free(pack);
		printf("%s: valid: service '%s', provider '%s', %zu endpoints, %zu domains, "
		       "%zu subcontractors, %zu shareholders", path,
		       sc_manifest_service_name(m), sc_manifest_provider_name(m),
		       sc_manifest_endpoint_count(m), sc_manifest_domain_count(m),
		       sc_manifest_subcontractor_count(m), sc_manifest_shareholder_count(m));
		if (nw)
			printf("; %zu warning%s (above)", nw, nw == 1 ? "" : "s");
		putchar('\n');
		rc = EXIT_PASS;
	} else {
		size_t n = sc_diags_errors(diags);
		if (st == SC_ERR_IO || st == SC_ERR_NOMEM)
			rc = EXIT_RUNTIME;
		else
			rc = EXIT_INPUT;
		if (rc == EXIT_INPUT)
			fprintf(stderr, "sovcheck: %s: %zu error%s\n", path, n, n == 1 ? "" : "s");
	}
	sc_manifest_free(m);
	sc_diags_free(diags);
	return rc;
}
