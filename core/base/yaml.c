/*
 * yaml.c — YAML documents as trees, under limits, and schema helpers.
 *
 * libyaml's event API is used (not its document API) so that limits are
 * enforced while parsing: a document is never built beyond them. Aliases
 * are refused outright — a "billion laughs" file would otherwise load as a
 * few dozen nodes and expand to 10^9 on a walk.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "sc-limits.h"
#include "util.h"
#include "sc-yaml.h"

static void
ynode_free(ynode *n)
{
	/* Iterative enough: depth is capped at SC_MAX_YAML_DEPTH. */
	if (n == NULL)
		return;
	/* A mapping cut short by an error may hold a key still waiting for its
	 * value (len & 1, see attach()). */
	size_t k = n->kind == YN_MAP ? n->n * 2 + (n->len & 1) : n->n;
	if (n->kind != YN_SCALAR)
		for (size_t i = 0; i < k; i++)
			ynode_free(n->kids[i]);
	free(n->kids);
	free(n->str);
	free(n);
}

void
ydoc_free(ydoc *doc)
{
	if (doc == NULL)
		return;
	ynode_free(doc->root);
	free(doc->name);
	free(doc);
}

/* Parser state: a stack of open collections. */
struct pstate {
	const char *name;
	sc_diags *diags;
	ynode *stack[SC_MAX_YAML_DEPTH + 1];
	size_t cap[SC_MAX_YAML_DEPTH + 1];
	size_t depth;
	size_t nodes;
	size_t errors;
};

static sc_status
perr(struct pstate *p, const yaml_mark_t *m, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static sc_status
perr(struct pstate *p, const yaml_mark_t *m, const char *rule, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* libyaml marks are 0-based; this is the one place we add 1. */
	sc_diags_add(p->diags, SC_SEV_ERROR, p->name,
	             m ? (unsigned)m->line + 1 : 0, m ? (unsigned)m->column + 1 : 0,
	             rule, "%s", buf);
	p->errors++;
	return SC_ERR_INVALID;
}

/* Attach child to the collection on top of the stack. */
static sc_status
attach(struct pstate *p, ynode *child, ynode **root)
{
	if (p->depth == 0) {
		*root = child;
		return SC_OK;
	}
	ynode *top = p->stack[p->depth - 1];
	size_t *cap = &p->cap[p->depth - 1];
	size_t used = top->kind == YN_MAP ? top->n * 2 + (size_t)(top->len & 1) : top->n;
	/* For maps, ->len counts the pending key (odd = key waiting for value). */
	if (used == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		ynode **k = realloc(top->kids, ncap * sizeof(*k));
		if (k == NULL)
			return SC_ERR_NOMEM;
		top->kids = k;
		*cap = ncap;
	}
	top->kids[used] = child;
	if (top->kind == YN_MAP) {
		if (top->len & 1) {
			top->len = 0;
			top->n++;
		} else {
			top->len = 1;
		}
	} else {
		top->n++;
	}
	return SC_OK;
}

static bool
key_equal(const ynode *a, const ynode *b)
{
	return a->kind == YN_SCALAR && b->kind == YN_SCALAR && a->len == b->len &&
	       memcmp(a->str, b->str, a->len) == 0;
}

static const char *
event_mark_kind(yaml_event_type_t t)
{
	switch (t) {
	case YAML_SEQUENCE_START_EVENT: return "sequence";
	case YAML_MAPPING_START_EVENT: return "mapping";
	case YAML_SCALAR_EVENT: return "scalar";
	case YAML_ALIAS_EVENT: return "alias";
	case YAML_NO_EVENT:
	case YAML_STREAM_START_EVENT:
	case YAML_STREAM_END_EVENT:
	case YAML_DOCUMENT_START_EVENT:
	case YAML_DOCUMENT_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return "node";
	}
	return "node";
}

sc_status
ydoc_parse(const char *buf, size_t len, const char *name, sc_diags *diags, ydoc **ret)
{
	struct pstate p;
	memset(&p, 0, sizeof(p));
	p.name = name;
	p.diags = diags;
	yaml_parser_t parser;
	yaml_event_t ev;
	ynode *root = NULL;
	sc_status st = SC_OK;
	int docs = 0;
	bool done = false;

	if (len > SC_MAX_YAML_FILE_BYTES) {
		sc_diags_add(diags, SC_SEV_ERROR, name, 0, 0, "file-size",
		             "file is %zu bytes, larger than the limit of %u bytes",
		             len, SC_MAX_YAML_FILE_BYTES);
		return SC_ERR_LIMIT;
	}
	if (!yaml_parser_initialize(&parser))
		return SC_ERR_NOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);

	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			yaml_mark_t m = parser.problem_mark;
			const char *prob = parser.problem ? parser.problem : "syntax error";
			if (parser.context)
				perr(&p, &m, "yaml-syntax", "%s %s", prob, parser.context);
			else
				perr(&p, &m, "yaml-syntax", "%s", prob);
			st = SC_ERR_PARSE;
			break;
		}
		ynode *n = NULL;
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_NO_EVENT:
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				st = perr(&p, &ev.start_mark, "yaml-multi-doc",
				          "more than one YAML document in the file");
				done = true;
			}
			break;
		case YAML_DOCUMENT_END_EVENT:
			break;
		case YAML_ALIAS_EVENT:
			st = perr(&p, &ev.start_mark, "yaml-alias",
			          "YAML aliases are not accepted ('*%s'): write the value out",
			          (const char *)ev.data.alias.anchor);
			st = SC_ERR_LIMIT;
			done = true;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			const yaml_char_t *anchor =
				ev.type == YAML_SCALAR_EVENT ? ev.data.scalar.anchor :
				ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.anchor :
				ev.data.mapping_start.anchor;
			if (anchor != NULL) {
				st = perr(&p, &ev.start_mark, "yaml-anchor",
				          "YAML anchors are not accepted ('&%s' on a %s)",
				          (const char *)anchor, event_mark_kind(ev.type));
				st = SC_ERR_LIMIT;
				done = true;
				break;
			}
			if (++p.nodes > SC_MAX_YAML_NODES) {
				perr(&p, &ev.start_mark, "yaml-nodes",
				     "more than %u YAML nodes", SC_MAX_YAML_NODES);
				st = SC_ERR_LIMIT;
				done = true;
				break;
			}
			n = calloc(1, sizeof(*n));
			if (n == NULL) {
				st = SC_ERR_NOMEM;
				done = true;
				break;
			}
			n->line = (unsigned)ev.start_mark.line + 1;
			n->col = (unsigned)ev.start_mark.column + 1;
			if (ev.type == YAML_SCALAR_EVENT) {
				size_t sl = ev.data.scalar.length;
				if (sl > SC_MAX_YAML_SCALAR_BYTES) {
					perr(&p, &ev.start_mark, "yaml-scalar-size",
					     "a value of %zu bytes is longer than the limit of %u",
					     sl, SC_MAX_YAML_SCALAR_BYTES);
					free(n);
					st = SC_ERR_LIMIT;
					done = true;
					break;
				}
				if (memchr(ev.data.scalar.value, '\0', sl) != NULL) {
					perr(&p, &ev.start_mark, "yaml-nul", "a value contains a NUL byte");
					free(n);
					st = SC_ERR_INVALID;
					done = true;
					break;
				}
				n->kind = YN_SCALAR;
				n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
				n->str = malloc(sl + 1);
				if (n->str == NULL) {
					free(n);
					st = SC_ERR_NOMEM;
					done = true;
					break;
				}
				memcpy(n->str, ev.data.scalar.value, sl);
				n->str[sl] = '\0';
				n->len = sl;
			} else {
				n->kind = ev.type == YAML_MAPPING_START_EVENT ? YN_MAP : YN_SEQ;
			}
			/* Duplicate key check: a scalar arriving in key position. */
			if (p.depth > 0) {
				ynode *top = p.stack[p.depth - 1];
				if (top->kind == YN_MAP && !(top->len & 1)) {
					if (n->kind != YN_SCALAR) {
						perr(&p, &ev.start_mark, "yaml-complex-key",
						     "mapping keys must be plain strings");
					} else {
						for (size_t i = 0; i < top->n; i++) {
							if (key_equal(top->kids[2 * i], n)) {
								perr(&p, &ev.start_mark, "duplicate-key",
								     "duplicate key '%s' (first at line %u, column %u)",
								     n->str, top->kids[2 * i]->line,
								     top->kids[2 * i]->col);
								break;
							}
						}
					}
				}
			}
			if (attach(&p, n, &root) != SC_OK) {
				ynode_free(n);
				st = SC_ERR_NOMEM;
				done = true;
				break;
			}
			if (n->kind != YN_SCALAR) {
				if (p.depth >= SC_MAX_YAML_DEPTH) {
					perr(&p, &ev.start_mark, "yaml-depth",
					     "nesting deeper than %u levels", SC_MAX_YAML_DEPTH);
					st = SC_ERR_LIMIT;
					done = true;
					break;
				}
				p.stack[p.depth] = n;
				p.cap[p.depth] = 0;
				p.depth++;
			}
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (p.depth > 0) {
				p.stack[p.depth - 1]->len = 0;
				p.depth--;
			}
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);

	/* Recoverable problems (duplicate or complex keys) were reported; the
	 * tree is still returned so that the caller reports every other error
	 * of the file too. doc->errors tells the caller the file is invalid. */
	if (st != SC_OK) {
		ynode_free(root);
		return st;
	}
	ydoc *doc = calloc(1, sizeof(*doc));
	if (doc == NULL || (doc->name = strdup(name ? name : "")) == NULL) {
		free(doc);
		ynode_free(root);
		return SC_ERR_NOMEM;
	}
	doc->root = root;
	doc->nodes = p.nodes;
	doc->errors = p.errors;
	*ret = doc;
	return SC_OK;
}

sc_status
yaml_read_file(const char *path, sc_diags *diags, char **ret_buf, size_t *ret_len)
{
	sc_err err;
	sc_err_clear(&err);
	sc_status st = util_read_file(path, SC_MAX_YAML_FILE_BYTES, ret_buf, ret_len, &err);
	if (st != SC_OK)
		sc_diags_add_err(diags, &err);
	return st;
}

sc_status
ydoc_load(const char *path, sc_diags *diags, ydoc **ret)
{
	char *buf = NULL;
	size_t len = 0;
	sc_status st = yaml_read_file(path, diags, &buf, &len);
	if (st != SC_OK)
		return st;
	st = ydoc_parse(buf, len, path, diags, ret);
	if (st == SC_OK && *ret != NULL)
		(void)util_sha256_hex(buf, len, (*ret)->sha256);
	free(buf);
	return st;
}

/* ---------------------------------------------------------- schema helpers */

static void
vdiag(yctx *c, sc_severity sev, const ynode *at, const char *rule,
      const char *fmt, va_list ap)
{
	char buf[1024];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	sc_diags_add(c->diags, sev, c->file, at ? at->line : 0, at ? at->col : 0,
	             rule, "%s", buf);
	if (sev == SC_SEV_ERROR)
		c->failed = true;
}

void
yerr(yctx *c, const ynode *at, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(c, SC_SEV_ERROR, at, rule, fmt, ap);
	va_end(ap);
}

void
ywarn(yctx *c, const ynode *at, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vdiag(c, SC_SEV_WARNING, at, rule, fmt, ap);
	va_end(ap);
}

const ynode *
ymap_get(const ynode *map, const char *key)
{
	if (map == NULL || map->kind != YN_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->kids[2 * i]->str ? map->kids[2 * i]->str : "", key) == 0)
			return map->kids[2 * i + 1];
	return NULL;
}

bool
ymap_check_keys(yctx *c, const ynode *map, const char *const *allowed, const char *what)
{
	bool ok = true;
	if (map == NULL || map->kind != YN_MAP)
		return true;
	for (size_t i = 0; i < map->n; i++) {
		const ynode *k = map->kids[2 * i];
		const char *ks = k->str ? k->str : "";
		bool found = false;
		for (size_t j = 0; allowed[j] != NULL; j++)
			if (strcmp(ks, allowed[j]) == 0)
				found = true;
		if (found)
			continue;
		ok = false;
		const char *dym = util_did_you_mean(ks, allowed);
		if (dym)
			yerr(c, k, "unknown-key", "unknown key '%s' in %s; did you mean '%s'?",
			     ks, what, dym);
		else
			yerr(c, k, "unknown-key", "unknown key '%s' in %s", ks, what);
	}
	return ok;
}

static const char *
kind_name(ynode_kind k)
{
	switch (k) {
	case YN_SCALAR: return "a scalar";
	case YN_SEQ: return "a list";
	case YN_MAP: return "a mapping";
	}
	return "a node";
}

bool
yexpect_map(yctx *c, const ynode *n, const char *what)
{
	if (n != NULL && n->kind == YN_MAP)
		return true;
	if (n != NULL)
		yerr(c, n, "type", "%s must be a mapping, not %s", what, kind_name(n->kind));
	return false;
}

bool
yexpect_seq(yctx *c, const ynode *n, const char *what)
{
	if (n != NULL && n->kind == YN_SEQ)
		return true;
	if (n != NULL)
		yerr(c, n, "type", "%s must be a list, not %s", what, kind_name(n->kind));
	return false;
}

const ynode *
yrequire(yctx *c, const ynode *map, const char *key, const char *what)
{
	const ynode *v = ymap_get(map, key);
	if (v == NULL && map != NULL)
		yerr(c, map, "missing-key", "%s: missing required key '%s'", what, key);
	return v;
}

static bool
is_null_scalar(const ynode *n)
{
	return n->kind == YN_SCALAR && n->plain &&
	       (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0);
}

bool
yget_str(yctx *c, const ynode *n, const char *what, const char **ret)
{
	if (n == NULL)
		return false;
	if (n->kind != YN_SCALAR) {
		yerr(c, n, "type", "%s must be a string, not %s", what, kind_name(n->kind));
		return false;
	}
	if (is_null_scalar(n) || n->len == 0) {
		yerr(c, n, "empty", "%s must not be empty", what);
		return false;
	}
	*ret = n->str;
	return true;
}

bool
yget_bool(yctx *c, const ynode *n, const char *what, bool *ret)
{
	if (n == NULL)
		return false;
	if (n->kind == YN_SCALAR && n->plain) {
		if (strcmp(n->str, "true") == 0) {
			*ret = true;
			return true;
		}
		if (strcmp(n->str, "false") == 0) {
			*ret = false;
			return true;
		}
	}
	if (n->kind == YN_SCALAR)
		yerr(c, n, "type", "%s must be true or false, not '%s'", what, n->str);
	else
		yerr(c, n, "type", "%s must be true or false, not %s", what, kind_name(n->kind));
	return false;
}

bool
yget_number(yctx *c, const ynode *n, const char *what, double min, double max,
            double *ret)
{
	if (n == NULL)
		return false;
	if (n->kind != YN_SCALAR || !n->plain || n->len == 0) {
		if (n->kind == YN_SCALAR)
			yerr(c, n, "type", "%s must be a number, not '%s'", what, n->str);
		else
			yerr(c, n, "type", "%s must be a number, not %s", what, kind_name(n->kind));
		return false;
	}
	/* Plain decimal only: no hex, no inf/nan, no leading '+'. */
	const char *s = n->str;
	for (const char *q = s; *q; q++) {
		if (!((*q >= '0' && *q <= '9') || *q == '.' || (*q == '-' && q == s))) {
			yerr(c, n, "type", "%s must be a number, not '%s'", what, s);
			return false;
		}
	}
	errno = 0;
	char *end = NULL;
	double v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !isfinite(v)) {
		yerr(c, n, "type", "%s must be a number, not '%s'", what, s);
		return false;
	}
	if (v < min || v > max) {
		char a[32], b[32];
		util_fmt_pct(a, sizeof(a), min);
		util_fmt_pct(b, sizeof(b), max);
		yerr(c, n, "range", "%s must be between %s and %s, not '%s'", what, a, b, s);
		return false;
	}
	*ret = v;
	return true;
}

bool
yget_int(yctx *c, const ynode *n, const char *what, long min, long max, long *ret)
{
	if (n == NULL)
		return false;
	if (n->kind != YN_SCALAR || !n->plain || n->len == 0 || n->len > 18) {
		if (n->kind == YN_SCALAR)
			yerr(c, n, "type", "%s must be a whole number, not '%s'", what, n->str);
		else
			yerr(c, n, "type", "%s must be a whole number, not %s", what, kind_name(n->kind));
		return false;
	}
	const char *s = n->str;
	for (const char *q = s; *q; q++) {
		if (!((*q >= '0' && *q <= '9') || (*q == '-' && q == s && q[1]))) {
			yerr(c, n, "type", "%s must be a whole number, not '%s'", what, s);
			return false;
		}
	}
	errno = 0;
	long v = strtol(s, NULL, 10);
	if (errno != 0 || v < min || v > max) {
		yerr(c, n, "range", "%s must be between %ld and %ld, not '%s'", what, min, max, s);
		return false;
	}
	*ret = v;
	return true;
}

bool
yget_country(yctx *c, const ynode *n, const char *what, char ret[3])
{
	const char *s;
	if (!yget_str(c, n, what, &s))
		return false;
	if (strcmp(s, "EL") == 0) {
		yerr(c, n, "country", "%s: 'EL' is the EU's code for Greece; "
		     "use the ISO 3166-1 code 'GR'", what);
		return false;
	}
	if (strcmp(s, "UK") == 0) {
		yerr(c, n, "country", "%s: 'UK' is not an ISO 3166-1 code; "
		     "use 'GB' for the United Kingdom", what);
		return false;
	}
	if (!sc_country_valid(s)) {
		if (strlen(s) == 2 && s[0] >= 'a' && s[0] <= 'z') {
			char up[3] = {(char)(s[0] - 32), (char)(s[1] >= 'a' && s[1] <= 'z' ? s[1] - 32 : s[1]), 0};
			if (sc_country_valid(up)) {
				yerr(c, n, "country", "%s: '%s' must be upper case: '%s'", what, s, up);
				return false;
			}
		}
		yerr(c, n, "country", "%s: '%s' is not an ISO 3166-1 alpha-2 country code",
		     what, s);
		return false;
	}
	memcpy(ret, s, 3);
	return true;
}

bool
yget_date(yctx *c, const ynode *n, const char *what, char ret[11])
{
	if (n == NULL)
		return false;
	if (n->kind != YN_SCALAR) {
		yerr(c, n, "type", "%s must be a date YYYY-MM-DD, not %s", what, kind_name(n->kind));
		return false;
	}
	if (!sc_date_parse(n->str, NULL, NULL, NULL)) {
		yerr(c, n, "date", "%s must be a date YYYY-MM-DD, not '%s'", what, n->str);
		return false;
	}
	memcpy(ret, n->str, 11);
	return true;
}

bool
yget_enum(yctx *c, const ynode *n, const char *what, const char *const *values, int *ret)
{
	const char *s;
	if (!yget_str(c, n, what, &s))
		return false;
	for (int i = 0; values[i] != NULL; i++) {
		if (strcmp(s, values[i]) == 0) {
			*ret = i;
			return true;
		}
	}
	strbuf sb;
	sb_init(&sb);
	for (int i = 0; values[i] != NULL; i++) {
		if (i)
			sb_puts(&sb, ", ");
		sb_puts(&sb, values[i]);
	}
	const char *dym = util_did_you_mean(s, values);
	if (dym)
		yerr(c, n, "enum", "%s: '%s' is not one of %s; did you mean '%s'?", what, s,
		     sb.s ? sb.s : "", dym);
	else
		yerr(c, n, "enum", "%s: '%s' is not one of %s", what, s, sb.s ? sb.s : "");
	sb_free(&sb);
	return false;
}
