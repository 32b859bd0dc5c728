/*
 * vocab.c — the values evidence is made of, checked the same way when they
 * are collected and when a bundle is read back (vocab.h).
 */
#include <arpa/inet.h>
#include <string.h>

#include "sc-limits.h"
#include "sovcheck.h"
#include "util.h"
#include "vocab.h"

bool
vocab_country(const char *s)
{
	return s != NULL && sc_country_valid(s);
}

bool
vocab_ip(const char *s)
{
	char canon[64];
	return s != NULL && sc_ip_canon(s, canon, sizeof(canon)) && strcmp(canon, s) == 0;
}

bool
vocab_name_within(const char *name, const char *domain)
{
	size_t n = strlen(name), d = strlen(domain);
	return strcmp(name, domain) == 0 ||
	       (n > d && name[n - d - 1] == '.' && strcmp(name + n - d, domain) == 0);
}

bool
vocab_name_canon(const char *in, char *out, size_t outsz)
{
	size_t n = in ? strlen(in) : 0;
	if (n > 1 && in[n - 1] == '.' && in[n - 2] != '\\')
		n--;
	if (n == 0 || n > SC_MAX_NAME_LEN || n + 1 > outsz)
		return false;
	size_t label = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)in[i];
		if (ch <= ' ' || ch >= 0x7f)
			return false;  /* presentation form: escapes only */
		if (ch == '.') {
			if (label == 0)
				return false;  /* empty label */
			label = 0;
		} else if (++label > 63) {
			return false;  /* RFC 1035 section 2.3.4 */
		}
		out[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
	}
	if (label == 0)
		return false;
	out[n] = '\0';
	return true;
}

bool
vocab_name(const char *s)
{
	char canon[SC_MAX_NAME_LEN + 2];
	return vocab_name_canon(s, canon, sizeof(canon)) && strcmp(canon, s) == 0;
}

bool
vocab_date(const char *s)
{
	return s != NULL && sc_date_parse(s, NULL, NULL, NULL);
}

bool
vocab_time(const char *s, int64_t *ret)
{
	int v[6];
	static const int width[6] = {4, 2, 2, 2, 2, 2};
	static const char sep[6] = {'-', '-', 'T', ':', ':', 'Z'};
	const char *p = s;
	if (s == NULL)
		return false;
	for (int i = 0; i < 6; i++) {
		v[i] = 0;
		for (int k = 0; k < width[i]; k++, p++) {
			if (*p < '0' || *p > '9')
				return false;
			v[i] = v[i] * 10 + (*p - '0');
		}
		if (*p++ != sep[i])
			return false;
	}
	char date[11];
	memcpy(date, s, 10);
	date[10] = '\0';
	if (*p != '\0' || !sc_date_parse(date, NULL, NULL, NULL) || v[3] > 23 || v[4] > 59 ||
	    v[5] > 60)
		return false;
	if (ret)
		*ret = (int64_t)util_days_from_civil(v[0], v[1], v[2]) * 86400 + v[3] * 3600 +
		       v[4] * 60 + v[5];
	return true;
}

bool
vocab_port(long long v)
{
	return v >= 1 && v <= 65535;
}

bool
vocab_prefix_len(long long v, const char *ip)
{
	return ip != NULL && v >= 0 && v <= (strchr(ip, ':') ? 128 : 32);
}

bool
vocab_network(const char *s, const char *ip)
{
	if (s == NULL || ip == NULL || !vocab_ip(ip))
		return false;
	const char *slash = strchr(s, '/');
	if (slash == NULL || (size_t)(slash - s) >= 64)
		return false;
	char addr[64];
	memcpy(addr, s, (size_t)(slash - s));
	addr[slash - s] = '\0';
	bool v6 = strchr(ip, ':') != NULL;
	if (!vocab_ip(addr) || (strchr(addr, ':') != NULL) != v6)
		return false;
	const char *d = slash + 1;
	size_t nd = strlen(d);
	if (nd == 0 || nd > 3 || (nd > 1 && d[0] == '0'))
		return false;
	unsigned len = 0;
	for (size_t i = 0; i < nd; i++) {
		if (d[i] < '0' || d[i] > '9')
			return false;
		len = len * 10 + (unsigned)(d[i] - '0');
	}
	unsigned width = v6 ? 128 : 32;
	if (len > width)
		return false;
	unsigned char a[16], b[16];
	if (inet_pton(v6 ? AF_INET6 : AF_INET, addr, a) != 1 ||
	    inet_pton(v6 ? AF_INET6 : AF_INET, ip, b) != 1)
		return false;
	/* Host bits of the network zero, network bits of both equal. */
	for (unsigned bit = 0; bit < width; bit++) {
		unsigned x = (a[bit / 8] >> (7 - bit % 8)) & 1u, y = (b[bit / 8] >> (7 - bit % 8)) & 1u;
		if (bit >= len ? x != 0 : x != y)
			return false;
	}
	return true;
}

bool
vocab_utf8(const char *s, size_t n)
{
	if (s == NULL)
		return false;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		/* Eight ASCII bytes at a time, none of them NUL (most text is
		 * ASCII: AS names, host names). */
		while (n - i >= 8) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if ((w & 0x8080808080808080ull) != 0 ||
			    ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull) != 0)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned c = p[i];
		size_t k;
		uint32_t cp, min;
		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			k = 1; cp = c & 0x1F; min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			k = 2; cp = c & 0x0F; min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			k = 3; cp = c & 0x07; min = 0x10000;
		} else {
			return false;
		}
		if (i + k >= n)
			return false; /* cut inside a sequence */
		for (size_t j = 1; j <= k; j++) {
			if ((p[i + j] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i + j] & 0x3Fu);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += k + 1;
	}
	return true;
}

bool
vocab_source_text(const char *s, size_t n)
{
	return n > 0 && n <= SC_MAX_GEODB_SOURCE_LEN && vocab_utf8(s, n);
}
