#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "xalloc.h"

char strbuf_empty[1];

static size_t cap_of(const struct strbuf *sb)
{
	return sb->cap ? sb->cap : STRBUF_DEFAULT_CAP;
}

void strbuf_init(struct strbuf *sb, size_t cap)
{
	sb->buf = strbuf_empty;
	sb->len = 0;
	sb->alloc = 0;
	sb->cap = cap;
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, sb->cap);
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *p = sb->alloc ? sb->buf : xstrdup("");

	if (len)
		*len = sb->len;
	strbuf_init(sb, sb->cap);
	return p;
}

static int grow(struct strbuf *sb, size_t extra)
{
	size_t want;

	if (extra > cap_of(sb) - sb->len)
		return error_set(E_INVALID, "text too long (more than %zu bytes)",
		                 cap_of(sb));
	want = sb->len + extra + 1;
	if (want > sb->alloc) {
		char *old = sb->alloc ? sb->buf : NULL;
		size_t n = alloc_next(sb->alloc, want);

		sb->buf = xrealloc(old, n);
		if (!old)
			sb->buf[0] = '\0';
		sb->alloc = n;
	}
	return 0;
}

int strbuf_grow(struct strbuf *sb, size_t extra)
{
	return grow(sb, extra);
}

int strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	int rc = grow(sb, len);

	if (rc)
		return rc;
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

int strbuf_addstr(struct strbuf *sb, const char *s)
{
	return strbuf_add(sb, s, strlen(s));
}

int strbuf_addch(struct strbuf *sb, int c)
{
	char ch = (char)c;

	return strbuf_add(sb, &ch, 1);
}

int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	int rc;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return error_set(E_INTERNAL, "bad format string");
	rc = grow(sb, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return rc;
}

char *xvstrfmt(const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_vaddf(&sb, fmt, ap);
	return strbuf_detach(&sb, NULL);
}
