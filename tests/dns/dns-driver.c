/*
 * dns-driver.c — a small client of the DNS collector API used by the
 * integration suites and the benchmark: reads names from a file, resolves
 * them, prints the result as JSON (or, with --bench, one line of figures).
 *
 *   dns-driver [--resolver ADDR[:PORT]]... [--system FILE] [--zone FILE]...
 *              [--jobs N] [--query-timeout MS] [--retries N] [--timeout MS]
 *              [--clock MS] [--stats] [--bench] NAMES-FILE
 *
 * NAMES-FILE: one name a line; "domain NAME" asks NS + MX (and the
 * addresses of their targets), "both NAME" asks both, "text NAME" TXT and
 * CAA, "spf NAME" TXT and CAA following the SPF tree, "srv NAME" SRV (and
 * the addresses of its targets); '#' starts a comment.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sovcheck.h"

static int64_t
fixed_clock(void *ctx)
{
	return *(const int64_t *)ctx;
}

static int
usage(void)
{
	fprintf(stderr, "usage: dns-driver [--resolver A]... [--system F] [--zone F]... "
	                "[--jobs N] [--query-timeout MS] [--retries N] [--timeout MS] "
	                "[--clock MS] [--stats] [--bench] NAMES-FILE\n");
	return 64;
}

static bool
num(const char *s, unsigned long max, unsigned long *ret)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v > max)
		return false;
	*ret = v;
	return true;
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	sc_dns_opts opts;
	sc_dns_opts_init(&opts);
	const char *resolvers[16], *zones[16], *system_file = NULL, *names_file = NULL;
	size_t nres = 0, nzones = 0;
	bool stats = false, bench = false, use_system = false;
	int64_t clock_ms = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		unsigned long v;
		bool hasval = i + 1 < argc;
		if (strcmp(a, "--resolver") == 0 && hasval && nres < 16)
			resolvers[nres++] = argv[++i];
		else if (strcmp(a, "--zone") == 0 && hasval && nzones < 16)
			zones[nzones++] = argv[++i];
		else if (strcmp(a, "--system") == 0 && hasval) {
			system_file = argv[++i];
			use_system = true;
		} else if (strcmp(a, "--jobs") == 0 && hasval && num(argv[++i], 65536, &v))
			opts.jobs = (unsigned)v;
		else if (strcmp(a, "--query-timeout") == 0 && hasval && num(argv[++i], 600000, &v))
			opts.query_timeout_ms = (unsigned)v;
		else if (strcmp(a, "--retries") == 0 && hasval && num(argv[++i], 20, &v))
			opts.retries = (unsigned)v;
		else if (strcmp(a, "--timeout") == 0 && hasval && num(argv[++i], 3600000, &v))
			opts.timeout_ms = (unsigned)v;
		else if (strcmp(a, "--clock") == 0 && hasval && num(argv[++i], 1ul << 62, &v))
			clock_ms = (int64_t)v;
		else if (strcmp(a, "--stats") == 0)
			stats = true;
		else if (strcmp(a, "--bench") == 0)
			bench = true;
		else if (a[0] != '-' && names_file == NULL)
			names_file = a;
		else
			return usage();
	}
	if (names_file == NULL)
		return usage();
	if (clock_ms != 0) {
		opts.clock = fixed_clock;
		opts.clock_ctx = &clock_ms;
	}

	FILE *f = fopen(names_file, "r");
	if (f == NULL) {
		perror(names_file);
		return 4;
	}
	sc_dns_query *qs = NULL;
	char **names = NULL;
	size_t n = 0, cap = 0;
	char line[1024];
	while (fgets(line, sizeof(line), f) != NULL) {
		char *p = line, *hash = strchr(p, '#');
		if (hash)
			*hash = '\0';
		char *w1 = p + strspn(p, " \t\r\n");
		if (*w1 == '\0')
			continue;
		char *w2 = w1 + strcspn(w1, " \t\r\n");
		if (*w2 != '\0') {
			*w2++ = '\0';
			w2 += strspn(w2, " \t\r\n");
			w2[strcspn(w2, " \t\r\n")] = '\0';
			if (*w2 == '\0')
				w2 = NULL;
		} else {
			w2 = NULL;
		}
		unsigned want = SC_DNS_WANT_ADDR;
		const char *name = w1;
		if (w2 != NULL && strcmp(w1, "domain") == 0) {
			want = SC_DNS_WANT_DOMAIN;
			name = w2;
		} else if (w2 != NULL && strcmp(w1, "both") == 0) {
			want = SC_DNS_WANT_ADDR | SC_DNS_WANT_DOMAIN;
			name = w2;
		} else if (w2 != NULL && strcmp(w1, "text") == 0) {
			want = SC_DNS_WANT_TEXT;
			name = w2;
		} else if (w2 != NULL && strcmp(w1, "spf") == 0) {
			want = SC_DNS_WANT_TEXT | SC_DNS_WANT_SPF;
			name = w2;
		} else if (w2 != NULL && strcmp(w1, "srv") == 0) {
			want = SC_DNS_WANT_SRV;
			name = w2;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			qs = realloc(qs, cap * sizeof(*qs));
			names = realloc(names, cap * sizeof(*names));
			if (qs == NULL || names == NULL) {
				fprintf(stderr, "out of memory\n");
				return 4;
			}
		}
		names[n] = strdup(name);
		qs[n].name = names[n];
		qs[n].want = want;
		n++;
	}
	fclose(f);

	sc_err err;
	sc_err_clear(&err);
	sc_dns *dns = NULL;
	sc_dns_result *res = NULL;
	int rc = 0;
	sc_status st = sc_dns_new(&opts, &dns, &err);
	if (st == SC_OK && use_system)
		st = sc_dns_add_system(dns, system_file, &err);
	for (size_t i = 0; st == SC_OK && i < nres; i++)
		st = sc_dns_add_resolver(dns, resolvers[i], &err);
	for (size_t i = 0; st == SC_OK && i < nzones; i++)
		st = sc_dns_add_zone(dns, zones[i], &err);
	double t0 = now_s();
	if (st == SC_OK)
		st = sc_dns_resolve(dns, qs, n, &res, &err);
	double t1 = now_s();
	if (st != SC_OK) {
		fprintf(stderr, "dns-driver: %s%s%s: %s\n", err.file,
		        err.line ? ":" : "", err.line ? "line" : "", err.msg);
		rc = sc_status_is_input_error(st) ? 3 : 4;
		goto out;
	}
	const sc_dns_stats *s = sc_dns_result_stats(res);
	if (bench) {
		size_t ok = 0, chains = 0;
		for (size_t i = 0; i < sc_dns_result_count(res); i++) {
			const sc_dns_entry *e = sc_dns_result_get(res, i);
			ok += e->answers[0].reason == SC_DNS_OK;
			chains += e->answers[0].chain_len > 0;
		}
		double wall = t1 - t0;
		printf("names=%zu ok=%zu with_cname=%zu wall=%.3f rate=%.0f queries=%llu "
		       "retries=%llu timeouts=%llu\n", n, ok, chains, wall,
		       wall > 0 ? (double)n / wall : 0.0, (unsigned long long)s->queries,
		       (unsigned long long)s->retries, (unsigned long long)s->timeouts);
		goto out;
	}
	json_t *j = sc_dns_result_to_json(res);
	if (j != NULL && stats) {
		json_object_set_new(j, "stats", json_pack(
			"{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}",
			"queries", (json_int_t)s->queries, "retries", (json_int_t)s->retries,
			"tcp", (json_int_t)s->tcp, "timeouts", (json_int_t)s->timeouts,
			"responses", (json_int_t)s->responses,
			"dropped_source", (json_int_t)s->dropped_source,
			"dropped_id", (json_int_t)s->dropped_id,
			"dropped_question", (json_int_t)s->dropped_question,
			"malformed", (json_int_t)s->malformed));
		json_object_set_new(j, "wall_ms", json_integer((json_int_t)((t1 - t0) * 1000)));
	}
	if (j == NULL || json_dumpf(j, stdout, JSON_INDENT(1)) != 0) {
		fprintf(stderr, "dns-driver: cannot write JSON\n");
		rc = 4;
	}
	putchar('\n');
	json_decref(j);
out:
	sc_dns_result_free(res);
	sc_dns_free(dns);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(qs);
	return rc;
}
