/*
 * ccadb.c — CCADB CSV exports into CA index facts (ccadb.h). The Common CA
 * Database is what the Mozilla, Microsoft, Google and Apple root programs
 * share: every publicly trusted root and disclosed intermediate with its
 * SHA-256, its subject + key hash, its CA owner and, for an externally
 * operated CA, the subordinate CA owner that runs it. It gives no corporate
 * parents nor countries: the registry's entities do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ccadb.h"
#include "registry.h"
#include "sc-limits.h"
#include "util.h"

void
cc_rows_free(cc_rows *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].name);
		free(rs->v[i].owner);
		free(rs->v[i].sub_owner);
	}
	free(rs->v);
	for (size_t i = 0; i < rs->nfiles; i++)
		free(rs->files[i]);
	free(rs->files);
	free(rs->per_file);
	memset(rs, 0, sizeof(*rs));
}

/* ------------------------------------------------------------ CSV records */

struct csvrec {
	char **f;
	size_t n, cap;
};

static void
rec_clear(struct csvrec *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->f[i]);
	r->n = 0;
}

static bool
rec_push(struct csvrec *r, const char *s, size_t len)
{
	if (r->n == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 32;
		if (nc > 4096)
			return false;
		char **p = realloc(r->f, nc * sizeof(*p));
		if (p == NULL)
			return false;
		r->f = p;
		r->cap = nc;
	}
	char *d = malloc(len + 1);
	if (d == NULL)
		return false;
	memcpy(d, s, len);
	d[len] = '\0';
	r->f[r->n++] = d;
	return true;
}

/*
 * One RFC 4180 record from buf at *pos (quoted fields may hold commas,
 * doubled quotes and line breaks). *line counts the lines consumed.
 * Returns 1 for a record, 0 at the end, -1 on a malformed record (an
 * unterminated quote), -2 out of memory.
 */
static int
next_record(const char *buf, size_t len, size_t *pos, unsigned *line, struct csvrec *r)
{
	rec_clear(r);
	size_t i = *pos;
	if (i >= len)
		return 0;
	strbuf f;
	sb_init(&f);
	for (;;) {
		sb_free(&f);
		sb_init(&f);
		sb_puts(&f, "");
		if (i < len && buf[i] == '"') {
			i++;
			for (;;) {
				if (i >= len) {
					sb_free(&f);
					return -1;
				}
				if (buf[i] == '"') {
					if (i + 1 < len && buf[i + 1] == '"') {
						sb_append(&f, "\"", 1);
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (buf[i] == '\n')
					(*line)++;
				sb_append(&f, buf + i, 1);
				i++;
			}
			/* anything between the closing quote and the separator */
			while (i < len && buf[i] != ',' && buf[i] != '\n')
				i++;
		} else {
			size_t s = i;
			while (i < len && buf[i] != ',' && buf[i] != '\n')
				i++;
			size_t e = i;
			if (e > s && buf[e - 1] == '\r')
				e--;
			sb_append(&f, buf + s, e - s);
		}
		if (f.oom || !rec_push(r, f.s ? f.s : "", f.len)) {
			sb_free(&f);
			return -2;
		}
		if (i < len && buf[i] == ',') {
			i++;
			continue;
		}
		if (i < len && buf[i] == '\n') {
			i++;
			(*line)++;
		}
		break;
	}
	sb_free(&f);
	*pos = i;
	return 1;
}

static int
col(const struct csvrec *hdr, const char *name)
{
	for (size_t i = 0; i < hdr->n; i++)
		if (strcmp(hdr->f[i], name) == 0)
			return (int)i;
	return -1;
}

static const char *
field(const struct csvrec *r, int c)
{
	return c >= 0 && (size_t)c < r->n ? r->f[c] : "";
}

/* "2030 Sep 22" or "2030.09.22" to "2030-09-22"; "" when neither. */
static void
date_of(const char *s, char out[11])
{
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
		"Aug", "Sep", "Oct", "Nov", "Dec"};
	int y = 0, m = 0, d = 0;
	char ms[8] = "";
	out[0] = '\0';
	if (sscanf(s, "%4d.%2d.%2d", &y, &m, &d) == 3 || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3) {
		;
	} else if (sscanf(s, "%4d %3s %2d", &y, ms, &d) == 3) {
		for (int i = 0; i < 12; i++)
			if (strcmp(ms, mon[i]) == 0)
				m = i + 1;
	}
	char buf[48];
	if (y < 0 || y > 9999 || m < 0 || m > 12 || d < 0 || d > 31)
		return;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	if (m && sc_date_parse(buf, NULL, NULL, NULL))
		memcpy(out, buf, 11);
}

/* A SHA-256 in hex as 64 upper-case digits, or false. */
static bool
hex256(const char *s, char out[65])
{
	return registry_fp_norm(s, out);
}

/* By SHA-256, then by the file it was read from: duplicates stay ordered. */
static int
row_cmp(const void *a, const void *b)
{
	const cc_row *x = a, *y = b;
	int r = strcmp(x->sha256, y->sha256);
	return r ? r : (x->fileno > y->fileno) - (x->fileno < y->fileno);
}

sc_status
cc_read(const char *path, cc_rows *rs, size_t *ret_skipped, sc_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	sc_status st = util_read_file(path, SC_MAX_CCADB_FILE_BYTES, &buf, &len, err);
	if (st != SC_OK)
		return st;
	size_t pos = 0;
	unsigned line = 1;
	/* provenance lines "# …" at the top */
	while (pos < len && buf[pos] == '#') {
		while (pos < len && buf[pos] != '\n')
			pos++;
		if (pos < len)
			pos++;
		line++;
	}
	struct csvrec hdr = {0}, r = {0};
	unsigned hline = line;
	int k = next_record(buf, len, &pos, &line, &hdr);
	if (k != 1) {
		st = util_err(err, k == -2 ? SC_ERR_NOMEM : SC_ERR_PARSE, path, hline, 0, "ccadb",
		              "no header line");
		goto out;
	}
	int c_owner = col(&hdr, "CA Owner"), c_sub = col(&hdr, "Subordinate CA Owner");
	int c_rowner = col(&hdr, "Owner");
	int c_sha = col(&hdr, "SHA-256 Fingerprint"), c_spki = col(&hdr, "Subject + SPKI SHA256");
	int c_name = col(&hdr, "Certificate Name");
	if (c_name < 0)
		c_name = col(&hdr, "Common Name or Certificate Name");
	if (c_name < 0)
		c_name = col(&hdr, "Root Certificate Name");
	if (c_name < 0)
		c_name = col(&hdr, "CA Common Name or Certificate Name");
	int c_to = col(&hdr, "Valid To [GMT]");
	const char *report = c_sub >= 0 ? "intermediate certificates" :
	                     c_rowner >= 0 ? "root certificates" :
	                     c_owner >= 0 ? "root program report" : NULL;
	int c_own = c_owner >= 0 ? c_owner : c_rowner;
	if (report == NULL || c_sha < 0 || c_name < 0) {
		st = util_err(err, SC_ERR_PARSE, path, hline, 0, "ccadb",
		              "not a CCADB report: the header has no \"SHA-256 Fingerprint\", "
		              "certificate name and \"CA Owner\" or \"Owner\" column");
		goto out;
	}
	char **nf = realloc(rs->files, (rs->nfiles + 1) * sizeof(*nf));
	size_t *np = realloc(rs->per_file, (rs->nfiles + 1) * sizeof(*np));
	if (nf)
		rs->files = nf;
	if (np)
		rs->per_file = np;
	if (nf == NULL || np == NULL || (rs->files[rs->nfiles] = strdup(path)) == NULL) {
		st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
		goto out;
	}
	rs->per_file[rs->nfiles] = 0;
	const char *fname = rs->files[rs->nfiles];
	size_t fidx = rs->nfiles++;
	size_t n0 = rs->n;
	for (;;) {
		unsigned at = line;
		k = next_record(buf, len, &pos, &line, &r);
		if (k == 0)
			break;
		if (k < 0) {
			st = util_err(err, k == -2 ? SC_ERR_NOMEM : SC_ERR_PARSE, path, at, 0, "ccadb",
			              "unterminated quoted field");
			goto out;
		}
		if (r.n == 1 && r.f[0][0] == '\0')
			continue;   /* blank line */
		cc_row w;
		memset(&w, 0, sizeof(w));
		if (!hex256(field(&r, c_sha), w.sha256) || field(&r, c_own)[0] == '\0') {
			(*ret_skipped)++;
			continue;
		}
		if (!hex256(field(&r, c_spki), w.spki))
			w.spki[0] = '\0';
		date_of(field(&r, c_to), w.not_after);
		const char *sub = field(&r, c_sub);
		w.name = strdup(field(&r, c_name));
		w.owner = strdup(field(&r, c_own));
		w.sub_owner = *sub ? strdup(sub) : NULL;
		w.report = report;
		w.line = at;
		w.file = fname;
		w.fileno = fidx;
		if (w.name == NULL || w.owner == NULL || (*sub && w.sub_owner == NULL) ||
		    rs->n >= SC_MAX_CA_INDEX) {
			free(w.name);
			free(w.owner);
			free(w.sub_owner);
			st = rs->n >= SC_MAX_CA_INDEX ?
			     util_err(err, SC_ERR_LIMIT, path, at, 0, "limit", "more than %u certificates",
			              SC_MAX_CA_INDEX) :
			     util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
			goto out;
		}
		if (rs->n == rs->cap) {
			size_t nc = rs->cap ? rs->cap * 2 : 1024;
			cc_row *p = realloc(rs->v, nc * sizeof(*p));
			if (p == NULL) {
				free(w.name);
				free(w.owner);
				free(w.sub_owner);
				st = util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
				goto out;
			}
			rs->v = p;
			rs->cap = nc;
		}
		rs->v[rs->n++] = w;
	}
	/* A certificate already read from an earlier report keeps that row. */
	qsort(rs->v, rs->n, sizeof(*rs->v), row_cmp);
	size_t o = 0;
	for (size_t i = 0; i < rs->n; i++) {
		if (o > 0 && strcmp(rs->v[o - 1].sha256, rs->v[i].sha256) == 0) {
			cc_row *keep = &rs->v[o - 1], *drop = &rs->v[i];
			if (drop->fileno < keep->fileno) {
				cc_row t = *keep;
				*keep = *drop;
				*drop = t;
			}
			free(drop->name);
			free(drop->owner);
			free(drop->sub_owner);
			continue;
		}
		rs->v[o++] = rs->v[i];
	}
	rs->n = o;
	for (size_t f = 0; f < rs->nfiles; f++)
		rs->per_file[f] = 0;
	for (size_t i = 0; i < rs->n; i++)
		rs->per_file[rs->v[i].fileno]++;
	(void)n0;
	(void)fname;
out:
	rec_clear(&hdr);
	free(hdr.f);
	rec_clear(&r);
	free(r.f);
	free(buf);
	return st;
}

const sc_entity *
cc_entity(const sc_registry *reg, const char *owner)
{
	if (owner == NULL || *owner == '\0')
		return NULL;
	/* CCADB writes some owners over several lines */
	char flat[512];
	size_t o = 0;
	for (const char *p = owner; *p && o + 1 < sizeof(flat); p++)
		flat[o++] = (*p == '\n' || *p == '\r') ? ' ' : *p;
	flat[o] = '\0';
	return sc_registry_find_name(reg, flat, NULL, NULL);
}

static void
yaml_str(strbuf *sb, const char *s)
{
	sb_append(sb, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_printf(sb, "\\%c", *p);
		else if (*p < 0x20)
			sb_printf(sb, "\\x%02x", *p);
		else
			sb_append(sb, (const char *)p, 1);
	}
	sb_append(sb, "\"", 1);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
lower_hex(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'F')
			*s = (char)(*s - 'A' + 'a');
}

sc_status
cc_index_text(const cc_rows *rs, const sc_registry *reg, const char *reviewed, strbuf *out,
              const char ***ret_unknown, size_t *ret_nunknown)
{
	const char **unk = rs->n ? calloc(2 * rs->n, sizeof(*unk)) : NULL;
	size_t nunk = 0;
	if (rs->n && unk == NULL)
		return SC_ERR_NOMEM;
	sb_puts(out, "# sovcheck CA index: owner and operator of every certificate the CCADB\n"
	        "# reports list, by SHA-256 and by subject + key (CCADB's \"Subject + SPKI\n"
	        "# SHA256\"). Written by `sovcheck registry import-ccadb`; do not edit by\n"
	        "# hand: import the reports again. Corporate parents and countries are in\n"
	        "# the entities of the other registry files.\n");
	sb_puts(out, "sovcheck-ca-index: 1\nsource:\n  url: https://www.ccadb.org/resources\n"
	        "  fact: \"CCADB reports");
	for (size_t i = 0; i < rs->nfiles; i++) {
		const char *b = strrchr(rs->files[i], '/');
		sb_printf(out, "%s%s (%zu certificates)", i ? ", " : ": ", b ? b + 1 : rs->files[i],
		          rs->per_file[i]);
	}
	sb_printf(out, "; CA owner and subordinate CA owner by certificate\"\n  reviewed: %s\n"
	          "certificates:\n", reviewed);
	for (size_t i = 0; i < rs->n; i++) {
		const cc_row *r = &rs->v[i];
		const sc_entity *owner = cc_entity(reg, r->owner);
		const sc_entity *op = r->sub_owner ? cc_entity(reg, r->sub_owner) : NULL;
		if (owner == NULL)
			unk[nunk++] = r->owner;
		if (r->sub_owner && op == NULL)
			unk[nunk++] = r->sub_owner;
		if (owner == NULL || (r->sub_owner && op == NULL))
			continue;
		char sha[65], spki[65];
		memcpy(sha, r->sha256, 65);
		memcpy(spki, r->spki, 65);
		lower_hex(sha);
		lower_hex(spki);
		sb_printf(out, "  - {sha256: %s", sha);
		if (spki[0])
			sb_printf(out, ", spki: %s", spki);
		sb_puts(out, ", name: ");
		yaml_str(out, r->name);
		sb_printf(out, ", owner: %s", sc_entity_id(owner));
		if (op && op != owner)
			sb_printf(out, ", operator: %s", sc_entity_id(op));
		if (r->not_after[0])
			sb_printf(out, ", not_after: %s", r->not_after);
		/* Earlier owners are the registry's knowledge, not the CCADB's:
		 * an import keeps them. */
		const struct ca_entry *was = registry_ca_by_sha256(reg, r->sha256);
		for (size_t h = 0; was && h < was->n_hist; h++)
			sb_printf(out, "%s{owner: %s, until: %s}%s", h ? ", " : ", history: [",
			          was->hist[h].owner_id, was->hist[h].until, h + 1 == was->n_hist ? "]" : "");
		sb_puts(out, "}\n");
	}
	if (nunk > 1)
		qsort(unk, nunk, sizeof(*unk), str_cmp);
	size_t o = 0;
	for (size_t i = 0; i < nunk; i++)
		if (o == 0 || strcmp(unk[o - 1], unk[i]) != 0)
			unk[o++] = unk[i];
	*ret_unknown = unk;
	*ret_nunknown = o;
	return out->oom ? SC_ERR_NOMEM : SC_OK;
}

/* ------------------------------------------------------- public wrappers */

struct sc_ccadb {
	cc_rows rows;
};

sc_status
sc_ccadb_read(sc_ccadb **rows, const char *path, size_t *ret_skipped, sc_err *err)
{
	if (rows == NULL || path == NULL)
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "usage", "sc_ccadb_read: NULL argument");
	if (*rows == NULL && (*rows = calloc(1, sizeof(**rows))) == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	size_t skipped = 0;
	sc_status st = cc_read(path, &(*rows)->rows, &skipped, err);
	if (ret_skipped)
		*ret_skipped = skipped;
	return st;
}

void
sc_ccadb_free(sc_ccadb *rows)
{
	if (rows == NULL)
		return;
	cc_rows_free(&rows->rows);
	free(rows);
}

size_t
sc_ccadb_count(const sc_ccadb *rows)
{
	return rows ? rows->rows.n : 0;
}

sc_status
sc_ccadb_index_text(const sc_ccadb *rows, const sc_registry *reg, const char *reviewed,
                    char **ret_text, char ***ret_unknown, size_t *ret_nunknown, sc_err *err)
{
	strbuf sb;
	sb_init(&sb);
	const char **unk = NULL;
	size_t nunk = 0;
	sc_status st = cc_index_text(&rows->rows, reg, reviewed, &sb, &unk, &nunk);
	if (st != SC_OK) {
		sb_free(&sb);
		free(unk);
		return util_err(err, st, NULL, 0, 0, "nomem", "out of memory");
	}
	char **copy = nunk ? calloc(nunk, sizeof(*copy)) : NULL;
	for (size_t i = 0; copy && i < nunk; i++)
		if ((copy[i] = strdup(unk[i])) == NULL)
			st = SC_ERR_NOMEM;
	free(unk);
	if ((nunk && copy == NULL) || st != SC_OK) {
		for (size_t i = 0; copy && i < nunk; i++)
			free(copy[i]);
		free(copy);
		sb_free(&sb);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	*ret_text = sb.s;
	*ret_unknown = copy;
	*ret_nunknown = nunk;
	return SC_OK;
}

/* The operator a row names: the subordinate CA owner, else the owner. */
static const sc_entity *
row_operator(const sc_registry *reg, const cc_row *r)
{
	return r->sub_owner ? cc_entity(reg, r->sub_owner) : cc_entity(reg, r->owner);
}

sc_status
sc_ccadb_compare(const sc_ccadb *rows, const sc_registry *reg, sc_ccadb_agreement *ret,
                 char **ret_report, size_t max_lines)
{
	memset(ret, 0, sizeof(*ret));
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "");
	size_t lines = 0;
	const cc_rows *rs = &rows->rows;
	for (size_t i = 0; i < rs->n; i++) {
		const cc_row *r = &rs->v[i];
		const sc_entity *want = row_operator(reg, r);
		ret->rows++;
		if (want == NULL) {
			ret->unmapped++;
			if (lines++ < max_lines)
				sb_printf(&sb, "%s:%u: %s: owner \"%s\" is no entity of the registry\n",
				          r->file, r->line, r->name, r->sub_owner ? r->sub_owner : r->owner);
			continue;
		}
		const struct ca_entry *e = registry_ca_by_sha256(reg, r->sha256);
		const sc_entity *got = e ? (e->op ? e->op : e->owner) : NULL;
		if (got == want)
			ret->by_sha256++;
		else if (lines++ < max_lines)
			sb_printf(&sb, "%s:%u: %s (%s): by SHA-256 %s, the report says %s\n", r->file,
			          r->line, r->name, r->sha256, got ? sc_entity_id(got) : "nothing",
			          sc_entity_id(want));
		if (r->spki[0]) {
			ret->with_spki++;
			const struct ca_entry *const *first = NULL;
			size_t n = registry_ca_by_spki(reg, r->spki, &first);
			const sc_entity *sg = NULL;
			for (size_t k = 0; k < n && sg != want; k++)
				sg = first[k]->op ? first[k]->op : first[k]->owner;
			/* every copy of the key must name the one operator */
			bool all = n > 0;
			for (size_t k = 0; k < n; k++) {
				const sc_entity *o = first[k]->op ? first[k]->op : first[k]->owner;
				all = all && o == want;
			}
			if (all)
				ret->by_spki++;
			else if (lines++ < max_lines)
				sb_printf(&sb, "%s:%u: %s: by subject+key (%zu entries) %s, the report says %s\n",
				          r->file, r->line, r->name, n, n ? "another operator" : "nothing",
				          sc_entity_id(want));
		}
	}
	if (lines > max_lines)
		sb_printf(&sb, "… and %zu more\n", lines - max_lines);
	if (sb.oom) {
		sb_free(&sb);
		return SC_ERR_NOMEM;
	}
	*ret_report = sb.s;
	return SC_OK;
}

sc_status
sc_ccadb_changes(const sc_ccadb *rows, const sc_registry *reg, sc_ccadb_changeset *ret,
                 char **ret_report, size_t max_lines)
{
	memset(ret, 0, sizeof(*ret));
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "");
	size_t la = 0, lc = 0, lr = 0;
	const cc_rows *rs = &rows->rows;
	for (size_t i = 0; i < rs->n; i++) {
		const cc_row *r = &rs->v[i];
		const sc_entity *owner = cc_entity(reg, r->owner);
		const sc_entity *op = r->sub_owner ? cc_entity(reg, r->sub_owner) : NULL;
		if (owner == NULL || (r->sub_owner && op == NULL))
			continue;
		if (op == owner)
			op = NULL;
		const struct ca_entry *e = registry_ca_by_sha256(reg, r->sha256);
		if (e == NULL) {
			ret->added++;
			if (la++ < max_lines)
				sb_printf(&sb, "+ %s %s (%s%s%s)\n", r->sha256, r->name, sc_entity_id(owner),
				          op ? ", operated by " : "", op ? sc_entity_id(op) : "");
		} else if (e->owner != owner || e->op != op) {
			ret->changed++;
			if (lc++ < max_lines)
				sb_printf(&sb, "~ %s %s: %s%s%s -> %s%s%s\n", r->sha256, r->name,
				          e->owner_id, e->operator_id ? "/" : "",
				          e->operator_id ? e->operator_id : "", sc_entity_id(owner),
				          op ? "/" : "", op ? sc_entity_id(op) : "");
		} else {
			ret->same++;
		}
	}
	for (size_t i = 0; reg && i < reg->n_cas; i++) {
		const struct ca_entry *e = &reg->cas[i];
		bool found = false;
		size_t lo = 0, hi = rs->n;
		while (lo < hi && !found) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(rs->v[mid].sha256, e->sha256);
			if (c == 0)
				found = true;
			else if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (!found) {
			ret->removed++;
			if (lr++ < max_lines)
				sb_printf(&sb, "- %s %s (%s)\n", e->sha256, e->name, e->owner_id);
		}
	}
	if (sb.oom) {
		sb_free(&sb);
		return SC_ERR_NOMEM;
	}
	*ret_report = sb.s;
	return SC_OK;
}

size_t
sc_registry_ca_count(const sc_registry *reg)
{
	return reg ? reg->n_cas : 0;
}
