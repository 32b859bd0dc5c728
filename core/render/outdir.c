/*
 * outdir.c — an output directory replaced as a whole (docs/outputs.md):
 * the files of a filing are written into a staging directory beside the
 * target, each fsync'ed, with SHA256SUMS listing every one of them last;
 * then the staging directory takes the target's place in one step
 * (renameat2 RENAME_EXCHANGE), and the previous set is removed. A run that
 * is killed, or fails on a full disk, leaves the complete previous set (or
 * nothing, for a first run); it never leaves files of two runs side by
 * side.
 *
 * A lock file beside the target (.NAME.sovcheck-lock, flock) refuses a
 * second run on the same directory while one is writing. What a killed run
 * left (staging or swapped-out directories, .NAME.sovcheck-new-* and
 * .NAME.sovcheck-old-*) is removed by the next run, which says so; if a
 * run was killed between the two renames of the fallback used where the
 * file system cannot exchange, the next run puts the previous set back.
 */
#define _GNU_SOURCE 1   /* renameat2, RENAME_EXCHANGE (glibc >= 2.28) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>


#include "outdir.h"
#include "seal.h"

static sc_status
io_err(sc_err *err, const char *path, const char *what)
{
	char eb[256];
	/* _GNU_SOURCE (for renameat2) gives the GNU strerror_r, which returns
	 * the message rather than always filling eb. */
	const char *m = strerror_r(errno, eb, sizeof(eb));
	return util_err(err, SC_ERR_IO, path, 0, 0, "io", "%s: %s", what, m);
}

/* buf = a + mid + b; false when it does not fit (nothing is cut). */
static bool
cat3(char *buf, size_t n, const char *a, const char *mid, const char *b)
{
	size_t la = strlen(a), lm = strlen(mid), lb = strlen(b);
	if (la + lm + lb + 1 > n)
		return false;
	memcpy(buf, a, la);
	memcpy(buf + la, mid, lm);
	memcpy(buf + la + lm, b, lb + 1);
	return true;
}

static bool
join(char *buf, size_t n, const char *a, const char *b)
{
	return cat3(buf, n, a, "/", b);
}

/* mkdir -p. */
static sc_status
make_dirs(const char *dir, sc_err *err)
{
	char buf[PATH_MAX];
	struct stat st;
	int w = snprintf(buf, sizeof(buf), "%s", dir);
	if (w <= 0 || (size_t)w >= sizeof(buf))
		return util_err(err, SC_ERR_IO, dir, 0, 0, "io", "path too long");
	for (char *p = buf + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (stat(buf, &st) != 0) {
			if (mkdir(buf, 0755) != 0 && errno != EEXIST)
				return io_err(err, buf, "cannot create directory");
		} else if (!S_ISDIR(st.st_mode)) {
			return util_err(err, SC_ERR_IO, buf, 0, 0, "io",
			                "'%s' exists and is not a directory", buf);
		}
		*p = c;
		if (c == '\0')
			break;
	}
	return SC_OK;
}

static int
fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = fsync(fd);
	close(fd);
	return r;
}

/* Remove a directory this code made: its regular files, then itself. A
 * directory holding anything else is left, and false returned. */
static bool
remove_ours(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return errno == ENOENT;
	bool ok = true;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char p[PATH_MAX];
		struct stat st;
		if (!join(p, sizeof(p), dir, e->d_name) || lstat(p, &st) != 0 || !S_ISREG(st.st_mode) ||
		    unlink(p) != 0)
			ok = false;
	}
	closedir(d);
	return ok && rmdir(dir) == 0;
}

/* Tell the caller "WHAT: PATH". */
static void
notice(const outdir *o, const char *what, const char *path)
{
	if (o->notice == NULL)
		return;
	char msg[PATH_MAX + 256];
	if (cat3(msg, sizeof(msg), what, ": ", path))
		o->notice(o->notice_ctx, msg);
}

/* With the lock held: put back a previous set a killed fallback swap left
 * aside, and remove what killed runs left. */
static sc_status
recover(outdir *o, sc_err *err)
{
	char newp[PATH_MAX], oldp[PATH_MAX];
	if (!cat3(newp, sizeof(newp), ".", o->base, ".sovcheck-new-") ||
	    !cat3(oldp, sizeof(oldp), ".", o->base, ".sovcheck-old-"))
		return util_err(err, SC_ERR_IO, o->dir, 0, 0, "io", "path too long");
	size_t w1 = strlen(newp), w2 = strlen(oldp);
	struct stat st;
	bool target = stat(o->dir, &st) == 0;
	DIR *d = opendir(o->parent);
	if (d == NULL)
		return io_err(err, o->parent, "cannot read directory");
	struct dirent *e;
	char **left = NULL;
	size_t nleft = 0;
	while ((e = readdir(d)) != NULL) {
		bool is_new = strncmp(e->d_name, newp, w1) == 0;
		bool is_old = strncmp(e->d_name, oldp, w2) == 0;
		if (!is_new && !is_old)
			continue;
		char p[PATH_MAX];
		if (!join(p, sizeof(p), o->parent, e->d_name))
			continue;
		if (is_old && !target && rename(p, o->dir) == 0) {
			/* Killed between the two renames of the fallback: the
			 * previous set comes back. */
			target = true;
			notice(o, "put back the previous output an interrupted run had set aside", o->dir);
			continue;
		}
		char **nl = realloc(left, (nleft + 1) * sizeof(*nl));
		if (nl == NULL)
			break;   /* out of memory: the next run removes the rest */
		left = nl;
		if ((left[nleft] = strdup(p)) == NULL)
			break;
		nleft++;
	}
	closedir(d);
	for (size_t i = 0; i < nleft; i++) {
		if (remove_ours(left[i]))
			notice(o, "removed what an interrupted run left", left[i]);
		else
			notice(o, "could not remove what an interrupted run left (not only its files)",
			       left[i]);
		free(left[i]);
	}
	free(left);
	return SC_OK;
}

/* The target holds only files a filing has (or nothing). */
static sc_status
check_target(outdir *o, const char *const *known, sc_err *err)
{
	DIR *d = opendir(o->dir);
	if (d == NULL)
		return errno == ENOENT ? SC_OK : io_err(err, o->dir, "cannot read the output directory");
	struct dirent *e;
	char foreign[512] = "";
	size_t nf = 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		bool ours = false;
		for (size_t i = 0; known[i] && !ours; i++) {
			size_t k = strlen(known[i]);
			/* "notice-*": a prefix */
			ours = k && known[i][k - 1] == '*' ? strncmp(known[i], e->d_name, k - 1) == 0
			                                   : strcmp(known[i], e->d_name) == 0;
		}
		char p[PATH_MAX];
		struct stat st;
		if (ours && join(p, sizeof(p), o->dir, e->d_name) && lstat(p, &st) == 0 &&
		    S_ISREG(st.st_mode))
			continue;
		if (nf++ < 3) {
			size_t l = strlen(foreign), k = strlen(e->d_name);
			if (k > 100)
				k = 100;
			if (l + k + 5 < sizeof(foreign)) {
				memcpy(foreign + l, l ? ", '" : "'", l ? 3 : 1);
				l += l ? 3 : 1;
				memcpy(foreign + l, e->d_name, k);
				foreign[l + k] = '\'';
				foreign[l + k + 1] = '\0';
			}
		}
	}
	closedir(d);
	if (nf == 0)
		return SC_OK;
	return util_err(err, SC_ERR_IO, o->dir, 0, 0, "output-dir",
	                "'%s' holds %zu file%s sovcheck did not write (%s%s): a filing replaces its "
	                "output directory as a whole; choose a new or empty directory", o->dir, nf,
	                nf == 1 ? "" : "s", foreign, nf > 3 ? ", …" : "");
}

sc_status
outdir_begin(outdir *o, const char *dir, const char *const *known, sc_err *err)
{
	void (*cb)(void *, const char *) = o->notice;
	void *ctx = o->notice_ctx;
	const sc_signer *signer = o->signer;
	memset(o, 0, sizeof(*o));
	o->notice = cb;
	o->notice_ctx = ctx;
	o->signer = signer;
	o->lock_fd = -1;
	/* The parent is where the staging directory and the lock live. */
	char tmp[PATH_MAX];
	size_t w = strlen(dir);
	if (w == 0 || w >= sizeof(tmp))
		return util_err(err, SC_ERR_IO, dir, 0, 0, "output-dir", "output directory path too long");
	memcpy(tmp, dir, w + 1);
	while (w > 1 && tmp[w - 1] == '/')
		tmp[--w] = '\0';
	if (strcmp(tmp, "/") == 0 || strcmp(tmp, ".") == 0 || strcmp(tmp, "..") == 0)
		return util_err(err, SC_ERR_IO, dir, 0, 0, "output-dir",
		                "'%s' cannot be an output directory: name a directory of its own", dir);
	char *slash = strrchr(tmp, '/');
	memcpy(o->dir, tmp, w + 1);
	const char *base = slash ? slash + 1 : tmp;
	if (strlen(base) >= sizeof(o->base))
		return util_err(err, SC_ERR_IO, dir, 0, 0, "output-dir", "output directory name too long");
	memcpy(o->base, base, strlen(base) + 1);
	if (slash == NULL) {
		memcpy(o->parent, ".", 2);
	} else if (slash == tmp) {
		memcpy(o->parent, "/", 2);
	} else {
		*slash = '\0';
		memcpy(o->parent, tmp, strlen(tmp) + 1);
	}
	if (strcmp(o->base, ".") == 0 || strcmp(o->base, "..") == 0)
		return util_err(err, SC_ERR_IO, dir, 0, 0, "output-dir",
		                "'%s' cannot be an output directory: name a directory of its own", dir);
	sc_status st = make_dirs(o->parent, err);
	if (st != SC_OK)
		return st;
	struct stat sb;
	if (stat(o->dir, &sb) == 0 && !S_ISDIR(sb.st_mode))
		return util_err(err, SC_ERR_IO, o->dir, 0, 0, "io",
		                "cannot use '%s' as the output directory: it exists and is not a "
		                "directory", o->dir);
	char lock[PATH_MAX], name[NAME_MAX + 32];
	if (!cat3(name, sizeof(name), ".", o->base, ".sovcheck-lock") ||
	    !join(lock, sizeof(lock), o->parent, name))
		return util_err(err, SC_ERR_IO, dir, 0, 0, "io", "path too long");
	o->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (o->lock_fd < 0)
		return io_err(err, lock, "cannot create the lock file");
	if (flock(o->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		close(o->lock_fd);
		o->lock_fd = -1;
		if (e == EWOULDBLOCK)
			return util_err(err, SC_ERR_IO, o->dir, 0, 0, "output-locked",
			                "another sovcheck run is writing '%s' (it holds %s): wait for it, "
			                "or write elsewhere", o->dir, lock);
		errno = e;
		return io_err(err, lock, "cannot lock");
	}
	if ((st = recover(o, err)) != SC_OK || (st = check_target(o, known, err)) != SC_OK) {
		outdir_abort(o);
		return st;
	}
	if (!cat3(name, sizeof(name), ".", o->base, ".sovcheck-new-XXXXXX") ||
	    !join(o->stage, sizeof(o->stage), o->parent, name) || mkdtemp(o->stage) == NULL) {
		st = io_err(err, o->parent, "cannot create the staging directory");
		o->stage[0] = '\0';
		outdir_abort(o);
		return st;
	}
	if (chmod(o->stage, 0755) != 0) {
		st = io_err(err, o->stage, "cannot set the mode of the staging directory");
		outdir_abort(o);
		return st;
	}
	sb_init(&o->sums);
	return SC_OK;
}

static sc_status
write_file(const char *path, const void *buf, size_t len, sc_err *err)
{
	util_wfile f;
	sc_status st = util_wfile_open(&f, path, false, err);
	if (st != SC_OK)
		return st;
	util_wfile_write(&f, buf, len);
	return util_wfile_close(&f, NULL, err);
}

sc_status
outdir_open(outdir *o, const char *name, util_wfile *f, sc_err *err)
{
	char path[PATH_MAX];
	if (!join(path, sizeof(path), o->stage, name))
		return util_err(err, SC_ERR_IO, o->dir, 0, 0, "io", "path too long");
	return util_wfile_open(f, path, false, err);
}

sc_status
outdir_finish(util_wfile *f, char ret_sha256[65], sc_err *err)
{
	return util_wfile_close(f, ret_sha256, err);
}

sc_status
outdir_record(outdir *o, const char *name, const char sha256[65], sc_err *err)
{
	/* sha256sum's format: "HEX  NAME" (checked with sha256sum -c). */
	sb_printf(&o->sums, "%s  %s\n", sha256, name);
	if (o->sums.oom)
		return util_err(err, SC_ERR_NOMEM, o->dir, 0, 0, "nomem", "out of memory");
	return SC_OK;
}

sc_status
outdir_close(outdir *o, const char *name, util_wfile *f, char ret_sha256[65], sc_err *err)
{
	char hex[65];
	sc_status st = outdir_finish(f, hex, err);
	if (st == SC_OK)
		st = outdir_record(o, name, hex, err);
	if (st == SC_OK && ret_sha256 != NULL)
		memcpy(ret_sha256, hex, 65);
	return st;
}

sc_status
outdir_add(outdir *o, const char *name, const void *buf, size_t len, sc_err *err)
{
	util_wfile f;
	sc_status st = outdir_open(o, name, &f, err);
	if (st != SC_OK)
		return st;
	util_wfile_write(&f, buf, len);
	return outdir_close(o, name, &f, NULL, err);
}

sc_status
outdir_commit(outdir *o, sc_err *err)
{
	/* SHA256SUMS lists every file but itself. Its signature is made over
	 * it as written, into the same staging directory: the signed set is
	 * put in place, and replaced, as a whole like every other file, so a
	 * signature of an earlier run can never stand beside a new set (and
	 * an unsigned run removes it). */
	char path[PATH_MAX];
	const char *sums = o->sums.s ? o->sums.s : "";
	sc_status st = join(path, sizeof(path), o->stage, OUTDIR_SUMS)
	                   ? write_file(path, sums, o->sums.len, err)
	                   : util_err(err, SC_ERR_IO, o->dir, 0, 0, "io", "path too long");
	if (st == SC_OK && o->signer != NULL) {
		strbuf sig;
		sb_init(&sig);
		st = seal_sign(o->signer, sums, o->sums.len, &sig, err);
		if (st == SC_OK)
			st = join(path, sizeof(path), o->stage, SEAL_SIG)
			         ? write_file(path, sig.s, sig.len, err)
			         : util_err(err, SC_ERR_IO, o->dir, 0, 0, "io", "path too long");
		sb_free(&sig);
	}
	if (st != SC_OK)
		goto fail;
	if (fsync_path(o->stage) != 0) {
		st = io_err(err, o->stage, "fsync failed");
		goto fail;
	}
	struct stat sb;
	if (stat(o->dir, &sb) != 0) {
		/* First run: the staging directory becomes the target. */
		if (rename(o->stage, o->dir) != 0) {
			st = io_err(err, o->dir, "cannot put the output in place");
			goto fail;
		}
	} else if (renameat2(AT_FDCWD, o->stage, AT_FDCWD, o->dir, RENAME_EXCHANGE) == 0) {
		/* The previous set is now where the staging directory was. */
		if (!remove_ours(o->stage))
			notice(o, "could not remove the previous output set", o->stage);
	} else if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) {
		/* A file system that cannot exchange: set the old one aside,
		 * then move the new one in (a kill between the two is put right
		 * by the next run, see recover()). */
		char old[PATH_MAX], name[NAME_MAX + 32], pid[32];
		snprintf(pid, sizeof(pid), "%ld", (long)getpid());
		if (!cat3(name, sizeof(name), ".", o->base, ".sovcheck-old-") ||
		    !cat3(old, sizeof(old), o->parent, "/", name) || strlen(old) + strlen(pid) >= sizeof(old) ||
		    (memcpy(old + strlen(old), pid, strlen(pid) + 1), rename(o->dir, old) != 0)) {
			st = io_err(err, o->dir, "cannot set the previous output aside");
			goto fail;
		}
		if (rename(o->stage, o->dir) != 0) {
			st = io_err(err, o->dir, "cannot put the output in place");
			(void)rename(old, o->dir);
			goto fail;
		}
		if (!remove_ours(old))
			notice(o, "could not remove the previous output set", old);
	} else {
		st = io_err(err, o->dir, "cannot put the output in place");
		goto fail;
	}
	o->stage[0] = '\0';
	(void)fsync_path(o->parent);
	outdir_abort(o);
	return SC_OK;
fail:
	outdir_abort(o);
	return st;
}

void
outdir_abort(outdir *o)
{
	if (o->stage[0] != '\0')
		(void)remove_ours(o->stage);
	o->stage[0] = '\0';
	sb_free(&o->sums);
	if (o->lock_fd >= 0)
		close(o->lock_fd);
	o->lock_fd = -1;
}
