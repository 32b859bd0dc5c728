#include "cli.h"
int
cmd_validate(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail(EXIT_RUNTIME, "validate is not available yet in this build");
}
