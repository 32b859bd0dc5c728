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
#include <strings.h>
#include <unistd.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck probe DOMAIN_OR_URL... [-o DIR] [--format LIST] [--lang fr|en|fr,en]\n"
"       sovcheck probe --batch SUPPLIERS.csv -o DIR [--lang …] [options]\n"
"                      [--date YYYY-MM-DD] [--pack ID|FILE[,...]] [--resolver ADDR[:PORT]]...\n"
"                      [--zone FILE]... [--chains DIR] [--trust CAFILE]... [--geodb FILE]...\n"
"                      [--registry FILE]... [--offline] [--jobs N] [--timeout SEC]\n"
"                      [--no-san] [--no-mx] [--no-published] [--claims VENDOR.yaml]\n"
"                      [-q|-v]\n"
"                      [--no-progress]\n"
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
"                        domain's name servers and mail exchangers; the first\n"
"                        four mail exchangers with STARTTLS on port 25 (their\n"
"                        certificates' CAs; --no-mx: not)\n"
"  URL (https://HOST/…)  HOST as a service, on the URL's port\n"
"  certificates          every name a service's certificate lists under a\n"
"                        probed domain (or under the parent of a URL's host:\n"
"                        app.example.com → *.example.com) is probed too, where\n"
"                        that certificate was served (a second round, at most\n"
"                        64 names; --no-san: not)\n"
"  records a DOMAIN     the services its DNS records name (--no-published: not):\n"
"  publishes             the SPF include:/redirect= tree of its TXT record (who\n"
"                        sends mail as the domain; at most 10 names, as RFC\n"
"                        7208 bounds it), domain-verification tokens (a\n"
"                        SaaS the domain is verified with: registry\n"
"                        'verification'), CAA (the CAs allowed to issue for\n"
"                        it), DMARC rua/ruf (who receives its mail reports),\n"
"                        MTA-STS and its policy host, Autodiscover (SRV and\n"
"                        host): third parties, judged by OI.5\n"
"A domain's apex or www, or a certificate's name, that does not exist or has\n"
"no address is left out (said so); one that fails otherwise stays, unknown.\n"
"Every service is taken as carrying the buyer's data: a probe cannot tell\n"
"which ones do, and a wrong guess must not pass.\n"
"\n";

/* The help in two parts: one string literal has at most 4095 characters
 * in ISO C. */
static const char help2[] =
"Output (-o DIR, replaced as a whole): profile.json, profile.<lang>.md,\n"
"findings.json, evidence.json (default formats json, md, evidence); also\n"
"sarif, csv, oscal. Without -o the profile is printed only.\n"
"\n"
"Claims (--claims VENDOR.yaml): a manifest of what the supplier says (in\n"
"part: its seat, shareholders, subcontractors…, in block style), checked\n"
"against what its names reveal: the names given are probed with the\n"
"claims' own endpoints and domains, and the pack is supplier-claims — the\n"
"outside-in requirements and OI.4, third parties observed but not declared\n"
"and declarations the evidence or the registry contradicts, as 'check'\n"
"reports them.\n"
"\n"
"Batch (--batch FILE.csv): one supplier per row, with a header row naming\n"
"the columns supplier, domains (domains and URLs, separated by spaces) and,\n"
"optionally, criticality (critical, important, …) and function (the\n"
"function it supports). Suppliers are collected together, up to 6,000 names\n"
"per collection (--jobs bounds each), then each is judged on its own names.\n"
"DIR gets profiles.json (every profile), comparison.<lang>.md (supplier ×\n"
"countries of control, controllers and locations outside the EU, CA owners,\n"
"verdicts; then the concentration), concentration.json (each ultimate\n"
"controller → the suppliers and functions that depend on it: DORA Art.\n"
"28-29) and providers.csv (the DORA register fields, a supplier column\n"
"first). A supplier whose names are invalid or that resolves to nothing is\n"
"reported, not fatal. Exit: 1 when a supplier fails a requirement, else 2\n"
"when one has unknowns, else 0.\n"
"\n"
"Collection options are those of 'sovcheck check' (see its --help).\n"
"\n"
"Packs (--pack ID|FILE[,...]): the outside-in pack by default; others, or\n"
"several, judged from the same evidence, e.g. --pack supplier-outside-in,\n"
"eu-csf-1.2.1,dora-ict-third-party. What would fail a declaration the\n"
"supplier never made (no third-party list, no site, no sign-off) is unknown\n"
"in a probe, not a failure; with --batch, concentration.json adds the DORA\n"
"Art. 29 verdict (critical or important suppliers on one controller).\n"
"\n"
"Exit status as for check: 0 all pass, 1 a fail, 2 unknowns but no fail,\n"
"3 invalid input, 4 runtime error, 64 usage.\n"
"\n"
"Examples:\n"
"  sovcheck probe example.com\n"
"  sovcheck probe example.com https://app.example.net/login -o supplier/\n"
"  sovcheck probe example.com --pack supplier-outside-in,eu-csf-1.2.1 -o supplier/\n";

enum {
	OPT_FORMAT = 256, OPT_LANG, OPT_PACK, OPT_DATE, 
	OPT_NO_PROGRESS,
	OPT_NO_SAN, OPT_BATCH, OPT_CLAIMS, OPT_NO_MX, OPT_NO_PUBLISHED,
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
	{"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
	{"no-san", no_argument, NULL, OPT_NO_SAN},
	{"no-mx", no_argument, NULL, OPT_NO_MX},
	{"no-published", no_argument, NULL, OPT_NO_PUBLISHED},
	{"batch", required_argument, NULL, OPT_BATCH},
	{"claims", required_argument, NULL, OPT_CLAIMS},
	CLI_COLLECT_LONGOPTS,
	{NULL, 0, NULL, 0},
};

#define PROBE_MAX_NAMES 256
#define PROBE_MAX_SAN 64

struct target {
	char host[256];
	long port;
	bool guessed;    /* not named by the buyer: a domain's apex or www, a name
	                    a certificate lists — dropped when it does not exist */
	bool mail;       /* a mail exchanger, probed with STARTTLS: role other,
	                    metadata (the mail it relays) */
};

struct targets {
	struct target *v;
	size_t n, cap;
	char (*domains)[256];
	size_t ndomains, capd;
	char (*scopes)[256];      /* the domains, and the parent of each URL's
	                             host: names a certificate lists under them
	                             are the supplier's */
	size_t nscopes, caps;
};

static void
targets_free(struct targets *t)
{
	free(t->v);
	free(t->domains);
	free(t->scopes);
	memset(t, 0, sizeof(*t));
}

/* Append name to a list of names; false when full or out of memory. */
static bool
name_add(char (**v)[256], size_t *n, size_t *cap, size_t max, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], name) == 0)
			return true;
	if (*n == max)
		return false;
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		char (*x)[256] = realloc(*v, c * sizeof(**v));
		if (x == NULL)
			return false;
		*v = x;
		*cap = c;
	}
	snprintf((*v)[(*n)++], 256, "%s", name);
	return true;
}

static void
add_scope(struct targets *t, const char *d)
{
	(void)name_add(&t->scopes, &t->nscopes, &t->caps, 128, d);
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
	if (t->n == t->cap) {
		size_t c = t->cap ? t->cap * 2 : 8;
		struct target *x = realloc(t->v, c * sizeof(*x));
		if (x == NULL)
			return false;
		t->v = x;
		t->cap = c;
	}
	struct target *x = &t->v[t->n++];
	snprintf(x->host, sizeof(x->host), "%s", host);
	x->port = port;
	x->guessed = guessed;
	x->mail = false;
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
		if (!name_add(&t->domains, &t->ndomains, &t->capd, 64, host))
			return cli_fail(EXIT_USAGE, "probe: at most 64 domains");
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
	size_t n = (size_t)snprintf(s, cap, "sovcheck: 1\noutside_in: true\nservice: {name: \"");
	for (size_t i = 0; i < t->ndomains || (i == 0 && t->ndomains == 0 && t->n); i++)
		n += (size_t)snprintf(s + n, cap - n, "%s%s", i ? ", " : "",
		                      t->ndomains ? t->domains[i] : t->v[0].host);
	if (t->ndomains == 0 && t->n == 0)
		n += (size_t)snprintf(s + n, cap - n, "nothing to probe");
	n += (size_t)snprintf(s + n, cap - n, "\"}\nendpoints:%s\n", t->n ? "" : " []");
	for (size_t i = 0; i < t->n; i++)
		n += (size_t)snprintf(s + n, cap - n, "  - {host: %s, port: %ld, role: %s, "
		                      "data: %s, tls: %s}\n", t->v[i].host, t->v[i].port,
		                      t->v[i].mail ? "other" : "web",
		                      t->v[i].mail ? "metadata" : "customer",
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

struct env {
	cli_inputs in;
	sc_manifest *claims;    /* --claims: the supplier's declarations, or NULL */
	sc_geo *geo;
	cli_collect_args ca;
	bool san, mx, quiet, verbose;
	const char *date, *outdir;
	const sc_render_opts *ro;
};

/* The evidence's TLS results sorted by host: a supplier's found by a
 * search, not by a scan of every result (a batch holds them all). */
struct tlsref {
	const char *host;
	const sc_tls_result *r;
};

static int
tlsref_cmp(const void *a, const void *b)
{
	const struct tlsref *x = a, *y = b;
	return strcmp(x->host, y->host);
}

static struct tlsref *
tls_index(const sc_evidence *ev, size_t *ret_n)
{
	size_t n = sc_evidence_tls_count(ev), w = 0;
	struct tlsref *v = n ? malloc(n * sizeof(*v)) : NULL;
	for (size_t i = 0; v && i < n; i++) {
		const char *h = NULL;
		const sc_tls_result *r = sc_evidence_tls(ev, i, &h);
		if (h && r)
			v[w++] = (struct tlsref){h, r};
	}
	if (w > 1)
		qsort(v, w, sizeof(*v), tlsref_cmp);
	*ret_n = v ? w : 0;
	return v;
}

/* After a collection: the names the certificates served for t's hosts list
 * under t's scopes (on the port served), and t's guessed names that do not
 * exist left out (in gone). The number of names added or left out. */
static size_t
expand(struct targets *t, const sc_evidence *ev, const struct tlsref *ix, size_t nix, bool san,
       bool mx, size_t *budget, char (*gone)[256], size_t *ngone)
{
	size_t changed = drop_missing(t, sc_evidence_dns(ev), gone, ngone), added = 0;
	size_t nhosts = t->n;    /* names added below are not searched again */
	/* each domain's mail exchangers (the first four), with STARTTLS on
	 * port 25: who runs the supplier's mail, and its certificate */
	const sc_dns_result *res = sc_evidence_dns(ev);
	for (size_t d = 0; mx && res && d < t->ndomains; d++) {
		const sc_dns_entry *e = sc_dns_result_find(res, t->domains[d]);
		for (size_t a = 0; e && a < e->answer_count && a < 1; a++)
			for (size_t k = 0; k < e->answers[a].mx_count && k < 4; k++) {
				const char *h = e->answers[a].mx[k].name;
				if (h == NULL || strcmp(h, ".") == 0 || has_target(t, h, 25))
					continue;
				if (*budget == 0 || !add_target(t, h, 25, true))
					break;
				(*budget)--;
				t->v[t->n - 1].mail = true;
				changed++;
			}
	}
	for (size_t h = 0; san && t->nscopes && h < nhosts && added < PROBE_MAX_SAN; h++) {
		struct tlsref key = {t->v[h].host, NULL};
		long port = t->v[h].port;
		const struct tlsref *at = nix ? bsearch(&key, ix, nix, sizeof(*ix), tlsref_cmp) : NULL;
		while (at && at > ix && strcmp(at[-1].host, key.host) == 0)
			at--;
		for (; at && at < ix + nix && strcmp(at->host, key.host) == 0 &&
		     added < PROBE_MAX_SAN; at++) {
		const sc_tls_result *r = at->r;
		const sc_cert *leaf = r && sc_tls_result_cert_count(r) ? sc_tls_result_cert(r, 0) : NULL;
		for (size_t k = 0; leaf && k < sc_cert_san_count(leaf) && added < PROBE_MAX_SAN; k++) {
			const char *sn = sc_cert_san(leaf, k);
			char name[256];
			if (sn == NULL || sn[0] == '*' || !canon_name(sn, strlen(sn), name) ||
			    !under_domain(t, name) || has_target(t, name, port))
				continue;
			if (*budget == 0 || !add_target(t, name, port, true))
				break;
			(*budget)--;
			added++;
		}
		}
	}
	return changed + added;
}

/* The probe's manifest: the names alone, or the claims with the names. */
static int
manifest_for(const struct env *e, const struct targets *t, sc_manifest **ret)
{
	if (e->claims == NULL)
		return build_manifest(t, ret);
	const char **hosts = t->n ? calloc(t->n, sizeof(*hosts)) : NULL;
	long *ports = t->n ? calloc(t->n, sizeof(*ports)) : NULL;
	const char **doms = t->ndomains ? calloc(t->ndomains, sizeof(*doms)) : NULL;
	if ((t->n && (!hosts || !ports)) || (t->ndomains && !doms)) {
		free(hosts);
		free(ports);
		free(doms);
		return cli_fail(EXIT_RUNTIME, "out of memory");
	}
	for (size_t i = 0; i < t->n; i++) {
		hosts[i] = t->v[i].host;
		ports[i] = t->v[i].port;
	}
	for (size_t i = 0; i < t->ndomains; i++)
		doms[i] = t->domains[i];
	sc_diags *d = sc_diags_new();
	sc_status st = d ? sc_manifest_with_names(e->claims, hosts, ports, t->n, doms, t->ndomains,
	                                          d, ret) : SC_ERR_NOMEM;
	if (d) {
		sc_diags_sort(d);
		cli_print_diags(d);
		sc_diags_free(d);
	}
	free(hosts);
	free(ports);
	free(doms);
	if (st == SC_ERR_USAGE)
		return cli_fail(EXIT_INPUT, "--claims: the claims manifest could not be extended");
	return st == SC_OK ? EXIT_PASS : cli_exit_for(st);
}

static void
print_gone(char (*gone)[256], size_t ngone)
{
	for (size_t i = 0; i < ngone; i++)
		printf("%s%s", i ? ", " : "\nnot probed (no such name, or no address): ",
		       cli_vis(gone[i]));
	if (ngone)
		printf("\n");
}

static int
probe_one(struct env *e, int nargs, char **args)
{
	struct targets t;
	memset(&t, 0, sizeof(t));
	int rc = EXIT_PASS;
	for (int i = 0; i < nargs && rc == EXIT_PASS; i++)
		rc = parse_arg(&t, args[i]);
	sc_manifest *m = NULL;
	sc_evidence *ev = NULL;
	sc_filing *f = NULL;
	char *text = NULL;
	static char gone[16][256];
	size_t ngone = 0;
	if (rc != EXIT_PASS || (rc = manifest_for(e, &t, &m)) != EXIT_PASS ||
	    (rc = cli_collect(m, &e->ca, e->geo, &ev)) != EXIT_PASS)
		goto out;
	size_t before = t.n, nix = 0;
	struct tlsref *ix = tls_index(ev, &nix);
	size_t budget = PROBE_MAX_NAMES;
	size_t changed = expand(&t, ev, ix, nix, e->san, e->mx, &budget, gone, &ngone);
	free(ix);
	if (changed) {
		if (!e->quiet && t.n + ngone > before)
			fprintf(stderr, "sovcheck: probe: %zu more name%s from the certificates\n",
			        t.n + ngone - before, t.n + ngone - before == 1 ? "" : "s");
		sc_evidence_free(ev);
		ev = NULL;
		sc_manifest_free(m);
		m = NULL;
		if ((rc = manifest_for(e, &t, &m)) != EXIT_PASS ||
		    (rc = cli_collect(m, &e->ca, e->geo, &ev)) != EXIT_PASS)
			goto out;
	}
	if (e->geo == NULL && sc_evidence_has_dns(ev) && !e->quiet)
		cli_warn_no_geo();
	bool document = e->outdir != NULL &&
	                (e->ro->formats & (1u << SC_FORMAT_MD | 1u << SC_FORMAT_HTML));
	if ((rc = cli_build_filing(m, &e->in, ev, e->date, document, NULL, NULL, &f)) != EXIT_PASS)
		goto out;
	if (!e->quiet)
		cli_warn_stale(f);
	sc_err err;
	sc_err_clear(&err);
	sc_status st;
	if (e->outdir && (st = sc_filing_write(f, e->outdir, e->ro, &err)) != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	rc = sc_filing_exit_code(f);
	if (!e->quiet) {
		if ((text = sc_filing_profile_text(f)) == NULL) {
			rc = cli_fail(EXIT_RUNTIME, "out of memory");
			goto out;
		}
		fputs(text, stdout);
		print_gone(gone, ngone);
		if (e->verbose)
			cli_print_verdicts(f, true, e->outdir);
		else if (e->outdir)
			printf("\nwritten: %s (profile.json, profile.<lang>.md, findings.json)\n",
			       cli_vis(e->outdir));
	}
out:
	free(text);
	sc_filing_free(f);
	sc_evidence_free(ev);
	sc_manifest_free(m);
	targets_free(&t);
	return rc;
}

/* ------------------------------------------------------------- batch */

static const char *
worst_word(int rc)
{
	return rc == EXIT_PASS ? "pass" : rc == EXIT_FAIL ? "FAIL (a requirement fails)" :
	       rc == EXIT_UNKNOWN ? "unknown (evidence missing)" : "error";
}

#define BATCH_MAX_SUPPLIERS 5000u
#define BATCH_CHUNK_NAMES 6000u   /* names a chunk starts with: one collection's memory */
#define BATCH_CHUNK_ROOM 3000u    /* names its certificates and mail may add */
#define BATCH_MAX_BYTES (16u << 20)

struct supplier {
	char *name, *domains, *criticality, *function;
	unsigned line;
	struct targets t;
	char *problem;
	sc_manifest *m;
	sc_filing *f;
	const sc_evidence *ev;   /* its chunk's collection (borrowed) */
};

/* A growing field. */
struct fbuf {
	char *s;
	size_t n, cap;
	bool oom;
};

static void
fb_add(struct fbuf *f, char c)
{
	if (f->oom)
		return;
	if (f->n + 2 > f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		char *x = realloc(f->s, cap);
		if (x == NULL) {
			f->oom = true;
			return;
		}
		f->s = x;
		f->cap = cap;
	}
	f->s[f->n++] = c;
	f->s[f->n] = '\0';
}

/* The fields of one CSV record (RFC 4180) at *p; false at the end. A
 * quoted field may hold commas, line breaks and doubled quotes. */
static bool
csv_record(const char **p, const char *end, char **fields, size_t max, size_t *ret_n,
           bool *ret_bad)
{
	*ret_n = 0;
	*ret_bad = false;
	if (*p >= end)
		return false;
	const char *s = *p;
	for (;;) {
		struct fbuf f = {NULL, 0, 0, false};
		fb_add(&f, '\0');     /* an empty field is "" */
		f.n = 0;
		if (s < end && *s == '"') {
			for (s++;; s++) {
				if (s >= end) {
					*ret_bad = true;
					break;
				}
				if (*s == '"') {
					if (s + 1 < end && s[1] == '"') {
						fb_add(&f, '"');
						s++;
						continue;
					}
					s++;
					break;
				}
				fb_add(&f, *s);
			}
		} else {
			for (; s < end && *s != ',' && *s != '\n' && *s != '\r'; s++)
				fb_add(&f, *s);
		}
		if (f.oom)
			*ret_bad = true;
		if (*ret_n < max && !f.oom)
			fields[(*ret_n)++] = f.s;
		else
			free(f.s);
		if (s < end && *s == ',') {
			s++;
			continue;
		}
		if (s < end && *s == '\r')
			s++;
		if (s < end && *s == '\n')
			s++;
		break;
	}
	*p = s;
	return true;
}

static int
read_batch(const char *path, struct supplier **ret, size_t *ret_n)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return cli_fail(EXIT_INPUT, "%s: cannot open the supplier list", cli_vis(path));
	char *buf = malloc(BATCH_MAX_BYTES + 1);
	size_t len = buf ? fread(buf, 1, BATCH_MAX_BYTES + 1, fp) : 0;
	fclose(fp);
	if (buf == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	if (len > BATCH_MAX_BYTES) {
		free(buf);
		return cli_fail(EXIT_INPUT, "%s: larger than 16 MiB", cli_vis(path));
	}
	buf[len] = '\0';
	const char *p = buf, *end = buf + len;
	char *fields[16];
	size_t nf;
	bool bad;
	int col[4] = {-1, -1, -1, -1};   /* supplier, domains, criticality, function */
	static const char *const names[4] = {"supplier", "domains", "criticality", "function"};
	if (!csv_record(&p, end, fields, 16, &nf, &bad) || bad) {
		free(buf);
		return cli_fail(EXIT_INPUT, "%s:1: no header row (supplier,domains[,criticality]"
		                "[,function])", cli_vis(path));
	}
	for (size_t i = 0; i < nf; i++) {
		for (int k = 0; k < 4; k++)
			if (strcasecmp(fields[i], names[k]) == 0)
				col[k] = (int)i;
		free(fields[i]);
	}
	if (col[0] < 0 || col[1] < 0) {
		free(buf);
		return cli_fail(EXIT_INPUT, "%s:1: the header names no 'supplier' and 'domains' "
		                "columns", cli_vis(path));
	}
	struct supplier *v = NULL;
	size_t n = 0, cap = 0;
	unsigned line = 1;
	int rc = EXIT_PASS;
	while (rc == EXIT_PASS && csv_record(&p, end, fields, 16, &nf, &bad)) {
		line++;
		bool blank = nf == 1 && fields[0][0] == '\0';
		if (bad)
			rc = cli_fail(EXIT_INPUT, "%s:%u: an unterminated quoted field", cli_vis(path),
			              line);
		else if (!blank && n == BATCH_MAX_SUPPLIERS)
			rc = cli_fail(EXIT_INPUT, "%s:%u: more than %u suppliers", cli_vis(path), line,
			              BATCH_MAX_SUPPLIERS);
		if (rc == EXIT_PASS && !blank) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				struct supplier *x = realloc(v, cap * sizeof(*v));
				if (x == NULL) {
					rc = cli_fail(EXIT_RUNTIME, "out of memory");
					goto next;
				}
				v = x;
			}
			struct supplier *s = &v[n++];
			memset(s, 0, sizeof(*s));
			s->line = line;
			s->name = strdup((size_t)col[0] < nf ? fields[col[0]] : "");
			s->domains = strdup((size_t)col[1] < nf ? fields[col[1]] : "");
			s->criticality = strdup(col[2] >= 0 && (size_t)col[2] < nf ? fields[col[2]] : "");
			s->function = strdup(col[3] >= 0 && (size_t)col[3] < nf ? fields[col[3]] : "");
			if (!s->name || !s->domains || !s->criticality || !s->function)
				rc = cli_fail(EXIT_RUNTIME, "out of memory");
		}
next:
		for (size_t i = 0; i < nf; i++)
			free(fields[i]);
	}
	free(buf);
	*ret = v;
	*ret_n = n;
	return rc;
}

static void
suppliers_free(struct supplier *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].domains);
		free(v[i].criticality);
		free(v[i].function);
		free(v[i].problem);
		targets_free(&v[i].t);
		sc_filing_free(v[i].f);
		sc_manifest_free(v[i].m);
	}
	free(v);
}

/* One collection for every supplier's names. */
static int
collect_all(struct env *e, struct supplier *v, size_t n, sc_manifest **ret_m,
            sc_evidence **ret_ev)
{
	struct targets all;
	memset(&all, 0, sizeof(all));
	int rc = EXIT_PASS;
	for (size_t i = 0; i < n && rc == EXIT_PASS; i++) {
		if (v[i].problem)
			continue;
		for (size_t k = 0; k < v[i].t.n; k++)
			if (!has_target(&all, v[i].t.v[k].host, v[i].t.v[k].port)) {
				/* the union may hold more than one supplier's limit */
				if (all.n == all.cap) {
					size_t c = all.cap ? all.cap * 2 : 64;
					struct target *x = realloc(all.v, c * sizeof(*x));
					if (x == NULL) {
						rc = cli_fail(EXIT_RUNTIME, "out of memory");
						break;
					}
					all.v = x;
					all.cap = c;
				}
				all.v[all.n++] = v[i].t.v[k];
			}
		for (size_t k = 0; k < v[i].t.ndomains; k++)
			(void)name_add(&all.domains, &all.ndomains, &all.capd, SIZE_MAX, v[i].t.domains[k]);
	}
	if (rc == EXIT_PASS && (rc = build_manifest(&all, ret_m)) == EXIT_PASS)
		rc = cli_collect(*ret_m, &e->ca, e->geo, ret_ev);
	targets_free(&all);
	return rc;
}

static int
probe_batch(struct env *e, const char *path)
{
	struct supplier *v = NULL;
	size_t n = 0;
	int rc = read_batch(path, &v, &n);
	sc_manifest **ms = NULL;      /* one collection per chunk of suppliers */
	sc_evidence **evs = NULL;
	size_t nchunks = 0, capchunks = 0;
	sc_batch *b = NULL;
	if (rc != EXIT_PASS)
		goto out;
	if (n == 0) {
		rc = cli_fail(EXIT_INPUT, "%s: no supplier", cli_vis(path));
		goto out;
	}
	/* each supplier's names; a bad one is reported, not fatal */
	for (size_t i = 0; i < n; i++) {
		char *save = NULL, *d = strdup(v[i].domains);
		int r = d ? EXIT_PASS : EXIT_RUNTIME;
		size_t k = 0;
		for (char *tok = d ? strtok_r(d, " \t;", &save) : NULL; tok && r == EXIT_PASS;
		     tok = strtok_r(NULL, " \t;", &save), k++)
			r = parse_arg(&v[i].t, tok);
		free(d);
		if (r != EXIT_PASS || k == 0) {
			char why[300];
			snprintf(why, sizeof(why), "line %u: %s", v[i].line,
			         k == 0 ? "no domain or URL" : "a domain or URL is not valid (see above)");
			v[i].problem = strdup(why);
		}
	}
	/* Collections of at most BATCH_CHUNK_NAMES names each (one
	 * collection's memory is bounded), the certificates' and mail
	 * exchangers' names added within BATCH_CHUNK_ROOM; each supplier judged
	 * on its chunk's evidence. */
	for (size_t lo = 0; lo < n;) {
		size_t hi = lo, names = 0;
		while (hi < n && (hi == lo || names + v[hi].t.n <= BATCH_CHUNK_NAMES)) {
			names += v[hi].problem ? 0 : v[hi].t.n;
			hi++;
		}
		if (nchunks == capchunks) {
			size_t c = capchunks ? capchunks * 2 : 4;
			sc_manifest **xm = realloc(ms, c * sizeof(*xm));
			if (xm)
				ms = xm;
			sc_evidence **xe = realloc(evs, c * sizeof(*xe));
			if (xe)
				evs = xe;
			if (xm == NULL || xe == NULL) {
				rc = cli_fail(EXIT_RUNTIME, "out of memory");
				goto out;
			}
			capchunks = c;
		}
		sc_manifest *cm = NULL;
		sc_evidence *cev = NULL;
		size_t valid = 0;
		for (size_t i = lo; i < hi; i++)
			valid += v[i].problem == NULL;
		if (valid && (rc = collect_all(e, v + lo, hi - lo, &cm, &cev)) != EXIT_PASS)
			goto out;
		size_t changed = 0, nix = 0, budget = BATCH_CHUNK_ROOM;
		struct tlsref *ix = cev ? tls_index(cev, &nix) : NULL;
		for (size_t i = lo; i < hi; i++) {
			char gone[16][256];
			size_t ngone = 0;
			if (!v[i].problem && cev)
				changed += expand(&v[i].t, cev, ix, nix, e->san, e->mx, &budget, gone, &ngone);
		}
		free(ix);
		if (changed) {
			sc_evidence_free(cev);
			cev = NULL;
			sc_manifest_free(cm);
			cm = NULL;
			if ((rc = collect_all(e, v + lo, hi - lo, &cm, &cev)) != EXIT_PASS)
				goto out;
		}
		ms[nchunks] = cm;
		evs[nchunks++] = cev;
		for (size_t i = lo; i < hi; i++)
			v[i].ev = cev;
		if (cev && e->geo == NULL && sc_evidence_has_dns(cev) && !e->quiet && nchunks == 1)
			cli_warn_no_geo();
		if (!e->quiet && (lo > 0 || hi < n))
			fprintf(stderr, "sovcheck: probe: suppliers %zu to %zu collected\n", lo + 1, hi);
		lo = hi;
	}
	if ((b = sc_batch_new()) == NULL) {
		rc = cli_fail(EXIT_RUNTIME, "out of memory");
		goto out;
	}
	sc_err err;
	sc_err_clear(&err);
	int worst = EXIT_PASS;
	for (size_t i = 0; i < n; i++) {
		struct supplier *s = &v[i];
		if (!s->problem && s->t.n == 0 && s->t.ndomains == 0)
			s->problem = strdup("none of its names exists");
		if (!s->problem && ((rc = build_manifest(&s->t, &s->m)) != EXIT_PASS ||
		                    (rc = cli_build_filing(s->m, &e->in, s->ev, e->date, false, NULL,
		                                           NULL, &s->f)) != EXIT_PASS)) {
			if (rc == EXIT_RUNTIME)
				goto out;
			s->problem = strdup("it could not be judged (see above)");
		}
		rc = EXIT_PASS;
		if (s->f) {
			int x = sc_filing_exit_code(s->f);
			if (x == EXIT_FAIL || (x == EXIT_UNKNOWN && worst == EXIT_PASS))
				worst = x;
		}
		sc_status st = sc_batch_add(b, s->name, s->criticality, s->function, s->f, s->problem,
		                            &err);
		if (st != SC_OK) {
			cli_print_err(&err);
			rc = cli_exit_for(st);
			goto out;
		}
		if (!e->quiet) {
			printf("%-32s ", cli_vis(s->name));
			if (s->problem)
				printf("not probed: %s\n", cli_vis(s->problem));
			else
				printf("%s\n", worst_word(sc_filing_exit_code(s->f)));
		}
	}
	sc_status st = sc_batch_write(b, e->outdir, e->ro, &err);
	if (st != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	if (!e->quiet)
		printf("\n%zu suppliers; written: %s (profiles.json, comparison.<lang>.md, "
		       "concentration.json, providers.csv)\n", n, cli_vis(e->outdir));
	rc = worst;
out:
	sc_batch_free(b);
	suppliers_free(v, n);
	for (size_t i = 0; i < nchunks; i++) {
		sc_evidence_free(evs[i]);
		sc_manifest_free(ms[i]);
	}
	free(evs);
	free(ms);
	return rc;
}

int
cmd_probe(int argc, char **argv)
{
	const char *outdir = NULL, *pack_id = "supplier-outside-in", *date = NULL;
	bool quiet = false, verbose = false, no_progress = false, san = true;
	bool mx = true;
	const char *batch = NULL, *claims = NULL;
	bool pack_given = false;
	static cli_collect_cmdline co;   /* the collection options (cli.h) */
	memset(&co, 0, sizeof(co));
	sc_render_opts ro;
	cli_render_defaults(&ro, 1u << SC_FORMAT_JSON | 1u << SC_FORMAT_MD | 1u << SC_FORMAT_EVIDENCE);
	ro.profile = true;
	bool published = true;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:qv", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(help, stdout);
			fputs(help2, stdout);
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
		case OPT_PACK: pack_id = optarg; pack_given = true; break;
		case OPT_DATE:
			if (!sc_date_parse(optarg, NULL, NULL, NULL))
				return cli_fail(EXIT_USAGE, "--date: '%s' is not a date YYYY-MM-DD", optarg);
			date = optarg;
			break;
		case OPT_NO_PROGRESS: no_progress = true; break;
		case OPT_NO_SAN: san = false; break;
		case OPT_NO_MX: mx = false; break;
		case OPT_NO_PUBLISHED: published = false; break;
		case OPT_BATCH: batch = optarg; break;
		case OPT_CLAIMS: claims = optarg; break;
		case ':':
			return cli_fail(EXIT_USAGE, "probe: option '%s' needs a value", argv[optind - 1]);
		default: {
			int k = cli_collect_option(&co, c, optarg);
			if (k == 1)
				break;
			if (k < 0)
				return EXIT_USAGE;
			return cli_fail(EXIT_USAGE, "probe: unknown option '%s' (see 'sovcheck probe "
			                "--help')", argv[optind - 1]);
		}
		}
	}
	if (batch && optind < argc)
		return cli_fail(EXIT_USAGE, "probe: give names or --batch FILE, not both");
	if (batch && claims)
		return cli_fail(EXIT_USAGE, "probe: --claims checks one supplier's claims: not with "
		                "--batch");
	if (claims && !pack_given)
		pack_id = "supplier-claims";
	if (batch && outdir == NULL)
		return cli_fail(EXIT_USAGE, "probe --batch writes its comparison: give -o DIR");
	if (!batch && optind >= argc) {
		fputs(help, stderr);
		fputs(help2, stderr);
		return EXIT_USAGE;
	}
	char today[11];
	if (date == NULL) {
		cli_today(today);
		date = today;
	}
	struct env e = {
		.ca = cli_collect_from(&co, date, !no_progress && !quiet && isatty(STDERR_FILENO)),
		.san = san, .mx = mx, .quiet = quiet, .verbose = verbose, .date = date, .outdir = outdir,
		.ro = &ro,
	};
	e.ca.discover = published;
	int rc;
	if (claims) {
		sc_diags *d = sc_diags_new();
		if (d == NULL)
			return cli_fail(EXIT_RUNTIME, "out of memory");
		sc_status st = sc_manifest_load(claims, d, &e.claims);
		sc_diags_sort(d);
		cli_print_diags(d);
		sc_diags_free(d);
		if (st != SC_OK)
			return cli_exit_for(st);
	}
	if ((rc = cli_load_inputs(pack_id, co.registries, co.nreg, &e.in)) != EXIT_PASS ||
	    (rc = cli_open_geo(co.geodbs, co.ngeodb, true, &e.geo)) != EXIT_PASS) {
		cli_inputs_free(&e.in);
		sc_manifest_free(e.claims);
		return rc;
	}
	rc = batch ? probe_batch(&e, batch) : probe_one(&e, argc - optind, argv + optind);
	sc_manifest_free(e.claims);
	sc_geo_close(e.geo);
	cli_inputs_free(&e.in);
	return rc;
}
