/*
 * dns-zone.c — the zone-file source: authoritative zone files read with
 * ldns (record by record, ldns_rr_new_frm_fp_l), indexed by owner name, and answered the
 * way an authoritative server would (RFC 1034 section 4.3.2, simplified:
 * no wildcards, no delegation below the apex): the records of the asked
 * type, or the CNAME at the name (one hop; the collector follows it), or
 * NODATA when the name exists (also as an empty non-terminal), or
 * NXDOMAIN. Names outside every loaded zone are "not covered".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dns.h"
#include "util.h"

struct zrec {
	char *owner;           /* canonical */
	uint16_t type;         /* 0: an empty non-terminal marker */
	const ldns_rr *rr;     /* borrowed from the zone */
};

struct zone {
	char *origin;          /* canonical */
	char *file;
	ldns_zone *z;
	struct zrec *recs;
	size_t n;
};

struct dns_zones {
	struct zone *zones;
	size_t n;
};

static int
zrec_cmp(const void *x, const void *y)
{
	const struct zrec *a = x, *b = y;
	int c = strcmp(a->owner, b->owner);
	if (c != 0)
		return c;
	return (int)a->type - (int)b->type;
}

/* True if name equals apex or lies below it (label boundary). */
static bool
in_zone(const char *name, const char *apex)
{
	size_t n = strlen(name), a = strlen(apex);
	if (strcmp(apex, ".") == 0)
		return true;
	if (n < a || strcmp(name + n - a, apex) != 0)
		return false;
	return n == a || name[n - a - 1] == '.';
}

static void
zone_clear(struct zone *z)
{
	for (size_t i = 0; i < z->n; i++)
		free(z->recs[i].owner);
	free(z->recs);
	free(z->origin);
	free(z->file);
	ldns_zone_deep_free(z->z);
}

void
dns_zones_free(struct dns_zones *zs)
{
	if (zs == NULL)
		return;
	for (size_t i = 0; i < zs->n; i++)
		zone_clear(&zs->zones[i]);
	free(zs->zones);
	free(zs);
}

static bool
push(struct zone *z, size_t *cap, const char *owner, uint16_t type, const ldns_rr *rr)
{
	if (z->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct zrec *nr = realloc(z->recs, nc * sizeof(*nr));
		if (nr == NULL)
			return false;
		z->recs = nr;
		*cap = nc;
	}
	char *o = strdup(owner);
	if (o == NULL)
		return false;
	z->recs[z->n++] = (struct zrec){ o, type, rr };
	return true;
}

static sc_status
zone_index(struct zone *z, sc_err *err)
{
	size_t cap = 0;
	ldns_rr_list *rrs = ldns_zone_rrs(z->z);
	size_t n = rrs ? ldns_rr_list_rr_count(rrs) : 0;
	char owner[DNS_NAME_BUF];
	for (size_t i = 0; i <= n; i++) {
		const ldns_rr *rr = i < n ? ldns_rr_list_rr(rrs, i) : ldns_zone_soa(z->z);
		if (rr == NULL || ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN)
			continue;
		if (!dns_rdf_name(ldns_rr_owner(rr), owner, sizeof(owner)))
			return util_err(err, SC_ERR_LIMIT, z->file, 0, 0, "zone-name",
			                "an owner name is longer than %u characters", SC_MAX_NAME_LEN);
		if (!in_zone(owner, z->origin))
			return util_err(err, SC_ERR_INVALID, z->file, 0, 0, "zone-out-of-zone",
			                "record for %s outside the zone %s", owner, z->origin);
		if (!push(z, &cap, owner, (uint16_t)ldns_rr_get_type(rr), rr))
			goto nomem;
		/* every ancestor up to the apex exists (RFC 4592 section 2.2.2) */
		const char *p = owner;
		while (strcmp(p, z->origin) != 0) {
			const char *dot = strchr(p, '.');
			if (dot == NULL)
				break;
			p = dot + 1;
			if (!push(z, &cap, p, 0, NULL))
				goto nomem;
		}
	}
	if (z->n > 1)
		qsort(z->recs, z->n, sizeof(*z->recs), zrec_cmp);
	return SC_OK;
nomem:
	return util_err(err, SC_ERR_NOMEM, z->file, 0, 0, "dns", "out of memory");
}

/*
 * Read a master file record by record (RFC 1035 section 5) with ldns. Not
 * ldns_zone_new_frm_fp(): it leaks on a syntax error and its line numbers
 * are off; and $INCLUDE is refused (a zone must not read other files).
 */
static sc_status
read_zone(FILE *fp, const char *path, ldns_zone **ret, sc_err *err)
{
	ldns_zone *z = ldns_zone_new();
	ldns_rdf *origin = NULL, *prev = NULL;
	uint32_t ttl = 3600;
	int line = 1;
	size_t count = 0;
	sc_status st = SC_OK;
	if (z == NULL)
		return util_err(err, SC_ERR_NOMEM, path, 0, 0, "dns", "out of memory");
	while (!feof(fp)) {
		ldns_rr *rr = NULL;
		int start = line;
		ldns_status ls = ldns_rr_new_frm_fp_l(&rr, fp, &ttl, &origin, &prev, &line);
		unsigned at = (unsigned)(line > start ? line - 1 : start);
		switch (ls) {
		case LDNS_STATUS_OK:
			break;
		case LDNS_STATUS_SYNTAX_EMPTY:
		case LDNS_STATUS_SYNTAX_TTL:
		case LDNS_STATUS_SYNTAX_ORIGIN:
			continue;
		case LDNS_STATUS_SYNTAX_INCLUDE:
			st = util_err(err, SC_ERR_UNSUPPORTED, path, at, 0, "zone-include",
			              "$INCLUDE is not supported");
			goto out;
		default:
			ldns_rr_free(rr);
			st = util_err(err, SC_ERR_PARSE, path, at, 0, "zone-syntax", "%s",
			              ldns_get_errorstr_by_id(ls));
			goto out;
		}
		if (++count > SC_MAX_ZONE_RECORDS) {
			ldns_rr_free(rr);
			st = util_err(err, SC_ERR_LIMIT, path, at, 0, "zone-records",
			              "more than %u records", SC_MAX_ZONE_RECORDS);
			goto out;
		}
		bool ok;
		if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA && ldns_zone_soa(z) == NULL) {
			ldns_zone_set_soa(z, rr);
			ok = true;
		} else {
			ok = ldns_zone_push_rr(z, rr);
		}
		if (!ok) {
			ldns_rr_free(rr);
			st = util_err(err, SC_ERR_NOMEM, path, 0, 0, "dns", "out of memory");
			goto out;
		}
	}
out:
	ldns_rdf_deep_free(origin);
	ldns_rdf_deep_free(prev);
	if (st != SC_OK) {
		ldns_zone_deep_free(z);
		return st;
	}
	*ret = z;
	return SC_OK;
}

sc_status
dns_zones_add(struct dns_zones **pzs, const char *path, sc_err *err)
{
	struct stat stt;
	if (stat(path, &stt) != 0) {
		char eb[128];
		strerror_r(errno, eb, sizeof(eb));
		return util_err(err, SC_ERR_IO, path, 0, 0, "io", "cannot open: %s", eb);
	}
	if ((uint64_t)stt.st_size > SC_MAX_ZONE_FILE_BYTES)
		return util_err(err, SC_ERR_LIMIT, path, 0, 0, "zone-size",
		                "zone file larger than the limit of %u bytes", SC_MAX_ZONE_FILE_BYTES);
	FILE *fp = fopen(path, "r");
	if (fp == NULL) {
		char eb[128];
		strerror_r(errno, eb, sizeof(eb));
		return util_err(err, SC_ERR_IO, path, 0, 0, "io", "cannot open: %s", eb);
	}
	ldns_zone *lz = NULL;
	sc_status st = read_zone(fp, path, &lz, err);
	fclose(fp);
	if (st != SC_OK)
		return st;
	struct zone z = { .z = lz };
	char origin[DNS_NAME_BUF];
	if (ldns_zone_soa(lz) == NULL) {
		st = util_err(err, SC_ERR_INVALID, path, 0, 0, "zone-soa",
		              "zone file has no SOA record (RFC 1035 section 5.2)");
		goto fail;
	}
	if (!dns_rdf_name(ldns_rr_owner(ldns_zone_soa(lz)), origin, sizeof(origin))) {
		st = util_err(err, SC_ERR_INVALID, path, 0, 0, "zone-soa", "invalid SOA owner");
		goto fail;
	}
	z.origin = strdup(origin);
	z.file = strdup(path);
	if (z.origin == NULL || z.file == NULL) {
		st = util_err(err, SC_ERR_NOMEM, path, 0, 0, "dns", "out of memory");
		goto fail;
	}
	st = zone_index(&z, err);
	if (st != SC_OK)
		goto fail;
	struct dns_zones *zs = *pzs;
	if (zs == NULL) {
		zs = calloc(1, sizeof(*zs));
		if (zs == NULL) {
			st = util_err(err, SC_ERR_NOMEM, path, 0, 0, "dns", "out of memory");
			goto fail;
		}
		*pzs = zs;
	}
	struct zone *nz = realloc(zs->zones, (zs->n + 1) * sizeof(*nz));
	if (nz == NULL) {
		st = util_err(err, SC_ERR_NOMEM, path, 0, 0, "dns", "out of memory");
		goto fail;
	}
	zs->zones = nz;
	zs->zones[zs->n++] = z;
	return SC_OK;
fail:
	zone_clear(&z);
	return st;
}

/* First index of owner in the sorted records, or z->n. */
static size_t
find_owner(const struct zone *z, const char *owner)
{
	size_t lo = 0, hi = z->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(z->recs[mid].owner, owner) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

ldns_pkt *
dns_zones_answer(const struct dns_zones *zs, const char *qname, uint16_t qtype,
                 bool *ret_covered, const char **ret_file)
{
	*ret_covered = false;
	const struct zone *best = NULL;
	for (size_t i = 0; zs != NULL && i < zs->n; i++) {
		const struct zone *z = &zs->zones[i];
		if (in_zone(qname, z->origin) &&
		    (best == NULL || strlen(z->origin) > strlen(best->origin)))
			best = z;  /* the closest enclosing zone answers */
	}
	if (best == NULL)
		return NULL;
	*ret_covered = true;
	*ret_file = best->file;
	ldns_pkt *pkt = NULL;
	if (ldns_pkt_query_new_frm_str(&pkt, qname, (ldns_rr_type)qtype, LDNS_RR_CLASS_IN, 0) !=
	    LDNS_STATUS_OK || pkt == NULL)
		return NULL;
	ldns_pkt_set_qr(pkt, true);
	ldns_pkt_set_aa(pkt, true);
	size_t i = find_owner(best, qname);
	bool exists = false, matched = false;
	const ldns_rr *cname = NULL;
	for (; i < best->n && strcmp(best->recs[i].owner, qname) == 0; i++) {
		const struct zrec *r = &best->recs[i];
		exists = true;
		if (r->type == qtype && r->rr != NULL) {
			ldns_rr *c = ldns_rr_clone(r->rr);
			if (c == NULL || !ldns_pkt_push_rr(pkt, LDNS_SECTION_ANSWER, c)) {
				ldns_rr_free(c);
				ldns_pkt_free(pkt);
				return NULL;
			}
			matched = true;
		} else if (r->type == LDNS_RR_TYPE_CNAME && r->rr != NULL) {
			cname = r->rr;
		}
	}
	if (!matched && cname != NULL) {
		ldns_rr *c = ldns_rr_clone(cname);
		if (c == NULL || !ldns_pkt_push_rr(pkt, LDNS_SECTION_ANSWER, c)) {
			ldns_rr_free(c);
			ldns_pkt_free(pkt);
			return NULL;
		}
	}
	ldns_pkt_set_rcode(pkt, exists ? LDNS_RCODE_NOERROR : LDNS_RCODE_NXDOMAIN);
	return pkt;
}
