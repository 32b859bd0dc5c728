/*
 * geo-build-read.c — the geodb builder's inputs: CSV range files (text or
 * numeric addresses, RFC 4180 quoting), RFC 8805 geofeeds and MaxMind DB
 * files of any layout, each read into the builder's country and ASN
 * layers. A malformed line stops the build with FILE:LINE.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <maxminddb.h>

#include "geo-build.h"
#include "geo.h"
#include "sc-limits.h"
#include "util.h"

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
bool
build_parse_cc(const char *s, size_t n, uint32_t *ret_cc)
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
sc_status
build_read_csv(struct builder *b, const sc_geodb_input *in, size_t src, sc_err *err)
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
			st = build_asn_intern(b, asn, org, orglen, &idx, err);
			if (st == SC_OK)
				st = build_ivec_push(b, &b->asn, lo, hi, src, src, idx, in->path, err);
		} else if (build_parse_cc(f[2], fl[2], &cc)) {
			if (cc == 0) {
				b->stats.skipped++;
				continue;
			}
			st = build_ivec_push(b, &b->country, lo, hi, src, src, cc, in->path, err);
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

/*
 * Precedence of a geofeed prefix: above every CSV and MMDB input (whose
 * rank is their input index, < SC_MAX_GEODB_INPUTS), then the longer
 * prefix first, then the later geofeed, then (the sequence below the rank)
 * the later line. A feed that publishes a /24 inside an aggregate it also
 * publishes answers with the /24 there and with the aggregate elsewhere,
 * whatever the order of its lines and of the feeds (RFC 8805 section 2.1:
 * a feed describes each prefix it lists; the more specific entry is the
 * one about that address). plen is on the 128-bit scale (IPv4: 96 + len).
 */
static uint64_t
geofeed_rank(unsigned plen, size_t src)
{
	_Static_assert(SC_MAX_GEODB_INPUTS <= 128u, "input index fits in 7 bits");
	return (1ull << 20) | ((uint64_t)plen << 7) | (uint64_t)src;
}

/* RFC 8805 section 2.1.1: ip_prefix,alpha2code,region,city,postal_code.
 * Entries that are not valid are discarded and counted (section 3: feed
 * consumers discard what they cannot use). */
sc_status
build_read_geofeed(struct builder *b, const sc_geodb_input *in, size_t src, sc_err *err)
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
		if (!ok || !build_parse_cc(f[1], fl[1], &cc)) {
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
		st = build_ivec_push(b, &b->country, addr, addr | mask,
		                     geofeed_rank(fam == FAM_V4 ? 96u + plen : plen, src), src, cc,
		                     in->path, err);
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
		return build_oom(err);
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
	if (found && !build_parse_cc(cc, 2, &vcc))
		vcc = 0;
	if (found && vcc == 0)
		b->stats.skipped++;
	char org[1025];
	uint32_t asn;
	size_t orglen = 0;
	st = geo_entry_asn(entry, file, false, &asn, org, sizeof(org), &orglen, NULL, &found, err);
	if (st != SC_OK)
		return st;
	if (found) {
		st = build_asn_intern(b, asn, org, orglen, &vasn, err);
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
sc_status
build_read_mmdb(struct builder *b, const sc_geodb_input *in, size_t src, sc_err *err)
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
				st = build_ivec_push(b, &b->country, prefix, hi, src, src, cc, in->path,
				                     err);
			if (st == SC_OK && asn != NONE)
				st = build_ivec_push(b, &b->asn, prefix, hi, src, src, asn, in->path, err);
			if (st != SC_OK)
				goto out;
		}
	}
out:
	free(cache.s);
	MMDB_close(&mmdb);
	return st;
}
