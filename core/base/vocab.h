/*
 * vocab.h — internal: the one validator of the values evidence is made of
 * (vocab.c). Collection checks every value with it as it enters, and the
 * bundle loader checks every value it reads back with the same functions,
 * so that whatever `check` writes, `report` reads, and nothing else passes.
 */
#ifndef SC_VOCAB_H
#define SC_VOCAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An assigned ISO 3166-1 alpha-2 code, upper case ("XK", "EU", "UK" are
 * not). */
bool vocab_country(const char *s);
/* An IPv4 or IPv6 address in canonical text form (what sc_ip_canon()
 * writes): "192.0.2.1", "2001:db8::1"; not "192.000.2.1" or "zzz". */
bool vocab_ip(const char *s);
/* A DNS name in canonical presentation form: printable ASCII (escapes as
 * ldns writes them), lower case, no final dot, labels of 1 to 63 bytes,
 * at most SC_MAX_NAME_LEN in all. */
bool vocab_name(const char *s);
/* The canonical form of a DNS name in presentation form (one final dot
 * dropped, lower case) into out; false if it cannot be one. */
bool vocab_name_canon(const char *in, char *out, size_t outsz);
/* Whether canonical name is domain itself or a name under it. */
bool vocab_name_within(const char *name, const char *domain);
/* A real calendar date "YYYY-MM-DD". */
bool vocab_date(const char *s);
/* A real UTC time "YYYY-MM-DDTHH:MM:SSZ" (a leap second allowed), and its
 * Unix time. */
bool vocab_time(const char *s, int64_t *ret);
/* A TCP port: 1 to 65535. */
bool vocab_port(long long v);
/* A prefix length of ip's family: 0 to 32 for an IPv4 address, 0 to 128
 * for an IPv6 one. */
bool vocab_prefix_len(long long v, const char *ip);
/* The network of a geolocation answer for ip: "ADDR/LEN" in canonical form
 * (vocab_ip, host bits zero, LEN a prefix length of ip's family without
 * leading zeros) holding ip. */
bool vocab_network(const char *s, const char *ip);
/* n bytes of well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF) without NUL: text a bundle can carry
 * (JSON strings are UTF-8). */
bool vocab_utf8(const char *s, size_t n);
/* The attribution of a geolocation input (vocab_utf8, 1 to
 * SC_MAX_GEODB_SOURCE_LEN bytes). */
bool vocab_source_text(const char *s, size_t n);

#endif
