/*
 * cmd-policy.c — `sovcheck policy list | show ID | lint PATH...`.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck policy packs\n"
"       sovcheck policy list [--pack ID|FILE]\n"
"       sovcheck policy show ID [--pack ID|FILE] [--lang en|fr]\n"
"       sovcheck policy lint PATH...   (packs, or the laws catalogue laws.yaml)\n"
"\n"
"  packs  the packs shipped in the policies directory: id, version, how many\n"
"         requirements, whether scored (SEAL levels), title; several can be\n"
"         judged in one run: check --pack a,b\n"
"  list   the requirements of a pack (default: secnumcloud-3.2), with severity\n"
"  show   one requirement: its summary, the checks that judge it and their\n"
"         parameters (country sets expanded)\n"
"  lint   load packs and their country sets and report every error,\n"
"         file:line:col; exit 0 when all are valid, 3 otherwise\n";

static int
load(const char *id_or_path, sc_pack **ret)
{
	char path[4096];
	if (!cli_pack_path(id_or_path, path, sizeof(path)))
		return cli_fail(EXIT_RUNTIME, "cannot find the policy data directory "
		                "(set SOVCHECK_DATADIR)");
	sc_diags *d = sc_diags_new();
	if (d == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	sc_status st = sc_pack_load(path, NULL, d, ret);
	sc_diags_sort(d);
	cli_print_diags(d);
	sc_diags_free(d);
	return st == SC_OK ? EXIT_PASS : cli_exit_for(st);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The packs of the policies directory, in name order (the country sets
 * and the laws catalogue are not packs). */
static int
list_packs(void)
{
	const char *dd = cli_datadir();
	char dir[4096];
	if (dd == NULL || snprintf(dir, sizeof(dir), "%s/policies", dd) >= (int)sizeof(dir))
		return cli_fail(EXIT_RUNTIME, "cannot find the policy data directory "
		                "(set SOVCHECK_DATADIR)");
	DIR *dp = opendir(dir);
	if (dp == NULL)
		return cli_fail(EXIT_RUNTIME, "cannot read %s", dir);
	char *names[128];
	size_t n = 0;
	for (struct dirent *de; (de = readdir(dp)) != NULL && n < 128;) {
		size_t len = strlen(de->d_name);
		if (len < 6 || strcmp(de->d_name + len - 5, ".yaml") != 0 ||
		    strcmp(de->d_name, "country-sets.yaml") == 0 || strcmp(de->d_name, "laws.yaml") == 0)
			continue;
		if ((names[n] = strdup(de->d_name)) != NULL)
			n++;
	}
	closedir(dp);
	qsort(names, n, sizeof(names[0]), name_cmp);
	int rc = EXIT_PASS;
	for (size_t i = 0; i < n; i++) {
		char path[8192];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		sc_pack *p = NULL;
		int r = load(path, &p);
		if (r == EXIT_PASS)
			printf("%-22s %-20s %2zu requirements%s  %s\n", sc_pack_id(p), sc_pack_version(p),
			       sc_pack_count(p), sc_pack_scored(p) ? ", scored" : "        ",
			       sc_pack_title(p));
		else if (r > rc)
			rc = r;
		sc_pack_free(p);
		free(names[i]);
	}
	return rc;
}

int
cmd_policy(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;
	const char *pack_id = "secnumcloud-3.2", *lang = "en";
	const char *args[256];
	int nargs = 0;
	if (sub == NULL) {
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0) {
		fputs(help, stdout);
		return EXIT_PASS;
	}
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(help, stdout);
			return EXIT_PASS;
		} else if (strcmp(argv[i], "--pack") == 0 && i + 1 < argc) {
			pack_id = argv[++i];
		} else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
			lang = argv[++i];
			if (strcmp(lang, "en") != 0 && strcmp(lang, "fr") != 0)
				return cli_fail(EXIT_USAGE, "--lang must be en or fr");
		} else if (argv[i][0] == '-') {
			return cli_fail(EXIT_USAGE, "policy: unknown option '%s'", argv[i]);
		} else if (nargs < 256) {
			args[nargs++] = argv[i];
		} else {
			return cli_fail(EXIT_USAGE, "policy: too many arguments");
		}
	}

	if (strcmp(sub, "packs") == 0)
		return list_packs();
	if (strcmp(sub, "lint") == 0) {
		if (nargs == 0)
			return cli_fail(EXIT_USAGE, "policy lint: give one or more pack files");
		int rc = EXIT_PASS;
		for (int i = 0; i < nargs; i++) {
			/* The laws catalogue is linted with the packs it serves. */
			if (strstr(args[i], "laws") != NULL) {
				sc_diags *d = sc_diags_new();
				sc_laws *l = NULL;
				sc_status st = d ? sc_laws_load(args[i], d, &l) : SC_ERR_NOMEM;
				sc_diags_sort(d);
				cli_print_diags(d);
				sc_diags_free(d);
				if (st == SC_OK)
					printf("%s: valid: laws catalogue, %zu laws\n", args[i], sc_laws_count(l));
				else if (cli_exit_for(st) > rc)
					rc = cli_exit_for(st);
				sc_laws_free(l);
				continue;
			}
			sc_pack *p = NULL;
			int r = load(args[i], &p);
			if (r == EXIT_PASS)
				printf("%s: valid: pack '%s' version %s, %zu requirements\n", args[i],
				       sc_pack_id(p), sc_pack_version(p), sc_pack_count(p));
			else if (r > rc)
				rc = r;
			sc_pack_free(p);
		}
		return rc;
	}

	sc_pack *p = NULL;
	int rc = load(pack_id, &p);
	if (rc != EXIT_PASS)
		return rc;
	if (strcmp(sub, "list") == 0 && nargs == 0) {
		printf("%s (version %s): %s\n", sc_pack_id(p), sc_pack_version(p), sc_pack_title(p));
		for (size_t i = 0; i < sc_pack_count(p); i++) {
			const sc_requirement *r = sc_pack_get(p, i);
			printf("  %-7s %-8s %s\n", sc_requirement_id(r), sc_requirement_severity(r),
			       sc_requirement_title(r, lang));
		}
	} else if (strcmp(sub, "show") == 0 && nargs == 1) {
		const sc_requirement *r = sc_pack_find(p, args[0]);
		if (r == NULL) {
			rc = cli_fail(EXIT_USAGE, "pack '%s' has no requirement '%s' "
			              "(see 'sovcheck policy list')", sc_pack_id(p), args[0]);
		} else {
			printf("%s — %s\n", sc_requirement_id(r), sc_requirement_title(r, lang));
			printf("pack: %s %s\nseverity: %s\n", sc_pack_id(p), sc_pack_version(p),
			       sc_requirement_severity(r));
			printf("\n%s\n\nchecks:\n", sc_requirement_summary(r, lang));
			char *params = sc_requirement_params_text(r);
			if (params == NULL)
				return cli_fail(EXIT_RUNTIME, "out of memory");
			fputs(params, stdout);
			free(params);
		}
	} else {
		rc = cli_fail(EXIT_USAGE, "policy: expected 'list', 'show ID' or 'lint PATH...'");
	}
	sc_pack_free(p);
	return rc;
}
