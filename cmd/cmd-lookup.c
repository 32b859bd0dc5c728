/*
 * cmd-lookup.c — `sovcheck lookup IP_OR_HOST... [--json]`.
 * Placeholder until the geodb and registry modules land.
 */
#include "cli.h"

int
cmd_lookup(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail(EXIT_RUNTIME, "lookup is not available yet in this build");
}
