/*
 * seal.h — internal: the signature of a filing's SHA256SUMS (seal.c),
 * made by outdir.c in the staging directory of the set it signs.
 */
#ifndef SC_SEAL_H
#define SC_SEAL_H

#include "sovcheck.h"
#include "util.h"

/* The signature of a filing's SHA256SUMS (outdir.h names the list). */
#define SEAL_SIG "SHA256SUMS.p7s"

/* Append to out the DER of a detached CMS signature of data (len bytes)
 * by s, with its certificate and the signing time of s as signingTime.
 * SC_ERR_UNSUPPORTED when OpenSSL cannot sign with the key. */
sc_status seal_sign(const sc_signer *s, const void *data, size_t len, strbuf *out,
                    sc_err *err);

#endif
