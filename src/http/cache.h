/*
 * cache.h - what a server thread remembers between requests: who a
 * credential belongs to, and the answers to GET requests, for as long as
 * the store has not changed since (store_version) and the day is the same.
 *
 * Each worker thread has its own (no locks); the server makes one per
 * thread and frees them when it stops.  Memory is bounded: past its limits
 * a cache starts again empty.
 */
#ifndef ISMS_HTTP_CACHE_H
#define ISMS_HTTP_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/access.h"
#include "store/store.h"

/* At most this many answers and bytes of answers per thread. */
#define CACHE_ANSWERS_MAX 512
#define CACHE_BYTES_MAX ((size_t)16 << 20)
/* An answer larger than this is not kept. */
#define CACHE_ANSWER_MAX ((size_t)2 << 20)
#define CACHE_HEADERS_MAX 4

struct http_cache;

struct http_cache *http_cache_new(void);
void http_cache_free(struct http_cache *c);

/*
 * At the start of a request: forget everything when the store's version
 * or the day has changed since the last request.  An error reading the
 * version forgets everything too (and is not the request's error).
 */
void http_cache_sync(struct http_cache *c, struct store *st);

/*
 * Credentials, by the SHA-256 of the secret: the user and (for a cookie)
 * the session.  Kept only within the minute they were checked in, since
 * a check records the use once a minute.
 */
bool http_cache_auth_get(struct http_cache *c, const char *digest, struct user *user,
                         struct session *session);
void http_cache_auth_put(struct http_cache *c, const char *digest,
                         const struct user *user, const struct session *session);

/* An answer to a GET, for one user and one URL with its query. */
struct cached_answer {
	int64_t user_id;
	char *key;
	char *body;
	size_t len;
	char *content_type;
	char etag[40];
	struct {
		const char *name; /* a literal: the routes' header names */
		char *value;
	} header[CACHE_HEADERS_MAX];
	size_t nheader;
};

const struct cached_answer *http_cache_answer_get(struct http_cache *c, int64_t user_id,
                                                  const char *key);
/* Keep an answer (copied); nothing when it is too large or has too many
 * headers. */
void http_cache_answer_put(struct http_cache *c, const struct cached_answer *a);

#endif
