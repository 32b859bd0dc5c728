/*
 * state.c — the state directory of scheduled runs (`check --state DIR`,
 * docs/monitoring.md): every run's filing kept as a complete, dated set
 * (runs/NNNNNN-YYYY-MM-DD/, the last --keep of them), `latest` pointing at
 * the newest, the newest as the next run's baseline, and notices.json, the
 * §19.6.f ledger, kept across runs. One run or `notice ack` at a time
 * (DIR/.lock). The ledger is saved before the run's set is put in place:
 * a run killed in between leaves the previous run as the baseline, and the
 * next run finds the same changes again, whose notices are already open.
 */
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

#include "util.h"

#define STATE_RUNS "runs"
#define STATE_LEDGER "notices.json"
#define STATE_LATEST "latest"
#define STATE_MAX_RUNS 100000u

struct sc_state {
	char dir[PATH_MAX];
	int lock_fd;
	sc_ledger *ledger;
	unsigned long *seqs;        /* complete runs, ascending */
	char (*names)[64];
	size_t nruns;
	char baseline[PATH_MAX];    /* evidence.json of the newest, or "" */
};

static sc_status
io_err(sc_err *err, const char *path, const char *what)
{
	return util_err(err, SC_ERR_IO, path, 0, 0, "state", "%s: %s", what, strerror(errno));
}

static bool
path_join(char *buf, size_t n, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la + 1 + lb + 1 > n)
		return false;
	memmove(buf, a, la);
	buf[la] = '/';
	memcpy(buf + la + 1, b, lb + 1);
	return true;
}

static sc_status
make_dir(const char *p, sc_err *err)
{
	struct stat st;
	if (mkdir(p, 0750) == 0 || (errno == EEXIST && stat(p, &st) == 0 && S_ISDIR(st.st_mode)))
		return SC_OK;
	return io_err(err, p, "cannot create the directory");
}

/* A run directory name: six or more digits, '-', a date. */
static bool
run_name(const char *name, unsigned long *ret_seq)
{
	char *end = NULL;
	if (name[0] < '0' || name[0] > '9')
		return false;
	errno = 0;
	unsigned long v = strtoul(name, &end, 10);
	if (errno || end - name < 6 || *end != '-' || !sc_date_parse(end + 1, NULL, NULL, NULL) ||
	    strlen(end + 1) != 10)
		return false;
	*ret_seq = v;
	return true;
}

static int
seq_cmp(const void *a, const void *b)
{
	const char *x = a, *y = b;
	unsigned long p = strtoul(x, NULL, 10), q = strtoul(y, NULL, 10);
	return p < q ? -1 : p > q;
}

static bool
complete(const char *runs, const char *name)
{
	char p[PATH_MAX], q[PATH_MAX];
	struct stat st;
	return path_join(p, sizeof(p), runs, name) && path_join(q, sizeof(q), p, "SHA256SUMS") &&
	       stat(q, &st) == 0 && S_ISREG(st.st_mode) &&
	       path_join(q, sizeof(q), p, "evidence.json") && stat(q, &st) == 0 &&
	       S_ISREG(st.st_mode);
}

static sc_status
scan_runs(sc_state *s, sc_err *err)
{
	char runs[PATH_MAX];
	if (!path_join(runs, sizeof(runs), s->dir, STATE_RUNS))
		return util_err(err, SC_ERR_IO, s->dir, 0, 0, "state", "path too long");
	sc_status st = make_dir(runs, err);
	if (st != SC_OK)
		return st;
	DIR *d = opendir(runs);
	if (d == NULL)
		return io_err(err, runs, "cannot read the runs");
	struct dirent *e;
	size_t cap = 0;
	while ((e = readdir(d)) != NULL) {
		unsigned long seq;
		if (!run_name(e->d_name, &seq) || strlen(e->d_name) >= 64 || !complete(runs, e->d_name))
			continue;
		if (s->nruns == STATE_MAX_RUNS)
			break;
		if (s->nruns == cap) {
			cap = cap ? cap * 2 : 16;
			void *v = realloc(s->names, cap * sizeof(*s->names));
			if (v == NULL) {
				closedir(d);
				return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
			}
			s->names = v;
		}
		snprintf(s->names[s->nruns++], 64, "%s", e->d_name);
	}
	closedir(d);
	if (s->nruns)
		qsort(s->names, s->nruns, sizeof(*s->names), seq_cmp);
	if (s->nruns) {
		char p[PATH_MAX];
		if (!path_join(p, sizeof(p), runs, s->names[s->nruns - 1]) ||
		    !path_join(s->baseline, sizeof(s->baseline), p, "evidence.json"))
			return util_err(err, SC_ERR_IO, runs, 0, 0, "state", "path too long");
	}
	return SC_OK;
}

void
sc_state_close(sc_state *s)
{
	if (s == NULL)
		return;
	if (s->lock_fd >= 0)
		close(s->lock_fd);   /* releases the lock */
	sc_ledger_free(s->ledger);
	free(s->names);
	free(s);
}

sc_status
sc_state_open(const char *dir, sc_state **ret, sc_err *err)
{
	sc_state *s = calloc(1, sizeof(*s));
	if (s == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	s->lock_fd = -1;
	int w = snprintf(s->dir, sizeof(s->dir), "%s", dir);
	while (w > 1 && s->dir[w - 1] == '/')
		s->dir[--w] = '\0';
	sc_status st;
	char p[PATH_MAX];
	if (w <= 0 || (size_t)w >= sizeof(s->dir) - 64) {
		st = util_err(err, SC_ERR_IO, dir, 0, 0, "state", "path too long");
		goto fail;
	}
	if ((st = make_dir(s->dir, err)) != SC_OK)
		goto fail;
	path_join(p, sizeof(p), s->dir, ".lock");
	s->lock_fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	if (s->lock_fd < 0) {
		st = io_err(err, p, "cannot open the lock");
		goto fail;
	}
	if (flock(s->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		st = errno == EWOULDBLOCK ?
		     util_err(err, SC_ERR_IO, s->dir, 0, 0, "state",
		              "another sovcheck run or notice command is using this state directory")
		     : io_err(err, p, "cannot lock");
		goto fail;
	}
	path_join(p, sizeof(p), s->dir, STATE_LEDGER);
	if ((st = sc_ledger_load(p, &s->ledger, err)) != SC_OK)
		goto fail;
	if ((st = scan_runs(s, err)) != SC_OK)
		goto fail;
	*ret = s;
	return SC_OK;
fail:
	sc_state_close(s);
	return st;
}

const char *
sc_state_baseline(const sc_state *s)
{
	return s->baseline[0] ? s->baseline : NULL;
}

sc_ledger *
sc_state_ledger(sc_state *s)
{
	return s->ledger;
}

size_t
sc_state_run_count(const sc_state *s)
{
	return s->nruns;
}

sc_status
sc_state_save_ledger(const sc_state *s, sc_err *err)
{
	char p[PATH_MAX];
	path_join(p, sizeof(p), s->dir, STATE_LEDGER);
	return sc_ledger_save(s->ledger, p, err);
}

/* Remove a run directory: its regular files, then itself. */
static bool
remove_run(const char *dir)
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
		if (!path_join(p, sizeof(p), dir, e->d_name) || lstat(p, &st) != 0 ||
		    !S_ISREG(st.st_mode) || unlink(p) != 0)
			ok = false;
	}
	closedir(d);
	return ok && rmdir(dir) == 0;
}

sc_status
sc_state_commit(sc_state *s, const sc_filing *f, const sc_render_opts *ro, unsigned keep,
                char *ret_run, size_t run_len, sc_err *err)
{
	/* the ledger first (see the head of this file) */
	sc_status st = sc_state_save_ledger(s, err);
	if (st != SC_OK)
		return st;
	unsigned long next = s->nruns ? strtoul(s->names[s->nruns - 1], NULL, 10) + 1 : 1;
	char name[64], runs[PATH_MAX], run[PATH_MAX];
	snprintf(name, sizeof(name), "%06lu-%s", next, sc_filing_date(f));
	if (!path_join(runs, sizeof(runs), s->dir, STATE_RUNS) ||
	    !path_join(run, sizeof(run), runs, name))
		return util_err(err, SC_ERR_IO, s->dir, 0, 0, "state", "path too long");
	sc_render_opts o = *ro;
	o.formats |= 1u << SC_FORMAT_EVIDENCE;    /* the next run's baseline */
	if ((st = sc_filing_write(f, run, &o, err)) != SC_OK)
		return st;
	if (ret_run)
		snprintf(ret_run, run_len, "%s", run);
	/* latest → the new run, replaced in one step */
	char link[PATH_MAX], tmp[PATH_MAX], target[PATH_MAX];
	path_join(link, sizeof(link), s->dir, STATE_LATEST);
	path_join(tmp, sizeof(tmp), s->dir, ".latest.tmp");
	path_join(target, sizeof(target), STATE_RUNS, name);
	(void)unlink(tmp);
	if (symlink(target, tmp) != 0 || rename(tmp, link) != 0) {
		st = io_err(err, link, "cannot point 'latest' at the new run");
		(void)unlink(tmp);
		return st;
	}
	/* retention: the newest keep runs, the new one included */
	size_t total = s->nruns + 1;
	for (size_t i = 0; keep && i + keep < total && i < s->nruns; i++) {
		char old[PATH_MAX], lock[96];
		if (!path_join(old, sizeof(old), runs, s->names[i]) || !remove_run(old))
			return io_err(err, old, "cannot remove a run beyond --keep");
		/* the lock file the filing's writer keeps beside it */
		snprintf(lock, sizeof(lock), ".%s.sovcheck-lock", s->names[i]);
		if (path_join(old, sizeof(old), runs, lock))
			(void)unlink(old);
	}
	return SC_OK;
}
