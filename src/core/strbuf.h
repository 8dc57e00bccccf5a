/*
 * strbuf.h - growable, NUL-terminated byte buffers with a hard cap.
 *
 * Rules: `buf` is never NULL once initialised (it points at a static empty
 * string until the first append); `buf[len]` is always '\0'.  Every buffer
 * has a cap; an append that would pass it fails with E_INVALID and leaves
 * the buffer as it was, so hostile input cannot grow memory without bound.
 */
#ifndef ISMS_STRBUF_H
#define ISMS_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
	size_t cap; /* maximum len; 0 means STRBUF_DEFAULT_CAP */
};

#define STRBUF_DEFAULT_CAP ((size_t)64 << 20)
#define STRBUF_INIT                                                 \
	{                                                           \
		.buf = strbuf_empty, .len = 0, .alloc = 0, .cap = 0 \
	}
extern char strbuf_empty[];

void strbuf_init(struct strbuf *sb, size_t cap);
/* Free the memory and return to the initial state. */
void strbuf_release(struct strbuf *sb);
/* Keep the memory, make the content empty. */
void strbuf_reset(struct strbuf *sb);
/* Hand the buffer to the caller (who must free() it); sb is re-initialised. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

/* Room for extra more bytes now, so that appending them moves nothing. */
int strbuf_grow(struct strbuf *sb, size_t extra);
int strbuf_add(struct strbuf *sb, const void *data, size_t len);
int strbuf_addstr(struct strbuf *sb, const char *s);
int strbuf_addch(struct strbuf *sb, int c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
        __attribute__((format(printf, 2, 0)));
/* The formatted text in a new string (caller frees). */
char *xvstrfmt(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
