/*
 * cmd-probe.c — `sovcheck probe DOMAIN_OR_URL...`: a supplier's
 * sovereignty profile from its names alone (docs/probe.md). The names are
 * turned into a manifest of what a buyer can see — each domain's apex and
 * www as services and the domain itself (its name servers and mail
 * exchangers), each URL's host as a service — collected and judged like any
 * other with the outside-in pack (policies/supplier-outside-in.yaml); names
 * the certificates reveal under the same domains are probed too (a second
 * round). The filing is written as profile.json and profile.<lang>.md
 * beside findings.json and the evidence bundle, and the profile is printed.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck probe DOMAIN_OR_URL... [-o DIR] [--format LIST] [--lang fr|en|fr,en]\n"
"                      [--date YYYY-MM-DD] [--pack ID|FILE] [--resolver ADDR[:PORT]]...\n"
"                      [--zone FILE]... [--chains DIR] [--trust CAFILE]... [--geodb FILE]...\n"
"                      [--registry FILE]... [--offline] [--jobs N] [--timeout SEC]\n"
"                      [--no-san] [-q|-v] [--no-progress]\n"
"\n"
"A supplier's sovereignty profile from its names alone, for a buyer who has\n"
"no manifest: who runs each observed part of its services and who ultimately\n"
"controls them, from which country, where the services answer from, the\n"
"non-EU nexuses with the laws that reach them, and the verdicts of the\n"
"outside-in pack (policies/supplier-outside-in.yaml: observable residency,\n"
"control and certificate authorities; what needs the supplier's own\n"
"declarations is not judged).\n"
"\n"
"What is probed (DNS and TLS only):\n"
"  DOMAIN                the apex and www.DOMAIN as services (TLS on 443), the\n"
"                        domain's name servers and mail exchangers\n"
"  URL (https://HOST/…)  HOST as a service, on the URL's port\n"
"  certificates          every name a service's certificate lists under a\n"
"                        probed domain (or under the parent of a URL's host:\n"
"                        app.example.com → *.example.com) is probed too, where\n"
"                        that certificate was served (a second round, at most\n"
"                        64 names; --no-san: not)\n"
"A domain's apex or www, or a certificate's name, that does not exist or has\n"
"no address is left out (said so); one that fails otherwise stays, unknown.\n"
"Every service is taken as carrying the buyer's data: a probe cannot tell\n"
"which ones do, and a wrong guess must not pass.\n"
"\n"
"Output (-o DIR, replaced as a whole): profile.json, profile.<lang>.md,\n"
"findings.json, evidence.json (default formats json, md, evidence); also\n"
"sarif, csv, oscal. Without -o the profile is printed only.\n"
"\n"
"Collection options are those of 'sovcheck check' (see its --help).\n"
"\n"
"Exit status as for check: 0 all pass, 1 a fail, 2 unknowns but no fail,\n"
"3 invalid input, 4 runtime error, 64 usage.\n"
"\n"
"Examples:\n"
"  sovcheck probe example.com\n"
"  sovcheck probe example.com https://app.example.net/login -o supplier/\n";

enum {
	OPT_FORMAT = 256, OPT_LANG, OPT_PACK, OPT_DATE, OPT_OFFLINE, OPT_GEODB, OPT_REGISTRY,
	OPT_RESOLVER, OPT_ZONE, OPT_CHAINS, OPT_TRUST, OPT_JOBS, OPT_TIMEOUT, OPT_NO_PROGRESS,
	OPT_NO_SAN,
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
	{"offline", no_argument, NULL, OPT_OFFLINE},
	{"geodb", required_argument, NULL, OPT_GEODB},
	{"registry", required_argument, NULL, OPT_REGISTRY},
	{"resolver", required_argument, NULL, OPT_RESOLVER},
	{"zone", required_argument, NULL, OPT_ZONE},
	{"chains", required_argument, NULL, OPT_CHAINS},
	{"trust", required_argument, NULL, OPT_TRUST},
	{"jobs", required_argument, NULL, OPT_JOBS},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
	{"no-san", no_argument, NULL, OPT_NO_SAN},
	{NULL, 0, NULL, 0},
};

#define PROBE_MAX_NAMES 256
#define PROBE_MAX_SAN 64

struct target {
	char host[256];
	long port;
	bool guessed;    /* not named by the buyer: a domain's apex or www, a name
	                    a certificate lists — dropped when it does not exist */
};

struct targets {
	struct target v[PROBE_MAX_NAMES];
	size_t n;
	char domains[64][256];
	size_t ndomains;
	char scopes[128][256];    /* the domains, and the parent of each URL's
	                             host: names a certificate lists under them
	                             are the supplier's */
	size_t nscopes;
};

static void
add_scope(struct targets *t, const char *d)
{
	for (size_t i = 0; i < t->nscopes; i++)
		if (strcmp(t->scopes[i], d) == 0)
			return;
	if (t->nscopes < 128)
		snprintf(t->scopes[t->nscopes++], 256, "%s", d);
}

/* A DNS name as a probe takes it: letters, digits, hyphens, dots, 1..253
 * bytes, lower case, no final dot. false otherwise. */
static bool
canon_name(const char *in, size_t len, char out[256])
{
	if (len == 0 || len > 253)
		return false;
	size_t label = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c == '.') {
			if (label == 0)
				return false;
			label = 0;
		} else if (isalnum(c) || c == '-' || c == '_') {
			if (++label > 63)
				return false;
		} else {
			return false;
		}
		out[i] = (char)tolower(c);
	}
	while (len > 0 && out[len - 1] == '.')
		len--;
	out[len] = '\0';
	return label > 0 || len > 0;
}

static bool
has_target(const struct targets *t, const char *host, long port)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].host, host) == 0 && t->v[i].port == port)
			return true;
	return false;
}

static bool
add_target(struct targets *t, const char *host, long port, bool guessed)
{
	if (has_target(t, host, port))
		return true;
	if (t->n == PROBE_MAX_NAMES)
		return false;
	struct target *x = &t->v[t->n++];
	snprintf(x->host, sizeof(x->host), "%s", host);
	x->port = port;
	x->guessed = guessed;
	return true;
}

/* One argument: a domain, or a URL whose host (and port) is probed. */
static int
parse_arg(struct targets *t, const char *a)
{
	char host[256];
	const char *p = strstr(a, "://");
	if (p == NULL) {
		if (!canon_name(a, strlen(a), host) || strchr(host, '.') == NULL)
			return cli_fail(EXIT_USAGE, "probe: '%s' is neither a domain name nor a URL",
			                cli_vis(a));
		if (t->ndomains == 64)
			return cli_fail(EXIT_USAGE, "probe: at most 64 domains");
		snprintf(t->domains[t->ndomains++], 256, "%s", host);
		add_scope(t, host);
		char www[300];
		snprintf(www, sizeof(www), "www.%s", host);
		if (!add_target(t, host, 443, true) ||
		    (strlen(www) <= 253 && !add_target(t, www, 443, true)))
			return cli_fail(EXIT_USAGE, "probe: more than %d names", PROBE_MAX_NAMES);
		return EXIT_PASS;
	}
	size_t sl = (size_t)(p - a);
	bool https = sl == 5 && strncmp(a, "https", 5) == 0;
	bool http = sl == 4 && strncmp(a, "http", 4) == 0;
	if (!https && !http)
		return cli_fail(EXIT_USAGE, "probe: '%s': only http:// and https:// URLs",
		                cli_vis(a));
	const char *h = p + 3, *end = h + strcspn(h, "/?#");
	const char *at = memchr(h, '@', (size_t)(end - h));
	if (at)
		h = at + 1;   /* user information is not part of the host */
	const char *colon = memchr(h, ':', (size_t)(end - h));
	long port = https ? 443 : 80;
	if (colon) {
		char *e = NULL;
		port = strtol(colon + 1, &e, 10);
		if (e != end || port < 1 || port > 65535)
			return cli_fail(EXIT_USAGE, "probe: '%s': the port is not a number from 1 to "
			                "65535", cli_vis(a));
	}
	if (!canon_name(h, (size_t)((colon ? colon : end) - h), host))
		return cli_fail(EXIT_USAGE, "probe: '%s': the host is not a DNS name", cli_vis(a));
	if (!add_target(t, host, port, false))
		return cli_fail(EXIT_USAGE, "probe: more than %d names", PROBE_MAX_NAMES);
	/* app.example.com: names a certificate lists under example.com */
	const char *dot = strchr(host, '.');
	if (dot && strchr(dot + 1, '.'))
		add_scope(t, dot + 1);
	return EXIT_PASS;
}

/* Under one of the probed domains, or the parent of a probed host? */
static bool
under_domain(const struct targets *t, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < t->nscopes; i++) {
		size_t k = strlen(t->scopes[i]);
		if (n > k && name[n - k - 1] == '.' && strcmp(name + n - k, t->scopes[i]) == 0)
			return true;
	}
	return false;
}

/* The manifest of what the buyer can see (YAML text; names are checked
 * DNS names, so they need no quoting). */
static char *
manifest_text(const struct targets *t)
{
	size_t cap = 512 + t->n * 400 + t->ndomains * 300;
	char *s = malloc(cap);
	if (s == NULL)
		return NULL;
	size_t n = (size_t)snprintf(s, cap, "sovcheck: 1\nservice: {name: \"");
	for (size_t i = 0; i < t->ndomains || (i == 0 && t->ndomains == 0 && t->n); i++)
		n += (size_t)snprintf(s + n, cap - n, "%s%s", i ? ", " : "",
		                      t->ndomains ? t->domains[i] : t->v[0].host);
	n += (size_t)snprintf(s + n, cap - n, "\"}\nendpoints:%s\n", t->n ? "" : " []");
	for (size_t i = 0; i < t->n; i++)
		n += (size_t)snprintf(s + n, cap - n, "  - {host: %s, port: %ld, role: web, "
		                      "data: customer, tls: %s}\n", t->v[i].host, t->v[i].port,
		                      t->v[i].port == 80 ? "false" : "true");
	if (t->ndomains) {
		n += (size_t)snprintf(s + n, cap - n, "domains: [");
		for (size_t i = 0; i < t->ndomains; i++)
			n += (size_t)snprintf(s + n, cap - n, "%s%s", i ? ", " : "", t->domains[i]);
		n += (size_t)snprintf(s + n, cap - n, "]\n");
	}
	return s;
}

/* Drop the guessed names the DNS says do not exist or have no address
 * (in every source); their names in gone. The count dropped. */
static size_t
drop_missing(struct targets *t, const sc_dns_result *res, char (*gone)[256], size_t *ngone)
{
	size_t w = 0, dropped = 0;
	for (size_t i = 0; i < t->n; i++) {
		const sc_dns_entry *e = t->v[i].guessed && res ?
		                        sc_dns_result_find(res, t->v[i].host) : NULL;
		bool missing = e != NULL && e->answer_count > 0;
		for (size_t a = 0; missing && a < e->answer_count; a++)
			missing = e->answers[a].addr_count == 0 &&
			          (e->answers[a].reason == SC_DNS_NXDOMAIN ||
			           e->answers[a].reason == SC_DNS_NO_ADDRESS);
		if (missing) {
			if (*ngone < 16)
				snprintf(gone[(*ngone)++], 256, "%s", t->v[i].host);
			dropped++;
			continue;
		}
		t->v[w++] = t->v[i];
	}
	t->n = w;
	return dropped;
}

static int
build_manifest(const struct targets *t, sc_manifest **ret)
{
	char *text = manifest_text(t);
	if (text == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	sc_diags *d = sc_diags_new();
	if (d == NULL) {
		free(text);
		return cli_fail(EXIT_RUNTIME, "out of memory");
	}
	sc_status st = sc_manifest_parse(text, strlen(text), "probe", d, ret);
	cli_print_diags(d);
	sc_diags_free(d);
	free(text);
	return st == SC_OK ? EXIT_PASS : cli_exit_for(st);
}

static bool
parse_posint(const char *s, long max, long *ret)
{
	char *end = NULL;
	long v = strtol(s, &end, 10);
	if (end == s || *end || v < 1 || v > max)
		return false;
	*ret = v;
	return true;
}

int
cmd_probe(int argc, char **argv)
{
	const char *outdir = NULL, *pack_id = "supplier-outside-in", *date = NULL, *chains = NULL;
	bool quiet = false, verbose = false, offline = false, no_progress = false, san = true;
	long jobs = 0, timeout = 0;
	const char *geodbs[64], *registries[64], *resolvers[64], *zones[256], *trust[64];
	size_t ngeodb = 0, nreg = 0, nres = 0, nzones = 0, ntrust = 0;
	sc_render_opts ro;
	cli_render_defaults(&ro, 1u << SC_FORMAT_JSON | 1u << SC_FORMAT_MD | 1u << SC_FORMAT_EVIDENCE);
	ro.profile = true;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:qv", longopts, NULL)) != -1) {
		switch (c) {
		case 'h': fputs(help, stdout); return EXIT_PASS;
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
		case OPT_OFFLINE: offline = true; break;
		case OPT_JOBS:
			if (!parse_posint(optarg, 4096, &jobs))
				return cli_fail(EXIT_USAGE, "--jobs: expected a number from 1 to 4096");
			break;
		case OPT_TIMEOUT:
			if (!parse_posint(optarg, 86400, &timeout))
				return cli_fail(EXIT_USAGE, "--timeout: expected seconds from 1 to 86400");
			break;
		case OPT_GEODB:
			if (ngeodb == 64)
				return cli_fail(EXIT_USAGE, "too many --geodb");
			geodbs[ngeodb++] = optarg;
			break;
		case OPT_REGISTRY:
			if (nreg == 64)
				return cli_fail(EXIT_USAGE, "too many --registry");
			registries[nreg++] = optarg;
			break;
		case OPT_RESOLVER:
			if (nres == 64)
				return cli_fail(EXIT_USAGE, "too many --resolver");
			resolvers[nres++] = optarg;
			break;
		case OPT_ZONE:
			if (nzones == 256)
				return cli_fail(EXIT_USAGE, "too many --zone");
			zones[nzones++] = optarg;
			break;
		case OPT_CHAINS: chains = optarg; break;
		case OPT_TRUST:
			if (ntrust == 64)
				return cli_fail(EXIT_USAGE, "too many --trust");
			trust[ntrust++] = optarg;
			break;
		case OPT_NO_PROGRESS: no_progress = true; break;
		case OPT_NO_SAN: san = false; break;
		case ':':
			return cli_fail(EXIT_USAGE, "probe: option '%s' needs a value", argv[optind - 1]);
		default:
			return cli_fail(EXIT_USAGE, "probe: unknown option '%s' (see 'sovcheck probe "
			                "--help')", argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	static struct targets t;
	memset(&t, 0, sizeof(t));
	int rc;
	for (int i = optind; i < argc; i++)
		if ((rc = parse_arg(&t, argv[i])) != EXIT_PASS)
			return rc;
	char today[11];
	if (date == NULL) {
		cli_today(today);
		date = today;
	}

	sc_manifest *m = NULL;
	cli_inputs in = {0};
	sc_geo *geo = NULL;
	sc_evidence *ev = NULL;
	sc_filing *f = NULL;
	char *text = NULL;
	static char gone[16][256];
	size_t ngone = 0;
	if ((rc = cli_load_inputs(pack_id, registries, nreg, &in)) != EXIT_PASS ||
	    (rc = cli_open_geo(geodbs, ngeodb, true, &geo)) != EXIT_PASS ||
	    (rc = build_manifest(&t, &m)) != EXIT_PASS)
		goto out;
	cli_collect_args ca = {
		.offline = offline, .progress = !no_progress && !quiet && isatty(STDERR_FILENO),
		.resolvers = resolvers, .nresolvers = nres, .zones = zones, .nzones = nzones,
		.chains = chains, .trust = trust, .ntrust = ntrust, .jobs = jobs,
		.timeout = timeout, .date = date,
	};
	if ((rc = cli_collect(m, &ca, geo, &ev)) != EXIT_PASS)
		goto out;
	/* Second round: without the guessed names that do not exist (an apex
	 * with no address is no service), with the names the certificates list
	 * under a probed domain. A name that failed otherwise (SERVFAIL, a
	 * timeout) stays: unknown, never dropped. */
	size_t dropped = drop_missing(&t, sc_evidence_dns(ev), gone, &ngone);
	if ((san && t.nscopes) || dropped) {
		size_t before = t.n, added = 0;
		for (size_t i = 0; i < sc_evidence_tls_count(ev) && added < PROBE_MAX_SAN; i++) {
			const char *from = NULL;
			const sc_tls_result *r = sc_evidence_tls(ev, i, &from);
			/* a name a certificate lists is probed where that certificate
			 * was served */
			long port = 443;
			for (size_t q = 0; from && q < t.n; q++)
				if (strcmp(t.v[q].host, from) == 0)
					port = t.v[q].port;
			const sc_cert *leaf = r && sc_tls_result_cert_count(r) ? sc_tls_result_cert(r, 0)
			                                                     : NULL;
			for (size_t k = 0; san && leaf && k < sc_cert_san_count(leaf) &&
			     added < PROBE_MAX_SAN; k++) {
				const char *s = sc_cert_san(leaf, k);
				char name[256];
				if (s == NULL || s[0] == '*' || !canon_name(s, strlen(s), name) ||
				    !under_domain(&t, name) || has_target(&t, name, port))
					continue;
				if (!add_target(&t, name, port, true))
					break;
				added++;
			}
		}
		if (t.n > before || dropped) {
			if (!quiet && t.n > before)
				fprintf(stderr, "sovcheck: probe: %zu more name%s from the certificates\n",
				        t.n - before, t.n - before == 1 ? "" : "s");
			sc_evidence_free(ev);
			ev = NULL;
			sc_manifest_free(m);
			m = NULL;
			if ((rc = build_manifest(&t, &m)) != EXIT_PASS ||
			    (rc = cli_collect(m, &ca, geo, &ev)) != EXIT_PASS)
				goto out;
		}
	}
	if (geo == NULL && sc_evidence_has_dns(ev) && !quiet)
		cli_warn_no_geo();
	bool document = outdir != NULL && (ro.formats & (1u << SC_FORMAT_MD | 1u << SC_FORMAT_HTML));
	if ((rc = cli_build_filing(m, &in, ev, date, document, NULL, NULL, &f)) != EXIT_PASS)
		goto out;
	if (!quiet)
		cli_warn_stale(f);
	sc_err err;
	sc_err_clear(&err);
	sc_status st;
	if (outdir && (st = sc_filing_write(f, outdir, &ro, &err)) != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	rc = sc_filing_exit_code(f);
	if (!quiet) {
		if ((text = sc_filing_profile_text(f)) == NULL) {
			rc = cli_fail(EXIT_RUNTIME, "out of memory");
			goto out;
		}
		fputs(text, stdout);
		for (size_t i = 0; i < ngone; i++)
			printf("%s%s", i ? ", " : "\nnot probed (no such name, or no address): ",
			       cli_vis(gone[i]));
		if (ngone)
			printf("\n");
		if (verbose)
			cli_print_verdicts(f, true, outdir);
		else if (outdir)
			printf("\nwritten: %s (profile.json, profile.<lang>.md, findings.json)\n",
			       cli_vis(outdir));
	}
out:
	free(text);
	sc_filing_free(f);
	sc_evidence_free(ev);
	sc_geo_close(geo);
	cli_inputs_free(&in);
	sc_manifest_free(m);
	return rc;
}
