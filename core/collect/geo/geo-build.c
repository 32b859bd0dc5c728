/*
 * build.c — the geodb builder behind `sovcheck geodb build`: reads CSV
 * range files, RFC 8805 geofeeds and MaxMind DB files, merges them into
 * one country layer and one ASN layer (later inputs override earlier
 * ones, geofeeds override every country), joins the layers into one
 * record per range, splits ranges into CIDR networks and writes a MaxMind
 * DB with geodb/mmdb-write.c.
 *
 * Memory is bounded by the number of input ranges (SC_MAX_GEODB_RANGES):
 * each layer is an array of intervals painted by a sweep over sorted
 * boundaries with a priority heap, O(n log n).
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <maxminddb.h>

#include "geo.h"
#include "mmdb-write.h"
#include "sc-limits.h"
#include "util.h"

#define NONE UINT32_MAX

/* One input range with the value it gives a layer. */
struct iv {
	geodb_u128 lo, hi;
	uint64_t prio;          /* higher wins: (rank << 40) | sequence */
	uint32_t val;           /* country: 'F' << 8 | 'R'; ASN: asn table index */
};

struct ivec {
	struct iv *v;
	size_t n, cap;
};

/* A painted, disjoint range. */
struct seg {
	geodb_u128 lo, hi;
	uint32_t val;
};

struct asn_ent {
	uint32_t asn;
	uint32_t org_off, org_len;
	uint32_t hash;
};

struct builder {
	const sc_geodb_build_opts *opts;
	struct ivec country, asn;
	size_t n_ranges;
	uint64_t seq;
	/* ASN + organisation interning */
	struct asn_ent *asns;
	size_t n_asns, cap_asns;
	uint32_t *asn_slots;    /* open addressing: index into asns, or NONE */
	size_t cap_slots;
	char *arena;
	size_t arena_len, arena_cap;
	/* output */
	geodb_writer *w;
	struct { uint64_t key; uint32_t off; } *recs; /* key 0: free */
	size_t n_recs, cap_recs;
	uint32_t cc_off[26 * 26]; /* data offset of {"iso_code": CC}, or NONE */
	sc_geodb_stats stats;
	uint64_t oldest_mmdb;
	/* pending merged range */
	bool pend;
	geodb_u128 pend_lo, pend_hi;
	uint64_t pend_key;
	uint32_t pend_cc, pend_asn;
};

static sc_status
oom(sc_err *err)
{
	return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "geodb-build", "out of memory");
}

static sc_status
ivec_push(struct builder *b, struct ivec *vec, geodb_u128 lo, geodb_u128 hi, uint64_t rank,
          uint32_t val, const char *file, sc_err *err)
{
	if (b->n_ranges >= SC_MAX_GEODB_RANGES)
		return util_err(err, SC_ERR_LIMIT, file, 0, 0, "geodb-ranges",
		                "more than %u ranges in the inputs", SC_MAX_GEODB_RANGES);
	if (vec->n == vec->cap) {
		size_t ncap = vec->cap ? vec->cap * 2 : 65536;
		struct iv *p = realloc(vec->v, ncap * sizeof(*p));
		if (p == NULL)
			return oom(err);
		vec->v = p;
		vec->cap = ncap;
	}
	vec->v[vec->n++] = (struct iv){ lo, hi, (rank << 40) | (b->seq++ & ((1ull << 40) - 1)), val };
	b->n_ranges++;
	return SC_OK;
}

/* ------------------------------------------------------- ASN interning */

static uint32_t
asn_hash(uint32_t asn, const char *org, size_t n)
{
	uint32_t h = 2166136261u ^ asn;
	h *= 16777619u;
	for (size_t i = 0; i < n; i++) {
		h ^= (uint8_t)org[i];
		h *= 16777619u;
	}
	return h;
}

static bool
asn_slots_grow(struct builder *b)
{
	size_t ncap = b->cap_slots ? b->cap_slots * 2 : 65536;
	uint32_t *s = malloc(ncap * sizeof(*s));
	if (s == NULL)
		return false;
	for (size_t i = 0; i < ncap; i++)
		s[i] = NONE;
	for (size_t i = 0; i < b->n_asns; i++) {
		size_t j = b->asns[i].hash & (ncap - 1);
		while (s[j] != NONE)
			j = (j + 1) & (ncap - 1);
		s[j] = (uint32_t)i;
	}
	free(b->asn_slots);
	b->asn_slots = s;
	b->cap_slots = ncap;
	return true;
}

static sc_status
asn_intern(struct builder *b, uint32_t asn, const char *org, size_t n, uint32_t *ret, sc_err *err)
{
	if ((b->n_asns + 1) * 2 > b->cap_slots && !asn_slots_grow(b))
		return oom(err);
	uint32_t h = asn_hash(asn, org, n);
	size_t j = h & (b->cap_slots - 1);
	while (b->asn_slots[j] != NONE) {
		const struct asn_ent *e = &b->asns[b->asn_slots[j]];
		if (e->hash == h && e->asn == asn && e->org_len == n &&
		    memcmp(b->arena + e->org_off, org, n) == 0) {
			*ret = b->asn_slots[j];
			return SC_OK;
		}
		j = (j + 1) & (b->cap_slots - 1);
	}
	if (b->n_asns == b->cap_asns) {
		size_t ncap = b->cap_asns ? b->cap_asns * 2 : 4096;
		struct asn_ent *p = realloc(b->asns, ncap * sizeof(*p));
		if (p == NULL)
			return oom(err);
		b->asns = p;
		b->cap_asns = ncap;
	}
	if (b->arena_len + n + 1 > b->arena_cap) {
		size_t ncap = b->arena_cap ? b->arena_cap : 65536;
		while (ncap < b->arena_len + n + 1)
			ncap *= 2;
		if (ncap > UINT32_MAX)
			return util_err(err, SC_ERR_LIMIT, NULL, 0, 0, "geodb-ranges",
			                "too many distinct AS organisations");
		char *p = realloc(b->arena, ncap);
		if (p == NULL)
			return oom(err);
		b->arena = p;
		b->arena_cap = ncap;
	}
	memcpy(b->arena + b->arena_len, org, n);
	b->arena[b->arena_len + n] = '\0';
	b->asns[b->n_asns] = (struct asn_ent){ asn, (uint32_t)b->arena_len, (uint32_t)n, h };
	b->arena_len += n + 1;
	b->asn_slots[j] = (uint32_t)b->n_asns;
	*ret = (uint32_t)b->n_asns++;
	return SC_OK;
}

/* ------------------------------------------------------------- parsing */

static geodb_u128
bytes_to_u128(const uint8_t *p, size_t n)
{
	geodb_u128 v = 0;
	for (size_t i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

enum fam { FAM_NUM = 0, FAM_V4 = 4, FAM_V6 = 6 };

/* An address as text (IPv4, IPv6) or as a decimal integer (the "-num"
 * variants of the common CSV files; IPv4 a.b.c.d is the integer of ::a.b.c.d
 * either way). */
static bool
parse_addr(const char *s, size_t n, geodb_u128 *ret, enum fam *ret_fam)
{
	char buf[64];
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	uint8_t a[16];
	if (memchr(buf, ':', n) != NULL) {
		if (inet_pton(AF_INET6, buf, a) != 1)
			return false;
		*ret = bytes_to_u128(a, 16);
		*ret_fam = FAM_V6;
		return true;
	}
	if (memchr(buf, '.', n) != NULL) {
		if (inet_pton(AF_INET, buf, a) != 1)
			return false;
		*ret = bytes_to_u128(a, 4);
		*ret_fam = FAM_V4;
		return true;
	}
	geodb_u128 v = 0;
	for (size_t i = 0; i < n; i++) {
		if (buf[i] < '0' || buf[i] > '9')
			return false;
		unsigned d = (unsigned)(buf[i] - '0');
		if (v > (GEODB_U128_MAX - d) / 10)
			return false; /* more than 128 bits */
		v = v * 10 + d;
	}
	*ret = v;
	*ret_fam = FAM_NUM;
	return true;
}

/* Split one CSV line (RFC 4180 quoting) in place. Returns the number of
 * fields, or -1 for an unterminated quote. */
static int
csv_split(char *line, size_t len, char **f, size_t *fl, int max)
{
	int nf = 0;
	size_t i = 0;
	for (;;) {
		if (nf == max)
			return nf;
		if (i < len && line[i] == '"') {
			size_t out = ++i, start = i;
			for (;;) {
				if (i >= len)
					return -1;
				if (line[i] == '"') {
					if (i + 1 < len && line[i + 1] == '"') {
						line[out++] = '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				line[out++] = line[i++];
			}
			f[nf] = line + start;
			fl[nf] = out - start;
			nf++;
			while (i < len && line[i] != ',')
				i++; /* text after the closing quote is ignored */
		} else {
			size_t start = i;
			while (i < len && line[i] != ',')
				i++;
			f[nf] = line + start;
			fl[nf] = i - start;
			nf++;
		}
		if (i >= len)
			return nf;
		i++; /* the comma */
	}
}

static void
trim(char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

/* Country field: true with *ret_cc set for an assigned ISO 3166-1 code;
 * true with *ret_cc 0 for "unknown" (empty, ??, ZZ, or not assigned, such
 * as EU or AP); false for text that is no country code at all. */
static bool
parse_cc(const char *s, size_t n, uint32_t *ret_cc)
{
	*ret_cc = 0;
	if (n == 0 || (n == 2 && s[0] == '?' && s[1] == '?') || (n == 1 && s[0] == '-') ||
	    (n == 2 && s[0] == '-' && s[1] == '-'))
		return true;
	if (n != 2)
		return false;
	char cc[3] = { s[0], s[1], '\0' };
	for (int i = 0; i < 2; i++) {
		if (cc[i] >= 'a' && cc[i] <= 'z')
			cc[i] = (char)(cc[i] - 'a' + 'A');
		if (cc[i] < 'A' || cc[i] > 'Z')
			return false;
	}
	if (sc_country_valid(cc))
		*ret_cc = (uint32_t)((unsigned char)cc[0] << 8 | (unsigned char)cc[1]);
	return true;
}

/* Iterate over the lines of a text file read whole. Returns false at the
 * end. Strips CR and a UTF-8 BOM; *ret_lineno is 1-based. */
struct lines {
	char *buf;
	size_t len, pos;
	unsigned lineno;
};

static bool
next_line(struct lines *L, char **ret, size_t *ret_len)
{
	if (L->pos >= L->len)
		return false;
	char *s = L->buf + L->pos;
	char *nl = memchr(s, '\n', L->len - L->pos);
	size_t n = nl ? (size_t)(nl - s) : L->len - L->pos;
	L->pos += n + (nl ? 1 : 0);
	L->lineno++;
	if (L->lineno == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		n -= 3;
	}
	if (n > 0 && s[n - 1] == '\r')
		n--;
	*ret = s;
	*ret_len = n;
	return true;
}

static sc_status
line_error(sc_err *err, const char *file, unsigned line, const char *msg)
{
	return util_err(err, SC_ERR_PARSE, file, line, 0, "geodb-input", "%s", msg);
}

static sc_status
read_text(const char *path, struct lines *L, sc_err *err)
{
	memset(L, 0, sizeof(*L));
	return util_read_file(path, SC_MAX_GEODB_TEXT_BYTES, &L->buf, &L->len, err);
}

static bool
is_blank_or_comment(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == n || s[i] == '#';
}

/* CSV: start,end,country[,...] or start,end,asn[,organisation]. */
static sc_status
read_csv(struct builder *b, const sc_geodb_input *in, uint64_t rank, sc_err *err)
{
	struct lines L;
	sc_status st = read_text(in->path, &L, err);
	if (st != SC_OK)
		return st;
	bool seen_data = false;
	char *line;
	size_t n;
	while (next_line(&L, &line, &n)) {
		if (n > SC_MAX_GEODB_LINE) {
			st = util_err(err, SC_ERR_LIMIT, in->path, L.lineno, 0, "geodb-input",
			              "line longer than %u bytes", SC_MAX_GEODB_LINE);
			goto out;
		}
		if (memchr(line, '\0', n) != NULL) {
			st = line_error(err, in->path, L.lineno, "NUL byte in line");
			goto out;
		}
		if (is_blank_or_comment(line, n))
			continue;
		char *f[8];
		size_t fl[8];
		int nf = csv_split(line, n, f, fl, 8);
		if (nf < 0) {
			st = line_error(err, in->path, L.lineno, "unterminated quoted field");
			goto out;
		}
		if (nf < 3) {
			st = line_error(err, in->path, L.lineno,
			                "expected start,end,country or start,end,asn,organisation");
			goto out;
		}
		for (int i = 0; i < nf; i++)
			trim(&f[i], &fl[i]);
		geodb_u128 lo, hi;
		enum fam flo, fhi;
		bool ok_lo = parse_addr(f[0], fl[0], &lo, &flo);
		if (!ok_lo && !seen_data && fl[0] > 0 && !(f[0][0] >= '0' && f[0][0] <= '9')) {
			seen_data = true; /* a header line such as "ip_start,ip_end,..." */
			continue;
		}
		seen_data = true;
		if (!ok_lo || !parse_addr(f[1], fl[1], &hi, &fhi)) {
			st = line_error(err, in->path, L.lineno, ok_lo ?
			                "end is not an IPv4/IPv6 address or number" :
			                "start is not an IPv4/IPv6 address or number");
			goto out;
		}
		if (flo != fhi) {
			st = line_error(err, in->path, L.lineno,
			                "start and end are not of the same kind (IPv4, IPv6, number)");
			goto out;
		}
		if (lo > hi) {
			st = line_error(err, in->path, L.lineno, "start is after end");
			goto out;
		}
		b->stats.lines++;
		uint32_t asn, cc;
		if (util_parse_asn(f[2], fl[2], &asn)) {
			if (asn == 0) { /* RFC 7607: AS 0 means "not routed" */
				b->stats.skipped++;
				continue;
			}
			const char *org = nf >= 4 ? f[3] : "";
			size_t orglen = nf >= 4 ? fl[3] : 0;
			if (orglen > 1024) {
				st = util_err(err, SC_ERR_LIMIT, in->path, L.lineno, 0, "geodb-input",
				              "organisation name longer than 1024 bytes");
				goto out;
			}
			uint32_t idx;
			st = asn_intern(b, asn, org, orglen, &idx, err);
			if (st == SC_OK)
				st = ivec_push(b, &b->asn, lo, hi, rank, idx, in->path, err);
		} else if (parse_cc(f[2], fl[2], &cc)) {
			if (cc == 0) {
				b->stats.skipped++;
				continue;
			}
			st = ivec_push(b, &b->country, lo, hi, rank, cc, in->path, err);
		} else {
			st = line_error(err, in->path, L.lineno,
			                "third field is neither a country code nor an AS number");
		}
		if (st != SC_OK)
			goto out;
	}
out:
	free(L.buf);
	return st;
}

/* RFC 8805 section 2.1.1: ip_prefix,alpha2code,region,city,postal_code.
 * Entries that are not valid are discarded and counted (section 3: feed
 * consumers discard what they cannot use). */
static sc_status
read_geofeed(struct builder *b, const sc_geodb_input *in, uint64_t rank, sc_err *err)
{
	struct lines L;
	sc_status st = read_text(in->path, &L, err);
	if (st != SC_OK)
		return st;
	char *line;
	size_t n;
	while (next_line(&L, &line, &n)) {
		if (n > SC_MAX_GEODB_LINE) {
			st = util_err(err, SC_ERR_LIMIT, in->path, L.lineno, 0, "geodb-input",
			              "line longer than %u bytes", SC_MAX_GEODB_LINE);
			goto out;
		}
		if (is_blank_or_comment(line, n))
			continue;
		char *f[8];
		size_t fl[8];
		int nf = csv_split(line, n, f, fl, 8);
		if (nf < 2 || memchr(line, '\0', n) != NULL) {
			b->stats.geofeed_invalid++;
			continue;
		}
		for (int i = 0; i < nf; i++)
			trim(&f[i], &fl[i]);
		b->stats.lines++;
		char *slash = memchr(f[0], '/', fl[0]);
		geodb_u128 addr;
		enum fam fam;
		unsigned plen = 0;
		bool ok = slash != NULL && parse_addr(f[0], (size_t)(slash - f[0]), &addr, &fam) &&
		          fam != FAM_NUM;
		if (ok) {
			size_t dl = fl[0] - (size_t)(slash - f[0]) - 1;
			const char *d = slash + 1;
			ok = dl >= 1 && dl <= 3;
			for (size_t i = 0; ok && i < dl; i++) {
				ok = d[i] >= '0' && d[i] <= '9';
				plen = plen * 10 + (unsigned)(d[i] - '0');
			}
			ok = ok && plen <= (fam == FAM_V4 ? 32u : 128u);
		}
		uint32_t cc = 0;
		if (!ok || !parse_cc(f[1], fl[1], &cc)) {
			b->stats.geofeed_invalid++;
			continue;
		}
		if (cc == 0) { /* an empty country says nothing (section 2.1.1.2) */
			b->stats.skipped++;
			continue;
		}
		unsigned width = fam == FAM_V4 ? 32u : 128u;
		unsigned host = width - plen;
		geodb_u128 mask = host == 128 ? GEODB_U128_MAX : (((geodb_u128)1 << host) - 1u);
		if (addr & mask) { /* host bits set: not a prefix */
			b->stats.geofeed_invalid++;
			continue;
		}
		st = ivec_push(b, &b->country, addr, addr | mask, rank, cc, in->path, err);
		if (st != SC_OK)
			goto out;
		b->stats.geofeed_prefixes++;
	}
out:
	free(L.buf);
	return st;
}

/* ------------------------------------------------------------ MMDB input */

struct offcache {
	struct { uint32_t off; uint32_t cc; uint32_t asn; } *s; /* off NONE: free */
	size_t cap, n;
};

static bool
offcache_grow(struct offcache *c)
{
	size_t ncap = c->cap ? c->cap * 2 : 4096;
	__typeof__(c->s) ns = malloc(ncap * sizeof(*ns));
	if (ns == NULL)
		return false;
	for (size_t i = 0; i < ncap; i++)
		ns[i].off = NONE;
	for (size_t i = 0; i < c->cap; i++) {
		if (c->s[i].off == NONE)
			continue;
		size_t j = (c->s[i].off * 2654435761u) & (ncap - 1);
		while (ns[j].off != NONE)
			j = (j + 1) & (ncap - 1);
		ns[j] = c->s[i];
	}
	free(c->s);
	c->s = ns;
	c->cap = ncap;
	return true;
}

/* Country and ASN (interned) of the record at a data offset, decoded once. */
static sc_status
mmdb_record(struct builder *b, struct offcache *c, MMDB_entry_s *entry, const char *file,
            uint32_t *ret_cc, uint32_t *ret_asn, sc_err *err)
{
	if ((c->n + 1) * 2 > c->cap && !offcache_grow(c))
		return oom(err);
	size_t j = (entry->offset * 2654435761u) & (c->cap - 1);
	while (c->s[j].off != NONE) {
		if (c->s[j].off == entry->offset) {
			*ret_cc = c->s[j].cc;
			*ret_asn = c->s[j].asn;
			return SC_OK;
		}
		j = (j + 1) & (c->cap - 1);
	}
	char cc[3];
	bool found;
	uint32_t vcc = 0, vasn = NONE;
	sc_status st = geo_entry_country(entry, file, false, cc, &found, err);
	if (st != SC_OK)
		return st;
	if (found && !parse_cc(cc, 2, &vcc))
		vcc = 0;
	if (found && vcc == 0)
		b->stats.skipped++;
	char org[1025];
	uint32_t asn;
	st = geo_entry_asn(entry, file, false, &asn, org, sizeof(org), &found, err);
	if (st != SC_OK)
		return st;
	if (found) {
		st = asn_intern(b, asn, org, strlen(org), &vasn, err);
		if (st != SC_OK)
			return st;
	}
	c->s[j].off = entry->offset;
	c->s[j].cc = vcc;
	c->s[j].asn = vasn;
	c->n++;
	*ret_cc = vcc;
	*ret_asn = vasn;
	return SC_OK;
}

static sc_status
tree_error(const char *file, sc_err *err, const char *what, unsigned long long v)
{
	return util_err(err, SC_ERR_CORRUPT, file, 0, 0, "geodb-corrupt",
	                "damaged search tree: %s (%llu)", what, v);
}

/* Walk the search tree depth-first and turn every data record into ranges.
 * Aliases of the IPv4 tree (::ffff:0:0/96, 2002::/16, Teredo) are skipped.
 * A tree that is not a tree (shared nodes, loops) is refused: visits are
 * bounded by node_count, depth by the address width. */
static sc_status
read_mmdb(struct builder *b, const sc_geodb_input *in, uint64_t rank, sc_err *err)
{
	MMDB_s mmdb;
	struct offcache cache = { 0 };
	int ms;
	sc_status st = geo_mmdb_open(in->path, &mmdb, err);
	if (st != SC_OK)
		return st;
	unsigned bits = mmdb.metadata.ip_version == 6 ? 128 : 32;
	uint32_t node_count = mmdb.metadata.node_count;
	/* The input's data date: ours if it records one, else its build. */
	uint64_t when = geo_meta_data_epoch(&mmdb);
	if (when == 0)
		when = mmdb.metadata.build_epoch;
	if (b->oldest_mmdb == 0 || when < b->oldest_mmdb)
		b->oldest_mmdb = when;

	/* The IPv4 subtree: 96 zero bits from the root. */
	uint32_t v4start = NONE;
	if (bits == 128) {
		uint32_t cur = 0;
		unsigned d;
		for (d = 0; d < 96; d++) {
			MMDB_search_node_s sn;
			if (MMDB_read_node(&mmdb, cur, &sn) != MMDB_SUCCESS)
				break;
			if (sn.left_record_type != MMDB_RECORD_TYPE_SEARCH_NODE)
				break;
			cur = (uint32_t)sn.left_record;
		}
		if (d == 96)
			v4start = cur;
	}

	struct frame { geodb_u128 prefix; uint32_t node; uint8_t depth; } stack[2 * 129 + 2];
	size_t sp = 0;
	uint64_t visits = 0;
	stack[sp++] = (struct frame){ 0, 0, 0 };
	while (sp > 0) {
		struct frame fr = stack[--sp];
		if (++visits > (uint64_t)node_count + 1) {
			st = tree_error(in->path, err, "nodes reached more than once", visits);
			goto out;
		}
		MMDB_search_node_s sn;
		ms = MMDB_read_node(&mmdb, fr.node, &sn);
		if (ms != MMDB_SUCCESS) {
			st = tree_error(in->path, err, MMDB_strerror(ms), fr.node);
			goto out;
		}
		for (int side = 1; side >= 0; side--) {
			unsigned depth = fr.depth + 1u;
			geodb_u128 prefix = fr.prefix | ((geodb_u128)side << (bits - depth));
			uint8_t type = side ? sn.right_record_type : sn.left_record_type;
			uint64_t rec = side ? sn.right_record : sn.left_record;
			MMDB_entry_s entry = side ? sn.right_record_entry : sn.left_record_entry;
			if (type == MMDB_RECORD_TYPE_EMPTY)
				continue;
			if (type == MMDB_RECORD_TYPE_SEARCH_NODE) {
				if (bits == 128 && rec == v4start && !(prefix == 0 && depth == 96))
					continue; /* an alias of the IPv4 tree */
				if (depth >= bits) {
					st = tree_error(in->path, err, "deeper than the address width", depth);
					goto out;
				}
				if (sp >= sizeof(stack) / sizeof(stack[0])) {
					st = tree_error(in->path, err, "stack", sp);
					goto out;
				}
				stack[sp++] = (struct frame){ prefix, (uint32_t)rec, (uint8_t)depth };
				continue;
			}
			if (type != MMDB_RECORD_TYPE_DATA) {
				st = tree_error(in->path, err, "record points outside the file", rec);
				goto out;
			}
			geodb_u128 hi = prefix | (depth >= bits ? 0 : ((((geodb_u128)1) << (bits - depth)) - 1u));
			uint32_t cc = 0, asn = NONE;
			st = mmdb_record(b, &cache, &entry, in->path, &cc, &asn, err);
			if (st != SC_OK)
				goto out;
			b->stats.mmdb_networks++;
			if (cc != 0)
				st = ivec_push(b, &b->country, prefix, hi, rank, cc, in->path, err);
			if (st == SC_OK && asn != NONE)
				st = ivec_push(b, &b->asn, prefix, hi, rank, asn, in->path, err);
			if (st != SC_OK)
				goto out;
		}
	}
out:
	free(cache.s);
	MMDB_close(&mmdb);
	return st;
}

/* -------------------------------------------------------------- paint */

static int
cmp_iv(const void *a, const void *b)
{
	const struct iv *x = a, *y = b;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return x->prio < y->prio ? -1 : x->prio > y->prio;
}

static int
cmp_u128(const void *a, const void *b)
{
	geodb_u128 x, y;
	memcpy(&x, a, sizeof(x));
	memcpy(&y, b, sizeof(y));
	return x < y ? -1 : x > y;
}

static bool
seg_push(struct seg **v, size_t *n, size_t *cap, geodb_u128 lo, geodb_u128 hi, uint32_t val)
{
	if (*n > 0 && (*v)[*n - 1].val == val && (*v)[*n - 1].hi + 1 == lo) {
		(*v)[*n - 1].hi = hi; /* adjacent and equal: one range */
		return true;
	}
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 65536;
		struct seg *p = realloc(*v, ncap * sizeof(*p));
		if (p == NULL)
			return false;
		*v = p;
		*cap = ncap;
	}
	(*v)[(*n)++] = (struct seg){ lo, hi, val };
	return true;
}

/* Heap of interval indices ordered by priority (highest on top). */
static void
heap_push(uint32_t *h, size_t *n, const struct iv *v, uint32_t x)
{
	size_t i = (*n)++;
	h[i] = x;
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (v[h[p]].prio >= v[h[i]].prio)
			break;
		uint32_t t = h[p];
		h[p] = h[i];
		h[i] = t;
		i = p;
	}
}

static void
heap_pop(uint32_t *h, size_t *n, const struct iv *v)
{
	h[0] = h[--(*n)];
	size_t i = 0;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < *n && v[h[l]].prio > v[h[m]].prio)
			m = l;
		if (r < *n && v[h[r]].prio > v[h[m]].prio)
			m = r;
		if (m == i)
			break;
		uint32_t t = h[m];
		h[m] = h[i];
		h[i] = t;
		i = m;
	}
}

/* Turn overlapping intervals into disjoint ranges where the interval of
 * highest priority gives the value. Frees vec's storage. */
static sc_status
paint(struct ivec *vec, struct seg **ret, size_t *ret_n, sc_err *err)
{
	struct iv *v = vec->v;
	size_t n = vec->n;
	struct seg *out = NULL;
	size_t nout = 0, cap = 0;
	geodb_u128 *bounds = NULL;
	uint32_t *heap = NULL;
	sc_status st = SC_OK;

	if (n == 0)
		goto done;
	qsort(v, n, sizeof(*v), cmp_iv);
	bool disjoint = true;
	for (size_t i = 1; i < n && disjoint; i++)
		disjoint = v[i - 1].hi < v[i].lo;
	if (disjoint) { /* the common case: one sorted source */
		for (size_t i = 0; i < n; i++)
			if (!seg_push(&out, &nout, &cap, v[i].lo, v[i].hi, v[i].val))
				goto nomem;
		goto done;
	}
	bounds = malloc(2 * n * sizeof(*bounds));
	heap = malloc(n * sizeof(*heap));
	if (bounds == NULL || heap == NULL)
		goto nomem;
	size_t nb = 0;
	for (size_t i = 0; i < n; i++) {
		bounds[nb++] = v[i].lo;
		if (v[i].hi != GEODB_U128_MAX)
			bounds[nb++] = v[i].hi + 1;
	}
	qsort(bounds, nb, sizeof(*bounds), cmp_u128);
	size_t u = 0;
	for (size_t i = 0; i < nb; i++)
		if (u == 0 || bounds[u - 1] != bounds[i])
			bounds[u++] = bounds[i];
	nb = u;
	size_t hn = 0, j = 0;
	for (size_t k = 0; k < nb; k++) {
		geodb_u128 at = bounds[k];
		while (j < n && v[j].lo == at)
			heap_push(heap, &hn, v, (uint32_t)j++);
		while (hn > 0 && v[heap[0]].hi < at)
			heap_pop(heap, &hn, v);
		if (hn == 0)
			continue;
		geodb_u128 end = k + 1 < nb ? bounds[k + 1] - 1 : GEODB_U128_MAX;
		if (!seg_push(&out, &nout, &cap, at, end, v[heap[0]].val))
			goto nomem;
	}
done:
	*ret = out;
	*ret_n = nout;
	out = NULL;
	goto out;
nomem:
	st = oom(err);
out:
	free(out);
	free(bounds);
	free(heap);
	free(vec->v);
	memset(vec, 0, sizeof(*vec));
	return st;
}

/* ------------------------------------------------------------- output */

/* Data offset of the record {country, asn}, encoded on first use. */
static sc_status
record_offset(struct builder *b, uint32_t cc, uint32_t asn, uint32_t *ret, sc_err *err)
{
	uint64_t key = (((uint64_t)cc << 32) | asn) + 1u; /* 0 marks a free slot */
	if ((b->n_recs + 1) * 2 > b->cap_recs) {
		size_t ncap = b->cap_recs ? b->cap_recs * 2 : 65536;
		__typeof__(b->recs) ns = calloc(ncap, sizeof(*ns));
		if (ns == NULL)
			return oom(err);
		for (size_t i = 0; i < b->cap_recs; i++) {
			if (b->recs[i].key == 0)
				continue;
			size_t j = (b->recs[i].key * 0x9E3779B97F4A7C15ull >> 20) & (ncap - 1);
			while (ns[j].key != 0)
				j = (j + 1) & (ncap - 1);
			ns[j] = b->recs[i];
		}
		free(b->recs);
		b->recs = ns;
		b->cap_recs = ncap;
	}
	size_t j = (key * 0x9E3779B97F4A7C15ull >> 20) & (b->cap_recs - 1);
	while (b->recs[j].key != 0) {
		if (b->recs[j].key == key) {
			*ret = b->recs[j].off;
			return SC_OK;
		}
		j = (j + 1) & (b->cap_recs - 1);
	}
	geodb_enc *e = geodb_writer_data(b->w);
	if (e->len >= 0x7fffffffu)
		return util_err(err, SC_ERR_LIMIT, NULL, 0, 0, "geodb-build", "data section over 2 GiB");
	uint32_t off = (uint32_t)e->len;
	geodb_enc_map(e, (cc ? 1u : 0u) + (asn != NONE ? (b->asns[asn].org_len ? 2u : 1u) : 0u));
	if (cc) {
		geodb_enc_str(e, "country");
		size_t ci = (size_t)((cc >> 8) - 'A') * 26 + (size_t)((cc & 0xff) - 'A');
		if (b->cc_off[ci] != NONE) {
			geodb_enc_pointer(e, b->cc_off[ci]); /* the same {"iso_code": CC} map */
		} else {
			b->cc_off[ci] = (uint32_t)e->len;
			char s[2] = { (char)(cc >> 8), (char)(cc & 0xff) };
			geodb_enc_map(e, 1);
			geodb_enc_str(e, "iso_code");
			geodb_enc_strn(e, s, 2);
		}
	}
	if (asn != NONE) {
		const struct asn_ent *a = &b->asns[asn];
		geodb_enc_str(e, "autonomous_system_number");
		geodb_enc_u32(e, a->asn);
		if (a->org_len) {
			geodb_enc_str(e, "autonomous_system_organization");
			geodb_enc_strn(e, b->arena + a->org_off, a->org_len);
		}
	}
	if (e->oom)
		return oom(err);
	b->recs[j].key = key;
	b->recs[j].off = off;
	b->n_recs++;
	b->stats.records++;
	*ret = off;
	return SC_OK;
}

static unsigned
ctz128(geodb_u128 x)
{
	uint64_t lo = (uint64_t)x, hi = (uint64_t)(x >> 64);
	if (lo)
		return (unsigned)__builtin_ctzll(lo);
	if (hi)
		return 64u + (unsigned)__builtin_ctzll(hi);
	return 128;
}

static unsigned
log2_128(geodb_u128 x) /* x > 0 */
{
	uint64_t hi = (uint64_t)(x >> 64);
	if (hi)
		return 127u - (unsigned)__builtin_clzll(hi);
	return 63u - (unsigned)__builtin_clzll((uint64_t)x);
}

/* Insert [lo, hi] as CIDR networks, leaving out the ranges the IPv4
 * aliases answer for and cutting at ::/97 and ::1:0:0/96 so that the
 * IPv4 subtree at ::/96 is a node of its own. */
static sc_status
put_range(struct builder *b, geodb_u128 lo, geodb_u128 hi, uint32_t off, sc_err *err)
{
	static const geodb_u128 excl[][2] = {
		{ GEODB_MAPPED_LO, GEODB_MAPPED_HI },
		{ GEODB_6TO4_LO, GEODB_6TO4_HI },
	};
	for (size_t i = 0; i < 2; i++) {
		if (hi < excl[i][0] || lo > excl[i][1])
			continue;
		sc_status st = SC_OK;
		if (lo < excl[i][0])
			st = put_range(b, lo, excl[i][0] - 1, off, err);
		if (st == SC_OK && hi > excl[i][1])
			st = put_range(b, excl[i][1] + 1, hi, off, err);
		return st;
	}
	static const geodb_u128 cuts[] = { (geodb_u128)1 << 31, (geodb_u128)1 << 32 };
	for (size_t i = 0; i < 2; i++) {
		if (lo < cuts[i] && hi >= cuts[i]) {
			sc_status st = put_range(b, lo, cuts[i] - 1, off, err);
			if (st == SC_OK)
				st = put_range(b, cuts[i], hi, off, err);
			return st;
		}
	}
	for (;;) {
		geodb_u128 size = hi - lo + 1; /* never 2^128 after the cuts */
		unsigned k = ctz128(lo);
		unsigned ks = log2_128(size);
		if (ks < k)
			k = ks;
		sc_status st = geodb_writer_insert(b->w, lo, 128 - k, off, err);
		if (st != SC_OK)
			return st;
		b->stats.networks++;
		geodb_u128 next = lo + ((geodb_u128)1 << k);
		if (next == 0 || next > hi)
			return SC_OK;
		lo = next;
	}
}

static sc_status
flush_pending(struct builder *b, sc_err *err)
{
	if (!b->pend)
		return SC_OK;
	b->pend = false;
	uint32_t off = 0;
	sc_status st = record_offset(b, b->pend_cc, b->pend_asn, &off, err);
	if (st != SC_OK)
		return st;
	return put_range(b, b->pend_lo, b->pend_hi, off, err);
}

static sc_status
emit(struct builder *b, geodb_u128 lo, geodb_u128 hi, uint32_t cc, uint32_t asn, sc_err *err)
{
	if (b->pend && b->pend_cc == cc && b->pend_asn == asn && b->pend_hi + 1 == lo) {
		b->pend_hi = hi;
		return SC_OK;
	}
	sc_status st = flush_pending(b, err);
	b->pend = true;
	b->pend_lo = lo;
	b->pend_hi = hi;
	b->pend_cc = cc;
	b->pend_asn = asn;
	return st;
}

/* Join the two painted layers: one record per range where either has a
 * value. */
static sc_status
join_layers(struct builder *b, const struct seg *C, size_t nc, const struct seg *A, size_t na,
            sc_err *err)
{
	size_t i = 0, j = 0;
	geodb_u128 x = 0;
	while (i < nc || j < na) {
		geodb_u128 cstart = i < nc ? C[i].lo : GEODB_U128_MAX;
		geodb_u128 astart = j < na ? A[j].lo : GEODB_U128_MAX;
		bool cact = i < nc && C[i].lo <= x;
		bool aact = j < na && A[j].lo <= x;
		if (!cact && !aact) {
			x = cstart < astart ? cstart : astart;
			cact = i < nc && C[i].lo <= x;
			aact = j < na && A[j].lo <= x;
		}
		geodb_u128 end = GEODB_U128_MAX;
		if (cact)
			end = C[i].hi;
		else if (i < nc)
			end = cstart - 1;
		if (aact && A[j].hi < end)
			end = A[j].hi;
		else if (!aact && j < na && astart - 1 < end)
			end = astart - 1;
		sc_status st = emit(b, x, end, cact ? C[i].val : 0, aact ? A[j].val : NONE, err);
		if (st != SC_OK)
			return st;
		if (cact && C[i].hi == end)
			i++;
		if (aact && A[j].hi == end)
			j++;
		if (end == GEODB_U128_MAX)
			break;
		x = end + 1;
	}
	return flush_pending(b, err);
}

static const char *
input_source(const sc_geodb_input *in)
{
	if (in->source != NULL && in->source[0] != '\0')
		return in->source;
	const char *s = strrchr(in->path, '/');
	return s ? s + 1 : in->path;
}

static sc_status
write_output(struct builder *b, const char *out_path, sc_err *err)
{
	const sc_geodb_build_opts *o = b->opts;
	strbuf desc;
	geodb_enc extra;
	uint8_t *buf = NULL;
	size_t len = 0;
	sc_status st = SC_OK;
	sb_init(&desc);
	geodb_enc_init(&extra, false);

	sb_puts(&desc, "sovcheck geolocation database: country (ISO 3166-1) and autonomous system "
	               "per network. Sources, later ones overriding earlier ones, RFC 8805 geofeeds "
	               "overriding every country: ");
	for (size_t i = 0; i < o->n_inputs; i++)
		sb_printf(&desc, "%s%s", i ? "; " : "", input_source(&o->inputs[i]));
	sb_puts(&desc, ".");

	uint64_t data_epoch = o->data_epoch ? o->data_epoch :
	                      b->oldest_mmdb ? b->oldest_mmdb : o->build_epoch;
	geodb_enc_str(&extra, "sovcheck_counts");
	geodb_enc_map(&extra, 5);
	geodb_enc_str(&extra, "asn_ranges");
	geodb_enc_u64(&extra, b->stats.asn_ranges);
	geodb_enc_str(&extra, "country_ranges");
	geodb_enc_u64(&extra, b->stats.country_ranges);
	geodb_enc_str(&extra, "geofeed_prefixes");
	geodb_enc_u64(&extra, b->stats.geofeed_prefixes);
	geodb_enc_str(&extra, "networks");
	geodb_enc_u64(&extra, b->stats.networks);
	geodb_enc_str(&extra, "records");
	geodb_enc_u64(&extra, b->stats.records);
	geodb_enc_str(&extra, "sovcheck_data_epoch");
	geodb_enc_u64(&extra, data_epoch);
	geodb_enc_str(&extra, "sovcheck_sources");
	geodb_enc_array(&extra, (uint32_t)o->n_inputs);
	for (size_t i = 0; i < o->n_inputs; i++)
		geodb_enc_str(&extra, input_source(&o->inputs[i]));
	if (desc.oom) {
		st = oom(err);
		goto out;
	}
	geodb_meta meta = {
		.database_type = "sovcheck-geo",
		.description_en = desc.s ? desc.s : "",
		.build_epoch = o->build_epoch,
		.record_size = o->record_size,
		.extra = &extra,
		.n_extra = 3,
	};
	unsigned rs;
	b->stats.nodes = geodb_writer_node_count(b->w);
	st = geodb_writer_finish(b->w, &meta, &buf, &len, &rs, err);
	if (st != SC_OK)
		goto out;
	b->stats.record_size = rs;
	b->stats.bytes = len;
	st = sc_write_atomic(out_path, buf, len, err);
out:
	free(buf);
	sb_free(&desc);
	geodb_enc_free(&extra);
	return st;
}

sc_status
sc_geodb_build(const sc_geodb_build_opts *opts, const char *out_path, sc_geodb_stats *ret_stats,
               sc_err *err)
{
	if (opts == NULL || out_path == NULL || (opts->n_inputs > 0 && opts->inputs == NULL))
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "geodb-build", "missing argument");
	if (opts->record_size != 0 && opts->record_size != 24 && opts->record_size != 28 &&
	    opts->record_size != 32)
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "geodb-build",
		                "record size %u is not 24, 28 or 32", opts->record_size);
	if (opts->n_inputs > SC_MAX_GEODB_INPUTS)
		return util_err(err, SC_ERR_LIMIT, NULL, 0, 0, "geodb-build",
		                "more than %u input files", SC_MAX_GEODB_INPUTS);
	struct builder *b = calloc(1, sizeof(*b));
	if (b == NULL)
		return oom(err);
	struct seg *C = NULL, *A = NULL;
	size_t nc = 0, na = 0;
	sc_status st = SC_OK;
	b->opts = opts;
	for (size_t i = 0; i < 26 * 26; i++)
		b->cc_off[i] = NONE;

	for (size_t i = 0; i < opts->n_inputs && st == SC_OK; i++) {
		const sc_geodb_input *in = &opts->inputs[i];
		switch (in->kind) {
		case SC_GEODB_CSV:
			st = read_csv(b, in, i, err);
			break;
		case SC_GEODB_MMDB:
			st = read_mmdb(b, in, i, err);
			break;
		case SC_GEODB_GEOFEED:
			st = read_geofeed(b, in, opts->n_inputs + i, err);
			break;
		}
	}
	if (st != SC_OK)
		goto out;
	st = paint(&b->country, &C, &nc, err);
	if (st == SC_OK)
		st = paint(&b->asn, &A, &na, err);
	if (st != SC_OK)
		goto out;
	b->stats.country_ranges = nc;
	b->stats.asn_ranges = na;
	b->w = geodb_writer_new();
	if (b->w == NULL) {
		st = oom(err);
		goto out;
	}
	st = join_layers(b, C, nc, A, na, err);
	free(C);
	free(A);
	C = A = NULL;
	if (st == SC_OK)
		st = geodb_writer_alias_ipv4(b->w, err);
	if (st == SC_OK)
		st = write_output(b, out_path, err);
	if (st == SC_OK && ret_stats != NULL)
		*ret_stats = b->stats;
out:
	free(C);
	free(A);
	free(b->country.v);
	free(b->asn.v);
	free(b->asns);
	free(b->asn_slots);
	free(b->arena);
	free(b->recs);
	geodb_writer_free(b->w);
	free(b);
	return st;
}
