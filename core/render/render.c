/*
 * render.c — the render stage's one table and its driver
 * (docs/architecture.md): every output file a filing can have, with its
 * format, its name, whether there is one per language, and its writer.
 * Files are written here and nowhere else: the whole set into a staging
 * directory that then replaces the output directory in one step
 * (outdir.c), so a failed or killed run leaves the complete previous set.
 *
 * Adding a format: a writer (render.h signature) in its own file, a value
 * in sc_format (sovcheck.h) with its name below, and its rows in outputs[].
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "outdir.h"
#include "render.h"
#include "seal.h"

/* One string table for sc_format (STYLE §11): the --format names. */
static const char *const format_names[SC_FORMAT_COUNT] = {
	[SC_FORMAT_JSON] = "json",
	[SC_FORMAT_MD] = "md",
	[SC_FORMAT_EVIDENCE] = "evidence",
	[SC_FORMAT_SARIF] = "sarif",
	[SC_FORMAT_CSV] = "csv",
	[SC_FORMAT_HTML] = "html",
	[SC_FORMAT_OSCAL] = "oscal",
};

static const char *const lang_names[] = {[SC_LANG_EN] = "en", [SC_LANG_FR] = "fr"};

const char *
sc_format_to_string(sc_format f)
{
	switch (f) {
	case SC_FORMAT_JSON:
	case SC_FORMAT_MD:
	case SC_FORMAT_EVIDENCE:
	case SC_FORMAT_SARIF:
	case SC_FORMAT_CSV:
	case SC_FORMAT_HTML:
	case SC_FORMAT_OSCAL:
		return format_names[f];
	}
	return "?";
}

bool
sc_format_from_string(const char *s, sc_format *ret)
{
	for (int i = 0; i < SC_FORMAT_COUNT; i++) {
		if (strcmp(s, format_names[i]) == 0) {
			*ret = (sc_format)i;
			return true;
		}
	}
	return false;
}

const char *
sc_lang_to_string(sc_lang l)
{
	switch (l) {
	case SC_LANG_EN:
	case SC_LANG_FR:
		return lang_names[l];
	}
	return "en";
}

bool
sc_lang_from_string(const char *s, sc_lang *ret)
{
	for (int i = 0; i < SC_LANG_COUNT; i++) {
		if (strcmp(s, lang_names[i]) == 0) {
			*ret = (sc_lang)i;
			return true;
		}
	}
	return false;
}

/* How many files a row gives. */
typedef enum per {
	PER_RUN,       /* one file */
	PER_DOC_LANG,  /* NAME with {lang} = the language, for each document language */
	PER_SUMMARY,   /* summary.md in the first language, summary.fr.md beside it
	                  when both are asked */
} per;

/* Which runs write a row: every one, a service's own filing (check,
 * report), or a supplier's profile (probe). */
typedef enum whose { ANY, FILING, PROFILE } whose;

struct output {
	sc_format format;
	const char *name;
	per per;
	render_fn *write;
	whose whose;
	render_stream_fn *stream;   /* written into the file as it is made */
	unsigned flags;             /* OUT_* */
};
/* The row's document cites evidence.json's SHA-256 (it calls
 * filing_evidence_sha256(), which keeps what it computes in the filing):
 * written after evidence.json, never beside it. Every writer that calls
 * it must carry the flag (the run under ThreadSanitizer says so). */
#define OUT_QUOTES 1u
/* It draws the dependency figure: one such job at a time. */
#define OUT_DRAWS  2u

static const struct output outputs[] = {
	/* First: its digest, computed as it is written, is what the documents
	 * after it quote; the bundle is serialised once. */
	{SC_FORMAT_EVIDENCE, "evidence.json", PER_RUN, render_evidence, ANY, render_evidence_stream,
	 0},
	{SC_FORMAT_JSON, "findings.json", PER_RUN, render_findings_json, ANY,
	 render_findings_json_stream, 0},
	{SC_FORMAT_SARIF, "findings.sarif", PER_RUN, render_sarif, ANY, NULL, 0},
	{SC_FORMAT_OSCAL, "assessment-results.json", PER_RUN, render_oscal, ANY, NULL, OUT_QUOTES},
	{SC_FORMAT_CSV, "findings.csv", PER_RUN, render_findings_csv, ANY, NULL, 0},
	{SC_FORMAT_CSV, "dependencies.csv", PER_RUN, render_dependencies_csv, ANY, NULL, 0},
	{SC_FORMAT_CSV, "providers.csv", PER_RUN, render_providers_csv, ANY, NULL, 0},
	{SC_FORMAT_MD, "residual-risk.{lang}.md", PER_DOC_LANG, render_residual_risk_md, FILING, NULL,
	 OUT_QUOTES},
	{SC_FORMAT_HTML, "residual-risk.{lang}.html", PER_DOC_LANG, render_residual_risk_html,
	 FILING, NULL, OUT_QUOTES | OUT_DRAWS},
	{SC_FORMAT_MD, "compliance.{lang}.md", PER_DOC_LANG, render_compliance_md, FILING, NULL,
	 OUT_QUOTES},
	{SC_FORMAT_HTML, "compliance.{lang}.html", PER_DOC_LANG, render_compliance_html, FILING, NULL,
	 OUT_QUOTES},
	{SC_FORMAT_MD, "summary.md", PER_SUMMARY, render_summary_md, FILING, NULL, 0},
	{SC_FORMAT_JSON, "profile.json", PER_RUN, render_profile_json, PROFILE, NULL, 0},
	{SC_FORMAT_MD, "profile.{lang}.md", PER_DOC_LANG, render_profile_md, PROFILE, NULL, 0},
	{SC_FORMAT_HTML, "profile.{lang}.html", PER_DOC_LANG, render_profile_html, PROFILE, NULL,
	 0},
};

static bool
wanted(const struct output *o, const sc_render_opts *ro)
{
	return (ro->formats & (1u << o->format)) &&
	       (o->whose == ANY || (o->whose == PROFILE) == ro->profile);
}

bool
sc_format_available(sc_format f)
{
	for (size_t i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++)
		if (outputs[i].format == f)
			return true;
	return false;
}

sc_status
render_evidence_stream(const sc_filing *f, sc_lang lang, util_sink out, sc_err *err)
{
	(void)lang;
	return filing_evidence_write(f, out, err);
}

sc_status
render_evidence(const sc_filing *f, sc_lang lang, strbuf *out, sc_err *err)
{
	sc_status st = render_evidence_stream(f, lang, util_sink_strbuf(out), err);
	if (st == SC_ERR_IO && out->oom)
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	return st;
}

/* A row without a stream of its own written through a buffer that drains
 * into sink every SB_DRAIN_AT bytes (a filing of 100,000 endpoints has
 * documents of tens of megabytes, never held whole). */
static sc_status
write_through(const struct output *o, const sc_filing *f, sc_lang l, util_sink sink,
              const char *fn, sc_err *err)
{
	strbuf sb;
	sb_init(&sb);
	sb_drain_to(&sb, sink.write, sink.ctx);
	sc_status st = o->write(f, l, &sb, err);
	if (st == SC_OK && sb.oom)
		st = util_err(err, SC_ERR_NOMEM, fn, 0, 0, "nomem", "out of memory");
	if (st == SC_OK)
		(void)sb_drain_flush(&sb);   /* a refused write: reported by the close */
	sb_free(&sb);
	return st;
}

/* Write row o into file fn of the staging directory as it is produced:
 * its stream, or its writer through a draining buffer; its SHA-256 into
 * sha. Listing it in SHA256SUMS is the caller's. */
static sc_status
write_output(outdir *od, const struct output *o, const sc_filing *f, sc_lang l, const char *fn,
             char sha[65], sc_err *err)
{
	util_wfile wf;
	sc_status st = outdir_open(od, fn, &wf, err);
	if (st != SC_OK)
		return st;
	util_sink sink = util_sink_wfile(&wf);
	st = o->stream ? o->stream(f, l, sink, err) : write_through(o, f, l, sink, fn, err);
	if (st != SC_OK && !wf.failed) {
		util_wfile_abort(&wf);
		return st;
	}
	/* A write that failed is reported by the close, with its reason. */
	return outdir_finish(&wf, sha, err);
}

/* ------------------------------------------------- the files, in parallel */

/*
 * The files of a filing are written by up to ro->threads threads at once
 * (each reads the filing, which nothing changes while they run; each
 * writes a file of its own). A thread takes the first job, in the
 * table's order, that can start: a document that quotes the bundle's
 * digest once evidence.json is written, a document that draws the
 * dependency figure (its nodes and edges: the largest transient memory of
 * a large run) when no other is drawing one. SHA256SUMS lists the files in
 * the table's order whatever the order they end in; on a failure the jobs
 * not started are skipped and the first failed job in the table's order is
 * the error.
 */
struct job {
	const struct output *o;
	sc_lang l;
	char fn[64];
	sc_status st;
	bool taken, done;
	sc_err err;
	char sha[65];
};

struct jobs {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct job *v;
	size_t n, ntaken;
	bool digest_ready;      /* evidence.json written, or not written here */
	bool drawing;           /* a job that draws the figure is running */
	bool failed;
	outdir *od;
	const sc_filing *f;
};

static void
run_job(struct jobs *js, struct job *j)
{
	j->st = write_output(js->od, j->o, js->f, j->l, j->fn, j->sha, &j->err);
	pthread_mutex_lock(&js->mu);
	j->done = true;
	if (j->o->format == SC_FORMAT_EVIDENCE) {
		if (j->st == SC_OK)
			filing_evidence_written(js->f, j->sha);
		js->digest_ready = true;
	}
	if (j->o->flags & OUT_DRAWS)
		js->drawing = false;
	if (j->st != SC_OK)
		js->failed = true;
	pthread_cond_broadcast(&js->cv);
	pthread_mutex_unlock(&js->mu);
}

/* The first job not taken that can start now, or NULL (js->mu held). */
static struct job *
job_ready(struct jobs *js)
{
	for (size_t i = 0; i < js->n; i++) {
		struct job *j = &js->v[i];
		if (j->taken || ((j->o->flags & OUT_QUOTES) && !js->digest_ready) ||
		    ((j->o->flags & OUT_DRAWS) && js->drawing))
			continue;
		return j;
	}
	return NULL;
}

static void *
job_worker(void *arg)
{
	struct jobs *js = arg;
	pthread_mutex_lock(&js->mu);
	for (;;) {
		if (js->failed || js->ntaken == js->n)
			break;
		struct job *j = job_ready(js);
		if (j == NULL) {   /* what is left waits on a running job */
			pthread_cond_wait(&js->cv, &js->mu);
			continue;
		}
		j->taken = true;
		js->ntaken++;
		if (j->o->flags & OUT_DRAWS)
			js->drawing = true;
		pthread_mutex_unlock(&js->mu);
		run_job(js, j);
		pthread_mutex_lock(&js->mu);
	}
	pthread_mutex_unlock(&js->mu);
	return NULL;
}

/* Run the jobs on up to nthreads threads (this one among them). */
static void
run_jobs(struct jobs *js, unsigned nthreads)
{
	pthread_t tid[16];
	size_t nt = 0;
	if (nthreads > 1 + sizeof(tid) / sizeof(tid[0]))
		nthreads = 1 + sizeof(tid) / sizeof(tid[0]);
	for (unsigned i = 1; i < nthreads && nt + 1 < js->n; i++)
		if (pthread_create(&tid[nt], NULL, job_worker, js) == 0)
			nt++;   /* a thread refused: fewer threads, the same jobs */
	job_worker(js);
	for (size_t i = 0; i < nt; i++)
		pthread_join(tid[i], NULL);
}


/* buf = name with the n bytes at offset at replaced by rep; false when it
 * does not fit. */
static bool
splice(char *buf, size_t size, const char *name, size_t at, size_t n, const char *rep)
{
	size_t len = strlen(name), rl = strlen(rep);
	if (at + n > len || len - n + rl + 1 > size)
		return false;
	memcpy(buf, name, at);
	memcpy(buf + at, rep, rl);
	memcpy(buf + at + rl, name + at + n, len - at - n + 1);
	return true;
}

/* The file name of a row for a language (and whether it is written). */
static bool
file_name(const struct output *o, sc_lang l, const sc_render_opts *ro, char *buf, size_t n)
{
	int w = 0;
	switch (o->per) {
	case PER_RUN:
		if (l != SC_LANG_EN)
			return false;
		w = snprintf(buf, n, "%s", o->name);
		break;
	case PER_DOC_LANG: {
		if (!(ro->doc_langs & (1u << l)))
			return false;
		const char *at = strstr(o->name, "{lang}");
		return at != NULL && splice(buf, n, o->name, (size_t)(at - o->name), 6,
		                            sc_lang_to_string(l));
	}
	case PER_SUMMARY:
		if (!(ro->summary_langs & (1u << l)))
			return false;
		/* summary.md in the first language asked; the French one is
		 * summary.fr.md when English is asked too. */
		if (l == SC_LANG_FR && (ro->summary_langs & (1u << SC_LANG_EN))) {
			const char *dot = strrchr(o->name, '.');
			return dot != NULL && splice(buf, n, o->name, (size_t)(dot - o->name), 0, ".fr");
		}
		w = snprintf(buf, n, "%s", o->name);
		break;
	}
	return w > 0 && (size_t)w < n;
}

sc_status
render_named(const sc_filing *f, const char *name, sc_lang lang, strbuf *out, sc_err *err)
{
	sc_render_opts all = {.formats = ~0u, .doc_langs = ~0u, .summary_langs = ~0u};
	for (size_t i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++) {
		char fn[64];
		for (int l = 0; l < SC_LANG_COUNT; l++) {
			if (!file_name(&outputs[i], (sc_lang)l, &all, fn, sizeof(fn)) ||
			    strcmp(fn, name) != 0)
				continue;
			sc_lang wl = outputs[i].per == PER_RUN ? lang : (sc_lang)l;
			return outputs[i].write(f, wl, out, err);
		}
	}
	return util_err(err, SC_ERR_NOTFOUND, NULL, 0, 0, "render", "no output is named %s", name);
}

/* Every name a file of a filing can have (both languages): what may stand
 * in an output directory that is replaced. NULL-terminated, static. */
static const char *const *
known_names(void)
{
	static char names[40][64];
	static const char *list[44];
	if (list[0] != NULL)
		return list;
	sc_render_opts all = {.formats = ~0u, .doc_langs = ~0u,
		.summary_langs = 1u << SC_LANG_EN | 1u << SC_LANG_FR};
	size_t n = 0;
	for (size_t i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++)
		for (int l = 0; l < SC_LANG_COUNT && n < 40; l++)
			if (n < 40 && file_name(&outputs[i], (sc_lang)l, &all, names[n], sizeof(names[n])))
				list[n] = names[n], n++;
	list[n++] = OUTDIR_SUMS;
	list[n++] = SEAL_SIG;
	list[n++] = "notice-*";   /* the customer notice drafts (notice.c) */
	list[n] = NULL;
	return list;
}

sc_status
sc_filing_write(const sc_filing *f, const char *dir, const sc_render_opts *ro, sc_err *err)
{
	outdir od;
	memset(&od, 0, sizeof(od));
	od.notice = ro->notice;
	od.notice_ctx = ro->notice_ctx;
	od.signer = ro->signer;
	sc_status st = outdir_begin(&od, dir, known_names(), err);
	if (st != SC_OK)
		return st;
	struct jobs js = {.od = &od, .f = f};
	size_t cap = sizeof(outputs) / sizeof(outputs[0]) * SC_LANG_COUNT;
	if ((js.v = calloc(cap, sizeof(*js.v))) == NULL) {
		outdir_abort(&od);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	bool evidence = false, quotes = false;
	for (size_t i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++) {
		const struct output *o = &outputs[i];
		if (!wanted(o, ro))
			continue;
		for (int l = 0; l < SC_LANG_COUNT; l++) {
			struct job *j = &js.v[js.n];
			if (!file_name(o, (sc_lang)l, ro, j->fn, sizeof(j->fn)))
				continue;
			j->o = o;
			j->l = (sc_lang)l;
			sc_err_clear(&j->err);
			js.n++;
			evidence |= o->format == SC_FORMAT_EVIDENCE;
			quotes |= (o->flags & OUT_QUOTES) != 0;
		}
	}
	/* Without evidence.json among the files, a document that quotes its
	 * digest has it computed now, once, before the threads read it. */
	const char *sha = NULL;
	if (quotes && !evidence && f->ev && (st = filing_evidence_sha256(f, &sha, err)) != SC_OK) {
		free(js.v);
		outdir_abort(&od);
		return st;
	}
	js.digest_ready = !evidence;
	pthread_mutex_init(&js.mu, NULL);
	pthread_cond_init(&js.cv, NULL);
	run_jobs(&js, ro->threads > 1 ? ro->threads : 1);
	pthread_cond_destroy(&js.cv);
	pthread_mutex_destroy(&js.mu);
	st = SC_OK;
	for (size_t i = 0; i < js.n && st == SC_OK; i++) {
		struct job *j = &js.v[i];
		if (!j->done)
			continue;   /* skipped after a failure, reported below */
		if (j->st != SC_OK) {
			*err = j->err;
			st = j->st;
		} else {
			st = outdir_record(&od, j->fn, j->sha, err);
		}
	}
	free(js.v);
	if (st != SC_OK) {
		outdir_abort(&od);
		return st;
	}
	/* a customer notice draft for every open §19.6.f notice */
	for (size_t i = 0; f->ledger && (ro->formats & (1u << SC_FORMAT_MD)) && i < f->ledger->n;
	     i++) {
		const ch_notice *n = &f->ledger->v[i];
		if (n->status != CH_OPEN)
			continue;
		for (int l = 0; l < SC_LANG_COUNT; l++) {
			if (!(ro->doc_langs & (1u << l)))
				continue;
			char fn[96];
			snprintf(fn, sizeof(fn), "notice-%s.%s.md", n->id, l == SC_LANG_FR ? "fr" : "en");
			strbuf sb;
			sb_init(&sb);
			st = render_notice_md(f, n, (sc_lang)l, &sb, err);
			if (st == SC_OK)
				st = outdir_add(&od, fn, sb.s ? sb.s : "", sb.len, err);
			sb_free(&sb);
			if (st != SC_OK) {
				outdir_abort(&od);
				return st;
			}
		}
	}
	return outdir_commit(&od, err);
}
