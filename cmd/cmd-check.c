/*
 * cmd-check.c — `sovcheck check MANIFEST`: load the manifest and the policy
 * pack, evaluate, write the findings (sovcheck(1), "EXIT STATUS").
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck check MANIFEST [-o DIR] [options]\n"
"\n"
"Evaluates a service against a policy pack (default: secnumcloud-3.2).\n"
"Declared facts (seat, shareholding, sites, administration, support,\n"
"subcontractors, sign-off) are judged from the manifest; checks that need\n"
"observed evidence (DNS, TLS, geolocation) are 'unknown' when nothing was\n"
"collected — never 'pass'.\n"
"\n"
"Output:\n"
"  -o, --output DIR      write into DIR the §5.3.d residual-risk document\n"
"                        (residual-risk.fr.md, residual-risk.en.md and the\n"
"                        same as .html), findings.json, summary.md and\n"
"                        evidence.json (created if missing; the set is\n"
"                        replaced as a whole)\n"
"      --format LIST     comma-separated: json, md, html, evidence (default:\n"
"                        these four), sarif (findings.sarif), oscal\n"
"                        (assessment-results.json, OSCAL 1.0.0), csv\n"
"                        (findings.csv, dependencies.csv)\n"
"      --lang fr|en|fr,en  languages of the documents: residual-risk.<lang>.*\n"
"                        (default both) and summary.md (default en; with\n"
"                        fr,en the French one is summary.fr.md)\n"
"  -q, --quiet           print nothing on success but the exit status\n"
"  -v, --verbose         print every finding, not only the verdict table\n"
"      --no-progress     no progress line on stderr\n"
"\n"
"Evaluation:\n"
"      --pack ID|FILE[,ID|FILE...]  policy pack (default: secnumcloud-3.2);\n"
"                        several, comma-separated, are judged together from\n"
"                        the same evidence (e.g. secnumcloud-3.2,eu-csf-1.2.1:\n"
"                        the EU Cloud Sovereignty Framework's SEAL levels)\n"
"      --date YYYY-MM-DD evaluation date (default: today, UTC); pin it for\n"
"                        reproducible, byte-identical outputs\n"
"      --offline         no network: only declarations and offline sources\n"
"                        (zone files, PEM chains); without them, checks that\n"
"                        need evidence are unknown\n"
"\n"
"Collection and attribution:\n"
"      --zone FILE       authoritative zone file to resolve from (repeatable;\n"
"                        adds to the manifest's sources.zones)\n"
"      --chains DIR      certificate chains as DIR/HOST.pem (overrides\n"
"                        sources.chains)\n"
"      --trust CAFILE    PEM trust anchors besides the system store, for a\n"
"                        private PKI (repeatable; adds to sources.trust). A\n"
"                        chain that does not verify to an anchor has no CA\n"
"                        owner: 10.6.a is unknown for it\n"
"      --resolver ADDR[:PORT]  ask this resolver (repeatable: answers that\n"
"                        differ per resolver are recorded); default: the\n"
"                        system resolver\n"
"      --geodb FILE      geolocation database (repeatable; each one's answer is\n"
"                        kept; where they disagree the more specific decides,\n"
"                        else the location is unknown). Default:\n"
"                        geodb/data/sovcheck-default.mmdb and sovcheck-ipfire.mmdb\n"
"      --registry FILE   extra entity registry file over the shipped one\n"
"      --baseline EVIDENCE  an earlier run's evidence.json: what changed since,\n"
"                        subject by subject (see 'sovcheck diff'); 19.6.f fails\n"
"                        for each change affecting 19.6, with the one-month\n"
"                        notice deadline, and a customer notice draft is\n"
"                        written for each (notice-<id>.<lang>.md)\n"
"      --jobs N          DNS queries / TLS handshakes in flight\n"
"      --timeout SEC     bound on the whole DNS collection\n"
"      --tls-threads N   TLS handshakes on N threads, 1 to 64 (default: the\n"
"                        processors online, at most 64)\n"
"\n";

/* Two strings: C17 compilers need not take one longer than 4095 bytes. */
static const char help_tail[] =
"Signature (docs/outputs.md, 'Signatures'):\n"
"      --sign KEY.pem    sign the filing: SHA256SUMS.p7s, a detached CMS\n"
"                        signature of SHA256SUMS (which lists the SHA-256 of\n"
"                        every file written), carrying the certificate; part\n"
"                        of the same atomic replacement as the other files.\n"
"                        KEY.pem: an unencrypted PEM private key, RSA (2048\n"
"                        bits or more) or EC (OpenSSL 3.0 and 3.1 cannot make\n"
"                        CMS signatures with Ed25519 keys)\n"
"      --cert CERT.pem   the key's certificate (PEM or DER), valid now; without\n"
"                        it a self-signed certificate named after the key's\n"
"                        fingerprint is made. Check with 'sovcheck verify DIR\n"
"                        --cert CERT.pem'\n"
"\n"
"Scheduled runs (docs/monitoring.md):\n"
"      --state DIR       keep every run in DIR (runs/NNNNNN-DATE/, 'latest'\n"
"                        points at the newest); the newest run is the\n"
"                        baseline, and DIR/notices.json keeps each notice a\n"
"                        change affecting 19.6 opened — its deadline, one month\n"
"                        after it was first seen — until 'sovcheck notice ack'\n"
"                        or until the change is reverted. Overdue notices fail\n"
"                        19.6.f. With -o, the run is written there too\n"
"      --keep N          runs kept in the state directory (default 30)\n"
"      --alert new       exit 1 only when this run finds a new change affecting\n"
"                        19.6 or 19.2 (or a regression of those requirements)\n"
"                        or a notice newly overdue; else 0 — a timer alerts\n"
"                        once per event. Errors keep their codes (3, 4, 64)\n"
"\n"
"Exit status: 0 all pass (or waived / not applicable), 1 at least one fail,\n"
"2 unknowns but no fail, 3 invalid input, 4 runtime error, 64 usage error.\n"
"\n"
"Examples:\n"
"  sovcheck check service.yaml --offline -o filing/ --date 2026-11-22\n"
"  sovcheck check service.yaml -o filing/ --sign signer.key --cert signer.pem\n"
"  sovcheck check service.yaml --state /var/lib/sovcheck/shop --alert new -q\n";

enum {
	OPT_FORMAT = 256, OPT_LANG, OPT_PACK, OPT_DATE, 
	OPT_BASELINE, 
	OPT_NO_PROGRESS, OPT_SIGN, OPT_CERT, OPT_STATE, OPT_KEEP,
	OPT_ALERT,
};

static const struct option longopts[] = {
	{"help", no_argument, NULL, 'h'},
	{"output", required_argument, NULL, 'o'},
	{"quiet", no_argument, NULL, 'q'},
	{"verbose", no_argument, NULL, 'v'},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"lang", required_argument, NULL, OPT_LANG},
	{"pack", required_argument, NULL, OPT_PACK},
	{"date", required_argument, NULL, OPT_DATE},
	{"baseline", required_argument, NULL, OPT_BASELINE},
	{"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
	{"sign", required_argument, NULL, OPT_SIGN},
	{"cert", required_argument, NULL, OPT_CERT},
	{"state", required_argument, NULL, OPT_STATE},
	{"keep", required_argument, NULL, OPT_KEEP},
	{"alert", required_argument, NULL, OPT_ALERT},
	CLI_COLLECT_LONGOPTS,
	{NULL, 0, NULL, 0},
};

int
cmd_check(int argc, char **argv)
{
	const char *outdir = NULL, *pack_id = "secnumcloud-3.2", *date = NULL;
	bool quiet = false, verbose = false, no_progress = false;
	static cli_collect_cmdline co;   /* the collection options (cli.h) */
	memset(&co, 0, sizeof(co));
	const char *baseline = NULL, *sign_key = NULL, *sign_cert = NULL;
	const char *state_dir = NULL;
	long keep = 30;
	bool alert_new = false;
	sc_render_opts ro;
	cli_render_defaults(&ro, 1u << SC_FORMAT_JSON | 1u << SC_FORMAT_MD | 1u << SC_FORMAT_HTML |
	                          1u << SC_FORMAT_EVIDENCE);
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:qv", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(help, stdout);
			fputs(help_tail, stdout);
			return EXIT_PASS;
		case 'o': outdir = optarg; break;
		case 'q': quiet = true; break;
		case 'v': verbose = true; break;
		case OPT_FORMAT:
			if (cli_parse_formats(optarg, ~0u, &ro.formats) != 0)
				return EXIT_USAGE;
			break;
		case OPT_LANG:
			if (cli_parse_langs(optarg, &ro) != 0)
				return EXIT_USAGE;
			break;
		case OPT_PACK: pack_id = optarg; break;
		case OPT_DATE:
			if (!sc_date_parse(optarg, NULL, NULL, NULL))
				return cli_fail(EXIT_USAGE, "--date: '%s' is not a date YYYY-MM-DD", optarg);
			date = optarg;
			break;
		case OPT_BASELINE: baseline = optarg; break;
		case OPT_NO_PROGRESS: no_progress = true; break;
		case OPT_SIGN: sign_key = optarg; break;
		case OPT_CERT: sign_cert = optarg; break;
		case OPT_STATE: state_dir = optarg; break;
		case OPT_KEEP:
			if (!cli_parse_posint(optarg, 100000, &keep))
				return cli_fail(EXIT_USAGE, "--keep: expected a number of runs from 1 to 100000");
			break;
		case OPT_ALERT:
			if (strcmp(optarg, "new") != 0)
				return cli_fail(EXIT_USAGE, "--alert: the only mode is 'new'");
			alert_new = true;
			break;
		case ':':
			return cli_fail(EXIT_USAGE, "check: option '%s' needs a value", argv[optind - 1]);
		default: {
			int k = cli_collect_option(&co, c, optarg);
			if (k == 1)
				break;
			if (k < 0)
				return EXIT_USAGE;
			return cli_fail(EXIT_USAGE, "check: unknown option '%s' (see 'sovcheck check --help')",
			                argv[optind - 1]);
		}
		}
	}
	if (optind + 1 != argc) {
		fputs(help, stderr);
		fputs(help_tail, stderr);
		return EXIT_USAGE;
	}
	if (sign_cert && !sign_key)
		return cli_fail(EXIT_USAGE, "check: --cert names the certificate of the --sign key: "
		                "give --sign KEY.pem too");
	if (sign_key && !outdir && !state_dir)
		return cli_fail(EXIT_USAGE, "check: --sign signs the files written: give -o DIR or "
		                "--state DIR too");
	if (state_dir && baseline)
		return cli_fail(EXIT_USAGE, "check: --state DIR takes its newest run as the baseline: "
		                "give --baseline or --state, not both");
	if (alert_new && !state_dir)
		return cli_fail(EXIT_USAGE, "check: --alert new compares with the last run kept: give "
		                "--state DIR too");
	const char *path = argv[optind];
	char today[11];
	if (date == NULL) {
		cli_today(today);
		date = today;
	}

	int rc = EXIT_RUNTIME;
	sc_diags *diags = sc_diags_new();
	sc_manifest *m = NULL;
	cli_inputs in = {0};
	sc_geo *geo = NULL;
	sc_evidence *ev = NULL;
	sc_filing *f = NULL;
	cli_run base = {0};
	sc_state *state = NULL;
	sc_diff *dif = NULL;
	sc_err err;
	sc_err_clear(&err);
	sc_signer *signer = NULL;
	sc_status st;
	if (diags == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");

	/* The signing key first: a key that cannot sign stops the run
	 * before any collection. The signing time is now (the library reads
	 * no clock). */
	if (sign_key) {
		st = sc_signer_load(sign_key, sign_cert, (int64_t)time(NULL), &signer, &err);
		if (st != SC_OK) {
			cli_print_err(&err);
			rc = cli_exit_for(st);
			goto out;
		}
		ro.signer = signer;
	}

	/* load */
	st = sc_manifest_load(path, diags, &m);
	sc_diags_sort(diags);
	cli_print_diags(diags);
	if (st != SC_OK) {
		rc = cli_exit_for(st);
		goto out;
	}
	if ((rc = cli_load_inputs(pack_id, co.registries, co.nreg, &in)) != EXIT_PASS)
		goto out;
	/* Collection locates every address it observes: the databases are
	 * opened first (a missing default one is said below, only when there
	 * was something to locate). */
	if ((rc = cli_open_geo(co.geodbs, co.ngeodb, true, &geo)) != EXIT_PASS)
		goto out;
	rc = EXIT_RUNTIME;

	/* collect */
	cli_collect_args ca = cli_collect_from(&co, date,
	                                       !no_progress && !quiet && isatty(STDERR_FILENO));
	if ((rc = cli_collect(m, &ca, geo, &ev)) != EXIT_PASS)
		goto out;
	rc = EXIT_RUNTIME;
	if (geo == NULL && sc_evidence_has_dns(ev) && !quiet)
		cli_warn_no_geo();

	/* the state directory: its newest run is the baseline, its ledger
	 * the notices */
	if (state_dir) {
		if ((st = sc_state_open(state_dir, &state, &err)) != SC_OK) {
			cli_print_err(&err);
			rc = cli_exit_for(st);
			goto out;
		}
		baseline = sc_state_baseline(state);
	}

	/* attribute, evaluate, assess — after the earlier run's, for 19.6.f
	 * (judged as this run is: with the document or without, so that
	 * 5.3.d does not seem to change) */
	bool document = (outdir != NULL || state_dir != NULL) &&
	                (ro.formats & (1u << SC_FORMAT_MD | 1u << SC_FORMAT_HTML));
	if (baseline &&
	    (rc = cli_run_bundle(baseline, &in, NULL, document, NULL, &base)) != EXIT_PASS)
		goto out;
	if ((rc = cli_build_filing(m, &in, ev, date, document, base.f,
	                           state ? sc_state_ledger(state) : NULL, &f)) != EXIT_PASS)
		goto out;
	if (!quiet)
		cli_warn_stale(f);

	/* render */
	if (outdir && (st = sc_filing_write(f, outdir, &ro, &err)) != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	char run_dir[4096] = "";
	if (state && (st = sc_state_commit(state, f, &ro, (unsigned)keep, run_dir, sizeof(run_dir),
	                                   &err)) != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	rc = sc_filing_exit_code(f);
	if (state) {
		/* what this run found new: changes (and regressions) affecting
		 * 19.6 or 19.2 since the last run, notices newly overdue */
		size_t nnew = 0, nover = 0, nopen = 0;
		if (base.f) {
			if ((st = sc_diff_compute(base.f, f, &dif, &err)) != SC_OK) {
				cli_print_err(&err);
				rc = cli_exit_for(st);
				goto out;
			}
			nnew = sc_diff_alert_count(dif);
		}
		const sc_ledger *ld = sc_state_ledger(state);
		sc_notice_view nv;
		for (size_t i = 0; sc_ledger_notice(ld, i, date, &nv); i++) {
			nover += nv.overdue_now;
			nopen += strcmp(nv.status, "open") == 0;
		}
		if (!quiet) {
			printf("state: run kept as %s; %s\n", cli_vis(run_dir),
			       base.f ? "compared with the previous run" : "first run (no baseline yet)");
			printf("state: %zu new alert%s (changes affecting 19.6 or 19.2, regressions of "
			       "those requirements), %zu open notice%s, %zu newly overdue\n", nnew,
			       nnew == 1 ? "" : "s", nopen, nopen == 1 ? "" : "s", nover);
			char *dt = dif ? sc_diff_to_text(dif) : NULL;
			if (dt && nnew)
				fputs(dt, stdout);
			free(dt);
			for (size_t i = 0; sc_ledger_notice(ld, i, date, &nv); i++)
				if (nv.new_now || nv.overdue_now)
					printf("  %s %s: %s (inform customers by %s)\n", nv.id,
					       nv.overdue_now ? "OVERDUE" : "new", cli_vis(nv.text), nv.deadline);
		}
		if (alert_new)
			rc = nnew || nover ? EXIT_FAIL : EXIT_PASS;
	}
	if (!quiet)
		cli_print_verdicts(f, verbose, outdir);
	if (!quiet && signer)
		printf("signed by %s (certificate SHA-256 %s): %s/SHA256SUMS.p7s\n",
		       cli_vis(sc_signer_subject(signer)), sc_signer_fingerprint(signer),
		       cli_vis(outdir));
out:
	sc_diff_free(dif);
	sc_state_close(state);
	sc_signer_free(signer);
	sc_filing_free(f);
	cli_run_free(&base);
	sc_evidence_free(ev);
	sc_geo_close(geo);
	cli_inputs_free(&in);
	sc_manifest_free(m);
	sc_diags_free(diags);
	return rc;
}
