/*
 * cmd-notice.c — `sovcheck notice list|ack`: the §19.6.f notice ledger of
 * a state directory (check --state DIR): what customers must be told of,
 * by when, and recording that they were (sovcheck(1), docs/monitoring.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck notice list --state DIR [--all] [--date YYYY-MM-DD]\n"
"                            [--format text|json]\n"
"       sovcheck notice ack ID --by NAME --state DIR [--date YYYY-MM-DD]\n"
"\n"
"The notices of 19.6.f kept in DIR/notices.json by 'sovcheck check --state\n"
"DIR': each change affecting 19.6 opens one, with the date it was first\n"
"observed and its deadline one month later. A notice stays open until the\n"
"customers were told — record it with 'ack' — or until a later run finds\n"
"the change reverted. Open notices fail 19.6.f; past their deadline they\n"
"are overdue. The latest run's directory (DIR/latest) holds a draft of the\n"
"letter to customers for each open notice, notice-<id>.<lang>.md.\n"
"\n"
"  list                  the open notices (--all: closed ones too), oldest\n"
"                        first, with their deadlines\n"
"  ack ID                customers were told of notice ID: close it\n"
"  --by NAME             who informed them (recorded in the ledger)\n"
"  --state DIR           the state directory of the scheduled runs\n"
"  --date YYYY-MM-DD     the date of the acknowledgement, or the date open\n"
"                        notices are judged overdue at (default: today, UTC)\n"
"  --format text|json    list as text (default) or as the ledger's JSON\n"
"\n"
"Exit status: list — 0 no open notice, 1 at least one overdue, 2 open\n"
"notices within their deadline; ack — 0 done; 3 the ledger is not valid;\n"
"4 runtime error (another run holds the state directory); 64 usage\n"
"(unknown notice, one already closed).\n"
"\n"
"Example:\n"
"  sovcheck notice list --state /var/lib/sovcheck/shop\n"
"  sovcheck notice ack N-20261122-3fa2c1 --by \"J. Martin, DPO\" \\\n"
"      --state /var/lib/sovcheck/shop\n";

int
cmd_notice(int argc, char **argv)
{
	const char *sub = NULL, *id = NULL, *by = NULL, *state_dir = NULL, *date = NULL;
	bool all = false, json = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(help, stdout);
			return EXIT_PASS;
		} else if (strcmp(a, "--state") == 0 && i + 1 < argc) {
			state_dir = argv[++i];
		} else if (strcmp(a, "--by") == 0 && i + 1 < argc) {
			by = argv[++i];
		} else if (strcmp(a, "--date") == 0 && i + 1 < argc) {
			date = argv[++i];
			if (!sc_date_parse(date, NULL, NULL, NULL))
				return cli_fail(EXIT_USAGE, "--date: '%s' is not a date YYYY-MM-DD", date);
		} else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
			const char *f = argv[++i];
			if (strcmp(f, "json") != 0 && strcmp(f, "text") != 0)
				return cli_fail(EXIT_USAGE, "--format: give text or json");
			json = strcmp(f, "json") == 0;
		} else if (strcmp(a, "--all") == 0) {
			all = true;
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_fail(EXIT_USAGE, "notice: unknown option or missing value '%s'", a);
		} else if (sub == NULL) {
			sub = a;
		} else if (id == NULL && strcmp(sub, "ack") == 0) {
			id = a;
		} else {
			return cli_fail(EXIT_USAGE, "notice: unexpected argument '%s'", a);
		}
	}
	if (sub == NULL || (strcmp(sub, "list") != 0 && strcmp(sub, "ack") != 0)) {
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	if (state_dir == NULL)
		return cli_fail(EXIT_USAGE, "notice %s: give --state DIR", sub);
	bool ack = strcmp(sub, "ack") == 0;
	if (ack && (id == NULL || by == NULL))
		return cli_fail(EXIT_USAGE, "notice ack: give the notice's ID and --by NAME");
	char today[11];
	if (date == NULL) {
		cli_today(today);
		date = today;
	}
	sc_err err;
	sc_err_clear(&err);
	sc_state *s = NULL;
	sc_status st = sc_state_open(state_dir, &s, &err);
	if (st != SC_OK) {
		cli_print_err(&err);
		return cli_exit_for(st);
	}
	sc_ledger *ld = sc_state_ledger(s);
	int rc = EXIT_PASS;
	if (ack) {
		st = sc_ledger_ack(ld, id, by, date, &err);
		if (st == SC_OK)
			st = sc_state_save_ledger(s, &err);
		if (st != SC_OK) {
			cli_print_err(&err);
			rc = st == SC_ERR_NOTFOUND || st == SC_ERR_INVALID ? EXIT_USAGE : cli_exit_for(st);
		} else {
			printf("notice %s acknowledged on %s by %s\n", cli_vis(id), date, cli_vis(by));
		}
		sc_state_close(s);
		return rc;
	}
	size_t open = 0, overdue = 0, shown = 0;
	sc_notice_view v;
	for (size_t i = 0; sc_ledger_notice(ld, i, date, &v); i++) {
		bool isopen = strcmp(v.status, "open") == 0;
		open += isopen;
		overdue += v.overdue;
	}
	if (json) {
		char *t = sc_ledger_to_json(ld);
		if (t == NULL) {
			sc_state_close(s);
			return cli_fail(EXIT_RUNTIME, "out of memory");
		}
		puts(t);
		free(t);
	} else {
		for (size_t i = 0; sc_ledger_notice(ld, i, date, &v); i++) {
			bool isopen = strcmp(v.status, "open") == 0;
			if (!isopen && !all)
				continue;
			shown++;
			printf("%s  %-12s %s  first seen %s, inform customers by %s", v.id,
			       v.overdue ? "OVERDUE" : v.status, v.criterion, v.first_seen, v.deadline);
			if (!isopen)
				printf(", %s on %s%s%s", v.status, v.closed_on, v.acked_by ? " by " : "",
				       v.acked_by ? cli_vis(v.acked_by) : "");
			printf("\n    %s\n", cli_vis(v.text));
		}
		printf("%zu open notice%s, %zu overdue (at %s)%s\n", open, open == 1 ? "" : "s", overdue,
		       date, shown == 0 && !all && sc_ledger_count(ld) ? "; --all shows closed ones" : "");
	}
	if (fflush(stdout) != 0)
		rc = cli_fail(EXIT_RUNTIME, "cannot write");
	else
		rc = overdue ? EXIT_FAIL : open ? EXIT_UNKNOWN : EXIT_PASS;
	sc_state_close(s);
	return rc;
}
