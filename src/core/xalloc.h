/*
 * xalloc.h - allocation that never returns NULL.
 *
 * Running out of memory is not a condition this program recovers from; the
 * wrappers abort with a message instead, so callers never check for NULL.
 */
#ifndef ISMS_XALLOC_H
#define ISMS_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* xstrdup() that maps NULL to NULL. */
char *xstrdup_or_null(const char *s);

/*
 * Grow array `x` (with `alloc` slots) so that it holds at least `nr`
 * elements.  Growth is geometric; overflow aborts.
 */
#define ALLOC_GROW(x, nr, alloc)                                         \
	do {                                                             \
		if ((nr) > (alloc)) {                                    \
			(alloc) = alloc_next(alloc, nr);                 \
			(x) = xreallocarray((x), (alloc), sizeof(*(x))); \
		}                                                        \
	} while (0)

size_t alloc_next(size_t alloc, size_t nr);
void *xreallocarray(void *p, size_t nmemb, size_t size);

#endif
