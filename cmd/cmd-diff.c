/*
 * cmd-diff.c — `sovcheck diff OLD_EVIDENCE NEW_EVIDENCE`: what changed
 * between two runs, from their evidence bundles, offline. Exit 1 when a new
 * non-EU dependency or a regression appears (DESIGN §3): the nightly job's
 * alarm, with the one-month notice of §19.6.f.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck diff OLD_EVIDENCE NEW_EVIDENCE [--format text|json]\n"
"                     [--pack ID|FILE] [--registry FILE]...\n"
"\n"
"Compares two evidence bundles (evidence.json of two 'check' runs), each\n"
"re-evaluated offline as 'sovcheck report' would: operators that appeared or\n"
"disappeared (with their ultimate controller's country), addresses that\n"
"moved, addresses newly located outside the EU on a path carrying data, and\n"
"requirements whose verdict changed.\n"
"\n"
"Exit status: 0 no new non-EU dependency and no regression; 1 a new non-EU\n"
"dependency (controlled or located outside the EU) or a requirement that got\n"
"worse; 3 invalid or modified bundle; 4 runtime error; 64 usage.\n";

struct run {
	sc_manifest *m;
	sc_evidence *ev;
	sc_graph *g;
	sc_result *r;
};

static void
run_free(struct run *x)
{
	sc_result_free(x->r);
	sc_graph_free(x->g);
	sc_evidence_free(x->ev);
	sc_manifest_free(x->m);
}

static int
load_run(const char *path, const sc_pack *pack, const sc_registry *reg, struct run *x)
{
	sc_diags *d = sc_diags_new();
	sc_err err;
	sc_err_clear(&err);
	char date[11];
	if (d == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	sc_status st = sc_evidence_load_json(path, d, &x->m, &x->ev, date, &err);
	sc_diags_sort(d);
	if (st != SC_OK && err.msg[0])
		cli_print_err(&err);
	cli_print_diags(d);
	sc_diags_free(d);
	if (st != SC_OK)
		return cli_exit_for(st);
	sc_eval_opts eo = {0};
	sc_date_parse(date, &eo.year, &eo.month, &eo.day);
	eo.offline = sc_evidence_offline(x->ev);
	if ((st = sc_graph_build(x->m, x->ev, reg, &x->g, &err)) != SC_OK ||
	    (eo.graph = x->g, st = sc_eval(x->m, pack, &eo, &x->r, &err)) != SC_OK) {
		cli_print_err(&err);
		return cli_exit_for(st);
	}
	return EXIT_PASS;
}

int
cmd_diff(int argc, char **argv)
{
	const char *files[2], *registries[64], *pack_id = "secnumcloud-3.2";
	size_t nfiles = 0, nreg = 0;
	bool json = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(help, stdout);
			return EXIT_PASS;
		} else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
			const char *f = argv[++i];
			if (strcmp(f, "json") != 0 && strcmp(f, "text") != 0)
				return cli_fail(EXIT_USAGE, "--format must be text or json");
			json = strcmp(f, "json") == 0;
		} else if (strcmp(a, "--pack") == 0 && i + 1 < argc) {
			pack_id = argv[++i];
		} else if (strcmp(a, "--registry") == 0 && i + 1 < argc) {
			if (nreg == 64)
				return cli_fail(EXIT_USAGE, "too many --registry");
			registries[nreg++] = argv[++i];
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
	char pp[4096];
	sc_pack *pack = NULL;
	sc_registry *reg = NULL;
	struct run a = {0}, b = {0};
	sc_diff *d = NULL;
	if (!cli_pack_path(pack_id, pp, sizeof(pp)))
		return cli_fail(EXIT_RUNTIME, "cannot find the policy data (set SOVCHECK_DATADIR)");
	sc_diags *dg = sc_diags_new();
	sc_status st = dg ? sc_pack_load(pp, NULL, dg, &pack) : SC_ERR_NOMEM;
	cli_print_diags(dg);
	sc_diags_free(dg);
	if (st != SC_OK) {
		rc = cli_exit_for(st);
		goto out;
	}
	if ((rc = cli_load_registry(registries, nreg, &reg)) != EXIT_PASS ||
	    (rc = load_run(files[0], pack, reg, &a)) != EXIT_PASS ||
	    (rc = load_run(files[1], pack, reg, &b)) != EXIT_PASS)
		goto out;
	sc_err err;
	sc_err_clear(&err);
	if ((st = sc_diff_compute(a.r, b.r, pack, &d, &err)) != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	if (json) {
		char *s = sc_diff_to_json(d);
		if (s == NULL) {
			rc = cli_fail(EXIT_RUNTIME, "out of memory");
			goto out;
		}
		puts(s);
		free(s);
	} else {
		sc_diff_write_text(d, stdout);
	}
	rc = fflush(stdout) == 0 ? sc_diff_exit_code(d) : cli_fail(EXIT_RUNTIME, "cannot write");
out:
	sc_diff_free(d);
	run_free(&a);
	run_free(&b);
	sc_registry_free(reg);
	sc_pack_free(pack);
	return rc;
}
