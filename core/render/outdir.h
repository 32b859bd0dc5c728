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
/* The same, written in pieces: outdir_open() creates the file, the caller
 * writes into f (util_wfile_write(), util_sink_wfile()), outdir_close()
 * fsyncs it and notes its digest, also given in ret_sha256 (optional).
 * When outdir_open() succeeds, outdir_close() or util_wfile_abort() must
 * follow; either releases f, and a failed close removes the file. */
sc_status outdir_open(outdir *o, const char *name, util_wfile *f, sc_err *err);
/* outdir_close() in two steps, for files written on several threads at
 * once: outdir_finish() closes f into the staging directory and gives its
 * SHA-256 (touches nothing of o: any thread); outdir_record() lists it in
 * SHA256SUMS (one thread, in the order the list is to have). */
sc_status outdir_finish(util_wfile *f, char ret_sha256[65], sc_err *err);
sc_status outdir_record(outdir *o, const char *name, const char sha256[65], sc_err *err);
sc_status outdir_close(outdir *o, const char *name, util_wfile *f, char ret_sha256[65],
                       sc_err *err);
/* Write SHA256SUMS (and, with a signer, its signature SHA256SUMS.p7s) and
 * put the staging directory in place of dir in one step; the previous set
 * is removed. Unlocks. */
sc_status outdir_commit(outdir *o, sc_err *err);
/* Remove the staging directory and unlock (after a failure). */
void outdir_abort(outdir *o);

#endif
