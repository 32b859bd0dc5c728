/*
 * util.c — internal helpers: error filling, whole-file reads with a limit,
 * a growable string buffer, edit distance, calendar arithmetic, atomic
 * writes and date parsing.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "util.h"

sc_status
util_err(sc_err *err, sc_status code, const char *file, unsigned line,
         unsigned col, const char *rule, const char *fmt, ...)
{
	if (err == NULL)
		return code;
	err->code = code;
	err->line = line;
	err->col = col;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	snprintf(err->rule, sizeof(err->rule), "%s", rule ? rule : "");
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	if (w < 0)
		err->msg[0] = '\0';
	return code;
}

sc_status
util_read_file(const char *path, size_t max, char **ret_buf, size_t *ret_len,
               sc_err *err)
{
	char ebuf[256];
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		int e = errno;
		strerror_r(e, ebuf, sizeof(ebuf));
		return util_err(err, SC_ERR_IO, path, 0, 0, "io", "cannot open: %s", ebuf);
	}
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	sc_status st = SC_OK;
	if (buf == NULL) {
		st = util_err(err, SC_ERR_NOMEM, path, 0, 0, "io", "out of memory");
		goto out;
	}
	for (;;) {
		if (len == cap - 1) {
			if (cap - 1 > max) {
				st = util_err(err, SC_ERR_LIMIT, path, 0, 0, "file-size",
				              "file is larger than the limit of %zu bytes", max);
				goto out;
			}
			size_t ncap = cap * 2;
			char *p = realloc(buf, ncap);
			if (p == NULL) {
				st = util_err(err, SC_ERR_NOMEM, path, 0, 0, "io", "out of memory");
				goto out;
			}
			buf = p;
			cap = ncap;
		}
		size_t r = fread(buf + len, 1, cap - 1 - len, f);
		len += r;
		if (len > max) {
			st = util_err(err, SC_ERR_LIMIT, path, 0, 0, "file-size",
			              "file is larger than the limit of %zu bytes", max);
			goto out;
		}
		if (r == 0) {
			if (ferror(f)) {
				int e = errno;
				strerror_r(e, ebuf, sizeof(ebuf));
				st = util_err(err, SC_ERR_IO, path, 0, 0, "io", "read failed: %s", ebuf);
				goto out;
			}
			break;
		}
	}
	buf[len] = '\0';
	*ret_buf = buf;
	*ret_len = len;
	buf = NULL;
out:
	free(buf);
	fclose(f);
	return st;
}

void
sb_init(strbuf *sb)
{
	memset(sb, 0, sizeof(*sb));
}

/* ------------------------------------------------------------ strpool */

struct strpool_chunk {
	struct strpool_chunk *next;
	size_t used, cap;
	char buf[];
};

struct util_strpool {
	struct strpool_chunk *chunks;
	const char **slot;       /* open addressing; NULL: free */
	size_t cap, n;           /* cap a power of two, at most half full */
};

#define STRPOOL_CHUNK 65536u

util_strpool *
util_strpool_new(void)
{
	util_strpool *p = calloc(1, sizeof(*p));
	if (p == NULL)
		return NULL;
	p->cap = 256;
	if ((p->slot = calloc(p->cap, sizeof(*p->slot))) == NULL) {
		free(p);
		return NULL;
	}
	return p;
}

void
util_strpool_free(util_strpool *p)
{
	if (p == NULL)
		return;
	for (struct strpool_chunk *c = p->chunks, *next; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(p->slot);
	free(p);
}

static uint64_t
strpool_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static bool
strpool_grow(util_strpool *p)
{
	size_t cap = p->cap * 2;
	const char **slot = calloc(cap, sizeof(*slot));
	if (slot == NULL)
		return false;
	for (size_t i = 0; i < p->cap; i++) {
		if (p->slot[i] == NULL)
			continue;
		size_t h = (size_t)strpool_hash(p->slot[i], strlen(p->slot[i])) & (cap - 1);
		while (slot[h] != NULL)
			h = (h + 1) & (cap - 1);
		slot[h] = p->slot[i];
	}
	free(p->slot);
	p->slot = slot;
	p->cap = cap;
	return true;
}

const char *
util_strpool_get(util_strpool *p, const char *s)
{
	if (p == NULL || s == NULL)
		return NULL;
	/* Room first (at most half full), so that a probe always ends. */
	if ((p->n + 1) * 2 > p->cap && !strpool_grow(p))
		return NULL;
	size_t n = strlen(s);
	size_t h = (size_t)strpool_hash(s, n) & (p->cap - 1);
	while (p->slot[h] != NULL) {
		if (strcmp(p->slot[h], s) == 0)
			return p->slot[h];
		h = (h + 1) & (p->cap - 1);
	}
	struct strpool_chunk *c = p->chunks;
	if (c == NULL || c->cap - c->used < n + 1) {
		size_t cap = n + 1 > STRPOOL_CHUNK ? n + 1 : STRPOOL_CHUNK;
		if ((c = malloc(sizeof(*c) + cap)) == NULL)
			return NULL;
		c->used = 0;
		c->cap = cap;
		/* A chunk for one big string goes behind the current one, which
		 * keeps its room. */
		if (cap > STRPOOL_CHUNK && p->chunks != NULL) {
			c->next = p->chunks->next;
			p->chunks->next = c;
		} else {
			c->next = p->chunks;
			p->chunks = c;
		}
	}
	char *d = c->buf + c->used;
	memcpy(d, s, n + 1);
	c->used += n + 1;
	p->slot[h] = d;
	p->n++;
	return d;
}

char *
sb_take(strbuf *sb)
{
	char *s = sb->s;
	bool oom = sb->oom;
	size_t len = sb->len, cap = sb->cap;
	memset(sb, 0, sizeof(*sb));
	if (oom) {
		free(s);
		return NULL;
	}
	if (s == NULL)
		return strdup("");
	if (cap > len + 1) {
		char *t = realloc(s, len + 1);
		if (t != NULL)
			s = t;   /* else the larger block stays: still the text */
	}
	return s;
}

void
sb_free(strbuf *sb)
{
	free(sb->s);
	memset(sb, 0, sizeof(*sb));
}

void
sb_append(strbuf *sb, const char *s, size_t n)
{
	if (sb->oom)
		return;
	if (n > SIZE_MAX - sb->len - 1) {
		sb->oom = true;
		return;
	}
	if (sb->len + n + 1 > sb->cap) {
		size_t ncap = sb->cap ? sb->cap : 256;
		while (ncap < sb->len + n + 1) {
			if (ncap > SIZE_MAX / 2) {
				sb->oom = true;
				return;
			}
			ncap *= 2;
		}
		char *p = realloc(sb->s, ncap);
		if (p == NULL) {
			sb->oom = true;
			return;
		}
		sb->s = p;
		sb->cap = ncap;
	}
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
	if (sb->drain != NULL && sb->len >= SB_DRAIN_AT)
		(void)sb_drain_flush(sb);
}

void
sb_drain_to(strbuf *sb, bool (*write)(void *ctx, const void *buf, size_t n), void *ctx)
{
	sb->drain = write;
	sb->drain_ctx = ctx;
}

bool
sb_drain_flush(strbuf *sb)
{
	if (sb->drain == NULL || sb->oom)
		return !sb->drain_failed;
	if (sb->len > 0 && !sb->drain_failed && !sb->drain(sb->drain_ctx, sb->s, sb->len))
		sb->drain_failed = true;
	sb->len = 0;
	if (sb->s != NULL)
		sb->s[0] = '\0';
	return !sb->drain_failed;
}

void
sb_puts(strbuf *sb, const char *s)
{
	sb_append(sb, s, strlen(s));
}

void
sb_printf(strbuf *sb, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (w < 0) {
		sb->oom = true;
		return;
	}
	if ((size_t)w < sizeof(small)) {
		sb_append(sb, small, (size_t)w);
		return;
	}
	char *big = malloc((size_t)w + 1);
	if (big == NULL) {
		sb->oom = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)w + 1, fmt, ap);
	va_end(ap);
	sb_append(sb, big, (size_t)w);
	free(big);
}

size_t
util_edit_distance(const char *a, const char *b, size_t cap)
{
	/* Optimal string alignment distance: insertions, deletions,
	 * substitutions and transpositions of adjacent characters ("modle"). */
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return cap + 1;
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	size_t d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t rowmin = d[i][0];
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > cap)
			return cap + 1;
	}
	return d[la][lb];
}

const char *
util_did_you_mean(const char *s, const char *const *cands)
{
	const char *best = NULL;
	size_t bestd = SIZE_MAX;
	size_t len = strlen(s);
	/* Allow one edit per three characters, at least one, at most three. */
	size_t cap = len / 3;
	if (cap < 1)
		cap = 1;
	if (cap > 3)
		cap = 3;
	for (size_t i = 0; cands[i] != NULL; i++) {
		size_t d = util_edit_distance(s, cands[i], cap);
		if (d <= cap && d < bestd) {
			best = cands[i];
			bestd = d;
		}
	}
	return best;
}

long
util_days_from_civil(int y, int m, int d)
{
	/* H. Hinnant's days_from_civil, exact for the proleptic Gregorian calendar. */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153u * (unsigned)(m + (m > 2 ? -3 : 9)) + 2u) / 5u + (unsigned)d - 1u;
	unsigned doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
	return era * 146097L + (long)doe - 719468L;
}

void
util_fmt_pct(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%.4f", v);
	char *dot = strchr(buf, '.');
	if (dot == NULL)
		return;
	char *end = buf + strlen(buf) - 1;
	while (end > dot && *end == '0')
		*end-- = '\0';
	if (end == dot)
		*end = '\0';
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, n, "0");
}

char *
util_strdup0(const char *s)
{
	return s ? strdup(s) : NULL;
}

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool
sc_date_parse(const char *s, int *ret_y, int *ret_m, int *ret_d)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return false;
	}
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || m < 1 || m > 12 || d < 1)
		return false;
	int md = mdays[m - 1] + (m == 2 && is_leap(y));
	if (d > md)
		return false;
	if (ret_y)
		*ret_y = y;
	if (ret_m)
		*ret_m = m;
	if (ret_d)
		*ret_d = d;
	return true;
}

static bool
strbuf_write(void *ctx, const void *buf, size_t n)
{
	strbuf *sb = ctx;
	sb_append(sb, buf, n);
	return !sb->oom;
}

util_sink
util_sink_strbuf(strbuf *sb)
{
	return (util_sink){strbuf_write, sb};
}

bool
util_digest_init(util_digest *d)
{
	d->failed = false;
	d->md = EVP_MD_CTX_new();
	if (d->md != NULL && EVP_DigestInit_ex(d->md, EVP_sha256(), NULL) == 1)
		return true;
	EVP_MD_CTX_free(d->md);
	d->md = NULL;
	return false;
}

static bool
digest_write(void *ctx, const void *buf, size_t n)
{
	util_digest *d = ctx;
	if (!d->failed && EVP_DigestUpdate(d->md, buf, n) != 1)
		d->failed = true;
	return !d->failed;
}

util_sink
util_sink_digest(util_digest *d)
{
	return (util_sink){digest_write, d};
}

bool
util_digest_final(util_digest *d, char ret[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	bool ok = !d->failed && EVP_DigestFinal_ex(d->md, md, &mdlen) == 1 && mdlen == 32;
	for (unsigned i = 0; ok && i < 32; i++)
		snprintf(ret + 2 * i, 3, "%02x", md[i]);
	util_digest_free(d);
	return ok;
}

void
util_digest_free(util_digest *d)
{
	EVP_MD_CTX_free(d->md);
	d->md = NULL;
}

/* Big enough that a large file costs few write(2) calls. */
#define WFILE_BUF (256u * 1024u)

static sc_status
wfile_err(sc_err *err, const char *path, const char *what, int e)
{
	char ebuf[256];
	if (strerror_r(e, ebuf, sizeof(ebuf)) != 0)
		snprintf(ebuf, sizeof(ebuf), "errno %d", e);
	return util_err(err, SC_ERR_IO, path, 0, 0, "io", "%s: %s", what, ebuf);
}

sc_status
util_wfile_open(util_wfile *f, const char *path, bool atomic, sc_err *err)
{
	memset(f, 0, sizeof(*f));
	f->fd = -1;
	f->atomic = atomic;
	int w = atomic ? snprintf(f->path, sizeof(f->path), "%s.tmp.XXXXXX", path)
	               : snprintf(f->path, sizeof(f->path), "%s", path);
	int w2 = snprintf(f->final, sizeof(f->final), "%s", path);
	if (w < 0 || (size_t)w >= sizeof(f->path) || w2 < 0 || (size_t)w2 >= sizeof(f->final))
		return util_err(err, SC_ERR_IO, path, 0, 0, "io", "path too long");
	f->buf = malloc(WFILE_BUF);
	f->md = EVP_MD_CTX_new();
	if (f->buf == NULL || f->md == NULL || EVP_DigestInit_ex(f->md, EVP_sha256(), NULL) != 1) {
		free(f->buf);
		EVP_MD_CTX_free(f->md);
		memset(f, 0, sizeof(*f));
		f->fd = -1;
		return util_err(err, SC_ERR_NOMEM, path, 0, 0, "nomem", "out of memory");
	}
	f->fd = atomic ? mkstemp(f->path) : open(f->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (f->fd < 0) {
		sc_status st = wfile_err(err, path, atomic ? "cannot create temporary file" :
		                                             "cannot create", errno);
		free(f->buf);
		EVP_MD_CTX_free(f->md);
		f->buf = NULL;
		f->md = NULL;
		return st;
	}
	return SC_OK;
}

static bool
wfile_flush(util_wfile *f)
{
	const unsigned char *p = f->buf;
	size_t left = f->len;
	while (left > 0 && !f->failed) {
		ssize_t n = write(f->fd, p, left);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			f->failed = true;
			f->errno_ = errno;
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	f->len = 0;
	return !f->failed;
}

bool
util_wfile_write(void *ctx, const void *buf, size_t n)
{
	util_wfile *f = ctx;
	if (f->failed)
		return false;
	if (EVP_DigestUpdate(f->md, buf, n) != 1) {
		f->failed = true;
		f->errno_ = ENOMEM;
		return false;
	}
	const unsigned char *p = buf;
	while (n > 0) {
		size_t k = WFILE_BUF - f->len < n ? WFILE_BUF - f->len : n;
		memcpy(f->buf + f->len, p, k);
		f->len += k;
		p += k;
		n -= k;
		if (f->len == WFILE_BUF && !wfile_flush(f))
			return false;
	}
	return true;
}

util_sink
util_sink_wfile(util_wfile *f)
{
	return (util_sink){util_wfile_write, f};
}

static void
wfile_release(util_wfile *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
	free(f->buf);
	f->buf = NULL;
	EVP_MD_CTX_free(f->md);
	f->md = NULL;
}

void
util_wfile_abort(util_wfile *f)
{
	if (f->buf == NULL && f->fd < 0)
		return;
	wfile_release(f);
	unlink(f->path);
}

sc_status
util_wfile_close(util_wfile *f, char ret_sha256[65], sc_err *err)
{
	sc_status st = SC_OK;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	if (!wfile_flush(f)) {
		st = wfile_err(err, f->final, "write failed", f->errno_);
		goto fail;
	}
	if (EVP_DigestFinal_ex(f->md, md, &mdlen) != 1 || mdlen != 32) {
		st = util_err(err, SC_ERR_NOMEM, f->final, 0, 0, "nomem", "cannot hash");
		goto fail;
	}
	/* mkstemp creates 0600; outputs are ordinary files. */
	if ((f->atomic && fchmod(f->fd, 0644) != 0) || fsync(f->fd) != 0) {
		st = wfile_err(err, f->final, "fsync failed", errno);
		goto fail;
	}
	int fd = f->fd;
	f->fd = -1;
	if (close(fd) != 0) {
		st = wfile_err(err, f->final, "close failed", errno);
		goto fail;
	}
	if (f->atomic && rename(f->path, f->final) != 0) {
		st = wfile_err(err, f->final, "rename failed", errno);
		goto fail;
	}
	if (ret_sha256 != NULL) {
		for (unsigned i = 0; i < 32; i++)
			snprintf(ret_sha256 + 2 * i, 3, "%02x", md[i]);
	}
	wfile_release(f);
	return SC_OK;
fail:
	util_wfile_abort(f);
	return st;
}

sc_status
sc_write_atomic(const char *path, const void *buf, size_t len, sc_err *err)
{
	util_wfile f;
	sc_status st = util_wfile_open(&f, path, true, err);
	if (st != SC_OK)
		return st;
	util_wfile_write(&f, buf, len);
	return util_wfile_close(&f, NULL, err);
}

bool
util_json_text(json_t *root, strbuf *out)
{
	char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | SC_JSON_REAL);
	if (s == NULL)
		return false;
	sb_puts(out, s);
	sb_puts(out, "\n");   /* text files end with a newline */
	free(s);
	return !out->oom;
}

bool
util_parse_asn(const char *s, size_t n, uint32_t *ret)
{
	if (n >= 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's')) {
		s += 2;
		n -= 2;
	}
	if (n == 0 || n > 10)
		return false;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > UINT32_MAX)
		return false;
	*ret = (uint32_t)v;
	return true;
}

bool
util_add_months(const char *date, long months, char out[11])
{
	int y, mo, d;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	out[0] = '\0';
	if (!sc_date_parse(date, &y, &mo, &d) || months < -120000 || months > 120000)
		return false;
	long total = (long)y * 12 + (mo - 1) + months;
	if (total < 0 || total / 12 > 9999)
		return false;   /* past year 9999: no such calendar date here */
	y = (int)(total / 12);
	mo = (int)(total % 12) + 1;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int md = mdays[mo - 1] + (mo == 2 && leap);
	if (d > md)
		d = md;
	char tmp[48];
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, mo, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
	return true;
}

bool
sc_ip_canon(const char *s, char *buf, size_t n)
{
	unsigned char bin[16];
	if (s == NULL || n == 0)
		return false;
	if (inet_pton(AF_INET, s, bin) == 1)
		return inet_ntop(AF_INET, bin, buf, (socklen_t)n) != NULL;
	if (inet_pton(AF_INET6, s, bin) == 1)
		return inet_ntop(AF_INET6, bin, buf, (socklen_t)n) != NULL;
	return false;
}

bool
util_sha256_hex(const void *buf, size_t len, char ret[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	ret[0] = '\0';
	if (EVP_Digest(buf, len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
		return false;
	for (unsigned i = 0; i < 32; i++)
		snprintf(ret + 2 * i, 3, "%02x", md[i]);
	return true;
}
