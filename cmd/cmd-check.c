#include "cli.h"
int
cmd_check(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail(EXIT_RUNTIME, "check is not available yet in this build");
}
