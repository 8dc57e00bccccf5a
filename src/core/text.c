#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

bool utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		uint32_t cp;
		size_t n, k;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (len - i <= n)
			return false;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		/* Reject overlong forms, surrogates and values past U+10FFFF. */
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

bool text_blank(const char *s)
{
	for (; *s; s++)
		if (!strchr(" \t\r\n", *s))
			return false;
	return true;
}

int text_check(const char *field, const char *s, size_t max, unsigned flags)
{
	size_t len;
	const unsigned char *p;

	if (!s)
		s = "";
	len = strlen(s);
	if (len > max)
		return error_set(E_INVALID, "%s is too long (%zu bytes; at most %zu)",
		                 field, len, max);
	if ((flags & TEXT_REQUIRED) && text_blank(s))
		return error_set(E_INVALID, "%s must not be empty", field);
	if (!utf8_valid(s, len))
		return error_set(E_INVALID, "%s is not valid UTF-8", field);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '\t')
			continue;
		if ((*p == '\n' || *p == '\r') && (flags & TEXT_MULTILINE))
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return error_set(E_INVALID,
			                 "%s contains a control character (byte 0x%02x)",
			                 field, *p);
	}
	return 0;
}

int slug_check(const char *what, const char *s)
{
	size_t len = strlen(s);
	const char *p;

	if (len == 0)
		return error_set(E_INVALID, "%s must not be empty", what);
	if (len > SLUG_MAX)
		return error_set(E_INVALID, "%s is too long (%zu characters; at most %d)",
		                 what, len, SLUG_MAX);
	for (p = s; *p; p++) {
		int ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		         (*p == '-' && p != s);

		if (!ok)
			return error_set(E_INVALID,
			                 "%s must be lower-case letters, digits and '-', "
			                 "starting with a letter or digit",
			                 what);
	}
	return 0;
}

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_check(const char *field, const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		goto bad;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			goto bad;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1)
		goto bad;
	if (d > mdays[m - 1] + (m == 2 && is_leap(y)))
		goto bad;
	/* Records of a management system live in this range; beyond it the
	 * iCalendar library and day arithmetic would no longer hold. */
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX)
		return error_set(E_INVALID, "%s '%s' is out of range (years %d to %d)",
		                 field, s, DATE_YEAR_MIN, DATE_YEAR_MAX);
	return 0;
bad:
	return error_set(E_INVALID, "%s '%s' is not a valid date (expected YYYY-MM-DD)",
	                 field, s);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's method). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, char out[11])
{
	long era, y;
	unsigned doe, yoe, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	/* The values are in range by construction; the masks tell the
	 * compiler so. */
	snprintf(out, 11, "%04ld-%02u-%02u", labs(y) % 10000, (m % 13) & 0x1f,
	         (d % 32) & 0x1f);
}

static long date_days(const char *s)
{
	long y = strtol(s, NULL, 10);
	unsigned m = (unsigned)strtoul(s + 5, NULL, 10);
	unsigned d = (unsigned)strtoul(s + 8, NULL, 10);

	return days_from_civil(y, m, d);
}

void date_add_days(const char *date, int days, char out[11])
{
	civil_from_days(date_days(date) + days, out);
}

long date_diff_days(const char *a, const char *b)
{
	return date_days(b) - date_days(a);
}

void date_add_months(const char *date, int months, char out[11])
{
	static const unsigned mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	long y = strtol(date, NULL, 10);
	long m = (long)strtoul(date + 5, NULL, 10) - 1 + months;
	unsigned d = (unsigned)strtoul(date + 8, NULL, 10);
	unsigned last;

	y += m >= 0 ? m / 12 : (m - 11) / 12;
	m = ((m % 12) + 12) % 12;
	last = mdays[m];
	if (m == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		last = 29;
	if (d > last)
		d = last;
	snprintf(out, 11, "%04ld-%02ld-%02u", labs(y) % 10000, m + 1, d % 32);
}
