/*
 * tls-pem.c — the offline TLS source: a chain read from a PEM file (or one
 * DER certificate), analysed and verified like a live one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sc-limits.h"
#include "tls.h"
#include "util.h"
#include "x509.h"

/* ----------------------------------------------------------- PEM source */

/* The verification cache for a server's chain read at r->observed: the
 * same chain comes back for every name of a load balancer or a CDN edge
 * (a chains directory holds one copy per host), verified once. NULL (no
 * cache) for a CA's own chain, for a file read at another time than the
 * first, or when out of memory. */
static struct vcache *
pem_vcache(sc_tls *t, const sc_tls_result *r)
{
	if (r->host == NULL)
		return NULL;
	if (t->pem_vc == NULL) {
		struct vcache *vc = calloc(1, sizeof(*vc));
		if (vc == NULL)
			return NULL;
		vc->cap = 4096; /* at most half full: 2,048 distinct chains */
		if ((vc->e = calloc(vc->cap, sizeof(*vc->e))) == NULL) {
			free(vc);
			return NULL;
		}
		t->pem_vc = vc;
		t->pem_vc_at = r->observed;
	}
	return t->pem_vc_at == r->observed ? t->pem_vc : NULL;
}

sc_status
sc_tls_pem_load(sc_tls *t, const char *path, const char *host, int64_t at,
                sc_tls_result **ret, sc_err *err)
{
	char *file = NULL, *buf = NULL;
	size_t len = 0;
	X509 *chain[SC_MAX_CHAIN_CERTS];
	size_t n = 0, total = 0;
	sc_status st = SC_ERR_NOMEM;
	struct stat sb;
	sc_tls_result *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return util_err(err, SC_ERR_NOMEM, path, 0, 0, "nomem", "out of memory");
	if (host != NULL && !tls_host_ok(host)) {
		st = util_err(err, SC_ERR_USAGE, path, 0, 0, "tls-host", "invalid host name");
		goto out;
	}
	r->observed = at ? at : (int64_t)time(NULL);
	if (host != NULL && (r->host = strdup(host)) == NULL)
		goto nomem;
	if (stat(path, &sb) != 0) {
		char ebuf[128];
		if (strerror_r(errno, ebuf, sizeof(ebuf)) != 0)
			snprintf(ebuf, sizeof(ebuf), "errno %d", errno);
		st = util_err(err, SC_ERR_IO, path, 0, 0, "io", "cannot open: %s", ebuf);
		goto out;
	}
	if (S_ISDIR(sb.st_mode)) {
		/* docs/manifest.md sources.chains: DIR/HOST.pem. The host must be a
		 * single path component. */
		if (host == NULL || strchr(host, '/') != NULL || host[0] == '.') {
			st = util_err(err, SC_ERR_USAGE, path, 0, 0, "tls-host",
			              "a chains directory needs a host name");
			goto out;
		}
		size_t fl = strlen(path) + strlen(host) + 6;
		if ((file = malloc(fl)) == NULL)
			goto nomem;
		snprintf(file, fl, "%s/%s.pem", path, host);
		if (stat(file, &sb) != 0 && errno == ENOENT) {
			r->source = file;
			file = NULL;
			tls_set_reason(r, SC_TLS_NO_SOURCE, "no %s.pem in the chains directory", host);
			goto ok;
		}
	} else if ((file = strdup(path)) == NULL) {
		goto nomem;
	}
	st = util_read_file(file, SC_MAX_PEM_FILE_BYTES, &buf, &len, err);
	if (st != SC_OK)
		goto out;
	r->source = file;
	file = NULL;
	char why[SC_TLS_DETAIL_MAX] = "";
	st = x509_parse_chain_cached(buf, len, chain, SC_MAX_CHAIN_CERTS, &n, &total, why,
	                             sizeof(why), t->pool, t->sha256);
	if (st == SC_ERR_PARSE) {
		r->reason = SC_TLS_MALFORMED_CERT;
		tls_set_detail(r, why);
		goto ok;
	}
	if (st != SC_OK)
		goto nomem;
	r->presented = total;
	if (total == 0) {
		tls_set_reason(r, SC_TLS_NO_CERT, "the file holds no certificate");
		goto ok;
	}
	if (total > SC_MAX_CHAIN_CERTS)
		tls_set_reason(r, SC_TLS_CHAIN_TOO_LONG,
		           "%zu certificates in the file, the first %u are kept", total,
		           SC_MAX_CHAIN_CERTS);
	/* A file for a host stands for what that server presents; a file for
	 * no host (lookup --chain) may hold a CA's own chain. */
	st = tls_result_set_chain(t, t->vctx, r, chain, n, r->observed, r->host != NULL,
	                          pem_vcache(t, r));
	if (st != SC_OK)
		goto nomem;
ok:
	*ret = r;
	r = NULL;
	st = SC_OK;
	goto out;
nomem:
	st = util_err(err, SC_ERR_NOMEM, path, 0, 0, "nomem", "out of memory");
out:
	for (size_t i = 0; i < n; i++)
		X509_free(chain[i]);
	free(buf);
	free(file);
	sc_tls_result_free(r);
	return st;
}
