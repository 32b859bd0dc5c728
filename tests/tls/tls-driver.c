/*
 * tls-driver — runs the TLS capture or the PEM source through the public
 * API and prints the results as JSON (or, with --summary, one line of
 * figures for the benchmark).
 *
 *   tls-driver [options] TARGET...     TARGET = [HOST@]ADDRESS:PORT[/smtp]
 *   tls-driver [options] --pem PATH [HOST]
 *   tls-driver [options] --evidence FILE   (a JSON array this driver printed)
 *
 * Options: --jobs N, --threads N, --connect-timeout MS, --handshake-timeout MS,
 * --trust FILE, --registry DIR, --targets FILE (one TARGET a line),
 * --repeat N, --summary, --at UNIXTIME (PEM source).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "sovcheck.h"

static bool
parse_ulong(const char *s, unsigned long max, unsigned long *ret)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v > max)
		return false;
	*ret = v;
	return true;
}

/* [HOST@]ADDRESS:PORT[/smtp]; ADDRESS may be [v6]. Modifies s. */
static bool
parse_target(char *s, sc_tls_target *t)
{
	memset(t, 0, sizeof(*t));
	size_t n = strlen(s);
	if (n > 6 && strcmp(s + n - 5, "/smtp") == 0) {
		t->starttls_smtp = true;
		s[n - 5] = '\0';
	}
	char *at = strchr(s, '@');
	if (at != NULL) {
		*at = '\0';
		t->host = s;
		s = at + 1;
	}
	char *colon = strrchr(s, ':');
	if (colon == NULL)
		return false;
	*colon = '\0';
	unsigned long port;
	if (!parse_ulong(colon + 1, 65535, &port))
		return false;
	t->port = (uint16_t)port;
	if (s[0] == '[') {
		size_t l = strlen(s);
		if (l < 2 || s[l - 1] != ']')
			return false;
		s[l - 1] = '\0';
		s++;
	}
	t->address = s;
	return true;
}

static int
usage(void)
{
	fprintf(stderr, "usage: tls-driver [--jobs N] [--threads N] [--connect-timeout MS] "
	        "[--handshake-timeout MS] [--trust FILE] [--registry PATH] [--targets FILE] "
	        "[--repeat N] [--summary] [--at T] (TARGET... | --pem PATH [HOST] | --evidence FILE)\n");
	return 64;
}

static sc_registry *
load_registry(const char *path)
{
	sc_diags *d = sc_diags_new();
	sc_registry *reg = NULL;
	if (d == NULL)
		return NULL;
	sc_status st = sc_registry_load_dir(path, d, &reg);
	for (size_t i = 0; d != NULL && i < sc_diags_count(d); i++) {
		const sc_diag *g = sc_diags_get(d, i);
		fprintf(stderr, "tls-driver: %s:%u:%u: %s\n", g->file ? g->file : "", g->line, g->col,
		        g->msg);
	}
	sc_diags_free(d);
	if (st != SC_OK) {
		sc_registry_free(reg);
		return NULL;
	}
	return reg;
}

static json_t *
result_json(const sc_tls_result *r, const sc_registry *reg)
{
	json_t *j = sc_tls_result_to_json(r);
	if (j != NULL && reg != NULL) {
		sc_tls_owner o;
		if (sc_tls_result_owner(r, reg, &o, NULL) == SC_OK)
			json_object_set_new(j, "owner", sc_tls_owner_to_json(&o));
	}
	return j;
}

int
main(int argc, char **argv)
{
	sc_tls_opts opts = {0};
	const char *targets_file = NULL, *pem = NULL, *pem_host = NULL, *registry = NULL;
	const char *evidence = NULL;
	unsigned long repeat = 1, v, at = 0;
	bool summary = false;
	int rc = 4, i;
	sc_tls_target *targets = NULL;
	size_t n = 0, cap = 0;
	char **lines = NULL;
	size_t nlines = 0;
	sc_tls *tls = NULL;
	sc_registry *reg = NULL;
	sc_err err;
	sc_err_clear(&err);

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		const char *o = argv[i];
		const char *a = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(o, "--summary") == 0) {
			summary = true;
			continue;
		}
		if (a == NULL)
			return usage();
		i++;
		if (strcmp(o, "--jobs") == 0 && parse_ulong(a, 100000, &v))
			opts.jobs = (unsigned)v;
		else if (strcmp(o, "--threads") == 0 && parse_ulong(a, 1000, &v))
			opts.threads = (unsigned)v;
		else if (strcmp(o, "--connect-timeout") == 0 && parse_ulong(a, 600000, &v))
			opts.connect_timeout_ms = (unsigned)v;
		else if (strcmp(o, "--handshake-timeout") == 0 && parse_ulong(a, 600000, &v))
			opts.handshake_timeout_ms = (unsigned)v;
		else if (strcmp(o, "--trust") == 0)
			opts.trust_file = a;
		else if (strcmp(o, "--registry") == 0)
			registry = a;
		else if (strcmp(o, "--targets") == 0)
			targets_file = a;
		else if (strcmp(o, "--evidence") == 0)
			evidence = a;
		else if (strcmp(o, "--repeat") == 0 && parse_ulong(a, 100000, &repeat) && repeat > 0)
			;
		else if (strcmp(o, "--at") == 0 && parse_ulong(a, 4102444800ul, &at))
			;
		else if (strcmp(o, "--pem") == 0) {
			pem = a;
			if (i + 1 < argc)
				pem_host = argv[++i];
		} else
			return usage();
	}
	if (registry != NULL && (reg = load_registry(registry)) == NULL) {
		fprintf(stderr, "tls-driver: cannot load the registry %s\n", registry);
		return 3;
	}
	if (sc_tls_new(&opts, &tls, &err) != SC_OK) {
		fprintf(stderr, "tls-driver: %s: %s\n", err.file, err.msg);
		goto out;
	}
	if (evidence != NULL) {
		json_error_t jerr;
		json_t *in = json_load_file(evidence, 0, &jerr);
		if (!json_is_array(in)) {
			fprintf(stderr, "tls-driver: %s: %s\n", evidence, jerr.text);
			json_decref(in);
			rc = 3;
			goto out;
		}
		json_t *a = json_array();
		for (size_t k = 0; k < json_array_size(in); k++) {
			sc_tls_result *r = NULL;
			if (sc_tls_result_from_json(json_array_get(in, k), &r, &err) != SC_OK) {
				fprintf(stderr, "tls-driver: %s: result %zu: %s\n", evidence, k, err.msg);
				json_decref(a);
				json_decref(in);
				rc = 3;
				goto out;
			}
			json_array_append_new(a, result_json(r, reg));
			sc_tls_result_free(r);
		}
		char *s = json_dumps(a, JSON_INDENT(1));
		if (s != NULL)
			puts(s);
		free(s);
		json_decref(a);
		json_decref(in);
		rc = 0;
		goto out;
	}
	if (pem != NULL) {
		sc_tls_result *r = NULL;
		if (sc_tls_pem_load(tls, pem, pem_host, (int64_t)at, &r, &err) != SC_OK) {
			fprintf(stderr, "tls-driver: %s: %s\n", err.file, err.msg);
			rc = sc_status_is_input_error(err.code) ? 3 : 4;
			goto out;
		}
		json_t *a = json_array();
		json_array_append_new(a, result_json(r, reg));
		char *s = json_dumps(a, JSON_INDENT(1));
		if (s != NULL)
			puts(s);
		free(s);
		json_decref(a);
		sc_tls_result_free(r);
		rc = 0;
		goto out;
	}
	if (targets_file != NULL) {
		FILE *f = fopen(targets_file, "r");
		char buf[1024];
		if (f == NULL) {
			perror(targets_file);
			goto out;
		}
		while (fgets(buf, sizeof(buf), f) != NULL) {
			buf[strcspn(buf, "\r\n")] = '\0';
			if (buf[0] == '\0' || buf[0] == '#')
				continue;
			char **p = realloc(lines, (nlines + 1) * sizeof(*p));
			if (p == NULL || (p[nlines] = strdup(buf)) == NULL) {
				lines = p ? p : lines;
				fclose(f);
				goto out;
			}
			lines = p;
			nlines++;
		}
		fclose(f);
	}
	for (size_t k = 0; k < nlines + (size_t)(argc - i); k++) {
		char *s = k < nlines ? lines[k] : argv[i + (int)(k - nlines)];
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			sc_tls_target *p = realloc(targets, cap * sizeof(*p));
			if (p == NULL)
				goto out;
			targets = p;
		}
		if (!parse_target(s, &targets[n])) {
			fprintf(stderr, "tls-driver: bad target %s\n", s);
			rc = 64;
			goto out;
		}
		n++;
	}
	if (n == 0)
		return usage();

	struct timespec t0, t1;
	size_t counts[SC_TLS_REASON_COUNT] = {0};
	size_t chains = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (unsigned long r = 0; r < repeat; r++) {
		sc_tls_results *rs = NULL;
		if (sc_tls_capture(tls, targets, n, &rs, &err) != SC_OK) {
			fprintf(stderr, "tls-driver: %s\n", err.msg);
			goto out;
		}
		for (size_t k = 0; k < sc_tls_results_count(rs); k++) {
			const sc_tls_result *res = sc_tls_results_get(rs, k);
			counts[sc_tls_result_reason(res)]++;
			if (sc_tls_result_cert_count(res) > 0)
				chains++;
		}
		if (!summary && r + 1 == repeat) {
			json_t *a = json_array();
			for (size_t k = 0; k < sc_tls_results_count(rs); k++)
				json_array_append_new(a, result_json(sc_tls_results_get(rs, k), reg));
			char *s = json_dumps(a, JSON_INDENT(1));
			if (s != NULL)
				puts(s);
			free(s);
			json_decref(a);
		}
		sc_tls_results_free(rs);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (summary) {
		double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		printf("targets=%zu repeat=%lu chains=%zu seconds=%.3f chains_per_s=%.0f", n, repeat,
		       chains, el, el > 0 ? (double)chains / el : 0.0);
		for (int k = 0; k < SC_TLS_REASON_COUNT; k++)
			if (counts[k] > 0)
				printf(" %s=%zu", sc_tls_reason_to_string((sc_tls_reason)k), counts[k]);
		printf("\n");
	}
	rc = 0;
out:
	sc_registry_free(reg);
	sc_tls_free(tls);
	free(targets);
	for (size_t k = 0; k < nlines; k++)
		free(lines[k]);
	free(lines);
	return rc;
}
