/*
 * text.h - validation of text that comes from outside (arguments, files,
 * requests) before it reaches the store.
 */
#ifndef ISMS_TEXT_H
#define ISMS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum {
	TEXT_REQUIRED = 1 << 0,  /* must contain a non-blank character */
	TEXT_MULTILINE = 1 << 1, /* newlines allowed */
};

/* Limits on the length of stored text, in bytes. */
#define TEXT_NAME_MAX 200
#define TEXT_SHORT_MAX 1000
#define TEXT_LONG_MAX 20000

/*
 * Check `s` is valid UTF-8 without control characters (tab always allowed,
 * newline only with TEXT_MULTILINE) and at most `max` bytes.  On failure
 * the error message names `field`.
 */
int text_check(const char *field, const char *s, size_t max, unsigned flags);

/* True when `s` is valid UTF-8 of exactly `len` bytes. */
bool utf8_valid(const char *s, size_t len);

/* True when every byte of `s` is blank. */
bool text_blank(const char *s);

/*
 * Organisation slugs: 1-63 of [a-z0-9-], starting with a letter or digit.
 * They appear in URLs and file names, so the alphabet is deliberately small.
 */
#define SLUG_MAX 63
int slug_check(const char *what, const char *s);

/* Dates are ISO 8601 calendar dates, YYYY-MM-DD, checked for real days
 * in the years DATE_YEAR_MIN to DATE_YEAR_MAX. */
#define DATE_YEAR_MIN 1900
#define DATE_YEAR_MAX 2999
int date_check(const char *field, const char *s);

/* Day arithmetic on valid dates (checked with date_check first). */
void date_add_days(const char *date, int days, char out[11]);
/* b - a in days. */
long date_diff_days(const char *a, const char *b);
/* Whole calendar months on; a day past the month's end becomes its last
 * day (2025-01-31 plus one month is 2025-02-28). */
void date_add_months(const char *date, int months, char out[11]);

#endif
