/*
 * blobdir.c - content-addressed blob files, copied and hashed in parallel.
 *
 * Adding a large file is bounded by SHA-256, so the copy runs on a second
 * thread: it reads a chunk into a ring slot and writes it to a temporary
 * file, while this thread hashes the slots it has finished.  Both threads
 * see the same bytes, so the digest is of exactly what was written.
 */
#include "store/blobdir.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "core/xalloc.h"

#define CHUNK ((size_t)1 << 20)
#define SLOTS 4

struct slot {
	unsigned char *buf;
	size_t len;
	int state; /* 0 free, 1 filled, 2 end of input */
};

struct pipe {
	int src, dst;
	struct slot slots[SLOTS];
	pthread_mutex_t lock;
	pthread_cond_t changed;
	int err;          /* errno of the copying thread, 0 when fine */
	const char *what; /* what failed */
};

int64_t blob_read_full(int fd, unsigned char *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (int64_t)got;
}

int blob_write_full(int fd, const void *data, size_t len)
{
	const unsigned char *buf = data;

	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The copying thread: read into free slots, write them out, hand them on. */
static void *copier(void *arg)
{
	struct pipe *p = arg;

	for (size_t k = 0;; k++) {
		struct slot *s = &p->slots[k % SLOTS];
		int64_t n;
		int state = 1;

		pthread_mutex_lock(&p->lock);
		while (s->state != 0 && !p->err)
			pthread_cond_wait(&p->changed, &p->lock);
		pthread_mutex_unlock(&p->lock);
		if (p->err)
			return NULL;
		n = blob_read_full(p->src, s->buf, CHUNK);
		if (n < 0) {
			p->what = "reading";
		} else if (n > 0 && p->dst >= 0 &&
		           blob_write_full(p->dst, s->buf, (size_t)n)) {
			n = -1;
			p->what = "writing";
		}
		pthread_mutex_lock(&p->lock);
		if (n < 0) {
			p->err = errno ? errno : EIO;
		} else {
			s->len = (size_t)n;
			if ((size_t)n < CHUNK)
				state = 2;
			s->state = state;
		}
		pthread_cond_broadcast(&p->changed);
		pthread_mutex_unlock(&p->lock);
		if (n < 0 || state == 2)
			return NULL;
	}
}

/*
 * Run the pipeline from src to dst (dst < 0: only hash, hand data to sink).
 * The sink, when given, runs on this thread.
 */
static int pump(int src, int dst, blob_sink sink, void *ctx,
                char sha256[SHA256_HEX_LEN + 1], int64_t *size)
{
	struct pipe p = { .src = src, .dst = dst };
	struct sha256_ctx *h = sha256_new();
	pthread_t thread;
	int rc = 0, done = 0;

	*size = 0;
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.changed, NULL);
	for (int i = 0; i < SLOTS; i++)
		p.slots[i].buf = xmalloc(CHUNK);
	if (pthread_create(&thread, NULL, copier, &p) != 0)
		BUG("cannot start a thread");
	for (size_t k = 0; !done; k++) {
		struct slot *s = &p.slots[k % SLOTS];

		pthread_mutex_lock(&p.lock);
		while (s->state == 0 && !p.err)
			pthread_cond_wait(&p.changed, &p.lock);
		if (s->state == 0) { /* the copier failed */
			pthread_mutex_unlock(&p.lock);
			break;
		}
		pthread_mutex_unlock(&p.lock);
		sha256_update(h, s->buf, s->len);
		*size += (int64_t)s->len;
		if (sink && s->len && sink(ctx, s->buf, s->len) && !rc)
			rc = error_code() ? -(int)error_code() : -E_IO;
		done = s->state == 2;
		pthread_mutex_lock(&p.lock);
		s->state = 0;
		if (rc)
			p.err = ECANCELED;
		pthread_cond_broadcast(&p.changed);
		pthread_mutex_unlock(&p.lock);
		if (rc)
			break;
	}
	pthread_join(thread, NULL);
	sha256_final_hex(h, sha256);
	if (!rc && p.err)
		rc = error_set(E_IO, "%s failed: %s", p.what ? p.what : "copying",
		               strerror(p.err));
	for (int i = 0; i < SLOTS; i++)
		free(p.slots[i].buf);
	pthread_cond_destroy(&p.changed);
	pthread_mutex_destroy(&p.lock);
	return rc;
}

int blob_stream(int fd, blob_sink sink, void *ctx, char sha256[SHA256_HEX_LEN + 1],
                int64_t *size)
{
	return pump(fd, -1, sink, ctx, sha256, size);
}

static void blob_path(char *out, size_t n, const char *dir, const char *sha)
{
	snprintf(out, n, "%s/%.2s/%s", dir, sha, sha);
}

static int make_dir(const char *path)
{
	if (mkdir(path, 0750) == 0 || errno == EEXIST)
		return 0;
	return error_set(E_IO, "cannot create %s: %s", path, strerror(errno));
}

static int valid_sha(const char *sha)
{
	if (strlen(sha) != SHA256_HEX_LEN ||
	    strspn(sha, "0123456789abcdef") != SHA256_HEX_LEN)
		return error_set(E_INVALID,
		                 "'%s' is not a SHA-256 digest (64 hex digits)", sha);
	return 0;
}

int blobdir_put(const char *dir, int fd, char sha256[SHA256_HEX_LEN + 1], int64_t *size,
                bool *created)
{
	char tmp[4096], final[4096], sub[4096];
	int dst, rc;

	*created = false;
	rc = make_dir(dir);
	if (rc)
		return rc;
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s/.incoming-XXXXXX", dir) >= sizeof(tmp))
		return error_set(E_IO, "evidence directory path is too long");
	dst = mkstemp(tmp);
	if (dst < 0)
		return error_set(E_IO, "cannot write in %s: %s", dir, strerror(errno));
	rc = pump(fd, dst, NULL, NULL, sha256, size);
	if (close(dst) != 0 && !rc)
		rc = error_set(E_IO, "cannot write in %s: %s", dir, strerror(errno));
	if (rc) {
		unlink(tmp);
		return rc;
	}
	snprintf(sub, sizeof(sub), "%s/%.2s", dir, sha256);
	blob_path(final, sizeof(final), dir, sha256);
	rc = make_dir(sub);
	if (!rc && access(final, F_OK) == 0) {
		unlink(tmp); /* the same content is already stored */
		return 0;
	}
	if (!rc && rename(tmp, final) != 0)
		rc = error_set(E_IO, "cannot store %s: %s", final, strerror(errno));
	if (rc)
		unlink(tmp);
	else
		*created = true;
	return rc;
}

int blobdir_read(const char *dir, const char *sha256, blob_sink sink, void *ctx)
{
	char path[4096], got[SHA256_HEX_LEN + 1];
	int64_t size;
	int fd, rc = valid_sha(sha256);

	if (rc)
		return rc;
	blob_path(path, sizeof(path), dir, sha256);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return error_set(E_SCHEMA, "evidence %s is missing from %s", sha256, dir);
	rc = pump(fd, -1, sink, ctx, got, &size);
	close(fd);
	if (!rc && strcmp(got, sha256))
		rc = blob_damaged(sha256);
	return rc;
}

int blob_damaged(const char *sha256)
{
	return error_set(E_SCHEMA,
	                 "evidence %.12s... is damaged: its content no longer matches "
	                 "its SHA-256",
	                 sha256);
}

int blobdir_remove(const char *dir, const char *sha256)
{
	char path[4096];
	int rc = valid_sha(sha256);

	if (rc)
		return rc;
	blob_path(path, sizeof(path), dir, sha256);
	if (unlink(path) != 0 && errno != ENOENT)
		return error_set(E_IO, "cannot remove %s: %s", path, strerror(errno));
	return 0;
}
