/*
 * err.c — status strings, sc_err and the sc_diags list of diagnostics.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sovcheck.h"
#include "sc-limits.h"
#include "sc-config.h"

const char *
sc_strerror(sc_status status)
{
	switch (status) {
	case SC_OK: return "success";
	case SC_ERR_NOMEM: return "out of memory";
	case SC_ERR_IO: return "input/output error";
	case SC_ERR_PARSE: return "malformed input";
	case SC_ERR_INVALID: return "invalid input";
	case SC_ERR_LIMIT: return "input exceeds a limit";
	case SC_ERR_UNSUPPORTED: return "unsupported input";
	case SC_ERR_NOTFOUND: return "not found";
	case SC_ERR_CORRUPT: return "corrupt file";
	case SC_ERR_NET: return "network error";
	case SC_ERR_TLS: return "TLS error";
	case SC_ERR_DNS: return "DNS error";
	case SC_ERR_USAGE: return "usage error";
	case SC_ERR_INTERNAL: return "internal error";
	}
	return "unknown status";
}

bool
sc_status_is_input_error(sc_status status)
{
	switch (status) {
	case SC_ERR_PARSE:
	case SC_ERR_INVALID:
	case SC_ERR_LIMIT:
	case SC_ERR_UNSUPPORTED:
	case SC_ERR_CORRUPT:
	case SC_ERR_NOTFOUND:
		return true;
	case SC_OK:
	case SC_ERR_NOMEM:
	case SC_ERR_IO:
	case SC_ERR_NET:
	case SC_ERR_TLS:
	case SC_ERR_DNS:
	case SC_ERR_USAGE:
	case SC_ERR_INTERNAL:
		return false;
	}
	return false;
}

const char *
sc_version(void)
{
	return SC_VERSION;
}

void
sc_err_clear(sc_err *err)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof(*err));
}

struct diag_item {
	sc_diag pub;
	size_t seq;          /* insertion order, for a stable sort */
	char *file, *rule, *msg;
};

struct sc_diags {
	struct diag_item *items;
	size_t n, cap;
	size_t errors;
	size_t dropped;
};

sc_diags *
sc_diags_new(void)
{
	return calloc(1, sizeof(sc_diags));
}

void
sc_diags_free(sc_diags *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].rule);
		free(d->items[i].msg);
	}
	free(d->items);
	free(d);
}

size_t
sc_diags_count(const sc_diags *d)
{
	return d ? d->n : 0;
}

size_t
sc_diags_errors(const sc_diags *d)
{
	return d ? d->errors : 0;
}

const sc_diag *
sc_diags_get(const sc_diags *d, size_t i)
{
	if (d == NULL || i >= d->n)
		return NULL;
	return &d->items[i].pub;
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct diag_item *x = a, *y = b;
	int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");
	if (c != 0)
		return c;
	if (x->pub.line != y->pub.line)
		return x->pub.line < y->pub.line ? -1 : 1;
	if (x->pub.col != y->pub.col)
		return x->pub.col < y->pub.col ? -1 : 1;
	return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

void
sc_diags_sort(sc_diags *d)
{
	if (d == NULL || d->n < 2)
		return;
	qsort(d->items, d->n, sizeof(d->items[0]), diag_cmp);
	/* qsort moved the items; the borrowed pointers moved with them. */
}

static char *
dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

sc_status
sc_diags_add(sc_diags *d, sc_severity sev, const char *file, unsigned line,
             unsigned col, const char *rule, const char *fmt, ...)
{
	if (d == NULL)
		return SC_OK;
	if (sev == SC_SEV_ERROR)
		d->errors++;
	if (d->n >= SC_MAX_DIAGS) {
		d->dropped++;
		return SC_OK;
	}
	if (d->n == d->cap) {
		size_t ncap = d->cap ? d->cap * 2 : 16;
		struct diag_item *p = realloc(d->items, ncap * sizeof(*p));
		if (p == NULL)
			return SC_ERR_NOMEM;
		d->items = p;
		d->cap = ncap;
	}
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (w < 0)
		buf[0] = '\0';
	else if ((size_t)w >= sizeof(buf))
		memcpy(buf + sizeof(buf) - 4, "...", 4); /* keep the message, mark it */

	struct diag_item *it = &d->items[d->n];
	memset(it, 0, sizeof(*it));
	it->file = dup_or_empty(file);
	it->rule = dup_or_empty(rule);
	it->msg = strdup(buf);
	if (!it->file || !it->rule || !it->msg) {
		free(it->file);
		free(it->rule);
		free(it->msg);
		return SC_ERR_NOMEM;
	}
	it->seq = d->n;
	it->pub.severity = sev;
	it->pub.line = line;
	it->pub.col = col;
	it->pub.file = it->file;
	it->pub.rule = it->rule;
	it->pub.msg = it->msg;
	d->n++;
	return SC_OK;
}

sc_status
sc_diags_add_err(sc_diags *d, const sc_err *err)
{
	if (err == NULL)
		return SC_OK;
	return sc_diags_add(d, SC_SEV_ERROR, err->file, err->line, err->col,
	                    err->rule[0] ? err->rule : "error", "%s",
	                    err->msg[0] ? err->msg : sc_strerror(err->code));
}
