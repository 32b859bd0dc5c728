/*
 * geo-build.h — internal: the geodb builder's state, shared by
 * geo-build.c (merging, painting the layers, writing the database),
 * geo-build-read.c (the input readers: CSV, RFC 8805 geofeeds, MMDB) and
 * geo-build-layers.c (the layers the readers fill).
 */
#ifndef SC_GEO_BUILD_H
#define SC_GEO_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmdb-write.h"
#include "sovcheck.h"

#define NONE UINT32_MAX

/* One input range with the value it gives a layer, and where it came
 * from: the input (its index in the build options, which is its index in
 * the sovcheck_sources metadata) and how specific the range is. */
struct iv {
	geodb_u128 lo, hi;
	uint64_t prio;          /* higher wins: (rank << 40) | sequence */
	uint32_t val;           /* country: 'F' << 8 | 'R'; ASN: asn table index */
	uint8_t src;            /* input index (< SC_MAX_GEODB_INPUTS) */
	uint8_t plen;           /* build_range_plen(lo, hi) */
};

struct ivec {
	struct iv *v;
	size_t n, cap;
};

/* A painted, disjoint range: the value of the interval that won there,
 * with its input and specificity. */
struct seg {
	geodb_u128 lo, hi;
	uint32_t val;
	uint8_t src, plen;
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
	struct { uint64_t key; uint32_t prov, off; } *recs; /* key 0: free */
	size_t n_recs, cap_recs;
	struct { uint32_t key, off; } *provs;  /* provenance maps; key 0: free */
	size_t n_provs, cap_provs;
	uint32_t cc_off[26 * 26]; /* data offset of {"iso_code": CC}, or NONE */
	sc_geodb_stats stats;
	uint64_t oldest_mmdb;
	/* pending merged range */
	bool pend;
	geodb_u128 pend_lo, pend_hi;
	struct seg pend_c, pend_a; /* .val 0 / NONE: no country / no ASN */
};

/* geo-build-layers.c */
sc_status build_oom(sc_err *err);
/* How specific the range [lo, hi] is, as a prefix length on the 128-bit
 * scale: that of the largest prefix a range of its size can hold (a
 * prefix's own length; 96 + 16 for an IPv4 /16). */
unsigned build_range_plen(geodb_u128 lo, geodb_u128 hi);
/* Add one input range [lo, hi] with value val to a layer, from input src at
 * precedence rank (later inputs have higher ranks; geofeeds rank by prefix
 * length first, see build_read_geofeed()); SC_ERR_LIMIT past
 * SC_MAX_GEODB_RANGES. */
sc_status build_ivec_push(struct builder *b, struct ivec *vec, geodb_u128 lo, geodb_u128 hi,
                          uint64_t rank, size_t src, uint32_t val, const char *file,
                          sc_err *err);
/* The index of (asn, org) in the builder's table, added if new. */
sc_status build_asn_intern(struct builder *b, uint32_t asn, const char *org, size_t n,
                           uint32_t *ret, sc_err *err);

/* geo-build-read.c: each input kind into the builder's layers. */
/* A country field as 'F' << 8 | 'R' (0 for an unknown or non-ISO code). */
bool build_parse_cc(const char *s, size_t n, uint32_t *ret_cc);
/* Each reads input number src of the build options. CSV and MMDB ranges
 * rank by input (a later one wins), geofeed prefixes above every other
 * input, by prefix length first. */
sc_status build_read_csv(struct builder *b, const sc_geodb_input *in, size_t src, sc_err *err);
sc_status build_read_geofeed(struct builder *b, const sc_geodb_input *in, size_t src,
                             sc_err *err);
sc_status build_read_mmdb(struct builder *b, const sc_geodb_input *in, size_t src,
                          sc_err *err);

#endif
