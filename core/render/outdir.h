/*
 * outdir.h — internal: an output directory replaced as a whole, with a
 * lock and SHA256SUMS (outdir.c). Used by render.c only.
 */
#ifndef SC_OUTDIR_H
#define SC_OUTDIR_H

#include <limits.h>

#include "sovcheck.h"
#include "util.h"

/* The list of digests written last into every filing (sha256sum -c). */
#define OUTDIR_SUMS "SHA256SUMS"

typedef struct outdir {
	/* Set by the caller before outdir_begin(): where to say what was
	 * cleaned up after an interrupted run (optional), and who signs. */
	void (*notice)(void *ctx, const char *msg);
	void *notice_ctx;
	const sc_signer *signer;     /* optional: sign SHA256SUMS (seal.c) */
	/* State. */
	char dir[PATH_MAX], parent[PATH_MAX], base[NAME_MAX + 1];
	char stage[PATH_MAX];
	int lock_fd;
	strbuf sums;
} outdir;

/* Lock dir (created with its parents), clean what interrupted runs left,
 * refuse a directory holding files whose names are not in known
 * (NULL-terminated), and open a staging directory beside it. */
sc_status outdir_begin(outdir *o, const char *dir, const char *const *known, sc_err *err);
/* Write one file into the staging directory (fsync'ed) and note its digest. */
sc_status outdir_add(outdir *o, const char *name, const void *buf, size_t len, sc_err *err);
/* Write SHA256SUMS (and, with a signer, its signature SHA256SUMS.p7s) and
 * put the staging directory in place of dir in one step; the previous set
 * is removed. Unlocks. */
sc_status outdir_commit(outdir *o, sc_err *err);
/* Remove the staging directory and unlock (after a failure). */
void outdir_abort(outdir *o);

#endif
