/*
 * geo-build-layers.c — the geodb builder's layers as the input readers fill
 * them: the country and ASN intervals (each with its precedence) and the
 * interned (ASN, organisation) table. geo-build-read.c adds to them;
 * geo-build.c paints and writes them.
 */
#include <stdlib.h>
#include <string.h>

#include "geo-build.h"
#include "sc-limits.h"
#include "util.h"

sc_status
build_oom(sc_err *err)
{
	return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "geodb-build", "out of memory");
}

unsigned
build_range_plen(geodb_u128 lo, geodb_u128 hi)
{
	geodb_u128 size = hi - lo + 1u;
	if (size == 0)
		return 0; /* the whole address space */
	uint64_t top = (uint64_t)(size >> 64);
	unsigned log2 = top ? 127u - (unsigned)__builtin_clzll(top)
	                    : 63u - (unsigned)__builtin_clzll((uint64_t)size);
	return 128u - log2;
}

sc_status
build_ivec_push(struct builder *b, struct ivec *vec, geodb_u128 lo, geodb_u128 hi, uint64_t rank,
                size_t src, uint32_t val, const char *file, sc_err *err)
{
	if (b->n_ranges >= SC_MAX_GEODB_RANGES)
		return util_err(err, SC_ERR_LIMIT, file, 0, 0, "geodb-ranges",
		                "more than %u ranges in the inputs", SC_MAX_GEODB_RANGES);
	if (vec->n == vec->cap) {
		size_t ncap = vec->cap ? vec->cap * 2 : 65536;
		struct iv *p = realloc(vec->v, ncap * sizeof(*p));
		if (p == NULL)
			return build_oom(err);
		vec->v = p;
		vec->cap = ncap;
	}
	vec->v[vec->n++] = (struct iv){ lo, hi, (rank << 40) | (b->seq++ & ((1ull << 40) - 1)), val,
	                                (uint8_t)src, (uint8_t)build_range_plen(lo, hi) };
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

sc_status
build_asn_intern(struct builder *b, uint32_t asn, const char *org, size_t n, uint32_t *ret, sc_err *err)
{
	if ((b->n_asns + 1) * 2 > b->cap_slots && !asn_slots_grow(b))
		return build_oom(err);
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
			return build_oom(err);
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
			return build_oom(err);
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
