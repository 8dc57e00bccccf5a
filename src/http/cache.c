/*
 * cache.c - a server thread's memory of credentials and answers, valid
 * while the store's version and the day stay the same (cache.h).
 */
#include "http/cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/xalloc.h"

#define AUTH_MAX 64

struct auth_entry {
	char digest[SHA256_HEX_LEN + 1];
	char minute[17]; /* "2026-01-15T09:00": checked within this minute */
	struct user user;
	struct session session;
	bool has_session;
};

struct http_cache {
	char version[STORE_VERSION_MAX];
	char day[11];
	struct auth_entry auth[AUTH_MAX];
	size_t nauth;
	/* Open addressing on (user, key); a full table starts again empty. */
	struct cached_answer *answers[CACHE_ANSWERS_MAX];
	size_t nanswers, bytes;
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void user_copy(struct user *to, const struct user *from)
{
	*to = *from;
	to->name = dup_or_null(from->name);
	to->password_hash = NULL; /* never needed past the check */
	to->created_at = dup_or_null(from->created_at);
	to->updated_at = dup_or_null(from->updated_at);
}

static void session_copy(struct session *to, const struct session *from)
{
	*to = *from;
	to->csrf = dup_or_null(from->csrf);
	to->created_at = dup_or_null(from->created_at);
	to->expires_at = dup_or_null(from->expires_at);
	to->last_seen_at = dup_or_null(from->last_seen_at);
}

static void answer_free(struct cached_answer *a)
{
	if (!a)
		return;
	free(a->key);
	free(a->body);
	free(a->content_type);
	for (size_t i = 0; i < a->nheader; i++)
		free(a->header[i].value);
	free(a);
}

static void forget_all(struct http_cache *c)
{
	for (size_t i = 0; i < c->nauth; i++) {
		user_release(&c->auth[i].user);
		session_release(&c->auth[i].session);
	}
	c->nauth = 0;
	for (size_t i = 0; i < CACHE_ANSWERS_MAX; i++) {
		answer_free(c->answers[i]);
		c->answers[i] = NULL;
	}
	c->nanswers = 0;
	c->bytes = 0;
}

struct http_cache *http_cache_new(void)
{
	return xcalloc(1, sizeof(struct http_cache));
}

void http_cache_free(struct http_cache *c)
{
	if (!c)
		return;
	forget_all(c);
	free(c);
}

void http_cache_sync(struct http_cache *c, struct store *st)
{
	char version[STORE_VERSION_MAX], now[32];

	store_now(now);
	if (store_version(st, version)) {
		forget_all(c);
		c->version[0] = '\0';
		return;
	}
	if (!strcmp(version, c->version) && !strncmp(now, c->day, 10))
		return;
	forget_all(c);
	memcpy(c->version, version, sizeof(c->version));
	snprintf(c->day, sizeof(c->day), "%.10s", now);
}

bool http_cache_auth_get(struct http_cache *c, const char *digest, struct user *user,
                         struct session *session)
{
	char now[32];

	store_now(now);
	for (size_t i = 0; i < c->nauth; i++) {
		const struct auth_entry *e = &c->auth[i];

		if (strcmp(e->digest, digest) || strncmp(e->minute, now, 16))
			continue;
		user_copy(user, &e->user);
		if (e->has_session && session)
			session_copy(session, &e->session);
		return true;
	}
	return false;
}

void http_cache_auth_put(struct http_cache *c, const char *digest,
                         const struct user *user, const struct session *session)
{
	struct auth_entry *e;
	char now[32];

	if (c->nauth == AUTH_MAX)
		forget_all(c);
	e = &c->auth[c->nauth++];
	store_now(now);
	snprintf(e->digest, sizeof(e->digest), "%s", digest);
	snprintf(e->minute, sizeof(e->minute), "%.16s", now);
	user_copy(&e->user, user);
	e->has_session = session != NULL;
	if (session)
		session_copy(&e->session, session);
	else
		memset(&e->session, 0, sizeof(e->session));
}

static size_t slot_of(int64_t user_id, const char *key)
{
	size_t h = 2166136261u ^ (size_t)user_id;

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h % CACHE_ANSWERS_MAX;
}

const struct cached_answer *http_cache_answer_get(struct http_cache *c, int64_t user_id,
                                                  const char *key)
{
	size_t s = slot_of(user_id, key);

	for (size_t i = 0; i < CACHE_ANSWERS_MAX; i++) {
		const struct cached_answer *a = c->answers[(s + i) % CACHE_ANSWERS_MAX];

		if (!a)
			return NULL;
		if (a->user_id == user_id && !strcmp(a->key, key))
			return a;
	}
	return NULL;
}

void http_cache_answer_put(struct http_cache *c, const struct cached_answer *a)
{
	struct cached_answer *copy;
	size_t s;

	if (a->len > CACHE_ANSWER_MAX || a->nheader > CACHE_HEADERS_MAX ||
	    http_cache_answer_get(c, a->user_id, a->key))
		return;
	/* Half full keeps probing short; past either limit, start again. */
	if (c->nanswers + 1 > CACHE_ANSWERS_MAX / 2 ||
	    c->bytes + a->len > CACHE_BYTES_MAX)
		forget_all(c);
	copy = xcalloc(1, sizeof(*copy));
	copy->user_id = a->user_id;
	copy->key = xstrdup(a->key);
	copy->body = xmalloc(a->len + 1);
	memcpy(copy->body, a->body, a->len);
	copy->body[a->len] = '\0';
	copy->len = a->len;
	copy->content_type = xstrdup(a->content_type);
	memcpy(copy->etag, a->etag, sizeof(copy->etag));
	for (size_t i = 0; i < a->nheader; i++) {
		copy->header[i].name = a->header[i].name;
		copy->header[i].value = xstrdup(a->header[i].value);
	}
	copy->nheader = a->nheader;
	s = slot_of(a->user_id, a->key);
	while (c->answers[s])
		s = (s + 1) % CACHE_ANSWERS_MAX;
	c->answers[s] = copy;
	c->nanswers++;
	c->bytes += a->len;
}
