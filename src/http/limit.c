/*
 * limit.c - how often sign-in may fail.  Failures are counted per client
 * address and per user name over a sliding window; once either reaches
 * HTTP_LOGIN_FAILURES_MAX, sign-in is refused (429) until the oldest
 * failure leaves the window.  The table has a fixed size: when it is
 * full, the entry unused the longest is taken over, so a flood of names
 * cannot exhaust memory (it can only make the limit forget sooner).
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "http/http.h"

#define ENTRIES 1024
#define KEY_MAX 160

struct entry {
	char key[KEY_MAX];
	long fails[HTTP_LOGIN_FAILURES_MAX]; /* monotonic seconds, a ring */
	int n, next;
	long used;
};

static struct entry table[ENTRIES];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static long now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec;
}

static void make_key(char out[KEY_MAX], const char *kind, const char *value)
{
	size_t n = (size_t)snprintf(out, KEY_MAX, "%s:%s", kind, value ? value : "");

	/* Names compare without regard to case, as user names do. */
	for (size_t i = 0; i < n && i < KEY_MAX; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
}

/* The entry of key, or NULL (create: take a free or the stalest one). */
static struct entry *find(const char *key, bool create, long now)
{
	struct entry *stalest = &table[0];

	for (size_t i = 0; i < ENTRIES; i++) {
		if (table[i].key[0] && !strcmp(table[i].key, key)) {
			table[i].used = now;
			return &table[i];
		}
		if (table[i].used < stalest->used)
			stalest = &table[i];
	}
	if (!create)
		return NULL;
	memset(stalest, 0, sizeof(*stalest));
	snprintf(stalest->key, sizeof(stalest->key), "%s", key);
	stalest->used = now;
	return stalest;
}

/* Failures of the entry still within the window. */
static int recent(const struct entry *e, long now)
{
	int k = 0;

	for (int i = 0; e && i < e->n; i++)
		k += now - e->fails[i] < HTTP_LOGIN_WINDOW_SECONDS;
	return k;
}

int http_login_allowed(const char *remote, const char *name)
{
	char ip[KEY_MAX], user[KEY_MAX];
	long now = now_seconds();
	int worst;

	make_key(ip, "ip", remote);
	make_key(user, "name", name);
	pthread_mutex_lock(&lock);
	worst = recent(find(ip, false, now), now);
	if (recent(find(user, false, now), now) > worst)
		worst = recent(find(user, false, now), now);
	pthread_mutex_unlock(&lock);
	if (worst >= HTTP_LOGIN_FAILURES_MAX)
		return error_set(E_RATE,
		                 "too many failed sign-ins; try again in %d minutes",
		                 HTTP_LOGIN_WINDOW_SECONDS / 60);
	return 0;
}

static void record_failure(const char *key, long now)
{
	struct entry *e = find(key, true, now);

	e->fails[e->next] = now;
	e->next = (e->next + 1) % HTTP_LOGIN_FAILURES_MAX;
	if (e->n < HTTP_LOGIN_FAILURES_MAX)
		e->n++;
}

void http_login_result(const char *remote, const char *name, bool ok)
{
	char ip[KEY_MAX], user[KEY_MAX];
	long now = now_seconds();

	make_key(ip, "ip", remote);
	make_key(user, "name", name);
	pthread_mutex_lock(&lock);
	if (ok) {
		/* The right password clears the name, not the address: one good
		 * account must not reset the count of an address guessing others. */
		struct entry *e = find(user, false, now);

		if (e)
			memset(e, 0, sizeof(*e));
	} else {
		record_failure(ip, now);
		record_failure(user, now);
	}
	pthread_mutex_unlock(&lock);
}
