/*
 * geo-lookup.c — helper of the geo benchmark and tests.
 *
 *   geo-lookup print DB...        look up every address read on stdin with
 *                                 sc_geo_lookup and print one line each:
 *                                 ip TAB country|- TAB asn|- TAB org TAB
 *                                 network TAB country source TAB asn source
 *   geo-lookup bench N SEED DB [REGISTRY_DIR]
 *                                 N random addresses (80 % IPv4), looked up
 *                                 with sc_geo_lookup (and, with a registry,
 *                                 attributed: operator by ASN, ultimate
 *                                 controller and its country) and with bare
 *                                 libmaxminddb loops reading the same fields,
 *                                 alternating, best of 5; prints lookups/s.
 */
#include <arpa/inet.h>
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
		sc_err_clear(&err);
		st = sc_geo_lookup(geo, line, &a, &err);
		if (st != SC_OK) {
			printf("%s\tERROR\t%s\t%s\n", line, sc_strerror(st), err.msg);
			continue;
		}
		printf("%s\t%s\t", line, a.found_country ? a.country : "-");
		if (a.found_asn)
			printf("%u", a.asn);
		else
			putchar('-');
		printf("\t%s\t%s\t%s\t%s\n", a.found_asn ? a.as_org : "", a.network,
		       a.country_source ? a.country_source : "-", a.asn_source ? a.asn_source : "-");
	}
	sc_geo_close(geo);
	return 0;
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
	/* GEO_BENCH_ONLY=bare|sockaddr|ours: one loop once, for perf stat. */
	const char *only = getenv("GEO_BENCH_ONLY");
	if (only != NULL) {
		size_t f = strcmp(only, "bare") == 0 ? bare_loop(&mmdb, ips, n) :
		           strcmp(only, "sockaddr") == 0 ? bare_sockaddr_loop(&mmdb, ips, n) :
		           ours_loop(geo, ips, n);
		printf("%s: %zu fields\n", only, f);
		sc_registry_free(reg);
		sc_geo_close(geo);
		MMDB_close(&mmdb);
		free(ips);
		return 0;
	}
	double best_bare = 1e30, best_sa = 1e30, best_ours = 1e30, best_attr = 1e30;
	size_t fb = 0, fs = 0, fo = 0;
	for (int round = 0; round < 5; round++) {
		if (reg != NULL) {
			double ta = now();
			(void)attributed_loop(geo, reg, ips, n);
			double tb = now();
			if (tb - ta < best_attr)
				best_attr = tb - ta;
		}
		double t0 = now();
		fb = bare_loop(&mmdb, ips, n);
		double t1 = now();
		fs = bare_sockaddr_loop(&mmdb, ips, n);
		double t2 = now();
		fo = ours_loop(geo, ips, n);
		double t3 = now();
		if (t1 - t0 < best_bare)
			best_bare = t1 - t0;
		if (t2 - t1 < best_sa)
			best_sa = t2 - t1;
		if (t3 - t2 < best_ours)
			best_ours = t3 - t2;
	}
	double rb = (double)n / best_bare, rs = (double)n / best_sa, ro = (double)n / best_ours;
	printf("addresses:            %zu (80%% IPv4, seed %llu), best of 5 rounds\n", n,
	       (unsigned long long)seed);
	printf("fields found:         bare %zu, bare sockaddr %zu, sc_geo_lookup %zu\n", fb, fs, fo);
	printf("bare libmaxminddb:    %.0f lookups/s (MMDB_lookup_string + 3 MMDB_aget_value)\n", rb);
	printf("bare, sockaddr:       %.0f lookups/s (inet_pton + MMDB_lookup_sockaddr + 3 MMDB_aget_value)\n", rs);
	printf("sc_geo_lookup:        %.0f lookups/s\n", ro);
	if (reg != NULL) {
		double ra = (double)n / best_attr;
		printf("+ registry:           %.0f lookups/s (sc_geo_lookup + sc_registry_by_asn + "
		       "sc_entity_ultimate), %.1f %% of bare sockaddr\n", ra, 100.0 * ra / rs);
	}
	printf("ratio:                %.1f %% of bare MMDB_lookup_string, %.1f %% of bare sockaddr "
	       "(target >= 90 %%)\n", 100.0 * ro / rb, 100.0 * ro / rs);
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
	if ((argc == 5 || argc == 6) && strcmp(argv[1], "bench") == 0)
		return do_bench(strtoul(argv[2], NULL, 10), strtoull(argv[3], NULL, 10), argv[4],
		                argc == 6 ? argv[5] : NULL);
	fprintf(stderr, "usage: geo-lookup print DB... < ips | geo-lookup bench N SEED DB [REGISTRY_DIR]\n");
	return 64;
}
