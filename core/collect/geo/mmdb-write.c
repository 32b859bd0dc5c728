/*
 * mmdb-write.c — a writer for the MaxMind DB file format, version 2.0
 * (https://maxmind.github.io/MaxMind-DB/): the data section encoder with
 * string deduplication through pointers, the binary search tree with
 * 24/28/32-bit records chosen by size, the IPv4 aliases of an IPv6 tree,
 * and the metadata section. libmaxminddb only reads; this is our writer.
 */
#include <stdlib.h>
#include <string.h>

#include "mmdb-write.h"
#include "util.h"

/* MaxMind DB data types (spec, "Output Data Section"). */
enum {
	T_EXTENDED = 0,
	T_POINTER = 1,
	T_UTF8 = 2,
	T_UINT16 = 5,
	T_UINT32 = 6,
	T_MAP = 7,
	T_UINT64 = 9,
	T_ARRAY = 11,
};

/* ------------------------------------------------------------ encoder */

struct strent {
	uint32_t enc_off;     /* where the string's control byte is */
	uint32_t payload_off; /* where its bytes are */
	uint32_t len;
	uint32_t hash;
};

struct geodb_strcache {
	struct strent *slots; /* open addressing; enc_off == UINT32_MAX: free */
	size_t cap, n;
};

static uint32_t
hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= (uint8_t)s[i];
		h *= 16777619u;
	}
	return h;
}

void
geodb_enc_init(geodb_enc *e, bool dedup)
{
	memset(e, 0, sizeof(*e));
	if (dedup) {
		e->cache = calloc(1, sizeof(*e->cache));
		if (e->cache == NULL)
			e->oom = true;
	}
}

void
geodb_enc_free(geodb_enc *e)
{
	if (e == NULL)
		return;
	free(e->p);
	if (e->cache != NULL)
		free(e->cache->slots);
	free(e->cache);
	memset(e, 0, sizeof(*e));
}

static void
put(geodb_enc *e, const void *b, size_t n)
{
	if (e->oom)
		return;
	if (n > SIZE_MAX / 2 - e->len) {
		e->oom = true;
		return;
	}
	if (e->len + n > e->cap) {
		size_t ncap = e->cap ? e->cap : 4096;
		while (ncap < e->len + n)
			ncap *= 2;
		uint8_t *p = realloc(e->p, ncap);
		if (p == NULL) {
			e->oom = true;
			return;
		}
		e->p = p;
		e->cap = ncap;
	}
	memcpy(e->p + e->len, b, n);
	e->len += n;
}

static void
put_be(geodb_enc *e, uint64_t v, unsigned nbytes)
{
	uint8_t b[8];
	for (unsigned i = 0; i < nbytes; i++)
		b[i] = (uint8_t)(v >> (8u * (nbytes - 1u - i)));
	put(e, b, nbytes);
}

/* Control byte, extended type byte, then the size bytes (spec, "Data
 * Field Format"). */
static void
put_ctrl(geodb_enc *e, unsigned type, size_t size)
{
	uint8_t ctrl = (uint8_t)((type <= 7 ? type : T_EXTENDED) << 5);
	uint8_t ext = (uint8_t)(type > 7 ? type - 7 : 0);
	if (size < 29) {
		ctrl |= (uint8_t)size;
		put(e, &ctrl, 1);
		if (type > 7)
			put(e, &ext, 1);
	} else if (size < 29 + 256) {
		ctrl |= 29;
		put(e, &ctrl, 1);
		if (type > 7)
			put(e, &ext, 1);
		put_be(e, size - 29, 1);
	} else if (size < 285 + 65536) {
		ctrl |= 30;
		put(e, &ctrl, 1);
		if (type > 7)
			put(e, &ext, 1);
		put_be(e, size - 285, 2);
	} else if (size < 65821 + 16777216) {
		ctrl |= 31;
		put(e, &ctrl, 1);
		if (type > 7)
			put(e, &ext, 1);
		put_be(e, size - 65821, 3);
	} else {
		e->oom = true; /* not representable: fails the build */
	}
}

void
geodb_enc_map(geodb_enc *e, uint32_t n_pairs)
{
	put_ctrl(e, T_MAP, n_pairs);
}

void
geodb_enc_array(geodb_enc *e, uint32_t n_items)
{
	put_ctrl(e, T_ARRAY, n_items);
}

void
geodb_enc_pointer(geodb_enc *e, uint32_t off)
{
	/* spec, "pointer - 1": four sizes with cumulative offsets. */
	if (off < 2048) {
		put_be(e, (uint64_t)((T_POINTER << 5) | (0 << 3) | (off >> 8)), 1);
		put_be(e, off & 0xffu, 1);
	} else if (off < 2048u + 524288u) {
		uint32_t v = off - 2048u;
		put_be(e, (uint64_t)((T_POINTER << 5) | (1 << 3) | (v >> 16)), 1);
		put_be(e, v & 0xffffu, 2);
	} else if (off < 526336u + 134217728u) {
		uint32_t v = off - 526336u;
		put_be(e, (uint64_t)((T_POINTER << 5) | (2 << 3) | (v >> 24)), 1);
		put_be(e, v & 0xffffffu, 3);
	} else {
		put_be(e, (uint64_t)((T_POINTER << 5) | (3 << 3)), 1);
		put_be(e, off, 4);
	}
}

static bool
cache_grow(struct geodb_strcache *c)
{
	size_t ncap = c->cap ? c->cap * 2 : 1024;
	struct strent *ns = malloc(ncap * sizeof(*ns));
	if (ns == NULL)
		return false;
	for (size_t i = 0; i < ncap; i++)
		ns[i].enc_off = UINT32_MAX;
	for (size_t i = 0; i < c->cap; i++) {
		if (c->slots[i].enc_off == UINT32_MAX)
			continue;
		size_t j = c->slots[i].hash & (ncap - 1);
		while (ns[j].enc_off != UINT32_MAX)
			j = (j + 1) & (ncap - 1);
		ns[j] = c->slots[i];
	}
	free(c->slots);
	c->slots = ns;
	c->cap = ncap;
	return true;
}

void
geodb_enc_strn(geodb_enc *e, const char *s, size_t n)
{
	struct geodb_strcache *c = e->cache;
	/* A pointer costs 2 to 5 bytes; only strings longer than that gain. */
	if (c == NULL || n < 4 || e->len >= UINT32_MAX / 2 || e->oom) {
		put_ctrl(e, T_UTF8, n);
		put(e, s, n);
		return;
	}
	uint32_t h = hash_bytes(s, n);
	if (c->n * 2 >= c->cap && !cache_grow(c)) {
		e->oom = true;
		return;
	}
	size_t j = h & (c->cap - 1);
	while (c->slots[j].enc_off != UINT32_MAX) {
		struct strent *se = &c->slots[j];
		if (se->hash == h && se->len == n && memcmp(e->p + se->payload_off, s, n) == 0) {
			geodb_enc_pointer(e, se->enc_off);
			return;
		}
		j = (j + 1) & (c->cap - 1);
	}
	uint32_t enc_off = (uint32_t)e->len;
	put_ctrl(e, T_UTF8, n);
	uint32_t payload_off = (uint32_t)e->len;
	put(e, s, n);
	if (e->oom)
		return;
	c->slots[j] = (struct strent){ enc_off, payload_off, (uint32_t)n, h };
	c->n++;
}

void
geodb_enc_str(geodb_enc *e, const char *s)
{
	geodb_enc_strn(e, s, strlen(s));
}

static unsigned
uint_bytes(uint64_t v)
{
	unsigned n = 0;
	while (v != 0) {
		n++;
		v >>= 8;
	}
	return n;
}

void
geodb_enc_u16(geodb_enc *e, uint16_t v)
{
	unsigned n = uint_bytes(v);
	put_ctrl(e, T_UINT16, n);
	put_be(e, v, n);
}

void
geodb_enc_u32(geodb_enc *e, uint32_t v)
{
	unsigned n = uint_bytes(v);
	put_ctrl(e, T_UINT32, n);
	put_be(e, v, n);
}

void
geodb_enc_u64(geodb_enc *e, uint64_t v)
{
	unsigned n = uint_bytes(v);
	put_ctrl(e, T_UINT64, n);
	put_be(e, v, n);
}

/* -------------------------------------------------------- search tree */

/* Record values while building: 0 = empty (node 0 is the root, so no
 * record ever points at it), REC_DATA|offset = data, else a node index. */
#define REC_EMPTY 0u
#define REC_DATA 0x80000000u

struct node {
	uint32_t r[2];
};

struct geodb_writer {
	struct node *nodes;
	size_t n, cap;
	geodb_enc data;
};

static uint32_t
node_new(geodb_writer *w)
{
	if (w->n == w->cap) {
		size_t ncap = w->cap ? w->cap * 2 : 4096;
		if (ncap >= REC_DATA)
			return 0;
		struct node *p = realloc(w->nodes, ncap * sizeof(*p));
		if (p == NULL)
			return 0;
		w->nodes = p;
		w->cap = ncap;
	}
	w->nodes[w->n].r[0] = REC_EMPTY;
	w->nodes[w->n].r[1] = REC_EMPTY;
	return (uint32_t)w->n++;
}

geodb_writer *
geodb_writer_new(void)
{
	geodb_writer *w = calloc(1, sizeof(*w));
	if (w == NULL)
		return NULL;
	geodb_enc_init(&w->data, true);
	if (w->data.oom || node_new(w) != 0 || w->n != 1) {
		geodb_writer_free(w);
		return NULL;
	}
	return w;
}

void
geodb_writer_free(geodb_writer *w)
{
	if (w == NULL)
		return;
	free(w->nodes);
	geodb_enc_free(&w->data);
	free(w);
}

geodb_enc *
geodb_writer_data(geodb_writer *w)
{
	return &w->data;
}

size_t
geodb_writer_node_count(const geodb_writer *w)
{
	return w->n;
}

/* Walk from the root along addr for depth bits, creating nodes; returns
 * the node reached, or 0 with err set. */
static sc_status
walk_create(geodb_writer *w, geodb_u128 addr, unsigned depth, uint32_t *ret_node, sc_err *err)
{
	uint32_t cur = 0;
	for (unsigned d = 0; d < depth; d++) {
		unsigned b = geodb_bit(addr, d);
		uint32_t r = w->nodes[cur].r[b];
		if (r == REC_EMPTY) {
			uint32_t nn = node_new(w);
			if (nn == 0)
				return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "geodb-build",
				                "out of memory for the search tree (%zu nodes)", w->n);
			w->nodes[cur].r[b] = nn;
			r = nn;
		} else if (r & REC_DATA) {
			return util_err(err, SC_ERR_INTERNAL, NULL, 0, 0, "geodb-build",
			                "overlapping networks in the search tree at depth %u", d);
		}
		cur = r;
	}
	*ret_node = cur;
	return SC_OK;
}

sc_status
geodb_writer_insert(geodb_writer *w, geodb_u128 addr, unsigned len, uint32_t off, sc_err *err)
{
	if (len < 1 || len > 128 || off >= REC_DATA)
		return util_err(err, SC_ERR_INTERNAL, NULL, 0, 0, "geodb-build",
		                "bad network /%u or data offset %u", len, off);
	uint32_t n = 0;
	sc_status st = walk_create(w, addr, len - 1, &n, err);
	if (st != SC_OK)
		return st;
	unsigned b = geodb_bit(addr, len - 1);
	if (w->nodes[n].r[b] != REC_EMPTY)
		return util_err(err, SC_ERR_INTERNAL, NULL, 0, 0, "geodb-build",
		                "overlapping networks in the search tree at /%u", len);
	w->nodes[n].r[b] = REC_DATA | off;
	return SC_OK;
}

sc_status
geodb_writer_alias_ipv4(geodb_writer *w, sc_err *err)
{
	uint32_t v4root = 0, at = 0;
	sc_status st = walk_create(w, 0, 96, &v4root, err);
	if (st != SC_OK)
		return st;
	static const struct { geodb_u128 lo; unsigned len; } alias[] = {
		{ GEODB_MAPPED_LO, 96 },  /* ::ffff:0:0/96, RFC 4291 section 2.5.5.2 */
		{ GEODB_6TO4_LO, 16 },    /* 2002::/16, RFC 3056 */
	};
	for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++) {
		st = walk_create(w, alias[i].lo, alias[i].len - 1, &at, err);
		if (st != SC_OK)
			return st;
		unsigned b = geodb_bit(alias[i].lo, alias[i].len - 1);
		if (w->nodes[at].r[b] != REC_EMPTY)
			return util_err(err, SC_ERR_INTERNAL, NULL, 0, 0, "geodb-build",
			                "aliased range already holds data");
		w->nodes[at].r[b] = v4root;
	}
	return SC_OK;
}

sc_status
geodb_writer_finish(geodb_writer *w, const geodb_meta *meta, uint8_t **ret_buf,
                    size_t *ret_len, unsigned *ret_record_size, sc_err *err)
{
	geodb_enc out, md;
	geodb_enc_init(&out, false);
	geodb_enc_init(&md, false);
	sc_status st = SC_OK;

	if (w->data.oom) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "geodb-build", "out of memory in the data section");
		goto out;
	}
	uint64_t node_count = w->n;
	uint64_t max_rec = node_count + 16u + w->data.len;
	unsigned rs = max_rec < (1ull << 24) ? 24 : max_rec < (1ull << 28) ? 28 : 32;
	if (meta->record_size > rs)
		rs = meta->record_size <= 28 ? 28 : 32;
	if (max_rec >= (1ull << 32)) {
		st = util_err(err, SC_ERR_LIMIT, NULL, 0, 0, "geodb-build",
		              "database too large for 32-bit records (%llu)", (unsigned long long)max_rec);
		goto out;
	}
	for (size_t i = 0; i < w->n; i++) {
		uint64_t v[2];
		for (int k = 0; k < 2; k++) {
			uint32_t r = w->nodes[i].r[k];
			if (r == REC_EMPTY)
				v[k] = node_count;
			else if (r & REC_DATA)
				v[k] = node_count + 16u + (r & ~REC_DATA);
			else
				v[k] = r;
		}
		if (rs == 24) {
			put_be(&out, v[0], 3);
			put_be(&out, v[1], 3);
		} else if (rs == 28) {
			put_be(&out, v[0] & 0xffffffu, 3);
			put_be(&out, ((v[0] >> 24) & 0xfu) << 4 | ((v[1] >> 24) & 0xfu), 1);
			put_be(&out, v[1] & 0xffffffu, 3);
		} else {
			put_be(&out, v[0], 4);
			put_be(&out, v[1], 4);
		}
	}
	static const uint8_t zeros[16];
	put(&out, zeros, sizeof(zeros));
	put(&out, w->data.p ? w->data.p : zeros, w->data.len);
	static const uint8_t marker[] = "\xab\xcd\xefMaxMind.com";
	put(&out, marker, sizeof(marker) - 1);

	geodb_enc_map(&md, 9 + (meta->extra ? meta->n_extra : 0));
	geodb_enc_str(&md, "binary_format_major_version");
	geodb_enc_u16(&md, 2);
	geodb_enc_str(&md, "binary_format_minor_version");
	geodb_enc_u16(&md, 0);
	geodb_enc_str(&md, "build_epoch");
	geodb_enc_u64(&md, meta->build_epoch);
	geodb_enc_str(&md, "database_type");
	geodb_enc_str(&md, meta->database_type);
	geodb_enc_str(&md, "description");
	geodb_enc_map(&md, 1);
	geodb_enc_str(&md, "en");
	geodb_enc_str(&md, meta->description_en);
	geodb_enc_str(&md, "ip_version");
	geodb_enc_u16(&md, (uint16_t)(meta->ip_version == 4 ? 4 : 6));
	geodb_enc_str(&md, "languages");
	geodb_enc_array(&md, 1);
	geodb_enc_str(&md, "en");
	geodb_enc_str(&md, "node_count");
	geodb_enc_u32(&md, (uint32_t)node_count);
	geodb_enc_str(&md, "record_size");
	geodb_enc_u16(&md, (uint16_t)rs);
	if (meta->extra != NULL && meta->extra->len > 0)
		put(&md, meta->extra->p, meta->extra->len);
	if (meta->extra != NULL && meta->extra->oom)
		md.oom = true;
	put(&out, md.p, md.len);
	if (out.oom || md.oom) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "geodb-build", "out of memory assembling the database");
		goto out;
	}
	*ret_buf = out.p;
	*ret_len = out.len;
	*ret_record_size = rs;
	out.p = NULL;
out:
	geodb_enc_free(&out);
	geodb_enc_free(&md);
	return st;
}
