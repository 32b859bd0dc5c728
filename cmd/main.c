/*
 * main.c — the sovcheck command: global options and dispatch to the
 * commands (one file each, cmd-*.c).
 */
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"

static const char usage_text[] =
"Usage: sovcheck COMMAND [OPTIONS] [ARGS]\n"
"\n"
"Checks a cloud service against sovereignty and data-residency policies\n"
"(ANSSI SecNumCloud v3.2: §19.2 data location, §19.6 immunity from\n"
"non-European law, §10.6.a certificate authorities, §15.1 third parties)\n"
"from evidence: DNS, TLS certificate chains, IP geolocation and the entity\n"
"registry of who ultimately controls what.\n"
"\n"
"Commands:\n"
"  check MANIFEST        collect evidence, evaluate the policy pack, write the\n"
"                        findings (see 'sovcheck check --help')\n"
"  report EVIDENCE       re-evaluate a filing from its evidence.json, offline\n"
"  diff OLD NEW          what changed between two evidence bundles, subject by\n"
"                        subject, each change classed 19.6 / 19.2 / informational\n"
"                        (exit 1 on a change affecting 19.6 or 19.2, or a\n"
"                        regression)\n"
"  probe DOMAIN|URL...   a supplier's sovereignty profile from its names alone\n"
"                        (DNS, TLS, geolocation, the registry; outside-in pack)\n"
"  notice list|ack       the 19.6.f notices of a state directory (check --state):\n"
"                        what customers must be told of, by when; record it\n"
"  verify DIR|EVIDENCE   check a filing's files against SHA256SUMS and its\n"
"                        signature (written by 'check --sign')\n"
"  validate MANIFEST     report every schema error of a manifest, file:line:col\n"
"  lookup IP_OR_HOST...  where an address is, who operates it, who controls that\n"
"  policy list|show ID|lint PATH\n"
"                        list, show or check policy packs\n"
"  geodb build|info      build a geolocation database (MMDB) or describe one\n"
"  registry lint|show|import-ccadb|check-ccadb\n"
"                        check the entity registry; show who is behind an\n"
"                        organisation, with sources; refresh its CA index from\n"
"                        CCADB exports and measure its agreement with them\n"
"\n"
"Global options:\n"
"  -h, --help            show this help (or 'sovcheck COMMAND --help')\n"
"  -V, --version         print the version\n"
"\n"
"Exit status (every command that judges):\n"
"  0  every requirement passes (or is waived / not applicable)\n"
"  1  at least one requirement fails\n"
"  2  no failure, but evidence is missing for at least one (unknown)\n"
"  3  invalid input: manifest, pack, registry, laws, geodb or evidence file\n"
"  4  runtime error that stopped the run (I/O, out of memory)\n"
"  64 usage error\n"
"\n"
"See sovcheck(1) for the manifest format and examples.\n";

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
};

static const struct command commands[] = {
	{"check", cmd_check},
	{"report", cmd_report},
	{"diff", cmd_diff},
	{"notice", cmd_notice},
	{"probe", cmd_probe},
	{"verify", cmd_verify},
	{"validate", cmd_validate},
	{"lookup", cmd_lookup},
	{"policy", cmd_policy},
	{"geodb", cmd_geodb},
	{"registry", cmd_registry},
};

int
main(int argc, char **argv)
{
#ifdef __GLIBC__
	/* A fixed threshold for mapping large blocks: glibc otherwise raises
	 * it to the size of the largest block freed, so that the arrays a
	 * large run builds and frees (a manifest of 100,000 entries, a
	 * figure's edges, the sorted lists of the documents) come back from
	 * the heap, fragment it, and stay there after they are freed (at
	 * 100,000 endpoints: 12 MiB of the peak). Blocks of 128 KiB and
	 * more are mapped and given back as soon as they are freed. */
	(void)mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	const char *c = argv[1];
	if (strcmp(c, "-h") == 0 || strcmp(c, "--help") == 0 || strcmp(c, "help") == 0) {
		fputs(usage_text, stdout);
		return EXIT_PASS;
	}
	if (strcmp(c, "-V") == 0 || strcmp(c, "--version") == 0) {
		printf("sovcheck %s\n", sc_version());
		return EXIT_PASS;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(c, commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "sovcheck: error: unknown command '%s'\n", c);
	fputs("Run 'sovcheck --help' for the list of commands.\n", stderr);
	return EXIT_USAGE;
}
