/*
 * cmd-verify.c — `sovcheck verify DIR|EVIDENCE`: is this filing the one
 * that was written, and signed by whom (docs/outputs.md "Signatures")?
 * Every file SHA256SUMS lists against its digest, files it does not list,
 * and SHA256SUMS.p7s over SHA256SUMS, by the signer given with --cert.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck verify DIR|EVIDENCE [--cert CERT.pem] [--require-signature] [-q]\n"
"\n"
"Checks a filing as 'sovcheck check -o DIR' wrote it (given an evidence.json,\n"
"the filing of its directory):\n"
"  - every file SHA256SUMS lists has the SHA-256 listed there;\n"
"  - no other file stands beside them;\n"
"  - SHA256SUMS.p7s, the signature 'check --sign' writes (a detached CMS\n"
"    signature of SHA256SUMS carrying the signer's certificate), verifies\n"
"    over SHA256SUMS, and was made by the signer given with --cert.\n"
"SHA256SUMS alone shows the files are those written, unless someone rewrote\n"
"it too; the signature shows nobody did without the signer's key.\n"
"\n"
"  --cert FILE           the signer expected: its certificate (PEM or DER) or\n"
"                        its public key (PEM), as its owner handed it over.\n"
"                        A signature by anyone else fails, and so does an\n"
"                        unsigned filing. Without --cert any signature that\n"
"                        verifies is accepted: it then shows nobody changed\n"
"                        the files without re-signing, not who signed\n"
"  --require-signature   an unsigned filing fails\n"
"  -q, --quiet           print only the problems (on stderr)\n"
"\n"
"Output: one line per file (ok, CHANGED, MISSING, UNLISTED, UNREADABLE) and\n"
"one for the signature (ok with the signer, its certificate's SHA-256 and the\n"
"signing time; unsigned; BAD-SIGNATURE; OTHER-SIGNER); each problem also on\n"
"stderr as 'sovcheck: DIR/FILE: error: [STATE] why'.\n"
"\n"
"Exit status:\n"
"  0  every file matches, and the signature verifies (or the filing is\n"
"     unsigned and no signature is asked for)\n"
"  1  a file changed, is missing or not listed; or the signature does not\n"
"     verify, is another signer's, or is missing when asked for\n"
"  3  the filing cannot be checked: DIR, SHA256SUMS, a file or CERT cannot be\n"
"     read, or SHA256SUMS is not sha256sum output\n"
"  4  runtime error;  64 usage error\n"
"\n"
"The same check with the standard tools (docs/outputs.md):\n"
"  cd DIR\n"
"  openssl cms -verify -binary -inform DER -in SHA256SUMS.p7s \\\n"
"      -content SHA256SUMS -CAfile CERT.pem -out /dev/null\n"
"  sha256sum -c SHA256SUMS\n"
"\n"
"Examples:\n"
"  sovcheck check service.yaml -o filing --sign signer.key --cert signer.pem\n"
"  sovcheck verify filing --cert signer.pem\n"
"  sovcheck verify archive/2026-11/evidence.json --require-signature\n";

enum { OPT_CERT = 256, OPT_REQUIRE_SIG };

static const struct option longopts[] = {
	{"help", no_argument, NULL, 'h'},
	{"quiet", no_argument, NULL, 'q'},
	{"cert", required_argument, NULL, OPT_CERT},
	{"require-signature", no_argument, NULL, OPT_REQUIRE_SIG},
	{NULL, 0, NULL, 0},
};

/* The label of an item in the table: problems in capitals. */
static void
label(const sc_seal_item *it, char *buf, size_t n)
{
	const char *s = sc_seal_state_to_string(it->state);
	size_t i;
	for (i = 0; s[i] && i + 1 < n; i++)
		buf[i] = it->bad && s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 'a' + 'A') : s[i];
	buf[i] = '\0';
}

int
cmd_verify(int argc, char **argv)
{
	sc_verify_opts o = {NULL, false, NULL};
	bool quiet = false;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hq", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(help, stdout);
			return EXIT_PASS;
		case 'q': quiet = true; break;
		case OPT_CERT: o.cert_path = optarg; break;
		case OPT_REQUIRE_SIG: o.require_signature = true; break;
		case ':':
			return cli_fail(EXIT_USAGE, "verify: option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_fail(EXIT_USAGE, "verify: unknown option '%s' (see 'sovcheck verify "
			                "--help')", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc) {
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	/* A directory, or a file of one (the evidence bundle). */
	const char *arg = argv[optind];
	char dir[4096];
	struct stat sb;
	if (stat(arg, &sb) != 0)
		return cli_fail(EXIT_INPUT, "%s: cannot read: no such file or directory, or no access",
		                arg);
	if (S_ISDIR(sb.st_mode)) {
		if (strlen(arg) >= sizeof(dir))
			return cli_fail(EXIT_INPUT, "%s: path too long", arg);
		snprintf(dir, sizeof(dir), "%s", arg);
	} else {
		const char *slash = strrchr(arg, '/');
		if (slash == NULL)
			snprintf(dir, sizeof(dir), ".");
		else if (slash == arg)
			snprintf(dir, sizeof(dir), "/");
		else if ((size_t)(slash - arg) < sizeof(dir))
			snprintf(dir, sizeof(dir), "%.*s", (int)(slash - arg), arg);
		else
			return cli_fail(EXIT_INPUT, "%s: path too long", arg);
	}

	sc_verification *v = NULL;
	sc_err err;
	sc_err_clear(&err);
	sc_status st = sc_seal_verify(dir, &o, &v, &err);
	if (st != SC_OK) {
		cli_print_err(&err);
		return st == SC_ERR_NOMEM ? EXIT_RUNTIME : st == SC_ERR_USAGE ? EXIT_USAGE : EXIT_INPUT;
	}
	/* A change proven is exit 1 even when another file could not be
	 * read; only what could not be read at all is exit 3. */
	size_t files = 0, bad_files = 0;
	bool proven = false, unreadable = false, signed_ok = false;
	sc_seal_item it;
	for (size_t i = 0; sc_verification_item(v, i, &it); i++) {
		bool is_sig = strcmp(it.name, "SHA256SUMS.p7s") == 0;
		if (!is_sig) {
			files++;
			bad_files += it.bad;
		}
		if (is_sig && it.state == SC_SEAL_OK)
			signed_ok = true;
		if (it.bad) {
			cli_print_seal_item(dir, &it);
			if (it.state == SC_SEAL_UNREADABLE)
				unreadable = true;
			else
				proven = true;
		}
		if (!quiet) {
			char l[32];
			label(&it, l, sizeof(l));
			printf("%-14s %s: %s\n", l, cli_vis(it.name), cli_vis(it.detail));
		}
	}
	size_t bad = sc_verification_bad(v);
	if (!quiet) {
		const char *fp = NULL, *when = NULL;
		const char *who = sc_verification_signer(v, &fp, &when);
		if (bad == 0 && signed_ok)
			printf("%s: %zu file%s as signed by %s%s\n", cli_vis(dir), files,
			       files == 1 ? "" : "s", cli_vis(who),
			       o.cert_path ? ", the signer given"
			                   : " (not pinned: give --cert to check who signed)");
		else if (bad == 0)
			printf("%s: %zu file%s as listed in SHA256SUMS; not signed\n", cli_vis(dir), files,
			       files == 1 ? "" : "s");
		else
			printf("%s: %zu problem%s (%zu of %zu files%s)\n", cli_vis(dir), bad,
			       bad == 1 ? "" : "s", bad_files, files,
			       bad > bad_files ? ", and the signature" : "");
	}
	sc_verification_free(v);
	if (proven)
		return EXIT_FAIL;
	return unreadable ? EXIT_INPUT : EXIT_PASS;
}
