/*
 * cmd-geodb.c — `sovcheck geodb build|info`.
 * Placeholder until the geodb module lands.
 */
#include "cli.h"

int
cmd_geodb(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail(EXIT_RUNTIME, "geodb is not available yet in this build");
}
