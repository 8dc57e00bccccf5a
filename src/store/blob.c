/*
 * blob.c - content: evidence files, stored once per SHA-256.
 *
 * The blob row is the store's record that content exists; where its bytes
 * live is the driver's matter (store_ops.blob_put and blob_read).  A read
 * always goes through the row first, so content that a rolled-back
 * transaction left behind is never reached.
 */
#include "core/error.h"
#include "store/driver.h"

int store_blob_put(struct store *st, int fd, char sha256[SHA256_HEX_LEN + 1],
                   int64_t *size, bool *created)
{
	char now[32];
	int64_t inserted = 0;
	int rc = store_begin(st);

	if (created)
		*created = false;
	if (rc)
		return rc;
	rc = st->ops->blob_put(st, fd, sha256, size);
	if (!rc) {
		store_now(now);
		/* A row only when this content is new: RETURNING says which. */
		rc = db_int(
		        st,
		        "INSERT INTO blob (sha256, size, created_at) VALUES (?, ?, ?) "
		        "ON CONFLICT (sha256) DO NOTHING RETURNING 1",
		        SQL_ARGS(ARG_TEXT(sha256), ARG_INT(*size), ARG_TEXT(now)),
		        &inserted);
		if (rc >= 0) {
			if (created)
				*created = rc > 0;
			rc = 0;
		}
	}
	return store_end(st, rc);
}

int store_blob_read(struct store *st, const char *sha256, blob_sink sink, void *ctx)
{
	int64_t size = 0;
	int rc = db_int(st, "SELECT size FROM blob WHERE sha256 = ?",
	                SQL_ARGS(ARG_TEXT(sha256)), &size);

	if (rc < 0)
		return rc;
	if (rc == 0)
		return error_set(E_NOTFOUND, "no stored content with SHA-256 '%s'",
		                 sha256);
	return st->ops->blob_read(st, sha256, size, sink, ctx);
}
