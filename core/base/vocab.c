/*
 * vocab.c — the values evidence is made of, checked the same way when they
 * are collected and when a bundle is read back (vocab.h).
 */
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
