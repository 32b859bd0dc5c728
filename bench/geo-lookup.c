/*
 * geo-lookup.c — helper of the geo benchmark and tests.
 *
 *   geo-lookup print DB...        look up every address read on stdin with
 *                                 sc_geo_lookup and print one line each:
 *                                 ip TAB country|- TAB asn|- TAB org TAB
 *                                 network TAB country source TAB asn source
 *                                 TAB country input TAB asn input (the
 *                                 inputs our builder records, or -)
 *   geo-lookup bench N SEED DB [REGISTRY_DIR]
 *                                 N random addresses (80 % IPv4), looked up
 *                                 with sc_geo_lookup (and, with a registry,
 *                                 attributed: operator by ASN, ultimate
 *                                 controller and its country) and with bare
 *                                 libmaxminddb loops reading the same fields;
 *                                 prints lookups/s and the ratios.
 *
 * The bench: GEO_BENCH_ROUNDS rounds (default 5, at least 3); in each round
 * every loop runs once over the same addresses, in an order that rotates
 * from round to round; each loop timed by the thread's CPU clock (steadier
 * than the wall clock on a shared machine); figures are medians. The fair
 * peer — the headline — is the sockaddr loop (inet_pton +
 * MMDB_lookup_sockaddr + the same three MMDB_aget_value), the fastest way
 * libmaxminddb offers to answer the same question; sc_geo_lookup is
 * compared with it without and with the registry attribution.
 * MMDB_lookup_string (getaddrinfo per address) is printed for reference.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <maxminddb.h>

#include "sovcheck.h"

static int
do_print(int argc, char **argv)
{
	sc_geo *geo = NULL;
	sc_err err;
	sc_err_clear(&err);
	sc_status st = sc_geo_open((const char *const *)argv, (size_t)argc, &geo, &err);
	if (st != SC_OK) {
		fprintf(stderr, "geo-lookup: %s: %s (%s)\n", err.file, err.msg, sc_strerror(st));
		return 3;
	}
	char line[512];
	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0')
			continue;
		sc_geo_answer a;
		sc_geo_source src[SC_GEO_MAX_DBS];
		size_t nsrc = 0;
		sc_err_clear(&err);
		st = sc_geo_lookup_sources(geo, line, &a, src, SC_GEO_MAX_DBS, &nsrc, &err);
		if (st != SC_OK) {
			printf("%s\tERROR\t%s\t%s\n", line, sc_strerror(st), err.msg);
			continue;
		}
		printf("%s\t%s\t", line, a.found_country ? a.country : "-");
		if (a.found_asn)
			printf("%u", a.asn);
		else
			putchar('-');
		printf("\t%s\t%s\t%s\t%s\t%s\t%s\n", a.found_asn ? a.as_org : "", a.network,
		       a.country_source ? a.country_source : "-", a.asn_source ? a.asn_source : "-",
		       nsrc && src[0].country_input ? src[0].country_input : "-",
		       nsrc && src[0].asn_input ? src[0].asn_input : "-");
	}
	sc_geo_close(geo);
	return 0;
}

#define MAX_ROUNDS 101

/* The loops of the bench, in the order of the first round. */
enum loop_id { LOOP_SOCKADDR, LOOP_STRING, LOOP_OURS, LOOP_SOURCES, LOOP_ATTR, LOOP_COUNT };

/* Median of n values (n >= 1); sorts v. */
static double
median(double *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		double x = v[i];
		size_t j = i;
		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static uint64_t
xorshift(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); /* CPU time: steadier on a busy machine */
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What a program using libmaxminddb directly would do for the same answer. */
static size_t
bare_loop(MMDB_s *mmdb, char (*ips)[48], size_t n)
{
	static const char *const p_cc[] = { "country", "iso_code", NULL };
	static const char *const p_asn[] = { "autonomous_system_number", NULL };
	static const char *const p_org[] = { "autonomous_system_organization", NULL };
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		int gai, me;
		MMDB_lookup_result_s r = MMDB_lookup_string(mmdb, ips[i], &gai, &me);
		if (gai != 0 || me != MMDB_SUCCESS || !r.found_entry)
			continue;
		MMDB_entry_data_s d;
		if (MMDB_aget_value(&r.entry, &d, p_cc) == MMDB_SUCCESS && d.has_data)
			found++;
		if (MMDB_aget_value(&r.entry, &d, p_asn) == MMDB_SUCCESS && d.has_data) {
			found++;
			(void)MMDB_aget_value(&r.entry, &d, p_org);
		}
	}
	return found;
}

/* The same with the address parsed by inet_pton and MMDB_lookup_sockaddr
 * (no getaddrinfo): the fastest way libmaxminddb offers. */
static size_t
bare_sockaddr_loop(MMDB_s *mmdb, char (*ips)[48], size_t n)
{
	static const char *const p_cc[] = { "country", "iso_code", NULL };
	static const char *const p_asn[] = { "autonomous_system_number", NULL };
	static const char *const p_org[] = { "autonomous_system_organization", NULL };
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		struct sockaddr_in sin = { .sin_family = AF_INET };
		struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
		const struct sockaddr *sa;
		if (strchr(ips[i], ':') == NULL) {
			if (inet_pton(AF_INET, ips[i], &sin.sin_addr) != 1)
				continue;
			sa = (const struct sockaddr *)&sin;
		} else {
			if (inet_pton(AF_INET6, ips[i], &sin6.sin6_addr) != 1)
				continue;
			sa = (const struct sockaddr *)&sin6;
		}
		int me;
		MMDB_lookup_result_s r = MMDB_lookup_sockaddr(mmdb, sa, &me);
		if (me != MMDB_SUCCESS || !r.found_entry)
			continue;
		MMDB_entry_data_s d;
		if (MMDB_aget_value(&r.entry, &d, p_cc) == MMDB_SUCCESS && d.has_data)
			found++;
		if (MMDB_aget_value(&r.entry, &d, p_asn) == MMDB_SUCCESS && d.has_data) {
			found++;
			(void)MMDB_aget_value(&r.entry, &d, p_org);
		}
	}
	return found;
}

static size_t
ours_loop(const sc_geo *geo, char (*ips)[48], size_t n)
{
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		sc_geo_answer a;
		if (sc_geo_lookup(geo, ips[i], &a, NULL) != SC_OK)
			continue;
		found += (size_t)a.found_country + (size_t)a.found_asn;
	}
	return found;
}

/* sc_geo_lookup_sources: every database's answer with the input that
 * decided each field, what `check` asks once per distinct address. */
static size_t
sources_loop(const sc_geo *geo, char (*ips)[48], size_t n)
{
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		sc_geo_answer a;
		sc_geo_source src[SC_GEO_MAX_DBS];
		size_t nsrc = 0;
		if (sc_geo_lookup_sources(geo, ips[i], &a, src, SC_GEO_MAX_DBS, &nsrc, NULL) != SC_OK)
			continue;
		found += (size_t)a.found_country + (size_t)a.found_asn;
	}
	return found;
}

/* sc_geo_lookup, then the registry attribution `sovcheck lookup` does. */
static size_t
attributed_loop(const sc_geo *geo, const sc_registry *reg, char (*ips)[48], size_t n)
{
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		sc_geo_answer a;
		if (sc_geo_lookup(geo, ips[i], &a, NULL) != SC_OK)
			continue;
		found += (size_t)a.found_country + (size_t)a.found_asn;
		if (!a.found_asn)
			continue;
		const sc_entity *e = sc_registry_by_asn(reg, a.asn);
		const sc_entity *u = e ? sc_entity_ultimate(e) : NULL;
		if (u != NULL && sc_entity_country(u) != NULL)
			found += 0; /* the controller's country is what reports use */
	}
	return found;
}

static int
do_bench(size_t n, uint64_t seed, const char *path, const char *regdir)
{
	unsigned long rounds = 5;
	const char *rs = getenv("GEO_BENCH_ROUNDS");
	if (rs != NULL) {
		char *end;
		errno = 0;
		rounds = strtoul(rs, &end, 10);
		if (errno != 0 || end == rs || *end != '\0' || rounds < 3 || rounds > MAX_ROUNDS) {
			fprintf(stderr, "geo-lookup: GEO_BENCH_ROUNDS: 3 to %d\n", MAX_ROUNDS);
			return 64;
		}
	}
	if (n == 0 || n > SIZE_MAX / 48) {
		fprintf(stderr, "geo-lookup: N out of range\n");
		return 64;
	}
	char (*ips)[48] = malloc(n * sizeof(*ips));
	if (ips == NULL)
		return 4;
	uint64_t s = seed ? seed : 1;
	for (size_t i = 0; i < n; i++) {
		if (xorshift(&s) % 10 < 8) {
			uint32_t v = (uint32_t)xorshift(&s);
			snprintf(ips[i], sizeof(ips[i]), "%u.%u.%u.%u", v >> 24, (v >> 16) & 255,
			         (v >> 8) & 255, v & 255);
		} else {
			uint8_t b[16];
			uint64_t hi = xorshift(&s), lo = xorshift(&s);
			for (int k = 0; k < 8; k++) {
				b[k] = (uint8_t)(hi >> (56 - 8 * k));
				b[8 + k] = (uint8_t)(lo >> (56 - 8 * k));
			}
			b[0] = (uint8_t)(0x20 | (b[0] & 0x0f)); /* 2000::/4, where the data is */
			inet_ntop(AF_INET6, b, ips[i], sizeof(ips[i]));
		}
	}
	MMDB_s mmdb;
	if (MMDB_open(path, MMDB_MODE_MMAP, &mmdb) != MMDB_SUCCESS) {
		fprintf(stderr, "geo-lookup: cannot open %s\n", path);
		free(ips);
		return 3;
	}
	sc_geo *geo = NULL;
	const char *paths[] = { path };
	if (sc_geo_open(paths, 1, &geo, NULL) != SC_OK) {
		fprintf(stderr, "geo-lookup: sc_geo_open %s failed\n", path);
		MMDB_close(&mmdb);
		free(ips);
		return 3;
	}
	sc_registry *reg = NULL;
	if (regdir != NULL) {
		sc_diags *d = sc_diags_new();
		sc_status rst = d ? sc_registry_load_dir(regdir, d, &reg) : SC_ERR_NOMEM;
		sc_diags_free(d);
		if (rst != SC_OK) {
			fprintf(stderr, "geo-lookup: registry %s: %s\n", regdir, sc_strerror(rst));
			sc_geo_close(geo);
			MMDB_close(&mmdb);
			free(ips);
			return 3;
		}
	}
	/* GEO_BENCH_ONLY=bare|sockaddr|ours|sources|attr: one loop once, for perf stat. */
	const char *only = getenv("GEO_BENCH_ONLY");
	if (only != NULL) {
		size_t f = strcmp(only, "bare") == 0 ? bare_loop(&mmdb, ips, n) :
		           strcmp(only, "sockaddr") == 0 ? bare_sockaddr_loop(&mmdb, ips, n) :
		           strcmp(only, "attr") == 0 && reg != NULL ? attributed_loop(geo, reg, ips, n) :
		           strcmp(only, "sources") == 0 ? sources_loop(geo, ips, n) :
		           ours_loop(geo, ips, n);
		printf("%s: %zu fields\n", only, f);
		sc_registry_free(reg);
		sc_geo_close(geo);
		MMDB_close(&mmdb);
		free(ips);
		return 0;
	}
	double t[LOOP_COUNT][MAX_ROUNDS];
	uint64_t cache_hits = 0, cache_lookups = 0; /* sc_geo_lookup's record cache */
	size_t found[LOOP_COUNT] = {0};
	int nloops = reg != NULL ? LOOP_COUNT : LOOP_ATTR; /* LOOP_ATTR is last */
	for (unsigned long round = 0; round < rounds; round++) {
		for (int k = 0; k < nloops; k++) {
			int which = (int)((round + (unsigned long)k) % (unsigned long)nloops);
			uint64_t h0, l0, h1, l1;
			sc_geo_cache_stats(&h0, &l0);
			double t0 = now();
			switch ((enum loop_id)which) {
			case LOOP_SOCKADDR: found[which] = bare_sockaddr_loop(&mmdb, ips, n); break;
			case LOOP_STRING: found[which] = bare_loop(&mmdb, ips, n); break;
			case LOOP_OURS: found[which] = ours_loop(geo, ips, n); break;
			case LOOP_SOURCES: found[which] = sources_loop(geo, ips, n); break;
			case LOOP_ATTR: found[which] = attributed_loop(geo, reg, ips, n); break;
			case LOOP_COUNT: break;
			}
			t[which][round] = now() - t0;
			sc_geo_cache_stats(&h1, &l1);
			if (which == LOOP_OURS) {
				cache_hits += h1 - h0;
				cache_lookups += l1 - l0;
			}
		}
	}
	double rate[LOOP_COUNT];
	for (int k = 0; k < nloops; k++) {
		double m = median(t[k], (size_t)rounds);
		rate[k] = m > 0 ? (double)n / m : 0.0;
	}
	printf("addresses:            %zu (80%% IPv4, seed %llu); medians of %lu rounds, "
	       "thread CPU time\n", n, (unsigned long long)seed, rounds);
	printf("fields found:         bare sockaddr %zu, bare string %zu, sc_geo_lookup %zu, "
	       "with sources %zu\n", found[LOOP_SOCKADDR], found[LOOP_STRING], found[LOOP_OURS],
	       found[LOOP_SOURCES]);
	printf("bare, sockaddr:       %.0f lookups/s (inet_pton + MMDB_lookup_sockaddr + "
	       "3 MMDB_aget_value: the fair peer)\n", rate[LOOP_SOCKADDR]);
	printf("bare, string:         %.0f lookups/s (MMDB_lookup_string + 3 MMDB_aget_value, "
	       "for reference)\n", rate[LOOP_STRING]);
	printf("sc_geo_lookup:        %.0f lookups/s (its per-thread record cache answered "
	       "%.1f %% of the records met)\n", rate[LOOP_OURS],
	       cache_lookups ? 100.0 * (double)cache_hits / (double)cache_lookups : 0.0);
	printf("with sources:         %.0f lookups/s (sc_geo_lookup_sources: each database's "
	       "answer and the input that decided it, what check asks per distinct address; "
	       "%.1f %% of bare sockaddr)\n", rate[LOOP_SOURCES],
	       100.0 * rate[LOOP_SOURCES] / rate[LOOP_SOCKADDR]);
	if (reg != NULL)
		printf("+ attribution:        %.0f lookups/s (sc_geo_lookup + sc_registry_by_asn + "
		       "sc_entity_ultimate)\n", rate[LOOP_ATTR]);
	printf("sc_geo_lookup / bare sockaddr:                 %.1f %%  (for reference: %.1f %% "
	       "of bare string)\n", 100.0 * rate[LOOP_OURS] / rate[LOOP_SOCKADDR],
	       100.0 * rate[LOOP_OURS] / rate[LOOP_STRING]);
	if (reg != NULL)
		printf("sc_geo_lookup + attribution / bare sockaddr:   %.1f %%  (target >= 90 %%)\n",
		       100.0 * rate[LOOP_ATTR] / rate[LOOP_SOCKADDR]);
	sc_registry_free(reg);
	sc_geo_close(geo);
	MMDB_close(&mmdb);
	free(ips);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "print") == 0)
		return do_print(argc - 2, argv + 2);
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "bench") == 0) {
		char *e1, *e2;
		errno = 0;
		unsigned long long n = strtoull(argv[2], &e1, 10);
		unsigned long long seed = strtoull(argv[3], &e2, 10);
		if (errno == 0 && e1 != argv[2] && *e1 == '\0' && e2 != argv[3] && *e2 == '\0' &&
		    argv[2][0] != '-' && argv[3][0] != '-' && n <= SIZE_MAX)
			return do_bench((size_t)n, (uint64_t)seed, argv[4], argc == 6 ? argv[5] : NULL);
	}
	fprintf(stderr, "usage: geo-lookup print DB... < ips | geo-lookup bench N SEED DB [REGISTRY_DIR]\n");
	return 64;
}
