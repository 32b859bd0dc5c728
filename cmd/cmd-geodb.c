/*
 * cmd-geodb.c — `sovcheck geodb build` (merge CSV ranges, MaxMind DB files
 * and RFC 8805 geofeeds into one MaxMind DB) and `sovcheck geodb info`
 * (metadata, dates, sources, counts of a database).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck geodb build [--csv FILE]... [--mmdb FILE]... [--geofeed FILE]...\n"
"                            [--source TEXT] [--data-date YYYY-MM-DD]\n"
"                            [--build-date YYYY-MM-DD] [--record-size 24|28|32]\n"
"                            -o OUT.mmdb\n"
"       sovcheck geodb info FILE [--date YYYY-MM-DD]\n"
"\n"
"build merges its inputs into one MaxMind DB (format 2.0, IPv6 tree with IPv4\n"
"at ::/96 and the ::ffff:0:0/96 and 2002::/16 aliases) whose records use\n"
"MaxMind's field names: country.iso_code, autonomous_system_number,\n"
"autonomous_system_organization, and sovcheck.country_source, .asn_source (the\n"
"input that decided each field: an index into the sovcheck_sources metadata)\n"
"and .country_prefix, .asn_prefix (how specific that input's range is).\n"
"Inputs:\n"
"  --csv FILE       inclusive ranges, one a line: start,end,country or\n"
"                   start,end,asn,organisation; IPv4 or IPv6 text, or the\n"
"                   numeric variants (addresses as decimal integers).\n"
"                   '#' comments and a header line are skipped; unknown\n"
"                   countries (??, ZZ, codes that are not ISO 3166-1) and\n"
"                   AS 0 are skipped and counted.\n"
"  --mmdb FILE      a MaxMind DB with country and/or ASN fields (GeoLite2,\n"
"                   GeoIP2, DB-IP, ip-location-db or ours), read with\n"
"                   libmaxminddb.\n"
"  --geofeed FILE   an RFC 8805 geofeed (prefix,country,region,city,postal);\n"
"                   invalid entries are discarded and counted.\n"
"  --source TEXT    attribution of the input just named (data set, licence);\n"
"                   recorded in the metadata, named by the records it\n"
"                   decides and shown in reports.\n"
"Precedence: for each field a later --csv/--mmdb input overrides an earlier\n"
"one where both have data; geofeeds override every other country, their\n"
"more specific prefixes first (then the later feed, the later line).\n"
"  --data-date D    date of the source data (default: the oldest --mmdb\n"
"                   input's build date, else the build date). Reports flag\n"
"                   data older than 90 days.\n"
"  --build-date D   metadata build date (default: $SOURCE_DATE_EPOCH, else now)\n"
"  --record-size N  search tree record size in bits (default: the smallest\n"
"                   that fits)\n"
"  -o OUT.mmdb      output, written atomically\n"
"\n"
"info prints the metadata of any MaxMind DB: type, format, build date, data\n"
"date and its age on --date (default today), description, sources, counts.\n"
"\n"
"Users with a MaxMind licence can use GeoLite2/GeoIP2 databases directly:\n"
"  sovcheck check service.yaml --geodb GeoLite2-Country.mmdb --geodb GeoLite2-ASN.mmdb\n"
"\n"
"Exit status: 0 success, 3 invalid or corrupt input, 4 I/O error, 64 usage.\n";

/* Seconds since 1970 of 00:00 UTC on y-m-d (proleptic Gregorian). */
static uint64_t
epoch_of(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long days = era * 146097 + doe - 719468;
	return days > 0 ? (uint64_t)days * 86400u : 0;
}

static bool
parse_date_epoch(const char *s, uint64_t *ret)
{
	int y, m, d;
	if (!sc_date_parse(s, &y, &m, &d) || y < 1970)
		return false;
	*ret = epoch_of(y, m, d);
	return true;
}

static void
date_of(uint64_t epoch, char buf[11])
{
	time_t t = (time_t)epoch;
	struct tm tm;
	char tmp[64];
	if (epoch > (uint64_t)253402300799u || gmtime_r(&t, &tm) == NULL) {
		snprintf(buf, 11, "%s", "invalid");
		return;
	}
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	memcpy(buf, tmp, 10);
	buf[10] = '\0';
}

static int
geodb_build(int argc, char **argv)
{
	sc_geodb_input *inputs = calloc((size_t)argc, sizeof(*inputs));
	if (inputs == NULL)
		return cli_fail(EXIT_RUNTIME, "out of memory");
	size_t n = 0;
	const char *out = NULL;
	uint64_t data_epoch = 0, build_epoch = 0;
	bool have_build = false;
	unsigned record_size = 0;
	int rc = EXIT_PASS;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(help, stdout);
			goto out;
		}
		bool takes = strcmp(a, "--csv") == 0 || strcmp(a, "--mmdb") == 0 ||
		             strcmp(a, "--geofeed") == 0 || strcmp(a, "--source") == 0 ||
		             strcmp(a, "--data-date") == 0 || strcmp(a, "--build-date") == 0 ||
		             strcmp(a, "--record-size") == 0 || strcmp(a, "-o") == 0 ||
		             strcmp(a, "--output") == 0;
		if (!takes) {
			rc = cli_fail(EXIT_USAGE, "geodb build: unknown argument '%s'", a);
			goto out;
		}
		if (i + 1 >= argc) {
			rc = cli_fail(EXIT_USAGE, "geodb build: %s needs a value", a);
			goto out;
		}
		const char *v = argv[++i];
		if (strcmp(a, "--csv") == 0) {
			inputs[n++] = (sc_geodb_input){ SC_GEODB_CSV, v, NULL };
		} else if (strcmp(a, "--mmdb") == 0) {
			inputs[n++] = (sc_geodb_input){ SC_GEODB_MMDB, v, NULL };
		} else if (strcmp(a, "--geofeed") == 0) {
			inputs[n++] = (sc_geodb_input){ SC_GEODB_GEOFEED, v, NULL };
		} else if (strcmp(a, "--source") == 0) {
			if (n == 0) {
				rc = cli_fail(EXIT_USAGE, "geodb build: --source follows the input it describes");
				goto out;
			}
			inputs[n - 1].source = v;
		} else if (strcmp(a, "--data-date") == 0) {
			if (!parse_date_epoch(v, &data_epoch)) {
				rc = cli_fail(EXIT_USAGE, "geodb build: --data-date wants YYYY-MM-DD, not '%s'", v);
				goto out;
			}
		} else if (strcmp(a, "--build-date") == 0) {
			if (!parse_date_epoch(v, &build_epoch)) {
				rc = cli_fail(EXIT_USAGE, "geodb build: --build-date wants YYYY-MM-DD, not '%s'", v);
				goto out;
			}
			have_build = true;
		} else if (strcmp(a, "--record-size") == 0) {
			if (strcmp(v, "24") != 0 && strcmp(v, "28") != 0 && strcmp(v, "32") != 0) {
				rc = cli_fail(EXIT_USAGE, "geodb build: --record-size is 24, 28 or 32");
				goto out;
			}
			record_size = (unsigned)strtoul(v, NULL, 10);
		} else {
			out = v;
		}
	}
	if (out == NULL || n == 0) {
		fputs(help, stderr);
		rc = EXIT_USAGE;
		goto out;
	}
	if (!have_build) {
		/* Reproducible builds: https://reproducible-builds.org/specs/source-date-epoch/ */
		const char *sde = getenv("SOURCE_DATE_EPOCH");
		char *end = NULL;
		unsigned long long v = sde ? strtoull(sde, &end, 10) : 0;
		if (sde != NULL && *sde != '\0' && end != NULL && *end == '\0')
			build_epoch = v;
		else
			build_epoch = (uint64_t)time(NULL);
	}
	sc_geodb_build_opts opts = { inputs, n, build_epoch, data_epoch, record_size };
	sc_geodb_stats stats;
	sc_err err;
	sc_err_clear(&err);
	sc_status st = sc_geodb_build(&opts, out, &stats, &err);
	if (st != SC_OK) {
		cli_print_err(&err);
		rc = cli_exit_for(st);
		goto out;
	}
	if (stats.geofeed_invalid > 0)
		fprintf(stderr, "sovcheck: warning: [geofeed] %zu invalid geofeed entries discarded "
		        "(RFC 8805 section 3)\n", stats.geofeed_invalid);
	printf("%s: %zu networks, %zu records, %zu nodes, %u-bit records, %zu bytes\n", out,
	       stats.networks, stats.records, stats.nodes, stats.record_size, stats.bytes);
	printf("inputs: %zu lines, %zu MMDB networks, %zu skipped (unknown country or AS 0)\n",
	       stats.lines, stats.mmdb_networks, stats.skipped);
	printf("merged: %zu country ranges, %zu ASN ranges, %zu geofeed prefixes\n",
	       stats.country_ranges, stats.asn_ranges, stats.geofeed_prefixes);
out:
	free(inputs);
	return rc;
}

static void
print_indented(const char *label, const char *text)
{
	printf("%-16s", label);
	const char *p = text;
	bool first = true;
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		printf("%s%.*s\n", first ? "" : "                ", (int)len, p);
		first = false;
		p += len + (nl ? 1 : 0);
	}
	if (first)
		putchar('\n');
}

static int
geodb_info(int argc, char **argv)
{
	const char *path = NULL, *date = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(help, stdout);
			return EXIT_PASS;
		}
		if (strcmp(argv[i], "--date") == 0) {
			if (i + 1 >= argc)
				return cli_fail(EXIT_USAGE, "geodb info: --date needs a value");
			date = argv[++i];
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_fail(EXIT_USAGE, "geodb info: unknown option '%s'", argv[i]);
		if (path != NULL)
			return cli_fail(EXIT_USAGE, "geodb info: one file at a time");
		path = argv[i];
	}
	if (path == NULL) {
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	char today[11];
	if (date == NULL) {
		cli_today(today);
		date = today;
	}
	int y, m, d;
	if (!sc_date_parse(date, &y, &m, &d) || y < 1970)
		return cli_fail(EXIT_USAGE, "geodb info: --date wants YYYY-MM-DD, not '%s'", date);

	sc_geodb_info info;
	sc_err err;
	sc_err_clear(&err);
	sc_status st = sc_geodb_info_load(path, &info, &err);
	if (st != SC_OK) {
		cli_print_err(&err);
		return cli_exit_for(st);
	}
	char bdate[11], ddate[11];
	date_of(info.build_epoch, bdate);
	uint64_t data_epoch = info.data_epoch ? info.data_epoch : info.build_epoch;
	date_of(data_epoch, ddate);
	long age = (long)((int64_t)(epoch_of(y, m, d) / 86400u) - (int64_t)(data_epoch / 86400u));

	printf("%-16s%s\n", "file:", path);
	printf("%-16s%s\n", "database_type:", info.database_type);
	printf("%-16sMaxMind DB %u.%u, IPv%u tree, %u-bit records, %" PRIu32 " nodes, %" PRIu64
	       " bytes\n", "format:", info.format_major, info.format_minor, info.ip_version,
	       info.record_size, info.node_count, info.file_size);
	printf("%-16s%s (build_epoch %" PRIu64 ")\n", "build date:", bdate, info.build_epoch);
	printf("%-16s%s%s\n", "data date:", ddate, info.data_epoch ? "" : " (the build date)");
	printf("%-16s%ld days on %s%s\n", "age:", age, date,
	       age > SC_GEO_STALE_DAYS ? ": STALE, older than 90 days, rebuild it" : "");
	printf("%-16s%s\n", "languages:", info.languages);
	print_indented("description:", info.description);
	if (info.sources[0] != '\0')
		print_indented("sources:", info.sources);
	if (info.has_counts) {
		printf("%-16s%" PRIu64 "\n", "country ranges:", info.country_ranges);
		printf("%-16s%" PRIu64 "\n", "asn ranges:", info.asn_ranges);
		printf("%-16s%" PRIu64 "\n", "geofeed:", info.geofeed_prefixes);
		printf("%-16s%" PRIu64 "\n", "networks:", info.networks);
		printf("%-16s%" PRIu64 "\n", "records:", info.records);
	}
	return EXIT_PASS;
}

int
cmd_geodb(int argc, char **argv)
{
	if (argc < 2) {
		fputs(help, stderr);
		return EXIT_USAGE;
	}
	const char *sub = argv[1];
	if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0) {
		fputs(help, stdout);
		return EXIT_PASS;
	}
	if (strcmp(sub, "build") == 0)
		return geodb_build(argc - 1, argv + 1);
	if (strcmp(sub, "info") == 0)
		return geodb_info(argc - 1, argv + 1);
	return cli_fail(EXIT_USAGE, "geodb: unknown subcommand '%s' (build, info)", sub);
}
