#include "cli.h"
int
cmd_policy(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail(EXIT_RUNTIME, "policy is not available yet in this build");
}
