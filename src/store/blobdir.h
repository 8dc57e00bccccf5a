/*
 * blobdir.h - content-addressed files in a directory: how the SQLite
 * backend keeps evidence beside its database file.
 *
 * A blob is stored once under its SHA-256 (dir/ab/abcdef...); adding the
 * same content again finds it.  Content is hashed as it is copied, from the
 * very bytes written, so the name always matches what was stored even if
 * the source changes meanwhile; every read hashes again and refuses
 * content that no longer matches.
 */
#ifndef ISMS_BLOBDIR_H
#define ISMS_BLOBDIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/hash.h"
#include "store/store.h"

/*
 * Copy everything readable from fd into the directory (created if
 * missing).  Sets the hex digest, the size, and whether the content was new.
 */
int blobdir_put(const char *dir, int fd, char sha256[SHA256_HEX_LEN + 1], int64_t *size,
                bool *created);

/* Stream a blob to sink, verifying its digest; E_SCHEMA when damaged. */
int blobdir_read(const char *dir, const char *sha256, blob_sink sink, void *ctx);

/*
 * The one E_SCHEMA error for content that no longer matches its digest,
 * whichever backend keeps it, so that both say the same.
 */
int blob_damaged(const char *sha256);

/* Remove a blob (no error when it is already gone). */
int blobdir_remove(const char *dir, const char *sha256);

/*
 * Stream everything readable from fd through sink and a digest without
 * storing it: the reference path other blob stores share.
 */
int blob_stream(int fd, blob_sink sink, void *ctx, char sha256[SHA256_HEX_LEN + 1],
                int64_t *size);

/* Read until len bytes or the end: the count, or -1 with errno set. */
int64_t blob_read_full(int fd, unsigned char *buf, size_t len);
/* Write all of data: 0, or -1 with errno set (0 when nothing was written). */
int blob_write_full(int fd, const void *data, size_t len);

#endif
