/*
 * internal.h - helpers the operations of src/app/ share; not for front
 * ends.
 */
#ifndef ISMS_APP_INTERNAL_H
#define ISMS_APP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Replace a text field: NULL keeps the old value, "" clears it, anything
 * else is checked (text_check with max and flags) and taken.
 */
int app_take_text(char **field, const char *value, const char *what, size_t max,
                  unsigned flags);
/* The same for a date (YYYY-MM-DD). */
int app_take_date(char **field, const char *value, const char *what);

/*
 * A sign-off (an approval, an acceptance): who did it (required: "say
 * who <does> with --by NAME") and when (NULL: today), checked.
 */
int app_signoff_check(const char *by, const char *date, const char *does,
                      const char *date_name);

/*
 * A whole number typed as plain decimal digits within min..max: true and
 * *out set, or false (the caller says what was expected).
 */
bool app_parse_long(const char *s, long min, long max, long *out);
/*
 * Split a comma-separated list into v (n entries, alloc allocated; what
 * it held is freed first); blank entries are an error, the same entry
 * twice is taken once, each entry is checked as text of at most max.
 */
int app_split_list(const char *what, const char *s, size_t max, char ***v, size_t *n,
                   size_t *alloc);

#endif
