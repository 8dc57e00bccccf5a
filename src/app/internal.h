/*
 * internal.h - helpers the operations of src/app/ share; not for front
 * ends.
 */
#ifndef ISMS_APP_INTERNAL_H
#define ISMS_APP_INTERNAL_H

#include <stddef.h>

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

#endif
