/*
 * geo.h — internal helpers of core/geo.c shared with the geodb builder:
 * reading country and ASN fields from a MaxMind DB data record whatever
 * the layout (GeoLite2/GeoIP2, DB-IP, ip-location-db, ours).
 */
#ifndef SC_GEO_INTERNAL_H
#define SC_GEO_INTERNAL_H

#include <maxminddb.h>

#include "sovcheck.h"

/* Country of a record: country.iso_code, country_code, country (a string),
 * never registered_country. *ret_found false when none is an assigned ISO
 * 3166-1 code. ours: a database of our builder (database_type
 * "sovcheck-geo"), where only MaxMind's names are tried. SC_ERR_CORRUPT
 * (file named in err) when libmaxminddb reports damaged data. */
sc_status geo_entry_country(MMDB_entry_s *entry, const char *file, bool ours,
                            char ret_cc[3], bool *ret_found, sc_err *err);

/* ASN and organisation: autonomous_system_number / asn (number or "AS123"),
 * autonomous_system_organization / as_org / as_name / as_description /
 * organization. org may be NULL; when found, *ret_orglen (may be NULL) is the
 * length written to org, and *ret_orgsrc (may be NULL) where those bytes lie
 * in the database (NULL when none were written). */
sc_status geo_entry_asn(MMDB_entry_s *entry, const char *file, bool ours, uint32_t *ret_asn,
                        char *org, size_t orgsz, size_t *ret_orglen, const char **ret_orgsrc,
                        bool *ret_found, sc_err *err);

/* Map an MMDB_open status to ours with a clear message. */
sc_status geo_open_error(int mmdb_status, const char *file, sc_err *err);

/* MMDB_open with our checks: size limit, ip_version, a search tree that
 * fits in the file. SC_ERR_CORRUPT / SC_ERR_IO / SC_ERR_LIMIT. */
sc_status geo_mmdb_open(const char *path, MMDB_s *mmdb, sc_err *err);

/* The sovcheck_data_epoch metadata key, or 0. */
uint64_t geo_meta_data_epoch(const MMDB_s *mmdb);

#endif
