/*
 * cmd-registry.c — `sovcheck registry lint | show | import-ccadb | check-ccadb`:
 * the entity registry's checks, and its CA index kept up to date from the
 * CCADB exports a user downloads (geodb/registry/README.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck registry lint [--registry FILE]... [-v]\n"
"       sovcheck registry show NAME_OR_ID... [--json] [--at YYYY-MM-DD]\n"
"                              [--registry FILE]...\n"
"       sovcheck registry import-ccadb [-o FILE] [--reviewed YYYY-MM-DD]\n"
"                                      [--skip-unknown] CSV...\n"
"       sovcheck registry check-ccadb [--min PERCENT] CSV...\n"
"\n"
"  lint          load the shipped registry (and --registry files), run every\n"
"                cross-entity check, report each problem file:line:col; exit 0\n"
"                when clean, 3 otherwise. Also says for how many CA owners and\n"
"                operators of the CA index who ultimately controls them is\n"
"                settled: a sourced parent chain ending in an entity whose\n"
"                control: (government, state-owned, listed, nonprofit,\n"
"                cooperative) or its holders: are named and sourced (private\n"
"                alone names nobody),\n"
"                and for how many tops of all parent chains how they are held\n"
"                is recorded; of those not settled, how many §19.6.c finds\n"
"                controlled from outside the EU27 all the same (their seat)\n"
"                and for how many it stays open; -v lists them, each marked\n"
"                [outside the EU27: CC] or [EU27 open]\n"
"  show          what the registry holds on an organisation, by its id, name,\n"
"                alias or former name (a name also without its legal form,\n"
"                when one entity alone answers: Capgemini is Capgemini SE):\n"
"                country, LEI, parents over time (--at:\n"
"                those in force on a date), the chain to the ultimate\n"
"                controller, how that controller is held and by whom (for a\n"
"                holder that is itself an entity, what stands behind it), the\n"
"                §19.6.c judgement of that controller against the EU27, what\n"
"                it controls, and every source with the fields it covers; exit 3\n"
"                when a name matches no entity. --json: one object per line\n"
"  import-ccadb  write the CA index (default geodb/registry/ca-index.yaml) from\n"
"                CCADB CSV exports: AllCertificateRecordsCSV or\n"
"                PublicAllIntermediateCertsCSV (CA owner and subordinate CA\n"
"                owner), the included and removed root reports, the Microsoft\n"
"                program report — download them from ccadb.org. Reports what\n"
"                changes against the index in place. CA owners are matched to\n"
"                registry entities by name, alias or former name; an owner no\n"
"                entity answers to is an error (add the spelling to its\n"
"                entity's aliases), or with --skip-unknown a warning and its\n"
"                certificates are left out\n"
"  check-ccadb   how the registry's CA index agrees with CCADB exports: each\n"
"                certificate's operator (subordinate CA owner, else CA owner)\n"
"                against the index entry found by its SHA-256 and by its\n"
"                subject + key; exit 1 when either is below --min (default 99)\n"
"\n"
"  --registry FILE  an extra registry file over the shipped one (lint, show)\n"
"  -o FILE          where import-ccadb writes (written atomically)\n"
"  --reviewed DATE  the review date recorded in the index (default today)\n";

static int
load(const char *const *extra, size_t n, bool lint, sc_registry **ret)
{
	if (lint)
		return cli_load_registry(extra, n, ret);
	/* import: entities are enough, a stale index must not stop it */
	char dir[4096];
	const char *dd = cli_datadir();
	snprintf(dir, sizeof(dir), "%s/geodb/registry", dd ? dd : ".");
	sc_diags *d = sc_diags_new();
	if (d == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	sc_status st = sc_registry_load_dir(dir, d, ret);
	for (size_t i = 0; st == SC_OK && i < n; i++)
		st = sc_registry_add_file(*ret, extra[i], d);
	sc_diags_sort(d);
	cli_print_diags(d);
	sc_diags_free(d);
	if (st != SC_OK) {
		sc_registry_free(*ret);
		*ret = NULL;
	}
	return st == SC_OK ? EXIT_PASS : cli_exit_for(st);
}

/* A multi-line report, each line made visible on its own. */
static void
print_lines(FILE *f, const char *text)
{
	char line[2048];
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		snprintf(line, sizeof(line), "%.*s", (int)(n < sizeof(line) ? n : sizeof(line) - 1), p);
		fprintf(f, "%s\n", cli_vis(line));
		p += n + (nl != NULL);
	}
}

/* Of the entities whose holding is not settled, those §19.6.c judges
 * controlled from outside the EU27 all the same (their seat, or a holder
 * recorded outside) and those whose judgement stays open: what is missing
 * only matters for the second. Nothing is said without the policy data. */
static void
print_open_in_eu27(const char *what, const sc_entity *const *e, size_t n, const sc_pack *pack)
{
	if (pack == NULL || n == 0)
		return;
	size_t outside = 0, open = 0;
	for (size_t i = 0; i < n; i++) {
		int in = sc_entity_controlled_from_set(e[i], pack, "EU27", NULL, NULL);
		outside += in == 0;
		open += in < 0;
	}
	printf("  of these %s, controlled from outside the EU27 whatever is missing (their seat, "
	       "or a holder recorded outside): %zu; §19.6.c against the EU27 left open: %zu\n",
	       what, outside, open);
}

/* The same for one entity, as a suffix of its -v line. */
static const char *
eu27_mark(const sc_entity *e, const sc_pack *pack)
{
	static char buf[64];
	if (pack == NULL)
		return "";
	const char *by = NULL, *by_cc = NULL;
	int in = sc_entity_controlled_from_set(e, pack, "EU27", &by, &by_cc);
	const sc_entity *u = sc_entity_ultimate(e);
	if (in == 0)
		snprintf(buf, sizeof(buf), " [outside the EU27: %s]",
		         by_cc ? by_cc : u && sc_entity_country(u) ? sc_entity_country(u) : "?");
	else if (in < 0)
		snprintf(buf, sizeof(buf), " [EU27 open]");
	else
		snprintf(buf, sizeof(buf), " [inside the EU27]");
	return buf;
}

static int
read_csvs(const char *const *csv, int n, sc_ccadb **rows)
{
	for (int i = 0; i < n; i++) {
		sc_err err;
		sc_err_clear(&err);
		size_t skipped = 0, before = sc_ccadb_count(*rows);
		sc_status st = sc_ccadb_read(rows, csv[i], &skipped, &err);
		if (st != SC_OK) {
			cli_print_err(&err);
			return cli_exit_for(st);
		}
		fprintf(stderr, "sovcheck: %s: %zu certificates", cli_vis(csv[i]),
		        sc_ccadb_count(*rows) - before);
		if (skipped)
			fprintf(stderr, " (%zu rows without a SHA-256 or an owner skipped)", skipped);
		fputs("\n", stderr);
	}
	return EXIT_PASS;
}

int
cmd_registry(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;
	const char *out = NULL, *reviewed = NULL;
	const char *extra[64], *args[256];
	size_t nextra = 0;
	int nargs = 0;
	bool skip_unknown = false;
	double min = 99.0;
	bool verbose = false, json = false;
	const char *at = NULL;
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
		} else if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) &&
		           i + 1 < argc) {
			out = argv[++i];
		} else if (strcmp(argv[i], "--reviewed") == 0 && i + 1 < argc) {
			reviewed = argv[++i];
			if (!sc_date_parse(reviewed, NULL, NULL, NULL))
				return cli_fail(EXIT_USAGE, "--reviewed: '%s' is not a date YYYY-MM-DD",
				                cli_vis(reviewed));
		} else if (strcmp(argv[i], "--registry") == 0 && i + 1 < argc) {
			if (nextra == 64)
				return cli_fail(EXIT_USAGE, "too many --registry files");
			extra[nextra++] = argv[++i];
		} else if (strcmp(argv[i], "-v") == 0 || strcmp(argv[i], "--verbose") == 0) {
			verbose = true;
		} else if (strcmp(argv[i], "--json") == 0) {
			json = true;
		} else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
			at = argv[++i];
		} else if (strcmp(argv[i], "--skip-unknown") == 0) {
			skip_unknown = true;
		} else if (strcmp(argv[i], "--min") == 0 && i + 1 < argc) {
			char *end = NULL;
			min = strtod(argv[++i], &end);
			if (end == argv[i] || *end != '\0' || min < 0 || min > 100)
				return cli_fail(EXIT_USAGE, "--min: a percentage from 0 to 100");
		} else if (argv[i][0] == '-') {
			return cli_fail(EXIT_USAGE, "registry: unknown option '%s'", cli_vis(argv[i]));
		} else if (nargs < 256) {
			args[nargs++] = argv[i];
		} else {
			return cli_fail(EXIT_USAGE, "registry: too many arguments");
		}
	}

	if (strcmp(sub, "show") == 0)
		return cmd_registry_show(args, nargs, extra, nextra, at, json);
	if (json || at)
		return cli_fail(EXIT_USAGE, "registry %s: --json and --at are options of registry "
		                "show", cli_vis(sub));
	sc_registry *reg = NULL;
	int rc;
	if (strcmp(sub, "lint") == 0) {
		if (nargs)
			return cli_fail(EXIT_USAGE, "registry lint takes no argument (--registry FILE)");
		if ((rc = load(extra, nextra, true, &reg)) != EXIT_PASS)
			return rc;
		char lo[11], hi[11];
		sc_registry_reviewed(reg, lo, hi);
		size_t nw = cli_warnings_printed();
		printf("registry: %zu entities, %zu CA certificates, sources reviewed %s to %s: "
		       "%s", sc_registry_count(reg), sc_registry_ca_count(reg), lo, hi,
		       nw ? "no error, " : "no problem\n");
		if (nw)
			printf("%zu warning%s (above)\n", nw, nw == 1 ? "" : "s");
		/* who ultimately controls each CA owner: settled when its parent
		 * chain ends in an entity whose control is stated and sourced (and,
		 * for a private company, its holders named) */
		sc_pack *pack = cli_default_pack_quiet();
		const sc_entity *un[512];
		size_t nun = 0, owners = sc_registry_ca_control(reg, un, 512, &nun);
		if (owners) {
			printf("CA owners and operators: %zu; ultimate controller settled (a sourced parent "
			       "chain ending in a sourced control: government, state-owned, listed, "
			       "nonprofit, cooperative; or its holders named): %zu; "
			       "not settled: %zu\n", owners,
			       owners - nun, nun);
			print_open_in_eu27("CA owners and operators", un, nun < 512 ? nun : 512, pack);
			if (nun && verbose) {
				for (size_t i = 0; i < nun && i < 512; i++) {
					const sc_entity *u = sc_entity_ultimate(un[i]);
					printf("  not settled: %s (%s)", sc_entity_id(un[i]),
					       cli_vis(sc_entity_name(un[i])));
					if (u && u != un[i])
						printf(" -> %s", sc_entity_id(u));
					printf("%s%s\n", u && sc_entity_control(u) ? ": private, holders not "
					       "named" : "", eu27_mark(un[i], pack));
				}
			}
		}
		/* the same for every chain of the registry: the parties at the tops
		 * and how many of them have their control stated — the rest are
		 * their own controllers only for want of anything above them, and
		 * reports say so */
		const sc_entity *bare[1024];
		size_t nbare = 0, ntops = sc_registry_tops_control(reg, bare, 1024, &nbare);
		printf("ultimate controllers (the tops of all parent chains): %zu; how they are held "
		       "recorded: %zu; holders not recorded: %zu\n", ntops, ntops - nbare, nbare);
		print_open_in_eu27("tops", bare, nbare < 1024 ? nbare : 1024, pack);
		if (nbare && verbose) {
			for (size_t q = 0; q < nbare && q < 1024; q++)
				printf("  holders not recorded: %s (%s)%s%s\n", sc_entity_id(bare[q]),
				       cli_vis(sc_entity_name(bare[q])), sc_entity_control(bare[q]) ?
				       ": private, holders not named" : "", eu27_mark(bare[q], pack));
		}
		sc_pack_free(pack);
		sc_registry_free(reg);
		return EXIT_PASS;
	}
	if (strcmp(sub, "import-ccadb") != 0 && strcmp(sub, "check-ccadb") != 0)
		return cli_fail(EXIT_USAGE, "registry: unknown subcommand '%s' (lint, import-ccadb, "
		                "check-ccadb)", cli_vis(sub));
	if (nargs == 0)
		return cli_fail(EXIT_USAGE, "registry %s: give one or more CCADB CSV exports", sub);
	bool import = strcmp(sub, "import-ccadb") == 0;
	if ((rc = load(extra, nextra, !import, &reg)) != EXIT_PASS)
		return rc;
	sc_ccadb *rows = NULL;
	if ((rc = read_csvs(args, nargs, &rows)) != EXIT_PASS)
		goto done;

	if (!import) {
		sc_ccadb_agreement a;
		char *report = NULL;
		if (sc_ccadb_compare(rows, reg, &a, &report, 20) != SC_OK) {
			rc = cli_fail(EXIT_RUNTIME, "out of memory");
			goto done;
		}
		print_lines(stdout, report);
		free(report);
		double p1 = a.rows ? 100.0 * (double)a.by_sha256 / (double)a.rows : 100.0;
		double p2 = a.with_spki ? 100.0 * (double)a.by_spki / (double)a.with_spki : 100.0;
		printf("certificates: %zu (%zu whose owner no entity answers to)\n"
		       "by SHA-256: %zu of %zu agree (%.2f %%)\n"
		       "by subject+key: %zu of %zu agree (%.2f %%)\n",
		       a.rows, a.unmapped, a.by_sha256, a.rows, p1, a.by_spki, a.with_spki, p2);
		rc = p1 + 1e-9 >= min && p2 + 1e-9 >= min ? EXIT_PASS : EXIT_FAIL;
		goto done;
	}

	char today[11];
	if (reviewed == NULL) {
		time_t t = time(NULL);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(today, sizeof(today), "%Y-%m-%d", &tm);
		reviewed = today;
	}
	char defout[4096];
	if (out == NULL) {
		const char *dd = cli_datadir();
		snprintf(defout, sizeof(defout), "%s/geodb/registry/ca-index.yaml", dd ? dd : ".");
		out = defout;
	}
	sc_ccadb_changeset ch;
	char *changes = NULL;
	if (sc_ccadb_changes(rows, reg, &ch, &changes, 10) != SC_OK) {
		rc = cli_fail(EXIT_RUNTIME, "out of memory");
		goto done;
	}
	char *text = NULL, **unknown = NULL;
	size_t nunknown = 0;
	sc_err err;
	sc_err_clear(&err);
	if (sc_ccadb_index_text(rows, reg, reviewed, &text, &unknown, &nunknown, &err) != SC_OK) {
		free(changes);
		rc = cli_fail(EXIT_RUNTIME, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < nunknown; i++)
		fprintf(stderr, "sovcheck: %s: CA owner \"%s\" is no entity of the registry (add it, "
		        "or this spelling to its entity's aliases)\n", skip_unknown ? "warning" : "error",
		        cli_vis(unknown[i]));
	if (nunknown && !skip_unknown) {
		fprintf(stderr, "sovcheck: %zu CA owner%s unknown: nothing written (--skip-unknown "
		        "writes the rest)\n", nunknown, nunknown == 1 ? "" : "s");
		rc = EXIT_INPUT;
	} else if (sc_write_atomic(out, text, strlen(text), &err) != SC_OK) {
		cli_print_err(&err);
		rc = EXIT_RUNTIME;
	} else {
		print_lines(stdout, changes);
		printf("%s: %zu added, %zu changed, %zu removed, %zu unchanged\n", cli_vis(out),
		       ch.added, ch.changed, ch.removed, ch.same);
		rc = EXIT_PASS;
	}
	for (size_t i = 0; i < nunknown; i++)
		free(unknown[i]);
	free(unknown);
	free(text);
	free(changes);
done:
	sc_ccadb_free(rows);
	sc_registry_free(reg);
	return rc;
}
