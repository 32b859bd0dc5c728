/*
 * mmdb-write.h — internal interface between the MaxMind DB writer
 * (mmdb-write.c) and the database builder (geo-build.c).
 *
 * Addresses are 128-bit integers: IPv6 as is, IPv4 a.b.c.d as ::a.b.c.d,
 * which is where an IPv6 MaxMind DB keeps the IPv4 tree (MaxMind DB spec,
 * "IPv4 addresses in an IPv6 tree").
 */
#ifndef SC_GEODB_H
#define SC_GEODB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sovcheck.h"

__extension__ typedef unsigned __int128 geodb_u128;

#define GEODB_U128_MAX (~(geodb_u128)0)

/* Bit d (0 = most significant) of a 128-bit address. */
static inline unsigned
geodb_bit(geodb_u128 a, unsigned d)
{
	return (unsigned)((a >> (127u - d)) & 1u);
}

/* ---- data section encoder (MaxMind DB spec, "Output Data Section") ---- */

typedef struct geodb_enc {
	uint8_t *p;
	size_t len, cap;
	bool oom;
	/* String dedup (data section only): earlier occurrences of a string
	 * are referenced with a pointer instead of being written again. */
	struct geodb_strcache *cache;
} geodb_enc;

void geodb_enc_init(geodb_enc *e, bool dedup);
void geodb_enc_free(geodb_enc *e);
void geodb_enc_map(geodb_enc *e, uint32_t n_pairs);
void geodb_enc_array(geodb_enc *e, uint32_t n_items);
void geodb_enc_str(geodb_enc *e, const char *s);
void geodb_enc_strn(geodb_enc *e, const char *s, size_t n);
void geodb_enc_u16(geodb_enc *e, uint16_t v);
void geodb_enc_u32(geodb_enc *e, uint32_t v);
void geodb_enc_u64(geodb_enc *e, uint64_t v);
void geodb_enc_pointer(geodb_enc *e, uint32_t offset);

/* ---- search tree and file assembly ---- */

typedef struct geodb_writer geodb_writer;

geodb_writer *geodb_writer_new(void);
void geodb_writer_free(geodb_writer *w);
/* The data section being built; records are encoded into it by the
 * caller, which passes their offsets to geodb_writer_insert(). */
geodb_enc *geodb_writer_data(geodb_writer *w);
/* Map the prefix addr/len (1 <= len <= 128) to the record at data offset
 * off. Prefixes must not overlap (SC_ERR_INTERNAL if they do). */
sc_status geodb_writer_insert(geodb_writer *w, geodb_u128 addr, unsigned len,
                              uint32_t off, sc_err *err);
/* Make the IPv4 subtree (::/96) exist, then point the IPv4-mapped
 * ::ffff:0:0/96 and 6to4 2002::/16 prefixes at it. Call once, after every
 * insert; nothing may have been inserted in the aliased ranges. */
sc_status geodb_writer_alias_ipv4(geodb_writer *w, sc_err *err);
size_t geodb_writer_node_count(const geodb_writer *w);

typedef struct geodb_meta {
	const char *database_type;
	const char *description_en;
	uint64_t build_epoch;
	unsigned record_size;   /* 0, or the least record size to use */
	unsigned ip_version;    /* 0 or 6; 4 for an IPv4 tree (addresses in the
	                           top 32 bits, no aliases) */
	/* Extra key/value pairs, already encoded (no pointers). */
	const geodb_enc *extra;
	uint32_t n_extra;
} geodb_meta;

/* Assemble the file: search tree, 16-byte separator, data section,
 * metadata marker, metadata. *ret_buf is owned by the caller. */
sc_status geodb_writer_finish(geodb_writer *w, const geodb_meta *meta,
                              uint8_t **ret_buf, size_t *ret_len,
                              unsigned *ret_record_size, sc_err *err);

/* Ranges that an IPv6 MaxMind DB aliases to the IPv4 tree; data inside
 * them is dropped by the builder (the alias answers instead). */
#define GEODB_MAPPED_LO  (((geodb_u128)0xffffu) << 32)
#define GEODB_MAPPED_HI  (GEODB_MAPPED_LO | 0xffffffffu)
#define GEODB_6TO4_LO    (((geodb_u128)0x2002u) << 112)
#define GEODB_6TO4_HI    (GEODB_6TO4_LO | ((((geodb_u128)1) << 112) - 1u))

#endif /* SC_GEODB_H */
