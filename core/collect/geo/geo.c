/*
 * geo.c — the geolocation reader: a set of MaxMind-format databases read
 * with libmaxminddb, consulted in order of precedence per field (country,
 * ASN). Knows the layouts of GeoLite2/GeoIP2 Country, City and ASN, DB-IP,
 * ip-location-db and our own builder's output. A miss is "not found"
 * (found_* false), never an error; damaged files are SC_ERR_CORRUPT.
 * A database of our builder also says, per record, which of its inputs
 * decided the country and the AS and how specific their ranges were.
 * Also the metadata reader behind `sovcheck geodb info`.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>

#include <maxminddb.h>

#include "geo.h"
#include "sc-limits.h"
#include "util.h"
#include "vocab.h"

struct geo_db {
	MMDB_s mmdb;
	bool opened;
	char *path;
	const char *label;      /* into path */
	const char *type;       /* borrowed from mmdb metadata */
	const char *description;
	uint64_t build_epoch;
	uint64_t data_epoch;
	char sha256[65];        /* of the file's bytes */
	bool ours;              /* built by sovcheck: only MaxMind's field names */
	char **inputs;          /* ours: sovcheck_sources (NULL entries: unusable) */
	size_t ninputs;
};

struct sc_geo {
	size_t n;
	struct geo_db *db;
	uint64_t id;            /* unique per open set, never 0: the record cache's key */
};

/* ------------------------------------------------------- record cache */

/*
 * The fields of a database record, decoded and checked once and kept by the
 * offset of its data: addresses of one network, and networks that share a
 * record (the same country, AS and organisation), then cost a tree walk and
 * a copy. Per thread (lookups run on several), direct-mapped, keyed by the
 * open set, the database and the offset, so that nothing of a closed set is
 * ever read: a set's id is never reused. The organisation is kept as where
 * it lies in the mapped file and its checked length.
 */
#define REC_CACHE_SLOTS 4096u   /* 32 bytes each: 128 KiB per looking-up thread */

struct rec_slot {
	uint64_t set;           /* sc_geo.id; 0: empty */
	uint32_t off;           /* the record's offset in the data section */
	uint16_t db;
	uint16_t orglen;
	uint32_t asn;
	char cc[3];
	bool has_cc, has_asn;
	const char *org;        /* into the mapped file; orglen bytes */
};

static _Thread_local struct rec_slot rec_cache[REC_CACHE_SLOTS];
static _Thread_local uint64_t rec_hits, rec_lookups;
static atomic_uint_fast64_t geo_next_id = 1;

static struct rec_slot *
rec_slot_of(uint64_t set, size_t db, uint32_t off)
{
	uint64_t h = (set * 0x9E3779B97F4A7C15ull) ^ ((uint64_t)db << 32) ^ off;
	h *= 0xD6E8FEB86659FD93ull;
	return &rec_cache[(h >> 32) & (REC_CACHE_SLOTS - 1u)];
}

void
sc_geo_cache_stats(uint64_t *ret_hits, uint64_t *ret_lookups)
{
	if (ret_hits)
		*ret_hits = rec_hits;
	if (ret_lookups)
		*ret_lookups = rec_lookups;
}

_Static_assert(SC_GEO_MAX_DBS == SC_MAX_GEODBS, "the public limit is the limit");

/* ------------------------------------------------------- record fields */

static sc_status
data_error(int st, const char *file, sc_err *err)
{
	return util_err(err, SC_ERR_CORRUPT, file, 0, 0, "geodb-corrupt",
	                "damaged data section: %s", MMDB_strerror(st));
}

/* Look up path; SC_OK with has_data false when the record lacks it. */
static sc_status
get_path(MMDB_entry_s *entry, const char *const *path, MMDB_entry_data_s *ret,
         const char *file, sc_err *err)
{
	int st = MMDB_aget_value(entry, ret, path);
	if (st == MMDB_SUCCESS)
		return SC_OK;
	ret->has_data = false;
	if (st == MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR)
		return SC_OK;
	return data_error(st, file, err);
}

sc_status
geo_entry_country(MMDB_entry_s *entry, const char *file, bool ours, char ret_cc[3],
                  bool *ret_found, sc_err *err)
{
	/* Where the address is. Never registered_country: in MaxMind's data that
	 * is where the network is registered, which says nothing of where the
	 * address is (an address with only that is unknown). */
	static const char *const p_country[] = { "country", "iso_code", NULL };
	static const char *const p_code[] = { "country_code", NULL };
	static const char *const p_plain[] = { "country", NULL };
	static const char *const *const paths[] = { p_country, p_code, p_plain };

	size_t npaths = ours ? 1 : sizeof(paths) / sizeof(paths[0]);
	for (size_t i = 0; i < npaths; i++) {
		MMDB_entry_data_s d;
		sc_status st = get_path(entry, paths[i], &d, file, err);
		if (st != SC_OK)
			return st;
		if (!d.has_data || d.type != MMDB_DATA_TYPE_UTF8_STRING || d.data_size != 2)
			continue;
		char a = d.utf8_string[0], b = d.utf8_string[1];
		if (a >= 'a' && a <= 'z')
			a = (char)(a - 'a' + 'A');
		if (b >= 'a' && b <= 'z')
			b = (char)(b - 'a' + 'A');
		char cc[3] = {a, b, '\0'};
		/* Only assigned ISO 3166-1 codes enter the evidence: "XK" (used
		 * for Kosovo), "EU", "AP", "ZZ" say no single country. */
		if (!vocab_country(cc))
			continue;
		memcpy(ret_cc, cc, 3);
		*ret_found = true;
		return SC_OK;
	}
	*ret_found = false;
	return SC_OK;
}

/* Copy at most n bytes into dst (size dstsz), never ending inside a UTF-8
 * sequence. Returns the length copied. */
static size_t
copy_utf8(char *dst, size_t dstsz, const char *src, size_t n)
{
	if (dstsz == 0)
		return 0;
	if (n > dstsz - 1) {
		n = dstsz - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
	return n;
}

sc_status
geo_entry_asn(MMDB_entry_s *entry, const char *file, bool ours, uint32_t *ret_asn, char *org,
              size_t orgsz, size_t *ret_orglen, const char **ret_orgsrc, bool *ret_found,
              sc_err *err)
{
	static const char *const p_asn[] = { "autonomous_system_number", NULL };
	static const char *const p_asn2[] = { "asn", NULL };
	static const char *const *const asn_paths[] = { p_asn, p_asn2 };
	static const char *const o1[] = { "autonomous_system_organization", NULL };
	static const char *const o2[] = { "as_org", NULL };
	static const char *const o3[] = { "as_name", NULL };
	static const char *const o4[] = { "as_description", NULL };
	static const char *const o5[] = { "organization", NULL };
	static const char *const *const org_paths[] = { o1, o2, o3, o4, o5 };

	*ret_found = false;
	uint32_t asn = 0;
	bool found = false;
	size_t nasn = ours ? 1 : sizeof(asn_paths) / sizeof(asn_paths[0]);
	size_t norg = ours ? 1 : sizeof(org_paths) / sizeof(org_paths[0]);
	for (size_t i = 0; i < nasn && !found; i++) {
		MMDB_entry_data_s d;
		sc_status st = get_path(entry, asn_paths[i], &d, file, err);
		if (st != SC_OK)
			return st;
		if (!d.has_data)
			continue;
		switch (d.type) {
		case MMDB_DATA_TYPE_UINT16:
			asn = d.uint16;
			found = true;
			break;
		case MMDB_DATA_TYPE_UINT32:
			asn = d.uint32;
			found = true;
			break;
		case MMDB_DATA_TYPE_UINT64:
			if (d.uint64 <= UINT32_MAX) {
				asn = (uint32_t)d.uint64;
				found = true;
			}
			break;
		case MMDB_DATA_TYPE_INT32:
			if (d.int32 >= 0) {
				asn = (uint32_t)d.int32;
				found = true;
			}
			break;
		case MMDB_DATA_TYPE_UTF8_STRING:
			found = util_parse_asn(d.utf8_string, d.data_size, &asn);
			break;
		default:
			break; /* libmaxminddb's type codes, not our enum */
		}
	}
	/* AS 0 is reserved (RFC 7607): "not announced", not an operator. */
	if (!found || asn == 0)
		return SC_OK;
	size_t orglen = 0;
	const char *orgsrc = NULL;
	if (org != NULL && orgsz > 0) {
		org[0] = '\0';
		for (size_t i = 0; i < norg; i++) {
			MMDB_entry_data_s d;
			sc_status st = get_path(entry, org_paths[i], &d, file, err);
			if (st != SC_OK)
				return st;
			if (d.has_data && d.type == MMDB_DATA_TYPE_UTF8_STRING) {
				orglen = copy_utf8(org, orgsz, d.utf8_string, d.data_size);
				orgsrc = d.utf8_string;
				/* Text a report cannot carry (not UTF-8, a NUL inside)
				 * names nobody: the AS number still stands. */
				if (!vocab_utf8(org, orglen)) { /* a NUL inside fails it too */
					org[0] = '\0';
					orglen = 0;
				}
				break;
			}
		}
	}
	if (ret_orglen != NULL)
		*ret_orglen = orglen;
	if (ret_orgsrc != NULL)
		*ret_orgsrc = orglen ? orgsrc : NULL;
	*ret_asn = asn;
	*ret_found = true;
	return SC_OK;
}

sc_status
geo_open_error(int st, const char *file, sc_err *err)
{
	switch (st) {
	case MMDB_FILE_OPEN_ERROR:
	case MMDB_IO_ERROR: {
		char ebuf[256] = "";
		int e = errno;
		if (e != 0)
			strerror_r(e, ebuf, sizeof(ebuf));
		return util_err(err, SC_ERR_IO, file, 0, 0, "io", "cannot open database: %s%s%s",
		                MMDB_strerror(st), ebuf[0] ? ": " : "", ebuf);
	}
	case MMDB_OUT_OF_MEMORY_ERROR:
		return util_err(err, SC_ERR_NOMEM, file, 0, 0, "geodb", "out of memory");
	default:
		return util_err(err, SC_ERR_CORRUPT, file, 0, 0, "geodb-corrupt",
		                "not a valid MaxMind DB file: %s", MMDB_strerror(st));
	}
}

/* ----------------------------------------------------------- metadata */

/* The list element after the value that starts at e (maps and arrays
 * skipped whole). libmaxminddb bounds the nesting depth. */
static MMDB_entry_data_list_s *
skip_value(MMDB_entry_data_list_s *e)
{
	if (e == NULL)
		return NULL;
	uint32_t type = e->entry_data.type, n = e->entry_data.data_size;
	e = e->next;
	if (type == MMDB_DATA_TYPE_MAP) {
		for (uint32_t i = 0; i < n && e != NULL; i++)
			e = skip_value(e->next);
	} else if (type == MMDB_DATA_TYPE_ARRAY) {
		for (uint32_t i = 0; i < n && e != NULL; i++)
			e = skip_value(e);
	}
	return e;
}

static bool
key_is(const MMDB_entry_data_list_s *e, const char *k)
{
	size_t n = strlen(k);
	return e->entry_data.type == MMDB_DATA_TYPE_UTF8_STRING && e->entry_data.data_size == n &&
	       memcmp(e->entry_data.utf8_string, k, n) == 0;
}

static bool
as_u64(const MMDB_entry_data_s *d, uint64_t *ret)
{
	switch (d->type) {
	case MMDB_DATA_TYPE_UINT16: *ret = d->uint16; return true;
	case MMDB_DATA_TYPE_UINT32: *ret = d->uint32; return true;
	case MMDB_DATA_TYPE_UINT64: *ret = d->uint64; return true;
	default: return false;
	}
}

/* Append text to a fixed buffer, marking a cut with "...". */
static void
cat_cut(char *buf, size_t sz, const char *s, size_t n)
{
	size_t len = strlen(buf);
	if (len + n < sz) {
		memcpy(buf + len, s, n);
		buf[len + n] = '\0';
		return;
	}
	if (sz < 4 || len > sz - 4)
		return;
	copy_utf8(buf + len, sz - len - 3, s, n);
	len = strlen(buf);
	memcpy(buf + len, "...", 4);
}

/* Custom keys of our builder in the metadata map. */
static void
read_custom_meta(const MMDB_s *mmdb, sc_geodb_info *info, uint64_t *ret_data_epoch)
{
	MMDB_entry_data_list_s *list = NULL;
	if (MMDB_get_metadata_as_entry_data_list(mmdb, &list) != MMDB_SUCCESS || list == NULL)
		goto out;
	if (list->entry_data.type != MMDB_DATA_TYPE_MAP)
		goto out;
	uint32_t n = list->entry_data.data_size;
	MMDB_entry_data_list_s *e = list->next;
	for (uint32_t i = 0; i < n && e != NULL && e->next != NULL; i++) {
		MMDB_entry_data_list_s *key = e, *val = e->next;
		if (key_is(key, "sovcheck_data_epoch")) {
			uint64_t v;
			if (as_u64(&val->entry_data, &v))
				*ret_data_epoch = v;
		} else if (info != NULL && key_is(key, "sovcheck_sources") &&
		           val->entry_data.type == MMDB_DATA_TYPE_ARRAY) {
			uint32_t m = val->entry_data.data_size;
			MMDB_entry_data_list_s *it = val->next;
			for (uint32_t j = 0; j < m && it != NULL; j++) {
				if (it->entry_data.type == MMDB_DATA_TYPE_UTF8_STRING) {
					if (info->sources[0] != '\0')
						cat_cut(info->sources, sizeof(info->sources), "\n", 1);
					cat_cut(info->sources, sizeof(info->sources),
					        it->entry_data.utf8_string, it->entry_data.data_size);
				}
				it = skip_value(it);
			}
		} else if (info != NULL && key_is(key, "sovcheck_counts") &&
		           val->entry_data.type == MMDB_DATA_TYPE_MAP) {
			uint32_t m = val->entry_data.data_size;
			MMDB_entry_data_list_s *it = val->next;
			info->has_counts = true;
			for (uint32_t j = 0; j < m && it != NULL && it->next != NULL; j++) {
				uint64_t v = 0;
				bool ok = as_u64(&it->next->entry_data, &v);
				if (ok && key_is(it, "country_ranges"))
					info->country_ranges = v;
				else if (ok && key_is(it, "asn_ranges"))
					info->asn_ranges = v;
				else if (ok && key_is(it, "geofeed_prefixes"))
					info->geofeed_prefixes = v;
				else if (ok && key_is(it, "networks"))
					info->networks = v;
				else if (ok && key_is(it, "records"))
					info->records = v;
				it = skip_value(it->next);
			}
		}
		e = skip_value(val);
	}
out:
	MMDB_free_entry_data_list(list);
}

uint64_t
geo_meta_data_epoch(const MMDB_s *mmdb)
{
	uint64_t v = 0;
	read_custom_meta(mmdb, NULL, &v);
	return v;
}

/* The sovcheck_sources list of one of our databases, which its records
 * index: at most SC_MAX_GEODB_INPUTS entries (the builder's limit); an
 * entry that is not text of at most SC_MAX_GEODB_SOURCE_LEN bytes of UTF-8
 * is kept as NULL (its records then name no input). False when out of
 * memory. */
static bool
read_inputs(struct geo_db *db)
{
	MMDB_entry_data_list_s *list = NULL;
	bool ok = true;
	if (MMDB_get_metadata_as_entry_data_list(&db->mmdb, &list) != MMDB_SUCCESS || list == NULL ||
	    list->entry_data.type != MMDB_DATA_TYPE_MAP)
		goto out;
	uint32_t n = list->entry_data.data_size;
	MMDB_entry_data_list_s *e = list->next;
	for (uint32_t i = 0; i < n && e != NULL && e->next != NULL; i++) {
		MMDB_entry_data_list_s *key = e, *val = e->next;
		if (key_is(key, "sovcheck_sources") && val->entry_data.type == MMDB_DATA_TYPE_ARRAY &&
		    db->inputs == NULL) {
			uint32_t m = val->entry_data.data_size;
			if (m > SC_MAX_GEODB_INPUTS)
				m = SC_MAX_GEODB_INPUTS;
			if (m > 0 && (db->inputs = calloc(m, sizeof(*db->inputs))) == NULL) {
				ok = false;
				goto out;
			}
			MMDB_entry_data_list_s *it = val->next;
			for (uint32_t j = 0; j < m && it != NULL; j++) {
				const MMDB_entry_data_s *d = &it->entry_data;
				db->ninputs = j + 1;
				if (d->type == MMDB_DATA_TYPE_UTF8_STRING &&
				    vocab_source_text(d->utf8_string, d->data_size)) {
					if ((db->inputs[j] = strndup(d->utf8_string, d->data_size)) == NULL) {
						ok = false;
						goto out;
					}
				}
				it = skip_value(it);
			}
		}
		e = skip_value(val);
	}
out:
	MMDB_free_entry_data_list(list);
	return ok;
}

static const char *
pick_description(const MMDB_s *mmdb)
{
	const char *first = NULL;
	for (size_t i = 0; i < mmdb->metadata.description.count; i++) {
		MMDB_description_s *d = mmdb->metadata.description.descriptions[i];
		if (d == NULL || d->description == NULL)
			continue;
		if (first == NULL)
			first = d->description;
		if (d->language != NULL && strcmp(d->language, "en") == 0)
			return d->description;
	}
	return first ? first : "";
}

/* Open one database; the size limit is checked before mapping it, and the
 * search tree must fit before the data section (libmaxminddb trusts
 * node_count when it computes where the data section starts). */
sc_status
geo_mmdb_open(const char *path, MMDB_s *mmdb, sc_err *err)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		char ebuf[256];
		strerror_r(errno, ebuf, sizeof(ebuf));
		return util_err(err, SC_ERR_IO, path, 0, 0, "io", "cannot open database: %s", ebuf);
	}
	if (sb.st_size == 0)
		return util_err(err, SC_ERR_CORRUPT, path, 0, 0, "geodb-corrupt",
		                "not a valid MaxMind DB file: the file is empty");
	if ((unsigned long long)sb.st_size > SC_MAX_MMDB_BYTES)
		return util_err(err, SC_ERR_LIMIT, path, 0, 0, "file-size",
		                "database is larger than the limit of %llu bytes",
		                (unsigned long long)SC_MAX_MMDB_BYTES);
	errno = 0;
	int st = MMDB_open(path, MMDB_MODE_MMAP, mmdb);
	if (st != MMDB_SUCCESS)
		return geo_open_error(st, path, err);
	const char *why = NULL;
	uint64_t tree = (uint64_t)mmdb->metadata.node_count * mmdb->metadata.record_size / 4u;
	uint64_t meta_at = (uint64_t)(mmdb->metadata_section - mmdb->file_content);
	if (mmdb->metadata.ip_version != 4 && mmdb->metadata.ip_version != 6)
		why = "ip_version is neither 4 nor 6";
	else if (mmdb->metadata.node_count == 0)
		why = "node_count is 0";
	else if (tree + 16u > meta_at)
		why = "node_count puts the search tree past the end of the file";
	if (why != NULL) {
		MMDB_close(mmdb);
		return util_err(err, SC_ERR_CORRUPT, path, 0, 0, "geodb-corrupt",
		                "not a valid MaxMind DB file: %s", why);
	}
	return SC_OK;
}

sc_status
sc_geodb_info_load(const char *path, sc_geodb_info *ret, sc_err *err)
{
	MMDB_s mmdb;
	sc_status st = geo_mmdb_open(path, &mmdb, err);
	if (st != SC_OK)
		return st;
	sc_geodb_info *info = calloc(1, sizeof(*info));
	if (info == NULL) {
		MMDB_close(&mmdb);
		return util_err(err, SC_ERR_NOMEM, path, 0, 0, "geodb", "out of memory");
	}
	info->file_size = (uint64_t)mmdb.file_size;
	const char *type = mmdb.metadata.database_type ? mmdb.metadata.database_type : "";
	cat_cut(info->database_type, sizeof(info->database_type), type, strlen(type));
	info->ip_version = mmdb.metadata.ip_version;
	info->record_size = mmdb.metadata.record_size;
	info->format_major = mmdb.metadata.binary_format_major_version;
	info->format_minor = mmdb.metadata.binary_format_minor_version;
	info->node_count = mmdb.metadata.node_count;
	info->build_epoch = mmdb.metadata.build_epoch;
	for (size_t i = 0; i < mmdb.metadata.languages.count; i++) {
		const char *l = mmdb.metadata.languages.names[i];
		if (l == NULL)
			continue;
		if (info->languages[0] != '\0')
			cat_cut(info->languages, sizeof(info->languages), " ", 1);
		cat_cut(info->languages, sizeof(info->languages), l, strlen(l));
	}
	const char *desc = pick_description(&mmdb);
	cat_cut(info->description, sizeof(info->description), desc, strlen(desc));
	read_custom_meta(&mmdb, info, &info->data_epoch);
	MMDB_close(&mmdb);
	*ret = *info;
	free(info);
	return SC_OK;
}

/* -------------------------------------------------------------- reader */

sc_status
sc_geo_open(const char *const *paths, size_t n, sc_geo **ret, sc_err *err)
{
	if (n > 0 && paths == NULL)
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "geodb", "no database paths");
	if (n > SC_MAX_GEODBS)
		return util_err(err, SC_ERR_LIMIT, NULL, 0, 0, "geodb",
		                "at most %u geolocation databases at once", SC_MAX_GEODBS);
	sc_geo *geo = calloc(1, sizeof(*geo));
	if (geo == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "geodb", "out of memory");
	geo->id = atomic_fetch_add(&geo_next_id, 1);
	sc_status st = SC_OK;
	if (n > 0) {
		geo->db = calloc(n, sizeof(*geo->db));
		if (geo->db == NULL) {
			st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "geodb", "out of memory");
			goto out;
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct geo_db *db = &geo->db[i];
		geo->n = i + 1;
		db->path = strdup(paths[i]);
		if (db->path == NULL) {
			st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "geodb", "out of memory");
			goto out;
		}
		const char *slash = strrchr(db->path, '/');
		db->label = slash ? slash + 1 : db->path;
		st = geo_mmdb_open(paths[i], &db->mmdb, err);
		if (st != SC_OK)
			goto out;
		db->opened = true;
		db->type = db->mmdb.metadata.database_type ? db->mmdb.metadata.database_type : "";
		db->description = pick_description(&db->mmdb);
		db->build_epoch = db->mmdb.metadata.build_epoch;
		db->data_epoch = geo_meta_data_epoch(&db->mmdb);
		(void)util_sha256_hex(db->mmdb.file_content, (size_t)db->mmdb.file_size, db->sha256);
		db->ours = strcmp(db->type, "sovcheck-geo") == 0;
		if (db->data_epoch == 0)
			db->data_epoch = db->build_epoch;
		if (db->ours && !read_inputs(db)) {
			st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "geodb", "out of memory");
			goto out;
		}
	}
	*ret = geo;
	geo = NULL;
out:
	sc_geo_close(geo);
	return st;
}

void
sc_geo_close(sc_geo *geo)
{
	if (geo == NULL)
		return;
	for (size_t i = 0; i < geo->n; i++) {
		if (geo->db[i].opened)
			MMDB_close(&geo->db[i].mmdb);
		free(geo->db[i].path);
		for (size_t k = 0; k < geo->db[i].ninputs; k++)
			free(geo->db[i].inputs[k]);
		free(geo->db[i].inputs);
	}
	free(geo->db);
	free(geo);
}

/* Append the decimal digits of v (< 1000) at p; returns the new end. */
static char *
put_dec(char *p, unsigned v)
{
	if (v >= 100)
		*p++ = (char)('0' + v / 100);
	if (v >= 10)
		*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

/* Lower-case hex of a 16-bit group without leading zeros. */
static char *
put_hex16(char *p, unsigned g)
{
	static const char hex[] = "0123456789abcdef";
	if (g >= 0x1000)
		*p++ = hex[g >> 12];
	if (g >= 0x100)
		*p++ = hex[(g >> 8) & 15u];
	if (g >= 0x10)
		*p++ = hex[(g >> 4) & 15u];
	*p++ = hex[g & 15u];
	return p;
}

/* RFC 5952 text of an IPv6 address given as two 64-bit halves: lower
 * case, no leading zeros, the longest run of two or more zero groups (the
 * first of equal ones) as "::". inet_ntop does the same through stdio,
 * too slow for every lookup. */
static char *
put_ipv6(char *p, uint64_t hi, uint64_t lo)
{
	unsigned g[8];
	for (int i = 0; i < 4; i++) {
		g[i] = (unsigned)(hi >> (48 - 16 * i)) & 0xffffu;
		g[4 + i] = (unsigned)(lo >> (48 - 16 * i)) & 0xffffu;
	}
	int best = -1, bestlen = 1;
	for (int i = 0; i < 8;) {
		if (g[i] != 0) {
			i++;
			continue;
		}
		int j = i;
		while (j < 8 && g[j] == 0)
			j++;
		if (j - i > bestlen) {
			best = i;
			bestlen = j - i;
		}
		i = j;
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			*p++ = ':';
			if (i == 0)
				*p++ = ':';
			i += bestlen - 1;
			continue;
		}
		p = put_hex16(p, g[i]);
		if (i < 7)
			*p++ = ':';
	}
	return p;
}

static uint64_t
load_be64(const uint8_t *b)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

/* "a.b.c.d/len" or "x:y::/len" of the network holding the address. This
 * runs on every lookup, so it is written by hand (no stdio). */
static size_t
format_network(char *buf, bool v4, const uint8_t *addr, unsigned len)
{
	char *p = buf; /* at most 39 + 4 bytes: buf has 64 */
	if (v4) {
		uint32_t a = (uint32_t)addr[0] << 24 | (uint32_t)addr[1] << 16 |
		             (uint32_t)addr[2] << 8 | addr[3];
		if (len < 32)
			a &= len == 0 ? 0 : ~0u << (32 - len);
		p = put_dec(p, a >> 24);
		*p++ = '.';
		p = put_dec(p, (a >> 16) & 255u);
		*p++ = '.';
		p = put_dec(p, (a >> 8) & 255u);
		*p++ = '.';
		p = put_dec(p, a & 255u);
	} else {
		uint64_t hi = load_be64(addr), lo = load_be64(addr + 8);
		if (len < 64) {
			hi &= len == 0 ? 0 : ~0ull << (64 - len);
			lo = 0;
		} else if (len < 128) {
			lo &= len == 64 ? 0 : ~0ull << (128 - len);
		}
		p = put_ipv6(p, hi, lo);
	}
	*p++ = '/';
	p = put_dec(p, len);
	*p = '\0';
	return (size_t)(p - buf);
}

/* The address of ip as libmaxminddb wants it; SC_ERR_INVALID if none. */
struct addr {
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	bool v4;
	const struct sockaddr *sa;
	const uint8_t *bytes;
};

static sc_status
parse_addr(const char *ip, struct addr *ad, sc_err *err)
{
	memset(&ad->sin, 0, sizeof(ad->sin));
	memset(&ad->sin6, 0, sizeof(ad->sin6));
	ad->sin.sin_family = AF_INET;
	ad->sin6.sin6_family = AF_INET6;
	bool colon = strchr(ip, ':') != NULL;
	if (!colon && inet_pton(AF_INET, ip, &ad->sin.sin_addr) == 1) {
		ad->v4 = true;
	} else if (colon && inet_pton(AF_INET6, ip, &ad->sin6.sin6_addr) == 1) {
		/* IPv4-mapped (RFC 4291 section 2.5.5.2): look up the IPv4
		 * address, so that databases without the alias answer too. */
		const uint8_t *b = ad->sin6.sin6_addr.s6_addr;
		ad->v4 = load_be64(b) == 0 && b[8] == 0 && b[9] == 0 && b[10] == 0xff && b[11] == 0xff;
		if (ad->v4)
			memcpy(&ad->sin.sin_addr, ad->sin6.sin6_addr.s6_addr + 12, 4);
	} else {
		return util_err(err, SC_ERR_INVALID, NULL, 0, 0, "ip-literal",
		                "not an IPv4 or IPv6 address: \"%.64s\"", ip);
	}
	ad->sa = ad->v4 ? (const struct sockaddr *)&ad->sin : (const struct sockaddr *)&ad->sin6;
	ad->bytes = ad->v4 ? (const uint8_t *)&ad->sin.sin_addr : ad->sin6.sin6_addr.s6_addr;
	return SC_OK;
}

/* One database's record for the address: *ret_found false when it has
 * none (or cannot know: an IPv6 address in an IPv4 database). */
static sc_status
db_lookup(const struct geo_db *db, const struct addr *ad, MMDB_lookup_result_s *ret,
          bool *ret_found, unsigned *ret_len, sc_err *err)
{
	int me = MMDB_SUCCESS;
	*ret = MMDB_lookup_sockaddr(&db->mmdb, ad->sa, &me);
	*ret_found = false;
	if (me == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR)
		return SC_OK;
	if (me != MMDB_SUCCESS)
		return util_err(err, SC_ERR_CORRUPT, db->path, 0, 0, "geodb-corrupt",
		                "damaged search tree: %s", MMDB_strerror(me));
	*ret_found = ret->found_entry;
	unsigned len = ret->netmask;
	if (ad->v4 && db->mmdb.metadata.ip_version == 6)
		len = len >= 96 ? len - 96 : 0;
	if (len > (ad->v4 ? 32u : 128u))
		len = ad->v4 ? 32u : 128u;
	*ret_len = len;
	return SC_OK;
}

/* What a record of ours says of where its fields come from. */
struct prov {
	const char *cin, *ain;   /* inputs (borrowed from the database), or NULL */
	unsigned clen, alen;     /* lengths of their ranges */
};

/* One unsigned number at path, or has false. */
static sc_status
get_uint(MMDB_entry_s *entry, const char *const *path, uint64_t *ret, bool *ret_has,
         const char *file, sc_err *err)
{
	MMDB_entry_data_s d;
	sc_status st = get_path(entry, path, &d, file, err);
	*ret_has = st == SC_OK && d.has_data && as_u64(&d, ret);
	return st;
}

/*
 * The provenance of a record of our builder: sovcheck.country_source and
 * sovcheck.asn_source index the sovcheck_sources metadata, and
 * sovcheck.country_prefix and sovcheck.asn_prefix are the lengths of the
 * ranges that decided the fields. Anything absent or out of range leaves
 * the defaults: no input, and the length of the matching network (what any
 * other database's answer is judged by). A record of a hostile file cannot
 * claim a length past its family's width.
 */
static sc_status
entry_prov(const struct geo_db *db, MMDB_entry_s *entry, bool v4, unsigned netlen, bool want_c,
           bool want_a, struct prov *p, sc_err *err)
{
	static const char *const k_map[] = { "sovcheck", NULL };
	static const char *const k_cs[] = { "country_source", NULL };
	static const char *const k_cl[] = { "country_prefix", NULL };
	static const char *const k_as[] = { "asn_source", NULL };
	static const char *const k_al[] = { "asn_prefix", NULL };
	p->cin = p->ain = NULL;
	p->clen = p->alen = netlen;
	if (!db->ours)
		return SC_OK;
	/* The map once, then its keys in it: a quarter of the work of four
	 * paths from the record (this runs on every lookup). */
	MMDB_entry_data_s m;
	sc_status st = get_path(entry, k_map, &m, db->path, err);
	if (st != SC_OK || !m.has_data || m.type != MMDB_DATA_TYPE_MAP)
		return st;
	MMDB_entry_s sub = { entry->mmdb, m.offset };
	const struct { bool want; const char *const *src, *const *len; const char **in;
	               unsigned *plen; } f[2] = {
		{ want_c, k_cs, k_cl, &p->cin, &p->clen },
		{ want_a, k_as, k_al, &p->ain, &p->alen },
	};
	unsigned width = v4 ? 32u : 128u;
	for (size_t i = 0; i < 2; i++) {
		if (!f[i].want)
			continue;
		uint64_t v;
		bool has;
		if ((st = get_uint(&sub, f[i].src, &v, &has, db->path, err)) != SC_OK)
			return st;
		if (has && v < db->ninputs)
			*f[i].in = db->inputs[v];
		if ((st = get_uint(&sub, f[i].len, &v, &has, db->path, err)) != SC_OK)
			return st;
		if (has && v <= width)
			*f[i].plen = (unsigned)v;
	}
	return SC_OK;
}

/*
 * The lookup behind sc_geo_lookup() and sc_geo_lookup_sources(): each
 * field from the first database that has it; with src, every database is
 * asked and its answer kept.
 */
static sc_status
lookup(const sc_geo *geo, const char *ip, sc_geo_answer *ret, sc_geo_source *src, size_t max,
       size_t *ret_n, sc_err *err)
{
	if (geo == NULL || ip == NULL || ret == NULL)
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "geodb", "missing argument");
	struct addr ad;
	sc_status st = parse_addr(ip, &ad, err);
	if (st != SC_OK)
		return st;
	/* The answer is written in place; only the small fields are cleared
	 * (this runs on every lookup). On an error it says nothing found. */
	ret->found_country = false;
	ret->country[0] = '\0';
	ret->country_source = NULL;
	ret->found_asn = false;
	ret->asn = 0;
	ret->as_org[0] = '\0';
	ret->asn_source = NULL;
	ret->network[0] = '\0';
	size_t n = 0;
	for (size_t i = 0; i < geo->n && (src != NULL || !(ret->found_country && ret->found_asn)); i++) {
		const struct geo_db *db = &geo->db[i];
		MMDB_lookup_result_s r;
		bool found;
		unsigned len = 0;
		if ((st = db_lookup(db, &ad, &r, &found, &len, err)) != SC_OK)
			goto fail;
		if (!found)
			continue;
		char cc[3] = "";
		bool has_cc = false, has_asn = false;
		uint32_t asn = 0;
		/* The plain lookup reads a field only while it is missing, the
		 * organisation straight into the answer; with sources every
		 * database's answer is read whole. */
		char org_buf[256];
		char *org = src != NULL ? org_buf : ret->as_org;
		size_t orglen = 0;
		const char *orgsrc = NULL;
		struct rec_slot *cs = rec_slot_of(geo->id, i, r.entry.offset);
		rec_lookups++;
		if (cs->set == geo->id && cs->db == i && cs->off == r.entry.offset) {
			rec_hits++;
			has_cc = cs->has_cc;
			memcpy(cc, cs->cc, 3);
			has_asn = cs->has_asn;
			asn = cs->asn;
			orglen = cs->orglen;
			if (orglen > 0)
				memcpy(org, cs->org, orglen);
			org[orglen] = '\0';
		} else {
			if ((st = geo_entry_country(&r.entry, db->path, db->ours, cc, &has_cc,
			                            err)) != SC_OK ||
			    (st = geo_entry_asn(&r.entry, db->path, db->ours, &asn, org,
			                        sizeof(org_buf), &orglen, &orgsrc, &has_asn,
			                        err)) != SC_OK)
				goto fail;
			*cs = (struct rec_slot){ geo->id, r.entry.offset, (uint16_t)i,
			                         (uint16_t)orglen, asn, {cc[0], cc[1], cc[2]},
			                         has_cc, has_asn, orgsrc };
		}
		bool keep = src != NULL && (has_cc || has_asn) && n < max;
		bool new_cc = has_cc && !ret->found_country, new_asn = has_asn && !ret->found_asn;
		/* What decided each field is read only for the answers kept:
		 * the plain lookup skips it (half its cost). */
		struct prov pv = { NULL, NULL, len, len };
		if (keep &&
		    (st = entry_prov(db, &r.entry, ad.v4, len, has_cc, has_asn, &pv, err)) != SC_OK)
			goto fail;
		if (new_cc) {
			ret->found_country = true;
			memcpy(ret->country, cc, 3);
			ret->country_source = db->label;
		}
		if (new_asn) {
			ret->found_asn = true;
			ret->asn = asn;
			if (org != ret->as_org)
				memcpy(ret->as_org, org, orglen + 1);
			ret->asn_source = db->label;
		}
		if ((new_cc || new_asn) && ret->network[0] == '\0')
			format_network(ret->network, ad.v4, ad.bytes, len);
		if (keep) {
			sc_geo_source *s = &src[n++];
			s->db = i;
			s->found_country = has_cc;
			memcpy(s->country, has_cc ? cc : "", has_cc ? 3 : 1);
			s->found_asn = has_asn;
			s->asn = has_asn ? asn : 0;
			memcpy(s->as_org, has_asn ? org : "", has_asn ? orglen + 1 : 1);
			s->prefix_len = len;
			format_network(s->network, ad.v4, ad.bytes, len);
			s->country_prefix_len = has_cc ? pv.clen : 0;
			s->asn_prefix_len = has_asn ? pv.alen : 0;
			s->country_input = has_cc ? pv.cin : NULL;
			s->asn_input = has_asn ? pv.ain : NULL;
		}
	}
	if (ret_n)
		*ret_n = n;
	return SC_OK;
fail:
	ret->found_country = false;
	ret->found_asn = false;
	if (ret_n)
		*ret_n = 0;
	return st;
}

sc_status
sc_geo_lookup(const sc_geo *geo, const char *ip, sc_geo_answer *ret, sc_err *err)
{
	return lookup(geo, ip, ret, NULL, 0, NULL, err);
}

sc_status
sc_geo_lookup_sources(const sc_geo *geo, const char *ip, sc_geo_answer *ret,
                      sc_geo_source *ret_src, size_t max, size_t *ret_n, sc_err *err)
{
	return lookup(geo, ip, ret, ret_src, max, ret_n, err);
}

size_t
sc_geo_db_count(const sc_geo *geo)
{
	return geo ? geo->n : 0;
}

const char *
sc_geo_db_label(const sc_geo *geo, size_t i)
{
	return geo->db[i].label;
}

const char *
sc_geo_db_path(const sc_geo *geo, size_t i)
{
	return geo->db[i].path;
}

const char *
sc_geo_db_type(const sc_geo *geo, size_t i)
{
	return geo->db[i].type;
}

const char *
sc_geo_db_description(const sc_geo *geo, size_t i)
{
	return geo->db[i].description;
}

static void
epoch_date(uint64_t epoch, char ret[11])
{
	time_t t = epoch > (uint64_t)INT32_MAX * 64u ? (time_t)INT32_MAX * 64 : (time_t)epoch;
	struct tm tm;
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 > 9999) {
		snprintf(ret, 11, "%s", "0000-00-00");
		return;
	}
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	memcpy(ret, tmp, 10);
	ret[10] = '\0';
}

const char *
sc_geo_db_sha256(const sc_geo *geo, size_t i)
{
	return geo->db[i].sha256;
}

void
sc_geo_db_build_date(const sc_geo *geo, size_t i, char ret_date[11])
{
	epoch_date(geo->db[i].build_epoch, ret_date);
}

void
sc_geo_db_data_date(const sc_geo *geo, size_t i, char ret_date[11])
{
	epoch_date(geo->db[i].data_epoch, ret_date);
}

long
sc_geo_db_age_days(const sc_geo *geo, size_t i, int year, int month, int day)
{
	uint64_t days = geo->db[i].data_epoch / 86400u;
	if (days > 100000000u)
		days = 100000000u;
	return util_days_from_civil(year, month, day) - (long)days;
}
