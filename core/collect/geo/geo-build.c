/*
 * geo-build.c — the geodb builder behind `sovcheck geodb build`: reads CSV
 * range files, RFC 8805 geofeeds and MaxMind DB files (geo-build-read.c),
 * merges them into one country layer and one ASN layer (later inputs
 * override earlier ones; geofeeds override every country, their more
 * specific prefixes first), joins the layers into one record per range,
 * each saying which input decided its country and its AS and how specific
 * that input's range was, splits ranges into CIDR networks and writes a
 * MaxMind DB with mmdb-write.c.
 *
 * Memory is bounded by the number of input ranges (SC_MAX_GEODB_RANGES):
 * each layer is an array of intervals painted by a sweep over sorted
 * boundaries with a priority heap, O(n log n).
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include <maxminddb.h>

#include "geo-build.h"
#include "geo.h"
#include "mmdb-write.h"
#include "sc-limits.h"
#include "util.h"

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

/* Append [lo, hi] with the value, input and specificity of interval x. */
static bool
seg_push(struct seg **v, size_t *n, size_t *cap, geodb_u128 lo, geodb_u128 hi, const struct iv *x)
{
	struct seg *last = *n > 0 ? &(*v)[*n - 1] : NULL;
	if (last && last->val == x->val && last->src == x->src && last->plen == x->plen &&
	    last->hi + 1 == lo) {
		last->hi = hi; /* adjacent and equal, from the same input: one range */
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
	(*v)[(*n)++] = (struct seg){ lo, hi, x->val, x->src, x->plen };
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
			if (!seg_push(&out, &nout, &cap, v[i].lo, v[i].hi, &v[i]))
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
		if (!seg_push(&out, &nout, &cap, at, end, &v[heap[0]]))
			goto nomem;
	}
done:
	*ret = out;
	*ret_n = nout;
	out = NULL;
	goto out;
nomem:
	st = build_oom(err);
out:
	free(out);
	free(bounds);
	free(heap);
	free(vec->v);
	memset(vec, 0, sizeof(*vec));
	return st;
}

/* ------------------------------------------------------------- output */

/*
 * Provenance of a record: which input decided its country and which its
 * AS (their index in the sovcheck_sources metadata), and how specific the
 * range of each was (the prefix length build_range_plen() gives it, on the
 * scale of the address family: an IPv4 /16 is 16). Packed 8 bits each:
 * country input, country length, ASN input, ASN length; input PROV_NONE
 * when the record has no such field.
 */
#define PROV_NONE 0xffu

static unsigned
family_plen(unsigned plen128, bool v4)
{
	if (!v4)
		return plen128;
	return plen128 >= 96u ? plen128 - 96u : 0u;
}

static uint32_t
prov_pack(const struct seg *c, const struct seg *a, bool v4)
{
	uint32_t cs = c->val ? c->src : PROV_NONE, cl = c->val ? family_plen(c->plen, v4) : 0;
	uint32_t as = a->val != NONE ? a->src : PROV_NONE;
	uint32_t al = a->val != NONE ? family_plen(a->plen, v4) : 0;
	return cs << 24 | cl << 16 | as << 8 | al;
}

/* Data offset of the provenance map of a record, encoded on first use:
 * {"country_source": N, "country_prefix": L, "asn_source": N,
 * "asn_prefix": L}, the pairs of a field the record has. Records point to
 * it: there are few distinct ones. */
static sc_status
prov_offset(struct builder *b, uint32_t prov, uint32_t *ret, sc_err *err)
{
	uint32_t key = prov + 1u; /* 0 marks a free slot; prov is never ~0 */
	if ((b->n_provs + 1) * 2 > b->cap_provs) {
		size_t ncap = b->cap_provs ? b->cap_provs * 2 : 1024;
		__typeof__(b->provs) np = calloc(ncap, sizeof(*np));
		if (np == NULL)
			return build_oom(err);
		for (size_t i = 0; i < b->cap_provs; i++) {
			if (b->provs[i].key == 0)
				continue;
			size_t j = (b->provs[i].key * 2654435761u) & (ncap - 1);
			while (np[j].key != 0)
				j = (j + 1) & (ncap - 1);
			np[j] = b->provs[i];
		}
		free(b->provs);
		b->provs = np;
		b->cap_provs = ncap;
	}
	size_t j = (key * 2654435761u) & (b->cap_provs - 1);
	while (b->provs[j].key != 0) {
		if (b->provs[j].key == key) {
			*ret = b->provs[j].off;
			return SC_OK;
		}
		j = (j + 1) & (b->cap_provs - 1);
	}
	geodb_enc *e = geodb_writer_data(b->w);
	uint32_t off = (uint32_t)e->len;
	unsigned cs = prov >> 24, cl = (prov >> 16) & 0xffu, as = (prov >> 8) & 0xffu, al = prov & 0xffu;
	geodb_enc_map(e, (cs != PROV_NONE ? 2u : 0u) + (as != PROV_NONE ? 2u : 0u));
	if (cs != PROV_NONE) {
		geodb_enc_str(e, "country_source");
		geodb_enc_u16(e, (uint16_t)cs);
		geodb_enc_str(e, "country_prefix");
		geodb_enc_u16(e, (uint16_t)cl);
	}
	if (as != PROV_NONE) {
		geodb_enc_str(e, "asn_source");
		geodb_enc_u16(e, (uint16_t)as);
		geodb_enc_str(e, "asn_prefix");
		geodb_enc_u16(e, (uint16_t)al);
	}
	if (e->oom)
		return build_oom(err);
	b->provs[j].key = key;
	b->provs[j].off = off;
	b->n_provs++;
	*ret = off;
	return SC_OK;
}

/* Data offset of the record {country, asn, provenance}, encoded on first
 * use. */
static sc_status
record_offset(struct builder *b, uint32_t cc, uint32_t asn, uint32_t prov, uint32_t *ret,
              sc_err *err)
{
	uint64_t key = (((uint64_t)cc << 32) | asn) + 1u; /* 0 marks a free slot */
	uint64_t h0 = (key ^ ((uint64_t)prov * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
	if ((b->n_recs + 1) * 2 > b->cap_recs) {
		size_t ncap = b->cap_recs ? b->cap_recs * 2 : 65536;
		__typeof__(b->recs) ns = calloc(ncap, sizeof(*ns));
		if (ns == NULL)
			return build_oom(err);
		for (size_t i = 0; i < b->cap_recs; i++) {
			if (b->recs[i].key == 0)
				continue;
			uint64_t h = (b->recs[i].key ^ ((uint64_t)b->recs[i].prov * 0xC2B2AE3D27D4EB4Full)) *
			             0x9E3779B97F4A7C15ull;
			size_t j = (h >> 20) & (ncap - 1);
			while (ns[j].key != 0)
				j = (j + 1) & (ncap - 1);
			ns[j] = b->recs[i];
		}
		free(b->recs);
		b->recs = ns;
		b->cap_recs = ncap;
	}
	size_t j = (h0 >> 20) & (b->cap_recs - 1);
	while (b->recs[j].key != 0) {
		if (b->recs[j].key == key && b->recs[j].prov == prov) {
			*ret = b->recs[j].off;
			return SC_OK;
		}
		j = (j + 1) & (b->cap_recs - 1);
	}
	geodb_enc *e = geodb_writer_data(b->w);
	if (e->len >= 0x7fffffffu)
		return util_err(err, SC_ERR_LIMIT, NULL, 0, 0, "geodb-build", "data section over 2 GiB");
	/* The provenance map first (when new), so that the record points back
	 * at it. */
	uint32_t prov_off = 0;
	sc_status st = prov_offset(b, prov, &prov_off, err);
	if (st != SC_OK)
		return st;
	uint32_t off = (uint32_t)e->len;
	geodb_enc_map(e, (cc ? 1u : 0u) + (asn != NONE ? (b->asns[asn].org_len ? 2u : 1u) : 0u) + 1u);
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
	geodb_enc_str(e, "sovcheck");
	geodb_enc_pointer(e, prov_off);
	if (e->oom)
		return build_oom(err);
	b->recs[j].key = key;
	b->recs[j].prov = prov;
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

/* The part of [lo, hi] in the IPv4 tree (::/96) and the rest get
 * records of their own: the lengths of their provenance are on the scale
 * of their family. */
static sc_status
flush_pending(struct builder *b, sc_err *err)
{
	if (!b->pend)
		return SC_OK;
	b->pend = false;
	static const geodb_u128 v4_end = ((geodb_u128)1 << 32) - 1u;
	geodb_u128 lo = b->pend_lo, hi = b->pend_hi;
	while (lo <= hi) {
		bool v4 = lo <= v4_end;
		geodb_u128 end = v4 && hi > v4_end ? v4_end : hi;
		uint32_t off = 0;
		sc_status st = record_offset(b, b->pend_c.val, b->pend_a.val,
		                             prov_pack(&b->pend_c, &b->pend_a, v4), &off, err);
		if (st == SC_OK)
			st = put_range(b, lo, end, off, err);
		if (st != SC_OK || end == hi)
			return st;
		lo = end + 1;
	}
	return SC_OK;
}

static bool
same_field(const struct seg *x, const struct seg *y)
{
	return x->val == y->val && x->src == y->src && x->plen == y->plen;
}

/* Add [lo, hi] with country c and AS a (val 0 / NONE: none), merged with
 * the pending range when it continues it with the same fields. */
static sc_status
emit(struct builder *b, geodb_u128 lo, geodb_u128 hi, const struct seg *c, const struct seg *a,
     sc_err *err)
{
	if (b->pend && same_field(&b->pend_c, c) && same_field(&b->pend_a, a) &&
	    b->pend_hi + 1 == lo) {
		b->pend_hi = hi;
		return SC_OK;
	}
	sc_status st = flush_pending(b, err);
	b->pend = true;
	b->pend_lo = lo;
	b->pend_hi = hi;
	b->pend_c = *c;
	b->pend_a = *a;
	return st;
}

/* Join the two painted layers: one record per range where either has a
 * value. */
static sc_status
join_layers(struct builder *b, const struct seg *C, size_t nc, const struct seg *A, size_t na,
            sc_err *err)
{
	static const struct seg no_c = { 0, 0, 0, 0, 0 }, no_a = { 0, 0, NONE, 0, 0 };
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
		sc_status st = emit(b, x, end, cact ? &C[i] : &no_c, aact ? &A[j] : &no_a, err);
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
	               "per network. Sources (each record names the one behind its country and the "
	               "one behind its AS), later ones overriding earlier ones, RFC 8805 geofeeds "
	               "overriding every country, more specific prefixes first: ");
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
		st = build_oom(err);
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
		return build_oom(err);
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
			st = build_read_csv(b, in, i, err);
			break;
		case SC_GEODB_MMDB:
			st = build_read_mmdb(b, in, i, err);
			break;
		case SC_GEODB_GEOFEED:
			st = build_read_geofeed(b, in, i, err);
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
		st = build_oom(err);
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
	free(b->provs);
	geodb_writer_free(b->w);
	free(b);
	return st;
}
