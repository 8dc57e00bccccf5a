/*
 * driver.h - what a storage backend implements.  Only src/store/ sees it.
 *
 * The query functions of the store (org.c, scope.c, catalog.c ...) are
 * written once against this interface, in SQL that SQLite and PostgreSQL
 * both accept.  Parameters are always bound, never spliced: statements use
 * '?' placeholders, which a driver may rewrite to its own syntax.
 */
#ifndef ISMS_DRIVER_H
#define ISMS_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

enum sql_type { SQL_NULL, SQL_INT, SQL_TEXT, SQL_BYTES };

struct sql_arg {
	enum sql_type type;
	int64_t i;
	const char *s;
	/* SQL_BYTES: len raw bytes at s, which may hold NULs. */
	size_t len;
};

static inline struct sql_arg ARG_INT(int64_t v) {
	return (struct sql_arg){ .type = SQL_INT, .i = v };
}

/* A NULL pointer binds SQL NULL. */
static inline struct sql_arg
ARG_TEXT(const char *v) {
	return (struct sql_arg){ .type = v ? SQL_TEXT : SQL_NULL, .s = v };
}

static inline struct sql_arg
ARG_BOOL(int v) {
	return ARG_INT(v ? 1 : 0);
}

/* Raw bytes for a @BYTES@ column; never SQL NULL, even when len is 0. */
static inline struct sql_arg
ARG_BYTES(const void *v, size_t len) {
	return (struct sql_arg){ .type = SQL_BYTES,
		                 .s = v ? (const char *)v : "",
		                 .len = len };
}

/* A result cursor; its layout is the driver's own. */
struct db_rows;

struct store_ops {
	const char *name;
	/* SQL that replaces @PK@ in migrations. */
	const char *pk_type;
	/* SQL that replaces @BYTES@: a column of raw bytes. */
	const char *bytes_type;
	/* One parameter: a table name; one row, one integer column: 0 or 1. */
	const char *sql_table_exists;
	/* No parameters; one row: how many tables the database holds. */
	const char *sql_table_count;
	/* No parameters; one row per table of the store (not the backend's own). */
	const char *sql_table_names;
	/*
	 * Optional, run first in the migration transaction: a lock that makes
	 * processes opening the same new database migrate it in turn.  NULL
	 * when begin() already serialises writers.
	 */
	const char *sql_migration_lock;
	/* Starts a read-only transaction that sees one consistent snapshot. */
	const char *sql_begin_read;

	int (*open)(struct store *st, const char *target, unsigned flags);
	void (*close)(struct store *st);
	/* Run statements without parameters or results (migrations). */
	int (*exec_script)(struct store *st, const char *sql);
	int (*query)(struct store *st, const char *sql, const struct sql_arg *args,
	             size_t nargs, struct db_rows **out);
	/* 1: a row is ready; 0: no more rows; <0: error. */
	int (*next)(struct db_rows *rows);
	/* Column text, or NULL for SQL NULL; valid until the next call. */
	const char *(*text)(struct db_rows *rows, int col);
	int64_t (*integer)(struct db_rows *rows, int col);
	/* The result's columns; known before the first next(). */
	int (*ncolumns)(struct db_rows *rows);
	const char *(*column_name)(struct db_rows *rows, int col);
	void (*done)(struct db_rows *rows);
	int (*begin)(struct store *st);
	int (*commit)(struct store *st);
	int (*rollback)(struct store *st);
	/*
	 * Optional: after rows were inserted with explicit values in an
	 * auto-numbered column, make the next automatic value follow the
	 * largest.  NULL when the backend does that by itself.
	 */
	int (*reset_ids)(struct store *st, const char *table, const char *column);
	/*
	 * Content (store_blob_put, store_blob_read); the blob rows are the
	 * store's, where the bytes live is the driver's.  blob_put stores
	 * everything readable from fd, hashing the very bytes it stores, and
	 * sets their digest and size; what it stores becomes reachable once
	 * the blob row commits.  blob_read streams the `size` bytes stored
	 * under a digest to sink and refuses them (blob_damaged) when they no
	 * longer match it.
	 */
	int (*blob_put)(struct store *st, int fd, char sha256[SHA256_HEX_LEN + 1],
	                int64_t *size);
	int (*blob_read)(struct store *st, const char *sha256, int64_t size,
	                 blob_sink sink, void *ctx);
};

struct store {
	const struct store_ops *ops;
	void *conn;
	char *target;
	int tx_depth;
	int tx_failed;
	int migrations_applied;
};

extern const struct store_ops sqlite_ops;
extern const struct store_ops pg_ops;

#define SQL_ARGS(...)                                              \
	((const struct sql_arg[]){ __VA_ARGS__ }),                 \
	        (sizeof((const struct sql_arg[]){ __VA_ARGS__ }) / \
	         sizeof(struct sql_arg))
#define SQL_NOARGS NULL, 0

/* Run a statement to completion, ignoring rows. */
int db_exec(struct store *st, const char *sql, const struct sql_arg *args, size_t nargs);
/*
 * Run a statement that yields at most one row with one integer column.
 * Returns 1 and sets *out when there was a row, 0 when none.
 */
int db_int(struct store *st, const char *sql, const struct sql_arg *args, size_t nargs,
           int64_t *out);
/* Run a query and hand every row to fn. */
typedef void (*db_row_fn)(struct store *st, struct db_rows *rows, void *ctx);
int db_each(struct store *st, const char *sql, const struct sql_arg *args, size_t nargs,
            db_row_fn fn, void *ctx);
/* A column's text duplicated (NULL stays NULL). */
char *db_strdup(struct store *st, struct db_rows *rows, int col);

struct strbuf;
/*
 * Rewrite the '?' placeholders of a statement to PostgreSQL's $1..$n,
 * leaving quoted literals, quoted identifiers and comments alone.  Sets
 * *count to the number of placeholders.  Exposed for its unit test.
 */
int sql_dollar_placeholders(const char *sql, struct strbuf *out, size_t *count);

#endif
