/*
 * tls.h — the capture result, shared by tls.c and tls-owner.c (internal).
 */
#ifndef SC_TLS_H
#define SC_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sovcheck.h"
#include "x509.h"

struct tls_dep {
	char *host;
	sc_cert_dep_kind kind;
};

struct sc_tls_result {
	char *host;                 /* NULL: none */
	char address[48];
	uint16_t port;
	bool starttls;
	char *source;               /* "live" or the PEM file */
	sc_tls_reason reason;
	char detail[256];
	char protocol[16];
	char cipher[64];
	int64_t observed;
	bool verify_done;
	long verify_code;
	bool name_match;
	size_t presented;           /* certificates the peer or file held */
	sc_cert **certs;            /* kept, leaf first, then store additions */
	size_t n_certs;
	struct tls_dep *deps;
	size_t n_deps;
};

#endif
